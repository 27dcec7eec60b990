//! Workbook edits the Metrics tab asks for, and how the App applies them: each is one journaled
//! change (so `u` undoes it) and comes back as a sentence for the status line.

use anyhow::Result;
use jiff::civil::Date;

use crate::plan::kpi::{Kpi, KpiBenchmark};
use crate::tui::widgets::confirm::ConfirmAction;
use crate::workbook::{InvestmentDraft, ValueDraft, Workbook};

#[derive(Debug, Clone, PartialEq)]
pub enum MetricsEdit {
    /// Adds (`id` none) or changes a KPI; with a benchmark (its definition and band) saved in
    /// the same change, or `None` to leave the stored one as it is.
    SaveKpi {
        id: Option<i64>,
        kpi: Box<Kpi>,
        benchmark: Option<Box<KpiBenchmark>>,
    },
    DeleteKpi {
        id: i64,
    },
    /// Logs (`id` none) or changes a measurement of KPI `kpi_id`.
    SaveMeasurement {
        id: Option<i64>,
        kpi_id: i64,
        on: Date,
        value: f64,
        note: String,
    },
    DeleteMeasurement {
        id: i64,
    },
    SaveInvestment {
        id: Option<i64>,
        draft: Box<InvestmentDraft>,
    },
    DeleteInvestment {
        id: i64,
    },
    SaveValue {
        id: Option<i64>,
        draft: Box<ValueDraft>,
    },
    DeleteValue {
        id: i64,
    },
    /// Sets (or with `None` clears) a partner's margin rate and, when `type_rate` is given, the
    /// rate of its type.
    SetMarginRate {
        partner_id: i64,
        rate: Option<f64>,
        type_rate: Option<Option<f64>>,
    },
}

impl MetricsEdit {
    /// The delete a "yes" to `action` runs, when it is one of the Metrics tab's.
    pub fn confirmed(action: &ConfirmAction) -> Option<MetricsEdit> {
        Some(match *action {
            ConfirmAction::DeleteKpi { id, .. } => MetricsEdit::DeleteKpi { id },
            ConfirmAction::DeleteMeasurement { id, .. } => MetricsEdit::DeleteMeasurement { id },
            ConfirmAction::DeleteInvestment { id, .. } => MetricsEdit::DeleteInvestment { id },
            ConfirmAction::DeleteValueEntry { id, .. } => MetricsEdit::DeleteValue { id },
            _ => return None,
        })
    }

    /// Writes the edit; returns what to say on the status line.
    pub fn apply(&self, wb: &mut Workbook) -> Result<String> {
        Ok(match self {
            MetricsEdit::SaveKpi {
                id,
                kpi,
                benchmark: Some(benchmark),
            } => {
                wb.save_kpi_with_benchmark(*id, kpi, benchmark)?;
                match id {
                    None => format!("Added KPI {}.", kpi.name),
                    Some(_) => format!("Saved KPI {}.", kpi.name),
                }
            }
            MetricsEdit::SaveKpi {
                id: None,
                kpi,
                benchmark: None,
            } => {
                wb.add_kpi(kpi)?;
                format!("Added KPI {}.", kpi.name)
            }
            MetricsEdit::SaveKpi {
                id: Some(id),
                kpi,
                benchmark: None,
            } => {
                wb.update_kpi(*id, kpi)?;
                format!("Saved KPI {}.", kpi.name)
            }
            MetricsEdit::DeleteKpi { id } => {
                format!(
                    "Deleted KPI {}. ‹undo› brings it back.",
                    wb.delete_kpi(*id)?
                )
            }
            MetricsEdit::SaveMeasurement {
                id,
                kpi_id,
                on,
                value,
                note,
            } => match id {
                None => {
                    wb.add_measurement(*kpi_id, *on, *value, note)?;
                    format!("Logged {value} on {on}.")
                }
                Some(id) => {
                    wb.update_measurement(*id, *on, *value, note)?;
                    format!("Saved the measurement of {on}.")
                }
            },
            MetricsEdit::DeleteMeasurement { id } => {
                wb.delete_measurement(*id)?;
                "Deleted the measurement. ‹undo› brings it back.".into()
            }
            MetricsEdit::SaveInvestment { id, draft } => {
                wb.save_investment(*id, draft)?;
                format!("Saved the investment {}.", draft.item.trim())
            }
            MetricsEdit::DeleteInvestment { id } => format!(
                "Deleted the investment {}. ‹undo› brings it back.",
                wb.delete_investment(*id)?
            ),
            MetricsEdit::SaveValue { id, draft } => {
                wb.save_value_entry(*id, draft)?;
                format!("Saved the {} entry.", draft.kind.word())
            }
            MetricsEdit::DeleteValue { id } => {
                wb.delete_value_entry(*id)?;
                "Deleted the value entry. ‹undo› brings it back.".into()
            }
            MetricsEdit::SetMarginRate {
                partner_id,
                rate,
                type_rate,
            } => {
                let kind = wb.partner_type_of(*partner_id)?;
                let of_type = type_rate.map(|r| (kind.as_str(), r));
                wb.set_margin_rates(*partner_id, *rate, of_type)?;
                let of_type = match (type_rate, rate) {
                    (Some(Some(r)), None) => format!(
                        " Its revenue counts at the {kind} rate, {}%.",
                        crate::plan::kpi::benchmark::number_words(*r)
                    ),
                    _ => String::new(),
                };
                match rate {
                    Some(rate) => format!(
                        "Margin rate set to {}%: its revenue without a margin of its own counts \
                         at that share.",
                        crate::plan::kpi::benchmark::number_words(*rate)
                    ),
                    None => format!("Margin rate cleared.{of_type}"),
                }
            }
        })
    }
}
