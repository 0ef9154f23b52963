//! The audit trail's action codes in words: what the supervisor reads and may search for,
//! while the code itself stays searchable too.

use crate::domain::lang::Lang;

/// Every action code the desk records: (code, 中文, English).
pub const ACTIONS: &[(&str, &str, &str)] = &[
    ("activity.add", "新建党员活动", "add member activity"),
    ("appointment.book", "预约", "book appointment"),
    ("appointment.cancel", "取消预约", "cancel appointment"),
    ("appointment.check_in", "预约签到", "appointment check-in"),
    ("appointment.no_show", "预约未到", "appointment no-show"),
    ("calendar.import", "导入放假安排", "import holiday schedule"),
    ("case.due_changed", "办件期限变更", "case due date changed"),
    ("case.follow_up", "办件回访", "case follow-up"),
    ("case.intake", "受理办件", "take in case"),
    ("case.material", "登记材料", "record case material"),
    ("case.print", "打印回执", "print receipt"),
    ("case.rate", "办件评价", "rate case"),
    ("case.reprint", "补打回执", "reprint receipt"),
    ("case.transition", "办件流转", "case step"),
    ("catalog.import", "导入事项目录", "import catalogue"),
    ("category.threshold", "设置排队警戒", "set queue alarm"),
    ("database.backup", "备份数据库", "back up database"),
    ("feedback.export", "导出反馈单", "export unit feedback"),
    ("generate.day", "生成演示日", "generate day"),
    ("generate.members", "生成党员", "generate members"),
    ("generate.requests", "生成诉求", "generate requests"),
    ("generate.residents", "生成居民", "generate residents"),
    ("import.members", "导入党员名单", "import members"),
    ("import.residents", "导入居民名册", "import residents"),
    ("import.undo", "撤销导入批次", "undo import batch"),
    ("grid.import", "导入网格布局", "import grid layout"),
    ("grid.resident", "更正居民网格", "correct resident's grid"),
    ("item.edit", "修改事项", "edit item"),
    ("keys.add", "添加登录密钥", "add login key"),
    ("keys.revoke", "吊销登录密钥", "revoke login key"),
    ("keys.sync", "同步登录密钥", "sync login keys"),
    ("mediation.follow_up", "调解回访", "mediation follow-up"),
    ("mediation.open", "立案调解", "open mediation"),
    ("mediation.reveal", "查看当事人联系方式", "reveal party contacts"),
    ("mediation.step", "调解进展", "mediation step"),
    ("member.approve_hours", "批准补录时长", "approve hours entered by hand"),
    ("member.auto_close", "自动签退", "automatic check-out"),
    ("member.check_in", "党员签到", "member check-in"),
    ("member.check_out", "党员签退", "member check-out"),
    ("member.decline", "核减服务记录", "decline service record"),
    ("member.export", "导出党员名单", "export members"),
    ("member.manual_hours", "补录服务时长", "enter hours by hand"),
    ("member.register", "党员报到", "register member"),
    ("member.reject_hours", "驳回补录时长", "reject hours entered by hand"),
    ("member.reveal", "查看党员联系方式", "reveal member contact"),
    ("member.update", "修改党员信息", "edit member"),
    ("operator.add", "添加人员", "add operator"),
    ("operator.restore", "恢复人员", "restore operator"),
    ("operator.retire", "停用人员", "retire operator"),
    ("operator.set", "更改人员", "change operator"),
    ("queue.close", "结束当日排队", "close the day's queue"),
    ("report.export", "导出报表", "export report"),
    ("request.accept", "诉求接单", "accept request"),
    ("request.add", "登记诉求", "take request"),
    ("request.dispatch", "诉求派单", "dispatch request"),
    ("request.done", "诉求办结", "complete request"),
    ("request.escalate", "诉求吹哨", "escalate request"),
    ("request.print", "打印诉求回执", "print request receipt"),
    ("request.rate", "诉求评价", "rate request"),
    ("request.return", "诉求退回", "return request"),
    ("request.start", "诉求处理中", "start request"),
    ("resident.add", "登记居民", "add resident"),
    ("resident.edit", "修改居民信息", "edit resident"),
    ("resident.export", "导出居民名册", "export residents"),
    ("resident.reveal_id", "查看居民身份证号", "reveal resident ID"),
    ("resident.reveal_phone", "查看居民电话", "reveal resident phone"),
    ("room.add", "添加调解室", "add room"),
    ("room.book", "预约调解室", "book room"),
    ("room.cancel", "取消调解室预约", "cancel room booking"),
    ("room.edit", "修改调解室预约", "edit room booking"),
    ("room.move", "改约调解室", "move room booking"),
    ("room.retire", "停用调解室", "retire room"),
    ("setting.set", "更改设置", "change setting"),
    ("ticket.call", "叫号", "call number"),
    ("ticket.call_back", "回叫", "call back"),
    ("ticket.finish", "办结", "finish visit"),
    ("ticket.link_case", "关联办件", "link case"),
    ("ticket.no_show", "过号", "no-show"),
    ("ticket.park", "暂挂", "park number"),
    ("ticket.recall", "重呼", "call again"),
    ("ticket.reinstate", "过号重排", "put back in line"),
    ("ticket.serve", "开始办理", "start serving"),
    ("ticket.settle", "处理遗留号", "settle number"),
    ("ticket.slip", "打印材料清单", "print what-to-bring slip"),
    ("ticket.take", "取号", "take number"),
    ("ticket.transfer", "转办", "transfer number"),
    ("undo", "撤销", "undo"),
    ("window.free", "释放窗口", "free window"),
    ("window.pause", "窗口暂停", "pause window"),
    ("window.set", "设置窗口", "set window"),
    ("window.sign_in", "窗口登录", "sign in at window"),
    ("window.sign_out", "窗口退出", "sign out of window"),
];

/// An action code in the interface language; a code the desk does not know yet stays as it is.
pub fn name(lang: Lang, code: &str) -> &str {
    match ACTIONS.iter().find(|(c, _, _)| *c == code) {
        Some((_, zh, en)) => super::super::pick(lang, zh, en),
        None => code,
    }
}

/// The codes whose words, in either language, contain `text` ("联系方式" finds member.reveal;
/// "reveal" finds every reveal by its code already).
pub fn matching(text: &str) -> Vec<String> {
    let t = text.to_lowercase();
    ACTIONS
        .iter()
        .filter(|(_, zh, en)| zh.contains(&t) || en.to_lowercase().contains(&t))
        .map(|(c, _, _)| c.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_codes_are_worded_and_found_by_their_words() {
        assert_eq!(name(Lang::Zh, "member.reveal"), "查看党员联系方式");
        assert_eq!(name(Lang::En, "member.reveal"), "reveal member contact");
        assert_eq!(name(Lang::Zh, "some.new_thing"), "some.new_thing");
        assert_eq!(matching("党员联系方式"), vec!["member.reveal".to_string()]);
        assert!(matching("Reveal").contains(&"resident.reveal_id".to_string()));
        let mut codes: Vec<&str> = ACTIONS.iter().map(|a| a.0).collect();
        codes.dedup();
        assert_eq!(codes.len(), ACTIONS.len(), "each code once");
    }
}
