//! A governance forum's meeting agenda, written from the plan (Markdown or HTML): decisions due,
//! risk reviews due, KPIs off track or at risk, lapsed check-ins, joint-plan milestones due and
//! what changed since the forum last met. Used by `partnerplan agenda` and the Strategy tab.

mod render;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use jiff::civil::Date;

pub use render::render;

use super::diff::DiffSettings;
use super::since;
use crate::plan::forum::{NextMeeting, next_meeting, previous_meeting};
use crate::plan::money::Currency;
use crate::plan::risk::Bands;
use crate::plan::text::clean;
use crate::workbook::{AgendaFacts, ForumRecord, SnapshotInfo, Workbook};

/// The file an agenda is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgendaFormat {
    Markdown,
    Html,
}

impl AgendaFormat {
    /// `md` / `markdown` or `html`; else a sentence naming both.
    pub fn parse(word: &str) -> Result<AgendaFormat, String> {
        match word.trim().to_lowercase().as_str() {
            "md" | "markdown" => Ok(AgendaFormat::Markdown),
            "html" | "htm" => Ok(AgendaFormat::Html),
            _ => Err(format!(
                "--format takes md or html; \"{}\" is neither.",
                clean(word.trim())
            )),
        }
    }

    /// The format a file's extension names, if it names one.
    pub fn of_path(path: &Path) -> Option<AgendaFormat> {
        let extension = path.extension()?.to_str()?;
        AgendaFormat::parse(extension).ok()
    }

    pub fn extension(self) -> &'static str {
        match self {
            AgendaFormat::Markdown => "md",
            AgendaFormat::Html => "html",
        }
    }
}

/// What changed since the forum's previous meeting, or why that cannot be told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SinceLast {
    /// The workbook keeps no snapshots: the section is left out.
    NoSnapshots,
    /// The forum has no cadence, so it has no previous meeting to count from.
    NoPreviousMeeting,
    /// No snapshot was kept on or before the previous meeting; the oldest is of `oldest`.
    NoneThatOld { previous: Date, oldest: String },
    Changes {
        previous: Date,
        /// "the snapshot "SteerCo" of 2026-11-02".
        snapshot: String,
        summary: String,
        areas: Vec<(String, Vec<String>)>,
    },
}

/// Everything one agenda shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Agenda {
    pub title: String,
    pub organisation: String,
    pub forum: ForumRecord,
    pub meeting: Date,
    pub previous: Option<Date>,
    pub facts: AgendaFacts,
    /// Joint-plan milestones not done and due by the meeting, one line each; an empty list
    /// leaves the section out.
    pub milestones: Vec<String>,
    pub since: SinceLast,
}

/// How the plan is judged for an agenda.
#[derive(Debug, Clone)]
pub struct AgendaSettings {
    pub bands: Bands,
    pub currency: Currency,
}

/// The day the agenda is for: the one asked, else the forum's next meeting on or after `today`;
/// `Err` a sentence saying why there is none and how to give one.
pub fn meeting_day(forum: &ForumRecord, asked: Option<Date>, today: Date) -> Result<Date, String> {
    if let Some(day) = asked {
        return Ok(day);
    }
    let name = clean(&forum.forum.name);
    match next_meeting(forum.forum.cadence, forum.forum.next_date.as_deref(), today) {
        NextMeeting::On(day) => Ok(day),
        NextMeeting::NoDate => Err(format!(
            "the forum \"{name}\" has a cadence but no date to count from; give the meeting's \
             day with --date YYYY-MM-DD, or set the forum's next date on the Strategy tab."
        )),
        NextMeeting::Passed(day) => Err(format!(
            "the forum \"{name}\" last met on {day} and has no cadence, so it has no next \
             meeting; give the meeting's day with --date YYYY-MM-DD."
        )),
        NextMeeting::WhenCalled => Err(format!(
            "the forum \"{name}\" meets when called and has no date; give the meeting's day \
             with --date YYYY-MM-DD."
        )),
    }
}

/// Reads the agenda of `forum`'s meeting on `meeting` from `wb`.
pub fn gather(
    wb: &Workbook,
    forum: &ForumRecord,
    meeting: Date,
    settings: &AgendaSettings,
) -> Result<Agenda> {
    let meta = wb.meta().context("reading the plan's title")?;
    let previous = previous_meeting(
        forum.forum.cadence,
        forum.forum.next_date.as_deref(),
        meeting,
    );
    let facts = wb
        .agenda_facts(forum, meeting, settings.bands)
        .context("reading what the agenda lists")?;
    Ok(Agenda {
        title: meta.title,
        organisation: meta.organisation,
        forum: forum.clone(),
        meeting,
        previous,
        facts,
        milestones: milestones_due(wb, forum, meeting)?,
        since: since_last(wb, previous, meeting, settings)?,
    })
}

/// Joint-plan milestones due by `meeting` for the forum's member partners (or every partner's),
/// one line each: "2026-12-10 · Granary Works Alliance: Pilot live (goal: Joint pilot), in
/// progress".
fn milestones_due(wb: &Workbook, forum: &ForumRecord, meeting: Date) -> Result<Vec<String>> {
    Ok(wb
        .milestones_due(forum, meeting)
        .context("reading the joint-plan milestones due")?
        .into_iter()
        .map(|m| {
            let goal = m.goal.map(|g| format!(" (goal: {g})")).unwrap_or_default();
            format!("{} · {}: {}{goal}, {}", m.due, m.partner, m.title, m.status)
        })
        .collect())
}

/// What changed from the last snapshot kept on or before the previous meeting to now.
fn since_last(
    wb: &Workbook,
    previous: Option<Date>,
    meeting: Date,
    settings: &AgendaSettings,
) -> Result<SinceLast> {
    let snapshots = wb.snapshots().context("listing the snapshots")?;
    if snapshots.is_empty() {
        return Ok(SinceLast::NoSnapshots);
    }
    let Some(previous) = previous else {
        return Ok(SinceLast::NoPreviousMeeting);
    };
    let day = |s: &SnapshotInfo| s.created_at.get(..10).unwrap_or(&s.created_at).to_string();
    let wanted = previous.to_string();
    let Some(snapshot) = snapshots
        .iter()
        .filter(|s| day(s) <= wanted)
        .max_by(|a, b| a.created_at.cmp(&b.created_at))
    else {
        let oldest = snapshots.iter().map(day).min().unwrap_or_default();
        return Ok(SinceLast::NoneThatOld { previous, oldest });
    };
    let diff = DiffSettings {
        bands: settings.bands,
        currency: settings.currency.clone(),
        today: meeting,
    };
    let report = since::changes_since(wb, snapshot, &diff)
        .map_err(|err| anyhow::anyhow!("{}", err.message()))?;
    Ok(SinceLast::Changes {
        previous,
        snapshot: since::snapshot_name(snapshot),
        summary: report.summary(),
        areas: report.areas(),
    })
}

/// "agenda-partner-council-2026-12-10.md": the forum's name in lower-case words joined by
/// hyphens (letters and digits only), the day and the format's extension.
pub fn file_name(forum: &str, meeting: Date, format: AgendaFormat) -> String {
    let mut slug = String::new();
    for c in forum.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(60).collect();
    let slug = if slug.is_empty() {
        "forum".into()
    } else {
        slug
    };
    format!("agenda-{slug}-{meeting}.{}", format.extension())
}

/// A path in `folder` for `name` that holds no file yet: `name`, else "name (2).md" and so on,
/// so writing an agenda never replaces one written (and perhaps edited) before.
pub fn free_path(folder: &Path, name: &str) -> PathBuf {
    let first = folder.join(name);
    if !first.exists() {
        return first;
    }
    let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
    (2..10_000)
        .map(|n| folder.join(format!("{stem} ({n}).{extension}")))
        .find(|path| !path.exists())
        .unwrap_or(first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn file_names_are_plain_words_and_the_day() {
        let day = date(2026, 12, 10);
        assert_eq!(
            file_name("Partner council", day, AgendaFormat::Markdown),
            "agenda-partner-council-2026-12-10.md"
        );
        assert_eq!(
            file_name(" QBR / Q4: \u{202E}evil../", day, AgendaFormat::Html),
            "agenda-qbr-q4-evil-2026-12-10.html"
        );
        assert_eq!(
            file_name("../..", day, AgendaFormat::Html),
            "agenda-forum-2026-12-10.html"
        );
        assert_eq!(AgendaFormat::parse(" MD "), Ok(AgendaFormat::Markdown));
        assert!(
            AgendaFormat::parse("pdf")
                .unwrap_err()
                .contains("md or html")
        );
        assert_eq!(
            AgendaFormat::of_path(Path::new("a/b.html")),
            Some(AgendaFormat::Html)
        );
        assert_eq!(AgendaFormat::of_path(Path::new("agenda.txt")), None);
    }

    #[test]
    fn a_free_path_never_names_a_file_that_exists() {
        let dir = tempfile::tempdir().unwrap();
        let name = "agenda-council-2026-12-10.md";
        assert_eq!(free_path(dir.path(), name), dir.path().join(name));
        std::fs::write(dir.path().join(name), "kept").unwrap();
        assert_eq!(
            free_path(dir.path(), name),
            dir.path().join("agenda-council-2026-12-10 (2).md")
        );
    }
}
