//! The shared-group deployment for tiny centres: two throwaway Unix accounts in one group, a
//! setgid folder, each running the desk under umask 022 (what `ssh host cmd` gives). Whoever
//! runs first, the other can write, print a receipt and write a report; someone outside the
//! group is refused with the file and the permission named, and leaves nothing behind.
//!
//! Needs root to create the accounts (CI runs as root).

mod common;

use common::accounts::{Account, Group, err, is_root, out, program_in, unique};
use common::pty::{Driven, Screen};
use portable_pty::CommandBuilder;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

/// The desk as `who` on a pseudo-terminal, acting as the demo colleague `as_login`.
fn desk(who: &Account, exe: &Path, db: &Path, as_login: &str) -> Screen {
    let runuser = if Path::new("/usr/sbin/runuser").exists() { "/usr/sbin/runuser" } else { "/sbin/runuser" };
    let mut cmd = CommandBuilder::new(runuser);
    cmd.args(["-u", &who.name, "--", "sh", "-c", "umask 022; exec \"$0\" \"$@\""]);
    cmd.arg(exe);
    cmd.args(["--db", db.to_str().unwrap(), "--as", as_login]);
    cmd.env("TERM", "xterm-256color");
    cmd.env("HOME", &who.home);
    for var in ["YICHUANG_DB", "NO_COLOR", "XDG_CONFIG_HOME", "XDG_DATA_HOME"] {
        cmd.env_remove(var);
    }
    Screen::start(cmd, 30, 120)
}

/// Prints the first case's receipt as a clerk (F4, F9) and quits.
fn print_receipt(who: &Account, exe: &Path, db: &Path) {
    let mut s = desk(who, exe, db, "wangfang");
    s.wait_for("王芳");
    s.send(b"\x1bOS"); // F4: cases
    s.wait_for("到期");
    s.send(b"\x1b[20~"); // F9: print
    s.wait_until("the receipt was saved", std::time::Duration::from_millis(50), |t| {
        t.contains("已保存到") || t.contains("无法") || t.contains("没有")
    });
    assert!(s.screen().contains("已保存到"), "{} could not print:\n{}", who.name, s.screen());
    s.send(b"\x11\x11");
    assert_eq!(s.wait_exit(), 0);
}

/// Writes today's daily report from the dashboard (Alt-d, F9, Enter) and quits.
fn write_report(who: &Account, exe: &Path, db: &Path) {
    let mut s = desk(who, exe, db, "chenjing");
    s.wait_for("陈静");
    s.send(b"\x1bd");
    s.wait_for("今日取号");
    s.send(b"\x1b[20~");
    s.send(b"\r");
    // Not "没有": the dashboard itself says 没有在办的件, which ended the wait before the report.
    s.wait_until("the report was written", std::time::Duration::from_millis(50), |t| {
        t.contains("报表已生成") || t.contains("无法")
    });
    assert!(s.screen().contains("报表已生成"), "{} could not write the report:\n{}", who.name, s.screen());
    s.send(b"\x11\x11");
    assert_eq!(s.wait_exit(), 0);
}

/// Every file and folder under `dir`: of group `gid`, group read-write (folders setgid too).
fn all_shared(dir: &Path, gid: u32) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        let m = std::fs::metadata(&p).unwrap();
        assert_eq!(m.gid(), gid, "{} belongs to another group", p.display());
        assert_eq!(m.mode() & 0o060, 0o060, "{} is {:o}: the group cannot write it", p.display(), m.mode());
        if m.is_dir() {
            assert_ne!(m.mode() & 0o2000, 0, "{} is not setgid", p.display());
            all_shared(&p, gid);
        }
    }
}

#[test]
fn two_accounts_in_one_group_share_the_database_receipts_and_reports() {
    if !is_root() {
        eprintln!("skipped: creating Unix accounts needs root (CI runs as root)");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let exe = program_in(tmp.path());
    let group = Group::create(&unique("ycgrp"));
    let home = tmp.path().join("home");
    std::fs::create_dir(&home).unwrap();
    std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o755)).unwrap();
    let one = Account::create(&unique("ycone"), &home.join("one"), &[&group.0]);
    let two = Account::create(&unique("yctwo"), &home.join("two"), &[&group.0]);
    let outsider = Account::create(&unique("ycout"), &home.join("out"), &[]);
    let shared = tmp.path().join("shared");
    std::fs::create_dir(&shared).unwrap();
    let gid = nix::unistd::Group::from_name(&group.0).unwrap().unwrap().gid;
    nix::unistd::chown(&shared, None, Some(gid)).unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o2770)).unwrap();
    let gid = gid.as_raw();
    let db = shared.join("demo.sqlite3");

    // The first one makes the database under umask 022; the other can write to it.
    let o = one.run("022", &exe, &["--demo", "--db", db.to_str().unwrap(), "items", "gljt"]);
    assert!(o.status.success(), "{}", err(&o));
    all_shared(&shared, gid);
    let o = two.run("022", &exe, &["--db", db.to_str().unwrap(), "--as", "wangfang", "queue", "take", "SB"]);
    assert!(o.status.success() && out(&o).starts_with('A'), "{}{}", out(&o), err(&o));

    // Receipts: the second makes the folder, the first writes into it (over the same file).
    print_receipt(&two, &exe, &db);
    print_receipt(&one, &exe, &db);
    // Reports: the other way round.
    write_report(&one, &exe, &db);
    write_report(&two, &exe, &db);
    assert!(shared.join("receipts/reports").is_dir());
    all_shared(&shared, gid);

    // Someone outside the group: one line naming the folder and what to do, nothing left behind.
    let before: Vec<_> = std::fs::read_dir(&shared).unwrap().map(|e| e.unwrap().file_name()).collect();
    let o = outsider.run("022", &exe, &["--db", db.to_str().unwrap(), "items"]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    let msg = err(&o);
    assert!(msg.contains(shared.to_str().unwrap()) && msg.contains("drwxrws---") && msg.contains(&group.0), "{msg}");
    assert_eq!(msg.trim().lines().count(), 1, "{msg}");
    let after: Vec<_> = std::fs::read_dir(&shared).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(before, after);
    let o = one.run("022", &exe, &["--db", db.to_str().unwrap(), "check"]);
    assert!(o.status.success(), "{}", err(&o));

    // A shared folder without setgid is refused at init, with the command that fixes it.
    let plain = tmp.path().join("plain");
    std::fs::create_dir(&plain).unwrap();
    nix::unistd::chown(&plain, None, Some(nix::unistd::Gid::from_raw(gid))).unwrap();
    std::fs::set_permissions(&plain, std::fs::Permissions::from_mode(0o770)).unwrap();
    let o = one.run("022", &exe, &["--db", plain.join("yc.sqlite3").to_str().unwrap(), "init"]);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    assert!(err(&o).contains(&format!("chmod g+s {}", plain.display())), "{}", err(&o));
    assert_eq!(std::fs::read_dir(&plain).unwrap().count(), 0, "nothing created");
}
