//! A receipt leaves the program as a file beside the database (the job thread in `runtime`
//! pipes it to the printer, with a timeout). The words come from `i18n::receipt`, which does
//! no I/O.

pub use crate::i18n::receipt::{Paper, ReceiptData, SlipData, acceptance, notice, what_to_bring};
use std::path::{Path, PathBuf};

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
