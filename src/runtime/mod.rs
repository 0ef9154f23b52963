//! The only owner of tokio: input task, tick task, DB worker thread, change watcher, draw loop.

mod admin;
pub mod backend;
pub mod board;
mod cases;
mod context;
pub mod district;
pub mod jobs;
mod keys;
pub mod log;
mod members;
mod queue;
mod rank;
pub mod replica;
mod requests;
pub mod residents_file;
mod shared_file;

pub use cases::session_residents;
mod rooms;
pub mod terminal;
pub mod worker;

use crate::app::{self, App, Effect, Msg};
use crate::storage::Clock;
use crate::ui::{self, Theme};
use ratatui::crossterm::event;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::sync::mpsc;

pub use board::run as board;
pub use keys::chord;

/// How often the change watcher asks SQLite whether another connection committed.
pub const WATCH_INTERVAL: Duration = Duration::from_millis(250);

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The person quit.
    Quit,
    /// The terminal went away (SIGHUP): a dropped SSH connection, a closed window.
    HangUp,
    /// Someone stopped the program (SIGTERM, SIGINT).
    Terminated,
}

impl Ending {
    /// The word the audit trail records.
    pub fn as_str(self) -> &'static str {
        match self {
            Ending::Quit => "quit",
            Ending::HangUp => "hang-up",
            Ending::Terminated => "terminated",
        }
    }
}

/// Runs the TUI until the user quits, the terminal hangs up or the program is told to stop;
/// the terminal is restored on every path, then the clerk is signed out of their window.
pub fn run(app: App, db_path: PathBuf, theme: Theme, clock: Clock, ctx: worker::WorkerContext) -> io::Result<()> {
    log::init(&db_path);
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let (login, acting) = (ctx.operator.login.clone(), ctx.acting.clone());
    let mut term = terminal::enter()?;
    let result = rt.block_on(event_loop(&mut term, app, db_path.clone(), theme, clock, ctx));
    terminal::leave();
    rt.shutdown_timeout(Duration::from_millis(300));
    let (result, ending) = match result {
        Ok(ending) => (Ok(()), ending),
        Err(e) => (Err(e), Ending::Terminated),
    };
    end_session(&db_path, &login, acting, ending, clock);
    result
}

/// Signs `login` out of the window they hold, if any: a clerk who is gone must not stay
/// "signed in" on the dashboard and the board. A number left open stays open for a
/// supervisor to settle (`window free`).
pub fn end_session(db_path: &std::path::Path, login: &str, acting: Option<String>, ending: Ending, clock: Clock) {
    if let Ok(mut db) = crate::storage::Db::open_existing(db_path) {
        db.set_acting(acting);
        db.set_clock(clock);
        let _ = db.end_session(login, ending.as_str());
    }
}

async fn event_loop(
    term: &mut terminal::Term,
    mut app: App,
    db_path: PathBuf,
    theme: Theme,
    clock: Clock,
    ctx: worker::WorkerContext,
) -> io::Result<Ending> {
    use tokio::signal::unix::{SignalKind, signal};
    // Registered before anything is drawn: from here on a hang-up ends the loop cleanly
    // instead of killing the process with the terminal left raw.
    let (mut hangup, mut terminate, mut interrupt) =
        (signal(SignalKind::hangup())?, signal(SignalKind::terminate())?, signal(SignalKind::interrupt())?);
    let (tx, mut rx) = mpsc::unbounded_channel::<Msg>();
    let stop = Arc::new(AtomicBool::new(false));
    // Set on every way out, unwinding included, so the blocking input thread ends and the
    // runtime can shut down instead of waiting for it forever.
    let _stop_on_exit = StopOnDrop(stop.clone());

    input(tx.clone(), stop.clone());
    ticks(tx.clone(), clock);
    let db = worker::spawn(db_path.clone(), tx.clone(), ctx);
    let ranker = rank::Ranker::spawn(tx.clone());
    app.offloaded = true;
    worker::watch(db_path, tx.clone(), stop.clone(), WATCH_INTERVAL);

    let size = term.size()?;
    app.size = (size.width, size.height);
    app.now = clock.now().naive_local();
    // A worker gone before it answered anything shows as stopped, like one that dies later.
    let send = |db: &worker::Worker, e: Effect| {
        if !db.send(e) {
            let _ = tx.send(Msg::WorkerStopped);
        }
    };
    for e in app.start() {
        send(&db, e);
    }
    term.draw(|f| ui::draw(f, &app, &theme))?;
    app.dirty = false;
    // Debug builds only: lets the end-to-end tests prove that a panic of the UI thread restores
    // the terminal, and that one of another thread (`=thread`) leaves the desk drawing.
    #[cfg(debug_assertions)]
    match std::env::var("YICHUANG_TEST_PANIC").as_deref() {
        Ok("thread") => {
            let _ = std::thread::Builder::new()
                .name("test-panic".into())
                .spawn(|| panic!("test panic on another thread"))
                .map(|t| t.join());
        }
        Ok(_) => panic!("test panic after the first frame"),
        Err(_) => {}
    }

    let (mut ending, mut panicked) = (Ending::Quit, false);
    'outer: loop {
        let msg = tokio::select! {
            m = rx.recv() => match m {
                Some(m) => m,
                None => break,
            },
            _ = hangup.recv() => {
                ending = Ending::HangUp;
                break;
            }
            _ = terminate.recv() => {
                ending = Ending::Terminated;
                break;
            }
            _ = interrupt.recv() => {
                ending = Ending::Terminated;
                break;
            }
            // A panic on this thread inside a task (tokio catches it) restored the terminal
            // already: drawing on would scribble over the shell, so the session ends.
            _ = terminal::ui_panicked() => {
                panicked = true;
                break;
            }
        };
        let mut effects = app::update(&mut app, msg);
        // Drain what else arrived, then draw once: a fast typist costs one frame, not many.
        while let Ok(m) = rx.try_recv() {
            effects.extend(app::update(&mut app, m));
        }
        for e in effects {
            match e {
                Effect::Quit => break 'outer,
                Effect::Rank(job) => ranker.send(*job),
                other => send(&db, other),
            }
        }
        if app.dirty {
            term.draw(|f| ui::draw(f, &app, &theme))?;
            app.dirty = false;
        }
    }
    // Whatever ended the session, what was asked before it is saved before the process goes.
    db.stop();
    if panicked {
        return Err(io::Error::other("the interface panicked"));
    }
    Ok(ending)
}

/// Input: crossterm's blocking reader on a blocking thread, polling so it can stop.
fn input(tx: mpsc::UnboundedSender<Msg>, stop: Arc<AtomicBool>) {
    tokio::task::spawn_blocking(move || {
        while !stop.load(Ordering::Relaxed) {
            match event::poll(Duration::from_millis(100)) {
                Ok(true) => match event::read() {
                    Ok(ev) => {
                        if let Some(m) = keys::message(ev)
                            && tx.send(m).is_err()
                        {
                            break;
                        }
                    }
                    Err(_) => break,
                },
                Ok(false) => {}
                Err(_) => break,
            }
        }
    });
}

/// Clock: once a second, so the status line and toasts stay current.
fn ticks(tx: mpsc::UnboundedSender<Msg>, clock: Clock) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(1));
        loop {
            tick.tick().await;
            if tx.send(Msg::Tick(clock.now().naive_local())).is_err() {
                break;
            }
        }
    });
}

struct StopOnDrop(Arc<AtomicBool>);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}
