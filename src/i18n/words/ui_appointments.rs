//! The words of `ui/screens/appointments.rs`: every pair it shows, in Chinese and English.

use crate::domain::lang::Lang;

/// A phrase of this part of the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum W {
    ///  · 非工作日，不接受预约
    NotAWorkingDay,
    /// 已过或不可约
    Closed,
    /// 已约满
    Full,
    /// 可预约
    Open,
}

/// The phrase in the interface language.
pub fn say(lang: Lang, w: W) -> &'static str {
    let (zh, en) = match w {
        W::NotAWorkingDay => (" · 非工作日，不接受预约", " · not a working day: no bookings"),
        W::Closed => ("已过或不可约", "closed"),
        W::Full => ("已约满", "full"),
        W::Open => ("可预约", "open"),
    };
    super::super::pick(lang, zh, en)
}
