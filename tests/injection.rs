//! Names with terminal escape sequences in them, as a hostile or broken import would leave
//! in the database (written with raw SQL, past every form's validation), must reach the
//! terminal as harmless text: no title change, no clearing, no cursor jumps, no reset, no
//! bell, no reordering of the line by bidi overrides.

mod common;

use common::desk::Desk;
use common::pty::{Driven, Pty, isolate};
use portable_pty::CommandBuilder;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::cell::RefCell;
use std::io::Write;
use std::num::NonZeroU16;
use std::path::Path;
use std::rc::Rc;
use std::time::{Duration, Instant};
use yichuang::domain::operator::Role;
use yichuang::domain::resident::check_char;
use yichuang::ui::{self, Theme};

/// What each hostile name carries, after a visible `坏人N` and before a visible `尾`.
const PAYLOADS: [&str; 14] = [
    "\x1b]0;pwned\x07",       // OSC: set the window title
    "\x1b]2;pwned\x1b\\",     // OSC ended by ST
    "\x1b]52;c;cHduZWQ=\x07", // OSC 52: write the clipboard
    "\x1b[2J",                // CSI: clear the screen
    "\x1b[1;1H\x1b[K",        // CSI: jump home and erase the line
    "\x1b[5A",                // CSI: cursor up
    "\x1bc",                  // RIS: reset the terminal
    "\u{9b}2J",               // C1 CSI: clear
    "\u{9d}0;pwned\u{9c}",    // C1 OSC: title
    "\u{202e}exe.txt",        // bidi override: the rest of the line reads backwards
    "\u{2067}isolate",        // bidi isolate
    "\0nul",                  // NUL
    "\x07bell",               // BEL
    "\x08\x08\x08back",       // backspaces over what came before
];

fn hostile(k: usize) -> String {
    format!("坏人{k}{}尾", PAYLOADS[k])
}

fn id_number(area: &str, k: usize) -> String {
    let first17 = format!("{area}19700101{:03}", 100 + k);
    format!("{first17}{}", check_char(&first17).unwrap())
}

/// Residents, party members and service items with hostile names, written behind the
/// program's back.
fn poison(path: &Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    let now = "2026-11-20T09:00:00+08:00";
    for (k, p) in PAYLOADS.iter().enumerate() {
        conn.execute(
            "INSERT INTO residents (name, id_number, phone, estate, building, created_at, updated_at)
             VALUES (?1, ?2, '13812345678', ?3, '1', ?4, ?4)",
            rusqlite::params![hostile(k), id_number("320102", k), format!("幸福里{p}"), now],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO party_members (name, phone, id_number, unit, reported_on, created_at)
             VALUES (?1, '13912345678', ?2, ?3, '2026-11-01', ?4)",
            rusqlite::params![hostile(k), id_number("320103", k), format!("区税务局{p}"), now],
        )
        .unwrap();
    }
    let codes: Vec<String> = conn
        .prepare("SELECT code FROM service_items ORDER BY sort LIMIT ?1")
        .unwrap()
        .query_map([PAYLOADS.len() as i64], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    for (k, code) in codes.iter().enumerate() {
        conn.execute(
            "UPDATE service_items SET name = ?2, notes = ?3 WHERE code = ?1",
            rusqlite::params![code, format!("恶意事项{k}{}尾", PAYLOADS[k]), format!("备注{}", PAYLOADS[k])],
        )
        .unwrap();
    }
}

/// Everything a terminal does besides drawing, as an emulator sees it.
#[derive(Default, Debug)]
struct Effects(Vec<String>);

impl vt100::Callbacks for Effects {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.0.push("bell".into());
    }
    fn visual_bell(&mut self, _: &mut vt100::Screen) {
        self.0.push("visual bell".into());
    }
    fn resize(&mut self, _: &mut vt100::Screen, r: (u16, u16)) {
        self.0.push(format!("resize {r:?}"));
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.0.push(format!("icon name {}", String::from_utf8_lossy(name)));
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.0.push(format!("title {}", String::from_utf8_lossy(title)));
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8], data: &[u8]) {
        self.0.push(format!("clipboard {}", String::from_utf8_lossy(data)));
    }
    fn paste_from_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8]) {
        self.0.push("paste".into());
    }
    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        self.0.push(format!("osc {:?}", params.iter().map(|p| String::from_utf8_lossy(p)).collect::<Vec<_>>()));
    }
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// What in a stream of bytes to a terminal would do more than draw text, or shows that a
/// stored name went out as it was stored.
fn leaks(bytes: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    for (what, seq) in [
        ("OSC", &b"\x1b]"[..]),
        ("DCS", b"\x1bP"),
        ("APC", b"\x1b_"),
        ("PM", b"\x1b^"),
        ("RIS", b"\x1bc"),
        ("NUL", b"\0"),
        ("BEL", b"\x07"),
        ("BS", b"\x08"),
    ] {
        if has(seq) {
            found.push(what.to_string());
        }
    }
    // C1 controls and bidi formatting characters, as UTF-8.
    for c in ('\u{80}'..='\u{9f}').chain(('\u{600}'..='\u{206f}').filter(|c| is_bidi_control(*c))) {
        if has(c.to_string().as_bytes()) {
            found.push(format!("U+{:04X}", c as u32));
        }
    }
    for p in PAYLOADS {
        if has(format!("{p}尾").as_bytes()) {
            found.push(format!("payload {p:?} verbatim"));
        }
    }
    found
}

/// Draws the app the way the program does (through its own backend) onto an emulated
/// terminal, and into a plain buffer.
struct Screen {
    term: Terminal<yichuang::runtime::backend::CjkBackend<Tee>>,
    bytes: Rc<RefCell<Vec<u8>>>,
    vt: vt100::Parser<Effects>,
    w: u16,
    h: u16,
}

struct Tee(Rc<RefCell<Vec<u8>>>);

impl Write for Tee {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Screen {
    fn new(w: u16, h: u16) -> Screen {
        let bytes = Rc::new(RefCell::new(Vec::new()));
        let backend = yichuang::runtime::backend::CjkBackend::new(Tee(bytes.clone()));
        let viewport = ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, w, h));
        let term = Terminal::with_options(backend, ratatui::TerminalOptions { viewport }).unwrap();
        let vt = vt100::Parser::new_with_callbacks(
            NonZeroU16::new(h).unwrap(),
            NonZeroU16::new(w).unwrap(),
            0,
            Effects::default(),
        );
        Screen { term, bytes, vt, w, h }
    }

    /// Draws `app`; fails on any cell holding a control character or any byte that would
    /// do more than draw. Returns what the emulated terminal shows.
    fn show(&mut self, app: &yichuang::app::App, what: &str) -> String {
        let theme = Theme::new(false);
        let mut plain = Terminal::new(TestBackend::new(self.w, self.h)).unwrap();
        plain.draw(|f| ui::draw(f, app, &theme)).unwrap();
        let buf = plain.backend().buffer();
        for y in 0..buf.area.height {
            for x in 0..buf.area.width {
                let s = buf[(x, y)].symbol();
                assert!(!s.chars().any(char::is_control), "{what}: cell ({x},{y}) holds {s:?}");
            }
        }
        self.bytes.borrow_mut().clear();
        self.term.draw(|f| ui::draw(f, app, &theme)).unwrap();
        let sent = self.bytes.borrow().clone();
        let found = leaks(&sent);
        assert!(found.is_empty(), "{what} {}×{}: sent to the terminal: {found:?}", self.w, self.h);
        self.vt.process(&sent);
        assert!(self.vt.callbacks().0.is_empty(), "{what}: the terminal was made to {:?}", self.vt.callbacks().0);
        // Nothing a name carried moved the cursor or erased: the terminal shows the frame,
        // less the bidi controls that ratatui keeps in cells (they never reach the terminal).
        let expected: Vec<String> = common::screen(app, self.w, self.h)
            .lines()
            .map(|l| l.chars().filter(|c| !is_bidi_control(*c)).collect::<String>().trim_end().to_string())
            .collect();
        let shown: Vec<String> = self.vt.screen().rows(0, self.w).map(|l| l.trim_end().to_string()).collect();
        assert_eq!(shown, expected, "{what} {}×{}: the terminal differs from the frame", self.w, self.h);
        self.vt.screen().contents()
    }

    /// Types `text` a key at a time, drawing after each as the program does.
    fn type_in(&mut self, d: &mut Desk, text: &str, what: &str) -> String {
        let mut shown = String::new();
        for c in text.chars() {
            d.typed(&c.to_string());
            shown = self.show(&d.app, what);
        }
        shown
    }
}

fn desk() -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("q.sqlite3");
    let (db, _) = yichuang::setup::open_or_init(&path, "root").unwrap();
    poison(&path);
    Desk::with(dir, db, "wangfang", "王芳", Role::Supervisor, Some(1), "2026-11-20T09:41:00+08:00")
}

#[test]
fn hostile_names_render_as_text_on_every_screen_that_shows_them() {
    let mut d = desk();
    for (w, h) in [(160u16, 48u16), (120, 30), (80, 24)] {
        let mut s = Screen::new(w, h);
        d.press("f2");
        d.press("ctrl-l");
        let shown = s.type_in(&mut d, "恶意事项", "catalog");
        assert!(shown.contains("恶意事项0"), "the hostile items are listed:\n{shown}");
        for _ in 0..PAYLOADS.len() {
            d.press("down");
            s.show(&d.app, "catalog, moving down");
        }
        d.press("f6");
        d.press("ctrl-l");
        let shown = s.type_in(&mut d, "坏人", "residents");
        assert!(shown.contains("坏人0"), "the hostile residents are listed:\n{shown}");
        // Each in turn in the detail pane.
        for _ in 0..PAYLOADS.len() {
            d.press("down");
            s.show(&d.app, "resident details");
        }
        d.press("alt-m");
        let shown = s.show(&d.app, "members");
        assert!(shown.contains("坏人"), "the hostile members are listed:\n{shown}");
        for _ in 0..PAYLOADS.len() {
            d.press("down");
            s.show(&d.app, "members, moving down");
        }
    }
}

/// The real program in a pseudo-terminal, every byte it writes kept.
struct Session {
    vt: vt100::Parser<Effects>,
    raw: Vec<u8>,
    pty: Pty,
}

impl Driven for Session {
    fn pty(&mut self) -> &mut Pty {
        &mut self.pty
    }
    fn take(&mut self, bytes: &[u8]) {
        self.vt.process(bytes);
        self.raw.extend_from_slice(bytes);
    }
    fn screen(&self) -> String {
        self.vt.screen().contents()
    }
}

impl Session {
    fn start(db: &Path, home: &Path, rows: u16, cols: u16) -> Session {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_yichuang"));
        cmd.arg("--db");
        cmd.arg(db);
        isolate(&mut cmd, home);
        let pty = Pty::start(cmd, rows, cols);
        let vt = vt100::Parser::new_with_callbacks(
            NonZeroU16::new(rows).unwrap(),
            NonZeroU16::new(cols).unwrap(),
            0,
            Effects::default(),
        );
        Session { vt, raw: Vec::new(), pty }
    }

    /// Until the program has drawn nothing for a quarter of a second.
    fn settle(&mut self) {
        let end = Instant::now() + Duration::from_secs(10);
        while self.pump(Duration::from_millis(250)) && Instant::now() < end {}
    }

    /// Nothing but drawing so far.
    fn assert_harmless(&self, when: &str) {
        assert!(self.vt.callbacks().0.is_empty(), "{when}: the terminal was made to {:?}", self.vt.callbacks().0);
        let found = leaks(&self.raw);
        assert!(found.is_empty(), "{when}: the program wrote {found:?}");
    }
}

#[test]
fn the_real_program_shows_hostile_names_without_obeying_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e2e.sqlite3");
    yichuang::setup::open_or_init(&db, &yichuang::setup::os_login().unwrap()).unwrap();
    poison(&db);
    let mut s = Session::start(&db, dir.path(), 30, 120);
    s.wait_for("123 / 123");
    s.send(b"\x1b[17~"); // F6: residents
    s.wait_for("搜索居民");
    s.send("坏人".as_bytes());
    s.wait_for("坏人0");
    s.wait_for("尾");
    s.settle();
    s.assert_harmless("residents");
    let screen = s.screen();
    assert!(screen.contains("搜索居民"), "the search box is still there:\n{screen}");
    assert!(screen.contains("幸福里"), "the details are still there:\n{screen}");
    // Every resident on a row of its own, whole, none drawn over another.
    let rows: std::collections::HashSet<&str> = screen.lines().filter(|l| l.contains("3201**")).collect();
    assert_eq!(rows.len(), PAYLOADS.len(), "{screen}");
    assert!(rows.iter().all(|r| r.contains("坏人") && r.contains('尾')), "{screen}");
    s.send(b"\x1bm"); // Alt-m: party members
    s.wait_for("区税务局");
    // Down the list, so that each member's name is also the detail pane's title.
    for _ in 0..PAYLOADS.len() {
        s.send(b"\x1b[B");
        s.settle();
    }
    s.assert_harmless("members");
    s.send(b"\x11");
    s.send(b"\x11");
    assert_eq!(s.wait_exit(), 0);
    s.assert_harmless("quitting");
}
