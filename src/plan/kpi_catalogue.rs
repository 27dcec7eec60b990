//! The pick-list of common KPIs in `assets/kpis.toml` (compiled in), read and checked.

use std::collections::HashSet;

use serde::Deserialize;

use super::kpi::{Direction, Horizon, category};
use super::text::describe_char;
use super::text::first_forbidden_char;

const SHIPPED: &str = include_str!("../../assets/kpis.toml");

/// One KPI the pick-list offers, ready to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueKpi {
    pub name: String,
    pub description: String,
    pub category: String,
    pub unit: String,
    pub direction: Direction,
    pub horizon: Horizon,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogueFile {
    kpi: Vec<Entry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    name: String,
    description: String,
    category: String,
    unit: String,
    direction: String,
    horizon: String,
}

/// Reads a catalogue, or says what is wrong with it: names unique (ignoring case) and one line,
/// categories from the default list, directions and horizons valid words.
pub fn parse(text: &str) -> Result<Vec<CatalogueKpi>, String> {
    let file: CatalogueFile =
        toml::from_str(text).map_err(|e| format!("The KPI list cannot be read: {e}"))?;
    let mut seen = HashSet::new();
    let mut kpis = Vec::with_capacity(file.kpi.len());
    for entry in file.kpi {
        let name = entry.name.trim().to_string();
        if name.is_empty() {
            return Err("A KPI in the list has no name.".into());
        }
        if let Some(c) = first_forbidden_char(&name, false) {
            return Err(format!("The KPI \"{name}\" contains {}.", describe_char(c)));
        }
        if !seen.insert(name.to_lowercase()) {
            return Err(format!("The KPI \"{name}\" is listed twice."));
        }
        if !category::DEFAULTS.contains(&entry.category.as_str()) {
            return Err(format!(
                "The KPI \"{name}\" has the category \"{}\"; use one of: {}.",
                entry.category,
                category::DEFAULTS.join(", ")
            ));
        }
        let direction = Direction::from_word(&entry.direction).ok_or_else(|| {
            format!(
                "The KPI \"{name}\" has the direction \"{}\"; use higher or lower.",
                entry.direction
            )
        })?;
        let horizon = Horizon::from_word(&entry.horizon).ok_or_else(|| {
            format!(
                "The KPI \"{name}\" has the horizon \"{}\"; use short, medium or long.",
                entry.horizon
            )
        })?;
        if entry.unit.trim().is_empty() || entry.description.trim().is_empty() {
            return Err(format!(
                "The KPI \"{name}\" needs a unit and a description."
            ));
        }
        kpis.push(CatalogueKpi {
            name,
            description: entry.description.trim().to_string(),
            category: entry.category,
            unit: entry.unit.trim().to_string(),
            direction,
            horizon,
        });
    }
    Ok(kpis)
}

/// The shipped pick-list, in file order. Empty only if the shipped file were broken, which the
/// tests rule out.
pub fn shipped() -> Vec<CatalogueKpi> {
    parse(SHIPPED).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_list_parses_and_validates() {
        let kpis = parse(SHIPPED).unwrap();
        assert_eq!(kpis.len(), 12);
        assert_eq!(shipped(), kpis);
        for wanted in [
            "Revenue growth",
            "Active partnerships",
            "Customer satisfaction",
            "Partner-sourced revenue",
            "Partner churn",
            "Partner NPS",
        ] {
            assert!(kpis.iter().any(|k| k.name == wanted), "{wanted}");
        }
        let churn = kpis.iter().find(|k| k.name == "Partner churn").unwrap();
        assert_eq!(
            (churn.direction, churn.unit.as_str()),
            (Direction::Lower, "%")
        );
        // Every horizon is used, so the pick-list offers each.
        let horizons: HashSet<_> = kpis.iter().map(|k| k.horizon).collect();
        assert_eq!(horizons.len(), Horizon::ALL.len());
    }

    #[test]
    fn broken_lists_are_refused() {
        let one = |name: &str, category: &str, direction: &str, horizon: &str| {
            format!(
                "[[kpi]]\nname = \"{name}\"\ndescription = \"d\"\ncategory = \"{category}\"\n\
                 unit = \"%\"\ndirection = \"{direction}\"\nhorizon = \"{horizon}\"\n"
            )
        };
        let good = one("A", "growth", "higher", "short");
        assert!(parse(&good).is_ok());
        let twice = format!("{good}{}", one("a", "growth", "lower", "long"));
        assert!(parse(&twice).unwrap_err().contains("listed twice"));
        assert!(
            parse(&one("B", "fun", "higher", "short"))
                .unwrap_err()
                .contains("category")
        );
        assert!(
            parse(&one("B", "growth", "up", "short"))
                .unwrap_err()
                .contains("direction")
        );
        assert!(
            parse(&one("B", "growth", "higher", "soon"))
                .unwrap_err()
                .contains("horizon")
        );
        assert!(
            parse(&one(" ", "growth", "higher", "short"))
                .unwrap_err()
                .contains("no name")
        );
        assert!(parse("[[kpi]]\nname = \"x\"\n").is_err());
    }
}
