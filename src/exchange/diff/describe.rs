//! Each changed record in the planner's words, table by table: who it is about, which area of
//! the plan it belongs to, and what moved.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::DiffSettings;
use super::whole::{Noun, Whole};
use crate::plan::changes::{
    Area, ChangeReport, REWEIGHED, ScoreMove, about, field_change, field_label, number_words, shown,
};
use crate::workbook::dump::{Cell, Record};
use crate::workbook::layout::{ColumnKind, TableLayout};
use crate::workbook::{RecordChange, TableChanges};

/// Names of records by (table, UUID), from the later plan first, else the earlier one.
pub type Names = HashMap<(&'static str, String), String>;

/// Turns changed records into lines, and remembers what derived figures to read afterwards.
pub struct Describer<'a> {
    pub names: &'a Names,
    pub settings: &'a DiffSettings,
    pub report: ChangeReport,
    /// Partners whose scores moved, with the moves: their fit is read on both sides.
    pub score_moves: BTreeMap<String, Vec<ScoreMove>>,
    /// Roles whose record or assignments changed: their status is read on both sides.
    pub roles: BTreeSet<String>,
    /// KPIs whose record or measurements changed: their status is read on both sides.
    pub kpis: BTreeSet<String>,
    /// Records added or removed whole, by (table, UUID), said by `finish`.
    pub wholes: BTreeMap<(&'static str, String), Whole>,
}

/// A record's cell by its column key (`Null` for a key the layout does not have).
pub(super) fn cell<'r>(layout: &TableLayout, record: &'r Record, key: &str) -> &'r Cell {
    layout
        .columns
        .iter()
        .position(|c| c.key == key)
        .and_then(|i| record.cells.get(i))
        .unwrap_or(&Cell::Null)
}

pub(super) fn cell_text(cell: &Cell) -> Option<String> {
    match cell {
        Cell::Null => None,
        Cell::Integer(n) => Some(n.to_string()),
        Cell::Real(x) => Some(number_words(*x)),
        Cell::Text(t) => Some(t.clone()),
    }
}

pub(super) fn cell_int(cell: &Cell) -> Option<i64> {
    match cell {
        Cell::Integer(n) => Some(*n),
        _ => None,
    }
}

/// A date or timestamp cell as the day it names ("2026-09-21" for "2026-09-21T09:00:00.000Z").
fn day(cell: &Cell) -> String {
    let text = cell_text(cell).unwrap_or_default();
    match text.get(..10) {
        Some(date) if text.get(10..11) == Some("T") => date.to_string(),
        _ => text,
    }
}

/// The one record a change is about (the later one when there are two).
pub(super) fn either(change: &RecordChange) -> Option<&Record> {
    change.after.as_ref().or(change.before.as_ref())
}

impl Describer<'_> {
    /// The name of the record of `table` with `uuid`, or a short stand-in.
    pub(super) fn name(&self, table: &'static str, uuid: &str) -> String {
        match self.names.get(&(table, uuid.to_string())) {
            Some(name) => name.clone(),
            None => format!("record {}", uuid.get(..8).unwrap_or(uuid)),
        }
    }

    /// The name of the record `key` of `record` refers to.
    pub(super) fn target(
        &self,
        layout: &TableLayout,
        record: &Record,
        key: &str,
    ) -> Option<String> {
        let column = layout.column(key)?;
        let ColumnKind::Reference(table) = column.kind else {
            return None;
        };
        let Cell::Text(uuid) = cell(layout, record, key) else {
            return None;
        };
        Some(self.name(table, uuid))
    }

    /// A cell as a sentence shows it: text quoted, references by name, money in the currency,
    /// yes / no for flags.
    pub(super) fn value(&self, layout: &TableLayout, record: &Record, key: &str) -> String {
        let Some(column) = layout.column(key) else {
            return shown(None, false);
        };
        let value = cell(layout, record, key);
        match (column.kind, value) {
            (_, Cell::Null) => shown(None, false),
            (ColumnKind::Reference(_), _) => {
                shown(self.target(layout, record, key).as_deref(), false)
            }
            (ColumnKind::Bool, Cell::Integer(n)) => if *n != 0 { "yes" } else { "no" }.to_string(),
            (ColumnKind::Integer, Cell::Integer(n)) if key.ends_with("_minor") => {
                self.settings.currency.format(*n)
            }
            (ColumnKind::Text, _) => shown(cell_text(value).as_deref(), true),
            _ => shown(cell_text(value).as_deref(), false),
        }
    }

    /// Every field that differs between the two records, except `skip`, as "label: old → new".
    pub(super) fn field_changes(
        &self,
        layout: &TableLayout,
        change: &RecordChange,
        skip: &[&str],
    ) -> Vec<String> {
        let (Some(before), Some(after)) = (&change.before, &change.after) else {
            return Vec::new();
        };
        layout
            .columns
            .iter()
            .enumerate()
            .filter(|(i, c)| !skip.contains(&c.key) && before.cells.get(*i) != after.cells.get(*i))
            .map(|(_, c)| {
                field_change(
                    &field_label(c.key),
                    &self.value(layout, before, c.key),
                    &self.value(layout, after, c.key),
                )
            })
            .collect()
    }

    pub(super) fn add(&mut self, area: Area, subject: &str, what: &str) {
        self.report.add(area, about(subject, what));
    }

    /// A named record: added, removed, or each changed field (except `skip`, said elsewhere).
    pub(super) fn named(
        &mut self,
        area: Area,
        layout: &'static TableLayout,
        change: &RecordChange,
        skip: &[&str],
    ) -> Option<String> {
        let uuid = &either(change)?.uuid;
        let subject = self.name(layout.table, uuid);
        match (&change.before, &change.after) {
            (None, Some(_)) => self.whole(area, layout.table, uuid, "added".into(), true),
            (Some(_), None) => self.whole(area, layout.table, uuid, "removed".into(), false),
            _ => {
                for line in self.field_changes(layout, change, skip) {
                    self.add(area, &subject, &line);
                }
            }
        }
        Some(subject)
    }

    /// A record that belongs to another (its `parent` reference): the parent names it.
    pub(super) fn child(
        &mut self,
        area: Area,
        layout: &TableLayout,
        change: &RecordChange,
        parent: &str,
        noun: Noun,
        what: &str,
    ) {
        if self.along(layout, change, parent, noun) {
            return;
        }
        let Some(record) = either(change) else { return };
        let subject = self.target(layout, record, parent).unwrap_or_default();
        match (&change.before, &change.after) {
            (None, Some(_)) => self.add(area, &subject, &format!("{what} added")),
            (Some(_), None) => self.add(area, &subject, &format!("{what} removed")),
            _ => {
                for line in self.field_changes(layout, change, &[parent]) {
                    self.add(area, &subject, &format!("{what}: {line}"));
                }
            }
        }
    }

    pub fn table(&mut self, table: &TableChanges) {
        let layout = table.layout;
        for change in &table.changes {
            self.record(layout, change);
        }
    }

    fn record(&mut self, layout: &'static TableLayout, change: &RecordChange) {
        let Some(record) = either(change) else { return };
        let uuid = record.uuid.clone();
        match layout.table {
            "workbook_meta" => {
                for line in self.field_changes(layout, change, &["next_risk_number"]) {
                    self.add(Area::Workbook, "Workbook", &line);
                }
            }
            "strategy" => self.strategy(layout, change),
            "goals" | "resources" | "governance_rules" | "data_protocols"
            | "selection_criteria" | "onboarding_items" => {
                let area = match layout.table {
                    "goals" => Area::Goals,
                    "resources" => Area::Resources,
                    "governance_rules" => Area::Governance,
                    "data_protocols" => Area::DataSharing,
                    "selection_criteria" => Area::Selection,
                    _ => Area::Onboarding,
                };
                let subject = self.named(area, layout, change, &[]);
                if let (Some(subject), Some(before), Some(after)) =
                    (subject, &change.before, &change.after)
                    && layout.table == "selection_criteria"
                    && ["weight", "is_gate"]
                        .iter()
                        .any(|key| cell(layout, before, key) != cell(layout, after, key))
                {
                    self.add(area, &subject, REWEIGHED);
                }
            }
            "partners" => self.partner(layout, change),
            "criterion_scores" => self.score(layout, change),
            "partner_onboarding" => {
                let item = self.target(layout, record, "item").unwrap_or_default();
                self.child(
                    Area::Onboarding,
                    layout,
                    change,
                    "partner",
                    ("onboarding item", "onboarding items"),
                    &format!("onboarding “{item}”"),
                );
            }
            "checkins" => {
                let on = day(cell(layout, record, "held_on"));
                self.child(
                    Area::Partners,
                    layout,
                    change,
                    "partner",
                    ("check-in", "check-ins"),
                    &format!("check-in of {on}"),
                );
            }
            "roles" => {
                self.roles.insert(uuid);
                self.named(Area::Roles, layout, change, &[]);
            }
            "role_assignments" => self.assignment(layout, change),
            "partner_links" => {
                self.named(Area::Ecosystem, layout, change, &[]);
            }
            "offerings" => {
                self.named(Area::Ecosystem, layout, change, &[]);
            }
            "offering_members" => {
                let member = self
                    .target(layout, record, "partner")
                    .unwrap_or_else(|| "the hub".into());
                self.child(
                    Area::Ecosystem,
                    layout,
                    change,
                    "offering",
                    ("member", "members"),
                    &format!("member {member}"),
                );
            }
            "offering_goals" | "offering_kpis" => {
                let (key, noun, nouns) = if layout.table == "offering_goals" {
                    ("goal", "goal served", "goals served")
                } else {
                    ("kpi", "measuring KPI", "measuring KPIs")
                };
                let linked = self.target(layout, record, key).unwrap_or_default();
                self.child(
                    Area::Ecosystem,
                    layout,
                    change,
                    "offering",
                    (noun, nouns),
                    &format!("{noun} {linked}"),
                );
            }
            "scenarios" => {
                self.named(Area::Scenarios, layout, change, &[]);
            }
            "scenario_events" => {
                let partner = self.target(layout, record, "partner").unwrap_or_default();
                let kind = cell_text(cell(layout, record, "kind")).unwrap_or_default();
                self.child(
                    Area::Scenarios,
                    layout,
                    change,
                    "scenario",
                    ("event", "events"),
                    &format!("event {kind} of {partner}"),
                );
            }
            "forums" => {
                self.named(Area::Governance, layout, change, &[]);
            }
            "forum_members" => {
                let member = self
                    .target(layout, record, "partner")
                    .or_else(|| self.target(layout, record, "role"))
                    .unwrap_or_default();
                self.child(
                    Area::Governance,
                    layout,
                    change,
                    "forum",
                    ("member", "members"),
                    &format!("member {member}"),
                );
            }
            "forum_rules" => {
                let rule = self.target(layout, record, "rule").unwrap_or_default();
                self.child(
                    Area::Governance,
                    layout,
                    change,
                    "forum",
                    ("rule link", "rule links"),
                    &format!("link to the {rule}"),
                );
            }
            "joint_goals" | "joint_commitments" | "joint_milestones" => {
                let (noun, nouns, key) = match layout.table {
                    "joint_goals" => ("joint goal", "joint goals", "title"),
                    "joint_commitments" => ("joint commitment", "joint commitments", "what"),
                    _ => ("joint milestone", "joint milestones", "title"),
                };
                let named = cell_text(cell(layout, record, key)).unwrap_or_default();
                self.child(
                    Area::JointPlans,
                    layout,
                    change,
                    "partner",
                    (noun, nouns),
                    &format!("{noun} “{named}”"),
                );
            }
            "joint_goal_kpis" | "joint_goal_offerings" => {
                let (key, noun, nouns) = if layout.table == "joint_goal_kpis" {
                    ("kpi", "KPI moved", "KPIs moved")
                } else {
                    ("offering", "offering", "offerings")
                };
                let linked = self.target(layout, record, key).unwrap_or_default();
                self.child(
                    Area::JointPlans,
                    layout,
                    change,
                    "joint_goal",
                    (noun, nouns),
                    &format!("{noun} {linked}"),
                );
            }
            "trends" => {
                self.named(Area::Trends, layout, change, &[]);
            }
            "trend_links" => {
                let touched = ["role", "partner", "offering"]
                    .iter()
                    .find_map(|key| self.target(layout, record, key))
                    .unwrap_or_default();
                self.child(
                    Area::Trends,
                    layout,
                    change,
                    "trend",
                    ("link", "links"),
                    &format!("touches {touched}"),
                );
            }
            "trend_actions" => {
                let title = cell_text(cell(layout, record, "title")).unwrap_or_default();
                self.child(
                    Area::Trends,
                    layout,
                    change,
                    "trend",
                    ("action", "actions"),
                    &format!("action {title}"),
                );
            }
            "type_programmes" => {
                self.named(Area::Money, layout, change, &["partner_type"]);
            }
            "criterion_type_weights" | "onboarding_item_types" => {
                let kind = cell_text(cell(layout, record, "partner_type")).unwrap_or_default();
                let (area, parent, noun, what) = if layout.table == "onboarding_item_types" {
                    let noun = ("type it is for", "types it is for");
                    (Area::Onboarding, "item", noun, format!("for {kind}"))
                } else {
                    let noun = ("weight for a type", "weights for types");
                    (Area::Selection, "criterion", noun, format!("for {kind}"))
                };
                self.child(area, layout, change, parent, noun, &what);
            }
            "data_protocol_recipients" => self.recipient(layout, change),
            "risks" => self.risk(layout, change),
            "risk_mitigations" => {
                let kind = cell_text(cell(layout, record, "kind")).unwrap_or_default();
                self.child(
                    Area::Risks,
                    layout,
                    change,
                    "risk",
                    ("mitigation", "mitigations"),
                    &format!("mitigation ({kind})"),
                );
            }
            "risk_score_history" => {
                let on = day(cell(layout, record, "recorded_at"));
                self.child(
                    Area::Risks,
                    layout,
                    change,
                    "risk",
                    ("score history entry", "score history entries"),
                    &format!("score history entry of {on}"),
                );
            }
            "risk_dismissals" => {
                let key = self.value(layout, record, "suggestion_key");
                let what = if change.after.is_some() {
                    "dismissed"
                } else {
                    "brought back"
                };
                self.add(Area::Risks, &format!("Suggested risk {key}"), what);
            }
            "kpis" => {
                self.kpis.insert(uuid);
                {
                    self.named(Area::Kpis, layout, change, &[]);
                };
            }
            "kpi_measurements" => self.measurement(layout, change),
            "investments" => self.entry(
                Area::Money,
                layout,
                change,
                "Investment",
                "item",
                "spent_on",
            ),
            "value_log" => self.entry(
                Area::Money,
                layout,
                change,
                "Value",
                "description",
                "logged_on",
            ),
            "framework_progress" => self.entry(Area::Guide, layout, change, "Step", "step_key", ""),
            "vocabulary_terms" => {
                let kind = cell_text(cell(layout, record, "kind")).unwrap_or_default();
                let term = self.value(layout, record, "term");
                let what = match (&change.before, &change.after) {
                    (None, Some(_)) => format!("added {term}"),
                    (Some(_), None) => format!("removed {term}"),
                    _ => format!("{term} changed"),
                };
                self.add(
                    Area::WordLists,
                    &format!("Words for {}", field_label(&kind)),
                    &what,
                );
            }
            // A table this version of the comparison does not know by name: every field, so
            // nothing is hidden.
            _ => self.entry(
                Area::Workbook,
                layout,
                change,
                &field_label(layout.key),
                "",
                "",
            ),
        }
    }

    /// A record without a name of its own: called by a kind, a label field and a date.
    fn entry(
        &mut self,
        area: Area,
        layout: &TableLayout,
        change: &RecordChange,
        kind: &str,
        label: &str,
        date: &str,
    ) {
        let Some(record) = either(change) else { return };
        let mut subject = kind.to_string();
        if let Some(text) = cell_text(cell(layout, record, label)) {
            subject = format!("{subject} {}", shown(Some(&text), true));
        }
        if let Some(on) = cell_text(cell(layout, record, date)) {
            subject = format!("{subject} of {on}");
        }
        match (&change.before, &change.after) {
            (None, Some(_)) => self.add(area, &subject, "added"),
            (Some(_), None) => self.add(area, &subject, "removed"),
            _ => {
                for line in self.field_changes(layout, change, &[]) {
                    self.add(area, &subject, &line);
                }
            }
        }
    }
}
