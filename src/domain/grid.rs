//! A centre's grid layout (社区 → 网格 → 小区/楼栋): grids with their leader, staff and
//! places, the service menu, partners and departments, read from TOML or CSV.

use super::request::{Provider, Response, Service};
use serde::Deserialize;

/// One grid as a layout file gives it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GridSpec {
    /// Name (第一网格).
    pub name: String,
    /// Grid leader's login ('' when none).
    pub leader: String,
    /// Grid staff logins.
    pub staff: Vec<String>,
    /// (estate, building; '' = the whole estate).
    pub places: Vec<(String, String)>,
}

/// A partner organisation or department.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// Partner or department.
    pub kind: Provider,
    /// Name.
    pub name: String,
    /// Phone (shown masked).
    pub phone: String,
    /// Service codes it provides, space separated.
    pub services: String,
}

/// Everything a layout file holds.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Layout {
    /// Grids.
    pub grids: Vec<GridSpec>,
    /// The service menu.
    pub services: Vec<Service>,
    /// Partners and departments.
    pub contacts: Vec<Contact>,
}

/// What is wrong with a layout file, with the line (0 when the file as a whole).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayoutError {
    /// 1-based line, 0 for the file.
    pub line: usize,
    /// What is wrong.
    pub what: String,
}

fn err(line: usize, what: impl Into<String>) -> LayoutError {
    LayoutError { line, what: what.into() }
}

/// `幸福里小区/3` is building 3 of 幸福里小区; `和园新村` the whole estate.
pub fn place(s: &str) -> Option<(String, String)> {
    let s = s.trim();
    let (estate, building) = s.split_once('/').unwrap_or((s, ""));
    let (estate, building) = (estate.trim(), building.trim().trim_end_matches('栋'));
    (!estate.is_empty()).then(|| (estate.to_string(), building.to_string()))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlGrid {
    name: String,
    #[serde(default)]
    leader: String,
    #[serde(default)]
    staff: Vec<String>,
    #[serde(default)]
    places: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlService {
    code: String,
    name: String,
    category: String,
    provider: String,
    response: String,
    #[serde(default)]
    keywords: String,
    #[serde(default)]
    skill: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlContact {
    name: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    services: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlLayout {
    #[serde(default)]
    grid: Vec<TomlGrid>,
    #[serde(default)]
    service: Vec<TomlService>,
    #[serde(default)]
    partner: Vec<TomlContact>,
    #[serde(default)]
    department: Vec<TomlContact>,
}

/// Reads a TOML layout: `[[grid]]`, `[[service]]`, `[[partner]]`, `[[department]]`.
pub fn parse_toml(src: &str) -> Result<Layout, LayoutError> {
    let t: TomlLayout = toml::from_str(src).map_err(|e| {
        let line = e.span().map(|s| src[..s.start.min(src.len())].lines().count().max(1)).unwrap_or(0);
        err(line, e.message().to_string())
    })?;
    let mut out = Layout::default();
    for g in t.grid {
        let mut places = Vec::new();
        for p in &g.places {
            places.push(place(p).ok_or_else(|| err(0, format!("{}: empty place", g.name)))?);
        }
        if g.name.trim().is_empty() {
            return Err(err(0, "a grid without a name"));
        }
        out.grids.push(GridSpec { name: g.name.trim().into(), leader: g.leader.trim().into(), staff: g.staff, places });
    }
    for s in t.service {
        let provider = Provider::from_str_opt(s.provider.trim()).ok_or_else(|| {
            err(0, format!("{}: provider {} (grid, member, partner, department)", s.code, s.provider))
        })?;
        let response = Response::parse(&s.response)
            .ok_or_else(|| err(0, format!("{}: response {} (e.g. 4h, 2d)", s.code, s.response)))?;
        out.services.push(Service {
            code: s.code.trim().into(),
            name: s.name.trim().into(),
            category: s.category.trim().into(),
            provider,
            response,
            keywords: s.keywords,
            skill: s.skill,
        });
    }
    for (kind, list) in [(Provider::Partner, t.partner), (Provider::Department, t.department)] {
        for c in list {
            out.contacts.push(Contact {
                kind,
                name: c.name.trim().into(),
                phone: c.phone.trim().into(),
                services: c.services,
            });
        }
    }
    Ok(out)
}

/// Reads a CSV layout, one place per line: `grid,leader,staff,place` (staff separated by
/// spaces, place as `estate/building`); a header line naming `grid` is skipped.
pub fn parse_csv(src: &str) -> Result<Layout, LayoutError> {
    let mut out = Layout::default();
    let mut rdr = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(src.as_bytes());
    for (i, rec) in rdr.records().enumerate() {
        let line = i + 1;
        let rec = rec.map_err(|e| err(line, e.to_string()))?;
        let cell = |n: usize| rec.get(n).unwrap_or("").trim().trim_start_matches('\u{feff}').to_string();
        let name = cell(0);
        if line == 1 && (name == "grid" || name == "网格") {
            continue;
        }
        if name.is_empty() {
            return Err(err(line, "the grid's name is empty"));
        }
        let g = match out.grids.iter_mut().position(|g| g.name == name) {
            Some(p) => &mut out.grids[p],
            None => {
                out.grids.push(GridSpec { name: name.clone(), ..GridSpec::default() });
                out.grids.last_mut().expect("just pushed")
            }
        };
        if !cell(1).is_empty() {
            g.leader = cell(1);
        }
        for s in cell(2).split_whitespace() {
            if !g.staff.iter().any(|x| x == s) {
                g.staff.push(s.to_string());
            }
        }
        if !cell(3).is_empty() {
            g.places.push(place(&cell(3)).ok_or_else(|| err(line, "the place is empty"))?);
        }
    }
    Ok(out)
}

/// The grid an address falls in: the building's own entry first, then the whole estate's.
pub fn grid_of<'a>(grids: &'a [GridSpec], estate: &str, building: &str) -> Option<&'a str> {
    let hit = |b: &str| grids.iter().find(|g| g.places.iter().any(|(e, x)| e == estate && x == b));
    hit(building).or_else(|| hit("")).map(|g| g.name.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_toml_layout_reads_grids_services_and_contacts() {
        let l = parse_toml(
            r#"
[[grid]]
name = "第一网格"
leader = "liuwei"
staff = ["sunli"]
places = ["幸福里小区/3", "和园新村"]
[[service]]
code = "repair"
name = "维修"
category = "生活服务"
provider = "member"
response = "2d"
[[partner]]
name = "爱心理发店"
phone = "13800001111"
services = "haircut"
"#,
        )
        .unwrap();
        assert_eq!(l.grids[0].places, vec![("幸福里小区".into(), "3".into()), ("和园新村".into(), "".into())]);
        assert_eq!(l.services[0].response, Response::Days(2));
        assert_eq!(l.contacts[0].kind, Provider::Partner);
        assert_eq!(grid_of(&l.grids, "和园新村", "7"), Some("第一网格"));
        assert_eq!(grid_of(&l.grids, "幸福里小区", "4"), None);
    }

    #[test]
    fn a_bad_provider_is_named_with_what_would_do() {
        let e =
            parse_toml("[[service]]\ncode='x'\nname='x'\ncategory='x'\nprovider='robot'\nresponse='1d'\n").unwrap_err();
        assert!(e.what.contains("grid, member, partner, department"), "{e:?}");
    }

    #[test]
    fn a_csv_layout_gathers_places_per_grid() {
        let l = parse_csv(
            "grid,leader,staff,place\n第一网格,liuwei,sunli,幸福里小区/1\n第一网格,,sunli zhaoyu,幸福里小区/2\n",
        )
        .unwrap();
        assert_eq!(l.grids.len(), 1);
        assert_eq!(l.grids[0].staff, vec!["sunli".to_string(), "zhaoyu".to_string()]);
        assert_eq!(l.grids[0].places.len(), 2);
        assert_eq!(parse_csv(",x,,a/1\n").unwrap_err().line, 1);
    }
}
