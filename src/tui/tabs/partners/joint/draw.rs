//! Drawing a partner's joint plan: a summary line, the goals, commitments and milestones (the
//! focused list highlighted) and the conflicts its partner is in.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, Widget, Wrap};

use super::super::joint_form::JointList;
use super::{JointPlanView, index};
use crate::plan::shape::show_date;
use crate::tui::sanitize::clean;
use crate::tui::settings::Settings;
use crate::tui::theme::Theme;
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
            1 => "1 conflict".to_string(),
            n => format!("{n} conflicts"),
        };
        format!(
            "{} goals · {} commitments ({ours} ours, {} theirs) · {} milestones, {done} done · \
             {conflicts}",
            self.plan.goals.len(),
            self.plan.commitments.len(),
            self.plan.commitments.len() - ours,
            self.plan.milestones.len(),
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
        // The first words column takes what the short columns leave.
        let widths = match list {
            JointList::Commitments => [
                Constraint::Length(6),
                Constraint::Fill(2),
                Constraint::Length(10),
                Constraint::Length(11),
                Constraint::Fill(1),
            ],
            _ => [
                Constraint::Fill(2),
                Constraint::Length(10),
                Constraint::Length(11),
                Constraint::Fill(1),
                Constraint::Fill(1),
            ],
        };
        let body = rows.iter().map(|cells| {
            Row::new(
                cells
                    .iter()
                    .map(|c| clean(c).into_owned())
                    .collect::<Vec<_>>(),
            )
        });
        let table = Table::new(body, widths)
            .column_spacing(1)
            .header(Row::new(headings.to_vec()).style(theme.header))
            .block(block);
        if focused {
            render_selected(table, self.selected[index(list)], area, buf, theme);
        } else {
            Widget::render(table, area, buf);
        }
    }
}
