//! App flows: keys in, state and effects out. No terminal, no database.

mod common;

use common::{app, press, send, type_text};
use yichuang::app::catalog::Focus;
use yichuang::app::notice::Notice;
use yichuang::app::overlay::Overlay;
use yichuang::app::{Effect, Msg};
use yichuang::domain::lang::Lang;
use yichuang::keymap::Mode;

fn selected(a: &yichuang::app::App) -> String {
    a.catalog.selected_item().map(|i| i.name.clone()).unwrap_or_default()
}

#[test]
fn typing_initials_selects_the_item() {
    let mut a = app(Lang::Zh, "default");
    assert_eq!(a.mode(), Mode::Insert, "the search field has the cursor at start");
    type_text(&mut a, "gljt");
    assert!(selected(&a).contains("高龄津贴"), "{}", selected(&a));
    let mut a = app(Lang::Zh, "default");
    type_text(&mut a, "shbzk");
    assert!(selected(&a).contains("社会保障卡"));
    press(&mut a, "down");
    assert!(selected(&a).contains("社会保障卡"), "second hit is a card item too");
}

#[test]
fn chinese_from_an_input_method_arrives_as_a_paste_or_characters() {
    let mut a = app(Lang::Zh, "default");
    send(&mut a, Msg::Paste("社保卡".into()));
    assert!(selected(&a).contains("社会保障卡"));
    let mut a = app(Lang::Zh, "default");
    type_text(&mut a, "医保");
    assert_eq!(a.catalog.item(&a.catalog.hits[0]).category, "YB");
}

#[test]
fn printable_keys_type_even_when_they_are_bound() {
    // `?` and `:` are bound to help and palette, but the field has focus: they type.
    let mut a = app(Lang::Zh, "default");
    type_text(&mut a, "?:");
    assert_eq!(a.catalog.query.text(), "?:");
    assert!(a.overlay.is_none());
    let mut v = app(Lang::Zh, "vim");
    type_text(&mut v, "q");
    assert_eq!(v.catalog.query.text(), "q", "vim's q quits only outside the field");
}

#[test]
fn escape_clears_then_leaves_the_field_then_keys_command() {
    let mut a = app(Lang::Zh, "default");
    type_text(&mut a, "ylbx");
    press(&mut a, "esc");
    assert_eq!(a.catalog.query.text(), "");
    assert_eq!(a.catalog.hits.len(), 123);
    press(&mut a, "esc");
    assert_eq!(a.catalog.focus, Focus::List);
    press(&mut a, "?");
    assert!(matches!(a.overlay, Some(Overlay::Help { .. })));
    press(&mut a, "esc");
    assert!(a.overlay.is_none());
    // Typing on the list starts a new search.
    type_text(&mut a, "rmtj");
    assert_eq!(a.catalog.focus, Focus::Search);
    assert!(selected(&a).contains("人民调解"));
}

#[test]
fn arrows_pages_and_ends_stay_inside_the_list() {
    let mut a = app(Lang::Zh, "default");
    press(&mut a, "up");
    assert_eq!(a.catalog.selected, 0);
    press(&mut a, "end");
    // End is an editing key in the field: it must not move the list.
    assert_eq!(a.catalog.selected, 0);
    press(&mut a, "enter");
    assert_eq!(a.catalog.focus, Focus::List);
    press(&mut a, "end");
    assert_eq!(a.catalog.selected, 122);
    press(&mut a, "down");
    assert_eq!(a.catalog.selected, 122);
    press(&mut a, "pageup");
    assert!(a.catalog.selected < 122);
    press(&mut a, "home");
    assert_eq!(a.catalog.selected, 0);
}

#[test]
fn enter_on_the_list_zooms_the_details_for_roles_that_take_no_cases() {
    let mut a = common::app_as(yichuang::domain::operator::Role::Mediator, Lang::Zh, "default");
    type_text(&mut a, "gljt");
    press(&mut a, "enter");
    press(&mut a, "enter");
    assert!(a.catalog.zoomed);
    press(&mut a, "ctrl-down");
    assert_eq!(a.catalog.detail_scroll, 1);
    press(&mut a, "esc");
    assert!(!a.catalog.zoomed);
    assert_eq!(a.catalog.query.text(), "gljt", "leaving the zoom keeps the search");
}

#[test]
fn quit_asks_first_and_a_second_quit_confirms() {
    let mut a = app(Lang::Zh, "default");
    assert!(press(&mut a, "ctrl-q").is_empty());
    assert!(matches!(a.overlay, Some(Overlay::Confirm { .. })));
    press(&mut a, "n");
    assert!(a.overlay.is_none() && !a.quit);
    press(&mut a, "f10");
    assert_eq!(press(&mut a, "ctrl-q"), vec![Effect::Quit]);
    assert!(a.quit);
    let mut b = app(Lang::Zh, "default");
    press(&mut b, "ctrl-c");
    assert_eq!(press(&mut b, "enter"), vec![Effect::Quit]);
}

#[test]
fn the_palette_finds_actions_by_pinyin_and_runs_them() {
    let mut a = app(Lang::Zh, "default");
    press(&mut a, "ctrl-p");
    assert_eq!(a.mode(), Mode::Insert);
    send(&mut a, Msg::Paste("切换中文".into()));
    press(&mut a, "enter");
    assert_eq!(a.lang, Lang::En);
    assert!(a.toasts.iter().any(|t| t.notice == Notice::LangSwitched));
    press(&mut a, "ctrl-p");
    type_text(&mut a, "ajbz");
    let Some(Overlay::Palette(p)) = &a.overlay else { panic!("palette closed") };
    assert_eq!(p.chosen(), Some(yichuang::action::Action::Help), "ajbz = 按键帮助 initials");
    press(&mut a, "esc");
    assert!(a.overlay.is_none());
}

#[test]
fn a_huge_paste_is_cut_and_said() {
    let mut a = app(Lang::Zh, "default");
    send(&mut a, Msg::Paste("医".repeat(10_000)));
    assert_eq!(a.catalog.query.text().chars().count(), 200);
    assert!(a.toasts.iter().any(|t| t.notice == Notice::InputTruncated { max: 200 }));
    assert!(a.catalog.hits.is_empty());
}

#[test]
fn escape_sequences_in_a_paste_are_removed_and_said() {
    let mut a = app(Lang::Zh, "default");
    send(&mut a, Msg::Paste("\u{1b}[2J\u{1b}]0;pwned\u{7}gljt\n".into()));
    assert_eq!(a.catalog.query.text(), "gljt ");
    assert!(a.toasts.iter().any(|t| t.notice == Notice::UnsafeCharsRemoved));
    assert!(selected(&a).contains("高龄津贴"));
}

#[test]
fn another_sessions_change_reloads_and_keeps_the_selection() {
    let mut a = app(Lang::Zh, "default");
    type_text(&mut a, "shbzk");
    press(&mut a, "down");
    let before = selected(&a);
    assert!(send(&mut a, Msg::DataChanged).contains(&Effect::LoadCatalog));
    let mut c = common::catalog();
    c.items.retain(|i| i.code != "SB-012");
    send(&mut a, Msg::CatalogLoaded(c.items, c.categories));
    assert_eq!(selected(&a), before);
    assert!(a.toasts.iter().any(|t| matches!(t.notice, Notice::CatalogUpdated { items: 122 })));
}

#[test]
fn toasts_expire_with_the_clock_and_redraw_only_when_needed() {
    let mut a = app(Lang::Zh, "default");
    send(&mut a, Msg::Paste("\u{7}x".into()));
    assert_eq!(a.toasts.len(), 1);
    a.dirty = false;
    let t0 = a.now;
    send(&mut a, Msg::Tick(t0 + chrono::TimeDelta::seconds(1)));
    assert!(!a.dirty, "nothing visible changed within the minute");
    send(&mut a, Msg::Tick(t0 + chrono::TimeDelta::seconds(10)));
    assert!(a.toasts.is_empty());
    assert!(a.dirty);
}

/// A small deterministic generator, so a failure can be replayed from its seed.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

#[test]
fn random_keys_at_random_sizes_never_panic() {
    const KEYS: &[&str] = &[
        "a",
        "g",
        "l",
        "j",
        "t",
        "?",
        ":",
        "/",
        "q",
        "y",
        "n",
        "G",
        "up",
        "down",
        "left",
        "right",
        "home",
        "end",
        "pageup",
        "pagedown",
        "enter",
        "esc",
        "tab",
        "shift-tab",
        "backspace",
        "delete",
        "f1",
        "f2",
        "f3",
        "f12",
        "ctrl-p",
        "ctrl-l",
        "ctrl-w",
        "ctrl-u",
        "ctrl-up",
        "ctrl-down",
        "shift-down",
        "医",
        "保",
    ];
    for seed in 1..=6u64 {
        let mut rng = Lcg(seed);
        let mut a = app(if seed % 2 == 0 { Lang::En } else { Lang::Zh }, if seed % 3 == 0 { "vim" } else { "default" });
        for _ in 0..300 {
            let k = KEYS[(rng.next() % KEYS.len() as u64) as usize];
            if k == "ctrl-q" || (k == "y" && matches!(a.overlay, Some(Overlay::Confirm { .. }))) {
                continue;
            }
            press(&mut a, k);
            if rng.next().is_multiple_of(10) {
                let (w, h) = ((rng.next() % 170) as u16, (rng.next() % 60) as u16);
                send(&mut a, Msg::Resize(w, h));
                common::screen(&a, w.max(1), h.max(1));
            }
        }
    }
}

#[test]
fn unrelated_writes_reload_nothing_and_say_nothing() {
    let mut a = app(Lang::Zh, "default");
    type_text(&mut a, "gljt");
    a.dirty = false;
    let c = common::catalog();
    send(&mut a, Msg::CatalogLoaded(c.items, c.categories));
    assert!(a.toasts.is_empty(), "{:?}", a.toasts);
    assert!(!a.dirty, "the same catalog again needs no redraw");
    assert_eq!(a.catalog.query.text(), "gljt");
}
