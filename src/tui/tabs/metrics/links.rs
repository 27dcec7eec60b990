//! The tab's pickers: the pick-list of common KPIs, and the one link picker over a form for a
//! KPI's goal (from the Strategy tab's goals) or the partner of an investment or value entry
//! (through the workbook's search, so it stays quick at 100,000 partners). Enter chooses, Esc
//! cancels, an emptied link field unlinks.

use anyhow::Result;
use ratatui::crossterm::event::KeyEvent;

use super::catalogue;
use super::edit::MetricsEdit;
use super::{MetricsTab, Popup};
use crate::tui::action::Action;
use crate::tui::intent::Intent;
use crate::tui::widgets::picker::{Choice, LinkKind, LinkPicker, Picked};
use crate::workbook::Workbook;

impl MetricsTab {
    pub(super) fn open_catalogue(&mut self) {
        self.popup = Popup::Catalogue(catalogue::picker());
    }

    /// The open form asks for the record of its link field `field` ("goal" or "partner").
    pub(super) fn pick_for(&mut self, field: &str, wb: &Workbook) -> Result<()> {
        let Some(kind) = LinkKind::of_one_field(field) else {
            return Ok(());
        };
        let picker = LinkPicker::open_one(kind, wb)?;
        if let Popup::Form(_, link) = &mut self.popup {
            *link = Some(picker);
        }
        Ok(())
    }

    pub(super) fn handle_picker(
        &mut self,
        action: Option<Action>,
        key: &KeyEvent,
        wb: &Workbook,
    ) -> Result<Intent> {
        match &mut self.popup {
            Popup::Catalogue(picker) => {
                match picker.key(action, key, wb)? {
                    Choice::Stay => {}
                    Choice::Cancel => self.popup.close_picker(),
                    Choice::Chosen { id, .. } => {
                        self.popup.close_picker();
                        if let Some(kpi) = catalogue::chosen(id) {
                            return Ok(Intent::Metrics(MetricsEdit::SaveKpi {
                                id: None,
                                kpi: Box::new(kpi),
                                benchmark: None,
                            }));
                        }
                    }
                }
                Ok(Intent::Nothing)
            }
            Popup::Form(open, link) => {
                let Some(picker) = link else {
                    return Ok(Intent::Nothing);
                };
                match picker.key(action, key, wb)? {
                    Picked::Stay => {}
                    Picked::Cancel => *link = None,
                    Picked::Chosen { kind, id, name } => {
                        *link = None;
                        open.link = Some(id);
                        open.form.set_choice(kind.one_field(), &name);
                    }
                }
                Ok(Intent::Nothing)
            }
            Popup::None => Ok(Intent::Nothing),
        }
    }
}
