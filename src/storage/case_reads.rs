//! Reading service cases: one case with its materials and timeline, filtered pages by keyset,
//! counts for the status line and the dashboard.

use super::Db;
use super::cases::{CASE_COLUMNS, date, like_escape, row_to_case, time};
use crate::domain::case::{Case, CaseEvent, CaseMaterial, CaseState, MaterialStatus};
use crate::model::cases::{CaseCounts, CaseFilter, CaseKey};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

impl Db {
    /// A case by id.
    pub fn case(&self, id: i64) -> super::Result<Option<Case>> {
        Ok(self.conn.query_row(&format!("SELECT {CASE_COLUMNS} WHERE c.id = ?1"), [id], row_to_case).optional()?)
    }

    /// The checklist of a case, in item order.
    pub fn case_materials(&self, id: i64) -> super::Result<Vec<CaseMaterial>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT name, required, status, promised_date, original_received_at, original_returned_at
             FROM case_materials WHERE case_id = ?1 ORDER BY seq",
        )?;
        let rows = stmt.query_map([id], |r| {
            let status: String = r.get(2)?;
            let promised: Option<String> = r.get(3)?;
            Ok(CaseMaterial {
                name: r.get(0)?,
                required: r.get(1)?,
                status: match (status.as_str(), date(promised)) {
                    ("presented", _) => MaterialStatus::Presented,
                    ("waived", Some(d)) => MaterialStatus::Waived(d),
                    _ => MaterialStatus::Missing,
                },
                original_received: time(r.get(4)?),
                original_returned: time(r.get(5)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The timeline of a case, oldest first.
    pub fn case_events(&self, id: i64) -> super::Result<Vec<CaseEvent>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT at, operator, kind, from_state, to_state, reason, detail FROM case_events WHERE case_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([id], |r| {
            let from: Option<String> = r.get(3)?;
            let to: Option<String> = r.get(4)?;
            Ok(CaseEvent {
                at: time(r.get(0)?).unwrap_or_default(),
                operator: r.get(1)?,
                kind: r.get(2)?,
                from: from.as_deref().and_then(CaseState::from_str_opt),
                to: to.as_deref().and_then(CaseState::from_str_opt),
                reason: r.get(5)?,
                detail: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Cases matching `filter`, earliest due first (those without a due date last), at most
    /// `limit`, after the keyset `after` = (due date or "9999", id) of the previous page.
    pub fn cases(&self, filter: &CaseFilter, after: Option<CaseKey>, limit: usize) -> super::Result<Vec<Case>> {
        let (mut sql, mut args) = self.case_where(filter)?;
        if let Some((due, id)) = after {
            args.push(due.into());
            args.push(id.into());
            let n = args.len();
            sql.push_str(&format!(" AND (coalesce(c.due_date, '9999'), c.id) > (?{}, ?{n})", n - 1));
        }
        sql.push_str(&format!(" ORDER BY coalesce(c.due_date, '9999'), c.id LIMIT {limit}"));
        let mut stmt = self.conn.prepare(&format!("SELECT {CASE_COLUMNS} {sql}"))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args), row_to_case)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many cases match `filter` in all (the list's title says it; the list shows a page).
    pub fn case_count(&self, filter: &CaseFilter) -> super::Result<usize> {
        let (sql, args) = self.case_where(filter)?;
        let n: i64 = self.conn.query_row(
            &format!("SELECT count(*) FROM cases c JOIN residents r ON r.id = c.resident_id {sql}"),
            rusqlite::params_from_iter(args),
            |r| r.get(0),
        )?;
        Ok(n as usize)
    }

    /// The case with this number.
    pub fn case_by_number(&self, number: &str) -> super::Result<Option<Case>> {
        let sql = format!("SELECT {CASE_COLUMNS} WHERE c.number = ?1");
        Ok(self.conn.query_row(&sql, [number], row_to_case).optional()?)
    }

    /// `WHERE …` for `filter` (over `cases c` and `residents r`), with its arguments: every
    /// filter runs here, before any limit, so a page is the first rows of the whole answer.
    fn case_where(&self, filter: &CaseFilter) -> super::Result<(String, Vec<rusqlite::types::Value>)> {
        let mut sql = String::from("WHERE 1 = 1");
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        let arg = |v: rusqlite::types::Value, args: &mut Vec<rusqlite::types::Value>| {
            args.push(v);
            format!("?{}", args.len())
        };
        if !filter.states.is_empty() {
            let marks: Vec<String> =
                filter.states.iter().map(|s| arg(s.as_str().to_string().into(), &mut args)).collect();
            sql.push_str(&format!(" AND c.state IN ({})", marks.join(",")));
        }
        if let Some(op) = &filter.operator {
            sql.push_str(&format!(" AND c.operator = {}", arg(op.clone().into(), &mut args)));
        }
        if let Some(day) = filter.overdue_on {
            sql.push_str(&format!(
                " AND c.state IN ('accepted','in_progress') AND c.due_date < {}",
                arg(day.to_string().into(), &mut args)
            ));
        }
        if let Some(day) = filter.due_soon_on {
            // The same bounds as the status line's count, so the list and the count agree.
            let soon = self.calendar()?.add_working_days(day, 1).to_string();
            let from = arg(day.to_string().into(), &mut args);
            let to = arg(soon.into(), &mut args);
            sql.push_str(&format!(
                " AND c.state IN ('accepted','in_progress') AND c.due_date >= {from} AND c.due_date <= {to}"
            ));
        }
        if let Some(code) = &filter.item_code {
            sql.push_str(&format!(" AND c.item_code = {}", arg(code.clone().into(), &mut args)));
        }
        if let Some(rid) = filter.resident_id {
            sql.push_str(&format!(" AND c.resident_id = {}", arg(rid.into(), &mut args)));
        }
        if let Some(t) = filter.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            // A number is found through its unique index (a prefix is a range of it); a name
            // through the residents and items that carry it, then each one's cases.
            let lo = arg(t.to_string().into(), &mut args);
            let hi = arg(format!("{t}\u{10FFFF}").into(), &mut args);
            if t.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
                // Digits are a number (no name or item has them): the unique index alone.
                sql.push_str(&format!(" AND c.number >= {lo} AND c.number < {hi}"));
                return Ok((sql, args)); // the last clause: nothing follows it
            }
            let like = arg(format!("%{}%", like_escape(t)).into(), &mut args);
            let mut items = vec![format!("SELECT code FROM service_items WHERE name LIKE {like} ESCAPE '\\'")];
            for code in &filter.text_items {
                items.push(format!("SELECT {}", arg(code.clone().into(), &mut args)));
            }
            sql.push_str(&format!(
                " AND (c.number >= {lo} AND c.number < {hi}
                   OR c.resident_id IN (SELECT id FROM residents WHERE name LIKE {like} ESCAPE '\\')
                   OR c.item_code IN ({}))",
                items.join(" UNION ALL ")
            ));
        }
        Ok((sql, args))
    }

    /// Open, due-soon and overdue cases per clerk (name from the operators), most overdue first.
    pub fn case_load(&self, today: NaiveDate) -> super::Result<Vec<(String, CaseCounts)>> {
        let soon = self.calendar()?.add_working_days(today, 1).to_string();
        let mut stmt = self.conn.prepare_cached(
            "SELECT coalesce(o.name, c.operator),
                 count(*) FILTER (WHERE c.state IN ('accepted','in_progress','awaiting_materials','suspended')),
                 count(*) FILTER (WHERE c.state IN ('accepted','in_progress') AND c.due_date >= ?1 AND c.due_date <= ?2),
                 count(*) FILTER (WHERE c.state IN ('accepted','in_progress') AND c.due_date < ?1)
             FROM cases c LEFT JOIN operators o ON o.login = c.operator
             WHERE c.state IN ('accepted','in_progress','awaiting_materials','suspended')
             GROUP BY c.operator ORDER BY 4 DESC, 3 DESC, 1",
        )?;
        let rows = stmt.query_map(params![today.to_string(), soon], |r| {
            Ok((
                r.get(0)?,
                CaseCounts {
                    open: r.get::<_, i64>(1)? as usize,
                    due_soon: r.get::<_, i64>(2)? as usize,
                    overdue: r.get::<_, i64>(3)? as usize,
                    promise_overdue: 0,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Open, due-soon and overdue counts on `today`.
    pub fn case_counts(&self, today: NaiveDate) -> super::Result<CaseCounts> {
        let soon = self.calendar()?.add_working_days(today, 1).to_string();
        let today = today.to_string();
        Ok(self.conn.query_row(
            "SELECT
                 count(*) FILTER (WHERE state IN ('accepted','in_progress','awaiting_materials','suspended')),
                 count(*) FILTER (WHERE state IN ('accepted','in_progress') AND due_date >= ?1 AND due_date <= ?2),
                 count(*) FILTER (WHERE state IN ('accepted','in_progress') AND due_date < ?1),
                 count(*) FILTER (WHERE state IN ('accepted','in_progress','awaiting_materials','suspended')
                     AND EXISTS (SELECT 1 FROM case_materials m
                                 WHERE m.case_id = cases.id AND m.status = 'waived' AND m.promised_date < ?1))
             FROM cases",
            params![today, soon],
            |r| {
                Ok(CaseCounts {
                    open: r.get::<_, i64>(0)? as usize,
                    due_soon: r.get::<_, i64>(1)? as usize,
                    overdue: r.get::<_, i64>(2)? as usize,
                    promise_overdue: r.get::<_, i64>(3)? as usize,
                })
            },
        )?)
    }
}
