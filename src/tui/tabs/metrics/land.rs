//! Where a Guide jump lands on the Metrics tab: a KPI without a target opens on its Target
//! field (any other KPI is selected); a horizon with no KPI at all opens a new KPI of that horizon.

use anyhow::Result;

use super::MetricsTab;
use crate::plan::kpi::Horizon;
use crate::tui::action::Action;
use crate::tui::intent::Intent;
use crate::tui::tabs::screen::Screen;
use crate::workbook::Workbook;

impl MetricsTab {
    pub(super) fn land(&mut self, record: Option<i64>, wb: &Workbook) -> Result<Intent> {
        if wb.is_read_only() {
            return Ok(Intent::Nothing);
        }
        let intent = match record {
            // Only a KPI without a target opens; any other is just selected.
            Some(id) => match wb.kpi(id)? {
                Some(kpi) if kpi.kpi.target.is_none() => {
                    self.reload(wb)?;
                    self.run(Action::Edit, wb)?
                }
                _ => return Ok(Intent::Nothing),
            },
            None => {
                let today = self.settings.today();
                let rows = wb.kpi_rows(0, usize::MAX, 1, today, None)?;
                let missing = [Horizon::Short, Horizon::Long]
                    .into_iter()
                    .find(|h| !rows.iter().any(|row| row.record.kpi.horizon == *h));
                let intent = self.run(Action::Add, wb)?;
                if let (Some(open), Some(horizon)) = (self.popup.open_form(), missing) {
                    open.form.set_choice("horizon", horizon.word());
                }
                intent
            }
        };
        if let Some(open) = self.popup.open_form() {
            open.form.focus_first_empty(&["name", "target"]);
        }
        Ok(intent)
    }
}
