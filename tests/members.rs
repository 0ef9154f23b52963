//! Party members on temporary databases: check-in rules, rounding, auto-close, declines,
//! totals, and two desks checking in the same member at once.

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use yichuang::domain::member::{Activity, CheckinError, HoursProblem, MemberDraft, Post, Source};
use yichuang::storage::{Checked, Clock, Db, MemberOpError};

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

fn setup() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, _) = yichuang::setup::open_or_init(&dir.path().join("m.sqlite3"), "root").unwrap();
    db.set_clock(Clock::Fixed(DateTime::parse_from_rfc3339("2026-11-20T18:00:00+08:00").unwrap()));
    (dir, db)
}

fn member(db: &mut Db, name: &str, id: &str, unit: &str) -> i64 {
    let d = MemberDraft {
        name: name.into(),
        id_number: id.into(),
        phone: "13812345678".into(),
        unit: unit.into(),
        ..Default::default()
    };
    db.register_member("root", &d.validate(day()).unwrap()).unwrap().id
}

fn activity(db: &mut Db, title: &str, s: &str, e: &str, capacity: u32, rate: u32) -> i64 {
    let a = Activity {
        id: 0,
        title: title.into(),
        category: Post::Governance,
        organiser: "社区党委".into(),
        place: "幸福里小区".into(),
        start: at(s),
        end: at(e),
        capacity,
        rate,
        needs: String::new(),
    };
    db.add_activity("root", &a).unwrap().id
}

const WANG: &str = "320124198808240056";
const LI: &str = "11010519491231002X";
const ZHAO: &str = "110108196711301862";

#[test]
fn check_in_is_idempotent_rounds_down_and_refuses_overlaps_and_full_activities() {
    let (_d, mut db) = setup();
    let wang = member(&mut db, "王建国", WANG, "区税务局");
    let li = member(&mut db, "李淑珍", LI, "区人民医院");
    let zhao = member(&mut db, "赵敏", ZHAO, "区人民医院");
    let clean = activity(&mut db, "环境整治", "2026-11-20 09:00", "2026-11-20 11:00", 2, 2);
    let talk = activity(&mut db, "政策宣讲", "2026-11-20 10:00", "2026-11-20 12:00", 30, 1);

    let e = db.member_check_in("root", wang, clean, at("2026-11-20 08:29")).unwrap_err();
    assert_eq!(e, MemberOpError::Rule(CheckinError::NotOpenYet));
    assert_eq!(
        db.member_check_in("root", wang, clean, at("2026-11-20 08:40")).unwrap(),
        Checked::In("王建国".into(), false)
    );
    let again = db.member_check_in("root", wang, clean, at("2026-11-20 08:41")).unwrap_err();
    assert_eq!(again, MemberOpError::Rule(CheckinError::AlreadyIn));
    // In one activity, not in another at the same time.
    let e = db.member_check_in("root", wang, talk, at("2026-11-20 10:00")).unwrap_err();
    assert_eq!(e, MemberOpError::Rule(CheckinError::Overlap("环境整治".into())));
    db.member_check_in("root", li, clean, at("2026-11-20 09:10")).unwrap();
    let e = db.member_check_in("root", zhao, clean, at("2026-11-20 09:15")).unwrap_err();
    assert_eq!(e, MemberOpError::Rule(CheckinError::Full));

    // Arrived early: counted from 9:00. 9:00–10:59 is 1 h 59 min → 1.5 h, × 2 points.
    assert_eq!(
        db.member_check_out("root", wang, clean, at("2026-11-20 10:59")).unwrap(),
        Checked::Out("王建国".into(), 3, 6)
    );
    let e = db.member_check_out("root", wang, clean, at("2026-11-20 11:00")).unwrap_err();
    assert_eq!(e, MemberOpError::Rule(CheckinError::AlreadyOut));
    let e = db.member_check_out("root", zhao, clean, at("2026-11-20 11:00")).unwrap_err();
    assert_eq!(e, MemberOpError::Rule(CheckinError::NotIn));
    // Out of the first, free for the second.
    db.member_check_in("root", wang, talk, at("2026-11-20 11:00")).unwrap();
    let e = db.member_check_in("root", zhao, clean, at("2026-11-20 11:00")).unwrap_err();
    assert_eq!(e, MemberOpError::Rule(CheckinError::Finished));
    // A refusal changed nothing.
    assert_eq!(db.activity_records(clean).unwrap().len(), 2);
}

#[test]
fn forgotten_check_outs_close_at_the_end_flagged_and_declines_keep_the_record() {
    let (_d, mut db) = setup();
    let wang = member(&mut db, "王建国", WANG, "区税务局");
    let clean = activity(&mut db, "环境整治", "2026-11-20 09:00", "2026-11-20 11:00", 30, 2);
    db.member_check_in("root", wang, clean, at("2026-11-20 09:20")).unwrap();
    assert_eq!(db.close_finished("root", at("2026-11-20 10:59")).unwrap(), 0);
    assert_eq!(db.close_finished("root", at("2026-11-20 11:00")).unwrap(), 1);
    let (r, _) = db.activity_records(clean).unwrap().remove(0);
    assert!(r.auto_closed);
    assert_eq!((r.end, r.half_hours), (Some(at("2026-11-20 11:00")), 3));

    let e = db.manual_hours("root", wang, day(), 4, 1, "  ").unwrap_err();
    assert_eq!(e, MemberOpError::Hours(HoursProblem::Reason));
    let m = db.manual_hours("root", wang, day(), 4, 1, "社区夜间巡逻补录").unwrap();
    assert_eq!(m.source, Source::Manual { reason: "社区夜间巡逻补录".into(), operator: "root".into() });
    let e = db.manual_hours("root", wang, NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(), 4, 1, "预登记").unwrap_err();
    assert_eq!(e, MemberOpError::Hours(HoursProblem::Future));
    let totals = db.members(2026).unwrap();
    assert_eq!((totals[0].half_hours, totals[0].half_points), (7, 10));

    assert_eq!(db.decline_record("root", r.id, "").unwrap_err(), MemberOpError::Rule(CheckinError::ReasonRequired));
    db.decline_record("root", r.id, "未实际到岗").unwrap();
    assert_eq!(db.decline_record("root", r.id, "again").unwrap_err(), MemberOpError::AlreadyDeclined);
    let records = db.member_records(wang, 10).unwrap();
    assert_eq!(records.len(), 2, "declined, never deleted");
    assert!(records.iter().any(|s| s.declined.as_deref() == Some("未实际到岗")));
    let totals = db.members(2026).unwrap();
    assert_eq!((totals[0].hours(), totals[0].points()), ("2".to_string(), "2".to_string()));
    assert_eq!(db.members(2025).unwrap()[0].half_hours, 0);
}

#[test]
fn units_are_ranked_and_the_quarter_feedback_holds_only_counted_records() {
    let (_d, mut db) = setup();
    let wang = member(&mut db, "王建国", WANG, "区税务局");
    let li = member(&mut db, "李淑珍", LI, "区人民医院");
    let _zhao = member(&mut db, "赵敏", ZHAO, "区人民医院");
    // Fifty hours over five days of September (24 h a day at most), after both reported then.
    for (id, on) in [(wang, 1), (li, 1)] {
        db.update_member("root", id, NaiveDate::from_ymd_opt(2026, 9, on), None).unwrap();
    }
    for d in 26..=30 {
        db.manual_hours("root", wang, NaiveDate::from_ymd_opt(2026, 9, d).unwrap(), 20, 1, "三季度巡逻").unwrap();
    }
    db.manual_hours("root", li, NaiveDate::from_ymd_opt(2026, 10, 8).unwrap(), 6, 2, "义诊").unwrap();
    let units = db.unit_totals(2026, 50).unwrap();
    assert_eq!(units[0].unit, "区税务局");
    assert_eq!((units[0].half_hours, units[0].below), (100, 0));
    assert_eq!((units[1].members, units[1].half_points, units[1].below), (2, 12, 2));

    let q4 = db.feedback(2026, 4).unwrap();
    assert_eq!(q4.iter().map(|u| u.unit.as_str()).collect::<Vec<_>>(), ["区人民医院", "区税务局"]);
    assert_eq!(q4[0].members.len(), 2);
    assert_eq!(q4[0].members.iter().map(|(_, r)| r.len()).sum::<usize>(), 1);
    assert!(q4[1].members[0].1.is_empty(), "September is the third quarter");
    assert_eq!(db.feedback(2026, 3).unwrap()[1].members[0].1.len(), 5);
}

#[test]
fn an_id_number_registers_once_and_members_can_move_away() {
    let (_d, mut db) = setup();
    let wang = member(&mut db, "王建国", WANG, "区税务局");
    let again = MemberDraft {
        name: "王建国".into(),
        id_number: WANG.into(),
        phone: "13912345678".into(),
        unit: "别的单位".into(),
        ..Default::default()
    };
    let e = db.register_member("root", &again.validate(day()).unwrap()).unwrap_err();
    assert!(matches!(e, MemberOpError::Duplicate(m) if m.id == wang && m.unit == "区税务局"));
    let clean = activity(&mut db, "环境整治", "2026-11-20 09:00", "2026-11-20 11:00", 30, 2);
    db.update_member("root", wang, None, Some(yichuang::domain::member::MemberStatus::MovedAway)).unwrap();
    let e = db.member_check_in("root", wang, clean, at("2026-11-20 09:00")).unwrap_err();
    assert_eq!(e, MemberOpError::Rule(CheckinError::NotActive));
}

#[test]
fn two_desks_checking_in_the_same_member_at_once_make_one_record() {
    let (dir, mut db) = setup();
    let wang = member(&mut db, "王建国", WANG, "区税务局");
    let clean = activity(&mut db, "环境整治", "2026-11-20 09:00", "2026-11-20 11:00", 30, 2);
    let path = dir.path().join("m.sqlite3");
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(4));
    let handles: Vec<_> = (0..4)
        .map(|i| {
            let (path, barrier) = (path.clone(), barrier.clone());
            std::thread::spawn(move || {
                let mut db = Db::open(&path).unwrap();
                barrier.wait();
                db.member_check_in(&format!("desk{i}"), wang, clean, at("2026-11-20 09:05"))
            })
        })
        .collect();
    let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1, "{results:?}");
    assert!(results.iter().filter(|r| r.is_err()).all(|r| r == &Err(MemberOpError::Rule(CheckinError::AlreadyIn))));
    assert_eq!(db.activity_records(clean).unwrap().len(), 1);
}
