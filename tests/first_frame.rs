//! The first frame does not wait for the Guide's checks or the Overview's figures: it shows the
//! app with "Reading…" in their place, the idle pass reads them at once and asks for another
//! frame, and that frame shows them. Keys pressed before the reading act on the real steps.

use partnerplan::plan::roles::RoleDraft;
use partnerplan::plan::strategy::StrategyDraft;
use partnerplan::tui::app::App;
use partnerplan::tui::keymap::Keymap;
use partnerplan::tui::render_frame;
use partnerplan::tui::settings::Settings;
use partnerplan::tui::theme::Theme;
use partnerplan::workbook::{OpenOptions, Workbook};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use tempfile::TempDir;

/// A workbook part-way through the method (mission and vision written, a hub), remembering
/// `tab` when given; none means the Guide at the first step still to do.
fn app_on(dir: &TempDir, tab: Option<&str>) -> (App, Terminal<TestBackend>) {
    let path = dir.path().join("plan.partnerplan");
    Workbook::create(&path, Some("First frame")).unwrap();
    let mut wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    wb.save_strategy(&StrategyDraft {
        mission_problem: "Buyers cannot reach specialists.".into(),
        mission_value: "Every buyer finds the right specialist within a day.".into(),
        vision: "One place for the whole job.".into(),
        ..Default::default()
    })
    .unwrap();
    wb.add_role(
        None,
        &RoleDraft {
            name: "Acme (hub)".into(),
            ..Default::default()
        },
    )
    .unwrap();
    if let Some(tab) = tab {
        wb.set_view_state("app.tab", tab).unwrap();
    }
    let app = App::new(
        wb,
        Keymap::default(),
        Theme::dark(),
        Settings::default(),
        Vec::new(),
    )
    .unwrap();
    (app, Terminal::new(TestBackend::new(100, 30)).unwrap())
}

fn frame(app: &mut App, terminal: &mut Terminal<TestBackend>) -> String {
    let size = terminal.size().unwrap();
    app.prepare(Rect::new(0, 0, size.width, size.height));
    terminal.draw(|f| render_frame(app, f)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_guide_is_on_screen_before_its_checks_are_read() {
    let dir = TempDir::new().unwrap();
    let (mut app, mut terminal) = app_on(&dir, None);
    let first = frame(&mut app, &mut terminal);
    assert!(first.contains("Reading the plan…"), "{first}");
    assert!(first.contains(" 1 "), "the steps are listed:\n{first}");
    assert!(!first.contains("Readiness"), "{first}");
    assert!(
        !first.contains("Step 1 of"),
        "no step is shown before it is placed:\n{first}"
    );

    assert!(
        app.idle(),
        "the idle pass read the checks and asks for a frame"
    );
    let second = frame(&mut app, &mut terminal);
    assert!(second.contains("Readiness"), "{second}");
    // Mission, vision and the hub are written: the first step still to do is past them. Step 1
    // done and step 5 in progress: 3 of 22 halves (the shipped checklist starts nothing).
    assert!(second.contains("1 Guide 13%"), "{second}");
    assert!(
        !second.contains("Step 1 of"),
        "placed at the next to do:\n{second}"
    );
    assert!(
        !app.idle(),
        "nothing left to read, so no frame is asked for"
    );
}

#[test]
fn a_key_before_the_reading_acts_on_the_real_steps() {
    let dir = TempDir::new().unwrap();
    let (mut app, mut terminal) = app_on(&dir, None);
    let _ = frame(&mut app, &mut terminal);
    // `g` (top) comes before any idle pass: it reads the checks first, then goes to step 1.
    app.handle_event(Event::Key(KeyEvent::new(
        KeyCode::Char('g'),
        KeyModifiers::NONE,
    )));
    let shown = frame(&mut app, &mut terminal);
    assert!(shown.contains("Step 1 of 12"), "{shown}");
    assert!(shown.contains("Readiness"), "{shown}");
}

#[test]
fn the_overview_is_on_screen_before_its_figures_are_read() {
    let dir = TempDir::new().unwrap();
    let (mut app, mut terminal) = app_on(&dir, Some("Overview"));
    let first = frame(&mut app, &mut terminal);
    assert!(first.contains("Reading the figures…"), "{first}");
    assert!(app.idle());
    let second = frame(&mut app, &mut terminal);
    assert!(!second.contains("Reading the figures…"), "{second}");
    assert!(second.contains("Partners"), "{second}");
    assert!(!app.idle());
}

#[test]
fn other_tabs_draw_in_full_at_once() {
    let dir = TempDir::new().unwrap();
    let (mut app, mut terminal) = app_on(&dir, Some("Roles"));
    let first = frame(&mut app, &mut terminal);
    assert!(first.contains("Acme (hub)"), "{first}");
    assert!(!first.contains("Reading"), "{first}");
}
