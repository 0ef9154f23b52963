//! Dates that never mislead: a count into a year whose holiday notice is not imported uses the
//! law's statutory holidays and says so everywhere the date is shown; the dashboard warns; an
//! import reaches a running session.

mod common;

use common::desk::Desk;
use common::{NOTICE_2027, db_with_resident};
use std::time::{Duration, Instant};
use yichuang::app::Msg;
use yichuang::app::overlay::Overlay;
use yichuang::domain::calendar::CalendarFile;
use yichuang::domain::operator::Role;
use yichuang::storage::{CaseFilter, Db};

/// 王芳 at `now`, with YB-015 (长期护理保险待遇申请, 30 working days) taken in as far as the
/// materials, all ticked.
fn intake_of_a_30_day_item(now: &str) -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with_resident(&dir);
    let mut d = Desk::with(dir, db, "wangfang", "王芳", Role::Clerk, Some(1), now);
    d.press("f2");
    d.press("ctrl-l");
    d.typed("YB-015");
    d.press("enter");
    d.press("enter");
    d.typed("张秀英");
    d.press("enter");
    let n = d.app.intake.as_ref().expect("intake open").item.materials.len();
    for i in 0..n {
        d.app.intake.as_mut().unwrap().cursor = i;
        d.press("space");
    }
    d
}

const PROVISIONAL: &str = "2027 年放假安排尚未发布，到期日暂按法定节假日计算，以正式安排为准";

#[test]
fn a_30_day_item_accepted_on_2026_12_20_is_due_2027_02_01_marked_provisional_everywhere() {
    let mut d = intake_of_a_30_day_item("2026-12-20T10:00:00+08:00");
    // The intake preview.
    let preview = common::screen(&d.app, 120, 36);
    assert!(preview.contains("到期日：2027年2月1日（暂定）"), "{preview}");
    assert!(preview.contains(PROVISIONAL), "{preview}");
    insta::assert_snapshot!("provisional_intake_preview", preview);
    // The confirm.
    d.press("enter");
    assert!(matches!(d.app.overlay, Some(Overlay::ConfirmIntake(_))), "{:?}", d.app.overlay);
    let confirm = common::screen(&d.app, 120, 36);
    assert!(confirm.contains("到期日：2027年2月1日（暂定）"), "{confirm}");
    insta::assert_snapshot!("provisional_intake_confirm", confirm);
    d.press("y");
    // Stored: one due date, the law's.
    let case = d.db.cases(&CaseFilter::default(), None, 10).unwrap().remove(0);
    assert_eq!(case.due, Some("2027-02-01".parse().unwrap()), "元旦 is off: not the weekends-only 2027-01-29");
    // The case detail.
    let detail = common::screen(&d.app, 160, 40);
    assert!(detail.contains("到期日：2027年2月1日") && detail.contains("（暂定）"), "{detail}");
    assert!(detail.contains(PROVISIONAL), "{detail}");
    insta::assert_snapshot!("provisional_case_detail", detail);
    // The receipt.
    d.press("f9");
    let dir = d.dir.path().join("receipts");
    let receipt = std::fs::read_dir(&dir).unwrap().next().expect("a receipt").unwrap().path();
    let receipt = std::fs::read_to_string(receipt).unwrap();
    assert!(receipt.contains("预计办结：2027年02月01日（暂定）"), "{receipt}");
    insta::assert_snapshot!("provisional_receipt", receipt);
    // The 2027 notice arrives (in the fixtures/holidays.toml format; a test one with 元旦 joined
    // to Monday 01-04): the stored date moves in the import, the timeline says so, the detail
    // shows one date.
    let path = d.dir.path().join("q.sqlite3");
    let mut boss = Db::open(&path).unwrap();
    let file = CalendarFile::parse("holidays-2027.toml", NOTICE_2027).unwrap();
    let report = boss.import_calendar("root", "holidays-2027.toml", &file, false).unwrap();
    assert_eq!(report.moved.len(), 1, "{report:?}");
    let case = d.db.cases(&CaseFilter::default(), None, 10).unwrap().remove(0);
    assert_eq!(case.due, Some("2027-02-02".parse().unwrap()));
    let effects = yichuang::app::update(&mut d.app, Msg::DataChanged);
    d.run(effects);
    let detail = common::screen(&d.app, 160, 40);
    assert!(detail.contains("到期日由 2027-02-01 调整为 2027-02-02（2027 年放假安排）"), "{detail}");
    let dates: std::collections::BTreeSet<&str> =
        detail.split("到期日：").skip(1).map(|rest| rest.split(['（', ' ', '│']).next().unwrap()).collect();
    assert_eq!(dates.into_iter().collect::<Vec<_>>(), ["2027年2月2日"], "one due date: {detail}");
    assert!(detail.contains("到期日：2027年2月2日") && !detail.contains("暂定"), "{detail}");
}

#[test]
fn a_due_date_inside_imported_years_carries_no_mark() {
    let d = intake_of_a_30_day_item("2026-10-20T10:00:00+08:00");
    let preview = common::screen(&d.app, 120, 36);
    assert!(preview.contains("到期日：2026年12月1日"), "{preview}");
    assert!(!preview.contains("暂定") && !preview.contains("尚未发布"), "{preview}");
}

#[test]
fn new_years_day_2027_is_refused_with_the_clock_at_2026_12_31() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with_resident(&dir);
    let mut d = Desk::with(dir, db, "wangfang", "王芳", Role::Clerk, Some(1), "2026-12-31T10:00:00+08:00");
    d.press("f8");
    d.press("right");
    assert_eq!(d.app.appointments.day, Some("2027-01-01".parse().unwrap()));
    let s = common::screen(&d.app, 120, 30);
    assert!(s.contains("元旦 法定假日"), "the header names the holiday: {s}");
    assert!(!s.contains("可预约"), "no slot is offered: {s}");
    d.press("n");
    let toast = format!("{:?}", d.app.toasts.last().map(|t| &t.notice));
    assert!(toast.contains("NotWorkingDay"), "{toast}");
    // The next working day is offered, flagged provisional.
    d.press("right");
    d.press("right");
    d.press("right");
    assert_eq!(d.app.appointments.day, Some("2027-01-04".parse().unwrap()));
    let s = common::screen(&d.app, 120, 30);
    assert!(s.contains("可预约") && s.contains("2027 年放假安排未发布"), "{s}");
}

#[test]
fn the_dashboard_warns_from_december_with_what_depends_on_the_year() {
    let mut d = intake_of_a_30_day_item("2026-12-01T10:00:00+08:00");
    d.press("enter");
    d.press("y");
    let path = d.dir.path().join("q.sqlite3");
    let dir2 = tempfile::tempdir().unwrap();
    let mut boss = Desk::with(
        dir2,
        Db::open(&path).unwrap(),
        "chenjing",
        "陈静",
        Role::Supervisor,
        None,
        "2026-12-01T10:05:00+08:00",
    );
    boss.press("alt-d");
    let s = common::screen(&boss.app, 160, 40);
    assert!(s.contains("⚠ 2027 年放假安排未导入：1 件在办办件、0 个预约、0 个调解室预约暂按法定节假日计算"), "{s}");
    assert!(s.contains("yichuang import calendar"), "{s}");
    insta::assert_snapshot!("dashboard_calendar_gap", s);
    // In November, with nothing reaching into 2027, there is nothing to say.
    let dir3 = tempfile::tempdir().unwrap();
    let db3 = db_with_resident(&dir3);
    let mut quiet = Desk::with(dir3, db3, "chenjing", "陈静", Role::Supervisor, None, "2026-11-20T10:00:00+08:00");
    quiet.press("alt-d");
    let s = common::screen(&quiet.app, 160, 40);
    assert!(!s.contains("放假安排未导入"), "{s}");
}

#[test]
fn a_running_session_shows_an_imported_holiday_within_a_second() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with_resident(&dir);
    let path = dir.path().join("q.sqlite3");
    let mut d = Desk::with(dir, db, "wangfang", "王芳", Role::Clerk, Some(1), "2026-12-31T10:00:00+08:00");
    d.press("f8");
    for _ in 0..4 {
        d.press("right");
    }
    assert_eq!(d.app.appointments.day, Some("2027-01-04".parse().unwrap()));
    assert!(common::screen(&d.app, 120, 30).contains("可预约"));
    // The session's change watcher, as the runtime starts it.
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    yichuang::runtime::worker::watch(path.clone(), tx, stop.clone(), Duration::from_millis(250));
    std::thread::sleep(Duration::from_millis(300));
    // The supervisor imports the correction from another connection.
    let mut other = Db::open(&path).unwrap();
    let file = CalendarFile::parse("2027.toml", NOTICE_2027).unwrap();
    other.import_calendar("root", "2027.toml", &file, false).unwrap();
    let t0 = Instant::now();
    let msg = loop {
        match rx.try_recv() {
            Ok(m) => break m,
            Err(_) if t0.elapsed() < Duration::from_secs(1) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => panic!("no change seen within a second: {e:?}"),
        }
    };
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    assert!(matches!(msg, Msg::DataChanged));
    let effects = yichuang::app::update(&mut d.app, msg);
    d.run(effects);
    let s = common::screen(&d.app, 120, 30);
    assert!(s.contains("元旦 放假") && !s.contains("可预约"), "{s}");
}

#[test]
fn a_notice_deadline_running_into_next_year_counts_on_the_dashboard() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = db_with_resident(&dir);
    db.set_clock(common::desk::clock("2026-12-28T10:00:00+08:00"));
    let case = common::thirty_day_case(&mut db, yichuang::domain::case::MaterialStatus::Missing);
    assert_eq!(case.notice_deadline, Some("2027-01-05".parse().unwrap()), "five working days, 元旦 off");
    let gaps = db.calendar_gaps("2026-12-28".parse().unwrap()).unwrap();
    assert_eq!(gaps.iter().map(|g| (g.year, g.cases)).collect::<Vec<_>>(), [(2027, 1)]);
}

#[test]
fn a_closed_case_carries_no_provisional_mark() {
    let mut d = intake_of_a_30_day_item("2026-12-20T10:00:00+08:00");
    d.press("enter");
    d.press("y");
    assert!(common::screen(&d.app, 160, 40).contains("（暂定）"));
    d.press("s");
    d.press("c");
    d.press("c");
    let done = d.db.case(1).unwrap().unwrap();
    assert_eq!(done.state, yichuang::domain::case::CaseState::Completed);
    // The list's filter moves on until the closed case is listed and shown.
    let mut s = common::screen(&d.app, 160, 40);
    for _ in 0..6 {
        if s.contains("到期日：2027年2月1日") {
            break;
        }
        d.press("f");
        s = common::screen(&d.app, 160, 40);
    }
    assert!(s.contains("已办结") && s.contains("到期日：2027年2月1日"), "the closed case is shown: {s}");
    assert!(!s.contains("暂定") && !s.contains("尚未发布"), "{s}");
}
