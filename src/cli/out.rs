//! Standard output of the commands: a reader that stops early (`| head`) ends the command
//! quietly with exit 0, as `ls | head` does; tables line up by terminal cells; arguments too
//! long to read are cut in error messages.

use super::Failure;
use crate::domain::text;
use crate::i18n::cli::Refusal;
use std::io::Write;

/// A line to standard output; `?` after it stops the command when the reader went away.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::cli::out::line(format_args!($($arg)*))?
    };
}
pub(super) use out;

/// Writes one line to the locked standard output.
pub fn line(args: std::fmt::Arguments<'_>) -> Result<(), Failure> {
    let mut o = std::io::stdout().lock();
    o.write_fmt(args).and_then(|()| o.write_all(b"\n")).map_err(closed_or_failed)
}

/// Writes bytes (a report, a workbook, a backup) to standard output and flushes them.
pub fn bytes(b: &[u8]) -> Result<(), Failure> {
    let mut o = std::io::stdout().lock();
    o.write_all(b).and_then(|()| o.flush()).map_err(closed_or_failed)
}

/// A document (report, workbook, export) rendered, then written to the file `out` or to
/// standard output; a failure of either is refused naming where it was going.
pub fn document(
    out: Option<&std::path::Path>,
    render: impl FnOnce() -> Result<Vec<u8>, String>,
) -> Result<(), Failure> {
    let refused = |p: &std::path::Path, message: String| {
        Failure::Refused(Refusal::Write { path: p.display().to_string(), message })
    };
    let b = render().map_err(|e| refused(out.unwrap_or(std::path::Path::new("-")), e))?;
    match out {
        Some(p) => std::fs::write(p, b).map_err(|e| refused(p, e.to_string())),
        None => bytes(&b),
    }
}

/// A closed pipe means the reader has what it wanted: not a failure. Anything else (a full
/// disk behind a redirection) is.
fn closed_or_failed(e: std::io::Error) -> Failure {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Failure::Closed
    } else {
        Failure::Refused(Refusal::Write { path: "-".into(), message: e.to_string() })
    }
}

/// Writes rows as a table: each column padded to its widest cell in terminal cells.
pub fn table(rows: &[Vec<String>]) -> Result<(), Failure> {
    for l in text::columns(rows) {
        out!("{l}");
    }
    Ok(())
}

/// An argument longer than this, in terminal cells, is over-long: longer than any name, date
/// or query anyone types, and than the paths of a centre's files.
pub const LONG_ARG: usize = 120;
/// How much of an over-long argument an error message shows, in terminal cells.
pub const ARG_CELLS: usize = 40;

/// `message` with every over-long argument of `args` (as typed, or as the program cleaned or
/// shortened it) cut to its first [`ARG_CELLS`] cells and `…`: a 10,000-character argument
/// must not fill the terminal with its echo. Done once here, for every command and error. A
/// path to an existing file stays whole, however deep: the reader needs it to find the file.
pub fn cut_arguments(message: &str, args: &[String]) -> String {
    let mut message = message.to_string();
    for a in args {
        let a = text::sanitize(a);
        let a = a.trim();
        if text::display_width(a) <= LONG_ARG || std::path::Path::new(a).exists() {
            continue;
        }
        let cut = text::truncate_to_width(a, ARG_CELLS);
        // The argument's first cells past the cut identify it wherever it was echoed.
        let head: String = a.chars().take(cut.chars().count()).collect();
        let mut from = 0;
        while let Some(pos) = message[from..].find(&head).map(|p| p + from) {
            let len: usize =
                message[pos..].chars().zip(a.chars()).take_while(|(m, c)| m == c).map(|(m, _)| m.len_utf8()).sum();
            message.replace_range(pos..pos + len, &cut);
            from = pos + cut.len();
        }
    }
    message
}
