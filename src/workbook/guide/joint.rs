//! The facts of the Guide's joint-plan check: active strategic alliances and joint ventures,
//! the open joint goals they hold, those without one, and the conflict check's findings.

use anyhow::Result;

use crate::plan::guide::JointGoalFacts;
use crate::workbook::Workbook;

/// An active strategic alliance or joint venture (`p` is the partner).
const STRATEGIC: &str = "p.stage = 'active' \
    AND lower(trim(p.partner_type)) IN ('strategic alliance', 'joint venture')";

/// A joint goal of partner `p` that is neither done nor dropped.
const OPEN_GOAL: &str = "SELECT 1 FROM joint_goals g WHERE g.partner_id = p.id \
    AND lower(trim(g.status)) NOT IN ('done', 'dropped')";

impl Workbook {
    pub(super) fn joint_goal_facts(&self) -> Result<JointGoalFacts> {
        let count = |sql: &str| -> Result<usize> {
            let n: i64 = self.conn.prepare_cached(sql)?.query_row([], |r| r.get(0))?;
            Ok(usize::try_from(n).unwrap_or(0))
        };
        Ok(JointGoalFacts {
            strategic_partners: count(&format!(
                "SELECT count(*) FROM partners p WHERE {STRATEGIC}"
            ))?,
            joint_goals: count(&format!(
                "SELECT count(*) FROM partners p JOIN joint_goals g ON g.partner_id = p.id \
                 WHERE {STRATEGIC} AND lower(trim(g.status)) NOT IN ('done', 'dropped')"
            ))?,
            without_joint_goal: super::facts::named(
                &self.conn,
                &format!(
                    "SELECT p.id, p.name FROM partners p WHERE {STRATEGIC} \
                     AND NOT EXISTS ({OPEN_GOAL}) ORDER BY p.name, p.id"
                ),
                [],
            )?,
            conflicts: self
                .joint_conflicts()?
                .into_iter()
                .map(|c| c.text)
                .collect(),
        })
    }
}
