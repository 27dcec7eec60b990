//! The Metrics tab: the KPI table (status as word and mark, latest value, target, sparkline), the
//! KPI form and the pick-list of common KPIs, a KPI's chart against its target path with its
//! measurement log, and the ROI view with investments and the value log. Writes go back to the App
//! as `Intent::Metrics`; everything shown is read in `prepare` when the workbook changed.

mod catalogue;
mod detail;
mod edit;
mod forms;
mod keys;
mod land;
mod links;
mod money;
mod money_forms;
mod period;
mod table;

use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

pub use edit::MetricsEdit;

use self::detail::DetailView;
use self::forms::OpenForm;
use self::links::Picking;
use self::money::MoneyView;
use super::screen::{Place, Screen};
use crate::plan::guide::Target;
use crate::plan::live_kpi::LiveFacts;
use crate::plan::money::Currency;
use crate::plan::plausible;
use crate::tui::action::Action;
use crate::tui::intent::Intent;
use crate::tui::intent::ask_first;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::settings::Settings;
use crate::tui::theme::Theme;
use crate::tui::widgets::form::{Form, FormEvent};
use crate::tui::widgets::picker::Picker;
use crate::workbook::{KpiRow, LiveContext, Workbook};

const READ_ONLY: &str = "Read-only: nothing can be changed (reopen without --read-only to edit).";

#[derive(Debug)]
pub struct MetricsTab {
    settings: Settings,
    currency: Currency,
    /// The visible window of the KPI table.
    rows: Vec<KpiRow>,
    /// The table's first visible row and the selected row, as positions in the whole table.
    offset: usize,
    selected: usize,
    total: usize,
    height: usize,
    facts: Option<LiveFacts>,
    form: Option<OpenForm>,
    picker: Option<(Picking, Picker)>,
    detail: Option<DetailView>,
    money: Option<MoneyView>,
    /// The ROI view read ahead on idle (or kept from its last closing) while the data has not
    /// changed: `r` then only shows it, as it opens, at its default period.
    money_ready: Option<MoneyView>,
    /// A KPI to select at the next read (after an add, or when the Guide sent the user here).
    select: Option<i64>,
    /// The edit asked for last adds a KPI: select it once it is written.
    adding: bool,
    stale: bool,
}

impl MetricsTab {
    /// The tab, reading nothing yet (live KPIs gain today's history point on the first idle pass).
    pub fn new(settings: Settings) -> MetricsTab {
        let currency = Currency::or_default(&settings.currency);
        MetricsTab {
            settings,
            currency,
            rows: Vec::new(),
            offset: 0,
            selected: 0,
            total: 0,
            height: 1,
            facts: None,
            form: None,
            picker: None,
            detail: None,
            money: None,
            money_ready: None,
            select: None,
            adding: false,
            stale: true,
        }
    }

    /// The day and bands live values are computed for.
    pub fn live_context(&self) -> LiveContext {
        LiveContext {
            today: self.settings.today(),
            bands: self.settings.bands,
        }
    }

    /// The idle pass, one read a pass: the ROI view is read ahead (its figures, monthly line
    /// and lists), then each of its other periods' figures, so that `r` and its period key only
    /// show what is read. Whether it read any (the App then passes again).
    pub fn idle(&mut self, wb: &Workbook) -> Result<bool> {
        if self.stale {
            return Ok(false);
        }
        let today = self.settings.today();
        if let Some(money) = &mut self.money {
            return money.idle(wb, today);
        }
        match &mut self.money_ready {
            Some(ready) => ready.idle(wb, today),
            None => {
                self.money_ready = Some(MoneyView::load(wb, today)?);
                Ok(true)
            }
        }
    }

    /// The ROI view, opening: the one read ahead if the data has not changed since, else read
    /// now.
    pub(super) fn open_money(&mut self, wb: &Workbook) -> Result<()> {
        let today = self.settings.today();
        self.money = Some(match self.money_ready.take() {
            Some(mut ready) if !self.stale => {
                ready.opening(wb, today)?;
                ready
            }
            _ => MoneyView::load(wb, today)?,
        });
        Ok(())
    }

    /// The ROI view closes; what it read stays ready for the next `r` until the data changes.
    pub(super) fn close_money(&mut self) {
        self.money_ready = self.money.take();
    }

    /// Reads the live facts, when there are live KPIs. Reading only: today's history point is
    /// the App's to record, on idle (`App::record_live_history`), never while a frame is prepared.
    fn read_facts(&self, wb: &Workbook) -> Result<Option<LiveFacts>> {
        if !wb.has_live_kpis()? {
            return Ok(None);
        }
        Ok(Some(wb.live_facts(&self.live_context())?))
    }

    /// Reads everything the tab shows.
    fn reload(&mut self, wb: &Workbook) -> Result<()> {
        self.facts = self.read_facts(wb)?;
        self.total = wb.kpi_count()?;
        if let Some(id) = self.select.take()
            && let Some(position) = wb.kpi_position(id)?
        {
            self.selected = position;
        }
        self.selected = self.selected.min(self.total.saturating_sub(1));
        self.read_window(wb)?;
        let today = self.settings.today();
        if let Some(detail) = &mut self.detail
            && !detail.reload(wb, today, self.facts.as_ref())?
        {
            self.detail = None;
        }
        if let Some(money) = &mut self.money {
            money.reload(wb, today)?;
        }
        self.stale = false;
        Ok(())
    }

    fn selected_row(&self) -> Option<&KpiRow> {
        self.rows.get(self.selected.checked_sub(self.offset)?)
    }

    /// Where a key goes: the picker, the open form, the open view, or the table.
    fn route(&mut self, action: Option<Action>, key: &KeyEvent, wb: &Workbook) -> Result<Intent> {
        if self.picker.is_some() {
            return self.handle_picker(action, key, wb);
        }
        if self.form.is_some() {
            return self.handle_form(action, key, wb);
        }
        let Some(action) = action else {
            return Ok(Intent::Nothing);
        };
        let writes = matches!(
            action,
            Action::Add | Action::Edit | Action::Delete | Action::PickKpi
        );
        if writes && wb.is_read_only() {
            return Ok(Intent::Error(READ_ONLY.into()));
        }
        if self.detail.is_some() {
            return self.detail_action(action, wb);
        }
        if self.money.is_some() {
            return self.money_action(action, wb);
        }
        self.table_action(action, wb)
    }

    fn handle_form(
        &mut self,
        action: Option<Action>,
        key: &KeyEvent,
        wb: &Workbook,
    ) -> Result<Intent> {
        let Some(open) = &mut self.form else {
            return Ok(Intent::Nothing);
        };
        Ok(match open.form.handle(action, key) {
            FormEvent::Continue => Intent::Nothing,
            FormEvent::Pick(field) => {
                self.pick_for(field, wb)?;
                Intent::Nothing
            }
            FormEvent::Cancel if open.form.is_dirty() => {
                Intent::Confirm(crate::tui::widgets::confirm::ConfirmAction::DiscardChanges)
            }
            FormEvent::Cancel => {
                self.form = None;
                Intent::Nothing
            }
            FormEvent::Save => {
                let format = self.settings.date_format.clone();
                let edit = match open.kind {
                    forms::FormKind::Kpi | forms::FormKind::Measurement(_) => {
                        open.kpi_edit(&format)
                    }
                    forms::FormKind::Investment
                    | forms::FormKind::Value
                    | forms::FormKind::MarginRate(_) => open.money_edit(&self.currency, &format),
                };
                match edit {
                    Some(edit) => {
                        let doubt = self.doubt(&edit, wb)?;
                        ask_first(doubt, Intent::Metrics(edit))
                    }
                    None => Intent::Nothing,
                }
            }
        })
    }

    /// What looks unlikely in a measurement, investment or value entry about to be saved
    /// (`plan::plausible`): a date after today or long ago, a value far outside what the KPI has
    /// had, an amount of nothing, past a billion or far above every amount logged before.
    fn doubt(&self, edit: &MetricsEdit, wb: &Workbook) -> Result<Option<String>> {
        let today = self.settings.today();
        let currency = &self.currency;
        let scale = 10_i64.pow(currency.decimals());
        let amount = |what, minor: i64, known: Vec<i64>| {
            plausible::money_amount(what, minor, scale, &currency.format(minor), &known)
        };
        match edit {
            MetricsEdit::SaveInvestment { id, draft } => {
                if let Some(doubt) = plausible::logged_date("investment", draft.spent_on, today) {
                    return Ok(Some(doubt));
                }
                let known = wb
                    .investments(0, KNOWN_AMOUNTS)?
                    .into_iter()
                    .filter(|r| Some(r.id) != *id)
                    .map(|r| r.draft.amount_minor)
                    .collect();
                return Ok(amount("investment", draft.amount_minor, known));
            }
            MetricsEdit::SaveValue { id, draft } => {
                if let Some(doubt) = plausible::logged_date("value entry", draft.logged_on, today) {
                    return Ok(Some(doubt));
                }
                let Some(minor) = draft.amount_minor else {
                    return Ok(None);
                };
                let known = wb
                    .value_entries(0, KNOWN_AMOUNTS)?
                    .into_iter()
                    .filter(|r| Some(r.id) != *id)
                    .filter_map(|r| r.draft.amount_minor)
                    .collect();
                return Ok(amount("value entry", minor, known));
            }
            _ => {}
        }
        let MetricsEdit::SaveMeasurement {
            id,
            kpi_id,
            on,
            value,
            ..
        } = edit
        else {
            return Ok(None);
        };
        if let Some(doubt) = plausible::logged_date("measurement", *on, today) {
            return Ok(Some(doubt));
        }
        let Some(record) = wb.kpi(*kpi_id)? else {
            return Ok(None);
        };
        // The value being corrected is not evidence for its own correction.
        let recent: Vec<f64> = wb
            .measurements(*kpi_id, 0, 12)?
            .iter()
            .filter(|m| Some(m.id) != *id)
            .map(|m| m.value)
            .collect();
        let scale = plausible::KpiScale {
            unit: &record.kpi.unit,
            baseline: record.kpi.baseline,
            target: record.kpi.target,
            recent: &recent,
        };
        Ok(plausible::kpi_value(*value, &scale))
    }
}

/// How many of the latest investments or value entries an amount is compared with.
const KNOWN_AMOUNTS: usize = 200;

/// Where the user stood on the tab: the KPI selected, and the view open over the table.
struct MetricsPlace {
    kpi: Option<i64>,
    /// The row, should the KPI be gone.
    selected: usize,
    /// A KPI's detail (its id) and the measurement selected in its log.
    detail: Option<(i64, usize)>,
    money: Option<money::MoneyPlace>,
}

impl Screen for MetricsTab {
    fn context(&self) -> Context {
        if self.picker.is_some() {
            Context::Picker
        } else if self.form.is_some() {
            Context::Form
        } else if self.detail.is_some() {
            Context::KpiDetail
        } else if self.money.is_some() {
            Context::Money
        } else {
            Context::Kpis
        }
    }

    fn list_context(&self) -> Context {
        Context::Kpis
    }

    fn has_selection(&self) -> bool {
        match self.context() {
            Context::Kpis => self.selected_row().is_some(),
            Context::KpiDetail => self
                .detail
                .as_ref()
                .is_some_and(|detail| detail.selected().is_some()),
            _ => true,
        }
    }

    fn prepare(&mut self, area: Rect, wb: &Workbook) -> Result<()> {
        let height = table::visible_rows(area);
        // Every write, on any tab, marks the tab stale (`App::changed`).
        if self.stale {
            self.height = height;
            self.reload(wb)?;
        } else if height != self.height {
            self.height = height;
            self.read_window(wb)?;
        }
        Ok(())
    }

    fn draw(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        if let Some(detail) = &self.detail {
            detail.render(area, buf, theme, &self.settings, keymap);
        } else if let Some(money) = &self.money {
            money.render(area, buf, theme, &self.currency, &self.settings, keymap);
        } else {
            self.render_table(area, buf, theme, keymap);
        }
        if let Some(open) = &self.form {
            open.form.render_popup(area, 76, buf, theme, keymap);
        }
        if let Some((_, picker)) = &self.picker {
            picker.render_keys(area, buf, theme, keymap);
        }
    }

    fn handle(&mut self, action: Option<Action>, key: &KeyEvent, wb: &Workbook) -> Result<Intent> {
        let intent = self.route(action, key, wb)?;
        self.adding = matches!(
            intent,
            Intent::Metrics(MetricsEdit::SaveKpi { id: None, .. })
        );
        Ok(intent)
    }

    fn run(&mut self, action: Action, wb: &Workbook) -> Result<Intent> {
        self.form = None;
        self.picker = None;
        self.handle(
            Some(action),
            &KeyEvent::new(
                ratatui::crossterm::event::KeyCode::Null,
                ratatui::crossterm::event::KeyModifiers::NONE,
            ),
            wb,
        )
    }

    fn typing_form(&mut self) -> Option<&mut Form> {
        match self.picker {
            Some(_) => None,
            None => self.form.as_mut().map(|open| &mut open.form),
        }
    }

    fn paste(&mut self, text: &str, _wb: &Workbook) -> Result<()> {
        if let Some((_, picker)) = &mut self.picker {
            picker.paste(text);
        } else if let Some(open) = &mut self.form {
            open.form.paste(text);
        }
        Ok(())
    }

    fn mark_stale(&mut self) {
        self.stale = true;
        self.money_ready = None;
    }

    fn edited(&mut self, wb: &Workbook) -> Result<()> {
        self.form = None;
        if std::mem::take(&mut self.adding) {
            self.select = wb.newest_kpi_id()?.or(self.select);
        }
        self.stale = true;
        Ok(())
    }

    fn edit_failed(&mut self, message: &str) -> bool {
        match &mut self.form {
            Some(open) => {
                open.form.message = Some(message.to_string());
                true
            }
            None => false,
        }
    }

    fn discard_form(&mut self) {
        self.form = None;
    }

    fn go(&mut self, target: Target, wb: &Workbook) -> Result<Intent> {
        self.form = None;
        self.picker = None;
        self.detail = None;
        self.money = None;
        match target.record_id {
            Some(id) => self.select = Some(id),
            None => self.selected = 0,
        }
        self.stale = true;
        self.land(target.record_id, wb)
    }

    fn here(&self) -> Place {
        Place::new(MetricsPlace {
            kpi: self.selected_row().map(|row| row.record.id),
            selected: self.selected,
            detail: self
                .detail
                .as_ref()
                .map(|detail| (detail.row.record.id, detail.selected_index())),
            money: self.money.as_ref().map(MoneyView::place),
        })
    }

    /// The KPI selected before is selected again (by its id), and the view that was open over
    /// the table — a KPI's detail or the ROI — opens again as it was; what a jump opened closes.
    fn restore(&mut self, place: Place, wb: &Workbook) -> Result<()> {
        let Some(place) = place.take::<MetricsPlace>() else {
            return Ok(());
        };
        self.form = None;
        self.picker = None;
        self.detail = None;
        self.money = None;
        self.selected = place.selected;
        self.select = place.kpi;
        self.reload(wb)?;
        let today = self.settings.today();
        if let Some((id, row)) = place.detail {
            self.detail = DetailView::load(wb, id, today, self.facts.as_ref())?;
            if let Some(detail) = &mut self.detail {
                detail.select_index(row);
            }
        }
        if let Some(money) = place.money {
            let mut view = MoneyView::load(wb, today)?;
            view.put_back(money, wb, today)?;
            self.money = Some(view);
        }
        Ok(())
    }
}
