//! The Strategy tab's row of sections on a narrow terminal (60×15): no name is cut — the chosen
//! section and as many whole names around it as fit, "‹" and "›" where more lie before or after
//! — at the first section, the last and one between; at 80 columns they all fit.

mod screen_harness;
mod strategy_seed;

use screen_harness::{Screen, assert_shows};
use strategy_seed::strategy_screen;

/// The row of sections: the line under the tab bar.
fn row(s: &Screen) -> String {
    // Each line of the text is quoted, as a snapshot shows it.
    let line = s.text().lines().nth(2).unwrap_or_default().to_string();
    line.trim_matches('"').trim_end().to_string()
}

const NAMES: [&str; 10] = [
    "Mission",
    "Core",
    "Value",
    "Model",
    "Goals",
    "Resources",
    "Governance",
    "Forums",
    "Data sharing",
    "Future",
];

/// Every word of the row is a whole section name (the chosen one in brackets) or a marker.
fn whole_names(row: &str) -> Vec<String> {
    let inner = row.trim().trim_start_matches("‹ ").trim_end_matches(" ›");
    let mut names = Vec::new();
    let mut rest = inner;
    while !rest.is_empty() {
        let found = NAMES
            .iter()
            .flat_map(|n| [format!("[{n}]"), n.to_string()])
            .filter(|n| rest.starts_with(n.as_str()))
            .max_by_key(String::len)
            .unwrap_or_else(|| panic!("a cut name at {rest:?} in {row:?}"));
        rest = rest[found.len()..].trim_start();
        names.push(found);
    }
    names
}

#[test]
fn the_section_row_at_60_columns_cuts_no_name() {
    let mut s = strategy_screen(60, 15);
    s.keys("M");
    let first = row(&s);
    assert!(first.starts_with("[Mission] Core"), "{first}");
    assert!(first.ends_with(" ›"), "more after: {first}");
    assert!(first.chars().count() <= 60);
    whole_names(&first);
    insta::assert_snapshot!("strategy_row_60x15_mission", s.terminal.backend());

    s.keys("P");
    let middle = row(&s);
    assert!(middle.contains("[Data sharing]"), "{middle}");
    assert!(middle.starts_with("‹ "), "{middle}");
    whole_names(&middle);
    insta::assert_snapshot!("strategy_row_60x15_data_sharing", s.terminal.backend());

    s.keys("T");
    let last = row(&s);
    assert!(last.ends_with("[Future]"), "{last}");
    assert!(last.starts_with("‹ "), "{last}");
    whole_names(&last);

    // At 80 columns every section fits, one space apart.
    s.terminal.backend_mut().resize(80, 24);
    s.draw();
    assert_shows(
        &s,
        "Mission Core Value Model Goals Resources Governance Forums Data sharing [Future]",
    );
    // At 100, each is padded by a space either side.
    s.terminal.backend_mut().resize(100, 30);
    s.draw();
    assert_shows(
        &s,
        " Mission  Core  Value  Model  Goals  Resources  Governance  Forums  Data sharing [Future]",
    );
}
