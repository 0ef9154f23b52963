//! Booking horizons on temporary databases: rooms and appointments stop at their horizon (a
//! setting), a weekly series is refused whole, nothing is booked in a year the calendar cannot
//! tell, and a bad horizon value is refused.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};
use yichuang::domain::appointment::BookingError;
use yichuang::domain::config::{APPOINTMENT_HORIZON_KEY, ROOM_HORIZON_KEY};
use yichuang::domain::resident::ResidentDraft;
use yichuang::domain::room::{MAX_WEEKS, RoomError};
use yichuang::storage::{Clock, Db, QueueError, Registered, RoomOpError, StorageError, Viewer};

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn clock(s: &str) -> Clock {
    Clock::Fixed(DateTime::parse_from_rfc3339(s).unwrap())
}

fn zhang() -> Viewer {
    Viewer { login: "zhang".into(), supervisor: false, mediator: true }
}

/// A desk on 2026-11-19 16:00 with a mediator, a clerk at window 1 (SB) and one room.
fn setup() -> (tempfile::TempDir, Db, i64) {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, _) = yichuang::setup::open_or_init(&dir.path().join("h.sqlite3"), "root").unwrap();
    db.add_operator("root", "zhang", "张敏", yichuang::domain::operator::Role::Mediator, None).unwrap();
    db.add_operator("root", "wang", "王芳", yichuang::domain::operator::Role::Clerk, Some(1)).unwrap();
    db.set_clock(clock("2026-11-19T16:00:00+08:00"));
    let t = |h| NaiveTime::from_hms_opt(h, 30, 0).unwrap();
    let r1 = db.add_room("root", "和为贵调解室一", 8, t(8), t(17)).unwrap();
    (dir, db, r1)
}

fn resident(db: &mut Db) -> i64 {
    let r = ResidentDraft { name: "张秀英".into(), id_number: "320124194511230043".into(), ..Default::default() };
    match db.register_resident("root", &r.validate(day("2026-11-20")).unwrap()).unwrap() {
        Registered::New(r) | Registered::Existing(r) => r.id,
    }
}

fn booked(db: &Db, from: &str, to: &str) -> usize {
    db.bookings(&Viewer { login: "root".into(), supervisor: true, mediator: true }, day(from), day(to)).unwrap().len()
}

#[test]
fn a_room_booking_past_the_horizon_is_refused_and_nothing_is_written() {
    let (_d, mut db, r1) = setup();
    db.set_setting("root", ROOM_HORIZON_KEY, "30").unwrap();
    // Seen from 2026-11-19, 30 days reach 2026-12-19: the Friday before is fine, the Monday after is not.
    db.book_room(&zhang(), r1, at("2026-12-18 09:00"), at("2026-12-18 10:00"), None, "").unwrap();
    let e = db.book_room(&zhang(), r1, at("2026-12-21 09:00"), at("2026-12-21 10:00"), None, "").unwrap_err();
    assert_eq!(e, RoomOpError::Rule(RoomError::BeyondHorizon { last: day("2026-12-19"), days: 30 }));
    assert_eq!(booked(&db, "2026-12-20", "2026-12-31"), 0);
    // Moving a booking past the horizon is refused as well.
    let b = db.bookings(&zhang(), day("2026-12-18"), day("2026-12-18")).unwrap().remove(0);
    let e = db.move_booking(&zhang(), b.id, b.version, r1, at("2026-12-21 09:00"), at("2026-12-21 10:00")).unwrap_err();
    assert!(matches!(e, RoomOpError::Rule(RoomError::BeyondHorizon { .. })), "{e:?}");
    let words = yichuang::i18n::rooms::room_error(yichuang::domain::lang::Lang::Zh, &e);
    assert!(words.contains("最多可预约到 2026-12-19（30 天内）"), "{words}");
}

#[test]
fn a_weekly_series_across_the_horizon_is_refused_whole() {
    let (_d, mut db, r1) = setup();
    db.set_setting("root", ROOM_HORIZON_KEY, "30").unwrap();
    // Six Fridays from 2026-11-20 end on 2026-12-25, past 2026-12-19: not one is booked.
    let e = db.book_weekly(&zhang(), r1, at("2026-11-20 09:00"), at("2026-11-20 10:00"), 6, None, "").unwrap_err();
    assert_eq!(e, RoomOpError::Rule(RoomError::BeyondHorizon { last: day("2026-12-19"), days: 30 }));
    assert_eq!(booked(&db, "2026-11-20", "2026-12-31"), 0, "nothing half-booked");
    // Longer than the cap, whatever the horizon.
    db.set_setting("root", ROOM_HORIZON_KEY, "366").unwrap();
    let e = db.book_weekly(&zhang(), r1, at("2026-11-20 09:00"), at("2026-11-20 10:00"), 60, None, "").unwrap_err();
    assert_eq!(e, RoomOpError::Rule(RoomError::TooManyWeeks { max: MAX_WEEKS }));
    assert_eq!(booked(&db, "2026-11-20", "2027-12-31"), 0);
    // Within both, the whole series is booked.
    let ok = db.book_weekly(&zhang(), r1, at("2026-11-20 09:00"), at("2026-11-20 10:00"), 5, None, "").unwrap();
    assert!(ok.iter().all(|(_, r)| r.is_ok()), "{ok:?}");
    assert_eq!(booked(&db, "2026-11-20", "2026-12-31"), 5);
}

#[test]
fn nothing_is_booked_in_a_year_the_calendar_does_not_know() {
    let (_d, mut db, r1) = setup();
    let rid = resident(&mut db);
    db.set_setting("root", ROOM_HORIZON_KEY, "366").unwrap();
    db.set_setting("root", APPOINTMENT_HORIZON_KEY, "366").unwrap();
    db.set_clock(clock("2149-12-28T10:00:00+08:00"));
    let e = db.book_room(&zhang(), r1, at("2150-01-06 09:00"), at("2150-01-06 10:00"), None, "").unwrap_err();
    assert_eq!(e, RoomOpError::Rule(RoomError::UnknownYear(2150)));
    let e = db.book_weekly(&zhang(), r1, at("2149-12-29 09:00"), at("2149-12-29 10:00"), 3, None, "").unwrap_err();
    assert_eq!(e, RoomOpError::Rule(RoomError::UnknownYear(2149)), "refused whole");
    let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
    let e = db.book("wang", day("2150-01-06"), nine, "SB", rid).unwrap_err();
    assert!(matches!(e, QueueError::Booking(BookingError::UnknownYear(2150))), "{e:?}");
    let words = yichuang::i18n::queue::queue_error(yichuang::domain::lang::Lang::Zh, &e);
    assert!(words.contains("2150 年的节假日安排未知，暂不能预约"), "{words}");
    assert_eq!(booked(&db, "2149-12-01", "2150-12-31"), 0);
    assert!(db.appointments(day("2150-01-06"), None).unwrap().is_empty());
}

#[test]
fn appointments_follow_their_horizon_setting() {
    let (_d, mut db, _) = setup();
    let rid = resident(&mut db);
    let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
    // Unset: 14 days from 2026-11-19, so 2026-12-03 is open and 2026-12-04 is not.
    db.book("wang", day("2026-12-03"), nine, "SB", rid).unwrap();
    let e = db.book("wang", day("2026-12-04"), nine, "SB", rid).unwrap_err();
    assert!(
        matches!(e, QueueError::Booking(BookingError::TooFar { last, days: 14 }) if last == day("2026-12-03")),
        "{e:?}"
    );
    assert!(db.appointments(day("2026-12-04"), None).unwrap().is_empty());
    db.set_setting("root", APPOINTMENT_HORIZON_KEY, "21").unwrap();
    db.book("wang", day("2026-12-04"), nine, "SB", rid).unwrap();
}

#[test]
fn a_horizon_setting_outside_1_to_366_days_is_refused() {
    let (_d, mut db, _) = setup();
    for bad in ["0", "367", "-1", "九十", ""] {
        let e = db.set_setting("root", ROOM_HORIZON_KEY, bad).unwrap_err();
        assert!(matches!(e, StorageError::Constraint(ref w) if w.contains("1–366")), "{bad}: {e:?}");
    }
    assert_eq!(db.setting(ROOM_HORIZON_KEY).unwrap(), None, "nothing written");
    assert_eq!(db.horizons().unwrap().rooms.days(), 90, "the default while unset");
    db.set_setting("root", ROOM_HORIZON_KEY, "120").unwrap();
    assert_eq!(db.horizons().unwrap().rooms.days(), 120);
    // The dashboard's target prompt takes the same range.
    use yichuang::app::audit::Target;
    assert_eq!(Target::parse("rooms 120"), Some(Target::RoomDays(120)));
    assert_eq!(Target::parse("预约 30"), Some(Target::AppointmentDays(30)));
    assert_eq!(Target::parse("调解室 400"), None);
    assert_eq!(Target::parse("appointments 0"), None);
}

#[test]
fn cli_room_book_weeks_60_is_refused_with_the_cap_and_books_nothing() {
    use std::process::Command;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.sqlite3");
    {
        let (mut db, _) = yichuang::setup::open_or_init(&path, &yichuang::setup::os_login().unwrap()).unwrap();
        db.add_operator("root", "zhang", "张敏", yichuang::domain::operator::Role::Mediator, None).unwrap();
        let t = |h| NaiveTime::from_hms_opt(h, 30, 0).unwrap();
        db.add_room("root", "和为贵调解室一", 8, t(8), t(17)).unwrap();
    }
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_yichuang"))
            .arg("--db")
            .arg(&path)
            .args(["--as", "zhang"])
            .args(args)
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .output()
            .unwrap()
    };
    // The binary reads the real clock: a weekday two weeks on, so that 13 weeks pass 90 days.
    let today = chrono::Utc::now().with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).unwrap()).date_naive();
    let mut first = today + chrono::Duration::days(14);
    while chrono::Datelike::weekday(&first).number_from_monday() > 5 {
        first = first.succ_opt().unwrap();
    }
    let (start, end) = (format!("{first}T09:00"), format!("{first}T10:00"));
    let book = |weeks: &str| run(&["room", "book", "1", "--start", &start, "--end", &end, "--weeks", weeks]);
    let o = book("60");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("每周重复最多 13 次，请减少周数"), "{err}");
    assert!(o.stdout.is_empty(), "{}", String::from_utf8_lossy(&o.stdout));
    let o = book("13");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    let last = today + chrono::Duration::days(90);
    assert!(err.contains(&format!("最多可预约到 {last}（90 天内）")), "{err}");
    let db = Db::open(&path).unwrap();
    let all = Viewer { login: "root".into(), supervisor: true, mediator: true };
    assert!(db.bookings(&all, today, today + chrono::Duration::days(500)).unwrap().is_empty(), "nothing booked");
    // A supervisor's horizon outside 1–366 is refused with the range, and nothing changes.
    let o = Command::new(env!("CARGO_BIN_EXE_yichuang"))
        .arg("--db")
        .arg(&path)
        .args(["room", "horizon", "--rooms", "400"])
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_ne!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("--rooms (1-366)") && err.contains("400"), "{err}");
    let o = run(&["room", "horizon"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("调解室可提前 90 天预约；窗口预约可提前 14 天"), "{out}");
    let o = Command::new(env!("CARGO_BIN_EXE_yichuang"))
        .arg("--db")
        .arg(&path)
        .args(["room", "horizon", "--rooms", "120", "--appointments", "21"])
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success() && out.contains("调解室可提前 120 天预约；窗口预约可提前 21 天"), "{out}");
}
