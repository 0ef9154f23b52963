//! The member desk at an activity's door: thirty members check in and out from the keyboard,
//! an unregistered one is registered on the spot, and the quarter's feedback is written.

mod common;

use common::desk::{Desk, clock};
use yichuang::app::Msg;
use yichuang::app::members::View;
use yichuang::app::notice::Notice;
use yichuang::domain::member::{CheckinError, MemberDraft};
use yichuang::domain::operator::Role;
use yichuang::domain::resident::check_char;
use yichuang::storage::MemberOpError;

const NOW: &str = "2026-11-20T08:50:00+08:00"; // Friday, ten minutes before the clean-up

const SURNAMES: [&str; 6] = ["王", "李", "张", "陈", "杨", "黄"];
const GIVEN: [(&str, &str); 5] = [("建国", "jg"), ("秀英", "xy"), ("志强", "zq"), ("海燕", "hy"), ("明", "m")];
const INITIAL: [&str; 6] = ["w", "l", "z", "c", "y", "h"];

fn id_number(i: usize) -> String {
    let first17 = format!("32010219800101{:03}", 100 + i);
    format!("{first17}{}", check_char(&first17).unwrap())
}

/// Thirty members with distinct pinyin initials, and the clean-up of 09:00–11:00 at 2 points an hour.
fn door() -> (Desk, Vec<(String, String)>, i64) {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, _) = yichuang::setup::open_or_init(&dir.path().join("q.sqlite3"), "root").unwrap();
    db.set_clock(clock(NOW));
    let mut people = Vec::new();
    for (s, surname) in SURNAMES.iter().enumerate() {
        for (g, (given, init)) in GIVEN.iter().enumerate() {
            let i = s * GIVEN.len() + g;
            let name = format!("{surname}{given}");
            let d = MemberDraft {
                name: name.clone(),
                id_number: id_number(i),
                phone: format!("1381234{:04}", 1000 + i),
                unit: if i.is_multiple_of(2) { "区税务局" } else { "区人民医院" }.into(),
                ..Default::default()
            };
            db.register_member("root", &d.validate(chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()).unwrap())
                .unwrap();
            people.push((name, format!("{}{init}", INITIAL[s])));
        }
    }
    let a = db.add_activity("root", &common::clean_up(40)).unwrap();
    let desk = Desk::with(dir, db, "zhaolei", "赵磊", Role::MemberDesk, None, NOW);
    (desk, people, a.id)
}

fn at_time(d: &mut Desk, s: &str) {
    d.db.set_clock(clock(s));
    let now = d.db.clock().now().naive_local();
    let e = yichuang::app::update(&mut d.app, Msg::Tick(now));
    d.run(e);
}

#[test]
fn thirty_members_check_in_and_out_with_a_few_keys_each() {
    let (mut d, people, activity) = door();
    d.press("alt-m");
    d.press("f3");
    assert_eq!(d.app.members.view, View::Activities);
    d.press("enter");
    assert_eq!((d.app.members.view, d.app.members.desk), (View::Desk, Some(activity)));

    let mut keys = 0;
    for (name, initials) in &people {
        d.typed(initials);
        d.press("enter");
        keys += initials.chars().count() + 1;
        assert_eq!(d.last_toast(), Notice::MemberIn(name.clone()), "{initials}");
        assert!(d.app.members.query.text().is_empty(), "the field clears for the next person");
    }
    assert_eq!(d.app.members.desk_records.len(), 30);
    // The same person pressing again is told so, and nothing changes.
    d.typed("wjg");
    d.press("enter");
    assert_eq!(d.last_toast(), Notice::Member(MemberOpError::Rule(CheckinError::AlreadyIn)));
    assert_eq!(d.db.activity_records(activity).unwrap().len(), 30);

    // 10:40: out again, by phone tail for a change (1381234 1000+i).
    at_time(&mut d, "2026-11-20T10:40:00+08:00");
    for (i, (name, _)) in people.iter().enumerate() {
        let tail = format!("{:04}", 1000 + i);
        d.typed(&tail);
        d.press("enter");
        keys += 5;
        // 09:00–10:40 counts (arrivals before the start do not): 1.5 h, × 2 points.
        assert_eq!(d.last_toast(), Notice::MemberOut(name.clone(), 3, 6), "{tail}");
    }
    // Sixty check-ins and outs in 264 keystrokes (initials + Enter in, phone tail + Enter out):
    // at five keys a second, 53 seconds of typing.
    assert!(keys <= 264, "{keys} keys");
    let totals = d.db.members(2026).unwrap();
    assert!(totals.iter().all(|t| (t.half_hours, t.half_points) == (3, 6)));
}

#[test]
fn an_unregistered_member_is_registered_at_the_door_and_checked_in() {
    let (mut d, _, _) = door();
    d.press("alt-m");
    d.press("f3");
    d.press("enter");
    d.typed("周卫东");
    d.press("enter");
    assert_eq!(d.last_toast(), Notice::NotRegistered("周卫东".into()));
    let Some(yichuang::app::overlay::Overlay::Form(f)) = &d.app.overlay else { panic!("the form opens") };
    assert_eq!((f.text(0).as_str(), f.focus), ("周卫东", 1));
    // A wrong check digit and a short phone: both named, nothing stored.
    d.typed("320102198001011001");
    d.press("down");
    d.typed("13812");
    d.press("ctrl-s");
    let Some(yichuang::app::overlay::Overlay::Form(f)) = &d.app.overlay else { panic!("the form stays") };
    assert_eq!(f.bad, vec![1, 2, 3]);
    assert_eq!(f.focus, 1);
    assert_eq!(d.db.members(2026).unwrap().len(), 30);
    d.press("ctrl-u");
    d.typed(&id_number(99));
    d.press("down");
    d.press("ctrl-u");
    d.typed("13912345678");
    d.press("down");
    d.typed("市第三中学");
    d.press("ctrl-s");
    assert!(d.app.overlay.is_none());
    assert_eq!(d.db.members(2026).unwrap().len(), 31);
    // The new member is found at once: Enter checks them in.
    d.press("enter");
    assert_eq!(d.last_toast(), Notice::MemberIn("周卫东".into()));
}

#[test]
fn hours_by_hand_declines_and_the_feedback_from_the_keyboard() {
    let (mut d, _, activity) = door();
    d.press("alt-m");
    d.typed("hjg");
    assert_eq!(d.app.members.selected_member().unwrap().member.name, "黄建国");
    // Without a reason the prompt refuses; with one it stores the hours.
    d.press("ctrl-o");
    d.typed("2026-11-18 2.5");
    d.press("enter");
    let Some(yichuang::app::overlay::Overlay::Prompt(p)) = &d.app.overlay else { panic!("prompt stays") };
    assert!(p.invalid);
    d.typed(" 3 夜间巡逻补录");
    d.press("enter");
    assert!(matches!(d.last_toast(), Notice::MemberChanged(..)));
    assert_eq!(d.app.members.selected_member().unwrap().half_hours, 5);
    assert_eq!(d.app.members.selected_member().unwrap().half_points, 15);
    // Decline it: the record stays, marked, and stops counting.
    d.press("ctrl-d");
    d.press("enter");
    assert!(matches!(&d.app.overlay, Some(yichuang::app::overlay::Overlay::Prompt(p)) if p.invalid));
    d.typed("与签到重复");
    d.press("enter");
    assert_eq!(d.app.members.records[0].declined.as_deref(), Some("与签到重复"));
    assert_eq!(d.app.members.selected_member().unwrap().half_hours, 0);

    // Ctrl-F lists those below the target, then those due to report (none: all reported this month).
    d.press("ctrl-l");
    d.press("ctrl-f");
    assert_eq!(d.app.members.hits.len(), 30);
    d.press("ctrl-f");
    assert!(d.app.members.hits.is_empty());
    d.press("ctrl-f");
    assert_eq!(d.app.members.hits.len(), 30);

    // A finished activity refuses check-in with the way out named.
    at_time(&mut d, "2026-11-20T11:30:00+08:00");
    d.press("f3");
    d.press("enter");
    assert_eq!(d.app.members.desk, Some(activity));
    d.typed("wjg");
    d.press("enter");
    assert_eq!(d.last_toast(), Notice::Member(MemberOpError::Rule(CheckinError::Finished)));

    // The ranking writes the quarter's feedback, one file per work unit.
    d.press("f3");
    assert_eq!(d.app.members.view, View::Ranking);
    d.press("f9");
    d.typed("2026Q5");
    d.press("enter");
    assert!(matches!(&d.app.overlay, Some(yichuang::app::overlay::Overlay::Prompt(p)) if p.invalid));
    d.press("ctrl-u");
    d.press("enter");
    let Notice::FeedbackSaved(2, dir) = d.last_toast() else { panic!("{:?}", d.last_toast()) };
    let mut files: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    files.sort();
    assert_eq!(
        files,
        ["2026Q4-区人民医院.txt", "2026Q4-区人民医院.xlsx", "2026Q4-区税务局.txt", "2026Q4-区税务局.xlsx"]
    );
}
