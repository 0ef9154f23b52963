//! Requests written in bulk by the scale generator: a day of them in one transaction, each
//! with its dispatch and timeline as the loop would have left them.

use super::{event, stamp};
use crate::domain::request::{Kind, Rating, State};
use crate::storage::{AuditEntry, Db};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::params;

/// One generated request as it stands now.
#[derive(Debug, Clone)]
pub struct RequestRow {
    /// Kind.
    pub kind: Kind,
    /// Menu service.
    pub service: Option<String>,
    /// Resident (None: an anonymous complaint).
    pub resident_id: Option<i64>,
    /// Place.
    pub place: String,
    /// Grid.
    pub grid: String,
    /// Text.
    pub text: String,
    /// Taken at.
    pub taken: NaiveDateTime,
    /// Where it got to: pending, dispatched, accepted, done or rated.
    pub state: State,
    /// The member who took it (else the grid staff `login`).
    pub member: Option<(i64, String)>,
    /// Grid staff who took it (when no member did).
    pub login: String,
    /// Dispatch deadline.
    pub due: NaiveDateTime,
    /// Completed at (done or rated).
    pub done: Option<NaiveDateTime>,
    /// Rated (rated only).
    pub rating: Option<(Rating, NaiveDateTime)>,
}

impl Db {
    /// Writes one day of generated requests in one transaction.
    pub fn bulk_requests(&mut self, by: &str, day: NaiveDate, rows: &[RequestRow]) -> crate::storage::Result<()> {
        let by = by.to_string();
        self.write(&by, |tx| {
            let d = day.format("%Y%m%d").to_string();
            for r in rows {
                let seq = crate::storage::cases::next_counter(tx, "request", &d)?;
                let closed = r.rating.map(|(_, t)| stamp(t));
                tx.prepare_cached(
                    "INSERT INTO requests (number, kind, service, resident_id, place, grid, text, source, state,
                     rating, due_at, done_at, closed_at, created_by, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'rounds', ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                )?
                .execute(params![
                    format!("SQ{d}{seq:03}"),
                    r.kind.as_str(),
                    r.service,
                    r.resident_id,
                    r.place,
                    r.grid,
                    r.text,
                    r.state.as_str(),
                    r.rating.map(|(x, _)| x.as_str()),
                    r.state.has_taker().then(|| stamp(r.due)),
                    r.done.map(stamp),
                    closed,
                    by,
                    stamp(r.taken),
                ])?;
                let id = tx.last_insert_rowid();
                let taken = stamp(r.taken);
                event(tx, id, &taken, &by, "taken", "rounds")?;
                if r.state == State::Pending {
                    continue;
                }
                let at = stamp(r.taken + chrono::Duration::minutes(30));
                let (kind, login, member, name) = match &r.member {
                    Some((m, n)) => ("member", None, Some(*m), n.clone()),
                    None => ("grid", Some(r.login.clone()), None, r.login.clone()),
                };
                let finished = r.done.map(stamp);
                tx.prepare_cached(
                    "INSERT INTO request_dispatches (request_id, taker_kind, taker_login, member_id, taker_name, due_at,
                     by, at, accepted_at, done_at, closed_at, outcome)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11)",
                )?
                .execute(params![
                    id,
                    kind,
                    login,
                    member,
                    name,
                    stamp(r.due),
                    by,
                    at,
                    (r.state != State::Dispatched).then(|| at.clone()),
                    finished,
                    finished.as_ref().map(|_| "done"),
                ])?;
                event(tx, id, &at, &by, "dispatch", &name)?;
                if let Some(done) = &finished {
                    event(tx, id, done, &by, "done", "")?;
                }
                if let Some((rating, t)) = r.rating {
                    event(tx, id, &stamp(t), &by, "rate", rating.as_str())?;
                }
            }
            let summary = format!("{day}: {} requests", rows.len());
            Ok(((), vec![AuditEntry::new("generate.requests", "day", day.to_string(), summary)]))
        })
    }
}
