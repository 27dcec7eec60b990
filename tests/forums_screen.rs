//! Screen tests of the governance forums (issue 23): added on the Strategy tab with members
//! picked by typing, a cadence in words and a next date, listed in the order they meet next with
//! their upcoming meetings; bad cadences and dates said on their fields; edited, deleted and
//! undone; the agenda written next to the workbook; the Overview's line of next meetings and its
//! key to the forums, Esc coming back. Snapshots at 80×24 and 160×48, on a fixed today.

mod screen_harness;
mod strategy_seed;

use jiff::civil::date;
use partnerplan::plan::cadence::Cadence;
use partnerplan::plan::forum::ForumDraft;
use partnerplan::plan::strategy::{GovernanceDraft, GovernanceTopic, Recipient};
use partnerplan::tui::keymap::Context;
use partnerplan::tui::settings::Settings;
use partnerplan::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;
use screen_harness::{Screen, assert_shows, id_of, screen_with_settings, workbook_with_partners};
use strategy_seed::{redrawn, save, tab};
use tempfile::TempDir;

/// A workbook with the harness's partners, the technology roles, a rule naming the partner
/// council and (when `forums`) the council and a quarterly review already planned; opened on
/// `tab_name` with today fixed at Monday 7 December 2026.
fn forums_screen(forums: bool, tab_name: &str, size: (u16, u16)) -> Screen {
    let dir = TempDir::new().unwrap();
    let mut wb = workbook_with_partners(&dir, false);
    wb.apply_sector_template("technology").unwrap();
    wb.add_governance_rule(&GovernanceDraft {
        topic: GovernanceTopic::Decision,
        rule: "New strategic partners are approved by the partner council.".into(),
        forum: "Partner council".into(),
        cadence: "monthly".into(),
    })
    .unwrap();
    if forums {
        let helix = id_of(&wb, "partners", "Helix Cloud");
        let cloud = id_of(&wb, "roles", "Cloud infrastructure");
        wb.add_forum(&ForumDraft {
            name: "Partner council".into(),
            purpose: "Tiers, joint priorities and what goes to the board.".into(),
            cadence: Some(Cadence::months(1)),
            next_date: Some("2026-10-14".into()),
            members: vec![Recipient::Partner(helix), Recipient::Role(cloud)],
        })
        .unwrap();
        wb.add_forum(&ForumDraft {
            name: "Quarterly business review".into(),
            cadence: Some(Cadence::months(3)),
            next_date: Some("2027-01-11".into()),
            ..Default::default()
        })
        .unwrap();
        wb.add_forum(&ForumDraft {
            name: "Escalation board".into(),
            ..Default::default()
        })
        .unwrap();
    }
    wb.set_view_state("app.tab", tab_name).unwrap();
    let settings = Settings {
        today: Some(date(2026, 12, 7)),
        ..Settings::default()
    };
    screen_with_settings(wb, dir, size, Theme::dark(), settings, Vec::new())
}

#[test]
fn a_forum_is_added_with_members_picked_by_typing_and_links_the_rule_naming_it() {
    let mut s = forums_screen(false, "Strategy", (80, 24));
    // From the governance rules, F shows the forums.
    s.keys("N").keys("F");
    assert_eq!(s.app.context(), Context::StrategyForums);
    assert_shows(&s, "No forums yet: a adds one");
    insta::assert_snapshot!("forums_empty_80x24", s.terminal.backend());
    s.keys("a");
    save(&mut s);
    assert_shows(&s, "required");
    s.keys("Partner council");
    tab(&mut s, 2);
    s.keys("now and then");
    tab(&mut s, 1);
    s.keys("31/31/2026");
    save(&mut s);
    assert_shows(&s, "\"now and then\" is not a cadence");
    assert!(
        s.app.workbook().forums().unwrap().is_empty(),
        "nothing saved"
    );
    // The focus is on the first field with a problem, the cadence: its words replaced.
    for _ in 0.."now and then".len() {
        s.key(KeyCode::Backspace);
    }
    s.keys("every 2 weeks");
    tab(&mut s, 1);
    for _ in 0.."31/31/2026".len() {
        s.key(KeyCode::Backspace);
    }
    s.keys("2026-11-30");
    // Members by typing: a partner, then a role.
    tab(&mut s, 1);
    s.key(KeyCode::Enter);
    assert_eq!(s.app.context(), Context::Picker);
    s.keys("helix").key(KeyCode::Enter);
    tab(&mut s, 1);
    s.key(KeyCode::Enter);
    s.keys("cloud").key(KeyCode::Enter);
    insta::assert_snapshot!("forum_form_80x24", redrawn(&mut s).terminal.backend());
    save(&mut s);
    assert_shows(&s, "Added forum Partner council.");
    let forums = s.app.workbook().forums().unwrap();
    assert_eq!(forums.len(), 1);
    assert_eq!(forums[0].forum.cadence, Some(Cadence::weeks(2)));
    assert_eq!(forums[0].forum.next_date.as_deref(), Some("2026-11-30"));
    let helix = id_of(s.app.workbook(), "partners", "Helix Cloud");
    let cloud = id_of(s.app.workbook(), "roles", "Cloud infrastructure");
    assert_eq!(
        forums[0].forum.members,
        [Recipient::Partner(helix), Recipient::Role(cloud)]
    );
    assert_eq!(forums[0].rules, 1, "the rule naming it is linked");
    // The past next date rolled forward: every 2 weeks from 30 November is 14 December.
    assert_shows(&s, "2026-12-14 (in 7 days)");
    s.keys("u");
    assert!(s.app.workbook().forums().unwrap().is_empty());
    s.key_with(
        KeyCode::Char('r'),
        ratatui::crossterm::event::KeyModifiers::CONTROL,
    );
    assert_eq!(s.app.workbook().forums().unwrap().len(), 1);
}

#[test]
fn forums_are_listed_by_next_meeting_edited_deleted_and_write_their_agenda() {
    let mut s = forums_screen(true, "Strategy", (160, 48));
    // From the rules, ] is the next section: the forums.
    s.keys("N").keys("]");
    // Partner council (14 Dec) before the review (11 Jan); the board with no date last.
    let text = s.text();
    let council = text.find("Partner council").unwrap();
    let review = text.find("Quarterly business review").unwrap();
    let board = text.find("Escalation board").unwrap();
    assert!(council < review && review < board, "{text}");
    assert_shows(&s, "Next meetings: Partner council in 7 days");
    assert_shows(
        &s,
        "Upcoming: 2026-12-14, 2027-01-14, 2027-02-14, 2027-03-14",
    );
    insta::assert_snapshot!("forums_list_160x48", s.terminal.backend());

    // w asks in which format (Markdown first), Ctrl-s writes the selected forum's next agenda
    // next to the workbook and says where.
    s.keys("w");
    assert_shows(
        &s,
        "Write the agenda of Partner council for 2026-12-14 next to the workbook",
    );
    assert_shows(&s, "Markdown (.md)");
    save(&mut s);
    assert_shows(&s, "Wrote the agenda of Partner council for 2026-12-14");
    let folder = s.app.workbook().path().parent().unwrap().to_path_buf();
    let written = folder.join("agenda-partner-council-2026-12-14.md");
    let agenda = std::fs::read_to_string(&written).unwrap();
    assert!(agenda.contains("# Partner council — agenda for 2026-12-14"));
    assert!(agenda.contains("New strategic partners are approved"));
    // As HTML: the choice's first letter picks it.
    s.keys("w").keys("h");
    save(&mut s);
    let html =
        std::fs::read_to_string(folder.join("agenda-partner-council-2026-12-14.html")).unwrap();
    assert!(
        html.contains("<h1>Partner council — agenda for 2026-12-14</h1>"),
        "{html}"
    );
    assert!(html.contains("New strategic partners are approved"));
    // Again: a second file, the first one kept.
    s.keys("w");
    save(&mut s);
    assert!(
        folder
            .join("agenda-partner-council-2026-12-14 (2).md")
            .exists()
    );
    assert_eq!(std::fs::read_to_string(&written).unwrap(), agenda);
    // A forum with no date cannot have one, and says what to do.
    s.keys("G").keys("w");
    assert_shows(&s, "\"Escalation board\" has no next meeting");

    // Edit the review: a new cadence; delete the board, undo brings it back.
    s.keys("k").keys("e");
    tab(&mut s, 2);
    for _ in 0.."quarterly".len() {
        s.key(KeyCode::Backspace);
    }
    s.keys("every 6 weeks");
    save(&mut s);
    assert_shows(&s, "Saved forum Quarterly business review.");
    let review = s
        .app
        .workbook()
        .forum_named("Quarterly business review")
        .unwrap();
    assert_eq!(review.forum.cadence, Some(Cadence::weeks(6)));
    s.keys("G").keys("d");
    assert_shows(
        &s,
        "Delete the forum \"Escalation board\" and its 0 members?",
    );
    s.keys("y");
    assert_eq!(s.app.workbook().forums().unwrap().len(), 2);
    s.keys("u");
    assert_eq!(s.app.workbook().forums().unwrap().len(), 3);
}

#[test]
fn the_overview_names_the_next_meetings_and_f_opens_the_forums_esc_comes_back() {
    let mut s = forums_screen(true, "Overview", (80, 24));
    s.settle();
    assert_shows(
        &s,
        "Next meetings: Partner council in 7 days · Quarterly business review in 5 weeks",
    );
    insta::assert_snapshot!("overview_with_forums_80x24", s.terminal.backend());
    s.keys("F");
    assert_eq!(s.app.context(), Context::StrategyForums);
    assert_shows(&s, "Governance forums");
    s.key(KeyCode::Esc);
    assert_eq!(s.app.context(), Context::Overview);
}
