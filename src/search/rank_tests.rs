//! The scorer's shortcuts checked against the matcher itself, and the syllable rule.

use super::*;

/// Names the index tests use too.
pub(in crate::search) const DOCS: &[&str] = &[
    "人民调解申请",
    "银行卡变更",
    "重阳节敬老活动",
    "城乡居民参保登记",
    "医疗保险报销",
    "养老保险待遇",
    "高龄津贴申领",
];

#[test]
fn full_pinyin_matches_the_starts_of_syllables_in_order() {
    let counts = [5, 3, 4];
    for q in ["zhangxiuying", "zhangx", "zxy", "xiuy", "zhy", "zhangying", "zh", "ying", "zhaxiu"] {
        assert!(by_syllables("zhangxiuying", &counts, q), "{q}");
    }
    for q in ["angx", "gxiu", "zhangm", "zhangxiuyingg", "hang", "yingxiu"] {
        assert!(!by_syllables("zhangxiuying", &counts, q), "{q}");
    }
    // wan·xiao·li and wu·an both begin `wan`; wu·hao·ning does not.
    assert!(by_syllables("wanxiaoli", &[3, 4, 2], "wan"));
    assert!(by_syllables("wuan", &[2, 2], "wan"));
    assert!(!by_syllables("wuhaoning", &[2, 3, 4], "wan"));
    // Counts that do not fit the text (a damaged file) refuse nothing.
    assert!(by_syllables("wuhaoning", &[2, 3], "wan"));
    assert!(by_syllables("wuhaoning", &[2, 3, 9], "wan"));
    // A character without a reading stays as it is, counted as one character, not bytes.
    assert!(by_syllables("aye·bo", &[3, 1, 2], "ab"));
    assert!(by_syllables("aye·bo", &[3, 1, 2], "bo"));
    assert!(!by_syllables("aye·bo", &[3, 1, 2], "ob"));
    assert!(!by_syllables("aye·bo", &[3, 1, 2], "eb"));
    assert!(by_syllables("aye·bo", &[3, 1, 5], "eb"));
}

#[test]
fn no_spelling_scores_more_than_the_query_against_itself() {
    // What lets `score` skip the spellings that weigh less than the best found.
    let matcher = SkimMatcherV2::default().ignore_case();
    let mut rng = 11u64;
    let mut next = |n: usize| {
        rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (rng >> 33) as usize % n
    };
    let alphabet: Vec<char> = "abwzgx-_ 019.A王燕欣区".chars().collect();
    for _ in 0..100_000 {
        let text: String = (0..next(14) + 1).map(|_| alphabet[next(alphabet.len())]).collect();
        let q: String = (0..next(5) + 1).map(|_| alphabet[next(alphabet.len())]).collect::<String>().to_lowercase();
        if let (Some(s), Some(p)) = (matcher.fuzzy_match(&text, &q), matcher.fuzzy_match(&q, &q)) {
            assert!(s <= p, "{text:?} / {q:?}: {s} > {p}");
        }
    }
}

/// Spellings to check the matcher's shortcuts against: pinyin syllables run together, and
/// letters from small alphabets (which repeat, the case the shortcuts must refuse).
fn spellings(n: usize) -> Vec<String> {
    const SYLLABLES: &[&str] = &[
        "zhang", "wang", "li", "liu", "chen", "yang", "huang", "zhao", "wu", "xu", "hu", "gao", "xiu", "ying", "hua",
        "na", "an", "nan", "gang", "ge", "e", "ai", "cheng", "xiao", "yan", "wei", "guang", "jia",
    ];
    let mut rng = 5u64;
    let mut next = |k: usize| {
        rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (rng >> 33) as usize % k
    };
    (0..n)
        .map(|i| match i % 3 {
            0 => (0..next(4) + 1).map(|_| SYLLABLES[next(SYLLABLES.len())]).collect(),
            1 => (0..next(14) + 1).map(|_| b"abnxyzgh"[next(8)] as char).collect(),
            _ => (0..next(20) + 1).map(|_| b"ahgn"[next(4)] as char).collect(),
        })
        .collect()
}

fn doubled(q: &str) -> bool {
    q.as_bytes().windows(2).any(|w| w[0] == w[1])
}

#[test]
fn letters_at_the_start_score_as_themselves_unless_one_is_doubled() {
    // What `prefix_score` relies on, when no letter follows itself: yyyyhn / yyyy scores 91
    // where yyyy itself scores 103, and nnhhg / nnh 71.
    let matcher = SkimMatcherV2::default().ignore_case();
    let mut checked = 0;
    for text in spellings(60_000) {
        for n in 1..=text.len().min(12) {
            let q = &text[..n];
            if doubled(q) {
                continue;
            }
            checked += 1;
            assert_eq!(matcher.fuzzy_match(&text, q), matcher.fuzzy_match(q, q), "{text} / {q}");
        }
    }
    assert!(checked > 200_000, "{checked}");
    assert_ne!(matcher.fuzzy_match("yyyyhn", "yyyy"), matcher.fuzzy_match("yyyy", "yyyy"));
    for (text, q) in [("wangxiuying", "wa"), ("zhangsan", "zha"), ("chenxiuying", "chen"), ("liuyan", "liuyan")] {
        assert_eq!(matcher.fuzzy_match(text, q), matcher.fuzzy_match(q, q));
    }
}

#[test]
fn letters_found_whole_inside_score_as_after_any_other_letter() {
    // What `inside_score` relies on: with no bonus of the start to take (the spelling does
    // not begin with the query's first letter), the whole run is the best alignment.
    let matcher = SkimMatcherV2::default().ignore_case();
    let mut checked = 0;
    for text in spellings(60_000) {
        for at in 1..text.len() {
            for n in 2..=(text.len() - at).min(8) {
                let q = &text[at..at + n];
                if doubled(q) || text.as_bytes()[0] == q.as_bytes()[0] {
                    continue;
                }
                checked += 1;
                let other = if q.starts_with('x') { "y" } else { "x" };
                let after = matcher.fuzzy_match(&format!("{other}{q}"), q);
                assert_eq!(matcher.fuzzy_match(&text, q), after, "{text} / {q}");
            }
        }
    }
    assert!(checked > 200_000, "{checked}");
    // Beginning with the query's first letter, a spelling may score more (the bonus of the
    // start, for letters scattered from there), which is why those are scored in full.
    assert_eq!(matcher.fuzzy_match("wuanwang", "wang"), Some(80));
    assert_eq!(matcher.fuzzy_match("xwang", "wang"), Some(75));
}

#[test]
fn one_character_scores_are_the_matchers_own() {
    let matcher = SkimMatcherV2::default().ignore_case();
    let mut texts: Vec<String> = DOCS.iter().map(|d| d.to_string()).collect();
    texts.extend(["sb-014", "wangxiuying", "wxy", "a_b-c d.e", "zhangzhang", "ab1b2b", "xflxq", "w"].map(String::from));
    let mut rng = 7u64;
    for _ in 0..300 {
        let t: String = (0..rng % 12 + 1)
            .map(|_| {
                rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                b"abwz-_ 019.x"[(rng >> 33) as usize % 12] as char
            })
            .collect();
        texts.push(t);
    }
    for t in &texts {
        for c in t.chars().chain(['w', '王', '-']) {
            let q = c.to_string();
            let mut single = Single::new(c, &q, &matcher);
            assert_eq!(single.score(t), matcher.fuzzy_match(t, &q), "{t:?} / {q:?}");
        }
    }
}
