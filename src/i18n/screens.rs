//! Fixed words of the cases, intake and residents screens.

use super::pick;
use crate::domain::lang::Lang;

/// Labels of the case, intake and resident screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum T {
    /// No case matches.
    NoCases,
    /// Filter label.
    Filter,
    /// "mine only" marker.
    Mine,
    /// Resident filter label.
    OfResident,
    /// Field.
    Number,
    /// Field.
    Item,
    /// Field.
    Applicant,
    /// Field.
    IdNumber,
    /// Field.
    Phone,
    /// Field.
    Channel,
    /// Field.
    Clerk,
    /// Field.
    ReceivedAt,
    /// Field.
    AcceptedAt,
    /// Field.
    TimeLimit,
    /// Field.
    Due,
    /// Field.
    NoticeDeadline,
    /// Field.
    Suspended,
    /// Field.
    Rating,
    /// Field.
    FollowUp,
    /// Header.
    Materials,
    /// Header.
    Timeline,
    /// Header of the due-date explanation.
    HowDue,
    /// Original received.
    OriginalIn,
    /// Original returned.
    OriginalOut,
    /// Intake title prefix.
    Intake,
    /// Intake step 1.
    StepResident,
    /// Intake step 1 hint.
    StepResidentHint,
    /// Intake step 1, nothing found.
    NoResident,
    /// Intake step 2.
    StepMaterials,
    /// Intake step 2 hint.
    StepMaterialsHint,
    /// Residents search title.
    SearchResidents,
    /// Residents search hint.
    ResidentHint,
    /// No resident at all yet.
    NoResidents,
    /// Field.
    Name,
    /// Field.
    Sex,
    /// Field.
    Age,
    /// Field.
    Address,
    /// Field.
    Grid,
    /// Field.
    Tags,
    /// Reveal hint.
    RevealHint,
    /// Enter shows the cases.
    CasesHint,
    /// Form title.
    FormTitle,
    /// Form keys.
    FormKeys,
    /// The keys of a long form: Enter moves on, the save key saves anywhere.
    LongFormKeys,
    /// Field.
    Estate,
    /// Field.
    Building,
    /// Field.
    Unit,
    /// Field.
    Room,
    /// Tags row hint.
    TagsHint,
    /// Male.
    Male,
    /// Female.
    Female,
    /// Prompt keys.
    PromptKeys,
    /// Prompt needs text.
    PromptEmpty,
    /// Rating must be 1–5.
    PromptStars,
    /// Confirm intake title.
    ConfirmIntake,
    /// Accept question.
    AcceptQuestion,
    /// Notice question.
    NoticeQuestion,
    /// Status-line counters: open.
    Open,
    /// Status-line counters: due soon.
    DueSoon,
    /// Status-line counters: overdue.
    Overdue,
    /// Not rated yet.
    NotRated,
    /// Done.
    Done,
    /// Required.
    Required,
    /// Optional.
    Optional,
    /// Accept question when some materials are 容缺.
    AcceptRongqueQuestion,
    /// The catalog allows this material to be 容缺.
    MayRongque,
    /// Status-line counter and case flag: a 容缺 promise has passed.
    RongqueOverdue,
}

/// A label.
pub fn text(lang: Lang, t: T) -> &'static str {
    use T::*;
    let (zh, en) = match t {
        NoCases => (
            "没有符合条件的办件。按 {cycle_filter} 切换筛选，或在事项页选中事项后按 {confirm} 受理。",
            "No case matches. Press {cycle_filter} to change the filter, or {confirm} on a catalog item to take one in.",
        ),
        Filter => ("筛选", "Filter"),
        Mine => ("只看我的", "mine only"),
        OfResident => ("居民", "Resident"),
        Number => ("编号", "Number"),
        Item => ("事项", "Item"),
        Applicant => ("申请人", "Applicant"),
        IdNumber => ("证件号码", "ID number"),
        Phone => ("手机", "Mobile"),
        Channel => ("渠道", "Channel"),
        Clerk => ("经办人", "Clerk"),
        ReceivedAt => ("收件时间", "Received"),
        AcceptedAt => ("受理时间", "Accepted"),
        TimeLimit => ("办理时限", "Time limit"),
        Due => ("到期日", "Due"),
        NoticeDeadline => ("补正期限", "Bring by"),
        Suspended => ("挂起", "Suspended"),
        Rating => ("评价", "Rating"),
        FollowUp => ("差评回访", "Follow-up"),
        Materials => ("材料", "Materials"),
        Timeline => ("办理记录", "Timeline"),
        HowDue => ("到期日怎么算", "How the due date was counted"),
        OriginalIn => ("原件已收", "original received"),
        OriginalOut => ("原件已退", "original returned"),
        Intake => ("受理", "Intake"),
        StepResident => ("第一步：找到申请人", "Step 1: find the applicant"),
        StepResidentHint => (
            "输入姓名、拼音、身份证或手机尾号；{new_resident} 登记新居民",
            "Type a name, pinyin, or the last digits of the ID or mobile; {new_resident} registers a new resident",
        ),
        NoResident => (
            "没有找到。按 {confirm} 或 {new_resident} 登记新居民。",
            "Nobody found. Press {confirm} or {new_resident} to register a new resident.",
        ),
        StepMaterials => ("第二步：核对申请材料", "Step 2: check the materials"),
        StepMaterialsHint => (
            "{toggle_material} 切换 已交/容缺/缺少 · {later_promise}/{earlier_promise} 承诺日期 · {cycle_channel} 渠道 · {confirm} 提交 · {back} 换申请人",
            "{toggle_material}: presented/waived/missing · {later_promise}/{earlier_promise} promise · {cycle_channel} channel · {confirm} submit · {back} other applicant",
        ),
        SearchResidents => ("搜索居民", "Search residents"),
        ResidentHint => ("姓名、拼音、身份证或手机尾号", "Name, pinyin, or last digits of ID or mobile"),
        NoResidents => (
            "没有匹配的居民。按 {new_resident} 登记新居民。",
            "No resident matches. {new_resident} registers a new one.",
        ),
        Name => ("姓名", "Name"),
        Sex => ("性别", "Sex"),
        Age => ("年龄", "Age"),
        Address => ("住址", "Address"),
        Grid => ("网格", "Grid"),
        Tags => ("标签", "Tags"),
        RevealHint => (
            "证件号和手机已隐藏，按 {reveal} 查看完整号码（操作留痕）",
            "ID and mobile are masked; {reveal} shows them (the reveal is audited)",
        ),
        CasesHint => (
            "{confirm} 查看该居民的办件 · {edit_resident} 修改信息",
            "{confirm}: this resident's cases · {edit_resident}: edit the record",
        ),
        FormTitle => ("登记居民", "Register a resident"),
        FormKeys => (
            "{next_tab}/↓ 下一栏 · {prev_tab}/↑ 上一栏 · {confirm} 保存 · {back} 取消",
            "{next_tab}/↓ next · {prev_tab}/↑ previous · {confirm} save · {back} cancel",
        ),
        LongFormKeys => (
            "↑↓ 换行  {confirm} 下一项（最后一项保存）  {submit} 保存  {back} 取消",
            "↑↓ move  {confirm} next (saves on the last)  {submit} save  {back} cancel",
        ),
        Estate => ("小区", "Estate"),
        Building => ("楼栋", "Building"),
        Unit => ("单元", "Entrance"),
        Room => ("室", "Flat"),
        TagsHint => ("←/→ 选择，空格 勾选", "←/→ choose, Space toggles"),
        Male => ("男", "male"),
        Female => ("女", "female"),
        PromptKeys => ("{confirm} 提交 · {back} 取消", "{confirm} submit · {back} cancel"),
        PromptEmpty => ("不能为空", "Required"),
        PromptStars => ("请输入 1 到 5", "Type 1 to 5"),
        ConfirmIntake => ("确认受理", "Confirm intake"),
        AcceptQuestion => ("材料齐全，受理此件？", "Materials complete: accept this case?"),
        NoticeQuestion => {
            ("材料不全，出具一次性告知单？缺：", "Materials incomplete: hand over the one-time notice? Missing:")
        }
        Open => ("在办", "open"),
        DueSoon => ("将到期", "due soon"),
        Overdue => ("超期", "overdue"),
        NotRated => ("未评价", "not rated"),
        Done => ("已完成", "done"),
        Required => ("必需", "required"),
        Optional => ("可选", "optional"),
        AcceptRongqueQuestion => (
            "容缺受理此件？以下材料尚未收到，承诺补交：",
            "Accept on promise? These materials are not received yet, to be brought by:",
        ),
        MayRongque => ("可容缺", "may be promised"),
        RongqueOverdue => ("容缺逾期", "promise overdue"),
    };
    pick(lang, zh, en)
}
