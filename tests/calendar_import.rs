//! Importing a holiday notice: it says what it changes date by date, removes dates only when
//! asked, moves the stored due date of the open cases it touches in the same transaction,
//! lists the bookings that now fall on a day off, and the case detail shows one due date.

mod common;

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use common::{NOTICE_2027, PARTIAL_2027};
use yichuang::domain::calendar::CalendarFile;
use yichuang::domain::case::{CaseState, MaterialStatus, due_date};
use yichuang::domain::lang::Lang;
use yichuang::domain::operator::Role;
use yichuang::model::{DueKind, DueMoved, RebookWhat};
use yichuang::storage::{Clock, Db, Viewer};

fn at(s: &str) -> Clock {
    Clock::Fixed(DateTime::parse_from_rfc3339(s).unwrap())
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn notice(src: &str) -> CalendarFile {
    CalendarFile::parse("2027.toml", src).unwrap()
}

fn fresh() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = yichuang::setup::open_or_init(&dir.path().join("c.sqlite3"), "root").unwrap();
    (dir, db)
}

/// A 30-working-day case taken in and accepted by 王芳 at `now`; its id.
fn accepted_case(db: &mut Db, now: &str) -> i64 {
    let id = case_with(db, now, MaterialStatus::Presented);
    assert_eq!(db.case(id).unwrap().unwrap().state, CaseState::Accepted);
    id
}

/// A 30-working-day case taken in by 王芳 at `now` with its required materials `status`.
fn case_with(db: &mut Db, now: &str, status: MaterialStatus) -> i64 {
    db.set_clock(at(now));
    common::thirty_day_case(db, status).id
}

/// The due date the case's own count gives on the calendar as stored now.
fn recount(db: &Db, id: i64) -> NaiveDate {
    let c = db.case(id).unwrap().unwrap();
    let item = db.service_items().unwrap().into_iter().find(|i| i.code == c.item_code).unwrap();
    due_date(&db.calendar().unwrap(), c.accepted_at.unwrap(), db.closing_time().unwrap(), item.time_limit, 0).due
}

fn audit_actions(db: &Db, action: &str) -> usize {
    db.audit_page(None, 10_000).unwrap().iter().filter(|r| r.action == action).count()
}

#[test]
fn an_import_moves_the_stored_due_date_of_an_open_case_in_its_year() {
    let (_dir, mut db) = fresh();
    let id = accepted_case(&mut db, "2026-12-20T10:00:00+08:00");
    let before = db.case(id).unwrap().unwrap();
    let old = before.due.unwrap();
    let done = db.import_calendar("root", "2027.toml", &notice(NOTICE_2027), false).unwrap();
    let after = db.case(id).unwrap().unwrap();
    let new = after.due.unwrap();
    assert_eq!(new, d("2027-02-02"), "元旦 1–4 January off: 30 working days end on Tuesday 2 February");
    assert_eq!(new, recount(&db, id), "the stored date is the one the detail's count gives");
    assert_ne!(old, new);
    assert_eq!(done.moved, vec![DueMoved { number: before.number.clone(), kind: DueKind::Due, old, new }]);
    assert_eq!(after.version, before.version + 1, "a clerk acting on the case as it was is told it changed");
    let events = db.case_events(id).unwrap();
    let e = events.iter().find(|e| e.kind == "due_changed").expect("a due_changed event");
    let line = yichuang::i18n::calendar_import::date_moved(Lang::Zh, &e.kind, &e.detail).unwrap();
    assert_eq!(line, format!("到期日由 {old} 调整为 {new}（2027 年放假安排）"));
    let line = yichuang::i18n::calendar_import::date_moved(Lang::En, &e.kind, &e.detail).unwrap();
    assert_eq!(line, format!("due date moved from {old} to {new} (2027 holiday schedule)"));
    assert_eq!(audit_actions(&db, "case.due_changed"), 1);
    let report = yichuang::i18n::calendar_import::report(Lang::Zh, "2027.toml", &done, "--replace-year");
    assert!(report.contains(&format!("  {} 到期日 {old} → {new}", before.number)), "{report:?}");
    assert!(report.contains(&"新增 2027-01-04 元旦 放假".to_string()), "{report:?}");
    assert!(report.contains(&"新增 2027-02-20 春节 调休上班".to_string()), "{report:?}");
    // The same file again changes nothing and writes nothing.
    let audit = db.audit_page(None, 10_000).unwrap().len();
    let again = db.import_calendar("root", "2027.toml", &notice(NOTICE_2027), false).unwrap();
    assert!(!again.wrote() && again.moved.is_empty());
    assert_eq!(db.audit_page(None, 10_000).unwrap().len(), audit);
    assert_eq!(db.case_events(id).unwrap().len(), events.len());
}

#[test]
fn a_notice_deadline_in_the_imported_year_moves_too() {
    let (_dir, mut db) = fresh();
    let id = case_with(&mut db, "2026-12-28T10:00:00+08:00", MaterialStatus::Missing);
    let before = db.case(id).unwrap().unwrap();
    assert_eq!(before.state, CaseState::AwaitingMaterials);
    let old = before.notice_deadline.unwrap();
    let done = db.import_calendar("root", "2027.toml", &notice(NOTICE_2027), false).unwrap();
    let new = db.case(id).unwrap().unwrap().notice_deadline.unwrap();
    assert_eq!(new, d("2027-01-06"), "five working days after 28 December, 1–4 January off");
    assert_eq!(done.moved, vec![DueMoved { number: before.number, kind: DueKind::NoticeDeadline, old, new }]);
    let events = db.case_events(id).unwrap();
    let e = events.iter().find(|e| e.kind == "notice_changed").expect("a notice_changed event");
    let line = yichuang::i18n::calendar_import::date_moved(Lang::Zh, &e.kind, &e.detail).unwrap();
    assert_eq!(line, format!("补正期限由 {old} 调整为 {new}（2027 年放假安排）"));
}

#[test]
fn a_case_whose_count_does_not_reach_the_imported_year_keeps_its_date() {
    let (dir, mut db) = fresh();
    let id = accepted_case(&mut db, "2026-11-02T10:00:00+08:00");
    let before = db.case(id).unwrap().unwrap();
    // The item's limit changed since: a recount would differ, but not because of 2027.
    let raw = rusqlite::Connection::open(dir.path().join("c.sqlite3")).unwrap();
    raw.execute("UPDATE service_items SET limit_n = 20 WHERE code = ?1", [&before.item_code]).unwrap();
    assert_ne!(recount(&db, id), before.due.unwrap());
    let done = db.import_calendar("root", "2027.toml", &notice(NOTICE_2027), false).unwrap();
    assert!(done.moved.is_empty(), "{:?}", done.moved);
    assert_eq!(db.case(id).unwrap().unwrap(), before);
}

#[test]
fn a_date_the_catalog_moved_is_not_rewritten_and_blamed_on_the_notice() {
    let (dir, mut db) = fresh();
    // Due in 2027 and touched by the notice, but the item's limit changed since acceptance.
    let id = accepted_case(&mut db, "2026-12-20T10:00:00+08:00");
    let before = db.case(id).unwrap().unwrap();
    let raw = rusqlite::Connection::open(dir.path().join("c.sqlite3")).unwrap();
    raw.execute("UPDATE service_items SET limit_n = 25 WHERE code = ?1", [&before.item_code]).unwrap();
    let done = db.import_calendar("root", "2027.toml", &notice(NOTICE_2027), false).unwrap();
    assert!(done.moved.is_empty(), "the stored date stands: {:?}", done.moved);
    assert_eq!(db.case(id).unwrap().unwrap(), before);
}

#[test]
fn a_partial_import_keeps_the_dates_it_omits_unless_replace_year() {
    let (_dir, mut db) = fresh();
    db.set_clock(at("2026-12-20T10:00:00+08:00"));
    db.import_calendar("root", "2027.toml", &notice(NOTICE_2027), false).unwrap();
    let id = accepted_case(&mut db, "2026-12-20T10:00:00+08:00");
    assert_eq!(db.case(id).unwrap().unwrap().due, Some(d("2027-02-02")));
    let days = db.calendar_days().unwrap();
    let kept = db.import_calendar("root", "fix.toml", &notice(PARTIAL_2027), false).unwrap();
    assert!(!kept.wrote(), "nothing added, changed or removed: {kept:?}");
    assert_eq!(kept.unchanged, 1);
    assert!(kept.removed.is_empty());
    assert_eq!(kept.kept.len(), 3 + 7 + 1, "every omitted date is kept and listed");
    assert_eq!(db.calendar_days().unwrap(), days, "nothing removed without --replace-year");
    let report = yichuang::i18n::calendar_import::report(Lang::Zh, "fix.toml", &kept, "--replace-year");
    assert!(report.contains(&"保留 2027-01-04 元旦 放假（文件未列出）".to_string()), "{report:?}");
    assert!(report.iter().any(|l| l.contains("--replace-year")), "{report:?}");
    let replaced = db.import_calendar("root", "fix.toml", &notice(PARTIAL_2027), true).unwrap();
    assert_eq!(replaced.removed.len(), 11);
    assert!(replaced.kept.is_empty());
    assert!(replaced.removed.iter().any(|r| r.date == d("2027-01-04")));
    assert_eq!(db.calendar_days().unwrap().len(), days.len() - 11);
    let report = yichuang::i18n::calendar_import::report(Lang::Zh, "fix.toml", &replaced, "--replace-year");
    assert!(report.contains(&"删除 2027-01-04 元旦 放假".to_string()), "{report:?}");
    // Monday 4 January is a working day again: the case is due a day sooner, and says so.
    assert_eq!(db.case(id).unwrap().unwrap().due, Some(d("2027-02-01")));
    assert_eq!(replaced.moved.len(), 1);
}

#[test]
fn bookings_on_a_new_day_off_are_listed_not_moved() {
    let (_dir, mut db) = fresh();
    db.add_operator("root", "zhangmin", "张敏", Role::Mediator, None).unwrap();
    accepted_case(&mut db, "2026-12-28T09:00:00+08:00");
    let rid = db.residents().unwrap()[0].id;
    let monday = d("2027-01-04");
    let nine = chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap();
    let category = db.categories().unwrap()[0].code.clone();
    let appt = db.book("wangfang", monday, nine, &category, rid).unwrap();
    let tuesday = db.book("wangfang", d("2027-01-05"), nine, &category, rid).unwrap();
    let room =
        db.add_room("root", "和为贵调解室", 8, nine, chrono::NaiveTime::from_hms_opt(17, 0, 0).unwrap()).unwrap();
    let zm = Viewer { login: "zhangmin".into(), supervisor: false, mediator: true };
    let start = monday.and_time(nine);
    let end: NaiveDateTime = start + chrono::Duration::hours(1);
    let booking = db.book_room(&zm, room, start, end, None, "调解").unwrap();
    let done = db.import_calendar("root", "2027.toml", &notice(NOTICE_2027), false).unwrap();
    assert_eq!(done.to_rebook.len(), 2, "{:?}", done.to_rebook);
    assert!(done.to_rebook.iter().all(|b| b.at == start));
    assert!(done.to_rebook.iter().any(|b| b.what == RebookWhat::Appointment { id: appt.id, category: category.clone() }
        && b.who == "张秀英"));
    assert!(
        done.to_rebook
            .iter()
            .any(|b| b.what == RebookWhat::Room { id: booking.id, room: "和为贵调解室".into() } && b.who == "张敏")
    );
    assert!(
        !done
            .to_rebook
            .iter()
            .any(|b| b.what == RebookWhat::Appointment { id: tuesday.id, category: category.clone() })
    );
    // Listed, never moved or cancelled.
    assert_eq!(db.appointments(monday, None).unwrap(), vec![appt]);
    let still = db.bookings(&zm, monday, monday).unwrap();
    assert_eq!(still.len(), 1);
    assert_eq!(still[0].id, booking.id);
    assert_eq!(still[0].start, start);
    let report = yichuang::i18n::calendar_import::report(Lang::Zh, "2027.toml", &done, "--replace-year");
    assert!(report.iter().any(|l| l.contains("请联系改约")), "{report:?}");
    assert!(report.contains(&format!("  调解室 和为贵调解室 #{} 2027-01-04 09:00 张敏", booking.id)), "{report:?}");
}

mod detail {
    //! The case detail on a real database: the app fed by the worker.

    use super::*;
    use common::desk::Desk;

    /// Every date shown after "到期日：" on the screen.
    fn due_dates(screen: &str) -> Vec<String> {
        screen
            .split("到期日：")
            .skip(1)
            .map(|rest| rest.split('日').next().unwrap_or_default().to_string() + "日")
            .collect()
    }

    /// 王芳's desk on `db`, on the Cases tab with the first case's detail open.
    fn desk_on_cases(dir: tempfile::TempDir, db: Db, now: &str) -> Desk {
        let mut d = Desk::with(dir, db, "wangfang", "王芳", Role::Clerk, Some(1), now);
        let e = yichuang::app::update(&mut d.app, yichuang::app::Msg::Resize(140, 60));
        d.run(e);
        d.press("f4");
        d
    }

    #[test]
    fn the_case_detail_shows_one_due_date_after_an_import() {
        let (dir, mut db) = fresh();
        let id = accepted_case(&mut db, "2026-12-20T10:00:00+08:00");
        db.import_calendar("root", "2027.toml", &notice(NOTICE_2027), false).unwrap();
        let stored = db.case(id).unwrap().unwrap().due.unwrap();
        let d = desk_on_cases(dir, db, "2026-12-21T09:00:00+08:00");
        let s = common::screen(&d.app, 140, 60);
        assert_eq!(due_dates(&s), vec![yichuang::i18n::date(Lang::Zh, stored); 2], "the field and its count: {s}");
        assert!(s.contains("跳过 1月1日–1月4日：元旦放假"), "the count that gives it: {s}");
        assert!(s.contains("root 到期日由 ") && s.contains("调整为 2027-02-02（2027 年放"), "the timeline: {s}");
    }

    #[test]
    fn the_case_detail_shows_only_the_stored_due_date_when_a_recount_differs() {
        let (dir, mut db) = fresh();
        let id = accepted_case(&mut db, "2026-12-20T10:00:00+08:00");
        // A row the calendar changed under without a recount (as before this import did it).
        let raw = rusqlite::Connection::open(dir.path().join("c.sqlite3")).unwrap();
        raw.execute("UPDATE cases SET due_date = '2027-01-27' WHERE id = ?1", [id]).unwrap();
        let d = desk_on_cases(dir, db, "2026-12-21T09:00:00+08:00");
        let s = common::screen(&d.app, 140, 60);
        assert_eq!(due_dates(&s), vec!["2027年1月27日".to_string(); 2], "{s}");
        assert!(s.contains("以登记的到期日为准"), "{s}");
    }
}

mod dashboard {
    //! The supervisor's `calendar PATH` command follows the command line's rule.

    use super::*;
    use common::desk::Desk;
    use yichuang::app::notice::Notice;
    use yichuang::app::overlay::Overlay;

    /// Runs an admin command; the import's report opens in a panel to read (its first line is
    /// the toast too), which Esc closes. Returns the whole report.
    fn admin(d: &mut Desk, text: &str) -> String {
        d.press("a");
        d.typed(text);
        d.press("enter");
        let Notice::TargetSet(head) = d.last_toast() else { panic!("{text}: {:?}", d.last_toast()) };
        let all = match &d.app.overlay {
            Some(Overlay::Report { title, lines, .. }) => {
                assert_eq!(title, &head);
                format!("{head}\n{}", lines.join("\n"))
            }
            other => panic!("{text}: the report is shown to read: {other:?}"),
        };
        let screen = common::screen(&d.app, 120, 36);
        assert!(screen.contains(&head.chars().take(20).collect::<String>()), "{screen}");
        d.press("esc");
        assert!(d.app.overlay.is_none());
        all
    }

    #[test]
    fn the_dashboard_calendar_command_removes_dates_only_when_told_replace() {
        let (dir, mut db) = fresh();
        let id = accepted_case(&mut db, "2026-12-20T10:00:00+08:00");
        let full = dir.path().join("2027.toml");
        let fix = dir.path().join("fix.toml");
        std::fs::write(&full, NOTICE_2027).unwrap();
        std::fs::write(&fix, PARTIAL_2027).unwrap();
        let mut desk = Desk::with(dir, db, "chenjing", "陈静", Role::Supervisor, None, "2026-12-21T09:00:00+08:00");
        let e = yichuang::app::update(&mut desk.app, yichuang::app::Msg::Resize(120, 36));
        desk.run(e);
        desk.press("alt-d");
        let said = admin(&mut desk, &format!("calendar {}", full.display()));
        assert!(said.contains("新增 2027-01-04 元旦 放假"), "{said}");
        assert!(said.contains("到期日") && said.contains("→ 2027-02-02"), "{said}");
        assert_eq!(desk.db.case(id).unwrap().unwrap().due, Some(d("2027-02-02")));
        let days = desk.db.calendar_days().unwrap().len();
        let said = admin(&mut desk, &format!("calendar {}", fix.display()));
        assert_eq!(desk.db.calendar_days().unwrap().len(), days, "nothing removed without replace: {said}");
        assert!(said.contains("保留 2027-01-04 元旦 放假（文件未列出）"), "{said}");
        assert!(said.contains("如要删除，请加 replace 重新导入"), "says how to remove them: {said}");
        let said = admin(&mut desk, &format!("calendar {} replace", fix.display()));
        assert_eq!(desk.db.calendar_days().unwrap().len(), days - 11, "{said}");
        assert!(said.contains("删除 2027-01-04 元旦 放假"), "{said}");
    }
}
