//! `--now` (or `YICHUANG_NOW`): the desk at a chosen China time for training, demos and tests,
//! on demo and generated databases only.

use super::{Cli, Failure};
use crate::i18n::cli::Refusal;
use crate::storage::{Clock, Db};
use chrono::NaiveDateTime;
use std::path::Path;

/// The environment variable read when `--now` is not given.
pub const NOW_VAR: &str = "YICHUANG_NOW";

/// The start asked for: `--now`, else a non-empty `YICHUANG_NOW`; a value that is not a local
/// date and time is refused, naming the format.
pub fn requested(cli: &Cli) -> Result<Option<NaiveDateTime>, Failure> {
    let from_env = || std::env::var(NOW_VAR).ok().filter(|v| !v.trim().is_empty());
    match cli.now.clone().or_else(from_env) {
        None => Ok(None),
        Some(v) => parse_now(&v).map(Some).ok_or(Failure::Refused(Refusal::BadNow(v))),
    }
}

/// `2026-12-20T09:30` (seconds and a space instead of `T` are accepted too).
pub fn parse_now(text: &str) -> Option<NaiveDateTime> {
    let t = text.trim();
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())
}

/// The clock of a session on the existing database at `path`: the wall clock, or with `start`
/// one running on from it, which only a demo or generated database accepts. The check reads
/// the database and writes nothing, so a refusal leaves a real one exactly as it was.
pub fn for_db(path: &Path, start: Option<NaiveDateTime>) -> Result<Clock, Failure> {
    let Some(start) = start else { return Ok(Clock::shanghai()) };
    let demo = path.exists() && Db::open_existing(path)?.is_demo()?;
    if !demo {
        return Err(Failure::Refused(Refusal::NowOnReal(path.display().to_string())));
    }
    Ok(Clock::shanghai_from(start))
}

#[cfg(test)]
mod tests {
    use super::parse_now;

    #[test]
    fn now_reads_a_local_date_and_time_and_nothing_else() {
        let t = parse_now("2026-12-20T09:30").unwrap();
        assert_eq!(t.to_string(), "2026-12-20 09:30:00");
        assert_eq!(parse_now(" 2026-12-20 09:30:15 ").unwrap().to_string(), "2026-12-20 09:30:15");
        for bad in ["tomorrow", "2026-13-40T09:30", "2026-12-20", "09:30", "2026-02-30T10:00", ""] {
            assert_eq!(parse_now(bad), None, "{bad}");
        }
    }
}
