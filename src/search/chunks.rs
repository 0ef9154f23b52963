//! Records held in shared parts: a mapped file, pages appended as they are read, and the few
//! records edited since, each kept apart so that nothing shared is ever copied to change one.

use std::collections::HashMap;
use std::sync::Arc;

/// A run of records that knows its length.
pub trait Part {
    /// Number of records.
    fn len(&self) -> usize;

    /// True when it holds none.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Records numbered from 0: parts one after another, and replacements of single records.
///
/// Cloning costs the part list and the replacement map, not the records: a ranking thread
/// works on a clone while the screen's copy takes changes.
#[derive(Debug)]
pub struct Chunks<P> {
    /// Each part with the number of its first record.
    parts: Vec<(u32, Arc<P>)>,
    len: u32,
    /// One bit per record: set when it was replaced (tested before the map is looked at).
    replaced: Vec<u64>,
    /// Each replaced record's new version (a part of one record).
    patches: HashMap<u32, Arc<P>>,
}

impl<P> Clone for Chunks<P> {
    fn clone(&self) -> Self {
        Chunks {
            parts: self.parts.clone(),
            len: self.len,
            replaced: self.replaced.clone(),
            patches: self.patches.clone(),
        }
    }
}

impl<P> Default for Chunks<P> {
    fn default() -> Self {
        Chunks { parts: Vec::new(), len: 0, replaced: Vec::new(), patches: HashMap::new() }
    }
}

impl<P: Part> Chunks<P> {
    /// Number of records.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// True when nothing is held.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Appends a part's records after the others.
    pub fn push(&mut self, part: Arc<P>) {
        let n = part.len() as u32;
        if n == 0 {
            return;
        }
        self.parts.push((self.len, part));
        self.len += n;
        self.replaced.resize((self.len as usize).div_ceil(64), 0);
    }

    /// Puts `one` (a part of one record) in place of record `i`.
    pub fn replace(&mut self, i: usize, one: Arc<P>) {
        if i < self.len() && one.len() == 1 {
            self.replaced[i / 64] |= 1 << (i % 64);
            self.patches.insert(i as u32, one);
        }
    }

    /// The part that holds record `i` now, and its place there.
    #[inline(always)]
    pub fn locate(&self, i: usize) -> (&P, usize) {
        if self.replaced[i / 64] & (1 << (i % 64)) != 0
            && let Some(p) = self.patches.get(&(i as u32))
        {
            return (p, 0);
        }
        let k = match self.parts.len() {
            1 => 0,
            _ => self.parts.partition_point(|(start, _)| *start as usize <= i) - 1,
        };
        let (start, p) = &self.parts[k];
        (p, i - *start as usize)
    }

    /// The parts as appended (replacements not applied), with the number of each's first record.
    pub fn parts(&self) -> impl Iterator<Item = (usize, &P)> {
        self.parts.iter().map(|(s, p)| (*s as usize, &**p))
    }

    /// Records replaced since the parts were appended.
    pub fn replaced(&self) -> usize {
        self.patches.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Part for Vec<char> {
        fn len(&self) -> usize {
            Vec::len(self)
        }
    }

    fn at(c: &Chunks<Vec<char>>, i: usize) -> char {
        let (p, k) = c.locate(i);
        p[k]
    }

    #[test]
    fn parts_and_replacements_read_as_one_sequence_and_clones_keep_theirs() {
        let mut c = Chunks::default();
        c.push(Arc::new("abc".chars().collect()));
        c.push(Arc::new(Vec::new()));
        c.push(Arc::new("de".chars().collect()));
        c.push(Arc::new("f".chars().collect()));
        assert_eq!((0..c.len()).map(|i| at(&c, i)).collect::<String>(), "abcdef");
        let before = c.clone();
        c.replace(3, Arc::new(vec!['D']));
        c.replace(0, Arc::new(vec!['A']));
        c.replace(9, Arc::new(vec!['Z']));
        c.replace(1, Arc::new(vec!['x', 'y']));
        assert_eq!((0..c.len()).map(|i| at(&c, i)).collect::<String>(), "AbcDef");
        assert_eq!((0..before.len()).map(|i| at(&before, i)).collect::<String>(), "abcdef");
        assert_eq!(c.replaced(), 2);
    }
}
