//! The TOML import holds every value to the same rules as the forms and the CSV import (issue 15:
//! it stored 2026-02-30, ±infinity, control characters and a risk counter that then wrapped):
//! each is refused with its line and key, and nothing is written.

mod support;

use std::ffi::OsStr;
use std::fs;

use support::Sandbox;

fn line_of(text: &str, needle: &str) -> usize {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the export"));
    text[..at].matches('\n').count() + 1
}

#[test]
fn toml_import_refuses_what_the_forms_refuse_with_line_and_key() {
    let sb = Sandbox::new();
    let path = sb.file("plan.partnerplan");
    support::workbook_with_partners(&path, 1);
    let toml = sb.file("plan.toml");
    let good = support::export_toml(&sb, &path, &toml);
    let weight = good
        .lines()
        .find(|l| l.starts_with("weight = "))
        .unwrap()
        .to_string();
    let goal = "\n[[goals]]\nuuid = \"0190a4b2-7c1d-7e3f-8a9b-0c1d2e3f4a5b\"\ntitle = \"Grow\"\n\
                position = 1\ntarget_date = \"2026-02-30\"\ncreated_at = \"x\"\nupdated_at = \"x\"\n";
    let cases: Vec<(String, String, &str)> = vec![
        (
            good.replacen(
                "next_risk_number = 1",
                "next_risk_number = 9223372036854775807",
                1,
            ),
            "next_risk_number = ".into(),
            "workbook.next_risk_number: 9223372036854775807 is out of range",
        ),
        (
            good.replacen(&weight, "weight = inf", 1),
            "weight = inf".into(),
            ".weight: inf is not a finite number",
        ),
        (
            good.replacen(&weight, "weight = -inf", 1),
            "weight = -inf".into(),
            ".weight: -inf is not a finite number",
        ),
        (
            good.replacen(
                "name = \"Partner 000\"",
                "name = \"Partner\\u001b]0;owned\\u0007\"",
                1,
            ),
            "name = \"Partner\\u001b".into(),
            "partners[1].name: holds U+001B (a control character); remove it.",
        ),
        (
            format!("{good}{goal}"),
            "target_date = \"2026-02-30\"".into(),
            "goals[1].target_date: 2026-02-30 is not a date that exists",
        ),
        (
            // Over-size text is refused with its line and key (it exited 3 with no line).
            good.replacen(
                "name = \"Partner 000\"",
                &format!("name = \"{}\"", "N".repeat(300_000)),
                1,
            ),
            "name = \"NNN".into(),
            "partners[1].name: is too long (300,000 characters; at most 100,000 fit)",
        ),
    ];
    for (text, needle, words) in cases {
        let line = line_of(&text, &needle);
        let file = sb.file("spoiled.toml");
        fs::write(&file, &text).unwrap();
        let target = sb.file("never.partnerplan");
        sb.run([OsStr::new("import"), target.as_os_str(), file.as_os_str()])
            .expect_code(1)
            .stderr_mentions(&[&format!("line {line}, "), words, "nothing was imported"]);
        assert!(!target.exists(), "nothing is created: {words}");
    }
    // The untouched export still imports.
    let target = sb.file("copy.partnerplan");
    sb.run([OsStr::new("import"), target.as_os_str(), toml.as_os_str()])
        .expect_code(0);
}
