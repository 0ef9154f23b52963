//! The street's monthly report: each centre's own monthly report, section by section, one
//! column per centre and the street's total (the sum of the centres' figures).

use crate::domain::lang::Lang;
use crate::domain::report::Report;
use crate::export::csv::{self as csv_file, Cell};
use crate::export::report::Format;
use crate::i18n::words::export_report as er;
use crate::i18n::words::requests as rq;
use crate::i18n::words::street::{W, say};
use serde::Serialize;

/// One figure of a section across the centres.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// What is counted.
    pub name: String,
    /// Each centre's figure, in the centres' order.
    pub values: Vec<f64>,
    /// The street's: their sum.
    pub total: f64,
}

/// A section of the street report (one sheet of the workbook).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    /// The section's name, as in a centre's report.
    pub name: String,
    /// Its figures.
    pub figures: Vec<Figure>,
}

/// The merged report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StreetReport {
    /// The street office.
    pub street: String,
    /// First day.
    pub from: chrono::NaiveDate,
    /// Last day.
    pub to: chrono::NaiveDate,
    /// The centres, in district.toml's order.
    pub centres: Vec<String>,
    /// The sections.
    pub sections: Vec<Section>,
}

/// The additive figures of one centre's report, section by section: counts and hours only
/// (a median of medians is no street figure, so waits stay in the centres' own reports).
fn sections_of(lang: Lang, r: &Report) -> Vec<(String, Vec<(String, f64)>)> {
    let e = |w| er::say(lang, w).to_string();
    let q = &r.queue.total;
    let cases = |f: fn(&crate::domain::report::CaseLine) -> u32| r.cases.by_clerk.iter().map(|l| f64::from(f(l))).sum();
    let req = &r.requests.total;
    vec![
        (
            e(er::W::Queue),
            vec![
                (e(er::W::Issued), f64::from(q.issued)),
                (e(er::W::Served), f64::from(q.served)),
                (e(er::W::NoShow), f64::from(q.no_show)),
            ],
        ),
        (
            e(er::W::Cases),
            vec![
                (e(er::W::Accepted), cases(|l| l.accepted)),
                (e(er::W::Completed), cases(|l| l.completed)),
                (e(er::W::OnTime), cases(|l| l.on_time)),
                (e(er::W::Overdue), cases(|l| l.overdue)),
                (e(er::W::Ratings), cases(|l| l.ratings)),
            ],
        ),
        (
            e(er::W::Rooms),
            vec![
                (say(lang, W::MediationCases).to_string(), r.rooms.by_dispute.iter().map(|c| f64::from(c.count)).sum()),
                (e(er::W::RoomBookings), f64::from(r.rooms.bookings)),
                (e(er::W::Hours), r.rooms.booked_hours),
            ],
        ),
        (
            e(er::W::Members),
            vec![
                (e(er::W::Records), r.members.iter().map(|u| f64::from(u.records)).sum()),
                (e(er::W::Hours2), r.members.iter().map(|u| u.hours).sum()),
                (e(er::W::Points), r.members.iter().map(|u| u.points).sum()),
            ],
        ),
        (
            rq::say(lang, rq::W::Requests).to_string(),
            [
                (rq::Col::Collected, req.collected),
                (rq::Col::Resolved, req.resolved),
                (rq::Col::OnTime, req.on_time),
                (rq::Col::Satisfied, req.satisfied),
                (rq::Col::Fair, req.fair),
                (rq::Col::Unsatisfied, req.unsatisfied),
            ]
            .into_iter()
            .map(|(c, n)| (rq::col(lang, c).to_string(), f64::from(n)))
            .collect(),
        ),
    ]
}

/// Rounds away the float noise of summing halves and tenths.
fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Merges the centres' reports (all of one month) into the street's.
pub fn merge(
    lang: Lang,
    street: &str,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    centres: &[(String, Report)],
) -> StreetReport {
    let each: Vec<_> = centres.iter().map(|(_, r)| sections_of(lang, r)).collect();
    let shape = each.first().cloned().unwrap_or_default();
    let sections = shape
        .into_iter()
        .enumerate()
        .map(|(s, (name, figures))| Section {
            name,
            figures: figures
                .into_iter()
                .enumerate()
                .map(|(f, (name, _))| {
                    let values: Vec<f64> = each.iter().map(|c| round(c[s].1[f].1)).collect();
                    let total = round(values.iter().sum());
                    Figure { name, values, total }
                })
                .collect(),
        })
        .collect();
    StreetReport {
        street: street.to_string(),
        from,
        to,
        centres: centres.iter().map(|(n, _)| n.clone()).collect(),
        sections,
    }
}

/// The header of every section: the figure, each centre, the street.
fn header(lang: Lang, r: &StreetReport) -> Vec<String> {
    std::iter::once(say(lang, W::Figure).to_string())
        .chain(r.centres.iter().cloned())
        .chain(std::iter::once(say(lang, W::StreetTotal).to_string()))
        .collect()
}

fn row(f: &Figure) -> Vec<Cell> {
    std::iter::once(Cell::Text(f.name.clone()))
        .chain(f.values.iter().map(|v| Cell::Num(*v)))
        .chain(std::iter::once(Cell::Num(f.total)))
        .collect()
}

/// One CSV: the section first on every row; text cells neutralised (a centre named `=…`).
pub fn csv(lang: Lang, r: &StreetReport) -> String {
    let mut rows = vec![csv_file::texts(
        &std::iter::once(er::say(lang, er::W::Section).to_string()).chain(header(lang, r)).collect::<Vec<_>>(),
    )];
    for s in &r.sections {
        for f in &s.figures {
            rows.push(std::iter::once(Cell::Text(s.name.clone())).chain(row(f)).collect());
        }
    }
    csv_file::write(&rows, true, true)
}

/// A workbook with a sheet per section, printing as the centres' reports do.
pub fn xlsx(lang: Lang, r: &StreetReport) -> Result<Vec<u8>, String> {
    use crate::export::sheet::{Styles, Widths, print_setup, title_block};
    let e = |e: rust_xlsxwriter::XlsxError| e.to_string();
    let mut book = rust_xlsxwriter::Workbook::new();
    let st = Styles::new();
    let title = format!("{} · {}", r.street, say(lang, W::MonthlyTitle));
    let period = crate::i18n::fill(er::say(lang, er::W::Period), &[&r.from, &r.to]);
    let header = header(lang, r);
    for s in &r.sections {
        let sheet = book.add_worksheet();
        sheet.set_name(&s.name).map_err(e)?;
        let line = format!("{}{}{period}", s.name, er::gap(lang));
        let header_row =
            title_block(sheet, &st, header.len() as u16, &title, std::slice::from_ref(&line)).map_err(e)? + 1;
        let mut widths = Widths::new(header.len(), 36);
        for (c, h) in header.iter().enumerate() {
            sheet.write_string_with_format(header_row, c as u16, h, &st.header).map_err(e)?;
            widths.see(c, h);
        }
        for (i, f) in s.figures.iter().enumerate() {
            let y = header_row + 1 + i as u32;
            let last = header.len() - 1;
            for (c, cell) in row(f).into_iter().enumerate() {
                let c16 = c as u16;
                match cell {
                    Cell::Text(t) => {
                        widths.see(c, &t);
                        sheet.write_string_with_format(y, c16, &t, &st.text)
                    }
                    Cell::Num(n) => {
                        widths.see(c, &n.to_string());
                        sheet.write_number_with_format(y, c16, n, if c == last { &st.total_number } else { &st.number })
                    }
                    Cell::Empty => sheet.write_blank(y, c16, &st.text),
                }
                .map_err(e)?;
            }
        }
        print_setup(sheet, &widths.around(&[&title, &line], 1.5), header_row, er::say(lang, er::W::PageOf))
            .map_err(e)?;
    }
    book.save_to_buffer().map_err(e)
}

/// The report in `format`.
pub fn render(lang: Lang, r: &StreetReport, format: Format) -> Result<Vec<u8>, String> {
    match format {
        Format::Json => {
            Ok(format!("{}\n", serde_json::to_string_pretty(r).unwrap_or_else(|_| "{}".into())).into_bytes())
        }
        Format::Csv => Ok(csv(lang, r).into_bytes()),
        Format::Xlsx => xlsx(lang, r),
    }
}
