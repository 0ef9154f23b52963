//! Entering and leaving the full-screen terminal, on every path including panics.

use ratatui::Terminal;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use std::io::{self, Stdout, stdout};

/// The terminal type the program draws on.
pub type Term = Terminal<super::backend::CjkBackend<Stdout>>;

/// Switches to raw mode, the alternate screen and bracketed paste, and makes sure a panic
/// puts the terminal back before its message is printed.
pub fn enter() -> io::Result<Term> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave();
        previous(info);
    }));
    enable_raw_mode()?;
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
    let _ = execute!(stdout(), DisableBracketedPaste, LeaveAlternateScreen, ratatui::crossterm::cursor::Show);
    let _ = disable_raw_mode();
}
