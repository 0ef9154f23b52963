//! Arguments, commands, error messages and exit codes.

use crate::app::{App, Lang, Session};
use crate::domain::calendar::CalendarFile;
use crate::domain::catalog::{Catalog, ServiceItem};
use crate::domain::operator::{Operator, Permission, Role, valid_login};
use crate::domain::text;
use crate::i18n::cli::{self as say, Refusal};
use crate::i18n::{self};
use crate::search::{Index, item_document};
use crate::setup::{self, SetupError};
use crate::storage::{Db, OperatorChange, StorageError};
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};

/// 一窗: the one-window service desk of a community party-and-masses service centre.
#[derive(Debug, Parser)]
#[command(name = "yichuang", version, about)]
pub struct Cli {
    /// Database file (else YICHUANG_DB, the config file, or the XDG data directory).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Interface language: zh (default) or en.
    #[arg(long, global = true, value_name = "zh|en")]
    pub lang: Option<String>,
    /// Keymap: default, vim, or the path of a keymap file.
    #[arg(long, global = true, value_name = "NAME|PATH")]
    pub keymap: Option<String>,
    /// Act as another operator (admins and demo databases only).
    #[arg(long = "as", global = true, value_name = "LOGIN")]
    pub as_login: Option<String>,
    /// Open a fresh demo database of a working day.
    #[arg(long)]
    pub demo: bool,
    /// What to do; without a command the desk opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create or migrate the database, load the catalog and calendar.
    Init,
    /// Search the service-item catalog.
    Items {
        /// Name, pinyin, initials, code or keyword; all items when absent.
        query: Option<String>,
        /// Print a JSON array, best match first.
        #[arg(long)]
        json: bool,
        /// At most this many items.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
    },
    /// Manage operators.
    Operator {
        #[command(subcommand)]
        command: OperatorCommand,
    },
    /// Import a catalog or calendar file.
    Import {
        #[command(subcommand)]
        what: ImportCommand,
    },
    /// Check the database's integrity and schema.
    Check,
    /// Make a synthetic centre of any size (for benchmarks and trials): residents, members and
    /// a history of tickets, cases, bookings and activities. Replaces only a demo database.
    Generate {
        /// Residents on file.
        #[arg(long, default_value_t = 100_000)]
        residents: usize,
        /// Days of history before today.
        #[arg(long, default_value_t = 365)]
        days: u32,
        /// Party members (default: one for every ten residents).
        #[arg(long)]
        members: Option<usize>,
        /// The same seed gives the same centre.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Copy the database to PATH while others keep working (supervisors); the copy is checked.
    Backup {
        /// A new file for the copy.
        path: PathBuf,
    },
    /// Queue numbers for kiosks and scripts.
    Queue {
        #[command(subcommand)]
        command: QueueCommand,
    },
    /// The hall display: every window's current number, the last called, waiting counts.
    Board,
    /// Mediation rooms and their bookings.
    Room {
        #[command(subcommand)]
        command: RoomCommand,
    },
    /// Counter windows (supervisors).
    Window {
        #[command(subcommand)]
        command: WindowCommand,
    },
    /// Party members reporting to the community.
    Members {
        #[command(subcommand)]
        command: MembersCommand,
    },
    /// Search residents or party members (by name, pinyin, initials, ID or phone tail) or items.
    Find {
        /// What to look for.
        query: String,
        /// Where to look.
        #[arg(long = "in", value_enum)]
        within: FindIn,
        /// Print a JSON array, best match first (ID and phone masked).
        #[arg(long)]
        json: bool,
        /// At most this many.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
    },
    /// Daily or monthly statistics: queue, cases, rooms, members (supervisors).
    Report {
        /// `daily` (that day) or `monthly` (its calendar month).
        #[arg(value_enum)]
        period: ReportPeriod,
        /// A day in the period, e.g. 2026-11-20 (default today).
        #[arg(long, value_name = "D")]
        date: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Csv)]
        format: ReportFormat,
        /// File to write (default stdout; required for xlsx).
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
    },
}

/// How long a report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportPeriod {
    /// One day.
    Daily,
    /// The calendar month.
    Monthly,
}

/// Formats of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// CSV with a byte-order mark, a section column first.
    Csv,
    /// An Excel workbook, one sheet per section.
    Xlsx,
    /// One JSON object.
    Json,
}

/// `queue` subcommands.
#[derive(Debug, Subcommand)]
pub enum QueueCommand {
    /// Issue a number: category code, letter or name, or an item's code or name.
    Take {
        /// e.g. SB, A, 社保, SB-001.
        what: String,
        /// 绿色通道, with a reason (default: 窗口判断).
        #[arg(long, num_args = 0..=1, default_missing_value = "窗口判断", value_name = "REASON")]
        green: Option<String>,
        /// Print a JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Waiting counts per category and each window's current number.
    Status {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Call the next number to a window (for hardware callers and scripts); signs the
    /// operator in at the window first if needed.
    Call {
        /// The window (default: the operator's).
        #[arg(long)]
        window: Option<u16>,
        /// Print a JSON object.
        #[arg(long)]
        json: bool,
    },
    /// At closing: expire the numbers still waiting and record missed appointments.
    Close,
    /// Set a category's waiting-count alarm threshold (supervisors).
    Threshold {
        /// Category code, letter or name.
        category: String,
        /// Alarm when this many wait (1–999).
        count: u32,
    },
}

/// `room` subcommands.
#[derive(Debug, Subcommand)]
pub enum RoomCommand {
    /// List rooms and a day's bookings (parties and purposes only for their mediator).
    List {
        /// Day (default today), YYYY-MM-DD.
        #[arg(long)]
        date: Option<chrono::NaiveDate>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Add a room (supervisors).
    Add {
        /// Name.
        name: String,
        /// Seats.
        #[arg(long, default_value_t = 8)]
        capacity: u16,
        /// Opens, HH:MM.
        #[arg(long, default_value = "08:30")]
        opens: String,
        /// Closes, HH:MM.
        #[arg(long, default_value = "17:30")]
        closes: String,
    },
    /// Retire a room (supervisors): its bookings stay, it takes no new ones.
    Retire {
        /// Room id.
        id: i64,
    },
    /// Book a room (mediators): start and end as YYYY-MM-DDTHH:MM.
    Book {
        /// Room id or name.
        room: String,
        /// Start.
        #[arg(long)]
        start: String,
        /// End.
        #[arg(long)]
        end: String,
        /// What for (or a mediation case number).
        #[arg(long, default_value = "")]
        purpose: String,
        /// Repeat weekly for this many weeks.
        #[arg(long, default_value_t = 1)]
        weeks: u32,
    },
}

/// `window` subcommands.
#[derive(Debug, Subcommand)]
pub enum WindowCommand {
    /// List windows.
    List,
    /// Create or change a window.
    Set {
        /// Window number (1–99).
        number: u16,
        /// Name shown on the board.
        #[arg(long)]
        name: String,
        /// Category codes it serves, comma-separated (e.g. SB,YB).
        #[arg(long, value_delimiter = ',')]
        categories: Vec<String>,
    },
}

/// `members` subcommands.
#[derive(Debug, Subcommand)]
pub enum MembersCommand {
    /// List members with this year's hours; flags who is below the target or due to report.
    List {
        /// Only members due to report again (报到).
        #[arg(long)]
        overdue: bool,
        /// Only members below the yearly target.
        #[arg(long)]
        below: bool,
        /// Print a JSON array (ID and phone masked).
        #[arg(long)]
        json: bool,
    },
    /// Show or change the yearly target and the months between reports (supervisors).
    Settings {
        /// Yearly target in hours (1–1000).
        #[arg(long, value_name = "HOURS")]
        target: Option<u32>,
        /// Months between reports (1–24).
        #[arg(long, value_name = "MONTHS")]
        report_months: Option<u32>,
    },
    /// Write the quarter's feedback (反馈单) to each work unit, one file per unit.
    Feedback {
        /// The quarter, e.g. 2026Q4.
        #[arg(long)]
        quarter: String,
        /// File format.
        #[arg(long, value_enum, default_value_t = FeedbackFormat::Text)]
        format: FeedbackFormat,
        /// Directory for the files (default: the current directory).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Only this work unit.
        #[arg(long)]
        unit: Option<String>,
    },
}

/// Formats of the feedback report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FeedbackFormat {
    /// Plain text, ready to print.
    Text,
    /// CSV with a byte-order mark, so spreadsheets read the Chinese right.
    Csv,
    /// An Excel workbook.
    Xlsx,
}

/// What `find` searches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FindIn {
    /// Residents.
    Residents,
    /// Party members.
    Members,
    /// Service items.
    Items,
}

/// `operator` subcommands.
#[derive(Debug, Subcommand)]
pub enum OperatorCommand {
    /// Register an operator.
    Add {
        /// OS login.
        login: String,
        /// Display name.
        #[arg(long)]
        name: String,
        /// clerk, mediator, member_desk, supervisor or admin.
        #[arg(long)]
        role: String,
        /// Counter window number.
        #[arg(long)]
        window: Option<u16>,
    },
    /// List operators.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Retire an operator (history stays).
    Retire {
        /// OS login.
        login: String,
    },
}

/// `import` subcommands.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Service items (upsert by code).
    Items {
        /// A TOML file like fixtures/service_items.toml.
        file: PathBuf,
    },
    /// Holiday calendar for one or more years.
    Calendar {
        /// A TOML file like fixtures/holidays.toml.
        file: PathBuf,
    },
}

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

    /// 2 for bad usage or input (including an unusable database), 1 for other failures.
    pub fn exit_code(&self) -> i32 {
        match self {
            Failure::Unsound(..) => 1,
            Failure::Refused(Refusal::NoTerminal(_) | Refusal::Write { .. }) => 1,
            Failure::Setup(SetupError::Storage(StorageError::Sqlite(_) | StorageError::Integrity(_))) => 1,
            _ => 2,
        }
    }
}

/// Runs the program with these arguments; returns the exit code.
pub fn main_with(args: Vec<std::ffi::OsString>) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
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
    let lang_text = cli.lang.clone().or(config.lang.clone());
    let lang = match lang_text.as_deref().map(|l| (l, Lang::parse(l))) {
        None => Lang::Zh,
        Some((_, Some(l))) => l,
        Some((l, None)) => {
            eprintln!("{}", say::refusal(Lang::Zh, &Refusal::BadLang(l.to_string())));
            return 2;
        }
    };
    match run(&cli, &config, lang) {
        Ok(()) => 0,
        Err(f) => {
            eprintln!("{}", f.message(lang));
            f.exit_code()
        }
    }
}

fn run(cli: &Cli, config: &crate::domain::config::Config, lang: Lang) -> Result<(), Failure> {
    let login = setup::os_login().ok_or(SetupError::Identity(crate::domain::operator::IdentityError::NoLogin))?;
    if let Some(Command::Generate { residents, days, members, seed }) = &cli.command {
        let path = setup::demo_path_named(cli.db.as_deref(), "generated.sqlite3")?;
        let members = members.unwrap_or(residents / 10);
        let scale = crate::generate::Scale { residents: *residents, members, days: *days, seed: *seed };
        let started = std::time::Instant::now();
        let g = crate::generate::generate(&path, &login, scale)?;
        println!("{}", say::generated(lang, &path, &g, started.elapsed().as_secs_f64()));
        return Ok(());
    }
    let path = if cli.demo {
        let p = setup::demo_path(cli.db.as_deref())?;
        setup::make_demo(&p, &login)?;
        p
    } else {
        setup::db_path(cli.db.as_deref(), config)?
    };
    if let Some(Command::Init) = &cli.command {
        let (db, created) = setup::open_or_init(&path, &login)?;
        if created {
            println!(
                "{}",
                say::init_created(lang, &path, db.service_items()?.len(), db.calendar_days()?.len(), &login)
            );
        } else {
            // Initialising an existing database is an admin's business: refuse strangers.
            setup::identify(&db, &login, None)?;
            println!("{}", say::init_exists(lang, &path, db.schema_version()?));
        }
        return Ok(());
    }
    let (mut db, _) = setup::open_or_init(&path, &login)?;
    let me = setup::identify(&db, &login, cli.as_login.as_deref())?;
    match &cli.command {
        None => tui(cli, config, lang, db, me, &path),
        Some(Command::Init | Command::Generate { .. }) => Ok(()),
        Some(Command::Items { query, json, limit }) => items(&db, lang, query.as_deref(), *json, *limit),
        Some(Command::Check) => check(&db, lang, &path),
        Some(Command::Backup { path: to }) => {
            require(&me, Permission::Supervise, Role::Supervisor)?;
            backup(&db, lang, to)
        }
        Some(Command::Queue { command }) => queue(&mut db, lang, &me, command),
        Some(Command::Window { command }) => window(&mut db, lang, &me, command),
        Some(Command::Room { command }) => room(&mut db, lang, &me, command),
        Some(Command::Board) => {
            let theme = crate::ui::Theme::new(std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()));
            let clock = db.clock();
            drop(db);
            crate::runtime::board(path.clone(), lang, theme, clock)
                .map_err(|e| Failure::Refused(Refusal::NoTerminal(e.to_string())))
        }
        Some(Command::Find { query, within: FindIn::Items, json, limit }) => {
            items(&db, lang, Some(query), *json, *limit)
        }
        Some(Command::Find { query, within: FindIn::Residents, json, limit }) => {
            require(&me, Permission::Cases, Role::Clerk)?;
            find_residents(&db, lang, query, *json, *limit)
        }
        Some(Command::Find { query, within: FindIn::Members, json, limit }) => {
            require(&me, Permission::Members, Role::MemberDesk)?;
            find_members(&db, lang, query, *json, *limit)
        }
        Some(Command::Members { command }) => {
            require(&me, Permission::Members, Role::MemberDesk)?;
            members(&mut db, lang, &me, command)
        }
        Some(Command::Operator { command }) => operator(&mut db, lang, &me, command),
        Some(Command::Import { what }) => import(&mut db, lang, &me, what),
        Some(Command::Report { period, date, format, out }) => {
            require(&me, Permission::Supervise, Role::Supervisor)?;
            report(&db, lang, *period == ReportPeriod::Monthly, date.as_deref(), *format, out.as_deref())
        }
    }
}

fn report(
    db: &Db,
    lang: Lang,
    monthly: bool,
    date: Option<&str>,
    format: ReportFormat,
    out: Option<&Path>,
) -> Result<(), Failure> {
    use crate::report::Format;
    let day = match date {
        None => db.clock().now().date_naive(),
        Some(d) => chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d")
            .map_err(|_| Failure::Refused(Refusal::BadDate(text::sanitize(d))))?,
    };
    let format = match format {
        ReportFormat::Csv => Format::Csv,
        ReportFormat::Xlsx => Format::Xlsx,
        ReportFormat::Json => Format::Json,
    };
    if format == Format::Xlsx && out.is_none() {
        return Err(Failure::Refused(Refusal::NeedsOut));
    }
    let (from, to) = crate::domain::report::span(monthly, day);
    let r = db.report(from, to, db.wait_target_minutes()?)?;
    let write = |p: &Path, e: String| Failure::Refused(Refusal::Write { path: p.display().to_string(), message: e });
    let bytes = crate::report::render(lang, &r, format).map_err(|e| write(out.unwrap_or(Path::new("-")), e))?;
    match out {
        Some(p) => std::fs::write(p, bytes).map_err(|e| write(p, e.to_string())),
        None => std::io::Write::write_all(&mut std::io::stdout().lock(), &bytes)
            .map_err(|e| write(Path::new("-"), e.to_string())),
    }
}

fn require(me: &Operator, p: Permission, needs: Role) -> Result<(), Failure> {
    if me.role.may(p) {
        Ok(())
    } else {
        Err(Failure::Refused(Refusal::Denied { login: me.login.clone(), role: me.role, needs }))
    }
}

fn tui(
    cli: &Cli,
    config: &crate::domain::config::Config,
    lang: Lang,
    db: Db,
    me: Operator,
    path: &Path,
) -> Result<(), Failure> {
    let keymap = setup::keymap(cli.keymap.as_deref().or(config.keymap.as_deref()))?;
    let clock = db.clock();
    let demo = db.is_demo()?;
    drop(db);
    let receipts_dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).join("receipts");
    let ctx = crate::runtime::worker::WorkerContext {
        operator: me.clone(),
        print_command: config.print_command.clone(),
        receipts_dir,
        paper: match config.paper.as_deref() {
            Some("a4") => crate::i18n::receipt::Paper::A4,
            _ => crate::i18n::receipt::Paper::Receipt48,
        },
    };
    let session = Session { operator: me, db_path: path.display().to_string(), demo };
    let app = App::new(lang, keymap, session, clock.now().naive_local(), i18n::describe);
    let theme = crate::ui::Theme::new(std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()));
    crate::runtime::run(app, path.to_path_buf(), theme, clock, ctx)
        .map_err(|e| Failure::Refused(Refusal::NoTerminal(e.to_string())))
}

/// The items of a search, best first (all of them in catalog order without a query).
pub fn search_items(db: &Db, query: Option<&str>) -> Result<Vec<ServiceItem>, StorageError> {
    let items: Vec<ServiceItem> = db.service_items()?.into_iter().filter(|i| !i.retired).collect();
    let Some(q) = query.filter(|q| !q.trim().is_empty()) else {
        return Ok(items);
    };
    let cats = db.categories()?;
    let mut index = Index::new(items.iter().map(|i| item_document(i, &cats)).collect());
    Ok(index.search(q, 0).into_iter().map(|h| items[h.doc as usize].clone()).collect())
}

#[derive(serde::Serialize)]
struct ItemJson<'a> {
    #[serde(flatten)]
    item: &'a ServiceItem,
    category_name: &'a str,
    queue_prefix: String,
}

fn items(db: &Db, lang: Lang, query: Option<&str>, json: bool, limit: Option<usize>) -> Result<(), Failure> {
    let query = query.map(|q| text::clean_field(q, text::MAX_FIELD_CHARS).0);
    let mut found = search_items(db, query.as_deref())?;
    found.truncate(limit.unwrap_or(usize::MAX));
    let cats = db.categories()?;
    let cat = |code: &str| cats.iter().find(|c| c.code == code);
    if json {
        let rows: Vec<ItemJson> = found
            .iter()
            .map(|i| ItemJson {
                item: i,
                category_name: cat(&i.category).map(|c| c.name.as_str()).unwrap_or(""),
                queue_prefix: cat(&i.category).map(|c| c.prefix.to_string()).unwrap_or_default(),
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into()));
        return Ok(());
    }
    if found.is_empty() {
        eprintln!("{}", say::no_items(lang, query.as_deref().unwrap_or("")));
        return Ok(());
    }
    for i in &found {
        let c = cat(&i.category).map(|c| c.name.as_str()).unwrap_or("");
        println!(
            "{:<7} {}  [{c}]  {} · {}",
            i.code,
            i.name,
            i18n::handling(lang, i.handling),
            i18n::time_limit(lang, i.time_limit)
        );
    }
    Ok(())
}

#[derive(serde::Serialize)]
struct TicketJson<'a> {
    number: &'a str,
    category: &'a str,
    category_name: &'a str,
    position: usize,
    estimated_wait_min: u32,
    green: Option<&'a str>,
    issued_at: String,
}

fn queue(db: &mut Db, lang: Lang, me: &Operator, cmd: &QueueCommand) -> Result<(), Failure> {
    match cmd {
        QueueCommand::Take { what, green, json } => {
            let issued = db.take_ticket(&me.login, what, green.as_deref(), None).map_err(queue_failure)?;
            let cats = db.categories()?;
            let name = cats.iter().find(|c| c.code == issued.ticket.category).map(|c| c.name.as_str()).unwrap_or("");
            if *json {
                let j = TicketJson {
                    number: &issued.ticket.number,
                    category: &issued.ticket.category,
                    category_name: name,
                    position: issued.position,
                    estimated_wait_min: issued.estimated_wait_min,
                    green: issued.ticket.green.as_deref(),
                    issued_at: issued.ticket.issued_at.format("%Y-%m-%dT%H:%M:%S").to_string(),
                };
                println!("{}", serde_json::to_string_pretty(&j).unwrap_or_default());
            } else {
                println!(
                    "{}",
                    i18n::queue::issued(lang, &issued.ticket.number, name, issued.position, issued.estimated_wait_min)
                );
            }
            Ok(())
        }
        QueueCommand::Status { json } => {
            let v = db.queue_view()?;
            let current = |w: &crate::domain::queue::Window| {
                crate::domain::queue::current_at(&v.tickets, w).map(|t| t.number.clone())
            };
            if *json {
                let windows: Vec<serde_json::Value> = v
                    .windows
                    .iter()
                    .map(|w| {
                        serde_json::json!({
                            "number": w.number, "name": w.name, "open": w.is_open(), "paused": w.paused,
                            "operator": w.operator, "current": current(w),
                        })
                    })
                    .collect();
                let out = serde_json::json!({ "day": v.day, "lines": v.lines, "windows": windows });
                println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
            } else {
                for l in v.lines.iter().filter(|l| l.waiting > 0 || l.open_windows > 0) {
                    let alarm = if l.waiting >= l.threshold { " !" } else { "" };
                    println!("{} {:<8} {} {}{alarm}", l.prefix, l.name, i18n::pick(lang, "等候", "waiting"), l.waiting);
                }
                for w in &v.windows {
                    let state = match (&w.operator, &w.paused) {
                        (None, _) => i18n::pick(lang, "未开", "closed").to_string(),
                        (Some(_), Some(r)) => format!("{} {r}", i18n::pick(lang, "暂停", "paused")),
                        (Some(_), None) => current(w).unwrap_or_else(|| "-".into()),
                    };
                    println!("{} {} {state}", i18n::window(lang, w.number), w.name);
                }
            }
            Ok(())
        }
        QueueCommand::Call { window, json } => {
            require(me, Permission::Cases, Role::Clerk)?;
            let n = window.or(me.window).ok_or(Failure::Refused(Refusal::BadWindow))?;
            let signed =
                db.windows()?.iter().any(|w| w.number == n && w.operator.as_deref() == Some(me.login.as_str()));
            if !signed {
                db.sign_in(&me.login, n).map_err(queue_failure)?;
            }
            let (t, why) = db.call_next(&me.login).map_err(queue_failure)?;
            if *json {
                let j = serde_json::json!({ "number": t.number, "window": n, "category": t.category, "why": why });
                println!("{}", serde_json::to_string(&j).unwrap_or_default());
            } else {
                println!("{} → {}  {}", t.number, i18n::window(lang, n), i18n::queue::why(lang, &why));
            }
            Ok(())
        }
        QueueCommand::Threshold { category, count } => {
            require(me, Permission::Supervise, Role::Supervisor)?;
            if !(1..=999).contains(count) {
                return Err(Failure::Refused(Refusal::BadThreshold));
            }
            let code = db.set_threshold(&me.login, category, *count).map_err(queue_failure)?;
            println!("{code} → {count}");
            Ok(())
        }
        QueueCommand::Close => {
            require(me, Permission::Supervise, Role::Supervisor)?;
            let n = db.close_day(&me.login).map_err(queue_failure)?;
            println!(
                "{}",
                i18n::pick(lang, "已闭厅，未叫号码作废：", "Closed; numbers expired: ").to_string() + &n.to_string()
            );
            Ok(())
        }
    }
}

fn window(db: &mut Db, lang: Lang, me: &Operator, cmd: &WindowCommand) -> Result<(), Failure> {
    match cmd {
        WindowCommand::List => {
            for w in db.windows()? {
                let who = w.operator.clone().unwrap_or_default();
                println!("{} {} [{}] {who}", i18n::window(lang, w.number), w.name, w.categories.join(","));
            }
            Ok(())
        }
        WindowCommand::Set { number, name, categories } => {
            require(me, Permission::Supervise, Role::Supervisor)?;
            if !(1..=99).contains(number) {
                return Err(Failure::Refused(Refusal::BadWindow));
            }
            let known: Vec<String> = db.categories()?.into_iter().map(|c| c.code).collect();
            let cats: Vec<String> =
                categories.iter().map(|c| c.trim().to_uppercase()).filter(|c| !c.is_empty()).collect();
            if let Some(bad) = cats.iter().find(|c| !known.contains(c)) {
                return Err(Failure::Queue(crate::storage::QueueError::UnknownCategory(bad.clone())));
            }
            let (name, _) = text::clean_field(name, 20);
            if name.is_empty() {
                return Err(Failure::Refused(Refusal::BadName));
            }
            db.set_window(&me.login, *number, &name, &cats)?;
            println!("{} {name} [{}]", i18n::window(lang, *number), cats.join(","));
            Ok(())
        }
    }
}

/// The reader or writer of rooms and mediation cases.
pub fn viewer(me: &Operator) -> crate::storage::Viewer {
    crate::storage::Viewer {
        login: me.login.clone(),
        supervisor: me.role.may(Permission::Supervise),
        mediator: me.role.may(Permission::Mediation),
    }
}

fn room(db: &mut Db, lang: Lang, me: &Operator, cmd: &RoomCommand) -> Result<(), Failure> {
    let parse_t = |s: &str| {
        chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
            .map_err(|_| Failure::Refused(Refusal::BadTime(text::sanitize(s))))
    };
    match cmd {
        RoomCommand::List { date, json } => {
            let day = date.unwrap_or(db.clock().now().date_naive());
            let rooms = db.rooms()?;
            let bookings = db.bookings(&viewer(me), day, day)?;
            if *json {
                let out = serde_json::json!({ "rooms": rooms, "bookings": bookings });
                println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
            } else {
                for r in &rooms {
                    println!("{} {} ({}–{})", r.id, r.name, r.opens.format("%H:%M"), r.closes.format("%H:%M"));
                    for b in bookings.iter().filter(|b| b.room_id == r.id) {
                        let what =
                            b.purpose.clone().unwrap_or_else(|| i18n::pick(lang, "已占用", "occupied").to_string());
                        println!(
                            "  {}–{} {} · {what}",
                            b.start.format("%H:%M"),
                            b.end.format("%H:%M"),
                            b.mediator_name
                        );
                    }
                }
            }
            Ok(())
        }
        RoomCommand::Add { name, capacity, opens, closes } => {
            require(me, Permission::Supervise, Role::Supervisor)?;
            let t = |s: &str| {
                chrono::NaiveTime::parse_from_str(s, "%H:%M")
                    .map_err(|_| Failure::Refused(Refusal::BadTime(text::sanitize(s))))
            };
            let (name, _) = text::clean_field(name, 30);
            if name.is_empty() {
                return Err(Failure::Refused(Refusal::BadName));
            }
            let id = db.add_room(&me.login, &name, *capacity, t(opens)?, t(closes)?)?;
            println!("{id} {name}");
            Ok(())
        }
        RoomCommand::Retire { id } => {
            require(me, Permission::Supervise, Role::Supervisor)?;
            if !db.retire_room(&me.login, *id)? {
                return Err(Failure::Room(crate::storage::RoomOpError::Rule(crate::domain::room::RoomError::NoRoom)));
            }
            println!("{id} ✗");
            Ok(())
        }
        RoomCommand::Book { room, start, end, purpose, weeks } => {
            require(me, Permission::Mediation, Role::Mediator)?;
            let rooms = db.rooms()?;
            let r = rooms
                .iter()
                .find(|r| r.id.to_string() == *room || r.name == *room)
                .ok_or(Failure::Room(crate::storage::RoomOpError::Rule(crate::domain::room::RoomError::NoRoom)))?;
            let (s, e) = (parse_t(start)?, parse_t(end)?);
            let results = db.book_weekly(&viewer(me), r.id, s, e, (*weeks).max(1), None, purpose);
            let mut failed = None;
            for (day, res) in results {
                match res {
                    Ok(b) => println!("{day} {}–{} {}", b.start.format("%H:%M"), b.end.format("%H:%M"), r.name),
                    Err(err) => {
                        eprintln!("{day} {}", i18n::rooms::room_error(lang, &err));
                        failed = Some(err);
                    }
                }
            }
            match failed {
                Some(e) if *weeks <= 1 => Err(Failure::Room(e)),
                _ => Ok(()),
            }
        }
    }
}

fn queue_failure(e: crate::storage::QueueError) -> Failure {
    match e {
        crate::storage::QueueError::Storage(e) => Failure::from(e),
        other => Failure::Queue(other),
    }
}

#[derive(serde::Serialize)]
struct ResidentJson {
    id: i64,
    name: String,
    id_number: String,
    phone: String,
    address: String,
    grid: String,
    tags: Vec<crate::domain::resident::Tag>,
}

fn find_residents(db: &Db, lang: Lang, query: &str, json: bool, limit: Option<usize>) -> Result<(), Failure> {
    use crate::domain::resident::{mask_id, mask_phone};
    let query = text::clean_field(query, text::MAX_FIELD_CHARS).0;
    let all = db.residents()?;
    let mut index = Index::new(all.iter().map(crate::search::resident_document).collect());
    let mut found: Vec<&crate::domain::resident::Resident> =
        index.search(&query, 0).into_iter().map(|h| &all[h.doc as usize]).collect();
    found.truncate(limit.unwrap_or(usize::MAX));
    if json {
        let rows: Vec<ResidentJson> = found
            .iter()
            .map(|r| ResidentJson {
                id: r.id,
                name: r.name.clone(),
                id_number: mask_id(&r.id_number),
                phone: if r.phone.is_empty() { String::new() } else { mask_phone(&r.phone) },
                address: r.address.display(),
                grid: r.grid.clone(),
                tags: r.tags.clone(),
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into()));
        return Ok(());
    }
    if found.is_empty() {
        eprintln!("{}", say::no_residents(lang, &query));
    }
    for r in found {
        let phone = if r.phone.is_empty() { String::new() } else { mask_phone(&r.phone) };
        println!("{:<8} {}  {phone:<11}  {}", r.name, mask_id(&r.id_number), r.address.display());
    }
    Ok(())
}

#[derive(serde::Serialize)]
struct MemberJson<'a> {
    id: i64,
    name: &'a str,
    id_number: String,
    phone: String,
    unit: &'a str,
    branch: &'a str,
    grid: &'a str,
    status: crate::domain::member::MemberStatus,
    year: i32,
    hours: f64,
    points: f64,
    reported_on: chrono::NaiveDate,
    below_target: bool,
    report_overdue: bool,
}

fn find_members(db: &Db, lang: Lang, query: &str, json: bool, limit: Option<usize>) -> Result<(), Failure> {
    let query = text::clean_field(query, text::MAX_FIELD_CHARS).0;
    let year = chrono::Datelike::year(&db.clock().now().date_naive());
    let all = db.members(year)?;
    let mut index = Index::new(all.iter().map(|m| crate::search::member_document(&m.member)).collect());
    let mut found: Vec<&crate::storage::MemberTotals> =
        index.search(&query, 0).into_iter().map(|h| &all[h.doc as usize]).collect();
    found.truncate(limit.unwrap_or(usize::MAX));
    if found.is_empty() && !json {
        eprintln!("{}", say::no_members(lang, &query));
    }
    print_members(db, lang, &found, json)
}

/// Members as lines or JSON, ID and phone masked, with this year's hours and the flags.
fn print_members(db: &Db, lang: Lang, rows: &[&crate::storage::MemberTotals], json: bool) -> Result<(), Failure> {
    use crate::domain::member::report_overdue;
    use crate::domain::resident::{mask_id, mask_phone};
    let today = db.clock().now().date_naive();
    let year = chrono::Datelike::year(&today);
    let (target, months) = db.member_settings()?;
    let phone = |p: &str| if p.is_empty() { String::new() } else { mask_phone(p) };
    let below = |t: &crate::storage::MemberTotals| t.half_hours < target * 2;
    if json {
        let rows: Vec<MemberJson> = rows
            .iter()
            .map(|t| MemberJson {
                id: t.member.id,
                name: &t.member.name,
                id_number: mask_id(&t.member.id_number),
                phone: phone(&t.member.phone),
                unit: &t.member.unit,
                branch: &t.member.branch,
                grid: &t.member.grid,
                status: t.member.status,
                year,
                hours: f64::from(t.half_hours) / 2.0,
                points: f64::from(t.half_points) / 2.0,
                reported_on: t.member.reported_on,
                below_target: below(t),
                report_overdue: report_overdue(&t.member, months, today),
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into()));
        return Ok(());
    }
    for t in rows {
        let m = &t.member;
        let mut flags = Vec::new();
        if below(t) {
            flags.push(say::below_target(lang, target));
        }
        if report_overdue(m, months, today) {
            flags.push(say::report_due(lang, m.reported_on));
        }
        println!(
            "{:<8} {}  {:<11}  {}  {}  {}  {}",
            m.name,
            mask_id(&m.id_number),
            phone(&m.phone),
            m.unit,
            m.grid,
            say::year_hours(lang, year, &t.hours()),
            flags.join(" ")
        );
    }
    Ok(())
}

fn members(db: &mut Db, lang: Lang, me: &Operator, cmd: &MembersCommand) -> Result<(), Failure> {
    match cmd {
        MembersCommand::List { overdue, below, json } => {
            let today = db.clock().now().date_naive();
            let (target, months) = db.member_settings()?;
            let all = db.members(chrono::Datelike::year(&today))?;
            let rows: Vec<&crate::storage::MemberTotals> = all
                .iter()
                .filter(|t| t.member.status == crate::domain::member::MemberStatus::Active)
                .filter(|t| !overdue || crate::domain::member::report_overdue(&t.member, months, today))
                .filter(|t| !below || t.half_hours < target * 2)
                .collect();
            print_members(db, lang, &rows, *json)
        }
        MembersCommand::Settings { target, report_months } => {
            if target.is_some() || report_months.is_some() {
                require(me, Permission::Supervise, Role::Supervisor)?;
            }
            let bad = |what: &str, v: u32| Failure::Refused(Refusal::BadSetting(what.into(), v));
            if let Some(t) = target {
                if !(1..=1000).contains(t) {
                    return Err(bad("--target (1-1000)", *t));
                }
                db.set_setting(&me.login, crate::storage::TARGET_KEY, &t.to_string())?;
            }
            if let Some(m) = report_months {
                if !(1..=24).contains(m) {
                    return Err(bad("--report-months (1-24)", *m));
                }
                db.set_setting(&me.login, crate::storage::REPORT_KEY, &m.to_string())?;
            }
            let (t, m) = db.member_settings()?;
            println!("{}", say::member_settings(lang, t, m));
            Ok(())
        }
        MembersCommand::Feedback { quarter, format, out, unit } => {
            let (year, q) = crate::domain::member::parse_quarter(quarter)
                .ok_or_else(|| Failure::Refused(Refusal::BadQuarter(text::sanitize(quarter))))?;
            // A check-in nobody closed would otherwise be missing from the report.
            db.close_finished(&me.login, db.clock().now().naive_local())?;
            let mut units = db.feedback(year, q)?;
            if let Some(u) = unit {
                let u = u.trim();
                units.retain(|f| f.unit == u);
                if units.is_empty() {
                    return Err(Failure::Refused(Refusal::NoSuchUnit(text::sanitize(u))));
                }
            }
            if units.is_empty() {
                eprintln!("{}", say::no_member_units(lang));
                return Ok(());
            }
            let community = db.setting("centre_name")?.unwrap_or_else(|| i18n::pick(lang, "社区", "Community").into());
            let dir = out.clone().unwrap_or_else(|| PathBuf::from("."));
            let format = match format {
                FeedbackFormat::Text => crate::feedback::Format::Text,
                FeedbackFormat::Csv => crate::feedback::Format::Csv,
                FeedbackFormat::Xlsx => crate::feedback::Format::Xlsx,
            };
            let written = crate::feedback::write_all(lang, &units, &community, &dir, format)
                .map_err(|(p, e)| Failure::Refused(Refusal::Write { path: p.display().to_string(), message: e }))?;
            for path in written {
                println!("{}", path.display());
            }
            Ok(())
        }
    }
}

fn backup(db: &Db, lang: Lang, to: &Path) -> Result<(), Failure> {
    use crate::storage::BackupError;
    let bytes = db.backup_to(to).map_err(|e| match e {
        BackupError::OntoItself => Failure::Refused(Refusal::BackupOntoItself),
        BackupError::Exists(p) => Failure::Refused(Refusal::BackupExists(p.display().to_string())),
        BackupError::Write(p, message) => Failure::Refused(Refusal::Write { path: p.display().to_string(), message }),
        BackupError::Storage(e) => Failure::from(e),
    })?;
    // A backup nobody has checked is a hope, not a backup.
    let problems = Db::open_existing(to)?.check()?;
    if !problems.is_empty() {
        return Err(Failure::Unsound(to.to_path_buf(), problems));
    }
    println!("{}", say::backup_ok(lang, to, bytes));
    Ok(())
}

fn check(db: &Db, lang: Lang, path: &Path) -> Result<(), Failure> {
    let problems = db.check()?;
    if !problems.is_empty() {
        return Err(Failure::Unsound(path.to_path_buf(), problems));
    }
    println!(
        "{}",
        say::check_ok(
            lang,
            path,
            db.schema_version()?,
            db.service_items()?.len(),
            db.operators()?.len(),
            db.calendar_days()?.len()
        )
    );
    Ok(())
}

fn operator(db: &mut Db, lang: Lang, me: &Operator, cmd: &OperatorCommand) -> Result<(), Failure> {
    match cmd {
        OperatorCommand::List { json } => {
            require(me, Permission::Supervise, Role::Supervisor)?;
            let ops = db.operators()?;
            if *json {
                println!("{}", serde_json::to_string_pretty(&ops).unwrap_or_else(|_| "[]".into()));
            } else {
                for o in ops {
                    let window = o.window.map(|w| i18n::window(lang, w)).unwrap_or_default();
                    let retired = if o.retired { i18n::pick(lang, "（已停用）", " (retired)") } else { "" };
                    println!("{:<16} {:<8} {:<10} {window}{retired}", o.login, o.name, i18n::role(lang, o.role));
                }
            }
            Ok(())
        }
        OperatorCommand::Add { login, name, role, window } => {
            require(me, Permission::Administer, Role::Admin)?;
            if !valid_login(login) {
                return Err(Failure::Refused(Refusal::BadLogin(text::sanitize(login))));
            }
            let role =
                Role::from_str_opt(role).ok_or_else(|| Failure::Refused(Refusal::BadRole(text::sanitize(role))))?;
            let (clean, cut) = text::clean_field(name, 20);
            if clean.is_empty() || cut || text::has_unsafe_chars(name) {
                return Err(Failure::Refused(Refusal::BadName));
            }
            if window.is_some_and(|w| !(1..=99).contains(&w)) {
                return Err(Failure::Refused(Refusal::BadWindow));
            }
            match db.add_operator(&me.login, login, &clean, role, *window)? {
                OperatorChange::Done => {
                    println!("{}", say::operator_added(lang, login, &clean, role));
                    Ok(())
                }
                _ => Err(Failure::Refused(Refusal::LoginExists(login.clone()))),
            }
        }
        OperatorCommand::Retire { login } => {
            require(me, Permission::Administer, Role::Admin)?;
            let login_clean = text::sanitize(login);
            match db.retire_operator(&me.login, login)? {
                OperatorChange::Done => {
                    println!("{}", say::operator_retired(lang, login));
                    Ok(())
                }
                OperatorChange::NotFound | OperatorChange::Exists => {
                    Err(Failure::Refused(Refusal::NoSuchOperator(login_clean)))
                }
                OperatorChange::AlreadyRetired => Err(Failure::Refused(Refusal::AlreadyRetired(login_clean))),
                OperatorChange::LastAdmin => Err(Failure::Refused(Refusal::LastAdmin(login_clean))),
            }
        }
    }
}

fn import(db: &mut Db, lang: Lang, me: &Operator, what: &ImportCommand) -> Result<(), Failure> {
    require(me, Permission::Supervise, Role::Supervisor)?;
    match what {
        ImportCommand::Items { file } => {
            let name = file.display().to_string();
            let catalog = Catalog::parse(&name, &setup::read(file)?).map_err(SetupError::from)?;
            let counts = db.import_catalog(&me.login, &name, &catalog)?;
            println!("{}", say::imported(lang, "事项目录", "Catalog", &name, counts));
        }
        ImportCommand::Calendar { file } => {
            let name = file.display().to_string();
            let cal = CalendarFile::parse(&name, &setup::read(file)?).map_err(SetupError::from)?;
            let counts = db.import_calendar(&me.login, &name, &cal)?;
            println!("{}", say::imported(lang, "节假日", "Calendar", &name, counts));
        }
    }
    Ok(())
}
