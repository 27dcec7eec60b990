//! A scenario's events — a partner exits, is delayed by N months, or is gated out — and what
//! they move besides coverage: the live KPIs that count active partners and roles in place, the
//! returns at stake (a delay stakes its months' share of a year), and the open risks that would
//! rise because they name a partner that goes or a role that weakens.

use std::collections::BTreeSet;

use super::{WhatIf, coverage_without, rank};
use crate::plan::coverage::Assignment;
use crate::plan::figures::share_percent;
use crate::plan::roles::{Role, RoleStatus};

/// What happens to one partner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    /// The partner leaves for good.
    Exit,
    /// The partner's part arrives this many months late (1–120).
    Delay(u32),
    /// The partner fails a selection gate and is out of the plan.
    GateOut,
}

impl EventKind {
    /// The word stored in `scenario_events.kind`.
    pub fn word(self) -> &'static str {
        match self {
            EventKind::Exit => "exit",
            EventKind::Delay(_) => "delay",
            EventKind::GateOut => "gate-out",
        }
    }

    /// From the stored word and months; `Err` says what is wrong and what is accepted.
    pub fn from_stored(word: &str, months: Option<i64>) -> Result<EventKind, String> {
        match (word, months) {
            ("exit", _) => Ok(EventKind::Exit),
            ("gate-out", _) => Ok(EventKind::GateOut),
            ("delay", Some(m)) => EventKind::delay(m),
            ("delay", None) => Err("a delay needs its months (1 to 120)".into()),
            (other, _) => Err(format!(
                "\"{other}\" is not a scenario event; use exit, delay or gate-out"
            )),
        }
    }

    /// A delay of `months`, refused outside 1–120 with the range.
    pub fn delay(months: i64) -> Result<EventKind, String> {
        match u32::try_from(months) {
            Ok(m) if (1..=120).contains(&m) => Ok(EventKind::Delay(m)),
            _ => Err(format!(
                "a delay of {months} months cannot be: write 1 to 120 months"
            )),
        }
    }

    /// "exits", "is delayed by 6 months", "is gated out"; for several partners "exit", "are
    /// delayed by 6 months", "are gated out".
    pub fn phrase(self, several: bool) -> String {
        let months = |m: u32| {
            if m == 1 {
                "1 month".to_string()
            } else {
                format!("{m} months")
            }
        };
        match (self, several) {
            (EventKind::Exit, false) => "exits".into(),
            (EventKind::Exit, true) => "exit".into(),
            (EventKind::Delay(m), false) => format!("is delayed by {}", months(m)),
            (EventKind::Delay(m), true) => format!("are delayed by {}", months(m)),
            (EventKind::GateOut, false) => "is gated out".into(),
            (EventKind::GateOut, true) => "are gated out".into(),
        }
    }
}

/// What the figures of a scenario with these events simplify, a sentence each, so no reader
/// takes them for more than they are: a gate failed is counted as an exit at once (the
/// partner's current agreements would in truth run to their end, with no new role or
/// contribution), and a delay takes the partner out of its roles and offerings for the whole
/// scenario (only its returns are scaled to the months). Empty when no event is simplified.
pub fn simplifications(kinds: impl IntoIterator<Item = EventKind>) -> Vec<&'static str> {
    let (mut gate_out, mut delay) = (false, false);
    for kind in kinds {
        match kind {
            EventKind::GateOut => gate_out = true,
            EventKind::Delay(_) => delay = true,
            EventKind::Exit => {}
        }
    }
    let mut notes = Vec::new();
    if gate_out {
        notes.push(
            "A partner gated out is counted as gone at once: its roles, contributions and all \
             its returns are taken away, though its current agreements would run until their \
             end date; read the figures as the worst case.",
        );
    }
    if delay {
        notes.push(
            "A delayed partner is counted as absent from its roles and offerings for coverage, \
             whatever the months; only its returns at stake are scaled to the months.",
        );
    }
    notes
}

/// The events told in words, partners with the same event together, in the order first named:
/// "Ostrander and Pylon exit and Quill is delayed by 6 months"; each event is (the partner's
/// name, what happens to it).
pub fn story(events: &[(String, EventKind)]) -> String {
    let mut groups: Vec<(EventKind, Vec<&str>)> = Vec::new();
    for (name, kind) in events {
        match groups.iter_mut().find(|(k, _)| k == kind) {
            Some((_, names)) => names.push(name),
            None => groups.push((*kind, vec![name])),
        }
    }
    let parts: Vec<String> = groups
        .iter()
        .map(|(kind, names)| format!("{} {}", and_list(names), kind.phrase(names.len() > 1)))
        .collect();
    and_list(&parts)
}

/// "a", "a and b", "a, b and c".
fn and_list<T: AsRef<str>>(items: &[T]) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", rest.join(", "), last.as_ref())
        }
        Some((last, _)) => last.as_ref().to_string(),
        None => String::new(),
    }
}

/// One event of a scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Event {
    pub partner: i64,
    pub kind: EventKind,
}

/// A live KPI the scenario can move: one counted from active partners or roles in place.
#[derive(Debug, Clone, PartialEq)]
pub struct LiveKpi {
    pub name: String,
    pub counts: LiveCount,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiveCount {
    ActivePartners,
    RoleCoverage,
}

/// A live KPI's value now and in the scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiMove {
    pub name: String,
    pub now: f64,
    pub then: f64,
    /// A share in percent (role coverage), else a count.
    pub percent: bool,
}

/// An open risk that names a partner that goes or a role the scenario weakens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RiskLink {
    pub code: String,
    pub title: String,
    pub partner: Option<i64>,
    pub role: Option<i64>,
}

/// What else a scenario needs beyond `what_if`'s inputs.
#[derive(Debug, Clone, Default)]
pub struct ScenarioFacts<'a> {
    /// Partners at the active stage, and how many of them the events name.
    pub active: usize,
    pub active_affected: usize,
    pub live_kpis: &'a [LiveKpi],
    /// Open and mitigating risks that name a partner the events name or a role of
    /// `weakened_roles` (others are passed over; reading only those keeps it quick).
    pub risks: &'a [RiskLink],
}

/// The roles whose coverage the events weaken: a worse status or a new gap, by the coverage
/// rule without every partner the events name.
pub fn weakened_roles(
    events: &[Event],
    roles: &[Role],
    assignments: &[Assignment],
) -> BTreeSet<i64> {
    let affected: BTreeSet<i64> = events.iter().map(|e| e.partner).collect();
    let (now, then) = coverage_without(&affected, roles, assignments);
    now.iter()
        .zip(&then)
        .filter(|(b, a)| rank(a.computed) > rank(b.computed) || (a.gap && !b.gap))
        .map(|(b, _)| b.role_id)
        .collect()
}

/// Adds to `outcome` (the plan without every partner an event names) what the events move:
/// returns at stake scaled for delays (`returns`: partner, amount, as `what_if` took them),
/// live KPIs and risks.
pub fn with_events(
    mut outcome: WhatIf,
    events: &[Event],
    roles: &[Role],
    assignments: &[Assignment],
    returns: &[(Option<i64>, i64)],
    facts: &ScenarioFacts<'_>,
) -> WhatIf {
    let affected: BTreeSet<i64> = events.iter().map(|e| e.partner).collect();
    // A delay stakes its months of a year's returns (a whole year or more: all of them).
    outcome.returns_at_stake = returns
        .iter()
        .filter_map(|&(partner, amount)| {
            let partner = partner?;
            let months = events
                .iter()
                .filter(|e| e.partner == partner)
                .map(|e| match e.kind {
                    EventKind::Delay(m) => i64::from(m.min(12)),
                    _ => 12,
                })
                .max()?;
            Some(amount.max(0).saturating_mul(months) / 12)
        })
        .sum();

    let (now, then) = coverage_without(&affected, roles, assignments);
    let in_place = |coverage: &[crate::plan::coverage::RoleCoverage]| {
        coverage
            .iter()
            .filter(|c| roles.iter().any(|r| r.id == c.role_id && !r.is_hub))
            .filter(|c| c.computed == RoleStatus::InPlace)
            .count()
    };
    let below_hub = roles.iter().filter(|r| !r.is_hub).count();
    let weakened = weakened_roles(events, roles, assignments);

    for kpi in facts.live_kpis {
        let (now_value, then_value, percent) = match kpi.counts {
            LiveCount::ActivePartners => {
                let gone = facts.active_affected.min(facts.active);
                (facts.active as f64, (facts.active - gone) as f64, false)
            }
            LiveCount::RoleCoverage => {
                let share = |n: usize| f64::from(share_percent(n, below_hub).unwrap_or(0));
                (share(in_place(&now)), share(in_place(&then)), true)
            }
        };
        if (now_value - then_value).abs() > f64::EPSILON {
            outcome.kpis.push(KpiMove {
                name: kpi.name.clone(),
                now: now_value,
                then: then_value,
                percent,
            });
        }
    }

    outcome.risks = facts
        .risks
        .iter()
        .filter(|r| {
            r.partner.is_some_and(|p| affected.contains(&p))
                || r.role.is_some_and(|role| weakened.contains(&role))
        })
        .cloned()
        .collect();
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::roles::Criticality;
    use crate::plan::whatif::tests::{lead, role};
    use crate::plan::whatif::what_if;

    #[test]
    fn a_delay_stakes_its_months_and_moves_kpis_and_risks_by_hand() {
        // Medium: one lead is enough (a high role with one lead is a single point).
        let roles = [
            role(2, "Resellers", Criticality::Medium),
            role(3, "Logistics", Criticality::Medium),
        ];
        let assignments = [lead(10, 2), lead(11, 3)];
        let returns = [(Some(10), 1_200), (Some(11), 600)];
        let kpis = [
            LiveKpi {
                name: "Active partners".into(),
                counts: LiveCount::ActivePartners,
            },
            LiveKpi {
                name: "Roles in place".into(),
                counts: LiveCount::RoleCoverage,
            },
        ];
        let risks = [
            RiskLink {
                code: "R-001".into(),
                title: "Reseller churn".into(),
                partner: None,
                role: Some(2),
            },
            RiskLink {
                code: "R-002".into(),
                title: "Logistics strike".into(),
                partner: Some(11),
                role: None,
            },
        ];
        // Partners 10, 11 and 12 are active; the events name 10.
        let facts = ScenarioFacts {
            active: 3,
            active_affected: 1,
            live_kpis: &kpis,
            risks: &risks,
        };
        // Partner 10 (Resellers' only lead) meets `kind`.
        let outcome = |kind| {
            let base = what_if(
                &[10].into_iter().collect(),
                &roles,
                &assignments,
                &[],
                &returns,
            );
            let events = [Event { partner: 10, kind }];
            with_events(base, &events, &roles, &assignments, &returns, &facts)
        };
        let w = outcome(EventKind::Delay(3));
        assert_eq!(w.returns_at_stake, 300, "3 of 12 months of 1,200");
        assert_eq!(w.returns_total, 1_800);
        assert_eq!(w.kpis.len(), 2);
        assert_eq!((w.kpis[0].now, w.kpis[0].then), (3.0, 2.0));
        assert_eq!((w.kpis[1].now, w.kpis[1].then), (100.0, 50.0));
        assert!(w.kpis[1].percent);
        let codes: Vec<&str> = w.risks.iter().map(|r| r.code.as_str()).collect();
        assert_eq!(codes, ["R-001"], "partner 11 stays and Logistics holds");

        assert_eq!(outcome(EventKind::Exit).returns_at_stake, 1_200);
    }

    #[test]
    fn stored_words_read_back_and_bad_ones_say_what_is_accepted() {
        for kind in [EventKind::Exit, EventKind::Delay(6), EventKind::GateOut] {
            let months = match kind {
                EventKind::Delay(m) => Some(i64::from(m)),
                _ => None,
            };
            assert_eq!(EventKind::from_stored(kind.word(), months), Ok(kind));
        }
        assert!(
            EventKind::from_stored("leave", None)
                .unwrap_err()
                .contains("use exit, delay or gate-out")
        );
        assert!(EventKind::delay(0).unwrap_err().contains("1 to 120"));
        assert!(EventKind::delay(121).is_err());
        assert_eq!(EventKind::Delay(6).phrase(false), "is delayed by 6 months");
        let named = |n: &str, k| (n.to_string(), k);
        assert_eq!(
            story(&[
                named("Ostrander", EventKind::Exit),
                named("Quill", EventKind::Delay(1)),
                named("Pylon", EventKind::Exit),
            ]),
            "Ostrander and Pylon exit and Quill is delayed by 1 month"
        );
    }

    #[test]
    fn gate_outs_and_delays_say_what_they_simplify_and_exits_need_no_word() {
        assert!(simplifications([EventKind::Exit]).is_empty());
        let gate = simplifications([EventKind::Exit, EventKind::GateOut]);
        assert_eq!(gate.len(), 1);
        assert!(gate[0].contains("run until their end date"), "{gate:?}");
        let delay = simplifications([EventKind::Delay(3), EventKind::Delay(6)]);
        assert_eq!(delay.len(), 1, "one note for any number of delays");
        assert!(delay[0].contains("absent from its roles"), "{delay:?}");
        let both = simplifications([EventKind::Delay(3), EventKind::GateOut]);
        assert_eq!(both, [gate[0], delay[0]], "gate-out first, then delay");
    }
}
