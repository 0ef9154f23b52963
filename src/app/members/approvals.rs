//! The supervisor's queue of hand-entered hours awaiting approval (above the threshold, or
//! before the previous quarter), shown on the dashboard tab. Approving asks first, naming the
//! member and the entry; rejecting takes a reason. Both are audited by the database.

use super::super::overlay::{Ask, Overlay, Prompt, PromptFor};
use super::super::screen::Offer;
use super::super::{App, Effect};
use crate::action::Action;
use crate::app::notice::Notice;
use crate::domain::member::halves;
use crate::domain::operator::Permission;
use crate::model::PendingHours;

/// The queue and whether the dashboard shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Approvals {
    /// Shown instead of the dashboard.
    pub on: bool,
    /// Entries awaiting approval, oldest first.
    pub list: Vec<PendingHours>,
    /// Cursor.
    pub selected: usize,
}

impl Approvals {
    /// The entry under the cursor.
    pub fn current(&self) -> Option<&PendingHours> {
        self.list.get(self.selected)
    }
}

/// Whose entry and which, as a dialog names it: "王建国（区税务局）· 2026-11-17 8.5h 防汛值守".
pub fn label(p: &PendingHours) -> String {
    format!("{}（{}）· {} {}h {}", p.name, p.unit, p.record.start.date(), halves(p.record.half_hours), p.record.what)
}

/// The queue as read: the cursor stays on its entry when it is still there.
pub fn loaded(app: &mut App, list: Vec<PendingHours>) {
    let a = &mut app.members.approvals;
    if a.list == list {
        return;
    }
    let keep = a.current().map(|p| p.record.id);
    a.selected = keep
        .and_then(|id| list.iter().position(|p| p.record.id == id))
        .unwrap_or(a.selected)
        .min(list.len().saturating_sub(1));
    a.list = list;
    app.dirty = true;
}

/// The dashboard's key to the queue: ready when something waits (the hint bar names it then).
pub fn offer(app: &App) -> Offer {
    let none = app.members.approvals.list.is_empty();
    Offer::when(Action::PendingHours, none.then_some(Notice::Member(crate::model::MemberOpError::NothingPending)))
}

/// What the queue offers while shown.
pub fn offers(app: &App) -> Vec<Offer> {
    let a = &app.members.approvals;
    let mut o = vec![Offer::yes(Action::PendingHours)];
    match a.current() {
        Some(p) => {
            o.push(Offer::yes(Action::ApproveHours).asking(Ask::Of(label(p))));
            o.push(Offer::yes(Action::RejectHours));
        }
        None => o.extend([Action::ApproveHours, Action::RejectHours].map(|x| Offer::no(x, Notice::NothingSelected))),
    }
    o.push(Offer::yes(Action::Back));
    super::super::screen::movement(&mut o, false);
    o
}

/// A key on the dashboard tab: the queue's own while it is shown; `None` leaves the key to
/// the rest of the tab.
pub fn act(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    if !app.session.operator.role.may(Permission::Supervise) {
        return None;
    }
    let a = &mut app.members.approvals;
    if action == Action::PendingHours {
        a.on = !a.on;
        app.dirty = true;
        return Some(if a.on { vec![Effect::LoadPendingHours] } else { vec![] });
    }
    if !a.on {
        return None;
    }
    let last = a.list.len().saturating_sub(1);
    match action {
        Action::Up => a.selected = a.selected.saturating_sub(1),
        Action::Down => a.selected = (a.selected + 1).min(last),
        Action::First => a.selected = 0,
        Action::Last => a.selected = last,
        Action::Back => a.on = false,
        Action::ApproveHours => {
            return Some(a.current().map(|p| vec![Effect::DecideHours(p.record.id, None)]).unwrap_or_default());
        }
        Action::RejectHours => {
            if let Some(p) = a.current() {
                let prompt = Prompt::new(PromptFor::RejectHours, p.record.id, 0, label(p), 100);
                app.overlay = Some(Overlay::Prompt(prompt));
            }
        }
        _ => return None,
    }
    app.dirty = true;
    Some(vec![])
}
