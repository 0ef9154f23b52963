//! Members screens on the demo day: registry with timeline, the check-in desk, the ranking
//! and the new-activity form, at 120×34 and 80×24; every view survives tiny terminals.

mod common;

use common::desk::Desk;
use yichuang::app::Msg;
use yichuang::domain::operator::Role;

const NOW: &str = "2026-11-20T10:20:00+08:00";

fn demo_desk() -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, _) = yichuang::setup::open_or_init(&dir.path().join("d.sqlite3"), "root").unwrap();
    let t = chrono::DateTime::parse_from_rfc3339(NOW).unwrap();
    db.add_operator("root", "zhaolei", "赵磊", Role::MemberDesk, None).unwrap();
    db.add_operator("root", "chenjing", "陈静", Role::Supervisor, None).unwrap();
    yichuang::sample::demo::populate_members(&mut db, t).unwrap();
    let mut d = Desk::with(dir, db, "zhaolei", "赵磊", Role::MemberDesk, None, NOW);
    let e = yichuang::app::update(&mut d.app, Msg::Resize(120, 34));
    d.run(e);
    d.press("alt-m");
    d
}

#[test]
fn registry_desk_ranking_and_form_snapshots() {
    let mut d = demo_desk();
    d.typed("hjg");
    let s = common::screen(&d.app, 120, 34);
    assert!(s.contains("何建国") && s.contains("服务记录") && s.contains("177****"), "{s}");
    insta::assert_snapshot!("members_registry_120x34", s);

    d.press("ctrl-l");
    d.press("f3");
    d.press("enter");
    d.typed("hjg");
    let s = common::screen(&d.app, 120, 34);
    assert!(s.contains("环境整治：小区绿化带清理") && s.contains("本场签到"), "{s}");
    insta::assert_snapshot!("members_desk_120x34", s);
    insta::assert_snapshot!("members_desk_80x24", common::screen(&d.app, 80, 24));

    d.press("f3");
    let s = common::screen(&d.app, 120, 34);
    assert!(s.contains("目标 50 小时") && s.contains("按单位") && s.contains("未达标"), "{s}");
    insta::assert_snapshot!("members_ranking_120x34", s);

    d.press("f3");
    d.press("f3");
    d.press("f5");
    d.press("ctrl-s");
    let s = common::screen(&d.app, 80, 24);
    assert!(s.contains("新建活动") && s.contains("红色的项目有误"), "{s}");
    insta::assert_snapshot!("members_activity_form_80x24", s);
}

#[test]
fn every_members_view_draws_at_any_size_without_panicking() {
    let mut d = demo_desk();
    for _ in 0..4 {
        d.press("f3");
        for (w, h) in [(1, 1), (10, 3), (20, 5), (40, 10), (79, 23), (200, 60)] {
            common::screen(&d.app, w, h);
        }
    }
    d.press("f5");
    for (w, h) in [(1, 1), (20, 5), (40, 10)] {
        common::screen(&d.app, w, h);
    }
}

#[test]
fn random_keys_on_the_members_screens_with_a_real_database_never_panic() {
    const KEYS: &[&str] = &[
        "f3",
        "f5",
        "f9",
        "ctrl-o",
        "ctrl-d",
        "ctrl-f",
        "ctrl-b",
        "ctrl-t",
        "ctrl-r",
        "ctrl-l",
        "ctrl-s",
        "ctrl-u",
        "enter",
        "enter",
        "esc",
        "up",
        "down",
        "pageup",
        "pagedown",
        "home",
        "end",
        "shift-up",
        "shift-down",
        "backspace",
        "tab",
        "h",
        "j",
        "g",
        "w",
        "1",
        "2",
        "9",
        " ",
        ".",
        "-",
        "何",
        "静",
    ];
    let mut d = demo_desk();
    let mut seed = 7u64;
    for _ in 0..600 {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let k = KEYS[((seed >> 33) % KEYS.len() as u64) as usize];
        if k == "tab" && d.app.overlay.is_none() {
            continue; // stay on the Members tab
        }
        if k.chars().count() == 1 {
            d.typed(k);
        } else {
            d.press(k);
        }
        let w = 10 + ((seed >> 40) % 150) as u16;
        let h = 3 + ((seed >> 50) % 50) as u16;
        common::screen(&d.app, w, h);
    }
    assert!(d.db.check().unwrap().is_empty());
}

#[test]
fn the_supervisors_queue_of_hours_awaiting_approval() {
    let d = demo_desk();
    let Desk { dir, mut db, .. } = d;
    let m = db.members(2026).unwrap()[0].member.clone();
    db.manual_hours("zhaolei", m.id, "2026-11-18".parse().unwrap(), 20, 2, "防汛值守通宵，街道证明").unwrap();
    let mut s = Desk::with(dir, db, "chenjing", "陈静", Role::Supervisor, None, NOW);
    let e = yichuang::app::update(&mut s.app, Msg::Resize(120, 34));
    s.run(e);
    s.press("alt-d");
    let screen = common::screen(&s.app, 120, 34);
    assert!(screen.contains("待审批补录 1 条"), "{screen}");
    s.press("h");
    let screen = common::screen(&s.app, 120, 34);
    assert!(screen.contains(&m.name) && screen.contains("10h ×2") && screen.contains("超过审批门槛"), "{screen}");
    insta::assert_snapshot!("members_approvals_120x34", screen);
}
