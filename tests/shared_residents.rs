//! The residents' shared file beside the database: a session (and `yichuang find`) starts from
//! it, holds exactly what the database holds, and never believes a damaged or foreign file.

use yichuang::app::residents::ResidentsState;
use yichuang::domain::resident::{Address, Resident};
use yichuang::runtime::residents_file::path_for;
use yichuang::storage::{Clock, Db};

fn person(n: u32, name: &str) -> Resident {
    let id = format!("11010519491231{n:03}");
    let id = format!("{id}{}", yichuang::domain::resident::check_char(&id).unwrap());
    Resident {
        id: 0,
        name: name.into(),
        id_number: id,
        phone: String::new(),
        address: Address { estate: "幸福里".into(), building: "1".into(), unit: "1".into(), room: "101".into() },
        grid: String::new(),
        tags: vec![],
    }
}

fn session(db: &Db) -> ResidentsState {
    yichuang::runtime::session_residents(db).unwrap()
}

fn names(s: &mut ResidentsState, q: &str) -> Vec<String> {
    s.search(q).iter().map(|h| s.name(h).to_string()).collect()
}

fn at(db: &mut Db, t: &str) {
    db.set_clock(Clock::Fixed(chrono::DateTime::parse_from_rfc3339(t).unwrap()));
}

#[test]
fn a_session_from_the_shared_file_holds_what_the_database_holds() {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, _) = yichuang::setup::open_or_init(&dir.path().join("r.sqlite3"), "root").unwrap();
    at(&mut db, "2026-11-02T09:00:00+08:00");
    for (n, name) in [(1, "张秀英"), (2, "王伟"), (3, "李静")] {
        db.register_resident("root", &person(n, name)).unwrap();
    }
    let file = path_for(db.path());
    assert!(!file.exists());
    let mut first = session(&db);
    assert!(file.exists(), "the first session wrote the file");
    assert_eq!(names(&mut first, "wangwei"), ["王伟"]);
    // Later: one renamed, one registered. A session starting from the same file reads both.
    at(&mut db, "2026-11-02T10:00:00+08:00");
    let mut wang = db.resident_by_id_number(&person(2, "").id_number).unwrap().unwrap();
    wang.name = "王卫东".into();
    db.update_resident("root", &wang).unwrap();
    db.register_resident("root", &person(4, "赵敏")).unwrap();
    let written = std::fs::metadata(&file).unwrap().modified().unwrap();
    let mut later = session(&db);
    assert_eq!(std::fs::metadata(&file).unwrap().modified().unwrap(), written, "reused, not rebuilt");
    assert_eq!(later.len(), 4);
    assert_eq!(names(&mut later, "wangweidong"), ["王卫东"]);
    assert!(names(&mut later, "wangwei").iter().all(|n| n != "王伟"), "the old name is gone");
    assert_eq!(names(&mut later, "zhaomin"), ["赵敏"]);
    assert_eq!(later.by_id(wang.id).unwrap(), wang);
}

#[test]
fn a_damaged_or_foreign_file_is_rebuilt_never_believed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.sqlite3");
    let (mut db, _) = yichuang::setup::open_or_init(&path, "root").unwrap();
    at(&mut db, "2026-11-02T09:00:00+08:00");
    db.register_resident("root", &person(1, "张秀英")).unwrap();
    // Built well after the rows were written, so the file reads none of them again.
    at(&mut db, "2026-11-02T11:00:00+08:00");
    session(&db);
    let file = path_for(&path);
    // Cut short: refused and written again.
    let bytes = std::fs::read(&file).unwrap();
    std::fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
    assert_eq!(names(&mut session(&db), "zxy"), ["张秀英"]);
    assert_eq!(std::fs::read(&file).unwrap().len(), bytes.len(), "rebuilt whole");
    // Another database at the same path (a fresh demo, a restored copy) with the same
    // number of residents: the old file's people must not appear.
    let saved = std::fs::read(&file).unwrap();
    drop(db);
    std::fs::remove_file(&path).unwrap();
    let (mut db, _) = yichuang::setup::open_or_init(&path, "root").unwrap();
    at(&mut db, "2026-11-02T09:00:00+08:00");
    db.register_resident("root", &person(1, "李四")).unwrap();
    at(&mut db, "2026-11-02T11:00:00+08:00");
    std::fs::write(&file, &saved).unwrap();
    let mut s = session(&db);
    assert_eq!(names(&mut s, "lisi"), ["李四"]);
    assert!(names(&mut s, "zxy").is_empty(), "nobody from the other database");
}

#[test]
fn after_a_restore_the_file_of_later_data_is_not_believed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.sqlite3");
    let (mut db, _) = yichuang::setup::open_or_init(&path, "root").unwrap();
    at(&mut db, "2026-11-02T09:00:00+08:00");
    db.register_resident("root", &person(1, "张秀英")).unwrap();
    drop(db);
    let backup = dir.path().join("backup.sqlite3");
    std::fs::copy(&path, &backup).unwrap();
    // After the backup: renamed, and the file built from that.
    let mut db = Db::open(&path).unwrap();
    at(&mut db, "2026-11-02T10:00:00+08:00");
    let mut r = db.resident_by_id_number(&person(1, "").id_number).unwrap().unwrap();
    r.name = "张秀兰".into();
    db.update_resident("root", &r).unwrap();
    at(&mut db, "2026-11-02T11:00:00+08:00");
    assert_eq!(names(&mut session(&db), "zhangxiulan"), ["张秀兰"]);
    // The backup put back (same database, older rows): its name, not the file's.
    drop(db);
    std::fs::copy(&backup, &path).unwrap();
    let mut db = Db::open(&path).unwrap();
    at(&mut db, "2026-11-02T11:30:00+08:00");
    let mut s = session(&db);
    assert_eq!(names(&mut s, "zhangxiuying"), ["张秀英"]);
    assert!(
        !names(&mut s, "zhangxiulan").contains(&"张秀兰".to_string()),
        "nobody the restored database does not have"
    );
    assert_eq!(s.len(), 1);
}

#[test]
fn a_centre_generated_before_its_demo_day_opens_stamps_its_people_by_the_real_clock() {
    // Generated at night, the demo's day opens at 10:30, ahead of the real clock. Residents
    // stamped then would read as edited since any residents' file made before 10:30: every
    // session would read them all again (at 300,000 residents, 250 MB each).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.sqlite3");
    let china = chrono::FixedOffset::east_opt(8 * 3600).unwrap();
    let tomorrow = (chrono::Utc::now().with_timezone(&china) + chrono::Duration::days(1)).date_naive();
    let start = tomorrow.and_hms_opt(10, 30, 0).unwrap();
    let scale = yichuang::sample::generate::Scale { residents: 300, members: 30, days: 2, seed: 3 };
    yichuang::sample::generate::generate_at(&path, "admin", scale, Some(start)).unwrap();
    let db = Db::open_existing(&path).unwrap();
    // A file made a minute from now finds none of them written since.
    let in_a_minute = (chrono::Utc::now().with_timezone(&china) + chrono::Duration::minutes(1))
        .format("%Y-%m-%dT%H:%M:%S%:z")
        .to_string();
    assert_eq!(db.residents_behind(i64::MAX, &in_a_minute).unwrap(), 0);
}
