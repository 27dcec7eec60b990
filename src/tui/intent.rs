//! What a tab asks the app to do after a key: the app applies it through the workbook.

use super::edits::PartnerEdit;
use super::tabs::guide::GuideEdit;
use super::tabs::metrics::MetricsEdit;
use super::tabs::overview::{Destination, ScenarioEdit};
use super::tabs::risks::RiskEdit;
use super::tabs::roles::RoleEdit;
use super::tabs::strategy::StrategyEdit;
use super::widgets::confirm::ConfirmAction;
use crate::plan::guide::Target;

/// What a jump or a command from elsewhere says instead of running when the form open where it
/// lands holds typing not saved yet (the form stays, on screen; nothing typed is lost).
pub const KEEPS_TYPING: &str = "The open form holds changes not saved yet: ‹form:save› saves \
     them, ‹form:cancel› discards them; then try again.";

#[derive(Debug, Clone, PartialEq)]
pub enum Intent {
    Nothing,
    /// A message for the status line.
    Status(String),
    Error(String),
    /// Ask y/n first; only a "yes" runs the action.
    Confirm(ConfirmAction),
    /// A partner, score, checklist item, check-in or criterion change for the App to write.
    Partner(PartnerEdit),
    /// A role, template or assignment change for the App to write.
    Role(RoleEdit),
    /// A risk or suggestion change for the App to write.
    Risk(RiskEdit),
    /// A change of the strategy, its goals and lists.
    Strategy(StrategyEdit),
    /// A step's note or "not applicable" mark.
    Guide(GuideEdit),
    /// A KPI, measurement, investment or value-log change.
    Metrics(MetricsEdit),
    /// Sends the user to the screen (and record) that fixes something.
    Go(Target),
    /// Shows the list behind one of the Overview's numbers, on the tab that keeps it.
    Show(Destination),
    /// A what-if scenario saved, renamed or deleted.
    Scenario(ScenarioEdit),
}

/// `intent` as it stands, or first the question `doubt` asks about a value that is allowed but
/// unlikely (`plan::plausible`): "yes" runs `intent`, "no" leaves the form open as it was.
pub fn ask_first(doubt: Option<String>, intent: Intent) -> Intent {
    match doubt {
        Some(question) => Intent::Confirm(ConfirmAction::SaveAnyway {
            question,
            then: Box::new(intent),
        }),
        None => intent,
    }
}
