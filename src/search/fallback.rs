//! What a search offers when the exact search finds nothing good: a spelling one slipped key
//! away, or the spellings that hold the most of what was typed.

use std::cmp::Ordering;

/// Queries shorter than this are not corrected, nor corrected to fewer letters than this: one
/// edit away from three letters is half the street (`oymy` is no slip for 欧阳明's oym).
pub(super) const TYPO_FROM: usize = 4;

/// Queries longer than this are not corrected nor cut into pieces (the work grows with the
/// square of the length, and nobody types a paragraph into a search box on purpose).
pub(super) const FALLBACK_UP_TO: usize = 32;

/// True when `a` and `b` differ by exactly one substitution, transposition of neighbours, or
/// missing or extra character.
pub(super) fn one_edit(a: &[u8], b: &[u8]) -> bool {
    if a.len().abs_diff(b.len()) > 1 || a == b {
        return false;
    }
    let i = a.iter().zip(b).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
    match a.len().cmp(&b.len()) {
        Ordering::Equal => {
            a[i + 1..] == b[i + 1..]
                || (i + 1 < a.len() && a[i] == b[i + 1] && a[i + 1] == b[i] && a[i + 2..] == b[i + 2..])
        }
        Ordering::Less => a[i..] == b[i + 1..],
        Ordering::Greater => a[i + 1..] == b[i..],
    }
}

/// How the letters `q` are one slip away from the beginning of the spelling `text`: `Some(true)`
/// when from all of it (`gkjt` for gljt), `Some(false)` when from a beginning (`gaozuh` for
/// gaozihan), `None` when not at all.
pub(super) fn typo(text: &str, q: &str) -> Option<bool> {
    let (t, q) = (text.as_bytes(), q.as_bytes());
    if q.len() < TYPO_FROM || t.starts_with(q) {
        return None;
    }
    [q.len(), q.len() + 1, q.len() - 1]
        .into_iter()
        .find(|&len| (TYPO_FROM..=t.len()).contains(&len) && one_edit(q, &t[..len]))
        .map(|len| len == t.len())
}

/// How much of the query the spellings hold: from the left, the longest piece of it (at least
/// `min_run` characters) found inside any one spelling, then the next piece after it; each
/// piece counts its length squared, so one long piece outweighs scattered characters
/// (`孩子上户口`: 上户口 in 出生登记's keywords counts 9, 户口 elsewhere 4); and how many of
/// the query's characters the pieces hold. `cuts` are the query's character boundaries.
pub(super) fn coverage(spellings: &[&str], q: &str, cuts: &[usize], min_run: usize) -> (u32, usize) {
    let n = cuts.len() - 1;
    let (mut i, mut total, mut held) = (0, 0u32, 0);
    while i < n {
        let run = (min_run..=n - i).rev().find(|&len| {
            let piece = &q[cuts[i]..cuts[i + len]];
            spellings.iter().any(|s| s.contains(piece))
        });
        match run {
            Some(len) => {
                total += (len * len) as u32;
                held += len;
                i += len;
            }
            None => i += 1,
        }
    }
    (total, held)
}

/// The character boundaries of `q` (for [`coverage`]).
pub(super) fn cuts(q: &str) -> Vec<usize> {
    q.char_indices().map(|(i, _)| i).chain([q.len()]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_slip_is_a_substitution_a_transposition_or_a_letter_too_many_or_few() {
        assert!(one_edit(b"gkjt", b"gljt"), "substitution");
        assert!(one_edit(b"lgjt", b"gljt"), "transposition");
        assert!(one_edit(b"gjt", b"gljt"), "missing");
        assert!(one_edit(b"glljt", b"gljt"), "extra");
        assert!(!one_edit(b"gljt", b"gljt"), "the same is no slip");
        assert!(!one_edit(b"gkkt", b"gljt"), "two slips");
        assert!(!one_edit(b"jgtl", b"gljt"));
    }

    #[test]
    fn a_typo_matches_a_whole_spelling_or_its_beginning() {
        assert_eq!(typo("gljt", "gkjt"), Some(true));
        assert_eq!(typo("gaozihan", "gaozuhan"), Some(true));
        assert_eq!(typo("gaozihan", "gaozuh"), Some(false));
        assert_eq!(typo("gaozihan", "gaozi"), None, "a beginning typed right is no typo");
        assert_eq!(typo("gljt", "gkj"), None, "three letters are not corrected");
        assert_eq!(typo("oym", "oymy"), None, "nor corrected to three");
        assert_eq!(typo("zhangsan", "gaozuhan"), None);
    }

    #[test]
    fn coverage_counts_the_longest_pieces_found() {
        let q = "孩子上户口";
        let c = cuts(q);
        assert_eq!(coverage(&["上户口", "出生登记"], q, &c, 1), (9, 3));
        assert_eq!(coverage(&["户口注销"], q, &c, 1), (4, 2));
        assert_eq!(coverage(&["孩", "户口"], q, &c, 1), (5, 3));
        assert_eq!(coverage(&["高龄津贴"], q, &c, 1), (0, 0));
        assert_eq!(coverage(&["shebaoka"], "shebaoqia", &cuts("shebaoqia"), 3), (36, 6));
    }
}
