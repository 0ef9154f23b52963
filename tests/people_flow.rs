//! The right person every time: every place a person is picked lists namesakes with their ID
//! tails and ages, and books or links the one highlighted; residents are edited (name and ID
//! by supervisors only), audited; a digits-only search fills the right field of registration;
//! a refused form clears as it is fixed.

mod common;

use common::desk::Desk;
use yichuang::app::Effect;
use yichuang::app::form::FormKind;
use yichuang::app::notice::Notice;
use yichuang::app::overlay::Overlay;
use yichuang::app::pick::id_tail;
use yichuang::domain::lang::Lang;
use yichuang::domain::operator::Role;
use yichuang::domain::resident::{Resident, age_on, birth_date};
use yichuang::storage::Db;

const NOW: &str = "2026-11-19T08:40:00+08:00"; // Thursday, before the first slots

/// The demo centre (residents and cases) with its staff; `login` signed in.
fn demo(login: &str, role: Role) -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.sqlite3");
    let (mut db, _) = yichuang::setup::open_or_init(&path, "root").unwrap();
    for (l, name, role, window) in yichuang::setup::DEMO_STAFF {
        db.add_operator("root", l, name, *role, *window).unwrap();
    }
    let t = chrono::DateTime::parse_from_rfc3339(NOW).unwrap();
    yichuang::sample::demo::populate(&mut db, t, &["wangfang", "liqiang", "zhouli"]).unwrap();
    let name = if login == "chenjing" { "陈静" } else { "王芳" };
    let mut d = Desk::with(dir, db, login, name, role, Some(1), NOW);
    let e = yichuang::app::update(&mut d.app, yichuang::app::Msg::Resize(120, 36));
    d.run(e);
    d
}

fn namesakes(db: &Db) -> Vec<Resident> {
    db.residents().unwrap().into_iter().filter(|r| r.name == "陈芳").collect()
}

fn age(r: &Resident) -> u32 {
    age_on(birth_date(&r.id_number).unwrap(), chrono::NaiveDate::from_ymd_opt(2026, 11, 19).unwrap())
}

fn screen(d: &Desk) -> String {
    common::screen(&d.app, 120, 36)
}

#[test]
fn the_demo_has_two_residents_named_chen_fang() {
    let d = demo("wangfang", Role::Clerk);
    let both = namesakes(&d.db);
    assert!(both.len() >= 2, "{both:?}");
    assert_ne!(both[0].id_number, both[1].id_number);
}

#[test]
fn a_booking_with_two_residents_of_the_same_name_shows_both() {
    let mut d = demo("wangfang", Role::Clerk);
    let both = namesakes(&d.db);
    d.press("f8");
    d.press("n");
    d.typed("陈芳");
    let s = screen(&d);
    for r in &both {
        assert!(s.contains(&id_tail(&r.id_number)), "every 陈芳 listed with the ID tail:\n{s}");
        assert!(s.contains(&format!("{}岁", age(r))), "and the age:\n{s}");
    }
    assert!(s.contains(&format!("同名 {} 人", both.len())), "namesakes are pointed out:\n{s}");
    // Enter does not book whoever ranks first: it names the one highlighted and waits.
    d.press("down");
    let Some(Overlay::Prompt(p)) = &d.app.overlay else { panic!("no booking dialog") };
    let picked = d.app.residents.resident(p.pick.as_ref().unwrap().found.hit().unwrap());
    assert!(d.press_effects("enter").is_empty(), "the first Enter books nothing");
    let s = screen(&d);
    assert!(s.contains(&format!("为 陈芳 {} {}岁 预约", id_tail(&picked.id_number), age(&picked))), "{s}");
    let effects = d.press_effects("enter");
    let Some(Effect::Book(_, _, _, who)) = effects.first() else { panic!("{effects:?}") };
    assert_eq!(*who, picked.id, "the one highlighted and named is the one booked");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 19).unwrap();
    let booked = d.db.appointments(today, None).unwrap();
    assert!(booked.iter().any(|b| b.resident_id == picked.id), "{booked:?}");
}

#[test]
fn a_booking_for_nobody_says_so_and_books_nothing() {
    let mut d = demo("wangfang", Role::Clerk);
    d.press("f8");
    d.press("n");
    d.typed("不存在的人");
    assert!(d.press_effects("enter").is_empty());
    assert!(screen(&d).contains("没有匹配的居民"), "{}", screen(&d));
}

#[test]
fn intake_lists_namesakes_with_id_tail_and_age() {
    let mut d = demo("wangfang", Role::Clerk);
    d.press("f2");
    d.typed("gljt");
    d.press("enter");
    d.press("enter");
    d.typed("陈芳");
    let s = screen(&d);
    let both = namesakes(&d.db);
    for r in &both {
        assert!(s.contains(&id_tail(&r.id_number)) && s.contains(&format!("{}岁", age(r))), "{s}");
    }
    // The one highlighted is the one taken: the materials step names them with tail and age.
    d.press("down");
    let i = d.app.intake.as_ref().unwrap();
    let picked = d.app.residents.resident(i.found.hit().unwrap());
    d.press("enter");
    assert_eq!(d.app.intake.as_ref().unwrap().resident.as_ref().unwrap().id, picked.id);
    let s = screen(&d);
    assert!(s.contains(&format!("陈芳 {} {}岁", id_tail(&picked.id_number), age(&picked))), "{s}");
}

/// Opens the edit form of the first 陈芳 on the Residents tab.
fn edit_first_chen_fang(d: &mut Desk) -> Resident {
    d.press("f6");
    d.typed("陈芳");
    d.press("enter"); // leaves the search field for the list
    let r = d.app.residents.selected_resident().unwrap();
    d.press("e");
    let Some(Overlay::Form(f)) = &d.app.overlay else { panic!("no edit form") };
    assert_eq!(f.kind, FormKind::ResidentEdit);
    r
}

#[test]
fn the_edit_key_types_into_the_search_field() {
    let mut d = demo("wangfang", Role::Clerk);
    d.press("f6");
    d.typed("chenfang");
    assert!(d.app.overlay.is_none());
    assert_eq!(d.app.residents.query.text(), "chenfang");
}

/// Clears the focused text field.
fn clear(d: &mut Desk) {
    for _ in 0..25 {
        d.press("backspace");
    }
}

#[test]
fn a_clerk_edits_a_residents_phone_and_the_audit_names_it() {
    let mut d = demo("wangfang", Role::Clerk);
    let before = edit_first_chen_fang(&mut d);
    let Some(Overlay::Form(f)) = &d.app.overlay else { panic!() };
    assert_eq!(f.focus, 2, "a clerk starts on the mobile");
    clear(&mut d);
    d.typed("12345");
    d.press("enter");
    let Some(Overlay::Form(f)) = &d.app.overlay else { panic!("a bad mobile keeps the form open") };
    assert_eq!(f.bad, vec![2]);
    assert!(screen(&d).contains("手机号应为 11 位"), "{}", screen(&d));
    clear(&mut d);
    d.typed("18655550123");
    d.press("tab");
    d.typed("新");
    d.press("enter");
    assert!(d.app.overlay.is_none(), "saved");
    let after = d.db.resident(before.id).unwrap().unwrap();
    assert_eq!(after.phone, "18655550123");
    assert_eq!(after.address.estate, format!("{}新", before.address.estate));
    assert!(matches!(d.last_toast(), Notice::ResidentEdited { .. }));
    // The list and the detail follow the edited record; the audit names each change, masked.
    assert_eq!(d.app.residents.selected_resident().unwrap().phone, "18655550123");
    assert!(screen(&d).contains("186****0123"), "{}", screen(&d));
    let audit = d.db.audit_page(None, 5).unwrap();
    let row = audit.iter().find(|r| r.action == "resident.edit").expect("audited");
    assert_eq!((row.operator.as_str(), row.entity_id.as_str()), ("wangfang", before.id.to_string().as_str()));
    let was = yichuang::domain::resident::mask_phone(&before.phone);
    assert!(row.summary.contains(&format!("phone {was} → 186****0123")), "{}", row.summary);
    assert!(!row.summary.contains("18655550123"), "the mobile is masked in the trail: {}", row.summary);
    // The new mobile finds them.
    d.press("f6");
    d.press("ctrl-l");
    d.typed("0123");
    assert_eq!(d.app.residents.selected_resident().unwrap().id, before.id);
}

#[test]
fn only_a_supervisor_changes_a_name_or_id() {
    let mut d = demo("wangfang", Role::Clerk);
    let r = edit_first_chen_fang(&mut d);
    // A clerk sees the name and ID (masked) but typing there changes nothing.
    d.press("up");
    d.press("up");
    d.typed("王");
    let Some(Overlay::Form(f)) = &d.app.overlay else { panic!() };
    assert_eq!((f.focus, f.text(0)), (0, "陈芳".to_string()));
    let s = screen(&d);
    assert!(s.contains("仅主管可改"), "the reason is shown:\n{s}");
    assert!(!s.contains(&r.id_number), "the ID stays masked for a clerk:\n{s}");
    // The database refuses it too, whatever asks.
    let renamed = Resident { name: "陈芳芳".into(), ..r.clone() };
    assert_eq!(d.db.update_resident("wangfang", &renamed), Err(yichuang::model::ResidentEditError::OnlySupervisor));
    assert_eq!(d.db.resident(r.id).unwrap().unwrap().name, "陈芳");

    let mut s = demo("chenjing", Role::Supervisor);
    let r = edit_first_chen_fang(&mut s);
    let Some(Overlay::Form(f)) = &s.app.overlay else { panic!() };
    assert_eq!(f.focus, 0, "a supervisor starts on the name");
    s.typed("芳");
    s.press("enter");
    assert!(s.app.overlay.is_none(), "{:?}", s.app.overlay);
    assert_eq!(s.db.resident(r.id).unwrap().unwrap().name, "陈芳芳");
    let audit = s.db.audit_page(None, 5).unwrap();
    let row = audit.iter().find(|a| a.action == "resident.edit").unwrap();
    assert!(row.summary.contains("name 陈芳 → 陈芳芳"), "{}", row.summary);
    // Another resident's ID number is refused with whose it is; the form stays open.
    let other = namesakes(&s.db).into_iter().find(|x| x.id != r.id).unwrap();
    s.press("e");
    s.press("tab");
    clear(&mut s);
    s.typed(&other.id_number);
    s.press("enter");
    let Some(Overlay::Form(f)) = &s.app.overlay else { panic!("refused: the form stays") };
    assert_eq!(f.bad, vec![1]);
    assert!(screen(&s).contains("该身份证号已登记为 陈芳"), "{}", screen(&s));
}

#[test]
fn a_digits_only_query_opens_registration_with_the_id_field() {
    let mut d = demo("wangfang", Role::Clerk);
    d.press("f6");
    for (query, row) in [("110105194912310021", Some(1)), ("13900001111", Some(2)), ("0043", None)] {
        d.press("ctrl-l");
        d.typed(query);
        assert!(d.app.residents.hits.is_empty(), "{query} finds nobody");
        d.press("f5");
        let Some(Overlay::Form(f)) = &d.app.overlay else { panic!("no form") };
        assert_eq!(f.text(0), "", "{query} is never the name");
        match row {
            Some(row) => assert_eq!(f.text(row), query),
            None => {
                assert!((0..8).all(|r| f.text(r).is_empty()), "{query} goes nowhere");
                assert_eq!(d.last_toast(), Notice::DigitsNotAName("0043".into()));
            }
        }
        d.press("esc");
    }
    // Intake too: Enter on a search that found nobody opens the same form.
    d.press("f2");
    d.typed("gljt");
    d.press("enter");
    d.press("enter");
    d.typed("110105194912310021");
    d.press("enter");
    let Some(Overlay::Form(f)) = &d.app.overlay else { panic!("no form") };
    assert_eq!((f.text(0).as_str(), f.text(1).as_str()), ("", "110105194912310021"));
}

#[test]
fn registration_errors_clear_when_fixed() {
    let mut a = common::app(Lang::Zh, "default");
    a.tab = yichuang::app::Tab::Residents;
    common::press(&mut a, "f5");
    common::type_text(&mut a, "赵桂兰");
    common::press(&mut a, "tab");
    common::type_text(&mut a, "110108196711301866"); // wrong check digit
    common::press(&mut a, "tab");
    common::type_text(&mut a, "1381234567"); // ten digits
    common::press(&mut a, "enter");
    let Some(Overlay::Form(f)) = &a.overlay else { panic!() };
    assert_eq!(f.bad, vec![1, 2]);
    // Fixing the mobile clears its mark at once; the ID stays marked until it is right.
    common::press(&mut a, "tab");
    common::type_text(&mut a, "8");
    let Some(Overlay::Form(f)) = &a.overlay else { panic!() };
    assert_eq!((f.bad.clone(), f.problems.len()), (vec![1], 1));
    assert!(!common::screen(&a, 100, 30).contains("11 位，以"), "{}", common::screen(&a, 100, 30));
    common::press(&mut a, "up");
    common::press(&mut a, "backspace");
    common::type_text(&mut a, "2");
    let Some(Overlay::Form(f)) = &a.overlay else { panic!() };
    assert!(f.bad.is_empty() && f.problems.is_empty(), "{:?}", f.problems);
    assert!(!common::screen(&a, 100, 30).contains("校验位不对"));
}

#[test]
fn a_new_mobile_at_re_registration_is_offered_not_dropped() {
    let mut d = demo("wangfang", Role::Clerk);
    let on_file = namesakes(&d.db).remove(0);
    d.press("f6");
    d.press("f5");
    d.typed("陈芳");
    d.press("tab");
    d.typed(&on_file.id_number);
    d.press("tab");
    d.typed("17700001234");
    d.press("enter");
    let Some(Overlay::Form(f)) = &d.app.overlay else { panic!("the new mobile is offered") };
    assert_eq!((f.kind, f.text(2).as_str()), (FormKind::ResidentEdit, "17700001234"));
    assert_eq!(d.db.resident(on_file.id).unwrap().unwrap().phone, on_file.phone, "not changed unasked");
    assert!(screen(&d).contains("档案手机号不同"), "{}", screen(&d));
    d.press("enter");
    assert_eq!(d.db.resident(on_file.id).unwrap().unwrap().phone, "17700001234");
}

#[test]
fn the_booking_candidates_snapshot() {
    let mut d = demo("wangfang", Role::Clerk);
    d.press("f8");
    d.press("n");
    d.typed("陈芳");
    insta::assert_snapshot!(common::screen(&d.app, 100, 30));
    d.press("down");
    d.press("enter");
    insta::assert_snapshot!(common::screen(&d.app, 100, 30));
}

#[test]
fn the_edit_form_snapshot_for_a_clerk() {
    let mut d = demo("wangfang", Role::Clerk);
    edit_first_chen_fang(&mut d);
    insta::assert_snapshot!(common::screen(&d.app, 100, 30));
}

/// Another operator at another desk on the same database.
fn second_desk(d: &Desk, login: &str, name: &str, role: Role) -> Desk {
    let db = Db::open(d.db.path()).unwrap();
    Desk::with(tempfile::tempdir().unwrap(), db, login, name, role, None, NOW)
}

/// What the worker's watch says when another session wrote: everything shown is read again.
fn data_changed(d: &mut Desk) {
    let e = yichuang::app::update(&mut d.app, yichuang::app::Msg::DataChanged);
    d.run(e);
}

/// Row ids of a search's hits.
fn found(d: &mut Desk, query: &str) -> Vec<i64> {
    let hits = d.app.residents.search(query);
    hits.iter().map(|h| d.app.residents.resident(h).id).collect()
}

#[test]
fn another_desks_edit_of_a_resident_reaches_this_desk() {
    let mut a = demo("wangfang", Role::Clerk);
    let mut b = second_desk(&a, "chenjing", "陈静", Role::Supervisor);
    // 王芳 has the first 陈芳 selected, their ID and mobile revealed.
    let r = edit_first_chen_fang(&mut a);
    a.press("esc");
    assert!(a.app.overlay.is_none());
    a.press("ctrl-r");
    assert!(screen(&a).contains(&r.phone), "revealed:\n{}", screen(&a));
    // 陈静, a supervisor at another desk, corrects the name and the mobile.
    assert_eq!(edit_first_chen_fang(&mut b).id, r.id);
    clear(&mut b);
    b.typed("欧阳明月");
    b.press("tab");
    b.press("tab");
    clear(&mut b);
    b.typed("18655550123");
    b.press("enter");
    assert!(b.app.overlay.is_none(), "saved");
    assert_eq!(b.db.resident(r.id).unwrap().unwrap().name, "欧阳明月");

    data_changed(&mut a);
    // The list, the header and the detail follow, the selection on the same person.
    let held = a.app.residents.by_id(r.id).unwrap();
    assert_eq!((held.name.as_str(), held.phone.as_str()), ("欧阳明月", "18655550123"));
    assert_eq!(a.app.residents.selected_resident().unwrap().id, r.id, "the selection stays on them");
    let s = screen(&a);
    assert!(s.contains("欧阳明月"), "{s}");
    // The reveal was of the old mobile: the new one is masked until revealed (and audited) again.
    assert!(s.contains("186****0123") && !s.contains("18655550123") && !s.contains(&r.phone), "{s}");
    // Search finds the new name, by characters and initials, and not the old one.
    assert_eq!(found(&mut a, "欧阳明月").first(), Some(&r.id));
    assert_eq!(found(&mut a, "oymy").first(), Some(&r.id));
    assert_eq!(found(&mut a, "0123").first(), Some(&r.id), "and the new mobile");
    assert!(!found(&mut a, "陈芳").contains(&r.id), "the old name no longer finds them");

    // Intake's candidates follow too, while they are on screen.
    a.press("f2");
    a.typed("gljt");
    a.press("enter");
    a.press("enter");
    a.typed("oymy");
    let candidates = |a: &Desk| {
        let i = a.app.intake.as_ref().unwrap();
        i.found.hits.iter().map(|h| a.app.residents.resident(h)).collect::<Vec<_>>()
    };
    assert_eq!(candidates(&a).first().map(|c| c.id), Some(r.id));
    // 陈静 shortens the name again.
    assert_eq!(b.app.residents.selected_resident().unwrap().id, r.id);
    b.press("e");
    clear(&mut b);
    b.typed("欧阳明");
    b.press("enter");
    assert!(b.app.overlay.is_none(), "saved");
    data_changed(&mut a);
    assert!(candidates(&a).iter().all(|c| c.id != r.id && c.name != "欧阳明月"), "{:?}", candidates(&a));
    let s = screen(&a);
    assert!(!s.contains("欧阳明月"), "{s}");
    for _ in 0..4 {
        a.press("backspace");
    }
    a.typed("oym");
    let first = candidates(&a).into_iter().next().unwrap();
    assert_eq!((first.id, first.name.as_str()), (r.id, "欧阳明"));
}

#[test]
fn a_form_opened_before_another_desks_edit_never_overwrites_it() {
    let mut a = demo("wangfang", Role::Clerk);
    let mut b = second_desk(&a, "chenjing", "陈静", Role::Supervisor);
    // 王芳 opens the edit form on the first 陈芳 and changes the mobile, but has not saved yet.
    let r = edit_first_chen_fang(&mut a);
    clear(&mut a);
    a.typed("13911112222");
    // Meanwhile 陈静 changes the same person's mobile at another desk, and saves.
    edit_first_chen_fang(&mut b);
    b.press("tab");
    b.press("tab");
    clear(&mut b);
    b.typed("18655550123");
    b.press("enter");
    assert!(b.app.overlay.is_none(), "saved");
    // 王芳's save is refused with what to do; 陈静's mobile stays.
    a.press("enter");
    assert!(matches!(a.app.overlay, Some(Overlay::Form(_))), "the form stays open with the reason");
    let s = screen(&a);
    assert!(s.contains("已被其他窗口修改"), "{s}");
    assert_eq!(a.db.resident(r.id).unwrap().unwrap().phone, "18655550123");
}
