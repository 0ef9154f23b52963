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
