//! What `deny.toml` asks of `cargo deny check licenses sources`, kept without the tool so that CI
//! keeps it too (CI does not build the tool, and its advisory database lives on a host CI cannot
//! reach; `.ci/deny` runs the whole check where it can): every crate the build resolves, for
//! this platform, comes from crates.io under a licence from the one permissive list.

use std::process::Command;

/// Licences (SPDX identifiers) a dependency may be used under: `deny.toml`'s `[licenses] allow`
/// list, the one list both this test and `cargo deny` keep.
fn allowed_licences() -> &'static [String] {
    static ALLOWED: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    ALLOWED.get_or_init(|| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("deny.toml");
        let text = std::fs::read_to_string(path).expect("deny.toml");
        let config: toml::Table = text.parse().expect("deny.toml is TOML");
        config["licenses"]["allow"]
            .as_array()
            .expect("an allow list")
            .iter()
            .map(|licence| licence.as_str().expect("a licence name").to_string())
            .collect()
    })
}

/// Whether the SPDX expression `text` lets the crate be used under the allowed licences:
/// `A OR B` needs one side, `A AND B` both, `A WITH exception` is its own identifier, and the
/// old `A/B` means `A OR B`.
fn allowed(text: &str) -> bool {
    let spaced = text
        .replace('/', " OR ")
        .replace('(', " ( ")
        .replace(')', " ) ");
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    let mut at = 0;
    let verdict = or_expression(&tokens, &mut at);
    verdict == Some(true) && at == tokens.len()
}

fn or_expression(tokens: &[&str], at: &mut usize) -> Option<bool> {
    let mut any = and_expression(tokens, at)?;
    while tokens.get(*at) == Some(&"OR") {
        *at += 1;
        any |= and_expression(tokens, at)?;
    }
    Some(any)
}

fn and_expression(tokens: &[&str], at: &mut usize) -> Option<bool> {
    let mut all = licence(tokens, at)?;
    while tokens.get(*at) == Some(&"AND") {
        *at += 1;
        all &= licence(tokens, at)?;
    }
    Some(all)
}

fn licence(tokens: &[&str], at: &mut usize) -> Option<bool> {
    let token = *tokens.get(*at)?;
    *at += 1;
    if token == "(" {
        let inner = or_expression(tokens, at)?;
        (tokens.get(*at) == Some(&")")).then_some(())?;
        *at += 1;
        return Some(inner);
    }
    let mut id = token.to_string();
    if tokens.get(*at) == Some(&"WITH") {
        id = format!("{id} WITH {}", tokens.get(*at + 1)?);
        *at += 2;
    }
    Some(allowed_licences().contains(&id))
}

fn host() -> String {
    let out = Command::new("rustc")
        .arg("-vV")
        .output()
        .expect("rustc -vV");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|line| line.strip_prefix("host: ").map(str::to_string))
        .expect("a host line")
}

#[test]
fn the_expression_reader_can_refuse() {
    assert!(allowed("MIT OR Apache-2.0"));
    assert!(allowed("(MIT OR Apache-2.0) AND Unicode-3.0"));
    assert!(allowed("Apache-2.0 WITH LLVM-exception OR MIT"));
    assert!(allowed("MIT/Apache-2.0"));
    assert!(!allowed("GPL-3.0-only"));
    assert!(!allowed("MIT AND GPL-2.0-or-later"));
    assert!(allowed("GPL-3.0-only OR MIT"));
    assert!(!allowed("(MIT"));
    assert!(!allowed(""));
    assert!(!allowed("LicenseRef-proprietary"));
}

#[test]
fn every_dependency_is_from_crates_io_under_a_permissive_licence() {
    let out = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--locked"])
        .args(["--filter-platform", &host()])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata");
    assert!(
        out.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let resolved: Vec<&str> = metadata["resolve"]["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter_map(|node| node["id"].as_str())
        .collect();
    let mut problems = Vec::new();
    for package in metadata["packages"].as_array().expect("packages") {
        let id = package["id"].as_str().unwrap_or("");
        let name = package["name"].as_str().unwrap_or("?");
        if !resolved.contains(&id) || name == "partnerplan" {
            continue;
        }
        let source = package["source"].as_str().unwrap_or("");
        if !source.starts_with("registry+https://github.com/rust-lang/crates.io-index")
            && !source.starts_with("sparse+https://index.crates.io/")
        {
            problems.push(format!("{name} comes from {source:?}, not crates.io"));
        }
        match package["license"].as_str() {
            Some(licence) if allowed(licence) => {}
            Some(licence) => problems.push(format!("{name} is under {licence}")),
            None => problems.push(format!("{name} names no licence")),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
