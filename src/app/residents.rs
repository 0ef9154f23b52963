//! The Residents screen's state: the search index over residents, hits and reveals.

use super::input::Input;
use crate::domain::resident::{Address, Resident, Tag};
use crate::domain::text::MAX_FIELD_CHARS;
use crate::search::{Hit, Index, Prepared, resident_document};

/// Hits with match positions (more never fit on a screen).
const HIGHLIGHT_LIMIT: usize = 200;

/// Residents read from the database in one message, with their search entries prepared off
/// the UI thread.
#[derive(Debug, Clone, Default)]
pub struct ResidentPage {
    /// The residents, by id, packed (a page of `Resident`s in a channel would cost the UI
    /// process their fragments long after they are read).
    book: Book,
    /// Their search entries, in the same order (none for changed residents: the few that
    /// differ from what is held are prepared when they replace it).
    prepared: Prepared,
    /// Residents held that others changed, to replace in place (not new ones to append).
    changed: bool,
    /// Where the next read of changes starts (on the first page of a read).
    mark: Option<String>,
}

impl ResidentPage {
    /// Packs `rows` (by id) and prepares their search entries (slow: run it where the UI
    /// does not wait).
    pub fn new(rows: Vec<Resident>) -> ResidentPage {
        let prepared = Prepared::new(rows.iter().map(resident_document));
        let mut book = Book::default();
        for r in &rows {
            book.push(r);
        }
        ResidentPage { book, prepared, changed: false, mark: None }
    }

    /// Residents held here whose records others changed (by id).
    pub fn changed(rows: Vec<Resident>) -> ResidentPage {
        let mut book = Book::default();
        for r in &rows {
            book.push(r);
        }
        ResidentPage { book, prepared: Prepared::default(), changed: true, mark: None }
    }

    /// The page with the mark the next read of changes starts from.
    pub fn marked(self, mark: String) -> ResidentPage {
        ResidentPage { mark: Some(mark), ..self }
    }
}

/// Field separator inside a packed resident (sanitised text never contains it).
const SEP: char = '\u{1f}';

/// Every resident's fields in one string: 100,000 `Resident`s with nine strings each would
/// take several times the memory of their text, in fragments.
#[derive(Debug, Clone, Default)]
struct Book {
    /// Each resident's fields, separated by [`SEP`], one resident after another.
    text: String,
    /// Row id, start in `text` and tag bits of each resident, by id.
    rows: Vec<(i64, u32, u8)>,
}

impl Book {
    fn len(&self) -> usize {
        self.rows.len()
    }

    fn push(&mut self, r: &Resident) {
        let a = &r.address;
        let fields = [&r.name, &r.id_number, &r.phone, &a.estate, &a.building, &a.unit, &a.room, &r.grid];
        let start = self.text.len() as u32;
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                self.text.push(SEP);
            }
            self.text.extend(f.chars().filter(|&c| c != SEP));
        }
        let tags = Tag::ALL.iter().enumerate().filter(|(_, t)| r.tags.contains(t)).fold(0u8, |m, (i, _)| m | 1 << i);
        self.rows.push((r.id, start, tags));
    }

    /// Puts `r` in place of row `i` (the record was edited); rows after it shift.
    fn replace(&mut self, i: usize, r: &Resident) {
        let mut one = Book::default();
        one.push(r);
        let start = self.rows[i].1 as usize;
        let end = self.rows.get(i + 1).map_or(self.text.len(), |n| n.1 as usize);
        let grown = one.text.len() as i64 - (end - start) as i64;
        self.text.replace_range(start..end, &one.text);
        self.rows[i].2 = one.rows[0].2;
        for row in &mut self.rows[i + 1..] {
            row.1 = (row.1 as i64 + grown) as u32;
        }
    }

    /// Appends `other`'s residents after its first `skip`.
    fn append(&mut self, other: &Book, skip: usize) {
        let Some(&(_, from, _)) = other.rows.get(skip) else { return };
        let to = self.text.len() as u32;
        self.text.push_str(&other.text[from as usize..]);
        self.rows.extend(other.rows[skip..].iter().map(|&(id, start, tags)| (id, start - from + to, tags)));
    }

    fn id(&self, i: usize) -> i64 {
        self.rows[i].0
    }

    fn last_id(&self) -> i64 {
        self.rows.last().map(|r| r.0).unwrap_or(0)
    }

    fn fields(&self, i: usize) -> std::str::Split<'_, char> {
        self.packed(i).split(SEP)
    }

    /// Row `i` as packed: two rows alike pack alike.
    fn packed(&self, i: usize) -> &str {
        let start = self.rows[i].1 as usize;
        let end = self.rows.get(i + 1).map(|r| r.1 as usize).unwrap_or(self.text.len());
        &self.text[start..end]
    }

    fn get(&self, i: usize) -> Resident {
        let mut f = self.fields(i).map(str::to_string);
        let mut next = || f.next().unwrap_or_default();
        let (name, id_number, phone) = (next(), next(), next());
        let address = Address { estate: next(), building: next(), unit: next(), room: next() };
        let grid = next();
        let bits = self.rows[i].2;
        let tags = Tag::ALL.iter().enumerate().filter(|(i, _)| bits & (1 << i) != 0).map(|(_, t)| *t).collect();
        Resident { id: self.rows[i].0, name, id_number, phone, address, grid, tags }
    }
}

/// State of the Residents screen (and of the resident step of intake, which shares the index).
#[derive(Debug)]
pub struct ResidentsState {
    /// Every resident, by id (ids only grow: residents are never deleted or renumbered).
    all: Book,
    index: Index,
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
            all: Book::default(),
            index: Index::default(),
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
        let skip = book.rows.iter().take_while(|r| r.0 <= after).count();
        if skip == book.len() {
            return !newly;
        }
        let keep = self.selected_resident().map(|r| r.id);
        self.all.append(&book, skip);
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
        let Ok(i) = self.all.rows.binary_search_by_key(&r.id, |row| row.0) else { return };
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
            let Ok(i) = self.all.rows.binary_search_by_key(&page.book.id(k), |row| row.0) else { continue };
            if self.all.packed(i) == page.book.packed(k) && self.all.rows[i].2 == page.book.rows[k].2 {
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
        self.research();
        if let Some(id) = keep {
            self.select_id(id);
        }
    }

    /// Re-ranks for the search field.
    pub fn research(&mut self) {
        self.hits = self.index.search(self.query.text(), HIGHLIGHT_LIMIT);
        self.selected = 0;
    }

    /// Ranks for another query (intake's resident step) without touching this screen's hits.
    pub fn search(&mut self, query: &str) -> Vec<Hit> {
        let hits = self.index.search(query, HIGHLIGHT_LIMIT);
        // The index remembers the last query to narrow the next; this screen's own query
        // must not narrow from intake's.
        self.index.search("", 0);
        hits
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
        self.all.rows.binary_search_by_key(&id, |r| r.0).ok().map(|i| self.all.get(i))
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

use super::form::{Form, FormKind, Problem, Row};
use super::notice::Notice;
use super::overlay::Overlay;
use super::screen::{Offer, Screen};
use super::{App, Effect, Msg, Tab};
use crate::action::Action;
use crate::domain::resident::{ResidentDraft, ResidentProblem};
use crate::model::{Registered, ResidentEditError, Revealed};

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
    edit: |app, chord| {
        if app.residents.query.edit(chord) {
            app.residents.research();
        }
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
    r.research();
    Some((report, r.query.max()))
}

/// The registration form's rows: name, ID number, mobile, estate, building, entrance, flat,
/// grid, then the tags.
pub const FORM_ROWS: usize = 9;

/// Where a search that found nobody goes in the registration form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryIs {
    /// Nothing typed.
    Empty,
    /// A name (anything but digits).
    Name,
    /// An ID number, or most of one (12 or more digits, the last may be X).
    IdNumber,
    /// A mobile (11 digits starting with 1).
    Phone,
    /// A few digits (a tail, a room number): no field of its own, and never a name.
    Digits,
}

/// What a search for a resident looks like.
pub fn query_is(query: &str) -> QueryIs {
    let q: String = query.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    let body = q.strip_suffix(['x', 'X']).unwrap_or(&q);
    if q.is_empty() {
        QueryIs::Empty
    } else if !body.is_empty() && body.bytes().all(|b| b.is_ascii_digit()) {
        if q.len() == 11 && q.starts_with('1') && body.len() == q.len() {
            QueryIs::Phone
        } else if q.len() >= 12 {
            QueryIs::IdNumber
        } else {
            QueryIs::Digits
        }
    } else {
        QueryIs::Name
    }
}

/// The registration form, pre-filled from what was typed in a search (an ID number, a mobile
/// or a name goes to its own field; a few digits go nowhere).
pub fn form(query: &str) -> Form {
    let mut f = Form::new(FormKind::Resident, rows());
    let q = query.trim();
    let row = match query_is(q) {
        QueryIs::Name => Some(0),
        QueryIs::IdNumber => Some(1),
        QueryIs::Phone => Some(2),
        QueryIs::Empty | QueryIs::Digits => None,
    };
    if let Some(row) = row {
        f.fill(row, q);
    }
    f
}

/// Opens the registration form for what was searched; a few digits that are no ID number or
/// mobile are not taken for a name, and a toast says what to fill in.
pub(super) fn open_form(app: &mut App, query: &str) {
    app.overlay = Some(Overlay::Form(Box::new(form(query))));
    if query_is(query) == QueryIs::Digits {
        app.toast(Notice::DigitsNotAName(query.trim().to_string()));
    }
}

/// The rows of the registration and edit forms.
fn rows() -> Vec<Row> {
    let mut rows: Vec<Row> =
        [20, 22, 16, 30, 30, 30, 30, 30].iter().map(|m| Row::Text(super::input::Input::new(*m))).collect();
    rows.push(Row::Toggles { on: vec![false; Tag::ALL.len()], cursor: 0 });
    rows
}

/// The edit form, filled with the record as it is; a clerk sees the name and ID number but
/// cannot change them (they say who the person is in every case on file).
pub fn edit_form(r: &Resident, supervisor: bool) -> Form {
    let mut f = Form::new(FormKind::ResidentEdit, rows());
    let a = &r.address;
    for (i, v) in
        [&r.name, &r.id_number, &r.phone, &a.estate, &a.building, &a.unit, &a.room, &r.grid].into_iter().enumerate()
    {
        f.fill(i, v);
    }
    if let Some(Row::Toggles { on, .. }) = f.rows.get_mut(8) {
        for (i, t) in Tag::ALL.iter().enumerate() {
            on[i] = r.tags.contains(t);
        }
    }
    if !supervisor {
        f.locked = vec![0, 1];
        f.focus = 2;
    }
    f
}

/// What the registration form holds, for validation.
pub fn draft(f: &Form) -> ResidentDraft {
    ResidentDraft {
        name: f.text(0),
        id_number: f.text(1),
        phone: f.text(2),
        address: Address { estate: f.text(3), building: f.text(4), unit: f.text(5), room: f.text(6) },
        grid: f.text(7),
        tags: f.toggled(8).into_iter().filter_map(|i| Tag::ALL.get(i).copied()).collect(),
    }
}

/// The row a problem of the registration form is about.
fn problem_row(p: &ResidentProblem) -> usize {
    match p {
        ResidentProblem::EmptyName | ResidentProblem::LongName => 0,
        ResidentProblem::Id(_) => 1,
        ResidentProblem::Phone => 2,
        ResidentProblem::LongAddress => 3,
    }
}

/// The row a refused edit is about.
fn edit_row(e: &ResidentEditError) -> usize {
    match e {
        ResidentEditError::DuplicateId(_) => 1,
        _ => 0,
    }
}

/// Saves the registration (or edit) form, or shows what is wrong in it.
pub(super) fn submit_form(app: &mut App) -> Vec<Effect> {
    let today = app.today();
    let editing = app.residents.editing.clone();
    let Some(Overlay::Form(f)) = &mut app.overlay else { return vec![] };
    match (draft(f).validate(today), f.kind, editing) {
        (Ok(r), FormKind::ResidentEdit, Some(opened)) => {
            let id = opened.id;
            vec![Effect::EditResident(Box::new((opened, Resident { id, ..r })))]
        }
        (Ok(r), _, _) => vec![Effect::RegisterResident(r)],
        (Err(problems), _, _) => {
            let rows = problems.iter().map(problem_row).collect();
            f.refuse(rows, problems.into_iter().map(Problem::Resident).collect());
            vec![]
        }
    }
}

/// Checks the form as it stands after a refused save: what is fixed is no longer marked. A
/// refusal from storage stays until its own field is edited.
pub(super) fn recheck(f: &mut Form, today: chrono::NaiveDate) {
    let stored: Vec<Problem> =
        f.problems.iter().filter(|p| matches!(p, Problem::Edit(e) if edit_row(e) != f.focus)).cloned().collect();
    let found = draft(f).validate(today).err().unwrap_or_default();
    let mut rows: Vec<usize> = found.iter().map(problem_row).collect();
    rows.extend(stored.iter().filter_map(|p| match p {
        Problem::Edit(e) => Some(edit_row(e)),
        _ => None,
    }));
    let mut problems: Vec<Problem> = found.into_iter().map(Problem::Resident).collect();
    problems.extend(stored);
    f.recheck(rows, problems);
}

/// Ranks intake's and a booking's candidates again for what is typed there (residents came or
/// changed), the highlight kept on whom it was: a refresh must not move it to another person.
/// A booking that already named its person asks again if they are no longer found.
fn research_candidates(app: &mut App) {
    if let Some(i) = &mut app.intake {
        let hits = app.residents.search(i.query.text());
        i.found.rerank(hits);
    }
    if let Some(Overlay::Prompt(p)) = &mut app.overlay
        && let Some(k) = &mut p.pick
    {
        // As the dialog ranks them: nothing typed lists nobody.
        let query = p.input.text().trim();
        let hits = if query.is_empty() { Vec::new() } else { app.residents.search(query) };
        if !k.found.rerank(hits) {
            k.confirming = false;
        }
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
