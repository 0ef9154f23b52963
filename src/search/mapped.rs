//! Arrays read straight from bytes that every session maps read-only from one file (the
//! operating system keeps one copy of its pages for all the processes that map it, and a fresh
//! process answers without building anything). The file itself is opened, mapped and written by
//! `runtime::shared_file`; this is its layout: a table of sections, each aligned, checked when
//! read (magic, sizes, every offset) so that a damaged file is refused (and rebuilt by the
//! caller) rather than read out of bounds.

use std::sync::Arc;

/// Bytes that stay put for as long as they are held (a read-only file mapping).
pub trait Bytes: Send + Sync + 'static {
    /// The bytes.
    fn bytes(&self) -> &[u8];
}

impl Bytes for Vec<u8> {
    fn bytes(&self) -> &[u8] {
        self
    }
}

/// Types whose every bit pattern is a valid value and which hold no pointers: they can be
/// read straight from a mapped file.
///
/// # Safety
/// Implement only for `#[repr(C)]` types made of integers, with no padding bytes.
pub unsafe trait Plain: Copy + 'static {}

unsafe impl Plain for u8 {}
unsafe impl Plain for u32 {}
unsafe impl Plain for u64 {}

/// An array held in memory or in a mapped file.
#[derive(Clone)]
pub enum Slab<T: Plain> {
    /// Built in this process.
    Owned(Vec<T>),
    /// Part of a mapped file (checked for size and alignment when made).
    Mapped {
        /// The file, kept alive while the array is.
        map: Arc<dyn Bytes>,
        /// The first element, inside `map` (found once: the scan reads millions per keystroke).
        ptr: Pointer<T>,
        /// Number of elements.
        len: usize,
    },
}

/// A pointer into a mapped file that never changes and is only read.
#[derive(Clone, Copy)]
pub struct Pointer<T>(*const T);

// SAFETY: it points into bytes held by an `Arc<dyn Bytes>` (Send + Sync) beside it, never
// written while mapped: sharing or sending it is sharing that read-only memory.
unsafe impl<T> Send for Pointer<T> {}
// SAFETY: as above.
unsafe impl<T> Sync for Pointer<T> {}

impl<T: Plain> Default for Slab<T> {
    fn default() -> Self {
        Slab::Owned(Vec::new())
    }
}

impl<T: Plain + std::fmt::Debug> std::fmt::Debug for Slab<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Slab::Owned(v) => write!(f, "Owned({})", v.len()),
            Slab::Mapped { len, .. } => write!(f, "Mapped({len})"),
        }
    }
}

impl<T: Plain> std::ops::Deref for Slab<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        match self {
            Slab::Owned(v) => v,
            // SAFETY: `section` checked that the `len` elements from `ptr` lie inside the map
            // and that `ptr` is aligned for `T`; `T: Plain` makes any bytes a valid `T`; the map
            // is read-only and lives as long as `self`.
            Slab::Mapped { ptr, len, .. } => unsafe { std::slice::from_raw_parts(ptr.0, *len) },
        }
    }
}

impl<T: Plain> Slab<T> {
    /// The array to build on. A mapped array is copied first (indexes are built in memory
    /// and only then written out; nothing appends to a mapped one).
    pub fn vec(&mut self) -> &mut Vec<T> {
        if let Slab::Mapped { .. } = self {
            *self = Slab::Owned(self.to_vec());
        }
        match self {
            Slab::Owned(v) => v,
            Slab::Mapped { .. } => unreachable!("made owned above"),
        }
    }

    /// The bytes of the array, as written to a file.
    pub fn bytes(&self) -> &[u8] {
        let s: &[T] = self;
        // SAFETY: `T: Plain` has no padding, so all its bytes are initialised.
        unsafe { std::slice::from_raw_parts(s.as_ptr().cast(), std::mem::size_of_val(s)) }
    }
}

/// First bytes of the file, with its format version.
const MAGIC: &[u8; 8] = b"YCSHARE2";
/// Sections start at multiples of this (the widest element is 8 bytes).
const ALIGN: usize = 8;

/// Why a mapped file was refused (the caller rebuilds it).
#[derive(Debug, thiserror::Error)]
pub enum MapError {
    /// Could not be opened or mapped.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// Not a file of this format, or cut short, or with offsets outside it.
    #[error("damaged or foreign file: {0}")]
    Damaged(&'static str),
}

/// A file of sections, as mapped.
pub struct Mapped {
    map: Arc<dyn Bytes>,
    /// Byte range of each section.
    sections: Vec<(usize, usize)>,
}

impl Mapped {
    /// Reads the table of sections of `map`, checking that each lies inside it.
    pub fn parse(map: Arc<dyn Bytes>) -> Result<Mapped, MapError> {
        let all = map.bytes();
        let word = |at: usize| -> Result<u64, MapError> {
            all.get(at..at + 8)
                .map(|b| u64::from_le_bytes(b.try_into().unwrap_or_default()))
                .ok_or(MapError::Damaged("cut short"))
        };
        if all.get(..8) != Some(&MAGIC[..]) {
            return Err(MapError::Damaged("not a shared search file"));
        }
        let count = word(8)? as usize;
        if count > 64 {
            return Err(MapError::Damaged("section table"));
        }
        let mut sections = Vec::with_capacity(count);
        for i in 0..count {
            let (at, len) = (word(16 + 16 * i)? as usize, word(24 + 16 * i)? as usize);
            if !at.is_multiple_of(ALIGN) || at.checked_add(len).is_none_or(|end| end > all.len()) {
                return Err(MapError::Damaged("section outside the file"));
            }
            sections.push((at, len));
        }
        Ok(Mapped { map, sections })
    }

    /// Number of sections.
    pub fn len(&self) -> usize {
        self.sections.len()
    }

    /// True when the file has no sections.
    pub fn is_empty(&self) -> bool {
        self.sections.is_empty()
    }

    /// Section `i` as an array of `T`.
    pub fn section<T: Plain>(&self, i: usize) -> Result<Slab<T>, MapError> {
        let &(at, bytes) = self.sections.get(i).ok_or(MapError::Damaged("missing section"))?;
        let size = std::mem::size_of::<T>();
        let start = self.map.bytes().as_ptr() as usize + at;
        if !bytes.is_multiple_of(size) || !start.is_multiple_of(std::mem::align_of::<T>()) {
            return Err(MapError::Damaged("section size"));
        }
        // SAFETY: `at + bytes` was checked to lie inside the map when the table was read.
        let ptr = Pointer(unsafe { self.map.bytes().as_ptr().add(at) }.cast());
        Ok(Slab::Mapped { map: self.map.clone(), ptr, len: bytes / size })
    }

    /// Section `i` as raw bytes.
    pub fn bytes(&self, i: usize) -> Result<&[u8], MapError> {
        let &(at, len) = self.sections.get(i).ok_or(MapError::Damaged("missing section"))?;
        Ok(&self.map.bytes()[at..at + len])
    }
}

/// The pieces of a file holding `sections`, in order: the table, then each section followed by
/// its padding (write them one after another).
pub fn layout<'a>(sections: &[&'a [u8]]) -> Vec<std::borrow::Cow<'a, [u8]>> {
    let table = 16 + 16 * sections.len();
    let mut at = table.next_multiple_of(ALIGN);
    let mut head = Vec::with_capacity(at);
    head.extend_from_slice(MAGIC);
    head.extend_from_slice(&(sections.len() as u64).to_le_bytes());
    for s in sections {
        head.extend_from_slice(&(at as u64).to_le_bytes());
        head.extend_from_slice(&(s.len() as u64).to_le_bytes());
        at = (at + s.len()).next_multiple_of(ALIGN);
    }
    head.resize(table.next_multiple_of(ALIGN), 0);
    let mut out = vec![std::borrow::Cow::Owned(head)];
    for s in sections {
        out.push(std::borrow::Cow::Borrowed(*s));
        out.push(std::borrow::Cow::Owned(vec![0; s.len().next_multiple_of(ALIGN) - s.len()]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(sections: &[&[u8]]) -> Vec<u8> {
        layout(sections).concat()
    }

    #[test]
    fn sections_come_back_as_written_and_damage_is_refused() {
        let words: Vec<u64> = vec![1, 2, u64::MAX];
        let text = "王秀英wangxiuying";
        let w = Slab::Owned(words.clone());
        let bytes = file(&[text.as_bytes(), w.bytes(), &[]]);
        let m = Mapped::parse(Arc::new(bytes.clone())).unwrap();
        assert_eq!(m.len(), 3);
        assert_eq!(m.bytes(0).unwrap(), text.as_bytes());
        assert_eq!(&*m.section::<u64>(1).unwrap(), &words[..]);
        assert!(m.bytes(2).unwrap().is_empty());
        assert!(m.section::<u64>(0).is_err(), "19 bytes are not u64s");
        assert!(m.bytes(3).is_err());
        // A file cut short, or of another kind, is refused, never read past its end.
        let cut = bytes[..bytes.len() - 9].to_vec();
        assert!(matches!(Mapped::parse(Arc::new(cut)), Err(MapError::Damaged(_))));
        assert!(matches!(Mapped::parse(Arc::new(b"SQLite format 3\0".to_vec())), Err(MapError::Damaged(_))));
    }
}
