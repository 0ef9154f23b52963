//! What storage answers about rooms, and how it refuses.

use super::error::StorageError;
use crate::domain::room::{Booking, RoomError};

/// Why a room operation did not happen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RoomOpError {
    /// The database failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// A booking rule refused it.
    #[error(transparent)]
    Rule(#[from] RoomError),
    /// Only the booking's mediator or a supervisor may change it; only mediators book.
    #[error("not yours")]
    NotYours,
    /// No such booking.
    #[error("not found")]
    NotFound,
    /// Someone else changed it first.
    #[error("conflict")]
    Conflict,
    /// A cancel needs a reason.
    #[error("reason required")]
    ReasonRequired,
    /// A room with bookings still to come is not retired: these must be moved or cancelled first.
    #[error("room has future bookings")]
    FutureBookings(Vec<Booking>),
    /// The cursor is on a free cell: there is no booking there to move or cancel.
    #[error("no booking here")]
    NoBookingHere,
    /// The purpose is written as a case number, but of a case this mediator may not read.
    #[error("not your case")]
    CaseNotYours(String),
    /// The booking is not one of a weekly series.
    #[error("not a series")]
    NotASeries,
    /// Moving a series from one date on: this date of it cannot go there (nothing was moved).
    #[error("series date refused")]
    SeriesDate(chrono::NaiveDate, RoomError),
    /// The purpose is written as a case number, but no case has it.
    #[error("no such case")]
    NoSuchCase(String),
}
