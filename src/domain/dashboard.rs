//! Figures of the supervisor's live dashboard, computed from today's tickets and windows.

use crate::domain::queue::{Ticket, TicketState, Window};
use chrono::{NaiveDateTime, Timelike};

/// What a window is doing now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WindowNow {
    /// Nobody signed in.
    Closed,
    /// Paused, with the reason.
    Paused(String),
    /// Serving (or has called) this number.
    Serving(String),
    /// Signed in, nobody at the window.
    Idle,
    /// Nobody signed in, but this number is still open there: the clerk's session ended
    /// mid-visit. A supervisor settles it (`window free`).
    Left(String),
}

/// One window's day so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WindowDay {
    /// Window number.
    pub number: u16,
    /// Operator signed in.
    pub operator: Option<String>,
    /// Now.
    pub now: WindowNow,
    /// Visits finished today.
    pub served: u32,
    /// Median minutes from served to finished, if any.
    pub median_service: Option<i64>,
}

/// The median of some minutes (the lower middle for an even count).
pub fn median(mut xs: Vec<i64>) -> Option<i64> {
    if xs.is_empty() {
        return None;
    }
    xs.sort_unstable();
    Some(xs[(xs.len() - 1) / 2])
}

/// Each window's state and day.
pub fn windows(windows: &[Window], tickets: &[Ticket]) -> Vec<WindowDay> {
    windows
        .iter()
        .map(|w| {
            let mine = || tickets.iter().filter(|t| t.window == Some(w.number));
            let current = mine().find(|t| matches!(t.state, TicketState::Called | TicketState::Serving));
            let open = crate::domain::queue::open_at(tickets, w.number);
            let now = match (&w.operator, &w.paused, current) {
                (None, _, _) if !open.is_empty() => {
                    WindowNow::Left(open.iter().map(|t| t.number.as_str()).collect::<Vec<_>>().join(","))
                }
                (None, _, _) => WindowNow::Closed,
                (_, Some(r), _) => WindowNow::Paused(r.clone()),
                (_, None, Some(t)) => WindowNow::Serving(t.number.clone()),
                (_, None, None) => WindowNow::Idle,
            };
            let done: Vec<i64> = mine()
                .filter(|t| t.state == TicketState::Done)
                .filter_map(|t| Some((t.finished_at? - t.served_at?).num_minutes()))
                .collect();
            WindowDay {
                number: w.number,
                operator: w.operator.clone(),
                now,
                served: mine().filter(|t| t.state == TicketState::Done).count() as u32,
                median_service: median(done),
            }
        })
        .collect()
}

/// Minutes the longest-waiting number of a category has waited.
pub fn longest_wait(tickets: &[Ticket], category: &str, now: NaiveDateTime) -> Option<i64> {
    tickets
        .iter()
        .filter(|t| t.category == category && t.state == TicketState::Waiting)
        // A number stamped by a clock a little ahead of this one has waited no time, not less.
        .map(|t| (now - t.issued_at).num_minutes().max(0))
        .max()
}

/// What the dashboard measures today's queue against: the wait target and last week's same day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Yardstick {
    /// Minutes a number should wait at most before it is called (`queue.wait_target_minutes`).
    pub wait_target: u32,
    /// Numbers issued in each hour of the same weekday a week ago (index = hour).
    pub last_week: [u32; 24],
}

/// Whether a category's longest wait has passed the target: one person waiting too long is an
/// alarm however short the line (a target of 0 means none is set).
pub fn waited_too_long(longest: Option<i64>, target: u32) -> bool {
    target > 0 && longest.is_some_and(|m| m > i64::from(target))
}

/// Today's service level: numbers called within `target` minutes of issue, out of those whose
/// fate is known by `now` (called, or still waiting past the target).
pub fn within_target(tickets: &[Ticket], target: u32, now: NaiveDateTime) -> (u32, u32) {
    let target = i64::from(target);
    let (mut within, mut all) = (0, 0);
    for t in tickets {
        let waited = match (t.called_at, t.state) {
            (Some(c), _) => (c - t.issued_at).num_minutes(),
            (None, TicketState::Waiting) if (now - t.issued_at).num_minutes() > target => i64::MAX,
            _ => continue,
        };
        all += 1;
        within += u32::from(waited <= target);
    }
    (within, all)
}

/// Numbers issued in each hour of the day (index = hour).
pub fn arrivals_per_hour(tickets: &[Ticket]) -> [u32; 24] {
    let mut h = [0u32; 24];
    for t in tickets {
        h[t.issued_at.hour() as usize] += 1;
    }
    h
}

/// No-shows and all numbers called so far (finished or no-show).
pub fn no_shows(tickets: &[Ticket]) -> (u32, u32) {
    let no = tickets.iter().filter(|t| t.state == TicketState::NoShow).count() as u32;
    let done = tickets.iter().filter(|t| t.state == TicketState::Done).count() as u32;
    (no, no + done)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(&format!("2026-11-20 {s}"), "%Y-%m-%d %H:%M").unwrap()
    }

    fn ticket(
        n: &str,
        state: TicketState,
        window: Option<u16>,
        issued: &str,
        served: Option<&str>,
        done: Option<&str>,
    ) -> Ticket {
        Ticket {
            id: 0,
            day: "2026-11-20".into(),
            number: n.into(),
            category: "SB".into(),
            state,
            green: None,
            age: None,
            resident_id: None,
            appointment_at: None,
            for_window: None,
            issued_at: at(issued),
            order_at: at(issued),
            window,
            called_at: served.map(at),
            recalls: 0,
            served_at: served.map(at),
            finished_at: done.map(at),
            outcome: None,
            case_id: None,
            transferred: None,
            reinstated: false,
            call_reason: None,
            cases: vec![],
            slips: vec![],
            version: 1,
        }
    }

    #[test]
    fn a_long_wait_is_an_alarm_and_counts_against_the_service_level() {
        let ts = vec![
            ticket("A001", TicketState::Done, Some(1), "08:30", Some("08:40"), Some("08:52")),
            ticket("A002", TicketState::Done, Some(1), "08:30", Some("09:10"), Some("09:20")),
            ticket("A003", TicketState::Waiting, None, "09:00", None, None),
            ticket("A004", TicketState::Waiting, None, "10:20", None, None),
        ];
        // A001 called after 10 minutes, A002 after 40, A003 has waited 91: one of three in time;
        // A004 has waited 11 minutes and may still make it.
        assert_eq!(within_target(&ts, 30, at("10:31")), (1, 3));
        assert!(waited_too_long(longest_wait(&ts, "SB", at("10:31")), 30));
        assert!(!waited_too_long(Some(30), 30));
        assert!(!waited_too_long(Some(91), 0));
    }

    #[test]
    fn windows_hours_and_no_shows_from_a_small_morning() {
        let ts = vec![
            ticket("A001", TicketState::Done, Some(1), "08:35", Some("08:40"), Some("08:52")),
            ticket("A002", TicketState::Done, Some(1), "08:50", Some("08:55"), Some("09:01")),
            ticket("A003", TicketState::Done, Some(1), "09:05", Some("09:06"), Some("09:26")),
            ticket("A004", TicketState::Serving, Some(1), "09:10", Some("09:27"), None),
            ticket("A005", TicketState::NoShow, Some(2), "09:15", None, None),
            ticket("A006", TicketState::Waiting, None, "09:20", None, None),
        ];
        let w = |n, op: Option<&str>, paused: Option<&str>| Window {
            number: n,
            name: format!("{n}号窗口"),
            categories: vec!["SB".into()],
            paused: paused.map(String::from),
            operator: op.map(String::from),
        };
        let days = windows(&[w(1, Some("wangfang"), None), w(2, Some("liqiang"), Some("午休")), w(3, None, None)], &ts);
        assert_eq!(days[0].now, WindowNow::Serving("A004".into()));
        // Services of 12, 6 and 20 minutes: the median is 12.
        assert_eq!((days[0].served, days[0].median_service), (3, Some(12)));
        assert_eq!(days[1].now, WindowNow::Paused("午休".into()));
        assert_eq!(days[2].now, WindowNow::Closed);
        let h = arrivals_per_hour(&ts);
        assert_eq!((h[8], h[9]), (2, 4));
        assert_eq!(no_shows(&ts), (1, 4));
        assert_eq!(longest_wait(&ts, "SB", at("09:50")), Some(30));
        // Before the only waiting number was taken (another desk's clock runs ahead): no wait,
        // never a negative one (the street view showed -521 分).
        assert_eq!(longest_wait(&ts, "SB", at("09:00")), Some(0));
        assert_eq!(median(vec![4, 1, 3, 2]), Some(2));
    }
}
