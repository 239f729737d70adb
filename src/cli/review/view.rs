//! Drawing the review screen: the claim in its article's words, its attribution,
//! flag and evidence, linked copies, history, and the keys. Fits 80×24 and up.
//! Stored text goes through [`visible`] before it reaches the screen.

use super::app::{App, Mode};
use crate::model::Status;
use crate::output::escape::visible;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

/// Colours, or none (`NO_COLOR`, `--color never`): then only bold, dim and reverse.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    fn fg(self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    fn status(self, status: &Status) -> Style {
        let color = match status.as_str() {
            "unverified" => Color::Gray,
            "in-progress" => Color::Cyan,
            "verified" => Color::Green,
            "false" => Color::Red,
            "misleading" => Color::Magenta,
            "inconclusive" => Color::Yellow,
            _ => Color::White,
        };
        self.fg(color).add_modifier(Modifier::BOLD)
    }

    fn claim(self) -> Style {
        if self.color {
            Style::new().fg(Color::White).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    fn evidence(self) -> Style {
        if self.color {
            Style::new().fg(Color::Yellow)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }
}

fn dim() -> Style {
    Style::new().add_modifier(Modifier::DIM)
}

fn clean(text: &str) -> String {
    visible(text).into_owned()
}

pub fn draw(frame: &mut Frame, app: &App, theme: Theme) {
    let [header, body, message, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(5),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    frame.render_widget(Paragraph::new(header_line(app, theme)), header);
    match &app.shown {
        Some(_) => draw_claim(frame, app, theme, body),
        None => frame.render_widget(
            Paragraph::new(format!(
                "The queue is done: {} reviewed in this session. q quits, ← goes back, / searches.",
                app.reviewed
            ))
            .wrap(Wrap { trim: true })
            .block(Block::bordered()),
            body,
        ),
    }
    frame.render_widget(Paragraph::new(message_line(app)), message);
    frame.render_widget(
        Paragraph::new(footer_line(app, footer.width)).style(dim()),
        footer,
    );
    if app.mode == Mode::Help {
        draw_help(frame, app, body);
    }
}

fn header_line(app: &App, theme: Theme) -> Line<'static> {
    let (at, of) = app.position();
    let mut spans = vec![
        Span::styled(
            "claimtrack review",
            Style::new().add_modifier(Modifier::BOLD),
        ),
        Span::raw(format!("  {} of {of}", at.min(of))),
    ];
    if let Some(shown) = &app.shown {
        let c = &shown.detail.claim;
        spans.push(Span::raw(format!("  claim {}  ", c.id)));
        spans.push(Span::styled(c.status.to_string(), theme.status(&c.status)));
    }
    if let Some(search) = app.search() {
        spans.push(Span::raw(format!("  search: {}", clean(search))));
    }
    if let Some(reviewer) = app.reviewer() {
        spans.push(Span::styled(
            format!("  reviewer: {}", clean(reviewer)),
            dim(),
        ));
    }
    Line::from(spans)
}

fn draw_claim(frame: &mut Frame, app: &App, theme: Theme, area: Rect) {
    let Some(shown) = &app.shown else { return };
    let history_rows = shown.detail.history.len().min(4) as u16;
    let [context, facts, history] = Layout::vertical([
        Constraint::Min(4),
        Constraint::Length(6),
        Constraint::Length(history_rows + 2),
    ])
    .areas(area);

    // The claim in its article's words, the sentences around it dimmed.
    let c = &shown.detail.claim;
    // The sentence that carries the flag, when it is one around the claim, stands out.
    let style_of = |sentence: &str| {
        let evidence = c.flag_evidence.as_deref().map(str::trim);
        if evidence.is_some_and(|e| !e.is_empty() && sentence.trim().contains(e)) {
            theme.evidence()
        } else {
            dim()
        }
    };
    let mut words = Vec::new();
    if let Some(before) = &shown.before {
        words.push(Span::styled(
            format!("{} ", clean(before)),
            style_of(before),
        ));
    }
    words.push(Span::styled(clean(&c.text), theme.claim()));
    if let Some(after) = &shown.after {
        words.push(Span::styled(format!(" {}", clean(after)), style_of(after)));
    }
    let title = format!(
        " {} v{}{} ",
        clean(&c.source),
        c.version,
        c.title
            .as_deref()
            .map(|t| format!(": {}", clean(t)))
            .unwrap_or_default()
    );
    frame.render_widget(
        Paragraph::new(Line::from(words))
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(title)),
        context,
    );

    let field = |name: &str, value: String, style: Style| {
        Line::from(vec![
            Span::styled(format!("{name:<9}"), dim()),
            Span::styled(value, style),
        ])
    };
    let none = || "—".to_string();
    let speaker = match (&c.speaker, &c.speaker_resolved) {
        (Some(s), Some(r)) if s != r => format!("{} → {}", clean(s), clean(r)),
        (Some(s), _) => clean(s),
        (None, Some(r)) => clean(r),
        (None, None) => none(),
    };
    let flag = match (&c.flag, &c.flag_evidence) {
        (Some(f), Some(e)) => format!("{}: “{}”", clean(f), clean(e)),
        (Some(f), None) => clean(f),
        _ => none(),
    };
    let linked = if shown.detail.linked.is_empty() {
        none()
    } else {
        shown
            .detail
            .linked
            .iter()
            .map(|(id, source, status)| format!("#{id} {} [{status}]", clean(source)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let lines = vec![
        field(
            "speaker",
            speaker,
            Style::new().add_modifier(Modifier::BOLD),
        ),
        field(
            "outlet",
            c.outlet.as_deref().map_or_else(none, clean),
            Style::new(),
        ),
        field(
            "cue",
            c.cue.as_deref().map_or_else(none, clean),
            Style::new(),
        ),
        field(
            "flag",
            flag,
            if c.flag.is_some() {
                theme.evidence()
            } else {
                Style::new()
            },
        ),
        field("linked", linked, Style::new()),
        field(
            "note",
            c.latest_note.as_deref().map_or_else(none, clean),
            Style::new(),
        ),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), facts);

    let events: Vec<Line> = shown
        .detail
        .history
        .iter()
        .take(history_rows as usize)
        .map(|r| {
            let change = if r.old_status == r.new_status {
                r.new_status.to_string()
            } else {
                format!("{} → {}", r.old_status, r.new_status)
            };
            Line::from(vec![
                Span::styled(format!("{} ", r.created_at), dim()),
                Span::raw(format!(
                    "{} {change} {} {}",
                    r.event.as_str(),
                    r.reviewer.as_deref().map(clean).unwrap_or_default(),
                    r.note.as_deref().map(clean).unwrap_or_default()
                )),
            ])
        })
        .collect();
    let title = format!(" history ({}) ", shown.detail.history.len());
    frame.render_widget(
        Paragraph::new(events).block(Block::bordered().title(title)),
        history,
    );
}

fn message_line(app: &App) -> Line<'static> {
    match &app.mode {
        Mode::Note(text) => Line::from(format!("note: {}▏ (Enter adds, Esc cancels)", clean(text))),
        Mode::Speaker(text) => Line::from(format!(
            "speaker: {}▏ (Enter saves, Esc cancels)",
            clean(text)
        )),
        Mode::Dismiss(text) => Line::from(format!(
            "dismiss, because: {}▏ (Enter dismisses, Esc cancels)",
            clean(text)
        )),
        Mode::Search(text) => Line::from(format!(
            "search: {}▏ (Enter searches, empty clears, Esc cancels)",
            clean(text)
        )),
        _ => Line::from(app.message.clone()),
    }
}

/// The keys, spelled out when the line is wide enough for it; else the verdict
/// keys together and the rest behind `?`.
fn footer_line(app: &App, width: u16) -> String {
    match app.mode {
        Mode::Browse => {}
        Mode::Help => return "any key closes the help".into(),
        _ => return String::new(),
    }
    let keys = app.status_keys();
    let spelled: Vec<String> = keys.iter().map(|(k, s)| format!("{k} {s}")).collect();
    let joined: Vec<String> = keys.iter().map(|(k, _)| k.to_string()).collect();
    let verdicts = format!("{} verdict", joined.join("/"));
    const ACTIONS: &str = "n note  e speaker  d dismiss  a assign to me  \
                           s/→ skip  ← back  u undo  / search  ? help  q quit";
    const FEW: &str = "n note  e speaker  d dismiss  a mine  ? all keys  q quit";
    let candidates = [
        format!("{}  {ACTIONS}", spelled.join("  ")),
        format!("{verdicts}  {ACTIONS}"),
        format!("{verdicts}  {FEW}"),
    ];
    let fits = |line: &&String| line.chars().count() <= width as usize;
    let last = candidates[2].clone();
    candidates.into_iter().find(|l| fits(&l)).unwrap_or(last)
}

fn draw_help(frame: &mut Frame, app: &App, area: Rect) {
    let mut lines: Vec<Line> = app
        .status_keys()
        .iter()
        .map(|(key, status)| {
            Line::from(format!(
                "  {key}       mark {}, then the next claim",
                clean(status.as_str())
            ))
        })
        .collect();
    lines.extend(
        [
            "  n       add a note to the claim's history",
            "  e       correct the speaker (as `claimtrack edit --speaker`)",
            "  d       dismiss: not a claim (asks why; `claimtrack restore` undoes)",
            "  a       assign the claim to you",
            "  s  →    skip to the next claim       ←  b   back to the previous one",
            "  u       undo your last status change (a new history row)",
            "  /       search (words, \"a phrase\", word*); empty clears",
            "  q  Esc  quit: every action is already saved",
        ]
        .map(Line::from),
    );
    let width = area.width.min(76);
    let height = (lines.len() as u16 + 2).min(area.height);
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(" keys ")),
        popup,
    );
}
