//! The street office's view over generated centres: district.toml, `district status` (rows,
//! a number taken at a centre, stale replicas), and the street monthly report checked against
//! each centre's own `report monthly`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use yichuang::setup::district::{CentreSource, DistrictError, parse};

const NOW: &str = "2026-11-20T10:00";

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn bin(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yichuang"))
        .args(args)
        .env_remove("YICHUANG_DB")
        .env_remove("YICHUANG_NOW")
        .output()
        .unwrap()
}

/// Two small generated centres, made once per run; each test copies them.
fn generated() -> &'static (PathBuf, PathBuf) {
    static BASE: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    BASE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        let make = |name: &str, seed: &str| {
            let p = dir.join(name);
            let o = bin(&["generate", "--residents", "300", "--days", "35", "--seed", seed, "--now", NOW, "--db"]
                .iter()
                .copied()
                .chain([p.to_str().unwrap()])
                .collect::<Vec<_>>());
            assert!(o.status.success(), "generate: {}", err(&o));
            p
        };
        (make("a.sqlite3", "1"), make("b.sqlite3", "2"))
    })
}

/// Copies of both centres in `dir` and a district.toml naming them (mode 600).
fn street(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let (a, b) = generated();
    let (ca, cb) = (dir.join("a.sqlite3"), dir.join("b.sqlite3"));
    std::fs::copy(a, &ca).unwrap();
    std::fs::copy(b, &cb).unwrap();
    let toml = dir.join("district.toml");
    std::fs::write(
        &toml,
        format!(
            "[street]\nname = \"幸福街道\"\nstale_after = \"60s\"\n\n[[centre]]\nname = \"东社区\"\ncopy = \"{}\"\n\n[[centre]]\nname = \"西社区\"\ncopy = \"{}\"\n",
            ca.display(),
            cb.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&toml, std::fs::Permissions::from_mode(0o600)).unwrap();
    (toml, ca, cb)
}

fn status(toml: &Path) -> serde_json::Value {
    let o = bin(&["district", "--config", toml.to_str().unwrap(), "status", "--json", "--now", NOW]);
    assert!(o.status.success(), "status: {}", err(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn waiting_by_sql(db: &Path) -> u64 {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row("SELECT count(*) FROM queue_tickets WHERE day = '2026-11-20' AND state = 'waiting'", [], |r| {
        r.get::<_, i64>(0)
    })
    .unwrap() as u64
}

#[test]
fn a_district_file_names_each_centre_and_where_it_is_read_from() {
    let d = parse(
        "[street]\nname = \"幸福街道\"\ncache = \"/var/cache/street\"\nstale_after = \"2m\"\n\
         [[centre]]\nname = \"东\"\nreplica = \"s3://street/east\"\nendpoint = \"http://127.0.0.1:8333\"\nkey_env = \"EAST\"\n\
         [[centre]]\nname = \"西\"\ncopy = \"/srv/west.sqlite3\"\n",
    )
    .unwrap();
    assert_eq!(d.name, "幸福街道");
    assert_eq!(d.stale_after.as_secs(), 120);
    assert_eq!(d.centres.len(), 2);
    assert!(matches!(&d.centres[0].source, CentreSource::Replica { url, endpoint: Some(_), key_env: Some(k) }
        if url == "s3://street/east" && k == "EAST"));
    assert_eq!(d.centres[1].source, CentreSource::Copy("/srv/west.sqlite3".into()));
    assert_eq!(d.centres[0].local_file(d.cache.as_deref()), PathBuf::from("/var/cache/street/东.sqlite3"));
    let default = parse("[street]\nname = \"x\"\n[[centre]]\nname = \"a\"\ncopy = \"/a\"\n").unwrap();
    assert_eq!(default.stale_after.as_secs(), 60);
}

#[test]
fn a_bad_district_file_says_what_and_where() {
    let bad = |s: &str| parse(s).unwrap_err();
    assert!(matches!(
        bad("[street]\nname = \"x\"\n[[centre]]\nname = \"a\"\ncopy = \"/a\"\nport = 1\n"),
        DistrictError::Syntax { line: 6, .. }
    ));
    assert_eq!(bad("[street]\nname = \"x\"\n"), DistrictError::NoCentres);
    assert_eq!(
        bad("[street]\nname = \"x\"\n[[centre]]\nname = \"a\"\ncopy = \"/a\"\nreplica = \"s3://b/a\"\n"),
        DistrictError::Source("a".into())
    );
    assert_eq!(
        bad("[street]\nname = \"x\"\ncache = \"/c\"\n[[centre]]\nname = \"a\"\nreplica = \"http://b/a\"\n"),
        DistrictError::BadUrl("a".into(), "http://b/a".into())
    );
    assert_eq!(
        bad("[street]\nname = \"x\"\n[[centre]]\nname = \"a\"\nreplica = \"s3://b/a\"\n"),
        DistrictError::NoCache
    );
    assert_eq!(
        bad(
            "[street]\nname = \"x\"\n[[centre]]\nname = \"a\"\ncopy = \"/a\"\n[[centre]]\nname = \"a\"\ncopy = \"/b\"\n"
        ),
        DistrictError::Twice("a".into())
    );
    assert_eq!(
        bad("[street]\nname = \"x\"\nstale_after = \"soon\"\n[[centre]]\nname = \"a\"\ncopy = \"/a\"\n"),
        DistrictError::BadStale("soon".into())
    );
    let said =
        DistrictError::Syntax { line: 6, message: "unknown field `port`".into() }.say(yichuang::domain::lang::Lang::Zh);
    assert!(said.contains("第 6 行"), "{said}");
}

#[test]
fn the_command_refuses_a_district_file_others_may_change_and_a_bad_one_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let (toml, _, _) = street(dir.path());
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&toml, std::fs::Permissions::from_mode(0o666)).unwrap();
    let o = bin(&["district", "--config", toml.to_str().unwrap(), "status"]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(err(&o).contains("chmod go-w"), "{}", err(&o));
    std::fs::write(&toml, "[street]\nname = \"x\"\n[[centre]]\nname = \"a\"\nkopy = \"/a\"\n").unwrap();
    std::fs::set_permissions(&toml, std::fs::Permissions::from_mode(0o600)).unwrap();
    let o = bin(&["district", "--config", toml.to_str().unwrap(), "status"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("第 5 行"), "{}", err(&o));
}

#[test]
fn status_gives_one_row_per_centre_and_a_number_taken_at_a_centre_shows_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let (toml, a, b) = street(dir.path());
    let before = std::fs::read(&b).unwrap();
    let v = status(&toml);
    let rows = v["centres"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["centre"], "东社区");
    assert_eq!(rows[1]["centre"], "西社区");
    assert_eq!(rows[0]["figures"]["waiting"].as_u64().unwrap(), waiting_by_sql(&a));
    assert_eq!(rows[1]["figures"]["waiting"].as_u64().unwrap(), waiting_by_sql(&b));
    let o = bin(&["--db", a.to_str().unwrap(), "--now", NOW, "queue", "take", "A"]);
    assert!(o.status.success(), "take: {}", err(&o));
    let after = status(&toml);
    assert_eq!(
        after["centres"][0]["figures"]["waiting"].as_u64().unwrap(),
        rows[0]["figures"]["waiting"].as_u64().unwrap() + 1,
        "the number taken at 东社区 is not in the street's row"
    );
    assert_eq!(after["centres"][1]["figures"], rows[1]["figures"]);
    assert_eq!(std::fs::read(&b).unwrap(), before, "reading a centre changed its file");
}

#[test]
fn a_replica_older_than_stale_after_is_marked_stale_and_a_fresh_one_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let (toml, a, b) = street(dir.path());
    let beat = |p: &Path, at: &str| {
        let mut db = yichuang::storage::Db::open(p).unwrap();
        db.set_clock(yichuang::storage::Clock::Fixed(chrono::DateTime::parse_from_rfc3339(at).unwrap()));
        db.replica_beat("x").unwrap();
    };
    let v = status(&toml);
    assert_eq!(v["centres"][0]["stale"], true, "a centre never replicated is not stale: {v}");
    assert!(v["centres"][0]["replica_age_seconds"].is_null());
    beat(&a, "2026-11-20T09:59:50+08:00");
    beat(&b, "2026-11-20T09:58:00+08:00");
    let v = status(&toml);
    let age = |i: usize| v["centres"][i]["replica_age_seconds"].as_i64().unwrap();
    assert!((10..15).contains(&age(0)), "{v}");
    assert!((120..125).contains(&age(1)), "{v}");
    assert_eq!(v["centres"][0]["stale"], false, "{v}");
    assert_eq!(v["centres"][1]["stale"], true, "{v}");
    let o = bin(&["district", "--config", toml.to_str().unwrap(), "status", "--now", NOW]);
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    let line = |name: &str| text.lines().find(|l| l.starts_with(name)).unwrap().to_string();
    assert!(line("东社区").contains("秒前") && !line("东社区").ends_with(" !"), "{text}");
    assert!(line("西社区").contains("2 分钟前 !"), "{text}");
}

#[test]
fn a_copy_that_cannot_be_read_says_why_on_its_own_row_only() {
    let dir = tempfile::tempdir().unwrap();
    let (toml, _, b) = street(dir.path());
    std::fs::remove_file(&b).unwrap();
    let v = status(&toml);
    assert!(v["centres"][0]["figures"].is_object(), "{v}");
    assert!(v["centres"][1]["error"].as_str().unwrap().contains("副本文件不存在"), "{v}");
}

fn json(o: &Output) -> serde_json::Value {
    assert!(o.status.success(), "{}", err(o));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn the_street_monthly_report_totals_are_the_sum_of_the_centres_own_monthly_reports() {
    let dir = tempfile::tempdir().unwrap();
    let (toml, a, b) = street(dir.path());
    let own =
        |p: &Path| json(&bin(&["--db", p.to_str().unwrap(), "--now", NOW, "report", "monthly", "--format", "json"]));
    let (ra, rb) = (own(&a), own(&b));
    let street = json(&bin(&[
        "district",
        "--config",
        toml.to_str().unwrap(),
        "report",
        "monthly",
        "--month",
        "2026-11",
        "--format",
        "json",
    ]));
    assert_eq!(street["centres"], serde_json::json!(["东社区", "西社区"]));
    let n = |v: &serde_json::Value| v.as_f64().unwrap_or(0.0);
    let sum = |v: &serde_json::Value, list: &str, field: &str| {
        v[list].as_array().unwrap().iter().map(|x| n(&x[field])).sum::<f64>()
    };
    // Each figure from the centres' own reports, worked out here from their JSON.
    let own_figures = |r: &serde_json::Value| -> Vec<f64> {
        let cases = |f: &str| r["cases"]["by_clerk"].as_array().unwrap().iter().map(|x| n(&x[f])).sum::<f64>();
        vec![
            n(&r["queue"]["total"]["issued"]),
            n(&r["queue"]["total"]["served"]),
            n(&r["queue"]["total"]["no_show"]),
            cases("accepted"),
            cases("completed"),
            cases("on_time"),
            cases("overdue"),
            cases("ratings"),
            sum(&r["rooms"], "by_dispute", "count"),
            n(&r["rooms"]["bookings"]),
            n(&r["rooms"]["booked_hours"]),
            sum(r, "members", "records"),
            sum(r, "members", "hours"),
            sum(r, "members", "points"),
            n(&r["requests"]["total"]["collected"]),
            n(&r["requests"]["total"]["resolved"]),
            n(&r["requests"]["total"]["on_time"]),
            n(&r["requests"]["total"]["satisfied"]),
            n(&r["requests"]["total"]["fair"]),
            n(&r["requests"]["total"]["unsatisfied"]),
        ]
    };
    let (fa, fb) = (own_figures(&ra), own_figures(&rb));
    let figures: Vec<&serde_json::Value> =
        street["sections"].as_array().unwrap().iter().flat_map(|s| s["figures"].as_array().unwrap()).collect();
    assert_eq!(figures.len(), fa.len());
    assert!(fa.iter().sum::<f64>() > 0.0 && fb.iter().sum::<f64>() > 0.0, "empty centres prove nothing");
    for (i, f) in figures.iter().enumerate() {
        let close = |x: f64, y: f64| (x - y).abs() < 0.005;
        assert!(close(n(&f["values"][0]), fa[i]) && close(n(&f["values"][1]), fb[i]), "{} per centre: {f}", f["name"]);
        assert!(close(n(&f["total"]), fa[i] + fb[i]), "{}: street {} ≠ {} + {}", f["name"], f["total"], fa[i], fb[i]);
    }
}

#[test]
fn the_street_report_csv_neutralises_a_centre_named_like_a_formula() {
    let dir = tempfile::tempdir().unwrap();
    let (toml, _, _) = street(dir.path());
    let text = std::fs::read_to_string(&toml).unwrap().replace("东社区", "=HYPERLINK(\\\"x\\\")");
    std::fs::write(&toml, text).unwrap();
    let o = bin(&["district", "--config", toml.to_str().unwrap(), "report", "monthly", "--month", "2026-11"]);
    assert!(o.status.success(), "{}", err(&o));
    let csv = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    assert!(!csv.contains(",=HYPERLINK"), "{csv}");
}

#[test]
fn the_street_workbook_prints_each_section_with_every_centre_and_the_street_total() {
    // Read the way the street office will: LibreOffice prints the workbook to PDF.
    let have = |t: &str| Command::new("which").arg(t).output().is_ok_and(|o| o.status.success());
    assert!(have("soffice") && have("pdftotext"), "LibreOffice and poppler are needed (.ci/run installs them)");
    let dir = tempfile::tempdir().unwrap();
    let (toml, _, _) = street(dir.path());
    let book = dir.path().join("street.xlsx");
    let args = ["district", "--config", toml.to_str().unwrap(), "report", "monthly", "--month", "2026-11"];
    let o = bin(&[&args[..], &["--format", "xlsx", "--out", book.to_str().unwrap()]].concat());
    assert!(o.status.success(), "{}", err(&o));
    let j = bin(&[&args[..], &["--format", "json"]].concat());
    let street_json: serde_json::Value = serde_json::from_slice(&j.stdout).unwrap();
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("lo-profile").display());
    let o = Command::new("soffice")
        .args(["--headless", "--norestore", &profile, "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&book)
        .output()
        .unwrap();
    assert!(o.status.success(), "soffice: {}", err(&o));
    let o = Command::new("pdftotext").args(["-layout"]).arg(dir.path().join("street.pdf")).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    for s in street_json["sections"].as_array().unwrap() {
        let name = s["name"].as_str().unwrap();
        let page =
            text.split('\u{c}').find(|p| p.contains(name)).unwrap_or_else(|| panic!("no page for {name}:\n{text}"));
        assert!(page.contains("幸福街道 · 街道月报"), "{name}: no title:\n{page}");
        let header =
            page.lines().find(|l| l.contains("东社区")).unwrap_or_else(|| panic!("{name}: no header:\n{page}"));
        assert!(header.contains("西社区") && header.contains("街道合计"), "{name}: header cut: {header}");
        let first = &s["figures"][0];
        let line = page.lines().find(|l| l.trim_start().starts_with(first["name"].as_str().unwrap())).unwrap();
        let total = first["total"].as_f64().unwrap();
        assert!(line.trim_end().ends_with(&format!("{total}")), "{name}: total {total} not at the end of {line:?}");
    }
}
