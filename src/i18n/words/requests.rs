//! The words of residents' requests (诉求) wherever they show: the command line, the Requests
//! tab, the receipt slip, reports and the dashboard.

use crate::domain::lang::Lang;
use crate::domain::request::{Kind, Provider, Rating, Source, State, StepError, Timing, Urgency};
use crate::model::requests::RequestOpError;

/// A phrase of requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum W {
    /// 诉求
    Requests,
    /// 匿名
    Anonymous,
    /// （保密）
    Private,
    /// 编号
    Number,
    /// 类别
    Kind,
    /// 状态
    State,
    /// 网格
    Grid,
    /// 地点
    Place,
    /// 居民
    Resident,
    /// 内容
    Text,
    /// 承办
    Taker,
    /// 期限
    Due,
    /// 评价
    Rating,
    /// 照片
    Photos,
    /// 服务
    Service,
    /// 紧急
    Urgent,
    /// 重办
    Reopened,
    /// 吹哨
    Escalated,
    /// 已超期
    Overdue,
    /// 即将到期
    DueSoon,
    /// 可派单对象
    Candidates,
    /// 本月已接
    Load,
    /// 办理经过
    Timeline,
    /// 没有诉求。
    None,
    /// 诉求回执
    Receipt,
    /// 我们会在期限内答复您。诉求编号可用于查询进度。
    ReceiptNote,
    /// 登记时间
    TakenAt,
    /// 全部
    All,
    /// 未派单的诉求
    Unassigned,
    /// The dashboard line's head: 诉求（未结/超期/不满意）
    DashboardHead,
}

/// The phrase in the interface language.
pub fn say(lang: Lang, w: W) -> &'static str {
    let (zh, en) = match w {
        W::Requests => ("诉求", "Requests"),
        W::Anonymous => ("匿名", "anonymous"),
        W::Private => ("（保密）", "(private)"),
        W::Number => ("编号", "Number"),
        W::Kind => ("类别", "Kind"),
        W::State => ("状态", "State"),
        W::Grid => ("网格", "Grid"),
        W::Place => ("地点", "Place"),
        W::Resident => ("居民", "Resident"),
        W::Text => ("内容", "Request"),
        W::Taker => ("承办", "Taker"),
        W::Due => ("期限", "Due"),
        W::Rating => ("评价", "Rating"),
        W::Photos => ("照片", "Photos"),
        W::Service => ("服务", "Service"),
        W::Urgent => ("紧急", "urgent"),
        W::Reopened => ("重办", "reopened"),
        W::Escalated => ("吹哨", "escalated"),
        W::Overdue => ("已超期", "overdue"),
        W::DueSoon => ("即将到期", "due soon"),
        W::Candidates => ("可派单对象", "Candidates"),
        W::Load => ("本月已接", "this month"),
        W::Timeline => ("办理经过", "Timeline"),
        W::None => ("没有诉求。", "No requests."),
        W::Receipt => ("诉求回执", "Request receipt"),
        W::ReceiptNote => (
            "我们会在期限内答复您，凭诉求编号可查询办理进度。",
            "We will answer by the deadline; quote the request number to ask how it stands.",
        ),
        W::TakenAt => ("登记时间", "Taken"),
        W::All => ("全部", "all"),
        W::Unassigned => ("未分网格", "no grid"),
        W::DashboardHead => ("诉求（未结/超期/不满意）", "Requests (open/overdue/unsatisfied)"),
    };
    super::super::pick(lang, zh, en)
}

/// 咨询 / 求助 / 投诉 / 建议 / 服务点单.
pub fn kind(lang: Lang, k: Kind) -> &'static str {
    let (zh, en) = match k {
        Kind::Consult => ("咨询", "enquiry"),
        Kind::Help => ("求助", "help"),
        Kind::Complaint => ("投诉", "complaint"),
        Kind::Suggestion => ("建议", "suggestion"),
        Kind::Order => ("服务点单", "service order"),
    };
    super::super::pick(lang, zh, en)
}

/// 待派单 … 已评价.
pub fn state(lang: Lang, s: State) -> &'static str {
    let (zh, en) = match s {
        State::Pending => ("待派单", "to dispatch"),
        State::Dispatched => ("已派单", "dispatched"),
        State::Accepted => ("已接单", "accepted"),
        State::InProgress => ("处理中", "in progress"),
        State::Done => ("已办结", "done"),
        State::Rated => ("已评价", "rated"),
        State::Supervisor => ("转负责人", "with supervisor"),
    };
    super::super::pick(lang, zh, en)
}

/// 满意 / 基本满意 / 不满意.
pub fn rating(lang: Lang, r: Rating) -> &'static str {
    let (zh, en) = match r {
        Rating::Satisfied => ("满意", "satisfied"),
        Rating::Fair => ("基本满意", "fairly satisfied"),
        Rating::Unsatisfied => ("不满意", "unsatisfied"),
    };
    super::super::pick(lang, zh, en)
}

/// 网格员 / 党员 / 合伙人 / 部门.
pub fn provider(lang: Lang, p: Provider) -> &'static str {
    let (zh, en) = match p {
        Provider::Grid => ("网格员", "grid staff"),
        Provider::Member => ("党员", "member"),
        Provider::Partner => ("红色合伙人", "partner"),
        Provider::Department => ("职能部门", "department"),
    };
    super::super::pick(lang, zh, en)
}

/// 一般 / 紧急.
pub fn urgency(lang: Lang, u: Urgency) -> &'static str {
    match u {
        Urgency::Normal => "",
        Urgency::Urgent => say(lang, W::Urgent),
    }
}

/// The timing's mark: 已超期, 即将到期 or nothing.
pub fn timing(lang: Lang, t: Timing) -> &'static str {
    match t {
        Timing::OnTime => "",
        Timing::DueSoon => say(lang, W::DueSoon),
        Timing::Overdue => say(lang, W::Overdue),
    }
}

/// 窗口 / 网格巡查 / 党员服务岗: where a request was taken.
pub fn source(lang: Lang, s: Source) -> &'static str {
    let (zh, en) = match s {
        Source::Window => ("窗口", "at a window"),
        Source::Rounds => ("网格巡查", "on the grid rounds"),
        Source::MemberDesk => ("党员服务岗", "at the member desk"),
    };
    super::super::pick(lang, zh, en)
}

/// A timeline entry's note in words: the code storage keeps at its head (where it was taken,
/// the kind of taker, the rating) worded, the rest (names, reasons) as written.
pub fn event_note(lang: Lang, kind: &str, note: &str) -> String {
    let (head, rest) = note.split_once(' ').unwrap_or((note, ""));
    let worded = match kind {
        "taken" => Source::from_str_opt(head).map(|x| source(lang, x)),
        "dispatch" => Provider::from_str_opt(head).map(|x| provider(lang, x)),
        "rate" => Rating::from_str_opt(head).map(|x| rating(lang, x)),
        _ => None,
    };
    match worded {
        Some(w) if rest.is_empty() => w.to_string(),
        Some(w) => format!("{w} {rest}"),
        None => note.to_string(),
    }
}

/// A timeline entry's kind in words.
pub fn event(lang: Lang, kind: &str) -> &'static str {
    let (zh, en) = match kind {
        "taken" => ("登记", "taken"),
        "dispatch" => ("派单", "dispatched"),
        "accept" => ("接单", "accepted"),
        "start" => ("开始处理", "started"),
        "done" => ("办结", "completed"),
        "rate" => ("评价", "rated"),
        "reopen" => ("重办", "reopened"),
        "return" => ("退回", "returned"),
        "escalate" => ("吹哨报到", "escalated"),
        "supervisor" => ("转负责人", "to supervisor"),
        _ => ("其他", "other"),
    };
    super::super::pick(lang, zh, en)
}

/// What is wrong, and how to put it right.
pub fn error(lang: Lang, e: &RequestOpError) -> String {
    use RequestOpError as E;
    let l = |zh: &'static str, en: &'static str| super::super::pick(lang, zh, en).to_string();
    match e {
        E::Storage(s) => crate::i18n::storage_error(lang, s),
        E::Step(StepError::NotNow(s)) => crate::i18n::fill(
            super::super::pick(lang, "诉求当前为“{}”，不能这样办理。", "The request is {}: this step does not apply."),
            &[&state(lang, *s)],
        ),
        E::NotFound => l(
            "没有这个诉求（或您无权查看）。请核对编号。",
            "No such request (or not one you may see). Check the number.",
        ),
        E::AnonymousNotComplaint => l(
            "只有投诉可以匿名。请选择居民，或把类别改为投诉。",
            "Only a complaint may be anonymous: pick the resident, or make it a complaint.",
        ),
        E::EmptyText => l("请写明居民反映的内容。", "Write down what the resident asks for."),
        E::NoResident => l("没有这位居民，请先登记居民。", "No such resident: register them first."),
        E::NoService(c) => crate::i18n::fill(
            super::super::pick(lang, "服务清单中没有“{}”。", "No service \"{}\" on the menu."),
            &[&crate::domain::text::sanitize(c)],
        ),
        E::NoGrid(g) => crate::i18n::fill(
            super::super::pick(
                lang,
                "没有“{}”这个网格；网格布局可用 import grid 导入。",
                "No grid \"{}\"; import the layout with `import grid`.",
            ),
            &[&crate::domain::text::sanitize(g)],
        ),
        E::NoTaker(t) => crate::i18n::fill(
            super::super::pick(
                lang,
                "找不到承办对象“{}”：写 grid:登录名、member:编号、partner:名称 或 department:名称。",
                "No taker \"{}\": write grid:LOGIN, member:ID, partner:NAME or department:NAME.",
            ),
            &[&crate::domain::text::sanitize(t)],
        ),
        E::NotYours { kind, taker, dispatcher } => {
            let (zh, en) = match kind {
                Provider::Grid => (
                    "这件诉求派给了网格员{}，只有其本人、派单人{}或负责人可以登记办理情况。",
                    "This request went to the grid staff {}: only they, its dispatcher {} or a supervisor record its steps.",
                ),
                Provider::Member => (
                    "这件诉求派给了党员{}，只有党员服务岗、派单人{}或负责人可以登记办理情况。",
                    "This request went to the party member {}: only the member desk, its dispatcher {} or a supervisor record its steps.",
                ),
                Provider::Partner | Provider::Department => (
                    "这件诉求派给了{}，只有派单人{}或负责人可以登记办理情况。",
                    "This request went to {}: only its dispatcher {} or a supervisor record its steps.",
                ),
            };
            crate::i18n::fill(
                super::super::pick(lang, zh, en),
                &[&crate::domain::text::sanitize(taker), &crate::domain::text::sanitize(dispatcher)],
            )
        }
        E::Stale => {
            l("诉求刚被别人改过，请重新查看后再办。", "Someone changed the request meanwhile: look again, then act.")
        }
        E::NoReason => l("请写明原因。", "Give the reason."),
        E::Hours(p) => crate::i18n::members::hours_problem(lang, p),
        E::Photo { path, problem } => {
            use crate::model::requests::PhotoProblem as P;
            let (zh, en) = match problem {
                P::Missing => (
                    "找不到照片文件“{}”：请核对路径（可写完整路径）。",
                    "No photo file \"{}\": check the path (a full path is safest).",
                ),
                P::NotAFile => (
                    "“{}”不是文件（是文件夹？）：请写照片文件本身的路径。",
                    "\"{}\" is not a file (a folder?): give the photo file's own path.",
                ),
                P::NotImage => (
                    "“{}”不是照片：只收 jpg、jpeg、png、gif、webp、heic、bmp、tif 文件。",
                    "\"{}\" is not a photo: only jpg, jpeg, png, gif, webp, heic, bmp or tif files.",
                ),
            };
            crate::i18n::fill(super::super::pick(lang, zh, en), &[&crate::domain::text::sanitize(path)])
        }
        E::Layout { line, what } => crate::i18n::fill(
            super::super::pick(lang, "网格布局第 {} 行：{}", "Grid layout line {}: {}"),
            &[line, &crate::domain::text::sanitize(what)],
        ),
    }
}

/// `--kind` is not one of the kinds.
pub fn bad_kind(lang: Lang, k: &str) -> String {
    crate::i18n::fill(
        super::super::pick(
            lang,
            "类别“{}”不对：写 consult（咨询）、help（求助）、complaint（投诉）、suggestion（建议）或 order（服务点单）。",
            "Kind \"{}\" is not one: write consult, help, complaint, suggestion or order.",
        ),
        &[&crate::domain::text::sanitize(k)],
    )
}

/// `--state` is not one of the states.
pub fn bad_state(lang: Lang, s: &str) -> String {
    crate::i18n::fill(
        super::super::pick(
            lang,
            "状态“{}”不对：写 pending、dispatched、accepted、in_progress、done、rated 或 supervisor。",
            "State \"{}\" is not one: write pending, dispatched, accepted, in_progress, done, rated or supervisor.",
        ),
        &[&crate::domain::text::sanitize(s)],
    )
}

/// The rating is not one of the three.
pub fn bad_rating(lang: Lang, s: &str) -> String {
    crate::i18n::fill(
        super::super::pick(
            lang,
            "评价“{}”不对：写 satisfied（满意）、fair（基本满意）或 unsatisfied（不满意）。",
            "Rating \"{}\" is not one: write satisfied, fair or unsatisfied.",
        ),
        &[&crate::domain::text::sanitize(s)],
    )
}

/// `--hours` cannot be read.
pub fn bad_hours(lang: Lang, s: &str) -> String {
    crate::i18n::fill(
        super::super::pick(
            lang,
            "时长“{}”不对：写小时数，如 1.5。",
            "Hours \"{}\" cannot be read: write hours like 1.5.",
        ),
        &[&crate::domain::text::sanitize(s)],
    )
}

/// `--ticket` is not one of today's numbers.
pub fn ticket_unknown(lang: Lang, s: &str) -> String {
    crate::i18n::fill(
        super::super::pick(lang, "今天没有 {} 号。", "No number {} today."),
        &[&crate::domain::text::sanitize(s)],
    )
}

/// The request in full, line by line: what the detail pane and `request show` print.
pub fn detail(
    lang: Lang,
    r: &crate::model::requests::Request,
    events: &[crate::model::requests::RequestEvent],
) -> Vec<String> {
    let c = crate::i18n::colon(lang);
    let who = if r.anonymous {
        say(lang, W::Anonymous).to_string()
    } else if r.hidden {
        say(lang, W::Private).to_string()
    } else {
        r.resident_name.clone().unwrap_or_default()
    };
    let mut out = vec![
        format!(
            "{}{c}{}  {}{}",
            say(lang, W::Number),
            r.number,
            state(lang, r.state),
            if r.reopened { format!(" · {}", say(lang, W::Reopened)) } else { String::new() }
        ),
        format!(
            "{}{c}{}{}  {}",
            say(lang, W::Kind),
            kind(lang, r.kind),
            r.service_name.as_deref().map(|s| format!(" · {s}")).unwrap_or_default(),
            urgency(lang, r.urgency)
        ),
        format!("{}{c}{who}", say(lang, W::Resident)),
        format!("{}{c}{}  {}{c}{}", say(lang, W::Place), r.place, say(lang, W::Grid), r.grid),
        format!("{}{c}{}", say(lang, W::Text), r.text),
        format!("{}{c}{}", say(lang, W::TakenAt), r.created_at.format("%Y-%m-%d %H:%M")),
    ];
    if let Some(t) = &r.taker {
        out.push(format!(
            "{}{c}{} {}{}",
            say(lang, W::Taker),
            provider(lang, t.kind),
            t.name,
            if t.escalated { format!(" · {}", say(lang, W::Escalated)) } else { String::new() }
        ));
    }
    if let Some(d) = r.due_at {
        out.push(format!("{}{c}{}", say(lang, W::Due), d.format("%Y-%m-%d %H:%M")));
    }
    if let Some(x) = r.rating {
        out.push(format!("{}{c}{}", say(lang, W::Rating), rating(lang, x)));
    }
    if !r.photos.is_empty() {
        out.push(format!("{}{c}{}", say(lang, W::Photos), r.photos.join(crate::i18n::list_separator(lang))));
    }
    out.push(format!("{}{c}", say(lang, W::Timeline)));
    for e in events {
        out.push(
            format!(
                "  {} {} {} {}",
                e.at.format("%m-%d %H:%M"),
                event(lang, &e.kind),
                e.name,
                event_note(lang, &e.kind, &e.note)
            )
            .trim_end()
            .to_string(),
        );
    }
    out
}

/// What `import grid` did.
pub fn imported(
    lang: Lang,
    file: &str,
    d: &crate::model::requests::GridImport,
    services: usize,
    contacts: usize,
) -> String {
    crate::i18n::fill(
        super::super::pick(
            lang,
            "已导入 {}：网格 {} 个，小区/楼栋 {} 处，服务 {} 项，合伙人和部门 {} 个；{} 位居民按住址归入网格。",
            "Imported {}: {} grids, {} estates/buildings, {} services, {} partners and departments; {} residents follow their address to a grid.",
        ),
        &[&crate::domain::text::sanitize(file), &d.grids, &d.places, &services, &contacts, &d.residents],
    )
}

/// Columns of the report's requests section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    /// 维度
    By,
    /// 名称
    Name,
    /// 受理
    Collected,
    /// 办结
    Resolved,
    /// 按期办结
    OnTime,
    /// 满意
    Satisfied,
    /// 基本满意
    Fair,
    /// 不满意
    Unsatisfied,
    /// 合计
    All,
    /// 网格
    Grid,
    /// 类别
    Kind,
    /// 承办
    Taker,
}

/// A column or row label of the report's requests section.
pub fn col(lang: Lang, c: Col) -> &'static str {
    let (zh, en) = match c {
        Col::By => ("维度", "By"),
        Col::Name => ("名称", "Name"),
        Col::Collected => ("受理", "Collected"),
        Col::Resolved => ("办结", "Resolved"),
        Col::OnTime => ("按期办结", "Resolved in time"),
        Col::Satisfied => ("满意", "Satisfied"),
        Col::Fair => ("基本满意", "Fairly satisfied"),
        Col::Unsatisfied => ("不满意", "Unsatisfied"),
        Col::All => ("合计", "All"),
        Col::Grid => ("网格", "Grid"),
        Col::Kind => ("类别", "Kind"),
        Col::Taker => ("承办", "Taker"),
    };
    super::super::pick(lang, zh, en)
}

/// Words of the Requests tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// 未结
    Open,
    /// 筛选
    Filter,
    /// Typing hint of the filter field.
    FilterHint,
    /// 还有更多，向下翻页继续读取
    More,
    /// The head of the candidates in the detail pane.
    CandidatesHead,
    /// 选择一件诉求查看详情。
    PickOne,
    /// 经办人 (on the slip)
    TakenBy,
    /// 服务单位 (on the slip)
    Centre,
    /// 咨询电话 (on the slip)
    Enquiries,
    /// 打印时间 (on the slip)
    Printed,
    /// The dispatch picker's head, with the count of candidates.
    DispatchHead,
    /// The dispatch picker's question: the request's number, the taker's kind and name.
    DispatchWho,
    /// The dispatch picker's keys while picking.
    DispatchKeys,
    /// The dispatch picker's keys while asking.
    DispatchAgainKeys,
    /// No candidate at all.
    NoCandidates,
    /// The form's 诉求人 of an anonymous complaint.
    AnonymousFrom,
    /// The resident picker's hint: Enter with no name is an anonymous complaint.
    AnonymousHint,
    /// The resident picker's question when nobody is picked.
    AnonymousAsk,
}

/// A phrase of the Requests tab.
pub fn tab(lang: Lang, w: Tab) -> &'static str {
    let (zh, en) = match w {
        Tab::Open => ("未结", "open"),
        Tab::Filter => ("筛选", "Filter"),
        Tab::FilterHint => ("编号、内容、地点、网格或居民姓名", "number, text, place, grid or resident's name"),
        Tab::More => ("……向下翻页读取更多", "… page down to read more"),
        Tab::CandidatesHead => ("可派单对象", "Candidates"),
        Tab::PickOne => ("选择一件诉求查看详情。", "Pick a request to see it in full."),
        Tab::TakenBy => ("经办人", "Taken down by"),
        Tab::Centre => ("服务单位", "Centre"),
        Tab::Enquiries => ("咨询电话", "Enquiries"),
        Tab::Printed => ("打印时间", "Printed"),
        Tab::DispatchHead => (
            "派给谁（共 {} 个，按推荐排序；每行：承办对象 · 推荐理由 · 本月已接件数）",
            "Dispatch to whom ({} candidates, best first; each: who · why it fits · taken this month)",
        ),
        Tab::DispatchWho => ("把 {} 派给{} {}？", "Dispatch {} to the {} {}?"),
        Tab::DispatchKeys => ("↑/↓ 选择 · {confirm} 核对 · {back} 取消", "↑/↓ pick · {confirm} check · {back} cancel"),
        Tab::DispatchAgainKeys => (
            "{confirm} 或 {request_dispatch} 派单 · {back} 返回重选",
            "{confirm} or {request_dispatch} dispatches · {back} pick again",
        ),
        Tab::AnonymousFrom => ("匿名（仅限投诉）", "anonymous (complaints only)"),
        Tab::AnonymousHint => ("不写姓名直接按 {confirm}：匿名投诉", "{confirm} with no name: an anonymous complaint"),
        Tab::AnonymousAsk => ("匿名投诉，不登记诉求人？", "An anonymous complaint, nobody named?"),
        Tab::NoCandidates => (
            "没有可派单对象：网格、服务清单和合伙人可用 import grid 导入；也可吹哨报到。",
            "No candidates: import the grid, menu and partners with `import grid`, or escalate.",
        ),
    };
    super::super::pick(lang, zh, en)
}

/// The suggestion put into a new request's form from its text.
pub fn suggested(lang: Lang, k: Kind, service: Option<&str>) -> String {
    let what = match service {
        Some(s) => format!("{} · {s}", kind(lang, k)),
        None => kind(lang, k).to_string(),
    };
    crate::i18n::fill(
        super::super::pick(
            lang,
            "已按内容建议：{}。核对后再按回车登记。",
            "Suggested from the text: {}. Check it, then Enter takes the request.",
        ),
        &[&what],
    )
}
