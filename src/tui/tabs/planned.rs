//! The empty state of a tab whose screens are still to be built: it says what the tab will hold,
//! and shows no data it does not have.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::TabId;
use crate::tui::theme::Theme;

/// What each tab will hold, in the words of DESIGN §3.
pub fn purpose(tab: TabId) -> &'static str {
    match tab {
        TabId::Guide => {
            "the planning method's twelve steps, each marked done, in progress or not started from your workbook's data, with what is missing and a key that jumps to the place that fills it"
        }
        TabId::Strategy => {
            "mission and vision, core-element ratings, the channel-or-ecosystem decision aid, goals, the value proposition, resources, governance rules and data-sharing protocols"
        }
        TabId::Partners => "the partner roster",
        TabId::Roles => {
            "the role catalogue from the hub to specialised roles, the partner × role matrix, and coverage gaps"
        }
        TabId::Risks => {
            "the risk register with inherent and residual 5×5 heat maps and reviews due"
        }
        TabId::Metrics => {
            "KPIs with targets, measurements and sparklines, ROI and the value-creation log"
        }
        TabId::Overview => {
            "the portfolio at a glance: partners by stage and type, fit, role coverage, top risks, KPI status, onboarding and readiness"
        }
    }
}

pub fn render(tab: TabId, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Line::styled(format!(" {} ", tab.title()), theme.title));
    let text = vec![
        Line::default(),
        Line::styled(
            format!("The {} tab is not built yet.", tab.title()),
            theme.header,
        ),
        Line::default(),
        Line::from(format!("It will hold {}.", purpose(tab))),
        Line::default(),
        Line::styled(
            "Nothing here is stored or shown until then. The Partners (3), Roles (4) and Risks (5) tabs work today.",
            theme.muted,
        ),
    ];
    Paragraph::new(text)
        .block(block)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}
