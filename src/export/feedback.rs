//! The quarter's feedback to a work unit on its members' community service (在职党员社区服务反馈单):
//! plain text to print or send, CSV and a spreadsheet.

use crate::domain::lang::Lang;
use crate::domain::member::halves;
use crate::export::csv::{self as csv_file, Cell};
pub use crate::i18n::feedback::text;
use crate::i18n::feedback::{heading, member_name, phone, source_name, sums, unit_sums};
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

/// The report as an .xlsx workbook that prints as the document the unit files: its name,
/// the unit, period, community, contact, issue date and totals above the table; each member's
/// records, a subtotal row with the year to date against the target; the 合计 row; the seal
/// and signature block. Dates are date cells, hours and points numbers.
pub fn xlsx(lang: Lang, fb: &UnitFeedback, community: &str) -> Result<Vec<u8>, String> {
    use crate::export::sheet::{Styles, Widths, date, print_setup, title_block};
    use crate::i18n::words::export_feedback::print_header;
    let e = |e: rust_xlsxwriter::XlsxError| e.to_string();
    let mut book = rust_xlsxwriter::Workbook::new();
    let st = Styles::new();
    let sheet = book.add_worksheet();
    sheet.set_name(format!("{}Q{}", fb.year, fb.quarter)).map_err(e)?;
    let header = print_header(lang);
    let columns = header.len();
    let title = say(lang, W::CommunityServiceFeedback);
    let lines = heading(lang, fb, community);
    let header_row = title_block(sheet, &st, columns as u16, title, &lines).map_err(e)? + 1;
    let mut widths = Widths::new(columns, 30);
    for (c, h) in header.iter().enumerate() {
        sheet.write_string_with_format(header_row, c as u16, *h, &st.header).map_err(e)?;
        widths.see(c, h);
    }
    // Dates are "2026-11-20" wide.
    widths.see(3, "2026-11-20");
    widths.see(4, "2026-11-20");
    let mut row = header_row + 1;
    let blank = |sheet: &mut rust_xlsxwriter::Worksheet, row: u32, cols: &[u16], f| -> Result<(), String> {
        cols.iter().try_for_each(|c| sheet.write_blank(row, *c, f).map(|_| ()).map_err(e))
    };
    for (m, records) in &fb.members {
        let first = row;
        let name = member_name(lang, m);
        for (c, v) in [(0, &name), (1, &phone(m)), (2, &m.branch)] {
            widths.see(c, v);
            sheet.write_string_with_format(row, c as u16, v, &st.text).map_err(e)?;
        }
        date(sheet, row, 3, m.reported_on, &st.date).map_err(e)?;
        if records.is_empty() {
            let none = say(lang, W::NoServiceThisQuarter);
            widths.see(5, none);
            sheet.write_string_with_format(row, 5, none, &st.text).map_err(e)?;
            blank(sheet, row, &[4, 6, 9, 10], &st.text)?;
            sheet.write_number_with_format(row, 7, 0.0, &st.number).map_err(e)?;
            sheet.write_number_with_format(row, 8, 0.0, &st.number).map_err(e)?;
            row += 1;
        }
        for r in records {
            if row != first {
                blank(sheet, row, &[0, 1, 2, 3], &st.text)?;
            }
            date(sheet, row, 4, r.start.date(), &st.date).map_err(e)?;
            widths.see(5, &r.what);
            sheet.write_string_with_format(row, 5, &r.what, &st.wrap).map_err(e)?;
            let source = source_name(lang, r);
            widths.see(6, source);
            sheet.write_string_with_format(row, 6, source, &st.text).map_err(e)?;
            sheet.write_number_with_format(row, 7, f64::from(r.half_hours) / 2.0, &st.number).map_err(e)?;
            sheet.write_number_with_format(row, 8, f64::from(r.half_points()) / 2.0, &st.number).map_err(e)?;
            blank(sheet, row, &[9, 10], &st.text)?;
            row += 1;
        }
        let (h, p) = sums(records);
        sheet.write_string_with_format(row, 0, say(lang, W::Subtotal), &st.total).map_err(e)?;
        blank(sheet, row, &[1, 2, 3, 4, 5, 6], &st.total)?;
        sheet.write_number_with_format(row, 7, f64::from(h) / 2.0, &st.total_number).map_err(e)?;
        sheet.write_number_with_format(row, 8, f64::from(p) / 2.0, &st.total_number).map_err(e)?;
        let ytd = f64::from(fb.year_to_date(m.id)) / 2.0;
        sheet.write_number_with_format(row, 9, ytd, &st.total_number).map_err(e)?;
        sheet.write_number_with_format(row, 10, f64::from(fb.target_hours), &st.total_number).map_err(e)?;
        row += 1;
    }
    let (_, h, p) = unit_sums(fb);
    let ytd: u32 = fb.members.iter().map(|(m, _)| fb.year_to_date(m.id)).sum();
    sheet.write_string_with_format(row, 0, say(lang, W::Total), &st.total).map_err(e)?;
    blank(sheet, row, &[1, 2, 3, 4, 5, 6, 10], &st.total)?;
    sheet.write_number_with_format(row, 7, f64::from(h) / 2.0, &st.total_number).map_err(e)?;
    sheet.write_number_with_format(row, 8, f64::from(p) / 2.0, &st.total_number).map_err(e)?;
    sheet.write_number_with_format(row, 9, f64::from(ytd) / 2.0, &st.total_number).map_err(e)?;
    // The seal and signature block: the community's on the left, the unit's receipt on the right.
    let sign = row + 2;
    let pairs = [(W::CommunitySeal, W::UnitSeal), (W::PreparedBy, W::ReceivedBy), (W::DateBlank, W::DateBlank)];
    for (i, (left, right)) in pairs.into_iter().enumerate() {
        let y = sign + i as u32;
        sheet.merge_range(y, 0, y, 4, say(lang, left), &st.sign).map_err(e)?;
        sheet.merge_range(y, 6, y, 10, say(lang, right), &st.sign).map_err(e)?;
        // Room for a seal (about 4 cm) on the first line.
        sheet.set_row_height(y, if i == 0 { 60 } else { 24 }).map_err(e)?;
    }
    let line_refs: Vec<&str> = std::iter::once(title).chain(lines.iter().map(String::as_str)).collect();
    print_setup(sheet, &widths.around(&line_refs, 1.5), header_row, say(lang, W::PageOf)).map_err(e)?;
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

/// Rows of personal data the feedback files hold: one per record, one per member without any
/// (what the audit trail counts).
pub fn row_count(units: &[UnitFeedback]) -> u64 {
    units.iter().flat_map(|u| u.members.iter()).map(|(_, rs)| rs.len().max(1) as u64).sum()
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
            Format::Xlsx => xlsx(lang, f, community)
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
