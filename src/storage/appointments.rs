//! Appointments: booking within capacity, cancelling, checking in to a priority ticket.

use super::queue::{QCtx, QueueError, QueueResult, insert_ticket, load_windows};
use super::{AuditEntry, Db};
use crate::domain::appointment::{
    Appointment, AppointmentState, BookingError, LATE_MINUTES, can_book, check_in, slot_times,
};
pub use crate::model::appointments::Slot;
use chrono::{NaiveDate, NaiveTime};
use rusqlite::{OptionalExtension, Row, params};

fn row_to_appointment(r: &Row<'_>) -> rusqlite::Result<Appointment> {
    let bad =
        |i: usize| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, "appointment".into());
    let day: String = r.get(1)?;
    let at: String = r.get(2)?;
    let state: String = r.get(6)?;
    Ok(Appointment {
        id: r.get(0)?,
        day: day.parse().map_err(|_| bad(1))?,
        at: NaiveTime::parse_from_str(&at, "%H:%M").map_err(|_| bad(2))?,
        category: r.get(3)?,
        resident_id: r.get(4)?,
        resident_name: r.get(5)?,
        state: AppointmentState::from_str_opt(&state).ok_or_else(|| bad(6))?,
        ticket: r.get(7)?,
    })
}

const COLUMNS: &str = "a.id, a.day, a.at, a.category, a.resident_id, r.name, a.state, t.number
    FROM appointments a JOIN residents r ON r.id = a.resident_id LEFT JOIN queue_tickets t ON t.id = a.ticket_id";

fn capacity(conn: &rusqlite::Connection, category: &str) -> rusqlite::Result<usize> {
    Ok(load_windows(conn)?.iter().filter(|w| w.categories.iter().any(|c| c == category)).count())
}

impl Db {
    /// Appointments of a day (every category when `category` is None), by time.
    pub fn appointments(&self, day: NaiveDate, category: Option<&str>) -> super::Result<Vec<Appointment>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} WHERE a.day = ?1 AND (?2 IS NULL OR a.category = ?2) ORDER BY a.at, a.id"
        ))?;
        let rows = stmt.query_map(params![day.to_string(), category], row_to_appointment)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The slots of a day for a category with capacity and bookings.
    pub fn slots(&self, day: NaiveDate, category: &str) -> super::Result<Vec<Slot>> {
        let cap = capacity(&self.conn, category)?;
        let booked = self.appointments(day, Some(category))?;
        Ok(slot_times()
            .into_iter()
            .map(|at| Slot {
                at,
                capacity: cap,
                booked: booked.iter().filter(|a| a.at == at && a.state != AppointmentState::Cancelled).count(),
            })
            .collect())
    }

    /// Books a slot for a resident: a working day of a known year, not past, within the
    /// appointments' horizon (a setting, 14 days unless set), not full.
    pub fn book(
        &mut self,
        by: &str,
        day: NaiveDate,
        at: NaiveTime,
        category: &str,
        resident_id: i64,
    ) -> QueueResult<Appointment> {
        let cal = self.calendar()?;
        let category = category.to_string();
        self.appointment_write(by, |tx, ctx| {
            can_book(&cal, day, at, ctx.now, super::settings::horizons(tx)?.appointments)?;
            let known: bool = tx.query_row("SELECT count(*) FROM categories WHERE code = ?1 AND retired = 0", [&category], |r| {
                r.get::<_, i64>(0)
            })? > 0;
            if !known {
                return Err(QueueError::UnknownCategory(category.clone()));
            }
            let cap = capacity(tx, &category)?;
            if cap == 0 {
                return Err(BookingError::NoCapacity.into());
            }
            let taken: i64 = tx.query_row(
                "SELECT count(*) FROM appointments WHERE day = ?1 AND at = ?2 AND category = ?3 AND state != 'cancelled'",
                params![day.to_string(), at.format("%H:%M").to_string(), category],
                |r| r.get(0),
            )?;
            if taken as usize >= cap {
                return Err(BookingError::Full.into());
            }
            tx.execute(
                "INSERT INTO appointments (day, at, category, resident_id, state, booked_by, created_at)
                 VALUES (?1, ?2, ?3, ?4, 'booked', ?5, ?6)",
                params![day.to_string(), at.format("%H:%M").to_string(), category, resident_id, by, ctx.now_text],
            )?;
            let id = tx.last_insert_rowid();
            let a = tx.query_row(&format!("SELECT {COLUMNS} WHERE a.id = ?1"), [id], row_to_appointment)?;
            let summary = format!("{} {} {} {}", a.day, a.at.format("%H:%M"), a.category, a.resident_name);
            Ok((a, vec![AuditEntry::new("appointment.book", "appointment", id.to_string(), summary)]))
        })
    }

    /// Cancels a booking, keeping the row with the reason.
    pub fn cancel_appointment(&mut self, by: &str, id: i64, reason: &str) -> QueueResult<Appointment> {
        let reason = crate::domain::text::clean_field(reason, 100).0;
        self.appointment_write(by, |tx, _| {
            if reason.is_empty() {
                return Err(QueueError::ReasonRequired);
            }
            let a = tx.query_row(&format!("SELECT {COLUMNS} WHERE a.id = ?1"), [id], row_to_appointment).optional()?;
            let a = a.ok_or(QueueError::NoTicket)?;
            if a.state != AppointmentState::Booked {
                return Err(BookingError::NotToday.into());
            }
            tx.execute("UPDATE appointments SET state = 'cancelled', reason = ?2 WHERE id = ?1", params![id, reason])?;
            let a = tx.query_row(&format!("SELECT {COLUMNS} WHERE a.id = ?1"), [id], row_to_appointment)?;
            Ok((a, vec![AuditEntry::new("appointment.cancel", "appointment", id.to_string(), reason.clone())]))
        })
    }

    /// Checks a resident in: from 30 minutes before to 15 after the slot, a priority ticket;
    /// later, a walk-in ticket (the appointment is recorded as late).
    pub fn check_in(&mut self, by: &str, id: i64) -> QueueResult<(Appointment, super::Issued)> {
        self.appointment_write(by, |tx, ctx| {
            let a = tx.query_row(&format!("SELECT {COLUMNS} WHERE a.id = ?1"), [id], row_to_appointment).optional()?;
            let a = a.ok_or(QueueError::NoTicket)?;
            if a.state != AppointmentState::Booked {
                return Err(BookingError::NotToday.into());
            }
            let in_time = check_in(a.day, a.at, ctx.now)?;
            let prefix: String =
                tx.query_row("SELECT prefix FROM categories WHERE code = ?1", [&a.category], |r| r.get(0))?;
            let prefix = prefix.chars().next().unwrap_or('?');
            let appointment = in_time.then_some((a.id, a.at));
            let t = insert_ticket(tx, ctx, by, &a.category, prefix, None, Some(a.resident_id), appointment, None)?;
            let state = if in_time { "checked_in" } else { "late" };
            tx.execute("UPDATE appointments SET state = ?2, ticket_id = ?3 WHERE id = ?1", params![id, state, t.id])?;
            let fresh = tx.query_row(&format!("SELECT {COLUMNS} WHERE a.id = ?1"), [id], row_to_appointment)?;
            let issued = super::Issued { position: 0, estimated_wait_min: 0, ticket: t };
            let summary = format!("{} {state}", issued.ticket.number);
            Ok(((fresh, issued), vec![AuditEntry::new("appointment.check_in", "appointment", id.to_string(), summary)]))
        })
    }

    /// Bookings whose check-in window has closed without the resident: recorded as no-shows.
    pub fn mark_missed_appointments(&mut self, by: &str) -> QueueResult<usize> {
        self.appointment_write(by, |tx, ctx| {
            let booked = {
                let mut stmt = tx.prepare(&format!("SELECT {COLUMNS} WHERE a.state = 'booked' AND a.day <= ?1"))?;
                let rows = stmt.query_map([&ctx.day], row_to_appointment)?;
                rows.collect::<rusqlite::Result<Vec<_>>>()?
            };
            let mut n = 0;
            for a in booked {
                if a.day.and_time(a.at) + chrono::Duration::minutes(LATE_MINUTES) < ctx.now {
                    tx.execute("UPDATE appointments SET state = 'no_show' WHERE id = ?1", [a.id])?;
                    n += 1;
                }
            }
            let audit = if n > 0 {
                vec![AuditEntry::new("appointment.no_show", "appointment", ctx.day.clone(), format!("{n}"))]
            } else {
                vec![]
            };
            Ok((n, audit))
        })
    }

    fn appointment_write<T>(
        &mut self,
        by: &str,
        f: impl FnOnce(&rusqlite::Transaction<'_>, &QCtx) -> QueueResult<(T, Vec<AuditEntry>)>,
    ) -> QueueResult<T> {
        self.queue_write(by, f)
    }
}
