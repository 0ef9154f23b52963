//! Everything that can happen to the application, as one message type.

use super::{Dashboard, members, notice, residents};
use crate::domain::calendar::Calendar;
use crate::domain::case::Case;
use crate::domain::case::CaseEvent;
use crate::domain::case::CaseMaterial;
use crate::domain::catalog::Category;
use crate::domain::catalog::ServiceItem;
use crate::keymap::KeyChord;
use crate::model::CaseCounts;
use crate::model::CaseOpError;
use crate::model::Registered;
use crate::model::StorageError;
use chrono::{NaiveDateTime, NaiveTime};

/// Everything that can happen to the application.
#[derive(Debug, Clone)]
pub enum Msg {
    /// A key was pressed.
    Key(KeyChord),
    /// Text was pasted (bracketed paste).
    Paste(String),
    /// The terminal changed size.
    Resize(u16, u16),
    /// The clock moved on (about once a second).
    Tick(NaiveDateTime),
    /// The catalog arrived from the database.
    CatalogLoaded(Vec<ServiceItem>, Vec<Category>),
    /// The calendar and the closing time arrived.
    CalendarLoaded(Calendar, NaiveTime),
    /// How far ahead appointments and rooms may be booked.
    HorizonsLoaded(crate::domain::config::Horizons),
    /// The first rows of the cases list, the counts, and how many match in all.
    CasesLoaded(Vec<Case>, CaseCounts, usize),
    /// The next page of the cases list.
    MoreCasesLoaded(Vec<Case>),
    /// The selected case in full.
    CaseLoaded(Case, Vec<CaseMaterial>, Vec<CaseEvent>),
    /// Every resident.
    ResidentsLoaded(residents::ResidentPage),
    /// A registration was stored (or the ID was already on file).
    ResidentRegistered(Registered),
    /// A resident's edited record was stored (as it is now).
    ResidentEdited(crate::domain::resident::Resident),
    /// A resident's edit was refused.
    ResidentEditRefused(crate::model::ResidentEditError),
    /// Intake stored a new case.
    IntakeSaved(Case),
    /// A change of a case was stored.
    CaseSaved(Case),
    /// A case operation was refused; the fresh case comes along when there is one.
    CaseRefused(CaseOpError, Option<Case>),
    /// A reveal was recorded in the audit trail.
    Revealed(i64),
    /// A receipt was saved (and printed when a print command is set).
    ReceiptDone {
        /// Where it was saved.
        path: String,
        /// It went to the printer too.
        printed: bool,
    },
    /// A receipt, report or feedback file could not be written.
    ReceiptFailed(crate::domain::files::FileTrouble),
    /// The print command (or an export's renderer) failed.
    PrintFailed(String),
    /// The worker refused a write the role may not make.
    Denied,
    /// One day of one category's appointments.
    AppointmentsLoaded(Vec<crate::model::Slot>, Vec<crate::domain::appointment::Appointment>),
    /// Rooms and the live bookings of the day or week shown.
    RoomsLoaded(Vec<crate::domain::room::Room>, Vec<crate::domain::room::Booking>),
    /// A room booking was refused.
    RoomRefused(crate::model::RoomOpError),
    /// The mediation cases this reader may see.
    MediationLoaded(Vec<crate::domain::mediation::MediationCase>),
    /// The selected mediation case's timeline and sessions.
    MediationEvents(i64, Vec<crate::model::MediationEvent>, Vec<crate::domain::room::Booking>),
    /// A mediation change was refused.
    MediationRefused(crate::model::MediationOpError),
    /// A mediation case's parties' reveal was audited.
    PartiesRevealed(i64),
    /// The Requests tab's answers.
    Requests(super::requests::RequestMsg),
    /// Today's queue.
    QueueLoaded(crate::model::QueueView),
    /// A queue operation was done; this is what to tell the clerk.
    QueueDone(notice::Notice),
    /// A queue operation was refused.
    QueueRefused(crate::model::QueueError),
    /// Members, unit totals and the settings that judge them.
    MembersLoaded(members::MembersData),
    /// Hand entries awaiting a supervisor's approval.
    PendingHours(Vec<crate::model::PendingHours>),
    /// One member's records.
    MemberRecords(i64, Vec<crate::domain::member::Service>),
    /// Activities around today.
    ActivitiesLoaded(Vec<(crate::domain::member::Activity, u32)>),
    /// One activity's records with names.
    ActivityRecords(i64, Vec<(crate::domain::member::Service, String)>),
    /// A member change was stored; this is what to tell.
    MemberDone(notice::Notice),
    /// A member was registered.
    MemberRegistered(crate::domain::member::Member),
    /// An activity was created.
    ActivityAdded(crate::domain::member::Activity),
    /// A member's reveal was audited.
    MemberRevealed(i64),
    /// A member operation was refused.
    MemberRefused(crate::model::MemberOpError),
    /// The dashboard's own figures.
    DashboardLoaded(Dashboard),
    /// The operators, and what the last change did (None when only reading).
    OperatorsLoaded(Vec<crate::domain::operator::Operator>, Option<crate::model::OperatorChange>),
    /// An administration command finished: what it did, or why it did not.
    AdminDone(Result<String, String>),
    /// A window was freed (or why not).
    WindowFreed(Result<crate::model::Freed, crate::model::QueueError>),
    /// A report was written: the files.
    ReportWritten(Vec<String>),
    /// A page of the audit trail: the filter and bound it answers.
    AuditLoaded(crate::model::AuditFilter, Option<i64>, Vec<crate::model::AuditRow>),
    /// A database request failed.
    DbFailed(StorageError),
    /// The database worker is gone (thread ended or panicked): the session can no longer save.
    WorkerStopped,
    /// Another session (or this one) committed a change.
    DataChanged,
    /// The last effect's change was recorded and can be taken back.
    Undoable,
    /// A search field's query was ranked off the UI thread.
    Ranked(Box<super::ranking::Ranked>),
    /// The undo was done, or why not.
    Undone(Result<(), notice::Notice>),
}
