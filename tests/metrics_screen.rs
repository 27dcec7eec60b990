//! The Metrics tab on a temporary workbook: the KPI table, the pick-list, the KPI form, a KPI's
//! chart and measurement log, the ROI view with investments and the value log; snapshots at 80×24
//! and 200×60, and what the keys write to the workbook.

mod screen_harness;

use jiff::civil::{Date, date};
use partnerplan::plan::framework::Screen as Place;
use partnerplan::plan::guide::Target;
use partnerplan::plan::kpi::{Direction, Horizon, Kpi};
use partnerplan::plan::live_kpi::LiveSource;
use partnerplan::plan::money::ValueKind;
use partnerplan::plan::strategy::GoalDraft;
use partnerplan::tui::keymap::Keymap;
use partnerplan::tui::settings::Settings;
use partnerplan::tui::tabs::metrics::MetricsTab;
use partnerplan::tui::tabs::screen::Screen as _;
use partnerplan::tui::theme::Theme;
use partnerplan::workbook::{InvestmentDraft, ValueDraft, Workbook};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::layout::Rect;
use screen_harness::*;
use tempfile::TempDir;

const TODAY: Date = date(2026, 3, 1);

fn settings() -> Settings {
    Settings {
        today: Some(TODAY),
        ..Settings::default()
    }
}

fn kpi(name: &str, unit: &str, baseline: Option<f64>, target: f64, by: &str) -> Kpi {
    Kpi {
        name: name.into(),
        category: "financial".into(),
        horizon: Horizon::Short,
        unit: unit.into(),
        direction: Direction::Higher,
        baseline,
        target: Some(target),
        target_date: Some(by.into()),
        owner: "Dana Whitfield".into(),
        ..Kpi::default()
    }
}

/// The realistic partners with a goal, four KPIs (on track, off track, no data, live), money
/// spent and value logged.
fn metrics_workbook(dir: &TempDir) -> Workbook {
    let mut wb = workbook_with_partners(dir, false);
    let goal = wb
        .add_goal(&GoalDraft {
            title: "Grow partner-sourced revenue".into(),
            horizon: Default::default(),
            description: String::new(),
            target_date: None,
            status: Default::default(),
        })
        .unwrap();
    let revenue = wb
        .add_kpi(&Kpi {
            goal_id: Some(goal),
            ..kpi(
                "Partner-sourced revenue",
                "kEUR",
                Some(0.0),
                100.0,
                "2026-12-31",
            )
        })
        .unwrap();
    for (month, value) in [(1, 5.0), (2, 18.0), (3, 24.0)] {
        wb.add_measurement(revenue, date(2026, month, 1), value, "from the CRM")
            .unwrap();
    }
    let nps = wb
        .add_kpi(&Kpi {
            category: "customer".into(),
            ..kpi("Partner NPS", "points", Some(20.0), 60.0, "2026-06-30")
        })
        .unwrap();
    wb.add_measurement(nps, date(2026, 1, 15), 20.0, "")
        .unwrap();
    wb.add_measurement(nps, date(2026, 2, 15), 12.0, "survey dip")
        .unwrap();
    wb.add_kpi(&Kpi {
        name: "Time to first deal".into(),
        unit: "days".into(),
        direction: Direction::Lower,
        horizon: Horizon::Medium,
        ..Kpi::default()
    })
    .unwrap();
    wb.add_kpi(&Kpi {
        name: LiveSource::ActivePartners.name().into(),
        unit: LiveSource::ActivePartners.unit().into(),
        live_source: Some(LiveSource::ActivePartners),
        target: Some(5.0),
        ..Kpi::default()
    })
    .unwrap();
    let helix = id_of(&wb, "partners", "Helix Cloud");
    let northwind = id_of(&wb, "partners", "Northwind Logistics");
    for (on, item, amount, partner) in [
        (
            date(2026, 1, 10),
            "Partner portal licence",
            1_200_000,
            Some(helix),
        ),
        (
            date(2026, 2, 1),
            "Joint go-to-market campaign",
            800_000,
            Some(northwind),
        ),
        (date(2025, 11, 3), "Partner manager hire", 4_500_000, None),
    ] {
        let draft = InvestmentDraft {
            spent_on: on,
            item: item.into(),
            amount_minor: amount,
            category: "enablement".into(),
            partner_id: partner,
        };
        wb.save_investment(None, &draft).unwrap();
    }
    for (on, kind, text, amount, partner) in [
        (
            date(2026, 2, 20),
            ValueKind::Revenue,
            "First co-sold deal",
            Some(2_500_000),
            Some(helix),
        ),
        (
            date(2026, 2, 25),
            ValueKind::CostSaving,
            "Shared warehouse",
            Some(300_000),
            Some(northwind),
        ),
        (
            date(2026, 2, 26),
            ValueKind::Innovation,
            "Joint API prototype",
            None,
            Some(helix),
        ),
    ] {
        let draft = ValueDraft {
            logged_on: on,
            partner_id: partner,
            kind,
            description: text.into(),
            amount_minor: amount,
            margin_minor: None,
        };
        wb.save_value_entry(None, &draft).unwrap();
    }
    wb
}

fn metrics_screen(width: u16, height: u16) -> Screen {
    let dir = TempDir::new().unwrap();
    let wb = metrics_workbook(&dir);
    let mut s = screen_with_settings(wb, dir, (width, height), Theme::dark(), settings(), vec![]);
    s.keys("6");
    // As between keys in the terminal: the idle pass records the live KPI's point for today.
    s.app.idle();
    s.draw();
    assert_shows(&s, "4 KPIs");
    s
}

/// Opens Partner NPS's detail and its "log a value" form, in the Value field.
fn log_a_value_of_nps(s: &mut Screen) {
    press_until(s, KeyCode::Down, 5, |t| {
        line_with(t, "Partner NPS").contains('›')
    });
    s.key(KeyCode::Enter);
    s.keys("a");
    assert_shows(s, "Log a value of Partner NPS");
    s.key(KeyCode::Tab);
}

fn save(s: &mut Screen) {
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
}

#[test]
fn the_table_shows_status_latest_target_and_trend() {
    for (width, height, name) in [(80, 24, "table_80x24"), (200, 60, "table_200x60")] {
        let s = metrics_screen(width, height);
        let text = s.text();
        shows(line_with(&text, "Partner-sourced revenue"), "↗ on track");
        shows(line_with(&text, "Partner NPS"), "✗ off track");
        shows(line_with(&text, "Time to first deal"), "· no data");
        // Seven partners, three of them active: the live KPI's value, measured today.
        shows(line_with(&text, "Active partners · live"), "3 partners");
        insta::assert_snapshot!(name, s.terminal.backend());
    }
}

/// Between the snapshots' widths, where the table first has room for the horizon: its heading
/// and a "medium" horizon are whole, not "Horiz…".
#[test]
fn the_horizon_column_is_whole_once_it_is_shown() {
    for width in 90..=120 {
        let s = metrics_screen(width, 24);
        let text = s.text();
        let heading = line_with(&text, "Status");
        if heading.contains("Horiz") {
            shows(heading, "Horizon");
        }
    }
}

#[test]
fn the_pick_list_adds_a_common_kpi_in_one_key() {
    for (width, height, name) in [(80, 24, "pick_list_80x24"), (200, 60, "pick_list_200x60")] {
        let mut s = metrics_screen(width, height);
        s.keys("p");
        assert_shows(&s, "Revenue growth");
        insta::assert_snapshot!(name, s.terminal.backend());
    }
    let mut s = metrics_screen(80, 24);
    s.keys("pchurn");
    s.key(KeyCode::Enter);
    assert_shows(&s, "Added KPI Partner churn.");
    assert_eq!(
        s.count("SELECT count(*) FROM kpis WHERE name = 'Partner churn' AND direction = 'lower'"),
        1
    );
    // The new KPI is selected: e opens it.
    s.keys("e");
    assert_shows(&s, "Edit KPI Partner churn");
    s.key(KeyCode::Esc);
    s.keys("u");
    assert_eq!(
        s.count("SELECT count(*) FROM kpis"),
        4,
        "undo takes it away"
    );
}

#[test]
fn the_kpi_form_saves_every_field_and_says_what_is_wrong() {
    let mut s = metrics_screen(80, 24);
    s.keys("a");
    assert_shows(&s, "New KPI");
    s.keys("Active partner ratio");
    // Name → category → horizon → unit → direction → baseline → target.
    for _ in 0..6 {
        s.key(KeyCode::Tab);
    }
    s.keys("lots");
    save(&mut s);
    assert_shows(&s, "The target is not a number");
    assert_shows(&s, "Active partner ratio");
    for _ in 0..4 {
        s.key(KeyCode::Backspace);
    }
    s.keys("80");
    save(&mut s);
    assert_shows(&s, "Added KPI Active partner ratio.");
    assert_eq!(
        s.count("SELECT count(*) FROM kpis WHERE name = 'Active partner ratio' AND target = 80"),
        1
    );
}

#[test]
fn a_benchmark_band_shows_vs_benchmark_beside_the_status_and_needs_its_source() {
    let mut s = metrics_screen(200, 60);
    assert!(!s.text().contains("Vs benchmark"), "{}", s.text());
    press_until(&mut s, KeyCode::Down, 5, |t| {
        line_with(t, "Partner NPS").contains('›')
    });
    s.keys("e");
    // Name → … → live value (10) → definition (11) → band (12) → peer group → source → as of.
    for _ in 0..11 {
        s.key(KeyCode::Tab);
    }
    s.keys("Promoters minus detractors, yearly survey");
    s.key(KeyCode::Tab);
    s.keys("10 / 30 / 50");
    save(&mut s);
    assert_shows(&s, "needs its source");
    assert_eq!(
        s.count("SELECT count(*) FROM kpis WHERE benchmark_low IS NOT NULL"),
        0
    );
    // The source is in focus, where the problem is.
    s.keys("Example survey");
    s.key_with(KeyCode::BackTab, KeyModifiers::SHIFT);
    s.keys("B2B vendors");
    s.key(KeyCode::Tab);
    s.key(KeyCode::Tab);
    s.keys("2026-02-30");
    save(&mut s);
    assert_shows(&s, "Edit KPI Partner NPS");
    assert_eq!(
        s.count("SELECT count(*) FROM kpis WHERE benchmark_low IS NOT NULL"),
        0
    );
    for _ in 0..2 {
        s.key(KeyCode::Backspace);
    }
    s.keys("28");
    save(&mut s);
    assert_shows(&s, "Saved KPI Partner NPS.");
    assert_eq!(
        s.count(
            "SELECT count(*) FROM kpis WHERE name = 'Partner NPS' AND benchmark_low = 10 \
             AND benchmark_typical = 30 AND benchmark_high = 50 \
             AND benchmark_source = 'Example survey' AND benchmark_as_of = '2026-02-28'"
        ),
        1
    );
    // Latest 12 points: in the band's lower half, beside its "off track" status.
    assert_shows(&s, "Vs benchmark");
    assert_shows(&s, "lower half");
    s.key(KeyCode::Enter);
    assert_shows(&s, "vs benchmark: lower half (band 10 / 30 / 50 points)");
    assert_shows(
        &s,
        "peers: B2B vendors · as of 2026-02-28 · source: Example survey",
    );
    assert_shows(&s, "definition: Promoters minus detractors, yearly survey");
    // The Overview's KPI panel counts it beside the statuses.
    s.keys("7");
    assert_shows(&s, "KPI status · 4 · vs benchmark ▲0 ▼1");
    s.keys("6");
    // One change: undo takes the band and the definition back together.
    s.key(KeyCode::Esc);
    s.keys("u");
    assert_eq!(
        s.count("SELECT count(*) FROM kpis WHERE benchmark_low IS NOT NULL OR definition != ''"),
        0
    );
    assert!(!s.text().contains("Vs benchmark"), "{}", s.text());
}

#[test]
fn the_detail_view_charts_measurements_against_the_target_path() {
    for (width, height, name) in [(80, 24, "detail_80x24"), (200, 60, "detail_200x60")] {
        let mut s = metrics_screen(width, height);
        press_until(&mut s, KeyCode::Down, 5, |t| {
            line_with(t, "Partner-sourced revenue").contains('›')
        });
        s.key(KeyCode::Enter);
        assert_shows(&s, "Measured (•) against the target path (─)");
        assert_shows(&s, "from the CRM");
        insta::assert_snapshot!(name, s.terminal.backend());
    }
}

#[test]
fn measurements_are_logged_edited_and_deleted_from_the_detail_view() {
    let mut s = metrics_screen(80, 24);
    log_a_value_of_nps(&mut s);
    s.keys("abc");
    save(&mut s);
    assert_shows(&s, "\"abc\" is not a number");
    for _ in 0..3 {
        s.key(KeyCode::Backspace);
    }
    s.keys("45");
    save(&mut s);
    assert_shows(&s, "Logged 45 on 2026-03-01.");
    assert_shows(&s, "↗ on track");
    s.keys("d");
    assert_shows(&s, "Delete the measurement 45");
    s.keys("y");
    assert_eq!(
        s.count("SELECT count(*) FROM kpi_measurements WHERE value = 45"),
        0
    );
    s.keys("u");
    assert_eq!(
        s.count("SELECT count(*) FROM kpi_measurements WHERE value = 45"),
        1
    );
}

#[test]
fn live_kpis_take_no_manual_measurements() {
    let mut s = metrics_screen(80, 24);
    press_until(&mut s, KeyCode::Down, 5, |t| {
        line_with(t, "· live").contains('›')
    });
    s.key(KeyCode::Enter);
    assert_shows(&s, "live: computed from the workbook");
    s.keys("a");
    assert_shows(&s, "takes no");
    assert_eq!(
        s.count("SELECT count(*) FROM kpi_measurements m JOIN kpis k ON k.id = m.kpi_id WHERE k.live_source != ''"),
        1,
        "only today's history point"
    );
}

#[test]
fn the_roi_view_shows_the_money_figures_and_intangibles_apart() {
    for (width, height, name) in [(80, 24, "roi_80x24"), (200, 60, "roi_200x60")] {
        let mut s = metrics_screen(width, height);
        s.keys("r");
        // This year: 20,000 spent, 28,000 returned; the innovation entry stands apart.
        assert_shows(&s, "Invested EUR 20,000.00");
        assert_shows(&s, "ROI on gross revenue 40.0%");
        assert_shows(
            &s,
            "Cumulative on gross revenue since 2025-11: not paid back yet",
        );
        assert_shows(&s, "Intangible value: 1 entry");
        insta::assert_snapshot!(name, s.terminal.backend());
    }
    let mut s = metrics_screen(80, 24);
    s.keys("rp");
    assert_shows(&s, "ROI over the last 12 months");
    assert_shows(&s, "Invested EUR 65,000.00");
    s.keys("pppp");
    assert_shows(&s, "over this year");
}

/// How many investments of 1,500.25 Cobalt Systems Integration is linked to.
fn training_with_cobalt(s: &Screen) -> i64 {
    s.count(
        "SELECT count(*) FROM investments i JOIN partners p ON p.id = i.partner_id \
         WHERE i.amount_minor = 150025 AND p.name = 'Cobalt Systems Integration'",
    )
}

#[test]
fn investments_and_value_entries_are_added_with_a_partner_picker() {
    let mut s = metrics_screen(200, 60);
    s.keys("ra");
    assert_shows(&s, "New investment");
    s.key(KeyCode::Tab);
    s.keys("Training days");
    s.key(KeyCode::Tab);
    s.keys("1,5");
    save(&mut s);
    assert_shows(&s, "Commas only group thousands");
    for _ in 0..3 {
        s.key(KeyCode::Backspace);
    }
    s.keys("1,500.25");
    s.key(KeyCode::Tab);
    s.key(KeyCode::Tab);
    s.key(KeyCode::Enter);
    assert_shows(&s, "Link a partner");
    s.keys("cobalt");
    s.key(KeyCode::Enter);
    save(&mut s);
    assert_shows(&s, "Saved the investment Training days.");
    assert_eq!(training_with_cobalt(&s), 1);
    s.key(KeyCode::Char(' '));
    s.keys("a");
    assert_shows(&s, "New value entry");
    s.key(KeyCode::Tab);
    s.key(KeyCode::Tab);
    s.keys("Shared booth at a fair");
    save(&mut s);
    assert_shows(&s, "Saved the revenue entry.");
    assert_shows(&s, "Intangible value: 2 entries");
    s.keys("d");
    assert_shows(&s, "Delete the value entry");
    s.keys("y");
    assert_eq!(s.count("SELECT count(*) FROM value_log"), 3);
}

/// A paste into the partner picker searches the workbook as typing does: before, the picker kept
/// its first list and Enter linked whichever partner came first.
#[test]
fn a_paste_into_the_partner_picker_searches_like_typing() {
    let mut s = metrics_screen(200, 60);
    s.keys("ra");
    s.key(KeyCode::Tab);
    s.keys("Training days");
    s.key(KeyCode::Tab);
    s.keys("1,500.25");
    s.key(KeyCode::Tab);
    s.key(KeyCode::Tab);
    s.key(KeyCode::Enter);
    assert_shows(&s, "Link a partner");
    s.app
        .handle_event(ratatui::crossterm::event::Event::Paste("cobalt".into()));
    s.key(KeyCode::Enter);
    save(&mut s);
    assert_shows(&s, "Saved the investment Training days.");
    assert_eq!(training_with_cobalt(&s), 1);
}

#[test]
fn a_margin_makes_the_roi_one_on_margin_and_a_bad_one_is_shown_on_its_field() {
    let mut s = metrics_screen(200, 60);
    s.keys("r");
    s.key(KeyCode::Char(' '));
    s.keys("a");
    assert_shows(&s, "New value entry");
    s.key(KeyCode::Tab);
    s.key(KeyCode::Tab);
    s.keys("Reseller deals");
    s.key(KeyCode::Tab);
    s.keys("10,000");
    s.key(KeyCode::Tab);
    s.keys("lots");
    save(&mut s);
    assert_shows(&s, "\"lots\" is not an amount");
    for _ in 0..4 {
        s.key(KeyCode::Backspace);
    }
    s.keys("130%");
    save(&mut s);
    assert_shows(&s, "130% is not a margin rate");
    assert_eq!(
        s.count("SELECT count(*) FROM value_log WHERE margin_minor IS NOT NULL"),
        0
    );
    for _ in 0..4 {
        s.key(KeyCode::Backspace);
    }
    s.keys("30%");
    save(&mut s);
    assert_shows(&s, "Saved the revenue entry.");
    assert_eq!(
        s.count("SELECT count(*) FROM value_log WHERE margin_minor = 300000"),
        1
    );
    // 20,000 invested this year; 28,000 of earlier returns without a margin count at gross,
    // plus this entry's 3,000 of margin: (31,000 − 20,000) / 20,000.
    assert_shows(&s, "ROI on margin 55.0%");
    assert_shows(&s, "1 revenue entry has no margin and counts at gross");
    assert_shows(&s, "EUR 10,000.00 (margin 3,000.00)");
}

#[test]
fn a_partners_margin_rate_is_set_in_the_roi_views_per_partner_table() {
    let mut s = metrics_screen(200, 60);
    s.keys("r");
    s.key(KeyCode::Char(' '));
    s.key(KeyCode::Char(' '));
    assert_shows(&s, "▸ Per partner");
    // Helix Cloud, the largest investment, is first.
    s.keys("e");
    assert_shows(&s, "Margin rate of Helix Cloud");
    s.keys("lots");
    save(&mut s);
    assert_shows(&s, "\"lots\" is not a percentage");
    for _ in 0..4 {
        s.key(KeyCode::Backspace);
    }
    s.keys("40%");
    save(&mut s);
    assert_shows(&s, "Margin rate set to 40%");
    assert_eq!(
        s.count("SELECT count(*) FROM partners WHERE name = 'Helix Cloud' AND margin_rate = 40"),
        1
    );
    // Helix's 25,000 of revenue keeps 10,000; Northwind's cost saving of 3,000 is kept whole:
    // (13,000 − 20,000) / 20,000.
    assert_shows(&s, "ROI on margin -35.0%");
    assert_shows(&s, "40%");
    s.keys("u");
    assert_shows(&s, "ROI on gross revenue 40.0%");
    // At 80×24 the table shows while in focus.
    let mut s = metrics_screen(80, 24);
    s.keys("r");
    s.key(KeyCode::Char(' '));
    s.key(KeyCode::Char(' '));
    assert_shows(&s, "▸ Per partner");
    s.key(KeyCode::Char(' '));
    assert_shows(&s, "▸ Investments");
}

#[test]
fn deleting_a_kpi_asks_and_undo_brings_it_back() {
    let mut s = metrics_screen(80, 24);
    press_until(&mut s, KeyCode::Down, 5, |t| {
        line_with(t, "Partner NPS").contains('›')
    });
    s.keys("d");
    assert_shows(&s, "Delete KPI \"Partner NPS\" and its 2 measurements?");
    s.keys("y");
    assert_shows(&s, "3 KPIs");
    s.keys("u");
    assert_shows(&s, "4 KPIs");
    assert_eq!(s.count("SELECT count(*) FROM kpi_measurements"), 6);
}

#[test]
fn an_empty_workbook_says_how_to_start_and_tiny_terminals_never_panic() {
    let dir = TempDir::new().unwrap();
    let wb = workbook_with_partners(&dir, false);
    let mut s = screen_with_settings(wb, dir, (80, 24), Theme::mono(), settings(), vec![]);
    s.keys("6");
    assert_shows(&s, "No KPIs yet: a adds one, p picks from common KPIs");
    draws_at_tiny_sizes(&mut s, "empty metrics");
    // The table, the chart, the ROI view and the pick-list, each squeezed.
    let mut s = metrics_screen(80, 24);
    draws_at_tiny_sizes(&mut s, "KPI table");
    s.key(KeyCode::Enter);
    assert_shows(&s, "Measured (•)");
    draws_at_tiny_sizes(&mut s, "KPI chart");
    s.key(KeyCode::Esc).keys("r");
    assert_shows(&s, "Invested");
    draws_at_tiny_sizes(&mut s, "ROI view");
    s.key(KeyCode::Esc).keys("p");
    assert_shows(&s, "Add a common KPI");
    draws_at_tiny_sizes(&mut s, "pick-list");
}

#[test]
fn going_to_a_kpi_selects_it() {
    let dir = TempDir::new().unwrap();
    let wb = metrics_workbook(&dir);
    let nps = id_of(&wb, "kpis", "Partner NPS");
    let mut tab = MetricsTab::new(settings());
    let area = Rect::new(0, 0, 80, 20);
    let target = Target {
        screen: Place::Metrics,
        record_id: Some(nps),
    };
    tab.go(target, &wb).unwrap();
    tab.prepare(area, &wb).unwrap();
    let mut buf = Buffer::empty(area);
    tab.draw(area, &mut buf, &Theme::mono(), &Keymap::default());
    let text: String = (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                + "\n"
        })
        .collect();
    shows(line_with(&text, "Partner NPS"), "›");
}

#[test]
fn a_change_on_another_tab_moves_the_live_kpi() {
    let mut s = metrics_screen(80, 24);
    shows(line_with(&s.text(), "Active partners · live"), "3 partners");
    // An active partner deleted on the roster: the Metrics tab reads again when shown.
    s.keys("3/Helix");
    s.key(KeyCode::Enter);
    s.keys("dy");
    assert_shows(&s, "Deleted Helix Cloud");
    s.keys("6");
    shows(line_with(&s.text(), "Active partners · live"), "2 partners");
    s.keys("u");
    shows(line_with(&s.text(), "Active partners · live"), "3 partners");
}

/// A value far outside what the KPI has had (1e23, or 450,000 for an NPS of 12–20 aiming at 60) and a
/// date after today are asked about before they are logged (`plan::plausible`); "n" keeps the
/// form, "y" logs it.
#[test]
fn implausible_measurements_are_asked_about_before_they_are_logged() {
    let mut s = metrics_screen(80, 24);
    log_a_value_of_nps(&mut s);
    s.keys("100000000000000000000000");
    save(&mut s);
    assert_shows(&s, "larger than any figure a plan tracks");
    s.keys("n");
    assert_shows(&s, "Log a value of Partner NPS");
    assert_eq!(
        s.count("SELECT count(*) FROM kpi_measurements WHERE value > 1e20"),
        0
    );
    for _ in 0.."100000000000000000000000".len() {
        s.key(KeyCode::Backspace);
    }
    s.keys("450000");
    save(&mut s);
    assert_shows(&s, "over 1,000 times the largest figure");
    s.keys("n");
    for _ in 0.."450000".len() {
        s.key(KeyCode::Backspace);
    }
    s.keys("45").key(KeyCode::BackTab);
    for _ in 0.."2026-03-01".len() {
        s.key(KeyCode::Backspace);
    }
    s.keys("2026-09-01");
    save(&mut s);
    assert_shows(&s, "dated 2026-09-01, after today");
    s.keys("y");
    assert_shows(&s, "Logged 45 on 2026-09-01.");
    assert_eq!(
        s.count("SELECT count(*) FROM kpi_measurements WHERE value = 45"),
        1
    );
}

#[test]
fn preparing_and_drawing_write_nothing_the_idle_pass_records_the_live_history() {
    let dir = TempDir::new().unwrap();
    let wb = metrics_workbook(&dir);
    let live = "SELECT count(*) FROM kpi_measurements m JOIN kpis k ON k.id = m.kpi_id \
                WHERE k.live_source != ''";
    let mut s = screen_with_settings(wb, dir, (80, 24), Theme::dark(), settings(), vec![]);
    s.keys("6");
    // The tab shows today's live value, read but not written.
    shows(line_with(&s.text(), "Active partners · live"), "3 partners");
    assert_eq!(
        s.count(live),
        0,
        "a frame was prepared and drawn, and wrote a point"
    );
    // The App's own step on idle records it, once.
    assert!(s.app.idle(), "a recorded point asks for a frame");
    s.draw();
    assert_eq!(s.count(live), 1);
    s.app.idle();
    assert_eq!(s.count(live), 1, "an unchanged value adds nothing");
}

/// On a large plan the live KPIs' facts are read on a thread (at a million partners with three
/// million links they take 0.8–0.95 s, which every key waited for after each edit) and today's
/// point is recorded once they come; the Metrics tab takes them from there rather than read
/// them on the key, saying its live values are updating meanwhile. It ends as read in place.
#[test]
fn a_large_plan_s_live_facts_are_read_on_a_thread_and_recorded_as_in_place() {
    let live_points = "SELECT count(*) FROM kpi_measurements m JOIN kpis k ON k.id = m.kpi_id \
                       WHERE k.live_source != ''";
    let active = "SELECT count(*) FROM kpi_measurements m JOIN kpis k ON k.id = m.kpi_id \
                  WHERE k.live_source != '' \
                  AND m.value = (SELECT count(*) FROM partners WHERE stage = 'active')";
    let dir = TempDir::new().unwrap();
    let wb = metrics_workbook(&dir);
    let mut s = screen_with_settings(wb, dir, (80, 24), Theme::dark(), settings(), vec![]);
    s.app.set_large_network(0);
    s.keys("6");
    let started = (0..20).any(|_| {
        s.app.idle();
        s.app.reading_in_background()
    });
    assert!(started, "the facts are read on a thread");
    assert_eq!(
        s.count(live_points),
        0,
        "recorded when they come, not before"
    );
    s.settle();
    assert_eq!(s.count(live_points), 1, "today's point");
    assert_eq!(s.count(active), 1, "the active partners counted now");
    // A change: the tab shows the facts it has, saying they are updating, until they come.
    s.keys("pchurn").key(KeyCode::Enter);
    assert_shows(&s, "Added KPI Partner churn.");
    assert_shows(&s, "live values updating…");
    s.settle();
    assert_shows(&s, "5 KPIs · status: the latest value");
    let thread = s.text();

    let dir = TempDir::new().unwrap();
    let mut in_place = screen_with_settings(
        metrics_workbook(&dir),
        dir,
        (80, 24),
        Theme::dark(),
        settings(),
        vec![],
    );
    in_place.keys("6").settle();
    in_place.keys("pchurn").key(KeyCode::Enter);
    assert!(!in_place.text().contains("updating"), "{}", in_place.text());
    in_place.settle();
    assert_eq!(thread, in_place.text());
}
