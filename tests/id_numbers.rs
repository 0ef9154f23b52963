//! Identity numbers at the resident form: a birth date after today and a 15-digit
//! first-generation number each get their own message, not "impossible date" or "18 digits".

mod common;

use yichuang::app::overlay::Overlay;
use yichuang::app::{Effect, Msg, Tab};
use yichuang::domain::lang::Lang;
use yichuang::domain::resident::check_char;

/// The residents tab's registration form with a name and `id` typed, saved once.
fn saved_with(lang: Lang, id: &str) -> (yichuang::app::App, Vec<Effect>) {
    let mut a = common::app(lang, "default");
    a.tab = Tab::Residents;
    common::press(&mut a, "f5");
    common::type_text(&mut a, "赵桂兰");
    common::press(&mut a, "tab");
    common::type_text(&mut a, id);
    let effects = common::press(&mut a, "enter");
    (a, effects)
}

fn with_check(body: &str) -> String {
    format!("{body}{}", check_char(body).unwrap())
}

#[test]
fn a_birth_date_after_today_is_named_at_the_resident_form() {
    // The desk's today is 2026-11-20; this number was born on 2026-11-25.
    let id = with_check("11010520261125002");
    let (mut a, effects) = saved_with(Lang::Zh, &id);
    assert!(effects.is_empty(), "not registered: {effects:?}");
    let Some(Overlay::Form(f)) = &a.overlay else { panic!("form closed") };
    assert_eq!(f.bad, vec![1], "the ID row is marked");
    let s = common::screen(&a, 100, 30);
    assert!(s.contains("出生日期 2026-11-25 晚于今天"), "{s}");
    assert!(!s.contains("不存在"), "{s}");
    // Today comes from the desk's clock: once it is the 25th, the same number is taken.
    common::send(
        &mut a,
        Msg::Tick(chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap().and_hms_opt(9, 0, 0).unwrap()),
    );
    let effects = common::press(&mut a, "enter");
    assert!(matches!(effects.first(), Some(Effect::RegisterResident(r)) if r.id_number == id), "{effects:?}");
}

#[test]
fn a_first_generation_number_is_named_and_the_18_digit_one_shown_not_taken() {
    let (a, effects) = saved_with(Lang::Zh, "110105491231002");
    assert!(effects.is_empty(), "never converted silently: {effects:?}");
    let s = common::screen(&a, 100, 30);
    assert!(s.contains("第一代（15 位）身份证号") && s.contains("推算为 11010519491231002X"), "{s}");
    let (a, _) = saved_with(Lang::En, "110105491231002");
    let s = common::screen(&a, 100, 30);
    assert!(s.contains("15-digit first-generation ID") && s.contains("likely 11010519491231002X"), "{s}");
}
