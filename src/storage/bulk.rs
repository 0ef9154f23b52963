//! Bulk writes for the scale generator: a day of history per transaction, residents in batches,
//! each with one audit row naming what was generated.
//!
//! The rows are history (finished tickets, closed cases), so they skip the per-operation rules
//! of the desk; the schema's constraints still hold every row.

use super::{AuditEntry, Db, Result};
use crate::domain::member::{Activity, Member};
use crate::domain::resident::Resident;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::params;

/// Stamp format of tickets and cases (as `Clock::now_text` writes them, Beijing time).
const ZONED: &str = "%Y-%m-%dT%H:%M:%S+08:00";
/// Stamp format of bookings, activities and service records.
const MINUTE: &str = "%Y-%m-%dT%H:%M";

/// A finished queue ticket of a past day.
#[derive(Debug, Clone)]
pub struct TicketRow {
    /// Category code.
    pub category: String,
    /// The category's number prefix.
    pub prefix: char,
    /// `done`, `no_show` or `expired`.
    pub state: &'static str,
    /// Window that called it.
    pub window: Option<u16>,
    /// Taken at.
    pub issued_at: NaiveDateTime,
    /// Called at.
    pub called_at: Option<NaiveDateTime>,
    /// Finished at (served from the call).
    pub finished_at: Option<NaiveDateTime>,
    /// What came of it, for done tickets.
    pub outcome: Option<&'static str>,
    /// The resident, when known.
    pub resident_id: Option<i64>,
    /// Who issued it.
    pub issued_by: String,
}

/// A case taken in on a past day, in whatever state it reached.
#[derive(Debug, Clone)]
pub struct CaseRow {
    /// Item code.
    pub item_code: String,
    /// Resident row id.
    pub resident_id: i64,
    /// Clerk login.
    pub operator: String,
    /// Channel name as stored.
    pub channel: &'static str,
    /// State name as stored.
    pub state: &'static str,
    /// Received (and accepted) at.
    pub received_at: NaiveDateTime,
    /// Due date.
    pub due: NaiveDate,
    /// Completed (or returned) at.
    pub closed_at: Option<NaiveDateTime>,
    /// Rating, for some completed cases.
    pub rating: Option<u8>,
    /// Materials presented at intake (name, required).
    pub materials: Vec<(String, bool)>,
}

/// An appointment of a past day.
#[derive(Debug, Clone)]
pub struct AppointmentRow {
    /// Slot start.
    pub at: NaiveTime,
    /// Category code.
    pub category: String,
    /// Resident row id.
    pub resident_id: i64,
    /// `checked_in`, `no_show`, `cancelled` or `late`.
    pub state: &'static str,
    /// Cancellation reason.
    pub reason: String,
    /// Who booked it.
    pub booked_by: String,
}

/// A mediation room booking.
#[derive(Debug, Clone)]
pub struct BookingRow {
    /// Room row id.
    pub room_id: i64,
    /// From.
    pub start: NaiveDateTime,
    /// Until.
    pub end: NaiveDateTime,
    /// Mediator login.
    pub mediator: String,
    /// What the session is for.
    pub purpose: String,
}

/// A closed service record of a member at an activity.
#[derive(Debug, Clone)]
pub struct RecordRow {
    /// Member row id.
    pub member_id: i64,
    /// Checked in at.
    pub start: NaiveDateTime,
    /// Checked out at.
    pub end: NaiveDateTime,
    /// Whole half hours served.
    pub half_hours: u32,
}

/// Everything that happened at the centre on one past day.
#[derive(Debug, Clone, Default)]
pub struct DayRows {
    /// The day.
    pub day: NaiveDate,
    /// Queue tickets.
    pub tickets: Vec<TicketRow>,
    /// Cases taken in.
    pub cases: Vec<CaseRow>,
    /// Appointments.
    pub appointments: Vec<AppointmentRow>,
    /// Room bookings.
    pub bookings: Vec<BookingRow>,
    /// Activities with their records.
    pub activities: Vec<(Activity, Vec<RecordRow>)>,
}

impl Db {
    /// Inserts residents in one transaction; returns their row ids in order.
    pub fn bulk_residents(&mut self, by: &str, rows: &[Resident]) -> Result<Vec<i64>> {
        let now = self.clock.now_text();
        self.write(by, |tx| {
            let ids =
                rows.iter().map(|r| super::residents::insert_resident(tx, r, &now)).collect::<rusqlite::Result<_>>()?;
            let summary = format!("{} residents", rows.len());
            Ok((ids, vec![AuditEntry::new("generate.residents", "resident", "*", summary)]))
        })
    }

    /// Inserts party members in one transaction; returns their row ids in order.
    pub fn bulk_members(&mut self, by: &str, rows: &[Member]) -> Result<Vec<i64>> {
        let now = self.clock.now_text();
        self.write(by, |tx| {
            let ids =
                rows.iter().map(|m| super::members::insert_member(tx, m, &now)).collect::<rusqlite::Result<_>>()?;
            let summary = format!("{} party members", rows.len());
            Ok((ids, vec![AuditEntry::new("generate.members", "party_member", "*", summary)]))
        })
    }

    /// Writes one past day of history in one transaction.
    pub fn bulk_day(&mut self, by: &str, d: &DayRows) -> Result<()> {
        self.write(by, |tx| {
            let day = d.day.to_string();
            day_tickets(tx, d, &day)?;
            day_cases(tx, d)?;
            day_appointments(tx, d, &day)?;
            day_bookings(tx, d)?;
            day_activities(tx, d, by)?;
            let summary = format!(
                "{day}: {} tickets, {} cases, {} appointments, {} bookings, {} activities",
                d.tickets.len(),
                d.cases.len(),
                d.appointments.len(),
                d.bookings.len(),
                d.activities.len()
            );
            Ok(((), vec![AuditEntry::new("generate.day", "day", day.clone(), summary)]))
        })
    }
}

/// A stored time with its offset.
fn zoned(t: NaiveDateTime) -> String {
    t.format(ZONED).to_string()
}

/// A stored time to the minute.
fn minute(t: NaiveDateTime) -> String {
    t.format(MINUTE).to_string()
}

/// The day's queue tickets.
fn day_tickets(tx: &rusqlite::Transaction<'_>, d: &DayRows, day: &str) -> rusqlite::Result<()> {
    let mut ticket = tx.prepare_cached(
        "INSERT INTO queue_tickets (day, category, issued_category, seq, number, state, resident_id,
             issued_at, order_at, window, called_at, served_at, finished_at, outcome, issued_by)
         VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8, ?9, ?9, ?10, ?11, ?12)",
    )?;
    // Numbers continue the day's counters: the demo's own history may have used some.
    for t in &d.tickets {
        let seq = super::cases::next_counter(tx, &format!("ticket:{}", t.category), day)?;
        ticket.execute(params![
            day,
            t.category,
            seq,
            crate::domain::queue::number(t.prefix, seq as u32),
            t.state,
            t.resident_id,
            zoned(t.issued_at),
            t.window,
            t.called_at.map(zoned),
            t.finished_at.map(zoned),
            t.outcome,
            t.issued_by
        ])?;
    }
    Ok(())
}

/// The day's cases with their materials and events.
fn day_cases(tx: &rusqlite::Transaction<'_>, d: &DayRows) -> rusqlite::Result<()> {
    let compact = d.day.format("%Y%m%d").to_string();
    let mut case = tx.prepare_cached(
        "INSERT INTO cases (number, item_code, resident_id, operator, channel, state, received_at, accepted_at,
             due_date, completed_at, rating, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8, ?9, ?10, coalesce(?9, ?7))",
    )?;
    let mut material = tx.prepare_cached(
        "INSERT INTO case_materials (case_id, seq, name, required, status) VALUES (?1, ?2, ?3, ?4, 'presented')",
    )?;
    let mut event = tx.prepare_cached(
        "INSERT INTO case_events (case_id, at, operator, kind, from_state, to_state, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for c in &d.cases {
        let received = zoned(c.received_at);
        let closed = c.closed_at.map(zoned);
        case.execute(params![
            format!("{compact}-{:04}", super::cases::next_counter(tx, "case", &compact)?),
            c.item_code,
            c.resident_id,
            c.operator,
            c.channel,
            c.state,
            received,
            c.due.to_string(),
            closed,
            c.rating
        ])?;
        let id = tx.last_insert_rowid();
        for (seq, (name, required)) in c.materials.iter().enumerate() {
            material.execute(params![id, seq as i64 + 1, name, required])?;
        }
        event.execute(params![id, received, c.operator, "intake", None::<&str>, None::<&str>, c.channel])?;
        event.execute(params![id, received, c.operator, "accept", None::<&str>, "accepted", ""])?;
        if let Some(at) = &closed {
            let kind = if c.state == "returned" { "return" } else { "complete" };
            event.execute(params![id, at, c.operator, kind, "in_progress", c.state, ""])?;
        }
    }
    Ok(())
}

/// The day's appointments, booked three days before.
fn day_appointments(tx: &rusqlite::Transaction<'_>, d: &DayRows, day: &str) -> rusqlite::Result<()> {
    let mut appointment = tx.prepare_cached(
        "INSERT INTO appointments (day, at, category, resident_id, state, reason, booked_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let booked = zoned(d.day.and_time(NaiveTime::MIN) - chrono::Duration::days(3));
    for a in &d.appointments {
        appointment.execute(params![
            day,
            a.at.format("%H:%M").to_string(),
            a.category,
            a.resident_id,
            a.state,
            a.reason,
            a.booked_by,
            booked
        ])?;
    }
    Ok(())
}

/// The day's room bookings.
fn day_bookings(tx: &rusqlite::Transaction<'_>, d: &DayRows) -> rusqlite::Result<()> {
    let mut booking = tx.prepare_cached(
        "INSERT INTO room_bookings (room_id, start, end_at, mediator, purpose, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for b in &d.bookings {
        let created = minute(b.start - chrono::Duration::days(2));
        booking.execute(params![b.room_id, minute(b.start), minute(b.end), b.mediator, b.purpose, created])?;
    }
    Ok(())
}

/// The day's activities and their members' check-ins.
fn day_activities(tx: &rusqlite::Transaction<'_>, d: &DayRows, by: &str) -> rusqlite::Result<()> {
    let mut activity = tx.prepare_cached(
        "INSERT INTO activities (title, category, organiser, place, start, end_at, capacity, rate, needs,
             created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    let mut record = tx.prepare_cached(
        "INSERT INTO service_records (member_id, activity_id, what, start, end_at, half_hours, rate, source,
             operator, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'checkin', ?8, ?4)",
    )?;
    for (a, records) in &d.activities {
        let created = minute(a.start - chrono::Duration::days(7));
        activity.execute(params![
            a.title,
            a.category.as_str(),
            a.organiser,
            a.place,
            minute(a.start),
            minute(a.end),
            a.capacity,
            a.rate,
            a.needs,
            created
        ])?;
        let id = tx.last_insert_rowid();
        for r in records {
            record.execute(params![
                r.member_id,
                id,
                a.title,
                minute(r.start),
                minute(r.end),
                r.half_hours,
                a.rate,
                by
            ])?;
        }
    }
    Ok(())
}
