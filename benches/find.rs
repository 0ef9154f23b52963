//! `yichuang find` as a whole process beside `fzf --filter` on the same names, same run: what a
//! kiosk or a script pays per call. Each process is started afresh for every query (cold: it
//! maps the residents' shared file, or fzf reads its input, every time).
//!
//! `cargo bench --bench find`. `YICHUANG_SCALE_RESIDENTS` sets the size (default 100,000).
//! fzf gets every name with every reading our index holds (initials and full pinyin of each
//! reading variant), the ID number, the mobile and the estate: the same things `find` matches.
//! fzf is installed from Debian's packages when missing (root only); without it the fzf column
//! is skipped with a message. Peak memory comes from `/usr/bin/time -f %M` when it exists.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// The same six names `scale`'s keystroke benches type, as a whole query each.
const QUERIES: &[&str] = &["wangxi", "zhangm", "liuyan", "chenji", "yangli", "huangj"];
/// Runs of each process per query.
const RUNS: usize = 5;

fn main() {
    let residents: usize =
        std::env::var("YICHUANG_SCALE_RESIDENTS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("find.sqlite3");
    let bin = env!("CARGO_BIN_EXE_yichuang");
    let t = Instant::now();
    let ok = Command::new(bin)
        .args(["generate", "--residents", &residents.to_string(), "--days", "30", "--db"])
        .arg(&db)
        .env_remove("YICHUANG_NOW")
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(ok.success(), "generate failed");
    eprintln!("generated {residents} residents in {:.1} s", t.elapsed().as_secs_f64());
    let lines = dir.path().join("names.txt");
    export(&db, &lines);
    // Rows written in the last seconds (by generate) are read again by every session whatever
    // the shared file (see Db::residents_mark): wait until they are not, as on a real street,
    // and let one find write the file.
    std::thread::sleep(std::time::Duration::from_secs(8));
    let warm = Command::new(bin).args(["find", "x", "--in", "residents", "--limit", "1", "--db"]).arg(&db).output();
    assert!(warm.is_ok_and(|o| o.status.success()), "warm-up find failed");
    let fzf = fzf();
    let time = Path::new("/usr/bin/time").exists();
    println!(
        "{residents} residents; median of {RUNS} runs per query, wall time and peak resident memory of the process"
    );
    println!("{:<8} {:>14} {:>12} {:>14} {:>12}", "query", "find ms", "find MB", "fzf ms", "fzf MB");
    let (mut all_find, mut all_fzf) = (Vec::new(), Vec::new());
    for q in QUERIES {
        let (mut f, mut z) = (Vec::new(), Vec::new());
        for _ in 0..RUNS {
            let mut cmd = Command::new(bin);
            cmd.args(["find", q, "--in", "residents", "--limit", "20", "--db"]).arg(&db);
            f.push(run(cmd, None, time));
            if let Some(fzf) = &fzf {
                let mut cmd = Command::new(fzf);
                cmd.args(["--filter", q]);
                z.push(run(cmd, Some(&lines), time));
            }
        }
        let (fm, fk) = medians(&f);
        let fzf_cols = if z.is_empty() {
            ("—".to_string(), "—".to_string())
        } else {
            let (zm, zk) = medians(&z);
            (format!("{zm:.1}"), format!("{:.0}", zk / 1024.0))
        };
        println!("{q:<8} {fm:>14.1} {:>12.0} {:>14} {:>12}", fk / 1024.0, fzf_cols.0, fzf_cols.1);
        all_find.extend(f);
        all_fzf.extend(z);
    }
    let (fm, fk) = medians(&all_find);
    print!("all      {fm:>14.1} {:>12.0}", fk / 1024.0);
    if all_fzf.is_empty() {
        println!("   fzf skipped: not installed and could not be installed");
    } else {
        let (zm, zk) = medians(&all_fzf);
        println!(" {zm:>14.1} {:>12.0}", zk / 1024.0);
    }
}

/// Every resident as a line of what `find` matches: the name, every reading's initials and
/// full pinyin, ID number, mobile, estate.
fn export(db: &Path, out: &Path) {
    let db = yichuang::storage::Db::open_existing(db).unwrap();
    let mut text = String::new();
    for r in db.residents().unwrap() {
        text.push_str(&r.name);
        for v in yichuang::search::readings(&r.name, true).variants(16) {
            text.push(' ');
            text.extend(v.iter().filter_map(|s| s.chars().next()));
            text.push(' ');
            text.push_str(&v.concat());
        }
        text.push_str(&format!(" {} {} {}\n", r.id_number, r.phone, r.address.estate));
    }
    std::fs::write(out, text).unwrap();
}

/// fzf, installed from Debian's packages when missing and possible.
fn fzf() -> Option<PathBuf> {
    let found = || Command::new("fzf").arg("--version").output().is_ok_and(|o| o.status.success());
    if !found() && nix_is_root() {
        eprintln!("fzf missing: installing it (apt-get install -y fzf)");
        let _ = Command::new("apt-get").args(["install", "-y", "-q", "fzf"]).stdout(Stdio::null()).status();
    }
    if found() {
        Some(PathBuf::from("fzf"))
    } else {
        eprintln!("fzf is not installed and could not be installed: its column is skipped");
        None
    }
}

fn nix_is_root() -> bool {
    nix::unistd::geteuid().is_root()
}

/// Runs `cmd` (stdin from `input`), output read whole; wall time in ms and peak memory in kB.
fn run(cmd: Command, input: Option<&Path>, time: bool) -> (f64, f64) {
    let mut wrapped = if time {
        let mut t = Command::new("/usr/bin/time");
        t.args(["-f", "%M"]).arg(cmd.get_program()).args(cmd.get_args());
        t
    } else {
        cmd
    };
    wrapped.env_remove("YICHUANG_NOW").stdout(Stdio::piped()).stderr(Stdio::piped());
    wrapped.stdin(match input {
        Some(p) => Stdio::from(std::fs::File::open(p).unwrap()),
        None => Stdio::null(),
    });
    let t = Instant::now();
    let out = wrapped.output().unwrap();
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    // fzf says 1 when nothing matched: an answer, not a failure.
    assert!(out.status.code().is_some_and(|c| c <= 1), "{}", String::from_utf8_lossy(&out.stderr));
    let kb = String::from_utf8_lossy(&out.stderr).lines().last().and_then(|l| l.trim().parse().ok()).unwrap_or(0.0);
    (ms, kb)
}

fn medians(v: &[(f64, f64)]) -> (f64, f64) {
    let med = |mut x: Vec<f64>| {
        x.sort_by(f64::total_cmp);
        x[x.len() / 2]
    };
    (med(v.iter().map(|p| p.0).collect()), med(v.iter().map(|p| p.1).collect()))
}
