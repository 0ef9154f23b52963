//! `replicate config|run`, `restore` and `check`'s replica section: Litestream set up, run,
//! restored from and watched.

use super::out::out;
use super::{Failure, ReplicateCommand};
use crate::domain::lang::Lang;
use crate::domain::operator::Operator;
use crate::i18n::words::replica::{self as words, W};
use crate::model::replica::{ReplicaTrouble, STALE_SECONDS};
use crate::runtime::replica::{self as replica, Target};
use crate::storage::Db;
use std::path::{Path, PathBuf};

/// The setting that remembers the Litestream configuration `replicate config --out` wrote.
pub const REPLICA_CONFIG_KEY: &str = "replica.config";

/// `replicate config` and `replicate run`.
pub(super) fn replicate(
    db: &mut Db,
    lang: Lang,
    me: &Operator,
    path: &Path,
    cmd: &ReplicateCommand,
) -> Result<(), Failure> {
    match cmd {
        ReplicateCommand::Config { centre, to, endpoint, out } => {
            config(db, lang, me, path, centre, to, endpoint.as_deref(), out.as_deref())
        }
        ReplicateCommand::Run { centre, config } => {
            let config = match config {
                Some(c) => c.clone(),
                None => db
                    .setting(REPLICA_CONFIG_KEY)?
                    .map(PathBuf::from)
                    .ok_or_else(|| Failure::Replica(ReplicaTrouble::BadConfig(REPLICA_CONFIG_KEY.to_string())))?,
            };
            replica::read_config(&config).map_err(Failure::Replica)?;
            let db = std::mem::replace(db, Db::open_existing(path)?);
            match replica::run(db, centre, &config).map_err(Failure::Replica)? {
                0 => Ok(()),
                // Litestream has said why on stderr; systemd restarts it on this code.
                code => Err(Failure::Told(Box::new(Failure::Exit(code)))),
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn config(
    db: &mut Db,
    lang: Lang,
    me: &Operator,
    path: &Path,
    centre: &str,
    to: &str,
    endpoint: Option<&str>,
    out_dir: Option<&Path>,
) -> Result<(), Failure> {
    let target = Target::parse(to, endpoint).map_err(Failure::Replica)?;
    let live = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let exe = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("/usr/local/bin/yichuang"));
    let Some(dir) = out_dir else {
        let config = PathBuf::from("/etc/yichuang/litestream.yml");
        let env = PathBuf::from("/etc/yichuang/replica.env");
        out!("# litestream.yml\n{}", replica::config_yaml(&live, &target));
        out!("# yichuang-replica.service\n{}", replica::systemd_unit(centre, &exe, &live, &config, &env, &me.login));
        return Ok(());
    };
    let dir = dir.canonicalize().map_err(|e| Failure::File(crate::storage::files::explain(dir, &e)))?;
    let (config, unit, env) = (
        dir.join("litestream").with_extension("yml"),
        dir.join("yichuang-replica.service"),
        dir.join("replica").with_extension("env"),
    );
    let write = |p: &Path, text: String| {
        std::fs::write(p, text).map_err(|e| Failure::File(crate::storage::files::explain(p, &e)))
    };
    write(&config, replica::config_yaml(&live, &target))?;
    write(&unit, replica::systemd_unit(centre, &exe, &live, &config, &env, &me.login))?;
    db.set_setting(&me.login, REPLICA_CONFIG_KEY, &config.display().to_string())?;
    out!(
        "{}",
        crate::i18n::fill(words::say(lang, W::ConfigWritten), &[&config.display(), &unit.display(), &env.display()])
    );
    Ok(())
}

/// `restore`: the replica into a new file, checked.
pub(super) fn restore(
    lang: Lang,
    from: &str,
    endpoint: Option<&str>,
    at: Option<&str>,
    to: &Path,
) -> Result<(), Failure> {
    let target = Target::parse(from, endpoint).map_err(Failure::Replica)?;
    let when = at.map(replica::parse_at).transpose().map_err(Failure::Replica)?;
    replica::restore(&target, when, to).map_err(Failure::Replica)?;
    out!("{}", words::restored(lang, &target.shown(), to, at));
    // A restore nobody has checked is a hope, not a restore.
    let copy = Db::open_existing(to)?;
    super::backup::sound(&copy, lang, to, vec![])
}

/// Checks the database's integrity and schema and says what it found.
/// With a replica configured for this file, also whether it is running and how far behind.
pub(super) fn check(db: &Db, lang: Lang, path: &Path, replica_config: Option<&Path>) -> Result<(), Failure> {
    let (lines, problems) = check_section(db, lang, path, replica_config)?;
    super::backup::sound(db, lang, path, problems)?;
    for l in lines {
        out!("{l}");
    }
    Ok(())
}

/// `check`'s replica section: lines to print and problems found; nothing when no replica is
/// configured for this very file.
pub(super) fn check_section(
    db: &Db,
    lang: Lang,
    path: &Path,
    flag: Option<&Path>,
) -> Result<(Vec<String>, Vec<String>), Failure> {
    let config = match flag {
        Some(f) => f.to_path_buf(),
        None => match db.setting(REPLICA_CONFIG_KEY)? {
            Some(c) => PathBuf::from(c),
            None => return Ok((vec![], vec![])),
        },
    };
    let same = |a: &Path, b: &Path| a.canonicalize().ok().zip(b.canonicalize().ok()).is_some_and(|(a, b)| a == b);
    let (named, target) = match replica::read_config(&config) {
        Ok(c) => c,
        Err(t) => return Ok((vec![], vec![words::trouble(lang, &t)])),
    };
    // A restored copy carries the setting of the file it came from: that replica is not its own.
    if flag.is_none() && !same(&named, path) {
        return Ok((vec![], vec![]));
    }
    let now = db.clock().now();
    let beat = db.replica_heartbeat()?;
    let age = beat.as_ref().map(|b| (now - b.at.with_timezone(&now.timezone())).num_seconds());
    let mut problems = Vec::new();
    if age.is_none_or(|a| a > STALE_SECONDS) {
        problems.push(words::check_stale(lang, age));
    }
    match replica::lag(&config, path, &target) {
        Ok(lag) if problems.is_empty() => {
            let centre = beat.map(|b| b.centre).unwrap_or_default();
            Ok((vec![words::check_running(lang, &centre, age.unwrap_or(0), &lag)], problems))
        }
        Ok(_) => Ok((vec![], problems)),
        Err(t) => {
            problems.push(words::trouble(lang, &t));
            Ok((vec![], problems))
        }
    }
}
