//! The Rooms screen's state: a day grid (rows = half hours, columns = rooms) or a week view,
//! a cursor, and a booking being drafted or moved with its conflicts known before saving.

use crate::domain::calendar::Calendar;
use crate::domain::room::{Booking, Room, RoomError, check, conflict};
use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

/// Minutes per grid row.
pub const ROW_MINUTES: i64 = 30;

/// A booking on the drawing board: new, or an existing one being moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The booking being moved, with its version (None: a new booking).
    pub moving: Option<(i64, i64)>,
    /// Room index in `rooms`.
    pub room: usize,
    /// Start.
    pub start: NaiveDateTime,
    /// End.
    pub end: NaiveDateTime,
}

/// State of the Rooms screen.
#[derive(Debug, Clone, Default)]
pub struct RoomsState {
    /// The day shown (the week around it in week view).
    pub day: Option<NaiveDate>,
    /// Rooms (not retired).
    pub rooms: Vec<Room>,
    /// Live bookings of the day or week, as this reader may see them.
    pub bookings: Vec<Booking>,
    /// Cursor row (half hours from the earliest opening).
    pub row: usize,
    /// Cursor column (room).
    pub col: usize,
    /// A booking being drafted or moved.
    pub draft: Option<Draft>,
    /// Week view instead of the day grid.
    pub week: bool,
    /// Loaded at least once.
    pub loaded: bool,
}

impl RoomsState {
    /// The first row's time: the earliest opening (08:30 when there are no rooms).
    pub fn first_time(&self) -> NaiveTime {
        self.rooms.iter().map(|r| r.opens).min().unwrap_or(NaiveTime::from_hms_opt(8, 30, 0).unwrap_or_default())
    }

    /// Number of half-hour rows up to the latest closing.
    pub fn rows(&self) -> usize {
        let last =
            self.rooms.iter().map(|r| r.closes).max().unwrap_or(NaiveTime::from_hms_opt(17, 30, 0).unwrap_or_default());
        ((last - self.first_time()).num_minutes() / ROW_MINUTES).max(1) as usize
    }

    /// The time of a row on the shown day.
    pub fn row_time(&self, day: NaiveDate, row: usize) -> NaiveDateTime {
        day.and_time(self.first_time()) + Duration::minutes(row as i64 * ROW_MINUTES)
    }

    /// The live booking covering a room at a time, if any.
    pub fn booking_at(&self, room: usize, at: NaiveDateTime) -> Option<&Booking> {
        let id = self.rooms.get(room)?.id;
        self.bookings.iter().find(|b| b.room_id == id && b.start <= at && at < b.end)
    }

    /// What saving the draft would meet: a rule of the room, or a conflicting booking.
    pub fn draft_problem(&self, cal: &Calendar, mediator: &str, now: NaiveDateTime) -> Option<RoomError> {
        let d = self.draft.as_ref()?;
        let room = self.rooms.get(d.room)?;
        if let Err(e) = check(cal, room, d.start, d.end, now) {
            return Some(e);
        }
        let mover = d.moving.map(|m| m.0);
        let who = match mover.and_then(|id| self.bookings.iter().find(|b| b.id == id)) {
            Some(b) => b.mediator.clone(),
            None => mediator.to_string(),
        };
        conflict(&self.bookings, room.id, &who, d.start, d.end, mover)
    }
}
