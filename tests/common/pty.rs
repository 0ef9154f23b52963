//! The real binary in a pseudo-terminal: spawning it in a sealed environment, reading what it
//! writes, typing, waiting for the screen, waiting for it to exit.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A program running on its own pty.
pub struct Pty {
    rx: mpsc::Receiver<Vec<u8>>,
    writer: Box<dyn Write + Send>,
    /// The process.
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
}

/// The environment of every run: config and data directories inside `home`, a colour
/// terminal, and nothing of the caller's database, colour or locale settings. The operator is
/// the login running the tests (the kernel's, as always); others are acted as with `--as`.
pub fn isolate(cmd: &mut CommandBuilder, home: &Path) {
    cmd.env("HOME", home);
    cmd.env("XDG_CONFIG_HOME", home.join("config"));
    cmd.env("XDG_DATA_HOME", home.join("data"));
    cmd.env("TERM", "xterm-256color");
    for var in ["YICHUANG_DB", "NO_COLOR", "LANG", "LC_ALL"] {
        cmd.env_remove(var);
    }
}

impl Pty {
    /// Starts `cmd` on a new `rows`×`cols` pty; a thread forwards its output.
    pub fn start(cmd: CommandBuilder, rows: u16, cols: u16) -> Pty {
        let pair = native_pty_system().openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).unwrap();
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        // Keep the master alive as long as the program: dropping it hangs up the child.
        std::mem::forget(pair.master);
        Pty { rx, writer, child }
    }

    /// What the program wrote within `wait` (empty if nothing).
    pub fn read(&mut self, wait: Duration) -> Vec<Vec<u8>> {
        let Ok(first) = self.rx.recv_timeout(wait) else { return Vec::new() };
        std::iter::once(first).chain(self.rx.try_iter()).collect()
    }
}

/// A test's view of a program on a pty: how it takes the program's output and shows its
/// screen; the waiting and typing are the same for every test.
pub trait Driven {
    /// The program.
    fn pty(&mut self) -> &mut Pty;
    /// Takes output (into an emulator, a byte count …).
    fn take(&mut self, bytes: &[u8]);
    /// The emulated screen's text.
    fn screen(&self) -> String;

    /// Takes what arrives within `wait`; true if anything did.
    fn pump(&mut self, wait: Duration) -> bool {
        let chunks = self.pty().read(wait);
        for c in &chunks {
            self.take(c);
        }
        !chunks.is_empty()
    }

    /// Waits until `done` holds for the screen, polling every `every`; fails after 60 s
    /// with what the screen shows. Returns the moment it first held.
    fn wait_until(&mut self, what: &str, every: Duration, done: impl Fn(&str) -> bool) -> Instant {
        let end = Instant::now() + Duration::from_secs(60);
        loop {
            if done(&self.screen()) {
                return Instant::now();
            }
            assert!(Instant::now() < end, "{what}; screen:\n{}", self.screen());
            self.pump(every);
        }
    }

    /// Waits until the screen shows `text`, or fails with what it does show.
    fn wait_for(&mut self, text: &str) -> Instant {
        self.wait_until(&format!("“{text}” never appeared"), Duration::from_millis(50), |s| s.contains(text))
    }

    /// Waits until the screen no longer shows `text`.
    fn wait_gone(&mut self, text: &str) {
        self.wait_until(&format!("“{text}” never went away"), Duration::from_millis(50), |s| !s.contains(text));
    }

    /// Types `bytes`.
    fn send(&mut self, bytes: &[u8]) {
        let w = &mut self.pty().writer;
        w.write_all(bytes).unwrap();
        w.flush().unwrap();
    }

    /// Waits up to 10 s for the program to end (taking its last output); its exit code.
    fn wait_exit(&mut self) -> u32 {
        let end = Instant::now() + Duration::from_secs(10);
        while Instant::now() < end {
            self.pump(Duration::from_millis(20));
            if let Some(status) = self.pty().child.try_wait().unwrap() {
                self.pump(Duration::from_millis(50));
                return status.exit_code();
            }
        }
        let _ = self.pty().child.kill();
        panic!("the program did not exit; screen:\n{}", self.screen());
    }
}

/// Any program on a pty with an emulated screen.
pub struct Screen {
    /// The emulator.
    pub parser: vt100::Parser,
    /// The program.
    pub pty: Pty,
}

impl Screen {
    /// Starts `cmd` on a `rows`×`cols` pty.
    pub fn start(cmd: CommandBuilder, rows: u16, cols: u16) -> Screen {
        let pty = Pty::start(cmd, rows, cols);
        let nz = |n: u16| std::num::NonZeroU16::new(n).unwrap();
        Screen { parser: vt100::Parser::new(nz(rows), nz(cols), 0), pty }
    }
}

impl Driven for Screen {
    fn pty(&mut self) -> &mut Pty {
        &mut self.pty
    }
    fn take(&mut self, bytes: &[u8]) {
        self.parser.process(bytes);
    }
    fn screen(&self) -> String {
        self.parser.screen().contents()
    }
}
