//! The other direction of the people export: offices' workbooks (.xlsx, .xls) and CSVs read
//! into sheets of cells for `domain::import`, CSVs in whatever encoding Excel saved them.

use crate::domain::import::{Cell, Sheet};
use std::path::Path;

/// Why a file could not be read: the file and the reader's own words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// The file.
    pub path: String,
    /// What went wrong.
    pub message: String,
    /// The file is not a workbook nor a CSV (by its extension).
    pub kind: bool,
}

/// Every sheet of a workbook, or the one sheet of a CSV.
pub fn read(path: &Path) -> Result<Vec<Sheet>, Unreadable> {
    let name = path.display().to_string();
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    let trouble = |message: String, kind| Unreadable { path: name.clone(), message, kind };
    match ext.as_str() {
        "csv" | "txt" => {
            let bytes = std::fs::read(path).map_err(|e| trouble(e.to_string(), false))?;
            Ok(vec![Sheet { file: name.clone(), name: String::new(), rows: csv_rows(&decode(&bytes)) }])
        }
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => {
            use calamine::Reader;
            let mut book = calamine::open_workbook_auto(path).map_err(|e| trouble(e.to_string(), false))?;
            let mut out = Vec::new();
            for sheet in book.sheet_names() {
                let range = book.worksheet_range(&sheet).map_err(|e| trouble(e.to_string(), false))?;
                out.push(Sheet { file: name.clone(), name: sheet, rows: workbook_rows(&range) });
            }
            Ok(out)
        }
        _ => Err(trouble(ext, true)),
    }
}

/// The text of a CSV: a byte-order mark says (UTF-8, UTF-16); else UTF-8 when it is valid
/// UTF-8, else GBK (GB 18030), which Excel on a Chinese Windows writes as "CSV".
pub fn decode(bytes: &[u8]) -> String {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc.decode_without_bom_handling(&bytes[bom..]).0.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GB18030.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

/// CSV records as rows of text cells; a tab-separated file (Excel's "Unicode text") too.
pub fn csv_rows(text: &str) -> Vec<Vec<Cell>> {
    let first = text.lines().next().unwrap_or_default();
    let delimiter = if first.contains('\t') && !first.contains(',') { b'\t' } else { b',' };
    let mut r =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    // The reader passes over blank lines; rows are placed by their line so that row numbers
    // are those Excel shows.
    let mut out: Vec<Vec<Cell>> = Vec::new();
    let (mut counted, mut lines) = (0, 0);
    for rec in r.records() {
        let Ok(rec) = rec else { continue };
        // The reader's own line count passes over blank lines too: count the text's.
        let mut at = rec.position().map_or(text.len(), |p| p.byte() as usize).min(text.len());
        // Where it says a record starts may be the blank lines before it.
        while matches!(text.as_bytes().get(at), Some(b'\n' | b'\r')) {
            at += 1;
        }
        lines += text.as_bytes()[counted..at.max(counted)].iter().filter(|b| **b == b'\n').count();
        counted = at.max(counted);
        let line = lines + 1;
        out.resize(line.saturating_sub(1).max(out.len()), vec![]);
        out.push(rec.iter().map(|s| if s.is_empty() { Cell::Empty } else { Cell::Text(s.to_string()) }).collect());
    }
    out
}

/// A worksheet's cells from A1 (calamine's range starts at the first used cell).
fn workbook_rows(range: &calamine::Range<calamine::Data>) -> Vec<Vec<Cell>> {
    use calamine::Data;
    let Some((top, left)) = range.start() else { return vec![] };
    let mut out: Vec<Vec<Cell>> = vec![vec![]; top as usize];
    for row in range.rows() {
        let mut cells = vec![Cell::Empty; left as usize];
        cells.extend(row.iter().map(|d| match d {
            Data::Empty | Data::Error(_) => Cell::Empty,
            Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
            Data::Int(i) => Cell::Number(*i as f64),
            Data::Float(f) => Cell::Number(*f),
            Data::Bool(b) => Cell::Text(if *b { "是" } else { "否" }.to_string()),
            Data::DateTime(d) => Cell::Date(d.as_f64()),
        }));
        out.push(cells);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gbk_csv_and_a_utf8_one_with_or_without_bom_read_alike() {
        let text = "姓名,身份证号\n王芳,11010519491231002X\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert_eq!(decode(&gbk), text);
        assert_eq!(decode(text.as_bytes()), text);
        assert_eq!(decode(&[b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat()), text);
    }

    #[test]
    fn csv_rows_keep_their_numbers() {
        let rows = csv_rows("姓名,身份证号\n王芳,\"1,2\"\n\n李强,3\n");
        assert_eq!(rows[1][1], Cell::Text("1,2".into()));
        assert_eq!(rows[3][0], Cell::Text("李强".into()));
    }
}
