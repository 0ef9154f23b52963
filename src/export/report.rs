//! Daily and monthly reports as JSON, CSV (one file, a section column first) and XLSX
//! (one sheet per section).

use crate::domain::lang::Lang;
use crate::domain::mediation::{DisputeType, MediationState};
use crate::domain::report::{CaseLine, QueueLine, Report};
use crate::export::csv::{self as csv_file, Cell};
use crate::i18n::words::export_report::{W, say};

/// Output formats of `yichuang report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One JSON object with `from`, `to`, `queue`, `cases`, `rooms`, `members`.
    Json,
    /// CSV with a byte-order mark, so spreadsheets read the Chinese right.
    Csv,
    /// An Excel workbook.
    Xlsx,
}

fn num(n: impl Into<f64>) -> Cell {
    Cell::Num(n.into())
}

fn opt(n: Option<f64>) -> Cell {
    n.map_or(Cell::Empty, Cell::Num)
}

/// One section as a table: its name, headers and rows.
struct Table {
    name: String,
    header: Vec<String>,
    widths: Vec<f64>,
    /// Columns holding shares (0–1), shown as percentages in the workbook.
    shares: Vec<usize>,
    rows: Vec<Vec<Cell>>,
}

fn queue_table(lang: Lang, r: &Report) -> Table {
    let header = vec![
        say(lang, W::By).to_string(),
        say(lang, W::Key).to_string(),
        say(lang, W::Name).to_string(),
        say(lang, W::Issued).to_string(),
        say(lang, W::Served).to_string(),
        say(lang, W::NoShow).to_string(),
        say(lang, W::WaitMedianMin).to_string(),
        say(lang, W::WaitP90Min).to_string(),
        say(lang, W::ServiceMedianMin).to_string(),
        say(lang, W::ServiceP90Min).to_string(),
        format!("{}{}{}", say(lang, W::Over).to_string(), r.wait_target_minutes, say(lang, W::MinShare).to_string()),
    ];
    let line = |by: String, l: &QueueLine| {
        vec![
            Cell::Text(by),
            Cell::Text(l.key.clone()),
            Cell::Text(l.name.clone()),
            num(l.issued),
            num(l.served),
            num(l.no_show),
            opt(l.wait_median),
            opt(l.wait_p90),
            opt(l.service_median),
            opt(l.service_p90),
            opt(l.over_target),
        ]
    };
    let q = &r.queue;
    let mut rows = vec![line(say(lang, W::All).to_string(), &q.total)];
    rows.extend(q.by_window.iter().map(|l| line(say(lang, W::Window).to_string(), l)));
    rows.extend(q.by_clerk.iter().map(|l| line(say(lang, W::Clerk).to_string(), l)));
    rows.extend(q.by_category.iter().map(|l| line(say(lang, W::Category).to_string(), l)));
    let widths = vec![10.0, 10.0, 14.0, 8.0, 8.0, 8.0, 16.0, 14.0, 16.0, 14.0, 16.0];
    Table { name: say(lang, W::Queue).to_string(), header, widths, shares: vec![10], rows }
}

fn cases_table(lang: Lang, r: &Report) -> Table {
    let header = vec![
        say(lang, W::By).to_string(),
        say(lang, W::Key).to_string(),
        say(lang, W::Name).to_string(),
        say(lang, W::Accepted).to_string(),
        say(lang, W::Completed).to_string(),
        say(lang, W::OnTime).to_string(),
        say(lang, W::Overdue).to_string(),
        say(lang, W::OnTimeRate).to_string(),
        say(lang, W::Ratings).to_string(),
        say(lang, W::AverageRating).to_string(),
    ];
    let line = |by: String, l: &CaseLine| {
        vec![
            Cell::Text(by),
            Cell::Text(l.key.clone()),
            Cell::Text(l.name.clone()),
            num(l.accepted),
            num(l.completed),
            num(l.on_time),
            num(l.overdue),
            opt(l.on_time_rate),
            num(l.ratings),
            opt(l.rating_avg),
        ]
    };
    let mut rows: Vec<Vec<Cell>> = r.cases.by_clerk.iter().map(|l| line(say(lang, W::Clerk).to_string(), l)).collect();
    rows.extend(r.cases.by_item.iter().map(|l| line(say(lang, W::Item).to_string(), l)));
    let widths = vec![10.0, 14.0, 30.0, 8.0, 8.0, 10.0, 8.0, 12.0, 8.0, 10.0];
    Table { name: say(lang, W::Cases).to_string(), header, widths, shares: vec![7], rows }
}

fn rooms_table(lang: Lang, r: &Report) -> Table {
    let header = vec![
        say(lang, W::By).to_string(),
        say(lang, W::Name).to_string(),
        say(lang, W::Count).to_string(),
        say(lang, W::Hours).to_string(),
    ];
    let mut rows = Vec::new();
    for c in &r.rooms.by_dispute {
        let name =
            DisputeType::from_str_opt(&c.key).map_or(c.key.clone(), |d| crate::i18n::rooms::dispute(lang, d).into());
        rows.push(vec![Cell::Text(say(lang, W::DisputeType).to_string()), Cell::Text(name), num(c.count), Cell::Empty]);
    }
    for c in &r.rooms.by_state {
        let name = MediationState::from_str_opt(&c.key)
            .map_or(c.key.clone(), |s| crate::i18n::rooms::mediation_state(lang, s).into());
        rows.push(vec![Cell::Text(say(lang, W::State).to_string()), Cell::Text(name), num(c.count), Cell::Empty]);
    }
    rows.push(vec![
        Cell::Text(say(lang, W::RoomBookings).to_string()),
        Cell::Empty,
        num(r.rooms.bookings),
        num(r.rooms.booked_hours),
    ]);
    Table { name: say(lang, W::Rooms).to_string(), header, widths: vec![14.0, 16.0, 8.0, 8.0], shares: vec![], rows }
}

fn members_table(lang: Lang, r: &Report) -> Table {
    let header = vec![
        say(lang, W::WorkUnit).to_string(),
        say(lang, W::Records).to_string(),
        say(lang, W::Hours2).to_string(),
        say(lang, W::Points).to_string(),
    ];
    let rows = r
        .members
        .iter()
        .map(|u| vec![Cell::Text(u.unit.clone()), num(u.records), num(u.hours), num(u.points)])
        .collect();
    Table { name: say(lang, W::Members).to_string(), header, widths: vec![24.0, 10.0, 12.0, 8.0], shares: vec![], rows }
}

fn tables(lang: Lang, r: &Report) -> Vec<Table> {
    vec![queue_table(lang, r), cases_table(lang, r), rooms_table(lang, r), members_table(lang, r)]
}

/// The report as JSON.
pub fn json(r: &Report) -> String {
    serde_json::to_string_pretty(r).unwrap_or_else(|_| "{}".into())
}

/// The report as one CSV: each section's header row, then its rows, the section name first.
/// Every text cell is neutralised (a work unit typed as `=HYPERLINK(…)` stays text).
pub fn csv(lang: Lang, r: &Report) -> String {
    let section = say(lang, W::Section);
    let mut rows = Vec::new();
    for t in tables(lang, r) {
        rows.push(csv_file::texts(
            &std::iter::once(section).chain(t.header.iter().map(String::as_str)).collect::<Vec<_>>(),
        ));
        for row in &t.rows {
            rows.push(std::iter::once(Cell::Text(t.name.clone())).chain(row.iter().cloned()).collect());
        }
    }
    csv_file::write(&rows, true, true)
}

/// The report as an .xlsx workbook, one sheet per section.
pub fn xlsx(lang: Lang, r: &Report) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Format, Workbook};
    let e = |e: rust_xlsxwriter::XlsxError| e.to_string();
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let share = Format::new().set_num_format("0.0%");
    for t in tables(lang, r) {
        let sheet = book.add_worksheet();
        sheet.set_name(&t.name).map_err(e)?;
        for (c, h) in t.header.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, h, &bold).map_err(e)?;
        }
        for (i, row) in t.rows.iter().enumerate() {
            let y = i as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                match cell {
                    Cell::Text(s) => sheet.write_string(y, c as u16, s).map(|_| ()),
                    Cell::Num(n) if t.shares.contains(&c) => {
                        sheet.write_number_with_format(y, c as u16, *n, &share).map(|_| ())
                    }
                    Cell::Num(n) => sheet.write_number(y, c as u16, *n).map(|_| ()),
                    Cell::Empty => Ok(()),
                }
                .map_err(e)?;
            }
        }
        for (c, w) in t.widths.iter().enumerate() {
            sheet.set_column_width(c as u16, *w).map_err(e)?;
        }
    }
    book.save_to_buffer().map_err(e)
}

/// The report in `format`, as bytes to write.
pub fn render(lang: Lang, r: &Report, format: Format) -> Result<Vec<u8>, String> {
    match format {
        Format::Json => Ok(format!("{}\n", json(r)).into_bytes()),
        Format::Csv => Ok(csv(lang, r).into_bytes()),
        Format::Xlsx => xlsx(lang, r),
    }
}
