//! Where the Overview's panels go: two rows of roomy panels on a wide terminal, three columns of
//! compact ones on a small one; both read in the order of `Panel::ALL`.

use ratatui::layout::{Constraint, Layout, Rect};

use super::panels::Panel;

/// From this size on (the tab's body) the panels sit in two rows, with room for charts.
pub const WIDE_WIDTH: u16 = 150;
pub const WIDE_HEIGHT: u16 = 36;

/// How many lines the compact layout gives the panels whose length it knows: the stages (one
/// line each), the fit buckets, the KPI statuses and the progress lines, borders included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lengths {
    pub stages: u16,
    pub kpis: u16,
    pub ecosystem: u16,
    /// The longest of the top row's panels in the wide layout.
    pub top_row: u16,
}

/// Each panel's area within `area`, in the order of `Panel::ALL`.
pub fn panels(area: Rect, lengths: Lengths) -> [(Panel, Rect); 9] {
    if area.width >= WIDE_WIDTH && area.height >= WIDE_HEIGHT {
        wide(area, lengths)
    } else {
        compact(area, lengths)
    }
}

fn wide(area: Rect, lengths: Lengths) -> [(Panel, Rect); 9] {
    let top_row = lengths.top_row;
    // The top row as tall as its longest list (within reason); the heat map takes the rest.
    let top_height = top_row.clamp(FIT_LINES, area.height * 45 / 100);
    let [top, bottom] =
        Layout::vertical([Constraint::Length(top_height), Constraint::Min(0)]).areas(area);
    let [stages, types, fit, roles] = Layout::horizontal([Constraint::Ratio(1, 4); 4]).areas(top);
    let [risks, kpi_column, progress, ecosystem] = Layout::horizontal([
        Constraint::Percentage(30),
        Constraint::Percentage(24),
        Constraint::Percentage(24),
        Constraint::Percentage(22),
    ])
    .areas(bottom);
    // The KPI statuses are few: the concentration figures take the column's rest.
    let [kpis, concentration] = Layout::vertical([
        Constraint::Length(lengths.kpis.max(KPI_LINES)),
        Constraint::Min(0),
    ])
    .areas(kpi_column);
    placed([
        stages,
        types,
        fit,
        roles,
        risks,
        kpis,
        progress,
        ecosystem,
        concentration,
    ])
}

/// Areas given in the order of `Panel::ALL`, each beside its panel.
fn placed(areas: [Rect; 9]) -> [(Panel, Rect); 9] {
    let mut n = 0;
    areas.map(|area| {
        let panel = Panel::ALL[n];
        n += 1;
        (panel, area)
    })
}

fn compact(area: Rect, lengths: Lengths) -> [(Panel, Rect); 9] {
    let [left, middle, right] = Layout::horizontal([Constraint::Ratio(1, 3); 3]).areas(area);
    let half = area.height / 2;
    let [stages, types, ecosystem] = Layout::vertical([
        Constraint::Length(lengths.stages.min(half)),
        Constraint::Min(0),
        Constraint::Length(lengths.ecosystem.min(area.height * 2 / 5)),
    ])
    .areas(left);
    let [fit, roles, concentration] = Layout::vertical([
        Constraint::Length(FIT_LINES.min(half)),
        Constraint::Min(0),
        Constraint::Length(CONCENTRATION_LINES.min(area.height / 4)),
    ])
    .areas(middle);
    let [risks, kpis, progress] = Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(lengths.kpis),
        Constraint::Length(PROGRESS_LINES),
    ])
    .areas(right);
    placed([
        stages,
        types,
        fit,
        roles,
        risks,
        kpis,
        progress,
        ecosystem,
        concentration,
    ])
}

/// The leading reading over three lines, and the borders.
const CONCENTRATION_LINES: u16 = 5;
/// The KPI panel in the wide layout at least: five statuses and the borders.
const KPI_LINES: u16 = 7;

/// Seven fit lines and the borders.
const FIT_LINES: u16 = 9;
/// Five progress lines and the borders.
const PROGRESS_LINES: u16 = 7;

#[cfg(test)]
mod tests {
    use super::*;

    const LENGTHS: Lengths = Lengths {
        stages: 9,
        kpis: 7,
        ecosystem: 7,
        top_row: 9,
    };

    #[test]
    fn every_panel_stays_inside_the_area_at_any_size() {
        for (w, h) in [(0, 0), (1, 1), (80, 21), (120, 37), (200, 57), (3, 400)] {
            let area = Rect::new(0, 2, w, h);
            for (panel, rect) in panels(area, LENGTHS) {
                assert!(
                    area.union(rect) == area || rect.is_empty(),
                    "{panel:?} {rect:?} outside {area:?}"
                );
            }
        }
    }

    #[test]
    fn a_small_terminal_stacks_three_columns_a_wide_one_two_rows() {
        let small = panels(Rect::new(0, 0, 80, 21), LENGTHS);
        assert_eq!(small[0].1.x, small[1].1.x, "stages above types");
        assert!(small[2].1.x > small[0].1.x, "fit in the next column");
        let wide = panels(Rect::new(0, 0, 200, 57), LENGTHS);
        assert_eq!(wide[0].1.y, wide[3].1.y, "stages to roles in the top row");
        assert!(wide[4].1.y > wide[0].1.y, "risks in the bottom row");
    }
}
