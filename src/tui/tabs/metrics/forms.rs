//! The forms of the Metrics tab: a KPI with every field of DESIGN §4 (its goal chosen with a
//! picker, its values live or measured, its definition and benchmark band with their source),
//! and a measurement (date, value, note). Reading a form back checks it; problems are shown on
//! their fields and nothing typed is lost.

use jiff::civil::Date;

use super::edit::MetricsEdit;
use crate::plan::kpi::{
    BenchmarkField, Direction, Horizon, KpiBenchmark, KpiDraft, KpiField, category,
};
use crate::plan::live_kpi::LiveSource;
use crate::plan::shape::{date_example, parse_typed_date};
use crate::tui::widgets::form::Form;
use crate::workbook::KpiRecord;

/// A form open on the tab, with what it edits.
#[derive(Debug)]
pub(super) struct OpenForm {
    pub form: Form,
    pub editing: Option<i64>,
    /// The linked record a picker chose (goal for a KPI, partner for money).
    pub link: Option<i64>,
    pub kind: FormKind,
    /// The library key of the benchmark being edited (kept when the band is saved again).
    pub benchmark_key: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FormKind {
    Kpi,
    /// A measurement of this KPI.
    Measurement(i64),
    Investment,
    Value,
    /// The margin rate of this partner.
    MarginRate(i64),
}

/// A date as the user types it.
pub(super) fn typed_date(day: Date, format: &str) -> String {
    jiff::fmt::strtime::format(format, day).unwrap_or_else(|_| day.to_string())
}

/// Reads a date field: required, in the user's format or `YYYY-MM-DD`.
pub(super) fn read_date(form: &mut Form, id: &str, format: &str) -> Option<Date> {
    match parse_typed_date(&form.value(id), format) {
        Ok(Some(iso)) => iso.parse().ok(),
        Ok(None) => {
            form.set_error(
                id,
                format!("A date is needed; type one like {}.", date_example(format)),
            );
            None
        }
        Err(message) => {
            form.set_error(id, message);
            None
        }
    }
}

/// A measured value as typed: digits with an optional sign, point and thousands commas.
pub(super) fn parse_value(text: &str) -> Result<f64, String> {
    let plain: String = text.trim().chars().filter(|&c| c != ',').collect();
    let numeric = !plain.is_empty()
        && plain
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+'));
    match plain.parse::<f64>() {
        Ok(n) if numeric && n.is_finite() => Ok(n),
        _ if plain.is_empty() => Err("A value is needed; type a number like 12 or 3.5.".into()),
        _ => Err(format!(
            "\"{}\" is not a number; type one like 1250, 1,250.5 or -3.",
            text.trim()
        )),
    }
}

/// A number as the form shows it for editing: no exponent, no trailing zeros.
pub(super) fn number_text(x: Option<f64>) -> String {
    x.map(|x| {
        let text = format!("{x:.6}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    })
    .unwrap_or_default()
}

fn direction_label(d: Direction) -> &'static str {
    d.describe()
}

/// The KPI form for `record` (new when `None`), its goal shown by `goal_title`.
pub(super) fn kpi_form(
    title: &str,
    record: Option<&KpiRecord>,
    draft: &KpiDraft,
    goal_title: &str,
    format: &str,
) -> OpenForm {
    let none = KpiBenchmark::default();
    let benchmark = record.map_or(&none, |r| &r.benchmark);
    let horizons: Vec<&str> = Horizon::ALL.iter().map(|h| h.word()).collect();
    let directions: Vec<&str> = Direction::ALL.iter().map(|d| direction_label(*d)).collect();
    let live: Vec<&str> = LiveSource::ALL.iter().map(|s| s.name()).collect();
    let form = Form::new(title.to_string())
        .section("The KPI")
        .text("name", "Name", &draft.name, true)
        .placeholder("e.g. Partner-sourced revenue")
        .choice_or_none("category", "Category", &category::DEFAULTS, &draft.category)
        .choice("horizon", "Horizon", &horizons, draft.horizon.word())
        .text("unit", "Unit", &draft.unit, false)
        .placeholder("%, EUR, days, partners…")
        .choice(
            "direction",
            "Direction",
            &directions,
            direction_label(draft.direction),
        )
        .section("Target")
        .text("baseline", "Baseline", &draft.baseline, false)
        .placeholder("where it starts; empty: the first measurement")
        .text("target", "Target", &draft.target, false)
        .date("target_date", "Target date", &draft.target_date)
        .placeholder(format!("e.g. {}", date_example(format)))
        .section("Ownership")
        .text("owner", "Owner", &draft.owner, false)
        .link("goal", "Goal", goal_title)
        .placeholder("‹form:choose› chooses one of the strategy's goals")
        .choice_or_none(
            "live",
            "Live value",
            &live,
            draft.live_source.map_or("", LiveSource::name),
        )
        .section("Benchmark")
        .text("definition", "Definition", &benchmark.definition, false)
        .placeholder("what exactly is counted, over which period")
        .text("band", "Band", &benchmark.band_text(), false)
        .placeholder("low / typical / high, e.g. 15 / 25 / 40; or one value")
        .text("peer_group", "Peer group", &benchmark.peer_group, false)
        .placeholder("who the band describes")
        .text("source", "Source", &benchmark.source, false)
        .placeholder("who measured it; \"example\" for an illustration")
        .date(
            "as_of",
            "As of",
            &benchmark
                .as_of
                .as_deref()
                .map(|d| crate::plan::shape::show_date(d, format))
                .unwrap_or_default(),
        )
        .placeholder(format!("e.g. {}", date_example(format)));
    OpenForm {
        form,
        editing: record.map(|r| r.id),
        link: draft.goal_id,
        kind: FormKind::Kpi,
        benchmark_key: benchmark.key.clone(),
    }
}

/// The benchmark the KPI form holds, or `None` with its problems shown on their fields.
fn read_benchmark(form: &mut Form, key: &str, format: &str) -> Option<KpiBenchmark> {
    let band = KpiBenchmark::parse_band(&form.value("band"))
        .map_err(|m| form.set_error("band", m))
        .ok()?;
    let as_of = parse_typed_date(&form.value("as_of"), format)
        .map_err(|m| form.set_error("as_of", m))
        .ok()?;
    for (id, label) in [
        ("definition", "definition"),
        ("peer_group", "peer group"),
        ("source", "source"),
    ] {
        if let Some(c) = crate::plan::text::first_forbidden_char(&form.value(id), false) {
            form.set_error(
                id,
                format!(
                    "The {label} cannot contain {}; remove it.",
                    crate::plan::text::describe_char(c)
                ),
            );
            return None;
        }
    }
    let draft = KpiBenchmark {
        definition: form.value("definition"),
        key: key.to_string(),
        low: band[0],
        typical: band[1],
        high: band[2],
        peer_group: form.value("peer_group"),
        source: form.value("source"),
        as_of,
    };
    match draft.checked() {
        Ok(benchmark) => Some(benchmark),
        Err(problems) => {
            for (field, message) in problems {
                let id = match field {
                    BenchmarkField::Band => "band",
                    BenchmarkField::Source => "source",
                    BenchmarkField::AsOf => "as_of",
                };
                form.set_error(id, message);
            }
            None
        }
    }
}

/// The draft a stored KPI is edited from.
pub(super) fn draft_of(record: &KpiRecord, format: &str) -> KpiDraft {
    let kpi = &record.kpi;
    KpiDraft {
        name: kpi.name.clone(),
        category: kpi.category.clone(),
        horizon: kpi.horizon,
        unit: kpi.unit.clone(),
        direction: kpi.direction,
        baseline: number_text(kpi.baseline),
        target: number_text(kpi.target),
        target_date: kpi
            .target_date
            .as_deref()
            .map(|d| crate::plan::shape::show_date(d, format))
            .unwrap_or_default(),
        owner: kpi.owner.clone(),
        goal_id: kpi.goal_id,
        live_source: kpi.live_source,
    }
}

fn field_id(field: KpiField) -> &'static str {
    match field {
        KpiField::Name => "name",
        KpiField::Category => "category",
        KpiField::Unit => "unit",
        KpiField::Baseline => "baseline",
        KpiField::Target => "target",
        KpiField::TargetDate => "target_date",
        KpiField::Owner => "owner",
    }
}

/// A measurement form for KPI `kpi_id`.
pub(super) fn measurement_form(
    title: &str,
    kpi_id: i64,
    editing: Option<i64>,
    (on, value, note): (&str, &str, &str),
) -> OpenForm {
    let form = Form::new(title.to_string())
        .date("on", "Date", on)
        .text("value", "Value", value, true)
        .placeholder("e.g. 12.5")
        .text("note", "Note", note, false)
        .placeholder("where the number comes from");
    OpenForm {
        form,
        editing,
        link: None,
        kind: FormKind::Measurement(kpi_id),
        benchmark_key: String::new(),
    }
}

impl OpenForm {
    /// The KPI or measurement edit the form holds, or `None` with its problems shown.
    pub fn kpi_edit(&mut self, format: &str) -> Option<MetricsEdit> {
        let form = &mut self.form;
        form.clear_errors();
        match self.kind {
            FormKind::Kpi => {
                let direction = Direction::ALL
                    .into_iter()
                    .find(|d| direction_label(*d) == form.value("direction"))
                    .unwrap_or_default();
                let draft = KpiDraft {
                    name: form.value("name"),
                    category: form.value("category"),
                    horizon: Horizon::from_word(&form.value("horizon")).unwrap_or_default(),
                    unit: form.value("unit"),
                    direction,
                    baseline: form.value("baseline"),
                    target: form.value("target"),
                    target_date: form.value("target_date"),
                    owner: form.value("owner"),
                    goal_id: self.link.filter(|_| !form.value("goal").is_empty()),
                    live_source: LiveSource::ALL
                        .into_iter()
                        .find(|s| s.name() == form.value("live")),
                };
                let benchmark = read_benchmark(form, &self.benchmark_key, format);
                match (draft.checked(format), benchmark) {
                    (Ok(kpi), Some(benchmark)) => Some(MetricsEdit::SaveKpi {
                        id: self.editing,
                        kpi: Box::new(kpi),
                        benchmark: Some(Box::new(benchmark)),
                    }),
                    (checked, _) => {
                        for p in checked.err().unwrap_or_default() {
                            form.set_error(field_id(p.field), p.message);
                        }
                        form.focus_first_error();
                        None
                    }
                }
            }
            FormKind::Measurement(kpi_id) => {
                let on = read_date(form, "on", format);
                let value = parse_value(&form.value("value"))
                    .map_err(|m| form.set_error("value", m))
                    .ok();
                let note = form.value("note");
                if let Some(c) = crate::plan::text::first_forbidden_char(&note, false) {
                    form.set_error(
                        "note",
                        format!(
                            "The note cannot contain {}; remove it.",
                            crate::plan::text::describe_char(c)
                        ),
                    );
                }
                match (on, value, form.focus_first_error()) {
                    (Some(on), Some(value), true) => Some(MetricsEdit::SaveMeasurement {
                        id: self.editing,
                        kpi_id,
                        on,
                        value,
                        note,
                    }),
                    _ => None,
                }
            }
            FormKind::Investment | FormKind::Value | FormKind::MarginRate(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_as_numbers_or_say_what_to_type() {
        assert_eq!(parse_value(" 1,250.5 "), Ok(1250.5));
        assert_eq!(parse_value("-3"), Ok(-3.0));
        assert!(parse_value("").unwrap_err().contains("A value is needed"));
        assert!(parse_value("1e3").unwrap_err().contains("is not a number"));
        assert!(parse_value("NaN").is_err());
    }

    #[test]
    fn numbers_show_without_noise() {
        assert_eq!(number_text(Some(12.0)), "12");
        assert_eq!(number_text(Some(-0.25)), "-0.25");
        assert_eq!(number_text(None), "");
    }
}
