//! Resources and governance rules: their forms (read back into drafts the plan's rules check)
//! and how their lists look; and what every list's form shares (problems shown on their fields).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::plan::money::Currency;
use crate::plan::shape::{parse_typed_date, show_date};
use crate::plan::strategy::{
    GovernanceDraft, GovernanceField, GovernanceTopic, Problems, ResourceDraft, ResourceField,
    ResourceKind, ResourceStatus,
};
use crate::tui::keymap::Keymap;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;
use crate::tui::widgets::columns::Column;
use crate::tui::widgets::form::Form;
use crate::tui::widgets::ordered_list::{ListLook, Listed, OrderedList, described};
use crate::tui::widgets::wrap::wrap;
use crate::workbook::{GovernanceRecord, ResourceRecord};
use ratatui::style::Style;

impl Listed for ResourceRecord {
    fn list_id(&self) -> i64 {
        self.id
    }
}

impl Listed for GovernanceRecord {
    fn list_id(&self) -> i64 {
        self.id
    }
}

/// The checked draft, or its problems shown on the form's fields (the first one focused).
pub(super) fn checked_or_shown<D, F: Copy>(
    form: &mut Form,
    checked: Result<D, Problems<F>>,
    field_id: fn(F) -> &'static str,
) -> Option<D> {
    match checked {
        Ok(draft) => Some(draft),
        Err(problems) => {
            for (field, message) in problems {
                form.set_error(field_id(field), message);
            }
            form.focus_first_error();
            None
        }
    }
}

/// The date typed in field `id`, in the user's `format` or as `YYYY-MM-DD`, as stored (blank is
/// none); `false` when it does not read as a date, and then its field says so.
pub(super) fn typed_date(form: &mut Form, id: &str, format: &str) -> (Option<String>, bool) {
    match parse_typed_date(&form.value(id), format) {
        Ok(date) => (date, true),
        Err(problem) => {
            form.set_error(id, problem);
            (None, false)
        }
    }
}

/// A date field showing `stored` in the user's `date_format`, an example of it as placeholder.
pub(super) fn date_field(
    form: Form,
    id: &'static str,
    label: &'static str,
    stored: Option<&str>,
    date_format: &str,
) -> Form {
    form.text(
        id,
        label,
        &show_date(stored.unwrap_or(""), date_format),
        false,
    )
    .placeholder(format!(
        "e.g. {}",
        crate::plan::shape::date_example(date_format)
    ))
}

pub(super) fn words<T: Copy>(all: &[T], word: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|t| word(*t)).collect()
}

pub(super) fn resource_form(
    title: &str,
    d: &ResourceDraft,
    currency: &Currency,
    date_format: &str,
) -> Form {
    let cost = d
        .estimated_cost_minor
        .map(|minor| currency.format_bare(minor))
        .unwrap_or_default();
    Form::new(title.to_string())
        .choice_or_none(
            "kind",
            "Kind",
            &words(&ResourceKind::ALL, ResourceKind::word),
            d.kind.map_or("", ResourceKind::word),
        )
        .text("name", "Name", &d.name, true)
        .choice(
            "status",
            "Status",
            &words(&ResourceStatus::ALL, ResourceStatus::word),
            d.status.word(),
        )
        .text("cost", "Estimated cost", &cost, false)
        .placeholder(format!("in {}, e.g. 12,500", currency.code()))
        .text("owner", "Owner", &d.owner, false)
        .text(
            "invested_on",
            "Invested on",
            &show_date(d.invested_on.as_deref().unwrap_or(""), date_format),
            false,
        )
        .placeholder("a date counts the cost once as an investment in the ROI")
        .multiline("description", "Description", &d.description)
        .rows(3)
}

/// The resource the form holds; a cost that does not read as an amount, or a date that does not
/// read as one, is shown on its field.
pub(super) fn read_resource(
    form: &mut Form,
    currency: &Currency,
    date_format: &str,
) -> Option<ResourceDraft> {
    let (invested_on, dated) = typed_date(form, "invested_on", date_format);
    if !dated {
        form.focus_first_error();
        return None;
    }
    let cost_text = form.value("cost");
    let estimated_cost_minor = match cost_text.trim() {
        "" => None,
        text => match currency.parse(text) {
            Ok(minor) => Some(minor),
            Err(problem) => {
                form.set_error("cost", problem);
                form.focus_first_error();
                return None;
            }
        },
    };
    Some(ResourceDraft {
        kind: ResourceKind::from_word(&form.value("kind")),
        name: form.value("name"),
        description: form.value("description"),
        estimated_cost_minor,
        status: ResourceStatus::from_word(&form.value("status")).unwrap_or_default(),
        owner: form.value("owner"),
        invested_on,
    })
}

pub(super) fn resource_field(field: ResourceField) -> &'static str {
    match field {
        ResourceField::Kind => "kind",
        ResourceField::Name => "name",
        ResourceField::Description => "description",
        ResourceField::EstimatedCost => "cost",
        ResourceField::Owner => "owner",
        ResourceField::InvestedOn => "invested_on",
    }
}

pub(super) fn rule_form(title: &str, d: &GovernanceDraft) -> Form {
    Form::new(title.to_string())
        .choice(
            "topic",
            "Topic",
            &words(&GovernanceTopic::ALL, GovernanceTopic::word),
            d.topic.word(),
        )
        .multiline("rule", "Rule", &d.rule)
        .rows(4)
        .placeholder("Who decides what, or how a disagreement is settled.")
        .text("forum", "Forum / decider", &d.forum, false)
        .text("cadence", "Cadence", &d.cadence, false)
        .placeholder("e.g. quarterly")
}

pub(super) fn read_rule(form: &Form) -> GovernanceDraft {
    GovernanceDraft {
        topic: GovernanceTopic::from_word(&form.value("topic")).unwrap_or_default(),
        rule: form.value("rule"),
        forum: form.value("forum"),
        cadence: form.value("cadence"),
    }
}

pub(super) fn rule_field(field: GovernanceField) -> &'static str {
    match field {
        GovernanceField::Rule => "rule",
        GovernanceField::Forum => "forum",
        GovernanceField::Cadence => "cadence",
    }
}

fn first_line(text: &str) -> String {
    clean(text.lines().next().unwrap_or_default()).into_owned()
}

/// A labelled line of a record's detail, wrapped, when it holds something.
pub(super) fn labelled(lines: &mut Vec<Line<'static>>, label: &str, text: &str, width: u16) {
    if text.trim().is_empty() {
        return;
    }
    for part in wrap(&format!("{label}: {}", clean(text)), width) {
        lines.push(Line::from(part));
    }
}

pub(super) fn render_resources(
    list: &OrderedList<ResourceRecord>,
    currency: &Currency,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
    keymap: &Keymap,
) {
    let resources = list.records();
    let technological = resources
        .iter()
        .filter(|r| r.resource.kind == Some(ResourceKind::Technology))
        .count();
    let organisational = resources
        .iter()
        .filter(|r| r.resource.kind.is_some_and(ResourceKind::is_organisational))
        .count();
    let muted = theme.muted;
    let row = move |r: &ResourceRecord| {
        let kind = match r.resource.kind {
            Some(kind) => kind.word().to_string(),
            None => format!("{} (unknown)", clean(&r.kind_word)),
        };
        let cost = r
            .resource
            .estimated_cost_minor
            .map(|minor| currency.format(minor))
            .unwrap_or_default();
        vec![
            (kind, Style::default()),
            (clean(&r.resource.name).into_owned(), Style::default()),
            (String::from(r.resource.status.word()), Style::default()),
            (cost, Style::default()),
            (clean(&r.resource.owner).into_owned(), muted),
        ]
    };
    let detail = move |r: &ResourceRecord, width: u16| {
        let mut lines = described(&r.resource.description, width, muted);
        lines.push(Line::default());
        labelled(&mut lines, "Owner", &r.resource.owner, width);
        if let Some(minor) = r.resource.estimated_cost_minor {
            labelled(&mut lines, "Estimated cost", &currency.format(minor), width);
        }
        if let Some(day) = &r.resource.invested_on {
            labelled(
                &mut lines,
                "Investment",
                &format!("made {day}, counted once in the Metrics tab's ROI"),
                width,
            );
        }
        if let Some(kind) = r.resource.kind {
            lines.push(Line::default());
            for part in wrap(
                &format!(
                    "Examples of {} resources: {}",
                    kind.label(),
                    kind.examples().join(", ")
                ),
                width,
            ) {
                lines.push(Line::styled(part, muted));
            }
        }
        (clean(&r.resource.name).into_owned(), lines)
    };
    let look = ListLook {
        summary: format!(
            "{technological} technological · {organisational} organisational or budget · the method asks for one of each"
        ),
        title: " Resources and infrastructure ",
        empty: &keymap.spell(
            "No resources yet: ‹strategy-list:add› adds one (a platform, a team, a budget).",
        ),
        columns: vec![
            Column::new("Kind", 2).min(8).max(16),
            Column::new("Name", 1).min(12).max(36),
            Column::new("Status", 4).min(6).max(10),
            Column::new("Cost", 3).min(6).max(24).right(),
            Column::new("Owner", 5).min(5).grow(),
        ],
        row: &row,
        detail: &detail,
    };
    list.render(area, buf, theme, &look);
}

pub(super) fn render_rules(
    list: &OrderedList<GovernanceRecord>,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
    keymap: &Keymap,
) {
    let rules = list.records();
    let count = |topic| rules.iter().filter(|r| r.rule.topic == topic).count();
    let muted = theme.muted;
    let row = move |r: &GovernanceRecord| {
        vec![
            (String::from(r.rule.topic.word()), Style::default()),
            (first_line(&r.rule.rule), Style::default()),
            (clean(&r.rule.forum).into_owned(), muted),
        ]
    };
    let detail = move |r: &GovernanceRecord, width: u16| {
        let mut lines = described(&r.rule.rule, width, muted);
        lines.push(Line::default());
        labelled(&mut lines, "Forum / decider", &r.rule.forum, width);
        labelled(&mut lines, "Cadence", &r.rule.cadence, width);
        (format!("{} rule", r.rule.topic.word()), lines)
    };
    let look = ListLook {
        summary: format!(
            "{} decision · {} conflict-resolution · {} other rules",
            count(GovernanceTopic::Decision),
            count(GovernanceTopic::ConflictResolution),
            rules.len()
                - count(GovernanceTopic::Decision)
                - count(GovernanceTopic::ConflictResolution),
        ),
        title: " Governance rules ",
        empty: &keymap.spell(
            "No rules yet: ‹strategy-list:add› adds one (who decides what; how conflicts are \
             settled).",
        ),
        columns: vec![
            Column::new("Topic", 0).min(10).max(19),
            Column::new("Rule", 1).min(16).grow(),
            Column::new("Forum", 3).min(8).max(30),
        ],
        row: &row,
        detail: &detail,
    };
    list.render(area, buf, theme, &look);
}
