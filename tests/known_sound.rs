//! Issue 21: a workbook this app read whole and left cleanly, unchanged since, opens without
//! being read whole again; anything that changed it — another program's write while it was open
//! or after, a copy, a journal beside it — means the whole file is read again before use.

mod support;

use partnerplan::workbook::{KnownSound, OpenOptions, Workbook};
use support::{Sandbox, plain, workbook_with_partners};

fn open_known(path: &std::path::Path, known: &KnownSound) -> Workbook {
    Workbook::open_known(path, OpenOptions::default(), known).expect("opening")
}

#[test]
fn a_file_left_sound_opens_without_being_read_whole_until_something_else_writes_it() {
    let sb = Sandbox::new();
    let path = sb.file("plan.partnerplan");
    workbook_with_partners(&path, 3);
    let state = sb.file("state");
    let mut known = KnownSound::read(&state);

    let wb = open_known(&path, &known);
    assert!(
        wb.was_read_whole(),
        "a file never seen before is read whole"
    );
    known.remember(wb.close_known_sound().expect("nothing else wrote: a stamp"));

    let known = KnownSound::read(&state);
    let wb = open_known(&path, &known);
    assert!(
        !wb.was_read_whole(),
        "left sound and unchanged: header and schema only"
    );
    let mut known = known;
    known.remember(wb.close_known_sound().expect("a stamp"));

    // Another program writes a value the app could not use: the next opening reads the file
    // whole again and refuses it.
    plain(&path)
        .execute(
            "UPDATE partners SET name = ?1 WHERE rowid = 1",
            ["N".repeat(5_000_000)],
        )
        .unwrap();
    let known = KnownSound::read(&state);
    let refused = Workbook::open_known(&path, OpenOptions::default(), &known)
        .err()
        .expect("the changed file is read whole and refused");
    assert!(refused.to_string().contains("partners.name"), "{refused}");
}

#[test]
fn a_write_by_another_program_while_open_leaves_no_record() {
    let sb = Sandbox::new();
    let path = sb.file("plan.partnerplan");
    workbook_with_partners(&path, 2);
    let wb = Workbook::open(&path, OpenOptions::default()).expect("opening");
    // The app holds its writer lock, but nothing stops a plain SQLite connection.
    plain(&path)
        .execute(
            "UPDATE partners SET notes = 'changed outside' WHERE rowid = 1",
            [],
        )
        .unwrap();
    assert!(
        wb.close_known_sound().is_none(),
        "a file another connection wrote while it was open is not remembered as sound"
    );
}

#[test]
fn a_copy_of_a_known_file_is_read_whole() {
    let sb = Sandbox::new();
    let path = sb.file("plan.partnerplan");
    workbook_with_partners(&path, 2);
    let state = sb.file("state");
    let mut known = KnownSound::read(&state);
    let wb = open_known(&path, &known);
    known.remember(wb.close_known_sound().expect("a stamp"));
    let copy = sb.file("copy.partnerplan");
    std::fs::copy(&path, &copy).unwrap();
    let known = KnownSound::read(&state);
    assert!(open_known(&copy, &known).was_read_whole());
    assert!(!open_known(&path, &known).was_read_whole());
}
