//! The words of `ui/form.rs`: every pair it shows, in Chinese and English.

use crate::domain::lang::Lang;

/// A phrase of this part of the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum W {
    /// 红色的项目有误，请按右侧说明修改后再保存
    FixTheFieldsIn,
}

/// The phrase in the interface language.
pub fn say(lang: Lang, w: W) -> &'static str {
    let (zh, en) = match w {
        W::FixTheFieldsIn => {
            ("红色的项目有误，请按右侧说明修改后再保存", "Fix the fields in red as described, then save")
        }
    };
    super::super::pick(lang, zh, en)
}
