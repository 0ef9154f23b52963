//! Residents: registration without duplicates, lookup, audited reveals.

use super::{AuditEntry, Db, Result};
use crate::domain::resident::{Address, Resident, Tag, mask_id, mask_phone};
pub use crate::model::residents::{Registered, ResidentEditError, Revealed};
use rusqlite::{OptionalExtension, Row, Transaction, params};

pub(super) const COLUMNS: &str = "id, name, id_number, phone, estate, building, unit, room, grid, tags";

pub(super) fn row_to_resident(r: &Row<'_>) -> rusqlite::Result<Resident> {
    let tags: String = r.get(9)?;
    Ok(Resident {
        id: r.get(0)?,
        name: r.get(1)?,
        id_number: r.get(2)?,
        phone: r.get(3)?,
        address: Address { estate: r.get(4)?, building: r.get(5)?, unit: r.get(6)?, room: r.get(7)? },
        grid: r.get(8)?,
        tags: tags.split(',').filter_map(Tag::from_str_opt).collect(),
    })
}

/// Inserts a validated resident (the one INSERT of registration and of the scale generator).
pub(super) fn insert_resident(tx: &Transaction<'_>, r: &Resident, now: &str) -> rusqlite::Result<i64> {
    let tags: Vec<&str> = r.tags.iter().map(|t| t.as_str()).collect();
    let a = &r.address;
    tx.prepare_cached(
        "INSERT INTO residents (name, id_number, phone, estate, building, unit, room, grid, tags, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
    )?
    .execute(params![r.name, r.id_number, r.phone, a.estate, a.building, a.unit, a.room, r.grid, tags.join(","), now])?;
    Ok(tx.last_insert_rowid())
}

impl From<rusqlite::Error> for ResidentEditError {
    fn from(e: rusqlite::Error) -> Self {
        ResidentEditError::Storage(e.into())
    }
}

/// What changed, field by field, as the audit trail words it: `phone 139****4567 → 186****5678`.
/// ID numbers and phones are masked as everywhere in the trail; an empty value is `-`.
pub fn changes(before: &Resident, after: &Resident) -> Vec<String> {
    let shown = |s: &str| if s.is_empty() { "-".to_string() } else { s.to_string() };
    let tags = |r: &Resident| r.tags.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(",");
    let (a, b) = (&before.address, &after.address);
    let pairs = [
        ("name", before.name.clone(), after.name.clone()),
        ("id_number", mask_id(&before.id_number), mask_id(&after.id_number)),
        ("phone", mask_phone(&before.phone), mask_phone(&after.phone)),
        ("estate", a.estate.clone(), b.estate.clone()),
        ("building", a.building.clone(), b.building.clone()),
        ("unit", a.unit.clone(), b.unit.clone()),
        ("room", a.room.clone(), b.room.clone()),
        ("grid", before.grid.clone(), after.grid.clone()),
        ("tags", tags(before), tags(after)),
    ];
    let raw = [before.id_number != after.id_number, before.phone != after.phone];
    pairs
        .into_iter()
        .enumerate()
        // Two ID numbers (or phones) can mask alike: whether they changed is judged on the real ones.
        .filter(|(i, (_, x, y))| match i {
            1 => raw[0],
            2 => raw[1],
            _ => x != y,
        })
        .map(|(_, (field, x, y))| format!("{field} {} → {}", shown(&x), shown(&y)))
        .collect()
}

/// Whether `login` may change who a resident is (name, ID number): supervisors and admins.
fn may_change_identity(tx: &Transaction<'_>, login: &str) -> rusqlite::Result<bool> {
    let role: Option<String> = tx
        .query_row("SELECT role FROM operators WHERE login = ?1 AND retired = 0", [login], |r| r.get(0))
        .optional()?;
    let role = role.as_deref().and_then(crate::domain::operator::Role::from_str_opt);
    Ok(role.is_some_and(|r| r.may(crate::domain::operator::Permission::Supervise)))
}

impl Db {
    /// Changes a resident's record to `r` (validated; `r.id` says whose), audited with every
    /// field's before → after. Name and ID number only by a supervisor; an ID number held by
    /// another resident is refused. Nothing changed writes nothing.
    pub fn update_resident(&mut self, by: &str, r: &Resident) -> std::result::Result<Resident, ResidentEditError> {
        self.update_resident_from(by, None, r)
    }

    /// [`update_resident`](Self::update_resident) from a form opened on `opened`: refused when
    /// the record is no longer what the form showed, so one desk never overwrites another's edit.
    pub fn update_resident_from(
        &mut self,
        by: &str,
        opened: Option<&Resident>,
        r: &Resident,
    ) -> std::result::Result<Resident, ResidentEditError> {
        let opened = opened.cloned();
        let now = self.clock.now_text();
        let login = by.to_string();
        let r = r.clone();
        self.write_or_refuse(by, |tx| {
            let before = tx
                .query_row(&format!("SELECT {COLUMNS} FROM residents WHERE id = ?1"), [r.id], row_to_resident)
                .optional()?
                .ok_or(ResidentEditError::NotFound)?;
            if opened.as_ref().is_some_and(|o| *o != before) {
                return Err(ResidentEditError::ChangedSince);
            }
            if (before.name != r.name || before.id_number != r.id_number) && !may_change_identity(tx, &login)? {
                return Err(ResidentEditError::OnlySupervisor);
            }
            if before.id_number != r.id_number
                && let Some(holder) = tx
                    .query_row(
                        "SELECT name FROM residents WHERE id_number = ?1 AND id <> ?2",
                        params![r.id_number, r.id],
                        |row| row.get::<_, String>(0),
                    )
                    .optional()?
            {
                return Err(ResidentEditError::DuplicateId(holder));
            }
            let changed = changes(&before, &r);
            if changed.is_empty() {
                return Ok((before, vec![]));
            }
            let tags: Vec<&str> = r.tags.iter().map(|t| t.as_str()).collect();
            let a = &r.address;
            tx.execute(
                "UPDATE residents SET name = ?2, id_number = ?3, phone = ?4, estate = ?5, building = ?6, unit = ?7,
                 room = ?8, grid = ?9, tags = ?10, updated_at = ?11 WHERE id = ?1",
                params![
                    r.id,
                    r.name,
                    r.id_number,
                    r.phone,
                    a.estate,
                    a.building,
                    a.unit,
                    a.room,
                    r.grid,
                    tags.join(","),
                    now
                ],
            )?;
            let summary = format!("{} {}: {}", before.name, mask_id(&before.id_number), changed.join("; "));
            Ok((r.clone(), vec![AuditEntry::new("resident.edit", "resident", r.id.to_string(), summary)]))
        })
    }

    /// Registers a validated resident; an identity number already on file returns that
    /// resident instead, so nobody is created twice.
    pub fn register_resident(&mut self, by: &str, r: &Resident) -> Result<Registered> {
        let now = self.clock.now_text();
        let r = r.clone();
        self.write(by, |tx| {
            let existing = tx
                .query_row(
                    &format!("SELECT {COLUMNS} FROM residents WHERE id_number = ?1"),
                    [&r.id_number],
                    row_to_resident,
                )
                .optional()?;
            if let Some(e) = existing {
                return Ok((Registered::Existing(e), vec![]));
            }
            let id = insert_resident(tx, &r, &now)?;
            let saved = Resident { id, ..r };
            let summary = format!("{} {}", saved.name, mask_id(&saved.id_number));
            Ok((Registered::New(saved), vec![AuditEntry::new("resident.add", "resident", id.to_string(), summary)]))
        })
    }

    /// A resident by row id.
    pub fn resident(&self, id: i64) -> Result<Option<Resident>> {
        Ok(self
            .conn
            .query_row(&format!("SELECT {COLUMNS} FROM residents WHERE id = ?1"), [id], row_to_resident)
            .optional()?)
    }

    /// A resident by (normalised) identity number.
    pub fn resident_by_id_number(&self, id_number: &str) -> Result<Option<Resident>> {
        Ok(self
            .conn
            .query_row(&format!("SELECT {COLUMNS} FROM residents WHERE id_number = ?1"), [id_number], row_to_resident)
            .optional()?)
    }

    /// Residents after row id `after`, by id (keyset paging; the search index is built from these).
    pub fn residents_page(&self, after: i64, limit: usize) -> Result<Vec<Resident>> {
        let mut stmt =
            self.conn.prepare_cached(&format!("SELECT {COLUMNS} FROM residents WHERE id > ?1 ORDER BY id LIMIT ?2"))?;
        let rows = stmt.query_map(params![after, limit as i64], row_to_resident)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Residents whose record was written at or after `since` (a time as stored, see
    /// [`residents_mark`](Self::residents_mark)), by id: what others changed since a session
    /// last read. Read through the index on `updated_at`, so only the few changed are touched.
    pub fn residents_changed(&self, since: &str) -> Result<Vec<Resident>> {
        // Sorted here: `ORDER BY id` would have SQLite walk the whole table in id order.
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {COLUMNS} FROM residents WHERE updated_at >= ?1"))?;
        let mut rows = stmt.query_map([since], row_to_resident)?.collect::<rusqlite::Result<Vec<_>>>()?;
        rows.sort_by_key(|r| r.id);
        Ok(rows)
    }

    /// Where the next [`residents_changed`](Self::residents_changed) starts, for a read made
    /// now. A write stamps its time before it waits for the lock (up to the busy timeout), so
    /// one stamped before this read may still commit after it: the mark lies that far back,
    /// and a change read twice is merely found unchanged the second time.
    pub fn residents_mark(&self) -> String {
        let back = self.busy.max(super::BUSY_TIMEOUT) + std::time::Duration::from_secs(2);
        let back = chrono::TimeDelta::from_std(back).unwrap_or(chrono::TimeDelta::MAX);
        let at = self.clock.now().checked_sub_signed(back).unwrap_or(self.clock.now());
        at.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
    }

    /// What the residents written before `mark` look like, in one value: the latest time any
    /// of them was written. A shared search file records it when built; the database it was
    /// built from still gives the same value (later writes are stamped after `mark`), a
    /// restored backup or another database almost never does (see runtime::residents_file).
    pub fn residents_fingerprint(&self, mark: &str) -> Result<String> {
        Ok(self.conn.query_row(
            "SELECT coalesce(max(updated_at), '') FROM residents WHERE updated_at < ?1",
            [mark],
            |r| r.get(0),
        )?)
    }

    /// Residents registered after row id `after` or written at or after `since`: what a session
    /// starting from a shared file built then must still read. Both counts run on indexes.
    pub fn residents_behind(&self, after: i64, since: &str) -> Result<usize> {
        let n: i64 = self.conn.query_row(
            "SELECT (SELECT count(*) FROM residents WHERE id > ?1)
                  + (SELECT count(*) FROM residents WHERE updated_at >= ?2)",
            params![after, since],
            |r| r.get(0),
        )?;
        Ok(n as usize)
    }

    /// This database's own name, made at random once (schema v14): a copy of it has the same,
    /// another database made at the same path does not.
    pub fn instance(&self) -> Result<String> {
        Ok(self.conn.query_row("SELECT name FROM instance", [], |r| r.get(0))?)
    }

    /// Every resident, paged internally.
    pub fn residents(&self) -> Result<Vec<Resident>> {
        let mut out = Vec::new();
        loop {
            let page = self.residents_page(out.last().map(|r: &Resident| r.id).unwrap_or(0), 5000)?;
            if page.is_empty() {
                return Ok(out);
            }
            out.extend(page);
        }
    }

    /// Records that `by` looked at a masked field of a resident (the caller then shows it).
    pub fn reveal(&mut self, by: &str, resident: &Resident, what: Revealed) -> Result<()> {
        let (action, field) = match what {
            Revealed::IdNumber => ("resident.reveal_id", "id_number"),
            Revealed::Phone => ("resident.reveal_phone", "phone"),
        };
        let summary = format!("{} {field}", resident.name);
        let id = resident.id.to_string();
        self.write(by, |_| Ok(((), vec![AuditEntry::new(action, "resident", id, summary)])))
    }
}
