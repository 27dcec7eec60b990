//! `partnerplan whatif WB`: the plan beside the plan after some events — partners that exit
//! (`--exit`), are delayed (`--delay NAME=MONTHS`) or are gated out (`--gate-out`), or a scenario
//! saved by name (`--scenario`, twice to compare two side by side): returns at stake, roles that
//! lose coverage, offerings that lose a contribution, live KPIs that move, risks that rise.
//! Only `--save NAME` writes (the scenario, one undoable change); the rest opens read-only.

use std::path::Path;

use clap::Args;

use super::{Failure, exit};
use crate::config::Config;
use crate::plan::money::{Currency, Period};
use crate::plan::text::clean;
use crate::plan::whatif::WhatIf;
use crate::plan::whatif::compare::compare_rows;
use crate::plan::whatif::events::{Event, EventKind};
use crate::workbook::{OpenOptions, ScenarioEvent, ScenarioRecord, Workbook};

/// What to work out.
#[derive(Debug, Clone, Default, Args)]
pub struct WhatifArgs {
    /// A partner that exits, by its name on the roster (repeat for several).
    #[arg(long = "exit", value_name = "NAME")]
    pub exit: Vec<String>,
    /// A partner whose part arrives MONTHS (1–120) late, e.g. --delay "Pylon=6".
    #[arg(long = "delay", value_name = "NAME=MONTHS")]
    pub delay: Vec<String>,
    /// A partner that fails a selection gate and is out of the plan.
    #[arg(long = "gate-out", value_name = "NAME")]
    pub gate_out: Vec<String>,
    /// A scenario saved in the workbook; twice to compare two side by side.
    #[arg(long = "scenario", value_name = "NAME")]
    pub scenario: Vec<String>,
    /// Save the events given (--exit, --delay, --gate-out) as a scenario of this name.
    #[arg(long = "save", value_name = "NAME")]
    pub save: Option<String>,
    /// List the scenarios saved in the workbook, each with its headline.
    #[arg(long = "list")]
    pub list: bool,
}

fn internal(err: anyhow::Error) -> Failure {
    Failure {
        code: exit::INTERNAL,
        message: format!("the scenario could not be worked out: {err:#}"),
    }
}

pub fn whatif(path: &Path, args: &WhatifArgs, config: &Config) -> Result<(), Failure> {
    let has_events = !(args.exit.is_empty() && args.delay.is_empty() && args.gate_out.is_empty());
    if args.save.is_some() && !has_events {
        return Err(Failure::bad_input(
            "--save needs the events to save: add --exit, --delay or --gate-out.",
        ));
    }
    if !has_events && args.scenario.is_empty() && !args.list {
        return Err(Failure::bad_input(
            "say what to work out: --exit, --delay NAME=MONTHS or --gate-out a partner, \
             --scenario NAME for a saved scenario, or --list for the saved ones.",
        ));
    }
    if has_events && !args.scenario.is_empty() {
        return Err(Failure::bad_input(
            "give either saved scenarios (--scenario) or events (--exit, --delay, --gate-out), \
             not both; save the events as a scenario of their own with --save NAME.",
        ));
    }
    if args.scenario.len() > 2 {
        return Err(Failure::bad_input(
            "scenarios are compared two at a time; give --scenario once or twice.",
        ));
    }
    let mut wb = Workbook::open(
        path,
        OpenOptions {
            read_only: args.save.is_none(),
            create_if_missing: false,
        },
    )?;
    let currency = Currency::or_default(&config.currency);
    let period = Period::default();
    if args.list {
        print!("{}", list(&wb, period)?);
        if !has_events && args.scenario.is_empty() {
            return Ok(());
        }
    }
    let scenarios: Vec<ScenarioRecord> = args
        .scenario
        .iter()
        .map(|name| wb.scenario_named(name).map_err(Failure::bad_input))
        .collect::<Result<_, _>>()?;
    if let [a, b] = scenarios.as_slice() {
        let left = wb.scenario_outcome(&a.events(), period).map_err(internal)?;
        let right = wb.scenario_outcome(&b.events(), period).map_err(internal)?;
        print!("{}", compare((a, &left), (b, &right), &currency));
        return Ok(());
    }
    let scenario = match scenarios.into_iter().next() {
        Some(saved) => saved,
        None => ScenarioRecord {
            id: 0,
            uuid: String::new(),
            name: String::new(),
            note: String::new(),
            events: events_of(&wb, args)?,
        },
    };
    let outcome = wb
        .scenario_outcome(&scenario.events(), period)
        .map_err(internal)?;
    print!("{}", describe(&outcome, &scenario.story(), &currency));
    print!("{}", simplified(scenario.events().iter().map(|e| e.kind)));
    if let Some(name) = &args.save {
        if wb.is_read_only() {
            return Err(Failure {
                code: exit::REFUSED,
                message: format!(
                    "{} cannot be written ({}), so the scenario was not saved.",
                    path.display(),
                    wb.notices().join(" ")
                ),
            });
        }
        wb.save_scenario(name, "", &scenario.events())
            .map_err(|err| Failure::bad_input(format!("{err:#}")))?;
        println!(
            "\nSaved as the scenario \"{}\" (u in the app undoes it).",
            clean(name.trim())
        );
    }
    Ok(())
}

/// The events the flags name, each partner once; unknown names and bad months are refused with
/// what would be accepted.
fn events_of(wb: &Workbook, args: &WhatifArgs) -> Result<Vec<ScenarioEvent>, Failure> {
    let mut wanted: Vec<(&str, EventKind)> = Vec::new();
    wanted.extend(args.exit.iter().map(|n| (n.as_str(), EventKind::Exit)));
    for text in &args.delay {
        let Some((name, months)) = text.rsplit_once('=') else {
            return Err(Failure::bad_input(format!(
                "--delay \"{}\" needs the months after an equals sign, e.g. --delay \"{}=6\".",
                clean(text),
                clean(text.trim())
            )));
        };
        let months: i64 = months.trim().parse().map_err(|_| {
            Failure::bad_input(format!(
                "--delay \"{}\": \"{}\" is not a number of months; write 1 to 120.",
                clean(text),
                clean(months.trim())
            ))
        })?;
        let kind = EventKind::delay(months)
            .map_err(|why| Failure::bad_input(format!("--delay \"{}\": {why}.", clean(text))))?;
        wanted.push((name, kind));
    }
    wanted.extend(
        args.gate_out
            .iter()
            .map(|n| (n.as_str(), EventKind::GateOut)),
    );
    let mut events: Vec<ScenarioEvent> = Vec::new();
    for (name, kind) in wanted {
        let (id, stored) = wb.partner_named(name).map_err(Failure::bad_input)?;
        if events.iter().any(|e| e.event.partner == id) {
            return Err(Failure::bad_input(format!(
                "{} is named in two events; give each partner one (exit, delay or gate-out).",
                clean(&stored)
            )));
        }
        events.push(ScenarioEvent {
            event: Event { partner: id, kind },
            partner: stored,
        });
    }
    Ok(events)
}

/// The saved scenarios, each with its story and headline.
fn list(wb: &Workbook, period: Period) -> Result<String, Failure> {
    let scenarios = wb.scenarios().map_err(internal)?;
    if scenarios.is_empty() {
        return Ok(
            "No scenarios are saved in this workbook yet. Save one with --save NAME \
                   beside --exit, --delay or --gate-out.\n"
                .into(),
        );
    }
    let mut out = String::from("Saved scenarios:\n");
    for s in &scenarios {
        let outcome = wb.scenario_outcome(&s.events(), period).map_err(internal)?;
        out.push_str(&format!(
            "  {}: {}\n",
            clean(&s.name),
            outcome.headline_of(&s.story())
        ));
    }
    Ok(out)
}

/// What the figures simplify for these events, as a paragraph to print after them ('' when
/// nothing is simplified).
fn simplified(kinds: impl IntoIterator<Item = EventKind>) -> String {
    let notes = crate::plan::whatif::events::simplifications(kinds);
    if notes.is_empty() {
        return String::new();
    }
    format!("\nSimplified: {}\n", notes.join(" "))
}

/// The scenario as the command prints it: the headline, then now beside the scenario.
pub fn describe(outcome: &WhatIf, story: &str, currency: &Currency) -> String {
    let mut out = format!("{}\n", outcome.headline_of(story));
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
        out.push_str("\nRoles that would be weaker (now → scenario):\n");
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
    if !outcome.kpis.is_empty() {
        out.push_str("\nLive KPIs that would move (now → scenario):\n");
        for kpi in &outcome.kpis {
            out.push_str(&format!("  {}: {}\n", clean(&kpi.name), kpi.change()));
        }
    }
    if !outcome.risks.is_empty() {
        out.push_str(
            "\nRisks that would rise (they name a partner that goes or a role that weakens):\n",
        );
        for risk in &outcome.risks {
            out.push_str(&format!("  {} {}\n", clean(&risk.code), clean(&risk.title)));
        }
    }
    out
}

/// Two saved scenarios side by side, a row per figure, then each headline.
fn compare(
    (a, left): (&ScenarioRecord, &WhatIf),
    (b, right): (&ScenarioRecord, &WhatIf),
    currency: &Currency,
) -> String {
    let rows = compare_rows(left, right, currency);
    let (name_a, name_b) = (clean(&a.name), clean(&b.name));
    let first = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0);
    let second = rows
        .iter()
        .map(|r| r.1.chars().count())
        .chain([name_a.chars().count()])
        .max()
        .unwrap_or(0);
    let mut out = format!(
        "{:first$}   {name_a:second$}   {name_b}\n",
        "",
        first = first,
        second = second
    );
    for (label, l, r) in &rows {
        out.push_str(&format!("{label:first$}   {l:second$}   {r}\n"));
    }
    out.push_str(&format!(
        "\n{}: {}\n{}: {}\n",
        name_a,
        left.headline_of(&a.story()),
        name_b,
        right.headline_of(&b.story())
    ));
    let kinds = a.events().into_iter().chain(b.events()).map(|e| e.kind);
    out.push_str(&simplified(kinds));
    out
}
