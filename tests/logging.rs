//! The log file: a failed request and a slow one leave a line beside the database, with the
//! kind of request and never its data.

mod common;

use common::desk::Desk;
use std::time::Duration;
use yichuang::app::{Effect, Msg};
use yichuang::domain::lang::Lang;
use yichuang::domain::operator::Role;

#[test]
fn a_failed_and_a_slow_request_are_logged_beside_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("l.sqlite3");
    let (db, _) = yichuang::setup::open_or_init(&db_path, "root").unwrap();
    let logs = yichuang::runtime::log::init(&db_path).expect("a folder for the log");
    assert_eq!(logs, dir.path().join("logs"));
    let mut d = Desk::with(dir, db, "boss", "周主任", Role::Supervisor, None, "2026-11-20T10:20:00+08:00");
    // The receipts folder is a file: the report cannot be written.
    let blocked = d.dir.path().join("receipts");
    std::fs::write(&blocked, "not a folder").unwrap();
    d.ctx.receipts_dir = blocked;
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let msgs = yichuang::runtime::worker::handle(&mut d.db, &d.ctx, Effect::WriteReport(false, day, Lang::Zh));
    assert!(matches!(msgs.as_slice(), [Msg::ReceiptFailed(_)]), "{msgs:?}");
    yichuang::runtime::log::slow("LoadCases", Duration::from_millis(321));

    let file = yichuang::runtime::log::today_file().unwrap();
    assert!(file.starts_with(&logs), "{}", file.display());
    let text = std::fs::read_to_string(&file).unwrap();
    let failed = text.lines().find(|l| l.contains("file not written")).unwrap_or_else(|| panic!("{text}"));
    assert!(failed.contains("ERROR") && failed.contains("report") && failed.contains("receipts"), "{failed}");
    let slow = text.lines().find(|l| l.contains("slow operation")).unwrap_or_else(|| panic!("{text}"));
    assert!(slow.contains("LoadCases") && slow.contains("ms=321"), "{slow}");
}
