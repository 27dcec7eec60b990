//! Where the heat map's selection goes: a key's step on the grid, and the cell under a click.

use ratatui::layout::Rect;

use super::layout::Grid;
use crate::plan::risk::{Impact, Likelihood};
use crate::tui::action::Action;

/// A move of the selected cell. Up is more likely (the top row is "almost certain"), right is
/// more severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Up,
    Down,
    Left,
    Right,
    /// To "almost certain".
    Top,
    /// To "rare".
    Bottom,
    /// To "negligible".
    First,
    /// To "severe".
    Last,
}

impl Step {
    /// The step a keymap action asks for; `None` for actions that do not move on the grid.
    pub fn from_action(action: Action) -> Option<Step> {
        Some(match action {
            Action::Up => Step::Up,
            Action::Down => Step::Down,
            Action::Left => Step::Left,
            Action::Right => Step::Right,
            Action::Top | Action::PageUp => Step::Top,
            Action::Bottom | Action::PageDown => Step::Bottom,
            Action::FirstColumn => Step::First,
            Action::LastColumn => Step::Last,
            _ => return None,
        })
    }
}

/// The cell `step` leads to from `selected`, staying on the grid at its edges.
pub fn moved(selected: (Likelihood, Impact), step: Step) -> (Likelihood, Impact) {
    let (l, i) = (selected.0.value(), selected.1.value());
    let (l, i) = match step {
        Step::Up => (l + 1, i),
        Step::Down => (l - 1, i),
        Step::Left => (l, i - 1),
        Step::Right => (l, i + 1),
        Step::Top => (5, i),
        Step::Bottom => (1, i),
        Step::First => (l, 1),
        Step::Last => (l, 5),
    };
    (
        Likelihood::from_value(l.clamp(1, 5)).unwrap_or(selected.0),
        Impact::from_value(i.clamp(1, 5)).unwrap_or(selected.1),
    )
}

/// The cell under a mouse click at `column`, `row` when the map is drawn in `area`.
pub fn cell_at(area: Rect, column: u16, row: u16) -> Option<(Likelihood, Impact)> {
    let grid = Grid::of(area)?;
    let col = column.checked_sub(grid.x)? / grid.cell_w;
    let line = row.checked_sub(grid.y)? / grid.pitch;
    if col >= 5 || line >= 5 {
        return None;
    }
    Some((
        Likelihood::from_value(5 - i64::from(line))?,
        Impact::from_value(i64::from(col) + 1)?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_stay_on_the_grid() {
        use Impact::*;
        use Likelihood::*;
        assert_eq!(moved((Possible, Moderate), Step::Up), (Likely, Moderate));
        assert_eq!(
            moved((Possible, Moderate), Step::Down),
            (Unlikely, Moderate)
        );
        assert_eq!(moved((Possible, Moderate), Step::Left), (Possible, Minor));
        assert_eq!(moved((Possible, Moderate), Step::Right), (Possible, Major));
        assert_eq!(
            moved((AlmostCertain, Severe), Step::Up),
            (AlmostCertain, Severe)
        );
        assert_eq!(
            moved((AlmostCertain, Severe), Step::Right),
            (AlmostCertain, Severe)
        );
        assert_eq!(moved((Rare, Negligible), Step::Down), (Rare, Negligible));
        assert_eq!(moved((Rare, Negligible), Step::Left), (Rare, Negligible));
        assert_eq!(moved((Unlikely, Minor), Step::Top), (AlmostCertain, Minor));
        assert_eq!(moved((Unlikely, Minor), Step::Bottom), (Rare, Minor));
        assert_eq!(
            moved((Unlikely, Minor), Step::First),
            (Unlikely, Negligible)
        );
        assert_eq!(moved((Unlikely, Minor), Step::Last), (Unlikely, Severe));
        assert_eq!(Step::from_action(Action::Left), Some(Step::Left));
        assert_eq!(Step::from_action(Action::Delete), None);
    }
}
