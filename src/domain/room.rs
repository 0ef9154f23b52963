//! Mediation rooms (和为贵调解室): bookings on 15-minute steps without overlap.

use crate::domain::calendar::Calendar;
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
}

/// Shortest booking.
pub const MIN_MINUTES: i64 = 30;
/// Longest booking.
pub const MAX_MINUTES: i64 = 240;
/// Booking step.
pub const STEP_MINUTES: u32 = 15;

fn on_step(t: NaiveDateTime) -> bool {
    t.minute().is_multiple_of(STEP_MINUTES) && t.second() == 0 && t.nanosecond() == 0
}

/// Checks the rules of one booking that do not depend on other bookings.
pub fn check(
    cal: &Calendar,
    room: &Room,
    start: NaiveDateTime,
    end: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<(), RoomError> {
    if room.retired {
        return Err(RoomError::NoRoom);
    }
    if !on_step(start) || !on_step(end) {
        return Err(RoomError::NotOnStep);
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
    if !cal.is_working_day(start.date()) {
        return Err(RoomError::DayOff);
    }
    if end.date() != start.date() || start.time() < room.opens || end.time() > room.closes {
        return Err(RoomError::OutsideHours);
    }
    Ok(())
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
        }
    }

    #[test]
    fn single_booking_rules() {
        let c = cal();
        let now = at("2026-11-20 08:00");
        let ok = |s, e| check(&c, &room(), at(s), at(e), now);
        assert_eq!(ok("2026-11-20 09:00", "2026-11-20 10:30"), Ok(()));
        assert_eq!(ok("2026-11-20 09:10", "2026-11-20 10:00"), Err(RoomError::NotOnStep));
        assert_eq!(ok("2026-11-20 10:00", "2026-11-20 09:00"), Err(RoomError::EndBeforeStart));
        assert_eq!(ok("2026-11-20 09:00", "2026-11-20 09:15"), Err(RoomError::TooShort));
        assert_eq!(ok("2026-11-20 09:00", "2026-11-20 13:15"), Err(RoomError::TooLong));
        assert_eq!(ok("2026-11-19 09:00", "2026-11-19 10:00"), Err(RoomError::Past));
        assert_eq!(ok("2026-11-21 09:00", "2026-11-21 10:00"), Err(RoomError::DayOff));
        assert_eq!(ok("2026-11-20 08:00", "2026-11-20 09:00"), Err(RoomError::Past));
        assert_eq!(ok("2026-11-20 17:00", "2026-11-20 18:00"), Err(RoomError::OutsideHours));
        // The makeup Saturday of 2026-10-10 is a working day.
        let now = at("2026-10-09 08:00");
        assert_eq!(check(&c, &room(), at("2026-10-10 09:00"), at("2026-10-10 10:00"), now), Ok(()));
        assert_eq!(
            check(&c, &room(), at("2026-10-06 09:00"), at("2026-10-06 10:00"), at("2026-10-01 08:00")),
            Err(RoomError::DayOff)
        );
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
    fn weekly_series() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let w = weekly(d, 3);
        assert_eq!(w, vec![d, d + Duration::weeks(1), d + Duration::weeks(2)]);
    }
}
