//! The onboarding checklist template's writes: add, change, delete and reorder its items, each
//! one journaled change (a delete takes the partners' statuses for the item with it, and undo
//! brings them back). Every partner's cached onboarding % follows through `derived`.

use anyhow::{Context, Result, bail};
use rusqlite::{OptionalExtension, params};

use super::Workbook;
use crate::plan::template::ItemDraft;

/// One item of the workbook's onboarding checklist template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateItem {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub position: i64,
    /// How many partners have a status recorded for it.
    pub partners: i64,
}

impl Workbook {
    /// The checklist template in order, with how many partners have a status for each item.
    pub fn onboarding_items(&self) -> Result<Vec<TemplateItem>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT i.id, i.title, i.description, i.position, \
             (SELECT count(*) FROM partner_onboarding o WHERE o.item_id = i.id) \
             FROM onboarding_items i ORDER BY i.position, i.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(TemplateItem {
                id: r.get(0)?,
                title: r.get(1)?,
                description: r.get(2)?,
                position: r.get(3)?,
                partners: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many partners have a status recorded for checklist item `id`.
    pub fn onboarding_item_statuses(&self, id: i64) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM partner_onboarding WHERE item_id = ?1",
            params![id],
            |r| r.get(0),
        )?)
    }

    /// Checks `draft` against the rule and the other items' titles (all but `except`).
    fn checked_item(&self, draft: &ItemDraft, except: Option<i64>) -> Result<ItemDraft> {
        let titles: Vec<String> = self
            .onboarding_items()?
            .into_iter()
            .filter(|i| Some(i.id) != except)
            .map(|i| i.title)
            .collect();
        let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
        match draft.checked(&titles) {
            Ok(draft) => Ok(draft),
            Err(problems) => {
                let text: Vec<String> = problems.into_iter().map(|(_, m)| m).collect();
                bail!("{}", text.join(" "))
            }
        }
    }

    /// Adds a checklist item after the last one; returns its id.
    pub fn add_onboarding_item(&mut self, draft: &ItemDraft) -> Result<i64> {
        self.add_onboarding_item_for(draft, None)
    }

    /// Adds a checklist item after the last one, in the checklist of partners of `kind` only
    /// when one is given (else every type's), as one journaled change; returns its id.
    pub fn add_onboarding_item_for(
        &mut self,
        draft: &ItemDraft,
        kind: Option<&str>,
    ) -> Result<i64> {
        let kind = kind.map(str::trim).filter(|k| !k.is_empty());
        let draft = self.checked_item(draft, None)?;
        let position: i64 = self.conn.query_row(
            "SELECT coalesce(max(position), 0) + 1 FROM onboarding_items",
            [],
            |r| r.get(0),
        )?;
        let label = match kind {
            Some(kind) => format!("add checklist item {} for {kind}", draft.title),
            None => format!("add checklist item {}", draft.title),
        };
        let mut change = self.change(label)?;
        let id = change.insert(
            "onboarding_items",
            &[
                ("title", &draft.title),
                ("description", &draft.description),
                ("position", &position),
            ],
        )?;
        if let Some(kind) = kind {
            change.insert(
                "onboarding_item_types",
                &[("item_id", &id), ("partner_type", &kind)],
            )?;
        }
        change.commit()?;
        Ok(id)
    }

    /// Changes checklist item `id`'s title or description.
    pub fn update_onboarding_item(&mut self, id: i64, draft: &ItemDraft) -> Result<()> {
        self.item_title(id)?;
        let draft = self.checked_item(draft, Some(id))?;
        let mut change = self.change(format!("edit checklist item {}", draft.title))?;
        change.update(
            "onboarding_items",
            id,
            &[("title", &draft.title), ("description", &draft.description)],
        )?;
        change.commit()
    }

    /// Deletes checklist item `id` with every partner's status for it; returns its title.
    pub fn delete_onboarding_item(&mut self, id: i64) -> Result<String> {
        let title = self.item_title(id)?;
        let mut change = self.change(format!("delete checklist item {title}"))?;
        change.delete("onboarding_items", id)?;
        change.commit()?;
        Ok(title)
    }

    /// Swaps checklist item `id` with its neighbour above (`up`) or below; `false` when it is
    /// already first or last.
    pub fn move_onboarding_item(&mut self, id: i64, up: bool) -> Result<bool> {
        let order: Vec<(i64, i64)> = self
            .onboarding_items()?
            .into_iter()
            .map(|i| (i.id, i.position))
            .collect();
        let title = self.item_title(id)?;
        self.swap_positions("onboarding_items", &order, id, up, &title)
    }

    /// Swaps row `id` of `table` (listed in `order` as (id, position)) with its neighbour,
    /// numbering every row 1, 2, 3… as listed in the same change, since positions may be equal
    /// (ordered then by id) or gapped. One journaled change; `false` when there is no neighbour.
    pub(super) fn swap_positions(
        &mut self,
        table: &str,
        order: &[(i64, i64)],
        id: i64,
        up: bool,
        name: &str,
    ) -> Result<bool> {
        let Some(index) = order.iter().position(|(rid, _)| *rid == id) else {
            bail!("that row no longer exists");
        };
        let neighbour = if up {
            index.checked_sub(1)
        } else {
            Some(index + 1).filter(|i| *i < order.len())
        };
        let Some(neighbour) = neighbour else {
            return Ok(false);
        };
        let Some(&(other_id, _)) = order.get(neighbour) else {
            return Ok(false);
        };
        let slot = |i: usize| i as i64 + 1;
        let direction = if up { "up" } else { "down" };
        let noun = match table {
            "onboarding_items" => "checklist item",
            "goals" => "goal",
            _ => "criterion",
        };
        let mut change = self.change(format!("move {noun} {name} {direction}"))?;
        for (i, (rid, position)) in order.iter().enumerate() {
            let wanted = if *rid == id {
                slot(neighbour)
            } else if *rid == other_id {
                slot(index)
            } else {
                slot(i)
            };
            if *position != wanted {
                change.update(table, *rid, &[("position", &wanted)])?;
            }
        }
        change.commit()?;
        Ok(true)
    }

    fn item_title(&self, id: i64) -> Result<String> {
        self.conn
            .query_row(
                "SELECT title FROM onboarding_items WHERE id = ?1",
                params![id],
                |r| r.get(0),
            )
            .optional()?
            .context("that checklist item no longer exists")
    }
}
