//! The files around the database: who may use them, and making sure that in a folder shared
//! by a group everything the desk creates stays usable by the whole group, whatever the umask.
//!
//! Three ways a data folder is set up (README, "Deployment"):
//! - *service account*: the folder belongs to the account running the desk and nobody else may
//!   enter it (mode 0700); staff reach the data only through the desk, over SSH;
//! - *shared group*: the folder is group-writable and setgid, each person runs the desk under
//!   their own login; files must be group-writable and of the folder's group;
//! - *personal*: anything else (one person's own data directory, a demo).

use crate::domain::files::{FileProblem, FileTrouble};
use nix::unistd::{AccessFlags, Gid, Group, Uid, User, access, getuid};
use std::fs;
use std::io;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// How the folder holding the database is set up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deployment {
    /// Owned by this account and closed to everyone else: the service account.
    ServiceAccount,
    /// Group-writable: several Unix accounts share it.
    SharedGroup,
    /// Anything else.
    Personal,
}

/// The folder a file lives in (`.` for a bare file name).
pub fn folder(db: &Path) -> &Path {
    db.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// How `dir` is set up, judged by its owner and mode.
pub fn deployment(dir: &Path) -> Deployment {
    match fs::metadata(dir) {
        // Group-writable but not everyone's (a folder like /tmp is nobody's deployment).
        Ok(m) if m.mode() & 0o022 == 0o020 => Deployment::SharedGroup,
        Ok(m) if m.uid() == getuid().as_raw() && m.mode() & 0o077 == 0 => Deployment::ServiceAccount,
        _ => Deployment::Personal,
    }
}

/// In a shared folder, lets the group write everything this process creates from now on
/// (`ssh host cmd` runs under umask 022 and never reads /etc/profile.d); other bits of the
/// umask are kept.
pub fn share_umask(dir: &Path) {
    if deployment(dir) == Deployment::SharedGroup {
        let old = nix::sys::stat::umask(nix::sys::stat::Mode::from_bits_truncate(0o077));
        nix::sys::stat::umask(old & !nix::sys::stat::Mode::from_bits_truncate(0o070));
    }
}

fn owner_name(uid: u32) -> String {
    User::from_uid(Uid::from_raw(uid)).ok().flatten().map(|u| u.name).unwrap_or_else(|| uid.to_string())
}

fn group_name(gid: u32) -> String {
    Group::from_gid(Gid::from_raw(gid)).ok().flatten().map(|g| g.name).unwrap_or_else(|| gid.to_string())
}

fn trouble(path: &Path, problem: FileProblem) -> FileTrouble {
    FileTrouble { path: path.display().to_string(), problem }
}

/// `path` (or, when it does not exist yet, the nearest folder above it) refused this account.
fn denied(path: &Path) -> FileTrouble {
    let mut p: PathBuf = path.to_path_buf();
    loop {
        if let Ok(m) = fs::metadata(&p) {
            let problem = FileProblem::Denied {
                owner: owner_name(m.uid()),
                group: group_name(m.gid()),
                mode: m.mode() & 0o7777,
                dir: m.is_dir(),
            };
            return trouble(&p, problem);
        }
        if !p.pop() || p.as_os_str().is_empty() {
            return trouble(path, FileProblem::Other(io::Error::from(io::ErrorKind::PermissionDenied).to_string()));
        }
    }
}

/// What stopped a file operation on `path`, with owner, group and mode when it was permission.
pub fn explain(path: &Path, e: &io::Error) -> FileTrouble {
    match e.kind() {
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => denied(path),
        _ => trouble(path, FileProblem::Other(e.to_string())),
    }
}

fn may(path: &Path, flags: AccessFlags) -> bool {
    access(path, flags).is_ok()
}

/// The database's companions: its write-ahead log and shared-memory index.
pub fn companions(db: &Path) -> [PathBuf; 2] {
    let with = |s: &str| {
        let mut p = db.as_os_str().to_owned();
        p.push(s);
        PathBuf::from(p)
    };
    [with("-wal"), with("-shm")]
}

/// Checks, before SQLite creates anything, that this account can use the database and every
/// file beside it; in a shared folder, that the folder is setgid and each file group-writable
/// (repairing the files this account owns). A refused session leaves nothing behind.
pub fn check_database(db: &Path) -> Result<(), FileTrouble> {
    let dir = folder(db);
    if !may(dir, AccessFlags::X_OK) {
        return Err(denied(dir));
    }
    let dm = fs::metadata(dir).map_err(|e| explain(dir, &e))?;
    let shared = deployment(dir) == Deployment::SharedGroup;
    if shared && dm.mode() & 0o2000 == 0 {
        return Err(trouble(dir, FileProblem::NotSetgid { group: group_name(dm.gid()) }));
    }
    let [wal, shm] = companions(db);
    let mut missing = false;
    for f in [db, wal.as_path(), shm.as_path()] {
        let Ok(m) = fs::symlink_metadata(f) else {
            missing = true;
            continue;
        };
        if !may(f, AccessFlags::R_OK | AccessFlags::W_OK) {
            return Err(denied(f));
        }
        if shared {
            share_file(f, &m, dm.gid())?;
        }
    }
    if missing && !may(dir, AccessFlags::W_OK) {
        return Err(denied(dir));
    }
    Ok(())
}

/// In a shared folder: the file must be group read-write and of the folder's group. Files of
/// this account are put right; anyone else's are reported with what to run.
fn share_file(f: &Path, m: &fs::Metadata, gid: u32) -> Result<(), FileTrouble> {
    let right = |m: &fs::Metadata| m.mode() & 0o060 == 0o060 && m.gid() == gid;
    if right(m) {
        return Ok(());
    }
    if m.uid() == getuid().as_raw() {
        let _ = nix::unistd::chown(f, None, Some(Gid::from_raw(gid)));
        let _ = fs::set_permissions(f, fs::Permissions::from_mode((m.mode() | 0o060) & 0o7777));
        if fs::metadata(f).map(|m| right(&m)).unwrap_or(false) {
            return Ok(());
        }
    }
    Err(trouble(
        f,
        FileProblem::NotShared {
            owner: owner_name(m.uid()),
            group: group_name(m.gid()),
            mode: m.mode() & 0o7777,
            shared_group: group_name(gid),
        },
    ))
}

/// Creates an empty database file: 0660 in a shared folder, 0600 otherwise, whatever the umask
/// (SQLite gives its `-wal` and `-shm` the same mode). Someone else creating it first is fine.
pub fn create_database(db: &Path) -> Result<(), FileTrouble> {
    let mode = if deployment(folder(db)) == Deployment::SharedGroup { 0o660 } else { 0o600 };
    match fs::OpenOptions::new().write(true).create_new(true).mode(mode).open(db) {
        Ok(_) => fs::set_permissions(db, fs::Permissions::from_mode(mode)).map_err(|e| explain(db, &e)),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(explain(db, &e)),
    }
}

/// Creates a folder (and those above it) for receipts, reports or backups.
pub fn make_dir(dir: &Path) -> Result<(), FileTrouble> {
    fs::create_dir_all(dir).map_err(|e| explain(dir, &e))
}

/// Writes a whole file, creating its folder first.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), FileTrouble> {
    make_dir(folder(path))?;
    fs::write(path, bytes).map_err(|e| explain(path, &e))
}

/// A new file of the desk (a backup) gets the group's access when its folder is shared.
pub fn share_new_file(path: &Path) {
    if deployment(folder(path)) == Deployment::SharedGroup {
        let _ = fs::set_permissions(path, fs::Permissions::from_mode(0o660));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_database_is_private_unless_its_folder_is_shared() {
        let t = tempfile::tempdir().unwrap();
        fs::set_permissions(t.path(), fs::Permissions::from_mode(0o700)).unwrap();
        let db = t.path().join("a.sqlite3");
        create_database(&db).unwrap();
        assert_eq!(fs::metadata(&db).unwrap().mode() & 0o777, 0o600);
        assert_eq!(deployment(t.path()), Deployment::ServiceAccount);
        let shared = t.path().join("shared");
        fs::create_dir(&shared).unwrap();
        fs::set_permissions(&shared, fs::Permissions::from_mode(0o2770)).unwrap();
        assert_eq!(deployment(&shared), Deployment::SharedGroup);
        let db = shared.join("b.sqlite3");
        create_database(&db).unwrap();
        assert_eq!(fs::metadata(&db).unwrap().mode() & 0o777, 0o660);
    }

    #[test]
    fn a_shared_folder_without_setgid_is_refused_with_its_group() {
        let t = tempfile::tempdir().unwrap();
        fs::set_permissions(t.path(), fs::Permissions::from_mode(0o770)).unwrap();
        let e = check_database(&t.path().join("x.sqlite3")).unwrap_err();
        assert!(matches!(e.problem, FileProblem::NotSetgid { .. }), "{e:?}");
        fs::set_permissions(t.path(), fs::Permissions::from_mode(0o2770)).unwrap();
        check_database(&t.path().join("x.sqlite3")).unwrap();
    }

    #[test]
    fn own_files_in_a_shared_folder_are_made_group_writable() {
        let t = tempfile::tempdir().unwrap();
        fs::set_permissions(t.path(), fs::Permissions::from_mode(0o2770)).unwrap();
        let db = t.path().join("x.sqlite3");
        fs::write(&db, b"").unwrap();
        fs::set_permissions(&db, fs::Permissions::from_mode(0o644)).unwrap();
        let [wal, _] = companions(&db);
        fs::write(&wal, b"").unwrap();
        fs::set_permissions(&wal, fs::Permissions::from_mode(0o600)).unwrap();
        check_database(&db).unwrap();
        assert_eq!(fs::metadata(&db).unwrap().mode() & 0o777, 0o664);
        assert_eq!(fs::metadata(&wal).unwrap().mode() & 0o777, 0o660);
    }

    #[test]
    fn a_refused_write_names_the_nearest_folder_with_owner_group_and_mode() {
        let t = tempfile::tempdir().unwrap();
        fs::set_permissions(t.path(), fs::Permissions::from_mode(0o2750)).unwrap();
        let denied = io::Error::from(io::ErrorKind::PermissionDenied);
        let e = explain(&t.path().join("receipts/20261120-0007-receipt.txt"), &denied);
        assert_eq!(e.path, t.path().display().to_string());
        let FileProblem::Denied { owner, mode, dir, .. } = e.problem else { panic!("{e:?}") };
        assert_eq!((owner, mode, dir), (owner_name(getuid().as_raw()), 0o2750, true));
        let other = explain(Path::new("/x"), &io::Error::other("disk full"));
        assert_eq!(other.problem, FileProblem::Other("disk full".into()));
    }
}
