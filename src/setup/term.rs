//! Whether the terminal can show the desk: a full-screen program needs cursor addressing.
//! `TERM=dumb` (Emacs shells, some serial consoles, `ssh host cmd` without a terminal type)
//! would receive escape sequences it prints as garbage.

use std::path::PathBuf;

/// `Ok` when the terminal named by `TERM` can be drawn on; otherwise the `TERM` value, for
/// the message. A terminal type this machine has no description of is given the benefit of
/// the doubt (a newer emulator than the server's terminfo knows).
pub fn full_screen() -> Result<(), String> {
    let term = std::env::var("TERM").unwrap_or_default();
    if matches!(term.as_str(), "" | "dumb" | "unknown") {
        return Err(term);
    }
    match find(&term).and_then(|bytes| has_cursor_addressing(&bytes)) {
        Some(false) => Err(term),
        _ => Ok(()),
    }
}

/// The compiled terminfo entry of `term`, searched where ncurses searches.
fn find(term: &str) -> Option<Vec<u8>> {
    if term.contains('/') || term.starts_with('.') {
        return None;
    }
    let first = term.chars().next()?;
    let mut dirs: Vec<PathBuf> = Vec::new();
    if let Some(d) = std::env::var_os("TERMINFO") {
        dirs.push(d.into());
    }
    if let Some(h) = std::env::var_os("HOME") {
        dirs.push(PathBuf::from(h).join(".terminfo"));
    }
    if let Some(list) = std::env::var_os("TERMINFO_DIRS") {
        dirs.extend(std::env::split_paths(&list));
    }
    dirs.extend(["/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo"].map(PathBuf::from));
    dirs.iter().find_map(|d| {
        std::fs::read(d.join(first.to_string()).join(term))
            .or_else(|_| std::fs::read(d.join(format!("{:x}", first as u32)).join(term)))
            .ok()
    })
}

/// Whether a compiled terminfo entry has `cup` (cursor_address, string capability 10); `None`
/// when the bytes are not a terminfo entry.
pub fn has_cursor_addressing(b: &[u8]) -> Option<bool> {
    let short = |i: usize| b.get(i..i + 2).map(|s| i16::from_le_bytes([s[0], s[1]]));
    let number_size = match short(0)? {
        0o432 => 2,
        0o1036 => 4,
        _ => return None,
    };
    let [names, bools, numbers, strings] = [1, 2, 3, 4].map(|i| short(i * 2).map(|v| v.max(0) as usize));
    let (names, bools, numbers, strings) = (names?, bools?, numbers?, strings?);
    let mut at = 12 + names + bools;
    at += at % 2;
    at += numbers * number_size;
    const CUP: usize = 10;
    if strings <= CUP {
        return Some(false);
    }
    Some(short(at + CUP * 2)? >= 0)
}

#[cfg(test)]
mod tests {
    use super::has_cursor_addressing;

    /// A compiled entry with `strings` string capabilities, `cup` present or absent.
    fn entry(magic: i16, strings: i16, cup: bool) -> Vec<u8> {
        let names = b"t|test\0";
        let mut b = Vec::new();
        for v in [magic, names.len() as i16, 1, 1, strings, 8] {
            b.extend(v.to_le_bytes());
        }
        b.extend(names);
        b.push(1); // one boolean; 7 + 1 bytes so far: even, no padding
        b.extend(vec![0; if magic == 0o432 { 2 } else { 4 }]);
        for i in 0..strings {
            let off: i16 = if i == 10 && cup { 0 } else { -1 };
            b.extend(off.to_le_bytes());
        }
        b.extend(b"\x1b[%i\0\0\0\0");
        b
    }

    #[test]
    fn reads_cursor_addressing_from_compiled_entries() {
        assert_eq!(has_cursor_addressing(&entry(0o432, 20, true)), Some(true));
        assert_eq!(has_cursor_addressing(&entry(0o432, 20, false)), Some(false));
        assert_eq!(has_cursor_addressing(&entry(0o1036, 20, true)), Some(true));
        assert_eq!(has_cursor_addressing(&entry(0o432, 4, false)), Some(false));
        assert_eq!(has_cursor_addressing(b"not terminfo"), None);
    }

    #[test]
    fn the_systems_own_entries_agree() {
        for dir in ["/lib/terminfo", "/usr/share/terminfo"] {
            if let (Ok(xterm), Ok(dumb)) =
                (std::fs::read(format!("{dir}/x/xterm")), std::fs::read(format!("{dir}/d/dumb")))
            {
                assert_eq!(has_cursor_addressing(&xterm), Some(true));
                assert_eq!(has_cursor_addressing(&dumb), Some(false));
                return;
            }
        }
        panic!("no terminfo for xterm and dumb on this machine (Debian's ncurses-base has them)");
    }
}
