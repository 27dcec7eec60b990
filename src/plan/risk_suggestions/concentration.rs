//! Risks that concentration points at: a dimension over the "highly concentrated" band — returns
//! resting on one partner, active partners gathered in one region or sector, critical roles led
//! by one partner — becomes a dependency suggestion naming the group and its share.

use super::Suggestion;
use crate::plan::concentration::{Concentration, Dimension, Measure};
use crate::plan::risk::category;

/// The suggestions for the figures in `figures` that are highly concentrated with a majority in
/// one group (the share in config, `Thresholds::majority`: three equal groups are "highly
/// concentrated" by the index, yet no one of them is a dependency), one each, keyed by the measure, the dimension and the group (so a new top group
/// is a new suggestion). A group of records with the field empty ("no region set") is missing
/// data, not a dependency, and is never suggested.
pub fn concentration_suggestions(figures: &[Concentration]) -> Vec<Suggestion> {
    figures
        .iter()
        .filter(|c| c.is_a_dependency() && c.shares.len() > 1 || lone_partner(c))
        .filter(|c| {
            c.top()
                .is_some_and(|t| t.percent >= c.majority && t.label != c.dimension.unset())
        })
        // One critical role with one lead is the role's own single point of failure, suggested
        // by the roles' rule; concentration starts with two roles on one partner.
        .filter(|c| {
            c.measure != Measure::CriticalRoleLeads || c.top().is_some_and(|t| t.amount >= 2)
        })
        .filter_map(|c| {
            let top = c.top()?;
            let measure = match c.measure {
                Measure::Returns => "returns",
                Measure::ActivePartners => "active-partners",
                Measure::CriticalRoleLeads => "critical-leads",
            };
            let title = match (c.measure, c.dimension) {
                (_, Dimension::Partner) => format!(
                    "Dependency on {}: {} % {}",
                    top.label,
                    top.percent,
                    of_what(c.measure)
                ),
                _ => format!(
                    "Concentration in {} ({}): {} % {}",
                    top.label,
                    c.dimension.word(),
                    top.percent,
                    of_what(c.measure)
                ),
            };
            Some(Suggestion {
                key: format!(
                    "concentration:{measure}:{}:{}",
                    c.dimension.word(),
                    top.label.to_lowercase()
                ),
                category: category::DEPENDENCY,
                title,
                reason: format!(
                    "{} Spreading it over more {}s lowers what one loss would cost.",
                    c.reading(),
                    c.dimension.word()
                ),
                partner_id: None,
                role_id: None,
            })
        })
        .collect()
}

/// Returns resting on one partner alone are a dependency even though one group is all there is.
fn lone_partner(c: &Concentration) -> bool {
    c.dimension == Dimension::Partner && c.shares.len() == 1 && c.measure == Measure::Returns
}

fn of_what(measure: Measure) -> &'static str {
    match measure {
        Measure::Returns => "of returns",
        Measure::ActivePartners => "of active partners",
        Measure::CriticalRoleLeads => "of critical roles led",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::concentration::{Thresholds, concentration, figure};

    #[test]
    fn only_highly_concentrated_figures_are_suggested_each_naming_its_top_group() {
        let figures = [
            figure(
                Measure::Returns,
                Dimension::Partner,
                &[("Ostrander", 223), ("Pylon", 50), ("Quill", 32)],
            ),
            figure(
                Measure::ActivePartners,
                Dimension::Region,
                &[("Europe", 10), ("Asia", 2), ("Americas", 1)],
            ),
            // An even spread: no suggestion.
            figure(
                Measure::ActivePartners,
                Dimension::Sector,
                &[("a", 1), ("b", 1), ("c", 1), ("d", 1), ("e", 1)],
            ),
            // One type holds every active partner: a fact of a small plan, not a dependency.
            figure(
                Measure::ActivePartners,
                Dimension::PartnerType,
                &[("reseller", 3)],
            ),
            // Three equal regions: a high index, but no majority anywhere.
            figure(
                Measure::ActivePartners,
                Dimension::Region,
                &[("Europe", 1), ("Asia", 1), ("Americas", 1)],
            ),
            // Most partners have no sector: missing data, not a concentration.
            figure(
                Measure::ActivePartners,
                Dimension::Sector,
                &[("", 8), ("software", 1)],
            ),
        ];
        let found = concentration_suggestions(&figures);
        let titles: Vec<&str> = found.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Dependency on Ostrander: 73 % of returns",
                "Concentration in Europe (region): 76 % of active partners",
            ]
        );
        assert_eq!(found[0].key, "concentration:returns:partner:ostrander");
        assert!(found[0].reason.contains("highly concentrated"));
        assert_eq!(found[0].category, category::DEPENDENCY);
    }

    #[test]
    fn critical_roles_on_one_partner_are_suggested_from_two_roles_on() {
        let one = [figure(
            Measure::CriticalRoleLeads,
            Dimension::Partner,
            &[("Newcomer", 1)],
        )];
        assert!(
            concentration_suggestions(&one).is_empty(),
            "the role's own rule covers it"
        );
        let two = [figure(
            Measure::CriticalRoleLeads,
            Dimension::Partner,
            &[("Ostrander", 3), ("Pylon", 1)],
        )];
        let found = concentration_suggestions(&two);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].title,
            "Dependency on Ostrander: 75 % of critical roles led"
        );
    }

    #[test]
    fn returns_from_one_partner_alone_are_a_dependency() {
        let figures = [figure(
            Measure::Returns,
            Dimension::Partner,
            &[("Ostrander", 5)],
        )];
        let found = concentration_suggestions(&figures);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].title, "Dependency on Ostrander: 100 % of returns");
    }

    #[test]
    fn the_majority_comes_from_the_thresholds() {
        // Three equal regions share 33 % each: no majority by default, one at a third.
        let pairs = [("Europe", 1), ("Asia", 1), ("Americas", 1)];
        let at = |majority: u8| {
            let thresholds = Thresholds {
                majority,
                ..Thresholds::default()
            };
            let figure = concentration(
                Measure::ActivePartners,
                Dimension::Region,
                pairs.iter().map(|&(l, a)| (l.to_string(), a)),
                thresholds,
            )
            .unwrap();
            concentration_suggestions(&[figure]).len()
        };
        assert_eq!(at(50), 0);
        assert_eq!(at(33), 1);
    }
}
