//! What day headers say about a date: the holiday it belongs to, 调休上班, or that its year's
//! holiday notice is not out yet.

use crate::domain::calendar::{Calendar, Day};
use crate::domain::lang::Lang;
use chrono::{Datelike, NaiveDate};

/// The note a day header carries beyond the date; empty on an ordinary day of a year whose
/// notice is imported.
pub fn day_note(lang: Lang, cal: &Calendar, d: NaiveDate) -> String {
    let zh = lang == Lang::Zh;
    match cal.day(d) {
        Day::Off { name, provisional: false } => {
            if zh {
                format!("{name} 放假")
            } else {
                format!("{} (holiday)", holiday_name(lang, &name))
            }
        }
        Day::Off { name, provisional: true } => {
            if zh {
                format!("{name} 法定假日（{} 年放假安排未发布，暂定）", d.year())
            } else {
                format!(
                    "{}, statutory holiday ({} schedule not published: provisional)",
                    holiday_name(lang, &name),
                    d.year()
                )
            }
        }
        Day::Makeup { name } => {
            if zh {
                format!("调休上班（{name}）")
            } else {
                format!("makeup working day ({})", holiday_name(lang, &name))
            }
        }
        Day::Weekday | Day::Weekend if cal.is_provisional(d.year()) => {
            if zh {
                format!("{} 年放假安排未发布，暂按法定节假日", d.year())
            } else {
                format!("{} schedule not published: statutory holidays only (provisional)", d.year())
            }
        }
        Day::Weekday | Day::Weekend => String::new(),
    }
}

/// A short label for a day cell: the holiday's name on a day off, 班 on a makeup day.
pub fn day_short(lang: Lang, cal: &Calendar, d: NaiveDate) -> Option<String> {
    match cal.day(d) {
        Day::Off { name, provisional } => {
            let mark = if provisional { crate::i18n::pick(lang, "(暂)", "?") } else { "" };
            Some(format!("{}{mark}", holiday_name(lang, &name)))
        }
        Day::Makeup { .. } => Some(crate::i18n::pick(lang, "调休上班", "makeup day").to_string()),
        Day::Weekday | Day::Weekend => None,
    }
}

/// A holiday's name in `lang`; names joined with 、 (国庆节、中秋节) are translated part by part.
pub fn holiday_name(lang: Lang, name: &str) -> String {
    if lang == Lang::Zh {
        return name.to_string();
    }
    let one = |n: &str| match n {
        "元旦" => "New Year's Day".to_string(),
        "春节" => "Spring Festival".to_string(),
        "清明节" | "清明" => "Qingming".to_string(),
        "劳动节" => "Labour Day".to_string(),
        "端午节" | "端午" => "Dragon Boat Festival".to_string(),
        "中秋节" | "中秋" => "Mid-Autumn Festival".to_string(),
        "国庆节" | "国庆" => "National Day".to_string(),
        other => other.to_string(),
    };
    name.split('、').map(one).collect::<Vec<_>>().join(" and ")
}

/// Why nothing can be booked in `year`: the calendar cannot tell its holidays.
pub fn unknown_year(lang: Lang, year: i32) -> String {
    match lang {
        Lang::Zh => format!("{year} 年的节假日安排未知，暂不能预约；请先导入该年的放假安排"),
        Lang::En => {
            format!("The holidays of {year} are not known yet, so no bookings; import that year's calendar first")
        }
    }
}
