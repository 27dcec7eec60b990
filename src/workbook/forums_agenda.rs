//! What a forum's meeting agenda is built from, read for one meeting day: the rules decided in
//! the forum, risk reviews due by then, KPIs off track or at risk on that day, and check-ins of
//! its member partners (or of every partner) that have lapsed by then.

use anyhow::Result;
use jiff::civil::Date;
use rusqlite::types::Value;

use super::{ForumRecord, GovernanceRecord, LiveContext, Workbook, text};
use crate::plan::figures::expects_checkins;
use crate::plan::kpi::KpiStatus;
use crate::plan::risk::Bands;
use crate::plan::strategy::Recipient;

/// A risk whose review falls due on or before the meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewDue {
    pub code: String,
    pub title: String,
    pub owner: String,
    pub status: String,
    /// `YYYY-MM-DD`.
    pub review: String,
}

/// A KPI off track or at risk on the meeting day.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiConcern {
    pub name: String,
    pub status: KpiStatus,
    pub unit: String,
    pub latest: Option<f64>,
    pub target: Option<f64>,
    pub owner: String,
}

/// A partner whose next check-in falls before the meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LapsedCheckin {
    pub partner: String,
    pub owner: String,
    /// `YYYY-MM-DD`: when the check-in was due.
    pub due: String,
}

/// A joint-plan milestone not done and due by the meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MilestoneDue {
    pub partner: String,
    pub title: String,
    /// `YYYY-MM-DD`.
    pub due: String,
    /// `planned`, `in progress` or `missed`.
    pub status: String,
    /// The joint goal it belongs to, if any.
    pub goal: Option<String>,
}

/// Everything an agenda lists, read for one meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct AgendaFacts {
    pub rules: Vec<GovernanceRecord>,
    pub reviews: Vec<ReviewDue>,
    pub kpis: Vec<KpiConcern>,
    pub checkins: Vec<LapsedCheckin>,
    /// Whether `checkins` are the members' (else every partner's: the forum has no partner
    /// members).
    pub members_only: bool,
}

impl Workbook {
    /// What the agenda of `forum`'s meeting on `meeting` lists; KPIs are judged on that day.
    pub fn agenda_facts(
        &self,
        forum: &ForumRecord,
        meeting: Date,
        bands: Bands,
    ) -> Result<AgendaFacts> {
        let rules = self
            .governance_rules()?
            .into_iter()
            .filter(|r| r.forum_id == Some(forum.id))
            .collect();
        let day = meeting.to_string();
        let reviews = self
            .conn
            .prepare_cached(
                "SELECT code, title, owner, status, next_review FROM risks \
                 WHERE status != 'closed' AND next_review IS NOT NULL AND next_review != '' \
                 AND next_review <= ?1 ORDER BY next_review, number, id",
            )?
            .query_map([&day], |r| {
                let v = |i: usize| r.get::<_, Value>(i).map(text);
                Ok(ReviewDue {
                    code: v(0)?,
                    title: v(1)?,
                    owner: v(2)?,
                    status: v(3)?,
                    review: v(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let members: Vec<i64> = forum
            .forum
            .members
            .iter()
            .filter_map(|m| match m {
                Recipient::Partner(id) => Some(*id),
                Recipient::Role(_) => None,
            })
            .collect();
        let checkins = self
            .conn
            .prepare_cached(
                "SELECT id, name, owner, stage, next_checkin FROM partners \
                 WHERE next_checkin IS NOT NULL AND next_checkin < ?1 \
                 ORDER BY next_checkin, name COLLATE NOCASE, id",
            )?
            .query_map([&day], |r| {
                let v = |i: usize| r.get::<_, Value>(i).map(text);
                Ok((r.get::<_, i64>(0)?, v(1)?, v(2)?, v(3)?, v(4)?))
            })?
            .filter_map(|row| match row {
                Ok((id, partner, owner, stage, due)) => (expects_checkins(&stage)
                    && (members.is_empty() || members.contains(&id)))
                .then_some(Ok(LapsedCheckin {
                    partner,
                    owner,
                    due,
                })),
                Err(err) => Some(Err(err)),
            })
            .collect::<rusqlite::Result<_>>()?;
        Ok(AgendaFacts {
            rules,
            reviews,
            kpis: self.kpi_concerns(meeting, bands)?,
            checkins,
            members_only: !members.is_empty(),
        })
    }

    /// The joint-plan milestones not done and due on or before `meeting`, soonest first: of
    /// `forum`'s member partners, or of every partner when it has none (as the check-ins).
    pub fn milestones_due(&self, forum: &ForumRecord, meeting: Date) -> Result<Vec<MilestoneDue>> {
        let members: Vec<i64> = forum
            .forum
            .members
            .iter()
            .filter_map(|m| match m {
                Recipient::Partner(id) => Some(*id),
                Recipient::Role(_) => None,
            })
            .collect();
        let rows = self
            .conn
            .prepare_cached(
                "SELECT p.id, p.name, m.title, m.due_on, m.status, g.title \
                 FROM joint_milestones m JOIN partners p ON p.id = m.partner_id \
                 LEFT JOIN joint_goals g ON g.id = m.joint_goal_id \
                 WHERE m.status != 'done' AND m.due_on IS NOT NULL AND m.due_on != '' \
                 AND m.due_on <= ?1 ORDER BY m.due_on, p.name COLLATE NOCASE, m.id",
            )?
            .query_map([meeting.to_string()], |r| {
                let v = |i: usize| r.get::<_, Value>(i).map(text);
                let goal: Option<String> = r.get(5)?;
                Ok((
                    r.get::<_, i64>(0)?,
                    MilestoneDue {
                        partner: v(1)?,
                        title: v(2)?,
                        due: v(3)?,
                        status: v(4)?,
                        goal,
                    },
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows
            .into_iter()
            .filter(|(id, _)| members.is_empty() || members.contains(id))
            .map(|(_, due)| due)
            .collect())
    }

    /// Every KPI off track or at risk on `day`, worst first, then by name.
    fn kpi_concerns(&self, day: Date, bands: Bands) -> Result<Vec<KpiConcern>> {
        let facts = self.live_facts(&LiveContext { today: day, bands })?;
        let mut concerns = Vec::new();
        let mut offset = 0;
        loop {
            let rows = self.kpi_rows(offset, super::KPI_WINDOW_MAX, 1, day, Some(&facts))?;
            let read = rows.len();
            concerns.extend(
                rows.into_iter()
                    .filter(|row| matches!(row.status, KpiStatus::OffTrack | KpiStatus::AtRisk))
                    .map(|row| KpiConcern {
                        name: row.record.kpi.name,
                        status: row.status,
                        unit: row.record.kpi.unit,
                        latest: row.latest.map(|m| m.value),
                        target: row.record.kpi.target,
                        owner: row.record.kpi.owner,
                    }),
            );
            if read < super::KPI_WINDOW_MAX {
                break;
            }
            offset += read;
        }
        // Off track before at risk; the read order (by name) within each.
        concerns.sort_by_key(|c| c.status != KpiStatus::OffTrack);
        Ok(concerns)
    }
}
