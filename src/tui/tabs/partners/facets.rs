//! Facet filters of the roster (stage, type, tier, region, sector, gated out) and the "due within 7 days" quick
//! filter: the form that sets them and the words that describe them in the header.

use jiff::civil::Date;

use crate::plan::Vocabularies;
use crate::tui::settings::Settings;
use crate::tui::widgets::form::Form;
use crate::workbook::{DueBy, Facets};

/// How far ahead the quick filter looks.
pub const DUE_SOON_DAYS: i64 = 7;

/// The form that edits the facets, offering the workbook's lists (`words`); choices default to
/// "none" (no narrowing).
pub fn form(facets: &Facets, words: &Vocabularies) -> Form {
    let gate = match facets.gated_out {
        Some(true) => "gated out only",
        Some(false) => "not gated out",
        None => "",
    };
    Form::new("Filter by")
        .choice_or_none(
            "stage",
            "Stage",
            &words.partner_stages,
            facets.stage.as_deref().unwrap_or(""),
        )
        .choice_or_none(
            "type",
            "Type",
            &words.partner_types,
            facets.partner_type.as_deref().unwrap_or(""),
        )
        .choice_or_none(
            "tier",
            "Tier",
            &words.partner_tiers,
            facets.tier.as_deref().unwrap_or(""),
        )
        .choice_or_none(
            "region",
            "Region",
            &words.partner_regions,
            facets.region.as_deref().unwrap_or(""),
        )
        .choice_or_none(
            "sector",
            "Sector",
            &words.partner_sectors,
            facets.sector.as_deref().unwrap_or(""),
        )
        .choice_or_none("gate", "Gates", &["gated out only", "not gated out"], gate)
        .checkbox("due", "Check-in due in 7 days", facets.due_by.is_some())
}

fn optional(value: String) -> Option<String> {
    let value = value.trim().to_string();
    (!value.is_empty()).then_some(value)
}

/// Reads the form back into facets; `today` anchors the due-soon window.
pub fn from_form(form: &Form, settings: &Settings, today: Date) -> Facets {
    Facets {
        stage: optional(form.value("stage")),
        partner_type: optional(form.value("type")),
        tier: optional(form.value("tier")),
        region: optional(form.value("region")),
        sector: optional(form.value("sector")),
        gated_out: match form.value("gate").as_str() {
            "gated out only" => Some(true),
            "not gated out" => Some(false),
            _ => None,
        },
        due_by: (form.value("due") == "yes").then(|| due_soon(settings, today)),
        ..Facets::default()
    }
}

/// "Next check-in on or before today + 7 days" (overdue ones included).
pub fn due_soon(settings: &Settings, today: Date) -> DueBy {
    let until = today
        .checked_add(jiff::Span::new().days(DUE_SOON_DAYS))
        .unwrap_or(today);
    DueBy {
        date: until.strftime("%Y-%m-%d").to_string(),
        default_cadence_days: settings.checkin_cadence_days,
    }
}

/// "stage: active · tier: strategic · due ≤ 7 days", or "" when nothing narrows the list.
pub fn describe(facets: &Facets) -> String {
    let mut parts = Vec::new();
    for (label, value) in [
        ("stage", &facets.stage),
        ("type", &facets.partner_type),
        ("tier", &facets.tier),
        ("region", &facets.region),
        ("sector", &facets.sector),
    ] {
        if let Some(value) = value {
            parts.push(format!("{label}: {value}"));
        }
    }
    match facets.gated_out {
        Some(true) => parts.push("gated out".into()),
        Some(false) => parts.push("not gated out".into()),
        None => {}
    }
    match facets.fit_between {
        Some((from, _)) if from < 0 => parts.push("not scored".into()),
        Some((from, below)) => parts.push(format!("fit {from}–{}", (below - 1).min(100))),
        None => {}
    }
    if facets.due_by.is_some() {
        parts.push(format!("check-in due ≤ {DUE_SOON_DAYS} days"));
    }
    parts.join(" · ")
}
