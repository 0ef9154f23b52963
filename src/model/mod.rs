//! Read models and typed errors that travel from storage up to `app`, `ui` and `i18n`: the
//! shapes of what the database answers, with no SQL in them. Storage fills them; the layers
//! above read them without reaching into storage.

pub mod appointments;
pub mod audit;
pub mod calendar;
pub mod cases;
pub mod catalog;
pub mod error;
pub mod generated;
pub mod import;
pub mod keys;
pub mod mediation;
pub mod members;
pub mod operators;
pub mod queue;
pub mod replica;
pub mod requests;
pub mod residents;
pub mod rooms;
pub mod windows;

pub use appointments::Slot;
pub use audit::{AuditFilter, AuditRow};
pub use calendar::{CalendarGap, CalendarImport, DueKind, DueMoved, Rebook, RebookWhat};
pub use cases::{
    CASE_PAGE, CaseCounts, CaseFilter, CaseKey, CaseOpError, DEFAULT_CLOSING, IntakeRequest, MaterialEvent,
};
pub use catalog::{ImportCounts, ItemEdit};
pub use error::{RuleBreak, StorageError};
pub use generated::Generated;
pub use keys::KeyOpError;
pub use mediation::{MediationEvent, MediationOpError};
pub use members::{MemberOpError, MemberTotals, PendingHours, UnitFeedback, UnitTotals};
pub use operators::OperatorChange;
pub use queue::{CategoryLine, QueueError, QueueView};
pub use residents::{Registered, ResidentEditError, Revealed};
pub use rooms::RoomOpError;
pub use windows::Freed;
