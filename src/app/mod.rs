//! Application state and `update(&mut App, Msg) -> Vec<Effect>`: no terminal, no SQL.

pub mod appointments;
pub mod audit;
pub mod cases;
pub mod catalog;
pub mod dashboard;
pub mod form;
mod handlers;
pub mod input;
pub mod intake;
pub mod mediation;
pub mod members;
pub mod notice;
pub mod overlay;
pub mod queue;
pub mod residents;
pub mod rooms;

use crate::action::Action;
use crate::domain::calendar::Calendar;
use crate::domain::case::{Case, CaseEvent, CaseMaterial, Transition};
use crate::domain::catalog::{Category, ServiceItem};
use crate::domain::operator::{Operator, Permission, Role};
use crate::domain::resident::Resident;
use crate::keymap::{KeyChord, Keymap, Mode, Section};
use crate::storage::{
    CaseCounts, CaseFilter, CaseOpError, IntakeRequest, MaterialEvent, Registered, Revealed, StorageError,
};
use cases::CasesState;
use catalog::{CatalogState, Focus};
use chrono::{NaiveDateTime, NaiveTime, TimeDelta};
use input::InsertReport;
use intake::IntakeState;
use notice::{Notice, Toast};
use overlay::Overlay;
use residents::ResidentsState;

/// Interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Simplified Chinese (default).
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Parses `zh`, `zh-CN`, `en`, `en_US.UTF-8` and the like.
    pub fn parse(s: &str) -> Option<Lang> {
        let l = s.trim().to_ascii_lowercase();
        if l == "zh" || l.starts_with("zh-") || l.starts_with("zh_") {
            Some(Lang::Zh)
        } else if l == "en" || l.starts_with("en-") || l.starts_with("en_") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The other language.
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }
}

/// A tab at the top of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// 事项: the service-item catalog (and intake, which starts from it).
    Catalog,
    /// 办件: the cases.
    Cases,
    /// 居民: the residents.
    Residents,
    /// 排队: calling numbers at my window.
    Queue,
    /// 预约: appointments by day and category.
    Appointments,
    /// 调解室: the rooms' day grid.
    Rooms,
    /// 调解: people's-mediation cases.
    Mediation,
    /// 党员: party members, activities, the check-in desk, the ranking.
    Members,
    /// 总览: the supervisor's live dashboard.
    Dashboard,
}

impl Tab {
    /// The tabs built so far, in order.
    pub const ALL: [Tab; 9] = [
        Tab::Catalog,
        Tab::Cases,
        Tab::Queue,
        Tab::Appointments,
        Tab::Rooms,
        Tab::Mediation,
        Tab::Members,
        Tab::Residents,
        Tab::Dashboard,
    ];

    /// Whether `role` may see this tab.
    pub fn visible_to(self, role: Role) -> bool {
        match self {
            Tab::Catalog | Tab::Rooms => true,
            Tab::Mediation => role.may(Permission::Mediation),
            Tab::Members => role.may(Permission::Members),
            Tab::Dashboard => role.may(Permission::Supervise),
            Tab::Cases | Tab::Residents | Tab::Queue | Tab::Appointments => role.may(Permission::Cases),
        }
    }
}

/// The state of the database connection, for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbStatus {
    /// Waiting for the first answer.
    Loading,
    /// Working.
    Ok,
    /// The last operation failed.
    Error(StorageError),
}

/// Who is signed in, to what.
#[derive(Debug, Clone)]
pub struct Session {
    /// The operator.
    pub operator: Operator,
    /// The database file, shown to supervisors in help.
    pub db_path: String,
    /// A demo database.
    pub demo: bool,
}

/// What intake will do, shown for confirmation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntakePreview {
    /// Accept, or hand over the notice of these missing materials.
    pub outcome: crate::domain::case::IntakeOutcome,
    /// The due date if accepted now.
    pub due: Option<chrono::NaiveDate>,
    /// The request to store.
    pub request: IntakeRequest,
}

/// What the dashboard reads beyond the queue, rooms and members every session follows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dashboard {
    /// Open, due-soon and overdue cases per clerk.
    pub clerks: Vec<(String, CaseCounts)>,
    /// Today's room bookings.
    pub bookings: Vec<crate::domain::room::Booking>,
    /// Operators' names by login.
    pub names: Vec<(String, String)>,
}

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
    /// A page of cases and the counts.
    CasesLoaded(Vec<Case>, CaseCounts),
    /// The selected case in full.
    CaseLoaded(Case, Vec<CaseMaterial>, Vec<CaseEvent>),
    /// Every resident.
    ResidentsLoaded(residents::ResidentPage),
    /// A registration was stored (or the ID was already on file).
    ResidentRegistered(Registered),
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
    AppointmentsLoaded(Vec<crate::storage::Slot>, Vec<crate::domain::appointment::Appointment>),
    /// Rooms and the live bookings of the day or week shown.
    RoomsLoaded(Vec<crate::domain::room::Room>, Vec<crate::domain::room::Booking>),
    /// A room booking was refused.
    RoomRefused(crate::storage::RoomOpError),
    /// The mediation cases this reader may see.
    MediationLoaded(Vec<crate::domain::mediation::MediationCase>),
    /// The selected mediation case's timeline and sessions.
    MediationEvents(i64, Vec<crate::storage::MediationEvent>, Vec<crate::domain::room::Booking>),
    /// A mediation change was refused.
    MediationRefused(crate::storage::MediationOpError),
    /// Today's queue.
    QueueLoaded(crate::storage::QueueView),
    /// A queue operation was done; this is what to tell the clerk.
    QueueDone(notice::Notice),
    /// A queue operation was refused.
    QueueRefused(crate::storage::QueueError),
    /// Members, unit totals and the settings that judge them.
    MembersLoaded(members::MembersData),
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
    MemberRefused(crate::storage::MemberOpError),
    /// The dashboard's own figures.
    DashboardLoaded(Dashboard),
    /// The operators, and what the last change did (None when only reading).
    OperatorsLoaded(Vec<crate::domain::operator::Operator>, Option<crate::storage::OperatorChange>),
    /// An administration command finished: what it did, or why it did not.
    AdminDone(Result<String, String>),
    /// A window was freed (or why not).
    WindowFreed(Result<crate::storage::Freed, crate::storage::QueueError>),
    /// A report was written: the files.
    ReportWritten(Vec<String>),
    /// A page of the audit trail: the filter and bound it answers.
    AuditLoaded(crate::storage::AuditFilter, Option<i64>, Vec<crate::storage::AuditRow>),
    /// A database request failed.
    DbFailed(StorageError),
    /// Another session (or this one) committed a change.
    DataChanged,
}

/// What the runtime must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Read the catalog and answer with `Msg::CatalogLoaded`.
    LoadCatalog,
    /// Free a window (supervisors): sign out its clerk, settle its open numbers this way.
    FreeWindow(u16, Option<crate::domain::queue::OpenFate>),
    /// Read the calendar.
    LoadCalendar,
    /// Read a page of cases and the counts.
    LoadCases(CaseFilter),
    /// Read one case in full.
    LoadCase(i64),
    /// Read the residents.
    LoadResidents(i64),
    /// Register a resident.
    RegisterResident(Resident),
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
    /// A new report today, and/or a new standing.
    MemberUpdate(i64, bool, Option<crate::domain::member::MemberStatus>),
    /// Record that a member's masked fields were revealed.
    RevealMember(i64),
    /// Write the feedback reports of a quarter, one per work unit, in this language.
    Feedback(i32, u32, Lang),
    /// Read the dashboard's figures beyond the queue, rooms and members already loaded.
    LoadDashboard,
    /// Read a page of the audit trail older than the id given.
    LoadAudit(crate::storage::AuditFilter, Option<i64>),
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
    /// Read today's queue.
    LoadQueue,
    /// Do something at the queue.
    Queue(queue::QueueOp),
    /// Leave the program.
    Quit,
}

/// How long a toast stays.
const TOAST_SECONDS: i64 = 4;

/// The whole application state.
pub struct App {
    /// Interface language.
    pub lang: Lang,
    /// The active keymap.
    pub keymap: Keymap,
    /// Who is signed in.
    pub session: Session,
    /// The screen shown.
    pub tab: Tab,
    /// The Catalog screen.
    pub catalog: CatalogState,
    /// The Cases screen.
    pub cases: CasesState,
    /// The Residents screen (its index also serves intake).
    pub residents: ResidentsState,
    /// The Queue screen.
    pub queue: queue::QueueState,
    /// The Appointments screen.
    pub appointments: appointments::AppointmentsState,
    /// The Rooms screen.
    pub rooms: rooms::RoomsState,
    /// The Mediation screen.
    pub mediation: mediation::MediationState,
    /// The Members screen.
    pub members: members::MembersState,
    /// The dashboard's own figures.
    pub dashboard: Dashboard,
    /// The audit view.
    pub audit: audit::AuditState,
    /// A report is being written (since this moment).
    pub report_since: Option<NaiveDateTime>,
    /// An intake in progress (shown in place of the catalog).
    pub intake: Option<IntakeState>,
    /// A dialog on top.
    pub overlay: Option<Overlay>,
    /// Notices, oldest first.
    pub toasts: Vec<Toast>,
    /// Database health.
    pub db: DbStatus,
    /// The working-day calendar.
    pub calendar: Calendar,
    /// Closing time of the desk.
    pub closing: NaiveTime,
    /// Local time as of the last tick.
    pub now: NaiveDateTime,
    /// Terminal size.
    pub size: (u16, u16),
    /// Something changed since the last draw.
    pub dirty: bool,
    /// The user confirmed quitting.
    pub quit: bool,
    describe: fn(Lang, Action) -> &'static str,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App").field("tab", &self.tab).field("lang", &self.lang).finish_non_exhaustive()
    }
}

impl App {
    /// A new application; `describe` words an action (from i18n, which sits above this layer).
    pub fn new(
        lang: Lang,
        keymap: Keymap,
        session: Session,
        now: NaiveDateTime,
        describe: fn(Lang, Action) -> &'static str,
    ) -> App {
        App {
            lang,
            keymap,
            session,
            tab: Tab::Catalog,
            catalog: CatalogState::default(),
            cases: CasesState::default(),
            residents: ResidentsState::default(),
            queue: queue::QueueState::default(),
            appointments: appointments::AppointmentsState::default(),
            rooms: rooms::RoomsState::default(),
            mediation: mediation::MediationState::default(),
            members: members::MembersState::default(),
            dashboard: Dashboard::default(),
            audit: audit::AuditState::default(),
            report_since: None,
            intake: None,
            overlay: None,
            toasts: Vec::new(),
            db: DbStatus::Loading,
            calendar: Calendar::default(),
            closing: crate::storage::DEFAULT_CLOSING,
            now,
            size: (80, 24),
            dirty: true,
            quit: false,
            describe,
        }
    }

    /// The effects to run at start.
    pub fn start(&self) -> Vec<Effect> {
        let today = self.now.date();
        let mut e = vec![Effect::LoadCatalog, Effect::LoadCalendar, Effect::LoadRooms(today, today)];
        if self.session.operator.role.may(Permission::Mediation) {
            e.push(Effect::LoadMediation);
        }
        if self.session.operator.role.may(Permission::Members) {
            e.extend(members::reload(self));
        }
        if self.session.operator.role.may(Permission::Supervise) {
            e.push(Effect::LoadDashboard);
        }
        if self.may_handle_cases() {
            e.push(self.load_cases());
            e.push(Effect::LoadResidents(self.residents.last_id()));
            e.push(Effect::LoadQueue);
        }
        e
    }

    /// The signed-in operator may take in and change cases.
    pub fn may_handle_cases(&self) -> bool {
        self.session.operator.role.may(Permission::Cases)
    }

    /// Tabs this operator may see.
    pub fn tabs(&self) -> Vec<Tab> {
        Tab::ALL.into_iter().filter(|t| t.visible_to(self.session.operator.role)).collect()
    }

    /// The keymap section in force (the screen's).
    pub fn section(&self) -> Section {
        match self.tab {
            Tab::Catalog if self.intake.is_some() => Section::Intake,
            Tab::Catalog => Section::Catalog,
            Tab::Cases => Section::Cases,
            Tab::Residents => Section::Residents,
            Tab::Queue => Section::Queue,
            Tab::Appointments => Section::Appointments,
            Tab::Rooms => Section::Rooms,
            Tab::Mediation => Section::Mediation,
            Tab::Members => Section::Members,
            Tab::Dashboard => Section::Dashboard,
        }
    }

    /// Whether a text field has focus.
    pub fn mode(&self) -> Mode {
        match &self.overlay {
            Some(Overlay::Palette(_) | Overlay::Prompt(_)) => Mode::Insert,
            Some(Overlay::ResidentForm(f)) if f.field() != form::Field::Tags => Mode::Insert,
            Some(Overlay::MediationForm(f)) if f.focus >= 2 => Mode::Insert,
            Some(Overlay::Fields(_)) => Mode::Insert,
            Some(_) => Mode::Normal,
            None => match self.tab {
                Tab::Catalog => match &self.intake {
                    Some(i) if i.step == intake::Step::Resident => Mode::Insert,
                    Some(_) => Mode::Normal,
                    None if self.catalog.focus == Focus::Search && !self.catalog.zoomed => Mode::Insert,
                    None => Mode::Normal,
                },
                Tab::Residents if self.residents.searching => Mode::Insert,
                Tab::Members if self.members.typing() => Mode::Insert,
                _ => Mode::Normal,
            },
        }
    }

    /// Describes an action in the current language.
    pub fn describe(&self, a: Action) -> &'static str {
        (self.describe)(self.lang, a)
    }

    /// Today, by the clock.
    pub fn today(&self) -> chrono::NaiveDate {
        self.now.date()
    }

    /// The request for the cases list as filtered now.
    pub fn load_cases(&self) -> Effect {
        Effect::LoadCases(self.cases.filter(&self.session.operator.login, self.today()))
    }

    /// Rows a page move jumps: the list height on an ordinary layout.
    pub(crate) fn page(&self) -> isize {
        (self.size.1 as isize - 8).max(1)
    }

    pub(crate) fn toast(&mut self, notice: Notice) {
        let level = notice.level();
        self.toasts.retain(|t| t.notice != notice);
        self.toasts.push(Toast { notice, level, until: self.now + TimeDelta::seconds(TOAST_SECONDS) });
        if self.toasts.len() > 3 {
            self.toasts.remove(0);
        }
    }

    fn report(&mut self, r: InsertReport, max: usize) {
        if r.cleaned {
            self.toast(Notice::UnsafeCharsRemoved);
        }
        if r.truncated {
            self.toast(Notice::InputTruncated { max });
        }
    }
}

/// Applies one message; returns what the runtime must do.
pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    handlers::update(app, msg)
}
