//! Which column holds what: the header names offices use, found on the first rows of a sheet
//! (after a title row, or split over two rows under a merged cell), and `--map 列名=field`.

use super::Kind;
use super::cell::{Cell, half_width};
use crate::domain::resident::Tag;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// 姓名.
    Name,
    /// 身份证号.
    IdNumber,
    /// 联系电话.
    Phone,
    /// 住址 as one text.
    Address,
    /// 小区.
    Estate,
    /// 楼栋.
    Building,
    /// 单元 (residents).
    Entrance,
    /// 户号 / 门牌.
    Room,
    /// 网格.
    Grid,
    /// 人员类别: words such as 低保, 残疾.
    Tags,
    /// A column of its own for one circumstance (低保: 是).
    Tag(Tag),
    /// 工作单位 (members).
    WorkUnit,
    /// 单位党组织.
    Branch,
    /// 报到日期.
    Reported,
    /// 特长.
    Skills,
    /// 服务意向.
    Intentions,
}

impl Field {
    /// The field a `--map` names (`name`, `id_number`, `phone`, `address`, `estate`,
    /// `building`, `unit`, `room`, `grid`, `tags`; for members `unit` is the work unit and
    /// `branch`, `reported_on`, `skills`, `intentions` are added).
    pub fn parse(kind: Kind, s: &str) -> Option<Field> {
        Some(match (kind, s.trim()) {
            (_, "name") => Field::Name,
            (_, "id_number" | "id") => Field::IdNumber,
            (_, "phone") => Field::Phone,
            (_, "address") => Field::Address,
            (_, "grid") => Field::Grid,
            (Kind::Residents, "estate") => Field::Estate,
            (Kind::Residents, "building") => Field::Building,
            (Kind::Residents, "unit") => Field::Entrance,
            (Kind::Residents, "room") => Field::Room,
            (Kind::Residents, "tags") => Field::Tags,
            (Kind::Members, "unit") => Field::WorkUnit,
            (Kind::Members, "branch") => Field::Branch,
            (Kind::Members, "reported_on") => Field::Reported,
            (Kind::Members, "skills") => Field::Skills,
            (Kind::Members, "intentions") => Field::Intentions,
            _ => return None,
        })
    }
}

/// The names offices give each column, compared after [`normal`].
fn named(kind: Kind, name: &str) -> Option<Field> {
    let common = match name {
        "姓名" | "名字" | "居民姓名" | "党员姓名" => Some(Field::Name),
        "身份证号" | "身份证号码" | "公民身份号码" | "证件号码" | "身份证" | "证件号" => {
            Some(Field::IdNumber)
        }
        "联系电话" | "手机号码" | "手机号" | "手机" | "电话" | "联系方式" => Some(Field::Phone),
        "住址" | "现住址" | "居住地址" | "家庭住址" | "地址" => Some(Field::Address),
        "网格" | "所属网格" | "网格名称" => Some(Field::Grid),
        _ => None,
    };
    common.or(match kind {
        Kind::Residents => match name {
            "小区" | "小区名称" => Some(Field::Estate),
            "楼栋" | "楼号" | "栋" | "幢" => Some(Field::Building),
            "单元" => Some(Field::Entrance),
            "户号" | "门牌" | "门牌号" | "房号" | "室" => Some(Field::Room),
            "人员类别" | "类别" | "标签" | "特殊人群" | "人员类型" => Some(Field::Tags),
            _ => tag_word(name).map(Field::Tag),
        },
        Kind::Members => match name {
            "工作单位" | "在职单位" | "单位" | "单位名称" => Some(Field::WorkUnit),
            "单位党组织" | "所在党组织" | "党组织" | "所在党支部" => Some(Field::Branch),
            "报到日期" | "报到时间" => Some(Field::Reported),
            "特长" | "专业特长" => Some(Field::Skills),
            "服务意向" | "服务岗位" | "认领岗位" => Some(Field::Intentions),
            _ => None,
        },
    })
}

/// The circumstance a word of 人员类别 names, if any.
pub fn tag_word(w: &str) -> Option<Tag> {
    Some(match w {
        "低保" | "特困" | "低保户" | "困难" => Tag::Hardship,
        "残疾" | "残疾人" => Tag::Disability,
        "独居" | "独居老人" => Tag::LivingAlone,
        "高龄" | "老年" | "老年人" | "高龄老人" => Tag::Elderly,
        "退役军人" | "军人" => Tag::Veteran,
        "孕妇" | "孕产妇" => Tag::Pregnant,
        _ => return None,
    })
}

/// A header as compared: half-width, no spaces, no `*` of a required column, no `（必填）`.
pub fn normal(s: &str) -> String {
    let s = half_width(s);
    let s = s.split(['(', '（']).next().unwrap_or_default();
    s.chars().filter(|c| !c.is_whitespace() && !matches!(c, '*' | ':' | '：')).collect()
}

/// Where the data starts and which column holds what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// 0-based index of the first data row.
    pub data_from: usize,
    /// (column, field), left to right.
    pub columns: Vec<(usize, Field)>,
}

impl Header {
    /// The column of `f`, if the sheet has one.
    pub fn column(&self, f: Field) -> Option<usize> {
        self.columns.iter().find(|(_, g)| *g == f).map(|(c, _)| *c)
    }
}

/// Finds the header among the first six rows: the first row naming both 姓名 and an ID column
/// (a `--map` name counts), completed from the row below for columns a merged cell above left
/// unnamed (住址 over 小区 / 楼栋 / 单元).
pub fn find(rows: &[Vec<Cell>], kind: Kind, map: &[(String, Field)]) -> Option<Header> {
    let field = |c: &Cell| {
        let n = normal(&c.text());
        map.iter().find(|(h, _)| normal(h) == n).map(|(_, f)| *f).or_else(|| named(kind, &n))
    };
    for (r, row) in rows.iter().enumerate().take(6) {
        let mut columns: Vec<(usize, Field)> = Vec::new();
        for (c, cell) in row.iter().enumerate() {
            if let Some(f) = field(cell).filter(|f| !columns.iter().any(|(_, g)| g == f)) {
                columns.push((c, f));
            }
        }
        let has = |cols: &[(usize, Field)], f| cols.iter().any(|(_, g)| *g == f);
        let mut data_from = r + 1;
        if let Some(below) = rows.get(r + 1) {
            let mut extra = Vec::new();
            for (c, cell) in below.iter().enumerate() {
                // Under a name of its own only when that name is a group's (住址 over 小区).
                let above = columns.iter().find(|(col, _)| *col == c).map(|(_, f)| *f);
                let free = above.is_none_or(|f| f == Field::Address);
                if let Some(f) = field(cell).filter(|f| free && !has(&columns, *f)) {
                    extra.push((c, f));
                }
            }
            // A second header row names at least two columns; one name alone may be data.
            if extra.len() >= 2 || (extra.len() == 1 && !has(&columns, Field::Name)) {
                columns.extend(extra);
                data_from = r + 2;
            }
        }
        if has(&columns, Field::Name) && has(&columns, Field::IdNumber) {
            // A merged header names the group (住址) above its parts: the parts win.
            if [Field::Estate, Field::Building, Field::Room].iter().any(|f| has(&columns, *f)) {
                columns.retain(|(_, f)| *f != Field::Address);
            }
            columns.sort_by_key(|(c, _)| *c);
            return Some(Header { data_from, columns });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<Cell> {
        cells.iter().map(|s| if s.is_empty() { Cell::Empty } else { Cell::Text(s.to_string()) }).collect()
    }

    #[test]
    fn the_header_is_found_after_a_title_row() {
        let rows = vec![
            row(&["幸福社区居民花名册"]),
            row(&["序号", "姓名", "公民身份号码", "联系电话", "网格"]),
            row(&["1", "王芳"]),
        ];
        let h = find(&rows, Kind::Residents, &[]).unwrap();
        assert_eq!(h.data_from, 2);
        assert_eq!(h.column(Field::IdNumber), Some(2));
        assert_eq!(h.column(Field::Grid), Some(4));
    }

    #[test]
    fn a_merged_header_is_read_from_its_two_rows() {
        let rows = vec![
            row(&["姓名", "身份证号", "住址", "", "", ""]),
            row(&["", "", "小区", "楼栋", "单元", "户号"]),
            row(&["王芳", "11010519491231002X", "幸福里", "3", "2", "502"]),
        ];
        let h = find(&rows, Kind::Residents, &[]).unwrap();
        assert_eq!(h.data_from, 2);
        assert_eq!(h.column(Field::Estate), Some(2));
        assert_eq!(h.column(Field::Room), Some(5));
        assert_eq!(h.column(Field::Address), None);
    }

    #[test]
    fn a_map_names_a_column_the_office_called_otherwise() {
        let rows = vec![row(&["户主", "证件", "楼"])];
        let map = vec![("户主".to_string(), Field::Name), ("证件".to_string(), Field::IdNumber)];
        let h = find(&rows, Kind::Residents, &map).unwrap();
        assert_eq!(h.columns, vec![(0, Field::Name), (1, Field::IdNumber)]);
        assert_eq!(find(&rows, Kind::Residents, &[]), None);
    }

    #[test]
    fn headers_with_marks_and_full_width_are_recognised() {
        assert_eq!(normal("*姓 名（必填）"), "姓名");
        assert_eq!(named(Kind::Members, &normal("工作单位")), Some(Field::WorkUnit));
        assert_eq!(named(Kind::Residents, &normal("低保")), Some(Field::Tag(Tag::Hardship)));
    }
}
