//! The change list between two states of a plan, in the planner's words: areas, and the sentences
//! that say what moved ("Brightrail: evaluating → active").

use super::numbers::count_of;
use super::risk::{Bands, Rating};
use super::text::is_forbidden;

/// Where a change belongs in the list, in the order the list shows the areas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Area {
    Workbook,
    Strategy,
    Goals,
    Resources,
    Governance,
    DataSharing,
    Partners,
    Selection,
    Onboarding,
    Roles,
    Ecosystem,
    Risks,
    Kpis,
    Money,
    Guide,
    WordLists,
    Scenarios,
    JointPlans,
    Trends,
}

impl Area {
    pub fn title(self) -> &'static str {
        match self {
            Area::Workbook => "Workbook",
            Area::Strategy => "Strategy",
            Area::Goals => "Goals",
            Area::Resources => "Resources",
            Area::Governance => "Governance",
            Area::DataSharing => "Data sharing",
            Area::Partners => "Partners",
            Area::Selection => "Selection criteria",
            Area::Onboarding => "Onboarding checklist",
            Area::Roles => "Roles",
            Area::Ecosystem => "Ecosystem",
            Area::Risks => "Risks",
            Area::Kpis => "KPIs",
            Area::Money => "Investments and value",
            Area::Guide => "Guide",
            Area::WordLists => "Word lists",
            Area::Scenarios => "What-if scenarios",
            Area::JointPlans => "Joint plans",
            Area::Trends => "Trend radar",
        }
    }
}

/// One area's changes, each line a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeSection {
    pub area: Area,
    pub lines: Vec<String>,
}

/// Every change between two plans, by area.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChangeReport {
    /// What the two plans are called (file names, or a snapshot's label).
    pub before: String,
    pub after: String,
    pub sections: Vec<ChangeSection>,
}

impl ChangeReport {
    /// Adds `line` to `area`'s section.
    pub fn add(&mut self, area: Area, line: String) {
        match self.sections.iter_mut().find(|s| s.area == area) {
            Some(section) => section.lines.push(line),
            None => self.sections.push(ChangeSection {
                area,
                lines: vec![line],
            }),
        }
    }

    /// Sections in area order, lines sorted so one record's changes stand together.
    pub fn settle(&mut self) {
        self.sections.sort_by_key(|s| s.area);
        for section in &mut self.sections {
            section.lines.sort();
            section.lines.dedup();
        }
    }

    pub fn is_empty(&self) -> bool {
        self.sections.iter().all(|s| s.lines.is_empty())
    }

    pub fn len(&self) -> usize {
        self.sections.iter().map(|s| s.lines.len()).sum()
    }

    /// Each area's title with its lines, in the list's order.
    pub fn areas(&self) -> Vec<(String, Vec<String>)> {
        self.sections
            .iter()
            .map(|s| (s.area.title().to_string(), s.lines.clone()))
            .collect()
    }

    /// "12 changes in 3 areas." or "No differences."
    pub fn summary(&self) -> String {
        if self.is_empty() {
            return "No differences.".to_string();
        }
        format!(
            "{} in {}.",
            count_of(self.len(), "change", "changes"),
            count_of(self.sections.len(), "area", "areas")
        )
    }
}

/// The longest a value is shown in a sentence before it is cut with "…".
pub const SHOWN_CHARS: usize = 60;

/// Text from a plan or a file name made fit for one line of output: control and invisible
/// characters dropped, line breaks, tabs and runs of spaces as one space.
pub fn clean(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|&c| !is_forbidden(c))
        .collect();
    let words: Vec<&str> = cleaned.split(' ').filter(|w| !w.is_empty()).collect();
    words.join(" ")
}

/// `clean` text cut at `SHOWN_CHARS`, for a value inside a sentence.
pub fn one_line(text: &str) -> String {
    let joined = clean(text);
    if joined.chars().count() > SHOWN_CHARS {
        let cut: String = joined.chars().take(SHOWN_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    } else {
        joined
    }
}

/// A value in a sentence: text in quotes, numbers as they are, nothing as "(none)".
pub fn shown(value: Option<&str>, quoted: bool) -> String {
    match value.map(one_line) {
        None => "(none)".to_string(),
        Some(text) if text.is_empty() => "(none)".to_string(),
        Some(text) if quoted => format!("“{text}”"),
        Some(text) => text,
    }
}

/// "Brightrail: evaluating → active": what happened to one named thing.
pub fn about(subject: &str, what: &str) -> String {
    format!("{}: {what}", one_line(subject))
}

/// "old → new".
pub fn moved(old: &str, new: &str) -> String {
    format!("{old} → {new}")
}

/// "region: “EMEA” → “APAC”": any field that changed, by its label.
pub fn field_change(label: &str, old: &str, new: &str) -> String {
    format!("{label}: {}", moved(old, new))
}

/// A column's key as words: "contact_email" → "contact email", money in minor units without
/// the suffix.
pub fn field_label(key: &str) -> String {
    let key = key.strip_suffix("_minor").unwrap_or(key);
    let key = key.strip_suffix("_id").unwrap_or(key);
    match key {
        "partner_type" => "type".to_string(),
        "is_gate" => "gate".to_string(),
        "is_hub" => "hub".to_string(),
        _ => key.replace('_', " "),
    }
}

/// A partner's fit as the roster shows it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FitShown {
    /// 0–100, `None` while nothing weighted is scored.
    pub score: Option<f64>,
    pub gated_out: bool,
}

impl FitShown {
    pub fn words(self) -> String {
        match (self.gated_out, self.score) {
            (true, _) => "gated out".to_string(),
            (false, Some(score)) => format!("{score:.0}"),
            (false, None) => "not scored".to_string(),
        }
    }
}

/// One criterion's score that changed, as words ("3", "pass", "not scored").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreMove {
    pub criterion: String,
    pub old: String,
    pub new: String,
}

/// "fit 62 → 71 (Capabilities 3 → 5)", or, when the fit stayed put although scores moved,
/// "fit still 62 (Capabilities 3 → 4, Cultural fit 4 → 3)".
pub fn fit_change(old: FitShown, new: FitShown, moves: &[ScoreMove]) -> String {
    let (old_words, new_words) = (old.words(), new.words());
    let head = if old_words == new_words {
        format!("fit still {new_words}")
    } else {
        format!("fit {}", moved(&old_words, &new_words))
    };
    if moves.is_empty() {
        return head;
    }
    let why: Vec<String> = moves
        .iter()
        .map(|m| format!("{} {}", one_line(&m.criterion), moved(&m.old, &m.new)))
        .collect();
    format!("{head} ({})", why.join(", "))
}

/// Said of a criterion whose weight or gate changed: fit is derived, so every partner's moves
/// with it — named once here rather than partner by partner.
pub const REWEIGHED: &str = "the fit of every partner scored on it is worked out again";

/// "gained lead Brightrail", "lost backup Acme", "Acme backup → lead".
pub fn coverage_change(partner: &str, old_kind: Option<&str>, new_kind: Option<&str>) -> String {
    let partner = one_line(partner);
    match (old_kind, new_kind) {
        (None, Some(kind)) => format!("gained {kind} {partner}"),
        (Some(kind), None) => format!("lost {kind} {partner}"),
        (Some(old), Some(new)) if old != new => format!("{partner} {}", moved(old, new)),
        _ => format!("{partner} unchanged"),
    }
}

/// Likelihood × impact in words and numbers: "possible × major (3×4)"; "not rated" when either
/// is missing.
pub fn cell_words(rating: Option<Rating>) -> String {
    match rating {
        Some(r) => format!(
            "{} × {} ({}×{})",
            r.likelihood.word(),
            r.impact.word(),
            r.likelihood.value(),
            r.impact.value()
        ),
        None => "not rated".to_string(),
    }
}

/// "residual heat-map cell possible × major (3×4) → unlikely × major (2×4), band high → medium"
/// (or "still high" when the band held).
pub fn heat_move(which: &str, old: Option<Rating>, new: Option<Rating>, bands: &Bands) -> String {
    let cells = moved(&cell_words(old), &cell_words(new));
    let band = |r: Option<Rating>| r.map_or("no band", |r| bands.band_of(r).word());
    let (old_band, new_band) = (band(old), band(new));
    let bands_said = if old_band == new_band {
        format!("still {new_band}")
    } else {
        format!("band {}", moved(old_band, new_band))
    };
    format!("{which} heat-map cell {cells}, {bands_said}")
}

/// "opened (residual possible × major (3×4), high)": a risk only the later plan has.
pub fn risk_opened(residual: Option<Rating>, bands: &Bands) -> String {
    match residual {
        Some(r) => format!(
            "opened (residual {}, {})",
            cell_words(Some(r)),
            bands.band_of(r).word()
        ),
        None => "opened (not rated yet)".to_string(),
    }
}

/// A risk's status change: "closed", "reopened (closed → open)" or "status open → mitigating".
pub fn risk_status(old: &str, new: &str) -> String {
    match (old, new) {
        (_, "closed") => format!("closed (was {old})"),
        ("closed", _) => format!("reopened ({})", moved(old, new)),
        _ => format!("status {}", moved(old, new)),
    }
}

/// "new measurement 120 on 2026-11-30".
pub fn measurement_added(value: &str, on: &str) -> String {
    format!("new measurement {value} on {}", one_line(on))
}

/// "measurement of 2026-11-30 removed (was 120)".
pub fn measurement_removed(value: &str, on: &str) -> String {
    format!("measurement of {} removed (was {value})", one_line(on))
}

/// A number as the plan shows it: whole numbers without decimals, others with at most two.
pub fn number_words(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        let text = format!("{value:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// "status on track → at risk" for a KPI.
pub fn kpi_status(old: &str, new: &str) -> String {
    format!("status {}", moved(old, new))
}

/// The section of the strategy a strategy field belongs to, as the Strategy tab names it.
pub fn strategy_section(column: &str) -> &'static str {
    match column {
        "mission_problem" | "mission_value" => "Mission",
        "vision" => "Vision",
        "value_what" | "value_why" => "Value proposition",
        "alignment_rating"
        | "alignment_note"
        | "adaptability_rating"
        | "adaptability_note"
        | "shared_value_rating"
        | "shared_value_note" => "Core elements",
        "model" | "model_rationale" | "decision_answers" => "Model",
        _ => "Strategy",
    }
}

/// "Vision changed: “old” → “new”", or for a field that is one of several in its section,
/// "Mission (value) changed: …".
pub fn strategy_change(column: &str, old: &str, new: &str) -> String {
    let section = strategy_section(column);
    let detail = match column {
        "mission_problem" => Some("problem"),
        "mission_value" => Some("value"),
        "value_what" => Some("what"),
        "value_why" => Some("why it matters"),
        "model" => None,
        "model_rationale" => Some("rationale"),
        "decision_answers" => Some("decision aid answers"),
        "vision" => None,
        _ => None,
    };
    let name = match (detail, section) {
        (Some(detail), _) => format!("{section} ({detail})"),
        (None, "Core elements") => format!("{section} ({})", field_label(column)),
        (None, _) => section.to_string(),
    };
    format!("{name} changed: {}", moved(old, new))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fit(score: Option<f64>, gated_out: bool) -> FitShown {
        FitShown { score, gated_out }
    }

    #[test]
    fn a_stage_move_reads_as_the_partner_and_both_stages() {
        assert_eq!(
            about("Brightrail", &moved("evaluating", "active")),
            "Brightrail: evaluating → active"
        );
    }

    #[test]
    fn a_fit_change_names_the_criterion_that_moved_it() {
        let moves = [ScoreMove {
            criterion: "Capabilities".into(),
            old: "3".into(),
            new: "5".into(),
        }];
        assert_eq!(
            fit_change(fit(Some(62.4), false), fit(Some(71.0), false), &moves),
            "fit 62 → 71 (Capabilities 3 → 5)"
        );
        assert_eq!(
            fit_change(fit(Some(62.0), false), fit(Some(62.0), true), &moves),
            "fit 62 → gated out (Capabilities 3 → 5)"
        );
        assert_eq!(
            fit_change(fit(None, false), fit(None, false), &moves),
            "fit still not scored (Capabilities 3 → 5)"
        );
    }

    #[test]
    fn coverage_says_gained_lost_or_changed_kind() {
        assert_eq!(
            coverage_change("Acme", None, Some("lead")),
            "gained lead Acme"
        );
        assert_eq!(
            coverage_change("Acme", Some("backup"), None),
            "lost backup Acme"
        );
        assert_eq!(
            coverage_change("Acme", Some("backup"), Some("lead")),
            "Acme backup → lead"
        );
    }

    #[test]
    fn a_heat_map_move_gives_both_cells_and_the_band_change() {
        let bands = Bands::default();
        let old = Rating::from_values(Some(3), Some(4));
        let new = Rating::from_values(Some(2), Some(4));
        assert_eq!(
            heat_move("residual", old, new, &bands),
            "residual heat-map cell possible × major (3×4) → unlikely × major (2×4), \
             band high → medium"
        );
        let nearby = Rating::from_values(Some(4), Some(3));
        assert_eq!(
            heat_move("inherent", old, nearby, &bands),
            "inherent heat-map cell possible × major (3×4) → likely × moderate (4×3), still high"
        );
        assert_eq!(
            heat_move("residual", None, new, &bands),
            "residual heat-map cell not rated → unlikely × major (2×4), band no band → medium"
        );
        assert_eq!(Rating::from_values(Some(6), Some(1)), None);
    }

    #[test]
    fn risk_status_words_closing_and_reopening() {
        assert_eq!(risk_status("open", "closed"), "closed (was open)");
        assert_eq!(risk_status("closed", "open"), "reopened (closed → open)");
        assert_eq!(
            risk_status("open", "mitigating"),
            "status open → mitigating"
        );
        assert_eq!(
            risk_opened(Rating::from_values(Some(3), Some(4)), &Bands::default()),
            "opened (residual possible × major (3×4), high)"
        );
    }

    #[test]
    fn strategy_changes_name_their_section() {
        assert_eq!(
            strategy_change("vision", "“a”", "“b”"),
            "Vision changed: “a” → “b”"
        );
        assert_eq!(
            strategy_change("mission_problem", "“a”", "“b”"),
            "Mission (problem) changed: “a” → “b”"
        );
        assert_eq!(
            strategy_change("alignment_rating", "3", "4"),
            "Core elements (alignment rating) changed: 3 → 4"
        );
    }

    #[test]
    fn values_are_one_clean_short_line() {
        assert_eq!(
            shown(Some("  two\nlines\u{1b}[31m "), true),
            "“two lines[31m”"
        );
        assert_eq!(shown(Some(""), true), "(none)");
        assert_eq!(shown(None, false), "(none)");
        let long = "word ".repeat(30);
        let cut = shown(Some(&long), false);
        assert!(
            cut.ends_with('…') && cut.chars().count() <= SHOWN_CHARS,
            "{cut}"
        );
        assert_eq!(number_words(120.0), "120");
        assert_eq!(number_words(12.5), "12.5");
        assert_eq!(number_words(0.333), "0.33");
        assert_eq!(field_label("estimated_cost_minor"), "estimated cost");
        assert_eq!(field_label("partner_type"), "type");
    }

    #[test]
    fn the_report_orders_areas_sorts_lines_and_counts() {
        let mut report = ChangeReport::default();
        assert_eq!(report.summary(), "No differences.");
        report.add(Area::Risks, "R-002: closed (was open)".into());
        report.add(Area::Partners, "Zephyr: removed".into());
        report.add(Area::Partners, "Acme: added".into());
        report.settle();
        assert_eq!(report.sections[0].area, Area::Partners);
        assert_eq!(report.sections[0].lines, ["Acme: added", "Zephyr: removed"]);
        assert_eq!(report.summary(), "3 changes in 2 areas.");
    }
}
