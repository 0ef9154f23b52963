//! Daily and monthly reports as JSON, CSV (one file, a section column first) and XLSX
//! (one sheet per section).

use crate::domain::lang::Lang;
use crate::domain::mediation::{DisputeType, MediationState};
use crate::domain::report::{CaseLine, QueueLine, Report};
use crate::export::csv::{self as csv_file, Cell};
use crate::i18n::pick;

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
    let h = |zh, en| pick(lang, zh, en).to_string();
    let header = vec![
        h("维度", "by"),
        h("编号", "key"),
        h("名称", "name"),
        h("取号", "issued"),
        h("办结", "served"),
        h("过号", "no-show"),
        h("等候中位数(分)", "wait median (min)"),
        h("等候P90(分)", "wait p90 (min)"),
        h("办理中位数(分)", "service median (min)"),
        h("办理P90(分)", "service p90 (min)"),
        format!("{}{}{}", h("超", "over "), r.wait_target_minutes, h("分钟占比", " min share")),
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
    let mut rows = vec![line(h("全部", "all"), &q.total)];
    rows.extend(q.by_window.iter().map(|l| line(h("窗口", "window"), l)));
    rows.extend(q.by_clerk.iter().map(|l| line(h("工作人员", "clerk"), l)));
    rows.extend(q.by_category.iter().map(|l| line(h("业务类别", "category"), l)));
    let widths = vec![10.0, 10.0, 14.0, 8.0, 8.0, 8.0, 16.0, 14.0, 16.0, 14.0, 16.0];
    Table { name: h("排队叫号", "Queue"), header, widths, shares: vec![10], rows }
}

fn cases_table(lang: Lang, r: &Report) -> Table {
    let h = |zh, en| pick(lang, zh, en).to_string();
    let header = vec![
        h("维度", "by"),
        h("编号", "key"),
        h("名称", "name"),
        h("受理", "accepted"),
        h("办结", "completed"),
        h("按期办结", "on time"),
        h("超期", "overdue"),
        h("按期办结率", "on-time rate"),
        h("评价数", "ratings"),
        h("平均评价", "average rating"),
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
    let mut rows: Vec<Vec<Cell>> = r.cases.by_clerk.iter().map(|l| line(h("工作人员", "clerk"), l)).collect();
    rows.extend(r.cases.by_item.iter().map(|l| line(h("事项", "item"), l)));
    let widths = vec![10.0, 14.0, 30.0, 8.0, 8.0, 10.0, 8.0, 12.0, 8.0, 10.0];
    Table { name: h("办件", "Cases"), header, widths, shares: vec![7], rows }
}

fn rooms_table(lang: Lang, r: &Report) -> Table {
    let h = |zh, en| pick(lang, zh, en).to_string();
    let header = vec![h("维度", "by"), h("名称", "name"), h("数量", "count"), h("小时", "hours")];
    let mut rows = Vec::new();
    for c in &r.rooms.by_dispute {
        let name =
            DisputeType::from_str_opt(&c.key).map_or(c.key.clone(), |d| crate::i18n::rooms::dispute(lang, d).into());
        rows.push(vec![Cell::Text(h("纠纷类型", "dispute type")), Cell::Text(name), num(c.count), Cell::Empty]);
    }
    for c in &r.rooms.by_state {
        let name = MediationState::from_str_opt(&c.key)
            .map_or(c.key.clone(), |s| crate::i18n::rooms::mediation_state(lang, s).into());
        rows.push(vec![Cell::Text(h("调解状态", "state")), Cell::Text(name), num(c.count), Cell::Empty]);
    }
    rows.push(vec![
        Cell::Text(h("调解室预约", "room bookings")),
        Cell::Empty,
        num(r.rooms.bookings),
        num(r.rooms.booked_hours),
    ]);
    Table { name: h("调解室", "Rooms"), header, widths: vec![14.0, 16.0, 8.0, 8.0], shares: vec![], rows }
}

fn members_table(lang: Lang, r: &Report) -> Table {
    let h = |zh, en| pick(lang, zh, en).to_string();
    let header =
        vec![h("工作单位", "work unit"), h("服务记录", "records"), h("时长(小时)", "hours"), h("积分", "points")];
    let rows = r
        .members
        .iter()
        .map(|u| vec![Cell::Text(u.unit.clone()), num(u.records), num(u.hours), num(u.points)])
        .collect();
    Table { name: h("党员服务", "Members"), header, widths: vec![24.0, 10.0, 12.0, 8.0], shares: vec![], rows }
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
    let section = pick(lang, "板块", "section");
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
