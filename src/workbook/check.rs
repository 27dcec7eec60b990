//! `partnerplan check`: validate a received file without changing it, and summarise what it holds.

use std::path::Path;

use rusqlite::Connection;

use super::Refusal;
use super::connection::{self, Access};
use super::header;
use super::inspect::{Depth, check_deadline, ran_out_of_time, set_deadline};
use super::open::{OpenError, inspect, open_failure, sibling};
use super::schema::latest_version;

/// What `check` found in a file that passed every test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    pub schema_version: i64,
    pub latest_version: i64,
    pub wal_mode: bool,
    /// Rows per table, in schema order.
    pub counts: Vec<(String, i64)>,
    /// What is worth a look though the file is safe (e.g. a both-way link recorded twice), as
    /// sentences with the way out.
    pub notes: Vec<String>,
}

/// The tables `check` counts, in the order of DESIGN §4.
const COUNTED: &[&str] = &[
    "goals",
    "resources",
    "governance_rules",
    "data_protocols",
    "partners",
    "selection_criteria",
    "criterion_scores",
    "onboarding_items",
    "type_programmes",
    "criterion_type_weights",
    "onboarding_item_types",
    "partner_onboarding",
    "checkins",
    "roles",
    "role_assignments",
    "risks",
    "risk_mitigations",
    "risk_score_history",
    "risk_dismissals",
    "kpis",
    "kpi_measurements",
    "investments",
    "value_log",
    "partner_links",
    "offerings",
    "offering_members",
    "offering_goals",
    "offering_kpis",
    "scenarios",
    "scenario_events",
    "forums",
    "forum_members",
    "forum_rules",
    "joint_goals",
    "joint_commitments",
    "joint_milestones",
    "joint_goal_kpis",
    "joint_goal_offerings",
    "trends",
    "trend_links",
    "trend_actions",
    "framework_progress",
    "change_journal",
];

/// Runs every check `open` runs, read-only, and counts the records. Never writes to the file.
pub fn check(path: &Path) -> Result<CheckReport, OpenError> {
    // Only a path that is really not there is bad input; one that cannot be looked at (a folder
    // on its path cannot be entered) is refused for lack of permission by `read_header`.
    if std::fs::symlink_metadata(path).is_err_and(|err| err.kind() == std::io::ErrorKind::NotFound)
    {
        return Err(OpenError::BadInput(format!(
            "{} does not exist. Check the path.",
            path.display()
        )));
    }
    let header = header::read_header(path)?;
    // A journal beside the file is tried on a private copy: one that does not roll back into a
    // sound workbook is refused as such, so nobody is told to open the file and let it damage it.
    if let Some(journal) = super::recovery::journal_beside(path)? {
        super::recovery::recover_on_copy(path, &journal, super::schema::MIGRATIONS)?;
    }
    if header.wal_mode && sibling(path, "-wal").exists() {
        // Reading a WAL file's changes takes a -shm beside it, which a read-only connection
        // cannot remove again: the file and its -wal are read as a private copy instead.
        let copy = super::recovery::private_copy(path, &["-wal"]).map_err(|err| {
            OpenError::Failed(anyhow::Error::new(err).context(format!(
                "copying {} and its -wal to a private folder to check them there",
                path.display()
            )))
        })?;
        return check_file(&copy.file, header, Access::ReadOnly).map_err(|err| match err {
            OpenError::Refused(refusal) => OpenError::Refused(refusal.at(path)),
            other => other,
        });
    }
    let access = if header.wal_mode {
        Access::Immutable
    } else {
        Access::ReadOnly
    };
    check_file(path, header, access)
}

/// The checks of `check` on `path`, read with `access`.
fn check_file(
    path: &Path,
    header: header::Header,
    access: Access,
) -> Result<CheckReport, OpenError> {
    let version = inspect(path, access, super::schema::MIGRATIONS, Depth::Whole)?;
    let mut conn =
        connection::open(path, access).map_err(|err| open_failure(path, err, "opening"))?;
    let limit = check_deadline(path);
    set_deadline(&mut conn, limit).map_err(|err| open_failure(path, err, "opening"))?;
    // `inspect` read every value of a current file; an older one's are read here.
    let values_read = if version < latest_version() {
        super::content::check_content(path, &conn)
    } else {
        Ok(())
    };
    let counted = values_read
        .and_then(|()| count_records(path, &conn))
        .and_then(|counts| {
            let mut notes = super::check_links::link_notes(&conn)
                .map_err(|err| open_failure(path, err, "reading the links between partners"))?;
            notes.extend(
                super::forums::forum_notes(&conn)
                    .map_err(|err| open_failure(path, err, "reading the governance forums"))?,
            );
            notes.extend(
                super::joint::joint_notes(&conn)
                    .map_err(|err| open_failure(path, err, "reading the joint plans"))?,
            );
            Ok((counts, notes))
        });
    if let Err(err) = &counted
        && ran_out_of_time(err)
    {
        return Err(Refusal::TooSlow {
            path: path.to_path_buf(),
            seconds: limit.as_secs(),
        }
        .into());
    }
    let (counts, notes) = counted?;
    Ok(CheckReport {
        schema_version: version,
        latest_version: latest_version(),
        wal_mode: header.wal_mode,
        counts,
        notes,
    })
}

/// Rows per counted table present in the file.
fn count_records(path: &Path, conn: &Connection) -> Result<Vec<(String, i64)>, OpenError> {
    let mut counts = Vec::new();
    for table in COUNTED {
        // An older schema (already compared with what its steps produce) may not have the table.
        let present: bool = conn
            .query_row(
                "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                [table],
                |row| row.get(0),
            )
            .map_err(|err| open_failure(path, err, "counting"))?;
        if !present {
            continue;
        }
        // Table names come from the list above, never from the file.
        let count: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
                row.get(0)
            })
            .map_err(|err| open_failure(path, err, "counting"))?;
        counts.push(((*table).to_string(), count));
    }
    Ok(counts)
}
