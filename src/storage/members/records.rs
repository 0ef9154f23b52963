//! Service records: check-in and out at an activity, hours entered by hand, declines, and
//! closing what was left open.

use super::{Checked, MemberOpError, MemberResult, SERVICE, activity_in, member_in, row_to_service, stamp, t};
use crate::domain::member::{CheckinError, MemberStatus, Service, can_check_in, counted, half_hours, halves};
use crate::storage::{AuditEntry, Db};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::{OptionalExtension, Transaction, params};

/// Closes every record still open after its activity ended, at the end, flagged.
fn close_finished_in(tx: &Transaction<'_>, now: NaiveDateTime) -> rusqlite::Result<Vec<AuditEntry>> {
    let mut stmt = tx.prepare_cached(
        "SELECT r.id, r.start, a.id FROM service_records r JOIN activities a ON a.id = r.activity_id
         WHERE r.end_at IS NULL AND a.end_at <= ?1",
    )?;
    let open: Vec<(i64, String, i64)> =
        stmt.query_map([stamp(now)], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
    let mut audit = Vec::new();
    for (id, start, activity) in open {
        let Some(a) = activity_in(tx, activity)? else { continue };
        let (from, to) = counted(&a, t(&start), a.end);
        let n = half_hours(from, to);
        tx.execute(
            "UPDATE service_records SET end_at = ?2, auto_closed = 1, half_hours = ?3 WHERE id = ?1",
            params![id, stamp(a.end), n],
        )?;
        audit.push(AuditEntry::new("member.auto_close", "service_record", id.to_string(), format!("{} h", halves(n))));
    }
    Ok(audit)
}

impl Db {
    /// Closes records left open past their activity's end (flagged); how many.
    pub fn close_finished(&mut self, by: &str, now: NaiveDateTime) -> crate::storage::Result<usize> {
        // Reading first keeps the usual case (nothing open) free of the write lock.
        let open: i64 = self.conn.query_row(
            "SELECT count(*) FROM service_records r JOIN activities a ON a.id = r.activity_id
             WHERE r.end_at IS NULL AND a.end_at <= ?1",
            [stamp(now)],
            |r| r.get(0),
        )?;
        if open == 0 {
            return Ok(0);
        }
        self.write(by, |tx| {
            let audit = close_finished_in(tx, now)?;
            Ok((audit.len(), audit))
        })
    }

    /// Checks a member in at an activity. A second check-in changes nothing and says so.
    pub fn member_check_in(
        &mut self,
        by: &str,
        member_id: i64,
        activity_id: i64,
        now: NaiveDateTime,
    ) -> MemberResult<Checked> {
        let created = self.clock.now_text();
        let by_login = by.to_string();
        self.write(by, |tx| {
            let mut audit = close_finished_in(tx, now)?;
            let refuse = |e: CheckinError, audit| Ok((Err(MemberOpError::Rule(e)), audit));
            let (Some(m), Some(a)) = (member_in(tx, member_id)?, activity_in(tx, activity_id)?) else {
                return Ok((Err(MemberOpError::NotFound), audit));
            };
            if m.status != MemberStatus::Active {
                return refuse(CheckinError::NotActive, audit);
            }
            let mine: Option<Option<String>> = tx
                .query_row(
                    "SELECT end_at FROM service_records WHERE member_id = ?1 AND activity_id = ?2",
                    [member_id, activity_id],
                    |r| r.get(0),
                )
                .optional()?;
            match mine {
                Some(None) => return refuse(CheckinError::AlreadyIn, audit),
                Some(Some(_)) => return refuse(CheckinError::AlreadyOut, audit),
                None => {}
            }
            if let Err(e) = can_check_in(&a, now) {
                return refuse(e, audit);
            }
            let taken: u32 = tx.query_row(
                "SELECT count(*) FROM service_records WHERE activity_id = ?1 AND declined IS NULL",
                [activity_id],
                |r| r.get(0),
            )?;
            if taken >= a.capacity {
                return refuse(CheckinError::Full, audit);
            }
            let other: Option<String> = tx
                .query_row(
                    "SELECT a.title FROM service_records r JOIN activities a ON a.id = r.activity_id
                     WHERE r.member_id = ?1 AND r.end_at IS NULL AND a.id != ?2 AND a.start < ?3 AND a.end_at > ?4",
                    params![member_id, activity_id, stamp(a.end), stamp(a.start)],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(title) = other {
                return refuse(CheckinError::Overlap(title), audit);
            }
            tx.execute(
                "INSERT INTO service_records (member_id, activity_id, what, start, rate, source, operator, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, 'checkin', ?6, ?7)",
                params![member_id, activity_id, a.title, stamp(now), a.rate, by_login, created],
            )?;
            audit.push(AuditEntry::new(
                "member.check_in",
                "service_record",
                tx.last_insert_rowid().to_string(),
                format!("{} @ {}", m.name, a.title),
            ));
            Ok((Ok(Checked::In(m.name)), audit))
        })?
    }

    /// Checks a member out: the counted span rounds down to half hours.
    pub fn member_check_out(
        &mut self,
        by: &str,
        member_id: i64,
        activity_id: i64,
        now: NaiveDateTime,
    ) -> MemberResult<Checked> {
        self.write(by, |tx| {
            let (Some(m), Some(a)) = (member_in(tx, member_id)?, activity_in(tx, activity_id)?) else {
                return Ok((Err(MemberOpError::NotFound), vec![]));
            };
            let mine: Option<(i64, String, Option<String>)> = tx
                .query_row(
                    "SELECT id, start, end_at FROM service_records WHERE member_id = ?1 AND activity_id = ?2",
                    [member_id, activity_id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            let (id, start) = match mine {
                None => return Ok((Err(CheckinError::NotIn.into()), vec![])),
                Some((_, _, Some(_))) => return Ok((Err(CheckinError::AlreadyOut.into()), vec![])),
                Some((id, start, None)) => (id, t(&start)),
            };
            let out = now.min(a.end).max(start);
            let (from, to) = counted(&a, start, out);
            let n = half_hours(from, to);
            tx.execute(
                "UPDATE service_records SET end_at = ?2, half_hours = ?3 WHERE id = ?1",
                params![id, stamp(out), n],
            )?;
            let audit = AuditEntry::new(
                "member.check_out",
                "service_record",
                id.to_string(),
                format!("{} @ {}: {} h", m.name, a.title, halves(n)),
            );
            Ok((Ok(Checked::Out(m.name, n, n * a.rate)), vec![audit]))
        })?
    }

    /// Records hours entered by hand, with the operator and a reason.
    pub fn manual_hours(
        &mut self,
        by: &str,
        member_id: i64,
        day: NaiveDate,
        half: u32,
        rate: u32,
        reason: &str,
    ) -> MemberResult<Service> {
        let (reason, _) = crate::domain::text::clean_field(reason, 100);
        if reason.is_empty() {
            return Err(CheckinError::ReasonRequired.into());
        }
        if day > self.clock.now().date_naive() {
            return Err(MemberOpError::FutureDate);
        }
        let created = self.clock.now_text();
        let login = by.to_string();
        self.write(by, |tx| {
            let Some(m) = member_in(tx, member_id)? else { return Ok((Err(MemberOpError::NotFound), vec![])) };
            let at = day.and_time(NaiveTime::MIN);
            tx.execute(
                "INSERT INTO service_records (member_id, what, start, end_at, half_hours, rate, source, reason, operator,
                 created_at) VALUES (?1, ?2, ?3, ?3, ?4, ?5, 'manual', ?2, ?6, ?7)",
                params![member_id, reason, stamp(at), half, rate, login, created],
            )?;
            let id = tx.last_insert_rowid();
            let audit = AuditEntry::new(
                "member.manual_hours",
                "service_record",
                id.to_string(),
                format!("{} {day} {} h: {reason}", m.name, halves(half)),
            );
            let s = tx.query_row(&format!("SELECT {SERVICE} WHERE id = ?1"), [id], row_to_service)?;
            Ok((Ok(s), vec![audit]))
        })?
    }

    /// Declines a record with a reason: it stays, marked, and no longer counts.
    pub fn decline_record(&mut self, by: &str, id: i64, reason: &str) -> MemberResult<Service> {
        let (reason, _) = crate::domain::text::clean_field(reason, 100);
        if reason.is_empty() {
            return Err(CheckinError::ReasonRequired.into());
        }
        self.write(by, |tx| {
            let Some(s) = tx.query_row(&format!("SELECT {SERVICE} WHERE id = ?1"), [id], row_to_service).optional()?
            else {
                return Ok((Err(MemberOpError::NotFound), vec![]));
            };
            if s.declined.is_some() {
                return Ok((Err(MemberOpError::AlreadyDeclined), vec![]));
            }
            tx.execute("UPDATE service_records SET declined = ?2 WHERE id = ?1", params![id, reason])?;
            let audit = AuditEntry::new("member.decline", "service_record", id.to_string(), reason.clone());
            Ok((Ok(Service { declined: Some(reason), ..s }), vec![audit]))
        })?
    }
}
