//! Everything a key, a click or the palette can ask the app to do, and each action's name in
//! config files; its words for people (hints, descriptions) are in `words.rs`.

mod words;

/// An action, named for config files (`[keys.list] delete = "x"`) and the palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    Quit,
    ForceQuit,
    /// Go back to the view a drill-down or jump left (the navigation stack).
    Back,
    Help,
    Palette,
    Undo,
    Redo,
    NextTab,
    PreviousTab,
    GoToTab(u8),
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    Filter,
    SortNext,
    SortReverse,
    Open,
    Add,
    Edit,
    Delete,
    Toggle,
    NextField,
    PreviousField,
    Choose,
    Save,
    Cancel,
    Confirm,
    Deny,
    /// Open the selected partner's scores against the selection criteria.
    Scores,
    /// Open the selected partner's onboarding checklist.
    Checklist,
    /// Open the selected partner's check-in log.
    Checkins,
    /// Open the ranking of candidates by fit.
    Ranking,
    /// Open the editor of the selection criteria.
    Criteria,
    /// Open the editor of the onboarding checklist template.
    Template,
    /// Open the selected partner's joint plan: joint goals, commitments, milestones.
    JointPlan,
    /// Move the selected criterion up or down the list.
    MoveUp,
    MoveDown,
    Facets,
    DueSoon,
    /// Add a word to one of the partner choice lists of this workbook.
    AddWord,
    /// Open the word lists: every list's words, the added ones removable.
    WordLists,
    /// Score the selected criterion 1–5.
    Score(u8),
    /// The same view (scores, checklist, check-ins) of the next or previous partner.
    NextPartner,
    PreviousPartner,
    /// The criteria or checklist of the next or previous partner type's programme.
    NextProgramme,
    PreviousProgramme,
    /// Give the selected criterion the shown type's own weight or gate.
    TypeWeight,
    /// Take the selected criterion back to every type's weight for the shown type.
    EveryTypeWeight,
    MoveRole,
    ApplyTemplate,
    Matrix,
    Left,
    Right,
    FirstColumn,
    LastColumn,
    SetLead,
    SetBackup,
    SetCandidate,
    ClearCell,
    Note,
    Stages,
    HeatMap,
    Suggestions,
    Movements,
    Pass,
    Fail,
    Skip,
    Block,
    // Guide tab
    /// Go where the selected step's first missing item is filled in.
    FixIt,
    /// Select the next step that is neither done nor set aside.
    NextIncomplete,
    /// Mark the step not applicable (asks the reason), or applicable again.
    NotApplicable,
    // Metrics tab
    /// Add a KPI from the pick-list of common ones.
    PickKpi,
    /// Open the ROI view with investments and the value log.
    Roi,
    /// Choose the period the ROI covers.
    Period,
    // Export and import (app-wide)
    /// Write the workbook, a register or the report to a file.
    Export,
    /// Bring a TOML workbook or a CSV of partners into this workbook.
    Import,
    /// Complete the typed path (again: list what it could be).
    Complete,
    // Strategy tab
    NextSection,
    PreviousSection,
    Mission,
    CoreElements,
    ValueProposition,
    ModelAid,
    Goals,
    Resources,
    Governance,
    Protocols,
    /// The governance forums and when they meet next.
    Forums,
    /// Write the selected forum's next meeting agenda next to the workbook.
    WriteAgenda,
    AnswerYes,
    AnswerNo,
    AnswerUnsure,
    ChooseModel,
    // Merge review
    /// Settle the selected conflict with our value.
    TakeOurs,
    /// Settle the selected conflict with their value.
    TakeTheirs,
    /// Settle every conflict of the selected record with our values.
    RecordOurs,
    /// Settle every conflict of the selected record with their values.
    RecordTheirs,
    /// Settle every conflict with our values.
    AllOurs,
    /// Settle every conflict with their values.
    AllTheirs,
    /// The snapshots kept in the workbook: keep one, see what changed since one, remove one.
    Snapshots,
    // Ecosystem view (Roles tab)
    /// Open the Ecosystem view: the network map, links and offerings.
    Ecosystem,
    ZoomIn,
    ZoomOut,
    /// Show the whole network (or neighbourhood) again.
    ZoomReset,
    PanLeft,
    PanRight,
    PanUp,
    PanDown,
    /// The joint offerings with their members, and the partner × offering matrix.
    Offerings,
    /// Add a member (a partner or the hub) to the selected offering.
    AddMember,
    // What-if scenarios (Overview tab)
    /// The what-if screen: saved scenarios and new ones (on a partner's line: it exits).
    WhatIf,
    /// Compare the selected scenario with another saved one, side by side.
    Compare,
    /// The Strategy tab's Future section: the trend radar.
    Future,
    /// The selected trend's adaptability actions.
    TrendActions,
}

impl Action {
    /// Every action the palette lists, in order.
    pub const ALL: &'static [Action] = &[
        Action::Add,
        Action::Edit,
        Action::Delete,
        Action::Open,
        Action::Filter,
        Action::SortNext,
        Action::SortReverse,
        Action::Toggle,
        Action::Scores,
        Action::Checklist,
        Action::Checkins,
        Action::Ranking,
        Action::Criteria,
        Action::Template,
        Action::NextProgramme,
        Action::PreviousProgramme,
        Action::TypeWeight,
        Action::EveryTypeWeight,
        Action::MoveUp,
        Action::MoveDown,
        Action::Facets,
        Action::DueSoon,
        Action::AddWord,
        Action::WordLists,
        Action::JointPlan,
        Action::Matrix,
        Action::Ecosystem,
        Action::ZoomIn,
        Action::ZoomOut,
        Action::ZoomReset,
        Action::PanLeft,
        Action::PanRight,
        Action::PanUp,
        Action::PanDown,
        Action::Offerings,
        Action::AddMember,
        Action::MoveRole,
        Action::ApplyTemplate,
        Action::SetLead,
        Action::SetBackup,
        Action::SetCandidate,
        Action::ClearCell,
        Action::Note,
        Action::Stages,
        Action::HeatMap,
        Action::Suggestions,
        Action::Movements,
        Action::Left,
        Action::Right,
        Action::FirstColumn,
        Action::LastColumn,
        Action::Score(1),
        Action::Score(2),
        Action::Score(3),
        Action::Score(4),
        Action::Score(5),
        Action::Pass,
        Action::Fail,
        Action::Skip,
        Action::Block,
        // Guide tab
        Action::FixIt,
        Action::NextIncomplete,
        Action::NotApplicable,
        // Metrics tab
        Action::PickKpi,
        Action::Roi,
        Action::Period,
        // Export and import
        Action::Export,
        Action::Import,
        Action::Complete,
        // Strategy tab
        Action::Mission,
        Action::CoreElements,
        Action::ValueProposition,
        Action::ModelAid,
        Action::Goals,
        Action::Resources,
        Action::Governance,
        Action::Protocols,
        Action::Forums,
        Action::WriteAgenda,
        Action::Future,
        Action::TrendActions,
        Action::NextSection,
        Action::PreviousSection,
        Action::AnswerYes,
        Action::AnswerNo,
        Action::AnswerUnsure,
        Action::ChooseModel,
        // Merge review
        Action::TakeOurs,
        Action::TakeTheirs,
        Action::RecordOurs,
        Action::RecordTheirs,
        Action::AllOurs,
        Action::AllTheirs,
        Action::Snapshots,
        Action::Undo,
        Action::Redo,
        Action::GoToTab(1),
        Action::GoToTab(2),
        Action::GoToTab(3),
        Action::GoToTab(4),
        Action::GoToTab(5),
        Action::GoToTab(6),
        Action::GoToTab(7),
        Action::NextTab,
        Action::PreviousTab,
        Action::Help,
        Action::Palette,
        Action::Up,
        Action::Down,
        Action::Top,
        Action::Bottom,
        Action::PageUp,
        Action::PageDown,
        Action::NextField,
        Action::PreviousField,
        Action::Choose,
        Action::Save,
        Action::Cancel,
        Action::Confirm,
        Action::Deny,
        Action::Quit,
        Action::ForceQuit,
        Action::Back,
        Action::NextPartner,
        Action::PreviousPartner,
        // What-if scenarios
        Action::WhatIf,
        Action::Compare,
    ];

    /// The name used in config files.
    pub fn name(self) -> String {
        match self {
            Action::GoToTab(n) => format!("tab-{n}"),
            Action::Score(n) => format!("score-{n}"),
            other => other.fixed_name().to_string(),
        }
    }

    fn fixed_name(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::ForceQuit => "force-quit",
            Action::Back => "back",
            Action::Help => "help",
            Action::Palette => "palette",
            Action::Undo => "undo",
            Action::Redo => "redo",
            Action::NextTab => "next-tab",
            Action::PreviousTab => "previous-tab",
            Action::GoToTab(_) => "tab",
            Action::Up => "up",
            Action::Down => "down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::PageUp => "page-up",
            Action::PageDown => "page-down",
            Action::Filter => "filter",
            Action::SortNext => "sort",
            Action::SortReverse => "reverse-sort",
            Action::Open => "open",
            Action::Add => "add",
            Action::Edit => "edit",
            Action::Delete => "delete",
            Action::Toggle => "toggle",
            Action::NextField => "next-field",
            Action::PreviousField => "previous-field",
            Action::Choose => "choose",
            Action::Save => "save",
            Action::Cancel => "cancel",
            Action::Confirm => "yes",
            Action::Deny => "no",
            Action::Scores => "scores",
            Action::Checklist => "checklist",
            Action::Checkins => "check-ins",
            Action::Ranking => "ranking",
            Action::Criteria => "criteria",
            Action::Template => "template",
            Action::AddWord => "add-word",
            Action::WordLists => "word-lists",
            Action::JointPlan => "joint-plan",
            Action::MoveUp => "move-up",
            Action::MoveDown => "move-down",
            Action::Facets => "facets",
            Action::DueSoon => "due-soon",
            Action::Score(_) => "score",
            Action::NextPartner => "next-partner",
            Action::PreviousPartner => "previous-partner",
            Action::NextProgramme => "next-type",
            Action::PreviousProgramme => "previous-type",
            Action::TypeWeight => "type-weight",
            Action::EveryTypeWeight => "every-type-weight",
            Action::MoveRole => "move-role",
            Action::Ecosystem => "ecosystem",
            Action::ZoomIn => "zoom-in",
            Action::ZoomOut => "zoom-out",
            Action::ZoomReset => "zoom-reset",
            Action::PanLeft => "pan-left",
            Action::PanRight => "pan-right",
            Action::PanUp => "pan-up",
            Action::PanDown => "pan-down",
            Action::Offerings => "offerings",
            Action::AddMember => "add-member",
            Action::Future => "future",
            Action::TrendActions => "trend-actions",
            Action::ApplyTemplate => "apply-template",
            Action::Matrix => "matrix",
            Action::Left => "left",
            Action::Right => "right",
            Action::FirstColumn => "first-column",
            Action::LastColumn => "last-column",
            Action::SetLead => "lead",
            Action::SetBackup => "backup",
            Action::SetCandidate => "candidate",
            Action::ClearCell => "clear",
            Action::Note => "note",
            Action::Stages => "stages",
            Action::HeatMap => "heat-map",
            Action::Suggestions => "suggestions",
            Action::Movements => "movements",
            Action::Pass => "pass",
            Action::Fail => "fail",
            Action::Skip => "skip",
            Action::Block => "block",
            // Merge review
            Action::TakeOurs => "take-ours",
            Action::TakeTheirs => "take-theirs",
            Action::RecordOurs => "record-ours",
            Action::RecordTheirs => "record-theirs",
            Action::AllOurs => "all-ours",
            Action::AllTheirs => "all-theirs",
            Action::Snapshots => "snapshots",
            // Guide tab
            Action::FixIt => "fix-it",
            Action::NextIncomplete => "next-to-do",
            Action::NotApplicable => "not-applicable",
            // Metrics tab
            Action::PickKpi => "pick-kpi",
            Action::Roi => "roi",
            Action::Period => "period",
            // Export and import
            Action::Export => "export",
            Action::Import => "import",
            Action::Complete => "complete",
            // Strategy tab
            Action::NextSection => "next-section",
            Action::PreviousSection => "previous-section",
            Action::Mission => "mission",
            Action::CoreElements => "core-elements",
            Action::ValueProposition => "value-proposition",
            Action::ModelAid => "model",
            Action::Goals => "goals",
            Action::Resources => "resources",
            Action::Governance => "governance",
            Action::Protocols => "protocols",
            Action::Forums => "forums",
            Action::WriteAgenda => "write-agenda",
            Action::AnswerYes => "answer-yes",
            Action::AnswerNo => "answer-no",
            Action::AnswerUnsure => "answer-unsure",
            Action::ChooseModel => "choose-model",
            // What-if scenarios
            Action::WhatIf => "what-if",
            Action::Compare => "compare",
        }
    }

    /// Whether the action changes the workbook (greyed in the hint bar of a read-only one).
    pub fn writes(self) -> bool {
        matches!(
            self,
            Action::Add
                | Action::Edit
                | Action::Delete
                | Action::Undo
                | Action::Redo
                | Action::Import
                | Action::Score(_)
                | Action::Pass
                | Action::Fail
                | Action::Skip
                | Action::Block
                | Action::MoveUp
                | Action::MoveDown
                | Action::MoveRole
                | Action::ApplyTemplate
                | Action::SetLead
                | Action::SetBackup
                | Action::SetCandidate
                | Action::ClearCell
                | Action::Note
                | Action::AnswerYes
                | Action::AnswerNo
                | Action::AnswerUnsure
                | Action::ChooseModel
                | Action::NotApplicable
                | Action::AddWord
                | Action::PickKpi
        )
    }

    /// Actions the app runs itself wherever global keys apply (the tab never sees them).
    pub fn is_app_wide(self) -> bool {
        matches!(
            self,
            Action::Quit
                | Action::ForceQuit
                | Action::Help
                | Action::Palette
                | Action::Undo
                | Action::Redo
                | Action::NextTab
                | Action::PreviousTab
                | Action::GoToTab(_)
                | Action::Export
                | Action::Import
                | Action::Snapshots
                | Action::Ecosystem
        )
    }

    pub fn from_name(name: &str) -> Option<Action> {
        if let Some(n) = name.strip_prefix("tab-") {
            return n
                .parse::<u8>()
                .ok()
                .filter(|n| (1..=7).contains(n))
                .map(Action::GoToTab);
        }
        if let Some(n) = name.strip_prefix("score-") {
            return n
                .parse::<u8>()
                .ok()
                .filter(|n| (1..=5).contains(n))
                .map(Action::Score);
        }
        Action::ALL
            .iter()
            .copied()
            .find(|a| !matches!(a, Action::GoToTab(_) | Action::Score(_)) && a.fixed_name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for action in Action::ALL {
            assert_eq!(
                Action::from_name(&action.name()),
                Some(*action),
                "{action:?}"
            );
        }
        assert_eq!(Action::from_name("tab-8"), None);
        assert_eq!(Action::from_name("launch"), None);
        assert_eq!(Action::from_name("score-6"), None);
        assert_eq!(Action::from_name("score-3"), Some(Action::Score(3)));
    }
}
