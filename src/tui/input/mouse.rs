//! Mouse reports in the three encodings terminals use: SGR (`ESC [ < b ; x ; y M`), rxvt's
//! (`ESC [ b ; x ; y M`) and X10's (`ESC [ M` and three bytes).

use ratatui::crossterm::event::{Event, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

use super::parse::{Step, final_byte};

/// SGR mouse reports: `ESC [ < b ; x ; y M` (press, drag, wheel) or `… m` (release).
pub(super) fn sgr(bytes: &[u8]) -> Step {
    let end = match final_byte(bytes, 3) {
        Ok(end) => end,
        Err(step) => return step,
    };
    let params = std::str::from_utf8(&bytes[3..end]).unwrap_or_default();
    let mut numbers = params.split(';').map(str::parse::<u16>);
    let event = match (
        numbers.next(),
        numbers.next(),
        numbers.next(),
        numbers.next(),
    ) {
        (Some(Ok(b)), Some(Ok(x)), Some(Ok(y)), None) => match bytes[end] {
            b'M' => mouse(b, x, y, false),
            b'm' => mouse(b, x, y, true),
            _ => None,
        },
        _ => None,
    };
    match event {
        Some(event) => Step::Event(event, end + 1),
        None => Step::Drop(end + 1),
    }
}

/// The oldest mouse reports: `ESC [ M` and three bytes, each 32 + a value.
pub(super) fn x10(bytes: &[u8]) -> Step {
    let Some(&[b, x, y]) = bytes.get(3..6) else {
        return Step::Incomplete;
    };
    if b < 32 || x < 33 || y < 33 {
        return Step::Drop(3);
    }
    let b = u16::from(b - 32);
    // A release does not say which button: the left one is the one that matters here.
    let event = if b & 0b11 == 3 && b & 96 == 0 {
        mouse(b & !0b11, u16::from(x - 32), u16::from(y - 32), true)
    } else {
        mouse(b, u16::from(x - 32), u16::from(y - 32), false)
    };
    match event {
        Some(event) => Step::Event(event, 6),
        None => Step::Drop(6),
    }
}

/// rxvt's mouse reports: `ESC [ b ; x ; y M`, the button number plus 32.
pub(super) fn rxvt(params: &str) -> Option<Event> {
    let mut numbers = params.split(';').map(str::parse::<u16>);
    match (
        numbers.next(),
        numbers.next(),
        numbers.next(),
        numbers.next(),
    ) {
        (Some(Ok(b)), Some(Ok(x)), Some(Ok(y)), None) => {
            let b = b.checked_sub(32)?;
            if b & 0b11 == 3 && b & 96 == 0 {
                mouse(b & !0b11, x, y, true)
            } else {
                mouse(b, x, y, false)
            }
        }
        _ => None,
    }
}

/// A mouse event from the report's button byte and its 1-based cell.
fn mouse(b: u16, x: u16, y: u16, released: bool) -> Option<Event> {
    let mut modifiers = KeyModifiers::NONE;
    for (bit, modifier) in [
        (4, KeyModifiers::SHIFT),
        (8, KeyModifiers::ALT),
        (16, KeyModifiers::CONTROL),
    ] {
        if b & bit != 0 {
            modifiers |= modifier;
        }
    }
    let button = match b & 0b11 {
        0 => Some(MouseButton::Left),
        1 => Some(MouseButton::Middle),
        2 => Some(MouseButton::Right),
        _ => None,
    };
    let motion = b & 32 != 0;
    let kind = if b & 64 != 0 {
        if b & 128 != 0 || motion {
            return None;
        }
        match b & 0b11 {
            0 => MouseEventKind::ScrollUp,
            1 => MouseEventKind::ScrollDown,
            2 => MouseEventKind::ScrollLeft,
            _ => MouseEventKind::ScrollRight,
        }
    } else if b & 128 != 0 {
        // Buttons 8–11 (back, forward…): nothing here uses them.
        return None;
    } else if motion {
        match button {
            Some(button) => MouseEventKind::Drag(button),
            None => MouseEventKind::Moved,
        }
    } else if released {
        MouseEventKind::Up(button?)
    } else {
        MouseEventKind::Down(button?)
    };
    Some(Event::Mouse(MouseEvent {
        kind,
        column: x.checked_sub(1)?,
        row: y.checked_sub(1)?,
        modifiers,
    }))
}
