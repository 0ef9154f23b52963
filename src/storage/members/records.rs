//! Service records: check-in and out at an activity, hours entered by hand, declines, and
//! closing what was left open.

use super::{Checked, MemberOpError, MemberResult, SERVICE, activity_in, member_in, row_to_service, stamp, t};
use crate::domain::member::{
    CheckinError, DAY_HALF_HOURS, HoursProblem, ManualEntry, MemberStatus, Service, can_check_in, check_manual,
    counted, entry_window_start, half_hours, halves, is_late,
};
use crate::model::PendingHours;
use crate::storage::{AuditEntry, Db};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::{OptionalExtension, Transaction, params};

/// The member's name as the desk says it back: with the work unit when another member has
/// the same name, so the clerk hears which of the two was checked in.
fn said_name(tx: &Transaction<'_>, m: &crate::domain::member::Member) -> rusqlite::Result<String> {
    let twins: i64 =
        tx.query_row("SELECT count(*) FROM party_members WHERE name = ?1 AND id != ?2", params![m.name, m.id], |r| {
            r.get(0)
        })?;
    Ok(if twins > 0 { format!("{}（{}）", m.name, m.unit) } else { m.name.clone() })
}

/// Setting: hours above which a hand entry waits for a supervisor (default 8, a working day).
pub const APPROVAL_KEY: &str = "members.approval_hours";

/// Default of [`APPROVAL_KEY`], in hours.
pub const APPROVAL_DEFAULT: u32 = 8;

/// Who closes what nobody checked out, in the audit trail.
pub const SYSTEM: &str = "system";

/// Half hours credited (or awaiting approval) to a member on a day, declined ones aside.
fn day_half_hours(tx: &Transaction<'_>, member_id: i64, day: NaiveDate) -> rusqlite::Result<u32> {
    let from = stamp(day.and_time(NaiveTime::MIN));
    let to = stamp(day.succ_opt().unwrap_or(day).and_time(NaiveTime::MIN));
    tx.query_row(
        "SELECT coalesce(sum(half_hours), 0) FROM service_records
         WHERE member_id = ?1 AND declined IS NULL AND start >= ?2 AND start < ?3",
        params![member_id, from, to],
        |r| r.get(0),
    )
}

/// The approval threshold in half hours, as the write transaction sees the setting.
fn approval_half_hours(tx: &Transaction<'_>) -> rusqlite::Result<u32> {
    let v: Option<String> =
        tx.query_row("SELECT value FROM settings WHERE key = ?1", [APPROVAL_KEY], |r| r.get(0)).optional()?;
    Ok(v.and_then(|v| v.trim().parse::<u32>().ok()).unwrap_or(APPROVAL_DEFAULT) * 2)
}

/// Whether the login may supervise (supervisors and admins), as the database says now.
fn is_supervisor(tx: &Transaction<'_>, login: &str) -> rusqlite::Result<bool> {
    let role: Option<String> = tx
        .query_row("SELECT role FROM operators WHERE login = ?1 AND retired = 0", [login], |r| r.get(0))
        .optional()?;
    Ok(role
        .and_then(|r| crate::domain::operator::Role::from_str_opt(&r))
        .is_some_and(|r| r.may(crate::domain::operator::Permission::Supervise)))
}

/// Credits hours entered by hand (or earned on a request, `dispatch`) inside the caller's
/// write transaction, under the rules of [`Db::manual_hours`]: the entry and its audit row, or
/// the rule it broke.
pub(in crate::storage) fn credit_in(
    tx: &Transaction<'_>,
    login: &str,
    member_id: i64,
    entry: &ManualEntry,
    today: NaiveDate,
    created: &str,
    dispatch: Option<i64>,
) -> rusqlite::Result<Result<(Service, AuditEntry), MemberOpError>> {
    let Some(m) = member_in(tx, member_id)? else { return Ok(Err(MemberOpError::NotFound)) };
    let registered: String =
        tx.query_row("SELECT created_at FROM party_members WHERE id = ?1", [member_id], |r| r.get(0))?;
    let registered = registered.get(..10).and_then(|d| d.parse::<NaiveDate>().ok()).unwrap_or(m.reported_on);
    let had = day_half_hours(tx, member_id, entry.day)?;
    if let Err(p) = check_manual(entry, today, registered.min(m.reported_on), had) {
        return Ok(Err(p.into()));
    }
    let threshold = approval_half_hours(tx)?;
    let pending = !is_supervisor(tx, login)? && (entry.half > threshold || entry.day < entry_window_start(today));
    let at = entry.day.and_time(NaiveTime::MIN);
    tx.execute(
        "INSERT INTO service_records (member_id, what, start, end_at, half_hours, rate, source, reason, operator,
         created_at, pending, dispatch_id) VALUES (?1, ?2, ?3, ?3, ?4, ?5, 'manual', ?2, ?6, ?7, ?8, ?9)",
        params![member_id, entry.reason, stamp(at), entry.half, entry.rate, login, created, pending, dispatch],
    )?;
    let id = tx.last_insert_rowid();
    let audit = AuditEntry::new(
        "member.manual_hours",
        "service_record",
        id.to_string(),
        format!(
            "{} {} {} h: {}{}",
            m.name,
            entry.day,
            halves(entry.half),
            entry.reason,
            if pending { " (pending approval)" } else { "" }
        ),
    );
    let s = tx.query_row(&format!("SELECT {SERVICE} WHERE id = ?1"), [id], row_to_service)?;
    Ok(Ok((s, audit)))
}

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
        // What nobody checked out is closed by the system, audited as such, not as this clerk.
        self.close_finished(SYSTEM, now)?;
        let created = self.clock.now_text();
        let by_login = by.to_string();
        self.write(by, |tx| {
            let mut audit = Vec::new();
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
            let late = is_late(&a, now);
            tx.execute(
                "INSERT INTO service_records (member_id, activity_id, what, start, rate, source, operator, created_at, late)
                 VALUES (?1, ?2, ?3, ?4, ?5, 'checkin', ?6, ?7, ?8)",
                params![member_id, activity_id, a.title, stamp(now), a.rate, by_login, created, late],
            )?;
            audit.push(AuditEntry::new(
                "member.check_in",
                "service_record",
                tx.last_insert_rowid().to_string(),
                format!("{} @ {}{}", m.name, a.title, if late { " (late)" } else { "" }),
            ));
            Ok((Ok(Checked::In(said_name(tx, &m)?, late)), audit))
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
            Ok((Ok(Checked::Out(said_name(tx, &m)?, n, n * a.rate)), vec![audit]))
        })?
    }

    /// Records hours entered by hand, with the operator and a reason. The rules are checked in
    /// the write transaction: not in the future, not before the member first reported, at most
    /// 24 hours that day with what is already credited. An entry above the approval threshold
    /// or before the previous quarter waits for a supervisor unless a supervisor enters it.
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
            return Err(HoursProblem::Reason.into());
        }
        let entry = ManualEntry { day, half, rate, reason };
        let today = self.clock.now().date_naive();
        let created = self.clock.now_text();
        let login = by.to_string();
        self.write(by, |tx| {
            let out = credit_in(tx, &login, member_id, &entry, today, &created, None)?;
            Ok(match out {
                Ok((s, audit)) => (Ok(s), vec![audit]),
                Err(e) => (Err(e), vec![]),
            })
        })?
    }

    /// Hand entries awaiting approval, oldest first.
    pub fn pending_hours(&self) -> crate::storage::Result<Vec<PendingHours>> {
        let today = self.clock.now().date_naive();
        let window = entry_window_start(today);
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.id, r.member_id, r.activity_id, r.what, r.start, r.end_at, r.auto_closed, r.half_hours, r.rate,
                r.source, r.reason, r.operator, r.declined, r.late, r.pending, m.name, m.unit
             FROM service_records r JOIN party_members m ON m.id = r.member_id
             WHERE r.pending = 1 ORDER BY r.id",
        )?;
        let rows = stmt.query_map([], |r| {
            let record = row_to_service(r)?;
            let outside_window = record.start.date() < window;
            Ok(PendingHours { record, name: r.get(15)?, unit: r.get(16)?, outside_window })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A supervisor decides a hand entry awaiting approval: approved, it counts; rejected, it
    /// stays declined with the reason. The 24-hour rule is checked again (the day may have
    /// filled meanwhile).
    pub fn decide_hours(&mut self, by: &str, id: i64, reject: Option<&str>) -> MemberResult<(Service, String)> {
        let reject = reject.map(|r| crate::domain::text::clean_field(r, 100).0);
        if reject.as_deref().is_some_and(str::is_empty) {
            return Err(HoursProblem::Reason.into());
        }
        let login = by.to_string();
        self.write(by, |tx| {
            if !is_supervisor(tx, &login)? {
                return Ok((Err(MemberOpError::SupervisorOnly), vec![]));
            }
            let Some(s) = tx.query_row(&format!("SELECT {SERVICE} WHERE id = ?1"), [id], row_to_service).optional()?
            else {
                return Ok((Err(MemberOpError::NotFound), vec![]));
            };
            if !s.pending || s.declined.is_some() {
                return Ok((Err(MemberOpError::NotPending), vec![]));
            }
            let name: String =
                tx.query_row("SELECT name FROM party_members WHERE id = ?1", [s.member_id], |r| r.get(0))?;
            let day = s.start.date();
            let (action, s) = match reject {
                None => {
                    let had = day_half_hours(tx, s.member_id, day)? - s.half_hours;
                    if had + s.half_hours > DAY_HALF_HOURS {
                        return Ok((Err(HoursProblem::DayFull(day, had).into()), vec![]));
                    }
                    tx.execute("UPDATE service_records SET pending = 0 WHERE id = ?1", [id])?;
                    ("member.approve_hours", Service { pending: false, ..s })
                }
                Some(reason) => {
                    tx.execute(
                        "UPDATE service_records SET pending = 0, declined = ?2 WHERE id = ?1",
                        params![id, reason],
                    )?;
                    ("member.reject_hours", Service { pending: false, declined: Some(reason), ..s })
                }
            };
            let summary = format!(
                "{name} {day} {} h: {}{}",
                halves(s.half_hours),
                s.what,
                s.declined.as_deref().map(|r| format!(" — {r}")).unwrap_or_default()
            );
            let audit = AuditEntry::new(action, "service_record", id.to_string(), summary);
            Ok((Ok((s, name)), vec![audit]))
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
