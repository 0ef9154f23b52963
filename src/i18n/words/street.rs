//! The words of the street office's view, its status and report commands, and district.toml.

use crate::domain::lang::Lang;

/// A phrase of the street view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum W {
    /// district.toml 读不了：{}（{}）
    ConfigUnreadable,
    /// district.toml 第 {} 行有误：{}
    ConfigSyntax,
    /// district.toml 里没有中心
    ConfigNoCentres,
    /// 中心“{}”：replica 与 copy 须写且只写一个
    ConfigSource,
    /// 中心“{}”的 replica 写法不对：{}
    ConfigBadUrl,
    /// 有中心用 replica，但 [street] 没写 cache
    ConfigNoCache,
    /// 中心“{}”写了两次
    ConfigTwice,
    /// stale_after 写法不对：{}
    ConfigBadStale,
    /// 中心“{}”的 key_env 写法不对：{}
    ConfigBadKeyEnv,
    /// district.toml 须属于本账号，且只有本账号能改：{}
    ConfigNotOwner,
    /// 中心
    Centre,
    /// 等候
    Waiting,
    /// 最长等候
    Longest,
    /// 在办件/超期
    Cases,
    /// 诉求 未结/超期
    Requests,
    /// 今日用房
    Rooms,
    /// 时长/目标 (party members' hours this year against their target)
    Hours,
    /// 副本
    Replica,
    /// 从未
    Never,
    /// {} 秒前
    SecondsAgo,
    /// {} 分钟前
    MinutesAgo,
    /// {} 小时前
    HoursAgo,
    /// {} 天前
    DaysAgo,
    /// 读取中…
    Loading,
    /// 副本文件不存在：{}
    MissingCopy,
    /// 只读
    ReadOnly,
    /// 上次刷新 {} 毫秒
    Refreshed,
    /// 街道各中心
    Title,
    /// {} 分钟
    Minutes,
    /// {}场{}小时
    RoomUse,
    /// 街道合计
    StreetTotal,
    /// 项目
    Figure,
    /// 街道月报
    MonthlyTitle,
    /// 月份写法不对：{}。请写成 2026-11
    BadMonth,
    /// 中心“{}”读不了：{}
    CentreFailed,
    /// 已写出 {}（{} 个中心）
    Written,
    /// 调解案件
    MediationCases,
}

/// The phrase in the interface language.
pub fn say(lang: Lang, w: W) -> &'static str {
    let (zh, en) = match w {
        W::ConfigUnreadable => (
            "district.toml 读不了：{}（{}）。请检查路径和权限",
            "district.toml cannot be read: {} ({}). Check the path and its permissions",
        ),
        W::ConfigSyntax => (
            "district.toml 第 {} 行有误：{}。可写的字段见 README“街道视图”一节",
            "district.toml line {}: {}. The fields are listed in the README's street view section",
        ),
        W::ConfigNoCentres => (
            "district.toml 里没有中心：请为每个中心加一节 [[centre]]（name，以及 replica 或 copy）",
            "district.toml names no centre: add a [[centre]] table per centre (name, and replica or copy)",
        ),
        W::ConfigSource => (
            "中心“{}”：replica 与 copy 须写且只写一个（replica = \"s3://桶/路径\" 或 copy = \"/路径/centre.sqlite3\"）",
            "centre \"{}\": give exactly one of replica and copy (replica = \"s3://bucket/path\" or copy = \"/path/centre.sqlite3\")",
        ),
        W::ConfigBadUrl => (
            "中心“{}”的 replica 写法不对：{}。请写成 s3://桶/路径",
            "centre \"{}\": replica {} not understood. Write it as s3://bucket/path",
        ),
        W::ConfigNoCache => (
            "有中心用 replica，但 [street] 没写 cache：请写 cache = \"本地副本目录\"",
            "a centre uses replica but [street] has no cache: add cache = \"folder for the local copies\"",
        ),
        W::ConfigTwice => {
            ("中心“{}”写了两次：每个中心的 name 须不同", "centre \"{}\" appears twice: each centre needs its own name")
        }
        W::ConfigBadStale => (
            "stale_after 写法不对：{}。请写成 60s、5m 或 1h",
            "stale_after {} not understood. Write it as 60s, 5m or 1h",
        ),
        W::ConfigBadKeyEnv => (
            "中心“{}”的 key_env 写法不对：{}。只能用字母、数字和下划线（如 CENTRE_A）",
            "centre \"{}\": key_env {} not understood. Use letters, digits and underscores (e.g. CENTRE_A)",
        ),
        W::ConfigNotOwner => (
            "district.toml 须属于运行本程序的账号，且组和其他人不可写：{}。请 chown 给本账号并 chmod go-w",
            "district.toml must belong to the account running this and not be writable by group or others: {}. chown it to this account and chmod go-w",
        ),
        W::Centre => ("中心", "Centre"),
        W::Waiting => ("等候", "Wait"),
        W::Longest => ("最长等候", "Longest"),
        W::Cases => ("在办/超期", "Cases/lt"),
        W::Requests => ("诉求/超期", "Reqs/late"),
        W::Rooms => ("今日用房", "Rooms"),
        W::Hours => ("时长/目标", "Hrs/target"),
        W::Replica => ("副本", "Replica"),
        W::Never => ("从未", "never"),
        W::SecondsAgo => ("{} 秒前", "{} s ago"),
        W::MinutesAgo => ("{} 分钟前", "{} min ago"),
        W::HoursAgo => ("{} 小时前", "{} h ago"),
        W::DaysAgo => ("{} 天前", "{} days ago"),
        W::Loading => ("读取中…", "Reading…"),
        W::MissingCopy => ("副本文件不存在：{}", "copy missing: {}"),
        W::ReadOnly => ("只读", "read-only"),
        W::Refreshed => ("上次刷新 {} 毫秒", "last refresh {} ms"),
        W::Title => ("各中心", "Centres"),
        W::Minutes => ("{} 分钟", "{} min"),
        W::RoomUse => ("{}场{}小时", "{} · {} h"),
        W::StreetTotal => ("街道合计", "Street total"),
        W::Figure => ("项目", "Figure"),
        W::MonthlyTitle => ("街道月报", "Street monthly report"),
        W::BadMonth => ("月份写法不对：{}。请写成 2026-11", "month {} not understood. Write it as 2026-11"),
        W::CentreFailed => ("中心“{}”读不了：{}", "centre \"{}\" cannot be read: {}"),
        W::Written => ("已写出 {}（{} 个中心）", "Written {} ({} centres)"),
        W::MediationCases => ("调解案件", "mediation cases"),
    };
    super::super::pick(lang, zh, en)
}
