//! Panics and the terminal: only the UI thread's panic gives the terminal back (then the
//! program ends); another thread's panic (a search half, the worker) leaves the desk on its
//! screen, drawing and usable, and goes to the log instead of over the screen.

mod common;

use common::pty::{Driven, Screen, isolate};
use portable_pty::CommandBuilder;

#[test]
fn a_panic_on_another_thread_leaves_the_desk_on_its_screen_and_goes_to_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_yichuang"));
    cmd.arg("--db");
    cmd.arg(dir.path().join("p.sqlite3"));
    isolate(&mut cmd, dir.path());
    cmd.env("YICHUANG_TEST_PANIC", "thread");
    cmd.env("RUST_BACKTRACE", "0");
    let mut s = Screen::start(cmd, 24, 80);
    s.wait_for("123 / 123");
    // Still the desk: on the alternate screen, answering keys, no panic text over it.
    s.send(b"gljt");
    s.wait_for("高龄津贴");
    assert!(s.parser.screen().alternate_screen(), "the terminal was given back: {}", s.screen());
    assert!(!s.screen().contains("panicked"), "{}", s.screen());
    s.send(b"\x11");
    s.wait_for("退出一窗？");
    s.send(b"y");
    assert_eq!(s.wait_exit(), 0);
    let logs = dir.path().join("logs");
    let log: String = std::fs::read_dir(&logs)
        .unwrap_or_else(|e| panic!("{}: {e}", logs.display()))
        .map(|f| std::fs::read_to_string(f.unwrap().path()).unwrap())
        .collect();
    assert!(log.contains("test panic on another thread") && log.contains("test-panic"), "{log}");
}
