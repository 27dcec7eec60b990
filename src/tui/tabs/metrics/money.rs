//! The ROI view: the period it covers (a choice), the money figures — invested, returned, ROI on
//! margin or on gross revenue, said which — with the intangible entries counted beside them, the
//! payback and a small chart of the cumulative ROI month by month, ROI per partner, and the
//! investments (Strategy resources marked as investments among them) and the value log (newest
//! first, bounded), one of them focused for adding, editing and deleting. Its drawing is in
//! `draw.rs`.

mod draw;

use anyhow::Result;
use jiff::civil::Date;

use super::period::PeriodChoice;
use crate::tui::action::Action;
use crate::workbook::{InvestmentRecord, RoiOverTime, RoiSummary, ValueRecord, Workbook};

/// The most lines each list reads (the newest).
const LIST_MAX: usize = 200;

/// The partners the per-partner table shows (the largest investments first).
const PARTNERS_SHOWN: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum MoneyList {
    Investments,
    Values,
    /// The per-partner table, where `e` sets a partner's margin rate.
    Partners,
}

impl MoneyList {
    fn index(self) -> usize {
        match self {
            MoneyList::Investments => 0,
            MoneyList::Values => 1,
            MoneyList::Partners => 2,
        }
    }
}

#[derive(Debug)]
pub(super) struct MoneyView {
    pub period: PeriodChoice,
    pub focus: MoneyList,
    summary: RoiSummary,
    over_time: RoiOverTime,
    investments: Vec<InvestmentRecord>,
    values: Vec<ValueRecord>,
    counts: (usize, usize),
    selected: [usize; 3],
    /// Each period's figures once read (the period on screen's among them), until the data
    /// changes: `p` then only picks one, and the idle pass reads the others ahead.
    summaries: Vec<(PeriodChoice, RoiSummary)>,
}

/// The ROI view as the user left it: the period, the list in focus and each list's selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct MoneyPlace {
    period: PeriodChoice,
    focus: MoneyList,
    selected: [usize; 3],
}

impl MoneyView {
    pub fn place(&self) -> MoneyPlace {
        MoneyPlace {
            period: self.period,
            focus: self.focus,
            selected: self.selected,
        }
    }

    /// Back to `place`: its period read again, the same list in focus, the same rows selected.
    pub fn put_back(&mut self, place: MoneyPlace, wb: &Workbook, today: Date) -> Result<()> {
        self.period = place.period;
        self.focus = place.focus;
        self.selected = place.selected;
        self.reload(wb, today)
    }

    /// The view over its default period, everything read once (the figures and the line over
    /// time were read twice on opening).
    pub fn load(wb: &Workbook, today: Date) -> Result<MoneyView> {
        let period = PeriodChoice::DEFAULT;
        let summary = wb.roi_summary(period.period(today))?;
        let mut view = MoneyView {
            period,
            focus: MoneyList::Investments,
            summary: summary.clone(),
            over_time: wb.roi_over_time()?,
            investments: Vec::new(),
            values: Vec::new(),
            counts: (0, 0),
            selected: [0, 0, 0],
            summaries: vec![(period, summary)],
        };
        view.read_lists(wb)?;
        Ok(view)
    }

    /// As it opens: the default period, the investments in focus, the first rows selected
    /// (the figures kept are used, so this reads only when the default period's are missing).
    pub fn opening(&mut self, wb: &Workbook, today: Date) -> Result<()> {
        self.period = PeriodChoice::DEFAULT;
        self.focus = MoneyList::Investments;
        self.selected = [0, 0, 0];
        self.reload_period(wb, today)
    }

    /// Shows the figures of another period, read ahead by `idle` where it could (the lists
    /// and the line over time stay as they are).
    pub fn reload_period(&mut self, wb: &Workbook, today: Date) -> Result<()> {
        self.summary = self.summary_of(self.period, wb, today)?;
        self.selected[2] = self.selected[2].min(self.shown_partners().saturating_sub(1));
        Ok(())
    }

    /// `period`'s figures: kept ones, else read now and kept.
    fn summary_of(
        &mut self,
        period: PeriodChoice,
        wb: &Workbook,
        today: Date,
    ) -> Result<RoiSummary> {
        if let Some((_, kept)) = self.summaries.iter().find(|(p, _)| *p == period) {
            return Ok(kept.clone());
        }
        let summary = wb.roi_summary(period.period(today))?;
        self.summaries.push((period, summary.clone()));
        Ok(summary)
    }

    /// Reads ahead the figures of the next period not read yet (in `p`'s order from the one
    /// on screen); whether there was one.
    pub fn idle(&mut self, wb: &Workbook, today: Date) -> Result<bool> {
        let mut period = self.period.next();
        while period != self.period {
            if !self.summaries.iter().any(|(p, _)| *p == period) {
                self.summary_of(period, wb, today)?;
                return Ok(true);
            }
            period = period.next();
        }
        Ok(false)
    }

    /// Reads everything again (the data changed): the periods read ahead are forgotten.
    pub fn reload(&mut self, wb: &Workbook, today: Date) -> Result<()> {
        self.summaries.clear();
        self.summary = self.summary_of(self.period, wb, today)?;
        self.over_time = wb.roi_over_time()?;
        self.read_lists(wb)
    }

    /// The investments and value log's first rows and counts, the selections kept within them.
    fn read_lists(&mut self, wb: &Workbook) -> Result<()> {
        self.investments = wb.investments(0, LIST_MAX)?;
        self.values = wb.value_entries(0, LIST_MAX)?;
        self.counts = (wb.investment_count()?, wb.value_count()?);
        self.selected[0] = self.selected[0].min(self.investments.len().saturating_sub(1));
        self.selected[1] = self.selected[1].min(self.values.len().saturating_sub(1));
        self.selected[2] = self.selected[2].min(self.shown_partners().saturating_sub(1));
        if self.focus == MoneyList::Partners && self.shown_partners() == 0 {
            self.focus = MoneyList::Investments;
        }
        Ok(())
    }

    /// The partners the per-partner table shows.
    fn shown_partners(&self) -> usize {
        self.summary.partners.len().min(PARTNERS_SHOWN)
    }

    /// The next list in focus: investments, the value log, then the per-partner table when it
    /// has rows.
    pub fn next_focus(&mut self) {
        self.focus = match self.focus {
            MoneyList::Investments => MoneyList::Values,
            MoneyList::Values if self.shown_partners() > 0 => MoneyList::Partners,
            MoneyList::Values | MoneyList::Partners => MoneyList::Investments,
        };
    }

    fn focus_index(&self) -> usize {
        self.focus.index()
    }

    pub fn move_in(&mut self, action: Action) {
        let len = match self.focus {
            MoneyList::Investments => self.investments.len(),
            MoneyList::Values => self.values.len(),
            MoneyList::Partners => self.shown_partners(),
        };
        let i = self.focus_index();
        let last = len.saturating_sub(1);
        self.selected[i] = match action {
            Action::Up => self.selected[i].saturating_sub(1),
            Action::Down => (self.selected[i] + 1).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            _ => self.selected[i],
        };
    }

    pub fn selected_investment(&self) -> Option<&InvestmentRecord> {
        self.investments.get(self.selected[0])
    }

    pub fn selected_value(&self) -> Option<&ValueRecord> {
        self.values.get(self.selected[1])
    }

    pub fn selected_partner(&self) -> Option<&crate::workbook::PartnerRoi> {
        self.summary.partners.get(self.selected[2])
    }
}
