//! What the hall says aloud when a number is called: the words, how often, which calls are new
//! since the board last looked, and the quiet hours.

use crate::domain::lang::Lang;
use crate::domain::queue::{Ticket, TicketState};
use chrono::{NaiveDateTime, NaiveTime};
use std::collections::HashMap;

/// Each call is said this many times, one after the other.
pub const TIMES: usize = 2;

/// One call or recall to announce (numbers and windows only: never a name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// The ticket's number, e.g. `A012`.
    pub number: String,
    /// The window it is called to.
    pub window: u16,
    /// Recalls so far (0: the first call).
    pub recalls: u8,
    /// When it was called.
    pub at: NaiveDateTime,
}

/// The words of a call as the speech engine needs them: the letter and each digit of the
/// number apart, so that `A012` is read "A 零 一 二" and not "A 十二" (espeak-ng's Mandarin voice
/// reads a run of digits as one number), the window as a number, the parts spaced.
pub fn text(lang: Lang, number: &str, window: u16) -> String {
    let spelled = spell(number);
    match lang {
        Lang::Zh => format!("请 {spelled} 号 到 {window} 号窗口 办理"),
        Lang::En => format!("Number {spelled}, please go to window {window}"),
    }
}

/// `A012` → `A 0 1 2`: one character at a time.
pub fn spell(number: &str) -> String {
    number.chars().filter(|c| !c.is_whitespace()).map(String::from).collect::<Vec<_>>().join(" ")
}

/// When each ticket was last called and how many recalls it had, as the board saw it (a
/// recall within the same second as the call is still a new call).
pub type Seen = HashMap<i64, (NaiveDateTime, u8)>;

/// What the board has seen called so far (on start-up: nothing is announced for calls made
/// before the board came up).
pub fn seen(tickets: &[Ticket]) -> Seen {
    tickets.iter().filter_map(|t| Some((t.id, (t.called_at?, t.recalls)))).collect()
}

/// Calls and recalls made since `before` was taken, oldest first: a ticket whose call time
/// is new or changed and that is still waiting at its window.
pub fn fresh_calls(before: &Seen, tickets: &[Ticket]) -> Vec<Call> {
    let mut calls: Vec<Call> = tickets
        .iter()
        .filter(|t| t.state == TicketState::Called)
        .filter_map(|t| {
            let at = t.called_at?;
            let window = t.window?;
            (before.get(&t.id) != Some(&(at, t.recalls))).then(|| Call {
                number: t.number.clone(),
                window,
                recalls: t.recalls,
                at,
            })
        })
        .collect();
    calls.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.number.cmp(&b.number)));
    calls
}

/// Hours in which the hall stays silent, e.g. `12:00-13:30, 18:00-08:00` (a span may pass
/// midnight).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuietHours(Vec<(NaiveTime, NaiveTime)>);

impl QuietHours {
    /// Reads `HH:MM-HH:MM` spans separated by commas; the empty text is no quiet hours.
    pub fn parse(s: &str) -> Result<QuietHours, String> {
        let mut spans = Vec::new();
        for part in s.split([',', '，', ';']).map(str::trim).filter(|p| !p.is_empty()) {
            let (a, b) = part.split_once(['-', '–', '~']).ok_or_else(|| part.to_string())?;
            let time = |t: &str| NaiveTime::parse_from_str(t.trim(), "%H:%M").map_err(|_| part.to_string());
            spans.push((time(a)?, time(b)?));
        }
        Ok(QuietHours(spans))
    }

    /// Whether `t` falls in a quiet span (start included, end excluded).
    pub fn contains(&self, t: NaiveTime) -> bool {
        self.0.iter().any(|&(a, b)| if a <= b { a <= t && t < b } else { t >= a || t < b })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_call_is_read_letter_and_digit_by_digit_in_the_interface_language() {
        assert_eq!(text(Lang::Zh, "A012", 3), "请 A 0 1 2 号 到 3 号窗口 办理");
        assert_eq!(text(Lang::En, "D003", 12), "Number D 0 0 3, please go to window 12");
    }

    #[test]
    fn quiet_hours_may_pass_midnight_and_bad_ones_are_named() {
        let q = QuietHours::parse("12:00-13:30, 18:00-08:00").unwrap();
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        assert!(q.contains(t(12, 0)) && q.contains(t(13, 29)) && !q.contains(t(13, 30)));
        assert!(q.contains(t(23, 0)) && q.contains(t(7, 59)) && !q.contains(t(9, 0)));
        assert_eq!(QuietHours::parse("12-13"), Err("12-13".to_string()));
        assert_eq!(QuietHours::parse(""), Ok(QuietHours::default()));
    }
}
