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
        promised_by: None,
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
    // Presented → 容缺 for the household register: promised in five working days, adjustable.
    press(&mut a, "down");
    press(&mut a, "down");
    press(&mut a, "space");
    press(&mut a, "space");
    press(&mut a, "+");
    let s = a.intake.as_ref().unwrap().statuses[2];
    assert_eq!(s, MaterialStatus::Waived(chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()));
    press(&mut a, "ctrl-t");
    assert_eq!(a.intake.as_ref().unwrap().channel, Channel::Appointment);
    press(&mut a, "esc");
    press(&mut a, "y");
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
    let n = list.len();
    send(&mut a, Msg::CasesLoaded(list, CaseCounts { open: 1, ..Default::default() }, n));
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
    send(&mut a, Msg::CasesLoaded(vec![case(3, CaseState::Accepted, 1)], CaseCounts::default(), 1));
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

/// Opens intake of the first item `query` finds for the first resident, at the materials.
fn materials_of(query: &str) -> App {
    let mut a = with_residents();
    type_text(&mut a, query);
    press(&mut a, "enter");
    press(&mut a, "enter");
    press(&mut a, "enter");
    assert_eq!(a.intake.as_ref().unwrap().step, yichuang::app::intake::Step::Materials);
    a
}

/// Moves the cursor to the material named `name`.
fn to_material(a: &mut App, name: &str) {
    press(a, "home");
    let i = a.intake.as_ref().unwrap().item.materials.iter().position(|m| m.name == name).expect(name);
    for _ in 0..i {
        press(a, "down");
    }
}

fn d(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

fn refused(a: &App) -> Option<CaseError> {
    a.toasts.iter().rev().find_map(|t| match &t.notice {
        yichuang::app::notice::Notice::CaseRefused(e) => Some(e.clone()),
        _ => None,
    })
}

#[test]
fn a_promise_after_the_due_date_is_refused() {
    // 城乡居民养老保险参保登记: 3 working days from Fri 20 Nov, due Wed 25 Nov.
    let mut a = materials_of("SB-001");
    assert_eq!(a.intake.as_ref().unwrap().item.code, "SB-001");
    for m in a.intake.as_ref().unwrap().item.materials.clone() {
        to_material(&mut a, &m.name);
        press(&mut a, "space");
    }
    to_material(&mut a, "户口簿");
    press(&mut a, "space");
    let cursor = a.intake.as_ref().unwrap().cursor;
    // Five working days would be 27 Nov: the promise stops at the due date.
    assert_eq!(a.intake.as_ref().unwrap().statuses[cursor], MaterialStatus::Waived(d("2026-11-25")));
    press(&mut a, "+");
    assert_eq!(a.intake.as_ref().unwrap().statuses[cursor], MaterialStatus::Waived(d("2026-11-25")));
    assert_eq!(refused(&a), Some(CaseError::PromiseAfterDue { name: "户口簿".into(), due: d("2026-11-25") }));
    let s = common::screen(&a, 140, 40);
    assert!(s.contains("不能晚于办结期限 2026年11月25日"), "{s}");
    // A checklist that got a later promise anyway is refused at confirm, before anything is sent.
    a.intake.as_mut().unwrap().statuses[cursor] = MaterialStatus::Waived(d("2026-11-26"));
    assert!(press(&mut a, "enter").is_empty());
    assert!(!matches!(a.overlay, Some(Overlay::ConfirmIntake(_))), "{:?}", a.overlay);
}

#[test]
fn the_id_card_is_never_rongque() {
    let mut a = materials_of("gljt");
    to_material(&mut a, "居民身份证");
    press(&mut a, "space");
    let cursor = a.intake.as_ref().unwrap().cursor;
    assert_eq!(a.intake.as_ref().unwrap().statuses[cursor], MaterialStatus::Presented);
    press(&mut a, "space");
    assert_eq!(a.intake.as_ref().unwrap().statuses[cursor], MaterialStatus::Missing, "presented → missing, no 容缺");
    // Nor a material the catalog does not mark (the application form).
    to_material(&mut a, "高龄津贴申请审批表");
    press(&mut a, "space");
    press(&mut a, "space");
    assert_eq!(a.intake.as_ref().unwrap().statuses[0], MaterialStatus::Missing);
    // The household register may be: the checklist says so.
    let s = common::screen(&a, 140, 40);
    let line = s.lines().find(|l| l.contains("户口簿")).unwrap();
    assert!(line.contains("可容缺"), "{line}");
    let line = s.lines().find(|l| l.contains("居民身份证")).unwrap();
    assert!(!line.contains("可容缺"), "{line}");
}

#[test]
fn optional_materials_are_not_missing() {
    let a = materials_of("gljt");
    let s = common::screen(&a, 140, 40);
    let line = s.lines().find(|l| l.contains("低保证")).unwrap_or_else(|| panic!("{s}"));
    assert!(line.contains("可选") && line.contains("80–89岁低保老人提供"), "{line}");
    assert!(!line.contains("缺少"), "{line}");
    let line = s.lines().find(|l| l.contains("户口簿")).unwrap();
    assert!(line.contains("必需") && line.contains("缺少"), "{line}");
    // The preview lists the five required materials, not the optional one.
    let i = a.intake.as_ref().unwrap();
    let Ok(yichuang::domain::case::IntakeOutcome::Notice(missing)) = i.outcome(a.today(), i.due(&a)) else { panic!() };
    assert_eq!(missing.len(), 5);
    assert!(!missing.iter().any(|m| m == "低保证"));
}

#[test]
fn esc_in_the_materials_step_asks() {
    let mut a = materials_of("gljt");
    press(&mut a, "space");
    press(&mut a, "esc");
    let Some(Overlay::Confirm { ask, .. }) = &a.overlay else { panic!("no question: {:?}", a.overlay) };
    assert_eq!(*ask, yichuang::app::overlay::Ask::DropTicks("80周岁以上老年人高龄津贴申领".into(), 1));
    let s = common::screen(&a, 140, 40);
    assert!(s.contains("将清除") && s.contains("1 项材料"), "{s}");
    press(&mut a, "n");
    let i = a.intake.as_ref().unwrap();
    assert_eq!((i.step, i.statuses[0]), (yichuang::app::intake::Step::Materials, MaterialStatus::Presented), "kept");
    press(&mut a, "esc");
    press(&mut a, "y");
    let i = a.intake.as_ref().unwrap();
    assert_eq!(i.step, yichuang::app::intake::Step::Resident);
    assert_eq!(i.ticked(), 0);
    // Nothing ticked: nothing to lose, no question.
    press(&mut a, "enter");
    press(&mut a, "esc");
    assert!(a.overlay.is_none());
    assert_eq!(a.intake.as_ref().unwrap().step, yichuang::app::intake::Step::Resident);
}

#[test]
fn the_confirm_never_says_complete_when_one_is_rongque() {
    let mut a = materials_of("gljt");
    for m in a.intake.as_ref().unwrap().item.materials.clone().iter().filter(|m| m.required) {
        to_material(&mut a, &m.name);
        press(&mut a, "space");
    }
    press(&mut a, "enter");
    assert!(common::screen(&a, 140, 40).contains("材料齐全，受理此件？"));
    press(&mut a, "n");
    to_material(&mut a, "户口簿");
    press(&mut a, "space");
    press(&mut a, "enter");
    let s = common::screen(&a, 140, 40);
    assert!(!s.contains("材料齐全"), "{s}");
    assert!(s.contains("容缺受理此件") && s.contains("户口簿（2026年11月27日前）"), "{s}");
}

#[test]
fn an_overdue_promise_is_flagged_and_counted() {
    let mut late = case(3, CaseState::Accepted, 1);
    late.promised_by = Some(d("2026-11-19"));
    let mut on_time = case(4, CaseState::Accepted, 1);
    on_time.promised_by = Some(d("2026-11-20"));
    let mut a = on_cases(vec![]);
    let counts = CaseCounts { open: 2, promise_overdue: 1, ..Default::default() };
    send(&mut a, Msg::CasesLoaded(vec![late, on_time], counts, 2));
    let s = common::screen(&a, 140, 30);
    assert!(s.contains("容缺逾期 1"), "the status line counts it: {s}");
    let row = |n: &str| s.lines().find(|l| l.contains(n) && l.contains("张秀英")).unwrap().to_string();
    assert!(row("20261120-0003").contains("容缺逾期"), "{s}");
    assert!(!row("20261120-0004").contains("容缺逾期"), "promised for today is not late: {s}");
    // The detail says so too.
    let first = a.cases.list[0].clone();
    send(&mut a, Msg::CaseLoaded(first, vec![], vec![]));
    let s = common::screen(&a, 140, 30);
    assert_eq!(s.matches("容缺逾期").count(), 3, "status line, row and detail: {s}");
}

mod desk_flows {
    //! The same rules on a real database: keys in, the worker carrying the effects out, and
    //! the papers read back from the receipts folder as the resident gets them.

    use super::common::db_with_resident;
    use super::common::desk::Desk;
    use yichuang::app::overlay::Overlay;
    use yichuang::domain::case::CaseState;
    use yichuang::domain::operator::Role;
    use yichuang::domain::queue::{Outcome, Ticket};
    use yichuang::storage::{CaseFilter, Db};

    const NOW: &str = "2026-11-20T09:30:00+08:00";

    /// 王芳 at window 1, signed in, with one 社保 number called.
    fn serving() -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let db = db_with_resident(&dir);
        let mut d = Desk::with(dir, db, "wangfang", "王芳", Role::Clerk, Some(1), NOW);
        d.press("f7");
        d.press("w");
        d.press("a");
        d.typed("社保");
        d.press("enter");
        d.press("f5");
        assert!(d.current().is_some());
        d
    }

    /// Takes `item` in for 张秀英 with the materials named in `ticked` presented.
    fn intake(d: &mut Desk, item: &str, ticked: &[&str]) {
        d.press("f2");
        d.press("ctrl-l");
        d.typed(item);
        d.press("enter");
        d.press("enter");
        d.typed("张秀英");
        d.press("enter");
        let names: Vec<String> = d.app.intake.as_ref().unwrap().item.materials.iter().map(|m| m.name.clone()).collect();
        for (i, n) in names.iter().enumerate() {
            if ticked.contains(&n.as_str()) || ticked == ["*"] {
                d.app.intake.as_mut().unwrap().cursor = i;
                d.press("space");
            }
        }
        d.press("enter");
        assert!(matches!(d.app.overlay, Some(Overlay::ConfirmIntake(_))), "{:?}", d.app.overlay);
        d.press("y");
        assert!(d.app.intake.is_none(), "saved");
    }

    fn ticket(d: &Desk, number: &str) -> Ticket {
        d.db.queue_view().unwrap().tickets.into_iter().find(|t| t.number == number).unwrap()
    }

    fn papers(dir: &std::path::Path) -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = std::fs::read_dir(dir)
            .map(|r| {
                r.map(|e| e.unwrap().path())
                    .map(|p| {
                        (p.file_name().unwrap().to_string_lossy().to_string(), std::fs::read_to_string(&p).unwrap())
                    })
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    }

    #[test]
    fn a_one_time_notice_is_its_own_outcome() {
        let mut d = serving();
        let number = d.current().unwrap().0;
        intake(&mut d, "SB-001", &[]);
        let case = &d.db.cases(&CaseFilter::default(), None, 10).unwrap()[0];
        assert_eq!(case.state, CaseState::AwaitingMaterials);
        d.press("f7");
        let s = super::common::screen(&d.app, 140, 40);
        assert!(s.contains(&format!("本次办件：{}", case.number)), "{s}");
        d.press("f9"); // finish the visit
        assert_eq!(ticket(&d, &number).outcome, Some(Outcome::Notice), "not 受理办件");
        // The finish menu offers it in its own right.
        let mut d = serving();
        d.press("f9");
        let s = super::common::screen(&d.app, 140, 40);
        assert!(s.contains("5 一次性告知"), "{s}");
    }

    #[test]
    fn one_ticket_links_two_cases() {
        let mut d = serving();
        let number = d.current().unwrap().0;
        intake(&mut d, "SB-001", &["*"]);
        intake(&mut d, "gljt", &[]);
        let cases = d.db.cases(&CaseFilter::default(), None, 10).unwrap();
        assert_eq!(cases.len(), 2);
        let t = ticket(&d, &number);
        let mut linked = t.cases.clone();
        linked.sort();
        let mut numbers: Vec<String> = cases.iter().map(|c| c.number.clone()).collect();
        numbers.sort();
        assert_eq!(linked, numbers, "both cases kept on the ticket");
        d.press("f7");
        let s = super::common::screen(&d.app, 140, 40);
        assert!(s.contains(&format!("本次办件：{}、{}", t.cases[0], t.cases[1])), "{s}");
        d.press("f9");
        assert_eq!(ticket(&d, &number).outcome, Some(Outcome::CaseAccepted), "one of the two was accepted");
    }

    #[test]
    fn a_reprint_says_bu_da_with_the_original_window() {
        let mut d = serving();
        intake(&mut d, "SB-001", &["*"]);
        d.press("f9"); // the first print, on the Cases tab where intake leaves the clerk
        let first = papers(&d.dir.path().join("receipts"));
        assert_eq!(first.len(), 1, "{first:?}");
        assert!(!first[0].1.contains("补打"), "{}", first[0].1);
        // 李强 at window 2 reprints it three days later.
        let path = d.dir.path().join("q.sqlite3");
        let dir2 = tempfile::tempdir().unwrap();
        let mut li = Desk::with(
            dir2,
            Db::open(&path).unwrap(),
            "liqiang",
            "李强",
            Role::Clerk,
            Some(2),
            "2026-11-23T14:05:00+08:00",
        );
        li.press("f4");
        assert!(li.app.cases.selected_case().is_some());
        li.press("f9");
        let again = papers(&li.dir.path().join("receipts"));
        let text = &again[0].1;
        assert!(text.contains("受 理 回 执（补打）"), "{text}");
        assert!(text.contains("经 办 人：王芳") && text.contains("受理窗口：1号窗口"), "{text}");
        assert!(!text.contains("李强") && !text.contains("2号窗口"), "{text}");
        assert!(
            text.contains("首次打印：2026年11月20日 09:30") && text.contains("补打时间：2026年11月23日 14:05"),
            "{text}"
        );
    }

    #[test]
    fn f9_prints_what_to_bring() {
        // No number at the window: the slip is printed at once, nothing is recorded.
        let dir = tempfile::tempdir().unwrap();
        let db = db_with_resident(&dir);
        let mut d = Desk::with(dir, db, "wangfang", "王芳", Role::Clerk, Some(1), NOW);
        d.press("f2");
        d.typed("gljt");
        d.press("enter");
        d.press("f9");
        assert!(d.app.overlay.is_none());
        let slips = papers(&d.dir.path().join("receipts"));
        assert_eq!(slips.len(), 1, "{slips:?}");
        assert!(slips[0].0.starts_with("LL-001-") && slips[0].0.ends_with("-slip.txt"), "{}", slips[0].0);
        let text = &slips[0].1;
        for want in ["办 事 告 知 单（一次性告知）", "80周岁以上老年人高龄津贴申领", "办理时限：22 个工作日", "户口簿"]
        {
            assert!(text.contains(want), "{want}:\n{text}");
        }
        assert!(text.contains("（80–89岁低保老人提供）") && text.contains("可选"), "{text}");
        assert!(text.contains("可容缺受理"), "{text}");
        assert!(!text.contains("申请人") && !text.contains("编    号"), "no case, no resident: {text}");
        // With a number being served it asks, names both, and records a consultation.
        let mut d = serving();
        let number = d.current().unwrap().0;
        d.press("f2");
        d.press("ctrl-l");
        d.typed("gljt");
        d.press("enter");
        d.press("f9");
        let s = super::common::screen(&d.app, 140, 40);
        assert!(s.contains(&format!("将 {number} 记为咨询")), "{s}");
        d.press("f9"); // the same key again confirms
        assert_eq!(ticket(&d, &number).slips, vec!["LL-001".to_string()]);
        d.press("f7");
        let s = super::common::screen(&d.app, 140, 40);
        assert!(s.contains("已打印告知单：LL-001"), "{s}");
        d.press("f9");
        assert_eq!(ticket(&d, &number).outcome, Some(Outcome::Consultation));
    }
}
