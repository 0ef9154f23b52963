//! The service-item catalog: categories, items, materials, time limits, and the file format.

use crate::domain::field::{Fields, Reason, RuleBroken, check_text};
use serde::Serialize;
use std::collections::HashSet;

/// A category of service items; its prefix letter starts its queue numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Category {
    /// Stable code, e.g. `SB`.
    pub code: String,
    /// Chinese name, e.g. 社保.
    pub name: String,
    /// English name.
    pub name_en: String,
    /// Queue number prefix letter, e.g. `A`.
    pub prefix: char,
}

/// 办件类型: decided at the desk on the spot, or promised within a time limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Handling {
    /// 即办件.
    Immediate,
    /// 承诺件.
    Promised,
}

/// What the community desk itself does with the item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeskRole {
    /// 收件代办: the desk receives and forwards to the deciding department.
    Forward,
    /// 即办: the desk completes it itself.
    OnTheSpot,
}

/// The unit of a time limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LimitUnit {
    /// 工作日, counted on the working-day calendar.
    WorkingDays,
    /// 自然日.
    CalendarDays,
    /// 月.
    Months,
    /// 当场办结.
    Immediate,
}

/// A time limit such as "5 working days".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct TimeLimit {
    /// How many units (0 for immediate).
    pub n: u16,
    /// Which unit.
    pub unit: LimitUnit,
}

/// Whether the resident brings the original, a copy, or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MaterialForm {
    /// 原件.
    Original,
    /// 复印件.
    Copy,
    /// 原件及复印件.
    OriginalAndCopy,
}

/// One material (申请材料) an item requires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Material {
    /// Name, e.g. 居民身份证.
    pub name: String,
    /// Original, copy or both.
    pub form: MaterialForm,
    /// Number of copies or pieces.
    pub count: u8,
    /// Required, or optional (only in some situations).
    pub required: bool,
    /// When it applies, if not always.
    pub note: String,
    /// May be accepted on a promise to bring it later (容缺); never an identity card.
    #[serde(default)]
    pub rongque: bool,
}

impl Material {
    /// An identity card proves who applies: it is never accepted on a promise.
    pub fn is_id_card(&self) -> bool {
        is_id_card(&self.name)
    }

    /// May be 容缺: the catalog allows it and it is not an identity card.
    pub fn may_be_rongque(&self) -> bool {
        self.rongque && !self.is_id_card()
    }
}

/// A material named as an identity card (居民身份证, 参保人居民身份证, 身份证复印件…).
pub fn is_id_card(name: &str) -> bool {
    name.contains("身份证")
}

/// One delegated service item (政务服务事项).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct ServiceItem {
    /// Stable code, e.g. `SB-001`.
    pub code: String,
    /// Chinese name.
    pub name: String,
    /// English name.
    pub name_en: String,
    /// Category code.
    pub category: String,
    /// The deciding department.
    pub department: String,
    /// What the desk does with it.
    pub desk_role: DeskRole,
    /// 即办件 or 承诺件.
    pub handling: Handling,
    /// Time limit to completion.
    pub time_limit: TimeLimit,
    /// Fee text, e.g. 不收费.
    pub fee: String,
    /// Notes for the clerk.
    pub notes: String,
    /// Words residents use for it.
    pub keywords: Vec<String>,
    /// Materials to bring.
    pub materials: Vec<Material>,
    /// Retired items stay for history but are not offered.
    pub retired: bool,
}

/// A whole catalog file: categories and items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalog {
    /// Categories in file order.
    pub categories: Vec<Category>,
    /// Items in file order.
    pub items: Vec<ServiceItem>,
}

/// What is wrong with a catalog file; nothing of a broken file is imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogError {
    /// The file is not valid TOML.
    #[error("{file}:{line}: TOML syntax: {message}")]
    Syntax { file: String, line: usize, message: String },
    /// A field of a category or item is wrong.
    #[error("{file}: {place}: field `{field}`: {reason:?}")]
    Field { file: String, place: String, field: String, reason: Reason },
}

const UNITS: &[&str] = &["working_days", "calendar_days", "months", "immediate"];
const HANDLINGS: &[&str] = &["immediate", "promised"];
const ROLES: &[&str] = &["forward", "on_the_spot"];
const FORMS: &[&str] = &["original", "copy", "original_and_copy"];

/// Longest item or material name, in characters.
pub const MAX_NAME: usize = 60;

impl Catalog {
    /// Parses and validates a catalog file; `file` names it in error messages.
    pub fn parse(file: &str, src: &str) -> Result<Catalog, CatalogError> {
        let root: toml::Table = src.parse().map_err(|e: toml::de::Error| CatalogError::Syntax {
            file: file.to_string(),
            line: e.span().map(|s| crate::domain::field::line_of(src, s.start)).unwrap_or(1),
            message: e.message().to_string(),
        })?;
        let err = |place: String, (field, reason): (String, Reason)| CatalogError::Field {
            file: file.to_string(),
            place,
            field,
            reason,
        };
        let s = |(f, r): (&'static str, Reason)| (f.to_string(), r);
        let mut top = Fields::new(&root);
        let cats = top.tables("categories").map_err(|e| err("-".into(), s(e)))?;
        let items = top.tables("items").map_err(|e| err("-".into(), s(e)))?;
        top.finish().map_err(|e| err("-".into(), e))?;

        let mut categories = Vec::with_capacity(cats.len());
        let mut prefixes = HashSet::new();
        for (i, t) in cats.iter().enumerate() {
            let place = format!("categories[{}]", i + 1);
            let c = parse_category(t).map_err(|e| err(place.clone(), e))?;
            if categories.iter().any(|o: &Category| o.code == c.code) {
                return Err(err(place, ("code".into(), Reason::Duplicate { value: c.code })));
            }
            if !prefixes.insert(c.prefix) {
                return Err(err(place, ("prefix".into(), Reason::Duplicate { value: c.prefix.to_string() })));
            }
            categories.push(c);
        }

        let mut parsed = Vec::with_capacity(items.len());
        let mut codes = HashSet::new();
        for (i, t) in items.iter().enumerate() {
            // Name the item by its code when it has a readable one, else by position.
            let place = t
                .get("code")
                .and_then(|v| v.as_str())
                .filter(|c| !c.trim().is_empty() && !crate::domain::text::has_unsafe_chars(c))
                .map(|c| c.trim().to_string())
                .unwrap_or_else(|| format!("items[{}]", i + 1));
            let item = parse_item(t).map_err(|e| err(place.clone(), e))?;
            if !categories.iter().any(|c| c.code == item.category) {
                return Err(err(place, ("category".into(), Reason::Unknown { value: item.category })));
            }
            if !codes.insert(item.code.clone()) {
                return Err(err(place, ("code".into(), Reason::Duplicate { value: item.code })));
            }
            parsed.push(item);
        }
        Ok(Catalog { categories, items: parsed })
    }
}

fn code_ok(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 16
        && code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
}

fn parse_category(t: &toml::Table) -> Result<Category, (String, Reason)> {
    let s = |(f, r): (&'static str, Reason)| (f.to_string(), r);
    let mut f = Fields::new(t);
    let code = f.text("code", 16).map_err(s)?;
    if !code_ok(&code) {
        return Err(("code".into(), Reason::BadFormat { pattern: "A-Z 0-9 -" }));
    }
    let name = f.text("name", 20).map_err(s)?;
    let name_en = f.text("name_en", 60).map_err(s)?;
    let prefix = f.text("prefix", 1).map_err(s)?;
    let prefix = prefix.chars().next().unwrap_or(' ');
    if !prefix.is_ascii_uppercase() {
        return Err(("prefix".into(), Reason::BadFormat { pattern: "A-Z" }));
    }
    f.finish()?;
    Ok(Category { code, name, name_en, prefix })
}

fn parse_item(t: &toml::Table) -> Result<ServiceItem, (String, Reason)> {
    let s = |(f, r): (&'static str, Reason)| (f.to_string(), r);
    let mut f = Fields::new(t);
    let code = f.text("code", 16).map_err(s)?;
    if !code_ok(&code) {
        return Err(("code".into(), Reason::BadFormat { pattern: "A-Z 0-9 -" }));
    }
    let name = f.text("name", MAX_NAME).map_err(s)?;
    let name_en = f.text("name_en", 160).map_err(s)?;
    let category = f.text("category", 16).map_err(s)?;
    let department = f.text("department", 40).map_err(s)?;
    let desk_role = [DeskRole::Forward, DeskRole::OnTheSpot][f.one_of("desk_role", ROLES).map_err(s)?];
    let handling = [Handling::Immediate, Handling::Promised][f.one_of("handling", HANDLINGS).map_err(s)?];
    let limit = f.table("time_limit").map_err(s)?;
    let time_limit = parse_limit(limit).map_err(|(k, r)| (format!("time_limit.{k}"), r))?;
    let fee = f.text("fee", 40).map_err(s)?;
    let notes = f.opt_text("notes", 400).map_err(s)?;
    let kw = f.array("keywords").map_err(s)?;
    if kw.len() > 12 {
        return Err(("keywords".into(), Reason::Count { min: 0, max: 12, found: kw.len() }));
    }
    let keywords = kw
        .iter()
        .map(|v| check_text(v, 20, false))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|r| ("keywords".to_string(), r))?;
    let mats = f.tables("materials").map_err(s)?;
    if mats.is_empty() || mats.len() > 20 {
        return Err(("materials".into(), Reason::Count { min: 1, max: 20, found: mats.len() }));
    }
    let mut materials: Vec<Material> = Vec::with_capacity(mats.len());
    for (i, m) in mats.iter().enumerate() {
        let m = parse_material(m).map_err(|(k, r)| (format!("materials[{}].{k}", i + 1), r))?;
        if materials.iter().any(|o| o.name == m.name) {
            return Err((format!("materials[{}].name", i + 1), Reason::Duplicate { value: m.name }));
        }
        materials.push(m);
    }
    f.finish()?;
    Ok(ServiceItem {
        code,
        name,
        name_en,
        category,
        department,
        desk_role,
        handling,
        time_limit,
        fee,
        notes,
        keywords,
        materials,
        retired: false,
    })
}

fn parse_limit(t: &toml::Table) -> Result<TimeLimit, (String, Reason)> {
    let s = |(f, r): (&'static str, Reason)| (f.to_string(), r);
    let mut f = Fields::new(t);
    let n = f.int("n", 0, 365).map_err(s)? as u16;
    let unit = [LimitUnit::WorkingDays, LimitUnit::CalendarDays, LimitUnit::Months, LimitUnit::Immediate]
        [f.one_of("unit", UNITS).map_err(s)?];
    f.finish()?;
    if (unit == LimitUnit::Immediate) != (n == 0) {
        return Err(("n".into(), Reason::Rule { rule: RuleBroken::ImmediateNeedsZero }));
    }
    Ok(TimeLimit { n, unit })
}

fn parse_material(t: &toml::Table) -> Result<Material, (String, Reason)> {
    let s = |(f, r): (&'static str, Reason)| (f.to_string(), r);
    let mut f = Fields::new(t);
    let name = f.text("name", MAX_NAME).map_err(s)?;
    let form = [MaterialForm::Original, MaterialForm::Copy, MaterialForm::OriginalAndCopy]
        [f.one_of("form", FORMS).map_err(s)?];
    let count = f.int("count", 1, 20).map_err(s)? as u8;
    let required = f.boolean("required").map_err(s)?;
    let note = f.opt_text("note", 100).map_err(s)?;
    let rongque = f.opt_boolean("rongque").map_err(s)?;
    f.finish()?;
    if rongque && is_id_card(&name) {
        return Err(("rongque".into(), Reason::Rule { rule: RuleBroken::IdCardNeverRongque }));
    }
    Ok(Material { name, form, count, required, note, rongque })
}

impl LimitUnit {
    /// The word stored in files and the database.
    pub fn as_str(self) -> &'static str {
        UNITS[self as usize]
    }
    /// Parses a stored word.
    pub fn from_str_opt(s: &str) -> Option<LimitUnit> {
        UNITS
            .iter()
            .position(|u| *u == s)
            .map(|i| [LimitUnit::WorkingDays, LimitUnit::CalendarDays, LimitUnit::Months, LimitUnit::Immediate][i])
    }
}

impl Handling {
    /// The word stored in files and the database.
    pub fn as_str(self) -> &'static str {
        HANDLINGS[self as usize]
    }
    /// Parses a stored word.
    pub fn from_str_opt(s: &str) -> Option<Handling> {
        HANDLINGS.iter().position(|u| *u == s).map(|i| [Handling::Immediate, Handling::Promised][i])
    }
}

impl DeskRole {
    /// The word stored in files and the database.
    pub fn as_str(self) -> &'static str {
        ROLES[self as usize]
    }
    /// Parses a stored word.
    pub fn from_str_opt(s: &str) -> Option<DeskRole> {
        ROLES.iter().position(|u| *u == s).map(|i| [DeskRole::Forward, DeskRole::OnTheSpot][i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
[[categories]]
code = "SB"
name = "社保"
name_en = "Social insurance"
prefix = "A"

[[items]]
code = "SB-001"
name = "城乡居民基本养老保险参保登记"
name_en = "Pension enrolment"
category = "SB"
department = "区人社局"
desk_role = "forward"
handling = "promised"
time_limit = { n = 3, unit = "working_days" }
fee = "不收费"
keywords = ["养老", "参保"]

[[items.materials]]
name = "居民身份证"
form = "original"
count = 1
required = true
"#;

    #[test]
    fn parses_a_good_file() {
        let c = Catalog::parse("t.toml", GOOD).unwrap();
        assert_eq!(c.items.len(), 1);
        assert_eq!(c.items[0].time_limit, TimeLimit { n: 3, unit: LimitUnit::WorkingDays });
        assert_eq!(c.categories[0].prefix, 'A');
        assert_eq!(c.items[0].notes, "");
    }

    fn field_error(src: &str) -> (String, String, Reason) {
        match Catalog::parse("t.toml", src).unwrap_err() {
            CatalogError::Field { place, field, reason, .. } => (place, field, reason),
            other => panic!("expected a field error, got {other:?}"),
        }
    }

    #[test]
    fn names_item_field_and_reason() {
        let (p, f, r) = field_error(&GOOD.replace("n = 3, unit = \"working_days\"", "n = 0, unit = \"working_days\""));
        assert_eq!((p.as_str(), f.as_str()), ("SB-001", "time_limit.n"));
        assert_eq!(r, Reason::Rule { rule: RuleBroken::ImmediateNeedsZero });

        let (_, f, r) = field_error(&GOOD.replace("category = \"SB\"", "category = \"XX\""));
        assert_eq!((f.as_str(), r), ("category", Reason::Unknown { value: "XX".into() }));

        let (_, f, r) = field_error(&GOOD.replace("form = \"original\"", "form = \"photo\""));
        assert_eq!(f, "materials[1].form");
        assert!(matches!(r, Reason::NotOneOf { .. }));

        let (_, f, r) = field_error(&GOOD.replace("required = true", "required = true\nrongque = true"));
        assert_eq!((f.as_str(), r), ("materials[1].rongque", Reason::Rule { rule: RuleBroken::IdCardNeverRongque }));

        let (_, f, r) = field_error(&GOOD.replace("fee = ", "feee = "));
        assert_eq!((f.as_str(), r), ("fee", Reason::Missing));
    }

    #[test]
    fn syntax_errors_carry_the_line() {
        let broken = GOOD.replace("prefix = \"A\"", "prefix = \"A");
        match Catalog::parse("t.toml", &broken).unwrap_err() {
            CatalogError::Syntax { line, .. } => assert_eq!(line, 6),
            other => panic!("{other:?}"),
        }
    }
}
