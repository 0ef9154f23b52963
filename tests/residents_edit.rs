//! Editing a resident in storage: the record read back is the one written, each change is in
//! the audit trail masked, and the rules hold in the write transaction whoever asks.

use yichuang::domain::operator::Role;
use yichuang::domain::resident::{Address, Resident, ResidentDraft, Tag};
use yichuang::model::ResidentEditError;
use yichuang::storage::{Db, Registered};

fn db() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, _) = yichuang::setup::open_or_init(&dir.path().join("r.sqlite3"), "root").unwrap();
    db.add_operator("root", "wangfang", "王芳", Role::Clerk, Some(1)).unwrap();
    db.add_operator("root", "chenjing", "陈静", Role::Supervisor, None).unwrap();
    (dir, db)
}

fn register(db: &mut Db, name: &str, id: &str, phone: &str) -> Resident {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let r = ResidentDraft { name: name.into(), id_number: id.into(), phone: phone.into(), ..Default::default() }
        .validate(today)
        .unwrap();
    match db.register_resident("wangfang", &r).unwrap() {
        Registered::New(r) => r,
        Registered::Existing(r) => panic!("{r:?} already there"),
    }
}

fn edits(db: &Db) -> Vec<String> {
    db.audit_page(None, 50).unwrap().into_iter().filter(|r| r.action == "resident.edit").map(|r| r.summary).collect()
}

#[test]
fn an_edited_resident_reads_back_as_written_and_is_audited_once() {
    let (_d, mut db) = db();
    let r = register(&mut db, "陈芳", "320124194511230043", "13912344567");
    let edited = Resident {
        phone: "18655550123".into(),
        address: Address { estate: "梧桐苑".into(), building: "3".into(), unit: "1".into(), room: "302".into() },
        grid: "第2网格".into(),
        tags: vec![Tag::Elderly, Tag::LivingAlone],
        ..r.clone()
    };
    let saved = db.update_resident("wangfang", &edited).unwrap();
    assert_eq!(saved, edited);
    assert_eq!(db.resident(r.id).unwrap().unwrap(), edited);
    // Another connection to the same file reads the same.
    let again = Db::open(&db_path(&db)).unwrap();
    assert_eq!(again.resident(r.id).unwrap().unwrap(), edited);
    let trail = edits(&db);
    assert_eq!(trail.len(), 1, "{trail:?}");
    let s = &trail[0];
    for part in ["phone 139****4567 → 186****0123", "estate - → 梧桐苑", "grid - → 第2网格", "tags - → elderly"]
    {
        assert!(s.contains(part), "{part} in {s}");
    }
    assert!(!s.contains("13912344567") && !s.contains("18655550123"), "{s}");
    // Saving the same again changes nothing and writes nothing.
    db.update_resident("wangfang", &edited).unwrap();
    assert_eq!(edits(&db).len(), 1);
}

fn db_path(db: &Db) -> std::path::PathBuf {
    db.path().to_path_buf()
}

#[test]
fn a_name_or_id_change_needs_a_supervisor_and_a_free_id_number() {
    let (_d, mut db) = db();
    let a = register(&mut db, "陈芳", "320124194511230043", "13912344567");
    let b = register(&mut db, "陈芳", "11010519491231002X", "");
    let renamed = Resident { name: "陈小芳".into(), ..a.clone() };
    assert_eq!(db.update_resident("wangfang", &renamed), Err(ResidentEditError::OnlySupervisor));
    assert_eq!(db.update_resident("nobody", &renamed), Err(ResidentEditError::OnlySupervisor));
    assert_eq!(db.update_resident("chenjing", &renamed).unwrap().name, "陈小芳");
    let taken = Resident { id_number: b.id_number.clone(), ..renamed.clone() };
    assert_eq!(db.update_resident("chenjing", &taken), Err(ResidentEditError::DuplicateId("陈芳".into())));
    assert_eq!(db.resident(a.id).unwrap().unwrap().id_number, a.id_number, "nothing written");
    let missing = Resident { id: 999, ..a };
    assert_eq!(db.update_resident("chenjing", &missing), Err(ResidentEditError::NotFound));
    let trail = edits(&db);
    assert_eq!(trail.len(), 1, "only the allowed change is audited: {trail:?}");
    assert!(trail[0].contains("name 陈芳 → 陈小芳"), "{trail:?}");
}

#[test]
fn residents_changed_since_a_mark_are_only_those_written_after_it_read_through_the_index() {
    let (_d, mut db) = db();
    let at = |s: &str| yichuang::storage::Clock::Fixed(chrono::DateTime::parse_from_rfc3339(s).unwrap());
    db.set_clock(at("2026-11-20T09:00:00+08:00"));
    let a = register(&mut db, "陈芳", "320124194511230043", "13912344567");
    let b = register(&mut db, "李强", "11010519491231002X", "");
    // A session reads at 10:00; the mark lies the busy timeout and a little more before it,
    // so that a write stamped before the read but committed after it is not missed.
    db.set_clock(at("2026-11-20T10:00:00+08:00"));
    let mark = db.residents_mark();
    assert_eq!(mark, "2026-11-20T09:59:53+08:00");
    assert!(db.residents_changed(&mark).unwrap().is_empty(), "nobody changed since");
    db.set_clock(at("2026-11-20T10:00:30+08:00"));
    let edited = Resident { phone: "18655550123".into(), ..b.clone() };
    db.update_resident("wangfang", &edited).unwrap();
    assert_eq!(db.residents_changed(&mark).unwrap(), vec![edited.clone()], "only the one edited");
    // A write stamped a few seconds before the mark's read, committed after it: still found.
    db.set_clock(at("2026-11-20T09:59:55+08:00"));
    let late = Resident { phone: "13800001111".into(), ..a.clone() };
    db.update_resident("wangfang", &late).unwrap();
    assert_eq!(db.residents_changed(&mark).unwrap(), vec![late, edited]);
    // Registered residents are new to a session that has not read them: changed since the mark too.
    assert_eq!(db.residents_changed("2026-11-20T09:00:00+08:00").unwrap().len(), 2);
    // Read through the index, not by going through the whole register.
    let raw = rusqlite::Connection::open(db.path()).unwrap();
    let plan: Vec<String> = raw
        .prepare("EXPLAIN QUERY PLAN SELECT * FROM residents WHERE updated_at >= ?1")
        .unwrap()
        .query_map([&mark], |r| r.get::<_, String>(3))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(plan.iter().any(|p| p.contains("residents_updated")), "{plan:?}");
}
