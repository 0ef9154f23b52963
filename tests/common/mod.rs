//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod accounts;
pub mod desk;
pub mod pty;

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use yichuang::app::{self, App, Effect, Msg, Session};
use yichuang::domain::calendar::CalendarFile;
use yichuang::domain::catalog::Catalog;
use yichuang::domain::lang::Lang;
use yichuang::domain::operator::{Operator, Role};
use yichuang::domain::text::display_width;
use yichuang::i18n;
use yichuang::keymap::{Key, KeyChord, Keymap};
use yichuang::ui::{self, Theme};

/// The login running the tests, as the program reads it: the password entry of the real uid.
/// A database this login initialises has it as admin; other operators are acted as with `--as`.
pub fn me() -> String {
    yichuang::setup::os_login().unwrap()
}

/// The shipped catalog.
pub fn catalog() -> Catalog {
    Catalog::parse("fixtures/service_items.toml", yichuang::setup::CATALOG).unwrap()
}

/// The shipped calendar.
pub fn calendar() -> CalendarFile {
    CalendarFile::parse("fixtures/holidays.toml", yichuang::setup::HOLIDAYS).unwrap()
}

/// A clerk at window 3 with the catalog loaded, at a fixed time.
pub fn app(lang: Lang, keymap: &str) -> App {
    app_as(Role::Clerk, lang, keymap)
}

/// Someone in `role` with the catalog and calendar loaded, on Friday 2026-11-20 at 09:41.
pub fn app_as(role: Role, lang: Lang, keymap: &str) -> App {
    let op = Operator { id: 2, login: "wangfang".into(), name: "王芳".into(), role, window: Some(3), retired: false };
    let session = Session { operator: op, db_path: "/srv/yichuang/yichuang.sqlite3".into(), demo: false };
    let now = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap().and_hms_opt(9, 41, 0).unwrap();
    let mut a = App::new(lang, Keymap::builtin(keymap).unwrap(), session, now, i18n::describe);
    let c = catalog();
    app::update(&mut a, Msg::CatalogLoaded(c.items, c.categories));
    let cal = yichuang::domain::calendar::Calendar::new(calendar().days);
    app::update(&mut a, Msg::CalendarLoaded(cal, yichuang::storage::DEFAULT_CLOSING));
    a
}

/// Feeds a message.
pub fn send(a: &mut App, m: Msg) -> Vec<Effect> {
    app::update(a, m)
}

/// Feeds one key by its keymap-file name (`ctrl-p`, `f1`, `down`, `?`).
pub fn press(a: &mut App, name: &str) -> Vec<Effect> {
    let chord = KeyChord::parse(name).unwrap_or_else(|| panic!("bad key {name}"));
    app::update(a, Msg::Key(chord))
}

/// Types text one character at a time, as a clerk or an input method would.
pub fn type_text(a: &mut App, text: &str) {
    for c in text.chars() {
        app::update(a, Msg::Key(KeyChord::plain(Key::Char(c))));
    }
}

/// Renders the app at `w`×`h` with colours off.
pub fn terminal(a: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| ui::draw(f, a, &Theme::new(true))).unwrap();
    t
}

/// The visible text of a rendered screen, wide characters counted once.
pub fn screen(a: &App, w: u16, h: u16) -> String {
    let t = terminal(a, w, h);
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut x = 0;
        let mut line = String::new();
        while x < buf.area.width {
            let s = buf[(x, y)].symbol();
            line.push_str(s);
            x += display_width(s).max(1) as u16;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
