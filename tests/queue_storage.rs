//! The queue on a temporary database: numbering, calling, recalls, transfers, appointments.

use chrono::DateTime;
use yichuang::domain::appointment::BookingError;
use yichuang::domain::queue::{Outcome, TicketState, Why};
use yichuang::domain::resident::ResidentDraft;
use yichuang::storage::{Clock, Db, QueueError, Registered};

fn at(s: &str) -> Clock {
    Clock::Fixed(DateTime::parse_from_rfc3339(s).unwrap())
}

fn setup(now: &str) -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, _) = yichuang::setup::open_or_init(&dir.path().join("q.sqlite3"), "root").unwrap();
    db.add_operator("root", "wang", "王芳", yichuang::domain::operator::Role::Clerk, Some(1)).unwrap();
    db.add_operator("root", "li", "李强", yichuang::domain::operator::Role::Clerk, Some(2)).unwrap();
    db.set_clock(at(now));
    (dir, db)
}

fn resident(db: &mut Db) -> i64 {
    let r = ResidentDraft { name: "张秀英".into(), id_number: "320124194511230043".into(), ..Default::default() };
    match db
        .register_resident("root", &r.validate(chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()).unwrap())
        .unwrap()
    {
        Registered::New(r) | Registered::Existing(r) => r.id,
    }
}

#[test]
fn numbers_per_category_and_day_by_code_prefix_name_or_item() {
    let (_d, mut db) = setup("2026-11-20T08:30:00+08:00");
    assert_eq!(db.take_ticket("kiosk", "SB", None, None).unwrap().ticket.number, "A001");
    assert_eq!(db.take_ticket("kiosk", "A", None, None).unwrap().ticket.number, "A002");
    assert_eq!(db.take_ticket("kiosk", "社保", None, None).unwrap().ticket.number, "A003");
    assert_eq!(db.take_ticket("kiosk", "YB-001", None, None).unwrap().ticket.number, "B001");
    let i = db.take_ticket("kiosk", "LL", Some("80岁"), None).unwrap();
    assert_eq!((i.ticket.number.as_str(), i.position, i.ticket.green.as_deref()), ("G001", 1, Some("80岁")));
    assert!(matches!(db.take_ticket("kiosk", "ZZ", None, None), Err(QueueError::UnknownCategory(_))));
    assert!(matches!(db.take_ticket("kiosk", "SB", Some("  "), None), Err(QueueError::ReasonRequired)));
    // The next day starts again at 001.
    db.set_clock(at("2026-11-23T08:30:00+08:00"));
    assert_eq!(db.take_ticket("kiosk", "SB", None, None).unwrap().ticket.number, "A001");
}

#[test]
fn a_clerks_calls_follow_the_policy_and_windows_are_guarded() {
    let (_d, mut db) = setup("2026-11-20T08:30:00+08:00");
    let rid = resident(&mut db);
    db.take_ticket("kiosk", "SB", None, None).unwrap();
    db.set_clock(at("2026-11-20T08:35:00+08:00"));
    db.take_ticket("kiosk", "SB", Some("80岁"), Some(rid)).unwrap();
    assert!(matches!(db.call_next("wang"), Err(QueueError::NotSignedIn)));
    db.sign_in("wang", 1).unwrap();
    assert!(matches!(db.sign_in("li", 1), Err(QueueError::WindowTaken { window: 1, .. })));
    let (t, why) = db.call_next("wang").unwrap();
    assert_eq!(t.number, "A002");
    assert_eq!(why, Why::Green { reason: "80岁".into(), age: Some(80) }, "born 1945-11-23, not 81 until Monday");
    db.pause_window("wang", Some("午休")).unwrap();
    assert!(matches!(db.call_next("wang"), Err(QueueError::Paused(r)) if r == "午休"));
    assert!(matches!(db.pause_window("wang", Some("")), Err(QueueError::ReasonRequired)));
    db.pause_window("wang", None).unwrap();
    // Pausing sent the open number back in line, in its place: called again, it is first.
    let (mut t, _) = db.call_next("wang").unwrap();
    assert_eq!(t.number, "A002");
    // Recall three times, the fourth makes it a no-show; reinstate puts it back in line.
    for _ in 0..3 {
        t = db.recall("wang", t.id, t.version).unwrap();
        assert_eq!(t.state, TicketState::Called);
    }
    t = db.recall("wang", t.id, t.version).unwrap();
    assert_eq!(t.state, TicketState::NoShow);
    assert!(matches!(db.recall("wang", t.id, t.version), Err(QueueError::WrongState(TicketState::NoShow))));
    t = db.reinstate("wang", t.id, t.version).unwrap();
    assert_eq!(t.state, TicketState::Waiting);
    // A stale version is a conflict.
    assert!(matches!(db.park("wang", t.id, t.version - 1), Err(QueueError::Conflict)));
}

#[test]
fn park_call_back_transfer_and_finish() {
    let (_d, mut db) = setup("2026-11-20T09:00:00+08:00");
    db.sign_in("wang", 1).unwrap();
    db.sign_in("li", 2).unwrap();
    db.set_window("root", 2, "医保窗口", &["YB".into()]).unwrap();
    db.take_ticket("kiosk", "SB", None, None).unwrap();
    let (t, _) = db.call_next("wang").unwrap();
    let t = db.park("wang", t.id, t.version).unwrap();
    assert_eq!(t.state, TicketState::Parked);
    let t = db.call_back("wang", t.id, t.version).unwrap();
    assert_eq!(t.state, TicketState::Called);
    let t = db.transfer("wang", t.id, t.version, "YB", None).unwrap();
    assert_eq!((t.state, t.category.as_str(), t.number.as_str()), (TicketState::Waiting, "YB", "A001"));
    let (t, _) = db.call_next("li").unwrap();
    assert_eq!(t.number, "A001", "the transferred ticket keeps its number and place");
    let t = db.start_serving("li", t.id, t.version).unwrap();
    let t = db.finish("li", t.id, t.version, Outcome::Consultation).unwrap();
    assert_eq!(t.state, TicketState::Done);
    assert!(matches!(db.recall("li", t.id, t.version), Err(QueueError::WrongState(TicketState::Done))));
    assert!(matches!(db.call_next("li"), Err(QueueError::NobodyWaiting)));
}

#[test]
fn tickets_left_at_closing_expire() {
    let (_d, mut db) = setup("2026-11-20T16:50:00+08:00");
    db.take_ticket("kiosk", "SB", None, None).unwrap();
    db.take_ticket("kiosk", "SB", None, None).unwrap();
    assert_eq!(db.close_day("root").unwrap(), 2);
    assert!(db.queue_view().unwrap().tickets.iter().all(|t| t.state == TicketState::Expired));
}

#[test]
fn appointments_book_within_capacity_and_check_in_to_priority() {
    let (_d, mut db) = setup("2026-11-19T10:00:00+08:00");
    let rid = resident(&mut db);
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let nine = chrono::NaiveTime::from_hms_opt(9, 30, 0).unwrap();
    for _ in 0..3 {
        db.book("wang", day, nine, "SB", rid).unwrap();
    }
    assert!(
        matches!(db.book("wang", day, nine, "SB", rid), Err(QueueError::Booking(BookingError::Full))),
        "3 windows, 3 places"
    );
    let sat = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    assert!(matches!(db.book("wang", sat, nine, "SB", rid), Err(QueueError::Booking(BookingError::NotWorkingDay))));
    let yesterday = chrono::NaiveDate::from_ymd_opt(2026, 11, 18).unwrap();
    assert!(matches!(db.book("wang", yesterday, nine, "SB", rid), Err(QueueError::Booking(BookingError::Past))));
    let list = db.appointments(day, Some("SB")).unwrap();
    assert!(matches!(db.check_in("wang", list[0].id), Err(QueueError::Booking(BookingError::NotToday))));
    db.cancel_appointment("wang", list[2].id, "申请人改期").unwrap();
    assert_eq!(db.slots(day, "SB").unwrap().iter().find(|s| s.at == nine).unwrap().booked, 2);
    db.set_clock(at("2026-11-20T09:10:00+08:00"));
    db.take_ticket("kiosk", "SB", None, None).unwrap();
    let (a, issued) = db.check_in("wang", list[0].id).unwrap();
    assert_eq!(a.state, yichuang::domain::appointment::AppointmentState::CheckedIn);
    db.sign_in("wang", 1).unwrap();
    let (t, why) = db.call_next("wang").unwrap();
    assert_eq!(t.id, issued.ticket.id, "the appointment goes ahead of the earlier walk-in");
    assert_eq!(why, Why::Appointment { at: nine });
    db.set_clock(at("2026-11-20T09:50:00+08:00"));
    let (late, _) = db.check_in("wang", list[1].id).unwrap();
    assert_eq!(late.state, yichuang::domain::appointment::AppointmentState::Late);
}

#[test]
fn a_window_holds_one_open_number_and_the_database_says_so_too() {
    let (d, mut db) = setup("2026-11-20T09:00:00+08:00");
    db.sign_in("wang", 1).unwrap();
    for _ in 0..3 {
        db.take_ticket("kiosk", "SB", None, None).unwrap();
    }
    let (a1, _) = db.call_next("wang").unwrap();
    assert!(
        matches!(db.call_next("wang"), Err(QueueError::WindowBusy { window: 1, ref number }) if number == "A001"),
        "a second call with A001 open is refused"
    );
    let waiting = db.queue_view().unwrap().tickets.into_iter().find(|t| t.number == "A002").unwrap();
    assert!(matches!(db.call_ticket("wang", waiting.id, waiting.version, None), Err(QueueError::WindowBusy { .. })));
    // Parked, it no longer holds the window; called back, it does again.
    let a1 = db.park("wang", a1.id, a1.version).unwrap();
    let (a2, _) = db.call_next("wang").unwrap();
    assert!(matches!(db.call_back("wang", a1.id, a1.version), Err(QueueError::WindowBusy { .. })));
    db.finish("wang", a2.id, a2.version, Outcome::Consultation).unwrap();
    db.call_back("wang", a1.id, a1.version).unwrap();
    // Whatever gets past the check (another program, a bug), the database refuses the second.
    let raw = rusqlite::Connection::open(d.path().join("q.sqlite3")).unwrap();
    let e = raw
        .execute(
            "UPDATE queue_tickets SET state = 'called', window = 1, called_at = '2026-11-20T09:05:00+08:00'
             WHERE number = 'A003'",
            [],
        )
        .unwrap_err();
    assert!(e.to_string().contains("UNIQUE constraint failed: queue_tickets.day, queue_tickets.window"), "{e}");
}

#[test]
fn an_undo_puts_back_only_what_nobody_changed_since() {
    let (d, mut db) = setup("2026-11-20T08:30:00+08:00");
    db.take_ticket("kiosk", "SB", None, None).unwrap();
    db.take_ticket("kiosk", "SB", None, None).unwrap();
    db.sign_in("wang", 1).unwrap();
    // The desk's worker records what a key that does not ask changes.
    db.record_undo().unwrap();
    let (t, _) = db.call_next("wang").unwrap();
    assert!(db.keep_undo("CallNext").unwrap());
    assert_eq!(db.undo_last("wang").unwrap(), "CallNext");
    let back = db.queue_view().unwrap();
    let a001 = back.tickets.iter().find(|x| x.id == t.id).unwrap();
    assert_eq!((a001.state, a001.window, a001.called_at), (TicketState::Waiting, None, None));
    assert!(db.audit_page(None, 5).unwrap().iter().any(|r| r.action == "undo"));
    assert!(matches!(db.undo_last("wang"), Err(yichuang::storage::UndoError::Nothing)), "spent once used");

    // Called again; another session serves it before the undo: the undo is refused, nothing moves.
    db.record_undo().unwrap();
    let (t, _) = db.call_next("wang").unwrap();
    assert!(db.keep_undo("CallNext").unwrap());
    let mut other = Db::open(&d.path().join("q.sqlite3")).unwrap();
    other.set_clock(at("2026-11-20T08:31:00+08:00"));
    other.start_serving("wang", t.id, t.version).unwrap();
    assert!(matches!(db.undo_last("wang"), Err(yichuang::storage::UndoError::ChangedSince)));
    let now = db.queue_view().unwrap();
    assert_eq!(now.tickets.iter().find(|x| x.id == t.id).unwrap().state, TicketState::Serving);
}

#[test]
fn calling_out_of_turn_needs_a_reason_and_keeps_it() {
    use yichuang::domain::queue::CallReason;
    let (_d, mut db) = setup("2026-11-20T09:00:00+08:00");
    db.sign_in("wang", 1).unwrap();
    let first = db.take_ticket("kiosk", "SB", None, None).unwrap().ticket;
    let second = db.take_ticket("kiosk", "SB", None, None).unwrap().ticket;
    // Second in line, no reason: refused, nothing written.
    assert!(matches!(db.call_ticket("wang", second.id, second.version, None), Err(QueueError::ReasonRequired)));
    let v = db.queue_view().unwrap();
    assert!(v.tickets.iter().all(|t| t.state == TicketState::Waiting));
    // With a reason: called, the reason kept with the ticket and in the audit trail.
    let t = db.call_ticket("wang", second.id, second.version, Some(CallReason::Priority)).unwrap();
    assert_eq!((t.state, t.call_reason), (TicketState::Called, Some(CallReason::Priority)));
    assert_eq!(yichuang::domain::queue::why(&t), Why::OutOfTurn(CallReason::Priority));
    let f = yichuang::model::AuditFilter { action: Some("ticket.call".into()), ..Default::default() };
    let rows = db.audit_search(&f, None, 10).unwrap();
    assert!(rows.iter().any(|r| r.summary == "A002 called out of turn: priority"), "{rows:?}");
    // The head of the line needs none, and back in line the reason is gone.
    db.finish("wang", t.id, t.version, Outcome::Consultation).unwrap();
    let t = db.call_ticket("wang", first.id, first.version, None).unwrap();
    assert_eq!(t.call_reason, None);
}

#[test]
fn transfers_and_reinstatements_are_marked_for_the_waiting_row() {
    let (_d, mut db) = setup("2026-11-20T09:00:00+08:00");
    db.sign_in("wang", 1).unwrap();
    db.take_ticket("kiosk", "SB", None, None).unwrap();
    db.take_ticket("kiosk", "SB", None, None).unwrap();
    let (t, _) = db.call_next("wang").unwrap();
    let t = db.transfer("wang", t.id, t.version, "YB", None).unwrap();
    let from = t.transferred.clone().expect("marked as transferred");
    assert_eq!((from.category.as_str(), from.window), ("社保", Some(1)), "{from:?}");
    assert_eq!(yichuang::domain::queue::why(&t), Why::Transferred(from));
    let (t, _) = db.call_next("wang").unwrap();
    let t = db.no_show("wang", t.id, t.version).unwrap();
    assert!(!t.reinstated);
    let t = db.reinstate("wang", t.id, t.version).unwrap();
    assert!(t.reinstated, "过号重排");
    assert_eq!(yichuang::domain::queue::why(&t), Why::Reinstated);
}

#[test]
fn signing_out_or_pausing_sends_an_open_number_back_in_line() {
    let (_d, mut db) = setup("2026-11-20T09:00:00+08:00");
    db.sign_in("wang", 1).unwrap();
    let issued = db.take_ticket("kiosk", "SB", None, None).unwrap().ticket;
    let (t, _) = db.call_next("wang").unwrap();
    db.start_serving("wang", t.id, t.version).unwrap();
    db.pause_window("wang", Some("午休")).unwrap();
    let t = db.queue_view().unwrap().tickets.into_iter().find(|t| t.id == issued.id).unwrap();
    assert_eq!((t.state, t.window, t.order_at), (TicketState::Waiting, None, issued.order_at), "place kept");
    db.pause_window("wang", None).unwrap();
    db.call_next("wang").unwrap();
    db.sign_out("wang").unwrap();
    let v = db.queue_view().unwrap();
    assert_eq!(v.tickets[0].state, TicketState::Waiting);
    assert!(v.windows.iter().all(|w| yichuang::domain::queue::current_at(&v.tickets, w).is_none()));
    let f = yichuang::model::AuditFilter { action: Some("ticket.settle".into()), ..Default::default() };
    let said: Vec<String> = db.audit_search(&f, None, 10).unwrap().into_iter().map(|r| r.summary).collect();
    assert_eq!(said, ["A001 back in line (window signed out)", "A001 back in line (window paused)"]);
}

#[test]
fn nobody_ahead_is_given_no_wait_estimate() {
    let (_d, mut db) = setup("2026-11-20T09:00:00+08:00");
    db.sign_in("wang", 1).unwrap();
    let first = db.take_ticket("kiosk", "SB", None, None).unwrap();
    assert_eq!((first.position, first.estimated_wait_min), (1, 0));
    let second = db.take_ticket("kiosk", "SB", None, None).unwrap();
    assert_eq!(second.position, 2);
    assert!(second.estimated_wait_min > 0);
}
