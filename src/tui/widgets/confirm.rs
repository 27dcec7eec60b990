//! The y/n question before a destructive action. It is only reached through a typed step: a tab
//! asks with a `ConfirmAction`, and only the user's `y` turns it into the action being run.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};

use super::{centered, popup_block};
use crate::plan::vocabulary::VocabularyKind;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;

/// An action that waits for a "yes".
#[derive(Debug, Clone, PartialEq)]
pub enum ConfirmAction {
    /// A value that is allowed but unlikely (`plan::plausible`): `question` says what looks
    /// wrong; a "yes" runs `then`, the edit the form made; a "no" leaves the form as it was.
    SaveAnyway {
        question: String,
        then: Box<crate::tui::intent::Intent>,
    },
    DeletePartner {
        id: i64,
        name: String,
    },
    DeleteCriterion {
        id: i64,
        name: String,
    },
    /// A joint goal, commitment or milestone (`table` says which); `what` names it.
    DeleteJoint {
        table: &'static str,
        id: i64,
        what: String,
    },
    /// `partners`: how many partners have a status recorded for the item.
    DeleteChecklistItem {
        id: i64,
        title: String,
        partners: i64,
    },
    /// A word the user added to a list; `partners`: how many partners keep it.
    RemoveWord {
        kind: VocabularyKind,
        word: String,
        partners: i64,
    },
    /// A role with its assignments; its sub-roles move up to its parent.
    DeleteRole {
        id: i64,
        name: String,
        children: usize,
        assignments: usize,
    },
    /// A link between two partners ("Brightrail → Nimbus (integrates with)").
    DeleteLink {
        id: i64,
        label: String,
    },
    /// A joint offering with its members.
    DeleteOffering {
        id: i64,
        name: String,
        members: usize,
    },
    /// A member of an offering ("Nimbus Forge Cloud in Predictive Maintenance Suite").
    DeleteMember {
        id: i64,
        label: String,
    },
    /// A saved what-if scenario (Overview tab).
    DeleteScenario {
        id: i64,
        name: String,
    },
    DeleteRisk {
        id: i64,
        code: String,
        title: String,
    },
    /// Saving a risk whose residual score is above its inherent one.
    ResidualAboveInherent {
        inherent: i64,
        residual: i64,
    },
    DiscardChanges,
    // Metrics tab
    DeleteKpi {
        id: i64,
        name: String,
        measurements: usize,
    },
    DeleteMeasurement {
        id: i64,
        /// "12.5 on 2026-01-31 (Partner NPS)".
        what: String,
    },
    DeleteInvestment {
        id: i64,
        item: String,
    },
    DeleteValueEntry {
        id: i64,
        description: String,
    },
    // Strategy tab
    DeleteGoal {
        id: i64,
        title: String,
    },
    DeleteResource {
        id: i64,
        name: String,
    },
    /// `rule`: the rule's first line.
    DeleteGovernanceRule {
        id: i64,
        rule: String,
    },
    /// `members`: how many partners and roles sit in it; `rules`: how many rules it decides.
    DeleteForum {
        id: i64,
        name: String,
        members: usize,
        rules: usize,
    },
    /// `recipients`: how many partners and roles it shares with.
    DeleteProtocol {
        id: i64,
        item: String,
        recipients: usize,
    },
    /// `actions`: how many adaptability actions go with it.
    DeleteTrend {
        id: i64,
        name: String,
        actions: usize,
    },
    DeleteTrendAction {
        id: i64,
        title: String,
    },
}

impl ConfirmAction {
    pub fn question(&self) -> String {
        match self {
            ConfirmAction::DeletePartner { name, .. } => {
                format!(
                    "Delete partner \"{name}\" with its scores, check-ins and role assignments? (‹undo› undoes it)"
                )
            }
            ConfirmAction::DeleteLink { label, .. } => {
                format!("Delete the link {label}? (u undoes it)")
            }
            ConfirmAction::DeleteOffering { name, members, .. } => format!(
                "Delete the offering \"{name}\" with its {}? (u undoes it)",
                crate::plan::numbers::count_of(*members, "member", "members")
            ),
            ConfirmAction::DeleteMember { label, .. } => {
                format!("Remove {label}? (u undoes it)")
            }
            ConfirmAction::DeleteJoint { what, .. } => {
                format!("Delete {what} from the joint plan? (‹undo› undoes it)")
            }
            ConfirmAction::DeleteCriterion { name, .. } => format!(
                "Delete criterion \"{name}\" and every partner's score on it? Fits are recomputed. (‹undo› undoes it)"
            ),
            ConfirmAction::DeleteChecklistItem {
                title, partners, ..
            } => {
                let who = match partners {
                    0 => "No partner has a status recorded for it".to_string(),
                    1 => "1 partner has a status recorded for it; it goes too".to_string(),
                    n => format!("{n} partners have a status recorded for it; they go too"),
                };
                format!("Delete checklist item \"{title}\"? {who}. (‹undo› undoes it)")
            }
            ConfirmAction::RemoveWord {
                kind,
                word,
                partners,
            } => {
                let (one, many) = kind.holders();
                let who = match partners {
                    0 => format!("No {one} uses it"),
                    1 => format!("1 {one} keeps \"{word}\"; it will show as not in the list"),
                    n => format!("{n} {many} keep \"{word}\"; it will show as not in the list"),
                };
                format!(
                    "Remove \"{word}\" from the {} list? {who}. (‹undo› undoes it)",
                    kind.word()
                )
            }
            ConfirmAction::DeleteRole {
                name,
                children,
                assignments,
                ..
            } => {
                let mut text = format!("Delete role \"{name}\"");
                if *assignments > 0 {
                    text.push_str(&format!(
                        " and its {}",
                        crate::plan::numbers::count_of(*assignments, "assignment", "assignments")
                    ));
                }
                text.push('?');
                match children {
                    0 => {}
                    1 => text.push_str(" Its sub-role moves up a level."),
                    n => text.push_str(&format!(" Its {n} sub-roles move up a level.")),
                }
                text.push_str(" (‹undo› undoes it)");
                text
            }
            ConfirmAction::DeleteScenario { name, .. } => format!(
                "Delete the scenario \"{name}\"? The plan itself does not change. (‹undo› undoes it)"
            ),
            ConfirmAction::DeleteRisk { code, title, .. } => format!(
                "Delete risk {code} \"{title}\" with its mitigations and score history? (‹undo› undoes it)"
            ),
            ConfirmAction::SaveAnyway { question, .. } => question.clone(),
            ConfirmAction::ResidualAboveInherent { inherent, residual } => format!(
                "The residual score ({residual}) is above the inherent one ({inherent}): the \
                 treatment makes it worse. Save it anyway? It needs a note saying why."
            ),
            ConfirmAction::DiscardChanges => "Discard the changes in this form?".into(),
            // Metrics tab
            ConfirmAction::DeleteKpi {
                name, measurements, ..
            } => match measurements {
                0 => format!("Delete KPI \"{name}\"? (‹undo› undoes it)"),
                n => format!(
                    "Delete KPI \"{name}\" and its {}? (‹undo› undoes it)",
                    crate::plan::numbers::count_of(*n, "measurement", "measurements")
                ),
            },
            ConfirmAction::DeleteMeasurement { what, .. } => {
                format!("Delete the measurement {what}? (‹undo› undoes it)")
            }
            ConfirmAction::DeleteInvestment { item, .. } => {
                format!("Delete the investment \"{item}\"? (‹undo› undoes it)")
            }
            ConfirmAction::DeleteValueEntry { description, .. } => {
                format!("Delete the value entry \"{description}\"? (‹undo› undoes it)")
            }
            // Strategy tab
            ConfirmAction::DeleteGoal { title, .. } => {
                format!(
                    "Delete goal \"{title}\"? KPIs linked to it stay, unlinked. (‹undo› undoes it)"
                )
            }
            ConfirmAction::DeleteTrend { name, actions, .. } => {
                let with = match actions {
                    0 => String::new(),
                    1 => " with its 1 action".to_string(),
                    n => format!(" with its {n} actions"),
                };
                format!("Delete trend \"{name}\"{with}? (‹undo› undoes it)")
            }
            ConfirmAction::DeleteTrendAction { title, .. } => {
                format!("Delete action \"{title}\"? (‹undo› undoes it)")
            }
            ConfirmAction::DeleteResource { name, .. } => {
                format!("Delete resource \"{name}\"? (‹undo› undoes it)")
            }
            ConfirmAction::DeleteGovernanceRule { rule, .. } => {
                format!("Delete the governance rule \"{rule}\"? (‹undo› undoes it)")
            }
            ConfirmAction::DeleteForum {
                name,
                members,
                rules,
                ..
            } => {
                let rules = match rules {
                    0 => String::new(),
                    1 => "; the 1 rule decided in it stays, unlinked".to_string(),
                    n => format!("; the {n} rules decided in it stay, unlinked"),
                };
                format!(
                    "Delete the forum \"{name}\" and its {}{rules}? (‹undo› undoes it)",
                    crate::plan::numbers::count_of(*members, "member", "members")
                )
            }
            ConfirmAction::DeleteProtocol {
                item, recipients, ..
            } => {
                let with = match recipients {
                    0 => String::new(),
                    1 => " and whom it shares with (1 recipient)".to_string(),
                    n => format!(" and whom it shares with ({n} recipients)"),
                };
                format!("Delete the protocol for \"{item}\"{with}? (‹undo› undoes it)")
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ConfirmDialog {
    pub action: ConfirmAction,
}

impl ConfirmDialog {
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        let popup = centered(area, 60, 7);
        Clear.render(popup, buf);
        let block = popup_block("Confirm", theme);
        let inner = block.inner(popup);
        block.render(popup, buf);
        let text = vec![
            Line::from(clean(&keymap.spell(&self.action.question())).into_owned()),
            Line::default(),
            answer_keys(theme, keymap),
        ];
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .render(inner, buf);
    }
}

/// The keys that answer a y/n question, from the keymap (also under the export popup's questions).
pub fn answer_keys<'a>(theme: &Theme, keymap: &Keymap) -> Line<'a> {
    let mut answers = Vec::new();
    for binding in keymap
        .bindings(Context::Confirm)
        .into_iter()
        .filter(|b| b.hint)
    {
        answers.push(Span::styled(binding.keys_label(), theme.key));
        answers.push(Span::styled(
            format!(" {}   ", binding.action.description()),
            theme.hint,
        ));
    }
    Line::from(answers)
}
