//! `domain/` and `search/` stay pure: no UI, SQL or async crate is imported there.

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn offenders(layer: &str, banned: &[&str]) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(layer), &mut files);
    assert!(!files.is_empty(), "no sources under src/{layer}");
    let mut bad = Vec::new();
    for f in files {
        let src = std::fs::read_to_string(&f).unwrap();
        for (n, line) in src.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for crate_name in banned {
                if code.contains(&format!("{crate_name}::"))
                    || code.trim_start().starts_with(&format!("use {crate_name}"))
                {
                    bad.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
                }
            }
        }
    }
    bad
}

#[test]
fn domain_and_search_import_no_ui_sql_or_async() {
    for layer in ["domain", "search"] {
        let bad = offenders(layer, &["ratatui", "crossterm", "rusqlite", "tokio"]);
        assert!(bad.is_empty(), "{layer} reaches into another layer:\n{}", bad.join("\n"));
    }
}

#[test]
fn only_storage_speaks_sql_and_only_runtime_owns_tokio() {
    for layer in ["domain", "search", "app", "ui", "keymap", "i18n"] {
        let bad = offenders(layer, &["rusqlite", "tokio"]);
        assert!(bad.is_empty(), "{layer}:\n{}", bad.join("\n"));
    }
}

#[test]
fn the_check_itself_catches_an_import() {
    // Guard against a scanner that can never fail: the storage layer does import rusqlite.
    assert!(!offenders("storage", &["rusqlite"]).is_empty());
}
