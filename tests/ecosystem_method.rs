//! The method reads the ecosystem, on the demo plan in a temporary file: the Guide's
//! model-dependent checks (partners working together, idle alliances, goals served by offerings,
//! a channel by choice), the risks the structure suggests, the two ecosystem live KPIs, and the
//! report's ecosystem section (network map, offerings, brokers, isolated partners) with every
//! name escaped.

mod plan_fixture;
mod support;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use partnerplan::plan::ecosystem::{LinkDraft, MemberDraft, OfferingDraft};
use partnerplan::plan::framework::shipped;
use partnerplan::plan::guide::StepState;
use partnerplan::plan::kpi::Kpi;
use partnerplan::plan::live_kpi::LiveSource;
use partnerplan::plan::risk::{Bands, Impact, Likelihood, RiskDraft};
use partnerplan::plan::vocabulary::VocabularyKind;
use partnerplan::workbook::{GuideReport, LiveContext, OpenOptions, Workbook};
use support::Sandbox;

const GOALS: usize = 3;
const ARCHITECTURE: usize = 4;
const SELECTION: usize = 5;

/// `partnerplan demo` into a new file of the sandbox.
fn demo() -> (Sandbox, PathBuf) {
    let sb = Sandbox::new();
    let path = sb.file("demo.partnerplan");
    sb.run([OsStr::new("demo"), path.as_os_str()])
        .expect_code(0);
    (sb, path)
}

fn open(path: &Path) -> Workbook {
    Workbook::open(path, OpenOptions::default()).unwrap()
}

fn guide(wb: &Workbook) -> GuideReport {
    wb.guide(shipped().unwrap(), &Bands::default()).unwrap()
}

fn missing(report: &GuideReport, step: usize) -> Vec<String> {
    support::step_missing(report, step)
}

fn sql(wb: &Workbook, statement: &str) {
    wb.connection().execute_batch(statement).unwrap();
}

fn id(wb: &Workbook, query: &str) -> i64 {
    wb.connection().query_row(query, [], |r| r.get(0)).unwrap()
}

#[test]
fn the_demo_hybrid_has_partners_working_together_and_counts_goals_served() {
    let (_sb, path) = demo();
    let wb = open(&path);
    let report = guide(&wb);
    let architecture = &report.statuses[ARCHITECTURE];
    assert!(
        !missing(&report, ARCHITECTURE)
            .iter()
            .any(|m| m.contains("no two partners work together")),
        "{:?}",
        architecture.missing
    );
    assert_eq!(
        architecture.notes,
        [
            "Partners work with each other: 12 active links between partners and 6 joint \
          offerings with two or more partners."
        ]
    );
    // Four goals, of which the "six joint solutions" goal is served by all six offerings; the
    // alliance and the joint venture share joint goals with the hub (issue 23's joint plans).
    assert_eq!(
        report.statuses[GOALS].notes,
        [
            "1 of 4 goals is served by a joint offering.",
            "3 open joint goals with active strategic partners (alliances and joint ventures)."
        ]
    );
    // The joint venture and the alliance sit in offerings: not idle.
    assert!(
        !missing(&report, SELECTION)
            .iter()
            .any(|m| m.contains("strategic alliance")),
        "{:?}",
        missing(&report, SELECTION)
    );
}

#[test]
fn a_joint_venture_taken_out_of_its_offering_is_named_until_undone() {
    let (_sb, path) = demo();
    let mut wb = open(&path);
    let seat = id(
        &wb,
        "SELECT m.id FROM offering_members m JOIN partners p ON p.id = m.partner_id \
         WHERE p.name = 'Orrin Vel Analytics'",
    );
    wb.delete_member(seat).unwrap();
    let report = guide(&wb);
    let texts = missing(&report, SELECTION);
    assert!(
        texts.contains(
            &"1 active strategic alliance or joint venture holds no role and sits in no \
              offering: Orrin Vel Analytics; give each a role in Roles or a seat in a joint \
              offering in the Ecosystem view of Roles"
                .to_string()
        ),
        "{texts:?}"
    );
    assert_eq!(report.statuses[SELECTION].state, StepState::InProgress);
    let jv = id(
        &wb,
        "SELECT id FROM partners WHERE name = 'Orrin Vel Analytics'",
    );
    let named = report.statuses[SELECTION]
        .missing
        .iter()
        .find(|m| m.text.contains("Orrin Vel"))
        .unwrap();
    assert_eq!(
        named.target.record_id,
        Some(jv),
        "the jump lands on the partner"
    );
    wb.undo().unwrap();
    assert!(
        !missing(&guide(&wb), SELECTION)
            .iter()
            .any(|m| m.contains("Orrin Vel")),
        "back in its offering"
    );
}

#[test]
fn without_links_or_joint_offerings_a_hybrid_lacks_architecture_and_a_channel_does_not() {
    let (_sb, path) = demo();
    let wb = open(&path);
    // End every link and leave each offering one partner member at most.
    sql(
        &wb,
        "UPDATE partner_links SET status = 'ended';
         DELETE FROM offering_members WHERE partner_id IS NOT NULL AND id NOT IN
           (SELECT min(id) FROM offering_members WHERE partner_id IS NOT NULL
            GROUP BY offering_id);",
    );
    let report = guide(&wb);
    let texts = missing(&report, ARCHITECTURE);
    assert!(
        texts.contains(
            &"The chosen model is hybrid / transitioning, yet no two partners work together: \
              add an active link between two partners, or a joint offering with two partner \
              members, in the Ecosystem view of Roles"
                .to_string()
        ),
        "{texts:?}"
    );
    assert_ne!(report.statuses[ARCHITECTURE].state, StepState::Done);
    // A planned link does not count; an active one does.
    sql(
        &wb,
        "UPDATE partner_links SET status = 'planned' WHERE id = (SELECT min(id) FROM partner_links)",
    );
    assert!(
        missing(&guide(&wb), ARCHITECTURE)
            .iter()
            .any(|m| m.contains("no two partners work together"))
    );
    // A link to a former partner does not count either.
    sql(
        &wb,
        "UPDATE partner_links SET status = 'active' WHERE id = (SELECT min(id) FROM partner_links);
         UPDATE partners SET stage = 'exited'
          WHERE id = (SELECT from_partner_id FROM partner_links ORDER BY id LIMIT 1);",
    );
    assert!(
        missing(&guide(&wb), ARCHITECTURE)
            .iter()
            .any(|m| m.contains("no two partners work together"))
    );

    sql(&wb, "UPDATE strategy SET model = 'channel'");
    let channel = guide(&wb);
    assert!(
        !missing(&channel, ARCHITECTURE)
            .iter()
            .any(|m| m.contains("partners work together")),
        "a channel by choice is not a gap"
    );
    assert_eq!(channel.statuses[ARCHITECTURE].notes.len(), 1);
    assert!(channel.statuses[ARCHITECTURE].notes[0].contains("a channel by choice, not a gap"));
}

/// The day the demo is judged on (its check-in dates were written around it).
const TODAY: &str = "2026-11-24";

#[test]
fn the_demo_structure_suggests_risks_that_name_the_partners_and_accepting_one_files_it() {
    let (_sb, path) = demo();
    let mut wb = open(&path);
    let suggested = wb.risk_suggestions(TODAY, 30).unwrap();
    let find = |key_start: &str| {
        suggested
            .iter()
            .filter(|s| s.key.starts_with(key_start))
            .map(|s| (s.title.clone(), s.reason.clone()))
            .collect::<Vec<_>>()
    };
    let offering = |name: &str| {
        id(
            &wb,
            &format!("SELECT id FROM offerings WHERE name = '{name}'"),
        )
    };
    let suite = offering("Predictive Maintenance Suite");
    assert_eq!(
        find(&format!("single-source:offering:{suite}")),
        [(
            "Predictive Maintenance Suite rests on single partners".to_string(),
            "The joint offering \"Predictive Maintenance Suite\" has critical contributions \
             that one partner alone brings, with no other member able to stand in: Orrin Vel \
             Analytics (data) and Nimbus Forge Cloud (cloud)."
                .to_string()
        )]
    );
    // The Retrofit Sensor Kit's critical hardware has a second source in the hub's own.
    let kit = offering("Retrofit Sensor Kit");
    assert_eq!(
        find(&format!("single-source:offering:{kit}"))[0].0,
        "Retrofit Sensor Kit rests on Kiln Embedded Labs alone"
    );
    let five_g = offering("Private 5G Plant Network");
    assert_eq!(
        find(&format!("critical-onboarding:offering:{five_g}"))[0].0,
        "Private 5G Plant Network depends on Edgewise Relay, still onboarding"
    );
    let brokers: Vec<String> = find("broker:").into_iter().map(|(t, _)| t).collect();
    assert_eq!(
        brokers,
        [
            "Nimbus Forge Cloud holds the network together",
            "Orrin Vel Analytics holds the network together",
            "Tessellate Apps holds the network together",
            "Meridel Trade Partners holds the network together",
        ]
    );
    assert!(find("broker:").iter().any(|(_, reason)| reason.ends_with(
        "if it left, 2 partners would be cut off from the rest (Brightrail Integration and \
         Cinder & Vale Robotics)."
    )));
    assert!(
        find("rivals:").is_empty(),
        "the demo's rivals share no offering"
    );

    // Cinder & Vale joins the offering of its rival Brightrail: flagged.
    let cinder = id(
        &wb,
        "SELECT id FROM partners WHERE name = 'Cinder & Vale Robotics'",
    );
    let seat = MemberDraft {
        partner: Some(cinder),
        contribution: "Vision cameras".into(),
        kind: "hardware".into(),
        critical: false,
    };
    wb.add_member(suite, &seat).unwrap();
    let rivals: Vec<_> = wb
        .risk_suggestions(TODAY, 30)
        .unwrap()
        .into_iter()
        .filter(|s| s.key.starts_with("rivals:"))
        .collect();
    assert_eq!(rivals.len(), 1);
    assert_eq!(
        rivals[0].title,
        "Rivals Cinder & Vale Robotics and Brightrail Integration in Predictive Maintenance Suite"
    );

    // Accepting one files a risk linked to the partner, and the suggestion goes away.
    let broker = wb
        .risk_suggestions(TODAY, 30)
        .unwrap()
        .into_iter()
        .find(|s| s.key.starts_with("broker:"))
        .unwrap();
    // The user rates it in the form the draft fills.
    let rated = RiskDraft {
        inherent_likelihood: Some(Likelihood::from_value(3).unwrap()),
        inherent_impact: Some(Impact::from_value(4).unwrap()),
        ..broker.draft()
    };
    let (risk, _) = wb
        .add_risk(&rated, &Bands::default(), false, Some(&broker.key))
        .unwrap();
    let (title, partner, category): (String, i64, String) = wb
        .connection()
        .query_row(
            "SELECT title, partner_id, category FROM risks WHERE id = ?1",
            [risk],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(title, "Nimbus Forge Cloud holds the network together");
    assert_eq!(
        partner,
        id(
            &wb,
            "SELECT id FROM partners WHERE name = 'Nimbus Forge Cloud'"
        )
    );
    assert_eq!(category, "dependency/concentration");
    assert!(
        !wb.risk_suggestions(TODAY, 30)
            .unwrap()
            .iter()
            .any(|s| s.key == broker.key)
    );
}

#[test]
fn the_two_ecosystem_live_kpis_agree_with_the_network_figures_and_are_stored_rounded() {
    let (_sb, path) = demo();
    let mut wb = open(&path);
    let context = LiveContext {
        today: jiff::civil::date(2026, 11, 24),
        bands: Bands::default(),
    };
    let facts = wb.live_facts(&context).unwrap();
    assert_eq!(
        facts.launched_offerings, 3,
        "the demo's three launched solutions"
    );
    assert_eq!(LiveSource::JointOfferingsLaunched.value(&facts), Some(3.0));
    // The same figure the network summary reads (defined once, in plan::network).
    let share = wb.network_summary(5).unwrap().multilaterality.unwrap();
    let live = LiveSource::Multilaterality.value(&facts).unwrap();
    assert!((live - share * 100.0).abs() < 1e-9, "{live} vs {share}");
    assert!(live > 0.0 && live < 100.0);

    let mut ids = Vec::new();
    for source in [
        LiveSource::JointOfferingsLaunched,
        LiveSource::Multilaterality,
    ] {
        let kpi = Kpi {
            name: source.name().into(),
            unit: source.unit().into(),
            direction: source.direction(),
            live_source: Some(source),
            ..Kpi::default()
        };
        ids.push(wb.add_kpi(&kpi).unwrap());
    }
    // The demo's own live KPIs may take a point today too.
    assert!(wb.record_live_history(&context, &facts).unwrap() >= 2);
    let stored = |id: i64| -> f64 {
        wb.connection()
            .query_row(
                "SELECT value FROM kpi_measurements WHERE kpi_id = ?1",
                [id],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(stored(ids[0]), 3.0);
    assert_eq!(stored(ids[1]), (live * 10.0).round() / 10.0);
    assert_ne!(
        stored(ids[1]),
        live,
        "the demo's share has more than one decimal"
    );
    // The same plan read again adds no point.
    let again = wb.live_facts(&context).unwrap();
    assert_eq!(wb.record_live_history(&context, &again).unwrap(), 0);
}

/// The report of `wb` as `name` (.html or .md), dated like the demo.
fn report_of(sb: &Sandbox, wb: &Path, name: &str) -> String {
    sb.report(wb, name, TODAY)
}

/// The HTML between the ecosystem section's start and its end.
fn ecosystem_section(html: &str) -> &str {
    let start = html
        .find("<section id=\"ecosystem\">")
        .expect("an ecosystem section");
    let end = start + html[start..].find("</section>").unwrap();
    &html[start..end]
}

#[test]
fn the_demo_report_draws_the_network_map_and_lists_offerings_brokers_and_loners() {
    let (sb, path) = demo();
    let html = report_of(&sb, &path, "report.html");
    let section = ecosystem_section(&html);
    assert!(section.contains("<h2>The ecosystem: partners working together</h2>"));
    assert!(section.contains(
        "Multilaterality — becoming an ecosystem: 43 % of relationships are between partners, \
         the rest run through you."
    ));
    // The map: one SVG with a viewBox, every current partner a dot (26) plus a broker ring
    // each (8), the legend's three sample dots and one ring; the 12 active links a line each,
    // plus one sample line per kind drawn.
    let svg_start = section.find("<svg").unwrap();
    let svg = &section[svg_start..section.find("</svg>").unwrap()];
    assert!(svg.starts_with("<svg width=\"760\" height=\""), "{svg:.80}");
    assert!(svg.contains(" viewBox=\"0 0 760 "));
    assert_eq!(svg.matches("<circle").count(), 26 + 8 + 3 + 1);
    let kinds = 6; // integrates, co-sells, supplies, co-develops, shares data, competes
    assert_eq!(svg.matches("<line").count(), 12 + kinds);
    assert!(
        svg.contains(">Cinder &amp; Vale Robotics</text>"),
        "names escaped"
    );
    assert!(svg.contains(">Veltrane Sensor Systems (fictional demo company)</text>"));
    assert!(
        !svg.contains("<image") && !svg.contains("href"),
        "nothing fetched"
    );
    assert_eq!(
        plan_fixture::external_references(&html),
        Vec::<String>::new()
    );
    // Offerings with their members, brokers with whom they would cut off, and the loners.
    assert!(
        section.contains("<li>Nimbus Forge Cloud — cloud: Hosting and scoring (critical)</li>")
    );
    assert!(section.contains(
        "<li>Veltrane Sensor Systems (fictional demo company), the hub — hardware: Kit design \
         and brand</li>"
    ));
    assert!(section.contains(
        "<td>Meridel Trade Partners</td><td class=\"num\">2</td><td>Brightrail Integration \
         and Cinder &amp; Vale Robotics</td>"
    ));
    assert!(section.contains(
        "11 partners work with you alone, linked to no other partner: Alcova Distribution, \
         Auditrix Security,"
    ));

    let md = report_of(&sb, &path, "report.md");
    let start = md
        .find("## The ecosystem: partners working together")
        .unwrap();
    let md = &md[start..md.find("## Risks").unwrap()];
    assert!(md.contains("The network map is drawn in the HTML report."));
    assert!(
        md.contains(
            "| Retrofit Sensor Kit (For mid-size plants: Older machines have no sensors at all.) | \
         launched | Mara Lindqvist |"
        ),
        "{md}"
    );
    assert!(md.contains(
        "| Nimbus Forge Cloud | 4 | Granary Works Alliance, Orrin Vel Analytics, \
         Pylon Data Studio and Stratocume Hosting |"
    ));
    assert!(!md.contains("<svg"));
}

#[test]
fn hostile_names_in_links_and_offerings_are_escaped_in_the_map_and_the_tables() {
    let sb = Sandbox::new();
    let path = sb.file("hostile.partnerplan");
    Workbook::create(&path, Some("Hostile")).unwrap();
    let mut wb = open(&path);
    let names = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(2)>",
        "A | B",
    ];
    let ids: Vec<i64> = names
        .iter()
        .map(|n| wb.add_partner(&support::draft(n)).unwrap())
        .collect();
    for (from, to, kind) in [(0, 1, "competes with"), (1, 2, "co-sells with")] {
        let link = LinkDraft {
            from: ids[from],
            to: ids[to],
            kind: kind.into(),
            status: "active".into(),
            ..LinkDraft::default()
        };
        wb.add_link(&link).unwrap();
    }
    let offering = wb
        .add_offering(&OfferingDraft {
            name: "<b>Joint</b> | offer".into(),
            problem: "</svg><svg onload=alert(3)>".into(),
            ..OfferingDraft::default()
        })
        .unwrap();
    let seat = MemberDraft {
        partner: Some(ids[0]),
        contribution: "</li><script>x</script>".into(),
        kind: String::new(),
        critical: true,
    };
    wb.add_member(offering, &seat).unwrap();
    drop(wb);

    let html = report_of(&sb, &path, "report.html");
    let section = ecosystem_section(&html);
    for raw in ["<script>", "<img", "<b>", "<svg onload", "</svg><svg"] {
        assert!(!section.contains(raw), "{raw:?} reached the page unescaped");
    }
    assert!(section.contains(">&lt;script&gt;alert(1)&lt;/script&gt;</text>"));
    assert!(section.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"));
    assert!(section.contains("&lt;/svg&gt;&lt;svg onload=alert(3)&gt;"));
    assert_eq!(section.matches("<svg").count(), 1);
    assert_eq!(section.matches("</svg>").count(), 1);
    assert_eq!(
        plan_fixture::external_references(&html),
        Vec::<String>::new()
    );

    let md = report_of(&sb, &path, "report.md");
    let start = md.find("## The ecosystem").unwrap();
    let md = &md[start..md.find("## Risks").unwrap()];
    for line in md.lines().filter(|l| l.starts_with('|')) {
        let pipes = line
            .match_indices('|')
            .filter(|(i, _)| *i == 0 || &line[i - 1..*i] != "\\")
            .count();
        // Offerings have six columns (seven pipes), brokers three.
        assert!(
            pipes == 7 || pipes == 4,
            "a name broke its table row: {line}"
        );
    }
    for (at, _) in md.match_indices('<') {
        assert_eq!(
            &md[at - 1..at],
            "\\",
            "unescaped < near {:?}",
            &md[at - 10..]
        );
    }
}

#[test]
fn a_link_of_a_kind_outside_the_list_is_refused_until_the_word_is_added() {
    let (_sb, path) = demo();
    let mut wb = open(&path);
    let partner = |name: &str| {
        id(
            &wb,
            &format!("SELECT id FROM partners WHERE name = '{name}'"),
        )
    };
    let (a, b) = (partner("Kiln Embedded Labs"), partner("Tessellate Apps"));
    let links = |wb: &Workbook| id(wb, "SELECT count(*) FROM partner_links");
    let before = links(&wb);
    let draft = LinkDraft {
        from: a,
        to: b,
        kind: "white-labels for".into(),
        status: "active".into(),
        ..LinkDraft::default()
    };
    let refusal = wb.add_link(&draft).unwrap_err().to_string();
    assert!(
        refusal.starts_with(
            "\"white-labels for\" is not a kind of link of this plan's list (integrates with, \
             co-sells with,"
        ),
        "{refusal}"
    );
    assert!(
        refusal.contains("add the word to the list first"),
        "{refusal}"
    );
    assert_eq!(links(&wb), before, "nothing written");
    wb.add_term(VocabularyKind::LinkKind, "White-labels for")
        .unwrap();
    let added = wb.add_link(&draft).unwrap();
    assert_eq!(wb.link(added).unwrap().link.kind, "White-labels for");
    // A shipped word in another case is stored in the list's spelling.
    let shouted = LinkDraft {
        kind: "CO-DEVELOPS".into(),
        ..draft
    };
    let added = wb.add_link(&shouted).unwrap();
    assert_eq!(wb.link(added).unwrap().link.kind, "co-develops");
}

#[test]
fn check_flags_a_both_way_link_recorded_twice_and_a_kind_outside_the_list() {
    let (sb, path) = demo();
    let run = sb.run([OsStr::new("check"), path.as_os_str()]);
    run.expect_code(0);
    assert!(!run.stdout.contains("note:"), "{}", run.stdout);
    // What two copies that each added the link, and another tool, leave behind.
    let wb = open(&path);
    sql(
        &wb,
        "INSERT INTO partner_links (uuid, from_partner_id, to_partner_id, kind, direction, status,
           strength, note, created_at, updated_at)
         SELECT 'twin-1', to_partner_id, from_partner_id, kind, 'both', status, strength, '',
           created_at, updated_at FROM partner_links
         WHERE kind = 'integrates with' ORDER BY id LIMIT 1;
         UPDATE partner_links SET kind = 'licenses to'
          WHERE id = (SELECT max(id) FROM partner_links WHERE kind = 'co-sells with');",
    );
    drop(wb);
    let run = sb.run([OsStr::new("check"), path.as_os_str()]);
    run.expect_code(0).stdout_mentions(&[
        "note: Kiln Embedded Labs and Ferrule Devices have their \"integrates with\" link twice, \
         once from each side, though it runs both ways; delete one of the two (each undoable).",
        "is of the kind \"licenses to\", which is not in this plan's list of link kinds; add the \
         word to the list (W on the Partners tab) or give the link a kind of the list.",
        "\nok",
    ]);
}

#[test]
fn a_toml_copy_with_a_link_kind_outside_its_list_is_refused_until_the_list_holds_it() {
    let sb = Sandbox::new();
    let asset =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo.toml")).unwrap();
    let edited = asset.replacen(
        "kind = \"supplies\"\ndirection = \"one way\"",
        "kind = \"licenses to\"\ndirection = \"one way\"",
        1,
    );
    assert_ne!(edited, asset);
    let text = sb.file("copy.toml");
    std::fs::write(&text, &edited).unwrap();
    let refused = sb.file("refused.partnerplan");
    let run = sb.run([OsStr::new("import"), refused.as_os_str(), text.as_os_str()]);
    assert_ne!(run.code, Some(0), "{}", run.stdout);
    support::mentions(
        "the refusal",
        &run.stderr,
        &[
            "partner_links[1].kind",
            "\"licenses to\" is not a kind of link of this plan's list",
            "add the word to the list first",
        ],
    );
    assert!(!refused.exists(), "nothing written");

    // The copy's own list holds the word: it imports.
    let with_term = format!(
        "{edited}\n[[vocabulary_terms]]\nuuid = \"6f1c0d56-5a7e-4a55-9d37-2d1f6e0c9a11\"\n\
         kind = \"link kind\"\nterm = \"Licenses to\"\nposition = 1\n\
         created_at = \"2026-01-05T09:00:00.000Z\"\nupdated_at = \"2026-01-05T09:00:00.000Z\"\n"
    );
    std::fs::write(&text, with_term).unwrap();
    let accepted = sb.file("accepted.partnerplan");
    sb.run([OsStr::new("import"), accepted.as_os_str(), text.as_os_str()])
        .expect_code(0);
    let wb = open(&accepted);
    assert_eq!(
        id(
            &wb,
            "SELECT count(*) FROM partner_links WHERE kind = 'licenses to'"
        ),
        1
    );
}
