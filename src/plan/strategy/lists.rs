//! Goals, resources and governance rules as their forms save them, with the words each stores.

use super::super::words::worded;
use super::{Problems, iso_date, keep, many_lines, one_line};

worded! {
    /// How far ahead a goal looks.
    #[derive(Default)]
    pub enum GoalHorizon {
        /// The schema's default, and what an unknown stored word reads as.
        #[default]
        Short => "short",
        Long => "long",
    }
}

worded! {
    /// Where a goal stands.
    #[derive(Default)]
    pub enum GoalStatus {
        /// The schema's default, and what an unknown stored word reads as.
        #[default]
        Planned => "planned",
        InProgress => "in progress",
        Achieved => "achieved",
        Dropped => "dropped",
    }
}

worded! {
    /// What kind of resource or infrastructure.
    pub enum ResourceKind {
        Technology => "technology",
        Organisation => "organisation",
        Budget => "budget",
    }
}

impl ResourceKind {
    /// For people: "technological".
    pub fn label(self) -> &'static str {
        match self {
            ResourceKind::Technology => "technological",
            ResourceKind::Organisation => "organisational",
            ResourceKind::Budget => "budget",
        }
    }

    /// What the method counts as organisational: the organisation itself and its budget.
    pub fn is_organisational(self) -> bool {
        matches!(self, ResourceKind::Organisation | ResourceKind::Budget)
    }

    /// Examples the form offers for the kind.
    pub fn examples(self) -> &'static [&'static str] {
        match self {
            ResourceKind::Technology => &[
                "data-sharing platform",
                "collaboration tools",
                "partner APIs",
                "cloud infrastructure",
                "automation",
            ],
            ResourceKind::Organisation => &["partner-management team", "partner programme office"],
            ResourceKind::Budget => &["partner programme budget", "co-marketing fund"],
        }
    }
}

worded! {
    /// Whether a resource exists yet.
    #[derive(Default)]
    pub enum ResourceStatus {
        /// The schema's default, and what an unknown stored word reads as.
        #[default]
        Planned => "planned",
        InPlace => "in place",
    }
}

worded! {
    /// What a governance rule governs.
    #[derive(Default)]
    pub enum GovernanceTopic {
        #[default]
        Decision => "decision",
        ConflictResolution => "conflict resolution",
        PerformanceReview => "performance review",
        MeetingCadence => "meeting cadence",
        Other => "other",
    }
}

/// A goal as typed into its form.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GoalDraft {
    pub title: String,
    pub horizon: GoalHorizon,
    pub description: String,
    /// `YYYY-MM-DD`, or `None`.
    pub target_date: Option<String>,
    pub status: GoalStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoalField {
    Title,
    Description,
    TargetDate,
}

impl GoalDraft {
    /// The draft as it is stored (trimmed), or every problem with it.
    pub fn checked(&self) -> Result<GoalDraft, Problems<GoalField>> {
        let mut p = Vec::new();
        let checked = GoalDraft {
            title: keep(
                &mut p,
                GoalField::Title,
                one_line(&self.title, "title", true),
            ),
            horizon: self.horizon,
            description: keep(
                &mut p,
                GoalField::Description,
                many_lines(&self.description, "description", false),
            ),
            target_date: keep(
                &mut p,
                GoalField::TargetDate,
                iso_date(self.target_date.as_deref(), "target date"),
            ),
            status: self.status,
        };
        if p.is_empty() { Ok(checked) } else { Err(p) }
    }
}

/// A resource as typed into its form.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ResourceDraft {
    /// `None` until chosen, or for a stored word this version does not know.
    pub kind: Option<ResourceKind>,
    pub name: String,
    pub description: String,
    /// In the workbook currency's minor units; `None` when not estimated.
    pub estimated_cost_minor: Option<i64>,
    pub status: ResourceStatus,
    pub owner: String,
    /// `YYYY-MM-DD`: the cost is an investment made that day, counted once in the ROI; `None`
    /// when the resource is not an investment.
    pub invested_on: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResourceField {
    Kind,
    Name,
    Description,
    EstimatedCost,
    Owner,
    InvestedOn,
}

impl ResourceDraft {
    /// The draft as it is stored (trimmed), or every problem with it.
    pub fn checked(&self) -> Result<ResourceDraft, Problems<ResourceField>> {
        let mut p = Vec::new();
        if self.kind.is_none() {
            p.push((
                ResourceField::Kind,
                "Choose a kind: technology, organisation or budget.".to_string(),
            ));
        }
        if self.estimated_cost_minor.is_some_and(|c| c < 0) {
            p.push((
                ResourceField::EstimatedCost,
                "An estimated cost cannot be negative; leave it blank if unknown.".to_string(),
            ));
        }
        let checked = ResourceDraft {
            kind: self.kind,
            name: keep(
                &mut p,
                ResourceField::Name,
                one_line(&self.name, "name", true),
            ),
            description: keep(
                &mut p,
                ResourceField::Description,
                many_lines(&self.description, "description", false),
            ),
            estimated_cost_minor: self.estimated_cost_minor,
            status: self.status,
            owner: keep(
                &mut p,
                ResourceField::Owner,
                one_line(&self.owner, "owner", false),
            ),
            invested_on: keep(
                &mut p,
                ResourceField::InvestedOn,
                iso_date(self.invested_on.as_deref(), "investment date"),
            ),
        };
        if checked.invested_on.is_some() && checked.estimated_cost_minor.is_none() {
            p.push((
                ResourceField::InvestedOn,
                "An investment needs its cost: type the estimated cost, or clear the date to \
                 keep the resource out of the ROI."
                    .to_string(),
            ));
        }
        if p.is_empty() { Ok(checked) } else { Err(p) }
    }
}

/// A governance rule as typed into its form.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GovernanceDraft {
    pub topic: GovernanceTopic,
    pub rule: String,
    /// The forum or person that decides.
    pub forum: String,
    /// How often, in the user's words ("quarterly").
    pub cadence: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GovernanceField {
    Rule,
    Forum,
    Cadence,
}

impl GovernanceDraft {
    /// The draft as it is stored (trimmed), or every problem with it.
    pub fn checked(&self) -> Result<GovernanceDraft, Problems<GovernanceField>> {
        let mut p = Vec::new();
        let checked = GovernanceDraft {
            topic: self.topic,
            rule: keep(
                &mut p,
                GovernanceField::Rule,
                many_lines(&self.rule, "rule", true),
            ),
            forum: keep(
                &mut p,
                GovernanceField::Forum,
                one_line(&self.forum, "forum", false),
            ),
            cadence: keep(
                &mut p,
                GovernanceField::Cadence,
                one_line(&self.cadence, "cadence", false),
            ),
        };
        if p.is_empty() { Ok(checked) } else { Err(p) }
    }
}

#[cfg(test)]
mod tests {
    use super::super::problem_fields as fields;
    use super::*;

    #[test]
    fn a_goal_needs_a_title_and_a_real_date() {
        let goal = GoalDraft {
            title: "  Reach three new markets ".into(),
            target_date: Some("2027-06-30".into()),
            ..Default::default()
        };
        assert_eq!(goal.checked().unwrap().title, "Reach three new markets");
        let bad = GoalDraft {
            title: " ".into(),
            target_date: Some("June".into()),
            ..Default::default()
        };
        assert_eq!(
            fields(bad.checked()),
            [GoalField::Title, GoalField::TargetDate]
        );
    }

    #[test]
    fn a_resource_is_an_investment_only_with_a_real_date_and_a_cost() {
        let dated = |cost: Option<i64>, on: &str| ResourceDraft {
            kind: Some(ResourceKind::Technology),
            name: "Partner portal".into(),
            estimated_cost_minor: cost,
            invested_on: Some(on.into()),
            ..Default::default()
        };
        assert_eq!(
            dated(Some(8_500_000), " 2026-02-01 ")
                .checked()
                .unwrap()
                .invested_on
                .as_deref(),
            Some("2026-02-01")
        );
        assert_eq!(
            fields(dated(None, "2026-02-01").checked()),
            [ResourceField::InvestedOn]
        );
        assert_eq!(
            fields(dated(Some(1), "2026-02-30").checked()),
            [ResourceField::InvestedOn]
        );
        // An empty date is no investment, and needs no cost.
        assert_eq!(dated(None, " ").checked().unwrap().invested_on, None);
    }

    #[test]
    fn a_resource_needs_a_kind_a_name_and_no_negative_cost() {
        let bad = ResourceDraft {
            estimated_cost_minor: Some(-1),
            ..Default::default()
        };
        assert_eq!(
            fields(bad.checked()),
            [
                ResourceField::Kind,
                ResourceField::EstimatedCost,
                ResourceField::Name
            ]
        );
        let good = ResourceDraft {
            kind: Some(ResourceKind::Technology),
            name: "Partner portal".into(),
            estimated_cost_minor: Some(0),
            owner: " IT ".into(),
            ..Default::default()
        };
        assert_eq!(good.checked().unwrap().owner, "IT");
        assert!(ResourceKind::Budget.is_organisational());
        assert!(!ResourceKind::Technology.is_organisational());
    }

    #[test]
    fn a_governance_rule_needs_its_rule_and_one_line_forum_and_cadence() {
        let bad = GovernanceDraft {
            topic: GovernanceTopic::ConflictResolution,
            rule: "\n".into(),
            forum: "Board\nCEO".into(),
            cadence: "quarterly".into(),
        };
        assert_eq!(
            fields(bad.checked()),
            [GovernanceField::Rule, GovernanceField::Forum]
        );
        assert_eq!(
            GovernanceTopic::from_word(" Meeting Cadence "),
            Some(GovernanceTopic::MeetingCadence)
        );
    }
}
