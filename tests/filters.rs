//! One filter input over every list: the roster's, the risk register's and the role matrix's `/`
//! take the same keys (typing, Ctrl-w, Ctrl-u, a paste, Enter, Esc) and show the same header.

mod screen_harness;

use ratatui::crossterm::event::{Event, KeyCode, KeyModifiers};
use screen_harness::{Screen, line_with, screen};

/// The keys that open each list, then its filter.
const LISTS: [(&str, &[char]); 3] = [
    ("roster", &['3', '/']),
    ("risk register", &['5', '/']),
    ("role matrix", &['4', 'x', '/']),
];

/// The text after "filter:" on the screen's header line, or `None` when no filter is shown.
fn filter_shown(s: &Screen) -> Option<String> {
    let text = s.text();
    text.lines()
        .find_map(|line| line.split_once(" · filter: "))
        .map(|(_, rest)| {
            let rest = rest.split(" · ").next().unwrap_or_default();
            rest.trim_end_matches(['"', ' ', '│']).to_string()
        })
}

fn ctrl(s: &mut Screen, c: char) {
    s.key_with(KeyCode::Char(c), KeyModifiers::CONTROL);
}

#[test]
fn every_list_filter_takes_the_same_keys() {
    for (list, opening) in LISTS {
        let mut s = screen(120, 30);
        for c in opening {
            s.key(KeyCode::Char(*c));
        }
        assert_eq!(
            filter_shown(&s).as_deref(),
            Some("▏"),
            "{list}:\n{}",
            s.text()
        );
        s.keys("north wind");
        assert_eq!(
            filter_shown(&s).as_deref(),
            Some("north wind▏"),
            "{list}: typing"
        );
        ctrl(&mut s, 'w');
        assert_eq!(
            filter_shown(&s).as_deref(),
            Some("north ▏"),
            "{list}: Ctrl-w erases the last word"
        );
        ctrl(&mut s, 'u');
        assert_eq!(
            filter_shown(&s).as_deref(),
            Some("▏"),
            "{list}: Ctrl-u clears the filter"
        );
        s.app.handle_event(Event::Paste("Helix\r\nCloud".into()));
        s.draw();
        assert_eq!(
            filter_shown(&s).as_deref(),
            Some("Helix  Cloud▏"),
            "{list}: a paste goes into the filter as one line"
        );
        s.key(KeyCode::Backspace);
        assert_eq!(filter_shown(&s).as_deref(), Some("Helix  Clou▏"), "{list}");
        s.key(KeyCode::Enter);
        assert_eq!(
            filter_shown(&s).as_deref(),
            Some("Helix  Clou"),
            "{list}: Enter keeps the filter and stops typing"
        );
        s.key(KeyCode::Char('/'));
        s.key(KeyCode::Esc);
        assert_eq!(
            filter_shown(&s),
            None,
            "{list}: Esc clears the filter:\n{}",
            s.text()
        );
    }
}

#[test]
fn the_roster_and_the_matrix_filter_their_partners_alike() {
    for (list, opening) in [LISTS[0], LISTS[2]] {
        let mut s = screen(120, 30);
        for c in opening {
            s.key(KeyCode::Char(*c));
        }
        s.keys("helix");
        let text = s.text();
        assert!(text.contains("Helix Cloud"), "{list}:\n{text}");
        assert!(!text.contains("Northwind"), "{list}:\n{text}");
        assert!(
            line_with(&text, "filter:")
                .trim_start_matches('"')
                .starts_with("1 "),
            "{list}: one partner counted:\n{text}"
        );
        ctrl(&mut s, 'u');
        assert!(s.text().contains("Northwind"), "{list}:\n{}", s.text());
    }
}

/// The roster's and the register's facet forms are one form: a letter picks a choice, the save
/// key narrows the list and closes the form, Esc closes it leaving the facets as they were.
#[test]
fn both_facet_forms_take_the_same_keys() {
    // (keys to the list, a letter choosing the first choice, what the header then says)
    let lists: [(&str, &[char], char, &str); 2] = [
        ("roster", &['3'], 'a', "stage: active"),
        ("risk register", &['5'], 'o', "category operational"),
    ];
    for (list, opening, letter, narrowed) in lists {
        let mut s = screen(120, 30);
        for c in opening {
            s.key(KeyCode::Char(*c));
        }
        s.key(KeyCode::Char('f'));
        assert!(s.text().contains("Filter"), "{list}:\n{}", s.text());
        s.key(KeyCode::Char(letter));
        s.key(KeyCode::Esc);
        assert!(
            !s.text().contains(narrowed),
            "{list}: Esc leaves the facets as they were:\n{}",
            s.text()
        );
        s.key(KeyCode::Char('f'));
        s.key(KeyCode::Char(letter));
        ctrl(&mut s, 's');
        // The line under the tabs: the list's counts, sort, facets and filter.
        let header = s.text().lines().nth(2).unwrap_or_default().to_string();
        assert!(
            header.contains(narrowed),
            "{list}: the save key narrows the list:\n{}",
            s.text()
        );
        if list == "roster" {
            assert!(header.contains("3 of 7 partners"), "{header}");
        }
        // Opened again, the form shows the facet chosen; clearing it shows every row again.
        s.key(KeyCode::Char('f'));
        s.key(KeyCode::Backspace);
        ctrl(&mut s, 's');
        assert!(!s.text().contains(narrowed), "{list}:\n{}", s.text());
    }
}
