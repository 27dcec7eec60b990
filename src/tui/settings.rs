//! The few configuration values the screens need beyond keys and colours.

use crate::config::Config;

/// How dates are typed and shown, and the check-in cadence a partner without its own gets.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// strftime-style, as in the config's `date_format`.
    pub date_format: String,
    pub checkin_cadence_days: i64,
    /// Leading more roles than this makes a partner overloaded.
    pub overload_threshold: i64,
    /// Risk score thresholds of the bands.
    pub bands: crate::plan::risk::Bands,
    /// The workbook's money is shown and typed in this currency (a checked three-letter code).
    pub currency: String,
    /// The concentration index's bands and the share that makes a dependency.
    pub concentration: crate::plan::concentration::Thresholds,
    /// A fixed "today" (screen tests, demos); `None` reads the system clock.
    pub today: Option<jiff::civil::Date>,
}

impl Settings {
    pub fn from_config(config: &Config) -> Settings {
        Settings {
            date_format: config.date_format.clone(),
            checkin_cadence_days: config.checkin_cadence_days,
            overload_threshold: config.overload_threshold,
            bands: config.bands(),
            currency: config.currency.clone(),
            concentration: config.concentration,
            today: None,
        }
    }

    /// Today's date: the fixed one when set, else the system's local date.
    pub fn today(&self) -> jiff::civil::Date {
        self.today.unwrap_or_else(|| jiff::Zoned::now().date())
    }
}

impl Default for Settings {
    fn default() -> Settings {
        Settings::from_config(&Config::default())
    }
}
