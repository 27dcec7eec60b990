//! Where a key is pressed: each context, its name in the config file and its rules.

/// Where a key is pressed; each context has its own bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Context {
    Global,
    #[default]
    List,
    Form,
    Filter,
    Confirm,
    Popup,
    Palette,
    /// The selected partner's scores.
    Scores,
    /// The selected partner's onboarding checklist.
    Checklist,
    /// The selected partner's check-in log.
    Checkins,
    /// The ranking of candidates.
    Ranking,
    Criteria,
    /// The onboarding checklist template.
    Template,
    /// The partner choice lists and the words added to them.
    WordLists,
    /// The selected partner's joint plan.
    JointPlan,
    /// The Roles tab: the role tree and its coverage.
    Roles,
    /// The partner × role matrix.
    Matrix,
    /// The Ecosystem view of the Roles tab: the network map and the selected partner's links.
    Ecosystem,
    /// The Ecosystem view's joint offerings and their members.
    Offerings,
    /// The Ecosystem view's partner × partner matrix of links.
    LinkMatrix,
    /// Choosing one item from a list by typing part of its name (e.g. a role's new parent).
    Picker,
    /// The risk register.
    Risks,
    /// The risk heat map.
    HeatMap,
    /// The risks the plan suggests.
    Suggestions,
    // Guide tab
    /// The method's steps.
    Guide,
    // Overview tab
    /// The Overview's panels of numbers.
    Overview,
    /// Every concentration figure, its index, band and top groups.
    Concentration,
    // Metrics tab
    /// The KPI table.
    Kpis,
    /// One KPI's chart and measurement log.
    KpiDetail,
    /// ROI, investments and the value log.
    Money,
    // Export and import
    /// The export or import popup: a format and a file path.
    Prompt,
    /// An export or import at work: its progress gauge.
    Working,
    /// A CSV import's preview: columns, values, rows left out, dates.
    ImportPreview,
    // Strategy tab
    /// The Strategy tab on a written section (mission, core elements, value proposition).
    Strategy,
    /// The Strategy tab on a list (goals, resources, governance rules, protocols).
    StrategyList,
    /// The Strategy tab on the model decision aid.
    StrategyAid,
    /// The Strategy tab on the governance forums.
    StrategyForums,
    /// Reviewing a copy that came back before it is merged: conflicts to decide.
    MergeReview,
    /// The snapshots kept in the workbook.
    Snapshots,
    /// Typing the label of a new snapshot.
    SnapshotLabel,
    // What-if scenarios (Overview tab)
    /// The saved scenarios, the selected one's outcome beside them.
    Scenarios,
    /// A new scenario: its partners and what happens to each.
    ScenarioDraft,
    /// Two saved scenarios side by side.
    ScenarioCompare,
    /// Typing a scenario's name.
    ScenarioName,
    /// The Strategy tab's Future section: the trends beside their radar.
    Trends,
    /// The selected trend's adaptability actions.
    TrendActions,
}

impl Context {
    pub const ALL: [Context; 46] = [
        Context::Global,
        Context::List,
        Context::Form,
        Context::Filter,
        Context::Confirm,
        Context::Popup,
        Context::Palette,
        Context::Scores,
        Context::Checklist,
        Context::Checkins,
        Context::Ranking,
        Context::Criteria,
        Context::Template,
        Context::WordLists,
        Context::JointPlan,
        Context::Roles,
        Context::Matrix,
        Context::Ecosystem,
        Context::Offerings,
        Context::LinkMatrix,
        Context::Picker,
        Context::Risks,
        Context::HeatMap,
        Context::Suggestions,
        // Guide tab
        Context::Guide,
        // Overview tab
        Context::Overview,
        Context::Concentration,
        // Metrics tab
        Context::Kpis,
        Context::KpiDetail,
        Context::Money,
        // Export and import
        Context::Prompt,
        Context::Working,
        Context::ImportPreview,
        // Strategy tab
        Context::Strategy,
        Context::StrategyList,
        Context::StrategyAid,
        Context::StrategyForums,
        Context::MergeReview,
        Context::Snapshots,
        Context::SnapshotLabel,
        // What-if scenarios
        Context::Scenarios,
        Context::ScenarioDraft,
        Context::ScenarioCompare,
        Context::ScenarioName,
        Context::Trends,
        Context::TrendActions,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::List => "list",
            Context::Form => "form",
            Context::Filter => "filter",
            Context::Confirm => "confirm",
            Context::Popup => "popup",
            Context::Palette => "palette",
            Context::Scores => "scores",
            Context::Checklist => "checklist",
            Context::Checkins => "check-ins",
            Context::Ranking => "ranking",
            Context::Criteria => "criteria",
            Context::Template => "template",
            Context::WordLists => "word-lists",
            Context::JointPlan => "joint-plan",
            Context::Roles => "roles",
            Context::Matrix => "matrix",
            Context::Ecosystem => "ecosystem",
            Context::Offerings => "offerings",
            Context::LinkMatrix => "link-matrix",
            Context::Picker => "picker",
            Context::Risks => "risks",
            Context::HeatMap => "heat-map",
            Context::Suggestions => "suggestions",
            // Guide tab
            Context::Guide => "guide",
            // Overview tab
            Context::Overview => "overview",
            Context::Concentration => "concentration",
            // Metrics tab
            Context::Kpis => "kpis",
            Context::KpiDetail => "kpi-detail",
            Context::Money => "roi",
            // Export and import
            Context::Prompt => "path-prompt",
            Context::Working => "working",
            Context::ImportPreview => "import-preview",
            // Strategy tab
            Context::Strategy => "strategy",
            Context::StrategyList => "strategy-list",
            Context::StrategyAid => "decision-aid",
            Context::StrategyForums => "strategy-forums",
            Context::MergeReview => "merge-review",
            Context::Snapshots => "snapshots",
            Context::SnapshotLabel => "snapshot-label",
            // What-if scenarios
            Context::Scenarios => "scenarios",
            Context::ScenarioDraft => "scenario-draft",
            Context::ScenarioCompare => "scenario-compare",
            Context::ScenarioName => "scenario-name",
            Context::Trends => "trends",
            Context::TrendActions => "trend-actions",
        }
    }

    /// The title of a view opened over a tab's own (the breadcrumb names it); `None` for a tab's
    /// top view, a form or a popup.
    pub fn view_title(self) -> Option<&'static str> {
        Some(match self {
            Context::Scores => "Scores",
            Context::Checklist => "Checklist",
            Context::Checkins => "Check-ins",
            Context::Ranking => "Ranking",
            Context::Criteria => "Criteria",
            Context::Template => "Checklist template",
            Context::WordLists => "Word lists",
            Context::JointPlan => "Joint plan",
            Context::Matrix => "Matrix",
            Context::HeatMap => "Heat map",
            Context::Suggestions => "Suggestions",
            Context::KpiDetail => "KPI",
            Context::Money => "ROI",
            Context::Concentration => "Concentration",
            Context::Scenarios | Context::ScenarioDraft | Context::ScenarioCompare => "What if",
            _ => return None,
        })
    }

    /// Whether global bindings apply here too (not where typing goes into a field). A context's
    /// own bindings win over global ones, so the scores' `1`–`5` shadow the tab keys there.
    pub fn uses_global(self) -> bool {
        matches!(
            self,
            Context::List
                | Context::Scores
                | Context::Checklist
                | Context::Checkins
                | Context::Ranking
                | Context::Criteria
                | Context::Template
                | Context::WordLists
                | Context::JointPlan
                | Context::Roles
                | Context::Matrix
                | Context::Ecosystem
                | Context::Offerings
                | Context::LinkMatrix
                | Context::Risks
                | Context::HeatMap
                | Context::Suggestions
                // Guide tab
                | Context::Guide
                // Overview tab
                | Context::Overview
                | Context::Concentration
                // Metrics tab
                | Context::Kpis
                | Context::KpiDetail
                | Context::Money
                // Strategy tab
                | Context::Strategy
                | Context::StrategyList
                | Context::StrategyAid
                // What-if scenarios
                | Context::Scenarios
                | Context::ScenarioDraft
                | Context::ScenarioCompare
                | Context::StrategyForums
                | Context::Trends
                | Context::TrendActions
        )
    }

    /// Whether plain characters typed here are text, so they must not be bound.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Context::Form
                | Context::Filter
                | Context::Palette
                | Context::Prompt
                | Context::SnapshotLabel
                | Context::ScenarioName
        )
    }
}
