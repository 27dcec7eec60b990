//! The hint bar's entries for a context, most important first: the view's own verbs (those
//! marked for the bar first, its moves last), help, then the app-wide ones. Families of one verb (the moves,
//! 1–5, the tab numbers) and two keys of one verb share an entry.

use super::{Binding, Context, Keymap};
use crate::tui::action::Action;

/// One entry of the hint bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    /// The actions the entry stands for (one, or a family such as up and down).
    pub actions: Vec<Action>,
    pub keys: String,
    pub text: String,
}

impl Hint {
    /// " k/j move" as the bar shows it (the key stands out by its style, so one space parts
    /// one entry from the next).
    pub fn width(&self) -> usize {
        use unicode_width::UnicodeWidthStr;
        self.keys.width() + self.text.width() + 2
    }
}

/// Actions that share one entry, with the entry's words.
fn family(action: Action) -> Option<(u8, &'static str)> {
    Some(match action {
        Action::Up
        | Action::Down
        | Action::Top
        | Action::Bottom
        | Action::PageUp
        | Action::PageDown => (0, "move"),
        Action::SortNext | Action::SortReverse => (1, "sort"),
        Action::GoToTab(_) => (3, "tabs"),
        Action::NextTab | Action::PreviousTab => (4, "switch tab"),
        Action::Score(_) => (5, "score 1–5"),
        Action::NextPartner | Action::PreviousPartner => (6, "next/previous partner"),
        Action::NextProgramme | Action::PreviousProgramme => (9, "type"),
        Action::NextField | Action::PreviousField => (7, "fields"),
        Action::NextSection | Action::PreviousSection => (8, "sections"),
        _ => return None,
    })
}

/// Whether `action` in `context` acts on the selected record, criterion, item or matrix cell
/// (so it does nothing while the list or matrix is empty). Inside a partner's scores,
/// checklist or check-ins the keys that show another of them act on the partner, who is there.
pub fn needs_selection(action: Action, context: Context) -> bool {
    let partner_view = matches!(
        context,
        Context::Scores | Context::Checklist | Context::Checkins | Context::JointPlan
    );
    if partner_view
        && matches!(
            action,
            Action::Scores | Action::Checklist | Action::Checkins | Action::JointPlan
        )
    {
        return false;
    }
    matches!(
        action,
        Action::Edit
            | Action::Open
            | Action::Delete
            | Action::Scores
            | Action::Checklist
            | Action::Checkins
            | Action::JointPlan
            | Action::MoveUp
            | Action::MoveDown
            | Action::MoveRole
            | Action::Score(_)
            | Action::Pass
            | Action::Fail
            | Action::Toggle
            | Action::Skip
            | Action::Block
            | Action::SetLead
            | Action::SetBackup
            | Action::SetCandidate
            | Action::ClearCell
            | Action::Note
            | Action::WriteAgenda
    )
}

/// Short words for actions whose own hint is a whole sentence.
fn short(action: Action, context: Context) -> String {
    let text = match (action, context) {
        (Action::Open, Context::List) => "edit",
        (Action::Toggle, Context::List) => "toggle",
        (Action::SortReverse, _) => "reverse sort",
        (Action::Facets, _) => "facets",
        (Action::DueSoon, Context::List) => "due soon",
        (Action::AddWord, _) => "add word",
        // The roster's bar holds every verb at 200 columns only with these two short.
        (Action::WordLists, Context::List) => "words",
        (Action::JointPlan, Context::List) => "joint",
        (Action::ForceQuit, _) => "quit now",
        (Action::Redo, _) => "redo",
        (Action::Export, _) => "export",
        (Action::Import, _) => "import",
        (Action::Quit, _) => "quit",
        (Action::FirstColumn, _) => "first role",
        (Action::LastColumn, _) => "last role",
        (Action::Delete, Context::List) => "delete",
        (Action::Mission, _) => "mission",
        (Action::CoreElements, _) => "core",
        (Action::ValueProposition, _) => "value",
        (Action::ModelAid, _) => "model",
        (Action::Goals, _) => "goals",
        (Action::Resources, _) => "resources",
        (Action::Governance, _) => "governance",
        (Action::Protocols, _) => "data sharing",
        (Action::Forums, _) => "forums",
        (Action::Future, _) => "future",
        (Action::Snapshots, _) => "snapshots",
        (Action::Choose, _) => "choose",
        (Action::Back, _) => "back",
        _ => return action.hint(context),
    };
    text.to_string()
}

impl Keymap {
    /// The hint bar of `context`, most important first (see the module's note).
    pub fn hint_bar(&self, context: Context) -> Vec<Hint> {
        let bindings = self.bindings(context);
        let own = |b: &&Binding| b.context == context || context == Context::Global;
        let app_wide = |b: &&Binding| !own(b);
        let mut ordered: Vec<&Binding> = Vec::new();
        // A global key the context binds to something else is not the global action here.
        let shadowed = |b: &&Binding| {
            app_wide(b)
                && bindings
                    .iter()
                    .any(|o| own(o) && o.keys.iter().any(|k| b.keys.first() == Some(k)))
        };
        let moves = |b: &&Binding| family(b.action).is_some_and(|f| f.0 == 0);
        ordered.extend(bindings.iter().filter(|b| own(b) && b.hint));
        ordered.extend(bindings.iter().filter(|b| own(b) && !b.hint && !moves(b)));
        ordered.extend(bindings.iter().filter(|b| own(b) && !b.hint && moves(b)));
        ordered.extend(bindings.iter().filter(|b| b.action == Action::Help));
        ordered.extend(bindings.iter().filter(|b| app_wide(b) && b.hint));
        ordered.extend(
            bindings
                .iter()
                .filter(|b| app_wide(b) && !b.hint && !shadowed(b)),
        );
        let mut hints: Vec<Hint> = Vec::new();
        for binding in ordered {
            // A context's own binding hides the global one of the same action (and key).
            if hints.iter().any(|h| h.actions.contains(&binding.action)) {
                continue;
            }
            let key = binding
                .keys
                .first()
                .map(super::Key::label)
                .unwrap_or_default();
            // A context's own word for one of a family ("↓ format") keeps it apart.
            let grouped = family(binding.action)
                .filter(|_| binding.action.hint(context) == binding.action.hint(Context::Global));
            let Some((id, text)) = grouped else {
                let text = short(binding.action, context);
                // Two keys of one verb ("e" and "Enter" both edit) share an entry.
                match hints.iter_mut().find(|h| h.text == text) {
                    Some(hint) => {
                        hint.actions.push(binding.action);
                        hint.keys = joined(&hint.keys, &key);
                    }
                    None => hints.push(Hint {
                        actions: vec![binding.action],
                        keys: key,
                        text,
                    }),
                }
                continue;
            };
            match hints.iter_mut().find(|h| {
                h.text == text
                    && h.actions.first().and_then(|a| family(*a)).map(|f| f.0) == Some(id)
            }) {
                Some(hint) => {
                    hint.actions.push(binding.action);
                    hint.keys = joined(&hint.keys, &key);
                }
                None => hints.push(Hint {
                    actions: vec![binding.action],
                    keys: key,
                    text: text.to_string(),
                }),
            }
        }
        hints
    }
}

/// The keys of a family: "k/j", and a run of digits as "1–5".
fn joined(keys: &str, key: &str) -> String {
    let digit = |s: &str| s.len() == 1 && s.chars().all(|c| c.is_ascii_digit());
    if digit(key) {
        if digit(keys) {
            return format!("{keys}–{key}");
        }
        if let Some((first, last)) = keys.split_once('–')
            && digit(first)
            && digit(last)
        {
            return format!("{first}–{key}");
        }
    }
    format!("{keys}/{key}")
}

/// The hints shown in `room` columns: the most important that fit, in their order; help is
/// always kept (when it fits at all).
pub fn fitted(hints: &[Hint], room: usize) -> Vec<&Hint> {
    let help = hints.iter().find(|h| h.actions.contains(&Action::Help));
    let mut used = help.map_or(0, Hint::width);
    let mut kept: Vec<&Hint> = Vec::new();
    for hint in hints {
        if Some(hint) == help {
            if used <= room {
                kept.push(hint);
            }
            continue;
        }
        if used + hint.width() <= room {
            used += hint.width();
            kept.push(hint);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_share_an_entry() {
        let hints = Keymap::default().hint_bar(Context::Scores);
        let score = hints.iter().find(|h| h.text == "score 1–5").unwrap();
        assert_eq!(score.keys, "1–5");
        assert_eq!(score.actions.len(), 5);
        let moves = hints.iter().find(|h| h.text == "move").unwrap();
        assert_eq!(moves.keys, "k/j/g/G");
        let tabs = Keymap::default().hint_bar(Context::List);
        assert!(
            tabs.iter().any(|h| h.keys == "1–7" && h.text == "tabs"),
            "{tabs:?}"
        );
    }

    #[test]
    fn every_action_of_every_context_fits_at_200_columns_and_help_always() {
        let map = Keymap::default();
        for context in Context::ALL {
            let hints = map.hint_bar(context);
            // The status line keeps its own room on the right (" saved ").
            let shown = fitted(&hints, 200 - 8);
            for binding in map.all().iter().filter(|b| b.context == context) {
                assert!(
                    shown.iter().any(|h| h.actions.contains(&binding.action)),
                    "{:?} in {} is not on a 200-column hint bar: {:?}",
                    binding.action,
                    context.name(),
                    shown
                        .iter()
                        .map(|h| format!("{} {}", h.keys, h.text))
                        .collect::<Vec<_>>()
                );
            }
            // At 80 columns: the view's first verb and help.
            let narrow = fitted(&hints, 80 - 8);
            if context.uses_global() {
                assert!(
                    narrow.iter().any(|h| h.actions.contains(&Action::Help)),
                    "{}",
                    context.name()
                );
            }
            assert_eq!(narrow.first().copied(), hints.first(), "{}", context.name());
        }
    }
}
