//! The roster's filter searched on a thread of its own (as on a large roster; these tests ask
//! for it on a small one): a key draws at once with the list shown and a "filtering…" mark, keys
//! act on that list meanwhile, the matches replace it in an idle pass, a filter typed fast ends
//! with exactly the plain substring result, and an edit made while a search runs is in it.
//! Nothing here is timed: the matches are only ever taken in an idle pass, so what a frame shows
//! does not depend on how fast the search thread is.

mod screen_harness;

use partnerplan::plan::PartnerDraft;
use partnerplan::plan::numbers::count_of_total;
use partnerplan::tui::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use screen_harness::{Screen, screen, screen_with, selected_line, workbook_with_partners};
use tempfile::TempDir;

/// Runs idle passes and waits for the search under way until the typed filter's matches are
/// on screen.
fn settle_filter(s: &mut Screen) {
    for _ in 0..20 {
        s.settle();
        if !s.app.filter_pending() {
            return;
        }
        s.app.wait_for_filter();
    }
    panic!("the filter's matches never came:\n{}", s.text());
}

/// The roster of the harness's seven partners, its filter searched in the background and its
/// index already read.
fn roster(width: u16, height: u16) -> Screen {
    let mut s = screen(width, height);
    s.app.search_filters_in_background(true);
    s.key(KeyCode::Char('3'));
    s.settle();
    s
}

#[test]
fn a_key_draws_at_once_with_the_list_shown_until_the_matches_come() {
    let mut s = roster(120, 30);
    s.key(KeyCode::Char('/'));
    s.keys("cob");
    let text = s.text();
    assert!(text.contains("filter: cob▏ filtering…"), "{text}");
    // The list shown is the one before the filter, and the keys act on it.
    assert!(text.contains("7 partners"), "{text}");
    assert!(text.contains("Northwind"), "{text}");
    assert!(selected_line(&text).contains("Brightpath"), "{text}");
    s.key(KeyCode::Down);
    assert!(selected_line(&s.text()).contains("Cobalt"), "{}", s.text());
    assert!(s.text().contains("filtering…"), "{}", s.text());

    settle_filter(&mut s);
    let text = s.text();
    assert!(!text.contains("filtering…"), "{text}");
    assert!(text.contains("filter: cob▏"), "{text}");
    assert!(text.contains("1 of 7 partners"), "{text}");
    assert!(selected_line(&text).contains("Cobalt"), "{text}");
    assert!(!text.contains("Northwind"), "{text}");
}

#[test]
fn enter_keeps_a_filter_still_searched_and_esc_drops_it() {
    let mut s = roster(120, 30);
    s.key(KeyCode::Char('/'));
    s.keys("hel");
    s.key(KeyCode::Enter);
    // Out of the filter, `j` moves in the list on screen, not in the filter's text.
    s.key(KeyCode::Char('j'));
    let text = s.text();
    assert!(text.contains("filter: hel filtering…"), "{text}");
    assert!(selected_line(&text).contains("Cobalt"), "{text}");
    settle_filter(&mut s);
    let text = s.text();
    assert!(text.contains("1 of 7 partners"), "{text}");
    assert!(selected_line(&text).contains("Helix"), "{text}");

    // A filter typed and dropped with Esc before its matches came leaves the whole roster.
    s.key(KeyCode::Char('/'));
    s.keys("x");
    assert!(s.text().contains("filtering…"), "{}", s.text());
    s.key(KeyCode::Esc);
    settle_filter(&mut s);
    let text = s.text();
    assert!(text.contains("7 partners"), "{text}");
    assert!(!text.contains("filter:"), "{text}");
}

#[test]
fn a_filter_typed_before_the_index_is_read_answers_once_it_is() {
    let mut s = screen(120, 30);
    s.app.search_filters_in_background(true);
    s.key(KeyCode::Char('3'));
    s.key(KeyCode::Char('/'));
    s.keys("zür");
    let text = s.text();
    assert!(text.contains("filtering…"), "{text}");
    assert!(text.contains("7 partners"), "{text}");
    settle_filter(&mut s);
    let text = s.text();
    assert!(text.contains("1 of 7 partners"), "{text}");
    assert!(selected_line(&text).contains("Zürich"), "{text}");
}

#[test]
fn an_edit_made_while_a_search_runs_is_in_its_matches() {
    let mut s = roster(120, 30);
    s.key(KeyCode::Char('/'));
    s.keys("cob");
    s.key(KeyCode::Enter);
    // While "cob" is searched, a partner it matches is added from the roster's form.
    s.key(KeyCode::Char('a'));
    s.keys("Cobra Labs");
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(
        s.count("SELECT count(*) FROM partners WHERE name = 'Cobra Labs'"),
        1
    );
    settle_filter(&mut s);
    let text = s.text();
    assert!(text.contains("2 of 8 partners"), "{text}");
    assert!(text.contains("Cobalt Systems"), "{text}");
    assert!(text.contains("Cobra Labs"), "{text}");
}

/// Words the generated partners are made of: prefixes of each other, so typed letters narrow
/// through many results, and a non-ASCII one.
const WORDS: &[&str] = &[
    "Cobalt", "cobra", "Coast", "Meridian", "merit", "Zürich", "labs", "4711", "47", "north",
];

/// A name and notes of generated words (a small linear congruential generator: the same
/// partners every run).
fn generated(n: u64) -> PartnerDraft {
    let mut state = n.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    let mut word = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        WORDS[usize::try_from(state >> 33).unwrap() % WORDS.len()]
    };
    PartnerDraft {
        name: format!("{} {} {n}", word(), word()),
        partner_type: "reseller".into(),
        stage: "active".into(),
        owner: word().into(),
        notes: format!("{} {}", word(), word()),
        ..Default::default()
    }
}

/// How many partners a plain lower-case substring test over name, owner, sector, region and
/// notes finds.
fn plain_count(s: &Screen, filter: &str) -> i64 {
    let filter = filter.trim().to_lowercase();
    let conn = s.app.workbook().connection();
    let mut stmt = conn
        .prepare(
            "SELECT coalesce(name, ''), coalesce(owner, ''), coalesce(sector, ''), \
             coalesce(region, ''), coalesce(notes, '') FROM partners",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |row| {
            Ok((0..5)
                .map(|i| row.get::<_, String>(i))
                .collect::<Result<Vec<_>, _>>())
        })
        .unwrap();
    let mut count = 0;
    for row in rows {
        let fields = row.unwrap().unwrap();
        if fields.iter().any(|f| f.to_lowercase().contains(&filter)) {
            count += 1;
        }
    }
    count
}

#[test]
fn a_filter_typed_fast_ends_with_exactly_the_plain_substring_result() {
    let dir = TempDir::new().unwrap();
    let mut wb = workbook_with_partners(&dir, false);
    for n in 0..300 {
        wb.add_partner(&generated(n)).unwrap();
    }
    let mut s = screen_with(wb, dir, 120, 30, Theme::dark(), Vec::new());
    s.app.search_filters_in_background(true);
    s.key(KeyCode::Char('3'));
    let total = s.count("SELECT count(*) FROM partners");
    // Typed letter by letter, erased, typed again; between keys sometimes no idle pass, one,
    // or a wait for the search, so results come in every order relative to the keys.
    let typings = ["cobalt 4", "meri", "zü", "47", "coa", "labs n"];
    let mut step = 0u32;
    for typed in typings {
        s.key(KeyCode::Char('/'));
        for c in typed.chars() {
            s.keys(&c.to_string());
            step += 1;
            match step % 4 {
                0 => {}
                1 => {
                    s.app.idle();
                    s.draw();
                }
                2 => s.app.wait_for_filter(),
                _ => {
                    s.app.wait_for_filter();
                    s.settle();
                }
            }
        }
        settle_filter(&mut s);
        let expected = count_of_total(plain_count(&s, typed), total, "partner", "partners");
        let text = s.text();
        assert!(text.contains(&format!("filter: {typed}▏")), "{text}");
        assert!(text.contains(&expected), "{typed}: {expected}\n{text}");
        // Erased again down to its first letter, without waiting in between.
        for _ in 1..typed.chars().count() {
            s.key(KeyCode::Backspace);
        }
        settle_filter(&mut s);
        let first: String = typed.chars().take(1).collect();
        let expected = count_of_total(plain_count(&s, &first), total, "partner", "partners");
        assert!(
            s.text().contains(&expected),
            "{first}: {expected}\n{}",
            s.text()
        );
        s.key(KeyCode::Esc);
    }
}
