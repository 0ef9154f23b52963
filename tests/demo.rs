//! The demo database: a realistic spread of cases whatever day it is opened on.

use chrono::DateTime;
use yichuang::domain::case::CaseState;
use yichuang::storage::{CaseFilter, Clock};

#[test]
fn the_demo_has_open_due_soon_overdue_awaiting_and_completed_cases_on_any_day() {
    // A Monday, a Friday, a Sunday, and the eve of the National Day break.
    for now in [
        "2026-11-23T10:00:00+08:00",
        "2026-11-20T16:00:00+08:00",
        "2026-11-22T09:00:00+08:00",
        "2026-09-30T11:00:00+08:00",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let (mut db, _) = yichuang::setup::open_or_init(&dir.path().join("d.sqlite3"), "root").unwrap();
        for (l, name, role, window) in yichuang::setup::DEMO_STAFF {
            db.add_operator("root", l, name, *role, *window).unwrap();
        }
        let t = DateTime::parse_from_rfc3339(now).unwrap();
        yichuang::demo::populate(&mut db, t, &["wangfang", "liqiang", "zhouli"]).unwrap();
        db.set_clock(Clock::Fixed(t));
        let counts = db.case_counts(t.date_naive()).unwrap();
        assert!(counts.open >= 15, "{now}: {counts:?}");
        assert!(counts.due_soon >= 1, "{now}: {counts:?}");
        assert!(counts.overdue >= 2, "{now}: {counts:?}");
        let by =
            |s: CaseState| db.cases(&CaseFilter { states: vec![s], ..Default::default() }, None, 100).unwrap().len();
        assert!(by(CaseState::Completed) >= 5, "{now}");
        assert!(by(CaseState::AwaitingMaterials) >= 2, "{now}");
        assert!(by(CaseState::Suspended) >= 1, "{now}");
        assert!(by(CaseState::Returned) + by(CaseState::NotAccepted) >= 2, "{now}");
        assert!(db.residents().unwrap().len() >= 40);
        assert!(db.check().unwrap().is_empty());
    }
}
