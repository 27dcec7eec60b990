//! The rule for a role as the role form saves it: a name unique among roles, a description, a
//! criticality, a minimum number of partners, and an optional status override with its reason.

use super::{Criticality, RoleStatus};
use crate::plan::text::{describe_char, description_problem, first_forbidden_char, is_taken};

/// The most partners a role can ask for.
pub const MAX_MIN_PARTNERS: i64 = 1_000;

/// A role as typed into the form.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RoleDraft {
    pub name: String,
    pub description: String,
    pub criticality: Criticality,
    pub min_partners: i64,
    /// `None`: the status is computed from coverage.
    pub status_override: Option<RoleStatus>,
    pub status_reason: String,
}

/// Which field a problem belongs to, so the form can show it there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleField {
    Name,
    Description,
    MinPartners,
    StatusReason,
}

impl RoleDraft {
    /// The draft as it is stored (trimmed), or every problem with it. `other_names` are the other
    /// roles' names: a name must differ from each of them, whatever its case.
    pub fn checked(&self, other_names: &[&str]) -> Result<RoleDraft, Vec<(RoleField, String)>> {
        let mut problems = Vec::new();
        let name = self.name.trim().to_string();
        if name.is_empty() {
            problems.push((RoleField::Name, "Name is required.".to_string()));
        } else if let Some(c) = first_forbidden_char(&name, false) {
            problems.push((
                RoleField::Name,
                format!("The name holds {}; remove it.", describe_char(c)),
            ));
        } else if is_taken(&name, other_names) {
            problems.push((
                RoleField::Name,
                format!("There is already a role called \"{name}\"; choose another name."),
            ));
        }
        let description = self.description.trim().to_string();
        if let Some(problem) = description_problem(&description) {
            problems.push((RoleField::Description, problem));
        }
        if !(0..=MAX_MIN_PARTNERS).contains(&self.min_partners) {
            problems.push((
                RoleField::MinPartners,
                format!("Give a minimum from 0 to {MAX_MIN_PARTNERS} partners."),
            ));
        }
        let status_reason = self.status_reason.trim().to_string();
        if self.status_override.is_some() && status_reason.is_empty() {
            problems.push((
                RoleField::StatusReason,
                "Say why the status is set by hand, or let it be computed.".to_string(),
            ));
        } else if let Some(c) = first_forbidden_char(&status_reason, false) {
            problems.push((
                RoleField::StatusReason,
                format!("The reason is one line; it holds {}.", describe_char(c)),
            ));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(RoleDraft {
            name,
            description,
            criticality: self.criticality,
            min_partners: self.min_partners,
            status_override: self.status_override,
            // A reason without an override would mislead; it is dropped with the override.
            status_reason: if self.status_override.is_some() {
                status_reason
            } else {
                String::new()
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(name: &str) -> RoleDraft {
        RoleDraft {
            name: name.into(),
            min_partners: 1,
            ..Default::default()
        }
    }

    #[test]
    fn a_name_is_required_and_unique_whatever_its_case() {
        assert!(draft("  ").checked(&[]).is_err());
        let err = draft("cloud").checked(&["Cloud"]).unwrap_err();
        assert_eq!(err[0].0, RoleField::Name);
        assert!(err[0].1.contains("already a role"), "{err:?}");
        assert_eq!(draft(" Cloud ").checked(&["Data"]).unwrap().name, "Cloud");
    }

    #[test]
    fn the_minimum_stays_in_range() {
        for (min, ok) in [(-1, false), (0, true), (1_000, true), (1_001, false)] {
            let mut d = draft("R");
            d.min_partners = min;
            assert_eq!(d.checked(&[]).is_ok(), ok, "{min}");
        }
    }

    #[test]
    fn an_override_needs_a_reason_and_a_reason_alone_is_dropped() {
        let mut d = draft("R");
        d.status_override = Some(RoleStatus::InPlace);
        let err = d.checked(&[]).unwrap_err();
        assert_eq!(err[0].0, RoleField::StatusReason);
        d.status_reason = "contract signed, start in March".into();
        assert_eq!(
            d.checked(&[]).unwrap().status_reason,
            "contract signed, start in March"
        );
        d.status_override = None;
        assert_eq!(d.checked(&[]).unwrap().status_reason, "");
    }
}
