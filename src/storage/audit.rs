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
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, at, operator, action, entity, entity_id, summary FROM audit_log
             WHERE id < ?1 ORDER BY id DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![before.unwrap_or(i64::MAX), limit as i64], |r| {
            Ok(AuditRow {
                id: r.get(0)?,
                at: r.get(1)?,
                operator: r.get(2)?,
                action: r.get(3)?,
                entity: r.get(4)?,
                entity_id: r.get(5)?,
                summary: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
