//! The tab's pickers: the pick-list of common KPIs, a KPI's goal (from the Strategy tab's goals)
//! and the partner of an investment or value entry (through the workbook's search, so it stays
//! quick at 100,000 partners). Enter chooses, Esc cancels, an emptied link field unlinks.

use anyhow::Result;
use ratatui::crossterm::event::KeyEvent;

use super::MetricsTab;
use super::catalogue;
use super::edit::MetricsEdit;
use crate::tui::action::Action;
use crate::tui::intent::Intent;
use crate::tui::widgets::picker::Picker;
use crate::tui::widgets::typed::typed;
use crate::workbook::{Page, PartnerPageQuery, Workbook};

/// How many partners the partner picker lists for a query.
const PICKER_ROWS: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Picking {
    Catalogue,
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
        self.picker = Some((Picking::Catalogue, catalogue::picker()));
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
        self.picker = Some(picker);
        Ok(())
    }

    pub(super) fn handle_picker(
        &mut self,
        action: Option<Action>,
        key: &KeyEvent,
        wb: &Workbook,
    ) -> Result<Intent> {
        let Some((picking, picker)) = &mut self.picker else {
            return Ok(Intent::Nothing);
        };
        let picking = *picking;
        match action {
            Some(Action::Cancel) => self.picker = None,
            Some(Action::Open) => {
                let chosen = picker.chosen();
                let label = picker.chosen_label().map(|l| l.trim().to_string());
                self.picker = None;
                if picking == Picking::Catalogue {
                    return Ok(match chosen.and_then(catalogue::chosen) {
                        Some(kpi) => Intent::Metrics(MetricsEdit::SaveKpi {
                            id: None,
                            kpi: Box::new(kpi),
                            benchmark: None,
                        }),
                        None => Intent::Nothing,
                    });
                }
                if let (Some(id), Some(label), Some(open)) = (chosen, label, &mut self.form) {
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
                    if picking == Picking::Partner {
                        picker.set_choices(partners_matching(wb, &query)?);
                    }
                    picker.set_query(query);
                }
            }
        }
        Ok(Intent::Nothing)
    }
}
