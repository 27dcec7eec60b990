//! The mouse: a click on a tab label switches tab; a click in the tab's body and the wheel go to
//! the tab on screen (a roster row is selected, the list under the wheel scrolls).

use anyhow::Result;
use ratatui::crossterm::event::{MouseButton, MouseEventKind};

use super::App;
use super::chrome::tab_at;

impl App {
    pub(super) fn handle_mouse(&mut self, kind: MouseEventKind, x: u16, y: u16) -> Result<()> {
        if self.popup.is_some() {
            return Ok(());
        }
        let body = self.body;
        let intent = match kind {
            MouseEventKind::Down(MouseButton::Left) if y == 1 => {
                if let Some(tab) = tab_at(x, body.width) {
                    self.forget_way_back();
                    self.switch_tab(tab);
                }
                return Ok(());
            }
            MouseEventKind::Down(MouseButton::Left) => {
                let (screen, wb) = self.screen_mut(self.tab);
                screen.click(body, x, y, wb)?
            }
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let (screen, wb) = self.screen_mut(self.tab);
                screen.scroll(kind == MouseEventKind::ScrollDown, wb)?
            }
            _ => return Ok(()),
        };
        self.apply(intent)
    }
}
