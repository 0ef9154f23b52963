//! The desk's one rule for keys: a key that changes what is on file asks first, or is undone.

mod common;

use common::desk::Desk;
use yichuang::action::Action;
use yichuang::app::screen::Offer;
use yichuang::app::{Effect, Msg, Tab, registry};
use yichuang::keymap::{Mode, Section};

/// Presses the key bound to `action` where `section` applies; the effects it asked for.
fn act(d: &mut Desk, global: bool, action: Action) -> Vec<Effect> {
    let section = if global { Section::Global } else { (registry::screen(d.app.tab).section)(&d.app) };
    let chord = if d.app.mode() == Mode::Insert {
        d.app.keymap.hint_in_field(section, action)
    } else {
        d.app.keymap.hint(section, action)
    };
    let Some(chord) = chord else { return vec![] };
    yichuang::app::update(&mut d.app, Msg::Key(chord))
}

const NAVIGATION: &[Action] = &[
    Action::Up,
    Action::Down,
    Action::PageUp,
    Action::PageDown,
    Action::First,
    Action::Last,
    Action::Help,
    Action::Palette,
    Action::NextTab,
    Action::PrevTab,
    Action::ToggleLang,
    Action::Quit,
];

/// The demo day on a database at `path`, as it stands at `now`.
fn demo(path: &std::path::Path, now: &str) -> yichuang::storage::Db {
    use yichuang::sample::demo;
    let (mut db, _) = yichuang::setup::open_or_init(path, "root").unwrap();
    for (l, name, role, window) in yichuang::setup::DEMO_STAFF {
        db.add_operator("root", l, name, *role, *window).unwrap();
    }
    db.set_clock(common::desk::clock(now));
    let t = db.clock().now();
    demo::populate(&mut db, t, &["wangfang", "liqiang", "zhouli"]).unwrap();
    demo::populate_queue(&mut db, t).unwrap();
    demo::populate_mediation(&mut db, t).unwrap();
    demo::populate_members(&mut db, t).unwrap();
    db
}

/// Everything on file a key could change (timelines and the audit trail only grow), read again
/// only when some connection has committed since the last reading.
struct OnFile {
    conn: rusqlite::Connection,
    /// Per table: the query that writes all its rows as one text.
    queries: Vec<(String, String)>,
    seen: Option<(i64, Vec<(String, String)>)>,
}

impl OnFile {
    fn open(path: &std::path::Path) -> OnFile {
        let conn = rusqlite::Connection::open(path).unwrap();
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            // Logs of what happened (a receipt printed is one) only grow; they are not state.
            .filter(|t: &String| {
                !["audit_log", "case_events", "mediation_events", "case_prints", "revisions"].contains(&t.as_str())
            })
            .collect();
        let queries = tables
            .into_iter()
            .map(|t| {
                let cols: Vec<String> = conn
                    .prepare(&format!("PRAGMA table_info(\"{t}\")"))
                    .unwrap()
                    .query_map([], |r| r.get::<_, String>(1))
                    .unwrap()
                    .map(|c| format!("quote(\"{}\")", c.unwrap()))
                    .collect();
                let q = format!(
                    "SELECT coalesce(group_concat(row, char(10)), '') FROM (SELECT {} AS row FROM \"{t}\" ORDER BY rowid)",
                    cols.join(" || ',' || ")
                );
                (t, q)
            })
            .collect();
        OnFile { conn, queries, seen: None }
    }

    /// Each table's rows as one text.
    fn read(&mut self) -> Vec<(String, String)> {
        let v: i64 = self.conn.query_row("PRAGMA data_version", [], |r| r.get(0)).unwrap();
        if let Some((seen, rows)) = &self.seen
            && *seen == v
        {
            return rows.clone();
        }
        let rows: Vec<(String, String)> =
            self.queries.iter().map(|(t, q)| (t.clone(), self.conn.query_row(q, [], |r| r.get(0)).unwrap())).collect();
        self.seen = Some((v, rows.clone()));
        rows
    }
}

/// The rows that differ between two readings.
fn changed(before: &[(String, String)], after: &[(String, String)]) -> Vec<String> {
    let mut out = vec![];
    for ((t, b), (_, a)) in before.iter().zip(after) {
        if a != b {
            let (b, a): (Vec<&str>, Vec<&str>) = (b.lines().collect(), a.lines().collect());
            out.extend(b.iter().filter(|r| !a.contains(r)).map(|r| format!("{t} - {r}")));
            out.extend(a.iter().filter(|r| !b.contains(r)).map(|r| format!("{t} + {r}")));
        }
    }
    out
}

/// Every screen of every role of the demo day, every row of the first twelve, every action it
/// offers: a key either changes nothing, or opens a question (and changes nothing until it is
/// answered), or its change is taken back whole by the undo key. After the check the key is
/// pressed again, so the walk goes on from the changed state (call, then serve, then park ...).
/// Rows walked on each screen.
const ROWS: usize = 12;

/// Keys that show something else (another day, filter, panel) rather than change it.
const VIEWS: &[Action] = &[
    Action::NextDay,
    Action::PrevDay,
    Action::CycleFilter,
    Action::ToggleMine,
    Action::ToggleItem,
    Action::ToggleWeek,
    Action::MembersView,
    Action::ToggleAudit,
    Action::RoomLeft,
    Action::RoomRight,
];

#[test]
fn every_key_that_changes_state_asks_or_can_be_undone() {
    let now = "2026-11-23T10:20:00+08:00";
    let mut wrong = vec![];
    let mut undone: Vec<Action> = vec![];
    let mut asked: Vec<Action> = vec![];
    for (login, name, role, window) in yichuang::setup::DEMO_STAFF {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.sqlite3");
        let db = demo(&path, now);
        let mut d = Desk::with(dir, db, login, name, *role, *window, now);
        let mut file = OnFile::open(&path);
        for tab in Tab::all().filter(|t| t.visible_to(*role)) {
            let goto = tab.goto();
            let e = act(&mut d, true, goto);
            d.run(e);
            for row in 0..ROWS {
                let mut tried: Vec<Action> = vec![];
                if tab == Tab::Appointments && *login == "wangfang" {
                    let (h, _) = d.app.offers();
                    println!(
                        "DBG row {row} {:?} {:?}",
                        d.app
                            .appointments
                            .selected_row()
                            .map(|r| format!("{r:?}").chars().take(80).collect::<String>()),
                        h.iter().find(|o| o.action == Action::Book).map(|o| format!("{:?}", o.ready))
                    );
                }
                while let Some(o) = {
                    let (here, _) = d.app.offers();
                    // Keys that change the view (another day, filter or panel) wait for the last row,
                    // so every row's own keys are pressed on that row; then the other views get theirs.
                    let fresh = |o: &&Offer| {
                        o.ready()
                            && o.shown()
                            && !NAVIGATION.contains(&o.action)
                            && !tried.contains(&o.action)
                            && (row == ROWS - 1 || !VIEWS.contains(&o.action))
                    };
                    let first = here.iter().filter(fresh).find(|o| !VIEWS.contains(&o.action));
                    first.or_else(|| here.iter().find(fresh)).cloned()
                } {
                    tried.push(o.action);
                    let at = format!("{login} {tab:?} row {row}: {:?}", o.action);
                    let before = file.read();
                    let e = act(&mut d, false, o.action);
                    d.run(e);
                    if d.app.overlay.is_some() {
                        asked.push(o.action);
                        for _ in 0..4 {
                            if d.app.overlay.is_none() {
                                break;
                            }
                            let e = act(&mut d, false, Action::Back);
                            d.run(e);
                        }
                        assert!(d.app.overlay.is_none(), "{at}: Esc does not close {:?}", d.app.overlay);
                        let diff = changed(&before, &file.read());
                        if !diff.is_empty() {
                            wrong.push(format!("{at} wrote before its question was answered: {diff:?}"));
                        }
                    } else {
                        let diff = changed(&before, &file.read());
                        if !diff.is_empty() {
                            let offered = d.app.undo.offered.map(|(a, _)| a);
                            if !d.app.undo.ready(d.app.now) || offered != Some(o.action) {
                                wrong.push(format!("{at} changed {diff:?} without asking, and no undo is offered"));
                            } else {
                                let e = act(&mut d, true, Action::Undo);
                                d.run(e);
                                let left = changed(&before, &file.read());
                                if left.is_empty() {
                                    undone.push(o.action);
                                } else {
                                    wrong.push(format!("{at}: the undo key left {left:?}"));
                                }
                                // Again, so the walk goes on from the changed state.
                                let e = act(&mut d, false, o.action);
                                d.run(e);
                            }
                        }
                    }
                    for _ in 0..4 {
                        if d.app.mode() != Mode::Insert || d.app.overlay.is_some() || tab == Tab::Catalog {
                            break;
                        }
                        let e = act(&mut d, false, Action::Back);
                        d.run(e);
                    }
                    if d.app.tab != tab {
                        let e = act(&mut d, true, goto);
                        d.run(e);
                    }
                }
                let e = act(&mut d, false, Action::Down);
                d.run(e);
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // The walk reached the keys that matter: those that ask and those that are undone.
    for a in [
        Action::CallNext,
        Action::Serve,
        Action::Park,
        Action::Recall,
        Action::SignInOut,
        Action::CaseStart,
        Action::MemberReport,
    ] {
        assert!(undone.contains(&a), "{a:?} was never pressed with a change to take back: {undone:?}");
    }
    for a in
        [Action::CaseComplete, Action::NoShow, Action::FinishVisit, Action::Book, Action::CheckIn, Action::NewResident]
    {
        assert!(asked.contains(&a), "{a:?} never asked: {asked:?}");
    }
}
