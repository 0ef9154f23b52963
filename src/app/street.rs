//! The street office's view of its centres: one row per centre, and a centre's dashboard
//! opened read-only. No key here changes anything anywhere: the view only reads copies.

use super::App;
use crate::action::Action;
use crate::keymap::KeyChord;
use crate::keymap::{Keymap, Mode, Section};
use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use std::time::Duration;

/// What one centre looks like right now, as read from its copy.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Figures {
    /// People waiting for a window now.
    pub waiting: u32,
    /// Minutes the longest-waiting of them has waited.
    pub longest_wait: Option<i64>,
    /// Open cases.
    pub cases_open: u32,
    /// Running cases past due.
    pub cases_overdue: u32,
    /// Residents' requests not yet closed.
    pub requests_open: u32,
    /// Of those, past their deadline.
    pub requests_overdue: u32,
    /// Room bookings today (cancelled ones left out).
    pub room_bookings: u32,
    /// Their booked minutes.
    pub room_minutes: i64,
    /// Party members' hours this year so far.
    pub member_hours: f64,
    /// The yearly target times the active members.
    pub member_target_hours: f64,
    /// The centre's last replica heartbeat, as its copy has it.
    pub heartbeat: Option<DateTime<FixedOffset>>,
}

/// One centre's row: its figures, or why its copy could not be read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CentreRow {
    /// The centre's name in district.toml.
    pub name: String,
    /// Figures, or the reason in the interface language.
    pub figures: Result<Figures, String>,
}

/// How old a heartbeat is at `now`, in whole seconds (never negative: a centre's clock a
/// little ahead reads as just now).
pub fn age(heartbeat: Option<DateTime<FixedOffset>>, now: DateTime<FixedOffset>) -> Option<i64> {
    heartbeat.map(|h| (now - h).num_seconds().max(0))
}

/// Whether a replica is to be shown in the alarm colour: never beaten, or older than allowed.
pub fn stale(age_secs: Option<i64>, after: Duration) -> bool {
    age_secs.is_none_or(|a| a > after.as_secs() as i64)
}

/// The street view's state.
pub struct Street {
    /// The street office's name.
    pub name: String,
    /// Interface language.
    pub lang: crate::domain::lang::Lang,
    /// The keymap (movement, Enter, Esc, quit as everywhere).
    pub keymap: Keymap,
    /// Stale threshold.
    pub stale_after: Duration,
    /// The rows as last read (empty until the first read).
    pub rows: Vec<CentreRow>,
    /// The selected row.
    pub selected: usize,
    /// The centre opened with Enter: its row, and its dashboard once read.
    pub open: Option<(usize, Option<Box<App>>)>,
    /// How long the last refresh of every copy took.
    pub refresh: Option<Duration>,
    /// Now, for the ages.
    pub now: DateTime<FixedOffset>,
    /// The user asked to leave.
    pub quit: bool,
}

impl Street {
    /// A street view with nothing read yet.
    pub fn new(
        name: String,
        lang: crate::domain::lang::Lang,
        keymap: Keymap,
        stale_after: Duration,
        now: DateTime<FixedOffset>,
    ) -> Street {
        Street {
            name,
            lang,
            keymap,
            stale_after,
            rows: vec![],
            selected: 0,
            open: None,
            refresh: None,
            now,
            quit: false,
        }
    }

    /// The action of a key: the global bindings, as on every screen.
    pub fn resolve(&self, chord: KeyChord) -> Option<Action> {
        self.keymap.resolve(Section::Global, Mode::Normal, chord)
    }

    /// A key: ↑/↓ select, Enter opens the centre read-only, Esc goes back (or leaves the
    /// view from the list), quit leaves. Everything else is ignored.
    pub fn act(&mut self, a: Action) {
        let last = self.rows.len().saturating_sub(1);
        match (a, self.open.is_some()) {
            (Action::Back, true) => self.open = None,
            (Action::Back | Action::Quit, false) => self.quit = true,
            (Action::Quit, true) => self.open = None,
            (Action::Up, false) => self.selected = self.selected.saturating_sub(1),
            (Action::Down, false) => self.selected = (self.selected + 1).min(last),
            (Action::First, false) => self.selected = 0,
            (Action::Last, false) => self.selected = last,
            (Action::Confirm, false) if !self.rows.is_empty() => self.open = Some((self.selected.min(last), None)),
            _ => {}
        }
    }

    /// The row whose dashboard is open, for the reader to fetch.
    pub fn opened(&self) -> Option<usize> {
        self.open.as_ref().map(|(i, _)| *i)
    }

    /// New rows read; the selection stays on its row.
    pub fn rows_read(&mut self, rows: Vec<CentreRow>, took: Duration, now: DateTime<FixedOffset>) {
        self.selected = self.selected.min(rows.len().saturating_sub(1));
        self.rows = rows;
        self.refresh = Some(took);
        self.now = now;
    }

    /// A centre's dashboard read, for the row still open (a late answer for a row left is
    /// dropped).
    pub fn centre_read(&mut self, row: usize, app: App) {
        if let Some((i, slot)) = &mut self.open
            && *i == row
        {
            *slot = Some(Box::new(app));
        }
    }
}

/// The figures a centre's dashboard needs, read from its copy.
#[derive(Debug, Clone, Default)]
pub struct CentreDashboard {
    /// Today's queue.
    pub queue: crate::model::QueueView,
    /// The dashboard's own figures.
    pub dashboard: super::Dashboard,
    /// Rooms (names of the rooms in use).
    pub rooms: Vec<crate::domain::room::Room>,
    /// Today's member activities with their check-ins.
    pub activities: Vec<(crate::domain::member::Activity, u32)>,
}

/// An [`App`] showing a centre's dashboard and nothing else: signed in as a supervisor of no
/// database (the street office), fed only reads, never asked to run an effect.
pub fn centre_app(
    lang: crate::domain::lang::Lang,
    keymap: Keymap,
    name: &str,
    d: CentreDashboard,
    now: chrono::NaiveDateTime,
    size: (u16, u16),
    describe: fn(crate::domain::lang::Lang, Action) -> &'static str,
) -> App {
    use crate::domain::operator::{Operator, Role};
    let operator = Operator {
        id: 0,
        login: "street".into(),
        name: name.into(),
        role: Role::Supervisor,
        window: None,
        retired: false,
    };
    let session = super::Session { operator, db_path: name.into(), demo: false };
    let mut app = App::new(lang, keymap, session, now, describe);
    app.tab = super::Tab::Dashboard;
    app.queue.view = d.queue;
    app.dashboard = d.dashboard;
    app.rooms.rooms = d.rooms;
    app.members.activities = d.activities;
    app.size = size;
    app
}
