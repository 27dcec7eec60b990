//! Choosing one record (a role, a partner, a scenario, a common KPI) from a list by typing part of
//! its name: the list narrows as you type, arrows move, Enter chooses, Esc cancels (`Picker::key`,
//! the one way every picker answers its keys). `LinkPicker` (in `link`) is the one link picker of
//! the forms' link fields, whatever they link.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::{centered, popup_block};
use crate::tui::action::Action;
use crate::tui::keymap::Keymap;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;
use crate::tui::widgets::typed::typed;
use crate::workbook::{Facets, Page, PartnerPageQuery, Workbook};

mod link;

pub use link::{LinkKind, LinkPicker, Linked, Picked, link_names, sync_links, toggle_link};

/// How many partners a partner picker lists for what is typed.
const PARTNER_ROWS: usize = 200;

/// Which partners a partner picker searches: those the facets let through, but a few.
#[derive(Debug, Clone, Default)]
pub struct PartnerSearch {
    pub facets: Facets,
    /// Left out (the partner a link starts from, an offering's members).
    pub except: Vec<i64>,
    /// A choice listed first that is no partner (the hub), while what is typed is part of it.
    pub first: Option<(i64, String)>,
}

/// Partners whose text matches `query`, by name, for a partner picker (through the roster's
/// search, so it stays quick at a million partners).
fn partner_choices(
    wb: &Workbook,
    query: &str,
    among: &PartnerSearch,
) -> anyhow::Result<Vec<(i64, String)>> {
    let page = PartnerPageQuery {
        filter: query.to_string(),
        facets: among.facets.clone(),
        ..PartnerPageQuery::default()
    };
    let wanted = query.trim().to_lowercase();
    let first = among
        .first
        .iter()
        .filter(|(_, label)| label.to_lowercase().contains(&wanted))
        .cloned();
    // As many more than listed as are left out, so that the list stays as long.
    let rows = wb.partner_page(&page, &Page::First, PARTNER_ROWS + among.except.len())?;
    let partners = rows
        .into_iter()
        .filter(|row| !among.except.contains(&row.id))
        .take(PARTNER_ROWS)
        .map(|row| (row.id, row.name));
    Ok(first.chain(partners).collect())
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
    /// The choices are partners, searched for in the workbook again as the query changes (not
    /// narrowed here).
    partners: Option<PartnerSearch>,
}

/// What a key did to an open picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// Still choosing: the selection moved, the search changed, or Enter found nothing listed
    /// (the list says so, and what was typed stays).
    Stay,
    /// Closed without a choice.
    Cancel,
    /// Enter on this record: its id and its label as listed, without the roles' indent.
    Chosen { id: i64, label: String },
}

impl Picker {
    pub fn new(title: String, choices: Vec<(i64, String)>) -> Picker {
        Picker {
            title,
            choices,
            query: String::new(),
            selected: 0,
            nothing: "Nothing matches.".into(),
            partners: None,
        }
    }

    /// A picker of partners: the first ones by name until something is typed, then those the
    /// workbook's search finds.
    pub fn partners(title: String, wb: &Workbook) -> anyhow::Result<Picker> {
        Picker::partners_among(title, wb, PartnerSearch::default())
    }

    /// `partners`, of those `among` lets through.
    pub fn partners_among(
        title: String,
        wb: &Workbook,
        among: PartnerSearch,
    ) -> anyhow::Result<Picker> {
        let mut picker =
            Picker::new(title, partner_choices(wb, "", &among)?).nothing("No partner matches.");
        picker.partners = Some(among);
        Ok(picker)
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
        if self.partners.is_some() {
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

    /// Pasted text joins the search, on one line and without characters a name may not hold (a
    /// picker over a list it was given; `paste_and_search` searches partners again too).
    pub fn paste(&mut self, text: &str) {
        self.set_query(self.pasted(text));
    }

    /// Pasted text joins the search, and a partners' picker searches the workbook again.
    pub fn paste_and_search(&mut self, text: &str, wb: &Workbook) -> anyhow::Result<()> {
        self.search(self.pasted(text), wb)
    }

    /// The query with `text` pasted after it.
    fn pasted(&self, text: &str) -> String {
        let line: String = text
            .chars()
            .filter(|c| !crate::plan::text::is_forbidden(*c) && *c != '\n')
            .collect();
        format!("{}{line}", self.query)
    }

    /// The query becomes `query`; a partners' picker lists what the workbook's search finds.
    fn search(&mut self, query: String, wb: &Workbook) -> anyhow::Result<()> {
        if let Some(among) = &self.partners {
            self.set_choices(partner_choices(wb, &query, among)?);
        }
        self.set_query(query);
        Ok(())
    }

    /// A key while the picker is open: Esc cancels, Enter chooses the selected record, the
    /// arrows and page keys move, and the text keys edit the search.
    pub fn key(
        &mut self,
        action: Option<Action>,
        key: &KeyEvent,
        wb: &Workbook,
    ) -> anyhow::Result<Choice> {
        match action {
            Some(Action::Cancel) => return Ok(Choice::Cancel),
            Some(Action::Open) => {
                if let (Some(id), Some(label)) = (self.chosen(), self.chosen_label()) {
                    let label = label.trim().to_string();
                    return Ok(Choice::Chosen { id, label });
                }
            }
            Some(action) if self.handle(action) => {}
            _ => {
                if let Some(query) = typed(&self.query, key) {
                    self.search(query, wb)?;
                }
            }
        }
        Ok(Choice::Stay)
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
    use crate::plan::partner::PartnerDraft;
    use crate::workbook::OpenOptions;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn press(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    fn none() -> KeyEvent {
        KeyEvent::new(KeyCode::Null, KeyModifiers::NONE)
    }

    /// A workbook holding `names` as partners, in a folder kept as long as it is.
    fn workbook(names: &[&str]) -> (tempfile::TempDir, Workbook) {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("plan.partnerplan");
        Workbook::create(&path, None).unwrap();
        let mut wb = Workbook::open(&path, OpenOptions::default()).unwrap();
        for name in names {
            let draft = PartnerDraft {
                name: (*name).into(),
                ..Default::default()
            };
            wb.add_partner(&draft).unwrap();
        }
        (dir, wb)
    }

    #[test]
    fn every_picker_answers_its_keys_one_way() {
        let (_dir, wb) = workbook(&[]);
        let mut picker = Picker::new(
            "Move under…".into(),
            vec![(1, "Cloud".into()), (2, "  App developers".into())],
        );
        let chose = |picker: &mut Picker, action| picker.key(Some(action), &none(), &wb).unwrap();
        for c in "dev".chars() {
            assert_eq!(picker.key(None, &press(c), &wb).unwrap(), Choice::Stay);
        }
        assert_eq!(
            chose(&mut picker, Action::Open),
            Choice::Chosen {
                id: 2,
                label: "App developers".into()
            },
            "Enter chooses the one listed, without its indent"
        );
        for c in "zz".chars() {
            picker.key(None, &press(c), &wb).unwrap();
        }
        assert_eq!(chose(&mut picker, Action::Open), Choice::Stay);
        assert_eq!(
            picker.query(),
            "devzz",
            "Enter on an empty list keeps what was typed"
        );
        let backspace = KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE);
        picker.key(None, &backspace, &wb).unwrap();
        assert_eq!(picker.query(), "devz");
        assert_eq!(chose(&mut picker, Action::Cancel), Choice::Cancel);
    }

    #[test]
    fn a_partners_picker_searches_the_workbook_as_typed_and_pasted() {
        let (_dir, wb) = workbook(&["Acme Robotics", "Helix Cloud", "Northwind"]);
        let mut picker = Picker::partners("Link a partner".into(), &wb).unwrap();
        assert_eq!(picker.chosen_label(), Some("Acme Robotics"));
        picker.paste_and_search("hel", &wb).unwrap();
        assert_eq!(picker.chosen_label(), Some("Helix Cloud"));
        picker.set_query(String::new());
        for c in "north".chars() {
            picker.key(None, &press(c), &wb).unwrap();
        }
        assert_eq!(
            picker.key(Some(Action::Open), &none(), &wb).unwrap(),
            Choice::Chosen {
                id: picker.chosen().unwrap(),
                label: "Northwind".into()
            }
        );
    }

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
