//! The member desk acts on the member it shows: after a search narrows the registry, the
//! header, the records pane and every action read the same selection.

mod common;

use common::desk::{Desk, clock};
use yichuang::app::overlay::{Overlay, PromptFor};
use yichuang::domain::member::MemberDraft;
use yichuang::domain::operator::Role;
use yichuang::domain::resident::check_char;

const NOW: &str = "2026-11-20T10:00:00+08:00";

fn id_number(i: usize) -> String {
    let first17 = format!("32010219800101{:03}", 100 + i);
    format!("{first17}{}", check_char(&first17).unwrap())
}

fn d(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

/// 刘伟 and 周志强, registered on 1 November, two records each; the member desk signed in.
fn registry() -> (Desk, i64, i64) {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, _) = yichuang::setup::open_or_init(&dir.path().join("q.sqlite3"), "root").unwrap();
    db.set_clock(clock("2026-11-01T09:00:00+08:00"));
    let mut ids = Vec::new();
    for (i, name) in ["刘伟", "周志强"].iter().enumerate() {
        let m = MemberDraft {
            name: name.to_string(),
            id_number: id_number(i),
            phone: format!("1381234{:04}", 1000 + i),
            unit: "区税务局".into(),
            ..Default::default()
        };
        ids.push(db.register_member("root", &m.validate(d("2026-11-01")).unwrap()).unwrap().id);
    }
    db.set_clock(clock(NOW));
    db.manual_hours("root", ids[0], d("2026-11-10"), 4, 1, "夜间治安巡逻").unwrap();
    db.manual_hours("root", ids[0], d("2026-11-12"), 2, 1, "整理档案").unwrap();
    db.manual_hours("root", ids[1], d("2026-11-11"), 3, 1, "环境整治").unwrap();
    db.manual_hours("root", ids[1], d("2026-11-13"), 5, 1, "夜间治安巡逻").unwrap();
    let desk = Desk::with(dir, db, "zhaolei", "赵磊", Role::MemberDesk, None, NOW);
    (desk, ids[0], ids[1])
}

#[test]
fn the_decline_after_search_declines_the_searched_members_record() {
    let (mut d, liu, zhou) = registry();
    d.press("alt-m");
    // 刘伟 highlighted, his records shown.
    while d.app.members.selected_member().unwrap().member.id != liu {
        d.press("down");
    }
    assert_eq!(d.app.members.timeline().len(), 2);
    assert!(d.app.members.timeline().iter().all(|s| s.member_id == liu));
    // The sequence: zzq, Shift-↓, Ctrl-D, a reason, Enter.
    d.typed("zzq");
    assert_eq!(d.app.members.selected_member().unwrap().member.name, "周志强");
    // The records pane follows the search: 周志强's, never 刘伟's.
    assert!(d.app.members.timeline().iter().all(|s| s.member_id == zhou), "{:?}", d.app.members.timeline());
    assert_eq!(d.app.members.timeline().len(), 2);
    d.press("shift-down");
    d.press("ctrl-d");
    let Some(Overlay::Prompt(p)) = &d.app.overlay else { panic!("the decline dialog opens") };
    assert_eq!(p.purpose, PromptFor::DeclineRecord);
    // The dialog names the member and the record.
    assert!(p.number.starts_with("周志强 · 2026-11-11"), "{}", p.number);
    assert!(p.number.contains("环境整治"), "{}", p.number);
    d.typed("与签到重复");
    d.press("enter");
    let liu_records = d.db.member_records(liu, 10).unwrap();
    assert!(liu_records.iter().all(|s| s.declined.is_none()), "刘伟's records untouched");
    let zhou_records = d.db.member_records(zhou, 10).unwrap();
    let declined: Vec<&str> = zhou_records.iter().filter(|s| s.declined.is_some()).map(|s| s.what.as_str()).collect();
    assert_eq!(declined, ["环境整治"]);
    // The toast names whose record it was.
    let toast = yichuang::i18n::notice(yichuang::domain::lang::Lang::Zh, &d.last_toast());
    assert!(toast.contains("周志强") && toast.contains("环境整治"), "{toast}");
}

#[test]
fn a_record_not_yet_read_for_the_selected_member_is_not_declined() {
    let (mut d, liu, _) = registry();
    d.press("alt-m");
    while d.app.members.selected_member().unwrap().member.id != liu {
        d.press("down");
    }
    // Another member selected whose records have not arrived: nothing to decline.
    let e = yichuang::app::update(
        &mut d.app,
        yichuang::app::Msg::Key(yichuang::keymap::KeyChord::plain(yichuang::keymap::Key::Char('z'))),
    );
    assert_ne!(d.app.members.selected_member().unwrap().member.id, liu);
    assert!(d.app.members.timeline().is_empty());
    let before = d.app.toasts.len();
    let _ = yichuang::app::update(
        &mut d.app,
        yichuang::app::Msg::Key(yichuang::keymap::KeyChord::parse("ctrl-d").unwrap()),
    );
    assert!(d.app.overlay.is_none(), "no decline dialog on another member's record");
    assert!(d.app.toasts.len() > before);
    d.run(e);
}
