//! The Cases screen's state: filters, the list read so far, and the selected case's detail.

use super::input::Input;
use crate::domain::case::{Case, CaseEvent, CaseMaterial, CaseState};
use crate::model::{CaseCounts, CaseFilter, CaseKey};
use chrono::NaiveDate;

/// Which cases the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseView {
    /// Every open case.
    Open,
    /// Running cases due today or the next working day.
    DueSoon,
    /// Running cases past due.
    Overdue,
    /// 补正: waiting for the resident's missing materials.
    Awaiting,
    /// Completed, returned or refused.
    Closed,
    /// Everything.
    All,
}

impl CaseView {
    /// The order `cycle_filter` goes through.
    pub const CYCLE: [CaseView; 6] =
        [CaseView::Open, CaseView::DueSoon, CaseView::Overdue, CaseView::Awaiting, CaseView::Closed, CaseView::All];

    /// The next view.
    pub fn next(self) -> CaseView {
        let i = CaseView::CYCLE.iter().position(|v| *v == self).unwrap_or(0);
        CaseView::CYCLE[(i + 1) % CaseView::CYCLE.len()]
    }
}

/// The selected case with its checklist and timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseDetail {
    /// The case.
    pub case: Case,
    /// Its materials.
    pub materials: Vec<CaseMaterial>,
    /// Its timeline.
    pub events: Vec<CaseEvent>,
}

/// State of the Cases screen.
#[derive(Debug, Clone)]
pub struct CasesState {
    /// Which cases.
    pub view: CaseView,
    /// Only the signed-in clerk's.
    pub mine: bool,
    /// Only this resident's (id, name), when opened from the residents.
    pub resident: Option<(i64, String)>,
    /// Only this item's (code, name).
    pub item: Option<(String, String)>,
    /// The list, earliest due first.
    pub list: Vec<Case>,
    /// Index into `list`.
    pub selected: usize,
    /// The selected case in full, once loaded.
    pub detail: Option<CaseDetail>,
    /// First line of the detail pane.
    pub detail_scroll: u16,
    /// Material line under the cursor in the detail (for originals and 容缺).
    pub material: usize,
    /// The detail fills the screen.
    pub zoomed: bool,
    /// Counts for the status line.
    pub counts: CaseCounts,
    /// Loaded at least once.
    pub loaded: bool,
    /// How many cases match in all (the list holds the first pages of them).
    pub total: usize,
    /// The filter field: a case number, a resident's or an item's name.
    pub query: Input,
    /// The filter field has focus.
    pub typing: bool,
    /// The filter changed: the next answer is a new list, not a reload of the pages shown.
    pub restart: bool,
    /// The next page was asked for; once it is here the cursor goes to this row.
    pub awaiting: Option<usize>,
    /// The filter text the list was last asked for (an editing key that changed nothing
    /// reads nothing).
    pub searched: String,
    /// Items whose pinyin initials hold the filter text.
    pub text_items: Vec<String>,
}

impl Default for CasesState {
    fn default() -> Self {
        CasesState {
            view: CaseView::Open,
            mine: false,
            resident: None,
            item: None,
            list: Vec::new(),
            selected: 0,
            detail: None,
            detail_scroll: 0,
            material: 0,
            zoomed: false,
            counts: CaseCounts::default(),
            loaded: false,
            total: 0,
            query: Input::new(crate::domain::text::MAX_FIELD_CHARS),
            typing: false,
            restart: false,
            awaiting: None,
            searched: String::new(),
            text_items: Vec::new(),
        }
    }
}

impl CasesState {
    /// The storage filter for the current view on `today`.
    pub fn filter(&self, login: &str, today: NaiveDate) -> CaseFilter {
        use CaseState::*;
        let states = match self.view {
            CaseView::Open => vec![Accepted, InProgress, AwaitingMaterials, Suspended],
            CaseView::DueSoon => vec![Accepted, InProgress],
            CaseView::Overdue => vec![],
            CaseView::Awaiting => vec![AwaitingMaterials],
            CaseView::Closed => vec![Completed, Returned, NotAccepted],
            CaseView::All => vec![],
        };
        CaseFilter {
            states,
            operator: self.mine.then(|| login.to_string()),
            overdue_on: (self.view == CaseView::Overdue).then_some(today),
            item_code: self.item.as_ref().map(|i| i.0.clone()),
            resident_id: self.resident.as_ref().map(|r| r.0),
            due_soon_on: (self.view == CaseView::DueSoon).then_some(today),
            text: Some(self.query.text().trim().to_string()).filter(|t| !t.is_empty()),
            text_items: self.text_items.clone(),
            rows: if self.restart { 0 } else { self.list.len() },
        }
    }

    /// The filter changed: the list starts again from its first page.
    pub fn refilter(&mut self) {
        self.restart = true;
        self.awaiting = None;
    }

    /// Another list altogether (a resident's cases): no filter text, from the first page.
    pub fn anew(&mut self) {
        self.typing = false;
        self.query.clear();
        self.searched.clear();
        self.text_items.clear();
        self.refilter();
    }

    /// More cases match than the list holds.
    pub fn more(&self) -> bool {
        self.total > self.list.len()
    }

    /// Where the list ends, for the next page's query.
    pub fn last_key(&self) -> Option<CaseKey> {
        self.list.last().map(|c| (c.due.map(|d| d.to_string()).unwrap_or_else(|| "9999".into()), c.id))
    }

    /// The case under the cursor.
    pub fn selected_case(&self) -> Option<&Case> {
        self.list.get(self.selected)
    }

    /// Replaces the list, keeping the same case selected when it is still there.
    pub fn set_list(&mut self, list: Vec<Case>) {
        let keep = self.selected_case().map(|c| c.id);
        self.list = list;
        self.loaded = true;
        self.restart = false;
        self.awaiting = None;
        self.selected = keep.and_then(|id| self.list.iter().position(|c| c.id == id)).unwrap_or(0);
        if self.selected_case().map(|c| c.id) != self.detail.as_ref().map(|d| d.case.id) {
            self.detail = None;
            self.detail_scroll = 0;
            self.material = 0;
        }
    }

    /// Moves the selection; returns the newly selected case id when it changed. Moving past
    /// the end of a list with more behind it sets `awaiting` (the caller reads the next page).
    pub fn move_by(&mut self, delta: isize) -> Option<i64> {
        if self.list.is_empty() {
            return None;
        }
        let want = self.selected.saturating_add_signed(delta) as isize;
        if want >= self.list.len() as isize && self.more() && self.awaiting.is_none() {
            let rows = (self.list.len() + crate::model::CASE_PAGE) as isize;
            self.awaiting = Some(want.min(rows - 1) as usize);
        }
        self.move_within(delta)
    }

    /// Moves the selection inside the rows read; returns the newly selected case id.
    pub fn move_within(&mut self, delta: isize) -> Option<i64> {
        if self.list.is_empty() {
            return None;
        }
        let want = self.selected.saturating_add_signed(delta) as isize;
        let to = want.clamp(0, self.list.len() as isize - 1) as usize;
        if to == self.selected {
            return None;
        }
        self.selected = to;
        self.detail = None;
        self.detail_scroll = 0;
        self.material = 0;
        self.selected_case().map(|c| c.id)
    }
}
