//! Deployment in words: files and folders that stop the desk, SSH keys, the forced command.

use crate::domain::files::{FileProblem, FileTrouble, mode_string};
use crate::domain::lang::Lang;

/// What is wrong with a file or folder and the command that puts it right.
pub fn file_trouble(lang: Lang, t: &FileTrouble) -> String {
    let zh = lang == Lang::Zh;
    let p = &t.path;
    match &t.problem {
        FileProblem::Denied { owner, group, mode, dir } => {
            let ls = mode_string(*mode, *dir);
            if zh {
                let what = if *dir { "目录" } else { "文件" };
                format!(
                    "本账户没有使用{what} {p} 的权限（属主 {owner}，属组 {group}，{ls}）。请管理员确认本账户属于组 {group}\
                     （sudo usermod -aG {group} 登录名，重新登录后生效），且该{what}组可读写（sudo chmod g+rw{x} {p}）。",
                    x = if *dir { "x" } else { "" }
                )
            } else {
                let what = if *dir { "folder" } else { "file" };
                format!(
                    "This account may not use the {what} {p} (owner {owner}, group {group}, {ls}). Ask the admin to \
                     add this account to group {group} (sudo usermod -aG {group} LOGIN, then log in again) and to let \
                     the group read and write it (sudo chmod g+rw{x} {p}).",
                    x = if *dir { "x" } else { "" }
                )
            }
        }
        FileProblem::NotSetgid { group } => {
            if zh {
                format!(
                    "目录 {p} 供组 {group} 共用（组可写）却没有 setgid 位：每人新建的文件会归各自的组，别人无法写入。\
                     请管理员运行：sudo chmod g+s {p}"
                )
            } else {
                format!(
                    "The folder {p} is shared by group {group} (group-writable) but not setgid: files each person \
                     creates would belong to their own group and the others could not write them. Ask the admin \
                     to run: sudo chmod g+s {p}"
                )
            }
        }
        FileProblem::NotShared { owner, group, mode, shared_group } => {
            let ls = mode_string(*mode, false);
            if zh {
                format!(
                    "共用目录中的文件 {p} 组内其他人无法写入（属主 {owner}，属组 {group}，{ls}）。\
                     请管理员运行：sudo chgrp {shared_group} {p} && sudo chmod g+rw {p}"
                )
            } else {
                format!(
                    "The file {p} in the shared folder cannot be written by the rest of the group (owner {owner}, \
                     group {group}, {ls}). Ask the admin to run: sudo chgrp {shared_group} {p} && sudo chmod g+rw {p}"
                )
            }
        }
        FileProblem::Other(why) => {
            if zh {
                format!("无法写入 {p}：{why}")
            } else {
                format!("Cannot write {p}: {why}")
            }
        }
    }
}

/// What the deployment refuses: SSH keys, the forced command, the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Deploy {
    /// `ssh` was run other than as the service account's forced command.
    NotServiceAccount(String),
    /// The key was revoked, or is not this person's.
    KeyRevoked(String),
    /// The command the SSH client sent contains shell syntax.
    ShellSyntax(String),
    /// A flag only the forced command itself sets (`--db`, `--as`, `--demo`, a keymap file).
    RemoteFlag(String),
    /// A command run only on the server itself.
    RemoteCommand(String),
    /// A file path sent over SSH.
    RemotePath(String),
    /// Not a yichuang command (`sh`, `sqlite3` …).
    NotACommand(String),
    /// A machine's key asked for the desk.
    MachineDesk(crate::domain::operator::Role),
    /// Keys outside the service-account deployment: the folder that is not the account's own.
    KeysNeedServiceAccount(String),
    /// The account has no home directory for `.ssh/authorized_keys`.
    KeysNoHome,
    /// Not one OpenSSH public key.
    Key(crate::domain::ssh_key::KeyError),
    /// A key change refused by the rules or by the file.
    KeyOp(crate::model::KeyOpError),
    /// `TERM` cannot show a full-screen program.
    NeedsTerminal(String),
}

/// A deployment refusal in one line: what is wrong and what to do instead.
pub fn refusal(lang: Lang, d: &Deploy) -> String {
    let zh = lang == Lang::Zh;
    let two = |z: String, e: String| if zh { z } else { e };
    match d {
        Deploy::NotServiceAccount(dir) => two(
            format!("ssh 子命令只作为服务账户 authorized_keys 中的强制命令运行：数据目录 {dir} 须属于本账户且权限为 700。"),
            format!("The ssh subcommand runs only as the forced command of the service account's authorized_keys: the data folder {dir} must belong to this account with mode 700."),
        ),
        Deploy::KeyRevoked(login) => two(
            format!("这把钥匙已被撤销或不属于 {login}，无法登录。请联系管理员重新登记（yichuang keys add {login} 公钥文件）。"),
            format!("This key was revoked or is not {login}'s; no sign-in. Ask an admin to register it again (yichuang keys add {login} KEYFILE)."),
        ),
        Deploy::ShellSyntax(c) => two(
            format!("拒绝执行：命令中含有 shell 语法（{c}）。这里只接受一窗的子命令，例如：ssh … queue take SB"),
            format!("Refused: the command contains shell syntax ({c}). Only yichuang subcommands are accepted, e.g. ssh … queue take SB"),
        ),
        Deploy::RemoteFlag(f) => two(
            format!("拒绝执行：{f} 不能通过 SSH 指定（数据库和身份由您的钥匙决定）。"),
            format!("Refused: {f} cannot be given over SSH (your key decides the database and who you are)."),
        ),
        Deploy::RemoteCommand(c) => two(
            format!("拒绝执行：{c} 只能由管理员在服务器上运行；反馈单请在一窗界面的党员页生成。"),
            format!("Refused: {c} runs only on the server itself, by its administrator; feedback reports are written from the Members screen of the desk."),
        ),
        Deploy::RemotePath(p) => two(
            format!("拒绝执行：通过 SSH 不能读写服务器上的文件（{p}）。请用 - 经标准输入输出传送，例如：ssh … report daily > 日报.csv"),
            format!("Refused: files on the server cannot be named over SSH ({p}). Use - and standard input or output, e.g. ssh … report daily > day.csv"),
        ),
        Deploy::NotACommand(c) => two(
            format!("拒绝执行：{c} 不是一窗的命令。这把钥匙只能运行一窗（不加命令即打开界面；或如 items 医保、queue take SB）。"),
            format!("Refused: {c} is not a yichuang command. This key runs only yichuang (no command opens the desk; or e.g. items 医保, queue take SB)."),
        ),
        Deploy::MachineDesk(role) => two(
            format!("{}账户只能做一件事：{}", super::role(lang, *role), machine_use(lang, *role)),
            format!("A {} account does exactly one thing: {}", super::role(lang, *role), machine_use(lang, *role)),
        ),
        Deploy::KeysNeedServiceAccount(dir) => two(
            format!("SSH 钥匙只用于服务账户部署：数据目录 {dir} 须属于运行本命令的账户且权限为 700（见 README“部署”）。"),
            format!("SSH keys belong to the service-account deployment: the data folder {dir} must belong to the account running this and have mode 700 (README, \"Deployment\")."),
        ),
        Deploy::KeysNoHome => two(
            "本账户没有主目录，无法确定 authorized_keys 的位置；请在配置文件中设置 authorized_keys = \"路径\"。".into(),
            "This account has no home directory for authorized_keys; set authorized_keys = \"PATH\" in the config file.".into(),
        ),
        Deploy::Key(e) => key_error(lang, e),
        Deploy::KeyOp(e) => key_op_error(lang, e),
        Deploy::NeedsTerminal(term) => {
            let term = if term.is_empty() { "（未设置）".to_string() } else { term.clone() };
            two(
                format!("一窗需要能定位光标的全屏终端，当前 TERM={term} 不行。请在普通终端中打开（如 ssh -t 主机）；命令行子命令仍可使用，例如 yichuang items 医保。"),
                format!("The desk needs a full-screen terminal with cursor addressing; TERM={term} has none. Open it in an ordinary terminal (e.g. ssh -t host); the subcommands still work, e.g. yichuang items 医保."),
            )
        }
    }
}

fn machine_use(lang: Lang, role: crate::domain::operator::Role) -> &'static str {
    match role {
        crate::domain::operator::Role::Kiosk => {
            super::pick(lang, "取号（queue take 类别）。", "take numbers (queue take CATEGORY).")
        }
        _ => super::pick(lang, "显示大厅叫号屏（board）。", "show the hall display (board)."),
    }
}

/// Why a text is not one OpenSSH public key.
pub fn key_error(lang: Lang, e: &crate::domain::ssh_key::KeyError) -> String {
    use crate::domain::ssh_key::KeyError;
    let zh = lang == Lang::Zh;
    let hint = super::pick(
        lang,
        "请提供 ssh-keygen 生成的 .pub 文件（一行：类型 密钥 备注）。",
        "Give the .pub file ssh-keygen wrote (one line: type, key, comment).",
    );
    let what = match e {
        KeyError::Empty => super::pick(lang, "文件里没有公钥", "there is no key in it").to_string(),
        KeyError::Private => {
            return super::pick(
                lang,
                "这是私钥！私钥绝不能离开本人电脑，请立即让本人重新生成一对钥匙，只交来 .pub 结尾的公钥文件。",
                "This is a private key! It must never leave its owner's computer: have them make a new pair and hand over only the .pub file.",
            )
            .into();
        }
        KeyError::OtherFormat => super::pick(
            lang,
            "这是 PuTTY/RFC 4716 格式，请用 ssh-keygen -i -f 文件 转换为 OpenSSH 格式",
            "it is in PuTTY/RFC 4716 format; convert it with ssh-keygen -i -f FILE",
        )
        .to_string(),
        KeyError::Several(n) => {
            if zh {
                format!("文件里有 {n} 把公钥，一次只能登记一把")
            } else {
                format!("it holds {n} keys; register one at a time")
            }
        }
        KeyError::Options => super::pick(
            lang,
            "公钥前带有选项（from=、command= 等），一窗会自己写入选项",
            "there are options before the key (from=, command= …); the desk writes its own",
        )
        .to_string(),
        KeyError::UnknownType(t) => {
            if zh {
                format!("不认识的密钥类型 {t}")
            } else {
                format!("unknown key type {t}")
            }
        }
        KeyError::BadData => {
            super::pick(lang, "密钥数据缺失或不是 base64", "the key data is missing or not base64").to_string()
        }
        KeyError::Mismatch(t) => {
            if zh {
                format!("密钥数据与类型 {t} 不符（复制时被截断或改动了？）")
            } else {
                format!("the key data does not match its type {t} (cut or changed when copied?)")
            }
        }
    };
    if zh {
        format!("不是有效的 OpenSSH 公钥：{what}。{hint}")
    } else {
        format!("Not an OpenSSH public key: {what}. {hint}")
    }
}

/// Why a key was not added or revoked.
pub fn key_op_error(lang: Lang, e: &crate::model::KeyOpError) -> String {
    use crate::model::KeyOpError;
    let zh = lang == Lang::Zh;
    match e {
        KeyOpError::Storage(e) => super::storage_error(lang, e),
        KeyOpError::NoOperator(l) => {
            if zh {
                format!("没有登录名为 {l} 的操作员，请先 yichuang operator add {l} …")
            } else {
                format!("No operator has login {l}; first yichuang operator add {l} …")
            }
        }
        KeyOpError::Retired(l) => {
            if zh {
                format!("操作员 {l} 已停用，不能再登记钥匙。")
            } else {
                format!("Operator {l} is retired; no new keys.")
            }
        }
        KeyOpError::Taken(l) => {
            if zh {
                format!("这把公钥已登记给 {l}：一把钥匙只能打开一个人的一窗。请本人另生成一对钥匙。")
            } else {
                format!(
                    "This key is already {l}'s: one key opens one person's desk. Have this person make a pair of their own."
                )
            }
        }
        KeyOpError::AlreadyTheirs(l) => {
            if zh {
                format!("{l} 已登记过这把公钥，未作改动。")
            } else {
                format!("{l} already has this key; nothing changed.")
            }
        }
        KeyOpError::NoKeys(l) => {
            if zh {
                format!("{l} 没有已登记的钥匙。")
            } else {
                format!("{l} has no registered key.")
            }
        }
        KeyOpError::File(why) => {
            if zh {
                format!("无法改写 authorized_keys，未作任何改动：{why}")
            } else {
                format!("Cannot rewrite authorized_keys; nothing changed: {why}")
            }
        }
    }
}

/// A key was registered.
pub fn key_added(lang: Lang, k: &crate::domain::ssh_key::SshKey, file: &std::path::Path) -> String {
    let (login, id, kind, fp, f) = (&k.login, k.id, &k.kind, &k.fingerprint, file.display());
    if lang == Lang::Zh {
        format!("已为 {login} 登记钥匙 #{id}（{kind} {fp}），已写入 {f}：这把钥匙只能以 {login} 的身份使用一窗。")
    } else {
        format!("Key #{id} ({kind} {fp}) registered for {login} and written to {f}: it opens the desk as {login} only.")
    }
}

/// Keys were revoked.
pub fn keys_revoked(lang: Lang, login: &str, n: usize) -> String {
    if lang == Lang::Zh {
        format!("已撤销 {login} 的 {n} 把钥匙，正在使用的会话不受影响，下次登录即被拒绝。")
    } else {
        format!("Revoked {n} key(s) of {login}; a session already open goes on, the next sign-in is refused.")
    }
}

/// The file was written again.
pub fn keys_synced(lang: Lang, n: usize, file: &std::path::Path) -> String {
    if lang == Lang::Zh {
        format!("已按数据库重写 {}：{n} 把钥匙。", file.display())
    } else {
        format!("Rewrote {} from the database: {n} key(s).", file.display())
    }
}

/// No key is registered.
pub fn no_keys(lang: Lang) -> &'static str {
    super::pick(
        lang,
        "还没有登记任何钥匙（yichuang keys add 登录名 公钥文件）。",
        "No key yet (yichuang keys add LOGIN KEYFILE).",
    )
}

/// One row of `keys list`.
pub fn key_row(lang: Lang, k: &crate::domain::ssh_key::SshKey, name: &str) -> String {
    let added = k.added_at.get(..10).unwrap_or(&k.added_at);
    let by = if lang == Lang::Zh {
        format!("{added} 由 {} 登记", k.added_by)
    } else {
        format!("added {added} by {}", k.added_by)
    };
    use crate::domain::text::pad_to_width as pad;
    let id = format!("#{}", k.id);
    format!(
        "{} {} {} {} {}  {}  {by}",
        pad(&id, 5),
        pad(&k.login, 12),
        pad(name, 8),
        pad(&k.kind, 12),
        k.fingerprint,
        k.comment
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_denied_folder_is_named_with_owner_group_mode_and_the_fix() {
        let t = FileTrouble {
            path: "/srv/yichuang/receipts".into(),
            problem: FileProblem::Denied {
                owner: "wangfang".into(),
                group: "yichuang".into(),
                mode: 0o2755,
                dir: true,
            },
        };
        let zh = file_trouble(Lang::Zh, &t);
        for part in
            ["/srv/yichuang/receipts", "wangfang", "yichuang", "drwxr-sr-x", "sudo chmod g+rwx /srv/yichuang/receipts"]
        {
            assert!(zh.contains(part), "{part}: {zh}");
        }
        assert!(!zh.contains("os error"), "{zh}");
        assert!(file_trouble(Lang::En, &t).contains("may not use the folder /srv/yichuang/receipts"));
    }
}
