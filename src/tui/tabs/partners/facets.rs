//! Facet filters of the roster (stage, type, tier, region, sector, gated out) and the "due within 7 days" quick
//! filter: the form that sets them and the words that describe them in the header.

use jiff::civil::Date;

use crate::plan::Vocabularies;
use crate::tui::settings::Settings;
use crate::tui::widgets::facet_form::FacetForm;
use crate::workbook::{DueBy, Facets};

/// How far ahead the quick filter looks.
pub const DUE_SOON_DAYS: i64 = 7;

/// The form that edits the facets, offering the workbook's lists (`words`); choices default to
/// "none" (no narrowing).
pub fn form(facets: &Facets, words: &Vocabularies) -> FacetForm {
    let gate = facets.gated_out.map(|out| {
        if out {
            "gated out only"
        } else {
            "not gated out"
        }
    });
    FacetForm::new("Filter by", 60)
        .choice(
            "stage",
            "Stage",
            &words.partner_stages,
            facets.stage.as_deref(),
        )
        .choice(
            "type",
            "Type",
            &words.partner_types,
            facets.partner_type.as_deref(),
        )
        .choice("tier", "Tier", &words.partner_tiers, facets.tier.as_deref())
        .choice(
            "region",
            "Region",
            &words.partner_regions,
            facets.region.as_deref(),
        )
        .choice(
            "sector",
            "Sector",
            &words.partner_sectors,
            facets.sector.as_deref(),
        )
        .choice("gate", "Gates", &["gated out only", "not gated out"], gate)
        .check("due", "Check-in due in 7 days", facets.due_by.is_some())
}

/// Reads the form back into facets; `today` anchors the due-soon window.
pub fn from_form(form: &FacetForm, settings: &Settings, today: Date) -> Facets {
    Facets {
        stage: form.chosen("stage"),
        partner_type: form.chosen("type"),
        tier: form.chosen("tier"),
        region: form.chosen("region"),
        sector: form.chosen("sector"),
        gated_out: match form.chosen("gate").as_deref() {
            Some("gated out only") => Some(true),
            Some("not gated out") => Some(false),
            _ => None,
        },
        due_by: form.checked("due").then(|| due_soon(settings, today)),
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
