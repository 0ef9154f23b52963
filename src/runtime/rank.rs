//! The ranking thread: search fields' queries ranked on snapshots of their index, so a
//! keystroke never waits on a ranking (nor on the database worker, nor the reactor thread).

use crate::app::Msg;
use crate::app::ranking::RankJob;
use std::sync::mpsc as std_mpsc;
use tokio::sync::mpsc::UnboundedSender;

/// A handle to send jobs to the ranking thread.
pub struct Ranker {
    tx: Option<std_mpsc::Sender<RankJob>>,
    out: UnboundedSender<Msg>,
}

impl Ranker {
    /// Starts the thread; answers arrive as `Msg::Ranked` on `out`.
    pub fn spawn(out: UnboundedSender<Msg>) -> Ranker {
        let (tx, rx) = std_mpsc::channel::<RankJob>();
        let answers = out.clone();
        let started = std::thread::Builder::new().name("yichuang-rank".into()).spawn(move || {
            // The app holds at most one job per field: each is the newest of its field.
            while let Ok(job) = rx.recv() {
                if answers.send(Msg::Ranked(Box::new(job.run()))).is_err() {
                    break;
                }
            }
        });
        Ranker { tx: started.ok().map(|_| tx), out }
    }

    /// Queues a job. Should the thread be gone, it is ranked here: a field waiting for an
    /// answer that never comes would stop following what is typed.
    pub fn send(&self, job: RankJob) {
        let job = match &self.tx {
            Some(tx) => match tx.send(job) {
                Ok(()) => return,
                Err(e) => e.0,
            },
            None => job,
        };
        tracing::error!("ranking thread gone; ranking on the UI thread");
        let _ = self.out.send(Msg::Ranked(Box::new(job.run())));
    }
}
