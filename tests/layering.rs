//! DESIGN §3: a layer uses only the layers below it. Every module under `src/` belongs to a
//! layer in [`LAYERS`]; the test reads each file's `crate::`, `super::` (and, in `main.rs`,
//! `yichuang::`) paths and the outside crates it names, and fails on a path that goes up or
//! sideways, a UI, SQL or async crate outside its layer, or file and process I/O in a layer
//! that turns values into values. Today's breaches are listed in [`KNOWN`]; that list may only
//! shrink: a breach not on it fails, and so does an entry nothing needs any more.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The layers, lowest first: (name, rank, what belongs to it under `src/`: folders or single
/// files). A layer may use its own modules and any layer of lower rank; layers of the same rank
/// are peers and stay apart. Entries that do not exist (yet, or any more) are skipped with a note,
/// so that modules can move between folders without editing the test first.
const LAYERS: &[(&str, u8, &[&str])] = &[
    ("domain", 0, &["domain"]),
    ("model", 1, &["model"]),
    ("search", 2, &["search"]),
    ("storage", 2, &["storage"]),
    ("keymap", 3, &["keymap", "action.rs"]),
    ("app", 4, &["app"]),
    ("i18n", 5, &["i18n"]),
    ("ui", 6, &["ui"]),
    ("export", 7, &["export"]),
    ("setup", 7, &["setup"]),
    ("sample", 8, &["sample"]),
    ("runtime", 9, &["runtime"]),
    ("cli", 10, &["cli", "main.rs"]),
];

/// Files under `src/` that belong to no layer: the library's list of modules.
const OUTSIDE: &[&str] = &["lib.rs"];

/// Lower layers that a layer still may not use: `app` has no SQL and `ui` never queries, so
/// neither they nor `i18n` (words for typed values) reach into `storage`; the read models and
/// typed errors they need live below it.
const FORBIDDEN: &[(&str, &str)] = &[("app", "storage"), ("ui", "storage"), ("i18n", "storage")];

/// Outside crates and the layers that may name them. `crossterm` comes through `ratatui`.
const CRATES: &[(&str, &[&str])] = &[
    ("ratatui", &["ui", "runtime"]),
    ("crossterm", &["ui", "runtime"]),
    ("rusqlite", &["storage"]),
    ("tokio", &["runtime"]),
];

/// Layers that only turn values into values: no files, processes or sockets.
const NO_IO: &[&str] = &["domain", "search", "app", "i18n", "ui"];

/// The std modules that do I/O on files, processes and the network.
const IO: &[&str] = &["fs", "process", "net"];

/// Today's breaches, each (from layer, to layer or crate, lines at most, why it is still here).
/// Lower a ceiling when a breach shrinks; delete the entry when it is gone (the test says so).
const KNOWN: &[(&str, &str, usize, &str)] = &[];

/// One place where a file names another layer or an outside crate.
#[derive(Debug, Clone)]
struct Use {
    /// The layer or crate named (`std::fs` for I/O).
    target: String,
    line: usize,
    text: String,
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(p: &Path, out: &mut Vec<PathBuf>) {
    if p.is_file() {
        out.push(p.to_path_buf());
        return;
    }
    for e in std::fs::read_dir(p).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() || p.extension().is_some_and(|x| x == "rs") {
            rust_files(&p, out);
        }
    }
}

/// The module path of a file under `src/` (`src/app/mod.rs` → `app`, `src/demo.rs` → `demo`).
fn module_path(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel.iter().map(|c| c.to_string_lossy().into_owned()).collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.trim_end_matches(".rs");
    if !matches!(stem, "mod" | "lib" | "main") {
        parts.push(stem.to_string());
    }
    parts
}

/// The source with comments blanked out, line breaks kept (so offsets still give lines).
fn code_only(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let mut chars = src.chars().peekable();
    let (mut line_comment, mut block, mut string) = (false, 0usize, false);
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        if line_comment {
            if c == '\n' {
                line_comment = false;
                out.push('\n');
            }
        } else if block > 0 {
            if c == '*' && next == Some('/') {
                chars.next();
                block -= 1;
            } else if c == '\n' {
                out.push('\n');
            }
        } else if string {
            // Text in strings is kept (it is blank to the scanner only if it is a comment).
            out.push(c);
            if c == '\\' {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            } else if c == '"' {
                string = false;
            }
        } else if c == '/' && next == Some('/') {
            line_comment = true;
        } else if c == '/' && next == Some('*') {
            chars.next();
            block += 1;
        } else {
            string = c == '"';
            out.push(c);
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The first path segment of each item of a `{a::b, c}` group starting at `s[0] == '{'`.
fn group_heads(s: &str) -> Vec<String> {
    let (mut depth, mut heads, mut item) = (0, Vec::new(), String::new());
    for c in s.chars() {
        match c {
            '{' => {
                depth += 1;
                if depth == 1 {
                    continue;
                }
            }
            '}' => {
                depth -= 1;
                if depth == 0 {
                    heads.push(std::mem::take(&mut item));
                    break;
                }
            }
            ',' if depth == 1 => {
                heads.push(std::mem::take(&mut item));
                continue;
            }
            _ => {}
        }
        item.push(c);
    }
    heads
        .iter()
        .map(|i| i.trim().split("::").next().unwrap_or("").trim().to_string())
        .filter(|h| !h.is_empty())
        .collect()
}

/// The names right after `prefix` (one, or each of a `{…}` group), at every place `prefix`
/// starts a path (not in the middle of a longer name), with their byte offsets.
fn after(code: &str, prefix: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = code[from..].find(prefix) {
        let at = from + i;
        from = at + prefix.len();
        if code[..at].chars().next_back().is_some_and(|c| is_ident(c) || c == ':') {
            continue;
        }
        let rest = &code[at + prefix.len()..];
        if rest.starts_with('{') {
            out.extend(group_heads(rest).into_iter().map(|h| (at, h)));
        } else {
            let name: String = rest.chars().take_while(|&c| is_ident(c)).collect();
            out.push((at, name));
        }
    }
    out
}

/// Every use of another module of the crate, outside crate, or I/O module in one file.
fn uses_in(rel: &Path, src: &str) -> Vec<Use> {
    let code = code_only(src);
    let line_of = |at: usize| code[..at].matches('\n').count() + 1;
    let text_of = |line: usize| src.lines().nth(line - 1).unwrap_or("").trim().to_string();
    let mut out = Vec::new();
    let mut push = |at: usize, target: String| {
        let line = line_of(at);
        out.push(Use { target, line, text: text_of(line) });
    };
    let mut roots = vec!["crate::"];
    if rel == Path::new("main.rs") {
        roots.push("yichuang::");
    }
    for root in roots {
        for (at, name) in after(&code, root) {
            push(at, format!("mod:{name}"));
        }
    }
    // `super::` climbs from the file's module; a path that reaches the crate's root names a
    // top-level module.
    let here = module_path(rel);
    let mut from = 0;
    while let Some(i) = code[from..].find("super::") {
        let at = from + i;
        if code[..at].chars().next_back().is_some_and(|c| is_ident(c) || c == ':') {
            from = at + 7;
            continue;
        }
        let mut n = 0;
        let mut rest = &code[at..];
        while let Some(r) = rest.strip_prefix("super::") {
            n += 1;
            rest = r;
        }
        from = code.len() - rest.len();
        if n > here.len() {
            continue; // not a path this scanner can follow
        }
        let base = &here[..here.len() - n];
        if let Some(top) = base.first() {
            push(at, format!("mod:{top}"));
        } else if rest.starts_with('{') {
            for h in group_heads(rest) {
                push(at, format!("mod:{h}"));
            }
        } else {
            push(at, format!("mod:{}", rest.chars().take_while(|&c| is_ident(c)).collect::<String>()));
        }
    }
    for (krate, _) in CRATES {
        for (at, _) in after(&code, &format!("{krate}::")) {
            push(at, krate.to_string());
        }
        // `ratatui::crossterm::…` names crossterm after a `::`.
        let mut from = 0;
        while let Some(i) = code[from..].find(&format!("::{krate}::")) {
            push(from + i, krate.to_string());
            from += i + krate.len() + 4;
        }
    }
    for (at, name) in after(&code, "std::") {
        if IO.contains(&name.as_str()) {
            push(at, format!("std::{name}"));
        }
    }
    out
}

/// Which layer owns `rel` (a path under `src/`), by its first component.
fn layer_of(rel: &Path) -> Option<&'static str> {
    let first = rel.iter().next()?.to_string_lossy().into_owned();
    LAYERS.iter().find(|(_, _, parts)| parts.contains(&first.as_str())).map(|(name, _, _)| *name)
}

/// The layer a top-level module name belongs to (`demo` → sample, `storage` → storage).
fn layer_of_module(name: &str) -> Option<&'static str> {
    LAYERS
        .iter()
        .find(|(_, _, parts)| parts.iter().any(|p| p.trim_end_matches(".rs") == name))
        .map(|(layer, _, _)| *layer)
}

fn rank(layer: &str) -> u8 {
    LAYERS.iter().find(|(l, _, _)| *l == layer).map(|(_, r, _)| *r).unwrap()
}

/// Why `from` may not use `target` (a layer, crate or I/O module), or `None` when it may.
fn breach(from: &str, target: &str) -> Option<String> {
    if let Some(krate) = CRATES.iter().find(|(c, _)| *c == target) {
        return (!krate.1.contains(&from)).then(|| format!("{target} belongs to {:?}", krate.1));
    }
    if target.starts_with("std::") {
        return NO_IO.contains(&from).then(|| format!("{from} does no file, process or network I/O"));
    }
    if target == from {
        return None;
    }
    if FORBIDDEN.contains(&(from, target)) {
        return Some(format!("{from} never uses {target}"));
    }
    let (a, b) = (rank(from), rank(target));
    (b >= a).then(|| if a == b { format!("{target} is a peer of {from}") } else { format!("{target} is above {from}") })
}

/// Every breach in the crate, by (from layer, target), with the offending lines.
fn breaches_in(files: &[(PathBuf, String)]) -> BTreeMap<(String, String), Vec<String>> {
    let mut found: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for (rel, src) in files {
        let Some(from) = layer_of(rel) else { continue };
        for u in uses_in(rel, src) {
            let target = match u.target.strip_prefix("mod:") {
                Some(m) => match layer_of_module(m) {
                    Some(l) => l.to_string(),
                    None => continue, // `crate::` followed by a macro or a name this test does not know
                },
                None => u.target.clone(),
            };
            if let Some(why) = breach(from, &target) {
                let line = format!("src/{}:{}: {} ({why})", rel.display(), u.line, u.text);
                let lines = found.entry((from.to_string(), target)).or_default();
                // Counted by line: two names from one layer on one line are one breach.
                if !lines.contains(&line) {
                    lines.push(line);
                }
            }
        }
    }
    found
}

/// Every source file under `src/`, relative, with its text; prints the layer entries skipped.
fn sources() -> Vec<(PathBuf, String)> {
    let root = src();
    let mut files = Vec::new();
    for (layer, _, parts) in LAYERS {
        for p in *parts {
            let path = root.join(p);
            if path.exists() {
                rust_files(&path, &mut files);
            } else {
                println!("note: layer {layer}: src/{p} does not exist, skipped");
            }
        }
    }
    files
        .into_iter()
        .map(|f| {
            let text = std::fs::read_to_string(&f).unwrap();
            (f.strip_prefix(&root).unwrap().to_path_buf(), text)
        })
        .collect()
}

#[test]
fn every_module_under_src_is_in_a_layer() {
    let mut missing = Vec::new();
    for e in std::fs::read_dir(src()).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        let known =
            LAYERS.iter().any(|(_, _, parts)| parts.contains(&name.as_str())) || OUTSIDE.contains(&name.as_str());
        if !known {
            missing.push(name);
        }
    }
    assert!(missing.is_empty(), "put these in a layer of LAYERS (tests/layering.rs): {missing:?}");
}

#[test]
fn each_layer_uses_only_the_layers_below_it() {
    let files = sources();
    assert!(files.len() > 50, "found only {} source files", files.len());
    let found = breaches_in(&files);
    let mut unknown = Vec::new();
    let mut stale = Vec::new();
    println!("known breaches (this list may only shrink):");
    for (from, to, most, why) in KNOWN {
        let lines = found.get(&(from.to_string(), to.to_string())).map_or(0, Vec::len);
        println!("  {from} -> {to}: {lines} line(s), at most {most}: {why}");
        if lines == 0 {
            stale.push(format!("{from} -> {to}: gone, delete it from KNOWN"));
        } else if lines > *most {
            let all = &found[&(from.to_string(), to.to_string())];
            unknown.push(format!(
                "{from} -> {to}: {lines} lines, more than the {most} known:\n    {}",
                all.join("\n    ")
            ));
        } else if lines < *most {
            println!("    (down from {most}: lower the ceiling in KNOWN)");
        }
    }
    for ((from, to), lines) in &found {
        if !KNOWN.iter().any(|(f, t, _, _)| f == from && t == to) {
            unknown.push(format!("{from} -> {to}:\n    {}", lines.join("\n    ")));
        }
    }
    for ((from, to), lines) in &found {
        println!("{from} -> {to}:\n    {}", lines.join("\n    "));
    }
    assert!(unknown.is_empty(), "layers breached:\n{}", unknown.join("\n"));
    assert!(stale.is_empty(), "{}", stale.join("\n"));
}

#[test]
fn domain_and_search_import_no_ui_sql_or_async() {
    // Checked on its own too: these two stay pure whatever KNOWN says.
    let found = breaches_in(&sources());
    for ((from, to), lines) in &found {
        assert!(!["domain", "search"].contains(&from.as_str()), "{from} -> {to}:\n{}", lines.join("\n"));
    }
}

#[test]
fn the_check_itself_catches_an_import() {
    // Guard against a scanner that can never fail: real files that must be found …
    let files = sources();
    let found = breaches_in(&files);
    let storage_sql = files
        .iter()
        .filter(|(r, _)| layer_of(r) == Some("storage"))
        .any(|(r, s)| uses_in(r, s).iter().any(|u| u.target == "rusqlite"));
    assert!(storage_sql, "storage does import rusqlite");
    assert!(found.keys().any(|(f, t)| f == "app" && t == "storage") || !KNOWN.iter().any(|k| k.0 == "app"));
    // … and every way of naming a layer, on a made-up file in ui/.
    let fake = "use crate::{app::App, storage::{Db, QueueView}};\n\
        // crate::storage in a comment does not count\n\
        use super::super::super::runtime::worker;\n\
        fn f() { let _ = std::fs::read(\"x\"); let _ = crate::cli::run; }\n\
        use std::{io, process::Command};\n\
        use rusqlite::Connection;\n\
        use ratatui::crossterm::event::KeyCode;\n";
    let rel = Path::new("ui/screens/fake.rs");
    let targets: Vec<String> = uses_in(rel, fake).into_iter().map(|u| format!("{}@{}", u.target, u.line)).collect();
    for want in [
        "mod:app@1",
        "mod:storage@1",
        "mod:runtime@3",
        "std::fs@4",
        "mod:cli@4",
        "std::process@5",
        "rusqlite@6",
        "ratatui@7",
        "crossterm@7",
    ] {
        assert!(targets.contains(&want.to_string()), "{want} not found in {targets:?}");
    }
    assert!(!targets.iter().any(|t| t.ends_with("@2")), "a comment counted: {targets:?}");
    let found = breaches_in(&[(rel.to_path_buf(), fake.to_string())]);
    let pairs: Vec<(&str, &str)> = found.keys().map(|(f, t)| (f.as_str(), t.as_str())).collect();
    for want in ["storage", "runtime", "cli", "std::fs", "std::process", "rusqlite"] {
        assert!(pairs.contains(&("ui", want)), "ui -> {want} not a breach: {pairs:?}");
    }
    assert!(!pairs.contains(&("ui", "app")) && !pairs.contains(&("ui", "ratatui")), "{pairs:?}");
}

/// For each module directly inside a layer's folder, the sibling modules it names (through
/// `super::` chains or `crate::LAYER::`), test modules left out.
fn siblings_named(layer: &str, dir: &Path) -> BTreeMap<String, std::collections::BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(dir, &mut files);
    let children: std::collections::BTreeSet<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter_map(|p| {
            let name = p.file_name()?.to_string_lossy().into_owned();
            let name = name.strip_suffix(".rs").unwrap_or(&name).to_string();
            (name != "mod").then_some(name)
        })
        .collect();
    let mut graph: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
    for f in files {
        let rel = f.strip_prefix(src()).unwrap().to_path_buf();
        let path = module_path(&rel);
        let Some(me) = path.get(1).cloned() else { continue };
        let text = std::fs::read_to_string(&f).unwrap();
        let code = code_only(text.split("#[cfg(test)]").next().unwrap_or(""));
        let mut named = std::collections::BTreeSet::new();
        let mut rest = code.as_str();
        while let Some(i) = rest.find("super::") {
            // Count the chain of `super::` and take the name after it.
            let mut ups = 0;
            let mut tail = &rest[i..];
            while let Some(t) = tail.strip_prefix("super::") {
                ups += 1;
                tail = t;
            }
            let name: String = tail.chars().take_while(|c| is_ident(*c)).collect();
            if ups <= path.len() {
                let mut target = path[..path.len() - ups].to_vec();
                target.push(name);
                if target.len() > 1 && target[0] == layer {
                    named.insert(target[1].clone());
                }
            }
            rest = &rest[i + 7..];
        }
        for (_, name) in after(&code, &format!("crate::{layer}::")) {
            named.insert(name);
        }
        named.retain(|n| n != &me && children.contains(n));
        graph.entry(me).or_default().extend(named);
    }
    graph
}

#[test]
fn no_two_modules_of_a_layer_use_each_other() {
    // DESIGN §3 within a layer: a screen's module and the dialogs module, a worker and its
    // parts, never reach into each other both ways (each pair is an import circle).
    let mut circles = Vec::new();
    for (layer, _, parts) in LAYERS {
        for p in *parts {
            let dir = src().join(p);
            if !dir.is_dir() {
                continue;
            }
            let graph = siblings_named(layer, &dir);
            for (a, named) in &graph {
                for b in named {
                    if a < b && graph.get(b).is_some_and(|n| n.contains(a)) {
                        circles.push(format!("{layer}: {a} <-> {b}"));
                    }
                }
            }
        }
    }
    assert!(circles.is_empty(), "modules that use each other:\n{}", circles.join("\n"));
}
