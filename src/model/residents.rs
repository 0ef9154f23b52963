//! What storage answers about residents, and how it refuses.

use crate::domain::resident::Resident;

/// The outcome of registering a resident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Registered {
    /// A new row.
    New(Resident),
    /// The identity number is already registered: here is that resident, unchanged.
    Existing(Resident),
}

/// Which masked field was revealed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Revealed {
    /// The identity number.
    IdNumber,
    /// The phone.
    Phone,
}

/// Why a resident's record was not changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResidentEditError {
    /// The database failed.
    #[error(transparent)]
    Storage(#[from] crate::model::StorageError),
    /// No resident has that row id.
    #[error("no such resident")]
    NotFound,
    /// A name or ID number is changed only by a supervisor (they identify the person in every case).
    #[error("only a supervisor changes a name or ID number")]
    OnlySupervisor,
    /// Another resident (named here) already has that ID number.
    #[error("ID number already on file for {0}")]
    DuplicateId(String),
    /// Someone changed the record after this form was opened: saving would overwrite it.
    #[error("changed since the form was opened")]
    ChangedSince,
}
