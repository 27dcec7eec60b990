//! What the table's, the detail view's and the ROI view's keys do.

use anyhow::Result;

use super::detail::DetailView;
use super::forms::{self, draft_of, kpi_form, measurement_form, typed_date};
use super::money::MoneyList;
use super::money_forms::{investment_form, margin_rate_form, value_form};
use super::{MetricsTab, Popup, Shown};
use crate::plan::kpi::KpiDraft;
use crate::tui::action::Action;
use crate::tui::intent::Intent;
use crate::tui::sanitize::clean;
use crate::tui::widgets::confirm::ConfirmAction;
use crate::workbook::Workbook;

impl MetricsTab {
    pub(super) fn table_action(&mut self, action: Action, wb: &Workbook) -> Result<Intent> {
        match action {
            Action::Up
            | Action::Down
            | Action::Top
            | Action::Bottom
            | Action::PageUp
            | Action::PageDown => self.move_table(action, wb)?,
            Action::Add => {
                let format = &self.settings.date_format;
                self.popup =
                    Popup::form(kpi_form("New KPI", None, &KpiDraft::default(), "", format));
            }
            Action::PickKpi => self.open_catalogue(),
            Action::Roi => self.open_money(wb)?,
            Action::Open | Action::Edit | Action::Delete => {
                let Some(row) = self.selected_row() else {
                    return Ok(Intent::Error(self.empty_message().into()));
                };
                let record = row.record.clone();
                match action {
                    Action::Open => {
                        let today = self.settings.today();
                        if let Some(detail) =
                            DetailView::load(wb, record.id, today, self.facts.as_ref())?
                        {
                            self.shown = Shown::Detail(Box::new(detail));
                        }
                    }
                    Action::Edit => {
                        let format = &self.settings.date_format;
                        let goal = match record.kpi.goal_id {
                            Some(id) => wb
                                .goals()?
                                .into_iter()
                                .find(|g| g.id == id)
                                .map(|g| g.goal.title)
                                .unwrap_or_default(),
                            None => String::new(),
                        };
                        let title = format!("Edit KPI {}", clean(&record.kpi.name));
                        let draft = draft_of(&record, format);
                        self.popup =
                            Popup::form(kpi_form(&title, Some(&record), &draft, &goal, format));
                    }
                    _ => {
                        return Ok(Intent::Confirm(ConfirmAction::DeleteKpi {
                            id: record.id,
                            measurements: wb.measurement_count(record.id)?,
                            name: record.kpi.name,
                        }));
                    }
                }
            }
            _ => {}
        }
        Ok(Intent::Nothing)
    }

    pub(super) fn detail_action(&mut self, action: Action, _wb: &Workbook) -> Result<Intent> {
        let Shown::Detail(detail) = &mut self.shown else {
            return Ok(Intent::Nothing);
        };
        let format = self.settings.date_format.clone();
        let kpi = &detail.row.record;
        let live = kpi.kpi.live_source.is_some();
        if live && matches!(action, Action::Add | Action::Edit | Action::Delete) {
            return Ok(Intent::Error(format!(
                "{} is live: computed from the workbook, it takes no measurements.",
                clean(&kpi.kpi.name)
            )));
        }
        match action {
            Action::Cancel => self.shown = Shown::Table,
            Action::Up | Action::Down | Action::Top | Action::Bottom => detail.move_in(action),
            Action::Add => {
                let title = format!("Log a value of {}", clean(&kpi.kpi.name));
                let today = typed_date(self.settings.today(), &format);
                self.popup = Popup::form(measurement_form(&title, kpi.id, None, (&today, "", "")));
            }
            Action::Edit | Action::Delete => {
                let Some(m) = detail.selected().cloned() else {
                    return Ok(Intent::Error(
                        "No measurement yet: ‹kpi-detail:add› logs the first one.".into(),
                    ));
                };
                if action == Action::Delete {
                    let what = format!(
                        "{} on {} ({})",
                        super::table::number(m.value),
                        typed_date(m.on, &format),
                        kpi.kpi.name
                    );
                    return Ok(Intent::Confirm(ConfirmAction::DeleteMeasurement {
                        id: m.id,
                        what,
                    }));
                }
                let title = format!("Edit a value of {}", clean(&kpi.kpi.name));
                let fields = (
                    typed_date(m.on, &format),
                    forms::number_text(Some(m.value)),
                    m.note.clone(),
                );
                self.popup = Popup::form(measurement_form(
                    &title,
                    kpi.id,
                    Some(m.id),
                    (&fields.0, &fields.1, &fields.2),
                ));
            }
            _ => {}
        }
        Ok(Intent::Nothing)
    }

    pub(super) fn money_action(&mut self, action: Action, wb: &Workbook) -> Result<Intent> {
        let Shown::Money(money) = &mut self.shown else {
            return Ok(Intent::Nothing);
        };
        let today = self.settings.today();
        let format = self.settings.date_format.clone();
        match action {
            Action::Cancel => self.close_money(),
            Action::Up | Action::Down | Action::Top | Action::Bottom => money.move_in(action),
            Action::Toggle => money.next_focus(),
            Action::Period => {
                money.period = money.period.next();
                money.reload_period(wb, today)?;
                return Ok(Intent::Status(format!(
                    "ROI over {}.",
                    super::period::describe(money.period, today, &format)
                )));
            }
            Action::Add if money.focus == MoneyList::Partners => {
                return Ok(Intent::Error(
                    "Partners are added on the Partners tab; here ‹roi:edit› sets the selected \
                     partner's margin rate."
                        .into(),
                ));
            }
            Action::Add => {
                self.popup = Popup::form(match money.focus {
                    MoneyList::Investments => investment_form(None, today, &self.currency, &format),
                    MoneyList::Values | MoneyList::Partners => {
                        value_form(None, today, &self.currency, &format)
                    }
                });
            }
            Action::Edit | Action::Delete => {
                let intent = match money.focus {
                    MoneyList::Partners => match money.selected_partner() {
                        Some(p) if action == Action::Edit => match p.partner_id {
                            Some(_) => {
                                self.popup = Popup::form(margin_rate_form(p));
                                None
                            }
                            None => Some(Intent::Error(
                                "Records without a partner have no margin rate; give each of \
                                 their value entries its own margin."
                                    .into(),
                            )),
                        },
                        Some(_) => Some(Intent::Error(
                            "A partner is deleted on the Partners tab; ‹roi:edit› here sets or \
                             clears its margin rate."
                                .into(),
                        )),
                        None => None,
                    },
                    MoneyList::Investments => match money.selected_investment() {
                        None => Some(Intent::Error(
                            "No investment yet: ‹roi:add› adds one.".into(),
                        )),
                        Some(r) if r.resource_id.is_some() => Some(Intent::Error(format!(
                            "\"{}\" is a Strategy resource counted as an investment; change \
                             its cost or date, or unmark it, on the Strategy tab's resources.",
                            r.draft.item
                        ))),
                        Some(r) if action == Action::Delete => {
                            Some(Intent::Confirm(ConfirmAction::DeleteInvestment {
                                id: r.id,
                                item: r.draft.item.clone(),
                            }))
                        }
                        Some(r) => {
                            self.popup = Popup::form(investment_form(
                                Some(r),
                                today,
                                &self.currency,
                                &format,
                            ));
                            None
                        }
                    },
                    MoneyList::Values => match money.selected_value() {
                        None => Some(Intent::Error(
                            "No value entry yet: ‹roi:add› logs one.".into(),
                        )),
                        Some(r) if action == Action::Delete => {
                            Some(Intent::Confirm(ConfirmAction::DeleteValueEntry {
                                id: r.id,
                                description: r.draft.description.clone(),
                            }))
                        }
                        Some(r) => {
                            self.popup =
                                Popup::form(value_form(Some(r), today, &self.currency, &format));
                            None
                        }
                    },
                };
                if let Some(intent) = intent {
                    return Ok(intent);
                }
            }
            _ => {}
        }
        Ok(Intent::Nothing)
    }
}
