//! Import batches: the preview against what is on file, the batch written in chunks of
//! [`CHUNK`] rows (each one BEGIN IMMEDIATE transaction that records what it created and
//! changed, and the batch's count of chunks), and the undo of a whole batch.
//!
//! A batch stopped part-way (a kill, a full disk) leaves whole chunks, each recorded: the
//! batch shows as unfinished, `import undo` takes back what it recorded, and importing the
//! same files again resumes it (the rows that landed match by ID and change nothing).

use super::members::{MEMBER, insert_member, row_to_member};
use super::residents::{COLUMNS, changes, insert_resident, row_to_resident};
use super::{AuditEntry, Db, Result};
use crate::domain::import::{self, Kind, Person, Read, Row};
use crate::domain::resident::mask_id;
pub use crate::model::import::{Batch, Change, Held, ImportUndoError, Plan, Undone};
use rusqlite::{Connection, ErrorCode, OptionalExtension, params};

/// Rows per transaction: short enough that a desk's write waits well under its busy timeout,
/// long enough that 100,000 rows are twenty commits.
pub const CHUNK: usize = 5_000;

/// The columns an import may write (and an undo puts back), per kind; a resident's
/// `updated_at` too, so that an undo leaves the table as it was.
fn columns(kind: Kind) -> (&'static str, &'static str, &'static [&'static str]) {
    match kind {
        Kind::Residents => {
            ("resident", "residents", &["phone", "estate", "building", "unit", "room", "grid", "tags", "updated_at"])
        }
        Kind::Members => {
            ("party_member", "party_members", &["phone", "unit", "branch", "address", "grid", "skills", "intentions"])
        }
    }
}

fn snapshot(conn: &Connection, kind: Kind, id: i64) -> rusqlite::Result<Option<Vec<String>>> {
    let (_, table, cols) = columns(kind);
    let sql = format!("SELECT {} FROM {table} WHERE id = ?1", cols.join(", "));
    conn.prepare_cached(&sql)?
        .query_row([id], |r| (0..cols.len()).map(|i| r.get::<_, String>(i)).collect::<rusqlite::Result<Vec<_>>>())
        .optional()
}

fn put_back(conn: &Connection, kind: Kind, id: i64, values: &[String]) -> rusqlite::Result<()> {
    let (_, table, cols) = columns(kind);
    let set: Vec<String> = cols.iter().enumerate().map(|(i, c)| format!("{c} = ?{}", i + 2)).collect();
    let sql = format!("UPDATE {table} SET {} WHERE id = ?1", set.join(", "));
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut params: Vec<&dyn rusqlite::ToSql> = vec![&id];
    params.extend(values.iter().map(|v| v as &dyn rusqlite::ToSql));
    stmt.execute(params.as_slice())?;
    Ok(())
}

fn on_file(conn: &Connection, kind: Kind, id_number: &str) -> rusqlite::Result<Option<(i64, Person)>> {
    match kind {
        Kind::Residents => conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM residents WHERE id_number = ?1"))?
            .query_row([id_number], row_to_resident)
            .optional()
            .map(|r| r.map(|r| (r.id, Person::Resident(r)))),
        Kind::Members => conn
            .prepare_cached(&format!("SELECT {MEMBER} WHERE id_number = ?1"))?
            .query_row([id_number], row_to_member)
            .optional()
            .map(|m| m.map(|m| (m.id, Person::Member(m)))),
    }
}

/// The fields that would change, as the trail words them.
fn differences(before: &Person, after: &Person) -> Vec<String> {
    match (before, after) {
        (Person::Resident(a), Person::Resident(b)) => changes(a, b),
        (Person::Member(a), Person::Member(b)) => import::member_changes(a, b),
        _ => vec![],
    }
}

/// Writes `p` over the person with row id `id` (the fields an import may write).
fn overwrite(conn: &Connection, id: i64, p: &Person, now: &str) -> rusqlite::Result<()> {
    match p {
        Person::Resident(r) => {
            let tags: Vec<&str> = r.tags.iter().map(|t| t.as_str()).collect();
            let a = &r.address;
            conn.prepare_cached(
                "UPDATE residents SET phone = ?2, estate = ?3, building = ?4, unit = ?5, room = ?6, grid = ?7,
                 tags = ?8, updated_at = ?9 WHERE id = ?1",
            )?
            .execute(params![
                id,
                r.phone,
                a.estate,
                a.building,
                a.unit,
                a.room,
                r.grid,
                tags.join(","),
                now
            ])?;
        }
        Person::Member(m) => {
            let posts: Vec<&str> = m.intentions.iter().map(|p| p.as_str()).collect();
            conn.prepare_cached(
                "UPDATE party_members SET phone = ?2, unit = ?3, branch = ?4, address = ?5, grid = ?6, skills = ?7,
                 intentions = ?8 WHERE id = ?1",
            )?
            .execute(params![
                id,
                m.phone,
                m.unit,
                m.branch,
                m.address,
                m.grid,
                m.skills,
                posts.join(",")
            ])?;
        }
    }
    Ok(())
}

fn row_to_batch(r: &rusqlite::Row<'_>) -> rusqlite::Result<Batch> {
    let kind: String = r.get(2)?;
    Ok(Batch {
        id: r.get(0)?,
        who: r.get(1)?,
        kind: Kind::from_str_opt(&kind).unwrap_or(Kind::Residents),
        files: r.get(3)?,
        added: r.get(4)?,
        changed: r.get(5)?,
        refused: r.get(6)?,
        chunks: r.get(7)?,
        created_at: r.get(8)?,
        finished_at: r.get(9)?,
        undone_at: r.get(10)?,
    })
}

const BATCH: &str = "SELECT id, who, kind, files, added, changed, refused, chunks, created_at, finished_at, undone_at FROM import_batches";

impl Db {
    /// What importing these rows would do: each row matched by ID against who is on file.
    pub fn import_plan(&self, kind: Kind, read: Read) -> Result<Plan> {
        let mut plan = Plan {
            kind,
            add: vec![],
            change: vec![],
            same: 0,
            held: vec![],
            refused: read.refused,
            skipped: read.skipped,
        };
        for row in read.rows {
            match on_file(&self.conn, kind, row.person.id_number())? {
                None => plan.add.push(row),
                Some((_, on_file)) if import::renames(&on_file, &row) => plan.held.push(Held { row, on_file }),
                Some((id, on_file)) => {
                    let fields = differences(&on_file, &import::merge(&on_file, &row));
                    if fields.is_empty() {
                        plan.same += 1;
                    } else {
                        plan.change.push(Change { row, id, fields });
                    }
                }
            }
        }
        Ok(plan)
    }

    /// Carries out `plan` as one batch in chunks of `chunk` rows, calling `progress(done, total)`
    /// after each. Each row is matched again when its chunk is written (someone may have been
    /// registered or edited since the preview); held rows are never written.
    pub fn import_apply(
        &mut self,
        by: &str,
        plan: &Plan,
        files: &str,
        chunk: usize,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Batch> {
        let kind = plan.kind;
        let (entity, _, _) = columns(kind);
        let now = self.clock.now_text();
        let counts = (plan.add.len() as i64, plan.change.len() as i64, (plan.refused.len() + plan.held.len()) as i64);
        let files_owned = files.to_string();
        let who = by.to_string();
        let batch = self.write(by, |tx| {
            let audit_from: i64 = tx.query_row("SELECT coalesce(max(id), 0) FROM audit_log", [], |r| r.get(0))?;
            tx.execute(
                "INSERT INTO import_batches (who, kind, files, added, changed, refused, audit_from, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![who, kind.as_str(), files_owned, counts.0, counts.1, counts.2, audit_from, now],
            )?;
            let id = tx.last_insert_rowid();
            let action = match kind {
                Kind::Residents => "import.residents",
                Kind::Members => "import.members",
            };
            let summary = format!(
                "#{id} {files_owned}: +{} ~{} ={} ?{} ✗{}",
                counts.0,
                counts.1,
                plan.same,
                plan.held.len(),
                plan.refused.len()
            );
            Ok((id, vec![AuditEntry::new(action, "import_batch", id.to_string(), summary)]))
        })?;
        let work: Vec<&Row> = plan.add.iter().chain(plan.change.iter().map(|c| &c.row)).collect();
        let total = work.len();
        for (n, rows) in work.chunks(chunk.max(1)).enumerate() {
            let now = self.clock.now_text();
            self.write(by, |tx| {
                for row in rows {
                    match on_file(tx, kind, row.person.id_number())? {
                        None => {
                            let id = match &row.person {
                                Person::Resident(r) => insert_resident(tx, r, &now)?,
                                Person::Member(m) => insert_member(tx, m, &now)?,
                            };
                            let after = snapshot(tx, kind, id)?.unwrap_or_default();
                            record(tx, batch, n, entity, id, true, &[], &after)?;
                        }
                        Some((_, on_file)) if import::renames(&on_file, row) => {}
                        Some((id, on_file)) => {
                            let merged = import::merge(&on_file, row);
                            if differences(&on_file, &merged).is_empty() {
                                continue;
                            }
                            let before = snapshot(tx, kind, id)?.unwrap_or_default();
                            overwrite(tx, id, &merged, &now)?;
                            let after = snapshot(tx, kind, id)?.unwrap_or_default();
                            record(tx, batch, n, entity, id, false, &before, &after)?;
                        }
                    }
                }
                tx.execute("UPDATE import_batches SET chunks = chunks + 1 WHERE id = ?1", [batch])?;
                Ok(((), vec![]))
            })?;
            progress(((n + 1) * chunk).min(total), total);
        }
        let now = self.clock.now_text();
        self.write(by, |tx| {
            tx.execute("UPDATE import_batches SET finished_at = ?2 WHERE id = ?1", params![batch, now])?;
            Ok(((), vec![]))
        })?;
        Ok(self.import_batch(batch)?.expect("the batch just written"))
    }

    /// One batch.
    pub fn import_batch(&self, id: i64) -> Result<Option<Batch>> {
        Ok(self.conn.query_row(&format!("{BATCH} WHERE id = ?1"), [id], row_to_batch).optional()?)
    }

    /// Every batch, the latest first.
    pub fn import_batches(&self) -> Result<Vec<Batch>> {
        let mut stmt = self.conn.prepare(&format!("{BATCH} ORDER BY id DESC"))?;
        Ok(stmt.query_map([], row_to_batch)?.collect::<rusqlite::Result<_>>()?)
    }

    /// Takes a batch back, in one transaction: the people it created are removed unless they
    /// have history since (a case, a ticket, a booking, hours, an audited edit or reveal), the
    /// fields it changed are put back unless someone changed them again since. Those kept are
    /// named.
    pub fn import_undo(&mut self, by: &str, batch: i64) -> std::result::Result<Undone, ImportUndoError> {
        let now = self.clock.now_text();
        self.write_or_refuse(by, |tx| {
            let b = tx
                .query_row(&format!("{BATCH} WHERE id = ?1"), [batch], row_to_batch)
                .optional()?
                .ok_or(ImportUndoError::NotFound)?;
            if let Some(at) = b.undone_at {
                return Err(ImportUndoError::Undone(at));
            }
            let audit_from: i64 =
                tx.query_row("SELECT audit_from FROM import_batches WHERE id = ?1", [batch], |r| r.get(0))?;
            let (entity, table, _) = columns(b.kind);
            let rows: Vec<(i64, bool, String, String)> = tx
                .prepare("SELECT entity_id, created, before, after FROM import_rows WHERE batch = ?1 ORDER BY chunk DESC, entity_id DESC")?
                .query_map([batch], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let mut done = Undone { batch, removed: 0, restored: 0, kept: vec![] };
            for (id, created, before, after) in rows {
                let now_values = snapshot(tx, b.kind, id)?;
                let Some(now_values) = now_values else { continue };
                let name: String =
                    tx.query_row(&format!("SELECT name || ' ' || id_number FROM {table} WHERE id = ?1"), [id], |r| r.get(0))?;
                let shown = name.split_once(' ').map(|(n, i)| format!("{n} {}", mask_id(i))).unwrap_or(name);
                let after: Vec<String> = serde_json::from_str(&after).unwrap_or_default();
                let touched: bool = tx
                    .prepare_cached("SELECT EXISTS (SELECT 1 FROM audit_log WHERE entity = ?1 AND entity_id = ?2 AND id > ?3)")?
                    .query_row(params![entity, id.to_string(), audit_from], |r| r.get(0))?;
                if now_values != after || touched {
                    done.kept.push(shown);
                    continue;
                }
                if created {
                    match tx.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id]) {
                        Ok(_) => done.removed += 1,
                        // A case, ticket, booking or service record refers to them.
                        Err(e) if e.sqlite_error_code() == Some(ErrorCode::ConstraintViolation) => done.kept.push(shown),
                        Err(e) => return Err(ImportUndoError::Storage(e.into())),
                    }
                } else {
                    let before: Vec<String> = serde_json::from_str(&before).unwrap_or_default();
                    put_back(tx, b.kind, id, &before)?;
                    done.restored += 1;
                }
            }
            tx.execute("UPDATE import_batches SET undone_at = ?2 WHERE id = ?1", params![batch, now])?;
            let summary = format!("#{batch}: -{} ↩{} ={}", done.removed, done.restored, done.kept.len());
            Ok((done, vec![AuditEntry::new("import.undo", "import_batch", batch.to_string(), summary)]))
        })
    }
}

#[allow(clippy::too_many_arguments)]
fn record(
    conn: &Connection,
    batch: i64,
    chunk: usize,
    entity: &str,
    id: i64,
    created: bool,
    before: &[String],
    after: &[String],
) -> rusqlite::Result<()> {
    let json = |v: &[String]| if v.is_empty() { String::new() } else { serde_json::to_string(v).unwrap_or_default() };
    conn.prepare_cached(
        "INSERT OR REPLACE INTO import_rows (batch, chunk, entity, entity_id, created, before, after)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![batch, chunk as i64, entity, id, created, json(before), json(after)])?;
    Ok(())
}

impl From<rusqlite::Error> for ImportUndoError {
    fn from(e: rusqlite::Error) -> Self {
        ImportUndoError::Storage(e.into())
    }
}

impl Db {
    /// Every party member, by row id (the export's list; the member desk reads its own).
    pub fn all_members(&self) -> Result<Vec<crate::domain::member::Member>> {
        let mut stmt = self.conn.prepare(&format!("SELECT {MEMBER} ORDER BY id"))?;
        Ok(stmt.query_map([], row_to_member)?.collect::<rusqlite::Result<_>>()?)
    }

    /// Records that `by` exported the residents or members: how many, where to, and whether
    /// with full ID numbers and phones.
    pub fn note_people_export(
        &mut self,
        by: &str,
        members: bool,
        format: &str,
        rows: usize,
        revealed: bool,
        to: &str,
    ) -> Result<()> {
        let (action, what) = if members { ("member.export", "members") } else { ("resident.export", "residents") };
        let shown = if revealed { "revealed" } else { "masked" };
        let summary = format!("{what} {format}, {rows} rows, {shown} → {to}");
        self.write(by, |_| Ok(((), vec![AuditEntry::new(action, "export", what, summary)])))
    }
}
