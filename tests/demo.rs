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
        yichuang::sample::demo::populate(&mut db, t, &["wangfang", "liqiang", "zhouli"]).unwrap();
        db.set_clock(Clock::Fixed(t));
        let counts = db.case_counts(t.date_naive()).unwrap();
        assert!(counts.open >= 15, "{now}: {counts:?}");
        assert!(counts.due_soon >= 1, "{now}: {counts:?}");
        assert!(counts.overdue >= 2, "{now}: {counts:?}");
        assert!(counts.promise_overdue >= 1, "an overdue 容缺 promise to chase: {now}: {counts:?}");
        let all = db.cases(&CaseFilter::default(), None, 100).unwrap();
        let today = t.date_naive();
        assert!(
            all.iter().any(|c| c.state.is_open() && c.promised_by.is_some_and(|d| d >= today)),
            "and one still to come: {now}"
        );
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

#[test]
fn the_demo_has_a_year_of_member_service_and_an_activity_under_way() {
    use yichuang::domain::member::can_check_in;
    for now in ["2026-11-23T10:20:00+08:00", "2026-11-22T09:00:00+08:00", "2026-07-01T15:45:00+08:00"] {
        let dir = tempfile::tempdir().unwrap();
        let (mut db, _) = yichuang::setup::open_or_init(&dir.path().join("d.sqlite3"), "root").unwrap();
        for (l, name, role, window) in yichuang::setup::DEMO_STAFF {
            db.add_operator("root", l, name, *role, *window).unwrap();
        }
        let t = DateTime::parse_from_rfc3339(now).unwrap();
        yichuang::sample::demo::populate_members(&mut db, t).unwrap();
        db.set_clock(Clock::Fixed(t));
        let today = t.date_naive();
        assert!(db.members(2026).unwrap().len() >= 30, "{now}");
        let acts = db.activities(today - chrono::Duration::days(400), today + chrono::Duration::days(30)).unwrap();
        let (first, last) = (acts.first().unwrap().0.start, acts.last().unwrap().0.start);
        assert!((last - first).num_days() >= 300, "{now}: {first} – {last}");
        let live: Vec<_> = acts.iter().filter(|(a, n)| *n >= 3 && can_check_in(a, t.naive_local()).is_ok()).collect();
        assert_eq!(live.len(), 1, "{now}: one activity is open for check-in with members in");
        let records: Vec<_> = acts.iter().flat_map(|(a, _)| db.activity_records(a.id).unwrap()).collect();
        assert!(records.iter().any(|(s, _)| s.auto_closed), "{now}: a forgotten check-out was closed and flagged");
        assert!(records.iter().any(|(s, _)| s.declined.is_some()), "{now}");
        assert!(records.len() >= 500, "{now}: {}", records.len());
        let open = records.iter().filter(|(s, _)| s.end.is_none()).count();
        assert_eq!(open, live[0].1 as usize, "{now}: only the live activity has members checked in");
        assert!(db.feedback(2026, yichuang::domain::member::quarter(today)).unwrap().len() >= 6);
        assert!(db.check().unwrap().is_empty());
    }
}

#[test]
fn the_demos_queue_shows_every_reason_a_row_can_give() {
    use yichuang::domain::queue::{TicketState, Why, why};
    // Early morning, mid-morning, the evening, and a Sunday (no appointments then).
    for (now, working) in [
        ("2026-11-20T08:10:00+08:00", true),
        ("2026-11-20T10:30:00+08:00", true),
        ("2026-11-20T21:00:00+08:00", true),
        ("2026-11-22T10:00:00+08:00", false),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let (mut db, _) = yichuang::setup::open_or_init(&dir.path().join("d.sqlite3"), "root").unwrap();
        for (l, name, role, window) in yichuang::setup::DEMO_STAFF {
            db.add_operator("root", l, name, *role, *window).unwrap();
        }
        let t = DateTime::parse_from_rfc3339(now).unwrap();
        yichuang::sample::demo::populate(&mut db, t, &["wangfang", "liqiang", "zhouli"]).unwrap();
        yichuang::sample::demo::populate_queue(&mut db, t).unwrap();
        db.set_clock(Clock::Fixed(t));
        let v = db.queue_view().unwrap();
        let waiting: Vec<Why> = v.tickets.iter().filter(|t| t.state == TicketState::Waiting).map(why).collect();
        assert!(waiting.iter().any(|w| matches!(w, Why::Green { .. })), "{now}: {waiting:?}");
        assert!(waiting.iter().any(|w| matches!(w, Why::Transferred(_))), "{now}: {waiting:?}");
        assert!(waiting.contains(&Why::Reinstated), "{now}: {waiting:?}");
        assert!(waiting.contains(&Why::WalkIn), "{now}: {waiting:?}");
        let appointment = waiting.iter().any(|w| matches!(w, Why::Appointment { .. }));
        assert_eq!(appointment, working, "{now}: {waiting:?}");
        let recalled = v.tickets.iter().find(|t| t.state == TicketState::Called && t.recalls > 0);
        assert_eq!(recalled.and_then(|t| t.window), Some(1), "{now}: window 1 has a number called again");
        assert!(db.check().unwrap().is_empty());
    }
}

/// `check` on a database, run as the process a supervisor runs.
fn check(path: &std::path::Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_yichuang"))
        .arg("--db")
        .arg(path)
        .args(["--as", "chenjing", "check"])
        .env_remove("YICHUANG_DB")
        .output()
        .unwrap()
}

#[test]
fn check_on_the_demo_finds_no_sex_id_or_call_before_issue_inconsistencies() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.sqlite3");
    let login = yichuang::setup::os_login().unwrap();
    let start = chrono::NaiveDateTime::parse_from_str("2026-11-20 10:20", "%Y-%m-%d %H:%M").unwrap();
    let db = yichuang::sample::demo::make_at(&path, &login, Some(start)).unwrap();
    assert_eq!(db.rule_breaks().unwrap(), vec![]);
    let members = db.members(2026).unwrap();
    assert!(members.len() >= 40);
    for m in members.iter().map(|t| &t.member) {
        let odd = m.id_number.as_bytes()[16] % 2 == 1;
        assert_eq!(m.female, !odd, "{} {}", m.name, m.id_number);
    }
    drop(db);
    let o = check(&path);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));

    // The database itself refuses a call before the issue, in words.
    let conn = rusqlite::Connection::open(&path).unwrap();
    let early = conn
        .execute("UPDATE queue_tickets SET called_at = '2026-11-20T06:00:00+08:00' WHERE called_at IS NOT NULL", []);
    let e = yichuang::storage::StorageError::from(early.unwrap_err());
    let said = yichuang::i18n::storage_error(yichuang::domain::lang::Lang::Zh, &e);
    assert!(said.contains("叫号时间早于取号时间") && !said.contains("queue_tickets"), "{said}");
    // A row from before the rule (the trigger gone, as in an older database) and a member whose
    // recorded sex contradicts the ID number are reported, each by name.
    conn.execute_batch(
        "DROP TRIGGER queue_tickets_called_after_issue_update;
         UPDATE queue_tickets SET called_at = strftime('%Y-%m-%dT%H:%M:%S', issued_at, '+8 hours', '-65 minutes') || '+08:00'
           WHERE id = (SELECT min(id) FROM queue_tickets WHERE called_at IS NOT NULL AND day = '2026-11-20');
         UPDATE party_members SET female = 1 - female WHERE id = (SELECT min(id) FROM party_members);",
    )
    .unwrap();
    let name: String = conn.query_row("SELECT name FROM party_members ORDER BY id LIMIT 1", [], |r| r.get(0)).unwrap();
    let number: String = conn
        .query_row(
            "SELECT number FROM queue_tickets WHERE called_at IS NOT NULL AND day = '2026-11-20' ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    drop(conn);
    let o = check(&path);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("2 个问题"), "{err}");
    assert!(err.contains(&format!("党员 {name}")) && err.contains("身份证号第 17 位"), "{err}");
    assert!(err.contains(&format!("{number} 号在取号前 65 分钟被叫")), "{err}");
}
