//! The hall display's loop: follow the database, redraw when something changed, say new calls
//! aloud; or (`--http`) serve the same board to a TV's own browser.

mod announce;
mod follow;
mod http;
mod public;

pub use announce::{Announcer, SAY_TIMEOUT, command_for, default_command};
pub use follow::{Follower, HallSettings, NOTICES, QUIET, VOICE};
pub use http::serve;
pub use public::snapshot;

use super::terminal;
use crate::domain::announce::{Seen, fresh_calls, seen};
use crate::domain::lang::Lang;
use crate::storage::Clock;
use crate::ui::Theme;
use crate::ui::board::{self, Board, Hall, Voice};
use ratatui::crossterm::event::{self, Event, KeyCode, KeyModifiers};
use std::io;
use std::path::PathBuf;
use std::time::Duration;

/// How often the board looks at the database and redraws a flash.
pub const TICK: Duration = Duration::from_millis(250);

/// What the hall's voice is told by the config: the command, or None for silence.
#[derive(Debug, Clone)]
pub struct VoiceConfig {
    /// The command calls are said through.
    pub command: Option<String>,
}

/// The board's state between looks: what it shows and which calls it has announced.
pub struct Hallway {
    /// The database.
    pub follower: Follower,
    /// The voice, when there is a command.
    pub voice: Option<Announcer>,
    seen: Seen,
    lang: Lang,
}

impl Hallway {
    /// Opens the database; calls already made are not announced again after a restart.
    pub fn open(path: PathBuf, clock: Clock, lang: Lang, voice: Option<Announcer>) -> crate::storage::Result<Self> {
        let follower = Follower::open(path, clock)?;
        let seen = seen(&follower.view.tickets);
        Ok(Hallway { follower, voice, seen, lang })
    }

    /// Looks at the database; new calls go to the voice unless it is off or in quiet hours.
    /// True when something changed.
    pub fn poll(&mut self, now: chrono::NaiveDateTime) -> bool {
        if !self.follower.poll() {
            return false;
        }
        if self.follower.offline {
            return true;
        }
        let calls = fresh_calls(&self.seen, &self.follower.view.tickets);
        self.seen = seen(&self.follower.view.tickets);
        let s = &self.follower.settings;
        if let Some(v) = self.voice.as_ref().filter(|_| s.voice && !s.quiet.contains(now.time())) {
            for c in calls {
                v.say(c);
            }
        }
        true
    }

    /// What the board shows at `now`.
    pub fn board(&self, now: chrono::NaiveDateTime) -> (Board, Hall) {
        let s = &self.follower.settings;
        let voice = match &self.voice {
            _ if !s.voice => Voice::Off,
            None => Voice::Off,
            Some(_) if s.quiet.contains(now.time()) => Voice::Quiet,
            Some(a) => a.trouble().map_or(Voice::On, Voice::Failed),
        };
        let b = Board { view: self.follower.view.clone(), centre: s.centre.clone(), now, lang: self.lang };
        (b, Hall { notices: s.notices.clone(), offline: self.follower.offline, voice })
    }
}

/// Runs the board until q, Esc or Ctrl-C, a hang-up or SIGTERM (the terminal is restored on
/// each). It polls the database every 250 ms through `PRAGMA data_version`, so other sessions'
/// calls show within a second.
pub fn run(path: PathBuf, lang: Lang, theme: Theme, clock: Clock, voice: VoiceConfig) -> io::Result<()> {
    use tokio::signal::unix::{SignalKind, signal};
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let _guard = rt.enter();
    let announcer = voice.command.map(|c| Announcer::spawn(c, lang, SAY_TIMEOUT));
    let mut hall = Hallway::open(path, clock, lang, announcer).map_err(|e| io::Error::other(e.to_string()))?;
    let mut term = terminal::enter()?;
    let result = rt.block_on(async {
        let (mut hangup, mut terminate) = (signal(SignalKind::hangup())?, signal(SignalKind::terminate())?);
        let mut last = None;
        let mut dirty = true;
        loop {
            let now = clock.now().naive_local();
            hall.poll(now);
            let (b, h) = hall.board(now);
            // Redraw when anything on screen may differ: the queue, the minute, the notice
            // shown, the voice's state, or a flash running.
            let key = (
                now.format("%H:%M").to_string(),
                board::notice_now(&h.notices, now).map(str::to_string),
                h.clone(),
                b.view.clone(),
            );
            if Some(&key) != last.as_ref() || board::animating(&b.view, now) {
                dirty = true;
                last = Some(key);
            }
            if dirty {
                term.draw(|f| board::draw_hall(f, &b, &h, &theme))?;
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
                _ = tokio::time::sleep(TICK) => {}
                _ = hangup.recv() => return Ok(()),
                _ = terminate.recv() => return Ok(()),
            }
        }
    });
    terminal::leave();
    result
}
