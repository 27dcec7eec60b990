//! The register's facet form (category, status, band, owner, overdue review, heat-map cell) and
//! reading it back.

use super::form;
use crate::plan::risk::{Band, RiskStatus};
use crate::tui::widgets::form::Form;
use crate::workbook::RiskFacets;

pub(super) fn facet_form(facets: &RiskFacets, categories: &[String], owners: &[String]) -> Form {
    let statuses: Vec<&str> = RiskStatus::ALL.iter().map(|s| s.word()).collect();
    let bands: Vec<&str> = Band::ALL.iter().map(|b| b.word()).collect();
    Form::new("Filter risks by")
        .choice_or_none(
            "category",
            "Category",
            &form::categories(categories),
            facets.category.as_deref().unwrap_or(""),
        )
        .choice_or_none(
            "status",
            "Status",
            &statuses,
            facets.status.as_deref().unwrap_or(""),
        )
        .choice_or_none("band", "Band", &bands, facets.band.as_deref().unwrap_or(""))
        .choice_or_none(
            "owner",
            "Owner",
            owners,
            facets.owner.as_deref().unwrap_or(""),
        )
        .checkbox("overdue", "Review overdue", facets.review_before.is_some())
        .checkbox("cell", "Heat-map cell", facets.cell.is_some())
}

pub(super) fn facets_from_form(form: &Form, before: &RiskFacets, today: &str) -> RiskFacets {
    let optional = |id: &str| {
        let value = form.value(id).trim().to_string();
        (!value.is_empty()).then_some(value)
    };
    RiskFacets {
        category: optional("category"),
        status: optional("status"),
        band: optional("band"),
        owner: optional("owner"),
        review_before: (form.value("overdue") == "yes").then(|| today.to_string()),
        cell: (form.value("cell") == "yes")
            .then_some(before.cell)
            .flatten(),
    }
}
