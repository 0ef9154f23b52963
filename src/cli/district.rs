//! `district`: the street office's view of its centres, their rows once (`status`) and the
//! street's monthly report. It opens no centre database for writing, ever.

use super::out::out;
use super::{Failure, args::*};
use crate::app::street::{age, stale};
use crate::domain::lang::Lang;
use crate::i18n::cli::Refusal;
use crate::i18n::fill;
use crate::i18n::words::street::{W, say};
use crate::runtime::district::Reading;
use crate::setup::district::{District, load};
use crate::storage::Clock;
use chrono::NaiveDateTime;
use std::path::Path;

/// Says `message` on stderr and fails with a bad-setting exit code.
fn told(message: String, what: &Path) -> Failure {
    eprintln!("{message}");
    Failure::Told(Box::new(Failure::Refused(Refusal::BadSetting(what.display().to_string(), 0))))
}

/// The street office has no operators table: whoever owns district.toml (and it alone may
/// change it) is the street office. Someone else could otherwise point the view at files of
/// their choosing under the owner's name.
fn owned(file: &Path, lang: Lang) -> Result<(), Failure> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(file)
        .map_err(|e| told(fill(say(lang, W::ConfigUnreadable), &[&file.display(), &e]), file))?;
    if m.uid() != nix::unistd::getuid().as_raw() || m.mode() & 0o022 != 0 {
        return Err(told(fill(say(lang, W::ConfigNotOwner), &[&file.display()]), file));
    }
    Ok(())
}

/// Runs `district` and its commands.
pub(super) fn run(
    cli: &Cli,
    lang: Lang,
    file: &Path,
    command: Option<&DistrictCommand>,
    start: Option<NaiveDateTime>,
) -> Result<(), Failure> {
    owned(file, lang)?;
    let district = load(file).map_err(|e| told(e.say(lang), file))?;
    // Nothing is written, so a moved clock (`--now`) harms nobody: tests and trials use it.
    let clock = start.map_or_else(Clock::shanghai, Clock::shanghai_from);
    match command {
        None => {
            let keymap = crate::setup::keymap(cli.keymap.as_deref())?;
            crate::setup::term::full_screen()
                .map_err(|t| Failure::Deploy(crate::i18n::deploy::Deploy::NeedsTerminal(t)))?;
            crate::runtime::district::run(district, lang, crate::ui::Theme::new(super::no_color()), keymap, clock)
                .map_err(|e| Failure::Refused(Refusal::NoTerminal(e.to_string())))
        }
        Some(DistrictCommand::Status { json }) => status(&district, lang, clock, *json),
        Some(DistrictCommand::Report { month, format, out, .. }) => {
            report(&district, lang, clock, month.as_deref(), *format, out.as_deref())
        }
    }
}

/// A folder of this run's own for the replicas restored once, so that a status or a report
/// never disturbs the copies a running view follows; removed with what it holds when dropped.
struct Once(std::path::PathBuf);

impl Once {
    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Once {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn once() -> Result<Once, Failure> {
    let dir = std::env::temp_dir().join(format!("yichuang-district-{}", std::process::id()));
    std::fs::create_dir_all(&dir)
        .map(|_| Once(dir.clone()))
        .map_err(|e| Failure::Refused(Refusal::Write { path: dir.display().to_string(), message: e.to_string() }))
}

fn status(d: &District, lang: Lang, clock: Clock, json: bool) -> Result<(), Failure> {
    let once = once()?;
    let sources = crate::runtime::district::sources(d, lang, Reading::Once(once.path()));
    let started = std::time::Instant::now();
    let rows = crate::runtime::district::rows(&sources, clock, lang);
    let took = started.elapsed();
    let now = clock.now();
    if json {
        let rows: Vec<serde_json::Value> = rows
            .iter()
            .map(|r| match &r.figures {
                Ok(f) => {
                    let a = age(f.heartbeat, now);
                    serde_json::json!({"centre": r.name, "figures": f, "replica_age_seconds": a,
                        "stale": stale(a, d.stale_after)})
                }
                Err(why) => serde_json::json!({"centre": r.name, "error": why}),
            })
            .collect();
        let v = serde_json::json!({"street": d.name, "refresh_ms": took.as_millis() as u64, "centres": rows});
        out!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        return Ok(());
    }
    let head = [W::Centre, W::Waiting, W::Longest, W::Cases, W::Requests, W::Rooms, W::Hours, W::Replica];
    out!("{}", head.map(|w| say(lang, w)).join("\t"));
    for r in &rows {
        match &r.figures {
            Ok(f) => {
                let a = age(f.heartbeat, now);
                let mark = if stale(a, d.stale_after) { " !" } else { "" };
                out!(
                    "{}\t{}\t{}\t{}/{}\t{}/{}\t{}/{}\t{:.1}/{:.1}\t{}{mark}",
                    r.name,
                    f.waiting,
                    f.longest_wait.map_or("—".into(), |m| m.to_string()),
                    f.cases_open,
                    f.cases_overdue,
                    f.requests_open,
                    f.requests_overdue,
                    f.room_bookings,
                    f.room_minutes,
                    f.member_hours,
                    f.member_target_hours,
                    crate::ui::screens::street::age_text(lang, a)
                )
            }
            Err(why) => out!("{}\t{why}", r.name),
        }
    }
    Ok(())
}

fn report(
    d: &District,
    lang: Lang,
    clock: Clock,
    month: Option<&str>,
    format: ReportFormat,
    out: Option<&Path>,
) -> Result<(), Failure> {
    let day = match month {
        None => clock.now().date_naive(),
        Some(m) => chrono::NaiveDate::parse_from_str(&format!("{}-01", m.trim()), "%Y-%m-%d")
            .map_err(|_| told(fill(say(lang, W::BadMonth), &[&crate::domain::text::sanitize(m)]), Path::new(m)))?,
    };
    let format = super::report::format_to(format, out)?;
    let (from, to) = crate::domain::report::span(true, day);
    let mut reports = Vec::new();
    // A street total over some centres would be wrong without saying so: any centre that
    // cannot be read stops the report, naming it.
    let once = once()?;
    for (c, path) in crate::runtime::district::sources(d, lang, Reading::Once(once.path())) {
        let read = path.and_then(|p| {
            let db = crate::storage::Db::open_read_only(&p).map_err(|e| crate::i18n::storage_error(lang, &e))?;
            let target = db.wait_target_minutes().map_err(|e| crate::i18n::storage_error(lang, &e))?;
            db.report(from, to, target).map_err(|e| crate::i18n::storage_error(lang, &e))
        });
        match read {
            Ok(r) => reports.push((c.name.clone(), r)),
            Err(why) => return Err(told(fill(say(lang, W::CentreFailed), &[&c.name, &why]), Path::new(&c.name))),
        }
    }
    let merged = crate::export::street_report::merge(lang, &d.name, from, to, &reports);
    super::out::document(out, || crate::export::street_report::render(lang, &merged, format))?;
    if let Some(p) = out {
        eprintln!("{}", fill(say(lang, W::Written), &[&p.display(), &reports.len()]));
    }
    Ok(())
}
