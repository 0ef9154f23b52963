//! The queue: its errors and views, and the windows (signing in and out, pausing, thresholds,
//! closing the day). A ticket's life is in `calls`, reading the line and its waits in `reads`.

mod calls;
mod reads;

pub(super) use calls::insert_ticket;
use calls::settle_open;
pub(super) use reads::{load_tickets, load_windows};

use super::{AuditEntry, Db};
use crate::domain::queue::{Previous, Ticket, Window};
pub use crate::model::queue::{CategoryLine, QueueError, QueueView};
use chrono::NaiveDateTime;
use rusqlite::{OptionalExtension, Transaction, params};

impl From<rusqlite::Error> for QueueError {
    fn from(e: rusqlite::Error) -> Self {
        // The partial unique index answers a second open number at a window, whoever got past
        // the check first; say which rule it was, not the SQL.
        if e.to_string().contains("queue_tickets.day, queue_tickets.window") {
            return QueueError::WindowBusy { window: 0, number: String::new() };
        }
        QueueError::Storage(e.into())
    }
}

/// Refuses to call another number to `window` while one is still open there.
pub(super) fn window_free(tx: &rusqlite::Connection, day: &str, window: u16) -> QueueResult<()> {
    let open: Option<String> = tx
        .query_row(
            "SELECT number FROM queue_tickets WHERE day = ?1 AND window = ?2 AND state IN ('called','serving')",
            rusqlite::params![day, window],
            |r| r.get(0),
        )
        .optional()?;
    match open {
        Some(number) => Err(QueueError::WindowBusy { window, number }),
        None => Ok(()),
    }
}

/// Result of queue operations.
pub type QueueResult<T> = std::result::Result<T, QueueError>;

/// A ticket with its place in line.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Issued {
    /// The ticket.
    pub ticket: Ticket,
    /// 1 = next.
    pub position: usize,
    /// Minutes.
    pub estimated_wait_min: u32,
}

/// Resolves what a kiosk typed: a category code, prefix letter or name, or an item's code or
/// name (its category). Retired categories are refused.
fn resolve_category(tx: &rusqlite::Connection, what: &str) -> QueueResult<(String, char)> {
    let w = what.trim();
    let found: Option<(String, String, bool)> = tx
        .query_row(
            "SELECT code, prefix, retired FROM categories WHERE code = ?1 OR prefix = ?1 OR name = ?2
             UNION ALL
             SELECT c.code, c.prefix, c.retired FROM service_items s JOIN categories c ON c.code = s.category
             WHERE (s.code = ?1 OR s.name = ?2) AND s.retired = 0
             LIMIT 1",
            params![w.to_uppercase(), w],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    match found {
        Some((code, prefix, false)) => Ok((code, prefix.chars().next().unwrap_or('?'))),
        _ => Err(QueueError::UnknownCategory(crate::domain::text::sanitize(w))),
    }
}

impl Db {
    /// Runs a queue operation in one write transaction: `f` checks the rules before writing;
    /// a refusal writes nothing. Tickets of earlier days still open are expired first.
    pub(super) fn queue_write<T>(
        &mut self,
        by: &str,
        f: impl FnOnce(&Transaction<'_>, &QCtx) -> QueueResult<(T, Vec<AuditEntry>)>,
    ) -> QueueResult<T> {
        let now = self.clock.now();
        let ctx = QCtx {
            now: now.naive_local(),
            now_text: self.clock.now_text(),
            day: now.date_naive().to_string(),
            offset: *now.offset(),
        };
        self.write_or_refuse(by, |tx| {
            tx.execute(
                // Named, or the planner walks a year of closed tickets by day every write.
                "UPDATE queue_tickets INDEXED BY queue_tickets_open SET state = 'expired', version = version + 1
                 WHERE day < ?1 AND state IN ('waiting','called','serving','parked')",
                [&ctx.day],
            )?;
            f(tx, &ctx)
        })
    }

    /// Every window.
    pub fn windows(&self) -> super::Result<Vec<Window>> {
        Ok(load_windows(&self.conn)?)
    }

    /// Creates or changes a window (supervisors).
    pub fn set_window(&mut self, by: &str, number: u16, name: &str, categories: &[String]) -> super::Result<()> {
        let cats = categories.join(",");
        let (name, n) = (name.to_string(), number);
        self.write(by, |tx| {
            tx.execute(
                "INSERT INTO windows (number, name, categories) VALUES (?1, ?2, ?3)
                 ON CONFLICT (number) DO UPDATE SET name = excluded.name, categories = excluded.categories",
                params![n, name, cats],
            )?;
            Ok(((), vec![AuditEntry::new("window.set", "window", n.to_string(), format!("{name} {cats}"))]))
        })
    }

    /// Signs `by` in at `window`, out of any other; a window someone else holds is refused.
    pub fn sign_in(&mut self, by: &str, window: u16) -> QueueResult<Window> {
        let login = by.to_string();
        self.queue_write(by, |tx, ctx| {
            let w = load_windows(tx)?.into_iter().find(|w| w.number == window).ok_or(QueueError::NoWindow(window))?;
            if let Some(op) = w.operator.as_ref().filter(|op| **op != login) {
                return Err(QueueError::WindowTaken { window, operator: op.clone() });
            }
            tx.execute("UPDATE windows SET operator = NULL, signed_in_at = NULL WHERE operator = ?1", [&login])?;
            tx.execute(
                "UPDATE windows SET operator = ?2, signed_in_at = ?3 WHERE number = ?1",
                params![window, login, ctx.now_text],
            )?;
            let w = load_windows(tx)?.into_iter().find(|w| w.number == window).ok_or(QueueError::NoWindow(window))?;
            Ok((w, vec![AuditEntry::new("window.sign_in", "window", window.to_string(), login.clone())]))
        })
    }

    /// Signs `by` out of their window. A number still open there goes back in line, keeping
    /// its place, so no closed desk holds a resident (the screen asks before, naming it).
    pub fn sign_out(&mut self, by: &str) -> QueueResult<()> {
        let login = by.to_string();
        self.queue_write(by, |tx, ctx| {
            let w = my_window(tx, &login)?;
            let mut audit = settle_open(tx, ctx, w.number, Previous::BackInLine, "window signed out")?;
            tx.execute("UPDATE windows SET operator = NULL, signed_in_at = NULL WHERE number = ?1", [w.number])?;
            audit.push(AuditEntry::new("window.sign_out", "window", login.clone(), login.clone()));
            Ok(((), audit))
        })
    }

    /// Pauses (with a reason) or resumes `by`'s window. Pausing sends a number still open there
    /// back in line, keeping its place, as signing out does.
    pub fn pause_window(&mut self, by: &str, reason: Option<&str>) -> QueueResult<Window> {
        let login = by.to_string();
        let reason = reason.map(|r| crate::domain::text::clean_field(r, 100).0);
        self.queue_write(by, |tx, ctx| {
            let w = my_window(tx, &login)?;
            if reason.as_deref() == Some("") {
                return Err(QueueError::ReasonRequired);
            }
            let mut audit = match reason {
                Some(_) => settle_open(tx, ctx, w.number, Previous::BackInLine, "window paused")?,
                None => vec![],
            };
            tx.execute("UPDATE windows SET paused = ?2 WHERE number = ?1", params![w.number, reason])?;
            let fresh = my_window(tx, &login)?;
            let summary = reason.clone().unwrap_or_else(|| "resume".into());
            audit.push(AuditEntry::new("window.pause", "window", w.number.to_string(), summary));
            Ok((fresh, audit))
        })
    }

    /// Sets a category's waiting-count alarm threshold; returns the category code.
    pub fn set_threshold(&mut self, by: &str, what: &str, count: u32) -> QueueResult<String> {
        let what = what.to_string();
        self.queue_write(by, |tx, _| {
            let (code, _) = resolve_category(tx, &what)?;
            tx.execute("UPDATE categories SET alarm_threshold = ?2 WHERE code = ?1", params![code, count])?;
            let entry = AuditEntry::new("category.threshold", "category", code.clone(), count.to_string());
            Ok((code, vec![entry]))
        })
    }

    /// At closing: every ticket still waiting, called or parked today expires.
    pub fn close_day(&mut self, by: &str) -> QueueResult<usize> {
        self.queue_write(by, |tx, ctx| {
            let n = tx.execute(
                "UPDATE queue_tickets SET state = 'expired', version = version + 1
                 WHERE day = ?1 AND state IN ('waiting','called','parked')",
                [&ctx.day],
            )?;
            let booked = tx
                .execute("UPDATE appointments SET state = 'no_show' WHERE day = ?1 AND state = 'booked'", [&ctx.day])?;
            let summary = format!("{n} tickets expired, {booked} appointments no-show");
            Ok((n, vec![AuditEntry::new("queue.close", "queue", ctx.day.clone(), summary)]))
        })
    }
}

/// The moment a queue write happens.
pub(super) struct QCtx {
    pub(super) now: NaiveDateTime,
    pub(super) now_text: String,
    pub(super) day: String,
    pub(super) offset: chrono::FixedOffset,
}

fn my_window(tx: &rusqlite::Connection, login: &str) -> QueueResult<Window> {
    load_windows(tx)?.into_iter().find(|w| w.operator.as_deref() == Some(login)).ok_or(QueueError::NotSignedIn)
}

fn open_window(tx: &rusqlite::Connection, login: &str) -> QueueResult<Window> {
    let w = my_window(tx, login)?;
    match &w.paused {
        Some(reason) => Err(QueueError::Paused(reason.clone())),
        None => Ok(w),
    }
}
