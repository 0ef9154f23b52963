//! The hall display's loop: follow the database, redraw when something changed.

use super::terminal;
use crate::domain::lang::Lang;
use crate::storage::{Clock, Db};
use crate::ui::Theme;
use crate::ui::board::{self, Board};
use ratatui::crossterm::event::{self, Event, KeyCode, KeyModifiers};
use std::io;
use std::path::PathBuf;
use std::time::Duration;

/// Runs the board until q, Esc or Ctrl-C, a hang-up or SIGTERM (the terminal is restored on
/// each). It polls the database every 250 ms through `PRAGMA data_version`, so other sessions'
/// calls show within a second.
pub fn run(path: PathBuf, lang: Lang, theme: Theme, clock: Clock) -> io::Result<()> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut db = Db::open_existing(&path).map_err(|e| io::Error::other(e.to_string()))?;
    // The queue's "today" is the session's, `--now` included.
    db.set_clock(clock);
    let centre = db.setting("centre_name").ok().flatten().unwrap_or_else(|| "社区党群服务中心".to_string());
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let mut term = terminal::enter()?;
    let result = rt.block_on(async {
        let (mut hangup, mut terminate) = (signal(SignalKind::hangup())?, signal(SignalKind::terminate())?);
        let mut last_version = None;
        let mut last_minute = String::new();
        let mut state = Board { centre, lang, ..Default::default() };
        let mut dirty = true;
        loop {
            let version = db.data_version().ok();
            let now = clock.now().naive_local();
            let minute = now.format("%H:%M").to_string();
            if version != last_version || minute != last_minute {
                last_version = version;
                last_minute = minute;
                if let Ok(v) = db.queue_view() {
                    state.view = v;
                }
                state.now = now;
                dirty = true;
            }
            if dirty {
                term.draw(|f| board::draw(f, &state, &theme))?;
                dirty = false;
            }
            while event::poll(Duration::ZERO)? {
                match event::read()? {
                    Event::Key(k) => {
                        let ctrl_c = k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL);
                        if ctrl_c || matches!(k.code, KeyCode::Char('q') | KeyCode::Esc) {
                            return Ok(());
                        }
                    }
                    Event::Resize(..) => dirty = true,
                    _ => {}
                }
            }
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_millis(250)) => {}
                _ = hangup.recv() => return Ok(()),
                _ = terminate.recv() => return Ok(()),
            }
        }
    });
    terminal::leave();
    result
}
