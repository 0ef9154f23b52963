//! A receipt leaves the program: written to a file beside the database and piped to the
//! printer. The words come from `i18n::receipt`, which does no I/O.

use crate::domain::text::sanitize;
pub use crate::i18n::receipt::{Paper, ReceiptData, acceptance, notice};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Writes `text` to `dir/{case_number}-{kind}.txt` (creating `dir`) and returns the path; on
/// failure, the path that failed with the reason.
pub fn to_file(text: &str, dir: &Path, case_number: &str, kind: &str) -> Result<PathBuf, (PathBuf, std::io::Error)> {
    std::fs::create_dir_all(dir).map_err(|e| (dir.to_path_buf(), e))?;
    let name = format!("{case_number}-{kind}.txt");
    // A number or kind can never name a file outside `dir`.
    let name: String = name.chars().map(|c| if c == '/' || c == '\\' || c.is_control() { '_' } else { c }).collect();
    let path = dir.join(name);
    std::fs::write(&path, text).map_err(|e| (path.clone(), e))?;
    Ok(path)
}

/// Pipes `text` into `sh -c command`; a non-zero exit is an error carrying the command's stderr.
pub fn print(text: &str, command: &str) -> std::io::Result<()> {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let mut stderr = child.stderr.take().expect("stderr is piped");
    // Read stderr on another thread so that neither pipe can fill up and stall the other.
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stderr.read_to_end(&mut buf);
        buf
    });
    let written = stdin.write_all(text.as_bytes());
    drop(stdin);
    let status = child.wait()?;
    let err = reader.join().unwrap_or_default();
    if !status.success() {
        let msg = sanitize(String::from_utf8_lossy(&err).trim());
        let msg = if msg.trim().is_empty() { format!("`{command}` failed: {status}") } else { msg.trim().to_string() };
        return Err(std::io::Error::other(msg));
    }
    match written {
        // A command that succeeds without reading everything chose to.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e),
        _ => Ok(()),
    }
}
