//! Which partner field each column of a CRM export fills: `--map` first, then what the header
//! says (see `plan::crm_headers`); columns of the CRM's own bookkeeping are left out, with why.

use super::import::Surface;
use crate::exchange::ExchangeError;
use crate::plan::PartnerField;
use crate::plan::crm_headers::{ColumnMap, ColumnRole, column_roles, fold, header_text};

/// What the file's columns fill, and what the report says of them.
#[derive(Debug, Clone, Default)]
pub struct ColumnPlan {
    /// Per column, the field it fills (`None`: left out).
    pub fields: Vec<Option<PartnerField>>,
    /// (header, field) per used column, in the file's order. A second column of the same field
    /// fills it only where the first is empty (a domain and a website column).
    pub used: Vec<(String, PartnerField)>,
    /// The columns left out, each with why when it is not plain.
    pub ignored: Vec<String>,
}

fn names(headers: &[String], map: &ColumnMap) -> Option<usize> {
    let wanted = fold(&map.column);
    headers
        .iter()
        .position(|h| fold(h) == wanted)
        .or_else(|| headers.iter().position(|h| fold(header_text(h)) == wanted))
}

/// The plan for `headers`; without a name column it is refused, except in the app's preview
/// (a dry run there), which lets the user choose one.
pub fn plan(
    headers: &[String],
    maps: &[ColumnMap],
    surface: Surface,
    dry_run: bool,
) -> Result<ColumnPlan, ExchangeError> {
    let mut mapped: Vec<Option<Option<PartnerField>>> = vec![None; headers.len()];
    for map in maps {
        let Some(at) = names(headers, map) else {
            return Err(ExchangeError::BadInput(format!(
                "--map names a column {:?} the file does not have; its columns are: {}.",
                map.column,
                headers.join(", ")
            )));
        };
        mapped[at] = Some(map.field);
    }
    let roles = column_roles(headers);
    let mut plan = ColumnPlan::default();
    for ((header, role), chosen) in headers.iter().zip(roles).zip(mapped) {
        let field = match (chosen, role) {
            (Some(field), _) => field,
            (None, ColumnRole::Field(field)) => Some(field),
            (None, ColumnRole::Hidden) => {
                plan.ignored.push(format!(
                    "{header:?} (the CRM's hidden column for its own re-import)"
                ));
                plan.fields.push(None);
                continue;
            }
            (None, ColumnRole::RecordState) => {
                plan.ignored.push(format!(
                    "{header:?} (the CRM's record key or state, not the partner's stage)"
                ));
                plan.fields.push(None);
                continue;
            }
            (None, ColumnRole::Unknown) => None,
        };
        match field {
            Some(field) => plan.used.push((header.clone(), field)),
            None => plan.ignored.push(format!("{header:?}")),
        }
        plan.fields.push(field);
    }
    if !plan.fields.contains(&Some(PartnerField::Name)) {
        let way = match (surface, dry_run) {
            (Surface::App, true) => return Ok(plan),
            (Surface::App, false) => "Choose one in the import's preview (← → on a column).",
            (Surface::CommandLine, _) => "Name it with --map \"COLUMN=name\".",
        };
        return Err(ExchangeError::BadInput(format!(
            "no column holds the partner's name (columns: {}). {way}",
            headers.join(", ")
        )));
    }
    Ok(plan)
}
