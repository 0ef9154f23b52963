//! Files and folders the desk could not use, said in terms of what would fix them.

/// A file or folder that stopped a write or a start, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileTrouble {
    /// The file or folder.
    pub path: String,
    /// What is wrong with it.
    pub problem: FileProblem,
}

/// Why a file or folder cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    /// This account may not write (or read, or enter) it; owner, group and mode as `ls -l` shows.
    Denied {
        /// Owner's login (or uid).
        owner: String,
        /// Group's name (or gid).
        group: String,
        /// Permission bits, with setgid.
        mode: u32,
        /// A folder.
        dir: bool,
    },
    /// A folder shared by a group (group-writable) without the setgid bit: what one person
    /// creates in it would belong to their own group, and the others could not write it.
    NotSetgid {
        /// The folder's group.
        group: String,
    },
    /// In a shared folder, a file the rest of the group cannot write.
    NotShared {
        /// Owner's login.
        owner: String,
        /// The file's group.
        group: String,
        /// Permission bits.
        mode: u32,
        /// The folder's group, which the file should have.
        shared_group: String,
    },
    /// What the system said, for anything else.
    Other(String),
}

/// `-rw-rw----` / `drwxrws---`, as `ls -l` prints permission bits.
pub fn mode_string(mode: u32, dir: bool) -> String {
    let mut s = String::with_capacity(10);
    s.push(if dir { 'd' } else { '-' });
    for (shift, special, lower, upper) in [(6, 0o4000, 's', 'S'), (3, 0o2000, 's', 'S'), (0, 0o1000, 't', 'T')] {
        let bits = (mode >> shift) & 0o7;
        s.push(if bits & 4 != 0 { 'r' } else { '-' });
        s.push(if bits & 2 != 0 { 'w' } else { '-' });
        s.push(match (bits & 1 != 0, mode & special != 0) {
            (true, true) => lower,
            (false, true) => upper,
            (true, false) => 'x',
            (false, false) => '-',
        });
    }
    s
}

#[cfg(test)]
mod tests {
    use super::mode_string;

    #[test]
    fn modes_read_as_ls_prints_them() {
        assert_eq!(mode_string(0o644, false), "-rw-r--r--");
        assert_eq!(mode_string(0o2770, true), "drwxrws---");
        assert_eq!(mode_string(0o2755, true), "drwxr-sr-x");
        assert_eq!(mode_string(0o2660, true), "drw-rwS---");
        assert_eq!(mode_string(0o1777, true), "drwxrwxrwt");
    }
}
