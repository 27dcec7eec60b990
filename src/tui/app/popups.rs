//! The app's own popups answering keys: help, notices, a confirmation, the palette, exchange's.

use anyhow::Result;
use ratatui::crossterm::event::KeyEvent;

use super::{App, Popup};
use crate::tui::action::Action;

impl App {
    pub(super) fn handle_popup(
        &mut self,
        popup: Popup,
        action: Option<Action>,
        key: &KeyEvent,
    ) -> Result<()> {
        match popup {
            Popup::Help(mut help) => match action {
                // `/` searches the keys; while searching, typing goes into the search.
                _ if help.search_key(key) => self.popup = Some(Popup::Help(help)),
                Some(Action::Cancel) => {}
                Some(Action::Down) => {
                    help.scroll = help.scroll.saturating_add(1);
                    self.popup = Some(Popup::Help(help))
                }
                Some(Action::Up) => {
                    help.scroll = help.scroll.saturating_sub(1);
                    self.popup = Some(Popup::Help(help))
                }
                Some(Action::PageDown) => {
                    help.scroll = help.scroll.saturating_add(10);
                    self.popup = Some(Popup::Help(help))
                }
                Some(Action::PageUp) => {
                    help.scroll = help.scroll.saturating_sub(10);
                    self.popup = Some(Popup::Help(help))
                }
                _ => self.popup = Some(Popup::Help(help)),
            },
            Popup::Notice(mut notice) => match action {
                Some(Action::Cancel) => {}
                Some(Action::Down) => {
                    notice.scroll = notice.scroll.saturating_add(1);
                    self.popup = Some(Popup::Notice(notice))
                }
                Some(Action::Up) => {
                    notice.scroll = notice.scroll.saturating_sub(1);
                    self.popup = Some(Popup::Notice(notice))
                }
                _ => self.popup = Some(Popup::Notice(notice)),
            },
            Popup::Confirm(dialog) => match action {
                Some(Action::Confirm) => self.confirmed(dialog.action)?,
                Some(Action::Deny) => {}
                _ => self.popup = Some(Popup::Confirm(dialog)),
            },
            Popup::Prompt(prompt) => self.prompt_key(prompt, action, key),
            Popup::Merge(review) => self.review_key(review, action),
            Popup::Snapshots(list) => self.snapshots_key(list, action, key),
            Popup::Preview(preview) => self.preview_key(preview, action),
            Popup::ReportOptions(options) => self.options_key(options, action, key),
            // Only Ctrl-c (handled before) does anything while the work goes on.
            Popup::Progress(popup) => self.popup = Some(Popup::Progress(popup)),
            Popup::Palette(mut palette) => match action {
                Some(Action::Cancel) => {}
                Some(Action::Open) => {
                    if let Some(entry) = palette.entries(&self.keymap).get(palette.selected) {
                        match entry.elsewhere {
                            None => self.run_action(entry.action)?,
                            Some((tab, first)) => self.run_elsewhere(tab, first, entry.action)?,
                        }
                    }
                }
                Some(Action::Down) => {
                    let count = palette.entries(&self.keymap).len();
                    palette.selected = (palette.selected + 1).min(count.saturating_sub(1));
                    self.popup = Some(Popup::Palette(palette));
                }
                Some(Action::Up) => {
                    palette.selected = palette.selected.saturating_sub(1);
                    self.popup = Some(Popup::Palette(palette));
                }
                _ => {
                    palette.edit(key);
                    self.popup = Some(Popup::Palette(palette));
                }
            },
        }
        Ok(())
    }
}
