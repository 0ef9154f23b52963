//! The check-in desk at an activity's door: a shared phone tail or a name of two members shows
//! the candidates instead of checking in the first, namesakes are named with their units, a
//! late arrival is marked, a mistaken check-out is undone, and what nobody checked out is
//! closed by the system when the activity ends.

mod common;

use common::desk::{Desk, clock};
use yichuang::app::Msg;
use yichuang::app::notice::{MemberChange, Notice};
use yichuang::domain::member::{CheckinError, MemberDraft};
use yichuang::domain::operator::Role;
use yichuang::domain::resident::check_char;
use yichuang::model::{MemberOpError, UnitTotals};

const NOW: &str = "2026-11-20T08:50:00+08:00";

fn id_number(i: usize) -> String {
    let first17 = format!("32010219800101{:03}", 100 + i);
    format!("{first17}{}", check_char(&first17).unwrap())
}

/// Two 王伟 of different units whose phones end alike, and 李娜; the clean-up 09:00–11:00;
/// the member desk at its door.
fn door() -> (Desk, [i64; 3], i64) {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, _) = yichuang::setup::open_or_init(&dir.path().join("q.sqlite3"), "root").unwrap();
    db.set_clock(clock(NOW));
    let people =
        [("王伟", "13812340077", "区税务局"), ("王伟", "13998760077", "区人民医院"), ("李娜", "13712345678", "市三中")];
    let mut ids = [0; 3];
    for (i, (name, phone, unit)) in people.iter().enumerate() {
        let d = MemberDraft {
            name: name.to_string(),
            id_number: id_number(i),
            phone: phone.to_string(),
            unit: unit.to_string(),
            ..Default::default()
        };
        ids[i] = db.register_member("root", &d.validate("2026-11-01".parse().unwrap()).unwrap()).unwrap().id;
    }
    let a = db.add_activity("root", &common::clean_up(40)).unwrap();
    let mut desk = Desk::with(dir, db, "zhaolei", "赵磊", Role::MemberDesk, None, NOW);
    desk.press("alt-m");
    desk.press("f3");
    desk.press("enter");
    assert_eq!(desk.app.members.desk, Some(a.id));
    (desk, ids, a.id)
}

fn at_time(d: &mut Desk, s: &str) {
    d.db.set_clock(clock(s));
    let now = d.db.clock().now().naive_local();
    let e = yichuang::app::update(&mut d.app, Msg::Tick(now));
    d.run(e);
}

#[test]
fn a_shared_phone_tail_shows_the_candidates_instead_of_checking_in_the_first() {
    let (mut d, ids, activity) = door();
    d.typed("0077");
    assert_eq!(d.app.members.hits.len(), 2);
    d.press("enter");
    assert_eq!(d.last_toast(), Notice::Member(MemberOpError::Rule(CheckinError::Ambiguous(2))));
    assert!(d.db.activity_records(activity).unwrap().is_empty(), "nobody checked in on a guess");
    // The clerk picks the second; Enter checks that one in, named with the unit.
    d.press("down");
    let picked = d.app.members.selected_member().unwrap().member.clone();
    d.press("enter");
    assert_eq!(d.last_toast(), Notice::MemberIn(format!("王伟（{}）", picked.unit)));
    let records = d.db.activity_records(activity).unwrap();
    assert_eq!(records.iter().map(|(s, _)| s.member_id).collect::<Vec<_>>(), [picked.id]);
    // A name of two members alike: asked again, then the highlighted one.
    d.typed("王伟");
    d.press("enter");
    assert_eq!(d.last_toast(), Notice::Member(MemberOpError::Rule(CheckinError::Ambiguous(2))));
    d.press("enter");
    assert_eq!(d.db.activity_records(activity).unwrap().len(), 2);
    // One match is checked in at once.
    d.typed("ln");
    d.press("enter");
    assert_eq!(d.last_toast(), Notice::MemberIn("李娜".into()));
    assert!(ids.iter().all(|id| d.db.activity_records(activity).unwrap().iter().any(|(s, _)| s.member_id == *id)));
}

#[test]
fn a_late_check_in_is_marked_late() {
    let (mut d, _, activity) = door();
    at_time(&mut d, "2026-11-20T09:25:00+08:00");
    d.typed("ln");
    d.press("enter");
    assert_eq!(d.last_toast(), Notice::MemberChanged(MemberChange::Late, "李娜".into()));
    let (s, _) = d.db.activity_records(activity).unwrap().remove(0);
    assert!(s.late);
    assert!(d.app.members.desk_records[0].0.late, "the desk shows it");
}

#[test]
fn a_mistaken_check_out_is_undone() {
    let (mut d, _, activity) = door();
    d.typed("ln");
    d.press("enter");
    at_time(&mut d, "2026-11-20T10:00:00+08:00");
    d.typed("ln");
    d.press("enter");
    assert!(matches!(d.last_toast(), Notice::MemberOut(..)), "{:?}", d.last_toast());
    assert!(d.db.activity_records(activity).unwrap()[0].0.end.is_some());
    // The wrong person: the desk's undo takes the check-out back.
    d.press("ctrl-z");
    assert!(matches!(d.last_toast(), Notice::Undone(_)), "{:?}", d.last_toast());
    let (s, _) = d.db.activity_records(activity).unwrap().remove(0);
    assert_eq!((s.end, s.half_hours), (None, 0), "checked in again");
    let row = d.db.audit_page(None, 1).unwrap().remove(0);
    assert_eq!((row.action.as_str(), row.entity.as_str()), ("undo", "service_record"));
}

#[test]
fn what_nobody_checked_out_is_closed_by_the_system_at_the_end() {
    let (mut d, _, activity) = door();
    d.typed("ln");
    d.press("enter");
    // Nobody presses a key: the clock passes the end.
    at_time(&mut d, "2026-11-20T11:00:30+08:00");
    let (s, _) = d.db.activity_records(activity).unwrap().remove(0);
    assert!(s.auto_closed, "closed at the end");
    let rows = d.db.audit_page(None, 5).unwrap();
    let close = rows.iter().find(|r| r.action == "member.auto_close").expect("audited");
    assert_eq!(close.operator, "system");
}

#[test]
fn unit_averages_are_exact_to_one_decimal() {
    let u = UnitTotals { unit: "区税务局".into(), members: 3, half_hours: 5, half_points: 5, below: 3 };
    assert_eq!(u.average(), "0.8");
    let u = UnitTotals { members: 4, half_hours: 9, ..u };
    assert_eq!(u.average(), "1.1");
    assert_eq!(UnitTotals { members: 0, ..u }.average(), "0.0");
}
