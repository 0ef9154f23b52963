//! The worker's part for the queue and appointments.

use super::context::failed;
use crate::app::Msg;
use crate::app::notice::Notice;
use crate::app::queue::QueueOp;
use crate::storage::{Db, QueueError};
use chrono::{NaiveDate, NaiveTime};

/// Today's queue.
pub fn load(db: &Db) -> Vec<Msg> {
    match db.queue_view() {
        Ok(v) => vec![Msg::QueueLoaded(v)],
        Err(e) => failed(e),
    }
}

/// One day of one category's appointments; bookings whose check-in window closed are marked
/// no-shows first.
pub fn load_appointments(db: &mut Db, by: &str, day: NaiveDate, cat: &str) -> Vec<Msg> {
    // Marking is a chore that the next reader retries: a failure must not hide the day.
    let _ = db.mark_missed_appointments(by);
    // The horizon comes along, so a supervisor's change reaches this tab with the next reload.
    match (db.slots(day, cat), db.appointments(day, Some(cat)), db.horizons()) {
        (Ok(s), Ok(a), Ok(h)) => vec![Msg::HorizonsLoaded(h), Msg::AppointmentsLoaded(s, a)],
        (Err(e), ..) | (_, Err(e), _) | (.., Err(e)) => failed(e),
    }
}

/// Books a slot for a resident.
pub fn book(db: &mut Db, by: &str, day: NaiveDate, at: NaiveTime, cat: &str, rid: i64) -> Vec<Msg> {
    let r = db.book(by, day, at, cat, rid).map(|a| Notice::AppointmentChanged(a.resident_name, a.state));
    appointment_done(db, cat, day, r)
}

/// Cancels a booking with a reason.
pub fn cancel(db: &mut Db, by: &str, id: i64, reason: &str) -> Vec<Msg> {
    match db.cancel_appointment(by, id, reason) {
        Ok(a) => {
            let (day, cat) = (a.day, a.category.clone());
            appointment_done(db, &cat, day, Ok(Notice::AppointmentChanged(a.resident_name, a.state)))
        }
        Err(e) => vec![Msg::QueueRefused(e)],
    }
}

/// Checks a resident in: their booking becomes a priority ticket.
pub fn check_in(db: &mut Db, by: &str, id: i64) -> Vec<Msg> {
    match db.check_in(by, id) {
        Ok((a, issued)) => {
            let n = Notice::CheckedIn {
                name: a.resident_name.clone(),
                number: issued.ticket.number.clone(),
                priority: issued.ticket.appointment_at.is_some(),
            };
            let mut out = appointment_done(db, &a.category, a.day, Ok(n));
            if let Ok(v) = db.queue_view() {
                out.push(Msg::QueueLoaded(v));
            }
            out
        }
        Err(e) => vec![Msg::QueueRefused(e)],
    }
}

/// Tells the clerk and reloads the day shown.
fn appointment_done(db: &mut Db, cat: &str, day: NaiveDate, r: Result<Notice, QueueError>) -> Vec<Msg> {
    let mut out = match r {
        Ok(n) => vec![Msg::QueueDone(n)],
        Err(e) => vec![Msg::QueueRefused(e)],
    };
    if let (Ok(s), Ok(a)) = (db.slots(day, cat), db.appointments(day, Some(cat))) {
        out.push(Msg::AppointmentsLoaded(s, a));
    }
    out
}

/// Does a queue operation; answers with what to tell the clerk, then the fresh queue.
pub fn op(db: &mut Db, by: &str, op: QueueOp) -> Vec<Msg> {
    let changed = |t: crate::domain::queue::Ticket| Notice::TicketChanged { number: t.number, state: t.state };
    let result: Result<Notice, QueueError> = match op {
        QueueOp::SignIn(n) => db.sign_in(by, n).map(|w| Notice::SignedIn(Some(w.number))),
        QueueOp::SignOut => db.sign_out(by).map(|_| Notice::SignedIn(None)),
        QueueOp::Pause(reason) => {
            db.pause_window(by, reason.as_deref()).map(|w| Notice::WindowPaused(w.paused.is_some()))
        }
        QueueOp::CallNext => db.call_next(by).map(|(t, why)| Notice::Called { number: t.number, why }),
        QueueOp::Call(id, v, reason) => db.call_ticket(by, id, v, reason).map(|t| {
            let why = crate::domain::queue::why(&t);
            Notice::Called { number: t.number, why }
        }),
        QueueOp::Recall(id, v) => db.recall(by, id, v).map(changed),
        QueueOp::Serve(id, v) => db.start_serving(by, id, v).map(changed),
        QueueOp::Park(id, v) => db.park(by, id, v).map(changed),
        QueueOp::CallBack(id, v) => db.call_back(by, id, v).map(changed),
        QueueOp::NoShow(id, v) => db.no_show(by, id, v).map(changed),
        QueueOp::Reinstate(id, v) => db.reinstate(by, id, v).map(changed),
        QueueOp::Transfer(id, v, to) => db.transfer(by, id, v, &to, None).map(changed),
        QueueOp::Finish(id, v, o) => db.finish(by, id, v, o).map(changed),
        QueueOp::Take(what, green) => db.take_ticket(by, &what, green.as_deref(), None).map(|i| Notice::Issued {
            number: i.ticket.number,
            position: i.position,
            wait: i.estimated_wait_min,
        }),
        QueueOp::LinkCase(id, case) => db.link_case(by, id, case).map(|_| Notice::NoTicket),
    };
    let mut out = match result {
        // Linking is silent: the clerk sees the case saved already.
        Ok(Notice::NoTicket) => vec![],
        Ok(n) => vec![Msg::QueueDone(n)],
        Err(e) => vec![Msg::QueueRefused(e)],
    };
    if let Ok(v) = db.queue_view() {
        out.push(Msg::QueueLoaded(v));
    }
    out
}
