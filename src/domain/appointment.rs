//! Appointments (预约): slots on working days, capacity, booking window and check-in.

use crate::domain::calendar::Calendar;
use crate::domain::config::Horizon;
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;

/// Where an appointment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AppointmentState {
    /// Booked, not yet arrived.
    Booked,
    /// Cancelled with a reason.
    Cancelled,
    /// Arrived in time: a priority ticket was issued.
    CheckedIn,
    /// Arrived too late: a walk-in ticket was issued.
    Late,
    /// Did not come.
    NoShow,
}

impl AppointmentState {
    /// Every state.
    pub const ALL: [AppointmentState; 5] = [
        AppointmentState::Booked,
        AppointmentState::Cancelled,
        AppointmentState::CheckedIn,
        AppointmentState::Late,
        AppointmentState::NoShow,
    ];

    /// The word stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            AppointmentState::Booked => "booked",
            AppointmentState::Cancelled => "cancelled",
            AppointmentState::CheckedIn => "checked_in",
            AppointmentState::Late => "late",
            AppointmentState::NoShow => "no_show",
        }
    }

    /// Parses a stored word.
    pub fn from_str_opt(s: &str) -> Option<AppointmentState> {
        AppointmentState::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

/// A booked appointment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Appointment {
    /// Row id.
    pub id: i64,
    /// Day.
    pub day: NaiveDate,
    /// Slot start.
    pub at: NaiveTime,
    /// Category code.
    pub category: String,
    /// Resident.
    pub resident_id: i64,
    /// Resident name.
    pub resident_name: String,
    /// Where it stands.
    pub state: AppointmentState,
    /// Ticket issued at check-in.
    pub ticket: Option<String>,
}

/// Slot length.
pub const SLOT_MINUTES: i64 = 30;
/// Check-in opens this long before the slot.
pub const EARLY_MINUTES: i64 = 30;
/// Check-in closes this long after the slot starts; later is a walk-in.
pub const LATE_MINUTES: i64 = 15;

/// Slot start times of a working day: 09:00–11:30 and 13:30–17:00 in 30-minute steps.
pub fn slot_times() -> Vec<NaiveTime> {
    let mut out = Vec::new();
    for (from, to) in [((9, 0), (11, 30)), ((13, 30), (17, 0))] {
        let mut t = NaiveTime::from_hms_opt(from.0, from.1, 0).unwrap_or_default();
        let end = NaiveTime::from_hms_opt(to.0, to.1, 0).unwrap_or_default();
        while t + Duration::minutes(SLOT_MINUTES) <= end {
            out.push(t);
            t += Duration::minutes(SLOT_MINUTES);
        }
    }
    out
}

/// Why a booking was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BookingError {
    /// The day is not a working day (weekend or holiday; makeup days are fine).
    #[error("not a working day")]
    NotWorkingDay,
    /// The slot has started or is over.
    #[error("in the past")]
    Past,
    /// Past the appointments' horizon: `last` is the last day open, `days` the horizon.
    #[error("too far ahead")]
    TooFar { last: NaiveDate, days: u32 },
    /// A year whose holidays the calendar cannot tell.
    #[error("unknown year")]
    UnknownYear(i32),
    /// Not one of the day's slot times.
    #[error("no such slot")]
    NoSuchSlot,
    /// Every place of the slot is taken.
    #[error("full")]
    Full,
    /// No open window serves the category, so it takes no bookings.
    #[error("no capacity")]
    NoCapacity,
    /// Check-in of an appointment of another day, or not booked any more.
    #[error("not today's booking")]
    NotToday,
    /// Check-in before the check-in window opens.
    #[error("too early")]
    TooEarly,
}

/// Whether a slot may be booked now, within `horizon` (capacity is checked against the
/// bookings separately).
pub fn can_book(
    cal: &Calendar,
    day: NaiveDate,
    at: NaiveTime,
    now: NaiveDateTime,
    horizon: Horizon,
) -> Result<(), BookingError> {
    if day.and_time(at) <= now {
        return Err(BookingError::Past);
    }
    // The horizon first, as for rooms: a day far ahead is told the last day open.
    if !horizon.allows(now.date(), day) {
        return Err(BookingError::TooFar { last: horizon.last_day(now.date()), days: horizon.days() });
    }
    // A year the calendar cannot tell would make every weekday look open, holidays included.
    if !cal.knows(day.year()) {
        return Err(BookingError::UnknownYear(day.year()));
    }
    if !cal.is_working_day(day) {
        return Err(BookingError::NotWorkingDay);
    }
    if !slot_times().contains(&at) {
        return Err(BookingError::NoSuchSlot);
    }
    Ok(())
}

/// What checking in at `now` gives: a priority ticket within the window, a walk-in after it.
pub fn check_in(day: NaiveDate, at: NaiveTime, now: NaiveDateTime) -> Result<bool, BookingError> {
    if now.date() != day {
        return Err(BookingError::NotToday);
    }
    let slot = day.and_time(at);
    if now < slot - Duration::minutes(EARLY_MINUTES) {
        return Err(BookingError::TooEarly);
    }
    Ok(now <= slot + Duration::minutes(LATE_MINUTES))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::CalendarFile;

    fn cal() -> Calendar {
        Calendar::new(CalendarFile::parse("h", include_str!("../../fixtures/holidays.toml")).unwrap().days)
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn slots_of_a_day() {
        let s = slot_times();
        assert_eq!(s.len(), 5 + 7);
        assert_eq!((s[0], s[4], s[5], s[11]), (t(9, 0), t(11, 0), t(13, 30), t(16, 30)));
    }

    #[test]
    fn booking_rules_follow_the_calendar() {
        let c = cal();
        let can_book = |c: &Calendar, d, t, now| can_book(c, d, t, now, Horizon::new(14).unwrap());
        let now = d("2026-09-25").and_hms_opt(10, 0, 0).unwrap(); // 中秋 holiday itself
        assert_eq!(can_book(&c, d("2026-09-26"), t(9, 0), now), Err(BookingError::NotWorkingDay));
        assert_eq!(can_book(&c, d("2026-10-01"), t(9, 0), now), Err(BookingError::NotWorkingDay));
        assert_eq!(can_book(&c, d("2026-09-20"), t(9, 0), now), Err(BookingError::Past));
        assert!(can_book(&c, d("2026-10-09"), t(9, 0), now).is_ok());
        assert!(can_book(&c, d("2026-10-10"), t(9, 0), now).is_err(), "makeup Saturday but 15 days ahead");
        let now = d("2026-10-01").and_hms_opt(10, 0, 0).unwrap();
        assert!(can_book(&c, d("2026-10-10"), t(9, 0), now).is_ok(), "makeup Saturday is a working day");
        assert_eq!(can_book(&c, d("2026-10-12"), t(9, 15), now), Err(BookingError::NoSuchSlot));
    }

    #[test]
    fn appointments_stop_at_the_horizon_setting_and_at_unknown_years() {
        let c = cal();
        let now = d("2026-11-02").and_hms_opt(10, 0, 0).unwrap();
        let h = Horizon::new(14).unwrap();
        assert!(can_book(&c, d("2026-11-16"), t(9, 0), now, h).is_ok(), "day 14 is open");
        let too_far = Err(BookingError::TooFar { last: d("2026-11-16"), days: 14 });
        assert_eq!(can_book(&c, d("2026-11-17"), t(9, 0), now, h), too_far);
        let month = Horizon::new(30).unwrap();
        assert!(can_book(&c, d("2026-11-30"), t(9, 0), now, month).is_ok(), "a longer horizon once set");
        let late = d("2149-12-28").and_hms_opt(10, 0, 0).unwrap();
        assert_eq!(can_book(&c, d("2150-01-05"), t(9, 0), late, h), Err(BookingError::UnknownYear(2150)));
        let far = Err(BookingError::TooFar { last: d("2027-01-11"), days: 14 });
        assert_eq!(can_book(&c, d("2150-01-05"), t(9, 0), d("2026-12-28").and_hms_opt(9, 0, 0).unwrap(), h), far);
    }

    #[test]
    fn check_in_window() {
        let day = d("2026-11-20");
        let at = |h, m| day.and_hms_opt(h, m, 0).unwrap();
        assert_eq!(check_in(day, t(9, 30), at(8, 59)), Err(BookingError::TooEarly));
        assert_eq!(check_in(day, t(9, 30), at(9, 0)), Ok(true));
        assert_eq!(check_in(day, t(9, 30), at(9, 45)), Ok(true));
        assert_eq!(check_in(day, t(9, 30), at(9, 46)), Ok(false), "late: a walk-in");
        assert_eq!(check_in(d("2026-11-21"), t(9, 30), at(9, 30)), Err(BookingError::NotToday));
    }
}
