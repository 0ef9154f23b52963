//! The Queue screen's state: today's queue as this clerk's window sees it.

use crate::domain::queue::{Outcome, Ticket, TicketState, Why, Window, call_order, current_at, why};
use crate::storage::QueueView;

/// A queue operation the clerk asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueueOp {
    /// Sign in at this window.
    SignIn(u16),
    /// Sign out.
    SignOut,
    /// Pause with a reason, or resume (None).
    Pause(Option<String>),
    /// Call the next ticket.
    CallNext,
    /// Call this waiting ticket.
    Call(i64, i64),
    /// Call again.
    Recall(i64, i64),
    /// The resident is at the window.
    Serve(i64, i64),
    /// Stepped away.
    Park(i64, i64),
    /// Call a parked ticket back.
    CallBack(i64, i64),
    /// Did not come.
    NoShow(i64, i64),
    /// Back in line behind the next two.
    Reinstate(i64, i64),
    /// To another category (code, letter, name or item).
    Transfer(i64, i64, String),
    /// Finished with an outcome.
    Finish(i64, i64, Outcome),
    /// Issue a number (front desk), green with a reason.
    Take(String, Option<String>),
    /// Link the case accepted during the visit.
    LinkCase(i64, i64),
}

/// State of the Queue screen.
#[derive(Debug, Clone, Default)]
pub struct QueueState {
    /// Today's queue.
    pub view: QueueView,
    /// Row under the cursor in the list of others (waiting, parked, no-shows).
    pub selected: usize,
    /// Loaded at least once.
    pub loaded: bool,
}

impl QueueState {
    /// The window `login` is signed in at.
    pub fn my_window(&self, login: &str) -> Option<&Window> {
        self.view.windows.iter().find(|w| w.operator.as_deref() == Some(login))
    }

    /// The ticket at my window now.
    pub fn current(&self, login: &str) -> Option<&Ticket> {
        let w = self.my_window(login)?;
        current_at(&self.view.tickets, w)
    }

    /// The list under the current ticket: those my window can call (in call order, with
    /// why), then my parked tickets and today's no-shows (to call back or reinstate).
    pub fn rows(&self, login: &str) -> Vec<(&Ticket, Option<Why>)> {
        let w = self.my_window(login);
        let mut rows: Vec<(&Ticket, Option<Why>)> =
            call_order(&self.view.tickets, w).into_iter().map(|t| (t, Some(why(t)))).collect();
        for t in &self.view.tickets {
            let mine = w.is_some_and(|w| t.window == Some(w.number));
            if (t.state == TicketState::Parked && mine) || t.state == TicketState::NoShow {
                rows.push((t, None));
            }
        }
        rows
    }

    /// The ticket under the cursor.
    pub fn selected_ticket(&self, login: &str) -> Option<&Ticket> {
        self.rows(login).get(self.selected).map(|r| r.0)
    }
}
