//! The service account's `authorized_keys`: the desk's block of forced-command lines, written
//! whole and swapped in atomically, so sshd never reads half a file and lines written by hand
//! outside the block survive every change.

use crate::domain::ssh_key::{SshKey, authorized_line, replace_block};
use crate::storage::files::{Deployment, deployment, folder};
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Where the keys go and what each key's forced command runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeysFile {
    /// The `authorized_keys` file.
    pub path: PathBuf,
    /// This program, by absolute path.
    pub exe: String,
    /// The database, by absolute path.
    pub db: String,
}

/// Why keys cannot be managed here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeysFileError {
    /// The database's folder is not the service account's own (0700, owned by this account).
    NotServiceAccount(PathBuf),
    /// No home directory for this account, and no `authorized_keys` in the config.
    NoHome,
}

impl KeysFile {
    /// For the database at `db`: only in the service-account deployment, where this account
    /// owns the data folder and nobody else may enter it. The file is `authorized_keys` from the
    /// config, else `~/.ssh/authorized_keys` of the account (from its password entry).
    pub fn for_database(db: &Path, configured: Option<&str>) -> Result<KeysFile, KeysFileError> {
        let dir = folder(db);
        let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        if deployment(&dir) != Deployment::ServiceAccount {
            return Err(KeysFileError::NotServiceAccount(dir));
        }
        let path = match configured {
            Some(p) => PathBuf::from(p),
            None => {
                let home = nix::unistd::User::from_uid(nix::unistd::getuid())
                    .ok()
                    .flatten()
                    .map(|u| u.dir)
                    .filter(|d| d.is_absolute())
                    .ok_or(KeysFileError::NoHome)?;
                home.join(".ssh").join("authorized_keys")
            }
        };
        let exe = std::env::current_exe().and_then(std::fs::canonicalize).map_err(|_| KeysFileError::NoHome)?;
        let file = db.file_name().map(PathBuf::from).unwrap_or_default();
        Ok(KeysFile { path, exe: exe.display().to_string(), db: dir.join(file).display().to_string() })
    }

    /// Replaces the desk's block with one line per key; the error says what went wrong.
    pub fn write(&self, keys: &[SshKey]) -> Result<(), String> {
        let lines = keys
            .iter()
            .map(|k| authorized_line(&self.exe, &self.db, k))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| e.to_string())?;
        let existing = match std::fs::read_to_string(&self.path) {
            Ok(s) => s,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(format!("{}: {e}", self.path.display())),
        };
        let text = replace_block(&existing, &lines).map_err(|e| format!("{}: {e}", self.path.display()))?;
        replace_atomically(&self.path, text.as_bytes()).map_err(|e| format!("{}: {e}", self.path.display()))
    }
}

/// Writes a temporary file beside `path` (0600), syncs it and renames it over `path`, then
/// syncs the folder: a reader sees the old file or the new one, never a mix. The folder is
/// created 0700 if missing, as sshd's StrictModes wants.
pub fn replace_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = folder(path);
    if !dir.exists() {
        std::fs::create_dir_all(dir)?;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("keys"),
        std::process::id()
    ));
    let result = (|| {
        let mut f = std::fs::OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        std::fs::File::open(dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ssh_key::{BEGIN, END, block_lines};

    fn key(id: i64, login: &str) -> SshKey {
        SshKey {
            id,
            login: login.into(),
            kind: "ssh-ed25519".into(),
            data: format!("AAAAkey{id}"),
            fingerprint: String::new(),
            comment: String::new(),
            added_at: String::new(),
            added_by: String::new(),
        }
    }

    #[test]
    fn the_block_is_swapped_in_and_hand_lines_survive() {
        let t = tempfile::tempdir().unwrap();
        let path = t.path().join("ssh/authorized_keys");
        let f = KeysFile { path: path.clone(), exe: "/usr/local/bin/yichuang".into(), db: "/srv/yc/yc.sqlite3".into() };
        f.write(&[key(1, "wangfang")]).unwrap();
        assert_eq!(std::fs::metadata(t.path().join("ssh")).unwrap().permissions().mode() & 0o777, 0o700);
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        let by_hand = format!("ssh-ed25519 AAAAit it@laptop\n{}", std::fs::read_to_string(&path).unwrap());
        std::fs::write(&path, format!("{by_hand}# a note after the block\n")).unwrap();
        f.write(&[key(1, "wangfang"), key(2, "chenjing")]).unwrap();
        let now = std::fs::read_to_string(&path).unwrap();
        assert!(now.starts_with("ssh-ed25519 AAAAit it@laptop\n"));
        assert!(now.ends_with(&format!("{END}\n# a note after the block\n")));
        assert_eq!(block_lines(&now).len(), 2);
        assert!(block_lines(&now)[1].ends_with("AAAAkey2 yichuang:chenjing#2"));
        // Nothing temporary is left beside it.
        let names: Vec<_> = std::fs::read_dir(t.path().join("ssh")).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("authorized_keys")]);
    }

    #[test]
    fn a_broken_block_leaves_the_file_as_it_was() {
        let t = tempfile::tempdir().unwrap();
        let path = t.path().join("authorized_keys");
        let broken = format!("ssh-rsa AAAAx a@b\n{BEGIN}\nhalf a block\n");
        std::fs::write(&path, &broken).unwrap();
        let f = KeysFile { path: path.clone(), exe: "/bin/yc".into(), db: "/d/yc.sqlite3".into() };
        let e = f.write(&[key(1, "a")]).unwrap_err();
        assert!(e.contains("broken"), "{e}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
    }
}
