//! The Queue screen's state: today's queue as this clerk's window sees it.

use crate::domain::queue::{
    CallReason, Outcome, Ticket, TicketState, Why, Window, call_order, current_at, why_in_line,
};
use crate::model::QueueView;

/// A queue operation the clerk asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueueOp {
    /// Sign in at this window.
    SignIn(u16),
    /// Sign out.
    SignOut,
    /// Pause with a reason, or resume (None).
    Pause(Option<String>),
    /// Call the next ticket.
    CallNext,
    /// Call this waiting ticket (out of turn: with the reason the clerk picked).
    Call(i64, i64, Option<CallReason>),
    /// Call again.
    Recall(i64, i64),
    /// The resident is at the window.
    Serve(i64, i64),
    /// Stepped away.
    Park(i64, i64),
    /// Call a parked ticket back.
    CallBack(i64, i64),
    /// Did not come.
    NoShow(i64, i64),
    /// Back in line behind the next two.
    Reinstate(i64, i64),
    /// To another category (code, letter, name or item).
    Transfer(i64, i64, String),
    /// Finished with an outcome.
    Finish(i64, i64, Outcome),
    /// Issue a number (front desk), green with a reason.
    Take(String, Option<String>),
    /// Link the case accepted during the visit.
    LinkCase(i64, i64),
}

/// State of the Queue screen.
#[derive(Debug, Clone, Default)]
pub struct QueueState {
    /// Today's queue.
    pub view: QueueView,
    /// Row under the cursor in the list of others (waiting, parked, no-shows).
    pub selected: usize,
    /// Loaded at least once.
    pub loaded: bool,
}

impl QueueState {
    /// The window `login` is signed in at.
    pub fn my_window(&self, login: &str) -> Option<&Window> {
        self.view.windows.iter().find(|w| w.operator.as_deref() == Some(login))
    }

    /// The ticket at my window now.
    pub fn current(&self, login: &str) -> Option<&Ticket> {
        let w = self.my_window(login)?;
        current_at(&self.view.tickets, w)
    }

    /// The list under the current ticket: those my window can call (in call order, with
    /// why), then my parked tickets and today's no-shows of my window's categories (to call
    /// back or reinstate).
    pub fn rows(&self, login: &str) -> Vec<(&Ticket, Option<Why>)> {
        let w = self.my_window(login);
        let mut rows: Vec<(&Ticket, Option<Why>)> = call_order(&self.view.tickets, w)
            .into_iter()
            .enumerate()
            .map(|(i, t)| (t, Some(why_in_line(t, i == 0))))
            .collect();
        for t in &self.view.tickets {
            let mine = w.is_some_and(|w| t.window == Some(w.number));
            // A no-show is another window's business unless this one could call it back in.
            let ours = match w {
                None => true,
                Some(w) => mine || t.for_window == Some(w.number) || w.categories.contains(&t.category),
            };
            if (t.state == TicketState::Parked && mine) || (t.state == TicketState::NoShow && ours) {
                rows.push((t, None));
            }
        }
        rows
    }

    /// The number open (called or being served) at `login`'s window, if any: what signing
    /// out, pausing or quitting would send back in line.
    pub fn open_number(&self, login: &str) -> Option<&str> {
        self.current(login).map(|t| t.number.as_str())
    }

    /// The ticket under the cursor.
    pub fn selected_ticket(&self, login: &str) -> Option<&Ticket> {
        self.rows(login).get(self.selected).map(|r| r.0)
    }
}

use super::notice::Notice;
use super::overlay::Ask;
use super::overlay::{Overlay, Prompt, PromptFor};
use super::screen::{Invalid, Offer, Screen};
use super::{App, Effect, Msg, Tab};
use crate::action::Action;
use crate::model::QueueError;

/// How `app` reaches the Queue screen.
pub const SCREEN: Screen = Screen {
    tab: Tab::Queue,
    goto: Action::GotoQueue,
    needs: Some(crate::domain::operator::Permission::Cases),
    section: |_| crate::keymap::Section::Queue,
    offers,
    act,
    answer,
    submit,
    ..super::screen::PLAIN
};

/// Why the row under the cursor does not take `action` (Enter, call back, reinstate).
fn refuses_row(app: &App, action: Action) -> Option<Notice> {
    let login = &app.session.operator.login;
    let Some(t) = app.queue.selected_ticket(login) else { return Some(Notice::NoTicket) };
    let fits = match t.state {
        TicketState::Waiting => action == Action::Confirm,
        TicketState::Parked => action != Action::Reinstate,
        TicketState::NoShow => action != Action::CallBack,
        _ => false,
    };
    (!fits).then_some(Notice::Queue(QueueError::WrongState(t.state)))
}

/// Enter on a waiting row that is not the next in line asks before calling it out of turn;
/// on a no-show, before putting it back in line.
fn out_of_turn(app: &App, offer: Offer) -> Offer {
    let login = &app.session.operator.login;
    let rows = app.queue.rows(login);
    let Some((t, _)) = rows.get(app.queue.selected) else { return offer };
    match t.state {
        TicketState::Waiting if app.queue.selected > 0 => offer.asking(Ask::OutOfTurn(t.number.clone())),
        TicketState::NoShow => offer.asking(Ask::Plain),
        _ => offer,
    }
}

/// Whether Enter on the row under the cursor would call a number to the window.
fn calls(app: &App) -> Option<()> {
    let t = app.queue.selected_ticket(&app.session.operator.login)?;
    matches!(t.state, TicketState::Waiting | TicketState::Parked).then_some(())
}

fn offers(app: &App) -> Vec<Offer> {
    let login = &app.session.operator.login;
    let signed_in = app.queue.my_window(login).is_some();
    let no_ticket = app.queue.current(login).is_none().then_some(Notice::NoTicket);
    let sign = (!signed_in && app.session.operator.window.is_none()).then_some(Notice::NoWindow);
    let pause = (!signed_in).then_some(Notice::Queue(QueueError::NotSignedIn));
    // One open number per window: calling another first needs this one settled.
    let busy = app
        .queue
        .current(login)
        .zip(app.queue.my_window(login))
        .map(|(t, w)| Notice::Queue(QueueError::WindowBusy { window: w.number, number: t.number.clone() }));
    let mut o = vec![Offer::when(Action::CallNext, busy.clone())];
    let current = app.queue.current(login);
    for a in [Action::Recall, Action::Serve, Action::FinishVisit, Action::Park, Action::NoShow] {
        // Recalling, "arrived" and no-show are for a number called and not yet at the window.
        let wrong = current
            .filter(|t| matches!(a, Action::Recall | Action::Serve | Action::NoShow) && t.state != TicketState::Called)
            .map(|t| Notice::Queue(QueueError::WrongState(t.state)));
        let offer = Offer::when(a, no_ticket.clone().or(wrong));
        // What makes a resident lose their turn asks first.
        let offer = match (a, current) {
            (Action::Recall, Some(t)) if t.recalls >= crate::domain::queue::MAX_RECALLS => {
                offer.asking(Ask::LastRecall(t.number.clone()))
            }
            (Action::NoShow, Some(_)) => offer.asking(Ask::Plain),
            _ => offer,
        };
        o.push(offer);
    }
    o.extend([
        Offer::yes(Action::TakeNumber),
        // Signing out with a number open sends it back in line: ask, naming it.
        asks_open(app, Offer::when(Action::SignInOut, sign).on(signed_in)),
        out_of_turn(
            app,
            Offer::when(Action::Confirm, refuses_row(app, Action::Confirm).or_else(|| calls(app).and(busy.clone()))),
        ),
        Offer::when(Action::CallBack, refuses_row(app, Action::CallBack).or(busy)),
        Offer::when(Action::Reinstate, refuses_row(app, Action::Reinstate)),
        Offer::when(Action::TransferTicket, no_ticket),
        Offer::yes(Action::TakeGreen),
        {
            // Pausing with a number open does what signing out does, and asks the same way.
            let paused = app.queue.my_window(login).is_some_and(|w| w.paused.is_some());
            let o = Offer::when(Action::PauseWindow, pause).on(paused);
            if paused { o } else { asks_open(app, o) }
        },
    ]);
    super::screen::movement(&mut o, false);
    o
}

/// `offer` asks first, naming the number, when one is open at the clerk's window: closing the
/// desk (sign-out, pause, quit) sends it back in line.
fn asks_open(app: &App, offer: Offer) -> Offer {
    match app.queue.open_number(&app.session.operator.login) {
        Some(n) => offer.asking(Ask::OpenNumber(n.to_string())),
        None => offer,
    }
}

/// What quitting asks: the number it would send back in line, if one is open here.
pub(super) fn quit_ask(app: &App) -> Ask {
    app.queue.open_number(&app.session.operator.login).map(|n| Ask::OpenNumber(n.to_string())).unwrap_or(Ask::Plain)
}

/// What quitting does first at the window: signs out as `w` does, so a number left open goes
/// back in line and the board stops showing it.
pub(super) fn on_quit(app: &App) -> Vec<Effect> {
    let login = &app.session.operator.login;
    match app.queue.my_window(login) {
        Some(_) if app.queue.open_number(login).is_some() => vec![Effect::Queue(QueueOp::SignOut)],
        _ => vec![],
    }
}

/// A key in the out-of-turn question: 1–4 picks why and calls the number; `n` or Esc goes
/// back. Yes alone does not call: the reason is what gets recorded.
pub(super) fn on_out_of_turn_key(
    app: &mut App,
    number: &str,
    chord: crate::keymap::KeyChord,
    action: Option<Action>,
) -> Vec<Effect> {
    if action == Some(Action::Back) || matches!(chord.text_char(), Some('n' | 'N')) {
        app.overlay = None;
    } else if let Some(d) = chord.text_char().and_then(|c| c.to_digit(10))
        && let Some(r) = CallReason::ALL.get((d as usize).wrapping_sub(1))
    {
        app.overlay = None;
        if let Some(t) = app.queue.view.tickets.iter().find(|t| t.number == number) {
            return vec![Effect::Queue(QueueOp::Call(t.id, t.version, Some(*r)))];
        }
    }
    vec![]
}

fn open_prompt(app: &mut App, purpose: PromptFor, id: i64, version: i64, number: String) {
    app.overlay = Some(Overlay::Prompt(Prompt::new(purpose, id, version, number, 60)));
}

fn act(app: &mut App, action: Action) -> Vec<Effect> {
    let login = app.session.operator.login.clone();
    // What the visit handled decides its outcome: a case (accepted or only noticed), or slips.
    let current = app.queue.current(&login).map(|t| {
        let handled = match (t.case_id.is_some() || !t.cases.is_empty(), t.slips.is_empty()) {
            (true, _) => Some(Outcome::CaseAccepted),
            (false, false) => Some(Outcome::Consultation),
            (false, true) => None,
        };
        (t.id, t.version, t.number.clone(), handled)
    });
    let selected = app.queue.selected_ticket(&login).map(|t| (t.id, t.version, t.state));
    let on_current =
        |op: fn(i64, i64) -> QueueOp| current.as_ref().map(|c| Effect::Queue(op(c.0, c.1))).into_iter().collect();
    match action {
        Action::Up => app.queue.selected = app.queue.selected.saturating_sub(1),
        Action::Down => {
            let n = app.queue.rows(&login).len();
            app.queue.selected = (app.queue.selected + 1).min(n.saturating_sub(1));
        }
        Action::First => app.queue.selected = 0,
        Action::Last => app.queue.selected = app.queue.rows(&login).len().saturating_sub(1),
        Action::CallNext => return vec![Effect::Queue(QueueOp::CallNext)],
        Action::Recall => return on_current(QueueOp::Recall),
        Action::Serve => return on_current(QueueOp::Serve),
        Action::Park => return on_current(QueueOp::Park),
        Action::NoShow => return on_current(QueueOp::NoShow),
        Action::FinishVisit => match current {
            // Cases or slips of the visit are its outcome (storage tells 受理办件 from 一次性告知).
            Some((id, v, _, Some(o))) => return vec![Effect::Queue(QueueOp::Finish(id, v, o))],
            Some((id, version, number, None)) => app.overlay = Some(Overlay::Outcome { id, version, number }),
            None => {}
        },
        Action::TransferTicket => {
            if let Some((id, v, number, _)) = current {
                open_prompt(app, PromptFor::Transfer, id, v, number);
            }
        }
        Action::Confirm | Action::CallBack | Action::Reinstate => match selected {
            Some((id, v, TicketState::Waiting)) => return vec![Effect::Queue(QueueOp::Call(id, v, None))],
            Some((id, v, TicketState::Parked)) => return vec![Effect::Queue(QueueOp::CallBack(id, v))],
            Some((id, v, TicketState::NoShow)) => return vec![Effect::Queue(QueueOp::Reinstate(id, v))],
            _ => {}
        },
        Action::TakeNumber => open_prompt(app, PromptFor::Take, 0, 0, String::new()),
        Action::TakeGreen => open_prompt(app, PromptFor::TakeGreen, 0, 0, String::new()),
        Action::SignInOut => match (app.queue.my_window(&login), app.session.operator.window) {
            (Some(_), _) => return vec![Effect::Queue(QueueOp::SignOut)],
            (None, Some(n)) => return vec![Effect::Queue(QueueOp::SignIn(n))],
            (None, None) => {}
        },
        Action::PauseWindow => match app.queue.my_window(&login) {
            Some(w) if w.paused.is_some() => return vec![Effect::Queue(QueueOp::Pause(None))],
            Some(_) => open_prompt(app, PromptFor::Pause, 0, 0, String::new()),
            None => {}
        },
        _ => {}
    }
    vec![]
}

fn submit(app: &mut App, purpose: PromptFor, text: &str) -> Result<Vec<Effect>, Invalid> {
    let Some(Overlay::Prompt(p)) = &app.overlay else { return Err(Invalid) };
    if text.is_empty() {
        return Err(Invalid);
    }
    let op = match purpose {
        PromptFor::Transfer => QueueOp::Transfer(p.id, p.version, text.to_string()),
        PromptFor::Take => QueueOp::Take(text.to_string(), None),
        PromptFor::Pause => QueueOp::Pause(Some(text.to_string())),
        PromptFor::TakeGreen => {
            // "SB 80岁": the category, then the reason.
            let mut parts = text.splitn(2, char::is_whitespace);
            let what = parts.next().unwrap_or("").to_string();
            match parts.next().map(str::trim).filter(|r| !r.is_empty()) {
                Some(reason) => QueueOp::Take(what, Some(reason.to_string())),
                None => return Err(Invalid),
            }
        }
        _ => return Err(Invalid),
    };
    Ok(vec![Effect::Queue(op)])
}

/// The finish menu's key for 登记诉求, after the outcomes a visit is finished with directly.
pub const REQUEST_KEY: u32 = Outcome::ALL.len() as u32 + 1;

/// Whether this operator may take a resident's request from a visit.
pub fn may_take_request(app: &App) -> bool {
    app.session.operator.role.may(crate::domain::operator::Permission::Requests)
}

/// A key in the outcome menu: 1–5 picks how the visit ended; Esc goes back.
pub(super) fn on_outcome_key(app: &mut App, chord: crate::keymap::KeyChord, action: Option<Action>) -> Vec<Effect> {
    let Some(Overlay::Outcome { id, version, .. }) = &app.overlay else { return vec![] };
    let (id, version) = (*id, *version);
    let digit = chord.text_char().and_then(|c| c.to_digit(10));
    if action == Some(Action::Back) {
        app.overlay = None;
    } else if digit == Some(REQUEST_KEY) && may_take_request(app) {
        // 登记诉求: the request form with the visit's resident; storing it ends the visit.
        app.overlay = None;
        let login = app.session.operator.login.clone();
        let resident = app.queue.current(&login).filter(|t| t.id == id).and_then(|t| t.resident_id);
        return super::requests::open_new(app, Some((id, version)), resident);
    } else if let Some(d) = digit
        && let Some(o) = Outcome::ALL.get((d as usize).wrapping_sub(1))
    {
        app.overlay = None;
        // "Case accepted" or "one-time notice" with no case yet: take it in now (a notice
        // lists what is missing from the checklist); it links to this number, and finishing
        // afterwards records the outcome the case decides.
        if matches!(o, Outcome::CaseAccepted | Outcome::Notice) && app.may_handle_cases() {
            app.tab = Tab::Catalog;
            app.catalog.focus = super::catalog::Focus::Search;
            app.catalog.zoomed = false;
            app.toast(Notice::StartIntake);
            return vec![];
        }
        return vec![Effect::Queue(QueueOp::Finish(id, version, *o))];
    }
    vec![]
}

fn answer(app: &mut App, msg: Msg) -> Result<Vec<Effect>, Msg> {
    match msg {
        Msg::QueueLoaded(view) => {
            if app.queue.view != view || !app.queue.loaded {
                app.queue.view = view;
                app.queue.loaded = true;
                let n = app.queue.rows(&app.session.operator.login).len();
                app.queue.selected = app.queue.selected.min(n.saturating_sub(1));
                app.dirty = true;
            }
            Ok(vec![])
        }
        Msg::QueueDone(notice) => {
            app.toast(notice);
            app.dirty = true;
            Ok(vec![])
        }
        Msg::QueueRefused(e) => {
            app.overlay = None;
            app.toast(Notice::Queue(e));
            app.dirty = true;
            Ok(vec![Effect::LoadQueue])
        }
        other => Err(other),
    }
}
