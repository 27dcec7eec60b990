//! The investment and value-log forms: amounts typed in the workbook's currency and kept exact in
//! minor units, the partner chosen with a picker, the kind of value from its list.

use jiff::civil::Date;

use super::edit::MetricsEdit;
use super::forms::{FormKind, OpenForm, read_date, typed_date};
use crate::plan::money::{Currency, ValueKind, margin_problem, parse_margin, parse_margin_rate};
use crate::plan::shape::date_example;
use crate::plan::text::{describe_char, first_forbidden_char};
use crate::tui::widgets::form::Form;
use crate::workbook::{InvestmentDraft, InvestmentRecord, ValueDraft, ValueRecord};

/// The investment form: `record` to edit, else a new one dated `today`.
pub(super) fn investment_form(
    record: Option<&InvestmentRecord>,
    today: Date,
    currency: &Currency,
    format: &str,
) -> OpenForm {
    let (on, item, amount, category, partner) = match record {
        Some(r) => (
            r.draft.spent_on,
            r.draft.item.as_str(),
            currency.format_bare(r.draft.amount_minor),
            r.draft.category.as_str(),
            r.partner.as_str(),
        ),
        None => (today, "", String::new(), "", ""),
    };
    let title = if record.is_some() {
        "Edit investment"
    } else {
        "New investment"
    };
    let form = Form::new(title)
        .date("on", "Date", &typed_date(on, format))
        .placeholder(format!("e.g. {}", date_example(format)))
        .text("item", "Item", item, true)
        .placeholder("what the money went to")
        .text("amount", "Amount", &amount, true)
        .placeholder(format!("in {}, e.g. 1,250.50", currency.code()))
        .text("category", "Category", category, false)
        .placeholder("enablement, marketing, tooling…")
        .link("partner", "Partner", partner)
        .placeholder("‹form:choose› chooses one; empty: the ecosystem as a whole");
    OpenForm {
        form,
        editing: record.map(|r| r.id),
        link: record.and_then(|r| r.draft.partner_id),
        kind: FormKind::Investment,
        benchmark_key: String::new(),
    }
}

/// The value-log form: `record` to edit, else a new entry dated `today`.
pub(super) fn value_form(
    record: Option<&ValueRecord>,
    today: Date,
    currency: &Currency,
    format: &str,
) -> OpenForm {
    let kinds: Vec<&str> = ValueKind::ALL.iter().map(|k| k.word()).collect();
    let bare = |minor: Option<i64>| minor.map(|a| currency.format_bare(a)).unwrap_or_default();
    let (on, kind, description, amount, margin, partner) = match record {
        Some(r) => (
            r.draft.logged_on,
            r.draft.kind,
            r.draft.description.as_str(),
            bare(r.draft.amount_minor),
            bare(r.draft.margin_minor),
            r.partner.as_str(),
        ),
        None => (
            today,
            ValueKind::Revenue,
            "",
            String::new(),
            String::new(),
            "",
        ),
    };
    let title = if record.is_some() {
        "Edit value entry"
    } else {
        "New value entry"
    };
    let form = Form::new(title)
        .date("on", "Date", &typed_date(on, format))
        .placeholder(format!("e.g. {}", date_example(format)))
        .choice("kind", "Kind", &kinds, kind.word())
        .text("description", "Description", description, true)
        .placeholder("what value was created")
        .text("amount", "Amount", &amount, false)
        .placeholder(format!(
            "in {}; only revenue and cost saving count as returns",
            currency.code()
        ))
        .text("margin", "Margin", &margin, false)
        .placeholder("kept out of the amount: 30% or an amount; empty: the partner's rate")
        .link("partner", "Partner", partner)
        .placeholder("‹form:choose› chooses one; empty: the ecosystem as a whole");
    OpenForm {
        form,
        editing: record.map(|r| r.id),
        link: record.and_then(|r| r.draft.partner_id),
        kind: FormKind::Value,
        benchmark_key: String::new(),
    }
}

/// The margin-rate form of partner `partner_id` (`p`): its own rate and, when it has a type, the
/// rate of its type, which it counts at without one of its own.
pub(super) fn margin_rate_form(p: &crate::workbook::PartnerRoi) -> OpenForm {
    let partner_id = p.partner_id.unwrap_or_default();
    let percent = |rate: Option<f64>| {
        rate.map(|r| format!("{}%", super::forms::number_text(Some(r))))
            .unwrap_or_default()
    };
    let kind = crate::tui::sanitize::clean(&p.partner_type).into_owned();
    let mut form = Form::new(format!(
        "Margin rate of {}",
        crate::tui::sanitize::clean(&p.partner)
    ))
    .text("rate", "Margin rate", &percent(p.margin_rate), false)
    .placeholder(if kind.is_empty() {
        "share of its revenue the hub keeps, e.g. 30%; empty: none".to_string()
    } else {
        format!("share of its revenue the hub keeps, e.g. 30%; empty: the {kind} rate")
    });
    if !kind.is_empty() {
        form = form
            .text(
                "type_rate",
                "Rate of its type",
                &percent(p.type_rate),
                false,
            )
            .placeholder(format!(
                "for every {kind} without a rate of its own; empty: none"
            ));
    }
    OpenForm {
        form,
        editing: None,
        link: None,
        kind: FormKind::MarginRate(partner_id),
        benchmark_key: String::new(),
    }
}

/// Reads a one-line text field, refusing control characters.
fn line(form: &mut Form, id: &str, label: &str) -> String {
    let text = form.value(id).trim().to_string();
    if let Some(c) = first_forbidden_char(&text, false) {
        form.set_error(
            id,
            format!(
                "The {label} cannot contain {}; remove it.",
                describe_char(c)
            ),
        );
    }
    text
}

impl OpenForm {
    /// The investment or value edit the form holds, or `None` with its problems shown.
    pub fn money_edit(&mut self, currency: &Currency, format: &str) -> Option<MetricsEdit> {
        let partner_id = self.link.filter(|_| !self.form.value("partner").is_empty());
        let form = &mut self.form;
        form.clear_errors();
        let on = read_date(form, "on", format);
        let amount_text = form.value("amount");
        let amount = if amount_text.trim().is_empty() {
            None
        } else {
            currency
                .parse(&amount_text)
                .map_err(|m| form.set_error("amount", m))
                .ok()
        };
        match self.kind {
            FormKind::Investment => {
                let item = line(form, "item", "item");
                let category = line(form, "category", "category");
                if item.is_empty() {
                    form.set_error("item", "Say what the money went to; type an item.");
                }
                if amount_text.trim().is_empty() {
                    form.set_error(
                        "amount",
                        format!(
                            "An amount is needed; type one like 1,250.50 {}.",
                            currency.code()
                        ),
                    );
                }
                let ok = form.focus_first_error();
                match (on, amount, ok) {
                    (Some(spent_on), Some(amount_minor), true) => {
                        Some(MetricsEdit::SaveInvestment {
                            id: self.editing,
                            draft: Box::new(InvestmentDraft {
                                spent_on,
                                item,
                                amount_minor,
                                category,
                                partner_id,
                            }),
                        })
                    }
                    _ => None,
                }
            }
            FormKind::Value => {
                let description = line(form, "description", "description");
                if description.is_empty() {
                    form.set_error(
                        "description",
                        "Say what value was created; type a description.",
                    );
                }
                let kind = ValueKind::from_word(&form.value("kind")).unwrap_or(ValueKind::Revenue);
                let margin = parse_margin(currency, &form.value("margin"), amount)
                    .and_then(|m| match margin_problem(kind, amount, m) {
                        Some(why) => Err(why),
                        None => Ok(m),
                    })
                    .map_err(|m| form.set_error("margin", m))
                    .ok()
                    .flatten();
                let ok = form.focus_first_error();
                match (on, ok) {
                    (Some(logged_on), true) => Some(MetricsEdit::SaveValue {
                        id: self.editing,
                        draft: Box::new(ValueDraft {
                            logged_on,
                            partner_id,
                            kind,
                            description,
                            amount_minor: amount,
                            margin_minor: margin,
                        }),
                    }),
                    _ => None,
                }
            }
            FormKind::MarginRate(partner_id) => {
                let rate = parse_margin_rate(&form.value("rate"))
                    .map_err(|why| form.set_error("rate", why))
                    .ok();
                let type_rate = if form.has_field("type_rate") {
                    parse_margin_rate(&form.value("type_rate"))
                        .map(Some)
                        .map_err(|why| form.set_error("type_rate", why))
                        .ok()
                } else {
                    Some(None)
                };
                let ok = form.focus_first_error();
                match (rate, type_rate, ok) {
                    (Some(rate), Some(type_rate), true) => Some(MetricsEdit::SetMarginRate {
                        partner_id,
                        rate,
                        type_rate,
                    }),
                    _ => None,
                }
            }
            FormKind::Kpi | FormKind::Measurement(_) => None,
        }
    }
}
