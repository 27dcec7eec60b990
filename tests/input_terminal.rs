//! The real binary in a pseudo-terminal, read by our own input reader: a mouse click (SGR, as
//! xterm and tmux send it) switches tab, Shift-Tab goes back, a lone ESC closes a form, keys the
//! app does not use leave no text behind, and a resize is drawn for the new size.

#[allow(dead_code)]
#[path = "support/pty.rs"]
mod pty;

use partnerplan::workbook::Workbook;
use pty::{SHIFT_TAB, app_on};

const BIN: &str = env!("CARGO_BIN_EXE_partnerplan");

/// The row `n` of the screen.
fn row(screen: &vt100::Screen, n: u16) -> String {
    let (_, cols) = pty::dims(screen);
    screen.rows(0, cols).nth(usize::from(n)).unwrap_or_default()
}

/// The 1-based column where `label` starts on row `n`.
fn column_of(screen: &vt100::Screen, n: u16, label: &str) -> Option<usize> {
    let line = row(screen, n);
    let at = line.find(label)?;
    Some(line[..at].chars().count() + 1)
}

#[test]
fn mouse_keys_esc_and_resize_reach_the_app() {
    let home = tempfile::Builder::new()
        .prefix("partnerplan-pty-input-")
        .tempdir()
        .expect("a temporary folder");
    let workbook = home.path().join("plan.partnerplan");
    Workbook::create(&workbook, Some("Input test")).expect("creating the workbook");
    let mut app = app_on(BIN, "input", &workbook, home.path(), (100, 30));

    // A click on the tab bar's "3 Partners" (row 2 in the report's 1-based cells), once the
    // bar has settled: the Guide's label gains the readiness ("1 Guide 0%") after the first
    // idle pass, which moves the other labels (under load, after the first frame).
    app.wait_for("the Guide's readiness on the tab bar", |s| {
        row(s, 1).contains("1 Guide 0%")
    });
    let column = app
        .with_screen(|s| column_of(s, 1, "3 Partners"))
        .unwrap_or_else(|| panic!("no Partners tab on the tab bar\n{}", app.report()));
    app.send(&format!("\x1b[<0;{column};2M\x1b[<0;{column};2m"));
    app.wait_for_text("No partners yet");

    // Shift-Tab is the previous tab: Strategy.
    app.step(SHIFT_TAB, "Mission");
    app.step("3", "No partners yet");

    // A form: keys the app does not use (Ctrl-Right, F5, Alt-x, a focus report) type nothing.
    app.send("a");
    app.wait_for("the new-partner form", |s| {
        s.contents().contains("New partner") && s.contents().contains("›Name*")
    });
    app.send("\x1b[1;5C\x1b[15~\x1bx\x1b[Iok");
    app.wait_for("exactly \"ok\" typed into Name", |s| {
        s.contents()
            .lines()
            .any(|l| l.contains("›Name*") && l.contains(" ok "))
    });
    let name_line = app.with_screen(|s| {
        s.contents()
            .lines()
            .find(|l| l.contains("›Name*"))
            .map(str::to_string)
            .unwrap_or_default()
    });
    for garbage in ["[", "~", "5", "C", "x"] {
        assert!(
            !name_line.contains(garbage),
            "{garbage:?} leaked into the field: {name_line}"
        );
    }

    // A lone ESC is the Esc key: the form asks before it drops what was typed.
    app.step("\x1b", "Discard the changes in this form?");
    app.send("y");
    app.wait_for("the roster again", |s| {
        !s.contents().contains("New partner") && s.contents().contains("No partners yet")
    });

    // A resize: the app draws for the new size (its status line on the new last row).
    app.resize(120, 36);
    app.wait_for("the app drawn at 120×36", |s| {
        row(s, 35).contains("saved") && row(s, 0).contains("partnerplan")
    });
    app.quits_with("q");
}
