//! The demo's party members: a year of their activities and one under way now.

use super::{ESTATES, GIVEN, Rng, SURNAMES, id_number};
use crate::storage::{Clock, Db, StorageError};
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime, TimeZone};

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
    use crate::domain::member::Activity;
    use chrono::Datelike;
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
    under_way(db, now, &ids)?;
    coming_up(db, today)?;
    db.set_clock(Clock::shanghai());
    Ok(())
}

/// An activity under way at `now`: the check-in window is open and a few members have arrived.
fn under_way(db: &mut Db, now: DateTime<FixedOffset>, ids: &[i64]) -> Result<(), StorageError> {
    use crate::domain::member::{Activity, Post};
    use chrono::Timelike;
    let err = |e: crate::storage::MemberOpError| StorageError::Sqlite(format!("demo members: {e}"));
    let desk = "zhaolei";
    let offset = *now.offset();
    let local = |t: chrono::NaiveDateTime| offset.from_local_datetime(&t).single().unwrap_or(now);
    let today = now.date_naive();
    let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default();
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
    Ok(())
}

/// What is coming up, for members to claim.
fn coming_up(db: &mut Db, today: NaiveDate) -> Result<(), StorageError> {
    use crate::domain::member::{Activity, Post};
    let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default();
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
    Ok(())
}
