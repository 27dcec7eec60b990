//! The snapshots kept in the workbook: the list (label, when, size), a line to name a new one,
//! and the question before one is removed.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};

use super::{centered, popup_block};
use crate::plan::numbers::count_of;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;
use crate::workbook::{SnapshotInfo, SnapshotKind};

/// What the popup is doing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SnapshotStep {
    Listing,
    /// Typing the label of a new snapshot.
    Naming(String),
    /// Asking before the selected snapshot is removed.
    Removing,
}

#[derive(Debug, Clone)]
pub struct SnapshotList {
    pub snapshots: Vec<SnapshotInfo>,
    pub selected: usize,
    pub step: SnapshotStep,
    /// Why the last key did nothing, or what it did.
    pub message: Option<String>,
}

/// A snapshot as listed: its label (or what kind it is) and when it was kept.
pub fn name_of(snapshot: &SnapshotInfo) -> String {
    let when = snapshot
        .created_at
        .get(..16)
        .unwrap_or(&snapshot.created_at)
        .replace('T', " ");
    match (snapshot.kind, snapshot.label.is_empty()) {
        (_, false) => format!("\"{}\" ({when})", snapshot.label),
        (SnapshotKind::HandOff, true) => format!("copy handed out {when}"),
        (SnapshotKind::Received, true) => format!("copy received {when}"),
        (SnapshotKind::Labelled, true) => format!("snapshot of {when}"),
    }
}

impl SnapshotList {
    /// The newest first: "what changed since the last steering committee" is the usual question.
    pub fn new(mut snapshots: Vec<SnapshotInfo>) -> SnapshotList {
        snapshots.reverse();
        SnapshotList {
            snapshots,
            selected: 0,
            step: SnapshotStep::Listing,
            message: None,
        }
    }

    pub fn selected(&self) -> Option<&SnapshotInfo> {
        self.snapshots.get(self.selected)
    }

    pub fn up(&mut self) {
        self.selected = self.selected.saturating_sub(1);
    }

    pub fn down(&mut self) {
        if self.selected + 1 < self.snapshots.len() {
            self.selected += 1;
        }
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let height = (self.snapshots.len() as u16).saturating_add(9);
        let popup = centered(area, 84, height);
        Clear.render(popup, buf);
        let block = popup_block("Snapshots", theme);
        let inner = block.inner(popup);
        block.render(popup, buf);
        let mut lines = vec![Line::styled(
            "The plan kept as it was, inside this workbook: see what changed since.",
            theme.muted,
        )];
        lines.push(Line::default());
        if self.snapshots.is_empty() {
            lines.push(Line::styled("No snapshot is kept yet.", theme.muted));
        }
        for (index, snapshot) in self.snapshots.iter().enumerate() {
            let style = if index == self.selected {
                theme.selected
            } else {
                theme.base
            };
            lines.push(Line::from(vec![
                Span::styled(
                    format!("{} ", if index == self.selected { "▸" } else { " " }),
                    style,
                ),
                Span::styled(clean(&name_of(snapshot)).into_owned(), style),
                Span::styled(
                    format!(
                        " · {} · {} KB",
                        count_of(snapshot.records as usize, "record", "records"),
                        (snapshot.bytes + 1023) / 1024
                    ),
                    theme.muted,
                ),
            ]));
        }
        lines.push(Line::default());
        match &self.step {
            SnapshotStep::Listing => {}
            SnapshotStep::Naming(label) => lines.push(Line::from(vec![
                Span::styled("Label: ", theme.field_label),
                Span::styled(clean(label).into_owned(), theme.input),
                Span::styled("▏", theme.cursor),
            ])),
            SnapshotStep::Removing => {
                if let Some(snapshot) = self.selected() {
                    lines.push(Line::styled(
                        format!(
                            "Remove {} for good? It is not part of the plan, so undo cannot bring \
                             it back.",
                            clean(&name_of(snapshot))
                        ),
                        theme.warning,
                    ));
                }
            }
        }
        if let Some(message) = &self.message {
            lines.push(Line::styled(clean(message).into_owned(), theme.muted));
        }
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(inner, buf);
    }
}
