//! Party members and activities: the types, reading rows, registering and editing. Service
//! records (check-in and out, manual hours, declines) are in `records`; lists, yearly totals and
//! the quarter's feedback per work unit in `reads`.

mod reads;
pub(in crate::storage) mod records;

pub use reads::unit_totals;
pub use records::{APPROVAL_DEFAULT, APPROVAL_KEY, SYSTEM};

use super::{AuditEntry, Db};
use crate::domain::member::{Activity, Member, MemberStatus, Post, Service, Source};
pub use crate::model::members::{MemberOpError, MemberTotals, PendingHours, UnitFeedback, UnitTotals};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{OptionalExtension, Row, Transaction, params};

impl From<rusqlite::Error> for MemberOpError {
    fn from(e: rusqlite::Error) -> Self {
        MemberOpError::Storage(e.into())
    }
}

/// Result of member operations.
pub type MemberResult<T> = std::result::Result<T, MemberOpError>;

/// What a check-in desk action did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Checked {
    /// Checked in; late when after the activity's start.
    In(String, bool),
    /// Checked out with these half hours and half points.
    Out(String, u32, u32),
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

pub(super) const MEMBER: &str =
    "id, name, female, phone, id_number, unit, branch, address, grid, reported_on, online, skills,
    intentions, status FROM party_members";

pub(super) fn row_to_member(r: &Row<'_>) -> rusqlite::Result<Member> {
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
    operator, declined, late, pending FROM service_records";

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
        late: r.get(13)?,
        pending: r.get(14)?,
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
