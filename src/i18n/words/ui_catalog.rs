//! The words of `ui/screens/catalog.rs`: every pair it shows, in Chinese and English.

use crate::domain::lang::Lang;

/// A phrase of this part of the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum W {
    /// 搜索事项
    Search,
    /// {}（{}）
    MaterialsCount,
    /// The empty search field when there was an earlier search: the key that brings it back.
    LastSearch,
}

/// The phrase in the interface language.
pub fn say(lang: Lang, w: W) -> &'static str {
    let (zh, en) = match w {
        W::Search => ("搜索事项", "Search"),
        W::MaterialsCount => ("{}（{}）", "{} ({})"),
        W::LastSearch => ("{up} 上次搜索：{}", "{up} last search: {}"),
    };
    super::super::pick(lang, zh, en)
}

/// A category with its queue letter: "社保（取号 A）", "Social security (社保, queue A)".
pub fn category(lang: Lang, name: &str, name_en: &str, prefix: char) -> String {
    match lang {
        Lang::Zh => format!("{name}（取号 {prefix}）"),
        Lang::En => format!("{name_en} ({name}, queue {prefix})"),
    }
}
