//! Categories and service items: idempotent import and loading.

use super::{AuditEntry, Db, Result, StorageError};
use crate::domain::catalog::{Catalog, Category, DeskRole, Handling, LimitUnit, ServiceItem, TimeLimit};
pub use crate::model::catalog::{ImportCounts, ItemEdit};
use rusqlite::{OptionalExtension, params};

struct Row {
    fields: [String; 11],
}

fn item_row(it: &ServiceItem) -> Row {
    Row {
        fields: [
            it.name.clone(),
            it.name_en.clone(),
            it.category.clone(),
            it.department.clone(),
            it.desk_role.as_str().to_string(),
            it.handling.as_str().to_string(),
            it.time_limit.n.to_string(),
            it.time_limit.unit.as_str().to_string(),
            it.fee.clone(),
            it.notes.clone(),
            serde_json::to_string(&(&it.keywords, &it.materials)).unwrap_or_default(),
        ],
    }
}

impl Db {
    /// Upserts categories and items by code in one transaction. Unchanged rows are not
    /// touched, and an import that changes nothing writes nothing (not even an audit row).
    pub fn import_catalog(&mut self, by: &str, file: &str, catalog: &Catalog) -> Result<ImportCounts> {
        let at = self.clock.now_text();
        self.write(by, |tx| {
            let mut counts = ImportCounts::default();
            for (sort, c) in catalog.categories.iter().enumerate() {
                let old: Option<(String, String, String, i64)> = tx
                    .query_row("SELECT name, name_en, prefix, sort FROM categories WHERE code = ?1", [&c.code], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                    })
                    .optional()?;
                let new = (c.name.clone(), c.name_en.clone(), c.prefix.to_string(), sort as i64);
                if old.as_ref() == Some(&new) {
                    continue;
                }
                tx.execute(
                    "INSERT INTO categories (code, name, name_en, prefix, sort) VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (code) DO UPDATE SET name = excluded.name, name_en = excluded.name_en,
                         prefix = excluded.prefix, sort = excluded.sort",
                    params![c.code, new.0, new.1, new.2, new.3],
                )
                .map_err(|e| match StorageError::from(e) {
                    // The only unique column besides the key is the prefix.
                    StorageError::Constraint(_) => {
                        StorageError::Constraint(format!("category {} prefix {}", c.code, c.prefix))
                    }
                    other => other,
                })?;
            }
            for (sort, it) in catalog.items.iter().enumerate() {
                let new = item_row(it);
                let old: Option<(Row, i64)> = tx
                    .query_row(
                        "SELECT name, name_en, category, department, desk_role, handling, limit_n, limit_unit,
                                fee, notes, json_array(json(keywords), json(materials)), sort
                         FROM service_items WHERE code = ?1",
                        [&it.code],
                        |r| {
                            let mut fields: [String; 11] = Default::default();
                            for (i, f) in fields.iter_mut().enumerate() {
                                *f = if i == 6 { r.get::<_, i64>(i)?.to_string() } else { r.get(i)? };
                            }
                            Ok((Row { fields }, r.get(11)?))
                        },
                    )
                    .optional()?;
                match &old {
                    Some((row, s)) if row.fields == new.fields && *s == sort as i64 => {
                        counts.unchanged += 1;
                        continue;
                    }
                    Some(_) => counts.changed += 1,
                    None => counts.added += 1,
                }
                tx.execute(
                    "INSERT INTO service_items (code, name, name_en, category, department, desk_role, handling,
                         limit_n, limit_unit, fee, notes, keywords, materials, sort, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
                     ON CONFLICT (code) DO UPDATE SET name = excluded.name, name_en = excluded.name_en,
                         category = excluded.category, department = excluded.department,
                         desk_role = excluded.desk_role, handling = excluded.handling,
                         limit_n = excluded.limit_n, limit_unit = excluded.limit_unit, fee = excluded.fee,
                         notes = excluded.notes, keywords = excluded.keywords, materials = excluded.materials,
                         sort = excluded.sort, updated_at = excluded.updated_at",
                    params![
                        it.code,
                        it.name,
                        it.name_en,
                        it.category,
                        it.department,
                        it.desk_role.as_str(),
                        it.handling.as_str(),
                        it.time_limit.n,
                        it.time_limit.unit.as_str(),
                        it.fee,
                        it.notes,
                        serde_json::to_string(&it.keywords).unwrap_or_default(),
                        serde_json::to_string(&it.materials).unwrap_or_default(),
                        sort as i64,
                        at,
                    ],
                )?;
            }
            let audit = if counts.added + counts.changed > 0 {
                let summary = format!(
                    "{file}: {} added, {} changed, {} unchanged",
                    counts.added, counts.changed, counts.unchanged
                );
                vec![AuditEntry::new("catalog.import", "service_items", file, summary)]
            } else {
                vec![]
            };
            Ok((counts, audit))
        })
    }

    /// All categories in file order.
    pub fn categories(&self) -> Result<Vec<Category>> {
        let mut stmt = self.conn.prepare_cached("SELECT code, name, name_en, prefix FROM categories ORDER BY sort")?;
        let rows = stmt.query_map([], |r| {
            let prefix: String = r.get(3)?;
            Ok(Category {
                code: r.get(0)?,
                name: r.get(1)?,
                name_en: r.get(2)?,
                prefix: prefix.chars().next().unwrap_or('?'),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// All service items (the catalog is small: 123 rows), retired ones included, in file order.
    pub fn service_items(&self) -> Result<Vec<ServiceItem>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT code, name, name_en, category, department, desk_role, handling, limit_n, limit_unit,
                    fee, notes, keywords, materials, retired
             FROM service_items ORDER BY sort, code",
        )?;
        let rows = stmt.query_map([], |r| {
            let bad = |i: usize, what: &str| {
                rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, what.to_string().into())
            };
            let desk_role: String = r.get(5)?;
            let handling: String = r.get(6)?;
            let unit: String = r.get(8)?;
            let keywords: String = r.get(11)?;
            let materials: String = r.get(12)?;
            Ok(ServiceItem {
                code: r.get(0)?,
                name: r.get(1)?,
                name_en: r.get(2)?,
                category: r.get(3)?,
                department: r.get(4)?,
                desk_role: DeskRole::from_str_opt(&desk_role).ok_or_else(|| bad(5, "desk_role"))?,
                handling: Handling::from_str_opt(&handling).ok_or_else(|| bad(6, "handling"))?,
                time_limit: TimeLimit {
                    n: r.get(7)?,
                    unit: LimitUnit::from_str_opt(&unit).ok_or_else(|| bad(8, "limit_unit"))?,
                },
                fee: r.get(9)?,
                notes: r.get(10)?,
                keywords: serde_json::from_str(&keywords).map_err(|_| bad(11, "keywords"))?,
                materials: serde_json::from_str(&materials).map_err(|_| bad(12, "materials"))?,
                retired: r.get(13)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Changes one service item (retire or restore it, or its fee, notes or department);
    /// false when no item has that code.
    pub fn edit_item(&mut self, by: &str, code: &str, edit: &ItemEdit) -> Result<bool> {
        let at = self.clock.now_text();
        let (column, value, summary): (&str, rusqlite::types::Value, String) = match edit {
            ItemEdit::Retired(r) => ("retired", i64::from(*r).into(), format!("retired = {r}")),
            ItemEdit::Fee(t) => ("fee", t.clone().into(), format!("fee: {t}")),
            ItemEdit::Notes(t) => ("notes", t.clone().into(), format!("notes: {t}")),
            ItemEdit::Department(t) => ("department", t.clone().into(), format!("department: {t}")),
        };
        let code = code.to_string();
        self.write(by, |tx| {
            // The column comes from the match above, never from input.
            let n = tx.execute(
                &format!("UPDATE service_items SET {column} = ?2, updated_at = ?3 WHERE code = ?1"),
                rusqlite::params![code, value, at],
            )?;
            let audit =
                if n == 1 { vec![AuditEntry::new("item.edit", "service_item", code.clone(), summary)] } else { vec![] };
            Ok((n == 1, audit))
        })
    }
}
