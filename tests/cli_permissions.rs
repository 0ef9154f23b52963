//! Every command of the command line, refused for a role without its permission: the list of
//! commands is generated from clap's own description of `Cli` (every subcommand, every value
//! of a word argument like `--in`, each optional argument once), and the permission of each
//! comes from `cli::permission`, an exhaustive match with no wildcard. A new command therefore
//! cannot compile without a decision, nor escape this test.

use clap::{CommandFactory, Parser};
mod common;

use std::process::Output;
use yichuang::cli::{Cli, permission};
use yichuang::domain::operator::{Permission, Role};

/// Values tried for an argument without a fixed list of words, until clap accepts one.
const TRIES: &[&str] = &["1", "2026-11-20", "2026-11-20T09:00", "2026Q4", "x"];

/// Whether clap reads `argv` (after the program name) as a command line.
fn parses(argv: &[String]) -> bool {
    Cli::try_parse_from(std::iter::once("yichuang".to_string()).chain(argv.iter().cloned())).is_ok()
}

/// The arguments of `arg` with `value`: positional as itself, an option after its flag.
fn spelled(arg: &clap::Arg, value: Option<&str>) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(long) = arg.get_long() {
        out.push(format!("--{long}"));
    }
    out.extend(value.map(str::to_string));
    out
}

fn takes_value(arg: &clap::Arg) -> bool {
    arg.get_num_args().is_none_or(|n| n.takes_values())
        && !matches!(arg.get_action(), clap::ArgAction::SetTrue | clap::ArgAction::SetFalse)
}

/// Values to try for `arg`: every word of a word argument, else the first of `TRIES` clap takes.
fn values(arg: &clap::Arg) -> Vec<Option<String>> {
    if !takes_value(arg) {
        return vec![None];
    }
    let words: Vec<Option<String>> = arg.get_possible_values().iter().map(|v| Some(v.get_name().to_string())).collect();
    if words.is_empty() { TRIES.iter().map(|t| Some(t.to_string())).collect() } else { words }
}

/// Command lines for one leaf command: its required arguments (each word of a word argument
/// in turn), then the same with each optional argument added once.
fn command_lines(cmd: &clap::Command, path: &[String]) -> Vec<Vec<String>> {
    let own: Vec<&clap::Arg> = cmd
        .get_arguments()
        .filter(|a| !a.is_global_set() && !matches!(a.get_id().as_str(), "help" | "version"))
        .collect();
    let mut bases: Vec<Vec<String>> = vec![path.to_vec()];
    for arg in own.iter().filter(|a| a.is_required_set()) {
        let mut next = Vec::new();
        for base in &bases {
            let words = !arg.get_possible_values().is_empty();
            for v in values(arg) {
                let mut line = base.clone();
                line.extend(spelled(arg, v.as_deref()));
                // Word arguments: every word is its own command line; others: the first value
                // clap takes (checked once the line is whole).
                next.push(line);
                if !words {
                    break;
                }
            }
        }
        bases = next;
    }
    let mut lines = Vec::new();
    for base in &bases {
        lines.push(base.clone());
        for arg in own.iter().filter(|a| !a.is_required_set()) {
            if let Some(line) =
                values(arg).into_iter().map(|v| [base.clone(), spelled(arg, v.as_deref())].concat()).find(|l| parses(l))
            {
                lines.push(line);
            }
        }
    }
    // A required value that is no date, number or word clap takes: try the others.
    lines
        .into_iter()
        .filter_map(|l| {
            if parses(&l) {
                return Some(l);
            }
            TRIES
                .iter()
                .map(|t| l.iter().map(|a| if a == "1" { t.to_string() } else { a.clone() }).collect())
                .find(|l: &Vec<String>| parses(l))
        })
        .collect()
}

/// Every leaf subcommand's command lines.
fn every_command_line(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<Vec<String>>) {
    let subs: Vec<&clap::Command> = cmd.get_subcommands().filter(|s| s.get_name() != "help").collect();
    if subs.is_empty() {
        let lines = command_lines(cmd, &path);
        assert!(!lines.is_empty(), "no command line clap accepts for {path:?}");
        out.extend(lines);
    }
    for s in subs {
        let mut p = path.clone();
        p.push(s.get_name().to_string());
        every_command_line(s, p, out);
    }
}

fn run(dir: &std::path::Path, args: &[String]) -> Output {
    common::yichuang(dir).args(args).output().unwrap()
}

fn login(role: Role) -> String {
    format!("r_{}", role.as_str())
}

#[test]
fn every_command_is_refused_for_a_role_without_its_permission() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let s = |v: &[&str]| v.iter().map(|a| a.to_string()).collect::<Vec<_>>();
    assert!(run(dir, &s(&["init"])).status.success());
    for role in Role::ALL {
        let add =
            run(dir, &s(&["operator", "add", &login(role), "--name", "试", "--role", role.as_str(), "--window", "9"]));
        assert!(add.status.success(), "{}", String::from_utf8_lossy(&add.stderr));
    }
    let mut lines = Vec::new();
    every_command_line(&Cli::command(), Vec::new(), &mut lines);
    let mut unguarded = Vec::new();
    let mut checked: Vec<(String, Permission)> = Vec::new();
    for line in &lines {
        let cli = Cli::try_parse_from(std::iter::once("yichuang".to_string()).chain(line.iter().cloned())).unwrap();
        let Some(p) = permission(cli.command.as_ref()) else {
            unguarded.push(line[0].clone());
            continue;
        };
        let lacking: Vec<Role> = Role::ALL.into_iter().filter(|r| !r.may(p)).collect();
        assert!(!lacking.is_empty(), "every role has {p:?}");
        for role in lacking {
            let who = login(role);
            let mut args = s(&["--as", &who]);
            args.extend(line.iter().cloned());
            let o = run(dir, &args);
            let err = String::from_utf8_lossy(&o.stderr);
            assert_eq!(
                o.status.code(),
                Some(yichuang::cli::DENIED),
                "{line:?} as {who} ({p:?} needed) was not refused: {err}"
            );
            assert!(err.contains("无权执行此操作") && err.contains(&who), "{line:?} as {who}: {err}");
            assert!(o.stdout.is_empty(), "{line:?} as {who} printed: {}", String::from_utf8_lossy(&o.stdout));
        }
        checked.push((line.join(" "), p));
    }
    // Only these identify their caller their own way; a new command must not join them silently.
    // `restore` writes only a new file, from a replica the object store's credentials open.
    unguarded.sort();
    unguarded.dedup();
    // `district` opens no centre database: district.toml's owner is the street office (README);
    // `restore` writes only a new file, from the replica the object store's credentials open.
    assert_eq!(unguarded, ["district", "generate", "init", "restore", "ssh"]);
    // The decisions themselves, pinned: loosening one entry of the table (or adding a command)
    // changes this list, and the change has to be looked at and accepted.
    let listing: Vec<String> = checked.iter().map(|(l, p)| format!("{l} => {p:?}")).collect();
    insta::assert_snapshot!("cli_permissions", listing.join("\n"));
    // Every subcommand of clap's description was reached (a sample, to catch a walk gone wrong).
    for must in ["queue close", "members settings --target 1", "find 1 --in residents", "keys sync", "room book"] {
        assert!(checked.iter().any(|(l, _)| l.starts_with(must)), "{must} not checked: {checked:?}");
    }
}
