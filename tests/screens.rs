//! Rendered screens: insta snapshots over `TestBackend`, and every small size without panic.

mod common;

use common::{app, press, screen, type_text};
use yichuang::app::{Lang, Msg};

fn sized(lang: Lang, w: u16, h: u16, query: &str) -> String {
    let mut a = app(lang, "default");
    common::send(&mut a, Msg::Resize(w, h));
    type_text(&mut a, query);
    screen(&a, w, h)
}

#[test]
fn catalog_zh_80x24() {
    insta::assert_snapshot!(sized(Lang::Zh, 80, 24, "ylbx"));
}

#[test]
fn catalog_en_80x24() {
    insta::assert_snapshot!(sized(Lang::En, 80, 24, "ylbx"));
}

#[test]
fn catalog_zh_160x48() {
    insta::assert_snapshot!(sized(Lang::Zh, 160, 48, "gljt"));
}

#[test]
fn catalog_en_160x48() {
    insta::assert_snapshot!(sized(Lang::En, 160, 48, "gljt"));
}

#[test]
fn no_match_tells_what_to_try() {
    let s = sized(Lang::Zh, 80, 24, "zzzzxq");
    assert!(s.contains("没有匹配的事项"), "{s}");
    assert!(s.contains("0 / 123"), "{s}");
}

#[test]
fn help_is_generated_from_the_keymap() {
    let mut a = app(Lang::Zh, "vim");
    press(&mut a, "esc");
    press(&mut a, "?");
    let s = screen(&a, 100, 40);
    assert!(s.contains("j, ↓") || s.contains("↓, j"), "{s}");
    assert!(s.contains("退出一窗"));
    insta::assert_snapshot!(s);
}

#[test]
fn quit_confirm_and_palette_draw_over_the_screen() {
    let mut a = app(Lang::En, "default");
    press(&mut a, "ctrl-q");
    let s = screen(&a, 80, 24);
    assert!(
        s.contains("Quit yichuang?") && s.contains("Enter / y yes"),
        "{s}"
    );
    press(&mut a, "esc");
    press(&mut a, "ctrl-p");
    type_text(&mut a, "lang");
    let s = screen(&a, 80, 24);
    assert!(
        s.contains("Commands") && s.contains("Switch English / 中文"),
        "{s}"
    );
}

#[test]
fn zoomed_details_list_every_material() {
    let mut a = app(Lang::Zh, "default");
    type_text(&mut a, "gljt");
    press(&mut a, "enter");
    press(&mut a, "enter");
    let s = screen(&a, 80, 24);
    let item = a.catalog.selected_item().unwrap();
    for m in &item.materials {
        assert!(s.contains(&m.name), "{} missing:\n{s}", m.name);
    }
}

#[test]
fn narrow_terminals_drop_the_detail_pane_and_tiny_ones_say_so() {
    let s = sized(Lang::Zh, 50, 20, "gljt");
    assert!(s.contains("高龄津贴") && !s.contains("详情"), "{s}");
    let s = sized(Lang::Zh, 10, 3, "");
    assert!(s.starts_with("窗口太小"), "{s}");
}

#[test]
fn every_small_size_renders_without_panic() {
    let mut a = app(Lang::Zh, "default");
    type_text(&mut a, "医保");
    for w in 1..=90u16 {
        for h in [1u16, 2, 3, 5, 6, 7, 9, 12, 24] {
            screen(&a, w, h);
        }
    }
    press(&mut a, "ctrl-p");
    for w in (1..=90u16).step_by(7) {
        for h in 1..=12u16 {
            screen(&a, w, h);
        }
    }
}
