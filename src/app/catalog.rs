//! The Catalog screen's state: the search field, ranked hits, selection and detail pane.

use super::input::Input;
use crate::domain::catalog::{Category, ServiceItem};
use crate::domain::text::MAX_FIELD_CHARS;
use crate::search::{Hit, Index, item_document};

/// Where the keys go on the Catalog screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// Typing a search.
    Search,
    /// Moving in the list.
    List,
}

/// Below this width the detail pane is shown only when zoomed (Enter).
pub const SPLIT_MIN_WIDTH: u16 = 60;

/// Match positions are computed for this many top hits (more never fit on a screen).
pub const HIGHLIGHT_LIMIT: usize = 200;

/// State of the Catalog screen.
#[derive(Debug)]
pub struct CatalogState {
    /// Items offered (retired ones are left out), in catalog order.
    pub items: Vec<ServiceItem>,
    /// Categories in catalog order.
    pub categories: Vec<Category>,
    index: Index,
    /// The search field.
    pub query: Input,
    /// Ranked results for the current query (all items when it is empty).
    pub hits: Vec<Hit>,
    /// Index into `hits`.
    pub selected: usize,
    /// First line shown in the detail pane.
    pub detail_scroll: u16,
    /// Where keys go.
    pub focus: Focus,
    /// The detail pane fills the screen (small terminals).
    pub zoomed: bool,
    /// The catalog has been loaded at least once.
    pub loaded: bool,
    /// The search before the field was last emptied by coming back (Up at the top brings it back).
    pub last: Option<String>,
}

impl Default for CatalogState {
    fn default() -> Self {
        CatalogState {
            items: Vec::new(),
            categories: Vec::new(),
            index: Index::default(),
            query: Input::new(MAX_FIELD_CHARS),
            hits: Vec::new(),
            selected: 0,
            detail_scroll: 0,
            focus: Focus::Search,
            zoomed: false,
            loaded: false,
            last: None,
        }
    }
}

impl CatalogState {
    /// Replaces the catalog (first load or another session's change), keeping the selected
    /// item selected if it is still there. Returns false when nothing changed (most writes of
    /// other sessions touch other tables), in which case nothing is rebuilt.
    pub fn load(&mut self, items: Vec<ServiceItem>, categories: Vec<Category>) -> bool {
        let items: Vec<ServiceItem> = items.into_iter().filter(|i| !i.retired).collect();
        if self.loaded && items == self.items && categories == self.categories {
            return false;
        }
        let keep = self.selected_item().map(|i| i.code.clone());
        self.items = items;
        self.categories = categories;
        let docs = self.items.iter().map(|i| item_document(i, &self.categories)).collect();
        self.index = Index::new(docs);
        self.loaded = true;
        self.research();
        if let Some(code) = keep
            && let Some(pos) = self.hits.iter().position(|h| self.items[h.doc as usize].code == code)
        {
            self.selected = pos;
        }
        true
    }

    /// Coming back to the catalog: an empty search in focus, the last one kept a key away
    /// (typing never appends to a search of an earlier visit).
    pub fn fresh_search(&mut self) {
        if !self.query.text().is_empty() {
            self.last = Some(self.query.text().to_string());
            self.query.clear();
            self.research();
        }
        self.focus = Focus::Search;
        self.zoomed = false;
    }

    /// Brings the last search back into the empty field; false when there is none.
    pub fn recall_search(&mut self) -> bool {
        if !self.query.text().is_empty() || self.focus != Focus::Search || self.selected != 0 {
            return false;
        }
        let Some(last) = self.last.take() else { return false };
        self.query.insert(&last);
        self.research();
        true
    }

    /// Re-runs the search after the query changed; the selection goes back to the best hit.
    pub fn research(&mut self) {
        self.hits = self.index.search(self.query.text(), HIGHLIGHT_LIMIT);
        self.selected = 0;
        self.detail_scroll = 0;
    }

    /// The item under the cursor.
    pub fn selected_item(&self) -> Option<&ServiceItem> {
        self.hits.get(self.selected).map(|h| &self.items[h.doc as usize])
    }

    /// The item of a hit.
    pub fn item(&self, hit: &Hit) -> &ServiceItem {
        &self.items[hit.doc as usize]
    }

    /// The category of an item.
    pub fn category(&self, code: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.code == code)
    }

    /// Moves the selection by `delta` rows, staying inside the list.
    pub fn move_by(&mut self, delta: isize) {
        if self.hits.is_empty() {
            return;
        }
        let last = self.hits.len() as isize - 1;
        let to = (self.selected as isize + delta).clamp(0, last) as usize;
        if to != self.selected {
            self.selected = to;
            self.detail_scroll = 0;
        }
    }
}

/// How `app` reaches the Catalog screen (and the intake that starts from it).
pub const SCREEN: super::screen::Screen = super::screen::Screen {
    tab: super::Tab::Catalog,
    goto: crate::action::Action::GotoCatalog,
    needs: None,
    section,
    mode,
    offers,
    act,
    answer,
    text,
    edit,
    typed,
    ..super::screen::PLAIN
};

fn section(app: &super::App) -> crate::keymap::Section {
    if app.intake.is_some() { crate::keymap::Section::Intake } else { crate::keymap::Section::Catalog }
}

fn mode(app: &super::App) -> crate::keymap::Mode {
    use crate::keymap::Mode;
    match &app.intake {
        Some(i) => super::intake::mode(i),
        None if app.catalog.focus == Focus::Search && !app.catalog.zoomed => Mode::Insert,
        None => Mode::Normal,
    }
}

fn offers(app: &super::App) -> Vec<super::screen::Offer> {
    use super::screen::{Offer, movement};
    use crate::action::Action;
    if let Some(i) = &app.intake {
        return super::intake::offers(i);
    }
    let c = &app.catalog;
    let mut o = vec![Offer::yes(Action::Confirm)];
    if c.focus == Focus::List || c.zoomed {
        o.push(Offer::yes(Action::FocusSearch));
    }
    // The detail keys only where the detail pane is on screen.
    if c.zoomed || app.size.0 >= SPLIT_MIN_WIDTH {
        o.extend([Action::DetailDown, Action::DetailUp].map(Offer::yes));
    }
    o.extend([Action::Back, Action::ClearSearch].map(Offer::yes));
    if app.may_handle_cases() {
        o.push(slip_offer(app));
    }
    movement(&mut o, true);
    o
}

/// `F9`: the item's what-to-bring slip. Printing alone changes nothing; with a number being
/// served it also records the visit as a consultation, so it asks first, naming both.
fn slip_offer(app: &super::App) -> super::screen::Offer {
    use super::screen::Offer;
    let Some(item) = app.catalog.selected_item() else {
        return Offer::no(crate::action::Action::PrintSlip, super::notice::Notice::NothingSelected);
    };
    let offer = Offer::yes(crate::action::Action::PrintSlip);
    match app.queue.current(&app.session.operator.login) {
        Some(t) => offer.asking(super::overlay::Ask::Consultation(t.number.clone(), item.name.clone())),
        None => offer,
    }
}

fn act(app: &mut super::App, action: crate::action::Action) -> Vec<super::Effect> {
    use crate::action::Action;
    if app.intake.is_some() {
        return super::intake::act(app, action);
    }
    let page = app.page();
    let may = app.may_handle_cases();
    // A barcode reader types the receipt's case number, then Enter.
    if action == Action::Confirm && app.catalog.focus == Focus::Search {
        let q = app.catalog.query.text().to_string();
        if let Some(effects) = super::cases::open_number(app, &q) {
            app.catalog.query.clear();
            app.catalog.research();
            return effects;
        }
    }
    let c = &mut app.catalog;
    match action {
        Action::Up if c.recall_search() => {}
        Action::Up => c.move_by(-1),
        Action::Down => c.move_by(1),
        Action::PageUp => c.move_by(-page),
        Action::PageDown => c.move_by(page),
        Action::First => c.move_by(isize::MIN / 2),
        Action::Last => c.move_by(isize::MAX / 2),
        Action::Confirm => match c.focus {
            Focus::Search => c.focus = Focus::List,
            // Enter on an item starts intake; roles that take no cases read the details.
            Focus::List if may => {
                if let Some(item) = c.selected_item().cloned() {
                    let mut i = super::intake::IntakeState::new(item);
                    i.found.set(app.residents.search(""));
                    app.intake = Some(i);
                }
            }
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
        Action::PrintSlip => {
            if let Some(item) = c.selected_item() {
                let ticket = app.queue.current(&app.session.operator.login).map(|t| t.id);
                return vec![super::Effect::PrintSlip(item.code.clone(), app.lang, ticket)];
            }
        }
        Action::DetailUp => c.detail_scroll = c.detail_scroll.saturating_sub(1),
        Action::DetailDown => {
            // The pane is a header plus one line per material (two when annotated).
            let lines = c.selected_item().map(|i| 14 + 2 * i.materials.len() as u16).unwrap_or(0);
            c.detail_scroll = c.detail_scroll.saturating_add(1).min(lines);
        }
        _ => {}
    }
    vec![]
}

fn answer(app: &mut super::App, msg: super::Msg) -> Result<Vec<super::Effect>, super::Msg> {
    use super::Msg;
    match msg {
        Msg::CatalogLoaded(items, categories) => {
            let reload = app.catalog.loaded;
            if app.catalog.load(items, categories) {
                if reload {
                    let items = app.catalog.items.len();
                    app.toast(super::notice::Notice::CatalogUpdated { items });
                }
                app.dirty = true;
            }
            app.db_ok();
            Ok(vec![])
        }
        other => Err(other),
    }
}

fn text(app: &mut super::App, text: &str) -> Option<(super::input::InsertReport, usize)> {
    if app.intake.is_some() {
        return super::intake::text(app, text);
    }
    let c = &mut app.catalog;
    c.focus = Focus::Search;
    c.zoomed = false;
    let r = c.query.insert(text);
    c.research();
    Some((r, c.query.max()))
}

fn edit(app: &mut super::App, chord: crate::keymap::KeyChord) {
    match &mut app.intake {
        Some(i) => {
            // Ranked after the update (`ranking::follow`).
            i.query.edit(chord);
        }
        None => {
            if app.catalog.query.edit(chord) {
                app.catalog.research();
            }
        }
    }
}

// Typing on the list starts a new search: clerks need not press `/` first.
fn typed(app: &mut super::App) -> bool {
    if app.intake.is_some() {
        return false;
    }
    app.catalog.zoomed = false;
    app.catalog.focus = Focus::Search;
    app.catalog.query.clear();
    true
}
