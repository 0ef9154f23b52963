//! The supervisor's dashboard on the demo day: a snapshot, following another session's
//! numbers, and closed to clerks.

mod common;

use common::desk::Desk;
use yichuang::app::notice::Notice;
use yichuang::app::{Msg, Tab};
use yichuang::domain::operator::Role;
use yichuang::storage::Db;

const NOW: &str = "2026-11-20T10:20:00+08:00"; // Friday morning

fn supervisor() -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.sqlite3");
    let (mut db, _) = yichuang::setup::open_or_init(&path, "root").unwrap();
    for (l, name, role, window) in yichuang::setup::DEMO_STAFF {
        db.add_operator("root", l, name, *role, *window).unwrap();
    }
    let t = chrono::DateTime::parse_from_rfc3339(NOW).unwrap();
    yichuang::demo::populate(&mut db, t, &["wangfang", "liqiang", "zhouli"]).unwrap();
    yichuang::demo::populate_queue(&mut db, t).unwrap();
    yichuang::demo::populate_mediation(&mut db, t).unwrap();
    yichuang::demo::populate_members(&mut db, t).unwrap();
    let mut d = Desk::with(dir, db, "chenjing", "陈静", Role::Supervisor, None, NOW);
    let e = yichuang::app::update(&mut d.app, Msg::Resize(120, 36));
    d.run(e);
    d.press("alt-d");
    d
}

#[test]
fn the_dashboard_shows_the_morning_and_follows_other_sessions() {
    let mut d = supervisor();
    assert_eq!(d.app.tab, Tab::Dashboard);
    let s = common::screen(&d.app, 120, 36);
    assert!(s.contains("王芳") && s.contains("今日每小时取号") && s.contains("各办理人"), "{s}");
    insta::assert_snapshot!("dashboard_120x36", s);
    let before = d.app.queue.view.tickets.len();
    // A kiosk elsewhere issues a number; the change watcher tells every session.
    let path = d.db.path().to_path_buf();
    let mut kiosk = Db::open(&path).unwrap();
    kiosk.set_clock(common::desk::clock(NOW));
    kiosk.take_ticket("root", "SB", None, None).unwrap();
    let e = yichuang::app::update(&mut d.app, Msg::DataChanged);
    d.run(e);
    assert_eq!(d.app.queue.view.tickets.len(), before + 1);
    let s = common::screen(&d.app, 120, 36);
    assert!(s.contains(&format!("今日取号 {}", before + 1)), "{s}");
    for (w, h) in [(1, 1), (20, 5), (60, 12), (80, 24), (200, 60)] {
        common::screen(&d.app, w, h);
    }
}

#[test]
fn a_clerk_has_no_dashboard() {
    let mut d = Desk::open(NOW);
    assert!(!d.app.tabs().contains(&Tab::Dashboard));
    d.press("alt-d");
    assert_ne!(d.app.tab, Tab::Dashboard);
    assert_eq!(d.last_toast(), Notice::Denied);
    // And the worker refuses the read even if asked.
    let msgs = yichuang::runtime::worker::handle(&mut d.db, &d.ctx, yichuang::app::Effect::LoadDashboard);
    assert!(matches!(msgs.as_slice(), [Msg::Denied]));
}
