//! The demo centre's working day: residents, and cases in every state, dated around today so
//! that due-soon and overdue warnings show up whenever the demo is opened.

mod hall;
mod members;
mod requests;

pub use hall::{populate_mediation, populate_queue};
pub use members::populate_members;
pub(crate) use members::{ACTIVITIES, GRIDS, SKILLS, UNITS, intentions, member_address};
pub use requests::populate_requests;

use crate::domain::calendar::Calendar;
use crate::domain::case::{CaseMaterial, Channel, MaterialStatus, Transition};
use crate::domain::catalog::{LimitUnit, ServiceItem};
use crate::domain::resident::{Address, Resident, Tag, check_char};
use crate::setup::SetupError;
use crate::storage::{Clock, DEFAULT_CLOSING, Db, IntakeRequest, MaterialEvent, Registered, StorageError};
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use std::path::Path;

/// Makes a fresh demo database at `path`: the catalog, calendar and staff of a centre. An
/// existing file is replaced only if it is itself a demo database. Its day is built around a
/// busy hour of a working day (see [`crate::sample::opening`]).
pub fn make(path: &Path, login: &str) -> Result<Db, SetupError> {
    make_at(path, login, None)
}

/// [`make`] with the day built around `start` (China time, `--now`) when given. The database
/// comes back with a clock that runs on from that hour.
pub fn make_at(path: &Path, login: &str, start: Option<NaiveDateTime>) -> Result<Db, SetupError> {
    if path.exists() {
        let is_demo = Db::open_existing(path).and_then(|db| db.is_demo()).unwrap_or(false);
        if !is_demo {
            return Err(SetupError::NotDemo(path.to_path_buf()));
        }
        for suffix in ["", "-wal", "-shm"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            let _ = std::fs::remove_file(std::path::PathBuf::from(p));
        }
        // Litestream keeps its state beside the file and does not notice one made anew: that
        // state goes too (its tips), and a replication running on the old file is restarted.
        if let Some(name) = path.file_name() {
            let mut meta = std::ffi::OsString::from(".");
            meta.push(name);
            meta.push("-litestream");
            let _ = std::fs::remove_dir_all(crate::storage::files::folder(path).join(meta));
        }
    }
    let (mut db, _) = crate::setup::open_or_init(path, login)?;
    let start = start
        .or_else(|| db.calendar().ok().and_then(|c| super::opening::busy_start(&c, db.clock().now().naive_local())));
    let clock = start.map_or(db.clock(), Clock::shanghai_from);
    db.set_clock(clock);
    db.mark_demo(login)?;
    for (l, name, role, window) in crate::setup::DEMO_STAFF {
        if *l != login {
            db.add_operator(login, l, name, *role, *window)?;
        }
    }
    let now = db.clock().now();
    // Each part dates its rows itself and leaves the system clock behind: the demo's goes back.
    populate(&mut db, now, &["wangfang", "liqiang", "zhouli"])?;
    db.set_clock(clock);
    populate_queue(&mut db, now)?;
    db.set_clock(clock);
    populate_mediation(&mut db, now)?;
    db.set_clock(clock);
    populate_members(&mut db, now)?;
    db.set_clock(clock);
    populate_requests(&mut db, now)?;
    db.set_clock(clock);
    Ok(db)
}

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
    // GB 11643: the order code's last digit is odd for men, even for women (one draw either
    // way, so the rest of the demo's sequence stays as it was).
    let order = rng.range(1, 499) * 2 - u64::from(male);
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

/// At least two residents named 陈芳 (other ID numbers, other ages), so the demo shows what
/// every place that picks a person does with namesakes. The generator happens to make two
/// today; these fixed ones make up for it if a change to it ever does not. Registered outside
/// the generator's sequence, so the rest of the demo stays as it was.
fn namesakes(db: &mut Db, by: &str, today: NaiveDate) -> Result<(), StorageError> {
    let have = db.residents()?.iter().filter(|r| r.name == "陈芳").count();
    let people = [
        ("19540316", "0024", "13951234567", "梧桐苑", "3", "1", "302"),
        ("19890708", "0041", "18651235678", "和园新村", "8", "2", "1101"),
    ];
    for (birth, order, phone, estate, building, unit, room) in people.into_iter().take(2usize.saturating_sub(have)) {
        let body = format!("320102{birth}{}", &order[1..]);
        let check = check_char(&body).unwrap_or('0');
        let born = NaiveDate::parse_from_str(birth, "%Y%m%d").unwrap_or(today);
        let mut tags = Vec::new();
        if crate::domain::resident::age_on(born, today) >= 60 {
            tags.push(Tag::Elderly);
        }
        let r = Resident {
            id: 0,
            name: "陈芳".into(),
            id_number: format!("{body}{check}"),
            phone: phone.into(),
            address: Address { estate: estate.into(), building: building.into(), unit: unit.into(), room: room.into() },
            grid: "第2网格".into(),
            tags,
        };
        db.register_resident(by, &r)?;
    }
    Ok(())
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

/// (working days ago, limit in working days, plan): dated so that some are due soon and some
/// overdue on the demo's today.
const PLANS: &[(u32, u16, Plan)] = &[
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
    // Long items whose count runs into next year: in December their due dates rest on the law's
    // holidays until the notice is imported (provisional, and the dashboard says so).
    (2, 30, Plan::Open),
    (1, 30, Plan::Started),
];

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
    namesakes(db, clerks[0], today)?;
    let wd = |n: u16| items.iter().filter(move |i| i.time_limit.unit == LimitUnit::WorkingDays && i.time_limit.n == n);
    let pick_item = |rng: &mut Rng, n: u16| -> Option<ServiceItem> {
        let v: Vec<&ServiceItem> = wd(n).collect();
        (!v.is_empty()).then(|| (*rng.pick(&v)).clone())
    };
    let tz = now.timezone();
    for (n, &(ago, limit, plan)) in PLANS.iter().enumerate() {
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
        // Promised in three working days: the older ones are overdue on the demo's today.
        let due = crate::domain::case::due_date(&cal, at.naive_local(), DEFAULT_CLOSING, item.time_limit, 0).due;
        let materials = demo_materials(&item, n, notice, cal.add_working_days(day, 3).min(due));
        let req = IntakeRequest { item_code: item.code.clone(), resident_id: resident.id, channel, materials };
        let window = db.operator(clerk)?.and_then(|o| o.window);
        let case = db.intake_at(clerk, window, &req).map_err(case_err)?;
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

/// The checklist of a demo case: every required material presented, except the first one
/// missing for a notice, or on every fifth case the first the catalog allows to be 容缺
/// waived (promised by `promised`).
fn demo_materials(item: &ServiceItem, n: usize, notice: bool, promised: NaiveDate) -> Vec<CaseMaterial> {
    let mut first_required = true;
    let waive = (n % 5 == 1 && !notice).then(|| item.materials.iter().position(|m| m.required && m.may_be_rongque()));
    item.materials
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let status = if !m.required {
                MaterialStatus::Missing
            } else if notice && first_required {
                first_required = false;
                MaterialStatus::Missing
            } else if waive == Some(Some(i)) {
                MaterialStatus::Waived(promised)
            } else {
                MaterialStatus::Presented
            };
            CaseMaterial::at_intake(m, status)
        })
        .collect()
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
