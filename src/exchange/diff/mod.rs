//! What changed between two plans, in the planner's words, as text or Markdown: the engine behind
//! `partnerplan diff` and, for the workbook's own snapshots, "changes since …".

mod describe;
mod registers;
mod whole;

use std::collections::{BTreeMap, BTreeSet};

use anyhow::Result;
use jiff::civil::Date;

use crate::exchange::report::markdown_cell;
use crate::plan::changes::{Area, ChangeReport, about, clean, fit_change, kpi_status, moved};
use crate::plan::money::Currency;
use crate::plan::risk::Bands;
use crate::workbook::dump::Cell;
use crate::workbook::layout::ColumnKind;
use crate::workbook::{TableChanges, Workbook};
use describe::{Describer, Names};

/// What the comparison judges by: risk bands and currency from the config, and the day KPI
/// status is judged on.
#[derive(Debug, Clone)]
pub struct DiffSettings {
    pub bands: Bands,
    pub currency: Currency,
    pub today: Date,
}

/// Every change from `before` to `after`, by area. Only records that differ are held in memory,
/// with the names of the records they are about.
pub fn compare(
    before: &Workbook,
    after: &Workbook,
    settings: &DiffSettings,
) -> Result<ChangeReport> {
    let tables = before.changed_records(after)?;
    let names = names(before, after, &tables)?;
    let mut describer = Describer {
        names: &names,
        settings,
        report: ChangeReport {
            before: before.file_name(),
            after: after.file_name(),
            sections: Vec::new(),
        },
        score_moves: BTreeMap::new(),
        roles: BTreeSet::new(),
        kpis: BTreeSet::new(),
        wholes: BTreeMap::new(),
    };
    for table in &tables {
        describer.table(table);
    }
    describer.finish();
    let mut report = derived(before, after, describer)?;
    report.settle();
    Ok(report)
}

/// The names of every record the changes are about or refer to, read on both sides.
fn names(before: &Workbook, after: &Workbook, tables: &[TableChanges]) -> Result<Names> {
    let mut wanted: BTreeMap<&'static str, BTreeSet<String>> = BTreeMap::new();
    for table in tables {
        for record in table
            .changes
            .iter()
            .flat_map(|c| c.before.iter().chain(c.after.iter()))
        {
            wanted
                .entry(table.layout.table)
                .or_default()
                .insert(record.uuid.clone());
            for (column, value) in table.layout.columns.iter().zip(&record.cells) {
                if let (ColumnKind::Reference(target), Cell::Text(uuid)) = (column.kind, value) {
                    wanted.entry(target).or_default().insert(uuid.clone());
                }
            }
        }
    }
    let mut names = Names::new();
    for (table, uuids) in &wanted {
        // The later name wins: a renamed partner is called by its new name.
        for side in [before, after] {
            for (uuid, name) in side.names_by_uuid(table, uuids)? {
                names.insert((table, uuid), name);
            }
        }
    }
    Ok(names)
}

/// The describer's report with the derived figures that moved: fit of partners whose scores
/// changed, status of roles and KPIs that were touched — each read by its own plan's queries.
fn derived(before: &Workbook, after: &Workbook, mut describer: Describer) -> Result<ChangeReport> {
    let mut report = std::mem::take(&mut describer.report);
    let name = |table: &'static str, uuid: &String| {
        describer
            .names
            .get(&(table, uuid.clone()))
            .cloned()
            .unwrap_or_default()
    };
    let partners: BTreeSet<String> = describer.score_moves.keys().cloned().collect();
    let (old_fits, new_fits) = (
        before.fits_by_uuid(&partners)?,
        after.fits_by_uuid(&partners)?,
    );
    for (uuid, moves) in &describer.score_moves {
        if let (Some(old), Some(new)) = (old_fits.get(uuid), new_fits.get(uuid)) {
            let line = about(&name("partners", uuid), &fit_change(*old, *new, moves));
            report.add(Area::Partners, line);
        }
    }
    let (old_roles, new_roles) = (
        before.role_statuses_by_uuid(&describer.roles)?,
        after.role_statuses_by_uuid(&describer.roles)?,
    );
    for uuid in &describer.roles {
        if let (Some(old), Some(new)) = (old_roles.get(uuid), new_roles.get(uuid))
            && old != new
        {
            let what = format!("status {}", moved(old.word(), new.word()));
            report.add(Area::Roles, about(&name("roles", uuid), &what));
        }
    }
    let today = describer.settings.today;
    let (old_kpis, new_kpis) = (
        before.kpi_statuses_by_uuid(&describer.kpis, today)?,
        after.kpi_statuses_by_uuid(&describer.kpis, today)?,
    );
    for uuid in &describer.kpis {
        if let (Some(old), Some(new)) = (old_kpis.get(uuid), new_kpis.get(uuid))
            && old != new
        {
            let line = about(&name("kpis", uuid), &kpi_status(old.word(), new.word()));
            report.add(Area::Kpis, line);
        }
    }
    Ok(report)
}

/// The change list as plain text: a title, the count, then each area with its lines.
pub fn render_text(report: &ChangeReport) -> String {
    let mut out = format!(
        "Changes from {} to {}\n{}\n",
        clean(&report.before),
        clean(&report.after),
        report.summary()
    );
    for section in &report.sections {
        out.push('\n');
        out.push_str(section.area.title());
        out.push('\n');
        for line in &section.lines {
            out.push_str("  ");
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The change list as Markdown: a heading per area and a bullet per change, every line escaped.
pub fn render_markdown(report: &ChangeReport) -> String {
    let mut out = format!(
        "# Changes from {} to {}\n\n{}\n",
        markdown_cell(&clean(&report.before)),
        markdown_cell(&clean(&report.after)),
        report.summary()
    );
    for section in &report.sections {
        out.push_str(&format!("\n## {}\n\n", section.area.title()));
        for line in &section.lines {
            out.push_str(&format!("- {}\n", markdown_cell(line)));
        }
    }
    out
}
