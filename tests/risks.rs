//! The risk register in the workbook, on temporary files: codes that are never reused, the score
//! history and its trend, undo of a risk with its mitigations, validation, keyset paging in every
//! sort with the text filter and facets, the heat map's counts, and the plan's suggestions.

mod support;

use std::path::PathBuf;

use partnerplan::plan::risk::{
    Band, Bands, Impact, Likelihood, MitigationKind, Rating, RiskDraft, RiskStatus, Trend,
};
use partnerplan::plan::roles::{AssignmentKind, Criticality, RoleDraft};
use partnerplan::plan::selection::Assessment;
use partnerplan::workbook::{
    OpenOptions, Page, RiskFacets, RiskPageQuery, RiskRow, RiskSort, Workbook,
};
use support::draft as partner_draft;
use tempfile::TempDir;

/// A new workbook in `dir`, with its path for reopening.
fn open_new(dir: &TempDir) -> (PathBuf, Workbook) {
    let path = dir.path().join("risks.partnerplan");
    Workbook::create(&path, Some("Risk plan")).unwrap();
    let wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    (path, wb)
}

fn rating(likelihood: i64, impact: i64) -> (Option<Likelihood>, Option<Impact>) {
    (
        Some(Likelihood::from_value(likelihood).unwrap()),
        Some(Impact::from_value(impact).unwrap()),
    )
}

/// An open risk rated `likelihood` × `impact`, without a residual assessment.
fn risk_draft(title: &str, likelihood: i64, impact: i64) -> RiskDraft {
    let (inherent_likelihood, inherent_impact) = rating(likelihood, impact);
    RiskDraft {
        title: title.into(),
        category: "operational".into(),
        inherent_likelihood,
        inherent_impact,
        ..Default::default()
    }
}

/// `draft` with a residual assessment of `likelihood` × `impact`.
fn with_residual(mut draft: RiskDraft, likelihood: i64, impact: i64) -> RiskDraft {
    (draft.residual_likelihood, draft.residual_impact) = rating(likelihood, impact);
    draft
}

/// Adds `draft` with the default bands, unconfirmed and not from a suggestion.
fn add(wb: &mut Workbook, draft: &RiskDraft) -> (i64, String) {
    wb.add_risk(draft, &Bands::default(), false, None).unwrap()
}

fn update(wb: &mut Workbook, id: i64, draft: &RiskDraft) {
    wb.update_risk(id, draft, &Bands::default(), false).unwrap();
}

fn count(wb: &Workbook, table: &str) -> i64 {
    wb.connection()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

/// Every row of risk `id`'s score history, oldest first: when, and the four numbers.
type HistoryRow = (String, Option<i64>, Option<i64>, Option<i64>, Option<i64>);

fn history(wb: &Workbook, id: i64) -> Vec<HistoryRow> {
    wb.connection()
        .prepare(
            "SELECT recorded_at, inherent_likelihood, inherent_impact, residual_likelihood, \
             residual_impact FROM risk_score_history WHERE risk_id = ?1 ORDER BY recorded_at, id",
        )
        .unwrap()
        .query_map([id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// One page of the register from the start, large enough for everything.
fn everything(wb: &Workbook, query: &RiskPageQuery) -> Vec<RiskRow> {
    wb.risk_page(query, &Page::First, 100_000).unwrap()
}

fn filtered(filter: &str) -> RiskPageQuery {
    RiskPageQuery {
        filter: filter.into(),
        ..Default::default()
    }
}

/// The titles the register shows for `filter`, in code order.
fn titles(wb: &Workbook, filter: &str) -> Vec<String> {
    everything(wb, &filtered(filter))
        .into_iter()
        .map(|r| r.title)
        .collect()
}

fn trend_of(wb: &Workbook, id: i64) -> Trend {
    everything(wb, &RiskPageQuery::default())
        .into_iter()
        .find(|r| r.id == id)
        .unwrap()
        .trend
}

// ---- codes ----

#[test]
fn codes_count_up_and_are_never_reused_after_a_delete_an_undo_or_a_reopen() {
    let dir = TempDir::new().unwrap();
    let (path, mut wb) = open_new(&dir);
    let (_, first) = add(&mut wb, &risk_draft("Supplier outage", 3, 3));
    let (second_id, second) = add(&mut wb, &risk_draft("Price rise", 2, 3));
    assert_eq!((first.as_str(), second.as_str()), ("R-001", "R-002"));
    assert_eq!(wb.delete_risk(second_id).unwrap(), "R-002");
    let (undone_id, third) = add(&mut wb, &risk_draft("Data leak", 4, 5));
    assert_eq!(third, "R-003", "the deleted number is not given out again");
    wb.undo().unwrap();
    assert!(
        wb.risk(undone_id).unwrap().is_none(),
        "undo took the add back"
    );
    let (_, fourth) = add(&mut wb, &risk_draft("Key person leaves", 2, 4));
    assert_eq!(
        fourth, "R-004",
        "an undone add's number is not given out again"
    );
    drop(wb);
    let mut wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    let codes: Vec<(String, String)> = everything(&wb, &RiskPageQuery::default())
        .into_iter()
        .map(|r| (r.code, r.title))
        .collect();
    assert_eq!(
        codes,
        [
            ("R-001".to_string(), "Supplier outage".to_string()),
            ("R-004".to_string(), "Key person leaves".to_string())
        ]
    );
    assert_eq!(
        titles(&wb, "OUTAGE"),
        ["Supplier outage"],
        "the filter after reopening"
    );
    let (_, fifth) = add(&mut wb, &risk_draft("Currency swing", 3, 2));
    assert_eq!(fifth, "R-005", "the counter survives reopening");
    // A number written by another tool beyond the counter is not given out twice either.
    wb.connection()
        .execute(
            "INSERT INTO risks (uuid, number, code, title, created_at, updated_at) \
             VALUES ('hand-made', 41, 'R-041', 'Hand-made', '2026-01-01', '2026-01-01')",
            [],
        )
        .unwrap();
    let (_, next) = add(&mut wb, &risk_draft("After the hand-made one", 3, 2));
    assert_eq!(next, "R-042");
}

#[test]
fn a_read_only_workbook_refuses_risk_edits_and_dismissals_and_writes_nothing() {
    let dir = TempDir::new().unwrap();
    let (path, mut wb) = open_new(&dir);
    let (id, _) = add(&mut wb, &risk_draft("Supplier outage", 3, 3));
    drop(wb);
    let read_only = OpenOptions {
        read_only: true,
        ..Default::default()
    };
    let mut wb = Workbook::open(&path, read_only).unwrap();
    let before = written(&wb);
    let bands = Bands::default();
    let refusals = [
        wb.add_risk(&risk_draft("New", 2, 2), &bands, false, None)
            .map(|_| ()),
        wb.update_risk(id, &risk_draft("Renamed", 2, 2), &bands, false),
        wb.delete_risk(id).map(|_| ()),
        wb.dismiss_suggestion("gap:role:1"),
    ];
    for refusal in refusals {
        support::mentions("refusal", &refusal.unwrap_err().to_string(), &["read-only"]);
    }
    assert_eq!(written(&wb), before);
    assert_eq!(count(&wb, "risk_dismissals"), 0);
    assert_eq!(titles(&wb, "supplier"), ["Supplier outage"]);
}

#[test]
fn deleting_a_linked_partner_unlinks_its_risks_and_undo_links_them_again() {
    let dir = TempDir::new().unwrap();
    let (_path, mut wb) = open_new(&dir);
    let cobalt = wb.add_partner(&partner_draft("Cobalt Labs")).unwrap();
    let mut draft = risk_draft("Cobalt walks away", 3, 4);
    draft.partner_id = Some(cobalt);
    let (id, _) = add(&mut wb, &draft);
    let linked = |wb: &Workbook| everything(wb, &RiskPageQuery::default())[0].partner.clone();
    assert_eq!(linked(&wb).as_deref(), Some("Cobalt Labs"));
    wb.delete_partner(cobalt).unwrap();
    assert_eq!(wb.risk(id).unwrap().unwrap().draft.partner_id, None);
    assert_eq!(linked(&wb), None, "the risk stays, unlinked");
    wb.undo().unwrap();
    assert_eq!(wb.risk(id).unwrap().unwrap().draft.partner_id, Some(cobalt));
    assert_eq!(linked(&wb).as_deref(), Some("Cobalt Labs"));
}

// ---- score history and trend ----

#[test]
fn every_change_of_likelihood_or_impact_records_a_point_and_the_register_shows_the_trend() {
    let dir = TempDir::new().unwrap();
    let (_path, mut wb) = open_new(&dir);
    let draft = risk_draft("Supplier outage", 3, 3);
    let (id, _) = add(&mut wb, &draft);
    let points = history(&wb, id);
    assert_eq!(points.len(), 1, "adding records the first point");
    let first = &points[0];
    assert_eq!(
        (first.1, first.2, first.3, first.4),
        (Some(3), Some(3), None, None)
    );
    assert_eq!(trend_of(&wb, id), Trend::None, "one point shows no trend");

    let better = with_residual(draft.clone(), 2, 2);
    update(&mut wb, id, &better);
    assert_eq!(history(&wb, id).len(), 2);
    let latest = history(&wb, id).pop().unwrap();
    assert_eq!(
        (latest.1, latest.2, latest.3, latest.4),
        (Some(3), Some(3), Some(2), Some(2))
    );
    assert_eq!(trend_of(&wb, id), Trend::Better, "9 → 4");
    assert_eq!(Trend::Better.symbol(), "↓");

    let mut renamed = better.clone();
    renamed.title = "Main supplier outage".into();
    renamed.owner = "Dana".into();
    update(&mut wb, id, &renamed);
    assert_eq!(
        history(&wb, id).len(),
        2,
        "a title or owner change is not a point"
    );
    assert_eq!(trend_of(&wb, id), Trend::Better);

    let worse = with_residual(renamed.clone(), 3, 2);
    update(&mut wb, id, &worse);
    assert_eq!(history(&wb, id).len(), 3);
    assert_eq!(trend_of(&wb, id), Trend::Worse, "4 → 6");
    assert_eq!(Trend::Worse.symbol(), "↑");

    let same = with_residual(renamed, 2, 3);
    update(&mut wb, id, &same);
    assert_eq!(
        history(&wb, id).len(),
        4,
        "other numbers, same score: still a point"
    );
    assert_eq!(trend_of(&wb, id), Trend::Same, "3 × 2 → 2 × 3");

    wb.undo().unwrap();
    assert_eq!(
        history(&wb, id).len(),
        3,
        "undo takes the point back with the edit"
    );
    assert_eq!(trend_of(&wb, id), Trend::Worse);
}

// ---- undo ----

fn mitigated(title: &str) -> RiskDraft {
    let mut draft = with_residual(risk_draft(title, 4, 4), 2, 3);
    draft.cause = "One supplier for every server".into();
    draft.event = "The supplier stops delivering".into();
    draft.consequence = "No new customers for a quarter".into();
    draft.treatment = Some(partnerplan::plan::risk::Treatment::Reduce);
    draft.owner = "Dana".into();
    draft.status = RiskStatus::Mitigating;
    draft.next_review = "2026-12-01".into();
    draft.note = "Reviewed with procurement".into();
    draft.mitigations = vec![
        (
            MitigationKind::DualSourcing,
            "Second supplier by March".into(),
        ),
        (MitigationKind::Contract, "Penalty clause".into()),
        (MitigationKind::Other, "Weekly stock count".into()),
    ];
    draft
}

#[test]
fn undo_of_a_delete_brings_back_the_risk_with_its_mitigations_in_order_and_its_history() {
    let dir = TempDir::new().unwrap();
    let (_path, mut wb) = open_new(&dir);
    let draft = mitigated("Single supplier");
    let (id, code) = add(&mut wb, &draft);
    update(&mut wb, id, &with_residual(draft.clone(), 1, 3));
    let before = wb.risk(id).unwrap().unwrap();
    let history_before = history(&wb, id);
    assert_eq!(history_before.len(), 2);
    assert_eq!(before.draft.mitigations, draft.mitigations);

    assert_eq!(wb.delete_risk(id).unwrap(), code);
    assert!(wb.risk(id).unwrap().is_none());
    assert_eq!(
        count(&wb, "risk_mitigations"),
        0,
        "mitigations go with the risk"
    );
    assert_eq!(
        count(&wb, "risk_score_history"),
        0,
        "history goes with the risk"
    );

    wb.undo().unwrap();
    assert_eq!(wb.risk(id).unwrap().as_ref(), Some(&before));
    assert_eq!(history(&wb, id), history_before);
    assert_eq!(trend_of(&wb, id), Trend::Better, "the trend comes back too");
    wb.redo().unwrap();
    assert!(wb.risk(id).unwrap().is_none());
}

#[test]
fn undo_of_an_edit_restores_the_old_mitigations() {
    let dir = TempDir::new().unwrap();
    let (_path, mut wb) = open_new(&dir);
    let draft = mitigated("Single supplier");
    let (id, _) = add(&mut wb, &draft);
    let mut edited = draft.clone();
    edited.mitigations = vec![
        (
            MitigationKind::Insurance,
            "Business interruption cover".into(),
        ),
        (
            MitigationKind::DualSourcing,
            "Second supplier by March".into(),
        ),
    ];
    update(&mut wb, id, &edited);
    assert_eq!(
        wb.risk(id).unwrap().unwrap().draft.mitigations,
        edited.mitigations
    );
    assert_eq!(
        count(&wb, "risk_mitigations"),
        2,
        "the old ones are replaced"
    );
    wb.undo().unwrap();
    let restored = wb.risk(id).unwrap().unwrap();
    assert_eq!(restored.draft, draft);
    assert_eq!(count(&wb, "risk_mitigations"), 3);
    wb.redo().unwrap();
    assert_eq!(
        wb.risk(id).unwrap().unwrap().draft.mitigations,
        edited.mitigations
    );
}

// ---- validation ----

/// What a refused save must leave exactly as it was.
fn written(wb: &Workbook) -> Vec<i64> {
    let counter: i64 = wb
        .connection()
        .query_row("SELECT next_risk_number FROM workbook_meta", [], |r| {
            r.get(0)
        })
        .unwrap();
    let mut counts: Vec<i64> = [
        "risks",
        "risk_mitigations",
        "risk_score_history",
        "change_journal",
    ]
    .iter()
    .map(|t| count(wb, t))
    .collect();
    counts.push(counter);
    counts
}

/// Asserts that adding `draft` (confirmed or not) is refused with a message naming `words`, and
/// writes nothing.
fn assert_add_refused(wb: &mut Workbook, draft: &RiskDraft, confirmed: bool, words: &[&str]) {
    let before = written(wb);
    let error = wb
        .add_risk(draft, &Bands::default(), confirmed, None)
        .unwrap_err();
    support::mentions("refusal", &error.to_string(), words);
    assert_eq!(written(wb), before, "nothing written on refusal");
}

#[test]
fn a_residual_score_above_the_inherent_one_needs_a_confirmation_and_a_note() {
    let dir = TempDir::new().unwrap();
    let (_path, mut wb) = open_new(&dir);
    let mut draft = with_residual(risk_draft("Worse after treatment", 2, 2), 3, 3);
    assert_add_refused(&mut wb, &draft, false, &["above the inherent", "(y/n)"]);
    assert_add_refused(&mut wb, &draft, true, &["note", "(9)", "(4)"]);
    draft.note = "The new supplier is less proven".into();
    assert_add_refused(&mut wb, &draft, false, &["above the inherent"]);
    let (id, _) = wb.add_risk(&draft, &Bands::default(), true, None).unwrap();
    assert_eq!(wb.risk(id).unwrap().unwrap().draft.note, draft.note);

    // The same rule guards an edit, which leaves the stored risk alone when refused.
    let (lower, _) = add(&mut wb, &risk_draft("Fine", 2, 2));
    let stored = wb.risk(lower).unwrap().unwrap();
    let before = written(&wb);
    let worse = with_residual(risk_draft("Fine", 2, 2), 4, 4);
    assert!(
        wb.update_risk(lower, &worse, &Bands::default(), true)
            .is_err()
    );
    assert_eq!(wb.risk(lower).unwrap().unwrap(), stored);
    assert_eq!(written(&wb), before);
}

#[test]
fn a_high_risk_is_accepted_only_with_an_owner_and_a_note() {
    let dir = TempDir::new().unwrap();
    let (_path, mut wb) = open_new(&dir);
    let mut draft = risk_draft("Regulator fines", 4, 4);
    draft.status = RiskStatus::Accepted;
    assert_add_refused(&mut wb, &draft, false, &["high risk", "owner", "note"]);
    draft.owner = "Dana".into();
    assert_add_refused(&mut wb, &draft, false, &["note"]);
    draft.owner = String::new();
    draft.note = "Cheaper to pay than to fix".into();
    assert_add_refused(&mut wb, &draft, false, &["owner"]);
    draft.owner = "Dana".into();
    let (id, _) = add(&mut wb, &draft);
    assert_eq!(
        wb.risk(id).unwrap().unwrap().draft.status,
        RiskStatus::Accepted
    );
    // A medium risk (or a high one whose residual is low) needs neither.
    let mut medium = risk_draft("Late invoices", 2, 3);
    medium.status = RiskStatus::Accepted;
    add(&mut wb, &medium);
    let mut treated = with_residual(risk_draft("Outage", 5, 5), 1, 2);
    treated.status = RiskStatus::Accepted;
    add(&mut wb, &treated);
    assert_eq!(count(&wb, "risks"), 3);
}

// ---- the text filter ----

#[test]
fn the_filter_follows_edits_undo_and_redo() {
    let dir = TempDir::new().unwrap();
    let (_path, mut wb) = open_new(&dir);
    let (cobalt, _) = add(&mut wb, &risk_draft("Cobalt outage", 3, 3));
    let (helix, _) = add(&mut wb, &risk_draft("Helix breach", 2, 4));
    assert_eq!(titles(&wb, "cob"), ["Cobalt outage"]);
    assert_eq!(titles(&wb, "breach"), ["Helix breach"]);
    let mut renamed = risk_draft("Helix cobalt spill", 2, 4);
    renamed.note = "Seen in Zürich".into();
    update(&mut wb, helix, &renamed);
    assert_eq!(titles(&wb, "cob"), ["Cobalt outage", "Helix cobalt spill"]);
    assert!(titles(&wb, "breach").is_empty(), "the old title is gone");
    assert_eq!(titles(&wb, "ZÜRICH"), ["Helix cobalt spill"]);
    wb.delete_risk(cobalt).unwrap();
    assert_eq!(titles(&wb, "cob"), ["Helix cobalt spill"]);
    assert_eq!(titles(&wb, "r-001"), Vec::<String>::new());
    wb.undo().unwrap();
    assert_eq!(titles(&wb, "r-001"), ["Cobalt outage"]);
    wb.undo().unwrap();
    assert_eq!(titles(&wb, "cob"), ["Cobalt outage"]);
    assert_eq!(titles(&wb, "breach"), ["Helix breach"]);
    assert!(titles(&wb, "zürich").is_empty());
    wb.redo().unwrap();
    assert_eq!(titles(&wb, "zürich"), ["Helix cobalt spill"]);
    assert!(titles(&wb, "breach").is_empty());
    let query = filtered("spill");
    assert_eq!(wb.risk_matches(&query).unwrap(), 1);
}

// ---- the heat map ----

fn cell(l: i64, i: i64) -> (Likelihood, Impact) {
    (
        Likelihood::from_value(l).unwrap(),
        Impact::from_value(i).unwrap(),
    )
}

/// The non-empty cells of the inherent (or residual) heat map, as (likelihood, impact, count);
/// the register's cell facet must find as many risks in every cell.
fn heat(wb: &Workbook, residual: bool) -> Vec<(i64, i64, usize)> {
    let map = wb.risk_heat_map(residual).unwrap();
    let mut cells = Vec::new();
    for l in 1..=5 {
        for i in 1..=5 {
            let (likelihood, impact) = cell(l, i);
            let n = map.count(likelihood, impact);
            let in_cell = RiskPageQuery {
                facets: RiskFacets {
                    cell: Some((residual, l, i)),
                    ..Default::default()
                },
                ..Default::default()
            };
            assert_eq!(
                wb.risk_matches(&in_cell).unwrap(),
                n as i64,
                "cell {l} × {i}"
            );
            if n > 0 {
                cells.push((l, i, n));
            }
        }
    }
    assert_eq!(cells.iter().map(|c| c.2).sum::<usize>(), map.total());
    cells
}

#[test]
fn heat_map_counts_follow_adds_an_edit_and_a_delete() {
    let dir = TempDir::new().unwrap();
    let (_path, mut wb) = open_new(&dir);
    assert!(heat(&wb, false).is_empty());
    let (a, _) = add(&mut wb, &with_residual(risk_draft("A", 3, 4), 2, 2));
    let (b, _) = add(&mut wb, &risk_draft("B", 3, 4));
    add(&mut wb, &with_residual(risk_draft("C", 5, 5), 1, 1));
    assert_eq!(heat(&wb, false), [(3, 4, 2), (5, 5, 1)]);
    assert_eq!(
        heat(&wb, true),
        [(1, 1, 1), (2, 2, 1)],
        "B has no residual yet"
    );
    update(&mut wb, b, &with_residual(risk_draft("B", 3, 4), 2, 2));
    assert_eq!(heat(&wb, true), [(1, 1, 1), (2, 2, 2)]);
    wb.delete_risk(a).unwrap();
    assert_eq!(heat(&wb, false), [(3, 4, 1), (5, 5, 1)]);
    assert_eq!(heat(&wb, true), [(1, 1, 1), (2, 2, 1)]);
    wb.undo().unwrap();
    assert_eq!(heat(&wb, true), [(1, 1, 1), (2, 2, 2)]);
}

// ---- paging, sorts and facets ----

/// What the register is sorted and filtered on, read straight from the table.
#[derive(Debug, Clone)]
struct Stored {
    id: i64,
    number: i64,
    title: String,
    category: String,
    inherent: Option<Rating>,
    residual: Option<Rating>,
    owner: String,
    status: String,
    next_review: Option<String>,
    /// The linked partner and role as the register shows them.
    link_name: String,
    /// Every searched field, each folded to lower case.
    searched: Vec<String>,
}

fn fold(text: &str) -> String {
    text.chars().flat_map(char::to_lowercase).collect()
}

fn stored(wb: &Workbook) -> Vec<Stored> {
    wb.connection()
        .prepare(
            "SELECT id, number, title, category, inherent_likelihood, inherent_impact, \
             residual_likelihood, residual_impact, owner, status, next_review, code, cause, \
             event, consequence, note, link_name FROM risks",
        )
        .unwrap()
        .query_map([], |r| {
            let text = |i: usize| r.get::<_, String>(i);
            let searched = [11, 2, 12, 13, 14, 3, 8, 15]
                .into_iter()
                .map(|i| text(i).map(|t| fold(&t)))
                .collect::<Result<_, _>>()?;
            Ok(Stored {
                id: r.get(0)?,
                number: r.get(1)?,
                title: text(2)?,
                category: text(3)?,
                inherent: Rating::from_values(r.get(4)?, r.get(5)?),
                residual: Rating::from_values(r.get(6)?, r.get(7)?),
                owner: text(8)?,
                status: text(9)?,
                next_review: r.get(10)?,
                link_name: text(16)?,
                searched,
            })
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// A sort value as the register compares it: a number, or text compared byte by byte.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum SortValue {
    Number(i64),
    Text(String),
}

impl Stored {
    fn current(&self) -> Option<Rating> {
        self.residual.or(self.inherent)
    }

    fn sort_value(&self, sort: RiskSort) -> SortValue {
        let score = |r: Option<Rating>| SortValue::Number(r.map_or(0, Rating::score));
        match sort {
            RiskSort::Code => SortValue::Number(self.number),
            RiskSort::Title => SortValue::Number(0),
            RiskSort::Category => SortValue::Text(self.category.clone()),
            // The column compares ignoring ASCII case (NOCASE).
            RiskSort::Link => SortValue::Text(self.link_name.to_ascii_lowercase()),
            RiskSort::Inherent => score(self.inherent),
            RiskSort::Residual => score(self.residual),
            RiskSort::Band => score(self.current()),
            RiskSort::Owner => SortValue::Text(self.owner.clone()),
            RiskSort::Status => SortValue::Text(self.status.clone()),
            RiskSort::Review => SortValue::Text(self.next_review.clone().unwrap_or_default()),
        }
    }

    /// The sort value, then the title ignoring ASCII case (the column's NOCASE), then the id.
    fn order_key(&self, sort: RiskSort) -> (SortValue, String, i64) {
        (
            self.sort_value(sort),
            self.title.to_ascii_lowercase(),
            self.id,
        )
    }

    fn matches(&self, query: &RiskPageQuery) -> bool {
        let needle = fold(query.filter.trim());
        let text = needle.is_empty() || self.searched.iter().any(|f| f.contains(&needle));
        let facets = &query.facets;
        let same = |want: &Option<String>, have: &str| want.as_deref().is_none_or(|w| w == have);
        let band = facets.band.as_deref().is_none_or(|word| {
            self.current()
                .is_some_and(|r| query.bands.band(r.score()).word() == word)
        });
        let review = facets.review_before.as_deref().is_none_or(|date| {
            self.status != "closed" && self.next_review.as_deref().is_some_and(|r| r < date)
        });
        let cell = facets.cell.is_none_or(|(residual, l, i)| {
            let rating = if residual {
                self.residual
            } else {
                self.inherent
            };
            rating.is_some_and(|r| (r.likelihood.value(), r.impact.value()) == (l, i))
        });
        text && same(&facets.category, &self.category)
            && same(&facets.status, &self.status)
            && same(&facets.owner, &self.owner)
            && band
            && review
            && cell
    }
}

/// The ids `query` should show, in order, worked out from the stored rows.
fn expected(risks: &[Stored], query: &RiskPageQuery) -> Vec<i64> {
    let mut rows: Vec<&Stored> = risks.iter().filter(|r| r.matches(query)).collect();
    rows.sort_by_key(|r| r.order_key(query.sort));
    if query.descending {
        rows.reverse();
    }
    rows.iter().map(|r| r.id).collect()
}

/// Bands other than the default, so the band facet is seen to follow the query's thresholds.
const CUSTOM_BANDS: Bands = Bands {
    medium: 4,
    high: 9,
    critical: 16,
};

/// Every page of `query` walked forward, then backward from the end, must equal one big page and
/// `expected` (ids); the match count must agree.
fn assert_walks(wb: &Workbook, query: &RiskPageQuery, expected: &[i64], limit: usize, what: &str) {
    let ids = |rows: &[RiskRow]| -> Vec<i64> { rows.iter().map(|r| r.id).collect() };
    let page = |direction: &Page<_>| wb.risk_page(query, direction, limit).unwrap();
    let mut walked = page(&Page::First);
    while let Some(last) = walked.last() {
        let next = page(&Page::After(last.key.clone()));
        if next.is_empty() {
            break;
        }
        walked.extend(next);
    }
    let mut back = page(&Page::Last);
    while let Some(first) = back.first() {
        let before = page(&Page::Before(first.key.clone()));
        if before.is_empty() {
            break;
        }
        back.splice(0..0, before);
    }
    assert_eq!(ids(&everything(wb, query)), expected, "one page: {what}");
    assert_eq!(ids(&walked), expected, "forward: {what}");
    assert_eq!(ids(&back), expected, "backward: {what}");
    assert_eq!(
        wb.risk_matches(query).unwrap(),
        expected.len() as i64,
        "count: {what}"
    );
}

/// `risks` risks written straight into the file in one transaction (as a generator or another
/// tool would), with ties in every sort column, unrated scores, missing review dates, odd titles
/// and a "common" cause on nine in ten of them.
fn bulk_workbook(dir: &TempDir, risks: i64) -> Workbook {
    let (_path, wb) = open_new(dir);
    wb.connection()
        .execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
             INSERT INTO risks (uuid, number, code, title, cause, category, inherent_likelihood,
               inherent_impact, residual_likelihood, residual_impact, owner, status, next_review,
               note, link_name, created_at, updated_at)
             SELECT 'u' || i, i, printf('R-%03d', i),
               CASE WHEN i % 250 = 0 THEN 'O''Brien \"quoted\" ' || i
                    WHEN i % 97 = 0 THEN 'Zürich ÜBER ' || i
                    WHEN i % 41 = 0 THEN '100% of stock_' || i
                    WHEN i % 2 = 0 THEN 'Risk ' || (i % 30)
                    ELSE 'risk ' || (i % 30) END,
               CASE WHEN i % 10 = 9 THEN 'rare cause ' || i ELSE 'common cause ' || i END,
               CASE i % 5 WHEN 0 THEN '' WHEN 1 THEN 'financial' WHEN 2 THEN 'legal/contract'
                    WHEN 3 THEN 'Operational' ELSE 'operational' END,
               CASE WHEN i % 37 = 0 THEN NULL ELSE 1 + i % 5 END,
               CASE WHEN i % 37 = 0 THEN NULL ELSE 1 + (i / 5) % 5 END,
               CASE WHEN i % 3 = 0 THEN NULL ELSE 1 + i % 4 END,
               CASE WHEN i % 3 = 0 THEN NULL ELSE 1 + (i / 4) % 3 END,
               CASE i % 6 WHEN 0 THEN '' WHEN 1 THEN 'Kim' WHEN 2 THEN 'kim' WHEN 3 THEN 'Dana'
                    WHEN 4 THEN 'Émile' ELSE 'Ørjan' END,
               CASE i % 4 WHEN 0 THEN 'open' WHEN 1 THEN 'mitigating' WHEN 2 THEN 'accepted'
                    ELSE 'closed' END,
               CASE WHEN i % 9 = 0 THEN NULL ELSE date('2026-01-01', '+' || (i % 120) || ' days')
                    END,
               CASE WHEN i % 100 = 0 THEN 'snake_case note' ELSE '' END,
               CASE i % 4 WHEN 0 THEN '' WHEN 1 THEN 'Acme' WHEN 2 THEN 'acme / Cloud'
                    ELSE 'Borealis' END,
               '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'
             FROM n",
            [risks],
        )
        .unwrap();
    wb
}

fn sorted(sort: RiskSort, descending: bool, query: &RiskPageQuery) -> RiskPageQuery {
    RiskPageQuery {
        sort,
        descending,
        ..query.clone()
    }
}

#[test]
fn every_sort_walks_forward_and_back_like_one_page_with_ties_unrated_scores_and_no_review() {
    let dir = TempDir::new().unwrap();
    let wb = bulk_workbook(&dir, 300);
    let risks = stored(&wb);
    assert!(risks.iter().any(|r| r.inherent.is_none()));
    assert!(risks.iter().any(|r| r.next_review.is_none()));
    for sort in RiskSort::ALL {
        for descending in [false, true] {
            let query = sorted(sort, descending, &RiskPageQuery::default());
            let expected = expected(&risks, &query);
            assert_eq!(expected.len(), 300);
            assert_walks(
                &wb,
                &query,
                &expected,
                7,
                &format!("{sort:?} desc {descending}"),
            );
        }
    }
}

/// Few matches are read by id and sorted; more than 2,000 walk the sort index and ask the search
/// index about each row. Both must page like the plain rule, in every sort, with odd characters.
#[test]
fn filtered_pages_agree_with_the_rule_for_few_and_many_matches_and_odd_characters() {
    let dir = TempDir::new().unwrap();
    let wb = bulk_workbook(&dir, 2_500);
    let risks = stored(&wb);
    let mut sizes = Vec::new();
    for filter in [
        "COMMON",
        "risk 1",
        "%",
        "_",
        "'",
        "\"",
        "zürich",
        "ÜBER",
        "r-02",
        "nothing like this",
    ] {
        let query = filtered(filter);
        let all = expected(&risks, &query);
        sizes.push(all.len());
        for sort in RiskSort::ALL {
            for descending in [false, true] {
                let query = sorted(sort, descending, &query);
                let expected = expected(&risks, &query);
                let what = format!("{filter:?} {sort:?} desc {descending}");
                assert_walks(&wb, &query, &expected, 150, &what);
            }
        }
    }
    assert!(sizes[0] > 2_000, "the many path ran: {sizes:?}");
    assert!(
        sizes[1..].iter().any(|&n| n > 0 && n <= 2_000),
        "the few path ran"
    );
    assert_eq!(sizes[2], 2_500 / 41, "only the titles with a %");
    assert_eq!(*sizes.last().unwrap(), 0);
}

#[test]
fn facets_narrow_by_category_status_owner_band_review_and_heat_map_cell() {
    let dir = TempDir::new().unwrap();
    let wb = bulk_workbook(&dir, 2_500);
    let risks = stored(&wb);
    let bands = CUSTOM_BANDS;
    let facet_sets = [
        RiskFacets {
            category: Some("operational".into()),
            ..Default::default()
        },
        RiskFacets {
            category: Some(String::new()),
            status: Some("accepted".into()),
            ..Default::default()
        },
        RiskFacets {
            owner: Some("kim".into()),
            ..Default::default()
        },
        RiskFacets {
            owner: Some("Émile".into()),
            status: Some("open".into()),
            ..Default::default()
        },
        RiskFacets {
            review_before: Some("2026-02-15".into()),
            ..Default::default()
        },
        RiskFacets {
            cell: Some((false, 3, 2)),
            ..Default::default()
        },
        RiskFacets {
            cell: Some((true, 3, 3)),
            ..Default::default()
        },
    ];
    let band_sets = Band::ALL.iter().map(|band| RiskFacets {
        band: Some(band.word().into()),
        ..Default::default()
    });
    for (n, facets) in facet_sets.into_iter().chain(band_sets).enumerate() {
        for filter in ["", "common", "risk 2"] {
            for (sort, descending) in [(RiskSort::Code, false), (RiskSort::Band, true)] {
                let query = RiskPageQuery {
                    filter: filter.into(),
                    sort,
                    descending,
                    facets: facets.clone(),
                    bands,
                };
                let expected = expected(&risks, &query);
                let what = format!("{facets:?} {filter:?} {sort:?}");
                assert!(
                    filter == "risk 2" || !expected.is_empty(),
                    "empty: {what} ({n})"
                );
                assert_walks(&wb, &query, &expected, 97, &what);
            }
        }
    }
}

/// The band facet at the edges of custom bands: each edge score lands in the band `Bands` says.
#[test]
fn the_band_facet_follows_custom_thresholds_at_their_edges() {
    let dir = TempDir::new().unwrap();
    let (_path, mut wb) = open_new(&dir);
    let bands = CUSTOM_BANDS;
    // Current scores 3, 4, 8, 9, 15, 16, 25; the 15 is a residual below a 25 inherent.
    let mut ids = Vec::new();
    for (title, draft) in [
        ("three", risk_draft("three", 1, 3)),
        ("four", risk_draft("four", 2, 2)),
        ("eight", risk_draft("eight", 2, 4)),
        ("nine", risk_draft("nine", 3, 3)),
        ("fifteen", with_residual(risk_draft("fifteen", 5, 5), 3, 5)),
        ("sixteen", risk_draft("sixteen", 4, 4)),
        ("max", risk_draft("max", 5, 5)),
    ] {
        ids.push((title, add(&mut wb, &draft).0));
    }
    let in_band = |word: &str| -> Vec<String> {
        let query = RiskPageQuery {
            facets: RiskFacets {
                band: Some(word.into()),
                ..Default::default()
            },
            bands,
            ..Default::default()
        };
        assert_eq!(
            wb.risk_matches(&query).unwrap(),
            everything(&wb, &query).len() as i64
        );
        everything(&wb, &query)
            .into_iter()
            .map(|r| r.title)
            .collect()
    };
    assert_eq!(in_band("low"), ["three"]);
    assert_eq!(in_band("medium"), ["four", "eight"]);
    assert_eq!(in_band("high"), ["nine", "fifteen"]);
    assert_eq!(in_band("critical"), ["sixteen", "max"]);
    assert_eq!(ids.len(), 7);
}

#[test]
fn the_review_facet_lists_overdue_open_risks_but_not_closed_ones() {
    let dir = TempDir::new().unwrap();
    let (_path, mut wb) = open_new(&dir);
    for (title, review, status) in [
        ("overdue", "2026-10-01", RiskStatus::Open),
        ("overdue but closed", "2026-10-01", RiskStatus::Closed),
        ("due today", "2026-11-23", RiskStatus::Mitigating),
        ("no review", "", RiskStatus::Open),
        ("later", "2027-01-01", RiskStatus::Open),
        ("overdue accepted", "2026-11-22", RiskStatus::Accepted),
    ] {
        let mut draft = risk_draft(title, 2, 2);
        draft.next_review = review.into();
        draft.status = status;
        add(&mut wb, &draft);
    }
    let query = RiskPageQuery {
        facets: RiskFacets {
            review_before: Some("2026-11-23".into()),
            ..Default::default()
        },
        sort: RiskSort::Review,
        ..Default::default()
    };
    let overdue: Vec<String> = everything(&wb, &query)
        .into_iter()
        .map(|r| r.title)
        .collect();
    assert_eq!(overdue, ["overdue", "overdue accepted"]);
    assert_eq!(wb.risk_matches(&query).unwrap(), 2);
}

// ---- suggestions ----

const TODAY: &str = "2026-11-23";

struct Plan {
    payments: i64,
    hosting: i64,
    newcomer: i64,
    gated: i64,
    quiet: i64,
    protocol: i64,
}

fn role(wb: &mut Workbook, name: &str, criticality: Criticality) -> i64 {
    let draft = RoleDraft {
        name: name.into(),
        criticality,
        min_partners: 1,
        ..Default::default()
    };
    wb.add_role(None, &draft).unwrap()
}

fn partner(wb: &mut Workbook, name: &str, stage: &str) -> i64 {
    let mut draft = partner_draft(name);
    draft.stage = stage.into();
    wb.add_partner(&draft).unwrap()
}

/// A plan with one cause for each rule: a high-criticality role nobody holds (Payments), one held
/// only by a partner still onboarding (Hosting), an active partner that failed the gate, an active
/// partner whose last check-in is long past, and confidential data shared without protection.
/// Also things that suggest nothing: a medium role held by one active partner, internal data and
/// protected restricted data.
fn suggesting_plan(wb: &mut Workbook) -> Plan {
    role(wb, "Acme", Criticality::Medium);
    let payments = role(wb, "Payments", Criticality::High);
    let hosting = role(wb, "Hosting", Criticality::High);
    let support = role(wb, "Support", Criticality::Medium);
    let newcomer = partner(wb, "Newcomer", "onboarding");
    let steady = partner(wb, "Steady", "active");
    wb.set_assignment(newcomer, hosting, Some(AssignmentKind::Lead))
        .unwrap();
    wb.set_assignment(steady, support, Some(AssignmentKind::Lead))
        .unwrap();
    wb.add_checkin(steady, jiff::civil::date(2026, 11, 20), "")
        .unwrap();
    let gated = partner(wb, "Gated", "active");
    let gate = wb
        .criteria()
        .unwrap()
        .into_iter()
        .find(|c| c.criterion.is_gate)
        .unwrap()
        .criterion
        .id;
    wb.set_score(gated, gate, Assessment::Gate(false), "no audit", None)
        .unwrap();
    let quiet = partner(wb, "Quiet", "active");
    wb.add_checkin(quiet, jiff::civil::date(2026, 1, 5), "kick-off")
        .unwrap();
    let protocol = insert_protocol(wb, "Customer list", "confidential", "");
    insert_protocol(wb, "Price list", "internal", "");
    insert_protocol(wb, "Card numbers", "restricted", "Encrypted at rest");
    Plan {
        payments,
        hosting,
        newcomer,
        gated,
        quiet,
        protocol,
    }
}

/// Data protocols have no API yet: written as another tool would.
fn insert_protocol(wb: &Workbook, item: &str, sensitivity: &str, measures: &str) -> i64 {
    wb.connection()
        .execute(
            "INSERT INTO data_protocols (uuid, data_item, sensitivity, protection_measures, \
             created_at, updated_at) VALUES (?1, ?1, ?2, ?3, '2026-01-01', '2026-01-01')",
            [item, sensitivity, measures],
        )
        .unwrap();
    wb.connection().last_insert_rowid()
}

fn suggestion_keys(wb: &Workbook) -> Vec<String> {
    wb.risk_suggestions(TODAY, 30)
        .unwrap()
        .into_iter()
        .map(|s| s.key)
        .collect()
}

/// Asserts that exactly the suggestions `keys` are proposed, in that order.
fn assert_suggested(wb: &Workbook, keys: &[&String], what: &str) {
    let expected: Vec<&str> = keys.iter().map(|k| k.as_str()).collect();
    assert_eq!(suggestion_keys(wb), expected, "{what}");
}

#[test]
fn the_plan_suggests_a_risk_for_every_cause_and_each_goes_away_when_taken_up_or_fixed() {
    let dir = TempDir::new().unwrap();
    let (path, mut wb) = open_new(&dir);
    let plan = suggesting_plan(&mut wb);
    let gap = format!("gap:role:{}", plan.payments);
    let single = format!("single-point:role:{}", plan.hosting);
    let onboarding = format!("onboarding-only:role:{}", plan.hosting);
    let gated = format!("gated-out:partner:{}", plan.gated);
    let overdue = format!("checkins-overdue:partner:{}", plan.quiet);
    let unprotected = format!("unprotected:protocol:{}", plan.protocol);
    let all = [&gap, &single, &onboarding, &gated, &overdue, &unprotected];
    assert_suggested(&wb, &all, "one for each cause");

    // Accepting one: a linked risk answers it, and it is no longer proposed.
    let suggestion = wb
        .risk_suggestions(TODAY, 30)
        .unwrap()
        .into_iter()
        .find(|s| s.key == gated)
        .unwrap();
    assert_eq!(suggestion.partner_id, Some(plan.gated));
    let mut draft = suggestion.draft();
    (draft.inherent_likelihood, draft.inherent_impact) = rating(3, 4);
    let (risk, _) = wb
        .add_risk(&draft, &Bands::default(), false, Some(&gated))
        .unwrap();
    let record = wb.risk(risk).unwrap().unwrap();
    assert_eq!(record.suggestion_key, gated);
    assert_eq!(record.draft.partner_id, Some(plan.gated));
    assert_eq!(record.draft.category, "strategic misalignment");
    assert_eq!(record.draft.cause, suggestion.reason);
    assert!(!suggestion_keys(&wb).contains(&gated));
    let row = everything(&wb, &RiskPageQuery::default()).remove(0);
    assert_eq!(
        row.partner.as_deref(),
        Some("Gated"),
        "the row names the partner"
    );

    // Dismissing one: remembered across a reopen; undo brings it back.
    wb.dismiss_suggestion(&unprotected).unwrap();
    wb.dismiss_suggestion(&unprotected).unwrap();
    assert_eq!(
        count(&wb, "risk_dismissals"),
        1,
        "a second dismissal adds nothing"
    );
    assert_suggested(&wb, &[&gap, &single, &onboarding, &overdue], "dismissed");
    drop(wb);
    let mut wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    assert!(!suggestion_keys(&wb).contains(&unprotected));
    wb.undo().unwrap();
    assert!(
        suggestion_keys(&wb).contains(&unprotected),
        "undo brings it back"
    );
    wb.redo().unwrap();
    assert!(!suggestion_keys(&wb).contains(&unprotected));

    // Fixing causes: a lead and a backup for Payments, a fresh check-in, the newcomer active.
    let first = partner(&mut wb, "Payfirst", "active");
    let second = partner(&mut wb, "Paysecond", "active");
    wb.set_assignment(first, plan.payments, Some(AssignmentKind::Lead))
        .unwrap();
    wb.set_assignment(second, plan.payments, Some(AssignmentKind::Backup))
        .unwrap();
    wb.add_checkin(plan.quiet, jiff::civil::date(2026, 11, 10), "")
        .unwrap();
    assert_suggested(&wb, &[&single, &onboarding], "causes fixed");
    let mut active = wb.partner(plan.newcomer).unwrap().unwrap();
    active.stage = "active".into();
    wb.update_partner(plan.newcomer, &active).unwrap();
    assert_suggested(
        &wb,
        &[&single],
        "still one holder, but no longer onboarding",
    );

    // Deleting the accepted risk proposes its cause again; undoing the delete takes it away.
    wb.delete_risk(risk).unwrap();
    assert_suggested(&wb, &[&single, &gated], "its risk deleted");
    wb.undo().unwrap();
    assert_suggested(&wb, &[&single], "its risk back");
}

/// The rules compare stages ignoring case, so the workbook must hand them every partner whose
/// stage reads "active" that way, holder of a role or not.
#[test]
fn a_partner_whose_stage_is_written_active_in_another_case_still_gets_its_suggestions() {
    let dir = TempDir::new().unwrap();
    let (_path, mut wb) = open_new(&dir);
    let plan = suggesting_plan(&mut wb);
    for id in [plan.gated, plan.quiet] {
        let mut draft = wb.partner(id).unwrap().unwrap();
        draft.stage = "Active".into();
        wb.update_partner(id, &draft).unwrap();
    }
    let keys = suggestion_keys(&wb);
    for key in [
        format!("gated-out:partner:{}", plan.gated),
        format!("checkins-overdue:partner:{}", plan.quiet),
    ] {
        assert!(keys.contains(&key), "{key} missing from {keys:?}");
    }
}

/// The register shows (and sorts by) "partner / role"; the name follows renames, unlinking and
/// undo, because it is kept with every change.
#[test]
fn the_link_name_follows_partner_and_role_changes_and_sorts() {
    let dir = TempDir::new().unwrap();
    let (_path, mut wb) = open_new(&dir);
    let acme = wb
        .add_partner(&partnerplan::plan::PartnerDraft {
            name: "Acme".into(),
            ..Default::default()
        })
        .unwrap();
    let hub = wb
        .add_role(
            None,
            &partnerplan::plan::roles::RoleDraft {
                name: "Us".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let cloud = wb
        .add_role(
            Some(hub),
            &partnerplan::plan::roles::RoleDraft {
                name: "Cloud".into(),
                min_partners: 1,
                ..Default::default()
            },
        )
        .unwrap();
    let bands = Bands::default();
    let rated = |title: &str, partner: Option<i64>, role: Option<i64>| RiskDraft {
        title: title.into(),
        partner_id: partner,
        role_id: role,
        inherent_likelihood: Likelihood::from_value(2),
        inherent_impact: Impact::from_value(2),
        ..RiskDraft::default()
    };
    wb.add_risk(&rated("Both", Some(acme), Some(cloud)), &bands, false, None)
        .unwrap();
    wb.add_risk(&rated("Role only", None, Some(cloud)), &bands, false, None)
        .unwrap();
    wb.add_risk(&rated("Neither", None, None), &bands, false, None)
        .unwrap();
    let links = |wb: &Workbook| -> Vec<String> {
        let query = RiskPageQuery {
            sort: RiskSort::Link,
            ..RiskPageQuery::default()
        };
        wb.risk_page(&query, &Page::First, 10)
            .unwrap()
            .iter()
            .map(|row| {
                wb.connection()
                    .query_row("SELECT link_name FROM risks WHERE id = ?1", [row.id], |r| {
                        r.get(0)
                    })
                    .unwrap()
            })
            .collect()
    };
    assert_eq!(links(&wb), ["", "Acme / Cloud", "Cloud"]);
    wb.update_partner(
        acme,
        &partnerplan::plan::PartnerDraft {
            name: "Zeta Corp".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(links(&wb), ["", "Cloud", "Zeta Corp / Cloud"]);
    wb.delete_role(cloud).unwrap();
    assert_eq!(links(&wb), ["", "", "Zeta Corp"]);
    wb.undo().unwrap();
    assert_eq!(links(&wb), ["", "Cloud", "Zeta Corp / Cloud"]);
    wb.undo().unwrap();
    assert_eq!(links(&wb), ["", "Acme / Cloud", "Cloud"]);
}
