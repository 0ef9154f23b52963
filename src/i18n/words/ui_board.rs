//! The words of `ui/board.rs`: every pair it shows, in Chinese and English.

use crate::domain::lang::Lang;

/// A phrase of this part of the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum W {
    /// 请留意叫号，到对应窗口办理
    PleaseWatchForYour,
    /// 暂无开放窗口
    NoWindowIsOpen,
    ///  最近叫号
    LastCalled,
    ///  等候人数
    Waiting,
    /// 工作人员暂离，请稍候
    StaffAwayPleaseWait,
    /// 暂停服务
    Paused,
    /// 再次呼叫
    CallingAgain,
    /// 未开放
    NotOpen,
    /// 正在叫号
    NowCalling,
    /// 再次呼叫 · 第{}次
    CalledAgainTimes,
    /// 语音播报已关闭
    VoiceOff,
    /// 静音时段，不播报
    QuietHours,
    /// 语音播报失败：{}
    VoiceFailed,
    /// 数据库暂时无法访问，正在重新连接…
    Offline,
}

/// The phrase in the interface language.
pub fn say(lang: Lang, w: W) -> &'static str {
    let (zh, en) = match w {
        W::PleaseWatchForYour => ("请留意叫号，到对应窗口办理", "Please watch for your number"),
        W::NoWindowIsOpen => ("暂无开放窗口", "No window is open"),
        W::LastCalled => (" 最近叫号 ", " Last called "),
        W::Waiting => (" 等候人数 ", " Waiting "),
        W::StaffAwayPleaseWait => ("工作人员暂离，请稍候", "Staff away, please wait"),
        W::Paused => ("暂停服务", "Paused"),
        W::CallingAgain => ("再次呼叫", "calling again"),
        W::NotOpen => ("未开放", "Not open"),
        W::NowCalling => ("正在叫号", "Now calling"),
        W::CalledAgainTimes => ("再次呼叫 · 第{}次", "Calling again · call {}"),
        W::VoiceOff => ("语音播报已关闭", "Voice off"),
        W::QuietHours => ("静音时段，不播报", "Quiet hours, no voice"),
        W::VoiceFailed => ("语音播报失败：{}", "Voice failed: {}"),
        W::Offline => ("数据库暂时无法访问，正在重新连接…", "Database unreachable, reconnecting…"),
    };
    super::super::pick(lang, zh, en)
}
