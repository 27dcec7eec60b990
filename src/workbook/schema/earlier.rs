//! Schema steps 2 to 11: check-ins, risks, metrics, copies, imports, ecosystem, scenarios, ROI.

/// Version 2: the next check-in date is kept per partner, so the roster can sort by it through an
/// index. It is last check-in + the partner's cadence, or the default cadence recorded in
/// `workbook_meta` (the configured one, brought up to date when the app opens the file).
/// '' means "no check-in yet".
pub(super) const SCHEMA_V2: &str = r#"
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
pub(super) const SCHEMA_V3: &str = r#"
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
pub(super) const SCHEMA_V4: &str = r#"
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
pub(super) const SCHEMA_V5: &str = r#"
CREATE INDEX partners_with_gains ON partners (name)
    WHERE stage NOT IN ('exited', 'declined') AND trim(gains, char(32, 9, 10, 13)) != '';
"#;

/// Version 6: copies that come back. `lineage` lists, newest first, the hand-offs this plan
/// descends from (the ids of snapshots taken when a copy was sent), so a merge can find the common
/// base of two copies. A deleted record leaves a tombstone (its uuid, its table, when), which
/// travels in the text like a record, so deletions merge like edits. Snapshots keep a whole plan
/// inside the workbook — labelled ones for "what changed since", hand-offs as merge bases —
/// as compressed chunks of records in UUID order, so they are read back one chunk at a time.
pub(super) const SCHEMA_V6: &str = r#"
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
pub(super) const SCHEMA_V7: &str = r#"
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
pub(super) const SCHEMA_V8: &str = r#"
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
pub(super) const SCHEMA_V9: &str = r#"
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
pub(super) const SCHEMA_V10: &str = r#"
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
pub(super) const SCHEMA_V11: &str = r#"
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
