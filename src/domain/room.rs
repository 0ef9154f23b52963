//! Mediation rooms (和为贵调解室): bookings on 15-minute steps without overlap.

use crate::domain::calendar::Calendar;
use crate::domain::config::Horizon;
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde::Serialize;

/// A room.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Room {
    /// Row id.
    pub id: i64,
    /// Name, e.g. 和为贵调解室一.
    pub name: String,
    /// Seats.
    pub capacity: u16,
    /// Opens at.
    pub opens: NaiveTime,
    /// Closes at.
    pub closes: NaiveTime,
    /// Retired rooms take no bookings.
    pub retired: bool,
}

/// A booking as whoever reads it may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Booking {
    /// Row id.
    pub id: i64,
    /// Room.
    pub room_id: i64,
    /// Start.
    pub start: NaiveDateTime,
    /// End.
    pub end: NaiveDateTime,
    /// Mediator's login.
    pub mediator: String,
    /// Mediator's name (everyone may see who has the room).
    pub mediator_name: String,
    /// The mediation case, for those who may read it.
    pub case_id: Option<i64>,
    /// Case number or purpose, for those who may read it; None means "occupied".
    pub purpose: Option<String>,
    /// Cancelled with this reason.
    pub cancelled: Option<String>,
    /// Optimistic lock.
    pub version: i64,
    /// The weekly series it belongs to (the id of the series' first booking).
    pub series: Option<i64>,
}

/// Why a booking was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RoomError {
    /// Start or end is not on a quarter hour.
    #[error("not on a 15-minute step")]
    NotOnStep,
    /// The end is not after the start.
    #[error("ends before it starts")]
    EndBeforeStart,
    /// Starts on one day and ends on another: a room is booked day by day.
    #[error("spans two days")]
    SpansDays,
    /// Shorter than 30 minutes.
    #[error("too short")]
    TooShort,
    /// Longer than 4 hours.
    #[error("too long")]
    TooLong,
    /// Starts in the past.
    #[error("in the past")]
    Past,
    /// Not a working day.
    #[error("not a working day")]
    DayOff,
    /// Outside the room's open hours (or across midnight).
    #[error("outside open hours")]
    OutsideHours,
    /// The room is taken then.
    #[error("room taken")]
    RoomTaken(Box<Booking>),
    /// The mediator is in another room then.
    #[error("mediator busy")]
    MediatorBusy(Box<Booking>),
    /// Retired or unknown room.
    #[error("no such room")]
    NoRoom,
    /// Past the rooms' horizon: `last` is the last day that may be booked, `days` the horizon.
    #[error("beyond the horizon")]
    BeyondHorizon { last: NaiveDate, days: u32 },
    /// A year whose holidays the calendar cannot tell.
    #[error("unknown year")]
    UnknownYear(i32),
    /// A weekly series longer than `max` weeks.
    #[error("too many weeks")]
    TooManyWeeks { max: u32 },
}

/// Shortest booking.
pub const MIN_MINUTES: i64 = 30;
/// Longest booking.
pub const MAX_MINUTES: i64 = 240;
/// Booking step.
pub const STEP_MINUTES: u32 = 15;
/// Most meetings in one weekly series: a quarter's worth.
pub const MAX_WEEKS: u32 = 13;

fn on_step(t: NaiveDateTime) -> bool {
    t.minute().is_multiple_of(STEP_MINUTES) && t.second() == 0 && t.nanosecond() == 0
}

/// Checks the rules of one booking that do not depend on other bookings.
pub fn check(
    cal: &Calendar,
    room: &Room,
    (start, end): (NaiveDateTime, NaiveDateTime),
    now: NaiveDateTime,
    horizon: Horizon,
) -> Result<(), RoomError> {
    if room.retired {
        return Err(RoomError::NoRoom);
    }
    if !on_step(start) || !on_step(end) {
        return Err(RoomError::NotOnStep);
    }
    // Before the order of the two: 16:00 today to 09:00 tomorrow is two days, not a wrong end.
    if end.date() != start.date() {
        return Err(RoomError::SpansDays);
    }
    if end <= start {
        return Err(RoomError::EndBeforeStart);
    }
    let minutes = (end - start).num_minutes();
    if minutes < MIN_MINUTES {
        return Err(RoomError::TooShort);
    }
    if minutes > MAX_MINUTES {
        return Err(RoomError::TooLong);
    }
    if start <= now {
        return Err(RoomError::Past);
    }
    within(horizon, now.date(), start.date())?;
    if !cal.knows(start.year()) {
        return Err(RoomError::UnknownYear(start.year()));
    }
    if !cal.is_working_day(start.date()) {
        return Err(RoomError::DayOff);
    }
    if end.date() != start.date() || start.time() < room.opens || end.time() > room.closes {
        return Err(RoomError::OutsideHours);
    }
    Ok(())
}

/// A day typed to go to: 2027-02-03 (or 2027-2-3), or 2-3 / 02-03 for the next such day from
/// `today` on; None when it is no date.
pub fn parse_day(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    let parts: Vec<&str> = text.trim().split(['-', '/', '.']).collect();
    let num = |s: &str| s.trim().parse::<u32>().ok();
    match parts.as_slice() {
        [y, m, d] => NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?),
        [m, d] => {
            let (m, d) = (num(m)?, num(d)?);
            let this = NaiveDate::from_ymd_opt(today.year(), m, d);
            match this {
                Some(day) if day >= today => Some(day),
                _ => NaiveDate::from_ymd_opt(today.year() + 1, m, d),
            }
        }
        _ => None,
    }
}

/// Two intervals overlap; touching ones (one ends when the other starts) do not.
pub fn overlaps(a: (NaiveDateTime, NaiveDateTime), b: (NaiveDateTime, NaiveDateTime)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// The first live booking among `others` that a new one conflicts with: the same room, or the
/// same mediator anywhere. `except` is the booking being moved.
pub fn conflict(
    others: &[Booking],
    room_id: i64,
    mediator: &str,
    start: NaiveDateTime,
    end: NaiveDateTime,
    except: Option<i64>,
) -> Option<RoomError> {
    for b in others.iter().filter(|b| b.cancelled.is_none() && Some(b.id) != except) {
        if !overlaps((start, end), (b.start, b.end)) {
            continue;
        }
        if b.room_id == room_id {
            return Some(RoomError::RoomTaken(Box::new(b.clone())));
        }
        if b.mediator == mediator {
            return Some(RoomError::MediatorBusy(Box::new(b.clone())));
        }
    }
    None
}

/// Refuses a day past the horizon seen from `today`, naming the last day allowed.
pub fn within(horizon: Horizon, today: NaiveDate, day: NaiveDate) -> Result<(), RoomError> {
    if horizon.allows(today, day) {
        Ok(())
    } else {
        Err(RoomError::BeyondHorizon { last: horizon.last_day(today), days: horizon.days() })
    }
}

/// The dates of a weekly series if the whole series may be booked: at most `MAX_WEEKS`, and
/// its last date within the horizon. A series is refused whole, before anything is written,
/// so that a mediator never finds half a series booked and the rest to chase.
pub fn series(first: NaiveDate, weeks: u32, today: NaiveDate, horizon: Horizon) -> Result<Vec<NaiveDate>, RoomError> {
    if weeks > MAX_WEEKS {
        return Err(RoomError::TooManyWeeks { max: MAX_WEEKS });
    }
    let dates = weekly(first, weeks.max(1));
    if let Some(last) = dates.last() {
        within(horizon, today, *last)?;
    }
    Ok(dates)
}

/// The dates of a weekly series: `first`, then the same weekday for `weeks` weeks in all.
pub fn weekly(first: NaiveDate, weeks: u32) -> Vec<NaiveDate> {
    (0..weeks).map(|w| first + Duration::weeks(w as i64)).filter(|d| d.weekday() == first.weekday()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::CalendarFile;

    fn cal() -> Calendar {
        Calendar::new(CalendarFile::parse("h", include_str!("../../fixtures/holidays.toml")).unwrap().days)
    }

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn room() -> Room {
        Room {
            id: 1,
            name: "和为贵调解室一".into(),
            capacity: 8,
            opens: NaiveTime::from_hms_opt(8, 30, 0).unwrap(),
            closes: NaiveTime::from_hms_opt(17, 30, 0).unwrap(),
            retired: false,
        }
    }

    fn booking(id: i64, room_id: i64, mediator: &str, s: &str, e: &str) -> Booking {
        Booking {
            id,
            room_id,
            start: at(s),
            end: at(e),
            mediator: mediator.into(),
            mediator_name: mediator.into(),
            case_id: None,
            purpose: None,
            cancelled: None,
            version: 1,
            series: None,
        }
    }

    #[test]
    fn single_booking_rules() {
        let c = cal();
        let now = at("2026-11-20 08:00");
        let h = Horizon::new(90).unwrap();
        let ok = |s, e| check(&c, &room(), (at(s), at(e)), now, h);
        assert_eq!(ok("2026-11-20 09:00", "2026-11-20 10:30"), Ok(()));
        assert_eq!(ok("2026-11-20 09:10", "2026-11-20 10:00"), Err(RoomError::NotOnStep));
        assert_eq!(ok("2026-11-20 10:00", "2026-11-20 09:00"), Err(RoomError::EndBeforeStart));
        assert_eq!(ok("2026-11-20 16:00", "2026-11-23 09:00"), Err(RoomError::SpansDays));
        assert_eq!(ok("2026-11-23 09:00", "2026-11-20 10:00"), Err(RoomError::SpansDays));
        assert_eq!(ok("2026-11-20 09:00", "2026-11-20 09:15"), Err(RoomError::TooShort));
        assert_eq!(ok("2026-11-20 09:00", "2026-11-20 13:15"), Err(RoomError::TooLong));
        assert_eq!(ok("2026-11-19 09:00", "2026-11-19 10:00"), Err(RoomError::Past));
        assert_eq!(ok("2026-11-21 09:00", "2026-11-21 10:00"), Err(RoomError::DayOff));
        assert_eq!(ok("2026-11-20 08:00", "2026-11-20 09:00"), Err(RoomError::Past));
        assert_eq!(ok("2026-11-20 17:00", "2026-11-20 18:00"), Err(RoomError::OutsideHours));
        // The makeup Saturday of 2026-10-10 is a working day.
        let now = at("2026-10-09 08:00");
        assert_eq!(check(&c, &room(), (at("2026-10-10 09:00"), at("2026-10-10 10:00")), now, h), Ok(()));
        assert_eq!(
            check(&c, &room(), (at("2026-10-06 09:00"), at("2026-10-06 10:00")), at("2026-10-01 08:00"), h),
            Err(RoomError::DayOff)
        );
    }

    #[test]
    fn bookings_stop_at_the_horizon_and_at_unknown_years() {
        let c = cal();
        let now = at("2026-09-01 08:00");
        let h = Horizon::new(30).unwrap();
        let last = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
        let book = |s, e| check(&c, &room(), (at(s), at(e)), now, h);
        assert_eq!(book("2026-09-30 09:00", "2026-09-30 10:00"), Ok(()));
        assert_eq!(book("2026-10-12 09:00", "2026-10-12 10:00"), Err(RoomError::BeyondHorizon { last, days: 30 }));
        let far = Horizon::new(366).unwrap();
        let late = at("2149-12-28 08:00");
        assert_eq!(
            check(&c, &room(), (at("2150-01-06 09:00"), at("2150-01-06 10:00")), late, far),
            Err(RoomError::UnknownYear(2150))
        );
    }

    #[test]
    fn a_series_past_the_horizon_or_too_long_is_refused_whole() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let first = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let h = Horizon::new(90).unwrap();
        assert_eq!(series(first, 13, today, h).map(|d| d.len()), Ok(13));
        let last = NaiveDate::from_ymd_opt(2027, 2, 27).unwrap();
        let short = Horizon::new(60).unwrap();
        let last60 = NaiveDate::from_ymd_opt(2027, 1, 28).unwrap();
        assert_eq!(series(first, 10, today, short), Err(RoomError::BeyondHorizon { last: last60, days: 60 }));
        assert_eq!(series(first, 60, today, h), Err(RoomError::TooManyWeeks { max: MAX_WEEKS }));
        assert_eq!(series(first + Duration::weeks(2), 13, today, h), Err(RoomError::BeyondHorizon { last, days: 90 }));
    }

    #[test]
    fn overlap_and_mediator_rules() {
        let existing = vec![booking(1, 1, "zhang", "2026-11-20 09:00", "2026-11-20 10:00")];
        let c = |room, m: &str, s, e| conflict(&existing, room, m, at(s), at(e), None);
        assert_eq!(c(1, "li", "2026-11-20 10:00", "2026-11-20 11:00"), None, "touching is fine");
        assert_eq!(c(1, "li", "2026-11-20 08:30", "2026-11-20 09:00"), None);
        assert!(matches!(c(1, "li", "2026-11-20 09:45", "2026-11-20 10:30"), Some(RoomError::RoomTaken(_))));
        assert!(matches!(c(1, "li", "2026-11-20 08:00", "2026-11-20 11:00"), Some(RoomError::RoomTaken(_))));
        assert!(matches!(c(2, "zhang", "2026-11-20 09:30", "2026-11-20 10:30"), Some(RoomError::MediatorBusy(_))));
        assert_eq!(c(2, "li", "2026-11-20 09:30", "2026-11-20 10:30"), None);
        assert_eq!(
            conflict(&existing, 1, "zhang", at("2026-11-20 09:30"), at("2026-11-20 10:30"), Some(1)),
            None,
            "moving itself"
        );
    }

    #[test]
    fn a_day_to_go_to_is_typed_in_full_or_as_month_and_day() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 19).unwrap();
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(parse_day("2027-02-03", today), d(2027, 2, 3));
        assert_eq!(parse_day(" 2027-2-3 ", today), d(2027, 2, 3));
        assert_eq!(parse_day("2-3", today), d(2027, 2, 3), "the next 3 February");
        assert_eq!(parse_day("12-24", today), d(2026, 12, 24));
        assert_eq!(parse_day("2027-02-30", today), None);
        assert_eq!(parse_day("明天", today), None);
    }

    #[test]
    fn weekly_series() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let w = weekly(d, 3);
        assert_eq!(w, vec![d, d + Duration::weeks(1), d + Duration::weeks(2)]);
    }
}
