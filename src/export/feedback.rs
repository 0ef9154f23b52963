//! The quarter's feedback to a work unit on its members' community service (在职党员社区服务反馈单):
//! plain text to print or send, CSV and a spreadsheet.

use crate::domain::lang::Lang;
use crate::domain::member::halves;
use crate::export::csv::{self as csv_file, Cell};
pub use crate::i18n::feedback::text;
use crate::i18n::feedback::{phone, source_name, sums};
use crate::i18n::words::export_feedback::{W, say};
use crate::storage::UnitFeedback;

/// One row per record, and one with 0 hours for a member without any.
fn rows(lang: Lang, fb: &UnitFeedback) -> Vec<[String; 11]> {
    let quarter = crate::i18n::words::export_feedback::quarter_name(lang, fb.year, fb.quarter);
    let mut out = Vec::new();
    for (m, records) in &fb.members {
        let who = |date: String, what: String, h: u32, p: u32, source: &str| {
            [
                fb.unit.clone(),
                quarter.clone(),
                m.name.clone(),
                phone(m),
                m.branch.clone(),
                m.reported_on.to_string(),
                date,
                what,
                halves(h),
                halves(p),
                source.to_string(),
            ]
        };
        if records.is_empty() {
            out.push(who(String::new(), String::new(), 0, 0, ""));
        }
        for r in records {
            out.push(who(
                r.start.date().to_string(),
                r.what.clone(),
                r.half_hours,
                r.half_points(),
                source_name(lang, r),
            ));
        }
    }
    out
}

/// The report as CSV: a header, then one row per record (no byte-order mark; `write_all` adds
/// it). Hours and points are numbers; every other cell is text and neutralised.
pub fn csv(lang: Lang, fb: &UnitFeedback) -> String {
    let mut out = vec![csv_file::texts(&crate::i18n::words::export_feedback::header(lang))];
    for r in rows(lang, fb) {
        out.push(
            r.iter()
                .enumerate()
                .map(|(c, v)| match c {
                    8 | 9 => Cell::Num(v.parse::<f64>().unwrap_or(0.0)),
                    _ => Cell::Text(v.clone()),
                })
                .collect(),
        );
    }
    csv_file::write(&out, false, false)
}

/// The report as an .xlsx workbook.
pub fn xlsx(lang: Lang, fb: &UnitFeedback) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Format, Workbook};
    let e = |e: rust_xlsxwriter::XlsxError| e.to_string();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(format!("{}Q{}", fb.year, fb.quarter)).map_err(e)?;
    let bold = Format::new().set_bold();
    let title = format!(
        "{} · {} · {}",
        say(lang, W::CommunityServiceFeedback),
        fb.unit,
        crate::i18n::words::export_feedback::quarter_name(lang, fb.year, fb.quarter)
    );
    sheet.write_string_with_format(0, 0, &title, &bold).map_err(e)?;
    for (c, h) in crate::i18n::words::export_feedback::header(lang).iter().enumerate() {
        sheet.write_string_with_format(2, c as u16, *h, &bold).map_err(e)?;
    }
    let mut row = 3;
    for r in rows(lang, fb) {
        for (c, v) in r.iter().enumerate() {
            // Hours and points are numbers so the unit can sum them.
            if c == 8 || c == 9 {
                sheet.write_number(row, c as u16, v.parse::<f64>().unwrap_or(0.0)).map_err(e)?;
            } else {
                sheet.write_string(row, c as u16, v).map_err(e)?;
            }
        }
        row += 1;
    }
    let (h, p) = fb.members.iter().fold((0, 0), |(h, p), (_, rs)| {
        let (a, b) = sums(rs);
        (h + a, p + b)
    });
    sheet.write_string_with_format(row, 0, say(lang, W::Total), &bold).map_err(e)?;
    sheet.write_number_with_format(row, 8, f64::from(h) / 2.0, &bold).map_err(e)?;
    sheet.write_number_with_format(row, 9, f64::from(p) / 2.0, &bold).map_err(e)?;
    for (c, w) in [16, 14, 10, 14, 18, 12, 12, 30, 12, 8, 10].into_iter().enumerate() {
        sheet.set_column_width(c as u16, w).map_err(e)?;
    }
    book.save_to_buffer().map_err(e)
}

/// A file name for the report, e.g. `2026Q4-区税务局`, safe on every file system.
pub fn file_stem(fb: &UnitFeedback) -> String {
    let unit: String = fb
        .unit
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|'))
        .collect();
    // Windows refuses names ending in a dot or space.
    let unit = unit.trim().trim_end_matches('.');
    let unit = if unit.is_empty() { "unit" } else { unit };
    format!("{}Q{}-{unit}", fb.year, fb.quarter)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fb(unit: &str) -> UnitFeedback {
        UnitFeedback {
            unit: unit.into(),
            year: 2026,
            quarter: 4,
            members: Vec::new(),
            issued: chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            target_hours: 50,
            year_half_hours: Default::default(),
            contact: String::new(),
        }
    }

    #[test]
    fn file_stems_are_safe() {
        assert_eq!(file_stem(&fb("区税务局")), "2026Q4-区税务局");
        assert_eq!(file_stem(&fb("a/b\\c:d*e?\"f<g>h|i\u{7}")), "2026Q4-abcdefghi");
        assert_eq!(file_stem(&fb(" ../ ")), "2026Q4-unit");
    }
}

/// A file format of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text, ready to print.
    Text,
    /// CSV with a byte-order mark.
    Csv,
    /// An Excel workbook.
    Xlsx,
}

/// Writes one file per unit into `dir` (created if missing); the paths written, or the file
/// or folder that stopped it. Shared by `yichuang members feedback` and the Ranking screen.
pub fn write_all(
    lang: Lang,
    units: &[UnitFeedback],
    community: &str,
    dir: &std::path::Path,
    format: Format,
) -> Result<Vec<std::path::PathBuf>, crate::domain::files::FileTrouble> {
    use crate::domain::files::{FileProblem, FileTrouble};
    use crate::storage::files;
    files::make_dir(dir)?;
    let mut written = Vec::new();
    for f in units {
        let path = dir.join(format!("{}.{}", file_stem(f), format_ext(format)));
        let bytes = match format {
            Format::Text => text(lang, f, community).into_bytes(),
            // Excel takes UTF-8 without a byte-order mark for the local code page.
            Format::Csv => format!("\u{feff}{}", csv(lang, f)).into_bytes(),
            Format::Xlsx => xlsx(lang, f)
                .map_err(|e| FileTrouble { path: path.display().to_string(), problem: FileProblem::Other(e) })?,
        };
        files::write_file(&path, &bytes)?;
        written.push(path);
    }
    Ok(written)
}

fn format_ext(format: Format) -> &'static str {
    match format {
        Format::Text => "txt",
        Format::Csv => "csv",
        Format::Xlsx => "xlsx",
    }
}
