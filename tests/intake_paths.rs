//! One set of intake rules, whichever way a value enters: the partner form, a CSV import, a TOML
//! import and every edit the workbook stores refuse the same value with the same sentence, and
//! nothing is written.

mod support;

use partnerplan::exchange::ExchangeError;
use partnerplan::exchange::csv::{ImportOptions, import_partners};
use partnerplan::plan::partner::PartnerDraft;
use partnerplan::workbook::intake::Unstorable;
use partnerplan::workbook::{OpenOptions, Workbook};
use support::Sandbox;

/// What the rules say of a right-to-left override (it reverses how the rest of a line reads).
const BIDI_SENTENCE: &str = "holds U+202E (a text-direction control); remove it.";
const BIDI_NAME: &str = "Acme\u{202E}Corp";

fn fresh(sb: &Sandbox, name: &str) -> Workbook {
    let path = sb.file(name);
    Workbook::create(&path, Some("Intake")).unwrap();
    Workbook::open(&path, OpenOptions::default()).unwrap()
}

fn journal_entries(wb: &Workbook) -> i64 {
    wb.connection()
        .query_row("SELECT count(*) FROM change_journal", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn the_form_the_csv_import_and_the_toml_import_refuse_alike() {
    let sb = Sandbox::new();

    // The partner form.
    let draft = PartnerDraft {
        name: BIDI_NAME.into(),
        stage: "prospect".into(),
        ..Default::default()
    };
    let errors = draft.validate();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].message, format!("Name {BIDI_SENTENCE}"));

    // A CSV export (HubSpot's companies export starts with "Company name"): the row is refused
    // with the same sentence and nothing lands.
    let csv = sb.file("companies.csv");
    std::fs::write(
        &csv,
        format!("Company name,Lifecycle Stage\n{BIDI_NAME},Customer\nBeta GmbH,Lead\n"),
    )
    .unwrap();
    let mut wb = fresh(&sb, "csv.partnerplan");
    let refused = import_partners(&mut wb, &csv, &ImportOptions::default()).unwrap_err();
    assert!(matches!(refused, ExchangeError::Problems(_)), "{refused:?}");
    let text = refused.message();
    assert!(text.contains(BIDI_SENTENCE), "{text}");
    let partners: i64 = wb
        .connection()
        .query_row("SELECT count(*) FROM partners", [], |r| r.get(0))
        .unwrap();
    assert_eq!(partners, 0);

    // A TOML file: an exported plan whose partner's name was edited by hand.
    let source = sb.file("source.partnerplan");
    support::workbook_with_partners(&source, 1);
    let toml_path = sb.file("plan.toml");
    let toml = support::export_toml(&sb, &source, &toml_path);
    let (head, tail) = toml
        .split_once("name = \"")
        .expect("a partner name in the TOML");
    let rest = tail.split_once('"').expect("a closing quote").1;
    std::fs::write(
        &toml_path,
        format!("{head}name = \"Acme\\u202ECorp\"{rest}"),
    )
    .unwrap();
    let target = sb.file("from-toml.partnerplan");
    let run = sb.run([
        "import",
        target.to_str().unwrap(),
        toml_path.to_str().unwrap(),
    ]);
    run.expect_code(1);
    assert!(run.stderr.contains(BIDI_SENTENCE), "{}", run.stderr);
    assert!(
        !target.exists(),
        "a refused import leaves no workbook behind"
    );
}

#[test]
fn edits_without_a_form_of_their_own_are_held_to_the_same_rules() {
    let sb = Sandbox::new();
    let mut wb = fresh(&sb, "edits.partnerplan");
    let partner = wb.add_partner(&support::draft("Brightrail")).unwrap();
    let before = journal_entries(&wb);

    // A step note with a terminal escape in it.
    let err = wb
        .set_step_note("mission", "Plan\u{1b}]52;c;ZXZpbA==\u{7}")
        .unwrap_err();
    let refused = err.downcast_ref::<Unstorable>().expect("refused by intake");
    assert!(refused.problem.contains("U+001B"), "{refused}");
    assert!(format!("{refused}").ends_with("Nothing was changed."));

    // A check-in summary with a text-direction control.
    let held_on = jiff::civil::date(2026, 11, 2);
    let err = wb.add_checkin(partner, held_on, BIDI_NAME).unwrap_err();
    let refused = err.downcast_ref::<Unstorable>().expect("refused by intake");
    assert_eq!(refused.problem, BIDI_SENTENCE);
    assert_eq!(
        format!("{refused}"),
        format!("the check-in's summary {BIDI_SENTENCE} Nothing was changed.")
    );

    // Nothing of either edit was stored: no journal entry, no check-in, no note.
    assert_eq!(journal_entries(&wb), before);
    let checkins: i64 = wb
        .connection()
        .query_row("SELECT count(*) FROM checkins", [], |r| r.get(0))
        .unwrap();
    assert_eq!(checkins, 0);

    // The same edits with clean text go in.
    wb.set_step_note("mission", "Plan the channel first.")
        .unwrap();
    wb.add_checkin(partner, held_on, "Quarterly review held.")
        .unwrap();
    assert_eq!(journal_entries(&wb), before + 2);
}
