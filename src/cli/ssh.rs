//! The forced command of every key in the service account's `authorized_keys`:
//! `yichuang --db DB ssh LOGIN --key ID`. sshd runs it whatever the client asked for; what the
//! client asked for arrives in `SSH_ORIGINAL_COMMAND` and is accepted only as a yichuang
//! subcommand the person's role may run. Nothing reaches a shell.

use super::{Cli, Command, Failure, KeysCommand, MembersCommand, dispatch};
use crate::domain::config::Config;
use crate::domain::lang::Lang;
use crate::i18n::deploy::Deploy;
use crate::setup;
use crate::storage::Db;
use crate::storage::files::{self, Deployment};
use clap::Parser;

/// Characters of shell syntax: refused anywhere in the client's command, quoted or not,
/// so that nobody has to wonder what a shell would have made of it.
const SHELL: &[char] =
    &[';', '&', '|', '$', '`', '<', '>', '(', ')', '{', '}', '[', ']', '*', '?', '!', '~', '\\', '#'];

/// Signs in as `who` on the strength of the key's forced command, then runs the desk or the
/// command the client sent. Only the service account may do this: its data folder is its own
/// and closed to everyone else, so only sshd (through the forced command) and the server's
/// administrator can run programs as it.
pub(super) fn session(
    cli: &Cli,
    config: &Config,
    lang: Lang,
    who: &str,
    key: i64,
    start: Option<chrono::NaiveDateTime>,
) -> Result<(), Failure> {
    let path = setup::db_path(cli.db.as_deref(), config)?;
    let dir = files::folder(&path);
    if files::deployment(dir) != Deployment::ServiceAccount || cli.as_login.is_some() || cli.demo {
        return Err(Failure::Deploy(Deploy::NotServiceAccount(dir.display().to_string())));
    }
    let clock = super::clock::for_db(&path, start)?;
    let mut db = Db::open(&path)?;
    db.set_clock(clock);
    let me = setup::identify(&db, who, None)?;
    if !db.key_opens(key, who)? {
        return Err(Failure::Deploy(Deploy::KeyRevoked(who.to_string())));
    }
    let asked = std::env::var("SSH_ORIGINAL_COMMAND").unwrap_or_default();
    let Some(inner) = remote(&asked)? else { return Ok(()) };
    let lang = inner.lang.as_deref().and_then(Lang::parse).unwrap_or(lang);
    dispatch(&inner, config, lang, db, me, &path, None)
}

/// The client's command as a yichuang command line, or why it is refused; `None` when it
/// asked for help (printed here).
pub fn remote(asked: &str) -> Result<Option<Cli>, Failure> {
    let refuse = |d| Err(Failure::Deploy(d));
    let mut words = words(asked).map_err(|bad| Failure::Deploy(Deploy::ShellSyntax(bad)))?;
    if words.first().is_some_and(|w| w == "yichuang") {
        words.remove(0);
    }
    let cli = match Cli::try_parse_from(std::iter::once("yichuang".to_string()).chain(words.iter().cloned())) {
        Ok(c) => c,
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            return Ok(None);
        }
        Err(_) => {
            let first = words.first().cloned().unwrap_or_default();
            return refuse(Deploy::NotACommand(crate::domain::text::clean_field(&first, 40).0));
        }
    };
    if cli.db.is_some() {
        return refuse(Deploy::RemoteFlag("--db".into()));
    }
    if cli.as_login.is_some() {
        return refuse(Deploy::RemoteFlag("--as".into()));
    }
    if cli.demo {
        return refuse(Deploy::RemoteFlag("--demo".into()));
    }
    // The service account's database is a real one: nobody backdates it from afar.
    if cli.now.is_some() {
        return refuse(Deploy::RemoteFlag("--now".into()));
    }
    if let Some(k) = &cli.keymap
        && crate::keymap::Keymap::builtin(k).is_none()
    {
        return refuse(Deploy::RemoteFlag(format!("--keymap {}", crate::domain::text::clean_field(k, 40).0)));
    }
    let server_only = match &cli.command {
        Some(Command::Init) => Some("init"),
        Some(Command::Generate { .. }) => Some("generate"),
        Some(Command::Import { .. }) => Some("import"),
        Some(Command::Ssh { .. }) => Some("ssh"),
        Some(Command::Members { command: MembersCommand::Feedback { .. } }) => Some("members feedback"),
        _ => None,
    };
    if let Some(c) = server_only {
        return refuse(Deploy::RemoteCommand(c.into()));
    }
    let path = match &cli.command {
        Some(Command::Report { out: Some(p), .. }) => Some(p.display().to_string()),
        Some(Command::Backup { path }) if path.as_os_str() != "-" => Some(path.display().to_string()),
        Some(Command::Keys { command: KeysCommand::Add { file, .. } }) if file != "-" => Some(file.clone()),
        _ => None,
    };
    if let Some(p) = path {
        return refuse(Deploy::RemotePath(crate::domain::text::clean_field(&p, 80).0));
    }
    Ok(Some(cli))
}

/// Splits the client's command into words: spaces separate, single or double quotes group;
/// shell syntax and control characters are refused (the offending character comes back).
pub fn words(text: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut started = false;
    let mut quote: Option<char> = None;
    for c in text.chars() {
        if SHELL.contains(&c) || (c.is_control() && c != '\t') || (c == '\t' && quote.is_some()) {
            return Err(if c.is_control() { format!("U+{:04X}", c as u32) } else { c.to_string() });
        }
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                started = true;
            }
            (None, ' ' | '\t') => {
                if started || !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            (None, c) => word.push(c),
        }
    }
    if let Some(q) = quote {
        return Err(q.to_string());
    }
    if started || !word.is_empty() {
        out.push(word);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_split_and_quotes_group() {
        assert_eq!(words("queue take SB --json").unwrap(), ["queue", "take", "SB", "--json"]);
        assert_eq!(
            words("  queue take SB --green \"行动 不便\" ").unwrap(),
            ["queue", "take", "SB", "--green", "行动 不便"]
        );
        assert_eq!(words("items ''").unwrap(), ["items", ""]);
        assert!(words("").unwrap().is_empty());
    }

    #[test]
    fn shell_syntax_is_refused_quoted_or_not() {
        for bad in [
            "items; sh",
            "items | sh",
            "items $(id)",
            "items `id`",
            "items > /tmp/x",
            "items \"$HOME\"",
            "a && b",
            "x\ny",
        ] {
            assert!(words(bad).is_err(), "{bad}");
        }
        assert_eq!(words("items 'unclosed").unwrap_err(), "'");
    }

    fn refused(asked: &str) -> Deploy {
        match remote(asked) {
            Err(Failure::Deploy(d)) => d,
            Err(other) => panic!("{asked}: {other:?}"),
            Ok(c) => panic!("{asked} was accepted: {c:?}"),
        }
    }

    #[test]
    fn only_yichuang_commands_without_server_flags_or_paths() {
        assert!(matches!(refused("sh"), Deploy::NotACommand(c) if c == "sh"));
        assert!(matches!(refused("sqlite3 /srv/yichuang/data/yichuang.sqlite3"), Deploy::NotACommand(_)));
        assert!(matches!(refused("--as chenjing items"), Deploy::RemoteFlag(f) if f == "--as"));
        assert!(matches!(refused("--db /tmp/other.sqlite3 items"), Deploy::RemoteFlag(f) if f == "--db"));
        assert!(matches!(refused("items --db=/tmp/x"), Deploy::RemoteFlag(f) if f == "--db"));
        assert!(matches!(refused("--keymap /etc/shadow"), Deploy::RemoteFlag(_)));
        assert!(matches!(refused("--now 2026-12-20T09:30 queue take SB"), Deploy::RemoteFlag(f) if f == "--now"));
        assert!(matches!(refused("queue status --now=2026-12-20T09:30"), Deploy::RemoteFlag(f) if f == "--now"));
        assert!(matches!(refused("init"), Deploy::RemoteCommand(_)));
        assert!(matches!(refused("import items /tmp/x.toml"), Deploy::RemoteCommand(_)));
        assert!(matches!(refused("ssh chenjing --key 1"), Deploy::RemoteCommand(_)));
        assert!(matches!(refused("report daily --out /srv/yichuang/.ssh/authorized_keys2"), Deploy::RemotePath(_)));
        assert!(matches!(refused("backup /tmp/copy.sqlite3"), Deploy::RemotePath(_)));
        assert!(matches!(refused("keys add li /tmp/li.pub"), Deploy::RemotePath(_)));
        assert!(matches!(refused("items; sh"), Deploy::ShellSyntax(c) if c == ";"));
        let ok = remote("yichuang queue take SB --json").unwrap().unwrap();
        assert!(matches!(ok.command, Some(Command::Queue { .. })));
        assert!(remote("").unwrap().unwrap().command.is_none());
        assert!(remote("--keymap vim --lang en").unwrap().is_some());
        assert!(remote("backup -").unwrap().is_some());
        assert!(remote("keys add li -").unwrap().is_some());
    }
}
