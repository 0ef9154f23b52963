//! The Appointments screen's state: one day of one category, slot by slot.

use crate::domain::appointment::{Appointment, AppointmentState};
use crate::model::Slot;
use chrono::NaiveDate;

/// A row of the day view: a slot, or a booking in the slot above it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A slot with its places.
    Slot(Slot),
    /// A booking.
    Booking(Appointment),
}

/// State of the Appointments screen.
#[derive(Debug, Clone, Default)]
pub struct AppointmentsState {
    /// The day shown (today until changed).
    pub day: Option<NaiveDate>,
    /// Category code shown.
    pub category: Option<String>,
    /// Slots and bookings, in time order.
    pub rows: Vec<Row>,
    /// Row under the cursor.
    pub selected: usize,
    /// Loaded at least once.
    pub loaded: bool,
}

impl AppointmentsState {
    /// Interleaves slots and their bookings (cancelled ones last in their slot, dimmed).
    pub fn set(&mut self, slots: Vec<Slot>, bookings: Vec<Appointment>) {
        let mut rows = Vec::new();
        for s in slots {
            let at = s.at;
            rows.push(Row::Slot(s));
            let mut here: Vec<&Appointment> = bookings.iter().filter(|a| a.at == at).collect();
            here.sort_by_key(|a| (a.state == AppointmentState::Cancelled, a.id));
            rows.extend(here.into_iter().cloned().map(Row::Booking));
        }
        self.rows = rows;
        self.loaded = true;
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    /// The row under the cursor.
    pub fn selected_row(&self) -> Option<&Row> {
        self.rows.get(self.selected)
    }
}

use super::notice::Notice;
use super::overlay::{Ask, Overlay, Prompt, PromptFor};
use super::screen::{Invalid, Offer, Screen};
use super::{App, Effect, Msg, Tab};
use crate::action::Action;

/// How `app` reaches the Appointments screen.
pub const SCREEN: Screen = Screen {
    tab: Tab::Appointments,
    goto: Action::GotoAppointments,
    needs: Some(crate::domain::operator::Permission::Cases),
    section: |_| crate::keymap::Section::Appointments,
    offers,
    act,
    answer,
    submit,
    ..super::screen::PLAIN
};

fn offers(app: &App) -> Vec<Offer> {
    let row = app.appointments.selected_row();
    let slot = (!matches!(row, Some(Row::Slot(_)))).then_some(Notice::NothingSelected);
    let booking = (!matches!(row, Some(Row::Booking(_)))).then_some(Notice::NothingSelected);
    // A slot that cannot be booked now says why before a name is typed, not after.
    let day = app.appointments.day.unwrap_or(app.now.date());
    let closed = match row {
        Some(Row::Slot(s)) => {
            crate::domain::appointment::can_book(&app.calendar, day, s.at, app.now, app.horizons.appointments)
                .err()
                .map(|e| Notice::Queue(crate::model::QueueError::Booking(e)))
        }
        _ => None,
    };
    // Checking in issues a number at once: it asks, naming the person and the time.
    let named = match row {
        Some(Row::Booking(b)) => Some(Ask::Of(format!("{} {}", b.resident_name, b.at.format("%H:%M")))),
        _ => None,
    };
    let check_in = |o: Offer| match &named {
        Some(ask) => o.asking(ask.clone()),
        None => o,
    };
    let mut o = vec![
        Offer::yes(Action::NextDay),
        Offer::yes(Action::PrevDay),
        Offer::yes(Action::CycleFilter),
        Offer::when(Action::Book, slot.or(closed.clone())),
        check_in(Offer::when(Action::CheckIn, booking.clone())),
        Offer::when(Action::CancelBooking, booking),
        check_in(Offer::when(Action::Confirm, row.is_none().then_some(Notice::NothingSelected).or(closed))),
    ];
    super::screen::movement(&mut o, false);
    o
}

/// The day and category shown (today and the first category until changed).
pub(super) fn load(app: &mut App) -> Vec<Effect> {
    let day = *app.appointments.day.get_or_insert(app.now.date());
    if app.appointments.category.is_none() {
        app.appointments.category = app.catalog.categories.first().map(|c| c.code.clone());
    }
    match &app.appointments.category {
        Some(c) => vec![Effect::LoadAppointments(day, c.clone())],
        None => vec![],
    }
}

fn act(app: &mut App, action: Action) -> Vec<Effect> {
    let today = app.now.date();
    let a = &mut app.appointments;
    let day = a.day.unwrap_or(today);
    match action {
        Action::Up => a.selected = a.selected.saturating_sub(1),
        Action::Down => a.selected = (a.selected + 1).min(a.rows.len().saturating_sub(1)),
        Action::First => a.selected = 0,
        Action::Last => a.selected = a.rows.len().saturating_sub(1),
        Action::PrevDay | Action::NextDay => {
            let to = if action == Action::NextDay { day.succ_opt() } else { day.pred_opt() };
            a.day = to.or(Some(day));
            a.selected = 0;
            return load(app);
        }
        Action::CycleFilter => {
            let cats: Vec<String> = app.catalog.categories.iter().map(|c| c.code.clone()).collect();
            let i = a.category.as_ref().and_then(|c| cats.iter().position(|x| x == c)).map(|i| i + 1).unwrap_or(0);
            a.category = cats.get(i % cats.len().max(1)).cloned();
            a.selected = 0;
            return load(app);
        }
        Action::Book | Action::Confirm | Action::CancelBooking | Action::CheckIn => {
            let category = a.category.clone().unwrap_or_default();
            match (action, a.selected_row().cloned()) {
                (Action::Book | Action::Confirm, Some(Row::Slot(s))) => {
                    let mut p = Prompt::new(PromptFor::BookFor, 0, 0, s.at.format("%H:%M").to_string(), 60);
                    p.slot = Some((day, s.at, category));
                    p.pick = Some(super::pick::Picking::default());
                    app.overlay = Some(Overlay::Prompt(p));
                }
                (Action::Confirm | Action::CheckIn, Some(Row::Booking(b))) => return vec![Effect::CheckIn(b.id)],
                (Action::CancelBooking, Some(Row::Booking(b))) => {
                    let p = Prompt::new(PromptFor::CancelBooking, b.id, 0, b.resident_name.clone(), 60);
                    app.overlay = Some(Overlay::Prompt(p));
                }
                _ => app.toast(Notice::NothingSelected),
            }
        }
        _ => {}
    }
    vec![]
}

fn submit(app: &mut App, purpose: PromptFor, text: &str) -> Result<Vec<Effect>, Invalid> {
    if text.is_empty() {
        return Err(Invalid);
    }
    match purpose {
        PromptFor::BookFor => {
            // The candidate highlighted (and named in the confirmation) is the one booked for.
            let Some(Overlay::Prompt(p)) = &app.overlay else { return Err(Invalid) };
            let hit = p.pick.as_ref().filter(|k| k.confirming).and_then(|k| k.found.hit());
            match (hit, p.slot.clone()) {
                (Some(h), Some((day, at, cat))) => Ok(vec![Effect::Book(day, at, cat, app.residents.resident(h).id)]),
                _ => Err(Invalid),
            }
        }
        PromptFor::CancelBooking => {
            let Some(Overlay::Prompt(p)) = &app.overlay else { return Err(Invalid) };
            Ok(vec![Effect::CancelAppointment(p.id, text.to_string())])
        }
        _ => Err(Invalid),
    }
}

fn answer(app: &mut App, msg: Msg) -> Result<Vec<Effect>, Msg> {
    match msg {
        Msg::AppointmentsLoaded(slots, bookings) => {
            app.appointments.set(slots, bookings);
            app.dirty = true;
            Ok(vec![])
        }
        other => Err(other),
    }
}
