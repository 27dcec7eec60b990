//! What the Guide's checks look at: the facts gathered from the workbook, the records they name.

use super::{EcosystemFacts, JointGoalFacts};

/// A record the Guide names: its id to jump to and its name to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub id: i64,
    pub name: String,
}

/// Records a check found: how many, and the first few in the order the check lists them — all
/// a finding names ("A, B, C and 2 more"). Counting instead of keeping every record holds the
/// Guide's memory flat: at 1,000,000 imported partners, three lists of every active partner
/// had cost over 100 MB.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sample {
    count: usize,
    first: Vec<Named>,
}

impl Sample {
    /// How many records a sample keeps by name.
    pub const KEPT: usize = 3;

    pub fn push(&mut self, record: Named) {
        self.count += 1;
        if self.first.len() < Self::KEPT {
            self.first.push(record);
        }
    }

    /// How many records were found.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The first records found, at most `KEPT`.
    pub fn first(&self) -> &[Named] {
        &self.first
    }
}

impl FromIterator<Named> for Sample {
    fn from_iter<I: IntoIterator<Item = Named>>(records: I) -> Sample {
        let mut sample = Sample::default();
        for record in records {
            sample.push(record);
        }
        sample
    }
}

impl From<Vec<Named>> for Sample {
    fn from(records: Vec<Named>) -> Sample {
        records.into_iter().collect()
    }
}

/// One core element's self-assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CoreElement {
    pub rated: bool,
    pub noted: bool,
}

/// Governance rules by topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GovernanceCounts {
    pub decision: usize,
    pub conflict_resolution: usize,
    pub performance_review: usize,
    pub meeting_cadence: usize,
    pub other: usize,
}

impl GovernanceCounts {
    pub fn total(&self) -> usize {
        self.decision
            + self.conflict_resolution
            + self.performance_review
            + self.meeting_cadence
            + self.other
    }
}

/// KPI horizon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Horizon {
    Short,
    Long,
}

/// What the metrics step needs to know about a KPI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KpiFacts {
    pub id: i64,
    pub horizon: Horizon,
    pub has_target: bool,
}

/// Everything the checks look at, gathered from the workbook. "Written" means not blank; an
/// "active" partner is one in the active stage; a "critical" role has high criticality; a "high"
/// risk is one whose residual band (or inherent, while unrated) is high or critical. Lists of
/// records hold only the ones that lack something, in the order to show them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GuideFacts {
    // 1. Mission and vision
    pub mission_problem_written: bool,
    pub mission_value_written: bool,
    pub vision_written: bool,
    // 2. Core elements
    pub alignment: CoreElement,
    pub adaptability: CoreElement,
    pub shared_value: CoreElement,
    // 3. Model
    pub model_chosen: bool,
    pub model_rationale_written: bool,
    /// Decision-aid questions answered (unsure included).
    pub decision_answers: usize,
    // 4. Goals and value proposition
    pub goals: usize,
    pub value_what_written: bool,
    pub value_why_written: bool,
    pub active_partners: usize,
    pub active_without_benefit: Sample,
    // 5. Roles and structure
    pub hub_exists: bool,
    /// Roles other than the hub.
    pub specialised_roles: usize,
    // 6. Selection
    /// Partners with at least one criterion scored.
    pub scored_partners: usize,
    pub critical_roles: usize,
    /// Critical roles none of whose assigned partners (lead, backup or candidate) is scored.
    pub critical_without_scored_candidate: Sample,
    // 7. Resources ("organisational" includes budget)
    pub technological_resources: usize,
    pub organisational_resources: usize,
    // 8. Governance and data sharing
    pub governance: GovernanceCounts,
    pub protocols: usize,
    // 9. Onboarding
    pub onboarding_items: usize,
    /// Active partners with a checklist item neither done nor skipped.
    pub active_checklist_unfinished: Sample,
    /// Active partners with no check-in logged: their cadence (own or default) has nothing to
    /// run from, so no check-in is ever due.
    pub active_without_checkin: Sample,
    // 10. Metrics
    pub kpis: Vec<KpiFacts>,
    // 11. Risks (named by code and title, e.g. "R-004 Data leak")
    pub risks: usize,
    pub high_risks_without_owner: Sample,
    pub high_risks_without_mitigation: Sample,
    // 12. Future readiness (with the step's own note)
    /// A performance-review or meeting-cadence governance rule with its cadence written.
    pub review_cadence_set: bool,
    /// The radar's trends: the user's own, those ready (an action and a review date), examples.
    pub trends: crate::plan::trend::TrendFacts,
    // What the chosen model adds to steps 4, 5 and 6.
    pub ecosystem: EcosystemFacts,
    /// What joint plans add to step 4.
    pub joint: JointGoalFacts,
}
