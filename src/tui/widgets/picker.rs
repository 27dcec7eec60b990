//! Choosing one record (a role, a partner, an offering, a KPI) from a list by typing part of its
//! name: the list narrows as you type, arrows move, Enter chooses, Esc cancels. `LinkPicker` is
//! the one link picker of the forms' link fields, whatever kind of record they link.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::{centered, popup_block};
use ratatui::crossterm::event::KeyEvent;

use super::form::Form;
use super::typed::typed;
use crate::plan::strategy::Recipient;
use crate::tui::action::Action;
use crate::tui::keymap::Keymap;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;
use crate::workbook::{Page, PartnerPageQuery, SharedWith, Workbook};

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

/// What a link field links to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    Role,
    Partner,
    Offering,
    Kpi,
}

impl LinkKind {
    pub const ALL: [LinkKind; 4] = [
        LinkKind::Role,
        LinkKind::Partner,
        LinkKind::Offering,
        LinkKind::Kpi,
    ];

    /// The id of the form field that holds the links of this kind.
    pub fn field(self) -> &'static str {
        match self {
            LinkKind::Role => "roles",
            LinkKind::Partner => "partners",
            LinkKind::Offering => "offerings",
            LinkKind::Kpi => "kpis",
        }
    }

    /// The kind whose links the form field `field` holds.
    pub fn of_field(field: &str) -> Option<LinkKind> {
        LinkKind::ALL.into_iter().find(|k| k.field() == field)
    }

    pub fn noun(self) -> &'static str {
        match self {
            LinkKind::Role => "role",
            LinkKind::Partner => "partner",
            LinkKind::Offering => "offering",
            LinkKind::Kpi => "KPI",
        }
    }

    fn article(self) -> &'static str {
        match self {
            LinkKind::Offering => "an",
            _ => "a",
        }
    }
}

/// One record a form's link fields hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Linked {
    pub kind: LinkKind,
    pub id: i64,
    pub name: String,
}

impl Linked {
    /// A protocol's recipient or a forum's member as a link.
    pub fn of_shared(shared: &SharedWith) -> Linked {
        let (kind, id) = match shared.recipient {
            Recipient::Partner(id) => (LinkKind::Partner, id),
            Recipient::Role(id) => (LinkKind::Role, id),
        };
        Linked {
            kind,
            id,
            name: shared.name.clone(),
        }
    }

    /// The link as a protocol's recipient or a forum's member (partners and roles only).
    pub fn recipient(&self) -> Option<Recipient> {
        match self.kind {
            LinkKind::Partner => Some(Recipient::Partner(self.id)),
            LinkKind::Role => Some(Recipient::Role(self.id)),
            LinkKind::Offering | LinkKind::Kpi => None,
        }
    }
}

/// The names of the links of one kind, as their link field shows them.
pub fn link_names(links: &[Linked], kind: LinkKind) -> String {
    links
        .iter()
        .filter(|l| l.kind == kind)
        .map(|l| clean(&l.name).into_owned())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Adds the chosen record, or takes it away when it was already there; `true` when added.
pub fn toggle_link(links: &mut Vec<Linked>, kind: LinkKind, id: i64, name: &str) -> bool {
    match links.iter().position(|l| l.kind == kind && l.id == id) {
        Some(index) => {
            links.remove(index);
            false
        }
        None => {
            links.push(Linked {
                kind,
                id,
                name: name.to_string(),
            });
            true
        }
    }
}

/// An emptied link field (Backspace) drops every link of its kind.
pub fn sync_links(links: &mut Vec<Linked>, form: &Form) {
    for kind in LinkKind::ALL {
        if form.has_field(kind.field()) && form.value(kind.field()).is_empty() {
            links.retain(|l| l.kind != kind);
        }
    }
}

/// What a key did to an open link picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picked {
    /// Still choosing.
    Stay,
    /// Closed without a choice.
    Cancel,
    /// Closed on this record (its name without the roles' indent).
    Chosen {
        kind: LinkKind,
        id: i64,
        name: String,
    },
}

/// The one picker of a link field: roles (all but the hub, indented by the hierarchy), partners
/// (found through the workbook's search, so it stays quick at 100,000), offerings or KPIs.
#[derive(Debug)]
pub struct LinkPicker {
    pub kind: LinkKind,
    picker: Picker,
}

impl LinkPicker {
    /// A picker of `kind`; choosing a record already linked takes it away.
    pub fn open(kind: LinkKind, wb: &Workbook) -> anyhow::Result<LinkPicker> {
        let choices = match kind {
            LinkKind::Partner => partner_choices(wb, "")?,
            LinkKind::Role => {
                let plain: Vec<_> = wb.roles()?.into_iter().map(|r| r.role).collect();
                crate::plan::roles::display_order(&plain)
                    .iter()
                    .filter(|line| !plain[line.index].is_hub)
                    .map(|line| {
                        let indent = "  ".repeat(line.depth.min(12));
                        (line.id, format!("{indent}{}", plain[line.index].name))
                    })
                    .collect()
            }
            LinkKind::Offering => wb
                .offerings()?
                .into_iter()
                .map(|o| (o.id, o.offering.name))
                .collect(),
            LinkKind::Kpi => wb.kpi_names()?,
        };
        let noun = kind.noun();
        let title = format!("Add {} {noun} (a listed one: remove it)", kind.article());
        let mut picker = Picker::new(title, choices).nothing(&format!("No {noun} matches."));
        if kind == LinkKind::Partner {
            picker = picker.narrowed_outside();
        }
        Ok(LinkPicker { kind, picker })
    }

    /// A key while the picker is open.
    pub fn key(
        &mut self,
        action: Option<Action>,
        key: &KeyEvent,
        wb: &Workbook,
    ) -> anyhow::Result<Picked> {
        match action {
            Some(Action::Cancel) => return Ok(Picked::Cancel),
            Some(Action::Open) => {
                let chosen = self.picker.chosen();
                let name = self.picker.chosen_label().map(|l| l.trim().to_string());
                return Ok(match (chosen, name) {
                    (Some(id), Some(name)) => Picked::Chosen {
                        kind: self.kind,
                        id,
                        name,
                    },
                    _ => Picked::Cancel,
                });
            }
            Some(action) if self.picker.handle(action) => {}
            _ => {
                if let Some(query) = typed(self.picker.query(), key) {
                    self.search(query, wb)?;
                }
            }
        }
        Ok(Picked::Stay)
    }

    /// Pasted text joins the search.
    pub fn paste(&mut self, text: &str, wb: &Workbook) -> anyhow::Result<()> {
        self.picker.paste(text);
        let query = self.picker.query().to_string();
        self.search(query, wb)
    }

    fn search(&mut self, query: String, wb: &Workbook) -> anyhow::Result<()> {
        if self.kind == LinkKind::Partner {
            self.picker.set_choices(partner_choices(wb, &query)?);
        }
        self.picker.set_query(query);
        Ok(())
    }

    pub fn render_keys(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        self.picker.render_keys(area, buf, theme, keymap);
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

    #[test]
    fn a_link_is_toggled_and_an_emptied_field_drops_its_kind() {
        let mut links = Vec::new();
        assert!(toggle_link(
            &mut links,
            LinkKind::Offering,
            4,
            "Shared analytics"
        ));
        assert!(toggle_link(&mut links, LinkKind::Kpi, 4, "Joint revenue"));
        assert!(toggle_link(
            &mut links,
            LinkKind::Offering,
            5,
            "Edge \u{1b}kit"
        ));
        assert_eq!(
            link_names(&links, LinkKind::Offering),
            "Shared analytics, Edge ␛kit",
            "names are shown cleaned"
        );
        assert!(!toggle_link(
            &mut links,
            LinkKind::Offering,
            4,
            "Shared analytics"
        ));
        assert_eq!(link_names(&links, LinkKind::Offering), "Edge ␛kit");
        assert_eq!(link_names(&links, LinkKind::Kpi), "Joint revenue");
        let form =
            Form::new("t")
                .link("offerings", "Offerings", "")
                .link("kpis", "KPIs", "Joint revenue");
        sync_links(&mut links, &form);
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].kind, LinkKind::Kpi);
        assert_eq!(LinkKind::of_field("kpis"), Some(LinkKind::Kpi));
        assert_eq!(LinkKind::of_field("goal"), None);
    }
}
