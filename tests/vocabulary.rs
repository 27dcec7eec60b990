//! The workbook's choice lists: the shipped defaults followed by the user's additions; adding a
//! word is checked and undoable; only added words can be removed, and partners keep theirs.

use partnerplan::plan::PartnerDraft;
use partnerplan::plan::vocabulary::VocabularyKind;
use partnerplan::workbook::{OpenOptions, Workbook};
use tempfile::TempDir;

fn open_new(dir: &TempDir) -> Workbook {
    let path = dir.path().join("v.partnerplan");
    Workbook::create(&path, None).unwrap();
    Workbook::open(&path, OpenOptions::default()).unwrap()
}

#[test]
fn the_list_is_defaults_then_additions_in_order() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir);
    let defaults = VocabularyKind::Region.defaults().to_vec();
    assert_eq!(wb.vocabulary(VocabularyKind::Region).unwrap(), defaults);
    assert_eq!(
        wb.add_term(VocabularyKind::Region, "  Nordics ").unwrap(),
        "Nordics"
    );
    wb.add_term(VocabularyKind::Region, "Baltics").unwrap();
    wb.add_term(VocabularyKind::Stage, "dormant").unwrap();
    let mut expected = defaults;
    expected.extend(["Nordics".to_string(), "Baltics".to_string()]);
    assert_eq!(wb.vocabulary(VocabularyKind::Region).unwrap(), expected);
    assert!(
        wb.vocabularies()
            .unwrap()
            .partner_stages
            .ends_with(&["dormant".to_string()])
    );
    assert!(
        !wb.vocabulary(VocabularyKind::Type)
            .unwrap()
            .contains(&"dormant".to_string())
    );
}

#[test]
fn a_word_is_checked_before_it_is_added() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir);
    wb.add_term(VocabularyKind::Tier, "bronze").unwrap();
    for bad in [
        "",
        "   ",
        "two\nlines",
        "evil\u{202E}",
        &"x".repeat(61),
        "BRONZE",
    ] {
        assert!(wb.add_term(VocabularyKind::Tier, bad).is_err(), "{bad:?}");
    }
    let default = VocabularyKind::Stage.defaults()[0].to_uppercase();
    assert!(wb.add_term(VocabularyKind::Stage, &default).is_err());
    let count: i64 = wb
        .connection()
        .query_row("SELECT count(*) FROM vocabulary_terms", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, 1);
}

#[test]
fn undo_removes_an_added_word_and_redo_brings_it_back() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir);
    wb.add_term(VocabularyKind::Sector, "aerospace").unwrap();
    wb.undo().unwrap();
    assert!(
        !wb.vocabulary(VocabularyKind::Sector)
            .unwrap()
            .contains(&"aerospace".to_string())
    );
    wb.redo().unwrap();
    assert!(
        wb.vocabulary(VocabularyKind::Sector)
            .unwrap()
            .contains(&"aerospace".to_string())
    );
}

#[test]
fn only_added_words_can_be_removed_and_partners_keep_theirs() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir);
    wb.add_term(VocabularyKind::Type, "sponsor").unwrap();
    let draft = PartnerDraft {
        name: "Acme".into(),
        partner_type: "sponsor".into(),
        stage: "prospect".into(),
        ..Default::default()
    };
    let id = wb.add_partner(&draft).unwrap();
    let default = VocabularyKind::Type.defaults()[0].clone();
    assert!(wb.remove_term(VocabularyKind::Type, &default).is_err());
    assert!(wb.remove_term(VocabularyKind::Type, "never added").is_err());
    wb.remove_term(VocabularyKind::Type, "sponsor").unwrap();
    assert!(
        !wb.vocabulary(VocabularyKind::Type)
            .unwrap()
            .contains(&"sponsor".to_string())
    );
    assert_eq!(wb.partner(id).unwrap().unwrap().partner_type, "sponsor");
    wb.undo().unwrap();
    assert!(
        wb.vocabulary(VocabularyKind::Type)
            .unwrap()
            .contains(&"sponsor".to_string())
    );
}

#[test]
fn partners_using_a_word_are_counted_in_its_own_field_whatever_the_case() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir);
    wb.add_term(VocabularyKind::Stage, "dormant").unwrap();
    wb.add_term(VocabularyKind::Region, "Nordics").unwrap();
    for (name, stage, region) in [
        ("Acme", "dormant", "Nordics"),
        ("Birch", "Dormant", ""),
        ("Cedar", "active", "nordics"),
        ("Dune", "dormant", "Baltics"),
    ] {
        let draft = PartnerDraft {
            name: name.into(),
            stage: stage.into(),
            region: region.into(),
            ..Default::default()
        };
        wb.add_partner(&draft).unwrap();
    }
    let using = |wb: &Workbook, kind, term| wb.partners_using_term(kind, term).unwrap();
    assert_eq!(using(&wb, VocabularyKind::Stage, "dormant"), 3);
    assert_eq!(using(&wb, VocabularyKind::Region, " Nordics "), 2);
    // Only the word's own field counts: "dormant" is no region, "Nordics" no sector.
    assert_eq!(using(&wb, VocabularyKind::Region, "dormant"), 0);
    assert_eq!(using(&wb, VocabularyKind::Sector, "Nordics"), 0);
    // Removing the word leaves the partners as they were.
    wb.remove_term(VocabularyKind::Stage, "dormant").unwrap();
    assert_eq!(using(&wb, VocabularyKind::Stage, "dormant"), 3);
}

#[test]
fn risk_categories_ship_the_design_list_and_take_new_words_counted_by_risk() {
    use partnerplan::plan::risk::{Bands, Impact, Likelihood, RiskDraft, category};
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir);
    let shipped = wb.vocabulary(VocabularyKind::RiskCategory).unwrap();
    assert_eq!(shipped, category::DEFAULTS.map(String::from).to_vec());
    let word = wb
        .add_term(VocabularyKind::RiskCategory, " Supply chain ")
        .unwrap();
    assert_eq!(word, "Supply chain");
    assert_eq!(
        wb.vocabulary(VocabularyKind::RiskCategory).unwrap().last(),
        Some(&word)
    );
    let draft = RiskDraft {
        title: "Single source for chips".into(),
        category: "supply chain".into(),
        inherent_likelihood: Likelihood::from_value(3),
        inherent_impact: Impact::from_value(4),
        ..RiskDraft::default()
    };
    wb.add_risk(&draft, &Bands::default(), false, None).unwrap();
    assert_eq!(
        wb.partners_using_term(VocabularyKind::RiskCategory, "Supply chain")
            .unwrap(),
        1,
        "counted among risks, whatever the case"
    );
    assert_eq!(
        wb.partners_using_term(VocabularyKind::Sector, "Supply chain")
            .unwrap(),
        0
    );
}
