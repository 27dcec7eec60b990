//! The partners sheet: every partner with its profile, fit, gate and criterion scores, what it
//! contributes and gains and the planner's notes, each row and field as the audience may see it.

use anyhow::Result;
use rust_xlsxwriter::{Workbook as Xlsx, XlsxError};

use super::PAGE;
use super::sheet::{Cell, Formats, Sheet};
use crate::exchange::report::disclosure::{Disclosure, PartnerView};
use crate::workbook::{PartnerSheetRow, Workbook};

pub fn sheet(wb: &Workbook, xlsx: &mut Xlsx, formats: &Formats, d: &Disclosure) -> Result<()> {
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
            if let Some(view) = d.partner_row(&p.name, &p.stage, p.gated_out) {
                partner_row(&mut sheet, p, &criteria, &head, view, d)?;
            }
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
    head: &[&str],
    view: PartnerView,
    d: &Disclosure,
) -> Result<(), XlsxError> {
    let contributes = d.plain(&p.contributes);
    let gains = d.plain(&p.gains);
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
        Cell::Text(&contributes),
        Cell::Text(&gains),
        Cell::Text(&p.notes),
    ]);
    // Criterion columns are judgement whatever their name.
    let fixed = head.len() - criteria.len() - 3;
    let shown = |i: usize| {
        if (fixed..fixed + criteria.len()).contains(&i) {
            view.judgement
        } else {
            head.get(i).is_some_and(|h| view.shows(h))
        }
    };
    let cells: Vec<Cell<'_>> = cells
        .into_iter()
        .enumerate()
        .map(|(i, c)| if shown(i) { c } else { Cell::Text("") })
        .collect();
    sheet.push(&cells)
}
