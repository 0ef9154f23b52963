//! Intake: choose the applicant, then tick the materials actually presented.

use crate::app::App;
use crate::app::intake::{IntakeState, Step};
use crate::domain::case::MaterialStatus;
use crate::i18n::screens::{T, text};
use crate::i18n::{self};
use crate::ui::Theme;
use crate::ui::screens::catalog::draw_input;
use crate::ui::wrap::wrap;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// Draws the intake in progress into `area`.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, i: &IntakeState, theme: &Theme) {
    let lang = app.lang;
    let step = match i.step {
        Step::Resident => text(lang, T::StepResident),
        Step::Materials => text(lang, T::StepMaterials),
    };
    let title = format!(" {}：{}（{}）· {step} ", text(lang, T::Intake), i.item.name, i.item.code);
    let block = Block::bordered().border_style(theme.focus_border).title(Span::styled(title, theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 2 || inner.width < 4 {
        return;
    }
    match i.step {
        Step::Resident => {
            let [hint, input, list] =
                Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Min(0)]).areas(inner);
            frame.render_widget(
                Paragraph::new(Span::styled(
                    crate::ui::keyed_in(app, crate::keymap::Section::Intake, text(lang, T::StepResidentHint)),
                    theme.dim,
                )),
                hint,
            );
            let focused = app.overlay.is_none();
            draw_input(frame, input, &i.query, "…", focused, theme);
            crate::ui::pick::draw(
                frame,
                list,
                app,
                &app.residents,
                &i.found.hits,
                i.found.selected,
                &crate::ui::keyed_in(app, crate::keymap::Section::Intake, text(lang, T::NoResident)),
                theme,
            );
        }
        Step::Materials => {
            let lines = wrap(material_lines(app, i, theme), inner.width as usize);
            let height = inner.height as usize;
            // Keep the material under the cursor in view (it is on line 4 + cursor).
            let scroll = (i.cursor + 5).saturating_sub(height.saturating_sub(3));
            frame.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), inner);
        }
    }
}

fn material_lines(app: &App, i: &IntakeState, theme: &Theme) -> Vec<Line<'static>> {
    let lang = app.lang;
    let colon = crate::i18n::colon(lang);
    let mut lines = Vec::new();
    if let Some(r) = &i.resident {
        lines.push(Line::from(vec![
            Span::styled(format!("{}{colon}", text(lang, T::Applicant)), theme.dim),
            Span::styled(crate::ui::pick::label(app, &r.into()), theme.title),
        ]));
    }
    lines.push(Line::from(vec![
        Span::styled(format!("{}{colon}", text(lang, T::Channel)), theme.dim),
        Span::raw(i18n::channel(lang, i.channel).to_string()),
    ]));
    lines.push(Line::from(Span::styled(
        crate::ui::keyed_in(app, crate::keymap::Section::Intake, text(lang, T::StepMaterialsHint)),
        theme.dim,
    )));
    lines.push(Line::raw(""));
    for (n, (m, s)) in i.item.materials.iter().zip(&i.statuses).enumerate() {
        let here = n == i.cursor;
        let mark = match s {
            MaterialStatus::Presented => "[✓]",
            MaterialStatus::Missing => "[ ]",
            MaterialStatus::Waived(_) => "[容]",
        };
        let base = if here { theme.selected } else { Style::default() };
        // An optional material not brought is optional, never 缺少.
        let (status, status_style) = match s {
            MaterialStatus::Missing if !m.required => (text(lang, T::Optional).to_string(), base.patch(theme.dim)),
            MaterialStatus::Missing => (i18n::material_status(lang, *s), base.patch(theme.error)),
            MaterialStatus::Waived(_) => (i18n::material_status(lang, *s), base.patch(theme.warn)),
            MaterialStatus::Presented => (i18n::material_status(lang, *s), base),
        };
        let mut spans = vec![
            Span::styled(format!("{} {mark} ", if here { "▸" } else { " " }), base),
            Span::styled(m.name.clone(), base),
            Span::styled(format!(" · {}", i18n::material_form(lang, m.form, m.count)), base),
        ];
        if m.required {
            spans.push(Span::styled(format!(" · {}", text(lang, T::Required)), base));
        }
        if !m.note.trim().is_empty() {
            let note = match lang {
                crate::domain::lang::Lang::Zh => format!("（{}）", m.note.trim()),
                crate::domain::lang::Lang::En => format!(" ({})", m.note.trim()),
            };
            spans.push(Span::styled(note, base.patch(theme.dim)));
        }
        if m.may_be_rongque() {
            spans.push(Span::styled(format!(" · {}", text(lang, T::MayRongque)), base.patch(theme.dim)));
        }
        spans.push(Span::styled(" · ", base));
        spans.push(Span::styled(status, status_style));
        lines.push(Line::from(spans));
    }
    lines.push(Line::raw(""));
    let due = i.due(app);
    let unconfirmed = app.calendar.unconfirmed_years(app.today(), due);
    let mut provisional = None;
    let preview = match i.outcome(app.today(), due) {
        Ok(crate::domain::case::IntakeOutcome::Accept) if !unconfirmed.is_empty() => {
            provisional = Some(i18n::provisional_due(lang, &unconfirmed));
            format!("{}{colon}{}{}", text(lang, T::Due), i18n::date(lang, due), i18n::provisional_mark(lang))
        }
        Ok(crate::domain::case::IntakeOutcome::Accept) => {
            format!("{}{colon}{}", text(lang, T::Due), i18n::date(lang, due))
        }
        Ok(crate::domain::case::IntakeOutcome::Notice(missing)) => {
            format!("{} {}", text(lang, T::NoticeQuestion), missing.join(crate::i18n::list_separator(lang)))
        }
        Err(e) => i18n::case_error(lang, &e),
    };
    lines.push(Line::from(Span::styled(preview, theme.title)));
    if let Some(why) = provisional {
        lines.push(Line::from(Span::styled(why, theme.warn)));
    }
    lines
}
