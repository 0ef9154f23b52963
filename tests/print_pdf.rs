//! The workbooks we hand out, printed as a work unit or the street office prints them: each
//! converted to PDF by LibreOffice (`soffice --headless --convert-to pdf`) and read back with
//! poppler's `pdftotext -layout` and `pdfinfo`. Every page carries the whole header row (one
//! page wide, header repeated), and page 1 carries the title and the totals.
//!
//! LibreOffice Calc, poppler and a Chinese font are installed from Debian's packages when
//! missing (`.ci/run` does the same); without them the test fails, it never skips.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const NOW: &str = "2026-11-25T10:00";

fn err(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn have(program: &str) -> bool {
    Command::new("sh").arg("-c").arg(format!("command -v {program}")).output().is_ok_and(|o| o.status.success())
}

fn have_chinese_font() -> bool {
    Command::new("fc-list").arg(":lang=zh").output().is_ok_and(|o| !o.stdout.is_empty())
}

/// Installs LibreOffice Calc (without its GUI), poppler's tools and a Chinese font when missing.
fn ensure_tools() {
    if have("soffice") && have("pdftotext") && have("pdfinfo") && have_chinese_font() {
        return;
    }
    let apt = |args: &[&str]| {
        let o = Command::new("apt-get")
            .args(args)
            .env("DEBIAN_FRONTEND", "noninteractive")
            .output()
            .unwrap_or_else(|e| panic!("apt-get is needed to install LibreOffice and poppler: {e}"));
        assert!(o.status.success(), "apt-get {args:?}: {}", err(&o));
    };
    apt(&["update", "-q"]);
    apt(&[
        "install",
        "-y",
        "-q",
        "--no-install-recommends",
        "libreoffice-calc-nogui",
        "poppler-utils",
        "fonts-wqy-zenhei",
    ]);
    assert!(have("soffice") && have("pdftotext") && have("pdfinfo") && have_chinese_font(), "tools still missing");
}

fn yichuang(db: &Path, args: &[&str]) -> Output {
    let o = Command::new(env!("CARGO_BIN_EXE_yichuang"))
        .args(["--demo", "--now", NOW, "--as", "chenjing", "--db"])
        .arg(db)
        .args(args)
        .output()
        .unwrap();
    assert!(o.status.success(), "{args:?}: {}", err(&o));
    o
}

/// Converts workbooks to PDF beside them, with a LibreOffice profile of this test's own.
fn to_pdf(dir: &Path, books: &[PathBuf]) -> Vec<PathBuf> {
    let profile = format!("-env:UserInstallation=file://{}", dir.join("lo-profile").display());
    let o = Command::new("soffice")
        .args(["--headless", "--norestore", &profile, "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .args(books)
        .output()
        .unwrap();
    assert!(o.status.success(), "soffice: {}", err(&o));
    let pdfs: Vec<PathBuf> = books.iter().map(|b| dir.join(b.with_extension("pdf").file_name().unwrap())).collect();
    for p in &pdfs {
        assert!(p.exists(), "{} not written: {}", p.display(), err(&o));
    }
    pdfs
}

fn pages(pdf: &Path) -> u32 {
    let o = Command::new("pdfinfo").arg(pdf).output().unwrap();
    let info = String::from_utf8_lossy(&o.stdout).into_owned();
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in {info}"))
}

fn page_text(pdf: &Path, page: u32) -> String {
    let n = page.to_string();
    let o = Command::new("pdftotext").args(["-layout", "-f", &n, "-l", &n]).arg(pdf).arg("-").output().unwrap();
    assert!(o.status.success(), "pdftotext: {}", err(&o));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Every page has a line holding a table's first and last column headers: the whole row is
/// on the page (one page wide) and the header is repeated on each.
fn every_page_has_a_whole_header(pdf: &Path, headers: &[(&str, &str)]) {
    for page in 1..=pages(pdf) {
        let text = page_text(pdf, page);
        let whole = text.lines().any(|l| headers.iter().any(|(first, last)| l.contains(first) && l.contains(last)));
        assert!(whole, "{} page {page} lacks a whole header row {headers:?}:\n{text}", pdf.display());
    }
}

#[test]
fn a_one_unit_feedback_and_the_monthly_report_print_one_page_wide_with_title_and_totals_on_page_1() {
    ensure_tools();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let month = dir.path().join("月报.xlsx");
    yichuang(&db, &["report", "monthly", "--format", "xlsx", "--out", month.to_str().unwrap()]);
    let folder = dir.path().join("feedback");
    let out = yichuang(
        &db,
        &["members", "feedback", "--quarter", "2026Q4", "--format", "xlsx", "--out", folder.to_str().unwrap()],
    );
    let units: Vec<PathBuf> = String::from_utf8_lossy(&out.stdout).lines().map(PathBuf::from).collect();
    assert!(units.len() >= 3, "the demo has several work units: {units:?}");
    let mut books = vec![month];
    books.extend(units.iter().cloned());
    let pdfs = to_pdf(dir.path(), &books);

    let report = &pdfs[0];
    assert_eq!(pages(report), 5, "one page per section (queue, cases, rooms, members, requests)");
    every_page_has_a_whole_header(
        report,
        &[("维度", "超30分钟占比"), ("维度", "平均评价"), ("维度", "小时"), ("工作单位", "积分"), ("维度", "不满意")],
    );
    let first = page_text(report, 1);
    assert!(first.contains("幸福里社区党群服务中心 · 2026年11月 工作月报"), "{first}");
    assert!(first.contains("统计时段：2026-11-01 至 2026-11-30（截至 2026-11-25）"), "{first}");
    let total = first.lines().find(|l| l.trim_start().starts_with("全部")).unwrap_or_else(|| panic!("{first}"));
    assert!(total.trim_end().ends_with('%'), "the hall's row runs to its last column on page 1: {total}");
    let members = page_text(report, 4);
    assert!(members.lines().any(|l| l.trim_start().starts_with("合计")), "{members}");

    for (book, pdf) in units.iter().zip(&pdfs[1..]) {
        let unit = book.file_stem().unwrap().to_string_lossy().trim_start_matches("2026Q4-").to_string();
        every_page_has_a_whole_header(pdf, &[("姓名", "年度目标（小时）")]);
        let first = page_text(pdf, 1);
        assert!(first.contains("在职党员社区服务反馈单"), "{first}");
        assert!(first.contains(&format!("报送单位：{unit}")), "{first}");
        assert!(first.contains("截至 2026-11-25") && first.contains("联系电话：025-52381234"), "{first}");
        assert!(first.contains("合计：党员 "), "the unit's totals on page 1:\n{first}");
        let last = page_text(pdf, pages(pdf));
        let row = last.lines().find(|l| l.trim_start().starts_with("合计 ")).unwrap_or_else(|| panic!("{last}"));
        let figures = row.split_whitespace().filter(|w| w.parse::<f64>().is_ok()).count();
        assert_eq!(figures, 3, "hours, points and the year to date on the 合计 row: {row}");
        assert!(last.contains("社区党组织（盖章）") && last.contains("签收人（签字）"), "{last}");
    }
}
