//! `yichuang import calendar`, run as a process: every date it adds, keeps or removes on its
//! own line, removing only with `--replace-year`, and the open cases it moved.

use std::path::{Path, PathBuf};
use std::process::Output;
use yichuang::domain::case::MaterialStatus;
use yichuang::storage::{Clock, Db};

mod common;
use common::{NOTICE_2027, PARTIAL_2027};

fn run(dir: &Path, args: &[&str]) -> Output {
    common::yichuang(dir).args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn write(dir: &Path, name: &str, body: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, body).unwrap();
    p
}

/// A 30-working-day case accepted on Sunday 20 December 2026; its number.
fn case_in_december(dir: &Path) -> String {
    let (mut db, _) = yichuang::setup::open_or_init(&dir.join("desk.sqlite3"), "root").unwrap();
    db.set_clock(Clock::Fixed(chrono::DateTime::parse_from_rfc3339("2026-12-20T10:00:00+08:00").unwrap()));
    common::thirty_day_case(&mut db, MaterialStatus::Presented).number
}

fn days(dir: &Path) -> usize {
    Db::open_existing(&dir.join("desk.sqlite3")).unwrap().calendar_days().unwrap().len()
}

#[test]
fn a_calendar_import_lists_each_date_and_removes_only_with_replace_year() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    stdout(&run(dir, &["init"]));
    let number = case_in_december(dir);
    let full = write(dir, "2027.toml", NOTICE_2027);
    let out = stdout(&run(dir, &["import", "calendar", full.to_str().unwrap()]));
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].contains("新增 12，修改 0，删除 0，保留 0，未变 0"), "{out}");
    assert!(lines.contains(&"新增 2027-01-01 元旦 放假"), "{out}");
    assert!(lines.contains(&"新增 2027-02-20 春节 调休上班"), "{out}");
    assert!(lines.contains(&"调整日期的在办件 1 件："), "{out}");
    assert!(
        lines.iter().any(|l| l.starts_with(&format!("  {number} 到期日 ")) && l.ends_with("→ 2027-02-02")),
        "{out}"
    );
    let before = days(dir);

    let partial = write(dir, "fix.toml", PARTIAL_2027);
    let out = stdout(&run(dir, &["import", "calendar", partial.to_str().unwrap()]));
    assert_eq!(days(dir), before, "nothing removed without --replace-year: {out}");
    assert!(!out.contains("删除 2027"), "{out}");
    for kept in ["2027-01-02 元旦 放假", "2027-01-04 元旦 放假", "2027-02-12 春节 放假", "2027-02-20 春节 调休上班"]
    {
        assert!(out.lines().any(|l| l == format!("保留 {kept}（文件未列出）")), "{kept}: {out}");
    }
    assert!(out.contains("请加 --replace-year 重新导入"), "{out}");
    let en = stdout(&run(dir, &["import", "calendar", partial.to_str().unwrap(), "--lang", "en"]));
    assert!(en.lines().any(|l| l == "kept 2027-01-04 元旦 day off (not in the file)"), "{en}");
    assert!(en.contains("import again with --replace-year to remove them"), "{en}");

    let out = stdout(&run(dir, &["import", "calendar", partial.to_str().unwrap(), "--replace-year"]));
    assert_eq!(days(dir), before - 11, "{out}");
    assert_eq!(out.lines().filter(|l| l.starts_with("删除 2027-")).count(), 11, "{out}");
    assert!(out.lines().any(|l| l == "删除 2027-01-04 元旦 放假"), "{out}");
    assert!(out.lines().any(|l| l == format!("  {number} 到期日 2027-02-02 → 2027-02-01")), "{out}");
}
