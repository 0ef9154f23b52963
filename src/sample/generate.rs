//! The scale generator: a deterministic synthetic centre of any size, for benchmarks and for
//! trying the desk on a year of a busy street's data.
//!
//! It starts from the demo centre (staff, windows, rooms and today's live day) and adds the
//! residents, party members and the history of the `days` before today in batched
//! transactions, so 100,000 residents and a year take seconds.

use crate::domain::calendar::Calendar;
use crate::domain::case::due_date;
use crate::domain::catalog::ServiceItem;
use crate::domain::member::{Activity, Member, MemberStatus, Post, half_hours};
use crate::domain::queue::Window;
use crate::domain::resident::{Address, Resident, Tag, check_char};
pub use crate::model::Generated;
use crate::sample::demo::{ACTIVITIES, GRIDS, Rng, SKILLS, UNITS, intentions, member_address};
use crate::setup::SetupError;
use crate::storage::bulk::{AppointmentRow, BookingRow, CaseRow, DayRows, RecordRow, TicketRow};
use crate::storage::{Clock, DEFAULT_CLOSING};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use std::collections::HashSet;
use std::path::Path;

/// Common surnames, the commonest first (they are picked more often).
const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林",
    "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于",
    "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆",
    "汪", "范", "金", "石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛",
    "闫", "段", "雷", "侯", "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵", "万", "钱", "严", "覃", "武",
    "戴", "莫", "孔", "向", "汤", "单", "欧阳", "司马", "诸葛",
];
/// Characters of given names.
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞",
    "平", "刚", "桂", "英", "华", "玉", "兰", "建", "国", "志", "淑", "珍", "海", "燕", "德", "福", "金", "凤", "子",
    "涵", "浩", "然", "雨", "桐", "文", "博", "春", "梅", "永", "红", "梓", "轩", "欣", "怡", "宇", "辰", "思", "佳",
    "俊", "晨", "嘉", "琪", "瑶", "婷", "鑫", "鹏", "辉", "斌", "波", "宁", "琳", "雪", "慧", "晓", "丹", "荣", "萍",
    "云", "飞", "亮", "成", "坤", "彬", "霖", "璐", "瑞", "泽", "昊", "睿", "诗", "悦", "琴", "兵", "林", "峰", "旭",
];
/// Estates of the street.
const ESTATES: &[&str] = &[
    "幸福里小区",
    "和园新村",
    "梧桐苑",
    "金陵花园",
    "东湖雅居",
    "锦绣华庭",
    "翠竹园",
    "紫荆公寓",
    "阳光水岸",
    "御景湾",
    "春江花月",
    "银杏苑",
    "南苑新村",
    "北苑新村",
    "工人新村",
    "滨江一号",
    "龙湖天街",
    "丽景苑",
    "康居园",
    "长虹新村",
];
/// Birthplace codes of identity numbers (mostly local, some from elsewhere).
const AREAS: &[&str] = &["320102", "320104", "320105", "320106", "320111", "320113", "320124", "340524", "110108"];
const PHONES: &[&str] = &["138", "139", "150", "151", "186", "187", "189", "177", "199", "135", "136", "158"];
/// Demo clerks who call numbers and take cases in.
const CLERKS: &[&str] = &["wangfang", "liqiang", "zhouli"];
/// What mediation rooms are booked for.
const PURPOSES: &[&str] = &["邻里纠纷调解", "物业纠纷调解", "家庭矛盾调解", "劳资纠纷调解", "法律咨询"];
/// Relative arrivals per quarter hour from 08:30 to 17:15: a morning peak, a lull at lunch,
/// a smaller afternoon peak.
const ARRIVALS: &[u32] =
    &[6, 9, 10, 10, 9, 8, 7, 6, 5, 4, 3, 3, 2, 1, 1, 1, 1, 1, 2, 4, 6, 7, 7, 6, 5, 4, 3, 3, 2, 1, 1, 1, 1, 1, 0, 0];

/// How big a centre to make.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    /// Residents on file.
    pub residents: usize,
    /// Party members reporting to the community.
    pub members: usize,
    /// Days of history before today.
    pub days: u32,
    /// Seed: the same seed, scale and day give the same centre.
    pub seed: u64,
}

/// Residents and members are written this many per transaction: large enough to be fast,
/// small enough that another session waits at most a fraction of a second.
const BATCH: usize = 5_000;

/// Makes the synthetic centre at `path` (replacing it only if it is a demo or generated one).
/// It is marked as a demo database, so `--as` and `--now` work on it.
pub fn generate(path: &Path, login: &str, scale: Scale) -> Result<Generated, SetupError> {
    generate_at(path, login, scale, None)
}

/// [`generate`] with "today" at `start` (China time, `--now`) when given.
pub fn generate_at(
    path: &Path,
    login: &str,
    scale: Scale,
    start: Option<NaiveDateTime>,
) -> Result<Generated, SetupError> {
    let mut db = super::demo::make_at(path, login, start)?;
    let today = db.clock().now().date_naive();
    let cal = db.calendar()?;
    let items: Vec<ServiceItem> = db.service_items()?.into_iter().filter(|i| !i.retired).collect();
    let categories = db.categories()?;
    let windows = db.windows()?;
    let rooms: Vec<i64> = db.rooms()?.iter().filter(|r| !r.retired).map(|r| r.id).collect();
    let mut rng = Rng(scale.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut out = Generated::default();

    let mut taken: HashSet<String> = db.residents()?.into_iter().map(|r| r.id_number).collect();
    taken.extend(db.members(today.year())?.into_iter().map(|m| m.member.id_number));
    // People are stamped no later than the real clock. Before the demo's busy hour (10:30)
    // its day lies ahead of the real one, and a resident written "after" now reads as edited
    // since any residents' file was made: every session would read all of them again, 300,000
    // at a time (250 MB), until the real clock caught up.
    let demo = db.clock();
    let real = Clock::shanghai();
    if demo.now() > real.now() {
        db.set_clock(real);
    }
    let resident_ids = in_batches(
        scale.residents,
        |i| resident(&mut rng, today, i, &mut taken),
        |rows| db.bulk_residents(login, rows),
    )?;
    out.residents = resident_ids.len();
    let member_ids =
        in_batches(scale.members, |i| member(&mut rng, today, i, &mut taken), |rows| db.bulk_members(login, rows))?;
    out.members = member_ids.len();
    db.set_clock(demo);

    let prefixes: Vec<(String, char)> = categories.iter().map(|c| (c.code.clone(), c.prefix)).collect();
    let ctx = DayContext {
        cal: &cal,
        items: &items,
        prefixes: &prefixes,
        windows: &windows,
        rooms: &rooms,
        residents: &resident_ids,
        members: &member_ids,
        today,
        busy: (scale.residents / 500).clamp(20, 400) as u64,
    };
    for back in (1..=scale.days as i64).rev() {
        let day = today - Duration::days(back);
        let rows = ctx.day(&mut rng, day);
        out.tickets += rows.tickets.len();
        out.cases += rows.cases.len();
        out.appointments += rows.appointments.len();
        out.bookings += rows.bookings.len();
        out.activities += rows.activities.len();
        out.records += rows.activities.iter().map(|(_, r)| r.len()).sum::<usize>();
        db.bulk_day(login, &rows)?;
    }
    out.requests = requests(&mut db, login, &mut rng, &cal, &resident_ids, scale)?;
    Ok(out)
}

/// A year of residents' requests across the demo's grids: about one a day for every 5,000
/// residents, most long closed, the last days' still open, some overdue.
fn requests(
    db: &mut crate::storage::Db,
    login: &str,
    rng: &mut Rng,
    cal: &crate::domain::calendar::Calendar,
    residents: &[i64],
    scale: Scale,
) -> Result<usize, SetupError> {
    use crate::domain::request::{Kind, Rating, Response, State, due};
    let grids = db.grids().map_err(|e| SetupError::Storage(crate::storage::StorageError::Sqlite(e.to_string())))?;
    let menu =
        db.request_services().map_err(|e| SetupError::Storage(crate::storage::StorageError::Sqlite(e.to_string())))?;
    let now = db.clock().now().naive_local();
    let today = now.date();
    let members: Vec<(i64, String)> =
        db.members(today.year())?.into_iter().take(2_000).map(|m| (m.member.id, m.member.name)).collect();
    if grids.is_empty() || residents.is_empty() {
        return Ok(0);
    }
    let per_day = (scale.residents / 5_000).clamp(2, 80) as u64;
    let texts = [
        "楼道灯不亮",
        "水管漏水",
        "门口杂物堆放",
        "装修噪音扰民",
        "独居老人需要送餐",
        "想咨询养老补贴",
        "建议增设休息座椅",
    ];
    let mut n = 0;
    for back in (1..=scale.days as i64).rev() {
        let day = today - Duration::days(back);
        let mut rows = Vec::new();
        for _ in 0..rng.range(per_day / 2, per_day + per_day / 2) {
            let g = rng.pick(&grids);
            let service = (rng.range(0, 2) > 0).then(|| rng.pick(&menu));
            let kind = match (service, rng.range(0, 9)) {
                (Some(_), _) => Kind::Order,
                (None, 0..=2) => Kind::Complaint,
                (None, 3..=5) => Kind::Help,
                (None, 6 | 7) => Kind::Consult,
                _ => Kind::Suggestion,
            };
            let taken = day.and_hms_opt(8 + rng.range(0, 9) as u32, rng.range(0, 59) as u32, 0).unwrap_or_default();
            let due_at = due(cal, taken, service.map_or(Response::Days(3), |s| s.response));
            // Older requests are closed; the last fortnight's spread over the loop.
            let state = match (back, rng.range(0, 19)) {
                (b, _) if b > 14 => State::Rated,
                (_, 0..=2) => State::Pending,
                (_, 3..=5) => State::Dispatched,
                (_, 6..=8) => State::Accepted,
                (_, 9..=11) => State::Done,
                _ => State::Rated,
            };
            let done = matches!(state, State::Done | State::Rated)
                .then(|| (taken + Duration::hours(rng.range(2, 60) as i64)).min(now - Duration::minutes(30)));
            let rating = (state == State::Rated).then(|| {
                let r = match rng.range(0, 19) {
                    0 => Rating::Unsatisfied,
                    1..=3 => Rating::Fair,
                    _ => Rating::Satisfied,
                };
                (r, (done.unwrap_or(taken) + Duration::minutes(20)).min(now - Duration::minutes(10)))
            });
            let member = (service.is_some_and(|s| s.provider == crate::domain::request::Provider::Member)
                && !members.is_empty())
            .then(|| rng.pick(&members).clone());
            rows.push(crate::storage::RequestRow {
                kind,
                service: service.map(|s| s.code.clone()),
                resident_id: (kind != Kind::Complaint || rng.range(0, 2) > 0).then(|| *rng.pick(residents)),
                place: g.places.first().map(|(e, b)| format!("{e}{b}")).unwrap_or_default(),
                grid: g.name.clone(),
                text: match service {
                    Some(s) => format!("{}：{}", s.name, rng.pick(&texts)),
                    None => rng.pick(&texts).to_string(),
                },
                taken,
                state,
                member,
                login: if g.leader.is_empty() { "sunli".into() } else { g.leader.clone() },
                due: due_at,
                done,
                rating,
            });
        }
        n += rows.len();
        db.bulk_requests(login, day, &rows)?;
    }
    Ok(n)
}

/// Makes `n` rows with `make` and writes them [`BATCH`] at a time with `write`; the row ids.
fn in_batches<T>(
    n: usize,
    mut make: impl FnMut(usize) -> T,
    mut write: impl FnMut(&[T]) -> Result<Vec<i64>, crate::storage::StorageError>,
) -> Result<Vec<i64>, crate::storage::StorageError> {
    let mut ids = Vec::with_capacity(n);
    let mut batch = Vec::with_capacity(BATCH.min(n));
    for i in 0..n {
        batch.push(make(i));
        if batch.len() == BATCH || i + 1 == n {
            ids.extend(write(&batch)?);
            batch.clear();
        }
    }
    Ok(ids)
}

/// An identity number not used before (the order code is bumped until it is free).
fn unique_id(rng: &mut Rng, birth: NaiveDate, male: bool, taken: &mut HashSet<String>) -> String {
    let area = *rng.pick(AREAS);
    let mut order = rng.range(0, 499) * 2 + u64::from(male);
    loop {
        let body = format!("{area}{}{:03}", birth.format("%Y%m%d"), order % 1000);
        let id = format!("{body}{}", check_char(&body).unwrap_or('0'));
        if taken.insert(id.clone()) {
            return id;
        }
        order += 2;
    }
}

fn name(rng: &mut Rng) -> String {
    // Squaring the pick favours the front of the list, where the common surnames are.
    let r = rng.next() % 1000;
    let surname = SURNAMES[(r * r / 1000 * SURNAMES.len() as u64 / 1000) as usize];
    let mut n = surname.to_string();
    for _ in 0..if rng.range(0, 9) < 6 { 2 } else { 1 } {
        let given: &&str = rng.pick(GIVEN);
        n.push_str(given);
    }
    n
}

fn phone(rng: &mut Rng) -> String {
    format!("{}{:08}", rng.pick(PHONES), rng.range(0, 99_999_999))
}

fn resident(rng: &mut Rng, today: NaiveDate, i: usize, taken: &mut HashSet<String>) -> Resident {
    let age = match rng.range(0, 9) {
        0..=1 => rng.range(0, 17),
        2..=6 => rng.range(18, 59),
        7..=8 => rng.range(60, 79),
        _ => rng.range(80, 100),
    };
    let birth = today - Duration::days((age * 365 + rng.range(1, 360)) as i64);
    let male = rng.next().is_multiple_of(2);
    let mut tags = Vec::new();
    if age >= 60 {
        tags.push(Tag::Elderly);
    }
    for (every, tag) in [(37, Tag::Disability), (53, Tag::Veteran), (29, Tag::Hardship), (97, Tag::LivingAlone)] {
        if i % every == 3 {
            tags.push(tag);
        }
    }
    let floors = rng.range(6, 33);
    Resident {
        id: 0,
        name: name(rng),
        id_number: unique_id(rng, birth, male, taken),
        // Children and a few elders have no phone of their own on file.
        phone: if age < 16 || i % 13 == 7 { String::new() } else { phone(rng) },
        address: Address {
            estate: rng.pick(ESTATES).to_string(),
            building: rng.range(1, 40).to_string(),
            unit: rng.range(1, 4).to_string(),
            room: format!("{}{:02}", rng.range(1, floors), rng.range(1, 4)),
        },
        grid: format!("第{}网格", rng.range(1, 12)),
        tags,
    }
}

fn member(rng: &mut Rng, today: NaiveDate, i: usize, taken: &mut HashSet<String>) -> Member {
    let age = rng.range(23, 60);
    let birth = today - Duration::days((age * 365 + rng.range(1, 360)) as i64);
    let male = rng.range(0, 9) < 6;
    let (unit, branch) = UNITS[i % UNITS.len()];
    let intentions = intentions(rng);
    Member {
        id: 0,
        name: name(rng),
        female: !male,
        phone: phone(rng),
        id_number: unique_id(rng, birth, male, taken),
        unit: unit.to_string(),
        branch: branch.to_string(),
        address: member_address(rng, ESTATES, 40, 30),
        grid: rng.pick(GRIDS).to_string(),
        reported_on: today - Duration::days(rng.range(10, 700) as i64),
        online: rng.range(0, 2) > 0,
        skills: rng.pick(SKILLS).to_string(),
        intentions,
        status: if i % 61 == 5 { MemberStatus::MovedAway } else { MemberStatus::Active },
    }
}

/// What every day of history is drawn from.
struct DayContext<'a> {
    cal: &'a Calendar,
    items: &'a [ServiceItem],
    prefixes: &'a [(String, char)],
    windows: &'a [Window],
    rooms: &'a [i64],
    residents: &'a [i64],
    members: &'a [i64],
    today: NaiveDate,
    /// Tickets on an ordinary working day.
    busy: u64,
}

impl DayContext<'_> {
    fn day(&self, rng: &mut Rng, day: NaiveDate) -> DayRows {
        let mut rows = DayRows { day, ..Default::default() };
        if self.cal.is_working_day(day) {
            self.tickets(rng, day, &mut rows);
            self.cases(rng, day, &mut rows);
            self.appointments(rng, &mut rows);
            self.bookings(rng, day, &mut rows);
        }
        self.activities(rng, day, &mut rows);
        rows
    }

    fn arrival(&self, rng: &mut Rng, day: NaiveDate) -> NaiveDateTime {
        let total: u32 = ARRIVALS.iter().sum();
        let mut pick = rng.range(0, total as u64 - 1) as u32;
        let mut slot = 0;
        for (i, w) in ARRIVALS.iter().enumerate() {
            if pick < *w {
                slot = i;
                break;
            }
            pick -= w;
        }
        let minute = 8 * 60 + 30 + slot as u32 * 15 + rng.range(0, 14) as u32;
        day.and_time(
            NaiveTime::from_hms_opt(minute / 60, minute % 60, rng.range(0, 59) as u32).unwrap_or(NaiveTime::MIN),
        )
    }

    fn resident(&self, rng: &mut Rng) -> Option<i64> {
        (!self.residents.is_empty()).then(|| *rng.pick(self.residents))
    }

    fn tickets(&self, rng: &mut Rng, day: NaiveDate, rows: &mut DayRows) {
        // Mondays and the first day after a holiday are the busiest; Fridays are quieter.
        let mut factor = match day.weekday() {
            Weekday::Mon => 130,
            Weekday::Fri => 85,
            _ => 100,
        };
        if !self.cal.is_working_day(day - Duration::days(1)) && day.weekday() != Weekday::Mon {
            factor = 140;
        }
        let n = (self.busy * factor / 100 * rng.range(80, 120) / 100) as usize;
        let mut arrivals: Vec<NaiveDateTime> = (0..n).map(|_| self.arrival(rng, day)).collect();
        arrivals.sort();
        for issued_at in arrivals {
            let (category, prefix) = self.prefixes[weighted_category(rng, self.prefixes.len())].clone();
            let serving: Vec<u16> =
                self.windows.iter().filter(|w| w.categories.contains(&category)).map(|w| w.number).collect();
            let window = if serving.is_empty() { None } else { Some(*rng.pick(&serving)) };
            let wait = Duration::minutes(rng.range(2, 35) as i64);
            let service = Duration::minutes(rng.range(3, 20) as i64);
            let roll = rng.range(0, 99);
            let (state, called_at, finished_at, outcome) = if roll < 4 || window.is_none() {
                ("expired", None, None, None)
            } else if roll < 12 {
                ("no_show", Some(issued_at + wait), None, None)
            } else {
                let outcome = match rng.range(0, 9) {
                    0..=3 => "consultation",
                    4..=6 => "case_accepted",
                    7..=8 => "certificate_collected",
                    _ => "other",
                };
                ("done", Some(issued_at + wait), Some(issued_at + wait + service), Some(outcome))
            };
            rows.tickets.push(TicketRow {
                category,
                prefix,
                state,
                window: called_at.and(window),
                issued_at,
                called_at,
                finished_at,
                outcome,
                resident_id: if rng.range(0, 2) == 0 { self.resident(rng) } else { None },
                issued_by: "kiosk".into(),
            });
        }
    }

    fn cases(&self, rng: &mut Rng, day: NaiveDate, rows: &mut DayRows) {
        if self.items.is_empty() {
            return;
        }
        // A case is taken in where a ticket ended in one.
        let taken_in: Vec<NaiveDateTime> =
            rows.tickets.iter().filter(|t| t.outcome == Some("case_accepted")).filter_map(|t| t.finished_at).collect();
        for received_at in taken_in {
            let Some(resident_id) = self.resident(rng) else { return };
            let item = rng.pick(self.items);
            let due = due_date(self.cal, received_at, DEFAULT_CLOSING, item.time_limit, 0).due;
            let age = (self.today - day).num_days();
            let roll = rng.range(0, 99);
            // Old cases are closed; of recent ones, those not yet due are partly still open.
            let closed = age > 30 || due < self.today || roll < 55;
            let (state, closed_at) = if !closed {
                (if roll < 80 { "in_progress" } else { "accepted" }, None)
            } else {
                let span = (due - day).num_days().max(0);
                let at = received_at + Duration::days(rng.range(0, span as u64) as i64) + Duration::minutes(45);
                (
                    if roll.is_multiple_of(25) { "returned" } else { "completed" },
                    Some(at.min(self.today.and_time(NaiveTime::MIN))),
                )
            };
            let rating =
                (state == "completed" && rng.range(0, 1) == 0).then(|| [5, 5, 5, 4, 4, 3][rng.range(0, 5) as usize]);
            let channel = match rng.range(0, 19) {
                0 => "home_visit",
                1 => "on_behalf",
                2..=3 => "appointment",
                _ => "window",
            };
            rows.cases.push(CaseRow {
                item_code: item.code.clone(),
                resident_id,
                operator: rng.pick(CLERKS).to_string(),
                channel,
                state,
                received_at,
                due,
                closed_at,
                rating,
                materials: item.materials.iter().filter(|m| m.required).map(|m| (m.name.clone(), m.required)).collect(),
            });
        }
    }

    fn appointments(&self, rng: &mut Rng, rows: &mut DayRows) {
        let mut used: HashSet<(u32, usize)> = HashSet::new();
        for _ in 0..self.busy / 10 {
            let slot = rng.range(0, 14) as u32;
            let category = weighted_category(rng, self.prefixes.len());
            // One booking per slot and category stays within every category's capacity.
            if !used.insert((slot, category)) {
                continue;
            }
            let Some(resident_id) = self.resident(rng) else { return };
            let minutes = 9 * 60 + slot * 30;
            let (state, reason) = match rng.range(0, 9) {
                0 => ("no_show", ""),
                1 => ("cancelled", "居民改期"),
                _ => ("checked_in", ""),
            };
            rows.appointments.push(AppointmentRow {
                at: NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0).unwrap_or(NaiveTime::MIN),
                category: self.prefixes[category].0.clone(),
                resident_id,
                state,
                reason: reason.into(),
                booked_by: rng.pick(CLERKS).to_string(),
            });
        }
    }

    fn bookings(&self, rng: &mut Rng, day: NaiveDate, rows: &mut DayRows) {
        const STARTS: [(u32, u32); 4] = [(9, 0), (10, 30), (14, 0), (15, 30)];
        for &room in self.rooms {
            for (h, m) in STARTS {
                if rng.range(0, 3) == 0 {
                    let start = day.and_time(NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN));
                    rows.bookings.push(BookingRow {
                        room_id: room,
                        start,
                        end: start + Duration::minutes(if rng.range(0, 1) == 0 { 60 } else { 90 }),
                        mediator: "zhangmin".into(),
                        purpose: rng.pick(PURPOSES).to_string(),
                    });
                }
            }
        }
    }

    fn activities(&self, rng: &mut Rng, day: NaiveDate, rows: &mut DayRows) {
        if self.members.is_empty() || rng.range(0, 9) >= 4 {
            return;
        }
        let (title, category, place, rate) = *rng.pick(ACTIVITIES);
        let start_hour = if category == Post::Safety { 19 } else { *rng.pick(&[9, 14]) };
        let start = day.and_time(NaiveTime::from_hms_opt(start_hour, 0, 0).unwrap_or(NaiveTime::MIN));
        let end = start + Duration::hours(rng.range(2, 3) as i64);
        let capacity = rng.range(10, 40) as u32;
        let activity = Activity {
            id: 0,
            title: title.into(),
            category,
            organiser: "社区党委".into(),
            place: place.into(),
            start,
            end,
            capacity,
            rate,
            needs: String::new(),
        };
        let mut seen = HashSet::new();
        let mut records = Vec::new();
        for _ in 0..rng.range(5, capacity as u64) {
            let member_id = *rng.pick(self.members);
            if !seen.insert(member_id) {
                continue;
            }
            let s = start + Duration::minutes(rng.range(0, 15) as i64);
            let e = end - Duration::minutes(rng.range(0, 20) as i64);
            records.push(RecordRow { member_id, start: s, end: e, half_hours: half_hours(s, e) });
        }
        rows.activities.push((activity, records));
    }
}

/// A category index, the first categories (social security, medical insurance) the busiest.
fn weighted_category(rng: &mut Rng, n: usize) -> usize {
    let r = rng.next() % 1000;
    (r * r / 1000 * n as u64 / 1000) as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::resident::parse_id;

    #[test]
    fn identity_numbers_are_valid_and_unique() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let mut rng = Rng(7);
        let mut taken = HashSet::new();
        for i in 0..5000 {
            let r = resident(&mut rng, today, i, &mut taken);
            assert!(parse_id(&r.id_number, today).is_ok(), "{}", r.id_number);
            assert!(r.name.chars().count() >= 2);
        }
        assert_eq!(taken.len(), 5000);
    }

    #[test]
    fn arrivals_peak_in_the_morning_and_never_at_night() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let cal = Calendar::default();
        let ctx = DayContext {
            cal: &cal,
            items: &[],
            prefixes: &[("SB".into(), 'A')],
            windows: &[],
            rooms: &[],
            residents: &[],
            members: &[],
            today,
            busy: 100,
        };
        let mut rng = Rng(3);
        let hours: Vec<u32> = (0..2000).map(|_| chrono::Timelike::hour(&ctx.arrival(&mut rng, today))).collect();
        assert!(hours.iter().all(|h| (8..=17).contains(h)));
        let at = |h: u32| hours.iter().filter(|&&x| x == h).count();
        assert!(at(9) > at(12) * 3, "morning peak {} vs lunch {}", at(9), at(12));
        assert!(at(14) > at(12), "afternoon peak");
    }
}
