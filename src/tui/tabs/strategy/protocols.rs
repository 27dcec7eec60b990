//! Data-sharing protocols: their form, with whom each shares chosen in a picker of partners (found
//! through the workbook's search, so it stays quick at 100,000) or of roles, and how the list looks.

use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::lists::{date_field, labelled, typed_date};
use crate::plan::risk_suggestions::Sensitivity;
use crate::plan::shape::show_date;
use crate::plan::strategy::{AccessLevel, ProtocolDraft, ProtocolField, Recipient};
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;
use crate::tui::widgets::columns::Column;
use crate::tui::widgets::form::Form;
use crate::tui::widgets::ordered_list::{ListLook, Listed, OrderedList, described};
use crate::tui::widgets::picker::Picker;
use crate::workbook::{Page, PartnerPageQuery, ProtocolRecord, SharedWith, Workbook};
use ratatui::style::Style;

/// How many partners the partner picker lists for a query.
const PICKER_ROWS: usize = 200;

impl Listed for ProtocolRecord {
    fn list_id(&self) -> i64 {
        self.id
    }
}

/// Which kind of recipient the open picker adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Linking {
    Partner,
    Role,
}

impl Linking {
    pub fn field(self) -> &'static str {
        match self {
            Linking::Partner => "partners",
            Linking::Role => "roles",
        }
    }

    fn of(self, recipient: Recipient) -> bool {
        matches!(
            (self, recipient),
            (Linking::Partner, Recipient::Partner(_)) | (Linking::Role, Recipient::Role(_))
        )
    }

    fn recipient(self, id: i64) -> Recipient {
        match self {
            Linking::Partner => Recipient::Partner(id),
            Linking::Role => Recipient::Role(id),
        }
    }
}

/// The names of the recipients of one kind, as their link field shows them.
pub(super) fn names(shared: &[SharedWith], linking: Linking) -> String {
    shared
        .iter()
        .filter(|s| linking.of(s.recipient))
        .map(|s| clean(&s.name).into_owned())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Adds the chosen recipient, or takes it away when it was already there.
pub(super) fn toggle(shared: &mut Vec<SharedWith>, linking: Linking, id: i64, name: &str) {
    let recipient = linking.recipient(id);
    if let Some(index) = shared.iter().position(|s| s.recipient == recipient) {
        shared.remove(index);
    } else {
        shared.push(SharedWith {
            recipient,
            name: name.to_string(),
        });
    }
}

/// An emptied link field (Backspace) drops every recipient of its kind.
pub(super) fn sync(shared: &mut Vec<SharedWith>, form: &Form) {
    for linking in [Linking::Partner, Linking::Role] {
        if form.value(linking.field()).is_empty() {
            shared.retain(|s| !linking.of(s.recipient));
        }
    }
}

pub(super) fn protocol_form(
    title: &str,
    d: &ProtocolDraft,
    shared: &[SharedWith],
    date_format: &str,
) -> Form {
    let access: Vec<&str> = AccessLevel::ALL.iter().map(|a| a.word()).collect();
    let sensitivity: Vec<&str> = Sensitivity::ALL.iter().map(|s| s.word()).collect();
    let form = Form::new(title.to_string())
        .text("data_item", "Data item", &d.data_item, true)
        .multiline("purpose", "Purpose", &d.purpose)
        .rows(2)
        .link(
            "partners",
            "Shared with partners",
            &names(shared, Linking::Partner),
        )
        .link("roles", "Shared with roles", &names(shared, Linking::Role))
        .choice("access", "Access level", &access, d.access_level.word())
        .text("method", "Access method", &d.access_method, false)
        .placeholder("e.g. partner portal, API, monthly export")
        .choice(
            "sensitivity",
            "Sensitivity",
            &sensitivity,
            d.sensitivity.word(),
        )
        .multiline("protection", "Protection", &d.protection_measures)
        .rows(2);
    date_field(
        form,
        "review",
        "Review date",
        d.review_date.as_deref(),
        date_format,
    )
}

/// The protocol the form holds, and whether its date read (if not, its field says why).
pub(super) fn read_protocol(
    form: &mut Form,
    shared: &[SharedWith],
    date_format: &str,
) -> (ProtocolDraft, bool) {
    let (review_date, dated) = typed_date(form, "review", date_format);
    let draft = ProtocolDraft {
        data_item: form.value("data_item"),
        purpose: form.value("purpose"),
        recipients: shared.iter().map(|s| s.recipient).collect(),
        access_level: AccessLevel::from_word(&form.value("access")).unwrap_or_default(),
        access_method: form.value("method"),
        sensitivity: Sensitivity::from_word(&form.value("sensitivity")).unwrap_or_default(),
        protection_measures: form.value("protection"),
        review_date,
    };
    (draft, dated)
}

pub(super) fn protocol_field(field: ProtocolField) -> &'static str {
    match field {
        ProtocolField::DataItem => "data_item",
        ProtocolField::Purpose => "purpose",
        ProtocolField::AccessMethod => "method",
        ProtocolField::ProtectionMeasures => "protection",
        ProtocolField::ReviewDate => "review",
    }
}

/// The picker of partners (narrowed by the workbook's search) or roles (all but the hub).
pub(super) fn picker(linking: Linking, wb: &Workbook) -> Result<Picker> {
    Ok(match linking {
        Linking::Partner => Picker::new(
            "Add a partner (a listed one: remove it)".into(),
            partner_choices(wb, "")?,
        )
        .nothing("No partner matches.")
        .narrowed_outside(),
        Linking::Role => {
            let plain: Vec<_> = wb.roles()?.into_iter().map(|r| r.role).collect();
            let choices = crate::plan::roles::display_order(&plain)
                .iter()
                .filter(|line| !plain[line.index].is_hub)
                .map(|line| {
                    let indent = "  ".repeat(line.depth.min(12));
                    (line.id, format!("{indent}{}", plain[line.index].name))
                })
                .collect();
            Picker::new("Add a role (a listed one: remove it)".into(), choices)
                .nothing("No role matches.")
        }
    })
}

/// Partners whose text matches `query`, by name.
pub(super) fn partner_choices(wb: &Workbook, query: &str) -> Result<Vec<(i64, String)>> {
    let query = PartnerPageQuery {
        filter: query.to_string(),
        ..PartnerPageQuery::default()
    };
    let rows = wb.partner_page(&query, &Page::First, PICKER_ROWS)?;
    Ok(rows.into_iter().map(|row| (row.id, row.name)).collect())
}

/// Whom a protocol shares with (or who sits in a forum), roles marked as such: "Helix Cloud,
/// Cloud hosting (role)".
pub(super) fn shared_with(shared: &[SharedWith]) -> String {
    shared
        .iter()
        .map(|s| match s.recipient {
            Recipient::Partner(_) => clean(&s.name).into_owned(),
            Recipient::Role(_) => format!("{} (role)", clean(&s.name)),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn render_protocols(
    list: &OrderedList<ProtocolRecord>,
    date_format: &str,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) {
    let protocols = list.records();
    let muted = theme.muted;
    let row = move |p: &ProtocolRecord| {
        vec![
            (clean(&p.protocol.data_item).into_owned(), Style::default()),
            (shared_with(&p.shared_with), Style::default()),
            (
                String::from(p.protocol.access_level.word()),
                Style::default(),
            ),
            (String::from(p.protocol.sensitivity.word()), muted),
        ]
    };
    let detail = move |p: &ProtocolRecord, width: u16| {
        let mut lines = described(&p.protocol.purpose, width, muted);
        lines.push(Line::default());
        let with = shared_with(&p.shared_with);
        let with = if with.is_empty() {
            "nobody yet".to_string()
        } else {
            with
        };
        labelled(&mut lines, "Shared with", &with, width);
        labelled(
            &mut lines,
            "Access method",
            &p.protocol.access_method,
            width,
        );
        labelled(
            &mut lines,
            "Protection",
            &p.protocol.protection_measures,
            width,
        );
        let review = show_date(p.protocol.review_date.as_deref().unwrap_or(""), date_format);
        labelled(&mut lines, "Review", &review, width);
        (clean(&p.protocol.data_item).into_owned(), lines)
    };
    let unshared = protocols
        .iter()
        .filter(|p| p.shared_with.is_empty())
        .count();
    let look = ListLook {
        summary: format!(
            "{} · {unshared} not yet shared with anyone",
            crate::plan::numbers::count_of(protocols.len(), "protocol", "protocols")
        ),
        title: " Data-sharing protocols ",
        empty: "No protocols yet: a adds one (what data, with whom, how protected).",
        columns: vec![
            Column::new("Data item", 1).min(12).grow(),
            Column::new("Shared with", 2).min(12).grow(),
            Column::new("Access", 3).min(6).max(13),
            Column::new("Sensitivity", 4).min(8).max(12),
        ],
        row: &row,
        detail: &detail,
    };
    list.render(area, buf, theme, &look);
}
