//! Party members, activities and service records: check-in and out, manual hours, declines,
//! yearly totals and the quarter's feedback per work unit.

use super::{AuditEntry, Db, StorageError};
use crate::domain::member::{
    Activity, CheckinError, Member, MemberStatus, Post, Service, Source, can_check_in, counted, half_hours, halves,
    quarter_span,
};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::{OptionalExtension, Row, Transaction, params};

/// Why a member operation did not happen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MemberOpError {
    /// The database failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// A check-in rule refused it.
    #[error(transparent)]
    Rule(#[from] CheckinError),
    /// No such member, activity or record.
    #[error("not found")]
    NotFound,
    /// The identity number is already registered (to this member).
    #[error("already registered")]
    Duplicate(Box<Member>),
    /// The record was declined before.
    #[error("already declined")]
    AlreadyDeclined,
    /// The date of a manual entry is in the future.
    #[error("future date")]
    FutureDate,
}

impl From<rusqlite::Error> for MemberOpError {
    fn from(e: rusqlite::Error) -> Self {
        MemberOpError::Storage(e.into())
    }
}

/// Result of member operations.
pub type MemberResult<T> = std::result::Result<T, MemberOpError>;

/// A member with the year's totals.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MemberTotals {
    /// The member.
    pub member: Member,
    /// Half hours counted this year.
    pub half_hours: u32,
    /// Points counted this year, in halves.
    pub half_points: u32,
}

impl MemberTotals {
    /// Hours as text ("12.5").
    pub fn hours(&self) -> String {
        halves(self.half_hours)
    }

    /// Points as text.
    pub fn points(&self) -> String {
        halves(self.half_points)
    }
}

/// A work unit's totals for a year.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct UnitTotals {
    /// Work unit.
    pub unit: String,
    /// Active members.
    pub members: u32,
    /// Half hours.
    pub half_hours: u32,
    /// Points in halves.
    pub half_points: u32,
    /// Members below the yearly target.
    pub below: u32,
}

/// What a check-in desk action did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Checked {
    /// Checked in.
    In(String),
    /// Checked out with these half hours and half points.
    Out(String, u32, u32),
}

/// One work unit's members and their service in a quarter (反馈单).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct UnitFeedback {
    /// Work unit.
    pub unit: String,
    /// Year.
    pub year: i32,
    /// Quarter 1–4.
    pub quarter: u32,
    /// Members with their counted records of the quarter.
    pub members: Vec<(Member, Vec<Service>)>,
}

/// Setting: the yearly target in hours (default 50, as in 邢台桥西区).
pub const TARGET_KEY: &str = "members.target_hours";
/// Setting: months between reports to the community (default 6, as in 佛山).
pub const REPORT_KEY: &str = "members.report_months";

/// Stored date-time format (local time, minutes).
pub const FMT: &str = "%Y-%m-%dT%H:%M";

fn t(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, FMT).unwrap_or_default()
}

fn stamp(d: NaiveDateTime) -> String {
    d.format(FMT).to_string()
}

const MEMBER: &str = "id, name, female, phone, id_number, unit, branch, address, grid, reported_on, online, skills,
    intentions, status FROM party_members";

fn row_to_member(r: &Row<'_>) -> rusqlite::Result<Member> {
    let intentions: String = r.get(12)?;
    let status: String = r.get(13)?;
    let reported: String = r.get(9)?;
    Ok(Member {
        id: r.get(0)?,
        name: r.get(1)?,
        female: r.get(2)?,
        phone: r.get(3)?,
        id_number: r.get(4)?,
        unit: r.get(5)?,
        branch: r.get(6)?,
        address: r.get(7)?,
        grid: r.get(8)?,
        reported_on: reported.parse().unwrap_or_default(),
        online: r.get(10)?,
        skills: r.get(11)?,
        intentions: intentions.split(',').filter_map(Post::from_str_opt).collect(),
        status: MemberStatus::from_str_opt(&status).unwrap_or(MemberStatus::Active),
    })
}

const ACTIVITY: &str = "id, title, category, organiser, place, start, end_at, capacity, rate, needs FROM activities";

fn row_to_activity(r: &Row<'_>) -> rusqlite::Result<Activity> {
    let cat: String = r.get(2)?;
    Ok(Activity {
        id: r.get(0)?,
        title: r.get(1)?,
        category: Post::from_str_opt(&cat).unwrap_or(Post::Other),
        organiser: r.get(3)?,
        place: r.get(4)?,
        start: t(&r.get::<_, String>(5)?),
        end: t(&r.get::<_, String>(6)?),
        capacity: r.get(7)?,
        rate: r.get(8)?,
        needs: r.get(9)?,
    })
}

const SERVICE: &str = "id, member_id, activity_id, what, start, end_at, auto_closed, half_hours, rate, source, reason,
    operator, declined FROM service_records";

fn row_to_service(r: &Row<'_>) -> rusqlite::Result<Service> {
    let source: String = r.get(9)?;
    Ok(Service {
        id: r.get(0)?,
        member_id: r.get(1)?,
        activity_id: r.get(2)?,
        what: r.get(3)?,
        start: t(&r.get::<_, String>(4)?),
        end: r.get::<_, Option<String>>(5)?.map(|s| t(&s)),
        auto_closed: r.get(6)?,
        half_hours: r.get(7)?,
        rate: r.get(8)?,
        source: if source == "manual" {
            Source::Manual { reason: r.get(10)?, operator: r.get(11)? }
        } else {
            Source::CheckIn
        },
        declined: r.get(12)?,
    })
}

fn member_in(tx: &Transaction<'_>, id: i64) -> rusqlite::Result<Option<Member>> {
    tx.query_row(&format!("SELECT {MEMBER} WHERE id = ?1"), [id], row_to_member).optional()
}

fn activity_in(conn: &rusqlite::Connection, id: i64) -> rusqlite::Result<Option<Activity>> {
    conn.query_row(&format!("SELECT {ACTIVITY} WHERE id = ?1"), [id], row_to_activity).optional()
}

fn year_bounds(year: i32) -> (String, String) {
    (format!("{year:04}-01-01"), format!("{:04}-01-01", year + 1))
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

/// Totals per work unit of active members already read, most hours first.
pub fn unit_totals(members: &[MemberTotals], target: u32) -> Vec<UnitTotals> {
    let mut units: Vec<UnitTotals> = Vec::new();
    for m in members.iter().filter(|m| m.member.status == MemberStatus::Active) {
        let i = match units.iter().position(|u| u.unit == m.member.unit) {
            Some(i) => i,
            None => {
                let unit = m.member.unit.clone();
                units.push(UnitTotals { unit, members: 0, half_hours: 0, half_points: 0, below: 0 });
                units.len() - 1
            }
        };
        let u = &mut units[i];
        u.members += 1;
        u.half_hours += m.half_hours;
        u.half_points += m.half_points;
        u.below += u32::from(m.half_hours < target * 2);
    }
    units.sort_by(|a, b| b.half_hours.cmp(&a.half_hours).then_with(|| a.unit.cmp(&b.unit)));
    units
}

/// Inserts a validated member (the one INSERT of registration and of the scale generator).
pub(super) fn insert_member(tx: &Transaction<'_>, m: &Member, now: &str) -> rusqlite::Result<i64> {
    let intentions: Vec<&str> = m.intentions.iter().map(|p| p.as_str()).collect();
    tx.prepare_cached(
        "INSERT INTO party_members (name, female, phone, id_number, unit, branch, address, grid, reported_on,
             online, skills, intentions, status, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        m.name,
        m.female,
        m.phone,
        m.id_number,
        m.unit,
        m.branch,
        m.address,
        m.grid,
        m.reported_on.to_string(),
        m.online,
        m.skills,
        intentions.join(","),
        m.status.as_str(),
        now
    ])?;
    Ok(tx.last_insert_rowid())
}

impl Db {
    /// Registers a validated member; an identity number on file is refused with that member.
    pub fn register_member(&mut self, by: &str, m: &Member) -> MemberResult<Member> {
        let now = self.clock.now_text();
        let m = m.clone();
        self.write(by, |tx| {
            if let Some(e) = tx
                .query_row(&format!("SELECT {MEMBER} WHERE id_number = ?1"), [&m.id_number], row_to_member)
                .optional()?
            {
                return Ok((Err(MemberOpError::Duplicate(Box::new(e))), vec![]));
            }
            insert_member(tx, &m, &now)?;
            let id = tx.last_insert_rowid();
            let audit =
                AuditEntry::new("member.register", "party_member", id.to_string(), format!("{} {}", m.name, m.unit));
            Ok((Ok(Member { id, ..m }), vec![audit]))
        })?
    }

    /// Records a new report (报到) today, or a change of standing.
    pub fn update_member(
        &mut self,
        by: &str,
        id: i64,
        reported_on: Option<NaiveDate>,
        status: Option<MemberStatus>,
    ) -> MemberResult<Member> {
        self.write(by, |tx| {
            let Some(m) = member_in(tx, id)? else { return Ok((Err(MemberOpError::NotFound), vec![])) };
            let reported_on = reported_on.unwrap_or(m.reported_on);
            let status = status.unwrap_or(m.status);
            tx.execute(
                "UPDATE party_members SET reported_on = ?2, status = ?3 WHERE id = ?1",
                params![id, reported_on.to_string(), status.as_str()],
            )?;
            let audit = AuditEntry::new(
                "member.update",
                "party_member",
                id.to_string(),
                format!("reported {reported_on}, {}", status.as_str()),
            );
            Ok((Ok(Member { reported_on, status, ..m }), vec![audit]))
        })?
    }

    /// The yearly target in hours and the months between reports.
    pub fn member_settings(&self) -> super::Result<(u32, u32)> {
        let get =
            |k, d| -> super::Result<u32> { Ok(self.setting(k)?.and_then(|v| v.trim().parse().ok()).unwrap_or(d)) };
        Ok((get(TARGET_KEY, 50)?, get(REPORT_KEY, 6)?))
    }

    /// Every member with the year's counted hours and points, by name.
    pub fn members(&self, year: i32) -> super::Result<Vec<MemberTotals>> {
        let (from, to) = year_bounds(year);
        let mut stmt = self.conn.prepare_cached(
            "SELECT member_id, sum(half_hours), sum(half_hours * rate) FROM service_records
             WHERE declined IS NULL AND end_at IS NOT NULL AND start >= ?1 AND start < ?2 GROUP BY member_id",
        )?;
        let sums: std::collections::HashMap<i64, (u32, u32)> = stmt
            .query_map([from, to], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {MEMBER} ORDER BY name, id"))?;
        let rows = stmt.query_map([], row_to_member)?;
        let mut out = Vec::new();
        for m in rows {
            let member = m?;
            let (half_hours, half_points) = sums.get(&member.id).copied().unwrap_or((0, 0));
            out.push(MemberTotals { member, half_hours, half_points });
        }
        Ok(out)
    }

    /// One member.
    pub fn member(&self, id: i64) -> super::Result<Option<Member>> {
        Ok(self.conn.query_row(&format!("SELECT {MEMBER} WHERE id = ?1"), [id], row_to_member).optional()?)
    }

    /// A member's records, newest first (declined ones included, marked).
    pub fn member_records(&self, member_id: i64, limit: u32) -> super::Result<Vec<Service>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {SERVICE} WHERE member_id = ?1 ORDER BY start DESC, id DESC LIMIT ?2"))?;
        Ok(stmt.query_map(params![member_id, limit], row_to_service)?.collect::<rusqlite::Result<_>>()?)
    }

    /// Yearly totals per work unit, most hours first; `target` is the yearly target in hours.
    pub fn unit_totals(&self, year: i32, target: u32) -> super::Result<Vec<UnitTotals>> {
        Ok(unit_totals(&self.members(year)?, target))
    }

    /// Stores a new activity.
    pub fn add_activity(&mut self, by: &str, a: &Activity) -> super::Result<Activity> {
        let now = self.clock.now_text();
        let a = a.clone();
        self.write(by, |tx| {
            tx.execute(
                "INSERT INTO activities (title, category, organiser, place, start, end_at, capacity, rate, needs, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    a.title,
                    a.category.as_str(),
                    a.organiser,
                    a.place,
                    stamp(a.start),
                    stamp(a.end),
                    a.capacity,
                    a.rate,
                    a.needs,
                    now
                ],
            )?;
            let id = tx.last_insert_rowid();
            let audit = AuditEntry::new("activity.add", "activity", id.to_string(), format!("{} {}", a.title, stamp(a.start)));
            Ok((Activity { id, ..a }, vec![audit]))
        })
    }

    /// Activities starting between two days (inclusive), with how many checked in.
    pub fn activities(&self, from: NaiveDate, to: NaiveDate) -> super::Result<Vec<(Activity, u32)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.title, a.category, a.organiser, a.place, a.start, a.end_at, a.capacity, a.rate, a.needs,
                (SELECT count(*) FROM service_records r WHERE r.activity_id = a.id AND r.declined IS NULL)
             FROM activities a WHERE a.start >= ?1 AND a.start < ?2 ORDER BY a.start, a.id",
        )?;
        let to = to.succ_opt().unwrap_or(to);
        let rows = stmt.query_map([from.to_string(), to.to_string()], |r| Ok((row_to_activity(r)?, r.get(10)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One activity.
    pub fn activity(&self, id: i64) -> super::Result<Option<Activity>> {
        Ok(activity_in(&self.conn, id)?)
    }

    /// The records of one activity with the members' names, in check-in order.
    pub fn activity_records(&self, activity_id: i64) -> super::Result<Vec<(Service, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.id, r.member_id, r.activity_id, r.what, r.start, r.end_at, r.auto_closed, r.half_hours, r.rate,
                r.source, r.reason, r.operator, r.declined, m.name
             FROM service_records r JOIN party_members m ON m.id = r.member_id
             WHERE r.activity_id = ?1 ORDER BY r.start, r.id",
        )?;
        let rows = stmt.query_map([activity_id], |r| Ok((row_to_service(r)?, r.get(13)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A number that moves whenever members, their service records or the settings change
    /// (kept by triggers): equal numbers mean the member desk's data is unchanged.
    pub fn members_revision(&self) -> super::Result<i64> {
        Ok(self.conn.query_row("SELECT n FROM revisions WHERE name = 'members'", [], |r| r.get(0))?)
    }

    /// Closes records left open past their activity's end (flagged); how many.
    pub fn close_finished(&mut self, by: &str, now: NaiveDateTime) -> super::Result<usize> {
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

    /// The quarter's feedback, one entry per work unit with active members, by unit name.
    pub fn feedback(&self, year: i32, quarter: u32) -> super::Result<Vec<UnitFeedback>> {
        let (first, last) = quarter_span(year, quarter);
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {SERVICE} WHERE member_id = ?1 AND declined IS NULL AND end_at IS NOT NULL
             AND start >= ?2 AND start < ?3 ORDER BY start, id"
        ))?;
        let to = last.succ_opt().unwrap_or(last).to_string();
        let mut units: Vec<UnitFeedback> = Vec::new();
        let mut members = self.members(year)?;
        members.sort_by(|a, b| a.member.unit.cmp(&b.member.unit).then_with(|| a.member.name.cmp(&b.member.name)));
        for m in members.into_iter().filter(|m| m.member.status == MemberStatus::Active) {
            let records: Vec<Service> = stmt
                .query_map(params![m.member.id, first.to_string(), to], row_to_service)?
                .collect::<rusqlite::Result<_>>()?;
            if units.last().is_none_or(|u| u.unit != m.member.unit) {
                units.push(UnitFeedback { unit: m.member.unit.clone(), year, quarter, members: Vec::new() });
            }
            if let Some(u) = units.last_mut() {
                u.members.push((m.member, records));
            }
        }
        Ok(units)
    }

    /// Records that a member's identity number and phone were shown in full.
    pub fn reveal_member(&mut self, by: &str, id: i64) -> MemberResult<Member> {
        self.write(by, |tx| {
            let Some(m) = member_in(tx, id)? else { return Ok((Err(MemberOpError::NotFound), vec![])) };
            let audit =
                AuditEntry::new("member.reveal", "party_member", id.to_string(), format!("{} id_number phone", m.name));
            Ok((Ok(m), vec![audit]))
        })?
    }
}
