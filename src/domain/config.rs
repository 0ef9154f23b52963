//! The configuration file `$XDG_CONFIG_HOME/yichuang/config.toml`, read by serde into typed
//! settings; every refusal names the file, the line and the key.

use crate::domain::field::{Reason, line_of};
use crate::domain::lang::Lang;
use crate::domain::text;
use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;

/// Receipt layout of this counter's printer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    /// A 48-column thermal receipt printer (the default).
    #[default]
    Receipt,
    /// An A4 page.
    A4,
}

/// Settings a user or a counter PC may fix in its config file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// Database path.
    pub db: Option<String>,
    /// Interface language.
    pub lang: Option<Lang>,
    /// Keymap name (`default`, `vim`) or path.
    pub keymap: Option<String>,
    /// The counter window of this PC.
    pub window: Option<u16>,
    /// Command that receipts are piped to.
    pub print_command: Option<String>,
    /// Receipt layout.
    pub paper: Option<Paper>,
    /// Command the hall board speaks calls through (text on standard input, or in place of
    /// `{text}`); default `espeak-ng` when installed.
    pub announce_command: Option<String>,
    /// The service account's `authorized_keys` (default `~/.ssh/authorized_keys` of the account).
    pub authorized_keys: Option<String>,
}

/// What is wrong with a config file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// Not valid TOML.
    #[error("{file}:{line}: TOML syntax: {message}")]
    Syntax { file: String, line: usize, message: String },
    /// A setting is wrong.
    #[error("{file}:{line}: `{key}`: {reason:?}")]
    Field { file: String, line: usize, key: String, reason: Reason },
}

/// The words `lang` takes; the regional spellings people type are accepted too.
#[derive(Debug, Clone, Copy, Deserialize)]
enum LangWord {
    #[serde(rename = "zh", alias = "zh-CN")]
    Zh,
    #[serde(rename = "en", alias = "en-US")]
    En,
}

/// The file as written: serde refuses unknown keys, wrong types and words outside an enum;
/// spans give the line of a value that passes serde but breaks a rule checked afterwards.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    db: Option<Spanned<String>>,
    lang: Option<LangWord>,
    keymap: Option<Spanned<String>>,
    window: Option<Spanned<u16>>,
    print_command: Option<Spanned<String>>,
    paper: Option<Paper>,
    authorized_keys: Option<Spanned<String>>,
    announce_command: Option<Spanned<String>>,
}

/// Each key with the TOML type it takes, the words it allows and its longest text, for
/// putting serde's complaints back into typed reasons.
const KEYS: &[(&str, &str, &[&str], usize)] = &[
    ("db", "string", &[], 1000),
    ("lang", "string", &["zh", "en"], 10),
    ("keymap", "string", &[], 1000),
    ("window", "integer", &[], 0),
    ("print_command", "string", &[], 1000),
    ("paper", "string", &["receipt", "a4"], 10),
    ("authorized_keys", "string", &[], 1000),
    ("announce_command", "string", &[], 1000),
];

const WINDOWS: (i64, i64) = (1, 99);

impl Config {
    /// Parses a config file; `file` names it in messages.
    pub fn parse(file: &str, src: &str) -> Result<Config, ConfigError> {
        // Syntax first, so that a broken file is called broken rather than mistyped.
        let syntax = |e: toml::de::Error| ConfigError::Syntax {
            file: file.to_string(),
            line: e.span().map(|s| line_of(src, s.start)).unwrap_or(1),
            message: e.message().to_string(),
        };
        src.parse::<toml::Table>().map_err(syntax)?;
        let raw: File = toml::from_str(src).map_err(|e| serde_refusal(file, src, &e))?;
        let field = |key: &str, at: usize, reason| ConfigError::Field {
            file: file.into(),
            line: line_of(src, at),
            key: key.into(),
            reason,
        };
        let text = |key: &str, v: Option<Spanned<String>>| -> Result<Option<String>, ConfigError> {
            let Some(v) = v else { return Ok(None) };
            let max = KEYS.iter().find(|k| k.0 == key).map_or(1000, |k| k.3);
            let at = v.span().start;
            let s = v.into_inner();
            let t = s.trim();
            let reason = if text::has_unsafe_chars(&s) {
                Reason::ControlChars
            } else if t.is_empty() {
                Reason::Empty
            } else if t.chars().count() > max {
                Reason::TooLong { max }
            } else {
                return Ok(Some(t.to_string()));
            };
            Err(field(key, at, reason))
        };
        let window = match raw.window {
            Some(w) if !(WINDOWS.0..=WINDOWS.1).contains(&i64::from(*w.get_ref())) => {
                return Err(field("window", w.span().start, Reason::OutOfRange { min: WINDOWS.0, max: WINDOWS.1 }));
            }
            w => w.map(Spanned::into_inner),
        };
        Ok(Config {
            db: text("db", raw.db)?,
            lang: raw.lang.map(|l| match l {
                LangWord::Zh => Lang::Zh,
                LangWord::En => Lang::En,
            }),
            keymap: text("keymap", raw.keymap)?,
            window,
            print_command: text("print_command", raw.print_command)?,
            paper: raw.paper,
            authorized_keys: text("authorized_keys", raw.authorized_keys)?,
            announce_command: text("announce_command", raw.announce_command)?,
        })
    }
}

/// Serde's refusal as a typed one: the line from the error's span, the key from that line (or
/// from the message for an unknown key), the reason from the kind of complaint. serde's
/// errors carry only words, so the kinds are told apart by serde's fixed phrasing; anything
/// else stays a syntax-like message that still names file and line.
fn serde_refusal(file: &str, src: &str, e: &toml::de::Error) -> ConfigError {
    let message = e.message();
    let at = e.span().map_or(0, |s| s.start);
    let quoted = message.split('`').nth(1).unwrap_or("").to_string();
    let (key, line) = if message.starts_with("unknown field") {
        // The span may cover the whole table; the key's own line is where it is written.
        (quoted.clone(), key_line(src, &quoted).unwrap_or_else(|| line_of(src, at)))
    } else {
        (key_at(src, at), line_of(src, at))
    };
    let known = KEYS.iter().find(|k| k.0 == key);
    let reason = match known {
        _ if message.starts_with("unknown field") => Some(Reason::UnknownField),
        // toml says "wanted string or table" for an enum given a number.
        Some(k) if message.starts_with("invalid type") || message.starts_with("wanted ") => {
            Some(Reason::WrongType { expected: k.1 })
        }
        Some(k) if message.starts_with("unknown variant") => Some(Reason::NotOneOf { allowed: k.2 }),
        // An integer that does not even fit a window number (negative, huge).
        Some(("window", ..)) if message.starts_with("invalid value") => {
            Some(Reason::OutOfRange { min: WINDOWS.0, max: WINDOWS.1 })
        }
        _ => None,
    };
    match reason {
        Some(reason) => ConfigError::Field { file: file.into(), line, key, reason },
        None => ConfigError::Syntax { file: file.into(), line, message: text::sanitize(message) },
    }
}

/// The key written on the line holding byte `at` (`key = value`).
fn key_at(src: &str, at: usize) -> String {
    let line = src.lines().nth(line_of(src, at) - 1).unwrap_or("");
    line.split('=').next().unwrap_or("").trim().trim_matches('"').to_string()
}

/// The line (1-based) where `key = …` is written.
fn key_line(src: &str, key: &str) -> Option<usize> {
    src.lines()
        .position(|l| {
            let l = l.trim_start();
            l.starts_with(key) && l[key.len()..].trim_start().starts_with('=')
        })
        .map(|p| p + 1)
}

/// How many days ahead something may be booked: a setting kept in the database (so that
/// every counter keeps the same one), not in this file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Horizon(u32);

/// Setting key of the appointments' horizon.
pub const APPOINTMENT_HORIZON_KEY: &str = "appointment_horizon_days";
/// Setting key of the rooms' horizon.
pub const ROOM_HORIZON_KEY: &str = "room_horizon_days";
/// Appointments open this many days ahead unless set.
pub const APPOINTMENT_DAYS: u32 = 14;
/// Rooms may be booked this many days ahead unless set: a quarter.
pub const ROOM_DAYS: u32 = 90;

impl Horizon {
    /// Shortest horizon: tomorrow.
    pub const MIN: u32 = 1;
    /// Longest horizon: a year (a leap year's 366 days).
    pub const MAX: u32 = 366;

    /// A horizon of `days`, refused outside `MIN..=MAX`.
    pub fn new(days: u32) -> Result<Horizon, Reason> {
        if (Self::MIN..=Self::MAX).contains(&days) {
            Ok(Horizon(days))
        } else {
            Err(Reason::OutOfRange { min: Self::MIN.into(), max: Self::MAX.into() })
        }
    }

    /// A horizon as typed or stored: a whole number of days.
    pub fn parse(s: &str) -> Result<Horizon, Reason> {
        match s.trim().parse::<i64>() {
            Ok(n) => u32::try_from(n)
                .map_err(|_| Reason::OutOfRange { min: Self::MIN.into(), max: Self::MAX.into() })
                .and_then(Horizon::new),
            Err(_) => Err(Reason::WrongType { expected: "integer" }),
        }
    }

    /// Its days.
    pub fn days(self) -> u32 {
        self.0
    }

    /// The last day that may be booked on `today`.
    pub fn last_day(self, today: NaiveDate) -> NaiveDate {
        today + chrono::Duration::days(self.0.into())
    }

    /// Whether `day` is within the horizon seen from `today`.
    pub fn allows(self, today: NaiveDate, day: NaiveDate) -> bool {
        day <= self.last_day(today)
    }
}

/// The desk's booking horizons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Horizons {
    /// Appointments at the windows (14 days unless set).
    pub appointments: Horizon,
    /// Mediation rooms (90 days unless set).
    pub rooms: Horizon,
}

impl Default for Horizons {
    fn default() -> Self {
        Horizons { appointments: Horizon(APPOINTMENT_DAYS), rooms: Horizon(ROOM_DAYS) }
    }
}

impl Horizons {
    /// The horizons from the stored settings; an unset or unreadable value keeps its default,
    /// so a hand-edited row never stops bookings altogether.
    pub fn from_settings(appointments: Option<&str>, rooms: Option<&str>) -> Horizons {
        let d = Horizons::default();
        let read = |v: Option<&str>, d| v.and_then(|v| Horizon::parse(v).ok()).unwrap_or(d);
        Horizons { appointments: read(appointments, d.appointments), rooms: read(rooms, d.rooms) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_settings_and_names_bad_ones() {
        let c = Config::parse("c.toml", "db = \"/srv/yc.sqlite3\"\nlang = \"en\"\nwindow = 3\n").unwrap();
        assert_eq!((c.db.as_deref(), c.window, c.lang), (Some("/srv/yc.sqlite3"), Some(3), Some(Lang::En)));
        let e = Config::parse("c.toml", "lang = \"en\"\nwindow = 300\n").unwrap_err();
        assert!(matches!(e, ConfigError::Field { line: 2, ref key, .. } if key == "window"));
        let e = Config::parse("c.toml", "langg = \"en\"\n").unwrap_err();
        assert!(matches!(e, ConfigError::Field { reason: Reason::UnknownField, .. }));
    }

    #[test]
    fn the_boards_voice_command_is_read_and_an_empty_one_refused() {
        let c = Config::parse("c.toml", "announce_command = \"say -v Tingting {text}\"\n").unwrap();
        assert_eq!(c.announce_command.as_deref(), Some("say -v Tingting {text}"));
        let e = Config::parse("c.toml", "lang = \"zh\"\nannounce_command = \" \"\n").unwrap_err();
        assert!(
            matches!(e, ConfigError::Field { line: 2, ref key, reason: Reason::Empty, .. } if key == "announce_command")
        );
    }

    #[test]
    fn a_horizon_is_a_whole_number_of_days_from_1_to_366() {
        assert_eq!(Horizon::parse(" 90 ").map(Horizon::days), Ok(90));
        let range = Err(Reason::OutOfRange { min: 1, max: 366 });
        for bad in ["0", "367", "-5", "99999999999"] {
            assert_eq!(Horizon::parse(bad), range, "{bad}");
        }
        assert_eq!(Horizon::parse("三个月"), Err(Reason::WrongType { expected: "integer" }));
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let h = Horizon::new(90).unwrap();
        assert_eq!(h.last_day(today), NaiveDate::from_ymd_opt(2027, 2, 27).unwrap());
        assert!(h.allows(today, h.last_day(today)) && !h.allows(today, h.last_day(today).succ_opt().unwrap()));
        let d = Horizons::default();
        assert_eq!((d.appointments.days(), d.rooms.days()), (14, 90));
        let read = Horizons::from_settings(Some("30"), Some("abc"));
        assert_eq!((read.appointments.days(), read.rooms.days()), (30, 90), "a bad row keeps the default");
    }
}
