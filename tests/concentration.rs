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

/// Region and sector join the roster's facets, so the concentration the figures name can be
/// looked at: the demo's partners in Europe, and those of one sector.
#[test]
fn region_and_sector_narrow_the_roster() {
    use partnerplan::workbook::{Facets, PartnerPageQuery};
    let sb = Sandbox::new();
    let path = sb.file("demo.partnerplan");
    sb.run([OsStr::new("demo"), path.as_os_str()])
        .expect_code(0);
    let wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    let count = |facets: Facets| {
        wb.partner_matches(&PartnerPageQuery {
            facets,
            ..PartnerPageQuery::default()
        })
        .unwrap()
    };
    let all = count(Facets::default());
    let europe_active = count(Facets {
        region: Some("Europe".into()),
        stage: Some("active".into()),
        ..Facets::default()
    });
    assert_eq!(europe_active, 10, "the 10 active partners in Europe");
    let europe = count(Facets {
        region: Some("Europe".into()),
        ..Facets::default()
    });
    assert!(europe > europe_active && europe < all, "{europe} of {all}");
    let sector: String = wb
        .connection()
        .query_row(
            "SELECT sector FROM partners WHERE sector != '' GROUP BY sector ORDER BY count(*) DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let in_sector: i64 = wb
        .connection()
        .query_row(
            "SELECT count(*) FROM partners WHERE sector = ?1",
            [&sector],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        count(Facets {
            sector: Some(sector.clone()),
            ..Facets::default()
        }),
        in_sector
    );
}
