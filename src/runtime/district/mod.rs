//! The street office's view: reading each centre's copy (read-only, one fresh connection per
//! look), `district status`, and the full-screen view (`tui`).

mod tui;

pub use tui::run;

use crate::app::street::{CentreDashboard, CentreRow, Figures};
use crate::domain::lang::Lang;
use crate::domain::queue::TicketState;
use crate::i18n::words::street::{W, say};
use crate::setup::district::{Centre, CentreSource, District};
use crate::storage::{Clock, Db, StorageError, Viewer};
use std::path::{Path, PathBuf};

/// The one reader the street office is: sees every booking, as a supervisor would.
fn street_viewer() -> Viewer {
    Viewer { login: "street".into(), supervisor: true, mediator: false }
}

/// How the street reads its replicated centres.
pub enum Reading<'a> {
    /// Follows each replica into the cache while the view runs (`litestream restore -f`).
    Follow(&'a mut Followers),
    /// Restores each replica once into this folder: `status` and reports read it as it is now.
    Once(&'a Path),
}

/// The street view's followers of its centres' replicas. A follower that ends (the centre
/// had no snapshot yet, the store was unreachable, the network dropped) is started again
/// within a second and a half, onto a fresh copy; all are stopped by their ids when this drops
/// (also when the view ends by a panic or a signal).
#[derive(Default)]
pub struct Followers {
    each: std::sync::Arc<std::sync::Mutex<Vec<Follower>>>,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    watcher: Option<std::thread::JoinHandle<()>>,
}

/// One replica followed into its local copy.
struct Follower {
    command: Box<dyn Fn() -> std::io::Result<std::process::Child> + Send>,
    local: PathBuf,
    child: Option<std::process::Child>,
}

impl Follower {
    /// Starts it again if it ended.
    fn revive(&mut self) {
        let ended = match &mut self.child {
            Some(c) => !matches!(c.try_wait(), Ok(None)),
            None => true,
        };
        if ended {
            remove_copy(&self.local);
            self.child = (self.command)().ok();
        }
    }
}

impl Followers {
    fn push(&mut self, mut f: Follower) {
        f.revive();
        self.each.lock().unwrap_or_else(|p| p.into_inner()).push(f);
        if self.watcher.is_none() {
            let (each, stop) = (self.each.clone(), self.stop.clone());
            self.watcher = Some(std::thread::spawn(move || {
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    std::thread::sleep(std::time::Duration::from_millis(1500));
                    each.lock().unwrap_or_else(|p| p.into_inner()).iter_mut().for_each(Follower::revive);
                }
            }));
        }
    }
}

impl Drop for Followers {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        if let Some(w) = self.watcher.take() {
            let _ = w.join();
        }
        for f in self.each.lock().unwrap_or_else(|p| p.into_inner()).iter_mut() {
            if let Some(c) = &mut f.child {
                let _ = c.kill();
                let _ = c.wait();
            }
        }
    }
}

/// Removes a local copy and its log files: the cache is the view's own and the replica is the
/// truth, and Litestream restores over no file.
fn remove_copy(local: &Path) {
    for s in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{s}", local.display()));
    }
}

/// The credentials a centre's replica is read with: `{PREFIX}_ACCESS_KEY_ID` and
/// `{PREFIX}_SECRET_ACCESS_KEY` passed on as AWS's when the centre names a prefix (else
/// Litestream reads `AWS_…` from the environment itself).
fn credentials(key_env: Option<&str>) -> Vec<(String, String)> {
    let Some(prefix) = key_env else { return Vec::new() };
    ["ACCESS_KEY_ID", "SECRET_ACCESS_KEY"]
        .iter()
        .filter_map(|k| std::env::var(format!("{prefix}_{k}")).ok().map(|v| (format!("AWS_{k}"), v)))
        .collect()
}

/// Brings a centre's replica to `local`: followed while the view runs, or restored once.
pub fn read_replica(centre: &Centre, local: &Path, lang: Lang, how: &mut Reading<'_>) -> Result<(), String> {
    let CentreSource::Replica { url, endpoint, key_env } = &centre.source else { return Ok(()) };
    let words = |t: crate::model::replica::ReplicaTrouble| crate::i18n::words::replica::trouble(lang, &t);
    let target = crate::runtime::replica::Target::parse(url, endpoint.as_deref()).map_err(words)?;
    let env = credentials(key_env.as_deref());
    if let Some(dir) = local.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    // A copy an earlier run left is restored afresh.
    remove_copy(local);
    match how {
        Reading::Once(_) => crate::runtime::replica::restore_with(&target, None, local, &env).map_err(words),
        Reading::Follow(followers) => {
            crate::runtime::replica::follow_command(&target, local).map_err(words)?;
            let to = local.to_path_buf();
            let command = Box::new(move || {
                let mut c = crate::runtime::replica::follow_command(&target, &to)
                    .map_err(|t| std::io::Error::other(format!("{t:?}")))?;
                c.envs(env.iter().map(|(k, v)| (k, v))).spawn()
            });
            followers.push(Follower { command, local: local.to_path_buf(), child: None });
            Ok(())
        }
    }
}

/// The street's centres with where each is read from: the local file, or why there is none
/// (a replica that could not be followed or restored).
pub fn sources(d: &District, lang: Lang, mut how: Reading<'_>) -> Vec<(Centre, Result<PathBuf, String>)> {
    d.centres
        .iter()
        .map(|c| {
            let local = match &how {
                Reading::Once(dir) => c.local_file(Some(dir)),
                Reading::Follow(_) => c.local_file(d.cache.as_deref()),
            };
            let r = read_replica(c, &local, lang, &mut how).map(|_| local);
            (c.clone(), r)
        })
        .collect()
}

/// Opens a centre's copy read-only, with the street's clock (tests and `--now` move it).
fn open(path: &Path, clock: Clock, lang: Lang) -> Result<Db, String> {
    if !path.is_file() {
        return Err(crate::i18n::fill(say(lang, W::MissingCopy), &[&path.display()]));
    }
    let mut db = Db::open_read_only(path).map_err(|e| crate::i18n::storage_error(lang, &e))?;
    db.set_clock(clock);
    Ok(db)
}

/// One centre's figures from its copy, through the reads the desk's own screens use.
pub fn figures(db: &Db) -> Result<Figures, StorageError> {
    let now = db.clock().now();
    let today = now.date_naive();
    let view = db.queue_view()?;
    let waiting = view.tickets.iter().filter(|t| t.state == TicketState::Waiting).count() as u32;
    let longest_wait = view
        .lines
        .iter()
        .filter_map(|l| crate::domain::dashboard::longest_wait(&view.tickets, &l.code, now.naive_local()))
        .max();
    let cases = db.case_load(today)?;
    let requests = db.request_counts(now.naive_local())?;
    let bookings: Vec<_> =
        db.bookings(&street_viewer(), today, today)?.into_iter().filter(|b| b.cancelled.is_none()).collect();
    let (target, _) = db.member_settings()?;
    let units = db.unit_totals(chrono::Datelike::year(&today), target)?;
    // A copy of a centre older than the heartbeat has never been replicated by this program.
    let heartbeat = match db.replica_heartbeat() {
        Ok(h) => h.map(|h| h.at),
        Err(StorageError::Sqlite(m)) if m.contains("no such table") => None,
        Err(e) => return Err(e),
    };
    Ok(Figures {
        waiting,
        longest_wait,
        cases_open: cases.iter().map(|(_, c)| c.open as u32).sum(),
        cases_overdue: cases.iter().map(|(_, c)| c.overdue as u32).sum(),
        requests_open: requests.iter().map(|r| r.open).sum(),
        requests_overdue: requests.iter().map(|r| r.overdue).sum(),
        room_bookings: bookings.len() as u32,
        room_minutes: bookings.iter().map(|b| (b.end - b.start).num_minutes()).sum(),
        // Summed in whole half hours and members: a float sum of nothing is -0.0, which the
        // status JSON printed for a centre without members.
        member_hours: f64::from(units.iter().map(|u| u.half_hours).sum::<u32>()) / 2.0,
        member_target_hours: f64::from(units.iter().map(|u| u.members).sum::<u32>()) * f64::from(target),
        heartbeat,
    })
}

/// Every centre's row; a copy that cannot be read gives its reason on its own row only.
pub fn rows(sources: &[(Centre, Result<PathBuf, String>)], clock: Clock, lang: Lang) -> Vec<CentreRow> {
    sources
        .iter()
        .map(|(c, path)| {
            let figures = path.clone().and_then(|p| {
                let db = open(&p, clock, lang)?;
                figures(&db).map_err(|e| crate::i18n::storage_error(lang, &e))
            });
            CentreRow { name: c.name.clone(), figures }
        })
        .collect()
}

/// A centre's dashboard figures from its copy, read-only.
pub fn centre_dashboard(path: &Path, clock: Clock, lang: Lang) -> Result<CentreDashboard, String> {
    let db = open(path, clock, lang)?;
    let today = db.clock().now().date_naive();
    let read = || -> Result<CentreDashboard, StorageError> {
        Ok(CentreDashboard {
            queue: db.queue_view()?,
            dashboard: super::admin::dashboard_figures(&db, &street_viewer())?,
            rooms: db.rooms()?,
            activities: db.activities(today, today)?,
        })
    };
    read().map_err(|e| crate::i18n::storage_error(lang, &e))
}
