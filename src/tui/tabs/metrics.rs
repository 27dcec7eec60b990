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
mod overlay;
mod period;
mod table;

use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

pub use edit::MetricsEdit;

use self::detail::DetailView;
use self::money::MoneyView;
use self::overlay::{Popup, Shown};
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
    /// The live facts come from the App's reading on a thread (a large plan: at a million
    /// partners they take most of a second): the tab shows the last it was given rather than
    /// read them on the key.
    facts_elsewhere: bool,
    /// The App reads them now: the live values shown are from before the last change.
    facts_pending: bool,
    /// The App has just given them (`take_facts`): the next reading is theirs.
    facts_given: bool,
    shown: Shown,
    popup: Popup,
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
            facts_elsewhere: false,
            facts_pending: false,
            facts_given: false,
            shown: Shown::Table,
            popup: Popup::None,
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
        if let Shown::Money(money) = &mut self.shown {
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
        let view = match self.money_ready.take() {
            Some(mut ready) if !self.stale => {
                ready.opening(wb, today)?;
                ready
            }
            _ => MoneyView::load(wb, today)?,
        };
        self.shown = Shown::Money(Box::new(view));
        Ok(())
    }

    /// The ROI view closes; what it read stays ready for the next `r` until the data changes.
    pub(super) fn close_money(&mut self) {
        if let Shown::Money(money) = std::mem::take(&mut self.shown) {
            self.money_ready = Some(*money);
        }
    }

    /// Reads the live facts, when there are live KPIs. Reading only: today's history point is
    /// the App's to record, on idle (`App::record_live_history`), never while a frame is prepared.
    fn read_facts(&self, wb: &Workbook) -> Result<Option<LiveFacts>> {
        if !wb.has_live_kpis()? {
            return Ok(None);
        }
        Ok(Some(wb.live_facts(&self.live_context())?))
    }

    /// Whether the live facts are read by the App on a thread (`take_facts` gives them) rather
    /// than by the tab as it reads: on a large plan.
    pub fn set_facts_elsewhere(&mut self, elsewhere: bool) {
        self.facts_elsewhere = elsewhere;
        if !elsewhere {
            self.facts_pending = false;
        }
    }

    /// The live facts the App read on a thread: the tab reads again with them.
    pub fn take_facts(&mut self, facts: LiveFacts) {
        self.facts = Some(facts);
        self.facts_given = true;
        self.stale = true;
    }

    /// Reads everything the tab shows.
    fn reload(&mut self, wb: &Workbook) -> Result<()> {
        if !self.facts_elsewhere {
            self.facts = self.read_facts(wb)?;
        } else if !wb.has_live_kpis()? {
            self.facts = None;
            self.facts_pending = false;
        } else {
            // Read again after a change: the App's reading of the facts follows it.
            self.facts_pending = !std::mem::take(&mut self.facts_given);
        }
        self.total = wb.kpi_count()?;
        if let Some(id) = self.select.take()
            && let Some(position) = wb.kpi_position(id)?
        {
            self.selected = position;
        }
        self.selected = self.selected.min(self.total.saturating_sub(1));
        self.read_window(wb)?;
        let today = self.settings.today();
        let gone = match &mut self.shown {
            Shown::Detail(detail) => !detail.reload(wb, today, self.facts.as_ref())?,
            Shown::Money(money) => {
                money.reload(wb, today)?;
                false
            }
            Shown::Table => false,
        };
        if gone {
            self.shown = Shown::Table;
        }
        self.stale = false;
        Ok(())
    }

    fn selected_row(&self) -> Option<&KpiRow> {
        self.rows.get(self.selected.checked_sub(self.offset)?)
    }

    /// Where a key goes: the picker, the open form, the open view, or the table.
    fn route(&mut self, action: Option<Action>, key: &KeyEvent, wb: &Workbook) -> Result<Intent> {
        if self.popup.has_picker() {
            return self.handle_picker(action, key, wb);
        }
        if self.popup.open_form().is_some() {
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
        match self.shown {
            Shown::Detail(_) => self.detail_action(action, wb),
            Shown::Money(_) => self.money_action(action, wb),
            Shown::Table => self.table_action(action, wb),
        }
    }

    fn handle_form(
        &mut self,
        action: Option<Action>,
        key: &KeyEvent,
        wb: &Workbook,
    ) -> Result<Intent> {
        let Some(open) = self.popup.open_form() else {
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
                self.popup = Popup::None;
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
        match (&self.popup, &self.shown) {
            (Popup::Catalogue(_) | Popup::Form(_, Some(_)), _) => Context::Picker,
            (Popup::Form(_, None), _) => Context::Form,
            (Popup::None, Shown::Detail(_)) => Context::KpiDetail,
            (Popup::None, Shown::Money(_)) => Context::Money,
            (Popup::None, Shown::Table) => Context::Kpis,
        }
    }

    fn list_context(&self) -> Context {
        Context::Kpis
    }

    fn has_selection(&self) -> bool {
        match self.context() {
            Context::Kpis => self.selected_row().is_some(),
            Context::KpiDetail => match &self.shown {
                Shown::Detail(detail) => detail.selected().is_some(),
                _ => false,
            },
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
        match &self.shown {
            Shown::Detail(detail) => detail.render(area, buf, theme, &self.settings, keymap),
            Shown::Money(money) => {
                money.render(area, buf, theme, &self.currency, &self.settings, keymap);
            }
            Shown::Table => self.render_table(area, buf, theme, keymap),
        }
        match &self.popup {
            Popup::None => {}
            Popup::Catalogue(picker) => picker.render_keys(area, buf, theme, keymap),
            Popup::Form(open, link) => {
                open.form.render_popup(area, 76, buf, theme, keymap);
                if let Some(picker) = link {
                    picker.render_keys(area, buf, theme, keymap);
                }
            }
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
        self.popup = Popup::None;
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
        match &mut self.popup {
            Popup::Form(open, None) => Some(&mut open.form),
            _ => None,
        }
    }

    fn paste(&mut self, text: &str, wb: &Workbook) -> Result<()> {
        match &mut self.popup {
            Popup::None => {}
            Popup::Catalogue(picker) => picker.paste(text),
            Popup::Form(_, Some(picker)) => picker.paste(text, wb)?,
            Popup::Form(open, None) => open.form.paste(text),
        }
        Ok(())
    }

    fn mark_stale(&mut self) {
        self.stale = true;
        self.money_ready = None;
    }

    fn edited(&mut self, wb: &Workbook) -> Result<()> {
        self.popup.close_form();
        if std::mem::take(&mut self.adding) {
            self.select = wb.newest_kpi_id()?.or(self.select);
        }
        self.stale = true;
        Ok(())
    }

    fn edit_failed(&mut self, message: &str) -> bool {
        match self.popup.open_form() {
            Some(open) => {
                open.form.message = Some(message.to_string());
                true
            }
            None => false,
        }
    }

    fn discard_form(&mut self) {
        self.popup.close_form();
    }

    fn go(&mut self, target: Target, wb: &Workbook) -> Result<Intent> {
        self.popup = Popup::None;
        self.shown = Shown::Table;
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
            detail: match &self.shown {
                Shown::Detail(detail) => Some((detail.row.record.id, detail.selected_index())),
                _ => None,
            },
            money: match &self.shown {
                Shown::Money(money) => Some(money.place()),
                _ => None,
            },
        })
    }

    /// The KPI selected before is selected again (by its id), and the view that was open over
    /// the table — a KPI's detail or the ROI — opens again as it was; what a jump opened closes.
    fn restore(&mut self, place: Place, wb: &Workbook) -> Result<()> {
        let Some(place) = place.take::<MetricsPlace>() else {
            return Ok(());
        };
        self.popup = Popup::None;
        self.shown = Shown::Table;
        self.selected = place.selected;
        self.select = place.kpi;
        self.reload(wb)?;
        let today = self.settings.today();
        if let Some((id, row)) = place.detail
            && let Some(mut detail) = DetailView::load(wb, id, today, self.facts.as_ref())?
        {
            detail.select_index(row);
            self.shown = Shown::Detail(Box::new(detail));
        }
        if let Some(money) = place.money {
            let mut view = MoneyView::load(wb, today)?;
            view.put_back(money, wb, today)?;
            self.shown = Shown::Money(Box::new(view));
        }
        Ok(())
    }
}
