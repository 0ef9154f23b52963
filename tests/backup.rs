//! `yichuang backup`: a copy taken while another process keeps issuing numbers checks clean;
//! the live file, an existing file, a clerk and an unwritable folder are refused.

use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Runs the program as `user`: "boss" is the login running the tests (the first to run,
/// hence the database's admin); anyone else is acted as with `--as`.
fn run(db: &Path, user: &str, args: &[&str]) -> Output {
    let as_user: &[&str] = if user == "boss" { &[] } else { &["--as", user] };
    Command::new(env!("CARGO_BIN_EXE_yichuang")).arg("--db").arg(db).args(as_user).args(args).output().unwrap()
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

#[test]
fn a_backup_taken_while_numbers_are_issued_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("live.sqlite3");
    assert!(run(&db, "boss", &["init"]).status.success());
    assert!(run(&db, "boss", &["operator", "add", "chen", "--name", "陈静", "--role", "supervisor"]).status.success());
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (db, stop) = (db.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut conn = yichuang::storage::Db::open(&db).unwrap();
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                conn.take_ticket("boss", "SB", None, None).unwrap();
                n += 1;
            }
            n
        })
    };
    std::thread::sleep(std::time::Duration::from_millis(200));
    let copy = dir.path().join("backup-1.sqlite3");
    let o = run(&db, "chen", &["backup", copy.to_str().unwrap()]);
    stop.store(true, Ordering::Relaxed);
    let issued = writer.join().unwrap();
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("检查完好"), "{}", text(&o));
    let o = run(&copy, "boss", &["check"]);
    assert!(o.status.success(), "{}", text(&o));
    // A snapshot: some of the numbers, never more than were issued, and the copy is usable.
    let copied = yichuang::storage::Db::open_existing(&copy).unwrap().queue_view().unwrap();
    let n: usize = copied.lines.iter().map(|c| c.waiting).sum();
    assert!(n > 0 && n <= issued, "{n} of {issued}");
    assert!(!dir.path().join("backup-1.partial").exists());
}

#[test]
fn the_live_file_an_existing_file_a_clerk_and_an_unwritable_folder_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("live.sqlite3");
    assert!(run(&db, "boss", &["init"]).status.success());
    let o = run(&db, "boss", &["backup", db.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("正在使用的数据库"), "{}", text(&o));
    let wal = format!("{}-wal", db.display());
    assert_eq!(run(&db, "boss", &["backup", &wal]).status.code(), Some(2));
    let existing = dir.path().join("old.sqlite3");
    std::fs::write(&existing, b"keep me").unwrap();
    let o = run(&db, "boss", &["backup", existing.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert_eq!(std::fs::read(&existing).unwrap(), b"keep me");
    assert!(run(&db, "boss", &["operator", "add", "wang", "--name", "王芳", "--role", "clerk"]).status.success());
    let o = run(&db, "wang", &["backup", dir.path().join("b.sqlite3").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(yichuang::cli::DENIED), "{}", text(&o));
    assert!(!dir.path().join("b.sqlite3").exists());
    let o = run(&db, "boss", &["backup", "/nonexistent-dir/b.sqlite3"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("/nonexistent-dir/b.sqlite3"), "{}", text(&o));
}

/// A copy of the whole database is personal data leaving the desk: the audit trail says who
/// took it, how many rows of residents, members, cases and parties it holds, and where to. A
/// refused backup leaves no row.
#[test]
fn a_backup_leaves_an_audit_row_naming_who_how_many_rows_and_where() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("live.sqlite3");
    assert!(run(&db, "boss", &["init"]).status.success());
    assert!(run(&db, "boss", &["operator", "add", "chen", "--name", "陈静", "--role", "supervisor"]).status.success());
    {
        let mut live = yichuang::storage::Db::open(&db).unwrap();
        let r = yichuang::domain::resident::ResidentDraft {
            name: "张秀英".into(),
            id_number: "320124194511230043".into(),
            ..Default::default()
        };
        live.register_resident("boss", &r.validate(chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()).unwrap())
            .unwrap();
    }
    let copy = dir.path().join("copy.sqlite3");
    let o = run(&db, "chen", &["backup", copy.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
    let refused = run(&db, "chen", &["backup", copy.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2), "the copy exists: {}", text(&refused));
    let live = yichuang::storage::Db::open_existing(&db).unwrap();
    let f = yichuang::storage::AuditFilter { action: Some("database.backup".into()), ..Default::default() };
    let rows = live.audit_search(&f, None, 10).unwrap();
    assert_eq!(rows.len(), 1, "one backup made, one refused: {rows:?}");
    let row = &rows[0];
    assert_eq!(row.operator, "chen");
    let copied = yichuang::storage::Db::open_existing(&copy).unwrap().personal_rows().unwrap();
    assert_eq!(copied, 1, "the one resident");
    assert!(row.summary.contains(&format!("{copied} rows")), "{row:?}");
    assert!(row.summary.contains(copy.to_str().unwrap()), "{row:?}");
}
