//! `partnerplan import` reads a TOML workbook file piece by piece: a file of any size imports
//! with the memory of a record or so, and every problem still comes with its line and key —
//! a syntax error deep in a large file, a reference that leads nowhere (found as the record is
//! written, and then nothing is kept), a UUID used twice, a single table written twice.

mod support;

use std::path::Path;

use support::Sandbox;

/// The demo plan as TOML text: every kind of record, references between them.
fn demo_toml(sb: &Sandbox) -> String {
    let demo = sb.file("demo.partnerplan");
    sb.run(["demo", demo.to_str().unwrap()]).expect_code(0);
    support::export_toml(sb, &demo, &sb.file("demo.toml"))
}

/// Imports `text` (written to `name`) into a new workbook; the run and whether it was created.
fn import(sb: &Sandbox, name: &str, text: &str) -> (support::Run, bool) {
    let file = sb.file(name);
    std::fs::write(&file, text).unwrap();
    let target = sb.file(&format!("{name}.partnerplan"));
    let run = sb.run(["import", target.to_str().unwrap(), file.to_str().unwrap()]);
    (run, target.exists())
}

/// The 1-based line of the first line of `text` that starts with `start`, after line `after`.
fn line_of(text: &str, start: &str, after: usize) -> usize {
    text.lines()
        .enumerate()
        .skip(after)
        .find(|(_, line)| line.starts_with(start))
        .map(|(n, _)| n + 1)
        .unwrap_or_else(|| panic!("no line starts with {start:?}"))
}

fn replace_line(text: &str, line: usize, with: &str) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    lines[line - 1] = with;
    lines.join("\n") + "\n"
}

fn partners_in(path: &Path) -> i64 {
    support::plain(path)
        .query_row("SELECT count(*) FROM partners", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_reference_that_leads_nowhere_is_found_with_its_line_and_nothing_is_kept() {
    let sb = Sandbox::new();
    let toml = demo_toml(&sb);
    // A criterion score's partner, changed to a UUID no record has.
    let scores = line_of(&toml, "[[criterion_scores]]", 0);
    let line = line_of(&toml, "partner = ", scores);
    let nowhere = "00000000-0000-4000-8000-000000000000";
    let (run, created) = import(
        &sb,
        "broken.toml",
        &replace_line(&toml, line, &format!("partner = \"{nowhere}\"")),
    );
    run.expect_code(1);
    let expected = format!(
        "line {line}, criterion_scores[1].partner: refers to {nowhere}, which is not a record \
         of partners here"
    );
    assert!(run.stderr.contains(&expected), "{}", run.stderr);
    assert!(!created, "a refused import leaves no workbook behind");

    // A role's parent (a reference to its own table, set once every role exists).
    let roles = line_of(&toml, "[[roles]]", 0);
    let line = line_of(&toml, "parent = ", roles);
    let (run, created) = import(
        &sb,
        "orphan.toml",
        &replace_line(&toml, line, &format!("parent = \"{nowhere}\"")),
    );
    run.expect_code(1);
    assert!(
        run.stderr.contains(&format!(
            "line {line}, roles[2].parent: refers to {nowhere}, which is not a record of roles here"
        )),
        "{}",
        run.stderr
    );
    assert!(!created);
}

#[test]
fn a_uuid_used_twice_and_a_single_table_written_twice_are_named() {
    let sb = Sandbox::new();
    let toml = demo_toml(&sb);
    // The second partner takes the first partner's UUID.
    let first = line_of(&toml, "[[partners]]", 0);
    let first_uuid_line = line_of(&toml, "uuid = ", first);
    let first_uuid = toml.lines().nth(first_uuid_line - 1).unwrap().to_string();
    let second = line_of(&toml, "[[partners]]", first);
    let second_uuid_line = line_of(&toml, "uuid = ", second);
    let (run, created) = import(
        &sb,
        "twice.toml",
        &replace_line(&toml, second_uuid_line, &first_uuid),
    );
    run.expect_code(1);
    let uuid = first_uuid.trim_start_matches("uuid = ").trim_matches('"');
    assert!(
        run.stderr.contains(&format!(
            "line {second_uuid_line}, partners[2].uuid: {uuid} is used already, by partners[1] \
             (line {first_uuid_line})"
        )),
        "{}",
        run.stderr
    );
    assert!(!created);

    // [strategy] written a second time at the end.
    let strategy = line_of(&toml, "[strategy]", 0);
    let next = line_of(&toml, "[", strategy);
    let block: Vec<&str> = toml
        .lines()
        .skip(strategy - 1)
        .take(next - strategy)
        .collect();
    let doubled = format!("{toml}\n{}\n", block.join("\n"));
    let (run, created) = import(&sb, "doubled.toml", &doubled);
    run.expect_code(1);
    let again = toml.lines().count() + 2;
    assert!(
        run.stderr.contains(&format!(
            "line {again}, strategy: [strategy] is written twice; a workbook has one, so keep one"
        )),
        "{}",
        run.stderr
    );
    assert!(!created);
}

/// The demo's TOML with `count` more partners appended, each with a long note: a large file.
fn large_toml(sb: &Sandbox, count: usize) -> String {
    let toml = demo_toml(sb);
    let first = line_of(&toml, "[[partners]]", 0);
    let next = line_of(&toml, "[", first);
    let block: Vec<&str> = toml.lines().skip(first - 1).take(next - first).collect();
    let mut large = toml.clone();
    let note = "Joint pipeline review and quarterly planning. ".repeat(400);
    for i in 0..count {
        large.push('\n');
        for line in &block {
            let line = if line.starts_with("uuid = ") {
                format!("uuid = \"00000000-0000-4000-8000-{i:012}\"")
            } else if line.starts_with("name = ") {
                format!("name = \"Bulk partner {i}\"\nnotes = \"{note}\"")
            } else if line.starts_with("notes = ") {
                continue;
            } else {
                line.to_string()
            };
            large.push_str(&line);
            large.push('\n');
        }
    }
    large
}

#[test]
fn a_large_file_imports_piece_by_piece_and_a_deep_syntax_error_names_its_line() {
    let sb = Sandbox::new();
    // Over the 8 MB up to which a file the pieces cannot follow is read whole: this one is only
    // ever read piece by piece.
    let toml = large_toml(&sb, 500);
    assert!(toml.len() > 8 * 1024 * 1024, "{} bytes", toml.len());

    let (run, created) = import(&sb, "copy.toml", &toml);
    run.expect_code(0);
    assert!(created);
    assert_eq!(partners_in(&sb.file("copy.toml.partnerplan")), 530);
    assert!(run.stdout.contains("partners 530"), "{}", run.stdout);

    // A quote left open in the last partner.
    let last = toml
        .lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with("name = "))
        .map(|(n, _)| n + 1)
        .last()
        .unwrap();
    let (run, created) = import(
        &sb,
        "open-quote.toml",
        &replace_line(&toml, last, "name = \"Unfinished"),
    );
    run.expect_code(1);
    assert!(
        run.stderr.contains(&format!("line {last}")),
        "{}",
        run.stderr
    );
    assert!(!created);
}

#[test]
fn the_export_written_a_record_at_a_time_is_the_text_of_the_whole_dump() {
    let sb = Sandbox::new();
    let demo = sb.file("demo.partnerplan");
    sb.run(["demo", demo.to_str().unwrap()]).expect_code(0);
    let wb =
        partnerplan::workbook::Workbook::open(&demo, partnerplan::workbook::OpenOptions::default())
            .unwrap();
    let whole = partnerplan::exchange::toml::render(&wb.dump().unwrap()).unwrap();
    let mut streamed = Vec::new();
    let records = partnerplan::exchange::toml::write_plan(&wb, None, &mut streamed).unwrap();
    assert_eq!(String::from_utf8(streamed).unwrap(), whole);
    let dumped: usize = wb.dump().unwrap().iter().map(|t| t.records.len()).sum();
    assert_eq!(records, dumped);
    assert!(
        records > 500,
        "the demo has every kind of record: {records}"
    );

    // A copy handed out names its hand-off first in the lineage it carries.
    let mut streamed = Vec::new();
    partnerplan::exchange::toml::write_plan(&wb, Some("hand-off-id"), &mut streamed).unwrap();
    let text = String::from_utf8(streamed).unwrap();
    assert!(
        text.contains("lineage = \"hand-off-id\""),
        "{}",
        &text[..400]
    );
}
