//! The calendar's exception dates, and importing a holiday notice: what it changes date by
//! date, and the open cases and bookings that change with it, in one transaction.

use super::cases::{CASE_COLUMNS, calendar_of, event, recount, row_to_case};
use super::{AuditEntry, Db, Result};
use crate::domain::calendar::{Calendar, CalendarDay, CalendarFile, DayKind};
use crate::model::{CalendarImport, DueKind, DueMoved, Rebook, RebookWhat};
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::{Connection, Transaction, params};

/// Compares the file with the dates on file for its years. Dates the file leaves out are
/// removed only when `replace` says so; otherwise they are kept, and said to be.
fn compare(file: &CalendarFile, on_file: &[CalendarDay], replace: bool) -> CalendarImport {
    let mut r = CalendarImport { years: file.years.clone(), ..Default::default() };
    let old: Vec<&CalendarDay> = on_file.iter().filter(|d| file.years.contains(&d.date.year())).collect();
    for d in &file.days {
        match old.iter().find(|o| o.date == d.date) {
            None => r.added.push(d.clone()),
            Some(o) if *o != d => r.changed.push(((*o).clone(), d.clone())),
            Some(_) => r.unchanged += 1,
        }
    }
    let left_out = old.into_iter().filter(|o| !file.days.iter().any(|d| d.date == o.date)).cloned();
    if replace {
        r.removed.extend(left_out)
    } else {
        r.kept.extend(left_out)
    }
    r
}

fn read_days(conn: &Connection) -> Result<Vec<CalendarDay>> {
    let mut stmt = conn.prepare_cached("SELECT date, kind, name FROM calendar_days ORDER BY date")?;
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

/// What the import's transaction sees of the desk: when, and the calendars before and after.
struct Recount<'a> {
    now: NaiveDateTime,
    now_text: &'a str,
    by: &'a str,
    before: &'a Calendar,
    after: &'a Calendar,
    closing: NaiveTime,
    years: &'a [i32],
}

impl Recount<'_> {
    /// The years of the changed notice a span of days reaches into.
    fn touches(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.years.iter().any(|y| (from.year()..=to.year()).contains(y))
    }

    /// Moves the stored date of every open case whose count reaches into a changed year and
    /// comes out otherwise: the stored date, a timeline event and an audit row, together.
    fn cases(&self, tx: &Transaction<'_>) -> Result<(Vec<DueMoved>, Vec<AuditEntry>)> {
        let open = "('accepted','in_progress','awaiting_materials','suspended')";
        let mut stmt = tx.prepare(&format!("SELECT {CASE_COLUMNS} WHERE c.state IN {open} ORDER BY c.id"))?;
        let cases = stmt.query_map([], row_to_case)?.collect::<rusqlite::Result<Vec<_>>>()?;
        let (mut moved, mut audit) = (Vec::new(), Vec::new());
        for c in cases {
            let Some((kind, old, new, from)) = recount(tx, &c, self.after, self.closing)? else { continue };
            if old == new || !self.touches(from, old.max(new)) {
                continue;
            }
            // Only what the calendar moved: a date the old calendar does not give either (the
            // item's limit or the closing time changed since) stands, and is not blamed on the
            // notice.
            if recount(tx, &c, self.before, self.closing)?.map(|r| r.2) != Some(old) {
                continue;
            }
            let years: Vec<String> = self
                .years
                .iter()
                .filter(|y| (from.year()..=old.max(new).year()).contains(y))
                .map(|y| y.to_string())
                .collect();
            let (column, event_kind) = match kind {
                DueKind::Due => ("due_date", "due_changed"),
                DueKind::NoticeDeadline => ("notice_deadline", "notice_changed"),
            };
            // The version moves too, so a clerk acting on the case as it was is told it changed.
            tx.execute(
                &format!("UPDATE cases SET {column} = ?2, version = version + 1, updated_at = ?3 WHERE id = ?1"),
                params![c.id, new.to_string(), self.now_text],
            )?;
            let detail = format!("{old} {new} {}", years.join(","));
            event(tx, c.id, self.now_text, self.by, event_kind, None, None, "", &detail)?;
            let summary = format!("{} {column} {old} → {new} (calendar {})", c.number, years.join(","));
            audit.push(AuditEntry::new("case.due_changed", "case", c.id.to_string(), summary));
            moved.push(DueMoved { number: c.number, kind, old, new });
        }
        Ok((moved, audit))
    }

    /// A day the import turned from a working day into a day off.
    fn newly_off(&self, d: NaiveDate) -> bool {
        self.before.is_working_day(d) && !self.after.is_working_day(d)
    }

    /// Bookings still ahead on a day the import made a day off: listed for a clerk to rebook,
    /// left as they are.
    fn bookings(&self, tx: &Transaction<'_>) -> Result<Vec<Rebook>> {
        let today = self.now.date().to_string();
        let mut out = Vec::new();
        let mut stmt = tx.prepare(
            "SELECT a.id, a.category, a.day, a.at, r.name FROM appointments a JOIN residents r ON r.id = a.resident_id
             WHERE a.state = 'booked' AND a.day >= ?1 ORDER BY a.day, a.at, a.id",
        )?;
        let rows = stmt.query_map([&today], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?, r.get(4)?))
        })?;
        for row in rows {
            let (id, category, day, at, who) = row?;
            let (Ok(day), Ok(at)) = (day.parse::<NaiveDate>(), NaiveTime::parse_from_str(&at, "%H:%M")) else {
                continue;
            };
            let at = day.and_time(at);
            if at >= self.now && self.newly_off(day) {
                out.push(Rebook { what: RebookWhat::Appointment { id, category }, at, who });
            }
        }
        let mut stmt = tx.prepare(
            "SELECT b.id, m.name, b.start, coalesce(o.name, b.mediator) FROM room_bookings b
             JOIN rooms m ON m.id = b.room_id LEFT JOIN operators o ON o.login = b.mediator
             WHERE b.cancelled IS NULL AND b.start >= ?1 ORDER BY b.start, b.id",
        )?;
        let rows = stmt.query_map([&today], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get(3)?))
        })?;
        for row in rows {
            let (id, room, start, who) = row?;
            let Ok(at) = NaiveDateTime::parse_from_str(&start, "%Y-%m-%dT%H:%M") else { continue };
            if at >= self.now && self.newly_off(at.date()) {
                out.push(Rebook { what: RebookWhat::Room { id, room }, at, who });
            }
        }
        out.sort_by_key(|a| a.at);
        Ok(out)
    }
}

impl Db {
    /// Imports a holiday notice: adds and changes the dates the file lists; dates of its
    /// years it leaves out are removed only with `replace`, else kept and listed as kept. In
    /// the same transaction, open cases whose count reaches into a changed year get the date
    /// that count now gives, with a timeline event and an audit row. Writes nothing when the
    /// file adds, changes and removes nothing.
    pub fn import_calendar(
        &mut self,
        by: &str,
        file: &str,
        cal: &CalendarFile,
        replace: bool,
    ) -> Result<CalendarImport> {
        let closing = self.closing_time()?;
        let now = self.clock().now().naive_local();
        let now_text = self.clock().now_text();
        self.write(by, |tx| {
            // Compared inside the transaction: another desk's import cannot come in between.
            let current = read_days(tx)?;
            let mut report = compare(cal, &current, replace);
            if !report.wrote() {
                return Ok((report, vec![]));
            }
            let before = calendar_of(current);
            for d in &report.removed {
                tx.execute("DELETE FROM calendar_days WHERE date = ?1", [d.date.to_string()])?;
            }
            let mut put = tx.prepare_cached(
                "INSERT INTO calendar_days (date, kind, name) VALUES (?1, ?2, ?3)
                 ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, name = excluded.name",
            )?;
            for d in report.added.iter().chain(report.changed.iter().map(|(_, n)| n)) {
                put.execute(params![d.date.to_string(), d.kind.as_str(), d.name])?;
            }
            let after = calendar_of(read_days(tx)?);
            let years = report.changed_years();
            let rc = Recount { now, now_text: &now_text, by, before: &before, after: &after, closing, years: &years };
            let (moved, mut audit) = rc.cases(tx)?;
            report.moved = moved;
            report.to_rebook = rc.bookings(tx)?;
            let summary = format!(
                "{file}: added {}, changed {}, removed {}, kept {}, unchanged {}; cases moved {}, bookings to rebook {}",
                report.added.len(),
                report.changed.len(),
                report.removed.len(),
                report.kept.len(),
                report.unchanged,
                report.moved.len(),
                report.to_rebook.len()
            );
            let ys: Vec<String> = report.years.iter().map(|y| y.to_string()).collect();
            audit.insert(0, AuditEntry::new("calendar.import", "calendar_days", ys.join(","), summary));
            Ok((report, audit))
        })
    }

    /// Every exception date, sorted.
    pub fn calendar_days(&self) -> Result<Vec<CalendarDay>> {
        read_days(&self.conn)
    }
}
