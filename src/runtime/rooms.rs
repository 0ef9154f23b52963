//! The worker's part for mediation rooms and mediation cases. Storage checks the `Viewer`
//! too: a mediator sees and changes only their own bookings and cases.

use super::context::{WorkerContext, failed};
use crate::app::Msg;
use crate::app::notice::Notice;
use crate::domain::mediation::MediationCase;
use crate::storage::{Db, MediationOpError, RoomOpError};
use chrono::{NaiveDate, NaiveDateTime};

/// The rooms and the live bookings from one day to another.
pub fn load(db: &Db, ctx: &WorkerContext, from: NaiveDate, to: NaiveDate) -> Vec<Msg> {
    // The horizon comes along, so a supervisor's change reaches the grid with the next reload.
    match (db.rooms(), db.bookings(&ctx.viewer(), from, to), db.horizons()) {
        (Ok(r), Ok(b), Ok(h)) => vec![Msg::HorizonsLoaded(h), Msg::RoomsLoaded(r, b)],
        (Err(e), ..) | (_, Err(e), _) | (.., Err(e)) => failed(e),
    }
}

/// What a booking asks for.
pub struct BookingRequest {
    /// Room.
    pub room_id: i64,
    /// Start.
    pub start: NaiveDateTime,
    /// End.
    pub end: NaiveDateTime,
    /// Purpose, or one of my mediation case numbers.
    pub purpose: String,
    /// Weekly for this many weeks (1: once).
    pub weeks: u32,
}

/// Books a room once or weekly; one of my case numbers as the purpose links the case.
pub fn book(db: &mut Db, ctx: &WorkerContext, b: BookingRequest) -> Vec<Msg> {
    let v = ctx.viewer();
    let case_id = match db.case_for_purpose(&v, &b.purpose) {
        Ok(id) => id,
        Err(e) => return done(db, ctx, b.start.date(), Err(e)),
    };
    if b.weeks <= 1 {
        let r = db.book_room(&v, b.room_id, b.start, b.end, case_id, &b.purpose);
        let what = r.map(|b| format!("{}–{} ✓", b.start.format("%m-%d %H:%M"), b.end.format("%H:%M")));
        return done(db, ctx, b.start.date(), what);
    }
    // A series: each date on its own; the dates that conflict are listed.
    // Past the horizon or too long, the series is refused whole and nothing is booked.
    let results = match db.book_weekly(&v, b.room_id, b.start, b.end, b.weeks, case_id, &b.purpose) {
        Ok(results) => results,
        Err(e) => return done(db, ctx, b.start.date(), Err(e)),
    };
    let dates = |ok: bool| -> Vec<String> {
        results.iter().filter(|r| r.1.is_ok() == ok).map(|r| r.0.format("%m-%d").to_string()).collect()
    };
    let (booked, refused) = (dates(true), dates(false));
    let what = if refused.is_empty() {
        format!("✓ {}", booked.join(" "))
    } else {
        format!("✓ {}  ✗ {}", booked.join(" "), refused.join(" "))
    };
    done(db, ctx, b.start.date(), Ok(what))
}

/// Moves a booking (room, start, end).
pub fn move_to(
    db: &mut Db,
    ctx: &WorkerContext,
    (id, version): (i64, i64),
    room_id: i64,
    start: NaiveDateTime,
    end: NaiveDateTime,
) -> Vec<Msg> {
    let r = db.move_booking(&ctx.viewer(), id, version, room_id, start, end);
    let what = r.map(|b| format!("{}–{} ✓", b.start.format("%m-%d %H:%M"), b.end.format("%H:%M")));
    done(db, ctx, start.date(), what)
}

/// The day a changed booking is on, to show its grid again; today when it was refused.
fn day_of<E>(db: &Db, r: &Result<crate::domain::room::Booking, E>) -> chrono::NaiveDate {
    r.as_ref().map(|b| b.start.date()).unwrap_or(db.clock().now().date_naive())
}

/// Cancels a booking with a reason (the row stays).
pub fn cancel(db: &mut Db, ctx: &WorkerContext, id: i64, version: i64, reason: &str) -> Vec<Msg> {
    let r = db.cancel_booking(&ctx.viewer(), id, version, reason);
    let day = day_of(db, &r);
    let what = r.map(|b| format!("{} ✗ {}", b.start.format("%m-%d %H:%M"), b.cancelled.unwrap_or_default()));
    done(db, ctx, day, what)
}

/// Changes a booking's purpose; a case number links the case or is refused with words.
pub fn edit(db: &mut Db, ctx: &WorkerContext, id: i64, version: i64, purpose: &str) -> Vec<Msg> {
    let r = db.edit_booking(&ctx.viewer(), id, version, purpose);
    let day = day_of(db, &r);
    let what = r.map(|b| format!("{} {} ✓", b.start.format("%m-%d %H:%M"), b.purpose.unwrap_or_default()));
    done(db, ctx, day, what)
}

/// Moves a booking and the later dates of its series; all or none.
pub fn move_series(
    db: &mut Db,
    ctx: &WorkerContext,
    (id, version): (i64, i64),
    room_id: i64,
    start: NaiveDateTime,
    end: NaiveDateTime,
) -> Vec<Msg> {
    let r = db.move_series_from(&ctx.viewer(), (id, version), room_id, start, end);
    done(db, ctx, start.date(), r.map(|list| series_done(&list, "→")))
}

/// Cancels a booking and the later dates of its series.
pub fn cancel_series(db: &mut Db, ctx: &WorkerContext, id: i64, version: i64, reason: &str) -> Vec<Msg> {
    let r = db.cancel_series_from(&ctx.viewer(), id, version, reason);
    let day = match &r {
        Ok(list) => list.first().map(|b| b.start.date()),
        Err(_) => None,
    };
    let day = day.unwrap_or(db.clock().now().date_naive());
    done(db, ctx, day, r.map(|list| series_done(&list, "✗")))
}

/// "✗ 11-20 11-27 12-04 09:30–10:30": the dates a series change reached.
fn series_done(list: &[crate::domain::room::Booking], mark: &str) -> String {
    let dates: Vec<String> = list.iter().map(|b| b.start.format("%m-%d").to_string()).collect();
    let times = list.first().map(|b| format!(" {}–{}", b.start.format("%H:%M"), b.end.format("%H:%M")));
    format!("{mark} {}{}", dates.join(" "), times.unwrap_or_default())
}

/// Tells what a room change did, then the day's rooms again.
fn done(db: &Db, ctx: &WorkerContext, day: NaiveDate, r: Result<String, RoomOpError>) -> Vec<Msg> {
    let mut out = match r {
        Ok(what) => vec![Msg::QueueDone(Notice::RoomChanged(what))],
        Err(e) => vec![Msg::RoomRefused(e)],
    };
    if let (Ok(rooms), Ok(b)) = (db.rooms(), db.bookings(&ctx.viewer(), day, day)) {
        out.push(Msg::RoomsLoaded(rooms, b));
    }
    out
}

/// The mediation cases this reader may see.
pub fn load_mediation(db: &Db, ctx: &WorkerContext) -> Vec<Msg> {
    match db.mediation_cases(&ctx.viewer()) {
        Ok(l) => vec![Msg::MediationLoaded(l)],
        Err(_) => vec![],
    }
}

/// One mediation case's timeline and sessions.
pub fn load_events(db: &Db, ctx: &WorkerContext, id: i64) -> Vec<Msg> {
    let v = ctx.viewer();
    match db.mediation_case(&v, id) {
        Ok((_, ev)) => vec![Msg::MediationEvents(id, ev, db.case_sessions(&v, id).unwrap_or_default())],
        Err(e) => vec![Msg::MediationRefused(e)],
    }
}

/// Tells what a mediation change did, with the list and the case's timeline again.
pub fn mediation_done(db: &Db, ctx: &WorkerContext, r: Result<MediationCase, MediationOpError>) -> Vec<Msg> {
    let v = ctx.viewer();
    let mut out = match r {
        Ok(c) => {
            let id = c.id;
            let mut out = vec![Msg::QueueDone(Notice::MediationChanged(c.number, c.state))];
            if let Ok((_, ev)) = db.mediation_case(&v, id) {
                out.push(Msg::MediationEvents(id, ev, db.case_sessions(&v, id).unwrap_or_default()));
            }
            out
        }
        Err(e) => vec![Msg::MediationRefused(e)],
    };
    if let Ok(l) = db.mediation_cases(&v) {
        out.insert(0, Msg::MediationLoaded(l));
    }
    out
}

/// Records that the parties' contact details of a case were shown in full.
pub fn reveal_parties(db: &mut Db, ctx: &WorkerContext, id: i64) -> Vec<Msg> {
    match db.reveal_parties(&ctx.viewer(), id) {
        Ok(_) => vec![Msg::PartiesRevealed(id)],
        Err(e) => vec![Msg::MediationRefused(e)],
    }
}
