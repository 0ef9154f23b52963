//! Budgets of DESIGN.md §9 that concern the catalog: per-keystroke ranking of the items,
//! drawing the Catalog screen at 160×48, and making the demo database.
//!
//! Run with `cargo bench`; figures go into the issue notes.

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use yichuang::app::{self, App, Msg, Session};
use yichuang::domain::catalog::Catalog;
use yichuang::domain::lang::Lang;
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
        yichuang::sample::demo::make(&dir.path().join("demo.sqlite3"), "bench").unwrap();
        dir
    });
}

/// One case write: a transition in its own `BEGIN IMMEDIATE` transaction with its event and
/// audit rows (budget for a write: 5 ms median).
#[divan::bench(sample_count = 50, sample_size = 1)]
fn case_transition_commit(b: divan::Bencher) {
    use yichuang::domain::case::Transition;
    let dir = tempfile::tempdir().unwrap();
    let mut db = yichuang::sample::demo::make(&dir.path().join("demo.sqlite3"), "bench").unwrap();
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
    let mut db = yichuang::sample::demo::make(&dir.path().join("demo.sqlite3"), "bench").unwrap();
    b.bench_local(|| db.take_ticket("wangfang", "SB", None, None).unwrap());
}

/// A check-in and a check-out at the door, each its own `BEGIN IMMEDIATE` transaction with
/// its audit row (budget for a write: 5 ms median; one sample is both writes).
#[divan::bench(sample_count = 35, sample_size = 1)]
fn member_check_in_and_out(b: divan::Bencher) {
    use yichuang::domain::member::{Activity, Post};
    let dir = tempfile::tempdir().unwrap();
    let mut db = yichuang::sample::demo::make(&dir.path().join("demo.sqlite3"), "bench").unwrap();
    let now = db.clock().now().naive_local();
    let a = Activity {
        id: 0,
        title: "基准活动".into(),
        category: Post::Other,
        organiser: String::new(),
        place: String::new(),
        start: now,
        end: now + chrono::Duration::hours(1),
        capacity: 500,
        rate: 1,
        needs: String::new(),
    };
    let a = db.add_activity("bench", &a).unwrap();
    let year = chrono::Datelike::year(&now.date());
    // Members not checked in anywhere now (the demo's live activity overlaps this one).
    let busy: Vec<i64> = db
        .activities(now.date(), now.date())
        .unwrap()
        .iter()
        .flat_map(|(x, _)| db.activity_records(x.id).unwrap())
        .map(|(s, _)| s.member_id)
        .collect();
    let mut free = db.members(year).unwrap().into_iter().map(|t| t.member.id).filter(|id| !busy.contains(id));
    b.bench_local(|| {
        let m = free.next().expect("enough members");
        db.member_check_in("bench", m, a.id, now).unwrap();
        db.member_check_out("bench", m, a.id, now).unwrap();
    });
}

/// 10,000 members registered one by one (the bench set-up).
fn ten_thousand_members() -> (tempfile::TempDir, yichuang::storage::Db) {
    use yichuang::domain::member::MemberDraft;
    use yichuang::domain::resident::check_char;
    let dir = tempfile::tempdir().unwrap();
    let (mut db, _) = yichuang::setup::open_or_init(&dir.path().join("m.sqlite3"), "bench").unwrap();
    let today = db.clock().now().date_naive();
    for i in 0..10_000u32 {
        let first17 = format!("3201021980{:07}", 1_010_000 + i);
        let d = MemberDraft {
            name: format!("党员{i}"),
            id_number: format!("{first17}{}", check_char(&first17).unwrap()),
            phone: format!("139{:08}", i),
            unit: format!("单位{}", i % 40),
            ..Default::default()
        };
        if let Ok(m) = d.validate(today) {
            db.register_member("bench", &m).unwrap();
        }
    }
    (dir, db)
}

/// Reading 10,000 members with the year's totals: the worker's part of refreshing the Members
/// screen when another session changes something.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn members_read_10000(b: divan::Bencher) {
    let (_dir, db) = ten_thousand_members();
    let year = chrono::Datelike::year(&db.clock().now().date_naive());
    b.bench_local(|| divan::black_box(db.members(year).unwrap()));
}

/// Building the search index of 10,000 members (on the UI thread, only when people change).
#[divan::bench(sample_count = 10, sample_size = 1)]
fn members_index_10000(b: divan::Bencher) {
    let (_dir, db) = ten_thousand_members();
    let all = db.members(chrono::Datelike::year(&db.clock().now().date_naive())).unwrap();
    b.bench_local(|| Index::new(all.iter().map(|t| yichuang::search::member_document(&t.member)).collect()));
}
