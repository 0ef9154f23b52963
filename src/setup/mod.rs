//! Between the command line and a signed-in session: paths, OS login, config file, the
//! first-run initialisation and the demo database; the deployment's files (authorized_keys)
//! and the terminal check.

pub mod authorized_keys;
pub mod district;
pub mod term;

use crate::domain::calendar::{CalendarError, CalendarFile};
use crate::domain::catalog::{Catalog, CatalogError};
use crate::domain::config::{Config, ConfigError};
use crate::domain::operator::{IdentityError, Operator, Role, sign_in};
use crate::keymap::{Keymap, KeymapError};
use crate::storage::{Db, StorageError};
use std::path::{Path, PathBuf};

/// The catalog shipped with the program.
pub const CATALOG: &str = include_str!("../../fixtures/service_items.toml");
/// The holiday calendar shipped with the program.
pub const HOLIDAYS: &str = include_str!("../../fixtures/holidays.toml");

/// Anything that stops a command before it starts.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    /// Database trouble.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// Bad config file.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// Bad keymap file or name.
    #[error(transparent)]
    Keymap(#[from] KeymapError),
    /// Unknown keymap name.
    #[error("unknown keymap {0}")]
    UnknownKeymap(String),
    /// Bad catalog file.
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    /// Bad calendar file.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    /// Cannot sign in.
    #[error(transparent)]
    Identity(#[from] IdentityError),
    /// A file could not be read.
    #[error("cannot read {path}: {message}")]
    Read { path: PathBuf, message: String },
    /// No place for data: neither XDG_DATA_HOME nor HOME is set.
    #[error("no data directory")]
    NoDataDir,
    /// `--demo` would overwrite a database that is not a demo.
    #[error("{0} is not a demo database")]
    NotDemo(PathBuf),
}

/// The login running the program: the password entry of the process's real uid. `USER` and
/// `LOGNAME` are never read: anyone can set them.
pub fn os_login() -> Result<String, SetupError> {
    use nix::unistd::{User, getuid};
    match User::from_uid(getuid()) {
        Ok(Some(u)) if !u.name.is_empty() => Ok(u.name),
        _ => Err(SetupError::Identity(IdentityError::NoLogin)),
    }
}

fn env_dir(var: &str, home_rel: &str) -> Option<PathBuf> {
    match std::env::var_os(var) {
        Some(v) if !v.is_empty() => Some(PathBuf::from(v)),
        _ => std::env::var_os("HOME").filter(|h| !h.is_empty()).map(|h| PathBuf::from(h).join(home_rel)),
    }
}

/// `$XDG_DATA_HOME/yichuang` (or `~/.local/share/yichuang`).
pub fn data_dir() -> Option<PathBuf> {
    env_dir("XDG_DATA_HOME", ".local/share").map(|d| d.join("yichuang"))
}

/// `$XDG_CONFIG_HOME/yichuang` (or `~/.config/yichuang`).
pub fn config_dir() -> Option<PathBuf> {
    env_dir("XDG_CONFIG_HOME", ".config").map(|d| d.join("yichuang"))
}

/// Reads `config.toml` if there is one.
pub fn load_config() -> Result<Config, SetupError> {
    let Some(path) = config_dir().map(|d| d.join("config.toml")) else {
        return Ok(Config::default());
    };
    if !path.exists() {
        return Ok(Config::default());
    }
    let src = read(&path)?;
    Ok(Config::parse(&path.display().to_string(), &src)?)
}

/// Reads a text file, with a clear error naming it.
pub fn read(path: &Path) -> Result<String, SetupError> {
    std::fs::read_to_string(path).map_err(|e| SetupError::Read { path: path.to_path_buf(), message: e.to_string() })
}

/// The database path: `--db`, else `YICHUANG_DB`, else the config file, else the data
/// directory (created when it is the default place).
pub fn db_path(flag: Option<&Path>, config: &Config) -> Result<PathBuf, SetupError> {
    if let Some(p) = flag {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os("YICHUANG_DB").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    if let Some(p) = &config.db {
        return Ok(PathBuf::from(p));
    }
    let dir = data_dir().ok_or(SetupError::NoDataDir)?;
    create_dir(&dir)?;
    Ok(dir.join("yichuang.sqlite3"))
}

fn create_dir(dir: &Path) -> Result<(), SetupError> {
    std::fs::create_dir_all(dir).map_err(|e| match e.kind() {
        std::io::ErrorKind::PermissionDenied => SetupError::Storage(StorageError::ReadOnly(dir.to_path_buf())),
        _ => SetupError::Storage(StorageError::MissingDir(dir.to_path_buf())),
    })
}

/// Opens the database, creating and seeding it (catalog, calendar, `login` as admin) when
/// it has no operators yet. Returns whether it was initialised now.
pub fn open_or_init(path: &Path, login: &str) -> Result<(Db, bool), SetupError> {
    let mut db = Db::open(path)?;
    if !db.operators()?.is_empty() {
        return Ok((db, false));
    }
    let catalog = Catalog::parse("fixtures/service_items.toml", CATALOG)?;
    let calendar = CalendarFile::parse("fixtures/holidays.toml", HOLIDAYS)?;
    db.add_operator(login, login, login, Role::Admin, None)?;
    db.import_catalog(login, "fixtures/service_items.toml", &catalog)?;
    db.import_calendar(login, "fixtures/holidays.toml", &calendar, false)?;
    // Three general windows to start with; a supervisor assigns categories to each later.
    let all: Vec<String> = catalog.categories.iter().map(|c| c.code.clone()).collect();
    if db.windows()?.is_empty() {
        for n in 1..=3 {
            db.set_window(login, n, "综合窗口", &all)?;
        }
    }
    Ok((db, true))
}

/// The people of the demo centre, with their logins, roles and windows.
pub const DEMO_STAFF: &[(&str, &str, Role, Option<u16>)] = &[
    ("wangfang", "王芳", Role::Clerk, Some(1)),
    ("liqiang", "李强", Role::Clerk, Some(2)),
    ("zhouli", "周丽", Role::Clerk, Some(3)),
    ("zhangmin", "张敏", Role::Mediator, None),
    ("zhaolei", "赵磊", Role::MemberDesk, None),
    ("chenjing", "陈静", Role::Supervisor, None),
];

/// The demo database's path: `--db` if given, else `demo.sqlite3` in the data directory.
pub fn demo_path(flag: Option<&Path>) -> Result<PathBuf, SetupError> {
    demo_path_named(flag, "demo.sqlite3")
}

/// `--db` if given, else `file` in the data directory (the demo's and the generator's).
pub fn demo_path_named(flag: Option<&Path>, file: &str) -> Result<PathBuf, SetupError> {
    match flag {
        Some(p) => Ok(p.to_path_buf()),
        None => {
            let dir = data_dir().ok_or(SetupError::NoDataDir)?;
            create_dir(&dir)?;
            Ok(dir.join(file))
        }
    }
}

/// Who is signed in: the OS login, or `--as` where allowed.
pub fn identify(db: &Db, os: &str, as_login: Option<&str>) -> Result<Operator, SetupError> {
    let me = db.operator(os)?;
    let target = match as_login {
        Some(l) => Some((l, db.operator(l)?)),
        None => None,
    };
    Ok(sign_in(me, os, target, db.is_demo()?)?)
}

/// The keymap: a built-in by name, or the default with a file over it; then the user's
/// `keymap.toml`, if present, key by key over that.
pub fn keymap(spec: Option<&str>) -> Result<Keymap, SetupError> {
    let spec = spec.unwrap_or("default");
    let mut k = match Keymap::builtin(spec) {
        Some(k) => k,
        None if spec.contains('/') || spec.ends_with(".toml") => {
            let mut k = Keymap::builtin("default").ok_or_else(|| SetupError::UnknownKeymap("default".into()))?;
            let path = Path::new(spec);
            k.merge(&path.display().to_string(), &read(path)?)?;
            k
        }
        None => return Err(SetupError::UnknownKeymap(spec.to_string())),
    };
    if let Some(user) = config_dir().map(|d| d.join("keymap.toml")).filter(|p| p.exists()) {
        k.merge(&user.display().to_string(), &read(&user)?)?;
    }
    Ok(k)
}
