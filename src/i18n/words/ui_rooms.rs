//! The words of `ui/screens/rooms.rs`: every pair it shows, in Chinese and English.

use crate::domain::lang::Lang;

/// A phrase of this part of the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum W {
    /// · 非工作日
    NotAWorkingDay,
    /// 可以预约，{} 保存，{} 放弃
    FreeSavesDrops,
    /// 还没有调解室。负责人可用 yichuang room add 添加。
    NoRoomsYetA,
    /// ▒ 新预约
    New,
    /// 占用
    Taken,
    /// 休息
    Off,
    /// 空闲
    Free,
    /// 场
    Sessions,
}

/// The phrase in the interface language.
pub fn say(lang: Lang, w: W) -> &'static str {
    let (zh, en) = match w {
        W::NotAWorkingDay => ("· 非工作日 ", "· not a working day "),
        W::FreeSavesDrops => ("可以预约，{confirm} 保存，{back} 放弃", "free: {confirm} saves, {back} drops"),
        W::NoRoomsYetA => (
            "还没有调解室。负责人可用 yichuang room add 添加。",
            "No rooms yet. A supervisor adds them with yichuang room add.",
        ),
        W::New => ("▒ 新预约", "▒ new"),
        W::Taken => ("占用", "taken"),
        W::Off => ("休息", "off"),
        W::Free => ("空闲", "free"),
        W::Sessions => (" 场", " sessions"),
    };
    super::super::pick(lang, zh, en)
}
