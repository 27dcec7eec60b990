//! The pick-list of common KPIs: the shipped list (`assets/kpis.toml`) and the live KPIs the
//! workbook computes itself; Enter adds the chosen one at once, with unit, direction and horizon
//! filled in (a target can follow with `e`).

use crate::plan::kpi::{Horizon, Kpi};
use crate::plan::kpi_catalogue::{CatalogueKpi, shipped};
use crate::plan::live_kpi::LiveSource;
use crate::tui::widgets::picker::Picker;

/// Picker ids at or above this are live KPIs; below, positions in the shipped list.
const LIVE_IDS: i64 = 1_000;

fn label(kpi: &CatalogueKpi) -> String {
    format!(
        "{} — {} · {} · {}",
        kpi.name,
        kpi.horizon.describe(),
        kpi.unit,
        kpi.direction.describe()
    )
}

/// The pick-list, common KPIs first, then the live ones.
pub(super) fn picker() -> Picker {
    let list = shipped();
    let common = list
        .iter()
        .enumerate()
        .map(|(i, kpi)| (i as i64, label(kpi)));
    let live = LiveSource::ALL.iter().enumerate().map(|(i, source)| {
        (
            LIVE_IDS + i as i64,
            format!(
                "{} — live from the workbook · {} · {}",
                source.name(),
                source.unit(),
                source.direction().describe()
            ),
        )
    });
    Picker::new(
        "Add a common KPI (type to narrow, ‹picker:open› adds)".into(),
        common.chain(live).collect(),
    )
    .nothing("No common KPI matches; ‹kpis:add› adds one of your own.")
}

/// The KPI a pick-list choice adds.
pub(super) fn chosen(id: i64) -> Option<Kpi> {
    if id >= LIVE_IDS {
        let source = *LiveSource::ALL.get(usize::try_from(id - LIVE_IDS).ok()?)?;
        return Some(Kpi {
            name: source.name().into(),
            category: source.category().into(),
            horizon: Horizon::Short,
            unit: source.unit().into(),
            direction: source.direction(),
            live_source: Some(source),
            ..Kpi::default()
        });
    }
    let kpi = shipped().into_iter().nth(usize::try_from(id).ok()?)?;
    Some(Kpi {
        name: kpi.name,
        category: kpi.category,
        horizon: kpi.horizon,
        unit: kpi.unit,
        direction: kpi.direction,
        ..Kpi::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_choice_adds_its_kpi() {
        let first = chosen(0).unwrap();
        assert_eq!(first.name, shipped()[0].name);
        assert_eq!(first.live_source, None);
        let live = chosen(LIVE_IDS + 2).unwrap();
        assert_eq!(live.live_source, Some(LiveSource::ALL[2]));
        assert_eq!(chosen(LIVE_IDS + 99), None);
        assert_eq!(chosen(-1), None);
        assert_eq!(chosen(500), None);
    }
}
