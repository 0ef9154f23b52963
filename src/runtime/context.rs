//! What every part of the worker shares: who is asking, where files go, and the shape of an
//! answer. The area modules (cases, queue, rooms, members, admin) and the worker's loop all use
//! this module and none of them uses another, so there is no import circle among them.

use super::jobs::Job;
use crate::app::Msg;
use crate::domain::operator::{Operator, Permission};
use crate::export::receipt::Paper;
use crate::storage::{StorageError, Viewer};
use std::path::PathBuf;
use std::sync::Arc;

/// What the worker needs besides the database: who writes, and where receipts go.
#[derive(Debug, Clone)]
pub struct WorkerContext {
    /// The signed-in operator (writes are checked against the role here, not only in the UI).
    pub operator: Operator,
    /// Command receipts are piped to (`print_command` of the config).
    pub print_command: Option<String>,
    /// Folder receipts are saved in.
    pub receipts_dir: PathBuf,
    /// Receipt printer (48 columns) or A4 page.
    pub paper: Paper,
    /// Rewrites the service account's `authorized_keys` (service-account deployment only), so
    /// that retiring someone on the dashboard takes their keys out of the file too.
    pub keys_file: Option<KeysSync>,
    /// The login really at the keyboard when an admin acts as `operator` with `--as`: every
    /// audit row the session writes says so.
    pub acting: Option<String>,
    /// The session's clock (`--now` on a demo runs it from another hour).
    pub clock: crate::storage::Clock,
}

/// Writes the `authorized_keys` block for the keys now active.
pub type WriteKeys = dyn Fn(&[crate::domain::ssh_key::SshKey]) -> Result<(), String> + Send + Sync;

/// A shared [`WriteKeys`], carried by the worker's context.
#[derive(Clone)]
pub struct KeysSync(pub Arc<WriteKeys>);

impl std::fmt::Debug for KeysSync {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KeysSync")
    }
}

impl WorkerContext {
    /// The login that signs every audit row of this session.
    pub fn by(&self) -> &str {
        &self.operator.login
    }

    /// Who reads rooms and mediation cases: storage hides the parties from everyone else.
    pub fn viewer(&self) -> Viewer {
        Viewer {
            login: self.operator.login.clone(),
            supervisor: self.operator.role.may(Permission::Supervise),
            mediator: self.operator.role.may(Permission::Mediation),
        }
    }
}

/// What one effect answers: messages now, and perhaps a job (printing, writing files) that the
/// job thread finishes later so that the database thread never waits on a printer.
#[derive(Debug, Default)]
pub struct Answer {
    /// Messages for the app, in order.
    pub msgs: Vec<Msg>,
    /// Work left for the job thread; it answers with one message of its own.
    pub job: Option<Job>,
}

impl From<Vec<Msg>> for Answer {
    fn from(msgs: Vec<Msg>) -> Answer {
        Answer { msgs, job: None }
    }
}

impl From<Job> for Answer {
    fn from(job: Job) -> Answer {
        Answer { msgs: vec![], job: Some(job) }
    }
}

impl From<Msg> for Answer {
    fn from(m: Msg) -> Answer {
        Answer { msgs: vec![m], job: None }
    }
}

/// A failed read or write, as the one message the app expects.
pub fn failed(e: StorageError) -> Vec<Msg> {
    vec![Msg::DbFailed(e)]
}
