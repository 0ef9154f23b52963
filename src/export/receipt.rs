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

/// What a request's receipt slip shows.
#[derive(Debug)]
pub struct RequestSlip<'a> {
    /// The centre's name.
    pub centre: &'a str,
    /// The request as the printing operator may read it.
    pub request: &'a crate::model::requests::Request,
    /// Who printed it.
    pub clerk: &'a str,
    /// The centre's enquiry phone ('' when none).
    pub phone: &'a str,
    /// When.
    pub printed_at: chrono::NaiveDateTime,
}

/// The resident's receipt slip of a request: its number (to ask how it stands), what was
/// asked, where, the grid, the deadline once dispatched, who took it down and where to ask.
pub fn request_slip(lang: crate::domain::lang::Lang, paper: Paper, d: &RequestSlip<'_>) -> String {
    use crate::domain::text::{display_width, truncate_to_width};
    use crate::i18n::words::requests::{self as words, Tab as T, W};
    let width = paper.width();
    let c = crate::i18n::colon(lang);
    let r = d.request;
    let mut out: Vec<String> = Vec::new();
    let centred = |t: &str| {
        let t = truncate_to_width(t, width);
        format!("{}{t}", " ".repeat(width.saturating_sub(display_width(&t)) / 2))
    };
    out.push(centred(d.centre));
    out.push(centred(words::say(lang, W::Receipt)));
    out.push("=".repeat(width));
    // Long values wrap under their label, cut to the paper's width.
    fn put(out: &mut Vec<String>, width: usize, head: String, value: &str) {
        let mut line = head;
        for ch in value.chars() {
            let next = format!("{line}{ch}");
            if crate::domain::text::display_width(&next) > width {
                out.push(std::mem::replace(&mut line, format!("  {ch}")));
            } else {
                line = next;
            }
        }
        out.push(line);
    }
    let field = |out: &mut Vec<String>, label: &str, value: &str| {
        let head = if label.is_empty() { String::new() } else { format!("{label}{c}") };
        put(out, width, head, value)
    };
    field(&mut out, words::say(lang, W::Number), &r.number);
    let who = if r.anonymous {
        words::say(lang, W::Anonymous).to_string()
    } else {
        r.resident_name.clone().unwrap_or_else(|| words::say(lang, W::Private).to_string())
    };
    field(&mut out, words::say(lang, W::Resident), &who);
    let kind = match &r.service_name {
        Some(s) => format!("{} · {s}", words::kind(lang, r.kind)),
        None => words::kind(lang, r.kind).to_string(),
    };
    field(&mut out, words::say(lang, W::Kind), &kind);
    field(&mut out, words::say(lang, W::Text), &crate::domain::text::sanitize(&r.text));
    if !r.place.is_empty() {
        field(&mut out, words::say(lang, W::Place), &crate::domain::text::sanitize(&r.place));
    }
    if !r.grid.is_empty() {
        field(&mut out, words::say(lang, W::Grid), &r.grid);
    }
    field(&mut out, words::say(lang, W::State), words::state(lang, r.state));
    if let Some(due) = r.due_at {
        field(&mut out, words::say(lang, W::Due), &due.format("%Y-%m-%d %H:%M").to_string());
    }
    field(&mut out, words::say(lang, W::TakenAt), &r.created_at.format("%Y-%m-%d %H:%M").to_string());
    out.push("-".repeat(width));
    field(&mut out, "", words::say(lang, W::ReceiptNote));
    out.push("-".repeat(width));
    field(&mut out, words::tab(lang, T::TakenBy), d.clerk);
    field(&mut out, words::tab(lang, T::Centre), d.centre);
    if !d.phone.trim().is_empty() {
        field(&mut out, words::tab(lang, T::Enquiries), d.phone);
    }
    field(&mut out, words::tab(lang, T::Printed), &d.printed_at.format("%Y-%m-%d %H:%M").to_string());
    out.push("=".repeat(width));
    out.join("\n") + "\n"
}
