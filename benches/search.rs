//! Budgets of DESIGN.md §9 that concern the catalog: per-keystroke ranking of the items,
//! drawing the Catalog screen at 160×48, and making the demo database.
//!
//! Run with `cargo bench`; figures go into the issue notes.

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use yichuang::app::{self, App, Lang, Msg, Session};
use yichuang::domain::catalog::Catalog;
use yichuang::domain::operator::{Operator, Role};
use yichuang::keymap::{Key, KeyChord, Keymap};
use yichuang::search::{Index, item_document};

fn main() {
    divan::main();
}

fn catalog() -> Catalog {
    Catalog::parse("items", yichuang::setup::CATALOG).unwrap()
}

fn index() -> Index {
    let c = catalog();
    Index::new(c.items.iter().map(|i| item_document(i, &c.categories)).collect())
}

/// A clerk typing `ylbx` one key at a time: four re-rankings per iteration.
#[divan::bench]
fn items_typing_ylbx_four_keystrokes(b: divan::Bencher) {
    let mut idx = index();
    b.bench_local(|| {
        idx.search("", 200);
        for q in ["y", "yl", "ylb", "ylbx"] {
            divan::black_box(idx.search(q, 200));
        }
    });
}

/// One fresh search over all 123 items (no narrowing from a previous keystroke).
#[divan::bench(args = ["gljt", "社保卡", "shehuibaozhang"])]
fn items_fresh_query(b: divan::Bencher, q: &str) {
    let mut idx = index();
    b.bench_local(|| {
        idx.search("", 200);
        divan::black_box(idx.search(q, 200))
    });
}

fn app() -> App {
    let op =
        Operator {
            id: 1, login: "w".into(), name: "王芳".into(), role: Role::Clerk, window: Some(3), retired: false
        };
    let session = Session { operator: op, db_path: "x".into(), demo: false };
    let now = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap().and_hms_opt(9, 0, 0).unwrap();
    let mut a = App::new(Lang::Zh, Keymap::builtin("default").unwrap(), session, now, yichuang::i18n::describe);
    let c = catalog();
    app::update(&mut a, Msg::CatalogLoaded(c.items, c.categories));
    for ch in "ylbx".chars() {
        app::update(&mut a, Msg::Key(KeyChord::plain(Key::Char(ch))));
    }
    a
}

/// Drawing the Catalog screen at 160×48 (budget: 2 ms).
#[divan::bench]
fn render_catalog_160x48(b: divan::Bencher) {
    let a = app();
    let theme = yichuang::ui::Theme::new(false);
    let mut t = Terminal::new(TestBackend::new(160, 48)).unwrap();
    b.bench_local(|| {
        t.draw(|f| yichuang::ui::draw(f, &a, &theme)).unwrap();
    });
}

/// A keystroke end to end in the app: update, re-rank, draw.
#[divan::bench]
fn keystroke_update_and_draw_160x48(b: divan::Bencher) {
    let mut a = app();
    let theme = yichuang::ui::Theme::new(false);
    let mut t = Terminal::new(TestBackend::new(160, 48)).unwrap();
    let keys = [KeyChord::plain(Key::Char('x')), KeyChord::plain(Key::Backspace)];
    let mut i = 0;
    b.bench_local(|| {
        app::update(&mut a, Msg::Key(keys[i % 2]));
        i += 1;
        t.draw(|f| yichuang::ui::draw(f, &a, &theme)).unwrap();
    });
}

/// A fresh demo database: schema, 123 items, the calendar and the staff (budget: 1 s).
#[divan::bench(sample_count = 10, sample_size = 1)]
fn make_demo_database(b: divan::Bencher) {
    b.with_inputs(|| tempfile::tempdir().unwrap()).bench_local_values(|dir| {
        yichuang::setup::make_demo(&dir.path().join("demo.sqlite3"), "bench").unwrap();
        dir
    });
}

/// One case write: a transition in its own `BEGIN IMMEDIATE` transaction with its event and
/// audit rows (budget for a write: 5 ms median).
#[divan::bench(sample_count = 50, sample_size = 1)]
fn case_transition_commit(b: divan::Bencher) {
    use yichuang::domain::case::Transition;
    let dir = tempfile::tempdir().unwrap();
    let mut db = yichuang::setup::make_demo(&dir.path().join("demo.sqlite3"), "bench").unwrap();
    let open = db
        .cases(
            &yichuang::storage::CaseFilter {
                states: vec![yichuang::domain::case::CaseState::InProgress],
                ..Default::default()
            },
            None,
            1,
        )
        .unwrap();
    let mut case = open[0].clone();
    b.bench_local(|| {
        let t = if case.state == yichuang::domain::case::CaseState::Suspended {
            Transition::Resume
        } else {
            Transition::Suspend
        };
        case = db.transition("wangfang", case.id, case.version, t, "等待协查").unwrap();
    });
}

/// Taking a number: counter and ticket in one `BEGIN IMMEDIATE` transaction, with its place
/// in line (budget for a write: 5 ms median).
#[divan::bench(sample_count = 100, sample_size = 1)]
fn take_a_number(b: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let mut db = yichuang::setup::make_demo(&dir.path().join("demo.sqlite3"), "bench").unwrap();
    b.bench_local(|| db.take_ticket("wangfang", "SB", None, None).unwrap());
}
