//! How the ROI view names its period: the choices themselves (and their days) are
//! `plan::money::PeriodChoice`, shared with the report and the spreadsheet.

use jiff::civil::Date;

use super::forms::typed_date;
pub(super) use crate::plan::money::PeriodChoice;

/// "this year (01.01.2026 – 31.12.2026)", dates in the user's format.
pub(super) fn describe(choice: PeriodChoice, today: Date, format: &str) -> String {
    if choice == PeriodChoice::AllTime {
        return choice.name().to_string();
    }
    let period = choice.period(today);
    let show = |d: Option<Date>| d.map(|d| typed_date(d, format)).unwrap_or_default();
    format!(
        "{} ({} – {})",
        choice.name(),
        show(period.from),
        show(period.to)
    )
}
