//! Screen tests: the whole app on a temporary workbook, drawn into ratatui's `TestBackend` and
//! snapshotted with insta; keys are fed as the terminal would send them, then the file is checked.

mod screen_harness;

use partnerplan::config::{Config, ConfigProblem};
use partnerplan::tui::keymap::Keymap;
use partnerplan::tui::prepare;
use partnerplan::tui::theme::Theme;
use partnerplan::workbook::{OpenOptions, Workbook};
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use screen_harness::{line_with, screen, screen_with, workbook_with_partners};
use tempfile::TempDir;

#[test]
fn partners_roster_at_80x24() {
    let s = screen(80, 24);
    insta::assert_snapshot!(s.terminal.backend());
}

#[test]
fn partners_roster_with_detail_pane_at_160x36() {
    let mut s = screen(160, 36);
    s.key(KeyCode::Char('j'))
        .key(KeyCode::Char('j'))
        .key(KeyCode::Char('j'));
    insta::assert_snapshot!(s.terminal.backend());
}

#[test]
fn empty_roster_says_how_to_start() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("new.partnerplan");
    Workbook::create(&path, None).unwrap();
    let wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    let mut s = screen_with(wb, dir, 80, 24, Theme::dark(), Vec::new());
    // A new workbook opens on the Guide; the roster is one key away.
    s.keys("3");
    insta::assert_snapshot!(s.terminal.backend());
}

#[test]
fn every_tab_is_built_and_the_tab_keys_cycle() {
    let mut s = screen(80, 24);
    for key in '1'..='7' {
        s.key(KeyCode::Char(key));
        assert!(!s.text().contains("tab is not built yet"), "{}", s.text());
    }
    s.key(KeyCode::Char('2'));
    assert!(s.text().contains("[Mission]"), "the Strategy tab is built");
    s.key(KeyCode::Char('5'));
    insta::assert_snapshot!(s.terminal.backend());
    s.key(KeyCode::Tab);
    assert!(s.text().contains("No KPIs yet"), "the Metrics tab is built");
    s.key(KeyCode::BackTab)
        .key(KeyCode::BackTab)
        .key(KeyCode::BackTab);
    assert!(s.text().contains("Northwind Logistics"), "back on Partners");
}

#[test]
fn help_overlay_lists_the_live_keymap() {
    let mut s = screen(80, 30);
    s.key(KeyCode::Char('?'));
    insta::assert_snapshot!(s.terminal.backend());
    s.key(KeyCode::Esc);
    assert!(!s.text().contains("Help — / searches"));
}

#[test]
fn palette_filters_and_runs_an_action() {
    let mut s = screen(80, 24);
    s.key(KeyCode::Char(':')).keys("roles");
    insta::assert_snapshot!(s.terminal.backend());
    s.key(KeyCode::Enter);
    assert!(s.text().contains("No roles yet."), "{}", s.text());
}

#[test]
fn add_form_validates_then_saves_and_undo_removes() {
    let mut s = screen(80, 24);
    s.key(KeyCode::Char('a'));
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    insta::assert_snapshot!("form_with_validation_message", s.terminal.backend());
    s.keys("  Orbital Payments ")
        .key(KeyCode::Tab)
        .key(KeyCode::Enter);
    insta::assert_snapshot!("form_choice_list_open", s.terminal.backend());
    // The list starts with "none"; two down is "reseller".
    s.key(KeyCode::Down).key(KeyCode::Down).key(KeyCode::Enter);
    // Sector, Website, Stage, Tier, Region, then Internal owner.
    for _ in 0..6 {
        s.key(KeyCode::Tab);
    }
    s.keys("Lee");
    // Cadence, contact name and e-mail, start, end, contribute, gain, then Notes.
    for _ in 0..8 {
        s.key(KeyCode::Tab);
    }
    s.keys("First call in May.")
        .key(KeyCode::Enter)
        .keys("Second line.");
    insta::assert_snapshot!("form_filled_in", s.terminal.backend());
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(s.text().contains("Saved Orbital Payments."), "{}", s.text());
    assert_eq!(
        s.count("SELECT count(*) FROM partners WHERE name = 'Orbital Payments' AND owner = 'Lee' \
                 AND partner_type = 'reseller' AND notes = 'First call in May.' || char(10) || 'Second line.'"),
        1
    );
    s.key(KeyCode::Char('u'));
    assert!(s.text().contains("Undid: add partner Orbital Payments"));
    assert_eq!(
        s.count("SELECT count(*) FROM partners WHERE name = 'Orbital Payments'"),
        0
    );
    s.key_with(KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert_eq!(
        s.count("SELECT count(*) FROM partners WHERE name = 'Orbital Payments'"),
        1
    );
}

#[test]
fn escape_with_changes_asks_before_discarding() {
    let mut s = screen(80, 24);
    s.key(KeyCode::Char('a')).keys("Half typed");
    s.key(KeyCode::Esc);
    insta::assert_snapshot!(s.terminal.backend());
    s.key(KeyCode::Char('n'));
    assert!(
        s.text().contains("Half typed"),
        "answering no keeps the form"
    );
    s.key(KeyCode::Esc).key(KeyCode::Char('y'));
    assert!(!s.text().contains("New partner"));
    assert_eq!(
        s.count("SELECT count(*) FROM partners WHERE name = 'Half typed'"),
        0
    );
}

#[test]
fn delete_asks_then_undo_restores() {
    let mut s = screen(80, 24);
    s.key(KeyCode::Char('d'));
    insta::assert_snapshot!(s.terminal.backend());
    s.key(KeyCode::Char('y'));
    assert_eq!(
        s.count("SELECT count(*) FROM partners WHERE name = 'Brightpath Analytics'"),
        0
    );
    assert!(
        s.text()
            .contains("Deleted Brightpath Analytics. u brings it back.")
    );
    s.key(KeyCode::Char('u'));
    assert_eq!(
        s.count("SELECT count(*) FROM partners WHERE name = 'Brightpath Analytics'"),
        1
    );
}

#[test]
fn edit_keeps_values_and_saves_changes() {
    let mut s = screen(80, 24);
    s.key(KeyCode::Char('e'));
    assert!(s.text().contains("Edit Brightpath Analytics"));
    s.key(KeyCode::Backspace)
        .keys("s Ltd")
        .key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(s.count("SELECT count(*) FROM partners WHERE name = 'Brightpath Analytics Ltd' AND owner = 'Sam Okafor'"), 1);
}

#[test]
fn filter_and_sort_narrow_and_order_the_roster() {
    let mut s = screen(80, 24);
    s.key(KeyCode::Char('/')).keys("dana");
    insta::assert_snapshot!(s.terminal.backend());
    s.key(KeyCode::Enter).key(KeyCode::Char('s'));
    assert!(s.text().contains("sorted by type"));
    s.keys("S");
    assert!(s.text().contains("descending"));
    s.key(KeyCode::Char('/')).key(KeyCode::Esc);
    assert!(s.text().contains("7 partners"));
}

#[test]
fn read_only_workbook_shows_a_banner_and_refuses_edits() {
    let dir = TempDir::new().unwrap();
    let wb = workbook_with_partners(&dir, true);
    let mut s = screen_with(wb, dir, 80, 24, Theme::dark(), Vec::new());
    s.key(KeyCode::Char('a'));
    insta::assert_snapshot!(s.terminal.backend());
    assert!(!s.text().contains("New partner"));
}

#[test]
fn startup_notices_list_config_problems() {
    let dir = TempDir::new().unwrap();
    let wb = workbook_with_partners(&dir, false);
    let problem = ConfigProblem {
        file: "config.toml".into(),
        line: 3,
        key: "theme".into(),
        message: "unknown theme \"drak\"; use \"dark\", \"light\" or \"mono\"".into(),
    };
    let (_, notices) = prepare(&Config::default(), vec![problem], &wb);
    let mut s = screen_with(wb, dir, 80, 24, Theme::dark(), notices);
    insta::assert_snapshot!(s.terminal.backend());
    s.key(KeyCode::Esc);
    assert!(!s.text().contains("Please note"));
}

#[test]
fn too_small_terminals_say_so_and_never_panic() {
    let mut s = screen(59, 20);
    assert!(
        s.text().contains("terminal too small (needs 60×15)"),
        "{}",
        s.text()
    );
    insta::assert_snapshot!(s.terminal.backend());
    for (w, h) in [
        (1, 1),
        (2, 1),
        (1, 3),
        (10, 2),
        (60, 15),
        (61, 16),
        (300, 5),
        (5, 200),
    ] {
        s.terminal.backend_mut().resize(w, h);
        s.draw();
        for key in ['a', '?', ':', 'x'] {
            s.key(KeyCode::Char(key))
                .key(KeyCode::Esc)
                .key(KeyCode::Esc);
        }
    }
}

#[test]
fn mono_theme_draws_no_colour() {
    let dir = TempDir::new().unwrap();
    let wb = workbook_with_partners(&dir, false);
    let mut s = screen_with(wb, dir, 80, 24, Theme::mono(), Vec::new());
    s.key(KeyCode::Char('?'));
    let buffer = s.terminal.backend().buffer();
    assert!(
        buffer
            .content
            .iter()
            .all(|c| c.fg == ratatui::style::Color::Reset && c.bg == ratatui::style::Color::Reset)
    );
    let mut bytes = Vec::new();
    CrosstermBackend::new(&mut bytes)
        .draw(
            buffer
                .content
                .iter()
                .enumerate()
                .map(|(i, c)| ((i % 80) as u16, (i / 80) as u16, c)),
        )
        .unwrap();
    let sgr = String::from_utf8_lossy(&bytes);
    for colour in [
        "[38;", "[48;", "[31m", "[32m", "[33m", "[36m", "[30m", "[41m", "[43m", "[46m",
    ] {
        assert!(!sgr.contains(colour), "colour code {colour} in mono output");
    }
}

/// Hostile text from a received file — ESC sequences, OSC 52 (clipboard), a C1 CSI, a bell,
/// a right-to-left override and zero-width characters — drawn through the real crossterm backend
/// into bytes: no control byte from the data may come out.
#[test]
fn hostile_text_never_reaches_the_terminal_as_control_bytes() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("hostile.partnerplan");
    // Opening refuses a file holding control characters (it reads every value as `check`
    // does), so the text is planted once the workbook is open, as another program's write
    // would land: the screens must still never pass it to the terminal.
    Workbook::create(&path, Some("Hostile title")).unwrap();
    let wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    wb.connection()
        .execute(
            "UPDATE workbook_meta SET title = ?1",
            ["Hostile \u{1b}]0;pwned\u{7} title"],
        )
        .unwrap();
    let payloads = [
        "Evil\u{1b}[2J\u{1b}[31mCorp",
        "Clip\u{1b}]52;c;cm0gLXJmIH4=\u{7}board",
        "C1\u{9b}6nquery",
        "Right\u{202E}gnp.exe",
        "Zero\u{200B}\u{200D}\u{FEFF}width",
    ];
    for (i, name) in payloads.iter().enumerate() {
        wb.connection()
            .execute(
                "INSERT INTO partners (uuid, name, owner, notes, created_at, updated_at) VALUES (?1, ?2, ?2, ?2, 'x', 'x')",
                rusqlite::params![format!("hostile-{i}"), name],
            )
            .unwrap();
    }
    let mut s = screen_with(wb, dir, 140, 30, Theme::dark(), Vec::new());
    s.keys("3");
    for _ in 0..payloads.len() {
        s.key(KeyCode::Char('j'));
    }
    let (w, _) = (140usize, 30usize);
    let buffer = s.terminal.backend().buffer().clone();
    let mut bytes = Vec::new();
    CrosstermBackend::new(&mut bytes)
        .draw(
            buffer
                .content
                .iter()
                .enumerate()
                .map(|(i, c)| ((i % w) as u16, (i / w) as u16, c)),
        )
        .unwrap();
    let out = String::from_utf8(bytes).unwrap();
    // The only escapes allowed are the backend's own CSI sequences (cursor moves, SGR).
    let mut chars = out.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            assert_eq!(
                chars.next(),
                Some('['),
                "an escape that is not a CSI left the app: {out:?}"
            );
            for p in chars.by_ref() {
                if ('@'..='~').contains(&p) {
                    break;
                }
                assert!(
                    p.is_ascii_digit() || p == ';' || p == '?',
                    "odd CSI parameter {p:?}"
                );
            }
        } else {
            assert!(
                !c.is_control(),
                "control character U+{:04X} reached the terminal",
                c as u32
            );
            assert!(
                !partnerplan::plan::text::is_invisible_format(c),
                "invisible U+{:04X} reached the terminal",
                c as u32
            );
        }
    }
    assert!(
        out.contains("Evil␛[2J␛[31mCorp"),
        "the escape is shown, harmlessly"
    );
    assert!(!out.contains("]52;c;cm0gLXJmIH4=\u{7}"));
}

#[test]
fn mouse_clicks_switch_tabs_and_select_rows_and_the_wheel_scrolls() {
    use ratatui::crossterm::event::{Event, MouseButton, MouseEvent, MouseEventKind};
    let mut s = screen(80, 24);
    let mouse = |kind, column, row| {
        Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    // " 1 Guide  2 Strategy  3 Partners  4 Roles": find the Roles label on the tab bar (row 1).
    let tab_bar = s.text().lines().nth(1).unwrap().to_string();
    let roles = tab_bar.trim_matches('"').find("4 Roles").unwrap() as u16;
    s.app
        .handle_event(mouse(MouseEventKind::Down(MouseButton::Left), roles + 1, 1));
    s.draw();
    assert!(s.text().contains("No roles yet."), "{}", s.text());
    let partners = tab_bar.trim_matches('"').find("3 Partners").unwrap() as u16;
    s.app.handle_event(mouse(
        MouseEventKind::Down(MouseButton::Left),
        partners + 1,
        1,
    ));
    s.draw();
    // Rows start below the title, tab bar, count line, table border and header: row 5 is the first.
    s.app
        .handle_event(mouse(MouseEventKind::Down(MouseButton::Left), 10, 8));
    s.draw();
    assert!(
        s.text()
            .lines()
            .nth(8)
            .unwrap()
            .contains("› Meridian Resellers"),
        "{}",
        s.text()
    );
    s.app.handle_event(mouse(MouseEventKind::ScrollDown, 10, 8));
    s.draw();
    assert!(
        s.text()
            .lines()
            .nth(9)
            .unwrap()
            .contains("› Northwind Logistics"),
        "{}",
        s.text()
    );
}

#[test]
fn bad_key_bindings_in_config_are_reported_at_start_with_file_and_line() {
    let dir = TempDir::new().unwrap();
    let wb = workbook_with_partners(&dir, false);
    let text = "[keys.list]\ndelete = \"a\"\nadd = \"hyper-x\"\n";
    let (config, problems) =
        partnerplan::config::parse(text, std::path::Path::new("my.toml")).unwrap();
    let (keymap, notices) = prepare(&config, problems, &wb);
    assert!(
        notices
            .iter()
            .any(|n| n.starts_with("my.toml:2: keys.list.delete: a is already bound to add")),
        "{notices:#?}"
    );
    assert!(
        notices
            .iter()
            .any(|n| n.starts_with("my.toml:3: keys.list.add: \"hyper-x\" is not a key")),
        "{notices:#?}"
    );
    assert_eq!(
        keymap,
        Keymap::default(),
        "bad bindings fall back to the defaults"
    );
}

#[test]
fn facet_form_and_due_soon_quick_filter_narrow_the_roster() {
    let mut s = screen(100, 30);
    s.key(KeyCode::Char('f'));
    assert!(s.text().contains("Filter by"), "{}", s.text());
    // Stage: open the list, skip "none" and three stages to "active", choose it, save.
    s.key(KeyCode::Enter);
    for _ in 0..4 {
        s.key(KeyCode::Down);
    }
    s.key(KeyCode::Enter)
        .key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let text = s.text();
    assert!(
        text.contains("3 of 7 partners") && text.contains("stage: active"),
        "{text}"
    );
    assert!(!text.contains("Brightpath"), "{text}");
    insta::assert_snapshot!(s.terminal.backend());
    s.key(KeyCode::Char('w'));
    assert!(s.text().contains("check-in due ≤ 7 days"), "{}", s.text());
    assert!(s.text().contains("No partner matches"), "{}", s.text());
    s.key(KeyCode::Char('w')).key(KeyCode::Char('f'));
    s.key(KeyCode::Enter).key(KeyCode::Home).key(KeyCode::Up);
    s.key(KeyCode::Enter)
        .key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(s.text().contains("7 partners ·"), "{}", s.text());
}

#[test]
fn partners_roster_at_200x60() {
    let mut s = screen(200, 60);
    s.key(KeyCode::Char('j'));
    insta::assert_snapshot!(s.terminal.backend());
}

/// A form's choice list narrows as you type, stops at its ends instead of wrapping, highlights
/// the whole row and names its own keys; a filter that matches nothing says how to go back.
#[test]
fn a_choice_list_filters_as_you_type_and_stops_at_its_ends() {
    let mut s = screen(80, 24);
    s.key(KeyCode::Char('a'));
    s.keys("Orbital Payments")
        .key(KeyCode::Tab)
        .key(KeyCode::Enter);
    let text = s.text();
    assert!(
        text.contains("Enter choose · Esc back"),
        "its own keys:\n{text}"
    );
    // Up from the first option stays on it (it used to wrap to the last).
    s.key(KeyCode::Up).key(KeyCode::Enter);
    let text = s.text();
    assert!(
        line_with(&text, "Type").contains("—  ▾"),
        "still none:\n{text}"
    );
    s.key(KeyCode::Enter).keys("resel");
    let text = s.text();
    assert!(text.contains("value-added reseller"), "{text}");
    assert!(!text.contains("joint venture"), "narrowed:\n{text}");
    // The highlight fills the row, past the word.
    let row = s
        .terminal
        .backend()
        .buffer()
        .content()
        .chunks(80)
        .find(|cells| {
            cells
                .iter()
                .map(|c| c.symbol())
                .collect::<String>()
                .contains("│reseller ")
        })
        .map(|cells| cells.to_vec())
        .unwrap_or_default();
    let highlighted = row
        .iter()
        .filter(|c| c.bg != ratatui::style::Color::Reset)
        .count();
    assert!(
        highlighted >= 20,
        "the whole row is highlighted ({highlighted} cells)"
    );
    s.key(KeyCode::Down).key(KeyCode::Down).key(KeyCode::Down);
    s.key(KeyCode::Enter);
    assert!(
        line_with(&s.text(), "Type").contains("value-added reseller"),
        "Down stops at the last match:\n{}",
        s.text()
    );
    s.key(KeyCode::Enter).keys("zzz");
    assert!(s.text().contains("Nothing matches"), "{}", s.text());
}

/// The harness's backend shows what a terminal would: a wide character covers the cell after
/// it, so letters drawn there before it do not come back when it is replaced by spaces (ratatui's
/// `TestBackend` alone kept "ü", "i" and "L" of the name drawn first).
#[test]
fn a_wide_character_replaced_by_spaces_leaves_no_letters_behind() {
    use ratatui::Terminal;
    use ratatui::widgets::Paragraph;
    let mut terminal = Terminal::new(screen_harness::TerminalLike::new(24, 1)).unwrap();
    for text in ["  Zürich Fintech Labs", "  東京 Robotics 🚀", ""] {
        terminal
            .draw(|frame| frame.render_widget(Paragraph::new(text), frame.area()))
            .unwrap();
    }
    assert_eq!(
        terminal.backend().to_string().trim_end(),
        format!("\"{}\"", " ".repeat(24))
    );
    // And a narrow letter over the second half of a wide one erases the whole of it.
    let mut terminal = Terminal::new(screen_harness::TerminalLike::new(4, 1)).unwrap();
    for text in ["東", " x"] {
        terminal
            .draw(|frame| frame.render_widget(Paragraph::new(text), frame.area()))
            .unwrap();
    }
    assert_eq!(terminal.backend().to_string().trim_end(), "\" x  \"");
}
