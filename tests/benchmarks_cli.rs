//! `partnerplan benchmarks import|export|derive` on real files: the shipped example library
//! matches the demo's KPIs by name and saves as one undoable change, a bad library is refused
//! whole with what is wrong, export writes what import reads, and derive builds anonymised bands
//! only from KPIs three workbooks measure the same way — naming none of them.

mod support;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use jiff::civil::date;
use partnerplan::plan::kpi::{Direction, Kpi, KpiBenchmark};
use partnerplan::workbook::{OpenOptions, Workbook};
use support::{Run, Sandbox};

fn example_library() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/benchmarks.example.toml")
}

fn benchmarks(sb: &Sandbox, args: &[&OsStr]) -> Run {
    sb.run(std::iter::once(OsStr::new("benchmarks")).chain(args.iter().copied()))
}

fn demo(sb: &Sandbox, name: &str) -> PathBuf {
    let path = sb.file(name);
    sb.run([OsStr::new("demo"), path.as_os_str()])
        .expect_code(0);
    path
}

fn open(path: &Path) -> Workbook {
    Workbook::open(path, OpenOptions::default()).unwrap()
}

fn band_of(path: &Path, kpi: &str) -> KpiBenchmark {
    open(path)
        .kpi_benchmark_lines()
        .unwrap()
        .into_iter()
        .find(|l| l.record.kpi.name == kpi)
        .unwrap()
        .record
        .benchmark
}

#[test]
fn the_example_library_matches_the_demo_by_name_labelled_as_an_example() {
    let sb = Sandbox::new();
    let wb = demo(&sb, "demo.partnerplan");
    let library = example_library();
    // A dry run says what would match and writes nothing.
    benchmarks(
        &sb,
        &[
            OsStr::new("import"),
            library.as_os_str(),
            wb.as_os_str(),
            OsStr::new("--dry-run"),
        ],
    )
    .expect_code(0)
    .stdout_mentions(&[
        "3 of 3 benchmarks would match",
        "Days to onboard a partner ← Days to onboard a partner (by name): 30 / 60 / 120 days",
        "Example only",
        "Nothing was written",
    ]);
    assert!(!band_of(&wb, "Days to onboard a partner").has_band());
    benchmarks(
        &sb,
        &[OsStr::new("import"), library.as_os_str(), wb.as_os_str()],
    )
    .expect_code(0)
    .stdout_mentions(&["3 of 3 benchmarks matched", "one change"]);
    let band = band_of(&wb, "Days to onboard a partner");
    assert_eq!(
        (band.low, band.typical, band.high),
        (Some(30.0), Some(60.0), Some(120.0))
    );
    assert_eq!(band.key, "days-to-onboard-a-partner");
    assert!(band.source.starts_with("Example only: "), "{}", band.source);
    assert!(band.definition.contains("first registered deal"));
    // The report's KPI table shows where the KPI stands beside its status, with the source.
    let md = sb.file("report.md");
    sb.run([
        OsStr::new("report"),
        wb.as_os_str(),
        OsStr::new("-o"),
        md.as_os_str(),
    ])
    .expect_code(0);
    let report = std::fs::read_to_string(&md).unwrap();
    let line = report
        .lines()
        .find(|l| l.starts_with("| Days to onboard a partner"))
        .unwrap_or_else(|| panic!("no KPI row in\n{report}"));
    assert!(
        line.contains("vs benchmark: ")
            && line.contains("(band 30 / 60 / 120 days; source: Example only: Illustrative"),
        "{line}"
    );
    // One change: one undo takes every band back.
    let mut book = open(&wb);
    book.undo().unwrap();
    drop(book);
    assert!(!band_of(&wb, "Days to onboard a partner").has_band());
    assert!(!band_of(&wb, "Role coverage").has_band());
}

#[test]
fn a_bad_library_is_refused_whole_and_nothing_changes() {
    let sb = Sandbox::new();
    let wb = demo(&sb, "demo.partnerplan");
    let bad = sb.file("bad.toml");
    let text = std::fs::read_to_string(example_library())
        .unwrap()
        .replace("low = 30.0", "low = 300.0")
        .replace(
            "source = \"Illustrative example by the partnerplan authors, not a measurement\"\nexample = true\n\n[[benchmark]]\nid = \"partner",
            "example = false\n\n[[benchmark]]\nid = \"partner",
        );
    std::fs::write(&bad, text).unwrap();
    benchmarks(
        &sb,
        &[OsStr::new("import"), bad.as_os_str(), wb.as_os_str()],
    )
    .expect_code(1)
    .stderr_mentions(&[
        "cannot be imported; nothing was changed",
        "benchmark 1 (Days to onboard a partner)",
        "not in order",
    ]);
    assert!(!band_of(&wb, "Role coverage").has_band());
    let junk = sb.file("junk.toml");
    std::fs::write(&junk, "title = \"a plan\"\n").unwrap();
    benchmarks(
        &sb,
        &[OsStr::new("import"), junk.as_os_str(), wb.as_os_str()],
    )
    .expect_code(1)
    .stderr_mentions(&["not a benchmark library", "benchmarks.example.toml"]);
}

#[test]
fn export_writes_what_import_reads_and_never_overwrites() {
    let sb = Sandbox::new();
    let wb = demo(&sb, "demo.partnerplan");
    let out = sb.file("bands.toml");
    benchmarks(
        &sb,
        &[OsStr::new("export"), wb.as_os_str(), out.as_os_str()],
    )
    .expect_code(1)
    .stderr_mentions(&["no KPI with a benchmark band", "nothing to export"]);
    assert!(!out.exists());
    let library = example_library();
    benchmarks(
        &sb,
        &[OsStr::new("import"), library.as_os_str(), wb.as_os_str()],
    )
    .expect_code(0);
    benchmarks(
        &sb,
        &[OsStr::new("export"), wb.as_os_str(), out.as_os_str()],
    )
    .expect_code(0)
    .stdout_mentions(&["Wrote 3 benchmarks"]);
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(
        written.contains("id = \"partner-satisfaction-nps\""),
        "{written}"
    );
    assert!(written.contains("Example only"), "{written}");
    // Into a second demo: the same bands.
    let other = demo(&sb, "other.partnerplan");
    benchmarks(
        &sb,
        &[OsStr::new("import"), out.as_os_str(), other.as_os_str()],
    )
    .expect_code(0)
    .stdout_mentions(&["(by name)"]);
    assert_eq!(
        band_of(&other, "Partner satisfaction (NPS)"),
        band_of(&wb, "Partner satisfaction (NPS)")
    );
    // The file exists now: export again is refused, the file kept.
    let before = std::fs::read_to_string(&out).unwrap();
    benchmarks(
        &sb,
        &[OsStr::new("export"), wb.as_os_str(), out.as_os_str()],
    )
    .expect_code(1)
    .stderr_mentions(&["exists already", "Nothing was written"]);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), before);
}

/// A client workbook holding one measured KPI of this definition and latest value.
fn client(sb: &Sandbox, name: &str, kpi: &str, definition: &str, value: f64) -> PathBuf {
    let path = sb.file(name);
    Workbook::create(&path, Some(&format!("Client {name}"))).unwrap();
    let mut wb = open(&path);
    let id = wb
        .save_kpi_with_benchmark(
            None,
            &Kpi {
                name: kpi.into(),
                unit: "%".into(),
                direction: Direction::Higher,
                ..Kpi::default()
            },
            &KpiBenchmark {
                definition: definition.into(),
                ..KpiBenchmark::default()
            },
        )
        .unwrap();
    wb.add_measurement(id, date(2026, 1, 31), value - 5.0, "")
        .unwrap();
    wb.add_measurement(id, date(2026, 6, 30), value, "")
        .unwrap();
    path
}

#[test]
fn derive_builds_anonymised_bands_from_three_or_more_workbooks_of_the_same_definition() {
    let sb = Sandbox::new();
    let share = "Partner-sourced revenue over total revenue, last four quarters";
    let books = [
        client(
            &sb,
            "acme.partnerplan",
            "Partner revenue share",
            share,
            20.0,
        ),
        client(
            &sb,
            "bolt.partnerplan",
            "partner revenue share",
            share,
            30.0,
        ),
        client(
            &sb,
            "cobalt.partnerplan",
            "Partner revenue share",
            share,
            40.0,
        ),
        client(
            &sb,
            "delta.partnerplan",
            "Partner revenue share",
            "Something else",
            90.0,
        ),
    ];
    let out = sb.file("derived.toml");
    let mut args = vec![
        OsStr::new("benchmarks"),
        OsStr::new("derive"),
        out.as_os_str(),
    ];
    args.extend(books.iter().map(|b| b.as_os_str()));
    sb.run(&args).expect_code(0).stdout_mentions(&[
        "Partner revenue share: 25 / 30 / 35 % from 3 workbooks",
        "1 KPI left out: fewer than 3 workbooks",
        "no workbook, client or partner is named",
    ]);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("workbooks = 3"), "{text}");
    assert!(text.contains("typical = 30.0"), "{text}");
    for name in [
        "acme",
        "bolt",
        "cobalt",
        "delta",
        "Client",
        "Something else",
    ] {
        assert!(!text.contains(name), "{name} leaked into\n{text}");
    }
    // The derived library imports like any other.
    let target = client(
        &sb,
        "echo.partnerplan",
        "Partner revenue share",
        share,
        33.0,
    );
    benchmarks(
        &sb,
        &[OsStr::new("import"), out.as_os_str(), target.as_os_str()],
    )
    .expect_code(0)
    .stdout_mentions(&["1 of 1 benchmark matched"]);
    let band = band_of(&target, "Partner revenue share");
    assert_eq!(band.typical, Some(30.0));
    assert_eq!(
        band.standing(33.0).map(|s| s.words(false)),
        Some("upper half")
    );
    // Two workbooks only: nothing derived, nothing written.
    let few = sb.file("few.toml");
    benchmarks(
        &sb,
        &[
            OsStr::new("derive"),
            few.as_os_str(),
            books[0].as_os_str(),
            books[1].as_os_str(),
        ],
    )
    .expect_code(1)
    .stderr_mentions(&["at least 3 of the 2 workbooks", "nothing was written"]);
    assert!(!few.exists());
}
