//! The budgets of DESIGN.md §9 on the database they are stated for: 100,000 residents,
//! 10,000 party members and a year of history, made by `yichuang generate` (once per run,
//! into a temporary directory).
//!
//! `cargo bench --bench scale`. Set `YICHUANG_SCALE_RESIDENTS` for another size. Bytes per
//! keystroke and peak memory of the real binary come from `tests/pty_budget.rs` (ignored;
//! `cargo test --release --test pty_budget -- --ignored --nocapture`).

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::cell::RefCell;
use std::path::PathBuf;
use std::sync::OnceLock;
use yichuang::app::residents::{ResidentPage, ResidentsState};
use yichuang::app::{self, App, Effect, Msg, Session};
use yichuang::domain::lang::Lang;
use yichuang::keymap::{KeyChord, Keymap};
use yichuang::runtime::worker::{WorkerContext, handle};
use yichuang::storage::Db;

fn main() {
    divan::main();
}

/// What a clerk types to find someone: six letters of a name's pinyin, one key at a time.
const TYPED: &[&str] = &["wangxi", "zhangm", "liuyan", "chenji", "yangli", "huangj"];

fn scale_db() -> &'static PathBuf {
    static DB: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DB.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("scale.sqlite3");
        let residents = std::env::var("YICHUANG_SCALE_RESIDENTS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
        let scale = yichuang::sample::generate::Scale { residents, members: residents / 10, days: 365, seed: 1 };
        let t = std::time::Instant::now();
        let g = yichuang::sample::generate::generate(&path, "admin", scale).unwrap();
        eprintln!("generated {g:?} in {:.1} s", t.elapsed().as_secs_f64());
        (dir, path)
    })
    .1
}

fn residents() -> ResidentsState {
    let db = Db::open_existing(scale_db()).unwrap();
    let mut s = ResidentsState::default();
    s.append(ResidentPage::new(db.residents().unwrap()));
    s
}

/// Each keystroke of [`TYPED`] (arg: how many letters are typed), re-ranking all residents as
/// the screen does: the previous keystroke's ranking is redone, untimed, before each sample.
#[divan::bench(args = [1, 2, 3, 4, 5, 6], sample_count = 60, sample_size = 1)]
fn residents_keystroke(b: divan::Bencher, letters: usize) {
    let s = RefCell::new(residents());
    let mut n = 0usize;
    b.with_inputs(|| {
        let word = TYPED[n % TYPED.len()];
        n += 1;
        let mut s = s.borrow_mut();
        s.query.clear();
        s.query.insert(&word[..letters - 1]);
        s.research();
        word
    })
    .bench_local_values(|word| {
        let mut s = s.borrow_mut();
        s.query.clear();
        s.query.insert(&word[..letters]);
        s.research();
        s.hits.len()
    });
}

/// A digit tail (the last four of an ID or phone) over all residents.
#[divan::bench(sample_count = 30, sample_size = 1)]
fn residents_id_tail(b: divan::Bencher) {
    let mut s = residents();
    b.bench_local(|| {
        s.query.clear();
        s.query.insert("0043");
        s.research();
        s.hits.len()
    });
}

/// Packing a page of 5,000 residents and preparing its search entries (the worker's part of
/// loading; the UI only appends).
#[divan::bench(sample_count = 10, sample_size = 1)]
fn residents_prepare_page_5000(b: divan::Bencher) {
    let db = Db::open_existing(scale_db()).unwrap();
    b.with_inputs(|| db.residents_page(50_000, 5000).unwrap()).bench_local_values(ResidentPage::new);
}

/// A desk signed in on the scale database with every screen's data loaded, as the worker
/// would answer it.
struct Desk {
    db: Db,
    ctx: WorkerContext,
    app: App,
}

impl Desk {
    fn open(login: &str) -> Desk {
        let db = Db::open_existing(scale_db()).unwrap();
        let op = db.operator(login).unwrap().unwrap();
        let ctx = WorkerContext {
            operator: op.clone(),
            print_command: None,
            receipts_dir: std::env::temp_dir(),
            paper: yichuang::i18n::receipt::Paper::Receipt48,
            keys_file: None,
            acting: None,
            clock: db.clock(),
        };
        let session = Session { operator: op, db_path: "scale".into(), demo: true };
        let now = db.clock().now().naive_local();
        let mut app = App::new(Lang::Zh, Keymap::builtin("default").unwrap(), session, now, yichuang::i18n::describe);
        // As the runtime runs the desk: keystrokes ask for rankings (`Effect::Rank`).
        app.offloaded = true;
        app::update(&mut app, Msg::Resize(160, 48));
        let mut d = Desk { db, ctx, app };
        let start = d.app.start();
        d.run(start);
        d
    }

    fn run(&mut self, mut effects: Vec<Effect>) {
        while let Some(e) = effects.pop() {
            for m in handle(&mut self.db, &self.ctx, e) {
                effects.extend(app::update(&mut self.app, m));
            }
        }
    }

    fn press(&mut self, key: &str) {
        let e = app::update(&mut self.app, Msg::Key(KeyChord::parse(key).unwrap()));
        self.run(e);
    }

    /// One character typed through `update`, the ranking it asks for done as the runtime's
    /// ranking thread does and its answer taken through `update` (the whole path of a
    /// keystroke; nothing else it asks is carried out). Returns the effects seen.
    fn key(&mut self, c: char) -> usize {
        let mut effects = app::update(&mut self.app, Msg::Key(KeyChord::plain(yichuang::keymap::Key::Char(c))));
        let mut seen = 0;
        while let Some(i) = effects.iter().position(|e| matches!(e, Effect::Rank(_))) {
            let Effect::Rank(job) = effects.remove(i) else { unreachable!() };
            effects.extend(app::update(&mut self.app, Msg::Ranked(Box::new(job.run()))));
            seen += 1;
        }
        seen + effects.len()
    }
}

/// Each keystroke of [`TYPED`] in intake's resident step, through `update` as a clerk's key
/// arrives (arg: how many letters are typed): the key goes in, its ranking is done as the
/// runtime's ranking thread does it (narrowing from the previous keystroke's matches) and the
/// answer is taken through `update`. The previous keystrokes are typed, untimed, first.
#[divan::bench(args = [1, 2, 3, 4, 5, 6], sample_count = 60, sample_size = 1)]
fn intake_keystroke(b: divan::Bencher, letters: usize) {
    let d = RefCell::new(Desk::open("admin"));
    {
        let mut d = d.borrow_mut();
        d.press("f2");
        d.press("ctrl-l");
        for c in "SB-001".chars() {
            let e = app::update(&mut d.app, Msg::Key(KeyChord::plain(yichuang::keymap::Key::Char(c))));
            d.run(e);
        }
        d.press("enter");
        d.press("enter");
        assert!(d.app.intake.is_some(), "intake's resident step is open");
    }
    let mut n = 0usize;
    b.with_inputs(|| {
        let word = TYPED[n % TYPED.len()];
        n += 1;
        let mut d = d.borrow_mut();
        d.app.intake.as_mut().unwrap().query.clear();
        // As the clerk's previous keystrokes left it.
        for c in word[..letters - 1].chars() {
            d.key(c);
        }
        word[letters - 1..letters].chars().next().unwrap()
    })
    .bench_local_values(|c| d.borrow_mut().key(c));
}

/// Each keystroke of [`TYPED`] in the booking dialog's resident picker (appointments), as
/// [`intake_keystroke`] measures intake's: through `update`, its ranking done as the runtime
/// does it, the answer taken through `update`.
#[divan::bench(args = [1, 2, 3, 4, 5, 6], sample_count = 60, sample_size = 1)]
fn booking_picker_keystroke(b: divan::Bencher, letters: usize) {
    use yichuang::app::overlay::{Overlay, Prompt, PromptFor};
    let d = RefCell::new(Desk::open("admin"));
    {
        let mut d = d.borrow_mut();
        d.press("f8");
        d.press("n");
        if !matches!(&d.app.overlay, Some(Overlay::Prompt(p)) if p.pick.is_some()) {
            // No slot left to book at the database's clock: the same dialog on tomorrow's first.
            let day = d.app.today().succ_opt().unwrap();
            let mut p = Prompt::new(PromptFor::BookFor, 0, 0, "09:00".into(), 60);
            p.slot = Some((day, chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap(), "SB".into()));
            p.pick = Some(Default::default());
            d.app.overlay = Some(Overlay::Prompt(p));
        }
    }
    let mut n = 0usize;
    b.with_inputs(|| {
        let word = TYPED[n % TYPED.len()];
        n += 1;
        let mut d = d.borrow_mut();
        let Some(Overlay::Prompt(p)) = &mut d.app.overlay else { panic!("the booking dialog is open") };
        p.input.clear();
        for c in word[..letters - 1].chars() {
            d.key(c);
        }
        word[letters - 1..letters].chars().next().unwrap()
    })
    .bench_local_values(|c| {
        let mut d = d.borrow_mut();
        let seen = d.key(c);
        let Some(Overlay::Prompt(p)) = &d.app.overlay else { panic!("the booking dialog stays open") };
        assert!(!p.pick.as_ref().unwrap().found.is_empty(), "the picker lists candidates");
        seen
    });
}

/// Each screen drawn at 160×48 on the scale database (admin sees every screen).
#[divan::bench(
    args = ["catalog", "cases", "residents", "queue", "appointments", "rooms", "mediation", "members", "requests", "dashboard"],
    sample_count = 50
)]
fn render_screen_160x48(b: divan::Bencher, screen: &str) {
    let mut d = Desk::open("admin");
    let key = match screen {
        "catalog" => "f2",
        "cases" => "f4",
        "residents" => "f6",
        "queue" => "f7",
        "appointments" => "f8",
        "rooms" => "alt-r",
        "mediation" => "alt-j",
        "members" => "alt-m",
        "requests" => "alt-q",
        _ => "alt-d",
    };
    d.press(key);
    let theme = yichuang::ui::Theme::new(false);
    let mut term = Terminal::new(TestBackend::new(160, 48)).unwrap();
    b.bench_local(|| term.draw(|f| yichuang::ui::draw(f, &d.app, &theme)).map(|_| ()).unwrap());
}

/// Opening the database, signing in and drawing the first frame, as `yichuang` does before
/// its first screen (the data then streams in from the worker).
#[divan::bench(sample_count = 20, sample_size = 1)]
fn first_frame(b: divan::Bencher) {
    let path = scale_db().clone();
    let theme = yichuang::ui::Theme::new(false);
    b.bench_local(|| {
        let db = Db::open(&path).unwrap();
        let op = yichuang::setup::identify(&db, "wangfang", None).unwrap();
        let session = Session { operator: op, db_path: "scale".into(), demo: true };
        let now = db.clock().now().naive_local();
        let mut app = App::new(Lang::Zh, Keymap::builtin("default").unwrap(), session, now, yichuang::i18n::describe);
        app.size = (160, 48);
        let effects = app.start();
        let mut term = Terminal::new(TestBackend::new(160, 48)).unwrap();
        term.draw(|f| yichuang::ui::draw(f, &app, &theme)).unwrap();
        effects.len()
    });
}

/// The free places (slot, category) of a day, a place for each that capacity allows.
fn free_places(db: &Db, day: chrono::NaiveDate) -> Vec<(chrono::NaiveTime, String)> {
    let mut out = Vec::new();
    for c in db.categories().unwrap() {
        for s in db.slots(day, &c.code).unwrap() {
            for _ in s.booked..s.capacity {
                out.push((s.at, c.code.clone()));
            }
        }
    }
    out
}

/// The `n`th working day after today.
fn working_day(db: &Db, n: usize) -> chrono::NaiveDate {
    let cal = db.calendar().unwrap();
    let mut day = db.clock().now().date_naive();
    for _ in 0..n {
        day += chrono::Duration::days(1);
        while !cal.is_working_day(day) {
            day += chrono::Duration::days(1);
        }
    }
    day
}

/// One write of each kind a desk makes all day, committed on the scale database.
#[divan::bench(args = ["take_number", "book", "check_in"], sample_count = 100, sample_size = 1)]
fn write_commit(b: divan::Bencher, what: &str) {
    let mut db = Db::open_existing(scale_db()).unwrap();
    let mut resident = 1000i64;
    match what {
        "take_number" => b.bench_local(|| db.take_ticket("kiosk", "SB", None, None).unwrap()),
        "book" => {
            let day = working_day(&db, 1);
            let mut places = free_places(&db, day).into_iter();
            b.with_inputs(|| {
                resident += 1;
                (places.next().expect("a free place"), resident)
            })
            .bench_local_values(|((at, cat), r)| db.book("wangfang", day, at, &cat, r).unwrap());
        }
        _ => {
            // Bookings of a later day, checked in (late, so each gets a walk-in number) on that day.
            let day = working_day(&db, 2);
            let mut ids = Vec::new();
            for (at, cat) in free_places(&db, day).into_iter().take(100) {
                resident += 1;
                ids.push(db.book("wangfang", day, at, &cat, resident).unwrap().id);
            }
            let evening = day.and_hms_opt(17, 0, 0).unwrap().and_local_timezone(db.clock().now().timezone()).unwrap();
            db.set_clock(yichuang::storage::Clock::Fixed(evening));
            let mut ids = ids.into_iter();
            b.with_inputs(|| ids.next().expect("a booking"))
                .bench_local_values(|id| db.check_in("wangfang", id).unwrap());
        }
    }
}

/// Eight connections taking numbers at once, 25 each: every number once, none lost, no error.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn eight_concurrent_issuers(b: divan::Bencher) {
    let path = scale_db().clone();
    b.bench_local(|| {
        let threads: Vec<_> = (0..8)
            .map(|_| {
                let path = path.clone();
                std::thread::spawn(move || {
                    let mut db = Db::open_existing(&path).unwrap();
                    (0..25)
                        .map(|_| db.take_ticket("kiosk", "YB", None, None).map(|t| t.ticket.number))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let mut numbers = Vec::new();
        for t in threads {
            for n in t.join().unwrap() {
                numbers.push(n.expect("no error for a busy database"));
            }
        }
        let unique: std::collections::HashSet<_> = numbers.iter().collect();
        assert_eq!(unique.len(), 200, "no duplicates, none lost");
    });
}

/// The Requests tab's list (open first, newest first, the first page, with the highlighted
/// request's timeline) read by the worker and taken through `update`, as a refresh does it.
#[divan::bench(sample_count = 30, sample_size = 1)]
fn requests_list(b: divan::Bencher) {
    let d = RefCell::new(Desk::open("admin"));
    d.borrow_mut().press("alt-q");
    b.bench_local(|| {
        let mut d = d.borrow_mut();
        let e = vec![yichuang::app::requests::reload(&d.app)];
        d.run(e);
        d.app.requests.list.len()
    });
}

/// A `/` filter of the Requests tab typed through `update` (arg: the text), each keystroke's
/// page read by the worker and its answer taken through `update`; the field is cleared,
/// untimed, before each sample.
#[divan::bench(args = ["漏水", "第一网格", "SQ2026"], sample_count = 30, sample_size = 1)]
fn requests_filter(b: divan::Bencher, text: &str) {
    let d = RefCell::new(Desk::open("admin"));
    d.borrow_mut().press("alt-q");
    b.with_inputs(|| {
        let mut d = d.borrow_mut();
        d.press("esc");
        d.press("/");
    })
    .bench_local_values(|()| {
        let mut d = d.borrow_mut();
        for c in text.chars() {
            let e = app::update(&mut d.app, Msg::Key(KeyChord::plain(yichuang::keymap::Key::Char(c))));
            d.run(e);
        }
        d.app.requests.list.len()
    });
}
