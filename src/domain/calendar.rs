//! The working-day calendar: weekends, statutory days off and makeup working days.

use crate::domain::field::{Fields, Reason, RuleBroken, line_of};
use chrono::{Datelike, NaiveDate, Weekday};
use std::collections::{BTreeMap, BTreeSet};

mod statutory;

/// What an exception date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// A statutory day off (放假).
    Off,
    /// A makeup working day on a weekend (调休上班).
    Work,
}

impl DayKind {
    /// The word stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            DayKind::Off => "off",
            DayKind::Work => "work",
        }
    }
    /// Parses a stored word.
    pub fn from_str_opt(s: &str) -> Option<DayKind> {
        match s {
            "off" => Some(DayKind::Off),
            "work" => Some(DayKind::Work),
            _ => None,
        }
    }
}

/// One exception date of the calendar.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CalendarDay {
    /// The date.
    pub date: NaiveDate,
    /// Day off or makeup working day.
    pub kind: DayKind,
    /// The holiday it belongs to, e.g. 春节.
    pub name: String,
}

/// What is wrong with a calendar file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// Not valid TOML.
    #[error("{file}:{line}: TOML syntax: {message}")]
    Syntax { file: String, line: usize, message: String },
    /// A field is wrong.
    #[error("{file}: {place}: field `{field}`: {reason:?}")]
    Field { file: String, place: String, field: String, reason: Reason },
}

/// A parsed calendar file: the years it covers and their exception dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarFile {
    /// Years covered: importing adds and changes these years' dates, and removes the ones the
    /// file omits only when told to (`--replace-year`).
    pub years: Vec<i32>,
    /// Exception dates, sorted.
    pub days: Vec<CalendarDay>,
}

impl CalendarFile {
    /// Parses and validates a holidays file; `file` names it in error messages.
    pub fn parse(file: &str, src: &str) -> Result<CalendarFile, CalendarError> {
        let root: toml::Table = src.parse().map_err(|e: toml::de::Error| CalendarError::Syntax {
            file: file.to_string(),
            line: e.span().map(|s| line_of(src, s.start)).unwrap_or(1),
            message: e.message().to_string(),
        })?;
        let err = |place: String, field: String, reason: Reason| CalendarError::Field {
            file: file.to_string(),
            place,
            field,
            reason,
        };
        let mut top = Fields::new(&root);
        let years = top.tables("years").map_err(|(f, r)| err("-".into(), f.into(), r))?;
        top.finish().map_err(|(f, r)| err("-".into(), f, r))?;
        let mut seen: BTreeMap<NaiveDate, CalendarDay> = BTreeMap::new();
        let mut year_list = Vec::new();
        for (yi, y) in years.iter().enumerate() {
            let place = format!("years[{}]", yi + 1);
            let mut f = Fields::new(y);
            let year = f.int("year", 2000, 2100).map_err(|(k, r)| err(place.clone(), k.into(), r))? as i32;
            if year_list.contains(&year) {
                return Err(err(place, "year".into(), Reason::Duplicate { value: year.to_string() }));
            }
            year_list.push(year);
            let place = year.to_string();
            f.opt_text("source", 200).map_err(|(k, r)| err(place.clone(), k.into(), r))?;
            let hols = f.tables("holidays").map_err(|(k, r)| err(place.clone(), k.into(), r))?;
            f.finish().map_err(|(k, r)| err(place.clone(), k, r))?;
            for (hi, h) in hols.iter().enumerate() {
                let mut f = Fields::new(h);
                let hplace = format!("{year} holidays[{}]", hi + 1);
                let name = f.text("name", 40).map_err(|(k, r)| err(hplace.clone(), k.into(), r))?;
                let hplace = format!("{year} {name}");
                for (key, kind) in [("off", DayKind::Off), ("work", DayKind::Work)] {
                    let arr = f.array(key).map_err(|(k, r)| err(hplace.clone(), k.into(), r))?;
                    for v in arr {
                        let date = toml_date(v).ok_or_else(|| {
                            err(hplace.clone(), key.into(), Reason::WrongType { expected: "date (YYYY-MM-DD)" })
                        })?;
                        if date.year() != year {
                            return Err(err(hplace, key.into(), Reason::Rule { rule: RuleBroken::DateOutsideYear }));
                        }
                        if kind == DayKind::Work && !is_weekend(date) {
                            return Err(err(hplace, key.into(), Reason::Rule { rule: RuleBroken::MakeupOnWeekday }));
                        }
                        if let Some(prev) = seen.get(&date) {
                            let reason = if prev.kind == kind {
                                Reason::Duplicate { value: date.to_string() }
                            } else {
                                Reason::Rule { rule: RuleBroken::OffAndWork }
                            };
                            return Err(err(hplace, key.into(), reason));
                        }
                        seen.insert(date, CalendarDay { date, kind, name: name.clone() });
                    }
                }
                f.finish().map_err(|(k, r)| err(hplace.clone(), k, r))?;
            }
        }
        Ok(CalendarFile { years: year_list, days: seen.into_values().collect() })
    }
}

fn toml_date(v: &toml::Value) -> Option<NaiveDate> {
    let toml::Value::Datetime(dt) = v else {
        return None;
    };
    if dt.time.is_some() || dt.offset.is_some() {
        return None;
    }
    let d = dt.date?;
    NaiveDate::from_ymd_opt(d.year as i32, d.month as u32, d.day as u32)
}

/// Saturday or Sunday.
pub fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The calendar in memory, answering "is this a working day?": the imported notices' exception
/// dates, and for a year with no notice the statutory holidays of the law (provisional).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    exceptions: BTreeMap<NaiveDate, (DayKind, String)>,
    loaded: BTreeSet<i32>,
}

/// How a day between acceptance and due date was treated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DayNote {
    /// Saturday or Sunday: skipped.
    Weekend(NaiveDate),
    /// A statutory day off: skipped.
    Holiday(NaiveDate, String),
    /// A makeup working day on a weekend: counted.
    Makeup(NaiveDate, String),
}

/// What one date is, for day headers and slot lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Day {
    /// Monday to Friday, nothing declared.
    Weekday,
    /// Saturday or Sunday, nothing declared.
    Weekend,
    /// A holiday's day off; `provisional` when only the law, not a notice, says so.
    Off { name: String, provisional: bool },
    /// A makeup working day (调休上班) of a holiday.
    Makeup { name: String },
}

impl Calendar {
    /// Builds a calendar from exception dates; each year with at least one is taken as loaded.
    pub fn new(days: impl IntoIterator<Item = CalendarDay>) -> Self {
        let exceptions: BTreeMap<_, _> = days.into_iter().map(|d| (d.date, (d.kind, d.name))).collect();
        let loaded = exceptions.keys().map(|d| d.year()).collect();
        Calendar { exceptions, loaded }
    }

    /// What `d` is: an ordinary weekday or weekend, a holiday (imported or statutory) or a
    /// makeup working day.
    pub fn day(&self, d: NaiveDate) -> Day {
        if let Some((kind, name)) = self.exceptions.get(&d) {
            return match kind {
                DayKind::Off => Day::Off { name: name.clone(), provisional: false },
                DayKind::Work => Day::Makeup { name: name.clone() },
            };
        }
        let loaded = self.loaded.contains(&d.year());
        if let Some(s) = statutory::days_off(d.year()).get(&d)
            && (s.by_law || !loaded)
        {
            return Day::Off { name: s.name.to_string(), provisional: !loaded };
        }
        if is_weekend(d) { Day::Weekend } else { Day::Weekday }
    }

    /// Mondays to Fridays work unless declared off or off by law; weekends are off unless
    /// declared makeup days. The law's own days are off even where a notice (or a partial
    /// correction file) does not list them; its 补假 only counts in a year with no notice, since
    /// a notice may place it elsewhere.
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        match self.exceptions.get(&d) {
            Some((DayKind::Off, _)) => false,
            Some((DayKind::Work, _)) => true,
            None if is_weekend(d) => false,
            None => match statutory::days_off(d.year()).get(&d) {
                Some(s) => !s.by_law && self.loaded.contains(&d.year()),
                None => true,
            },
        }
    }

    /// The first working day strictly after `d`.
    pub fn next_working_day(&self, d: NaiveDate) -> NaiveDate {
        self.add_working_days(d, 1)
    }

    /// `d` itself if it is a working day, else the next one.
    pub fn this_or_next_working_day(&self, d: NaiveDate) -> NaiveDate {
        if self.is_working_day(d) { d } else { self.next_working_day(d) }
    }

    /// The `n`-th working day after `from`, counting from the first working day after it
    /// (n = 0 gives `from`).
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> NaiveDate {
        let mut d = from;
        let mut left = n;
        while left > 0 {
            d = d.succ_opt().unwrap_or(d);
            if self.is_working_day(d) {
                left -= 1;
            }
        }
        d
    }

    /// Working days in `(a, b]`; negative when `b` is before `a`.
    pub fn working_days_between(&self, a: NaiveDate, b: NaiveDate) -> i64 {
        let (lo, hi, sign) = if a <= b { (a, b, 1) } else { (b, a, -1) };
        let mut n = 0;
        let mut d = lo;
        while d < hi {
            d = d.succ_opt().unwrap_or(hi);
            if self.is_working_day(d) {
                n += 1;
            }
        }
        n * sign
    }

    /// The days in `(from, to]` that were not ordinary weekdays, with how each was treated.
    pub fn notes_between(&self, from: NaiveDate, to: NaiveDate) -> Vec<DayNote> {
        let mut out = Vec::new();
        let mut d = from;
        while d < to {
            d = d.succ_opt().unwrap_or(to);
            match self.day(d) {
                Day::Off { name, .. } => out.push(DayNote::Holiday(d, name)),
                Day::Makeup { name } => out.push(DayNote::Makeup(d, name)),
                Day::Weekend => out.push(DayNote::Weekend(d)),
                Day::Weekday => {}
            }
        }
        out
    }

    /// Whether the calendar holds the official schedule (an imported notice) of `year`.
    pub fn covers(&self, year: i32) -> bool {
        self.loaded.contains(&year)
    }

    /// Whether `year` is counted on the law's holidays alone, its notice not imported yet.
    pub fn is_provisional(&self, year: i32) -> bool {
        !self.covers(year) && statutory::known(year)
    }

    /// Whether the calendar can answer for `year` (imported, or statutory holidays known).
    pub fn knows(&self, year: i32) -> bool {
        self.covers(year) || statutory::known(year)
    }

    /// The years of `(from, to]` whose notice is not imported: a count over them is provisional.
    pub fn unconfirmed_years(&self, from: NaiveDate, to: NaiveDate) -> Vec<i32> {
        let Some(first) = from.succ_opt().filter(|d| *d <= to) else { return Vec::new() };
        (first.year()..=to.year()).filter(|y| !self.covers(*y)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn makeup_day_on_a_weekday_is_refused() {
        let src = "[[years]]\nyear = 2026\n[[years.holidays]]\nname = \"x\"\noff = []\nwork = [2026-05-06]\n";
        let e = CalendarFile::parse("h.toml", src).unwrap_err();
        assert!(matches!(e, CalendarError::Field { reason: Reason::Rule { rule: RuleBroken::MakeupOnWeekday }, .. }));
    }

    #[test]
    fn weekday_rules_and_exceptions() {
        let day = |s: &str, kind| CalendarDay { date: d(s), kind, name: "国庆节".into() };
        let c = Calendar::new([day("2026-10-01", DayKind::Off), day("2026-10-10", DayKind::Work)]);
        assert!(!c.is_working_day(d("2026-10-01")));
        assert!(c.is_working_day(d("2026-10-10")));
        assert!(!c.is_working_day(d("2026-10-11")));
        assert!(c.is_working_day(d("2026-10-12")));
    }

    #[test]
    fn the_laws_own_days_stay_off_in_a_year_whose_file_omits_them() {
        // A file for 2027 that lists only 元旦 (a correction, or a careless notice).
        let c = Calendar::new([CalendarDay { date: d("2027-01-01"), kind: DayKind::Off, name: "元旦".into() }]);
        assert!(c.covers(2027) && !c.is_provisional(2027));
        assert!(!c.is_working_day(d("2027-02-05")), "除夕 is off by law whatever the file lists");
        assert_eq!(c.day(d("2027-02-05")), Day::Off { name: "春节".into(), provisional: false });
        // 补假 is the notice's to place: with a notice loaded, only what it lists counts.
        assert!(c.is_working_day(d("2027-02-09")));
        // With no notice at all, the law's 补假 counts too (provisional).
        let none = Calendar::default();
        assert!(!none.is_working_day(d("2027-02-09")));
        assert_eq!(none.day(d("2027-02-09")), Day::Off { name: "春节".into(), provisional: true });
    }
}
