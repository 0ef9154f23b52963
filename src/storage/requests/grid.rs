//! The grid layout, the service menu and the contacts: imported, read, and the grid an
//! address belongs to.

use super::{Grid, GridImport, RequestOpError};
use crate::domain::grid::{Contact, Layout};
use crate::domain::request::{Provider, Response, Service};
use crate::storage::{AuditEntry, Db};
use rusqlite::{OptionalExtension, Transaction, params};

/// The grid of a free-text place: the estate it starts with, that estate's building if the
/// place names one (`幸福里小区3栋…`), else the whole estate's grid.
pub(super) fn grid_of_place(tx: &Transaction<'_>, place: &str) -> rusqlite::Result<Option<String>> {
    let mut stmt = tx.prepare_cached(
        "SELECT g.name, p.building FROM grid_places p JOIN grids g ON g.id = p.grid_id
         WHERE ?1 LIKE p.estate || '%' ORDER BY length(p.estate) DESC, p.building = '' ",
    )?;
    let rows: Vec<(String, String)> =
        stmt.query_map([place], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(rows
        .iter()
        .find(|(_, b)| !b.is_empty() && place.contains(&format!("{b}栋")))
        .or_else(|| rows.iter().find(|(_, b)| b.is_empty()))
        .map(|(g, _)| g.clone()))
}

fn service_of(r: &rusqlite::Row<'_>) -> rusqlite::Result<Service> {
    let provider: String = r.get(3)?;
    let response: String = r.get(4)?;
    Ok(Service {
        code: r.get(0)?,
        name: r.get(1)?,
        category: r.get(2)?,
        provider: Provider::from_str_opt(&provider).unwrap_or(Provider::Grid),
        response: Response::parse(&response).unwrap_or(Response::Days(3)),
        keywords: r.get(5)?,
        skill: r.get(6)?,
    })
}

impl Db {
    /// Imports a layout: grids (leader, staff, places) created or updated by name, menu
    /// services and contacts replaced by code or name; residents of a listed estate/building
    /// follow it to their grid. One transaction: a bad line changes nothing.
    pub fn import_grid(&mut self, by: &str, layout: &Layout) -> Result<GridImport, RequestOpError> {
        let now = self.clock.now_text();
        self.write_or_refuse(by, |tx| {
            let mut counts = GridImport::default();
            for g in &layout.grids {
                tx.execute(
                    "INSERT INTO grids (name, leader, created_at) VALUES (?1, ?2, ?3)
                     ON CONFLICT (name) DO UPDATE SET leader = CASE WHEN excluded.leader <> '' THEN excluded.leader ELSE leader END",
                    params![g.name, g.leader, now],
                )?;
                let gid: i64 = tx.query_row("SELECT id FROM grids WHERE name = ?1", [&g.name], |r| r.get(0))?;
                for login in &g.staff {
                    tx.execute("INSERT OR IGNORE INTO grid_staff (grid_id, login) VALUES (?1, ?2)", params![gid, login])?;
                }
                for (estate, building) in &g.places {
                    tx.execute(
                        "INSERT INTO grid_places (grid_id, estate, building) VALUES (?1, ?2, ?3)
                         ON CONFLICT (estate, building) DO UPDATE SET grid_id = excluded.grid_id",
                        params![gid, estate, building],
                    )?;
                    counts.places += 1;
                    counts.residents += if building.is_empty() {
                        tx.execute(
                            "UPDATE residents SET grid = ?1, updated_at = ?3 WHERE estate = ?2 AND grid <> ?1
                             AND NOT EXISTS (SELECT 1 FROM grid_places p WHERE p.estate = residents.estate
                                             AND p.building = residents.building)",
                            params![g.name, estate, now],
                        )?
                    } else {
                        tx.execute(
                            "UPDATE residents SET grid = ?1, updated_at = ?4 WHERE estate = ?2 AND building = ?3 AND grid <> ?1",
                            params![g.name, estate, building, now],
                        )?
                    };
                }
                counts.grids += 1;
            }
            for (i, s) in layout.services.iter().enumerate() {
                tx.execute(
                    "INSERT INTO request_services (code, name, category, provider, response, keywords, skill, sort)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                     ON CONFLICT (code) DO UPDATE SET name = excluded.name, category = excluded.category,
                        provider = excluded.provider, response = excluded.response, keywords = excluded.keywords,
                        skill = excluded.skill, sort = excluded.sort",
                    params![s.code, s.name, s.category, s.provider.as_str(), s.response.as_text(), s.keywords, s.skill, i as i64],
                )?;
            }
            for c in &layout.contacts {
                tx.execute(
                    "INSERT INTO contacts (kind, name, phone, services) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (kind, name) DO UPDATE SET phone = excluded.phone, services = excluded.services",
                    params![c.kind.as_str(), c.name, c.phone, c.services],
                )?;
            }
            let summary = format!(
                "{} grids, {} places, {} services, {} contacts, {} residents",
                counts.grids,
                counts.places,
                layout.services.len(),
                layout.contacts.len(),
                counts.residents
            );
            Ok((counts, vec![AuditEntry::new("grid.import", "grid", "layout", summary)]))
        })
    }

    /// Corrects one resident's grid (the address assigned it; people know better).
    pub fn set_resident_grid(&mut self, by: &str, resident_id: i64, grid: &str) -> Result<(), RequestOpError> {
        let now = self.clock.now_text();
        let grid = grid.trim().to_string();
        self.write_or_refuse(by, |tx| {
            let n: i64 = tx.query_row("SELECT count(*) FROM grids WHERE name = ?1", [&grid], |r| r.get(0))?;
            if n == 0 {
                return Err(RequestOpError::NoGrid(grid.clone()));
            }
            let old: Option<String> =
                tx.query_row("SELECT grid FROM residents WHERE id = ?1", [resident_id], |r| r.get(0)).optional()?;
            let Some(old) = old else { return Err(RequestOpError::NoResident) };
            tx.execute(
                "UPDATE residents SET grid = ?2, updated_at = ?3 WHERE id = ?1",
                params![resident_id, grid, now],
            )?;
            let summary = format!("{old} → {grid}");
            Ok(((), vec![AuditEntry::new("grid.resident", "resident", resident_id.to_string(), summary)]))
        })
    }

    /// The grids with their staff and places, by name.
    pub fn grids(&self) -> Result<Vec<Grid>, RequestOpError> {
        let mut stmt = self.conn.prepare_cached("SELECT id, name, leader FROM grids ORDER BY name")?;
        let heads: Vec<(i64, String, String)> =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::new();
        for (id, name, leader) in heads {
            let mut s = self.conn.prepare_cached("SELECT login FROM grid_staff WHERE grid_id = ?1 ORDER BY login")?;
            let staff = s.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            let mut p = self.conn.prepare_cached(
                "SELECT estate, building FROM grid_places WHERE grid_id = ?1 ORDER BY estate, building",
            )?;
            let places = p.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
            out.push(Grid { name, leader, staff, places });
        }
        Ok(out)
    }

    /// The service menu in its order.
    pub fn request_services(&self) -> Result<Vec<Service>, RequestOpError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT code, name, category, provider, response, keywords, skill FROM request_services ORDER BY sort, code",
        )?;
        Ok(stmt.query_map([], service_of)?.collect::<rusqlite::Result<_>>()?)
    }

    /// Partners and departments (phones as stored; callers mask them).
    pub fn contacts(&self) -> Result<Vec<Contact>, RequestOpError> {
        let mut stmt =
            self.conn.prepare_cached("SELECT kind, name, phone, services FROM contacts ORDER BY kind DESC, name")?;
        let rows = stmt.query_map([], |r| {
            let kind: String = r.get(0)?;
            Ok(Contact {
                kind: Provider::from_str_opt(&kind).unwrap_or(Provider::Partner),
                name: r.get(1)?,
                phone: r.get(2)?,
                services: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
