//! The words of `ui/pick.rs` (the candidate list) and of the resident edit form: every pair
//! they show, in Chinese and English.

use crate::domain::lang::Lang;

/// A phrase of this part of the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum W {
    /// {}岁
    Age,
    /// 同名 {} 人，请核对证件尾号和年龄
    Namesakes,
    /// 没有匹配的居民：请换个写法，或先在居民页登记
    NobodyToBook,
    /// 为 {} 预约 {}？
    BookWho,
    /// ↑/↓ 选人 · {confirm} 核对 · {back} 取消
    PickKeys,
    /// {confirm} 预约 · {back} 返回重选
    BookKeys,
    /// 诉求人是 {}？ (the new request's resident picked)
    RequestWho,
    /// {confirm} 填写诉求 · {back} 返回重选
    RequestKeys,
    /// 部分匹配: a search hit holding only part of the query
    MarkPartial,
    /// 近似: a search hit one slipped key away ("did you mean")
    MarkTypo,
    /// 身份证尾号: a hit found by the end of the identity number
    MarkIdTail,
    /// 手机尾号: a hit found by the end of the phone number
    MarkPhoneTail,
}

/// The phrase in the interface language.
pub fn say(lang: Lang, w: W) -> &'static str {
    let (zh, en) = match w {
        W::Age => ("{}岁", "age {}"),
        W::Namesakes => ("同名 {} 人，请核对证件尾号和年龄", "{} people of this name: check the ID tail and age"),
        W::NobodyToBook => (
            "没有匹配的居民：请换个写法，或先在居民页登记",
            "No resident matches: try another spelling, or register them on the Residents tab first",
        ),
        W::BookWho => ("为 {} 预约 {}？", "Book {} for {}?"),
        W::PickKeys => ("↑/↓ 选人 · {confirm} 核对 · {back} 取消", "↑/↓ pick · {confirm} check · {back} cancel"),
        W::BookKeys => ("{confirm} 预约 · {back} 返回重选", "{confirm} book · {back} pick again"),
        W::RequestWho => ("诉求人：{}？", "The request is from {}?"),
        W::RequestKeys => ("{confirm} 填写诉求 · {back} 返回重选", "{confirm} write the request · {back} pick again"),
        W::MarkPartial => ("部分匹配", "partial"),
        W::MarkTypo => ("近似", "did you mean"),
        W::MarkIdTail => ("身份证尾号", "ID tail"),
        W::MarkPhoneTail => ("手机尾号", "phone tail"),
    };
    super::super::pick(lang, zh, en)
}
