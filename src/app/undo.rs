//! The undo key: a change made by a key that did not ask can be taken back by the same person,
//! for a few minutes, as long as nobody has changed the record since (the database checks).

use super::notice::Notice;
use super::{App, Effect};
use crate::action::Action;
use chrono::{NaiveDateTime, TimeDelta};

/// How long the undo key is offered after a change.
pub const UNDO_MINUTES: i64 = 5;

/// What the undo key would take back, and the change on its way.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UndoState {
    /// The change that can be taken back and until when the key is offered.
    pub offered: Option<(Action, NaiveDateTime)>,
    /// An action whose change the worker has not confirmed yet.
    sent: Option<Action>,
    /// The change being taken back.
    taking: Option<Action>,
}

impl UndoState {
    /// Whether `now` the undo key would take something back.
    pub fn ready(&self, now: NaiveDateTime) -> bool {
        self.offered.is_some_and(|(_, until)| now < until)
    }
}

/// An action just sent effects of these kinds: remember it until the worker says it is done.
pub(super) fn sent(app: &mut App, action: Action, effects: &[Effect]) {
    if effects.iter().any(super::undoable) {
        app.undo.sent = Some(action);
    }
}

/// The worker recorded the change: the undo key now takes it back.
pub(super) fn recorded(app: &mut App) {
    if let Some(a) = app.undo.sent.take() {
        app.undo.offered = Some((a, app.now + TimeDelta::minutes(UNDO_MINUTES)));
        app.dirty = true;
    }
}

/// The undo key.
pub(super) fn take_back(app: &mut App) -> Vec<Effect> {
    match app.undo.offered.take() {
        Some((a, until)) if app.now < until => {
            app.undo.taking = Some(a);
            vec![Effect::Undo]
        }
        _ => {
            app.toast(Notice::NothingToUndo);
            vec![]
        }
    }
}

/// The worker's answer to the undo key.
pub(super) fn answered(app: &mut App, r: Result<(), Notice>) {
    let a = app.undo.taking.take();
    match (r, a) {
        (Ok(()), Some(a)) => app.toast(Notice::Undone(a)),
        (Ok(()), None) => {}
        (Err(n), _) => app.toast(n),
    }
}
