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
    /// Columns holding shares (0–1), shown as percentages in the workbook.
    shares: Vec<usize>,
    rows: Vec<Vec<Cell>>,
    /// A totals row the printed workbook adds below the rows (the CSV stays one row per line).
    total: Option<Vec<Cell>>,
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
    Table { name: say(lang, W::Queue).to_string(), header, shares: vec![10], rows, total: None }
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
    Table { name: say(lang, W::Cases).to_string(), header, shares: vec![7], rows, total: None }
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
    Table { name: say(lang, W::Rooms).to_string(), header, shares: vec![], rows, total: None }
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
    let sum = |f: fn(&crate::domain::report::UnitLine) -> f64| num(r.members.iter().map(f).sum::<f64>());
    let total = vec![
        Cell::Text(say(lang, W::Total).to_string()),
        sum(|u| f64::from(u.records)),
        sum(|u| u.hours),
        sum(|u| u.points),
    ];
    Table { name: say(lang, W::Members).to_string(), header, shares: vec![], rows, total: Some(total) }
}

fn requests_table(lang: Lang, r: &Report) -> Table {
    use crate::domain::request::{Kind, RequestLine};
    use crate::i18n::words::requests as rq;
    let header =
        [rq::Col::By, rq::Col::Name, rq::Col::Collected, rq::Col::Resolved, rq::Col::OnTime, rq::Col::Satisfied]
            .into_iter()
            .chain([rq::Col::Fair, rq::Col::Unsatisfied])
            .map(|c| rq::col(lang, c).to_string())
            .collect();
    let line = |by: &str, name: String, l: &RequestLine| {
        vec![
            Cell::Text(by.to_string()),
            Cell::Text(name),
            num(l.collected),
            num(l.resolved),
            num(l.on_time),
            num(l.satisfied),
            num(l.fair),
            num(l.unsatisfied),
        ]
    };
    let q = &r.requests;
    let mut rows = vec![line(rq::col(lang, rq::Col::All), String::new(), &q.total)];
    rows.extend(q.by_grid.iter().map(|l| line(rq::col(lang, rq::Col::Grid), l.name.clone(), l)));
    rows.extend(q.by_kind.iter().map(|l| {
        let name = Kind::from_str_opt(&l.name).map_or(l.name.clone(), |k| rq::kind(lang, k).to_string());
        line(rq::col(lang, rq::Col::Kind), name, l)
    }));
    rows.extend(q.by_taker.iter().map(|l| line(rq::col(lang, rq::Col::Taker), l.name.clone(), l)));
    Table { name: rq::say(lang, rq::W::Requests).to_string(), header, shares: vec![], rows, total: None }
}

fn tables(lang: Lang, r: &Report) -> Vec<Table> {
    vec![
        queue_table(lang, r),
        cases_table(lang, r),
        rooms_table(lang, r),
        members_table(lang, r),
        requests_table(lang, r),
    ]
}

/// Rows of figures the report holds over all its sections (what the audit trail counts).
pub fn row_count(r: &Report) -> u64 {
    tables(Lang::Zh, r).iter().map(|t| t.rows.len() as u64).sum()
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

/// The report as an .xlsx workbook, one sheet per section, each printing as a document: the
/// centre, the report and the period above the table, one page wide, the header on every page.
pub fn xlsx(lang: Lang, r: &Report) -> Result<Vec<u8>, String> {
    use crate::export::sheet::{Styles, Widths, print_setup, title_block};
    use crate::i18n::fill;
    let e = |e: rust_xlsxwriter::XlsxError| e.to_string();
    let mut book = rust_xlsxwriter::Workbook::new();
    let st = Styles::new();
    let centre = if r.centre.trim().is_empty() { say(lang, W::Centre) } else { r.centre.trim() };
    let title = format!("{centre} · {}", crate::i18n::words::export_report::report_name(lang, r.from, r.to));
    let gap = crate::i18n::words::export_report::gap(lang);
    let as_of = if r.issued < r.to { fill(say(lang, W::AsOf), &[&r.issued]) } else { String::new() };
    let period = format!(
        "{}{as_of}{gap}{}",
        fill(say(lang, W::Period), &[&r.from, &r.to]),
        fill(say(lang, W::IssuedOn), &[&r.issued])
    );
    for t in tables(lang, r) {
        let sheet = book.add_worksheet();
        sheet.set_name(&t.name).map_err(e)?;
        let columns = t.header.len();
        let line = format!("{}{gap}{period}", t.name);
        let header_row = title_block(sheet, &st, columns as u16, &title, std::slice::from_ref(&line)).map_err(e)? + 1;
        let mut widths = Widths::new(columns, 36);
        for (c, h) in t.header.iter().enumerate() {
            sheet.write_string_with_format(header_row, c as u16, h, &st.header).map_err(e)?;
            widths.see(c, h);
        }
        let total = t.total.iter().map(|row| (row, true));
        for (i, (row, is_total)) in t.rows.iter().map(|row| (row, false)).chain(total).enumerate() {
            let y = header_row + 1 + i as u32;
            for (c, cell) in row.iter().enumerate() {
                let c16 = c as u16;
                match cell {
                    Cell::Text(s) => {
                        widths.see(c, s);
                        sheet.write_string_with_format(y, c16, s, if is_total { &st.total } else { &st.text })
                    }
                    Cell::Num(n) if t.shares.contains(&c) => sheet.write_number_with_format(y, c16, *n, &st.share),
                    Cell::Num(n) => {
                        // Two decimals at most, as in the CSV: medians, averages, hours.
                        let n = (n * 100.0).round() / 100.0;
                        widths.see(c, &n.to_string());
                        sheet.write_number_with_format(y, c16, n, if is_total { &st.total_number } else { &st.number })
                    }
                    Cell::Empty => sheet.write_blank(y, c16, &st.text),
                }
                .map_err(e)?;
            }
        }
        print_setup(sheet, &widths.around(&[&title, &line], 1.5), header_row, say(lang, W::PageOf)).map_err(e)?;
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
