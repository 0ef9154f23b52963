//! The queue: windows, tickets allocated without gaps or duplicates, calling, and stats.

use super::{AuditEntry, Db, StorageError};
use crate::domain::appointment::BookingError;
use crate::domain::queue::{
    MAX_RECALLS, Outcome, Ticket, TicketState, Why, Window, call_order, estimated_wait, median_minutes, next_for,
    number, reinstate_order_at,
};
use chrono::{DateTime, NaiveDateTime, NaiveTime};
use rusqlite::{OptionalExtension, Row, Transaction, params};

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

impl From<rusqlite::Error> for QueueError {
    fn from(e: rusqlite::Error) -> Self {
        QueueError::Storage(e.into())
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

const TICKET_COLUMNS: &str = "t.id, t.day, t.number, t.category, t.state, t.green, t.resident_id, t.appointment_at,
    t.for_window, t.issued_at, t.order_at, t.window, t.called_at, t.recalls, t.served_at, t.finished_at, t.outcome,
    t.case_id, t.version, r.id_number
    FROM queue_tickets t LEFT JOIN residents r ON r.id = t.resident_id";

fn time(s: Option<String>) -> Option<NaiveDateTime> {
    s.and_then(|s| DateTime::parse_from_rfc3339(&s).ok()).map(|t| t.naive_local())
}

fn row_to_ticket(r: &Row<'_>, today: chrono::NaiveDate) -> rusqlite::Result<Ticket> {
    let bad = |i: usize| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, "ticket".into());
    let state: String = r.get(4)?;
    let appt: Option<String> = r.get(7)?;
    let outcome: Option<String> = r.get(16)?;
    let id_number: Option<String> = r.get(19)?;
    let age = id_number
        .as_deref()
        .and_then(crate::domain::resident::birth_date)
        .map(|b| crate::domain::resident::age_on(b, today));
    Ok(Ticket {
        id: r.get(0)?,
        day: r.get(1)?,
        number: r.get(2)?,
        category: r.get(3)?,
        state: TicketState::from_str_opt(&state).ok_or_else(|| bad(4))?,
        green: r.get(5)?,
        age,
        resident_id: r.get(6)?,
        appointment_at: appt.and_then(|s| NaiveTime::parse_from_str(&s, "%H:%M").ok()),
        for_window: r.get(8)?,
        issued_at: time(r.get(9)?).ok_or_else(|| bad(9))?,
        order_at: time(r.get(10)?).ok_or_else(|| bad(10))?,
        window: r.get(11)?,
        called_at: time(r.get(12)?),
        recalls: r.get(13)?,
        served_at: time(r.get(14)?),
        finished_at: time(r.get(15)?),
        outcome: outcome.as_deref().and_then(Outcome::from_str_opt),
        case_id: r.get(17)?,
        version: r.get(18)?,
    })
}

fn row_to_window(r: &Row<'_>) -> rusqlite::Result<Window> {
    let cats: String = r.get(2)?;
    Ok(Window {
        number: r.get(0)?,
        name: r.get(1)?,
        categories: cats.split(',').filter(|c| !c.is_empty()).map(str::to_string).collect(),
        paused: r.get(3)?,
        operator: r.get(4)?,
    })
}

pub(super) fn load_windows(tx: &rusqlite::Connection) -> rusqlite::Result<Vec<Window>> {
    let mut stmt =
        tx.prepare_cached("SELECT number, name, categories, paused, operator FROM windows ORDER BY number")?;
    let rows = stmt.query_map([], row_to_window)?;
    rows.collect()
}

pub(super) fn load_tickets(
    tx: &rusqlite::Connection,
    day: &str,
    today: chrono::NaiveDate,
) -> rusqlite::Result<Vec<Ticket>> {
    let mut stmt = tx.prepare_cached(&format!("SELECT {TICKET_COLUMNS} WHERE t.day = ?1 ORDER BY t.id"))?;
    let rows = stmt.query_map([day], |r| row_to_ticket(r, today))?;
    rows.collect()
}

fn load_ticket(tx: &rusqlite::Connection, id: i64, today: chrono::NaiveDate) -> rusqlite::Result<Option<Ticket>> {
    tx.query_row(&format!("SELECT {TICKET_COLUMNS} WHERE t.id = ?1"), [id], |r| row_to_ticket(r, today)).optional()
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

    /// Signs `by` out of their window.
    pub fn sign_out(&mut self, by: &str) -> QueueResult<()> {
        let login = by.to_string();
        self.queue_write(by, |tx, _| {
            let n =
                tx.execute("UPDATE windows SET operator = NULL, signed_in_at = NULL WHERE operator = ?1", [&login])?;
            if n == 0 {
                return Err(QueueError::NotSignedIn);
            }
            Ok(((), vec![AuditEntry::new("window.sign_out", "window", login.clone(), login.clone())]))
        })
    }

    /// Pauses (with a reason) or resumes `by`'s window.
    pub fn pause_window(&mut self, by: &str, reason: Option<&str>) -> QueueResult<Window> {
        let login = by.to_string();
        let reason = reason.map(|r| crate::domain::text::clean_field(r, 100).0);
        self.queue_write(by, |tx, _| {
            let w = my_window(tx, &login)?;
            if reason.as_deref() == Some("") {
                return Err(QueueError::ReasonRequired);
            }
            tx.execute("UPDATE windows SET paused = ?2 WHERE number = ?1", params![w.number, reason])?;
            let fresh = my_window(tx, &login)?;
            let summary = reason.clone().unwrap_or_else(|| "resume".into());
            Ok((fresh, vec![AuditEntry::new("window.pause", "window", w.number.to_string(), summary)]))
        })
    }

    /// Issues the next number of a category (or of an item's category): prefix plus at least
    /// three digits, per category per day, inside one `BEGIN IMMEDIATE` transaction, so that
    /// any number of sessions and kiosks never duplicate or skip a number.
    pub fn take_ticket(
        &mut self,
        by: &str,
        what: &str,
        green: Option<&str>,
        resident_id: Option<i64>,
    ) -> QueueResult<Issued> {
        let what = what.to_string();
        let green = green.map(|g| crate::domain::text::clean_field(g, 40).0);
        self.queue_write(by, |tx, ctx| {
            if green.as_deref() == Some("") {
                return Err(QueueError::ReasonRequired);
            }
            let (code, prefix) = resolve_category(tx, &what)?;
            let t = insert_ticket(tx, ctx, by, &code, prefix, green.as_deref(), resident_id, None, None)?;
            let issued = placed(tx, ctx, t)?;
            let summary = format!("{} {}", issued.ticket.number, code);
            let entry = AuditEntry::new("ticket.take", "ticket", issued.ticket.id.to_string(), summary);
            Ok((issued, vec![entry]))
        })
    }

    /// Calls the next ticket for `by`'s window: atomic, so two windows pressing at the same
    /// instant get two different tickets.
    pub fn call_next(&mut self, by: &str) -> QueueResult<(Ticket, Why)> {
        let login = by.to_string();
        self.queue_write(by, |tx, ctx| {
            let w = open_window(tx, &login)?;
            let today = ctx.now.date();
            let tickets = load_tickets(tx, &ctx.day, today)?;
            let (t, why) = next_for(&tickets, &w).ok_or(QueueError::NobodyWaiting)?;
            let id = t.id;
            tx.execute(
                "UPDATE queue_tickets SET state = 'called', window = ?2, called_at = ?3, version = version + 1
                 WHERE id = ?1 AND state = 'waiting'",
                params![id, w.number, ctx.now_text],
            )?;
            let fresh = load_ticket(tx, id, today)?.ok_or(QueueError::NoTicket)?;
            let summary = format!("{} → {}", fresh.number, w.number);
            Ok(((fresh, why), vec![AuditEntry::new("ticket.call", "ticket", id.to_string(), summary)]))
        })
    }

    /// Calls a chosen waiting ticket to `by`'s window.
    pub fn call_ticket(&mut self, by: &str, id: i64, version: i64) -> QueueResult<Ticket> {
        self.ticket_change(by, id, version, "ticket.call", |tx, ctx, t, w| {
            if t.state != TicketState::Waiting {
                return Err(QueueError::WrongState(t.state));
            }
            let w = w?;
            let callable = call_order(std::slice::from_ref(t), Some(&w)).len() == 1;
            if !callable {
                return Err(QueueError::UnknownCategory(t.category.clone()));
            }
            tx.execute(
                "UPDATE queue_tickets SET state = 'called', window = ?2, called_at = ?3 WHERE id = ?1",
                params![t.id, w.number, ctx.now_text],
            )?;
            Ok(())
        })
    }

    /// Calls a called ticket again; after three recalls it becomes a no-show (过号).
    pub fn recall(&mut self, by: &str, id: i64, version: i64) -> QueueResult<Ticket> {
        self.ticket_change(by, id, version, "ticket.recall", |tx, ctx, t, _| {
            if t.state != TicketState::Called {
                return Err(QueueError::WrongState(t.state));
            }
            if t.recalls >= MAX_RECALLS {
                tx.execute(
                    "UPDATE queue_tickets SET state = 'no_show', finished_at = ?2 WHERE id = ?1",
                    params![t.id, ctx.now_text],
                )?;
            } else {
                tx.execute(
                    "UPDATE queue_tickets SET recalls = recalls + 1, called_at = ?2 WHERE id = ?1",
                    params![t.id, ctx.now_text],
                )?;
            }
            Ok(())
        })
    }

    /// Marks a called ticket a no-show at once.
    pub fn no_show(&mut self, by: &str, id: i64, version: i64) -> QueueResult<Ticket> {
        self.ticket_change(by, id, version, "ticket.no_show", |tx, ctx, t, _| {
            if !matches!(t.state, TicketState::Called | TicketState::Parked) {
                return Err(QueueError::WrongState(t.state));
            }
            tx.execute(
                "UPDATE queue_tickets SET state = 'no_show', finished_at = ?2 WHERE id = ?1",
                params![t.id, ctx.now_text],
            )?;
            Ok(())
        })
    }

    /// Puts a no-show back in line behind the next two waiting.
    pub fn reinstate(&mut self, by: &str, id: i64, version: i64) -> QueueResult<Ticket> {
        self.ticket_change(by, id, version, "ticket.reinstate", |tx, ctx, t, _| {
            if t.state != TicketState::NoShow {
                return Err(QueueError::WrongState(t.state));
            }
            let tickets = load_tickets(tx, &ctx.day, ctx.now.date())?;
            let order = reinstate_order_at(&tickets, &t.category, ctx.now);
            let order = order
                .and_local_timezone(ctx.offset)
                .single()
                .map(|d| d.format("%Y-%m-%dT%H:%M:%S%.3f%:z").to_string())
                .unwrap_or(ctx.now_text.clone());
            tx.execute(
                "UPDATE queue_tickets SET state = 'waiting', window = NULL, called_at = NULL, recalls = 0,
                     finished_at = NULL, order_at = ?2 WHERE id = ?1",
                params![t.id, order],
            )?;
            Ok(())
        })
    }

    /// The resident arrived at the window.
    pub fn start_serving(&mut self, by: &str, id: i64, version: i64) -> QueueResult<Ticket> {
        self.ticket_change(by, id, version, "ticket.serve", |tx, ctx, t, _| {
            if t.state != TicketState::Called {
                return Err(QueueError::WrongState(t.state));
            }
            tx.execute(
                "UPDATE queue_tickets SET state = 'serving', served_at = ?2 WHERE id = ?1",
                params![t.id, ctx.now_text],
            )?;
            Ok(())
        })
    }

    /// The resident stepped away (to copy a document); the window calls them back later.
    pub fn park(&mut self, by: &str, id: i64, version: i64) -> QueueResult<Ticket> {
        self.ticket_change(by, id, version, "ticket.park", |tx, _, t, _| {
            if !matches!(t.state, TicketState::Called | TicketState::Serving) {
                return Err(QueueError::WrongState(t.state));
            }
            tx.execute("UPDATE queue_tickets SET state = 'parked' WHERE id = ?1", [t.id])?;
            Ok(())
        })
    }

    /// Calls a parked ticket back to `by`'s window.
    pub fn call_back(&mut self, by: &str, id: i64, version: i64) -> QueueResult<Ticket> {
        self.ticket_change(by, id, version, "ticket.call_back", |tx, ctx, t, w| {
            if t.state != TicketState::Parked {
                return Err(QueueError::WrongState(t.state));
            }
            let w = w?;
            tx.execute(
                "UPDATE queue_tickets SET state = 'called', window = ?2, called_at = ?3 WHERE id = ?1",
                params![t.id, w.number, ctx.now_text],
            )?;
            Ok(())
        })
    }

    /// Sends a ticket to another category and/or window; it keeps its place by issue time.
    pub fn transfer(&mut self, by: &str, id: i64, version: i64, to: &str, window: Option<u16>) -> QueueResult<Ticket> {
        let to = to.to_string();
        self.ticket_change(by, id, version, "ticket.transfer", |tx, _, t, _| {
            if !matches!(
                t.state,
                TicketState::Called | TicketState::Serving | TicketState::Parked | TicketState::Waiting
            ) {
                return Err(QueueError::WrongState(t.state));
            }
            let (code, _) = resolve_category(tx, &to)?;
            if let Some(n) = window
                && !load_windows(tx)?.iter().any(|w| w.number == n)
            {
                return Err(QueueError::NoWindow(n));
            }
            tx.execute(
                "UPDATE queue_tickets SET state = 'waiting', category = ?2, for_window = ?3, window = NULL,
                     called_at = NULL, served_at = NULL, recalls = 0 WHERE id = ?1",
                params![t.id, code, window],
            )?;
            Ok(())
        })
    }

    /// Finishes a visit with its outcome (and the case accepted, if any).
    pub fn finish(&mut self, by: &str, id: i64, version: i64, outcome: Outcome) -> QueueResult<Ticket> {
        self.ticket_change(by, id, version, "ticket.finish", |tx, ctx, t, _| {
            if !matches!(t.state, TicketState::Called | TicketState::Serving) {
                return Err(QueueError::WrongState(t.state));
            }
            tx.execute(
                "UPDATE queue_tickets SET state = 'done', outcome = ?2, finished_at = ?3,
                     served_at = coalesce(served_at, called_at) WHERE id = ?1",
                params![t.id, outcome.as_str(), ctx.now_text],
            )?;
            Ok(())
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

    /// Links the case accepted during a visit to its ticket.
    pub fn link_case(&mut self, by: &str, id: i64, case_id: i64) -> QueueResult<()> {
        self.queue_write(by, |tx, _| {
            tx.execute(
                "UPDATE queue_tickets SET case_id = ?2, version = version + 1 WHERE id = ?1",
                params![id, case_id],
            )?;
            Ok(((), vec![AuditEntry::new("ticket.link_case", "ticket", id.to_string(), case_id.to_string())]))
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

    fn ticket_change(
        &mut self,
        by: &str,
        id: i64,
        version: i64,
        action: &'static str,
        f: impl FnOnce(&Transaction<'_>, &QCtx, &Ticket, QueueResult<Window>) -> QueueResult<()>,
    ) -> QueueResult<Ticket> {
        let login = by.to_string();
        self.queue_write(by, |tx, ctx| {
            let today = ctx.now.date();
            let t = load_ticket(tx, id, today)?.ok_or(QueueError::NoTicket)?;
            if t.day != ctx.day {
                return Err(QueueError::NoTicket);
            }
            if t.version != version {
                return Err(QueueError::Conflict);
            }
            f(tx, ctx, &t, open_window(tx, &login))?;
            tx.execute("UPDATE queue_tickets SET version = version + 1 WHERE id = ?1", [id])?;
            let fresh = load_ticket(tx, id, today)?.ok_or(QueueError::NoTicket)?;
            let summary = format!("{} {}", fresh.number, fresh.state.as_str());
            Ok((fresh, vec![AuditEntry::new(action, "ticket", id.to_string(), summary)]))
        })
    }

    /// Today's windows, tickets and lines.
    pub fn queue_view(&self) -> super::Result<QueueView> {
        let now = self.clock.now();
        let today = now.date_naive();
        let day = today.to_string();
        let windows = load_windows(&self.conn)?;
        let tickets = load_tickets(&self.conn, &day, today)?;
        let lines = lines(&self.conn, &windows, &tickets)?;
        Ok(QueueView { day, windows, tickets, lines })
    }

    /// A ticket's place in line and estimated wait now.
    pub fn ticket_status(&self, number: &str) -> super::Result<Option<Issued>> {
        let v = self.queue_view()?;
        let Some(t) = v.tickets.iter().find(|t| t.number == number).cloned() else { return Ok(None) };
        Ok(Some(place(&v.windows, &v.tickets, &v.lines, t)))
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

#[allow(clippy::too_many_arguments)]
pub(super) fn insert_ticket(
    tx: &Transaction<'_>,
    ctx_now: &QCtx,
    by: &str,
    code: &str,
    prefix: char,
    green: Option<&str>,
    resident_id: Option<i64>,
    appointment: Option<(i64, NaiveTime)>,
    order_at: Option<&str>,
) -> QueueResult<Ticket> {
    let seq = super::cases::next_counter(tx, &format!("ticket:{code}"), &ctx_now.day)?;
    let num = number(prefix, seq as u32);
    tx.execute(
        "INSERT INTO queue_tickets (day, category, issued_category, seq, number, state, green, resident_id,
             appointment_id, appointment_at, issued_at, order_at, issued_by)
         VALUES (?1, ?2, ?2, ?3, ?4, 'waiting', ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            ctx_now.day,
            code,
            seq,
            num,
            green,
            resident_id,
            appointment.map(|a| a.0),
            appointment.map(|a| a.1.format("%H:%M").to_string()),
            ctx_now.now_text,
            order_at.unwrap_or(&ctx_now.now_text),
            by
        ],
    )?;
    let id = tx.last_insert_rowid();
    load_ticket(tx, id, ctx_now.now.date())?.ok_or(QueueError::NoTicket)
}

fn placed(tx: &Transaction<'_>, ctx: &QCtx, t: Ticket) -> QueueResult<Issued> {
    let windows = load_windows(tx)?;
    let tickets = load_tickets(tx, &ctx.day, ctx.now.date())?;
    let lines = lines(tx, &windows, &tickets)?;
    Ok(place(&windows, &tickets, &lines, t))
}

fn place(windows: &[Window], tickets: &[Ticket], lines: &[CategoryLine], t: Ticket) -> Issued {
    let in_category: Vec<&Ticket> =
        call_order(tickets, None).into_iter().filter(|x| x.category == t.category).collect();
    let position = in_category.iter().position(|x| x.id == t.id).map(|p| p + 1).unwrap_or(0);
    let line = lines.iter().find(|l| l.code == t.category);
    let open = windows.iter().filter(|w| w.is_open() && w.categories.contains(&t.category)).count();
    let median = line.map(|l| l.median_minutes).unwrap_or(crate::domain::queue::FALLBACK_SERVICE_MINUTES);
    let wait = if position == 0 { 0 } else { estimated_wait(position, open, median) };
    Issued { ticket: t, position, estimated_wait_min: wait }
}

fn lines(conn: &rusqlite::Connection, windows: &[Window], tickets: &[Ticket]) -> super::Result<Vec<CategoryLine>> {
    let mut stmt = conn
        .prepare_cached("SELECT code, name, prefix, alarm_threshold FROM categories WHERE retired = 0 ORDER BY sort")?;
    let cats: Vec<(String, String, String, i64)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?.collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for (code, name, prefix, threshold) in cats {
        let waiting = tickets.iter().filter(|t| t.category == code && t.state == TicketState::Waiting).count();
        let serving: Vec<&Window> = windows.iter().filter(|w| w.categories.contains(&code)).collect();
        let open_windows = serving.iter().filter(|w| w.is_open()).count();
        let durations: Vec<u32> = tickets
            .iter()
            .filter(|t| t.category == code && t.state == TicketState::Done)
            .rev()
            .take(20)
            .filter_map(|t| Some(((t.finished_at? - t.served_at.or(t.called_at)?).num_minutes().max(1)) as u32))
            .collect();
        out.push(CategoryLine {
            code,
            name,
            prefix: prefix.chars().next().unwrap_or('?'),
            waiting,
            threshold: threshold.max(0) as usize,
            open_windows,
            median_minutes: median_minutes(durations),
        });
    }
    Ok(out)
}
