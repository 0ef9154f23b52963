//! `yichuang keys` and the forced command, run as processes in a data folder of the account
//! running the tests (0700: the service-account deployment). The `authorized_keys` file is
//! named in the config, so the tests never touch a real one.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

struct Centre {
    dir: tempfile::TempDir,
}

impl Centre {
    fn new() -> Centre {
        let dir = tempfile::tempdir().unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
        let c = Centre { dir };
        std::fs::create_dir_all(c.dir.path().join("config/yichuang")).unwrap();
        std::fs::write(
            c.dir.path().join("config/yichuang/config.toml"),
            format!("authorized_keys = \"{}\"\n", c.authorized().display()),
        )
        .unwrap();
        assert!(c.run(&["init"]).status.success());
        for (login, role) in [("wangfang", "clerk"), ("chenjing", "supervisor"), ("kiosk1", "kiosk")] {
            let o = c.run(&["operator", "add", login, "--name", login, "--role", role, "--window", "1"]);
            assert!(o.status.success(), "{}", err(&o));
        }
        c
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("yichuang.sqlite3")
    }

    fn authorized(&self) -> PathBuf {
        self.dir.path().join("ssh/authorized_keys")
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_yichuang"));
        c.arg("--db")
            .arg(self.db())
            .args(args)
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env_remove("YICHUANG_DB")
            .env_remove("SSH_ORIGINAL_COMMAND");
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().unwrap()
    }

    /// `keys add LOGIN -` with `text` on standard input.
    fn add(&self, login: &str, text: &str) -> Output {
        let mut child = self
            .cmd(&["keys", "add", login, "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::io::Write::write_all(child.stdin.as_mut().unwrap(), text.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    }

    /// The forced command of key `id` for `login`, as sshd runs it, asked for `asked`.
    fn ssh(&self, login: &str, id: &str, asked: Option<&str>) -> Output {
        let mut c = self.cmd(&["ssh", login, "--key", id]);
        if let Some(a) = asked {
            c.env("SSH_ORIGINAL_COMMAND", a);
        }
        c.output().unwrap()
    }

    fn block(&self) -> Vec<String> {
        let text = std::fs::read_to_string(self.authorized()).unwrap_or_default();
        yichuang::domain::ssh_key::block_lines(&text).into_iter().map(str::to_string).collect()
    }
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A fresh public key from ssh-keygen.
fn public_key(dir: &Path, name: &str) -> String {
    let path = dir.join(name);
    let o = Command::new("ssh-keygen").args(["-q", "-t", "ed25519", "-N", "", "-C", name, "-f"]).arg(&path).output();
    match o {
        Ok(o) if o.status.success() => std::fs::read_to_string(path.with_extension("pub")).unwrap(),
        _ => {
            // Without ssh-keygen: a well-formed ed25519 key, 32 bytes of this name's SHA-256.
            use base64::Engine;
            use sha2::Digest;
            let mut blob = vec![0, 0, 0, 11];
            blob.extend(b"ssh-ed25519");
            blob.extend([0, 0, 0, 32]);
            blob.extend(sha2::Sha256::digest(name.as_bytes()));
            format!("ssh-ed25519 {} {name}\n", base64::engine::general_purpose::STANDARD.encode(blob))
        }
    }
}

#[test]
fn keys_are_added_listed_and_revoked_with_lines_written_by_hand_kept() {
    let c = Centre::new();
    std::fs::create_dir_all(c.authorized().parent().unwrap()).unwrap();
    std::fs::write(c.authorized(), "# the IT person's own key\nssh-ed25519 AAAAhand it@laptop\n").unwrap();
    let wang = public_key(c.dir.path(), "wang");
    let o = c.add("wangfang", &wang);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("wangfang") && out(&o).contains("SHA256:"), "{}", out(&o));
    let block = c.block();
    assert_eq!(block.len(), 1);
    let exe = std::fs::canonicalize(env!("CARGO_BIN_EXE_yichuang")).unwrap();
    let db = std::fs::canonicalize(c.db()).unwrap();
    assert!(
        block[0].starts_with(&format!(
            "command=\"'{}' --db '{}' ssh wangfang --key 1\",restrict,pty ssh-ed25519 ",
            exe.display(),
            db.display()
        )),
        "{}",
        block[0]
    );
    assert!(
        std::fs::read_to_string(c.authorized()).unwrap().starts_with("# the IT person's own key\nssh-ed25519 AAAAhand")
    );
    let list: serde_json::Value = serde_json::from_slice(&c.run(&["keys", "list", "--json"]).stdout).unwrap();
    assert_eq!(list[0]["login"], "wangfang");
    assert!(list[0]["fingerprint"].as_str().unwrap().starts_with("SHA256:"));
    // The same key for someone else, or twice: refused, nothing changes.
    let o = c.add("chenjing", &wang);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("已登记给 wangfang"), "{}", err(&o));
    assert_eq!(c.add("wangfang", &wang).status.code(), Some(2));
    assert_eq!(c.block().len(), 1);
    let o = c.run(&["keys", "revoke", "wangfang"]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(c.block().is_empty());
    assert!(std::fs::read_to_string(c.authorized()).unwrap().contains("AAAAhand it@laptop"));
    assert_eq!(c.run(&["keys", "revoke", "wangfang"]).status.code(), Some(2), "nothing left to revoke");
}

#[test]
fn what_is_not_one_public_key_is_refused_with_what_to_do() {
    let c = Centre::new();
    let key = public_key(c.dir.path(), "k");
    for (text, says) in [
        ("-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbg==\n-----END OPENSSH PRIVATE KEY-----\n", "私钥"),
        ("hello world\n", "不认识的密钥类型"),
        ("ssh-ed25519 !!!notbase64 x\n", "base64"),
        ("", "没有公钥"),
    ] {
        let o = c.add("wangfang", text);
        assert_eq!(o.status.code(), Some(2), "{text}");
        assert!(err(&o).contains(says), "{text}: {}", err(&o));
    }
    let o = c.add("wangfang", &format!("{key}{}", public_key(c.dir.path(), "k2")));
    assert!(err(&o).contains("2 把公钥"), "{}", err(&o));
    let o = c.add("nobody", &key);
    assert!(err(&o).contains("operator add nobody"), "{}", err(&o));
    assert!(c.block().is_empty());
    assert_eq!(c.run(&["--as", "wangfang", "keys", "list"]).status.code(), Some(yichuang::cli::DENIED), "admins only");
}

#[test]
fn two_admins_adding_keys_at_once_lose_none() {
    let c = Centre::new();
    for i in 0..6 {
        let o = c.run(&["operator", "add", &format!("p{i}"), "--name", "某人", "--role", "clerk"]);
        assert!(o.status.success());
    }
    let keys: Vec<String> = (0..12).map(|i| public_key(c.dir.path(), &format!("k{i}"))).collect();
    std::thread::scope(|s| {
        for half in keys.chunks(6) {
            s.spawn(|| {
                for (i, k) in half.iter().enumerate() {
                    let o = c.add(&format!("p{i}"), k);
                    assert!(o.status.success(), "{}", err(&o));
                }
            });
        }
    });
    assert_eq!(c.block().len(), 12, "every key in the file");
    let list: serde_json::Value = serde_json::from_slice(&c.run(&["keys", "list", "--json"]).stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 12);
    // Retiring someone takes their lines out of the file as well.
    assert!(c.run(&["operator", "retire", "p0"]).status.success());
    assert_eq!(c.block().len(), 10);
    assert!(c.block().iter().all(|l| !l.contains("ssh p0 ")));
}

#[test]
fn keys_belong_to_the_service_account_deployment_only() {
    let c = Centre::new();
    std::fs::set_permissions(c.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let o = c.add("wangfang", &public_key(c.dir.path(), "k"));
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("700"), "{}", err(&o));
    assert!(!c.authorized().exists());
    // Nor does the forced command trust its login outside it.
    let o = c.ssh("chenjing", "1", Some("items"));
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("强制命令"), "{}", err(&o));
}

#[test]
fn the_forced_command_runs_only_what_the_keys_owner_may() {
    let c = Centre::new();
    assert!(c.add("wangfang", &public_key(c.dir.path(), "w")).status.success());
    assert!(c.add("kiosk1", &public_key(c.dir.path(), "k")).status.success());
    let o = c.ssh("wangfang", "1", Some("items gljt --json"));
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("高龄津贴"));
    let o = c.ssh("kiosk1", "2", Some("queue take SB --json"));
    assert!(o.status.success(), "{}", err(&o));
    for (who, id, asked) in [
        ("wangfang", "1", "sh -c id"),
        ("wangfang", "1", "--as chenjing items"),
        ("wangfang", "1", "report daily"),
        ("wangfang", "1", "items $(id)"),
        ("kiosk1", "2", "items"),
        ("kiosk1", "2", ""),
        ("wangfang", "2", "items"), // the kiosk's key id with the clerk's name
    ] {
        let o = c.ssh(who, id, Some(asked));
        // What this person may not do exits with the permission code; the rest is bad usage.
        let want = if err(&o).contains("无权执行此操作") { yichuang::cli::DENIED } else { 2 };
        assert_eq!(o.status.code(), Some(want), "{who} {asked}: {}", out(&o));
        assert_eq!(err(&o).trim().lines().count(), 1, "{asked}: {}", err(&o));
        assert!(o.stdout.is_empty(), "{asked}");
    }
    assert!(c.run(&["keys", "revoke", "wangfang"]).status.success());
    let o = c.ssh("wangfang", "1", Some("items"));
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("已被撤销"), "{}", err(&o));
    // The audit trail names who did it through their key.
    let audit = yichuang::storage::Db::open_existing(&c.db()).unwrap().audit_page(None, 20).unwrap();
    assert!(audit.iter().any(|r| r.operator == "kiosk1" && r.action == "ticket.take"), "{audit:?}");
}
