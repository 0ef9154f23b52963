//! The append-only audit trail.

use super::{Db, Result};
pub use crate::model::audit::{AuditFilter, AuditRow};
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
        // Each clause's `?` is the next parameter.
        let mut push = |clause: &str, v: Option<&String>| {
            if let Some(v) = v {
                values.push(Value::Text(v.clone()));
            }
            sql.push_str(&clause.replace('?', &format!("?{}", values.len())));
        };
        // A login as it is, or a name (or part of one) through the operators table: the list
        // shows names, so a supervisor types what they see.
        if let Some(o) = &f.operator {
            push(" AND (operator = ?", Some(o));
            push(" OR operator IN (SELECT login FROM operators WHERE instr(name, ?) > 0))", Some(o));
        }
        if let Some(e) = &f.entity {
            push(" AND entity = ?", Some(e));
        }
        if let Some(a) = &f.action {
            push(" AND (instr(action, ?) > 0", Some(a));
            for c in &f.action_codes {
                push(" OR action = ?", Some(c));
            }
            push(")", None);
        }
        // Stored times are ISO-8601 with the centre's offset, so a day is a string range.
        if let Some(d) = f.day {
            push(" AND at >= ?", Some(&d.to_string()));
            push(" AND at < ?", Some(&d.succ_opt().unwrap_or(d).to_string()));
        }
        sql.push_str(&format!(" ORDER BY id DESC LIMIT {}", limit.min(10_000)));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(values), row_to_audit)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
