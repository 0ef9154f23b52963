//! Application state and `update(&mut App, Msg) -> Vec<Effect>`: no terminal, no SQL.

pub mod catalog;
pub mod input;
pub mod notice;
pub mod overlay;

use crate::action::Action;
use crate::domain::catalog::{Category, ServiceItem};
use crate::domain::operator::{Operator, Role};
use crate::keymap::{KeyChord, Keymap, Mode, Section};
use crate::storage::StorageError;
use catalog::{CatalogState, Focus};
use chrono::{NaiveDateTime, TimeDelta};
use input::InsertReport;
use notice::{Notice, Toast};
use overlay::{Overlay, Palette};

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
    /// 事项: the service-item catalog.
    Catalog,
}

impl Tab {
    /// The tabs built so far, in order.
    pub const ALL: [Tab; 1] = [Tab::Catalog];

    /// Whether `role` may see this tab.
    pub fn visible_to(self, _role: Role) -> bool {
        match self {
            Tab::Catalog => true,
        }
    }

    /// The keymap section of this tab's screen.
    pub fn section(self) -> Section {
        match self {
            Tab::Catalog => Section::Catalog,
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
    /// A dialog on top.
    pub overlay: Option<Overlay>,
    /// Notices, oldest first.
    pub toasts: Vec<Toast>,
    /// Database health.
    pub db: DbStatus,
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
        f.debug_struct("App")
            .field("tab", &self.tab)
            .field("lang", &self.lang)
            .finish_non_exhaustive()
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
            overlay: None,
            toasts: Vec::new(),
            db: DbStatus::Loading,
            now,
            size: (80, 24),
            dirty: true,
            quit: false,
            describe,
        }
    }

    /// The effects to run at start.
    pub fn start(&self) -> Vec<Effect> {
        vec![Effect::LoadCatalog]
    }

    /// Tabs this operator may see.
    pub fn tabs(&self) -> Vec<Tab> {
        Tab::ALL
            .into_iter()
            .filter(|t| t.visible_to(self.session.operator.role))
            .collect()
    }

    /// The keymap section in force (the screen's).
    pub fn section(&self) -> Section {
        self.tab.section()
    }

    /// Whether a text field has focus.
    pub fn mode(&self) -> Mode {
        match &self.overlay {
            Some(Overlay::Palette(_)) => Mode::Insert,
            Some(_) => Mode::Normal,
            None => match (self.tab, self.catalog.focus) {
                (Tab::Catalog, Focus::Search) if !self.catalog.zoomed => Mode::Insert,
                _ => Mode::Normal,
            },
        }
    }

    /// Describes an action in the current language.
    pub fn describe(&self, a: Action) -> &'static str {
        (self.describe)(self.lang, a)
    }

    /// Rows a page move jumps: the list height on an ordinary layout.
    fn page(&self) -> isize {
        (self.size.1 as isize - 8).max(1)
    }

    fn toast(&mut self, notice: Notice) {
        let level = notice.level();
        self.toasts.retain(|t| t.notice != notice);
        self.toasts.push(Toast {
            notice,
            level,
            until: self.now + TimeDelta::seconds(TOAST_SECONDS),
        });
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
    match msg {
        Msg::Key(chord) => {
            app.dirty = true;
            on_key(app, chord)
        }
        Msg::Paste(text) => {
            app.dirty = true;
            on_text(app, &text);
            vec![]
        }
        Msg::Resize(w, h) => {
            app.size = (w, h);
            app.dirty = true;
            vec![]
        }
        Msg::Tick(now) => {
            let minute = |t: NaiveDateTime| t.format("%Y%m%d%H%M").to_string();
            if minute(now) != minute(app.now) {
                app.dirty = true;
            }
            app.now = now;
            let before = app.toasts.len();
            app.toasts.retain(|t| t.until > now);
            if app.toasts.len() != before {
                app.dirty = true;
            }
            vec![]
        }
        Msg::CatalogLoaded(items, categories) => {
            let reload = app.catalog.loaded;
            if app.catalog.load(items, categories) {
                if reload {
                    let items = app.catalog.items.len();
                    app.toast(Notice::CatalogUpdated { items });
                }
                app.dirty = true;
            }
            if app.db != DbStatus::Ok {
                app.db = DbStatus::Ok;
                app.dirty = true;
            }
            vec![]
        }
        Msg::DbFailed(e) => {
            app.db = DbStatus::Error(e.clone());
            app.toast(Notice::Storage(e));
            app.dirty = true;
            vec![]
        }
        Msg::DataChanged => vec![Effect::LoadCatalog],
    }
}

fn on_key(app: &mut App, chord: KeyChord) -> Vec<Effect> {
    if app.overlay.is_some() {
        return on_overlay_key(app, chord);
    }
    let mode = app.mode();
    if let Some(action) = app.keymap.resolve(app.section(), mode, chord) {
        return perform(app, action);
    }
    match mode {
        Mode::Insert => {
            if let Some(c) = chord.text_char() {
                on_text(app, &c.to_string());
            } else if app.catalog.query.edit(chord) {
                app.catalog.research();
            }
        }
        Mode::Normal => {
            // Typing on the list starts a new search: clerks need not press `/` first.
            if let (Some(c), Tab::Catalog) = (chord.text_char(), app.tab)
                && !c.is_whitespace()
            {
                app.catalog.zoomed = false;
                app.catalog.focus = Focus::Search;
                app.catalog.query.clear();
                on_text(app, &c.to_string());
            }
        }
    }
    vec![]
}

/// Typed or pasted text goes to the focused field.
fn on_text(app: &mut App, text: &str) {
    if let Some(Overlay::Palette(p)) = &mut app.overlay {
        let r = p.input.insert(text);
        p.research();
        let max = p.input.max();
        app.report(r, max);
        return;
    }
    if app.overlay.is_some() {
        return;
    }
    if app.tab == Tab::Catalog {
        app.catalog.focus = Focus::Search;
        app.catalog.zoomed = false;
        let r = app.catalog.query.insert(text);
        app.catalog.research();
        let max = app.catalog.query.max();
        app.report(r, max);
    }
}

fn on_overlay_key(app: &mut App, chord: KeyChord) -> Vec<Effect> {
    let action = app.keymap.resolve(Section::Global, app.mode(), chord);
    match app.overlay.as_mut() {
        Some(Overlay::Confirm { action: pending }) => {
            let pending = *pending;
            let yes =
                matches!(chord.text_char(), Some('y' | 'Y')) || action == Some(Action::Confirm);
            // Pressing the same command again confirms it (Ctrl-Q twice quits).
            let again = action == Some(pending);
            let no = matches!(chord.text_char(), Some('n' | 'N')) || action == Some(Action::Back);
            if yes || again {
                app.overlay = None;
                return execute(app, pending);
            }
            if no {
                app.overlay = None;
            }
            vec![]
        }
        Some(Overlay::Help { scroll }) => {
            match action {
                Some(Action::Up) => *scroll = scroll.saturating_sub(1),
                Some(Action::Down) => *scroll = scroll.saturating_add(1),
                Some(Action::PageUp) => *scroll = scroll.saturating_sub(10),
                Some(Action::PageDown) => *scroll = scroll.saturating_add(10),
                Some(Action::First) => *scroll = 0,
                Some(Action::Back | Action::Help | Action::Confirm) => app.overlay = None,
                Some(Action::Quit) => {
                    app.overlay = Some(Overlay::Confirm {
                        action: Action::Quit,
                    })
                }
                _ => {}
            }
            vec![]
        }
        Some(Overlay::Palette(p)) => {
            match action {
                Some(Action::Up) => p.move_by(-1),
                Some(Action::Down) => p.move_by(1),
                Some(Action::PageUp) => p.move_by(-10),
                Some(Action::PageDown) => p.move_by(10),
                Some(Action::Back | Action::Palette) => app.overlay = None,
                Some(Action::Confirm) => {
                    let chosen = p.chosen();
                    app.overlay = None;
                    if let Some(a) = chosen {
                        return perform(app, a);
                    }
                }
                Some(Action::Quit) => {
                    app.overlay = Some(Overlay::Confirm {
                        action: Action::Quit,
                    })
                }
                Some(_) => {}
                None => {
                    if let Some(c) = chord.text_char() {
                        on_text(app, &c.to_string());
                    } else if p.input.edit(chord) {
                        p.research();
                    }
                }
            }
            vec![]
        }
        None => vec![],
    }
}

/// Starts an action; irreversible ones ask first.
fn perform(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Quit => {
            app.overlay = Some(Overlay::Confirm {
                action: Action::Quit,
            });
            vec![]
        }
        other => execute(app, other),
    }
}

/// Carries out an action (confirmed where needed).
fn execute(app: &mut App, action: Action) -> Vec<Effect> {
    let page = app.page();
    let c = &mut app.catalog;
    match action {
        Action::Quit => {
            app.quit = true;
            return vec![Effect::Quit];
        }
        Action::Help => app.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::Palette => {
            let (lang, describe) = (app.lang, app.describe);
            let palette = Palette::new(|a| {
                (
                    describe(lang, a).to_string(),
                    describe(lang.other(), a).to_string(),
                )
            });
            app.overlay = Some(Overlay::Palette(Box::new(palette)));
        }
        Action::NextTab | Action::PrevTab => {
            let tabs = app.tabs();
            if let Some(pos) = tabs.iter().position(|t| *t == app.tab) {
                let n = tabs.len();
                let to = if action == Action::NextTab {
                    (pos + 1) % n
                } else {
                    (pos + n - 1) % n
                };
                app.tab = tabs[to];
            }
        }
        Action::GotoCatalog => {
            app.tab = Tab::Catalog;
            c.focus = Focus::Search;
            c.zoomed = false;
        }
        Action::ToggleLang => {
            app.lang = app.lang.other();
            app.toast(Notice::LangSwitched);
        }
        Action::Up => c.move_by(-1),
        Action::Down => c.move_by(1),
        Action::PageUp => c.move_by(-page),
        Action::PageDown => c.move_by(page),
        Action::First => c.move_by(isize::MIN / 2),
        Action::Last => c.move_by(isize::MAX / 2),
        Action::Confirm => match c.focus {
            Focus::Search => c.focus = Focus::List,
            Focus::List => c.zoomed = !c.zoomed && c.selected_item().is_some(),
        },
        Action::Back => {
            if c.zoomed {
                c.zoomed = false;
            } else if !c.query.text().is_empty() {
                c.query.clear();
                c.research();
                c.focus = Focus::Search;
            } else {
                c.focus = match c.focus {
                    Focus::Search => Focus::List,
                    Focus::List => Focus::Search,
                };
            }
        }
        Action::FocusSearch => {
            c.focus = Focus::Search;
            c.zoomed = false;
        }
        Action::ClearSearch => {
            c.query.clear();
            c.research();
            c.focus = Focus::Search;
        }
        Action::DetailUp => c.detail_scroll = c.detail_scroll.saturating_sub(1),
        Action::DetailDown => {
            // The pane is a header plus one line per material (two when annotated).
            let lines = c
                .selected_item()
                .map(|i| 14 + 2 * i.materials.len() as u16)
                .unwrap_or(0);
            c.detail_scroll = c.detail_scroll.saturating_add(1).min(lines);
        }
    }
    vec![]
}
