//! Drawing a partner's joint plan: a summary line, the goals, commitments and milestones (the
//! focused list highlighted) and the conflicts its partner is in.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::super::joint_form::JointList;
use super::{JointPlanView, index};
use crate::plan::numbers::count_of;
use crate::plan::shape::show_date;
use crate::tui::sanitize::clean;
use crate::tui::settings::Settings;
use crate::tui::theme::Theme;
use crate::tui::widgets::columns::{self, Column};
use crate::tui::widgets::selectable::render_selected;

impl JointPlanView {
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, settings: &Settings) {
        // Three lines a conflict (they are sentences), within a third of the view.
        let wanted = u16::try_from(self.conflicts.len() * 3 + 2).unwrap_or(u16::MAX);
        let conflict_rows = if self.conflicts.is_empty() {
            0
        } else {
            wanted.min(area.height / 3).max(3)
        };
        let [summary, goals, commitments, milestones, conflicts] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Fill(1),
            Constraint::Fill(1),
            Constraint::Length(conflict_rows),
        ])
        .areas(area);
        Paragraph::new(Line::styled(self.summary(), theme.muted)).render(summary, buf);
        let fmt = settings.date_format.as_str();
        let date = |d: &Option<String>| d.as_deref().map(|d| show_date(d, fmt)).unwrap_or_default();
        let goal_rows: Vec<Vec<String>> = self
            .plan
            .goals
            .iter()
            .map(|r| {
                let g = &r.goal;
                let kpi = g
                    .kpis
                    .iter()
                    .zip(&r.kpi_names)
                    .map(|(aim, name)| match aim.wants {
                        Some(w) => format!("{name} {}", w.word()),
                        None => name.clone(),
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                let about = r
                    .role_name
                    .iter()
                    .chain(&r.offering_names)
                    .cloned()
                    .chain((!g.segment.is_empty()).then(|| g.segment.clone()))
                    .collect::<Vec<_>>()
                    .join(" · ");
                vec![
                    g.title.clone(),
                    date(&g.due_on),
                    g.status.clone(),
                    kpi,
                    about,
                ]
            })
            .collect();
        self.list_block(
            JointList::Goals,
            " Joint goals ",
            ["Goal", "Due", "Status", "KPI", "About"],
            &goal_rows,
            goals,
            buf,
            theme,
        );
        let commitment_rows: Vec<Vec<String>> = self
            .plan
            .commitments
            .iter()
            .map(|r| {
                let c = &r.commitment;
                vec![
                    c.side.clone(),
                    c.what.clone(),
                    date(&c.due_on),
                    c.status.clone(),
                    r.goal_title.clone().unwrap_or_default(),
                ]
            })
            .collect();
        self.list_block(
            JointList::Commitments,
            " Commitments, ours and theirs ",
            ["Whose", "Commitment", "Due", "Status", "Goal"],
            &commitment_rows,
            commitments,
            buf,
            theme,
        );
        let milestone_rows: Vec<Vec<String>> = self
            .plan
            .milestones
            .iter()
            .map(|r| {
                let m = &r.milestone;
                vec![
                    m.title.clone(),
                    date(&m.due_on),
                    m.status.clone(),
                    date(&m.done_on),
                    r.goal_title.clone().unwrap_or_default(),
                ]
            })
            .collect();
        self.list_block(
            JointList::Milestones,
            " Milestones ",
            ["Milestone", "Due", "Status", "Done", "Goal"],
            &milestone_rows,
            milestones,
            buf,
            theme,
        );
        if !self.conflicts.is_empty() {
            let lines: Vec<Line> = self
                .conflicts
                .iter()
                .map(|c| Line::raw(format!("• {}", clean(&c.text))))
                .collect();
            Paragraph::new(lines)
                .wrap(Wrap { trim: true })
                .style(theme.warning)
                .block(
                    Block::default()
                        .borders(Borders::ALL)
                        .border_style(theme.border)
                        .title(Line::styled(" Conflicts ", theme.title)),
                )
                .render(conflicts, buf);
        }
    }

    fn summary(&self) -> String {
        let ours = self
            .plan
            .commitments
            .iter()
            .filter(|c| c.commitment.side == "ours")
            .count();
        let done = self
            .plan
            .milestones
            .iter()
            .filter(|m| m.milestone.status == "done")
            .count();
        let conflicts = match self.conflicts.len() {
            0 => "no conflict".to_string(),
            n => count_of(n, "conflict", "conflicts"),
        };
        format!(
            "{} · {} ({ours} ours, {} theirs) · {}, {done} done · {conflicts}",
            count_of(self.plan.goals.len(), "goal", "goals"),
            count_of(self.plan.commitments.len(), "commitment", "commitments"),
            self.plan.commitments.len() - ours,
            count_of(self.plan.milestones.len(), "milestone", "milestones"),
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn list_block(
        &self,
        list: JointList,
        title: &str,
        headings: [&str; 5],
        rows: &[Vec<String>],
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
    ) {
        let focused = list == self.list;
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(if focused {
                theme.border_focus
            } else {
                theme.border
            })
            .title(Line::styled(title.to_string(), theme.title));
        if rows.is_empty() {
            let hint = if focused {
                format!("No {} yet; add one.", list.noun())
            } else {
                format!("No {} yet.", list.noun())
            };
            Paragraph::new(Line::styled(hint, theme.muted))
                .block(block)
                .render(area, buf);
            return;
        }
        // The words columns take what the short columns leave; cut text ends in "…".
        let columns: Vec<Column> = match list {
            JointList::Commitments => vec![
                Column::new(headings[0], 1).min(4).max(6),
                Column::new(headings[1], 0).min(12).grow(),
                Column::new(headings[2], 2).min(10).max(10),
                Column::new(headings[3], 1).min(8).max(11),
                Column::new(headings[4], 3).min(8).grow(),
            ],
            _ => vec![
                Column::new(headings[0], 0).min(12).grow(),
                Column::new(headings[1], 2).min(10).max(10),
                Column::new(headings[2], 1).min(8).max(11),
                Column::new(headings[3], 3).min(8).grow(),
                Column::new(headings[4], 3).min(8).grow(),
            ],
        };
        let cells = rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|c| (clean(c).into_owned(), Style::default()))
                    .collect()
            })
            .collect();
        let inner = area.width.saturating_sub(2);
        if focused {
            let table = columns::table(&columns, cells, inner, theme.header).block(block);
            render_selected(table, self.selected[index(list)], area, buf, theme);
        } else {
            let table = columns::plain_table(&columns, cells, inner, theme.header).block(block);
            Widget::render(table, area, buf);
        }
    }
}
