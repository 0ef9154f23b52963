//! The training clock: `--now` (or `YICHUANG_NOW`) runs a demo or generated database from a
//! chosen China time, and is refused on a real one with nothing written.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn yichuang(home: &Path, db: &Path, env_now: Option<&str>, args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_yichuang"));
    c.arg("--db")
        .arg(db)
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env_remove("YICHUANG_DB")
        .env_remove("YICHUANG_NOW");
    if let Some(v) = env_now {
        c.env("YICHUANG_NOW", v);
    }
    c.output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn issued_at(o: &Output) -> String {
    assert_eq!(o.status.code(), Some(0), "{}", stderr(o));
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    j["issued_at"].as_str().unwrap().to_string()
}

/// The database file and its journal, as bytes: equal before and after means nothing written.
fn bytes(db: &Path) -> Vec<Option<Vec<u8>>> {
    ["", "-wal"]
        .iter()
        .map(|s| {
            let mut p = db.as_os_str().to_owned();
            p.push(s);
            std::fs::read(PathBuf::from(p)).ok()
        })
        .collect()
}

#[test]
fn now_runs_a_demo_database_from_the_given_time() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let take = ["--as", "wangfang", "queue", "take", "SB", "--json"];
    // The demo is built around the given hour, and the number taken is stamped with it.
    let mut args = vec!["--demo", "--now", "2026-12-21T09:30"];
    args.extend_from_slice(&take);
    let at = issued_at(&yichuang(dir.path(), &db, None, &args));
    assert!(at.starts_with("2026-12-21T09:3"), "{at}");
    let mut d = yichuang::storage::Db::open(&db).unwrap();
    assert!(d.is_demo().unwrap());
    let noon = chrono::DateTime::parse_from_rfc3339("2026-12-21T12:00:00+08:00").unwrap();
    d.set_clock(yichuang::storage::Clock::Fixed(noon));
    let today = d.queue_view().unwrap().tickets;
    assert!(today.len() > 10, "the demo's morning is on 2026-12-21: {} tickets", today.len());
    drop(d);
    // The same database later on, from the flag and from the environment.
    let mut args = vec!["--now", "2026-12-22T10:00"];
    args.extend_from_slice(&take);
    let at = issued_at(&yichuang(dir.path(), &db, None, &args));
    assert!(at.starts_with("2026-12-22T10:00"), "{at}");
    let at = issued_at(&yichuang(dir.path(), &db, Some("2026-12-23T14:45"), &take));
    assert!(at.starts_with("2026-12-23T14:4"), "{at}");
}

#[test]
fn now_is_refused_on_a_real_database_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("real.sqlite3");
    assert_eq!(yichuang(dir.path(), &db, None, &["init"]).status.code(), Some(0));
    let before = bytes(&db);
    let o = yichuang(dir.path(), &db, None, &["--now", "2026-12-20T09:30", "queue", "take", "SB"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains("不是演示库") && e.contains("倒填") && e.contains("未写入"), "{e}");
    let o = yichuang(dir.path(), &db, Some("2026-12-20T09:30"), &["--lang", "en", "queue", "take", "SB"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains("backdating") && e.contains("only on demo and generated databases"), "{e}");
    assert_eq!(bytes(&db), before, "the real database is untouched");
    // Nor is a database made where there was none.
    let none = dir.path().join("none.sqlite3");
    let o = yichuang(dir.path(), &none, None, &["--now", "2026-12-20T09:30", "init"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!none.exists());
}

#[test]
fn a_bad_now_names_the_format() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    for bad in ["tomorrow", "2026-13-40T09:30"] {
        let o = yichuang(dir.path(), &db, None, &["--demo", "--now", bad, "items"]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        let e = stderr(&o);
        assert!(e.contains(bad) && e.contains("2026-12-20T09:30"), "{e}");
        let o = yichuang(dir.path(), &db, Some(bad), &["--lang", "en", "--demo", "items"]);
        assert!(stderr(&o).contains("YYYY-MM-DDTHH:MM"), "{}", stderr(&o));
    }
    assert!(!db.exists(), "nothing made on a bad value");
}

#[test]
fn staff_cannot_mark_a_real_database_as_a_demo() {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, _) = yichuang::setup::open_or_init(&dir.path().join("real.sqlite3"), "root").unwrap();
    for key in [yichuang::storage::DEMO, "DEMO"] {
        assert!(db.set_setting("root", key, "1").is_err(), "{key}");
    }
    assert!(!db.is_demo().unwrap());
}

#[test]
fn a_plain_demo_opens_at_a_busy_hour_of_a_working_day_whatever_the_real_time() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let o = yichuang(dir.path(), &db, None, &["--demo", "--as", "wangfang", "queue", "take", "SB", "--json"]);
    let at = chrono::NaiveDateTime::parse_from_str(&issued_at(&o), "%Y-%m-%dT%H:%M:%S").unwrap();
    let cal = yichuang::storage::Db::open(&db).unwrap().calendar().unwrap();
    assert!(cal.is_working_day(at.date()), "{at} is not a working day");
    let (from, to) =
        (chrono::NaiveTime::from_hms_opt(10, 30, 0).unwrap(), chrono::NaiveTime::from_hms_opt(16, 31, 0).unwrap());
    assert!((from..to).contains(&at.time()), "{at} is not a busy hour");
}
