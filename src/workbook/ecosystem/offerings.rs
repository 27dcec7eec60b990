//! Joint offerings and their members (partners or the hub): reads and journaled writes.

use anyhow::{Context, Result, bail};
use rusqlite::{OptionalExtension, Row, ToSql, params};

use super::{HUB, refused};
use crate::plan::ecosystem::{MemberDraft, OfferingDraft};
use crate::workbook::Workbook;

/// A stored member of an offering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberRecord {
    pub id: i64,
    pub uuid: String,
    pub offering: i64,
    /// The partner's name, or [`HUB`].
    pub name: String,
    pub member: MemberDraft,
}

/// A stored offering with its members (the hub first, then partners by name). Its draft's
/// goals and KPIs are in the order of `goal_names` and `kpi_names`: by title and by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferingRecord {
    pub id: i64,
    pub uuid: String,
    pub offering: OfferingDraft,
    pub members: Vec<MemberRecord>,
    /// The titles of the goals it serves.
    pub goal_names: Vec<String>,
    /// The names of the KPIs that measure it.
    pub kpi_names: Vec<String>,
}

/// The link tables of an offering: (table, the linked table's id column, the linked table, its
/// name column, what it is called).
const GOAL_LINKS: (&str, &str, &str, &str, &str) =
    ("offering_goals", "goal_id", "goals", "title", "goal");
const KPI_LINKS: (&str, &str, &str, &str, &str) =
    ("offering_kpis", "kpi_id", "kpis", "name", "KPI");

const MEMBER_COLUMNS: &str = "m.id, m.uuid, m.offering_id, m.partner_id, m.contribution,
    m.contribution_kind, m.critical, p.name
    FROM offering_members m LEFT JOIN partners p ON p.id = m.partner_id";

fn member_row(row: &Row) -> rusqlite::Result<MemberRecord> {
    Ok(MemberRecord {
        id: row.get(0)?,
        uuid: row.get(1)?,
        offering: row.get(2)?,
        member: MemberDraft {
            partner: row.get(3)?,
            contribution: row.get(4)?,
            kind: row.get(5)?,
            critical: row.get(6)?,
        },
        name: row
            .get::<_, Option<String>>(7)?
            .unwrap_or_else(|| HUB.into()),
    })
}

impl Workbook {
    /// Every offering with its members, by name: two queries whatever the count.
    pub fn offerings(&self) -> Result<Vec<OfferingRecord>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, uuid, name, problem, segment, status, owner
             FROM offerings ORDER BY name COLLATE NOCASE, id",
        )?;
        let mut offerings: Vec<OfferingRecord> = stmt
            .query_map([], |row| {
                Ok(OfferingRecord {
                    id: row.get(0)?,
                    uuid: row.get(1)?,
                    offering: OfferingDraft {
                        name: row.get(2)?,
                        problem: row.get(3)?,
                        segment: row.get(4)?,
                        status: row.get(5)?,
                        owner: row.get(6)?,
                        goals: Vec::new(),
                        kpis: Vec::new(),
                    },
                    members: Vec::new(),
                    goal_names: Vec::new(),
                    kpi_names: Vec::new(),
                })
            })?
            .collect::<Result<_, _>>()?;
        let at: std::collections::HashMap<i64, usize> = offerings
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id, i))
            .collect();
        let sql = format!(
            "SELECT {MEMBER_COLUMNS} ORDER BY m.partner_id IS NOT NULL, p.name COLLATE NOCASE, m.id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        for member in stmt.query_map([], member_row)? {
            let member = member?;
            if let Some(&i) = at.get(&member.offering) {
                offerings[i].members.push(member);
            }
        }
        for (links, is_goal) in [(GOAL_LINKS, true), (KPI_LINKS, false)] {
            let (table, column, target, name, _) = links;
            let sql = format!(
                "SELECT l.offering_id, t.id, t.{name} FROM {table} l JOIN {target} t \
                 ON t.id = l.{column} ORDER BY t.{name} COLLATE NOCASE, t.id"
            );
            let mut stmt = self.conn.prepare(&sql)?;
            let rows = stmt.query_map([], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get(2)?))
            })?;
            for row in rows {
                let (offering, id, title): (i64, i64, String) = row?;
                let Some(&i) = at.get(&offering) else {
                    continue;
                };
                let record = &mut offerings[i];
                if is_goal {
                    record.offering.goals.push(id);
                    record.goal_names.push(title);
                } else {
                    record.offering.kpis.push(id);
                    record.kpi_names.push(title);
                }
            }
        }
        Ok(offerings)
    }

    /// (id, name) of every KPI by name: what an offering may be measured by.
    pub fn kpi_names(&self) -> Result<Vec<(i64, String)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, name FROM kpis ORDER BY name COLLATE NOCASE, id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Offering `id` with its members.
    pub fn offering(&self, id: i64) -> Result<OfferingRecord> {
        self.offerings()?
            .into_iter()
            .find(|o| o.id == id)
            .context("That offering no longer exists; it may have been deleted or undone.")
    }

    /// The offerings partner `id` is a member of (the hub's with `None`).
    pub fn offerings_of(&self, partner: Option<i64>) -> Result<Vec<OfferingRecord>> {
        Ok(self
            .offerings()?
            .into_iter()
            .filter(|o| o.members.iter().any(|m| m.member.partner == partner))
            .collect())
    }

    fn checked_offering(
        &self,
        draft: &OfferingDraft,
        except: Option<i64>,
    ) -> Result<OfferingDraft> {
        let names: Vec<String> = self
            .conn
            .prepare("SELECT name FROM offerings WHERE id != ?1")?
            .query_map([except.unwrap_or(0)], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let draft = draft.checked(&names).map_err(refused)?;
        for ((_, _, table, _, what), ids) in [(GOAL_LINKS, &draft.goals), (KPI_LINKS, &draft.kpis)]
        {
            for &id in ids {
                let known: Option<i64> = self
                    .conn
                    .query_row(
                        &format!("SELECT id FROM {table} WHERE id = ?1"),
                        [id],
                        |r| r.get(0),
                    )
                    .optional()?;
                if known.is_none() {
                    bail!(
                        "A {what} this offering links to no longer exists (it may have been \
                         deleted or undone); pick its {what}s again."
                    );
                }
            }
        }
        Ok(draft)
    }

    /// Adds an offering (no members yet) with its goals and KPIs; returns its id.
    pub fn add_offering(&mut self, draft: &OfferingDraft) -> Result<i64> {
        let draft = self.checked_offering(draft, None)?;
        let mut change = self.change(format!("add offering {}", draft.name))?;
        let id = change.insert("offerings", &offering_columns(&draft))?;
        set_links(&mut change, id, &[], &draft)?;
        change.commit()?;
        Ok(id)
    }

    /// Changes offering `id`'s own fields, goals and KPIs (its members stay): one change.
    pub fn update_offering(&mut self, id: i64, draft: &OfferingDraft) -> Result<()> {
        self.offering(id)?;
        let draft = self.checked_offering(draft, Some(id))?;
        let links = self.link_rows(id)?;
        let mut change = self.change(format!("edit offering {}", draft.name))?;
        change.update("offerings", id, &offering_columns(&draft))?;
        set_links(&mut change, id, &links, &draft)?;
        change.commit()
    }

    /// Offering `id`'s link rows: (table, row id, linked id).
    fn link_rows(&self, id: i64) -> Result<Vec<(&'static str, i64, i64)>> {
        let mut rows = Vec::new();
        for (table, column, ..) in [GOAL_LINKS, KPI_LINKS] {
            let sql = format!("SELECT id, {column} FROM {table} WHERE offering_id = ?1");
            let mut stmt = self.conn.prepare(&sql)?;
            for row in stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))? {
                let (row, linked) = row?;
                rows.push((table, row, linked));
            }
        }
        Ok(rows)
    }

    /// Deletes offering `id` with its members; returns its name.
    pub fn delete_offering(&mut self, id: i64) -> Result<String> {
        let name = self.offering(id)?.offering.name;
        let mut change = self.change(format!("delete offering {name}"))?;
        change.delete("offerings", id)?;
        change.commit()?;
        Ok(name)
    }

    fn member(&self, id: i64) -> Result<MemberRecord> {
        let sql = format!("SELECT {MEMBER_COLUMNS} WHERE m.id = ?1");
        self.conn
            .query_row(&sql, [id], member_row)
            .optional()?
            .context("That member no longer exists; it may have been removed or undone.")
    }

    /// Checks `draft` as a member of `offering`; returns it with the offering's name and the
    /// member's.
    fn checked_member(
        &self,
        offering: i64,
        draft: &MemberDraft,
        except: Option<i64>,
    ) -> Result<(MemberDraft, String, String)> {
        let draft = draft.checked().map_err(refused)?;
        let offering_name = self.offering(offering)?.offering.name;
        let name = match draft.partner {
            Some(id) => self.linked_partner(id)?,
            None => HUB.to_string(),
        };
        let twin: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM offering_members WHERE offering_id = ?1 AND partner_id IS ?2
                 AND id != ?3",
                params![offering, draft.partner, except.unwrap_or(0)],
                |r| r.get(0),
            )
            .optional()?;
        if twin.is_some() {
            bail!(
                "{} is already a member of {offering_name}; edit its contribution instead.",
                capitalised(&name)
            );
        }
        Ok((draft, offering_name, name))
    }

    /// Adds a member to offering `offering`; returns its id.
    pub fn add_member(&mut self, offering: i64, draft: &MemberDraft) -> Result<i64> {
        let (draft, offering_name, name) = self.checked_member(offering, draft, None)?;
        let mut change = self.change(format!("add {name} to offering {offering_name}"))?;
        let id = change.insert(
            "offering_members",
            &[
                ("offering_id", &offering),
                ("partner_id", &draft.partner),
                ("contribution", &draft.contribution),
                ("contribution_kind", &draft.kind),
                ("critical", &draft.critical),
            ],
        )?;
        change.commit()?;
        Ok(id)
    }

    /// Changes member `id` (it may become another partner, or the hub).
    pub fn update_member(&mut self, id: i64, draft: &MemberDraft) -> Result<()> {
        let offering = self.member(id)?.offering;
        let (draft, offering_name, name) = self.checked_member(offering, draft, Some(id))?;
        let mut change = self.change(format!("edit {name} in offering {offering_name}"))?;
        change.update(
            "offering_members",
            id,
            &[
                ("partner_id", &draft.partner),
                ("contribution", &draft.contribution),
                ("contribution_kind", &draft.kind),
                ("critical", &draft.critical),
            ],
        )?;
        change.commit()
    }

    /// Removes member `id` from its offering; returns its name.
    pub fn delete_member(&mut self, id: i64) -> Result<String> {
        let member = self.member(id)?;
        let offering = self.offering(member.offering)?.offering.name;
        let mut change = self.change(format!("remove {} from offering {offering}", member.name))?;
        change.delete("offering_members", id)?;
        change.commit()?;
        Ok(member.name)
    }
}

fn offering_columns(draft: &OfferingDraft) -> [(&'static str, &dyn ToSql); 5] {
    [
        ("name", &draft.name),
        ("problem", &draft.problem),
        ("segment", &draft.segment),
        ("status", &draft.status),
        ("owner", &draft.owner),
    ]
}

/// Brings offering `id`'s goal and KPI links (now `existing`: table, row id, linked id) to the
/// draft's: removes the ones it dropped, adds the ones it gained, leaves the rest.
fn set_links(
    change: &mut crate::workbook::journal::Change<'_>,
    id: i64,
    existing: &[(&'static str, i64, i64)],
    draft: &OfferingDraft,
) -> Result<()> {
    for ((table, column, ..), wanted) in [(GOAL_LINKS, &draft.goals), (KPI_LINKS, &draft.kpis)] {
        for &(_, row, linked) in existing.iter().filter(|(t, ..)| *t == table) {
            if !wanted.contains(&linked) {
                change.delete(table, row)?;
            }
        }
        for linked in wanted {
            let held = existing.iter().any(|&(t, _, l)| t == table && l == *linked);
            if !held {
                change.insert(table, &[("offering_id", &id), (column, linked)])?;
            }
        }
    }
    Ok(())
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
