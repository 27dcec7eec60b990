//! The what-if table: a row per figure that moves, now beside the scenario, in columns that scroll.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::super::lines::cut;
use super::super::scenario::Mode;
use super::ScenarioView;
use crate::plan::money::Currency;
use crate::plan::numbers::group_thousands;
use crate::plan::whatif::WhatIf;
use crate::plan::whatif::events::KpiMove;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;

/// One row of "now beside the scenario".
pub(super) struct Row {
    pub(super) label: String,
    pub(super) now: String,
    pub(super) then: String,
    /// The scenario's side is worse: drawn in the warning style.
    pub(super) worse: bool,
}

impl ScenarioView<'_> {
    /// Rows as "label   now   scenario", the two figures in columns of their own, widths from
    /// `columns` (label, each figure).
    pub(super) fn render_rows(
        &self,
        rows: &[Row],
        columns: (usize, usize),
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
    ) {
        if area.is_empty() {
            return;
        }
        let width = usize::from(area.width);
        let (label_width, column) = columns;
        let header = format!(
            "{:label_width$} {:column$} {}",
            "",
            "Now",
            "Scenario",
            label_width = label_width,
            column = column
        );
        buf.set_line(
            area.x,
            area.y,
            &Line::styled(cut(&header, width), theme.header),
            area.width,
        );
        // Rows past the bottom scroll into view; the last line says which are shown.
        let room = usize::from(area.height.saturating_sub(1));
        let shown = if rows.len() > room {
            room.saturating_sub(1)
        } else {
            rows.len()
        };
        let most = rows.len() - shown;
        let first = self.screen.scroll.min(most);
        self.screen.scroll_room.set((most, shown));
        if shown < rows.len() && room > 0 {
            let context = self.screen.context().name();
            let keys = if matches!(self.screen.mode, Mode::Compare(..)) {
                format!("‹{context}:down› and ‹{context}:up› scroll")
            } else {
                format!("‹{context}:page-down› and ‹{context}:page-up› scroll")
            };
            let more = format!(
                "rows {}–{} of {}: {}",
                first + 1,
                first + shown,
                rows.len(),
                self.keymap.spell(&keys)
            );
            let y = area.y + u16::try_from(room).unwrap_or(0);
            buf.set_line(
                area.x,
                y,
                &Line::styled(cut(&more, width), theme.muted),
                area.width,
            );
        }
        for (n, row) in rows.iter().skip(first).take(shown).enumerate() {
            let y = area.y + 1 + u16::try_from(n).unwrap_or(0);
            let label = pad(&cut(&clean(&row.label), label_width), label_width);
            let now = pad(&cut(&row.now, column), column);
            let then = cut(&row.then, column);
            let line = Line::from(vec![
                Span::styled(label, theme.base),
                Span::raw(" "),
                Span::styled(now, theme.muted),
                Span::raw(" "),
                Span::styled(then, if row.worse { theme.warning } else { theme.base }),
            ]);
            buf.set_line(area.x, y, &line, area.width);
        }
    }
}

/// The widths of the label and of each figure's column in `width` (a space between each):
/// the figures take three tenths each, up to 28, so a sum of money fits beside its name.
pub(super) fn columns(width: usize) -> (usize, usize) {
    let column = (width.saturating_sub(2) * 3 / 10).clamp(1, 28);
    (width.saturating_sub(2 * column + 2), column)
}

/// `text` padded with spaces to `width` columns.
pub(super) fn pad(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let missing = width.saturating_sub(text.width());
    format!("{text}{}", " ".repeat(missing))
}

/// A live KPI's value as the table shows it: "13", "40 %".
fn kpi_value(value: f64, percent: bool) -> String {
    if percent {
        format!("{value:.0} %")
    } else {
        group_thousands(value.round() as i64)
    }
}

fn kpi_row(kpi: &KpiMove) -> Row {
    Row {
        label: format!("KPI {}", kpi.name),
        now: kpi_value(kpi.now, kpi.percent),
        // "12 (−1)" from "13 → 12 (−1)": the value in the scenario with its move.
        then: kpi
            .change()
            .rsplit_once(" → ")
            .map_or_else(String::new, |(_, t)| t.to_string()),
        worse: true,
    }
}

/// The plan now beside the plan in the scenario, a row per figure that moves.
pub(super) fn now_and_then(outcome: &WhatIf, currency: &Currency) -> Vec<Row> {
    let mut rows = Vec::new();
    if outcome.returns_total > 0 {
        rows.push(Row {
            label: "Returns, all time".into(),
            now: currency.format(outcome.returns_total),
            then: currency.format(outcome.returns_total - outcome.returns_at_stake),
            worse: outcome.returns_at_stake > 0,
        });
        let share = outcome
            .percent_at_stake()
            .map_or_else(String::new, |p| format!(" ({p} %)"));
        rows.push(Row {
            label: format!("  at stake{share}"),
            now: String::new(),
            then: currency.format(outcome.returns_at_stake),
            worse: outcome.returns_at_stake > 0,
        });
    }
    for role in &outcome.roles {
        let why = if role.gap {
            "nobody holds it"
        } else if role.single_point {
            "one holds it alone"
        } else {
            "too few hold it"
        };
        rows.push(Row {
            label: format!("Role {} ({})", role.role, role.criticality.word()),
            now: role.before.word().to_string(),
            then: format!("{}: {why}", role.after.word()),
            worse: true,
        });
    }
    for offering in &outcome.offerings {
        rows.push(Row {
            label: format!("Offering {}", offering.offering),
            now: "all contributions".into(),
            then: format!(
                "{}loses {}",
                if offering.critical { "critical: " } else { "" },
                offering.lost.join(", ")
            ),
            worse: true,
        });
    }
    rows.extend(outcome.kpis.iter().map(kpi_row));
    for risk in &outcome.risks {
        rows.push(Row {
            label: format!("Risk {} {}", risk.code, risk.title),
            now: "open".into(),
            then: "would rise".into(),
            worse: true,
        });
    }
    if rows.is_empty() {
        rows.push(Row {
            label: "Nothing in the plan depends on it.".into(),
            now: String::new(),
            then: String::new(),
            worse: false,
        });
    }
    rows
}
