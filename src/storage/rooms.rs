//! Rooms and bookings: overlap checked inside the writing transaction; what a reader may see
//! of a booking depends on who reads it.

use super::{AuditEntry, Db};
use crate::domain::room::{Booking, Room, RoomError, check, conflict};
pub use crate::model::rooms::RoomOpError;
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::{OptionalExtension, Row, Transaction, params};

/// Who reads or writes: the login, and whether they may see every case (supervisors).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Viewer {
    /// Login.
    pub login: String,
    /// Supervisor or admin: sees and changes every booking and case.
    pub supervisor: bool,
    /// May book rooms and keep mediation cases at all.
    pub mediator: bool,
}

impl From<rusqlite::Error> for RoomOpError {
    fn from(e: rusqlite::Error) -> Self {
        RoomOpError::Storage(e.into())
    }
}

/// Result of room operations.
pub type RoomResult<T> = std::result::Result<T, RoomOpError>;

const FMT: &str = "%Y-%m-%dT%H:%M";

fn row_to_room(r: &Row<'_>) -> rusqlite::Result<Room> {
    let t = |s: String| NaiveTime::parse_from_str(&s, "%H:%M").unwrap_or_default();
    Ok(Room {
        id: r.get(0)?,
        name: r.get(1)?,
        capacity: r.get(2)?,
        opens: t(r.get(3)?),
        closes: t(r.get(4)?),
        retired: r.get(5)?,
    })
}

const BOOKING: &str = "b.id, b.room_id, b.start, b.end_at, b.mediator, coalesce(o.name, b.mediator), b.case_id,
    coalesce(m.number, b.purpose), b.cancelled, b.version, b.series
    FROM room_bookings b LEFT JOIN operators o ON o.login = b.mediator
    LEFT JOIN mediation_cases m ON m.id = b.case_id";

fn row_to_booking(r: &Row<'_>, viewer: Option<&Viewer>) -> rusqlite::Result<Booking> {
    let t = |s: String| NaiveDateTime::parse_from_str(&s, FMT).unwrap_or_default();
    let mediator: String = r.get(4)?;
    // Others see that the room is taken and by whom, never what for.
    let may = viewer.is_none_or(|v| v.supervisor || v.login == mediator);
    Ok(Booking {
        id: r.get(0)?,
        room_id: r.get(1)?,
        start: t(r.get(2)?),
        end: t(r.get(3)?),
        mediator_name: r.get(5)?,
        case_id: if may { r.get(6)? } else { None },
        purpose: if may { r.get(7)? } else { None },
        mediator,
        cancelled: r.get(8)?,
        version: r.get(9)?,
        series: r.get(10)?,
    })
}

fn day_bookings(tx: &rusqlite::Connection, day: NaiveDate) -> rusqlite::Result<Vec<Booking>> {
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT {BOOKING} WHERE b.start >= ?1 AND b.start < ?2 AND b.cancelled IS NULL ORDER BY b.start"
    ))?;
    let next = day.succ_opt().unwrap_or(day);
    let rows = stmt.query_map(params![day.to_string(), next.to_string()], |r| row_to_booking(r, None))?;
    rows.collect()
}

fn load_booking(tx: &rusqlite::Connection, id: i64) -> rusqlite::Result<Option<Booking>> {
    tx.query_row(&format!("SELECT {BOOKING} WHERE b.id = ?1"), [id], |r| row_to_booking(r, None)).optional()
}

fn load_room(tx: &rusqlite::Connection, id: i64) -> rusqlite::Result<Option<Room>> {
    tx.query_row("SELECT id, name, capacity, opens, closes, retired FROM rooms WHERE id = ?1", [id], row_to_room)
        .optional()
}

impl Db {
    /// Rooms, retired ones last.
    pub fn rooms(&self) -> super::Result<Vec<Room>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name, capacity, opens, closes, retired FROM rooms ORDER BY retired, id")?;
        let rows = stmt.query_map([], row_to_room)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds a room (supervisors).
    pub fn add_room(
        &mut self,
        by: &str,
        name: &str,
        capacity: u16,
        opens: NaiveTime,
        closes: NaiveTime,
    ) -> super::Result<i64> {
        let name = name.to_string();
        self.write(by, |tx| {
            tx.execute(
                "INSERT INTO rooms (name, capacity, opens, closes) VALUES (?1, ?2, ?3, ?4)",
                params![name, capacity, opens.format("%H:%M").to_string(), closes.format("%H:%M").to_string()],
            )?;
            let id = tx.last_insert_rowid();
            Ok((id, vec![AuditEntry::new("room.add", "room", id.to_string(), name.clone())]))
        })
    }

    /// Retires a room (supervisors); false when there is no such room or it is retired
    /// already. A room with live bookings not yet over is refused with those bookings (as MRBS
    /// does): they are moved or cancelled first, so none stays live in a room no grid shows.
    /// The check and the update are one transaction: a booking made meanwhile is seen.
    pub fn retire_room(&mut self, by: &str, id: i64) -> RoomResult<bool> {
        let now = self.clock.now().naive_local().format(FMT).to_string();
        self.write_or_refuse(by, |tx| {
            let mut stmt = tx.prepare_cached(&format!(
                "SELECT {BOOKING} WHERE b.room_id = ?1 AND b.end_at > ?2 AND b.cancelled IS NULL ORDER BY b.start"
            ))?;
            let ahead = stmt.query_map(params![id, now], |r| row_to_booking(r, None))?;
            let ahead: Vec<Booking> = ahead.collect::<rusqlite::Result<_>>()?;
            if !ahead.is_empty() {
                return Err(RoomOpError::FutureBookings(ahead));
            }
            let n = tx.execute("UPDATE rooms SET retired = 1 WHERE id = ?1 AND retired = 0", [id])?;
            let audit = if n == 1 {
                let name: String = tx.query_row("SELECT name FROM rooms WHERE id = ?1", [id], |r| r.get(0))?;
                vec![AuditEntry::new("room.retire", "room", id.to_string(), name)]
            } else {
                vec![]
            };
            Ok((n == 1, audit))
        })
    }

    /// The live sessions booked for a mediation case, as `viewer` may see them.
    pub fn case_sessions(&self, viewer: &Viewer, case_id: i64) -> super::Result<Vec<Booking>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {BOOKING} WHERE b.case_id = ?1 AND b.cancelled IS NULL ORDER BY b.start"
        ))?;
        let rows = stmt.query_map([case_id], |r| row_to_booking(r, Some(viewer)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Live bookings from `from` to `to` inclusive, as `viewer` may see them.
    pub fn bookings(&self, viewer: &Viewer, from: NaiveDate, to: NaiveDate) -> super::Result<Vec<Booking>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {BOOKING} WHERE b.start >= ?1 AND b.start < ?2 AND b.cancelled IS NULL ORDER BY b.start, b.room_id"
        ))?;
        let end = to.succ_opt().unwrap_or(to);
        let rows = stmt.query_map(params![from.to_string(), end.to_string()], |r| row_to_booking(r, Some(viewer)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn room_write<T>(
        &mut self,
        by: &Viewer,
        f: impl FnOnce(&Transaction<'_>, NaiveDateTime) -> RoomResult<(T, Vec<AuditEntry>)>,
    ) -> RoomResult<T> {
        let now = self.clock.now().naive_local();
        self.write_or_refuse(&by.login, |tx| f(tx, now))
    }

    /// Books a room for `by` (a mediator); the overlap check and the insert are one
    /// `BEGIN IMMEDIATE` transaction, so of two mediators booking at once one wins.
    pub fn book_room(
        &mut self,
        by: &Viewer,
        room_id: i64,
        start: NaiveDateTime,
        end: NaiveDateTime,
        case_id: Option<i64>,
        purpose: &str,
    ) -> RoomResult<Booking> {
        self.book_one(by, (room_id, start, end), case_id, purpose, None)
    }

    /// One booking; `series` is None alone, Some(None) to start a series with it, Some(id) to
    /// join series `id`.
    fn book_one(
        &mut self,
        by: &Viewer,
        (room_id, start, end): (i64, NaiveDateTime, NaiveDateTime),
        case_id: Option<i64>,
        purpose: &str,
        series: Option<Option<i64>>,
    ) -> RoomResult<Booking> {
        if !by.mediator {
            return Err(RoomOpError::NotYours);
        }
        let cal = self.calendar()?;
        let purpose = crate::domain::text::clean_field(purpose, 60).0;
        let login = by.login.clone();
        self.room_write(by, |tx, now| {
            let room = load_room(tx, room_id)?.ok_or(RoomError::NoRoom)?;
            check(&cal, &room, (start, end), now, super::settings::horizons(tx)?.rooms)?;
            if let Some(c) = conflict(&day_bookings(tx, start.date())?, room_id, &login, start, end, None) {
                return Err(c.into());
            }
            tx.execute(
                "INSERT INTO room_bookings (room_id, start, end_at, mediator, case_id, purpose, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    room_id,
                    start.format(FMT).to_string(),
                    end.format(FMT).to_string(),
                    login,
                    case_id,
                    purpose,
                    now.format(FMT).to_string()
                ],
            )?;
            let id = tx.last_insert_rowid();
            if let Some(series) = series {
                tx.execute("UPDATE room_bookings SET series = ?2 WHERE id = ?1", params![id, series.unwrap_or(id)])?;
            }
            let b = load_booking(tx, id)?.ok_or(RoomOpError::NotFound)?;
            let summary = format!("{} {}–{}", room.name, start.format("%m-%d %H:%M"), end.format("%H:%M"));
            Ok((b, vec![AuditEntry::new("room.book", "room_booking", id.to_string(), summary)]))
        })
    }

    /// A weekly series. The series as a whole is checked first (at most `MAX_WEEKS`, its last
    /// date within the rooms' horizon, every year known) and refused whole before anything is
    /// written; then each date is booked on its own, and each date's refusal (a holiday, a
    /// taken room) is reported instead of failing the rest.
    #[allow(clippy::too_many_arguments)]
    pub fn book_weekly(
        &mut self,
        by: &Viewer,
        room_id: i64,
        start: NaiveDateTime,
        end: NaiveDateTime,
        weeks: u32,
        case_id: Option<i64>,
        purpose: &str,
    ) -> RoomResult<Vec<(NaiveDate, RoomResult<Booking>)>> {
        let today = self.clock.now().date_naive();
        let dates = crate::domain::room::series(start.date(), weeks, today, self.horizons()?.rooms)?;
        let cal = self.calendar()?;
        if let Some(year) = dates.iter().map(|d| d.year()).find(|y| !cal.knows(*y)) {
            return Err(RoomError::UnknownYear(year).into());
        }
        // The first date booked starts the series; the others join it.
        let mut series: Option<i64> = None;
        Ok(dates
            .into_iter()
            .map(|d| {
                let (s, e) = (d.and_time(start.time()), d.and_time(end.time()));
                let joins = (weeks > 1).then_some(series);
                let r = self.book_one(by, (room_id, s, e), case_id, purpose, joins);
                if let Ok(b) = &r {
                    series = series.or(b.series);
                }
                (d, r)
            })
            .collect())
    }

    /// Moves a booking (another time or room); only its mediator or a supervisor may.
    pub fn move_booking(
        &mut self,
        by: &Viewer,
        id: i64,
        version: i64,
        room_id: i64,
        start: NaiveDateTime,
        end: NaiveDateTime,
    ) -> RoomResult<Booking> {
        let cal = self.calendar()?;
        let v = by.clone();
        self.room_write(by, |tx, now| {
            let b = load_booking(tx, id)?.ok_or(RoomOpError::NotFound)?;
            if !(v.supervisor || b.mediator == v.login) {
                return Err(RoomOpError::NotYours);
            }
            if b.version != version {
                return Err(RoomOpError::Conflict);
            }
            let room = load_room(tx, room_id)?.ok_or(RoomError::NoRoom)?;
            check(&cal, &room, (start, end), now, super::settings::horizons(tx)?.rooms)?;
            if let Some(c) = conflict(&day_bookings(tx, start.date())?, room_id, &b.mediator, start, end, Some(id)) {
                return Err(c.into());
            }
            tx.execute(
                "UPDATE room_bookings SET room_id = ?2, start = ?3, end_at = ?4, version = version + 1 WHERE id = ?1",
                params![id, room_id, start.format(FMT).to_string(), end.format(FMT).to_string()],
            )?;
            let fresh = load_booking(tx, id)?.ok_or(RoomOpError::NotFound)?;
            // From and to: the slot it left is what the parties were told before.
            let was = load_room(tx, b.room_id)?.map(|r| r.name).unwrap_or_default();
            let slot = |name: &str, s: NaiveDateTime, e: NaiveDateTime| {
                format!("{name} {}–{}", s.format("%Y-%m-%d %H:%M"), e.format("%H:%M"))
            };
            let summary = format!("{} → {}", slot(&was, b.start, b.end), slot(&room.name, start, end));
            Ok((fresh, vec![AuditEntry::new("room.move", "room_booking", id.to_string(), summary)]))
        })
    }

    /// Changes a booking's purpose (its mediator or a supervisor); a case number links that case
    /// if `by` may read it and is refused otherwise, any other text unlinks.
    pub fn edit_booking(&mut self, by: &Viewer, id: i64, version: i64, purpose: &str) -> RoomResult<Booking> {
        let purpose = crate::domain::text::clean_field(purpose, 60).0;
        let case_id = self.case_for_purpose(by, &purpose)?;
        let v = by.clone();
        self.room_write(by, |tx, _| {
            let b = load_booking(tx, id)?.ok_or(RoomOpError::NotFound)?;
            if !(v.supervisor || b.mediator == v.login) {
                return Err(RoomOpError::NotYours);
            }
            if b.version != version || b.cancelled.is_some() {
                return Err(RoomOpError::Conflict);
            }
            tx.execute(
                "UPDATE room_bookings SET purpose = ?2, case_id = ?3, version = version + 1 WHERE id = ?1",
                params![id, purpose, case_id],
            )?;
            let fresh = load_booking(tx, id)?.ok_or(RoomOpError::NotFound)?;
            let was = b.purpose.unwrap_or_default();
            let summary = format!("{} {was} → {purpose}", b.start.format("%Y-%m-%d %H:%M"));
            Ok((fresh, vec![AuditEntry::new("room.edit", "room_booking", id.to_string(), summary)]))
        })
    }

    /// Cancels a booking with a reason; the row stays.
    pub fn cancel_booking(&mut self, by: &Viewer, id: i64, version: i64, reason: &str) -> RoomResult<Booking> {
        let reason = crate::domain::text::clean_field(reason, 100).0;
        let v = by.clone();
        self.room_write(by, |tx, _| {
            let b = load_booking(tx, id)?.ok_or(RoomOpError::NotFound)?;
            if !(v.supervisor || b.mediator == v.login) {
                return Err(RoomOpError::NotYours);
            }
            if b.version != version {
                return Err(RoomOpError::Conflict);
            }
            if reason.is_empty() {
                return Err(RoomOpError::ReasonRequired);
            }
            tx.execute(
                "UPDATE room_bookings SET cancelled = ?2, version = version + 1 WHERE id = ?1",
                params![id, reason],
            )?;
            let fresh = load_booking(tx, id)?.ok_or(RoomOpError::NotFound)?;
            Ok((fresh, vec![AuditEntry::new("room.cancel", "room_booking", id.to_string(), reason.clone())]))
        })
    }

    /// The live bookings of `b`'s series from its date on; refused for a booking of no series.
    fn series_from(tx: &Transaction<'_>, b: &Booking) -> RoomResult<Vec<Booking>> {
        let series = b.series.ok_or(RoomOpError::NotASeries)?;
        let mut stmt = tx.prepare_cached(&format!(
            "SELECT {BOOKING} WHERE b.series = ?1 AND b.start >= ?2 AND b.cancelled IS NULL ORDER BY b.start"
        ))?;
        let rows = stmt.query_map(params![series, b.start.format(FMT).to_string()], |r| row_to_booking(r, None))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The booking `id` as seen at `version`, if `by` may change it.
    fn own_booking(tx: &Transaction<'_>, by: &Viewer, id: i64, version: i64) -> RoomResult<Booking> {
        let b = load_booking(tx, id)?.ok_or(RoomOpError::NotFound)?;
        if !(by.supervisor || b.mediator == by.login) {
            return Err(RoomOpError::NotYours);
        }
        if b.version != version || b.cancelled.is_some() {
            return Err(RoomOpError::Conflict);
        }
        Ok(b)
    }

    /// Cancels booking `id` and the later dates of its weekly series (from its first date: the
    /// whole series), with one reason; the rows stay.
    pub fn cancel_series_from(&mut self, by: &Viewer, id: i64, version: i64, reason: &str) -> RoomResult<Vec<Booking>> {
        let reason = crate::domain::text::clean_field(reason, 100).0;
        let v = by.clone();
        self.room_write(by, |tx, _| {
            let b = Self::own_booking(tx, &v, id, version)?;
            let dates = Self::series_from(tx, &b)?;
            if reason.is_empty() {
                return Err(RoomOpError::ReasonRequired);
            }
            let mut audit = Vec::new();
            let mut done = Vec::new();
            for x in &dates {
                tx.execute(
                    "UPDATE room_bookings SET cancelled = ?2, version = version + 1 WHERE id = ?1",
                    params![x.id, reason],
                )?;
                let summary = format!("{} {reason}", x.start.format("%Y-%m-%d %H:%M"));
                audit.push(AuditEntry::new("room.cancel", "room_booking", x.id.to_string(), summary));
                done.push(load_booking(tx, x.id)?.ok_or(RoomOpError::NotFound)?);
            }
            Ok((done, audit))
        })
    }

    /// Moves booking `id` and the later dates of its weekly series by the same step (another
    /// time, length or room): every date is checked first, and if one cannot go there nothing
    /// is moved and that date is named.
    pub fn move_series_from(
        &mut self,
        by: &Viewer,
        (id, version): (i64, i64),
        room_id: i64,
        start: NaiveDateTime,
        end: NaiveDateTime,
    ) -> RoomResult<Vec<Booking>> {
        let cal = self.calendar()?;
        let v = by.clone();
        self.room_write(by, |tx, now| {
            let b = Self::own_booking(tx, &v, id, version)?;
            let dates = Self::series_from(tx, &b)?;
            let room = load_room(tx, room_id)?.ok_or(RoomError::NoRoom)?;
            let horizon = super::settings::horizons(tx)?.rooms;
            let (shift, length) = (start - b.start, end - start);
            let moving: Vec<i64> = dates.iter().map(|x| x.id).collect();
            let mut plan = Vec::new();
            for x in &dates {
                let (s, e) = (x.start + shift, x.start + shift + length);
                let refuse = |r: RoomError| RoomOpError::SeriesDate(x.start.date(), r);
                check(&cal, &room, (s, e), now, horizon).map_err(refuse)?;
                let others: Vec<Booking> =
                    day_bookings(tx, s.date())?.into_iter().filter(|o| !moving.contains(&o.id)).collect();
                if let Some(c) = conflict(&others, room_id, &b.mediator, s, e, None) {
                    return Err(refuse(c));
                }
                plan.push((x, s, e));
            }
            let was = |x: &Booking| load_room(tx, x.room_id).map(|r| r.map(|r| r.name).unwrap_or_default());
            let mut audit = Vec::new();
            let mut done = Vec::new();
            for (x, s, e) in plan {
                let from = format!("{} {}–{}", was(x)?, x.start.format("%Y-%m-%d %H:%M"), x.end.format("%H:%M"));
                tx.execute(
                    "UPDATE room_bookings SET room_id = ?2, start = ?3, end_at = ?4, version = version + 1 WHERE id = ?1",
                    params![x.id, room_id, s.format(FMT).to_string(), e.format(FMT).to_string()],
                )?;
                let to = format!("{} {}–{}", room.name, s.format("%Y-%m-%d %H:%M"), e.format("%H:%M"));
                audit.push(AuditEntry::new("room.move", "room_booking", x.id.to_string(), format!("{from} → {to}")));
                done.push(load_booking(tx, x.id)?.ok_or(RoomOpError::NotFound)?);
            }
            Ok((done, audit))
        })
    }
}
