//! What each action does, in both languages (help, palette, hints).

use crate::action::Action;
use crate::app::Lang;

/// The description of an action.
pub fn describe(lang: Lang, a: Action) -> &'static str {
    let (zh, en) = match a {
        Action::Quit => ("退出一窗", "Quit yichuang"),
        Action::Help => ("显示按键帮助", "Show the keys that work here"),
        Action::Palette => ("打开命令面板", "Open the command palette"),
        Action::NextTab => ("下一个标签页", "Next tab"),
        Action::PrevTab => ("上一个标签页", "Previous tab"),
        Action::GotoCatalog => ("转到事项目录", "Go to the service-item catalog"),
        Action::Up => ("上移", "Move up"),
        Action::Down => ("下移", "Move down"),
        Action::PageUp => ("上翻一页", "Page up"),
        Action::PageDown => ("下翻一页", "Page down"),
        Action::First => ("到第一项", "Go to the first row"),
        Action::Last => ("到最后一项", "Go to the last row"),
        Action::Confirm => ("确认 / 打开", "Accept or open"),
        Action::Back => ("返回 / 清空 / 关闭", "Back: close, clear or leave the field"),
        Action::FocusSearch => ("输入搜索", "Type a search"),
        Action::ClearSearch => ("清空搜索", "Clear the search"),
        Action::DetailUp => ("详情向上滚动", "Scroll the details up"),
        Action::DetailDown => ("详情向下滚动", "Scroll the details down"),
        Action::ToggleLang => ("切换中文 / English", "Switch English / 中文"),
        Action::GotoCases => ("转到办件列表", "Go to the cases"),
        Action::GotoResidents => ("转到居民", "Go to the residents"),
        Action::NewResident => ("登记新居民", "Register a new resident"),
        Action::Reveal => ("查看完整证件号和手机（留痕）", "Show the full ID and phone (audited)"),
        Action::CycleFilter => (
            "切换筛选：在办、将到期、已超期、待补正、已办结、全部",
            "Cycle the filter: open, due soon, overdue, awaiting, completed, all",
        ),
        Action::ToggleMine => ("只看我的 / 看全部", "Mine only / everyone's"),
        Action::ToggleItem => ("只看同一事项 / 全部事项", "This item only / every item"),
        Action::CaseStart => ("开始办理", "Start handling"),
        Action::CaseSuspend => ("挂起（需说明原因）", "Suspend (with a reason)"),
        Action::CaseResume => ("恢复办理", "Resume"),
        Action::CaseSupply => ("补正材料已交齐，正式受理", "Missing materials brought: accept"),
        Action::CaseComplete => ("办结", "Complete"),
        Action::CaseReturn => ("退件（需说明原因）", "Return (with a reason)"),
        Action::CaseReject => ("不予受理（需说明原因）", "Refuse (with a reason)"),
        Action::CaseRate => ("记录好差评", "Record the rating"),
        Action::CaseFollowUp => ("记录差评回访", "Record the follow-up of a bad rating"),
        Action::PrintReceipt => ("打印受理回执或一次性告知单", "Print the receipt or one-time notice"),
        Action::ToggleMaterial => ("切换材料状态：已交、缺少、容缺", "Cycle the material: presented, missing, waived"),
        Action::LaterPromise => ("容缺承诺日期推后一个工作日", "Promise one working day later"),
        Action::EarlierPromise => ("容缺承诺日期提前一个工作日", "Promise one working day earlier"),
        Action::CycleChannel => {
            ("切换办理渠道：窗口、预约、代办、上门", "Cycle the channel: window, appointment, on behalf, home visit")
        }
        Action::MaterialHandled => (
            "登记原件收取或退还、容缺材料补交",
            "Record an original received or returned, or a waived material brought",
        ),
        Action::NextField => ("下一栏", "Next field"),
        Action::PrevField => ("上一栏", "Previous field"),
        Action::Submit => ("提交", "Submit"),
    };
    super::pick(lang, zh, en)
}

/// A two- to four-character label for the hint line.
pub fn short(lang: Lang, a: Action) -> &'static str {
    let (zh, en) = match a {
        Action::Quit => ("退出", "quit"),
        Action::Help => ("帮助", "help"),
        Action::Palette => ("命令", "commands"),
        Action::NextTab => ("下一页签", "next tab"),
        Action::PrevTab => ("上一页签", "prev tab"),
        Action::GotoCatalog => ("事项", "catalog"),
        Action::Up | Action::Down => ("选择", "select"),
        Action::PageUp | Action::PageDown => ("翻页", "page"),
        Action::First => ("首项", "first"),
        Action::Last => ("末项", "last"),
        Action::Confirm => ("确认", "open"),
        Action::Back => ("返回", "back"),
        Action::FocusSearch => ("搜索", "search"),
        Action::ClearSearch => ("清空", "clear"),
        Action::DetailUp | Action::DetailDown => ("滚动详情", "scroll details"),
        Action::ToggleLang => ("English", "中文"),
        Action::GotoCases => ("办件", "cases"),
        Action::GotoResidents => ("居民", "residents"),
        Action::NewResident => ("新居民", "new resident"),
        Action::Reveal => ("查看证件", "reveal"),
        Action::CycleFilter => ("筛选", "filter"),
        Action::ToggleMine => ("我的", "mine"),
        Action::ToggleItem => ("同事项", "item"),
        Action::CaseStart => ("办理", "start"),
        Action::CaseSuspend => ("挂起", "suspend"),
        Action::CaseResume => ("恢复", "resume"),
        Action::CaseSupply => ("补正", "supplied"),
        Action::CaseComplete => ("办结", "complete"),
        Action::CaseReturn => ("退件", "return"),
        Action::CaseReject => ("不予受理", "refuse"),
        Action::CaseRate => ("评价", "rate"),
        Action::CaseFollowUp => ("回访", "follow-up"),
        Action::PrintReceipt => ("打印", "print"),
        Action::ToggleMaterial => ("材料状态", "status"),
        Action::LaterPromise | Action::EarlierPromise => ("承诺日期", "promise"),
        Action::CycleChannel => ("渠道", "channel"),
        Action::MaterialHandled => ("原件", "original"),
        Action::NextField | Action::PrevField => ("换栏", "field"),
        Action::Submit => ("提交", "submit"),
    };
    super::pick(lang, zh, en)
}
