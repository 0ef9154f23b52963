//! The demo centre's working day: residents, and cases in every state, dated around today so
//! that due-soon and overdue warnings show up whenever the demo is opened.

use crate::domain::calendar::Calendar;
use crate::domain::case::{CaseMaterial, Channel, MaterialStatus, Transition};
use crate::domain::catalog::{LimitUnit, ServiceItem};
use crate::domain::resident::{Address, Resident, Tag, check_char};
use crate::storage::{Clock, Db, IntakeRequest, MaterialEvent, Registered, StorageError};
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime, TimeZone};

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马",
    "罗", "曾", "单",
];
const GIVEN: &[&str] = &[
    "秀英", "桂英", "建国", "志强", "淑珍", "玉兰", "海燕", "国华", "丽娟", "明", "伟", "芳", "静", "磊", "洋", "婷",
    "德福", "金凤", "子涵", "浩然", "雨桐", "文博", "春梅", "永刚",
];
const ESTATES: &[&str] = &["幸福里小区", "和园新村", "梧桐苑", "金陵花园", "东湖雅居"];
const AREAS: &[&str] = &["320124", "320102", "320104", "340524", "110108"];

/// A tiny deterministic generator: the same demo every time.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    pub(crate) fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[(self.next() % xs.len() as u64) as usize]
    }
    pub(crate) fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
}

fn id_number(rng: &mut Rng, birth: NaiveDate, male: bool) -> String {
    let order = rng.range(1, 499) * 2 + u64::from(male) - 1;
    let body = format!("{}{}{:03}", rng.pick(AREAS), birth.format("%Y%m%d"), order % 1000);
    let check = check_char(&body).unwrap_or('0');
    format!("{body}{check}")
}

fn resident(rng: &mut Rng, today: NaiveDate, i: usize) -> Resident {
    // Many of those who come to the desk are elderly.
    let age = if i.is_multiple_of(3) { rng.range(80, 95) } else { rng.range(19, 79) };
    let birth = today - Duration::days((age * 365 + rng.range(10, 300)) as i64);
    let male = rng.next().is_multiple_of(2);
    let mut tags = Vec::new();
    if age >= 60 {
        tags.push(Tag::Elderly);
    }
    if i % 7 == 3 {
        tags.push(Tag::Disability);
    }
    if i % 11 == 5 {
        tags.push(Tag::Veteran);
    }
    if i % 9 == 4 {
        tags.push(Tag::Hardship);
    }
    let phone_prefix = *rng.pick(&["138", "139", "150", "186", "189", "177", "199"]);
    Resident {
        id: 0,
        name: format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN)),
        id_number: id_number(rng, birth, male),
        phone: if i % 8 == 7 { String::new() } else { format!("{phone_prefix}{:08}", rng.range(0, 99_999_999)) },
        address: Address {
            estate: rng.pick(ESTATES).to_string(),
            building: rng.range(1, 18).to_string(),
            unit: rng.range(1, 4).to_string(),
            room: format!("{}{:02}", rng.range(1, 18), rng.range(1, 4)),
        },
        grid: format!("第{}网格", rng.range(1, 6)),
        tags,
    }
}

/// `n` working days before `d`.
fn working_days_back(cal: &Calendar, d: NaiveDate, n: u32) -> NaiveDate {
    let mut day = d;
    let mut left = n;
    while left > 0 {
        day = day.pred_opt().unwrap_or(day);
        if cal.is_working_day(day) {
            left -= 1;
        }
    }
    day
}

/// What happens to a demo case after intake.
#[derive(Clone, Copy)]
enum Plan {
    /// Accepted, nothing else.
    Open,
    /// Being handled.
    Started,
    /// Suspended with a reason.
    Suspended,
    /// Completed and rated (stars; 0 = not rated).
    Completed(u8),
    /// Returned with a reason.
    Returned,
    /// The one-time notice was handed over.
    Notice,
    /// Notice, then refused.
    Refused,
}

/// Fills a fresh demo database with residents and the cases of the last weeks; `now` is the
/// demo's "now" and `clerks` the logins that take cases in.
pub fn populate(db: &mut Db, now: DateTime<FixedOffset>, clerks: &[&str]) -> Result<(), StorageError> {
    let mut rng = Rng(20261122);
    let today = now.date_naive();
    let cal = db.calendar()?;
    let items: Vec<ServiceItem> = db.service_items()?;
    db.set_setting(clerks[0], "centre_name", "幸福里社区党群服务中心")?;
    db.set_setting(clerks[0], "centre_phone", "025-52381234")?;
    let mut residents = Vec::new();
    for i in 0..48 {
        let r = resident(&mut rng, today, i);
        if let Registered::New(r) = db.register_resident(clerks[i % clerks.len()], &r)? {
            residents.push(r);
        }
    }
    let wd = |n: u16| items.iter().filter(move |i| i.time_limit.unit == LimitUnit::WorkingDays && i.time_limit.n == n);
    let pick_item = |rng: &mut Rng, n: u16| -> Option<ServiceItem> {
        let v: Vec<&ServiceItem> = wd(n).collect();
        (!v.is_empty()).then(|| (*rng.pick(&v)).clone())
    };
    // (working days ago, limit in working days, plan): dated so that some are due soon and
    // some overdue on the demo's today.
    let plans: &[(u32, u16, Plan)] = &[
        (12, 5, Plan::Completed(5)),
        (11, 5, Plan::Completed(4)),
        (10, 3, Plan::Completed(2)),
        (9, 5, Plan::Completed(5)),
        (8, 3, Plan::Completed(1)),
        (7, 5, Plan::Completed(0)),
        (9, 5, Plan::Started),
        (8, 5, Plan::Open),
        (7, 5, Plan::Started),
        (5, 5, Plan::Started),
        (4, 5, Plan::Open),
        (3, 3, Plan::Started),
        (3, 10, Plan::Open),
        (2, 10, Plan::Started),
        (2, 15, Plan::Open),
        (1, 5, Plan::Open),
        (1, 10, Plan::Started),
        (6, 10, Plan::Suspended),
        (4, 15, Plan::Suspended),
        (3, 5, Plan::Notice),
        (1, 5, Plan::Notice),
        (0, 5, Plan::Notice),
        (9, 5, Plan::Refused),
        (6, 5, Plan::Returned),
        (0, 3, Plan::Open),
        (0, 5, Plan::Open),
        (0, 10, Plan::Started),
    ];
    let tz = now.timezone();
    for (n, &(ago, limit, plan)) in plans.iter().enumerate() {
        let Some(item) = pick_item(&mut rng, limit).or_else(|| pick_item(&mut rng, 5)) else { continue };
        let day = working_days_back(&cal, today, ago);
        let minutes = rng.range(0, 6 * 60);
        let start = NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default() + Duration::minutes(minutes as i64);
        // Today's cases were taken in before now.
        let mut at = tz.from_local_datetime(&day.and_time(start)).single().unwrap_or(now);
        if at > now {
            at = now - Duration::minutes((n as i64 + 1) * 7);
        }
        db.set_clock(Clock::Fixed(at));
        let clerk = clerks[n % clerks.len()];
        let resident = &residents[(n * 5 + 3) % residents.len()];
        let notice = matches!(plan, Plan::Notice | Plan::Refused);
        let channel = match n % 6 {
            2 => Channel::OnBehalf,
            4 => Channel::Appointment,
            _ => Channel::Window,
        };
        let mut first_required = true;
        let materials: Vec<CaseMaterial> = item
            .materials
            .iter()
            .map(|m| {
                let status = if !m.required {
                    MaterialStatus::Missing
                } else if notice && first_required {
                    first_required = false;
                    MaterialStatus::Missing
                } else if n % 5 == 1 && first_required {
                    first_required = false;
                    MaterialStatus::Waived(cal.add_working_days(day, 5))
                } else {
                    MaterialStatus::Presented
                };
                CaseMaterial {
                    name: m.name.clone(),
                    required: m.required,
                    status,
                    original_received: None,
                    original_returned: None,
                }
            })
            .collect();
        let req = IntakeRequest { item_code: item.code.clone(), resident_id: resident.id, channel, materials };
        let case = db.intake(clerk, &req).map_err(case_err)?;
        let later = |minutes: i64| (at + Duration::minutes(minutes)).min(now);
        let mut c = case;
        match plan {
            Plan::Open | Plan::Notice => {}
            Plan::Started => {
                db.set_clock(Clock::Fixed(later(40)));
                db.transition(clerk, c.id, c.version, Transition::Start, "").map_err(case_err)?;
            }
            Plan::Suspended => {
                db.set_clock(Clock::Fixed(later(60)));
                c = db.transition(clerk, c.id, c.version, Transition::Start, "").map_err(case_err)?;
                db.set_clock(Clock::Fixed(later(24 * 60)));
                let reason = "等待户籍地民政部门协查家庭经济状况";
                db.transition(clerk, c.id, c.version, Transition::Suspend, reason).map_err(case_err)?;
            }
            Plan::Completed(stars) => {
                db.set_clock(Clock::Fixed(later(30)));
                c = db.transition(clerk, c.id, c.version, Transition::Start, "").map_err(case_err)?;
                let done = tz
                    .from_local_datetime(
                        &cal.add_working_days(day, u32::from(limit) - 1).and_hms_opt(15, 20, 0).unwrap_or_default(),
                    )
                    .single()
                    .unwrap_or(now)
                    .min(now);
                db.set_clock(Clock::Fixed(done));
                if channel == Channel::OnBehalf {
                    c = db
                        .material_event(clerk, c.id, c.version, 0, MaterialEvent::OriginalReturned)
                        .map_err(case_err)?;
                }
                c = db.transition(clerk, c.id, c.version, Transition::Complete, "").map_err(case_err)?;
                if stars > 0 {
                    c = db.rate(clerk, c.id, c.version, stars).map_err(case_err)?;
                }
                if stars == 1 {
                    db.set_clock(Clock::Fixed((done + Duration::days(1)).min(now)));
                    let note = "负责人电话回访，解释审核流程并致歉，申请人表示理解";
                    db.follow_up("chenjing", c.id, c.version, note).map_err(case_err)?;
                }
            }
            Plan::Returned => {
                db.set_clock(Clock::Fixed(later(3 * 24 * 60)));
                let reason = "申请人户籍不在本街道，请到户籍地社区办理";
                db.transition(clerk, c.id, c.version, Transition::Return, reason).map_err(case_err)?;
            }
            Plan::Refused => {
                db.set_clock(Clock::Fixed(later(6 * 24 * 60)));
                let reason = "告知期满未补齐材料";
                db.transition(clerk, c.id, c.version, Transition::Reject, reason).map_err(case_err)?;
            }
        }
    }
    db.set_clock(Clock::shanghai());
    Ok(())
}

fn case_err(e: crate::storage::CaseOpError) -> StorageError {
    match e {
        crate::storage::CaseOpError::Storage(e) => e,
        other => StorageError::Sqlite(format!("demo data: {other}")),
    }
}

fn queue_err(e: crate::storage::QueueError) -> StorageError {
    match e {
        crate::storage::QueueError::Storage(e) => e,
        other => StorageError::Sqlite(format!("demo queue: {other}")),
    }
}

/// A morning in progress at the windows: numbers served, being served, parked, no-shows,
/// waiting (with a green-channel ticket and an appointment), and appointments still to come.
pub fn populate_queue(db: &mut Db, now: DateTime<FixedOffset>) -> Result<(), StorageError> {
    use crate::domain::queue::Outcome;
    let all: Vec<String> = db.categories()?.into_iter().map(|c| c.code).collect();
    let admin = "wangfang";
    db.set_window(admin, 1, "社保医保窗口", &["SB".into(), "YB".into(), "JY".into()])?;
    db.set_window(admin, 2, "民政残联窗口", &["MZ".into(), "CL".into(), "LL".into(), "TY".into(), "WJ".into()])?;
    db.set_window(admin, 3, "综合窗口", &all)?;
    db.set_window(admin, 4, "户籍证明窗口", &["HJ".into(), "SF".into(), "GH".into(), "FL".into(), "ZF".into()])?;
    let residents = db.residents()?;
    let old = residents.iter().find(|r| r.tags.contains(&Tag::Elderly)).map(|r| r.id);
    // The morning: tickets every few minutes over the last two and a half hours.
    let start = now - Duration::minutes(150);
    let cats = [
        "SB", "SB", "YB", "MZ", "SB", "HJ", "YB", "CL", "SB", "JY", "LL", "SB", "YB", "MZ", "SB", "TY", "YB", "SB",
        "HJ", "SB", "MZ", "YB", "SB", "CL",
    ];
    let step = 140 / cats.len() as i64;
    let mut taken = Vec::new();
    for (i, cat) in cats.iter().enumerate() {
        db.set_clock(Clock::Fixed(start + Duration::minutes(i as i64 * step)));
        let green = (i == 17).then_some("80岁以上");
        let resident = if i == 17 { old } else { None };
        taken.push(db.take_ticket("wangfang", cat, green, resident).map_err(queue_err)?.ticket);
    }
    for (login, window) in [("wangfang", 1u16), ("liqiang", 2), ("zhouli", 3)] {
        db.set_clock(Clock::Fixed(start + Duration::minutes(2)));
        db.sign_in(login, window).map_err(queue_err)?;
    }
    // Serve in rounds while the morning goes on.
    let outcomes = [Outcome::Consultation, Outcome::CaseAccepted, Outcome::CertificateCollected, Outcome::Consultation];
    for round in 0..5i64 {
        for (k, login) in ["wangfang", "liqiang", "zhouli"].iter().enumerate() {
            let t0 = start + Duration::minutes(20 + round * 24 + k as i64 * 3);
            if t0 >= now - Duration::minutes(30) {
                continue;
            }
            db.set_clock(Clock::Fixed(t0));
            let Ok((t, _)) = db.call_next(login) else { continue };
            if round == 1 && k == 2 {
                // Called three more times, then a no-show.
                let mut t = t;
                for r in 0..4 {
                    db.set_clock(Clock::Fixed(t0 + Duration::minutes(r + 1)));
                    t = db.recall(login, t.id, t.version).map_err(queue_err)?;
                }
                continue;
            }
            db.set_clock(Clock::Fixed(t0 + Duration::minutes(1)));
            let t = db.start_serving(login, t.id, t.version).map_err(queue_err)?;
            db.set_clock(Clock::Fixed(t0 + Duration::minutes(6 + (round + k as i64) % 9)));
            db.finish(login, t.id, t.version, outcomes[(round as usize + k) % outcomes.len()]).map_err(queue_err)?;
        }
    }
    // Now: each window has someone at it; one resident has gone to copy a document.
    for (k, login) in ["wangfang", "liqiang", "zhouli"].iter().enumerate() {
        db.set_clock(Clock::Fixed(now - Duration::minutes(12 - k as i64 * 3)));
        let Ok((t, _)) = db.call_next(login) else { continue };
        let t = db.start_serving(login, t.id, t.version).map_err(queue_err)?;
        if k == 2 {
            db.set_clock(Clock::Fixed(now - Duration::minutes(4)));
            db.park(login, t.id, t.version).map_err(queue_err)?;
            db.set_clock(Clock::Fixed(now - Duration::minutes(3)));
            if let Ok((t, _)) = db.call_next(login) {
                db.start_serving(login, t.id, t.version).map_err(queue_err)?;
            }
        }
    }
    // Appointments: one checked in this morning, the rest of today's and tomorrow's booked.
    let cal = db.calendar()?;
    let today = now.date_naive();
    let tz = now.timezone();
    let slots = crate::domain::appointment::slot_times();
    let mut booked = 0;
    for day in [today, cal.next_working_day(today)] {
        if !cal.is_working_day(day) {
            continue;
        }
        for (i, at) in slots.iter().enumerate() {
            if booked >= 8 {
                break;
            }
            let slot = tz.from_local_datetime(&day.and_time(*at)).single().unwrap_or(now);
            // Booked a few days earlier, so even past slots of today were bookable then.
            db.set_clock(Clock::Fixed(slot - Duration::days(2)));
            let r = &residents[(i * 7 + 5) % residents.len()];
            let cat = if i % 2 == 0 { "SB" } else { "MZ" };
            let Ok(a) = db.book("wangfang", day, *at, cat, r.id) else { continue };
            booked += 1;
            // One resident is here for a slot about now: checked in, a priority ticket.
            if day == today && slot > now - Duration::minutes(15) && slot <= now + Duration::minutes(30) {
                db.set_clock(Clock::Fixed(now - Duration::minutes(1)));
                let _ = db.check_in("wangfang", a.id);
            }
        }
    }
    db.set_clock(Clock::Fixed(now));
    let _ = db.mark_missed_appointments("wangfang");
    db.set_clock(Clock::shanghai());
    Ok(())
}

/// Two mediation rooms, three cases at different stages, and this week's sessions.
pub fn populate_mediation(db: &mut Db, now: DateTime<FixedOffset>) -> Result<(), StorageError> {
    use crate::domain::mediation::{DisputeType, MediationStep, Party, PartyRole, Performance, Source};
    use crate::storage::Viewer;
    let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default();
    let r1 = db.add_room("chenjing", "和为贵调解室一", 8, t(8, 30), t(17, 30))?;
    let r2 = db.add_room("chenjing", "和为贵调解室二", 6, t(8, 30), t(17, 30))?;
    let zhang = Viewer { login: "zhangmin".into(), supervisor: false, mediator: true };
    let boss = Viewer { login: "chenjing".into(), supervisor: true, mediator: true };
    let err = |e: crate::storage::MediationOpError| StorageError::Sqlite(format!("demo mediation: {e}"));
    let party = |n: &str, r, c: &str| Party { name: n.into(), role: r, contact: c.into() };
    db.set_clock(Clock::Fixed(now - Duration::days(20)));
    let agreed = db
        .open_mediation(
            &zhang,
            DisputeType::Family,
            Source::Application,
            "子女赡养费分担纠纷",
            &[
                party("孙桂英", PartyRole::Applicant, "13851234567"),
                party("孙建国", PartyRole::Respondent, "13951234567"),
            ],
        )
        .map_err(err)?;
    let a = db.mediation_step(&zhang, agreed.id, agreed.version, MediationStep::Start, "").map_err(err)?;
    db.set_clock(Clock::Fixed(now - Duration::days(12)));
    let a = db
        .mediation_step(&zhang, a.id, a.version, MediationStep::Agree, "三名子女每月各支付赡养费600元，每月5日前转账")
        .map_err(err)?;
    db.set_clock(Clock::Fixed(now - Duration::days(2)));
    db.mediation_follow_up(&zhang, a.id, a.version, Performance::Done, "电话回访，本月已按时支付", None)
        .map_err(err)?;
    db.set_clock(Clock::Fixed(now - Duration::days(3)));
    let noisy = db
        .open_mediation(
            &zhang,
            DisputeType::Neighbours,
            Source::Initiative,
            "楼上装修噪音及漏水影响楼下",
            &[
                party("赵德福", PartyRole::Applicant, "18651230001"),
                party("钱海燕", PartyRole::Respondent, "18951230002"),
            ],
        )
        .map_err(err)?;
    db.mediation_step(&zhang, noisy.id, noisy.version, MediationStep::Start, "").map_err(err)?;
    db.open_mediation(
        &boss,
        DisputeType::Property,
        Source::Government,
        "小区停车位收费争议",
        &[
            party("周明", PartyRole::Applicant, "17751230003"),
            party("幸福里物业服务中心", PartyRole::Respondent, "025-52380000"),
        ],
    )
    .map_err(err)?;
    // Sessions on the next working days.
    db.set_clock(Clock::Fixed(now));
    let cal = db.calendar()?;
    let d1 = cal.next_working_day(now.date_naive());
    let d2 = cal.next_working_day(d1);
    let _ = db.book_room(&zhang, r1, d1.and_time(t(9, 30)), d1.and_time(t(11, 0)), Some(noisy.id), "");
    let _ = db.book_room(&boss, r2, d1.and_time(t(14, 0)), d1.and_time(t(15, 30)), None, "物业纠纷协调会");
    let _ = db.book_room(&zhang, r2, d2.and_time(t(10, 0)), d2.and_time(t(11, 0)), Some(noisy.id), "");
    db.set_clock(Clock::shanghai());
    Ok(())
}

/// Work units of the members with their party branches.
pub(crate) const UNITS: &[(&str, &str)] = &[
    ("区税务局", "区税务局机关第二党支部"),
    ("区人民医院", "区人民医院内科党支部"),
    ("市第三中学", "市第三中学党总支"),
    ("区市场监管局", "区市场监管局综合科党支部"),
    ("国网供电公司城南供电所", "城南供电所党支部"),
    ("街道办事处", "街道机关第一党支部"),
];
pub(crate) const SKILLS: &[&str] = &[
    "税务咨询",
    "内科诊疗",
    "中学语文辅导",
    "食品安全",
    "电工维修",
    "公文写作",
    "心理疏导",
    "书法",
    "摄影",
    "财务会计",
];
pub(crate) const GRIDS: &[&str] = &["第一网格", "第二网格", "第三网格", "第四网格"];

/// Title, category, place, points per hour.
pub(crate) const ACTIVITIES: &[(&str, crate::domain::member::Post, &str, u32)] = {
    use crate::domain::member::Post::*;
    &[
        ("环境整治：楼道杂物清理", Governance, "幸福里小区3—8栋", 1),
        ("政策宣讲：基层治理新政策", Organisation, "社区党群服务中心二楼会议室", 1),
        ("夜间治安巡逻", Safety, "和园新村及周边道路", 2),
        ("关爱老人：上门探访独居老人", Assistance, "社区老年人日间照料中心", 2),
        ("法律咨询进社区", Legal, "社区党群服务中心一楼大厅", 2),
        ("社区义诊：测血压血糖", Health, "社区卫生服务站门前", 2),
        ("垃圾分类宣传与桶边督导", Governance, "梧桐苑垃圾分类投放点", 1),
        ("“四点半课堂”作业辅导", Culture, "社区青少年活动室", 1),
        ("防范电信诈骗宣传", Safety, "金陵花园东门广场", 1),
        ("文明交通劝导", Safety, "中山路与和平路交叉口", 1),
    ]
};

fn member_record(rng: &mut Rng, today: NaiveDate, i: usize) -> crate::domain::member::Member {
    use crate::domain::member::{Member, MemberStatus};
    let age = rng.range(25, 58);
    let birth = today - Duration::days((age * 365 + rng.range(10, 300)) as i64);
    let male = i % 5 != 1 && i % 5 != 3;
    let (unit, branch) = UNITS[i % UNITS.len()];
    // Most reported within the last half year; every ninth is due to report again.
    let reported = if i % 9 == 4 { rng.range(200, 320) } else { rng.range(15, 170) };
    let intentions = intentions(rng);
    Member {
        id: 0,
        name: format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN)),
        female: !male,
        phone: format!(
            "{}{:08}",
            rng.pick(&["138", "139", "151", "187", "189", "177", "199"]),
            rng.range(0, 99_999_999)
        ),
        id_number: id_number(rng, birth, male),
        unit: unit.to_string(),
        branch: branch.to_string(),
        address: member_address(rng, ESTATES, 18, 18),
        grid: rng.pick(GRIDS).to_string(),
        reported_on: today - Duration::days(reported as i64),
        online: !i.is_multiple_of(3),
        skills: rng.pick(SKILLS).to_string(),
        intentions,
        status: MemberStatus::Active,
    }
}

/// One to three distinct service intentions.
pub(crate) fn intentions(rng: &mut Rng) -> Vec<crate::domain::member::Post> {
    use crate::domain::member::Post;
    let mut out: Vec<Post> = Vec::new();
    for _ in 0..rng.range(1, 3) {
        let p = *rng.pick(Post::ALL);
        if !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

/// A flat in one of `estates`, in a building up to `buildings` and on a floor up to `floors`.
pub(crate) fn member_address(rng: &mut Rng, estates: &[&str], buildings: u64, floors: u64) -> String {
    let estate = rng.pick(estates);
    let (building, unit, floor, room) =
        (rng.range(1, buildings), rng.range(1, 4), rng.range(1, floors), rng.range(1, 4));
    format!("{estate}{building}栋{unit}单元{floor}{room:02}室")
}

/// Party members and a year of their activities: check-ins, a few entries by hand, a declined
/// record, a forgotten check-out, and an activity under way at `now` with members already in.
pub fn populate_members(db: &mut Db, now: DateTime<FixedOffset>) -> Result<(), StorageError> {
    use crate::domain::member::{Activity, Post};
    use chrono::{Datelike, Timelike};
    let err = |e: crate::storage::MemberOpError| StorageError::Sqlite(format!("demo members: {e}"));
    let desk = "zhaolei";
    let offset = *now.offset();
    let local = |t: chrono::NaiveDateTime| offset.from_local_datetime(&t).single().unwrap_or(now);
    let today = now.date_naive();
    let mut rng = Rng(20_261_122);
    db.set_clock(Clock::Fixed(now - Duration::days(366)));
    let mut ids = Vec::new();
    for i in 0..40 {
        let m = member_record(&mut rng, today, i);
        match db.register_member(desk, &m) {
            Ok(m) => ids.push(m.id),
            // Two generated identity numbers may coincide; the second is simply left out.
            Err(crate::storage::MemberOpError::Duplicate(_)) => {}
            Err(e) => return Err(err(e)),
        }
    }
    let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default();
    let mut n = 0;
    let mut forgot = false;
    let mut to_decline = None;
    for back in (1..=364).rev() {
        let day = today - Duration::days(back);
        // A weekday evening and a Saturday morning, as the centre's fixed service days.
        let (from, to) = match day.weekday() {
            chrono::Weekday::Tue => (t(18, 30), t(20, 30)),
            chrono::Weekday::Sat => (t(9, 0), t(11, 0)),
            _ => continue,
        };
        let (title, category, place, rate) = ACTIVITIES[n % ACTIVITIES.len()];
        n += 1;
        let a = Activity {
            id: 0,
            title: title.into(),
            category,
            organiser: "社区党委".into(),
            place: place.into(),
            start: day.and_time(from),
            end: day.and_time(to),
            capacity: 20,
            rate,
            needs: String::new(),
        };
        db.set_clock(Clock::Fixed(local(a.start) - Duration::days(5)));
        let a = db.add_activity("chenjing", &a)?;
        let mut who: Vec<i64> = Vec::new();
        for _ in 0..rng.range(5, 12) {
            // A core of regulars serves most weeks; the rest come now and then, so the ranking
            // has members above the yearly target and members flagged below it.
            let pool = if rng.range(0, 1) == 0 { &ids[..ids.len().min(10)] } else { &ids[..] };
            let m = *rng.pick(pool);
            if !who.contains(&m) {
                who.push(m);
            }
        }
        for (k, m) in who.iter().enumerate() {
            let inn =
                a.start - Duration::minutes(rng.range(0, 25) as i64) + Duration::minutes(if k == 0 { 20 } else { 0 });
            db.set_clock(Clock::Fixed(local(inn)));
            db.member_check_in(desk, *m, a.id, inn).map_err(err)?;
            // The first activity of the last fortnight: one member forgets to check out, and the
            // next check-in anywhere closes the record at the activity's end, flagged.
            if !forgot && back <= 14 && k == 0 {
                forgot = true;
                continue;
            }
            let out = a.end - Duration::minutes(rng.range(0, 45) as i64) + Duration::minutes(rng.range(0, 20) as i64);
            db.set_clock(Clock::Fixed(local(out)));
            db.member_check_out(desk, *m, a.id, out).map_err(err)?;
        }
        if to_decline.is_none() && back <= 60 {
            to_decline = db.activity_records(a.id)?.last().map(|(s, _)| s.id);
        }
    }
    db.set_clock(Clock::Fixed(now - Duration::days(2)));
    if let Some(id) = to_decline {
        db.decline_record("chenjing", id, "代签：本人当天在单位值班，未到场").map_err(err)?;
    }
    let manual = [
        (ids[3], 40, 6, 1, "参加街道防汛值守，纸质签到表补录"),
        (ids[8], 18, 4, 2, "社区义诊当天签到设备故障，由组织者证明"),
        (ids[15], 5, 3, 1, "协助整理报到档案"),
    ];
    for (m, back, half, rate, reason) in manual {
        db.manual_hours(desk, m, today - Duration::days(back), half, rate, reason).map_err(err)?;
    }
    // Under way now: the check-in window is open and a few have arrived.
    let start = now.naive_local().date().and_time(t(now.naive_local().hour(), 0));
    let end = (start + Duration::hours(2)).min(today.and_time(t(23, 59)));
    db.set_clock(Clock::Fixed(now - Duration::days(3)));
    let live = db.add_activity(
        "chenjing",
        &Activity {
            id: 0,
            title: "环境整治：小区绿化带清理".into(),
            category: Post::Governance,
            organiser: "社区党委".into(),
            place: "幸福里小区中心花园".into(),
            start,
            end,
            capacity: 15,
            rate: 1,
            needs: "需认领：清理工具组 4 人、垃圾清运组 6 人".into(),
        },
    )?;
    let opens = start - Duration::minutes(20);
    let span = (now.naive_local() - opens).num_minutes().max(0);
    for (k, m) in ids.iter().step_by(7).take(4).enumerate() {
        let inn = opens + Duration::minutes(span * k as i64 / 4);
        db.set_clock(Clock::Fixed(local(inn)));
        db.member_check_in(desk, *m, live.id, inn).map_err(err)?;
    }
    // What is coming up, for members to claim.
    for (days, title, place, needs) in [
        (2, "关爱老人：为高龄老人理发", "社区老年人日间照料中心", "需认领：会理发的党员 3 名"),
        (5, "法律咨询进社区", "社区党群服务中心一楼大厅", "需认领：律师或法律工作者 2 名"),
    ] {
        let day = today + Duration::days(days);
        db.add_activity(
            "chenjing",
            &Activity {
                id: 0,
                title: title.into(),
                category: if days == 2 { Post::Assistance } else { Post::Legal },
                organiser: "社区党委".into(),
                place: place.into(),
                start: day.and_time(t(9, 0)),
                end: day.and_time(t(11, 0)),
                capacity: 10,
                rate: 2,
                needs: needs.into(),
            },
        )?;
    }
    db.set_clock(Clock::shanghai());
    Ok(())
}
