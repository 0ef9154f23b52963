//! Hours entered by hand, as the database enforces them: at most 24 h a member a day (check-ins
//! and hand entries together), never before the member reported, a rate in range, and a
//! supervisor's approval above the threshold or before the previous quarter. Check-ins after
//! the start are marked late; what nobody checked out is closed by the system.

mod common;

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use yichuang::domain::member::{Activity, HoursProblem, parse_manual};
use yichuang::domain::operator::Role;
use yichuang::storage::{Checked, Clock, Db, MemberOpError};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn clock(s: &str) -> Clock {
    Clock::Fixed(DateTime::parse_from_rfc3339(s).unwrap())
}

/// A database on 20 November 2026 with 王建国 (reported 1 September), the member desk 赵磊
/// and the supervisor 陈静.
fn setup() -> (tempfile::TempDir, Db, i64) {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, _) = yichuang::setup::open_or_init(&dir.path().join("m.sqlite3"), "root").unwrap();
    let id = common::register_wang(&mut db);
    db.add_operator("root", "zhaolei", "赵磊", Role::MemberDesk, None).unwrap();
    db.add_operator("root", "chenjing", "陈静", Role::Supervisor, None).unwrap();
    db.set_clock(clock("2026-11-20T18:00:00+08:00"));
    (dir, db, id)
}

fn counted(db: &Db) -> u32 {
    db.members(2026).unwrap()[0].half_hours
}

#[test]
fn twenty_six_and_a_half_hours_on_one_day_are_refused() {
    let (_d, mut db, wang) = setup();
    db.manual_hours("chenjing", wang, d("2026-11-18"), 24, 1, "防汛值守上半天").unwrap();
    // Above the threshold: it waits for approval, and already takes its place in the day.
    assert!(db.manual_hours("zhaolei", wang, d("2026-11-18"), 24, 1, "防汛值守下半天").unwrap().pending);
    let e = db.manual_hours("chenjing", wang, d("2026-11-18"), 5, 1, "夜间巡逻").unwrap_err();
    assert_eq!(e, MemberOpError::Hours(HoursProblem::DayFull(d("2026-11-18"), 48)));
    assert_eq!(db.member_records(wang, 10).unwrap().len(), 2, "nothing of the third entry stored");
    assert_eq!(counted(&db), 24);
    // Another day is free.
    db.manual_hours("zhaolei", wang, d("2026-11-19"), 5, 1, "夜间巡逻").unwrap();
}

#[test]
fn check_ins_and_hand_entries_share_the_day() {
    let (_d, mut db, wang) = setup();
    let a = db.add_activity("root", &common::clean_up(10)).unwrap();
    db.member_check_in("zhaolei", wang, a.id, at("2026-11-20 08:50")).unwrap();
    db.member_check_out("zhaolei", wang, a.id, at("2026-11-20 11:00")).unwrap();
    // Two hours at the activity: 22.5 more would make 24.5.
    let e = db.manual_hours("chenjing", wang, d("2026-11-20"), 45, 1, "补录").unwrap_err();
    assert_eq!(e, MemberOpError::Hours(HoursProblem::DayFull(d("2026-11-20"), 4)));
    db.manual_hours("chenjing", wang, d("2026-11-20"), 44, 1, "补录").unwrap();
}

#[test]
fn hand_entries_before_the_report_or_in_the_future_are_refused() {
    let (_d, mut db, wang) = setup();
    let e = db.manual_hours("chenjing", wang, d("2026-08-31"), 2, 1, "补录").unwrap_err();
    assert_eq!(e, MemberOpError::Hours(HoursProblem::BeforeReport(d("2026-09-01"))));
    let e = db.manual_hours("chenjing", wang, d("2026-11-21"), 2, 1, "预登记").unwrap_err();
    assert_eq!(e, MemberOpError::Hours(HoursProblem::Future));
    // A new report later does not move the first one: September stays open.
    db.update_member("zhaolei", wang, Some(d("2026-11-20")), None).unwrap();
    db.manual_hours("zhaolei", wang, d("2026-09-02"), 2, 1, "补录").unwrap();
}

#[test]
fn a_rate_out_of_range_is_refused_not_read_as_the_reason() {
    assert_eq!(parse_manual("2026-11-18 2.5 30 夜间巡逻"), Err(HoursProblem::Rate));
    assert_eq!(parse_manual("2026-11-18 2.5 -1 夜间巡逻"), Err(HoursProblem::Rate));
    let e = parse_manual("2026-11-18 2.5 3 夜间巡逻").unwrap();
    assert_eq!((e.half, e.rate, e.reason.as_str()), (5, 3, "夜间巡逻"));
    assert_eq!(parse_manual("2026-11-18 2.5 夜间巡逻").unwrap().rate, 1);
    assert_eq!(parse_manual("2026/11/18 2.5 夜间巡逻"), Err(HoursProblem::Date));
    assert_eq!(parse_manual("2026-11-18 2.3 夜间巡逻"), Err(HoursProblem::Hours));
    assert_eq!(parse_manual("2026-11-18 25 夜间巡逻"), Err(HoursProblem::Hours));
    assert_eq!(parse_manual("2026-11-18 2.5 3"), Err(HoursProblem::Reason));
    let (_d, mut db, wang) = setup();
    let e = db.manual_hours("chenjing", wang, d("2026-11-18"), 4, 21, "巡逻").unwrap_err();
    assert_eq!(e, MemberOpError::Hours(HoursProblem::Rate));
}

#[test]
fn an_entry_above_the_threshold_waits_for_a_supervisor_and_counts_only_when_approved() {
    let (_d, mut db, wang) = setup();
    // 8 h is the default threshold: 8 h is stored, 8.5 h waits.
    let ok = db.manual_hours("zhaolei", wang, d("2026-11-16"), 16, 1, "防汛值守").unwrap();
    assert!(!ok.pending);
    let big = db.manual_hours("zhaolei", wang, d("2026-11-17"), 17, 2, "防汛值守通宵").unwrap();
    assert!(big.pending);
    assert_eq!(counted(&db), 16, "pending hours are not counted");
    let q4 = db.feedback(2026, 4).unwrap();
    assert_eq!(q4[0].members[0].1.len(), 1, "nor in the feedback");
    let month = db.report(d("2026-11-01"), d("2026-11-30"), 30).unwrap();
    assert_eq!(month.members[0].hours, 8.0, "nor in the monthly report");
    let pending = db.pending_hours().unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!((pending[0].name.as_str(), pending[0].record.id, pending[0].outside_window), ("王建国", big.id, false));
    // The member desk cannot approve its own entry; a supervisor can.
    assert_eq!(db.decide_hours("zhaolei", big.id, None).unwrap_err(), MemberOpError::SupervisorOnly);
    db.decide_hours("chenjing", big.id, None).unwrap();
    assert_eq!(counted(&db), 33);
    assert!(db.pending_hours().unwrap().is_empty());
    assert_eq!(db.decide_hours("chenjing", big.id, None).unwrap_err(), MemberOpError::NotPending);
    let audit = db.audit_page(None, 5).unwrap();
    assert!(audit.iter().any(|r| r.action == "member.approve_hours" && r.operator == "chenjing"));

    // A lower threshold set as the other member settings are: 2 h now waits.
    db.set_setting("root", yichuang::storage::APPROVAL_KEY, "1").unwrap();
    let waits = db.manual_hours("zhaolei", wang, d("2026-11-18"), 4, 1, "整理档案").unwrap();
    assert!(waits.pending);
    db.decide_hours("chenjing", waits.id, Some("与签到重复")).unwrap();
    let r = db.member_records(wang, 10).unwrap().into_iter().find(|s| s.id == waits.id).unwrap();
    assert_eq!((r.pending, r.declined.as_deref()), (false, Some("与签到重复")));
    assert_eq!(counted(&db), 33);
    assert!(db.audit_page(None, 3).unwrap().iter().any(|r| r.action == "member.reject_hours"));
}

#[test]
fn entries_before_the_previous_quarter_wait_for_a_supervisor() {
    let (_d, mut db, wang) = setup();
    // 20 November: the previous quarter began on 1 July. Everything since September is open.
    db.set_clock(clock("2027-01-10T10:00:00+08:00"));
    let old = db.manual_hours("zhaolei", wang, d("2026-09-30"), 2, 1, "三季度补录").unwrap();
    assert!(old.pending, "Q3 is before the previous quarter (Q4) in January");
    assert!(db.pending_hours().unwrap()[0].outside_window);
    let fine = db.manual_hours("zhaolei", wang, d("2026-10-01"), 2, 1, "四季度补录").unwrap();
    assert!(!fine.pending);
    // A supervisor's own entry needs nobody's approval.
    let own = db.manual_hours("chenjing", wang, d("2026-09-29"), 2, 1, "三季度补录").unwrap();
    assert!(!own.pending);
}

#[test]
fn a_late_check_in_is_marked_and_auto_close_is_the_systems() {
    let (_d, mut db, wang) = setup();
    let a = db.add_activity("root", &common::clean_up(10)).unwrap();
    assert_eq!(
        db.member_check_in("zhaolei", wang, a.id, at("2026-11-20 09:20")).unwrap(),
        Checked::In("王建国".into(), true)
    );
    assert!(db.activity_records(a.id).unwrap()[0].0.late);
    // Nobody checked him out; the desk's next check-in elsewhere finds it closed, by the system.
    let later = db
        .add_activity("root", &Activity { start: at("2026-11-20 14:00"), end: at("2026-11-20 16:00"), ..a.clone() })
        .unwrap();
    assert_eq!(
        db.member_check_in("zhaolei", wang, later.id, at("2026-11-20 13:50")).unwrap(),
        Checked::In("王建国".into(), false)
    );
    let (r, _) = db.activity_records(a.id).unwrap().remove(0);
    assert!(r.auto_closed);
    let rows = db.audit_page(None, 5).unwrap();
    let close = rows.iter().find(|r| r.action == "member.auto_close").expect("audited");
    assert_eq!(close.operator, "system");
    assert!(rows.iter().any(|r| r.action == "member.check_in" && r.operator == "zhaolei"));
}
