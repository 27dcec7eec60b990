//! Goals, resources and governance rules: list in order, add, edit, delete (undoable), and move a
//! goal up or down. Stored words this version does not know read as the list's default (a
//! resource's unknown kind reads as none, with the stored word kept for the screen).

use anyhow::Result;
use rusqlite::types::Value;

use super::super::Workbook;
use super::{as_params, optional_integer, optional_text, refused, text};
use crate::plan::strategy::{
    GoalDraft, GoalHorizon, GoalStatus, GovernanceDraft, GovernanceTopic, ResourceDraft,
    ResourceKind, ResourceStatus,
};

/// A goal as stored, in the Strategy tab's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalRecord {
    pub id: i64,
    pub goal: GoalDraft,
    pub position: i64,
}

/// A resource as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceRecord {
    pub id: i64,
    pub resource: ResourceDraft,
    /// The stored kind, shown when this version does not know it (`resource.kind` is `None`).
    pub kind_word: String,
}

/// A governance rule as stored. `rule.forum` is the linked forum's name when the rule is linked
/// to one (schema step 12), else the words stored on the rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GovernanceRecord {
    pub id: i64,
    pub rule: GovernanceDraft,
    /// The forum the rule is decided in (its link), when its forum words name one.
    pub forum_id: Option<i64>,
}

fn goal_columns(d: &GoalDraft) -> Vec<(&'static str, Value)> {
    vec![
        ("title", Value::Text(d.title.clone())),
        ("horizon", Value::Text(d.horizon.word().into())),
        ("description", Value::Text(d.description.clone())),
        (
            "target_date",
            d.target_date.clone().map_or(Value::Null, Value::Text),
        ),
        ("status", Value::Text(d.status.word().into())),
    ]
}

fn resource_columns(d: &ResourceDraft) -> Vec<(&'static str, Value)> {
    vec![
        (
            "kind",
            Value::Text(d.kind.map_or("", ResourceKind::word).into()),
        ),
        ("name", Value::Text(d.name.clone())),
        ("description", Value::Text(d.description.clone())),
        (
            "estimated_cost_minor",
            optional_integer(d.estimated_cost_minor),
        ),
        ("status", Value::Text(d.status.word().into())),
        ("owner", Value::Text(d.owner.clone())),
        (
            "invested_on",
            d.invested_on.clone().map_or(Value::Null, Value::Text),
        ),
    ]
}

fn governance_columns(d: &GovernanceDraft) -> Vec<(&'static str, Value)> {
    vec![
        ("topic", Value::Text(d.topic.word().into())),
        ("rule", Value::Text(d.rule.clone())),
        ("forum", Value::Text(d.forum.clone())),
        ("cadence", Value::Text(d.cadence.clone())),
    ]
}

/// A rule's first line, shortened, to name it in the undo history.
fn rule_label(rule: &str) -> String {
    let line = rule.lines().next().unwrap_or_default();
    if line.chars().count() > 40 {
        format!("{}…", line.chars().take(39).collect::<String>())
    } else {
        line.to_string()
    }
}

impl Workbook {
    /// Every goal, in the order the user keeps them.
    pub fn goals(&self) -> Result<Vec<GoalRecord>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, title, horizon, description, target_date, status, position \
             FROM goals ORDER BY position, id",
        )?;
        let goals = stmt
            .query_map([], |r| {
                let v = |i: usize| r.get::<_, Value>(i);
                Ok(GoalRecord {
                    id: r.get(0)?,
                    goal: GoalDraft {
                        title: text(v(1)?),
                        horizon: GoalHorizon::from_word(&text(v(2)?)).unwrap_or_default(),
                        description: text(v(3)?),
                        target_date: optional_text(v(4)?),
                        status: GoalStatus::from_word(&text(v(5)?)).unwrap_or_default(),
                    },
                    position: r.get::<_, Option<i64>>(6).ok().flatten().unwrap_or(0),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(goals)
    }

    /// Adds a goal after the last one; returns its id.
    pub fn add_goal(&mut self, draft: &GoalDraft) -> Result<i64> {
        self.refuse_write()?;
        let draft = draft.checked().map_err(refused)?;
        let position: i64 = self.conn.query_row(
            "SELECT coalesce(max(position), 0) + 1 FROM goals",
            [],
            |r| r.get(0),
        )?;
        let mut columns = goal_columns(&draft);
        columns.push(("position", Value::Integer(position)));
        let mut change = self.change(format!("add goal {}", draft.title))?;
        let id = change.insert("goals", &as_params(&columns))?;
        change.commit()?;
        Ok(id)
    }

    pub fn update_goal(&mut self, id: i64, draft: &GoalDraft) -> Result<()> {
        self.refuse_write()?;
        let draft = draft.checked().map_err(refused)?;
        self.goal_title(id)?;
        let mut change = self.change(format!("edit goal {}", draft.title))?;
        change.update("goals", id, &as_params(&goal_columns(&draft)))?;
        change.commit()
    }

    /// Deletes goal `id` (KPIs linked to it keep their place, unlinked; undo links them again);
    /// returns its title.
    pub fn delete_goal(&mut self, id: i64) -> Result<String> {
        let title = self.goal_title(id)?;
        self.delete_listed("goals", id, format!("delete goal {title}"))?;
        Ok(title)
    }

    /// Swaps goal `id` with its neighbour above (`up`) or below; `false` when there is none.
    pub fn move_goal(&mut self, id: i64, up: bool) -> Result<bool> {
        let title = self.goal_title(id)?;
        let order: Vec<(i64, i64)> = self.goals()?.iter().map(|g| (g.id, g.position)).collect();
        self.swap_positions("goals", &order, id, up, &title)
    }

    fn goal_title(&self, id: i64) -> Result<String> {
        self.listed_name("goals", "title", id, "goal")
    }

    /// Every resource, in the order they were added.
    pub fn resources(&self) -> Result<Vec<ResourceRecord>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, kind, name, description, estimated_cost_minor, status, owner, \
             invested_on FROM resources ORDER BY id",
        )?;
        let resources = stmt
            .query_map([], |r| {
                let v = |i: usize| r.get::<_, Value>(i);
                let kind_word = text(v(1)?);
                Ok(ResourceRecord {
                    id: r.get(0)?,
                    resource: ResourceDraft {
                        kind: ResourceKind::from_word(&kind_word),
                        name: text(v(2)?),
                        description: text(v(3)?),
                        estimated_cost_minor: match v(4)? {
                            Value::Integer(n) => Some(n),
                            _ => None,
                        },
                        status: ResourceStatus::from_word(&text(v(5)?)).unwrap_or_default(),
                        owner: text(v(6)?),
                        invested_on: match v(7)? {
                            Value::Text(day) => Some(day),
                            _ => None,
                        },
                    },
                    kind_word,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(resources)
    }

    /// Adds a resource; returns its id.
    pub fn add_resource(&mut self, draft: &ResourceDraft) -> Result<i64> {
        self.refuse_write()?;
        let draft = draft.checked().map_err(refused)?;
        let mut change = self.change(format!("add resource {}", draft.name))?;
        let id = change.insert("resources", &as_params(&resource_columns(&draft)))?;
        change.commit()?;
        Ok(id)
    }

    pub fn update_resource(&mut self, id: i64, draft: &ResourceDraft) -> Result<()> {
        self.refuse_write()?;
        let draft = draft.checked().map_err(refused)?;
        self.resource_name(id)?;
        let mut change = self.change(format!("edit resource {}", draft.name))?;
        change.update("resources", id, &as_params(&resource_columns(&draft)))?;
        change.commit()
    }

    /// Deletes resource `id`; returns its name.
    pub fn delete_resource(&mut self, id: i64) -> Result<String> {
        let name = self.resource_name(id)?;
        self.delete_listed("resources", id, format!("delete resource {name}"))?;
        Ok(name)
    }

    fn resource_name(&self, id: i64) -> Result<String> {
        self.listed_name("resources", "name", id, "resource")
    }

    /// Every governance rule, in the order they were added. An unknown topic reads as "other",
    /// so it never counts as a decision or conflict rule it may not be.
    pub fn governance_rules(&self) -> Result<Vec<GovernanceRecord>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.id, r.topic, r.rule, coalesce(f.name, r.forum), r.cadence, l.forum_id \
             FROM governance_rules r LEFT JOIN forum_rules l ON l.rule_id = r.id \
             LEFT JOIN forums f ON f.id = l.forum_id ORDER BY r.id",
        )?;
        let rules = stmt
            .query_map([], |r| {
                let v = |i: usize| r.get::<_, Value>(i);
                Ok(GovernanceRecord {
                    id: r.get(0)?,
                    rule: GovernanceDraft {
                        topic: GovernanceTopic::from_word(&text(v(1)?))
                            .unwrap_or(GovernanceTopic::Other),
                        rule: text(v(2)?),
                        forum: text(v(3)?),
                        cadence: text(v(4)?),
                    },
                    forum_id: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rules)
    }

    /// Adds a governance rule; returns its id.
    pub fn add_governance_rule(&mut self, draft: &GovernanceDraft) -> Result<i64> {
        self.refuse_write()?;
        let draft = draft.checked().map_err(refused)?;
        let label = format!(
            "add {} rule {}",
            draft.topic.word(),
            rule_label(&draft.rule)
        );
        let forum = self.forum_link(&draft.forum)?;
        let mut change = self.change(label)?;
        let id = change.insert("governance_rules", &as_params(&governance_columns(&draft)))?;
        super::super::forums::link_rule(&mut change, id, forum)?;
        change.commit()?;
        Ok(id)
    }

    pub fn update_governance_rule(&mut self, id: i64, draft: &GovernanceDraft) -> Result<()> {
        self.refuse_write()?;
        let draft = draft.checked().map_err(refused)?;
        self.governance_rule_text(id)?;
        let label = format!(
            "edit {} rule {}",
            draft.topic.word(),
            rule_label(&draft.rule)
        );
        let forum = self.forum_link(&draft.forum)?;
        let mut change = self.change(label)?;
        change.update(
            "governance_rules",
            id,
            &as_params(&governance_columns(&draft)),
        )?;
        super::super::forums::link_rule(&mut change, id, forum)?;
        change.commit()
    }

    /// Deletes governance rule `id`; returns its rule's first line.
    pub fn delete_governance_rule(&mut self, id: i64) -> Result<String> {
        let rule = rule_label(&self.governance_rule_text(id)?);
        self.delete_listed("governance_rules", id, format!("delete rule {rule}"))?;
        Ok(rule)
    }

    fn governance_rule_text(&self, id: i64) -> Result<String> {
        self.listed_name("governance_rules", "rule", id, "governance rule")
    }
}
