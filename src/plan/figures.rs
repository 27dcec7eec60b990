//! The plan's headline figures, each named and defined once so every screen, KPI and rule agrees.
//!
//! A figure shown in two places (the roster's header and the Overview, the Roles tab and a live
//! KPI) is computed from the one definition here; the workbook's queries and the screens take
//! their rule and their label from it rather than restating them.

/// How a figure is labelled where it is shown, and what it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figure {
    /// The words beside the number ("check-ins overdue").
    pub label: &'static str,
    /// One sentence saying what is counted, for help texts and the README.
    pub definition: &'static str,
}

/// Overdue check-ins: partners at a tended stage ([`CHECKIN_STAGES`]) whose next check-in (last
/// check-in + their cadence, else the default one) is before today. A paused or exited
/// partnership (or a prospect) is not tended, so its old rhythm never counts as overdue.
pub const OVERDUE_CHECKINS: Figure = Figure {
    label: "check-ins overdue",
    definition: "onboarding and active partners whose next check-in (the last one plus their \
                 cadence) is before today",
};

/// Role coverage: the share of roles (the hub aside) whose effective status is "in place".
pub const ROLE_COVERAGE: Figure = Figure {
    label: "in place",
    definition: "the share of roles, the hub aside, whose status is in place: held by enough \
                 partners, or marked in place by hand",
};

/// Onboarded: a partner at a tended stage ([`CHECKIN_STAGES`]: onboarding or active) whose
/// onboarding checklist is complete ([`ONBOARDED_PCT`]). The Overview's gauge and the live KPI
/// "Partners fully onboarded" both count it so, out of the partners at those stages.
pub const ONBOARDED: Figure = Figure {
    label: "onboarded",
    definition: "onboarding and active partners whose onboarding checklist is complete, out of \
                 all onboarding and active partners",
};

/// The checklist share (every item that applies done) at which a partner counts as onboarded.
pub const ONBOARDED_PCT: i64 = 100;

/// The stages whose partners are expected to check in (and so can be overdue or due), and whose
/// onboarding is counted.
pub const CHECKIN_STAGES: &[&str] = &["onboarding", "active"];

/// Whether a partner at `stage` whose checklist stands at `checklist_pct` counts as onboarded.
pub fn is_onboarded(stage: &str, checklist_pct: Option<i64>) -> bool {
    expects_checkins(stage) && checklist_pct.is_some_and(|pct| pct >= ONBOARDED_PCT)
}

/// Whether a partner at `stage` is expected to check in.
pub fn expects_checkins(stage: &str) -> bool {
    CHECKIN_STAGES.contains(&stage)
}

/// A share as a whole percentage rounded down, so that 100 % means every one; `None` out of
/// nothing. Every share the app shows or records as a live KPI goes through here.
pub fn share_percent(part: usize, whole: usize) -> Option<u8> {
    (whole > 0).then(|| u8::try_from(part.min(whole) * 100 / whole).unwrap_or(100))
}

/// A computed value as it is stored and shown: one decimal place (an average fit of 72.7, not
/// 72.72727272727273). Whole numbers stay whole.
pub fn stored_value(value: f64) -> f64 {
    if !value.is_finite() {
        return value;
    }
    let rounded = (value * 10.0).round() / 10.0;
    // -0.0 would print as "-0".
    if rounded == 0.0 { 0.0 } else { rounded }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn onboarded_means_a_tended_partner_with_a_complete_checklist() {
        assert!(is_onboarded("active", Some(100)));
        assert!(is_onboarded("onboarding", Some(100)));
        assert!(!is_onboarded("active", Some(99)));
        assert!(
            !is_onboarded("active", None),
            "no checklist is not a complete one"
        );
        assert!(
            !is_onboarded("paused", Some(100)),
            "a paused partner is not counted"
        );
        assert!(!is_onboarded("prospect", Some(100)));
    }

    #[test]
    fn onboarding_and_active_partners_are_expected_to_check_in() {
        assert!(expects_checkins("active") && expects_checkins("onboarding"));
        for stage in ["paused", "exited", "prospect", "evaluating", ""] {
            assert!(!expects_checkins(stage), "{stage}");
        }
    }

    #[test]
    fn shares_round_down_so_that_100_means_all() {
        assert_eq!(share_percent(8, 11), Some(72));
        assert_eq!(share_percent(5, 11), Some(45));
        assert_eq!(share_percent(199, 200), Some(99));
        assert_eq!(share_percent(3, 3), Some(100));
        assert_eq!(share_percent(0, 0), None);
    }

    #[test]
    fn stored_values_keep_one_decimal() {
        assert_eq!(stored_value(72.727_272_727_272_73), 72.7);
        assert_eq!(stored_value(64.0), 64.0);
        assert_eq!(stored_value(-0.04), 0.0);
        assert!(stored_value(f64::NAN).is_nan());
    }
}
