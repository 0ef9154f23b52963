//! Files that every session maps read-only (the residents' shared file): mapped here, and
//! written whole to a temporary name and renamed into place, never changed in place, so that a
//! process that mapped the old file keeps reading the old inode, whole, until it maps the new
//! one. Their layout is `search::mapped`'s.

use crate::search::mapped::{Bytes, MapError, Mapped, layout};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A read-only mapping of a whole file.
struct Map(memmap2::Mmap);

impl Bytes for Map {
    fn bytes(&self) -> &[u8] {
        &self.0
    }
}

/// Maps `path` and reads its table of sections.
pub fn map(path: &Path) -> Result<Mapped, MapError> {
    let file = File::open(path)?;
    // SAFETY: these files are only ever replaced by rename, never written in place (see the
    // module comment), so the mapped bytes do not change under us.
    let map = unsafe { memmap2::Mmap::map(&file)? };
    Mapped::parse(Arc::new(Map(map)))
}

/// Writes `sections` to `path` whole: to a temporary file beside it, flushed, then renamed over
/// it, so that a reader maps either the old file or the new one, never half of one. In a shared
/// folder the file gets the group's access, like the database.
pub fn write(path: &Path, sections: &[&[u8]]) -> std::io::Result<()> {
    let (tmp, file) = temporary(path)?;
    let result = (|| {
        let mut w = std::io::BufWriter::new(&file);
        for piece in layout(sections) {
            w.write_all(&piece)?;
        }
        w.flush()?;
        drop(w);
        file.sync_data()?;
        crate::storage::files::share_new_file(&tmp);
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// A new temporary file beside `path`, named after it (so a left-over one says whose it was).
fn temporary(path: &Path) -> std::io::Result<(PathBuf, File)> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("shared");
    let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let tmp = crate::storage::files::folder(path).join(format!(".{name}.{}.{stamp}.tmp", std::process::id()));
    let file = std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp)?;
    Ok((tmp, file))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_file_maps_back_and_a_cut_one_is_refused_leaving_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x-residents");
        write(&path, &[b"one", b"two words"]).unwrap();
        write(&path, &[b"three", b"replaced whole"]).unwrap();
        let m = map(&path).unwrap();
        assert_eq!((m.bytes(0).unwrap(), m.bytes(1).unwrap()), (&b"three"[..], &b"replaced whole"[..]));
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() - 9]).unwrap();
        assert!(matches!(map(&path), Err(MapError::Damaged(_))));
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left.len(), 1, "{left:?}");
    }
}
