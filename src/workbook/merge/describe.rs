//! A merge in the planner's words: which record ("risk R-006 Supplier lock-in", "Brightrail's
//! score on cultural fit") and which value ("2 unlikely", "empty").

use anyhow::Result;
use rusqlite::OptionalExtension;

use super::{ConflictKind, MergePlan};
use crate::plan::risk::{Impact, Likelihood};
use crate::workbook::Workbook;
use crate::workbook::dump::{Cell, Record};
use crate::workbook::layout::{ColumnKind, TableLayout};

/// What a record of `table` is called in a sentence, and which column names it.
pub(crate) fn thing(table: &str) -> (&'static str, Option<&'static str>) {
    match table {
        "workbook_meta" => ("workbook", None),
        "strategy" => ("strategy", None),
        "goals" => ("goal", Some("title")),
        "resources" => ("resource", Some("name")),
        "governance_rules" => ("governance rule", Some("topic")),
        "data_protocols" => ("data-sharing protocol", Some("data_item")),
        "data_protocol_recipients" => ("protocol recipient", None),
        "partners" => ("partner", Some("name")),
        "selection_criteria" => ("criterion", Some("name")),
        "criterion_scores" => ("score", None),
        "onboarding_items" => ("checklist item", Some("title")),
        "partner_onboarding" => ("checklist tick", None),
        "checkins" => ("check-in", Some("held_on")),
        "roles" => ("role", Some("name")),
        "role_assignments" => ("role assignment", Some("kind")),
        "risks" => ("risk", Some("code")),
        "risk_mitigations" => ("mitigation", Some("kind")),
        "risk_score_history" => ("risk score record", Some("recorded_at")),
        "risk_dismissals" => ("dismissed suggestion", Some("suggestion_key")),
        "kpis" => ("KPI", Some("name")),
        "kpi_measurements" => ("measurement", Some("measured_on")),
        "investments" => ("investment", Some("item")),
        "value_log" => ("value entry", Some("description")),
        "framework_progress" => ("Guide step", Some("step_key")),
        "vocabulary_terms" => ("word", Some("term")),
        "tombstones" => ("deletion record", Some("table_name")),
        "partner_links" => ("link", None),
        "offerings" => ("offering", Some("name")),
        "offering_members" => ("member", Some("contribution_kind")),
        "offering_goals" => ("goal link", None),
        "offering_kpis" => ("KPI link", None),
        "scenarios" => ("scenario", Some("name")),
        "scenario_events" => ("scenario event", Some("kind")),
        "forums" => ("forum", Some("name")),
        "forum_members" => ("forum member", None),
        "forum_rules" => ("forum link", None),
        "joint_goals" => ("joint goal", Some("title")),
        "joint_commitments" => ("joint commitment", Some("what")),
        "joint_milestones" => ("joint milestone", Some("title")),
        "joint_goal_kpis" => ("joint goal's KPI link", None),
        "joint_goal_offerings" => ("joint goal's offering link", None),
        "trends" => ("trend", Some("name")),
        "trend_links" => ("trend link", None),
        "trend_actions" => ("trend action", Some("title")),
        "type_programmes" => ("type programme", Some("partner_type")),
        "criterion_type_weights" => ("criterion's weight for a type", Some("partner_type")),
        "onboarding_item_types" => ("checklist item's type", Some("partner_type")),
        _ => ("record", None),
    }
}

/// The name column of a table that records link to, for "Brightrail's score".
fn name_column(table: &str) -> Option<&'static str> {
    match table {
        "partners" | "selection_criteria" | "roles" | "kpis" | "resources" | "offerings"
        | "scenarios" | "forums" | "trends" => Some("name"),
        "goals" | "onboarding_items" | "joint_goals" => Some("title"),
        "risks" => Some("code"),
        "data_protocols" => Some("data_item"),
        _ => None,
    }
}

fn text_of(layout: &TableLayout, record: &Record, key: &str) -> Option<String> {
    let at = layout.columns.iter().position(|c| c.key == key)?;
    match record.cells.get(at)? {
        Cell::Text(text) if !text.is_empty() => Some(text.clone()),
        Cell::Integer(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The name of the record of `table` with `uuid`, from whichever copy has it.
fn name_of(books: [&Workbook; 2], table: &str, uuid: &str) -> Result<Option<String>> {
    let Some(column) = name_column(table) else {
        return Ok(None);
    };
    for book in books {
        let name: Option<String> = book
            .conn
            .prepare_cached(&format!("SELECT {column} FROM {table} WHERE uuid = ?1"))?
            .query_row([uuid], |r| r.get(0))
            .optional()?;
        if name.is_some() {
            return Ok(name);
        }
    }
    Ok(None)
}

/// "risk R-006 Supplier lock-in", "score of Brightrail on Cultural fit".
pub(super) fn label(
    books: [&Workbook; 2],
    layout: &TableLayout,
    record: &Record,
) -> Result<String> {
    let (noun, column) = thing(layout.table);
    let mut words = vec![noun.to_string()];
    if let Some(name) = column.and_then(|c| text_of(layout, record, c)) {
        words.push(name);
    }
    if layout.table == "risks"
        && let Some(title) = text_of(layout, record, "title")
    {
        words.push(title);
    }
    if layout.table == "partner_links" {
        return link_label(books, layout, record);
    }
    let mut links = Vec::new();
    for (column, cell) in layout.columns.iter().zip(&record.cells) {
        if let (ColumnKind::Reference(target), Cell::Text(uuid)) = (column.kind, cell)
            && target != layout.table
            && let Some(name) = name_of(books, target, uuid)?
        {
            links.push(name);
        }
    }
    let mut label = words.join(" ");
    if !links.is_empty() {
        label.push_str(" of ");
        label.push_str(&links.join(" on "));
    }
    Ok(clip(&label, 80))
}

/// "link Brightrail → Nimbus (integrates with)".
fn link_label(books: [&Workbook; 2], layout: &TableLayout, record: &Record) -> Result<String> {
    let mut ends = Vec::new();
    for key in ["from_partner", "to_partner"] {
        let at = layout.columns.iter().position(|c| c.key == key);
        let name = match at.and_then(|at| record.cells.get(at)) {
            Some(Cell::Text(uuid)) => name_of(books, "partners", uuid)?,
            _ => None,
        };
        ends.push(name.unwrap_or_else(|| "a partner".into()));
    }
    let mut label = format!("link {} → {}", ends[0], ends[1]);
    if let Some(kind) = text_of(layout, record, "kind") {
        label.push_str(&format!(" ({kind})"));
    }
    Ok(clip(&label, 80))
}

/// A value as the planner reads it: "2 unlikely", "empty", "yes", a partner's name.
pub fn value(books: [&Workbook; 2], layout: &TableLayout, column: usize, cell: &Cell) -> String {
    let Some(spec) = layout.columns.get(column) else {
        return String::new();
    };
    match (spec.kind, cell) {
        (_, Cell::Null) => "empty".into(),
        (ColumnKind::Text, Cell::Text(text)) if text.is_empty() => "empty".into(),
        (ColumnKind::Bool, Cell::Integer(n)) => if *n != 0 { "yes" } else { "no" }.into(),
        (ColumnKind::Reference(target), Cell::Text(uuid)) => name_of(books, target, uuid)
            .ok()
            .flatten()
            .unwrap_or_else(|| uuid.clone()),
        (_, Cell::Integer(n)) if spec.key.ends_with("_likelihood") => {
            match Likelihood::from_value(*n) {
                Some(word) => format!("{n} {}", word.word()),
                None => n.to_string(),
            }
        }
        (_, Cell::Integer(n)) if spec.key.ends_with("_impact") => match Impact::from_value(*n) {
            Some(word) => format!("{n} {}", word.word()),
            None => n.to_string(),
        },
        (_, Cell::Integer(n)) => n.to_string(),
        (_, Cell::Real(x)) => x.to_string(),
        (_, Cell::Text(text)) => format!("\"{}\"", clip(text, 60)),
    }
}

/// The field's name as the planner reads it: "residual likelihood".
pub fn field_name(layout: &TableLayout, column: usize) -> String {
    layout
        .columns
        .get(column)
        .map(|c| c.key.replace('_', " "))
        .unwrap_or_default()
}

fn clip(text: &str, at: usize) -> String {
    let line = text.lines().next().unwrap_or("");
    if line.chars().count() <= at && line.len() == text.len() {
        return line.to_string();
    }
    let cut: String = line.chars().take(at.saturating_sub(1)).collect();
    format!("{cut}…")
}

/// Names every record the plan mentions.
pub(super) fn label_everything(
    ours: &Workbook,
    theirs: &Workbook,
    plan: &mut MergePlan,
) -> Result<()> {
    let books = [ours, theirs];
    for table in &mut plan.tables {
        let layout = table.layout;
        for moving in table.added.iter_mut().chain(table.deleted.iter_mut()) {
            moving.label = label(books, layout, &moving.record)?;
        }
        for change in &mut table.changed {
            let record = ours_record(ours, layout, &change.uuid)?;
            change.label = match record {
                Some(record) => label(books, layout, &record)?,
                None => thing(layout.table).0.to_string(),
            };
        }
    }
    for conflict in &mut plan.conflicts {
        let layout = conflict.layout;
        conflict.label = match &conflict.kind {
            ConflictKind::Deleted { kept, .. } => label(books, layout, kept)?,
            ConflictKind::Twin { ours, .. } => label(books, layout, ours)?,
            ConflictKind::Field { .. } => match ours_record(ours, layout, &conflict.uuid)? {
                Some(record) => label(books, layout, &record)?,
                None => thing(layout.table).0.to_string(),
            },
        };
    }
    Ok(())
}

fn ours_record(ours: &Workbook, layout: &TableLayout, uuid: &str) -> Result<Option<Record>> {
    let sql = crate::workbook::dump::records_sql(layout, crate::workbook::dump::Order::Uuid);
    let sql = if layout.single {
        sql
    } else {
        sql.replace(" ORDER BY ", " WHERE t.uuid = ?1 ORDER BY ")
    };
    let mut stmt = ours.conn.prepare_cached(&sql)?;
    let mut rows = if layout.single {
        stmt.query([])?
    } else {
        stmt.query([uuid])?
    };
    super::next_of(layout, &mut rows)
}

/// The plan in words, conflicts first (numbered as `Choices` counts them), then table by table
/// every record that is added, changed (field: old → new) or deleted.
pub fn plan_lines(ours: &Workbook, theirs: &Workbook, plan: &MergePlan) -> Vec<String> {
    let books = [ours, theirs];
    let mut lines = vec![plan.base.clone()];
    if !plan.problems.is_empty() {
        lines.push(format!(
            "Their copy holds {} that cannot be stored; nothing can be merged until it is fixed:",
            crate::plan::numbers::count_of(plan.problems.len(), "value", "values")
        ));
        lines.extend(plan.problems.iter().take(20).map(|p| format!("  ! {p}")));
    }
    if !plan.conflicts.is_empty() {
        lines.push(format!(
            "{} to decide:",
            crate::plan::numbers::count_of(plan.conflicts.len(), "conflict", "conflicts")
        ));
        for (index, conflict) in plan.conflicts.iter().enumerate() {
            lines.push(format!(
                "  [{}] {}",
                index + 1,
                conflict_words(books, conflict)
            ));
        }
    }
    lines.extend(change_lines(ours, theirs, plan));
    lines
}

/// What changes in ours whatever is decided, table by table: `+` added, `~` changed (field: old →
/// new), `-` deleted.
pub fn change_lines(ours: &Workbook, theirs: &Workbook, plan: &MergePlan) -> Vec<String> {
    let books = [ours, theirs];
    let mut lines = Vec::new();
    // Grouped as the app's tabs group them, in the tabs' order.
    let mut tables: Vec<&super::TablePlan> = plan.tables.iter().filter(|t| !t.is_empty()).collect();
    tables.sort_by_key(|t| tab_of(t.layout.table).0);
    let mut tab = None;
    for table in tables {
        let layout = table.layout;
        let (order, name) = tab_of(layout.table);
        if tab != Some(order) {
            tab = Some(order);
            let of_tab = plan
                .tables
                .iter()
                .filter(|t| tab_of(t.layout.table).0 == order);
            let (added, changed, deleted) = of_tab.fold((0, 0, 0), |(a, c, d), t| {
                (a + t.added.len(), c + t.changed.len(), d + t.deleted.len())
            });
            let mut counts = Vec::new();
            for (n, word) in [(added, "added"), (changed, "changed"), (deleted, "deleted")] {
                if n > 0 {
                    counts.push(format!("{n} {word}"));
                }
            }
            lines.push(format!("{name}: {}", counts.join(", ")));
        }
        for moving in &table.added {
            lines.push(format!("  + {}", moving.label));
        }
        for change in &table.changed {
            let fields: Vec<String> = change
                .fields
                .iter()
                .map(|f| {
                    format!(
                        "{}: {} → {}",
                        field_name(layout, f.column),
                        value(books, layout, f.column, &f.from),
                        value(books, layout, f.column, &f.to)
                    )
                })
                .collect();
            lines.push(format!("  ~ {}: {}", change.label, fields.join("; ")));
        }
        for moving in &table.deleted {
            lines.push(format!("  - {}", moving.label));
        }
    }
    lines
}

/// The tab a table's records are seen on (its place in the tab bar, and its name).
fn tab_of(table: &str) -> (u8, &'static str) {
    match table {
        "framework_progress" => (1, "Guide"),
        "strategy"
        | "goals"
        | "resources"
        | "governance_rules"
        | "forums"
        | "forum_members"
        | "forum_rules"
        | "data_protocols"
        | "data_protocol_recipients" => (2, "Strategy"),
        "partners" | "selection_criteria" | "criterion_scores" | "onboarding_items"
        | "partner_onboarding" | "checkins" | "vocabulary_terms" => (3, "Partners"),
        "roles" | "role_assignments" => (4, "Roles"),
        "risks" | "risk_mitigations" | "risk_score_history" | "risk_dismissals" => (5, "Risks"),
        "kpis" | "kpi_measurements" | "investments" | "value_log" => (6, "Metrics"),
        _ => (8, "Workbook"),
    }
}

/// One conflict in words: "risk R-006 …: residual likelihood: ours 2 unlikely · theirs 3
/// possible · was 3 possible".
pub fn conflict_words(books: [&Workbook; 2], conflict: &super::Conflict) -> String {
    let layout = conflict.layout;
    match &conflict.kind {
        ConflictKind::Field {
            column,
            base,
            ours,
            theirs,
        } => {
            let was = match base {
                Some(base) => format!(" · was {}", value(books, layout, *column, base)),
                None => " · no common base".into(),
            };
            format!(
                "{}: {}: ours {} · theirs {}{was}",
                conflict.label,
                field_name(layout, *column),
                value(books, layout, *column, ours),
                value(books, layout, *column, theirs)
            )
        }
        ConflictKind::Deleted {
            by,
            why,
            dependents,
            ..
        } => {
            let with = if dependents.is_empty() {
                String::new()
            } else {
                format!(
                    " (with {} linked to it)",
                    crate::plan::numbers::count_of(dependents.len(), "record", "records")
                )
            };
            format!(
                "{}: deleted in {}{with}, but {why} — ours keeps it deleted or kept as ours has \
                 it; theirs {}",
                conflict.label,
                by.word(),
                match by {
                    crate::plan::merge::Side::Theirs => "deletes it",
                    crate::plan::merge::Side::Ours => "brings it back",
                }
            )
        }
        ConflictKind::Twin {
            ours,
            theirs,
            columns,
        } => {
            let fields: Vec<String> = columns
                .iter()
                .map(|&c| {
                    format!(
                        "{}: ours {} · theirs {}",
                        field_name(layout, c),
                        value(books, layout, c, &ours.cells[c]),
                        value(books, layout, c, &theirs.cells[c])
                    )
                })
                .collect();
            format!(
                "{}: added in both copies, differently — {}",
                conflict.label,
                fields.join("; ")
            )
        }
    }
}
