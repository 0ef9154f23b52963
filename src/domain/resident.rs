//! Residents: identity numbers (GB 11643), mobile numbers, addresses, tags and masking.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Why an identity number was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdProblem {
    /// Not 18 characters (nor a 15-digit first-generation number).
    Length,
    /// A character that is not a digit (or X as the last).
    Characters,
    /// Positions 7–14 are not a real date, or one over 150 years ago.
    BirthDate,
    /// Positions 7–14 are a real date after today: most often a mistyped year.
    FutureBirth(NaiveDate),
    /// A 15-digit first-generation number (第一代身份证, out of use since 2013). The 18-digit
    /// number GB 11643 derives from it, when it has one, is for the clerk to check against the
    /// resident's card: never taken silently, since the number actually issued may differ.
    FirstGeneration(Option<Derived>),
    /// The check character does not match (GB 11643 MOD 11-2).
    CheckDigit,
}

/// An 18-character number derived from a first-generation one (a plain copyable value, so
/// that problems stay `Copy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Derived([u8; 18]);

impl Derived {
    /// The number as text.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: &[u8; 11] = b"10X98765432";

/// The check character of the first 17 digits.
pub fn check_char(first17: &str) -> Option<char> {
    if first17.len() != 17 || !first17.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let s: u32 = first17.bytes().zip(WEIGHTS).map(|(b, w)| (b - b'0') as u32 * w).sum();
    Some(CHECK[(s % 11) as usize] as char)
}

/// The 18-character number GB 11643-1999 derives from a 15-digit first-generation one: "19"
/// before the two-digit birth year, then the check character. `None` if it is not 15 digits.
pub fn derive_from_first_generation(id15: &str) -> Option<String> {
    if id15.len() != 15 || !id15.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let body = format!("{}19{}", &id15[..6], &id15[6..]);
    let check = check_char(&body)?;
    Some(format!("{body}{check}"))
}

/// Validates and normalises an 18-character resident identity number (`x` becomes `X`;
/// spaces are ignored); `today` bounds the birth date.
pub fn parse_id(raw: &str, today: NaiveDate) -> Result<String, IdProblem> {
    let id: String = raw.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
    if let Some(derived) = derive_from_first_generation(&id) {
        // Offered only when it is itself a valid number (a real, past birth date).
        let offer = parse_id(&derived, today).ok().and_then(|d| d.into_bytes().try_into().ok()).map(Derived);
        return Err(IdProblem::FirstGeneration(offer));
    }
    if id.chars().count() != 18 {
        return Err(IdProblem::Length);
    }
    let (body, last) = id.split_at(id.char_indices().nth(17).map_or(id.len(), |(i, _)| i));
    if !body.bytes().all(|b| b.is_ascii_digit()) || !last.bytes().all(|b| b.is_ascii_digit() || b == b'X') {
        return Err(IdProblem::Characters);
    }
    let birth = birth_date(&id).ok_or(IdProblem::BirthDate)?;
    if birth > today {
        return Err(IdProblem::FutureBirth(birth));
    }
    if age_on(birth, today) > 150 {
        return Err(IdProblem::BirthDate);
    }
    if check_char(body) != last.chars().next() {
        return Err(IdProblem::CheckDigit);
    }
    Ok(id)
}

/// The birth date in positions 7–14 of an identity number.
pub fn birth_date(id: &str) -> Option<NaiveDate> {
    let d = id.get(6..14)?;
    NaiveDate::parse_from_str(d, "%Y%m%d").ok()
}

/// Whole years of age on `on`.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> u32 {
    let mut age = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age.max(0) as u32
}

/// Validates a mainland mobile number (11 digits, 13x–19x); spaces, dashes and a +86 prefix
/// are accepted and removed.
pub fn parse_phone(raw: &str) -> Option<String> {
    let digits: String = raw.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    let digits = digits.strip_prefix("+86").unwrap_or(&digits);
    let ok = digits.len() == 11
        && digits.bytes().all(|b| b.is_ascii_digit())
        && digits.starts_with('1')
        && (b'3'..=b'9').contains(&digits.as_bytes()[1]);
    ok.then(|| digits.to_string())
}

/// `3201**********123X`: first 4 and last 4 kept, the birth date hidden.
pub fn mask_id(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() < 9 {
        return "*".repeat(chars.len());
    }
    let n = chars.len();
    chars[..4].iter().chain(std::iter::repeat_n(&'*', n - 8)).chain(chars[n - 4..].iter()).collect()
}

/// `138****1234`.
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() < 8 {
        return "*".repeat(chars.len());
    }
    let n = chars.len();
    chars[..3].iter().chain(std::iter::repeat_n(&'*', n - 7)).chain(chars[n - 4..].iter()).collect()
}

/// Circumstances the desk must know about (green channel, subsidies, home visits).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tag {
    /// 老年人 (60+; derived from age but also taggable).
    Elderly,
    /// 残疾人.
    Disability,
    /// 退役军人.
    Veteran,
    /// 特困 / 低保 and other special hardship.
    Hardship,
    /// 孕妇.
    Pregnant,
    /// 独居 living alone.
    LivingAlone,
}

impl Tag {
    /// Every tag.
    pub const ALL: [Tag; 6] =
        [Tag::Elderly, Tag::Disability, Tag::Veteran, Tag::Hardship, Tag::Pregnant, Tag::LivingAlone];

    /// The word stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Tag::Elderly => "elderly",
            Tag::Disability => "disability",
            Tag::Veteran => "veteran",
            Tag::Hardship => "hardship",
            Tag::Pregnant => "pregnant",
            Tag::LivingAlone => "living_alone",
        }
    }

    /// Parses a stored word.
    pub fn from_str_opt(s: &str) -> Option<Tag> {
        Tag::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// 小区 / 楼栋 / 单元 / 室.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    /// 小区 (estate).
    pub estate: String,
    /// 楼栋 (building).
    pub building: String,
    /// 单元 (entrance).
    pub unit: String,
    /// 室 (flat).
    pub room: String,
}

impl Address {
    /// "幸福里小区 3栋 2单元 502室", leaving out empty parts.
    pub fn display(&self) -> String {
        let mut parts = Vec::new();
        if !self.estate.is_empty() {
            parts.push(self.estate.clone());
        }
        for (v, suffix) in [(&self.building, "栋"), (&self.unit, "单元"), (&self.room, "室")] {
            if !v.is_empty() {
                let ends = v.ends_with(suffix);
                parts.push(if ends { v.clone() } else { format!("{v}{suffix}") });
            }
        }
        parts.join(" ")
    }
}

/// A resident known to the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Resident {
    /// Row id.
    pub id: i64,
    /// Full name.
    pub name: String,
    /// 18-character identity number, normalised.
    pub id_number: String,
    /// Mobile number, if given.
    pub phone: String,
    /// Home address.
    pub address: Address,
    /// 网格 the address belongs to.
    pub grid: String,
    /// Circumstances.
    pub tags: Vec<Tag>,
}

impl Resident {
    /// Birth date from the identity number.
    pub fn birth(&self) -> Option<NaiveDate> {
        birth_date(&self.id_number)
    }

    /// Odd order code: male.
    pub fn is_male(&self) -> Option<bool> {
        let d = self.id_number.as_bytes().get(16)?;
        d.is_ascii_digit().then(|| (d - b'0') % 2 == 1)
    }
}

/// What is wrong with a resident form, field by field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResidentProblem {
    /// The name is empty (or only control characters).
    EmptyName,
    /// The name is longer than 20 characters.
    LongName,
    /// The identity number is not valid.
    Id(IdProblem),
    /// The phone is not a mainland mobile number.
    Phone,
    /// An address part is longer than 30 characters.
    LongAddress,
}

/// A resident as typed into the form, before validation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResidentDraft {
    /// Name.
    pub name: String,
    /// Identity number as typed.
    pub id_number: String,
    /// Phone as typed (may be empty).
    pub phone: String,
    /// Address parts.
    pub address: Address,
    /// Grid.
    pub grid: String,
    /// Tags.
    pub tags: Vec<Tag>,
}

impl ResidentDraft {
    /// Validates every field; returns the clean resident (id 0) or all problems found.
    pub fn validate(&self, today: NaiveDate) -> Result<Resident, Vec<ResidentProblem>> {
        use crate::domain::text::clean_field;
        let mut problems = Vec::new();
        let (name, cut) = clean_field(&self.name, 20);
        if name.is_empty() {
            problems.push(ResidentProblem::EmptyName);
        } else if cut {
            problems.push(ResidentProblem::LongName);
        }
        let id_number = match parse_id(&self.id_number, today) {
            Ok(id) => id,
            Err(p) => {
                problems.push(ResidentProblem::Id(p));
                String::new()
            }
        };
        let phone = if self.phone.trim().is_empty() {
            String::new()
        } else {
            parse_phone(&self.phone).unwrap_or_else(|| {
                problems.push(ResidentProblem::Phone);
                String::new()
            })
        };
        let mut address = Address::default();
        for (src, dst) in [
            (&self.address.estate, &mut address.estate),
            (&self.address.building, &mut address.building),
            (&self.address.unit, &mut address.unit),
            (&self.address.room, &mut address.room),
        ] {
            let (v, cut) = clean_field(src, 30);
            if cut && !problems.contains(&ResidentProblem::LongAddress) {
                problems.push(ResidentProblem::LongAddress);
            }
            *dst = v;
        }
        let (grid, _) = clean_field(&self.grid, 30);
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut tags = self.tags.clone();
        tags.sort();
        tags.dedup();
        Ok(Resident { id: 0, name, id_number, phone, address, grid, tags })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    #[test]
    fn reference_vectors() {
        for ok in [
            "11010519491231002X",
            "440524188001010014",
            "34052419800101001X",
            "320124198808240056",
            "110108196711301862",
        ] {
            assert_eq!(parse_id(ok, today()).as_deref(), Ok(ok), "{ok}");
        }
        assert_eq!(parse_id("110108196711301866", today()), Err(IdProblem::CheckDigit));
        assert_eq!(parse_id("11010519491231002x", today()).unwrap(), "11010519491231002X");
        assert_eq!(parse_id(" 1101 0519 4912 3100 2X ", today()).unwrap(), "11010519491231002X");
    }

    #[test]
    fn bad_ids() {
        assert_eq!(parse_id("1101051949123100", today()), Err(IdProblem::Length));
        assert_eq!(parse_id("11010519491231002Y", today()), Err(IdProblem::Characters));
        assert_eq!(parse_id("1101051949X231002X", today()), Err(IdProblem::Characters));
        // 1949-02-30 does not exist.
        let body = "11010519490230002";
        let id = format!("{body}{}", check_char(body).unwrap());
        assert_eq!(parse_id(&id, today()), Err(IdProblem::BirthDate));
    }

    #[test]
    fn a_birth_date_in_the_future_is_named_not_called_impossible() {
        let body = "11010520310504002";
        let id = format!("{body}{}", check_char(body).unwrap());
        let may_4 = NaiveDate::from_ymd_opt(2031, 5, 4).unwrap();
        assert_eq!(parse_id(&id, today()), Err(IdProblem::FutureBirth(may_4)));
        // The day it comes, it is a birth date like any other.
        assert_eq!(parse_id(&id, may_4).as_deref(), Ok(id.as_str()));
        // 2031-02-30 is impossible, future or not.
        let body = "11010520310230002";
        let id = format!("{body}{}", check_char(body).unwrap());
        assert_eq!(parse_id(&id, today()), Err(IdProblem::BirthDate));
    }

    #[test]
    fn a_first_generation_number_is_named_and_its_18_digit_form_offered() {
        // 110105491231002 is the first-generation form of 11010519491231002X.
        let offered = |raw: &str| match parse_id(raw, today()) {
            Err(IdProblem::FirstGeneration(d)) => d.map(|d| d.as_str().to_string()),
            other => panic!("{raw}: {other:?}"),
        };
        assert_eq!(offered("110105491231002").as_deref(), Some("11010519491231002X"));
        assert_eq!(offered(" 1101 0549 1231 002 ").as_deref(), Some("11010519491231002X"));
        // 1949-02-30 does not exist: named as first-generation, with nothing to offer.
        assert_eq!(offered("110105490230002"), None);
        assert_eq!(derive_from_first_generation("340524800101001").as_deref(), Some("34052419800101001X"));
        assert_eq!(parse_id("11010549123100X", today()), Err(IdProblem::Length));
    }

    #[test]
    fn phones() {
        assert_eq!(parse_phone("138 1234 5678").as_deref(), Some("13812345678"));
        assert_eq!(parse_phone("+86 199-0000-1111").as_deref(), Some("19900001111"));
        for bad in ["12812345678", "1381234567", "138123456789", "1381234567a", ""] {
            assert_eq!(parse_phone(bad), None, "{bad}");
        }
    }

    #[test]
    fn masking() {
        assert_eq!(mask_id("32012419880824005X"), "3201**********005X");
        assert_eq!(mask_phone("13812341234"), "138****1234");
        assert_eq!(mask_phone("123"), "***");
    }

    #[test]
    fn ages_and_drafts() {
        let b = NaiveDate::from_ymd_opt(1946, 11, 23).unwrap();
        assert_eq!(age_on(b, today()), 79);
        assert_eq!(age_on(b, today().succ_opt().unwrap()), 80);
        let d = ResidentDraft { name: "  ".into(), id_number: "123".into(), phone: "12".into(), ..Default::default() };
        let e = d.validate(today()).unwrap_err();
        assert_eq!(e, vec![ResidentProblem::EmptyName, ResidentProblem::Id(IdProblem::Length), ResidentProblem::Phone]);
    }
}
