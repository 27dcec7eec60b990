//! Issue 21: an export from the app opens the app's own workbook through a second, read-only
//! connection. While nothing but the app wrote to the file since it knew it sound, that opening
//! checks the header and schema alone (reading a million partners whole took seconds before the
//! export began); a file another program changed meanwhile is read whole, and refused if bad.

mod screen_harness;

use std::path::Path;

use partnerplan::tui::theme::Theme;
use partnerplan::workbook::{FileStamp, KnownSound, OpenOptions, Workbook};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use screen_harness::*;
use tempfile::TempDir;

/// A value no reading of the whole file lets through (a control character in a plan field),
/// written the way another program would, past the app.
fn spoil(path: &Path) {
    rusqlite::Connection::open(path)
        .unwrap()
        .execute(
            "UPDATE partners SET notes = 'rings' || char(7) WHERE name = 'Northwind Logistics'",
            [],
        )
        .unwrap();
}

/// Ctrl-e, Enter: the whole workbook as TOML text into the sandbox's `out` folder.
fn export_toml(s: &mut Screen) -> String {
    let out = s._dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    s.app.set_exchange_dir(out);
    s.key_with(KeyCode::Char('e'), KeyModifiers::CONTROL);
    s.key(KeyCode::Enter);
    wait_for_export(s)
}

#[test]
fn an_export_of_the_file_the_app_knows_sound_does_not_read_it_whole_again() {
    let dir = TempDir::new().unwrap();
    let path = workbook_with_partners(&dir, false).path().to_path_buf();
    spoil(&path);
    let refused = Workbook::open(&path, OpenOptions::default()).err();
    assert!(
        refused.is_some_and(|e| e.to_string().contains("partners.notes")),
        "the spoiled value is one a whole reading refuses"
    );
    // The app knows the file as it is now (as if it had read it whole and left it), so it opens
    // it after the header and schema checks; so must its export.
    let mut known = KnownSound::read(&dir.path().join("state"));
    known.remember(FileStamp::of(&path).unwrap());
    let wb = Workbook::open_known(&path, OpenOptions::default(), &known).unwrap();
    assert!(!wb.was_read_whole());
    // A write of the app's own comes first: that is no reason to read the file again.
    wb.set_view_state("app.tab", "Partners").unwrap();
    let mut s = screen_with(wb, dir, 80, 24, Theme::dark(), Vec::new());
    let text = export_toml(&mut s);
    shows(&text, "Wrote the whole workbook as text to acme.toml");
    let toml = std::fs::read_to_string(s._dir.path().join("out/acme.toml")).unwrap();
    assert!(toml.contains("Northwind Logistics"), "{toml}");
}

#[test]
fn an_export_after_another_program_changed_the_file_reads_it_whole_and_refuses_it() {
    let mut s = screen(80, 24);
    let path = s._dir.path().join("acme.partnerplan");
    // Unchanged since the app opened it: the export's opening is the short one.
    shows(&export_toml(&mut s), "Wrote the whole workbook as text");
    s.key(KeyCode::Esc);
    std::fs::remove_file(s._dir.path().join("out/acme.toml")).unwrap();

    spoil(&path);
    let text = export_toml(&mut s);
    shows(&text, "Nothing exported");
    shows(&text, "partners.notes");
    assert!(
        !s._dir.path().join("out/acme.toml").exists(),
        "nothing is written from a file that fails its check"
    );
}
