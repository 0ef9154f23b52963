//! Windows whose clerk has gone: the session that ends signs its clerk out, and a supervisor
//! frees a window left signed in (a session killed without a chance to clean up) or with a
//! number still open.

use super::AuditEntry;
use super::Db;
use super::queue::{QueueError, QueueResult, load_tickets, load_windows};
use crate::domain::queue::{OpenFate, open_at};
pub use crate::model::windows::Freed;
use rusqlite::params;

impl Db {
    /// Frees window `n` (supervisors): signs out whoever is signed in and settles the numbers
    /// still open there. With numbers open, `fate` must say what becomes of them.
    pub fn free_window(&mut self, by: &str, n: u16, fate: Option<OpenFate>) -> QueueResult<Freed> {
        self.queue_write(by, |tx, ctx| {
            let w = load_windows(tx)?.into_iter().find(|w| w.number == n).ok_or(QueueError::NoWindow(n))?;
            let tickets = load_tickets(tx, &ctx.day, ctx.now.date())?;
            let open: Vec<_> = open_at(&tickets, n).into_iter().cloned().collect();
            if w.operator.is_none() && open.is_empty() {
                return Err(QueueError::NothingToFree(n));
            }
            let numbers: Vec<String> = open.iter().map(|t| t.number.clone()).collect();
            let fate = match (fate, open.is_empty()) {
                (_, true) => None,
                (Some(f), false) => Some(f),
                (None, false) => return Err(QueueError::DecideOpen { window: n, numbers }),
            };
            tx.execute("UPDATE windows SET operator = NULL, signed_in_at = NULL WHERE number = ?1", [n])?;
            for t in &open {
                match fate {
                    Some(OpenFate::NoShow) => tx.execute(
                        "UPDATE queue_tickets SET state = 'no_show', finished_at = ?2, version = version + 1
                         WHERE id = ?1",
                        params![t.id, ctx.now_text],
                    )?,
                    // Its place in line (order_at) is kept: the resident did nothing wrong.
                    _ => tx.execute(
                        "UPDATE queue_tickets SET state = 'waiting', window = NULL, called_at = NULL, recalls = 0,
                             version = version + 1 WHERE id = ?1",
                        [t.id],
                    )?,
                };
            }
            let what = match fate {
                None => String::new(),
                Some(OpenFate::BackInLine) => format!("; {} back in line", numbers.join(",")),
                Some(OpenFate::NoShow) => format!("; {} no-show", numbers.join(",")),
            };
            let who =
                w.operator.clone().map(|o| format!("signed out {o}")).unwrap_or_else(|| "nobody signed in".into());
            let freed = Freed { window: n, signed_out: w.operator, numbers, fate };
            Ok((freed, vec![AuditEntry::new("window.free", "window", n.to_string(), format!("{who}{what}"))]))
        })
    }

    /// At the end of `login`'s session (quit, hang-up, terminated): signs them out of their
    /// window; a number left open stays open, for the dashboard and board to show and a
    /// supervisor to settle. `None` when they were not signed in.
    pub fn end_session(&mut self, login: &str, how: &str) -> QueueResult<Option<u16>> {
        self.queue_write(login, |tx, _| {
            let Some(w) = load_windows(tx)?.into_iter().find(|w| w.operator.as_deref() == Some(login)) else {
                return Ok((None, vec![]));
            };
            tx.execute("UPDATE windows SET operator = NULL, signed_in_at = NULL WHERE number = ?1", [w.number])?;
            let summary = format!("{login}: session ended ({how})");
            Ok((Some(w.number), vec![AuditEntry::new("window.sign_out", "window", w.number.to_string(), summary)]))
        })
    }
}
