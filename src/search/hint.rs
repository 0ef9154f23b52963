//! What one keystroke keeps of a document whose full pinyin began with its query, so that the
//! next letter or two score that document without reading any of its spellings.

use super::rank::Scored;

/// The two letters that follow the query in a document's full pinyin, which begins with it,
/// and how many letters follow in all (at most 255; none when 0). Letters unknown are 0.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Next {
    letters: [u8; 2],
    left: u8,
}

impl Next {
    /// What follows the first `typed` bytes of `text` (which begins with the query typed).
    pub(super) fn after(text: &[u8], typed: usize) -> Next {
        match text.get(typed..) {
            Some(&[a, ref rest @ ..]) => {
                Next { letters: [a, rest.first().copied().unwrap_or(0)], left: (rest.len() + 1).min(255) as u8 }
            }
            _ => Next::default(),
        }
    }
}

/// What a longer query needs to score a document whose full pinyin began with the shorter one,
/// without reading the document: the letters that follow (see [`Next`]) and its name's length.
///
/// Such a document's full pinyin (its third form, weight 10) was the first of its spellings to
/// score the best any spelling can. The query one or two letters longer, when those are the
/// letters that follow, begins it too and again scores the best any can; no spelling before it
/// scores so (one that did would have for the shorter query too, and been the best then), and
/// the walk stops after it. So the document's score, form and wholeness follow from the hint.
/// At 300,000 residents most of the fourth key's matches are such (`wang` in wang·xiu·ying),
/// and scoring them this way reads none of the street's spellings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Hint {
    next: Next,
    /// Characters in the name (no hint for a name longer than 255).
    name_chars: u8,
}

impl Hint {
    /// The hint a match leaves for the next keystroke: none unless its best spelling was the
    /// full pinyin, begun by the query.
    pub(super) fn of(s: &Scored) -> Hint {
        match u8::try_from(s.name_chars) {
            Ok(name_chars) if s.form == 2 => Hint { next: s.next, name_chars },
            _ => Hint::default(),
        }
    }

    /// True when the query, `added` longer than the one that left the hint, begins the full
    /// pinyin too.
    pub(super) fn holds(&self, added: &[u8]) -> bool {
        usize::from(self.next.left) >= added.len() && self.next.letters.get(..added.len()) == Some(added)
    }

    /// Document `doc` as that query scores it (`score`: the best any spelling can, at the full
    /// pinyin's weight), with the forms a longer one may match and the hint it leaves.
    pub(super) fn answer(&self, doc: u32, added: &[u8], score: i64, forms: u16) -> Scored {
        let left = self.next.left - added.len() as u8;
        let next = match self.next.letters[1] {
            b if b != 0 && added.len() == 1 => Next { letters: [b, 0], left },
            _ => Next::default(),
        };
        Scored { doc, score, form: 2, whole: u8::from(left == 0), name_chars: self.name_chars.into(), forms, next }
    }
}
