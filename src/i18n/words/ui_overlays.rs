//! The words of `ui/overlays.rs`: every pair it shows, in Chinese and English.

use crate::domain::lang::Lang;

/// A phrase of this part of the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum W {
    /// 搜索框有光标时，字母和数字直接输入；Esc 离开搜索框后可用单键命令。
    WhileTheSearchField,
    /// 数据库
    Database,
    /// 格式不对：请按上面的说明填写
    NotInTheForm,
    ///  {} 取消
    Cancel,
}

/// The phrase in the interface language.
pub fn say(lang: Lang, w: W) -> &'static str {
    let (zh, en) = match w {
        W::WhileTheSearchField => (
            "搜索框有光标时，字母和数字直接输入；{back} 离开搜索框后可用单键命令。",
            "While the search field has the cursor, letters type; press {back} to leave it for one-key commands.",
        ),
        W::Database => ("数据库", "Database"),
        W::NotInTheForm => ("格式不对：请按上面的说明填写", "Not in the form described above"),
        W::Cancel => (" {back} 取消", " {back} cancel"),
    };
    super::super::pick(lang, zh, en)
}
