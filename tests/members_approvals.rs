//! Hand-entered hours from the keyboard: a refused entry keeps the dialog and its text and
//! names the rule; an entry above the threshold waits on the supervisor's dashboard, where it
//! is approved (asked first, naming the member and the entry) or rejected with a reason.

mod common;

use common::desk::Desk;
use yichuang::app::notice::{MemberChange, Notice};
use yichuang::app::overlay::{Ask, Overlay};
use yichuang::domain::lang::Lang;
use yichuang::domain::member::HoursProblem;
use yichuang::domain::operator::Role;
use yichuang::model::MemberOpError;

const NOW: &str = "2026-11-20T10:00:00+08:00";

/// 王建国 (reported 1 September) on a database; the member desk 赵磊 signed in.
fn member_desk() -> (Desk, i64) {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, _) = yichuang::setup::open_or_init(&dir.path().join("q.sqlite3"), "root").unwrap();
    let id = common::register_wang(&mut db);
    db.add_operator("root", "chenjing", "陈静", Role::Supervisor, None).unwrap();
    let desk = Desk::with(dir, db, "zhaolei", "赵磊", Role::MemberDesk, None, NOW);
    (desk, id)
}

fn toast(d: &Desk) -> String {
    yichuang::i18n::notice(Lang::Zh, &d.last_toast())
}

#[track_caller]
fn prompt_text(d: &Desk) -> String {
    match &d.app.overlay {
        Some(Overlay::Prompt(p)) => p.input.text().to_string(),
        other => panic!("the dialog stays open: {other:?}"),
    }
}

#[test]
fn a_refused_hand_entry_keeps_the_dialog_and_its_text_and_names_the_rule() {
    let (mut d, wang) = member_desk();
    d.press("alt-m");
    d.typed("wjg");
    d.press("ctrl-o");
    let Some(Overlay::Prompt(p)) = &d.app.overlay else { panic!("the hours dialog opens") };
    assert_eq!(p.number, "王建国", "the dialog names the member");
    // A rate out of range is named, not read as the reason.
    d.typed("2026-11-18 2.5 30 夜间巡逻");
    d.press("enter");
    assert!(toast(&d).contains("每小时积分"), "{}", toast(&d));
    assert_eq!(prompt_text(&d), "2026-11-18 2.5 30 夜间巡逻");
    // The dialog itself says which rule (not the old "格式不对").
    assert_eq!(d.app.members.hours_problem, Some(MemberOpError::Hours(HoursProblem::Rate)));
    // Before the report: refused by the database, the dialog keeps the text.
    d.press("ctrl-u");
    d.typed("2026-08-20 2 夜间巡逻");
    d.press("enter");
    assert!(toast(&d).contains("报到"), "{}", toast(&d));
    assert!(matches!(d.app.members.hours_problem, Some(MemberOpError::Hours(HoursProblem::BeforeReport(_)))));
    assert_eq!(prompt_text(&d), "2026-08-20 2 夜间巡逻");
    // 12 + 12 + 2.5 on one day: the third is refused with the day's total.
    d.press("ctrl-u");
    d.typed("2026-11-18 8 防汛值守");
    d.press("enter");
    assert!(d.app.overlay.is_none());
    d.db.manual_hours("chenjing", wang, "2026-11-18".parse().unwrap(), 32, 1, "防汛值守").unwrap();
    d.press("ctrl-o");
    d.typed("2026-11-18 2.5 夜间巡逻");
    d.press("enter");
    assert!(toast(&d).contains("一天最多计 24 小时"), "{}", toast(&d));
    assert_eq!(prompt_text(&d), "2026-11-18 2.5 夜间巡逻");
    assert_eq!(d.db.member_records(wang, 10).unwrap().len(), 2);
}

#[test]
fn hours_above_the_threshold_wait_for_the_supervisor_who_approves_or_rejects() {
    let (mut d, wang) = member_desk();
    d.press("alt-m");
    d.typed("wjg");
    d.press("ctrl-o");
    d.typed("2026-11-17 10 防汛值守通宵");
    d.press("enter");
    assert!(matches!(d.last_toast(), Notice::MemberChanged(MemberChange::Pending, _)), "{:?}", d.last_toast());
    d.press("ctrl-o");
    d.typed("2026-11-16 9 防汛值守");
    d.press("enter");
    assert_eq!(d.db.members(2026).unwrap()[0].half_hours, 0, "nothing counts before approval");

    // The supervisor's session on the same database.
    let dir = tempfile::tempdir().unwrap();
    let db = yichuang::storage::Db::open(&d.dir.path().join("q.sqlite3")).unwrap();
    let mut s = Desk::with(dir, db, "chenjing", "陈静", Role::Supervisor, None, NOW);
    s.press("alt-d");
    assert_eq!(s.app.members.approvals.list.len(), 2, "the dashboard knows what waits");
    s.press("h");
    assert!(s.app.members.approvals.on);
    // Approve asks first, naming the member and the entry; the same key again approves.
    s.press("y");
    let Some(Overlay::Confirm { ask: Ask::Of(what), .. }) = &s.app.overlay else { panic!("{:?}", s.app.overlay) };
    assert!(what.contains("王建国") && what.contains("2026-11-17 10h 防汛值守通宵"), "{what}");
    s.press("y");
    assert!(matches!(s.last_toast(), Notice::MemberChanged(MemberChange::Approved, _)), "{:?}", s.last_toast());
    assert_eq!(s.db.members(2026).unwrap()[0].half_hours, 20);
    // Reject the other with a reason: kept, declined, never counted.
    assert_eq!(s.app.members.approvals.list.len(), 1);
    s.press("d");
    s.typed("无组织者证明");
    s.press("enter");
    assert!(matches!(s.last_toast(), Notice::MemberChanged(MemberChange::Rejected, _)), "{:?}", s.last_toast());
    assert!(s.app.members.approvals.list.is_empty());
    let records = s.db.member_records(wang, 10).unwrap();
    assert_eq!(records.iter().filter(|r| r.declined.as_deref() == Some("无组织者证明")).count(), 1);
    assert_eq!(s.db.members(2026).unwrap()[0].half_hours, 20);
    let audit = s.db.audit_page(None, 10).unwrap();
    assert!(audit.iter().any(|r| r.action == "member.approve_hours" && r.operator == "chenjing"));
    assert!(audit.iter().any(|r| r.action == "member.reject_hours" && r.operator == "chenjing"));
}
