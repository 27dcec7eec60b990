//! A fresh workbook taken to 100 % readiness through the Guide's jumps alone: on each step still
//! to do, `Enter` lands in the missing field, the planner types, saves with `Ctrl-s`, and `Esc`
//! comes back to the Guide; `n` goes on to the next step. Command keys and typed characters are
//! counted (the README gives the figures).

mod screen_harness;

use partnerplan::plan::framework::shipped;
use partnerplan::plan::guide::StepState;
use partnerplan::plan::risk::Bands;
use partnerplan::tui::tabs::TabId;
use partnerplan::tui::theme::Theme;
use partnerplan::workbook::{OpenOptions, Workbook};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use screen_harness::{Screen, assert_shows, screen_with};
use tempfile::TempDir;

/// The screen and what the walk has pressed so far.
struct Walk {
    s: Screen,
    commands: usize,
    typed: usize,
}

impl Walk {
    /// A command key (Enter, Esc, Tab, a letter that is a command).
    fn key(&mut self, code: KeyCode) -> &mut Self {
        self.commands += 1;
        self.s.key(code);
        self.settle();
        self
    }

    fn keys(&mut self, commands: &str) -> &mut Self {
        for c in commands.chars() {
            self.key(KeyCode::Char(c));
        }
        self
    }

    fn save(&mut self) -> &mut Self {
        self.commands += 1;
        self.s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
        self.settle();
        self
    }

    /// Text typed into a field.
    fn typed(&mut self, text: &str) -> &mut Self {
        self.typed += text.chars().count();
        self.s.keys(text);
        self
    }

    /// As in the terminal: the idle pass reads the Guide's checks again after a change.
    fn settle(&mut self) {
        self.s.app.idle();
        self.s.draw();
    }
}

fn fresh() -> Walk {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("fresh.partnerplan");
    Workbook::create(&path, Some("Fresh plan")).unwrap();
    let wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    let mut walk = Walk {
        s: screen_with(wb, dir, 120, 40, Theme::dark(), Vec::new()),
        commands: 0,
        typed: 0,
    };
    walk.settle();
    walk
}

/// Fills the open form's fields in order: text typed, `Tab` between them; `None` skips one.
fn fill(w: &mut Walk, fields: &[Option<&str>]) {
    for (index, field) in fields.iter().enumerate() {
        if index > 0 {
            w.key(KeyCode::Tab);
        }
        if let Some(text) = field {
            w.typed(text);
        }
    }
    w.save();
}

#[test]
fn a_fresh_workbook_reaches_full_readiness_through_the_guide() {
    let mut w = fresh();
    // 1. Mission and vision: the form opens on the problem.
    w.key(KeyCode::Enter);
    fill(
        &mut w,
        &[
            Some("Workshops cannot buy automation."),
            Some("Cells sized for them."),
            Some("Every workshop automated."),
        ],
    );
    w.key(KeyCode::Esc);
    // 2. Core elements, each rated with why.
    w.keys("n").key(KeyCode::Enter);
    fill(
        &mut w,
        &[
            Some("4"),
            Some("One roadmap."),
            Some("3"),
            Some("Suppliers could switch."),
            Some("5"),
            Some("Everyone earns."),
        ],
    );
    w.key(KeyCode::Esc);
    // 3. The model: three answers, then the model and why. A channel: with a hybrid or an
    // ecosystem, step 5 would also ask for two partners working together (the Ecosystem view).
    w.keys("n").key(KeyCode::Enter);
    w.keys("yyn").keys("m");
    fill(&mut w, &[Some("c"), Some("Integrators sell now.")]);
    w.key(KeyCode::Esc);
    // 4. A goal (the form opens at once), then the value proposition.
    w.keys("n").key(KeyCode::Enter);
    fill(&mut w, &[Some("Forty workshops automated")]);
    w.key(KeyCode::Esc).key(KeyCode::Enter);
    fill(
        &mut w,
        &[Some("A robot cell, installed."), Some("Labour is short.")],
    );
    w.key(KeyCode::Esc);
    // 5. The hub and a role.
    w.keys("n").key(KeyCode::Enter);
    w.keys("a");
    fill(&mut w, &[Some("Cellworks")]);
    w.keys("a");
    fill(&mut w, &[Some("Installers")]);
    w.key(KeyCode::Esc);
    // 6. Partners: the first, active, with what it gains and its check-in cadence.
    // The roster is empty, so the form of a first partner opens.
    w.keys("n").key(KeyCode::Enter);
    #[rustfmt::skip]
    fill(&mut w, &[
        Some("Cellpro"), None, None, None, Some("a"), None, None, None, Some("30"), None, None,
        None, None, None, Some("Steady installs."),
    ]);
    // Back on the step, Enter now opens the partner's scores: a run of ratings.
    w.key(KeyCode::Esc).key(KeyCode::Enter);
    w.keys("44354p").key(KeyCode::Esc);
    // 7. Resources of both kinds.
    w.keys("n").key(KeyCode::Enter);
    fill(&mut w, &[Some("t"), Some("Partner portal")]);
    // The second jump opens a resource of the kind still missing, on its name.
    w.key(KeyCode::Esc).key(KeyCode::Enter);
    fill(&mut w, &[Some("Partner team")]);
    w.key(KeyCode::Esc);
    // 8. A decision rule, a conflict rule and a data-sharing protocol.
    w.keys("n").key(KeyCode::Enter);
    fill(&mut w, &[Some("The steering group decides.")]);
    w.key(KeyCode::Esc).key(KeyCode::Enter);
    fill(&mut w, &[Some("The hub mediates.")]);
    w.key(KeyCode::Esc).key(KeyCode::Enter);
    fill(&mut w, &[Some("Install counts")]);
    w.key(KeyCode::Esc);
    // 9. Onboarding: Cellpro's checklist, ticked through; then a first check-in (the jump
    // opens the log on the form that logs one, typing in its summary).
    w.keys("n").key(KeyCode::Enter);
    w.keys("     ").key(KeyCode::Esc);
    w.key(KeyCode::Enter);
    w.typed("Kick-off held.").save();
    // Esc closes the log the jump opened and comes straight back to the Guide.
    w.key(KeyCode::Esc);
    assert_eq!(w.s.app.tab(), TabId::Guide);
    // 10. A short-term and a long-term KPI, each with a target.
    w.keys("n").key(KeyCode::Enter);
    #[rustfmt::skip]
    fill(&mut w, &[Some("Installs a month"), None, None, None, None, None, Some("4")]);
    w.key(KeyCode::Esc).key(KeyCode::Enter);
    #[rustfmt::skip]
    fill(&mut w, &[Some("Workshops automated"), None, None, None, None, None, Some("40")]);
    w.key(KeyCode::Esc);
    // 11. A first risk.
    w.keys("n").key(KeyCode::Enter);
    #[rustfmt::skip]
    fill(&mut w, &[
        Some("An installer leaves"), None, None, None, None, None, None, Some("2"), Some("3"),
    ]);
    w.key(KeyCode::Esc);
    // 12. The radar's first example opens on its review date; with one it is the plan's own,
    // and its example action makes the step done (issue 23).
    w.keys("n").key(KeyCode::Enter);
    w.typed("2027-06-30").save();
    w.key(KeyCode::Esc);

    // Every step is done by the Guide's own checks (step 12, optional, too).
    assert_eq!(w.s.app.tab(), TabId::Guide);
    let framework = shipped().unwrap();
    let report =
        w.s.app
            .workbook()
            .guide(framework, &Bands::default())
            .unwrap();
    for (step, status) in framework.steps.iter().zip(&report.statuses) {
        assert_eq!(
            status.state,
            StepState::Done,
            "{}: {:?}",
            step.title,
            status.missing
        );
    }
    assert_shows(&w.s, "11 of 11 required done");
    println!(
        "A fresh workbook to every step done through the Guide: {} command keys, {} typed characters",
        w.commands, w.typed
    );
    // The walk the issue measured took 331 command keys.
    assert!(w.commands < 331, "{} command keys", w.commands);
}
