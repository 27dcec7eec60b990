//! The Overview's concentration list: every figure (returns by partner, region, sector and type;
//! active partners by region, sector and type; critical roles by their lead) with its index, its
//! band and its largest groups. Enter on a group shows the partners behind it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::destination::Destination;
use super::lines::{cut, first_shown, render_pair};
use crate::plan::concentration::{Concentration, Dimension, Level, Measure, Thresholds};
use crate::plan::framework::Screen;
use crate::plan::guide::Target;
use crate::plan::money::Currency;
use crate::plan::numbers::group_thousands;
use crate::plan::risk::Band;
use crate::tui::action::Action;
use crate::tui::intent::Intent;
use crate::tui::keymap::Keymap;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;
use crate::workbook::{Facets, Workbook};

/// The widest the list is drawn.
const LIST_WIDTH: u16 = 100;

/// How many of a figure's groups the list names.
const TOP_GROUPS: usize = 3;

/// One line of the list: a figure's heading, or one of its groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Row {
    figure: usize,
    /// `None`: the heading (Enter shows its largest group).
    share: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ConcentrationView {
    rows: Vec<Row>,
    pub selected: usize,
}

impl ConcentrationView {
    /// The list over `figures`, the line `selected` chosen (kept within the list).
    pub fn new(figures: &[Concentration], selected: usize) -> ConcentrationView {
        let rows: Vec<Row> = figures
            .iter()
            .enumerate()
            .flat_map(|(figure, c)| {
                let groups = c.shares.len().min(TOP_GROUPS);
                std::iter::once(Row {
                    figure,
                    share: None,
                })
                .chain((0..groups).map(move |share| Row {
                    figure,
                    share: Some(share),
                }))
            })
            .collect();
        let selected = selected.min(rows.len().saturating_sub(1));
        ConcentrationView { rows, selected }
    }

    pub fn move_by(&mut self, action: Action, page: usize) {
        let last = self.rows.len().saturating_sub(1);
        self.selected = match action {
            Action::Up => self.selected.saturating_sub(1),
            Action::Down => (self.selected + 1).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            Action::PageUp => self.selected.saturating_sub(page.max(1)),
            Action::PageDown => (self.selected + page.max(1)).min(last),
            _ => self.selected,
        };
    }

    /// Where Enter on the selected line leads: the partner itself, or the roster narrowed to the
    /// region, sector or type (active partners only when the figure counts those).
    pub fn open(&self, figures: &[Concentration], wb: &Workbook) -> Intent {
        let Some(row) = self.rows.get(self.selected) else {
            return Intent::Nothing;
        };
        let Some(figure) = figures.get(row.figure) else {
            return Intent::Nothing;
        };
        let Some(share) = figure.shares.get(row.share.unwrap_or(0)) else {
            return Intent::Nothing;
        };
        if share.label == figure.dimension.unset() {
            return Intent::Status(format!(
                "These have {}: set it on the partners (Partners tab, e edits) to see where they belong.",
                figure.dimension.unset().trim_start_matches("no ")
            ));
        }
        let group = Some(share.label.clone());
        let mut facets = Facets {
            stage: (figure.measure == Measure::ActivePartners).then(|| "active".to_string()),
            ..Facets::default()
        };
        match figure.dimension {
            Dimension::Partner => {
                return match wb.partner_named(&share.label) {
                    Ok((id, _)) => Intent::Go(Target {
                        screen: Screen::Partners,
                        record_id: Some(id),
                    }),
                    Err(why) => Intent::Error(format!(
                        "The partner cannot be shown: {why} (the list is read again after each edit)."
                    )),
                };
            }
            Dimension::Region => facets.region = group,
            Dimension::Sector => facets.sector = group,
            Dimension::PartnerType => facets.partner_type = group,
        }
        Intent::Show(Destination::Partners(Box::new(facets)))
    }

    /// The partner the selected line names, when its figure is by partner (its heading names
    /// the largest): "what if it exits?" asks about that one.
    pub fn partner(&self, figures: &[Concentration]) -> Option<String> {
        let row = self.rows.get(self.selected)?;
        let figure = figures.get(row.figure)?;
        let share = figure.shares.get(row.share.unwrap_or(0))?;
        (figure.dimension == Dimension::Partner && share.label != figure.dimension.unset())
            .then(|| share.label.clone())
    }

    /// What the breadcrumb names.
    pub fn crumb(&self) -> String {
        "Concentration".to_string()
    }
}

/// What the list is drawn from.
pub(super) struct ListView<'a> {
    pub view: &'a ConcentrationView,
    pub figures: &'a [Concentration],
    pub thresholds: Thresholds,
    pub currency: &'a Currency,
    pub keymap: &'a Keymap,
}

impl ListView<'_> {
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        let about = format!(
            " The Herfindahl–Hirschman index of each figure (the sum of its groups' squared \
             shares, 0 to 10,000): moderately concentrated from {}, highly above {} (set in \
             the config's [concentration]).",
            group_thousands(self.thresholds.moderate.round() as i64),
            group_thousands(self.thresholds.high.round() as i64)
        );
        if self.figures.is_empty() {
            let text = self.keymap.spell(
                " Nothing to measure yet: log returns with an amount in the value log (Metrics \
                 tab, ‹tab-6›), make partners active or give critical roles a lead.",
            );
            Paragraph::new(vec![
                Line::styled(text, theme.muted),
                Line::default(),
                Line::styled(about, theme.muted),
            ])
            .wrap(Wrap { trim: false })
            .render(area, buf);
            return;
        }
        let head = Rect { height: 1, ..area };
        buf.set_line(
            head.x,
            head.y,
            &Line::styled(cut(&about, usize::from(area.width)), theme.muted),
            area.width,
        );
        // Past a hundred columns the numbers would sit too far from their names to be read.
        let list = Rect {
            y: area.y + 1.min(area.height),
            height: area.height.saturating_sub(1),
            width: area.width.min(LIST_WIDTH),
            ..area
        };
        let rows = usize::from(list.height);
        let first = first_shown(Some(self.view.selected), rows);
        for (n, row) in self.view.rows.iter().skip(first).take(rows).enumerate() {
            let Some(figure) = self.figures.get(row.figure) else {
                continue;
            };
            let line = Rect {
                y: list.y + u16::try_from(n).unwrap_or(0),
                height: 1,
                ..list
            };
            let selected = first + n == self.view.selected;
            match row.share.and_then(|s| figure.shares.get(s)) {
                None => {
                    let groups = figure.shares.len();
                    let right = Span::styled(
                        format!(
                            "index {} · {} · {} {}",
                            group_thousands(figure.hhi.round() as i64),
                            figure.level.words(),
                            group_thousands(groups as i64),
                            if groups == 1 { "group" } else { "groups" }
                        ),
                        level_style(figure.level, theme),
                    );
                    let left = format!("{} by {}", figure.measure.title(), figure.dimension.word());
                    render_pair(&left, right, selected, line, buf, theme);
                }
                Some(share) => {
                    let amount = match figure.measure {
                        Measure::Returns => self.currency.format(share.amount),
                        _ => format!(
                            "{} of {}",
                            group_thousands(share.amount),
                            group_thousands(figure.total)
                        ),
                    };
                    let right =
                        Span::styled(format!("{:>3} % · {amount}", share.percent), theme.base);
                    let left = format!("   {}", clean(&share.label));
                    render_pair(&left, right, selected, line, buf, theme);
                }
            }
        }
    }
}

/// High in the risk colours' high band, moderate in the medium one: the words say it too.
pub(super) fn level_style(level: Level, theme: &Theme) -> ratatui::style::Style {
    match level {
        Level::High => theme.band(Band::High),
        Level::Moderate => theme.band(Band::Medium),
        Level::Unconcentrated => theme.muted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::concentration::figure;

    #[test]
    fn a_heading_and_at_most_three_groups_per_figure_and_moves_stay_inside() {
        let figures = [
            figure(
                Measure::Returns,
                Dimension::Partner,
                &[("a", 5), ("b", 4), ("c", 3), ("d", 2)],
            ),
            figure(Measure::ActivePartners, Dimension::Region, &[("Europe", 3)]),
        ];
        let mut view = ConcentrationView::new(&figures, 99);
        assert_eq!(view.rows.len(), 4 + 2);
        assert_eq!(view.selected, 5, "kept within the list");
        view.move_by(Action::Down, 10);
        assert_eq!(view.selected, 5);
        view.move_by(Action::PageUp, 4);
        assert_eq!(view.selected, 1);
        view.move_by(Action::Top, 4);
        view.move_by(Action::Up, 4);
        assert_eq!(view.selected, 0);
        let empty = ConcentrationView::new(&[], 3);
        assert_eq!(empty.selected, 0);
    }
}
