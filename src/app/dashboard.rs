//! The dashboard's own view: which window is selected, which page of the lines is shown, and
//! freeing a window whose clerk has gone. The geometry lives here so that the keys and the
//! drawing agree on what fits.

use super::overlay::{FreeWindow, Overlay};
use super::{App, Effect};
use crate::action::Action;
use crate::domain::queue::{OpenFate, open_at};
use crate::keymap::KeyChord;
use crate::model::CategoryLine;

/// Rows of the panels at the top of the dashboard, for a body of `height` rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Geometry {
    /// Height of the windows and lines panels (borders included).
    pub top: u16,
    /// Data rows each of them shows (below its header).
    pub rows: usize,
}

/// Two summary lines, then the windows and lines panels as tall as their rows need, leaving
/// the chart and the clerks at least seven rows.
pub fn geometry(body_height: u16, windows: usize, lines: usize) -> Geometry {
    let avail = body_height.saturating_sub(2);
    let want = (windows.max(lines) as u16).saturating_add(3);
    let top = want.min(avail.saturating_sub(7)).max(5.min(avail));
    Geometry { top, rows: top.saturating_sub(3) as usize }
}

/// The body's height: the whole terminal less the tab bar, status line and key hints.
pub fn body_height(app: &App) -> u16 {
    app.size.1.saturating_sub(3)
}

/// Why a line is red.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Alarm {
    /// More are waiting than its threshold.
    Count,
    /// Someone has waited longer than the target: this many minutes.
    Wait(i64),
}

/// The lines in the order a supervisor needs them: over the alarm first, then the longest
/// queues, then the rest in category order (so an alarm is never on a later page).
pub fn ordered_lines<'a>(app: &App, lines: &'a [CategoryLine]) -> Vec<&'a CategoryLine> {
    let mut v: Vec<&CategoryLine> = lines.iter().collect();
    v.sort_by_key(|l| (std::cmp::Reverse(alarm(app, l).is_some()), std::cmp::Reverse(l.waiting)));
    v
}

/// Whether a line is red: too many waiting, or its longest wait past the wait target (a long
/// wait is named first: one person kept 91 minutes matters more than the count).
pub fn alarm(app: &App, l: &CategoryLine) -> Option<Alarm> {
    let longest = crate::domain::dashboard::longest_wait(&app.queue.view.tickets, &l.code, app.now);
    if crate::domain::dashboard::waited_too_long(longest, app.dashboard.yardstick.wait_target) {
        return longest.map(Alarm::Wait);
    }
    (l.threshold > 0 && l.waiting > l.threshold).then_some(Alarm::Count)
}

/// Pages of `rows` lines each.
pub fn pages(total: usize, rows: usize) -> usize {
    total.div_ceil(rows.max(1)).max(1)
}

/// A key on the dashboard's main view; `None` for the keys the rest of the tab handles.
pub fn action(app: &mut App, a: Action) -> Option<Vec<Effect>> {
    let v = &app.queue.view;
    let g = geometry(body_height(app), v.windows.len(), v.lines.len());
    let last_page = pages(v.lines.len(), g.rows) - 1;
    let n = v.windows.len();
    let s = &mut app.audit;
    match a {
        Action::Up => s.window = s.window.saturating_sub(1),
        Action::Down => s.window = (s.window + 1).min(n.saturating_sub(1)),
        Action::First => s.window = 0,
        Action::Last => s.window = n.saturating_sub(1),
        Action::PageDown => s.lines_page = (s.lines_page + 1).min(last_page),
        Action::PageUp => s.lines_page = s.lines_page.saturating_sub(1),
        Action::FreeWindow => open_free(app),
        _ => return None,
    }
    app.dirty = true;
    Some(vec![])
}

/// The selected window, as the dashboard shows it now.
pub fn selected_window(app: &App) -> Option<FreeWindow> {
    let v = &app.queue.view;
    let w = v.windows.get(app.audit.window.min(v.windows.len().saturating_sub(1)))?;
    let numbers = open_at(&v.tickets, w.number).iter().map(|t| t.number.clone()).collect();
    Some(FreeWindow { window: w.number, operator: w.operator.clone(), numbers })
}

fn open_free(app: &mut App) {
    match selected_window(app) {
        Some(f) if f.operator.is_some() || !f.numbers.is_empty() => app.overlay = Some(Overlay::FreeWindow(f)),
        Some(f) => app.toast(super::notice::Notice::Queue(crate::model::QueueError::NothingToFree(f.window))),
        None => {}
    }
}

/// A key in the free-window dialog: with numbers open, `1` puts them back in line and `2`
/// records them as no-shows; with none, `y` or Enter frees the window; Esc or `n` cancels.
pub fn on_free_key(app: &mut App, f: &FreeWindow, chord: KeyChord, action: Option<Action>) -> Vec<Effect> {
    let c = chord.text_char();
    let fate = match (f.numbers.is_empty(), c) {
        (false, Some('1')) => Some(Some(OpenFate::BackInLine)),
        (false, Some('2')) => Some(Some(OpenFate::NoShow)),
        (true, Some('y' | 'Y')) => Some(None),
        (true, _) if action == Some(Action::Confirm) => Some(None),
        _ => None,
    };
    if let Some(fate) = fate {
        app.overlay = None;
        return vec![Effect::FreeWindow(f.window, fate)];
    }
    if action == Some(Action::Back) || c == Some('n') {
        app.overlay = None;
    }
    vec![]
}

use super::notice::Notice;
use super::screen::{Offer, Screen};
use super::{Msg, Tab};
use crate::domain::operator::Permission;

/// How `app` reaches the supervisor's tab: the dashboard, the audit trail, the operators.
pub const SCREEN: Screen = Screen {
    tab: Tab::Dashboard,
    goto: Action::GotoDashboard,
    needs: Some(Permission::Supervise),
    section: |_| crate::keymap::Section::Dashboard,
    offers,
    act,
    answer,
    submit: super::audit::submit,
    ..super::screen::PLAIN
};

fn offers(app: &App) -> Vec<Offer> {
    if app.members.approvals.on {
        return super::members::approvals::offers(app);
    }
    let s = &app.audit;
    let mut o = vec![Offer::yes(Action::ToggleAudit)];
    if s.operators_on {
        if app.session.operator.role.may(Permission::Administer) {
            let active = s.operators.get(s.operator).filter(|o| !o.retired);
            let chosen = active.is_none().then_some(Notice::NothingSelected);
            // Retiring the last admin could never succeed: say so before the login is typed.
            let admin = |o: &&crate::domain::operator::Operator| o.role == crate::domain::operator::Role::Admin;
            let last_admin =
                active.filter(admin).filter(|_| s.operators.iter().filter(|o| !o.retired).filter(admin).count() <= 1);
            let retire =
                chosen.clone().or(last_admin.map(|_| Notice::OperatorChanged(crate::model::OperatorChange::LastAdmin)));
            o.push(Offer::yes(Action::OperatorAdd));
            o.push(Offer::when(Action::OperatorSet, chosen));
            o.push(Offer::when(Action::OperatorRetire, retire));
        } else {
            o.extend([Action::OperatorAdd, Action::OperatorSet, Action::OperatorRetire].map(Offer::denied));
        }
        super::screen::movement(&mut o, false);
        return o;
    }
    if s.on {
        o.push(Offer::yes(Action::FocusSearch));
    } else {
        let free = match selected_window(app) {
            Some(f) if f.operator.is_none() && f.numbers.is_empty() => {
                Some(Notice::Queue(crate::model::QueueError::NothingToFree(f.window)))
            }
            Some(_) => None,
            None => Some(Notice::NothingSelected),
        };
        o.push(Offer::when(Action::FreeWindow, free));
    }
    o.push(Offer::when(Action::WriteReport, app.report_since.map(|_| Notice::ReportRunning)));
    o.extend([Action::SetTarget, Action::AdminCommand].map(Offer::yes));
    o.push(super::members::approvals::offer(app));
    super::screen::movement(&mut o, true);
    o
}

fn act(app: &mut App, a: Action) -> Vec<Effect> {
    if let Some(effects) = super::members::approvals::act(app, a) {
        return effects;
    }
    if !app.audit.on
        && !app.audit.operators_on
        && let Some(effects) = action(app, a)
    {
        return effects;
    }
    super::audit::action(app, a)
}

fn answer(app: &mut App, msg: Msg) -> Result<Vec<Effect>, Msg> {
    match msg {
        Msg::OperatorsLoaded(ops, change) => {
            app.audit.operator = app.audit.operator.min(ops.len().saturating_sub(1));
            app.audit.operators = ops;
            if let Some(c) = change {
                app.overlay = None;
                app.toast(Notice::OperatorChanged(c));
            }
        }
        Msg::AdminDone(r) => {
            app.overlay = None;
            match r {
                // A result of several lines (a calendar import) opens for reading; its first
                // line, what needs doing, is the toast as well.
                Ok(what) if what.contains('\n') => {
                    let mut lines: Vec<String> = what.lines().map(str::to_string).collect();
                    let title = lines.remove(0);
                    app.toast(Notice::TargetSet(title.clone()));
                    app.overlay = Some(Overlay::Report { title, lines, scroll: 0 });
                }
                Ok(what) => app.toast(Notice::TargetSet(what)),
                Err(why) => app.toast(Notice::AdminFailed(why)),
            }
        }
        Msg::WindowFreed(r) => {
            app.toast(match r {
                Ok(f) => Notice::WindowFreed(f),
                Err(e) => Notice::Queue(e),
            });
            app.dirty = true;
            return Ok(vec![Effect::LoadQueue]);
        }
        Msg::ReportWritten(files) => {
            app.report_since = None;
            app.toast(Notice::ReportSaved(files.join("  ")));
        }
        Msg::AuditLoaded(filter, before, rows) => super::audit::loaded(app, filter, before, rows),
        Msg::DashboardLoaded(d) => {
            if app.dashboard == d {
                return Ok(vec![]);
            }
            app.dashboard = d;
        }
        other => return Err(other),
    }
    app.dirty = true;
    Ok(vec![])
}
