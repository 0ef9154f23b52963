//! Intake (受理): from a catalog item, find or register the resident, tick the materials
//! actually presented, then accept or hand over the one-time notice.

use super::input::Input;
use crate::domain::case::{CaseMaterial, Channel, IntakeOutcome, MaterialStatus, intake_outcome};
use crate::domain::catalog::ServiceItem;
use crate::domain::resident::Resident;
use crate::domain::text::MAX_FIELD_CHARS;
use crate::model::IntakeRequest;
use chrono::NaiveDate;

/// Where intake is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Finding (or registering) the resident.
    Resident,
    /// Ticking the materials.
    Materials,
}

/// State of an intake in progress.
#[derive(Debug, Clone)]
pub struct IntakeState {
    /// The item applied for.
    pub item: ServiceItem,
    /// Where we are.
    pub step: Step,
    /// The resident search.
    pub query: Input,
    /// Residents matching the search, the one highlighted is the one chosen.
    pub found: super::pick::Candidates,
    /// The chosen resident.
    pub resident: Option<Resident>,
    /// How the case came.
    pub channel: Channel,
    /// One status per material of the item, in item order.
    pub statuses: Vec<MaterialStatus>,
    /// Material under the cursor.
    pub cursor: usize,
}

impl IntakeState {
    /// A new intake for `item`; nothing is ticked until the clerk sees the document.
    pub fn new(item: ServiceItem) -> IntakeState {
        let statuses = vec![MaterialStatus::Missing; item.materials.len()];
        IntakeState {
            item,
            step: Step::Resident,
            query: Input::new(MAX_FIELD_CHARS),
            found: Default::default(),
            resident: None,
            channel: Channel::Window,
            statuses,
            cursor: 0,
        }
    }

    /// Picks the resident and moves on to the materials.
    pub fn choose(&mut self, r: Resident) {
        self.resident = Some(r);
        self.step = Step::Materials;
    }

    /// Cycles the material under the cursor: missing → presented → 容缺 (promised by
    /// `promise`, when the catalog allows it for this material) → missing.
    pub fn toggle(&mut self, promise: Option<NaiveDate>) {
        let rongque = self.item.materials.get(self.cursor).is_some_and(|m| m.may_be_rongque());
        let Some(s) = self.statuses.get_mut(self.cursor) else { return };
        *s = match (*s, promise) {
            (MaterialStatus::Missing, _) => MaterialStatus::Presented,
            (MaterialStatus::Presented, Some(p)) if rongque => MaterialStatus::Waived(p),
            _ => MaterialStatus::Missing,
        };
    }

    /// How many materials are ticked (presented or 容缺): what going back would lose.
    pub fn ticked(&self) -> usize {
        self.statuses.iter().filter(|s| **s != MaterialStatus::Missing).count()
    }

    /// Moves a 容缺 promise to `to`.
    pub fn set_promise(&mut self, to: NaiveDate) {
        if let Some(s @ MaterialStatus::Waived(_)) = self.statuses.get_mut(self.cursor) {
            *s = MaterialStatus::Waived(to);
        }
    }

    /// The checklist as it stands.
    pub fn checklist(&self) -> Vec<CaseMaterial> {
        self.item.materials.iter().zip(&self.statuses).map(|(m, s)| CaseMaterial::at_intake(m, *s)).collect()
    }

    /// What submitting would do today, with `due` the due date if accepted now (or why it
    /// cannot be submitted).
    pub fn outcome(&self, today: NaiveDate, due: NaiveDate) -> Result<IntakeOutcome, crate::domain::case::CaseError> {
        intake_outcome(&self.checklist(), &self.item.materials, today, due)
    }

    /// The due date of the case if accepted at `app`'s now.
    pub fn due(&self, app: &super::App) -> NaiveDate {
        crate::domain::case::due_date(&app.calendar, app.now, app.closing, self.item.time_limit, 0).due
    }

    /// The request to store.
    pub fn request(&self) -> Option<IntakeRequest> {
        let r = self.resident.as_ref()?;
        Some(IntakeRequest {
            item_code: self.item.code.clone(),
            resident_id: r.id,
            channel: self.channel,
            materials: self.checklist(),
        })
    }

    /// Cycles the channel.
    pub fn cycle_channel(&mut self) {
        let i = Channel::ALL.iter().position(|c| *c == self.channel).unwrap_or(0);
        self.channel = Channel::ALL[(i + 1) % Channel::ALL.len()];
    }
}

/// A search field has focus while the resident is being found.
pub(super) fn mode(i: &IntakeState) -> crate::keymap::Mode {
    if i.step == Step::Resident { crate::keymap::Mode::Insert } else { crate::keymap::Mode::Normal }
}

/// What intake offers at its step.
pub(super) fn offers(i: &IntakeState) -> Vec<super::screen::Offer> {
    use super::overlay::Ask;
    use super::screen::Offer;
    use crate::action::Action;
    let keys: &[Action] = match i.step {
        Step::Resident => &[
            Action::Confirm,
            Action::NewResident,
            Action::Back,
            Action::ClearSearch,
            Action::Submit,
            Action::Up,
            Action::Down,
        ],
        Step::Materials => &[
            Action::ToggleMaterial,
            Action::LaterPromise,
            Action::EarlierPromise,
            Action::CycleChannel,
            Action::Confirm,
            Action::NewResident,
            Action::Back,
            Action::Submit,
            Action::Up,
            Action::Down,
            Action::First,
            Action::Last,
        ],
    };
    keys.iter()
        .map(|a| match (i.step, a) {
            // Going back from the materials clears the ticks: ask before they are lost.
            (Step::Materials, Action::Back) if i.ticked() > 0 => {
                Offer::yes(*a).asking(Ask::DropTicks(i.item.name.clone(), i.ticked()))
            }
            _ => Offer::yes(*a),
        })
        .collect()
}

/// An intake key: find the resident, then check the materials, then confirm.
pub(super) fn act(app: &mut super::App, action: crate::action::Action) -> Vec<super::Effect> {
    use crate::action::Action;
    let Some(i) = app.intake.as_mut() else { return vec![] };
    // A receipt's number scanned into the resident search opens that case (the intake waits).
    if i.step == Step::Resident && action == Action::Confirm {
        let q = i.query.text().to_string();
        if let Some(effects) = super::cases::open_number(app, &q) {
            if let Some(i) = app.intake.as_mut() {
                i.query.clear();
                i.found.set(app.residents.search(""));
            }
            return effects;
        }
    }
    let Some(i) = app.intake.as_mut() else { return vec![] };
    match (i.step, action) {
        (Step::Resident, Action::Up) => i.found.move_by(-1),
        (Step::Resident, Action::Down) => i.found.move_by(1),
        (Step::Resident, Action::Confirm | Action::Submit) => match i.found.hit() {
            Some(h) => {
                let r = app.residents.resident(h);
                i.choose(r);
            }
            None => {
                let q = i.query.text().to_string();
                super::residents::open_form(app, &q);
            }
        },
        (_, Action::NewResident) => {
            let q = i.query.text().to_string();
            super::residents::open_form(app, &q);
        }
        (Step::Resident, Action::Back) => {
            if i.query.text().is_empty() {
                app.intake = None;
            } else {
                i.query.clear();
                i.found.set(app.residents.search(""));
            }
        }
        (Step::Resident, Action::ClearSearch) => {
            i.query.clear();
            i.found.set(app.residents.search(""));
        }
        (Step::Materials, _) => return materials(app, action),
        _ => {}
    }
    vec![]
}

/// The materials step: mark each material, promise a date for a 容缺 one, then confirm.
fn materials(app: &mut super::App, action: crate::action::Action) -> Vec<super::Effect> {
    use crate::action::Action;
    use crate::domain::case::CaseError;
    let today = app.today();
    let Some(due) = app.intake.as_ref().map(|i| i.due(app)) else { return vec![] };
    let Some(i) = app.intake.as_mut() else { return vec![] };
    let name = i.item.materials.get(i.cursor).map(|m| m.name.clone()).unwrap_or_default();
    match action {
        Action::Up => i.cursor = i.cursor.saturating_sub(1),
        Action::Down => i.cursor = (i.cursor + 1).min(i.statuses.len().saturating_sub(1)),
        Action::First => i.cursor = 0,
        Action::Last => i.cursor = i.statuses.len().saturating_sub(1),
        Action::ToggleMaterial => {
            // Five working days, but never past the due date; none left before it: no 容缺.
            let promise = app.calendar.add_working_days(today, crate::domain::case::NOTICE_WINDOW_DAYS).min(due);
            let waivable = i.item.materials.get(i.cursor).is_some_and(|m| m.may_be_rongque());
            let was = i.statuses.get(i.cursor).copied();
            i.toggle((promise > today).then_some(promise));
            if waivable && was == Some(MaterialStatus::Presented) && promise <= today {
                app.toast(super::notice::Notice::CaseRefused(CaseError::PromiseAfterDue { name, due }));
            }
        }
        Action::LaterPromise | Action::EarlierPromise => {
            if let Some(MaterialStatus::Waived(d)) = i.statuses.get(i.cursor).copied() {
                let to = if action == Action::LaterPromise {
                    let later = app.calendar.next_working_day(d);
                    if later > due {
                        app.toast(super::notice::Notice::CaseRefused(CaseError::PromiseAfterDue { name, due }));
                        return vec![];
                    }
                    later
                } else {
                    // Never earlier than the next working day.
                    let mut back = d.pred_opt().unwrap_or(d);
                    while !app.calendar.is_working_day(back) && back > today {
                        back = back.pred_opt().unwrap_or(back);
                    }
                    back.max(app.calendar.next_working_day(today))
                };
                i.set_promise(to);
            }
        }
        Action::CycleChannel => i.cycle_channel(),
        Action::Back => {
            // Asked first when anything was ticked (see `offers`).
            i.statuses.iter_mut().for_each(|s| *s = MaterialStatus::Missing);
            i.cursor = 0;
            i.step = Step::Resident;
        }
        Action::Confirm | Action::Submit => {
            let Some(request) = i.request() else { return vec![] };
            match i.outcome(today, due) {
                Ok(outcome) => {
                    let due = (outcome == IntakeOutcome::Accept).then_some(due);
                    let preview = super::IntakePreview { outcome, due, request };
                    app.overlay = Some(super::overlay::Overlay::ConfirmIntake(preview));
                }
                Err(e) => app.toast(super::notice::Notice::CaseRefused(e)),
            }
        }
        _ => {}
    }
    vec![]
}

/// Typed text goes to the resident search while that step is on.
pub(super) fn text(app: &mut super::App, text: &str) -> Option<(super::input::InsertReport, usize)> {
    let i = app.intake.as_mut().filter(|i| i.step == Step::Resident)?;
    // Ranked after the update (`ranking::follow`), narrowing from intake's last keystroke.
    let r = i.query.insert(text);
    Some((r, i.query.max()))
}
