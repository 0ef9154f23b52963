//! Readings of Chinese text: every plausible pinyin of each character, best guess first.

use pinyin::{ToPinyin, ToPinyinMulti};

/// Phrases whose reading the character-by-character dictionary gets wrong or leaves ambiguous.
///
/// The pinyin crate knows no word context (银行 would read yín xíng); these put the reading of
/// the phrase first. Other readings stay indexed, so nothing becomes unfindable.
const PHRASES: &[(&str, &[&str])] = &[
    ("银行", &["yin", "hang"]),
    ("重阳", &["chong", "yang"]),
    ("重新", &["chong", "xin"]),
    ("重度", &["zhong", "du"]),
    ("参保", &["can", "bao"]),
    ("参加", &["can", "jia"]),
    ("参军", &["can", "jun"]),
    ("调解", &["tiao", "jie"]),
    ("调休", &["tiao", "xiu"]),
    ("调动", &["diao", "dong"]),
    ("行政", &["xing", "zheng"]),
    ("发行", &["fa", "xing"]),
    ("行业", &["hang", "ye"]),
    ("长护", &["chang", "hu"]),
    ("长期", &["chang", "qi"]),
    ("供养", &["gong", "yang"]),
    ("补给", &["bu", "ji"]),
    ("给付", &["ji", "fu"]),
    ("落户", &["luo", "hu"]),
    ("单元", &["dan", "yuan"]),
    ("着落", &["zhuo", "luo"]),
    ("无着", &["wu", "zhuo"]),
    ("和为贵", &["he", "wei", "gui"]),
    ("一窗", &["yi", "chuang"]),
];

/// Surnames read differently from the common reading of the same character.
const SURNAMES: &[(char, &str)] = &[
    ('曾', "zeng"),
    ('单', "shan"),
    ('解', "xie"),
    ('查', "zha"),
    ('仇', "qiu"),
    ('区', "ou"),
    ('朴', "piao"),
    ('盖', "ge"),
    ('乐', "yue"),
    ('缪', "miao"),
    ('翟', "zhai"),
    ('尉', "yu"),
    ('覃', "qin"),
    ('召', "shao"),
    ('长', "chang"),
];

/// The readings of each character of a text: for hanzi, the plain pinyin syllables (best
/// first); for anything else, the character itself, lowercased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Readings {
    /// One list per character of the source text.
    pub per_char: Vec<Vec<String>>,
}

/// Reads `text`; `is_person` puts surname readings first for the first character.
pub fn readings(text: &str, is_person: bool) -> Readings {
    let chars: Vec<char> = text.chars().collect();
    let mut per_char: Vec<Vec<String>> = chars
        .iter()
        .map(|&c| {
            let mut list: Vec<String> = Vec::new();
            if let Some(p) = c.to_pinyin() {
                list.push(typed(p.plain()));
            }
            if let Some(multi) = c.to_pinyin_multi() {
                for p in multi {
                    let s = typed(p.plain());
                    if !list.contains(&s) {
                        list.push(s);
                    }
                }
            }
            if list.is_empty() {
                list.extend(c.to_lowercase().map(|l| l.to_string()).next());
            }
            list
        })
        .collect();
    for (phrase, syllables) in PHRASES {
        let p: Vec<char> = phrase.chars().collect();
        let mut start = 0;
        while start + p.len() <= chars.len() {
            if chars[start..start + p.len()] == p[..] {
                for (k, syl) in syllables.iter().enumerate() {
                    prefer(&mut per_char[start + k], syl);
                }
                start += p.len();
            } else {
                start += 1;
            }
        }
    }
    if is_person
        && let Some(first) = chars.first()
        && let Some((_, syl)) = SURNAMES.iter().find(|(c, _)| c == first)
    {
        prefer(&mut per_char[0], syl);
    }
    Readings { per_char }
}

/// A syllable as a keyboard types it: ü has no key, and every pinyin input method takes v for
/// it (律 lv, 女 nv), so `falvyuanzhu` finds 法律援助.
fn typed(plain: &str) -> String {
    plain.replace('ü', "v")
}

fn prefer(list: &mut Vec<String>, syllable: &str) {
    list.retain(|s| s != syllable);
    list.insert(0, syllable.to_string());
}

impl Readings {
    /// Whole-text spellings: the best reading, then one alternative character at a time,
    /// at most `max` of them. Each is a list of syllables, one per source character.
    pub fn variants(&self, max: usize) -> Vec<Vec<&str>> {
        let best: Vec<&str> = self.per_char.iter().map(|l| l[0].as_str()).collect();
        let mut out = vec![best.clone()];
        'outer: for (i, list) in self.per_char.iter().enumerate() {
            for alt in list.iter().skip(1) {
                if out.len() >= max {
                    break 'outer;
                }
                let mut v = best.clone();
                v[i] = alt.as_str();
                out.push(v);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn initials(text: &str) -> Vec<String> {
        readings(text, false)
            .variants(16)
            .iter()
            .map(|v| v.iter().map(|s| s.chars().next().unwrap()).collect())
            .collect()
    }

    #[test]
    fn phrase_readings_come_first() {
        assert_eq!(initials("银行卡")[0], "yhk");
        assert_eq!(initials("重阳节")[0], "cyj");
        assert_eq!(initials("人民调解")[0], "rmtj");
        assert_eq!(initials("参保登记")[0], "cbdj");
    }

    #[test]
    fn other_readings_stay_findable() {
        // 重 is zhong in 重度 but chong in 重阳: both spellings of a lone 重 are indexed.
        let all = initials("重");
        assert!(all.contains(&"z".to_string()) && all.contains(&"c".to_string()), "{all:?}");
    }

    #[test]
    fn u_umlaut_is_typed_v() {
        assert_eq!(readings("法律", false).per_char[1][0], "lv");
        assert_eq!(readings("吕", true).per_char[0][0], "lv");
    }

    #[test]
    fn surnames_and_pass_through() {
        let r = readings("曾小明", true);
        assert_eq!(r.per_char[0][0], "zeng");
        let r = readings("80岁A", false);
        assert_eq!(r.per_char[0], vec!["8"]);
        assert_eq!(r.per_char[3], vec!["a"]);
    }
}
