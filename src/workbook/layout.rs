//! Which tables and columns make up a plan when it leaves the file as text, in which order, and
//! how each column is typed there (references by UUID, never by integer id). The shapes are in
//! `column.rs`, the columns and keys older schema steps retired in `retired.rs`.

mod column;
mod retired;

pub use column::{ColumnKind, ColumnLayout, TableLayout};
use column::{
    boolean, int, link, opt_bool, opt_int, opt_link, opt_real, opt_text, real, table, text,
};
pub use retired::{
    CARRIED_KEYS, RETIRED_COLUMNS, RETIRED_JOINT_COLUMNS, RETIRED_KEYS, RetiredKey,
    retired_link_uuid,
};

/// Columns kept out of the text because they are derived from other records (recomputed on
/// import) or follow the reader's config: `(table, column)`.
pub const DERIVED: &[(&str, &str)] = &[
    ("workbook_meta", "checkin_cadence_days"),
    ("partners", "fit_score"),
    ("partners", "gated_out"),
    ("partners", "onboarding_pct"),
    ("partners", "last_checkin"),
    ("partners", "next_checkin"),
    ("risks", "link_name"),
];

/// Tables that are not part of the plan: undo history and what each list last showed.
pub const NOT_EXPORTED: &[&str] = &[
    "change_journal",
    "change_journal_rows",
    "view_state",
    "sqlite_sequence",
    "snapshots",
    "snapshot_chunks",
    "import_value_maps",
];

/// Every table of the plan, in DESIGN §4 order, each after the tables it refers to (roles refer
/// to themselves, which the import resolves in a second pass).
pub const TABLES: &[TableLayout] = &[
    TableLayout {
        table: "workbook_meta",
        key: "workbook",
        single: true,
        columns: &[
            text("title"),
            text("organisation"),
            text("author"),
            text("created_by_version"),
            text("written_by_version"),
            int("next_risk_number"),
            text("lineage"),
        ],
    },
    TableLayout {
        table: "strategy",
        key: "strategy",
        single: true,
        columns: &[
            text("mission_problem"),
            text("mission_value"),
            text("vision"),
            text("value_what"),
            text("value_why"),
            opt_int("alignment_rating"),
            text("alignment_note"),
            opt_int("adaptability_rating"),
            text("adaptability_note"),
            opt_int("shared_value_rating"),
            text("shared_value_note"),
            text("model"),
            text("model_rationale"),
            text("decision_answers"),
        ],
    },
    table(
        "goals",
        &[
            text("title"),
            text("horizon"),
            text("description"),
            opt_text("target_date"),
            text("status"),
            int("position"),
        ],
    ),
    table(
        "resources",
        &[
            text("kind"),
            text("name"),
            text("description"),
            opt_int("estimated_cost_minor"),
            text("status"),
            text("owner"),
            opt_text("invested_on"),
        ],
    ),
    table(
        "governance_rules",
        &[text("topic"), text("rule"), text("forum"), text("cadence")],
    ),
    table(
        "data_protocols",
        &[
            text("data_item"),
            text("purpose"),
            text("access_level"),
            text("access_method"),
            text("sensitivity"),
            text("protection_measures"),
            opt_text("review_date"),
        ],
    ),
    table(
        "partners",
        &[
            text("name"),
            text("partner_type"),
            text("sector"),
            text("stage"),
            text("tier"),
            text("region"),
            text("owner"),
            text("contact_name"),
            text("contact_email"),
            text("website"),
            text("contributes"),
            text("gains"),
            opt_text("agreement_start"),
            opt_text("agreement_end"),
            text("notes"),
            opt_int("checkin_cadence_days"),
            opt_real("margin_rate"),
        ],
    ),
    table(
        "selection_criteria",
        &[
            text("name"),
            text("description"),
            real("weight"),
            text("weight_rationale"),
            boolean("is_gate"),
            int("position"),
        ],
    ),
    // Programmes per partner type: a type's margin rate, its own weight or gate flag for a
    // criterion (absent: as for every type).
    table(
        "type_programmes",
        &[text("partner_type"), opt_real("margin_rate")],
    ),
    table(
        "criterion_type_weights",
        &[
            link("criterion_id", "criterion", "selection_criteria"),
            text("partner_type"),
            opt_real("weight"),
            opt_bool("is_gate"),
        ],
    ),
    table(
        "criterion_scores",
        &[
            link("partner_id", "partner", "partners"),
            link("criterion_id", "criterion", "selection_criteria"),
            opt_int("score"),
            opt_bool("passed"),
            text("evidence"),
            opt_text("scored_on"),
        ],
    ),
    table(
        "onboarding_items",
        &[text("title"), text("description"), int("position")],
    ),
    // The types a checklist item is limited to (an item with none is for every type).
    table(
        "onboarding_item_types",
        &[
            link("item_id", "item", "onboarding_items"),
            text("partner_type"),
        ],
    ),
    table(
        "partner_onboarding",
        &[
            link("partner_id", "partner", "partners"),
            link("item_id", "item", "onboarding_items"),
            text("status"),
            opt_text("status_date"),
            text("note"),
        ],
    ),
    table(
        "checkins",
        &[
            link("partner_id", "partner", "partners"),
            text("held_on"),
            text("summary"),
        ],
    ),
    table(
        "roles",
        &[
            opt_link("parent_id", "parent", "roles"),
            boolean("is_hub"),
            text("name"),
            text("description"),
            text("criticality"),
            int("min_partners"),
            text("status_override"),
            text("status_reason"),
            int("position"),
        ],
    ),
    table(
        "role_assignments",
        &[
            link("partner_id", "partner", "partners"),
            link("role_id", "role", "roles"),
            text("kind"),
            text("note"),
        ],
    ),
    table(
        "data_protocol_recipients",
        &[
            link("protocol_id", "protocol", "data_protocols"),
            opt_link("partner_id", "partner", "partners"),
            opt_link("role_id", "role", "roles"),
        ],
    ),
    table(
        "risks",
        &[
            int("number"),
            text("code"),
            text("title"),
            text("cause"),
            text("event"),
            text("consequence"),
            text("category"),
            opt_link("partner_id", "partner", "partners"),
            opt_link("role_id", "role", "roles"),
            opt_int("inherent_likelihood"),
            opt_int("inherent_impact"),
            text("treatment"),
            opt_int("residual_likelihood"),
            opt_int("residual_impact"),
            text("owner"),
            text("status"),
            opt_text("next_review"),
            text("note"),
            text("suggestion_key"),
        ],
    ),
    table(
        "risk_mitigations",
        &[
            link("risk_id", "risk", "risks"),
            text("kind"),
            text("note"),
            int("position"),
        ],
    ),
    table(
        "risk_score_history",
        &[
            link("risk_id", "risk", "risks"),
            text("recorded_at"),
            opt_int("inherent_likelihood"),
            opt_int("inherent_impact"),
            opt_int("residual_likelihood"),
            opt_int("residual_impact"),
        ],
    ),
    table("risk_dismissals", &[text("suggestion_key")]),
    table(
        "kpis",
        &[
            text("name"),
            text("category"),
            text("horizon"),
            text("unit"),
            text("direction"),
            opt_real("baseline"),
            opt_real("target"),
            opt_text("target_date"),
            text("owner"),
            opt_link("goal_id", "goal", "goals"),
            text("live_source"),
            text("definition"),
            text("benchmark_key"),
            opt_real("benchmark_low"),
            opt_real("benchmark_typical"),
            opt_real("benchmark_high"),
            text("benchmark_peer_group"),
            text("benchmark_source"),
            opt_text("benchmark_as_of"),
        ],
    ),
    table(
        "kpi_measurements",
        &[
            link("kpi_id", "kpi", "kpis"),
            text("measured_on"),
            real("value"),
            text("note"),
        ],
    ),
    table(
        "investments",
        &[
            text("spent_on"),
            text("item"),
            int("amount_minor"),
            text("category"),
            opt_link("partner_id", "partner", "partners"),
        ],
    ),
    table(
        "value_log",
        &[
            text("logged_on"),
            opt_link("partner_id", "partner", "partners"),
            text("kind"),
            text("description"),
            opt_int("amount_minor"),
            opt_int("margin_minor"),
        ],
    ),
    table(
        "partner_links",
        &[
            link("from_partner_id", "from_partner", "partners"),
            link("to_partner_id", "to_partner", "partners"),
            text("kind"),
            text("direction"),
            text("status"),
            int("strength"),
            text("note"),
            opt_link("role_id", "role", "roles"),
        ],
    ),
    table(
        "offerings",
        &[
            text("name"),
            text("problem"),
            text("segment"),
            text("status"),
            text("owner"),
        ],
    ),
    // A member with no partner is the hub itself.
    table(
        "offering_members",
        &[
            link("offering_id", "offering", "offerings"),
            opt_link("partner_id", "partner", "partners"),
            text("contribution"),
            text("contribution_kind"),
            boolean("critical"),
        ],
    ),
    // The goals an offering serves and the KPIs that measure it.
    table(
        "offering_goals",
        &[
            link("offering_id", "offering", "offerings"),
            link("goal_id", "goal", "goals"),
        ],
    ),
    table(
        "offering_kpis",
        &[
            link("offering_id", "offering", "offerings"),
            link("kpi_id", "kpi", "kpis"),
        ],
    ),
    // What-if scenarios saved by name, and their events (an exit, a delay, a gate failed).
    table("scenarios", &[text("name"), text("note")]),
    table(
        "scenario_events",
        &[
            link("scenario_id", "scenario", "scenarios"),
            link("partner_id", "partner", "partners"),
            text("kind"),
            opt_int("months"),
        ],
    ),
    // Governance forums (schema step 12): a cadence of every N weeks or months from next_date;
    // each member a partner or a role; the rules decided in each.
    table(
        "forums",
        &[
            text("name"),
            text("purpose"),
            opt_int("cadence_every"),
            text("cadence_unit"),
            opt_text("next_date"),
        ],
    ),
    table(
        "forum_members",
        &[
            link("forum_id", "forum", "forums"),
            opt_link("partner_id", "partner", "partners"),
            opt_link("role_id", "role", "roles"),
        ],
    ),
    table(
        "forum_rules",
        &[
            link("forum_id", "forum", "forums"),
            link("rule_id", "rule", "governance_rules"),
        ],
    ),
    // Joint plans with strategic partners: goals both commit to, commitments each way,
    // milestones; a commitment or milestone may belong to one of the partner's joint goals.
    table(
        "joint_goals",
        &[
            link("partner_id", "partner", "partners"),
            text("title"),
            text("commitment"),
            opt_text("due_on"),
            text("status"),
            opt_link("role_id", "role", "roles"),
            text("segment"),
        ],
    ),
    table(
        "joint_commitments",
        &[
            link("partner_id", "partner", "partners"),
            opt_link("joint_goal_id", "joint_goal", "joint_goals"),
            text("side"),
            text("what"),
            opt_text("due_on"),
            text("status"),
        ],
    ),
    table(
        "joint_milestones",
        &[
            link("partner_id", "partner", "partners"),
            opt_link("joint_goal_id", "joint_goal", "joint_goals"),
            text("title"),
            opt_text("due_on"),
            text("status"),
            opt_text("done_on"),
        ],
    ),
    // The KPIs a joint goal moves (which way, to what target) and the offerings it is about
    // (schema step 16); each names the goal's partner too.
    table(
        "joint_goal_kpis",
        &[
            link("joint_goal_id", "joint_goal", "joint_goals"),
            link("kpi_id", "kpi", "kpis"),
            link("partner_id", "partner", "partners"),
            text("kpi_direction"),
            opt_real("kpi_target"),
        ],
    ),
    table(
        "joint_goal_offerings",
        &[
            link("joint_goal_id", "joint_goal", "joint_goals"),
            link("offering_id", "offering", "offerings"),
            link("partner_id", "partner", "partners"),
        ],
    ),
    // The trend radar (schema step 14): trends, what each touches (one role, partner or
    // offering a link) and its adaptability actions.
    table(
        "trends",
        &[
            text("name"),
            text("category"),
            text("horizon"),
            int("impact"),
            text("evolution"),
            opt_text("review_date"),
            boolean("example"),
        ],
    ),
    table(
        "trend_links",
        &[
            link("trend_id", "trend", "trends"),
            opt_link("role_id", "role", "roles"),
            opt_link("partner_id", "partner", "partners"),
            opt_link("offering_id", "offering", "offerings"),
        ],
    ),
    table(
        "trend_actions",
        &[
            link("trend_id", "trend", "trends"),
            text("title"),
            text("owner"),
            opt_text("due_date"),
            text("status"),
        ],
    ),
    table(
        "framework_progress",
        &[
            text("step_key"),
            text("note"),
            text("manual_state"),
            text("reason"),
        ],
    ),
    table(
        "vocabulary_terms",
        &[text("kind"), text("term"), int("position")],
    ),
    // A deleted record's uuid and table: deletions travel between copies like edits.
    table("tombstones", &[text("table_name")]),
];

/// Fields that say which version wrote a file and where its copy came from, not what the plan
/// holds: comparisons, merges and snapshot hashes leave them out.
pub fn is_bookkeeping(table: &str, key: &str) -> bool {
    table == "workbook_meta"
        && matches!(key, "lineage" | "written_by_version" | "created_by_version")
}

/// Tables that record how the plan changed (deletions), not the plan: compared and merged only
/// through what they tell.
pub fn is_bookkeeping_table(table: &str) -> bool {
    table == "tombstones"
}

/// The layout of the table called `key` in the text.
pub fn table_by_key(key: &str) -> Option<&'static TableLayout> {
    TABLES.iter().find(|t| t.key == key)
}

#[cfg(test)]
mod tests;
