//! Intake (受理): from a catalog item, find or register the resident, tick the materials
//! actually presented, then accept or hand over the one-time notice.

use super::input::Input;
use crate::domain::case::{CaseMaterial, Channel, IntakeOutcome, MaterialStatus, intake_outcome};
use crate::domain::catalog::ServiceItem;
use crate::domain::resident::Resident;
use crate::domain::text::MAX_FIELD_CHARS;
use crate::search::Hit;
use crate::storage::IntakeRequest;
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
    /// Residents matching the search.
    pub hits: Vec<Hit>,
    /// Index into `hits`.
    pub selected: usize,
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
            hits: Vec::new(),
            selected: 0,
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

    /// Cycles the material under the cursor: missing → presented → 容缺 (promised in five
    /// working days, from `promise`) → missing.
    pub fn toggle(&mut self, promise: NaiveDate) {
        let Some(s) = self.statuses.get_mut(self.cursor) else { return };
        *s = match *s {
            MaterialStatus::Missing => MaterialStatus::Presented,
            MaterialStatus::Presented => MaterialStatus::Waived(promise),
            MaterialStatus::Waived(_) => MaterialStatus::Missing,
        };
    }

    /// Moves a 容缺 promise to `to`.
    pub fn set_promise(&mut self, to: NaiveDate) {
        if let Some(s @ MaterialStatus::Waived(_)) = self.statuses.get_mut(self.cursor) {
            *s = MaterialStatus::Waived(to);
        }
    }

    /// The checklist as it stands.
    pub fn checklist(&self) -> Vec<CaseMaterial> {
        self.item
            .materials
            .iter()
            .zip(&self.statuses)
            .map(|(m, s)| CaseMaterial {
                name: m.name.clone(),
                required: m.required,
                status: *s,
                original_received: None,
                original_returned: None,
            })
            .collect()
    }

    /// What submitting would do today (or why it cannot).
    pub fn outcome(&self, today: NaiveDate) -> Result<IntakeOutcome, crate::domain::case::CaseError> {
        intake_outcome(&self.checklist(), today)
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
