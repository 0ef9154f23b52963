//! The real binary in a pseudo-terminal: what it writes arrives in chunks on a channel.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::mpsc;

/// A spawned program on its own pty.
pub type Spawned = (mpsc::Receiver<Vec<u8>>, Box<dyn Write + Send>, Box<dyn portable_pty::Child + Send + Sync>);

/// Starts `cmd` on a new `rows`×`cols` pty; a thread forwards its output to the receiver.
pub fn spawn(cmd: CommandBuilder, rows: u16, cols: u16) -> Spawned {
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
    (rx, writer, child)
}
