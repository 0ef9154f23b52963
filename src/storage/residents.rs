//! Residents: registration without duplicates, lookup, audited reveals.

use super::{AuditEntry, Db, Result};
use crate::domain::resident::{Address, Resident, Tag, mask_id};
pub use crate::model::residents::{Registered, Revealed};
use rusqlite::{OptionalExtension, Row, Transaction, params};

const COLUMNS: &str = "id, name, id_number, phone, estate, building, unit, room, grid, tags";

fn row_to_resident(r: &Row<'_>) -> rusqlite::Result<Resident> {
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

impl Db {
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
