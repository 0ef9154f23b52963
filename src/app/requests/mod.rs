//! The Requests tab (诉求): residents' requests by state and grid, open first and newest first,
//! read page by page; the `/` filter; the highlighted request in full with its timeline; and
//! the loop's steps, each asked first (naming the request and the resident) or typed into a
//! prompt that is its question.

use super::notice::Notice;
use super::overlay::{Ask, Overlay, Prompt, PromptFor};
use super::screen::{Invalid, Offer, Screen};
use super::{App, Effect, Msg, Tab};
use crate::action::Action;
use crate::domain::lang::Lang;
use crate::domain::request::{Provider, Rating, State, Step};
use crate::keymap::Mode;
use crate::model::requests::{Candidate, NewRequest, Request, RequestEvent, RequestFilter, RequestOpError};

mod dispatch;
mod new;

pub(super) use dispatch::on_dispatch_key;
pub(super) use new::submit_form;
pub use new::{Draft, open_new};

/// Rows read at a time; the next page is read when the cursor nears the end.
pub const PAGE: usize = 100;

/// What the worker does for the Requests tab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestOp {
    /// A page of the list: the filter, and the last row of the page before (closed, id).
    Page(RequestFilter, Option<(bool, i64)>),
    /// One request's timeline.
    Events(i64),
    /// Who could take one, best first.
    Candidates(i64),
    /// Dispatch (id, version seen, `grid:LOGIN` / `member:ID` / `partner:NAME` …).
    Dispatch(i64, i64, String),
    /// Accept, start or return (with its reason).
    Step(i64, i64, Step, String),
    /// Done, with a member's half hours.
    Done(i64, i64, Option<u32>),
    /// The resident's rating.
    Rate(i64, Rating),
    /// Call a department in (吹哨): department, working days, reason.
    Escalate(i64, String, u32, String),
    /// Take a new request; from a visit, the ticket's version seen: the visit then ends as
    /// 登记诉求.
    Add(NewRequest, Option<i64>),
    /// Write (and print) the resident's receipt slip in this language.
    Receipt(i64, Lang),
    /// Read the service menu (for the suggestion of a new request).
    Menu,
}

/// What the worker answers for the Requests tab.
#[derive(Debug, Clone)]
pub enum RequestMsg {
    /// A page of the list, for the filter and bound asked.
    Page(RequestFilter, Option<(bool, i64)>, Vec<Request>),
    /// One request's timeline.
    Events(i64, Vec<RequestEvent>),
    /// Candidates for dispatching one.
    Candidates(i64, Vec<Candidate>),
    /// A step was stored: the request as it is now.
    Saved(Box<Request>),
    /// A step was refused.
    Refused(RequestOpError),
    /// The service menu.
    Menu(Vec<crate::domain::request::Service>),
}

/// The list's filter by state: open ones, one state, or everything.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum View {
    /// Everything not yet rated.
    #[default]
    Open,
    /// One state only.
    In(State),
    /// Everything.
    All,
}

impl View {
    /// The next view of the filter key.
    pub fn next(self) -> View {
        use State::*;
        match self {
            View::Open => View::In(Pending),
            View::In(Pending) => View::In(Dispatched),
            View::In(Dispatched) => View::In(Accepted),
            View::In(Accepted) => View::In(InProgress),
            View::In(InProgress) => View::In(Done),
            View::In(Done) => View::In(Supervisor),
            View::In(Supervisor) => View::In(Rated),
            View::In(Rated) => View::All,
            View::All => View::Open,
        }
    }
}

/// State of the Requests tab.
#[derive(Debug, Clone)]
pub struct RequestsState {
    /// The rows read so far.
    pub list: Vec<Request>,
    /// Row under the cursor: the one request the detail and every action name.
    pub selected: usize,
    /// The highlighted request's timeline (its id first).
    pub events: Option<(i64, Vec<RequestEvent>)>,
    /// Candidates for dispatching a request (its id first).
    pub candidates: Option<(i64, Vec<Candidate>)>,
    /// The dispatch key was pressed for this request; its picker opens when the candidates come.
    pub dispatching: Option<i64>,
    /// State filter.
    pub view: View,
    /// The `/` filter's text.
    pub query: super::input::Input,
    /// The filter field has focus.
    pub typing: bool,
    /// The text the list was read for.
    pub searched: String,
    /// Read at least once.
    pub loaded: bool,
    /// The last page read was full: there may be more.
    pub more: bool,
    /// A next page was asked for and has not come.
    pub awaiting: bool,
    /// Lines the detail pane is scrolled by.
    pub detail_scroll: u16,
    /// The service menu, for suggestions.
    pub menu: Vec<crate::domain::request::Service>,
    /// The new request being taken.
    pub draft: Option<Draft>,
}

impl Default for RequestsState {
    fn default() -> Self {
        RequestsState {
            list: Vec::new(),
            selected: 0,
            events: None,
            candidates: None,
            dispatching: None,
            view: View::Open,
            query: super::input::Input::new(40),
            typing: false,
            searched: String::new(),
            loaded: false,
            more: false,
            awaiting: false,
            detail_scroll: 0,
            menu: Vec::new(),
            draft: None,
        }
    }
}

impl RequestsState {
    /// The highlighted request.
    pub fn selected_request(&self) -> Option<&Request> {
        self.list.get(self.selected)
    }

    /// The list's filter as it stands.
    pub fn filter(&self) -> RequestFilter {
        let (state, open) = match self.view {
            View::Open => (None, true),
            View::In(s) => (Some(s), false),
            View::All => (None, false),
        };
        RequestFilter { state, grid: None, open, text: self.searched.clone(), limit: PAGE }
    }

    /// The highlighted request's timeline, if it has come.
    pub fn events_of_selected(&self) -> &[RequestEvent] {
        match (&self.events, self.selected_request()) {
            (Some((id, e)), Some(r)) if *id == r.id => e,
            _ => &[],
        }
    }

    /// Candidates for the highlighted request, if they have come.
    pub fn candidates_of_selected(&self) -> &[Candidate] {
        match (&self.candidates, self.selected_request()) {
            (Some((id, c)), Some(r)) if *id == r.id => c,
            _ => &[],
        }
    }
}

/// The effect that reads the list again from its first page.
pub fn reload(app: &App) -> Effect {
    Effect::Requests(RequestOp::Page(app.requests.filter(), None))
}

/// How `app` reaches the Requests tab.
pub const SCREEN: Screen = Screen {
    tab: Tab::Requests,
    goto: Action::GotoRequests,
    needs: Some(crate::domain::operator::Permission::Requests),
    section: |_| crate::keymap::Section::Requests,
    offers,
    act,
    answer,
    submit,
    mode: |app| if app.requests.typing { Mode::Insert } else { Mode::Normal },
    text: |app, text| {
        let r = &mut app.requests;
        r.typing = true;
        Some((r.query.insert(text), r.query.max()))
    },
    edit: |app, chord| {
        app.requests.query.edit(chord);
    },
    typed: |_| false,
    searched,
};

/// The filter text changed: the list is read again from its first page, by the worker.
fn searched(app: &mut App) -> Vec<Effect> {
    let q = app.requests.query.text().trim().to_string();
    if q == app.requests.searched {
        return vec![];
    }
    app.requests.searched = q;
    vec![reload(app)]
}

/// The request and resident an action names: "SQ20261130003 张桂英" (number alone when the
/// resident is anonymous or kept from this reader).
fn named(r: &Request) -> String {
    match &r.resident_name {
        Some(n) => format!("{} {n}", r.number),
        None => r.number.clone(),
    }
}

/// Why the highlighted request cannot take `step` now, if it cannot.
fn refuses(app: &App, step: Step) -> Option<Notice> {
    let Some(r) = app.requests.selected_request() else { return Some(Notice::NothingSelected) };
    crate::domain::request::next(r.state, step, r.reopened).err().map(|e| Notice::Request(RequestOpError::Step(e)))
}

/// Why this operator may not record the taker's `step` on the highlighted request: the step
/// does not follow, or the request is not theirs to record (storage refuses it the same way).
fn refuses_taker(app: &App, step: Step) -> Option<Notice> {
    refuses(app, step).or_else(|| {
        let op = &app.session.operator;
        let t = app.requests.selected_request()?.taker.as_ref()?;
        t.refuses(&op.login, op.role).map(Notice::Request)
    })
}

fn offers(app: &App) -> Vec<Offer> {
    let role = app.session.operator.role;
    let dispatcher = role.may(crate::domain::operator::Permission::Dispatch);
    let sel = app.requests.selected_request();
    let none = sel.is_none().then_some(Notice::NothingSelected);
    let ask = sel.map(|r| Ask::Of(named(r))).unwrap_or(Ask::Plain);
    let member_taker = sel.and_then(|r| r.taker.as_ref()).is_some_and(|t| t.kind == Provider::Member);
    let done = Offer::when(Action::RequestDone, refuses_taker(app, Step::Done));
    let mut o = vec![
        if dispatcher {
            Offer::when(Action::RequestDispatch, refuses(app, Step::Dispatch))
        } else {
            Offer::denied(Action::RequestDispatch)
        },
        Offer::when(Action::RequestAccept, refuses_taker(app, Step::Accept)).asking(ask.clone()),
        Offer::when(Action::RequestStart, refuses_taker(app, Step::Start)).asking(ask.clone()),
        // A member's hours are typed into a prompt, which is its question.
        if member_taker { done } else { done.asking(ask) },
        Offer::when(Action::RequestRate, refuses(app, Step::Rate(Rating::Satisfied))),
        Offer::when(Action::RequestReturn, refuses_taker(app, Step::Return)),
        if dispatcher {
            Offer::when(Action::RequestEscalate, refuses(app, Step::Escalate))
        } else {
            Offer::denied(Action::RequestEscalate)
        },
        Offer::when(Action::PrintReceipt, none),
        Offer::yes(Action::NewRequest),
        Offer::yes(Action::FocusSearch),
        Offer::yes(Action::CycleFilter),
        Offer::yes(Action::DetailUp),
        Offer::yes(Action::DetailDown),
        Offer::yes(Action::Back),
    ];
    if app.requests.typing {
        o.push(Offer::yes(Action::Confirm));
    }
    super::screen::movement(&mut o, true);
    o
}

/// Moves the cursor; reads the new request's timeline, and the next page near the end.
fn move_by(app: &mut App, delta: isize) -> Vec<Effect> {
    let r = &mut app.requests;
    if r.list.is_empty() {
        return vec![];
    }
    let before = r.selected;
    r.selected = (r.selected as isize).saturating_add(delta).clamp(0, r.list.len() as isize - 1) as usize;
    let mut e = Vec::new();
    if r.selected != before {
        r.detail_scroll = 0;
        if let Some(x) = r.selected_request() {
            e.push(Effect::Requests(RequestOp::Events(x.id)));
        }
    }
    if r.more && !r.awaiting && r.selected + 10 >= r.list.len() {
        r.awaiting = true;
        let last = r.list.last().map(|x| (x.state == State::Rated, x.id));
        e.push(Effect::Requests(RequestOp::Page(r.filter(), last)));
    }
    e
}

fn act(app: &mut App, action: Action) -> Vec<Effect> {
    let page = app.page();
    match action {
        Action::Up => return move_by(app, -1),
        Action::Down => return move_by(app, 1),
        Action::PageUp => return move_by(app, -page),
        Action::PageDown => return move_by(app, page),
        Action::First => return move_by(app, isize::MIN / 2),
        Action::Last => return move_by(app, isize::MAX / 2),
        Action::FocusSearch => app.requests.typing = true,
        Action::Confirm => app.requests.typing = false,
        Action::Back => {
            let r = &mut app.requests;
            if r.typing || !r.query.text().is_empty() {
                r.typing = false;
                r.query.clear();
                return searched(app);
            }
        }
        Action::CycleFilter => {
            app.requests.view = app.requests.view.next();
            app.requests.selected = 0;
            return vec![reload(app)];
        }
        Action::NewRequest => return open_new(app, None, None),
        Action::DetailUp => app.requests.detail_scroll = app.requests.detail_scroll.saturating_sub(1),
        Action::DetailDown => app.requests.detail_scroll = app.requests.detail_scroll.saturating_add(1).min(200),
        _ => return change(app, action),
    }
    vec![]
}

/// The actions on the highlighted request (offers made sure there is one and the step fits).
fn change(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(r) = app.requests.selected_request() else { return vec![] };
    let (id, version, label) = (r.id, r.version, named(r));
    let prompt = |app: &mut App, purpose: PromptFor, max: usize| {
        app.overlay = Some(Overlay::Prompt(Prompt::new(purpose, id, version, label.clone(), max)));
        vec![]
    };
    match action {
        Action::RequestAccept => vec![Effect::Requests(RequestOp::Step(id, version, Step::Accept, String::new()))],
        Action::RequestStart => vec![Effect::Requests(RequestOp::Step(id, version, Step::Start, String::new()))],
        Action::RequestDone if r.taker.as_ref().is_some_and(|t| t.kind == Provider::Member) => {
            prompt(app, PromptFor::RequestDone, 6)
        }
        Action::RequestDone => vec![Effect::Requests(RequestOp::Done(id, version, None))],
        Action::RequestReturn => prompt(app, PromptFor::RequestReturn, 200),
        Action::RequestRate => prompt(app, PromptFor::RequestRate, 1),
        Action::RequestEscalate => prompt(app, PromptFor::RequestEscalate, 200),
        Action::RequestDispatch => {
            if app.requests.candidates.as_ref().is_some_and(|(c, _)| *c == id) {
                dispatch::open(app);
                return vec![];
            }
            app.requests.dispatching = Some(id);
            vec![Effect::Requests(RequestOp::Candidates(id))]
        }
        Action::PrintReceipt => vec![Effect::Requests(RequestOp::Receipt(id, app.lang))],
        _ => vec![],
    }
}

/// "1.5" hours (half hours, up to 24 h); empty: none recorded.
fn half_hours(text: &str) -> Result<Option<u32>, Invalid> {
    if text.is_empty() {
        return Ok(None);
    }
    let h: f64 = text.parse().map_err(|_| Invalid)?;
    let half = (h * 2.0).round();
    if !(1.0..=48.0).contains(&half) || (h * 2.0 - half).abs() > 1e-9 {
        return Err(Invalid);
    }
    Ok(Some(half as u32))
}

/// "区住建局 3 楼体开裂需鉴定": the department, working days (1–60), the reason.
fn escalation(text: &str) -> Option<(String, u32, String)> {
    let mut parts = text.split_whitespace();
    let dept = parts.next()?.to_string();
    let days: u32 = parts.next()?.parse().ok().filter(|d| (1..=60).contains(d))?;
    let reason = parts.collect::<Vec<_>>().join(" ");
    (!reason.is_empty()).then_some((dept, days, reason))
}

fn submit(app: &mut App, purpose: PromptFor, text: &str) -> Result<Vec<Effect>, Invalid> {
    let Some(Overlay::Prompt(p)) = &app.overlay else { return Err(Invalid) };
    let (id, version) = (p.id, p.version);
    let text = text.trim();
    let op = match purpose {
        PromptFor::RequestDone => RequestOp::Done(id, version, half_hours(text)?),
        PromptFor::RequestReturn if !text.is_empty() => RequestOp::Step(id, version, Step::Return, text.into()),
        PromptFor::RequestRate => match text {
            "1" => RequestOp::Rate(id, Rating::Satisfied),
            "2" => RequestOp::Rate(id, Rating::Fair),
            "3" => RequestOp::Rate(id, Rating::Unsatisfied),
            _ => return Err(Invalid),
        },
        PromptFor::RequestEscalate => {
            let (dept, days, reason) = escalation(text).ok_or(Invalid)?;
            RequestOp::Escalate(id, dept, days, reason)
        }
        PromptFor::RequestFor => {
            // The resident highlighted (and named in the confirmation) is the one it is from;
            // with no name typed, nobody: an anonymous complaint.
            let k = p.pick.as_ref().filter(|k| k.confirming).ok_or(Invalid)?;
            let ticket = (p.id != 0).then_some((p.id, p.version));
            if k.picks_nobody(p.input.text()) {
                new::open_form(app, None, ticket);
                return Ok(vec![]);
            }
            let resident = app.residents.resident(k.found.hit().ok_or(Invalid)?);
            new::open_form(app, Some(&resident), ticket);
            return Ok(vec![]);
        }
        _ => return Err(Invalid),
    };
    Ok(vec![Effect::Requests(op)])
}

fn answer(app: &mut App, msg: Msg) -> Result<Vec<Effect>, Msg> {
    let Msg::Requests(m) = msg else { return Err(msg) };
    let r = &mut app.requests;
    match m {
        RequestMsg::Page(filter, after, rows) => {
            // A page for a filter no longer shown, or one that no longer follows, is dropped.
            if filter != r.filter() {
                return Ok(vec![]);
            }
            let full = rows.len() >= filter.limit;
            match after {
                None => {
                    let keep = r.selected_request().map(|x| x.id);
                    if r.list != rows || !r.loaded {
                        app.dirty = true;
                    }
                    r.list = rows;
                    r.loaded = true;
                    r.awaiting = false;
                    r.selected = keep
                        .and_then(|id| r.list.iter().position(|x| x.id == id))
                        .unwrap_or(r.selected.min(r.list.len().saturating_sub(1)));
                }
                Some(bound) => {
                    if !r.awaiting || r.list.last().map(|x| (x.state == State::Rated, x.id)) != Some(bound) {
                        return Ok(vec![]);
                    }
                    r.awaiting = false;
                    r.list.extend(rows);
                    app.dirty = true;
                }
            }
            r.more = full;
            app.db_ok();
            Ok(app.requests.selected_request().map(|x| Effect::Requests(RequestOp::Events(x.id))).into_iter().collect())
        }
        RequestMsg::Events(id, events) => {
            if r.events.as_ref().is_none_or(|(i, e)| *i != id || *e != events) {
                r.events = Some((id, events));
                app.dirty = true;
            }
            Ok(vec![])
        }
        RequestMsg::Candidates(id, c) => {
            r.candidates = Some((id, c));
            app.dirty = true;
            let still = r.selected_request().is_some_and(|x| x.id == id);
            if r.dispatching.take() == Some(id) && still && app.overlay.is_none() {
                dispatch::open(app);
            }
            Ok(vec![])
        }
        RequestMsg::Menu(menu) => {
            r.menu = menu;
            Ok(vec![])
        }
        RequestMsg::Saved(x) => {
            let x = *x;
            app.overlay = None;
            app.requests.draft = None;
            app.toast(Notice::RequestChanged(x.number.clone(), x.state));
            let id = x.id;
            if let Some(row) = app.requests.list.iter_mut().find(|y| y.id == id) {
                *row = x;
            } else {
                // A new request: at the top of the open ones, highlighted.
                app.requests.list.insert(0, x);
                app.requests.selected = 0;
            }
            app.requests.candidates = None;
            app.dirty = true;
            Ok(vec![reload(app), Effect::Requests(RequestOp::Events(id))])
        }
        RequestMsg::Refused(e) => {
            // A refused new request keeps its form, typed text and all, to be put right.
            match &mut app.overlay {
                // A bad photo path: its row is marked, the rest as typed.
                Some(Overlay::Form(f)) if f.kind == super::form::FormKind::Request => {
                    if matches!(e, RequestOpError::Photo { .. }) {
                        f.refuse(vec![new::PHOTOS], vec![]);
                    }
                }
                _ => app.overlay = None,
            }
            app.requests.dispatching = None;
            app.toast(Notice::Request(e));
            app.dirty = true;
            Ok(vec![reload(app)])
        }
    }
}
