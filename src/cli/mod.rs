//! Arguments, commands, error messages and exit codes.

mod args;
mod backup;
mod board;
mod clock;
mod district;
mod export_people;
mod find;
mod import;
mod keys;
mod members;
mod operators;
mod out;
mod queue;
mod replicate;
mod report;
mod request;
mod room;
mod ssh;
mod window;

use crate::app::{App, Session};
use crate::domain::lang::Lang;
use crate::domain::operator::{Operator, Permission, Role};
use crate::i18n::cli::{self as say, Refusal};
use crate::i18n::deploy::Deploy;
use crate::i18n::{self};
use crate::setup::{self, SetupError};
use crate::storage::{Db, StorageError};
pub use args::*;
use clap::Parser;
pub use find::search_items;
use out::out;
pub use room::viewer;
use std::path::{Path, PathBuf};
/// A command's failure: words and an exit code.
#[derive(Debug)]
pub enum Failure {
    /// Setup or storage trouble.
    Setup(SetupError),
    /// A refusal of bad input.
    Refused(Refusal),
    /// `check` found problems.
    Unsound(PathBuf, Vec<String>),
    /// A queue or appointment rule refused it.
    Queue(crate::storage::QueueError),
    /// A room rule refused it.
    Room(crate::storage::RoomOpError),
    /// The deployment refused it: SSH keys, the forced command, the terminal.
    Deploy(Deploy),
    /// A file or folder could not be written.
    File(crate::domain::files::FileTrouble),
    /// Replication or restore through Litestream failed.
    Replica(crate::model::replica::ReplicaTrouble),
    /// Whoever read standard output stopped (`| head -1`): the command ends quietly.
    Closed,
    /// A failure the command has already told on stderr, line by line (some weeks of a series
    /// could not be booked): only its exit code is left to give, so nothing prints twice.
    Told(Box<Failure>),
    /// A child's exit code to leave with (Litestream's, under `replicate run`).
    Exit(i32),
}

impl From<SetupError> for Failure {
    fn from(e: SetupError) -> Self {
        Failure::Setup(e)
    }
}

impl From<StorageError> for Failure {
    fn from(e: StorageError) -> Self {
        Failure::Setup(SetupError::Storage(e))
    }
}

impl Failure {
    /// One clear line (or a few, for `check`) in the UI language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Failure::Refused(r) => say::refusal(lang, r),
            Failure::Unsound(p, problems) => say::check_failed(lang, p, problems),
            Failure::Queue(e) => i18n::queue::queue_error(lang, e),
            Failure::Room(e) => i18n::rooms::room_error(lang, e),
            Failure::Deploy(d) => i18n::deploy::refusal(lang, d),
            Failure::File(t) => i18n::deploy::file_trouble(lang, t),
            Failure::Replica(t) => i18n::words::replica::trouble(lang, t),
            Failure::Closed | Failure::Told(_) | Failure::Exit(_) => String::new(),
            Failure::Setup(e) => match e {
                SetupError::Storage(e) => i18n::storage_error(lang, e),
                SetupError::Config(e) => i18n::config_error(lang, e),
                SetupError::Keymap(e) => i18n::keymap_error(lang, e),
                SetupError::Catalog(e) => i18n::catalog_error(lang, e),
                SetupError::Calendar(e) => i18n::calendar_error(lang, e),
                SetupError::Identity(e) => i18n::identity_error(lang, e),
                SetupError::UnknownKeymap(k) => say::refusal(lang, &Refusal::UnknownKeymap(k.clone())),
                SetupError::Read { path, message } => {
                    say::refusal(lang, &Refusal::Read { path: path.display().to_string(), message: message.clone() })
                }
                SetupError::NoDataDir => say::refusal(lang, &Refusal::NoDataDir),
                SetupError::NotDemo(p) => say::refusal(lang, &Refusal::NotDemo(p.display().to_string())),
            },
        }
    }

    /// 2 for bad usage or input (including an unusable database), [`DENIED`] when this
    /// person may not do it (their role, a retired or unknown login), 1 for other failures.
    pub fn exit_code(&self) -> i32 {
        match self {
            Failure::Closed => 0,
            Failure::Told(f) => f.exit_code(),
            Failure::Exit(code) => *code,
            Failure::Refused(Refusal::Denied { .. }) => DENIED,
            Failure::Setup(SetupError::Identity(e)) if *e != crate::domain::operator::IdentityError::NoLogin => DENIED,
            Failure::Unsound(..) | Failure::File(_) | Failure::Replica(_) => 1,
            Failure::Refused(Refusal::NoTerminal(_) | Refusal::Write { .. }) => 1,
            Failure::Setup(SetupError::Storage(StorageError::Sqlite(_) | StorageError::Integrity(_))) => 1,
            _ => 2,
        }
    }
}

/// The exit code of a permission refusal: the role may not do this, or the login may not use the
/// desk at all (sysexits' EX_NOPERM), so that a script tells it from bad usage (2).
pub const DENIED: i32 = 77;

/// Runs the program with these arguments; returns the exit code.
pub fn main_with(args: Vec<std::ffi::OsString>) -> i32 {
    let typed: Vec<String> = args.iter().map(|a| a.to_string_lossy().into_owned()).collect();
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) if e.use_stderr() => {
            // clap echoes the offending argument too: cut it like ours.
            use std::io::IsTerminal;
            let colour = std::io::stderr().is_terminal() && !no_color();
            let message = if colour { e.render().ansi().to_string() } else { e.render().to_string() };
            eprint!("{}", out::cut_arguments(&message, &typed));
            return 2;
        }
        Err(e) => {
            // --help and --version: a closed pipe is no failure here either.
            let _ = e.print();
            return 0;
        }
    };
    let config = match setup::load_config() {
        Ok(c) => c,
        Err(e) => {
            let f = Failure::from(e);
            eprintln!("{}", f.message(Lang::Zh));
            return f.exit_code();
        }
    };
    // The flag wins over the config file, which serde has already checked.
    let lang = match cli.lang.as_deref().map(|l| (l, Lang::parse(l))) {
        None => config.lang.unwrap_or_default(),
        Some((_, Some(l))) => l,
        Some((l, None)) => {
            let message = say::refusal(Lang::Zh, &Refusal::BadLang(l.to_string()));
            eprintln!("{}", out::cut_arguments(&message, &typed));
            return 2;
        }
    };
    match run(&cli, &config, lang) {
        Ok(()) | Err(Failure::Closed) => 0,
        Err(Failure::Told(f)) => f.exit_code(),
        Err(f) => {
            eprintln!("{}", out::cut_arguments(&f.message(lang), &typed));
            f.exit_code()
        }
    }
}

fn run(cli: &Cli, config: &crate::domain::config::Config, lang: Lang) -> Result<(), Failure> {
    // Who runs this comes from the kernel: the password entry of the real uid.
    let login = setup::os_login()?;
    let start = clock::requested(cli)?;
    if let Some(Command::Ssh { login: who, key }) = &cli.command {
        return ssh::session(cli, config, lang, who, *key, start);
    }
    // The street office has no centre database: its view reads the centres' copies only.
    if let Some(Command::District { config: file, command }) = &cli.command {
        return district::run(cli, lang, file, command.as_ref(), start);
    }
    if let Some(Command::Generate { residents, days, members, seed }) = &cli.command {
        let path = setup::demo_path_named(cli.db.as_deref(), "generated.sqlite3")?;
        let members = members.unwrap_or(residents / 10);
        let scale = crate::sample::generate::Scale { residents: *residents, members, days: *days, seed: *seed };
        let started = std::time::Instant::now();
        let g = crate::sample::generate::generate_at(&path, &login, scale, start)?;
        // The residents' shared file too, so the first desk opened on it does not build it.
        let mut db = crate::storage::Db::open(&path)?;
        db.set_clock(clock::for_db(&path, start)?);
        crate::runtime::residents_file::load(&db);
        out!("{}", say::generated(lang, &path, &g, started.elapsed().as_secs_f64()));
        return Ok(());
    }
    if let Some(Command::Restore { from, endpoint, at, path }) = &cli.command {
        // Before any database is opened: the one to restore may be lost, and none is created
        // in its place. The object store's credentials are what allow a restore.
        return replicate::restore(lang, from, endpoint.as_deref(), at.as_deref(), path);
    }
    // The session's one clock, checked before anything is opened for writing.
    let (path, clock) = if cli.demo {
        let p = setup::demo_path(cli.db.as_deref())?;
        let made = crate::sample::demo::make_at(&p, &login, start)?;
        (p, made.clock())
    } else {
        let p = setup::db_path(cli.db.as_deref(), config)?;
        let clock = clock::for_db(&p, start)?;
        (p, clock)
    };
    crate::storage::files::share_umask(crate::storage::files::folder(&path));
    if let Some(Command::Init) = &cli.command {
        let (db, created) = setup::open_or_init(&path, &login)?;
        if created {
            out!("{}", say::init_created(lang, &path, db.service_items()?.len(), db.calendar_days()?.len(), &login));
        } else {
            // Initialising an existing database is an admin's business: refuse strangers.
            setup::identify(&db, &login, None)?;
            out!("{}", say::init_exists(lang, &path, db.schema_version()?));
        }
        return Ok(());
    }
    let (mut db, _) = setup::open_or_init(&path, &login)?;
    db.set_clock(clock);
    let me = setup::identify(&db, &login, cli.as_login.as_deref())?;
    let acting = (me.login != login).then_some(login);
    db.set_acting(acting.clone());
    dispatch(cli, config, lang, db, me, &path, acting)
}

/// Runs a command (or the desk) for an operator already identified, after the one check of
/// the permission table; the same for a local shell and an SSH key's forced command.
fn dispatch(
    cli: &Cli,
    config: &crate::domain::config::Config,
    lang: Lang,
    mut db: Db,
    me: Operator,
    path: &Path,
    acting: Option<String>,
) -> Result<(), Failure> {
    if let Some(p) = permission(cli.command.as_ref()) {
        require(&me, p)?;
    }
    match &cli.command {
        None if me.role == Role::Board => board::run(lang, db, path, config, None),
        None if me.role.is_machine() => Err(Failure::Deploy(Deploy::MachineDesk(me.role))),
        None => tui(cli, config, lang, db, me, path, acting),
        Some(
            Command::Init
            | Command::Generate { .. }
            | Command::Ssh { .. }
            | Command::District { .. }
            | Command::Restore { .. },
        ) => Ok(()),
        Some(Command::Items { query, json, limit }) => find::items(&db, lang, query.as_deref(), *json, *limit),
        Some(Command::Check { replica_config }) => replicate::check(&db, lang, path, replica_config.as_deref()),
        Some(Command::Replicate { command }) => replicate::replicate(&mut db, lang, &me, path, command),
        Some(Command::Backup { path: to }) => backup::backup(&mut db, lang, &me, to),
        Some(Command::Keys { command }) => keys::run(&mut db, config, lang, &me, command),
        Some(Command::Queue { command }) => queue::queue(&mut db, lang, &me, command),
        Some(Command::Window { command }) => window::window(&mut db, lang, &me, command),
        Some(Command::Room { command }) => room::room(&mut db, lang, &me, command),
        Some(Command::Board { http, notices: None, voice: None, quiet: None }) => {
            board::run(lang, db, path, config, http.as_deref())
        }
        Some(Command::Board { notices, voice, quiet, .. }) => {
            board::settings(&mut db, lang, &me, notices.as_deref(), *voice, quiet.as_deref())
        }
        Some(Command::Find { query, within: FindIn::Items, json, limit }) => {
            find::items(&db, lang, Some(query), *json, *limit)
        }
        Some(Command::Find { query, within: FindIn::Residents, json, limit }) => {
            find::find_residents(&db, lang, query, *json, *limit)
        }
        Some(Command::Find { query, within: FindIn::Members, json, limit }) => {
            find::find_members(&db, lang, query, *json, *limit)
        }
        Some(Command::Find { query, within: FindIn::Cases, json, limit }) => {
            find::find_cases(&db, lang, query, *json, *limit)
        }
        Some(Command::Find { query, within: FindIn::Requests, json, limit }) => {
            request::find(&db, lang, &me, query, *json, *limit)
        }
        Some(Command::Request { command }) => request::request(&mut db, lang, &me, command),
        Some(Command::Members { command }) => members::members(&mut db, lang, &me, command),
        Some(Command::Operator { command }) => operators::operator(&mut db, config, lang, &me, command),
        Some(Command::Import { what }) => import::import(&mut db, lang, &me, what),
        Some(Command::Export { what, format, reveal, out }) => {
            export_people::export(&mut db, lang, &me, *what, *format, *reveal, out.as_deref())
        }
        Some(Command::Report { period, date, format, out }) => report::report(
            &mut db,
            lang,
            &me,
            *period == ReportPeriod::Monthly,
            date.as_deref(),
            *format,
            out.as_deref(),
        ),
    }
}

/// The one table of what each command needs (DESIGN §5), checked before it runs, locally and
/// over SSH alike. `None`: the desk itself (each screen checks its own), or commands that
/// identify their caller their own way (init, generate, the SSH forced command). No wildcard
/// arm: a new command or subcommand does not compile without a decision here, and
/// `tests/cli_permissions.rs` runs every one of them as a role without it.
pub fn permission(cmd: Option<&Command>) -> Option<Permission> {
    use Permission::*;
    let cmd = cmd?;
    Some(match cmd {
        // `district` opens no centre database to look its user up in: district.toml's owner
        // is who may run it (cli/district.rs), and the copies' own permissions stand.
        Command::Init | Command::Generate { .. } | Command::Ssh { .. } | Command::District { .. } => return None,
        // A restore writes only a new file, from the replica the object store's credentials open.
        Command::Restore { .. } => return None,
        Command::Replicate { command: ReplicateCommand::Config { .. } } => Supervise,
        // The server's replication runs as the service account (an admin: it initialised the file).
        Command::Replicate { command: ReplicateCommand::Run { .. } } => Administer,
        Command::Items { .. } | Command::Find { within: FindIn::Items, .. } => ReadCatalog,
        Command::Find { within: FindIn::Residents | FindIn::Cases, .. } => Cases,
        Command::Find { within: FindIn::Members, .. } => Members,
        Command::Find { within: FindIn::Requests, .. } => Requests,
        Command::Request { command } => match command {
            RequestCommand::Dispatch { .. } | RequestCommand::Escalate { .. } => Dispatch,
            RequestCommand::Add { .. }
            | RequestCommand::List { .. }
            | RequestCommand::Show { .. }
            | RequestCommand::Candidates { .. }
            | RequestCommand::Accept { .. }
            | RequestCommand::Start { .. }
            | RequestCommand::Return { .. }
            | RequestCommand::Done { .. }
            | RequestCommand::Rate { .. } => Requests,
        },
        // The member desk brings in the rosters work units send (as from its screen).
        Command::Import { what: ImportCommand::Members(_) } => Members,
        Command::Check { .. } | Command::Backup { .. } | Command::Report { .. } | Command::Import { .. } => Supervise,
        Command::Export { .. } => Supervise,
        Command::Keys { .. } => Administer,
        Command::Board { notices: None, voice: None, quiet: None, .. } => ShowBoard,
        Command::Board { .. } => Supervise,
        Command::Queue { command } => match command {
            QueueCommand::Take { .. } => TakeNumber,
            QueueCommand::Status { .. } => ReadCatalog,
            QueueCommand::Call { .. } => Cases,
            QueueCommand::Close | QueueCommand::Threshold { .. } => Supervise,
        },
        Command::Window { command } => match command {
            WindowCommand::List => ReadCatalog,
            WindowCommand::Set { .. } | WindowCommand::Free { .. } => Supervise,
        },
        Command::Room { command } => match command {
            RoomCommand::List { .. } => ReadCatalog,
            RoomCommand::Add { .. } | RoomCommand::Retire { .. } => Supervise,
            RoomCommand::Book { .. } => Mediation,
            RoomCommand::Horizon { rooms: None, appointments: None } => ReadCatalog,
            RoomCommand::Horizon { .. } => Supervise,
        },
        Command::Members { command } => match command {
            MembersCommand::Settings { target: None, report_months: None, approval_hours: None } => Members,
            MembersCommand::Settings { .. } => Supervise,
            MembersCommand::List { .. } | MembersCommand::Feedback { .. } => Members,
        },
        Command::Operator { command } => match command {
            OperatorCommand::List { .. } => Supervise,
            OperatorCommand::Add { .. } | OperatorCommand::Retire { .. } | OperatorCommand::Restore { .. } => {
                Administer
            }
        },
    })
}

/// The role to name in a refusal: the one whose work `p` is (the member desk for members,
/// not the clerks who may also look), else the least powerful role that has it.
fn needs(p: Permission) -> Role {
    match p {
        Permission::Members => Role::MemberDesk,
        Permission::Mediation => Role::Mediator,
        _ => Role::ALL.into_iter().find(|r| r.may(p)).unwrap_or(Role::Admin),
    }
}

fn require(me: &Operator, p: Permission) -> Result<(), Failure> {
    if me.role.may(p) {
        Ok(())
    } else {
        Err(Failure::Refused(Refusal::Denied { login: me.login.clone(), role: me.role, needs: needs(p) }))
    }
}

fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

fn tui(
    cli: &Cli,
    config: &crate::domain::config::Config,
    lang: Lang,
    db: Db,
    me: Operator,
    path: &Path,
    acting: Option<String>,
) -> Result<(), Failure> {
    setup::term::full_screen().map_err(|t| Failure::Deploy(Deploy::NeedsTerminal(t)))?;
    let keymap = setup::keymap(cli.keymap.as_deref().or(config.keymap.as_deref()))?;
    let clock = db.clock();
    let demo = db.is_demo()?;
    drop(db);
    let receipts_dir = crate::storage::files::folder(path).join("receipts");
    let ctx = crate::runtime::worker::WorkerContext {
        operator: me.clone(),
        print_command: config.print_command.clone(),
        receipts_dir,
        paper: match config.paper.unwrap_or_default() {
            crate::domain::config::Paper::A4 => crate::i18n::receipt::Paper::A4,
            crate::domain::config::Paper::Receipt => crate::i18n::receipt::Paper::Receipt48,
        },
        keys_file: keys::keys_file(path, config).ok().map(|f| {
            crate::runtime::worker::KeysSync(std::sync::Arc::new(move |keys: &[crate::domain::ssh_key::SshKey]| {
                f.write(keys)
            }))
        }),
        acting,
        clock,
    };
    let session = Session { operator: me, db_path: path.display().to_string(), demo };
    let app = App::new(lang, keymap, session, clock.now().naive_local(), i18n::describe);
    crate::runtime::run(app, path.to_path_buf(), crate::ui::Theme::new(no_color()), clock, ctx)
        .map_err(|e| Failure::Refused(Refusal::NoTerminal(e.to_string())))
}
