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
use crate::exchange::report::kpis::KpiLine;
use crate::plan::kpi::KpiStatus;
use crate::plan::risk::{Bands, Rating};
use crate::plan::roles::{Role, display_order};
use crate::workbook::{PartnerSheetRow, RiskSheetRow, Workbook};

/// Rows read from the workbook at a time.
const PAGE: usize = 1_000;

mod sheet;

use sheet::{Cell, Formats, Sheet};

/// Writes the registers of `wb` to `path` (replacing it whole, never half-written); `bands`
/// names the risk bands and KPI status is judged on `today`.
pub fn export_xlsx(wb: &Workbook, path: &Path, bands: &Bands, today: Date) -> Result<()> {
    export_xlsx_reporting(wb, path, bands, today, None)
}

/// `export_xlsx`, telling `sink` (the app's gauge) each of its five steps as it finishes.
pub fn export_xlsx_reporting(
    wb: &Workbook,
    path: &Path,
    bands: &Bands,
    today: Date,
    mut sink: Option<Sink<'_>>,
) -> Result<()> {
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
    about(wb, &mut xlsx, &formats, today).context("writing the About sheet")?;
    partners(wb, &mut xlsx, &formats).context("writing the partners sheet")?;
    step(1);
    role_matrix(wb, &mut xlsx, &formats).context("writing the role matrix")?;
    step(2);
    risks(wb, &mut xlsx, &formats, bands).context("writing the risks sheet")?;
    step(3);
    kpis(wb, &mut xlsx, &formats, today, bands).context("writing the KPI sheets")?;
    strategy(wb, &mut xlsx, &formats).context("writing the strategy's sheets")?;
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
fn strategy(wb: &Workbook, xlsx: &mut Xlsx, formats: &Formats) -> Result<()> {
    let part = crate::exchange::report::strategy(wb)?;
    for list in part.lists() {
        let mut sheet = Sheet::new(xlsx, formats, list.heading, list.head)?;
        for row in &list.rows {
            let cells: Vec<Cell<'_>> = row.iter().map(|t| Cell::Text(t)).collect();
            sheet.push(&cells)?;
        }
    }
    Ok(())
}

/// The first sheet: what the file is, for whom and as of when.
fn about(wb: &Workbook, xlsx: &mut Xlsx, formats: &Formats, today: Date) -> Result<()> {
    let meta = wb.meta()?;
    let mut sheet = Sheet::new(xlsx, formats, "About", &["About this file", ""])?;
    let written = format!("partnerplan {}", crate::APP_VERSION);
    let today = today.to_string();
    for (field, value) in [
        ("Plan", Cell::Text(&meta.title)),
        ("Prepared for", Cell::Text(&meta.organisation)),
        ("Author", Cell::Text(&meta.author)),
        ("Date", Cell::Date(Some(&today))),
        (
            "Audience",
            Cell::Text("internal: the whole plan (every register in full)"),
        ),
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

fn partners(wb: &Workbook, xlsx: &mut Xlsx, formats: &Formats) -> Result<()> {
    let criteria = wb.criteria()?;
    let mut head = vec![
        "Partner",
        "Type",
        "Sector",
        "Stage",
        "Tier",
        "Region",
        "Owner",
        "Contact",
        "E-mail",
        "Website",
        "Fit",
        "Gated out",
        "Onboarding %",
        "Agreement start",
        "Agreement end",
        "Last check-in",
    ];
    let names: Vec<String> = criteria
        .iter()
        .map(|c| {
            if c.criterion.is_gate {
                format!("{} (gate)", c.criterion.name)
            } else {
                c.criterion.name.clone()
            }
        })
        .collect();
    head.extend(names.iter().map(String::as_str));
    head.extend(["Contributes", "Gains", "Notes"]);
    let mut sheet = Sheet::new(xlsx, formats, "Partners", &head)?;
    let mut after: Option<(String, i64)> = None;
    loop {
        let page = wb.partner_sheet_page(after.as_ref().map(|(n, id)| (n.as_str(), *id)), PAGE)?;
        for p in &page {
            partner_row(&mut sheet, p, &criteria)?;
        }
        match page.last() {
            Some(last) if page.len() == PAGE => after = Some((last.name.clone(), last.id)),
            _ => break,
        }
    }
    Ok(())
}

fn partner_row(
    sheet: &mut Sheet<'_>,
    p: &PartnerSheetRow,
    criteria: &[crate::workbook::CriterionRecord],
) -> Result<(), XlsxError> {
    let mut cells = vec![
        Cell::Text(&p.name),
        Cell::Text(&p.partner_type),
        Cell::Text(&p.sector),
        Cell::Text(&p.stage),
        Cell::Text(&p.tier),
        Cell::Text(&p.region),
        Cell::Text(&p.owner),
        Cell::Text(&p.contact_name),
        Cell::Text(&p.contact_email),
        Cell::Text(&p.website),
        Cell::Number(p.fit.map(|f| (f * 10.0).round() / 10.0)),
        Cell::Text(if p.gated_out { "yes" } else { "no" }),
        Cell::Number(p.onboarding_pct.map(|n| n as f64)),
        Cell::Date(p.agreement_start.as_deref()),
        Cell::Date(p.agreement_end.as_deref()),
        Cell::Date(p.last_checkin.as_deref()),
    ];
    for c in criteria {
        let value = p.scores.get(&c.criterion.id).copied();
        cells.push(match (c.criterion.is_gate, value) {
            (true, Some(1)) => Cell::Text("pass"),
            (true, Some(_)) => Cell::Text("fail"),
            (_, value) => Cell::Number(value.map(|v| v as f64)),
        });
    }
    cells.extend([
        Cell::Text(&p.contributes),
        Cell::Text(&p.gains),
        Cell::Text(&p.notes),
    ]);
    sheet.push(&cells)
}

fn role_matrix(wb: &Workbook, xlsx: &mut Xlsx, formats: &Formats) -> Result<()> {
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

fn risks(wb: &Workbook, xlsx: &mut Xlsx, formats: &Formats, bands: &Bands) -> Result<()> {
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
            risk_row(&mut sheet, r, bands)?;
        }
        match page.last() {
            Some(last) if page.len() == PAGE => after = last.number,
            _ => break,
        }
    }
    Ok(())
}

fn risk_row(sheet: &mut Sheet<'_>, r: &RiskSheetRow, bands: &Bands) -> Result<(), XlsxError> {
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
    let mitigations = mitigations.join("; ");
    sheet.push(&[
        Cell::Text(&r.code),
        Cell::Text(&r.title),
        Cell::Text(&r.category),
        Cell::Text(&r.partner),
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
        Cell::Text(&r.cause),
        Cell::Text(&r.event),
        Cell::Text(&r.consequence),
    ])
}

fn kpis(
    wb: &Workbook,
    xlsx: &mut Xlsx,
    formats: &Formats,
    today: Date,
    bands: &Bands,
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
        let line: KpiLine = crate::exchange::report::kpis::kpi_line(kpi, today);
        let status = if line.status == KpiStatus::NoData {
            ""
        } else {
            line.status.word()
        };
        sheet.push(&[
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
        ])?;
    }
    // The KPI sheet's widths are set as it goes; the next sheet may then start.
    drop(sheet);
    let head = ["KPI", "Date", "Value", "Note"];
    let mut sheet = Sheet::new(xlsx, formats, "KPI measurements", &head)?;
    for kpi in &sheets {
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
