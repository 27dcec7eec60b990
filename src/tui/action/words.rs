//! An action in people's words: the status line's short hint in a context, and the help screen's
//! and the palette's description.

use super::Action;
use crate::tui::keymap::Context;

impl Action {
    /// A word or two for the status line's hints, in the context where the key is pressed.
    pub fn hint(self, context: Context) -> String {
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
            (Action::WhatIf, Context::Scores | Context::Checklist | Context::Checkins) => {
                "what if it exits"
            }
            (
                Action::Up
                | Action::Down
                | Action::Top
                | Action::Bottom
                | Action::PageUp
                | Action::PageDown,
                Context::ScenarioCompare,
            ) => "scroll",
            (Action::PageUp | Action::PageDown, Context::Scenarios | Context::ScenarioDraft) => {
                "scroll the figures"
            }
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
                    crate::tui::tabs::TabId::from_number(n).title()
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
