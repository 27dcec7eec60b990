//! Partner records: add, edit, delete (journaled), a partner's fields and its likely duplicates.

mod facets;
mod roster;

pub use facets::{DueBy, Facets};
pub(crate) use facets::{checkin_due_sql, onboarded_sql, tended_sql};
pub use roster::{PartnerPageQuery, PartnerRow, PartnerSort, RosterCounts};

use anyhow::{Result, bail};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, ToSql};

use super::Workbook;
use crate::plan::shape::website_key;
use crate::plan::{PartnerDraft, PartnerField};

/// A LIKE pattern matching `text` anywhere, with LIKE's wildcards in it taken literally.
fn like_pattern(text: &str) -> String {
    let mut pattern = String::from("%");
    for c in text.trim().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

impl Workbook {
    /// Every field of partner `id`, or `None` if it is gone. Values of an unexpected type (from a
    /// hand-edited file) are read as text, so they are shown rather than dropped.
    pub fn partner(&self, id: i64) -> Result<Option<PartnerDraft>> {
        let columns: Vec<&str> = PartnerField::ALL.iter().map(|f| f.key()).collect();
        let sql = format!("SELECT {} FROM partners WHERE id = ?1", columns.join(", "));
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row([id], |row| {
                let mut draft = PartnerDraft::default();
                for (index, field) in PartnerField::ALL.iter().enumerate() {
                    draft.set(*field, as_text(row.get(index)?));
                }
                Ok(draft)
            })
            .optional()?)
    }

    fn checked(draft: &PartnerDraft) -> Result<PartnerDraft> {
        if let Some(error) = draft.validate().into_iter().next() {
            bail!("{}", error.message);
        }
        Ok(draft.normalised())
    }

    /// Saves a new partner; returns its id.
    pub fn add_partner(&mut self, draft: &PartnerDraft) -> Result<i64> {
        let d = Self::checked(draft)?;
        let values = column_values(&d);
        let mut change = self.change(format!("add partner {}", d.name))?;
        let id = change.insert("partners", &as_params(&values))?;
        change.commit()?;
        Ok(id)
    }

    pub fn update_partner(&mut self, id: i64, draft: &PartnerDraft) -> Result<()> {
        let d = Self::checked(draft)?;
        let values = column_values(&d);
        let mut change = self.change(format!("edit partner {}", d.name))?;
        change.update("partners", id, &as_params(&values))?;
        change.commit()
    }

    /// What the draft shares with other partners (not `except`): the same name, ignoring case and
    /// surrounding space, or the same website, ignoring scheme, `www.`, case and trailing slashes.
    /// Each entry is a clause for a warning, e.g. "Another partner is called Acme".
    pub fn partner_duplicates(
        &self,
        draft: &PartnerDraft,
        except: Option<i64>,
    ) -> Result<Vec<String>> {
        let d = draft.normalised();
        let mut found = Vec::new();
        if !d.name.is_empty() {
            let same_name: Option<String> = if d.name.is_ascii() {
                // The column is NOCASE, so this is a case-insensitive seek in the name index.
                self.conn
                    .prepare_cached(
                        "SELECT name FROM partners WHERE name = ?1 AND id IS NOT ?2 LIMIT 1",
                    )?
                    .query_row(rusqlite::params![d.name, except], |row| row.get(0))
                    .optional()?
            } else {
                // NOCASE folds ASCII only; other scripts are compared here (only on save).
                let wanted = d.name.to_lowercase();
                let mut stmt = self
                    .conn
                    .prepare_cached("SELECT name FROM partners WHERE id IS NOT ?1")?;
                let mut rows = stmt.query([except])?;
                let mut hit = None;
                while let Some(row) = rows.next()? {
                    let name = as_text(row.get(0)?);
                    if name.trim().to_lowercase() == wanted {
                        hit = Some(name);
                        break;
                    }
                }
                hit
            };
            if let Some(name) = same_name {
                found.push(format!("Another partner is called {name}"));
            }
        }
        let key = website_key(&d.website);
        if !key.is_empty() {
            let mut stmt = self.conn.prepare_cached(
                "SELECT name, website FROM partners \
                 WHERE website LIKE ?1 ESCAPE '\\' AND id IS NOT ?2 ORDER BY name, id",
            )?;
            let mut rows = stmt.query(rusqlite::params![like_pattern(&key), except])?;
            while let Some(row) = rows.next()? {
                let website = as_text(row.get(1)?);
                if website_key(&website) == key {
                    let name = as_text(row.get(0)?);
                    found.push(format!("{name} has the same website ({website})"));
                    break;
                }
            }
        }
        Ok(found)
    }

    /// Deletes a partner with its scores, onboarding, check-ins and assignments (undo restores all).
    pub fn delete_partner(&mut self, id: i64) -> Result<String> {
        let name = self.partner(id)?.map(|p| p.name).unwrap_or_default();
        let mut change = self.change(format!("delete partner {name}"))?;
        change.delete("partners", id)?;
        change.commit()?;
        Ok(name)
    }
}

/// A stored value as the text a draft holds (NULL: empty).
fn as_text(value: Value) -> String {
    match value {
        Value::Null | Value::Blob(_) => String::new(),
        Value::Integer(i) => i.to_string(),
        Value::Real(f) => f.to_string(),
        Value::Text(text) => text,
    }
}

/// A valid, normalised draft as column values: dates and the cadence are NULL when empty.
fn column_values(d: &PartnerDraft) -> Vec<(&'static str, Value)> {
    PartnerField::ALL
        .iter()
        .map(|&field| {
            let text = d.get(field);
            let value = match field {
                PartnerField::CheckinCadence => {
                    d.cadence_days().map_or(Value::Null, Value::Integer)
                }
                PartnerField::AgreementStart | PartnerField::AgreementEnd if text.is_empty() => {
                    Value::Null
                }
                _ => Value::Text(text.to_string()),
            };
            (field.key(), value)
        })
        .collect()
}

fn as_params<'v>(values: &'v [(&'static str, Value)]) -> Vec<(&'static str, &'v dyn ToSql)> {
    values
        .iter()
        .map(|(name, value)| (*name, value as &dyn ToSql))
        .collect()
}
