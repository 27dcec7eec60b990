//! Checklist items limited to some partner types: which types an item is for, and the one-key
//! change that puts an item in or out of a type's checklist (journaled; the onboarding % of every
//! partner follows through `derived`).

use anyhow::{Context, Result};
use rusqlite::{OptionalExtension, params};

use super::Workbook;

/// Which partners a checklist item is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemReach {
    /// Limited to no type: every partner's checklist holds it.
    EveryType,
    /// Only these types' checklists hold it.
    Only(Vec<String>),
}

impl ItemReach {
    /// Whether a partner of `kind` has the item (types compared without regard to case).
    pub fn includes(&self, kind: &str) -> bool {
        match self {
            ItemReach::EveryType => true,
            ItemReach::Only(kinds) => kinds
                .iter()
                .any(|k| k.to_lowercase() == kind.to_lowercase()),
        }
    }

    /// "every type", "reseller", "reseller, distributor".
    pub fn label(&self) -> String {
        match self {
            ItemReach::EveryType => "every type".into(),
            ItemReach::Only(kinds) => kinds.join(", "),
        }
    }
}

impl Workbook {
    /// Which types checklist item `item_id` is for.
    pub fn item_reach(&self, item_id: i64) -> Result<ItemReach> {
        let kinds: Vec<String> = self
            .conn
            .prepare_cached(
                "SELECT partner_type FROM onboarding_item_types WHERE item_id = ?1 \
                 ORDER BY partner_type, id",
            )?
            .query_map([item_id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(if kinds.is_empty() {
            ItemReach::EveryType
        } else {
            ItemReach::Only(kinds)
        })
    }

    /// Puts checklist item `item_id` in `kind`'s checklist or takes it out, and says what it is
    /// for now. An item for every type becomes one for `kind` only; an item for some types gains
    /// or loses `kind`; an item that loses its last type is for every type again. One journaled
    /// change; the statuses partners recorded are kept whatever the item's reach.
    pub fn toggle_item_for_type(&mut self, item_id: i64, kind: &str) -> Result<ItemReach> {
        let kind = kind.trim();
        let title: String = self
            .conn
            .query_row(
                "SELECT title FROM onboarding_items WHERE id = ?1",
                [item_id],
                |r| r.get(0),
            )
            .optional()?
            .context("that checklist item no longer exists")?;
        if kind.is_empty() {
            anyhow::bail!(
                "Pick a partner type first (the checklist of every type shows every item)."
            );
        }
        let row: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM onboarding_item_types WHERE item_id = ?1 AND partner_type = ?2",
                params![item_id, kind],
                |r| r.get(0),
            )
            .optional()?;
        let mut change = self.change(format!("limit checklist item {title} for {kind}"))?;
        match row {
            Some(id) => change.delete("onboarding_item_types", id)?,
            None => {
                change.insert(
                    "onboarding_item_types",
                    &[("item_id", &item_id), ("partner_type", &kind)],
                )?;
            }
        }
        change.commit()?;
        self.item_reach(item_id)
    }
}
