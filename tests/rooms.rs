//! Rooms and mediation on temporary databases: overlap, privacy per role, weekly series,
//! and two processes booking the same slot at once.

use chrono::{DateTime, NaiveDateTime, NaiveTime};
use yichuang::domain::mediation::{
    DisputeType, MediationError, MediationState, MediationStep, Party, PartyRole, Performance, Source,
};
use yichuang::domain::room::RoomError;
use yichuang::storage::{Clock, Db, MediationOpError, RoomOpError, Viewer};

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn v(login: &str, supervisor: bool, mediator: bool) -> Viewer {
    Viewer { login: login.into(), supervisor, mediator }
}

fn setup() -> (tempfile::TempDir, Db, i64, i64) {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, _) =
        yichuang::setup::open_or_init(&dir.path().join("r.sqlite3"), &yichuang::setup::os_login().unwrap()).unwrap();
    db.add_operator("root", "zhang", "张敏", yichuang::domain::operator::Role::Mediator, None).unwrap();
    db.add_operator("root", "liu", "刘洋", yichuang::domain::operator::Role::Mediator, None).unwrap();
    db.set_clock(Clock::Fixed(DateTime::parse_from_rfc3339("2026-11-19T16:00:00+08:00").unwrap()));
    let t = |h| NaiveTime::from_hms_opt(h, 30, 0).unwrap();
    let r1 = db.add_room("root", "和为贵调解室一", 8, t(8), t(17)).unwrap();
    let r2 = db.add_room("root", "和为贵调解室二", 6, t(8), t(17)).unwrap();
    (dir, db, r1, r2)
}

fn parties() -> Vec<Party> {
    vec![
        Party { name: "王建国".into(), role: PartyRole::Applicant, contact: "13812345678".into() },
        Party { name: "李淑珍".into(), role: PartyRole::Respondent, contact: "13987654321".into() },
    ]
}

#[test]
fn overlaps_are_refused_touching_is_fine_and_the_mediator_is_in_one_room() {
    let (_d, mut db, r1, r2) = setup();
    let zhang = v("zhang", false, true);
    let liu = v("liu", false, true);
    db.book_room(&zhang, r1, at("2026-11-20 09:00"), at("2026-11-20 10:00"), None, "邻里纠纷调解").unwrap();
    db.book_room(&liu, r1, at("2026-11-20 10:00"), at("2026-11-20 11:00"), None, "").unwrap();
    let e = db.book_room(&liu, r1, at("2026-11-20 09:30"), at("2026-11-20 10:00"), None, "").unwrap_err();
    assert!(matches!(e, RoomOpError::Rule(RoomError::RoomTaken(ref b)) if b.mediator == "zhang"), "{e:?}");
    let e = db.book_room(&zhang, r2, at("2026-11-20 09:45"), at("2026-11-20 10:15"), None, "").unwrap_err();
    assert!(matches!(e, RoomOpError::Rule(RoomError::MediatorBusy(_))));
    for (s, e, want) in [
        ("2026-11-21 09:00", "2026-11-21 10:00", RoomError::DayOff),
        ("2026-11-19 09:00", "2026-11-19 10:00", RoomError::Past),
        ("2026-11-20 17:00", "2026-11-20 18:00", RoomError::OutsideHours),
        ("2026-11-20 14:00", "2026-11-20 14:15", RoomError::TooShort),
        ("2026-11-20 14:00", "2026-11-20 13:00", RoomError::EndBeforeStart),
    ] {
        assert_eq!(db.book_room(&zhang, r2, at(s), at(e), None, "").unwrap_err(), RoomOpError::Rule(want));
    }
    let clerk = v("wang", false, false);
    assert_eq!(
        db.book_room(&clerk, r2, at("2026-11-20 14:00"), at("2026-11-20 15:00"), None, "").unwrap_err(),
        RoomOpError::NotYours
    );
}

#[test]
fn others_see_occupied_and_the_mediator_never_the_parties() {
    let (_d, mut db, r1, _) = setup();
    let zhang = v("zhang", false, true);
    let c =
        db.open_mediation(&zhang, DisputeType::Neighbours, Source::Application, "楼上漏水纠纷", &parties()).unwrap();
    db.book_room(&zhang, r1, at("2026-11-20 09:00"), at("2026-11-20 10:00"), Some(c.id), "").unwrap();
    let day = at("2026-11-20 00:00").date();
    let mine = db.bookings(&zhang, day, day).unwrap();
    assert_eq!(mine[0].purpose.as_deref(), Some(c.number.as_str()));
    for other in [v("wang", false, false), v("liu", false, true)] {
        let seen = db.bookings(&other, day, day).unwrap();
        assert_eq!((seen[0].purpose.as_deref(), seen[0].case_id, seen[0].mediator_name.as_str()), (None, None, "张敏"));
        let e = db.mediation_case(&other, c.id).unwrap_err();
        assert!(matches!(e, MediationOpError::Rule(yichuang::domain::mediation::MediationError::NotYours)));
    }
    let boss = v("chen", true, true);
    assert_eq!(db.mediation_case(&boss, c.id).unwrap().0.parties.len(), 2);
    assert!(db.mediation_cases(&v("liu", false, true)).unwrap().is_empty());
    // Refused by the rule, not by whatever the database happens to say.
    let not_yours = MediationOpError::Rule(MediationError::NotYours);
    let clerk = v("wang", false, false);
    assert_eq!(db.mediation_cases(&clerk).unwrap_err(), not_yours, "a clerk cannot list mediation cases");
    let opened = db.open_mediation(&clerk, DisputeType::Other, Source::Application, "x", &parties());
    assert_eq!(opened.unwrap_err(), not_yours, "a clerk cannot open one");
    // The audit trail records the case number, never the parties.
    let audit = db.audit_page(None, 50).unwrap();
    assert!(audit.iter().all(|a| !a.summary.contains("王建国")));
}

#[test]
fn a_case_through_to_agreement_and_follow_up() {
    let (_d, mut db, _, _) = setup();
    let zhang = v("zhang", false, true);
    let c = db.open_mediation(&zhang, DisputeType::Family, Source::Police, "赡养费纠纷", &parties()).unwrap();
    assert_eq!(c.number, "和调〔2026〕第1号");
    assert_eq!(
        db.mediation_step(&zhang, c.id, c.version, MediationStep::Agree, "x"),
        Err(MediationOpError::Rule(MediationError::NotAllowed)),
        "not before mediating"
    );
    let c = db.mediation_step(&zhang, c.id, c.version, MediationStep::Start, "").unwrap();
    assert_eq!(
        db.mediation_step(&zhang, c.id, c.version, MediationStep::Agree, " "),
        Err(MediationOpError::Rule(MediationError::TextRequired)),
        "the agreement is written down"
    );
    let c = db.mediation_step(&zhang, c.id, c.version, MediationStep::Agree, "每月支付赡养费800元").unwrap();
    assert_eq!(c.state, MediationState::Agreed);
    assert_eq!(c.performance, Some(Performance::NotYet));
    let due = at("2026-12-19 00:00").date();
    let c = db.mediation_follow_up(&zhang, c.id, c.version, Performance::Done, "已按月支付", Some(due)).unwrap();
    assert_eq!((c.performance, c.follow_up_due), (Some(Performance::Done), Some(due)));
    let (_, events) = db.mediation_case(&zhang, c.id).unwrap();
    assert_eq!(events.iter().map(|e| e.kind.as_str()).collect::<Vec<_>>(), ["intake", "start", "agree", "follow_up"]);
}

#[test]
fn weekly_series_report_each_conflicting_date() {
    let (_d, mut db, r1, _) = setup();
    let zhang = v("zhang", false, true);
    let liu = v("liu", false, true);
    // Liu has the room on the second Friday.
    db.book_room(&liu, r1, at("2026-11-27 09:00"), at("2026-11-27 10:00"), None, "").unwrap();
    let results = db.book_weekly(&zhang, r1, at("2026-11-20 09:00"), at("2026-11-20 10:00"), 3, None, "").unwrap();
    let ok: Vec<bool> = results.iter().map(|(_, r)| r.is_ok()).collect();
    assert_eq!(ok, vec![true, false, true]);
    assert!(matches!(results[1].1, Err(RoomOpError::Rule(RoomError::RoomTaken(_)))));
}

#[test]
fn moving_and_cancelling_are_for_the_booking_mediator() {
    let (_d, mut db, r1, r2) = setup();
    let zhang = v("zhang", false, true);
    let b = db.book_room(&zhang, r1, at("2026-11-20 09:00"), at("2026-11-20 10:00"), None, "").unwrap();
    let liu = v("liu", false, true);
    assert_eq!(
        db.move_booking(&liu, b.id, b.version, r2, at("2026-11-20 11:00"), at("2026-11-20 12:00")).unwrap_err(),
        RoomOpError::NotYours
    );
    let b = db.move_booking(&zhang, b.id, b.version, r2, at("2026-11-20 11:00"), at("2026-11-20 12:00")).unwrap();
    assert_eq!((b.room_id, b.start), (r2, at("2026-11-20 11:00")));
    assert_eq!(db.cancel_booking(&zhang, b.id, b.version, "").unwrap_err(), RoomOpError::ReasonRequired);
    let b = db.cancel_booking(&zhang, b.id, b.version, "当事人改期").unwrap();
    assert_eq!(b.cancelled.as_deref(), Some("当事人改期"));
    // The slot is free again.
    db.book_room(&liu, r2, at("2026-11-20 11:00"), at("2026-11-20 12:00"), None, "").unwrap();
}

#[test]
fn a_move_is_audited_with_the_slot_it_left_and_the_one_it_took() {
    let (_d, mut db, r1, r2) = setup();
    let zhang = v("zhang", false, true);
    let b = db.book_room(&zhang, r1, at("2026-11-20 09:00"), at("2026-11-20 10:00"), None, "").unwrap();
    db.move_booking(&zhang, b.id, b.version, r2, at("2026-11-20 11:00"), at("2026-11-20 12:30")).unwrap();
    let f = yichuang::storage::AuditFilter { action: Some("room.move".into()), ..Default::default() };
    let rows = db.audit_search(&f, None, 5).unwrap();
    assert_eq!(
        rows.iter().map(|r| r.summary.as_str()).collect::<Vec<_>>(),
        ["和为贵调解室一 2026-11-20 09:00–10:00 → 和为贵调解室二 2026-11-20 11:00–12:30"]
    );
}

#[test]
fn two_processes_booking_the_same_slot_at_once_one_wins() {
    use std::process::Command;
    let (dir, db, _, _) = setup();
    let path = dir.path().join("r.sqlite3");
    drop(db);
    // The next working day at 10:00, seen from the real clock the binary uses.
    let cal = yichuang::domain::calendar::Calendar::new(
        yichuang::domain::calendar::CalendarFile::parse("h", yichuang::setup::HOLIDAYS).unwrap().days,
    );
    let today = chrono::Utc::now().with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).unwrap()).date_naive();
    let day = cal.add_working_days(today, 2);
    let start = format!("{day}T10:00");
    let end = format!("{day}T11:00");
    let run = |who: &'static str| {
        let (path, start, end) = (path.clone(), start.clone(), end.clone());
        std::thread::spawn(move || {
            Command::new(env!("CARGO_BIN_EXE_yichuang"))
                .arg("--db")
                .arg(&path)
                .args(["--as", who, "room", "book", "1", "--start", &start, "--end", &end, "--purpose", "调解"])
                .env("XDG_CONFIG_HOME", path.parent().unwrap().join("config"))
                .output()
                .unwrap()
        })
    };
    let (a, b) = (run("zhang"), run("liu"));
    let (a, b) = (a.join().unwrap(), b.join().unwrap());
    let wins = [a.status.success(), b.status.success()];
    assert_eq!(
        wins.iter().filter(|w| **w).count(),
        1,
        "{:?} / {:?}",
        String::from_utf8_lossy(&a.stderr),
        String::from_utf8_lossy(&b.stderr)
    );
    let loser = if wins[0] { &b } else { &a };
    let msg = String::from_utf8_lossy(&loser.stderr);
    assert!(msg.contains("已被占用") && msg.contains("10:00–11:00"), "{msg}");
    assert_eq!(msg.matches("已被占用").count(), 1, "said once: {msg}");
    assert_eq!(loser.status.code(), Some(2));
}

#[test]
fn retiring_a_room_with_a_future_booking_is_refused_with_the_list() {
    use std::process::Command;
    let (dir, mut db, r1, r2) = setup();
    // The binary reads the real clock: the booking is two working days from today.
    let east8 = chrono::FixedOffset::east_opt(8 * 3600).unwrap();
    db.set_clock(Clock::System(east8));
    let cal = yichuang::domain::calendar::Calendar::new(
        yichuang::domain::calendar::CalendarFile::parse("h", yichuang::setup::HOLIDAYS).unwrap().days,
    );
    let day = cal.add_working_days(chrono::Utc::now().with_timezone(&east8).date_naive(), 2);
    let (start, end) = (day.and_hms_opt(9, 0, 0).unwrap(), day.and_hms_opt(10, 30, 0).unwrap());
    let zhang = v("zhang", false, true);
    let b = db.book_room(&zhang, r1, start, end, None, "邻里纠纷调解").unwrap();
    // Checked in the writing transaction: refused, nothing retired, the booking named.
    match db.retire_room("root", r1) {
        Err(RoomOpError::FutureBookings(list)) => assert_eq!(list.iter().map(|b| b.id).collect::<Vec<_>>(), [b.id]),
        other => panic!("{other:?}"),
    }
    assert!(!db.rooms().unwrap().iter().any(|r| r.retired), "nothing retired");
    // From the shell: the list in words, said once; `room list` marks the room once retired.
    let path = dir.path().join("r.sqlite3");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_yichuang"))
            .arg("--db")
            .arg(&path)
            .args(args)
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .output()
            .unwrap()
    };
    let o = run(&["room", "retire", &r1.to_string()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success(), "{err}");
    let line = format!("{day} 09:00–10:30 张敏 邻里纠纷调解");
    assert!(err.contains("还有 1 个未结束的预约") && err.contains(&line), "{err}");
    assert_eq!(err.matches("未结束").count(), 1, "said once: {err}");
    db.move_booking(&zhang, b.id, b.version, r2, b.start, b.end).unwrap();
    db.retire_room("root", r1).unwrap();
    let o = run(&["room", "list", "--date", &day.to_string()]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("和为贵调解室一 (08:30–17:30)（已停用）"), "{out}");
    assert!(!out.contains("和为贵调解室二 (08:30–17:30)（已停用）"), "{out}");
}
