//! The hall's voice: one tokio task that says each call through the configured command, one
//! announcement after another (two calls at once are said in turn, never over each other).
//! A command that is missing, fails or hangs is reported on the board's status line and
//! never stops the board.

use super::super::jobs::{self, PrintError};
use crate::domain::announce::{self, Call};
use crate::domain::lang::Lang;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::mpsc::{UnboundedSender, unbounded_channel};

/// How long one saying may take before the command is killed (with what it started).
pub const SAY_TIMEOUT: Duration = Duration::from_secs(20);

/// The command used when the config names none: Debian's espeak-ng, reading standard input,
/// with the Mandarin voice (or English for an English board); None when it is not installed.
pub fn default_command(lang: Lang) -> Option<String> {
    let found =
        std::env::var_os("PATH").is_some_and(|p| std::env::split_paths(&p).any(|d| d.join("espeak-ng").is_file()));
    found.then(|| match lang {
        Lang::Zh => "espeak-ng -v cmn --stdin".to_string(),
        Lang::En => "espeak-ng -v en --stdin".to_string(),
    })
}

/// The command line for one text: `{text}` in the command is replaced by the text quoted for
/// the shell; the text also goes to standard input either way.
pub fn command_for(command: &str, text: &str) -> String {
    let quoted = format!("'{}'", text.replace('\'', r"'\''"));
    command.replace("{text}", &quoted)
}

/// The last trouble of the voice, shared with the board: None while it works.
pub type Trouble = Arc<Mutex<Option<String>>>;

/// The voice's queue: calls sent here are said in order by the task.
#[derive(Clone)]
pub struct Announcer {
    tx: UnboundedSender<Call>,
    /// The last failure, cleared by the next announcement that works.
    pub trouble: Trouble,
}

impl Announcer {
    /// Starts the task (on the current tokio runtime) speaking through `command` in `lang`.
    pub fn spawn(command: String, lang: Lang, timeout: Duration) -> Announcer {
        let (tx, mut rx) = unbounded_channel::<Call>();
        let trouble: Trouble = Arc::default();
        let shared = trouble.clone();
        tokio::spawn(async move {
            while let Some(call) = rx.recv().await {
                let text = announce::text(lang, &call.number, call.window);
                for _ in 0..announce::TIMES {
                    let cmd = command_for(&command, &text);
                    let t = text.clone();
                    // The command runs on a blocking thread; the task waits for it, so the next
                    // saying starts only when this one has ended.
                    let r = tokio::task::spawn_blocking(move || {
                        jobs::print(&format!("{t}\n"), &cmd, timeout, &AtomicBool::new(false))
                    })
                    .await;
                    let why = match r {
                        Ok(Ok(())) => None,
                        Ok(Err(PrintError::TimedOut)) => Some(format!("`{command}`: timed out")),
                        Ok(Err(PrintError::Failed(e))) => {
                            Some(crate::domain::text::sanitize(e.lines().next().unwrap_or("")))
                        }
                        Err(e) => Some(e.to_string()),
                    };
                    let failed = why.is_some();
                    if let Ok(mut t) = shared.lock() {
                        *t = why;
                    }
                    if failed {
                        break;
                    }
                }
            }
        });
        Announcer { tx, trouble }
    }

    /// Queues a call; false when the task is gone.
    pub fn say(&self, call: Call) -> bool {
        self.tx.send(call).is_ok()
    }

    /// The voice's last trouble.
    pub fn trouble(&self) -> Option<String> {
        self.trouble.lock().ok().and_then(|t| t.clone())
    }
}
