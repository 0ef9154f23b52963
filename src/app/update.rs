//! Routing: a message goes to the dialog on top or to the screen that owns it; a key becomes
//! an action, which is carried out only when this screen offers it to this role now.

use super::notice::Notice;
use super::overlay::Overlay;
use super::registry::{SCREENS, screen};
use super::screen::{Offer, Ready};
use super::{App, DbStatus, Effect, Msg, Tab};
use crate::action::Action;
use crate::domain::operator::Permission;
use crate::keymap::{KeyChord, Mode};
use chrono::NaiveDateTime;

/// Applies one message; returns what the runtime must do.
pub(super) fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    let mut effects = route(app, msg);
    effects.extend(super::ranking::follow(app));
    effects.extend(super::members::follow(app));
    remask(app);
    effects
}

/// Masks a revealed ID and phone again once the record shown is another, or a minute passed:
/// whoever steps up to the counter next never sees the previous resident's numbers.
fn remask(app: &mut App) {
    let resident = match app.tab {
        Tab::Residents => app.residents.selected_resident().map(|r| r.id),
        Tab::Cases => app.cases.selected_case().map(|c| c.resident_id),
        _ => None,
    };
    let member = match app.tab {
        Tab::Members => app.members.selected_member().map(|m| m.member.id),
        _ => None,
    };
    let case = match app.tab {
        Tab::Mediation => app.mediation.selected_case().map(|c| c.id),
        _ => None,
    };
    let now = app.now;
    if app.residents.revealed.keep_only(resident, now)
        | app.members.revealed.keep_only(member, now)
        | app.mediation.revealed.keep_only(case, now)
    {
        app.dirty = true;
    }
}

/// Sends a message to the dialog or screen that owns it.
fn route(app: &mut App, msg: Msg) -> Vec<Effect> {
    let mut msg = match common(app, msg) {
        Ok(effects) => return effects,
        Err(msg) => msg,
    };
    for s in SCREENS {
        match (s.answer)(app, msg) {
            Ok(effects) => return effects,
            Err(m) => msg = m,
        }
    }
    // Every message has an owner; one that reaches here was sent to a screen that forgot it.
    debug_assert!(false, "no screen answers {msg:?}");
    vec![]
}

/// The messages about the whole session rather than one screen.
fn common(app: &mut App, msg: Msg) -> Result<Vec<Effect>, Msg> {
    let effects = match msg {
        Msg::Key(chord) => {
            app.dirty = true;
            on_key(app, chord)
        }
        Msg::Paste(text) => {
            app.dirty = true;
            on_text(app, &text);
            searched(app)
        }
        Msg::Resize(w, h) => {
            app.size = (w, h);
            app.dirty = true;
            vec![]
        }
        Msg::Tick(now) => on_tick(app, now),
        Msg::CalendarLoaded(cal, closing) => {
            // Reloaded on every commit anywhere: redraw only when it changed.
            app.dirty |= app.calendar != cal || app.closing != closing;
            app.calendar = cal;
            app.closing = closing;
            vec![]
        }
        Msg::HorizonsLoaded(h) => {
            app.dirty |= app.horizons != h;
            app.horizons = h;
            vec![]
        }
        Msg::DataChanged => refresh(app),
        Msg::Undoable => {
            super::undo::recorded(app);
            vec![]
        }
        Msg::Undone(r) => {
            super::undo::answered(app, r);
            refresh(app)
        }
        Msg::WorkerStopped => {
            app.worker_stopped();
            vec![]
        }
        Msg::Ranked(r) => {
            super::ranking::take(app, *r);
            vec![]
        }
        other => return settled(app, other),
    };
    Ok(effects)
}

/// Results that only need telling: files written, refusals, failures.
fn settled(app: &mut App, msg: Msg) -> Result<Vec<Effect>, Msg> {
    let notice = match msg {
        Msg::ReceiptDone { path, printed } => Notice::ReceiptSaved { path, printed },
        Msg::ReceiptFailed(why) => {
            app.report_since = None;
            Notice::ReceiptFailed(why)
        }
        Msg::PrintFailed(why) => {
            app.report_since = None;
            Notice::PrintFailed(why)
        }
        Msg::Denied => {
            app.overlay = None;
            Notice::Denied
        }
        Msg::DbFailed(e) => {
            // A stopped worker stays stopped whatever else still arrives.
            if app.db != DbStatus::Stopped {
                app.db = DbStatus::Error(e.clone());
            }
            Notice::Storage(e)
        }
        other => return Err(other),
    };
    app.toast(notice);
    app.dirty = true;
    Ok(vec![])
}

/// Everything shown may have changed: read it again (unchanged data redraws nothing).
fn refresh(app: &App) -> Vec<Effect> {
    let role = app.session.operator.role;
    // The calendar too: an imported notice must reach every running session within a second.
    let mut e = vec![Effect::LoadCatalog, Effect::LoadCalendar, super::rooms::load(app)];
    if role.may(Permission::Members) {
        e.extend(super::members::reload(app));
    }
    if role.may(Permission::Supervise) {
        e.push(Effect::LoadDashboard);
        if app.audit.on {
            e.push(super::audit::reload(app));
        }
        if app.audit.operators_on {
            e.push(Effect::LoadOperators);
        }
    }
    if role.may(Permission::Mediation) {
        e.push(Effect::LoadMediation);
    }
    if role.may(Permission::Requests) {
        e.push(super::requests::reload(app));
        if let Some(r) = app.requests.selected_request() {
            e.push(Effect::Requests(super::requests::RequestOp::Events(r.id)));
        }
    }
    if app.may_handle_cases() {
        e.push(app.load_cases());
        e.push(app.residents.load());
        if let Some(c) = app.cases.selected_case() {
            e.push(Effect::LoadCase(c.id));
        }
        e.push(Effect::LoadQueue);
        if let (Some(day), Some(cat)) = (app.appointments.day, &app.appointments.category) {
            e.push(Effect::LoadAppointments(day, cat.clone()));
        }
    }
    e
}

fn on_tick(app: &mut App, now: NaiveDateTime) -> Vec<Effect> {
    let minute = |t: NaiveDateTime| t.format("%Y%m%d%H%M").to_string();
    let new_day = now.date() != app.now.date();
    if minute(now) != minute(app.now) {
        app.dirty = true;
    }
    app.now = now;
    if app.report_since.is_some() {
        app.dirty = true; // the progress indicator moves
    }
    let before = app.toasts.len();
    app.toasts.retain(|t| t.until > now);
    if app.toasts.len() != before {
        app.dirty = true;
    }
    // Due-soon and overdue move at midnight.
    if new_day && app.may_handle_cases() { vec![app.load_cases()] } else { vec![] }
}

fn on_key(app: &mut App, chord: KeyChord) -> Vec<Effect> {
    if acts(app, chord) {
        super::ranking::settle(app);
    }
    if app.overlay.is_some() {
        return match super::dialogs::on_key(app, chord) {
            super::dialogs::Then::Effects(e) => e,
            super::dialogs::Then::Execute(a) => execute(app, a),
            super::dialogs::Then::Perform(a) => perform(app, a),
        };
    }
    let mode = app.mode();
    if let Some(action) = app.keymap.resolve(app.section(), mode, chord) {
        return perform(app, action);
    }
    let s = screen(app.tab);
    match mode {
        Mode::Insert => match chord.text_char() {
            Some(c) => on_text(app, &c.to_string()),
            None => (s.edit)(app, chord),
        },
        Mode::Normal => {
            if let Some(c) = chord.text_char().filter(|c| !c.is_whitespace())
                && (s.typed)(app)
            {
                on_text(app, &c.to_string());
            }
        }
    }
    searched(app)
}

/// Whether a key is an action that may act on a highlighted record (moving the highlight,
/// leaving or clearing the search do not): a list still awaiting its ranking is ranked first.
fn acts(app: &App, chord: KeyChord) -> bool {
    use crate::keymap::Section;
    let mode = app.mode();
    let mut tries = vec![(Section::Global, mode), (app.section(), mode)];
    // A dialog takes the screen's keys as in normal mode (`dialogs::on_key`), but for typing.
    if app.overlay.is_some() && chord.text_char().is_none() {
        tries.push((app.section(), Mode::Normal));
    }
    let found = tries.into_iter().find_map(|(s, m)| app.keymap.resolve(s, m, chord));
    found.is_some_and(|a| {
        use Action::*;
        !matches!(a, Up | Down | PageUp | PageDown | First | Last | Back | ClearSearch)
    })
}

/// What the screen's field, if its text changed, asks of the database.
fn searched(app: &mut App) -> Vec<Effect> {
    if app.overlay.is_some() { vec![] } else { (screen(app.tab).searched)(app) }
}

/// Typed or pasted text goes to the focused field.
pub(super) fn on_text(app: &mut App, text: &str) {
    let report = match &mut app.overlay {
        Some(o) => o.insert(text),
        None => (screen(app.tab).text)(app, text),
    };
    if let Some((r, max)) = report {
        app.report(r, max);
    }
    super::dialogs::follow(app);
    super::dialogs::recheck_form(app);
}

/// The actions that work everywhere, for this role.
fn global_offers(app: &App) -> Vec<Offer> {
    let mut o: Vec<Offer> =
        [Action::Help, Action::Palette, Action::NextTab, Action::PrevTab, Action::ToggleLang].map(Offer::yes).into();
    o.insert(2, Offer::yes(Action::Quit).asking(super::queue::quit_ask(app)));
    let undo =
        if app.undo.ready(app.now) { Offer::yes(Action::Undo) } else { Offer::no(Action::Undo, Notice::NothingToUndo) };
    o.insert(3, undo);
    o.extend(app.tabs().into_iter().map(|t| Offer::yes(t.goto())));
    o
}

/// What this operator can do here now: the screen's offers, then those that work everywhere.
pub(super) fn offers(app: &App) -> (Vec<Offer>, Vec<Offer>) {
    ((screen(app.tab).offers)(app), global_offers(app))
}

/// Starts an action if it is offered here; says why when it cannot be done now; asks first
/// before what cannot be undone.
pub(super) fn perform(app: &mut App, action: Action) -> Vec<Effect> {
    let (here, everywhere) = offers(app);
    let Some(offer) = here.into_iter().chain(everywhere).find(|o| o.action == action) else {
        // A key of another screen, or of another role: it does nothing here.
        if Tab::all().any(|t| t.goto() == action) {
            app.toast(Notice::Denied);
        }
        return vec![];
    };
    if let Ready::No(why) = offer.ready {
        app.toast(why);
        return vec![];
    }
    if let Some(ask) = offer.ask {
        app.overlay = Some(Overlay::Confirm { action, ask });
        return vec![];
    }
    execute(app, action)
}

/// Carries out an action (confirmed where needed).
pub(super) fn execute(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Quit => {
            app.quit = true;
            let mut e = super::queue::on_quit(app);
            e.push(Effect::Quit);
            return e;
        }
        Action::Help => app.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::Palette => {
            let (here, everywhere) = offers(app);
            let offered: Vec<Action> = here.iter().chain(&everywhere).filter(|o| o.shown()).map(|o| o.action).collect();
            let (lang, describe) = (app.lang, app.describe);
            let palette = super::overlay::Palette::new(&offered, |a| {
                (describe(lang, a).to_string(), describe(lang.other(), a).to_string())
            });
            app.overlay = Some(Overlay::Palette(Box::new(palette)));
        }
        Action::NextTab | Action::PrevTab => {
            let tabs = app.tabs();
            if let Some(pos) = tabs.iter().position(|t| *t == app.tab) {
                let n = tabs.len();
                let to = if action == Action::NextTab { (pos + 1) % n } else { (pos + n - 1) % n };
                app.tab = tabs[to];
                if app.tab == Tab::Appointments {
                    return super::appointments::load(app);
                }
            }
        }
        Action::ToggleLang => {
            app.lang = app.lang.other();
            app.toast(Notice::LangSwitched);
        }
        Action::Undo => return super::undo::take_back(app),
        other => match Tab::all().find(|t| t.goto() == other) {
            Some(tab) => return show(app, tab),
            None => {
                let effects = (screen(app.tab).act)(app, other);
                // A dialog whose answer this role could not send is not left open to take
                // input and be refused on submit: it says so now.
                if let Some(need) = app.overlay.as_ref().and_then(Overlay::needs)
                    && !app.session.operator.role.may(need)
                {
                    app.overlay = None;
                    app.toast(Notice::Denied);
                    return vec![];
                }
                super::undo::sent(app, other, &effects);
                return effects;
            }
        },
    }
    vec![]
}

/// Goes to a tab the role may see.
fn show(app: &mut App, tab: Tab) -> Vec<Effect> {
    app.tab = tab;
    match tab {
        Tab::Catalog if app.intake.is_none() => {
            app.catalog.fresh_search();
            vec![]
        }
        Tab::Appointments => super::appointments::load(app),
        _ => vec![],
    }
}
