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
