//! When the demo opens: at a busy hour of a working day, whatever the hour it is started at.

use crate::domain::calendar::Calendar;
use chrono::{Duration, NaiveDateTime, NaiveTime};

/// The hour a demo started outside office hours opens at: late morning, with the two and a half
/// hours of queue the demo builds behind it starting at 08:00.
pub const BUSY_HOUR: NaiveTime = match NaiveTime::from_hms_opt(10, 30, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};

/// The office hours of a working day in which the demo keeps the real time.
const KEEP_FROM: NaiveTime = BUSY_HOUR;
const KEEP_UNTIL: NaiveTime = match NaiveTime::from_hms_opt(16, 30, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};

/// The local time the demo's day is built around when the real time is `real`; `None` keeps
/// the real clock (a working day between 10:30 and 16:30). Otherwise the busy hour of today if
/// today is a working day, else of the last working day before it: a demo at 03:00 or on a
/// Sunday looks like a working morning, and one built on a past working day stays inside the
/// years whose holiday notice is loaded.
pub fn busy_start(cal: &Calendar, real: NaiveDateTime) -> Option<NaiveDateTime> {
    let today = real.date();
    if cal.is_working_day(today) && (KEEP_FROM..=KEEP_UNTIL).contains(&real.time()) {
        return None;
    }
    let mut day = today;
    // A year has no run of more than a few weeks without a working day; stop looking after two.
    for _ in 0..14 {
        if cal.is_working_day(day) {
            break;
        }
        day -= Duration::days(1);
    }
    Some(day.and_time(BUSY_HOUR))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::{Calendar, CalendarDay, DayKind};
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap()
    }

    #[test]
    fn the_demo_opens_at_a_busy_hour_of_a_working_day() {
        let cal = Calendar::new([]);
        // Monday 2026-11-23 at 03:00: the same day at 10:30.
        assert_eq!(busy_start(&cal, at(2026, 11, 23, 3, 0)), Some(at(2026, 11, 23, 10, 30)));
        // Sunday afternoon: Friday's late morning.
        assert_eq!(busy_start(&cal, at(2026, 11, 29, 15, 0)), Some(at(2026, 11, 27, 10, 30)));
        // A working day's office hours keep the real clock.
        assert_eq!(busy_start(&cal, at(2026, 11, 24, 14, 5)), None);
        // Evening: back to that day's morning.
        assert_eq!(busy_start(&cal, at(2026, 11, 24, 20, 0)), Some(at(2026, 11, 24, 10, 30)));
        // Golden Week: the last working day before it.
        let off = (1..=7).map(|d| CalendarDay {
            date: NaiveDate::from_ymd_opt(2026, 10, d).unwrap(),
            kind: DayKind::Off,
            name: "国庆节".into(),
        });
        let cal = Calendar::new(off);
        assert_eq!(busy_start(&cal, at(2026, 10, 5, 11, 0)), Some(at(2026, 9, 30, 10, 30)));
    }
}
