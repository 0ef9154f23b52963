//! The command line as clap reads it: flags, commands and their arguments.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

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
    /// Run the desk from this China time on, e.g. 2026-12-20T09:30 (else YICHUANG_NOW); the
    /// clock runs on from there. Demo and generated databases only, for training and tests.
    #[arg(long, global = true, value_name = "YYYY-MM-DDTHH:MM")]
    pub now: Option<String>,
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
    /// Check the database's integrity and schema (and its off-site replica, when one is set up).
    Check {
        /// The Litestream configuration to report on (else the one `replicate config --out` wrote).
        #[arg(long, value_name = "PATH")]
        replica_config: Option<PathBuf>,
    },
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
    /// `-` writes the copy to standard output (over SSH: `ssh … backup - > copy.sqlite3`).
    Backup {
        /// A new file for the copy, or `-`.
        path: PathBuf,
    },
    /// Off-site replication of this database with Litestream: its set-up and its runner.
    Replicate {
        #[command(subcommand)]
        command: ReplicateCommand,
    },
    /// Restore a replica (as it was at a time) into a new file, then check it. Needs
    /// `litestream` and the object store's AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.
    Restore {
        /// The replica: s3://BUCKET/PATH.
        #[arg(long, value_name = "URL")]
        from: String,
        /// The object store's URL, e.g. http://10.0.0.5:8333 (else Amazon S3).
        #[arg(long, value_name = "URL")]
        endpoint: Option<String>,
        /// As it was at this China time (2026-11-30T10:15[:ss]) or RFC 3339 time; else the latest.
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
        /// A new file to restore into (an existing or live database is never overwritten).
        path: PathBuf,
    },
    /// SSH keys of the service account: each key opens one person's desk (admins).
    Keys {
        #[command(subcommand)]
        command: KeysCommand,
    },
    /// The forced command of a key in the service account's authorized_keys: runs the desk,
    /// or the command the SSH client asked for, as LOGIN. Written by `keys add`, not typed.
    #[command(hide = true)]
    Ssh {
        /// Whose key it is.
        login: String,
        /// The key's number; a revoked key stops here.
        #[arg(long)]
        key: i64,
    },
    /// Queue numbers for kiosks and scripts.
    Queue {
        #[command(subcommand)]
        command: QueueCommand,
    },
    /// The hall display: every window's current number, the last called, waiting counts; with
    /// --http the same board for a TV's own browser; with --notices, --voice or --quiet, the
    /// board's settings (supervisors).
    Board {
        /// Serve the board as a web page at ADDR:PORT (only a port: 127.0.0.1) instead of
        /// drawing it here. Read-only: numbers, window names, waiting counts and notices.
        #[arg(long, value_name = "ADDR:PORT")]
        http: Option<String>,
        /// Set the centre's notices at the foot of the board, one value a line, shown in turn
        /// (none: no notices).
        #[arg(long, num_args = 0.., value_name = "LINE", conflicts_with = "http")]
        notices: Option<Vec<String>>,
        /// Turn the hall's voice on or off.
        #[arg(long, value_enum, conflicts_with = "http")]
        voice: Option<OnOff>,
        /// Set the hours in which calls are shown but not said, e.g. "12:00-13:30, 17:30-08:30"
        /// ("": none).
        #[arg(long, value_name = "HH:MM-HH:MM,…", conflicts_with = "http")]
        quiet: Option<String>,
    },
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
    /// Residents or party members as a workbook or CSV (supervisors): ID numbers and phones
    /// masked unless --reveal (audited).
    Export {
        /// residents or members.
        #[arg(value_enum)]
        what: PeopleKind,
        /// Output format.
        #[arg(long, value_enum, default_value_t = PeopleFormat::Xlsx)]
        format: PeopleFormat,
        /// Full ID numbers and phones (the export is audited either way).
        #[arg(long)]
        reveal: bool,
        /// File to write (default stdout; required for xlsx on a terminal).
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
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
    /// Residents' requests on the grid (诉求): take, dispatch, accept, complete, rate.
    Request {
        #[command(subcommand)]
        command: RequestCommand,
    },
    /// The street office's view of its centres, read-only from their copies (district.toml).
    District {
        /// The street's centres (default: district.toml here).
        #[arg(long, value_name = "FILE", default_value = crate::setup::district::FILE)]
        config: PathBuf,
        /// Without a command the full-screen view opens.
        #[command(subcommand)]
        command: Option<DistrictCommand>,
    },
}

/// What `district` does besides the full-screen view.
#[derive(Debug, Subcommand)]
pub enum DistrictCommand {
    /// Every centre's row once (waiting, cases, requests, rooms, hours, replica age).
    Status {
        /// JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// The centres' reports merged: one column per centre and the street's total.
    Report {
        /// `monthly` (the only street report).
        #[arg(value_enum)]
        period: DistrictPeriod,
        /// The month, e.g. 2026-11 (default this month).
        #[arg(long, value_name = "YYYY-MM")]
        month: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Csv)]
        format: ReportFormat,
        /// File to write (default stdout; required for xlsx on a terminal).
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
    },
}

/// The period of a street report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DistrictPeriod {
    /// The calendar month.
    Monthly,
}

/// What became of the number still open at a window (`queue call --previous`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PreviousArg {
    /// Served: finished (outcome 其他).
    Done,
    /// Did not come (过号).
    NoShow,
    /// Back in line, keeping its place.
    BackInLine,
}

/// How long a report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportPeriod {
    /// One day.
    Daily,
    /// The calendar month.
    Monthly,
}

/// Who `export` writes out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PeopleKind {
    /// Residents.
    Residents,
    /// Party members.
    Members,
}

/// Formats of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PeopleFormat {
    /// An Excel workbook (ID numbers as text).
    Xlsx,
    /// CSV with a byte-order mark.
    Csv,
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
        /// What became of the number still open at the window (without it, calling is refused
        /// while one is open): done, no-show or back-in-line.
        #[arg(long, value_enum)]
        previous: Option<PreviousArg>,
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
        /// Repeat weekly for this many weeks (at most 13, and within the rooms' horizon).
        #[arg(long, default_value_t = 1)]
        weeks: u32,
    },
    /// Show or change how far ahead rooms and appointments may be booked (supervisors change).
    Horizon {
        /// Days ahead a room may be booked (1–366; 90 unless set).
        #[arg(long, value_name = "DAYS")]
        rooms: Option<u32>,
        /// Days ahead an appointment may be booked (1–366; 14 unless set).
        #[arg(long, value_name = "DAYS")]
        appointments: Option<u32>,
    },
}

/// `keys` subcommands.
#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Give an operator an OpenSSH public key (a .pub file, or - for standard input).
    Add {
        /// The operator's login.
        login: String,
        /// The public key file, or `-`.
        file: String,
    },
    /// List the keys and whose desk each opens.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Revoke every key of an operator.
    Revoke {
        /// The operator's login.
        login: String,
    },
    /// Write authorized_keys again from the database (after the program or database moved).
    Sync,
}

/// On or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OnOff {
    /// On.
    On,
    /// Off.
    Off,
}

/// `replicate` subcommands.
#[derive(Debug, Subcommand)]
pub enum ReplicateCommand {
    /// Print (or write into DIR) the Litestream configuration and the systemd unit (supervisors).
    Config {
        /// The centre's name, as the street office knows it.
        #[arg(long)]
        centre: String,
        /// The replica: s3://BUCKET/PATH (one path per centre).
        #[arg(long, value_name = "URL")]
        to: String,
        /// The object store's URL, e.g. http://10.0.0.5:8333 (else Amazon S3).
        #[arg(long, value_name = "URL")]
        endpoint: Option<String>,
        /// Write litestream.yml and yichuang-replica.service into DIR, and remember the
        /// configuration for `check`.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Run Litestream and stamp the replica's heartbeat while it runs (the systemd unit's command).
    Run {
        /// The centre's name.
        #[arg(long)]
        centre: String,
        /// The Litestream configuration (else the one `replicate config --out` wrote).
        #[arg(long, value_name = "PATH")]
        config: Option<PathBuf>,
    },
}

/// `window` subcommands.
#[derive(Debug, Subcommand)]
pub enum WindowCommand {
    /// List windows.
    List,
    /// Free a window left signed in or with a number open (supervisors): sign its clerk out
    /// and decide what becomes of the open number.
    Free {
        /// Window number.
        number: u16,
        /// The open number goes back in line, keeping its place.
        #[arg(long, conflicts_with = "no_show")]
        back_in_line: bool,
        /// The open number is recorded as a no-show (过号).
        #[arg(long)]
        no_show: bool,
    },
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
        /// Hand-entered hours above this wait for a supervisor's approval (1–24).
        #[arg(long, value_name = "HOURS")]
        approval_hours: Option<u32>,
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
    /// Service cases: by number, resident's name or item (ID and phone masked).
    Cases,
    /// Residents' requests: by number, text, place or resident's name (private complaints'
    /// residents only for their dispatcher, taker and supervisors).
    Requests,
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
    /// Bring a retired operator back, with the role and window they had (admins; audited).
    Restore {
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
        /// Remove the dates of the file's years that the file does not list (without it they
        /// are kept, and listed as kept).
        #[arg(long)]
        replace_year: bool,
    },
    /// Residents from the office's registers (.xlsx, .xls, .csv): one batch, undone whole by
    /// `import undo`. Supervisors.
    Residents(PeopleImport),
    /// Party members from work units' 报到 rosters (.xlsx, .xls, .csv), as residents.
    Members(PeopleImport),
    /// The import batches, the latest first.
    Batches,
    /// Takes an import batch back: removes the people it added (unless they have history since)
    /// and puts back the fields it changed.
    Undo {
        /// The batch number (`import batches`).
        batch: i64,
    },
    /// The grid layout: grids, their leader, staff and estates/buildings, the service menu,
    /// partners and departments (TOML like fixtures/grid.toml, or CSV grid,leader,staff,place).
    Grid {
        /// A .toml or .csv file.
        file: PathBuf,
    },
}

/// The files and options of `import residents|members`.
#[derive(Debug, clap::Args)]
pub struct PeopleImport {
    /// Workbooks and CSVs; every sheet of a workbook is read.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Only write the report of what would happen: nothing changes.
    #[arg(long)]
    pub dry_run: bool,
    /// A column the office named otherwise: `--map 户主=name` (fields: name, id_number, phone,
    /// address, estate, building, unit, room, grid, tags; members: unit, branch, reported_on,
    /// skills, intentions). Repeatable.
    #[arg(long = "map", value_name = "列名=FIELD")]
    pub map: Vec<String>,
    /// The report file (CSV; default beside the first file, named …导入报告.csv).
    #[arg(long, value_name = "PATH")]
    pub report: Option<PathBuf>,
    /// Rows per transaction (tests).
    #[arg(long, hide = true, default_value_t = crate::storage::IMPORT_CHUNK)]
    pub chunk: usize,
}

/// `request` subcommands; a request is named by its number (SQ20261201001).
#[derive(Debug, Subcommand)]
pub enum RequestCommand {
    /// Take a request (grid staff on their rounds, the window, the member desk).
    Add {
        /// What the resident says.
        text: String,
        /// consult, help, complaint, suggestion or order (default: suggested from the text).
        #[arg(long)]
        kind: Option<String>,
        /// The resident: ID number or row id (none only for an anonymous complaint).
        #[arg(long)]
        resident: Option<String>,
        /// Where (default: the resident's address).
        #[arg(long, default_value = "")]
        place: String,
        /// Grid (default: the resident's, else the place's).
        #[arg(long)]
        grid: Option<String>,
        /// A service code of the menu (default: suggested from the text).
        #[arg(long)]
        service: Option<String>,
        /// Urgent: due within a working day.
        #[arg(long)]
        urgent: bool,
        /// A photo's file path (repeatable).
        #[arg(long = "photo", value_name = "PATH")]
        photos: Vec<String>,
        /// Today's queue number of the visit (the ticket's outcome records it).
        #[arg(long)]
        ticket: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// List requests, newest first.
    List {
        /// One state: pending, dispatched, accepted, in_progress, done, rated, supervisor.
        #[arg(long)]
        state: Option<String>,
        /// One grid.
        #[arg(long)]
        grid: Option<String>,
        /// Open ones only.
        #[arg(long)]
        open: bool,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// One request with its timeline.
    Show {
        /// Request number.
        number: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Who could take it, best first.
    Candidates {
        /// Request number.
        number: String,
    },
    /// Dispatch it (grid leaders, supervisors).
    Dispatch {
        /// Request number.
        number: String,
        /// grid:LOGIN, member:ID, partner:NAME or department:NAME.
        #[arg(long)]
        to: String,
    },
    /// 升级/吹哨: call a department in with its own deadline (grid leaders, supervisors).
    Escalate {
        /// Request number.
        number: String,
        /// The department's name.
        #[arg(long)]
        to: String,
        /// Working days the department has.
        #[arg(long, default_value_t = 5)]
        days: u32,
        /// Why the community cannot handle it.
        #[arg(long)]
        reason: String,
    },
    /// The taker accepts it (接单).
    Accept {
        /// Request number.
        number: String,
    },
    /// The taker is at work on it (处理中).
    Start {
        /// Request number.
        number: String,
    },
    /// The taker cannot do it: back to dispatch (退回).
    Return {
        /// Request number.
        number: String,
        /// Why.
        #[arg(long)]
        reason: String,
    },
    /// The taker reports it done (办结); a member's hours are credited.
    Done {
        /// Request number.
        number: String,
        /// What was done.
        #[arg(long, default_value = "")]
        note: String,
        /// Hours the member spent (e.g. 1.5), credited as service hours.
        #[arg(long)]
        hours: Option<String>,
    },
    /// The resident's rating: satisfied, fair or unsatisfied (不满意 reopens it once).
    Rate {
        /// Request number.
        number: String,
        /// satisfied, fair, unsatisfied (or 满意, 基本满意, 不满意).
        rating: String,
        /// What the resident said.
        #[arg(long, default_value = "")]
        note: String,
    },
}
