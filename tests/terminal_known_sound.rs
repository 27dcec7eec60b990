//! The real binary in a pseudo-terminal (issue 21): quitting the app leaves the workbook's
//! stamp in the user's state folder, so the next opening skips reading it whole; a change by
//! another program after that makes the stamp stale, and the app reads the file whole again.

#[allow(dead_code)]
#[path = "support/pty.rs"]
mod pty;

use partnerplan::workbook::{KnownSound, Workbook};
use pty::app_on;

const BIN: &str = env!("CARGO_BIN_EXE_partnerplan");

#[test]
fn quitting_the_app_remembers_the_file_as_sound_until_another_program_changes_it() {
    let home = tempfile::Builder::new()
        .prefix("partnerplan-pty-known-sound-")
        .tempdir()
        .expect("a temporary folder");
    let workbook = home.path().join("plan.partnerplan");
    Workbook::create(&workbook, Some("Known sound")).expect("creating the workbook");
    // The pty helper points XDG_STATE_HOME here.
    let state = home.path().join("state").join("partnerplan");
    assert!(!KnownSound::read(&state).knows(&workbook));

    let mut app = app_on(BIN, "known-sound", &workbook, home.path(), (100, 30));
    app.step("3", "No partners yet");
    app.quits_with("q");
    assert!(
        KnownSound::read(&state).knows(&workbook),
        "the app left the file sound and said so in {}",
        state.display()
    );

    // Another program writes the file: its stamp no longer matches.
    rusqlite::Connection::open(&workbook)
        .and_then(|c| c.execute("UPDATE workbook_meta SET author = 'someone else'", []))
        .expect("writing through a plain connection");
    assert!(!KnownSound::read(&state).knows(&workbook));
}
