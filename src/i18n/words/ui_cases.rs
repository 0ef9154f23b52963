//! The words of the Cases screen's filter field and paging, in Chinese and English.

use crate::domain::lang::Lang;

/// A phrase of this part of the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum W {
    /// The filter field's title.
    FindCase,
    /// The empty filter field.
    FindCaseHint,
    /// The last line of a list with more behind it: how many, and the key that reads them.
    More,
    /// The filter found nothing.
    NoMatch,
}

/// The phrase in the interface language.
pub fn say(lang: Lang, w: W) -> &'static str {
    let (zh, en) = match w {
        W::FindCase => ("找办件（办件号、姓名、事项）", "Find a case (number, name, item)"),
        W::FindCaseHint => (
            "输入或扫描办件号，{confirm} 打开；{back} 清除",
            "Type or scan a case number, {confirm} opens it; {back} clears",
        ),
        W::More => ("还有 {} 件未列出 · {down} 继续", "{} more not listed · {down} reads on"),
        W::NoMatch => (
            "没有办件号、申请人或事项与“{}”相符的办件（本筛选内）。请核对回执上的号码，或按 {back} 清除。",
            "No case of this view has a number, applicant or item matching “{}”. Check the number on the receipt, or press {back} to clear.",
        ),
    };
    super::super::pick(lang, zh, en)
}
