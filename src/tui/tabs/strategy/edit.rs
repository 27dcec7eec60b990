//! Workbook edits the Strategy tab asks for, and how the App applies them: each is one journaled
//! change (so `u` undoes it) and comes back as a sentence for the status line.

use anyhow::Result;

use super::statement::{Part, merged};
use crate::plan::decision_aid::Answer;
use crate::plan::forum::ForumDraft;
use crate::plan::strategy::{
    GoalDraft, GovernanceDraft, ProtocolDraft, ResourceDraft, StrategyDraft, StrategySection,
};
use crate::plan::trend::{ActionDraft, Touch, TrendDraft};
use crate::workbook::Workbook;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StrategyEdit {
    /// Saves one part of the strategy (mission, core elements, value proposition or model) from
    /// `draft`; the other parts stay as stored.
    Save {
        part: Part,
        draft: Box<StrategyDraft>,
        /// A new title for the plan (the mission's form holds it), saved in the same change.
        title: Option<String>,
    },
    /// Answers one decision-aid question.
    Answer {
        key: String,
        answer: Answer,
    },
    SaveGoal {
        id: Option<i64>,
        draft: GoalDraft,
    },
    DeleteGoal {
        id: i64,
    },
    MoveGoal {
        id: i64,
        up: bool,
    },
    SaveResource {
        id: Option<i64>,
        draft: ResourceDraft,
    },
    DeleteResource {
        id: i64,
    },
    SaveRule {
        id: Option<i64>,
        draft: GovernanceDraft,
    },
    DeleteRule {
        id: i64,
    },
    SaveProtocol {
        id: Option<i64>,
        draft: Box<ProtocolDraft>,
    },
    DeleteProtocol {
        id: i64,
    },
    SaveForum {
        id: Option<i64>,
        draft: Box<ForumDraft>,
    },
    DeleteForum {
        id: i64,
    },
    SaveTrend {
        id: Option<i64>,
        draft: Box<TrendDraft>,
        touches: Vec<Touch>,
    },
    DeleteTrend {
        id: i64,
    },
    SaveTrendAction {
        trend: i64,
        id: Option<i64>,
        draft: ActionDraft,
    },
    DeleteTrendAction {
        id: i64,
    },
}

impl StrategyEdit {
    /// Writes the edit; returns what to say on the status line.
    pub fn apply(&self, wb: &mut Workbook) -> Result<String> {
        Ok(match self {
            StrategyEdit::Save { part, draft, title } => {
                let stored = wb.strategy()?;
                let new = merged(*part, draft, &stored);
                let sections = new.sections_changed(&stored);
                if wb.save_statement(&new, title.as_deref())? {
                    let mut labels: Vec<&str> = sections
                        .iter()
                        .map(|s| StrategySection::label(*s))
                        .collect();
                    if title.is_some() {
                        labels.insert(0, "plan's title");
                    }
                    format!("Saved the {}.", labels.join(" and "))
                } else {
                    "Nothing changed.".into()
                }
            }
            StrategyEdit::Answer { key, answer } => {
                let mut draft = wb.strategy()?;
                draft.decision_answers.insert(key.clone(), *answer);
                wb.save_strategy(&draft)?;
                format!("Answered {}.", answer_word(*answer))
            }
            StrategyEdit::SaveGoal {
                id: Some(id),
                draft,
            } => {
                wb.update_goal(*id, draft)?;
                format!("Saved goal {}.", draft.title.trim())
            }
            StrategyEdit::SaveGoal { id: None, draft } => {
                wb.add_goal(draft)?;
                format!("Added goal {}.", draft.title.trim())
            }
            StrategyEdit::DeleteGoal { id } => {
                format!("Deleted goal {}.", wb.delete_goal(*id)?)
            }
            StrategyEdit::MoveGoal { id, up } => {
                if wb.move_goal(*id, *up)? {
                    format!("Moved the goal {}.", if *up { "up" } else { "down" })
                } else {
                    format!(
                        "That goal is already {}.",
                        if *up { "first" } else { "last" }
                    )
                }
            }
            StrategyEdit::SaveResource {
                id: Some(id),
                draft,
            } => {
                wb.update_resource(*id, draft)?;
                format!("Saved resource {}.", draft.name.trim())
            }
            StrategyEdit::SaveResource { id: None, draft } => {
                wb.add_resource(draft)?;
                format!("Added resource {}.", draft.name.trim())
            }
            StrategyEdit::DeleteResource { id } => {
                format!("Deleted resource {}.", wb.delete_resource(*id)?)
            }
            StrategyEdit::SaveRule {
                id: Some(id),
                draft,
            } => {
                wb.update_governance_rule(*id, draft)?;
                format!("Saved the {} rule.", draft.topic.word())
            }
            StrategyEdit::SaveRule { id: None, draft } => {
                wb.add_governance_rule(draft)?;
                format!("Added a {} rule.", draft.topic.word())
            }
            StrategyEdit::DeleteRule { id } => {
                format!("Deleted rule {}.", wb.delete_governance_rule(*id)?)
            }
            StrategyEdit::SaveProtocol {
                id: Some(id),
                draft,
            } => {
                wb.update_protocol(*id, draft)?;
                format!("Saved protocol {}.", draft.data_item.trim())
            }
            StrategyEdit::SaveProtocol { id: None, draft } => {
                wb.add_protocol(draft)?;
                format!("Added protocol {}.", draft.data_item.trim())
            }
            StrategyEdit::SaveForum {
                id: Some(id),
                draft,
            } => {
                wb.update_forum(*id, draft)?;
                format!("Saved forum {}.", draft.name.trim())
            }
            StrategyEdit::SaveForum { id: None, draft } => {
                wb.add_forum(draft)?;
                format!("Added forum {}.", draft.name.trim())
            }
            StrategyEdit::DeleteForum { id } => {
                format!(
                    "Deleted forum {} with its members; its rules stay.",
                    wb.delete_forum(*id)?
                )
            }
            StrategyEdit::SaveTrend { id, draft, touches } => {
                let name = draft.name.trim();
                match id {
                    Some(id) => {
                        let example = wb.trends()?.iter().any(|t| t.id == *id && t.example);
                        wb.update_trend(*id, draft, touches)?;
                        if example {
                            format!("Saved trend {name}; it is yours now, no longer an example.")
                        } else {
                            format!("Saved trend {name}.")
                        }
                    }
                    None => {
                        wb.add_trend(draft, touches)?;
                        format!("Added trend {name}.")
                    }
                }
            }
            StrategyEdit::DeleteTrend { id } => {
                format!("Deleted trend {} and its actions.", wb.delete_trend(*id)?)
            }
            StrategyEdit::SaveTrendAction { trend, id, draft } => {
                let title = draft.title.trim();
                match id {
                    Some(id) => {
                        wb.update_trend_action(*id, draft)?;
                        format!("Saved action {title}.")
                    }
                    None => {
                        wb.add_trend_action(*trend, draft)?;
                        format!("Added action {title}.")
                    }
                }
            }
            StrategyEdit::DeleteTrendAction { id } => {
                format!("Deleted action {}.", wb.delete_trend_action(*id)?)
            }
            StrategyEdit::DeleteProtocol { id } => {
                format!(
                    "Deleted protocol {} and whom it shared with.",
                    wb.delete_protocol(*id)?
                )
            }
        })
    }
}

fn answer_word(answer: Answer) -> &'static str {
    match answer {
        Answer::Yes => "yes",
        Answer::No => "no",
        Answer::Unsure => "not sure",
    }
}
