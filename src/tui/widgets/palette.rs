//! The `:` command palette: fuzzy search over every action, with its key, runs the chosen one.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::typed::{pasted_line, typed};
use super::{centered, popup_block};
use crate::tui::action::Action;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::sanitize::clean;
use crate::tui::tabs::TabId;
use crate::tui::theme::Theme;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Palette {
    pub query: String,
    pub selected: usize,
    /// The screen under the palette: it offers what that screen's keys can do.
    pub context: Context,
    /// The tab under the palette; the other tabs' commands go there first.
    pub tab: Option<TabId>,
}

impl Palette {
    pub fn over(context: Context, tab: TabId) -> Palette {
        Palette {
            context,
            tab: Some(tab),
            ..Palette::default()
        }
    }
}

/// What the other tabs offer from anywhere: (tab, its context, a section to open first, the
/// action, its words).
const ELSEWHERE: &[(TabId, Context, Option<Action>, Action, &str)] = &[
    (
        TabId::Guide,
        Context::Guide,
        None,
        Action::NextIncomplete,
        "guide: the next step still to do",
    ),
    (
        TabId::Strategy,
        Context::Strategy,
        None,
        Action::Mission,
        "strategy: mission and vision",
    ),
    (
        TabId::Strategy,
        Context::Strategy,
        None,
        Action::CoreElements,
        "strategy: rate the core elements",
    ),
    (
        TabId::Strategy,
        Context::Strategy,
        None,
        Action::ValueProposition,
        "strategy: value proposition",
    ),
    (
        TabId::Strategy,
        Context::Strategy,
        None,
        Action::ModelAid,
        "strategy: the channel-or-ecosystem decision aid",
    ),
    (
        TabId::Strategy,
        Context::StrategyList,
        Some(Action::Goals),
        Action::Add,
        "add a goal",
    ),
    (
        TabId::Strategy,
        Context::StrategyList,
        Some(Action::Resources),
        Action::Add,
        "add a resource",
    ),
    (
        TabId::Strategy,
        Context::StrategyList,
        Some(Action::Governance),
        Action::Add,
        "add a governance rule",
    ),
    (
        TabId::Strategy,
        Context::StrategyList,
        Some(Action::Protocols),
        Action::Add,
        "add a data-sharing protocol",
    ),
    (
        TabId::Strategy,
        Context::StrategyForums,
        Some(Action::Forums),
        Action::Add,
        "add a governance forum",
    ),
    (
        TabId::Partners,
        Context::List,
        None,
        Action::Add,
        "add a partner",
    ),
    (
        TabId::Partners,
        Context::List,
        None,
        Action::Ranking,
        "rank the candidates by fit",
    ),
    (
        TabId::Partners,
        Context::List,
        None,
        Action::Criteria,
        "edit the selection criteria and weights",
    ),
    (
        TabId::Partners,
        Context::List,
        None,
        Action::Template,
        "edit the onboarding checklist template",
    ),
    (
        TabId::Partners,
        Context::List,
        None,
        Action::WordLists,
        "partner word lists",
    ),
    (
        TabId::Roles,
        Context::Roles,
        None,
        Action::Add,
        "add a role",
    ),
    (
        TabId::Roles,
        Context::Roles,
        None,
        Action::ApplyTemplate,
        "add a sector template's roles",
    ),
    (
        TabId::Roles,
        Context::Roles,
        None,
        Action::Matrix,
        "the partner × role matrix",
    ),
    (
        TabId::Risks,
        Context::Risks,
        None,
        Action::Add,
        "add a risk",
    ),
    (
        TabId::Risks,
        Context::Risks,
        None,
        Action::HeatMap,
        "the risk heat map",
    ),
    (
        TabId::Risks,
        Context::Risks,
        None,
        Action::Suggestions,
        "risks the plan suggests",
    ),
    (
        TabId::Metrics,
        Context::Kpis,
        None,
        Action::Add,
        "add a KPI",
    ),
    (
        TabId::Metrics,
        Context::Kpis,
        None,
        Action::PickKpi,
        "add a KPI from the common ones",
    ),
    (
        TabId::Metrics,
        Context::Kpis,
        None,
        Action::Roi,
        "return on investment",
    ),
];

/// What the verbs of a list act on, to name it in the palette ("add a risk").
fn object(context: Context) -> Option<&'static str> {
    Some(match context {
        Context::List => "partner",
        Context::Risks => "risk",
        Context::Roles => "role",
        Context::Kpis => "KPI",
        Context::Criteria => "criterion",
        Context::Template => "checklist item",
        Context::WordLists => "word",
        Context::KpiDetail => "measurement",
        Context::Checkins => "check-in",
        _ => return None,
    })
}

/// The palette's words for `action` on the screen under it.
fn words(action: Action, context: Context) -> String {
    let noun = object(context);
    match (action, noun) {
        (Action::Add, Some(noun)) => format!("add {} {noun}", article(noun)),
        (Action::Edit, Some(noun)) => format!("edit the selected {noun}"),
        (Action::Delete, Some(noun)) => format!("delete the selected {noun}"),
        _ => action.description(),
    }
}

fn article(noun: &str) -> &'static str {
    match noun.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u' | 'K') => "an",
        _ => "a",
    }
}

/// An entry of the palette: the action, its words and its keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaletteEntry {
    pub action: Action,
    /// Another tab's command: the tab to go to, and the section to open there first.
    pub elsewhere: Option<(TabId, Option<Action>)>,
    pub text: String,
    pub keys: String,
}

/// Scores `query` as a subsequence of `text` (case-insensitive); higher is better. Consecutive
/// letters and letters at the start of words count more. `None` when it does not match.
pub fn fuzzy_score(query: &str, text: &str) -> Option<i64> {
    let text: Vec<char> = text.to_lowercase().chars().collect();
    let mut score = 0;
    let mut at = 0;
    let mut previous: Option<usize> = None;
    for q in query.to_lowercase().chars().filter(|c| !c.is_whitespace()) {
        let found = (at..text.len()).find(|&i| text[i] == q)?;
        score += 1;
        if previous == Some(found.wrapping_sub(1)) {
            score += 5;
        }
        if found == 0 || !text[found - 1].is_alphanumeric() {
            score += 3;
        }
        score -= (found - at) as i64 / 4;
        previous = Some(found);
        at = found + 1;
    }
    Some(score)
}

impl Palette {
    /// The actions matching the query, best first: the screen's own, then the other tabs'.
    pub fn entries(&self, keymap: &Keymap) -> Vec<PaletteEntry> {
        // The palette runs actions as if pressed on the screen under it, so it offers what that
        // screen can do, with the key that does it there.
        let available: Vec<Action> = keymap
            .bindings(self.context)
            .iter()
            .map(|b| b.action)
            .collect();
        let here = Action::ALL
            .iter()
            .filter(|action| available.contains(action))
            .map(|action| PaletteEntry {
                action: *action,
                elsewhere: None,
                text: words(*action, self.context),
                keys: keymap.keys_in(self.context, *action).unwrap_or_default(),
            });
        let elsewhere = ELSEWHERE
            .iter()
            .filter(|(tab, ..)| self.tab.is_some_and(|t| t != *tab))
            .map(|(tab, context, first, action, text)| PaletteEntry {
                action: *action,
                elsewhere: Some((*tab, *first)),
                text: (*text).to_string(),
                keys: format!(
                    "{} {}",
                    tab.title(),
                    keymap.keys_in(*context, *action).unwrap_or_default()
                ),
            });
        let mut scored: Vec<(i64, usize, PaletteEntry)> = here
            .chain(elsewhere)
            .enumerate()
            .filter_map(|(order, entry)| {
                let haystack = format!("{} {}", entry.text, entry.action.name());
                let score = fuzzy_score(&self.query, &haystack)?;
                Some((score, order, entry))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().map(|(_, _, entry)| entry).collect()
    }

    /// Edits the query; returns true if the key was text editing.
    pub fn edit(&mut self, key: &KeyEvent) -> bool {
        let Some(query) = typed(&self.query, key) else {
            return false;
        };
        self.query = query;
        self.selected = 0;
        true
    }

    pub fn paste(&mut self, text: &str) {
        self.query.push_str(&pasted_line(text));
        self.selected = 0;
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        let entries = self.entries(keymap);
        let popup = centered(area, 64, 16);
        Clear.render(popup, buf);
        let block = popup_block("Command palette", theme);
        let inner = block.inner(popup);
        block.render(popup, buf);
        if inner.height == 0 {
            return;
        }
        let prompt = Line::from(vec![
            Span::styled(": ", theme.key),
            Span::styled(clean(&self.query).into_owned(), theme.input),
            Span::styled("▏", theme.cursor),
        ]);
        Paragraph::new(prompt).render(Rect::new(inner.x, inner.y, inner.width, 1), buf);
        let rows = inner.height.saturating_sub(1) as usize;
        let start = self.selected.saturating_sub(rows.saturating_sub(1));
        if entries.is_empty() {
            let none = Line::styled("no action matches; Backspace to widen", theme.muted);
            Paragraph::new(none).render(Rect::new(inner.x, inner.y + 1, inner.width, 1), buf);
        }
        for (index, entry) in entries.iter().enumerate().skip(start).take(rows) {
            let style = if index == self.selected {
                theme.selected
            } else {
                theme.base
            };
            let keys_width = 14usize;
            let text_width = (inner.width as usize).saturating_sub(keys_width + 1);
            let line = Line::from(vec![
                Span::styled(format!("{:<text_width$.text_width$}", entry.text), style),
                Span::styled(
                    format!(" {:>keys_width$}", entry.keys),
                    theme.key.patch(style),
                ),
            ]);
            let y = inner.y + 1 + (index - start) as u16;
            Paragraph::new(line).render(Rect::new(inner.x, y, inner.width, 1), buf);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    #[test]
    fn fuzzy_matching_prefers_word_starts_and_runs() {
        let score = |query, text| fuzzy_score(query, text).unwrap();
        // The same letters at a word's start beat them inside a word …
        assert!(score("del", "delete the risk") > score("del", "model details"));
        // … and a run beats the same letters apart, even at word starts.
        assert!(score("add", "add a risk") > score("add", "a d d"));
        assert!(fuzzy_score("xyz", "delete").is_none());
        assert!(fuzzy_score("ut", "undo the last change").is_some());
        assert!(fuzzy_score("", "anything").is_some());
    }

    #[test]
    fn palette_lists_every_action_with_its_key_and_filters() {
        let keymap = Keymap::default();
        let mut palette = Palette::default();
        let listed: Vec<Action> = palette
            .entries(&keymap)
            .iter()
            .filter(|e| e.elsewhere.is_none())
            .map(|e| e.action)
            .collect();
        assert_eq!(listed.len(), keymap.bindings(Context::List).len());
        assert!(listed.contains(&Action::Delete) && listed.contains(&Action::GoToTab(7)));
        assert!(
            !listed.contains(&Action::Save),
            "form-only actions are not offered"
        );
        for c in "undo".chars() {
            palette.edit(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        let entries = palette.entries(&keymap);
        assert_eq!(entries[0].action, Action::Undo);
        assert_eq!(entries[0].keys, "u");
    }

    #[test]
    fn entries_name_their_object_and_reach_other_tabs() {
        let keymap = Keymap::default();
        let mut palette = Palette::over(Context::Guide, TabId::Guide);
        for c in "risk".chars() {
            palette.edit(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        let entries = palette.entries(&keymap);
        let add = entries.iter().find(|e| e.text == "add a risk").unwrap();
        assert_eq!(add.elsewhere, Some((TabId::Risks, None)));
        assert_eq!(add.keys, "Risks a");
        // The Guide's own commands show their keys.
        let guide = Palette::over(Context::Guide, TabId::Guide).entries(&keymap);
        let fix = guide.iter().find(|e| e.action == Action::FixIt).unwrap();
        assert_eq!(fix.keys, "Enter");
        let rules = guide
            .iter()
            .find(|e| e.text == "add a governance rule")
            .unwrap();
        assert_eq!(
            rules.elsewhere,
            Some((TabId::Strategy, Some(Action::Governance)))
        );
        // A list's verbs name what they act on.
        let risks = Palette::over(Context::Risks, TabId::Risks).entries(&keymap);
        assert!(
            risks
                .iter()
                .any(|e| e.text == "delete the selected risk" && e.keys == "d")
        );
        assert!(
            !risks
                .iter()
                .any(|e| e.text == "add a risk" && e.elsewhere.is_some())
        );
    }
}
