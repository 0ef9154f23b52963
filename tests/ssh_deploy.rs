//! A real centre over SSH, as the README deploys it: a throwaway service account owning the
//! data, a real OpenSSH server on 127.0.0.1 with its own config and host key, and three keys
//! (a clerk, a supervisor, a kiosk) written by `yichuang keys add`. Everything goes through the
//! real `ssh` client: identity comes from the key, roles hold, nothing but yichuang runs, and a
//! dropped connection signs the clerk out.
//!
//! Needs root (CI runs as root) to create the account and run sshd; `openssh-server` is
//! installed from Debian's packages when `sshd` is missing (`.ci/run` does the same).

mod common;

use common::accounts::{Account, err, is_root, out, program_in, unique};
use common::pty::{Driven, Screen};
use portable_pty::CommandBuilder;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output};
use std::time::{Duration, Instant};

const SSHD: &str = "/usr/sbin/sshd";

/// Installs OpenSSH's server from Debian's packages if it is missing.
fn ensure_sshd() {
    if Path::new(SSHD).exists() && Path::new("/usr/bin/ssh").exists() {
        return;
    }
    let apt = |args: &[&str]| {
        let o = Command::new("apt-get").args(args).env("DEBIAN_FRONTEND", "noninteractive").output().unwrap();
        assert!(o.status.success(), "apt-get {args:?}: {}", err(&o));
    };
    apt(&["update", "-q"]);
    apt(&["install", "-y", "-q", "--no-install-recommends", "openssh-server", "openssh-client"]);
}

/// sshd on a free port of 127.0.0.1, stopped by its process id when dropped.
struct Sshd {
    child: Child,
    port: u16,
}

impl Sshd {
    fn start(dir: &Path, account: &str) -> Sshd {
        std::fs::create_dir_all("/run/sshd").unwrap(); // privilege separation (Debian)
        std::fs::create_dir_all(dir).unwrap();
        let host_key = dir.join("host_ed25519");
        keygen(&host_key);
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let config = dir.join("sshd_config");
        std::fs::write(
            &config,
            format!(
                "Port {port}\nListenAddress 127.0.0.1\nHostKey {}\nPidFile {}\n\
                 AuthorizedKeysFile .ssh/authorized_keys\nUsePAM no\nPasswordAuthentication no\n\
                 KbdInteractiveAuthentication no\nStrictModes yes\nAllowUsers {account}\nLogLevel VERBOSE\n",
                host_key.display(),
                dir.join("sshd.pid").display()
            ),
        )
        .unwrap();
        let log = std::fs::File::create(dir.join("sshd.log")).unwrap();
        let child = Command::new(SSHD).args(["-D", "-e", "-f"]).arg(&config).stderr(log).spawn().unwrap();
        let end = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < end,
                "sshd did not start: {}",
                std::fs::read_to_string(dir.join("sshd.log")).unwrap()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Sshd { child, port }
    }
}

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = Command::new("kill").arg(self.child.id().to_string()).status();
        let _ = self.child.wait();
    }
}

fn keygen(path: &Path) {
    let o = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "test", "-f"])
        .arg(path)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", err(&o));
}

/// A person's (or machine's) key pair and the way they reach the centre.
struct Key {
    private: PathBuf,
    port: u16,
    account: String,
}

impl Key {
    fn ssh_args(&self) -> Vec<String> {
        let mut a: Vec<String> =
            ["-F", "/dev/null", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null"]
                .map(String::from)
                .to_vec();
        a.extend(["-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "LogLevel=ERROR"].map(String::from));
        a.extend(["-i".into(), self.private.display().to_string(), "-p".into(), self.port.to_string()]);
        a.push(format!("{}@127.0.0.1", self.account));
        a
    }

    /// `ssh host COMMAND…` without a terminal, as a kiosk or a script does.
    fn run(&self, command: &[&str]) -> Output {
        Command::new("ssh").arg("-T").args(self.ssh_args()).arg("--").args(command).output().unwrap()
    }

    /// `ssh -tt host` in a pseudo-terminal: the desk, as a person sees it.
    fn desk(&self, rows: u16, cols: u16) -> Screen {
        let mut cmd = CommandBuilder::new("ssh");
        cmd.arg("-tt");
        cmd.args(self.ssh_args());
        cmd.env("TERM", "xterm-256color");
        Screen::start(cmd, rows, cols)
    }
}

/// The program as the service account, on the server (the administrator's way in).
struct Server<'a> {
    account: &'a Account,
    exe: PathBuf,
    db: PathBuf,
}

impl Server<'_> {
    fn run(&self, args: &[&str]) -> Output {
        let mut all = vec!["--db", self.db.to_str().unwrap()];
        all.extend_from_slice(args);
        self.account.run("022", &self.exe, &all)
    }

    fn ok(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert!(o.status.success(), "{args:?}: {}", err(&o));
        out(&o)
    }

    fn keys_add(&self, login: &str, public: &Path) -> Output {
        let all = ["--db", self.db.to_str().unwrap(), "keys", "add", login, "-"];
        let mut cmd = self.account.command("022", &self.exe, &all);
        cmd.stdin(std::fs::File::open(public).unwrap());
        cmd.output().unwrap()
    }

    fn window(&self, n: u64) -> serde_json::Value {
        let v: serde_json::Value = serde_json::from_str(&self.ok(&["queue", "status", "--json"])).unwrap();
        v["windows"].as_array().unwrap().iter().find(|w| w["number"] == n).unwrap().clone()
    }
}

/// One line on stderr, nothing on stdout, exit 2 (77 when the person may not do it): how
/// every refusal looks.
fn refused(o: &Output, what: &str) {
    let want = if err(o).contains("无权执行此操作") { yichuang::cli::DENIED } else { 2 };
    assert_eq!(o.status.code(), Some(want), "{what}: {}{}", out(o), err(o));
    assert!(o.stdout.is_empty(), "{what}: {}", out(o));
    assert_eq!(err(o).trim().lines().count(), 1, "{what}: {}", err(o));
}

#[test]
fn a_centre_over_ssh_with_one_service_account_and_a_key_per_person() {
    if !is_root() {
        eprintln!("skipped: creating the service account and running sshd need root (CI runs as root)");
        return;
    }
    ensure_sshd();
    let tmp = tempfile::tempdir().unwrap();
    std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let exe = program_in(tmp.path());
    let name = unique("ycsvc");
    let account = Account::create(&name, &tmp.path().join("home"), &[]);
    // The data folder: the account's own, closed to everyone else.
    let data = account.home.join("data");
    let o = account.run("022", Path::new("/bin/mkdir"), &["-m", "700", data.to_str().unwrap()]);
    assert!(o.status.success(), "{}", err(&o));
    let server = Server { account: &account, exe: exe.clone(), db: data.join("yichuang.sqlite3") };
    assert!(server.ok(&["init"]).contains(&name), "the service account is the first admin");
    server.ok(&["operator", "add", "wangfang", "--name", "王芳", "--role", "clerk", "--window", "1"]);
    server.ok(&["operator", "add", "chenjing", "--name", "陈静", "--role", "supervisor"]);
    server.ok(&["operator", "add", "kiosk1", "--name", "大厅取号机", "--role", "kiosk"]);
    server.ok(&["operator", "add", "hall", "--name", "大厅显示屏", "--role", "board"]);
    let meta = std::fs::metadata(&server.db).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o600, "only the service account reads the database");

    let keys = tmp.path().join("keys");
    std::fs::create_dir(&keys).unwrap();
    for who in ["wangfang", "chenjing", "kiosk1", "hall"] {
        keygen(&keys.join(who));
        let o = server.keys_add(who, &keys.join(format!("{who}.pub")));
        assert!(o.status.success(), "{who}: {}", err(&o));
    }
    // One key opens one person's desk; a private key or junk is refused with what to do.
    let o = server.keys_add("chenjing", &keys.join("wangfang.pub"));
    refused(&o, "someone else's key");
    assert!(err(&o).contains("wangfang"), "{}", err(&o));
    refused(&server.keys_add("chenjing", &keys.join("wangfang")), "a private key");
    refused(&server.keys_add("nobody", &keys.join("chenjing.pub")), "a login that is no operator");
    let authorized = std::fs::read_to_string(account.home.join(".ssh/authorized_keys")).unwrap();
    assert_eq!(authorized.matches("restrict,pty").count(), 4, "{authorized}");

    let sshd = Sshd::start(&tmp.path().join("sshd"), &name);
    let key = |who: &str| Key { private: keys.join(who), port: sshd.port, account: name.clone() };
    let (clerk, boss, kiosk, hall) = (key("wangfang"), key("chenjing"), key("kiosk1"), key("hall"));

    // The kiosk takes a number and can do nothing else.
    let o = kiosk.run(&["queue", "take", "SB", "--json"]);
    assert!(o.status.success(), "{}", err(&o));
    let first: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(first["number"], "A001");
    refused(&kiosk.run(&["items"]), "a kiosk searching the catalog");
    refused(&kiosk.run(&[]), "a kiosk asking for the desk");
    // The hall display's key shows the board, and nothing else.
    let mut board = hall.desk(24, 100);
    board.wait_for("请留意叫号");
    board.wait_for("A社保 1");
    refused(&hall.run(&["items"]), "the hall display searching the catalog");

    // Nothing but yichuang, and none of the server's own flags, through anyone's key.
    for (what, cmd) in [
        ("a shell", vec!["sh"]),
        ("sqlite3", vec!["sqlite3", server.db.to_str().unwrap()]),
        ("--as", vec!["--as", "chenjing", "items"]),
        ("--db", vec!["--db", "/tmp/other.sqlite3", "items"]),
        ("shell syntax", vec!["items;", "sh"]),
        ("a path on the server", vec!["report", "daily", "--out", "/tmp/r.csv"]),
        ("init", vec!["init"]),
    ] {
        refused(&clerk.run(&cmd), what);
    }
    refused(&clerk.run(&["report", "daily"]), "a clerk asking for a report");
    let forward = Command::new("ssh").args(clerk.ssh_args()).args(["-W", "127.0.0.1:22"]).output().unwrap();
    assert_ne!(forward.status.code(), Some(0), "no forwarding through a desk key");
    let report = boss.run(&["report", "daily", "--format", "json"]);
    assert!(report.status.success(), "{}", err(&report));

    // The clerk's desk: identity from the key, no dashboard.
    let mut desk = clerk.desk(30, 110);
    desk.wait_for("王芳 · 窗口人员");
    assert!(!desk.screen().contains("总览"), "{}", desk.screen());
    desk.send(b"\x1b[18~"); // F7: the queue
    desk.wait_for("A001");
    desk.send(b"w");
    let end = Instant::now() + Duration::from_secs(10);
    while server.window(1)["operator"] != "wangfang" {
        assert!(Instant::now() < end, "w did not sign in:\n{}", desk.screen());
        desk.pump(Duration::from_millis(100));
    }
    let mut dash = boss.desk(30, 110);
    dash.wait_for("陈静 · 负责人");
    dash.send(b"\x1bd"); // Alt-d
    dash.wait_for("今日取号 1");
    // A number the kiosk takes shows on the clerk's queue and the dashboard within a second.
    let o = kiosk.run(&["queue", "take", "SB"]);
    assert!(o.status.success(), "{}", err(&o));
    let t0 = Instant::now();
    desk.wait_for("A002");
    let at_desk = t0.elapsed();
    dash.wait_for("今日取号 2");
    let at_dash = t0.elapsed();
    eprintln!("kiosk's number seen at the desk after {at_desk:?}, on the dashboard after {at_dash:?}");
    assert!(at_desk < Duration::from_secs(1) && at_dash < Duration::from_secs(1), "{at_desk:?} {at_dash:?}");
    desk.send(b"\x1b[15~"); // F5: call A001
    dash.wait_for("办理 A001");
    assert_eq!(server.window(1)["operator"], "wangfang");

    // The clerk's connection drops: the desk signs them out; the number stays open, shown.
    let pid = desk.pty().child.process_id().unwrap();
    assert!(Command::new("kill").args(["-KILL", &pid.to_string()]).status().unwrap().success());
    let end = Instant::now() + Duration::from_secs(15);
    while server.window(1)["operator"] != serde_json::Value::Null {
        assert!(Instant::now() < end, "still signed in after the connection dropped");
        std::thread::sleep(Duration::from_millis(100));
    }
    dash.wait_for("离开 A001");
    board.wait_for("工作人员暂离，请稍候");
    // The supervisor frees the window through their key; the audit trail names them.
    refused(&boss.run(&["window", "free", "1"]), "freeing without saying what becomes of A001");
    let o = boss.run(&["window", "free", "1", "--back-in-line"]);
    assert!(o.status.success() && out(&o).contains("A001"), "{}{}", out(&o), err(&o));
    dash.wait_gone("离开 A001");
    dash.send(b"\x11\x11");
    dash.wait_exit();
    board.send(b"q");
    board.wait_exit();

    // Nothing committed is lost, and the trail says who did what with which key.
    assert!(server.ok(&["check"]).contains("完好"));
    let status: serde_json::Value = serde_json::from_str(&server.ok(&["queue", "status", "--json"])).unwrap();
    let waiting = status["lines"].as_array().unwrap().iter().find(|l| l["code"] == "SB").unwrap()["waiting"].clone();
    assert_eq!(waiting, 2, "A001 back in line beside A002");
    let audit = yichuang::storage::Db::open_existing(&server.db).unwrap().audit_page(None, 50).unwrap();
    let did = |who: &str, action: &str| audit.iter().any(|r| r.operator == who && r.action == action);
    assert!(
        did("kiosk1", "ticket.take") && did("wangfang", "ticket.call") && did("chenjing", "window.free"),
        "{audit:#?}"
    );
    assert!(audit.iter().any(|r| r.action == "window.sign_out" && r.summary.contains("hang-up")), "{audit:#?}");

    // A revoked key no longer gets in at all.
    server.ok(&["keys", "revoke", "wangfang"]);
    let o = clerk.run(&["items"]);
    assert_eq!(o.status.code(), Some(255), "sshd refuses the key: {}", err(&o));
    drop(sshd);
}
