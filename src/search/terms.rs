//! A query as words: split at spaces, and a word mixing hanzi with pinyin read as pinyin.

use super::pinyin::readings;
use crate::domain::text;

/// Lowercases and strips spaces and unsafe characters from what was typed; full-width letters
/// and digits (an input method left in full-width mode: ００４３, ｌｙ) become ASCII.
pub fn normalize_query(q: &str) -> String {
    text::sanitize(q)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The words of what was typed, each normalised; spaces only separate them.
pub(super) fn terms(query: &str) -> Vec<String> {
    query.split_whitespace().map(normalize_query).filter(|t| !t.is_empty()).collect()
}

/// True when a word holds both hanzi and latin letters (`社保ka`: the input method was not
/// switched back half way).
pub(super) fn is_mixed(term: &str) -> bool {
    term.chars().any(|c| c.is_ascii_alphabetic()) && !term.is_ascii()
}

/// A mixed word three ways: its hanzi alone (which a match must hold), and spelled all in
/// pinyin, the hanzi in full (`社保ka` → shebaoka) and by initials (`白cf` → bcf).
pub(super) fn spelled(term: &str) -> (String, String, String) {
    let (mut hanzi, mut full, mut initials) = (String::new(), String::new(), String::new());
    for c in term.chars() {
        if c.is_ascii() {
            full.push(c);
            initials.push(c);
            continue;
        }
        hanzi.push(c);
        let r = readings(c.encode_utf8(&mut [0; 4]), false);
        let syllable = &r.per_char[0][0];
        full.push_str(syllable);
        initials.extend(syllable.chars().next());
    }
    (hanzi, full, initials)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_split_at_spaces_and_normalised() {
        assert_eq!(terms("  Wang  ｘｉｕ 英 "), ["wang", "xiu", "英"]);
        assert!(terms("   ").is_empty());
    }

    #[test]
    fn a_mixed_word_is_spelled_in_pinyin() {
        assert!(is_mixed("社保ka") && !is_mixed("社保卡") && !is_mixed("sbk"));
        assert_eq!(spelled("社保ka"), ("社保".into(), "shebaoka".into(), "sbka".into()));
        assert_eq!(spelled("白cf"), ("白".into(), "baicf".into(), "bcf".into()));
    }
}
