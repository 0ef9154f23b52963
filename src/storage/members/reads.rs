//! Reading members and activities: lists, a member's records, yearly totals per work unit and
//! the quarter's feedback (反馈单).

use super::{
    MEMBER, MemberTotals, REPORT_KEY, SERVICE, TARGET_KEY, UnitFeedback, UnitTotals, activity_in, row_to_activity,
    row_to_member, row_to_service, year_bounds,
};
use crate::domain::member::{Activity, Member, MemberStatus, Service, quarter_span};
use crate::storage::Db;
use crate::storage::reports::COUNTED;
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, named_params, params};
use std::collections::{BTreeMap, HashMap};

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

impl Db {
    /// The yearly target in hours and the months between reports.
    pub fn member_settings(&self) -> crate::storage::Result<(u32, u32)> {
        let get = |k, d| -> crate::storage::Result<u32> {
            Ok(self.setting(k)?.and_then(|v| v.trim().parse().ok()).unwrap_or(d))
        };
        Ok((get(TARGET_KEY, 50)?, get(REPORT_KEY, 6)?))
    }

    /// Hours above which a hand entry waits for a supervisor's approval.
    pub fn approval_hours(&self) -> crate::storage::Result<u32> {
        let v = self.setting(super::APPROVAL_KEY)?;
        Ok(v.and_then(|v| v.trim().parse().ok()).unwrap_or(super::APPROVAL_DEFAULT))
    }

    /// Every member with the year's counted hours and points, by name.
    pub fn members(&self, year: i32) -> crate::storage::Result<Vec<MemberTotals>> {
        let (from, to) = year_bounds(year);
        let mut stmt = self.conn.prepare_cached(
            "SELECT member_id, sum(half_hours), sum(half_hours * rate) FROM service_records
             WHERE declined IS NULL AND pending = 0 AND end_at IS NOT NULL AND start >= ?1 AND start < ?2
             GROUP BY member_id",
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
    pub fn member(&self, id: i64) -> crate::storage::Result<Option<Member>> {
        Ok(self.conn.query_row(&format!("SELECT {MEMBER} WHERE id = ?1"), [id], row_to_member).optional()?)
    }

    /// A member's records, newest first (declined ones included, marked).
    pub fn member_records(&self, member_id: i64, limit: u32) -> crate::storage::Result<Vec<Service>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {SERVICE} WHERE member_id = ?1 ORDER BY start DESC, id DESC LIMIT ?2"))?;
        Ok(stmt.query_map(params![member_id, limit], row_to_service)?.collect::<rusqlite::Result<_>>()?)
    }

    /// Yearly totals per work unit, most hours first; `target` is the yearly target in hours.
    pub fn unit_totals(&self, year: i32, target: u32) -> crate::storage::Result<Vec<UnitTotals>> {
        Ok(unit_totals(&self.members(year)?, target))
    }

    /// Activities starting between two days (inclusive), with how many checked in.
    pub fn activities(&self, from: NaiveDate, to: NaiveDate) -> crate::storage::Result<Vec<(Activity, u32)>> {
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
    pub fn activity(&self, id: i64) -> crate::storage::Result<Option<Activity>> {
        Ok(activity_in(&self.conn, id)?)
    }

    /// The records of one activity with the members' names, in check-in order.
    pub fn activity_records(&self, activity_id: i64) -> crate::storage::Result<Vec<(Service, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.id, r.member_id, r.activity_id, r.what, r.start, r.end_at, r.auto_closed, r.half_hours, r.rate,
                r.source, r.reason, r.operator, r.declined, r.late, r.pending, m.name
             FROM service_records r JOIN party_members m ON m.id = r.member_id
             WHERE r.activity_id = ?1 ORDER BY r.start, r.id",
        )?;
        let rows = stmt.query_map([activity_id], |r| Ok((row_to_service(r)?, r.get(15)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A number that moves whenever members, their service records or the settings change
    /// (kept by triggers): equal numbers mean the member desk's data is unchanged.
    pub fn members_revision(&self) -> crate::storage::Result<i64> {
        Ok(self.conn.query_row("SELECT n FROM revisions WHERE name = 'members'", [], |r| r.get(0))?)
    }

    /// The quarter's feedback, one entry per work unit, by unit name: every member active now,
    /// and every member with hours counted in it
    /// whatever their standing today (the rule of [`COUNTED`], shared with the monthly report).
    pub fn feedback(&self, year: i32, quarter: u32) -> crate::storage::Result<Vec<UnitFeedback>> {
        let (first, last) = quarter_span(year, quarter);
        let to = last.succ_opt().unwrap_or(last).to_string();
        let mut stmt =
            self.conn.prepare_cached(&format!("SELECT {SERVICE} s WHERE {COUNTED} ORDER BY s.start, s.id"))?;
        let mut records: HashMap<i64, Vec<Service>> = HashMap::new();
        for r in stmt.query_map(named_params! {":from": first.to_string(), ":to": to}, row_to_service)? {
            let r = r?;
            records.entry(r.member_id).or_default().push(r);
        }
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT s.member_id, sum(s.half_hours) FROM service_records s WHERE {COUNTED} GROUP BY s.member_id"
        ))?;
        let year_half_hours: BTreeMap<i64, u32> = stmt
            .query_map(named_params! {":from": year_bounds(year).0, ":to": to}, |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let issued = self.clock().now().date_naive();
        let (target_hours, _) = self.member_settings()?;
        let contact = self.setting("centre_phone")?.unwrap_or_default();
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {MEMBER} ORDER BY unit, name, id"))?;
        let mut units: Vec<UnitFeedback> = Vec::new();
        for m in stmt.query_map([], row_to_member)? {
            let m = m?;
            let served = records.remove(&m.id);
            if served.is_none() && m.status != MemberStatus::Active {
                continue;
            }
            if units.last().is_none_or(|u| u.unit != m.unit) {
                units.push(UnitFeedback {
                    unit: m.unit.clone(),
                    year,
                    quarter,
                    members: Vec::new(),
                    issued,
                    target_hours,
                    year_half_hours: BTreeMap::new(),
                    contact: contact.clone(),
                });
            }
            if let Some(u) = units.last_mut() {
                u.year_half_hours.insert(m.id, year_half_hours.get(&m.id).copied().unwrap_or(0));
                u.members.push((m, served.unwrap_or_default()));
            }
        }
        Ok(units)
    }
}
