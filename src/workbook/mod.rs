//! The workbook file: opening it safely, its schema, and the queries every tab reads and writes.

mod background;
mod backup;
mod check;
mod check_links;
mod compare;
mod concentration;
mod connection;
mod content;
mod criteria;
mod derived;
pub mod dump;
mod ecosystem;
mod forums;
mod forums_agenda;
#[cfg(any(test, feature = "test-support"))]
mod generate;
mod guide;
mod header;
mod import_partners;
mod inspect;
pub mod intake;
mod joint;
mod journal;
mod known_sound;
mod kpis;
pub mod layout;
mod lineage;
pub mod merge;
mod meta;
mod migrate;
mod money;
mod onboarding;
mod onboarding_types;
mod open;
mod overview;
mod paging;
mod partners;
mod recovery;
mod refusal;
mod registers;
mod report_data;
mod restore;
mod risks;
mod roles;
mod scenarios;
pub mod schema;
mod search;
mod selection;
mod selection_types;
mod snapshot;
mod strategy;
mod template;
mod trends;
mod value_maps;
mod view_state;
mod vocabulary;
mod whatif;

use std::fs::File;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use background::{Background, Heard};
pub use check::{CheckReport, check};
pub use compare::{RecordChange, TableChanges};
pub use ecosystem::{
    EcosystemNetwork, FORMER_STAGES, HUB, LinkRecord, MemberRecord, NetworkChanges, NetworkElement,
    NetworkMark, OfferingRecord,
};
pub use forums::ForumRecord;
pub use forums_agenda::{AgendaFacts, KpiConcern, LapsedCheckin, ReviewDue};
#[cfg(test)]
pub(crate) use generate::Rng;
#[cfg(any(test, feature = "test-support"))]
pub use generate::{
    GeneratedRisks, GeneratedRoles, generate_links, generate_risks, generate_roles,
    generate_workbook,
};
pub use guide::GuideReport;
pub use import_partners::{PartnerImport, PartnerKey};
pub use joint::{CommitmentRecord, JointGoalRecord, JointPlan, MilestoneRecord};
pub use journal::JournalMark;
pub use journal::{ForeignKeys, UndoOutcome};
pub use known_sound::{FileStamp, KnownSound};
pub use kpis::{
    GoalKpiStatus, KPI_WINDOW_MAX, KpiBenchmarkLine, KpiRecord, KpiRow, LiveContext,
    MeasurementRecord,
};
pub use lineage::{lineage_ids, lineage_text, no_hand_off};
pub use meta::WorkbookMeta;
pub use migrate::{migrate, schema_of, user_version};
pub use money::{
    InvestmentDraft, InvestmentRecord, PartnerRoi, ROI_PARTNERS_MAX, RoiOverTime, RoiSummary,
    ValueDraft, ValueRecord,
};
pub use onboarding::{Checkin, ChecklistLine};
pub use onboarding_types::ItemReach;
pub use open::{OpenError, OpenOptions};
pub use overview::{
    DUE_WITHIN_DAYS, EcosystemFigures, FIT_BUCKETS, FitCounts, OnboardingCounts, Overview,
    OverviewQuery, OverviewReading, RoleGap, TopRisk, due_this_week,
};
pub use paging::{Keyed, Page, PageKey};
pub use partners::{DueBy, Facets, PartnerPageQuery, PartnerRow, PartnerSort, RosterCounts};
pub use refusal::Refusal;
pub use registers::{Register, RegisterColumn};
pub use report_data::{KpiSheet, PartnerSheetRow, RiskSheetRow, RosterBreakdown};
pub use restore::{RestoreReport, RestoredTable, Restoring};
pub use risks::{RiskCounts, RiskFacets, RiskPageQuery, RiskRecord, RiskRow, RiskSort};
pub use roles::{
    AssignmentCell, Holder, RoleChanges, RoleDeleteImpact, RoleRecord, TemplateReport,
};
pub use scenarios::{ScenarioEvent, ScenarioRecord};
pub use selection::{CriterionRecord, ScoreRecord};
pub use selection_types::TypedCriterion;
pub use snapshot::{SnapshotInfo, SnapshotKind};
pub use strategy::{
    GoalRecord, GovernanceRecord, PartnerGain, PartnerGains, ProtocolRecord, ResourceRecord,
    SharedWith,
};
pub use template::TemplateItem;
pub use trends::{Touched, TrendActionRecord, TrendRecord};
pub use value_maps::{Remembered, remembered_key};

/// An open workbook. Only one writable `Workbook` per file exists across all processes.
pub struct Workbook {
    // Field order matters: the connection closes before the writer lock is released, so no
    // other process can start writing while SQLite still holds the file.
    conn: Connection,
    path: PathBuf,
    read_only: bool,
    notices: Vec<String>,
    foreign_keys: ForeignKeys,
    search: search::SearchIndex,
    risk_search: search::SearchIndex,
    /// SQLite's `data_version` when opened: another connection's commit changes it.
    data_version: i64,
    /// Whether opening read every page and value (else the file was known sound).
    read_whole: bool,
    _writer_lock: Option<File>,
}

impl Workbook {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether opening read the whole file (every page and value); `false` when it was a file
    /// this app had left sound and that had not changed since (`Workbook::open_known`).
    pub fn was_read_whole(&self) -> bool {
        self.read_whole
    }

    /// The file name as shown in the tab bar.
    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Things the user should hear about opening: a switch out of WAL mode, a migration, read-only.
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    /// Direct read access for the integration tests and benches (the `test-support` feature);
    /// the app reads through the workbook's own methods.
    #[cfg(any(test, feature = "test-support"))]
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    fn refuse_write(&self) -> anyhow::Result<()> {
        if self.read_only {
            anyhow::bail!(
                "{} is open read-only, so nothing was changed. Reopen it without --read-only to edit.",
                self.file_name()
            );
        }
        Ok(())
    }
}

/// Now, as stored in `created_at` / `updated_at`: UTC, RFC 3339 with milliseconds.
pub fn timestamp_now() -> String {
    jiff::Timestamp::now()
        .strftime("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

/// Any stored value as text: a hand-edited file may hold a number or NULL where we write text.
fn text(value: rusqlite::types::Value) -> String {
    use rusqlite::types::Value;
    match value {
        Value::Text(s) => s,
        Value::Integer(n) => n.to_string(),
        Value::Real(x) => x.to_string(),
        Value::Blob(b) => String::from_utf8_lossy(&b).into_owned(),
        Value::Null => String::new(),
    }
}

/// A new record's stable id: a time-ordered UUID (version 7), so a batch of new rows is appended
/// to the uuid index instead of scattered over it, and ids made in this process never repeat.
pub fn new_uuid() -> String {
    uuid::Uuid::now_v7().to_string()
}
