//! What a new workbook starts with: the method's selection criteria, a gate, the onboarding
//! checklist and the programmes of the method's kinds of partner, from `assets/defaults.toml`
//! (compiled in).

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DefaultCriterion {
    pub key: String,
    pub name: String,
    pub description: String,
    pub weight: f64,
    pub rationale: String,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DefaultGate {
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DefaultOnboardingItem {
    pub title: String,
    pub description: String,
}

/// An example trend for the radar, marked as an example in the workbook until the user edits it.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DefaultTrend {
    pub name: String,
    pub category: String,
    pub horizon: String,
    pub impact: i64,
    pub evolution: String,
    /// One adaptability action, as an illustration.
    pub action: String,
}

/// The programme of one kind of partner: its types' own weights (by criterion key) and the
/// checklist items only its types go through.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DefaultProgramme {
    pub name: String,
    pub types: Vec<String>,
    #[serde(default)]
    pub weights: std::collections::BTreeMap<String, f64>,
    #[serde(default)]
    pub onboarding: Vec<DefaultOnboardingItem>,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Defaults {
    pub criteria: Vec<DefaultCriterion>,
    pub gates: Vec<DefaultGate>,
    pub onboarding: Vec<DefaultOnboardingItem>,
    #[serde(default)]
    pub trends: Vec<DefaultTrend>,
    pub programmes: Vec<DefaultProgramme>,
}

/// The shipped defaults. The asset is ours and parsed by a test, so an edit that breaks it fails
/// the tests; should it still fail at run time, new workbooks simply start empty.
pub fn defaults() -> &'static Defaults {
    static DEFAULTS: std::sync::OnceLock<Defaults> = std::sync::OnceLock::new();
    DEFAULTS.get_or_init(|| {
        toml::from_str(include_str!("../../assets/defaults.toml")).unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_defaults_hold_the_method() {
        let parsed: Defaults = toml::from_str(include_str!("../../assets/defaults.toml")).unwrap();
        let keys: Vec<&str> = parsed.criteria.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "capabilities",
                "cultural_fit",
                "willingness_to_collaborate",
                "shared_vision",
                "complementary_strengths"
            ]
        );
        let weights: Vec<f64> = parsed.criteria.iter().map(|c| c.weight).collect();
        assert!(
            weights.iter().any(|w| *w != weights[0]),
            "weights are not all equal"
        );
        assert_eq!(parsed.gates.len(), 1);
        assert_eq!(parsed.onboarding.len(), 5);
        // The method's three examples, each a trend the radar's rules accept.
        let trends: Vec<&str> = parsed.trends.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(trends.len(), 3);
        for wanted in ["AI", "blockchain", "IoT"] {
            let found = trends
                .iter()
                .any(|t| t.to_lowercase().contains(&wanted.to_lowercase()));
            assert!(found, "{wanted}: {trends:?}");
        }
        for trend in &parsed.trends {
            use crate::plan::trend::{TrendCategory, TrendDraft, TrendHorizon};
            let draft = TrendDraft {
                name: trend.name.clone(),
                category: TrendCategory::from_word(&trend.category).unwrap(),
                horizon: TrendHorizon::from_word(&trend.horizon).unwrap(),
                impact: trend.impact,
                evolution: trend.evolution.clone(),
                review_date: None,
            };
            assert!(draft.checked().is_ok(), "{}", trend.name);
            assert!(!trend.action.trim().is_empty());
        }
        assert_eq!(defaults(), &parsed);
    }

    #[test]
    fn shipped_programmes_cover_the_methods_kinds_with_known_criteria_and_types() {
        let parsed = defaults();
        let names: Vec<&str> = parsed.programmes.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "strategic alliance",
                "channel partner",
                "joint venture",
                "supplier"
            ]
        );
        let types = &super::super::partner::vocabularies().partner_types;
        for programme in &parsed.programmes {
            for kind in &programme.types {
                assert!(types.contains(kind), "{kind} is not a shipped type");
            }
            for (key, weight) in &programme.weights {
                assert!(
                    parsed.criteria.iter().any(|c| &c.key == key),
                    "{key} is no criterion"
                );
                assert!((0.0..=100.0).contains(weight));
            }
            assert!(!programme.onboarding.is_empty());
        }
        // A channel partner and a joint venture are not judged alike.
        assert_ne!(parsed.programmes[1].weights, parsed.programmes[2].weights);
    }
}
