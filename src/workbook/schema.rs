//! The workbook's schema as ordered migration steps; step N leaves the file at `user_version` N.
//! Step 1, the whole first schema, is in `first.rs`; the steps after it change it here.

mod first;

use first::SCHEMA_V1;

/// Our `PRAGMA application_id`: "PPLN" in ASCII, so `file(1)` and hex dumps show whose file it is.
pub const APPLICATION_ID: i32 = 0x5050_4C4E;

/// Each entry is one migration step, applied in one transaction that also sets `user_version`.
pub const MIGRATIONS: &[&str] = &[
    SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, SCHEMA_V6, SCHEMA_V7, SCHEMA_V8,
    SCHEMA_V9, SCHEMA_V10, SCHEMA_V11, SCHEMA_V12, SCHEMA_V13, SCHEMA_V14, SCHEMA_V15, SCHEMA_V16,
];

/// The part of step 12 that makes a forum of each distinct forum word of the governance rules
/// (its cadence read from their cadence words) and links the rules to it: what an older TOML
/// file's rules get on import too (`forums::forums_from_older_rules`), so both ways follow one
/// rule.
pub fn rules_to_forums_sql() -> &'static str {
    SCHEMA_V12
        .find("WITH named AS")
        .map_or("", |at| &SCHEMA_V12[at..])
}

/// The schema version this build writes and fully understands.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Version 2: the next check-in date is kept per partner, so the roster can sort by it through an
/// index. It is last check-in + the partner's cadence, or the default cadence recorded in
/// `workbook_meta` (the configured one, brought up to date when the app opens the file).
/// '' means "no check-in yet".
const SCHEMA_V2: &str = r#"
ALTER TABLE workbook_meta ADD COLUMN checkin_cadence_days INTEGER NOT NULL DEFAULT 30;
ALTER TABLE partners ADD COLUMN next_checkin TEXT NOT NULL DEFAULT '';
UPDATE partners SET next_checkin = coalesce(
    date(last_checkin, '+' || coalesce(checkin_cadence_days, 30) || ' days'), '')
    WHERE last_checkin IS NOT NULL;
CREATE INDEX partners_by_next_checkin ON partners (next_checkin, name);
"#;

/// Version 3: the risk register. A risk keeps a note (why the residual score is above the
/// inherent one, or why a high risk is accepted), the key of the plan's suggestion it was
/// created from, and the name of what it is linked to ("partner / role", kept by `derived`, so the
/// register can sort by it); dismissed suggestions are remembered; the register sorts through an index on
/// every column it can sort by (scores as likelihood × impact, 0 when not rated; the current score
/// is the residual one when rated, else the inherent one).
const SCHEMA_V3: &str = r#"
ALTER TABLE risks ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE risks ADD COLUMN suggestion_key TEXT NOT NULL DEFAULT '';
ALTER TABLE risks ADD COLUMN link_name TEXT NOT NULL DEFAULT '' COLLATE NOCASE;
CREATE INDEX risks_by_link ON risks (link_name, title);
CREATE TABLE risk_dismissals (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid            TEXT NOT NULL UNIQUE,
    suggestion_key  TEXT NOT NULL UNIQUE,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX risks_by_category ON risks (category, title);
CREATE INDEX risks_by_owner ON risks (owner, title);
CREATE INDEX risks_by_review ON risks (coalesce(next_review, ''), title);
CREATE INDEX risks_by_inherent ON risks (coalesce(inherent_likelihood * inherent_impact, 0), title);
CREATE INDEX risks_by_residual ON risks (coalesce(residual_likelihood * residual_impact, 0), title);
CREATE INDEX risks_by_current ON risks (
    coalesce(residual_likelihood * residual_impact, inherent_likelihood * inherent_impact, 0), title);
CREATE INDEX risks_by_status_title ON risks (status, title);
CREATE INDEX risks_by_suggestion ON risks (suggestion_key);
-- For counts, not for ordering (the register's window walks a sort index and never uses these):
-- the heat map's cells and the cell facet; overdue reviews; open risks by current score.
CREATE INDEX risks_by_inherent_cell ON risks (inherent_likelihood, inherent_impact);
CREATE INDEX risks_by_residual_cell ON risks (residual_likelihood, residual_impact);
CREATE INDEX risks_by_review_status ON risks (next_review, status);
CREATE INDEX risks_by_status_current ON risks (status,
    coalesce(residual_likelihood * residual_impact, inherent_likelihood * inherent_impact, 0));
"#;

/// Version 4: the Metrics tab. Live KPIs count partners by stage with their onboarding and fit, and
/// the ROI sums money by date; these covering indexes let SQLite answer from the index alone
/// instead of visiting every active partner's (long) row — 135 ms → a few ms at 100,000 partners.
/// The date indexes of the money tables become covering ones (same leading column).
/// Overdue check-ins need no index of their own: `partners_by_next_checkin` serves them.
const SCHEMA_V4: &str = r#"
CREATE INDEX partners_by_stage_onboarding ON partners (stage, onboarding_pct);
CREATE INDEX partners_by_stage_fit ON partners (stage, fit_score);
DROP INDEX investments_by_date;
CREATE INDEX investments_by_date ON investments (spent_on, partner_id, amount_minor);
DROP INDEX value_log_by_date;
CREATE INDEX value_log_by_date ON value_log (logged_on, partner_id, kind, amount_minor);
"#;

/// Version 5: the value proposition lists the current partners who have a "what they gain" line.
/// Counting them read every partner's text (about 40 ms at 100,000 partners, on every visit after
/// a change); this partial index holds exactly those partners, by name, so the count and the
/// window read only them. Its condition must stay word for word the one in
/// `workbook/strategy/gains.rs`, or SQLite will not use it (a test there checks the plan).
const SCHEMA_V5: &str = r#"
CREATE INDEX partners_with_gains ON partners (name)
    WHERE stage NOT IN ('exited', 'declined') AND trim(gains, char(32, 9, 10, 13)) != '';
"#;

/// Version 6: copies that come back. `lineage` lists, newest first, the hand-offs this plan
/// descends from (the ids of snapshots taken when a copy was sent), so a merge can find the common
/// base of two copies. A deleted record leaves a tombstone (its uuid, its table, when), which
/// travels in the text like a record, so deletions merge like edits. Snapshots keep a whole plan
/// inside the workbook — labelled ones for "what changed since", hand-offs as merge bases —
/// as compressed chunks of records in UUID order, so they are read back one chunk at a time.
const SCHEMA_V6: &str = r#"
ALTER TABLE workbook_meta ADD COLUMN lineage TEXT NOT NULL DEFAULT '';
CREATE TABLE tombstones (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid        TEXT NOT NULL UNIQUE,
    table_name  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE TABLE snapshots (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid          TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL,
    label         TEXT NOT NULL DEFAULT '',
    content_hash  TEXT NOT NULL,
    records       INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX snapshots_by_hash ON snapshots (content_hash);
CREATE TABLE snapshot_chunks (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    snapshot_id  INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    data         BLOB NOT NULL,
    UNIQUE (snapshot_id, seq)
);
"#;

/// Version 7: what each value of a CRM export's column became on import (a word of a list, a new
/// word, or nothing), remembered per source column so the next export of the same CRM imports
/// with no questions. A setting of the workbook's imports, not part of the plan: not journaled,
/// not in the text form.
const SCHEMA_V7: &str = r#"
CREATE TABLE import_value_maps (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    source_column   TEXT NOT NULL COLLATE NOCASE,
    value           TEXT NOT NULL COLLATE NOCASE,
    choice          TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (source_column, value)
);
"#;

/// Version 8: the ecosystem is multilateral. `partner_links` are links between two partners (the
/// hub aside): a kind from an extendable word list, a direction ('both' or 'one way', from → to),
/// a status, a strength 1–3 and optionally the role the link serves. `offerings` are joint
/// offerings; `offering_members` says who contributes what to one — a member with no partner
/// (`partner_id` NULL) is the hub itself. A deleted partner takes its links and memberships with
/// it; a deleted role, goal or KPI only unlinks.
const SCHEMA_V8: &str = r#"
CREATE TABLE partner_links (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid             TEXT NOT NULL UNIQUE,
    from_partner_id  INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    to_partner_id    INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    kind             TEXT NOT NULL DEFAULT 'integrates with',
    direction        TEXT NOT NULL DEFAULT 'both',
    status           TEXT NOT NULL DEFAULT 'planned',
    strength         INTEGER NOT NULL DEFAULT 2 CHECK (strength BETWEEN 1 AND 3),
    note             TEXT NOT NULL DEFAULT '',
    role_id          INTEGER REFERENCES roles (id) ON DELETE SET NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK (from_partner_id != to_partner_id)
);
CREATE INDEX partner_links_by_from ON partner_links (from_partner_id);
CREATE INDEX partner_links_by_to ON partner_links (to_partner_id);
CREATE INDEX partner_links_by_role ON partner_links (role_id);
-- Covers the network's read of active links, so it never visits the links' rows.
CREATE INDEX partner_links_by_status ON partner_links (status, from_partner_id, to_partner_id);
CREATE TABLE offerings (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid         TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    problem      TEXT NOT NULL DEFAULT '',
    segment      TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'idea',
    owner        TEXT NOT NULL DEFAULT '',
    goal_id      INTEGER REFERENCES goals (id) ON DELETE SET NULL,
    kpi_id       INTEGER REFERENCES kpis (id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX offerings_by_name ON offerings (name);
CREATE INDEX offerings_by_goal ON offerings (goal_id);
CREATE INDEX offerings_by_kpi ON offerings (kpi_id);
CREATE TABLE offering_members (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid               TEXT NOT NULL UNIQUE,
    offering_id        INTEGER NOT NULL REFERENCES offerings (id) ON DELETE CASCADE,
    partner_id         INTEGER REFERENCES partners (id) ON DELETE CASCADE,
    contribution       TEXT NOT NULL DEFAULT '',
    contribution_kind  TEXT NOT NULL DEFAULT '',
    critical           INTEGER NOT NULL DEFAULT 0,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX offering_members_by_offering ON offering_members (offering_id);
CREATE INDEX offering_members_by_partner ON offering_members (partner_id);
"#;

/// Version 9: an offering serves several goals and is measured by several KPIs. `offering_goals`
/// and `offering_kpis` link them, one record a link (journaled, merged and exchanged like every
/// record); deleting an offering, a goal or a KPI takes its links with it. The single `goal_id`
/// and `kpi_id` of step 8 become links here and are then left empty and unused: SQLite cannot
/// drop a column a foreign key names, and rebuilding `offerings` would cascade into its members.
/// A migrated link's UUID is the offering's with the version digit set to 8 (and, for a KPI, the
/// variant digit to c), the same UUID an older TOML file's `goal` / `kpi` key is read into
/// (`layout::retired_link_uuid`), so copies migrated apart still agree on it.
const SCHEMA_V9: &str = r#"
DROP INDEX offerings_by_goal;
DROP INDEX offerings_by_kpi;
CREATE TABLE offering_goals (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid         TEXT NOT NULL UNIQUE,
    offering_id  INTEGER NOT NULL REFERENCES offerings (id) ON DELETE CASCADE,
    goal_id      INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (offering_id, goal_id)
);
CREATE INDEX offering_goals_by_goal ON offering_goals (goal_id);
CREATE TABLE offering_kpis (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid         TEXT NOT NULL UNIQUE,
    offering_id  INTEGER NOT NULL REFERENCES offerings (id) ON DELETE CASCADE,
    kpi_id       INTEGER NOT NULL REFERENCES kpis (id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (offering_id, kpi_id)
);
CREATE INDEX offering_kpis_by_kpi ON offering_kpis (kpi_id);
INSERT INTO offering_goals (uuid, offering_id, goal_id, created_at, updated_at)
    SELECT substr(uuid, 1, 14) || '8' || substr(uuid, 16), id, goal_id, updated_at, updated_at
    FROM offerings WHERE goal_id IS NOT NULL;
INSERT INTO offering_kpis (uuid, offering_id, kpi_id, created_at, updated_at)
    SELECT substr(uuid, 1, 14) || '8' || substr(uuid, 16, 4) || 'c' || substr(uuid, 21), id,
        kpi_id, updated_at, updated_at
    FROM offerings WHERE kpi_id IS NOT NULL;
UPDATE offerings SET goal_id = NULL, kpi_id = NULL
    WHERE goal_id IS NOT NULL OR kpi_id IS NOT NULL;
"#;

/// Version 10: what-if scenarios saved by name. A scenario is a set of events, each about one
/// partner: it `exit`s, is `delay`ed by `months` (1–120), or is `gate-out` (fails a selection
/// gate). Computing a scenario never writes; saving one is journaled like every record. A deleted
/// partner takes its events with it; a deleted scenario its events.
const SCHEMA_V10: &str = r#"
CREATE TABLE scenarios (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid         TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX scenarios_by_name ON scenarios (name);
CREATE TABLE scenario_events (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid         TEXT NOT NULL UNIQUE,
    scenario_id  INTEGER NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
    partner_id   INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL DEFAULT 'exit',
    months       INTEGER,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX scenario_events_by_scenario ON scenario_events (scenario_id);
CREATE INDEX scenario_events_by_partner ON scenario_events (partner_id);
"#;

/// Version 11: an ROI a CFO accepts, and KPIs judged against their peers. A value-log entry may
/// carry the margin it earned (`margin_minor`), a partner a margin rate (percent of revenue) that
/// entries without their own margin take; a Strategy resource with a cost and an `invested_on`
/// date is an investment too (one record, counted once); a KPI has a definition and a benchmark
/// band (low / typical / high, any of them), its peer group, source and as-of date, and the key
/// of the library entry it was matched to.
const SCHEMA_V11: &str = r#"
ALTER TABLE value_log ADD COLUMN margin_minor INTEGER;
ALTER TABLE partners ADD COLUMN margin_rate REAL;
ALTER TABLE resources ADD COLUMN invested_on TEXT;
CREATE INDEX resources_by_invested_on ON resources (invested_on) WHERE invested_on IS NOT NULL;
ALTER TABLE kpis ADD COLUMN definition TEXT NOT NULL DEFAULT '';
ALTER TABLE kpis ADD COLUMN benchmark_key TEXT NOT NULL DEFAULT '';
ALTER TABLE kpis ADD COLUMN benchmark_low REAL;
ALTER TABLE kpis ADD COLUMN benchmark_typical REAL;
ALTER TABLE kpis ADD COLUMN benchmark_high REAL;
ALTER TABLE kpis ADD COLUMN benchmark_peer_group TEXT NOT NULL DEFAULT '';
ALTER TABLE kpis ADD COLUMN benchmark_source TEXT NOT NULL DEFAULT '';
ALTER TABLE kpis ADD COLUMN benchmark_as_of TEXT;
"#;

/// Version 12: governance forums (partner council, quarterly business review …) with a real
/// cadence — every `cadence_every` weeks or months (`cadence_unit`), none when both are empty —
/// and a `next_date` the cadence counts on from; members are roles or partners (one of the two a
/// member). `forum_rules` links a governance rule to the forum it is decided in (one forum a
/// rule); the rule's own `forum` and `cadence` words stay as written. The step makes a forum of
/// each distinct forum word of the existing rules (trimmed, case aside), its cadence read from the
/// first rule (by UUID) whose cadence words name a schedule ("monthly", "quarterly", "every 2
/// weeks" …), unscheduled otherwise, and links those rules to it. A migrated forum's UUID is that
/// of the first rule naming it with the version digit set to 9, a migrated link's the rule's with
/// the version digit 9 and the variant digit c, so copies migrated apart agree on them. Deleting
/// a forum takes its members and rule links (the rules stay); deleting a role, partner or rule
/// takes its memberships and link.
const SCHEMA_V12: &str = r#"
CREATE TABLE forums (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid           TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    purpose        TEXT NOT NULL DEFAULT '',
    cadence_every  INTEGER CHECK (cadence_every BETWEEN 1 AND 99),
    cadence_unit   TEXT NOT NULL DEFAULT '',
    next_date      TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX forums_by_name ON forums (name);
CREATE TABLE forum_members (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid        TEXT NOT NULL UNIQUE,
    forum_id    INTEGER NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
    partner_id  INTEGER REFERENCES partners (id) ON DELETE CASCADE,
    role_id     INTEGER REFERENCES roles (id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX forum_members_by_forum ON forum_members (forum_id);
CREATE INDEX forum_members_by_partner ON forum_members (partner_id);
CREATE INDEX forum_members_by_role ON forum_members (role_id);
CREATE TABLE forum_rules (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid        TEXT NOT NULL UNIQUE,
    forum_id    INTEGER NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
    rule_id     INTEGER NOT NULL UNIQUE REFERENCES governance_rules (id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX forum_rules_by_forum ON forum_rules (forum_id);
WITH named AS (
    SELECT uuid, updated_at, trim(forum) AS name, lower(trim(forum)) AS word,
        lower(trim(cadence)) AS said
    FROM governance_rules WHERE trim(forum) != ''
),
parsed AS (
    SELECT uuid, word, CASE
        WHEN said IN ('weekly', 'every week') THEN 1
        WHEN said IN ('fortnightly', 'biweekly', 'bi-weekly', 'every fortnight',
            'every other week') THEN 2
        WHEN said IN ('monthly', 'every month') THEN 1
        WHEN said IN ('quarterly', 'every quarter') THEN 3
        WHEN said IN ('half-yearly', 'half yearly', 'semi-annually', 'semiannually',
            'twice a year', 'twice yearly', 'every half year') THEN 6
        WHEN said IN ('yearly', 'annually', 'annual', 'every year', 'once a year') THEN 12
        WHEN said GLOB 'every [1-9] week' OR said GLOB 'every [1-9] weeks'
            OR said GLOB 'every [1-9] month' OR said GLOB 'every [1-9] months'
            OR said GLOB 'every [1-9][0-9] week' OR said GLOB 'every [1-9][0-9] weeks'
            OR said GLOB 'every [1-9][0-9] month' OR said GLOB 'every [1-9][0-9] months'
            THEN CAST(substr(said, 7) AS INTEGER)
    END AS every, CASE
        WHEN said IN ('weekly', 'every week', 'fortnightly', 'biweekly', 'bi-weekly',
            'every fortnight', 'every other week') OR said GLOB 'every [1-9]* week*' THEN 'weeks'
        ELSE 'months'
    END AS unit
    FROM named
),
firsts AS (
    SELECT word, min(uuid) AS uuid FROM named GROUP BY word
),
scheduled AS (
    SELECT word, every, unit FROM parsed p
    WHERE every IS NOT NULL
        AND uuid = (SELECT min(uuid) FROM parsed q WHERE q.word = p.word AND q.every IS NOT NULL)
)
INSERT INTO forums (uuid, name, cadence_every, cadence_unit, created_at, updated_at)
    SELECT substr(f.uuid, 1, 14) || '9' || substr(f.uuid, 16), n.name, s.every,
        CASE WHEN s.every IS NULL THEN '' ELSE s.unit END, n.updated_at, n.updated_at
    FROM firsts f
    JOIN named n ON n.uuid = f.uuid
    LEFT JOIN scheduled s ON s.word = f.word
    ORDER BY n.name COLLATE NOCASE;
INSERT INTO forum_rules (uuid, forum_id, rule_id, created_at, updated_at)
    SELECT substr(r.uuid, 1, 14) || '9' || substr(r.uuid, 16, 4) || 'c' || substr(r.uuid, 21),
        f.id, r.id, r.updated_at, r.updated_at
    FROM governance_rules r JOIN forums f ON lower(f.name) = lower(trim(r.forum))
    WHERE trim(r.forum) != ''
    ORDER BY r.id;
"#;

/// Version 13: joint plans with strategic partners. Per partner, `joint_goals` say what both
/// commit to by when (status, and optionally the KPI it moves — which way the goal wants it and
/// to what target —, the offering, role and segment it is about); `joint_commitments` what each
/// side (`ours` / `theirs`) promises; `joint_milestones` the dated steps, done on a day. A
/// commitment or milestone may belong to one of the partner's joint goals. A deleted partner
/// takes its joint plan with it; a deleted KPI, offering or role only unlinks. Deleting a joint
/// goal unlinks its commitments and milestones in the same change: the link has no `ON DELETE`
/// action of its own, since a partner's cascade into its goals may set off no further action
/// (the connection allows one level of them).
const SCHEMA_V13: &str = r#"
-- The goals' table comes after the two that refer to it: a partner's delete records its
-- cascades table by table in the order they were made, and undo puts rows back in reverse, so
-- a goal is back before the commitments and milestones that name it.
CREATE TABLE joint_commitments (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid           TEXT NOT NULL UNIQUE,
    partner_id     INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    joint_goal_id  INTEGER REFERENCES joint_goals (id),
    side           TEXT NOT NULL DEFAULT 'ours',
    what           TEXT NOT NULL,
    due_on         TEXT,
    status         TEXT NOT NULL DEFAULT 'open',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX joint_commitments_by_partner ON joint_commitments (partner_id);
CREATE INDEX joint_commitments_by_goal ON joint_commitments (joint_goal_id);
CREATE TABLE joint_milestones (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid           TEXT NOT NULL UNIQUE,
    partner_id     INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    joint_goal_id  INTEGER REFERENCES joint_goals (id),
    title          TEXT NOT NULL,
    due_on         TEXT,
    status         TEXT NOT NULL DEFAULT 'planned',
    done_on        TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX joint_milestones_by_partner ON joint_milestones (partner_id);
CREATE INDEX joint_milestones_by_goal ON joint_milestones (joint_goal_id);
CREATE TABLE joint_goals (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid           TEXT NOT NULL UNIQUE,
    partner_id     INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    title          TEXT NOT NULL,
    commitment     TEXT NOT NULL DEFAULT '',
    due_on         TEXT,
    status         TEXT NOT NULL DEFAULT 'planned',
    kpi_id         INTEGER REFERENCES kpis (id) ON DELETE SET NULL,
    kpi_direction  TEXT NOT NULL DEFAULT '',
    kpi_target     REAL,
    offering_id    INTEGER REFERENCES offerings (id) ON DELETE SET NULL,
    role_id        INTEGER REFERENCES roles (id) ON DELETE SET NULL,
    segment        TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX joint_goals_by_partner ON joint_goals (partner_id);
CREATE INDEX joint_goals_by_kpi ON joint_goals (kpi_id);
CREATE INDEX joint_goals_by_offering ON joint_goals (offering_id);
CREATE INDEX joint_goals_by_role ON joint_goals (role_id);
"#;

/// Version 14: the trend radar of step 12 (future readiness). A trend has a category
/// (technology, market, regulation, society), a horizon (now, 1-2 years, 3-5 years), a likely
/// impact 1-5, a note on how the ecosystem may evolve, a review date and an `example` flag (the
/// examples a new workbook starts with, cleared when the user edits one). It touches roles,
/// partners or offerings (`trend_links`, exactly one of the three each) and has adaptability
/// actions. Deleting a trend takes its links and actions; deleting what a link names, the link.
const SCHEMA_V14: &str = r#"
CREATE TABLE trends (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid         TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    category     TEXT NOT NULL DEFAULT 'technology',
    horizon      TEXT NOT NULL DEFAULT '1-2 years',
    impact       INTEGER NOT NULL DEFAULT 3 CHECK (impact BETWEEN 1 AND 5),
    evolution    TEXT NOT NULL DEFAULT '',
    review_date  TEXT,
    example      INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX trends_by_name ON trends (name);
CREATE TABLE trend_links (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid         TEXT NOT NULL UNIQUE,
    trend_id     INTEGER NOT NULL REFERENCES trends (id) ON DELETE CASCADE,
    role_id      INTEGER REFERENCES roles (id) ON DELETE CASCADE,
    partner_id   INTEGER REFERENCES partners (id) ON DELETE CASCADE,
    offering_id  INTEGER REFERENCES offerings (id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    CHECK ((role_id IS NOT NULL) + (partner_id IS NOT NULL) + (offering_id IS NOT NULL) = 1)
);
CREATE INDEX trend_links_by_trend ON trend_links (trend_id);
CREATE INDEX trend_links_by_role ON trend_links (role_id);
CREATE INDEX trend_links_by_partner ON trend_links (partner_id);
CREATE INDEX trend_links_by_offering ON trend_links (offering_id);
CREATE TABLE trend_actions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid         TEXT NOT NULL UNIQUE,
    trend_id     INTEGER NOT NULL REFERENCES trends (id) ON DELETE CASCADE,
    title        TEXT NOT NULL,
    owner        TEXT NOT NULL DEFAULT '',
    due_date     TEXT,
    status       TEXT NOT NULL DEFAULT 'planned',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX trend_actions_by_trend ON trend_actions (trend_id);
"#;

/// Version 15: programmes per partner type. The criteria and checklist as they were are the
/// programme of every type; a type may give a criterion its own weight or make it a gate (or not)
/// in `criterion_type_weights` (NULL: as for every type), a checklist item may be limited to some
/// types in `onboarding_item_types` (an item with no row there is for every type), and a type may
/// carry a margin rate (percent of revenue) in `type_programmes` that its partners' value entries
/// take when neither the entry nor the partner has one. Types are the partners' own words,
/// compared without regard to case.
const SCHEMA_V15: &str = r#"
CREATE TABLE type_programmes (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid         TEXT NOT NULL UNIQUE,
    partner_type TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(partner_type) > 0),
    margin_rate  REAL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE TABLE criterion_type_weights (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid         TEXT NOT NULL UNIQUE,
    criterion_id INTEGER NOT NULL REFERENCES selection_criteria (id) ON DELETE CASCADE,
    partner_type TEXT NOT NULL COLLATE NOCASE CHECK (length(partner_type) > 0),
    weight       REAL CHECK (weight >= 0),
    is_gate      INTEGER CHECK (is_gate IN (0, 1)),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (criterion_id, partner_type)
);
CREATE INDEX criterion_type_weights_by_type ON criterion_type_weights (partner_type);
CREATE TABLE onboarding_item_types (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid         TEXT NOT NULL UNIQUE,
    item_id      INTEGER NOT NULL REFERENCES onboarding_items (id) ON DELETE CASCADE,
    partner_type TEXT NOT NULL COLLATE NOCASE CHECK (length(partner_type) > 0),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (item_id, partner_type)
);
CREATE INDEX onboarding_item_types_by_type ON onboarding_item_types (partner_type);
"#;

/// Version 16: a joint goal moves several KPIs and is about several offerings. `joint_goal_kpis`
/// (each KPI with the way the goal wants it and a target) and `joint_goal_offerings` link them,
/// one record a link (journaled, merged and exchanged like every record). Each link names the
/// goal's partner too, so deleting a partner takes its goals' links in the same single level of
/// cascades the connection allows (a goal's own delete removes its links first); the link to the
/// goal is checked at commit, so undo may put a goal and its links back in either order.
/// Deleting a KPI or an offering takes its links. The single `kpi_id`, `kpi_direction`,
/// `kpi_target` and `offering_id` of step 13 become links here and are then left empty and
/// unused (as step 9 did with the offerings' single links). A migrated link's UUID is the goal's
/// with the version digit set to a (and, for an offering, the variant digit to c), the same UUID
/// an older TOML file's `kpi` / `offering` key is read into (`layout::retired_link_uuid`).
const SCHEMA_V16: &str = r#"
DROP INDEX joint_goals_by_kpi;
DROP INDEX joint_goals_by_offering;
CREATE TABLE joint_goal_kpis (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid           TEXT NOT NULL UNIQUE,
    joint_goal_id  INTEGER NOT NULL REFERENCES joint_goals (id) DEFERRABLE INITIALLY DEFERRED,
    kpi_id         INTEGER NOT NULL REFERENCES kpis (id) ON DELETE CASCADE,
    partner_id     INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    kpi_direction  TEXT NOT NULL DEFAULT '',
    kpi_target     REAL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    UNIQUE (joint_goal_id, kpi_id)
);
CREATE INDEX joint_goal_kpis_by_kpi ON joint_goal_kpis (kpi_id);
CREATE INDEX joint_goal_kpis_by_partner ON joint_goal_kpis (partner_id);
CREATE TABLE joint_goal_offerings (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid           TEXT NOT NULL UNIQUE,
    joint_goal_id  INTEGER NOT NULL REFERENCES joint_goals (id) DEFERRABLE INITIALLY DEFERRED,
    offering_id    INTEGER NOT NULL REFERENCES offerings (id) ON DELETE CASCADE,
    partner_id     INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    UNIQUE (joint_goal_id, offering_id)
);
CREATE INDEX joint_goal_offerings_by_offering ON joint_goal_offerings (offering_id);
CREATE INDEX joint_goal_offerings_by_partner ON joint_goal_offerings (partner_id);
INSERT INTO joint_goal_kpis (uuid, joint_goal_id, kpi_id, partner_id, kpi_direction, kpi_target,
        created_at, updated_at)
    SELECT substr(uuid, 1, 14) || 'a' || substr(uuid, 16), id, kpi_id, partner_id,
        kpi_direction, kpi_target, updated_at, updated_at
    FROM joint_goals WHERE kpi_id IS NOT NULL;
INSERT INTO joint_goal_offerings (uuid, joint_goal_id, offering_id, partner_id, created_at,
        updated_at)
    SELECT substr(uuid, 1, 14) || 'a' || substr(uuid, 16, 4) || 'c' || substr(uuid, 21), id,
        offering_id, partner_id, updated_at, updated_at
    FROM joint_goals WHERE offering_id IS NOT NULL;
UPDATE joint_goals SET kpi_id = NULL, kpi_direction = '', kpi_target = NULL, offering_id = NULL
    WHERE kpi_id IS NOT NULL OR kpi_direction != '' OR kpi_target IS NOT NULL
        OR offering_id IS NOT NULL;
"#;
