//! The log file a centre can send when something goes wrong: errors, slow operations, a
//! stopped worker and panics, one file a day beside the database (`logs/yichuang-DATE.log`),
//! or under `$XDG_STATE_HOME/yichuang` when that folder cannot be written. Never the screen:
//! the terminal belongs to the desk.

use crate::app::Msg;
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

/// An effect or job taking longer than this is logged with its kind and duration.
pub const SLOW: Duration = Duration::from_millis(200);

static FOLDER: OnceLock<Option<PathBuf>> = OnceLock::new();

/// Starts logging for the database at `db`; the folder the files go to, or None when no
/// folder could be written (then nothing is logged). Only the first call in a process counts.
pub fn init(db: &Path) -> Option<PathBuf> {
    FOLDER
        .get_or_init(|| {
            let dir = folder(db)?;
            let daily = Arc::new(Daily { dir: dir.clone(), open: Mutex::new(None) });
            let subscriber = tracing_subscriber::fmt()
                .with_writer(move || DailyWriter(daily.clone()))
                .with_timer(LocalTime)
                .with_ansi(false)
                .with_target(false)
                .with_thread_names(true)
                .finish();
            tracing::subscriber::set_global_default(subscriber).ok()?;
            Some(dir)
        })
        .clone()
}

/// The file logged to today, if logging started.
pub fn today_file() -> Option<PathBuf> {
    FOLDER.get()?.as_ref().map(|d| d.join(file_name(chrono::Local::now().date_naive())))
}

fn file_name(day: chrono::NaiveDate) -> String {
    format!("yichuang-{day}.log")
}

/// `<db folder>/logs`, else `$XDG_STATE_HOME/yichuang` (`~/.local/state/yichuang`): the first
/// one where today's file can be opened for appending.
fn folder(db: &Path) -> Option<PathBuf> {
    let beside = crate::storage::files::folder(db).join("logs");
    let state = std::env::var_os("XDG_STATE_HOME")
        .filter(|s| !s.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/state")))
        .map(|s| s.join("yichuang"));
    [Some(beside), state].into_iter().flatten().find(|dir| open(dir, chrono::Local::now().date_naive()).is_ok())
}

fn open(dir: &Path, day: chrono::NaiveDate) -> io::Result<File> {
    std::fs::create_dir_all(dir)?;
    let path = dir.join(file_name(day));
    let file = OpenOptions::new().create(true).append(true).open(&path)?;
    // In the shared-group deployment every member of the group appends to the same file.
    crate::storage::files::share_new_file(&path);
    Ok(file)
}

/// Today's file, reopened when the day changes.
struct Daily {
    dir: PathBuf,
    open: Mutex<Option<(chrono::NaiveDate, File)>>,
}

/// One event's writer (tracing formats the whole line, then writes it once).
struct DailyWriter(Arc<Daily>);

impl Write for DailyWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let today = chrono::Local::now().date_naive();
        // A panic elsewhere while holding the lock must not silence the log for good.
        let mut open = self.0.open.lock().unwrap_or_else(|p| p.into_inner());
        if open.as_ref().is_none_or(|(day, _)| *day != today) {
            *open = Some((today, super::log::open(&self.0.dir, today)?));
        }
        match open.as_mut() {
            Some((_, f)) => f.write(buf),
            None => Ok(buf.len()),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Local time with offset, as the database stores times: a centre reads its own clock.
struct LocalTime;

impl tracing_subscriber::fmt::time::FormatTime for LocalTime {
    fn format_time(&self, w: &mut tracing_subscriber::fmt::format::Writer<'_>) -> std::fmt::Result {
        write!(w, "{}", chrono::Local::now().format("%Y-%m-%dT%H:%M:%S%.3f%:z"))
    }
}

/// Logs what an effect or job of `kind` answered: its failures, and its time when slow.
/// `kind` names the request without its data, so no resident's details reach the file.
pub fn answered(kind: &str, took: Duration, msgs: &[Msg]) {
    msgs.iter().for_each(|m| failure(kind, m));
    slow(kind, took);
}

/// Logs `m` when it reports a failure.
pub fn failure(kind: &str, m: &Msg) {
    match m {
        Msg::DbFailed(e) => tracing::error!(kind, error = %e, "database request failed"),
        Msg::PrintFailed(e) => tracing::error!(kind, error = %e, "printing or rendering failed"),
        Msg::ReceiptFailed(t) => tracing::error!(kind, path = %t.path, problem = ?t.problem, "file not written"),
        _ => {}
    }
}

/// Logs an operation that took longer than [`SLOW`].
pub fn slow(kind: &str, took: Duration) {
    if took > SLOW {
        tracing::warn!(kind, ms = took.as_millis() as u64, "slow operation");
    }
}

/// Logs a panic with its thread.
pub fn panicked(info: &std::panic::PanicHookInfo<'_>) {
    let thread = std::thread::current();
    tracing::error!(thread = thread.name().unwrap_or("?"), "panic: {info}");
}
