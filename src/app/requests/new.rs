//! A new request from the Requests tab or a visit's finish menu: the resident from the
//! residents' picker, then the form; the suggestion from the text is shown before it is stored.

use super::{RequestOp, Tab};
use crate::app::notice::Notice;
use crate::app::overlay::{Overlay, Prompt, PromptFor};
use crate::app::{App, Effect};
use crate::model::requests::NewRequest;

/// A new request being taken: who from, and the visit it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The resident (None: an anonymous complaint).
    pub resident_id: Option<i64>,
    /// The queue ticket (id, version) whose finish menu opened it.
    pub ticket: Option<(i64, i64)>,
    /// The suggestion from the text was offered (the next Enter saves).
    pub suggested: bool,
}

/// Starts a new request: the resident picker, or (a visit's resident known) the form. The
/// menu is read for the suggestion.
pub fn open_new(app: &mut App, ticket: Option<(i64, i64)>, resident: Option<i64>) -> Vec<Effect> {
    app.tab = Tab::Requests;
    app.requests.typing = false;
    match resident.and_then(|id| app.residents.by_id(id)) {
        Some(r) => open_form(app, Some(&r), ticket),
        None => {
            let (id, version) = ticket.unwrap_or((0, 0));
            let mut p = Prompt::new(PromptFor::RequestFor, id, version, String::new(), 40);
            p.pick = Some(crate::app::pick::Picking { nobody: true, ..Default::default() });
            app.overlay = Some(Overlay::Prompt(p));
        }
    }
    vec![Effect::Requests(RequestOp::Menu)]
}

/// The form's photos row: paths of image files, as `request add --photo` takes them.
pub(super) const PHOTOS: usize = 7;

/// Opens the form for a request from `resident` (None: an anonymous complaint, its kind set
/// to 投诉): the text first, the rest as it comes.
pub(super) fn open_form(
    app: &mut App,
    resident: Option<&crate::domain::resident::Resident>,
    ticket: Option<(i64, i64)>,
) {
    use crate::app::form::{Form, FormKind, Row};
    use crate::app::input::Input;
    use crate::domain::request::Kind;
    let text = |max: usize| Row::Text(Input::new(max));
    let kind = if resident.is_some() { 1 } else { Kind::ALL.iter().position(|k| *k == Kind::Complaint).unwrap_or(0) };
    let rows = vec![
        Row::Choice { chosen: kind, of: Kind::ALL.len() },
        text(20),
        text(60),
        text(20),
        text(200),
        Row::Choice { chosen: 0, of: 2 },
        text(20),
        text(400),
    ];
    let mut f = Form::new(FormKind::Request, rows);
    // Nobody picked leaves the name empty: the form shows 匿名（仅限投诉）.
    if let Some(r) = resident {
        f.fill(1, &r.name);
    }
    f.locked = vec![1];
    f.focus = 4;
    app.requests.draft = Some(Draft { resident_id: resident.map(|r| r.id), ticket, suggested: false });
    app.overlay = Some(Overlay::Form(Box::new(f)));
}

/// Saves the new-request form. The first Enter puts the suggestion from the text (kind and
/// service, by the menu's keywords) into the form for the operator to see; the next one saves.
pub(in crate::app) fn submit_form(app: &mut App) -> Vec<Effect> {
    use crate::domain::request::{Kind, Source, Urgency};
    let Some(Overlay::Form(f)) = &mut app.overlay else { return vec![] };
    let Some(draft) = app.requests.draft.clone() else { return vec![] };
    let t = |i: usize| f.text(i).trim().to_string();
    if t(4).is_empty() {
        f.refuse(vec![4], vec![]);
        return vec![];
    }
    let anonymous = draft.resident_id.is_none();
    if anonymous && Kind::ALL[f.chosen(0) % Kind::ALL.len()] != Kind::Complaint {
        f.refuse(vec![0], vec![]);
        app.toast(Notice::Request(crate::model::requests::RequestOpError::AnonymousNotComplaint));
        return vec![];
    }
    if !draft.suggested {
        let s = crate::domain::request::suggest(&t(4), &app.requests.menu);
        let kind_now = Kind::ALL[f.chosen(0) % Kind::ALL.len()];
        // An anonymous request stays a complaint: only a complaint may leave the resident out.
        let kind = s.kind.filter(|k| *k != kind_now && !anonymous);
        let service = s.service.filter(|c| t(6).is_empty() && *c != t(6));
        if let Some(d) = &mut app.requests.draft {
            d.suggested = true;
        }
        if kind.is_some() || service.is_some() {
            if let Some(k) = kind
                && let Some(i) = Kind::ALL.iter().position(|x| *x == k)
                && let Some(crate::app::form::Row::Choice { chosen, .. }) = f.rows.get_mut(0)
            {
                *chosen = i;
            }
            if let Some(c) = &service {
                f.fill(6, c);
            }
            let kind = Kind::ALL[f.chosen(0) % Kind::ALL.len()];
            let name = service.and_then(|c| app.requests.menu.iter().find(|m| m.code == c).map(|m| m.name.clone()));
            app.toast(Notice::RequestSuggested(kind, name));
            return vec![];
        }
    }
    let source = match app.session.operator.role {
        crate::domain::operator::Role::MemberDesk => Source::MemberDesk,
        crate::domain::operator::Role::Grid => Source::Rounds,
        _ => Source::Window,
    };
    let new = NewRequest {
        kind: Kind::ALL[f.chosen(0) % Kind::ALL.len()],
        service: Some(t(6)).filter(|s| !s.is_empty()),
        resident_id: draft.resident_id,
        place: t(2),
        grid: Some(t(3)).filter(|s| !s.is_empty()),
        text: t(4),
        urgency: if f.chosen(5) == 1 { Urgency::Urgent } else { Urgency::Normal },
        photos: crate::model::requests::photo_paths(&t(PHOTOS)),
        source,
        ticket_id: draft.ticket.map(|t| t.0),
    };
    vec![Effect::Requests(RequestOp::Add(new, draft.ticket.map(|t| t.1)))]
}
