//! A masked ID number and phone shown in full: one record at a time, for a minute at most.

use chrono::{NaiveDateTime, TimeDelta};

/// A revealed ID number or phone is masked again after this long at most (a public counter).
pub const REVEAL_SECONDS: i64 = 60;

/// The record whose ID number and phone are shown in full (the reveal was audited).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shown(Option<(i64, NaiveDateTime)>);

impl Shown {
    /// Shows record `id` in full from `now`.
    pub fn show(&mut self, id: i64, now: NaiveDateTime) {
        self.0 = Some((id, now));
    }

    /// Whether record `id` is shown in full.
    pub fn shows(&self, id: i64) -> bool {
        self.0.is_some_and(|(shown, _)| shown == id)
    }

    /// Masks again unless `current` is the record shown and the minute is not over; true when
    /// something was masked.
    pub fn keep_only(&mut self, current: Option<i64>, now: NaiveDateTime) -> bool {
        let keep =
            self.0.is_some_and(|(id, since)| Some(id) == current && now - since < TimeDelta::seconds(REVEAL_SECONDS));
        let masked = self.0.is_some() && !keep;
        if masked {
            self.0 = None;
        }
        masked
    }
}
