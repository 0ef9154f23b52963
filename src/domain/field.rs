//! Reading validated fields out of parsed TOML tables, with typed reasons for what is wrong.

use crate::domain::text;
use toml::{Table, Value};

/// Why a field of an input file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The field is required and absent.
    Missing,
    /// The field has the wrong TOML type; `expected` names the right one.
    WrongType { expected: &'static str },
    /// The text is empty after trimming.
    Empty,
    /// The text is longer than allowed.
    TooLong { max: usize },
    /// The text holds control characters or escape sequences.
    ControlChars,
    /// The value is not one of the allowed words.
    NotOneOf { allowed: &'static [&'static str] },
    /// A number outside the allowed range.
    OutOfRange { min: i64, max: i64 },
    /// The text does not have the required shape; `pattern` shows it.
    BadFormat { pattern: &'static str },
    /// The value repeats one given earlier in the file.
    Duplicate { value: String },
    /// The value refers to something not defined (e.g. a category code).
    Unknown { value: String },
    /// The field is not part of the format (usually a typo).
    UnknownField,
    /// A rule that ties two fields together is broken; the text says which.
    Rule { rule: RuleBroken },
    /// A list holds too few or too many entries.
    Count { min: usize, max: usize, found: usize },
}

/// Cross-field rules of the input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleBroken {
    /// unit "immediate" requires n = 0, other units need n ≥ 1.
    ImmediateNeedsZero,
    /// A makeup working day must fall on a Saturday or Sunday.
    MakeupOnWeekday,
    /// A date outside the year of its section.
    DateOutsideYear,
    /// A date listed both as a day off and as a makeup working day.
    OffAndWork,
    /// An identity card marked `rongque = true`: who applies is never taken on a promise.
    IdCardNeverRongque,
}

/// Reads fields of one table, remembering which keys were used.
pub struct Fields<'a> {
    table: &'a Table,
    used: Vec<&'static str>,
}

impl<'a> Fields<'a> {
    /// Wraps a table.
    pub fn new(table: &'a Table) -> Self {
        Fields { table, used: Vec::new() }
    }

    fn get(&mut self, key: &'static str) -> Option<&'a Value> {
        self.used.push(key);
        self.table.get(key)
    }

    /// A required single-line text of at most `max` characters.
    pub fn text(&mut self, key: &'static str, max: usize) -> Result<String, (&'static str, Reason)> {
        match self.get(key) {
            None => Err((key, Reason::Missing)),
            Some(v) => check_text(v, max, false).map_err(|r| (key, r)),
        }
    }

    /// An optional text (absent means empty) of at most `max` characters.
    pub fn opt_text(&mut self, key: &'static str, max: usize) -> Result<String, (&'static str, Reason)> {
        match self.get(key) {
            None => Ok(String::new()),
            Some(v) => check_text(v, max, true).map_err(|r| (key, r)),
        }
    }

    /// A required integer in `min..=max`.
    pub fn int(&mut self, key: &'static str, min: i64, max: i64) -> Result<i64, (&'static str, Reason)> {
        match self.get(key) {
            None => Err((key, Reason::Missing)),
            Some(Value::Integer(n)) if (min..=max).contains(n) => Ok(*n),
            Some(Value::Integer(_)) => Err((key, Reason::OutOfRange { min, max })),
            Some(_) => Err((key, Reason::WrongType { expected: "integer" })),
        }
    }

    /// A required boolean.
    pub fn boolean(&mut self, key: &'static str) -> Result<bool, (&'static str, Reason)> {
        match self.get(key) {
            None => Err((key, Reason::Missing)),
            Some(Value::Boolean(b)) => Ok(*b),
            Some(_) => Err((key, Reason::WrongType { expected: "boolean" })),
        }
    }

    /// An optional boolean (absent means false).
    pub fn opt_boolean(&mut self, key: &'static str) -> Result<bool, (&'static str, Reason)> {
        match self.get(key) {
            None => Ok(false),
            Some(Value::Boolean(b)) => Ok(*b),
            Some(_) => Err((key, Reason::WrongType { expected: "boolean" })),
        }
    }

    /// A required word out of `allowed`, returned as its index.
    pub fn one_of(
        &mut self,
        key: &'static str,
        allowed: &'static [&'static str],
    ) -> Result<usize, (&'static str, Reason)> {
        match self.get(key) {
            None => Err((key, Reason::Missing)),
            Some(Value::String(s)) => allowed.iter().position(|a| a == s).ok_or((key, Reason::NotOneOf { allowed })),
            Some(_) => Err((key, Reason::WrongType { expected: "string" })),
        }
    }

    /// A required array of tables.
    pub fn tables(&mut self, key: &'static str) -> Result<Vec<&'a Table>, (&'static str, Reason)> {
        match self.get(key) {
            None => Err((key, Reason::Missing)),
            Some(Value::Array(a)) => {
                a.iter().map(|v| v.as_table().ok_or((key, Reason::WrongType { expected: "array of tables" }))).collect()
            }
            Some(_) => Err((key, Reason::WrongType { expected: "array of tables" })),
        }
    }

    /// A required inline table.
    pub fn table(&mut self, key: &'static str) -> Result<&'a Table, (&'static str, Reason)> {
        match self.get(key) {
            None => Err((key, Reason::Missing)),
            Some(Value::Table(t)) => Ok(t),
            Some(_) => Err((key, Reason::WrongType { expected: "table" })),
        }
    }

    /// A required array of values (checked by the caller).
    pub fn array(&mut self, key: &'static str) -> Result<&'a [Value], (&'static str, Reason)> {
        match self.get(key) {
            None => Err((key, Reason::Missing)),
            Some(Value::Array(a)) => Ok(a.as_slice()),
            Some(_) => Err((key, Reason::WrongType { expected: "array" })),
        }
    }

    /// Refuses keys that were never asked for, so typos do not pass silently.
    pub fn finish(self) -> Result<(), (String, Reason)> {
        match self.table.keys().find(|k| !self.used.contains(&k.as_str())) {
            Some(k) => Err((k.clone(), Reason::UnknownField)),
            None => Ok(()),
        }
    }
}

/// Checks that `v` is a clean single-line string of at most `max` characters.
pub fn check_text(v: &Value, max: usize, may_be_empty: bool) -> Result<String, Reason> {
    let Value::String(s) = v else {
        return Err(Reason::WrongType { expected: "string" });
    };
    if text::has_unsafe_chars(s) {
        return Err(Reason::ControlChars);
    }
    let t = s.trim();
    if t.is_empty() && !may_be_empty {
        return Err(Reason::Empty);
    }
    if t.chars().count() > max {
        return Err(Reason::TooLong { max });
    }
    Ok(t.to_string())
}

/// Line (1-based) of byte offset `pos` in `src`.
pub fn line_of(src: &str, pos: usize) -> usize {
    src[..pos.min(src.len())].bytes().filter(|&b| b == b'\n').count() + 1
}
