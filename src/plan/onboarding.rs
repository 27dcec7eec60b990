//! Onboarding and check-in rules: checklist states, progress, and when the next check-in is due.

use jiff::civil::Date;

/// Where one checklist item stands for one partner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ItemStatus {
    #[default]
    Pending,
    Done,
    Skipped,
    Blocked,
}

impl ItemStatus {
    pub const ALL: [ItemStatus; 4] = [
        ItemStatus::Pending,
        ItemStatus::Done,
        ItemStatus::Skipped,
        ItemStatus::Blocked,
    ];

    /// The word stored in the workbook and shown on screen.
    pub fn word(self) -> &'static str {
        match self {
            ItemStatus::Pending => "pending",
            ItemStatus::Done => "done",
            ItemStatus::Skipped => "skipped",
            ItemStatus::Blocked => "blocked",
        }
    }

    /// Reads a stored word; anything unknown (another tool's value) counts as pending.
    pub fn from_word(word: &str) -> ItemStatus {
        ItemStatus::ALL
            .into_iter()
            .find(|s| s.word() == word.trim())
            .unwrap_or_default()
    }

    /// What `Space` does: done becomes pending, everything else becomes done.
    pub fn toggled(self) -> ItemStatus {
        if self == ItemStatus::Done {
            ItemStatus::Pending
        } else {
            ItemStatus::Done
        }
    }
}

/// Percent of applicable items done (skipped items do not count); `None` with nothing applicable.
pub fn progress(statuses: &[ItemStatus]) -> Option<u8> {
    let applicable = statuses
        .iter()
        .filter(|s| **s != ItemStatus::Skipped)
        .count();
    let done = statuses.iter().filter(|s| **s == ItemStatus::Done).count();
    (applicable > 0).then(|| ((done * 100) / applicable) as u8)
}

/// When a partner's next check-in is due, and how that compares with today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckinDue {
    /// `None` until the first check-in is logged.
    pub next_due: Option<Date>,
    pub overdue: bool,
    /// Due today or within the next seven days (and not overdue).
    pub due_this_week: bool,
}

/// Next due = last check-in + cadence; overdue when that day has passed. A partner at a stage
/// that is not tended (see `figures::expects_checkins`) keeps its next date but is never overdue
/// or due, as the counts of overdue check-ins say.
pub fn checkin_due(stage: &str, last: Option<Date>, cadence_days: i64, today: Date) -> CheckinDue {
    let tended = super::figures::expects_checkins(stage);
    let next_due = last.and_then(|d| {
        d.checked_add(jiff::Span::new().days(cadence_days.clamp(1, 3650)))
            .ok()
    });
    let overdue = tended && next_due.is_some_and(|due| due < today);
    let week_end = today
        .checked_add(jiff::Span::new().days(7))
        .unwrap_or(today);
    let due_this_week = tended && next_due.is_some_and(|due| due >= today && due <= week_end);
    CheckinDue {
        next_due,
        overdue,
        due_this_week,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn statuses_round_trip_and_space_toggles_done() {
        for status in ItemStatus::ALL {
            assert_eq!(ItemStatus::from_word(status.word()), status);
        }
        assert_eq!(ItemStatus::from_word("in review"), ItemStatus::Pending);
        assert_eq!(ItemStatus::Pending.toggled(), ItemStatus::Done);
        assert_eq!(ItemStatus::Blocked.toggled(), ItemStatus::Done);
        assert_eq!(ItemStatus::Done.toggled(), ItemStatus::Pending);
    }

    #[test]
    fn progress_ignores_skipped_items() {
        use ItemStatus::*;
        assert_eq!(progress(&[Done, Done, Pending, Skipped, Blocked]), Some(50));
        assert_eq!(progress(&[Done, Skipped]), Some(100));
        assert_eq!(progress(&[Skipped]), None);
        assert_eq!(progress(&[]), None);
    }

    #[test]
    fn next_check_in_is_last_plus_cadence() {
        let today = date(2026, 11, 23);
        let due = checkin_due("active", Some(date(2026, 10, 1)), 30, today);
        assert_eq!(due.next_due, Some(date(2026, 10, 31)));
        assert!(due.overdue && !due.due_this_week);
        let soon = checkin_due("active", Some(date(2026, 11, 1)), 28, today);
        assert_eq!(soon.next_due, Some(date(2026, 11, 29)));
        assert!(!soon.overdue && soon.due_this_week);
        let today_due = checkin_due("active", Some(date(2026, 11, 16)), 7, today);
        assert!(!today_due.overdue && today_due.due_this_week);
        let never = checkin_due("active", None, 30, today);
        assert_eq!(
            never,
            CheckinDue {
                next_due: None,
                overdue: false,
                due_this_week: false
            }
        );
    }

    #[test]
    fn a_paused_or_exited_partner_is_never_overdue() {
        let today = date(2026, 11, 23);
        for stage in ["paused", "exited"] {
            let due = checkin_due(stage, Some(date(2026, 10, 1)), 30, today);
            assert_eq!(due.next_due, Some(date(2026, 10, 31)));
            assert!(!due.overdue && !due.due_this_week, "{stage}");
        }
    }
}
