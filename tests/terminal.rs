//! The real binary in a real pseudo-terminal: keys go in as bytes, the screen is read back through
//! a terminal emulator, and afterwards the workbook file itself is opened and checked.
//!
//! Every step waits for what the screen shows (with a deadline), never for a fixed time.

#[path = "support/pty.rs"]
mod pty;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use partnerplan::plan::PartnerDraft;
use partnerplan::plan::numbers::count_of;
use partnerplan::plan::risk::{Impact, Likelihood, MitigationKind, RiskStatus, Treatment};
use partnerplan::plan::roles::{AssignmentKind, display_order};
use partnerplan::workbook::{OpenOptions, Workbook};

use pty::{
    CTRL_S, ENTER, Pty, SHIFT_TAB, TAB, children_of, dims, sealed_command, stty_flag, stty_of,
};
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_partnerplan");
const COLS: u16 = 100;
const ROWS: u16 = 30;
const PANIC_ENV: &str = "PARTNERPLAN_PANIC_AFTER_FIRST_FRAME";

/// Runs the app, then reports its exit code and the terminal's settings as the shell that started
/// it finds them: exactly what a user sees after the app has gone.
const WRAPPER: &str =
    r#""$0" "$@"; code=$?; printf '\nEXIT=%s\n' "$code"; stty -a; echo STTY-END; exit "$code""#;

/// A sealed-off home for one test: empty config, its own data folders, and a workbook path.
struct Sandbox {
    dir: TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        let dir = tempfile::Builder::new()
            .prefix("partnerplan-pty-")
            .tempdir()
            .expect("creating a temporary folder");
        std::fs::write(dir.path().join("config.toml"), "").expect("writing an empty config");
        Sandbox { dir }
    }

    fn home(&self) -> &Path {
        self.dir.path()
    }

    fn workbook(&self) -> PathBuf {
        self.home().join("plan.partnerplan")
    }

    fn command(&self, program: &str, args: &[&str]) -> portable_pty::CommandBuilder {
        let mut command = sealed_command(program, args, self.home());
        command.env("PARTNERPLAN_CONFIG", self.home().join("config.toml"));
        command
    }

    /// Creates this sandbox's workbook with `partnerplan new --template <template>`.
    fn new_workbook_from_template(&self, template: &str) {
        let workbook = self.workbook();
        let path = workbook.to_str().expect("a UTF-8 temp path");
        let created = std::process::Command::new(BIN)
            .args(["new", path, "--template", template])
            .env("HOME", self.home())
            .env("PARTNERPLAN_CONFIG", self.home().join("config.toml"))
            .output()
            .expect("running partnerplan new");
        assert!(
            created.status.success(),
            "partnerplan new failed: {}",
            String::from_utf8_lossy(&created.stderr)
        );
    }

    /// The app on this sandbox's workbook.
    fn app(&self) -> portable_pty::CommandBuilder {
        let workbook = self.workbook();
        self.command(BIN, &[workbook.to_str().expect("a UTF-8 temp path")])
    }

    /// The app on this sandbox's workbook, under the `WRAPPER` shell.
    fn wrapped_app(&self) -> portable_pty::CommandBuilder {
        let workbook = self.workbook();
        self.command(
            "sh",
            &[
                "-c",
                WRAPPER,
                BIN,
                workbook.to_str().expect("a UTF-8 temp path"),
            ],
        )
    }
}

/// Row `n` of the screen as text.
fn row(screen: &vt100::Screen, n: u16) -> String {
    let (_, cols) = dims(screen);
    screen.rows(0, cols).nth(usize::from(n)).unwrap_or_default()
}

/// The rows between the tab bar and the status line.
fn body_rows(screen: &vt100::Screen) -> Vec<String> {
    let (rows, cols) = dims(screen);
    screen
        .rows(0, cols)
        .skip(2)
        .take(usize::from(rows.saturating_sub(3)))
        .collect()
}

fn status_line(screen: &vt100::Screen) -> String {
    let (rows, _) = dims(screen);
    row(screen, rows - 1)
}

fn tab_bar_shown(screen: &vt100::Screen) -> bool {
    let bar = row(screen, 1);
    bar.contains("1 Guide") && bar.contains("3 Partners") && bar.contains("7 Overview")
}

/// Whether a table row of the Partners list shows this partner with these cells.
fn list_shows(screen: &vt100::Screen, cells: &[&str]) -> bool {
    body_rows(screen)
        .iter()
        .any(|line| cells.iter().all(|cell| line.contains(cell)))
}

fn wait_for_app(pty: &Pty) {
    pty.wait_for("the title line and the tab bar", |s| {
        row(s, 0).contains("partnerplan") && tab_bar_shown(s)
    });
}

/// What the wrapper printed after the app: its exit code and the `stty -a` listing.
fn wrapper_epilogue(pty: &Pty) -> (i32, String) {
    let text = pty.text();
    let start = text
        .rfind("EXIT=")
        .unwrap_or_else(|| panic!("no EXIT= line on screen\n{}", pty.report()));
    let after = &text[start + "EXIT=".len()..];
    let code: i32 = after
        .lines()
        .next()
        .and_then(|line| line.trim().parse().ok())
        .unwrap_or_else(|| panic!("EXIT= is not followed by a number\n{}", pty.report()));
    let end = after
        .find("STTY-END")
        .unwrap_or_else(|| panic!("no end of the stty listing on screen\n{}", pty.report()));
    (code, after[..end].to_string())
}

/// What is still wrong with the terminal after the app has gone: the emulator's modes and the
/// tty's own settings (as `stty -a` printed them). Empty when all is restored.
fn terminal_problems(pty: &Pty, stty: &str) -> Vec<String> {
    let mut problems = Vec::new();
    pty.with_screen(|s| {
        if s.alternate_screen() {
            problems.push("still on the alternate screen".to_string());
        }
        if s.bracketed_paste() {
            problems.push("bracketed paste still on".to_string());
        }
        if s.mouse_protocol_mode() != vt100::MouseProtocolMode::None {
            problems.push(format!(
                "mouse reporting still on ({:?})",
                s.mouse_protocol_mode()
            ));
        }
        if s.hide_cursor() {
            problems.push("the cursor is still hidden".to_string());
        }
    });
    for flag in ["icanon", "echo", "isig", "icrnl", "opost"] {
        if stty_flag(stty, flag) != Some(true) {
            problems.push(format!("`{flag}` is not on (raw mode left on?)"));
        }
    }
    problems
}

fn assert_terminal_restored(pty: &Pty, stty: &str) {
    let problems = terminal_problems(pty, stty);
    assert!(
        problems.is_empty(),
        "the terminal was not restored: {problems:#?}\nstty -a said:\n{stty}\n{}",
        pty.report()
    );
}

/// The transcript shows that the app did switch each mode on (so the "restored" checks mean
/// something): alternate screen, bracketed paste, mouse reporting, hidden cursor.
fn assert_modes_were_entered(pty: &Pty) {
    let transcript = pty.transcript();
    for (sequence, what) in [
        ("\x1b[?1049h", "alternate screen"),
        ("\x1b[?2004h", "bracketed paste"),
        ("\x1b[?1000h", "mouse reporting"),
        ("\x1b[?25l", "hidden cursor"),
    ] {
        assert!(
            transcript.contains(sequence),
            "the app never switched on {what} ({sequence:?}); the test would prove nothing\n{}",
            pty.report()
        );
    }
}

#[test]
fn add_delete_undo_quit_and_find_the_partner_in_the_file() {
    let sandbox = Sandbox::new();
    let workbook = sandbox.workbook();
    assert!(!workbook.exists());
    let mut app = Pty::spawn("app", sandbox.app(), COLS, ROWS);
    wait_for_app(&app);
    app.wait_for("the title line naming the file", |s| {
        row(s, 0).contains("plan.partnerplan")
    });
    // A new workbook opens on the Guide; the roster is one key away, empty.
    app.send("3");
    app.wait_for_text("No partners yet. Press a to add the first one.");

    // Tabs: by number, then forward and back with Tab / Shift-Tab.
    app.send("4");
    app.wait_for_text("No roles yet.");
    app.send(TAB);
    app.wait_for_text("No risks yet");
    app.send(SHIFT_TAB);
    app.wait_for_text("No roles yet.");
    app.send("3");
    app.wait_for("the Partners tab again", |s| {
        let text = s.contents();
        text.contains("No partners yet.") && !text.contains("is not built yet")
    });

    // Add a partner through the form: Name, then through the Identity and Relationship fields
    // (Type, Sector, Website, Stage, Tier, Region) to the internal owner.
    app.send("a");
    app.wait_for_text("New partner");
    app.wait_for("the focus on Name", |s| s.contents().contains("›Name*"));
    app.send("Acme Robotics");
    app.wait_for_text("Acme Robotics");
    for label in [
        "Type",
        "Sector",
        "Website",
        "Stage",
        "Tier",
        "Region",
        "Internal owner",
    ] {
        app.send(TAB);
        let marker = format!("›{label}");
        app.wait_for(&format!("the focus on {label}"), |s| {
            s.contents().contains(&marker)
        });
    }
    app.send("Dana");
    app.wait_for("Dana typed into the internal owner", |s| {
        s.contents()
            .lines()
            .any(|l| l.contains("›Internal owner") && l.contains("Dana"))
    });
    app.send(CTRL_S);
    app.wait_for("the saved message", |s| {
        status_line(s).contains("Saved Acme Robotics.")
    });
    app.wait_for("Acme Robotics in the list, with owner and stage", |s| {
        !s.contents().contains("New partner")
            && list_shows(s, &["Acme Robotics", "prospect", "Dana"])
            && s.contents().contains("1 partner")
    });

    // Delete it, after confirming.
    app.send("d");
    app.wait_for_text("Delete partner");
    app.send("y");
    app.wait_for("the partner gone from the list", |s| {
        status_line(s).contains("Deleted Acme Robotics. u brings it back.")
            && s.contents().contains("No partners yet.")
            && !body_rows(s).iter().any(|l| l.contains("Acme Robotics"))
    });

    // Undo brings it back, owner included.
    app.send("u");
    app.wait_for("the partner back in the list", |s| {
        status_line(s).contains("Undid: delete partner Acme Robotics")
            && list_shows(s, &["Acme Robotics", "prospect", "Dana"])
    });

    app.send("q");
    let status = app.wait_exit();
    assert_eq!(status.exit_code(), 0, "quit exits 0\n{}", app.report());
    assert!(
        !app.with_screen(vt100::Screen::alternate_screen),
        "quitting left the alternate screen on\n{}",
        app.report()
    );
    drop(app);

    // The file itself, as any SQLite reader sees it.
    let conn = rusqlite::Connection::open_with_flags(
        &workbook,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .expect("opening the workbook with SQLite");
    let partners: Vec<(String, String, String)> = conn
        .prepare("SELECT name, owner, stage FROM partners ORDER BY id")
        .and_then(|mut stmt| {
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect()
        })
        .expect("reading partners");
    assert_eq!(
        partners,
        vec![(
            "Acme Robotics".to_string(),
            "Dana".to_string(),
            "prospect".to_string()
        )]
    );
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check");
    assert_eq!(integrity, "ok");
    let journal = PathBuf::from(format!("{}-journal", workbook.display()));
    assert!(!journal.exists(), "a rollback journal was left behind");
}

#[test]
fn panic_restores_the_terminal() {
    let sandbox = Sandbox::new();
    let mut command = sandbox.wrapped_app();
    command.env(PANIC_ENV, "1");
    let mut shell = Pty::spawn("panic", command, COLS, ROWS);
    let status = shell.wait_exit();

    let (code, stty) = wrapper_epilogue(&shell);
    assert_eq!(code, 3, "a panic exits 3 (internal)\n{}", shell.report());
    assert_eq!(status.exit_code(), 3, "the wrapper passes the code on");
    assert_modes_were_entered(&shell);
    assert_terminal_restored(&shell, &stty);
    // The panic message is printed after the terminal is restored, so it is readable.
    let text = shell.text();
    assert!(
        text.contains(&format!("panic requested by {PANIC_ENV}")),
        "the panic message is not on the screen\n{}",
        shell.report()
    );
    assert!(
        text.contains("partnerplan stopped because of an internal error"),
        "the explanation is not on the screen\n{}",
        shell.report()
    );
    let message = text.find("panic requested").unwrap_or(usize::MAX);
    let exit = text.rfind("EXIT=").unwrap_or(0);
    assert!(message < exit, "the message came after the app ended?");
}

#[test]
fn sigterm_restores_the_terminal() {
    signal_restores_the_terminal("TERM");
}

/// SIGHUP is what a closed terminal window sends; here it is sent to the app alone, so the
/// terminal survives to be inspected.
#[test]
fn sighup_restores_the_terminal() {
    signal_restores_the_terminal("HUP");
}

fn signal_restores_the_terminal(signal: &str) {
    let sandbox = Sandbox::new();
    let mut shell = Pty::spawn(&format!("sig{signal}"), sandbox.wrapped_app(), COLS, ROWS);
    wait_for_app(&shell);
    let app_pid = match children_of(shell.pid()).as_slice() {
        [pid] => *pid,
        other => panic!("expected one app process under the shell, found {other:?}"),
    };
    shell.also_kill(app_pid);
    let exe = std::fs::read_link(format!("/proc/{app_pid}/exe")).expect("the app's executable");
    assert_eq!(
        exe.canonicalize().ok(),
        Path::new(BIN).canonicalize().ok(),
        "the shell's child is the app"
    );

    // While the app runs the terminal really is in its modes; otherwise "restored" proves nothing.
    shell.wait_for("the app's terminal modes", |s| {
        s.alternate_screen()
            && s.bracketed_paste()
            && s.hide_cursor()
            && s.mouse_protocol_mode() != vt100::MouseProtocolMode::None
    });
    let live = stty_of(&shell.tty_path());
    assert_eq!(stty_flag(&live, "icanon"), Some(false), "raw mode: {live}");
    assert_eq!(stty_flag(&live, "echo"), Some(false), "raw mode: {live}");

    let killed = std::process::Command::new("kill")
        .args([format!("-{signal}"), app_pid.to_string()])
        .status()
        .expect("running kill");
    assert!(killed.success());
    let status = shell.wait_exit();

    let (code, stty) = wrapper_epilogue(&shell);
    assert_eq!(
        code,
        0,
        "SIG{signal} ends the app cleanly, exit 0\n{}",
        shell.report()
    );
    assert_eq!(status.exit_code(), 0);
    assert_terminal_restored(&shell, &stty);
}

#[test]
fn too_small_terminal_says_so() {
    let sandbox = Sandbox::new();
    let mut app = Pty::spawn("small", sandbox.app(), 40, 10);
    app.wait_for_text("terminal too small (needs 60×15)");
    assert!(
        !app.with_screen(tab_bar_shown),
        "no tab bar at 40×10\n{}",
        app.report()
    );

    app.resize(COLS, ROWS);
    wait_for_app(&app);
    app.send("3");
    app.wait_for("the Partners tab at full size", |s| {
        !s.contents().contains("terminal too small") && s.contents().contains("No partners yet.")
    });

    app.send("q");
    let status = app.wait_exit();
    assert_eq!(status.exit_code(), 0, "{}", app.report());
}

#[test]
fn second_instance_is_told_and_offered_read_only() {
    let sandbox = Sandbox::new();
    let mut first = Pty::spawn("first", sandbox.app(), COLS, ROWS);
    wait_for_app(&first);
    first.wait_for("a writable first instance", |s| {
        !row(s, 0).contains("READ-ONLY")
    });

    let mut second = Pty::spawn("second", sandbox.app(), COLS, ROWS);
    second.wait_for_text("is already open in another partnerplan");
    second.wait_for_text("Open it read-only instead? [y/N]");
    second.send("y");
    second.send(ENTER);
    wait_for_app(&second);
    second.wait_for("the READ-ONLY banner in the title line", |s| {
        row(s, 0).contains("READ-ONLY")
    });
    // Read-only means it: adding is refused with a message.
    second.send("3");
    second.send("a");
    second.wait_for("the read-only refusal", |s| {
        status_line(s).contains("nothing can be changed") && !s.contents().contains("New partner")
    });

    // The first instance is still the writer and still responds.
    first.send("4");
    first.wait_for_text("No roles yet.");
    assert!(!first.with_screen(|s| row(s, 0).contains("READ-ONLY")));

    second.send("q");
    let second_status = second.wait_exit();
    first.send("q");
    let first_status = first.wait_exit();
    assert_eq!(second_status.exit_code(), 0, "{}", second.report());
    assert_eq!(first_status.exit_code(), 0, "{}", first.report());
}

/// The checks above can fail: a program that leaves every mode on and the tty raw is caught.
#[test]
fn the_checks_notice_a_terminal_left_broken() {
    let sandbox = Sandbox::new();
    let broken = r#"printf '\033[?1049h\033[?2004h\033[?1000h\033[?25l'; stty raw -echo; exit 3"#;
    let command = sandbox.command("sh", &["-c", WRAPPER, "sh", "-c", broken]);
    let mut shell = Pty::spawn("broken", command, COLS, ROWS);
    let status = shell.wait_exit();
    assert_eq!(status.exit_code(), 3);
    assert_modes_were_entered(&shell);
    let (code, stty) = wrapper_epilogue(&shell);
    assert_eq!(code, 3);
    let problems = terminal_problems(&shell, &stty).join("\n");
    for expected in [
        "alternate screen",
        "bracketed paste",
        "mouse reporting",
        "cursor",
        "`icanon`",
        "`echo`",
    ] {
        assert!(
            problems.contains(expected),
            "{expected} not reported; problems: {problems}\nstty -a said:\n{stty}\n{}",
            shell.report()
        );
    }
}

/// Adds a partner through the form and waits until the roster counts `total` partners.
fn add_partner(app: &mut Pty, name: &str, total: usize) {
    app.send("a");
    app.wait_for("the new-partner form with the focus on Name", |s| {
        let text = s.contents();
        text.contains("New partner") && text.contains("›Name*")
    });
    app.send(name);
    app.wait_for(&format!("{name} typed into Name"), |s| {
        s.contents()
            .lines()
            .any(|l| l.contains("›Name*") && l.contains(name))
    });
    app.send(CTRL_S);
    let saved = format!("Saved {name}.");
    let count = if total == 1 {
        "1 partner ".to_string()
    } else {
        format!("{total} partners")
    };
    app.wait_for(&format!("{name} saved and listed"), |s| {
        !s.contents().contains("New partner")
            && status_line(s).contains(&saved)
            && list_shows(s, &[name])
            && s.contents().contains(&count)
    });
}

/// The Proof of issue 3: three partners, one scored on every criterion, filtered to, two
/// onboarding items ticked and a check-in logged; then the file holds exactly that.
#[test]
fn score_filter_onboard_and_check_in_a_partner_then_find_it_all_in_the_file() {
    const NAME: &str = "Borealis Analytics";
    const SUMMARY: &str = "Kick-off call; agreed the first pilot.";
    // The default criteria in order, their weights, and the score given here.
    const SCORED: [(&str, f64, i64, &str); 5] = [
        ("Capabilities", 30.0, 5, "5 excellent"),
        ("Cultural fit", 15.0, 3, "3 adequate"),
        ("Willingness to collaborate", 20.0, 4, "4 strong"),
        ("Shared vision", 15.0, 2, "2 weak"),
        ("Complementary strengths", 20.0, 4, "4 strong"),
    ];
    let total_weight: f64 = SCORED.iter().map(|c| c.1).sum();
    let expected_fit = SCORED
        .iter()
        .map(|&(_, weight, score, _)| weight * (score - 1) as f64 * 25.0)
        .sum::<f64>()
        / total_weight;
    assert!((expected_fit - 71.25).abs() < 1e-9, "{expected_fit}");
    let fit_label = format!("Fit {expected_fit:.0}");
    let today = jiff::Zoned::now().date().to_string();

    let sandbox = Sandbox::new();
    let workbook = sandbox.workbook();
    let mut app = Pty::spawn("proof", sandbox.app(), 120, 40);
    wait_for_app(&app);
    app.send("3");
    app.wait_for_text("No partners yet. Press a to add the first one.");

    // Three partners through the form, not in name order.
    add_partner(&mut app, "Cobalt Systems", 1);
    add_partner(&mut app, "Acme Robotics", 2);
    add_partner(&mut app, NAME, 3);

    // Sorted by name, Borealis is the second row.
    app.send("g");
    app.wait_for("the first row selected", |s| {
        list_shows(s, &["›", "Acme Robotics"])
    });
    app.send("j");
    app.wait_for("Borealis selected", |s| list_shows(s, &["›", NAME]));

    // Score it on every criterion, then pass the gate.
    app.send("c");
    let header = format!("{NAME}  Scores");
    app.wait_for("the Scores view of Borealis", |s| {
        let text = s.contents();
        text.contains(&header) && text.contains("› Capabilities")
    });
    // A score moves the cursor on to the next criterion, so the scores are a run of keys.
    for &(criterion, _, score, shown) in &SCORED {
        let cursor = format!("› {criterion}");
        app.wait_for(&format!("the cursor on {criterion}"), |s| {
            s.contents().contains(&cursor)
        });
        app.send(&score.to_string());
        app.wait_for(&format!("{criterion} scored {shown}"), |s| {
            s.contents()
                .lines()
                .any(|l| l.contains(criterion) && !l.contains(&cursor) && l.contains(shown))
        });
    }
    app.wait_for("the full fit with one gate pending", |s| {
        let fit = row(s, 3);
        fit.contains(&fit_label) && fit.contains("1 gate not assessed")
    });
    app.wait_for("the cursor on the Security review gate", |s| {
        s.contents().contains("› Security review")
    });
    app.send("p");
    app.wait_for("the gate passed and the fit complete", |s| {
        let fit = row(s, 3);
        s.contents()
            .lines()
            .any(|l| l.contains("› Security review") && l.contains("pass"))
            && fit.trim_end() == fit_label
    });
    app.send("\x1b");
    app.wait_for("the roster with Borealis' fit", |s| {
        s.contents().contains("sorted by") && list_shows(s, &[NAME, "71"])
    });

    // Filter to it.
    app.send("/");
    app.send("borea");
    app.wait_for("the filter typed", |s| {
        s.contents().contains("filter: borea")
    });
    app.send(ENTER);
    app.wait_for("only Borealis listed", |s| {
        s.contents().contains("1 of 3 partners")
            && list_shows(s, &["›", NAME])
            && !list_shows(s, &["Acme Robotics"])
            && !list_shows(s, &["Cobalt Systems"])
    });

    // Tick two onboarding items.
    app.send("o");
    app.wait_for("the checklist of Borealis at 0%", |s| {
        let text = s.contents();
        text.contains(&format!("{NAME}  Scores")) && text.contains("Onboarding 0%")
    });
    app.send(" ");
    app.wait_for_text("Onboarding 20%");
    app.send("j");
    app.send(" ");
    app.wait_for("two items done: 40%", |s| {
        s.contents().contains("Onboarding 40% · 2 done")
    });
    app.send("\x1b");
    app.wait_for("the filtered roster again", |s| {
        s.contents().contains("1 of 3 partners") && list_shows(s, &[NAME, "40%"])
    });

    // Log a check-in.
    app.send("i");
    app.wait_for_text("Check-ins, newest first");
    app.send("a");
    app.wait_for("the check-in form dated today", |s| {
        let text = s.contents();
        text.contains("Log a check-in") && text.contains(&today)
    });
    app.send(SUMMARY);
    app.wait_for_text(SUMMARY);
    app.send(CTRL_S);
    app.wait_for("the check-in listed", |s| {
        !s.contents().contains("Log a check-in")
            && s.contents()
                .lines()
                .any(|l| l.contains(&today) && l.contains(SUMMARY))
    });
    app.send("\x1b");
    app.wait_for("the roster", |s| s.contents().contains("1 of 3 partners"));

    app.send("q");
    let status = app.wait_exit();
    assert_eq!(status.exit_code(), 0, "quit exits 0\n{}", app.report());
    drop(app);

    // The file itself.
    let conn = rusqlite::Connection::open_with_flags(
        &workbook,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .expect("opening the workbook with SQLite");
    let names: Vec<String> = conn
        .prepare("SELECT name FROM partners ORDER BY name")
        .and_then(|mut stmt| stmt.query_map([], |r| r.get(0))?.collect())
        .expect("reading partners");
    assert_eq!(names, ["Acme Robotics", NAME, "Cobalt Systems"]);
    let partner: i64 = conn
        .query_row("SELECT id FROM partners WHERE name = ?1", [NAME], |r| {
            r.get(0)
        })
        .expect("Borealis' id");

    let scores: Vec<(String, Option<i64>, Option<i64>)> = conn
        .prepare(
            "SELECT c.name, s.score, s.passed FROM criterion_scores s \
             JOIN selection_criteria c ON c.id = s.criterion_id \
             WHERE s.partner_id = ?1 ORDER BY c.position, c.id",
        )
        .and_then(|mut stmt| {
            stmt.query_map([partner], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect()
        })
        .expect("reading scores");
    let mut expected_scores: Vec<(String, Option<i64>, Option<i64>)> = SCORED
        .iter()
        .map(|&(name, _, score, _)| (name.to_string(), Some(score), None))
        .collect();
    expected_scores.push(("Security review".to_string(), None, Some(1)));
    assert_eq!(scores, expected_scores);
    let all_scores: i64 = conn
        .query_row("SELECT count(*) FROM criterion_scores", [], |r| r.get(0))
        .expect("counting scores");
    assert_eq!(all_scores, 6, "only Borealis was scored");

    let (fit, gated_out, onboarding): (Option<f64>, i64, Option<i64>) = conn
        .query_row(
            "SELECT fit_score, gated_out, onboarding_pct FROM partners WHERE id = ?1",
            [partner],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("Borealis' derived columns");
    let fit = fit.expect("a fit score is stored");
    assert!(
        (fit - expected_fit).abs() < 1e-9,
        "fit_score {fit}, expected {expected_fit}"
    );
    assert_eq!(gated_out, 0);
    assert_eq!(onboarding, Some(40));

    let onboarding: Vec<(i64, String, Option<String>)> = conn
        .prepare(
            "SELECT partner_id, status, status_date FROM partner_onboarding \
             WHERE status <> 'pending' ORDER BY id",
        )
        .and_then(|mut stmt| {
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect()
        })
        .expect("reading onboarding");
    assert_eq!(
        onboarding,
        vec![
            (partner, "done".to_string(), Some(today.clone())),
            (partner, "done".to_string(), Some(today.clone())),
        ]
    );

    let checkins: Vec<(i64, String, String)> = conn
        .prepare("SELECT partner_id, held_on, summary FROM checkins ORDER BY id")
        .and_then(|mut stmt| {
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect()
        })
        .expect("reading check-ins");
    assert_eq!(
        checkins,
        vec![(partner, today.clone(), SUMMARY.to_string())]
    );

    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check");
    assert_eq!(integrity, "ok");
}

/// The Proof of issue 4: a workbook made from the technology template, two partners, one made
/// lead of two roles and the other a backup of one of them in the matrix; the coverage panel and
/// summary follow, and the file holds exactly those three assignments.
#[test]
fn assign_roles_in_the_matrix_see_coverage_then_find_the_assignments_in_the_file() {
    const LEAD: &str = "Acme Cloud";
    const BACKUP: &str = "Borealis Hosting";
    let sandbox = Sandbox::new();
    let workbook = sandbox.workbook();
    sandbox.new_workbook_from_template("technology");
    // The template's roles in tree order: the first two under the hub, as the matrix shows them.
    let (roles, gaps): (Vec<String>, usize) = {
        let read_only = OpenOptions {
            read_only: true,
            ..OpenOptions::default()
        };
        let wb = Workbook::open(&workbook, read_only).expect("opening");
        let records = wb.roles().expect("roles");
        let plain: Vec<_> = records.iter().map(|r| r.role.clone()).collect();
        let names = display_order(&plain)
            .iter()
            .map(|line| &records[line.index])
            .filter(|r| !r.role.is_hub)
            .map(|r| r.role.name.clone())
            .collect::<Vec<_>>();
        let gaps = names.len();
        (names, gaps)
    };
    assert!(roles.len() >= 3, "the template has roles: {roles:?}");
    let (first, second) = (roles[0].clone(), roles[1].clone());

    let mut app = Pty::spawn("roles", sandbox.app(), 120, 40);
    wait_for_app(&app);
    app.send("3");
    app.wait_for_text("No partners yet. Press a to add the first one.");
    add_partner(&mut app, LEAD, 1);
    add_partner(&mut app, BACKUP, 2);

    // The Roles tab: every template role is a gap before anyone holds it.
    app.send("4");
    let all_gaps = format!("{} roles · {gaps} gaps", roles.len());
    app.wait_for("the role tree with every role a gap", |s| {
        s.contents().contains(&all_gaps)
    });

    // The matrix: partners by name (Acme first), roles in tree order.
    app.send("x");
    let cell = |partner: &str, role: &str| format!("{partner} in {role} (");
    app.wait_for("the matrix on Acme and the first role", |s| {
        s.contents().contains("Partner × role") && s.contents().contains(&cell(LEAD, &first))
    });
    app.send("L");
    app.wait_for("Acme lead of the first role", |s| {
        status_line(s).contains(&format!("{LEAD} is now lead of {first}."))
    });
    app.send("l");
    app.wait_for("the cursor on the second role", |s| {
        s.contents().contains(&cell(LEAD, &second))
    });
    app.send("L");
    app.wait_for("Acme lead of the second role", |s| {
        status_line(s).contains(&format!("{LEAD} is now lead of {second}."))
    });
    app.send("j");
    app.wait_for("the cursor on Borealis", |s| {
        s.contents().contains(&cell(BACKUP, &second))
    });
    app.send("B");
    app.wait_for("Borealis backup of the second role", |s| {
        status_line(s).contains(&format!("{BACKUP} is now backup of {second}."))
    });

    // Back in the tree: two gaps fewer, and the selected role names its holders.
    app.send("\x1b");
    let fewer_gaps = format!("{} roles · {} gaps", roles.len(), gaps - 2);
    app.wait_for("the summary with two gaps filled", |s| {
        s.contents().contains(&fewer_gaps) && !s.contents().contains("Partner × role")
    });
    app.send("j");
    app.wait_for("the first role selected, Acme its lead", |s| {
        list_shows(s, &["›", &first])
            && s.contents()
                .lines()
                .any(|l| l.contains("Leads (L)") && l.contains(LEAD))
    });
    let shown = first.clone();
    app.send("j");
    app.wait_for("the second role selected, with its lead and backup", |s| {
        let text = s.contents();
        !list_shows(s, &["›", &shown])
            && text
                .lines()
                .any(|l| l.contains("Leads (L)") && l.contains(LEAD))
            && text
                .lines()
                .any(|l| l.contains("Backups (B)") && l.contains(BACKUP))
    });

    app.send("q");
    let status = app.wait_exit();
    assert_eq!(status.exit_code(), 0, "quit exits 0\n{}", app.report());
    drop(app);

    // The file: exactly the three assignments.
    let wb = Workbook::open(&workbook, OpenOptions::default()).expect("reopening");
    let names: HashMap<i64, String> = wb
        .roles()
        .expect("roles")
        .into_iter()
        .map(|r| (r.role.id, r.role.name))
        .collect();
    let partners: HashMap<i64, String> = wb
        .connection()
        .prepare("SELECT id, name FROM partners")
        .and_then(|mut stmt| {
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect()
        })
        .expect("reading partners");
    let mut held: Vec<(String, String, AssignmentKind)> = wb
        .assignments()
        .expect("assignments")
        .into_iter()
        .map(|a| {
            (
                partners[&a.partner_id].clone(),
                names[&a.role_id].clone(),
                a.kind,
            )
        })
        .collect();
    held.sort();
    let mut expected = vec![
        (LEAD.to_string(), first.clone(), AssignmentKind::Lead),
        (LEAD.to_string(), second.clone(), AssignmentKind::Lead),
        (BACKUP.to_string(), second.clone(), AssignmentKind::Backup),
    ];
    expected.sort();
    assert_eq!(held, expected);
    let stored: i64 = wb
        .connection()
        .query_row("SELECT count(*) FROM role_assignments", [], |r| r.get(0))
        .expect("counting assignments");
    assert_eq!(stored, 3, "nothing else was stored");
}

/// The fields of the risk form in the order Tab visits them (see `tabs/risks/form.rs`).
const RISK_FIELDS: [&str; 17] = [
    "Title",
    "Cause",
    "Event",
    "Consequence",
    "Category",
    "Partner",
    "Role",
    "Likelihood",
    "Impact",
    "Treatment",
    "Mitigations",
    "Likelihood",
    "Impact",
    "Owner",
    "Status",
    "Next review",
    "Note",
];
/// Where the residual likelihood sits in `RISK_FIELDS`.
const RESIDUAL_LIKELIHOOD: usize = 11;

/// The focused form field's line, if the focus is on `label`.
fn focused_line(screen: &vt100::Screen, label: &str) -> Option<String> {
    let marker = format!("›{label}");
    screen
        .contents()
        .lines()
        .find(|line| line.contains(&marker))
        .map(str::to_string)
}

/// Moves the focus of an open risk form with Tab from field `from` to field `to` (indices into
/// `RISK_FIELDS`), waiting for each field on the way.
fn tab_through_risk_form(app: &mut Pty, from: usize, to: usize) {
    for label in &RISK_FIELDS[from + 1..=to] {
        app.send(TAB);
        app.wait_for(&format!("the focus on {label}"), |s| {
            focused_line(s, label).is_some()
        });
    }
}

/// Types `key` into the focused choice field `label` (a letter or digit jumps to the next option
/// starting with it) and waits until it shows `shown`.
fn choose(app: &mut Pty, label: &str, key: &str, shown: &str) {
    app.send(key);
    app.wait_for(&format!("{label} set to {shown}"), |s| {
        focused_line(s, label).is_some_and(|line| line.contains(shown))
    });
}

/// The five cells (band letter and count, e.g. "H 1" or "L ·") of the heat map's row for the
/// likelihood `word`, from negligible to severe impact.
fn heat_map_row(screen: &vt100::Screen, word: &str) -> Option<Vec<String>> {
    let label = format!("{word} ");
    let contents = screen.contents();
    let segment = contents
        .lines()
        .flat_map(|line| line.split('│'))
        .find(|segment| segment.trim_start().starts_with(&label))?;
    let tokens: Vec<&str> = segment.trim_start()[label.len()..]
        .split(|c: char| c.is_whitespace() || c == '[' || c == ']')
        .filter(|t| !t.is_empty())
        .collect();
    let cells: Vec<String> = tokens.chunks(2).map(|pair| pair.join(" ")).collect();
    (cells.len() == 5).then_some(cells)
}

fn heat_cell_is(screen: &vt100::Screen, likelihood: &str, impact: usize, cell: &str) -> bool {
    heat_map_row(screen, likelihood).is_some_and(|row| row[impact - 1] == cell)
}

/// Waits for the `which` ("Inherent" or "Residual") heat map with each (likelihood word, impact
/// 1–5, cell text) as given.
fn wait_for_heat_map(app: &Pty, which: &str, cells: [(&str, usize, &str); 2]) {
    let title = format!("{which} heat map");
    app.wait_for(&format!("the {title} with the cells {cells:?}"), |s| {
        s.contents().contains(&title)
            && cells
                .iter()
                .all(|&(likelihood, impact, cell)| heat_cell_is(s, likelihood, impact, cell))
    });
}

/// The Proof of issue 5: a risk linked to a partner with two mitigations, its residual score
/// changed, the heat map count moving from the inherent to the residual cell, one of the plan's
/// suggestions accepted and rated; then the file holds exactly that.
#[test]
fn add_edit_map_and_suggest_risks_then_find_them_all_in_the_file() {
    const TITLE: &str = "Single cloud provider for hosting";
    const LINKED: &str = "Borealis Hosting";
    let sandbox = Sandbox::new();
    let workbook = sandbox.workbook();
    sandbox.new_workbook_from_template("technology");
    // Two partners and no assignments: every template role is a gap the plan turns into a
    // suggestion; the first one is the one accepted below.
    let (linked_id, suggestion, suggested) = {
        let mut wb = Workbook::open(&workbook, OpenOptions::default()).expect("opening");
        let mut ids = Vec::new();
        for name in ["Acme Cloud", LINKED] {
            let draft = PartnerDraft {
                name: name.into(),
                ..PartnerDraft::default()
            };
            ids.push(wb.add_partner(&draft).expect("adding a partner"));
        }
        let today = jiff::Zoned::now().date().to_string();
        let suggestions = wb.risk_suggestions(&today, 30).expect("suggestions");
        assert!(
            suggestions.len() >= 2 && suggestions[0].key.starts_with("gap:role:"),
            "the template's gaps are suggested: {suggestions:?}"
        );
        (ids[1], suggestions[0].clone(), suggestions.len())
    };

    // Wide enough for the register's Partner / role column.
    let mut app = Pty::spawn("risks", sandbox.app(), 160, 40);
    wait_for_app(&app);
    app.send("5");
    app.wait_for_text("No risks yet");

    // A new risk: title, category, the partner from the picker, inherent 4 × 4, two mitigations
    // and a residual of 3 × 3.
    app.send("a");
    app.wait_for("the new-risk form with the focus on Title", |s| {
        s.contents().contains("New risk") && focused_line(s, "Title*").is_some()
    });
    app.send(TITLE);
    app.wait_for("the title typed", |s| {
        focused_line(s, "Title*").is_some_and(|l| l.contains(TITLE))
    });
    tab_through_risk_form(&mut app, 0, 4);
    choose(&mut app, "Category", "o", "operational");
    tab_through_risk_form(&mut app, 4, 5);
    app.send(ENTER);
    app.wait_for_text("Link a partner");
    app.send("borea");
    app.wait_for("the picker narrowed to Borealis", |s| {
        let text = s.contents();
        text.contains(LINKED) && !text.contains("Acme Cloud")
    });
    app.send(ENTER);
    app.wait_for("Borealis linked", |s| {
        !s.contents().contains("Link a partner")
            && focused_line(s, "Partner").is_some_and(|l| l.contains(LINKED))
    });
    tab_through_risk_form(&mut app, 5, 7);
    choose(&mut app, "Likelihood", "4", "4 likely");
    tab_through_risk_form(&mut app, 7, 8);
    choose(&mut app, "Impact", "4", "4 major");
    tab_through_risk_form(&mut app, 8, 9);
    choose(&mut app, "Treatment", "r", "reduce");
    tab_through_risk_form(&mut app, 9, 10);
    app.send("contract: exit clause");
    app.send(ENTER);
    app.send("monitoring: uptime dashboard");
    app.wait_for("both mitigations typed", |s| {
        let text = s.contents();
        text.contains("contract: exit clause") && text.contains("monitoring: uptime dashboard")
    });
    tab_through_risk_form(&mut app, 10, RESIDUAL_LIKELIHOOD);
    choose(&mut app, "Likelihood", "3", "3 possible");
    tab_through_risk_form(&mut app, RESIDUAL_LIKELIHOOD, RESIDUAL_LIKELIHOOD + 1);
    choose(&mut app, "Impact", "3", "3 moderate");
    app.send(CTRL_S);
    app.wait_for("R-001 added and listed", |s| {
        !s.contents().contains("New risk")
            && status_line(s).contains(&format!("Added R-001 {TITLE}."))
            && list_shows(s, &["R-001", TITLE, LINKED])
    });

    // Edit it: the residual likelihood through the opened choice list, the impact by typing.
    app.send("e");
    app.wait_for("the edit form", |s| {
        s.contents().contains("Edit R-001") && focused_line(s, "Title*").is_some()
    });
    tab_through_risk_form(&mut app, 0, RESIDUAL_LIKELIHOOD);
    app.wait_for("the residual likelihood as saved", |s| {
        focused_line(s, "Likelihood").is_some_and(|l| l.contains("3 possible"))
    });
    app.send(ENTER);
    app.send("k");
    app.send(ENTER);
    app.wait_for("the residual likelihood lowered", |s| {
        focused_line(s, "Likelihood").is_some_and(|l| l.contains("2 unlikely"))
    });
    tab_through_risk_form(&mut app, RESIDUAL_LIKELIHOOD, RESIDUAL_LIKELIHOOD + 1);
    choose(&mut app, "Impact", "2", "2 minor");
    app.send(CTRL_S);
    app.wait_for("R-001 saved", |s| {
        !s.contents().contains("Edit R-001") && status_line(s).contains(&format!("Saved {TITLE}."))
    });

    // The heat map: one risk at likely × major before treatment, at unlikely × minor after.
    app.send("m");
    wait_for_heat_map(
        &app,
        "Inherent",
        [("likely", 4, "H 1"), ("unlikely", 2, "L ·")],
    );
    app.send("r");
    wait_for_heat_map(
        &app,
        "Residual",
        [("likely", 4, "H ·"), ("unlikely", 2, "L 1")],
    );
    app.send("\x1b");
    app.wait_for("the register again", |s| {
        !s.contents().contains("Residual heat map") && list_shows(s, &["R-001", TITLE])
    });

    // The plan's suggestions: accept the first, rate it 2 × 3 in the pre-filled form.
    app.send("P");
    let offered = format!("The plan suggests {}", count_of(suggested, "risk", "risks"));
    app.wait_for("the suggestions", |s| {
        let text = s.contents();
        text.contains(&offered) && text.contains(&suggestion.title)
    });
    app.send("a");
    let heading = format!("New risk: {}", suggestion.title);
    app.wait_for("the form pre-filled from the suggestion", |s| {
        s.contents().contains(&heading)
            && focused_line(s, "Title*").is_some_and(|l| l.contains(&suggestion.title))
    });
    tab_through_risk_form(&mut app, 0, 7);
    choose(&mut app, "Likelihood", "2", "2 unlikely");
    tab_through_risk_form(&mut app, 7, 8);
    choose(&mut app, "Impact", "3", "3 moderate");
    app.send(CTRL_S);
    let fewer = format!(
        "The plan suggests {}",
        count_of(suggested - 1, "risk", "risks")
    );
    app.wait_for("R-002 added and the suggestion gone", |s| {
        !s.contents().contains(&heading)
            && status_line(s).contains(&format!("Added R-002 {}.", suggestion.title))
            && s.contents().contains(&fewer)
    });
    app.send("\x1b");
    app.wait_for("the register with both risks", |s| {
        list_shows(s, &["R-001", TITLE]) && list_shows(s, &["R-002"])
    });

    app.send("q");
    let status = app.wait_exit();
    assert_eq!(status.exit_code(), 0, "quit exits 0\n{}", app.report());
    drop(app);

    // The file.
    let wb = Workbook::open(&workbook, OpenOptions::default()).expect("reopening");
    let risks: Vec<(i64, String)> = wb
        .connection()
        .prepare("SELECT id, code FROM risks ORDER BY number")
        .and_then(|mut stmt| {
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect()
        })
        .expect("reading risks");
    let codes: Vec<&str> = risks.iter().map(|(_, code)| code.as_str()).collect();
    assert_eq!(codes, ["R-001", "R-002"]);
    let rating =
        |l: Option<Likelihood>, i: Option<Impact>| (l.map(Likelihood::value), i.map(Impact::value));

    let first = wb.risk(risks[0].0).expect("reading R-001").expect("R-001");
    let d = &first.draft;
    assert_eq!(d.title, TITLE);
    assert_eq!(d.category, "operational");
    assert_eq!(d.partner_id, Some(linked_id));
    assert_eq!(d.role_id, None);
    assert_eq!(d.treatment, Some(Treatment::Reduce));
    assert_eq!(d.status, RiskStatus::Open);
    assert_eq!(
        rating(d.inherent_likelihood, d.inherent_impact),
        (Some(4), Some(4))
    );
    assert_eq!(
        rating(d.residual_likelihood, d.residual_impact),
        (Some(2), Some(2))
    );
    assert_eq!(
        d.mitigations,
        vec![
            (MitigationKind::Contract, "exit clause".to_string()),
            (MitigationKind::Monitoring, "uptime dashboard".to_string()),
        ]
    );
    assert_eq!(first.suggestion_key, "");
    let mitigations: Vec<(String, String, i64)> = wb
        .connection()
        .prepare("SELECT kind, note, position FROM risk_mitigations WHERE risk_id = ?1 ORDER BY id")
        .and_then(|mut stmt| {
            stmt.query_map([first.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect()
        })
        .expect("reading mitigations");
    assert_eq!(
        mitigations,
        vec![
            ("contract".to_string(), "exit clause".to_string(), 0),
            ("monitoring".to_string(), "uptime dashboard".to_string(), 1),
        ]
    );
    let history = |id: i64| -> Vec<[Option<i64>; 4]> {
        wb.connection()
            .prepare(
                "SELECT inherent_likelihood, inherent_impact, residual_likelihood, \
                 residual_impact FROM risk_score_history WHERE risk_id = ?1 ORDER BY id",
            )
            .and_then(|mut stmt| {
                stmt.query_map([id], |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?]))?
                    .collect()
            })
            .expect("reading the score history")
    };
    assert_eq!(
        history(first.id),
        vec![
            [Some(4), Some(4), Some(3), Some(3)],
            [Some(4), Some(4), Some(2), Some(2)],
        ],
        "the add and the edit each recorded the scores"
    );

    let second = wb.risk(risks[1].0).expect("reading R-002").expect("R-002");
    let d = &second.draft;
    assert_eq!(d.title, suggestion.title);
    assert_eq!(d.cause, suggestion.reason);
    assert_eq!(d.category, suggestion.category);
    assert_eq!(d.role_id, suggestion.role_id);
    assert_eq!(d.partner_id, None);
    assert_eq!(
        rating(d.inherent_likelihood, d.inherent_impact),
        (Some(2), Some(3))
    );
    assert_eq!(
        rating(d.residual_likelihood, d.residual_impact),
        (None, None)
    );
    assert!(d.mitigations.is_empty());
    let key: String = wb
        .connection()
        .query_row(
            "SELECT suggestion_key FROM risks WHERE code = 'R-002'",
            [],
            |r| r.get(0),
        )
        .expect("reading the suggestion key");
    assert_eq!(key, suggestion.key);
    assert_eq!(history(second.id), vec![[Some(2), Some(3), None, None]]);
    let mitigation_rows: i64 = wb
        .connection()
        .query_row("SELECT count(*) FROM risk_mitigations", [], |r| r.get(0))
        .expect("counting mitigations");
    assert_eq!(mitigation_rows, 2, "nothing else was stored");
}

/// Closing the terminal (its window, the SSH link) ends the app at once with 129 (as a shell
/// reports a hangup), and what was saved before is in the file, with no journal left behind.
#[test]
fn the_app_leaves_when_its_terminal_goes_away() {
    const NAME: &str = "Acme Robotics";
    let sandbox = Sandbox::new();
    let workbook = sandbox.workbook();
    let mut app = Pty::spawn("hangup", sandbox.app(), COLS, ROWS);
    wait_for_app(&app);
    app.send("3");
    app.wait_for_text("No partners yet. Press a to add the first one.");
    add_partner(&mut app, NAME, 1);

    app.hang_up();
    let status = app.exit_within(Duration::from_secs(3));
    let Some(status) = status else {
        panic!(
            "the app was still running 3 s after its terminal went away\n{}",
            app.report()
        );
    };
    assert_eq!(status.exit_code(), 129, "a hangup exits 129");
    drop(app);

    let wb = Workbook::open(&workbook, OpenOptions::default()).expect("reopening cleanly");
    let names: Vec<String> = wb
        .connection()
        .prepare("SELECT name FROM partners")
        .and_then(|mut stmt| stmt.query_map([], |r| r.get(0))?.collect())
        .expect("reading partners");
    assert_eq!(names, [NAME]);
    let integrity: String = wb
        .connection()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check");
    assert_eq!(integrity, "ok");
    drop(wb);
    for suffix in ["-journal", "-wal"] {
        let leftover = PathBuf::from(format!("{}{suffix}", workbook.display()));
        assert!(!leftover.exists(), "{} was left behind", leftover.display());
    }
}

/// Issue 15: inside a bracketed paste whose end marker has not come (the reader takes what came
/// as pasted text only after a second without input, see tests/terminal_paste_timeout.rs),
/// Ctrl-c still quits at once — it is the terminal's interrupt signal, not a key the reader must
/// deliver — cleanly, with the terminal restored.
#[test]
fn ctrl_c_quits_inside_a_paste_that_never_ends() {
    let sandbox = Sandbox::new();
    // Ctrl-c signals the whole foreground group; the wrapper shell catches it (as an interactive
    // shell would ignore it) so that it lives on to report.
    let workbook = sandbox.workbook();
    let wrapper = format!("trap : INT; {WRAPPER}");
    let command = sandbox.command(
        "sh",
        &[
            "-c",
            &wrapper,
            BIN,
            workbook.to_str().expect("a UTF-8 temp path"),
        ],
    );
    let mut shell = Pty::spawn("endless-paste", command, COLS, ROWS);
    wait_for_app(&shell);
    shell.send("3");
    shell.wait_for("the roster", |s| status_line(s).contains("add"));
    shell.send("\x1b[200~half a paste, and then nothing");
    std::thread::sleep(Duration::from_millis(300));
    shell.send("q");
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        shell.exit_within(Duration::from_millis(10)).is_none(),
        "'q' inside the paste is pasted text, not a key"
    );
    shell.send("\x03");
    let status = shell
        .exit_within(Duration::from_secs(5))
        .unwrap_or_else(|| panic!("Ctrl-c did not quit\n{}", shell.report()));
    // The wrapper's last lines may still be on their way: read them all first.
    shell.drain_output();
    let (code, stty) = wrapper_epilogue(&shell);
    assert_eq!(code, 0, "Ctrl-c quits cleanly\n{}", shell.report());
    assert_eq!(status.exit_code(), 0);
    assert_terminal_restored(&shell, &stty);
}
