//! `import residents|members` as an office's files really come (GBK CSVs, IDs Excel turned
//! into numbers, serial dates, merged headers, duplicates), the preview, the batch, its undo and
//! a kill in the middle; run as a process on a database prepared through the library.

use rust_xlsxwriter::{Format, Workbook};
use std::path::PathBuf;
use std::process::Output;
use yichuang::domain::resident::check_char;
use yichuang::storage::Db;

mod common;

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let (db, _) = yichuang::setup::open_or_init(&dir.path().join("desk.sqlite3"), &common::me()).unwrap();
        drop(db);
        Env { dir }
    }

    fn run(&self, args: &[&str]) -> Output {
        common::yichuang(self.dir.path()).args(args).output().unwrap()
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn db(&self) -> Db {
        Db::open(&self.path("desk.sqlite3")).unwrap()
    }

    /// Every row of a table, as text, in row id order.
    fn table(&self, name: &str) -> Vec<String> {
        let conn = rusqlite::Connection::open(self.path("desk.sqlite3")).unwrap();
        let mut stmt = conn.prepare(&format!("SELECT * FROM {name} ORDER BY rowid")).unwrap();
        let n = stmt.column_count();
        stmt.query_map([], |r| {
            Ok((0..n)
                .map(|i| match r.get_ref(i).unwrap() {
                    rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    v => format!("{v:?}"),
                })
                .collect::<Vec<_>>()
                .join("|"))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect()
    }

    fn tables(&self) -> Vec<(String, Vec<String>)> {
        let conn = rusqlite::Connection::open(self.path("desk.sqlite3")).unwrap();
        let mut stmt = conn.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").unwrap();
        let names: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
        names.into_iter().map(|t| (t.clone(), self.table(&t))).collect()
    }
}

fn id(n: u32) -> String {
    let body = format!("11010519700101{n:03}");
    format!("{body}{}", check_char(&body).unwrap())
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn ok(o: &Output) {
    assert!(o.status.success(), "{}{}", stdout(o), stderr(o));
}

fn csv(env: &Env, name: &str, rows: &[String]) -> String {
    std::fs::write(env.path(name), rows.join("\r\n")).unwrap();
    name.to_string()
}

fn register(rows: std::ops::Range<u32>) -> Vec<String> {
    let mut out = vec!["姓名,身份证号,联系电话,小区,楼栋,单元,户号,网格".to_string()];
    out.extend(rows.map(|n| format!("居民{n},{},1381234{n:04},幸福里,3,2,{n},一网格", id(n))));
    out
}

#[test]
fn a_gbk_csv_imports_with_correct_names() {
    let env = Env::new();
    let text =
        format!("姓名,公民身份号码,手机号码,现住址,网格\r\n张秀英,{},138 1234 5678,幸福里3栋,第二网格\r\n", id(1));
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    std::fs::write(env.path("gbk.csv"), &gbk).unwrap();
    ok(&env.run(&["import", "residents", "gbk.csv"]));
    let r = env.db().resident_by_id_number(&id(1)).unwrap().expect("imported");
    assert_eq!(r.name, "张秀英");
    assert_eq!(r.address.estate, "幸福里3栋");
    assert_eq!(r.grid, "第二网格", "the grid column fills the resident's grid");
    assert_eq!(r.phone, "13812345678");
}

#[test]
fn an_id_column_damaged_by_excel_is_refused_naming_the_rows() {
    let env = Env::new();
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    for (c, h) in ["姓名", "身份证号", "网格"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for r in 1..=3u32 {
        ws.write_string(r, 0, format!("居民{r}")).unwrap();
        ws.write_number(r, 1, 110105197001010000.0 + r as f64).unwrap();
    }
    book.save(env.path("numbers.xlsx")).unwrap();
    let o = env.run(&["import", "residents", "numbers.xlsx"]);
    ok(&o);
    assert!(
        stderr(&o).contains("身份证号被 Excel 当成数字，后三位已丢失：请把该列设为文本后重新导出（numbers.xlsx（Sheet1） 第 2、3、4 行 B 列）"),
        "{}",
        stderr(&o)
    );
    assert!(env.db().residents().unwrap().is_empty());
    // The same damage in a CSV Excel saved: the number as Excel showed it.
    csv(&env, "sci.csv", &["姓名,身份证号".into(), "李强,1.10105E+17".into(), format!("王芳,{}", id(2))]);
    let o = env.run(&["import", "residents", "sci.csv"]);
    assert!(stderr(&o).contains("（sci.csv 第 2 行 B 列）"), "{}", stderr(&o));
    assert_eq!(env.db().residents().unwrap().len(), 1);
}

#[test]
fn each_refusal_names_row_and_column_in_the_report() {
    let env = Env::new();
    let mut rows = register(1..4);
    rows.insert(2, "王五,110105197001010999,13812345678,幸福里,3,2,1,一网格".into());
    rows.push(format!("赵六,{},12345,幸福里,3,2,1,一网格", id(9)));
    rows.push(format!(",{},,,,,,", id(10)));
    csv(&env, "bad.csv", &rows);
    ok(&env.run(&["import", "residents", "bad.csv", "--dry-run", "--report", "r.csv"]));
    let report = std::fs::read_to_string(env.path("r.csv")).unwrap();
    assert!(report.contains("bad.csv,,3,B,拒收,身份证号校验位不对"), "{report}");
    assert!(report.contains("bad.csv,,6,C,拒收,手机号应为 11 位"), "{report}");
    assert!(report.contains("bad.csv,,7,A,拒收,姓名为空"), "{report}");
}

#[test]
fn dry_run_writes_the_report_and_changes_nothing() {
    let env = Env::new();
    ok(&env.run(&["import", "residents", &csv(&env, "a.csv", &register(1..4))]));
    let before = env.tables();
    // Two new, one changed (phone), one the same, one refused.
    let mut rows = register(2..6);
    rows[1] = format!("居民2,{},13900000000,幸福里,3,2,2,一网格", id(2));
    rows.push("坏行,123,,,,,,".into());
    let o = env.run(&["import", "residents", &csv(&env, "b.csv", &rows), "--dry-run"]);
    ok(&o);
    assert!(
        stdout(&o).contains("预览（未写入）：新增 2 人，更新 1 人，无变化 1 人，待主管核对 0 人，拒收 1 行"),
        "{}",
        stdout(&o)
    );
    let report = std::fs::read_to_string(env.path("b-导入报告.csv")).unwrap();
    assert!(report.contains("更新,居民2 1101**********"), "{report}");
    assert!(report.contains("phone 138****0002 → 139****0000"), "{report}");
    assert_eq!(report.matches(",新增,").count(), 2, "{report}");
    assert_eq!(env.tables(), before, "a dry run changes nothing");
}

#[test]
fn import_undo_restores_the_tables_as_before_the_batch() {
    let env = Env::new();
    ok(&env.run(&["import", "residents", &csv(&env, "a.csv", &register(1..4))]));
    let residents = env.table("residents");
    let mut rows = register(2..6);
    rows[1] = format!("居民2,{},13900000000,幸福里,5,1,101,二网格", id(2));
    let o = env.run(&["import", "residents", &csv(&env, "b.csv", &rows)]);
    ok(&o);
    assert!(stdout(&o).contains("导入批次 #2：新增 2 人，更新 1 人"), "{}", stdout(&o));
    assert_ne!(env.table("residents"), residents);
    let o = env.run(&["import", "undo", "2"]);
    ok(&o);
    assert!(stdout(&o).contains("删除其新增的 2 人，恢复其修改的 1 人"), "{}", stdout(&o));
    assert_eq!(env.table("residents"), residents, "the table as before the batch");
    // Once only.
    let o = env.run(&["import", "undo", "2"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("导入批次 #2 已于"), "{}", stderr(&o));
    let audit = env.table("audit_log").join("\n");
    assert!(audit.contains("import.residents") && audit.contains("import.undo"), "{audit}");
}

#[test]
fn undo_keeps_a_person_with_history_since() {
    let env = Env::new();
    ok(&env.run(&["import", "residents", &csv(&env, "a.csv", &register(1..3))]));
    let mut db = env.db();
    let mut r = db.resident_by_id_number(&id(1)).unwrap().unwrap();
    r.phone = "18600000000".into();
    db.update_resident(&common::me(), &r).unwrap();
    drop(db);
    let o = env.run(&["import", "undo", "1"]);
    ok(&o);
    assert!(stdout(&o).contains("删除其新增的 1 人"), "{}", stdout(&o));
    assert!(stdout(&o).contains("保留 1 人") && stdout(&o).contains("居民1"), "{}", stdout(&o));
    assert_eq!(env.db().residents().unwrap().len(), 1);
}

#[test]
fn a_name_on_file_differing_is_held_for_a_supervisor_not_applied() {
    let env = Env::new();
    ok(&env.run(&["import", "residents", &csv(&env, "a.csv", &register(1..2))]));
    let rows = ["姓名,身份证号,联系电话".to_string(), format!("李四,{},13900000000", id(1))];
    let o = env.run(&["import", "residents", &csv(&env, "b.csv", &rows)]);
    ok(&o);
    assert!(stdout(&o).contains("待主管核对 1 人"), "{}", stdout(&o));
    let r = env.db().resident_by_id_number(&id(1)).unwrap().unwrap();
    assert_eq!((r.name.as_str(), r.phone.as_str()), ("居民1", "13812340001"), "neither renamed nor changed");
    let report = std::fs::read_to_string(env.path("b-导入报告.csv")).unwrap();
    assert!(report.contains("待主管核对,李四") && report.contains("在册的“居民1”"), "{report}");
}

#[test]
fn duplicates_in_a_file_and_across_files_are_refused_naming_the_first() {
    let env = Env::new();
    let mut a = register(1..3);
    a.push(format!("居民1,{},,,,,,", id(1)));
    csv(&env, "一网格.csv", &a);
    csv(&env, "二网格.csv", &register(2..4));
    let o = env.run(&["import", "residents", "一网格.csv", "二网格.csv", "--report", "r.csv"]);
    ok(&o);
    let report = std::fs::read_to_string(env.path("r.csv")).unwrap();
    assert!(report.contains("一网格.csv,,4,B,拒收,身份证号与一网格.csv 第 2 行重复"), "{report}");
    assert!(report.contains("二网格.csv,,2,B,拒收,身份证号与一网格.csv 第 3 行重复"), "{report}");
    assert_eq!(env.db().residents().unwrap().len(), 3);
}

#[test]
fn a_members_roster_with_a_title_merged_header_and_serial_dates() {
    let env = Env::new();
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    ws.merge_range(0, 0, 0, 5, "区税务局在职党员报到名单", &Format::new()).unwrap();
    for (c, h) in ["姓名", "身份证号", "手机号码", "工作单位", "报到日期", "服务意向"].iter().enumerate()
    {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    type Put<'a> = &'a dyn Fn(&mut rust_xlsxwriter::Worksheet, u32);
    let dates: [Put; 4] = [
        &|ws, r| drop(ws.write_number_with_format(r, 4, 45047.0, &date)),
        &|ws, r| drop(ws.write_number(r, 4, 45047.0)),
        &|ws, r| drop(ws.write_string(r, 4, "2023.5.1")),
        &|ws, r| drop(ws.write_string(r, 4, "2023年5月1日")),
    ];
    for (i, put) in dates.iter().enumerate() {
        let r = 2 + i as u32;
        ws.write_string(r, 0, format!("党员{i}")).unwrap();
        ws.write_string(r, 1, id(i as u32 + 1)).unwrap();
        ws.write_string(r, 2, format!("１３９１２３４０００{i}")).unwrap();
        ws.write_string(r, 3, "区税务局").unwrap();
        put(ws, r);
        ws.write_string(r, 5, "法律咨询、文化体育").unwrap();
    }
    book.save(env.path("roster.xlsx")).unwrap();
    ok(&env.run(&["import", "members", "roster.xlsx"]));
    let members = env.db().all_members().unwrap();
    assert_eq!(members.len(), 4);
    for m in &members {
        assert_eq!(m.reported_on.to_string(), "2023-05-01", "{}", m.name);
        assert_eq!(m.unit, "区税务局");
        assert!(m.phone.starts_with("1391234000"), "full-width digits read: {}", m.phone);
        assert_eq!(m.intentions.len(), 2);
    }
}

#[test]
fn a_register_whose_address_header_is_merged_over_its_parts() {
    let env = Env::new();
    let rows = [
        "姓名,身份证号,住址,,,".to_string(),
        ",,小区,楼栋,单元,户号".to_string(),
        format!("王芳,{},幸福里,3,2,502", id(1)),
        "合计,,,,,1".to_string(),
    ];
    ok(&env.run(&["import", "residents", &csv(&env, "m.csv", &rows)]));
    let r = env.db().resident_by_id_number(&id(1)).unwrap().unwrap();
    assert_eq!(r.address.display(), "幸福里 3栋 2单元 502室");
    assert_eq!(env.db().residents().unwrap().len(), 1);
}

#[test]
fn a_kill_mid_import_leaves_check_clean_and_only_whole_recorded_chunks() {
    let env = Env::new();
    csv(&env, "big.csv", &register(1..1000));
    let mut child = common::yichuang(env.dir.path())
        .args(["import", "residents", "big.csv", "--chunk", "7"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let conn = rusqlite::Connection::open(env.path("desk.sqlite3")).unwrap();
    conn.busy_timeout(std::time::Duration::from_secs(5)).unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let chunks: i64 =
            conn.query_row("SELECT coalesce(max(chunks), 0) FROM import_batches", [], |r| r.get(0)).unwrap_or(0);
        if chunks >= 3 || std::time::Instant::now() > deadline {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    nix::sys::signal::kill(nix::unistd::Pid::from_raw(child.id() as i32), nix::sys::signal::Signal::SIGKILL).unwrap();
    child.wait().unwrap();
    let o = env.run(&["check"]);
    ok(&o);
    let (chunks, finished): (i64, Option<String>) =
        conn.query_row("SELECT chunks, finished_at FROM import_batches", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    assert!(finished.is_none(), "killed before it finished ({chunks} chunks)");
    let residents: i64 = conn.query_row("SELECT count(*) FROM residents", [], |r| r.get(0)).unwrap();
    let recorded: i64 = conn.query_row("SELECT count(*) FROM import_rows", [], |r| r.get(0)).unwrap();
    assert_eq!(residents, chunks * 7, "only whole chunks");
    assert_eq!(recorded, residents, "each one recorded");
    let o = env.run(&["import", "batches"]);
    assert!(stdout(&o).contains("中断"), "{}", stdout(&o));
    // Importing the same file again finishes the work; undoing the stopped batch takes back
    // exactly what it wrote.
    ok(&env.run(&["import", "residents", "big.csv"]));
    assert_eq!(env.db().residents().unwrap().len(), 999);
    let o = env.run(&["import", "undo", "1"]);
    ok(&o);
    assert!(stdout(&o).contains(&format!("删除其新增的 {residents} 人")), "{}", stdout(&o));
}

#[test]
fn a_running_session_finds_imported_residents() {
    let env = Env::new();
    ok(&env.run(&["import", "residents", &csv(&env, "a.csv", &register(1..3))]));
    let db = env.db();
    let before = yichuang::runtime::session_residents(&db).unwrap();
    assert_eq!(before.len(), 2);
    drop(db);
    let rows = ["姓名,身份证号".to_string(), format!("欧阳修,{}", id(7))];
    ok(&env.run(&["import", "residents", &csv(&env, "b.csv", &rows)]));
    let mut s = yichuang::runtime::session_residents(&env.db()).unwrap();
    let hits: Vec<String> = s.search("ouyangxiu").iter().map(|h| s.name(h).to_string()).collect();
    assert_eq!(hits, ["欧阳修"]);
}

#[test]
fn a_map_names_columns_the_office_called_otherwise() {
    let env = Env::new();
    let rows = ["户主,证件,备注".to_string(), format!("王芳,{},无", id(1))];
    let o = env.run(&["import", "residents", &csv(&env, "m.csv", &rows)]);
    assert!(stderr(&o).contains("--map 列名=name"), "{}", stderr(&o));
    ok(&env.run(&["import", "residents", "m.csv", "--map", "户主=name", "--map", "证件=id_number"]));
    assert_eq!(env.db().residents().unwrap().len(), 1);
    let o = env.run(&["import", "residents", "m.csv", "--map", "户主=nom"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--map 户主=nom"), "{}", stderr(&o));
}
