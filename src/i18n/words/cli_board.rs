//! The words of `cli/board.rs`: the hall board's settings and its web page's address.

use crate::domain::lang::Lang;

/// A phrase of the board's command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum W {
    /// 大厅公告已设置：{} 条
    NoticesSet,
    /// 语音播报：开
    VoiceOn,
    /// 语音播报：关
    VoiceOffSet,
    /// 静音时段：{}
    QuietSet,
    /// 不设静音时段
    QuietNone,
    /// 静音时段写法不对：{}。请写成 12:00-13:30，多段用逗号分开
    BadQuiet,
    /// 网页地址写法不对：{}。请写成 127.0.0.1:8080（或只写端口 8080）
    BadAddress,
    /// 叫号网页：{}
    ServingAt,
    /// 未找到语音命令，语音播报已关闭
    NoVoiceCommand,
}

/// The phrase in the interface language.
pub fn say(lang: Lang, w: W) -> &'static str {
    let (zh, en) = match w {
        W::NoticesSet => ("大厅公告已设置：{} 条", "Hall notices set: {}"),
        W::VoiceOn => ("语音播报：开", "Voice: on"),
        W::VoiceOffSet => ("语音播报：关", "Voice: off"),
        W::QuietSet => ("静音时段：{}", "Quiet hours: {}"),
        W::QuietNone => ("不设静音时段", "No quiet hours"),
        W::BadQuiet => (
            "静音时段写法不对：{}。请写成 12:00-13:30，多段用逗号分开",
            "Quiet hours not understood: {}. Write them as 12:00-13:30, several separated by commas",
        ),
        W::BadAddress => (
            "网页地址写法不对：{}。请写成 127.0.0.1:8080（或只写端口 8080）",
            "Address not understood: {}. Write it as 127.0.0.1:8080 (or only the port, 8080)",
        ),
        W::ServingAt => ("叫号网页：{}", "Board page: {}"),
        W::NoVoiceCommand => ("未找到语音命令，语音播报已关闭", "No voice command found; voice is off"),
    };
    super::super::pick(lang, zh, en)
}
