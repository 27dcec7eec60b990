//! Sector templates: the role catalogues in `assets/templates/` (compiled in), checked, and the
//! plan for applying one to a workbook that may already hold some of its roles.
//!
//! A template's roles have no hub: the workbook hangs the top-level ones under its hub. A nested
//! role names its parent, which must be listed earlier in the same file, so roles can be added in
//! file order and a parent always exists before its children (this also rules out loops).

use std::collections::HashSet;

use serde::Deserialize;

use super::roles::Criticality;
use super::text::{describe_char, description_problem, first_forbidden_char};

/// The shipped templates, in the order they are offered.
const SHIPPED: [(&str, &str); 4] = [
    (
        "technology",
        include_str!("../../assets/templates/technology.toml"),
    ),
    (
        "manufacturing",
        include_str!("../../assets/templates/manufacturing.toml"),
    ),
    (
        "financial-services",
        include_str!("../../assets/templates/financial-services.toml"),
    ),
    (
        "healthcare",
        include_str!("../../assets/templates/healthcare.toml"),
    ),
];

/// A checked template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// The name to choose it by, e.g. "financial-services".
    pub name: &'static str,
    /// For people, e.g. "Financial services".
    pub title: String,
    pub description: String,
    /// In file order: every parent comes before its children.
    pub roles: Vec<TemplateRole>,
}

/// One role a template brings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateRole {
    pub name: String,
    pub description: String,
    pub criticality: Criticality,
    pub min_partners: i64,
    /// The name of another role of the template, spelled as that role spells it; `None` for a
    /// role directly under the hub.
    pub parent: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplateFile {
    title: String,
    description: String,
    roles: Vec<RoleEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleEntry {
    name: String,
    description: String,
    criticality: String,
    min_partners: i64,
    #[serde(default)]
    parent: Option<String>,
}

/// The names a template can be chosen by.
pub fn names() -> [&'static str; 4] {
    SHIPPED.map(|(name, _)| name)
}

/// The template called `name` (case, spaces and underscores are forgiven: "Financial services"
/// finds "financial-services"), or a message that lists the valid names.
pub fn by_name(name: &str) -> Result<Template, String> {
    let wanted = name.trim().to_lowercase().replace([' ', '_'], "-");
    let Some(&(key, text)) = SHIPPED.iter().find(|(key, _)| *key == wanted) else {
        return Err(format!(
            "unknown template \"{}\"; choose {}",
            name.trim(),
            either(&names())
        ));
    };
    parse(key, text).map_err(|problems| {
        format!(
            "the built-in template \"{key}\" is damaged: {}",
            problems.join("; ")
        )
    })
}

/// "a", "a or b", "a, b or c".
fn either(words: &[&str]) -> String {
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        Some((last, _)) => (*last).to_string(),
        None => String::new(),
    }
}

/// Reads and checks a template's text; every problem found, in file order.
pub fn parse(name: &'static str, text: &str) -> Result<Template, Vec<String>> {
    let file: TemplateFile = toml::from_str(text).map_err(|e| vec![e.to_string()])?;
    let mut problems = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let mut roles = Vec::with_capacity(file.roles.len());
    if file.roles.is_empty() {
        problems.push("it lists no roles".to_string());
    }
    for entry in file.roles {
        let role_name = entry.name.trim().to_string();
        let mut fail = |problem: String| problems.push(format!("role \"{role_name}\": {problem}"));
        if role_name.is_empty() {
            fail("the name is empty".into());
        } else if let Some(c) = first_forbidden_char(&role_name, false) {
            fail(format!("the name holds {}", describe_char(c)));
        }
        if seen
            .iter()
            .any(|s| s.to_lowercase() == role_name.to_lowercase())
        {
            fail("the name is used twice (names differ by more than case)".into());
        }
        if let Some(problem) = description_problem(entry.description.trim()) {
            fail(problem);
        }
        let criticality = Criticality::from_word(&entry.criticality);
        if criticality.is_none() {
            fail(format!(
                "criticality \"{}\" is not one of low, medium or high",
                entry.criticality
            ));
        }
        if entry.min_partners < 0 {
            fail(format!(
                "min_partners is {}; it cannot be below 0",
                entry.min_partners
            ));
        }
        let parent = entry.parent.as_deref().map(str::trim).map(|parent| {
            seen.iter()
                .find(|s| s.to_lowercase() == parent.to_lowercase())
                .cloned()
                .ok_or_else(|| parent.to_string())
        });
        let parent = match parent {
            Some(Err(missing)) => {
                fail(format!(
                    "parent \"{missing}\" is not a role listed before it in the template"
                ));
                None
            }
            Some(Ok(found)) => Some(found),
            None => None,
        };
        seen.push(role_name.clone());
        roles.push(TemplateRole {
            name: role_name,
            description: entry.description.trim().to_string(),
            criticality: criticality.unwrap_or_default(),
            min_partners: entry.min_partners,
            parent,
        });
    }
    if problems.is_empty() {
        Ok(Template {
            name,
            title: file.title.trim().to_string(),
            description: file.description.trim().to_string(),
            roles,
        })
    } else {
        Err(problems)
    }
}

/// What applying a template to a workbook would do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplyPlan<'a> {
    /// Roles to create, in template order (parents first). A parent named here is either added
    /// earlier in this list or already in the workbook; the workbook finds it by name, ignoring
    /// case.
    pub to_add: Vec<&'a TemplateRole>,
    /// Roles the workbook already has by that name (ignoring case and surrounding space); they
    /// are left as they are.
    pub existing: Vec<&'a TemplateRole>,
}

/// Splits a template's roles into those to add and those the workbook already has, so that
/// applying a template twice adds nothing the second time.
pub fn plan_apply<'a, S: AsRef<str>>(
    template: &'a Template,
    existing_names: &[S],
) -> ApplyPlan<'a> {
    let taken: HashSet<String> = existing_names
        .iter()
        .map(|n| n.as_ref().trim().to_lowercase())
        .collect();
    let (existing, to_add) = template
        .roles
        .iter()
        .partition(|role| taken.contains(&role.name.to_lowercase()));
    ApplyPlan { to_add, existing }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_template_parses_and_passes_its_checks() {
        for (name, text) in SHIPPED {
            let template = parse(name, text).unwrap_or_else(|p| panic!("{name}: {p:?}"));
            assert_eq!(by_name(name).as_ref(), Ok(&template));
            let count = template.roles.len();
            assert!((6..=12).contains(&count), "{name} has {count} roles");
            assert!(
                template.roles.iter().any(|r| r.parent.is_some()),
                "{name} nests no role"
            );
            for level in Criticality::ALL {
                assert!(
                    template.roles.iter().any(|r| r.criticality == level),
                    "{name} has no {} role",
                    level.word()
                );
            }
            assert!(
                template
                    .roles
                    .iter()
                    .all(|r| !r.description.is_empty() && r.min_partners >= 1),
                "{name}: every role is described and needs someone"
            );
            assert!(!template.title.is_empty() && !template.description.is_empty());
        }
    }

    #[test]
    fn names_are_the_four_sectors() {
        assert_eq!(
            names(),
            [
                "technology",
                "manufacturing",
                "financial-services",
                "healthcare"
            ]
        );
        assert_eq!(
            by_name(" Financial services ").map(|t| t.name),
            Ok("financial-services")
        );
        assert_eq!(by_name("HEALTHCARE").map(|t| t.name), Ok("healthcare"));
    }

    #[test]
    fn an_unknown_name_lists_the_valid_ones() {
        assert_eq!(
            by_name("x"),
            Err(
                "unknown template \"x\"; choose technology, manufacturing, financial-services \
                 or healthcare"
                    .to_string()
            )
        );
        assert_eq!(either(&["a"]), "a");
        assert_eq!(either(&["a", "b"]), "a or b");
    }

    #[test]
    fn broken_templates_are_refused_with_every_problem() {
        let text = r#"
            title = "Broken"
            description = "For the test."
            [[roles]]
            name = "Cloud"
            description = "x"
            criticality = "urgent"
            min_partners = -1
            [[roles]]
            name = "cloud "
            description = "x"
            criticality = "low"
            min_partners = 1
            [[roles]]
            name = "Edge"
            description = "x"
            criticality = "HIGH"
            min_partners = 1
            parent = "Later"
            [[roles]]
            name = "Later"
            description = "x"
            criticality = "medium"
            min_partners = 1
            parent = "later"
        "#;
        let problems = parse("broken", text).unwrap_err();
        assert_eq!(
            problems,
            [
                "role \"Cloud\": criticality \"urgent\" is not one of low, medium or high",
                "role \"Cloud\": min_partners is -1; it cannot be below 0",
                "role \"cloud\": the name is used twice (names differ by more than case)",
                "role \"Edge\": parent \"Later\" is not a role listed before it in the template",
                "role \"Later\": parent \"later\" is not a role listed before it in the template",
            ]
        );
        let unknown_key = "title = \"t\"\ndescription = \"d\"\nroles = []\ncolour = \"red\"\n";
        assert!(parse("x", unknown_key).unwrap_err()[0].contains("colour"));
        let empty = "title = \"t\"\ndescription = \"d\"\nroles = []\n";
        assert_eq!(parse("x", empty).unwrap_err(), ["it lists no roles"]);
    }

    #[test]
    fn a_parent_is_spelled_as_its_role_spells_it() {
        let text = r#"
            title = "t"
            description = "d"
            [[roles]]
            name = "Logistics"
            description = "x"
            criticality = "high"
            min_partners = 1
            [[roles]]
            name = "Warehousing"
            description = "x"
            criticality = "low"
            min_partners = 1
            parent = " logistics "
        "#;
        let template = parse("t", text).unwrap();
        assert_eq!(template.roles[1].parent.as_deref(), Some("Logistics"));
        assert_eq!(template.roles[1].criticality, Criticality::Low);
    }

    #[test]
    fn applying_twice_adds_nothing_the_second_time() {
        let template = by_name("manufacturing").unwrap();
        let first = plan_apply(&template, &["Acme Industries"]);
        assert_eq!(first.to_add.len(), template.roles.len());
        assert!(first.existing.is_empty());
        let mut workbook = vec!["Acme Industries".to_string()];
        workbook.extend(first.to_add.iter().map(|r| r.name.clone()));
        let second = plan_apply(&template, &workbook);
        assert!(second.to_add.is_empty());
        assert_eq!(second.existing.len(), template.roles.len());
    }

    #[test]
    fn roles_the_workbook_has_in_another_case_are_not_added_again() {
        let template = by_name("technology").unwrap();
        let plan = plan_apply(&template, &[" CLOUD INFRASTRUCTURE ", "app developers"]);
        let existing: Vec<&str> = plan.existing.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(existing, ["Cloud infrastructure", "App developers"]);
        assert_eq!(plan.to_add.len(), template.roles.len() - 2);
        // The nested role whose parent exists stays to add, still naming that parent.
        assert!(
            plan.to_add
                .iter()
                .any(|r| r.parent.as_deref() == Some("Cloud infrastructure"))
        );
    }
}
