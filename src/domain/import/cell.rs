//! One cell of an office's spreadsheet as the desk reads it: full-width characters, dates in
//! three spellings or as Excel serial numbers, and ID numbers Excel has already damaged.

use chrono::{Duration, NaiveDate};

/// A cell as the workbook or CSV stored it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing in it.
    Empty,
    /// Text (every CSV cell is text).
    Text(String),
    /// A number stored as a number.
    Number(f64),
    /// A date or time stored as Excel's serial number (days since 1899-12-30).
    Date(f64),
}

impl Cell {
    /// The cell as text, full-width digits, letters and spaces made half-width and trimmed.
    /// A whole number prints without `.0`; a huge one (an ID Excel took for a number) as Excel
    /// would show it, which [`excel_damaged`] recognises.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => half_width(s).trim().to_string(),
            Cell::Number(n) | Cell::Date(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) | Cell::Date(n) => format!("{n}"),
        }
    }

    /// Nothing but spaces.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => half_width(s).trim().is_empty(),
            _ => false,
        }
    }
}

/// Full-width ASCII (Ｕ+FF01–FF5E) and the ideographic space as their half-width forms: offices
/// type IDs and phones with a Chinese input method switched to full width.
pub fn half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// Whether an ID cell is one Excel stored as a number: a number cell (an 18-digit ID is past
/// the 15 significant digits a double keeps), `1.10105E+17` as text, or 18 digits ending in
/// `000` whose check digit fails (the last three lost when it was shown as a number).
pub fn excel_damaged(cell: &Cell) -> bool {
    match cell {
        Cell::Number(n) | Cell::Date(n) => n.abs() >= 1e15,
        Cell::Text(_) => {
            let t = cell.text().to_ascii_uppercase();
            if let Some((mantissa, exp)) = t.split_once("E+") {
                return exp.bytes().all(|b| b.is_ascii_digit())
                    && !mantissa.is_empty()
                    && mantissa.bytes().all(|b| b.is_ascii_digit() || b == b'.');
            }
            t.len() == 18
                && t.bytes().all(|b| b.is_ascii_digit())
                && t.ends_with("000")
                && super::super::resident::check_char(&t[..17]) != Some('0')
        }
        Cell::Empty => false,
    }
}

/// A date cell: an Excel serial (as a date or a plain number), `2023.5.1`, `2023年5月1日`,
/// `2023-05-01`, `2023/5/1` or `20230501`. `None` when it is none of these.
pub fn date(cell: &Cell) -> Option<NaiveDate> {
    match cell {
        Cell::Date(n) | Cell::Number(n) if (1.0..100_000.0).contains(n) => {
            NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_signed(Duration::days(n.floor() as i64))
        }
        Cell::Number(n) => date(&Cell::Text(format!("{}", *n as i64))),
        Cell::Text(_) => {
            let t = cell.text();
            let t = t.split([' ', 'T']).next().unwrap_or_default().trim_end_matches('日');
            if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
                return NaiveDate::parse_from_str(t, "%Y%m%d").ok();
            }
            let parts: Vec<&str> = t.split(['.', '-', '/', '年', '月']).collect();
            let [y, m, d] = parts[..] else { return None };
            NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
        }
        _ => None,
    }
}

/// The spreadsheet's letter of a 0-based column: A, B, …, Z, AA, AB, …
pub fn column_letter(mut col: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }

    #[test]
    fn full_width_digits_and_spaces_become_half_width() {
        assert_eq!(t("　１１０１０５１９４９１２３１００２Ｘ　").text(), "11010519491231002X");
        assert_eq!(t("１３８\u{3000}１２３４\u{3000}５６７８").text(), "138 1234 5678");
    }

    #[test]
    fn ids_excel_turned_into_numbers_are_recognised() {
        assert!(excel_damaged(&Cell::Number(110105194912310000.0)));
        assert!(excel_damaged(&t("1.10105E+17")));
        assert!(excel_damaged(&t("110105194912310000")));
        assert!(!excel_damaged(&t("11010519491231002X")));
        assert!(!excel_damaged(&t("")));
    }

    #[test]
    fn dates_as_serials_dots_and_chinese() {
        let may1 = NaiveDate::from_ymd_opt(2023, 5, 1);
        for c in [
            Cell::Date(45047.0),
            Cell::Number(45047.0),
            t("2023.5.1"),
            t("2023年5月1日"),
            t("2023-05-01"),
            t("2023/5/1"),
        ] {
            assert_eq!(date(&c), may1, "{c:?}");
        }
        assert_eq!(date(&t("20230501")), may1);
        assert_eq!(date(&t("五月一日")), None);
        assert_eq!(date(&t("2023.2.30")), None);
    }

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(2), "C");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
    }
}
