//! Entering and leaving the full-screen terminal, on every path including panics.

use ratatui::Terminal;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use std::io::{self, Stdout, stdout};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::ThreadId;
use tokio::sync::Notify;

/// The terminal type the program draws on.
pub type Term = Terminal<super::backend::CjkBackend<Stdout>>;

/// The thread that draws: only its panic restores the terminal.
static UI_THREAD: OnceLock<ThreadId> = OnceLock::new();

/// Woken when the UI thread panicked and the terminal was restored: a panic inside a task is
/// caught by tokio and the loop would otherwise go on drawing over the shell.
static UI_PANICKED: Notify = Notify::const_new();

/// The full screen is up: panics of other threads must not print over it.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Completes once the UI thread has panicked: the event loop then ends the session.
pub async fn ui_panicked() {
    UI_PANICKED.notified().await
}

/// Switches to raw mode, the alternate screen and bracketed paste, and makes sure a panic
/// of the UI thread (the caller) puts the terminal back before its message is printed.
/// A panic on another thread (the worker, a search thread whose panic is tolerated) leaves
/// the screen to the desk and goes to the log instead of over the screen.
pub fn enter() -> io::Result<Term> {
    let ui = *UI_THREAD.get_or_init(|| std::thread::current().id());
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        super::log::panicked(info);
        if std::thread::current().id() == ui {
            leave();
            // A permit is kept if the loop is not waiting yet.
            UI_PANICKED.notify_one();
            previous(info);
        } else if !ACTIVE.load(Ordering::Relaxed) {
            previous(info);
        }
    }));
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::Relaxed);
    // `Terminal::clear` would ask the terminal where its cursor is, which costs a round trip
    // on a slow SSH link (and hangs on terminals that never answer): clear directly instead.
    let clear = ratatui::crossterm::terminal::Clear(ratatui::crossterm::terminal::ClearType::All);
    if let Err(e) = execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste, clear) {
        leave();
        return Err(e);
    }
    Terminal::new(super::backend::CjkBackend::new(stdout()))
}

/// Restores the terminal; safe to call more than once.
pub fn leave() {
    ACTIVE.store(false, Ordering::Relaxed);
    let _ = execute!(stdout(), DisableBracketedPaste, LeaveAlternateScreen, ratatui::crossterm::cursor::Show);
    let _ = disable_raw_mode();
}
