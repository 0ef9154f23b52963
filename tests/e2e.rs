//! The real binary in a pseudo-terminal: what a clerk sees, read off an emulated screen.

mod common;

use common::pty::{Driven, Screen, isolate};
use portable_pty::CommandBuilder;
use std::time::Instant;

/// The program on its screen, with the folder its database lives in.
struct Session {
    screen: Screen,
    _dir: tempfile::TempDir,
}

impl std::ops::Deref for Session {
    type Target = Screen;
    fn deref(&self) -> &Screen {
        &self.screen
    }
}

impl std::ops::DerefMut for Session {
    fn deref_mut(&mut self) -> &mut Screen {
        &mut self.screen
    }
}

impl Session {
    fn start(args: &[&str], rows: u16, cols: u16) -> Session {
        Session::start_with(args, rows, cols, &[])
    }

    fn start_with(args: &[&str], rows: u16, cols: u16, env: &[(&str, &str)]) -> Session {
        Session::start_on(None, args, rows, cols, env)
    }

    /// A session on a given database (another session's), or on a fresh one of its own.
    fn start_on(db: Option<&std::path::Path>, args: &[&str], rows: u16, cols: u16, env: &[(&str, &str)]) -> Session {
        let dir = tempfile::tempdir().unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_yichuang"));
        cmd.arg("--db");
        match db {
            Some(p) => cmd.arg(p),
            None => cmd.arg(dir.path().join("e2e.sqlite3")),
        };
        cmd.args(args);
        isolate(&mut cmd, dir.path());
        for (k, v) in env {
            cmd.env(k, v);
        }
        Session { screen: Screen::start(cmd, rows, cols), _dir: dir }
    }
}

#[test]
fn typing_gljt_shows_the_old_age_allowance_and_quitting_restores_the_terminal() {
    let mut s = Session::start(&[], 24, 80);
    s.wait_for("搜索事项");
    s.wait_for("123 / 123");
    s.send(b"gljt");
    s.wait_for("高龄津贴");
    let first_row = s.screen().lines().nth(5).unwrap_or_default().to_string();
    assert!(first_row.contains("高龄津贴"), "best match first: {first_row}");
    assert!(s.parser.screen().alternate_screen(), "the desk runs on the alternate screen");
    s.send(b"\x11"); // Ctrl-Q
    s.wait_for("退出一窗？");
    s.send(b"y");
    assert_eq!(s.wait_exit(), 0);
    assert!(!s.parser.screen().alternate_screen(), "the terminal is back to the normal screen");
}

#[test]
fn english_help_and_a_tiny_terminal() {
    let mut s = Session::start(&["--lang", "en"], 10, 30);
    s.wait_for("Search");
    s.send(b"\x1bOP"); // F1
    s.wait_for("Help");
    // A lone Esc must arrive alone: Esc followed at once by a key reads as Alt+key.
    s.send(b"\x1b");
    s.wait_gone("Help");
    s.send(b"\x11");
    s.wait_for("Quit yichuang?");
    s.send(b"\x11");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_bracketed_paste_of_chinese_searches_it() {
    let mut s = Session::start(&[], 24, 100);
    s.wait_for("123 / 123");
    s.send("\x1b[200~社保卡\x1b[201~".as_bytes());
    s.wait_for("社会保障卡申领");
    s.send(b"\x11\x11");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn another_sessions_write_shows_up_without_a_key_press() {
    let mut s = Session::start(&[], 24, 100);
    s.wait_for("123 / 123");
    s.send(b"shbzk");
    s.wait_for("社会保障卡申领");
    let db = s._dir.path().join("e2e.sqlite3");
    let edited = yichuang::setup::CATALOG.replace("name = \"社会保障卡申领\"", "name = \"社会保障卡申领（新版）\"");
    let file = s._dir.path().join("items.toml");
    std::fs::write(&file, edited).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_yichuang"))
        .arg("--db")
        .arg(&db)
        .args(["import", "items"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let t0 = Instant::now();
    s.wait_for("社会保障卡申领（新版）");
    s.wait_for("已由其他窗口更新");
    eprintln!("refresh seen after {:?}", t0.elapsed());
    s.send(b"\x11\x11");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_panic_restores_the_terminal_before_its_message() {
    let mut s = Session::start_with(&[], 24, 80, &[("YICHUANG_TEST_PANIC", "1"), ("RUST_BACKTRACE", "0")]);
    let code = s.wait_exit();
    assert_ne!(code, 0);
    assert!(!s.parser.screen().alternate_screen(), "left the alternate screen");
    assert!(s.screen().contains("test panic after the first frame"), "{}", s.screen());
}

#[test]
fn a_clerk_registers_a_resident_accepts_a_case_and_prints_the_receipt() {
    // The counter's config sends receipts to a "printer" that is a file here.
    let cfg = tempfile::tempdir().unwrap();
    let printed = cfg.path().join("printed.txt");
    std::fs::create_dir_all(cfg.path().join("yichuang")).unwrap();
    let config = format!("print_command = \"cat > '{}'\"\n", printed.display());
    std::fs::write(cfg.path().join("yichuang/config.toml"), config).unwrap();
    let cfg_dir = cfg.path().display().to_string();
    let mut s = Session::start_with(&[], 30, 120, &[("XDG_CONFIG_HOME", &cfg_dir)]);
    s.wait_for("123 / 123");
    s.send(b"gljt");
    s.wait_for("高龄津贴");
    s.send(b"\r");
    s.send(b"\r");
    s.wait_for("第一步");
    s.send(b"\x1b[15~"); // F5: a new resident
    s.wait_for("登记居民");
    s.send("赵桂兰\t320124194511230043\t13812345678\r".as_bytes());
    s.wait_for("第二步");
    // Tick the five required materials of the old-age allowance.
    for _ in 0..5 {
        s.send(b" ");
        s.send(b"\x1b[B");
    }
    s.wait_for("到期日");
    s.send(b"\r");
    s.wait_for("材料齐全");
    s.send(b"y");
    s.wait_for("已受理");
    s.wait_for("办理记录");
    s.send(b"\x1b[20~"); // F9
    s.wait_for("已打印并保存到");
    let receipts = s._dir.path().join("receipts");
    let file = std::fs::read_dir(&receipts).unwrap().next().unwrap().unwrap().path();
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains("受 理 回 执") && text.contains("赵桂兰") && text.contains("3201**********0043"), "{text}");
    assert_eq!(std::fs::read_to_string(&printed).unwrap(), text, "the printer got the same receipt");
    s.send(b"\x11\x11");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn the_board_follows_numbers_taken_and_called_elsewhere() {
    let mut board = Session::start(&["board"], 24, 80);
    board.wait_for("请留意叫号");
    let db = board._dir.path().join("e2e.sqlite3");
    let cli = |args: &[&str]| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_yichuang"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).to_string()
    };
    let taken = cli(&["queue", "take", "社保"]);
    assert!(taken.starts_with("A001"), "{taken}");
    board.wait_for("A社保 1");
    cli(&["operator", "add", "li", "--name", "李强", "--role", "clerk", "--window", "2"]);
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_yichuang"))
        .arg("--db")
        .arg(&db)
        .args(["--as", "li", "queue", "call"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    board.wait_for("A001→2号窗口");
    board.send(b"q");
    assert_eq!(board.wait_exit(), 0);
}

#[test]
fn a_clerk_sees_a_room_taken_by_another_session_but_never_the_parties() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("rooms.sqlite3");
    let cli = |user: &str, args: &[&str]| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_yichuang"))
            .arg("--db")
            .arg(&db)
            // "boss" is the login running the tests (it ran init: the admin); others via --as.
            .args(if user == "boss" { vec![] } else { vec!["--as", user] })
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    };
    cli("boss", &["init"]);
    cli("boss", &["room", "add", "和为贵调解室一"]);
    cli("boss", &["operator", "add", "zhang", "--name", "张敏", "--role", "mediator"]);
    cli("boss", &["operator", "add", "wang", "--name", "王芳", "--role", "clerk"]);
    let cal = yichuang::domain::calendar::Calendar::new(
        yichuang::domain::calendar::CalendarFile::parse("h", yichuang::setup::HOLIDAYS).unwrap().days,
    );
    let today = chrono::Utc::now().with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).unwrap()).date_naive();
    let day = cal.add_working_days(today, 1);
    let mut view = Session::start_on(Some(&db), &["--as", "wang"], 30, 100, &[]);
    view.wait_for("调解室");
    view.send(b"\x1b[23~"); // F11
    view.wait_for("和为贵调解室一");
    for _ in 0..(day - today).num_days() {
        view.send(b"\x1b[6~"); // PgDn
    }
    view.wait_for(&format!("{}月{}日", chrono::Datelike::month(&day), chrono::Datelike::day(&day)));
    cli(
        "zhang",
        &[
            "room",
            "book",
            "1",
            "--start",
            &format!("{day}T10:00"),
            "--end",
            &format!("{day}T11:00"),
            "--purpose",
            "赵德福诉钱海燕漏水",
        ],
    );
    view.wait_for("占用 · 张敏");
    assert!(!view.screen().contains("赵德福"), "{}", view.screen());
    view.send(b"\x11\x11");
    assert_eq!(view.wait_exit(), 0);
}

#[test]
fn a_check_in_at_one_desk_shows_on_the_other_desk_without_a_key_press() {
    // Both desks on the same clock: a demo opened after 16:30 runs from 10:30, and a desk on
    // the real clock would find the demo's live activity over (and its title cut short).
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite3");
    let mut a = Session::start_on(Some(&db), &["--demo", "--now", "2026-12-01T10:30", "--as", "zhaolei"], 30, 110, &[]);
    a.wait_for("党员");
    a.send(b"\x1bm"); // Alt-m
    a.wait_for("党员名册");
    a.send(b"\x1bOR"); // F3: activities
    a.wait_for("环境整治：小区绿化带清理");
    a.send(b"\r");
    a.wait_for("已签到 4/15");
    let mut b = Session::start_on(Some(&db), &["--now", "2026-12-01T10:31", "--as", "zhaolei"], 30, 110, &[]);
    b.wait_for("党员");
    b.send(b"\x1bm");
    b.wait_for("党员名册");
    b.send(b"\x1bOR");
    b.wait_for("环境整治：小区绿化带清理");
    b.send(b"\r");
    b.wait_for("已签到 4/15");
    b.send("何静".as_bytes());
    b.wait_for("138****3734");
    b.send(b"\r");
    b.wait_for("何静 签到成功");
    // The other desk follows without a key press.
    a.wait_for("已签到 5/15");
    assert!(a.screen().contains("何静"), "{}", a.screen());
    for s in [&mut a, &mut b] {
        s.send(b"\x11\x11");
        assert_eq!(s.wait_exit(), 0);
    }
}

#[test]
fn a_supervisor_follows_the_dashboard_while_numbers_are_issued_and_backs_up() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("centre.sqlite3");
    let cli = |user: &str, args: &[&str]| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_yichuang"))
            .arg("--db")
            .arg(&db)
            // "boss" is the login running the tests (it ran init: the admin); others via --as.
            .args(if user == "boss" { vec![] } else { vec!["--as", user] })
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    cli("boss", &["init"]);
    cli("boss", &["operator", "add", "kiosk", "--name", "取号机", "--role", "clerk"]);
    let mut s = Session::start_on(Some(&db), &[], 30, 110, &[]);
    s.wait_for("总览");
    s.send(b"\x1bd"); // Alt-d
    s.wait_for("今日取号 0");
    cli("kiosk", &["queue", "take", "SB"]);
    cli("kiosk", &["queue", "take", "YB"]);
    s.wait_for("今日取号 2");
    let copy = dir.path().join("mid-morning.sqlite3");
    let out = cli("boss", &["backup", copy.to_str().unwrap()]);
    assert!(out.contains("检查完好"), "{out}");
    s.send(b"\x1bOR"); // F3: the audit trail shows the kiosk's numbers
    s.wait_for("ticket#2");
    s.send(b"\x11\x11");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_hang_up_or_sigterm_restores_the_terminal_and_signs_the_clerk_out() {
    for (signal, how) in [("HUP", "hang-up"), ("TERM", "terminated")] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.sqlite3");
        let mut s = Session::start_on(Some(&path), &["--demo", "--as", "zhouli"], 30, 110, &[]);
        s.wait_for("周丽 · 窗口人员");
        // 周丽 signs in at window 3 (if the demo morning has not) and calls a number.
        s.send(b"\x1b[18~"); // F7: the queue
        s.wait_for("待叫号");
        let mut db = yichuang::storage::Db::open_existing(&path).unwrap();
        let signed_in = |db: &yichuang::storage::Db| {
            db.windows().unwrap().into_iter().find(|w| w.number == 3).unwrap().operator.as_deref() == Some("zhouli")
        };
        if !signed_in(&db) {
            s.send(b"w");
            s.wait_until("signed in", std::time::Duration::from_millis(50), |_| signed_in(&db));
        }
        db.take_ticket("kiosk", "SB", None, None).unwrap();
        s.wait_for("A0");
        s.send(b"\x1b[15~"); // F5: call the next number
        s.wait_for("呼叫");
        s.wait_until("the cursor hidden", std::time::Duration::from_millis(50), |_| true);
        assert!(s.parser.screen().alternate_screen());
        let pid = s.pty.child.process_id().unwrap();
        let killed = std::process::Command::new("kill").args([&format!("-{signal}"), &pid.to_string()]).status();
        assert!(killed.unwrap().success());
        s.wait_exit();
        let screen = s.parser.screen();
        assert!(!screen.alternate_screen(), "SIG{signal}: still in the alternate screen");
        assert!(!screen.hide_cursor(), "SIG{signal}: the cursor is still hidden");
        let w3 = db.windows().unwrap().into_iter().find(|w| w.number == 3).unwrap();
        assert_eq!(w3.operator, None, "SIG{signal}: 周丽 is still signed in");
        let trail = db.audit_page(None, 5).unwrap();
        assert!(trail.iter().any(|r| r.summary.starts_with(&format!("zhouli: session ended ({how})"))), "{trail:?}");
        // Her number stays open at window 3, for a supervisor to settle.
        let v = db.queue_view().unwrap();
        assert!(yichuang::domain::queue::current_at(&v.tickets, &w3).is_some());
    }
}
