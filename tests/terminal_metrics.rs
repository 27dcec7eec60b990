//! The Metrics tab in the real binary, in a real pseudo-terminal: a KPI from the pick-list, three
//! measurements, its status and sparkline, an investment and a value entry, the ROI; then quit
//! and read the file with plain SQLite.
//!
//! Every step waits for what the screen shows (with a deadline), never for a fixed time.

#[path = "support/pty.rs"]
#[allow(dead_code)]
mod pty;

use std::path::{Path, PathBuf};

use pty::{CTRL_S, ENTER, Pty, TAB, sealed_command};
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_partnerplan");
const BACKSPACE: &str = "\x7f";
const ESC: &str = "\x1b";

struct Sandbox {
    dir: TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        let dir = tempfile::Builder::new()
            .prefix("partnerplan-pty-metrics-")
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

    fn app(&self) -> portable_pty::CommandBuilder {
        let workbook = self.workbook();
        let path = workbook.to_str().expect("a UTF-8 temp path");
        let mut command = sealed_command(BIN, &[path], self.home());
        command.env("PARTNERPLAN_CONFIG", self.home().join("config.toml"));
        command
    }
}

fn status_line(screen: &vt100::Screen) -> String {
    let (rows, cols) = pty::dims(screen);
    screen
        .rows(0, cols)
        .nth(usize::from(rows.saturating_sub(1)))
        .unwrap_or_default()
}

fn line_with(screen: &vt100::Screen, needle: &str) -> Option<String> {
    screen
        .contents()
        .lines()
        .find(|l| l.contains(needle))
        .map(str::to_owned)
}

/// Logs `value` on `day` from the open detail view: the date field comes prefilled with today.
fn log_measurement(app: &mut Pty, day: &str, value: &str) {
    app.send("a");
    app.wait_for_text("Log a value of Partner NPS");
    app.send(&BACKSPACE.repeat(12));
    app.send(day);
    app.send(TAB);
    app.send(value);
    app.send(CTRL_S);
    let logged = format!("Logged {value} on {day}.");
    app.wait_for(&logged, |s| status_line(s).contains(&logged));
}

#[test]
fn a_kpi_from_the_pick_list_with_measurements_status_sparkline_and_roi() {
    let sandbox = Sandbox::new();
    let mut app = Pty::spawn("metrics", sandbox.app(), 100, 30);
    app.wait_for_text("1 Guide");
    app.send("6");
    app.wait_for_text("No KPIs yet");

    // One key on the pick-list adds the KPI, unit and direction filled in.
    app.send("p");
    app.wait_for_text("Add a common KPI");
    app.send("nps");
    app.wait_for("the pick-list narrowed to Partner NPS", |s| {
        line_with(s, "› Partner NPS").is_some()
    });
    app.send(ENTER);
    app.wait_for("the KPI added", |s| {
        status_line(s).contains("Added KPI Partner NPS.")
    });

    // A target: name → category → horizon → unit → direction → baseline → target.
    app.send("e");
    app.wait_for_text("Edit KPI Partner NPS");
    app.send(&TAB.repeat(6));
    app.send("50");
    app.send(CTRL_S);
    app.wait_for("the target saved", |s| {
        status_line(s).contains("Saved KPI Partner NPS.")
    });

    app.send(ENTER);
    app.wait_for_text("Measured (•) against the target path");
    log_measurement(&mut app, "2026-01-01", "10");
    log_measurement(&mut app, "2026-02-01", "20");
    log_measurement(&mut app, "2026-03-01", "30");
    app.wait_for_text("Measurements (3)");
    app.send(ESC);
    app.wait_for("status and sparkline in the table", |s| {
        line_with(s, "Partner NPS").is_some_and(|l| {
            l.contains("↗ on track") && l.contains("30 score") && l.contains("▁▅█")
        })
    });

    // An investment and a value entry, dated today: this year's ROI.
    app.send("r");
    app.wait_for_text("Investments (0)");
    app.send("a");
    app.wait_for_text("New investment");
    app.send(TAB);
    app.send("Partner enablement");
    app.send(TAB);
    app.send("1,000");
    app.send(CTRL_S);
    app.wait_for("the investment saved", |s| {
        status_line(s).contains("Saved the investment Partner enablement.")
    });
    app.send(" ");
    app.send("a");
    app.wait_for_text("New value entry");
    app.send(&TAB.repeat(2));
    app.send("First co-sold deal");
    app.send(TAB);
    app.send("1,500");
    app.send(CTRL_S);
    app.wait_for("the ROI of both", |s| {
        let text = s.contents();
        text.contains("Invested EUR 1,000.00")
            && text.contains("returned EUR 1,500.00")
            && text.contains("ROI on gross revenue 50.0%")
    });

    app.send(ESC);
    app.wait_for_text("1 KPI");
    app.send("q");
    let status = app.wait_exit();
    assert_eq!(status.exit_code(), 0, "quit exits 0\n{}", app.report());
    drop(app);

    let conn = rusqlite::Connection::open_with_flags(
        sandbox.workbook(),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .expect("opening the workbook with SQLite");
    let kpi: (String, String, f64) = conn
        .query_row("SELECT name, direction, target FROM kpis", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .expect("one KPI");
    assert_eq!(kpi, ("Partner NPS".into(), "higher".into(), 50.0));
    let values: Vec<(String, f64)> = conn
        .prepare("SELECT measured_on, value FROM kpi_measurements ORDER BY measured_on")
        .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .expect("measurements");
    assert_eq!(
        values,
        [
            ("2026-01-01".to_string(), 10.0),
            ("2026-02-01".to_string(), 20.0),
            ("2026-03-01".to_string(), 30.0)
        ]
    );
    let money: (i64, i64, String) = conn
        .query_row(
            "SELECT i.amount_minor, v.amount_minor, v.kind FROM investments i, value_log v",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("one investment and one value entry");
    assert_eq!(money, (100_000, 150_000, "revenue".to_string()));
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check");
    assert_eq!(integrity, "ok");
}
