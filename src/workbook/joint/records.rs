//! A partner's joint plan as stored: its goals (with the KPIs and offerings each links, attached
//! by `links.rs`), commitments and milestones, each kind read by one row reader over one column
//! list.

use anyhow::{Context, Result};
use rusqlite::{OptionalExtension, Params, Row};

use crate::plan::joint::{CommitmentDraft, JointGoalDraft, MilestoneDraft};
use crate::workbook::Workbook;

/// A stored joint goal with the names of what it links to.
#[derive(Debug, Clone, PartialEq)]
pub struct JointGoalRecord {
    pub id: i64,
    pub uuid: String,
    pub partner: i64,
    pub goal: JointGoalDraft,
    /// The names of `goal.kpis` and `goal.offerings`, in their order.
    pub kpi_names: Vec<String>,
    pub offering_names: Vec<String>,
    pub role_name: Option<String>,
}

/// A stored commitment, with its joint goal's title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitmentRecord {
    pub id: i64,
    pub uuid: String,
    pub partner: i64,
    pub commitment: CommitmentDraft,
    pub goal_title: Option<String>,
}

/// A stored milestone, with its joint goal's title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MilestoneRecord {
    pub id: i64,
    pub uuid: String,
    pub partner: i64,
    pub milestone: MilestoneDraft,
    pub goal_title: Option<String>,
}

/// One partner's joint plan: goals by due date, commitments ours first, milestones by date.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct JointPlan {
    pub goals: Vec<JointGoalRecord>,
    pub commitments: Vec<CommitmentRecord>,
    pub milestones: Vec<MilestoneRecord>,
}

/// The columns `goal_row` reads, and the tables they come from (`g` the goal); its links are
/// attached afterwards.
const GOAL_COLUMNS: &str = "g.id, g.uuid, g.partner_id, g.title, g.commitment, g.due_on, \
    g.status, g.role_id, g.segment, r.name";
const GOAL_FROM: &str = "FROM joint_goals g LEFT JOIN roles r ON r.id = g.role_id";

/// What `commitment_row` reads (`c` the commitment).
const COMMITMENT_COLUMNS: &str = "c.id, c.uuid, c.partner_id, c.joint_goal_id, c.side, c.what, \
    c.due_on, c.status, g.title FROM joint_commitments c \
    LEFT JOIN joint_goals g ON g.id = c.joint_goal_id";

/// What `milestone_row` reads (`m` the milestone).
const MILESTONE_COLUMNS: &str = "m.id, m.uuid, m.partner_id, m.joint_goal_id, m.title, \
    m.due_on, m.status, m.done_on, g.title FROM joint_milestones m \
    LEFT JOIN joint_goals g ON g.id = m.joint_goal_id";

fn goal_row(r: &Row) -> rusqlite::Result<JointGoalRecord> {
    Ok(JointGoalRecord {
        id: r.get(0)?,
        uuid: r.get(1)?,
        partner: r.get(2)?,
        goal: JointGoalDraft {
            title: r.get(3)?,
            commitment: r.get(4)?,
            due_on: r.get(5)?,
            status: r.get(6)?,
            role: r.get(7)?,
            segment: r.get(8)?,
            ..JointGoalDraft::default()
        },
        kpi_names: Vec::new(),
        offering_names: Vec::new(),
        role_name: r.get(9)?,
    })
}

fn commitment_row(r: &Row) -> rusqlite::Result<CommitmentRecord> {
    Ok(CommitmentRecord {
        id: r.get(0)?,
        uuid: r.get(1)?,
        partner: r.get(2)?,
        commitment: CommitmentDraft {
            goal: r.get(3)?,
            side: r.get(4)?,
            what: r.get(5)?,
            due_on: r.get(6)?,
            status: r.get(7)?,
        },
        goal_title: r.get(8)?,
    })
}

fn milestone_row(r: &Row) -> rusqlite::Result<MilestoneRecord> {
    Ok(MilestoneRecord {
        id: r.get(0)?,
        uuid: r.get(1)?,
        partner: r.get(2)?,
        milestone: MilestoneDraft {
            goal: r.get(3)?,
            title: r.get(4)?,
            due_on: r.get(5)?,
            status: r.get(6)?,
            done_on: r.get(7)?,
        },
        goal_title: r.get(8)?,
    })
}

/// Dated records first, by date, then undated ones: the order of `alias`'s table.
fn by_date(alias: &str) -> String {
    format!("{alias}.due_on IS NULL, {alias}.due_on")
}

impl Workbook {
    /// Every row `sql` selects with `params`, each read by `row`.
    fn joint_rows<T>(
        &self,
        sql: &str,
        params: impl Params,
        row: impl FnMut(&Row) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map(params, row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Partner `partner`'s joint plan.
    pub fn joint_plan(&self, partner: i64) -> Result<JointPlan> {
        let goals = format!(
            "SELECT {GOAL_COLUMNS} {GOAL_FROM} WHERE g.partner_id = ?1 \
             ORDER BY {}, g.title, g.id",
            by_date("g")
        );
        let commitments = format!(
            "SELECT {COMMITMENT_COLUMNS} WHERE c.partner_id = ?1 ORDER BY c.side, {}, c.id",
            by_date("c")
        );
        let milestones = format!(
            "SELECT {MILESTONE_COLUMNS} WHERE m.partner_id = ?1 ORDER BY {}, m.title, m.id",
            by_date("m")
        );
        let mut goals = self.joint_rows(&goals, [partner], goal_row)?;
        self.attach_links(goals.iter_mut(), Some(partner))?;
        Ok(JointPlan {
            goals,
            commitments: self.joint_rows(&commitments, [partner], commitment_row)?,
            milestones: self.joint_rows(&milestones, [partner], milestone_row)?,
        })
    }

    /// Every joint goal of every partner, with the partner's name: what the report and the
    /// Guide read.
    pub fn joint_goals_all(&self) -> Result<Vec<(String, JointGoalRecord)>> {
        let sql = format!(
            "SELECT {GOAL_COLUMNS}, p.name {GOAL_FROM} JOIN partners p ON p.id = g.partner_id \
             ORDER BY p.name COLLATE NOCASE, p.id, {}, g.id",
            by_date("g")
        );
        let mut goals =
            self.joint_rows(&sql, [], |r| Ok((r.get::<_, String>(10)?, goal_row(r)?)))?;
        self.attach_links(goals.iter_mut().map(|(_, g)| g), None)?;
        Ok(goals)
    }

    /// Milestone `id` as stored.
    pub fn milestone(&self, id: i64) -> Result<MilestoneRecord> {
        self.conn
            .query_row(
                &format!("SELECT {MILESTONE_COLUMNS} WHERE m.id = ?1"),
                [id],
                milestone_row,
            )
            .optional()?
            .context("That milestone no longer exists; it may have been deleted or undone.")
    }
}
