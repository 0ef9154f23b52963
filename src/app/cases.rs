//! The Cases screen: filters by number, name or item, the list by pages, the selected case and
//! what may be done to it.

pub use super::cases_state::{CaseDetail, CaseView, CasesState};
use crate::domain::case::{Case, CaseState};

use super::notice::Notice;
use super::overlay::{Overlay, Prompt, PromptFor};
use super::screen::{Invalid, Offer, Screen};
use super::{App, Effect, Msg, Tab};
use crate::action::Action;
use crate::domain::case::{CaseError, MaterialStatus, Transition};
use crate::keymap::Mode;
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
    mode: |app| if app.cases.typing && !app.cases.zoomed { Mode::Insert } else { Mode::Normal },
    text,
    edit: |app, chord| {
        app.cases.query.edit(chord);
    },
    typed: |app| {
        // A scanner's digits, or a letter no key uses, start a filter: the field opens with it.
        app.cases.typing = true;
        app.cases.zoomed = false;
        app.cases.query.clear();
        true
    },
    searched,
};

fn text(app: &mut App, text: &str) -> Option<(super::input::InsertReport, usize)> {
    let c = &mut app.cases;
    c.typing = true;
    c.zoomed = false;
    Some((c.query.insert(text), c.query.max()))
}

/// The filter text changed: the list is asked for again, from its first page.
fn searched(app: &mut App) -> Vec<Effect> {
    let q = app.cases.query.text().trim().to_string();
    if q == app.cases.searched {
        return vec![];
    }
    app.cases.text_items = items_by_initials(&app.catalog.items, &q);
    app.cases.searched = q;
    app.cases.refilter();
    vec![app.load_cases()]
}

/// The items whose names' pinyin initials hold `query` (`dbdj` finds 低保登记's cases), as
/// the catalog finds them; only for two letters or more, which a name or number never is.
pub fn items_by_initials(items: &[crate::domain::catalog::ServiceItem], query: &str) -> Vec<String> {
    let q = query.to_ascii_lowercase();
    if q.len() < 2 || !q.bytes().all(|b| b.is_ascii_lowercase()) {
        return Vec::new();
    }
    let initials = |name: &str| -> Vec<String> {
        let r = crate::search::readings(name, false);
        r.variants(4).into_iter().map(|v| v.iter().filter_map(|s| s.chars().next()).collect()).collect()
    };
    items.iter().filter(|i| initials(&i.name).iter().any(|s| s.contains(&q))).map(|i| i.code.clone()).collect()
}

/// A case number scanned or typed anywhere a search takes Enter: the Cases tab opens with
/// that case alone, selected, its number in the filter field. Nothing when the role has no
/// Cases tab or the text is not a whole case number.
pub fn open_number(app: &mut App, text: &str) -> Option<Vec<Effect>> {
    if !crate::domain::case::is_case_number(text) || !app.tabs().contains(&Tab::Cases) {
        return None;
    }
    app.tab = Tab::Cases;
    let c = &mut app.cases;
    c.view = CaseView::All;
    c.mine = false;
    c.resident = None;
    c.item = None;
    c.zoomed = false;
    c.typing = false;
    c.query.clear();
    c.query.insert(text.trim());
    c.searched = text.trim().to_string();
    c.text_items.clear();
    c.refilter();
    Some(vec![app.load_cases()])
}

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
        Offer::yes(Action::FocusSearch),
        // In the filter field Enter opens a whole number or goes back to the list.
        Offer::when(Action::Confirm, if app.cases.typing { None } else { none.clone() }),
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
    let moved = |app: &mut App, delta: isize| {
        let was_awaiting = app.cases.awaiting.is_some();
        let mut effects: Vec<Effect> = app.cases.move_by(delta).map(Effect::LoadCase).into_iter().collect();
        if !was_awaiting && let (Some(_), Some(key)) = (app.cases.awaiting, app.cases.last_key()) {
            effects.push(Effect::MoreCases(app.case_filter(), key));
        }
        effects
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
        // The last row read: the line under it says how to read on.
        Action::Last => {
            let to_end = app.cases.list.len() as isize - app.cases.selected as isize - 1;
            return app.cases.move_within(to_end).map(Effect::LoadCase).into_iter().collect();
        }
        Action::Confirm if app.cases.typing => {
            let q = app.cases.query.text().to_string();
            if let Some(effects) = open_number(app, &q) {
                return effects;
            }
            app.cases.typing = false;
        }
        Action::Confirm => app.cases.zoomed = !zoomed,
        Action::FocusSearch => {
            app.cases.typing = true;
            app.cases.zoomed = false;
        }
        Action::Back => {
            let c = &mut app.cases;
            if zoomed {
                c.zoomed = false;
            } else if c.typing || !c.query.text().is_empty() {
                c.typing = false;
                c.query.clear();
                return searched(app);
            } else if c.resident.take().is_some() || c.item.take().is_some() {
                c.refilter();
                return vec![app.load_cases()];
            }
        }
        Action::CycleFilter => {
            app.cases.view = app.cases.view.next();
            app.cases.refilter();
            return vec![app.load_cases()];
        }
        Action::ToggleMine => {
            app.cases.mine = !app.cases.mine;
            app.cases.refilter();
            return vec![app.load_cases()];
        }
        Action::ToggleItem => {
            app.cases.item = match (&app.cases.item, app.cases.selected_case()) {
                (Some(_), _) | (None, None) => None,
                (None, Some(c)) => Some((c.item_code.clone(), c.item_name.clone())),
            };
            app.cases.refilter();
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
        Msg::CasesLoaded(list, counts, total) => {
            let c = &app.cases;
            if c.counts != counts || c.list != list || c.total != total || !c.loaded || c.restart {
                app.dirty = true;
            }
            app.cases.counts = counts;
            app.cases.total = total;
            app.cases.set_list(list);
            app.db_ok();
            Ok(match (app.cases.selected_case(), &app.cases.detail) {
                (Some(c), None) => vec![Effect::LoadCase(c.id)],
                (Some(c), Some(d)) if d.case.version != c.version => vec![Effect::LoadCase(c.id)],
                _ => vec![],
            })
        }
        Msg::MoreCasesLoaded(more) => {
            let c = &mut app.cases;
            let Some(want) = c.awaiting.take() else { return Ok(vec![]) };
            // A page that does not follow the list (it was read again meanwhile) is dropped.
            let follows = match (c.last_key(), more.first()) {
                (Some(last), Some(first)) => {
                    (first.due.map(|d| d.to_string()).unwrap_or_else(|| "9999".into()), first.id) > last
                }
                _ => false,
            };
            if !follows {
                return Ok(vec![]);
            }
            c.list.extend(more);
            c.total = c.total.max(c.list.len());
            app.dirty = true;
            let at = want.min(c.list.len() - 1) as isize - c.selected as isize;
            Ok(c.move_within(at).map(Effect::LoadCase).into_iter().collect())
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
    c.anew();
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
