//! What makes a worksheet print as a document rather than as a grid: a title block naming the
//! centre, the report, the period and the issue date; columns as wide as their content; A4,
//! landscape when the table is wider than a portrait page, scaled to one page wide; the column
//! header on every page; page numbers; thin borders; numbers and dates as real cells.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, FormatBorder, Worksheet, XlsxError};
use unicode_width::UnicodeWidthStr;

/// Paper size 9 in the OOXML numbering: A4, the paper of Chinese offices.
const A4: u8 = 9;

/// How many character units fit across A4 portrait between 1.8 cm margins, at Excel's
/// default font (7 pixels a character, 5 of padding per column, 96 pixels an inch).
fn portrait_fits(widths: &[f64]) -> bool {
    let pixels: f64 = widths.iter().map(|w| w * 7.0 + 5.0).sum();
    pixels <= (8.27 - 2.0 * 0.7) * 96.0
}

/// The formats of a printed table.
pub struct Styles {
    /// The document's name, large and centred.
    pub title: Format,
    /// A line under the title (unit, period, issue date).
    pub line: Format,
    /// Column headers.
    pub header: Format,
    /// A text cell.
    pub text: Format,
    /// A text cell that may run to several lines.
    pub wrap: Format,
    /// A number (general format: 5, 1.5, 0.33; figures are rounded before they are written).
    pub number: Format,
    /// A date (yyyy-mm-dd).
    pub date: Format,
    /// A share shown as a percentage.
    pub share: Format,
    /// A subtotal or total row's label.
    pub total: Format,
    /// A subtotal or total row's figure.
    pub total_number: Format,
    /// A signature line, no border.
    pub sign: Format,
}

impl Styles {
    /// The formats used by every workbook the program writes.
    pub fn new() -> Styles {
        let cell = Format::new().set_border(FormatBorder::Thin).set_align(FormatAlign::VerticalCenter);
        Styles {
            title: Format::new().set_bold().set_font_size(16).set_align(FormatAlign::Center),
            line: Format::new().set_align(FormatAlign::Left),
            header: cell.clone().set_bold().set_align(FormatAlign::Center).set_text_wrap(),
            text: cell.clone(),
            wrap: cell.clone().set_text_wrap(),
            number: cell.clone(),
            date: cell.clone().set_num_format("yyyy-mm-dd").set_align(FormatAlign::Center),
            share: cell.clone().set_num_format("0.0%"),
            total: cell.clone().set_bold(),
            total_number: cell.set_bold(),
            sign: Format::new().set_align(FormatAlign::Bottom),
        }
    }
}

impl Default for Styles {
    fn default() -> Self {
        Styles::new()
    }
}

/// The widest text seen in each column, for column widths that fit the content.
pub struct Widths {
    cells: Vec<usize>,
    max: usize,
}

impl Widths {
    /// `columns` columns none of which grows past `max` characters (longer text wraps).
    pub fn new(columns: usize, max: usize) -> Widths {
        Widths { cells: vec![4; columns], max }
    }

    /// Takes account of `text` in column `col` (a CJK character counts two).
    pub fn see(&mut self, col: usize, text: &str) {
        if let Some(w) = self.cells.get_mut(col) {
            *w = (*w).max(text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0));
        }
    }

    /// The widths in character units, with room for the border and a little air.
    pub fn get(&self) -> Vec<f64> {
        self.cells.iter().map(|w| (*w).min(self.max) as f64 + 2.0).collect()
    }

    /// [`get`](Self::get), the columns widened evenly when together they are narrower than
    /// `lines` (the title block is merged across the table and would be cut off); the title
    /// is set in a larger font, hence `title_scale` for the first line.
    pub fn around(&self, lines: &[&str], title_scale: f64) -> Vec<f64> {
        let mut widths = self.get();
        let need = lines
            .iter()
            .enumerate()
            .map(|(i, l)| l.width() as f64 * if i == 0 { title_scale } else { 1.0 })
            .fold(0.0, f64::max);
        let have: f64 = widths.iter().sum();
        if have < need && !widths.is_empty() {
            let more = ((need - have) / widths.len() as f64).ceil();
            widths.iter_mut().for_each(|w| *w += more);
        }
        widths
    }
}

/// Writes a date as a real date cell.
pub fn date(sheet: &mut Worksheet, row: u32, col: u16, d: NaiveDate, f: &Format) -> Result<(), XlsxError> {
    let (y, m, day) = (u16::try_from(d.year()).unwrap_or(1900), d.month() as u8, d.day() as u8);
    sheet.write_datetime_with_format(row, col, ExcelDateTime::from_ymd(y, m, day)?, f)?;
    Ok(())
}

/// Writes the title across `columns` columns in row 0 and each of `lines` in the rows below;
/// the next free row.
pub fn title_block(
    sheet: &mut Worksheet,
    styles: &Styles,
    columns: u16,
    title: &str,
    lines: &[String],
) -> Result<u32, XlsxError> {
    let last = columns.saturating_sub(1);
    sheet.merge_range(0, 0, 0, last, title, &styles.title)?;
    sheet.set_row_height(0, 26)?;
    for (i, l) in lines.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.merge_range(row, 0, row, last, l, &styles.line)?;
    }
    Ok(lines.len() as u32 + 1)
}

/// Sets the page up: column widths, A4, landscape when the table is wider than a portrait
/// page, one page wide (as many tall as it takes), the header row `header_row` repeated on
/// every page, centred, and `footer` (with `&P` and `&N` for the page and the page count).
pub fn print_setup(sheet: &mut Worksheet, widths: &[f64], header_row: u32, footer: &str) -> Result<(), XlsxError> {
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    sheet.set_paper_size(A4);
    if !portrait_fits(widths) {
        sheet.set_landscape();
    }
    sheet.set_margins(0.7, 0.7, 0.75, 0.75, 0.3, 0.3);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(header_row, header_row)?;
    sheet.set_print_center_horizontally(true);
    sheet.set_footer(format!("&C{footer}"));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_fit_chinese_text_and_stop_at_the_maximum() {
        let mut w = Widths::new(3, 30);
        w.see(0, "区税务局");
        w.see(1, "x");
        w.see(2, &"长".repeat(40));
        assert_eq!(w.get(), [10.0, 6.0, 32.0]);
        let mut narrow = Widths::new(2, 30);
        narrow.see(0, "区税务局");
        assert_eq!(narrow.around(&["标题", &"长".repeat(20)], 1.5), [22.0, 18.0], "24 more cells, split evenly");
    }

    #[test]
    fn a_wide_table_goes_landscape() {
        assert!(portrait_fits(&[10.0; 8]));
        assert!(!portrait_fits(&[12.0; 11]));
    }
}
