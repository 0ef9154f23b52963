//! The dispatch picker: every ranked candidate of the highlighted request with why it fits,
//! ↑/↓ to pick (the list scrolls), Enter names the request and the taker, Enter (or the
//! dispatch key) again dispatches, Esc backs out.

use super::{RequestOp, named};
use crate::action::Action;
use crate::app::overlay::{DispatchPick, Overlay};
use crate::app::{App, Effect};

/// Opens the picker on the highlighted request's candidates (read already).
pub(super) fn open(app: &mut App) {
    let Some(r) = app.requests.selected_request() else { return };
    let pick = DispatchPick {
        id: r.id,
        version: r.version,
        label: named(r),
        number: r.number.clone(),
        candidates: app.requests.candidates_of_selected().to_vec(),
        selected: 0,
        confirming: false,
    };
    app.overlay = Some(Overlay::Dispatch(pick));
}

/// A key while the picker is up; `again` is the key's action on the screen underneath.
pub fn on_dispatch_key(app: &mut App, action: Option<Action>, again: Option<Action>) -> Vec<Effect> {
    let page = app.page();
    let Some(Overlay::Dispatch(p)) = &mut app.overlay else { return vec![] };
    match action {
        Some(Action::Up) => p.move_by(-1),
        Some(Action::Down) => p.move_by(1),
        Some(Action::PageUp) => p.move_by(-page),
        Some(Action::PageDown) => p.move_by(page),
        Some(Action::First) => p.move_by(isize::MIN / 2),
        Some(Action::Last) => p.move_by(isize::MAX / 2),
        Some(Action::Back) if p.confirming => p.confirming = false,
        Some(Action::Back) => app.overlay = None,
        Some(Action::Confirm) if !p.confirming => p.confirming = p.chosen().is_some(),
        _ if p.confirming && (action == Some(Action::Confirm) || again == Some(Action::RequestDispatch)) => {
            let op = p.chosen().map(|c| RequestOp::Dispatch(p.id, p.version, c.key.clone()));
            app.overlay = None;
            return op.map(Effect::Requests).into_iter().collect();
        }
        _ => {}
    }
    vec![]
}
