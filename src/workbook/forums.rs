//! Governance forums (schema step 12) with their members: list, add, edit, delete (undoable), find
//! one by name, and link a governance rule to the forum its forum words name.

use anyhow::{Result, bail};
use rusqlite::OptionalExtension;
use rusqlite::types::Value;

use super::journal::Change;
use super::strategy::{
    as_params, insert_recipient, optional_text, read_recipients, reconcile, refused,
};
use super::{SharedWith, Workbook, text};
use crate::plan::cadence::{Cadence, CadenceUnit};
use crate::plan::forum::ForumDraft;
use crate::plan::strategy::Recipient;
use crate::plan::text::clean;

/// Whether a plan just imported was written before forums existed: it has no forum, forum
/// member, forum link or trend (every workbook made since starts with example trends), and no
/// tombstone of one.
const OLDER_PLAN: &str = "SELECT NOT (EXISTS (SELECT 1 FROM forums) \
    OR EXISTS (SELECT 1 FROM forum_members) OR EXISTS (SELECT 1 FROM forum_rules) \
    OR EXISTS (SELECT 1 FROM trends) OR EXISTS (SELECT 1 FROM tombstones \
    WHERE table_name IN ('forums', 'forum_members', 'forum_rules', 'trends')))";

/// After an import: an older plan's rules get the forums their forum words name, with the
/// cadence their cadence words read, as schema step 12 gives an older workbook (the same SQL).
/// Returns how many forums and rule links were made.
pub(crate) fn forums_from_older_rules(conn: &rusqlite::Connection) -> Result<(usize, usize)> {
    let older: bool = conn.query_row(OLDER_PLAN, [], |r| r.get(0))?;
    if !older {
        return Ok((0, 0));
    }
    let count = |table: &str| -> Result<usize> {
        let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    };
    conn.execute_batch(super::schema::rules_to_forums_sql())?;
    Ok((count("forums")?, count("forum_rules")?))
}

/// A forum as stored; `forum.members` and `members` list the same roles and partners in the same
/// order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForumRecord {
    pub id: i64,
    pub uuid: String,
    pub forum: ForumDraft,
    pub members: Vec<SharedWith>,
    /// How many governance rules are decided in it.
    pub rules: usize,
}

fn forum_columns(d: &ForumDraft) -> Vec<(&'static str, Value)> {
    vec![
        ("name", Value::Text(d.name.clone())),
        ("purpose", Value::Text(d.purpose.clone())),
        (
            "cadence_every",
            d.cadence
                .map_or(Value::Null, |c| Value::Integer(i64::from(c.every))),
        ),
        (
            "cadence_unit",
            Value::Text(d.cadence.map_or("", |c| c.unit.word()).into()),
        ),
        (
            "next_date",
            d.next_date.clone().map_or(Value::Null, Value::Text),
        ),
    ]
}

/// A stored cadence; one another tool wrote that this version cannot schedule reads as none.
fn stored_cadence(every: Option<i64>, unit: &str) -> Option<Cadence> {
    let every = u32::try_from(every?).ok()?;
    let unit = CadenceUnit::from_word(unit)?;
    (1..=crate::plan::cadence::MAX_EVERY)
        .contains(&every)
        .then_some(Cadence { every, unit })
}

fn add_member(change: &mut Change<'_>, forum: i64, member: Recipient) -> Result<()> {
    insert_recipient(change, ("forum_members", "forum_id"), forum, member)
}

/// Links rule `rule` to `forum` (or to none), within `change`: a link to another forum is
/// removed first; one to the same forum is kept.
pub(super) fn link_rule(change: &mut Change<'_>, rule: i64, forum: Option<i64>) -> Result<()> {
    let stored: Option<(i64, i64)> = change
        .conn()
        .query_row(
            "SELECT id, forum_id FROM forum_rules WHERE rule_id = ?1",
            [rule],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((link, linked)) = stored {
        if Some(linked) == forum {
            return Ok(());
        }
        change.delete("forum_rules", link)?;
    }
    if let Some(forum) = forum {
        change.insert("forum_rules", &[("forum_id", &forum), ("rule_id", &rule)])?;
    }
    Ok(())
}

impl Workbook {
    /// Every forum by name, with its members (partners, then roles, by name) and how many rules
    /// are decided in it.
    pub fn forums(&self) -> Result<Vec<ForumRecord>> {
        let mut members = read_recipients(
            &self.conn,
            "SELECT m.forum_id, m.partner_id, m.role_id, coalesce(p.name, ro.name, '') \
             FROM forum_members m \
             LEFT JOIN partners p ON p.id = m.partner_id \
             LEFT JOIN roles ro ON ro.id = m.role_id \
             ORDER BY m.role_id IS NOT NULL, coalesce(p.name, ro.name) COLLATE NOCASE, m.id",
        )?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT f.id, f.uuid, f.name, f.purpose, f.cadence_every, f.cadence_unit, \
             f.next_date, (SELECT count(*) FROM forum_rules l WHERE l.forum_id = f.id) \
             FROM forums f ORDER BY f.name COLLATE NOCASE, f.id",
        )?;
        let forums = stmt
            .query_map([], |r| {
                let v = |i: usize| r.get::<_, Value>(i);
                let id: i64 = r.get(0)?;
                let members = members.remove(&id).unwrap_or_default();
                Ok(ForumRecord {
                    id,
                    uuid: r.get(1)?,
                    forum: ForumDraft {
                        name: text(v(2)?),
                        purpose: text(v(3)?),
                        cadence: stored_cadence(r.get(4).ok().flatten(), &text(v(5)?)),
                        next_date: optional_text(v(6)?),
                        members: members.iter().map(|m| m.recipient).collect(),
                    },
                    members,
                    rules: r.get::<_, i64>(7)?.try_into().unwrap_or(0),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(forums)
    }

    /// The forum called `name` (case and surrounding space aside); `Err` a sentence that names
    /// the forums there are.
    pub fn forum_named(&self, name: &str) -> Result<ForumRecord, String> {
        let all = self
            .forums()
            .map_err(|err| format!("the forums could not be read: {err}"))?;
        let wanted = name.trim().to_lowercase();
        if let Some(found) = all.iter().find(|f| f.forum.name.to_lowercase() == wanted) {
            return Ok(found.clone());
        }
        let shown = clean(name.trim());
        Err(if all.is_empty() {
            format!(
                "no forum is called \"{shown}\": the workbook has no governance forums yet. Add \
                 one on the Strategy tab (Governance forums)."
            )
        } else {
            format!(
                "no forum is called \"{shown}\"; the forums are {}.",
                all.iter()
                    .map(|f| format!("\"{}\"", clean(&f.forum.name)))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
    }

    /// The id of the forum a rule's forum words name, for the rule's link (none when no forum
    /// has that name).
    pub(super) fn forum_link(&self, words: &str) -> Result<Option<i64>> {
        let words = words.trim();
        if words.is_empty() {
            return Ok(None);
        }
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM forums WHERE lower(trim(name)) = lower(?1) ORDER BY id LIMIT 1",
                [words],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Refuses a name another forum has (case aside), and members that are gone.
    fn check_forum(&self, id: Option<i64>, draft: &ForumDraft) -> Result<()> {
        let taken: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM forums WHERE lower(trim(name)) = lower(?1) AND id IS NOT ?2",
                rusqlite::params![draft.name, id],
                |r| r.get(0),
            )
            .optional()?;
        if taken.is_some() {
            bail!(
                "A forum called \"{}\" exists already, so nothing was saved; give this one \
                 another name.",
                clean(&draft.name)
            );
        }
        for member in &draft.members {
            let (sql, id) = match *member {
                Recipient::Partner(id) => ("SELECT 1 FROM partners WHERE id = ?1", id),
                Recipient::Role(id) => ("SELECT 1 FROM roles WHERE id = ?1", id),
            };
            if self
                .conn
                .query_row(sql, [id], |_| Ok(()))
                .optional()?
                .is_none()
            {
                bail!(
                    "A member of this forum no longer exists (deleted while the form was \
                     open), so nothing was saved; choose its members again."
                );
            }
        }
        Ok(())
    }

    /// Adds a forum with its members; returns its id. Rules whose forum words name it and that
    /// are linked to no forum are linked to it in the same change (undo unlinks them).
    pub fn add_forum(&mut self, draft: &ForumDraft) -> Result<i64> {
        self.refuse_write()?;
        let draft = draft.checked().map_err(refused)?;
        self.check_forum(None, &draft)?;
        let unlinked = self.unlinked_rules_naming(&draft.name)?;
        let mut change = self.change(format!("add forum {}", draft.name))?;
        let id = change.insert("forums", &as_params(&forum_columns(&draft)))?;
        for member in &draft.members {
            add_member(&mut change, id, *member)?;
        }
        for rule in unlinked {
            link_rule(&mut change, rule, Some(id))?;
        }
        change.commit()?;
        Ok(id)
    }

    /// Changes forum `id`, adding and removing members to match the draft; unlinked rules whose
    /// forum words name it (as renamed) are linked to it.
    pub fn update_forum(&mut self, id: i64, draft: &ForumDraft) -> Result<()> {
        self.refuse_write()?;
        let draft = draft.checked().map_err(refused)?;
        self.listed_name("forums", "name", id, "forum")?;
        self.check_forum(Some(id), &draft)?;
        let stored: Vec<(i64, Option<i64>, Option<i64>)> = self
            .conn
            .prepare(
                "SELECT id, partner_id, role_id FROM forum_members WHERE forum_id = ?1 ORDER BY id",
            )?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let (kept, removed) = reconcile(stored, &draft.members);
        let unlinked = self.unlinked_rules_naming(&draft.name)?;
        let mut change = self.change(format!("edit forum {}", draft.name))?;
        change.update("forums", id, &as_params(&forum_columns(&draft)))?;
        for rule in unlinked {
            link_rule(&mut change, rule, Some(id))?;
        }
        for row in removed {
            change.delete("forum_members", row)?;
        }
        for member in draft.members.iter().filter(|m| !kept.contains(m)) {
            add_member(&mut change, id, *member)?;
        }
        change.commit()
    }

    /// Deletes forum `id` with its members and rule links (the rules stay, with their forum
    /// words); returns its name.
    pub fn delete_forum(&mut self, id: i64) -> Result<String> {
        let name = self.listed_name("forums", "name", id, "forum")?;
        self.delete_listed("forums", id, format!("delete forum {name}"))?;
        Ok(name)
    }

    fn unlinked_rules_naming(&self, name: &str) -> Result<Vec<i64>> {
        Ok(self
            .conn
            .prepare(
                "SELECT id FROM governance_rules r WHERE lower(trim(forum)) = lower(trim(?1)) \
                 AND NOT EXISTS (SELECT 1 FROM forum_rules l WHERE l.rule_id = r.id) ORDER BY id",
            )?
            .query_map([name], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }
}

/// What `check` says of the forums another tool may have written oddly: a cadence this version
/// cannot schedule, a member that is neither a partner nor a role (or both). None in a file from
/// before forums existed.
pub(super) fn forum_notes(conn: &rusqlite::Connection) -> rusqlite::Result<Vec<String>> {
    let has: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = 'forum_members'",
        [],
        |r| r.get(0),
    )?;
    if !has {
        return Ok(Vec::new());
    }
    let mut notes = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT name, cadence_every, cadence_unit FROM forums \
         WHERE cadence_every IS NOT NULL OR cadence_unit != '' ORDER BY name, id",
    )?;
    let odd: Vec<String> = stmt
        .query_map([], |r| {
            Ok((
                text(r.get::<_, Value>(0)?),
                r.get::<_, Option<i64>>(1)?,
                text(r.get::<_, Value>(2)?),
            ))
        })?
        .filter_map(|row| match row {
            Ok((name, every, unit)) if stored_cadence(every, &unit).is_none() => {
                Some(Ok(format!("\"{}\"", clean(&name))))
            }
            Ok(_) => None,
            Err(err) => Some(Err(err)),
        })
        .collect::<rusqlite::Result<_>>()?;
    if !odd.is_empty() {
        notes.push(format!(
            "The forum {} has a cadence partnerplan cannot schedule (every 1–99 weeks or \
             months), so it shows as meeting when called; set its cadence on the Strategy tab.",
            odd.join(", ")
        ));
    }
    let loose: i64 = conn.query_row(
        "SELECT count(*) FROM forum_members WHERE (partner_id IS NULL) = (role_id IS NULL)",
        [],
        |r| r.get(0),
    )?;
    if loose > 0 {
        notes.push(format!(
            "{} of a forum name{} neither a partner nor a role, or both; partnerplan lists \
             such a member as the partner. Edit the forum's members to set it right.",
            crate::plan::numbers::count_of(loose as usize, "member", "members"),
            if loose == 1 { "s" } else { "" }
        ));
    }
    Ok(notes)
}
