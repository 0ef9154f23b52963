//! The dashboard's command prompt imports residents as the command line does: a preview first
//! (the report written, nothing changed), the batch only when the same command ends in
//! `confirm`, and `import undo` takes it back.

use common::desk::Desk;
use yichuang::app::notice::Notice;
use yichuang::app::overlay::Overlay;
use yichuang::domain::operator::Role;
use yichuang::domain::resident::check_char;

mod common;

fn id(n: u32) -> String {
    let body = format!("11010519700101{n:03}");
    format!("{body}{}", check_char(&body).unwrap())
}

/// Runs a command at the prompt; the answer opens in a panel to read (its first line the toast).
fn admin(d: &mut Desk, text: &str) -> String {
    d.press("a");
    d.typed(text);
    d.press("enter");
    let head = match d.last_toast() {
        Notice::TargetSet(h) => h,
        other => panic!("{text}: {other:?}"),
    };
    let all = match &d.app.overlay {
        Some(Overlay::Report { lines, .. }) => format!("{head}\n{}", lines.join("\n")),
        _ => head,
    };
    d.press("esc");
    all
}

#[test]
fn a_supervisor_previews_then_confirms_an_import_from_the_dashboard() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = yichuang::setup::open_or_init(&dir.path().join("d.sqlite3"), "root").unwrap();
    let file = dir.path().join("一网格.csv");
    let rows = [
        "姓名,身份证号,联系电话,网格".to_string(),
        format!("张秀英,{},13812345678,一网格", id(1)),
        format!("王伟,{},,一网格", id(2)),
        "李强,1.10105E+17,,一网格".to_string(),
    ];
    std::fs::write(&file, rows.join("\n")).unwrap();
    let mut desk = Desk::with(dir, db, "chenjing", "陈静", Role::Supervisor, None, "2026-12-21T09:00:00+08:00");
    let e = yichuang::app::update(&mut desk.app, yichuang::app::Msg::Resize(120, 36));
    desk.run(e);
    desk.press("alt-d");
    let said = admin(&mut desk, &format!("import residents {}", file.display()));
    assert!(said.contains("预览（未写入）：新增 2 人"), "{said}");
    assert!(said.contains("身份证号被 Excel 当成数字，后三位已丢失") && said.contains("第 4 行 B 列"), "{said}");
    assert!(said.contains("confirm"), "says how to go on: {said}");
    assert!(desk.db.residents().unwrap().is_empty(), "a preview changes nothing");
    assert!(desk.dir.path().join("一网格-导入报告.csv").exists());
    let said = admin(&mut desk, &format!("import residents {} confirm", file.display()));
    assert!(said.contains("导入批次 #1：新增 2 人"), "{said}");
    assert_eq!(desk.db.residents().unwrap().len(), 2);
    let said = admin(&mut desk, "import undo 1");
    assert!(said.contains("删除其新增的 2 人"), "{said}");
    assert!(desk.db.residents().unwrap().is_empty());
}

#[test]
fn a_clerk_cannot_import_from_the_desk() {
    use yichuang::app::Effect;
    use yichuang::app::audit::AdminCmd;
    use yichuang::domain::import::Kind;
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = yichuang::setup::open_or_init(&dir.path().join("d.sqlite3"), "root").unwrap();
    let file = dir.path().join("a.csv");
    std::fs::write(&file, format!("姓名,身份证号\n张秀英,{}\n", id(1))).unwrap();
    let mut d = Desk::with(dir, db, "wangfang", "王芳", Role::Clerk, Some(1), "2026-12-21T09:00:00+08:00");
    let cmd = AdminCmd::Import(Kind::Residents, vec![file.display().to_string()], true);
    yichuang::runtime::worker::handle(&mut d.db, &d.ctx, Effect::Admin(cmd, yichuang::domain::lang::Lang::Zh));
    assert!(d.db.residents().unwrap().is_empty());
}

/// The member desk's roster prompt on the Members screen: the same preview, then the batch.
fn roster(d: &mut Desk, text: &str) -> String {
    d.press("ctrl-g");
    d.typed(text);
    d.press("enter");
    let head = match d.last_toast() {
        Notice::TargetSet(h) => h,
        other => panic!("{text}: {other:?}"),
    };
    d.press("esc");
    head
}

#[test]
fn the_member_desk_imports_a_units_roster_from_the_members_screen_but_no_residents() {
    use yichuang::app::Effect;
    use yichuang::app::audit::AdminCmd;
    use yichuang::domain::import::Kind;
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = yichuang::setup::open_or_init(&dir.path().join("d.sqlite3"), "root").unwrap();
    let file = dir.path().join("区税务局报到名单.csv");
    let rows = [
        "姓名,身份证号,联系电话,工作单位,单位党组织,报到日期".to_string(),
        format!("钱学森,{},13912345678,区税务局,区税务局机关党委,2025.3.1", id(3)),
    ];
    std::fs::write(&file, rows.join("\n")).unwrap();
    let mut desk = Desk::with(dir, db, "zhaolei", "赵磊", Role::MemberDesk, None, "2026-12-21T09:00:00+08:00");
    let e = yichuang::app::update(&mut desk.app, yichuang::app::Msg::Resize(120, 36));
    desk.run(e);
    desk.press("alt-m");
    let year = 2026;
    let said = roster(&mut desk, &file.display().to_string());
    assert!(said.contains("预览（未写入）：新增 1 人"), "{said}");
    assert!(desk.db.members(year).unwrap().is_empty(), "a preview changes nothing");
    let said = roster(&mut desk, &format!("{} 确认", file.display()));
    assert!(said.contains("导入批次 #1：新增 1 人"), "{said}");
    let members = desk.db.members(year).unwrap();
    assert_eq!(members.iter().map(|m| m.member.name.as_str()).collect::<Vec<_>>(), ["钱学森"]);
    // Residents' registers stay with supervisors, whatever reaches the worker.
    let residents = desk.dir.path().join("一网格.csv");
    std::fs::write(&residents, format!("姓名,身份证号\n张秀英,{}\n", id(1))).unwrap();
    let cmd = AdminCmd::Import(Kind::Residents, vec![residents.display().to_string()], true);
    yichuang::runtime::worker::handle(&mut desk.db, &desk.ctx, Effect::Admin(cmd, yichuang::domain::lang::Lang::Zh));
    assert!(desk.db.residents().unwrap().is_empty());
}
