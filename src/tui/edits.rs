//! Workbook edits the Partners tab asks for (the partner form, its views, deletes), and how the
//! App applies them: each is one journaled change (so `u` undoes it) and comes back as a sentence
//! for the status line.

use std::cell::Cell;
use std::rc::Rc;

use anyhow::Result;
use jiff::civil::Date;

use crate::plan::PartnerDraft;
use crate::plan::criteria::{CriterionDraft, TypeSetting};
use crate::plan::joint::{CommitmentDraft, JointGoalDraft, MilestoneDraft, MilestoneProgress};
use crate::plan::onboarding::ItemStatus;
use crate::plan::selection::Assessment;
use crate::plan::template::ItemDraft;
use crate::plan::vocabulary::VocabularyKind;
use crate::tui::widgets::confirm::ConfirmAction;
use crate::workbook::Workbook;

/// Where a saved partner's id is left for the roster, which selects it (a new partner's id is
/// known only once the workbook has written it).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SavedId(Rc<Cell<Option<i64>>>);

impl SavedId {
    /// The id written, once the save went through (taken: a second call says `None`).
    pub fn take(&self) -> Option<i64> {
        self.0.take()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum PartnerEdit {
    /// Adds a partner (`id: None`) or changes one; `saved` hears its id.
    Save {
        id: Option<i64>,
        draft: Box<PartnerDraft>,
        saved: SavedId,
    },
    /// Deletes a partner with its scores, check-ins and assignments (after the confirm step).
    Delete { id: i64 },
    /// Records (or replaces) one criterion's assessment with its evidence.
    Score {
        partner: i64,
        criterion: i64,
        /// For the status line.
        criterion_name: String,
        assessment: Assessment,
        evidence: String,
        /// ISO date.
        scored_on: Option<String>,
    },
    /// Sets one checklist item's status, date and note.
    ChecklistItem {
        partner: i64,
        item: i64,
        status: ItemStatus,
        on: Date,
        note: String,
    },
    /// `Space` on a checklist item: done ↔ pending.
    ToggleChecklistItem { partner: i64, item: i64, on: Date },
    /// Logs a check-in, and with it what it says of one of the partner's milestones.
    Checkin {
        partner: i64,
        held_on: Date,
        summary: String,
        progress: Option<(i64, MilestoneProgress)>,
    },
    /// Adds a joint goal to `partner`'s plan (`id: None`) or changes one.
    SaveJointGoal {
        partner: i64,
        id: Option<i64>,
        draft: Box<JointGoalDraft>,
    },
    SaveCommitment {
        partner: i64,
        id: Option<i64>,
        draft: CommitmentDraft,
    },
    SaveMilestone {
        partner: i64,
        id: Option<i64>,
        draft: MilestoneDraft,
    },
    /// Deletes a joint goal, commitment or milestone (after the confirm step).
    DeleteJoint { table: &'static str, id: i64 },
    /// Adds a selection criterion (`id: None`) or changes one.
    SaveCriterion {
        id: Option<i64>,
        draft: CriterionDraft,
    },
    /// Deletes a criterion with its scores (after the confirm step).
    DeleteCriterion { id: i64 },
    /// Swaps a criterion with its neighbour above or below.
    MoveCriterion { id: i64, up: bool },
    /// Adds an onboarding checklist item (`id: None`) or changes one.
    SaveChecklistItem { id: Option<i64>, draft: ItemDraft },
    /// Deletes a checklist item with the partners' statuses for it (after the confirm step).
    DeleteChecklistItem { id: i64 },
    /// Swaps a checklist item with its neighbour above or below.
    MoveChecklistItem { id: i64, up: bool },
    /// Gives a criterion a partner type's own weight and gate (an empty setting: every type's).
    CriterionForType {
        id: i64,
        name: String,
        kind: String,
        setting: TypeSetting,
    },
    /// Puts a checklist item in or out of a partner type's checklist.
    ToggleItemForType { id: i64, kind: String },
    /// Adds an onboarding checklist item to one partner type's checklist only.
    AddChecklistItemForType { draft: ItemDraft, kind: String },
    /// Adds a word to one of the workbook's choice lists.
    AddWord { kind: VocabularyKind, word: String },
    /// Removes a word the user added to a list (after the confirm step); partners keep it.
    RemoveWord { kind: VocabularyKind, word: String },
}

impl PartnerEdit {
    /// Whether the edit reworks the cached figures of a whole type or the whole roster (a
    /// criterion, a type's programme, a checklist item), not of one partner.
    pub fn reworks_roster(&self) -> bool {
        matches!(
            self,
            PartnerEdit::SaveCriterion { .. }
                | PartnerEdit::DeleteCriterion { .. }
                | PartnerEdit::MoveCriterion { .. }
                | PartnerEdit::SaveChecklistItem { .. }
                | PartnerEdit::AddChecklistItemForType { .. }
                | PartnerEdit::DeleteChecklistItem { .. }
                | PartnerEdit::MoveChecklistItem { .. }
                | PartnerEdit::CriterionForType { .. }
                | PartnerEdit::ToggleItemForType { .. }
        )
    }

    /// The delete a confirmed question stands for, when it is one of these edits.
    pub fn confirmed(action: &ConfirmAction) -> Option<PartnerEdit> {
        match action {
            ConfirmAction::DeletePartner { id, .. } => Some(PartnerEdit::Delete { id: *id }),
            ConfirmAction::DeleteJoint { table, id, .. } => {
                Some(PartnerEdit::DeleteJoint { table, id: *id })
            }
            ConfirmAction::DeleteCriterion { id, .. } => {
                Some(PartnerEdit::DeleteCriterion { id: *id })
            }
            ConfirmAction::DeleteChecklistItem { id, .. } => {
                Some(PartnerEdit::DeleteChecklistItem { id: *id })
            }
            ConfirmAction::RemoveWord { kind, word, .. } => Some(PartnerEdit::RemoveWord {
                kind: *kind,
                word: word.clone(),
            }),
            _ => None,
        }
    }

    /// Writes the edit; the answer says what changed.
    pub fn apply(&self, wb: &mut Workbook) -> Result<String> {
        match self {
            PartnerEdit::Save { id, draft, saved } => {
                let id = match id {
                    Some(id) => wb.update_partner(*id, draft).map(|()| *id)?,
                    None => wb.add_partner(draft)?,
                };
                saved.0.set(Some(id));
                Ok(format!("Saved {}.", draft.normalised().name))
            }
            PartnerEdit::Delete { id } => {
                let name = wb.delete_partner(*id)?;
                Ok(format!("Deleted {name}. ‹undo› brings it back."))
            }
            PartnerEdit::Score {
                partner,
                criterion,
                criterion_name,
                assessment,
                evidence,
                scored_on,
            } => {
                wb.set_score(
                    *partner,
                    *criterion,
                    *assessment,
                    evidence,
                    scored_on.as_deref(),
                )?;
                let value = match assessment {
                    Assessment::Score(n) => n.to_string(),
                    Assessment::Gate(true) => "pass".into(),
                    Assessment::Gate(false) => "fail".into(),
                };
                Ok(format!("Scored {criterion_name}: {value}."))
            }
            PartnerEdit::ChecklistItem {
                partner,
                item,
                status,
                on,
                note,
            } => {
                wb.set_checklist_item(*partner, *item, *status, *on, note)?;
                Ok(format!("Marked {}.", status.word()))
            }
            PartnerEdit::ToggleChecklistItem { partner, item, on } => {
                let status = wb.toggle_checklist_item(*partner, *item, *on)?;
                Ok(format!("Marked {}.", status.word()))
            }
            PartnerEdit::Checkin {
                partner,
                held_on,
                summary,
                progress,
            } => {
                wb.add_checkin_with_progress(*partner, *held_on, summary, progress.clone())?;
                Ok(match progress {
                    Some((_, MilestoneProgress::Done(_))) => {
                        "Check-in logged; the milestone is marked done.".into()
                    }
                    Some((_, MilestoneProgress::Moved(to))) => {
                        format!("Check-in logged; the milestone is now due {to}.")
                    }
                    None => "Check-in logged.".into(),
                })
            }
            PartnerEdit::SaveJointGoal { partner, id, draft } => {
                match id {
                    Some(id) => wb.update_joint_goal(*id, draft)?,
                    None => {
                        wb.add_joint_goal(*partner, draft)?;
                    }
                }
                Ok(format!("Saved joint goal {}.", draft.title.trim()))
            }
            PartnerEdit::SaveCommitment { partner, id, draft } => {
                wb.save_commitment(*partner, *id, draft)?;
                Ok(format!("Saved commitment {}.", draft.what.trim()))
            }
            PartnerEdit::SaveMilestone { partner, id, draft } => {
                wb.save_milestone(*partner, *id, draft)?;
                Ok(format!("Saved milestone {}.", draft.title.trim()))
            }
            PartnerEdit::DeleteJoint { table, id } => {
                let name = wb.delete_joint(table, *id)?;
                Ok(format!(
                    "Deleted {name} from the joint plan (‹undo› undoes it)."
                ))
            }
            PartnerEdit::SaveCriterion { id, draft } => {
                match id {
                    Some(id) => wb.update_criterion(*id, draft)?,
                    None => {
                        wb.add_criterion(draft)?;
                    }
                }
                Ok(format!(
                    "Saved criterion {}; every partner's fit is up to date.",
                    draft.name.trim()
                ))
            }
            PartnerEdit::DeleteCriterion { id } => {
                let name = wb.delete_criterion(*id)?;
                Ok(format!(
                    "Deleted criterion {name} and its scores (‹undo› undoes it)."
                ))
            }
            PartnerEdit::MoveCriterion { id, up } => Ok(if wb.move_criterion(*id, *up)? {
                "Moved the criterion.".into()
            } else {
                "The criterion is already at the end.".into()
            }),
            PartnerEdit::SaveChecklistItem { id, draft } => {
                match id {
                    Some(id) => wb.update_onboarding_item(*id, draft)?,
                    None => {
                        wb.add_onboarding_item(draft)?;
                    }
                }
                Ok(format!(
                    "Saved checklist item {}; every partner's checklist shows it.",
                    draft.title.trim()
                ))
            }
            PartnerEdit::AddChecklistItemForType { draft, kind } => {
                wb.add_onboarding_item_for(draft, Some(kind))?;
                Ok(format!(
                    "Added checklist item {} to the checklist of {kind} only; Space on it in \
                     another type's checklist adds it there too.",
                    draft.title.trim()
                ))
            }
            PartnerEdit::DeleteChecklistItem { id } => {
                let title = wb.delete_onboarding_item(*id)?;
                Ok(format!(
                    "Deleted checklist item {title} and its statuses (‹undo› undoes it)."
                ))
            }
            PartnerEdit::MoveChecklistItem { id, up } => {
                Ok(if wb.move_onboarding_item(*id, *up)? {
                    "Moved the checklist item.".into()
                } else {
                    "The checklist item is already at the end.".into()
                })
            }
            PartnerEdit::CriterionForType {
                id,
                name,
                kind,
                setting,
            } => {
                wb.set_criterion_for_type(*id, kind, *setting)?;
                Ok(if setting.is_empty() {
                    format!(
                        "{name} weighs for {kind} as for every type; the fit of its partners is up to date."
                    )
                } else {
                    format!(
                        "{name} has {kind}'s own weight now; the fit of its partners is up to date."
                    )
                })
            }
            PartnerEdit::ToggleItemForType { id, kind } => {
                let reach = wb.toggle_item_for_type(*id, kind)?;
                Ok(if reach.includes(kind) {
                    format!(
                        "The item is in the {kind} checklist; it is for {}.",
                        reach.label()
                    )
                } else {
                    format!(
                        "The item is out of the {kind} checklist; it is for {}.",
                        reach.label()
                    )
                })
            }
            PartnerEdit::AddWord { kind, word } => {
                let word = wb.add_term(*kind, word)?;
                Ok(format!(
                    "Added \"{word}\" to the {} list (‹undo› undoes it).",
                    kind.word()
                ))
            }
            PartnerEdit::RemoveWord { kind, word } => {
                wb.remove_term(*kind, word)?;
                Ok(format!(
                    "Removed \"{word}\" from the {} list (‹undo› undoes it).",
                    kind.word()
                ))
            }
        }
    }
}
