//! The registers as an XLSX workbook, one sheet each: partners with fit and criterion scores,
//! the role matrix, risks with scores and bands, KPIs and their measurements. Header rows are
//! bold and frozen; numbers are numbers and dates real dates; workbook text is always written as
//! a string, so a name like "=HYPERLINK(…)" stays text in any spreadsheet program.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, Result};
use jiff::civil::Date;
use rust_xlsxwriter::{Format, Workbook as Xlsx, XlsxError};

use crate::exchange::progress::Sink;
use crate::exchange::report::audience::{Audience, Redaction};
use crate::exchange::report::disclosure::Disclosure;
use crate::exchange::report::kpis::KpiLine;
use crate::plan::kpi::KpiStatus;
use crate::plan::risk::{Bands, Rating};
use crate::plan::roles::{Role, display_order};
use crate::workbook::{RiskSheetRow, Workbook};

/// Rows read from the workbook at a time.
const PAGE: usize = 1_000;

mod assignments;
mod partners;
mod sheet;

use sheet::{Cell, Formats, Sheet};

/// Writes the registers of `wb` to `path` (replacing it whole, never half-written); `bands`
/// names the risk bands and KPI status is judged on `today`.
pub fn export_xlsx(wb: &Workbook, path: &Path, bands: &Bands, today: Date) -> Result<()> {
    export_xlsx_reporting(wb, path, bands, today, &Disclosure::internal(), None)
}

/// `export_xlsx` for the audience of `redaction` (`Disclosure` decides each row and field).
pub fn export_xlsx_for(
    wb: &Workbook,
    path: &Path,
    bands: &Bands,
    today: Date,
    redaction: &Redaction,
) -> Result<()> {
    let disclosure = Disclosure::of(wb, redaction)?;
    export_xlsx_reporting(wb, path, bands, today, &disclosure, None)
}

/// `export_xlsx` for `disclosure`'s audience, telling `sink` (the app's gauge) each of its five
/// steps as it finishes.
pub fn export_xlsx_reporting(
    wb: &Workbook,
    path: &Path,
    bands: &Bands,
    today: Date,
    disclosure: &Disclosure,
    mut sink: Option<Sink<'_>>,
) -> Result<()> {
    let d = disclosure;
    let mut step = |done: u64| {
        if let Some(sink) = sink.as_mut() {
            sink(done, 5);
        }
    };
    let formats = Formats {
        header: Format::new().set_bold(),
        date: Format::new().set_num_format("yyyy-mm-dd"),
        wrap: Format::new()
            .set_text_wrap()
            .set_align(rust_xlsxwriter::FormatAlign::Top),
    };
    let mut xlsx = Xlsx::new();
    // The rows wait beside the file they become, not in a temporary folder that may live in
    // memory (tmpfs).
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        xlsx.set_tempdir(folder)?;
    }
    about(wb, &mut xlsx, &formats, today, d).context("writing the About sheet")?;
    partners::sheet(wb, &mut xlsx, &formats, d).context("writing the partners sheet")?;
    step(1);
    role_matrix(wb, &mut xlsx, &formats, d).context("writing the role matrix")?;
    step(2);
    risks(wb, &mut xlsx, &formats, bands, d).context("writing the risks sheet")?;
    step(3);
    kpis(wb, &mut xlsx, &formats, today, bands, d).context("writing the KPI sheets")?;
    strategy(wb, &mut xlsx, &formats, d).context("writing the strategy's sheets")?;
    // Last, so the sheets before it keep their places for whoever reads them by position.
    assignments::sheet(wb, &mut xlsx, &formats, d).context("writing the role assignments")?;
    step(4);
    crate::exchange::report::write_whole(path, |partial| {
        xlsx.save(partial).map_err(std::io::Error::other)
    })
    .with_context(|| {
        format!(
            "cannot write {}. Check the folder exists and you may write there.",
            path.display()
        )
    })
}

/// The strategy's lists, a sheet each, as the report words them: goals, resources and
/// infrastructure, governance rules, data-sharing protocols.
fn strategy(wb: &Workbook, xlsx: &mut Xlsx, formats: &Formats, d: &Disclosure) -> Result<()> {
    let part = crate::exchange::report::strategy(wb)?;
    let [goals, resources, governance, protocols] = part.lists();
    let mut lists = Vec::new();
    if d.strategy_lists() {
        lists.extend([goals, resources, governance]);
    }
    lists.push(protocols);
    // A partner reads the protocols that share data with it, other recipients by their type.
    let records = wb.protocols()?;
    for list in lists {
        let mut sheet = Sheet::new(xlsx, formats, list.heading, list.head)?;
        let is_protocols = list.heading == "Data-sharing protocols";
        for (i, row) in list.rows.iter().enumerate() {
            if is_protocols
                && !records
                    .get(i)
                    .is_some_and(|r| d.protocol_row(&r.protocol.recipients))
            {
                continue;
            }
            let texts: Vec<String> = row.iter().map(|t| d.plain(t)).collect();
            let cells: Vec<Cell<'_>> = texts.iter().map(|t| Cell::Text(t)).collect();
            sheet.push(&cells)?;
        }
    }
    Ok(())
}

/// The first sheet: what the file is, for whom and as of when.
fn about(
    wb: &Workbook,
    xlsx: &mut Xlsx,
    formats: &Formats,
    today: Date,
    d: &Disclosure,
) -> Result<()> {
    let meta = wb.meta()?;
    let mut sheet = Sheet::new(xlsx, formats, "About", &["About this file", ""])?;
    let written = format!("partnerplan {}", crate::APP_VERSION);
    let today = today.to_string();
    let audience = match d.audience {
        Audience::Internal => "internal: the whole plan (every register in full)".to_string(),
        _ => d.audience.describe(),
    };
    for (field, value) in [
        ("Plan", Cell::Text(&meta.title)),
        ("Prepared for", Cell::Text(&meta.organisation)),
        ("Author", Cell::Text(&meta.author)),
        ("Date", Cell::Date(Some(&today))),
        ("Audience", Cell::Text(&audience)),
        (
            "Live KPIs",
            Cell::Text("read from the plan on the date above, as the app reads them"),
        ),
        ("Written by", Cell::Text(&written)),
    ] {
        sheet.push(&[Cell::Text(field), value])?;
    }
    Ok(())
}

fn role_matrix(wb: &Workbook, xlsx: &mut Xlsx, formats: &Formats, d: &Disclosure) -> Result<()> {
    let roles: Vec<Role> = wb.roles()?.into_iter().map(|r| r.role).collect();
    let columns: Vec<&Role> = display_order(&roles)
        .iter()
        .filter_map(|line| roles.get(line.index))
        .filter(|r| !r.is_hub)
        .collect();
    let mut head = vec!["Partner"];
    head.extend(columns.iter().map(|r| r.name.as_str()));
    let mut sheet = Sheet::new(xlsx, formats, "Role matrix", &head)?;
    sheet.sheet.set_freeze_panes(1, 1)?;
    let cells: HashMap<(i64, i64), char> = wb
        .assignments()?
        .into_iter()
        .map(|a| ((a.partner_id, a.role_id), a.kind.letter()))
        .collect();
    for (partner, name) in wb.assigned_partners()? {
        if d.assignment_row(partner).is_none() {
            continue;
        }
        let letters: Vec<String> = columns
            .iter()
            .map(|r| {
                cells
                    .get(&(partner, r.id))
                    .map_or(String::new(), char::to_string)
            })
            .collect();
        let mut row = vec![Cell::Text(&name)];
        row.extend(letters.iter().map(|l| Cell::Text(l)));
        sheet.push(&row)?;
    }
    Ok(())
}

fn risks(
    wb: &Workbook,
    xlsx: &mut Xlsx,
    formats: &Formats,
    bands: &Bands,
    d: &Disclosure,
) -> Result<()> {
    let head = [
        "Code",
        "Risk",
        "Category",
        "Partner",
        "Role",
        "Inherent likelihood",
        "Inherent impact",
        "Inherent score",
        "Inherent band",
        "Residual likelihood",
        "Residual impact",
        "Residual score",
        "Residual band",
        "Treatment",
        "Owner",
        "Status",
        "Next review",
        "Mitigations",
        "Cause",
        "Event",
        "Consequence",
    ];
    let mut sheet = Sheet::new(xlsx, formats, "Risks", &head)?;
    let mut after = 0;
    loop {
        let page = wb.risk_sheet_page(after, PAGE)?;
        for r in &page {
            if let Some(shows) = d.risk_row(&r.partner, &r.title) {
                risk_row(&mut sheet, r, bands, &head, shows, d)?;
            }
        }
        match page.last() {
            Some(last) if page.len() == PAGE => after = last.number,
            _ => break,
        }
    }
    Ok(())
}

fn risk_row(
    sheet: &mut Sheet<'_>,
    r: &RiskSheetRow,
    bands: &Bands,
    head: &[&str],
    shows: fn(&str) -> bool,
    d: &Disclosure,
) -> Result<(), XlsxError> {
    let number = |v: Option<i64>| Cell::Number(v.map(|n| n as f64));
    let inherent = Rating::from_values(r.inherent.0, r.inherent.1);
    let residual = Rating::from_values(r.residual.0, r.residual.1);
    let band = |rating: Option<Rating>| rating.map_or("", |x| bands.band_of(x).word());
    let mitigations: Vec<String> = r
        .mitigations
        .iter()
        .map(|(kind, note)| {
            if note.trim().is_empty() {
                kind.clone()
            } else {
                format!("{kind}: {note}")
            }
        })
        .collect();
    let mitigations = d.text(&mitigations.join("; "));
    let [title, partner, cause, event, consequence] =
        [&r.title, &r.partner, &r.cause, &r.event, &r.consequence].map(|t| d.text(t));
    let cells = [
        Cell::Text(&r.code),
        Cell::Text(&title),
        Cell::Text(&r.category),
        Cell::Text(&partner),
        Cell::Text(&r.role),
        number(r.inherent.0),
        number(r.inherent.1),
        number(inherent.map(Rating::score)),
        Cell::Text(band(inherent)),
        number(r.residual.0),
        number(r.residual.1),
        number(residual.map(Rating::score)),
        Cell::Text(band(residual)),
        Cell::Text(&r.treatment),
        Cell::Text(&r.owner),
        Cell::Text(&r.status),
        Cell::Date(r.next_review.as_deref()),
        Cell::Text(&mitigations),
        Cell::Text(&cause),
        Cell::Text(&event),
        Cell::Text(&consequence),
    ];
    sheet.push(&shown_cells(cells, head, shows))
}

/// `cells` with those under a header `shows` refuses left empty.
fn shown_cells<'c>(
    cells: impl IntoIterator<Item = Cell<'c>>,
    head: &[&str],
    shows: impl Fn(&str) -> bool,
) -> Vec<Cell<'c>> {
    cells
        .into_iter()
        .zip(head)
        .map(|(c, h)| if shows(h) { c } else { Cell::Text("") })
        .collect()
}

fn kpis(
    wb: &Workbook,
    xlsx: &mut Xlsx,
    formats: &Formats,
    today: Date,
    bands: &Bands,
    d: &Disclosure,
) -> Result<()> {
    // Live KPIs read now, as the report reads them.
    let live = crate::workbook::LiveContext {
        today,
        bands: *bands,
    };
    let (_, sheets) = wb.kpi_sheets(usize::MAX, Some(&live))?;
    let head = [
        "KPI",
        "Category",
        "Horizon",
        "Unit",
        "Direction",
        "Baseline",
        "Target",
        "Target date",
        "Owner",
        "Latest value",
        "Latest date",
        "Status",
    ];
    let mut sheet = Sheet::new(xlsx, formats, "KPIs", &head)?;
    for kpi in &sheets {
        let Some(shows) = d.kpi_row(&kpi.name) else {
            continue;
        };
        let line: KpiLine = crate::exchange::report::kpis::kpi_line(kpi, today);
        let status = if line.status == KpiStatus::NoData {
            ""
        } else {
            line.status.word()
        };
        let cells = [
            Cell::Text(&kpi.name),
            Cell::Text(&kpi.category),
            Cell::Text(&kpi.horizon),
            Cell::Text(&kpi.unit),
            Cell::Text(&kpi.direction),
            Cell::Number(kpi.baseline),
            Cell::Number(kpi.target),
            Cell::Date(kpi.target_date.as_deref()),
            Cell::Text(&kpi.owner),
            Cell::Number(line.latest.as_ref().map(|(_, v)| *v)),
            Cell::Date(line.latest.as_ref().map(|(on, _)| on.as_str())),
            Cell::Text(status),
        ];
        sheet.push(&shown_cells(cells, &head, shows))?;
    }
    // The KPI sheet's widths are set as it goes; the next sheet may then start.
    drop(sheet);
    let head = ["KPI", "Date", "Value", "Note"];
    let mut sheet = Sheet::new(xlsx, formats, "KPI measurements", &head)?;
    // Measurements go with a KPI's figures.
    for kpi in sheets.iter().filter(|k| {
        d.kpi_row(&k.name)
            .is_some_and(|shows| shows("Latest value"))
    }) {
        for (on, value, note) in &kpi.measurements {
            sheet.push(&[
                Cell::Text(&kpi.name),
                Cell::Date(Some(on)),
                Cell::Number(Some(*value)),
                Cell::Text(note),
            ])?;
        }
    }
    Ok(())
}
