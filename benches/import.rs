//! `yichuang import residents` of a register of 100,000 generated residents in one xlsx, as a
//! whole process on a fresh database: what a centre's first day costs. Then one `find` of an
//! imported name, as a desk's search would meet it.
//!
//! `cargo bench --bench import`. `YICHUANG_SCALE_RESIDENTS` sets the size (default 100,000).

use std::process::{Command, Stdio};
use std::time::Instant;

const SURNAMES: &[&str] = &["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡"];
const GIVEN: &[&str] = &["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟"];

fn id(n: usize) -> String {
    // Birth dates over 1940–1999, order codes from the row number: unique and valid.
    let day = n % 28 + 1;
    let month = n / 28 % 12 + 1;
    let year = 1940 + n / 336 % 60;
    let body = format!("110105{year:04}{month:02}{day:02}{:03}", n / 20160 % 1000);
    let w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let s: u32 = body.bytes().zip(w).map(|(b, w)| (b - b'0') as u32 * w).sum();
    format!("{body}{}", b"10X98765432"[(s % 11) as usize] as char)
}

fn main() {
    let residents: usize =
        std::env::var("YICHUANG_SCALE_RESIDENTS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("import.sqlite3");
    let bin = env!("CARGO_BIN_EXE_yichuang");
    let ok = Command::new(bin).arg("--db").arg(&db).arg("init").stdout(Stdio::null()).status().unwrap();
    assert!(ok.success(), "init failed");
    let t = Instant::now();
    let book_path = dir.path().join("register.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (c, h) in
        ["姓名", "身份证号", "联系电话", "小区", "楼栋", "单元", "户号", "网格", "人员类别"].iter().enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for n in 0..residents {
        let r = n as u32 + 1;
        let name = format!("{}{}", SURNAMES[n % SURNAMES.len()], GIVEN[n / SURNAMES.len() % GIVEN.len()]);
        ws.write_string(r, 0, name).unwrap();
        ws.write_string(r, 1, id(n)).unwrap();
        ws.write_string(r, 2, format!("138{:08}", n)).unwrap();
        ws.write_string(r, 3, format!("幸福里{}期", n % 5 + 1)).unwrap();
        ws.write_number(r, 4, (n % 30 + 1) as f64).unwrap();
        ws.write_number(r, 5, (n % 4 + 1) as f64).unwrap();
        ws.write_number(r, 6, (n % 1200 + 101) as f64).unwrap();
        ws.write_string(r, 7, format!("第{}网格", n % 12 + 1)).unwrap();
        ws.write_string(r, 8, if n % 9 == 0 { "低保" } else { "" }).unwrap();
    }
    book.save(&book_path).unwrap();
    eprintln!("wrote {residents} rows to an xlsx in {:.1} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let out = Command::new(bin).arg("--db").arg(&db).args(["import", "residents"]).arg(&book_path).output().unwrap();
    let took = t.elapsed().as_secs_f64();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    print!("{}", String::from_utf8_lossy(&out.stdout));
    println!("import residents, {residents} rows from xlsx: {took:.1} s (budget 60 s)");
    let t = Instant::now();
    let out = Command::new(bin)
        .arg("--db")
        .arg(&db)
        .args(["find", "wangwei", "--in", "residents", "--limit", "1"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    println!("first find after it: {:.2} s", t.elapsed().as_secs_f64());
}
