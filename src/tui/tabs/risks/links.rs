//! Linking a risk to a partner or a role from its form: a picker that narrows as you type (the
//! partners through the workbook's search, so it stays quick at 100,000), Enter links, and an
//! emptied link field unlinks.

use anyhow::Result;
use ratatui::crossterm::event::KeyEvent;

use super::RisksTab;
use crate::tui::action::Action;
use crate::tui::intent::Intent;
use crate::tui::widgets::picker::Picker;
use crate::tui::widgets::typed::typed;
use crate::workbook::{Page, PartnerPageQuery, Workbook};

/// How many partners the partner picker lists for a query.
const PICKER_ROWS: usize = 200;

/// Which link a picker chooses for the open form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Linking {
    Partner,
    Role,
}

impl RisksTab {
    pub(super) fn open_picker(&mut self, field: &str, wb: &Workbook) -> Result<()> {
        let (linking, picker) = if field == "partner" {
            let picker = Picker::new("Link a partner".into(), partner_choices(wb, "")?)
                .nothing("No partner matches.")
                .narrowed_outside();
            (Linking::Partner, picker)
        } else {
            let plain: Vec<_> = wb.roles()?.into_iter().map(|r| r.role).collect();
            let choices = crate::plan::roles::display_order(&plain)
                .iter()
                .filter(|line| !plain[line.index].is_hub)
                .map(|line| {
                    let name = &plain[line.index].name;
                    (
                        line.id,
                        format!("{}{name}", "  ".repeat(line.depth.min(12))),
                    )
                })
                .collect();
            let picker = Picker::new("Link a role".into(), choices).nothing("No role matches.");
            (Linking::Role, picker)
        };
        if let Some(open) = self.form_mut() {
            open.picker = Some((linking, picker));
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
        let Some((linking, picker)) = &mut open.picker else {
            return Ok(Intent::Nothing);
        };
        let linking = *linking;
        match action {
            Some(Action::Cancel) => open.picker = None,
            Some(Action::Open) => {
                let chosen = picker.chosen();
                let label = picker.chosen_label().map(|l| l.trim().to_string());
                open.picker = None;
                if let (Some(id), Some(label)) = (chosen, label) {
                    match linking {
                        Linking::Partner => {
                            open.partner = Some(id);
                            open.form.set_choice("partner", &label);
                        }
                        Linking::Role => {
                            open.role = Some(id);
                            open.form.set_choice("role", &label);
                        }
                    }
                }
            }
            Some(action) if picker.handle(action) => {}
            _ => {
                if let Some(query) = typed(picker.query(), key) {
                    if linking == Linking::Partner {
                        picker.set_choices(partner_choices(wb, &query)?);
                    }
                    picker.set_query(query);
                }
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

/// Partners whose text matches `query`, by name, for the partner picker.
fn partner_choices(wb: &Workbook, query: &str) -> Result<Vec<(i64, String)>> {
    let page = PartnerPageQuery {
        filter: query.to_string(),
        ..PartnerPageQuery::default()
    };
    Ok(wb
        .partner_page(&page, &Page::First, PICKER_ROWS)?
        .into_iter()
        .map(|row| (row.id, row.name))
        .collect())
}
