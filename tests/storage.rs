//! Storage on temporary files: migrations, refusals, audit triggers, imports, two sessions.

mod common;

use std::time::Duration;
use yichuang::domain::catalog::Catalog;
use yichuang::domain::operator::Role;
use yichuang::storage::{Db, OperatorChange, StorageError, schema};

fn fresh() -> (tempfile::TempDir, std::path::PathBuf, Db) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.sqlite3");
    let db = Db::open(&path).unwrap();
    (dir, path, db)
}

fn audit_count(db: &Db) -> usize {
    db.audit_page(None, 10_000).unwrap().len()
}

#[test]
fn migrations_are_recorded_in_user_version() {
    let (_d, path, db) = fresh();
    assert_eq!(db.schema_version().unwrap(), schema::latest());
    drop(db);
    // Opening again migrates nothing and keeps the version.
    assert_eq!(Db::open(&path).unwrap().schema_version().unwrap(), schema::latest());
}

#[test]
fn a_database_of_every_earlier_version_migrates_to_the_latest_and_checks_clean() {
    // A file left at version n by an older binary (with data in it) must come up to date.
    for n in 1..schema::latest() as usize {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite3");
        let raw = rusqlite::Connection::open(&path).unwrap();
        for (i, sql) in schema::MIGRATIONS.iter().take(n).enumerate() {
            raw.execute_batch(sql).unwrap();
            raw.pragma_update(None, "user_version", (i + 1) as u32).unwrap();
        }
        drop(raw);
        let (db, _) = yichuang::setup::open_or_init(&path, "root").unwrap();
        assert_eq!(db.schema_version().unwrap(), schema::latest(), "from {n}");
        assert!(db.check().unwrap().is_empty(), "from {n}: {:?}", db.check());
    }
}

#[test]
fn a_newer_database_is_refused_and_left_alone() {
    let (_d, path, db) = fresh();
    drop(db);
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.pragma_update(None, "user_version", 99).unwrap();
    drop(raw);
    match Db::open(&path) {
        Err(StorageError::NewerSchema { found: 99, supported }) => assert_eq!(supported, schema::latest()),
        other => panic!("expected NewerSchema, got {other:?}"),
    }
    let raw = rusqlite::Connection::open(&path).unwrap();
    assert_eq!(raw.query_row("PRAGMA user_version", [], |r| r.get::<_, u32>(0)).unwrap(), 99);
}

#[test]
fn audit_log_is_append_only() {
    let (_d, path, mut db) = fresh();
    db.add_operator("root", "li", "李", Role::Clerk, Some(1)).unwrap();
    assert_eq!(audit_count(&db), 1);
    let row = &db.audit_page(None, 1).unwrap()[0];
    assert_eq!((row.operator.as_str(), row.action.as_str(), row.entity_id.as_str()), ("root", "operator.add", "li"));
    let raw = rusqlite::Connection::open(&path).unwrap();
    let upd = raw.execute("UPDATE audit_log SET summary = 'x'", []).unwrap_err();
    assert!(upd.to_string().contains("append-only"), "{upd}");
    let del = raw.execute("DELETE FROM audit_log", []).unwrap_err();
    assert!(del.to_string().contains("append-only"), "{del}");
    assert_eq!(audit_count(&db), 1);
}

#[test]
fn catalog_import_is_idempotent_and_audited_once() {
    let (_d, _p, mut db) = fresh();
    let c = common::catalog();
    let first = db.import_catalog("root", "items.toml", &c).unwrap();
    assert_eq!((first.added, first.changed, first.unchanged), (123, 0, 0));
    assert_eq!(audit_count(&db), 1);
    let again = db.import_catalog("root", "items.toml", &c).unwrap();
    assert_eq!((again.added, again.changed, again.unchanged), (0, 0, 123));
    assert_eq!(audit_count(&db), 1, "an import that changes nothing writes nothing");
    let loaded = db.service_items().unwrap();
    assert_eq!(loaded.len(), 123);
    assert_eq!(loaded, c.items, "items round-trip through SQLite unchanged");
    let mut edited = c.clone();
    edited.items[0].fee = "工本费 10 元".into();
    let third = db.import_catalog("root", "items.toml", &edited).unwrap();
    assert_eq!((third.added, third.changed, third.unchanged), (0, 1, 122));
    assert_eq!(db.service_items().unwrap()[0].fee, "工本费 10 元");
}

#[test]
fn calendar_import_replaces_its_years_only() {
    let (_d, _p, mut db) = fresh();
    let cal = common::calendar();
    let c = db.import_calendar("root", "h.toml", &cal).unwrap();
    assert_eq!(c.added, 28 + 8 + 28 + 5 + 33 + 6);
    let again = db.import_calendar("root", "h.toml", &cal).unwrap();
    assert_eq!(again.added + again.changed, 0);
    let next = yichuang::domain::calendar::CalendarFile::parse(
        "2027.toml",
        "[[years]]\nyear = 2027\n[[years.holidays]]\nname = \"元旦\"\noff = [2027-01-01]\nwork = []\n",
    )
    .unwrap();
    db.import_calendar("root", "2027.toml", &next).unwrap();
    assert_eq!(db.calendar_days().unwrap().len(), 108 + 1);
}

#[test]
fn two_connections_see_each_others_writes_through_data_version() {
    let (_d, path, mut a) = fresh();
    let b = Db::open_existing(&path).unwrap();
    let before = b.data_version().unwrap();
    assert_eq!(b.data_version().unwrap(), before, "no change, no new version");
    a.add_operator("root", "li", "李", Role::Clerk, None).unwrap();
    assert_ne!(b.data_version().unwrap(), before);
    assert!(b.operator("li").unwrap().is_some());
}

#[test]
fn a_locked_database_is_reported_not_waited_on_forever() {
    let (_d, path, _db) = fresh();
    let holder = rusqlite::Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let mut b = Db::open_with(&path, Duration::from_millis(50)).unwrap();
    let e = b.add_operator("root", "li", "李", Role::Clerk, None).unwrap_err();
    assert_eq!(e, StorageError::Locked);
    holder.execute_batch("ROLLBACK").unwrap();
    assert_eq!(b.add_operator("root", "li", "李", Role::Clerk, None).unwrap(), OperatorChange::Done);
}

#[test]
fn missing_and_read_only_places_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope").join("t.sqlite3");
    assert!(matches!(Db::open(&missing), Err(StorageError::MissingDir(_))));
    let not_db = dir.path().join("junk.sqlite3");
    std::fs::write(&not_db, "this is not a database, just text that is long enough to have a header").unwrap();
    assert!(matches!(Db::open(&not_db), Err(StorageError::NotADatabase(_))), "{:?}", Db::open(&not_db));
}

#[test]
#[cfg(unix)]
fn a_read_only_database_file_is_refused_before_any_write() {
    use std::os::unix::fs::PermissionsExt;
    let (_d, path, db) = fresh();
    drop(db);
    // Checkpoint so the read-only file is complete without its WAL.
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;").unwrap();
    drop(raw);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let probe = std::fs::OpenOptions::new().write(true).open(&path);
    if probe.is_ok() {
        return; // running as root: permissions do not bind, nothing to test
    }
    assert!(matches!(Db::open(&path), Err(StorageError::ReadOnly(_))), "{:?}", Db::open(&path).err());
}

#[test]
fn operators_retire_but_never_the_last_admin() {
    let (_d, _p, mut db) = fresh();
    db.add_operator("root", "root", "root", Role::Admin, None).unwrap();
    assert_eq!(db.add_operator("root", "root", "x", Role::Clerk, None).unwrap(), OperatorChange::Exists);
    assert_eq!(db.retire_operator("root", "root").unwrap(), OperatorChange::LastAdmin);
    db.add_operator("root", "li", "李", Role::Clerk, None).unwrap();
    assert_eq!(db.retire_operator("root", "li").unwrap(), OperatorChange::Done);
    assert_eq!(db.retire_operator("root", "li").unwrap(), OperatorChange::AlreadyRetired);
    assert_eq!(db.retire_operator("root", "nobody").unwrap(), OperatorChange::NotFound);
    assert!(db.operator("li").unwrap().unwrap().retired);
}

#[test]
fn check_finds_a_sound_database_sound() {
    let (_d, _p, mut db) = fresh();
    let c: Catalog = common::catalog();
    db.import_catalog("root", "x", &c).unwrap();
    assert_eq!(db.check().unwrap(), Vec::<String>::new());
}
