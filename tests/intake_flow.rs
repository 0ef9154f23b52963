//! Intake and case handling as key sequences: Catalog → applicant → materials → accepted
//! case, the resident form's refusals, reasons, ratings and conflicts.

mod common;

use common::{app, press, send, type_text};
use yichuang::app::overlay::Overlay;
use yichuang::app::{App, Effect, Msg, Tab};
use yichuang::domain::case::{Case, CaseError, CaseState, Channel, MaterialStatus, Transition};
use yichuang::domain::lang::Lang;
use yichuang::domain::resident::{Resident, ResidentDraft};
use yichuang::storage::{CaseCounts, CaseOpError, Registered};

fn resident(id: i64, name: &str, id_number: &str) -> Resident {
    let draft = ResidentDraft {
        name: name.into(),
        id_number: id_number.into(),
        phone: "13812345678".into(),
        ..Default::default()
    };
    Resident { id, ..draft.validate(chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()).unwrap() }
}

fn with_residents() -> App {
    let mut a = app(Lang::Zh, "default");
    send(
        &mut a,
        Msg::ResidentsLoaded(yichuang::app::residents::ResidentPage::new(vec![
            resident(1, "张秀英", "320124194511230043"),
            resident(2, "曾小明", "11010519491231002X"),
        ])),
    );
    a
}

fn case(id: i64, state: CaseState, version: i64) -> Case {
    let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap().and_hms_opt(9, 0, 0).unwrap();
    Case {
        id,
        number: format!("20261120-{id:04}"),
        item_code: "LL-001".into(),
        item_name: "80周岁以上老年人高龄津贴申领".into(),
        resident_id: 1,
        resident_name: "张秀英".into(),
        resident_id_number: "320124194511230043".into(),
        operator: "wangfang".into(),
        channel: Channel::Window,
        state,
        before_suspension: None,
        received_at: now,
        accepted_at: Some(now),
        due: Some(chrono::NaiveDate::from_ymd_opt(2026, 12, 22).unwrap()),
        notice_deadline: None,
        suspended_days: 0,
        suspended_at: None,
        completed_at: None,
        rating: None,
        follow_up_due: None,
        follow_up_done: false,
        version,
    }
}

#[test]
fn from_the_catalog_to_an_accepted_case() {
    let mut a = with_residents();
    type_text(&mut a, "gljt");
    press(&mut a, "enter");
    press(&mut a, "enter");
    let item = a.intake.as_ref().expect("intake started").item.clone();
    assert!(item.name.contains("高龄津贴"));
    type_text(&mut a, "zxy");
    assert_eq!(a.residents.resident(&a.intake.as_ref().unwrap().found.hits[0]).name, "张秀英");
    press(&mut a, "enter");
    // Tick every required material as presented.
    for (i, m) in item.materials.iter().enumerate() {
        if m.required {
            a.intake.as_mut().unwrap().cursor = i;
            press(&mut a, "space");
        }
    }
    press(&mut a, "enter");
    let Some(Overlay::ConfirmIntake(p)) = &a.overlay else { panic!("no confirmation: {:?}", a.overlay) };
    assert_eq!(p.due, Some(chrono::NaiveDate::from_ymd_opt(2026, 12, 22).unwrap()), "22 working days from Fri 20 Nov");
    let effects = press(&mut a, "y");
    let Some(Effect::Intake(req)) = effects.first() else { panic!("{effects:?}") };
    assert_eq!((req.item_code.as_str(), req.resident_id), ("LL-001", 1));
    assert!(req.materials.iter().filter(|m| m.required).all(|m| m.status == MaterialStatus::Presented));
    let effects = send(&mut a, Msg::IntakeSaved(case(7, CaseState::Accepted, 1)));
    assert_eq!(a.tab, Tab::Cases);
    assert!(a.intake.is_none());
    assert!(effects.contains(&Effect::LoadCase(7)));
    assert_eq!(a.cases.selected_case().unwrap().id, 7);
}

#[test]
fn missing_materials_lead_to_the_notice_and_waivers_to_acceptance() {
    let mut a = with_residents();
    type_text(&mut a, "gljt");
    press(&mut a, "enter");
    press(&mut a, "enter");
    press(&mut a, "enter"); // the first resident
    press(&mut a, "enter");
    let Some(Overlay::ConfirmIntake(p)) = &a.overlay else { panic!("no confirmation") };
    assert!(matches!(&p.outcome, yichuang::domain::case::IntakeOutcome::Notice(m) if m.len() == 5), "{:?}", p.outcome);
    press(&mut a, "esc");
    // Presented → 容缺 for the first: promised in five working days, adjustable.
    press(&mut a, "space");
    press(&mut a, "space");
    press(&mut a, "+");
    let s = a.intake.as_ref().unwrap().statuses[0];
    assert_eq!(s, MaterialStatus::Waived(chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()));
    press(&mut a, "ctrl-t");
    assert_eq!(a.intake.as_ref().unwrap().channel, Channel::Appointment);
    press(&mut a, "esc");
    assert_eq!(a.intake.as_ref().unwrap().step, yichuang::app::intake::Step::Resident, "Esc goes back a step");
    press(&mut a, "esc");
    assert!(a.intake.is_none(), "and out of intake");
}

#[test]
fn the_resident_form_names_what_is_wrong_and_registers() {
    let mut a = with_residents();
    type_text(&mut a, "gljt");
    press(&mut a, "enter");
    press(&mut a, "enter");
    type_text(&mut a, "赵桂兰");
    press(&mut a, "f5");
    let Some(Overlay::Form(f)) = &a.overlay else { panic!("no form") };
    assert_eq!(f.text(0), "赵桂兰", "the search becomes the name");
    press(&mut a, "tab");
    type_text(&mut a, "110108196711301866"); // wrong check digit
    press(&mut a, "tab");
    type_text(&mut a, "1381234567"); // ten digits
    assert!(press(&mut a, "enter").is_empty());
    let Some(Overlay::Form(f)) = &a.overlay else { panic!("form closed") };
    assert_eq!(f.problems.len(), 2);
    assert_eq!(f.bad, vec![1, 2], "the ID and the mobile rows are marked");
    assert_eq!(f.focus, 1, "focus on the first wrong field");
    let s = common::screen(&a, 100, 30);
    assert!(s.contains("校验位不对") && s.contains("11 位"), "{s}");
    press(&mut a, "backspace");
    type_text(&mut a, "2");
    press(&mut a, "tab");
    type_text(&mut a, "8");
    let effects = press(&mut a, "enter");
    let Some(Effect::RegisterResident(r)) = effects.first() else { panic!("{effects:?}") };
    assert_eq!(
        (r.name.as_str(), r.id_number.as_str(), r.phone.as_str()),
        ("赵桂兰", "110108196711301862", "13812345678")
    );
    send(&mut a, Msg::ResidentRegistered(Registered::New(Resident { id: 9, ..r.clone() })));
    assert!(a.overlay.is_none());
    let i = a.intake.as_ref().unwrap();
    assert_eq!(i.resident.as_ref().unwrap().id, 9);
    assert_eq!(i.step, yichuang::app::intake::Step::Materials);
}

#[test]
fn a_duplicate_id_selects_the_existing_resident() {
    let mut a = with_residents();
    a.tab = Tab::Residents;
    press(&mut a, "f5");
    let existing = resident(1, "张秀英", "320124194511230043");
    send(&mut a, Msg::ResidentRegistered(Registered::Existing(existing)));
    assert!(
        a.toasts.iter().any(
            |t| matches!(&t.notice, yichuang::app::notice::Notice::AlreadyRegistered { name } if name == "张秀英")
        )
    );
    assert_eq!(a.residents.selected_resident().unwrap().id, 1);
}

fn on_cases(list: Vec<Case>) -> App {
    let mut a = with_residents();
    press(&mut a, "f4");
    assert_eq!(a.tab, Tab::Cases);
    send(&mut a, Msg::CasesLoaded(list, CaseCounts { open: 1, due_soon: 0, overdue: 0 }));
    a
}

#[test]
fn suspending_needs_a_reason_and_sends_the_version_seen() {
    let mut a = on_cases(vec![case(3, CaseState::InProgress, 4)]);
    press(&mut a, "p");
    assert!(matches!(a.overlay, Some(Overlay::Prompt(_))));
    assert!(press(&mut a, "enter").is_empty(), "an empty reason is refused");
    assert!(common::screen(&a, 100, 30).contains("不能为空"));
    type_text(&mut a, "等待协查");
    let effects = press(&mut a, "enter");
    assert_eq!(
        effects,
        vec![Effect::Transition { id: 3, version: 4, transition: Transition::Suspend, reason: "等待协查".into() }]
    );
}

#[test]
fn illegal_transitions_are_refused_with_a_message() {
    let mut a = on_cases(vec![case(3, CaseState::Completed, 2)]);
    assert!(press(&mut a, "s").is_empty());
    assert!(
        a.toasts
            .iter()
            .any(|t| matches!(t.notice, yichuang::app::notice::Notice::CaseRefused(CaseError::NotAllowed { .. })))
    );
    assert!(common::screen(&a, 120, 30).contains("已办结的办件不能开始办理"));
    // Completing needs a confirmation; a completed case cannot be completed.
    assert!(press(&mut a, "c").is_empty());
    assert!(a.overlay.is_none());
    press(&mut a, "v");
    type_text(&mut a, "7");
    assert!(press(&mut a, "enter").is_empty(), "7 stars is not a rating");
    press(&mut a, "backspace");
    type_text(&mut a, "2");
    assert_eq!(press(&mut a, "enter"), vec![Effect::Rate { id: 3, version: 2, stars: 2 }]);
}

#[test]
fn completing_asks_first() {
    let mut a = on_cases(vec![case(3, CaseState::Accepted, 1)]);
    assert!(press(&mut a, "c").is_empty());
    assert!(matches!(a.overlay, Some(Overlay::Confirm { .. })));
    let effects = press(&mut a, "enter");
    assert_eq!(
        effects,
        vec![Effect::Transition { id: 3, version: 1, transition: Transition::Complete, reason: String::new() }]
    );
}

#[test]
fn a_conflict_shows_the_fresh_state_and_says_so() {
    let mut a = on_cases(vec![case(3, CaseState::Accepted, 1)]);
    let fresh = case(3, CaseState::Returned, 2);
    let effects = send(&mut a, Msg::CaseRefused(CaseOpError::Case(CaseError::Conflict), Some(fresh)));
    assert!(effects.contains(&Effect::LoadCase(3)));
    assert_eq!(a.cases.selected_case().unwrap().state, CaseState::Returned);
    assert!(common::screen(&a, 120, 30).contains("刚被其他窗口修改"));
}

#[test]
fn filters_cycle_and_reload() {
    let mut a = on_cases(vec![]);
    let effects = press(&mut a, "f");
    let Some(Effect::LoadCases(f)) = effects.first() else { panic!("{effects:?}") };
    assert_eq!(f.states, vec![CaseState::Accepted, CaseState::InProgress]);
    press(&mut a, "f");
    let effects = press(&mut a, "m");
    let Some(Effect::LoadCases(f)) = effects.first() else { panic!("{effects:?}") };
    assert_eq!(f.overdue_on, Some(a.today()));
    assert_eq!(f.operator.as_deref(), Some("wangfang"));
    send(&mut a, Msg::CasesLoaded(vec![case(3, CaseState::Accepted, 1)], CaseCounts::default()));
    let effects = press(&mut a, "e");
    let Some(Effect::LoadCases(f)) = effects.first() else { panic!("{effects:?}") };
    assert_eq!(f.item_code.as_deref(), Some("LL-001"));
    let effects = press(&mut a, "esc");
    let Some(Effect::LoadCases(f)) = effects.first() else { panic!("{effects:?}") };
    assert_eq!(f.item_code, None, "Esc drops the item filter");
}

#[test]
fn mediators_see_no_cases_tab_and_cannot_start_intake() {
    let mut a = common::app_as(yichuang::domain::operator::Role::Mediator, Lang::Zh, "default");
    assert_eq!(a.tabs(), vec![Tab::Catalog, Tab::Rooms, Tab::Mediation]);
    press(&mut a, "f4");
    assert_eq!(a.tab, Tab::Catalog);
    type_text(&mut a, "gljt");
    press(&mut a, "enter");
    press(&mut a, "enter");
    assert!(a.intake.is_none());
}

#[test]
fn residents_are_found_by_id_tail_and_revealed_with_an_audit() {
    let mut a = with_residents();
    press(&mut a, "f6");
    type_text(&mut a, "002x");
    assert_eq!(a.residents.selected_resident().unwrap().name, "曾小明");
    let s = common::screen(&a, 120, 30);
    assert!(s.contains("1101**********002X") && !s.contains("11010519491231002X"), "{s}");
    press(&mut a, "enter");
    let effects = press(&mut a, "ctrl-r");
    assert!(matches!(effects.first(), Some(Effect::Reveal(r, _)) if r.id == 2));
    send(&mut a, Msg::Revealed(2));
    assert!(common::screen(&a, 120, 30).contains("11010519491231002X"));
}

#[test]
fn a_revealed_id_is_masked_again_when_the_record_is_left_or_after_a_minute() {
    let mut a = with_residents();
    press(&mut a, "f6");
    press(&mut a, "esc"); // leave the search field for the list
    let first = a.residents.selected_resident().unwrap();
    // The reveal is audited by the worker, which answers Revealed.
    let e = press(&mut a, "ctrl-r");
    assert!(matches!(e.first(), Some(Effect::Reveal(r, _)) if r.id == first.id), "{e:?}");
    send(&mut a, Msg::Revealed(first.id));
    let full = first.id_number.clone();
    assert!(common::screen(&a, 100, 30).contains(&full), "shown in full");
    // Another resident under the cursor: the first is masked again, coming back does not undo it.
    press(&mut a, "down");
    press(&mut a, "up");
    assert!(!common::screen(&a, 100, 30).contains(&full), "masked once left");
    // Revealed again, it stays while looked at, and a minute later it is masked.
    send(&mut a, Msg::Revealed(first.id));
    let now = a.now;
    send(&mut a, Msg::Tick(now + chrono::TimeDelta::seconds(30)));
    assert!(common::screen(&a, 100, 30).contains(&full));
    send(&mut a, Msg::Tick(now + chrono::TimeDelta::seconds(61)));
    assert!(!common::screen(&a, 100, 30).contains(&full), "masked after a minute");
    // Leaving the tab masks it too.
    send(&mut a, Msg::Revealed(first.id));
    press(&mut a, "f2");
    press(&mut a, "f6");
    assert!(!common::screen(&a, 100, 30).contains(&full), "masked after leaving the tab");
}
