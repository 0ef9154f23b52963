//! The database worker thread (the UI never waits on SQL) and the change watcher.

use crate::app::{Effect, Msg};
use crate::storage::Db;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc as std_mpsc;
use std::time::Duration;
use tokio::sync::mpsc::UnboundedSender;

/// A handle to send requests to the worker.
pub struct Worker {
    tx: std_mpsc::Sender<Effect>,
}

impl Worker {
    /// Queues a request; if the worker is gone the request is dropped (the app is quitting).
    pub fn send(&self, e: Effect) {
        let _ = self.tx.send(e);
    }
}

/// Starts the worker on its own connection; answers arrive as messages on `out`.
pub fn spawn(path: PathBuf, out: UnboundedSender<Msg>) -> Worker {
    let (tx, rx) = std_mpsc::channel::<Effect>();
    std::thread::spawn(move || {
        let db = match Db::open_existing(&path) {
            Ok(db) => db,
            Err(e) => {
                let _ = out.send(Msg::DbFailed(e));
                return;
            }
        };
        while let Ok(first) = rx.recv() {
            // Several refresh requests in a row need one read.
            let mut batch = vec![first];
            batch.extend(rx.try_iter());
            batch.dedup();
            for e in batch {
                let msg = match e {
                    Effect::LoadCatalog => match (db.service_items(), db.categories()) {
                        (Ok(items), Ok(cats)) => Msg::CatalogLoaded(items, cats),
                        (Err(e), _) | (_, Err(e)) => Msg::DbFailed(e),
                    },
                    Effect::Quit => return,
                };
                if out.send(msg).is_err() {
                    return;
                }
            }
        }
    });
    Worker { tx }
}

/// Watches `PRAGMA data_version` on a connection of its own and reports every commit made by
/// any other connection (other sessions, and this session's worker).
pub fn watch(path: PathBuf, out: UnboundedSender<Msg>, stop: Arc<AtomicBool>, every: Duration) {
    std::thread::spawn(move || {
        let Ok(db) = Db::open_existing(&path) else {
            return;
        };
        let mut last = db.data_version().ok();
        while !stop.load(Ordering::Relaxed) {
            std::thread::sleep(every);
            let now = db.data_version().ok();
            if now.is_some() && now != last {
                last = now;
                if out.send(Msg::DataChanged).is_err() {
                    return;
                }
            }
        }
    });
}
