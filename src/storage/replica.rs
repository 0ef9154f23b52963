//! The replica heartbeat: one row stamped while the centre's file is streamed off-site.

use super::{Db, Result};
use chrono::{DateTime, FixedOffset};
use rusqlite::{OptionalExtension, params};

/// The last heartbeat a centre's replication wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heartbeat {
    /// The centre's name as `replicate` was configured with it.
    pub centre: String,
    /// When the row was last stamped (the centre's clock).
    pub at: DateTime<FixedOffset>,
}

impl Db {
    /// Stamps the heartbeat with the clock's now. Not audited: it is the replication's pulse,
    /// written every few seconds, not anybody's act.
    pub fn replica_beat(&mut self, centre: &str) -> Result<()> {
        let (centre, at) = (centre.to_string(), self.clock().now_text());
        self.write("replicate", |tx| {
            tx.execute(
                "INSERT INTO replica_heartbeat (id, centre, at) VALUES (1, ?1, ?2)
                 ON CONFLICT (id) DO UPDATE SET centre = excluded.centre, at = excluded.at",
                params![centre, at],
            )?;
            Ok(((), vec![]))
        })
    }

    /// The last heartbeat, if replication ever ran on this file.
    pub fn replica_heartbeat(&self) -> Result<Option<Heartbeat>> {
        let row: Option<(String, String)> = self
            .conn
            .query_row("SELECT centre, at FROM replica_heartbeat WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        Ok(row.and_then(|(centre, at)| Some(Heartbeat { centre, at: DateTime::parse_from_rfc3339(&at).ok()? })))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heartbeat_is_one_row_restamped_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::open(&dir.path().join("y.sqlite3")).unwrap();
        assert_eq!(db.replica_heartbeat().unwrap(), None);
        db.replica_beat("幸福社区").unwrap();
        let first = db.replica_heartbeat().unwrap().unwrap();
        assert_eq!(first.centre, "幸福社区");
        db.replica_beat("幸福社区").unwrap();
        let n: i64 = db.conn.query_row("SELECT count(*) FROM replica_heartbeat", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 1);
        assert!(db.replica_heartbeat().unwrap().unwrap().at >= first.at);
    }
}

#[cfg(test)]
mod read_only {
    use super::*;

    #[test]
    fn a_copy_opened_read_only_reads_and_refuses_every_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("centre.sqlite3");
        let mut db = Db::open(&path).unwrap();
        db.replica_beat("幸福社区").unwrap();
        drop(db);
        let before = std::fs::read(&path).unwrap();
        let mut ro = Db::open_read_only(&path).unwrap();
        assert_eq!(ro.replica_heartbeat().unwrap().unwrap().centre, "幸福社区");
        assert!(ro.replica_beat("别处").is_err(), "a read-only copy took a write");
        drop(ro);
        assert_eq!(std::fs::read(&path).unwrap(), before, "opening read-only changed the file");
    }

    #[test]
    fn a_read_only_open_refuses_a_newer_schema_and_an_empty_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("centre.sqlite3");
        drop(Db::open(&path).unwrap());
        let c = rusqlite::Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", crate::storage::schema::latest() + 1).unwrap();
        drop(c);
        assert!(matches!(Db::open_read_only(&path), Err(crate::storage::StorageError::NewerSchema { .. })));
        let empty = dir.path().join("empty.sqlite3");
        std::fs::write(&empty, b"").unwrap();
        assert!(Db::open_read_only(&empty).is_err());
        assert!(Db::open_read_only(&dir.path().join("absent.sqlite3")).is_err());
    }
}
