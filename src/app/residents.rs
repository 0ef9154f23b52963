//! The Residents screen's state: the search index over residents, hits and reveals.

use super::input::Input;
use crate::domain::resident::Resident;
use crate::domain::text::MAX_FIELD_CHARS;
use crate::search::{Hit, Index, resident_document};

/// Hits with match positions (more never fit on a screen).
const HIGHLIGHT_LIMIT: usize = 200;

/// State of the Residents screen (and of the resident step of intake, which shares the index).
#[derive(Debug)]
pub struct ResidentsState {
    /// Every resident, by id.
    pub all: Vec<Resident>,
    index: Index,
    /// The search field.
    pub query: Input,
    /// Ranked hits for the query (everyone, by id, when it is empty).
    pub hits: Vec<Hit>,
    /// Index into `hits`.
    pub selected: usize,
    /// Residents whose ID and phone were revealed in this session (the reveal was audited).
    pub revealed: Vec<i64>,
    /// Typing goes to the search field.
    pub searching: bool,
    /// Loaded at least once.
    pub loaded: bool,
}

impl Default for ResidentsState {
    fn default() -> Self {
        ResidentsState {
            all: Vec::new(),
            index: Index::default(),
            query: Input::new(MAX_FIELD_CHARS),
            hits: Vec::new(),
            selected: 0,
            revealed: Vec::new(),
            searching: true,
            loaded: false,
        }
    }
}

impl ResidentsState {
    /// Replaces the residents (first load or another session's change); returns false when
    /// nothing changed.
    pub fn load(&mut self, all: Vec<Resident>) -> bool {
        if self.loaded && all == self.all {
            return false;
        }
        let keep = self.selected_resident().map(|r| r.id);
        self.index = Index::new(all.iter().map(resident_document).collect());
        self.all = all;
        self.loaded = true;
        self.research();
        if let Some(id) = keep
            && let Some(pos) = self.hits.iter().position(|h| self.all[h.doc as usize].id == id)
        {
            self.selected = pos;
        }
        true
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
    pub fn resident(&self, hit: &Hit) -> &Resident {
        &self.all[hit.doc as usize]
    }

    /// The resident under the cursor.
    pub fn selected_resident(&self) -> Option<&Resident> {
        self.hits.get(self.selected).map(|h| &self.all[h.doc as usize])
    }

    /// Moves the selection.
    pub fn move_by(&mut self, delta: isize) {
        if !self.hits.is_empty() {
            self.selected = (self.selected as isize + delta).clamp(0, self.hits.len() as isize - 1) as usize;
        }
    }

    /// Selects the resident with this id, clearing the search if needed.
    pub fn select_id(&mut self, id: i64) {
        if !self.hits.iter().any(|h| self.all[h.doc as usize].id == id) {
            self.query.clear();
            self.research();
        }
        if let Some(pos) = self.hits.iter().position(|h| self.all[h.doc as usize].id == id) {
            self.selected = pos;
        }
    }
}
