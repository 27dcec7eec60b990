//! A small but complete plan for the deliverable tests (report and XLSX): strategy, partners
//! with scores, roles with assignments and a gap, risks with mitigations, KPIs with measurements,
//! investments and a value log. `hostile` puts markup, pipes, newlines and bidi overrides into
//! the names, the way a received file might hold them.
#![allow(dead_code)]

use std::path::Path;

use partnerplan::plan::PartnerDraft;
use partnerplan::plan::decision_aid::Model;
use partnerplan::plan::risk::{
    Bands, Impact, Likelihood, MitigationKind, RiskDraft, RiskStatus, Treatment,
};
use partnerplan::plan::roles::{AssignmentKind, Criticality, RoleDraft};
use partnerplan::plan::selection::Assessment;
use partnerplan::plan::strategy::{GoalDraft, GoalHorizon, StrategyDraft};
use partnerplan::workbook::{OpenOptions, Workbook};

pub const TITLE: &str = "Northwind partner plan 2027";
pub const CLIENT: &str = "Northwind Traders";

/// Names a hostile workbook carries (each ends up in the report somewhere).
pub const HOSTILE_TITLE: &str = "<script>alert(1)</script> Plan";
pub const HOSTILE_CLIENT: &str = "\"><img src=x onerror=alert(2)>";
pub const HOSTILE_PARTNER: &str = "| col | `tick` <b>bold</b>\n# heading";
pub const HOSTILE_ROLE: &str = "Role <evil> & 'quoted'";
pub const HOSTILE_RISK: &str = "Risk <iframe src=\"//evil.example\"></iframe>";

fn partner(name: &str, kind: &str, stage: &str) -> PartnerDraft {
    PartnerDraft {
        name: name.into(),
        partner_type: kind.into(),
        stage: stage.into(),
        owner: "Kim".into(),
        ..Default::default()
    }
}

fn role(name: &str, criticality: Criticality) -> RoleDraft {
    RoleDraft {
        name: name.into(),
        description: String::new(),
        criticality,
        min_partners: 1,
        status_override: None,
        status_reason: String::new(),
    }
}

/// Ids the tests look up again.
pub struct Fixture {
    pub partners: Vec<i64>,
    pub roles: Vec<i64>,
}

/// Builds the plan at `path`.
pub fn build(path: &Path, hostile: bool) -> Fixture {
    Workbook::create(path, Some(TITLE)).unwrap();
    let mut wb = Workbook::open(path, OpenOptions::default()).unwrap();
    wb.save_strategy(&StrategyDraft {
        mission_problem: "Retailers cannot reach rural customers.".into(),
        mission_value: "Same-week delivery anywhere.".into(),
        vision: "Every village one click from our shelves.".into(),
        alignment_rating: Some(4),
        alignment_note: "Shared quarterly targets.".into(),
        adaptability_rating: Some(2),
        value_what: "A delivery network partners share.".into(),
        value_why: "Nobody can afford it alone.".into(),
        model: Some(Model::Hybrid),
        model_rationale: "Resellers today, a platform tomorrow.".into(),
        ..Default::default()
    })
    .unwrap();
    wb.add_goal(&GoalDraft {
        title: "Reach 40 rural counties".into(),
        horizon: GoalHorizon::Long,
        target_date: Some("2028-12-31".into()),
        ..Default::default()
    })
    .unwrap();
    let specs = [
        ("Acme Logistics", "logistics", "active"),
        ("Birch Software", "technology", "active"),
        ("Cobalt Retail", "reseller", "evaluating"),
        ("Delta Freight", "logistics", "prospect"),
    ];
    let mut partners = Vec::new();
    for (name, kind, stage) in specs {
        partners.push(wb.add_partner(&partner(name, kind, stage)).unwrap());
    }
    let criteria: Vec<i64> = wb
        .criteria()
        .unwrap()
        .into_iter()
        .filter(|c| !c.criterion.is_gate)
        .map(|c| c.criterion.id)
        .collect();
    for (p, scores) in partners
        .iter()
        .zip([[5, 4, 5], [4, 4, 3], [2, 3, 2], [1, 1, 1]])
    {
        for (c, s) in criteria.iter().zip(scores) {
            wb.set_score(*p, *c, Assessment::Score(s), "", Some("2027-01-15"))
                .unwrap();
        }
    }
    let hub = wb
        .add_role(None, &role("Northwind", Criticality::High))
        .unwrap();
    let delivery = wb
        .add_role(Some(hub), &role("Last-mile delivery", Criticality::High))
        .unwrap();
    let platform = wb
        .add_role(Some(hub), &role("Ordering platform", Criticality::Medium))
        .unwrap();
    let sales = wb
        .add_role(Some(hub), &role("Regional sales", Criticality::Low))
        .unwrap();
    wb.set_assignment(partners[0], delivery, Some(AssignmentKind::Lead))
        .unwrap();
    wb.set_assignment(partners[1], platform, Some(AssignmentKind::Lead))
        .unwrap();
    wb.set_assignment(partners[3], platform, Some(AssignmentKind::Backup))
        .unwrap();
    wb.set_assignment(partners[2], sales, Some(AssignmentKind::Candidate))
        .unwrap();
    let bands = Bands::default();
    let risk =
        |title: &str, inherent: (usize, usize), residual: Option<(usize, usize)>| RiskDraft {
            title: title.into(),
            category: "dependency/concentration".into(),
            partner_id: Some(partners[0]),
            inherent_likelihood: Some(Likelihood::ALL[inherent.0 - 1]),
            inherent_impact: Some(Impact::ALL[inherent.1 - 1]),
            residual_likelihood: residual.map(|r| Likelihood::ALL[r.0 - 1]),
            residual_impact: residual.map(|r| Impact::ALL[r.1 - 1]),
            treatment: Some(Treatment::Reduce),
            owner: "Sam".into(),
            status: RiskStatus::Mitigating,
            mitigations: vec![
                (
                    MitigationKind::DualSourcing,
                    "Second carrier on call".into(),
                ),
                (MitigationKind::Sla, String::new()),
            ],
            ..Default::default()
        };
    wb.add_risk(
        &risk("Single carrier for the north", (4, 5), Some((2, 4))),
        &bands,
        false,
        None,
    )
    .unwrap();
    wb.add_risk(&risk("Platform outage", (3, 3), None), &bands, false, None)
        .unwrap();
    drop(wb);

    let conn = rusqlite::Connection::open(path).unwrap();
    let now = "2027-01-01T00:00:00.000Z";
    conn.execute_batch(&format!(
        "UPDATE workbook_meta SET organisation = '{CLIENT}', author = 'Jo Consultant';
         INSERT INTO kpis (uuid, name, category, horizon, unit, direction, baseline, target,
             target_date, created_at, updated_at)
         VALUES ('k1', 'Partner revenue', 'financial', 'short', 'kEUR', 'higher', 100, 200,
             '2027-12-31', '{now}', '{now}'),
                ('k2', 'Time to onboard', 'efficiency', 'long', 'days', 'lower', 60, 20,
             '2028-06-30', '{now}', '{now}');
         INSERT INTO kpi_measurements (uuid, kpi_id, measured_on, value, note, created_at, updated_at)
         VALUES ('m1', 1, '2027-02-01', 120, '', '{now}', '{now}'),
                ('m2', 1, '2027-03-01', 150, 'good quarter', '{now}', '{now}'),
                ('m3', 2, '2027-03-01', 55, '', '{now}', '{now}');
         INSERT INTO investments (uuid, spent_on, item, amount_minor, created_at, updated_at)
         VALUES ('i1', '2027-01-10', 'Partner portal', 1000000, '{now}', '{now}');
         INSERT INTO value_log (uuid, logged_on, kind, description, amount_minor, created_at, updated_at)
         VALUES ('v1', '2027-02-20', 'revenue', 'First joint deals', 1250000, '{now}', '{now}'),
                ('v2', '2027-03-05', 'innovation', 'Joint prototype', NULL, '{now}', '{now}');"
    ))
    .unwrap();
    if hostile {
        conn.execute(
            "UPDATE workbook_meta SET title = ?1, organisation = ?2",
            [HOSTILE_TITLE, HOSTILE_CLIENT],
        )
        .unwrap();
        conn.execute(
            "UPDATE partners SET name = ?1 WHERE id = ?2",
            rusqlite::params![HOSTILE_PARTNER, partners[0]],
        )
        .unwrap();
        conn.execute(
            "UPDATE roles SET name = ?1 WHERE id = ?2",
            rusqlite::params![HOSTILE_ROLE, delivery],
        )
        .unwrap();
        conn.execute(
            "UPDATE risks SET title = ?1 WHERE number = 1",
            [HOSTILE_RISK],
        )
        .unwrap();
        conn.execute(
            "UPDATE kpis SET name = '=HYPERLINK(\"x\")', unit = '<u>' WHERE id = 1",
            [],
        )
        .unwrap();
    }
    Fixture {
        partners,
        roles: vec![hub, delivery, platform, sales],
    }
}

/// Every place in `html` that could make a browser fetch something. Only markup can: the tags
/// (text is escaped, so a real `<` always opens one) and the style sheets. In a tag: a fetching
/// element (`script`, `link`, `img`, `iframe`…) or any `src`, `href`, `srcset`, `action`,
/// `poster` or `data` attribute that does not point inside the page (`#id`), and any `http:`,
/// `https:` or `//` address; in a style sheet: `url(` and `@import`.
pub fn external_references(html: &str) -> Vec<String> {
    let lower = html.to_lowercase();
    let mut found = Vec::new();
    let mut rest = 0;
    while let Some(open) = lower[rest..].find('<') {
        let start = rest + open;
        let Some(close) = lower[start..].find('>') else {
            break;
        };
        let tag = &lower[start..start + close + 1];
        rest = start + close + 1;
        let name: String = tag[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let fetching = [
            "script", "link", "img", "iframe", "object", "embed", "base", "audio", "video",
            "source", "image", "use", "frame", "track", "meta",
        ];
        if fetching.contains(&name.as_str()) && !is_plain_meta(tag) {
            found.push(tag.to_string());
        }
        for attribute in [
            " src=", " href=", " srcset=", " action=", " poster=", " data=", ":href=",
        ] {
            if let Some(at) = tag.find(attribute) {
                let value = tag[at + attribute.len()..].trim_start_matches(['"', '\'']);
                if !value.starts_with('#') {
                    found.push(tag.to_string());
                }
            }
        }
        if tag.contains("http:") || tag.contains("https:") || tag.contains("=\"//") {
            found.push(tag.to_string());
        }
        if name == "style" {
            let end = lower[rest..]
                .find("</style")
                .map_or(lower.len(), |e| rest + e);
            let sheet = &lower[rest..end];
            for needle in ["url(", "@import", "http:", "https:"] {
                if sheet.contains(needle) {
                    found.push(format!("style sheet: {needle}"));
                }
            }
            rest = end;
        }
    }
    found
}

/// `<meta charset>`, `<meta name=… content=…>`: they fetch nothing (a refresh would).
fn is_plain_meta(tag: &str) -> bool {
    tag.starts_with("<meta") && !tag.contains("http-equiv")
}
