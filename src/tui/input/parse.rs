//! Turns the bytes a terminal sends into key, mouse, focus and paste events, piece by piece.
//!
//! Pure: no clock and no terminal. The reader feeds it whatever each read returned and, when no
//! more bytes came in time, calls `expire`; what it is waiting for (`waiting`) tells the reader
//! how long to wait. A sequence split across reads parses as if it had come whole.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use super::Input;
use super::mouse;
use super::paste::Paste;

/// The longest control sequence kept while it is incomplete; a longer one is skipped whole.
const MAX_SEQUENCE: usize = 64;
/// The bytes that start a bracketed paste; its end marker is `paste::END`.
const PASTE_START: &str = "200";

/// What the parser needs before it can say more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Waiting {
    /// Nothing is pending.
    Nothing,
    /// The start of a sequence (a lone ESC, half a character) or the rest of one too long to
    /// keep: more usually follows at once.
    Sequence,
    /// A bracketed paste is open until its end marker.
    PasteEnd,
}

/// The byte-to-event parser. Memory stays bounded: a pending sequence holds at most
/// `MAX_SEQUENCE` bytes and a paste at most `paste::MAX_BYTES`.
#[derive(Debug, Default)]
pub struct Parser {
    /// Bytes of an event not complete yet.
    pending: Vec<u8>,
    /// Inside an over-long control sequence: its bytes are dropped up to its final byte.
    skipping: bool,
    paste: Option<Paste>,
}

/// What one look at the start of the pending bytes found.
#[derive(Debug, PartialEq)]
pub(super) enum Step {
    Event(Event, usize),
    /// Bytes that mean nothing we know: dropped, never typed.
    Drop(usize),
    /// A control sequence too long to keep: dropped up to its final byte.
    Skip(usize),
    PasteStart(usize),
    Incomplete,
}

impl Parser {
    pub fn new() -> Parser {
        Parser::default()
    }

    /// What the parser waits for now.
    pub fn waiting(&self) -> Waiting {
        if self.paste.is_some() {
            Waiting::PasteEnd
        } else if self.pending.is_empty() && !self.skipping {
            Waiting::Nothing
        } else {
            Waiting::Sequence
        }
    }

    /// Parses `bytes`, appending every event they complete to `out`.
    pub fn feed(&mut self, bytes: &[u8], out: &mut Vec<Input>) {
        let mut carry: Vec<u8>;
        let mut input = bytes;
        loop {
            if let Some(paste) = self.paste.as_mut() {
                let Some(after) = paste.take(input) else {
                    return;
                };
                if let Some(paste) = self.paste.take() {
                    out.extend(paste.finish(false));
                }
                input = &input[after..];
            } else {
                self.pending.extend_from_slice(input);
                if !self.parse_pending(out) {
                    return;
                }
                // A paste began: what followed its start marker is pasted text.
                carry = std::mem::take(&mut self.pending);
                input = &carry;
            }
        }
    }

    /// No more bytes came in time: what is pending means what it can on its own. A lone ESC is
    /// the Esc key, `ESC [` and `ESC O` are Alt keys, a cut sequence is dropped, and an open
    /// paste ends with what came.
    pub fn expire(&mut self, out: &mut Vec<Input>) {
        if let Some(paste) = self.paste.take() {
            out.extend(paste.finish(true));
            return;
        }
        let key = match self.pending.as_slice() {
            [0x1b] => Some(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
            [0x1b, b'['] => Some(KeyEvent::new(KeyCode::Char('['), KeyModifiers::ALT)),
            [0x1b, b'O'] => Some(KeyEvent::new(
                KeyCode::Char('O'),
                KeyModifiers::ALT | KeyModifiers::SHIFT,
            )),
            _ => None,
        };
        self.pending.clear();
        self.skipping = false;
        if let Some(key) = key {
            out.push(Input::Event(Event::Key(key)));
        }
    }

    /// Parses the pending bytes as far as they go. Returns true when a paste began; the bytes
    /// after its start marker are then left pending.
    fn parse_pending(&mut self, out: &mut Vec<Input>) -> bool {
        let mut at = 0;
        let mut pasting = false;
        while at < self.pending.len() {
            let rest = &self.pending[at..];
            if self.skipping {
                let (used, done) = skip_sequence(rest);
                at += used;
                self.skipping = !done;
                continue;
            }
            match parse_one(rest) {
                Step::Event(event, used) => {
                    out.push(Input::Event(event));
                    at += used;
                }
                Step::Drop(used) => at += used,
                Step::Skip(used) => {
                    at += used;
                    self.skipping = true;
                }
                Step::PasteStart(used) => {
                    at += used;
                    self.paste = Some(Paste::default());
                    pasting = true;
                    break;
                }
                Step::Incomplete => break,
            }
        }
        self.pending.drain(..at);
        pasting
    }
}

/// Inside an over-long control sequence: how many bytes of `bytes` belong to it, and whether
/// its final byte was among them.
fn skip_sequence(bytes: &[u8]) -> (usize, bool) {
    for (i, b) in bytes.iter().enumerate() {
        match b {
            0x20..=0x3f => {}
            0x40..=0x7e => return (i + 1, true),
            // Not part of a control sequence: it ended without a final byte.
            _ => return (i, true),
        }
    }
    (bytes.len(), false)
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

/// A typed character, with Shift for an upper-case letter (as crossterm reports it).
fn char_key(c: char, modifiers: KeyModifiers) -> Event {
    let shift = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    key(KeyCode::Char(c), modifiers | shift)
}

/// The first event at the start of `bytes` (not empty).
fn parse_one(bytes: &[u8]) -> Step {
    let Some(&first) = bytes.first() else {
        return Step::Incomplete;
    };
    let control = |code| Step::Event(key(code, KeyModifiers::NONE), 1);
    match first {
        0x1b => parse_escape(bytes),
        b'\r' | b'\n' => control(KeyCode::Enter),
        b'\t' => control(KeyCode::Tab),
        0x7f | 0x08 => control(KeyCode::Backspace),
        0x00 => Step::Event(key(KeyCode::Char(' '), KeyModifiers::CONTROL), 1),
        0x01..=0x1a => Step::Event(
            key(
                KeyCode::Char(char::from(first - 1 + b'a')),
                KeyModifiers::CONTROL,
            ),
            1,
        ),
        0x1c..=0x1f => Step::Event(
            key(
                KeyCode::Char(char::from(first - 0x1c + b'4')),
                KeyModifiers::CONTROL,
            ),
            1,
        ),
        _ => parse_char(bytes),
    }
}

/// One UTF-8 character; a byte that cannot start one is dropped.
fn parse_char(bytes: &[u8]) -> Step {
    let Some(&first) = bytes.first() else {
        return Step::Incomplete;
    };
    let len = match first {
        0x00..=0x7f => 1,
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return Step::Drop(1),
    };
    let Some(encoded) = bytes.get(..len) else {
        // Wait for the rest, unless what came already cannot be the start of a character.
        return match std::str::from_utf8(bytes) {
            Err(err) if err.error_len().is_some() => Step::Drop(1),
            _ => Step::Incomplete,
        };
    };
    match std::str::from_utf8(encoded)
        .ok()
        .and_then(|s| s.chars().next())
    {
        Some(c) => Step::Event(char_key(c, KeyModifiers::NONE), len),
        None => Step::Drop(1),
    }
}

/// A sequence that starts with ESC: a control sequence (CSI, SS3), Esc itself, or Alt+key.
fn parse_escape(bytes: &[u8]) -> Step {
    let Some(&second) = bytes.get(1) else {
        return Step::Incomplete;
    };
    match second {
        b'[' => parse_csi(bytes),
        b'O' => parse_ss3(bytes),
        // Esc pressed twice: the first is a key of its own.
        0x1b => Step::Event(key(KeyCode::Esc, KeyModifiers::NONE), 1),
        _ => match parse_one(&bytes[1..]) {
            Step::Event(Event::Key(mut event), used) => {
                event.modifiers |= KeyModifiers::ALT;
                Step::Event(Event::Key(event), used + 1)
            }
            Step::Incomplete => Step::Incomplete,
            _ => Step::Drop(2),
        },
    }
}

/// The end of a control sequence's parameters: `(index of the final byte)`, or what to do
/// when there is none yet. `from` is where the parameters start.
pub(super) fn final_byte(bytes: &[u8], from: usize) -> Result<usize, Step> {
    for (i, b) in bytes.iter().enumerate().skip(from) {
        match b {
            0x20..=0x3f if i < MAX_SEQUENCE => {}
            0x20..=0x3f => return Err(Step::Skip(i)),
            0x40..=0x7e => return Ok(i),
            // A byte that cannot be inside a sequence: what came before it is dropped.
            _ => return Err(Step::Drop(i)),
        }
    }
    if bytes.len() >= MAX_SEQUENCE {
        Err(Step::Skip(bytes.len()))
    } else {
        Err(Step::Incomplete)
    }
}

/// `ESC [ …`: cursor, edit and function keys, mouse reports, focus and the paste's start.
fn parse_csi(bytes: &[u8]) -> Step {
    match bytes.get(2) {
        None => return Step::Incomplete,
        Some(b'<') => return mouse::sgr(bytes),
        Some(b'M') => return mouse::x10(bytes),
        // The Linux console's F1–F5: ESC [ [ A … E.
        Some(b'[') => {
            return match bytes.get(3) {
                None => Step::Incomplete,
                Some(&b @ b'A'..=b'E') => {
                    Step::Event(key(KeyCode::F(b - b'A' + 1), KeyModifiers::NONE), 4)
                }
                Some(_) => Step::Drop(4),
            };
        }
        Some(_) => {}
    }
    let end = match final_byte(bytes, 2) {
        Ok(end) => end,
        Err(step) => return step,
    };
    let used = end + 1;
    // Only bytes 0x20–0x3f are between, so this is ASCII.
    let params = std::str::from_utf8(&bytes[2..end]).unwrap_or_default();
    let Some(event) = csi_event(params, bytes[end]) else {
        return if bytes[end] == b'~' && params == PASTE_START {
            Step::PasteStart(used)
        } else {
            Step::Drop(used)
        };
    };
    Step::Event(event, used)
}

/// The event a complete CSI sequence stands for; `None` for those we do not know.
fn csi_event(params: &str, last: u8) -> Option<Event> {
    if last == b'M' {
        return mouse::rxvt(params);
    }
    let mut fields = params.split(';');
    let first = fields.next().unwrap_or_default();
    let modifiers = match fields.next() {
        Some(mask) => modifiers(mask)?,
        None => KeyModifiers::NONE,
    };
    if fields.next().is_some() {
        return None;
    }
    let code = match last {
        b'~' => special_key(first.parse().ok()?)?,
        b'Z' => return Some(key(KeyCode::BackTab, modifiers | KeyModifiers::SHIFT)),
        b'I' if params.is_empty() => return Some(Event::FocusGained),
        b'O' if params.is_empty() => return Some(Event::FocusLost),
        _ if !matches!(first, "" | "1") => return None,
        _ => cursor_key(last)?,
    };
    Some(key(code, modifiers))
}

/// The keys the letter at the end of `ESC [ 1 ; m X` or `ESC O X` names.
fn cursor_key(last: u8) -> Option<KeyCode> {
    Some(match last {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P' => KeyCode::F(1),
        b'Q' => KeyCode::F(2),
        b'R' => KeyCode::F(3),
        b'S' => KeyCode::F(4),
        _ => return None,
    })
}

/// The keys of `ESC [ n ~` (VT220 style).
fn special_key(number: u8) -> Option<KeyCode> {
    Some(match number {
        1 | 7 => KeyCode::Home,
        2 => KeyCode::Insert,
        3 => KeyCode::Delete,
        4 | 8 => KeyCode::End,
        5 => KeyCode::PageUp,
        6 => KeyCode::PageDown,
        n @ 11..=15 => KeyCode::F(n - 10),
        n @ 17..=21 => KeyCode::F(n - 11),
        n @ 23..=24 => KeyCode::F(n - 12),
        _ => return None,
    })
}

/// A modifier parameter: 1 + the sum of Shift 1, Alt 2, Ctrl 4, Super 8 (an event kind after
/// `:` is ignored: every key arrives as pressed).
fn modifiers(field: &str) -> Option<KeyModifiers> {
    let mask: u8 = field.split(':').next()?.parse().ok()?;
    let bits = mask.checked_sub(1)?;
    let mut modifiers = KeyModifiers::NONE;
    for (bit, modifier) in [
        (1, KeyModifiers::SHIFT),
        (2, KeyModifiers::ALT),
        (4, KeyModifiers::CONTROL),
        (8, KeyModifiers::SUPER),
    ] {
        if bits & bit != 0 {
            modifiers |= modifier;
        }
    }
    Some(modifiers)
}

/// `ESC O X` (cursor keys in application mode, F1–F4), also with a modifier: `ESC O 5 A`.
fn parse_ss3(bytes: &[u8]) -> Step {
    let end = match final_byte(bytes, 2) {
        Ok(end) => end,
        Err(step) => return step,
    };
    let params = std::str::from_utf8(&bytes[2..end]).unwrap_or_default();
    let modifiers = if params.is_empty() {
        Some(KeyModifiers::NONE)
    } else {
        modifiers(params)
    };
    let code = match bytes[end] {
        b'M' => Some(KeyCode::Enter),
        last => cursor_key(last),
    };
    match (code, modifiers) {
        (Some(code), Some(modifiers)) => Step::Event(key(code, modifiers), end + 1),
        _ => Step::Drop(end + 1),
    }
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
