//! Issue 20: the concentration figures read from a workbook — the demo's returns come mostly
//! from one distributor and its active partners mostly from Europe — and reading them writes
//! nothing.

mod support;

use std::ffi::OsStr;

use partnerplan::plan::concentration::{Dimension, Level, Measure, Thresholds};
use partnerplan::plan::money::Period;
use partnerplan::workbook::{OpenOptions, Workbook};
use support::Sandbox;

#[test]
fn the_demo_is_concentrated_on_one_distributor_and_on_europe() {
    let sb = Sandbox::new();
    let path = sb.file("demo.partnerplan");
    sb.run([OsStr::new("demo"), path.as_os_str()])
        .expect_code(0);
    let before = std::fs::read(&path).unwrap();
    let wb = Workbook::open(
        &path,
        OpenOptions {
            read_only: true,
            create_if_missing: false,
        },
    )
    .unwrap();
    let figures = wb
        .concentrations(Period::default(), Thresholds::default())
        .unwrap();
    let find = |measure, dimension| {
        figures
            .iter()
            .find(|c| c.measure == measure && c.dimension == dimension)
            .unwrap_or_else(|| panic!("no {measure:?} by {dimension:?}"))
    };
    let returns = find(Measure::Returns, Dimension::Partner);
    let top = returns.top().unwrap();
    assert_eq!(top.label, "Ostrander Industrial Supply");
    assert_eq!(top.percent, 73, "{}", returns.reading());
    assert_eq!(returns.level, Level::High);
    assert!(
        returns
            .reading()
            .contains("Ostrander Industrial Supply brings 73 % of returns"),
        "{}",
        returns.reading()
    );
    let regions = find(Measure::ActivePartners, Dimension::Region);
    assert_eq!(regions.top().unwrap().label, "Europe");
    assert_eq!(regions.total, 13, "{regions:?}");
    assert_eq!(regions.top().unwrap().amount, 10);
    drop(wb);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "reading wrote nothing"
    );
}
