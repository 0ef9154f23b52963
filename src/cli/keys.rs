//! `yichuang keys`: the SSH keys of the service account, kept in the database and written into
//! the account's `authorized_keys` in the same transaction.

use super::out::out;
use super::{Failure, args::KeysCommand};
use crate::domain::config::Config;
use crate::domain::lang::Lang;
use crate::domain::operator::Operator;
use crate::domain::ssh_key::{PublicKey, SshKey};
use crate::i18n::deploy::{self as say, Deploy};
use crate::setup::authorized_keys::{KeysFile, KeysFileError};
use crate::storage::{Db, KeyOpError};
use std::io::Read;
use std::path::Path;

/// The longest key file read: an RSA-16384 public key is under 3 KB.
const MAX_KEY_BYTES: u64 = 16 * 1024;

/// The service account's keys file for this database, or why keys cannot be managed here.
pub(super) fn keys_file(db: &Path, config: &Config) -> Result<KeysFile, Failure> {
    KeysFile::for_database(db, config.authorized_keys.as_deref()).map_err(|e| {
        Failure::Deploy(match e {
            KeysFileError::NotServiceAccount(dir) => Deploy::KeysNeedServiceAccount(dir.display().to_string()),
            KeysFileError::NoHome => Deploy::KeysNoHome,
        })
    })
}

fn op(e: KeyOpError) -> Failure {
    Failure::Deploy(Deploy::KeyOp(e))
}

/// Runs a `keys` subcommand (admins; the permission table checked that).
pub(super) fn run(db: &mut Db, config: &Config, lang: Lang, me: &Operator, cmd: &KeysCommand) -> Result<(), Failure> {
    if let KeysCommand::List { json } = cmd {
        return list(db, lang, *json);
    }
    let file = keys_file(db.path(), config)?;
    let sync = |keys: &[SshKey]| file.write(keys);
    match cmd {
        KeysCommand::Add { login, file: from } => {
            let text = read_key(from)?;
            let key = PublicKey::parse(&text).map_err(|e| Failure::Deploy(Deploy::Key(e)))?;
            let added = db.add_key(&me.login, login, &key, &sync).map_err(op)?;
            out!("{}", say::key_added(lang, &added, &file.path));
        }
        KeysCommand::Revoke { login } => {
            let n = db.revoke_keys(&me.login, login, &sync).map_err(op)?;
            out!("{}", say::keys_revoked(lang, login, n));
        }
        KeysCommand::Sync => {
            let n = db.sync_keys(&me.login, &sync).map_err(op)?;
            out!("{}", say::keys_synced(lang, n, &file.path));
        }
        KeysCommand::List { .. } => {}
    }
    Ok(())
}

/// After an operator was retired: their keys are revoked in the database already; take their
/// lines out of the file too. Outside the service account there is no file to mend.
pub(super) fn after_retire(db: &mut Db, config: &Config, lang: Lang, me: &Operator) {
    let Ok(file) = keys_file(db.path(), config) else { return };
    if let Err(e) = db.sync_keys(&me.login, &|keys| file.write(keys)) {
        eprintln!("{}", say::key_op_error(lang, &e));
    }
}

fn read_key(from: &str) -> Result<String, Failure> {
    let mut text = String::new();
    let read = if from == "-" {
        std::io::stdin().take(MAX_KEY_BYTES).read_to_string(&mut text)
    } else {
        std::fs::File::open(from).and_then(|f| f.take(MAX_KEY_BYTES).read_to_string(&mut text))
    };
    read.map_err(|e| {
        Failure::Refused(crate::i18n::cli::Refusal::Read {
            path: crate::domain::text::sanitize(from),
            message: e.to_string(),
        })
    })?;
    Ok(text)
}

#[derive(serde::Serialize)]
struct KeyJson<'a> {
    #[serde(flatten)]
    key: &'a SshKey,
    name: String,
}

fn list(db: &Db, lang: Lang, json: bool) -> Result<(), Failure> {
    let keys = db.ssh_keys()?;
    let ops = db.operators()?;
    let name = |l: &str| ops.iter().find(|o| o.login == l).map(|o| o.name.clone()).unwrap_or_default();
    if json {
        let rows: Vec<KeyJson> = keys.iter().map(|k| KeyJson { key: k, name: name(&k.login) }).collect();
        out!("{}", serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into()));
        return Ok(());
    }
    if keys.is_empty() {
        eprintln!("{}", say::no_keys(lang));
    }
    for k in &keys {
        out!("{}", say::key_row(lang, k, &name(&k.login)));
    }
    Ok(())
}
