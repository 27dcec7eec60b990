//! Data-sharing protocols: their form, with whom each shares chosen in the link picker of
//! partners or roles, and how the list looks.

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
use crate::tui::widgets::picker::{LinkKind, Linked, link_names};
use crate::workbook::{ProtocolRecord, SharedWith};
use ratatui::style::Style;

impl Listed for ProtocolRecord {
    fn list_id(&self) -> i64 {
        self.id
    }
}

pub(super) fn protocol_form(
    title: &str,
    d: &ProtocolDraft,
    shared: &[Linked],
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
            &link_names(shared, LinkKind::Partner),
        )
        .link(
            "roles",
            "Shared with roles",
            &link_names(shared, LinkKind::Role),
        )
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
    shared: &[Linked],
    date_format: &str,
) -> (ProtocolDraft, bool) {
    let (review_date, dated) = typed_date(form, "review", date_format);
    let draft = ProtocolDraft {
        data_item: form.value("data_item"),
        purpose: form.value("purpose"),
        recipients: shared.iter().filter_map(Linked::recipient).collect(),
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
