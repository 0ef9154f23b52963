//! Following the database for the hall: re-reading when another connection commits, and
//! surviving the file being moved away, replaced or unreadable for a while (a backup restore,
//! a network share that drops): the board says so and reconnects by itself.

use crate::domain::announce::QuietHours;
use crate::model::QueueView;
use crate::storage::{Clock, Db};
use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;

/// Setting: the centre's notices, one a line, shown in turn at the foot of the board.
pub const NOTICES: &str = "board_notices";
/// Setting: `off` silences the hall's voice.
pub const VOICE: &str = "board_voice";
/// Setting: quiet hours, e.g. `12:00-13:30, 17:30-08:30`.
pub const QUIET: &str = "board_quiet_hours";

/// The board's settings, read with the queue.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HallSettings {
    /// Centre name.
    pub centre: String,
    /// Notices, in order.
    pub notices: Vec<String>,
    /// Voice turned on (the default).
    pub voice: bool,
    /// Quiet hours (an unreadable value is none: the hall keeps speaking rather than fall
    /// silent because of a typo).
    pub quiet: QuietHours,
}

/// The database as the board follows it.
pub struct Follower {
    path: PathBuf,
    clock: Clock,
    db: Option<Db>,
    file: Option<(u64, u64)>,
    version: Option<i64>,
    /// The queue last read.
    pub view: QueueView,
    /// The settings last read.
    pub settings: HallSettings,
    /// The database could not be read at the last look.
    pub offline: bool,
}

impl Follower {
    /// Opens the database and reads everything at once, so that a board (re)started shows the
    /// current state before its first tick.
    pub fn open(path: PathBuf, clock: Clock) -> crate::storage::Result<Follower> {
        let mut db = Db::open_existing(&path)?;
        db.set_clock(clock);
        let mut f = Follower {
            file: identity(&path),
            path,
            clock,
            db: Some(db),
            version: None,
            view: QueueView::default(),
            settings: HallSettings::default(),
            offline: false,
        };
        f.poll();
        Ok(f)
    }

    /// Looks again; true when the queue, the settings or the connection's state changed.
    pub fn poll(&mut self) -> bool {
        let was_offline = self.offline;
        // The file moved, gone or replaced: SQLite would keep reading the old one (or an empty
        // file it creates), so the connection is dropped and a new one made once the path holds
        // a database again.
        let now = identity(&self.path);
        if now.is_none() || now != self.file {
            self.db = None;
        }
        if self.db.is_none()
            && now.is_some()
            && let Ok(mut db) = Db::open_existing(&self.path)
        {
            db.set_clock(self.clock);
            self.db = Some(db);
            self.file = now;
            self.version = None;
        }
        let Some(db) = self.db.as_ref() else {
            self.offline = true;
            return !was_offline;
        };
        let version = db.data_version().ok();
        if version.is_some() && version == self.version && !was_offline {
            return false;
        }
        match (db.queue_view(), read_settings(db)) {
            (Ok(view), Ok(settings)) => {
                let changed = view != self.view || settings != self.settings || was_offline;
                self.view = view;
                self.settings = settings;
                self.version = version;
                self.offline = false;
                changed
            }
            _ => {
                self.db = None;
                self.offline = true;
                !was_offline
            }
        }
    }
}

fn read_settings(db: &Db) -> crate::storage::Result<HallSettings> {
    let centre = db.setting("centre_name")?.unwrap_or_else(|| "社区党群服务中心".to_string());
    let notices = db
        .setting(NOTICES)?
        .map(|n| n.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect())
        .unwrap_or_default();
    let voice = !db.setting(VOICE)?.is_some_and(|v| v.trim().eq_ignore_ascii_case("off"));
    let quiet = db.setting(QUIET)?.and_then(|q| QuietHours::parse(&q).ok()).unwrap_or_default();
    Ok(HallSettings { centre, notices, voice, quiet })
}

/// The file's device and inode, or None when nothing is there.
fn identity(path: &std::path::Path) -> Option<(u64, u64)> {
    std::fs::metadata(path).ok().filter(|m| m.is_file() && m.len() > 0).map(|m| (m.dev(), m.ino()))
}
