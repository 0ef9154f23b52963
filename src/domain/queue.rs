//! The queue (排队叫号): ticket numbers, who is called next and why, waits and estimates.

use chrono::{NaiveDateTime, NaiveTime};
use serde::Serialize;

/// Where a ticket stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketState {
    /// In line.
    Waiting,
    /// Called to a window, not yet there or being served.
    Called,
    /// At the window.
    Serving,
    /// Stepped away (to copy a document) and will be called back.
    Parked,
    /// Finished with an outcome.
    Done,
    /// Did not come after three recalls (过号).
    NoShow,
    /// Still waiting when the desk closed.
    Expired,
}

impl TicketState {
    /// Every state.
    pub const ALL: [TicketState; 7] = [
        TicketState::Waiting,
        TicketState::Called,
        TicketState::Serving,
        TicketState::Parked,
        TicketState::Done,
        TicketState::NoShow,
        TicketState::Expired,
    ];

    /// The word stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            TicketState::Waiting => "waiting",
            TicketState::Called => "called",
            TicketState::Serving => "serving",
            TicketState::Parked => "parked",
            TicketState::Done => "done",
            TicketState::NoShow => "no_show",
            TicketState::Expired => "expired",
        }
    }

    /// Parses a stored word.
    pub fn from_str_opt(s: &str) -> Option<TicketState> {
        TicketState::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// How a visit ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// 咨询.
    Consultation,
    /// 受理办件 (linked to the case).
    CaseAccepted,
    /// 一次性告知: the materials were incomplete; a notice was given and nothing accepted.
    Notice,
    /// 领取证件.
    CertificateCollected,
    /// 其他.
    Other,
    /// 登记诉求: the visit registered a resident's request (decided by the request, not offered
    /// in the finish menu).
    Request,
}

impl Outcome {
    /// Every outcome, in the order the finish menu offers them.
    pub const ALL: [Outcome; 5] =
        [Outcome::Consultation, Outcome::CaseAccepted, Outcome::CertificateCollected, Outcome::Other, Outcome::Notice];

    /// The word stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Consultation => "consultation",
            Outcome::CaseAccepted => "case_accepted",
            Outcome::Notice => "notice",
            Outcome::CertificateCollected => "certificate_collected",
            Outcome::Other => "other",
            Outcome::Request => "request",
        }
    }

    /// Parses a stored word.
    pub fn from_str_opt(s: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().chain([Outcome::Request]).find(|o| o.as_str() == s)
    }
}

/// A ticket of the day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ticket {
    /// Row id.
    pub id: i64,
    /// Day (YYYY-MM-DD) the number belongs to.
    pub day: String,
    /// e.g. `A007`.
    pub number: String,
    /// Category code now (a transfer changes it).
    pub category: String,
    /// Where it stands.
    pub state: TicketState,
    /// 绿色通道 reason, if any.
    pub green: Option<String>,
    /// Age of the linked resident, for the reason shown to the clerk.
    pub age: Option<u32>,
    /// Linked resident.
    pub resident_id: Option<i64>,
    /// Checked-in appointment slot (start time), if the ticket came from one.
    pub appointment_at: Option<NaiveTime>,
    /// Only this window may call it (after a transfer to a window).
    pub for_window: Option<u16>,
    /// When it was issued.
    pub issued_at: NaiveDateTime,
    /// Place in line: the issue time, or later for a reinstated no-show.
    pub order_at: NaiveDateTime,
    /// Window it was called to.
    pub window: Option<u16>,
    /// When it was (last) called.
    pub called_at: Option<NaiveDateTime>,
    /// Recalls so far.
    pub recalls: u8,
    /// When service started.
    pub served_at: Option<NaiveDateTime>,
    /// When it was finished.
    pub finished_at: Option<NaiveDateTime>,
    /// How it ended.
    pub outcome: Option<Outcome>,
    /// Case accepted during the visit.
    pub case_id: Option<i64>,
    /// Sent here from another category or window.
    pub transferred: Option<Transfer>,
    /// Put back in line after a no-show (过号重排).
    pub reinstated: bool,
    /// Why it was called before those ahead of it, when it was.
    pub call_reason: Option<CallReason>,
    /// Numbers of every case taken in during the visit (one visit may handle two items).
    pub cases: Vec<String>,
    /// Codes of the items whose what-to-bring slip was printed during the visit.
    pub slips: Vec<String>,
    /// Optimistic lock.
    pub version: i64,
}

/// Where a transferred ticket came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Transfer {
    /// Name of the category it was in before.
    pub category: String,
    /// The window that sent it, when one did.
    pub window: Option<u16>,
}

/// Why a clerk called a number before those ahead of it (recorded with the call).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CallReason {
    /// 老弱病残孕优先: the clerk's judgement of a priority the kiosk did not record.
    Priority,
    /// 预约已到时: a booked resident whose slot has come.
    AppointmentDue,
    /// 转来窗口: sent to this window by another.
    TransferredHere,
    /// 其他.
    Other,
}

impl CallReason {
    /// Every reason, in the order the dialog numbers them (1–4).
    pub const ALL: [CallReason; 4] =
        [CallReason::Priority, CallReason::AppointmentDue, CallReason::TransferredHere, CallReason::Other];

    /// The word stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            CallReason::Priority => "priority",
            CallReason::AppointmentDue => "appointment_due",
            CallReason::TransferredHere => "transferred_here",
            CallReason::Other => "other",
        }
    }

    /// Parses a stored word.
    pub fn from_str_opt(s: &str) -> Option<CallReason> {
        CallReason::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// Why a ticket is the next one: shown to the clerk who calls it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Why {
    /// 绿色通道 with its reason (and age when known).
    Green {
        /// Reason given at issue.
        reason: String,
        /// Resident's age, if linked.
        age: Option<u32>,
    },
    /// A checked-in appointment.
    Appointment {
        /// Slot start.
        at: NaiveTime,
    },
    /// Sent from another category or window; keeps its issue time.
    Transferred(Transfer),
    /// A no-show put back in line (过号重排).
    Reinstated,
    /// A walk-in (现场取号) behind others.
    WalkIn,
    /// The earliest walk-in, next in line.
    Earliest,
    /// Called before those ahead of it, for this reason.
    OutOfTurn(CallReason),
}

/// A counter window as the call policy sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Window {
    /// Number shown above the counter.
    pub number: u16,
    /// Name, e.g. 综合窗口.
    pub name: String,
    /// Category codes served.
    pub categories: Vec<String>,
    /// Paused with this reason.
    pub paused: Option<String>,
    /// Operator signed in.
    pub operator: Option<String>,
}

impl Window {
    /// Open: someone is signed in and it is not paused.
    pub fn is_open(&self) -> bool {
        self.operator.is_some() && self.paused.is_none()
    }
}

/// The tier a waiting ticket is called in: green channel, then appointments, then walk-ins.
fn tier(t: &Ticket) -> u8 {
    if t.green.is_some() {
        0
    } else if t.appointment_at.is_some() {
        1
    } else {
        2
    }
}

/// Waiting tickets in the order they will be called, optionally only those `window` may call.
pub fn call_order<'a>(waiting: &'a [Ticket], window: Option<&Window>) -> Vec<&'a Ticket> {
    let mut v: Vec<&Ticket> = waiting
        .iter()
        .filter(|t| t.state == TicketState::Waiting)
        .filter(|t| match window {
            None => true,
            Some(w) => match t.for_window {
                Some(n) => n == w.number,
                None => w.categories.contains(&t.category),
            },
        })
        .collect();
    v.sort_by(|a, b| tier(a).cmp(&tier(b)).then(a.order_at.cmp(&b.order_at)).then(a.id.cmp(&b.id)));
    v
}

/// The next ticket for `window` and why (None when nobody waits for it).
pub fn next_for<'a>(waiting: &'a [Ticket], window: &Window) -> Option<(&'a Ticket, Why)> {
    let t = *call_order(waiting, Some(window)).first()?;
    Some((t, why_in_line(t, true)))
}

/// Why this ticket goes where it goes (or, once called out of turn, why it was).
pub fn why(t: &Ticket) -> Why {
    why_in_line(t, false)
}

/// [`why`] for a ticket at a place in line: only the head of the line is the earliest; a
/// walk-in behind others is just that.
pub fn why_in_line(t: &Ticket, head: bool) -> Why {
    if let Some(r) = t.call_reason.filter(|_| matches!(t.state, TicketState::Called | TicketState::Serving)) {
        return Why::OutOfTurn(r);
    }
    // A transfer clears the reinstated mark, so of the two the later event speaks.
    match (&t.green, t.appointment_at, &t.transferred) {
        (Some(reason), _, _) => Why::Green { reason: reason.clone(), age: t.age },
        (None, Some(at), _) => Why::Appointment { at },
        _ if t.reinstated => Why::Reinstated,
        (None, None, Some(from)) => Why::Transferred(from.clone()),
        _ if head => Why::Earliest,
        _ => Why::WalkIn,
    }
}

/// Where a reinstated no-show goes: right behind the next two waiting in its category's order.
pub fn reinstate_order_at(waiting: &[Ticket], category: &str, now: NaiveDateTime) -> NaiveDateTime {
    let same: Vec<&Ticket> = call_order(waiting, None)
        .into_iter()
        .filter(|t| t.category == category && t.green.is_none() && t.appointment_at.is_none())
        .collect();
    match same.get(1).or(same.last()) {
        Some(t) => t.order_at + chrono::Duration::milliseconds(1),
        None => now,
    }
}

/// The ticket a window is serving now: the latest called or serving there.
pub fn current_at<'a>(tickets: &'a [Ticket], w: &Window) -> Option<&'a Ticket> {
    tickets
        .iter()
        .filter(|t| t.window == Some(w.number) && matches!(t.state, TicketState::Called | TicketState::Serving))
        .max_by_key(|t| t.called_at)
}

/// Tickets still open at a window: called, being served, or parked there.
pub fn open_at(tickets: &[Ticket], window: u16) -> Vec<&Ticket> {
    tickets
        .iter()
        .filter(|t| t.window == Some(window))
        .filter(|t| matches!(t.state, TicketState::Called | TicketState::Serving | TicketState::Parked))
        .collect()
}

/// What becomes of a number left open at a window a supervisor frees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenFate {
    /// Back in line, keeping its place (the resident is still in the hall).
    BackInLine,
    /// Recorded as a no-show (过号): the resident has gone.
    NoShow,
}

/// What became of the number still open at a window when the next is called from a caller
/// that has no screen to ask on (a hardware button, a script).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Previous {
    /// Served: finished with the outcome 其他.
    Done,
    /// Did not come (过号).
    NoShow,
    /// Back in line, keeping its place.
    BackInLine,
}

/// Recalls allowed before a ticket counts as a no-show.
pub const MAX_RECALLS: u8 = 3;

/// How long the hall board marks a recalled number as called again.
pub const RECALL_SHOWN_MINUTES: i64 = 3;

/// A number called again lately and still not at the window: the board repeats and marks it.
pub fn recalled_lately(t: &Ticket, now: NaiveDateTime) -> bool {
    t.state == TicketState::Called
        && t.recalls > 0
        && t.called_at.is_some_and(|c| now - c < chrono::Duration::minutes(RECALL_SHOWN_MINUTES))
}

/// Service time assumed before a category has history today.
pub const FALLBACK_SERVICE_MINUTES: u32 = 10;

/// The median of recent service times, in minutes (fallback 10).
pub fn median_minutes(mut durations: Vec<u32>) -> u32 {
    if durations.is_empty() {
        return FALLBACK_SERVICE_MINUTES;
    }
    durations.sort_unstable();
    let n = durations.len();
    if n % 2 == 1 { durations[n / 2] } else { (durations[n / 2 - 1] + durations[n / 2]).div_ceil(2) }.max(1)
}

/// Estimated wait: ceil(position ÷ open windows serving it) × median service time.
pub fn estimated_wait(position: usize, open_windows: usize, median: u32) -> u32 {
    let windows = open_windows.max(1);
    (position.div_ceil(windows) as u32) * median
}

/// A ticket number: prefix and at least three digits (A001 … A999, A1000 …).
pub fn number(prefix: char, seq: u32) -> String {
    format!("{prefix}{seq:03}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: u32, m: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap().and_hms_opt(h, m, 0).unwrap()
    }

    fn t(id: i64, cat: &str, issued: NaiveDateTime) -> Ticket {
        Ticket {
            id,
            day: "2026-11-20".into(),
            number: format!("A{id:03}"),
            category: cat.into(),
            state: TicketState::Waiting,
            green: None,
            age: None,
            resident_id: None,
            appointment_at: None,
            for_window: None,
            issued_at: issued,
            order_at: issued,
            window: None,
            called_at: None,
            recalls: 0,
            served_at: None,
            finished_at: None,
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

    fn window(n: u16, cats: &[&str]) -> Window {
        Window {
            number: n,
            name: "综合".into(),
            categories: cats.iter().map(|c| c.to_string()).collect(),
            paused: None,
            operator: Some("w".into()),
        }
    }

    #[test]
    fn green_then_appointments_then_walk_ins_each_by_issue_time() {
        let mut tickets = vec![
            t(1, "SB", at(8, 31)),
            t(2, "SB", at(8, 40)),
            t(3, "SB", at(9, 0)),
            t(4, "SB", at(9, 5)),
            t(5, "YB", at(8, 0)),
        ];
        tickets[3].green = Some("80岁".into());
        tickets[3].age = Some(80);
        tickets[2].appointment_at = NaiveTime::from_hms_opt(9, 30, 0);
        let w = window(1, &["SB"]);
        let order: Vec<i64> = call_order(&tickets, Some(&w)).iter().map(|t| t.id).collect();
        assert_eq!(order, [4, 3, 1, 2], "YB is not served here");
        let (first, why1) = next_for(&tickets, &w).unwrap();
        assert_eq!(first.id, 4);
        assert_eq!(why1, Why::Green { reason: "80岁".into(), age: Some(80) });
        tickets[3].state = TicketState::Called;
        assert_eq!(
            next_for(&tickets, &w).unwrap().1,
            Why::Appointment { at: NaiveTime::from_hms_opt(9, 30, 0).unwrap() }
        );
        tickets[2].state = TicketState::Done;
        assert_eq!(next_for(&tickets, &w).unwrap().1, Why::Earliest);
    }

    #[test]
    fn transfers_keep_issue_time_and_window_targets_are_respected() {
        let mut tickets = vec![t(1, "SB", at(9, 0)), t(2, "YB", at(8, 0))];
        // Transferred from YB to SB keeps its 08:00 place.
        tickets[1].category = "SB".into();
        let w1 = window(1, &["SB"]);
        assert_eq!(next_for(&tickets, &w1).unwrap().0.id, 2);
        tickets[1].for_window = Some(2);
        assert_eq!(next_for(&tickets, &w1).unwrap().0.id, 1, "targeted at window 2 only");
        let w2 = window(2, &["YB"]);
        assert_eq!(next_for(&tickets, &w2).unwrap().0.id, 2);
    }

    #[test]
    fn a_reinstated_no_show_goes_behind_the_next_two() {
        let tickets = vec![t(1, "SB", at(9, 0)), t(2, "SB", at(9, 1)), t(3, "SB", at(9, 2))];
        let when = reinstate_order_at(&tickets, "SB", at(10, 0));
        let mut back = t(9, "SB", at(8, 0));
        back.order_at = when;
        let mut all = tickets.clone();
        all.push(back);
        let order: Vec<i64> = call_order(&all, None).iter().map(|t| t.id).collect();
        assert_eq!(order, [1, 2, 9, 3]);
        assert_eq!(reinstate_order_at(&[], "SB", at(10, 0)), at(10, 0));
    }

    #[test]
    fn only_the_head_of_the_line_is_the_earliest_and_each_row_says_what_it_is() {
        let mut tickets = vec![t(1, "SB", at(9, 0)), t(2, "SB", at(9, 1)), t(3, "SB", at(9, 2)), t(4, "SB", at(9, 3))];
        tickets[2].reinstated = true;
        tickets[3].transferred = Some(Transfer { category: "医保".into(), window: Some(2) });
        let order = call_order(&tickets, None);
        let whys: Vec<Why> = order.iter().enumerate().map(|(i, t)| why_in_line(t, i == 0)).collect();
        assert_eq!(
            whys,
            [
                Why::Earliest,
                Why::WalkIn,
                Why::Reinstated,
                Why::Transferred(Transfer { category: "医保".into(), window: Some(2) })
            ]
        );
        // Called out of turn, the reason is why it was called; back in line it is forgotten.
        tickets[1].call_reason = Some(CallReason::AppointmentDue);
        assert_eq!(why(&tickets[1]), Why::WalkIn, "still waiting");
        tickets[1].state = TicketState::Called;
        assert_eq!(why(&tickets[1]), Why::OutOfTurn(CallReason::AppointmentDue));
    }

    #[test]
    fn a_recalled_number_is_marked_for_a_few_minutes() {
        let mut x = t(1, "SB", at(9, 0));
        x.state = TicketState::Called;
        x.called_at = Some(at(9, 10));
        assert!(!recalled_lately(&x, at(9, 11)), "called once");
        x.recalls = 1;
        assert!(recalled_lately(&x, at(9, 11)));
        assert!(!recalled_lately(&x, at(9, 10) + chrono::Duration::minutes(RECALL_SHOWN_MINUTES)));
        x.state = TicketState::Serving;
        assert!(!recalled_lately(&x, at(9, 11)), "arrived");
    }

    #[test]
    fn waits_and_numbers() {
        assert_eq!(median_minutes(vec![]), 10);
        assert_eq!(median_minutes(vec![4, 12, 6]), 6);
        assert_eq!(median_minutes(vec![4, 7]), 6);
        assert_eq!(estimated_wait(5, 2, 6), 18);
        assert_eq!(estimated_wait(1, 0, 6), 6);
        assert_eq!(number('A', 7), "A007");
        assert_eq!(number('A', 1000), "A1000");
    }
}
