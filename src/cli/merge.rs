//! `merge`, `merge-driver`, `send` and `snapshot` on the command line: copies that come back,
//! combined three-way with nothing lost silently.

use std::path::Path;

use super::{Failure, exit};
use crate::exchange::plan_file::PlanFile;
use crate::exchange::{self, ExchangeError};
use crate::plan::merge::Side;
use crate::plan::numbers::count_of;
use crate::plan::text::clean_message as sanitize;
use crate::workbook::merge::{Base, Choices, find_base, plan_lines, plan_merge};
use crate::workbook::{OpenOptions, SnapshotKind, Workbook};

/// Which side settles every conflict, from `--prefer`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Prefer {
    Ours,
    Theirs,
}

impl From<Prefer> for Side {
    fn from(prefer: Prefer) -> Side {
        match prefer {
            Prefer::Ours => Side::Ours,
            Prefer::Theirs => Side::Theirs,
        }
    }
}

fn exchange_failure(file: &Path, err: ExchangeError) -> Failure {
    super::interchange::exchange_failure(
        file,
        err,
        "merged",
        "Fix them in that copy, or export it again with partnerplan export --format toml.",
    )
}

/// `partnerplan merge OURS THEIRS`: plans the merge, prints it, and writes it unless it is a dry
/// run or a conflict is undecided.
pub fn merge(
    ours_path: &Path,
    theirs_path: &Path,
    dry_run: bool,
    prefer: Option<Prefer>,
) -> Result<(), Failure> {
    let theirs = PlanFile::open(theirs_path).map_err(|err| exchange_failure(theirs_path, err))?;
    let mut ours = Workbook::open(
        ours_path,
        OpenOptions {
            read_only: dry_run,
            create_if_missing: false,
        },
    )?;
    if ours.is_read_only() && !dry_run {
        return Err(Failure {
            code: exit::REFUSED,
            message: format!(
                "{} cannot be written ({}), so nothing was merged. Try --dry-run to see what a \
                 merge would do.",
                ours_path.display(),
                ours.notices().join(" ")
            ),
        });
    }
    let plan = {
        let base = find_base(&ours, &theirs.workbook).map_err(Failure::internal)?;
        plan_merge(&ours, &theirs.workbook, &base).map_err(Failure::internal)?
    };
    println!(
        "Merging {} into {}",
        theirs_path.display(),
        ours_path.display()
    );
    for line in plan_lines(&ours, &theirs.workbook, &plan) {
        println!("{}", sanitize(&line));
    }
    let (added, changed, deleted) = plan.counts();
    if !plan.problems.is_empty() {
        return Err(Failure::bad_input(format!(
            "{} holds {} that cannot be stored (listed above), so nothing was merged. Fix them \
             in that copy and merge again.",
            theirs_path.display(),
            count_of(plan.problems.len(), "value", "values")
        )));
    }
    if plan.is_empty() {
        println!(
            "Nothing to merge: {} holds nothing ours lacks.",
            theirs_path.display()
        );
        return Ok(());
    }
    if dry_run {
        println!(
            "Dry run, nothing was written: would add {added}, change {changed}, delete {deleted}; \
             {}.",
            count_of(
                plan.conflicts.len(),
                "conflict to decide",
                "conflicts to decide"
            )
        );
        return Ok(());
    }
    let choices = match prefer {
        Some(side) => Choices::prefer(side.into()),
        None if plan.conflicts.is_empty() => Choices::default(),
        None => {
            return Err(Failure::bad_input(format!(
                "{} to decide, so nothing was written. Settle them all with --prefer ours (keep \
                 this workbook's values) or --prefer theirs (take {}'s), or one by one in the \
                 app (Ctrl-o, then the merge review).",
                count_of(plan.conflicts.len(), "conflict", "conflicts"),
                theirs_path.display()
            )));
        }
    };
    let label = format!("merge {}", file_name(theirs_path));
    let outcome = ours
        .apply_merge(&plan, &choices, &label)
        .map_err(Failure::internal)?;
    if let Some(side) = choices.prefer
        && !plan.conflicts.is_empty()
    {
        println!(
            "Settled {} with {}.",
            count_of(plan.conflicts.len(), "conflict", "conflicts"),
            side.word()
        );
    }
    for (old, new) in &outcome.renumbered {
        println!("  risk {old} of theirs is {new} here: its code was taken");
    }
    for dropped in &outcome.dropped {
        println!("  left out {}", sanitize(dropped));
    }
    println!(
        "Merged: {} added, {} changed, {} deleted. One change: undo in the app takes it all back.",
        outcome.added, outcome.changed, outcome.deleted
    );
    Ok(())
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `partnerplan merge-driver BASE OURS THEIRS`, as git calls a merge driver (`%O %A %B`): the
/// three TOML texts merged record by record; the result replaces OURS. A conflict it cannot settle
/// leaves OURS as it was, prints a readable report and exits 1 — never conflict markers in TOML.
pub fn merge_driver(base: &Path, ours: &Path, theirs: &Path) -> Result<(), Failure> {
    let open = |path: &Path| PlanFile::open_text(path).map_err(|err| exchange_failure(path, err));
    let base_plan = open(base)?;
    let mut ours_plan = open(ours)?;
    let theirs_plan = open(theirs)?;
    let plan = plan_merge(
        &ours_plan.workbook,
        &theirs_plan.workbook,
        &Base::Plan(&base_plan.workbook),
    )
    .map_err(Failure::internal)?;
    if !plan.conflicts.is_empty() {
        let mut message = format!(
            "{} in {}; the file was left as this branch has it. Decide each one, edit the file, \
             then `git add` it:",
            count_of(plan.conflicts.len(), "conflict", "conflicts"),
            ours.display()
        );
        let books = [&ours_plan.workbook, &theirs_plan.workbook];
        for (index, conflict) in plan.conflicts.iter().enumerate() {
            message.push_str(&format!(
                "\n  [{}] {}",
                index + 1,
                crate::workbook::merge::conflict_words(books, conflict)
            ));
        }
        return Err(Failure::bad_input(sanitize(&message)));
    }
    ours_plan
        .workbook
        .apply_merge(&plan, &Choices::default(), "merge")
        .map_err(Failure::internal)?;
    let text = exchange::toml::render(&ours_plan.workbook.dump().map_err(Failure::internal)?)
        .map_err(|err| Failure::internal(err.into()))?;
    super::interchange::write_file(ours, text.as_bytes())
}

/// `partnerplan send WORKBOOK COPY`: a copy for someone else, which remembers the state it was
/// taken from so that it merges back three-way.
pub fn send(workbook: &Path, copy: &Path) -> Result<(), Failure> {
    let mut wb = Workbook::open(workbook, OpenOptions::default())?;
    let hand_off = wb
        .send_copy(copy)
        .map_err(|err| Failure::bad_input(format!("cannot write {}: {err:#}", copy.display())))?;
    println!(
        "Wrote {} for sending (hand-off {}). When it comes back: partnerplan merge {} {}",
        copy.display(),
        &hand_off[..8.min(hand_off.len())],
        workbook.display(),
        copy.display()
    );
    Ok(())
}

/// What `snapshot` was asked to do.
#[derive(Debug, Clone)]
pub enum SnapshotRequest {
    Take(String),
    List,
    Remove(String),
}

/// `partnerplan snapshot WORKBOOK --label L` (or `--list`, `--remove L`).
pub fn snapshot(workbook: &Path, request: &SnapshotRequest) -> Result<(), Failure> {
    let read_only = matches!(request, SnapshotRequest::List);
    let mut wb = Workbook::open(
        workbook,
        OpenOptions {
            read_only,
            create_if_missing: false,
        },
    )?;
    match request {
        SnapshotRequest::Take(label) => {
            let label = label.trim();
            if label.is_empty() {
                return Err(Failure::bad_input(
                    "a snapshot needs a label, e.g. --label \"SteerCo 2026-12\".",
                ));
            }
            let taken = wb
                .take_snapshot(SnapshotKind::Labelled, label)
                .map_err(Failure::internal)?;
            println!(
                "Kept snapshot \"{}\" of {} ({}, {} KB).",
                sanitize(label),
                workbook.display(),
                count_of(taken.records as usize, "record", "records"),
                (taken.bytes + 1023) / 1024
            );
        }
        SnapshotRequest::List => {
            let all = wb.snapshots().map_err(Failure::internal)?;
            if all.is_empty() {
                println!("{} keeps no snapshots.", workbook.display());
            }
            for s in all {
                let name = if s.label.is_empty() {
                    s.kind.word().to_string()
                } else {
                    format!("\"{}\"", sanitize(&s.label))
                };
                println!(
                    "  {}  {}  {name}  {} · {} KB",
                    &s.uuid[..8.min(s.uuid.len())],
                    s.created_at
                        .get(..16)
                        .unwrap_or(&s.created_at)
                        .replace('T', " "),
                    count_of(s.records as usize, "record", "records"),
                    (s.bytes + 1023) / 1024
                );
            }
        }
        SnapshotRequest::Remove(label) => {
            let found = wb
                .find_snapshot(label)
                .map_err(Failure::internal)?
                .ok_or_else(|| {
                    Failure::bad_input(format!(
                        "{} keeps no snapshot called \"{}\"; `partnerplan snapshot {} --list` \
                         lists them.",
                        workbook.display(),
                        sanitize(label),
                        workbook.display()
                    ))
                })?;
            wb.remove_snapshot(&found.uuid).map_err(Failure::internal)?;
            println!("Removed snapshot \"{}\".", sanitize(label));
        }
    }
    Ok(())
}
