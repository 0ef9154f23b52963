//! What the scale generator wrote, for the command line to report.

/// What `generate` wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Generated {
    /// Residents added.
    pub residents: usize,
    /// Members added.
    pub members: usize,
    /// Tickets of past days.
    pub tickets: usize,
    /// Cases of past days.
    pub cases: usize,
    /// Appointments of past days.
    pub appointments: usize,
    /// Room bookings of past days.
    pub bookings: usize,
    /// Activities of past days.
    pub activities: usize,
    /// Service records of those activities.
    pub records: usize,
    /// Residents' requests on the grid.
    pub requests: usize,
}
