//! The statutory holidays of the law (全国年节及纪念日放假办法) for a year whose State Council
//! notice is not imported yet: the days the law names, plus the weekday 补假 it requires when one
//! of them falls on a Saturday or Sunday. The makeup working days (调休上班) are the notice's
//! choice and cannot be known in advance.

use super::is_weekend;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};
use tyme4rs::tyme::lunar::LunarDay;
use tyme4rs::tyme::solar::{SolarDay, SolarTerm};

/// The first and last years whose statutory holidays the desk can compute: the 2008 law is the
/// first with 清明, 端午 and 中秋; the lunar tables are trusted to 2100.
pub const FIRST_YEAR: i32 = 2008;
/// See [`FIRST_YEAR`].
pub const LAST_YEAR: i32 = 2100;

/// A statutory day off: its holiday, and whether the law names the day itself or only requires
/// a weekday in place of a holiday day that fell on a weekend (补假, which a notice may place
/// elsewhere).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Statutory {
    /// The holiday's name, e.g. 春节.
    pub name: &'static str,
    /// Named by the law itself (not 补假): off whatever a notice says.
    pub by_law: bool,
}

/// Statutory days off by date.
pub type DaysOff = BTreeMap<NaiveDate, Statutory>;

/// The statutory days off of `year` (with 补假), by date; empty
/// outside [`FIRST_YEAR`]..=[`LAST_YEAR`]. Computed once per year and kept.
pub fn days_off(year: i32) -> Arc<DaysOff> {
    static CACHE: OnceLock<Mutex<HashMap<i32, Arc<DaysOff>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut map = cache.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    map.entry(year).or_insert_with(|| Arc::new(compute(year))).clone()
}

/// Whether the law's holidays of `year` can be computed.
pub fn known(year: i32) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&year)
}

fn compute(year: i32) -> DaysOff {
    let mut off = BTreeMap::new();
    if !known(year) {
        return off;
    }
    let list = holidays(year);
    // Every day the law names first, so that no holiday's 补假 lands on another's own day
    // (中秋 and 国庆 meet in some years).
    for (name, days) in &list {
        for d in days {
            off.entry(*d).or_insert(Statutory { name, by_law: true });
        }
    }
    for (name, days) in list {
        // 补假: as many weekdays after the holiday as its own days that fell on a weekend (a day
        // two holidays share is owed once).
        let owed_days = days.iter().filter(|d| is_weekend(**d) && off.get(*d).is_some_and(|s| s.name == name));
        let mut owed = owed_days.count();
        let mut d = *days.last().expect("every holiday has a day");
        while owed > 0 {
            d = d.succ_opt().expect("dates before 2101 have a successor");
            if !is_weekend(d) && !off.contains_key(&d) {
                off.insert(d, Statutory { name, by_law: false });
                owed -= 1;
            }
        }
    }
    off
}

/// The holidays the law in force in `year` names, with their days, in order of date.
fn holidays(year: i32) -> Vec<(&'static str, Vec<NaiveDate>)> {
    let ymd = |m, d| NaiveDate::from_ymd_opt(year, m, d).expect("fixed dates exist");
    let new_year = lunar(year, 1, 1);
    let eve = new_year.pred_opt().expect("dates after 2008 have a predecessor");
    let after = |d: NaiveDate, n: u64| d + chrono::Days::new(n);
    // 2008 law: 除夕 to 初二, 劳动节 one day; 2014: 初一 to 初三; 2025: 除夕 to 初三, 劳动节 two days.
    let (spring, labour) = match year {
        ..=2013 => (vec![eve, new_year, after(new_year, 1)], vec![ymd(5, 1)]),
        2014..=2024 => (vec![new_year, after(new_year, 1), after(new_year, 2)], vec![ymd(5, 1)]),
        _ => (vec![eve, new_year, after(new_year, 1), after(new_year, 2)], vec![ymd(5, 1), ymd(5, 2)]),
    };
    let mut list = vec![
        ("元旦", vec![ymd(1, 1)]),
        ("春节", spring),
        ("清明节", vec![qingming(year)]),
        ("劳动节", labour),
        ("端午节", vec![lunar(year, 5, 5)]),
        ("中秋节", vec![lunar(year, 8, 15)]),
        ("国庆节", vec![ymd(10, 1), ymd(10, 2), ymd(10, 3)]),
    ];
    list.sort_by_key(|(_, days)| days[0]);
    list
}

fn lunar(year: i32, month: isize, day: usize) -> NaiveDate {
    solar(LunarDay::from_ymd(year as isize, month, day).get_solar_day())
}

fn qingming(year: i32) -> NaiveDate {
    solar(SolarTerm::from_name(year as isize, "清明").get_solar_day())
}

fn solar(d: SolarDay) -> NaiveDate {
    NaiveDate::from_ymd_opt(d.get_year() as i32, d.get_month() as u32, d.get_day() as u32)
        .expect("the lunar tables give real dates")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_law_of_2025_gives_13_days_and_weekday_bu_jia_in_2027() {
        let off = days_off(2027);
        let dates: Vec<String> = off.keys().map(|d| d.format("%m-%d").to_string()).collect();
        // 元旦 Fri; 除夕 Fri 02-05 to 初三 Mon 02-08, two weekend days owed on 02-09 and 02-10;
        // 清明 Mon 04-05; 劳动节 Sat and Sun, owed 05-03 and 05-04; 端午 Wed 06-09; 中秋 Wed 09-15;
        // 国庆 Fri 10-01 to Sun 10-03, owed 10-04 and 10-05.
        assert_eq!(
            dates,
            [
                "01-01", "02-05", "02-06", "02-07", "02-08", "02-09", "02-10", "04-05", "05-01", "05-02", "05-03",
                "05-04", "06-09", "09-15", "10-01", "10-02", "10-03", "10-04", "10-05"
            ]
        );
        assert_eq!(off[&d("2027-02-09")], Statutory { name: "春节", by_law: false });
        assert_eq!(off[&d("2027-02-05")], Statutory { name: "春节", by_law: true });
    }

    #[test]
    fn each_law_names_its_own_days() {
        // 2024 (2014 law): 春节 is 初一 to 初三, 除夕 02-09 is not a statutory day.
        assert!(!days_off(2024).contains_key(&d("2024-02-09")));
        assert!(days_off(2024).contains_key(&d("2024-02-12")));
        // 2025 law: 除夕 01-28 and 05-02 are.
        assert!(days_off(2025).contains_key(&d("2025-01-28")));
        assert!(days_off(2025).contains_key(&d("2025-05-02")));
        assert!(!days_off(2024).contains_key(&d("2024-05-02")));
        assert!(days_off(2101).is_empty() && !known(2101) && known(2027));
    }

    #[test]
    fn every_statutory_day_of_the_loaded_notices_is_off_in_them() {
        // The notices may join more days, but never work on a day the law gives off.
        let file = crate::domain::calendar::CalendarFile::parse(
            "fixtures/holidays.toml",
            include_str!("../../../fixtures/holidays.toml"),
        )
        .unwrap();
        for year in &file.years {
            for date in days_off(*year).keys() {
                let declared = file.days.iter().find(|x| x.date == *date);
                let off = match declared {
                    Some(x) => x.kind == crate::domain::calendar::DayKind::Off,
                    None => !is_weekend(*date),
                };
                // A weekend day the notice did not list is still off; a weekday must be listed off.
                assert!(off || is_weekend(*date), "{date} is statutory but the notice makes it a working day");
                if !is_weekend(*date) {
                    assert!(declared.is_some(), "{date} is statutory but missing from the {year} notice");
                }
            }
        }
    }

    #[test]
    fn the_shipped_notices_agree_with_tyme4rs_tables() {
        use tyme4rs::tyme::holiday::LegalHoliday;
        let file = crate::domain::calendar::CalendarFile::parse(
            "fixtures/holidays.toml",
            include_str!("../../../fixtures/holidays.toml"),
        )
        .unwrap();
        for x in &file.days {
            let theirs = LegalHoliday::from_ymd(x.date.year() as isize, x.date.month() as usize, x.date.day() as usize)
                .unwrap_or_else(|| panic!("{} is not in tyme4rs's table", x.date));
            assert_eq!(theirs.is_work(), x.kind == crate::domain::calendar::DayKind::Work, "{}", x.date);
        }
    }

    #[test]
    fn no_holidays_bu_jia_lands_on_anothers_own_day() {
        // 2044: 国庆 10-01..03 is Sat, Sun, Mon, owing two weekdays; 中秋 is Wed 10-05 by law.
        // The 补假 goes to 10-04 and 10-06, and 中秋 stays a day the law names.
        let off = days_off(2044);
        assert_eq!(off[&d("2044-10-05")], Statutory { name: "中秋节", by_law: true });
        assert_eq!(off[&d("2044-10-04")], Statutory { name: "国庆节", by_law: false });
        assert_eq!(off[&d("2044-10-06")], Statutory { name: "国庆节", by_law: false });
        // 2096: 中秋 is Sunday 09-30; its 补假 cannot be 10-01, a 国庆 day, and goes after them.
        let off = days_off(2096);
        assert_eq!(off[&d("2096-10-01")], Statutory { name: "国庆节", by_law: true });
        assert_eq!(off.values().filter(|s| !s.by_law && s.name == "中秋节").count(), 1);
    }
}
