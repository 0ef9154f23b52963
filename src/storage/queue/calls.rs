//! A ticket's life: issued, called, recalled, served, parked, transferred, finished.

use super::reads::{load_ticket, load_tickets, load_windows, placed};
use super::{Issued, QCtx, QueueError, QueueResult, open_window, resolve_category, window_free};
use crate::domain::queue::{
    CallReason, MAX_RECALLS, Outcome, Previous, Ticket, TicketState, Why, Window, call_order, next_for, number,
    reinstate_order_at,
};
use crate::storage::{AuditEntry, Db};
use chrono::NaiveTime;
use rusqlite::{OptionalExtension, Transaction, params};

impl Db {
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
    /// instant get two different tickets. Refused while a number is still open there.
    pub fn call_next(&mut self, by: &str) -> QueueResult<(Ticket, Why)> {
        self.call_next_after(by, None)
    }

    /// [`Db::call_next`] that first settles the number still open at the window as `previous`
    /// says, in the same transaction (callers with no screen to ask on: `queue call`).
    pub fn call_next_after(&mut self, by: &str, previous: Option<Previous>) -> QueueResult<(Ticket, Why)> {
        let login = by.to_string();
        self.queue_write(by, |tx, ctx| {
            let w = open_window(tx, &login)?;
            let today = ctx.now.date();
            // A refusal writes nothing: with nobody waiting, the open number stays as it is.
            next_for(&load_tickets(tx, &ctx.day, today)?, &w).ok_or(QueueError::NobodyWaiting)?;
            let mut audit = Vec::new();
            if let Some(p) = previous {
                audit.extend(settle_open(tx, ctx, w.number, p, "next called")?);
            }
            window_free(tx, &ctx.day, w.number)?;
            let tickets = load_tickets(tx, &ctx.day, today)?;
            let (t, why) = next_for(&tickets, &w).ok_or(QueueError::NobodyWaiting)?;
            let id = t.id;
            tx.execute(
                "UPDATE queue_tickets SET state = 'called', window = ?2, called_at = ?3, call_reason = NULL,
                     version = version + 1 WHERE id = ?1 AND state = 'waiting'",
                params![id, w.number, ctx.now_text],
            )?;
            let fresh = load_ticket(tx, id, today)?.ok_or(QueueError::NoTicket)?;
            let summary = format!("{} → {}", fresh.number, w.number);
            audit.push(AuditEntry::new("ticket.call", "ticket", id.to_string(), summary));
            Ok(((fresh, why), audit))
        })
    }

    /// Calls a chosen waiting ticket to `by`'s window. One that is not next in line there is
    /// called out of turn, which needs a reason: it is kept with the ticket and in the audit trail.
    pub fn call_ticket(&mut self, by: &str, id: i64, version: i64, reason: Option<CallReason>) -> QueueResult<Ticket> {
        self.ticket_change(by, id, version, "ticket.call", |tx, ctx, t, w| {
            if t.state != TicketState::Waiting {
                return Err(QueueError::WrongState(t.state));
            }
            let w = w?;
            window_free(tx, &ctx.day, w.number)?;
            let callable = call_order(std::slice::from_ref(t), Some(&w)).len() == 1;
            if !callable {
                return Err(QueueError::UnknownCategory(t.category.clone()));
            }
            let tickets = load_tickets(tx, &ctx.day, ctx.now.date())?;
            let next = call_order(&tickets, Some(&w)).first().map(|n| n.id);
            let reason = if next == Some(t.id) { None } else { Some(reason.ok_or(QueueError::ReasonRequired)?) };
            tx.execute(
                "UPDATE queue_tickets SET state = 'called', window = ?2, called_at = ?3, call_reason = ?4 WHERE id = ?1",
                params![t.id, w.number, ctx.now_text, reason.map(CallReason::as_str)],
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
                     finished_at = NULL, order_at = ?2, reinstated_at = ?3, call_reason = NULL WHERE id = ?1",
                params![t.id, order, ctx.now_text],
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
            window_free(tx, &ctx.day, w.number)?;
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
        self.ticket_change(by, id, version, "ticket.transfer", |tx, _, t, mine| {
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
            // Where it came from, for the row to say 转自 …: the window it was at, else the clerk's.
            let from_window = t.window.or(mine.ok().map(|w| w.number));
            tx.execute(
                "UPDATE queue_tickets SET state = 'waiting', category = ?2, for_window = ?3, window = NULL,
                     called_at = NULL, served_at = NULL, recalls = 0, call_reason = NULL, reinstated_at = NULL,
                     transferred_from = ?4, transferred_window = ?5 WHERE id = ?1",
                params![t.id, code, window, t.category, from_window],
            )?;
            Ok(())
        })
    }

    /// Finishes a visit with its outcome. A visit that took cases in ends as the cases say,
    /// whatever was asked: 受理办件 when one was accepted, else 一次性告知 (a notice is never
    /// recorded as an accepted case).
    pub fn finish(&mut self, by: &str, id: i64, version: i64, outcome: Outcome) -> QueueResult<Ticket> {
        self.ticket_change(by, id, version, "ticket.finish", |tx, ctx, t, _| {
            if !matches!(t.state, TicketState::Called | TicketState::Serving) {
                return Err(QueueError::WrongState(t.state));
            }
            let outcome = visit_outcome(tx, t.id)?.unwrap_or(outcome);
            tx.execute(
                "UPDATE queue_tickets SET state = 'done', outcome = ?2, finished_at = ?3,
                     served_at = coalesce(served_at, called_at) WHERE id = ?1",
                params![t.id, outcome.as_str(), ctx.now_text],
            )?;
            Ok(())
        })
    }

    /// Links a case taken in during a visit to its ticket; a second case of the same visit
    /// is linked too (the ticket keeps its first in `case_id`).
    pub fn link_case(&mut self, by: &str, id: i64, case_id: i64) -> QueueResult<()> {
        let login = by.to_string();
        self.queue_write(by, |tx, ctx| {
            tx.execute(
                "INSERT INTO visit_items (ticket_id, case_id, item_code, kind, at, operator)
                 SELECT ?1, c.id, c.item_code, 'case', ?3, ?4 FROM cases c WHERE c.id = ?2
                 ON CONFLICT DO NOTHING",
                params![id, case_id, ctx.now_text, login],
            )?;
            tx.execute(
                "UPDATE queue_tickets SET case_id = coalesce(case_id, ?2), version = version + 1 WHERE id = ?1",
                params![id, case_id],
            )?;
            Ok(((), vec![AuditEntry::new("ticket.link_case", "ticket", id.to_string(), case_id.to_string())]))
        })
    }

    /// Records that the what-to-bring slip of `item_code` was printed for the number being
    /// served: the visit counts as a consultation unless it takes a case in.
    pub fn record_slip(&mut self, by: &str, id: i64, item_code: &str) -> QueueResult<()> {
        let (login, code) = (by.to_string(), item_code.to_string());
        self.queue_write(by, |tx, ctx| {
            let open: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM queue_tickets WHERE id = ?1 AND state IN ('called','serving'))",
                [id],
                |r| r.get(0),
            )?;
            if !open {
                return Err(QueueError::NoTicket);
            }
            tx.execute(
                "INSERT INTO visit_items (ticket_id, item_code, kind, at, operator) VALUES (?1, ?2, 'slip', ?3, ?4)",
                params![id, code, ctx.now_text, login],
            )?;
            Ok(((), vec![AuditEntry::new("ticket.slip", "ticket", id.to_string(), code.clone())]))
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
            let mut summary = format!("{} {}", fresh.number, fresh.state.as_str());
            if let Some(r) = fresh.call_reason.filter(|_| action == "ticket.call") {
                summary.push_str(&format!(" out of turn: {}", r.as_str()));
            }
            Ok((fresh, vec![AuditEntry::new(action, "ticket", id.to_string(), summary)]))
        })
    }
}

#[allow(clippy::too_many_arguments)]
pub(in crate::storage) fn insert_ticket(
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
    let seq = crate::storage::cases::next_counter(tx, &format!("ticket:{code}"), &ctx_now.day)?;
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

/// Settles the number open (called or being served) at `window` as `p` says; nothing when
/// none is open. Returns its audit row, which says `because`.
pub(super) fn settle_open(
    tx: &Transaction<'_>,
    ctx: &QCtx,
    window: u16,
    p: Previous,
    because: &str,
) -> QueueResult<Vec<AuditEntry>> {
    let open: Option<(i64, String)> = tx
        .query_row(
            "SELECT id, number FROM queue_tickets WHERE day = ?1 AND window = ?2 AND state IN ('called','serving')",
            params![ctx.day, window],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((id, number)) = open else { return Ok(vec![]) };
    let (sql, what) = match p {
        Previous::Done => (
            "UPDATE queue_tickets SET state = 'done', finished_at = ?2,
                 outcome = CASE WHEN EXISTS (SELECT 1 FROM requests r WHERE r.ticket_id = ?1) THEN 'request' ELSE 'other' END,
                 served_at = coalesce(served_at, called_at), version = version + 1 WHERE id = ?1",
            "done",
        ),
        Previous::NoShow => (
            "UPDATE queue_tickets SET state = 'no_show', finished_at = ?2, version = version + 1 WHERE id = ?1",
            "no-show",
        ),
        // Its place in line (order_at) is kept: the resident is still in the hall.
        Previous::BackInLine => (
            "UPDATE queue_tickets SET state = 'waiting', window = NULL, called_at = NULL, recalls = 0,
                 call_reason = NULL, version = version + 1 WHERE id = ?1 AND ?2 IS NOT NULL",
            "back in line",
        ),
    };
    tx.execute(sql, params![id, ctx.now_text])?;
    let summary = format!("{number} {what} ({because})");
    Ok(vec![AuditEntry::new("ticket.settle", "ticket", id.to_string(), summary)])
}

/// How a visit ended by what it handled: 受理办件 when a case taken in was accepted (now or
/// since), 一次性告知 when its cases only got the notice, 咨询 when only slips were printed;
/// nothing when the visit handled nothing (the clerk says).
fn visit_outcome(tx: &Transaction<'_>, ticket: i64) -> rusqlite::Result<Option<Outcome>> {
    let (accepted, cases, slips): (i64, i64, i64) = tx.query_row(
        "SELECT count(*) FILTER (WHERE c.accepted_at IS NOT NULL), count(c.id), count(*) FILTER (WHERE v.kind = 'slip')
         FROM visit_items v LEFT JOIN cases c ON c.id = v.case_id WHERE v.ticket_id = ?1",
        [ticket],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let requests: i64 = tx.query_row("SELECT count(*) FROM requests WHERE ticket_id = ?1", [ticket], |r| r.get(0))?;
    Ok(match (accepted, cases, slips) {
        (a, _, _) if a > 0 => Some(Outcome::CaseAccepted),
        (_, c, _) if c > 0 => Some(Outcome::Notice),
        _ if requests > 0 => Some(Outcome::Request),
        (_, _, s) if s > 0 => Some(Outcome::Consultation),
        _ => None,
    })
}
