//! The screen-test harness: the whole app on a temporary workbook with realistic partners, drawn
//! into ratatui's `TestBackend` as a real terminal shows it (`terminal_like`); keys are fed as
//! the terminal would send them.
#![allow(dead_code)]

use partnerplan::plan::PartnerDraft;
use partnerplan::tui::app::App;
use partnerplan::tui::keymap::Keymap;
use partnerplan::tui::render_frame;
use partnerplan::tui::settings::Settings;
use partnerplan::tui::theme::Theme;
use partnerplan::workbook::{OpenOptions, Workbook};
use ratatui::Terminal;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;
use tempfile::TempDir;
pub use terminal_like::TerminalLike;

mod terminal_like;

pub struct Screen {
    pub _dir: TempDir,
    pub app: App,
    pub terminal: Terminal<TerminalLike>,
}

pub const PARTNERS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "Northwind Logistics",
        "supplier",
        "active",
        "Dana Whitfield",
        "Runs our EU warehousing.\nContract renewal due in spring.",
    ),
    (
        "Brightpath Analytics",
        "technology",
        "evaluating",
        "Sam Okafor",
        "Data platform for partner reporting.",
    ),
    (
        "Cobalt Systems Integration",
        "integrator",
        "onboarding",
        "Dana Whitfield",
        "",
    ),
    (
        "Helix Cloud",
        "technology",
        "active",
        "Priya Raman",
        "Hosts the partner portal.",
    ),
    (
        "Meridian Resellers",
        "value-added reseller",
        "prospect",
        "Sam Okafor",
        "",
    ),
    (
        "Zürich Fintech Labs",
        "strategic alliance",
        "paused",
        "Priya Raman",
        "Paused until the regulator's review.",
    ),
    (
        "東京 Robotics 🚀",
        "joint venture",
        "active",
        "Kenji Sato",
        "Wide characters and emoji must keep the columns aligned.",
    ),
];

/// Northwind with every field filled in, as a planner would after the first meetings.
pub fn northwind() -> PartnerDraft {
    PartnerDraft {
        name: "Northwind Logistics".into(),
        partner_type: "supplier".into(),
        sector: "logistics".into(),
        website: "https://www.northwind.example/".into(),
        stage: "active".into(),
        tier: "strategic".into(),
        region: "Europe".into(),
        owner: "Dana Whitfield".into(),
        checkin_cadence_days: "14".into(),
        contact_name: "Jo Berger".into(),
        contact_email: "jo.berger@northwind.example".into(),
        agreement_start: "2026-03-01".into(),
        agreement_end: "2027-02-28".into(),
        contributes: "EU warehousing and returns handling.".into(),
        gains: "A steady share of our European volume.\nFirst call on new regions.".into(),
        notes: "Runs our EU warehousing.\nContract renewal due in spring.".into(),
    }
}

/// A partner as the roster's rows list it: (name, type, stage, owner, notes).
pub fn partner_draft(
    &(name, partner_type, stage, owner, notes): &(&str, &str, &str, &str, &str),
) -> PartnerDraft {
    PartnerDraft {
        name: name.into(),
        partner_type: partner_type.into(),
        stage: stage.into(),
        owner: owner.into(),
        notes: notes.into(),
        ..Default::default()
    }
}

pub fn workbook_with_partners(dir: &TempDir, read_only: bool) -> Workbook {
    let path = dir.path().join("acme.partnerplan");
    Workbook::create(&path, Some("Acme partner ecosystem 2027")).unwrap();
    let mut wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    for row in PARTNERS {
        let id = wb.add_partner(&partner_draft(row)).unwrap();
        if row.0 == "Northwind Logistics" {
            wb.update_partner(id, &northwind()).unwrap();
        }
    }
    // An established workbook: its user left off on the roster.
    wb.set_view_state("app.tab", "Partners").unwrap();
    if read_only {
        wb = reopened_read_only(wb);
    }
    wb
}

/// The workbook `wb` closed and opened again read-only.
pub fn reopened_read_only(wb: Workbook) -> Workbook {
    let path = wb.path().to_path_buf();
    drop(wb);
    Workbook::open(
        &path,
        OpenOptions {
            read_only: true,
            ..Default::default()
        },
    )
    .unwrap()
}

pub fn screen_with(
    wb: Workbook,
    dir: TempDir,
    width: u16,
    height: u16,
    theme: Theme,
    notices: Vec<String>,
) -> Screen {
    screen_with_settings(
        wb,
        dir,
        (width, height),
        theme,
        Settings::default(),
        notices,
    )
}

pub fn screen_with_settings(
    wb: Workbook,
    dir: TempDir,
    (width, height): (u16, u16),
    theme: Theme,
    settings: Settings,
    notices: Vec<String>,
) -> Screen {
    let app = App::new(wb, Keymap::default(), theme, settings, notices).unwrap();
    let terminal = Terminal::new(TerminalLike::new(width, height)).unwrap();
    let mut screen = Screen {
        _dir: dir,
        app,
        terminal,
    };
    // The first frame of the Guide or the Overview comes before their reading (the app's idle
    // pass follows at once); the second is the one these tests look at.
    screen.draw();
    screen.draw();
    screen
}

pub fn screen(width: u16, height: u16) -> Screen {
    let dir = TempDir::new().unwrap();
    let wb = workbook_with_partners(&dir, false);
    screen_with(wb, dir, width, height, Theme::dark(), Vec::new())
}

/// The demo plan, made as `partnerplan demo` makes it, on the Guide with its steps read.
pub fn demo_on_guide(width: u16, height: u16) -> Screen {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("demo.partnerplan");
    let text = include_str!("../../assets/demo.toml");
    partnerplan::exchange::toml::import(&path, text, &[]).unwrap();
    let wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    let mut s = screen_with(wb, dir, width, height, Theme::dark(), Vec::new());
    s.key(KeyCode::Char('1'));
    s.app.idle();
    s.draw();
    s
}

/// Clicks the tab bar's label `title` (the mouse switches tabs whatever a tab has open).
pub fn click_tab(s: &mut Screen, title: &str) {
    let text = s.text();
    let bar = text.lines().nth(1).unwrap_or_default();
    let at = bar
        .find(title)
        .unwrap_or_else(|| panic!("no tab {title} in the tab bar:\n{text}"));
    // Each line of the backend's text starts with a quote mark.
    let column = bar[..at].chars().count() - 1;
    s.app.handle_event(Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: u16::try_from(column).unwrap(),
        row: 1,
        modifiers: KeyModifiers::NONE,
    }));
    s.draw();
}

/// Selects step `number` of the Guide (from the top) and presses Enter ("fix it"), which jumps
/// to where that step is filled in.
pub fn enter_step(s: &mut Screen, number: usize) {
    s.key(KeyCode::Char('g'));
    for _ in 1..number {
        s.key(KeyCode::Char('j'));
    }
    s.key(KeyCode::Enter);
}

impl Screen {
    pub fn draw(&mut self) {
        let size = self.terminal.size().unwrap();
        self.app.prepare(Rect::new(0, 0, size.width, size.height));
        let app = &self.app;
        self.terminal
            .draw(|frame| render_frame(app, frame))
            .unwrap();
    }

    pub fn key(&mut self, code: KeyCode) -> &mut Self {
        self.key_with(code, KeyModifiers::NONE)
    }

    pub fn key_with(&mut self, code: KeyCode, modifiers: KeyModifiers) -> &mut Self {
        self.app.handle_key(KeyEvent::new(code, modifiers)).unwrap();
        self.draw();
        self
    }

    /// Runs the app's idle passes, each followed by a frame, until none asks for another and
    /// no reading runs on another thread: what the terminal loop does while no key waits.
    pub fn settle(&mut self) -> &mut Self {
        loop {
            while self.app.idle() {
                self.draw();
            }
            if !self.app.reading_in_background() {
                return self;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
    }

    pub fn keys(&mut self, text: &str) -> &mut Self {
        for c in text.chars() {
            let modifiers = if c.is_ascii_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            self.key_with(KeyCode::Char(c), modifiers);
        }
        self
    }

    pub fn text(&self) -> String {
        self.terminal.backend().to_string()
    }

    pub fn count(&self, sql: &str) -> i64 {
        self.app
            .workbook()
            .connection()
            .query_row(sql, [], |r| r.get(0))
            .unwrap()
    }
}

/// The id of the row called `name` in `table`.
pub fn id_of(wb: &Workbook, table: &str, name: &str) -> i64 {
    wb.connection()
        .query_row(
            &format!("SELECT id FROM {table} WHERE name = ?1"),
            [name],
            |r| r.get(0),
        )
        .unwrap_or_else(|_| panic!("no row in {table} called {name:?}"))
}

/// Presses `key` until `done` holds for the screen's text; fails after `limit` presses.
pub fn press_until(s: &mut Screen, key: KeyCode, limit: usize, done: impl Fn(&str) -> bool) {
    for _ in 0..limit {
        if done(&s.text()) {
            return;
        }
        s.key(key);
    }
    assert!(done(&s.text()), "never got there:\n{}", s.text());
}

/// Fails, showing the screen's `text`, unless it holds `needle`.
#[track_caller]
pub fn shows(text: &str, needle: &str) {
    assert!(
        text.contains(needle),
        "no {needle:?} on the screen:\n{text}"
    );
}

/// Fails, showing the screen, unless it shows `needle`.
#[track_caller]
pub fn assert_shows(s: &Screen, needle: &str) {
    shows(&s.text(), needle);
}

/// The line of the screen's body (below the title line, whose breadcrumb also has "›") that
/// holds the selection marker "›".
pub fn selected_line(text: &str) -> &str {
    text.lines()
        .skip(1)
        .find(|l| l.contains('›'))
        .unwrap_or_else(|| panic!("no selected line:\n{text}"))
}

/// The line of the screen holding `needle`.
pub fn line_with<'a>(text: &'a str, needle: &str) -> &'a str {
    text.lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?}:\n{text}"))
}

/// Draws the screen at tiny sizes (and one tall and thin), pressing a few moving keys at each;
/// nothing may panic and something is always drawn. Leaves the screen at 80×24.
pub fn draws_at_tiny_sizes(s: &mut Screen, name: &str) {
    let too_small = "terminal too small (needs 60×15)";
    for (width, height) in [(1, 1), (20, 5), (59, 14), (60, 15), (61, 16), (1, 40)] {
        s.terminal.backend_mut().resize(width, height);
        s.draw();
        let text = s.text();
        // What the cells hold, without the quote marks the backend puts around each line.
        let shown = text
            .lines()
            .map(|line| line.trim_start_matches('"').trim_end_matches('"').trim())
            .filter(|line| !line.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if width < 60 || height < 15 {
            assert!(
                !shown.is_empty() && too_small.contains(&shown),
                "{name} at {width}×{height} should say only that the terminal is too small:\n{text}"
            );
        } else {
            assert!(
                shown.contains("1 Guide"),
                "{name} at {width}×{height}: no tab bar:\n{text}"
            );
        }
        for code in [KeyCode::Char('j'), KeyCode::Char('l'), KeyCode::Down] {
            s.key(code);
        }
    }
    s.terminal.backend_mut().resize(80, 24);
    s.draw();
}

/// Draws until the export's result popup shows (the worker thread writes meanwhile).
pub fn wait_for_export(s: &mut Screen) -> String {
    let started = std::time::Instant::now();
    loop {
        s.draw();
        let text = s.text();
        if text.contains("Exported") || text.contains("Nothing exported") {
            return text;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "no result:\n{text}"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}
