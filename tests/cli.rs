//! The command line as a script sees it: exit codes (0 ok, 1 bad input, 2 refused, 3 internal),
//! messages on stderr, and files left as they were when a command fails.

mod support;

use std::ffi::OsStr;
use std::fs;

use partnerplan::workbook::{OpenOptions, Workbook};
use support::{Sandbox, assert_unchanged, snapshot};

#[test]
fn version_prints_the_version_and_exits_0() {
    let sb = Sandbox::new();
    let run = sb.run(["--version"]);
    run.expect_code(0);
    assert_eq!(
        run.stdout.trim(),
        format!("partnerplan {}", env!("CARGO_PKG_VERSION"))
    );
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn help_lists_the_commands_and_exits_0() {
    let sb = Sandbox::new();
    let run = sb.run(["--help"]);
    run.expect_code(0)
        .stdout_mentions(&["Usage", "new", "check", "--config", "--read-only"]);
    sb.run(["check", "--help"])
        .expect_code(0)
        .stdout_mentions(&["check"]);
}

#[test]
fn argument_errors_exit_1_not_2() {
    // clap's own code for argument errors is 2, which partnerplan keeps for refused files.
    let sb = Sandbox::new();
    sb.run(["--frobnicate"])
        .expect_code(1)
        .stderr_mentions(&["--frobnicate"]);
    sb.run(["check"])
        .expect_code(1)
        .stderr_mentions(&["WORKBOOK"]);
    sb.run(["new", "a.partnerplan", "--colour", "red"])
        .expect_code(1)
        .stderr_mentions(&["--colour"]);
    assert!(!sb.work().join("a.partnerplan").exists());
}

#[test]
fn new_creates_a_workbook_that_check_accepts() {
    let sb = Sandbox::new();
    let path = sb.file("acme.partnerplan");
    let run = sb.run([
        OsStr::new("new"),
        path.as_os_str(),
        OsStr::new("--title"),
        OsStr::new("Acme ecosystem"),
    ]);
    run.expect_code(0)
        .stdout_mentions(&[&path.display().to_string(), "partnerplan "]);
    // Only the workbook: no temporary file, journal or lock file beside it.
    let names: Vec<_> = fs::read_dir(sb.files())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["acme.partnerplan"]);

    let run = sb.run([OsStr::new("check"), path.as_os_str()]);
    run.expect_code(0).stdout_mentions(&[
        &format!(
            "{}: partnerplan workbook, schema {v} (this version: {v})",
            path.display(),
            v = partnerplan::workbook::schema::latest_version()
        ),
        "partners",
        "risks",
        "change_journal",
    ]);
    assert_eq!(run.stdout.lines().last(), Some("ok"), "{}", run.stdout);
    assert_eq!(count_line(&run.stdout, "partners"), 0);

    let wb = Workbook::open(
        &path,
        OpenOptions {
            read_only: true,
            create_if_missing: false,
        },
    )
    .unwrap();
    assert_eq!(wb.meta().unwrap().title, "Acme ecosystem");
}

#[test]
fn new_in_the_working_directory_takes_the_title_from_the_file_name() {
    let sb = Sandbox::new();
    sb.run(["new", "northwind.partnerplan"]).expect_code(0);
    let path = sb.work().join("northwind.partnerplan");
    let wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    assert_eq!(wb.meta().unwrap().title, "northwind");
}

#[test]
fn check_counts_what_the_workbook_holds() {
    let sb = Sandbox::new();
    let path = sb.file("full.partnerplan");
    support::workbook_with_partners(&path, 7);
    let before = snapshot(&sb.files());
    let run = sb.run([OsStr::new("check"), path.as_os_str()]);
    run.expect_code(0);
    assert_eq!(count_line(&run.stdout, "partners"), 7);
    assert_eq!(count_line(&run.stdout, "change_journal"), 7);
    assert_eq!(count_line(&run.stdout, "risks"), 0);
    assert_unchanged(&before, &snapshot(&sb.files()), "check");
}

/// The count `check` prints for `table`.
fn count_line(stdout: &str, table: &str) -> i64 {
    stdout
        .lines()
        .find_map(|line| {
            let mut words = line.split_whitespace();
            (words.next() == Some(table)).then(|| words.next().unwrap().parse().unwrap())
        })
        .unwrap_or_else(|| panic!("no count for {table} in:\n{stdout}"))
}

#[test]
fn new_never_overwrites_an_existing_file() {
    let sb = Sandbox::new();
    let path = sb.file("precious.partnerplan");
    fs::write(&path, "someone's work").unwrap();
    let before = snapshot(&sb.files());
    sb.run([OsStr::new("new"), path.as_os_str()])
        .expect_code(1)
        .stderr_mentions(&[&path.display().to_string(), "already exists"]);
    assert_unchanged(&before, &snapshot(&sb.files()), "new over an existing file");

    // Not even another workbook.
    fs::remove_file(&path).unwrap();
    support::workbook_with_partners(&path, 2);
    let before = snapshot(&sb.files());
    sb.run([OsStr::new("new"), path.as_os_str()])
        .expect_code(1)
        .stderr_mentions(&["already exists"]);
    assert_unchanged(&before, &snapshot(&sb.files()), "new over a workbook");
}

#[test]
fn new_into_a_missing_folder_exits_1_and_creates_nothing() {
    let sb = Sandbox::new();
    let path = sb.files().join("no-such-folder").join("plan.partnerplan");
    let before = snapshot(&sb.files());
    sb.run([OsStr::new("new"), path.as_os_str()])
        .expect_code(1)
        .stderr_mentions(&["no-such-folder", "does not exist", "create it first"]);
    assert_unchanged(&before, &snapshot(&sb.files()), "new into a missing folder");
}

#[test]
fn check_of_a_missing_file_exits_1() {
    let sb = Sandbox::new();
    let path = sb.file("missing.partnerplan");
    let run = sb.run([OsStr::new("check"), path.as_os_str()]);
    run.expect_code(1)
        .stderr_mentions(&[&path.display().to_string(), "does not exist"]);
    assert!(run.stdout.is_empty());
    assert!(!path.exists(), "check never creates a file");
}

#[test]
fn the_app_without_a_terminal_exits_1_and_points_to_check() {
    let sb = Sandbox::new();
    let path = sb.file("plan.partnerplan");
    let before = snapshot(&sb.files());
    // stdin is /dev/null and stdout a pipe: no terminal.
    let run = sb.run([path.as_os_str()]);
    run.expect_code(1)
        .stderr_mentions(&["needs a terminal", "partnerplan check"]);
    assert_unchanged(&before, &snapshot(&sb.files()), "app without a terminal");

    // An existing workbook is not touched either, read-only or not.
    support::workbook_with_partners(&path, 1);
    let before = snapshot(&sb.files());
    sb.run([path.as_os_str()]).expect_code(1);
    sb.run([OsStr::new("--read-only"), path.as_os_str()])
        .expect_code(1);
    assert_unchanged(&before, &snapshot(&sb.files()), "app without a terminal");
}

#[test]
fn broken_config_toml_exits_1_naming_file_and_line() {
    let sb = Sandbox::new();
    let workbook = sb.file("plan.partnerplan");
    support::workbook_with_partners(&workbook, 0);
    let config = sb.root().join("broken.toml");
    fs::write(&config, "theme = \"dark\"\nmouse = \n").unwrap();
    let line = format!("{}:2:", config.display());
    for args in [
        vec![OsStr::new("check"), workbook.as_os_str()],
        vec![OsStr::new("new"), OsStr::new("other.partnerplan")],
    ] {
        let mut command = sb.partnerplan(&args);
        command.arg("--config").arg(&config);
        let run = support::Run::from(command.output().unwrap());
        run.expect_code(1)
            .stderr_mentions(&[&line, "not valid TOML"]);
        assert!(run.stdout.is_empty(), "{}", run.stdout);
    }
    assert!(
        !sb.work().join("other.partnerplan").exists(),
        "nothing runs with a broken config"
    );

    // The same through the environment variable.
    let mut command = sb.partnerplan([OsStr::new("check"), workbook.as_os_str()]);
    command.env("PARTNERPLAN_CONFIG", &config);
    support::Run::from(command.output().unwrap())
        .expect_code(1)
        .stderr_mentions(&[&line]);
}

#[test]
fn unknown_config_key_is_a_warning_with_file_line_and_key() {
    let sb = Sandbox::new();
    let workbook = sb.file("plan.partnerplan");
    support::workbook_with_partners(&workbook, 0);
    let config = sb.root().join("settings.toml");
    fs::write(&config, "theme = \"mono\"\n\ncolour = \"red\"\n").unwrap();
    let mut command = sb.partnerplan([OsStr::new("check"), workbook.as_os_str()]);
    command.arg("--config").arg(&config);
    let run = support::Run::from(command.output().unwrap());
    run.expect_code(0)
        .stdout_mentions(&["ok"])
        .stderr_mentions(&[
            "warning",
            &format!("{}:3: colour", config.display()),
            "unknown setting",
        ]);
}

#[test]
fn missing_config_file_named_by_env_or_flag_exits_1() {
    let sb = Sandbox::new();
    let workbook = sb.file("plan.partnerplan");
    support::workbook_with_partners(&workbook, 0);
    let missing = sb.root().join("nowhere.toml");

    let mut command = sb.partnerplan([OsStr::new("check"), workbook.as_os_str()]);
    command.env("PARTNERPLAN_CONFIG", &missing);
    support::Run::from(command.output().unwrap())
        .expect_code(1)
        .stderr_mentions(&[&missing.display().to_string(), "PARTNERPLAN_CONFIG"]);

    let mut command = sb.partnerplan([OsStr::new("check"), workbook.as_os_str()]);
    command.arg("--config").arg(&missing);
    support::Run::from(command.output().unwrap())
        .expect_code(1)
        .stderr_mentions(&[
            &missing.display().to_string(),
            "cannot read the config file",
        ]);
}

#[test]
fn missing_platform_config_is_fine() {
    // Without --config or the variable, a config file that does not exist is not an error.
    let sb = Sandbox::new();
    let workbook = sb.file("plan.partnerplan");
    support::workbook_with_partners(&workbook, 0);
    let mut command = sb.partnerplan([OsStr::new("check"), workbook.as_os_str()]);
    command.env_remove("PARTNERPLAN_CONFIG");
    let run = support::Run::from(command.output().unwrap());
    run.expect_code(0);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn refused_file_exits_2_with_a_prefixed_one_line_message() {
    let sb = Sandbox::new();
    let path = sb.file("notes.txt");
    fs::write(
        &path,
        "just some notes, long enough to hold a header ".repeat(4),
    )
    .unwrap();
    sb.run([OsStr::new("check"), path.as_os_str()])
        .expect_code(2)
        .stderr_mentions(&["partnerplan: ", "not a partnerplan workbook"]);
    let run = sb.run([OsStr::new("check"), path.as_os_str()]);
    assert!(run.stderr.starts_with("partnerplan: "), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
}

#[test]
fn new_with_a_template_creates_its_roles_and_says_how_many() {
    let sb = Sandbox::new();
    let run = sb.run(["new", "x.partnerplan", "--template", "technology"]);
    let template = partnerplan::plan::sector_template::by_name("technology").unwrap();
    let count = template.roles.len();
    run.expect_code(0).stdout_mentions(&[
        "x.partnerplan",
        &format!("with the Technology template ({count} roles)"),
    ]);
    let wb = Workbook::open(&sb.work().join("x.partnerplan"), OpenOptions::default()).unwrap();
    let roles = wb.roles().unwrap();
    assert_eq!(roles.len(), count + 1, "the template's roles and the hub");
    let hub = roles.iter().find(|r| r.role.is_hub).unwrap();
    assert_eq!(hub.role.name, "Our organisation");
    for t in &template.roles {
        let role = roles
            .iter()
            .find(|r| r.role.name == t.name)
            .unwrap_or_else(|| panic!("{} is missing", t.name));
        let parent = t.parent.as_ref().map_or(hub.role.id, |p| {
            roles.iter().find(|r| &r.role.name == p).unwrap().role.id
        });
        assert_eq!(role.role.parent_id, Some(parent), "{}", t.name);
    }
}

#[test]
fn new_with_an_unknown_template_exits_1_listing_the_valid_ones_and_creates_nothing() {
    let sb = Sandbox::new();
    let before = snapshot(&sb.work());
    sb.run(["new", "x.partnerplan", "--template", "nope"])
        .expect_code(1)
        .stderr_mentions(&[
            "partnerplan: ",
            "\"nope\"",
            "technology",
            "manufacturing",
            "financial-services",
            "healthcare",
        ]);
    assert!(!sb.work().join("x.partnerplan").exists());
    assert_unchanged(
        &before,
        &snapshot(&sb.work()),
        "new with an unknown template",
    );
}
