//! Choosing one record (a role, a partner, an offering, a KPI) from a list by typing part of its
//! name: the list narrows as you type, arrows move, Enter chooses, Esc cancels. `LinkPicker`
//! (in `link`) is the one link picker of the forms' link fields, whatever they link.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::{centered, popup_block};
use crate::tui::action::Action;
use crate::tui::keymap::Keymap;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;
use crate::workbook::{Page, PartnerPageQuery, Workbook};

mod link;

pub use link::{LinkKind, LinkPicker, Linked, Picked, link_names, sync_links, toggle_link};

/// How many partners a partner picker lists for what is typed.
const PARTNER_ROWS: usize = 200;

/// Partners whose text matches `query`, by name, for a partner picker (through the roster's
/// search, so it stays quick at 100,000 partners).
pub fn partner_choices(wb: &Workbook, query: &str) -> anyhow::Result<Vec<(i64, String)>> {
    let page = PartnerPageQuery {
        filter: query.to_string(),
        ..PartnerPageQuery::default()
    };
    Ok(wb
        .partner_page(&page, &Page::First, PARTNER_ROWS)?
        .into_iter()
        .map(|row| (row.id, row.name))
        .collect())
}

/// Chooses one record from a list by typing part of its name.
#[derive(Debug)]
pub struct Picker {
    pub title: String,
    /// (id, name as shown with its depth).
    choices: Vec<(i64, String)>,
    query: String,
    selected: usize,
    /// What the list says when nothing matches the query.
    nothing: String,
    /// The owner narrows the choices itself (e.g. through the workbook's search) and replaces
    /// them as the query changes.
    narrowed_outside: bool,
}

impl Picker {
    pub fn new(title: String, choices: Vec<(i64, String)>) -> Picker {
        Picker {
            title,
            choices,
            query: String::new(),
            selected: 0,
            nothing: "Nothing matches.".into(),
            narrowed_outside: false,
        }
    }

    /// A picker whose owner replaces the choices as the query changes (`set_choices`).
    pub fn narrowed_outside(mut self) -> Picker {
        self.narrowed_outside = true;
        self
    }

    pub fn set_choices(&mut self, choices: Vec<(i64, String)>) {
        self.choices = choices;
        self.selected = self.selected.min(self.choices.len().saturating_sub(1));
    }

    /// Says `text` when nothing matches (e.g. "No role matches.").
    pub fn nothing(mut self, text: &str) -> Picker {
        self.nothing = text.to_string();
        self
    }

    fn matching(&self) -> Vec<&(i64, String)> {
        if self.narrowed_outside {
            return self.choices.iter().collect();
        }
        let query = self.query.trim().to_lowercase();
        self.choices
            .iter()
            .filter(|(_, name)| name.to_lowercase().contains(&query))
            .collect()
    }

    /// Moves the selection; `true` if the action was a move.
    pub fn handle(&mut self, action: Action) -> bool {
        let count = self.matching().len();
        let last = count.saturating_sub(1);
        self.selected = match action {
            Action::Up => self.selected.saturating_sub(1),
            Action::Down => (self.selected + 1).min(last),
            Action::PageUp => self.selected.saturating_sub(10),
            Action::PageDown => (self.selected + 10).min(last),
            _ => return false,
        };
        true
    }

    pub fn set_query(&mut self, query: String) {
        self.query = query;
        self.selected = 0;
    }

    /// Pasted text joins the search, on one line and without characters a name may not hold.
    pub fn paste(&mut self, text: &str) {
        let line: String = text
            .chars()
            .filter(|c| !crate::plan::text::is_forbidden(*c) && *c != '\n')
            .collect();
        self.set_query(format!("{}{line}", self.query));
    }

    pub fn query(&self) -> &str {
        &self.query
    }

    /// The chosen record's label as listed.
    pub fn chosen_label(&self) -> Option<&str> {
        self.matching()
            .get(self.selected)
            .map(|(_, label)| label.as_str())
    }

    pub fn chosen(&self) -> Option<i64> {
        self.matching().get(self.selected).map(|(id, _)| *id)
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        self.draw(area, buf, theme, &self.title, &self.nothing);
    }

    /// Draws the picker with the key names in its title and empty-list text (`‹picker:open›`)
    /// as `keymap` binds them.
    pub fn render_keys(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        let (title, nothing) = (keymap.spell(&self.title), keymap.spell(&self.nothing));
        self.draw(area, buf, theme, &title, &nothing);
    }

    fn draw(&self, area: Rect, buf: &mut Buffer, theme: &Theme, title: &str, nothing: &str) {
        let width = area.width.saturating_sub(4).min(60);
        let height = area.height.saturating_sub(2).min(20);
        let popup = centered(area, width, height);
        Clear.render(popup, buf);
        let block = popup_block(title, theme);
        let inner = block.inner(popup);
        block.render(popup, buf);
        let mut lines = vec![Line::from(vec![
            Span::styled("Find: ", theme.muted),
            Span::styled(clean(&self.query).into_owned(), theme.base),
            Span::styled("▏", theme.key),
        ])];
        let matching = self.matching();
        if matching.is_empty() {
            lines.push(Line::styled(nothing.to_string(), theme.muted));
        }
        let rows = usize::from(inner.height.saturating_sub(1)).max(1);
        let first = self.selected.saturating_sub(rows - 1);
        for (index, (_, name)) in matching.iter().enumerate().skip(first).take(rows) {
            let style = if index == self.selected {
                theme.selected
            } else {
                theme.base
            };
            let marker = if index == self.selected { "› " } else { "  " };
            // A name wider than the list ends in "…" rather than at the edge.
            let name = super::columns::cut(&clean(name), inner.width.saturating_sub(2));
            lines.push(Line::styled(format!("{marker}{name}"), style));
        }
        Paragraph::new(lines).render(inner, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_text_joins_the_search_on_one_line_and_clean() {
        let mut picker = Picker::new(
            "Link a partner".into(),
            vec![(1, "Acme Robotics".into()), (2, "Northwind".into())],
        );
        picker.paste("Ac");
        picker.paste("me\n\u{202E}Rob");
        assert_eq!(picker.query(), "AcmeRob");
        assert_eq!(picker.chosen_label(), None, "no name holds the glued words");
        picker.set_query("acme".into());
        assert_eq!(picker.chosen(), Some(1));
    }
}
