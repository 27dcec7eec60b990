//! The workbook's schema as ordered migration steps; step N leaves the file at `user_version` N.
//! Step 1, the whole first schema, is in `first.rs`, steps 2 to 11 in `earlier.rs`; the steps
//! after them are here, and a new step goes at the end of this file and of `MIGRATIONS`.

mod earlier;
mod first;

use earlier::{
    SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, SCHEMA_V6, SCHEMA_V7, SCHEMA_V8, SCHEMA_V9,
    SCHEMA_V10, SCHEMA_V11,
};
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
