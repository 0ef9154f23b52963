//! The Cases screen's state: filters, the list, and the selected case's detail.

use crate::domain::case::{Case, CaseEvent, CaseMaterial, CaseState};
use crate::model::{CaseCounts, CaseFilter};
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

/// Cases a list loads at most (a community desk has far fewer open; older ones page in).
pub const PAGE: usize = 500;

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
        }
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
        self.selected = keep.and_then(|id| self.list.iter().position(|c| c.id == id)).unwrap_or(0);
        if self.selected_case().map(|c| c.id) != self.detail.as_ref().map(|d| d.case.id) {
            self.detail = None;
            self.detail_scroll = 0;
            self.material = 0;
        }
    }

    /// Moves the selection; returns the newly selected case id when it changed.
    pub fn move_by(&mut self, delta: isize) -> Option<i64> {
        if self.list.is_empty() {
            return None;
        }
        let to = (self.selected as isize + delta).clamp(0, self.list.len() as isize - 1) as usize;
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

use super::notice::Notice;
use super::overlay::{Overlay, Prompt, PromptFor};
use super::screen::{Invalid, Offer, Screen};
use super::{App, Effect, Msg, Tab};
use crate::action::Action;
use crate::domain::case::{CaseError, MaterialStatus, Transition};
use crate::model::{CaseOpError, MaterialEvent, Revealed};

/// How `app` reaches the Cases screen.
pub const SCREEN: Screen = Screen {
    tab: Tab::Cases,
    goto: Action::GotoCases,
    needs: Some(crate::domain::operator::Permission::Cases),
    section: |_| crate::keymap::Section::Cases,
    offers,
    act,
    answer,
    submit,
    ..super::screen::PLAIN
};

/// Why the selected case cannot take `t` now, if it cannot.
fn refuses(app: &App, t: Transition) -> Option<Notice> {
    let Some(c) = app.cases.selected_case() else { return Some(Notice::NoCase) };
    crate::domain::case::next_state(c.state, t, c.before_suspension).err().map(Notice::CaseRefused)
}

/// Why the selected case takes no rating (or follow-up) now, if it does not.
fn refuses_rating(app: &App, follow_up: bool) -> Option<Notice> {
    let Some(c) = app.cases.selected_case() else { return Some(Notice::NoCase) };
    let ok = if follow_up {
        c.follow_up_due.is_some() && !c.follow_up_done
    } else {
        c.state == CaseState::Completed && c.rating.is_none()
    };
    (!ok).then_some(Notice::CaseRefused(CaseError::Rating))
}

fn offers(app: &App) -> Vec<Offer> {
    let none = app.cases.selected_case().is_none().then_some(Notice::NoCase);
    let mut o = vec![
        Offer::when(Action::CaseStart, refuses(app, Transition::Start)),
        Offer::when(Action::CaseComplete, refuses(app, Transition::Complete)).asking(super::overlay::Ask::Plain),
        Offer::when(Action::CaseSuspend, refuses(app, Transition::Suspend)),
        Offer::when(Action::CaseResume, refuses(app, Transition::Resume)),
        Offer::when(Action::CaseSupply, refuses(app, Transition::Supply)).asking(super::overlay::Ask::Plain),
        Offer::when(Action::PrintReceipt, none.clone()),
        Offer::yes(Action::CycleFilter),
        Offer::yes(Action::ToggleMine),
        Offer::when(Action::Confirm, none.clone()),
        Offer::when(Action::CaseReturn, refuses(app, Transition::Return)),
        Offer::when(Action::CaseReject, refuses(app, Transition::Reject)),
        Offer::when(Action::CaseRate, refuses_rating(app, false)),
        Offer::when(Action::CaseFollowUp, refuses_rating(app, true)),
        Offer::when(Action::MaterialHandled, app.cases.detail.is_none().then_some(Notice::NoCase)),
        Offer::when(Action::Reveal, none.clone()),
        Offer::when(Action::ToggleItem, if app.cases.item.is_some() { None } else { none }),
        Offer::yes(Action::DetailUp),
        Offer::yes(Action::DetailDown),
        Offer::yes(Action::Back),
    ];
    super::screen::movement(&mut o, true);
    o
}

fn act(app: &mut App, action: Action) -> Vec<Effect> {
    let page = app.page();
    let moved = |app: &mut App, delta: isize| match app.cases.move_by(delta) {
        Some(id) => vec![Effect::LoadCase(id)],
        None => vec![],
    };
    let zoomed = app.cases.zoomed;
    match action {
        Action::Up if zoomed => app.cases.material = app.cases.material.saturating_sub(1),
        Action::Down if zoomed => {
            let n = app.cases.detail.as_ref().map(|d| d.materials.len()).unwrap_or(0);
            app.cases.material = (app.cases.material + 1).min(n.saturating_sub(1));
        }
        Action::Up => return moved(app, -1),
        Action::Down => return moved(app, 1),
        Action::PageUp => return moved(app, -page),
        Action::PageDown => return moved(app, page),
        Action::First => return moved(app, isize::MIN / 2),
        Action::Last => return moved(app, isize::MAX / 2),
        Action::Confirm => app.cases.zoomed = !zoomed,
        Action::Back => {
            if zoomed {
                app.cases.zoomed = false;
            } else if app.cases.resident.take().is_some() || app.cases.item.take().is_some() {
                return vec![app.load_cases()];
            }
        }
        Action::CycleFilter => {
            app.cases.view = app.cases.view.next();
            return vec![app.load_cases()];
        }
        Action::ToggleMine => {
            app.cases.mine = !app.cases.mine;
            return vec![app.load_cases()];
        }
        Action::ToggleItem => {
            app.cases.item = match (&app.cases.item, app.cases.selected_case()) {
                (Some(_), _) | (None, None) => None,
                (None, Some(c)) => Some((c.item_code.clone(), c.item_name.clone())),
            };
            return vec![app.load_cases()];
        }
        Action::DetailUp => app.cases.detail_scroll = app.cases.detail_scroll.saturating_sub(1),
        Action::DetailDown => app.cases.detail_scroll = app.cases.detail_scroll.saturating_add(1).min(200),
        _ => return change(app, action),
    }
    vec![]
}

/// The actions that change the selected case (offers made sure one is selected and may).
fn change(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(c) = app.cases.selected_case() else { return vec![] };
    let (id, version, resident) = (c.id, c.version, c.resident_id);
    let transition = |transition| vec![Effect::Transition { id, version, transition, reason: String::new() }];
    match action {
        Action::CaseStart => transition(Transition::Start),
        Action::CaseResume => transition(Transition::Resume),
        Action::CaseSupply => transition(Transition::Supply),
        Action::CaseComplete => transition(Transition::Complete),
        Action::CaseSuspend => ask(app, PromptFor::Suspend),
        Action::CaseReturn => ask(app, PromptFor::Return),
        Action::CaseReject => ask(app, PromptFor::Reject),
        Action::CaseRate => ask(app, PromptFor::Rate),
        Action::CaseFollowUp => ask(app, PromptFor::FollowUp),
        Action::PrintReceipt => vec![Effect::PrintReceipt(id, app.lang)],
        Action::MaterialHandled => material_handled(app),
        Action::Reveal => match app.residents.by_id(resident) {
            Some(r) => vec![Effect::Reveal(r, Revealed::IdNumber)],
            None => vec![],
        },
        _ => vec![],
    }
}

/// Asks for the reason, rating or note the change needs.
fn ask(app: &mut App, purpose: PromptFor) -> Vec<Effect> {
    if let Some(c) = app.cases.selected_case() {
        let max = if purpose == PromptFor::Rate { 1 } else { 200 };
        app.overlay = Some(Overlay::Prompt(Prompt::new(purpose, c.id, c.version, c.number.clone(), max)));
    }
    vec![]
}

/// The material under the detail cursor: a 容缺 material brought, or (代办) an original
/// received or given back.
fn material_handled(app: &mut App) -> Vec<Effect> {
    let Some(d) = &app.cases.detail else {
        app.toast(Notice::NoCase);
        return vec![];
    };
    let seq = app.cases.material;
    let Some(m) = d.materials.get(seq) else { return vec![] };
    let on_behalf = d.case.channel == crate::domain::case::Channel::OnBehalf;
    let what = match m.status {
        MaterialStatus::Waived(_) => Some(MaterialEvent::Supplied),
        MaterialStatus::Presented if on_behalf && m.original_received.is_none() => {
            Some(MaterialEvent::OriginalReceived)
        }
        MaterialStatus::Presented if on_behalf && m.original_returned.is_none() => {
            Some(MaterialEvent::OriginalReturned)
        }
        _ => None,
    };
    match what {
        Some(what) => vec![Effect::Material { id: d.case.id, version: d.case.version, seq, what }],
        None => {
            app.toast(Notice::NothingToRecord);
            vec![]
        }
    }
}

fn submit(app: &mut App, purpose: PromptFor, text: &str) -> Result<Vec<Effect>, Invalid> {
    let Some(Overlay::Prompt(p)) = &app.overlay else { return Err(Invalid) };
    let (id, version) = (p.id, p.version);
    let reason = |t: Transition| {
        if text.is_empty() {
            return Err(Invalid);
        }
        Ok(vec![Effect::Transition { id, version, transition: t, reason: text.to_string() }])
    };
    match purpose {
        PromptFor::Suspend => reason(Transition::Suspend),
        PromptFor::Return => reason(Transition::Return),
        PromptFor::Reject => reason(Transition::Reject),
        PromptFor::Rate => match text.parse::<u8>() {
            Ok(stars @ 1..=5) => Ok(vec![Effect::Rate { id, version, stars }]),
            _ => Err(Invalid),
        },
        PromptFor::FollowUp if !text.is_empty() => Ok(vec![Effect::FollowUp { id, version, note: text.to_string() }]),
        _ => Err(Invalid),
    }
}

fn answer(app: &mut App, msg: Msg) -> Result<Vec<Effect>, Msg> {
    match msg {
        Msg::CasesLoaded(list, counts) => {
            if app.cases.counts != counts || app.cases.list != list || !app.cases.loaded {
                app.dirty = true;
            }
            app.cases.counts = counts;
            app.cases.set_list(list);
            app.db_ok();
            Ok(match (app.cases.selected_case(), &app.cases.detail) {
                (Some(c), None) => vec![Effect::LoadCase(c.id)],
                (Some(c), Some(d)) if d.case.version != c.version => vec![Effect::LoadCase(c.id)],
                _ => vec![],
            })
        }
        Msg::CaseLoaded(case, materials, events) => {
            if app.cases.selected_case().map(|c| c.id) == Some(case.id) {
                let detail = CaseDetail { case: case.clone(), materials, events };
                if app.cases.detail.as_ref() != Some(&detail) {
                    app.cases.material = app.cases.material.min(detail.materials.len().saturating_sub(1));
                    app.cases.detail = Some(detail);
                    app.dirty = true;
                }
                if let Some(row) = app.cases.list.iter_mut().find(|c| c.id == case.id) {
                    *row = case;
                }
            }
            Ok(vec![])
        }
        Msg::IntakeSaved(case) => Ok(intake_saved(app, case)),
        Msg::CaseSaved(case) => {
            app.toast(Notice::CaseChanged { number: case.number.clone(), state: case.state });
            Ok(fresh(app, case))
        }
        Msg::CaseRefused(err, fresh_case) => {
            app.overlay = None;
            let notice = match (&err, &fresh_case) {
                (CaseOpError::Case(CaseError::Conflict), Some(c)) => Notice::Conflict { number: c.number.clone() },
                (CaseOpError::Case(e), _) => Notice::CaseRefused(e.clone()),
                (CaseOpError::Storage(e), _) => Notice::Storage(e.clone()),
                (CaseOpError::NotFound, _) => Notice::NotFound,
            };
            app.toast(notice);
            app.dirty = true;
            Ok(fresh_case.map(|c| fresh(app, c)).unwrap_or_default())
        }
        other => Err(other),
    }
}

/// A case as the database has it now: its row replaced, the list and detail read again.
fn fresh(app: &mut App, case: Case) -> Vec<Effect> {
    let id = case.id;
    if let Some(row) = app.cases.list.iter_mut().find(|c| c.id == id) {
        *row = case;
    }
    app.dirty = true;
    vec![app.load_cases(), Effect::LoadCase(id)]
}

/// Intake stored a case: show it at the top of the open cases.
fn intake_saved(app: &mut App, case: Case) -> Vec<Effect> {
    app.intake = None;
    app.overlay = None;
    app.tab = Tab::Cases;
    let c = &mut app.cases;
    c.view = CaseView::Open;
    c.mine = false;
    c.resident = None;
    c.zoomed = false;
    let notice = match case.due {
        Some(due) => Notice::Accepted { number: case.number.clone(), due },
        None => Notice::NoticeIssued { number: case.number.clone() },
    };
    let id = case.id;
    c.list.retain(|x| x.id != id);
    c.list.insert(0, case);
    c.selected = 0;
    c.detail = None;
    app.toast(notice);
    app.dirty = true;
    let mut effects = vec![app.load_cases(), Effect::LoadCase(id)];
    // A case taken in while a number is at my window belongs to that visit.
    if let Some(t) = app.queue.current(&app.session.operator.login) {
        effects.push(Effect::Queue(super::queue::QueueOp::LinkCase(t.id, id)));
    }
    effects
}
