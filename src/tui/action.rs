//! Everything a key, a click or the palette can ask the app to do.

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

    /// A word or two for the status line's hints, in the context where the key is pressed.
    pub fn hint(self, context: super::keymap::Context) -> String {
        use super::keymap::Context;
        let text = match (self, context) {
            (Action::Cancel, Context::Filter) => "clear filter",
            (Action::Open, Context::Filter) => "keep filter",
            (Action::Cancel, Context::Form) => "cancel",
            (Action::Open, Context::Palette) => "run",
            (Action::Cancel, Context::Scores | Context::Checklist)
            | (Action::Cancel, Context::Checkins | Context::Ranking | Context::Criteria)
            | (Action::Cancel, Context::Template | Context::WordLists) => "back",
            (Action::Add, Context::WordLists) => "add word",
            (Action::Delete, Context::WordLists) => "remove word",
            (Action::WordLists, _) => "word lists",
            (Action::JointPlan, _) => "joint plan",
            (Action::Cancel, Context::JointPlan) => "back",
            (Action::Left | Action::Right, Context::JointPlan) => "list",
            (Action::Add, Context::JointPlan) => "add",
            (Action::Cancel, Context::Matrix) => "roles",
            (Action::Cancel, Context::Picker) => "cancel",
            (Action::Open, Context::Picker) => "choose",
            (Action::Toggle, Context::Matrix) => "cycle L/B/C",
            (Action::Matrix, _) => "matrix",
            (Action::Ecosystem, _) => "ecosystem",
            (Action::Cancel, Context::Ecosystem) => "roles",
            (Action::Down, Context::Ecosystem) => "next partner",
            (Action::Up, Context::Ecosystem) => "previous partner",
            (Action::Add, Context::Ecosystem) => "add link",
            (Action::Edit, Context::Ecosystem) => "edit link",
            (Action::Delete, Context::Ecosystem) => "delete link",
            (Action::Offerings, Context::Offerings) => "map",
            (Action::Offerings, _) => "offerings",
            (Action::AddMember, _) => "add member",
            (Action::Add, Context::Trends) => "add trend",
            (Action::TrendActions, _) => "actions",
            (Action::Add, Context::TrendActions) => "add action",
            (Action::Toggle, Context::TrendActions) => "status",
            (Action::Toggle, Context::StrategyAid) => "cycle",
            (Action::Cancel, Context::TrendActions) => "trends",
            (Action::Add, Context::Offerings) => "add offering",
            (Action::Cancel, Context::Offerings | Context::LinkMatrix) => "map",
            (Action::Edit, Context::LinkMatrix) => "link/edit",
            (Action::Delete, Context::LinkMatrix) => "unlink",
            (Action::ZoomIn, _) => "zoom in",
            (Action::ZoomOut, _) => "zoom out",
            (Action::ZoomReset, _) => "fit",
            (Action::PanLeft | Action::PanRight | Action::PanUp | Action::PanDown, _) => "pan",
            (Action::MoveRole, _) => "move",
            (Action::ApplyTemplate, _) => "template",
            (Action::SetLead, _) => "lead",
            (Action::SetBackup, _) => "backup",
            (Action::SetCandidate, _) => "candidate",
            (Action::ClearCell, _) => "clear",
            (Action::Note, _) => "note",
            (Action::Stages, _) => "stages",
            (Action::HeatMap, _) => "heat map",
            (Action::Suggestions, _) => "suggested",
            (Action::Movements, _) => "movements",
            (Action::DueSoon, Context::Risks) => "overdue reviews",
            (Action::Toggle, Context::HeatMap) => "inherent/residual",
            (Action::Open, Context::HeatMap) => "show its risks",
            (Action::Cancel, Context::HeatMap | Context::Suggestions) => "back",
            (Action::Open, Context::Suggestions) => "accept",
            (Action::Delete, Context::Suggestions) => "dismiss",
            // Overview tab
            (Action::Open, Context::Overview) => "show the list",
            (Action::Left, Context::Overview) => "previous panel",
            (Action::Right, Context::Overview) => "next panel",
            (Action::Down, Context::Overview) => "next number",
            (Action::Open, Context::Concentration) => "show its partners",
            // Metrics tab
            (Action::PickKpi, _) => "common KPIs",
            (Action::Roi, _) => "ROI",
            (Action::Period, _) => "period",
            (Action::Open, Context::Kpis) => "chart",
            (Action::Add, Context::KpiDetail) => "log value",
            (Action::Cancel, Context::KpiDetail | Context::Money) => "back",
            (Action::Toggle, Context::Money) => "next list",
            (Action::MoveUp, _) => "move up",
            (Action::MoveDown, _) => "move down",
            (Action::Criteria, _) => "criteria",
            (Action::Template, _) => "template",
            (Action::Edit, Context::Scores) => "evidence",
            (Action::Edit, Context::Checklist) => "note",
            (Action::Add, Context::Checkins) => "log check-in",
            (Action::Open, Context::Ranking) => "scores",
            (Action::Score(_), _) => "score 1–5",
            (Action::Scores, _) => "scores",
            (Action::Checklist, _) => "checklist",
            (Action::Checkins, _) => "check-ins",
            (Action::Ranking, _) => "ranking",
            (Action::Toggle, Context::Checklist) => "done",
            (Action::Toggle, Context::Template) => "in/out for type",
            (Action::TypeWeight, _) => "type's weight",
            (Action::EveryTypeWeight, _) => "as every type",
            (Action::Pass, _) => "pass",
            (Action::Fail, _) => "fail",
            (Action::Skip, _) => "skip",
            (Action::Block, _) => "block",
            // Guide tab
            (Action::FixIt, _) => "fix it",
            (Action::NextIncomplete, _) => "next to do",
            (Action::NotApplicable, _) => "n/a",
            (Action::Edit, Context::Guide) => "note",
            // Export and import
            (Action::Open, Context::Prompt) => "run",
            (Action::Cancel, Context::Prompt) => "cancel",
            (Action::Complete, _) => "complete path",
            (Action::Down, Context::Prompt) => "format",
            (Action::Right, Context::ImportPreview) => "change",
            (Action::Add, Context::ImportPreview) => "new word",
            (Action::Delete, Context::ImportPreview) => "leave out",
            (Action::Open, Context::ImportPreview) => "import",
            (Action::Cancel, Context::ImportPreview) => "cancel",
            // Strategy tab
            (Action::NextSection, _) => "next section",
            (Action::PreviousSection, _) => "previous section",
            (Action::AnswerYes, _) => "yes",
            (Action::AnswerNo, _) => "no",
            (Action::AnswerUnsure, _) => "not sure",
            (Action::ChooseModel, _) => "choose model",
            (Action::WriteAgenda, _) => "write agenda",
            (Action::Add, Context::StrategyForums) => "add forum",
            // Merge review
            (Action::TakeOurs, _) => "ours",
            (Action::TakeTheirs, _) => "theirs",
            (Action::RecordOurs, _) => "record ours",
            (Action::RecordTheirs, _) => "record theirs",
            (Action::AllOurs, _) => "all ours",
            (Action::AllTheirs, _) => "all theirs",
            (Action::Snapshots, _) => "snapshots",
            (Action::Add, Context::Snapshots) => "keep one now",
            (Action::Open, Context::Snapshots) => "changes since",
            (Action::Delete, Context::Snapshots) => "remove",
            (Action::Cancel, Context::Snapshots) => "close",
            (Action::Open, Context::SnapshotLabel) => "keep",
            (Action::Cancel, Context::SnapshotLabel) => "cancel",
            (Action::Save, Context::MergeReview) => "merge",
            (Action::Cancel, Context::MergeReview) => "cancel",
            // What-if scenarios
            (Action::WhatIf, Context::Concentration) => "what if it exits",
            (Action::WhatIf, _) => "what if…",
            (Action::Compare, _) => "compare",
            (Action::Add, Context::Scenarios) => "new scenario",
            (Action::Edit, Context::Scenarios) => "rename",
            (Action::Add, Context::ScenarioDraft) => "add partner",
            (Action::Toggle, Context::ScenarioDraft) => "exit/delay/gate-out",
            (Action::Left, Context::ScenarioDraft) => "fewer months",
            (Action::Right, Context::ScenarioDraft) => "more months",
            (Action::Delete, Context::ScenarioDraft) => "remove",
            (Action::Save, Context::ScenarioDraft) => "save as…",
            (Action::Cancel, Context::Scenarios)
            | (Action::Cancel, Context::ScenarioDraft | Context::ScenarioCompare) => "back",
            (Action::Open, Context::ScenarioName) => "save",
            (Action::Cancel, Context::ScenarioName) => "cancel",
            _ => match self {
                Action::Help => "help",
                Action::Palette => "commands",
                Action::Undo => "undo",
                Action::Filter => "filter",
                Action::SortNext => "sort",
                Action::NextField => "next field",
                Action::Open => "done",
                Action::Cancel => "close",
                Action::Back => "back",
                Action::NextPartner => "next partner",
                Action::PreviousPartner => "previous partner",
                Action::Up => "up",
                Action::Down => "down",
                Action::Deny => "no",
                Action::Confirm => "yes",
                other => return other.description(),
            },
        };
        text.to_string()
    }

    /// What it does, in the words of the help screen and the palette.
    pub fn description(self) -> String {
        let text = match self {
            Action::Quit => "quit",
            Action::ForceQuit => "quit at once",
            Action::Back => "go back to where you came from",
            Action::Help => "help for this screen",
            Action::Palette => "command palette",
            Action::Undo => "undo the last change",
            Action::Redo => "redo",
            Action::NextTab => "next tab",
            Action::PreviousTab => "previous tab",
            Action::GoToTab(n) => {
                return format!(
                    "go to the {} tab",
                    super::tabs::TabId::from_number(n).title()
                );
            }
            Action::Up => "move up",
            Action::Down => "move down",
            Action::Top => "go to the first row",
            Action::Bottom => "go to the last row",
            Action::PageUp => "page up",
            Action::PageDown => "page down",
            Action::Filter => "filter as you type",
            Action::SortNext => "sort by the next column",
            Action::SortReverse => "reverse the sort",
            Action::Open => "open",
            Action::Add => "add",
            Action::Edit => "edit",
            Action::Delete => "delete",
            Action::Toggle => "toggle the item",
            Action::NextField => "next field",
            Action::PreviousField => "previous field",
            Action::Choose => "choose from the list",
            Action::Save => "save",
            Action::Cancel => "cancel",
            Action::Confirm => "yes",
            Action::Deny => "no",
            Action::Scores => "score the partner against the criteria",
            Action::Checklist => "the partner's onboarding checklist",
            Action::Checkins => "the partner's check-in log",
            Action::Ranking => "rank the candidates by fit",
            Action::Criteria => "edit the selection criteria and weights",
            Action::Template => "edit the onboarding checklist template",
            Action::MoveUp => "move the row up",
            Action::MoveDown => "move the row down",
            Action::Facets => "filter by stage, type, tier or gate",
            Action::AddWord => "add a word to a list",
            Action::WordLists => "word lists: see them, remove added words",
            Action::JointPlan => {
                "the partner's joint plan: joint goals, commitments each way, milestones"
            }
            Action::DueSoon => "only check-ins due within 7 days (again: all)",
            Action::Score(n) => {
                let word = crate::plan::selection::SCALE_WORDS
                    .get(usize::from(n.clamp(1, 5)) - 1)
                    .copied()
                    .unwrap_or_default();
                return format!("score the criterion {n} ({word})");
            }
            Action::NextPartner => "the same view of the next partner",
            Action::PreviousPartner => "the same view of the previous partner",
            Action::NextProgramme => "show the next partner type's programme (every type first)",
            Action::PreviousProgramme => "show the previous partner type's programme",
            Action::TypeWeight => "give the criterion this type's own weight or gate",
            Action::EveryTypeWeight => {
                "take the criterion back to every type's weight for this type"
            }
            Action::MoveRole => "move the role under another parent",
            Action::ApplyTemplate => "add a sector template's roles",
            Action::Matrix => "the partner × role matrix",
            Action::Ecosystem => "the Ecosystem view: network map, partner links and offerings",
            Action::ZoomIn => "zoom the map in on the selected partner",
            Action::ZoomOut => "zoom the map out",
            Action::ZoomReset => "fit the map to what it shows",
            Action::PanLeft => "pan the map left",
            Action::PanRight => "pan the map right",
            Action::PanUp => "pan the map up",
            Action::PanDown => "pan the map down",
            Action::Offerings => {
                "the joint offerings, their members and the partner × offering matrix"
            }
            Action::AddMember => "add a partner or the hub to the selected offering",
            Action::Future => "strategy: future readiness, the trend radar",
            Action::TrendActions => "the selected trend's adaptability actions",
            Action::Left => "move left",
            Action::Right => "move right",
            Action::FirstColumn => "go to the first column",
            Action::LastColumn => "go to the last column",
            Action::SetLead => "make the partner lead of the role",
            Action::SetBackup => "make the partner backup of the role",
            Action::SetCandidate => "make the partner candidate for the role",
            Action::ClearCell => "clear the cell",
            Action::Note => "note on the assignment",
            Action::Stages => "limit the rows to stages (all, active and onboarding, candidates)",
            Action::HeatMap => "the risk heat map (inherent or residual)",
            Action::Suggestions => "risks the plan suggests",
            Action::Movements => "how each risk moved from inherent to residual",
            Action::TakeOurs => "merge: keep our value for the selected conflict",
            Action::TakeTheirs => "merge: take their value for the selected conflict",
            Action::RecordOurs => {
                "merge: keep our values for every conflict of the selected record"
            }
            Action::RecordTheirs => {
                "merge: take their values for every conflict of the selected record"
            }
            Action::AllOurs => "merge: keep our values for every conflict",
            Action::AllTheirs => "merge: take their values for every conflict",
            Action::Snapshots => {
                "snapshots: keep the plan as it is now, or see what changed since one"
            }
            Action::Pass => "mark the gate passed",
            Action::Fail => "mark the gate failed",
            Action::Skip => "mark the item skipped (again: pending)",
            Action::Block => "mark the item blocked (again: pending)",
            // Guide tab
            Action::FixIt => "go fill in what the step lacks",
            Action::NextIncomplete => "the next step still to do",
            Action::NotApplicable => "set the step aside (with a reason), or back",
            // Metrics tab
            Action::PickKpi => "add a KPI from the list of common ones (live ones included)",
            Action::Roi => "return on investment, investments and the value log",
            Action::Period => "the period the ROI covers (next choice)",
            // Export and import
            Action::Export => {
                "export to a file: TOML, CSV, XLSX or the client report (HTML, Markdown)"
            }
            Action::Import => "import a TOML workbook or a CSV of partners",
            Action::Complete => "complete the path (again: list the choices)",
            // Strategy tab
            Action::NextSection => "the next strategy section",
            Action::PreviousSection => "the previous strategy section",
            Action::Mission => "strategy: mission and vision",
            Action::CoreElements => "strategy: rate the core elements",
            Action::ValueProposition => "strategy: value proposition and what partners gain",
            Action::ModelAid => "strategy: the channel-or-ecosystem decision aid",
            Action::Goals => "strategy: goals",
            Action::Resources => "strategy: resources and infrastructure",
            Action::Governance => "strategy: governance rules",
            Action::Protocols => "strategy: data-sharing protocols",
            Action::Forums => "strategy: governance forums and their next meetings",
            Action::WriteAgenda => {
                "write the selected forum's next meeting agenda (Markdown or HTML) next to the workbook"
            }
            Action::AnswerYes => "answer the question yes",
            Action::AnswerNo => "answer the question no",
            Action::AnswerUnsure => "answer the question not sure",
            Action::ChooseModel => "choose the model and say why",
            // What-if scenarios
            Action::WhatIf => {
                "what if partners exit, are delayed or gated out: saved scenarios and new ones \
                 (on a partner's line: what if it exits)"
            }
            Action::Compare => "compare two saved scenarios side by side",
        };
        text.to_string()
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
