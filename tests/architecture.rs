//! The house rules of STYLE.md and DESIGN §8, kept by a test that reads `src/` as text: the one-way
//! flow between layers, no SQL above the workbook, drawing without mutation, a `//!` line that
//! says what every file holds, and no file under `src/` grown past `MAX_LINES` unless named with
//! its reason. A rule broken by accident fails here with the file and line.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, sorted, with its text.
fn sources(dir: &str) -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files = Vec::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                files.push((path, text));
            }
        }
    }
    files.sort();
    assert!(!files.is_empty(), "no sources under {dir}");
    files
}

/// The code of a file without its unit tests (`#[cfg(test)]` to the end, as the house style
/// places them) and without comment lines.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .take_while(|(_, line)| line.trim() != "#[cfg(test)]")
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
        .map(|(n, line)| (n + 1, line))
}

/// Every place in `dir` where a code line contains one of `needles`, as "file:line: text".
fn offences(dir: &str, needles: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, text) in sources(dir) {
        for (n, line) in code_lines(&text) {
            if needles.iter().any(|needle| line.contains(needle)) {
                found.push(format!("{}:{n}: {}", path.display(), line.trim()));
            }
        }
    }
    found
}

#[test]
fn the_plan_layer_is_pure() {
    let found = offences(
        "src/plan",
        &[
            "crate::workbook",
            "crate::tui",
            "crate::exchange",
            "crate::cli",
            "rusqlite",
            "ratatui",
            "crossterm",
            "std::fs",
        ],
    );
    assert!(
        found.is_empty(),
        "plan/ holds the method's rules: no files, SQL, terminal or other layer:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_workbook_knows_nothing_of_screens_or_exchange() {
    let found = offences(
        "src/workbook",
        &["crate::tui", "crate::exchange", "crate::cli", "ratatui"],
    );
    assert!(found.is_empty(), "{}", found.join("\n"));
    let found = offences("src/exchange", &["crate::tui", "crate::cli", "ratatui"]);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn no_sql_above_the_workbook() {
    let sql = [
        "rusqlite",
        ".connection()",
        "SELECT ",
        "INSERT INTO",
        "DELETE FROM",
        "UPDATE partners",
        "CREATE TABLE",
        "PRAGMA ",
        "sqlite_schema",
    ];
    for dir in ["src/tui", "src/exchange"] {
        let found = offences(dir, &sql);
        assert!(
            found.is_empty(),
            "{dir} reads and writes through Workbook methods, never SQL:\n{}",
            found.join("\n")
        );
    }
    // The command line may recognise an error's kind, but never runs SQL itself.
    let found = offences("src/cli", &sql[1..]);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn drawing_only_reads() {
    let found = offences(
        "src/tui",
        &[
            "fn draw(&mut self",
            "fn render(&mut self",
            "fn draw_frame(&mut",
        ],
    );
    assert!(
        found.is_empty(),
        "drawing takes &self: what a frame shows is prepared before it is drawn:\n{}",
        found.join("\n")
    );
}

/// Whether a file's first line is a `//!` line that says something: a few words, not a bare
/// marker.
fn says_what_it_is(text: &str) -> bool {
    text.lines()
        .next()
        .and_then(|line| line.strip_prefix("//! "))
        .is_some_and(|words| words.split_whitespace().count() >= 3)
}

#[test]
fn every_file_says_what_it_is() {
    let missing: Vec<String> = ["src", "tests", "benches"]
        .into_iter()
        .flat_map(sources)
        .filter(|(_, text)| !says_what_it_is(text))
        .map(|(path, _)| path.display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "every file starts with a //! line saying what it holds:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_rules_above_can_fail() {
    // Each needle finds what it is meant to find: a rule that matches nothing proves nothing.
    let sample = "use crate::workbook::Workbook;\n// SELECT in a comment\nlet q = \"SELECT id FROM t\";\n#[cfg(test)]\nmod tests { use rusqlite; }\n";
    let lines: Vec<(usize, &str)> = code_lines(sample).collect();
    assert_eq!(lines.len(), 2, "comments and unit tests are left out");
    assert!(lines[0].1.contains("crate::workbook"));
    assert!(lines[1].1.contains("SELECT "));
    assert!(says_what_it_is(
        "//! The risk register's records.\nuse x;\n"
    ));
    assert!(!says_what_it_is("//!\n//! The risk register's records.\n"));
    assert!(!says_what_it_is("//! Risks.\n"));
    assert!(!says_what_it_is("// The risk register's records.\n"));
    let files = vec![
        (PathBuf::from("src/short.rs"), "//! a\n".repeat(3)),
        (PathBuf::from("src/long.rs"), "//! a\n".repeat(5)),
        (PathBuf::from("src/allowed.rs"), "//! a\n".repeat(5)),
        (PathBuf::from("src/shrunk.rs"), "//! a\n".repeat(2)),
    ];
    let allowed = [("src/allowed.rs", "why"), ("src/shrunk.rs", "why")];
    let (over, stale) = long_files(&files, 4, &allowed);
    assert_eq!(over, ["src/long.rs: 5 lines"]);
    assert_eq!(stale, ["src/shrunk.rs: 2 lines"]);
    let tab = "pub struct Tab {\n    form: Option<OpenForm>,\n    /// over it\n    pub(super) \
               picker: Option<(Linking, Picker)>,\n    view: Option<MoneyView>,\n}\n\
               struct One {\n    popup: Popup,\n    cached: Option<DetailView>,\n    \
               form: Option<Form>,\n}\n";
    assert_eq!(parallel_overlays(tab), ["Tab: form, picker"]);
}

/// The structs in `text` holding more than one `Option<…>` field whose type names a form, a
/// picker or a popup, as "Struct: field, field". Views are left out: a view read ahead and kept
/// while another shows is no overlay.
fn parallel_overlays(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut open: Option<(String, Vec<String>)> = None;
    for (_, line) in code_lines(text) {
        if line == "}" {
            if let Some((name, fields)) = open.take()
                && fields.len() > 1
            {
                found.push(format!("{name}: {}", fields.join(", ")));
            }
        } else if let Some(rest) = line
            .strip_prefix("struct ")
            .or_else(|| line.strip_prefix("pub struct "))
            .or_else(|| line.strip_prefix("pub(crate) struct "))
            .or_else(|| line.strip_prefix("pub(super) struct "))
            .filter(|_| line.ends_with('{'))
        {
            let name = rest.split(['<', ' ', '{']).next().unwrap_or(rest);
            open = Some((name.to_string(), Vec::new()));
        } else if let Some((_, fields)) = &mut open {
            let field = line.trim();
            let field = match field.strip_prefix("pub") {
                Some(rest) => rest.split_once(' ').map_or(rest, |(_, after)| after),
                None => field,
            };
            if let Some((name, kind)) = field.split_once(": ")
                && kind.starts_with("Option<")
                && ["Form", "Picker", "Popup"]
                    .iter()
                    .any(|word| kind.contains(word))
            {
                fields.push(name.to_string());
            }
        }
    }
    found
}

/// A tab holds one popup enum (and one shown-view enum), not parallel `Option` fields of forms
/// and pickers: at most one overlay is open at a time, by construction (as `tabs/risks.rs`,
/// `tabs/partners.rs`, `tabs/roles.rs`, `tabs/roles/ecosystem.rs` and `tabs/metrics/overlay.rs`
/// do). A picker over a form lives inside the form's variant.
#[test]
fn one_popup_enum_per_tab() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    for (path, text) in sources("src/tui") {
        let name = path.strip_prefix(&root).unwrap_or(&path);
        let name = name.to_string_lossy().replace('\\', "/");
        for place in parallel_overlays(&text) {
            found.push(format!("{name}: {place}"));
        }
    }
    assert!(
        found.is_empty(),
        "hold one `Popup` enum (a picker over a form inside the form's variant) instead of \
         parallel Option fields:\n{found:?}"
    );
}

/// The raw connection and the data generator exist for the integration tests and benches only
/// (the `test-support` feature, turned on by the crate's own dev-dependency): a build of the app
/// cannot reach them.
#[test]
fn the_raw_connection_and_the_generator_are_for_tests_only() {
    let module = std::fs::read_to_string("src/workbook/mod.rs").unwrap();
    let gated = r#"#[cfg(any(test, feature = "test-support"))]"#;
    for item in ["pub fn connection(", "mod generate;", "pub use generate::"] {
        let at = module
            .find(item)
            .unwrap_or_else(|| panic!("{item} not found in src/workbook/mod.rs"));
        let before: Vec<&str> = module[..at].lines().rev().take(2).collect();
        assert!(
            before.iter().any(|line| line.trim() == gated),
            "{item} must sit right under {gated}"
        );
    }
    let manifest = std::fs::read_to_string("Cargo.toml").unwrap();
    let default_features = manifest
        .split("[features]")
        .nth(1)
        .and_then(|rest| rest.split("\n[").next())
        .unwrap_or("");
    assert!(
        !default_features.contains("default") || !default_features.contains("test-support\""),
        "test-support must not be a default feature"
    );
}

/// The most lines a file under `src/` may have. A file past ~400 lines usually holds two things
/// (STYLE.md); past this one it is split by concern, or named in `LONG_FILES` with the reason.
const MAX_LINES: usize = 700;

/// Files still past `MAX_LINES`, each with why. A file that comes back under the limit must
/// leave this list, so the list only ever names files that are long now.
const LONG_FILES: &[(&str, &str)] = &[];

/// The files of `files` longer than `limit` lines and not allowed, and the allowed ones that are
/// no longer over it, as "path: N lines" (paths relative to the crate, with `/`).
fn long_files(
    files: &[(PathBuf, String)],
    limit: usize,
    allowed: &[(&str, &str)],
) -> (Vec<String>, Vec<String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (mut over, mut stale) = (Vec::new(), Vec::new());
    for (path, text) in files {
        let name = path.strip_prefix(root).unwrap_or(path);
        let name = name.to_string_lossy().replace('\\', "/");
        let lines = text.lines().count();
        let is_allowed = allowed.iter().any(|(file, _)| *file == name);
        if lines > limit && !is_allowed {
            over.push(format!("{name}: {lines} lines"));
        } else if lines <= limit && is_allowed {
            stale.push(format!("{name}: {lines} lines"));
        }
    }
    (over, stale)
}

#[test]
fn no_file_is_two_things_grown_long() {
    let files = sources("src");
    let (over, stale) = long_files(&files, MAX_LINES, LONG_FILES);
    assert!(
        over.is_empty(),
        "past {MAX_LINES} lines a file holds more than one concern: split it by concern (moves, \
         with `pub use` where callers are many), or name it in LONG_FILES with the reason:\n{}",
        over.join("\n")
    );
    assert!(
        stale.is_empty(),
        "these files are no longer past {MAX_LINES} lines: take them out of LONG_FILES:\n{}",
        stale.join("\n")
    );
    for (file, _) in LONG_FILES {
        assert!(
            files
                .iter()
                .any(|(path, _)| path.ends_with(file.trim_start_matches("src/"))),
            "{file} in LONG_FILES does not exist: take it out"
        );
    }
}
/// Every list filter is the one `FilterInput` (typing, Ctrl-w, Ctrl-u, paste, Enter, Esc): a
/// tab may say it is filtering, but the keys that edit the filter live in one place.
#[test]
fn no_tab_handles_its_own_filter_keys() {
    let found = offences(
        "src/tui/tabs",
        &["filtering: bool", "typed(&self.query.filter"],
    );
    assert!(
        found.is_empty(),
        "a list's filter is a widgets::filter_input::FilterInput:\n{}",
        found.join("\n")
    );
    for (path, text) in sources("src/tui/tabs") {
        // A line that gives the context (not one that matches on it).
        let says_filtering = code_lines(&text).any(|(_, line)| {
            line.trim() == "Context::Filter" || line.contains("=> Context::Filter")
        });
        let has_input = text.contains(".filter.is_typing()") || text.contains("FilterInput");
        assert!(
            !says_filtering || has_input,
            "{} shows the filter context without a FilterInput",
            path.display()
        );
    }
}

/// Every editable list's add, edit, delete and reorder keys go through
/// `OrderedList::edit_key`: no tab answers `ListKey::Add` itself, or reads a `ListKey` at all
/// (the trend radar's list was the last to do so).
#[test]
fn editable_lists_share_one_editor() {
    let found = offences("src/tui/tabs", &["ListKey"]);
    assert!(
        found.is_empty(),
        "an editable list gives ListEdits to OrderedList::edit_key:\n{}",
        found.join("\n")
    );
}

/// The places under `src/tui` (as "tui/…" paths with their line) holding one of `needles`, leaving
/// out the files whose path starts with one of `allowed`.
fn places_outside(files: &[(PathBuf, String)], needles: &[&str], allowed: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, text) in files {
        let path = path.to_string_lossy().replace('\\', "/");
        let Some(at) = path
            .rfind("/tui/")
            .or(path.starts_with("tui/").then_some(0))
        else {
            continue;
        };
        let name = path[at..].trim_start_matches('/');
        if allowed.iter().any(|prefix| name.starts_with(prefix)) {
            continue;
        }
        for (n, line) in code_lines(text) {
            if needles.iter().any(|needle| line.contains(needle)) {
                found.push(format!("{name}:{n}: {}", line.trim()));
            }
        }
    }
    found
}

/// What links a record to a partner, a role, a goal, an offering or a KPI: a picker titled
/// "Link a …" built anywhere but the one link picker.
const OWN_LINK_PICKERS: [&str; 3] = ["Picker::new(\"Link", "\"Link a ", "\"Link an "];

/// The workbook's partner search: the roster's window and the pickers' search only.
const PARTNER_SEARCH: [&str; 1] = [".partner_page("];

/// A picker's search typed or its selection moved by hand, instead of through `Picker::key`.
const OWN_PICKER_KEYS: [&str; 2] = [".set_query(", "picker.handle("];

/// Every link field's picker is `widgets::picker::LinkPicker` (one place lists the choices,
/// searches as you type, says what matches nothing and titles it), the partner search for a
/// picker lives in `widgets/picker`, and every picker answers its keys through `Picker::key`.
#[test]
fn every_picker_is_one_picker() {
    let files = sources("src/tui");
    let own_links = places_outside(&files, &OWN_LINK_PICKERS, &["tui/widgets/picker"]);
    assert!(
        own_links.is_empty(),
        "a link field's picker is LinkPicker::open or LinkPicker::open_one:\n{}",
        own_links.join("\n")
    );
    let searches = places_outside(
        &files,
        &PARTNER_SEARCH,
        &["tui/tabs/partners", "tui/widgets/picker.rs"],
    );
    assert!(
        searches.is_empty(),
        "a picker of partners is Picker::partners (or LinkPicker for a link):\n{}",
        searches.join("\n")
    );
    let own_keys = places_outside(&files, &OWN_PICKER_KEYS, &["tui/widgets/picker"]);
    assert!(
        own_keys.is_empty(),
        "a picker answers its keys through Picker::key (LinkPicker::key for a link):\n{}",
        own_keys.join("\n")
    );
}

#[test]
fn the_picker_rules_can_fail() {
    // The shapes the risk register's and the Metrics tab's own pickers had before LinkPicker.
    let files = vec![
        (
            PathBuf::from("src/tui/tabs/risks/links.rs"),
            "//! Linking a risk.\nfn open() {\n    let picker = Picker::new(\"Link a partner\".into(), \
             choices);\n    let rows = wb.partner_page(&page, &Page::First, 200)?;\n}\n"
                .to_string(),
        ),
        (
            PathBuf::from("src/tui/tabs/metrics/links.rs"),
            "//! The tab's pickers.\nfn key() {\n    if let Some(query) = typed(picker.query(), key) \
             {\n        picker.set_query(query);\n    }\n    // picker.set_query(in a comment)\n}\n"
                .to_string(),
        ),
        (
            PathBuf::from("src/tui/widgets/picker/link.rs"),
            "//! The one link picker.\nlet p = Picker::new(\"Link a role\".into(), v);\n"
                .to_string(),
        ),
        (
            PathBuf::from("src/tui/tabs/partners/window.rs"),
            "//! The roster's window.\nwb.partner_page(q, &page, limit)\n".to_string(),
        ),
    ];
    assert_eq!(
        places_outside(&files, &OWN_LINK_PICKERS, &["tui/widgets/picker"]),
        [
            "tui/tabs/risks/links.rs:3: let picker = Picker::new(\"Link a partner\".into(), choices);"
        ]
    );
    assert_eq!(
        places_outside(
            &files,
            &PARTNER_SEARCH,
            &["tui/tabs/partners", "tui/widgets/picker.rs"]
        ),
        ["tui/tabs/risks/links.rs:4: let rows = wb.partner_page(&page, &Page::First, 200)?;"]
    );
    assert_eq!(
        places_outside(&files, &OWN_PICKER_KEYS, &["tui/widgets/picker"]),
        ["tui/tabs/metrics/links.rs:4: picker.set_query(query);"]
    );
}
