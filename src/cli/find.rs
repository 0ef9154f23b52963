//! Searching from the shell: items, residents, members.

use super::Failure;
use super::out::out;
use crate::domain::catalog::ServiceItem;
use crate::domain::lang::Lang;
use crate::domain::text;
use crate::i18n::cli as say;
use crate::i18n::{self};
use crate::search::{Index, item_document};
use crate::storage::{Db, StorageError};

/// The items of a search, best first (all of them in catalog order without a query).
pub fn search_items(db: &Db, query: Option<&str>) -> Result<Vec<ServiceItem>, StorageError> {
    let items: Vec<ServiceItem> = db.service_items()?.into_iter().filter(|i| !i.retired).collect();
    let Some(q) = query.filter(|q| !q.trim().is_empty()) else {
        return Ok(items);
    };
    let cats = db.categories()?;
    let mut index = Index::new(items.iter().map(|i| item_document(i, &cats)).collect());
    Ok(index.search(q, 0).into_iter().map(|h| items[h.doc as usize].clone()).collect())
}

#[derive(serde::Serialize)]
struct ItemJson<'a> {
    #[serde(flatten)]
    item: &'a ServiceItem,
    category_name: &'a str,
    queue_prefix: String,
}

pub(super) fn items(db: &Db, lang: Lang, query: Option<&str>, json: bool, limit: Option<usize>) -> Result<(), Failure> {
    let query = query.map(|q| text::clean_field(q, text::MAX_FIELD_CHARS).0);
    let mut found = search_items(db, query.as_deref())?;
    found.truncate(limit.unwrap_or(usize::MAX));
    let cats = db.categories()?;
    let cat = |code: &str| cats.iter().find(|c| c.code == code);
    if json {
        let rows: Vec<ItemJson> = found
            .iter()
            .map(|i| ItemJson {
                item: i,
                category_name: cat(&i.category).map(|c| c.name.as_str()).unwrap_or(""),
                queue_prefix: cat(&i.category).map(|c| c.prefix.to_string()).unwrap_or_default(),
            })
            .collect();
        out!("{}", serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into()));
        return Ok(());
    }
    if found.is_empty() {
        eprintln!("{}", say::no_items(lang, query.as_deref().unwrap_or("")));
        return Ok(());
    }
    let rows: Vec<Vec<String>> = found
        .iter()
        .map(|i| {
            let c = cat(&i.category).map(|c| c.name.as_str()).unwrap_or("");
            let how = format!("{} · {}", i18n::handling(lang, i.handling), i18n::time_limit(lang, i.time_limit));
            vec![i.code.clone(), i.name.clone(), format!("[{c}]"), how]
        })
        .collect();
    super::out::table(&rows)
}

#[derive(serde::Serialize)]
struct ResidentJson {
    id: i64,
    name: String,
    id_number: String,
    phone: String,
    address: String,
    grid: String,
    tags: Vec<crate::domain::resident::Tag>,
}

pub(super) fn find_residents(
    db: &Db,
    lang: Lang,
    query: &str,
    json: bool,
    limit: Option<usize>,
) -> Result<(), Failure> {
    use crate::domain::resident::{mask_id, mask_phone};
    let query = text::clean_field(query, text::MAX_FIELD_CHARS).0;
    // The desk's own read and index: the shared file beside the database, then what changed.
    let mut held = crate::runtime::session_residents(db)?;
    let hits = held.search(&query);
    let found: Vec<crate::domain::resident::Resident> =
        hits.iter().take(limit.unwrap_or(usize::MAX)).map(|h| held.resident(h)).collect();
    if json {
        let rows: Vec<ResidentJson> = found
            .iter()
            .map(|r| ResidentJson {
                id: r.id,
                name: r.name.clone(),
                id_number: mask_id(&r.id_number),
                phone: if r.phone.is_empty() { String::new() } else { mask_phone(&r.phone) },
                address: r.address.display(),
                grid: r.grid.clone(),
                tags: r.tags.clone(),
            })
            .collect();
        out!("{}", serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into()));
        return Ok(());
    }
    if found.is_empty() {
        eprintln!("{}", say::no_residents(lang, &query));
    }
    let rows: Vec<Vec<String>> = found
        .iter()
        .map(|r| {
            let phone = if r.phone.is_empty() { String::new() } else { mask_phone(&r.phone) };
            vec![r.name.clone(), mask_id(&r.id_number), phone, r.address.display()]
        })
        .collect();
    super::out::table(&rows)
}

#[derive(serde::Serialize)]
struct CaseJson {
    number: String,
    state: &'static str,
    item_code: String,
    item_name: String,
    resident_name: String,
    id_number: String,
    phone: String,
    due: Option<chrono::NaiveDate>,
    operator: String,
}

/// Cases whose number starts with `query`, or whose resident's or item's name holds it (an
/// item's pinyin initials too), earliest due first; ID and phone masked as everywhere.
pub(super) fn find_cases(db: &Db, lang: Lang, query: &str, json: bool, limit: Option<usize>) -> Result<(), Failure> {
    use crate::domain::resident::{mask_id, mask_phone};
    let query = text::clean_field(query, text::MAX_FIELD_CHARS).0;
    let filter = crate::model::CaseFilter {
        text: Some(query.clone()),
        text_items: crate::app::cases::items_by_initials(&db.service_items()?, &query),
        ..Default::default()
    };
    let limit = limit.unwrap_or(crate::model::CASE_PAGE);
    let found = db.cases(&filter, None, limit)?;
    let total = db.case_count(&filter)?;
    let phone = |id: i64| -> Result<String, StorageError> {
        let p = db.resident(id)?.map(|r| r.phone).unwrap_or_default();
        Ok(if p.is_empty() { p } else { mask_phone(&p) })
    };
    if json {
        let mut rows = Vec::new();
        for c in &found {
            rows.push(CaseJson {
                number: c.number.clone(),
                state: c.state.as_str(),
                item_code: c.item_code.clone(),
                item_name: c.item_name.clone(),
                resident_name: c.resident_name.clone(),
                id_number: mask_id(&c.resident_id_number),
                phone: phone(c.resident_id)?,
                due: c.due,
                operator: c.operator.clone(),
            });
        }
        out!("{}", serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into()));
        return Ok(());
    }
    if found.is_empty() {
        eprintln!("{}", say::no_cases(lang, &query));
        return Ok(());
    }
    let mut rows = Vec::new();
    for c in &found {
        let due = c.due.map(|d| d.to_string()).unwrap_or_else(|| "-".into());
        rows.push(vec![
            c.number.clone(),
            i18n::case_state_short(lang, c.state).to_string(),
            c.resident_name.clone(),
            mask_id(&c.resident_id_number),
            phone(c.resident_id)?,
            c.item_name.clone(),
            due,
        ]);
    }
    super::out::table(&rows)?;
    if total > found.len() {
        eprintln!("{}", say::more_cases(lang, total - found.len()));
    }
    Ok(())
}

#[derive(serde::Serialize)]
struct MemberJson<'a> {
    id: i64,
    name: &'a str,
    id_number: String,
    phone: String,
    unit: &'a str,
    branch: &'a str,
    grid: &'a str,
    status: crate::domain::member::MemberStatus,
    year: i32,
    hours: f64,
    points: f64,
    reported_on: chrono::NaiveDate,
    below_target: bool,
    report_overdue: bool,
}

pub(super) fn find_members(db: &Db, lang: Lang, query: &str, json: bool, limit: Option<usize>) -> Result<(), Failure> {
    let query = text::clean_field(query, text::MAX_FIELD_CHARS).0;
    let year = chrono::Datelike::year(&db.clock().now().date_naive());
    let all = db.members(year)?;
    let mut index = Index::new(all.iter().map(|m| crate::search::member_document(&m.member)).collect());
    let mut found: Vec<&crate::storage::MemberTotals> =
        index.search(&query, 0).into_iter().map(|h| &all[h.doc as usize]).collect();
    found.truncate(limit.unwrap_or(usize::MAX));
    if found.is_empty() && !json {
        eprintln!("{}", say::no_members(lang, &query));
    }
    print_members(db, lang, &found, json)
}

/// Members as lines or JSON, ID and phone masked, with this year's hours and the flags.
pub(super) fn print_members(
    db: &Db,
    lang: Lang,
    rows: &[&crate::storage::MemberTotals],
    json: bool,
) -> Result<(), Failure> {
    use crate::domain::member::report_overdue;
    use crate::domain::resident::{mask_id, mask_phone};
    let today = db.clock().now().date_naive();
    let year = chrono::Datelike::year(&today);
    let (target, months) = db.member_settings()?;
    let phone = |p: &str| if p.is_empty() { String::new() } else { mask_phone(p) };
    let below = |t: &crate::storage::MemberTotals| t.half_hours < target * 2;
    if json {
        let rows: Vec<MemberJson> = rows
            .iter()
            .map(|t| MemberJson {
                id: t.member.id,
                name: &t.member.name,
                id_number: mask_id(&t.member.id_number),
                phone: phone(&t.member.phone),
                unit: &t.member.unit,
                branch: &t.member.branch,
                grid: &t.member.grid,
                status: t.member.status,
                year,
                hours: f64::from(t.half_hours) / 2.0,
                points: f64::from(t.half_points) / 2.0,
                reported_on: t.member.reported_on,
                below_target: below(t),
                report_overdue: report_overdue(&t.member, months, today),
            })
            .collect();
        out!("{}", serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into()));
        return Ok(());
    }
    let lines: Vec<Vec<String>> = rows
        .iter()
        .map(|t| {
            let m = &t.member;
            let mut flags = Vec::new();
            if below(t) {
                flags.push(say::below_target(lang, target));
            }
            if report_overdue(m, months, today) {
                flags.push(say::report_due(lang, m.reported_on));
            }
            vec![
                m.name.clone(),
                mask_id(&m.id_number),
                phone(&m.phone),
                m.unit.clone(),
                m.grid.clone(),
                say::year_hours(lang, year, &t.hours()),
                flags.join(" "),
            ]
        })
        .collect();
    super::out::table(&lines)
}
