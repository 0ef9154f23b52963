//! Toasts: short-lived notices of results and errors, in typed form (i18n words them).

use crate::domain::case::{CaseError, CaseState};
use crate::model::StorageError;
use chrono::{NaiveDate, NaiveDateTime};

/// Which member change a notice reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberChange {
    /// Registered.
    Registered,
    /// Reported again.
    Reported,
    /// Standing changed.
    Standing,
    /// Hours entered by hand.
    Hours,
    /// A record declined.
    Declined,
    /// An activity created.
    Activity,
    /// Checked in after the start: marked late.
    Late,
    /// Hours entered by hand await a supervisor's approval.
    Pending,
    /// Hours awaiting approval were approved.
    Approved,
    /// Hours awaiting approval were rejected.
    Rejected,
}

/// Something to tell the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Another session changed the catalog; it was reloaded.
    CatalogUpdated {
        /// Items now offered.
        items: usize,
    },
    /// Pasted or typed text was longer than the field; the rest was dropped.
    InputTruncated {
        /// The field's limit in characters.
        max: usize,
    },
    /// Control characters or escape sequences were removed from input.
    UnsafeCharsRemoved,
    /// The interface language changed.
    LangSwitched,
    /// My last change was taken back: what it was.
    Undone(crate::action::Action),
    /// Nothing of mine can be taken back now.
    NothingToUndo,
    /// Someone changed the record since: my change stays.
    UndoChangedSince,
    /// A database operation failed.
    Storage(StorageError),
    /// The database worker stopped: this session can no longer save anything.
    WorkerStopped,
    /// A new resident was registered.
    ResidentRegistered {
        /// Name.
        name: String,
    },
    /// A resident's record was changed.
    ResidentEdited {
        /// Name (as it is now).
        name: String,
    },
    /// A resident's record was not changed: why.
    ResidentEditRefused(crate::model::ResidentEditError),
    /// The ID number is on file, but with another mobile: the edit form opens with the new one.
    PhoneDiffers {
        /// Name on file.
        name: String,
    },
    /// A search of digits found nobody and is no ID number or mobile: it was not taken as a name.
    DigitsNotAName(String),
    /// The identity number was already on file; that resident was chosen instead.
    AlreadyRegistered {
        /// Name on file.
        name: String,
    },
    /// Intake accepted a case.
    Accepted {
        /// Case number.
        number: String,
        /// Due date.
        due: NaiveDate,
    },
    /// Intake handed over the one-time notice.
    NoticeIssued {
        /// Case number.
        number: String,
    },
    /// A case changed state (or was rated, or a material was recorded).
    CaseChanged {
        /// Case number.
        number: String,
        /// Its state now.
        state: CaseState,
    },
    /// Someone else changed the case first; the fresh state is shown.
    Conflict {
        /// Case number.
        number: String,
    },
    /// A rule of the case refused the change.
    CaseRefused(CaseError),
    /// The case (or resident) is gone.
    NotFound,
    /// A receipt was saved, and printed when a print command is set.
    ReceiptSaved {
        /// File.
        path: String,
        /// Sent to the printer.
        printed: bool,
    },
    /// A receipt, report or feedback file could not be written.
    ReceiptFailed(crate::domain::files::FileTrouble),
    /// The print command failed.
    PrintFailed(String),
    /// A window was freed.
    WindowFreed(crate::model::Freed),
    /// The role may not do this.
    Denied,
    /// No case is selected.
    NoCase,
    /// The material under the cursor has nothing to record.
    NothingToRecord,
    /// A number was called to my window, and why it was next.
    Called {
        /// Number.
        number: String,
        /// Why it was next.
        why: crate::domain::queue::Why,
    },
    /// A number was issued.
    Issued {
        /// Number.
        number: String,
        /// Place in line.
        position: usize,
        /// Estimated minutes.
        wait: u32,
    },
    /// A ticket changed state.
    TicketChanged {
        /// Number.
        number: String,
        /// State now.
        state: crate::domain::queue::TicketState,
    },
    /// Signed in at a window (Some) or out (None).
    SignedIn(Option<u16>),
    /// The window paused (true) or resumed.
    WindowPaused(bool),
    /// A queue operation was refused.
    Queue(crate::model::QueueError),
    /// A booking was made, cancelled or checked in.
    AppointmentChanged(String, crate::domain::appointment::AppointmentState),
    /// A resident checked in for their booking and got this number.
    CheckedIn {
        /// Resident.
        name: String,
        /// Ticket number.
        number: String,
        /// Within the check-in window: a priority number (else a walk-in).
        priority: bool,
    },
    /// Take the case in from the catalog; it will be linked to the number at the window.
    StartIntake,
    /// A room booking was refused.
    Room(crate::model::RoomOpError),
    /// A room booking was made, moved or cancelled.
    RoomChanged(String),
    /// A mediation change was refused.
    Mediation(crate::model::MediationOpError),
    /// A mediation case changed.
    MediationChanged(String, crate::domain::mediation::MediationState),
    /// A request step was refused.
    Request(crate::model::requests::RequestOpError),
    /// The new request's kind and service were suggested from its text (the next Enter saves).
    RequestSuggested(crate::domain::request::Kind, Option<String>),
    /// A request moved on: its number and its state now.
    RequestChanged(String, crate::domain::request::State),
    /// A member operation was refused.
    Member(crate::model::MemberOpError),
    /// A member was checked in at the desk.
    MemberIn(String),
    /// A member was checked out: half hours and half points counted.
    MemberOut(String, u32, u32),
    /// A member change was stored (registered, reported, standing, hours, decline): the words.
    MemberChanged(MemberChange, String),
    /// Nobody registered matches what was typed at the desk.
    NotRegistered(String),
    /// Enter at the desk with nothing typed.
    TypeAName,
    /// No activity is open at the desk.
    NoActivity,
    /// No service record is selected.
    NoRecord,
    /// Nothing is under the cursor for this key to act on.
    NothingSelected,
    /// Bookings are made and changed on the day grid, not the week view.
    DayViewOnly,
    /// A report is still being written.
    ReportRunning,
    /// Feedback reports were written: how many, where.
    FeedbackSaved(usize, String),
    /// A report was written to these files.
    ReportSaved(String),
    /// What an operator change did.
    OperatorChanged(crate::model::OperatorChange),
    /// A target, threshold or administration change was made: what, now.
    TargetSet(String),
    /// An administration command failed: why.
    AdminFailed(String),
    /// No number at my window.
    NoTicket,
    /// The operator has no window number (config `window` or operator record).
    NoWindow,
}

/// How a toast looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// A result.
    Info,
    /// Input was changed or refused.
    Warn,
    /// Something failed.
    Error,
}

/// A notice shown until `until`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    /// What.
    pub notice: Notice,
    /// How it looks.
    pub level: Level,
    /// When it disappears.
    pub until: NaiveDateTime,
}

impl Notice {
    /// The level this notice is shown at.
    pub fn level(&self) -> Level {
        match self {
            Notice::CatalogUpdated { .. }
            | Notice::LangSwitched
            | Notice::Undone(_)
            | Notice::ResidentRegistered { .. }
            | Notice::ResidentEdited { .. }
            | Notice::Accepted { .. }
            | Notice::NoticeIssued { .. }
            | Notice::CaseChanged { .. }
            | Notice::ReceiptSaved { .. }
            | Notice::WindowFreed(_)
            | Notice::Called { .. }
            | Notice::Issued { .. }
            | Notice::TicketChanged { .. }
            | Notice::SignedIn(_)
            | Notice::WindowPaused(_)
            | Notice::AppointmentChanged(..)
            | Notice::CheckedIn { .. }
            | Notice::StartIntake
            | Notice::RoomChanged(_)
            | Notice::MediationChanged(..)
            | Notice::RequestChanged(..)
            | Notice::RequestSuggested(..)
            | Notice::MemberIn(_)
            | Notice::MemberOut(..)
            | Notice::MemberChanged(..)
            | Notice::FeedbackSaved(..)
            | Notice::ReportSaved(_)
            | Notice::TargetSet(_)
            | Notice::OperatorChanged(crate::model::OperatorChange::Done) => Level::Info,
            Notice::OperatorChanged(_) => Level::Warn,
            Notice::AdminFailed(_) => Level::Error,
            Notice::NotRegistered(_) | Notice::TypeAName | Notice::NoActivity | Notice::NoRecord => Level::Warn,
            // A second check-in is a harmless no-op: say so without alarm.
            Notice::Member(crate::model::MemberOpError::Rule(
                crate::domain::member::CheckinError::AlreadyIn
                | crate::domain::member::CheckinError::AlreadyOut
                | crate::domain::member::CheckinError::Ambiguous(_),
            )) => Level::Warn,
            Notice::Member(_) => Level::Error,
            Notice::InputTruncated { .. }
            | Notice::UnsafeCharsRemoved
            | Notice::AlreadyRegistered { .. }
            | Notice::PhoneDiffers { .. }
            | Notice::DigitsNotAName(_)
            | Notice::NoCase
            | Notice::NothingToRecord
            | Notice::NoTicket
            | Notice::NothingSelected
            | Notice::NothingToUndo
            | Notice::UndoChangedSince
            | Notice::DayViewOnly
            | Notice::ReportRunning
            | Notice::NoWindow => Level::Warn,
            Notice::Storage(_)
            | Notice::Conflict { .. }
            | Notice::CaseRefused(_)
            | Notice::ResidentEditRefused(_)
            | Notice::NotFound
            | Notice::ReceiptFailed(_)
            | Notice::PrintFailed(_)
            | Notice::Queue(_)
            | Notice::Room(_)
            | Notice::Mediation(_)
            | Notice::Request(_)
            | Notice::Denied
            | Notice::WorkerStopped => Level::Error,
        }
    }
}
