//! The register's facet form (category, status, band, owner, overdue review, heat-map cell) and
//! reading it back.

use super::form;
use crate::plan::risk::{Band, RiskStatus};
use crate::tui::widgets::facet_form::FacetForm;
use crate::workbook::RiskFacets;

pub(super) fn facet_form(
    facets: &RiskFacets,
    categories: &[String],
    owners: &[String],
) -> FacetForm {
    let statuses: Vec<&str> = RiskStatus::ALL.iter().map(|s| s.word()).collect();
    let bands: Vec<&str> = Band::ALL.iter().map(|b| b.word()).collect();
    let categories = form::categories(categories);
    FacetForm::new("Filter risks by", 60)
        .choice(
            "category",
            "Category",
            &categories,
            facets.category.as_deref(),
        )
        .choice("status", "Status", &statuses, facets.status.as_deref())
        .choice("band", "Band", &bands, facets.band.as_deref())
        .choice("owner", "Owner", owners, facets.owner.as_deref())
        .check("overdue", "Review overdue", facets.review_before.is_some())
        .check("cell", "Heat-map cell", facets.cell.is_some())
}

pub(super) fn facets_from_form(form: &FacetForm, before: &RiskFacets, today: &str) -> RiskFacets {
    RiskFacets {
        category: form.chosen("category"),
        status: form.chosen("status"),
        band: form.chosen("band"),
        owner: form.chosen("owner"),
        review_before: form.checked("overdue").then(|| today.to_string()),
        cell: form.checked("cell").then_some(before.cell).flatten(),
    }
}
