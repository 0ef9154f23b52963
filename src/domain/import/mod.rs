//! The first-day import: the rows of offices' registers and rosters turned into residents and
//! party members under the desk's own rules (GB 11643, mobiles, lengths), each row refused with
//! its place (`第 812 行 C 列`) and reason, duplicates within and across files caught.

pub mod cell;
pub mod header;

pub use cell::{Cell, column_letter};
pub use header::Field;
use header::Header;

use crate::domain::member::{Member, MemberDraft, MemberProblem};
use crate::domain::resident::{IdProblem, Resident, ResidentDraft, ResidentProblem, Tag};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Who the file lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The residents' register (居民花名册).
    Residents,
    /// A work unit's roster of party members reporting (报到名单).
    Members,
}

impl Kind {
    /// The word stored with a batch.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Residents => "residents",
            Kind::Members => "members",
        }
    }

    /// Parses a stored word.
    pub fn from_str_opt(s: &str) -> Option<Kind> {
        [Kind::Residents, Kind::Members].into_iter().find(|k| k.as_str() == s)
    }
}

/// One sheet of a workbook (a CSV is one sheet), cells as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The file's name as given.
    pub file: String,
    /// The sheet's name (empty for a CSV).
    pub name: String,
    /// Rows from the first, cells from column A.
    pub rows: Vec<Vec<Cell>>,
}

/// Where a row was: file, sheet and the row number the spreadsheet shows (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct At {
    /// File.
    pub file: String,
    /// Sheet (empty for a CSV).
    pub sheet: String,
    /// Row number as shown (0: the sheet as a whole).
    pub line: usize,
}

/// Why a row (or a sheet) was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The ID was stored as a number by Excel: its last digits are lost.
    ExcelNumber,
    /// The ID cell is empty.
    NoId,
    /// The ID breaks GB 11643.
    Id(IdProblem),
    /// The name is empty or longer than 20 characters.
    Name,
    /// Not a mainland mobile number.
    Phone,
    /// An address part longer than 30 characters.
    LongAddress,
    /// A member without a work unit.
    WorkUnit,
    /// 服务意向 names no post.
    Intention,
    /// Not a date in any spelling the importer knows.
    Date,
    /// The same ID came earlier, here.
    Duplicate(At),
    /// The sheet has no header naming 姓名 and an ID column in its first rows.
    NoHeader,
}

/// A refused row with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// Where.
    pub at: At,
    /// The 0-based column, when one cell is to blame.
    pub column: Option<usize>,
    /// Why.
    pub problem: Problem,
}

/// A person as a row gives them, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Person {
    /// A resident.
    Resident(Resident),
    /// A party member.
    Member(Member),
}

impl Person {
    /// Name.
    pub fn name(&self) -> &str {
        match self {
            Person::Resident(r) => &r.name,
            Person::Member(m) => &m.name,
        }
    }

    /// Identity number.
    pub fn id_number(&self) -> &str {
        match self {
            Person::Resident(r) => &r.id_number,
            Person::Member(m) => &m.id_number,
        }
    }
}

/// A row that passed every rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Where.
    pub at: At,
    /// Who.
    pub person: Person,
    /// The fields the row filled in (a blank cell never empties a field on file).
    pub given: Vec<Field>,
}

/// What the files hold: rows to use, rows refused, rows skipped (blank, totals).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Read {
    /// Good rows, in file order, each ID once.
    pub rows: Vec<Row>,
    /// Refused rows and sheets.
    pub refused: Vec<Refused>,
    /// Blank and total rows passed over.
    pub skipped: usize,
}

/// Reads every sheet under the desk's rules; `today` bounds birth dates and is the 报到日期
/// of a member whose roster gives none.
pub fn read(sheets: &[Sheet], kind: Kind, map: &[(String, Field)], today: NaiveDate) -> Read {
    let mut out = Read::default();
    let mut seen: HashMap<String, At> = HashMap::new();
    for sheet in sheets {
        let Some(h) = header::find(&sheet.rows, kind, map) else {
            let at = At { file: sheet.file.clone(), sheet: sheet.name.clone(), line: 0 };
            out.refused.push(Refused { at, column: None, problem: Problem::NoHeader });
            continue;
        };
        for (i, cells) in sheet.rows.iter().enumerate().skip(h.data_from) {
            let at = At { file: sheet.file.clone(), sheet: sheet.name.clone(), line: i + 1 };
            if skipped(cells, &h) {
                out.skipped += 1;
                continue;
            }
            match row(cells, &h, kind, today) {
                Err((column, problem)) => out.refused.push(Refused { at, column, problem }),
                Ok((person, given)) => {
                    if let Some(first) = seen.get(person.id_number()) {
                        let problem = Problem::Duplicate(first.clone());
                        out.refused.push(Refused { at, column: h.column(Field::IdNumber), problem });
                        continue;
                    }
                    seen.insert(person.id_number().to_string(), at.clone());
                    out.rows.push(Row { at, person, given });
                }
            }
        }
    }
    out
}

/// Blank rows, and the 合计 / 总计 / 小计 rows at the foot of a sheet.
fn skipped(cells: &[Cell], h: &Header) -> bool {
    if cells.iter().all(Cell::is_blank) {
        return true;
    }
    let total = |c: &Cell| ["合计", "总计", "小计"].iter().any(|w| c.text().replace(' ', "").starts_with(w));
    let id_blank = h.column(Field::IdNumber).and_then(|c| cells.get(c)).is_none_or(Cell::is_blank);
    id_blank && cells.iter().any(total)
}

fn row(
    cells: &[Cell],
    h: &Header,
    kind: Kind,
    today: NaiveDate,
) -> Result<(Person, Vec<Field>), (Option<usize>, Problem)> {
    let cell = |f: Field| h.column(f).and_then(|c| cells.get(c)).cloned().unwrap_or(Cell::Empty);
    let text = |f: Field| cell(f).text();
    let col = |f: Field| h.column(f);
    let given: Vec<Field> =
        h.columns.iter().filter(|(c, _)| cells.get(*c).is_some_and(|x| !x.is_blank())).map(|(_, f)| *f).collect();
    let id = cell(Field::IdNumber);
    if cell::excel_damaged(&id) {
        return Err((col(Field::IdNumber), Problem::ExcelNumber));
    }
    if id.is_blank() {
        return Err((col(Field::IdNumber), Problem::NoId));
    }
    match kind {
        Kind::Residents => {
            let mut tags: Vec<Tag> = text(Field::Tags)
                .split([',', '，', '、', ';', '；', '/', ' '])
                .filter_map(|w| header::tag_word(w.trim()))
                .collect();
            for (c, f) in &h.columns {
                if let Field::Tag(t) = f
                    && let Some(v) = cells.get(*c).map(Cell::text)
                    && !v.is_empty()
                    && !["否", "无", "0", "N", "n", "×", "-"].contains(&v.as_str())
                {
                    tags.push(*t);
                }
            }
            let estate = if h.column(Field::Estate).is_some() { text(Field::Estate) } else { text(Field::Address) };
            let draft = ResidentDraft {
                name: text(Field::Name),
                id_number: text(Field::IdNumber),
                phone: text(Field::Phone),
                address: crate::domain::resident::Address {
                    estate,
                    building: text(Field::Building),
                    unit: text(Field::Entrance),
                    room: text(Field::Room),
                },
                grid: text(Field::Grid),
                tags,
            };
            let r = draft.validate(today).map_err(|ps| match ps[0] {
                ResidentProblem::EmptyName | ResidentProblem::LongName => (col(Field::Name), Problem::Name),
                ResidentProblem::Id(p) => (col(Field::IdNumber), Problem::Id(p)),
                ResidentProblem::Phone => (col(Field::Phone), Problem::Phone),
                ResidentProblem::LongAddress => (col(Field::Estate).or(col(Field::Address)), Problem::LongAddress),
            })?;
            let mut given = given;
            if given.iter().any(|f| matches!(f, Field::Tag(_))) {
                given.push(Field::Tags);
            }
            Ok((Person::Resident(r), given))
        }
        Kind::Members => {
            let reported = cell(Field::Reported);
            let reported_on = if reported.is_blank() {
                today
            } else {
                cell::date(&reported).ok_or((col(Field::Reported), Problem::Date))?
            };
            let draft = MemberDraft {
                name: text(Field::Name),
                id_number: text(Field::IdNumber),
                phone: text(Field::Phone),
                unit: text(Field::WorkUnit),
                branch: text(Field::Branch),
                address: text(Field::Address),
                grid: text(Field::Grid),
                skills: text(Field::Skills),
                intentions: posts(&text(Field::Intentions)),
                online: false,
            };
            let m = draft.validate(reported_on).map_err(|ps| match ps[0] {
                MemberProblem::Name => (col(Field::Name), Problem::Name),
                MemberProblem::Id(p) => (col(Field::IdNumber), Problem::Id(p)),
                MemberProblem::Phone => (col(Field::Phone), Problem::Phone),
                MemberProblem::Unit => (col(Field::WorkUnit), Problem::WorkUnit),
                MemberProblem::Intention => (col(Field::Intentions), Problem::Intention),
            })?;
            Ok((Person::Member(m), given))
        }
    }
}

/// 服务意向 as the member form takes it (post numbers 1–8): numbers as they are, or the posts'
/// names (法律咨询, 文化体育 …), anything else named counting as 其他.
pub fn posts(s: &str) -> String {
    if s.chars().all(|c| c.is_ascii_digit() || c.is_whitespace() || matches!(c, ',' | '，' | '、' | ';')) {
        return s.to_string();
    }
    const WORDS: [(&str, char); 14] = [
        ("组织", '1'),
        ("党建", '1'),
        ("法律", '2'),
        ("助困", '3'),
        ("扶残", '3'),
        ("就业", '3'),
        ("治理", '4'),
        ("健康", '5'),
        ("医疗", '5'),
        ("文化", '6'),
        ("体育", '6'),
        ("安全", '7'),
        ("治安", '7'),
        ("巡逻", '7'),
    ];
    let mut out = String::new();
    for w in s.split([',', '，', '、', ';', '；', '/', ' ']).filter(|w| !w.trim().is_empty()) {
        let d = WORDS.iter().find(|(k, _)| w.contains(k)).map(|(_, d)| *d).unwrap_or('8');
        if !out.contains(d) {
            out.push(d);
        }
    }
    out
}

/// The person on file as the row would leave them: only the fields the row filled in, tags
/// added to those on file (a register never takes one away), name and ID kept.
pub fn merge(on_file: &Person, row: &Row) -> Person {
    let has = |f: Field| row.given.contains(&f);
    match (on_file, &row.person) {
        (Person::Resident(old), Person::Resident(new)) => {
            let mut r = old.clone();
            if has(Field::Phone) {
                r.phone = new.phone.clone();
            }
            if has(Field::Estate) || has(Field::Address) {
                r.address.estate = new.address.estate.clone();
            }
            for (f, dst, src) in [
                (Field::Building, &mut r.address.building, &new.address.building),
                (Field::Entrance, &mut r.address.unit, &new.address.unit),
                (Field::Room, &mut r.address.room, &new.address.room),
                (Field::Grid, &mut r.grid, &new.grid),
            ] {
                if has(f) {
                    *dst = src.clone();
                }
            }
            r.tags.extend(new.tags.iter().copied());
            r.tags.sort();
            r.tags.dedup();
            Person::Resident(r)
        }
        (Person::Member(old), Person::Member(new)) => {
            let mut m = old.clone();
            for (f, dst, src) in [
                (Field::Phone, &mut m.phone, &new.phone),
                (Field::WorkUnit, &mut m.unit, &new.unit),
                (Field::Branch, &mut m.branch, &new.branch),
                (Field::Address, &mut m.address, &new.address),
                (Field::Grid, &mut m.grid, &new.grid),
                (Field::Skills, &mut m.skills, &new.skills),
            ] {
                if has(f) {
                    *dst = src.clone();
                }
            }
            if has(Field::Intentions) {
                m.intentions = new.intentions.clone();
            }
            Person::Member(m)
        }
        (old, _) => old.clone(),
    }
}

/// Whether the row names the person on file otherwise: for a supervisor to decide, never
/// applied by an import.
pub fn renames(on_file: &Person, row: &Row) -> bool {
    let bare = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    bare(on_file.name()) != bare(row.person.name())
}

/// A member's changed fields as the trail words them (phones masked).
pub fn member_changes(before: &Member, after: &Member) -> Vec<String> {
    use crate::domain::resident::mask_phone;
    let posts = |m: &Member| m.intentions.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(",");
    let shown = |s: &str| if s.is_empty() { "-".to_string() } else { s.to_string() };
    let mut out = Vec::new();
    if before.phone != after.phone {
        out.push(format!("phone {} → {}", mask_phone(&before.phone), mask_phone(&after.phone)));
    }
    for (f, x, y) in [
        ("unit", &before.unit, &after.unit),
        ("branch", &before.branch, &after.branch),
        ("address", &before.address, &after.address),
        ("grid", &before.grid, &after.grid),
        ("skills", &before.skills, &after.skills),
    ] {
        if x != y {
            out.push(format!("{f} {} → {}", shown(x), shown(y)));
        }
    }
    if before.intentions != after.intentions {
        out.push(format!("intentions {} → {}", shown(&posts(before)), shown(&posts(after))));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
    }

    fn sheet(rows: &[&[&str]]) -> Sheet {
        let rows = rows
            .iter()
            .map(|r| r.iter().map(|s| if s.is_empty() { Cell::Empty } else { Cell::Text(s.to_string()) }).collect())
            .collect();
        Sheet { file: "a.csv".into(), name: String::new(), rows }
    }

    #[test]
    fn blank_and_total_rows_are_skipped() {
        let s = sheet(&[
            &["姓名", "身份证号", "网格"],
            &["王芳", "11010519491231002X", "一网格"],
            &["", "", ""],
            &["合计", "", "1"],
        ]);
        let r = read(&[s], Kind::Residents, &[], today());
        assert_eq!((r.rows.len(), r.refused.len(), r.skipped), (1, 0, 2));
        let Person::Resident(p) = &r.rows[0].person else { panic!() };
        assert_eq!(p.grid, "一网格");
    }

    #[test]
    fn each_refusal_names_its_row_and_column() {
        let s = sheet(&[
            &["姓名", "身份证号", "联系电话"],
            &["王芳", "11010519491231002X", "12"],
            &["李强", "110105194912310000", ""],
        ]);
        let r = read(&[s], Kind::Residents, &[], today());
        assert_eq!(r.refused[0].at.line, 2);
        assert_eq!((r.refused[0].column, &r.refused[0].problem), (Some(2), &Problem::Phone));
        assert_eq!(
            (r.refused[1].at.line, r.refused[1].column, &r.refused[1].problem),
            (3, Some(1), &Problem::ExcelNumber)
        );
    }

    #[test]
    fn the_same_id_twice_is_refused_the_second_time_naming_the_first() {
        let s = sheet(&[&["姓名", "身份证号"], &["王芳", "11010519491231002X"], &["王芳", "11010519491231002x"]]);
        let r = read(&[s], Kind::Residents, &[], today());
        assert_eq!(r.rows.len(), 1);
        assert_eq!(
            r.refused[0].problem,
            Problem::Duplicate(At { file: "a.csv".into(), sheet: String::new(), line: 2 })
        );
    }

    #[test]
    fn tags_come_from_category_words_and_their_own_columns() {
        let s =
            sheet(&[&["姓名", "身份证号", "人员类别", "独居"], &["王芳", "11010519491231002X", "低保、残疾人", "是"]]);
        let r = read(&[s], Kind::Residents, &[], today());
        let Person::Resident(p) = &r.rows[0].person else { panic!() };
        assert_eq!(p.tags, vec![Tag::Disability, Tag::Hardship, Tag::LivingAlone]);
    }

    #[test]
    fn intentions_by_name_become_posts() {
        assert_eq!(posts("法律咨询、文化体育"), "26");
        assert_eq!(posts("1,3"), "1,3");
        assert_eq!(posts("帮忙"), "8");
    }
}
