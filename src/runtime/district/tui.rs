//! The street view's loop: a task re-reads every centre's copy every 2 s (and the open
//! centre's dashboard), the UI thread draws and takes keys.

use super::{centre_dashboard, rows, sources};
use crate::app::street::{CentreDashboard, CentreRow, Street, centre_app};
use crate::domain::lang::Lang;
use crate::setup::district::District;
use crate::storage::Clock;
use crate::ui::Theme;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyModifiers};
use std::io;
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, watch};

/// How often every copy is read again.
pub const REFRESH: Duration = Duration::from_secs(2);

/// What the reader hands the screen.
enum Read {
    Rows(Vec<CentreRow>, Duration),
    Centre(usize, Box<Result<CentreDashboard, String>>),
}

/// Runs the street view until quit, Ctrl-C, a hang-up or SIGTERM; the terminal is restored on
/// each (and on a panic, by `terminal::enter`).
pub fn run(
    district: District,
    lang: Lang,
    theme: Theme,
    keymap: crate::keymap::Keymap,
    clock: Clock,
) -> io::Result<()> {
    use tokio::signal::unix::{SignalKind, signal};
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let _guard = rt.enter();
    // Stopped when the view ends, however it ends.
    let mut followers = super::Followers::default();
    let sources = sources(&district, lang, super::Reading::Follow(&mut followers));
    let mut street = Street::new(district.name.clone(), lang, keymap, district.stale_after, clock.now());
    let (opened_tx, opened_rx) = watch::channel::<Option<usize>>(None);
    let (tx, mut rx) = mpsc::channel::<Read>(4);
    // The reads run off the UI thread; a slow or broken copy delays only the next refresh.
    rt.spawn(async move {
        let mut opened_rx = opened_rx;
        loop {
            let s = sources.clone();
            let open = *opened_rx.borrow_and_update();
            let read = tokio::task::spawn_blocking(move || {
                let start = Instant::now();
                let r = rows(&s, clock, lang);
                let took = start.elapsed();
                let centre = open.map(|i| {
                    let d = match s.get(i).map(|(_, p)| p.clone()) {
                        Some(Ok(p)) => centre_dashboard(&p, clock, lang),
                        Some(Err(why)) => Err(why),
                        None => Err(String::new()),
                    };
                    (i, d)
                });
                (r, took, centre)
            })
            .await;
            let Ok((r, took, centre)) = read else { return };
            if tx.send(Read::Rows(r, took)).await.is_err() {
                return;
            }
            if let Some((i, d)) = centre
                && tx.send(Read::Centre(i, Box::new(d))).await.is_err()
            {
                return;
            }
            tokio::select! {
                _ = tokio::time::sleep(REFRESH) => {}
                // Enter or Esc: read now, not in up to 2 s.
                _ = opened_rx.changed() => {}
            }
        }
    });
    let mut term = crate::runtime::terminal::enter()?;
    let result = rt.block_on(async {
        let (mut hangup, mut terminate) = (signal(SignalKind::hangup())?, signal(SignalKind::terminate())?);
        let mut dirty = true;
        loop {
            while let Ok(m) = rx.try_recv() {
                match m {
                    Read::Rows(r, took) => street.rows_read(r, took, clock.now()),
                    Read::Centre(i, d) => match *d {
                        Ok(d) => {
                            let size = term.size().map(|s| (s.width, s.height.saturating_sub(1))).unwrap_or((80, 23));
                            let name = street.rows.get(i).map_or(String::new(), |r| r.name.clone());
                            let now = clock.now().naive_local();
                            let app =
                                centre_app(lang, street.keymap.clone(), &name, d, now, size, crate::i18n::describe);
                            street.centre_read(i, app);
                        }
                        Err(why) => {
                            if let Some(r) = street.rows.get_mut(i) {
                                r.figures = Err(why);
                            }
                            street.open = None;
                        }
                    },
                }
                dirty = true;
            }
            if dirty {
                term.draw(|f| crate::ui::screens::street::draw(f, &street, &theme))?;
                dirty = false;
            }
            while event::poll(Duration::ZERO)? {
                match event::read()? {
                    Event::Key(k) => {
                        if k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL) {
                            return Ok(());
                        }
                        if let Some(a) = crate::runtime::chord(k).and_then(|c| street.resolve(c)) {
                            street.act(a);
                            let _ = opened_tx.send(street.opened());
                            dirty = true;
                        }
                        if street.quit {
                            return Ok(());
                        }
                    }
                    Event::Resize(..) => dirty = true,
                    _ => {}
                }
            }
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_millis(50)) => {}
                _ = hangup.recv() => return Ok(()),
                _ = terminate.recv() => return Ok(()),
                _ = crate::runtime::terminal::ui_panicked() => return Ok(()),
            }
        }
    });
    crate::runtime::terminal::leave();
    rt.shutdown_background();
    result
}
