//! Configuration: built-in defaults, overridden key by key by the user's TOML file. Every problem
//! is reported with file, line and key; a bad setting falls back to its default.

mod read;

use std::fmt;
use std::path::{Path, PathBuf};

use read::{Reader, line_of};
use toml::de::DeTable;

/// The environment variable that points at a config file (the `--config` flag wins over it).
pub const CONFIG_ENV: &str = "PARTNERPLAN_CONFIG";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
    Mono,
}

/// Risk score thresholds (likelihood × impact, 1–25): a score belongs to the highest band whose
/// minimum it reaches; below `medium` it is low.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RiskBands {
    pub medium: i64,
    pub high: i64,
    pub critical: i64,
}

/// One user binding from `[keys.CONTEXT]`: `action = ["key", …]`, checked by the keymap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyOverride {
    pub context: String,
    pub action: String,
    pub keys: Vec<String>,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub default_workbook: Option<PathBuf>,
    pub theme: ThemeName,
    pub mouse: bool,
    pub date_format: String,
    /// The ISO 4217 code money is shown and typed in (ROI, investments, value log).
    pub currency: String,
    pub checkin_cadence_days: i64,
    pub overload_threshold: i64,
    pub risk_bands: RiskBands,
    /// Where the concentration index turns moderate and high, and the top share that makes a
    /// highly concentrated figure a suggested dependency risk (`[concentration]`).
    pub concentration: crate::plan::concentration::Thresholds,
    /// Default weights of the method's selection criteria, by criterion key.
    pub criteria_weights: Vec<(String, f64)>,
    pub key_overrides: Vec<KeyOverride>,
    /// The file these settings came from, if any.
    pub source: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            default_workbook: None,
            theme: ThemeName::Dark,
            mouse: true,
            date_format: "%Y-%m-%d".into(),
            currency: "EUR".into(),
            checkin_cadence_days: 30,
            overload_threshold: 3,
            risk_bands: RiskBands {
                medium: 5,
                high: 10,
                critical: 17,
            },
            concentration: crate::plan::concentration::Thresholds::default(),
            // The method's criteria and weights ship in assets/defaults.toml.
            criteria_weights: crate::plan::defaults::defaults()
                .criteria
                .iter()
                .map(|c| (c.key.clone(), c.weight))
                .collect(),
            key_overrides: Vec::new(),
            source: None,
        }
    }
}

impl Config {
    /// The risk bands, as the plan's rules take them.
    pub fn bands(&self) -> crate::plan::risk::Bands {
        crate::plan::risk::Bands {
            medium: self.risk_bands.medium,
            high: self.risk_bands.high,
            critical: self.risk_bands.critical,
        }
    }
}

/// A setting that was ignored, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProblem {
    pub file: PathBuf,
    pub line: usize,
    pub key: String,
    pub message: String,
}

impl fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}: {}",
            self.file.display(),
            self.line,
            self.key,
            self.message
        )
    }
}

/// A config file that cannot be used at all (unreadable, or not TOML).
#[derive(Debug)]
pub struct ConfigError(pub String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "partnerplan")
}

/// Where the config file is looked for when neither `--config` nor the env var names one.
pub fn default_config_path() -> Option<PathBuf> {
    project_dirs().map(|dirs| dirs.config_dir().join("config.toml"))
}

/// The folder for what the app remembers between runs that belongs to no workbook (which files
/// it left sound, see `KnownSound`): the platform's state folder, else its local data folder.
pub fn state_folder() -> Option<PathBuf> {
    project_dirs().map(|dirs| {
        dirs.state_dir()
            .unwrap_or_else(|| dirs.data_local_dir())
            .to_path_buf()
    })
}

/// The workbook opened when none is named: from config, else in the platform data folder.
pub fn default_workbook_path(config: &Config) -> Option<PathBuf> {
    config
        .default_workbook
        .clone()
        .or_else(|| project_dirs().map(|dirs| dirs.data_dir().join("workbook.partnerplan")))
}

/// Loads the configuration: `explicit` (from `--config`), else `$PARTNERPLAN_CONFIG`, else the
/// platform file if it exists. A named file that is missing is an error; the platform one is not.
pub fn load(explicit: Option<&Path>) -> Result<(Config, Vec<ConfigProblem>), ConfigError> {
    let from_env = std::env::var_os(CONFIG_ENV)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from);
    let (path, required) = match (explicit, from_env) {
        (Some(path), _) => (Some(path.to_path_buf()), true),
        (None, Some(path)) => (Some(path), true),
        (None, None) => (default_config_path(), false),
    };
    let Some(path) = path else {
        return Ok((Config::default(), Vec::new()));
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound && !required => {
            return Ok((Config::default(), Vec::new()));
        }
        Err(err) => {
            return Err(ConfigError(format!(
                "cannot read the config file {}: {err}. Fix the path (--config or {CONFIG_ENV}) or remove it.",
                path.display()
            )));
        }
    };
    parse(&text, &path)
}

/// Parses config text; `path` is only used in messages.
pub fn parse(text: &str, path: &Path) -> Result<(Config, Vec<ConfigProblem>), ConfigError> {
    let document = DeTable::parse(text).map_err(|err| {
        let line = err
            .span()
            .map(|span| line_of(text, span.start))
            .unwrap_or(1);
        ConfigError(format!(
            "{}:{line}: the config file is not valid TOML: {}. Fix that line, or start with \
             `--config /dev/null` to use the defaults.",
            path.display(),
            err.message()
        ))
    })?;
    let mut reader = Reader {
        text,
        path,
        config: Config::default(),
        problems: Vec::new(),
    };
    reader.config.source = Some(path.to_path_buf());
    reader.read_document(document.get_ref());
    // TOML tables come back sorted by key; report in the file's order.
    reader.problems.sort_by_key(|problem| problem.line);
    reader
        .config
        .key_overrides
        .sort_by_key(|binding| binding.line);
    Ok((reader.config, reader.problems))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> (Config, Vec<ConfigProblem>) {
        parse(text, Path::new("config.toml")).unwrap()
    }

    #[test]
    fn empty_file_gives_defaults() {
        let (config, problems) = parse_ok("");
        assert!(problems.is_empty());
        assert_eq!(config.theme, ThemeName::Dark);
        assert_eq!(config.checkin_cadence_days, 30);
    }

    #[test]
    fn settings_override_only_what_they_name() {
        let (config, problems) = parse_ok(
            "theme = \"mono\"\nmouse = false\n[risk_bands]\nhigh = 12\n[criteria_weights]\nshared_vision = 40\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config.theme, ThemeName::Mono);
        assert!(!config.mouse);
        assert_eq!(
            config.risk_bands,
            RiskBands {
                medium: 5,
                high: 12,
                critical: 17
            }
        );
        assert_eq!(config.criteria_weights[3], ("shared_vision".into(), 40.0));
        assert_eq!(config.criteria_weights[0].1, 30.0);
    }

    #[test]
    fn unknown_keys_and_bad_values_name_file_line_and_key() {
        let (config, problems) =
            parse_ok("theme = \"drak\"\n\nmouse = 3\ncolour = \"red\"\ncheckin_cadence_days = 0\n");
        let lines: Vec<(usize, &str)> = problems.iter().map(|p| (p.line, p.key.as_str())).collect();
        assert_eq!(
            lines,
            [
                (1, "theme"),
                (3, "mouse"),
                (4, "colour"),
                (5, "checkin_cadence_days")
            ]
        );
        assert!(
            problems[0]
                .to_string()
                .starts_with("config.toml:1: theme: unknown theme \"drak\"")
        );
        assert_eq!(
            config,
            Config {
                source: config.source.clone(),
                ..Config::default()
            }
        );
    }

    #[test]
    fn risk_bands_must_rise() {
        let (config, problems) = parse_ok("[risk_bands]\nmedium = 12\nhigh = 10\n");
        assert_eq!(problems.len(), 1);
        assert_eq!(config.risk_bands, Config::default().risk_bands);
    }

    #[test]
    fn concentration_thresholds_are_read_and_bad_ones_refused_with_a_way_out() {
        let (config, problems) =
            parse_ok("[concentration]\nmoderate = 1_000\nhigh = 1800\nmajority_percent = 60\n");
        assert!(problems.is_empty(), "{problems:?}");
        let c = config.concentration;
        assert_eq!((c.moderate, c.high, c.majority), (1_000.0, 1_800.0, 60));

        let (config, problems) = parse_ok("[concentration]\nmoderate = 3000\n");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].key, "concentration");
        assert!(
            problems[0].message.contains("moderate < high") && problems[0].message.contains("2500"),
            "{}",
            problems[0].message
        );
        assert_eq!(config.concentration, Config::default().concentration);

        let (config, problems) =
            parse_ok("[concentration]\nhigh = 20000\nmajority_percent = 0\nlow = 5\n");
        let keys: Vec<&str> = problems.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "concentration.high",
                "concentration.majority_percent",
                "concentration.low"
            ]
        );
        assert!(
            problems[0].message.contains("from 1 to 10000"),
            "{}",
            problems[0]
        );
        assert!(
            problems[1].message.contains("from 1 to 100"),
            "{}",
            problems[1]
        );
        assert_eq!(config.concentration, Config::default().concentration);
    }

    #[test]
    fn default_risk_bands_are_the_plans_defaults() {
        let RiskBands {
            medium,
            high,
            critical,
        } = Config::default().risk_bands;
        let plan = crate::plan::risk::Bands::default();
        assert_eq!(
            (medium, high, critical),
            (plan.medium, plan.high, plan.critical)
        );
    }

    #[test]
    fn currency_must_be_a_known_code() {
        let (config, problems) = parse_ok("currency = \"usd\"\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config.currency, "USD");
        let (config, problems) = parse_ok("currency = \"dollars\"\n");
        assert_eq!(problems[0].key, "currency");
        assert_eq!(config.currency, Config::default().currency);
    }

    #[test]
    fn date_formats_must_round_trip() {
        assert!(read::check_date_format("%d.%m.%Y").is_ok());
        assert!(read::check_date_format("%Y").is_err());
        let (_, problems) = parse_ok("date_format = \"%B\"\n");
        assert_eq!(problems[0].key, "date_format");
    }

    #[test]
    fn key_overrides_are_collected_with_lines() {
        let (config, problems) =
            parse_ok("[keys.list]\ndelete = \"x\"\nadd = [\"n\", \"ctrl-n\"]\n");
        assert!(problems.is_empty());
        assert_eq!(config.key_overrides.len(), 2);
        let add = config
            .key_overrides
            .iter()
            .find(|o| o.action == "add")
            .unwrap();
        assert_eq!(
            (add.context.as_str(), add.line, add.keys.len()),
            ("list", 3, 2)
        );
    }

    #[test]
    fn broken_toml_is_an_error_with_a_line() {
        let err = parse("theme = \n", Path::new("c.toml")).unwrap_err();
        assert!(err.0.starts_with("c.toml:1:"), "{err}");
    }
}

#[cfg(test)]
mod example_tests {
    use super::*;

    /// config.example.toml must stay in step with the code: uncommented, every line is accepted.
    #[test]
    fn example_config_parses_without_problems_when_uncommented() {
        let example = include_str!("../config.example.toml");
        let uncommented: String = example
            .lines()
            .filter_map(|line| line.strip_prefix("# "))
            .filter(|line| {
                let first = line.split_whitespace().next().unwrap_or("");
                line.starts_with('[')
                    || (line.contains(" = ")
                        && first.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
            })
            .collect::<Vec<_>>()
            .join("\n");
        let (config, problems) = parse(&uncommented, Path::new("config.example.toml")).unwrap();
        assert!(problems.is_empty(), "{problems:#?}");
        assert_eq!(config.key_overrides.len(), 2);
        assert!(config.default_workbook.is_some());
        let (_, key_problems) =
            crate::tui::keymap::Keymap::with_overrides(&config.key_overrides, Path::new("x"));
        assert!(key_problems.is_empty(), "{key_problems:#?}");
    }

    /// Every context of the keymap and every action bound in it is named in the example's
    /// "Contexts and their actions" block, so a new key cannot go undocumented.
    #[test]
    fn example_config_documents_every_context_and_action() {
        use crate::tui::action::Action;
        use crate::tui::keymap::Keymap;
        let example = include_str!("../config.example.toml");
        // "#   list    — up [k, up], …" starts a context; deeper-indented lines continue it.
        let mut sections: Vec<(String, String)> = Vec::new();
        for line in example.lines() {
            let Some(rest) = line.strip_prefix("#   ") else {
                continue;
            };
            match rest.split_once(" — ") {
                Some((name, actions)) if !name.starts_with(' ') => {
                    sections.push((name.trim().to_string(), actions.to_string()))
                }
                _ if rest.starts_with("  ") => {
                    if let Some((_, actions)) = sections.last_mut() {
                        actions.push(' ');
                        actions.push_str(rest);
                    }
                }
                _ => {}
            }
        }
        let mut missing = Vec::new();
        for binding in Keymap::default().all() {
            let context = binding.context.name();
            let Some((_, actions)) = sections.iter().find(|(name, _)| name == context) else {
                missing.push(format!("the {context} context"));
                continue;
            };
            let name = match binding.action {
                Action::GoToTab(_) => "tab-1".to_string(),
                Action::Score(_) => "score-1".to_string(),
                action => action.name(),
            };
            let named = actions
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .any(|word| word == name);
            if !named {
                missing.push(format!("{name} in the {context} context"));
            }
        }
        assert!(
            missing.is_empty(),
            "config.example.toml does not document {missing:#?}"
        );
    }
}
