//! What storage answers about mediation, and how it refuses.

use super::error::StorageError;
use crate::domain::mediation::MediationError;
use chrono::NaiveDateTime;

/// Why a mediation operation did not happen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MediationOpError {
    /// The database failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// A rule refused it.
    #[error(transparent)]
    Rule(#[from] MediationError),
    /// No such case.
    #[error("not found")]
    NotFound,
}

/// A timeline entry of a mediation.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MediationEvent {
    /// When.
    pub at: NaiveDateTime,
    /// Who.
    pub operator: String,
    /// What: intake, a step word, performance, follow_up.
    pub kind: String,
    /// The text given.
    pub detail: String,
}
