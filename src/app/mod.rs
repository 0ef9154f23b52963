//! Application state and `update(&mut App, Msg) -> Vec<Effect>`: no terminal, no SQL.

// A screen hands a message it does not own back as `Err(msg)` for the next screen: moving it
// is the point, so the size of `Msg` in an `Err` is no cost worth boxing for.
#![allow(clippy::result_large_err)]

pub mod appointments;
pub mod audit;
pub mod cases;
pub mod cases_state;
pub mod catalog;
pub mod dashboard;
mod dialogs;
mod effect;
pub mod form;
pub mod input;
pub mod intake;
pub mod mediation;
pub mod members;
mod msg;
pub mod notice;
pub mod overlay;
pub mod pick;
pub mod queue;
pub mod ranking;
pub mod registry;
pub mod requests;
pub mod resident_book;
pub mod resident_form;
pub mod residents;
pub mod reveal;
pub mod rooms;
pub mod screen;
pub mod street;
pub mod undo;
mod update;

use crate::action::Action;
use crate::domain::calendar::Calendar;
use crate::domain::lang::Lang;
use crate::domain::operator::{Operator, Permission, Role};
use crate::keymap::{Keymap, Mode, Section};
use crate::model::{CaseCounts, IntakeRequest, StorageError};
use cases::CasesState;
use catalog::CatalogState;
use chrono::{NaiveDateTime, NaiveTime, TimeDelta};
pub use effect::{Effect, EffectKind, Need, required, undoable};
use input::InsertReport;
use intake::IntakeState;
pub use msg::Msg;
use notice::{Notice, Toast};
use overlay::Overlay;
use residents::ResidentsState;

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
    /// 诉求: residents' requests on the grid.
    Requests,
    /// 党员: party members, activities, the check-in desk, the ranking.
    Members,
    /// 总览: the supervisor's live dashboard.
    Dashboard,
}

impl Tab {
    /// Every tab, in order.
    pub fn all() -> impl Iterator<Item = Tab> {
        registry::SCREENS.iter().map(|s| s.tab)
    }

    /// Whether `role` may see this tab.
    pub fn visible_to(self, role: Role) -> bool {
        registry::screen(self).needs.is_none_or(|p| role.may(p))
    }

    /// The action that goes to this tab.
    pub fn goto(self) -> Action {
        registry::screen(self).goto
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
    /// The database worker is gone (its thread ended or panicked): nothing more can be saved
    /// in this session. Final: no later answer turns it back to `Ok`.
    Stopped,
}

impl App {
    /// The database worker stopped: the status line says so from now on, and one toast tells
    /// the operator that this session can no longer save.
    pub fn worker_stopped(&mut self) {
        if self.db != DbStatus::Stopped {
            self.db = DbStatus::Stopped;
            self.toast(Notice::WorkerStopped);
            self.dirty = true;
        }
    }
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
    /// Years counted on the law's holidays alone that something depends on: import their notice.
    pub gaps: Vec<crate::model::CalendarGap>,
    /// The wait target and last week's same day, that today's queue is measured against.
    pub yardstick: crate::domain::dashboard::Yardstick,
    /// Residents' requests open, overdue and unsatisfied per grid and kind.
    pub requests: Vec<crate::model::requests::RequestCount>,
    /// When the off-site replication last beat (China time); `None`: it never ran here.
    pub replica_beat: Option<chrono::NaiveDateTime>,
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
    /// The Requests tab.
    pub requests: requests::RequestsState,
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
    /// The message shown (at most one: a new one replaces it).
    pub toasts: Vec<Toast>,
    /// Database health.
    pub db: DbStatus,
    /// The working-day calendar.
    pub calendar: Calendar,
    /// Closing time of the desk.
    pub closing: NaiveTime,
    /// How far ahead appointments and rooms may be booked (settings).
    pub horizons: crate::domain::config::Horizons,
    /// Local time as of the last tick.
    pub now: NaiveDateTime,
    /// Terminal size.
    pub size: (u16, u16),
    /// Something changed since the last draw.
    pub dirty: bool,
    /// The user confirmed quitting.
    pub quit: bool,
    /// Search fields are ranked off the UI thread (`Effect::Rank`), as the runtime runs the
    /// desk; otherwise at once, on the keystroke (tests, benches).
    pub offloaded: bool,
    /// What the undo key would take back.
    pub undo: undo::UndoState,
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
            requests: requests::RequestsState::default(),
            members: members::MembersState::default(),
            dashboard: Dashboard::default(),
            audit: audit::AuditState::default(),
            report_since: None,
            intake: None,
            overlay: None,
            toasts: Vec::new(),
            db: DbStatus::Loading,
            calendar: Calendar::default(),
            closing: crate::model::DEFAULT_CLOSING,
            horizons: Default::default(),
            now,
            size: (80, 24),
            dirty: true,
            quit: false,
            offloaded: false,
            undo: undo::UndoState::default(),
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
        if self.session.operator.role.may(Permission::Requests) {
            e.push(requests::reload(self));
        }
        if self.session.operator.role.may(Permission::Supervise) {
            e.push(Effect::LoadDashboard);
        }
        if self.may_handle_cases() {
            e.push(self.load_cases());
            e.push(self.residents.load());
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
        Tab::all().filter(|t| t.visible_to(self.session.operator.role)).collect()
    }

    /// The keymap section in force (the screen's).
    pub fn section(&self) -> Section {
        (registry::screen(self.tab).section)(self)
    }

    /// Whether a text field has focus.
    pub fn mode(&self) -> Mode {
        match &self.overlay {
            Some(Overlay::Palette(_) | Overlay::Prompt(_)) => Mode::Insert,
            Some(Overlay::Form(f)) if f.typing() => Mode::Insert,
            Some(_) => Mode::Normal,
            None => (registry::screen(self.tab).mode)(self),
        }
    }

    /// What this operator can do here now: the screen's offers (most useful first), then
    /// those that work everywhere. Help, the palette and the hint bar show these.
    pub fn offers(&self) -> (Vec<screen::Offer>, Vec<screen::Offer>) {
        update::offers(self)
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
        Effect::LoadCases(self.case_filter())
    }

    /// The cases list's filter as it stands.
    pub fn case_filter(&self) -> crate::model::CaseFilter {
        self.cases.filter(&self.session.operator.login, self.today())
    }

    /// Rows a page move jumps: the list height on an ordinary layout.
    pub(crate) fn page(&self) -> isize {
        (self.size.1 as isize - 8).max(1)
    }

    pub(crate) fn toast(&mut self, notice: Notice) {
        let level = notice.level();
        // One place, one message: the newest says what just happened.
        self.toasts.clear();
        self.toasts.push(Toast { notice, level, until: self.now + TimeDelta::seconds(TOAST_SECONDS) });
    }

    /// The database answered: it works.
    pub(crate) fn db_ok(&mut self) {
        // A stopped worker stays stopped: a late answer (a print job's) does not undo it.
        if self.db != DbStatus::Ok && self.db != DbStatus::Stopped {
            self.db = DbStatus::Ok;
            self.dirty = true;
        }
    }

    pub(crate) fn report(&mut self, r: InsertReport, max: usize) {
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
    update::update(app, msg)
}
