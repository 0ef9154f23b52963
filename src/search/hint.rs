//! What one keystroke keeps of a document whose full pinyin began with its query, so that the
//! next letter or two score that document without reading any of its spellings.

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
    /// The hint a match leaves for the next keystroke: what follows the query in its full
    /// pinyin (none unless that was its best spelling, begun by the query) and its name's length.
    pub(super) fn new(next: Next, name_chars: u32) -> Hint {
        match u8::try_from(name_chars) {
            Ok(name_chars) => Hint { next, name_chars },
            Err(_) => Hint::default(),
        }
    }

    /// True when the query, `added` longer than the one that left the hint, begins the full
    /// pinyin too.
    pub(super) fn holds(&self, added: &[u8]) -> bool {
        usize::from(self.next.left) >= added.len() && self.next.letters.get(..added.len()) == Some(added)
    }

    /// For that query (see [`holds`](Self::holds)): what follows it in the full pinyin, and
    /// whether it is the whole of it.
    pub(super) fn after(&self, added: &[u8]) -> (Next, bool) {
        let left = self.next.left - added.len() as u8;
        let next = match self.next.letters[1] {
            b if b != 0 && added.len() == 1 => Next { letters: [b, 0], left },
            _ => Next::default(),
        };
        (next, left == 0)
    }

    /// Characters in the name.
    pub(super) fn name_chars(&self) -> u32 {
        self.name_chars.into()
    }
}
