//! The planning method's text (`assets/framework.toml`, compiled in): the twelve steps of the
//! Guide and the decision aid's questions, read into types and checked.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::Deserialize;

use super::words::worded;

const SHIPPED: &str = include_str!("../../assets/framework.toml");

/// How many steps the method has.
pub const STEP_COUNT: usize = 12;

worded! {
    /// The rule that decides whether a step is done (see `guide`), named in the framework file.
    pub enum CheckId {
        MissionWritten => "mission-written",
        CoreElementsRated => "core-elements-rated",
        ModelChosen => "model-chosen",
        GoalsAndValueSet => "goals-and-value-set",
        HubAndRoles => "hub-and-roles",
        CriticalRolesScored => "critical-roles-scored",
        ResourcesOfBothKinds => "resources-of-both-kinds",
        GovernanceAndProtocols => "governance-and-protocols",
        OnboardingComplete => "onboarding-complete",
        KpisWithTargets => "kpis-with-targets",
        HighRisksTreated => "high-risks-treated",
        FutureReadinessNoted => "future-readiness-noted",
    }
}

worded! {
    /// A place in the app the user can be sent to: a tab, or a section of one.
    pub enum Screen {
        Guide => "guide",
        Mission => "strategy:mission",
        CoreElements => "strategy:core-elements",
        ModelAid => "strategy:model",
        Goals => "strategy:goals",
        ValueProposition => "strategy:value-proposition",
        Resources => "strategy:resources",
        Governance => "strategy:governance",
        Protocols => "strategy:protocols",
        Forums => "strategy:forums",
        Future => "strategy:future",
        Partners => "partners",
        Scoring => "partners:scoring",
        Onboarding => "partners:onboarding",
        CheckIns => "partners:check-ins",
        JointPlan => "partners:joint-plan",
        Roles => "roles",
        Ecosystem => "roles:ecosystem",
        Risks => "risks",
        Metrics => "metrics",
    }
}

worded! {
    /// The two models a "yes" can point to.
    pub enum Lean {
        Channel => "channel",
        Ecosystem => "ecosystem",
    }
}

impl Screen {
    /// Where the screen is, for people: "Strategy › Goals".
    pub fn place(self) -> &'static str {
        match self {
            Screen::Guide => "Guide",
            Screen::Mission => "Strategy › Mission",
            Screen::CoreElements => "Strategy › Core elements",
            Screen::ModelAid => "Strategy › Model decision aid",
            Screen::Goals => "Strategy › Goals",
            Screen::ValueProposition => "Strategy › Value proposition",
            Screen::Resources => "Strategy › Resources",
            Screen::Governance => "Strategy › Governance rules",
            Screen::Protocols => "Strategy › Data-sharing protocols",
            Screen::Forums => "Strategy › Governance forums",
            Screen::Future => "Strategy › Future (trend radar)",
            Screen::Partners => "Partners",
            Screen::Scoring => "Partners › Scores",
            Screen::Onboarding => "Partners › Onboarding checklist",
            Screen::CheckIns => "Partners › Check-ins",
            Screen::JointPlan => "Partners › Joint plan",
            Screen::Roles => "Roles",
            Screen::Ecosystem => "Roles › Ecosystem",
            Screen::Risks => "Risks",
            Screen::Metrics => "Metrics",
        }
    }
}

impl Lean {
    /// The other model.
    pub fn opposite(self) -> Lean {
        match self {
            Lean::Channel => Lean::Ecosystem,
            Lean::Ecosystem => Lean::Channel,
        }
    }
}

/// The method, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Framework {
    /// In the method's order; exactly [`STEP_COUNT`].
    pub steps: Vec<Step>,
    pub questions: Vec<Question>,
}

/// One step of the method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// Stable: the workbook stores the step's note and manual state under it.
    pub key: String,
    pub title: String,
    pub explanation: String,
    pub prompts: Vec<String>,
    pub check: CheckId,
    /// Where the step is filled in.
    pub fixed_on: Screen,
    /// The plan counts as complete without it.
    pub optional: bool,
}

/// One question of the model decision aid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// Stable: the workbook stores the answers under it.
    pub key: String,
    pub text: String,
    /// Where a "yes" points.
    pub lean: Lean,
    /// 1 to 3.
    pub weight: u8,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrameworkFile {
    steps: Vec<StepEntry>,
    questions: Vec<QuestionEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StepEntry {
    key: String,
    title: String,
    explanation: String,
    prompts: Vec<String>,
    check: String,
    fixed_on: String,
    #[serde(default)]
    optional: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionEntry {
    key: String,
    text: String,
    #[serde(default)]
    lean: String,
    weight: u8,
}

/// The shipped method, read once. An error only if the compiled-in file is damaged, which the
/// tests rule out.
pub fn shipped() -> Result<&'static Framework, String> {
    static CELL: OnceLock<Result<Framework, String>> = OnceLock::new();
    CELL.get_or_init(|| {
        parse(SHIPPED).map_err(|problems| {
            format!(
                "the built-in planning method is damaged: {}",
                problems.join("; ")
            )
        })
    })
    .as_ref()
    .map_err(Clone::clone)
}

/// Reads and checks a framework file's text; every problem found, in file order.
pub fn parse(text: &str) -> Result<Framework, Vec<String>> {
    let file: FrameworkFile = toml::from_str(text).map_err(|e| vec![e.to_string()])?;
    let mut problems = Vec::new();
    if file.steps.len() != STEP_COUNT {
        problems.push(format!(
            "it lists {} steps; the method has {STEP_COUNT}",
            file.steps.len()
        ));
    }
    let mut keys = HashSet::new();
    let mut checks = HashSet::new();
    let mut steps = Vec::with_capacity(file.steps.len());
    for entry in file.steps {
        let key = entry.key.trim().to_string();
        let mut fail = |problem: String| problems.push(format!("step \"{key}\": {problem}"));
        if let Some(problem) = key_problem(&key, &mut keys) {
            fail(problem.into());
        }
        if entry.title.trim().is_empty() || entry.explanation.trim().is_empty() {
            fail("the title and the explanation must both be written".into());
        }
        let prompts: Vec<String> = entry
            .prompts
            .iter()
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect();
        if !(2..=3).contains(&prompts.len()) {
            fail(format!(
                "it has {} prompts; give two or three",
                prompts.len()
            ));
        }
        let check = CheckId::from_word(&entry.check);
        match check {
            None => fail(format!("check \"{}\" is not a known check", entry.check)),
            Some(id) if !checks.insert(id) => fail(format!(
                "check \"{}\" is already used by another step",
                entry.check
            )),
            Some(_) => {}
        }
        let fixed_on = Screen::from_word(&entry.fixed_on);
        if fixed_on.is_none() {
            fail(format!(
                "fixed_on \"{}\" is not a known screen",
                entry.fixed_on
            ));
        }
        if let (Some(check), Some(fixed_on)) = (check, fixed_on) {
            steps.push(Step {
                key,
                title: entry.title.trim().to_string(),
                explanation: entry.explanation.trim().to_string(),
                prompts,
                check,
                fixed_on,
                optional: entry.optional,
            });
        }
    }
    let mut question_keys = HashSet::new();
    let mut questions = Vec::with_capacity(file.questions.len());
    if file.questions.len() < 4 {
        problems.push(format!(
            "the decision aid has {} questions; it needs at least 4",
            file.questions.len()
        ));
    }
    for entry in file.questions {
        let key = entry.key.trim().to_string();
        let mut fail = |problem: String| problems.push(format!("question \"{key}\": {problem}"));
        if let Some(problem) = key_problem(&key, &mut question_keys) {
            fail(problem.into());
        }
        if entry.text.trim().is_empty() {
            fail("the question is not written".into());
        }
        let lean = Lean::from_word(&entry.lean);
        if lean.is_none() {
            fail(format!(
                "lean \"{}\" is neither channel nor ecosystem",
                entry.lean
            ));
        }
        if !(1..=3).contains(&entry.weight) {
            fail(format!("weight {} is not 1, 2 or 3", entry.weight));
        }
        if let Some(lean) = lean {
            questions.push(Question {
                key,
                text: entry.text.trim().to_string(),
                lean,
                weight: entry.weight,
            });
        }
    }
    for lean in Lean::ALL {
        if !questions.iter().any(|q| q.lean == lean) {
            problems.push(format!("no question leans toward {}", lean.word()));
        }
    }
    if problems.is_empty() {
        Ok(Framework { steps, questions })
    } else {
        Err(problems)
    }
}

/// Why `key` cannot be used, remembering it in `seen` otherwise.
fn key_problem(key: &str, seen: &mut HashSet<String>) -> Option<&'static str> {
    if key.is_empty() {
        Some("the key is empty")
    } else if !seen.insert(key.to_string()) {
        Some("the key is used twice")
    } else {
        None
    }
}

impl Framework {
    /// The position of the step called `key`.
    pub fn step_index(&self, key: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.key == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_method_parses_and_passes_its_checks() {
        let framework = shipped().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(framework.steps.len(), STEP_COUNT);
        // Every check is used, once, in the order of the method.
        let checks: Vec<CheckId> = framework.steps.iter().map(|s| s.check).collect();
        assert_eq!(checks, CheckId::ALL);
        assert_eq!(framework.steps[0].key, "mission");
        assert_eq!(framework.step_index("risks"), Some(10));
        let optional: Vec<&str> = framework
            .steps
            .iter()
            .filter(|s| s.optional)
            .map(|s| s.key.as_str())
            .collect();
        assert_eq!(optional, ["future-readiness"]);
        assert!((6..=8).contains(&framework.questions.len()));
    }

    fn one_step(key: &str, check: &str, fixed_on: &str) -> String {
        format!(
            "[[steps]]\nkey = \"{key}\"\ntitle = \"T\"\nexplanation = \"E\"\n\
             prompts = [\"a?\", \"b?\"]\ncheck = \"{check}\"\nfixed_on = \"{fixed_on}\"\n"
        )
    }

    fn questions(extra: &str) -> String {
        let mut text = String::new();
        for (key, lean) in [("a", "channel"), ("b", "ecosystem"), ("c", "channel")] {
            text.push_str(&format!(
                "[[questions]]\nkey = \"{key}\"\ntext = \"Q?\"\nlean = \"{lean}\"\nweight = 2\n"
            ));
        }
        text + extra
    }

    #[test]
    fn a_damaged_file_is_refused_with_every_problem_named() {
        let mut text = String::new();
        for check in CheckId::ALL.iter().take(10) {
            text.push_str(&one_step(check.word(), check.word(), "roles"));
        }
        text.push_str(&one_step("mission-written", "no-such-check", "roles"));
        text.push_str(&one_step("x", "kpis-with-targets", "nowhere"));
        text.push_str(&questions(
            "[[questions]]\nkey = \"a\"\ntext = \"Q?\"\nweight = 9\n",
        ));
        let problems = parse(&text).unwrap_err();
        let all = problems.join("\n");
        for expected in [
            "step \"mission-written\": the key is used twice",
            "check \"no-such-check\" is not a known check",
            "check \"kpis-with-targets\" is already used by another step",
            "fixed_on \"nowhere\" is not a known screen",
            "question \"a\": the key is used twice",
            "question \"a\": lean \"\" is neither channel nor ecosystem",
            "weight 9 is not 1, 2 or 3",
        ] {
            assert!(all.contains(expected), "missing {expected:?} in\n{all}");
        }
    }

    #[test]
    fn a_file_with_too_few_steps_or_one_sided_questions_is_refused() {
        let text = one_step("mission", "mission-written", "strategy:mission")
            + &questions("").replace("ecosystem", "channel");
        let problems = parse(&text).unwrap_err();
        assert!(problems[0].contains("it lists 1 steps; the method has 12"));
        assert!(
            problems
                .iter()
                .any(|p| p == "no question leans toward ecosystem")
        );
    }
}
