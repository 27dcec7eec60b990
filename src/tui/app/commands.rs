//! App-wide commands: quit, help, the palette, undo and redo, tabs, a command run on another tab.

use anyhow::Result;

use super::{App, Popup};
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::tabs::TabId;
use crate::tui::widgets::help::Help;
use crate::tui::widgets::palette::Palette;

impl App {
    /// Runs an action as if its key had been pressed in a list (keys and the palette use this).
    pub fn run_action(&mut self, action: Action) -> Result<()> {
        match action {
            Action::Quit | Action::ForceQuit => self.quit = true,
            Action::Help => self.popup = Some(Popup::Help(Help::new(self.context()))),
            Action::Palette => {
                let context = match self.screen_context() {
                    // Typing screens: the palette offers what their list can do.
                    Context::Form | Context::Filter | Context::Picker => {
                        self.screen().list_context()
                    }
                    other => other,
                };
                self.popup = Some(Popup::Palette(Palette::over(context, self.tab)))
            }
            Action::Undo => self.undo(true)?,
            Action::Redo => self.undo(false)?,
            Action::NextTab | Action::PreviousTab | Action::GoToTab(_) => {
                self.forget_way_back();
                self.switch_tab(match action {
                    Action::NextTab => self.tab.next(),
                    Action::PreviousTab => self.tab.previous(),
                    Action::GoToTab(n) => TabId::from_number(n),
                    _ => self.tab,
                });
            }
            Action::Export | Action::Import => self.open_exchange(action),
            Action::Snapshots => self.open_snapshots(),
            Action::Ecosystem => {
                self.switch_tab(TabId::Roles);
                self.roles.open_ecosystem(&self.workbook)?;
            }
            other => {
                let (screen, wb) = self.screen_mut(self.tab);
                let intent = screen.run(other, wb)?;
                self.apply(intent)?;
            }
        }
        Ok(())
    }

    /// A palette command of another tab: that tab is shown (the view left kept on the way
    /// back), its section opened first if the command needs one, then the action run there.
    pub(super) fn run_elsewhere(
        &mut self,
        tab: TabId,
        first: Option<Action>,
        action: Action,
    ) -> Result<()> {
        if self.keeps_typing(tab) {
            return Ok(());
        }
        if tab != self.tab {
            self.push_view(tab);
            self.switch_tab(tab);
        }
        for action in first.into_iter().chain([action]) {
            let (screen, wb) = self.screen_mut(tab);
            let intent = screen.run(action, wb)?;
            self.apply(intent)?;
        }
        Ok(())
    }

    pub(super) fn switch_tab(&mut self, tab: TabId) {
        // Remembered at quit (see `remember_view`), not per key: each write costs an fsync.
        self.tab = tab;
        if let Err(err) = self.restore_deferred(Some(tab)) {
            self.set_status(format!("{err:#}"), true);
        }
    }

    pub(super) fn undo(&mut self, undo: bool) -> Result<()> {
        if self.workbook.is_read_only() {
            self.set_status(
                "This workbook is open read-only; there is nothing to undo.".into(),
                true,
            );
            return Ok(());
        }
        self.apply_replay(undo)
    }

    /// Undoes (`undo`) or redoes the next change now, saying so on the status line.
    pub(super) fn replay(&mut self, undo: bool) -> Result<()> {
        let outcome = if undo {
            self.workbook.undo()?
        } else {
            self.workbook.redo()?
        };
        match outcome {
            Some(outcome) => {
                self.changed();
                let verb = if undo { "Undid" } else { "Redid" };
                self.set_status(format!("{verb}: {}", outcome.label), false);
            }
            None => self.set_status(
                if undo {
                    "Nothing to undo."
                } else {
                    "Nothing to redo."
                }
                .into(),
                false,
            ),
        }
        Ok(())
    }
}
