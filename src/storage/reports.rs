//! The rows behind daily and monthly reports, each read by an indexed range over the period.

use super::{Db, Result};
use crate::domain::report::{
    CaseRow, Count, DEFAULT_WAIT_TARGET, Report, RoomsSection, TicketRow, UnitLine, WAIT_TARGET_KEY, cases_section,
    queue_section,
};
use chrono::{DateTime, NaiveDate, NaiveDateTime};
use rusqlite::params;

fn time(s: Option<String>) -> Option<NaiveDateTime> {
    s.and_then(|s| DateTime::parse_from_rfc3339(&s).ok()).map(|t| t.naive_local())
}

/// The local day of a stored instant: its first ten characters, whatever follows.
fn day(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|s| s.get(..10).and_then(|d| d.parse().ok()))
}

/// Which service records a period's documents count, the monthly report's work units and the
/// quarter's feedback (反馈单) alike: not declined, not waiting for a supervisor's approval,
/// closed, and started within `:from..:to` (`s` is `service_records`). The member's standing today plays no part: a member who has
/// moved away or transferred keeps the hours of the periods they served, in both documents.
pub(super) const COUNTED: &str =
    "s.declined IS NULL AND s.pending = 0 AND s.end_at IS NOT NULL AND s.start >= :from AND s.start < :to";

impl Db {
    /// Minutes a resident may wait before it counts against the hall (default 30).
    pub fn wait_target_minutes(&self) -> Result<u32> {
        Ok(self.setting(WAIT_TARGET_KEY)?.and_then(|v| v.trim().parse().ok()).unwrap_or(DEFAULT_WAIT_TARGET))
    }

    /// Queue, case, mediation and member figures for the days `from..=to`.
    pub fn report(&self, from: NaiveDate, to: NaiveDate, wait_target_minutes: u32) -> Result<Report> {
        let (lo, hi) = (from.to_string(), to.succ_opt().unwrap_or(to).to_string());
        // Stored instants start with the local date, so text comparison against bare dates
        // selects whole local days and keeps to the indexes.
        Ok(Report {
            from,
            to,
            wait_target_minutes,
            queue: queue_section(&self.ticket_rows(from, to)?, wait_target_minutes),
            cases: cases_section(&self.case_rows(&lo, &hi, &to.to_string())?, from, to),
            rooms: self.rooms_section(&lo, &hi)?,
            members: self.unit_lines(&lo, &hi)?,
            requests: self.request_report(from, to.succ_opt().unwrap_or(to))?,
            centre: self.setting("centre_name")?.unwrap_or_default(),
            issued: self.clock().now().date_naive(),
        })
    }

    fn ticket_rows(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<TicketRow>> {
        // The clerk is whoever last acted on the ticket at a window: the audit trail is the
        // only place that keeps it, reached through its (entity, entity_id) index.
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.category, coalesce(c.name, t.category), t.window, coalesce(w.name, ''), t.state,
                    t.issued_at, t.called_at, t.served_at, t.finished_at, a.operator, coalesce(o.name, a.operator)
             FROM queue_tickets t
             LEFT JOIN categories c ON c.code = t.category
             LEFT JOIN windows w ON w.number = t.window
             LEFT JOIN audit_log a ON a.id = (
                 SELECT max(id) FROM audit_log
                 WHERE entity = 'ticket' AND entity_id = CAST(t.id AS TEXT)
                   AND action IN ('ticket.call','ticket.recall','ticket.serve','ticket.call_back',
                                  'ticket.finish','ticket.no_show'))
             LEFT JOIN operators o ON o.login = a.operator
             WHERE t.day >= ?1 AND t.day <= ?2
             ORDER BY t.id",
        )?;
        let rows = stmt.query_map(params![from.to_string(), to.to_string()], |r| {
            let state: String = r.get(4)?;
            let window: Option<u16> = r.get(2)?;
            let clerk: Option<String> = r.get(9)?;
            Ok(TicketRow {
                category: (r.get(0)?, r.get(1)?),
                window: window.map(|n| Ok::<_, rusqlite::Error>((n, r.get(3)?))).transpose()?,
                clerk: clerk.map(|l| Ok::<_, rusqlite::Error>((l, r.get(10)?))).transpose()?,
                done: state == "done",
                no_show: state == "no_show",
                issued_at: time(r.get(5)?).unwrap_or_default(),
                called_at: time(r.get(6)?),
                served_at: time(r.get(7)?),
                finished_at: time(r.get(8)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Cases accepted or completed in the period, plus those open past due at its end
    /// (still open now, or completed only after it).
    fn case_rows(&self, lo: &str, hi: &str, last: &str) -> Result<Vec<CaseRow>> {
        let mut stmt = self.conn.prepare_cached(
            "WITH ids AS (
                 SELECT id FROM cases WHERE accepted_at >= ?1 AND accepted_at < ?2
                 UNION SELECT id FROM cases WHERE completed_at >= ?1 AND completed_at < ?2
                 UNION SELECT id FROM cases
                     WHERE state IN ('accepted','in_progress','awaiting_materials','suspended') AND due_date < ?3
                 UNION SELECT id FROM cases WHERE completed_at >= ?2 AND due_date < ?3)
             SELECT c.operator, coalesce(o.name, c.operator), c.item_code, coalesce(s.name, c.item_code), c.state,
                    c.accepted_at, c.completed_at, c.due_date, c.rating
             FROM ids JOIN cases c ON c.id = ids.id
             LEFT JOIN operators o ON o.login = c.operator
             LEFT JOIN service_items s ON s.code = c.item_code
             ORDER BY c.id",
        )?;
        let rows = stmt.query_map(params![lo, hi, last], |r| {
            let state: String = r.get(4)?;
            let due: Option<String> = r.get(7)?;
            Ok(CaseRow {
                clerk: (r.get(0)?, r.get(1)?),
                item: (r.get(2)?, r.get(3)?),
                refused: state == "returned" || state == "not_accepted",
                accepted: day(r.get(5)?),
                completed: day(r.get(6)?),
                due: due.and_then(|d| d.parse().ok()),
                rating: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn rooms_section(&self, lo: &str, hi: &str) -> Result<RoomsSection> {
        let counts = |column: &str| -> Result<Vec<Count>> {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT {column}, count(*) FROM mediation_cases WHERE created_at >= ?1 AND created_at < ?2
                 GROUP BY {column} ORDER BY {column}"
            ))?;
            let rows = stmt.query_map(params![lo, hi], |r| Ok(Count { key: r.get(0)?, count: r.get(1)? }))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        let (by_dispute, by_state) = (counts("dispute")?, counts("state")?);
        let (bookings, minutes): (u32, i64) = self.conn.query_row(
            "SELECT count(*), coalesce(sum((julianday(end_at) - julianday(start)) * 1440), 0)
             FROM room_bookings WHERE start >= ?1 AND start < ?2 AND cancelled IS NULL",
            params![lo, hi],
            |r| Ok((r.get(0)?, r.get::<_, f64>(1)?.round() as i64)),
        )?;
        Ok(RoomsSection { by_dispute, by_state, bookings, booked_hours: minutes as f64 / 60.0 })
    }

    fn unit_lines(&self, lo: &str, hi: &str) -> Result<Vec<UnitLine>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT p.unit, count(*), sum(s.half_hours), sum(s.half_hours * s.rate)
             FROM service_records s JOIN party_members p ON p.id = s.member_id
             WHERE {COUNTED} GROUP BY p.unit ORDER BY p.unit"
        ))?;
        let rows = stmt.query_map(rusqlite::named_params! {":from": lo, ":to": hi}, |r| {
            Ok(UnitLine {
                unit: r.get(0)?,
                records: r.get(1)?,
                hours: r.get::<_, i64>(2)? as f64 / 2.0,
                points: r.get::<_, i64>(3)? as f64 / 2.0,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
