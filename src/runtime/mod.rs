//! The only owner of tokio: input task, tick task, DB worker thread, change watcher, draw loop.

pub mod backend;
mod board;
mod keys;
pub mod members;
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

/// Runs the TUI until the user quits; the terminal is restored on every path.
pub fn run(app: App, db_path: PathBuf, theme: Theme, clock: Clock, ctx: worker::WorkerContext) -> io::Result<()> {
    let rt = tokio::runtime::Builder::new_current_thread().enable_time().build()?;
    let mut term = terminal::enter()?;
    let result = rt.block_on(event_loop(&mut term, app, db_path, theme, clock, ctx));
    terminal::leave();
    rt.shutdown_timeout(Duration::from_millis(300));
    result
}

async fn event_loop(
    term: &mut terminal::Term,
    mut app: App,
    db_path: PathBuf,
    theme: Theme,
    clock: Clock,
    ctx: worker::WorkerContext,
) -> io::Result<()> {
    let (tx, mut rx) = mpsc::unbounded_channel::<Msg>();
    let stop = Arc::new(AtomicBool::new(false));
    // Set on every way out, unwinding included, so the blocking input thread ends and the
    // runtime can shut down instead of waiting for it forever.
    let _stop_on_exit = StopOnDrop(stop.clone());

    // Input: crossterm's blocking reader on a blocking thread, polling so it can stop.
    {
        let (tx, stop) = (tx.clone(), stop.clone());
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
    // Clock: once a second, so the status line and toasts stay current.
    {
        let tx = tx.clone();
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
    let db = worker::spawn(db_path.clone(), tx.clone(), ctx);
    worker::watch(db_path, tx.clone(), stop.clone(), WATCH_INTERVAL);

    let size = term.size()?;
    app.size = (size.width, size.height);
    app.now = clock.now().naive_local();
    for e in app.start() {
        db.send(e);
    }
    term.draw(|f| ui::draw(f, &app, &theme))?;
    app.dirty = false;
    // Debug builds only: lets the end-to-end tests prove that a panic restores the terminal.
    #[cfg(debug_assertions)]
    if std::env::var_os("YICHUANG_TEST_PANIC").is_some() {
        panic!("test panic after the first frame");
    }

    let mut result = Ok(());
    'outer: while let Some(msg) = rx.recv().await {
        let mut effects = app::update(&mut app, msg);
        // Drain what else arrived, then draw once: a fast typist costs one frame, not many.
        while let Ok(m) = rx.try_recv() {
            effects.extend(app::update(&mut app, m));
        }
        for e in effects {
            match e {
                Effect::Quit => break 'outer,
                other => db.send(other),
            }
        }
        if app.dirty {
            if let Err(e) = term.draw(|f| ui::draw(f, &app, &theme)) {
                result = Err(e);
                break;
            }
            app.dirty = false;
        }
    }
    result
}

struct StopOnDrop(Arc<AtomicBool>);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}
