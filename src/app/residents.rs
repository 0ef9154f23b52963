//! The Residents screen's state: the search index over residents, hits and reveals.

use super::input::Input;
use super::ranking::{Shown, Typing, Who};
use super::resident_book::Held;
pub use super::resident_book::ResidentPage;
use crate::domain::resident::Resident;
use crate::domain::text::MAX_FIELD_CHARS;
use crate::search::{Hit, Index, resident_document};

/// Hits with match positions (more never fit on a screen).
const HIGHLIGHT_LIMIT: usize = 200;

/// State of the Residents screen (and of the resident step of intake, which shares the index).
#[derive(Debug)]
pub struct ResidentsState {
    /// Every resident, by id (ids only grow: residents are never deleted or renumbered).
    all: Held,
    index: Index,
    /// This screen's, intake's and the booking picker's typing, kept apart so each narrows
    /// from its own last keystroke.
    typings: [Typing; 3],
    /// Changes of the index so far: a ranking of another generation is stale.
    pub(super) generation: u64,
    /// What `hits` were ranked for.
    pub(super) shown: Shown,
    /// The search field.
    pub query: Input,
    /// Ranked hits for the query (everyone, by id, when it is empty).
    pub hits: Vec<Hit>,
    /// Index into `hits`.
    pub selected: usize,
    /// The resident whose ID and phone are shown in full (audited): masked again when the
    /// record is left or after a minute.
    pub revealed: super::reveal::Shown,
    /// Typing goes to the search field.
    pub searching: bool,
    /// Loaded at least once.
    pub loaded: bool,
    /// A resident registered here but not yet held (others registered some in between): to
    /// select when the read that brings them arrives.
    pending: Option<i64>,
    /// The record as it was when the edit form opened: whose it is, and what the audit
    /// compares against.
    pub editing: Option<Resident>,
    /// Where the next read of others' changes starts (none before the first read).
    since: Option<String>,
}

impl Default for ResidentsState {
    fn default() -> Self {
        ResidentsState {
            all: Held::default(),
            index: Index::default(),
            typings: Default::default(),
            generation: 0,
            shown: None,
            query: Input::new(MAX_FIELD_CHARS),
            hits: Vec::new(),
            selected: 0,
            revealed: Default::default(),
            searching: true,
            loaded: false,
            pending: None,
            editing: None,
            since: None,
        }
    }
}

impl ResidentsState {
    /// The highest resident id held: the next read starts after it.
    pub fn last_id(&self) -> i64 {
        self.all.last_id()
    }

    /// The read that brings what is new and what others changed since the last one.
    pub fn load(&self) -> Effect {
        Effect::LoadResidents(self.last_id(), self.since.clone())
    }

    /// Number of residents held.
    pub fn len(&self) -> usize {
        self.all.len()
    }

    /// True before any resident is held.
    pub fn is_empty(&self) -> bool {
        self.all.len() == 0
    }

    /// Appends residents read after [`last_id`](Self::last_id) (rows already held, from an
    /// overlapping read, are skipped); returns false when nothing was new.
    pub fn append(&mut self, page: ResidentPage) -> bool {
        let ResidentPage { book, prepared, mark, .. } = page;
        // Marks of reads answered out of order: the earliest unread change is after the latest.
        if let Some(m) = mark
            && self.since.as_ref().is_none_or(|s| *s < m)
        {
            self.since = Some(m);
        }
        let after = self.last_id();
        let newly = self.loaded;
        self.loaded = true;
        // Rows come by id, so those already held are a prefix.
        let skip = book.rows.iter().take_while(|r| r.id <= after).count();
        if skip == book.len() {
            return !newly;
        }
        let keep = self.selected_resident().map(|r| r.id);
        self.all.append(book, skip);
        self.index.extend_skipping(prepared, skip);
        self.rerank(keep);
        if let Some(id) = self.pending.take_if(|id| *id <= self.all.last_id()) {
            self.select_id(id);
        }
        true
    }

    /// Adds one resident just registered in this session. Row ids are dense (residents are
    /// never deleted), so a gap means others registered residents this session has not read
    /// yet: then the next read brings them all, and selects this one.
    pub fn add(&mut self, r: &Resident) {
        if r.id == self.last_id() + 1 {
            self.all.push(r);
            self.index.push(resident_document(r));
            self.rerank(None);
        } else if r.id > self.last_id() {
            self.pending = Some(r.id);
        }
    }

    /// Takes the edited record of a resident held here: the list, the search and the detail
    /// follow it, the selection stays on them.
    pub fn replace(&mut self, r: &Resident) {
        let Some(i) = self.all.position(r.id) else { return };
        let keep = self.selected_resident().map(|s| s.id);
        self.all.replace(i, r);
        self.index.replace(i, resident_document(r));
        self.rerank(keep);
    }

    /// Takes others' changes of residents held: each that differs from what is held replaces
    /// it in place (list, search, detail), the selection stays on whom it was (clearing a
    /// search they no longer match); a changed ID
    /// number or mobile is masked again if it was shown (the reveal audited the old one).
    /// Returns the residents replaced.
    pub fn take_changes(&mut self, page: &ResidentPage) -> Vec<Resident> {
        let keep = self.selected_resident().map(|s| s.id);
        let mut replaced = Vec::new();
        for k in 0..page.book.len() {
            let Some(i) = self.all.position(page.book.id(k)) else { continue };
            if self.all.packed(i) == (page.book.packed(k), page.book.rows[k].tags) {
                continue;
            }
            let (was, r) = (self.all.get(i), page.book.get(k));
            if (was.id_number != r.id_number || was.phone != r.phone) && self.revealed.shows(r.id) {
                self.revealed = Default::default();
            }
            self.all.replace(i, &r);
            self.index.replace(i, resident_document(&r));
            replaced.push(r);
        }
        if !replaced.is_empty() {
            self.rerank(keep);
        }
        replaced
    }

    /// Ranks again, the selection kept on `keep`: if they no longer match the search (an edit
    /// renamed them), the search gives way rather than the cursor landing on someone else.
    fn rerank(&mut self, keep: Option<i64>) {
        self.generation += 1;
        self.research();
        if let Some(id) = keep {
            self.select_id(id);
        }
    }

    /// Re-ranks for the search field.
    pub fn research(&mut self) {
        let query = self.query.text().to_string();
        // The old list goes first: at 300,000 residents an unfiltered one is 12 MB, and two at
        // once would be the session's peak.
        self.hits = Vec::new();
        self.hits = self.rank_for(Who::Residents, &query);
        self.selected = 0;
        self.shown = Some((query, self.generation));
    }

    /// Ranks for intake's resident step without touching this screen's hits, narrowing from
    /// intake's last keystroke.
    pub fn search(&mut self, query: &str) -> Vec<Hit> {
        self.rank_for(Who::Intake, query)
    }

    /// Ranks here for one caller of this index, narrowing from its own last keystroke.
    pub fn rank_for(&mut self, who: Who, query: &str) -> Vec<Hit> {
        let t = self.typing(who);
        let mut t = std::mem::take(t);
        let hits = t.rank(&mut self.index, query, HIGHLIGHT_LIMIT);
        *self.typing(who) = t;
        hits
    }

    /// A job ranking `query` for `who` off this thread, unless one of theirs is out already.
    pub(super) fn ask(&mut self, who: Who, query: String, on: Option<u32>) -> Option<Effect> {
        let i = Self::slot(who);
        self.typings[i].ask(who, &self.index, self.generation, query, HIGHLIGHT_LIMIT, on)
    }

    /// The typing of a caller of this index.
    pub(super) fn typing(&mut self, who: Who) -> &mut Typing {
        &mut self.typings[Self::slot(who)]
    }

    fn slot(who: Who) -> usize {
        match who {
            Who::Residents | Who::Members => 0,
            Who::Intake => 1,
            Who::Booking => 2,
        }
    }

    /// The resident of a hit.
    pub fn resident(&self, hit: &Hit) -> Resident {
        self.all.get(hit.doc as usize)
    }

    /// The name of a hit's resident, without unpacking the rest.
    pub fn name(&self, hit: &Hit) -> &str {
        self.all.fields(hit.doc as usize).next().unwrap_or("")
    }

    /// The resident with this row id, if held.
    pub fn by_id(&self, id: i64) -> Option<Resident> {
        self.all.position(id).map(|i| self.all.get(i))
    }

    /// The resident under the cursor.
    pub fn selected_resident(&self) -> Option<Resident> {
        self.hits.get(self.selected).map(|h| self.all.get(h.doc as usize))
    }

    /// Moves the selection.
    pub fn move_by(&mut self, delta: isize) {
        if !self.hits.is_empty() {
            self.selected = (self.selected as isize + delta).clamp(0, self.hits.len() as isize - 1) as usize;
        }
    }

    /// Selects the resident with this id, clearing the search if needed.
    pub fn select_id(&mut self, id: i64) {
        if !self.hits.iter().any(|h| self.all.id(h.doc as usize) == id) {
            self.query.clear();
            self.research();
        }
        if let Some(pos) = self.hits.iter().position(|h| self.all.id(h.doc as usize) == id) {
            self.selected = pos;
        }
    }
}

use super::form::{FormKind, Problem};
use super::notice::Notice;
use super::overlay::Overlay;
pub use super::resident_form::{FORM_ROWS, QueryIs, draft, edit_form, form, query_is};
pub(super) use super::resident_form::{edit_row, open_form, recheck, submit_form};
use super::screen::{Offer, Screen};
use super::{App, Effect, Msg, Tab};
use crate::action::Action;
use crate::model::{Registered, Revealed};

/// How `app` reaches the Residents screen.
pub const SCREEN: Screen = Screen {
    tab: Tab::Residents,
    goto: Action::GotoResidents,
    needs: Some(crate::domain::operator::Permission::Cases),
    section: |_| crate::keymap::Section::Residents,
    mode: |app| if app.residents.searching { crate::keymap::Mode::Insert } else { crate::keymap::Mode::Normal },
    offers,
    act,
    answer,
    text,
    // The field's text is ranked after the update (`ranking::follow`).
    edit: |app, chord| {
        app.residents.query.edit(chord);
    },
    typed: |app| {
        app.residents.searching = true;
        app.residents.query.clear();
        true
    },
    ..super::screen::PLAIN
};

fn offers(app: &App) -> Vec<Offer> {
    let none = app.residents.selected_resident().is_none().then_some(Notice::NothingSelected);
    let mut o = vec![
        Offer::yes(Action::NewResident),
        Offer::when(Action::EditResident, none.clone()),
        Offer::when(Action::Reveal, none.clone()),
        Offer::when(Action::Confirm, if app.residents.searching { None } else { none }),
        Offer::yes(Action::FocusSearch),
        Offer::yes(Action::ClearSearch),
        Offer::yes(Action::Back),
    ];
    super::screen::movement(&mut o, true);
    o
}

fn act(app: &mut App, action: Action) -> Vec<Effect> {
    let page = app.page();
    let r = &mut app.residents;
    match action {
        Action::Up => r.move_by(-1),
        Action::Down => r.move_by(1),
        Action::PageUp => r.move_by(-page),
        Action::PageDown => r.move_by(page),
        Action::First => r.move_by(isize::MIN / 2),
        Action::Last => r.move_by(isize::MAX / 2),
        Action::FocusSearch => r.searching = true,
        Action::ClearSearch => {
            r.query.clear();
            r.research();
            r.searching = true;
        }
        Action::Back => {
            if !r.query.text().is_empty() {
                r.query.clear();
                r.research();
            } else {
                r.searching = !r.searching;
            }
        }
        Action::Confirm if r.searching => {
            // A receipt's number scanned into the search opens that case.
            let q = r.query.text().to_string();
            if let Some(effects) = super::cases::open_number(app, &q) {
                app.residents.query.clear();
                app.residents.research();
                return effects;
            }
            app.residents.searching = false;
        }
        Action::Confirm => {
            // Enter on a resident: their cases.
            if let Some(res) = r.selected_resident() {
                app.cases.resident = Some((res.id, res.name.clone()));
                app.cases.view = super::cases::CaseView::All;
                app.cases.zoomed = false;
                app.cases.anew();
                app.tab = Tab::Cases;
                return vec![app.load_cases()];
            }
        }
        Action::NewResident => {
            let q = r.query.text().to_string();
            open_form(app, &q);
        }
        Action::EditResident => {
            if let Some(res) = r.selected_resident() {
                let supervisor = app.session.operator.role.may(crate::domain::operator::Permission::Supervise);
                app.overlay = Some(Overlay::Form(Box::new(edit_form(&res, supervisor))));
                app.residents.editing = Some(res);
            }
        }
        Action::Reveal => {
            if let Some(res) = r.selected_resident() {
                return vec![Effect::Reveal(res, Revealed::IdNumber)];
            }
        }
        _ => {}
    }
    vec![]
}

fn text(app: &mut App, text: &str) -> Option<(super::input::InsertReport, usize)> {
    let r = &mut app.residents;
    r.searching = true;
    let report = r.query.insert(text);
    Some((report, r.query.max()))
}

/// Ranks intake's and a booking's candidates again for what is typed there (residents came or
/// changed), the highlight kept on whom it was: a refresh must not move it to another person.
/// A booking that already named its person asks again if they are no longer found.
fn research_candidates(app: &mut App) {
    let generation = app.residents.generation;
    if let Some(i) = &mut app.intake {
        let query = i.query.text().to_string();
        let hits = app.residents.rank_for(Who::Intake, &query);
        i.found.rerank(hits);
        i.found.shown = Some((query, generation));
    }
    if let Some(Overlay::Prompt(p)) = &mut app.overlay
        && let Some(k) = &mut p.pick
    {
        // As the dialog ranks them: nothing typed lists nobody.
        let query = p.input.text().trim().to_string();
        let hits = if query.is_empty() { Vec::new() } else { app.residents.rank_for(Who::Booking, &query) };
        if !k.found.rerank(hits) {
            k.confirming = false;
        }
        k.found.shown = Some((query, generation));
    }
}

fn answer(app: &mut App, msg: Msg) -> Result<Vec<Effect>, Msg> {
    match msg {
        Msg::ResidentsLoaded(page) if page.changed => {
            let replaced = app.residents.take_changes(&page);
            if !replaced.is_empty() {
                if let Some(i) = &mut app.intake
                    && let Some(r) = i.resident.as_ref().and_then(|x| replaced.iter().find(|r| r.id == x.id))
                {
                    i.resident = Some(r.clone());
                }
                research_candidates(app);
                app.dirty = true;
            }
            Ok(vec![])
        }
        Msg::ResidentsLoaded(page) => {
            if app.residents.append(page) {
                app.dirty = true;
                research_candidates(app);
            }
            Ok(vec![])
        }
        Msg::ResidentRegistered(reg) => {
            // The mobile typed now, when it is not the one on file: not dropped, but offered.
            let typed = match &app.overlay {
                Some(Overlay::Form(f)) if f.kind == FormKind::Resident => draft(f).validate(app.today()).ok(),
                _ => None,
            };
            let (r, notice) = match reg {
                Registered::New(r) => {
                    let n = Notice::ResidentRegistered { name: r.name.clone() };
                    (r, n)
                }
                Registered::Existing(r) => {
                    let n = Notice::AlreadyRegistered { name: r.name.clone() };
                    (r, n)
                }
            };
            app.overlay = None;
            app.toast(notice.clone());
            let new_phone = typed
                .map(|t| t.phone)
                .filter(|p| !p.is_empty() && matches!(notice, Notice::AlreadyRegistered { .. }) && *p != r.phone);
            if let Some(phone) = new_phone {
                // The edit form of the record on file, the new mobile in it: saving it (audited)
                // updates the number, Esc keeps the old one.
                let supervisor = app.session.operator.role.may(crate::domain::operator::Permission::Supervise);
                let mut f = edit_form(&r, supervisor);
                f.fill(2, &phone);
                f.focus = 2;
                app.overlay = Some(Overlay::Form(Box::new(f)));
                app.residents.editing = Some(r.clone());
                app.toast(Notice::PhoneDiffers { name: r.name.clone() });
            }
            app.dirty = true;
            // Registered during intake: that is the resident the case is for.
            if let (Tab::Catalog, Some(i)) = (app.tab, &mut app.intake) {
                i.choose(r);
            } else {
                app.residents.searching = false;
                app.residents.query.clear();
                app.residents.add(&r);
                app.residents.select_id(r.id);
            }
            Ok(vec![app.residents.load()])
        }
        Msg::ResidentEdited(r) => {
            if matches!(&app.overlay, Some(Overlay::Form(f)) if f.kind == FormKind::ResidentEdit) {
                app.overlay = None;
            }
            app.residents.editing = None;
            app.residents.replace(&r);
            if let Some(i) = &mut app.intake
                && i.resident.as_ref().is_some_and(|x| x.id == r.id)
            {
                i.resident = Some(r.clone());
            }
            app.toast(Notice::ResidentEdited { name: r.name.clone() });
            app.dirty = true;
            // Cases show the resident's name: read them again.
            Ok(vec![app.load_cases()])
        }
        Msg::ResidentEditRefused(e) => {
            match &mut app.overlay {
                Some(Overlay::Form(f)) if f.kind == FormKind::ResidentEdit => {
                    f.refuse(vec![edit_row(&e)], vec![Problem::Edit(e)]);
                }
                _ => app.toast(Notice::ResidentEditRefused(e)),
            }
            app.dirty = true;
            Ok(vec![])
        }
        Msg::Revealed(id) => {
            app.residents.revealed.show(id, app.now);
            app.dirty = true;
            Ok(vec![])
        }
        other => Err(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::resident_book::Book;
    use crate::domain::resident::{Address, Tag};

    fn person(id: i64, name: &str) -> Resident {
        Resident {
            id,
            name: name.into(),
            id_number: format!("32010219800101{id:04}"),
            phone: "13812345678".into(),
            address: Address {
                estate: "幸福里小区".into(),
                building: "3".into(),
                unit: "2".into(),
                room: "501".into(),
            },
            grid: "第一网格".into(),
            tags: vec![Tag::Elderly, Tag::LivingAlone],
        }
    }

    #[test]
    fn packing_keeps_every_field() {
        let mut book = Book::default();
        let r = person(7, "欧阳秀英");
        let empty = Resident { phone: String::new(), tags: vec![], ..person(8, "王芳") };
        book.push(&r);
        book.push(&empty);
        assert_eq!(book.get(0), r);
        assert_eq!(book.get(1), empty);
    }

    #[test]
    fn a_resident_registered_past_a_gap_waits_for_the_read_that_fills_it() {
        let mut s = ResidentsState::default();
        s.append(ResidentPage::new(vec![person(1, "张三")]));
        // Another desk registered 2 meanwhile; this one registered 3.
        s.add(&person(3, "王五"));
        assert_eq!(s.len(), 1, "not appended past the gap");
        assert_eq!(s.last_id(), 1, "so the next read starts after 1");
        s.append(ResidentPage::new(vec![person(2, "李四"), person(3, "王五")]));
        assert_eq!(s.len(), 3);
        assert_eq!(s.selected_resident().unwrap().id, 3, "selected once it arrived");
        s.add(&person(4, "赵六"));
        assert_eq!(s.by_id(4).unwrap().name, "赵六", "no gap: held at once");
    }

    #[test]
    fn an_edited_resident_replaces_the_old_record_in_the_list_and_the_search() {
        let mut s = ResidentsState::default();
        s.append(ResidentPage::new(vec![person(1, "张三"), person(2, "李四"), person(3, "王五")]));
        s.select_id(2);
        let edited =
            Resident { name: "李四海".into(), phone: "18600001111".into(), tags: vec![], ..person(2, "李四") };
        s.replace(&edited);
        assert_eq!(s.by_id(2).unwrap(), edited);
        assert_eq!(s.by_id(1).unwrap(), person(1, "张三"), "the rows before it are kept");
        assert_eq!(s.by_id(3).unwrap(), person(3, "王五"), "and those after it");
        assert_eq!(s.selected_resident().unwrap().id, 2, "the selection stays on them");
        s.query.insert("1111");
        s.research();
        assert_eq!(s.hits.len(), 1);
        assert_eq!(s.name(&s.hits[0]), "李四海");
        s.query.clear();
        s.query.insert("ww");
        s.research();
        assert_eq!(s.name(&s.hits[0]), "王五");
    }

    #[test]
    fn pages_append_once_and_keep_the_selection() {
        let mut s = ResidentsState::default();
        assert!(s.append(ResidentPage::new(vec![person(1, "张三"), person(2, "李四")])));
        s.move_by(1);
        assert_eq!(s.selected_resident().unwrap().id, 2);
        // An overlapping read (a refresh sent before the first answer arrived) adds only what is new.
        assert!(s.append(ResidentPage::new(vec![person(2, "李四"), person(3, "王五")])));
        assert_eq!(s.len(), 3);
        assert_eq!(s.selected_resident().unwrap().id, 2);
        assert!(!s.append(ResidentPage::new(vec![person(3, "王五")])));
        assert_eq!(s.by_id(3).unwrap().name, "王五");
        s.query.insert("ww");
        s.research();
        assert_eq!(s.name(&s.hits[0]), "王五");
    }
}
