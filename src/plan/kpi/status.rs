//! A KPI's status against its target path, the path itself, and its sparkline's points.

use jiff::civil::Date;

use super::{Direction, KpiStatus};

/// How far behind the path a KPI may be, as a share of the distance from baseline to target,
/// and still be "at risk" rather than "off track".
pub const TOLERANCE: f64 = 0.10;

/// What a KPI's status is judged against.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KpiTarget {
    pub direction: Direction,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub target_date: Option<Date>,
    /// The day the KPI was created: where the path starts when a baseline is set.
    pub created_on: Date,
}

/// One measurement of a KPI.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measurement {
    pub on: Date,
    pub value: f64,
}

/// The straight line from the baseline to the target, for the detail chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TargetPath {
    pub start: Date,
    pub baseline: f64,
    pub target: f64,
    /// `None`: no target date, so the path stays at the baseline.
    pub target_date: Option<Date>,
}

impl TargetPath {
    /// The value the path expects on `day`; before the start it is the baseline, after the
    /// target date the target.
    pub fn expected_on(&self, day: Date) -> f64 {
        let Some(end) = self.target_date else {
            return self.baseline;
        };
        let span = (end - self.start).get_days();
        if span <= 0 || day >= end {
            return if day >= end {
                self.target
            } else {
                self.baseline
            };
        }
        let elapsed = (day - self.start).get_days().clamp(0, span);
        self.baseline + (self.target - self.baseline) * f64::from(elapsed) / f64::from(span)
    }
}

/// The measurements with real numbers, in date order (same-day ones keep their given order).
fn in_date_order(measurements: &[Measurement]) -> Vec<Measurement> {
    let mut sorted: Vec<Measurement> = measurements
        .iter()
        .copied()
        .filter(|m| m.value.is_finite())
        .collect();
    sorted.sort_by_key(|m| m.on);
    sorted
}

/// The target path, when there is a target and something to start from (a baseline or a
/// measurement).
pub fn target_path(kpi: &KpiTarget, measurements: &[Measurement]) -> Option<TargetPath> {
    let target = kpi.target.filter(|t| t.is_finite())?;
    let first = in_date_order(measurements).first().copied();
    let (baseline, start) = match (kpi.baseline.filter(|b| b.is_finite()), first) {
        (Some(baseline), Some(first)) => (baseline, kpi.created_on.min(first.on)),
        (Some(baseline), None) => (baseline, kpi.created_on),
        (None, Some(first)) => (first.value, first.on),
        (None, None) => return None,
    };
    Some(TargetPath {
        start,
        baseline,
        target,
        target_date: kpi.target_date,
    })
}

/// The KPI's status on `today`, by the rule in the `kpi` module's documentation.
pub fn status(kpi: &KpiTarget, measurements: &[Measurement], today: Date) -> KpiStatus {
    let Some(latest) = in_date_order(measurements).last().copied() else {
        return KpiStatus::NoData;
    };
    let Some(path) = target_path(kpi, measurements) else {
        return KpiStatus::NoData;
    };
    let direction = kpi.direction;
    if direction.gain(latest.value, path.target) >= 0.0 {
        return KpiStatus::Achieved;
    }
    if path.target_date.is_some_and(|end| end < today) {
        return KpiStatus::OffTrack;
    }
    let behind = -direction.gain(latest.value, path.expected_on(latest.on));
    if behind <= 0.0 {
        return KpiStatus::OnTrack;
    }
    let allowed = (path.target - path.baseline).abs() * TOLERANCE;
    // A hair of rounding in the path must not tip an edge case over.
    if behind <= allowed + allowed.abs() * 1e-9 {
        KpiStatus::AtRisk
    } else {
        KpiStatus::OffTrack
    }
}

/// The values in date order, for a sparkline.
pub fn sparkline(measurements: &[Measurement]) -> Vec<f64> {
    in_date_order(measurements)
        .iter()
        .map(|m| m.value)
        .collect()
}

/// Values scaled onto whole levels 0..=`top` (lowest value → 0, highest → `top`), for a bar
/// sparkline that takes whole numbers; all-equal values sit in the middle.
pub fn sparkline_levels(values: &[f64], top: u64) -> Vec<u64> {
    let finite = values.iter().copied().filter(|v| v.is_finite());
    let low = finite.clone().fold(f64::INFINITY, f64::min);
    let high = finite.fold(f64::NEG_INFINITY, f64::max);
    values
        .iter()
        .map(|&v| {
            if !v.is_finite() {
                0
            } else if high - low <= 0.0 {
                top.div_ceil(2)
            } else {
                // In 0..=top by construction, so the cast neither wraps nor truncates wrongly.
                (((v - low) / (high - low)) * top as f64).round() as u64
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn kpi(direction: Direction, baseline: Option<f64>, target: f64) -> KpiTarget {
        KpiTarget {
            direction,
            baseline,
            target: Some(target),
            // 100 days from the start: one unit of the path per day when baseline 0, target 100.
            target_date: Some(date(2026, 4, 11)),
            created_on: date(2026, 1, 1),
        }
    }

    fn m(month: i8, day: i8, value: f64) -> Measurement {
        Measurement {
            on: date(2026, month, day),
            value,
        }
    }

    const TODAY: Date = date(2026, 2, 1);

    #[test]
    fn higher_is_better_against_the_path() {
        let k = kpi(Direction::Higher, Some(0.0), 100.0);
        // 2026-01-31 is day 30: the path expects 30.
        assert_eq!(status(&k, &[m(1, 31, 35.0)], TODAY), KpiStatus::OnTrack);
        assert_eq!(status(&k, &[m(1, 31, 30.0)], TODAY), KpiStatus::OnTrack);
        assert_eq!(status(&k, &[m(1, 31, 25.0)], TODAY), KpiStatus::AtRisk);
        assert_eq!(status(&k, &[m(1, 31, 15.0)], TODAY), KpiStatus::OffTrack);
        assert_eq!(status(&k, &[m(1, 31, 100.0)], TODAY), KpiStatus::Achieved);
    }

    #[test]
    fn lower_is_better_against_the_path() {
        let k = kpi(Direction::Lower, Some(100.0), 0.0);
        // Day 30: the path expects 70.
        assert_eq!(status(&k, &[m(1, 31, 60.0)], TODAY), KpiStatus::OnTrack);
        assert_eq!(status(&k, &[m(1, 31, 75.0)], TODAY), KpiStatus::AtRisk);
        assert_eq!(status(&k, &[m(1, 31, 90.0)], TODAY), KpiStatus::OffTrack);
        assert_eq!(status(&k, &[m(1, 31, 0.0)], TODAY), KpiStatus::Achieved);
        assert_eq!(status(&k, &[m(1, 31, -5.0)], TODAY), KpiStatus::Achieved);
    }

    #[test]
    fn the_tolerance_edge_is_at_risk_and_just_past_it_off_track() {
        let k = kpi(Direction::Higher, Some(0.0), 100.0);
        // Expected 30, tolerance 10.
        assert_eq!(status(&k, &[m(1, 31, 20.0)], TODAY), KpiStatus::AtRisk);
        assert_eq!(status(&k, &[m(1, 31, 19.99)], TODAY), KpiStatus::OffTrack);
        assert_eq!(status(&k, &[m(1, 31, 29.99)], TODAY), KpiStatus::AtRisk);
        let lower = kpi(Direction::Lower, Some(100.0), 0.0);
        assert_eq!(status(&lower, &[m(1, 31, 80.0)], TODAY), KpiStatus::AtRisk);
        assert_eq!(
            status(&lower, &[m(1, 31, 80.01)], TODAY),
            KpiStatus::OffTrack
        );
    }

    #[test]
    fn the_latest_measurement_by_date_counts_whatever_the_order_given() {
        let k = kpi(Direction::Higher, Some(0.0), 100.0);
        let ms = [m(1, 31, 15.0), m(1, 10, 50.0)];
        assert_eq!(status(&k, &ms, TODAY), KpiStatus::OffTrack);
        assert_eq!(sparkline(&ms), [50.0, 15.0]);
    }

    #[test]
    fn without_a_baseline_the_first_measurement_is_the_baseline() {
        let k = kpi(Direction::Higher, None, 100.0);
        // Path from 0 on 01-11 to 100 on 04-11 (90 days); on 01-31 it expects 20·100/90 ≈ 22.2.
        let ms = [m(1, 11, 0.0), m(1, 31, 22.3)];
        assert_eq!(status(&k, &ms, TODAY), KpiStatus::OnTrack);
        let ms = [m(1, 11, 0.0), m(1, 31, 12.0)];
        assert_eq!(status(&k, &ms, TODAY), KpiStatus::OffTrack);
        let path = target_path(&k, &ms).unwrap();
        assert_eq!(path.start, date(2026, 1, 11));
        assert_eq!(path.baseline, 0.0);
    }

    #[test]
    fn a_single_measurement() {
        // Without a baseline it is the start of the path: on track.
        let k = kpi(Direction::Higher, None, 100.0);
        assert_eq!(status(&k, &[m(1, 31, 5.0)], TODAY), KpiStatus::OnTrack);
        // With one, it is judged against the path like any other.
        let k = kpi(Direction::Higher, Some(0.0), 100.0);
        assert_eq!(status(&k, &[m(1, 31, 5.0)], TODAY), KpiStatus::OffTrack);
        // On the creation day the path still expects the baseline.
        assert_eq!(status(&k, &[m(1, 1, 0.0)], TODAY), KpiStatus::OnTrack);
    }

    #[test]
    fn a_passed_target_date_is_off_track_unless_achieved() {
        let k = kpi(Direction::Higher, Some(0.0), 100.0);
        let late = date(2026, 4, 12);
        assert_eq!(status(&k, &[m(4, 10, 99.0)], late), KpiStatus::OffTrack);
        assert_eq!(status(&k, &[m(4, 10, 100.0)], late), KpiStatus::Achieved);
        // On the target date itself the KPI is still judged by the path.
        assert_eq!(
            status(&k, &[m(4, 10, 99.0)], date(2026, 4, 11)),
            KpiStatus::OnTrack
        );
    }

    #[test]
    fn no_measurements_or_no_target_is_no_data() {
        let k = kpi(Direction::Higher, Some(0.0), 100.0);
        assert_eq!(status(&k, &[], TODAY), KpiStatus::NoData);
        let no_target = KpiTarget { target: None, ..k };
        assert_eq!(
            status(&no_target, &[m(1, 2, 5.0)], TODAY),
            KpiStatus::NoData
        );
        let nan = [m(1, 2, f64::NAN)];
        assert_eq!(status(&k, &nan, TODAY), KpiStatus::NoData);
    }

    #[test]
    fn without_a_target_date_the_kpi_must_not_go_backwards() {
        let k = KpiTarget {
            target_date: None,
            ..kpi(Direction::Higher, Some(50.0), 100.0)
        };
        let far = date(2030, 1, 1);
        assert_eq!(status(&k, &[m(1, 31, 50.0)], far), KpiStatus::OnTrack);
        assert_eq!(status(&k, &[m(1, 31, 46.0)], far), KpiStatus::AtRisk);
        assert_eq!(status(&k, &[m(1, 31, 40.0)], far), KpiStatus::OffTrack);
    }

    #[test]
    fn sparkline_levels_span_the_range() {
        assert_eq!(sparkline_levels(&[1.0, 3.0, 2.0], 8), [0, 8, 4]);
        assert_eq!(sparkline_levels(&[5.0, 5.0], 8), [4, 4]);
        assert!(sparkline_levels(&[], 8).is_empty());
    }
}
