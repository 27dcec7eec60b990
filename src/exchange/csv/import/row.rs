//! One row of a CSV import: its cells read into a partner (values mapped, dates read), checked
//! with the partner form's rules, then added, merged into the partner it repeats, or left out.

use super::{LISTED, OnDuplicate, Pass1, Surface};
use crate::exchange::csv::unescape_formula;
use crate::plan::crm_dates::{DateProblem, DayMonth, evidence, read_date, whole_number};
use crate::plan::numbers::count_of;
use crate::plan::{PartnerDraft, PartnerField};

impl Pass1<'_, '_> {
    /// Advice that names the way to do `what` where the user is.
    pub(super) fn advice(&self, flag: &str, app: &str) -> String {
        match self.options.surface {
            Surface::CommandLine => flag.to_string(),
            Surface::App => app.to_string(),
        }
    }

    /// A row that cannot be imported: a problem, or with `skip_invalid` a row left out.
    pub(super) fn reject(&mut self, row: usize, problems: Vec<String>) {
        if self.options.skip_invalid {
            let why = problems.join("; ");
            self.leave_out(row, why);
        } else {
            for problem in problems {
                self.problems.note(format!("row {row}, {problem}"));
            }
        }
    }

    pub(super) fn leave_out(&mut self, row: usize, why: String) {
        self.report.left_out += 1;
        if self.report.left_out_rows.len() < LISTED {
            self.report.left_out_rows.push((row, why));
        }
    }

    pub(super) fn ragged(&mut self, row: usize, fields: usize) -> anyhow::Result<()> {
        let problem = format!(
            "{}, but the header has {}; check for a missing or extra delimiter.",
            count_of(fields, "field", "fields"),
            self.report.headers.len()
        );
        if self.options.skip_invalid {
            self.leave_out(row, format!("has {problem}"));
        } else {
            self.problems.note(format!("row {row}: has {problem}"));
        }
        Ok(())
    }

    pub(super) fn column_of(&self, field: PartnerField) -> &str {
        self.plan
            .used
            .iter()
            .find(|(_, f)| *f == field)
            .map_or("", |(h, _)| h.as_str())
    }

    /// A date cell as the workbook stores it (ISO), or the problem with it.
    pub(super) fn date(&mut self, cell: &str, row: usize, header: &str) -> Result<String, String> {
        let cell = cell.trim();
        if cell.is_empty() {
            return Ok(String::new());
        }
        if let Some(order) = evidence(cell) {
            let slot = match order {
                DayMonth::DayFirst => &mut self.dates.day_first,
                DayMonth::MonthFirst => &mut self.dates.month_first,
            };
            slot.get_or_insert_with(|| (row, cell.to_string()));
        }
        let format = self.options.date_format.as_deref();
        match read_date(cell, format, self.options.day_month) {
            Ok(date) => Ok(date.to_string()),
            Err(DateProblem::Ambiguous) => {
                self.dates.ambiguous += 1;
                Err(format!(
                    "column {header:?}: {cell:?} could be day/month or month/day; say which \
                     with {}.",
                    self.advice(
                        "--date-format \"%d/%m/%Y\" (day first) or --date-format \"%m/%d/%Y\" \
                         (month first)",
                        "the date order in the import's preview"
                    )
                ))
            }
            Err(DateProblem::NotADate) => Err(match format {
                Some(format) => format!(
                    "column {header:?}: {cell:?} is not a date in the form {format:?}; check \
                     the format given with --date-format."
                ),
                None => format!(
                    "column {header:?}: {cell:?} is not a date partnerplan can read; write it \
                     like 2026-03-01."
                ),
            }),
        }
    }

    /// Checks one row and, while the import is still clean, applies it.
    pub(super) fn import_row(
        &mut self,
        record: &::csv::StringRecord,
        row: usize,
    ) -> anyhow::Result<()> {
        let mut draft = PartnerDraft::default();
        let mut errors = Vec::new();
        for (at, cell) in record.iter().enumerate() {
            let Some(field) = self.plan.fields[at] else {
                continue;
            };
            if !draft.get(field).is_empty() {
                continue;
            }
            let header = &self.report.headers[at];
            let cell = unescape_formula(cell);
            let value = match field {
                PartnerField::AgreementStart | PartnerField::AgreementEnd => {
                    let header = header.clone();
                    match self.date(cell, row, &header) {
                        Ok(value) => value,
                        Err(problem) => {
                            errors.push(problem);
                            continue;
                        }
                    }
                }
                // A count of days as a spreadsheet writes it ("14.0", "14 days"); anything
                // else goes to the form's rule, which says what is wrong.
                PartnerField::CheckinCadence => whole_number(cell)
                    .map_or_else(|| cell.trim().to_string(), |days| days.to_string()),
                _ => self.values.map(self.session, at, header, field, cell)?,
            };
            draft.set(field, value);
        }
        let problems_of = |pass: &Self, draft: &PartnerDraft| -> Vec<String> {
            draft
                .validate()
                .into_iter()
                .map(|e| format!("column {:?}: {}", pass.column_of(e.field), e.message))
                .collect()
        };
        errors.extend(problems_of(self, &draft));
        if !errors.is_empty() {
            self.reject(row, errors);
            return Ok(());
        }
        let write = self.problems.is_empty();
        let draft = draft.normalised();
        match self.session.duplicate_of(&draft) {
            Some(key) if self.options.on_duplicate == OnDuplicate::Skip => {
                self.report.skipped += 1;
                if self.report.skipped_rows.len() < 10 {
                    let existing = self
                        .session
                        .current(key)?
                        .map(|p| p.name)
                        .unwrap_or_default();
                    self.report.skipped_rows.push((row, existing));
                }
            }
            Some(key) if self.options.on_duplicate == OnDuplicate::Update => {
                let current = self.session.current(key)?.unwrap_or_default();
                let mut merged = current.clone();
                for field in PartnerField::ALL {
                    // An empty cell keeps what is there.
                    if !draft.get(field).is_empty() {
                        merged.set(field, draft.get(field));
                    }
                }
                let problems = problems_of(self, &merged);
                if !problems.is_empty() {
                    self.reject(row, problems);
                    return Ok(());
                }
                let merged = merged.normalised();
                let changed: Vec<&'static str> = PartnerField::ALL
                    .into_iter()
                    .filter(|f| merged.get(*f) != current.get(*f))
                    .map(PartnerField::label)
                    .collect();
                if write {
                    self.session.update(key, &merged)?;
                }
                self.report.updated += 1;
                if !changed.is_empty() && self.report.changes.len() < LISTED {
                    self.report.changes.push((merged.name.clone(), changed));
                }
            }
            _ => {
                let mut draft = draft;
                if draft.stage.is_empty() {
                    draft.stage = self.stages.first().cloned().unwrap_or_default();
                }
                if write {
                    self.session.add(&draft)?;
                }
                self.report.added += 1;
            }
        }
        Ok(())
    }
}
