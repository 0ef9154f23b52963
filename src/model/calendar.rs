//! The holiday calendar as the desk reports it: what an import changed, date by date, what it moved
//! or left for a clerk, and which years still rest on the law alone.

use crate::domain::calendar::CalendarDay;
use chrono::{NaiveDate, NaiveDateTime};

/// The outcome of importing a holiday notice: every date it touched, the cases whose stored
/// dates moved in the same transaction, and the bookings that now fall on a day off.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct CalendarImport {
    /// Years the file covers.
    pub years: Vec<i32>,
    /// Dates not on file before.
    pub added: Vec<CalendarDay>,
    /// Dates on file with another kind or name: (as before, as now).
    pub changed: Vec<(CalendarDay, CalendarDay)>,
    /// Dates of the file's years taken off because `--replace-year` asked for it.
    pub removed: Vec<CalendarDay>,
    /// Dates of the file's years the file does not list, kept because removing needs
    /// `--replace-year`.
    pub kept: Vec<CalendarDay>,
    /// Dates already as in the file.
    pub unchanged: usize,
    /// Open cases whose stored due date (or notice deadline) moved.
    pub moved: Vec<DueMoved>,
    /// Bookings still ahead on a day the import made a day off, for a clerk to rebook.
    pub to_rebook: Vec<Rebook>,
}

impl CalendarImport {
    /// Whether the import wrote anything.
    pub fn wrote(&self) -> bool {
        !(self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty())
    }

    /// The years whose dates the import changed.
    pub fn changed_years(&self) -> Vec<i32> {
        use chrono::Datelike;
        let mut ys: Vec<i32> = (self.added.iter().chain(self.removed.iter()))
            .chain(self.changed.iter().map(|(_, n)| n))
            .map(|d| d.date.year())
            .collect();
        ys.sort_unstable();
        ys.dedup();
        ys
    }
}

/// Which stored date of a case moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DueKind {
    /// The due date of an accepted case.
    Due,
    /// The last day to bring what a one-time notice listed.
    NoticeDeadline,
}

/// One case whose stored date the import moved.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DueMoved {
    /// Case number.
    pub number: String,
    /// Which date.
    pub kind: DueKind,
    /// As stored before the import.
    pub old: NaiveDate,
    /// As stored now.
    pub new: NaiveDate,
}

/// What kind of booking falls on a new day off.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RebookWhat {
    /// A resident's appointment: its id and category code.
    Appointment { id: i64, category: String },
    /// A mediation room booking: its id and the room's name.
    Room { id: i64, room: String },
}

/// A booking still ahead that now falls on a day off; listed, never moved or cancelled.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Rebook {
    /// Appointment or room booking.
    pub what: RebookWhat,
    /// When it starts.
    pub at: NaiveDateTime,
    /// Who: the resident, or the mediator who booked the room.
    pub who: String,
}

/// A year whose State Council holiday notice is not imported, with the open cases and bookings
/// whose dates rest on it (the supervisor's reminder to import it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CalendarGap {
    /// The year.
    pub year: i32,
    /// Open cases due (or with a 补正 deadline) in that year or later: provisional dates.
    pub cases: usize,
    /// Appointments booked on days of that year.
    pub appointments: usize,
    /// Mediation room bookings on days of that year.
    pub rooms: usize,
}
