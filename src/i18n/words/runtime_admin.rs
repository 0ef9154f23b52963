//! The words of `runtime/admin.rs`: every pair it shows, in Chinese and English.

use crate::domain::lang::Lang;

/// A phrase of this part of the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum W {
    /// 已停用
    Retired,
    /// 已恢复
    Restored,
    /// 收费已更新
    FeeChanged,
    /// 备注已更新
    NotesChanged,
    /// 部门已更新
    DepartmentChanged,
}

/// The phrase in the interface language.
pub fn say(lang: Lang, w: W) -> &'static str {
    let (zh, en) = match w {
        W::Retired => ("已停用", "retired"),
        W::Restored => ("已恢复", "restored"),
        W::FeeChanged => ("收费已更新", "fee changed"),
        W::NotesChanged => ("备注已更新", "notes changed"),
        W::DepartmentChanged => ("部门已更新", "department changed"),
    };
    super::super::pick(lang, zh, en)
}
