//! The Mediation screen's state: my cases (all for supervisors), the selected one in full.

use crate::domain::mediation::{DisputeType, MediationCase, Source};
use crate::model::MediationEvent;

/// State of the Mediation screen.
#[derive(Debug, Clone, Default)]
pub struct MediationState {
    /// Cases this reader may see.
    pub list: Vec<MediationCase>,
    /// Row under the cursor.
    pub selected: usize,
    /// The selected case's timeline.
    pub events: Vec<MediationEvent>,
    /// The selected case's sessions.
    pub sessions: Vec<crate::domain::room::Booking>,
    /// Loaded at least once.
    pub loaded: bool,
    /// The case whose parties' contacts are shown in full (audited).
    pub revealed: super::reveal::Shown,
}

impl MediationState {
    /// The case under the cursor.
    pub fn selected_case(&self) -> Option<&MediationCase> {
        self.list.get(self.selected)
    }
}

/// The new-case form: dispute type and source (choices), applicant, contact, respondent,
/// contact, summary.
pub fn form() -> super::form::Form {
    use super::form::{Form, FormKind, Row};
    let mut rows =
        vec![Row::Choice { chosen: 0, of: DisputeType::ALL.len() }, Row::Choice { chosen: 0, of: Source::ALL.len() }];
    rows.extend([20, 30, 20, 30, 200].iter().map(|m| Row::Text(super::input::Input::new(*m))));
    Form::new(FormKind::Mediation, rows)
}

use super::notice::Notice;
use super::overlay::{Overlay, Prompt, PromptFor};
use super::screen::{Invalid, Offer, Screen};
use super::{App, Effect, Msg, Tab};
use crate::action::Action;
use crate::domain::mediation::{MediationStep, Performance};

/// How `app` reaches the Mediation screen.
pub const SCREEN: Screen = Screen {
    tab: Tab::Mediation,
    goto: Action::GotoMediation,
    needs: Some(crate::domain::operator::Permission::Mediation),
    section: |_| crate::keymap::Section::Mediation,
    offers,
    act,
    answer,
    submit,
    ..super::screen::PLAIN
};

fn offers(app: &App) -> Vec<Offer> {
    let none = app.mediation.selected_case().is_none().then_some(Notice::NoCase);
    let mut o = vec![Offer::yes(Action::NewMediation)];
    // No agreement before the first session booked for the case has been held.
    let starts: Vec<_> = app.mediation.sessions.iter().map(|b| b.start).collect();
    let unheld = crate::domain::mediation::check_agreement(&starts, app.now)
        .err()
        .map(|e| Notice::Mediation(crate::model::MediationOpError::Rule(e)));
    for a in [
        Action::MediationStart,
        Action::MediationAgree,
        Action::MediationVisit,
        Action::MediationFail,
        Action::MediationTerminate,
    ] {
        let why = if a == Action::MediationAgree { none.clone().or(unheld.clone()) } else { none.clone() };
        o.push(Offer::when(a, why));
    }
    o.push(Offer::when(Action::Reveal, none));
    o.extend([Offer::yes(Action::Up), Offer::yes(Action::Down)]);
    o
}

fn act(app: &mut App, action: Action) -> Vec<Effect> {
    let m = &mut app.mediation;
    let current = m.selected_case().map(|c| (c.id, c.version, c.number.clone()));
    match action {
        Action::Up | Action::Down => {
            let before = m.selected;
            m.selected = if action == Action::Up {
                m.selected.saturating_sub(1)
            } else {
                (m.selected + 1).min(m.list.len().saturating_sub(1))
            };
            if m.selected != before {
                m.events.clear();
                if let Some(c) = m.selected_case() {
                    return vec![Effect::LoadMediationEvents(c.id)];
                }
            }
        }
        Action::Reveal => {
            if let Some((id, ..)) = current.filter(|c| !m.revealed.shows(c.0)) {
                return vec![Effect::RevealParties(id)];
            }
        }
        Action::NewMediation => app.overlay = Some(Overlay::Form(Box::new(form()))),
        Action::MediationStart => {
            if let Some((id, v, _)) = current {
                return vec![Effect::MediationStep(id, v, MediationStep::Start, String::new())];
            }
        }
        Action::MediationAgree | Action::MediationFail | Action::MediationTerminate | Action::MediationVisit => {
            let purpose = match action {
                Action::MediationAgree => PromptFor::Agree,
                Action::MediationFail => PromptFor::Fail,
                Action::MediationTerminate => PromptFor::Terminate,
                _ => PromptFor::MediationVisit,
            };
            if let Some((id, v, number)) = current {
                app.overlay = Some(Overlay::Prompt(Prompt::new(purpose, id, v, number, 60)));
            }
        }
        _ => {}
    }
    vec![]
}

fn submit(app: &mut App, purpose: PromptFor, text: &str) -> Result<Vec<Effect>, Invalid> {
    let Some(Overlay::Prompt(p)) = &app.overlay else { return Err(Invalid) };
    let (id, version) = (p.id, p.version);
    if text.is_empty() {
        return Err(Invalid);
    }
    let step = match purpose {
        PromptFor::Agree => MediationStep::Agree,
        PromptFor::Fail => MediationStep::Fail,
        PromptFor::Terminate => MediationStep::Terminate,
        PromptFor::MediationVisit => {
            // "1 已按月支付": performance first, then what the visit found.
            let mut parts = text.splitn(2, char::is_whitespace);
            let perf = match parts.next() {
                Some("1") => Some(Performance::Done),
                Some("2") => Some(Performance::Partly),
                Some("3") => Some(Performance::NotYet),
                _ => None,
            };
            return match (perf, parts.next().map(str::trim).filter(|r| !r.is_empty())) {
                (Some(p), Some(r)) => Ok(vec![Effect::MediationFollowUp(id, version, p, r.to_string())]),
                _ => Err(Invalid),
            };
        }
        _ => return Err(Invalid),
    };
    Ok(vec![Effect::MediationStep(id, version, step, text.to_string())])
}

/// The parties as typed, and what is wrong with the form (its row and why), if anything.
fn check_form(
    f: &super::form::Form,
) -> (Vec<crate::domain::mediation::Party>, Option<(usize, crate::domain::mediation::MediationError)>) {
    use crate::domain::mediation::{MediationError, Party, PartyRole, check_parties};
    let t = |i: usize| f.text(i).trim().to_string();
    let parties = vec![
        Party { name: t(2), role: PartyRole::Applicant, contact: t(3) },
        Party { name: t(4), role: PartyRole::Respondent, contact: t(5) },
    ];
    let wrong = match check_parties(&parties) {
        Err(e @ MediationError::BadContact(PartyRole::Applicant)) => Some((3, e)),
        Err(e @ MediationError::BadContact(PartyRole::Respondent)) => Some((5, e)),
        Err(e) => Some((2, e)),
        Ok(()) if t(6).is_empty() => Some((6, MediationError::TextRequired)),
        Ok(()) => None,
    };
    (parties, wrong)
}

/// Checks the new-case form as it stands (after a refused save).
pub(super) fn recheck(f: &mut super::form::Form) {
    match check_form(f).1 {
        Some((row, e)) => f.recheck(vec![row], vec![super::form::Problem::Mediation(e)]),
        None => f.recheck(vec![], vec![]),
    }
}

/// Saves the new-case form, or shows what is wrong in it.
pub(super) fn submit_form(app: &mut App) -> Vec<Effect> {
    use super::form::Problem;
    let Some(Overlay::Form(f)) = &mut app.overlay else { return vec![] };
    let t = |i: usize| f.text(i).trim().to_string();
    let (parties, wrong) = check_form(f);
    if let Some((row, e)) = wrong {
        f.refuse(vec![row], vec![Problem::Mediation(e)]);
        return vec![];
    }
    let dispute = DisputeType::ALL[f.chosen(0) % DisputeType::ALL.len()];
    let source = Source::ALL[f.chosen(1) % Source::ALL.len()];
    let e = Effect::OpenMediation(dispute, source, t(6), parties);
    app.overlay = None;
    vec![e]
}

fn answer(app: &mut App, msg: Msg) -> Result<Vec<Effect>, Msg> {
    match msg {
        Msg::MediationLoaded(list) => {
            let m = &mut app.mediation;
            if m.list != list || !m.loaded {
                let keep = m.selected_case().map(|c| c.id);
                m.list = list;
                m.loaded = true;
                m.selected = keep.and_then(|id| m.list.iter().position(|c| c.id == id)).unwrap_or(0);
                app.dirty = true;
            }
            // Sessions are booked on the rooms' grid without changing the case: read them too.
            Ok(m.selected_case().map(|c| Effect::LoadMediationEvents(c.id)).into_iter().collect())
        }
        Msg::MediationEvents(id, events, sessions) => {
            let m = &mut app.mediation;
            if m.selected_case().map(|c| c.id) == Some(id) && (m.events != events || m.sessions != sessions) {
                m.events = events;
                m.sessions = sessions;
                app.dirty = true;
            }
            Ok(vec![])
        }
        Msg::PartiesRevealed(id) => {
            app.mediation.revealed.show(id, app.now);
            app.dirty = true;
            Ok(vec![])
        }
        Msg::MediationRefused(e) => {
            app.overlay = None;
            app.toast(Notice::Mediation(e));
            app.dirty = true;
            Ok(vec![Effect::LoadMediation])
        }
        other => Err(other),
    }
}
