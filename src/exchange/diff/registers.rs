//! The records the change list words specially: the strategy by section, partners' stages and
//! fit, role coverage, data-sharing recipients, risks on the heat map, KPI measurements.

use super::describe::{Describer, cell, cell_int, cell_text, either};
use crate::plan::changes::{
    Area, ScoreMove, coverage_change, heat_move, measurement_added, measurement_removed, moved,
    risk_opened, risk_status, shown, strategy_change,
};
use crate::plan::risk::Rating;
use crate::workbook::RecordChange;
use crate::workbook::dump::{Cell, Record};
use crate::workbook::layout::TableLayout;

impl Describer<'_> {
    pub(super) fn strategy(&mut self, layout: &TableLayout, change: &RecordChange) {
        let (Some(before), Some(after)) = (&change.before, &change.after) else {
            return;
        };
        for (i, column) in layout.columns.iter().enumerate() {
            if before.cells.get(i) != after.cells.get(i) {
                let line = strategy_change(
                    column.key,
                    &self.value(layout, before, column.key),
                    &self.value(layout, after, column.key),
                );
                self.report.add(Area::Strategy, line);
            }
        }
    }

    pub(super) fn partner(&mut self, layout: &'static TableLayout, change: &RecordChange) {
        if let (None, Some(after)) = (&change.before, &change.after) {
            let stage = cell_text(cell(layout, after, "stage")).unwrap_or_default();
            let what = format!("added ({})", shown(Some(&stage), false));
            return self.whole(Area::Partners, layout.table, &after.uuid, what, true);
        }
        let Some(subject) = self.named(Area::Partners, layout, change, &["stage"]) else {
            return;
        };
        if let (Some(before), Some(after)) = (&change.before, &change.after) {
            let old = cell_text(cell(layout, before, "stage"));
            let new = cell_text(cell(layout, after, "stage"));
            if old != new {
                let what = moved(&shown(old.as_deref(), false), &shown(new.as_deref(), false));
                self.add(Area::Partners, &subject, &what);
            }
        }
    }

    /// A score as words: "4", "pass", "fail" or "not scored".
    fn score_words(layout: &TableLayout, record: Option<&Record>) -> String {
        let Some(record) = record else {
            return "not scored".to_string();
        };
        match (
            cell_int(cell(layout, record, "score")),
            cell_int(cell(layout, record, "passed")),
        ) {
            (Some(score), _) => score.to_string(),
            (None, Some(0)) => "fail".to_string(),
            (None, Some(_)) => "pass".to_string(),
            (None, None) => "not scored".to_string(),
        }
    }

    pub(super) fn score(&mut self, layout: &TableLayout, change: &RecordChange) {
        if self.along(layout, change, "partner", ("score", "scores")) {
            return;
        }
        let Some(record) = either(change) else { return };
        let Cell::Text(partner) = cell(layout, record, "partner").clone() else {
            return;
        };
        let criterion = self.target(layout, record, "criterion").unwrap_or_default();
        let old = Self::score_words(layout, change.before.as_ref());
        let new = Self::score_words(layout, change.after.as_ref());
        if old != new {
            self.score_moves
                .entry(partner.clone())
                .or_default()
                .push(ScoreMove {
                    criterion: criterion.clone(),
                    old,
                    new,
                });
        }
        let subject = self.name("partners", &partner);
        for line in self.field_changes(layout, change, &["partner", "criterion", "score", "passed"])
        {
            self.add(
                Area::Partners,
                &subject,
                &format!("score for {criterion}: {line}"),
            );
        }
    }

    pub(super) fn assignment(&mut self, layout: &TableLayout, change: &RecordChange) {
        let Some(record) = either(change) else { return };
        if let Cell::Text(role) = cell(layout, record, "role") {
            self.roles.insert(role.clone());
        }
        let role = self.target(layout, record, "role").unwrap_or_default();
        let partner = self.target(layout, record, "partner").unwrap_or_default();
        let kind = |r: &Option<Record>| r.as_ref().and_then(|r| cell_text(cell(layout, r, "kind")));
        let (old, new) = (kind(&change.before), kind(&change.after));
        if old != new {
            self.add(
                Area::Roles,
                &role,
                &coverage_change(&partner, old.as_deref(), new.as_deref()),
            );
        }
        for line in self.field_changes(layout, change, &["partner", "role", "kind"]) {
            self.add(Area::Roles, &role, &format!("{partner} {line}"));
        }
    }

    pub(super) fn recipient(&mut self, layout: &TableLayout, change: &RecordChange) {
        let Some(record) = either(change) else { return };
        let protocol = self.target(layout, record, "protocol").unwrap_or_default();
        let with = |r: &Record| {
            self.target(layout, r, "partner")
                .or_else(|| {
                    self.target(layout, r, "role")
                        .map(|role| format!("the role {role}"))
                })
                .unwrap_or_default()
        };
        let mut lines = Vec::new();
        if let Some(before) = &change.before {
            lines.push(format!("no longer shared with {}", with(before)));
        }
        if let Some(after) = &change.after {
            lines.push(format!("now shared with {}", with(after)));
        }
        for line in lines {
            self.add(Area::DataSharing, &protocol, &line);
        }
    }

    fn rating(layout: &TableLayout, record: &Record, which: &str) -> Option<Rating> {
        Rating::from_values(
            cell_int(cell(layout, record, &format!("{which}_likelihood"))),
            cell_int(cell(layout, record, &format!("{which}_impact"))),
        )
    }

    pub(super) fn risk(&mut self, layout: &'static TableLayout, change: &RecordChange) {
        let bands = self.settings.bands;
        if let (None, Some(after)) = (&change.before, &change.after) {
            let opened = risk_opened(Self::rating(layout, after, "residual"), &bands);
            return self.whole(Area::Risks, layout.table, &after.uuid, opened, true);
        }
        let skip = [
            "status",
            "inherent_likelihood",
            "inherent_impact",
            "residual_likelihood",
            "residual_impact",
        ];
        let Some(subject) = self.named(Area::Risks, layout, change, &skip) else {
            return;
        };
        let (Some(before), Some(after)) = (&change.before, &change.after) else {
            return;
        };
        let (old, new) = (
            cell_text(cell(layout, before, "status")),
            cell_text(cell(layout, after, "status")),
        );
        if old != new {
            let what = risk_status(&shown(old.as_deref(), false), &shown(new.as_deref(), false));
            self.add(Area::Risks, &subject, &what);
        }
        for which in ["inherent", "residual"] {
            let likelihood = format!("{which}_likelihood");
            let impact = format!("{which}_impact");
            let moved_here = cell(layout, before, &likelihood) != cell(layout, after, &likelihood)
                || cell(layout, before, &impact) != cell(layout, after, &impact);
            if moved_here {
                let (old, new) = (
                    Self::rating(layout, before, which),
                    Self::rating(layout, after, which),
                );
                self.add(Area::Risks, &subject, &heat_move(which, old, new, &bands));
            }
        }
    }

    pub(super) fn measurement(&mut self, layout: &TableLayout, change: &RecordChange) {
        let Some(record) = either(change) else { return };
        if let Cell::Text(kpi) = cell(layout, record, "kpi") {
            self.kpis.insert(kpi.clone());
        }
        let kpi = self.target(layout, record, "kpi").unwrap_or_default();
        let on = |r: &Record| cell_text(cell(layout, r, "measured_on")).unwrap_or_default();
        match (&change.before, &change.after) {
            (None, Some(after)) => {
                let what = measurement_added(&self.value(layout, after, "value"), &on(after));
                self.add(Area::Kpis, &kpi, &what);
            }
            (Some(before), None) => {
                let what = measurement_removed(&self.value(layout, before, "value"), &on(before));
                self.add(Area::Kpis, &kpi, &what);
            }
            (Some(before), Some(_)) => {
                let when = on(before);
                for line in self.field_changes(layout, change, &["kpi"]) {
                    self.add(Area::Kpis, &kpi, &format!("measurement of {when}: {line}"));
                }
            }
            (None, None) => {}
        }
    }
}
