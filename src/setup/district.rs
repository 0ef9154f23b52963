//! `district.toml`: the street office's centres and where each centre's copy comes from.

use crate::domain::lang::Lang;
use crate::i18n::fill;
use crate::i18n::words::street::{W, say};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The file `district` reads when `--config` is not given.
pub const FILE: &str = "district.toml";

/// How stale a replica may be before its row turns red, when the file does not say.
pub const STALE_AFTER: Duration = Duration::from_secs(60);

/// The whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct District {
    /// The street office's name (the title of the view and the reports).
    pub name: String,
    /// Where the local copies of replicated centres are kept.
    pub cache: Option<PathBuf>,
    /// A replica older than this is shown in the alarm colour.
    pub stale_after: Duration,
    /// The centres, in the file's order (the view's order).
    pub centres: Vec<Centre>,
}

/// One centre of the street.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Centre {
    /// The centre's name as the street office calls it.
    pub name: String,
    /// Where its data comes from.
    pub source: CentreSource,
}

/// Where a centre's data is read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CentreSource {
    /// Followed from a Litestream replica into `cache`.
    Replica {
        /// `s3://bucket/path`.
        url: String,
        /// An S3-compatible endpoint (SeaweedFS, MinIO); none for AWS itself.
        endpoint: Option<String>,
        /// Credentials come from `{PREFIX}_ACCESS_KEY_ID` / `{PREFIX}_SECRET_ACCESS_KEY`
        /// instead of `AWS_…` (one bucket per centre, each with its own key).
        key_env: Option<String>,
    },
    /// A file on this server: a copy someone restored, or a centre running here.
    Copy(PathBuf),
}

impl Centre {
    /// The file the street view reads for this centre: the copy itself, or the local copy of
    /// the replica under `cache` (named after the centre, so renaming a bucket keeps it).
    pub fn local_file(&self, cache: Option<&Path>) -> PathBuf {
        match &self.source {
            CentreSource::Copy(p) => p.clone(),
            CentreSource::Replica { .. } => {
                let safe: String =
                    self.name.chars().map(|c| if c.is_alphanumeric() || c == '-' { c } else { '_' }).collect();
                cache.unwrap_or(Path::new(".")).join(format!("{safe}.sqlite3"))
            }
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    street: RawStreet,
    #[serde(default)]
    centre: Vec<RawCentre>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStreet {
    name: String,
    cache: Option<PathBuf>,
    stale_after: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCentre {
    name: String,
    replica: Option<String>,
    copy: Option<PathBuf>,
    endpoint: Option<String>,
    key_env: Option<String>,
}

/// What is wrong with a `district.toml`, with where and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DistrictError {
    /// The file cannot be read.
    #[error("{path}: {message}")]
    Read {
        /// The file.
        path: String,
        /// The system's reason.
        message: String,
    },
    /// Not TOML, or a field of the wrong kind or name (line, parser's reason).
    #[error("line {line}: {message}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// The parser's words.
        message: String,
    },
    /// No `[[centre]]` at all.
    #[error("no centres")]
    NoCentres,
    /// A centre with neither or both of `replica` and `copy`.
    #[error("centre {0}: replica or copy")]
    Source(String),
    /// A replica URL that is not `s3://bucket/path`.
    #[error("centre {0}: bad replica url {1}")]
    BadUrl(String, String),
    /// A replicated centre but no `cache` folder.
    #[error("no cache for replicas")]
    NoCache,
    /// Two centres with one name.
    #[error("centre {0} twice")]
    Twice(String),
    /// `stale_after` not understood.
    #[error("stale_after {0}")]
    BadStale(String),
    /// A `key_env` prefix that is not a variable name.
    #[error("centre {0}: key_env {1}")]
    BadKeyEnv(String, String),
}

impl DistrictError {
    /// The message in the interface language: what is wrong, where, and how to fix it.
    pub fn say(&self, lang: Lang) -> String {
        match self {
            DistrictError::Read { path, message } => fill(say(lang, W::ConfigUnreadable), &[path, message]),
            DistrictError::Syntax { line, message } => fill(say(lang, W::ConfigSyntax), &[line, message]),
            DistrictError::NoCentres => say(lang, W::ConfigNoCentres).to_string(),
            DistrictError::Source(c) => fill(say(lang, W::ConfigSource), &[c]),
            DistrictError::BadUrl(c, u) => fill(say(lang, W::ConfigBadUrl), &[c, u]),
            DistrictError::NoCache => say(lang, W::ConfigNoCache).to_string(),
            DistrictError::Twice(c) => fill(say(lang, W::ConfigTwice), &[c]),
            DistrictError::BadStale(s) => fill(say(lang, W::ConfigBadStale), &[s]),
            DistrictError::BadKeyEnv(c, k) => fill(say(lang, W::ConfigBadKeyEnv), &[c, k]),
        }
    }
}

/// `60s`, `2m`, `1h` or a bare number of seconds.
pub fn duration(s: &str) -> Option<Duration> {
    let s = s.trim();
    let (n, unit) = s.find(|c: char| !c.is_ascii_digit()).map_or((s, ""), |i| s.split_at(i));
    let n: u64 = n.parse().ok()?;
    let secs = match unit.trim() {
        "" | "s" => n,
        "m" | "min" => n.checked_mul(60)?,
        "h" => n.checked_mul(3600)?,
        _ => return None,
    };
    (secs > 0).then(|| Duration::from_secs(secs))
}

/// Parses the file's text.
pub fn parse(src: &str) -> Result<District, DistrictError> {
    let raw: RawFile = toml::from_str(src).map_err(|e| {
        let line = e.span().map_or(1, |s| src[..s.start.min(src.len())].matches('\n').count() + 1);
        DistrictError::Syntax { line, message: e.message().to_string() }
    })?;
    let stale_after = match raw.street.stale_after {
        None => STALE_AFTER,
        Some(s) => duration(&s).ok_or(DistrictError::BadStale(s))?,
    };
    if raw.centre.is_empty() {
        return Err(DistrictError::NoCentres);
    }
    let mut centres: Vec<Centre> = Vec::new();
    for c in raw.centre {
        let name = c.name.trim().to_string();
        if centres.iter().any(|o| o.name == name) {
            return Err(DistrictError::Twice(name));
        }
        let source = match (c.replica, c.copy) {
            (Some(url), None) => {
                let ok =
                    url.strip_prefix("s3://").is_some_and(|rest| rest.split('/').next().is_some_and(|b| !b.is_empty()));
                if !ok {
                    return Err(DistrictError::BadUrl(name, url));
                }
                if let Some(k) = &c.key_env
                    && (k.is_empty() || !k.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_'))
                {
                    return Err(DistrictError::BadKeyEnv(name, k.clone()));
                }
                CentreSource::Replica { url, endpoint: c.endpoint, key_env: c.key_env }
            }
            (None, Some(p)) => CentreSource::Copy(p),
            _ => return Err(DistrictError::Source(name)),
        };
        centres.push(Centre { name, source });
    }
    if raw.street.cache.is_none() && centres.iter().any(|c| matches!(c.source, CentreSource::Replica { .. })) {
        return Err(DistrictError::NoCache);
    }
    Ok(District { name: raw.street.name.trim().to_string(), cache: raw.street.cache, stale_after, centres })
}

/// Reads and parses the file at `path`.
pub fn load(path: &Path) -> Result<District, DistrictError> {
    let src = std::fs::read_to_string(path)
        .map_err(|e| DistrictError::Read { path: path.display().to_string(), message: e.to_string() })?;
    parse(&src)
}
