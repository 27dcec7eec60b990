//! Linking a risk to a partner or a role from its form, through the one link picker (the partners
//! found through the workbook's search, so it stays quick at 100,000): Enter links, and an emptied
//! link field unlinks.

use anyhow::Result;
use ratatui::crossterm::event::KeyEvent;

use super::RisksTab;
use crate::tui::action::Action;
use crate::tui::intent::Intent;
use crate::tui::widgets::picker::{LinkKind, LinkPicker, Picked};
use crate::workbook::Workbook;

impl RisksTab {
    /// The open form asks for the record of its link field `field` ("partner" or "role").
    pub(super) fn open_picker(&mut self, field: &str, wb: &Workbook) -> Result<()> {
        let Some(kind) = LinkKind::of_one_field(field) else {
            return Ok(());
        };
        let picker = LinkPicker::open_one(kind, wb)?;
        if let Some(open) = self.form_mut() {
            open.picker = Some(picker);
        }
        Ok(())
    }

    pub(super) fn handle_picker(
        &mut self,
        action: Option<Action>,
        key: &KeyEvent,
        wb: &Workbook,
    ) -> Result<Intent> {
        let Some(open) = self.form_mut() else {
            return Ok(Intent::Nothing);
        };
        let Some(picker) = &mut open.picker else {
            return Ok(Intent::Nothing);
        };
        match picker.key(action, key, wb)? {
            Picked::Stay => {}
            Picked::Cancel => open.picker = None,
            Picked::Chosen { kind, id, name } => {
                open.picker = None;
                let linked = match kind {
                    LinkKind::Partner => &mut open.partner,
                    LinkKind::Role => &mut open.role,
                    _ => return Ok(Intent::Nothing),
                };
                *linked = Some(id);
                open.form.set_choice(kind.one_field(), &name);
            }
        }
        Ok(Intent::Nothing)
    }

    /// Keeps the form's links in step with what it shows: an emptied link field unlinks.
    pub(super) fn sync_links(&mut self) {
        if let Some(open) = self.form_mut() {
            if open.form.value("partner").is_empty() {
                open.partner = None;
            }
            if open.form.value("role").is_empty() {
                open.role = None;
            }
        }
    }
}
