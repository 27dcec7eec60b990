//! Drawing the role catalogue: the summary line, the tree (hub at the root) with each role's
//! criticality, status and holders, and the selected role's coverage beside it.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::RolesTab;
use crate::plan::coverage::RoleCoverage;
use crate::plan::figures::ROLE_COVERAGE;
use crate::plan::roles::{AssignmentKind, Placement, RoleStatus};
use crate::tui::keymap::Keymap;
use crate::tui::sanitize::{clean, clean_lines};
use crate::tui::theme::Theme;
use crate::tui::widgets::columns::{self, Column};
use crate::tui::widgets::selectable::render_selected;

/// From this width on, the coverage of the selected role shows beside the tree.
pub(super) const SIDE_BY_SIDE_MIN_WIDTH: u16 = 100;

/// A status as a symbol and its word, so it reads without colour.
pub(super) fn status_face(status: RoleStatus, theme: &Theme) -> (String, Style) {
    match status {
        RoleStatus::InPlace => ("✓ in place".into(), theme.ok),
        RoleStatus::AtRisk => ("▲ at risk".into(), theme.warning),
        RoleStatus::Missing => ("✗ missing".into(), theme.error),
    }
}

impl RolesTab {
    pub(super) fn render_catalogue(
        &self,
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
        keymap: &Keymap,
    ) {
        let [summary, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        let mut spans = vec![Span::styled(self.summary.line(), theme.header)];
        if let Some(percent) = self.summary.percent_in_place() {
            spans.push(Span::styled(
                format!(" · {percent}% {}", ROLE_COVERAGE.label),
                theme.muted,
            ));
        }
        Paragraph::new(Line::from(spans)).render(summary, buf);
        if self.lines.is_empty() {
            let text = vec![
                Line::styled("No roles yet.", theme.title),
                Line::raw(""),
                Line::raw(keymap.spell(
                    "Press ‹roles:add› to add the hub — the organisation that coordinates the \
                     ecosystem, usually your own — then the roles beneath it.",
                )),
                Line::raw(keymap.spell(
                    "Or press ‹roles:apply-template› to start from a sector's roles: technology, \
                     manufacturing, financial services or healthcare.",
                )),
            ];
            Paragraph::new(text)
                .wrap(Wrap { trim: true })
                .block(
                    Block::default()
                        .borders(Borders::ALL)
                        .border_style(theme.border),
                )
                .render(body, buf);
            return;
        }
        if body.width >= SIDE_BY_SIDE_MIN_WIDTH {
            let [tree, detail] =
                Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)])
                    .areas(body);
            self.render_tree(tree, buf, theme);
            self.render_detail(detail, buf, theme);
        } else {
            let detail_height = (body.height / 2).min(12);
            let [tree, detail] =
                Layout::vertical([Constraint::Min(0), Constraint::Length(detail_height)])
                    .areas(body);
            self.render_tree(tree, buf, theme);
            self.render_detail(detail, buf, theme);
        }
    }

    fn render_tree(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focus)
            .title(Line::styled(" Roles ", theme.title));
        let columns = [
            Column::new("Role", 0).min(12).grow(),
            Column::new("Crit.", 3).min(4).max(6),
            Column::new("Status", 1).min(6).max(12),
            Column::new("L/B/C", 2).min(5).max(9),
        ];
        let rows = self
            .lines
            .iter()
            .map(|line| {
                let record = &self.roles[line.index];
                let indent = "  ".repeat(line.depth.min(12));
                let mark = if record.role.is_hub {
                    "◆ "
                } else if line.placement == Placement::Stored {
                    ""
                } else {
                    // Placed by the rules, not by its stored parent (hand-edited file).
                    "? "
                };
                let name = format!("{indent}{mark}{}", clean(&record.role.name));
                match self.coverage.get(&record.role.id) {
                    Some(coverage) if !record.role.is_hub => {
                        let (status, style) = status_face(coverage.effective, theme);
                        let status = if coverage.is_overridden() {
                            format!("{status}*")
                        } else {
                            status
                        };
                        let counts = format!(
                            "{}/{}/{}",
                            coverage.leads.len(),
                            coverage.backups.len(),
                            coverage.candidates.len()
                        );
                        vec![
                            (name, theme.base),
                            (record.role.criticality.word().to_string(), theme.muted),
                            (status, style),
                            (counts, theme.muted),
                        ]
                    }
                    _ => vec![
                        (name, theme.title),
                        (String::new(), theme.base),
                        ("hub".to_string(), theme.muted),
                        (String::new(), theme.base),
                    ],
                }
            })
            .collect();
        let inner = block.inner(area).width;
        let table = columns::table(&columns, rows, inner, theme.header).block(block);
        render_selected(table, self.selected, area, buf, theme);
    }

    fn render_detail(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let Some(record) = self
            .lines
            .get(self.selected)
            .and_then(|l| self.roles.get(l.index))
        else {
            return;
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border)
            .title(Line::styled(
                format!(" {} ", clean(&record.role.name)),
                theme.title,
            ));
        let mut lines: Vec<Line> = Vec::new();
        if record.role.is_hub {
            lines.push(Line::styled(
                "The hub: the organisation that coordinates the ecosystem.",
                theme.muted,
            ));
        } else if let Some(coverage) = self.coverage.get(&record.role.id) {
            self.coverage_lines(record.role.min_partners, coverage, theme, &mut lines);
            lines.push(Line::styled(
                format!(
                    "{} criticality · needs {}",
                    record.role.criticality.word(),
                    crate::plan::numbers::count_of(
                        usize::try_from(record.role.min_partners).unwrap_or(0),
                        "partner",
                        "partners"
                    )
                ),
                theme.muted,
            ));
        }
        if !record.description.trim().is_empty() {
            lines.push(Line::raw(""));
            lines.extend(clean_lines(&record.description).into_iter().map(Line::from));
        }
        if !self.overloaded.is_empty() {
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                format!(
                    "Overloaded (lead more than {}):",
                    crate::plan::numbers::count_of(
                        usize::try_from(self.threshold).unwrap_or(0),
                        "role",
                        "roles"
                    )
                ),
                theme.warning,
            ));
            for (name, leads) in &self.overloaded {
                lines.push(Line::raw(format!("  {} ({leads})", clean(name))));
            }
        }
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block)
            .render(area, buf);
    }

    fn coverage_lines(
        &self,
        min_partners: i64,
        coverage: &RoleCoverage,
        theme: &Theme,
        lines: &mut Vec<Line<'static>>,
    ) {
        let (status, style) = status_face(coverage.effective, theme);
        let mut status_line = vec![
            Span::styled(format!("{:<15}", "Status"), theme.field_label),
            Span::styled(status, style),
        ];
        match &coverage.override_reason {
            Some(reason) if coverage.is_overridden() => {
                let (computed, _) = status_face(coverage.computed, theme);
                status_line.push(Span::styled(
                    format!(" — set by hand: {} (computed: {computed})", clean(reason)),
                    theme.muted,
                ));
            }
            _ => status_line.push(Span::styled(" (computed)", theme.muted)),
        }
        lines.push(Line::from(status_line));
        let mut flags = Vec::new();
        if coverage.gap {
            flags.push("gap: no lead or backup".to_string());
        }
        if coverage.under_minimum {
            flags.push(format!(
                "under minimum: {} of {min_partners}",
                coverage.holders()
            ));
        }
        if coverage.single_point {
            flags.push("single point of failure".to_string());
        }
        if !flags.is_empty() {
            lines.push(Line::from(vec![
                Span::styled(format!("{:<15}", "Flags"), theme.field_label),
                Span::styled(flags.join(" · "), theme.warning),
            ]));
        }
        for (kind, label) in [
            (AssignmentKind::Lead, "Leads"),
            (AssignmentKind::Backup, "Backups"),
            (AssignmentKind::Candidate, "Candidates"),
        ] {
            let names: Vec<String> = self
                .holders
                .iter()
                .filter(|h| h.kind == kind)
                .map(|h| clean(&h.name).into_owned())
                .collect();
            let text = if names.is_empty() {
                "—".to_string()
            } else {
                names.join(", ")
            };
            lines.push(Line::from(vec![
                Span::styled(
                    format!("{:<15}", format!("{label} ({})", kind.letter())),
                    theme.field_label,
                ),
                Span::styled(text, theme.base),
            ]));
        }
    }
}
