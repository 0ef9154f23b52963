//! Ranking off the UI thread, as the real runtime runs the desk: a keystroke asks for a
//! ranking (`Effect::Rank`) instead of ranking; the answer is shown only while it is for the
//! query in the field and the index it was ranked on; one job per field is out at a time, and
//! its narrowing comes back with it. The jobs are held here and answered when the test says.

mod common;

use common::desk::Desk;
use yichuang::app::ranking::RankJob;
use yichuang::app::residents::ResidentPage;
use yichuang::app::{self, Effect, Msg};
use yichuang::domain::operator::Role;
use yichuang::domain::resident::{Resident, ResidentDraft, check_char};
use yichuang::keymap::{Key, KeyChord};

const NOW: &str = "2026-11-20T08:40:00+08:00"; // Friday, before the first slots

const NAMES: [&str; 7] = ["王建国", "王芳", "汪洋", "万华", "张秀英", "李娜", "王建华"];

fn id_number(i: usize) -> String {
    let first17 = format!("32010219800101{:03}", 100 + i);
    format!("{first17}{}", check_char(&first17).unwrap())
}

fn draft(i: usize, name: &str) -> Resident {
    let d = ResidentDraft {
        name: name.into(),
        id_number: id_number(i),
        phone: format!("1381234{:04}", 1000 + i),
        ..Default::default()
    };
    d.validate("2026-11-20".parse().unwrap()).unwrap()
}

/// A clerk's desk over seven residents, ranking offloaded as the runtime does.
fn desk() -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, _) = yichuang::setup::open_or_init(&dir.path().join("q.sqlite3"), "root").unwrap();
    for (i, name) in NAMES.iter().enumerate() {
        db.register_resident("root", &draft(i, name)).unwrap();
    }
    let mut d = Desk::with(dir, db, "wangfang", "王芳", Role::Clerk, Some(1), NOW);
    d.app.offloaded = true;
    d
}

/// Carries out what is not a ranking; returns the rankings asked for.
fn carry(d: &mut Desk, effects: Vec<Effect>) -> Vec<RankJob> {
    let mut jobs = Vec::new();
    let mut rest = Vec::new();
    for e in effects {
        match e {
            Effect::Rank(job) => jobs.push(*job),
            other => rest.push(other),
        }
    }
    d.run(rest);
    jobs
}

/// Presses a key (a named key, or one character typed).
fn key(d: &mut Desk, k: &str) -> Vec<RankJob> {
    let chord = match k.chars().count() {
        1 => KeyChord::plain(Key::Char(k.chars().next().unwrap())),
        _ => KeyChord::parse(k).unwrap(),
    };
    let e = app::update(&mut d.app, Msg::Key(chord));
    carry(d, e)
}

/// The ranking thread's answer to `job`, delivered.
fn answer(d: &mut Desk, job: RankJob) -> Vec<RankJob> {
    let e = app::update(&mut d.app, Msg::Ranked(Box::new(job.run())));
    carry(d, e)
}

fn one(mut jobs: Vec<RankJob>) -> RankJob {
    assert_eq!(jobs.len(), 1, "one job: {jobs:?}");
    jobs.remove(0)
}

/// Names in the Residents tab's list, best first.
fn listed(d: &Desk) -> Vec<String> {
    d.app.residents.hits.iter().map(|h| d.app.residents.name(h).to_string()).collect()
}

#[test]
fn a_keystroke_asks_for_a_ranking_and_the_last_hits_stay_until_it_is_shown() {
    let mut d = desk();
    key(&mut d, "f6");
    let everyone = listed(&d);
    assert_eq!(everyone.len(), NAMES.len());
    let job = one(key(&mut d, "z"));
    assert_eq!(job.query, "z");
    assert_eq!(listed(&d), everyone, "no empty flash while the ranking is out");
    assert!(answer(&mut d, job).is_empty(), "nothing more to ask");
    assert_eq!(listed(&d)[0], "张秀英");
    assert!(!listed(&d).contains(&"李娜".to_string()), "{:?}", listed(&d));
}

#[test]
fn one_ranking_per_field_is_out_and_a_result_for_an_older_query_is_dropped() {
    let mut d = desk();
    key(&mut d, "f6");
    let everyone = listed(&d);
    let first = one(key(&mut d, "l"));
    assert!(key(&mut d, "n").is_empty(), "the field waits for its job: no stale work queued");
    // "l" is answered while the field holds "ln": not shown, asked again at once.
    let again = one(answer(&mut d, first));
    assert_eq!(listed(&d), everyone, "the answer for l is not shown for ln");
    assert_eq!(again.query, "ln");
    answer(&mut d, again);
    assert_eq!(listed(&d), vec!["李娜".to_string()]);
}

#[test]
fn the_narrowing_comes_back_with_each_result_and_goes_out_with_the_next_job() {
    let mut d = desk();
    key(&mut d, "f6");
    let w = one(key(&mut d, "w"));
    assert!(!format!("{:?}", w.narrowing).contains("\"w\""));
    answer(&mut d, w);
    let wa = one(key(&mut d, "a"));
    assert!(format!("{:?}", wa.narrowing).contains("\"w\""), "narrows from w: {:?}", wa.narrowing);
    answer(&mut d, wa);
    // A backspace widens from the kept stack: the job carries what wa and w matched.
    let back = one(key(&mut d, "backspace"));
    assert_eq!(back.query, "w");
    let kept = format!("{:?}", back.narrowing);
    assert!(kept.contains("\"w\"") && kept.contains("\"wa\""), "{kept}");
    answer(&mut d, back);
    // Kept across a stale answer too: the re-ask narrows from what the stale job matched.
    let z = one(key(&mut d, "z"));
    key(&mut d, "x");
    let zx = one(answer(&mut d, z));
    assert!(format!("{:?}", zx.narrowing).contains("\"wz\""), "{:?}", zx.narrowing);
}

#[test]
fn a_result_for_an_index_that_changed_since_is_dropped() {
    let mut d = desk();
    key(&mut d, "f6");
    let job = one(key(&mut d, "w"));
    // Another desk's registration arrives while the ranking is out.
    let new = Resident { id: NAMES.len() as i64 + 1, ..draft(50, "吴伟") };
    let e = app::update(&mut d.app, Msg::ResidentsLoaded(ResidentPage::new(vec![new])));
    carry(&mut d, e);
    assert!(listed(&d).contains(&"吴伟".to_string()), "ranked again with them: {:?}", listed(&d));
    let asked = answer(&mut d, job);
    assert!(listed(&d).contains(&"吴伟".to_string()), "the older index's answer is not shown: {:?}", listed(&d));
    assert!(asked.is_empty(), "what is shown is current: {asked:?}");
}

/// Intake's resident step on the first item of the catalog.
fn intake(d: &mut Desk) {
    key(d, "f2");
    key(d, "enter");
    key(d, "enter");
    assert!(d.app.intake.is_some(), "intake is open");
}

fn intake_names(d: &Desk) -> Vec<String> {
    let i = d.app.intake.as_ref().unwrap();
    i.found.hits.iter().map(|h| d.app.residents.name(h).to_string()).collect()
}

fn intake_highlight(d: &Desk) -> String {
    let i = d.app.intake.as_ref().unwrap();
    d.app.residents.name(i.found.hit().unwrap()).to_string()
}

#[test]
fn a_result_arriving_keeps_the_highlight_the_clerk_moved_to() {
    let mut d = desk();
    intake(&mut d);
    let w = one(key(&mut d, "w"));
    answer(&mut d, w);
    let wa = one(key(&mut d, "a"));
    key(&mut d, "down");
    let chosen = intake_highlight(&d);
    answer(&mut d, wa);
    let names = intake_names(&d);
    assert_ne!(names[0], chosen, "the test needs the chosen one not to rank first: {names:?}");
    assert_eq!(intake_highlight(&d), chosen, "the cursor stays on whom the clerk moved to: {names:?}");
    // Not moved while waiting: the best match is highlighted, as typing always did.
    let wan = one(key(&mut d, "n"));
    answer(&mut d, wan);
    assert_eq!(intake_highlight(&d), intake_names(&d)[0]);
}

#[test]
fn enter_before_the_ranking_arrives_takes_the_best_match_of_what_was_typed() {
    let mut d = desk();
    intake(&mut d);
    let job = one(key(&mut d, "z"));
    key(&mut d, "x");
    key(&mut d, "y");
    key(&mut d, "enter");
    let i = d.app.intake.as_ref().unwrap();
    assert_eq!(i.resident.as_ref().map(|r| r.name.as_str()), Some("张秀英"), "not whoever the old list showed");
    // The late answer changes nothing.
    answer(&mut d, job);
    assert_eq!(d.app.intake.as_ref().unwrap().resident.as_ref().unwrap().name, "张秀英");
}

#[test]
fn the_booking_picker_and_the_members_search_rank_off_the_ui_thread_too() {
    let mut d = desk();
    key(&mut d, "f8");
    key(&mut d, "n");
    assert!(d.app.overlay.is_some(), "the booking dialog opens: {:?}", d.app.toasts);
    let job = one(key(&mut d, "l"));
    assert_eq!(job.who, yichuang::app::ranking::Who::Booking);
    answer(&mut d, job);
    let Some(yichuang::app::overlay::Overlay::Prompt(p)) = &d.app.overlay else { panic!("no booking dialog") };
    let found = &p.pick.as_ref().unwrap().found;
    assert_eq!(d.app.residents.name(found.hit().unwrap()), "李娜");
    key(&mut d, "esc");
    key(&mut d, "alt-m");
    let job = one(key(&mut d, "z"));
    assert_eq!(job.who, yichuang::app::ranking::Who::Members);
}

/// The real binary ranks on its ranking thread: a name typed on the Residents tab lists that
/// person, and only those who match.
#[test]
fn typing_a_name_in_the_real_desk_lists_the_person() {
    use common::pty::{Driven, Screen, isolate};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("e2e.sqlite3");
    let (mut db, _) = yichuang::setup::open_or_init(&path, &common::me()).unwrap();
    for (i, name) in NAMES.iter().enumerate() {
        db.register_resident("root", &draft(i, name)).unwrap();
    }
    drop(db);
    let mut cmd = portable_pty::CommandBuilder::new(env!("CARGO_BIN_EXE_yichuang"));
    cmd.arg("--db");
    cmd.arg(&path);
    isolate(&mut cmd, dir.path());
    let mut s = Screen::start(cmd, 24, 100);
    s.wait_for("123 / 123");
    s.send(b"\x1b[17~"); // F6: the Residents tab
    s.wait_for("王建国");
    s.send(b"ln");
    s.wait_for("李娜");
    s.wait_gone("王建国");
    s.send(b"\x7f\x7f"); // backspaces: everyone again, from the kept matches
    s.wait_for("王建国");
    s.send(b"\x11\x11");
    assert_eq!(s.wait_exit(), 0);
}
