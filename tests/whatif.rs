//! Issue 20: `partnerplan whatif` on the demo — what leaving would put at risk, worked out
//! without writing a byte — and clear refusals for names the roster does not hold.

mod support;

use std::ffi::OsStr;

use support::Sandbox;

fn demo(sb: &Sandbox) -> std::path::PathBuf {
    let path = sb.file("demo.partnerplan");
    sb.run([OsStr::new("demo"), path.as_os_str()])
        .expect_code(0);
    path
}

#[test]
fn the_distributor_leaving_puts_most_returns_at_risk_and_nothing_is_written() {
    let sb = Sandbox::new();
    let path = demo(&sb);
    let before = std::fs::read(&path).unwrap();
    let run = sb.run([
        OsStr::new("whatif"),
        path.as_os_str(),
        OsStr::new("--exit"),
        OsStr::new("ostrander industrial supply"),
    ]);
    run.expect_code(0).stdout_mentions(&[
        "If Ostrander Industrial Supply exits: 73 % of returns",
        "Returns at stake, all time: EUR 223,000.00 of EUR 305,000.00 (73 %).",
        "Resellers and marketplaces",
        "in place → at risk",
        "Retrofit Sensor Kit: Stock and delivery",
    ]);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "a scenario writes nothing"
    );
}

#[test]
fn several_partners_leave_together() {
    let sb = Sandbox::new();
    let path = demo(&sb);
    let one = sb.run([
        OsStr::new("whatif"),
        path.as_os_str(),
        OsStr::new("--exit"),
        OsStr::new("Ostrander Industrial Supply"),
    ]);
    let two = sb.run([
        OsStr::new("whatif"),
        path.as_os_str(),
        OsStr::new("--exit"),
        OsStr::new("Ostrander Industrial Supply"),
        OsStr::new("--exit"),
        OsStr::new("Pylon Data Studio"),
    ]);
    two.expect_code(0)
        .stdout_mentions(&["If Ostrander Industrial Supply and Pylon Data Studio exit:"]);
    assert_ne!(one.stdout, two.stdout);
}

#[test]
fn a_name_not_on_the_roster_is_refused_with_the_names_that_hold_it() {
    let sb = Sandbox::new();
    let path = demo(&sb);
    sb.run([
        OsStr::new("whatif"),
        path.as_os_str(),
        OsStr::new("--exit"),
        OsStr::new("Ostrander"),
    ])
    .expect_code(1)
    .stderr_mentions(&[
        "no partner is called \"Ostrander\"",
        "did you mean \"Ostrander Industrial Supply\"",
    ]);
    // Without a partner there is no scenario: the usage error names the option.
    sb.run([OsStr::new("whatif"), path.as_os_str()])
        .expect_code(1)
        .stderr_mentions(&["--exit"]);
}
