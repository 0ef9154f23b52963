//! Taking back one's last quick change. While a key that can be undone is carried out, this
//! connection's own (TEMP) triggers keep each changed row as it was before and after; the undo
//! puts the rows back only if they are still as that change left them, so it never overwrites
//! what another desk has done since.

use super::{AuditEntry, Db, Result, StorageError};
use rusqlite::{Connection, OptionalExtension, params};

/// The tables a key that does not ask may change. Timelines and the audit trail are not among
/// them: they keep what happened, and the undo adds its own line.
const TABLES: &[&str] =
    &["queue_tickets", "windows", "cases", "case_materials", "mediation_cases", "party_members", "service_records"];

/// One changed row: its table, rowid, and the row before and after as JSON objects.
#[derive(Debug, Clone)]
pub(super) struct RowChange {
    table: String,
    rowid: i64,
    before: String,
    after: String,
}

/// Why an undo was refused.
#[derive(Debug, thiserror::Error)]
pub enum UndoError {
    /// Nothing of this session can be taken back.
    #[error("nothing to undo")]
    Nothing,
    /// Someone changed the same record since.
    #[error("changed since")]
    ChangedSince,
    /// The database failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl From<rusqlite::Error> for UndoError {
    fn from(e: rusqlite::Error) -> Self {
        UndoError::Storage(e.into())
    }
}

/// The row as one JSON object of these columns, in SQL over `alias` (`OLD`, `NEW`, a table).
fn image(cols: &[String], alias: &str) -> String {
    let pairs: Vec<String> = cols.iter().map(|c| format!("'{c}', {alias}.\"{c}\"")).collect();
    format!("json_object({})", pairs.join(", "))
}

fn columns(conn: &Connection, table: &str) -> rusqlite::Result<Vec<String>> {
    let mut st = conn.prepare(&format!("PRAGMA main.table_info(\"{table}\")"))?;
    let cols = st.query_map([], |r| r.get::<_, String>(1))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(cols)
}

/// This connection's recorder: a switch, the rows, and one trigger per table and kind of change.
/// Inserts and deletes are noted as such: a change that made or removed rows is not taken back.
fn install(conn: &Connection) -> rusqlite::Result<()> {
    let have: Option<i64> =
        conn.query_row("SELECT 1 FROM temp.sqlite_master WHERE name = 'undo_on'", [], |r| r.get(0)).optional()?;
    if have.is_some() {
        return Ok(());
    }
    let mut sql = String::from(
        "CREATE TEMP TABLE undo_on (on_ INTEGER NOT NULL);
         INSERT INTO temp.undo_on VALUES (0);
         CREATE TEMP TABLE undo_rows (id INTEGER PRIMARY KEY, tbl TEXT NOT NULL, rid INTEGER,
                                      before TEXT, after TEXT);",
    );
    for t in TABLES {
        let cols = columns(conn, t)?;
        let (old, new) = (image(&cols, "OLD"), image(&cols, "NEW"));
        sql.push_str(&format!(
            "CREATE TEMP TRIGGER undo_u_{t} AFTER UPDATE ON main.{t} WHEN (SELECT on_ FROM temp.undo_on) BEGIN
                 INSERT INTO temp.undo_rows (tbl, rid, before, after) VALUES ('{t}', OLD.rowid, {old}, {new});
             END;
             CREATE TEMP TRIGGER undo_i_{t} AFTER INSERT ON main.{t} WHEN (SELECT on_ FROM temp.undo_on) BEGIN
                 INSERT INTO temp.undo_rows (tbl) VALUES ('{t}');
             END;
             CREATE TEMP TRIGGER undo_d_{t} AFTER DELETE ON main.{t} WHEN (SELECT on_ FROM temp.undo_on) BEGIN
                 INSERT INTO temp.undo_rows (tbl) VALUES ('{t}');
             END;"
        ));
    }
    conn.execute_batch(&sql)
}

impl Db {
    /// Starts recording what the next writes change, for [`undo_last`](Self::undo_last).
    pub fn record_undo(&mut self) -> Result<()> {
        install(&self.conn)?;
        self.conn.execute_batch("DELETE FROM temp.undo_rows; UPDATE temp.undo_on SET on_ = 1;")?;
        Ok(())
    }

    /// Stops recording. What was recorded becomes the session's undo (replacing the one before)
    /// when rows were changed and none made or removed; returns whether it did.
    pub fn keep_undo(&mut self, what: &str) -> Result<bool> {
        self.conn.execute_batch("UPDATE temp.undo_on SET on_ = 0;")?;
        let mut st = self.conn.prepare("SELECT tbl, rid, before, after FROM temp.undo_rows ORDER BY id")?;
        let rows = st
            .query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?, r.get::<_, Option<String>>(2)?, r.get(3)?))
            })?
            .collect::<rusqlite::Result<Vec<(String, Option<i64>, Option<String>, Option<String>)>>>()?;
        drop(st);
        self.conn.execute_batch("DELETE FROM temp.undo_rows;")?;
        let mut changes = Vec::new();
        for (table, rowid, before, after) in rows {
            let (Some(rowid), Some(before), Some(after)) = (rowid, before, after) else { return Ok(false) };
            changes.push(RowChange { table, rowid, before, after });
        }
        if changes.is_empty() {
            return Ok(false);
        }
        self.undo = Some((what.to_string(), changes));
        Ok(true)
    }

    /// Takes back this session's last undoable change if every row is still as it left it.
    /// Timelines of the cases involved say so; the audit trail names what was taken back.
    pub fn undo_last(&mut self, by: &str) -> std::result::Result<String, UndoError> {
        let Some((what, changes)) = self.undo.take() else { return Err(UndoError::Nothing) };
        let at = self.clock.now_text();
        // Spent either way: what changed since cannot be taken back later either.
        self.write_or_refuse(by, |tx| {
            let (mut cases, mut mediations) = (vec![], vec![]);
            for c in changes.iter().rev() {
                let cols = columns(tx, &c.table)?;
                let now: Option<String> = tx
                    .query_row(
                        &format!("SELECT {} FROM main.{} t WHERE rowid = ?1", image(&cols, "t"), c.table),
                        [c.rowid],
                        |r| r.get(0),
                    )
                    .optional()?;
                if now.as_deref() != Some(c.after.as_str()) {
                    return Err(UndoError::ChangedSince);
                }
                let sets: Vec<String> = cols
                    .iter()
                    .map(|col| format!("\"{col}\" = json_extract(?1, '$.\"{col}\"')"))
                    .collect();
                tx.execute(&format!("UPDATE main.{} SET {} WHERE rowid = ?2", c.table, sets.join(", ")), params![
                    c.before, c.rowid
                ])?;
                let list = match c.table.as_str() {
                    "cases" => &mut cases,
                    "mediation_cases" => &mut mediations,
                    _ => continue,
                };
                if !list.contains(&c.rowid) {
                    list.push(c.rowid);
                }
            }
            for id in &cases {
                tx.execute(
                    "INSERT INTO case_events (case_id, at, operator, kind, detail) VALUES (?1, ?2, ?3, 'undo', ?4)",
                    params![id, at, by, what],
                )?;
            }
            for id in &mediations {
                tx.execute(
                    "INSERT INTO mediation_events (case_id, at, operator, kind, detail) VALUES (?1, ?2, ?3, 'undo', ?4)",
                    params![id, at, by, what],
                )?;
            }
            let first = changes.first().map(|c| (c.table.clone(), c.rowid));
            let (entity, id) = match first.as_ref().map(|(t, id)| (t.as_str(), *id)) {
                Some(("cases" | "case_materials", _)) if !cases.is_empty() => ("case", cases[0]),
                Some(("queue_tickets", id)) => ("ticket", id),
                Some(("windows", id)) => ("window", id),
                Some(("mediation_cases", id)) => ("mediation_case", id),
                Some(("service_records", id)) => ("service_record", id),
                _ => ("undo", 0),
            };
            Ok(((), vec![AuditEntry::new("undo", entity, id.to_string(), format!("took back: {what}"))]))
        })?;
        Ok(what)
    }
}
