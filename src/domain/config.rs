//! The configuration file `$XDG_CONFIG_HOME/yichuang/config.toml`.

use crate::domain::field::{Fields, Reason, line_of};

/// Settings a user or a counter PC may fix in its config file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// Database path.
    pub db: Option<String>,
    /// Interface language (`zh` or `en`).
    pub lang: Option<String>,
    /// Keymap name (`default`, `vim`) or path.
    pub keymap: Option<String>,
    /// The counter window of this PC.
    pub window: Option<u16>,
    /// Command that receipts are piped to.
    pub print_command: Option<String>,
    /// Receipt layout: `receipt` (48 columns, the default) or `a4`.
    pub paper: Option<String>,
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

impl Config {
    /// Parses a config file; `file` names it in messages.
    pub fn parse(file: &str, src: &str) -> Result<Config, ConfigError> {
        let table: toml::Table = src.parse().map_err(|e: toml::de::Error| ConfigError::Syntax {
            file: file.to_string(),
            line: e.span().map(|s| line_of(src, s.start)).unwrap_or(1),
            message: e.message().to_string(),
        })?;
        let line = |key: &str| {
            src.lines()
                .position(|l| {
                    let l = l.trim_start();
                    l.starts_with(key) && l[key.len()..].trim_start().starts_with('=')
                })
                .map(|p| p + 1)
                .unwrap_or(1)
        };
        let err = |key: &str, reason: Reason| ConfigError::Field {
            file: file.into(),
            line: line(key),
            key: key.into(),
            reason,
        };
        let mut f = Fields::new(&table);
        let mut opt = |key: &'static str, max: usize| -> Result<Option<String>, ConfigError> {
            if table.contains_key(key) {
                f.text(key, max).map(Some).map_err(|(k, r)| err(k, r))
            } else {
                f.opt_text(key, max).map(|_| None).map_err(|(k, r)| err(k, r))
            }
        };
        let cfg = Config {
            db: opt("db", 1000)?,
            lang: opt("lang", 10)?,
            keymap: opt("keymap", 1000)?,
            print_command: opt("print_command", 1000)?,
            paper: opt("paper", 10)?,
            authorized_keys: opt("authorized_keys", 1000)?,
            window: None,
        };
        if let Some(l) = &cfg.lang
            && !matches!(l.as_str(), "zh" | "en" | "zh-CN" | "en-US")
        {
            return Err(err("lang", Reason::NotOneOf { allowed: &["zh", "en"] }));
        }
        if let Some(p) = &cfg.paper
            && !matches!(p.as_str(), "receipt" | "a4")
        {
            return Err(err("paper", Reason::NotOneOf { allowed: &["receipt", "a4"] }));
        }
        let window = if table.contains_key("window") {
            Some(f.int("window", 1, 99).map_err(|(k, r)| err(k, r))? as u16)
        } else {
            None
        };
        f.finish().map_err(|(k, r)| err(&k, r))?;
        Ok(Config { window, ..cfg })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_settings_and_names_bad_ones() {
        let c = Config::parse("c.toml", "db = \"/srv/yc.sqlite3\"\nlang = \"en\"\nwindow = 3\n").unwrap();
        assert_eq!((c.db.as_deref(), c.window), (Some("/srv/yc.sqlite3"), Some(3)));
        let e = Config::parse("c.toml", "lang = \"en\"\nwindow = 300\n").unwrap_err();
        assert!(matches!(e, ConfigError::Field { line: 2, ref key, .. } if key == "window"));
        let e = Config::parse("c.toml", "langg = \"en\"\n").unwrap_err();
        assert!(matches!(e, ConfigError::Field { reason: Reason::UnknownField, .. }));
    }
}
