fn main() {
    let db = yichuang::storage::Db::open(std::path::Path::new(&std::env::args().nth(1).unwrap())).unwrap();
    let t = std::time::Instant::now();
    let mut s = yichuang::runtime::session_residents(&db).unwrap();
    eprintln!("loaded {} in {:?}", s.len(), t.elapsed());
    let mut per = vec![Vec::new(); 6];
    for _round in 0..3 {
        for w in ["wangxi", "zhangm", "liuyan", "chenji", "yangli", "huangj"] {
            s.search("");
            for k in 1..=6 {
                let t = std::time::Instant::now();
                let n = s.search(&w[..k]).len();
                per[k - 1].push(t.elapsed().as_secs_f64() * 1000.0);
                let _ = n;
            }
        }
    }
    for (k, v) in per.iter_mut().enumerate() {
        v.sort_by(f64::total_cmp);
        eprintln!("key {}: median {:.2} ms", k + 1, v[v.len() / 2]);
    }
    // owned(&db);
    let mut all: Vec<f64> = per.concat();
    all.sort_by(f64::total_cmp);
    eprintln!("all: median {:.2} ms", all[all.len() / 2]);
}

#[allow(dead_code)]
fn owned(db: &yichuang::storage::Db) {
    let all = db.residents().unwrap();
    let mut s = yichuang::app::residents::ResidentsState::default();
    s.append(yichuang::app::residents::ResidentPage::new(all));
    let mut per = vec![Vec::new(); 6];
    for _round in 0..3 {
        for w in ["wangxi", "zhangm", "liuyan", "chenji", "yangli", "huangj"] {
            s.search("");
            for k in 1..=6 {
                let t = std::time::Instant::now();
                s.search(&w[..k]);
                per[k - 1].push(t.elapsed().as_secs_f64() * 1000.0);
            }
        }
    }
    for (k, v) in per.iter_mut().enumerate() {
        v.sort_by(f64::total_cmp);
        eprintln!("owned key {}: median {:.2} ms", k + 1, v[v.len() / 2]);
    }
}
