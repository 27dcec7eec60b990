//! Goals: their form (read back into a draft the plan's rules check) and how their list looks,
//! each goal with how its linked KPIs stand.

use std::collections::BTreeMap;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::lists::{typed_date, words};
use crate::plan::kpi::KpiStatus;
use crate::plan::shape::{date_example, show_date};
use crate::plan::strategy::{GoalDraft, GoalField, GoalHorizon, GoalStatus};
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;
use crate::tui::widgets::columns::{Column, TableCell};
use crate::tui::widgets::form::Form;
use crate::tui::widgets::ordered_list::{ListLook, Listed, OrderedList, described};
use crate::tui::widgets::wrap::wrap;
use crate::workbook::{GoalKpiStatus, GoalRecord};
use ratatui::style::Style;

impl Listed for GoalRecord {
    fn list_id(&self) -> i64 {
        self.id
    }
}

pub(super) fn goal_form(title: &str, d: &GoalDraft, date_format: &str) -> Form {
    Form::new(title.to_string())
        .text("title", "Title", &d.title, true)
        .choice(
            "horizon",
            "Horizon",
            &words(&GoalHorizon::ALL, GoalHorizon::word),
            d.horizon.word(),
        )
        .choice(
            "status",
            "Status",
            &words(&GoalStatus::ALL, GoalStatus::word),
            d.status.word(),
        )
        .text(
            "target_date",
            "Target date",
            &show_date(d.target_date.as_deref().unwrap_or(""), date_format),
            false,
        )
        .placeholder(format!("e.g. {}", date_example(date_format)))
        .multiline("description", "Description", &d.description)
        .rows(3)
}

/// The goal the form holds, and whether its date read (if not, its field says why).
pub(super) fn read_goal(form: &mut Form, date_format: &str) -> (GoalDraft, bool) {
    let (target_date, dated) = typed_date(form, "target_date", date_format);
    let draft = GoalDraft {
        title: form.value("title"),
        horizon: GoalHorizon::from_word(&form.value("horizon")).unwrap_or_default(),
        description: form.value("description"),
        target_date,
        status: GoalStatus::from_word(&form.value("status")).unwrap_or_default(),
    };
    (draft, dated)
}

pub(super) fn goal_field(field: GoalField) -> &'static str {
    match field {
        GoalField::Title => "title",
        GoalField::Description => "description",
        GoalField::TargetDate => "target_date",
    }
}

/// A goal's KPIs in a word or two, worst first, with the mark that reads without colour.
fn kpi_cell(status: Option<&GoalKpiStatus>, theme: &Theme) -> TableCell {
    let Some(status) = status.filter(|s| s.total() > 0) else {
        return (String::from("no KPI linked"), theme.muted);
    };
    let Some(worst) = status.worst() else {
        return (String::from(""), Style::default());
    };
    let style = match worst {
        KpiStatus::Achieved | KpiStatus::OnTrack => theme.ok,
        KpiStatus::AtRisk => theme.warning,
        KpiStatus::OffTrack => theme.error,
        KpiStatus::NoData => theme.muted,
    };
    let text = match status.total() {
        1 => format!("{} {}", worst.symbol(), worst.word()),
        n => format!("{} {} ({n} KPIs)", worst.symbol(), worst.word()),
    };
    (text, style)
}

pub(super) fn render_goals(
    list: &OrderedList<GoalRecord>,
    kpis: &BTreeMap<i64, GoalKpiStatus>,
    date_format: &str,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) {
    let goals = list.records();
    let short = goals
        .iter()
        .filter(|g| g.goal.horizon == GoalHorizon::Short)
        .count();
    let muted = theme.muted;
    let row = move |g: &GoalRecord| {
        vec![
            (clean(&g.goal.title).into_owned(), Style::default()),
            (String::from(g.goal.horizon.word()), Style::default()),
            (String::from(g.goal.status.word()), Style::default()),
            (
                show_date(g.goal.target_date.as_deref().unwrap_or(""), date_format),
                muted,
            ),
            kpi_cell(kpis.get(&g.id), theme),
        ]
    };
    let detail = move |g: &GoalRecord, width: u16| {
        let mut lines = described(&g.goal.description, width, muted);
        if let Some(status) = kpis.get(&g.id).filter(|s| s.total() > 0) {
            lines.push(Line::default());
            for part in wrap(&format!("Linked {}", status.summary()), width) {
                lines.push(Line::from(part));
            }
        }
        (clean(&g.goal.title).into_owned(), lines)
    };
    let look = ListLook {
        summary: format!(
            "{} short-term · {} long-term · K/J reorder · KPIs link to goals on the Metrics tab",
            short,
            goals.len() - short
        ),
        title: " Goals, in order ",
        empty: "No goals yet: a adds one (the method asks for at least one).",
        // The title takes what the other columns leave; the detail below shows it whole.
        columns: vec![
            Column::new("Goal", 1).min(16).grow(),
            Column::new("Horizon", 4).min(7).max(7),
            Column::new("Status", 3).min(11).max(11),
            Column::new("Target", 5).min(10).max(11),
            // How the goal's KPIs stand is what the list is read for, after the title.
            Column::new("KPIs", 0).min(10).max(30),
        ],
        row: &row,
        detail: &detail,
    };
    list.render(area, buf, theme, &look);
}
