//! OpenSSH public keys of the service-account deployment and the block of `authorized_keys`
//! lines the desk writes: parsing, fingerprints, forced commands. Pure: the file itself is
//! read and replaced elsewhere.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use sha2::{Digest, Sha256};

/// Key types OpenSSH accepts in `authorized_keys`.
pub const KEY_TYPES: [&str; 8] = [
    "ssh-ed25519",
    "ssh-rsa",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "sk-ssh-ed25519@openssh.com",
    "sk-ecdsa-sha2-nistp256@openssh.com",
    "ssh-dss",
];

/// First line of the block the desk manages; everything outside it is left as written.
pub const BEGIN: &str = "# >>> yichuang keys: written by `yichuang keys`, do not edit between these lines";
/// Last line of the block.
pub const END: &str = "# <<< yichuang keys";

/// Why a text is not one OpenSSH public key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// Nothing but blank lines and comments.
    #[error("no key in the text")]
    Empty,
    /// A private key was given: it must never leave its owner's machine.
    #[error("this is a private key")]
    Private,
    /// The RFC 4716 / PuTTY export format.
    #[error("not in OpenSSH format (RFC 4716 or PuTTY)")]
    OtherFormat,
    /// More than one key: one call, one key.
    #[error("{0} keys in one file")]
    Several(usize),
    /// A line with options in front (`from=…`, `command=…`): the desk writes its own.
    #[error("options before the key")]
    Options,
    /// Not a key type OpenSSH knows.
    #[error("unknown key type {0}")]
    UnknownType(String),
    /// The key data is missing or not base64.
    #[error("key data is not base64")]
    BadData,
    /// The key data names another type than the line does, or is cut short.
    #[error("key data does not match its type {0}")]
    Mismatch(String),
}

/// One public key as `ssh-keygen` writes it: type, key data, comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicKey {
    /// `ssh-ed25519`, `ssh-rsa` …
    pub kind: String,
    /// The key data (the decoded second field).
    pub blob: Vec<u8>,
    /// The comment (usually `user@host`), cleaned of anything odd; may be empty.
    pub comment: String,
}

impl PublicKey {
    /// Parses the contents of a `.pub` file: exactly one key, blank lines and `#` comments allowed.
    pub fn parse(text: &str) -> Result<PublicKey, KeyError> {
        if text.contains("PRIVATE KEY") {
            return Err(KeyError::Private);
        }
        if text.contains("BEGIN SSH2 PUBLIC KEY") || text.starts_with("PuTTY") {
            return Err(KeyError::OtherFormat);
        }
        let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
        match lines.as_slice() {
            [] => Err(KeyError::Empty),
            [one] => parse_line(one),
            many => Err(KeyError::Several(many.len())),
        }
    }

    /// The key data in base64, as it stands in `authorized_keys`.
    pub fn data(&self) -> String {
        STANDARD.encode(&self.blob)
    }

    /// `SHA256:…`, exactly as `ssh-keygen -l` prints it, so an admin can compare.
    pub fn fingerprint(&self) -> String {
        fingerprint(&self.blob)
    }
}

/// `SHA256:` and the unpadded base64 of the key data's SHA-256.
pub fn fingerprint(blob: &[u8]) -> String {
    format!("SHA256:{}", STANDARD_NO_PAD.encode(Sha256::digest(blob)))
}

fn parse_line(line: &str) -> Result<PublicKey, KeyError> {
    let mut fields = line.split_ascii_whitespace();
    let kind = fields.next().unwrap_or_default();
    if !KEY_TYPES.contains(&kind) {
        // `from="…",command="…" ssh-ed25519 …`: options come first.
        if fields.any(|f| KEY_TYPES.contains(&f)) {
            return Err(KeyError::Options);
        }
        return Err(KeyError::UnknownType(crate::domain::text::clean_field(kind, 40).0));
    }
    let data = fields.next().ok_or(KeyError::BadData)?;
    let blob = STANDARD.decode(data).map_err(|_| KeyError::BadData)?;
    // The data starts with its own type as an SSH string: a 4-byte length, then the name.
    let named = blob
        .get(..4)
        .map(|n| u32::from_be_bytes([n[0], n[1], n[2], n[3]]) as usize)
        .and_then(|n| blob.get(4..4 + n))
        .map(|t| t == kind.as_bytes())
        .unwrap_or(false);
    if !named || blob.len() < 4 + kind.len() + 16 {
        return Err(KeyError::Mismatch(kind.to_string()));
    }
    let comment: String = fields
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '@' | '.' | '_' | '-' | ' ' | ':'))
        .take(60)
        .collect();
    Ok(PublicKey { kind: kind.to_string(), blob, comment: comment.trim().to_string() })
}

/// A key of the desk: whose it is and how it goes into `authorized_keys`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SshKey {
    /// Row id; the forced command names it, so a revoked key stops at once.
    pub id: i64,
    /// The operator it signs in as.
    pub login: String,
    /// Key type.
    pub kind: String,
    /// Key data, base64.
    pub data: String,
    /// `SHA256:…`.
    pub fingerprint: String,
    /// The comment of the `.pub` file.
    pub comment: String,
    /// When it was added.
    pub added_at: String,
    /// Who added it.
    pub added_by: String,
}

/// Why the program or database path cannot go into a forced command.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("path {0} has a quote, backslash or control character")]
pub struct UnsafePath(pub String);

/// The command sshd runs for a key, whatever the client asked: the desk as that person.
/// Paths are single-quoted for the account's shell; quotes and backslashes are refused.
pub fn forced_command(exe: &str, db: &str, key: &SshKey) -> Result<String, UnsafePath> {
    for p in [exe, db] {
        if p.chars().any(|c| matches!(c, '\'' | '"' | '\\') || c.is_control()) {
            return Err(UnsafePath(crate::domain::text::sanitize(p)));
        }
    }
    Ok(format!("'{exe}' --db '{db}' ssh {} --key {}", key.login, key.id))
}

/// One line of the block: forced command, `restrict` (no forwarding, no agent, no X11, no
/// user rc) with a terminal allowed back, the key, and a comment naming login and key id.
pub fn authorized_line(exe: &str, db: &str, key: &SshKey) -> Result<String, UnsafePath> {
    Ok(format!(
        "command=\"{}\",restrict,pty {} {} yichuang:{}#{}",
        forced_command(exe, db, key)?,
        key.kind,
        key.data,
        key.login,
        key.id
    ))
}

/// Why an `authorized_keys` file cannot be edited safely.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BlockError {
    /// A begin marker without its end, an end without a begin, or two blocks.
    #[error("the yichuang block of the file is broken (line {0})")]
    Broken(usize),
}

/// `existing` with the desk's block replaced by `lines` (appended when there is none); every
/// line outside the block stays exactly as it was.
pub fn replace_block(existing: &str, lines: &[String]) -> Result<String, BlockError> {
    let mut out = String::with_capacity(existing.len() + lines.len() * 200);
    let mut inside = false;
    let mut done = false;
    let block = |out: &mut String| {
        out.push_str(BEGIN);
        out.push('\n');
        for l in lines {
            out.push_str(l);
            out.push('\n');
        }
        out.push_str(END);
        out.push('\n');
    };
    for (i, line) in existing.lines().enumerate() {
        match (line.trim_end() == BEGIN, line.trim_end() == END, inside) {
            (true, _, _) if inside || done => return Err(BlockError::Broken(i + 1)),
            (true, _, _) => inside = true,
            (_, true, false) => return Err(BlockError::Broken(i + 1)),
            (_, true, true) => {
                inside = false;
                done = true;
                block(&mut out);
            }
            (_, _, true) => {}
            _ => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    if inside {
        return Err(BlockError::Broken(existing.lines().count()));
    }
    if !done {
        block(&mut out);
    }
    Ok(out)
}

/// The lines inside the desk's block (empty when there is none).
pub fn block_lines(existing: &str) -> Vec<&str> {
    existing.lines().skip_while(|l| l.trim_end() != BEGIN).skip(1).take_while(|l| l.trim_end() != END).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    // ssh-keygen -t ed25519 -C wang@pc1; fingerprint from `ssh-keygen -lf`.
    const ED: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAOqkR9AQlS4ExO/QQfmWfFmqtg+eeM+ZBQh0jfB0Nvf wang@pc1";

    #[test]
    fn parses_one_key_and_prints_its_fingerprint() {
        let k = PublicKey::parse(&format!("# wang\n\n{ED}\n")).unwrap();
        assert_eq!(k.kind, "ssh-ed25519");
        assert_eq!(k.comment, "wang@pc1");
        assert_eq!(k.data(), ED.split(' ').nth(1).unwrap());
        assert_eq!(k.fingerprint(), "SHA256:0wa1XFUh1CrKbgH3S+H0YaESRI4MoaMtGALi7eqtB2k");
    }

    #[test]
    fn refuses_what_is_not_one_public_key() {
        let private =
            "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----";
        assert_eq!(PublicKey::parse(private), Err(KeyError::Private));
        assert_eq!(PublicKey::parse("---- BEGIN SSH2 PUBLIC KEY ----\nAAAA\n"), Err(KeyError::OtherFormat));
        assert_eq!(PublicKey::parse("\n# only a comment\n"), Err(KeyError::Empty));
        assert_eq!(PublicKey::parse(&format!("{ED}\n{ED}")), Err(KeyError::Several(2)));
        assert_eq!(PublicKey::parse(&format!("from=\"10.0.0.1\" {ED}")), Err(KeyError::Options));
        assert!(matches!(PublicKey::parse("ssh-foo AAAA"), Err(KeyError::UnknownType(_))));
        assert_eq!(PublicKey::parse("ssh-ed25519 not*base64"), Err(KeyError::BadData));
        assert_eq!(PublicKey::parse("ssh-ed25519"), Err(KeyError::BadData));
        // Valid base64 of an RSA blob under the ed25519 name.
        let rsa = STANDARD.encode([&[0, 0, 0, 7][..], b"ssh-rsa", &[1u8; 40]].concat());
        assert_eq!(PublicKey::parse(&format!("ssh-ed25519 {rsa}")), Err(KeyError::Mismatch("ssh-ed25519".into())));
    }

    fn key(id: i64, login: &str) -> SshKey {
        SshKey {
            id,
            login: login.into(),
            kind: "ssh-ed25519".into(),
            data: "AAAA".into(),
            fingerprint: String::new(),
            comment: String::new(),
            added_at: String::new(),
            added_by: String::new(),
        }
    }

    #[test]
    fn forced_commands_quote_paths_and_refuse_quotes() {
        let line = authorized_line("/usr/local/bin/yichuang", "/srv/yichuang/data/yc.sqlite3", &key(3, "wangfang"));
        assert_eq!(
            line.unwrap(),
            "command=\"'/usr/local/bin/yichuang' --db '/srv/yichuang/data/yc.sqlite3' ssh wangfang --key 3\",\
             restrict,pty ssh-ed25519 AAAA yichuang:wangfang#3"
        );
        assert!(authorized_line("/opt/it's/yichuang", "/db", &key(1, "a")).is_err());
        assert!(authorized_line("/bin/yc", "/d\"b", &key(1, "a")).is_err());
    }

    #[test]
    fn the_block_is_replaced_and_foreign_lines_kept() {
        let hand = "# the IT person's own key\nssh-ed25519 AAAAhand it@laptop\n";
        let once = replace_block(hand, &["line-a".into()]).unwrap();
        assert_eq!(once, format!("{hand}{BEGIN}\nline-a\n{END}\n"));
        let with_tail = format!("{once}ssh-rsa AAAAtail backup@nas\n");
        let twice = replace_block(&with_tail, &["line-b".into(), "line-c".into()]).unwrap();
        assert_eq!(twice, format!("{hand}{BEGIN}\nline-b\nline-c\n{END}\nssh-rsa AAAAtail backup@nas\n"));
        assert_eq!(block_lines(&twice), vec!["line-b", "line-c"]);
        let emptied = replace_block(&twice, &[]).unwrap();
        assert_eq!(block_lines(&emptied), Vec::<&str>::new());
        assert!(emptied.starts_with(hand) && emptied.ends_with("backup@nas\n"));
    }

    #[test]
    fn a_broken_block_is_refused_not_guessed() {
        assert_eq!(replace_block(&format!("{BEGIN}\nx\n"), &[]), Err(BlockError::Broken(2)));
        assert_eq!(replace_block(&format!("a\n{END}\n"), &[]), Err(BlockError::Broken(2)));
        let two = format!("{BEGIN}\n{END}\n{BEGIN}\n{END}\n");
        assert_eq!(replace_block(&two, &[]), Err(BlockError::Broken(3)));
    }
}
