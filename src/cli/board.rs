//! `board`: the hall display in this terminal, its web page (`--http`), and its settings.

use super::out::out;
use super::{Failure, args::*};
use crate::domain::announce::QuietHours;
use crate::domain::config::Config;
use crate::domain::lang::Lang;
use crate::domain::operator::Operator;
use crate::i18n::cli::Refusal;
use crate::i18n::words::cli_board::{W, say};
use crate::i18n::{self};
use crate::runtime::board::{NOTICES, QUIET, VOICE, VoiceConfig, default_command};
use crate::storage::Db;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::Path;

/// Where `--http` listens: `ADDR:PORT`, or a port alone on 127.0.0.1 (the TV must be let in
/// on purpose, by naming the address of the network it is on).
pub fn address(s: &str) -> Option<SocketAddr> {
    let s = s.trim();
    if let Ok(port) = s.parse::<u16>() {
        return Some(SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port));
    }
    s.parse().ok()
}

/// Runs the board here, or serves it with `--http`.
pub(super) fn run(lang: Lang, db: Db, path: &Path, config: &Config, http: Option<&str>) -> Result<(), Failure> {
    let clock = db.clock();
    drop(db);
    if let Some(http) = http {
        let Some(addr) = address(http) else {
            eprintln!("{}", i18n::fill(say(lang, W::BadAddress), &[&http]));
            return Err(Failure::Told(Box::new(Failure::Refused(Refusal::BadSetting(http.to_string(), 0)))));
        };
        return crate::runtime::board::serve(path.to_path_buf(), lang, clock, addr)
            .map_err(|e| Failure::Refused(Refusal::Write { path: http.to_string(), message: e.to_string() }));
    }
    crate::setup::term::full_screen().map_err(|t| Failure::Deploy(crate::i18n::deploy::Deploy::NeedsTerminal(t)))?;
    let voice = VoiceConfig { command: config.announce_command.clone().or_else(|| default_command(lang)) };
    crate::runtime::board(path.to_path_buf(), lang, crate::ui::Theme::new(super::no_color()), clock, voice)
        .map_err(|e| Failure::Refused(Refusal::NoTerminal(e.to_string())))
}

/// Sets the board's settings given (supervisors; audited like every setting). The quiet hours
/// are checked before anything is written, so a typo changes nothing.
pub(super) fn settings(
    db: &mut Db,
    lang: Lang,
    me: &Operator,
    notices: Option<&[String]>,
    voice: Option<OnOff>,
    quiet: Option<&str>,
) -> Result<(), Failure> {
    if let Some(Err(bad)) = quiet.map(QuietHours::parse) {
        eprintln!("{}", i18n::fill(say(lang, W::BadQuiet), &[&bad]));
        return Err(Failure::Told(Box::new(Failure::Refused(Refusal::BadTime(bad)))));
    }
    if let Some(lines) = notices {
        let lines: Vec<String> =
            lines.iter().map(|l| crate::domain::text::clean_field(l, 120).0).filter(|l| !l.is_empty()).collect();
        db.set_setting(&me.login, NOTICES, &lines.join("\n"))?;
        out!("{}", i18n::fill(say(lang, W::NoticesSet), &[&lines.len()]));
    }
    if let Some(state) = voice {
        let on = state == OnOff::On;
        db.set_setting(&me.login, VOICE, if on { "on" } else { "off" })?;
        out!("{}", say(lang, if on { W::VoiceOn } else { W::VoiceOffSet }));
    }
    if let Some(hours) = quiet {
        db.set_setting(&me.login, QUIET, hours.trim())?;
        if hours.trim().is_empty() {
            out!("{}", say(lang, W::QuietNone));
        } else {
            out!("{}", i18n::fill(say(lang, W::QuietSet), &[&hours.trim()]));
        }
    }
    Ok(())
}
