//! Throwaway Unix accounts and groups for deployment tests (these need root, which CI is):
//! created with useradd/groupadd, removed when dropped.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Whether this process may create accounts.
pub fn is_root() -> bool {
    nix::unistd::getuid().is_root()
}

fn must(cmd: &mut Command) -> Output {
    let o = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(o.status.success(), "{cmd:?}: {}", String::from_utf8_lossy(&o.stderr));
    o
}

/// A name unique to this test run, within Unix's 32 characters.
pub fn unique(prefix: &str) -> String {
    format!("{prefix}{}", std::process::id() % 1_000_000)
}

/// A Unix account, deleted (with its home) when dropped.
pub struct Account {
    /// Login.
    pub name: String,
    /// Home directory.
    pub home: PathBuf,
}

impl Account {
    /// A system account with a home and /bin/sh (sshd runs forced commands through the
    /// account's shell), usable for public-key logins (password `*`: none, but not locked).
    pub fn create(name: &str, home: &Path, groups: &[&str]) -> Account {
        let mut cmd = Command::new("useradd");
        cmd.args(["--system", "--create-home", "--shell", "/bin/sh", "--home-dir"]).arg(home);
        if !groups.is_empty() {
            cmd.args(["--groups", &groups.join(",")]);
        }
        must(cmd.arg(name));
        must(Command::new("usermod").args(["-p", "*", name]));
        Account { name: name.to_string(), home: home.to_path_buf() }
    }

    /// Runs `program args` as this account (its groups included), under `umask`, with a
    /// plain environment: what `ssh host cmd` or a login shell would give it.
    pub fn command(&self, umask: &str, program: &Path, args: &[&str]) -> Command {
        let runuser = if Path::new("/usr/sbin/runuser").exists() { "/usr/sbin/runuser" } else { "/sbin/runuser" };
        let mut cmd = Command::new(runuser);
        cmd.args(["-u", &self.name, "--", "sh", "-c", &format!("umask {umask}; exec \"$0\" \"$@\"")])
            .arg(program)
            .args(args)
            .env_clear()
            .env("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
            .env("HOME", &self.home)
            .env("LANG", "C.UTF-8");
        cmd
    }

    /// Like [`command`](Self::command), run to the end.
    pub fn run(&self, umask: &str, program: &Path, args: &[&str]) -> Output {
        self.command(umask, program, args).output().unwrap()
    }
}

impl Drop for Account {
    fn drop(&mut self) {
        let _ = Command::new("pkill").args(["-KILL", "-u", &self.name]).output();
        let _ = Command::new("userdel").args(["--remove", &self.name]).output();
    }
}

/// A Unix group, deleted when dropped (after its members).
pub struct Group(pub String);

impl Group {
    /// Creates it.
    pub fn create(name: &str) -> Group {
        must(Command::new("groupadd").arg(name));
        Group(name.to_string())
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        let _ = Command::new("groupdel").arg(&self.0).output();
    }
}

/// The program under test, copied where any account may run it (the build tree may sit
/// under a folder other accounts cannot enter).
pub fn program_in(dir: &Path) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let exe = bin.join("yichuang");
    std::fs::copy(env!("CARGO_BIN_EXE_yichuang"), &exe).unwrap();
    std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
    exe
}

/// Stdout as text.
pub fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Stderr as text.
pub fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
