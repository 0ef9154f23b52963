//! The Mediation screen's state: my cases (all for supervisors), the selected one in full.

use crate::domain::mediation::{DisputeType, MediationCase, Source};
use crate::storage::MediationEvent;

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
}

impl MediationState {
    /// The case under the cursor.
    pub fn selected_case(&self) -> Option<&MediationCase> {
        self.list.get(self.selected)
    }
}

/// The new-case form.
#[derive(Debug, Clone)]
pub struct MediationForm {
    /// Dispute type index in `DisputeType::ALL`.
    pub dispute: usize,
    /// Source index in `Source::ALL`.
    pub source: usize,
    /// Applicant name, applicant contact, respondent name, respondent contact, summary.
    pub inputs: Vec<super::input::Input>,
    /// Focused row: 0 dispute, 1 source, 2.. the inputs.
    pub focus: usize,
    /// The last save was refused for this reason.
    pub problem: Option<crate::domain::mediation::MediationError>,
}

impl Default for MediationForm {
    fn default() -> Self {
        MediationForm {
            dispute: 0,
            source: 0,
            inputs: [20, 30, 20, 30, 200].iter().map(|m| super::input::Input::new(*m)).collect(),
            focus: 0,
            problem: None,
        }
    }
}

impl MediationForm {
    /// Rows of the form.
    pub const ROWS: usize = 7;

    /// The dispute type chosen.
    pub fn dispute(&self) -> DisputeType {
        DisputeType::ALL[self.dispute % DisputeType::ALL.len()]
    }

    /// The source chosen.
    pub fn source(&self) -> Source {
        Source::ALL[self.source % Source::ALL.len()]
    }
}
