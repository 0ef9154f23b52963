//! The demo's residents' requests: the grid layout of fixtures/grid.toml with its grid staff,
//! and a realistic week of requests across the grids, in every state of the loop.

use super::Rng;
use crate::domain::operator::Role;
use crate::domain::request::{Kind, Rating, Source, Step, Urgency};
use crate::model::requests::{NewRequest, TakerRef};
use crate::storage::{Clock, Db, StorageError};
use chrono::{DateTime, Duration, FixedOffset, NaiveTime, TimeZone};

/// The demo's grid staff: (login, name). 刘伟 and 何梅 lead grids, 孙丽 walks them.
pub const GRID_STAFF: &[(&str, &str)] = &[("liuwei", "刘伟"), ("hemei", "何梅"), ("sunli", "孙丽")];

/// (kind, service, text) of what residents bring.
const ASKS: &[(Kind, Option<&str>, &str)] = &[
    (Kind::Order, Some("repair"), "楼道灯不亮，晚上老人上下楼看不见"),
    (Kind::Order, Some("repair"), "厨房水管漏水，楼下天花板渗水"),
    (Kind::Order, Some("meal"), "独居老人腿脚不便，希望每天中午送餐"),
    (Kind::Order, Some("haircut"), "卧床老人需要上门理发"),
    (Kind::Order, Some("health"), "想请人上门测血压，老人行动不便"),
    (Kind::Order, Some("legal"), "装修合同纠纷，想咨询怎么维权"),
    (Kind::Order, Some("counsel"), "孩子中考后情绪低落，想找人做心理辅导"),
    (Kind::Order, Some("tidy"), "单元门口堆放杂物和建筑垃圾"),
    (Kind::Complaint, Some("noise"), "楼上装修噪音扰民，中午也不停"),
    (Kind::Complaint, None, "小区门口电动车乱停，消防通道被堵"),
    (Kind::Help, None, "独居老人三天没出门，邻居担心"),
    (Kind::Consult, None, "请问居住证怎么办理，需要什么材料"),
    (Kind::Suggestion, None, "建议在小区广场增加休息座椅"),
    (Kind::Help, Some("repair"), "电表箱跳闸，整层停电"),
];

fn err(e: crate::model::requests::RequestOpError) -> StorageError {
    StorageError::Sqlite(format!("demo requests: {e}"))
}

/// The grid staff, the layout, and a week of requests up to `now`.
pub fn populate_requests(db: &mut Db, now: DateTime<FixedOffset>) -> Result<(), StorageError> {
    let admin = "root";
    for (login, name) in GRID_STAFF {
        if db.operator(login)?.is_none() {
            db.add_operator(admin, login, name, Role::Grid, None)?;
        }
    }
    db.set_clock(Clock::Fixed(now - Duration::days(8)));
    let layout = crate::domain::grid::parse_toml(include_str!("../../../fixtures/grid.toml"))
        .map_err(|e| StorageError::Sqlite(format!("demo grid layout: {}", e.what)))?;
    db.import_grid(admin, &layout).map_err(err)?;
    let residents = db.residents_page(0, 300)?;
    if residents.is_empty() {
        return Ok(());
    }
    let offset = *now.offset();
    let at = |d: chrono::NaiveDateTime| Clock::Fixed(offset.from_local_datetime(&d).single().unwrap_or(now));
    let mut rng = Rng(20_261_201);
    let today = now.date_naive();
    for back in (0..=7).rev() {
        let day = today - Duration::days(back);
        let n = if back == 0 { 4 } else { rng.range(5, 9) };
        for i in 0..n {
            let minute = rng.range(0, 59) as u32;
            let hour = 9 + (i as u32 * 7 / n as u32).min(7);
            let taken = day.and_time(NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or_default());
            if taken >= now.naive_local() - Duration::minutes(20) {
                continue;
            }
            let (kind, service, text) = *rng.pick(ASKS);
            let resident = rng.pick(&residents);
            let anonymous = kind == Kind::Complaint && rng.range(0, 3) == 0;
            let place = format!("{}{}栋", resident.address.estate, resident.address.building);
            let new = NewRequest {
                kind,
                service: service.map(str::to_string),
                resident_id: (!anonymous).then_some(resident.id),
                place: if anonymous { place } else { String::new() },
                grid: None,
                text: text.to_string(),
                urgency: if rng.range(0, 6) == 0 { Urgency::Urgent } else { Urgency::Normal },
                photos: if rng.range(0, 4) == 0 {
                    vec![format!("/srv/yichuang/photos/{}-{i}.jpg", day)]
                } else {
                    vec![]
                },
                source: [Source::Window, Source::Rounds, Source::MemberDesk][rng.range(0, 2) as usize],
                ticket_id: None,
            };
            let clerk = match new.source {
                Source::Rounds => "sunli",
                Source::MemberDesk => "zhaolei",
                Source::Window => "wangfang",
            };
            db.set_clock(at(taken));
            let r = db.add_request(clerk, &new).map_err(err)?;
            // How far it got: today's are mostly waiting; older ones further along.
            let stage = if back == 0 { rng.range(0, 2) } else { rng.range(1, 6).min(back as u64 + 1) };
            if stage == 0 {
                continue;
            }
            let leader = if r.grid == "第一网格" || r.grid == "第二网格" { "liuwei" } else { "hemei" };
            let cands = db.request_candidates(r.id).map_err(err)?;
            let pick = cands
                .iter()
                .find(|c| c.kind != crate::domain::request::Provider::Department)
                .map(|c| c.key.clone())
                .unwrap_or_else(|| "grid:sunli".into());
            let to = TakerRef::parse(&pick).unwrap_or(TakerRef::Grid("sunli".into()));
            // Who may record the taker's steps (`model::requests::may_record`).
            let actor = match &to {
                TakerRef::Grid(l) => l.clone(),
                TakerRef::Member(_) => "zhaolei".to_string(),
                TakerRef::Contact(..) => leader.to_string(),
            };
            let mut t = taken + Duration::minutes(40);
            let step_at = |db: &mut Db, t: chrono::NaiveDateTime| db.set_clock(at(t.min(now.naive_local())));
            step_at(db, t);
            db.dispatch_request(leader, r.id, None, &to).map_err(err)?;
            if stage == 1 {
                continue;
            }
            t += Duration::hours(1);
            step_at(db, t);
            db.request_step(&actor, r.id, None, Step::Accept, "").map_err(err)?;
            if stage == 2 {
                continue;
            }
            t += Duration::hours(rng.range(2, 20) as i64);
            step_at(db, t);
            let hours = matches!(to, TakerRef::Member(_)).then_some(rng.range(2, 5) as u32);
            db.complete_request(&actor, r.id, None, "已上门处理", hours).map_err(err)?;
            if stage == 3 {
                continue;
            }
            t += Duration::hours(2);
            step_at(db, t);
            let rating = match rng.range(0, 9) {
                0 => Rating::Unsatisfied,
                1 | 2 => Rating::Fair,
                _ => Rating::Satisfied,
            };
            db.rate_request("wangfang", r.id, rating, "").map_err(err)?;
        }
    }
    // One the community could not handle: called in to the housing department.
    if let Some(r) = db
        .requests(
            &crate::model::requests::Reader { login: admin.into(), supervisor: true },
            &crate::model::requests::RequestFilter { open: true, limit: 50, ..Default::default() },
        )
        .map_err(err)?
        .into_iter()
        .find(|r| r.state == crate::domain::request::State::Dispatched && r.service.as_deref() == Some("repair"))
    {
        db.set_clock(at(now.naive_local() - Duration::minutes(10)));
        let _ = db.escalate_request("liuwei", r.id, "区住房和城乡建设局", 5, "外墙渗水涉及公共维修资金");
    }
    Ok(())
}
