//! Hours a member's service is credited with when entered by hand (补录): what the clerk types
//! and the rules the write transaction holds it to.

use chrono::NaiveDate;

/// Parses hours typed by hand ("2", "2.5", "2.0") into half hours; 0 < h ≤ 24.
pub fn parse_hours(s: &str) -> Option<u32> {
    let s = s.trim();
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    let whole: u32 = whole.parse().ok()?;
    let half = match frac.trim_end_matches('0') {
        "" => 0,
        "5" => 1,
        _ => return None,
    };
    let n = whole * 2 + half;
    (1..=48).contains(&n).then_some(n)
}

/// Points per hour a hand entry may carry (as an activity's rate).
pub const MAX_RATE: u32 = 20;

/// Half hours one member may be credited on one day, check-ins and hand entries together.
pub const DAY_HALF_HOURS: u32 = 48;

/// Hours entered by hand, as parsed from the prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManualEntry {
    /// The day served.
    pub day: NaiveDate,
    /// Half hours.
    pub half: u32,
    /// Points per hour.
    pub rate: u32,
    /// Why it is entered by hand.
    pub reason: String,
}

/// Why hours entered by hand were refused; each names the rule it broke.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HoursProblem {
    /// The date is not YYYY-MM-DD.
    #[error("bad date")]
    Date,
    /// The hours are not 0.5–24 in half hours.
    #[error("bad hours")]
    Hours,
    /// Points per hour outside 0–`MAX_RATE`.
    #[error("bad rate")]
    Rate,
    /// No reason given.
    #[error("no reason")]
    Reason,
    /// The day is after today.
    #[error("future day")]
    Future,
    /// The day is before the member first reported (报到) on this date.
    #[error("before report")]
    BeforeReport(NaiveDate),
    /// The day would exceed 24 hours: half hours already credited that day.
    #[error("more than 24 h in a day")]
    DayFull(NaiveDate, u32),
}

/// Parses "2026-11-20 2.5 [2] 夜间巡逻补录": date, hours, optional points per hour (a number
/// right after the hours is always the rate, so a wrong rate is refused, never read as the
/// reason), reason.
pub fn parse_manual(text: &str) -> Result<ManualEntry, HoursProblem> {
    let mut parts = text.split_whitespace();
    let day = parts.next().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()).ok_or(HoursProblem::Date)?;
    let half = parts.next().and_then(parse_hours).ok_or(HoursProblem::Hours)?;
    let rest: Vec<&str> = parts.collect();
    let (rate, reason) = match rest.split_first() {
        Some((r, more)) if r.parse::<f64>().is_ok() => {
            let rate = r.parse::<u32>().ok().filter(|n| *n <= MAX_RATE).ok_or(HoursProblem::Rate)?;
            (rate, more.join(" "))
        }
        _ => (1, rest.join(" ")),
    };
    if reason.is_empty() {
        return Err(HoursProblem::Reason);
    }
    Ok(ManualEntry { day, half, rate, reason })
}

/// Checks a hand entry against the day and the member: not in the future, not before the
/// first report, and at most 24 hours that day with `had` half hours already credited.
pub fn check_manual(e: &ManualEntry, today: NaiveDate, first_report: NaiveDate, had: u32) -> Result<(), HoursProblem> {
    if e.rate > MAX_RATE {
        return Err(HoursProblem::Rate);
    }
    if e.day > today {
        return Err(HoursProblem::Future);
    }
    if e.day < first_report {
        return Err(HoursProblem::BeforeReport(first_report));
    }
    if had + e.half > DAY_HALF_HOURS {
        return Err(HoursProblem::DayFull(e.day, had));
    }
    Ok(())
}
