//! `partnerplan whatif WB --exit NAME`: the plan beside the plan without those partners —
//! returns at stake, roles that lose coverage, offerings that lose a contribution. The workbook
//! is opened read-only and nothing is written.

use std::collections::BTreeSet;
use std::path::Path;

use super::Failure;
use crate::config::Config;
use crate::plan::money::{Currency, Period};
use crate::plan::text::clean;
use crate::plan::whatif::WhatIf;
use crate::workbook::{OpenOptions, Workbook};

pub fn whatif(path: &Path, exits: &[String], config: &Config) -> Result<(), Failure> {
    let wb = Workbook::open(
        path,
        OpenOptions {
            read_only: true,
            create_if_missing: false,
        },
    )?;
    let mut leaving = BTreeSet::new();
    let mut names = Vec::new();
    for name in exits {
        let (id, stored) = wb.partner_named(name).map_err(Failure::bad_input)?;
        if leaving.insert(id) {
            names.push(clean(&stored).into_owned());
        }
    }
    let outcome = wb
        .what_if(&leaving, Period::default())
        .map_err(|err| Failure {
            code: super::exit::INTERNAL,
            message: format!("the scenario could not be worked out: {err:#}"),
        })?;
    let currency = Currency::or_default(&config.currency);
    print!("{}", describe(&outcome, &names, &currency));
    Ok(())
}

/// The scenario as the command prints it.
fn describe(outcome: &WhatIf, names: &[String], currency: &Currency) -> String {
    let who = match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.concat(),
    };
    let exits = if names.len() > 1 { "exit" } else { "exits" };
    let mut out = format!("{}\n", outcome.headline(&who, exits));
    if outcome.returns_total > 0 {
        let share = outcome
            .percent_at_stake()
            .map_or_else(String::new, |p| format!(" ({p} %)"));
        out.push_str(&format!(
            "\nReturns at stake, all time: {} of {}{share}.\n",
            currency.format(outcome.returns_at_stake),
            currency.format(outcome.returns_total)
        ));
    }
    if !outcome.roles.is_empty() {
        out.push_str("\nRoles that would be weaker:\n");
        for role in &outcome.roles {
            let why = if role.gap {
                "nobody would hold it"
            } else if role.single_point {
                "one partner would hold it alone"
            } else {
                "fewer partners than it needs"
            };
            out.push_str(&format!(
                "  {} ({} criticality): {} → {} — {why}\n",
                clean(&role.role),
                role.criticality.word(),
                role.before.word(),
                role.after.word()
            ));
        }
    }
    if !outcome.offerings.is_empty() {
        out.push_str("\nOfferings that would lose a contribution:\n");
        for offering in &outcome.offerings {
            let lost: Vec<String> = offering
                .lost
                .iter()
                .map(|l| clean(l).into_owned())
                .collect();
            let critical = if offering.critical { " (critical)" } else { "" };
            out.push_str(&format!(
                "  {}: {}{critical}\n",
                clean(&offering.offering),
                lost.join(", ")
            ));
        }
    }
    out
}
