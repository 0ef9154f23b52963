//! The words of `import residents|members`, `import undo|batches` and `export residents|members`:
//! every refusal with its place, the preview's counts, the report file's columns.

use crate::domain::import::{At, Kind, Problem, Refused, column_letter};
use crate::domain::lang::Lang;
use crate::domain::resident::{ResidentProblem, Tag};
use crate::i18n::fill;
use crate::model::import::{Batch, Plan, Undone};

/// A phrase of this part of the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum W {
    /// The refusal of an ID Excel stored as a number (the issue's own words).
    ExcelNumber,
    /// 身份证号为空
    NoId,
    /// The name is empty or too long.
    Name,
    /// 工作单位为空
    WorkUnit,
    /// 服务意向 names nothing known.
    Intention,
    /// A date in no spelling known.
    Date,
    /// The same ID earlier: {place}.
    Duplicate,
    /// No header in the first rows.
    NoHeader,
    /// 第 {} 行 {} 列
    RowColumn,
    /// 第 {} 行
    Row,
    /// A name on file differs: held.
    Held,
    /// The report's column titles, comma-separated.
    ReportHeader,
    /// 新增
    Add,
    /// 更新
    Change,
    /// 待主管核对
    ForSupervisor,
    /// 拒收
    Refuse,
    /// The preview's counts.
    Preview,
    /// The batch's counts.
    Imported,
    /// Nothing to write: the counts.
    Nothing,
    /// How the desk confirms a previewed import.
    ConfirmInDesk,
    /// The report was written to {}.
    ReportAt,
    /// {} is no workbook nor CSV.
    NotASheet,
    /// A bad --map.
    BadMap,
    /// The undo's counts.
    UndoDone,
    /// Kept by the undo: {}.
    UndoKept,
    /// No such batch.
    NoBatch,
    /// Undone already.
    UndoneAlready,
    /// No batches yet.
    NoBatches,
    /// 已完成
    Finished,
    /// 中断
    Stopped,
    /// 已撤销
    Undone,
    /// 居民 / 党员
    Residents,
    /// 党员
    Members,
    /// The progress line.
    Progress,
    /// Export done.
    Exported,
    /// Resident export's column titles.
    ResidentColumns,
    /// Member export's column titles.
    MemberColumns,
}

/// The phrase in the interface language.
pub fn say(lang: Lang, w: W) -> &'static str {
    let (zh, en) = match w {
        W::ExcelNumber => (
            "身份证号被 Excel 当成数字，后三位已丢失：请把该列设为文本后重新导出",
            "Excel stored the ID number as a number and lost its last three digits: set the column to text and export again",
        ),
        W::NoId => ("身份证号为空", "no ID number"),
        W::Name => ("姓名为空或超过 20 个字", "the name is empty or longer than 20 characters"),
        W::WorkUnit => ("工作单位为空", "no work unit"),
        W::Intention => {
            ("服务意向无法识别（写岗位名称或 1–8）", "service intention not understood (post names or 1–8)")
        }
        W::Date => (
            "日期无法识别：可写 2023-05-01、2023.5.1 或 2023年5月1日",
            "date not understood: write 2023-05-01, 2023.5.1 or 2023年5月1日",
        ),
        W::Duplicate => ("身份证号与{}重复，只导入前一行", "same ID number as {}: only that row is imported"),
        W::NoHeader => (
            "前六行没有找到表头（需要“姓名”和“身份证号”两列；列名不同时用 --map 列名=name），已跳过",
            "no header in the first six rows (a name and an ID column are needed; name others with --map COLUMN=name): skipped",
        ),
        W::RowColumn => ("第 {} 行 {} 列", "row {}, column {}"),
        W::Row => ("第 {} 行", "row {}"),
        W::Held => (
            "身份证号与在册的“{}”相同但姓名不同：请主管核对，本行未导入",
            "the ID number is on file for “{}” under another name: for a supervisor to check; not imported",
        ),
        W::ReportHeader => ("文件,工作表,行,列,结果,说明", "file,sheet,row,column,result,detail"),
        W::Add => ("新增", "add"),
        W::Change => ("更新", "change"),
        W::ForSupervisor => ("待主管核对", "for a supervisor"),
        W::Refuse => ("拒收", "refused"),
        W::Preview => (
            "预览（未写入）：新增 {} 人，更新 {} 人，无变化 {} 人，待主管核对 {} 人，拒收 {} 行，跳过空行或合计行 {} 行",
            "Preview (nothing written): add {}, change {}, unchanged {}, for a supervisor {}, refused {} rows, blank or total rows skipped {}",
        ),
        W::Imported => (
            "导入批次 #{}：新增 {} 人，更新 {} 人，无变化 {} 人，待主管核对 {} 人，拒收 {} 行；撤销用 yichuang import undo {}",
            "Import batch #{}: added {}, changed {}, unchanged {}, for a supervisor {}, refused {} rows; undo with yichuang import undo {}",
        ),
        W::Nothing => (
            "没有需要写入的人（未建导入批次）：无变化 {} 人，待主管核对 {} 人，拒收 {} 行",
            "Nobody to write (no batch made): unchanged {}, for a supervisor {}, refused {} rows",
        ),
        W::ConfirmInDesk => (
            "确认导入：再次输入同一命令，末尾加 confirm（或“确认”）；导入为一个批次，可用 import undo 批次号 撤销",
            "To import: type the same command again ending in confirm; it is one batch, undone with import undo BATCH",
        ),
        W::ReportAt => ("报告已写入 {}", "Report written to {}"),
        W::NotASheet => ("{}：不是 .xlsx、.xls 或 .csv 文件", "{}: not an .xlsx, .xls or .csv file"),
        W::BadMap => ("--map {}：应写 列名=字段，字段为 {}", "--map {}: write COLUMN=FIELD, the field one of {}"),
        W::UndoDone => (
            "已撤销导入批次 #{}：删除其新增的 {} 人，恢复其修改的 {} 人",
            "Import batch #{} undone: {} people it added removed, {} it changed put back",
        ),
        W::UndoKept => (
            "保留 {} 人（导入后已有办件、取号、预约、修改或查看记录）：{}",
            "{} kept (they have cases, tickets, bookings, edits or reveals since): {}",
        ),
        W::NoBatch => (
            "没有编号为 {} 的导入批次：yichuang import batches 列出全部",
            "No import batch {}: yichuang import batches lists them",
        ),
        W::UndoneAlready => ("导入批次 #{} 已于 {} 撤销", "Import batch #{} was undone at {}"),
        W::NoBatches => ("还没有导入批次", "No import batches yet"),
        W::Finished => ("已完成", "finished"),
        W::Stopped => (
            "中断（已写入 {} 段，可用相同文件重新导入续完，或撤销）",
            "stopped ({} chunks written: import the same files again to finish, or undo)",
        ),
        W::Undone => ("已撤销", "undone"),
        W::Residents => ("居民", "residents"),
        W::Members => ("党员", "members"),
        W::Progress => ("导入中 {} {}/{}", "importing {} {}/{}"),
        W::Exported => ("已导出 {} 人到 {}", "{} exported to {}"),
        W::ResidentColumns => (
            "姓名,身份证号,联系电话,小区,楼栋,单元,户号,网格,人员类别",
            "name,id_number,phone,estate,building,unit,room,grid,tags",
        ),
        W::MemberColumns => (
            "姓名,身份证号,联系电话,工作单位,单位党组织,住址,网格,报到日期,特长,服务意向,状态",
            "name,id_number,phone,unit,branch,address,grid,reported_on,skills,intentions,status",
        ),
    };
    super::super::pick(lang, zh, en)
}

/// Where a row is: `名册.xlsx（一网格）第 812 行 C 列`.
pub fn place(lang: Lang, at: &At, column: Option<usize>) -> String {
    let cell = match column {
        Some(c) => fill(say(lang, W::RowColumn), &[&at.line, &column_letter(c)]),
        None => fill(say(lang, W::Row), &[&at.line]),
    };
    format!("{} {cell}", file_sheet(at))
}

fn file_sheet(at: &At) -> String {
    if at.sheet.is_empty() { at.file.clone() } else { format!("{}（{}）", at.file, at.sheet) }
}

/// Why a row was refused.
pub fn problem(lang: Lang, p: &Problem) -> String {
    match p {
        Problem::ExcelNumber => say(lang, W::ExcelNumber).into(),
        Problem::NoId => say(lang, W::NoId).into(),
        Problem::Id(id) => crate::i18n::cases::resident_problem(lang, &ResidentProblem::Id(*id)),
        Problem::Name => say(lang, W::Name).into(),
        Problem::Phone => crate::i18n::cases::resident_problem(lang, &ResidentProblem::Phone),
        Problem::LongAddress => crate::i18n::cases::resident_problem(lang, &ResidentProblem::LongAddress),
        Problem::WorkUnit => say(lang, W::WorkUnit).into(),
        Problem::Intention => say(lang, W::Intention).into(),
        Problem::Date => say(lang, W::Date).into(),
        Problem::Duplicate(first) => fill(say(lang, W::Duplicate), &[&place(lang, first, None)]),
        Problem::NoHeader => say(lang, W::NoHeader).into(),
    }
}

/// One refusal as a line: place, then reason.
pub fn refusal(lang: Lang, r: &Refused) -> String {
    if r.at.line == 0 {
        return format!("{}：{}", file_sheet(&r.at), problem(lang, &r.problem));
    }
    format!("{}：{}", place(lang, &r.at, r.column), problem(lang, &r.problem))
}

/// The damaged-ID refusals of a file gathered in one line naming every row: the whole column
/// is usually damaged, and one line says what to do once.
pub fn excel_numbers(lang: Lang, refused: &[Refused]) -> Vec<String> {
    let mut by_file: Vec<(String, Option<usize>, Vec<usize>)> = Vec::new();
    for r in refused.iter().filter(|r| r.problem == Problem::ExcelNumber) {
        let key = file_sheet(&r.at);
        match by_file.iter_mut().find(|(k, c, _)| *k == key && *c == r.column) {
            Some((_, _, rows)) => rows.push(r.at.line),
            None => by_file.push((key, r.column, vec![r.at.line])),
        }
    }
    by_file
        .into_iter()
        .map(|(file, col, rows)| {
            let rows: Vec<String> = rows.iter().map(|n| n.to_string()).collect();
            let col = col.map(column_letter).unwrap_or_default();
            match lang {
                Lang::Zh => format!("{}（{file} 第 {} 行 {col} 列）", say(lang, W::ExcelNumber), rows.join("、")),
                Lang::En => format!("{} ({file}, rows {}, column {col})", say(lang, W::ExcelNumber), rows.join(", ")),
            }
        })
        .collect()
}

/// The preview's counts.
pub fn preview(lang: Lang, p: &Plan) -> String {
    fill(say(lang, W::Preview), &[&p.add.len(), &p.change.len(), &p.same, &p.held.len(), &rows_refused(p), &p.skipped])
}

fn rows_refused(p: &Plan) -> usize {
    p.refused.iter().filter(|r| r.at.line > 0).count()
}

/// Nothing to add or change.
pub fn nothing(lang: Lang, p: &Plan) -> String {
    fill(say(lang, W::Nothing), &[&p.same, &p.held.len(), &rows_refused(p)])
}

/// The batch's counts, and how to undo it.
pub fn imported(lang: Lang, b: &Batch, p: &Plan) -> String {
    fill(
        say(lang, W::Imported),
        &[&b.id, &p.add.len(), &p.change.len(), &p.same, &p.held.len(), &rows_refused(p), &b.id],
    )
}

/// The undo's counts, and who was kept.
pub fn undone(lang: Lang, u: &Undone) -> Vec<String> {
    let mut out = vec![fill(say(lang, W::UndoDone), &[&u.batch, &u.removed, &u.restored])];
    if !u.kept.is_empty() {
        out.push(fill(say(lang, W::UndoKept), &[&u.kept.len(), &u.kept.join("、")]));
    }
    out
}

/// A batch as `import batches` lists it.
pub fn batch(lang: Lang, b: &Batch) -> String {
    let kind = say(lang, if b.kind == Kind::Residents { W::Residents } else { W::Members });
    let state = match (&b.undone_at, &b.finished_at) {
        (Some(_), _) => say(lang, W::Undone).to_string(),
        (None, Some(_)) => say(lang, W::Finished).to_string(),
        (None, None) => fill(say(lang, W::Stopped), &[&b.chunks]),
    };
    let (add, change, refuse) = (say(lang, W::Add), say(lang, W::Change), say(lang, W::Refuse));
    format!(
        "#{} {} {} {kind} {}  {add} {} {change} {} {refuse} {}  {state}",
        b.id, b.created_at, b.who, b.files, b.added, b.changed, b.refused
    )
}

/// The word of a tag in a register (the words the importer reads back).
pub fn tag(lang: Lang, t: Tag) -> &'static str {
    let (zh, en) = match t {
        Tag::Elderly => ("高龄", "elderly"),
        Tag::Disability => ("残疾", "disability"),
        Tag::Veteran => ("退役军人", "veteran"),
        Tag::Hardship => ("低保", "hardship"),
        Tag::Pregnant => ("孕妇", "pregnant"),
        Tag::LivingAlone => ("独居", "living alone"),
    };
    super::super::pick(lang, zh, en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_names_row_and_column_as_the_sheet_shows_them() {
        let at = At { file: "一网格.xlsx".into(), sheet: String::new(), line: 812 };
        let r = Refused { at, column: Some(2), problem: Problem::NoId };
        assert_eq!(refusal(Lang::Zh, &r), "一网格.xlsx 第 812 行 C 列：身份证号为空");
    }
}
