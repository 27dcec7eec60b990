//! `partnerplan demo`: a sample plan for a fictional company, made from `assets/demo.toml` by the
//! same import as `partnerplan import` (the file is written by `examples/make_demo`).

use std::path::Path;

use super::{Failure, exit};
use crate::config::Config;
use crate::exchange::{self, ExchangeError};
use crate::plan::framework::shipped;
use crate::plan::guide::StepState;
use crate::plan::numbers::count_of;
use crate::workbook::{OpenOptions, Workbook};

/// The demo plan as `export --format toml` writes it.
const DEMO_TOML: &str = include_str!("../../assets/demo.toml");

pub fn demo(path: &Path, config: &Config) -> Result<(), Failure> {
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(Failure::bad_input(format!(
            "{} already exists, so no demo was written and the file is as it was. Name a file \
             that does not exist yet, e.g. partnerplan demo demo.partnerplan",
            path.display()
        )));
    }
    let imported = exchange::toml::import(path, DEMO_TOML, &config.criteria_weights)
        .map_err(|err| match err {
            ExchangeError::Open(err) => err.into(),
            ExchangeError::Refused(message) => Failure {
                code: exit::REFUSED,
                message,
            },
            other => Failure {
                code: exit::INTERNAL,
                message: format!(
                    "the built-in demo plan could not be written ({other:?}); this is a fault in \
                     partnerplan, please report it. `partnerplan new` still makes an empty workbook."
                ),
            },
        })?;
    let added = |key: &str| {
        imported
            .report
            .tables
            .iter()
            .find(|t| t.key == key)
            .map_or(0, |t| t.added)
    };
    let read_only = OpenOptions {
        read_only: true,
        create_if_missing: false,
    };
    let workbook = Workbook::open(path, read_only)?;
    let organisation = workbook.meta().map_err(Failure::internal)?.organisation;
    let framework = shipped().map_err(|message| Failure {
        code: exit::INTERNAL,
        message,
    })?;
    let guide = workbook
        .guide(framework, &config.bands())
        .map_err(Failure::internal)?;
    let steps = |state: StepState| guide.statuses.iter().filter(|s| s.state == state).count();
    println!(
        "Created {}: the demo plan of {organisation}.",
        path.display()
    );
    println!(
        "  {}, {}, {}, {} with {}, {}, {} and {}.",
        count_of(added("partners"), "partner", "partners"),
        count_of(added("roles"), "role", "roles"),
        count_of(added("risks"), "risk", "risks"),
        count_of(added("kpis"), "KPI", "KPIs"),
        count_of(added("kpi_measurements"), "measurement", "measurements"),
        count_of(added("goals"), "goal", "goals"),
        count_of(added("investments"), "investment", "investments"),
        count_of(added("value_log"), "value-log entry", "value-log entries"),
    );
    println!(
        "  Guide: {}% ready — {} done, {} in progress, {} not started.",
        guide.readiness,
        count_of(steps(StepState::Done), "step", "steps"),
        steps(StepState::InProgress),
        steps(StepState::NotStarted),
    );
    println!("Open it with: partnerplan {}", path.display());
    Ok(())
}
