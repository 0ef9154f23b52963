//! Which years the desk counts on the law's holidays alone, and what depends on each.

use super::{Db, Result};
use crate::model::CalendarGap;
use chrono::{Datelike, NaiveDate};
use rusqlite::params;

impl Db {
    /// Years from `today`'s on whose notice is missing while something depends on them: next year
    /// from the first of December (its notice is due then), and any year an open case's due date
    /// or a booking ahead reaches into.
    pub fn calendar_gaps(&self, today: NaiveDate) -> Result<Vec<CalendarGap>> {
        let cal = self.calendar()?;
        let last: Option<String> = self.conn.query_row(
            "SELECT max(d) FROM (
                 SELECT max(coalesce(due_date, notice_deadline)) AS d FROM cases
                     WHERE state IN ('accepted','in_progress','awaiting_materials','suspended')
                 UNION ALL SELECT max(day) FROM appointments WHERE state = 'booked'
                 UNION ALL SELECT max(substr(start, 1, 10)) FROM room_bookings WHERE cancelled IS NULL)",
            [],
            |r| r.get(0),
        )?;
        let last = last.and_then(|d| d.parse::<NaiveDate>().ok()).map(|d| d.year()).unwrap_or(today.year());
        let december = if today.month() == 12 { today.year() + 1 } else { today.year() };
        let mut gaps = Vec::new();
        for year in today.year()..=last.max(december) {
            if cal.covers(year) {
                continue;
            }
            let (from, to) = (format!("{year}-01-01"), format!("{}-01-01", year + 1));
            let count = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> Result<usize> {
                Ok(self.conn.prepare_cached(sql)?.query_row(p, |r| r.get::<_, i64>(0))? as usize)
            };
            gaps.push(CalendarGap {
                year,
                cases: count(
                    "SELECT count(*) FROM cases WHERE state IN ('accepted','in_progress','awaiting_materials','suspended')
                     AND coalesce(due_date, notice_deadline) >= ?1",
                    params![from],
                )?,
                appointments: count(
                    "SELECT count(*) FROM appointments WHERE state = 'booked' AND day >= ?1 AND day < ?2",
                    params![from, to],
                )?,
                rooms: count(
                    "SELECT count(*) FROM room_bookings WHERE cancelled IS NULL AND start >= ?1 AND start < ?2",
                    params![from, to],
                )?,
            });
        }
        Ok(gaps)
    }
}
