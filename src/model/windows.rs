//! What storage answers about windows, and how it refuses.

use crate::domain::queue::OpenFate;

/// What freeing a window did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Freed {
    /// The window.
    pub window: u16,
    /// The clerk signed out, if one was still signed in.
    pub signed_out: Option<String>,
    /// The numbers that were open there.
    pub numbers: Vec<String>,
    /// What became of them.
    pub fate: Option<OpenFate>,
}
