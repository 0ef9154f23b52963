//! The people on file as a register again (`export residents|members`): the same column names
//! the importer reads, so a supervisor's export can go back in; ID numbers and phones masked
//! unless revealed; text never read as a formula (CSV cells neutralised, workbook cells
//! written as strings).

use crate::domain::lang::Lang;
use crate::domain::member::Member;
use crate::domain::resident::{Resident, mask_id, mask_phone};
use crate::i18n::words::cli_import::{self as words, W};

/// The file written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CSV with a byte-order mark, CR LF.
    Csv,
    /// An Excel workbook, every cell text.
    Xlsx,
}

/// The header and one row per resident.
pub fn residents(lang: Lang, rs: &[Resident], reveal: bool) -> Vec<Vec<String>> {
    let mut out = vec![header(lang, W::ResidentColumns)];
    for r in rs {
        let a = &r.address;
        let tags: Vec<&str> = r.tags.iter().map(|t| words::tag(lang, *t)).collect();
        out.push(vec![
            r.name.clone(),
            shown(&r.id_number, reveal, mask_id),
            shown(&r.phone, reveal, mask_phone),
            a.estate.clone(),
            a.building.clone(),
            a.unit.clone(),
            a.room.clone(),
            r.grid.clone(),
            tags.join("、"),
        ]);
    }
    out
}

/// The header and one row per member.
pub fn members(lang: Lang, ms: &[Member], reveal: bool) -> Vec<Vec<String>> {
    let mut out = vec![header(lang, W::MemberColumns)];
    for m in ms {
        let posts: Vec<&str> = m.intentions.iter().map(|p| crate::i18n::members::post(lang, *p)).collect();
        out.push(vec![
            m.name.clone(),
            shown(&m.id_number, reveal, mask_id),
            shown(&m.phone, reveal, mask_phone),
            m.unit.clone(),
            m.branch.clone(),
            m.address.clone(),
            m.grid.clone(),
            m.reported_on.to_string(),
            m.skills.clone(),
            posts.join("、"),
            crate::i18n::members::status(lang, m.status).to_string(),
        ]);
    }
    out
}

fn header(lang: Lang, w: W) -> Vec<String> {
    words::say(lang, w).split(',').map(str::to_string).collect()
}

fn shown(s: &str, reveal: bool, mask: fn(&str) -> String) -> String {
    if reveal || s.is_empty() { s.to_string() } else { mask(s) }
}

/// The rows as a file.
pub fn render(rows: &[Vec<String>], format: Format, sheet: &str) -> Result<Vec<u8>, String> {
    match format {
        Format::Csv => {
            let rows: Vec<Vec<super::csv::Cell>> = rows.iter().map(|r| super::csv::texts(r)).collect();
            Ok(super::csv::write(&rows, true, true).into_bytes())
        }
        Format::Xlsx => {
            let e = |e: rust_xlsxwriter::XlsxError| e.to_string();
            let mut book = rust_xlsxwriter::Workbook::new();
            let st = super::sheet::Styles::new();
            let ws = book.add_worksheet();
            ws.set_name(sheet).map_err(e)?;
            for (r, row) in rows.iter().enumerate() {
                let format = if r == 0 { &st.header } else { &st.text };
                for (c, v) in row.iter().enumerate() {
                    // A string cell: Excel shows `=…` as typed and keeps 18-digit IDs whole.
                    ws.write_string_with_format(r as u32, c as u16, v, format).map_err(e)?;
                }
            }
            ws.set_freeze_panes(1, 0).map_err(e)?;
            book.save_to_buffer().map_err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_formula_typed_into_a_name_is_written_as_text_in_csv() {
        let rows = vec![vec!["=HYPERLINK(\"x\")".to_string(), "+1".to_string()]];
        let text = String::from_utf8(render(&rows, Format::Csv, "x").unwrap()).unwrap();
        assert!(text.contains("'=HYPERLINK") && text.contains("'+1"), "{text}");
    }
}
