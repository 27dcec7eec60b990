//! Reading the config file's TOML by hand, so that every problem can name its line and key and
//! the rest of the file still applies.

use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{Config, ConfigProblem, KeyOverride, ThemeName};

pub(super) fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

pub(super) struct Reader<'a> {
    pub(super) text: &'a str,
    pub(super) path: &'a Path,
    pub(super) config: Config,
    pub(super) problems: Vec<ConfigProblem>,
}

type Entry<'i> = (
    &'i Spanned<std::borrow::Cow<'i, str>>,
    &'i Spanned<DeValue<'i>>,
);

impl Reader<'_> {
    fn problem(&mut self, offset: usize, key: &str, message: impl Into<String>) {
        self.problems.push(ConfigProblem {
            file: self.path.to_path_buf(),
            line: line_of(self.text, offset),
            key: key.to_string(),
            message: message.into(),
        });
    }

    pub(super) fn read_document(&mut self, table: &DeTable<'_>) {
        for (key, value) in table.iter() {
            let name = key.get_ref().as_ref();
            let at = key.span().start;
            match name {
                "default_workbook" => {
                    if let Some(text) = self.string(at, name, value) {
                        self.config.default_workbook = Some(expand_home(&text));
                    }
                }
                "theme" => match self.string(at, name, value).as_deref() {
                    Some("dark") => self.config.theme = ThemeName::Dark,
                    Some("light") => self.config.theme = ThemeName::Light,
                    Some("mono") => self.config.theme = ThemeName::Mono,
                    Some(other) => self.problem(
                        at,
                        name,
                        format!("unknown theme {other:?}; use \"dark\", \"light\" or \"mono\""),
                    ),
                    None => {}
                },
                "mouse" => match value.get_ref() {
                    DeValue::Boolean(on) => self.config.mouse = *on,
                    _ => self.problem(at, name, "must be true or false"),
                },
                "date_format" => {
                    if let Some(format) = self.string(at, name, value) {
                        match check_date_format(&format) {
                            Ok(()) => self.config.date_format = format,
                            Err(message) => self.problem(at, name, message),
                        }
                    }
                }
                "currency" => {
                    if let Some(code) = self.string(at, name, value) {
                        match crate::plan::money::Currency::from_code(&code) {
                            Ok(currency) => self.config.currency = currency.code().to_string(),
                            Err(message) => self.problem(at, name, message),
                        }
                    }
                }
                "checkin_cadence_days" => {
                    if let Some(days) = self.integer(at, name, value, 1, 3650) {
                        self.config.checkin_cadence_days = days;
                    }
                }
                "overload_threshold" => {
                    if let Some(n) = self.integer(at, name, value, 1, 1000) {
                        self.config.overload_threshold = n;
                    }
                }
                "risk_bands" => self.read_risk_bands(at, value),
                "concentration" => self.read_concentration(at, value),
                "criteria_weights" => self.read_weights(at, value),
                "keys" => self.read_keys(at, value),
                other => self.problem(
                    at,
                    other,
                    "unknown setting; see config.example.toml for the settings there are",
                ),
            }
        }
    }

    fn string(&mut self, at: usize, key: &str, value: &Spanned<DeValue<'_>>) -> Option<String> {
        match value.get_ref() {
            DeValue::String(text) => Some(text.to_string()),
            _ => {
                self.problem(at, key, "must be a string in quotes");
                None
            }
        }
    }

    fn integer(
        &mut self,
        at: usize,
        key: &str,
        value: &Spanned<DeValue<'_>>,
        min: i64,
        max: i64,
    ) -> Option<i64> {
        let parsed = match value.get_ref() {
            DeValue::Integer(n) => {
                i64::from_str_radix(&n.as_str().replace('_', ""), n.radix()).ok()
            }
            _ => None,
        };
        match parsed {
            Some(n) if (min..=max).contains(&n) => Some(n),
            _ => {
                self.problem(
                    at,
                    key,
                    format!("must be a whole number from {min} to {max}"),
                );
                None
            }
        }
    }

    fn table<'v, 'i>(
        &mut self,
        at: usize,
        key: &str,
        value: &'v Spanned<DeValue<'i>>,
    ) -> Option<&'v DeTable<'i>> {
        match value.get_ref() {
            DeValue::Table(table) => Some(table),
            _ => {
                self.problem(at, key, "must be a table, e.g. [".to_string() + key + "]");
                None
            }
        }
    }

    /// `[concentration]`: the index's bands (0–10,000, rising) and the top group's share that
    /// makes a highly concentrated figure a suggested risk. A bad value keeps every default.
    fn read_concentration(&mut self, at: usize, value: &Spanned<DeValue<'_>>) {
        let Some(table) = self.table(at, "concentration", value) else {
            return;
        };
        let mut thresholds = self.config.concentration;
        let mut bad = false;
        for (key, value) in table.iter() {
            let name = format!("concentration.{}", key.get_ref());
            let at = key.span().start;
            match key.get_ref().as_ref() {
                "moderate" | "high" => match self.integer(at, &name, value, 1, 10_000) {
                    Some(n) if key.get_ref().as_ref() == "moderate" => {
                        thresholds.moderate = n as f64
                    }
                    Some(n) => thresholds.high = n as f64,
                    None => bad = true,
                },
                "majority_percent" => match self.integer(at, &name, value, 1, 100) {
                    Some(n) => thresholds.majority = u8::try_from(n).unwrap_or(50),
                    None => bad = true,
                },
                _ => {
                    self.problem(
                        at,
                        &name,
                        "unknown setting; use moderate, high and majority_percent",
                    );
                    bad = true;
                }
            }
        }
        if bad {
            return;
        }
        if thresholds.moderate < thresholds.high {
            self.config.concentration = thresholds;
        } else {
            self.problem(
                at,
                "concentration",
                format!(
                    "the index's bands must rise: moderate < high (they read {} and {}); \
                     defaults kept. Lower moderate or raise high.",
                    thresholds.moderate, thresholds.high
                ),
            );
        }
    }

    fn read_risk_bands(&mut self, at: usize, value: &Spanned<DeValue<'_>>) {
        let Some(table) = self.table(at, "risk_bands", value) else {
            return;
        };
        let mut bands = self.config.risk_bands;
        for (key, value) in table.iter() {
            let name = format!("risk_bands.{}", key.get_ref());
            let at = key.span().start;
            let slot = match key.get_ref().as_ref() {
                "medium" => &mut bands.medium,
                "high" => &mut bands.high,
                "critical" => &mut bands.critical,
                _ => {
                    self.problem(at, &name, "unknown band; use medium, high and critical");
                    continue;
                }
            };
            let parsed = match value.get_ref() {
                DeValue::Integer(n) => n
                    .as_str()
                    .parse::<i64>()
                    .ok()
                    .filter(|n| (2..=25).contains(n)),
                _ => None,
            };
            match parsed {
                Some(n) => *slot = n,
                None => self.problem(
                    at,
                    &name,
                    "must be a score from 2 to 25 (likelihood × impact)",
                ),
            }
        }
        if bands.medium < bands.high && bands.high < bands.critical {
            self.config.risk_bands = bands;
        } else {
            self.problem(
                at,
                "risk_bands",
                "thresholds must rise: medium < high < critical; defaults kept",
            );
        }
    }

    fn read_weights(&mut self, at: usize, value: &Spanned<DeValue<'_>>) {
        let Some(table) = self.table(at, "criteria_weights", value) else {
            return;
        };
        for (key, value) in table.iter() {
            let name = format!("criteria_weights.{}", key.get_ref());
            let at = key.span().start;
            let Some(slot) = self
                .config
                .criteria_weights
                .iter()
                .position(|(k, _)| k == key.get_ref().as_ref())
            else {
                let known: Vec<&str> = self
                    .config
                    .criteria_weights
                    .iter()
                    .map(|(k, _)| k.as_str())
                    .collect();
                self.problem(
                    at,
                    &name,
                    format!("unknown criterion; use one of {}", known.join(", ")),
                );
                continue;
            };
            let weight = match value.get_ref() {
                DeValue::Integer(n) => n.as_str().parse::<f64>().ok(),
                DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
                _ => None,
            };
            match weight {
                Some(w) if (0.0..=100.0).contains(&w) => self.config.criteria_weights[slot].1 = w,
                _ => self.problem(at, &name, "must be a number from 0 to 100"),
            }
        }
    }

    fn read_keys(&mut self, at: usize, value: &Spanned<DeValue<'_>>) {
        let Some(contexts) = self.table(at, "keys", value) else {
            return;
        };
        let entries: Vec<Entry<'_>> = contexts.iter().collect();
        for (context, bindings) in entries {
            let context_name = context.get_ref().to_string();
            let Some(bindings) = self.table(
                context.span().start,
                &format!("keys.{context_name}"),
                bindings,
            ) else {
                continue;
            };
            for (action, keys) in bindings.iter() {
                let name = format!("keys.{context_name}.{}", action.get_ref());
                let line = line_of(self.text, action.span().start);
                let keys: Option<Vec<String>> = match keys.get_ref() {
                    DeValue::String(key) => Some(vec![key.to_string()]),
                    DeValue::Array(items) => items
                        .iter()
                        .map(|item| match item.get_ref() {
                            DeValue::String(key) => Some(key.to_string()),
                            _ => None,
                        })
                        .collect(),
                    _ => None,
                };
                match keys {
                    Some(keys) => self.config.key_overrides.push(KeyOverride {
                        context: context_name.clone(),
                        action: action.get_ref().to_string(),
                        keys,
                        line,
                    }),
                    None => self.problem(
                        action.span().start,
                        &name,
                        "must be a key like \"x\" or a list like [\"x\", \"ctrl-x\"]",
                    ),
                }
            }
        }
    }
}

fn expand_home(text: &str) -> PathBuf {
    match (text.strip_prefix("~/"), directories::BaseDirs::new()) {
        (Some(rest), Some(dirs)) => dirs.home_dir().join(rest),
        _ => PathBuf::from(text),
    }
}

/// A date format must show year, month and day and read back what it wrote.
pub(super) fn check_date_format(format: &str) -> Result<(), String> {
    let sample = jiff::civil::date(2026, 11, 23);
    let shown = jiff::fmt::strtime::format(format, sample).map_err(|err| {
        format!("not a valid date format ({err}); try \"%Y-%m-%d\" or \"%d.%m.%Y\"")
    })?;
    match jiff::civil::Date::strptime(format, &shown) {
        Ok(back) if back == sample => Ok(()),
        _ => Err(format!(
            "{format:?} cannot be read back as a date (it needs %Y, %m and %d); try \"%Y-%m-%d\""
        )),
    }
}
