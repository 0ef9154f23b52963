//! What the runtime must do after an update.

use super::{Lang, members, queue};
use crate::domain::case::Transition;
use crate::domain::operator::Permission;
use crate::domain::resident::Resident;
use crate::model::CaseFilter;
use crate::model::IntakeRequest;
use crate::model::MaterialEvent;
use crate::model::Revealed;

/// What the runtime must do after an update.
// The discriminants (`EffectKind`) name an effect without its data: the log says which kind
// was slow or failed without writing residents' names, and the role test walks every kind.
#[derive(Debug, Clone, PartialEq, Eq, strum::EnumDiscriminants)]
#[strum_discriminants(name(EffectKind), derive(strum::EnumIter, strum::IntoStaticStr))]
pub enum Effect {
    /// Read the catalog and answer with `Msg::CatalogLoaded`.
    LoadCatalog,
    /// Free a window (supervisors): sign out its clerk, settle its open numbers this way.
    FreeWindow(u16, Option<crate::domain::queue::OpenFate>),
    /// Read the calendar.
    LoadCalendar,
    /// Read a page of cases and the counts.
    LoadCases(CaseFilter),
    /// Read the page of cases after this key (the list was moved past its end).
    MoreCases(CaseFilter, crate::model::CaseKey),
    /// Read one case in full.
    LoadCase(i64),
    /// Read the residents added after this row id, and those changed since this mark (none
    /// before the first read): others' edits of residents held.
    LoadResidents(i64, Option<String>),
    /// Register a resident.
    RegisterResident(Resident),
    /// Store a resident's edited record: as the form opened on it, and as saved.
    EditResident(Box<(Resident, Resident)>),
    /// Take in a case.
    Intake(IntakeRequest),
    /// Change a case.
    Transition {
        /// Case.
        id: i64,
        /// Version seen.
        version: i64,
        /// What.
        transition: Transition,
        /// Why.
        reason: String,
    },
    /// Record a rating.
    Rate {
        /// Case.
        id: i64,
        /// Version seen.
        version: i64,
        /// 1–5.
        stars: u8,
    },
    /// Close a follow-up.
    FollowUp {
        /// Case.
        id: i64,
        /// Version seen.
        version: i64,
        /// What was done.
        note: String,
    },
    /// Record a material handled after intake.
    Material {
        /// Case.
        id: i64,
        /// Version seen.
        version: i64,
        /// Material line.
        seq: usize,
        /// What happened.
        what: MaterialEvent,
    },
    /// Record that a resident's masked fields were revealed.
    Reveal(Resident, Revealed),
    /// Save (and print) the receipt of a case in this language.
    PrintReceipt(i64, Lang),
    /// Save (and print) an item's what-to-bring slip in this language; the number being
    /// served, if any, records it as a consultation.
    PrintSlip(String, Lang, Option<i64>),
    /// Read one day of one category's appointments.
    LoadAppointments(chrono::NaiveDate, String),
    /// Book a slot for a resident.
    Book(chrono::NaiveDate, chrono::NaiveTime, String, i64),
    /// Cancel a booking with a reason.
    CancelAppointment(i64, String),
    /// Check a resident in for their booking.
    CheckIn(i64),
    /// Read the rooms and the bookings from one day to another.
    LoadRooms(chrono::NaiveDate, chrono::NaiveDate),
    /// Book a room.
    BookRoom {
        /// Room.
        room_id: i64,
        /// Start.
        start: chrono::NaiveDateTime,
        /// End.
        end: chrono::NaiveDateTime,
        /// Purpose, or one of my mediation case numbers.
        purpose: String,
        /// Weekly for this many weeks (1: once).
        weeks: u32,
    },
    /// Move a booking.
    MoveRoom {
        /// Booking.
        id: i64,
        /// Version seen.
        version: i64,
        /// Room.
        room_id: i64,
        /// Start.
        start: chrono::NaiveDateTime,
        /// End.
        end: chrono::NaiveDateTime,
    },
    /// Cancel a booking with a reason.
    CancelRoom(i64, i64, String),
    /// Change a booking's purpose (a case number links the case).
    EditRoom(i64, i64, String),
    /// Move a booking and the later dates of its series by the same step.
    MoveSeries {
        /// Booking id.
        id: i64,
        /// Version seen.
        version: i64,
        /// Room.
        room_id: i64,
        /// New start of this date.
        start: chrono::NaiveDateTime,
        /// New end of this date.
        end: chrono::NaiveDateTime,
    },
    /// Cancel a booking and the later dates of its series with a reason.
    CancelSeries(i64, i64, String),
    /// Read the mediation cases.
    LoadMediation,
    /// Read one mediation case's timeline.
    LoadMediationEvents(i64),
    /// Open a mediation case.
    OpenMediation(
        crate::domain::mediation::DisputeType,
        crate::domain::mediation::Source,
        String,
        Vec<crate::domain::mediation::Party>,
    ),
    /// Move a mediation case on.
    MediationStep(i64, i64, crate::domain::mediation::MediationStep, String),
    /// Record performance and a follow-up visit.
    MediationFollowUp(i64, i64, crate::domain::mediation::Performance, String),
    /// Record that a mediation case's parties' contacts were revealed.
    RevealParties(i64),
    /// Read members, unit totals and settings (closing forgotten check-outs first).
    /// Members with this year's totals, unless what the session holds is still current.
    LoadMembers(Option<members::MembersStamp>),
    /// Read one member's records.
    LoadMemberRecords(i64),
    /// Read the activities starting between two days.
    LoadActivities(chrono::NaiveDate, chrono::NaiveDate),
    /// Read one activity's records.
    LoadActivityRecords(i64),
    /// Register a member.
    RegisterMember(crate::domain::member::Member),
    /// Create an activity.
    AddActivity(crate::domain::member::Activity),
    /// Check a member in (or out) at an activity.
    MemberCheck {
        /// Member.
        member: i64,
        /// Activity.
        activity: i64,
        /// Check out rather than in.
        out: bool,
    },
    /// Hours entered by hand: member, day, half hours, points per hour, reason.
    ManualHours(i64, chrono::NaiveDate, u32, u32, String),
    /// Decline a record with a reason.
    DeclineRecord(i64, String),
    /// Read the hand entries awaiting a supervisor's approval.
    LoadPendingHours,
    /// A supervisor approves (None) or rejects (with a reason) a hand entry.
    DecideHours(i64, Option<String>),
    /// A new report today, and/or a new standing.
    MemberUpdate(i64, bool, Option<crate::domain::member::MemberStatus>),
    /// Record that a member's masked fields were revealed.
    RevealMember(i64),
    /// Write the feedback reports of a quarter, one per work unit, in this language.
    Feedback(i32, u32, Lang),
    /// Read the dashboard's figures beyond the queue, rooms and members already loaded.
    LoadDashboard,
    /// Read a page of the audit trail older than the id given.
    LoadAudit(crate::model::AuditFilter, Option<i64>),
    /// Read the operators.
    LoadOperators,
    /// Set a target or threshold.
    SetTarget(crate::app::audit::Target),
    /// Carry out an administration command (errors worded in this language).
    Admin(crate::app::audit::AdminCmd, Lang),
    /// Add (login, name, role, window), change (role, window) or retire an operator.
    OperatorChange(crate::app::audit::OperatorOp),
    /// Write the daily (or monthly) report of a day as XLSX and CSV, in this language.
    WriteReport(bool, chrono::NaiveDate, Lang),
    /// Read or change residents' requests (the Requests tab).
    Requests(super::requests::RequestOp),
    /// Read today's queue.
    LoadQueue,
    /// Do something at the queue.
    Queue(queue::QueueOp),
    /// Take back this session's last undoable change.
    Undo,
    /// Rank a search field's query on a snapshot of its index, off the UI thread, and answer
    /// with `Msg::Ranked` (the runtime's ranking thread; the worker ranks one that reaches it).
    Rank(Box<super::ranking::RankJob>),
    /// Leave the program.
    Quit,
}

/// Who may ask for an effect: the one permission table the worker checks before anything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Anyone signed in (process and UI effects that touch no data).
    Anyone,
    /// A role with this permission (DESIGN.md §5).
    May(Permission),
}

impl Need {
    /// Whether `role` meets the need.
    pub fn met_by(self, role: crate::domain::operator::Role) -> bool {
        match self {
            Need::Anyone => true,
            Need::May(p) => role.may(p),
        }
    }
}

/// What `effect` needs (DESIGN.md §5). No wildcard arm, here or below: a new effect (or a new
/// queue or admin operation) does not compile until someone decides who may ask for it.
/// Finer checks stay where the data is (a mediator sees only their own mediation cases).
pub fn required(effect: &Effect) -> Need {
    use Need::May;
    use Permission::*;
    match effect {
        // Only one's own change, already permitted, is taken back.
        Effect::Quit | Effect::Undo => Need::Anyone,
        // Ranks what the session already holds; reads and writes nothing.
        Effect::Rank(_) => Need::Anyone,
        // The catalog, the calendar, room occupancy and the queue board: people, not machines.
        Effect::LoadCatalog | Effect::LoadCalendar | Effect::LoadRooms(..) | Effect::LoadQueue => May(ReadCatalog),
        // Residents, cases and appointments all name residents.
        Effect::LoadCases(_)
        | Effect::MoreCases(..)
        | Effect::LoadCase(_)
        | Effect::LoadResidents(..)
        | Effect::RegisterResident(_)
        | Effect::EditResident(..)
        | Effect::Intake(_)
        | Effect::Transition { .. }
        | Effect::Rate { .. }
        | Effect::FollowUp { .. }
        | Effect::Material { .. }
        | Effect::Reveal(..)
        | Effect::PrintReceipt(..)
        | Effect::PrintSlip(..)
        | Effect::LoadAppointments(..)
        | Effect::Book(..)
        | Effect::CancelAppointment(..)
        | Effect::CheckIn(_) => May(Cases),
        Effect::Queue(op) => May(queue_need(op)),
        Effect::Requests(op) => May(request_need(op)),
        Effect::BookRoom { .. }
        | Effect::MoveRoom { .. }
        | Effect::CancelRoom(..)
        | Effect::EditRoom(..)
        | Effect::MoveSeries { .. }
        | Effect::CancelSeries(..)
        | Effect::LoadMediation
        | Effect::LoadMediationEvents(_)
        | Effect::OpenMediation(..)
        | Effect::MediationStep(..)
        | Effect::MediationFollowUp(..)
        | Effect::RevealParties(_) => May(Mediation),
        Effect::LoadMembers(_)
        | Effect::LoadMemberRecords(_)
        | Effect::LoadActivities(..)
        | Effect::LoadActivityRecords(_)
        | Effect::RegisterMember(_)
        | Effect::AddActivity(_)
        | Effect::MemberCheck { .. }
        | Effect::ManualHours(..)
        | Effect::DeclineRecord(..)
        | Effect::MemberUpdate(..)
        | Effect::RevealMember(_)
        | Effect::Feedback(..) => May(Members),
        Effect::FreeWindow(..)
        | Effect::LoadDashboard
        | Effect::LoadAudit(..)
        | Effect::LoadOperators
        | Effect::SetTarget(_)
        | Effect::LoadPendingHours
        | Effect::DecideHours(..)
        | Effect::WriteReport(..) => May(Supervise),
        Effect::Admin(cmd, _) => May(admin_need(cmd)),
        Effect::OperatorChange(_) => May(Administer),
    }
}

/// Whether the runtime records what `effect` changes so that the undo key can take it back:
/// the changes a key makes without asking first (README: every key that changes state asks or
/// can be undone). No wildcard arm: a new effect does not compile until someone decides.
pub fn undoable(effect: &Effect) -> bool {
    use crate::domain::case::Transition;
    use crate::domain::mediation::MediationStep;
    match effect {
        Effect::Queue(op) => {
            use queue::QueueOp::*;
            match op {
                SignIn(_) | SignOut | Pause(_) | CallNext | Call(..) | Recall(..) | Serve(..) | Park(..)
                | CallBack(..) | Reinstate(..) => true,
                NoShow(..) | Transfer(..) | Finish(..) | Take(..) | LinkCase(..) => false,
            }
        }
        Effect::Transition { transition, .. } => matches!(transition, Transition::Start | Transition::Resume),
        Effect::Material { .. } => true,
        // Every step of a request asks first (or is typed into its prompt).
        Effect::Requests(_) => false,
        Effect::MediationStep(_, _, step, _) => *step == MediationStep::Start,
        // 报到 today is one key; a change of standing comes from a choice, and is undone alike.
        Effect::MemberUpdate(..) => true,
        // A mistaken check-out (Enter on the wrong name) is taken back; a check-in is not undone.
        Effect::MemberCheck { out, .. } => *out,
        Effect::LoadCatalog
        | Effect::FreeWindow(..)
        | Effect::LoadCalendar
        | Effect::LoadCases(_)
        | Effect::MoreCases(..)
        | Effect::LoadCase(_)
        | Effect::LoadResidents(..)
        | Effect::EditResident(..)
        | Effect::RegisterResident(_)
        | Effect::Intake(_)
        | Effect::Rate { .. }
        | Effect::FollowUp { .. }
        | Effect::Reveal(..)
        | Effect::PrintSlip(..)
        | Effect::PrintReceipt(..)
        | Effect::LoadAppointments(..)
        | Effect::Book(..)
        | Effect::CancelAppointment(..)
        | Effect::CheckIn(_)
        | Effect::LoadRooms(..)
        | Effect::BookRoom { .. }
        | Effect::MoveRoom { .. }
        | Effect::CancelRoom(..)
        | Effect::EditRoom(..)
        | Effect::MoveSeries { .. }
        | Effect::CancelSeries(..)
        | Effect::LoadMediation
        | Effect::LoadMediationEvents(_)
        | Effect::OpenMediation(..)
        | Effect::MediationFollowUp(..)
        | Effect::RevealParties(_)
        | Effect::LoadMembers(_)
        | Effect::LoadMemberRecords(_)
        | Effect::LoadActivities(..)
        | Effect::LoadActivityRecords(_)
        | Effect::RegisterMember(_)
        | Effect::AddActivity(_)
        | Effect::ManualHours(..)
        | Effect::DeclineRecord(..)
        | Effect::LoadPendingHours
        | Effect::DecideHours(..)
        | Effect::RevealMember(_)
        | Effect::Feedback(..)
        | Effect::LoadDashboard
        | Effect::LoadAudit(..)
        | Effect::LoadOperators
        | Effect::SetTarget(_)
        | Effect::Admin(..)
        | Effect::OperatorChange(_)
        | Effect::WriteReport(..)
        | Effect::LoadQueue
        | Effect::Undo
        | Effect::Rank(_)
        | Effect::Quit => false,
    }
}

/// Anyone but the hall display takes a number; the rest of the queue is for those who serve.
fn queue_need(op: &queue::QueueOp) -> Permission {
    use queue::QueueOp::*;
    match op {
        Take(..) => Permission::TakeNumber,
        SignIn(_) | SignOut | Pause(_) | CallNext | Call(..) | Recall(..) | Serve(..) | Park(..) | CallBack(..)
        | NoShow(..) | Reinstate(..) | Transfer(..) | Finish(..) | LinkCase(..) => Permission::Cases,
    }
}

/// Dispatching and calling a department in are the grid's and supervisors'; the rest of the
/// loop is for everyone who handles requests (finer checks, the taker's own, stay in storage).
fn request_need(op: &super::requests::RequestOp) -> Permission {
    use super::requests::RequestOp::*;
    match op {
        Dispatch(..) | Escalate(..) | Candidates(_) => Permission::Dispatch,
        Page(..) | Events(_) | Step(..) | Done(..) | Rate(..) | Add(..) | Receipt(..) | Menu => Permission::Requests,
    }
}

/// Settings are the admins'; windows, rooms, items and the calendar the supervisors'.
fn admin_need(cmd: &crate::app::audit::AdminCmd) -> Permission {
    use crate::app::audit::AdminCmd::*;
    match cmd {
        Setting(..) => Permission::Administer,
        Window(..) | RoomAdd(..) | RoomRetire(_) | Calendar(..) | Item(..) => Permission::Supervise,
        // The member desk brings in the rosters work units send; taking a batch back, and
        // residents' registers, stay with supervisors.
        Import(crate::domain::import::Kind::Members, ..) => Permission::Members,
        Import(..) | ImportUndo(_) => Permission::Supervise,
    }
}
