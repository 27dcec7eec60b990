//! Margin rates in the workbook: a partner's own and its type's, which value entries without a
//! margin of their own count at (journaled).

use anyhow::{Result, bail};

use crate::workbook::Workbook;

impl Workbook {
    /// A partner's margin rate (percent of revenue), which its value entries without a margin
    /// of their own take; `None` clears it. One journaled edit.
    pub fn set_partner_margin_rate(&mut self, partner_id: i64, rate: Option<f64>) -> Result<()> {
        self.refuse_write()?;
        if let Some(why) = rate.and_then(crate::plan::money::margin_rate_problem) {
            bail!(why);
        }
        let name: Option<String> = self.partner_names(&[partner_id])?.get(&partner_id).cloned();
        let Some(name) = name else {
            bail!("That partner no longer exists (undone or deleted); nothing was changed.");
        };
        let mut change = self.change(format!("set the margin rate of {name}"))?;
        change.update("partners", partner_id, &[("margin_rate", &rate)])?;
        change.commit()?;
        Ok(())
    }

    /// The margin rate of partner type `kind` (percent of revenue), which its partners' value
    /// entries take when neither the entry has a margin nor the partner a rate.
    pub fn type_margin_rate(&self, kind: &str) -> Result<Option<f64>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .prepare_cached("SELECT margin_rate FROM type_programmes WHERE partner_type = ?1")?
            .query_row([kind.trim()], |r| r.get::<_, Option<f64>>(0))
            .optional()?
            .flatten())
    }

    /// Sets partner `partner_id`'s margin rate and, when `type_rate` names its type, that type's
    /// rate too (`None` clears either), as one journaled change.
    pub fn set_margin_rates(
        &mut self,
        partner_id: i64,
        rate: Option<f64>,
        type_rate: Option<(&str, Option<f64>)>,
    ) -> Result<()> {
        use rusqlite::OptionalExtension;
        self.refuse_write()?;
        for rate in [rate, type_rate.and_then(|(_, r)| r)].into_iter().flatten() {
            if let Some(why) = crate::plan::money::margin_rate_problem(rate) {
                bail!(why);
            }
        }
        let name: Option<String> = self.partner_names(&[partner_id])?.get(&partner_id).cloned();
        let Some(name) = name else {
            bail!("That partner no longer exists (undone or deleted); nothing was changed.");
        };
        let existing = match type_rate {
            Some((kind, _)) if kind.trim().is_empty() => {
                bail!(
                    "{name} has no type, so there is no type's rate to set; give it a type first."
                )
            }
            Some((kind, _)) => self
                .conn
                .prepare_cached(
                    "SELECT id, margin_rate FROM type_programmes WHERE partner_type = ?1",
                )?
                .query_row([kind.trim()], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?)))
                .optional()?,
            None => None,
        };
        let partner_changes = self.partner_margin_rate(partner_id)? != rate;
        let type_changes = match (type_rate, existing) {
            (Some((_, r)), Some((_, was))) => r != was,
            (Some((_, r)), None) => r.is_some(),
            (None, _) => false,
        };
        if !partner_changes && !type_changes {
            return Ok(());
        }
        let mut change = self.change(format!("set the margin rate of {name}"))?;
        if partner_changes {
            change.update("partners", partner_id, &[("margin_rate", &rate)])?;
        }
        match (type_rate, existing) {
            (Some((_, None)), Some((id, _))) => change.delete("type_programmes", id)?,
            (Some((_, Some(r))), Some((id, was))) if was != Some(r) => {
                change.update("type_programmes", id, &[("margin_rate", &r)])?
            }
            (Some((kind, Some(r))), None) => {
                change.insert(
                    "type_programmes",
                    &[("partner_type", &kind.trim()), ("margin_rate", &r)],
                )?;
            }
            _ => {}
        }
        change.commit()
    }

    /// A partner's margin rate, when set.
    pub fn partner_margin_rate(&self, partner_id: i64) -> Result<Option<f64>> {
        use rusqlite::OptionalExtension;
        let rate = self
            .conn
            .query_row(
                "SELECT margin_rate FROM partners WHERE id = ?1",
                [partner_id],
                |r| r.get::<_, Option<f64>>(0),
            )
            .optional()?;
        Ok(rate.flatten())
    }
}
