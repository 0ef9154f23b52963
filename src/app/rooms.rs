//! The Rooms screen's state: a day grid (rows = half hours, columns = rooms) or a week view,
//! a cursor, and a booking being drafted or moved with its conflicts known before saving.

use crate::domain::calendar::Calendar;
use crate::domain::config::Horizon;
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
    /// The later dates of the moved booking's weekly series move with it.
    pub series: bool,
}

/// State of the Rooms screen.
#[derive(Debug, Clone, Default)]
pub struct RoomsState {
    /// The day shown (the week around it in week view).
    pub day: Option<NaiveDate>,
    /// Rooms (not retired, or retired with bookings shown).
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
    pub fn draft_problem(
        &self,
        (cal, horizon): (&Calendar, Horizon),
        mediator: &str,
        now: NaiveDateTime,
    ) -> Option<RoomError> {
        let d = self.draft.as_ref()?;
        let room = self.rooms.get(d.room)?;
        if let Err(e) = check(cal, room, (d.start, d.end), now, horizon) {
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

use super::notice::Notice;
use super::overlay::{Overlay, Prompt, PromptFor};
use super::screen::{Invalid, Offer, Screen};
use super::{App, Effect, Msg, Tab};
use crate::action::Action;
use crate::domain::operator::Permission;
use crate::model::RoomOpError;

/// How `app` reaches the Rooms screen.
pub const SCREEN: Screen = Screen {
    tab: Tab::Rooms,
    goto: Action::GotoRooms,
    needs: None,
    section: |_| crate::keymap::Section::Rooms,
    offers,
    act,
    answer,
    submit,
    ..super::screen::PLAIN
};

/// The rooms' day (or week) to read.
pub(super) fn load(app: &App) -> Effect {
    let day = app.rooms.day.unwrap_or(app.now.date());
    if app.rooms.week {
        let monday = day - Duration::days(chrono::Datelike::weekday(&day).num_days_from_monday() as i64);
        Effect::LoadRooms(monday, monday + Duration::days(6))
    } else {
        Effect::LoadRooms(day, day)
    }
}

/// Why the booking under the cursor cannot be moved or cancelled by this operator, if so.
fn refuses_booking(app: &App) -> Option<Notice> {
    let r = &app.rooms;
    if r.week {
        return Some(Notice::DayViewOnly);
    }
    let at = r.row_time(r.day.unwrap_or(app.now.date()), r.row);
    match r.booking_at(r.col, at) {
        None => Some(Notice::Room(RoomOpError::NoBookingHere)),
        Some(b)
            if b.mediator != app.session.operator.login && !app.session.operator.role.may(Permission::Supervise) =>
        {
            Some(Notice::Room(RoomOpError::NotYours))
        }
        Some(_) => None,
    }
}

fn offers(app: &App) -> Vec<Offer> {
    let role = app.session.operator.role;
    let (mediator, supervisor) = (role.may(Permission::Mediation), role.may(Permission::Supervise));
    if app.rooms.draft.is_some() {
        let keys = [Action::Confirm, Action::Longer, Action::Shorter, Action::RoomLeft, Action::RoomRight];
        let mut o: Vec<Offer> = keys.into_iter().map(Offer::yes).collect();
        o.extend([Action::Back, Action::Up, Action::Down, Action::Book, Action::MoveRoomBooking].map(Offer::yes));
        o.push(Offer::yes(Action::MoveSeries));
        return o;
    }
    let mut o = vec![Offer::yes(Action::Down), Offer::yes(Action::RoomRight)];
    if mediator {
        let week = app.rooms.week.then_some(Notice::DayViewOnly);
        o.push(Offer::when(Action::Book, week.clone()));
        o.push(Offer::when(Action::Confirm, week));
    } else {
        o.extend([Action::Book, Action::Confirm].map(Offer::denied));
    }
    if mediator || supervisor {
        let why = refuses_booking(app);
        o.push(Offer::when(Action::MoveRoomBooking, why.clone()));
        o.push(Offer::when(Action::CancelBooking, why.clone()));
        o.push(Offer::when(Action::EditBooking, why.clone()));
        // The series keys only on a booking of a weekly series.
        let r = &app.rooms;
        let at = r.row_time(r.day.unwrap_or(app.now.date()), r.row);
        let lone = r.booking_at(r.col, at).is_some_and(|b| b.series.is_none());
        let why = why.or(lone.then_some(Notice::Room(RoomOpError::NotASeries)));
        o.push(Offer::when(Action::MoveSeries, why.clone()));
        o.push(Offer::when(Action::CancelSeries, why));
    } else {
        let keys = [Action::MoveRoomBooking, Action::CancelBooking, Action::EditBooking, Action::MoveSeries];
        o.extend(keys.map(Offer::denied));
        o.push(Offer::denied(Action::CancelSeries));
    }
    o.extend(
        [Action::ToggleWeek, Action::GoToDate, Action::NextDay, Action::PrevDay, Action::Up, Action::RoomLeft]
            .map(Offer::yes),
    );
    o
}

fn act(app: &mut App, action: Action) -> Vec<Effect> {
    if app.rooms.draft.is_some() {
        return on_draft(app, action);
    }
    let today = app.now.date();
    let rows = app.rooms.rows();
    let r = &mut app.rooms;
    let day = r.day.unwrap_or(today);
    match action {
        Action::Up => r.row = r.row.saturating_sub(1),
        Action::Down => r.row = (r.row + 1).min(rows.saturating_sub(1)),
        Action::RoomLeft => r.col = r.col.saturating_sub(1),
        Action::RoomRight => r.col = (r.col + 1).min(r.rooms.len().saturating_sub(1)),
        Action::PrevDay | Action::NextDay => {
            let days = if r.week { 7 } else { 1 };
            let delta = Duration::days(if action == Action::NextDay { days } else { -days });
            r.day = Some(day + delta);
            return vec![load(app)];
        }
        Action::ToggleWeek => {
            r.week = !r.week;
            return vec![load(app)];
        }
        Action::GoToDate => {
            let p = Prompt::new(PromptFor::RoomDate, 0, 0, String::new(), 12);
            app.overlay = Some(Overlay::Prompt(p));
        }
        Action::Book | Action::Confirm => {
            let start = r.row_time(day, r.row);
            if let Some(taken) = r.booking_at(r.col, start).cloned() {
                app.toast(Notice::Room(RoomOpError::Rule(RoomError::RoomTaken(Box::new(taken)))));
                return vec![];
            }
            r.draft =
                Some(Draft { moving: None, room: r.col, start, end: start + Duration::minutes(60), series: false });
        }
        Action::MoveRoomBooking
        | Action::CancelBooking
        | Action::EditBooking
        | Action::MoveSeries
        | Action::CancelSeries => {
            let Some(b) = r.booking_at(r.col, r.row_time(day, r.row)).cloned() else { return vec![] };
            if matches!(action, Action::MoveRoomBooking | Action::MoveSeries) {
                let series = action == Action::MoveSeries;
                r.draft =
                    Some(Draft { moving: Some((b.id, b.version)), room: r.col, start: b.start, end: b.end, series });
            } else if action == Action::CancelSeries {
                let label = b.start.format("%m-%d %H:%M").to_string();
                let p = Prompt::new(PromptFor::CancelRoomSeries, b.id, b.version, label, 60);
                app.overlay = Some(Overlay::Prompt(p));
            } else if action == Action::EditBooking {
                // The purpose as it stands, to change rather than type again.
                let label = b.start.format("%m-%d %H:%M").to_string();
                let mut p = Prompt::new(PromptFor::RoomEdit, b.id, b.version, label, 60);
                p.input.insert(b.purpose.as_deref().unwrap_or_default());
                app.overlay = Some(Overlay::Prompt(p));
            } else {
                let label = b.start.format("%H:%M").to_string();
                app.overlay = Some(Overlay::Prompt(Prompt::new(PromptFor::CancelRoom, b.id, b.version, label, 60)));
            }
        }
        _ => {}
    }
    vec![]
}

/// A draft moves with the cursor keys and changes length with +/-; Enter books or moves it.
fn on_draft(app: &mut App, action: Action) -> Vec<Effect> {
    let login = app.session.operator.login.clone();
    let r = &mut app.rooms;
    let Some(d) = &mut r.draft else { return vec![] };
    let step = Duration::minutes(ROW_MINUTES);
    match action {
        Action::Up => {
            d.start -= step;
            d.end -= step;
        }
        Action::Down => {
            d.start += step;
            d.end += step;
        }
        Action::RoomLeft => d.room = d.room.saturating_sub(1),
        Action::RoomRight => d.room = (d.room + 1).min(r.rooms.len().saturating_sub(1)),
        Action::Longer => d.end += Duration::minutes(15),
        Action::Shorter => d.end -= Duration::minutes(15),
        Action::Back => r.draft = None,
        Action::Confirm | Action::Book | Action::MoveRoomBooking | Action::MoveSeries => {
            let d = d.clone();
            // The cursor follows the booking to where it goes.
            let first = r.row_time(d.start.date(), 0);
            r.row = ((d.start - first).num_minutes() / ROW_MINUTES).max(0) as usize;
            r.col = d.room;
            if let Some(problem) = app.rooms.draft_problem((&app.calendar, app.horizons.rooms), &login, app.now) {
                app.toast(Notice::Room(RoomOpError::Rule(problem)));
                return vec![];
            }
            match d.moving {
                Some((id, version)) => {
                    app.rooms.draft = None;
                    let room_id = app.rooms.rooms.get(d.room).map(|x| x.id).unwrap_or(0);
                    let (start, end) = (d.start, d.end);
                    if d.series {
                        return vec![Effect::MoveSeries { id, version, room_id, start, end }];
                    }
                    return vec![Effect::MoveRoom { id, version, room_id, start, end }];
                }
                None => {
                    let p = Prompt::new(PromptFor::RoomPurpose, 0, 0, String::new(), 60);
                    app.overlay = Some(Overlay::Prompt(p));
                }
            }
        }
        _ => {}
    }
    vec![]
}

fn submit(app: &mut App, purpose: PromptFor, text: &str) -> Result<Vec<Effect>, Invalid> {
    match purpose {
        // A room booking may go without a purpose.
        PromptFor::RoomPurpose => {
            let Some(d) = app.rooms.draft.take() else { return Ok(vec![]) };
            let room_id = app.rooms.rooms.get(d.room).map(|r| r.id).unwrap_or(0);
            // "调解 ×4": weekly, four times. Any count, however large, goes to storage, which
            // refuses a series too long or past the horizon (×99999999999 is never booked once).
            let count = |n: &str| match n.trim().parse::<u32>() {
                Ok(v) => (v >= 2).then_some(v),
                Err(_) => (!n.trim().is_empty() && n.trim().bytes().all(|b| b.is_ascii_digit())).then_some(u32::MAX),
            };
            let (purpose, weeks) = match text.rsplit_once(['×', 'x', 'X']).and_then(|(p, n)| Some((p, count(n)?))) {
                Some((p, n)) => (p.trim().to_string(), n),
                _ => (text.to_string(), 1),
            };
            Ok(vec![Effect::BookRoom { room_id, start: d.start, end: d.end, purpose, weeks }])
        }
        PromptFor::RoomDate => {
            let day = crate::domain::room::parse_day(text, app.now.date()).ok_or(Invalid)?;
            app.rooms.day = Some(day);
            app.overlay = None;
            Ok(vec![load(app)])
        }
        PromptFor::RoomEdit => {
            let Some(Overlay::Prompt(p)) = &app.overlay else { return Err(Invalid) };
            Ok(vec![Effect::EditRoom(p.id, p.version, text.trim().to_string())])
        }
        PromptFor::CancelRoomSeries if !text.is_empty() => {
            let Some(Overlay::Prompt(p)) = &app.overlay else { return Err(Invalid) };
            Ok(vec![Effect::CancelSeries(p.id, p.version, text.to_string())])
        }
        PromptFor::CancelRoom if !text.is_empty() => {
            let Some(Overlay::Prompt(p)) = &app.overlay else { return Err(Invalid) };
            Ok(vec![Effect::CancelRoom(p.id, p.version, text.to_string())])
        }
        _ => Err(Invalid),
    }
}

fn answer(app: &mut App, msg: Msg) -> Result<Vec<Effect>, Msg> {
    match msg {
        Msg::RoomsLoaded(rooms, bookings) => {
            // A room retired before retiring checked its bookings keeps its column while it
            // still has some, so that none is live and out of sight.
            let live: Vec<_> =
                rooms.into_iter().filter(|r| !r.retired || bookings.iter().any(|b| b.room_id == r.id)).collect();
            let r = &mut app.rooms;
            if r.rooms != live || r.bookings != bookings || !r.loaded {
                r.rooms = live;
                r.bookings = bookings;
                r.loaded = true;
                r.col = r.col.min(r.rooms.len().saturating_sub(1));
                app.dirty = true;
            }
            Ok(vec![])
        }
        Msg::RoomRefused(e) => {
            app.overlay = None;
            app.toast(Notice::Room(e));
            app.dirty = true;
            Ok(vec![])
        }
        other => Err(other),
    }
}
