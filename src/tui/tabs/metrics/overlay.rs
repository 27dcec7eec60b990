//! The Metrics tab's view and popup, one of each: at most one overlay is open, by construction.

use super::detail::DetailView;
use super::forms::OpenForm;
use super::money::MoneyView;
use crate::tui::widgets::picker::{LinkPicker, Picker};

/// The view shown on the tab: the KPI table, a KPI's detail, or the ROI view.
#[derive(Debug, Default)]
pub(super) enum Shown {
    #[default]
    Table,
    Detail(Box<DetailView>),
    Money(Box<MoneyView>),
}

/// The one popup open over the shown view: the pick-list of common KPIs, or a form with the
/// picker of its link field over it while that is open.
#[derive(Debug, Default)]
pub(super) enum Popup {
    #[default]
    None,
    Catalogue(Picker),
    Form(Box<OpenForm>, Option<LinkPicker>),
}

impl Popup {
    /// A form, opening without a picker over it.
    pub(super) fn form(open: OpenForm) -> Popup {
        Popup::Form(Box::new(open), None)
    }

    /// The open form, whether or not a picker is over it.
    pub(super) fn open_form(&mut self) -> Option<&mut OpenForm> {
        match self {
            Popup::Form(open, _) => Some(open),
            _ => None,
        }
    }

    /// Whether a picker is open: the KPI pick-list or a form's link picker.
    pub(super) fn has_picker(&self) -> bool {
        matches!(self, Popup::Catalogue(_) | Popup::Form(_, Some(_)))
    }

    /// The open picker closes: the KPI pick-list to the shown view, a link picker to its form.
    pub(super) fn close_picker(&mut self) {
        match self {
            Popup::Form(_, link) => *link = None,
            popup => *popup = Popup::None,
        }
    }

    /// Closes the form (and any picker over it); the KPI pick-list stays.
    pub(super) fn close_form(&mut self) {
        if matches!(self, Popup::Form(..)) {
            *self = Popup::None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::kpi::KpiDraft;
    use crate::tui::tabs::metrics::forms::kpi_form;
    use crate::tui::widgets::picker::LinkKind;

    fn with_link_picker() -> Popup {
        let open = kpi_form("New KPI", None, &KpiDraft::default(), "", "%Y-%m-%d");
        let picker = LinkPicker::one_of(LinkKind::Goal, vec![(1, "Grow".into())]);
        Popup::Form(Box::new(open), Some(picker))
    }

    #[test]
    fn a_link_picker_closes_back_to_its_form() {
        let mut popup = with_link_picker();
        assert!(popup.has_picker());
        popup.close_picker();
        assert!(matches!(popup, Popup::Form(_, None)));
        assert!(!popup.has_picker());
        assert!(popup.open_form().is_some());
    }

    #[test]
    fn the_form_closes_with_the_picker_over_it_and_leaves_the_pick_list() {
        let mut popup = with_link_picker();
        popup.close_form();
        assert!(matches!(popup, Popup::None));
        let mut popup = Popup::Catalogue(Picker::new("Common KPIs".into(), Vec::new()));
        popup.close_form();
        assert!(popup.has_picker());
        assert!(popup.open_form().is_none());
        popup.close_picker();
        assert!(matches!(popup, Popup::None));
    }
}
