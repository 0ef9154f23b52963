//! The words of every toast.

use super::cases::{case_error, case_state, date};
use super::pick;
use crate::app::notice::Notice;
use crate::domain::lang::Lang;

/// The words of a notice: residents and cases here, the desk's and the supervisor's below.
pub fn notice(lang: Lang, n: &Notice) -> String {
    let zh = lang == Lang::Zh;
    match n {
        Notice::ResidentRegistered { name } => {
            if zh {
                format!("已登记居民 {name}")
            } else {
                format!("Registered {name}")
            }
        }
        Notice::ResidentEdited { name } => {
            if zh {
                format!("已保存 {name} 的信息")
            } else {
                format!("Saved {name}'s record")
            }
        }
        Notice::ResidentEditRefused(e) => super::resident_edit_error(lang, e),
        Notice::PhoneDiffers { name } => {
            if zh {
                format!("该身份证号已登记为 {name}，但档案手机号不同：核对后 {{confirm}} 保存新号，{{back}} 保留原号")
            } else {
                format!(
                    "This ID is on file as {name} with another mobile: check it, {{confirm}} saves the new one, {{back}} keeps the old"
                )
            }
        }
        Notice::DigitsNotAName(q) => {
            if zh {
                format!("“{q}” 不是身份证号或手机号，没有当作姓名：请填写姓名和身份证号")
            } else {
                format!(
                    "“{q}” is no ID number or mobile, so it is not taken as the name: fill in the name and ID number"
                )
            }
        }
        Notice::AlreadyRegistered { name } => {
            if zh {
                format!("该身份证号已登记为 {name}，已选用已有记录")
            } else {
                format!("This ID is already on file as {name}; using that record")
            }
        }
        Notice::Accepted { number, due } => {
            if zh {
                format!("已受理 {number}，{} 到期。按 {{print_receipt}} 打印回执", date(lang, *due))
            } else {
                format!("Accepted {number}, due {}. {{print_receipt}} prints the receipt", date(lang, *due))
            }
        }
        Notice::NoticeIssued { number } => {
            if zh {
                format!("{number} 材料不全，待补正。按 {{print_receipt}} 打印一次性告知单")
            } else {
                format!("{number} awaits materials. {{print_receipt}} prints the one-time notice")
            }
        }
        Notice::CaseChanged { number, state } => {
            if zh {
                format!("{number} {}", case_state(lang, *state))
            } else {
                format!("{number}: {}", case_state(lang, *state))
            }
        }
        Notice::Conflict { number } => {
            if zh {
                format!("{number} 刚被其他窗口修改，已显示最新状态，请核对后重试")
            } else {
                format!("{number} was just changed elsewhere; the fresh state is shown, check and retry")
            }
        }
        Notice::CaseRefused(e) => case_error(lang, e),
        Notice::NotFound => pick(lang, "找不到该记录，可能已被删除或更改", "That record is gone").to_string(),
        Notice::ReceiptSaved { path, printed: true } => {
            if zh {
                format!("已打印并保存到 {path}")
            } else {
                format!("Printed and saved to {path}")
            }
        }
        Notice::ReceiptSaved { path, printed: false } => {
            if zh {
                format!("已保存到 {path}（未配置打印命令）")
            } else {
                format!("Saved to {path} (no print command configured)")
            }
        }
        Notice::ReceiptFailed(t) => super::deploy::file_trouble(lang, t),
        Notice::WindowFreed(f) => super::queue::freed(lang, f),
        Notice::PrintFailed(why) => {
            if zh {
                format!("打印失败：{why}")
            } else {
                format!("Printing failed: {why}")
            }
        }
        Notice::Denied => pick(lang, "您的角色无权进行此操作", "Your role may not do this").to_string(),
        Notice::WorkerStopped => pick(
            lang,
            "数据库连接已中断，本次登录无法再保存：请退出后重新打开",
            "The database connection stopped; this session cannot save anything more: quit and open again",
        )
        .to_string(),
        Notice::NoCase => pick(lang, "请先选择一个办件", "Select a case first").to_string(),
        Notice::NothingToRecord => pick(
            lang,
            "这项材料没有可登记的事（仅容缺补交和代办原件收退）",
            "Nothing to record for this material (only waived ones and 代办 originals)",
        )
        .to_string(),
        other => desk(lang, other),
    }
}

/// The notices of the queue, rooms, mediation and the member desk.
fn desk(lang: Lang, n: &Notice) -> String {
    let zh = lang == Lang::Zh;
    match n {
        Notice::Called { number, why } => {
            if zh {
                format!("已呼叫 {number}（{}）", super::queue::why(lang, why))
            } else {
                format!("Called {number} ({})", super::queue::why(lang, why))
            }
        }
        Notice::Issued { number, position, wait } => {
            super::queue::issued(lang, number, "", *position, *wait).replace("  ", " ")
        }
        Notice::TicketChanged { number, state } => format!("{number} {}", super::queue::ticket_state(lang, *state)),
        Notice::SignedIn(Some(n)) => {
            if zh {
                format!("已在 {n} 号窗口签到")
            } else {
                format!("Signed in at window {n}")
            }
        }
        Notice::SignedIn(None) => pick(lang, "已签退", "Signed out").into(),
        Notice::WindowPaused(true) => pick(lang, "窗口已暂停", "Window paused").into(),
        Notice::WindowPaused(false) => pick(lang, "窗口已恢复", "Window resumed").into(),
        Notice::Queue(e) => super::queue::queue_error(lang, e),
        Notice::AppointmentChanged(name, state) => format!("{name} {}", super::queue::appointment_state(lang, *state)),
        Notice::CheckedIn { name, number, priority: true } => {
            if zh {
                format!("{name} 已签到，优先号 {number}")
            } else {
                format!("{name} checked in: priority number {number}")
            }
        }
        Notice::CheckedIn { name, number, priority: false } => {
            if zh {
                format!("{name} 迟到超过 15 分钟，按普通号 {number} 排队")
            } else {
                format!("{name} is over 15 minutes late: walk-in number {number}")
            }
        }
        Notice::StartIntake => pick(
            lang,
            "请在事项页选中事项按 {confirm} 受理，办件将关联当前号；完成后回排队页按 {finish_visit} 办毕",
            "Take the case in from the catalog ({confirm} on the item); it links to this number. Then {finish_visit} finishes the visit",
        )
        .into(),
        Notice::Room(e) => super::rooms::room_error(lang, e),
        Notice::RoomChanged(what) => what.clone(),
        Notice::Mediation(e) => super::rooms::mediation_error(lang, e),
        Notice::MediationChanged(number, state) => format!("{number} {}", super::rooms::mediation_state(lang, *state)),
        Notice::Request(e) => super::words::requests::error(lang, e),
        Notice::RequestSuggested(kind, service) => super::words::requests::suggested(lang, *kind, service.as_deref()),
        Notice::RequestChanged(number, state) => format!("{number} {}", super::words::requests::state(lang, *state)),
        Notice::Member(e) => super::members::error(lang, e),
        Notice::MemberIn(name) => super::members::checked(lang, name, None),
        Notice::MemberOut(name, h, p) => super::members::checked(lang, name, Some((*h, *p))),
        Notice::MemberChanged(c, what) => super::members::changed(lang, *c, what),
        Notice::NotRegistered(q) => match lang {
            Lang::Zh => format!("没有找到“{q}”：未登记的党员请先填写登记表"),
            Lang::En => format!("No member matches \"{q}\": fill in the registration form"),
        },
        Notice::TypeAName => {
            pick(lang, "请输入姓名、拼音首字母或手机尾号", "Type a name, pinyin initials or a phone tail").into()
        }
        Notice::NoActivity => {
            pick(lang, "请先在“活动”中选择一个活动（{members_view}）", "Choose an activity first ({members_view}: Activities)").into()
        }
        Notice::NoRecord => pick(lang, "请先用 {detail_up}/{detail_down} 选择一条服务记录", "Select a record first ({detail_up}/{detail_down})").into(),
        other => supervisor(lang, other),
    }
}

/// The notices of the supervisor's tab, and the small ones every screen shares.
fn supervisor(lang: Lang, n: &Notice) -> String {
    match n {
        Notice::OperatorChanged(c) => {
            use crate::model::OperatorChange as C;
            match c {
                C::Done => pick(lang, "人员已更新", "Operators updated"),
                C::Exists => pick(lang, "该登录名已存在，未添加", "That login exists; nothing added"),
                C::NotFound => pick(lang, "没有该人员（或已停用）", "No such operator (or retired)"),
                C::AlreadyRetired => pick(lang, "该人员已停用", "Already retired"),
                C::LastAdmin => pick(lang, "不能去掉最后一位管理员", "The last admin must stay an admin"),
            }
            .into()
        }
        Notice::AdminFailed(why) => match lang {
            Lang::Zh => format!("未完成：{why}"),
            Lang::En => format!("Not done: {why}"),
        },
        Notice::TargetSet(what) => match lang {
            Lang::Zh => format!("已设置：{what}"),
            Lang::En => format!("Set: {what}"),
        },
        Notice::ReportSaved(files) => match lang {
            Lang::Zh => format!("报表已生成：{files}"),
            Lang::En => format!("Report written: {files}"),
        },
        Notice::FeedbackSaved(n, dir) => match lang {
            Lang::Zh => format!("已生成 {n} 份反馈单：{dir}"),
            Lang::En => format!("{n} feedback reports written to {dir}"),
        },
        Notice::NoTicket => pick(lang, "窗口当前没有号", "No number at your window").into(),
        Notice::Undone(a) => match lang {
            Lang::Zh => format!("已撤销：{}", crate::i18n::short(lang, *a)),
            Lang::En => format!("Taken back: {}", crate::i18n::short(lang, *a)),
        },
        Notice::NothingToUndo => pick(lang, "没有可撤销的操作", "Nothing of yours to take back").into(),
        Notice::UndoChangedSince => pick(
            lang,
            "无法撤销：这条记录已被他人改动，请按当前状态处理",
            "Cannot take it back: someone has changed the record since; carry on from where it is now",
        )
        .into(),
        Notice::NothingSelected => pick(
            lang,
            "光标处没有可操作的记录：先用 ↑/↓ 选中一行",
            "Nothing under the cursor: choose a row with ↑/↓ first",
        )
        .into(),
        Notice::DayViewOnly => pick(
            lang,
            "周视图只能查看：切换到日视图再预约或修改",
            "The week view is for reading: switch to the day grid to book or change",
        )
        .into(),
        Notice::ReportRunning => {
            pick(lang, "报表正在生成，请稍候", "A report is still being written; please wait").into()
        }
        Notice::NoWindow => pick(
            lang,
            "没有设置您的窗口号：在配置文件写 window = N，或请管理员登记",
            "No window number: set window = N in the config, or ask an admin",
        )
        .into(),
        // Worded by the caller, which knows more (the item count, the field, the error).
        _ => String::new(),
    }
}
