//! Many partners in one edit: the batch path of the CSV import. One transaction, one undoable
//! journal entry, the roster's derived columns filled as the app fills them.

use std::collections::BTreeMap;

use anyhow::{Context, Result};
use rusqlite::types::{ToSqlOutput, Value, ValueRef};
use rusqlite::{OptionalExtension, params};

use super::journal::{
    BATCH_ROWS, batch_cache, build_indexes, end_batch, image_expr, set_partner_indexes_aside,
    with_wide_functions,
};
use super::{Workbook, new_uuid, timestamp_now};
use crate::plan::onboarding::{ItemStatus, progress};
use crate::plan::selection::fit;
use crate::plan::shape::website_key;
use crate::plan::{PartnerDraft, PartnerField};
use seen::Seen;
use uuids::Uuids;

mod seen;
mod uuids;

/// A partner the import meets again: a stored one, or (on a dry run, below zero) one it would add.
pub type PartnerKey = i64;

/// An import in progress. Nothing is visible to others until `commit`; dropping it rolls back.
/// On a dry run nothing is written at all: the workbook may even be read-only.
pub struct PartnerImport<'w> {
    pub(super) workbook: &'w mut Workbook,
    label: String,
    pub(super) dry_run: bool,
    open: bool,
    pub(super) now: String,
    seen: Seen,
    /// The first row id this import adds; every row from it on is new.
    first_new_id: i64,
    /// Stored partners the import changed, with their image from before.
    before: BTreeMap<i64, Option<String>>,
    added: usize,
    /// Derived columns of a partner with nothing scored, checked or ticked yet.
    fresh_onboarding_pct: i64,
    /// How many partners the workbook held before.
    existing: usize,
    /// The partner indexes set aside while a large import adds its rows, to build again at the
    /// end (see `set_indexes_aside`).
    set_aside: Vec<String>,
    /// The page cache's size before the import raised it (see `batch_cache`).
    settings_before: Option<i64>,
    insert_sql: String,
    /// The uuids of the words this import added to the lists (see `value_maps`).
    pub(super) added_words: Vec<String>,
    uuids: Uuids,
}

impl Workbook {
    /// Starts importing partners as one edit called `label`.
    pub fn partner_import(&mut self, label: &str, dry_run: bool) -> Result<PartnerImport<'_>> {
        if !dry_run {
            self.refuse_write()?;
        }
        let mut seen = Seen::default();
        let mut existing = 0;
        {
            let mut stmt = self
                .conn
                .prepare("SELECT id, name, website FROM partners ORDER BY id")?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let id: i64 = row.get(0)?;
                let name = super::text(row.get(1)?);
                let website = super::text(row.get(2)?);
                seen.remember(&name, &website, id);
                existing += 1;
            }
        }
        let items: i64 = self
            .conn
            .query_row("SELECT count(*) FROM onboarding_items", [], |r| r.get(0))?;
        let statuses = vec![ItemStatus::Pending; usize::try_from(items).unwrap_or(0)];
        let first_new_id: i64 = self.conn.query_row(
            "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'partners'), 0), \
             coalesce((SELECT max(id) FROM partners), 0)) + 1",
            [],
            |r| r.get(0),
        )?;
        let settings_before = if dry_run {
            None
        } else {
            let before = batch_cache(&self.conn)?;
            if let Err(err) = self.conn.execute_batch("BEGIN IMMEDIATE") {
                end_batch(&self.conn, before)?;
                return Err(err.into());
            }
            Some(before)
        };
        Ok(PartnerImport {
            workbook: self,
            label: label.to_string(),
            dry_run,
            open: !dry_run,
            now: timestamp_now(),
            seen,
            first_new_id,
            before: BTreeMap::new(),
            added: 0,
            fresh_onboarding_pct: progress(&statuses).map_or(-1, i64::from),
            existing,
            set_aside: Vec::new(),
            settings_before,
            insert_sql: insert_sql(),
            added_words: Vec::new(),
            uuids: Uuids::default(),
        })
    }
}

fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// A valid, normalised draft's fields as column values, borrowed from it: empty dates and
/// cadence are NULL.
fn field_values(draft: &PartnerDraft) -> impl Iterator<Item = ToSqlOutput<'_>> + '_ {
    PartnerField::ALL.into_iter().map(move |field| {
        let text = draft.get(field);
        match field {
            PartnerField::CheckinCadence => draft
                .cadence_days()
                .map_or(ToSqlOutput::Owned(Value::Null), |d| {
                    ToSqlOutput::Owned(Value::Integer(d))
                }),
            PartnerField::AgreementStart | PartnerField::AgreementEnd if text.is_empty() => {
                ToSqlOutput::Owned(Value::Null)
            }
            _ => ToSqlOutput::Borrowed(ValueRef::Text(text.as_bytes())),
        }
    })
}

/// A draft's fields held to the plan's intake rules, as every edit's values are (the import's
/// rows were validated as drafts already; this is the same gate every other way in passes).
fn admit_draft(draft: &PartnerDraft) -> Result<()> {
    for (field, value) in PartnerField::ALL.into_iter().zip(field_values(draft)) {
        super::intake::admit("partners", field.key(), &value)?;
    }
    Ok(())
}

impl PartnerImport<'_> {
    /// The partner `draft` repeats: one with the same name (ignoring case and surrounding space),
    /// else one with the same website (ignoring scheme, `www.`, case and trailing slashes).
    pub fn duplicate_of(&self, draft: &PartnerDraft) -> Option<PartnerKey> {
        let name = name_key(&draft.name);
        let website = website_key(&draft.website);
        let by_name = (!name.is_empty())
            .then(|| self.seen.by_name(&name))
            .flatten()
            .filter(|&key| self.confirms(key, |stored, _| name_key(stored) == name));
        by_name.or_else(|| {
            (!website.is_empty())
                .then(|| self.seen.by_website(&website))
                .flatten()
                .filter(|&key| self.confirms(key, |_, stored| website_key(stored) == website))
        })
    }

    /// Whether stored partner `key` really has the name or website its fingerprint matched.
    /// A partner this dry run would add (below zero) is not stored: its fingerprint is taken as
    /// it is (a dry run writes nothing, so a mistake there could only miscount).
    fn confirms(&self, key: PartnerKey, same: impl Fn(&str, &str) -> bool) -> bool {
        if key < 0 {
            return true;
        }
        self.workbook
            .conn
            .prepare_cached("SELECT name, website FROM partners WHERE id = ?1")
            .and_then(|mut stmt| {
                stmt.query_row([key], |r| {
                    Ok(same(&super::text(r.get(0)?), &super::text(r.get(1)?)))
                })
            })
            // Unreadable: not a duplicate; the row is added rather than dropped.
            .unwrap_or(false)
    }

    /// Every field of a partner met again, as it stands now in this import.
    pub fn current(&self, key: PartnerKey) -> Result<Option<PartnerDraft>> {
        // A dry run keeps no copy of the rows it would add (a large file would fill memory), so
        // a later row repeating one of them is checked on its own.
        if key < 0 {
            return Ok(None);
        }
        self.workbook.partner(key)
    }

    /// Adds a partner from a valid, normalised draft.
    pub fn add(&mut self, draft: &PartnerDraft) -> Result<PartnerKey> {
        admit_draft(draft)?;
        self.added += 1;
        let key = if self.dry_run {
            -(self.added as i64)
        } else {
            // Nothing is scored yet, so the fit is "none yet" whatever the criteria.
            let no_fit = fit(&[], &[]);
            let uuid = self.uuids.next()?;
            let mut values: Vec<ToSqlOutput<'_>> = vec![
                ToSqlOutput::Borrowed(ValueRef::Text(uuid.as_bytes())),
                ToSqlOutput::Borrowed(ValueRef::Text(self.now.as_bytes())),
            ];
            values.extend(field_values(draft));
            values.push(ToSqlOutput::Owned(Value::Real(
                no_fit.score.unwrap_or(-1.0),
            )));
            values.push(ToSqlOutput::Owned(Value::Integer(i64::from(
                no_fit.gated_out,
            ))));
            values.push(ToSqlOutput::Owned(Value::Integer(
                self.fresh_onboarding_pct,
            )));
            let conn = &self.workbook.conn;
            conn.prepare_cached(&self.insert_sql)?
                .execute(rusqlite::params_from_iter(values))?;
            let key = conn.last_insert_rowid();
            // A batch of rows, and at least as many as the workbook held: the partner indexes are
            // built afresh at the end instead of taking every row one by one.
            let batch = usize::try_from(BATCH_ROWS).unwrap_or(usize::MAX);
            if self.added >= batch.max(self.existing) && self.set_aside.is_empty() {
                self.set_indexes_aside()?;
            }
            key
        };
        self.seen.remember(&draft.name, &draft.website, key);
        Ok(key)
    }

    /// Replaces the fields of partner `key` with those of a valid, normalised draft.
    pub fn update(&mut self, key: PartnerKey, draft: &PartnerDraft) -> Result<()> {
        admit_draft(draft)?;
        self.seen.remember(&draft.name, &draft.website, key);
        if self.dry_run {
            return Ok(());
        }
        if key < self.first_new_id && !self.before.contains_key(&key) {
            let image = self.image(key)?;
            self.before.insert(key, image);
        }
        let mut values = vec![
            ToSqlOutput::Owned(Value::Integer(key)),
            ToSqlOutput::Borrowed(ValueRef::Text(self.now.as_bytes())),
        ];
        values.extend(field_values(draft));
        self.workbook
            .conn
            .prepare_cached(&update_sql())?
            .execute(rusqlite::params_from_iter(values))?;
        Ok(())
    }

    /// Row `id` as the change journal keeps it (every column, as JSON).
    fn image(&self, id: i64) -> Result<Option<String>> {
        let sql = format!(
            "SELECT {} FROM partners WHERE id = ?1",
            image_expr(&self.columns()?, "")
        );
        let conn = &self.workbook.conn;
        with_wide_functions(conn, || {
            Ok(conn.query_row(&sql, [id], |r| r.get(0)).optional()?)
        })
    }

    fn columns(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .workbook
            .conn
            .prepare_cached("SELECT name FROM pragma_table_info('partners') ORDER BY cid")?;
        let names = stmt.query_map([], |r| r.get(0))?;
        Ok(names.collect::<Result<_, _>>()?)
    }

    /// Sets the partner indexes aside for the rest of the import (see `set_partner_indexes_aside`).
    fn set_indexes_aside(&mut self) -> Result<()> {
        self.set_aside = set_partner_indexes_aside(&self.workbook.conn)?;
        Ok(())
    }

    /// Writes the journal entry and commits; on a dry run, does nothing.
    pub fn commit(mut self) -> Result<()> {
        if !self.open {
            return Ok(());
        }
        // The names and websites met (16 bytes a partner) are not needed any more: their room
        // goes to the index builds.
        self.seen = Seen::default();
        let result = self.rebuild_indexes().and_then(|()| self.write_journal());
        self.open = false;
        let conn = &self.workbook.conn;
        let ended = match result {
            Ok(()) => conn.execute_batch("COMMIT").map_err(anyhow::Error::from),
            Err(err) => {
                let _ = conn.execute_batch("ROLLBACK");
                Err(err)
            }
        };
        let restored = self.restore_cache();
        ended?;
        restored?;
        self.workbook.reset_search()
    }

    fn rebuild_indexes(&self) -> Result<()> {
        build_indexes(&self.workbook.conn, &self.set_aside)
    }

    fn restore_cache(&self) -> Result<()> {
        if let Some(before) = self.settings_before {
            end_batch(&self.workbook.conn, before)?;
        }
        Ok(())
    }

    fn write_journal(&self) -> Result<()> {
        with_wide_functions(&self.workbook.conn, || self.write_journal_rows())
    }

    fn write_journal_rows(&self) -> Result<()> {
        let conn = &self.workbook.conn;
        let mut scope = super::derived::Scope::default();
        for id in self.before.keys() {
            scope.note("partners", Some(&id_image(*id)));
        }
        super::derived::refresh(conn, &scope)?;
        if self.added == 0 && self.before.is_empty() && self.added_words.is_empty() {
            return Ok(());
        }
        conn.execute("DELETE FROM change_journal WHERE undone = 1", [])?;
        conn.execute(
            "INSERT INTO change_journal (uuid, label, created_at) VALUES (?1, ?2, ?3)",
            params![new_uuid(), self.label, self.now],
        )?;
        let entry = conn.last_insert_rowid();
        let image = image_expr(&self.columns()?, "");
        let mut changed = conn.prepare(&format!(
            "INSERT INTO change_journal_rows (entry_id, position, table_name, row_uuid, \
             before_json, after_json) SELECT ?1, ?2, 'partners', uuid, ?3, {image} \
             FROM partners WHERE id = ?4"
        ))?;
        for (position, (id, before)) in self.before.iter().enumerate() {
            changed.execute(params![entry, position as i64, before, id])?;
        }
        // Added rows go in without images: undo reads them (see the journal's module comment).
        // The words the import added come before its partners, which must be last.
        let mut word = conn.prepare(
            "INSERT INTO change_journal_rows (entry_id, position, table_name, row_uuid, \
             before_json, after_json) VALUES (?1, ?2, 'vocabulary_terms', ?3, NULL, NULL)",
        )?;
        for (i, uuid) in self.added_words.iter().enumerate() {
            word.execute(params![entry, (self.before.len() + i) as i64, uuid])?;
        }
        conn.execute(
            "INSERT INTO change_journal_rows (entry_id, position, table_name, row_uuid, \
             before_json, after_json) SELECT ?1, ?2 + id, 'partners', uuid, NULL, NULL \
             FROM partners WHERE id >= ?3 ORDER BY id",
            params![
                entry,
                (self.before.len() + self.added_words.len()) as i64,
                self.first_new_id
            ],
        )
        .context("recording the import for undo")?;
        conn.execute(
            "DELETE FROM change_journal WHERE id <= ?1 - ?2",
            params![entry, super::journal::KEEP_ENTRIES],
        )?;
        Ok(())
    }
}

impl Drop for PartnerImport<'_> {
    fn drop(&mut self) {
        if self.open {
            self.open = false;
            let _ = self.workbook.conn.execute_batch("ROLLBACK");
            let _ = self.restore_cache();
        }
    }
}

/// Adds a partner: ?1 uuid, ?2 the time, then its fields, then fit, gate and onboarding.
fn insert_sql() -> String {
    let n = PartnerField::ALL.len();
    let columns: Vec<&str> = PartnerField::ALL.iter().map(|f| f.key()).collect();
    let marks: Vec<String> = (3..3 + n).map(|i| format!("?{i}")).collect();
    format!(
        "INSERT INTO partners (uuid, created_at, updated_at, {}, fit_score, gated_out, \
         onboarding_pct, next_checkin) VALUES (?1, ?2, ?2, {}, ?{}, ?{}, ?{}, '')",
        columns.join(", "),
        marks.join(", "),
        3 + n,
        4 + n,
        5 + n
    )
}

/// Changes partner ?1 at time ?2 to the fields that follow.
fn update_sql() -> String {
    let sets: Vec<String> = PartnerField::ALL
        .iter()
        .enumerate()
        .map(|(i, f)| format!("{} = ?{}", f.key(), i + 3))
        .collect();
    format!(
        "UPDATE partners SET updated_at = ?2, {} WHERE id = ?1",
        sets.join(", ")
    )
}

fn id_image(id: i64) -> serde_json::Map<String, serde_json::Value> {
    let mut image = serde_json::Map::new();
    image.insert("id".into(), id.into());
    image
}
