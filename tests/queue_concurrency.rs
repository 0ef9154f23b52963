//! Several processes of the real binary on one database: numbers are never duplicated or
//! skipped, and concurrent calls never get the same ticket.

use std::collections::HashSet;
use std::path::Path;
use std::process::Command;

/// Runs the program: "kiosk" and "admin" stand for the login running the tests (the first to
/// run, so the database's admin); any other operator is acted as with `--as`.
fn run(db: &Path, user: &str, args: &[&str]) -> std::process::Output {
    let as_user: &[&str] = if matches!(user, "kiosk" | "admin") { &[] } else { &["--as", user] };
    Command::new(env!("CARGO_BIN_EXE_yichuang"))
        .arg("--db")
        .arg(db)
        .args(as_user)
        .args(args)
        .env_remove("YICHUANG_DB")
        .env("XDG_CONFIG_HOME", db.parent().unwrap().join("config"))
        .output()
        .unwrap()
}

#[test]
fn eight_processes_take_1200_numbers_without_a_duplicate_or_a_gap() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.sqlite3");
    assert!(run(&db, "kiosk", &["init"]).status.success());
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let db = db.clone();
            std::thread::spawn(move || {
                let mut got = Vec::new();
                for _ in 0..150 {
                    let o = run(&db, "kiosk", &["queue", "take", "SB", "--json"]);
                    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
                    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
                    got.push(v["number"].as_str().unwrap().to_string());
                }
                got
            })
        })
        .collect();
    let mut all = Vec::new();
    for t in threads {
        all.extend(t.join().unwrap());
    }
    let unique: HashSet<&String> = all.iter().collect();
    assert_eq!(all.len(), 1200);
    assert_eq!(unique.len(), 1200, "no duplicates");
    for n in 1..=1200u32 {
        let want = format!("A{n:03}");
        assert!(unique.contains(&want), "{want} missing");
    }
    assert!(unique.contains(&"A1000".to_string()), "past 999 the number grows a digit");
}

#[test]
fn four_windows_calling_at_once_never_get_the_same_ticket() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.sqlite3");
    assert!(run(&db, "admin", &["init"]).status.success());
    for n in 1..=4 {
        let login = format!("clerk{n}");
        let o = run(
            &db,
            "admin",
            &["operator", "add", &login, "--name", "窗口", "--role", "clerk", "--window", &n.to_string()],
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(
            run(&db, "admin", &["window", "set", &n.to_string(), "--name", "综合", "--categories", "SB,YB"])
                .status
                .success()
        );
    }
    for i in 0..80 {
        let cat = if i % 3 == 0 { "YB" } else { "SB" };
        assert!(run(&db, "admin", &["queue", "take", cat]).status.success());
    }
    let threads: Vec<_> = (1..=4)
        .map(|n| {
            let db = db.clone();
            std::thread::spawn(move || {
                let mut got = Vec::new();
                loop {
                    // A hardware caller: each press finishes the number at the window and calls the next.
                    let o = run(&db, &format!("clerk{n}"), &["queue", "call", "--previous", "done", "--json"]);
                    if !o.status.success() {
                        let err = String::from_utf8_lossy(&o.stderr).to_string();
                        assert!(err.contains("没有等候的号"), "{err}");
                        break;
                    }
                    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
                    got.push(v["number"].as_str().unwrap().to_string());
                }
                got
            })
        })
        .collect();
    let mut all = Vec::new();
    for t in threads {
        all.extend(t.join().unwrap());
    }
    let unique: HashSet<&String> = all.iter().collect();
    assert_eq!(unique.len(), all.len(), "a ticket was called twice: {all:?}");
    assert_eq!(all.len(), 80, "every ticket was called exactly once");
}

/// Numbers open (called or being served) at each window, read straight from the file.
fn open_per_window(db: &Path) -> Vec<(i64, i64)> {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut st = c
        .prepare("SELECT window, count(*) FROM queue_tickets WHERE state IN ('called','serving') GROUP BY window")
        .unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(|r| r.unwrap()).collect()
}

#[test]
fn one_window_never_holds_two_open_numbers_whoever_calls_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.sqlite3");
    assert!(run(&db, "admin", &["init"]).status.success());
    let add = ["operator", "add", "clerk1", "--name", "窗口", "--role", "clerk", "--window", "1"];
    assert!(run(&db, "admin", &add).status.success());
    for _ in 0..40 {
        assert!(run(&db, "admin", &["queue", "take", "SB"]).status.success());
    }
    let first = run(&db, "clerk1", &["queue", "call"]);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    // Calling again with the number open is refused, and says how to go on.
    let again = run(&db, "clerk1", &["queue", "call"]);
    let err = String::from_utf8_lossy(&again.stderr);
    assert_eq!(again.status.code(), Some(2), "{err}");
    assert!(err.contains("A001") && err.contains("--previous"), "{err}");
    // Four processes press at once, again and again: each settles the open number and calls
    // the next in one transaction, so the window never holds two.
    for _ in 0..6 {
        let presses: Vec<_> = ["done", "no-show", "back-in-line", "done"]
            .into_iter()
            .map(|p| {
                let db = db.clone();
                std::thread::spawn(move || run(&db, "clerk1", &["queue", "call", "--previous", p]))
            })
            .collect();
        for p in presses {
            let o = p.join().unwrap();
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        }
        assert_eq!(open_per_window(&db), vec![(1, 1)], "one open number at window 1");
    }
}
