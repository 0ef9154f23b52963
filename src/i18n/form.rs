//! The words of the forms: titles, row labels, what each row expects, the options of choices
//! and toggles, and why a save was refused.

use super::pick;
use crate::app::form::{FormKind, Problem};
use crate::domain::lang::Lang;

/// The form's title.
pub fn title(lang: Lang, f: FormKind) -> &'static str {
    match f {
        FormKind::Resident => pick(lang, "登记居民", "Register a resident"),
        FormKind::ResidentEdit => pick(lang, "修改居民信息", "Edit a resident"),
        FormKind::Member => pick(lang, "登记在职党员", "Register a party member"),
        FormKind::Activity => pick(lang, "新建活动", "New activity"),
        FormKind::Mediation => pick(lang, "新建调解案件", "New mediation case"),
        FormKind::Request => pick(lang, "登记诉求", "Take a request"),
    }
}

/// The label of row `row`.
pub fn label(lang: Lang, f: FormKind, row: usize) -> &'static str {
    text_labels(lang, f).get(row).copied().unwrap_or("")
}

/// The words of option `i` of a choice or toggles row.
pub fn option(lang: Lang, f: FormKind, row: usize, i: usize) -> &'static str {
    use crate::domain::mediation::{DisputeType, Source};
    use crate::domain::resident::Tag;
    match (f, row) {
        (FormKind::Mediation, 0) => DisputeType::ALL.get(i).map(|d| super::rooms::dispute(lang, *d)).unwrap_or(""),
        (FormKind::Mediation, 1) => Source::ALL.get(i).map(|s| super::rooms::source(lang, *s)).unwrap_or(""),
        (FormKind::Request, 0) => {
            crate::domain::request::Kind::ALL.get(i).map(|k| super::words::requests::kind(lang, *k)).unwrap_or("")
        }
        (FormKind::Request, 5) => match i {
            0 => pick(lang, "一般", "normal"),
            1 => super::words::requests::urgency(lang, crate::domain::request::Urgency::Urgent),
            _ => "",
        },
        (FormKind::Resident | FormKind::ResidentEdit, _) => Tag::ALL.get(i).map(|t| super::tag(lang, *t)).unwrap_or(""),
        _ => "",
    }
}

/// Why the last save was refused.
pub fn problem(lang: Lang, p: &Problem) -> String {
    match p {
        Problem::Resident(r) => super::resident_problem(lang, r),
        Problem::Mediation(e) => super::rooms::mediation_error(lang, &crate::model::MediationOpError::Rule(e.clone())),
        Problem::Edit(e) => super::resident_edit_error(lang, e),
    }
}

/// Labels of the form rows.
fn text_labels(lang: Lang, f: FormKind) -> &'static [&'static str] {
    match (f, lang) {
        (FormKind::Member, Lang::Zh) => &[
            "姓名",
            "身份证号",
            "手机",
            "工作单位",
            "单位党组织",
            "居住地址",
            "网格",
            "专业特长",
            "服务意向",
            "线上报到",
        ],
        (FormKind::Member, Lang::En) => &[
            "Name",
            "ID number",
            "Mobile",
            "Work unit",
            "Unit branch",
            "Address",
            "Grid",
            "Skills",
            "Intentions",
            "Online",
        ],
        (FormKind::Activity, Lang::Zh) => {
            &["活动名称", "岗位类别", "组织方", "地点", "日期", "开始", "结束", "名额", "每小时积分", "需求/微心愿"]
        }
        (FormKind::Activity, Lang::En) => {
            &["Title", "Category", "Organiser", "Place", "Date", "Start", "End", "Capacity", "Points/hour", "Needs"]
        }
        (FormKind::Resident | FormKind::ResidentEdit, Lang::Zh) => {
            &["姓名", "身份证号", "手机", "小区", "楼栋", "单元", "室", "网格", "标签"]
        }
        (FormKind::Resident | FormKind::ResidentEdit, Lang::En) => {
            &["Name", "ID number", "Mobile", "Estate", "Building", "Entrance", "Flat", "Grid", "Tags"]
        }
        (FormKind::Mediation, Lang::Zh) => {
            &["纠纷类型", "案件来源", "申请人", "联系电话", "被申请人", "联系电话", "简要情况"]
        }
        (FormKind::Request, Lang::Zh) => &["类别", "诉求人", "地点", "网格", "内容", "紧急程度", "服务", "照片"],
        (FormKind::Request, Lang::En) => &["Kind", "From", "Place", "Grid", "Request", "Urgency", "Service", "Photos"],
        (FormKind::Mediation, Lang::En) => {
            &["Dispute", "Source", "Applicant", "Contact", "Respondent", "Contact", "Summary"]
        }
    }
}

/// Why a row is shown but cannot be changed here.
pub fn locked(lang: Lang, f: FormKind) -> &'static str {
    if f == FormKind::Request {
        return pick(lang, "已选定；换人请 Esc 重新登记", "picked; Esc and start again for someone else");
    }
    pick(lang, "仅主管可改（核对证件后）", "supervisors only (after checking the ID card)")
}

/// What each row expects, shown beside it (and in red when refused).
pub fn hint(lang: Lang, f: FormKind, row: usize) -> &'static str {
    match (f, row) {
        (FormKind::Request, 0) => pick(lang, "←/→ 选择；回车按内容建议类别和服务", "←/→; Enter suggests from the text"),
        (FormKind::Request, 2) => pick(lang, "留空 = 居民住址", "empty: the resident's address"),
        (FormKind::Request, 3) => pick(lang, "留空 = 按居民住址或地点", "empty: from the address or place"),
        (FormKind::Request, 4) => pick(lang, "必填：居民反映的内容", "required: what the resident asks for"),
        (FormKind::Request, 6) => pick(lang, "服务清单编码，可空", "service code on the menu; may be empty"),
        (FormKind::Request, 7) => pick(
            lang,
            "照片文件路径（jpg/png 等），多张用空格分开；可空",
            "photo file paths (jpg, png …), separated by spaces; may be empty",
        ),
        (FormKind::Resident | FormKind::ResidentEdit, 0) => {
            pick(lang, "必填，最多 20 字", "required, up to 20 characters")
        }
        (FormKind::Resident | FormKind::ResidentEdit, 1) => {
            pick(lang, "18 位，末位可为 X，校验位须正确", "18 characters, check digit must match")
        }
        (FormKind::Resident | FormKind::ResidentEdit, 2) => {
            pick(lang, "11 位手机号，1 开头；可空", "11-digit mobile starting 1; may be empty")
        }
        (FormKind::Member, 0) => pick(lang, "必填，最多 20 字", "required, up to 20 characters"),
        (FormKind::Member, 1) => pick(lang, "18 位，末位可为 X，校验位须正确", "18 characters, check digit must match"),
        (FormKind::Member, 2) => pick(lang, "11 位手机号", "11-digit mainland mobile"),
        (FormKind::Member, 3) => pick(lang, "必填", "required"),
        (FormKind::Member, 8) => pick(lang, "岗位编号 1-8，可多选，如 1,4", "post numbers 1–8, e.g. 1,4"),
        (FormKind::Member, 9) => pick(lang, "1 = 线上，空 = 现场", "1 = online, empty = at the desk"),
        (FormKind::Activity, 0) => pick(lang, "必填", "required"),
        (FormKind::Activity, 1) => pick(lang, "1-8，见下方", "1–8, see below"),
        (FormKind::Activity, 4) => pick(lang, "年-月-日，不早于昨天", "YYYY-MM-DD, not before yesterday"),
        (FormKind::Activity, 5) => pick(lang, "09:00", "09:00"),
        (FormKind::Activity, 6) => pick(lang, "11:00，须晚于开始", "11:00, after the start"),
        (FormKind::Activity, 7) => pick(lang, "1-500 人", "1–500 people"),
        (FormKind::Activity, 8) => pick(lang, "0-20", "0–20"),
        _ => "",
    }
}
