//! A mediator books, moves and cancels on the day grid and keeps a case to agreement; a clerk
//! on the same database sees the room taken and never the parties.

mod common;

use common::desk::Desk;
use yichuang::app::notice::Notice;
use yichuang::domain::mediation::MediationState;
use yichuang::domain::operator::Role;
use yichuang::storage::Db;

const NOW: &str = "2026-11-19T16:00:00+08:00"; // Thursday afternoon

fn mediator_and_clerk() -> (Desk, Desk) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("q.sqlite3");
    let (mut db, _) = yichuang::setup::open_or_init(&path, "root").unwrap();
    let t = |h, m| chrono::NaiveTime::from_hms_opt(h, m, 0).unwrap();
    db.add_room("root", "和为贵调解室一", 8, t(8, 30), t(17, 30)).unwrap();
    db.add_room("root", "和为贵调解室二", 6, t(8, 30), t(17, 30)).unwrap();
    let m = Desk::with(dir, db, "zhangmin", "张敏", Role::Mediator, None, NOW);
    let other = Db::open(&path).unwrap();
    let c = Desk::with(tempfile::tempdir().unwrap(), other, "wangfang", "王芳", Role::Clerk, Some(1), NOW);
    (m, c)
}

#[test]
fn a_mediator_keeps_a_case_and_books_moves_and_cancels_on_the_grid() {
    let (mut m, mut clerk) = mediator_and_clerk();
    // A new case through the form: type, source, parties, summary.
    m.press("alt-j");
    m.press("n");
    m.press("right"); // 邻里纠纷
    m.press("down");
    m.press("down");
    m.typed("赵德福");
    m.press("down");
    m.typed("18651230001");
    m.press("enter");
    let Some(yichuang::app::overlay::Overlay::Form(f)) = &m.app.overlay else { panic!("the form stays open") };
    assert!(!f.problems.is_empty(), "a respondent is required");
    assert_eq!(f.focus, 2, "back to the parties");
    m.press("down");
    m.press("down");
    m.typed("钱海燕");
    m.press("down");
    m.press("down");
    m.typed("楼上漏水影响楼下");
    m.press("enter");
    let case =
        m.app.mediation.selected_case().cloned().unwrap_or_else(|| panic!("case not opened: {:?}", m.app.toasts));
    assert_eq!((case.number.as_str(), case.parties.len()), ("和调〔2026〕第1号", 2));
    m.press("s");
    m.press("a");
    m.press("enter");
    assert!(
        matches!(m.app.overlay, Some(yichuang::app::overlay::Overlay::Prompt(ref p)) if p.invalid),
        "the agreement is written down"
    );
    m.typed("楼上业主负责维修并赔偿2000元");
    m.press("enter");
    assert_eq!(m.app.mediation.selected_case().unwrap().state, MediationState::Agreed);
    assert!(common::screen(&m.app, 120, 34).contains("司法确认申请期限"));
    m.press("v");
    m.typed("1 已维修并赔付");
    m.press("enter");
    assert_eq!(
        m.app.mediation.selected_case().unwrap().performance,
        Some(yichuang::domain::mediation::Performance::Done)
    );

    // The grid: tomorrow (Friday), 09:30 in room one, linked to the case.
    m.press("f11");
    m.press("pagedown");
    for _ in 0..2 {
        m.press("down");
    }
    m.press("n");
    m.press("+");
    m.press("enter");
    m.typed("和调〔2026〕第1号");
    m.press("enter");
    assert!(matches!(m.last_toast(), Notice::RoomChanged(_)), "{:?}", m.last_toast());
    let b = m.app.rooms.bookings.first().cloned().expect("booked");
    assert_eq!(
        (b.start.format("%H:%M").to_string(), b.end.format("%H:%M").to_string()),
        ("09:30".into(), "10:45".into())
    );
    assert_eq!(b.case_id, Some(case.id));

    // The clerk sees the room taken by 张敏, and nothing about the case.
    clerk.press("f11");
    clerk.press("pagedown");
    let seen = clerk.app.rooms.bookings.first().cloned().unwrap();
    assert_eq!((seen.purpose, seen.case_id, seen.mediator_name.as_str()), (None, None, "张敏"));
    let s = common::screen(&clerk.app, 100, 30);
    assert!(s.contains("占用 · 张敏") && !s.contains("和调") && !s.contains("赵德福"), "{s}");
    clerk.press("n");
    assert_eq!(clerk.last_toast(), Notice::Denied, "clerks do not book rooms");

    // Moving onto a taken slot is refused before saving; a free one is saved.
    m.press("right");
    m.press("n");
    m.press("left");
    assert!(common::screen(&m.app, 100, 30).contains("已被占用"), "conflict shown before saving");
    m.press("esc");
    m.press("left");
    m.press("m");
    m.press("down");
    m.press("down");
    m.press("enter");
    let b = m.app.rooms.bookings.first().cloned().unwrap();
    assert_eq!(b.start.format("%H:%M").to_string(), "10:30");
    insta::assert_snapshot!("rooms_grid_booked", common::screen(&m.app, 100, 30));
    m.press("x");
    m.press("enter");
    m.typed("当事人改期");
    m.press("enter");
    assert!(m.app.rooms.bookings.is_empty(), "cancelled bookings leave the grid");
    insta::assert_snapshot!("rooms_grid_after_cancel", common::screen(&m.app, 100, 30));
}

#[test]
fn a_weekly_series_from_the_grid_lists_the_dates_that_conflict() {
    let (mut m, _clerk) = mediator_and_clerk();
    let other = yichuang::storage::Viewer { login: "liu".into(), supervisor: false, mediator: true };
    m.db.add_operator("root", "liu", "刘洋", Role::Mediator, None).unwrap();
    let at = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    m.db.book_room(&other, 1, at("2026-11-27 08:30"), at("2026-11-27 09:30"), None, "").unwrap();
    m.press("f11");
    m.press("pagedown"); // Friday 20th, 08:30
    m.press("n");
    m.press("enter");
    m.typed("家庭纠纷回访 ×3");
    m.press("enter");
    match m.last_toast() {
        Notice::RoomChanged(what) => assert_eq!(what, "✓ 11-20 12-04  ✗ 11-27"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_series_past_the_cap_or_the_horizon_typed_on_the_grid_is_refused_whole() {
    use yichuang::domain::room::RoomError;
    use yichuang::model::RoomOpError;
    let (mut m, _clerk) = mediator_and_clerk();
    m.press("f11");
    m.press("pagedown"); // Friday 20th, 08:30
    m.press("n");
    m.press("enter");
    m.typed("调解 ×60");
    m.press("enter");
    assert_eq!(m.last_toast(), Notice::Room(RoomOpError::Rule(RoomError::TooManyWeeks { max: 13 })));
    assert!(common::screen(&m.app, 100, 30).contains("每周重复最多 13 次，请减少周数"));
    // A count too large for any number type is refused the same way, not booked once.
    m.press("n");
    m.press("enter");
    m.typed("调解 ×99999999999");
    m.press("enter");
    assert_eq!(m.last_toast(), Notice::Room(RoomOpError::Rule(RoomError::TooManyWeeks { max: 13 })));
    // A horizon of 30 days ends on 2026-12-19; six Fridays would reach 2026-12-25.
    m.db.set_setting("root", yichuang::domain::config::ROOM_HORIZON_KEY, "30").unwrap();
    m.press("n");
    m.press("enter");
    m.typed("调解 ×6");
    m.press("enter");
    let last = chrono::NaiveDate::from_ymd_opt(2026, 12, 19).unwrap();
    assert_eq!(m.last_toast(), Notice::Room(RoomOpError::Rule(RoomError::BeyondHorizon { last, days: 30 })));
    assert!(common::screen(&m.app, 100, 30).contains("最多可预约到 2026-12-19（30 天内）"));
    let all = yichuang::storage::Viewer { login: "root".into(), supervisor: true, mediator: true };
    let (from, to) = (chrono::NaiveDate::from_ymd_opt(2026, 11, 19).unwrap(), last + chrono::Duration::days(30));
    assert!(m.db.bookings(&all, from, to).unwrap().is_empty(), "nothing booked, not even once");
}

#[test]
fn cancel_or_move_on_a_free_cell_says_there_is_no_booking_there() {
    use yichuang::model::RoomOpError;
    let (mut m, _clerk) = mediator_and_clerk();
    m.press("f11");
    m.press("pagedown");
    for key in ["x", "m"] {
        m.press(key);
        assert_eq!(m.last_toast(), Notice::Room(RoomOpError::NoBookingHere), "{key}");
        assert!(m.app.overlay.is_none() && m.app.rooms.draft.is_none());
    }
    let s = common::screen(&m.app, 100, 30);
    assert!(s.contains("光标所在时段没有预约") && !s.contains("窗口当前没有号"), "{s}");
}

#[test]
fn another_mediators_case_number_as_a_purpose_is_refused_with_words() {
    use yichuang::domain::mediation::{DisputeType, Party, PartyRole, Source};
    use yichuang::model::RoomOpError;
    let (mut m, _clerk) = mediator_and_clerk();
    m.db.add_operator("root", "liu", "刘洋", Role::Mediator, None).unwrap();
    let liu = yichuang::storage::Viewer { login: "liu".into(), supervisor: false, mediator: true };
    let parties = [
        Party { name: "孙立".into(), role: PartyRole::Applicant, contact: String::new() },
        Party { name: "周梅".into(), role: PartyRole::Respondent, contact: String::new() },
    ];
    let theirs = m.db.open_mediation(&liu, DisputeType::Contract, Source::Application, "借款", &parties).unwrap();
    m.press("f11");
    m.press("pagedown");
    m.press("n");
    m.press("enter");
    m.typed(&theirs.number);
    m.press("enter");
    assert_eq!(m.last_toast(), Notice::Room(RoomOpError::CaseNotYours(theirs.number.clone())));
    assert!(m.app.rooms.bookings.is_empty(), "nothing booked, not even as text");
    assert!(common::screen(&m.app, 100, 30).contains("不是您承办的调解案件，不能关联"));
    // A number no case has is refused the same way.
    m.press("n");
    m.press("enter");
    m.typed("和调〔2026〕第99号");
    m.press("enter");
    assert_eq!(m.last_toast(), Notice::Room(RoomOpError::NoSuchCase("和调〔2026〕第99号".into())));
    assert!(m.app.rooms.bookings.is_empty());
}

#[test]
fn the_week_view_shows_times_full_room_names_and_exact_hours() {
    let (mut m, mut clerk) = mediator_and_clerk();
    let me = yichuang::storage::Viewer { login: "zhangmin".into(), supervisor: false, mediator: true };
    let at = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    m.db.book_room(&me, 1, at("2026-11-20 09:30"), at("2026-11-20 11:00"), None, "家庭纠纷调解").unwrap();
    m.db.book_room(&me, 2, at("2026-11-24 14:00"), at("2026-11-24 15:15"), None, "").unwrap();
    m.press("f11");
    m.press("w");
    let s = common::screen(&m.app, 160, 40);
    assert!(s.contains("和为贵调解室一") && s.contains("和为贵调解室二") && !s.contains("和为贵…"), "{s}");
    assert!(s.contains("1 场 · 1.5 小时  09:30–11:00 张敏 家庭纠纷调解"), "{s}");
    assert!(!s.contains("1h"), "{s}");
    m.press("pagedown");
    let s = common::screen(&m.app, 160, 40);
    assert!(s.contains("1 场 · 1.25 小时  14:00–15:15 张敏"), "{s}");
    // A clerk sees the times and who, never what for.
    clerk.press("f11");
    clerk.press("w");
    let s = common::screen(&clerk.app, 160, 40);
    assert!(s.contains("09:30–11:00 张敏 占用") && !s.contains("家庭纠纷"), "{s}");
}

#[test]
fn go_to_date_asks_for_a_date_and_shows_its_rooms() {
    let (mut m, _clerk) = mediator_and_clerk();
    m.press("f11");
    m.press("g");
    m.typed("2027-02-30");
    m.press("enter");
    assert!(
        matches!(m.app.overlay, Some(yichuang::app::overlay::Overlay::Prompt(ref p)) if p.invalid),
        "no such date: the prompt stays, marked"
    );
    m.press("ctrl-u");
    m.typed("2027-02-03");
    m.press("enter");
    assert!(m.app.overlay.is_none());
    assert_eq!(m.app.rooms.day, chrono::NaiveDate::from_ymd_opt(2027, 2, 3));
    assert!(common::screen(&m.app, 100, 30).contains("2027年2月3日"));
}

#[test]
fn a_bookings_purpose_and_case_link_are_edited() {
    use yichuang::domain::mediation::{DisputeType, Party, PartyRole, Source};
    let (mut m, _clerk) = mediator_and_clerk();
    let me = yichuang::storage::Viewer { login: "zhangmin".into(), supervisor: false, mediator: true };
    let parties = [
        Party { name: "孙立".into(), role: PartyRole::Applicant, contact: String::new() },
        Party { name: "周梅".into(), role: PartyRole::Respondent, contact: String::new() },
    ];
    let case = m.db.open_mediation(&me, DisputeType::Contract, Source::Application, "借款", &parties).unwrap();
    let at = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    m.db.book_room(&me, 1, at("2026-11-20 08:30"), at("2026-11-20 09:30"), None, "调解").unwrap();
    m.press("f11");
    m.press("pagedown");
    m.press("e");
    m.press("ctrl-u");
    m.typed(&case.number);
    m.press("enter");
    let b = m.app.rooms.bookings.first().cloned().unwrap();
    assert_eq!((b.case_id, b.purpose.as_deref()), (Some(case.id), Some(case.number.as_str())));
    let f = yichuang::storage::AuditFilter { action: Some("room.edit".into()), ..Default::default() };
    let rows = m.db.audit_search(&f, None, 5).unwrap();
    assert_eq!(rows.len(), 1);
    assert!(rows[0].summary.contains("调解 → 和调〔2026〕第1号"), "{:?}", rows[0]);
    // Back to a plain purpose: the case is unlinked.
    m.press("e");
    m.press("ctrl-u");
    m.typed("回访");
    m.press("enter");
    let b = m.app.rooms.bookings.first().cloned().unwrap();
    assert_eq!((b.case_id, b.purpose.as_deref()), (None, Some("回访")));
}

#[test]
fn a_weekly_series_is_moved_or_cancelled_from_one_date_on() {
    use yichuang::domain::room::RoomError;
    use yichuang::model::RoomOpError;
    let (mut m, _clerk) = mediator_and_clerk();
    let me = yichuang::storage::Viewer { login: "zhangmin".into(), supervisor: false, mediator: true };
    m.db.add_operator("root", "liu", "刘洋", Role::Mediator, None).unwrap();
    let liu = yichuang::storage::Viewer { login: "liu".into(), supervisor: false, mediator: true };
    let at = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    let booked = m.db.book_weekly(&me, 1, at("2026-11-20 08:30"), at("2026-11-20 09:30"), 4, None, "回访").unwrap();
    assert!(booked.iter().all(|(_, r)| r.is_ok()));
    let all = yichuang::storage::Viewer { login: "root".into(), supervisor: true, mediator: true };
    let (from, to) = (
        chrono::NaiveDate::from_ymd_opt(2026, 11, 19).unwrap(),
        chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
    );
    let starts = |m: &Desk| -> Vec<String> {
        let mut b = m.db.bookings(&all, from, to).unwrap();
        b.retain(|b| b.room_id == 1);
        b.iter().map(|b| b.start.format("%m-%d %H:%M").to_string()).collect()
    };
    m.press("f11");
    m.press("g");
    m.typed("2026-11-27");
    m.press("enter");
    // Taken on 12-04 at 10:30 by another: a move of the series there is refused whole.
    m.db.book_room(&liu, 1, at("2026-12-04 10:30"), at("2026-12-04 11:30"), None, "").unwrap();
    m.press("M");
    for _ in 0..4 {
        m.press("down");
    }
    m.press("enter");
    let d = chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
    match m.last_toast() {
        Notice::Room(RoomOpError::SeriesDate(day, RoomError::RoomTaken(_))) => assert_eq!(day, d),
        other => panic!("{other:?}"),
    }
    assert!(common::screen(&m.app, 120, 30).contains("整个系列都没有改动"));
    assert_eq!(starts(&m)[..4], ["11-20 08:30", "11-27 08:30", "12-04 08:30", "12-04 10:30"]);
    // From 11-27 on, an hour later: 11-20 stays.
    for _ in 0..4 {
        m.press("up"); // back from where the cursor followed the refused move
    }
    m.press("M");
    m.press("down");
    m.press("down");
    m.press("enter");
    assert_eq!(m.last_toast(), Notice::RoomChanged("→ 11-27 12-04 12-11 09:30–10:30".into()));
    assert_eq!(starts(&m), ["11-20 08:30", "11-27 09:30", "12-04 09:30", "12-04 10:30", "12-11 09:30"]);
    // On the first date: the whole series is cancelled, with one reason.
    m.press("g");
    m.typed("2026-11-20");
    m.press("enter");
    m.press("up");
    m.press("up"); // to 08:30
    m.press("X");
    m.typed("当事人撤回申请");
    m.press("enter");
    assert_eq!(starts(&m), ["12-04 10:30"], "only 刘洋's booking is left in room one");
    // A booking of no series: the series keys say so.
    let lone = m.db.book_room(&me, 2, at("2026-11-20 08:30"), at("2026-11-20 09:30"), None, "").unwrap();
    m.press("pagedown");
    m.press("pageup");
    m.press("right");
    m.press("M");
    assert_eq!(m.last_toast(), Notice::Room(RoomOpError::NotASeries));
    assert!(m.app.rooms.draft.is_none());
    assert_eq!(m.app.rooms.bookings.iter().filter(|b| b.id == lone.id).count(), 1);
}
