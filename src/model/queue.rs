//! What storage answers about queue, and how it refuses.

use super::error::StorageError;
use crate::domain::appointment::BookingError;
use crate::domain::queue::{Ticket, TicketState, Window};

/// Why a queue operation did not happen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueueError {
    /// The database failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// No such category, item, or a retired one.
    #[error("unknown category {0}")]
    UnknownCategory(String),
    /// No such window.
    #[error("no window {0}")]
    NoWindow(u16),
    /// Someone else is signed in at the window.
    #[error("window {window} is signed in by {operator}")]
    WindowTaken {
        /// The window.
        window: u16,
        /// Who has it.
        operator: String,
    },
    /// The operator is not signed in at any window.
    #[error("not signed in")]
    NotSignedIn,
    /// The window is paused.
    #[error("window paused: {0}")]
    Paused(String),
    /// A number is still open (called or being served) at the window: it must be finished,
    /// recorded as a no-show or sent on before another is called there.
    #[error("window {window} still has {number} open")]
    WindowBusy {
        /// The window.
        window: u16,
        /// The open number.
        number: String,
    },
    /// Nobody waits for this window.
    #[error("nobody waiting")]
    NobodyWaiting,
    /// No such ticket today.
    #[error("no such ticket")]
    NoTicket,
    /// The ticket is not in a state that allows it.
    #[error("ticket is {0:?}")]
    WrongState(TicketState),
    /// Someone else changed the ticket first.
    #[error("changed by someone else")]
    Conflict,
    /// A pause needs a reason; a green channel needs a reason.
    #[error("reason required")]
    ReasonRequired,
    /// An appointment rule refused it.
    #[error(transparent)]
    Booking(#[from] BookingError),
    /// Nobody is signed in at the window and nothing is open there.
    #[error("window {0} has nothing to free")]
    NothingToFree(u16),
    /// Numbers are open at the window: say whether they go back in line or are no-shows.
    #[error("window {window} has {numbers:?} open")]
    DecideOpen {
        /// The window.
        window: u16,
        /// The open numbers.
        numbers: Vec<String>,
    },
}

/// One category's line.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CategoryLine {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Prefix letter.
    pub prefix: char,
    /// Waiting now.
    pub waiting: usize,
    /// Alarm threshold.
    pub threshold: usize,
    /// Open windows serving it.
    pub open_windows: usize,
    /// Median service minutes today (fallback 10).
    pub median_minutes: u32,
}

/// Everything the queue screens and the board show.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueView {
    /// The day.
    pub day: String,
    /// Windows.
    pub windows: Vec<Window>,
    /// Today's tickets, in issue order.
    pub tickets: Vec<Ticket>,
    /// Lines per category with anyone waiting or a window serving it.
    pub lines: Vec<CategoryLine>,
}
