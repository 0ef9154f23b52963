//! Residents and cases on a temporary database: intake, due dates, transitions, conflicts,
//! ratings, custody of originals and the status-line counts.

mod common;

use chrono::{DateTime, NaiveDate};
use yichuang::domain::case::{CaseError, CaseMaterial, CaseState, Channel, MaterialStatus, Transition};
use yichuang::domain::resident::ResidentDraft;
use yichuang::storage::{CaseFilter, CaseOpError, Clock, Db, IntakeRequest, MaterialEvent, Registered};

fn at(s: &str) -> Clock {
    Clock::Fixed(DateTime::parse_from_rfc3339(s).unwrap())
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn setup(now: &str) -> (tempfile::TempDir, Db, i64) {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, _) = yichuang::setup::open_or_init(&dir.path().join("c.sqlite3"), "root").unwrap();
    db.set_clock(at(now));
    let draft = ResidentDraft {
        name: "张秀英".into(),
        id_number: "320124194511230043".into(),
        phone: "13812345678".into(),
        ..Default::default()
    };
    let r = draft.validate(d("2026-11-22")).unwrap();
    let Registered::New(r) = db.register_resident("root", &r).unwrap() else { panic!("new") };
    (dir, db, r.id)
}

fn checklist(db: &Db, code: &str, status: MaterialStatus) -> Vec<CaseMaterial> {
    let item = db.service_items().unwrap().into_iter().find(|i| i.code == code).unwrap();
    item.materials
        .iter()
        .map(|m| CaseMaterial::at_intake(m, if m.required { status } else { MaterialStatus::Missing }))
        .collect()
}

fn code_with_limit(db: &Db, n: u16) -> String {
    use yichuang::domain::catalog::LimitUnit;
    db.service_items()
        .unwrap()
        .into_iter()
        .find(|i| i.time_limit.unit == LimitUnit::WorkingDays && i.time_limit.n == n)
        .unwrap()
        .code
}

#[test]
fn duplicates_are_offered_not_created() {
    let (_d, mut db, id) = setup("2026-11-20T10:00:00+08:00");
    let again =
        ResidentDraft { name: "张秀英".into(), id_number: "320124194511230043".into(), ..Default::default() };
    match db.register_resident("root", &again.validate(d("2026-11-22")).unwrap()).unwrap() {
        Registered::Existing(r) => assert_eq!(r.id, id),
        other => panic!("{other:?}"),
    }
    assert_eq!(db.residents().unwrap().len(), 1);
}

#[test]
fn accepted_on_30_september_2025_with_5_working_days_is_due_14_october() {
    let (_d, mut db, rid) = setup("2025-09-30T10:00:00+08:00");
    let code = code_with_limit(&db, 5);
    let req = IntakeRequest {
        item_code: code.clone(),
        resident_id: rid,
        channel: Channel::Window,
        materials: checklist(&db, &code, MaterialStatus::Presented),
    };
    let c = db.intake("wang", &req).unwrap();
    assert_eq!(c.state, CaseState::Accepted);
    assert_eq!(c.due, Some(d("2025-10-14")));
    assert_eq!(c.number, "20250930-0001");
    let c2 = db.intake("wang", &req).unwrap();
    assert_eq!(c2.number, "20250930-0002");
    let events = db.case_events(c.id).unwrap();
    assert_eq!(events.iter().map(|e| e.kind.as_str()).collect::<Vec<_>>(), ["intake", "accept"]);
}

#[test]
fn missing_materials_give_a_notice_then_supply_starts_the_clock() {
    let (_d, mut db, rid) = setup("2026-11-20T10:00:00+08:00");
    let code = code_with_limit(&db, 5);
    let req = IntakeRequest {
        item_code: code.clone(),
        resident_id: rid,
        channel: Channel::Window,
        materials: checklist(&db, &code, MaterialStatus::Missing),
    };
    let c = db.intake("wang", &req).unwrap();
    assert_eq!(c.state, CaseState::AwaitingMaterials);
    assert_eq!(c.due, None);
    assert_eq!(c.notice_deadline, Some(d("2026-11-27")));
    db.set_clock(at("2026-11-23T09:00:00+08:00"));
    let c = db.transition("wang", c.id, c.version, Transition::Supply, "").unwrap();
    assert_eq!(c.state, CaseState::Accepted);
    assert_eq!(c.due, Some(d("2026-11-30")));
    assert!(
        db.case_materials(c.id).unwrap().iter().filter(|m| m.required).all(|m| m.status == MaterialStatus::Presented)
    );
}

#[test]
fn suspension_extends_the_due_date_by_the_working_days_lost() {
    let (_d, mut db, rid) = setup("2026-11-16T10:00:00+08:00");
    let code = code_with_limit(&db, 5);
    let req = IntakeRequest {
        item_code: code.clone(),
        resident_id: rid,
        channel: Channel::Window,
        materials: checklist(&db, &code, MaterialStatus::Presented),
    };
    let c = db.intake("wang", &req).unwrap();
    assert_eq!(c.due, Some(d("2026-11-23")));
    let e = db.transition("wang", c.id, c.version, Transition::Suspend, "  ").unwrap_err();
    assert_eq!(e, CaseOpError::Case(CaseError::ReasonRequired));
    let c = db.transition("wang", c.id, c.version, Transition::Suspend, "等待户籍地协查").unwrap();
    assert_eq!(c.state, CaseState::Suspended);
    db.set_clock(at("2026-11-19T10:00:00+08:00"));
    let c = db.transition("wang", c.id, c.version, Transition::Resume, "").unwrap();
    assert_eq!(c.state, CaseState::Accepted, "back where it was");
    assert_eq!(c.suspended_days, 3);
    assert_eq!(c.due, Some(d("2026-11-26")));
    let c = db.transition("wang", c.id, c.version, Transition::Complete, "").unwrap();
    assert_eq!(c.state, CaseState::Completed);
    let kinds: Vec<String> = db.case_events(c.id).unwrap().into_iter().map(|e| e.kind).collect();
    assert_eq!(kinds, ["intake", "accept", "suspend", "resume", "complete"]);
}

#[test]
fn a_stale_version_is_a_conflict_and_writes_nothing() {
    let (_d, mut db, rid) = setup("2026-11-20T10:00:00+08:00");
    let code = code_with_limit(&db, 5);
    let req = IntakeRequest {
        item_code: code.clone(),
        resident_id: rid,
        channel: Channel::Window,
        materials: checklist(&db, &code, MaterialStatus::Presented),
    };
    let c = db.intake("wang", &req).unwrap();
    let other = db.transition("li", c.id, c.version, Transition::Start, "").unwrap();
    let e = db.transition("wang", c.id, c.version, Transition::Return, "材料不符").unwrap_err();
    assert_eq!(e, CaseOpError::Case(CaseError::Conflict));
    assert_eq!(db.case(c.id).unwrap().unwrap(), other);
    let e = db.transition("wang", c.id, other.version, Transition::Supply, "").unwrap_err();
    assert!(matches!(e, CaseOpError::Case(CaseError::NotAllowed { .. })));
}

#[test]
fn bad_ratings_open_a_follow_up_and_ratings_happen_once() {
    let (_d, mut db, rid) = setup("2026-11-20T10:00:00+08:00");
    let code = code_with_limit(&db, 5);
    let req = IntakeRequest {
        item_code: code.clone(),
        resident_id: rid,
        channel: Channel::OnBehalf,
        materials: checklist(&db, &code, MaterialStatus::Presented),
    };
    let c = db.intake("wang", &req).unwrap();
    let mats = db.case_materials(c.id).unwrap();
    assert!(mats.iter().filter(|m| m.required).all(|m| m.original_received.is_some()), "代办 originals received");
    let c = db.material_event("wang", c.id, c.version, 0, MaterialEvent::OriginalReturned).unwrap();
    assert!(db.case_materials(c.id).unwrap()[0].original_returned.is_some());
    let again = db.material_event("wang", c.id, c.version, 0, MaterialEvent::OriginalReturned).unwrap_err();
    assert!(
        matches!(again, CaseOpError::Case(CaseError::NotAllowed { transition: Transition::Supply, .. })),
        "only once: {again:?}"
    );
    assert_eq!(db.rate("wang", c.id, c.version, 2).unwrap_err(), CaseOpError::Case(CaseError::Rating));
    let c = db.transition("wang", c.id, c.version, Transition::Complete, "").unwrap();
    // Six stars is the rule's refusal, not the CHECK constraint's (a storage error).
    assert_eq!(db.rate("wang", c.id, c.version, 6).unwrap_err(), CaseOpError::Case(CaseError::Rating));
    let c = db.rate("wang", c.id, c.version, 2).unwrap();
    assert_eq!(c.follow_up_due, Some(d("2026-11-27")));
    assert_eq!(db.rate("wang", c.id, c.version, 5).unwrap_err(), CaseOpError::Case(CaseError::Rating), "rated once");
    let c = db.follow_up("chen", c.id, c.version, "电话回访，已解释办理时限").unwrap();
    assert!(c.follow_up_done);
}

#[test]
fn lists_and_counts_follow_due_dates() {
    let (_d, mut db, rid) = setup("2026-11-02T10:00:00+08:00");
    let code = code_with_limit(&db, 5);
    let req = IntakeRequest {
        item_code: code.clone(),
        resident_id: rid,
        channel: Channel::Window,
        materials: checklist(&db, &code, MaterialStatus::Presented),
    };
    let old = db.intake("wang", &req).unwrap(); // due 2026-11-09
    db.set_clock(at("2026-11-16T10:00:00+08:00"));
    let soon = db.intake("li", &req).unwrap(); // due 2026-11-23
    db.set_clock(at("2026-11-20T10:00:00+08:00"));
    let later = db.intake("wang", &req).unwrap(); // due 2026-11-27
    let counts = db.case_counts(d("2026-11-20")).unwrap();
    assert_eq!((counts.open, counts.due_soon, counts.overdue), (3, 1, 1));
    let all = db.cases(&CaseFilter::default(), None, 10).unwrap();
    assert_eq!(all.iter().map(|c| c.id).collect::<Vec<_>>(), [old.id, soon.id, later.id]);
    let mine = db.cases(&CaseFilter { operator: Some("wang".into()), ..Default::default() }, None, 10).unwrap();
    assert_eq!(mine.len(), 2);
    let overdue = db.cases(&CaseFilter { overdue_on: Some(d("2026-11-20")), ..Default::default() }, None, 10).unwrap();
    assert_eq!(overdue.iter().map(|c| c.id).collect::<Vec<_>>(), [old.id]);
    let page2 = db.cases(&CaseFilter::default(), Some((soon.due.unwrap().to_string(), soon.id)), 10).unwrap();
    assert_eq!(page2.iter().map(|c| c.id).collect::<Vec<_>>(), [later.id]);
}

/// SB-001 (3 working days) with everything presented but the household register.
fn sb001_with_register(db: &Db, rid: i64, register: MaterialStatus) -> IntakeRequest {
    let mut materials = checklist(db, "SB-001", MaterialStatus::Presented);
    for m in materials.iter_mut().filter(|m| m.name == "户口簿") {
        m.status = register;
    }
    IntakeRequest { item_code: "SB-001".into(), resident_id: rid, channel: Channel::Window, materials }
}

#[test]
fn a_promise_after_the_due_date_is_refused_by_the_database() {
    // Fri 20 Nov + 3 working days: due Wed 25 Nov.
    let (_d, mut db, rid) = setup("2026-11-20T10:00:00+08:00");
    let late = sb001_with_register(&db, rid, MaterialStatus::Waived(d("2026-11-26")));
    match db.intake("wang", &late) {
        Err(CaseOpError::Case(CaseError::PromiseAfterDue { name, due })) => {
            assert_eq!((name.as_str(), due), ("户口簿", d("2026-11-25")));
        }
        other => panic!("{other:?}"),
    }
    assert!(db.cases(&CaseFilter::default(), None, 10).unwrap().is_empty(), "nothing written");
    let on_time = sb001_with_register(&db, rid, MaterialStatus::Waived(d("2026-11-25")));
    let c = db.intake("wang", &on_time).unwrap();
    assert_eq!((c.state, c.due, c.promised_by), (CaseState::Accepted, Some(d("2026-11-25")), Some(d("2026-11-25"))));
}

#[test]
fn the_id_card_is_never_rongque_in_the_database() {
    let (_d, mut db, rid) = setup("2026-11-20T10:00:00+08:00");
    let mut req = sb001_with_register(&db, rid, MaterialStatus::Presented);
    for m in req.materials.iter_mut().filter(|m| m.name.contains("身份证")) {
        m.status = MaterialStatus::Waived(d("2026-11-24"));
    }
    match db.intake("wang", &req) {
        Err(CaseOpError::Case(CaseError::NotRongque { name })) => assert!(name.contains("身份证"), "{name}"),
        other => panic!("{other:?}"),
    }
    // Nor a material the catalog does not mark, whatever the caller sends.
    let mut req = sb001_with_register(&db, rid, MaterialStatus::Presented);
    req.materials[2].status = MaterialStatus::Waived(d("2026-11-24"));
    assert!(!req.materials[2].name.contains("户口簿"));
    assert!(matches!(db.intake("wang", &req), Err(CaseOpError::Case(CaseError::NotRongque { .. }))));
    assert!(db.cases(&CaseFilter::default(), None, 10).unwrap().is_empty());
}

#[test]
fn an_overdue_promise_is_counted_until_the_material_comes() {
    let (_d, mut db, rid) = setup("2026-11-20T10:00:00+08:00");
    let req = sb001_with_register(&db, rid, MaterialStatus::Waived(d("2026-11-24")));
    let c = db.intake("wang", &req).unwrap();
    assert_eq!(db.case_counts(d("2026-11-24")).unwrap().promise_overdue, 0, "due that day is not overdue");
    db.set_clock(at("2026-11-25T09:00:00+08:00"));
    assert_eq!(db.case_counts(d("2026-11-25")).unwrap().promise_overdue, 1);
    let fresh = db.case(c.id).unwrap().unwrap();
    assert!(fresh.promise_overdue(d("2026-11-25")));
    let seq = db.case_materials(c.id).unwrap().iter().position(|m| m.name == "户口簿").unwrap();
    let after = db.material_event("wang", c.id, fresh.version, seq, MaterialEvent::Supplied).unwrap();
    assert_eq!(after.promised_by, None);
    assert_eq!(db.case_counts(d("2026-11-25")).unwrap().promise_overdue, 0);
}

/// Signs clerk `wang` in at window 1 and calls a number of `category` issued now.
fn serving(db: &mut Db, category: &str) -> yichuang::domain::queue::Ticket {
    if db.operator("wang").unwrap().is_none() {
        db.add_operator("root", "wang", "王芳", yichuang::domain::operator::Role::Clerk, Some(1)).unwrap();
        db.add_operator("root", "li", "李强", yichuang::domain::operator::Role::Clerk, Some(2)).unwrap();
        db.sign_in("wang", 1).unwrap();
    }
    db.take_ticket("kiosk", category, None, None).unwrap();
    db.call_next("wang").unwrap().0
}

fn ticket(db: &Db, id: i64) -> yichuang::domain::queue::Ticket {
    db.queue_view().unwrap().tickets.into_iter().find(|t| t.id == id).unwrap()
}

#[test]
fn a_one_time_notice_is_its_own_outcome_in_the_database() {
    use yichuang::domain::queue::Outcome;
    let (_d, mut db, rid) = setup("2026-11-20T10:00:00+08:00");
    // Materials missing: the notice, and the visit is 一次性告知 even when asked as 受理办件.
    let t = serving(&mut db, "SB");
    let notice = sb001_with_register(&db, rid, MaterialStatus::Missing);
    let c = db.intake_at("wang", Some(1), &notice).unwrap();
    assert_eq!(c.state, CaseState::AwaitingMaterials);
    db.link_case("wang", t.id, c.id).unwrap();
    let v = ticket(&db, t.id).version;
    assert_eq!(db.finish("wang", t.id, v, Outcome::CaseAccepted).unwrap().outcome, Some(Outcome::Notice));
    // Everything there: 受理办件, even when the clerk's key said consultation.
    let t = serving(&mut db, "SB");
    let ok = sb001_with_register(&db, rid, MaterialStatus::Presented);
    let c = db.intake_at("wang", Some(1), &ok).unwrap();
    db.link_case("wang", t.id, c.id).unwrap();
    let v = ticket(&db, t.id).version;
    assert_eq!(db.finish("wang", t.id, v, Outcome::Consultation).unwrap().outcome, Some(Outcome::CaseAccepted));
    // A visit that handled nothing ends as the clerk says.
    let t = serving(&mut db, "SB");
    assert_eq!(db.finish("wang", t.id, t.version, Outcome::Other).unwrap().outcome, Some(Outcome::Other));
}

#[test]
fn one_ticket_links_two_cases_in_the_database() {
    use yichuang::domain::queue::Outcome;
    let (_d, mut db, rid) = setup("2026-11-20T10:00:00+08:00");
    let t = serving(&mut db, "SB");
    let a = db.intake_at("wang", Some(1), &sb001_with_register(&db, rid, MaterialStatus::Missing)).unwrap();
    let b = db.intake_at("wang", Some(1), &sb001_with_register(&db, rid, MaterialStatus::Presented)).unwrap();
    db.link_case("wang", t.id, a.id).unwrap();
    db.link_case("wang", t.id, b.id).unwrap();
    db.link_case("wang", t.id, b.id).unwrap(); // a repeated link is one link
    let seen = ticket(&db, t.id);
    assert_eq!(seen.cases, vec![a.number.clone(), b.number.clone()], "both kept");
    assert_eq!(seen.case_id, Some(a.id), "the first stays the ticket's case");
    // One of the two accepted: the visit took a case in.
    assert_eq!(
        db.finish("wang", t.id, seen.version, Outcome::CaseAccepted).unwrap().outcome,
        Some(Outcome::CaseAccepted)
    );
}

#[test]
fn a_reprint_is_recorded_with_the_original_window() {
    let (_d, mut db, rid) = setup("2026-11-20T10:00:00+08:00");
    let c = db.intake_at("wang", Some(1), &sb001_with_register(&db, rid, MaterialStatus::Presented)).unwrap();
    assert_eq!(db.record_print("wang", c.id, false, Some(1)).unwrap(), (None, Some(1)), "the first print");
    db.set_clock(at("2026-11-23T14:05:00+08:00"));
    let (first, window) = db.record_print("li", c.id, false, Some(2)).unwrap();
    assert_eq!(first.map(|t| t.to_string()), Some("2026-11-20 10:00:00".into()), "a reprint knows the first");
    assert_eq!(window, Some(1), "where it was taken in, not where it is reprinted");
    // The notice is a paper of its own: its first print is no reprint.
    assert_eq!(db.record_print("li", c.id, true, Some(2)).unwrap().0, None);
}
