//! The append-only audit trail.

use super::{Db, Result};
use rusqlite::{Transaction, params};

/// What a write records about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// Verb, e.g. `operator.add`.
    pub action: &'static str,
    /// Table or kind of thing, e.g. `operator`.
    pub entity: &'static str,
    /// Which one.
    pub entity_id: String,
    /// One line a supervisor can read.
    pub summary: String,
}

impl AuditEntry {
    /// Builds an entry.
    pub fn new(
        action: &'static str,
        entity: &'static str,
        entity_id: impl Into<String>,
        summary: impl Into<String>,
    ) -> Self {
        AuditEntry { action, entity, entity_id: entity_id.into(), summary: summary.into() }
    }
}

/// `entry` as recorded when an admin acts as someone else with `--as`: the row names the
/// person acted for, the summary who really did it.
pub(super) fn noted(via: Option<&str>, entry: &AuditEntry) -> AuditEntry {
    match via {
        None => entry.clone(),
        Some(real) => AuditEntry { summary: format!("{} [--as, by {real}]", entry.summary), ..entry.clone() },
    }
}

/// A stored audit row.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AuditRow {
    /// Row id, increasing.
    pub id: i64,
    /// When, local time with offset.
    pub at: String,
    /// Operator login.
    pub operator: String,
    /// Verb.
    pub action: String,
    /// Kind of thing.
    pub entity: String,
    /// Which one.
    pub entity_id: String,
    /// Summary.
    pub summary: String,
}

fn row_to_audit(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditRow> {
    Ok(AuditRow {
        id: r.get(0)?,
        at: r.get(1)?,
        operator: r.get(2)?,
        action: r.get(3)?,
        entity: r.get(4)?,
        entity_id: r.get(5)?,
        summary: r.get(6)?,
    })
}

pub(super) fn append(tx: &Transaction<'_>, at: &str, operator: &str, e: &AuditEntry) -> Result<()> {
    tx.execute(
        "INSERT INTO audit_log (at, operator, action, entity, entity_id, summary) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![at, operator, e.action, e.entity, e.entity_id, e.summary],
    )?;
    Ok(())
}

impl Db {
    /// The newest audit rows, newest first, before row id `before` (keyset paging).
    pub fn audit_page(&self, before: Option<i64>, limit: usize) -> Result<Vec<AuditRow>> {
        self.audit_search(&AuditFilter::default(), before, limit)
    }

    /// A page of audit rows matching `f`, newest first, older than `before` (keyset paging).
    pub fn audit_search(&self, f: &AuditFilter, before: Option<i64>, limit: usize) -> Result<Vec<AuditRow>> {
        use rusqlite::types::Value;
        let mut sql =
            String::from("SELECT id, at, operator, action, entity, entity_id, summary FROM audit_log WHERE id < ?1");
        let mut values: Vec<Value> = vec![Value::Integer(before.unwrap_or(i64::MAX))];
        let mut push = |clause: &str, v: String| {
            values.push(Value::Text(v));
            sql.push_str(&clause.replace('?', &format!("?{}", values.len())));
        };
        if let Some(o) = &f.operator {
            push(" AND operator = ?", o.clone());
        }
        if let Some(e) = &f.entity {
            push(" AND entity = ?", e.clone());
        }
        if let Some(a) = &f.action {
            push(" AND instr(action, ?) > 0", a.clone());
        }
        // Stored times are ISO-8601 with the centre's offset, so a day is a string range.
        if let Some(d) = f.day {
            push(" AND at >= ?", d.to_string());
            push(" AND at < ?", d.succ_opt().unwrap_or(d).to_string());
        }
        sql.push_str(&format!(" ORDER BY id DESC LIMIT {}", limit.min(10_000)));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(values), row_to_audit)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Which audit rows to show; `None` matches everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Operator login.
    pub operator: Option<String>,
    /// Entity kind (case, resident, ticket, party_member …).
    pub entity: Option<String>,
    /// A part of the action name ("reveal" finds every reveal).
    pub action: Option<String>,
    /// One day.
    pub day: Option<chrono::NaiveDate>,
}

impl AuditFilter {
    /// Parses "operator:wangfang action:reveal entity:case date:2026-11-20"; words without a
    /// key mean an operator. The first bad part is returned as the error.
    pub fn parse(s: &str) -> std::result::Result<AuditFilter, String> {
        let mut f = AuditFilter::default();
        for word in s.split_whitespace() {
            let (k, v) = word.split_once([':', '：']).unwrap_or(("operator", word));
            let v = v.trim().to_string();
            if v.is_empty() {
                return Err(word.to_string());
            }
            match k {
                "operator" | "op" | "操作员" => f.operator = Some(v),
                "entity" | "对象" => f.entity = Some(v),
                "action" | "动作" => f.action = Some(v),
                "date" | "日期" => f.day = Some(v.parse().map_err(|_| word.to_string())?),
                _ => return Err(word.to_string()),
            }
        }
        Ok(f)
    }
}
