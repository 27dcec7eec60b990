//! The Strategy tab's sections, in the order of the method: each with its title, the key action
//! that shows it, the Guide's screen that sends the user to it, and where its keys go.

use crate::plan::framework::Screen;
use crate::tui::action::Action;
use crate::tui::keymap::Context;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum Section {
    #[default]
    Mission,
    CoreElements,
    ValueProposition,
    Model,
    Goals,
    Resources,
    Governance,
    Forums,
    Protocols,
    Future,
}

impl Section {
    pub const ALL: [Section; 10] = [
        Section::Mission,
        Section::CoreElements,
        Section::ValueProposition,
        Section::Model,
        Section::Goals,
        Section::Resources,
        Section::Governance,
        Section::Forums,
        Section::Protocols,
        Section::Future,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Section::Mission => "Mission and vision",
            Section::CoreElements => "Core elements",
            Section::ValueProposition => "Value proposition",
            Section::Model => "Model decision aid",
            Section::Goals => "Goals",
            Section::Resources => "Resources",
            Section::Governance => "Governance rules",
            Section::Forums => "Governance forums",
            Section::Protocols => "Data sharing",
            Section::Future => "Future: trend radar",
        }
    }

    /// The one word the section row shows on a narrow terminal.
    pub fn short(self) -> &'static str {
        match self {
            Section::Mission => "Mission",
            Section::CoreElements => "Core",
            Section::ValueProposition => "Value",
            Section::Model => "Model",
            Section::Goals => "Goals",
            Section::Resources => "Resources",
            Section::Governance => "Governance",
            Section::Forums => "Forums",
            Section::Protocols => "Data sharing",
            Section::Future => "Future",
        }
    }

    /// How the section is remembered between sessions.
    pub fn word(self) -> &'static str {
        self.screen().word()
    }

    pub fn from_word(word: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.word() == word)
    }

    /// The action whose key (and palette entry) shows the section.
    pub fn action(self) -> Action {
        match self {
            Section::Mission => Action::Mission,
            Section::CoreElements => Action::CoreElements,
            Section::ValueProposition => Action::ValueProposition,
            Section::Model => Action::ModelAid,
            Section::Goals => Action::Goals,
            Section::Resources => Action::Resources,
            Section::Governance => Action::Governance,
            Section::Forums => Action::Forums,
            Section::Protocols => Action::Protocols,
            Section::Future => Action::Future,
        }
    }

    pub fn from_action(action: Action) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.action() == action)
    }

    pub fn screen(self) -> Screen {
        match self {
            Section::Mission => Screen::Mission,
            Section::CoreElements => Screen::CoreElements,
            Section::ValueProposition => Screen::ValueProposition,
            Section::Model => Screen::ModelAid,
            Section::Goals => Screen::Goals,
            Section::Resources => Screen::Resources,
            Section::Governance => Screen::Governance,
            Section::Forums => Screen::Forums,
            Section::Protocols => Screen::Protocols,
            Section::Future => Screen::Future,
        }
    }

    pub fn from_screen(screen: Screen) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.screen() == screen)
    }

    /// Where keys go while the section shows (no form or picker open).
    pub fn context(self) -> Context {
        match self {
            Section::Mission | Section::CoreElements | Section::ValueProposition => {
                Context::Strategy
            }
            Section::Model => Context::StrategyAid,
            Section::Goals | Section::Resources | Section::Governance | Section::Protocols => {
                Context::StrategyList
            }
            Section::Forums => Context::StrategyForums,
            Section::Future => Context::Trends,
        }
    }

    /// The next (`forward`) or previous section, wrapping round.
    pub fn step(self, forward: bool) -> Section {
        let count = Section::ALL.len();
        let index = Section::ALL.iter().position(|s| *s == self).unwrap_or(0);
        let next = if forward {
            (index + 1) % count
        } else {
            (index + count - 1) % count
        };
        Section::ALL[next]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_round_trip_through_words_actions_and_screens() {
        for section in Section::ALL {
            assert_eq!(Section::from_word(section.word()), Some(section));
            assert_eq!(Section::from_action(section.action()), Some(section));
            assert_eq!(Section::from_screen(section.screen()), Some(section));
        }
        assert_eq!(Section::Governance.step(true), Section::Forums);
        assert_eq!(Section::Future.step(true), Section::Mission);
        assert_eq!(Section::Mission.step(false), Section::Future);
        assert_eq!(Section::from_screen(Screen::Partners), None);
    }
}
