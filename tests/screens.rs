//! Rendered screens: insta snapshots over `TestBackend`, and every small size without panic.

mod common;

use common::{app, press, screen, type_text};
use yichuang::app::Msg;
use yichuang::domain::lang::Lang;

fn sized(lang: Lang, w: u16, h: u16, query: &str) -> String {
    let mut a = app(lang, "default");
    common::send(&mut a, Msg::Resize(w, h));
    type_text(&mut a, query);
    screen(&a, w, h)
}

#[test]
fn catalog_zh_80x24() {
    insta::assert_snapshot!(sized(Lang::Zh, 80, 24, "ylbx"));
}

#[test]
fn catalog_en_80x24() {
    insta::assert_snapshot!(sized(Lang::En, 80, 24, "ylbx"));
}

#[test]
fn catalog_zh_160x48() {
    insta::assert_snapshot!(sized(Lang::Zh, 160, 48, "gljt"));
}

#[test]
fn catalog_en_160x48() {
    insta::assert_snapshot!(sized(Lang::En, 160, 48, "gljt"));
}

#[test]
fn no_match_tells_what_to_try() {
    // Not even three letters of it in a row are in any spelling (zzzzxq no longer qualifies:
    // its zzxq is 居住证续签's initials, which the catalog now suggests as a partial match).
    let s = sized(Lang::Zh, 80, 24, "qqqxxv");
    assert!(s.contains("没有匹配的事项"), "{s}");
    assert!(s.contains("0 / 123"), "{s}");
}

#[test]
fn help_is_generated_from_the_keymap() {
    let mut a = app(Lang::Zh, "vim");
    press(&mut a, "esc");
    press(&mut a, "?");
    let s = screen(&a, 100, 40);
    assert!(s.contains("j, ↓") || s.contains("↓, j"), "{s}");
    assert!(s.contains("退出一窗"));
    insta::assert_snapshot!(s);
}

/// What only other roles may do: a clerk must never be offered these.
const NOT_A_CLERKS: [&str; 6] = ["调解案件", "总览", "生成日报", "新增人员", "管理命令", "释放窗口"];

#[test]
fn a_clerks_help_palette_and_hints_offer_only_what_a_clerk_can_do_on_that_screen() {
    let mut a = app(Lang::Zh, "default");
    press(&mut a, "f4"); // 办件, with no case selected
    press(&mut a, "f1");
    // Tall enough that help is on screen whole, the keys of every screen included.
    let help = screen(&a, 100, 64);
    assert!(help.contains("数据库:"), "help is cut:\n{help}");
    for word in ["办结", "挂起", "切换筛选"] {
        assert!(help.contains(word), "{word} is a clerk's on Cases:\n{help}");
    }
    for word in NOT_A_CLERKS.iter().chain(&["转到调解案件", "转到总览"]) {
        assert!(!help.contains(word), "{word} offered to a clerk:\n{help}");
    }
    // With no case selected the case keys are there, dimmed, saying why.
    assert!(help.contains("请先选择一个办件"), "{help}");
    insta::assert_snapshot!("clerk_help_on_cases", help);
    press(&mut a, "esc");
    press(&mut a, "ctrl-p");
    let palette = screen(&a, 100, 40);
    for word in NOT_A_CLERKS {
        assert!(!palette.contains(word), "{word} in a clerk's palette:\n{palette}");
    }
    assert!(palette.contains("转到排队叫号"), "{palette}");
    // Typing a supervisor's command finds nothing rather than something that does nothing.
    type_text(&mut a, "总览");
    assert!(screen(&a, 100, 40).contains("没有匹配"), "{}", screen(&a, 100, 40));
    press(&mut a, "esc");
    press(&mut a, "esc");
    let s = screen(&a, 100, 30);
    let hints = s.lines().last().unwrap().to_string();
    assert!(hints.contains("f 筛选") && !hints.contains("总览"), "{hints}");
    // No case is selected, so no hint offers to change one.
    assert!(!hints.contains("办结"), "{hints}");
    insta::assert_snapshot!("clerk_hints_on_cases", hints);
}

#[test]
fn a_supervisor_is_offered_the_dashboard_and_a_mediator_no_residents() {
    let sup = common::app_as(yichuang::domain::operator::Role::Supervisor, Lang::Zh, "default");
    let (_, everywhere) = sup.offers();
    assert!(everywhere.iter().any(|o| o.action == yichuang::action::Action::GotoDashboard));
    let med = common::app_as(yichuang::domain::operator::Role::Mediator, Lang::Zh, "default");
    let (_, everywhere) = med.offers();
    let goto: Vec<_> = everywhere.iter().map(|o| o.action).collect();
    assert!(goto.contains(&yichuang::action::Action::GotoMediation), "{goto:?}");
    assert!(!goto.contains(&yichuang::action::Action::GotoResidents), "{goto:?}");
    assert!(!goto.contains(&yichuang::action::Action::GotoDashboard), "{goto:?}");
}

#[test]
fn quit_confirm_and_palette_draw_over_the_screen() {
    let mut a = app(Lang::En, "default");
    press(&mut a, "ctrl-q");
    let s = screen(&a, 80, 24);
    assert!(s.contains("Quit yichuang?") && s.contains("Enter / y yes"), "{s}");
    press(&mut a, "esc");
    press(&mut a, "ctrl-p");
    type_text(&mut a, "lang");
    let s = screen(&a, 80, 24);
    assert!(s.contains("Commands") && s.contains("Switch English / 中文"), "{s}");
}

#[test]
fn zoomed_details_list_every_material() {
    // A mediator takes no cases: Enter on an item shows its details in full.
    let mut a = common::app_as(yichuang::domain::operator::Role::Mediator, Lang::Zh, "default");
    type_text(&mut a, "gljt");
    press(&mut a, "enter");
    press(&mut a, "enter");
    let s = screen(&a, 80, 24);
    let item = a.catalog.selected_item().unwrap();
    for m in &item.materials {
        assert!(s.contains(&m.name), "{} missing:\n{s}", m.name);
    }
}

#[test]
fn narrow_terminals_drop_the_detail_pane_and_tiny_ones_say_so() {
    let s = sized(Lang::Zh, 50, 20, "gljt");
    assert!(s.contains("高龄津贴") && !s.contains("详情"), "{s}");
    let s = sized(Lang::Zh, 10, 3, "");
    assert!(s.starts_with("窗口太小"), "{s}");
}

#[test]
fn every_small_size_renders_without_panic() {
    let mut a = app(Lang::Zh, "default");
    type_text(&mut a, "医保");
    for w in 1..=90u16 {
        for h in [1u16, 2, 3, 5, 6, 7, 9, 12, 24] {
            screen(&a, w, h);
        }
    }
    press(&mut a, "ctrl-p");
    for w in (1..=90u16).step_by(7) {
        for h in 1..=12u16 {
            screen(&a, w, h);
        }
    }
}

/// A terminal of a fixed size over any backend (the real size of the test's tty is ignored).
fn fixed<B: ratatui::backend::Backend>(backend: B, w: u16, h: u16) -> ratatui::Terminal<B> {
    let viewport = ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, w, h));
    ratatui::Terminal::with_options(backend, ratatui::TerminalOptions { viewport }).unwrap()
}

/// Counts what a redraw sends to the terminal, as a slow SSH link would carry it.
#[test]
fn a_search_keystroke_sends_under_4_kb() {
    use std::cell::Cell;
    use std::rc::Rc;
    struct Counter(Rc<Cell<usize>>);
    impl std::io::Write for Counter {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.set(self.0.get() + b.len());
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let sent = Rc::new(Cell::new(0));
    let mut a = app(Lang::Zh, "default");
    common::send(&mut a, Msg::Resize(160, 48));
    let theme = yichuang::ui::Theme::new(false);
    let mut t = fixed(yichuang::runtime::backend::CjkBackend::new(Counter(sent.clone())), 160, 48);
    t.draw(|f| yichuang::ui::draw(f, &a, &theme)).unwrap();
    let mut sizes = Vec::new();
    // A morning's mix of searches, each typed into an empty field one key at a time.
    for q in ["gljt", "ylbx", "shbzk", "医保", "cbdj"] {
        press(&mut a, "ctrl-l");
        t.draw(|f| yichuang::ui::draw(f, &a, &theme)).unwrap();
        for ch in q.chars() {
            let before = sent.get();
            common::type_text(&mut a, &ch.to_string());
            t.draw(|f| yichuang::ui::draw(f, &a, &theme)).unwrap();
            sizes.push(sent.get() - before);
            eprintln!("KS {ch} {}", sent.get() - before);
        }
    }
    sizes.sort();
    let median = sizes[sizes.len() / 2];
    eprintln!("bytes per keystroke: {sizes:?}");
    assert!(median <= 4096, "median {median} bytes per keystroke: {sizes:?}");
}

/// What the trimmed-down backend sends shows, on an emulated terminal, exactly the frame.
#[test]
fn the_cjk_backend_draws_what_the_buffer_holds() {
    use std::cell::RefCell;
    use std::rc::Rc;
    struct Tee(Rc<RefCell<Vec<u8>>>);
    impl std::io::Write for Tee {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let bytes = Rc::new(RefCell::new(Vec::new()));
    let (w, h) = (100u16, 30u16);
    let mut a = app(Lang::Zh, "default");
    common::send(&mut a, Msg::Resize(w, h));
    let theme = yichuang::ui::Theme::new(false);
    let mut t = fixed(yichuang::runtime::backend::CjkBackend::new(Tee(bytes.clone())), w, h);
    let mut vt = vt100::Parser::new(std::num::NonZeroU16::new(h).unwrap(), std::num::NonZeroU16::new(w).unwrap(), 0);
    // Fixed steps, then a long deterministic walk through overlays, lists and searches.
    let mut steps: Vec<String> = ["", "y", "l", "b", "x", "backspace", "医"].iter().map(|s| s.to_string()).collect();
    let keys = [
        "down",
        "down",
        "pagedown",
        "esc",
        "f1",
        "esc",
        "ctrl-p",
        "e",
        "esc",
        "g",
        "l",
        "ctrl-l",
        "s",
        "h",
        "enter",
        "enter",
        "ctrl-down",
        "esc",
        "end",
        "home",
        "医",
        "保",
        "backspace",
        "ctrl-q",
        "n",
        "shift-down",
    ];
    let mut seed = 7u64;
    for _ in 0..120 {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        steps.push(keys[((seed >> 33) % keys.len() as u64) as usize].to_string());
    }
    let mut history: Vec<String> = Vec::new();
    for step in steps {
        let step = step.as_str();
        if step.chars().count() > 1 {
            press(&mut a, step);
        } else {
            type_text(&mut a, step);
        }
        t.draw(|f| yichuang::ui::draw(f, &a, &theme)).unwrap();
        vt.process(&bytes.borrow());
        bytes.borrow_mut().clear();
        let expected: Vec<String> = screen(&a, w, h).lines().map(|l| l.trim_end().to_string()).collect();
        let shown: Vec<String> = vt.screen().rows(0, w).map(|l| l.trim_end().to_string()).collect();
        // What the backend believes the terminal shows must be what it shows: it re-sends
        // cells from that belief.
        {
            let mirror = t.backend().shown();
            let mut differs = Vec::new();
            for y in 0..mirror.area.height.min(h) {
                for x in 0..mirror.area.width.min(w) {
                    let m = mirror[(x, y)].symbol();
                    let v = vt.screen().cell(y, x).map(|c| c.contents().to_string()).unwrap_or_default();
                    let v = if v.is_empty() { " ".to_string() } else { v };
                    let wide_cont = x > 0 && yichuang::domain::text::display_width(mirror[(x - 1, y)].symbol()) > 1;
                    if m != v && !wide_cont {
                        differs.push((x, y, m.to_string(), v));
                    }
                }
            }
            assert!(differs.is_empty(), "after {step:?} (history {history:?}): {:?}", &differs[..differs.len().min(5)]);
        }
        assert_eq!(shown, expected, "after {step:?} (history {history:?})");
        history.push(step.to_string());
    }
}

/// The Cases screen on the demo data of a fixed day: list colours aside, what a clerk sees.
#[test]
fn cases_screen_on_the_demo_day() {
    use chrono::DateTime;
    use yichuang::storage::Clock;
    let dir = tempfile::tempdir().unwrap();
    let (mut db, _) = yichuang::setup::open_or_init(&dir.path().join("d.sqlite3"), "root").unwrap();
    let t = DateTime::parse_from_rfc3339("2026-11-20T09:41:00+08:00").unwrap();
    yichuang::sample::demo::populate(&mut db, t, &["wangfang", "liqiang", "zhouli"]).unwrap();
    db.set_clock(Clock::Fixed(t));
    let mut a = app(Lang::Zh, "default");
    common::send(&mut a, Msg::Resize(120, 34));
    common::send(&mut a, Msg::ResidentsLoaded(yichuang::app::residents::ResidentPage::new(db.residents().unwrap())));
    press(&mut a, "f4");
    let filter = a.cases.filter("wangfang", a.today());
    let list = db.cases(&filter, None, 500).unwrap();
    let counts = db.case_counts(a.today()).unwrap();
    let total = list.len();
    let effects = common::send(&mut a, Msg::CasesLoaded(list, counts, total));
    let Some(yichuang::app::Effect::LoadCase(id)) = effects.first().cloned() else { panic!("{effects:?}") };
    let c = db.case(id).unwrap().unwrap();
    common::send(&mut a, Msg::CaseLoaded(c, db.case_materials(id).unwrap(), db.case_events(id).unwrap()));
    let s = screen(&a, 120, 34);
    assert!(s.contains("已超期") && s.contains("到期日怎么算") && s.contains("超期"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn titles_hints_and_toasts_name_the_keys_of_the_keymap_in_force() {
    // A mediator who moved "new case" from n to m and "switch view" from F3 to F4.
    let mut keymap = yichuang::keymap::Keymap::builtin("default").unwrap();
    keymap
        .merge(
            "keymap.toml",
            "[mediation]\nn = \"none\"\nm = \"new_mediation\"\n[members]\nf3 = \"none\"\nf4 = \"members_view\"\n",
        )
        .unwrap();
    let mut a = common::app_as(yichuang::domain::operator::Role::Mediator, Lang::Zh, "default");
    a.keymap = keymap.clone();
    press(&mut a, "alt-j");
    let s = screen(&a, 100, 30);
    assert!(s.contains("按 m 登记") && s.contains("m 新案件"), "{s}");
    assert!(!s.contains("n 新案件") && !s.contains("按 n"), "{s}");
    // The member desk: the view bar and the toast for a decline with no record chosen.
    let mut d = common::app_as(yichuang::domain::operator::Role::MemberDesk, Lang::Zh, "default");
    d.keymap = keymap;
    press(&mut d, "alt-m");
    let s = screen(&d, 100, 30);
    assert!(s.contains("F4 切换") && !s.contains("F3 切换"), "{s}");
    press(&mut d, "ctrl-d");
    let s = screen(&d, 100, 30);
    assert!(s.contains("Shift-↑/Shift-↓") && !s.contains("{detail_up}"), "the toast names the keys:\n{s}");
}

/// The Catalog marks a suggestion as such: a partial match for a query with wrapper words, a
/// slipped key for a mistyped one (beside the exact matches it outranks).
#[test]
fn catalog_marks_partial_matches_and_slipped_keys() {
    let s = sized(Lang::Zh, 100, 12, "孩子上户口");
    assert!(s.contains("[部分匹配] 出生登记"), "{s}");
    insta::assert_snapshot!("catalog_partial_zh", s);
    let s = sized(Lang::En, 100, 12, "jzdy");
    assert!(s.contains("[did you mean]"), "{s}");
    insta::assert_snapshot!("catalog_typo_en", s);
}

/// The demo street loaded into a desk of the given size, on the Residents tab.
fn residents_app(lang: Lang, w: u16, h: u16) -> yichuang::app::App {
    use chrono::DateTime;
    let dir = tempfile::tempdir().unwrap();
    let (mut db, _) = yichuang::setup::open_or_init(&dir.path().join("d.sqlite3"), "root").unwrap();
    let t = DateTime::parse_from_rfc3339("2026-11-20T09:41:00+08:00").unwrap();
    yichuang::sample::demo::populate(&mut db, t, &["wangfang", "liqiang", "zhouli"]).unwrap();
    let mut a = app(lang, "default");
    common::send(&mut a, Msg::Resize(w, h));
    common::send(&mut a, Msg::ResidentsLoaded(yichuang::app::residents::ResidentPage::new(db.residents().unwrap())));
    a
}

/// Digits list residents from the first one typed, each row saying which number ended so.
#[test]
fn residents_list_says_which_number_matched() {
    for (lang, id, phone) in [(Lang::Zh, "[身份证尾号]", "[手机尾号]"), (Lang::En, "[ID tail]", "[phone tail]")]
    {
        let mut a = residents_app(lang, 110, 14);
        press(&mut a, "f6");
        type_text(&mut a, "3");
        let s = screen(&a, 110, 14);
        assert!(s.contains(id) && s.contains(phone), "{s}");
        insta::assert_snapshot!(format!("residents_tails_{lang:?}"), s);
    }
}

/// Intake's applicant picker marks tails and slipped keys the same way.
#[test]
fn intake_picker_marks_how_each_candidate_matched() {
    let mut a = residents_app(Lang::Zh, 110, 12);
    press(&mut a, "f2");
    type_text(&mut a, "gljt");
    press(&mut a, "enter");
    press(&mut a, "enter");
    type_text(&mut a, "3");
    let s = screen(&a, 110, 12);
    assert!(s.contains("[手机尾号]") || s.contains("[身份证尾号]"), "{s}");
    insta::assert_snapshot!("intake_picker_tails", s);
    press(&mut a, "backspace");
    type_text(&mut a, "wangxiuyimg");
    let s = screen(&a, 110, 12);
    assert!(s.contains("王秀英") && s.contains("[近似]"), "{s}");
}

/// The Requests tab on the demo week at a fixed time, as a supervisor sees it (every
/// complaint's resident shown), fed what the worker reads; the first request highlighted.
fn requests_app(lang: Lang, w: u16, h: u16) -> yichuang::app::App {
    use chrono::DateTime;
    use yichuang::app::requests::{RequestMsg, RequestOp};
    use yichuang::storage::Clock;
    let (_dir, _path, mut db) = common::demo_morning("2026-11-20T09:41:00+08:00");
    let t = DateTime::parse_from_rfc3339("2026-11-20T09:41:00+08:00").unwrap();
    yichuang::sample::demo::populate_requests(&mut db, t).unwrap();
    db.set_clock(Clock::Fixed(t));
    let mut a = common::app_as(yichuang::domain::operator::Role::Supervisor, lang, "default");
    common::send(&mut a, Msg::Resize(w, h));
    let mut effects = press(&mut a, "alt-q");
    effects.push(yichuang::app::requests::reload(&a));
    let reader = yichuang::model::requests::Reader { login: "wangfang".into(), supervisor: true };
    while let Some(e) = effects.pop() {
        let msg = match e {
            yichuang::app::Effect::Requests(RequestOp::Page(f, after)) => {
                RequestMsg::Page(f.clone(), after, db.request_page(&reader, &f, after).unwrap())
            }
            yichuang::app::Effect::Requests(RequestOp::Events(id)) => {
                RequestMsg::Events(id, db.request_events(id).unwrap())
            }
            _ => continue,
        };
        effects.extend(common::send(&mut a, Msg::Requests(msg)));
    }
    a
}

#[test]
fn requests_zh_80x24() {
    let a = requests_app(Lang::Zh, 80, 24);
    insta::assert_snapshot!(screen(&a, 80, 24));
}

#[test]
fn requests_en_80x24() {
    let a = requests_app(Lang::En, 80, 24);
    insta::assert_snapshot!(screen(&a, 80, 24));
}

#[test]
fn requests_zh_160x48() {
    let a = requests_app(Lang::Zh, 160, 48);
    let s = screen(&a, 160, 48);
    assert!(s.contains("已超期") && s.contains("办理经过"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn requests_en_160x48() {
    let a = requests_app(Lang::En, 160, 48);
    insta::assert_snapshot!(screen(&a, 160, 48));
}

/// Whatever the size, the Requests tab draws without a panic, its dialogs too.
#[test]
fn requests_every_small_size_renders_without_panic() {
    let mut a = requests_app(Lang::Zh, 80, 24);
    for (w, h) in [(1, 1), (2, 2), (10, 3), (20, 6), (39, 11), (60, 15), (99, 16)] {
        common::send(&mut a, Msg::Resize(w, h));
        screen(&a, w, h);
    }
    press(&mut a, "v");
    for (w, h) in [(1, 1), (10, 3), (30, 8)] {
        screen(&a, w, h);
    }
}
