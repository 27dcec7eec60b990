//! File paths as typed in the export and import popup: `~` and relative names resolved, and Tab
//! completion from the names in the folder typed so far.

use std::path::{Path, PathBuf};

/// Folders bigger than this are completed from their first entries only, so a Tab never hangs.
const MOST_ENTRIES: usize = 10_000;

/// The file `text` names: `~` is the home folder, a relative name starts from `base`.
pub fn resolve(text: &str, base: &Path, home: Option<&Path>) -> PathBuf {
    let expanded = match (text.strip_prefix('~'), home) {
        (Some(""), Some(home)) => home.to_path_buf(),
        (Some(rest), Some(home)) if rest.starts_with('/') => {
            home.join(rest.trim_start_matches('/'))
        }
        _ => PathBuf::from(text),
    };
    if expanded.is_absolute() {
        expanded
    } else {
        base.join(expanded)
    }
}

/// What a Tab made of the typed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completed {
    /// The text, extended as far as every matching name agrees.
    pub text: String,
    /// The matching names, sorted; folders end in `/`.
    pub candidates: Vec<String>,
}

/// Completes `text` from the names in its folder: one match is written out whole (a folder with
/// its `/`), several up to their common start. Hidden names only match a typed leading dot.
pub fn complete(text: &str, base: &Path, home: Option<&Path>) -> Result<Completed, String> {
    let text = if text == "~" { "~/" } else { text };
    let (folder_text, start) = match text.rfind('/') {
        Some(at) => text.split_at(at + 1),
        None => ("", text),
    };
    let folder = resolve(
        if folder_text.is_empty() {
            "."
        } else {
            folder_text
        },
        base,
        home,
    );
    let entries = std::fs::read_dir(&folder).map_err(|err| {
        format!(
            "Cannot look into {}: {err}. Check the folder's name.",
            folder.display()
        )
    })?;
    let mut candidates: Vec<String> = entries
        .take(MOST_ENTRIES)
        .filter_map(Result::ok)
        .filter_map(|entry| {
            // A name that is not UTF-8 cannot be typed back, so it is not offered.
            let name = entry.file_name().into_string().ok()?;
            let shown =
                name.starts_with(start) && (start.starts_with('.') || !name.starts_with('.'));
            shown.then(|| match entry.path().is_dir() {
                true => format!("{name}/"),
                false => name,
            })
        })
        .collect();
    candidates.sort();
    let common = match candidates.as_slice() {
        [] => start.to_string(),
        [only] => only.clone(),
        [first, rest @ ..] => rest.iter().fold(first.clone(), |common, name| {
            common
                .chars()
                .zip(name.chars())
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a)
                .collect()
        }),
    };
    Ok(Completed {
        text: format!("{folder_text}{common}"),
        candidates,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> tempfile::TempDir {
        let dir = tempfile::TempDir::new().unwrap();
        for file in [
            "plan.toml",
            "plan-partners.csv",
            "partners.csv",
            ".hidden.csv",
        ] {
            std::fs::write(dir.path().join(file), "x").unwrap();
        }
        std::fs::create_dir(dir.path().join("exports")).unwrap();
        std::fs::write(dir.path().join("exports/risks.csv"), "x").unwrap();
        dir
    }

    #[test]
    fn resolves_home_relative_and_absolute_names() {
        let base = Path::new("/srv/plans");
        let home = Some(Path::new("/home/me"));
        assert_eq!(resolve("a.csv", base, home), Path::new("/srv/plans/a.csv"));
        assert_eq!(resolve("~/a.csv", base, home), Path::new("/home/me/a.csv"));
        assert_eq!(resolve("~", base, home), Path::new("/home/me"));
        assert_eq!(resolve("/x/a.csv", base, home), Path::new("/x/a.csv"));
        assert_eq!(
            resolve("~/a.csv", base, None),
            Path::new("/srv/plans/~/a.csv")
        );
    }

    #[test]
    fn completes_the_common_start_and_lists_the_matches() {
        let dir = folder();
        let base = dir.path();
        let done = complete("pl", base, None).unwrap();
        assert_eq!(done.text, "plan");
        assert_eq!(done.candidates, ["plan-partners.csv", "plan.toml"]);
        let done = complete("plan.", base, None).unwrap();
        assert_eq!(done.text, "plan.toml");
        assert_eq!(done.candidates.len(), 1);
        assert_eq!(complete("ex", base, None).unwrap().text, "exports/");
        assert_eq!(
            complete("exports/r", base, None).unwrap().text,
            "exports/risks.csv"
        );
        assert_eq!(complete("zz", base, None).unwrap().candidates.len(), 0);
        assert_eq!(complete("zz", base, None).unwrap().text, "zz");
        let all = complete("", base, None).unwrap().candidates;
        assert!(!all.contains(&".hidden.csv".to_string()), "{all:?}");
        assert_eq!(complete(".h", base, None).unwrap().text, ".hidden.csv");
        let home = complete("~/ex", Path::new("/"), Some(base)).unwrap();
        assert_eq!(home.text, "~/exports/");
        assert!(
            complete("missing/x", base, None)
                .unwrap_err()
                .contains("Cannot look into")
        );
    }
}
