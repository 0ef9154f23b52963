//! The calendar's exception dates.

use super::{AuditEntry, Db, ImportCounts, Result};
use crate::domain::calendar::{CalendarDay, CalendarFile, DayKind};
use chrono::NaiveDate;
use rusqlite::params;

impl Db {
    /// Replaces the exceptions of every year the file covers; other years stay. Writes
    /// nothing when the years already hold exactly these dates.
    pub fn import_calendar(&mut self, by: &str, file: &str, cal: &CalendarFile) -> Result<ImportCounts> {
        let current = self.calendar_days()?;
        let in_years = |d: &CalendarDay| cal.years.contains(&chrono::Datelike::year(&d.date));
        let old: Vec<&CalendarDay> = current.iter().filter(|d| in_years(d)).collect();
        let new: Vec<&CalendarDay> = cal.days.iter().collect();
        if old == new {
            return Ok(ImportCounts { unchanged: new.len(), ..Default::default() });
        }
        let counts = ImportCounts {
            added: new.iter().filter(|d| !old.iter().any(|o| o.date == d.date)).count(),
            changed: new.iter().filter(|d| old.iter().any(|o| o.date == d.date && o != *d)).count(),
            unchanged: new.iter().filter(|d| old.contains(d)).count(),
        };
        let years: Vec<String> = cal.years.iter().map(|y| y.to_string()).collect();
        self.write(by, |tx| {
            for y in &cal.years {
                tx.execute(
                    "DELETE FROM calendar_days WHERE date >= ?1 AND date < ?2",
                    params![format!("{y}-01-01"), format!("{}-01-01", y + 1)],
                )?;
            }
            let mut ins = tx.prepare_cached("INSERT INTO calendar_days (date, kind, name) VALUES (?1, ?2, ?3)")?;
            for d in &cal.days {
                ins.execute(params![d.date.to_string(), d.kind.as_str(), d.name])?;
            }
            let summary = format!("{file}: years {}, {} dates", years.join(","), cal.days.len());
            Ok((counts, vec![AuditEntry::new("calendar.import", "calendar_days", years.join(","), summary)]))
        })
    }

    /// Every exception date, sorted.
    pub fn calendar_days(&self) -> Result<Vec<CalendarDay>> {
        let mut stmt = self.conn.prepare_cached("SELECT date, kind, name FROM calendar_days ORDER BY date")?;
        let rows = stmt.query_map([], |r| {
            let date: String = r.get(0)?;
            let kind: String = r.get(1)?;
            let conv = |i, what: &str| {
                rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, what.to_string().into())
            };
            Ok(CalendarDay {
                date: date.parse::<NaiveDate>().map_err(|_| conv(0, "date"))?,
                kind: DayKind::from_str_opt(&kind).ok_or_else(|| conv(1, "kind"))?,
                name: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
