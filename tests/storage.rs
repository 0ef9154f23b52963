//! Storage on temporary files: migrations, refusals, audit triggers, imports, two sessions.

mod common;

use std::path::Path;
use std::time::Duration;
use yichuang::domain::catalog::Catalog;
use yichuang::domain::files::{FileProblem, FileTrouble};
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

/// Rows written into a table by the binary of some earlier schema version.
struct OldRows {
    /// The schema version that created the table.
    since: usize,
    table: &'static str,
    /// The columns that version wrote (later versions may add more).
    columns: &'static str,
    /// SQL value lists, one a row (`@t`: a time): NULLs, Chinese text, retired and closed rows included.
    rows: &'static [&'static str],
}

/// What `@t` in [`OldRows::rows`] stands for: when the old binary wrote the row.
const AT: &str = "'2026-11-20T09:00:00+08:00'";

/// At least one row in every table of the schema, at the version that created the table.
/// Each refers to the others as the program would (cases to items and residents, tickets to
/// cases, bookings to rooms), so the foreign-key check after migrating means something.
fn old_rows() -> Vec<OldRows> {
    let r = |since, table, columns, rows| OldRows { since, table, columns, rows };
    // The version that brought visit items and receipt prints, found by what it creates.
    let visits = schema::MIGRATIONS.iter().position(|m| m.contains("CREATE TABLE visit_items")).unwrap() + 1;
    // The import batches' version (issue 20), found the same way: its number is the lead's.
    let imports = schema::MIGRATIONS.iter().position(|m| m.contains("CREATE TABLE import_batches")).unwrap() + 1;
    let requests = schema::MIGRATIONS.iter().position(|m| m.contains("CREATE TABLE requests")).unwrap() + 1;
    let heartbeat = schema::MIGRATIONS.iter().position(|m| m.contains("CREATE TABLE replica_heartbeat")).unwrap() + 1;
    vec![
        r(1, "settings", "key, value", &["('centre_name', '幸福里社区')", "('members.target_hours', '40')"]),
        r(
            1,
            "operators",
            "id, login, name, role, window, retired, created_at",
            &[
                "(1, 'root', '管理员', 'admin', NULL, 0, @t)",
                "(2, 'wangfang', '王芳', 'clerk', 3, 0, @t)",
                "(3, 'zhangmin', '张敏', 'mediator', NULL, 1, @t)",
                "(7, 'zhaolei', '赵磊', 'member_desk', NULL, 0, @t)",
            ],
        ),
        r(
            1,
            "audit_log",
            "id, at, operator, action, entity, entity_id, summary",
            &[
                "(1, @t, 'root', 'operator.add', 'operator', 'wangfang', '王芳 clerk')",
                "(2, @t, 'wangfang', 'case.intake', 'case', '1', 'SL20261120007')",
            ],
        ),
        r(
            1,
            "categories",
            "code, name, name_en, prefix, sort",
            &["('SB', '社保', 'Social insurance', 'A', 1)", "('MZ', '民政', 'Civil affairs', 'B', 2)"],
        ),
        r(
            1,
            "service_items",
            "id, code, name, name_en, category, department, desk_role, handling, limit_n, limit_unit, fee, notes, \
             keywords, materials, sort, retired, updated_at",
            &[
                "(1, 'SB-001', '社保卡申领', 'Social security card', 'SB', '人社局', 'forward', 'promised', 5, \
                 'working_days', '免费', '', '社保卡', '[{\"name\":\"身份证\"}]', 1, 0, @t)",
                "(2, 'MZ-001', '高龄津贴申领', 'Old-age allowance', 'MZ', '民政局', 'on_the_spot', 'immediate', 0, \
                 'immediate', '', '八十周岁以上', '高龄', '[]', 2, 1, @t)",
            ],
        ),
        r(
            1,
            "calendar_days",
            "date, kind, name",
            &["('2026-10-01', 'off', '国庆节')", "('2026-10-10', 'work', '国庆节')"],
        ),
        r(
            2,
            "residents",
            "id, name, id_number, phone, estate, building, unit, room, grid, tags, created_at, updated_at",
            &[
                "(1, '张秀英', '320124194511230043', '13812345678', '幸福里', '3', '2', '401', '一网格', '高龄', @t, @t)",
            ],
        ),
        r(2, "counters", "name, day, value", &["('case', '2026-11-20', 7)"]),
        r(
            2,
            "cases",
            "id, number, item_code, resident_id, operator, channel, state, before_suspension, received_at, \
             accepted_at, due_date, notice_deadline, suspended_days, suspended_at, completed_at, rating, \
             follow_up_due, follow_up_done, version, updated_at",
            &[
                "(1, 'SL20261120007', 'SB-001', 1, 'wangfang', 'window', 'completed', NULL, @t, @t, '2026-11-27', NULL, \
                 0, NULL, @t, 2, '2026-11-30', 0, 4, @t)",
                "(2, 'SL20261120008', 'SB-001', 1, 'wangfang', 'on_behalf', 'suspended', 'in_progress', @t, @t, \
                 '2026-11-27', '2026-11-25', 2, @t, NULL, NULL, NULL, 0, 2, @t)",
            ],
        ),
        r(
            2,
            "case_materials",
            "case_id, seq, name, required, status, promised_date, supplied_at, original_received_at, \
             original_returned_at",
            &[
                "(1, 0, '身份证', 1, 'presented', NULL, NULL, @t, NULL)",
                "(2, 0, '户口簿', 0, 'waived', '2026-11-24', NULL, NULL, NULL)",
            ],
        ),
        r(
            2,
            "case_events",
            "id, case_id, at, operator, kind, from_state, to_state, reason, detail",
            &[
                "(1, 1, @t, 'wangfang', 'intake', NULL, 'accepted', '', '')",
                "(2, 2, @t, 'wangfang', 'suspend', 'in_progress', 'suspended', '等待公安核查', '')",
            ],
        ),
        r(
            3,
            "windows",
            "number, name, categories, paused, operator, signed_in_at",
            &["(3, '综合窗口', 'SB,MZ', NULL, 'wangfang', @t)", "(4, '民政窗口', 'MZ', '午休', NULL, NULL)"],
        ),
        r(
            3,
            "queue_tickets",
            "id, day, category, issued_category, seq, number, state, green, resident_id, appointment_id, \
             appointment_at, for_window, issued_at, order_at, window, called_at, recalls, served_at, finished_at, \
             outcome, case_id, issued_by, version",
            &[
                "(1, '2026-11-20', 'SB', 'SB', 1, 'A001', 'done', 'age70', 1, 1, '09:30', NULL, @t, @t, 3, @t, 1, @t, @t, \
                 'case_accepted', 1, 'wangfang', 5)",
                "(2, '2026-11-20', 'MZ', 'SB', 2, 'A002', 'waiting', NULL, NULL, NULL, NULL, 4, @t, @t, NULL, NULL, 0, \
                 NULL, NULL, NULL, NULL, 'wangfang', 2)",
            ],
        ),
        r(
            3,
            "appointments",
            "id, day, at, category, resident_id, state, ticket_id, reason, booked_by, created_at",
            &[
                "(1, '2026-11-20', '09:30', 'SB', 1, 'checked_in', 1, '', 'wangfang', @t)",
                "(2, '2026-11-23', '14:00', 'MZ', 1, 'cancelled', NULL, '住院', 'wangfang', @t)",
            ],
        ),
        r(
            4,
            "rooms",
            "id, name, capacity, opens, closes, retired",
            &["(1, '和为贵调解室一', 8, '08:30', '17:30', 0)", "(2, '旧调解室', 4, '09:00', '17:00', 1)"],
        ),
        r(
            4,
            "mediation_cases",
            "id, number, dispute, source, mediator, state, summary, outcome, agreed_at, performance, follow_up_due, \
             created_at, version",
            &["(1, '和调〔2026〕第1号', 'neighbours', 'application', 'zhangmin', 'agreed', '楼上漏水纠纷', \
               '赔偿五百元', @t, 'not_yet', '2026-12-20', @t, 3)"],
        ),
        r(
            4,
            "mediation_parties",
            "case_id, seq, name, role, contact",
            &["(1, 0, '王建国', 'applicant', '13812345678')", "(1, 1, '李淑珍', 'respondent', '')"],
        ),
        r(
            4,
            "mediation_events",
            "id, case_id, at, operator, kind, detail",
            &["(1, 1, @t, 'zhangmin', 'agree', '赔偿五百元')"],
        ),
        r(
            4,
            "room_bookings",
            "id, room_id, start, end_at, mediator, case_id, purpose, cancelled, created_at, version",
            &[
                "(1, 1, '2026-11-20T09:00', '2026-11-20T10:00', 'zhangmin', 1, '', NULL, @t, 1)",
                "(2, 1, '2026-11-21T09:00', '2026-11-21T10:00', 'zhangmin', NULL, '回访', '改期', @t, 2)",
            ],
        ),
        r(
            5,
            "party_members",
            "id, name, female, phone, id_number, unit, branch, address, grid, reported_on, online, skills, \
             intentions, status, created_at",
            &[
                "(1, '刘洋', 1, '13900001111', '110105198001011234', '区税务局', '第二支部', '幸福里3-2-401', '一网格', \
                 '2026-03-01', 0, '法律', '普法宣传', 'active', @t)",
                "(2, '孙丽', 0, '13900002222', '110105198502021234', '区教育局', '', '', '', '2025-09-01', 1, '', '', \
                 'moved_away', @t)",
            ],
        ),
        r(
            5,
            "activities",
            "id, title, category, organiser, place, start, end_at, capacity, rate, needs, created_at",
            &[
                "(1, '敬老院义诊', '志愿服务', '社区卫生站', '幸福里敬老院', '2026-11-18T09:00', '2026-11-18T11:30', 20, 2, '', @t)",
            ],
        ),
        r(
            5,
            "service_records",
            "id, member_id, activity_id, what, start, end_at, auto_closed, half_hours, rate, source, reason, operator, \
             declined, created_at",
            &[
                "(1, 1, 1, '敬老院义诊', '2026-11-18T09:00', '2026-11-18T11:30', 1, 5, 2, 'checkin', '', 'zhaolei', NULL, @t)",
                "(2, 2, NULL, '楼道清扫', '2026-11-15T14:00', '2026-11-15T15:00', 0, 2, 1, 'manual', '补录', 'zhaolei', \
                 '重复', @t)",
            ],
        ),
        r(
            9,
            "ssh_keys",
            "id, login, kind, data, fingerprint, comment, added_at, added_by, revoked_at, revoked_by",
            &[
                "(1, 'wangfang', 'ssh-ed25519', 'AAAAC3NzaC1lZDI1NTE5AAAAIA', 'SHA256:abc', '王芳的笔记本', @t, 'root', NULL, NULL)",
                "(2, 'wangfang', 'ssh-ed25519', 'AAAAC3NzaC1lZDI1NTE5AAAAIB', 'SHA256:def', '', @t, 'root', @t, 'root')",
            ],
        ),
        r(
            visits,
            "visit_items",
            "id, ticket_id, case_id, item_code, kind, at, operator",
            &["(1, 1, 1, 'SB-001', 'case', @t, 'wangfang')", "(2, 1, NULL, 'SB-001', 'slip', @t, 'wangfang')"],
        ),
        r(
            visits,
            "case_prints",
            "id, case_id, kind, at, operator, window",
            &["(1, 1, 'receipt', @t, 'wangfang', 3)", "(2, 1, 'receipt', @t, 'liqiang', NULL)"],
        ),
        r(
            imports,
            "import_batches",
            "id, who, kind, files, added, changed, refused, chunks, audit_from, created_at, finished_at, undone_at",
            &["(1, 'root', 'residents', '一网格.xlsx', 1, 0, 2, 1, 2, @t, @t, NULL)"],
        ),
        r(
            imports,
            "import_rows",
            "batch, chunk, entity, entity_id, created, before, after",
            &["(1, 0, 'resident', 1, 1, '', '[\"13812345678\"]')"],
        ),
        r(requests, "grids", "id, name, leader, created_at", &["(1, '第一网格', 'liuwei', @t)"]),
        r(
            requests,
            "grid_places",
            "id, grid_id, estate, building",
            &["(1, 1, '幸福里小区', '')", "(2, 1, '和园新村', '3')"],
        ),
        r(requests, "grid_staff", "grid_id, login", &["(1, 'sunli')"]),
        r(
            requests,
            "request_services",
            "code, name, category, provider, response, keywords, skill, sort",
            &["('repair', '维修', '生活服务', 'member', '2d', '漏水', '电工维修', 0)"],
        ),
        r(
            requests,
            "contacts",
            "id, kind, name, phone, services",
            &["(1, 'department', '区住建局', '02584001234', '')"],
        ),
        r(
            requests,
            "requests",
            "id, number, kind, service, resident_id, place, grid, text, urgency, photos, source, ticket_id, state, \
             reopened, rating, due_at, done_at, closed_at, created_by, created_at, version",
            &[
                "(1, 'SQ20261120001', 'order', 'repair', 1, '幸福里小区3栋', '第一网格', '楼道灯不亮', 'normal', '', 'window', \
               NULL, 'rated', 0, 'satisfied', NULL, '2026-11-20T15:00', '2026-11-21T09:00', 'wangfang', '2026-11-20T09:00', 4)",
            ],
        ),
        r(
            requests,
            "request_dispatches",
            "id, request_id, taker_kind, taker_login, member_id, contact_id, taker_name, escalated, due_at, by, at, \
             accepted_at, done_at, closed_at, outcome",
            &["(1, 1, 'member', NULL, 1, NULL, '刘洋', 0, '2026-11-24T17:00', 'liuwei', '2026-11-20T10:00', \
               '2026-11-20T11:00', '2026-11-20T15:00', '2026-11-20T15:00', 'done')"],
        ),
        r(
            requests,
            "request_events",
            "id, request_id, at, operator, kind, note",
            &["(1, 1, '2026-11-20T09:00', 'wangfang', 'taken', 'window')"],
        ),
        r(heartbeat, "replica_heartbeat", "id, centre, at", &["(1, '幸福社区', '2026-11-20T09:00:00+08:00')"]),
    ]
}

/// Tables whose rows the migrations themselves write, so an older binary wrote none.
const WRITTEN_BY_MIGRATIONS: &[&str] = &["revisions", "instance"];

/// The listed columns of every row of `table`, in row order.
fn read_rows(conn: &rusqlite::Connection, table: &str, columns: &str) -> Vec<Vec<rusqlite::types::Value>> {
    let n = columns.split(',').count();
    let mut stmt = conn.prepare(&format!("SELECT {columns} FROM {table} ORDER BY rowid")).unwrap();
    stmt.query_map([], |r| (0..n).map(|i| r.get(i)).collect()).unwrap().map(|r| r.unwrap()).collect()
}

#[test]
fn the_old_rows_fill_every_table() {
    // A new table needs rows here, or the test below would not notice a migration losing them.
    let (_d, path, db) = fresh();
    drop(db);
    let raw = rusqlite::Connection::open(&path).unwrap();
    let mut stmt =
        raw.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").unwrap();
    let tables: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect();
    let filled: Vec<&str> = old_rows().iter().map(|t| t.table).collect();
    let unfilled: Vec<&String> = tables
        .iter()
        .filter(|t| !filled.contains(&t.as_str()) && !WRITTEN_BY_MIGRATIONS.contains(&t.as_str()))
        .collect();
    assert!(unfilled.is_empty(), "tables without old rows: {unfilled:?}");
}

/// A database file left at schema version `n` by an older binary.
fn at_version(path: &std::path::Path, n: usize) -> rusqlite::Connection {
    let raw = rusqlite::Connection::open(path).unwrap();
    for (i, sql) in schema::MIGRATIONS.iter().take(n).enumerate() {
        raw.execute_batch(sql).unwrap();
        raw.pragma_update(None, "user_version", (i + 1) as u32).unwrap();
    }
    raw
}

#[test]
fn a_database_of_every_earlier_version_migrates_to_the_latest_keeping_every_row() {
    // A file left at version n by an older binary, with rows in every table it had, must come
    // up to date with every row and every value it had.
    for n in 1..schema::latest() as usize {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite3");
        let raw = at_version(&path, n);
        let old: Vec<OldRows> = old_rows().into_iter().filter(|t| t.since <= n).collect();
        let mut before = Vec::new();
        for t in &old {
            for row in t.rows {
                let values = row.replace("@t", AT);
                raw.execute(&format!("INSERT INTO {} ({}) VALUES {values}", t.table, t.columns), [])
                    .unwrap_or_else(|e| panic!("v{n} {}: {e}", t.table));
            }
            let rows = read_rows(&raw, t.table, t.columns);
            assert_eq!(rows.len(), t.rows.len(), "v{n} {}", t.table);
            before.push(rows);
        }
        drop(raw);
        let db = Db::open(&path).unwrap();
        assert_eq!(db.schema_version().unwrap(), schema::latest(), "from {n}");
        assert!(db.check().unwrap().is_empty(), "from {n}: {:?}", db.check());
        drop(db);
        let raw = rusqlite::Connection::open(&path).unwrap();
        for (t, before) in old.iter().zip(&before) {
            let after = read_rows(&raw, t.table, t.columns);
            assert!(
                after.len() == before.len(),
                "from v{n}: {} had {} rows, has {}",
                t.table,
                before.len(),
                after.len()
            );
            assert_eq!(&after, before, "from v{n}: {}", t.table);
        }
        drop(raw);
        // And the migrated file takes writes.
        let mut db = Db::open(&path).unwrap();
        db.add_operator("root", "sunli", "孙丽", Role::Clerk, Some(4)).unwrap();
    }
}

#[test]
fn an_empty_database_of_every_earlier_version_is_initialised_and_checks_clean() {
    for n in 1..schema::latest() as usize {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite3");
        let raw = at_version(&path, n);
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
    let c = db.import_calendar("root", "h.toml", &cal, false).unwrap();
    assert_eq!(c.added.len(), 28 + 8 + 28 + 5 + 33 + 6);
    let again = db.import_calendar("root", "h.toml", &cal, false).unwrap();
    assert!(!again.wrote());
    let next = yichuang::domain::calendar::CalendarFile::parse(
        "2027.toml",
        "[[years]]\nyear = 2027\n[[years.holidays]]\nname = \"元旦\"\noff = [2027-01-01]\nwork = []\n",
    )
    .unwrap();
    db.import_calendar("root", "2027.toml", &next, false).unwrap();
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

/// Set when this test binary runs again as an unprivileged account: the database to open.
const READ_ONLY_PROBE: &str = "YICHUANG_READ_ONLY_PROBE";

/// What an account that may not write `path` must get from opening it: a refusal naming the
/// file with its owner and mode, and nothing created beside it.
fn refused_before_any_write(path: &Path) {
    match Db::open(path) {
        Err(StorageError::Access(FileTrouble {
            path: p,
            problem: FileProblem::Denied { mode: 0o444, dir: false, .. },
        })) if p == path.display().to_string() => {}
        other => panic!("expected Access(Denied 0444) for {}, got {other:?}", path.display()),
    }
    for f in yichuang::storage::files::companions(path) {
        assert!(!f.exists(), "{} was created by a refused session", f.display());
    }
}

#[test]
#[cfg(unix)]
fn a_read_only_database_file_is_refused_before_any_write() {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(db) = std::env::var(READ_ONLY_PROBE) {
        return refused_before_any_write(Path::new(&db));
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let path = data.join("t.sqlite3");
    drop(Db::open(&path).unwrap());
    // Checkpoint so the read-only file is complete without its WAL.
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;").unwrap();
    drop(raw);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&path).unwrap();
    if common::accounts::is_root() {
        // Root writes whatever the mode says (CI runs as root): run the same check as an
        // account the mode binds, from a copy of this test binary it may execute. The folder
        // is that account's, so only the file's mode stands between it and a write.
        let who = common::accounts::Account::create(&common::accounts::unique("yro"), &dir.path().join("home"), &[]);
        let uid = nix::unistd::User::from_name(&who.name).unwrap().unwrap().uid;
        std::os::unix::fs::chown(&data, Some(uid.as_raw()), None).unwrap();
        let exe = dir.path().join("storage-test");
        std::fs::copy(std::env::current_exe().unwrap(), &exe).unwrap();
        std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
        let name = "a_read_only_database_file_is_refused_before_any_write";
        let o = who
            .command("022", &exe, &["--exact", name, "--test-threads=1"])
            .env(READ_ONLY_PROBE, &path)
            .output()
            .unwrap();
        let (out, err) = (common::accounts::out(&o), common::accounts::err(&o));
        assert!(o.status.success(), "as {}:\n{out}\n{err}", who.name);
        // A filter that matched nothing would pass too.
        assert!(out.contains("1 passed"), "as {}:\n{out}", who.name);
    } else {
        refused_before_any_write(&path);
    }
    assert_eq!(std::fs::read(&path).unwrap(), before, "the refused file is unchanged");
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

#[test]
fn the_migration_to_one_open_number_per_window_closes_older_stacks_and_says_so() {
    // A file of an earlier binary where three numbers were left open at window 1, one at 2.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite3");
    let raw = at_version(&path, 9);
    // Only the tickets matter here: no categories or windows to point at.
    raw.pragma_update(None, "foreign_keys", false).unwrap();
    for (id, number, state, window, called) in [
        (1, "A001", "serving", 1, "09:01"),
        (2, "A002", "called", 1, "09:05"),
        (3, "A003", "called", 1, "09:09"),
        (4, "A004", "serving", 2, "09:02"),
        (5, "A005", "done", 1, "08:50"),
    ] {
        raw.execute(
            "INSERT INTO queue_tickets (id, day, category, issued_category, seq, number, state, issued_at, order_at,
                 window, called_at, recalls, issued_by, version)
             VALUES (?1, '2026-11-20', 'SB', 'SB', ?1, ?2, ?3, '2026-11-20T08:30:00+08:00',
                 '2026-11-20T08:30:00+08:00', ?4, '2026-11-20T' || ?5 || ':00+08:00', 0, 'wangfang', 1)",
            rusqlite::params![id, number, state, window, called],
        )
        .unwrap();
    }
    drop(raw);
    let db = Db::open(&path).unwrap();
    assert_eq!(db.schema_version().unwrap(), schema::latest());
    drop(db);
    let raw = rusqlite::Connection::open(&path).unwrap();
    let states: Vec<(String, String)> = raw
        .prepare("SELECT number, state FROM queue_tickets ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let want = [("A001", "expired"), ("A002", "expired"), ("A003", "called"), ("A004", "serving"), ("A005", "done")];
    assert_eq!(states, want.map(|(a, b)| (a.to_string(), b.to_string())), "the latest at each window stays open");
    let audited: Vec<String> = raw
        .prepare("SELECT summary FROM audit_log WHERE action = 'ticket.expire' ORDER BY entity_id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(audited.len(), 2, "{audited:?}");
    assert!(audited[0].starts_with("A001 serving → expired") && audited[1].starts_with("A002 called"), "{audited:?}");
}

#[test]
fn transfers_and_reinstatements_of_older_binaries_are_marked_by_the_migration() {
    // v11 adds the marks; numbers moved before it learn theirs from the category change and the
    // audit trail.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite3");
    let marks = schema::MIGRATIONS.iter().position(|m| m.contains("ADD COLUMN transferred_from")).unwrap();
    let raw = at_version(&path, marks);
    raw.execute_batch(
        "INSERT INTO categories (code, name, name_en, prefix, sort) VALUES ('SB','社保','Social','A',1), ('YB','医保','Medical','B',2);
         INSERT INTO queue_tickets (id, day, category, issued_category, seq, number, state, issued_at, order_at, issued_by)
         VALUES (1, '2026-11-20', 'SB', 'YB', 1, 'B001', 'waiting', '2026-11-20T09:00:00+08:00', '2026-11-20T09:00:00+08:00', 'k'),
                (2, '2026-11-20', 'SB', 'SB', 1, 'A001', 'waiting', '2026-11-20T09:01:00+08:00', '2026-11-20T09:30:00+08:00', 'k'),
                (3, '2026-11-20', 'SB', 'SB', 2, 'A002', 'waiting', '2026-11-20T09:02:00+08:00', '2026-11-20T09:02:00+08:00', 'k');
         INSERT INTO audit_log (at, operator, action, entity, entity_id, summary)
         VALUES ('2026-11-20T09:29:00+08:00', 'w', 'ticket.reinstate', 'ticket', '2', 'A001 waiting');",
    )
    .unwrap();
    drop(raw);
    drop(Db::open(&path).unwrap());
    let raw = rusqlite::Connection::open(&path).unwrap();
    let marks: Vec<(String, Option<String>, Option<String>)> = raw
        .prepare("SELECT number, transferred_from, reinstated_at FROM queue_tickets ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        marks,
        [
            ("B001".into(), Some("YB".into()), None),
            ("A001".into(), None, Some("2026-11-20T09:29:00+08:00".into())),
            ("A002".into(), None, None),
        ]
    );
}

#[test]
fn the_visit_migration_keeps_the_ticket_case_and_calls_a_notice_visit_a_notice() {
    let visits = schema::MIGRATIONS.iter().position(|m| m.contains("CREATE TABLE visit_items")).unwrap() + 1;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite3");
    let raw = at_version(&path, visits - 1);
    for t in old_rows().into_iter().filter(|t| t.since < visits) {
        for row in t.rows {
            raw.execute(&format!("INSERT INTO {} ({}) VALUES {}", t.table, t.columns, row.replace("@t", AT)), [])
                .unwrap();
        }
    }
    // A second visit, recorded by an older binary as 受理办件 though its case only got the notice.
    raw.execute_batch(&format!(
        "INSERT INTO case_events (case_id, at, operator, kind, to_state, reason, detail)
             VALUES (2, {AT}, 'wangfang', 'notice', 'awaiting_materials', '', '户口簿');
         INSERT INTO queue_tickets (id, day, category, issued_category, seq, number, state, issued_at, order_at,
             window, called_at, finished_at, outcome, case_id, issued_by)
             VALUES (9, '2026-11-20', 'SB', 'SB', 9, 'A009', 'done', {AT}, {AT}, 2, {AT}, {AT},
                 'case_accepted', 2, 'wangfang');"
    ))
    .unwrap();
    drop(raw);
    let db = Db::open(&path).unwrap();
    assert!(db.check().unwrap().is_empty());
    drop(db);
    let raw = rusqlite::Connection::open(&path).unwrap();
    let outcomes = read_rows(&raw, "queue_tickets", "number, outcome");
    let text = |v: &rusqlite::types::Value| match v {
        rusqlite::types::Value::Text(s) => s.clone(),
        other => format!("{other:?}"),
    };
    let outcomes: Vec<(String, String)> = outcomes.iter().map(|r| (text(&r[0]), text(&r[1]))).collect();
    assert!(outcomes.contains(&("A001".into(), "case_accepted".into())), "{outcomes:?}");
    assert!(outcomes.contains(&("A009".into(), "notice".into())), "{outcomes:?}");
    let links = read_rows(&raw, "visit_items", "ticket_id, case_id, kind");
    assert_eq!(links.len(), 2, "each ticket's case becomes a link: {links:?}");
    let window: Option<i64> = raw.query_row("SELECT window FROM cases WHERE id = 2", [], |r| r.get(0)).unwrap();
    assert_eq!(window, Some(2), "the window the case was taken in at, from its ticket");
}
