//! The role assignments sheet: every role below the hub with who holds it (lead, backup,
//! candidate) and the note on each assignment, roles in the tree's order.

use anyhow::Result;
use rust_xlsxwriter::Workbook as Xlsx;

use super::sheet::{Cell, Formats, Sheet};
use crate::exchange::report::disclosure::Disclosure;
use crate::plan::roles::{Role, display_order};
use crate::workbook::Workbook;

pub fn sheet(wb: &Workbook, xlsx: &mut Xlsx, formats: &Formats, d: &Disclosure) -> Result<()> {
    let roles: Vec<Role> = wb.roles()?.into_iter().map(|r| r.role).collect();
    let head = ["Role", "Criticality", "Partner", "Part", "Note"];
    let mut sheet = Sheet::new(xlsx, formats, "Role assignments", &head)?;
    for role in display_order(&roles)
        .iter()
        .filter_map(|line| roles.get(line.index))
        .filter(|r| !r.is_hub)
    {
        for holder in wb.role_holders(role.id)? {
            let Some(note_shown) = d.assignment_row(holder.partner_id) else {
                continue;
            };
            let note = if note_shown {
                d.plain(&holder.note)
            } else {
                String::new()
            };
            sheet.push(&[
                Cell::Text(&role.name),
                Cell::Text(role.criticality.word()),
                Cell::Text(&holder.name),
                Cell::Text(holder.kind.word()),
                Cell::Text(&note),
            ])?;
        }
    }
    Ok(())
}
