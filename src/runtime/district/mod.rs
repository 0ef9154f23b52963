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

/// Starts following a centre's replica into its local copy. Placeholder of this branch only:
/// the replica helper's `crate::runtime::replica::follow` takes its place at merge.
pub fn follow_replica(_centre: &Centre, _local: &Path, lang: Lang) -> Result<(), String> {
    Err(say(lang, W::NotBuilt).to_string())
}

/// The street's centres with where each is read from: the local file, or why there is none
/// (a replica whose following could not start).
pub fn sources(d: &District, lang: Lang) -> Vec<(Centre, Result<PathBuf, String>)> {
    d.centres
        .iter()
        .map(|c| {
            let local = c.local_file(d.cache.as_deref());
            let r = match &c.source {
                CentreSource::Copy(_) => Ok(local),
                CentreSource::Replica { .. } => follow_replica(c, &local, lang).map(|_| local),
            };
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
        member_hours: units.iter().map(|u| f64::from(u.half_hours) / 2.0).sum(),
        member_target_hours: units.iter().map(|u| f64::from(u.members) * f64::from(target)).sum(),
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
