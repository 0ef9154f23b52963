//! The job thread: rendering, writing and printing receipts, reports and feedback files, one
//! job after another, off the database thread — a printer that hangs must not stop the next
//! search or write of the desk. A print command that runs past its time is killed.

use crate::app::Msg;
use crate::app::notice::Notice;
use crate::domain::case::{Case, CaseMaterial};
use crate::domain::catalog::ServiceItem;
use crate::domain::lang::Lang;
use crate::domain::report::Report;
use crate::domain::resident::Resident;
use crate::export::receipt::{self, Paper, ReceiptData};
use crate::storage::{UnitFeedback, files};
use chrono::NaiveDateTime;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc as std_mpsc;
use std::time::{Duration, Instant};
use tokio::sync::mpsc::UnboundedSender;

/// How long a print command may run before it is killed and the receipt reported unprinted.
pub const PRINT_TIMEOUT: Duration = Duration::from_secs(30);

/// How long quitting waits for queued jobs before it stops a print command still running.
pub const QUIT_GRACE: Duration = Duration::from_secs(3);

/// A receipt with everything needed to render it, read by the database thread.
#[derive(Debug)]
pub struct ReceiptJob {
    /// The centre's name.
    pub centre: String,
    /// The case.
    pub case: Case,
    /// Its service item.
    pub item: ServiceItem,
    /// The applicant.
    pub resident: Resident,
    /// The materials checklist.
    pub materials: Vec<CaseMaterial>,
    /// The clerk's display name.
    pub clerk: String,
    /// The window the case was taken in at.
    pub window: Option<u16>,
    /// When it is printed.
    pub printed_at: NaiveDateTime,
    /// A reprint: when the first was printed.
    pub first_printed: Option<NaiveDateTime>,
    /// The centre's enquiry phone.
    pub phone: String,
    /// Years the due date was counted into without their holiday notice.
    pub provisional: Vec<i32>,
    /// The one-time notice (materials missing) rather than the acceptance receipt.
    pub notice: bool,
    /// Paper width.
    pub paper: Paper,
    /// Language.
    pub lang: Lang,
    /// Folder it is saved in.
    pub dir: PathBuf,
    /// Command it is piped to, if any.
    pub print: Option<String>,
}

/// A what-to-bring slip of one item, for a resident with no case.
#[derive(Debug)]
pub struct SlipJob {
    /// The centre's name.
    pub centre: String,
    /// The item.
    pub item: ServiceItem,
    /// The clerk's display name.
    pub clerk: String,
    /// The clerk's window.
    pub window: Option<u16>,
    /// When it is printed.
    pub printed_at: NaiveDateTime,
    /// The centre's enquiry phone.
    pub phone: String,
    /// Paper width.
    pub paper: Paper,
    /// Language.
    pub lang: Lang,
    /// Folder it is saved in.
    pub dir: PathBuf,
    /// Command it is piped to, if any.
    pub print: Option<String>,
}

/// Work for the job thread.
#[derive(Debug)]
pub enum Job {
    /// Save (and print) a receipt.
    Receipt(Box<ReceiptJob>),
    /// Save (and print) a what-to-bring slip.
    Slip(Box<SlipJob>),
    /// Save (and print) a paper already worded (a request's receipt slip).
    Paper(Box<PaperJob>),
    /// Write a report as XLSX and CSV: folder, file stem, figures, language.
    Report(PathBuf, String, Box<Report>, Lang),
    /// Write a quarter's feedback reports: folder, units, community name, language.
    Feedback(PathBuf, Vec<UnitFeedback>, String, Lang),
}

impl Job {
    /// What kind of job, for the log (no personal data).
    pub fn kind(&self) -> &'static str {
        match self {
            Job::Receipt(_) => "receipt",
            Job::Slip(_) => "slip",
            Job::Paper(_) => "paper",
            Job::Report(..) => "report",
            Job::Feedback(..) => "feedback",
        }
    }

    /// Does the job and answers with one message; a print command is killed after `timeout`
    /// or as soon as `cancel` is set.
    pub fn run(self, timeout: Duration, cancel: &AtomicBool) -> Msg {
        match self {
            Job::Receipt(r) => receipt_job(*r, timeout, cancel),
            Job::Slip(s) => slip_job(*s, timeout, cancel),
            Job::Paper(p) => deliver(&p.text, &p.dir, &p.stem, &p.kind, p.print.as_deref(), p.lang, timeout, cancel),
            Job::Report(dir, stem, report, lang) => report_job(&dir, &stem, &report, lang),
            Job::Feedback(dir, units, community, lang) => feedback_job(&dir, &units, &community, lang),
        }
    }
}

fn receipt_job(r: ReceiptJob, timeout: Duration, cancel: &AtomicBool) -> Msg {
    let data = ReceiptData {
        centre: &r.centre,
        case: &r.case,
        item: &r.item,
        resident: &r.resident,
        materials: &r.materials,
        clerk: &r.clerk,
        window: r.window,
        printed_at: r.printed_at,
        first_printed: r.first_printed,
        phone: &r.phone,
        provisional: &r.provisional,
    };
    let (text, kind) = if r.notice {
        (receipt::notice(r.lang, r.paper, &data), "notice")
    } else {
        (receipt::acceptance(r.lang, r.paper, &data), "receipt")
    };
    deliver(&text, &r.dir, &r.case.number, kind, r.print.as_deref(), r.lang, timeout, cancel)
}

/// A paper worded by the worker: its text, file stem and kind, where it goes.
#[derive(Debug)]
pub struct PaperJob {
    /// The text as printed.
    pub text: String,
    /// File stem (the request number).
    pub stem: String,
    /// Kind, the file name's suffix.
    pub kind: String,
    /// Language of the messages.
    pub lang: Lang,
    /// Folder the file goes to.
    pub dir: PathBuf,
    /// Print command, if any.
    pub print: Option<String>,
}

fn slip_job(s: SlipJob, timeout: Duration, cancel: &AtomicBool) -> Msg {
    let data = receipt::SlipData {
        centre: &s.centre,
        item: &s.item,
        clerk: &s.clerk,
        window: s.window,
        printed_at: s.printed_at,
        phone: &s.phone,
    };
    let text = receipt::what_to_bring(s.lang, s.paper, &data);
    // One file per item and minute: a slip printed again a minute later does not overwrite.
    let stem = format!("{}-{}", s.item.code, s.printed_at.format("%Y%m%d%H%M"));
    deliver(&text, &s.dir, &stem, "slip", s.print.as_deref(), s.lang, timeout, cancel)
}

/// Saves a paper beside the database and pipes it to the print command, if any.
#[allow(clippy::too_many_arguments)]
fn deliver(
    text: &str,
    dir: &std::path::Path,
    stem: &str,
    kind: &str,
    command: Option<&str>,
    lang: Lang,
    timeout: Duration,
    cancel: &AtomicBool,
) -> Msg {
    let path = match receipt::to_file(text, dir, stem, kind) {
        Ok(p) => p,
        Err((path, e)) => return Msg::ReceiptFailed(files::explain(&path, &e)),
    };
    let printed = match command {
        Some(cmd) => match print(text, cmd, timeout, cancel) {
            Ok(()) => true,
            Err(PrintError::TimedOut) => {
                return Msg::PrintFailed(crate::i18n::print_timed_out(lang, timeout.as_secs()));
            }
            Err(PrintError::Failed(e)) => return Msg::PrintFailed(e),
        },
        None => false,
    };
    Msg::ReceiptDone { path: path.display().to_string(), printed }
}

fn report_job(dir: &std::path::Path, stem: &str, report: &Report, lang: Lang) -> Msg {
    use crate::export::report::{Format, render};
    let mut written = Vec::new();
    for (format, ext) in [(Format::Xlsx, "xlsx"), (Format::Csv, "csv")] {
        let path = dir.join(format!("{stem}.{ext}"));
        let bytes = match render(lang, report, format) {
            Ok(b) => b,
            Err(e) => return Msg::PrintFailed(e),
        };
        if let Err(t) = files::write_file(&path, &bytes) {
            return Msg::ReceiptFailed(t);
        }
        written.push(path.display().to_string());
    }
    Msg::ReportWritten(written)
}

fn feedback_job(dir: &std::path::Path, units: &[UnitFeedback], community: &str, lang: Lang) -> Msg {
    use crate::export::feedback::{Format, write_all};
    for format in [Format::Text, Format::Xlsx] {
        if let Err(t) = write_all(lang, units, community, dir, format) {
            return Msg::ReceiptFailed(t);
        }
    }
    Msg::MemberDone(Notice::FeedbackSaved(units.len(), dir.display().to_string()))
}

/// Why printing failed.
#[derive(Debug, PartialEq, Eq)]
pub enum PrintError {
    /// The command ran past its time (or the session quit) and was killed.
    TimedOut,
    /// The command could not start or exited non-zero: its stderr, or what failed.
    Failed(String),
}

/// Pipes `text` into `sh -c command`, killing the command (and whatever it started) after
/// `timeout` or when `cancel` is set. A non-zero exit is an error carrying the command's stderr.
pub fn print(text: &str, command: &str, timeout: Duration, cancel: &AtomicBool) -> Result<(), PrintError> {
    use std::os::unix::process::CommandExt;
    let failed = |e: std::io::Error| PrintError::Failed(e.to_string());
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        // A group of its own, so that a kill reaches what the shell started (`lp`, `sleep`).
        .process_group(0)
        .spawn()
        .map_err(failed)?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let mut stderr = child.stderr.take().expect("stderr is piped");
    // Both pipes on threads of their own: a command that reads nothing must not stall us
    // writing, and neither pipe can fill up and stall the other.
    let bytes = text.as_bytes().to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&bytes));
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stderr.read_to_end(&mut buf);
        buf
    });
    let status = match wait(&mut child, timeout, cancel) {
        Some(s) => s.map_err(failed)?,
        None => {
            kill_group(&mut child);
            return Err(PrintError::TimedOut);
        }
    };
    let written = writer.join().unwrap_or(Ok(()));
    let err = reader.join().unwrap_or_default();
    if !status.success() {
        let msg = crate::domain::text::sanitize(String::from_utf8_lossy(&err).trim());
        let msg = if msg.trim().is_empty() { format!("`{command}` failed: {status}") } else { msg.trim().to_string() };
        return Err(PrintError::Failed(msg));
    }
    match written {
        // A command that succeeds without reading everything chose to.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(failed(e)),
        _ => Ok(()),
    }
}

/// The child's exit, or None when `timeout` passed or `cancel` was set first.
fn wait(
    child: &mut Child,
    timeout: Duration,
    cancel: &AtomicBool,
) -> Option<std::io::Result<std::process::ExitStatus>> {
    let deadline = Instant::now() + timeout;
    loop {
        match child.try_wait() {
            Ok(Some(s)) => return Some(Ok(s)),
            Ok(None) => {}
            Err(e) => return Some(Err(e)),
        }
        if Instant::now() >= deadline || cancel.load(Ordering::Relaxed) {
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Kills the command's whole process group and reaps the shell.
fn kill_group(child: &mut Child) {
    use nix::sys::signal::{Signal, killpg};
    use nix::unistd::Pid;
    let _ = killpg(Pid::from_raw(child.id() as i32), Signal::SIGKILL);
    let _ = child.kill();
    let _ = child.wait();
}

/// The job thread: takes jobs in order and sends each answer on `out`.
pub struct Jobs {
    tx: Option<std_mpsc::Sender<Job>>,
    cancel: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Jobs {
    /// Starts the thread; print commands are killed after `timeout`.
    pub fn spawn(out: UnboundedSender<Msg>, timeout: Duration) -> Jobs {
        let (tx, rx) = std_mpsc::channel::<Job>();
        let cancel = Arc::new(AtomicBool::new(false));
        let stop = cancel.clone();
        let thread = std::thread::Builder::new()
            .name("yichuang-jobs".into())
            .spawn(move || {
                for job in rx {
                    let kind = job.kind();
                    let started = Instant::now();
                    let msg = job.run(timeout, &stop);
                    super::log::answered(kind, started.elapsed(), std::slice::from_ref(&msg));
                    // The session may have ended; the job is done all the same.
                    let _ = out.send(msg);
                }
            })
            .ok();
        Jobs { tx: Some(tx), cancel, thread }
    }

    /// Queues a job; false when the job thread is gone.
    pub fn send(&self, job: Job) -> bool {
        self.tx.as_ref().is_some_and(|tx| tx.send(job).is_ok())
    }

    /// Finishes the jobs already queued, waiting up to `grace`; then a print still running
    /// is killed so that quitting never hangs on a printer.
    pub fn finish(mut self, grace: Duration) {
        drop(self.tx.take());
        let Some(thread) = self.thread.take() else { return };
        let deadline = Instant::now() + grace;
        while !thread.is_finished() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        self.cancel.store(true, Ordering::Relaxed);
        let _ = thread.join();
    }
}

impl Drop for Jobs {
    fn drop(&mut self) {
        // Dropped without `finish` (a panic unwinding): stop a hanging print, do not wait.
        self.cancel.store(true, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_print_command_that_hangs_is_killed_at_its_timeout() {
        let never = AtomicBool::new(false);
        let t = Instant::now();
        let r = print("回执\n", "sleep 60", Duration::from_millis(300), &never);
        assert_eq!(r, Err(PrintError::TimedOut));
        assert!(t.elapsed() < Duration::from_secs(5), "took {:?}", t.elapsed());
    }

    #[test]
    fn a_print_command_that_fails_says_why_and_one_that_works_is_fine() {
        let never = AtomicBool::new(false);
        let r = print("x", "echo 缺纸 >&2; exit 3", Duration::from_secs(10), &never);
        assert_eq!(r, Err(PrintError::Failed("缺纸".into())));
        assert_eq!(print("x", "cat > /dev/null", Duration::from_secs(10), &never), Ok(()));
    }

    #[test]
    fn quitting_stops_a_print_that_hangs() {
        let cancel = AtomicBool::new(true);
        let t = Instant::now();
        assert_eq!(print("x", "sleep 60", Duration::from_secs(60), &cancel), Err(PrintError::TimedOut));
        assert!(t.elapsed() < Duration::from_secs(5));
    }
}
