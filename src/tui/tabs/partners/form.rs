//! The partner form: every field of a partner in sections, read back into a draft, checked by the
//! plan's rules, and a duplicate warning that a second save with the same values overrides.

use anyhow::Result;

use crate::plan::plausible::PlanDate;
use crate::plan::shape::{date_example, parse_typed_date, show_date};
use crate::plan::{PartnerDraft, PartnerField, Vocabularies};
use crate::tui::edits::{PartnerEdit, SavedId};
use crate::tui::intent::{Intent, ask_first};
use crate::tui::settings::Settings;
use crate::tui::widgets::form::Form;
use crate::workbook::Workbook;

/// The open partner form and which partner it edits (`None`: a new one).
#[derive(Debug)]
pub(super) struct PartnerForm {
    pub id: Option<i64>,
    pub form: Form,
    /// The values a duplicate warning was shown for: saving them unchanged goes ahead.
    warned: Option<PartnerDraft>,
    /// Hears the saved partner's id, for the roster to select it.
    pub saved: SavedId,
}

const DATES: [PartnerField; 2] = [PartnerField::AgreementStart, PartnerField::AgreementEnd];

impl PartnerForm {
    /// `words`: the workbook's choice lists (defaults and the user's additions).
    pub fn new(
        id: Option<i64>,
        title: &str,
        draft: &PartnerDraft,
        words: &Vocabularies,
        settings: &Settings,
    ) -> Self {
        PartnerForm {
            id,
            form: build(title, draft, words, settings),
            warned: None,
            saved: SavedId::default(),
        }
    }

    /// Checks the typed values; with no problem left, asks to save them — after a warning first
    /// when another partner has the same name or website (`save_keys`: the keys that save).
    pub fn submit(
        &mut self,
        wb: &Workbook,
        save_keys: &str,
        settings: &Settings,
    ) -> Result<Intent> {
        self.form.clear_errors();
        let Some(draft) = self.checked_draft(settings) else {
            return Ok(Intent::Nothing);
        };
        let normalised = draft.normalised();
        let duplicates = wb.partner_duplicates(&normalised, self.id)?;
        if !duplicates.is_empty() && self.warned.as_ref() != Some(&normalised) {
            self.form.warning = Some(format!(
                "{} — {save_keys} again to save anyway.",
                duplicates.join("; ")
            ));
            self.warned = Some(normalised);
            return Ok(Intent::Nothing);
        }
        let today = settings.today();
        let doubt = [
            (PartnerField::AgreementStart, PlanDate::AgreementStart),
            (PartnerField::AgreementEnd, PlanDate::AgreementEnd),
        ]
        .into_iter()
        .find_map(|(field, kind)| {
            self.form
                .doubt_about_date(field.key(), normalised.get(field), kind, today)
        });
        let save = Intent::Partner(PartnerEdit::Save {
            id: self.id,
            draft: Box::new(normalised),
            saved: self.saved.clone(),
        });
        Ok(ask_first(doubt, save))
    }

    /// The typed values as a draft, or `None` after putting each problem on its field.
    fn checked_draft(&mut self, settings: &Settings) -> Option<PartnerDraft> {
        let mut draft = PartnerDraft::default();
        for field in PartnerField::ALL {
            let typed = self.form.value(field.key());
            if DATES.contains(&field) {
                match parse_typed_date(&typed, &settings.date_format) {
                    Ok(iso) => draft.set(field, iso.unwrap_or_default()),
                    Err(message) => {
                        self.form.set_error(field.key(), message);
                        draft.set(field, typed);
                    }
                }
            } else {
                draft.set(field, typed);
            }
        }
        for error in draft.validate() {
            if self.form.error(error.field.key()).is_none() {
                self.form.set_error(error.field.key(), error.message);
            }
        }
        self.form.focus_first_error().then_some(draft)
    }
}

/// The form for `draft`, in the sections of DESIGN §4; dates shown in the configured format.
fn build(title: &str, draft: &PartnerDraft, words: &Vocabularies, settings: &Settings) -> Form {
    use PartnerField as F;
    let value = |field: F| draft.get(field);
    let date = |field: F| show_date(draft.get(field), &settings.date_format);
    let example = format!("e.g. {}", date_example(&settings.date_format));
    let text = |form: Form, field: F| form.text(field.key(), field.label(), value(field), false);
    let form = Form::new(title).section("Identity").text(
        F::Name.key(),
        F::Name.label(),
        value(F::Name),
        true,
    );
    let form = form
        .choice_or_none(
            F::Type.key(),
            F::Type.label(),
            &words.partner_types,
            value(F::Type),
        )
        .choice_or_none(
            F::Sector.key(),
            F::Sector.label(),
            &words.partner_sectors,
            value(F::Sector),
        );
    let form = text(form, F::Website)
        .placeholder("e.g. example.com")
        .section("Relationship")
        .choice(
            F::Stage.key(),
            F::Stage.label(),
            &words.partner_stages,
            value(F::Stage),
        )
        .choice_or_none(
            F::Tier.key(),
            F::Tier.label(),
            &words.partner_tiers,
            value(F::Tier),
        )
        .choice_or_none(
            F::Region.key(),
            F::Region.label(),
            &words.partner_regions,
            value(F::Region),
        );
    let form = text(form, F::Owner)
        .number(
            F::CheckinCadence.key(),
            F::CheckinCadence.label(),
            value(F::CheckinCadence),
        )
        .placeholder(format!("{} (default)", settings.checkin_cadence_days))
        .section("People");
    let form = text(text(form, F::ContactName), F::ContactEmail)
        .placeholder("e.g. name@example.com")
        .section("Agreement")
        .date(
            F::AgreementStart.key(),
            F::AgreementStart.label(),
            &date(F::AgreementStart),
        )
        .placeholder(example.clone())
        .date(
            F::AgreementEnd.key(),
            F::AgreementEnd.label(),
            &date(F::AgreementEnd),
        )
        .placeholder(example);
    form.multiline(
        F::Contributes.key(),
        F::Contributes.label(),
        value(F::Contributes),
    )
    .rows(2)
    .multiline(F::Gains.key(), F::Gains.label(), value(F::Gains))
    .rows(2)
    .section("Notes")
    .multiline(F::Notes.key(), F::Notes.label(), value(F::Notes))
}
