//! Export and import from the app: the path popup with Tab completion, the progress gauge, the
//! result popup; then the files written and the partners imported, read from disk and workbook.

mod screen_harness;

use std::path::{Path, PathBuf};

use partnerplan::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use screen_harness::*;
use tempfile::TempDir;

/// The app at `width`×`height`, relative file names starting in the sandbox's `out` folder.
fn exchange_screen(width: u16, height: u16) -> (Screen, PathBuf) {
    let mut s = screen(width, height);
    let out = s._dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    s.app.set_exchange_dir(out.clone());
    s.draw();
    (s, out)
}

fn ctrl(s: &mut Screen, c: char) {
    s.key_with(KeyCode::Char(c), KeyModifiers::CONTROL);
}

/// Empties the popup's file field and types `text` into it.
fn type_path(s: &mut Screen, text: &str) {
    for _ in 0..80 {
        s.key(KeyCode::Backspace);
    }
    s.keys(text);
}

/// Runs the waiting import as the event loop does, keeping each gauge frame it paints.
fn run_import(s: &mut Screen) -> Vec<String> {
    assert!(s.app.import_waiting(), "no import waits:\n{}", s.text());
    let last = s.terminal.backend().buffer().clone();
    let area = last.area;
    let mut frames = Vec::new();
    s.app.run_pending_import(&mut |paint| {
        let mut terminal = Terminal::new(TestBackend::new(area.width, area.height)).unwrap();
        terminal
            .draw(|frame| {
                frame.buffer_mut().clone_from(&last);
                paint(frame.buffer_mut());
            })
            .unwrap();
        frames.push(terminal.backend().to_string());
    });
    s.draw();
    frames
}

/// The screen with the sandbox's folder written as [DIR], the lines kept as wide as drawn.
fn masked(text: &str, dir: &Path) -> String {
    let dir = dir.display().to_string();
    let missing = dir.chars().count().saturating_sub("[DIR]".len());
    text.lines()
        .map(|line| match line.find(&dir) {
            None => line.to_string(),
            Some(at) => {
                let line = line.replacen(&dir, "[DIR]", 1);
                let after = at + "[DIR]".len();
                let border = line[after..]
                    .find('│')
                    .map_or(line.len() - 1, |i| after + i);
                format!(
                    "{}{}{}",
                    &line[..border],
                    " ".repeat(missing),
                    &line[border..]
                )
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The screen drawn afresh: cells left over from wide characters of earlier frames are wiped, so
/// the snapshot shows only this frame.
fn fresh(s: &mut Screen) -> String {
    s.terminal.clear().unwrap();
    s.draw();
    s.text()
}

fn partners(s: &Screen) -> i64 {
    s.count("SELECT count(*) FROM partners")
}

#[test]
fn the_palette_and_ctrl_e_open_the_export_popup_on_every_tab() {
    let (mut s, _) = exchange_screen(80, 24);
    for tab in ['1', '2', '3', '4', '5', '6', '7'] {
        s.key(KeyCode::Char(tab))
            .key(KeyCode::Char(':'))
            .keys("export");
        assert_shows(&s, "export to a file");
        s.key(KeyCode::Enter);
        assert_shows(&s, "TOML — the whole workbook as text");
        s.key(KeyCode::Esc).key(KeyCode::Char(':')).keys("import");
        assert_shows(&s, "import a TOML workbook or a CSV of partners");
        s.key(KeyCode::Esc);
    }
    let (mut s, out) = exchange_screen(80, 24);
    ctrl(&mut s, 'e');
    assert_shows(&s, "File: acme.toml");
    s.key(KeyCode::Down);
    assert_shows(&s, "File: acme-partners.csv");
    insta::assert_snapshot!("export_prompt_80x24", masked(&fresh(&mut s), &out));
    s.terminal.backend_mut().resize(200, 60);
    s.draw();
    insta::assert_snapshot!("export_prompt_200x60", masked(&fresh(&mut s), &out));
}

#[test]
fn tab_completes_the_common_start_and_lists_the_choices_on_a_second_tab() {
    let (mut s, out) = exchange_screen(80, 24);
    std::fs::write(out.join("acme-partners.csv"), "x").unwrap();
    std::fs::write(out.join("acme-plan.toml"), "x").unwrap();
    std::fs::create_dir(out.join("archive")).unwrap();
    ctrl(&mut s, 'o');
    type_path(&mut s, "ac");
    s.key(KeyCode::Tab);
    assert_shows(&s, "File: acme-p");
    s.key(KeyCode::Tab);
    assert_shows(&s, "acme-partners.csv  acme-plan.toml");
    insta::assert_snapshot!("completion_80x24", masked(&fresh(&mut s), &out));
    s.keys("a").key(KeyCode::Tab);
    assert_shows(&s, "File: acme-partners.csv");
    type_path(&mut s, "ar");
    s.key(KeyCode::Tab);
    assert_shows(&s, "File: archive/");
    type_path(&mut s, "zz");
    s.key(KeyCode::Tab);
    assert_shows(&s, "Nothing in that folder starts with \"zz\"");
    assert_shows(&s, "File: zz");
}

#[test]
fn export_writes_the_partners_and_asks_before_replacing_a_file() {
    let (mut s, out) = exchange_screen(80, 24);
    ctrl(&mut s, 'e');
    s.key(KeyCode::Down).key(KeyCode::Enter);
    // A spreadsheet asks who it is for; internal (everything) is the default.
    assert_shows(&s, "Export options");
    s.key(KeyCode::Enter);
    shows(
        &wait_for_export(&mut s),
        "Wrote 7 partners to acme-partners.csv.",
    );
    insta::assert_snapshot!("export_result_80x24", masked(&fresh(&mut s), &out));
    let mut reader = csv::Reader::from_path(out.join("acme-partners.csv")).unwrap();
    let names: Vec<String> = reader
        .records()
        .map(|r| r.unwrap().get(0).unwrap().to_string())
        .collect();
    assert_eq!(names.len(), 7, "{names:?}");
    assert!(
        names.contains(&"Northwind Logistics".to_string()),
        "{names:?}"
    );

    s.key(KeyCode::Esc);
    ctrl(&mut s, 'e');
    s.key(KeyCode::Down).key(KeyCode::Enter);
    assert_shows(&s, "exists already. Replace it?");
    insta::assert_snapshot!("export_replace_80x24", masked(&fresh(&mut s), &out));
    s.key(KeyCode::Char('n'));
    assert_shows(&s, "File: acme-partners.csv");
    std::fs::write(out.join("acme-partners.csv"), "old").unwrap();
    s.key(KeyCode::Enter).key(KeyCode::Char('y'));
    assert_shows(&s, "Export options");
    s.key(KeyCode::Enter);
    shows(&wait_for_export(&mut s), "Wrote 7 partners");
    let csv = std::fs::read_to_string(out.join("acme-partners.csv")).unwrap();
    assert!(csv.contains("Northwind Logistics"), "replaced: {csv}");

    // The other formats land too.
    for (downs, file) in [(0, "acme.toml"), (4, "acme.xlsx"), (5, "acme-report.html")] {
        s.key(KeyCode::Esc);
        ctrl(&mut s, 'e');
        for _ in 0..downs {
            s.key(KeyCode::Down);
        }
        s.key(KeyCode::Enter);
        if file.ends_with(".html") {
            // A report asks its options (period, paper, confidentiality) next.
            assert_shows(&s, "Report options");
            s.key(KeyCode::Enter);
        } else if file.ends_with(".xlsx") {
            // A spreadsheet asks who it is for.
            assert_shows(&s, "Export options");
            s.key(KeyCode::Enter);
        }
        shows(&wait_for_export(&mut s), "Wrote");
        assert!(out.join(file).metadata().unwrap().len() > 100, "{file}");
    }
}

#[test]
fn bad_paths_get_a_sentence_and_keep_what_was_typed() {
    let (mut s, out) = exchange_screen(80, 24);
    std::fs::create_dir(out.join("sub")).unwrap();
    ctrl(&mut s, 'e');
    type_path(&mut s, "sub");
    s.key(KeyCode::Enter);
    assert_shows(&s, "is a folder; add a file name after the /");
    assert_shows(&s, "File: sub");
    type_path(&mut s, "nowhere/plan.toml");
    s.key(KeyCode::Enter);
    assert_shows(&s, "The folder of nowhere/plan.toml does not exist");
    assert_shows(&s, "File: nowhere/plan.toml");
    type_path(&mut s, "../acme.partnerplan");
    s.key(KeyCode::Enter);
    assert_shows(&s, "this workbook's own file");
    s.key(KeyCode::Esc);
    ctrl(&mut s, 'o');
    type_path(&mut s, "missing.csv");
    s.key(KeyCode::Enter);
    assert_shows(&s, "missing.csv does not exist; check the name");
    assert_shows(&s, "File: missing.csv");
    assert!(!s.app.import_waiting());
}

const NEW_PARTNERS: &str = "Account Name,Website,Lifecycle Stage\n\
    Orbit Payments,https://orbit.example,prospect\n\
    Northwind Logistics,,active\n\
    Quartz Data,https://quartz.example,evaluating\n";

#[test]
fn csv_import_adds_partners_in_one_undoable_step_behind_a_gauge() {
    for (width, height) in [(80, 24), (200, 60)] {
        let (mut s, out) = exchange_screen(width, height);
        std::fs::write(out.join("crm.csv"), NEW_PARTNERS).unwrap();
        ctrl(&mut s, 'o');
        type_path(&mut s, "crm.csv");
        s.key(KeyCode::Enter);
        run_import(&mut s);
        assert_shows(&s, "Would add 2 partners, update 0, skip 1 already here.");
        assert_eq!(partners(&s), 7, "the preview writes nothing");
        s.key(KeyCode::Enter);
        let frames = run_import(&mut s);
        let gauge = frames.first().expect("the gauge was drawn");
        shows(gauge, "Importing");
        insta::assert_snapshot!(format!("import_gauge_{width}x{height}"), gauge);
        assert_shows(&s, "Added 2 partners, updated 0, skipped 1.");
        insta::assert_snapshot!(format!("import_result_{width}x{height}"), fresh(&mut s));
        assert_eq!(partners(&s), 9);
        let names: i64 = s
            .count("SELECT count(*) FROM partners WHERE name IN ('Orbit Payments', 'Quartz Data')");
        assert_eq!(names, 2);
        s.key(KeyCode::Esc);
        assert_shows(&s, "Orbit Payments");
        s.key(KeyCode::Char('u'));
        assert_eq!(partners(&s), 7, "one undo takes the import back");
    }
}

#[test]
fn import_problems_are_listed_by_row_and_nothing_is_written() {
    let (mut s, out) = exchange_screen(80, 24);
    let bad =
        "Name,Website,Email\nOrbit,https://orbit.example,not-an-address\n,https://x.example,\n";
    std::fs::write(out.join("bad.csv"), bad).unwrap();
    ctrl(&mut s, 'o');
    type_path(&mut s, "bad.csv");
    s.key(KeyCode::Enter);
    run_import(&mut s);
    // The preview proposes leaving the rows with problems out; keep them in instead.
    assert_shows(&s, "Rows with problems: 2 rows");
    for _ in 0..3 {
        s.key(KeyCode::Char('j'));
    }
    s.key(KeyCode::Char('l'));
    assert_shows(&s, "not left out");
    s.key(KeyCode::Enter);
    run_import(&mut s);
    assert_shows(&s, "Nothing imported");
    assert_shows(&s, "row 2");
    insta::assert_snapshot!("import_problems_80x24", fresh(&mut s));
    s.key(KeyCode::Char('j'));
    assert_eq!(partners(&s), 7);
}

/// A CRM export as the preview shows it: every column's field, the values mapped, the row left
/// out; then a column and a value changed by key, and the import as one undoable step.
#[test]
fn the_import_preview_changes_columns_values_and_rows_without_flags() {
    let (mut s, out) = exchange_screen(100, 30);
    // The shape of a HubSpot companies export (see tests/fixtures/crm).
    let hubspot = "Record ID,Company name,Company owner,Lifecycle Stage,Type,Industry\n\
        1001,Orbit Payments,Dana,customer,PARTNER,FINANCIAL_SERVICES\n\
        1002,Quartz Data,Sam,opportunity,RESELLER,COMPUTER_SOFTWARE\n\
        1003,,Dana,lead,VENDOR,\n\
        1004,Helix Labs,Sam,evangelist,OTHER,Biotech\n\
        ,,,,,\n";
    std::fs::write(out.join("hubspot.csv"), hubspot).unwrap();
    ctrl(&mut s, 'o');
    type_path(&mut s, "hubspot.csv");
    s.key(KeyCode::Enter);
    run_import(&mut s);
    assert_shows(&s, "Import hubspot.csv: preview");
    insta::assert_snapshot!("import_preview_100x30", fresh(&mut s));
    // The owner column left out (x), OTHER given a word (→ from "left empty": the first type).
    s.key(KeyCode::Char('j')).key(KeyCode::Char('j'));
    s.key(KeyCode::Char('x'));
    run_import(&mut s);
    assert_shows(&s, "Company owner");
    assert_shows(&s, "→ left out");
    let other = s
        .text()
        .lines()
        .position(|l| l.contains("\"OTHER\""))
        .unwrap();
    let selected = s.text().lines().position(|l| l.contains('›')).unwrap();
    // One heading ("Values …") lies between, which the selection skips.
    for _ in selected + 1..other {
        s.key(KeyCode::Char('j'));
    }
    s.key(KeyCode::Char('l'));
    assert_shows(&s, "\"OTHER\" → \"strategic alliance\" (chosen");
    s.key(KeyCode::Enter);
    run_import(&mut s);
    assert_shows(&s, "Added 3 partners");
    assert_shows(&s, "row 4");
    assert_eq!(partners(&s), 10);
    let owners = s.count("SELECT count(*) FROM partners WHERE owner = 'Sam'");
    assert_eq!(owners, 0, "the owner column was left out");
    let helix = s.count(
        "SELECT count(*) FROM partners WHERE name = 'Helix Labs' \
         AND partner_type = 'strategic alliance' AND stage = 'active'",
    );
    assert_eq!(helix, 1);
    s.key(KeyCode::Esc);
    s.key(KeyCode::Char('u'));
    assert_eq!(partners(&s), 7, "one undo takes the import back");
}

#[test]
fn a_toml_copy_is_reviewed_then_merged_as_decided() {
    let (mut s, out) = exchange_screen(80, 24);
    // A plan with one more partner, as TOML, from another workbook.
    let other = TempDir::new().unwrap();
    let path = other.path().join("other.partnerplan");
    partnerplan::workbook::Workbook::create(&path, None).unwrap();
    let mut wb = partnerplan::workbook::Workbook::open(&path, Default::default()).unwrap();
    wb.add_partner(&partner_draft(&(
        "Vega Robotics",
        "technology",
        "prospect",
        "Kim",
        "",
    )))
    .unwrap();
    let text = partnerplan::exchange::toml::export(&wb).unwrap();
    std::fs::write(out.join("other.toml"), text).unwrap();

    ctrl(&mut s, 'o');
    for _ in 0..3 {
        s.key(KeyCode::Down);
    }
    type_path(&mut s, "other.toml");
    s.key(KeyCode::Enter);
    run_import(&mut s);
    // Two unrelated plans share no hand-off: every difference is a decision, nothing is written
    // before the review ends.
    assert_shows(&s, "no common base");
    assert_shows(&s, "still to decide");
    insta::assert_snapshot!("merge_review_80x24", masked(&fresh(&mut s), &out));
    assert_eq!(partners(&s), 7);
    s.key(KeyCode::Enter);
    assert_shows(&s, "still to decide: choose ours or theirs");
    s.key(KeyCode::Char('O'));
    s.key(KeyCode::Enter);
    assert_shows(&s, "Merged other.toml");
    assert_eq!(partners(&s), 8);
    assert_eq!(
        s.count("SELECT count(*) FROM partners WHERE name = 'Vega Robotics'"),
        1
    );
}

#[test]
fn a_read_only_workbook_exports_but_refuses_to_import() {
    let dir = TempDir::new().unwrap();
    let wb = workbook_with_partners(&dir, true);
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let mut s = screen_with(wb, dir, 80, 24, Theme::dark(), Vec::new());
    s.app.set_exchange_dir(out.clone());
    ctrl(&mut s, 'o');
    assert_shows(&s, "Read-only: nothing can be imported");
    ctrl(&mut s, 'e');
    s.key(KeyCode::Down).key(KeyCode::Enter);
    assert_shows(&s, "Export options");
    s.key(KeyCode::Enter);
    shows(&wait_for_export(&mut s), "Wrote 7 partners");
    assert!(out.join("acme-partners.csv").exists());
}

#[test]
fn the_popups_draw_at_any_size() {
    let (mut s, _out) = exchange_screen(80, 24);
    ctrl(&mut s, 'e');
    for (width, height) in [(1, 1), (20, 5), (59, 14), (60, 15), (200, 60)] {
        s.terminal.backend_mut().resize(width, height);
        s.draw();
        s.key(KeyCode::Tab).key(KeyCode::Tab).key(KeyCode::Down);
    }
    assert!(s.text().contains("Export") || s.text().contains("too small"));
}

#[test]
fn without_a_name_column_the_preview_asks_for_one_and_imports_once_chosen() {
    let (mut s, out) = exchange_screen(100, 30);
    std::fs::write(
        out.join("firms.csv"),
        "Firm,Website\nAcme Rail,acme-rail.example\n",
    )
    .unwrap();
    ctrl(&mut s, 'o');
    type_path(&mut s, "firms.csv");
    s.key(KeyCode::Enter);
    run_import(&mut s);
    assert_shows(
        &s,
        "No column holds the partner's name: choose one with ← →.",
    );
    assert_shows(&s, "Would add 0 partners");
    // Importing without one says where to choose it, not which flag to type.
    s.key(KeyCode::Enter);
    run_import(&mut s);
    assert_shows(&s, "Choose one in");
    assert!(!s.text().contains("--map"), "{}", s.text());
    s.key(KeyCode::Esc);
    ctrl(&mut s, 'o');
    type_path(&mut s, "firms.csv");
    s.key(KeyCode::Enter);
    run_import(&mut s);
    // "Firm" is selected: its first field is the name.
    s.key(KeyCode::Char('l'));
    run_import(&mut s);
    assert_shows(&s, "Firm     → Name");
    assert_shows(&s, "Would add 1 partner,");
    s.key(KeyCode::Enter);
    run_import(&mut s);
    assert_shows(&s, "Added 1 partner");
    assert_eq!(
        s.count("SELECT count(*) FROM partners WHERE name = 'Acme Rail'"),
        1
    );
}
