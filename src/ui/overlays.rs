//! Help, command palette and confirm dialogs, drawn over the screen.

use super::{Theme, centered, dialog, fence};
use crate::app::App;
use crate::app::IntakePreview;
use crate::app::overlay::{Overlay, Palette, Prompt, PromptFor};
use crate::app::pick::Picking;
use crate::app::screen::Ready;
use crate::domain::case::{IntakeOutcome, MaterialStatus};
use crate::domain::text::{display_width, truncate_to_width};
use crate::i18n::screens::{T, text};
use crate::i18n::words::ui_overlays::{W, say};
use crate::i18n::{self, Label, label};
use crate::keymap::KeyChord;
use crate::ui::screens::catalog::draw_input;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

/// Draws the dialog on top, if any.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme) {
    match &app.overlay {
        None => {}
        Some(Overlay::Help { scroll }) => {
            let lines = help_lines(app, theme);
            panel(frame, area, app, label(app.lang, Label::HelpTitle), lines, *scroll, theme)
        }
        Some(Overlay::Report { title, lines, scroll }) => {
            let lines = lines.iter().map(|l| Line::raw(l.clone())).collect();
            panel(frame, area, app, title, lines, *scroll, theme)
        }
        Some(Overlay::Palette(p)) => palette(frame, area, app, p, theme),
        Some(Overlay::Confirm { ask: crate::app::overlay::Ask::OutOfTurn(n), .. }) => {
            super::screens::queue::out_of_turn_menu(frame, area, app, n, theme)
        }
        Some(Overlay::Confirm { action, ask }) => confirm(frame, area, app, *action, ask, theme),
        Some(Overlay::Prompt(p)) => prompt(frame, area, app, p, theme),
        Some(Overlay::Form(f)) => super::form::draw(frame, area, app, f, theme),
        Some(Overlay::ConfirmIntake(p)) => confirm_intake(frame, area, app, p, theme),
        Some(Overlay::Outcome { number, .. }) => outcome_menu(frame, area, app, number, theme),
        Some(Overlay::FreeWindow(f)) => free_window(frame, area, app, f, theme),
        Some(Overlay::Dispatch(p)) => super::screens::requests::dispatch_picker(frame, area, app, p, theme),
    }
}

fn keys_text(keys: &[KeyChord]) -> String {
    keys.iter().map(|k| k.to_string()).collect::<Vec<_>>().join(", ")
}

/// The help lines: what this operator can do on this screen, then everywhere, with the keys
/// of the active keymap; what cannot be done now is dimmed with why.
pub fn help_lines(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let section = app.section();
    let (here, everywhere) = app.offers();
    let keys = |a| keys_text(&app.keymap.keys_for(section, a));
    let key_width = here.iter().chain(&everywhere).map(|o| display_width(&keys(o.action))).max().unwrap_or(0);
    for (offers, title) in
        [(here, i18n::tab(app.lang, app.tab).to_string()), (everywhere, label(app.lang, Label::HelpGlobal).to_string())]
    {
        lines.push(Line::from(Span::styled(title, theme.title)));
        for o in offers.into_iter().filter(|o| o.shown()) {
            let k = keys(o.action);
            let pad = key_width.saturating_sub(display_width(&k));
            let mut spans = vec![
                Span::styled(format!("  {k}"), theme.key),
                Span::raw(" ".repeat(pad + 2)),
                Span::raw(i18n::describe(app.lang, o.action)),
            ];
            if let Ready::No(why) = &o.ready {
                spans[2].style = theme.dim;
                spans.push(Span::styled(
                    format!(" ({})", crate::ui::keyed(app, &i18n::notice(app.lang, why))),
                    theme.dim,
                ));
            }
            lines.push(Line::from(spans));
        }
        lines.push(Line::raw(""));
    }
    let hint = crate::ui::keyed(app, say(app.lang, W::WhileTheSearchField));
    lines.push(Line::from(Span::styled(hint, theme.dim)));
    lines.push(Line::from(Span::styled(format!("{}: {}", say(app.lang, W::Database), app.session.db_path), theme.dim)));
    lines
}

/// A panel of lines to read, scrolled from `scroll`: help, or a long result.
fn panel(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    title: &str,
    lines: Vec<Line<'static>>,
    scroll: u16,
    theme: &Theme,
) {
    let w = area.width.saturating_sub(4).min(80);
    let h = area.height.saturating_sub(2);
    let r = centered(area, w, h);
    fence(frame.buffer_mut(), r);
    frame.render_widget(Clear, r);
    let title = crate::domain::text::truncate_to_width(title, w.saturating_sub(4) as usize);
    let block = Block::bordered()
        .border_style(theme.focus_border)
        .title(Span::styled(format!(" {title} "), theme.title))
        .title_bottom(Span::styled(
            format!(" {} ", crate::ui::keyed(app, label(app.lang, Label::HelpFooter))),
            theme.dim,
        ));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let lines = crate::ui::wrap::wrap(lines, inner.width as usize);
    let scroll = scroll.min(lines.len().saturating_sub(1) as u16);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}

fn palette(frame: &mut Frame<'_>, area: Rect, app: &App, p: &Palette, theme: &Theme) {
    let w = area.width.saturating_sub(4).min(64);
    let h = (p.hits.len() as u16 + 4).min(area.height.saturating_sub(2)).max(4);
    let r = Rect { y: area.y + 1, ..centered(area, w, h) };
    let r = r.intersection(area);
    fence(frame.buffer_mut(), r);
    frame.render_widget(Clear, r);
    let block = Block::bordered()
        .border_style(theme.focus_border)
        .title(Span::styled(format!(" {} ", label(app.lang, Label::PaletteTitle)), theme.title));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    if inner.height == 0 {
        return;
    }
    let [input, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    draw_input(frame, input, &p.input, "", true, theme);
    if p.hits.is_empty() {
        frame.render_widget(Paragraph::new(label(app.lang, Label::PaletteEmpty)).style(theme.dim), list);
        return;
    }
    let height = list.height as usize;
    let offset = (p.selected + 1).saturating_sub(height);
    let width = list.width as usize;
    let lines: Vec<Line> = p
        .hits
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, hit)| {
            let action = p.actions[hit.doc as usize];
            let keys = app.keymap.hint(app.section(), action).map(|k| k.to_string()).unwrap_or_default();
            let desc =
                truncate_to_width(i18n::describe(app.lang, action), width.saturating_sub(display_width(&keys) + 2));
            let pad = width.saturating_sub(display_width(&desc) + display_width(&keys) + 1);
            let style = if i == p.selected { theme.selected } else { ratatui::style::Style::default() };
            Line::from(vec![
                Span::styled(format!(" {desc}{}", " ".repeat(pad.saturating_sub(1))), style),
                Span::styled(keys, if i == p.selected { style } else { theme.key }),
                Span::styled(" ", style),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
}

fn confirm(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    action: crate::action::Action,
    ask: &crate::app::overlay::Ask,
    theme: &Theme,
) {
    let question = i18n::confirm_question(app.lang, action, ask);
    let keys = crate::ui::keyed(app, label(app.lang, Label::ConfirmKeys));
    let w = (display_width(&keys).max(display_width(&question)) as u16 + 6).min(area.width);
    // A question naming a number and what becomes of it may be longer than the screen is wide:
    // it wraps rather than losing its end.
    let mut lines = crate::ui::wrap::wrap(
        vec![Line::from(Span::styled(question, theme.title))],
        w.saturating_sub(4).max(1) as usize,
    );
    let asked = lines.len() as u16;
    let r = centered(area, w, 4 + asked);
    fence(frame.buffer_mut(), r);
    frame.render_widget(Clear, r);
    let block = Block::bordered()
        .border_style(theme.warn)
        .title(Span::styled(format!(" {} ", label(app.lang, Label::ConfirmTitle)), theme.title));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    if asked == 1 {
        lines = lines.into_iter().map(Line::centered).collect();
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(keys, theme.key)).centered());
    frame.render_widget(Paragraph::new(lines), inner);
}

fn prompt(frame: &mut Frame<'_>, area: Rect, app: &App, p: &Prompt, theme: &Theme) {
    if let Some(k) = &p.pick {
        return pick_prompt(frame, area, app, p, k, theme);
    }
    let lang = app.lang;
    let what = i18n::describe(lang, prompt_action(p.purpose));
    let title = if p.number.is_empty() { what.to_string() } else { format!("{} · {what}", p.number) };
    let w = area.width.saturating_sub(4).min(90);
    // Long instructions wrap (up to four lines) instead of being cut at the border.
    let asked = vec![Line::styled(i18n::prompt_title(lang, p.purpose), theme.dim)];
    let question = crate::ui::wrap::wrap(asked, w.saturating_sub(2) as usize);
    let q = question.len().clamp(1, 4) as u16;
    let inner = dialog(frame, area, w, 5 + q, &title, theme);
    if inner.height == 0 {
        return;
    }
    let rows =
        Layout::vertical([Constraint::Length(q), Constraint::Length(1), Constraint::Length(1), Constraint::Min(0)])
            .split(inner);
    frame.render_widget(Paragraph::new(question), rows[0]);
    draw_input(frame, rows[1], &p.input, "", true, theme);
    let hint = if p.invalid {
        let t = match p.purpose {
            PromptFor::Rate => text(lang, T::PromptStars).to_string(),
            // The rule a hand entry broke, not just "not in the form".
            PromptFor::ManualHours if let Some(e) = &app.members.hours_problem => {
                crate::ui::keyed(app, &i18n::members::error(lang, e))
            }
            _ if p.input.text().trim().is_empty() => text(lang, T::PromptEmpty).to_string(),
            _ => say(lang, W::NotInTheForm).to_string(),
        };
        Span::styled(t, theme.error)
    } else {
        Span::styled(crate::ui::keyed_in(app, crate::keymap::Section::Global, text(lang, T::PromptKeys)), theme.key)
    };
    if rows.len() > 2 {
        frame.render_widget(Paragraph::new(hint), rows[2]);
    }
}

/// A prompt whose answer is a resident: the field, the candidates, and a last line that
/// names the highlighted one before anything is booked.
fn pick_prompt(frame: &mut Frame<'_>, area: Rect, app: &App, p: &Prompt, k: &Picking, theme: &Theme) {
    use crate::i18n::words::ui_pick::{W as P, say as said};
    let lang = app.lang;
    let what = i18n::describe(lang, prompt_action(p.purpose));
    let title = if p.number.is_empty() { what.to_string() } else { format!("{} · {what}", p.number) };
    let w = area.width.saturating_sub(4).min(90);
    let list = (k.found.hits.len() as u16).clamp(1, 8);
    let inner = dialog(frame, area, w, 7 + list, &title, theme);
    if inner.height < 4 {
        return;
    }
    let [question, input, _, rows, status, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(list),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let q = truncate_to_width(i18n::prompt_title(lang, p.purpose), question.width as usize);
    frame.render_widget(Paragraph::new(Span::styled(q, theme.dim)), question);
    draw_input(frame, input, &p.input, "", !k.confirming, theme);
    let people: &dyn crate::app::pick::People = &app.residents;
    super::pick::draw(frame, rows, app, people, &k.found.hits, k.found.selected, "", theme);
    let picked = k.found.hit().and_then(|h| people.person(h));
    let anonymous = k.picks_nobody(p.input.text());
    let request_words = |w| crate::i18n::words::requests::tab(lang, w);
    use crate::i18n::words::requests::Tab as RT;
    let (line, style, footer) = match picked {
        _ if k.confirming && anonymous => {
            (request_words(RT::AnonymousAsk).to_string(), theme.title, said(lang, P::RequestKeys))
        }
        _ if anonymous && !p.invalid => {
            let hint = crate::ui::keyed_in(app, crate::keymap::Section::Global, request_words(RT::AnonymousHint));
            (hint, theme.dim, said(lang, P::PickKeys))
        }
        Some(person) if k.confirming && p.purpose == PromptFor::RequestFor => {
            let asked = i18n::fill(said(lang, P::RequestWho), &[&super::pick::label(app, &person)]);
            (asked, theme.title, said(lang, P::RequestKeys))
        }
        Some(person) if k.confirming => {
            let at = p.slot.as_ref().map(|(d, t, _)| format!("{} {}", i18n::date(lang, *d), t.format("%H:%M")));
            let asked =
                i18n::fill(said(lang, P::BookWho), &[&super::pick::label(app, &person), &at.unwrap_or_default()]);
            (asked, theme.title, said(lang, P::BookKeys))
        }
        _ if p.invalid || (k.found.is_empty() && !p.input.text().trim().is_empty()) => {
            (said(lang, P::NobodyToBook).to_string(), theme.error, said(lang, P::PickKeys))
        }
        Some(_) => {
            let n = super::pick::namesakes(people, &k.found.hits, k.found.selected);
            let line = if n > 1 { i18n::fill(said(lang, P::Namesakes), &[&n]) } else { String::new() };
            (line, theme.warn, said(lang, P::PickKeys))
        }
        None => (String::new(), theme.dim, said(lang, P::PickKeys)),
    };
    frame.render_widget(Paragraph::new(Span::styled(line, style)), status);
    let footer = crate::ui::keyed_in(app, crate::keymap::Section::Global, footer);
    frame.render_widget(Paragraph::new(Span::styled(footer, theme.key)), keys);
}

fn prompt_action(p: PromptFor) -> crate::action::Action {
    use crate::action::Action;
    match p {
        PromptFor::Suspend => Action::CaseSuspend,
        PromptFor::Return => Action::CaseReturn,
        PromptFor::Reject => Action::CaseReject,
        PromptFor::Rate => Action::CaseRate,
        PromptFor::FollowUp => Action::CaseFollowUp,
        PromptFor::Transfer => Action::TransferTicket,
        PromptFor::Take => Action::TakeNumber,
        PromptFor::TakeGreen => Action::TakeGreen,
        PromptFor::Pause => Action::PauseWindow,
        PromptFor::BookFor => Action::Book,
        PromptFor::CancelBooking | PromptFor::CancelRoom => Action::CancelBooking,
        PromptFor::RoomPurpose => Action::Book,
        PromptFor::RoomDate => Action::GoToDate,
        PromptFor::RoomEdit => Action::EditBooking,
        PromptFor::CancelRoomSeries => Action::CancelSeries,
        PromptFor::Agree => Action::MediationAgree,
        PromptFor::Fail => Action::MediationFail,
        PromptFor::Terminate => Action::MediationTerminate,
        PromptFor::MediationVisit => Action::MediationVisit,
        PromptFor::ManualHours => Action::ManualHours,
        PromptFor::ImportRoster => Action::ImportRoster,
        PromptFor::DeclineRecord => Action::DeclineRecord,
        PromptFor::MemberStatus => Action::MemberStatus,
        PromptFor::Feedback => Action::Feedback,
        PromptFor::RejectHours => Action::RejectHours,
        PromptFor::AuditFilter => Action::FocusSearch,
        PromptFor::Report => Action::WriteReport,
        PromptFor::OperatorAdd => Action::OperatorAdd,
        PromptFor::OperatorSet => Action::OperatorSet,
        PromptFor::OperatorRetire => Action::OperatorRetire,
        PromptFor::Target => Action::SetTarget,
        PromptFor::Admin => Action::AdminCommand,
        PromptFor::RequestDone => Action::RequestDone,
        PromptFor::RequestReturn => Action::RequestReturn,
        PromptFor::RequestEscalate => Action::RequestEscalate,
        PromptFor::RequestRate => Action::RequestRate,
        PromptFor::RequestFor => Action::NewRequest,
    }
}

fn confirm_intake(frame: &mut Frame<'_>, area: Rect, app: &App, p: &IntakePreview, theme: &Theme) {
    let lang = app.lang;
    let w = area.width.saturating_sub(4).min(64);
    let mut lines = Vec::new();
    match (&p.outcome, p.due) {
        (IntakeOutcome::Accept, due) => {
            // Never 材料齐全 while something is only promised.
            let promised: Vec<String> = p
                .request
                .materials
                .iter()
                .filter_map(|m| match m.status {
                    MaterialStatus::Waived(d) => Some(match lang {
                        crate::domain::lang::Lang::Zh => format!("{}（{}前）", m.name, i18n::date(lang, d)),
                        crate::domain::lang::Lang::En => format!("{} (by {})", m.name, i18n::date(lang, d)),
                    }),
                    _ => None,
                })
                .collect();
            if promised.is_empty() {
                lines.push(Line::from(Span::styled(text(lang, T::AcceptQuestion), theme.title)));
            } else {
                lines.push(Line::from(Span::styled(text(lang, T::AcceptRongqueQuestion), theme.warn)));
                lines.push(Line::raw(promised.join(crate::i18n::list_separator(lang))));
            }
            if let Some(d) = due {
                let unconfirmed = app.calendar.unconfirmed_years(app.today(), d);
                let mark = if unconfirmed.is_empty() { "" } else { i18n::provisional_mark(lang) };
                lines.push(Line::raw(format!(
                    "{}{}{}{mark}",
                    text(lang, T::Due),
                    crate::i18n::colon(lang),
                    i18n::date(lang, d)
                )));
                if !unconfirmed.is_empty() {
                    lines.push(Line::from(Span::styled(i18n::provisional_due(lang, &unconfirmed), theme.warn)));
                }
            }
        }
        (IntakeOutcome::Notice(missing), _) => {
            lines.push(Line::from(Span::styled(text(lang, T::NoticeQuestion), theme.warn)));
            lines.push(Line::raw(missing.join(crate::i18n::list_separator(lang))));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(crate::ui::keyed(app, label(lang, Label::ConfirmKeys)), theme.key)));
    // As tall as its wrapped lines (a provisional due date adds a sentence), at least 8.
    let lines = crate::ui::wrap::wrap(lines, w.saturating_sub(2) as usize);
    let h = (lines.len() as u16 + 2).max(8);
    let inner = dialog(frame, area, w, h, text(lang, T::ConfirmIntake), theme);
    frame.render_widget(Paragraph::new(lines), inner);
}

fn outcome_menu(frame: &mut Frame<'_>, area: Rect, app: &App, number: &str, theme: &Theme) {
    use crate::domain::queue::Outcome;
    let lang = app.lang;
    let title = format!("{number} · {}", i18n::describe(lang, crate::action::Action::FinishVisit));
    let request = crate::app::queue::may_take_request(app);
    let inner = dialog(frame, area, 40.min(area.width), if request { 9 } else { 8 }, &title, theme);
    let offered: Vec<Outcome> = Outcome::ALL.into_iter().chain(request.then_some(Outcome::Request)).collect();
    let mut lines: Vec<Line> = offered
        .iter()
        .enumerate()
        .map(|(i, o)| {
            Line::from(vec![Span::styled(format!(" {} ", i + 1), theme.key), Span::raw(i18n::queue::outcome(lang, *o))])
        })
        .collect();
    let cancel = crate::ui::keyed_in(app, crate::keymap::Section::Global, say(lang, W::Cancel));
    lines.push(Line::from(Span::styled(cancel, theme.dim)));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Freeing a window: which window, whose session, which numbers, and the choice to make.
fn free_window(frame: &mut Frame<'_>, area: Rect, app: &App, f: &crate::app::overlay::FreeWindow, theme: &Theme) {
    let lang = app.lang;
    let name = f.operator.as_deref().map(|l| crate::ui::screens::dashboard::name_of(app, l));
    let (title, facts, choices) = i18n::queue::free_dialog(lang, f, name.as_deref());
    let w = area.width.saturating_sub(4).min(60);
    let body = crate::ui::wrap::wrap(facts.into_iter().map(Line::raw).collect(), w.saturating_sub(2) as usize);
    let inner = dialog(frame, area, w, body.len() as u16 + choices.len() as u16 + 3, &title, theme);
    let mut lines = body;
    lines.push(Line::raw(""));
    for (key, what) in choices {
        let key = crate::ui::keyed(app, key);
        lines.push(Line::from(vec![Span::styled(format!(" {key} "), theme.key), Span::raw(what)]));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
