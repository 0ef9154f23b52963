//! What the command line prints: a reader that stops early ends the command quietly, tables
//! line up in terminal cells with Chinese in them, and over-long arguments are cut in errors.

use std::process::{Command, Output, Stdio};
use yichuang::domain::text::display_width;

fn yichuang(dir: &std::path::Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_yichuang"));
    c.env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env_remove("YICHUANG_DB");
    c
}

/// Runs on the demo database (a working day: members, residents, windows).
fn demo(dir: &std::path::Path, args: &[&str]) -> Output {
    yichuang(dir).arg("--demo").args(args).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The display columns where each cell of a table line starts: after two or more spaces.
fn starts(line: &str) -> Vec<usize> {
    let mut out = vec![0];
    let (mut col, mut spaces) = (0, 0);
    for c in line.chars() {
        if c == ' ' {
            spaces += 1;
        } else {
            if spaces >= 2 {
                out.push(col);
            }
            spaces = 0;
        }
        col += display_width(&c.to_string());
    }
    out
}

/// Every line with the full number of cells starts each cell at the same display column.
fn assert_lined_up(what: &str, text: &str) {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let cells = lines.iter().map(|l| starts(l).len()).max().unwrap_or(0);
    let full: Vec<&&str> = lines.iter().filter(|l| starts(l).len() == cells).collect();
    assert!(full.len() >= 2, "{what}: too few full rows to compare:\n{text}");
    let first = starts(full[0]);
    for l in &full {
        assert_eq!(starts(l), first, "{what}: columns do not line up:\n{text}");
    }
}

#[test]
fn a_closed_standard_output_ends_the_command_quietly_with_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    assert!(demo(dir.path(), &["check"]).status.success());
    for args in [&["items"][..], &["members", "list"], &["queue", "status"], &["report", "daily"]] {
        let mut child = yichuang(dir.path())
            .arg("--demo")
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before the first line is written (like `| head -0`, and like
        // `| head -1` once the pipe's buffer is full): every write meets a closed pipe.
        drop(child.stdout.take());
        let o = child.wait_with_output().unwrap();
        assert!(!stderr(&o).contains("panicked"), "{args:?}: {}", stderr(&o));
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn tables_line_up_by_terminal_cells() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let o = demo(dir.path(), args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        String::from_utf8(o.stdout).unwrap()
    };
    // Names of one to four characters, Latin logins of any length, role names in Chinese: on
    // a database of its own (the demo is made afresh on every run).
    let db = dir.path().join("desk.sqlite3");
    let own = |args: &[&str]| yichuang(dir.path()).arg("--db").arg(&db).args(args).output().unwrap();
    assert!(own(&["init"]).status.success());
    for (login, name, role, window) in
        [("ouyang_nana", "欧阳娜娜", "clerk", "5"), ("li", "Li Wei", "clerk", "6"), ("x", "王", "member_desk", "7")]
    {
        let add = own(&["operator", "add", login, "--name", name, "--role", role, "--window", window]);
        assert!(add.status.success(), "{}", stderr(&add));
    }
    assert_lined_up("operator list", &String::from_utf8(own(&["operator", "list"]).stdout).unwrap());
    assert_lined_up("members list", &run(&["members", "list"]));
    assert_lined_up("find members", &run(&["find", "w", "--in", "members"]));
    assert_lined_up("find residents", &run(&["find", "w", "--in", "residents"]));
    assert_lined_up("items", &run(&["items", "证明"]));
    let status = run(&["queue", "status"]);
    let (lines, windows): (Vec<&str>, Vec<&str>) = status.lines().partition(|l| !l.contains("窗口"));
    assert_lined_up("queue status (lines)", &lines.join("\n"));
    assert_lined_up("queue status (windows)", &windows.join("\n"));
}

#[test]
fn over_long_arguments_are_cut_in_errors() {
    let dir = tempfile::tempdir().unwrap();
    assert!(demo(dir.path(), &["check"]).status.success());
    let long = "长".repeat(10_000);
    let digits = "9".repeat(10_000);
    let cases: [&[&str]; 5] = [
        &["report", "daily", "--date", &long],
        &["operator", "add", &long, "--name", "李", "--role", "clerk"],
        &["--as", &long, "items"],
        &["members", "feedback", "--quarter", &long],
        &["window", "free", &digits],
    ];
    for args in cases {
        let o = demo(dir.path(), args);
        let e = stderr(&o);
        // An unknown login is refused for who it is; the rest is bad input.
        let want = if args[0] == "--as" { yichuang::cli::DENIED } else { 2 };
        assert_eq!(o.status.code(), Some(want), "{}", &e[..e.len().min(300)]);
        assert!(e.chars().count() < 400, "{} characters of error for {:?}…", e.chars().count(), &args[0]);
        assert!(e.contains('…'), "{e}");
        // The first cells are still there, to recognise the argument by.
        assert!(e.contains(&"长".repeat(19)) || e.contains(&"9".repeat(39)), "{e}");
    }
}
