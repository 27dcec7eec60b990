//! The snapshots popup in the app: keep the plan as it is now under a label, see what changed
//! since a snapshot, remove one.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{App, Popup};
use crate::tui::action::Action;
use crate::tui::widgets::notice::Notice;
use crate::tui::widgets::snapshots::{SnapshotList, SnapshotStep, name_of};
use crate::workbook::SnapshotKind;

/// The longest label a snapshot takes.
const LABEL_MAX: usize = 120;

impl App {
    pub(super) fn open_snapshots(&mut self) {
        match self.workbook.snapshots() {
            Ok(list) => self.popup = Some(Popup::Snapshots(SnapshotList::new(list))),
            Err(err) => self.set_status(format!("The snapshots cannot be read: {err:#}"), true),
        }
    }

    pub(super) fn snapshots_key(
        &mut self,
        mut list: SnapshotList,
        action: Option<Action>,
        key: &KeyEvent,
    ) {
        match std::mem::replace(&mut list.step, SnapshotStep::Listing) {
            SnapshotStep::Naming(mut label) => match action {
                Some(Action::Open) => self.keep_snapshot(&mut list, label),
                Some(Action::Cancel) => list.message = None,
                _ => {
                    match key.code {
                        KeyCode::Char(c)
                            if !key.modifiers.contains(KeyModifiers::CONTROL)
                                && label.chars().count() < LABEL_MAX =>
                        {
                            label.push(c)
                        }
                        KeyCode::Backspace => {
                            label.pop();
                        }
                        _ => {}
                    }
                    list.step = SnapshotStep::Naming(label);
                }
            },
            SnapshotStep::Removing => {
                if action == Some(Action::Confirm)
                    && let Some(snapshot) = list.selected().cloned()
                {
                    match self.workbook.remove_snapshot(&snapshot.uuid) {
                        Ok(_) => {
                            list.message = Some(format!("Removed {}.", name_of(&snapshot)));
                            self.reload_snapshots(&mut list);
                        }
                        Err(err) => list.message = Some(format!("{err:#}")),
                    }
                }
            }
            SnapshotStep::Listing => match action {
                Some(Action::Cancel) => return,
                Some(Action::Up) => list.up(),
                Some(Action::Down) => list.down(),
                Some(Action::Add) => {
                    let today = jiff::Zoned::now().date();
                    list.step = SnapshotStep::Naming(format!("Snapshot {today}"));
                    list.message = None;
                }
                Some(Action::Delete) if list.selected().is_some() => {
                    list.step = SnapshotStep::Removing;
                }
                Some(Action::Open) => {
                    if let Some(snapshot) = list.selected().cloned() {
                        self.show_changes_since(&snapshot);
                        return;
                    }
                }
                _ => {}
            },
        }
        self.popup = Some(Popup::Snapshots(list));
    }

    fn keep_snapshot(&mut self, list: &mut SnapshotList, label: String) {
        let label = label.trim().to_string();
        if label.is_empty() {
            list.message = Some("A snapshot needs a label, e.g. \"SteerCo 2026-12\".".into());
            list.step = SnapshotStep::Naming(label);
            return;
        }
        match self.workbook.take_snapshot(SnapshotKind::Labelled, &label) {
            Ok(kept) => {
                list.message = Some(format!("Kept {}.", name_of(&kept)));
                self.reload_snapshots(list);
                list.selected = 0;
            }
            Err(err) => list.message = Some(format!("{err:#}")),
        }
    }

    fn reload_snapshots(&mut self, list: &mut SnapshotList) {
        if let Ok(all) = self.workbook.snapshots() {
            let message = list.message.take();
            let selected = list.selected;
            *list = SnapshotList::new(all);
            list.selected = selected.min(list.snapshots.len().saturating_sub(1));
            list.message = message;
        }
    }

    fn show_changes_since(&mut self, snapshot: &crate::workbook::SnapshotInfo) {
        let title = format!("Changes since {}", name_of(snapshot));
        let settings = self.diff_settings();
        let lines = match crate::exchange::since::changes_since(&self.workbook, snapshot, &settings)
        {
            Ok(report) => crate::exchange::diff::render_text(&report)
                .lines()
                .map(str::to_owned)
                .collect(),
            Err(err) => vec![format!("The changes cannot be read: {err:?}")],
        };
        self.popup = Some(Popup::Notice(Notice::new(title, lines)));
    }
}
