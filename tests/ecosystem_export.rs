//! `partnerplan export --format kumu` and `--format dot` on a real workbook through the binary:
//! the files read back with a CSV reader (Kumu's two sheets) and as DOT text, rendered by
//! Graphviz when it is installed.

mod support;

use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use partnerplan::plan::ecosystem::LinkDraft;
use partnerplan::workbook::{OpenOptions, Workbook};
use support::{Sandbox, draft};

fn os(s: &str) -> &OsStr {
    OsStr::new(s)
}

/// Three current partners (names with a quote, a pipe and a formula start), one exited partner
/// with no link, and two links: an active one-way one and a planned two-way one.
fn network_workbook(sb: &Sandbox) -> PathBuf {
    let path = sb.file("net.partnerplan");
    Workbook::create(&path, Some("Network")).unwrap();
    let mut wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    let a = wb.add_partner(&draft("Nimbus \"Forge\" Cloud")).unwrap();
    let b = wb.add_partner(&draft("Brightrail | Labs")).unwrap();
    let c = wb.add_partner(&draft("=Formula Ltd")).unwrap();
    let mut gone = draft("Gone Ltd");
    gone.stage = "exited".into();
    wb.add_partner(&gone).unwrap();
    wb.add_link(&LinkDraft {
        from: a,
        to: b,
        kind: "supplies".into(),
        direction: "one way".into(),
        status: "active".into(),
        strength: 3,
        note: "GPU\ncapacity".into(),
        role: None,
    })
    .unwrap();
    wb.add_link(&LinkDraft {
        from: b,
        to: c,
        kind: "co-sells with".into(),
        ..LinkDraft::default()
    })
    .unwrap();
    path
}

fn export(sb: &Sandbox, workbook: &Path, format: &str, output: &Path) -> support::Run {
    sb.run([
        os("export"),
        workbook.as_os_str(),
        os("--format"),
        os(format),
        os("-o"),
        output.as_os_str(),
    ])
}

fn read_csv(path: &Path) -> (Vec<String>, Vec<HashMap<String, String>>) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .cloned()
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect();
    (headers, rows)
}

#[test]
fn kumu_gets_an_elements_and_a_connections_sheet_linked_by_id() {
    let sb = Sandbox::new();
    let wb = network_workbook(&sb);
    let folder = sb.file("kumu");
    export(&sb, &wb, "kumu", &folder)
        .expect_code(0)
        .stdout_mentions(&["3 partners", "2 links", "elements.csv", "connections.csv"]);

    let (headers, elements) = read_csv(&folder.join("elements.csv"));
    assert_eq!(headers[..3], ["ID", "Label", "Type"]);
    let labels: Vec<&str> = elements.iter().map(|e| e["Label"].as_str()).collect();
    // By name; the exited partner without a link is left out; a formula start is defused.
    assert_eq!(
        labels,
        vec![
            "'=Formula Ltd",
            "Brightrail | Labs",
            "Nimbus \"Forge\" Cloud"
        ]
    );
    assert!(elements.iter().all(|e| e["Type"] == "reseller"));
    let id_of: HashMap<&str, &str> = elements
        .iter()
        .map(|e| (e["Label"].as_str(), e["ID"].as_str()))
        .collect();

    let (headers, connections) = read_csv(&folder.join("connections.csv"));
    assert_eq!(headers[..3], ["ID", "From", "To"]);
    assert_eq!(connections.len(), 2);
    let supplies = connections
        .iter()
        .find(|c| c["Type"] == "supplies")
        .unwrap();
    assert_eq!(supplies["From"], id_of["Nimbus \"Forge\" Cloud"]);
    assert_eq!(supplies["To"], id_of["Brightrail | Labs"]);
    assert_eq!(supplies["Direction"], "directed");
    assert_eq!(supplies["Status"], "active");
    assert_eq!(supplies["Strength"], "3");
    assert_eq!(supplies["Description"], "GPU\ncapacity");
    let cosell = connections
        .iter()
        .find(|c| c["Type"] == "co-sells with")
        .unwrap();
    assert_eq!(cosell["Direction"], "mutual");
    assert_eq!(cosell["Status"], "planned");
}

#[test]
fn kumu_needs_a_folder_and_says_so() {
    let sb = Sandbox::new();
    let wb = network_workbook(&sb);
    sb.run([os("export"), wb.as_os_str(), os("--format"), os("kumu")])
        .expect_code(1)
        .stderr_mentions(&["name a folder", "-o"]);
    let file = sb.file("taken.txt");
    std::fs::write(&file, "keep me").unwrap();
    export(&sb, &wb, "kumu", &file)
        .expect_code(1)
        .stderr_mentions(&["is a file"]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep me");
}

#[test]
fn dot_quotes_and_escapes_names_and_draws_links_by_status() {
    let sb = Sandbox::new();
    let wb = network_workbook(&sb);
    let out = sb.file("plan.dot");
    export(&sb, &wb, "dot", &out)
        .expect_code(0)
        .stdout_mentions(&["3 partners", "2 links"]);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("digraph partners {"), "{text}");
    assert!(text.trim_end().ends_with('}'), "{text}");
    assert!(
        text.contains("label=\"Nimbus \\\"Forge\\\" Cloud\""),
        "{text}"
    );
    assert!(text.contains("label=\"Brightrail | Labs\""), "{text}");
    assert!(!text.contains("Gone Ltd"), "{text}");
    let edges: Vec<&str> = text.lines().filter(|l| l.contains("->")).collect();
    assert_eq!(edges.len(), 2, "{text}");
    assert!(edges.iter().any(|e| e.contains("label=\"supplies\"")
        && e.contains("dir=forward")
        && e.contains("style=solid")
        && e.contains("penwidth=3")));
    assert!(edges.iter().any(|e| e.contains("label=\"co-sells with\"")
        && e.contains("dir=both")
        && e.contains("style=dashed")));

    let rendered = std::process::Command::new("dot")
        .arg("-Tsvg")
        .arg(&out)
        .output();
    match rendered {
        Ok(result) => {
            assert!(
                result.status.success(),
                "dot refused the file: {}",
                String::from_utf8_lossy(&result.stderr)
            );
            let svg = String::from_utf8_lossy(&result.stdout);
            assert!(svg.contains("Brightrail | Labs"), "{svg}");
        }
        Err(_) => {
            eprintln!("Graphviz `dot` is not installed: the DOT file was checked as text only.")
        }
    }
}
