//! Off-site replication through Litestream: its configuration, the `replicate run` wrapper,
//! point-in-time restore, the replica's lag and following a replica.
//!
//! Litestream does the streaming; this module only starts it, reads what it says and words its
//! failures. Credentials never pass through here: Litestream reads `AWS_ACCESS_KEY_ID` and
//! `AWS_SECRET_ACCESS_KEY` from the environment (the systemd unit's EnvironmentFile).

pub mod run;

use crate::model::replica::{Lag, ReplicaTrouble};
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

pub use run::{BEAT, run};

/// Where a centre's replica lives: `s3://BUCKET/PATH` on an S3-compatible endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The bucket.
    pub bucket: String,
    /// The path inside the bucket (one per centre).
    pub path: String,
    /// The object store's URL (`http://10.0.0.5:8333`); `None`: Amazon S3 itself.
    pub endpoint: Option<String>,
}

impl Target {
    /// Reads `s3://BUCKET/PATH` and an optional endpoint URL.
    pub fn parse(url: &str, endpoint: Option<&str>) -> Result<Target, ReplicaTrouble> {
        let bad = || ReplicaTrouble::BadUrl(url.to_string());
        let rest = url.trim().strip_prefix("s3://").ok_or_else(bad)?;
        let rest = rest.split('?').next().unwrap_or_default();
        let (bucket, path) = rest.split_once('/').ok_or_else(bad)?;
        let path = path.trim_matches('/');
        let plain = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c));
        if !plain(bucket) || bucket.contains('/') || !plain(path) {
            return Err(bad());
        }
        let endpoint = endpoint.map(|e| e.trim().trim_end_matches('/').to_string()).filter(|e| !e.is_empty());
        if let Some(e) = &endpoint
            && !(e.starts_with("http://") || e.starts_with("https://"))
        {
            return Err(ReplicaTrouble::BadUrl(e.clone()));
        }
        Ok(Target { bucket: bucket.into(), path: path.into(), endpoint })
    }

    /// The replica URL as Litestream's command line takes it, endpoint included.
    pub fn url(&self) -> String {
        match &self.endpoint {
            None => format!("s3://{}/{}", self.bucket, self.path),
            Some(e) => format!("s3://{}/{}?endpoint={e}&forcePathStyle=true", self.bucket, self.path),
        }
    }

    /// `s3://BUCKET/PATH`, for people.
    pub fn shown(&self) -> String {
        format!("s3://{}/{}", self.bucket, self.path)
    }

    /// Whether the endpoint answers a TCP connection within a few seconds. Litestream itself
    /// retries an unreachable store for some two minutes before it says so.
    pub fn reachable(&self) -> Result<(), ReplicaTrouble> {
        use std::net::{TcpStream, ToSocketAddrs};
        let Some(e) = &self.endpoint else { return Ok(()) };
        let (tls, rest) = match e.strip_prefix("https://") {
            Some(r) => (true, r),
            None => (false, e.trim_start_matches("http://")),
        };
        let host = rest.split('/').next().unwrap_or_default();
        let with_port = if host.rsplit_once(':').is_some_and(|(_, p)| p.parse::<u16>().is_ok()) {
            host.to_string()
        } else {
            format!("{host}:{}", if tls { 443 } else { 80 })
        };
        let down = |m: String| ReplicaTrouble::Unreachable(format!("{e}: {m}"));
        let addrs = with_port.to_socket_addrs().map_err(|x| down(x.to_string()))?;
        let mut last = String::from("no address");
        for a in addrs {
            match TcpStream::connect_timeout(&a, std::time::Duration::from_secs(5)) {
                Ok(_) => return Ok(()),
                Err(x) => last = x.to_string(),
            }
        }
        Err(down(last))
    }

    fn plain_http(&self) -> bool {
        self.endpoint.as_deref().is_some_and(|e| e.starts_with("http://"))
    }
}

/// The `litestream` program on PATH.
pub fn litestream() -> Result<PathBuf, ReplicaTrouble> {
    let path = std::env::var_os("PATH").ok_or(ReplicaTrouble::Missing)?;
    std::env::split_paths(&path).map(|d| d.join("litestream")).find(|p| p.is_file()).ok_or(ReplicaTrouble::Missing)
}

/// A `litestream` command. With a plain-HTTP endpoint `AWS_CA_BUNDLE` is dropped from its
/// environment: the AWS SDK inside Litestream fails ("unable to add custom RootCAs") when it is
/// set, and there is no TLS to verify anyway.
fn litestream_cmd(plain_http: bool) -> Result<Command, ReplicaTrouble> {
    let mut c = Command::new(litestream()?);
    if plain_http {
        c.env_remove("AWS_CA_BUNDLE");
    }
    Ok(c)
}

/// Runs a litestream command to its end; its standard output, or its failure worded.
fn output(mut c: Command) -> Result<String, ReplicaTrouble> {
    let out = c.stdin(Stdio::null()).output().map_err(|e| ReplicaTrouble::Failed(e.to_string()))?;
    if out.status.success() {
        return Ok(String::from_utf8_lossy(&out.stdout).into_owned());
    }
    Err(classify(&String::from_utf8_lossy(&out.stderr)))
}

/// Litestream's error text, sorted into what a person can act on.
pub fn classify(stderr: &str) -> ReplicaTrouble {
    let last = stderr.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or_default().trim();
    let last = last.strip_prefix("Error: ").unwrap_or(last).to_string();
    let has = |s: &str| stderr.contains(s);
    if has("no matching backup files") || has("no snapshots available") || has("NoSuchBucket") {
        ReplicaTrouble::NoReplica(last)
    } else if has("timestamp does not exist") {
        ReplicaTrouble::BeforeFirst(last)
    } else if has("request send failed")
        || has("connection refused")
        || has("no such host")
        || has("i/o timeout")
        || has("exceeded maximum number of attempts")
    {
        ReplicaTrouble::Unreachable(last)
    } else {
        ReplicaTrouble::Failed(last)
    }
}

/// The Litestream configuration of one database replicated to `to`. No credentials in it.
pub fn config_yaml(db: &Path, to: &Target) -> String {
    let mut s = String::from("# Written by `yichuang replicate config`. Credentials are not here: Litestream reads\n");
    s.push_str("# AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY from the environment.\n");
    s.push_str("dbs:\n");
    s.push_str(&format!("  - path: {}\n", db.display()));
    s.push_str("    replica:\n      type: s3\n");
    s.push_str(&format!("      bucket: {}\n      path: {}\n", to.bucket, to.path));
    if let Some(e) = &to.endpoint {
        s.push_str(&format!("      endpoint: {e}\n      force-path-style: true\n"));
    }
    s.push_str("      sync-interval: 1s\n");
    s
}

/// What `check` needs from a configuration `config_yaml` wrote: the database and its replica.
pub fn read_config(config: &Path) -> Result<(PathBuf, Target), ReplicaTrouble> {
    let text =
        std::fs::read_to_string(config).map_err(|e| ReplicaTrouble::BadConfig(format!("{}: {e}", config.display())))?;
    let field = |name: &str| {
        text.lines().find_map(|l| {
            let l = l.trim().trim_start_matches("- ");
            l.strip_prefix(name).and_then(|v| v.strip_prefix(':')).map(|v| v.trim().trim_matches('"').to_string())
        })
    };
    let bad = || ReplicaTrouble::BadConfig(config.display().to_string());
    let db = field("path").ok_or_else(bad)?;
    let bucket = field("bucket").ok_or_else(bad)?;
    // The replica's path is indented under `replica:`; the database's starts the list item.
    let path = text.lines().find_map(|l| l.trim().strip_prefix("path:")).ok_or_else(bad)?.trim().to_string();
    let endpoint = field("endpoint");
    Ok((PathBuf::from(db), Target { bucket, path, endpoint }))
}

/// The systemd unit that keeps `yichuang replicate run` going on the centre's server.
pub fn systemd_unit(centre: &str, exe: &Path, db: &Path, config: &Path, env_file: &Path, user: &str) -> String {
    format!(
        "# Written by `yichuang replicate config`. Install as /etc/systemd/system/yichuang-replica.service,\n\
         # then: systemctl daemon-reload && systemctl enable --now yichuang-replica\n\
         [Unit]\n\
         Description=yichuang off-site replica of {centre} (Litestream)\n\
         After=network-online.target\n\
         Wants=network-online.target\n\
         \n\
         [Service]\n\
         User={user}\n\
         # AWS_ACCESS_KEY_ID=… and AWS_SECRET_ACCESS_KEY=… (mode 0600, owned by {user}).\n\
         EnvironmentFile={env}\n\
         ExecStart={exe} --db {db} replicate run --centre '{centre}' --config {config}\n\
         Restart=always\n\
         RestartSec=5\n\
         KillSignal=SIGTERM\n\
         \n\
         [Install]\n\
         WantedBy=multi-user.target\n",
        env = env_file.display(),
        exe = exe.display(),
        db = db.display(),
        config = config.display(),
    )
}

/// Reads `--at`: China time `2026-11-30T10:15[:ss]` like the rest of the command line, or RFC 3339.
pub fn parse_at(text: &str) -> Result<DateTime<Utc>, ReplicaTrouble> {
    let t = text.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(t) {
        return Ok(d.with_timezone(&Utc));
    }
    let china = chrono::FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset");
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())
        .and_then(|n| china.from_local_datetime(&n).single())
        .map(|d| d.with_timezone(&Utc))
        .ok_or_else(|| ReplicaTrouble::BadTime(t.to_string()))
}

/// Whether `path` is free to restore into: no file, and no `-wal`/`-shm` of a live database.
pub fn free_target(path: &Path) -> Result<(), ReplicaTrouble> {
    let side = |s: &str| PathBuf::from(format!("{}{s}", path.display()));
    for p in [path.to_path_buf(), side("-wal"), side("-shm")] {
        if p.exists() {
            return Err(ReplicaTrouble::TargetExists(p.display().to_string()));
        }
    }
    Ok(())
}

/// Restores the replica at `from` (as it was at `at`, else its latest) into `to`, through
/// `to.partial` renamed into place, so a failed restore never leaves a file that looks whole.
pub fn restore(from: &Target, at: Option<DateTime<Utc>>, to: &Path) -> Result<(), ReplicaTrouble> {
    restore_with(from, at, to, &[])
}

/// [`restore`] with more environment for Litestream (a street office's per-centre keys).
pub fn restore_with(
    from: &Target,
    at: Option<DateTime<Utc>>,
    to: &Path,
    env: &[(String, String)],
) -> Result<(), ReplicaTrouble> {
    free_target(to)?;
    litestream()?;
    from.reachable()?;
    let partial = PathBuf::from(format!("{}.partial", to.display()));
    let _ = std::fs::remove_file(&partial);
    let mut c = litestream_cmd(from.plain_http())?;
    c.envs(env.iter().map(|(k, v)| (k, v)));
    c.arg("restore").arg("-o").arg(&partial);
    if let Some(at) = at {
        c.arg("-timestamp").arg(at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    }
    c.arg(from.url());
    let done = output(c).and_then(|_| {
        // A restored file must not come with a stray log of another database beside it.
        free_target(to)?;
        std::fs::rename(&partial, to).map_err(|e| ReplicaTrouble::Failed(e.to_string()))
    });
    if done.is_err() {
        for s in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{s}", partial.display()));
        }
    }
    done
}

/// How far the replica of `db` is behind, from `litestream status` and `litestream ltx`.
pub fn lag(config: &Path, db: &Path, to: &Target) -> Result<Lag, ReplicaTrouble> {
    let hex = |v: &serde_json::Value, k: &str| {
        v.get(k).and_then(|t| t.as_str()).and_then(|t| u64::from_str_radix(t, 16).ok())
    };
    litestream()?;
    to.reachable()?;
    let mut status = litestream_cmd(to.plain_http())?;
    status.arg("status").arg("-json").arg("-config").arg(config).arg(db);
    let status: serde_json::Value =
        serde_json::from_str(&output(status)?).map_err(|e| ReplicaTrouble::Failed(e.to_string()))?;
    let local_txid = status.as_array().and_then(|a| a.first()).and_then(|s| hex(s, "local_txid"));
    let mut ltx = litestream_cmd(to.plain_http())?;
    ltx.arg("ltx").arg("-json").arg("-level").arg("all").arg(to.url());
    let files: serde_json::Value =
        serde_json::from_str(&output(ltx)?).map_err(|e| ReplicaTrouble::Failed(e.to_string()))?;
    let files = files.as_array().cloned().unwrap_or_default();
    let newest = files.iter().max_by_key(|f| hex(f, "max_txid"));
    Ok(Lag {
        local_txid,
        replica_txid: newest.and_then(|f| hex(f, "max_txid")),
        replica_at: newest.and_then(|f| f.get("timestamp")).and_then(|t| t.as_str()).map(str::to_string),
    })
}

/// Restores the replica at `from` into `local` and keeps applying what arrives
/// (`litestream restore -f`): a read-only copy that follows the centre. The caller owns the child.
pub fn follow(from: &Target, local: &Path) -> Result<Child, ReplicaTrouble> {
    follow_command(from, local)?.spawn().map_err(|e| ReplicaTrouble::Failed(e.to_string()))
}

/// The command [`follow`] spawns, for a caller that sets the child's environment itself.
pub fn follow_command(from: &Target, local: &Path) -> Result<Command, ReplicaTrouble> {
    let mut c = litestream_cmd(from.plain_http())?;
    c.arg("restore").arg("-f").arg("-follow-interval").arg("1s").arg("-o").arg(local).arg(from.url());
    c.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_replica_url_names_a_bucket_and_a_path() {
        let t = Target::parse("s3://centres/xingfu", Some("http://127.0.0.1:8333/")).unwrap();
        assert_eq!((t.bucket.as_str(), t.path.as_str()), ("centres", "xingfu"));
        assert_eq!(t.url(), "s3://centres/xingfu?endpoint=http://127.0.0.1:8333&forcePathStyle=true");
        assert!(Target::parse("centres/xingfu", None).is_err());
        assert!(Target::parse("s3://centres", None).is_err());
        assert!(Target::parse("s3://centres/x", Some("127.0.0.1:8333")).is_err());
    }

    #[test]
    fn the_configuration_written_is_the_one_read_back() {
        let t = Target::parse("s3://centres/xingfu", Some("http://10.0.0.5:8333")).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("litestream").with_extension("yml");
        std::fs::write(&f, config_yaml(Path::new("/srv/y/y.sqlite3"), &t)).unwrap();
        assert_eq!(read_config(&f).unwrap(), (PathBuf::from("/srv/y/y.sqlite3"), t));
        let yaml = std::fs::read_to_string(&f).unwrap();
        assert!(!yaml.contains("access-key-id:") && !yaml.contains("secret-access-key:"), "{yaml}");
    }

    #[test]
    fn restore_times_are_china_time_or_rfc3339() {
        assert_eq!(parse_at("2026-11-30T10:15").unwrap().to_rfc3339(), "2026-11-30T02:15:00+00:00");
        assert_eq!(parse_at("2026-11-30T10:15:30+08:00").unwrap().to_rfc3339(), "2026-11-30T02:15:30+00:00");
        assert!(matches!(parse_at("yesterday"), Err(ReplicaTrouble::BadTime(_))));
    }

    #[test]
    fn litestream_errors_are_sorted_for_people() {
        assert!(matches!(classify("Error: no matching backup files available\n"), ReplicaTrouble::NoReplica(_)));
        assert!(matches!(classify("Error: timestamp does not exist\n"), ReplicaTrouble::BeforeFirst(_)));
        assert!(matches!(
            classify("dial tcp 127.0.0.1:1: connect: connection refused"),
            ReplicaTrouble::Unreachable(_)
        ));
    }
}
