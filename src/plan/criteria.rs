//! The rule for a selection criterion as the editor saves it: name, description, weight with its
//! rationale, and whether it is a pass/fail gate; and a partner type's own setting of it.

use super::selection::Criterion;
use super::text::{describe_char, description_problem, first_forbidden_char, is_taken};

/// The highest weight a criterion can carry.
pub const MAX_WEIGHT: f64 = 100.0;
/// The longest rationale: one line, read beside the weight.
pub const MAX_RATIONALE: usize = 200;

/// A criterion as typed into the editor.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CriterionDraft {
    pub name: String,
    pub description: String,
    /// Ignored (stored as 0) for a gate.
    pub weight: f64,
    pub rationale: String,
    pub is_gate: bool,
}

/// Which field a problem belongs to, so the form can show it there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CriterionField {
    Name,
    Description,
    Weight,
    Rationale,
}

impl CriterionDraft {
    /// The draft as it is stored (trimmed; a gate weighs 0), or every problem with it.
    /// `other_names` are the names of the other criteria: a name must differ from each of them,
    /// whatever its case.
    pub fn checked(
        &self,
        other_names: &[&str],
    ) -> Result<CriterionDraft, Vec<(CriterionField, String)>> {
        let mut problems = Vec::new();
        let name = self.name.trim().to_string();
        if name.is_empty() {
            problems.push((CriterionField::Name, "Name is required.".to_string()));
        } else if let Some(c) = first_forbidden_char(&name, false) {
            problems.push((
                CriterionField::Name,
                format!("The name holds {}; remove it.", describe_char(c)),
            ));
        } else if is_taken(&name, other_names) {
            problems.push((
                CriterionField::Name,
                format!("There is already a criterion called \"{name}\"; choose another name."),
            ));
        }
        let description = self.description.trim().to_string();
        if let Some(problem) = description_problem(&description) {
            problems.push((CriterionField::Description, problem));
        }
        let weight = if self.is_gate { 0.0 } else { self.weight };
        let weight_ok =
            self.is_gate || (weight.is_finite() && (0.0..=MAX_WEIGHT).contains(&weight));
        if !weight_ok {
            problems.push((
                CriterionField::Weight,
                format!("Give a weight from 0 to {MAX_WEIGHT:.0}, or make it a pass/fail gate."),
            ));
        }
        let rationale = self.rationale.trim().to_string();
        if let Some(c) = first_forbidden_char(&rationale, false) {
            problems.push((
                CriterionField::Rationale,
                format!("The rationale is one line; it holds {}.", describe_char(c)),
            ));
        } else if rationale.chars().count() > MAX_RATIONALE {
            problems.push((
                CriterionField::Rationale,
                format!(
                    "Keep the rationale to one line of {MAX_RATIONALE} characters ({} now).",
                    rationale.chars().count()
                ),
            ));
        }
        if problems.is_empty() {
            Ok(CriterionDraft {
                name,
                description,
                weight,
                rationale,
                is_gate: self.is_gate,
            })
        } else {
            Err(problems)
        }
    }
}

/// A partner type's own setting of a criterion in its programme; `None` keeps what every type
/// has. A reseller may weigh capabilities more than a joint venture does, or face a gate that a
/// supplier does not.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct TypeSetting {
    pub weight: Option<f64>,
    pub is_gate: Option<bool>,
}

impl TypeSetting {
    /// Nothing of its own: the type takes every type's setting.
    pub fn is_empty(&self) -> bool {
        self.weight.is_none() && self.is_gate.is_none()
    }

    /// `base` (every type's criterion) as a partner of the type is judged by it. A gate weighs
    /// nothing.
    pub fn applied(&self, base: &Criterion) -> Criterion {
        let is_gate = self.is_gate.unwrap_or(base.is_gate);
        Criterion {
            weight: if is_gate {
                0.0
            } else {
                self.weight.unwrap_or(base.weight)
            },
            is_gate,
            ..base.clone()
        }
    }

    /// The setting as stored for `base`, or why not: what equals every type's is dropped (so it
    /// follows every type's later changes), a gate keeps no weight, and a criterion that is a
    /// gate for every type needs a weight of its own to be weighed for this one.
    pub fn checked(&self, base: &Criterion) -> Result<TypeSetting, String> {
        let is_gate = self.is_gate.unwrap_or(base.is_gate);
        if let Some(weight) = self.weight
            && !is_gate
            && !(weight.is_finite() && (0.0..=MAX_WEIGHT).contains(&weight))
        {
            return Err(format!(
                "Give a weight from 0 to {MAX_WEIGHT:.0} for \"{}\".",
                base.name
            ));
        }
        if !is_gate && base.is_gate && self.weight.is_none() {
            return Err(format!(
                "\"{}\" is a pass/fail gate for every type; give it a weight for this type to \
                 weigh it instead.",
                base.name
            ));
        }
        let weight = self
            .weight
            .filter(|w| !is_gate && (base.is_gate || *w != base.weight));
        let is_gate = (is_gate != base.is_gate).then_some(is_gate);
        Ok(TypeSetting { weight, is_gate })
    }

    /// Why `base` weighs what it does for a partner of `kind`: every type's `rationale` when the
    /// type has nothing of its own, else the type's own weight or gate beside every type's.
    pub fn why(&self, kind: &str, base: &Criterion, rationale: &str) -> String {
        if self.is_empty() {
            return rationale.trim().to_string();
        }
        let every = if base.is_gate {
            "a pass/fail gate".to_string()
        } else {
            format!("weight {}", plain_number(base.weight))
        };
        let own = self.applied(base);
        let own = if own.is_gate {
            "makes it a pass/fail gate".to_string()
        } else {
            format!("gives it its own weight, {}", plain_number(own.weight))
        };
        let mut text = format!("The programme of {kind} {own} (every type's: {every}).");
        let reason = rationale.trim();
        if !reason.is_empty() {
            text.push_str(&format!(" Every type's reason: {reason}"));
        }
        text
    }
}

/// A weight without needless decimals: "30", "12.5".
fn plain_number(weight: f64) -> String {
    if weight.fract() == 0.0 {
        format!("{weight:.0}")
    } else {
        format!("{weight:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(name: &str, weight: f64) -> CriterionDraft {
        CriterionDraft {
            name: name.into(),
            weight,
            ..Default::default()
        }
    }

    fn fields(
        result: Result<CriterionDraft, Vec<(CriterionField, String)>>,
    ) -> Vec<CriterionField> {
        result
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|(f, _)| f)
            .collect()
    }

    #[test]
    fn a_types_own_weight_says_so_beside_every_types() {
        let base = Criterion {
            id: 1,
            name: "Capabilities".into(),
            weight: 25.0,
            is_gate: false,
        };
        let none = TypeSetting::default();
        assert_eq!(
            none.why("reseller", &base, " Core skills. "),
            "Core skills."
        );
        let own = TypeSetting {
            weight: Some(40.0),
            is_gate: None,
        };
        assert_eq!(
            own.why("reseller", &base, "Core skills."),
            "The programme of reseller gives it its own weight, 40 (every type's: weight 25). \
             Every type's reason: Core skills."
        );
        let gate = TypeSetting {
            weight: None,
            is_gate: Some(true),
        };
        assert_eq!(
            gate.why("supplier", &base, ""),
            "The programme of supplier makes it a pass/fail gate (every type's: weight 25)."
        );
    }

    #[test]
    fn a_good_draft_is_trimmed() {
        let mut d = draft("  Market reach ", 25.0);
        d.rationale = " Our buyers are abroad. ".into();
        d.description = "Line one\nline two\n".into();
        let ok = d.checked(&["Capabilities"]).unwrap();
        assert_eq!(ok.name, "Market reach");
        assert_eq!(ok.rationale, "Our buyers are abroad.");
        assert_eq!(ok.description, "Line one\nline two");
        assert_eq!(ok.weight, 25.0);
    }

    #[test]
    fn names_are_required_clean_and_unique_whatever_the_case() {
        assert_eq!(
            fields(draft("  ", 1.0).checked(&[])),
            [CriterionField::Name]
        );
        assert_eq!(
            fields(draft("Reach\u{202E}", 1.0).checked(&[])),
            [CriterionField::Name]
        );
        assert_eq!(
            fields(draft("cultural FIT", 1.0).checked(&["Cultural fit"])),
            [CriterionField::Name]
        );
        assert!(
            draft("Cultural fit", 1.0)
                .checked(&["Capabilities"])
                .is_ok()
        );
    }

    #[test]
    fn weights_run_from_0_to_100_and_gates_weigh_nothing() {
        for bad in [-1.0, 100.5, f64::NAN, f64::INFINITY] {
            assert_eq!(
                fields(draft("A", bad).checked(&[])),
                [CriterionField::Weight],
                "{bad}"
            );
        }
        assert!(draft("A", 0.0).checked(&[]).is_ok());
        assert!(draft("A", 100.0).checked(&[]).is_ok());
        let mut gate = draft("Security review", f64::NAN);
        gate.is_gate = true;
        assert_eq!(gate.checked(&[]).unwrap().weight, 0.0);
    }

    #[test]
    fn the_rationale_is_one_short_line() {
        let mut d = draft("A", 1.0);
        d.rationale = "first\nsecond".into();
        assert_eq!(fields(d.checked(&[])), [CriterionField::Rationale]);
        d.rationale = "x".repeat(201);
        assert_eq!(fields(d.checked(&[])), [CriterionField::Rationale]);
        d.rationale = "é".repeat(200);
        assert!(d.checked(&[]).is_ok());
        d.description = "bell\u{7}".into();
        assert_eq!(fields(d.checked(&[])), [CriterionField::Description]);
    }

    fn base(weight: f64, is_gate: bool) -> Criterion {
        Criterion {
            id: 1,
            name: "Capabilities".into(),
            weight,
            is_gate,
        }
    }

    fn setting(weight: Option<f64>, is_gate: Option<bool>) -> TypeSetting {
        TypeSetting { weight, is_gate }
    }

    #[test]
    fn a_type_setting_replaces_only_what_it_names() {
        let every = base(30.0, false);
        let own = setting(Some(45.0), None);
        assert_eq!(own.applied(&every).weight, 45.0);
        assert!(!own.applied(&every).is_gate);
        assert_eq!(TypeSetting::default().applied(&every), every);
        let gate = setting(None, Some(true)).applied(&every);
        assert!(gate.is_gate);
        assert_eq!(gate.weight, 0.0, "a gate weighs nothing");
    }

    #[test]
    fn a_type_setting_keeps_only_what_differs_and_weighs_a_gate_only_with_a_weight() {
        let every = base(30.0, false);
        let same = setting(Some(30.0), Some(false));
        assert!(same.checked(&every).unwrap().is_empty());
        let heavier = setting(Some(40.0), Some(false));
        assert_eq!(heavier.checked(&every), Ok(setting(Some(40.0), None)));
        for bad in [-1.0, 101.0, f64::NAN] {
            let err = setting(Some(bad), None).checked(&every).unwrap_err();
            assert!(err.contains("from 0 to 100"), "{err}");
        }
        let gate = base(0.0, true);
        let err = setting(None, Some(false)).checked(&gate).unwrap_err();
        assert!(err.contains("give it a weight"), "{err}");
        let weighed = setting(Some(0.0), Some(false));
        assert_eq!(weighed.checked(&gate), Ok(weighed));
        let made_gate = setting(Some(12.0), Some(true)).checked(&every);
        assert_eq!(made_gate, Ok(setting(None, Some(true))));
    }
}
