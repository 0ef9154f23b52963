//! The web board (`board --http`) in a real browser: a number is taken and called from the
//! command line; the event stream the page listens to carries it within a second of the call,
//! and headless Chromium's page (`--dump-dom`, which dumps once the page has loaded, so it
//! cannot stay open across the call) shows it and carries no resident's name or any other
//! personal detail although the demo's tickets are linked to residents. The server is started
//! on a free port and stopped by its pid.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser"]
        .into_iter()
        .find(|c| Command::new(c).arg("--version").output().is_ok_and(|o| o.status.success()))
}

fn yichuang(db: &std::path::Path, home: &std::path::Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_yichuang"));
    c.arg("--db")
        .arg(db)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env_remove("YICHUANG_DB")
        // A working morning, whatever the hour the test runs at: just after midnight China time
        // the demo's day had calls still ahead of the real clock, and the call was refused.
        .env("YICHUANG_NOW", "2026-12-01T10:30");
    c
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Stops a child by its pid when the test ends, however it ends.
struct Killed(std::process::Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A raw request and the status line of its answer.
fn status_of(port: u16, request: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    out.lines().next().unwrap_or("").to_string()
}

#[test]
fn the_web_board_in_headless_chromium_shows_a_new_call_within_a_second_and_no_personal_data() {
    let Some(browser) = chromium() else {
        eprintln!("chromium is not installed here: skipped (.ci/run installs it)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hall.sqlite3");
    let made = yichuang(&db, dir.path()).args(["--demo", "items"]).output().unwrap();
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));

    let port = free_port();
    let server = Killed(
        yichuang(&db, dir.path())
            .args(["--as", "chenjing", "board", "--http", &format!("127.0.0.1:{port}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let until = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < until, "the server did not come up");
        std::thread::sleep(Duration::from_millis(50));
    }
    // Read-only: two routes, nothing else.
    assert_eq!(status_of(port, "POST /events HTTP/1.1\r\nHost: x\r\n\r\n"), "HTTP/1.1 405 Method Not Allowed");
    assert_eq!(status_of(port, "GET /residents HTTP/1.1\r\nHost: x\r\n\r\n"), "HTTP/1.1 404 Not Found");
    let huge = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(20_000));
    assert_eq!(status_of(port, &huge), "HTTP/1.1 400 Bad Request");

    // A listener on the event stream, as the page is, before the call.
    let mut events = TcpStream::connect(("127.0.0.1", port)).unwrap();
    events.write_all(b"GET /events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    events.set_read_timeout(Some(Duration::from_millis(100))).unwrap();
    let mut stream = String::new();
    let mut read = |stream: &mut String| {
        let mut buf = [0u8; 65536];
        if let Ok(n) = events.read(&mut buf) {
            stream.push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    };
    let until = Instant::now() + Duration::from_secs(5);
    while !stream.contains("data: ") && Instant::now() < until {
        read(&mut stream);
    }
    assert!(stream.starts_with("HTTP/1.1 200 OK") && stream.contains("text/event-stream"), "{stream}");

    let take = yichuang(&db, dir.path()).args(["--as", "wangfang", "queue", "take", "SB"]).output().unwrap();
    assert!(take.status.success(), "{}", String::from_utf8_lossy(&take.stderr));
    let call = yichuang(&db, dir.path())
        .args(["--as", "wangfang", "queue", "call", "--window", "1", "--previous", "done", "--json"])
        .output()
        .unwrap();
    let called_at = Instant::now();
    assert!(call.status.success(), "{}", String::from_utf8_lossy(&call.stderr));
    let called: serde_json::Value = serde_json::from_slice(&call.stdout).unwrap();
    let number = called["number"].as_str().unwrap().to_string();
    let seen = format!("\"number\":\"{number}\"");
    stream.clear();
    while !stream.contains(&seen) && called_at.elapsed() < Duration::from_secs(3) {
        read(&mut stream);
    }
    let took = called_at.elapsed();
    assert!(stream.contains(&seen), "{number} pushed: {stream}");
    assert!(took < Duration::from_secs(1), "pushed {took:?} after the call returned");

    // The page as the TV's browser draws it.
    let profile = dir.path().join("chromium");
    let page = Command::new(browser)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--timeout=5000", "--dump-dom"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("http://127.0.0.1:{port}/"))
        .stderr(Stdio::null())
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&page.stdout).to_string();
    assert!(dom.contains(&format!("data-number=\"{number}\"")), "{number} on the page:\n{dom}");
    assert!(dom.contains("1号窗口") && dom.contains("最近叫号"), "{dom}");

    // No one's name, ID number or phone, though today's tickets are linked to residents.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let mut q = conn
        .prepare("SELECT r.name, r.id_number, r.phone FROM queue_tickets t JOIN residents r ON r.id = t.resident_id")
        .unwrap();
    let people: Vec<(String, String, String)> =
        q.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect();
    assert!(!people.is_empty(), "the demo links tickets to residents");
    let mut all = conn.prepare("SELECT name FROM residents").unwrap();
    let names: Vec<String> = all.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    for (name, id, phone) in &people {
        assert!(!dom.contains(name.as_str()) && !dom.contains(id.as_str()), "{name} on the page");
        assert!(phone.is_empty() || !dom.contains(phone.as_str()));
    }
    for name in names {
        assert!(!dom.contains(&format!(">{name}<")), "{name} on the page");
    }
    drop(server);
}
