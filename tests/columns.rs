//! The column engine (`tui::widgets::columns`), drawn through ratatui as every table is: at every
//! width from 40 to 250, no cell is cut without "…" — each shows its whole text or a beginning of
//! it that ends in "…" — and the least important columns are the ones dropped. Then the same
//! property on the app's own tables: the roles tree, a partner's scores, checklist and check-in
//! log, a KPI's measurement log, the ROI lists and the heat map's cell list.

mod screen_harness;

use jiff::civil::date;
use partnerplan::plan::criteria::CriterionDraft;
use partnerplan::plan::kpi::Kpi;
use partnerplan::plan::money::ValueKind;
use partnerplan::plan::risk::{Bands, Impact, Likelihood, RiskDraft};
use partnerplan::plan::template::ItemDraft;
use partnerplan::tui::settings::Settings;
use partnerplan::tui::theme::Theme;
use partnerplan::tui::widgets::columns::{self, Column, GAP, MARK_WIDTH, TableCell};
use partnerplan::tui::widgets::selectable::render_selected;
use partnerplan::workbook::{InvestmentDraft, ValueDraft, Workbook};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::style::Style;
use screen_harness::{Screen, id_of, screen_with_settings, workbook_with_partners};
use tempfile::TempDir;

/// A small LCG, so a failure names a seed that reproduces it.
struct Seeded(u64);

impl Seeded {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below.max(1)
    }

    fn text(&mut self) -> String {
        const WORDS: &[&str] = &[
            "Copperleaf",
            "Systems",
            "Integration",
            "dependency/concentration",
            "345",
            "kEUR",
            "a",
            "month",
            "Ostrander",
            "Zürich",
            "évaluation",
            "—",
            "R-004",
            "2026-11-23",
        ];
        let words = 1 + self.next(5);
        (0..words)
            .map(|_| WORDS[self.next(WORDS.len() as u64) as usize])
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The text a row shows in the `width` cells from `x` on, trailing blanks left out.
fn read(buf: &Buffer, x: u16, y: u16, width: u16) -> String {
    (x..x + width)
        .map(|x| buf[(x, y)].symbol().to_string())
        .collect::<String>()
        .trim_end()
        .to_string()
}

#[test]
fn no_cell_is_cut_without_an_ellipsis_at_widths_40_to_250() {
    let theme = Theme::dark();
    let mut seed = Seeded(20_261_206);
    for width in 40..=250u16 {
        let count = 2 + seed.next(7) as usize;
        let columns: Vec<Column> = (0..count)
            .map(|c| {
                let min = 3 + seed.next(10) as u16;
                let mut column = Column::new(format!("Col {c}"), seed.next(6) as u8)
                    .min(min)
                    .max(min + seed.next(40) as u16);
                if c == 0 {
                    column = column.grow();
                }
                if seed.next(4) == 0 {
                    column = column.right();
                }
                column
            })
            .collect();
        let rows: Vec<Vec<TableCell>> = (0..8)
            .map(|_| {
                (0..count)
                    .map(|_| (seed.text(), Style::default()))
                    .collect()
            })
            .collect();
        let texts: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.iter().map(|(t, _)| t.clone()).collect())
            .collect();
        let area = Rect::new(0, 0, width, 10);
        let mut buf = Buffer::empty(area);
        let table = columns::table(&columns, rows, width, theme.header);
        render_selected(table, 0, area, &mut buf, &theme);
        let fitted = columns::fit(&columns, &texts, width - MARK_WIDTH);
        // The least important columns went first: every dropped one is no more important than
        // every kept one.
        let kept: Vec<usize> = fitted.shown.iter().map(|(c, _)| *c).collect();
        for dropped in (0..count).filter(|c| !kept.contains(c)) {
            for &k in &kept {
                assert!(
                    columns[dropped].priority >= columns[k].priority,
                    "width {width}: column {dropped} dropped before {k}"
                );
            }
        }
        let mut x = MARK_WIDTH;
        for &(c, w) in &fitted.shown {
            for (r, row) in texts.iter().enumerate() {
                let shown = read(&buf, x, 1 + r as u16, w);
                let shown = shown.trim_start();
                let full = &row[c];
                let whole = shown == full;
                let cut = shown
                    .strip_suffix('…')
                    .is_some_and(|start| full.starts_with(start.trim_end()));
                assert!(
                    whole || cut,
                    "width {width}, column {c} ({w} wide), row {r}: {shown:?} for {full:?}"
                );
            }
            x += w + GAP;
        }
        assert!(
            x - GAP <= width,
            "width {width}: the columns overflow ({x})"
        );
    }
}

/// Texts longer than any column gives them, one in each table below; each starts in its own way
/// ("Q0 ", "Q1 "…), so a beginning on screen is theirs.
const LONG: &[&str] = &[
    "Q0 Regional resellers and marketplaces for the Nordic and Baltic countries",
    "Q1 Shared roadmap commitment with quarterly executive sponsorship reviews",
    "Q2 Sign the mutual non-disclosure agreement and the data processing annex",
    "Wednesday 04 February 2026",
    "Q3 Figures from the quarterly partner business review with the finance team",
    "Q4 Co-marketing budget for the joint launch event and the analyst briefing",
    "Q5 Reference customer won together in the public sector tender for Lower Saxony",
    "Q6 Dependency on a single integrator for every deployment in the DACH region",
];

/// A workbook with one long text in each table (none of them the record a detail pane shows).
fn long_texts_workbook(dir: &TempDir) -> Workbook {
    let mut wb = workbook_with_partners(dir, false);
    wb.apply_sector_template("technology").unwrap();
    let role = id_of(&wb, "roles", "Training providers");
    let mut draft = wb
        .roles()
        .unwrap()
        .into_iter()
        .find(|r| r.role.id == role)
        .unwrap()
        .draft();
    draft.name = LONG[0].into();
    wb.update_role(role, &draft).unwrap();
    for name in ["Reach", LONG[1]] {
        wb.add_criterion(&CriterionDraft {
            name: name.into(),
            weight: 2.0,
            ..CriterionDraft::default()
        })
        .unwrap();
    }
    for title in ["Kick-off call", LONG[2]] {
        wb.add_onboarding_item(&ItemDraft {
            title: title.into(),
            ..ItemDraft::default()
        })
        .unwrap();
    }
    let brightpath = id_of(&wb, "partners", "Brightpath Analytics");
    wb.add_checkin(brightpath, date(2026, 2, 4), "Quarterly review.")
        .unwrap();
    let kpi = wb
        .add_kpi(&Kpi {
            name: "Partner revenue".into(),
            unit: "kEUR".into(),
            ..Kpi::default()
        })
        .unwrap();
    wb.add_measurement(kpi, date(2026, 2, 1), 12.0, "latest")
        .unwrap();
    wb.add_measurement(kpi, date(2026, 1, 1), 10.0, LONG[4])
        .unwrap();
    wb.save_investment(
        None,
        &InvestmentDraft {
            spent_on: date(2026, 1, 10),
            item: LONG[5].into(),
            amount_minor: 1_200_000,
            category: String::new(),
            partner_id: Some(brightpath),
        },
    )
    .unwrap();
    wb.save_value_entry(
        None,
        &ValueDraft {
            logged_on: date(2026, 1, 20),
            partner_id: Some(brightpath),
            kind: ValueKind::Revenue,
            description: LONG[6].into(),
            amount_minor: Some(2_500_000),
            margin_minor: None,
        },
    )
    .unwrap();
    let risk = RiskDraft {
        title: LONG[7].into(),
        category: "dependency".into(),
        inherent_likelihood: Likelihood::from_value(3),
        inherent_impact: Impact::from_value(3),
        ..RiskDraft::default()
    };
    wb.add_risk(&risk, &Bands::default(), false, None).unwrap();
    wb
}

/// Where `line` shows the beginning of `text` without "…" right after it, the part shown.
fn cut_silently(line: &str, text: &str) -> Option<String> {
    let start: String = text.chars().take(6).collect();
    let mut rest = line;
    while let Some(at) = rest.find(&start) {
        let from = &rest[at..];
        let shared: String = from
            .chars()
            .zip(text.chars())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a)
            .collect();
        let after = from[shared.len()..].chars().next();
        if shared != text && after != Some('…') {
            return Some(shared);
        }
        rest = &from[shared.len().max(1)..];
    }
    None
}

#[test]
fn the_apps_tables_cut_nothing_without_an_ellipsis_at_widths_40_to_250() {
    let dir = TempDir::new().unwrap();
    let wb = long_texts_workbook(&dir);
    let settings = Settings {
        date_format: "%A %d %B %Y".into(),
        ..Settings::default()
    };
    let mut s = screen_with_settings(wb, dir, (120, 30), Theme::dark(), settings, Vec::new());
    // (the keys that open the table, what it is, the long texts it shows)
    let views: &[(&[char], &str, &[usize])] = &[
        (&['4'], "roles tree", &[0]),
        (&['3', 'c'], "scores", &[1]),
        (&['3', 'o'], "checklist", &[2]),
        (&['3', 'i'], "check-ins", &[3]),
        (&['6', '\n'], "measurement log", &[4]),
        (&['6', '\u{1b}', 'r'], "ROI", &[5, 6]),
        (&['5', 'm'], "heat-map cell", &[7]),
    ];
    for (keys, view, shown) in views {
        s.key(KeyCode::Char('3'));
        s.key(KeyCode::Esc).key(KeyCode::Esc);
        for key in *keys {
            match key {
                '\n' => s.key(KeyCode::Enter),
                '\u{1b}' => s.key(KeyCode::Esc),
                c => s.key(KeyCode::Char(*c)),
            };
        }
        for width in 40..=250u16 {
            resize(&mut s, width, 30);
            let text = s.text();
            for line in text.lines() {
                for long in LONG {
                    if let Some(shown) = cut_silently(line, long) {
                        panic!("{view} at {width} columns cuts {long:?} to {shown:?}:\n{text}");
                    }
                }
            }
        }
        // Not a test of nothing: at full width the table shows its long texts.
        let text = s.text();
        for &i in *shown {
            let start: String = LONG[i].chars().take(12).collect();
            assert!(
                text.contains(&start),
                "{view} does not show {:?}:\n{text}",
                LONG[i]
            );
        }
        resize(&mut s, 120, 30);
    }
}

fn resize(s: &mut Screen, width: u16, height: u16) {
    s.terminal.backend_mut().resize(width, height);
    s.terminal.resize(Rect::new(0, 0, width, height)).unwrap();
    s.draw();
}
