//! The tab's pickers: the pick-list of common KPIs, a KPI's goal (from the Strategy tab's goals)
//! and the partner of an investment or value entry (through the workbook's search, so it stays
//! quick at 100,000 partners). Enter chooses, Esc cancels, an emptied link field unlinks.

use anyhow::Result;
use ratatui::crossterm::event::KeyEvent;

use super::catalogue;
use super::edit::MetricsEdit;
use super::{MetricsTab, Popup};
use crate::tui::action::Action;
use crate::tui::intent::Intent;
use crate::tui::widgets::picker::Picker;
use crate::tui::widgets::typed::typed;
use crate::workbook::{Page, PartnerPageQuery, Workbook};

/// How many partners the partner picker lists for a query.
const PICKER_ROWS: usize = 200;

/// The link field of the open form a picker chooses the record of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Picking {
    Goal,
    Partner,
}

fn partners_matching(wb: &Workbook, query: &str) -> Result<Vec<(i64, String)>> {
    let query = PartnerPageQuery {
        filter: query.to_string(),
        ..PartnerPageQuery::default()
    };
    let rows = wb.partner_page(&query, &Page::First, PICKER_ROWS)?;
    Ok(rows.into_iter().map(|row| (row.id, row.name)).collect())
}

impl MetricsTab {
    pub(super) fn open_catalogue(&mut self) {
        self.popup = Popup::Catalogue(catalogue::picker());
    }

    /// The open form asks for the record of its link field `field`.
    pub(super) fn pick_for(&mut self, field: &str, wb: &Workbook) -> Result<()> {
        let picker = if field == "goal" {
            let goals = wb
                .goals()?
                .into_iter()
                .map(|g| (g.id, g.goal.title))
                .collect();
            (
                Picking::Goal,
                Picker::new("Link a goal".into(), goals)
                    .nothing("No goal matches; goals are added on the Strategy tab (‹tab-2›)."),
            )
        } else {
            (
                Picking::Partner,
                Picker::new("Link a partner".into(), partners_matching(wb, "")?)
                    .nothing("No partner matches.")
                    .narrowed_outside(),
            )
        };
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
        let (picking, picker) = match &mut self.popup {
            Popup::Catalogue(picker) => (None, picker),
            Popup::Form(_, Some((picking, picker))) => (Some(*picking), picker),
            _ => return Ok(Intent::Nothing),
        };
        match action {
            Some(Action::Cancel) => self.popup.close_picker(),
            Some(Action::Open) => {
                let chosen = picker.chosen();
                let label = picker.chosen_label().map(|l| l.trim().to_string());
                self.popup.close_picker();
                let Some(picking) = picking else {
                    return Ok(match chosen.and_then(catalogue::chosen) {
                        Some(kpi) => Intent::Metrics(MetricsEdit::SaveKpi {
                            id: None,
                            kpi: Box::new(kpi),
                            benchmark: None,
                        }),
                        None => Intent::Nothing,
                    });
                };
                if let (Some(id), Some(label), Some(open)) = (chosen, label, self.popup.open_form())
                {
                    open.link = Some(id);
                    let field = if picking == Picking::Goal {
                        "goal"
                    } else {
                        "partner"
                    };
                    open.form.set_choice(field, &label);
                }
            }
            Some(action) if picker.handle(action) => {}
            _ => {
                if let Some(query) = typed(picker.query(), key) {
                    if picking == Some(Picking::Partner) {
                        picker.set_choices(partners_matching(wb, &query)?);
                    }
                    picker.set_query(query);
                }
            }
        }
        Ok(Intent::Nothing)
    }
}
