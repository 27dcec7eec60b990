//! Records added or removed whole — a partner with its scores and check-ins, a risk with its
//! mitigations — said once, with what came or went with them.

use std::collections::BTreeMap;

use super::describe::{Describer, cell, either};
use crate::plan::changes::Area;
use crate::plan::numbers::count_of;
use crate::workbook::RecordChange;
use crate::workbook::dump::Cell;
use crate::workbook::layout::{ColumnKind, TableLayout};

/// What a record counted along with its parent is called: (one, several).
pub(super) type Noun = (&'static str, &'static str);

/// A record added or removed whole, said at the end with what came or went with it.
pub struct Whole {
    area: Area,
    subject: String,
    what: String,
    added: bool,
    with: BTreeMap<Noun, usize>,
}

impl Describer<'_> {
    /// A record added or removed whole: said once at the end, with the records that came or
    /// went with it ("removed with 1 check-in and 3 onboarding items").
    pub(super) fn whole(
        &mut self,
        area: Area,
        table: &'static str,
        uuid: &str,
        what: String,
        added: bool,
    ) {
        let subject = self.name(table, uuid);
        self.wholes.insert(
            (table, uuid.to_string()),
            Whole {
                area,
                subject,
                what,
                added,
                with: BTreeMap::new(),
            },
        );
    }

    /// Counts a record added or removed along with its parent (`parent` names the reference),
    /// and says whether it was counted.
    pub(super) fn along(
        &mut self,
        layout: &TableLayout,
        change: &RecordChange,
        parent: &str,
        noun: Noun,
    ) -> bool {
        let Some(record) = either(change) else {
            return false;
        };
        let (Some(column), Cell::Text(uuid)) =
            (layout.column(parent), cell(layout, record, parent))
        else {
            return false;
        };
        let ColumnKind::Reference(table) = column.kind else {
            return false;
        };
        let added = change.before.is_none();
        let one_sided = change.before.is_none() != change.after.is_none();
        match self.wholes.get_mut(&(table, uuid.clone())) {
            Some(whole) if one_sided && whole.added == added => {
                *whole.with.entry(noun).or_default() += 1;
                true
            }
            _ => false,
        }
    }

    /// Says the records added or removed whole, with what came or went with them.
    pub fn finish(&mut self) {
        for whole in std::mem::take(&mut self.wholes).into_values() {
            let mut what = whole.what;
            let with: Vec<String> = whole
                .with
                .iter()
                .map(|((one, many), n)| count_of(*n, one, many))
                .collect();
            if let Some((last, first)) = with.split_last() {
                let list = if first.is_empty() {
                    last.clone()
                } else {
                    format!("{} and {last}", first.join(", "))
                };
                what = format!("{what} with {list}");
            }
            self.add(whole.area, &whole.subject, &what);
        }
    }
}
