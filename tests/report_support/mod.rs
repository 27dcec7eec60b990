//! What the report's tests share: the demo workbook made by the binary, and `report` run with
//! a fixed date and any further flags.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use crate::support::Sandbox;

/// The report's date in these tests.
pub const DATE: &str = "2026-11-24";

/// The demo workbook, made by `partnerplan demo`, in the sandbox.
pub fn demo(sb: &Sandbox) -> PathBuf {
    let wb = sb.file("demo.partnerplan");
    sb.run(["demo".as_ref(), wb.as_os_str()]).expect_code(0);
    wb
}

/// `partnerplan report WB -o OUT --date DATE EXTRA…`, expecting success; the file's path.
pub fn report_file(sb: &Sandbox, wb: &Path, out: &str, extra: &[&str]) -> PathBuf {
    let path = sb.file(out);
    let mut args: Vec<std::ffi::OsString> = vec![
        "report".into(),
        wb.into(),
        "-o".into(),
        path.clone().into(),
        "--date".into(),
        DATE.into(),
    ];
    args.extend(extra.iter().map(Into::into));
    sb.run(args).expect_code(0);
    path
}

/// The same, returning the report's text.
pub fn report(sb: &Sandbox, wb: &Path, out: &str, extra: &[&str]) -> String {
    std::fs::read_to_string(report_file(sb, wb, out, extra)).unwrap()
}

/// `partnerplan export WB --format xlsx -o OUT`, expecting success; the file's path.
pub fn export_xlsx(sb: &Sandbox, wb: &Path, out: &str) -> PathBuf {
    let path = sb.file(out);
    sb.run([
        "export".as_ref(),
        wb.as_os_str(),
        "--format".as_ref(),
        "xlsx".as_ref(),
        "-o".as_ref(),
        path.as_os_str(),
    ])
    .expect_code(0);
    path
}
