//! A desk for app-flow tests: keys in, effects carried out by the real worker.
#![allow(dead_code)]

use chrono::DateTime;
use yichuang::app::notice::Notice;
use yichuang::app::{self, App, Effect, Msg, Session};
use yichuang::domain::lang::Lang;
use yichuang::domain::operator::Role;
use yichuang::domain::queue::TicketState;
use yichuang::keymap::{KeyChord, Keymap};
use yichuang::runtime::worker::{WorkerContext, handle};
use yichuang::storage::{Clock, Db};

/// A fixed clock at an RFC 3339 time.
pub fn clock(s: &str) -> Clock {
    Clock::Fixed(DateTime::parse_from_rfc3339(s).unwrap())
}

/// One operator's desk: the app fed by the real worker on a temporary database.
pub struct Desk {
    /// Keeps the database alive.
    pub dir: tempfile::TempDir,
    /// The database.
    pub db: Db,
    /// The worker's context.
    pub ctx: WorkerContext,
    /// The app.
    pub app: App,
}

impl Desk {
    /// A clerk at window 1 (王芳) on a fresh database.
    pub fn open(now: &str) -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let (db, _) = yichuang::setup::open_or_init(&dir.path().join("q.sqlite3"), "root").unwrap();
        Desk::with(dir, db, "wangfang", "王芳", Role::Clerk, Some(1), now)
    }

    /// Someone signed in on an existing database (registered if new).
    pub fn with(
        dir: tempfile::TempDir,
        mut db: Db,
        login: &str,
        name: &str,
        role: Role,
        window: Option<u16>,
        now: &str,
    ) -> Desk {
        if db.operator(login).unwrap().is_none() {
            db.add_operator("root", login, name, role, window).unwrap();
        }
        db.set_clock(clock(now));
        let op = db.operator(login).unwrap().unwrap();
        let ctx = WorkerContext {
            operator: op.clone(),
            print_command: None,
            receipts_dir: dir.path().join("receipts"),
            paper: yichuang::i18n::receipt::Paper::Receipt48,
            keys_file: None,
            acting: None,
            clock: db.clock(),
        };
        let session = Session { operator: op, db_path: "q.sqlite3".into(), demo: false };
        let t = db.clock().now().naive_local();
        let app = App::new(Lang::Zh, Keymap::builtin("default").unwrap(), session, t, yichuang::i18n::describe);
        let mut d = Desk { dir, db, ctx, app };
        let start = d.app.start();
        d.run(start);
        d
    }

    /// Carries out effects as the worker would, feeding the answers back, until quiet.
    /// See the tests.
    pub fn run(&mut self, mut effects: Vec<Effect>) {
        while let Some(e) = effects.pop() {
            for m in handle(&mut self.db, &self.ctx, e) {
                effects.extend(app::update(&mut self.app, m));
            }
        }
    }

    /// See the tests.
    pub fn press(&mut self, key: &str) {
        self.press_effects(key);
    }

    /// Presses a key and returns the effects it asked for (they are carried out too).
    pub fn press_effects(&mut self, key: &str) -> Vec<Effect> {
        let e = app::update(&mut self.app, Msg::Key(KeyChord::parse(key).unwrap()));
        self.run(e.clone());
        e
    }

    /// See the tests.
    pub fn typed(&mut self, text: &str) {
        for c in text.chars() {
            let e = app::update(&mut self.app, Msg::Key(KeyChord::plain(yichuang::keymap::Key::Char(c))));
            self.run(e);
        }
    }

    /// See the tests.
    pub fn last_toast(&self) -> Notice {
        self.app.toasts.last().expect("a toast").notice.clone()
    }

    /// See the tests.
    pub fn current(&self) -> Option<(String, TicketState)> {
        self.app.queue.current(&self.app.session.operator.login.clone()).map(|t| (t.number.clone(), t.state))
    }
}
