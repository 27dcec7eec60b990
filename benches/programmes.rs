//! Programmes benchmark: on a generated workbook of 100,000 partners of every type, each scored
//! on every weighted criterion, the time to rework the roster's fit, gate and onboarding % after
//! one partner's score (one partner), a type's own weight (that type's partners), every type's
//! weight (the whole roster) and the undo of a type's weight, least of five; then in the app,
//! the key that saves every type's weight (the rework is left to the idle pass behind a
//! "working…" line) and that idle pass.
//!
//! Run: `cargo bench --bench programmes` (optionally `-- 20000` for another size).

mod common;

use std::time::{Duration, Instant};

use common::{app_on, bench_dir, frame, ms, screen, settle, timed_keys};
use partnerplan::plan::criteria::{CriterionDraft, TypeSetting};
use partnerplan::plan::selection::Assessment;
use partnerplan::workbook::{OpenOptions, Workbook, generate_workbook};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn least(mut run: impl FnMut(usize)) -> Duration {
    (0..5)
        .map(|n| {
            let started = Instant::now();
            run(n);
            started.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    let partners: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    let dir = bench_dir();
    let path = dir.path().join("bench.partnerplan");
    generate_workbook(&path, partners, 42).expect("generating the workbook");
    let mut wb = Workbook::open(&path, OpenOptions::default()).expect("opening");
    // Every partner scored 1–5 on every weighted criterion (written straight in: a fixture).
    wb.connection()
        .execute_batch(
            "INSERT INTO criterion_scores (uuid, partner_id, criterion_id, score, created_at, \
             updated_at) SELECT lower(hex(randomblob(16))), p.id, c.id, 1 + (p.id + c.id) % 5, \
             't', 't' FROM partners p, selection_criteria c WHERE c.is_gate = 0;",
        )
        .expect("scoring");
    let reseller: i64 = wb
        .connection()
        .query_row(
            "SELECT count(*) FROM partners WHERE partner_type = 'reseller'",
            [],
            |r| r.get(0),
        )
        .expect("counting");
    let criteria = wb.criteria().expect("criteria");
    let capabilities = criteria[0].criterion.id;
    let ids: Vec<i64> = wb
        .connection()
        .prepare("SELECT id FROM partners ORDER BY id LIMIT 5")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("ids");
    println!("{partners} partners, {reseller} of them resellers, each scored on 5 criteria");

    let one = least(|n| {
        let score = 1 + (n % 5) as u8;
        wb.set_score(ids[n], capabilities, Assessment::Score(score), "", None)
            .expect("scoring one");
    });
    println!("one partner's score, its fit reworked: {:.1} ms", ms(one));

    let of_type = least(|n| {
        let setting = TypeSetting {
            weight: Some(40.0 + n as f64),
            is_gate: None,
        };
        wb.set_criterion_for_type(capabilities, "reseller", setting)
            .expect("a type's weight");
    });
    println!(
        "a type's own weight, its {reseller} partners reworked: {:.1} ms",
        ms(of_type)
    );

    let undo = least(|_| {
        wb.undo().expect("undo");
    });
    println!("undo of a type's own weight: {:.1} ms", ms(undo));

    let every = least(|n| {
        let draft = CriterionDraft {
            name: criteria[0].criterion.name.clone(),
            description: criteria[0].description.clone(),
            weight: 25.0 + n as f64,
            rationale: criteria[0].rationale.clone(),
            is_gate: false,
        };
        wb.update_criterion(capabilities, &draft)
            .expect("every type's weight");
    });
    println!(
        "every type's weight, the whole roster reworked: {:.1} ms",
        ms(every)
    );

    // In the app: the Partners tab's criteria (`3`, `C`), the first criterion's form (`e`),
    // its weight (two fields down) typed anew and saved.
    let (mut app, mut terminal) = app_on(wb);
    let key = |code: KeyCode| KeyEvent::new(code, KeyModifiers::NONE);
    frame(&mut app, &mut terminal);
    settle(&mut app);
    let mut open = vec![key(KeyCode::Char('3')), key(KeyCode::Char('C'))];
    open.extend([
        key(KeyCode::Char('e')),
        key(KeyCode::Tab),
        key(KeyCode::Tab),
    ]);
    open.extend([key(KeyCode::Backspace); 6]);
    open.extend([key(KeyCode::Char('3')), key(KeyCode::Char('7'))]);
    timed_keys(&mut app, &mut terminal, &open);
    let save = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let keyed = timed_keys(&mut app, &mut terminal, &[save]);
    let working = screen(&terminal).contains("Working out every partner's fit");
    // The next idle pass writes the change (the tabs' readings come in later passes).
    let started = Instant::now();
    app.idle();
    frame(&mut app, &mut terminal);
    let idle = started.elapsed();
    settle(&mut app);
    println!(
        "in the app, the key saving every type's weight: {:.1} ms (\"working…\" shown: {working}); \
         the rework in the idle pass: {:.1} ms",
        ms(keyed[0]),
        ms(idle)
    );
    common::print_peak_memory();
}
