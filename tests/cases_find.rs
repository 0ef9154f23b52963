//! Cases found by their number, a name or an item: the Cases tab's filter field, a scanned
//! receipt number anywhere a search takes Enter, `find --in cases`; the list reads on past
//! its first page and its filters run before the limit; F2 starts an empty search; messages
//! show in one place of their own.

mod common;

use chrono::{Duration, NaiveDate};
use common::desk::Desk;
use std::process::Command;
use yichuang::app::{Msg, Tab};
use yichuang::domain::case::{Case, CaseState};
use yichuang::domain::operator::Role;
use yichuang::model::CaseFilter;
use yichuang::storage::Db;
use yichuang::storage::bulk::{CaseRow, DayRows};

const NOW: &str = "2026-11-20T09:41:00+08:00";

/// The demo centre on a fresh database, with its staff.
fn demo_db() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, _) = yichuang::setup::open_or_init(&dir.path().join("q.sqlite3"), &common::me()).unwrap();
    for (l, name, role, window) in yichuang::setup::DEMO_STAFF {
        db.add_operator(&common::me(), l, name, *role, *window).unwrap();
    }
    let t = chrono::DateTime::parse_from_rfc3339(NOW).unwrap();
    yichuang::sample::demo::populate(&mut db, t, &["wangfang", "liqiang", "zhouli"]).unwrap();
    (dir, db)
}

/// 王芳 at window 1 on the demo centre, at 120×30.
fn demo_desk() -> Desk {
    let (dir, db) = demo_db();
    let mut d = Desk::with(dir, db, "wangfang", "王芳", Role::Clerk, Some(1), NOW);
    let e = yichuang::app::update(&mut d.app, Msg::Resize(120, 30));
    d.run(e);
    d
}

fn all_cases(db: &Db) -> Vec<Case> {
    db.cases(&CaseFilter::default(), None, 10_000).unwrap()
}

fn numbers(d: &Desk) -> Vec<String> {
    d.app.cases.list.iter().map(|c| c.number.clone()).collect()
}

#[test]
fn a_case_is_found_by_its_number_on_the_cases_tab() {
    let mut d = demo_desk();
    let all = all_cases(&d.db);
    let closed = all.iter().find(|c| c.state == CaseState::Completed).expect("a completed demo case");
    d.press("f4");
    let open = d.app.cases.list.len();
    while d.app.cases.view != yichuang::app::cases::CaseView::All {
        d.press("f");
    }
    // By number: that case alone.
    d.press("/");
    d.typed(&closed.number);
    assert_eq!(numbers(&d), vec![closed.number.clone()], "the number finds its case");
    let s = common::screen(&d.app, 120, 30);
    assert!(s.contains(&closed.number) && s.contains("找办件"), "{s}");
    // A prefix of a number (the day) finds that day's cases only.
    d.press("esc");
    assert!(d.app.cases.query.text().is_empty(), "Esc clears the filter");
    assert_eq!(d.app.cases.list.len(), all.len(), "and the whole view is back");
    let day = &closed.number[..8];
    d.press("/");
    d.typed(day);
    assert!(!d.app.cases.list.is_empty());
    assert!(d.app.cases.list.iter().all(|c| c.number.starts_with(day)));
    assert_eq!(d.app.cases.list.len(), all.iter().filter(|c| c.number.starts_with(day)).count());
    d.press("esc");
    // By the resident's name.
    let name = closed.resident_name.clone();
    d.press("/");
    d.typed(&name);
    let want: Vec<&Case> = all.iter().filter(|c| c.resident_name.contains(&name)).collect();
    assert_eq!(d.app.cases.list.len(), want.len(), "{:?}", numbers(&d));
    assert!(d.app.cases.list.iter().all(|c| c.resident_name.contains(&name)));
    d.press("esc");
    // By the item's name, and by its pinyin initials as the catalog finds it.
    let item = closed.item_name.clone();
    d.press("/");
    d.typed(&item);
    assert!(d.app.cases.list.iter().any(|c| c.number == closed.number));
    assert!(d.app.cases.list.iter().all(|c| c.item_name.contains(&item)));
    d.press("esc");
    let initials = initials_of(&item);
    d.press("/");
    d.typed(&initials);
    assert!(d.app.cases.list.iter().any(|c| c.number == closed.number), "{initials} finds {item}");
    assert!(d.app.cases.list.len() < all.len(), "{initials} narrows the list");
    // Esc on the field clears it; the open view is as it was.
    d.press("esc");
    while d.app.cases.view != yichuang::app::cases::CaseView::Open {
        d.press("f");
    }
    assert_eq!(d.app.cases.list.len(), open);
}

fn initials_of(name: &str) -> String {
    let r = yichuang::search::readings(name, false);
    r.variants(1)[0].iter().filter_map(|s| s.chars().next()).collect()
}

#[test]
fn a_scanned_case_number_opens_the_case() {
    let mut d = demo_desk();
    let all = all_cases(&d.db);
    // A closed case too: the receipt of any case opens it.
    let case = all.iter().find(|c| c.state == CaseState::Completed).expect("a completed demo case").clone();
    let opened = |d: &Desk, how: &str| {
        assert_eq!(d.app.tab, Tab::Cases, "{how}");
        assert_eq!(d.app.cases.selected_case().map(|c| c.number.clone()), Some(case.number.clone()), "{how}");
        assert_eq!(d.app.cases.detail.as_ref().map(|x| x.case.id), Some(case.id), "{how}: its detail is read");
        let s = common::screen(&d.app, 120, 30);
        assert!(s.contains(&case.number), "{how}: {s}");
    };
    // The catalog's search (F2), as a barcode reader types: the number, then Enter.
    d.press("f2");
    d.typed(&case.number);
    d.press("enter");
    opened(&d, "catalog");
    assert!(d.app.catalog.query.text().is_empty(), "the number does not stay in the item search");
    // The residents' search (F6).
    d.press("f6");
    d.typed(&case.number);
    d.press("enter");
    opened(&d, "residents");
    // The resident search of an intake: the intake waits on the catalog tab.
    d.press("f2");
    d.typed("低保");
    d.press("enter");
    d.press("enter");
    assert!(d.app.intake.is_some());
    d.typed(&case.number);
    d.press("enter");
    opened(&d, "intake");
    assert!(d.app.intake.is_some(), "the intake is kept");
    // The Cases tab itself, with no key first: the digits open the filter field; the open
    // view does not hold this closed case, so the field finds nothing until Enter opens it.
    d.press("esc");
    while d.app.cases.view != yichuang::app::cases::CaseView::Open {
        d.press("f");
    }
    d.typed(&case.number);
    assert!(d.app.cases.list.is_empty());
    d.press("enter");
    opened(&d, "cases");
    // Something that is not a whole number is a search as before.
    d.press("f2");
    d.typed("20261120");
    d.press("enter");
    assert_eq!(d.app.tab, Tab::Catalog);
}

#[test]
fn find_in_cases_masks_ids() {
    let (dir, db) = demo_db();
    let case = all_cases(&db).into_iter().next().unwrap();
    let phone = db.resident(case.resident_id).unwrap().unwrap().phone;
    drop(db);
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_yichuang"))
            .arg("--db")
            .arg(dir.path().join("q.sqlite3"))
            .args(args)
            .env("HOME", dir.path())
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .env("XDG_DATA_HOME", dir.path().join("data"))
            .env_remove("YICHUANG_DB")
            .output()
            .unwrap()
    };
    for args in [
        vec!["--as", "wangfang", "find", &case.number, "--in", "cases"],
        vec!["--as", "wangfang", "find", &case.resident_name, "--in", "cases", "--json"],
    ] {
        let out = run(&args);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(text.contains(&case.number) && text.contains(&case.resident_name), "{args:?}: {text}");
        let masked = yichuang::domain::resident::mask_id(&case.resident_id_number);
        assert!(text.contains(&masked), "{args:?}: {text}");
        assert!(!text.contains(&case.resident_id_number), "{args:?}: the whole ID shows: {text}");
        if !phone.is_empty() {
            assert!(!text.contains(&phone), "{args:?}: the whole phone shows: {text}");
        }
    }
    // As other case reads: a role without cases is refused.
    let out = run(&["--as", "zhaolei", "find", &case.number, "--in", "cases"]);
    assert!(!out.status.success());
    assert!(!String::from_utf8_lossy(&out.stdout).contains(&case.resident_name));
}

/// `n` running cases of the demo's first resident and item, due on `due`.
fn bulk_cases(db: &mut Db, n: usize, due: NaiveDate) {
    let item = all_cases(db).into_iter().next().unwrap();
    let day = due - Duration::days(30);
    let at = day.and_hms_opt(10, 0, 0).unwrap();
    let cases = (0..n)
        .map(|_| CaseRow {
            item_code: item.item_code.clone(),
            resident_id: item.resident_id,
            operator: "liqiang".into(),
            channel: "window",
            state: "accepted",
            received_at: at,
            due,
            closed_at: None,
            rating: None,
            materials: vec![],
        })
        .collect();
    db.bulk_day("root", &DayRows { day, cases, ..Default::default() }).unwrap();
}

#[test]
fn the_case_list_says_when_there_is_more() {
    let (dir, mut db) = demo_db();
    let page = yichuang::model::CASE_PAGE;
    bulk_cases(&mut db, page + 100, NaiveDate::from_ymd_opt(2026, 12, 30).unwrap());
    let mut d = Desk::with(dir, db, "wangfang", "王芳", Role::Clerk, Some(1), NOW);
    let e = yichuang::app::update(&mut d.app, Msg::Resize(120, 30));
    d.run(e);
    d.press("f4");
    let total = d.db.case_count(&d.app.case_filter()).unwrap();
    assert!(total > page);
    assert_eq!(d.app.cases.list.len(), page, "a page at a time");
    assert_eq!(d.app.cases.total, total);
    let s = common::screen(&d.app, 120, 30);
    assert!(s.contains(&format!("{page} / {total}")), "the title counts them all: {s}");
    assert!(s.contains(&format!("还有 {} 件未列出", total - page)), "the list says there is more: {s}");
    // Past the end: the next page is read and the cursor goes on.
    d.press("end");
    assert_eq!(d.app.cases.selected, page - 1);
    d.press("down");
    assert_eq!(d.app.cases.list.len(), total, "the rest is read");
    assert_eq!(d.app.cases.selected, page);
    let ids: std::collections::HashSet<i64> = d.app.cases.list.iter().map(|c| c.id).collect();
    assert_eq!(ids.len(), total, "no case twice");
    let s = common::screen(&d.app, 120, 30);
    assert!(!s.contains("未列出") && s.contains(&format!("({total})")), "{s}");
    // A reload (another desk wrote something) keeps the pages read.
    d.run(vec![yichuang::app::Effect::LoadCases(d.app.case_filter())]);
    assert_eq!(d.app.cases.list.len(), total);
    assert_eq!(d.app.cases.selected, page);
}

#[test]
fn the_due_soon_filter_runs_before_the_limit() {
    let (dir, mut db) = demo_db();
    let page = yichuang::model::CASE_PAGE;
    // More than a page of overdue cases, which come first in due order.
    bulk_cases(&mut db, page + 10, NaiveDate::from_ymd_opt(2026, 11, 2).unwrap());
    let mut d = Desk::with(dir, db, "wangfang", "王芳", Role::Clerk, Some(1), NOW);
    d.press("f4");
    d.press("f");
    assert_eq!(d.app.cases.view, yichuang::app::cases::CaseView::DueSoon);
    let due_soon = d.app.cases.counts.due_soon;
    assert!(due_soon > 0, "the demo has cases due soon");
    assert_eq!(d.app.cases.list.len(), due_soon, "every case due soon is listed, as the status line counts");
    assert_eq!(d.app.cases.total, due_soon);
    let cal = d.app.calendar.clone();
    for c in &d.app.cases.list {
        let u = yichuang::domain::case::urgency(&cal, c.due.unwrap(), d.app.today());
        assert_eq!(u, yichuang::domain::case::Urgency::DueSoon, "{}", c.number);
    }
}

#[test]
fn f2_opens_an_empty_search() {
    let mut a = common::app(yichuang::domain::lang::Lang::Zh, "default");
    common::type_text(&mut a, "cbdj");
    let found = a.catalog.hits.len();
    common::press(&mut a, "f4");
    common::press(&mut a, "f2");
    assert!(a.catalog.query.text().is_empty(), "F2 starts an empty search");
    assert_eq!(a.catalog.hits.len(), a.catalog.items.len());
    assert_eq!(a.mode(), yichuang::keymap::Mode::Insert, "typing goes to the field");
    let s = common::screen(&a, 120, 30);
    assert!(s.contains("↑ 上次搜索：cbdj"), "the last search is a key away: {s}");
    // Typing starts afresh; nothing is appended to the last search.
    common::type_text(&mut a, "yb");
    assert_eq!(a.catalog.query.text(), "yb");
    // Coming back, Up brings the last search back.
    common::press(&mut a, "f4");
    common::press(&mut a, "f2");
    common::press(&mut a, "up");
    assert_eq!(a.catalog.query.text(), "yb");
    // One Esc clears a search; none is needed on arrival.
    common::press(&mut a, "f4");
    common::press(&mut a, "f2");
    common::type_text(&mut a, "cbdj");
    assert_eq!(a.catalog.hits.len(), found);
}

#[test]
fn a_message_never_covers_a_border_or_the_hints() {
    for (w, h) in [(80u16, 24u16), (160, 50)] {
        for tab in ["f2", "f4", "f6", "f7"] {
            let mut a = common::app(yichuang::domain::lang::Lang::Zh, "default");
            common::press(&mut a, tab);
            let before = common::terminal(&a, w, h).backend().buffer().clone();
            common::send(&mut a, Msg::PrintFailed("第一条消息：旧的".into()));
            common::send(&mut a, Msg::PrintFailed("第二条消息：打印机没有纸".into()));
            let after = common::terminal(&a, w, h).backend().buffer().clone();
            let status = h - 2;
            for y in 0..h {
                for x in 0..w {
                    let (b, n) = (before[(x, y)].symbol(), after[(x, y)].symbol());
                    if y != status {
                        assert_eq!(b, n, "{w}x{h} {tab}: the message changed ({x},{y}) outside the status line");
                    }
                    if "│─┌┐└┘├┤".contains(b) && !b.is_empty() && b != " " {
                        assert_eq!(b, n, "{w}x{h} {tab}: a border cell ({x},{y}) was drawn over");
                    }
                }
            }
            let s = common::screen(&a, w, h);
            let line = s.lines().nth(status as usize).unwrap();
            assert!(line.contains("打印机没有纸"), "{w}x{h} {tab}: the newest message shows: {s}");
            assert!(!s.contains("旧的"), "{w}x{h} {tab}: an older message is not stacked: {s}");
        }
    }
}
