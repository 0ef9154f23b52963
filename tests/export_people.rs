//! `export residents|members`: supervisors only, masked unless `--reveal`, audited either way,
//! formulas neutralised, and an exported register goes back in unchanged.

use std::process::Output;
use yichuang::domain::operator::Role;
use yichuang::domain::resident::{Address, Resident, Tag, check_char};
use yichuang::storage::Db;

mod common;

fn id(n: u32) -> String {
    let body = format!("11010519700101{n:03}");
    format!("{body}{}", check_char(&body).unwrap())
}

fn setup() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, _) = yichuang::setup::open_or_init(&dir.path().join("desk.sqlite3"), &common::me()).unwrap();
    db.add_operator(&common::me(), "wangfang", "王芳", Role::Clerk, Some(1)).unwrap();
    for (n, name) in [(1, "张秀英"), (2, "=HYPERLINK(\"x\")")] {
        let r = Resident {
            id: 0,
            name: name.into(),
            id_number: id(n),
            phone: format!("1381234567{n}"),
            address: Address { estate: "幸福里".into(), building: "3".into(), unit: "2".into(), room: "502".into() },
            grid: "一网格".into(),
            tags: vec![Tag::Hardship, Tag::LivingAlone],
        };
        db.register_resident(&common::me(), &r).unwrap();
    }
    (dir, db)
}

fn run(dir: &tempfile::TempDir, args: &[&str]) -> Output {
    common::yichuang(dir.path()).args(args).output().unwrap()
}

fn audit(db: &Db) -> String {
    let rows = db.audit_page(None, 100).unwrap();
    rows.iter().map(|r| format!("{} {}", r.action, r.summary)).collect::<Vec<_>>().join("\n")
}

#[test]
fn an_export_is_masked_unless_revealed_and_audited_either_way() {
    let (dir, db) = setup();
    let o = run(&dir, &["export", "residents", "--format", "csv"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("张秀英,1101**********0011,138****5671,幸福里,3,2,502,一网格,低保、独居"), "{text}");
    assert!(!text.contains(&id(1)));
    let o = run(&dir, &["export", "residents", "--format", "csv", "--reveal"]);
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains(&format!("张秀英,{},13812345671", id(1))), "{text}");
    let trail = audit(&db);
    assert!(trail.contains("resident.export residents csv, 2 rows, masked → -"), "{trail}");
    assert!(trail.contains("resident.export residents csv, 2 rows, revealed → -"), "{trail}");
}

#[test]
fn a_formula_typed_into_a_name_is_neutralised() {
    let (dir, _db) = setup();
    let o = run(&dir, &["export", "residents", "--format", "csv"]);
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{text}");
}

#[test]
fn only_supervisors_export() {
    let (dir, _db) = setup();
    let o = run(&dir, &["--as", "wangfang", "export", "residents", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(yichuang::cli::DENIED));
    assert!(o.stdout.is_empty());
}

#[test]
fn an_exported_register_imports_again_unchanged() {
    let (dir, db) = setup();
    let before = db.residents().unwrap();
    let o = run(&dir, &["export", "residents", "--format", "xlsx", "--reveal", "--out", "all.xlsx"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = run(&dir, &["import", "residents", "all.xlsx", "--dry-run"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("新增 0 人，更新 0 人，无变化 2 人，待主管核对 0 人，拒收 0 行"), "{out}");
    assert_eq!(db.residents().unwrap(), before);
}
