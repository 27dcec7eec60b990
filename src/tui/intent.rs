//! What a tab asks the app to do after a key: the app applies it through the workbook.

use super::edits::PartnerEdit;
use super::tabs::risks::RiskEdit;
use super::tabs::roles::RoleEdit;
use super::widgets::confirm::ConfirmAction;
use crate::plan::PartnerDraft;

#[derive(Debug, Clone, PartialEq)]
pub enum Intent {
    Nothing,
    /// A message for the status line.
    Status(String),
    Error(String),
    /// Ask y/n first; only a "yes" runs the action.
    Confirm(ConfirmAction),
    SavePartner {
        id: Option<i64>,
        draft: Box<PartnerDraft>,
    },
    /// A score, checklist item, check-in or criterion change for the App to write.
    Edit(PartnerEdit),
    /// A role, template or assignment change for the App to write.
    Role(RoleEdit),
    /// A risk or suggestion change for the App to write.
    Risk(RiskEdit),
}
