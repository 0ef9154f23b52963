//! The residents' shared file beside the database (`<db>-residents`): every resident packed for
//! the list and prepared for search, as of one moment, mapped read-only by every session and by
//! `yichuang find`. The operating system keeps one copy of its pages for all of them, and a
//! fresh process answers without reading 300,000 rows or their pinyin.
//!
//! It is never wrong, only behind: it records the last resident id it holds and the change mark
//! it was read from (see `Db::residents_mark`), and a session that maps it then reads, as it does
//! on every refresh, the residents registered after that id and those written since that mark,
//! replacing what the file says. A file that is missing, damaged, of another format, or built
//! from another database or from data a restored backup no longer has (the fingerprint differs)
//! is rebuilt; so is one so far behind that reading the difference costs more than rebuilding.
//! A file is replaced by rename, never changed in place, so a session that mapped the old one
//! reads it whole until it maps the new one. When the folder cannot be written, the session
//! builds the same thing in memory, as before the file existed.

use crate::app::resident_book::{Book, ResidentPage};

use super::shared_file;
use crate::search::{Prepared, resident_document};
use crate::storage::Db;
use std::path::{Path, PathBuf};

/// Residents behind the file (registered or edited since) above which it is rebuilt: beyond
/// this, preparing them in each session costs more than one rebuild.
const REBUILD_FROM: usize = 2_000;

/// The file beside the database `db`.
pub fn path_for(db: &Path) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push("-residents");
    PathBuf::from(p)
}

/// What the file says about itself (its first section).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct Meta {
    /// The highest resident id it holds.
    last_id: i64,
    /// The change mark it was read from: residents written at or after it are read again.
    mark: String,
    /// `Db::residents_fingerprint(mark)` when it was built.
    fingerprint: String,
    /// Residents it holds.
    residents: usize,
    /// The database's instance name, made at random once per database: one made anew at
    /// the same path (a fresh demo) is another database, whatever its rows. (Not the file's
    /// inode: a file system gives a deleted file's inode to the next one.)
    instance: String,
}

/// The database's random instance name.
fn instance(db: &Db) -> Result<String, crate::storage::StorageError> {
    db.instance()
}

/// The residents of a mapped file: the page to append, and where the reading of changes starts.
pub struct Shared {
    /// Every resident the file holds, mapped.
    pub page: ResidentPage,
    /// The highest resident id in it.
    pub last_id: i64,
    /// Residents written at or after this mark must be read again.
    pub mark: String,
}

/// The file of `db` mapped, built first when it is missing, damaged, foreign or far behind;
/// None when it can neither be used nor written (the caller reads everything, as before).
pub fn load(db: &Db) -> Option<Shared> {
    let path = path_for(db.path());
    match open(db, &path) {
        Ok(Some(s)) => Some(s),
        Ok(None) | Err(_) => match build(db, &path) {
            Ok(s) => Some(s),
            Err(e) => {
                tracing::warn!(file = %path.display(), error = %e, "residents' shared file not written; reading residents into memory");
                None
            }
        },
    }
}

/// The file mapped, if it belongs to this database and is not too far behind.
fn open(db: &Db, path: &Path) -> Result<Option<Shared>, Box<dyn std::error::Error>> {
    let m = shared_file::map(path)?;
    let meta: Meta = serde_json::from_slice(m.bytes(0)?)?;
    let book = Book::mapped(&m, 1)?;
    let prepared = Prepared::mapped(&m, 1 + Book::SECTIONS)?;
    if book.len() != meta.residents
        || prepared.len() != meta.residents
        || meta.instance != instance(db)?
        || db.residents_fingerprint(&meta.mark)? != meta.fingerprint
    {
        return Ok(None);
    }
    // Rebuilt when far behind, unless a file built now would be as far behind (residents written
    // in the last seconds are read again whatever the file: see `Db::residents_mark`).
    let limit = REBUILD_FROM.max(meta.residents / 50);
    let behind = db.residents_behind(meta.last_id, &meta.mark)?;
    if behind > limit && behind - db.residents_behind(i64::MAX, &db.residents_mark())?.min(behind) > limit {
        return Ok(None);
    }
    Ok(Some(Shared { page: ResidentPage::of(book, prepared), last_id: meta.last_id, mark: meta.mark }))
}

/// Reads every resident, writes the file, and maps it.
fn build(db: &Db, path: &Path) -> Result<Shared, Box<dyn std::error::Error>> {
    // Taken before anything is read: whatever commits after it is read again by the session.
    let mark = db.residents_mark();
    let fingerprint = db.residents_fingerprint(&mark)?;
    let (mut book, mut prepared, mut last_id) = (Book::default(), Prepared::default(), 0);
    loop {
        let page = db.residents_page(last_id, 5000)?;
        let Some(last) = page.last() else { break };
        last_id = last.id;
        for r in &page {
            book.push(r);
            prepared.push(resident_document(r));
        }
    }
    let meta = Meta { last_id, mark, fingerprint, residents: book.len(), instance: instance(db)? };
    let head = serde_json::to_vec(&meta)?;
    let mut sections: Vec<&[u8]> = vec![&head];
    sections.extend(book.sections());
    sections.extend(prepared.sections());
    shared_file::write(path, &sections)?;
    drop((book, prepared));
    open(db, path)?.ok_or_else(|| "the file just written does not match the database".into())
}
