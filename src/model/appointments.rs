//! What storage answers about appointments, and how it refuses.

use chrono::NaiveTime;

/// One slot of a day for a category.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Slot {
    /// Start.
    pub at: NaiveTime,
    /// Places (windows serving the category).
    pub capacity: usize,
    /// Booked places (booked, checked in or late).
    pub booked: usize,
}
