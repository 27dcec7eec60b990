//! Governance forums on the Strategy tab: their form (members chosen in the link picker of
//! partners or roles), the list in the order they meet next with each one's upcoming
//! meetings, and writing a forum's next agenda next to the workbook.

use jiff::civil::Date;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

use super::lists::{labelled, typed_date};
use super::protocols::shared_with;
use crate::exchange::agenda::{
    AgendaFormat, AgendaSettings, file_name, free_path, gather, meeting_day, render,
};
use crate::plan::cadence::how_soon;
use crate::plan::forum::{
    ForumDraft, ForumField, NextMeeting, next_meeting, schedule_words, typed_cadence,
};
use crate::plan::money::Currency;
use crate::plan::shape::{date_example, parse_iso_date, show_date};
use crate::tui::intent::Intent;
use crate::tui::keymap::Keymap;
use crate::tui::sanitize::clean;
use crate::tui::settings::Settings;
use crate::tui::theme::Theme;
use crate::tui::widgets::columns::Column;
use crate::tui::widgets::form::Form;
use crate::tui::widgets::ordered_list::{ListLook, Listed, OrderedList, described};
use crate::tui::widgets::picker::{LinkKind, Linked, link_names};
use crate::workbook::{ForumRecord, Workbook};

/// How many meetings ahead a forum's detail lists.
const UPCOMING: usize = 4;

impl Listed for ForumRecord {
    fn list_id(&self) -> i64 {
        self.id
    }
}

/// When `forum` meets next, seen on `today`.
pub(super) fn next_of(forum: &ForumRecord, today: Date) -> NextMeeting {
    next_meeting(forum.forum.cadence, forum.forum.next_date.as_deref(), today)
}

/// The forums in the order they meet next (those without a next meeting last, by name).
pub(super) fn by_next_meeting(mut forums: Vec<ForumRecord>, today: Date) -> Vec<ForumRecord> {
    forums.sort_by_key(|f| next_of(f, today).date().map_or((1, Date::MAX), |d| (0, d)));
    forums
}

pub(super) fn forum_form(
    title: &str,
    d: &ForumDraft,
    members: &[Linked],
    date_format: &str,
) -> Form {
    Form::new(title.to_string())
        .text("name", "Name", &d.name, true)
        .placeholder("e.g. Partner council, Quarterly business review")
        .multiline("purpose", "Purpose", &d.purpose)
        .rows(2)
        .text(
            "cadence",
            "Meets",
            &d.cadence.map(|c| c.words()).unwrap_or_default(),
            false,
        )
        .placeholder("e.g. monthly, quarterly, every 6 weeks (empty: when called)")
        .text(
            "next",
            "Next meeting",
            &show_date(d.next_date.as_deref().unwrap_or(""), date_format),
            false,
        )
        .placeholder(format!(
            "e.g. {} (a past one rolls forward)",
            date_example(date_format)
        ))
        .link(
            "partners",
            "Partner members",
            &link_names(members, LinkKind::Partner),
        )
        .link(
            "roles",
            "Role members",
            &link_names(members, LinkKind::Role),
        )
}

/// The forum the form holds, and whether its cadence and date read (if not, their fields say
/// why).
pub(super) fn read_forum(
    form: &mut Form,
    members: &[Linked],
    date_format: &str,
) -> (ForumDraft, bool) {
    let (next_date, dated) = typed_date(form, "next", date_format);
    let cadence = match typed_cadence(&form.value("cadence")) {
        Ok(cadence) => Some(cadence),
        Err(problem) => {
            form.set_error("cadence", problem);
            None
        }
    };
    let draft = ForumDraft {
        name: form.value("name"),
        purpose: form.value("purpose"),
        cadence: cadence.flatten(),
        next_date,
        members: members.iter().filter_map(Linked::recipient).collect(),
    };
    (draft, dated && cadence.is_some())
}

pub(super) fn forum_field(field: ForumField) -> &'static str {
    match field {
        ForumField::Name => "name",
        ForumField::Purpose => "purpose",
        ForumField::Cadence => "cadence",
        ForumField::NextDate => "next",
    }
}

/// "14 Dec 2026 (in 7 days)", or why there is no next meeting.
fn next_words(forum: &ForumRecord, today: Date, date_format: &str) -> String {
    let shown = |day: Date| show_date(&day.to_string(), date_format);
    match next_of(forum, today) {
        NextMeeting::On(day) => format!("{} ({})", shown(day), how_soon(day, today)),
        NextMeeting::NoDate => "no date yet".into(),
        NextMeeting::Passed(day) => format!("met {}", shown(day)),
        NextMeeting::WhenCalled => "none set".into(),
    }
}

pub(super) fn render_forums(
    list: &OrderedList<ForumRecord>,
    settings: &Settings,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
    keymap: &Keymap,
) {
    let forums = list.records();
    let today = settings.today();
    let format = settings.date_format.as_str();
    let muted = theme.muted;
    let row = move |f: &ForumRecord| {
        vec![
            (clean(&f.forum.name).into_owned(), Style::default()),
            (schedule_words(f.forum.cadence), Style::default()),
            (next_words(f, today, format), Style::default()),
            (shared_with(&f.members), muted),
        ]
    };
    let agenda_hint = keymap.spell("‹strategy-forums:write-agenda› writes its next agenda.");
    let detail = move |f: &ForumRecord, width: u16| {
        let mut lines = described(&f.forum.purpose, width, muted);
        lines.push(Line::default());
        labelled(&mut lines, "Meets", &schedule_words(f.forum.cadence), width);
        labelled(
            &mut lines,
            "Next meeting",
            &next_words(f, today, format),
            width,
        );
        if let (Some(cadence), Some(anchor)) = (
            f.forum.cadence,
            f.forum.next_date.as_deref().and_then(parse_iso_date),
        ) {
            let upcoming: Vec<String> = cadence
                .upcoming(anchor, today, UPCOMING)
                .iter()
                .map(|d| show_date(&d.to_string(), format))
                .collect();
            labelled(&mut lines, "Upcoming", &upcoming.join(", "), width);
        }
        let members = shared_with(&f.members);
        labelled(
            &mut lines,
            "Members",
            if members.is_empty() {
                "none yet"
            } else {
                &members
            },
            width,
        );
        labelled(
            &mut lines,
            "Rules decided here",
            &f.rules.to_string(),
            width,
        );
        lines.push(Line::default());
        lines.push(Line::styled(agenda_hint.clone(), muted));
        (clean(&f.forum.name).into_owned(), lines)
    };
    let look = ListLook {
        summary: upcoming_line(forums, today, usize::from(area.width)),
        title: " Governance forums ",
        empty: &keymap.spell(
            "No forums yet: ‹strategy-forums:add› adds one, such as a partner council or a \
             business review.",
        ),
        columns: vec![
            Column::new("Forum", 1).min(12).grow(),
            Column::new("Meets", 3).min(8).max(16),
            Column::new("Next meeting", 2).min(12).max(28),
            Column::new("Members", 4).min(10).grow(),
        ],
        row: &row,
        detail: &detail,
    };
    list.render(area, buf, theme, &look);
}

/// "Next meetings: Partner council in 7 days · Quarterly business review in 5 weeks", or what
/// is missing (the forums list's summary and the Overview's line): as many meetings as fit in
/// `room` columns, whole, soonest first.
pub fn upcoming_line(forums: &[ForumRecord], today: Date, room: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let mut coming = forums
        .iter()
        .filter_map(|f| {
            let day = next_of(f, today).date()?;
            Some((
                day,
                format!("{} {}", clean(&f.forum.name), how_soon(day, today)),
            ))
        })
        .collect::<Vec<_>>();
    coming.sort_by_key(|(day, _)| *day);
    let unscheduled = forums
        .iter()
        .filter(|f| next_of(f, today).date().is_none())
        .count();
    let mut line = String::from("Next meetings: ");
    let mut shown = 0;
    for (_, meeting) in &coming {
        let part = if shown == 0 {
            meeting.clone()
        } else {
            format!(" · {meeting}")
        };
        if line.width() + part.width() > room {
            break;
        }
        line.push_str(&part);
        shown += 1;
    }
    if shown == 0 {
        line = "No forum meeting scheduled".to_string();
    }
    let rest = format!(" · {unscheduled} without a next date");
    if unscheduled > 0 && line.width() + rest.width() <= room {
        line.push_str(&rest);
    }
    line
}

/// Writes `forum`'s next meeting agenda (Markdown) next to the workbook, never over a file that
/// is there; says where, or why not.
/// The formats the agenda prompt offers, as it names them.
const AGENDA_FORMATS: [(&str, AgendaFormat); 2] = [
    ("Markdown (.md)", AgendaFormat::Markdown),
    ("HTML (.html)", AgendaFormat::Html),
];

/// The day `forum` meets next, or why it has no agenda to write.
fn agenda_day(forum: &ForumRecord, settings: &Settings) -> Result<Date, String> {
    meeting_day(forum, None, settings.today()).map_err(|_| {
        format!(
            "\"{}\" has no next meeting to write an agenda for: give it a cadence and a next \
             meeting date (e edits it).",
            clean(&forum.forum.name)
        )
    })
}

/// The prompt that writes `forum`'s next agenda, asking in which format; or why there is none.
pub(super) fn agenda_form(forum: &ForumRecord, settings: &Settings) -> Result<Form, String> {
    let meeting = agenda_day(forum, settings)?;
    let formats: Vec<&str> = AGENDA_FORMATS.iter().map(|(word, _)| *word).collect();
    Ok(Form::new(format!(
        "Write the agenda of {} for {meeting} next to the workbook",
        clean(&forum.forum.name)
    ))
    .choice("format", "Format", &formats, formats[0]))
}

/// Writes `forum`'s next agenda next to the workbook in `format` (as the prompt names it).
pub(super) fn write_agenda(
    wb: &Workbook,
    forum: &ForumRecord,
    settings: &Settings,
    format: &str,
) -> Intent {
    let name = clean(&forum.forum.name).into_owned();
    let meeting = match agenda_day(forum, settings) {
        Ok(day) => day,
        Err(problem) => return Intent::Error(problem),
    };
    let agenda_settings = AgendaSettings {
        bands: settings.bands,
        currency: Currency::or_default(&settings.currency),
    };
    let agenda = match gather(wb, forum, meeting, &agenda_settings) {
        Ok(agenda) => agenda,
        Err(err) => {
            return Intent::Error(format!("The agenda could not be written: {err:#}."));
        }
    };
    let format = AGENDA_FORMATS
        .iter()
        .find(|(word, _)| *word == format)
        .map_or(AgendaFormat::Markdown, |(_, f)| *f);
    let folder = wb
        .path()
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_default();
    let path = free_path(&folder, &file_name(&forum.forum.name, meeting, format));
    let text = render(&agenda, format);
    match crate::exchange::report::write_whole(&path, |partial| std::fs::write(partial, &text)) {
        Ok(()) => Intent::Status(format!(
            "Wrote the agenda of {name} for {meeting} to {}.",
            clean(&path.display().to_string())
        )),
        Err(err) => Intent::Error(format!(
            "The agenda could not be written to {}: {err}. Check you may write in that folder.",
            clean(&path.display().to_string())
        )),
    }
}
