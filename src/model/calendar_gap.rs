//! A year the desk counts on the law's holidays alone, and what depends on it.

/// A year whose State Council holiday notice is not imported, with the open cases and bookings
/// whose dates rest on it (the supervisor's reminder to import it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CalendarGap {
    /// The year.
    pub year: i32,
    /// Open cases due in that year or later: their due dates are provisional.
    pub cases: usize,
    /// Appointments booked on days of that year.
    pub appointments: usize,
    /// Mediation room bookings on days of that year.
    pub rooms: usize,
}
