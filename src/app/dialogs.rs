//! Keys in the dialog on top: confirmations, help, the palette, prompts and forms. Answers go
//! to the screen that asked (through the screen table), so the dialogs' types in `overlay` stay
//! free of any screen.

use super::form::FormKey;
use super::overlay::Overlay;
use super::{App, Effect};
use crate::action::Action;
use crate::keymap::{KeyChord, Section};

/// Sends the answer of the prompt on top to the screen that asked; a refused answer keeps the
/// prompt open, marked.
pub(super) fn submit_prompt(app: &mut App) -> Vec<Effect> {
    let Some(Overlay::Prompt(p)) = &app.overlay else { return vec![] };
    let purpose = p.purpose;
    let text = crate::domain::text::clean_field(p.input.text(), 200).0;
    match (super::registry::screen(purpose.owner()).submit)(app, purpose, &text) {
        Ok(effects) => {
            if matches!(app.overlay, Some(Overlay::Prompt(_))) {
                app.overlay = None;
            }
            effects
        }
        Err(super::screen::Invalid) => {
            if let Some(Overlay::Prompt(p)) = &mut app.overlay {
                p.invalid = true;
            }
            vec![]
        }
    }
}

/// What a key in a dialog leaves for the router.
pub(super) enum Then {
    /// These effects.
    Effects(Vec<Effect>),
    /// Carry out this action (confirmed).
    Execute(Action),
    /// Start this action as if its key was pressed (chosen in the palette).
    Perform(Action),
}

/// A key while a dialog is up: the dialog takes it.
pub(super) fn on_key(app: &mut App, chord: KeyChord) -> Then {
    Then::Effects(match dialog_key(app, chord) {
        Ok(effects) => effects,
        Err(then) => return then,
    })
}

/// The dialog's own handling: effects, or an action for the router.
fn dialog_key(app: &mut App, chord: KeyChord) -> Result<Vec<Effect>, Then> {
    let action = app.keymap.resolve(Section::Global, app.mode(), chord);
    // The key of the screen under the dialog, for "press it again to confirm".
    let screen_action = app.keymap.resolve(app.section(), crate::keymap::Mode::Normal, chord);
    let Some(overlay) = app.overlay.as_mut() else { return Ok(vec![]) };
    match overlay {
        Overlay::Confirm { ask: super::overlay::Ask::OutOfTurn(n), .. } => {
            let n = n.clone();
            return Ok(super::queue::on_out_of_turn_key(app, &n, chord, action));
        }
        Overlay::Confirm { action: pending, .. } => {
            let pending = *pending;
            // Pressing the same key again confirms it (Ctrl-Q twice quits, `x` twice is a no-show).
            let again = action == Some(pending) || screen_action == Some(pending);
            match answer(chord, action) {
                Some(true) => {
                    app.overlay = None;
                    return Err(Then::Execute(pending));
                }
                Some(false) => app.overlay = None,
                None if again => {
                    app.overlay = None;
                    return Err(Then::Execute(pending));
                }
                None => {}
            }
        }
        Overlay::ConfirmIntake(preview) => match answer(chord, action) {
            Some(true) => {
                let req = preview.request.clone();
                app.overlay = None;
                return Ok(vec![Effect::Intake(req)]);
            }
            Some(false) => app.overlay = None,
            None => {}
        },
        Overlay::Form(f) => match f.key(chord, action) {
            FormKey::Close => app.overlay = None,
            FormKey::Save => return Ok(save_form(app)),
            FormKey::Typed(c) => {
                type_char(app, c);
                recheck_form(app);
            }
            FormKey::Nothing => recheck_form(app),
        },
        Overlay::FreeWindow(f) => {
            let f = f.clone();
            return Ok(super::dashboard::on_free_key(app, &f, chord, action));
        }
        Overlay::Outcome { .. } => return Ok(super::queue::on_outcome_key(app, chord, action)),
        Overlay::Dispatch(_) => return Ok(super::requests::on_dispatch_key(app, action, screen_action)),
        Overlay::Help { scroll } | Overlay::Report { scroll, .. } => match action {
            Some(Action::Up) => *scroll = scroll.saturating_sub(1),
            Some(Action::Down) => *scroll = scroll.saturating_add(1),
            Some(Action::PageUp) => *scroll = scroll.saturating_sub(10),
            Some(Action::PageDown) => *scroll = scroll.saturating_add(10),
            Some(Action::First) => *scroll = 0,
            Some(Action::Back | Action::Help | Action::Confirm) => app.overlay = None,
            Some(Action::Quit) => {
                app.overlay = Some(Overlay::Confirm { action: Action::Quit, ask: super::queue::quit_ask(app) })
            }
            _ => {}
        },
        Overlay::Palette(p) => match action {
            Some(Action::Up) => p.move_by(-1),
            Some(Action::Down) => p.move_by(1),
            Some(Action::PageUp) => p.move_by(-10),
            Some(Action::PageDown) => p.move_by(10),
            Some(Action::Back | Action::Palette) => app.overlay = None,
            Some(Action::Confirm) => {
                let chosen = p.chosen();
                app.overlay = None;
                if let Some(a) = chosen {
                    return Err(Then::Perform(a));
                }
            }
            Some(Action::Quit) => {
                app.overlay = Some(Overlay::Confirm { action: Action::Quit, ask: super::queue::quit_ask(app) })
            }
            Some(_) => {}
            None => {
                if chord.text_char().is_some() {
                    type_or_edit(app, chord);
                } else if p.input.edit(chord) {
                    p.research();
                }
            }
        },
        Overlay::Prompt(p) => match (action, &mut p.pick) {
            // A person is picked: ↑/↓ move the highlight, the first Enter names who it is,
            // the second acts on that one, Esc goes back to the list.
            (Some(Action::Up | Action::Down), Some(k)) => {
                k.found.move_by(if action == Some(Action::Up) { -1 } else { 1 });
                k.confirming = false;
            }
            (Some(Action::Back), Some(k)) if k.confirming => k.confirming = false,
            (Some(Action::Confirm), Some(k)) if !k.confirming => {
                k.confirming = !k.found.is_empty() || k.picks_nobody(p.input.text());
                p.invalid = !k.confirming;
            }
            (Some(Action::Back), _) => app.overlay = None,
            (Some(Action::Confirm), _) => return Ok(submit_prompt(app)),
            _ => {
                if chord.text_char().is_some() {
                    type_or_edit(app, chord);
                } else if p.input.edit(chord) {
                    p.invalid = false;
                }
                follow(app);
            }
        },
    }
    Ok(vec![])
}

/// Yes (`y`, Enter), no (`n`, Esc) or neither.
fn answer(chord: KeyChord, action: Option<Action>) -> Option<bool> {
    if matches!(chord.text_char(), Some('y' | 'Y')) || action == Some(Action::Confirm) {
        Some(true)
    } else if matches!(chord.text_char(), Some('n' | 'N')) || action == Some(Action::Back) {
        Some(false)
    } else {
        None
    }
}

/// A printable key types into the dialog's field.
fn type_or_edit(app: &mut App, chord: KeyChord) {
    if let Some(c) = chord.text_char() {
        type_char(app, c);
    }
}

/// One typed character for the dialog's field (what was cut is reported as for a paste).
fn type_char(app: &mut App, c: char) {
    if let Some((r, max)) = app.overlay.as_mut().and_then(|o| o.insert(&c.to_string())) {
        app.report(r, max);
    }
}

/// After an edit of a form whose save was refused: check it again, so what is fixed stops
/// being marked and what is still wrong stays.
pub(super) fn recheck_form(app: &mut App) {
    use super::form::FormKind;
    let (today, now) = (app.today(), app.now);
    let Some(Overlay::Form(f)) = &mut app.overlay else { return };
    if !f.refused() {
        return;
    }
    match f.kind {
        FormKind::Resident | FormKind::ResidentEdit => super::residents::recheck(f, today),
        FormKind::Member | FormKind::Activity => super::members::form::recheck(f, now),
        FormKind::Mediation => super::mediation::recheck(f),
        FormKind::Request => {}
    }
}

/// The screen whose form is open checks it and stores it, or marks what is wrong.
fn save_form(app: &mut App) -> Vec<Effect> {
    use super::form::FormKind;
    let Some(Overlay::Form(f)) = &app.overlay else { return vec![] };
    match f.kind {
        FormKind::Resident | FormKind::ResidentEdit => super::residents::submit_form(app),
        FormKind::Member | FormKind::Activity => super::members::form::submit(app),
        FormKind::Mediation => super::mediation::submit_form(app),
        FormKind::Request => super::requests::submit_form(app),
    }
}

/// After the prompt's text changed: the candidates follow it, and a pending confirmation is
/// dropped (it named someone else, perhaps).
pub(super) fn follow(app: &mut App) {
    // The candidates themselves are ranked after the update (`ranking::follow`).
    if let Some(Overlay::Prompt(p)) = &mut app.overlay
        && let Some(k) = &mut p.pick
    {
        k.confirming = false;
    }
}
