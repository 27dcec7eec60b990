//! CSV for Excel: `--excel` starts the file with a UTF-8 byte-order mark (so Excel on Windows
//! opens accents right), `--delimiter ';'` splits where Excel expects it; the risks CSV keeps
//! each mitigation's note beside its kind. Plain exports stay as they were.

mod report_support;
mod support;

use std::path::Path;

use report_support::demo;
use support::Sandbox;

const BOM: &[u8] = b"\xEF\xBB\xBF";

fn export(sb: &Sandbox, wb: &Path, out: &str, extra: &[&str]) -> Vec<u8> {
    let path = sb.file(out);
    let mut args: Vec<std::ffi::OsString> = vec![
        "export".into(),
        wb.into(),
        "--format".into(),
        "csv".into(),
        "--table".into(),
        "risks".into(),
        "-o".into(),
        path.clone().into(),
    ];
    args.extend(extra.iter().map(Into::into));
    sb.run(args).expect_code(0);
    std::fs::read(path).unwrap()
}

#[test]
fn excel_csv_has_a_bom_and_semicolons_and_risks_keep_their_mitigation_notes() {
    let sb = Sandbox::new();
    let wb = demo(&sb);

    let plain = export(&sb, &wb, "plain.csv", &[]);
    assert!(
        !plain.starts_with(BOM),
        "a plain export has no byte-order mark"
    );
    let plain = String::from_utf8(plain).unwrap();
    assert!(plain.starts_with("Code,Title,Category,"), "{plain:.80}");
    // The notes, not only the kinds.
    assert!(
        plain.contains("dual sourcing: Larchmont Circuitworks evaluated as a second board maker."),
        "{plain}"
    );

    let excel = export(&sb, &wb, "excel.csv", &["--excel", "--delimiter", ";"]);
    assert!(excel.starts_with(BOM), "no byte-order mark");
    let text = std::str::from_utf8(&excel[BOM.len()..]).unwrap();
    assert!(text.starts_with("Code;Title;Category;"), "{text:.80}");
    // Read back as Excel would split it: every row as wide as the header, the same records.
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let width = reader.headers().unwrap().len();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(rows.iter().all(|r| r.len() == width));
    let plain_rows = csv::Reader::from_reader(plain.as_bytes()).records().count();
    assert_eq!(rows.len(), plain_rows);
    assert_eq!(rows.len(), 15, "the demo's 15 risks");
}

#[test]
fn a_delimiter_it_cannot_write_or_excel_for_another_format_is_refused() {
    let sb = Sandbox::new();
    let wb = demo(&sb);
    let out = sb.file("out.csv");
    let run = |extra: &[&str]| {
        let mut args: Vec<std::ffi::OsString> = vec![
            "export".into(),
            wb.clone().into(),
            "-o".into(),
            out.clone().into(),
        ];
        args.extend(extra.iter().map(Into::into));
        sb.run(args)
    };
    run(&["--format", "csv", "--table", "risks", "--delimiter", "::"])
        .expect_code(1)
        .stderr_mentions(&["::", "--delimiter", "';'"]);
    run(&["--format", "toml", "--excel"])
        .expect_code(1)
        .stderr_mentions(&["--excel", "--format csv"]);
    assert!(!out.exists());
}
