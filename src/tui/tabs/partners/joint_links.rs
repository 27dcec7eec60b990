//! What a joint goal's form links: the KPIs it moves (each with the way the goal wants it and a
//! target, asked in a small form when a KPI is picked) and the offerings it is about, chosen in
//! the one link picker.

use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use crate::plan::joint::{GoalKpi, JointGoalDraft};
use crate::plan::kpi::Direction;
use crate::tui::action::Action;
use crate::tui::keymap::Keymap;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;
use crate::tui::widgets::form::Form;
use crate::tui::widgets::picker::{LinkKind, LinkPicker, Linked, Picked, link_names, toggle_link};
use crate::workbook::{JointGoalRecord, Workbook};

/// The title of a joint goal's KPI picker: what choosing one leads to.
const KPI_PICKER: &str = "Choose a KPI, then how the goal moves it";

/// The small form that asks how the goal moves one KPI.
#[derive(Debug)]
struct AimForm {
    kpi: i64,
    name: String,
    form: Form,
}

/// What is open over the goal form: nothing, the link picker, or a linked KPI's form (choosing
/// a KPI in the picker closes the picker and opens its form) — one at a time, by construction.
/// Boxed: the view is one of the Partners tab's views, kept small while closed.
#[derive(Debug, Default)]
enum Over {
    #[default]
    Nothing,
    Picker(Box<LinkPicker>),
    Aim(Box<AimForm>),
}

/// The open goal form's links, and its picker or the KPI's form when open.
#[derive(Debug, Default)]
pub(super) struct GoalLinks {
    kpis: Vec<(GoalKpi, String)>,
    offerings: Vec<Linked>,
    over: Over,
}

/// "Joint revenue (higher, to 500)", "Churn": a KPI link as its field shows it.
fn aim_words(aim: &GoalKpi, name: &str) -> String {
    let name = clean(name);
    let target = aim.target.map(|t| format!("to {t}"));
    let parts: Vec<String> = aim
        .wants
        .map(|w| w.word().to_string())
        .into_iter()
        .chain(target)
        .collect();
    if parts.is_empty() {
        name.into_owned()
    } else {
        format!("{name} ({})", parts.join(", "))
    }
}

impl GoalLinks {
    /// The links of `record` (none for a new goal).
    pub fn of(record: Option<&JointGoalRecord>) -> GoalLinks {
        let Some(r) = record else {
            return GoalLinks::default();
        };
        GoalLinks {
            kpis: r
                .goal
                .kpis
                .iter()
                .copied()
                .zip(r.kpi_names.iter().cloned())
                .collect(),
            offerings: r
                .goal
                .offerings
                .iter()
                .zip(&r.offering_names)
                .map(|(id, name)| Linked {
                    kind: LinkKind::Offering,
                    id: *id,
                    name: name.clone(),
                })
                .collect(),
            over: Over::Nothing,
        }
    }

    /// What the KPIs' field shows.
    pub fn kpi_text(&self) -> String {
        self.kpis
            .iter()
            .map(|(aim, name)| aim_words(aim, name))
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn offering_text(&self) -> String {
        link_names(&self.offerings, LinkKind::Offering)
    }

    /// `draft` with these links.
    pub fn fill(&self, draft: &mut JointGoalDraft) {
        draft.kpis = self.kpis.iter().map(|(aim, _)| *aim).collect();
        draft.offerings = self.offerings.iter().map(|l| l.id).collect();
    }

    /// An emptied link field (Backspace) drops every link of its kind.
    pub fn sync(&mut self, form: &Form) {
        if form.value("kpis").is_empty() {
            self.kpis.clear();
        }
        if form.value("offerings").is_empty() {
            self.offerings.clear();
        }
    }

    pub fn picking(&self) -> bool {
        matches!(self.over, Over::Picker(_))
    }

    /// The KPI's form, when open.
    pub fn aim_form(&self) -> Option<&Form> {
        match &self.over {
            Over::Aim(aim) => Some(&aim.form),
            _ => None,
        }
    }

    pub fn aim_form_mut(&mut self) -> Option<&mut Form> {
        match &mut self.over {
            Over::Aim(aim) => Some(&mut aim.form),
            _ => None,
        }
    }

    /// Closes the KPI's form or the picker; `false` when neither was open.
    pub fn close_top(&mut self) -> bool {
        !matches!(std::mem::take(&mut self.over), Over::Nothing)
    }

    /// Opens the picker for link field `field` of `form`.
    pub fn pick(&mut self, field: &str, form: &Form, wb: &Workbook) -> Result<()> {
        self.sync(form);
        let picker = match LinkKind::of_field(field) {
            // A KPI chosen opens its form: a new one's target, a listed one's (or its removal).
            Some(LinkKind::Kpi) => LinkPicker::open_titled(LinkKind::Kpi, KPI_PICKER, wb)?,
            Some(kind) => LinkPicker::open(kind, wb)?,
            None => return Ok(()),
        };
        self.over = Over::Picker(Box::new(picker));
        Ok(())
    }

    /// A key while the picker is open: a chosen offering is added or taken away; a chosen KPI
    /// opens its form (added first when new).
    pub fn picker_key(
        &mut self,
        action: Option<Action>,
        key: &KeyEvent,
        wb: &Workbook,
        form: &mut Form,
    ) -> Result<()> {
        let Over::Picker(picker) = &mut self.over else {
            return Ok(());
        };
        match picker.key(action, key, wb)? {
            Picked::Stay => {}
            Picked::Cancel => self.over = Over::Nothing,
            Picked::Chosen { kind, id, name } => {
                self.over = Over::Nothing;
                if kind == LinkKind::Kpi {
                    self.open_aim(id, name);
                } else {
                    toggle_link(&mut self.offerings, kind, id, &name);
                    form.set_choice("offerings", &self.offering_text());
                }
            }
        }
        Ok(())
    }

    pub fn paste(&mut self, text: &str, wb: &Workbook) -> Result<()> {
        match &mut self.over {
            Over::Picker(picker) => picker.paste(text, wb),
            _ => Ok(()),
        }
    }

    fn open_aim(&mut self, kpi: i64, name: String) {
        let linked = self.kpis.iter().find(|(aim, _)| aim.kpi == kpi);
        let aim = linked.map_or(
            GoalKpi {
                kpi,
                ..GoalKpi::default()
            },
            |(aim, _)| *aim,
        );
        let target = aim.target.map(|t| t.to_string()).unwrap_or_default();
        let form = Form::new(format!("How the goal moves {}", clean(&name)))
            .choice_or_none(
                "wants",
                "Wants it",
                &["higher", "lower"],
                aim.wants.map_or("", Direction::word),
            )
            .number("target", "Target", &target)
            .checkbox("linked", "Linked", true);
        self.over = Over::Aim(Box::new(AimForm { kpi, name, form }));
    }

    /// Saves the KPI's form into the links (unticked "Linked" takes the KPI away) and shows
    /// them in `goal_form`; a target that is not a number is said on its field instead.
    pub fn save_aim(&mut self, goal_form: &mut Form) {
        let Over::Aim(open) = &mut self.over else {
            return;
        };
        open.form.clear_errors();
        let typed = open.form.value("target");
        let target = match typed.trim() {
            "" => None,
            t => match t.parse::<f64>().ok().filter(|n| n.is_finite()) {
                Some(n) => Some(n),
                None => {
                    open.form.set_error(
                        "target",
                        "Enter the target as a number, e.g. 12 or 3.5 (or leave it empty).",
                    );
                    return;
                }
            },
        };
        let aim = GoalKpi {
            kpi: open.kpi,
            wants: Direction::from_word(&open.form.value("wants")),
            target,
        };
        let keep = open.form.value("linked") == "yes";
        let name = open.name.clone();
        let at = self.kpis.iter().position(|(a, _)| a.kpi == aim.kpi);
        match (at, keep) {
            (Some(at), true) => self.kpis[at] = (aim, name),
            (Some(at), false) => {
                self.kpis.remove(at);
            }
            (None, true) => self.kpis.push((aim, name)),
            (None, false) => {}
        }
        self.over = Over::Nothing;
        goal_form.set_choice("kpis", &self.kpi_text());
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        match &self.over {
            Over::Aim(aim) => aim.form.render_popup(area, 56, buf, theme, keymap),
            Over::Picker(picker) => picker.render_keys(area, buf, theme, keymap),
            Over::Nothing => {}
        }
    }
}
