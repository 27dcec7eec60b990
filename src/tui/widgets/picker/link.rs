//! The one link picker of the forms' link fields: roles, partners, offerings, KPIs or goals chosen
//! in a `Picker`, and the links a form holds (added, taken away, cleared with their field).

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::{Choice, Picker};
use crate::plan::strategy::Recipient;
use crate::tui::action::Action;
use crate::tui::keymap::Keymap;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;
use crate::tui::widgets::form::Form;
use crate::workbook::{SharedWith, Workbook};

/// What a link field links to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    Role,
    Partner,
    Offering,
    Kpi,
    Goal,
}

impl LinkKind {
    pub const ALL: [LinkKind; 5] = [
        LinkKind::Role,
        LinkKind::Partner,
        LinkKind::Offering,
        LinkKind::Kpi,
        LinkKind::Goal,
    ];

    /// The id of the form field that holds the links of this kind.
    pub fn field(self) -> &'static str {
        match self {
            LinkKind::Role => "roles",
            LinkKind::Partner => "partners",
            LinkKind::Offering => "offerings",
            LinkKind::Kpi => "kpis",
            LinkKind::Goal => "goals",
        }
    }

    /// The kind whose links the form field `field` holds.
    pub fn of_field(field: &str) -> Option<LinkKind> {
        LinkKind::ALL.into_iter().find(|k| k.field() == field)
    }

    /// The id of the form field that links one record of this kind (a risk's partner, a KPI's
    /// goal).
    pub fn one_field(self) -> &'static str {
        match self {
            LinkKind::Role => "role",
            LinkKind::Partner => "partner",
            LinkKind::Offering => "offering",
            LinkKind::Kpi => "kpi",
            LinkKind::Goal => "goal",
        }
    }

    /// The kind of record the form field `field` links one of.
    pub fn of_one_field(field: &str) -> Option<LinkKind> {
        LinkKind::ALL.into_iter().find(|k| k.one_field() == field)
    }

    pub fn noun(self) -> &'static str {
        match self {
            LinkKind::Role => "role",
            LinkKind::Partner => "partner",
            LinkKind::Offering => "offering",
            LinkKind::Kpi => "KPI",
            LinkKind::Goal => "goal",
        }
    }

    /// The title of a picker linking one record of this kind.
    fn link_one(self) -> String {
        format!("Link {} {}", self.article(), self.noun())
    }

    /// What the picker says when nothing matches what is typed.
    fn nothing(self) -> String {
        match self {
            LinkKind::Goal => {
                "No goal matches; goals are added on the Strategy tab (‹tab-2›).".to_string()
            }
            kind => format!("No {} matches.", kind.noun()),
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
            LinkKind::Offering | LinkKind::Kpi | LinkKind::Goal => None,
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

/// The picker under a link picker of `kind`: the records it lists before anything is typed, and
/// for partners the workbook's search as the query changes.
fn picker_of(kind: LinkKind, title: String, wb: &Workbook) -> anyhow::Result<Picker> {
    let choices = match kind {
        LinkKind::Partner => return Picker::partners(title, wb),
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
        LinkKind::Goal => wb
            .goals()?
            .into_iter()
            .map(|g| (g.id, g.goal.title))
            .collect(),
    };
    Ok(Picker::new(title, choices).nothing(&kind.nothing()))
}

/// The one picker of a link field: roles (all but the hub, indented by the hierarchy), partners
/// (found through the workbook's search, so it stays quick at 100,000), offerings, KPIs or goals.
#[derive(Debug)]
pub struct LinkPicker {
    pub kind: LinkKind,
    picker: Picker,
}

impl LinkPicker {
    /// A picker of `kind` for a field holding several links: choosing a record already linked
    /// takes it away.
    pub fn open(kind: LinkKind, wb: &Workbook) -> anyhow::Result<LinkPicker> {
        let title = format!(
            "Add {} {} (a listed one: remove it)",
            kind.article(),
            kind.noun()
        );
        let picker = picker_of(kind, title, wb)?;
        Ok(LinkPicker { kind, picker })
    }

    /// A picker of `kind` titled `title`, for a field whose choice leads on (a joint goal's KPI
    /// opens the form of its direction and target).
    pub fn open_titled(kind: LinkKind, title: &str, wb: &Workbook) -> anyhow::Result<LinkPicker> {
        let picker = picker_of(kind, title.to_string(), wb)?;
        Ok(LinkPicker { kind, picker })
    }

    /// A picker of `kind` for a field linking one record: the chosen record takes the place of
    /// the one linked.
    pub fn open_one(kind: LinkKind, wb: &Workbook) -> anyhow::Result<LinkPicker> {
        let picker = picker_of(kind, kind.link_one(), wb)?;
        Ok(LinkPicker { kind, picker })
    }

    /// A picker linking one record of `kind` out of `choices` (id, name as listed), without a
    /// workbook to search.
    #[cfg(test)]
    pub fn one_of(kind: LinkKind, choices: Vec<(i64, String)>) -> LinkPicker {
        let picker = Picker::new(kind.link_one(), choices).nothing(&kind.nothing());
        LinkPicker { kind, picker }
    }

    /// A key while the picker is open.
    pub fn key(
        &mut self,
        action: Option<Action>,
        key: &KeyEvent,
        wb: &Workbook,
    ) -> anyhow::Result<Picked> {
        Ok(match self.picker.key(action, key, wb)? {
            Choice::Stay => Picked::Stay,
            Choice::Cancel => Picked::Cancel,
            Choice::Chosen { id, label } => Picked::Chosen {
                kind: self.kind,
                id,
                name: label,
            },
        })
    }

    /// Pasted text joins the search.
    pub fn paste(&mut self, text: &str, wb: &Workbook) -> anyhow::Result<()> {
        self.picker.paste_and_search(text, wb)
    }

    pub fn render_keys(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        self.picker.render_keys(area, buf, theme, keymap);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
