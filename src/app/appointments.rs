//! The Appointments screen's state: one day of one category, slot by slot.

use crate::domain::appointment::{Appointment, AppointmentState};
use crate::storage::Slot;
use chrono::NaiveDate;

/// A row of the day view: a slot, or a booking in the slot above it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A slot with its places.
    Slot(Slot),
    /// A booking.
    Booking(Appointment),
}

/// State of the Appointments screen.
#[derive(Debug, Clone, Default)]
pub struct AppointmentsState {
    /// The day shown (today until changed).
    pub day: Option<NaiveDate>,
    /// Category code shown.
    pub category: Option<String>,
    /// Slots and bookings, in time order.
    pub rows: Vec<Row>,
    /// Row under the cursor.
    pub selected: usize,
    /// Loaded at least once.
    pub loaded: bool,
}

impl AppointmentsState {
    /// Interleaves slots and their bookings (cancelled ones last in their slot, dimmed).
    pub fn set(&mut self, slots: Vec<Slot>, bookings: Vec<Appointment>) {
        let mut rows = Vec::new();
        for s in slots {
            let at = s.at;
            rows.push(Row::Slot(s));
            let mut here: Vec<&Appointment> = bookings.iter().filter(|a| a.at == at).collect();
            here.sort_by_key(|a| (a.state == AppointmentState::Cancelled, a.id));
            rows.extend(here.into_iter().cloned().map(Row::Booking));
        }
        self.rows = rows;
        self.loaded = true;
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    /// The row under the cursor.
    pub fn selected_row(&self) -> Option<&Row> {
        self.rows.get(self.selected)
    }
}
