//! Issue 20: what-if scenarios saved by name (schema step 10) — working one out never writes to
//! the plan's tables; saving is one undoable change; scenarios travel in the TOML, come back
//! through a three-way merge and are described by diff; the command shows, saves, lists and
//! compares them and refuses bad input with a way out.

mod support;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use partnerplan::plan::money::Period;
use partnerplan::plan::whatif::events::{Event, EventKind};
use partnerplan::workbook::{OpenOptions, Workbook};
use support::Sandbox;

fn demo(sb: &Sandbox, name: &str) -> PathBuf {
    let path = sb.file(name);
    sb.run([OsStr::new("demo"), path.as_os_str()])
        .expect_code(0);
    path
}

fn id_of(wb: &Workbook, name: &str) -> i64 {
    wb.partner_named(name).unwrap().0
}

/// Every plan table's rows, as text, in id order: what "the plan" is.
fn plan_rows(path: &Path) -> Vec<String> {
    let conn =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut rows = Vec::new();
    for table in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let n = stmt.column_count();
        let found: Vec<String> = stmt
            .query_map([], |r| {
                let cells: Vec<String> = (0..n)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect();
                Ok(format!("{table}: {}", cells.join(" | ")))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        rows.extend(found);
    }
    rows
}

#[test]
fn working_out_a_scenario_never_writes_and_saving_is_one_undoable_change() {
    let sb = Sandbox::new();
    let path = demo(&sb, "demo.partnerplan");
    let mut wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    let ostrander = id_of(&wb, "Ostrander Industrial Supply");
    let meridel = id_of(&wb, "Meridel Trade Partners");
    let events = [
        Event {
            partner: ostrander,
            kind: EventKind::Exit,
        },
        Event {
            partner: meridel,
            kind: EventKind::Delay(6),
        },
    ];
    let rows = plan_rows(&path);
    let bytes = std::fs::read(&path).unwrap();
    let outcome = wb.scenario_outcome(&events, Period::default()).unwrap();
    assert!(outcome.percent_at_stake().unwrap() > 73, "{outcome:?}");
    assert!(!outcome.kpis.is_empty() && !outcome.risks.is_empty());
    assert_eq!(plan_rows(&path), rows, "no row of any table changed");
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "not a byte written");

    let before = wb.scenarios().unwrap().len();
    wb.save_scenario("Both go", "a note", &events).unwrap();
    let saved = wb.scenario_named(" both GO ").unwrap();
    assert_eq!(saved.events.len(), 2);
    assert_eq!(
        saved.story(),
        "Meridel Trade Partners is delayed by 6 months and Ostrander Industrial Supply exits"
    );
    assert_eq!(
        wb.scenario_outcome(&saved.events(), Period::default())
            .unwrap(),
        outcome,
        "the saved scenario works out the same"
    );
    let twice = wb.save_scenario("both go", "", &events).unwrap_err();
    assert!(format!("{twice:#}").contains("is saved already; choose another name"));
    assert!(wb.save_scenario("Nothing", "", &[]).is_err());
    wb.undo().unwrap();
    assert_eq!(wb.scenarios().unwrap().len(), before, "undo takes it away");
    wb.redo().unwrap();
    assert_eq!(wb.scenarios().unwrap().len(), before + 1);
    // Deleting the scenario takes its events with it.
    let id = saved.id;
    wb.delete_scenario(id).unwrap();
    assert!(wb.scenario_named("Both go").is_err());
}

#[test]
fn scenarios_travel_in_toml_and_come_back_through_merge_and_diff() {
    let sb = Sandbox::new();
    let ours = demo(&sb, "ours.partnerplan");
    let copy = sb.file("copy.partnerplan");
    sb.run([OsStr::new("send"), ours.as_os_str(), copy.as_os_str()])
        .expect_code(0);
    sb.run([
        OsStr::new("whatif"),
        copy.as_os_str(),
        OsStr::new("--gate-out"),
        OsStr::new("Nimbus Forge Cloud"),
        OsStr::new("--save"),
        OsStr::new("Nimbus fails the security gate"),
    ])
    .expect_code(0)
    .stdout_mentions(&["Saved as the scenario \"Nimbus fails the security gate\""]);

    // The TOML holds the scenario and rebuilds it byte for byte.
    let toml = sb.file("copy.toml");
    sb.run([
        OsStr::new("export"),
        copy.as_os_str(),
        OsStr::new("--format"),
        OsStr::new("toml"),
        OsStr::new("-o"),
        toml.as_os_str(),
    ])
    .expect_code(0);
    let text = std::fs::read_to_string(&toml).unwrap();
    assert!(text.contains("[[scenarios]]") && text.contains("[[scenario_events]]"));
    assert!(text.contains("kind = \"gate-out\""), "{text}");
    let rebuilt = sb.file("rebuilt.partnerplan");
    sb.run([OsStr::new("import"), rebuilt.as_os_str(), toml.as_os_str()])
        .expect_code(0);
    let wb = Workbook::open(
        &rebuilt,
        OpenOptions {
            read_only: true,
            create_if_missing: false,
        },
    )
    .unwrap();
    let back = wb.scenario_named("Nimbus fails the security gate").unwrap();
    assert_eq!(back.events[0].event.kind, EventKind::GateOut);
    drop(wb);

    sb.run([OsStr::new("diff"), ours.as_os_str(), copy.as_os_str()])
        .expect_code(0)
        .stdout_mentions(&["What-if scenarios", "Nimbus fails the security gate"]);
    sb.run([OsStr::new("merge"), ours.as_os_str(), copy.as_os_str()])
        .expect_code(0);
    sb.run([
        OsStr::new("whatif"),
        ours.as_os_str(),
        OsStr::new("--scenario"),
        OsStr::new("nimbus fails the security gate"),
    ])
    .expect_code(0)
    .stdout_mentions(&["If Nimbus Forge Cloud is gated out:"]);
}

#[test]
fn the_command_delays_gates_out_lists_and_compares() {
    let sb = Sandbox::new();
    let path = demo(&sb, "demo.partnerplan");
    let run = |args: &[&str]| {
        let mut all = vec![OsStr::new("whatif"), path.as_os_str()];
        all.extend(args.iter().map(OsStr::new));
        sb.run(all)
    };
    run(&["--delay", "Meridel Trade Partners=6"])
        .expect_code(0)
        .stdout_mentions(&[
            "If Meridel Trade Partners is delayed by 6 months:",
            "Live KPIs that would move (now → scenario):",
            "Active partners: 13 → 12 (−1)",
        ]);
    run(&[
        "--exit",
        "Ostrander Industrial Supply",
        "--save",
        "Ostrander leaves",
    ])
    .expect_code(0);
    run(&[
        "--delay",
        "Meridel Trade Partners=3",
        "--gate-out",
        "Nimbus Forge Cloud",
        "--save",
        "Two slip",
    ])
    .expect_code(0);
    run(&["--list"]).expect_code(0).stdout_mentions(&[
        "Saved scenarios:",
        "Ostrander leaves: If Ostrander Industrial Supply exits: 73 % of returns",
        "Two slip: If Meridel Trade Partners is delayed by 3 months and Nimbus Forge Cloud is \
         gated out",
    ]);
    let compared = run(&["--scenario", "Ostrander leaves", "--scenario", "two slip"]);
    compared.expect_code(0).stdout_mentions(&[
        "Ostrander leaves",
        "Two slip",
        "Returns at stake          EUR 223,000.00 (73 %)",
        "Risks rising",
    ]);

    // Bad input: a word for months, too many months, a partner twice, an unknown scenario,
    // events mixed with scenarios, --save alone, a name saved already.
    for (args, says) in [
        (
            &["--delay", "Meridel Trade Partners=soon"][..],
            "is not a number of months; write 1 to 120",
        ),
        (&["--delay", "Meridel Trade Partners=200"], "write 1 to 120"),
        (
            &["--delay", "Meridel Trade Partners"],
            "needs the months after an equals sign",
        ),
        (
            &[
                "--exit",
                "Meridel Trade Partners",
                "--gate-out",
                "Meridel Trade Partners",
            ],
            "is named in two events",
        ),
        (
            &["--scenario", "nope"],
            "the saved ones are \"Ostrander exits\", \"Ostrander leaves\", \"Two slip\"",
        ),
        (
            &["--scenario", "Two slip", "--exit", "Meridel Trade Partners"],
            "not both",
        ),
        (&["--save", "x"], "--save needs the events"),
        (
            &[
                "--exit",
                "Meridel Trade Partners",
                "--save",
                "ostrander LEAVES",
            ],
            "is saved already",
        ),
    ] {
        let before = std::fs::read(&path).unwrap();
        run(args).expect_code(1).stderr_mentions(&[says]);
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "{args:?} wrote nothing"
        );
    }
}

#[test]
fn the_report_says_what_the_demos_saved_scenario_puts_at_risk() {
    let sb = Sandbox::new();
    let path = demo(&sb, "demo.partnerplan");
    for name in ["plan.md", "plan.html"] {
        let out = sb.file(name);
        sb.run([
            OsStr::new("report"),
            path.as_os_str(),
            OsStr::new("-o"),
            out.as_os_str(),
        ])
        .expect_code(0);
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.contains("What if: saved scenarios"), "{name}");
        assert!(
            text.contains(
                "If Ostrander Industrial Supply exits: 73 % of returns and the coverage of 1 \
                 role at risk."
            ),
            "{name}"
        );
    }
    // A workbook without scenarios has no such section.
    let empty = sb.file("empty.partnerplan");
    sb.run([OsStr::new("new"), empty.as_os_str()])
        .expect_code(0);
    let out = sb.file("empty.md");
    sb.run([
        OsStr::new("report"),
        empty.as_os_str(),
        OsStr::new("-o"),
        out.as_os_str(),
    ])
    .expect_code(0);
    assert!(!std::fs::read_to_string(&out).unwrap().contains("What if"));
}

#[test]
fn gate_outs_and_delays_say_what_the_figures_simplify_and_exits_do_not() {
    let sb = Sandbox::new();
    let path = demo(&sb, "demo.partnerplan");
    let run = |args: &[&str]| {
        let mut all = vec![OsStr::new("whatif"), path.as_os_str()];
        all.extend(args.iter().map(OsStr::new));
        sb.run(all)
    };
    let exit = run(&["--exit", "Ostrander Industrial Supply"]);
    exit.expect_code(0);
    assert!(!exit.stdout.contains("Simplified"), "{}", exit.stdout);
    run(&["--gate-out", "Nimbus Forge Cloud"])
        .expect_code(0)
        .stdout_mentions(&[
            "Simplified: A partner gated out is counted as gone at once",
            "its current agreements would run until their end date",
        ]);
    run(&[
        "--delay",
        "Meridel Trade Partners=3",
        "--gate-out",
        "Nimbus Forge Cloud",
        "--save",
        "Two slip",
    ])
    .expect_code(0)
    .stdout_mentions(&["A delayed partner is counted as absent from its roles"]);
    let out = sb.file("plan.md");
    sb.run([
        OsStr::new("report"),
        path.as_os_str(),
        OsStr::new("-o"),
        out.as_os_str(),
    ])
    .expect_code(0);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.contains("*Simplified:* A partner gated out is counted as gone at once"),
        "{text}"
    );
}
