//! ratatui's `TestBackend` as a real terminal shows it. A terminal that draws a wide character
//! (東, 🚀) covers the cell after it too, and one that writes over either half of a wide
//! character erases the whole of it; `TestBackend` only sets the cells it is sent, so a letter
//! drawn before a wide character stayed in the cell that character covers and came back when
//! the character was replaced by spaces (ratatui sends only the first of the two cells). Screen
//! tests read what a user would see, not those leftovers.

use std::fmt;

use ratatui::backend::{Backend, ClearType, TestBackend, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Size};
use unicode_width::UnicodeWidthStr;

#[derive(Debug)]
pub struct TerminalLike(pub TestBackend);

impl TerminalLike {
    pub fn new(width: u16, height: u16) -> TerminalLike {
        TerminalLike(TestBackend::new(width, height))
    }

    pub fn buffer(&self) -> &Buffer {
        self.0.buffer()
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.0.resize(width, height);
    }

    fn put(&mut self, x: u16, y: u16, cell: &Cell) {
        let _ = self.0.draw(std::iter::once((x, y, cell)));
    }

    fn width_at(&self, x: u16, y: u16) -> usize {
        self.0.buffer()[(x, y)].symbol().width()
    }
}

impl fmt::Display for TerminalLike {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl Backend for TerminalLike {
    type Error = <TestBackend as Backend>::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let columns = self.0.buffer().area.width;
        for (x, y, cell) in content {
            // Writing over the second half of a wide character erases its first half.
            if x > 0 && self.width_at(x - 1, y) > 1 {
                self.put(x - 1, y, &Cell::default());
            }
            // Writing over the first half of one erases its second half.
            if self.width_at(x, y) > 1 && x + 1 < columns {
                self.put(x + 1, y, &Cell::default());
            }
            self.put(x, y, cell);
            // A wide character covers the cells after it.
            let covers = u16::try_from(cell.symbol().width().saturating_sub(1)).unwrap_or(0);
            for next in (x + 1..x.saturating_add(covers + 1)).filter(|n| *n < columns) {
                self.put(next, y, &Cell::default());
            }
        }
        Ok(())
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.0.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.0.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.0.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.0.clear_region(clear_type)
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.0.append_lines(n)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.0.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.0.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.0.flush()
    }
}
