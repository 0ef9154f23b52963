//! The words of `cli/room.rs`: every pair it shows, in Chinese and English.

use crate::domain::lang::Lang;

/// A phrase of this part of the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum W {
    /// 已占用
    Occupied,
    /// （已停用）, after the room's hours
    Retired,
}

/// The phrase in the interface language.
pub fn say(lang: Lang, w: W) -> &'static str {
    let (zh, en) = match w {
        W::Occupied => ("已占用", "occupied"),
        W::Retired => ("（已停用）", " (retired)"),
    };
    super::super::pick(lang, zh, en)
}
