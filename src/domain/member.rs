//! Party members reporting to the community (在职党员到社区报到): registry, activities,
//! check-ins, hours and points.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::Serialize;

pub use super::hours::{DAY_HALF_HOURS, HoursProblem, MAX_RATE, ManualEntry, check_manual, parse_hours, parse_manual};

macro_rules! words {
    ($t:ty { $($v:ident => $s:literal),* $(,)? }) => {
        impl $t {
            /// Every value.
            pub const ALL: &'static [$t] = &[$(<$t>::$v),*];
            /// The word stored in the database and typed on the command line.
            pub fn as_str(self) -> &'static str {
                match self { $(<$t>::$v => $s),* }
            }
            /// Parses a stored or typed word.
            pub fn from_str_opt(s: &str) -> Option<$t> {
                match s { $($s => Some(<$t>::$v),)* _ => None }
            }
        }
    };
}
// Requests' kinds, states and ratings are words too (domain::request).
pub(crate) use words;

/// Service-post categories (服务岗位类别).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Post {
    /// 组织建设.
    Organisation,
    /// 法律咨询与援助.
    Legal,
    /// 助困扶残与就业援助.
    Assistance,
    /// 社区治理.
    Governance,
    /// 健康医疗.
    Health,
    /// 文化体育.
    Culture,
    /// 安全宣传与治安巡逻.
    Safety,
    /// 其他.
    Other,
}

words!(Post { Organisation => "organisation", Legal => "legal", Assistance => "assistance", Governance => "governance", Health => "health", Culture => "culture", Safety => "safety", Other => "other" });

/// A member's standing with the community.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberStatus {
    /// Reporting and serving.
    Active,
    /// Moved out of the community.
    MovedAway,
    /// Party membership transferred elsewhere.
    Transferred,
}

words!(MemberStatus { Active => "active", MovedAway => "moved_away", Transferred => "transferred" });

/// A party member who reported to the community.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Member {
    /// Row id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Female (from the form; the identity number says so too).
    pub female: bool,
    /// Mobile.
    pub phone: String,
    /// Identity number.
    pub id_number: String,
    /// Work unit (在职单位).
    pub unit: String,
    /// The unit's party branch.
    pub branch: String,
    /// Home address.
    pub address: String,
    /// 网格.
    pub grid: String,
    /// Reported on.
    pub reported_on: NaiveDate,
    /// Reported online or at the desk.
    pub online: bool,
    /// Skills (专业特长).
    pub skills: String,
    /// Service intentions.
    pub intentions: Vec<Post>,
    /// Standing.
    pub status: MemberStatus,
}

/// An activity members serve in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Activity {
    /// Row id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Post category.
    pub category: Post,
    /// Organiser.
    pub organiser: String,
    /// Place.
    pub place: String,
    /// Start.
    pub start: NaiveDateTime,
    /// End.
    pub end: NaiveDateTime,
    /// Most members.
    pub capacity: u32,
    /// Points per hour.
    pub rate: u32,
    /// Needs to claim (岗位 / 微心愿).
    pub needs: String,
}

/// Where an hours record came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Source {
    /// Checked in and out at an activity.
    CheckIn,
    /// Entered by hand.
    Manual {
        /// Why.
        reason: String,
        /// Who.
        operator: String,
    },
}

/// One record of service: a check-in at an activity or a manual entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Service {
    /// Row id.
    pub id: i64,
    /// Member.
    pub member_id: i64,
    /// Activity, if any.
    pub activity_id: Option<i64>,
    /// Activity title or the manual entry's reason.
    pub what: String,
    /// In.
    pub start: NaiveDateTime,
    /// Out (None while checked in).
    pub end: Option<NaiveDateTime>,
    /// Closed at the activity's end because nobody checked out.
    pub auto_closed: bool,
    /// Half hours credited.
    pub half_hours: u32,
    /// Points per hour.
    pub rate: u32,
    /// Where it came from.
    pub source: Source,
    /// Declined with this reason (kept, not counted).
    pub declined: Option<String>,
    /// Checked in after the activity started.
    pub late: bool,
    /// Entered by hand and awaiting a supervisor's approval (not counted until approved).
    pub pending: bool,
}

impl Service {
    /// Points, in halves (points = hours × rate).
    pub fn half_points(&self) -> u32 {
        self.half_hours * self.rate
    }
}

/// What is wrong with a member form, field by field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberProblem {
    /// The name is empty or longer than 20 characters.
    Name,
    /// The identity number is not valid.
    Id(crate::domain::resident::IdProblem),
    /// The phone is not a mainland mobile number.
    Phone,
    /// The work unit is empty.
    Unit,
    /// An intention is not one of the post categories (1–8).
    Intention,
}

/// A member as typed into the form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemberDraft {
    /// Name.
    pub name: String,
    /// Identity number.
    pub id_number: String,
    /// Mobile.
    pub phone: String,
    /// Work unit.
    pub unit: String,
    /// The unit's party branch.
    pub branch: String,
    /// Home address.
    pub address: String,
    /// Grid.
    pub grid: String,
    /// Skills.
    pub skills: String,
    /// Intentions as typed: post numbers 1–8 separated by anything.
    pub intentions: String,
    /// Reported online.
    pub online: bool,
}

impl MemberDraft {
    /// Validates every field; returns the clean member (id 0, active, reported today) or
    /// every problem found.
    pub fn validate(&self, today: NaiveDate) -> Result<Member, Vec<MemberProblem>> {
        use crate::domain::resident::{parse_id, parse_phone};
        use crate::domain::text::clean_field;
        let mut problems = Vec::new();
        let (name, cut) = clean_field(&self.name, 20);
        if name.is_empty() || cut {
            problems.push(MemberProblem::Name);
        }
        let id_number = parse_id(&self.id_number, today).unwrap_or_else(|p| {
            problems.push(MemberProblem::Id(p));
            String::new()
        });
        let phone = parse_phone(&self.phone).unwrap_or_else(|| {
            problems.push(MemberProblem::Phone);
            String::new()
        });
        let (unit, _) = clean_field(&self.unit, 40);
        if unit.is_empty() {
            problems.push(MemberProblem::Unit);
        }
        let mut intentions = Vec::new();
        for c in self.intentions.chars().filter(|c| !c.is_whitespace() && !matches!(c, ',' | '，' | '、' | ';')) {
            match c.to_digit(10).filter(|d| (1..=8).contains(d)) {
                Some(d) => {
                    let p = Post::ALL[d as usize - 1];
                    if !intentions.contains(&p) {
                        intentions.push(p);
                    }
                }
                None => {
                    problems.push(MemberProblem::Intention);
                    break;
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        // GB 11643: the 17th digit is odd for men, even for women.
        let female = id_number.as_bytes().get(16).is_some_and(|b| b.is_ascii_digit() && (b - b'0').is_multiple_of(2));
        Ok(Member {
            id: 0,
            name,
            female,
            phone,
            id_number,
            unit,
            branch: clean_field(&self.branch, 40).0,
            address: clean_field(&self.address, 60).0,
            grid: clean_field(&self.grid, 30).0,
            reported_on: today,
            online: self.online,
            skills: clean_field(&self.skills, 60).0,
            intentions,
            status: MemberStatus::Active,
        })
    }
}

/// An activity as typed into the form: title, category 1–8, organiser, place, date,
/// start, end, capacity, points per hour, needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActivityDraft {
    /// The ten fields as typed, in form order.
    pub fields: [String; 10],
}

impl ActivityDraft {
    /// Form rows.
    pub const FIELDS: usize = 10;

    /// Validates; returns the activity (id 0) or the indexes of the bad fields.
    pub fn validate(&self, now: NaiveDateTime) -> Result<Activity, Vec<usize>> {
        use crate::domain::text::clean_field;
        let f = |i: usize, max| clean_field(&self.fields[i], max).0;
        let mut bad = Vec::new();
        let title = f(0, 40);
        if title.is_empty() {
            bad.push(0);
        }
        let category = match f(1, 2).parse::<usize>() {
            Ok(n @ 1..=8) => Post::ALL[n - 1],
            _ => {
                bad.push(1);
                Post::Other
            }
        };
        let day = NaiveDate::parse_from_str(&f(4, 10), "%Y-%m-%d").ok();
        let time =
            |i: usize| chrono::NaiveTime::parse_from_str(&self.fields[i].trim().replace('：', ":"), "%H:%M").ok();
        let (start, end) = match (day, time(5), time(6)) {
            (Some(d), Some(s), Some(e)) if s < e => (d.and_time(s), d.and_time(e)),
            (d, s, e) => {
                if d.is_none() {
                    bad.push(4);
                }
                if s.is_none() {
                    bad.push(5);
                }
                if e.is_none() || (s.is_some() && e.is_some()) {
                    bad.push(6);
                }
                (now, now)
            }
        };
        // An activity is planned ahead or recorded the same day, never invented for last month.
        if !bad.contains(&4) && end <= now - Duration::days(1) {
            bad.push(4);
        }
        let capacity = f(7, 5).parse::<u32>().ok().filter(|n| (1..=500).contains(n)).unwrap_or_else(|| {
            bad.push(7);
            0
        });
        let rate = f(8, 3).parse::<u32>().ok().filter(|n| *n <= 20).unwrap_or_else(|| {
            bad.push(8);
            0
        });
        if !bad.is_empty() {
            bad.sort_unstable();
            bad.dedup();
            return Err(bad);
        }
        Ok(Activity {
            id: 0,
            title,
            category,
            organiser: f(2, 40),
            place: f(3, 40),
            start,
            end,
            capacity,
            rate,
            needs: f(9, 100),
        })
    }
}

/// Whether a member is due to report again: `months` after the last report.
pub fn report_overdue(m: &Member, months: u32, today: NaiveDate) -> bool {
    m.status == MemberStatus::Active
        && m.reported_on.checked_add_months(chrono::Months::new(months)).is_some_and(|due| due < today)
}

/// The first day hours may be entered for without a supervisor: the first day of the
/// previous quarter.
pub fn entry_window_start(today: NaiveDate) -> NaiveDate {
    use chrono::Datelike;
    let (y, q) = if quarter(today) == 1 { (today.year() - 1, 4) } else { (today.year(), quarter(today) - 1) };
    quarter_span(y, q).0
}

/// A check-in after the activity's start is late.
pub fn is_late(a: &Activity, at: NaiveDateTime) -> bool {
    at > a.start
}

/// Half hours in a span, rounded down.
pub fn half_hours(start: NaiveDateTime, end: NaiveDateTime) -> u32 {
    ((end - start).num_minutes().max(0) / 30) as u32
}

/// "2.5".
pub fn halves(n: u32) -> String {
    if n.is_multiple_of(2) { format!("{}", n / 2) } else { format!("{}.5", n / 2) }
}

/// Why a check-in was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckinError {
    /// Before the check-in window (30 minutes before the start).
    #[error("not open yet")]
    NotOpenYet,
    /// The activity is over.
    #[error("finished")]
    Finished,
    /// Every place is taken.
    #[error("full")]
    Full,
    /// The member is checked in at an overlapping activity.
    #[error("in another activity")]
    Overlap(String),
    /// Already checked in (a no-op).
    #[error("already in")]
    AlreadyIn,
    /// Already checked out of this activity.
    #[error("already out")]
    AlreadyOut,
    /// Not checked in, so cannot check out.
    #[error("not in")]
    NotIn,
    /// A manual entry or a decline needs a reason.
    #[error("reason required")]
    ReasonRequired,
    /// Moved away or transferred.
    #[error("not active")]
    NotActive,
    /// What was typed at the desk matches this many members equally (namesakes, a shared
    /// phone tail): the clerk picks one before Enter checks anyone in.
    #[error("several match")]
    Ambiguous(usize),
}

/// Check-in opens this long before the start.
pub const EARLY_MINUTES: i64 = 30;

/// Whether a check-in at `now` is within the activity's window.
pub fn can_check_in(a: &Activity, now: NaiveDateTime) -> Result<(), CheckinError> {
    if now < a.start - Duration::minutes(EARLY_MINUTES) {
        return Err(CheckinError::NotOpenYet);
    }
    if now >= a.end {
        return Err(CheckinError::Finished);
    }
    Ok(())
}

/// The span a check-in counts: from the later of check-in and start to the earlier of
/// check-out and end.
pub fn counted(a: &Activity, inn: NaiveDateTime, out: NaiveDateTime) -> (NaiveDateTime, NaiveDateTime) {
    (inn.max(a.start), out.min(a.end))
}

/// Two activities overlap in time.
pub fn overlaps(a: &Activity, b: &Activity) -> bool {
    a.start < b.end && b.start < a.end
}

/// The quarter (1–4) of a date.
pub fn quarter(d: NaiveDate) -> u32 {
    use chrono::Datelike;
    (d.month() - 1) / 3 + 1
}

/// First and last day of a quarter.
pub fn quarter_span(year: i32, q: u32) -> (NaiveDate, NaiveDate) {
    let first = NaiveDate::from_ymd_opt(year, (q - 1) * 3 + 1, 1).unwrap_or_default();
    let next =
        if q == 4 { NaiveDate::from_ymd_opt(year + 1, 1, 1) } else { NaiveDate::from_ymd_opt(year, q * 3 + 1, 1) }
            .unwrap_or_default();
    (first, next.pred_opt().unwrap_or(next))
}

/// Parses "2026Q4" or "2026-Q4".
pub fn parse_quarter(s: &str) -> Option<(i32, u32)> {
    let s = s.trim().to_ascii_uppercase().replace('-', "");
    let (y, q) = s.split_once('Q')?;
    let (y, q): (i32, u32) = (y.parse().ok()?, q.parse().ok()?);
    ((2000..=2100).contains(&y) && (1..=4).contains(&q)).then_some((y, q))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn act(s: &str, e: &str) -> Activity {
        Activity {
            id: 1,
            title: "环境整治".into(),
            category: Post::Governance,
            organiser: "社区党委".into(),
            place: "幸福里小区".into(),
            start: at(s),
            end: at(e),
            capacity: 30,
            rate: 2,
            needs: String::new(),
        }
    }

    #[test]
    fn hours_round_down_to_half_hours_and_points_follow() {
        assert_eq!(half_hours(at("2026-11-20 09:00"), at("2026-11-20 11:29")), 4);
        assert_eq!(half_hours(at("2026-11-20 09:00"), at("2026-11-20 11:30")), 5);
        assert_eq!(half_hours(at("2026-11-20 09:00"), at("2026-11-20 09:29")), 0);
        assert_eq!(halves(5), "2.5");
        assert_eq!(halves(4), "2");
        let a = act("2026-11-20 09:00", "2026-11-20 11:00");
        // Arriving early and leaving late counts only the activity's span.
        assert_eq!(counted(&a, at("2026-11-20 08:40"), at("2026-11-20 11:40")), (a.start, a.end));
    }

    #[test]
    fn windows_overlap_and_quarters() {
        let a = act("2026-11-20 09:00", "2026-11-20 11:00");
        assert_eq!(can_check_in(&a, at("2026-11-20 08:29")), Err(CheckinError::NotOpenYet));
        assert_eq!(can_check_in(&a, at("2026-11-20 08:30")), Ok(()));
        assert_eq!(can_check_in(&a, at("2026-11-20 11:00")), Err(CheckinError::Finished));
        assert!(overlaps(&a, &act("2026-11-20 10:30", "2026-11-20 12:00")));
        assert!(!overlaps(&a, &act("2026-11-20 11:00", "2026-11-20 12:00")));
        assert_eq!(quarter(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()), 4);
        assert_eq!(quarter_span(2026, 4).1, NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
        assert_eq!(quarter_span(2026, 1).1, NaiveDate::from_ymd_opt(2026, 3, 31).unwrap());
        assert_eq!(parse_quarter("2026q3"), Some((2026, 3)));
        assert_eq!(parse_quarter("2026-Q5"), None);
        assert_eq!(parse_hours("2.5"), Some(5));
        assert_eq!(parse_hours("3"), Some(6));
        assert_eq!(parse_hours("2.3"), None);
        assert_eq!(parse_hours("0"), None);
        assert_eq!(parse_hours("25"), None);
    }

    #[test]
    fn activity_form_names_each_bad_field() {
        let now = at("2026-11-20 10:00");
        let mut d = ActivityDraft::default();
        for (i, v) in
            ["环境整治", "4", "社区党委", "幸福里", "2026-11-21", "09:00", "11:00", "30", "2", ""].iter().enumerate()
        {
            d.fields[i] = v.to_string();
        }
        let a = d.validate(now).unwrap();
        assert_eq!((a.category, a.capacity, a.rate), (Post::Governance, 30, 2));
        d.fields[6] = "08:00".into();
        d.fields[1] = "9".into();
        d.fields[7] = "0".into();
        assert_eq!(d.validate(now).unwrap_err(), vec![1, 6, 7]);
        d.fields[1] = "4".into();
        d.fields[6] = "11:00".into();
        d.fields[7] = "30".into();
        d.fields[4] = "2026-10-01".into();
        assert_eq!(d.validate(now).unwrap_err(), vec![4]);
    }

    #[test]
    fn member_form_is_checked_field_by_field() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let good = MemberDraft {
            name: "王建国".into(),
            id_number: "320124198808240056".into(),
            phone: "13812345678".into(),
            unit: "区税务局".into(),
            intentions: "1、3,3".into(),
            ..Default::default()
        };
        let m = good.validate(today).unwrap();
        assert_eq!(m.intentions, vec![Post::Organisation, Post::Assistance]);
        assert!(!m.female);
        assert!(!report_overdue(&m, 6, today));
        let bad =
            MemberDraft { phone: "123".into(), id_number: "320124198808240057".into(), intentions: "9".into(), ..good };
        let p = bad.validate(today).unwrap_err();
        assert!(p.contains(&MemberProblem::Phone) && p.contains(&MemberProblem::Intention));
        assert!(p.iter().any(|p| matches!(p, MemberProblem::Id(_))));
        let old = Member { reported_on: NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(), ..m };
        assert!(report_overdue(&old, 6, today));
    }
}
