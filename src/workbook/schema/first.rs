//! Schema step 1: the plan's tables as the first version made them, with the conventions every
//! later step keeps.

// Conventions: every record has `id` (integer key, never reused thanks to AUTOINCREMENT, so undo can
// restore a row with the same key its links point at), `uuid` (stable across copies, for merging)
// and `created_at` / `updated_at` (UTC, RFC 3339 with milliseconds). Text columns are NOT NULL with
// '' as "empty" so sorting and keyset paging never meet NULLs; vocabulary columns hold readable words
// (e.g. 'active'), not codes, and carry no CHECK so values added by the user or another tool survive.
pub(super) const SCHEMA_V1: &str = r#"
CREATE TABLE workbook_meta (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    uuid                TEXT NOT NULL UNIQUE,
    title               TEXT NOT NULL DEFAULT '',
    organisation        TEXT NOT NULL DEFAULT '',
    author              TEXT NOT NULL DEFAULT '',
    created_by_version  TEXT NOT NULL,
    written_by_version  TEXT NOT NULL,
    next_risk_number    INTEGER NOT NULL DEFAULT 1,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);

CREATE TABLE strategy (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    uuid                TEXT NOT NULL UNIQUE,
    mission_problem     TEXT NOT NULL DEFAULT '',
    mission_value       TEXT NOT NULL DEFAULT '',
    vision              TEXT NOT NULL DEFAULT '',
    value_what          TEXT NOT NULL DEFAULT '',
    value_why           TEXT NOT NULL DEFAULT '',
    alignment_rating    INTEGER CHECK (alignment_rating BETWEEN 1 AND 5),
    alignment_note      TEXT NOT NULL DEFAULT '',
    adaptability_rating INTEGER CHECK (adaptability_rating BETWEEN 1 AND 5),
    adaptability_note   TEXT NOT NULL DEFAULT '',
    shared_value_rating INTEGER CHECK (shared_value_rating BETWEEN 1 AND 5),
    shared_value_note   TEXT NOT NULL DEFAULT '',
    model               TEXT NOT NULL DEFAULT '',
    model_rationale     TEXT NOT NULL DEFAULT '',
    decision_answers    TEXT NOT NULL DEFAULT '{}',
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);

CREATE TABLE goals (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid         TEXT NOT NULL UNIQUE,
    title        TEXT NOT NULL,
    horizon      TEXT NOT NULL DEFAULT 'short',
    description  TEXT NOT NULL DEFAULT '',
    target_date  TEXT,
    status       TEXT NOT NULL DEFAULT 'planned',
    position     INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

CREATE TABLE resources (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid            TEXT NOT NULL UNIQUE,
    kind            TEXT NOT NULL,
    name            TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    estimated_cost_minor INTEGER,
    status          TEXT NOT NULL DEFAULT 'planned',
    owner           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

CREATE TABLE governance_rules (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid        TEXT NOT NULL UNIQUE,
    topic       TEXT NOT NULL,
    rule        TEXT NOT NULL,
    forum       TEXT NOT NULL DEFAULT '',
    cadence     TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE data_protocols (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid                TEXT NOT NULL UNIQUE,
    data_item           TEXT NOT NULL,
    purpose             TEXT NOT NULL DEFAULT '',
    access_level        TEXT NOT NULL DEFAULT 'hidden',
    access_method       TEXT NOT NULL DEFAULT '',
    sensitivity         TEXT NOT NULL DEFAULT 'internal',
    protection_measures TEXT NOT NULL DEFAULT '',
    review_date         TEXT,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);

CREATE TABLE partners (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid                 TEXT NOT NULL UNIQUE,
    name                 TEXT NOT NULL COLLATE NOCASE CHECK (length(name) > 0),
    partner_type         TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
    sector               TEXT NOT NULL DEFAULT '',
    stage                TEXT NOT NULL DEFAULT 'prospect' COLLATE NOCASE,
    tier                 TEXT NOT NULL DEFAULT '',
    region               TEXT NOT NULL DEFAULT '',
    owner                TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
    contact_name         TEXT NOT NULL DEFAULT '',
    contact_email        TEXT NOT NULL DEFAULT '',
    website              TEXT NOT NULL DEFAULT '',
    contributes          TEXT NOT NULL DEFAULT '',
    gains                TEXT NOT NULL DEFAULT '',
    agreement_start      TEXT,
    agreement_end        TEXT,
    notes                TEXT NOT NULL DEFAULT '',
    checkin_cadence_days INTEGER CHECK (checkin_cadence_days > 0),
    -- Kept up to date by every write that changes them, so the roster never recomputes per frame:
    -- (-1 in fit_score and onboarding_pct means "none yet"; NOT NULL so they can be sort keys.)
    fit_score            REAL NOT NULL DEFAULT -1,
    gated_out            INTEGER NOT NULL DEFAULT 0 CHECK (gated_out IN (0, 1)),
    onboarding_pct       INTEGER NOT NULL DEFAULT -1,
    last_checkin         TEXT,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);
-- Sort columns carry NOCASE themselves, so keyset conditions such as (stage, name, id) > (?, ?, ?)
-- can seek in these indexes (a COLLATE inside a row value would force a scan).
CREATE INDEX partners_by_name  ON partners (name);
CREATE INDEX partners_by_type  ON partners (partner_type, name);
CREATE INDEX partners_by_stage ON partners (stage, name);
CREATE INDEX partners_by_owner ON partners (owner, name);
CREATE INDEX partners_by_fit   ON partners (fit_score, name);
CREATE INDEX partners_by_onboarding ON partners (onboarding_pct, name);
CREATE INDEX partners_by_last_checkin ON partners (last_checkin, name);
CREATE TABLE data_protocol_recipients (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid         TEXT NOT NULL UNIQUE,
    protocol_id  INTEGER NOT NULL REFERENCES data_protocols (id) ON DELETE CASCADE,
    partner_id   INTEGER REFERENCES partners (id) ON DELETE CASCADE,
    role_id      INTEGER REFERENCES roles (id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    CHECK ((partner_id IS NULL) <> (role_id IS NULL))
);
CREATE INDEX data_protocol_recipients_by_protocol ON data_protocol_recipients (protocol_id);
CREATE INDEX data_protocol_recipients_by_partner ON data_protocol_recipients (partner_id);
CREATE INDEX data_protocol_recipients_by_role ON data_protocol_recipients (role_id);

CREATE TABLE selection_criteria (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid             TEXT NOT NULL UNIQUE,
    name             TEXT NOT NULL,
    description      TEXT NOT NULL DEFAULT '',
    weight           REAL NOT NULL DEFAULT 1 CHECK (weight >= 0),
    weight_rationale TEXT NOT NULL DEFAULT '',
    is_gate          INTEGER NOT NULL DEFAULT 0 CHECK (is_gate IN (0, 1)),
    position         INTEGER NOT NULL DEFAULT 0,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);

CREATE TABLE criterion_scores (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid          TEXT NOT NULL UNIQUE,
    partner_id    INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    criterion_id  INTEGER NOT NULL REFERENCES selection_criteria (id) ON DELETE CASCADE,
    score         INTEGER CHECK (score BETWEEN 1 AND 5),
    passed        INTEGER CHECK (passed IN (0, 1)),
    evidence      TEXT NOT NULL DEFAULT '',
    scored_on     TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    UNIQUE (partner_id, criterion_id)
);
CREATE INDEX criterion_scores_by_criterion ON criterion_scores (criterion_id);

CREATE TABLE onboarding_items (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid         TEXT NOT NULL UNIQUE,
    title        TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    position     INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

CREATE TABLE partner_onboarding (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid         TEXT NOT NULL UNIQUE,
    partner_id   INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    item_id      INTEGER NOT NULL REFERENCES onboarding_items (id) ON DELETE CASCADE,
    status       TEXT NOT NULL DEFAULT 'pending',
    status_date  TEXT,
    note         TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (partner_id, item_id)
);
CREATE INDEX partner_onboarding_by_item ON partner_onboarding (item_id);

CREATE TABLE checkins (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid        TEXT NOT NULL UNIQUE,
    partner_id  INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    held_on     TEXT NOT NULL,
    summary     TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX checkins_by_partner ON checkins (partner_id, held_on);

CREATE TABLE roles (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid             TEXT NOT NULL UNIQUE,
    parent_id        INTEGER REFERENCES roles (id) ON DELETE RESTRICT,
    is_hub           INTEGER NOT NULL DEFAULT 0 CHECK (is_hub IN (0, 1)),
    name             TEXT NOT NULL,
    description      TEXT NOT NULL DEFAULT '',
    criticality      TEXT NOT NULL DEFAULT 'medium',
    min_partners     INTEGER NOT NULL DEFAULT 1 CHECK (min_partners >= 0),
    status_override  TEXT NOT NULL DEFAULT '',
    status_reason    TEXT NOT NULL DEFAULT '',
    position         INTEGER NOT NULL DEFAULT 0,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX roles_by_parent ON roles (parent_id, position);

CREATE TABLE role_assignments (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid        TEXT NOT NULL UNIQUE,
    partner_id  INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    role_id     INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (partner_id, role_id)
);
CREATE INDEX role_assignments_by_role ON role_assignments (role_id, kind);

CREATE TABLE risks (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid                 TEXT NOT NULL UNIQUE,
    number               INTEGER NOT NULL UNIQUE,
    code                 TEXT NOT NULL UNIQUE,
    title                TEXT NOT NULL COLLATE NOCASE,
    cause                TEXT NOT NULL DEFAULT '',
    event                TEXT NOT NULL DEFAULT '',
    consequence          TEXT NOT NULL DEFAULT '',
    category             TEXT NOT NULL DEFAULT '',
    partner_id           INTEGER REFERENCES partners (id) ON DELETE SET NULL,
    role_id              INTEGER REFERENCES roles (id) ON DELETE SET NULL,
    inherent_likelihood  INTEGER CHECK (inherent_likelihood BETWEEN 1 AND 5),
    inherent_impact      INTEGER CHECK (inherent_impact BETWEEN 1 AND 5),
    treatment            TEXT NOT NULL DEFAULT '',
    residual_likelihood  INTEGER CHECK (residual_likelihood BETWEEN 1 AND 5),
    residual_impact      INTEGER CHECK (residual_impact BETWEEN 1 AND 5),
    owner                TEXT NOT NULL DEFAULT '',
    status               TEXT NOT NULL DEFAULT 'open',
    next_review          TEXT,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);
CREATE INDEX risks_by_partner ON risks (partner_id);
CREATE INDEX risks_by_role ON risks (role_id);
CREATE INDEX risks_by_title ON risks (title);
CREATE INDEX risks_by_status ON risks (status, next_review);

CREATE TABLE risk_mitigations (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid        TEXT NOT NULL UNIQUE,
    risk_id     INTEGER NOT NULL REFERENCES risks (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX risk_mitigations_by_risk ON risk_mitigations (risk_id, position);

CREATE TABLE risk_score_history (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid                 TEXT NOT NULL UNIQUE,
    risk_id              INTEGER NOT NULL REFERENCES risks (id) ON DELETE CASCADE,
    recorded_at          TEXT NOT NULL,
    inherent_likelihood  INTEGER,
    inherent_impact      INTEGER,
    residual_likelihood  INTEGER,
    residual_impact      INTEGER,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);
CREATE INDEX risk_score_history_by_risk ON risk_score_history (risk_id, recorded_at);

CREATE TABLE kpis (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid         TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    category     TEXT NOT NULL DEFAULT '',
    horizon      TEXT NOT NULL DEFAULT 'short',
    unit         TEXT NOT NULL DEFAULT '',
    direction    TEXT NOT NULL DEFAULT 'higher',
    baseline     REAL,
    target       REAL,
    target_date  TEXT,
    owner        TEXT NOT NULL DEFAULT '',
    goal_id      INTEGER REFERENCES goals (id) ON DELETE SET NULL,
    live_source  TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX kpis_by_goal ON kpis (goal_id);

CREATE TABLE kpi_measurements (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid         TEXT NOT NULL UNIQUE,
    kpi_id       INTEGER NOT NULL REFERENCES kpis (id) ON DELETE CASCADE,
    measured_on  TEXT NOT NULL,
    value        REAL NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX kpi_measurements_by_kpi ON kpi_measurements (kpi_id, measured_on);

CREATE TABLE investments (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid          TEXT NOT NULL UNIQUE,
    spent_on      TEXT NOT NULL,
    item          TEXT NOT NULL,
    amount_minor  INTEGER NOT NULL,
    category      TEXT NOT NULL DEFAULT '',
    partner_id    INTEGER REFERENCES partners (id) ON DELETE SET NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX investments_by_date ON investments (spent_on);
CREATE INDEX investments_by_partner ON investments (partner_id);

CREATE TABLE value_log (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid          TEXT NOT NULL UNIQUE,
    logged_on     TEXT NOT NULL,
    partner_id    INTEGER REFERENCES partners (id) ON DELETE SET NULL,
    kind          TEXT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    amount_minor  INTEGER,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX value_log_by_date ON value_log (logged_on);
CREATE INDEX value_log_by_partner ON value_log (partner_id);

CREATE TABLE framework_progress (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid          TEXT NOT NULL UNIQUE,
    step_key      TEXT NOT NULL UNIQUE,
    note          TEXT NOT NULL DEFAULT '',
    manual_state  TEXT NOT NULL DEFAULT '',
    reason        TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

CREATE TABLE vocabulary_terms (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid        TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL,
    term        TEXT NOT NULL COLLATE NOCASE,
    position    INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (kind, term)
);

CREATE TABLE change_journal (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid        TEXT NOT NULL UNIQUE,
    label       TEXT NOT NULL,
    undone      INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
    created_at  TEXT NOT NULL
);
CREATE INDEX change_journal_by_state ON change_journal (undone, id);

CREATE TABLE change_journal_rows (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    entry_id     INTEGER NOT NULL REFERENCES change_journal (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    table_name   TEXT NOT NULL,
    row_uuid     TEXT NOT NULL,
    before_json  TEXT,
    after_json   TEXT
);
CREATE INDEX change_journal_rows_by_entry ON change_journal_rows (entry_id, position);

CREATE TABLE view_state (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) WITHOUT ROWID;
"#;
