//! Writes `assets/demo.toml`, the sample plan `partnerplan demo` creates: a fictional industrial
//! IoT company's partner ecosystem, built through the workbook API and written by the TOML
//! exporter, so the asset is always a file `import` accepts.
//!
//! Run: `cargo run --example make_demo -- assets/demo.toml`. The same bytes come out every time:
//! UUIDs come from a seeded generator and timestamps from a fixed clock (see `fixed`), and every
//! date in the plan is written out here. `tests/demo.rs` regenerates it and compares.

mod ecosystem;
mod fixed;
mod joint;
mod metrics;
mod partners;
mod risks;
mod roles;
mod strategy;
mod trends;

use std::path::PathBuf;

use anyhow::{Context as _, Result, anyhow, ensure};
use partnerplan::exchange;
use partnerplan::plan::whatif::events::{Event, EventKind};
use partnerplan::workbook::{OpenOptions, Workbook};

/// The demo's title and client say that it is a demo.
pub const TITLE: &str = "Demo plan — Veltrane partner ecosystem 2026";
pub const CLIENT: &str = "Veltrane Sensor Systems (fictional demo company)";
pub const AUTHOR: &str = "partnerplan demo";

fn main() -> Result<()> {
    let target: PathBuf = std::env::args_os().nth(1).map(PathBuf::from).context(
        "name the file to write, e.g. cargo run --example make_demo -- assets/demo.toml",
    )?;
    let text = demo_toml()?;
    std::fs::write(&target, &text).with_context(|| format!("writing {}", target.display()))?;
    println!("Wrote {} ({} bytes).", target.display(), text.len());
    Ok(())
}

/// A day written `YYYY-MM-DD`.
pub fn day(text: &str) -> Result<jiff::civil::Date> {
    text.parse()
        .with_context(|| format!("{text} is not a date"))
}

/// The demo plan as TOML text, checked: it imports into a new workbook, which exports the same
/// bytes again.
pub fn demo_toml() -> Result<String> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("demo.partnerplan");
    Workbook::create(&path, Some(TITLE))?;
    let mut wb = Workbook::open(&path, OpenOptions::default())?;
    let ids = partners::add(&mut wb)?;
    let roles = roles::add_roles(&mut wb, &ids)?;
    let goals = strategy::add(&mut wb, &ids, &roles)?;
    metrics::add(&mut wb, &ids, &goals)?;
    ecosystem::add(&mut wb, &ids, &goals)?;
    joint::add(&mut wb, &ids)?;
    let history = risks::add(&mut wb, &ids, &roles)?;
    trends::add(&mut wb)?;
    // One saved what-if scenario: the distributor behind most returns leaves.
    let ostrander = wb
        .partner_named("Ostrander Industrial Supply")
        .map_err(|why| anyhow!("the demo's scenario: {why}"))?
        .0;
    wb.save_scenario(
        "Ostrander exits",
        "The distributor behind most of the returns leaves.",
        &[Event {
            partner: ostrander,
            kind: EventKind::Exit,
        }],
    )?;
    let mut tables = wb.dump()?;
    drop(wb);
    trends::forget_examples(&mut tables);
    fixed::fix(&mut tables, &history)?;
    let text = exchange::toml::render(&tables)?;

    let copy = dir.path().join("copy.partnerplan");
    exchange::toml::import(&copy, &text, &[])
        .map_err(|err| anyhow!("the demo does not import: {err:?}"))?;
    let read_only = OpenOptions {
        read_only: true,
        create_if_missing: false,
    };
    let again = exchange::toml::export(&Workbook::open(&copy, read_only)?)?;
    ensure!(
        again == text,
        "the demo does not export the same bytes after an import"
    );
    Ok(text)
}
