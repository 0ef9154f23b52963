//! The one way the program writes CSV: the `csv` crate for quoting, and every text cell passed
//! through [`neutralise`] so that a spreadsheet never runs a typed-in value as a formula.

/// A cell of a CSV row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text typed by someone: names, work units, reasons. Neutralised.
    Text(String),
    /// A figure the program computed; written as a number, so a negative one stays a number.
    Num(f64),
    /// Nothing.
    Empty,
}

impl Cell {
    /// The text written for this cell.
    fn out(&self) -> String {
        match self {
            Cell::Text(s) => neutralise(s),
            // Two decimals at most: shares, medians and averages.
            Cell::Num(n) => format!("{}", (n * 100.0).round() / 100.0),
            Cell::Empty => String::new(),
        }
    }
}

/// A text cell with a leading `'` when it starts with `=`, `+`, `-`, `@`, a tab or a carriage
/// return: spreadsheets read those as the start of a formula (OWASP's "CSV injection"), and
/// the apostrophe makes them show the text as typed. Only text cells pass through here, so a
/// negative figure the program computed stays a number.
pub fn neutralise(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() }
}

/// Rows of cells as CSV text: `bom` puts a UTF-8 byte-order mark first (Excel then reads the
/// Chinese right); `crlf` ends lines with CR LF as RFC 4180 says.
pub fn write(rows: &[Vec<Cell>], bom: bool, crlf: bool) -> String {
    let mut out = if bom { "\u{feff}".as_bytes().to_vec() } else { Vec::new() };
    let terminator = if crlf { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') };
    let mut w = csv::WriterBuilder::new().terminator(terminator).flexible(true).from_writer(&mut out);
    for row in rows {
        // Writing into memory cannot fail; a row that somehow does is left out rather than
        // cutting the file short.
        let _ = w.write_record(row.iter().map(Cell::out));
    }
    let _ = w.flush();
    drop(w);
    // Only whole UTF-8 strings went in.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Texts as a row of text cells.
pub fn texts<S: AsRef<str>>(cells: &[S]) -> Vec<Cell> {
    cells.iter().map(|s| Cell::Text(s.as_ref().to_string())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_are_not() {
        for s in ["=1+1", "+1", "-x", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise(s), format!("'{s}"));
        }
        assert_eq!(neutralise("区税务局"), "区税务局");
        let rows = vec![vec![Cell::Text("-1".into()), Cell::Num(-1.5), Cell::Text("a,\"b\"".into()), Cell::Empty]];
        assert_eq!(write(&rows, false, false), "'-1,-1.5,\"a,\"\"b\"\"\",\n");
    }
}
