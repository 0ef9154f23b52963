//! `replicate run`: Litestream as a child, the heartbeat stamped while it lives, signals passed on.

use crate::model::replica::ReplicaTrouble;
use crate::storage::Db;
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use std::path::Path;
use std::process::{Child, ExitStatus, Stdio};
use std::time::Duration;
use tokio::signal::unix::{SignalKind, signal};

/// How often the heartbeat is stamped while Litestream runs.
pub const BEAT: Duration = Duration::from_secs(5);

/// How often the child is asked whether it still lives.
const POLL: Duration = Duration::from_millis(200);

/// Runs `litestream replicate -config CONFIG` until it ends; stamps `db`'s heartbeat every
/// [`BEAT`] while it lives; SIGTERM and SIGINT are passed on to it. Returns the exit code to
/// leave with: Litestream's own (128 + the signal when a signal ended it), so that systemd
/// restarts a replication that died.
pub fn run(mut db: Db, centre: &str, config: &Path) -> Result<i32, ReplicaTrouble> {
    let plain_http = super::read_config(config).map(|(_, t)| t.plain_http()).unwrap_or(false);
    let mut cmd = super::litestream_cmd(plain_http)?;
    cmd.arg("replicate").arg("-config").arg(config).stdin(Stdio::null());
    let child = cmd.spawn().map_err(|e| ReplicaTrouble::Failed(e.to_string()))?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| ReplicaTrouble::Failed(e.to_string()))?;
    let status = rt.block_on(watch(child, &mut db, centre)).map_err(|e| ReplicaTrouble::Failed(e.to_string()))?;
    Ok(code(status))
}

async fn watch(mut child: Child, db: &mut Db, centre: &str) -> std::io::Result<ExitStatus> {
    let mut term = signal(SignalKind::terminate())?;
    let mut int = signal(SignalKind::interrupt())?;
    // The first beat waits a moment: a Litestream that cannot start must not earn one.
    let mut beat = tokio::time::interval_at(tokio::time::Instant::now() + Duration::from_secs(1), BEAT);
    let mut poll = tokio::time::interval(POLL);
    let pid = Pid::from_raw(child.id() as i32);
    loop {
        tokio::select! {
            _ = poll.tick() => {
                if let Some(s) = child.try_wait()? {
                    return Ok(s);
                }
            }
            _ = beat.tick() => {
                // Only a living Litestream earns a beat: a dead one must show as an ageing replica.
                if child.try_wait()?.is_none()
                    && let Err(e) = db.replica_beat(centre)
                {
                    eprintln!("replica heartbeat: {e}");
                }
            }
            _ = term.recv() => { let _ = kill(pid, Signal::SIGTERM); }
            _ = int.recv() => { let _ = kill(pid, Signal::SIGINT); }
        }
    }
}

fn code(s: ExitStatus) -> i32 {
    use std::os::unix::process::ExitStatusExt;
    s.code().unwrap_or_else(|| 128 + s.signal().unwrap_or(0))
}
