//! An ROI a CFO accepts, on temporary workbooks: margins on value entries and per partner make
//! the ROI one on margin (gross revenue labelled as such otherwise), a Strategy resource marked
//! as an investment is listed and counted once, the cumulative ROI and payback month by month,
//! every edit undoable and carried through the text form.

mod support;

use jiff::civil::{Date, date};
use partnerplan::plan::money::{Period, RoiBasis, ValueKind};
use partnerplan::plan::strategy::{ResourceDraft, ResourceKind};
use partnerplan::workbook::{InvestmentDraft, OpenOptions, ValueDraft, Workbook};
use support::draft as partner_draft;
use tempfile::TempDir;

fn open_new(dir: &TempDir, name: &str) -> Workbook {
    let path = dir.path().join(name);
    Workbook::create(&path, Some("ROI plan")).unwrap();
    Workbook::open(&path, OpenOptions::default()).unwrap()
}

fn spent(on: Date, amount_minor: i64, partner_id: Option<i64>) -> InvestmentDraft {
    InvestmentDraft {
        spent_on: on,
        item: "Enablement".into(),
        amount_minor,
        category: String::new(),
        partner_id,
    }
}

fn revenue(on: Date, amount: i64, margin: Option<i64>, partner_id: Option<i64>) -> ValueDraft {
    ValueDraft {
        logged_on: on,
        partner_id,
        kind: ValueKind::Revenue,
        description: "Deals closed".into(),
        amount_minor: Some(amount),
        margin_minor: margin,
    }
}

fn portal(invested_on: Option<&str>) -> ResourceDraft {
    ResourceDraft {
        kind: Some(ResourceKind::Technology),
        name: "Partner portal".into(),
        estimated_cost_minor: Some(8_500_000),
        invested_on: invested_on.map(String::from),
        ..Default::default()
    }
}

#[test]
fn gross_until_a_margin_exists_then_on_margin_with_the_gross_ones_counted() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir, "roi.partnerplan");
    let acme = wb.add_partner(&partner_draft("Acme")).unwrap();
    let bolt = wb.add_partner(&partner_draft("Bolt")).unwrap();
    wb.save_investment(None, &spent(date(2026, 1, 10), 100_000, Some(acme)))
        .unwrap();
    wb.save_investment(None, &spent(date(2026, 1, 10), 100_000, Some(bolt)))
        .unwrap();
    wb.save_value_entry(None, &revenue(date(2026, 2, 1), 300_000, None, Some(acme)))
        .unwrap();
    wb.save_value_entry(None, &revenue(date(2026, 2, 1), 100_000, None, Some(bolt)))
        .unwrap();
    let gross = wb.roi_summary(Period::default()).unwrap();
    assert_eq!(gross.overall.basis, RoiBasis::Gross);
    assert_eq!(gross.overall.roi.to_string(), "100.0%");

    // Acme earns 25% margin: 75,000 of its 300,000; Bolt has none yet and counts at gross.
    // Margin returns 75,000 + 100,000 = 175,000 on 200,000 → -12.5%.
    wb.set_partner_margin_rate(acme, Some(25.0)).unwrap();
    let margin = wb.roi_summary(Period::default()).unwrap();
    assert_eq!(margin.overall.basis, RoiBasis::Margin);
    assert_eq!(margin.overall.margin_minor, 175_000);
    assert_eq!(margin.overall.roi.to_string(), "-12.5%");
    assert_eq!(margin.overall.gross_roi.to_string(), "100.0%");
    assert_eq!(margin.overall.without_margin, 1);
    let by_partner: Vec<_> = margin
        .partners
        .iter()
        .map(|p| (p.partner.as_str(), p.report.roi.to_string()))
        .collect();
    assert_eq!(
        by_partner,
        [("Acme", "-25.0%".to_string()), ("Bolt", "0.0%".to_string())]
    );

    // An entry's own margin wins over the partner's rate: Bolt's 100,000 kept 40,000.
    let v = wb.value_entries(0, 10).unwrap();
    let bolt_entry = v.iter().find(|r| r.draft.partner_id == Some(bolt)).unwrap();
    let mut draft = bolt_entry.draft.clone();
    draft.margin_minor = Some(40_000);
    wb.save_value_entry(Some(bolt_entry.id), &draft).unwrap();
    let margin = wb.roi_summary(Period::default()).unwrap();
    assert_eq!(margin.overall.margin_minor, 115_000);
    assert_eq!(margin.overall.without_margin, 0);
    assert_eq!(
        wb.value_entry(bolt_entry.id)
            .unwrap()
            .unwrap()
            .draft
            .margin_minor,
        Some(40_000)
    );

    // Undo takes the entry's margin back, then the partner's rate: gross again.
    wb.undo().unwrap();
    wb.undo().unwrap();
    assert_eq!(wb.partner_margin_rate(acme).unwrap(), None);
    let again = wb.roi_summary(Period::default()).unwrap();
    assert_eq!(again.overall.basis, RoiBasis::Gross);
}

#[test]
fn a_margin_above_its_amount_or_a_rate_out_of_range_is_refused_and_nothing_changes() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir, "refuse.partnerplan");
    let acme = wb.add_partner(&partner_draft("Acme")).unwrap();
    let err = wb
        .save_value_entry(None, &revenue(date(2026, 2, 1), 1_000, Some(2_000), None))
        .unwrap_err();
    assert!(err.to_string().contains("more than the amount"), "{err}");
    assert_eq!(wb.value_count().unwrap(), 0);
    let err = wb.set_partner_margin_rate(acme, Some(140.0)).unwrap_err();
    assert!(err.to_string().contains("from -100 to 100"), "{err}");
    assert_eq!(wb.partner_margin_rate(acme).unwrap(), None);
}

#[test]
fn a_resource_marked_as_an_investment_is_listed_and_counted_once() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir, "resource.partnerplan");
    let plain = wb.add_resource(&portal(None)).unwrap();
    assert_eq!(wb.investment_count().unwrap(), 0);
    assert_eq!(
        wb.roi_summary(Period::default())
            .unwrap()
            .overall
            .invested_minor,
        0
    );
    wb.update_resource(plain, &portal(Some("2026-02-01")))
        .unwrap();
    assert_eq!(wb.investment_count().unwrap(), 1);
    let listed = wb.investments(0, 10).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].draft.item, "Partner portal");
    assert_eq!(listed[0].draft.amount_minor, 8_500_000);
    assert_eq!(listed[0].resource_id, Some(plain));
    // Not an investment of the Metrics tab's own list: it is edited on the Strategy tab.
    assert!(wb.investment(plain).unwrap().is_none());
    wb.save_investment(None, &spent(date(2026, 3, 1), 500_000, None))
        .unwrap();
    let summary = wb.roi_summary(Period::default()).unwrap();
    assert_eq!(summary.overall.invested_minor, 9_000_000, "counted once");
    let feb = Period {
        from: Some(date(2026, 2, 1)),
        to: Some(date(2026, 2, 28)),
    };
    assert_eq!(
        wb.roi_summary(feb).unwrap().overall.invested_minor,
        8_500_000
    );
    // Undo unmarks it.
    wb.undo().unwrap();
    wb.undo().unwrap();
    assert_eq!(wb.investment_count().unwrap(), 0);
}

#[test]
fn cumulative_roi_and_payback_month_by_month() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir, "payback.partnerplan");
    wb.add_resource(&portal(Some("2026-01-15"))).unwrap();
    wb.save_value_entry(None, &revenue(date(2026, 2, 3), 4_000_000, None, None))
        .unwrap();
    wb.save_value_entry(None, &revenue(date(2026, 4, 9), 5_000_000, None, None))
        .unwrap();
    let over = wb.roi_over_time().unwrap();
    assert_eq!(over.basis, RoiBasis::Gross);
    let labels: Vec<_> = over
        .months
        .iter()
        .map(|m| (m.label(), m.roi.to_string()))
        .collect();
    // 85,000 invested; 40,000 back in February (-52.9%), 90,000 by April (5.9%).
    assert_eq!(
        labels,
        [
            ("2026-01".to_string(), "-100.0%".to_string()),
            ("2026-02".to_string(), "-52.9%".to_string()),
            ("2026-03".to_string(), "-52.9%".to_string()),
            ("2026-04".to_string(), "5.9%".to_string()),
        ]
    );
    assert_eq!(over.payback.map(|p| p.months), Some(4));
    // With a 50% margin it has not paid back.
    let first = wb.value_entries(0, 10).unwrap();
    for r in first {
        let mut d = r.draft.clone();
        d.margin_minor = d.amount_minor.map(|a| a / 2);
        wb.save_value_entry(Some(r.id), &d).unwrap();
    }
    let over = wb.roi_over_time().unwrap();
    assert_eq!(over.basis, RoiBasis::Margin);
    assert_eq!(over.payback, None);
}

#[test]
fn margins_rates_and_investment_dates_travel_through_the_text_form() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir, "text.partnerplan");
    let acme = wb.add_partner(&partner_draft("Acme")).unwrap();
    wb.set_partner_margin_rate(acme, Some(22.5)).unwrap();
    wb.save_value_entry(
        None,
        &revenue(date(2026, 2, 1), 10_000, Some(3_000), Some(acme)),
    )
    .unwrap();
    wb.add_resource(&portal(Some("2026-01-15"))).unwrap();
    let text = partnerplan::exchange::toml::export(&wb).unwrap();
    assert!(text.contains("margin_rate = 22.5"), "{text}");
    assert!(text.contains("margin_minor = 3000"), "{text}");
    assert!(text.contains("invested_on = \"2026-01-15\""), "{text}");
    // Rebuilt from the text, the plan gives the same text and the same ROI.
    let copy = dir.path().join("copy.partnerplan");
    partnerplan::exchange::toml::import(&copy, &text, &[]).unwrap();
    let rebuilt = Workbook::open(&copy, OpenOptions::default()).unwrap();
    assert_eq!(partnerplan::exchange::toml::export(&rebuilt).unwrap(), text);
    assert_eq!(
        rebuilt.roi_summary(Period::default()).unwrap(),
        wb.roi_summary(Period::default()).unwrap()
    );
    // A rate out of range in a hand-edited text is refused with its line, and nothing is built.
    let bad = text.replace("margin_rate = 22.5", "margin_rate = 225.0");
    let refused = dir.path().join("refused.partnerplan");
    let err = partnerplan::exchange::toml::import(&refused, &bad, &[]).unwrap_err();
    let err = format!("{err:?}");
    assert!(err.contains("from -100 to 100"), "{err}");
    assert!(!refused.exists());
}

#[test]
fn a_resource_investment_alone_gives_the_report_its_roi_line() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir, "alone.partnerplan");
    wb.add_resource(&portal(Some("2026-01-15"))).unwrap();
    let (investments, entries, unreadable) = wb.money_records().unwrap();
    assert_eq!((investments.len(), entries.len(), unreadable), (1, 0, 0));
    assert_eq!(investments[0].amount_minor, 8_500_000);
}
