//! A bracketed paste being received: its text up to a size limit, and the word for the status
//! line when it had no end or was cut.

use memchr::memmem;
use ratatui::crossterm::event::Event;

use super::{Input, PASTE_IDLE};
use crate::plan::intake::TEXT_MAX_CHARS;
use crate::plan::numbers::group_thousands;

/// The marker that ends a bracketed paste.
pub const END: &[u8] = b"\x1b[201~";
/// The most of one paste that is kept: more than any field holds (100,000 characters of up to
/// four bytes each), so memory stays bounded whatever a terminal sends.
pub const MAX_BYTES: usize = 1 << 20;

/// The text of an open paste.
#[derive(Debug, Default)]
pub struct Paste {
    bytes: Vec<u8>,
    /// The last bytes received when they may be the start of the end marker.
    tail: Vec<u8>,
    /// Bytes beyond `MAX_BYTES`, counted and let go.
    dropped: usize,
}

/// What the status line says about a paste that did not arrive as sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasteNote {
    /// The characters pasted.
    pub chars: usize,
    /// No end marker came: the paste ended after `PASTE_IDLE` without input.
    pub unfinished: bool,
    /// Bytes pasted, and bytes left out because the paste passed `MAX_BYTES`.
    pub kept: usize,
    pub dropped: usize,
}

impl Paste {
    /// Takes the paste's bytes from `input`. Returns where the bytes after its end marker start
    /// in `input`, or `None` when all of it was pasted text (the paste is still open).
    pub fn take(&mut self, input: &[u8]) -> Option<usize> {
        if self.tail.is_empty() {
            return self.scan(input);
        }
        let mut joined = std::mem::take(&mut self.tail);
        let before = joined.len();
        joined.extend_from_slice(input);
        // The tail alone holds no whole marker, so one found ends inside `input`.
        self.scan(&joined).map(|after| after.saturating_sub(before))
    }

    /// The bytes kept so far.
    #[cfg(test)]
    pub fn kept(&self) -> usize {
        self.bytes.len()
    }

    fn scan(&mut self, bytes: &[u8]) -> Option<usize> {
        if let Some(at) = memmem::find(bytes, END) {
            self.push(&bytes[..at]);
            return Some(at + END.len());
        }
        let keep = (1..END.len())
            .rev()
            .find(|&n| bytes.ends_with(&END[..n]))
            .unwrap_or(0);
        let (text, tail) = bytes.split_at(bytes.len() - keep);
        self.push(text);
        self.tail = tail.to_vec();
        None
    }

    fn push(&mut self, text: &[u8]) {
        let room = MAX_BYTES - self.bytes.len();
        let kept = text.len().min(room);
        self.bytes.extend_from_slice(&text[..kept]);
        self.dropped += text.len() - kept;
    }

    /// The paste as an event (line breaks as `\n`, whichever the terminal sent), and a note
    /// when it did not end (`unfinished`) or was cut.
    pub fn finish(mut self, unfinished: bool) -> Vec<Input> {
        if unfinished {
            let tail = std::mem::take(&mut self.tail);
            self.push(&tail);
        }
        if self.dropped > 0 {
            // The cut may split a character: leave its first bytes out too.
            let whole = std::str::from_utf8(&self.bytes)
                .err()
                .filter(|err| err.error_len().is_none())
                .map(|err| err.valid_up_to());
            if let Some(whole) = whole {
                self.dropped += self.bytes.len() - whole;
                self.bytes.truncate(whole);
            }
        }
        let text = String::from_utf8_lossy(&self.bytes)
            .replace("\r\n", "\n")
            .replace('\r', "\n");
        let chars = text.chars().count();
        let mut out = Vec::new();
        if !text.is_empty() {
            out.push(Input::Event(Event::Paste(text)));
        }
        if unfinished || self.dropped > 0 {
            out.push(Input::Note(PasteNote {
                chars,
                unfinished,
                kept: self.bytes.len(),
                dropped: self.dropped,
            }));
        }
        out
    }
}

impl PasteNote {
    /// The status line's sentence (one line: what happened, and what to do).
    pub fn message(&self) -> String {
        let mut parts = Vec::new();
        if self.dropped > 0 {
            parts.push(format!(
                "Paste cut to its first {} ({} left out): a field holds at most {} characters.",
                size(self.kept),
                size(self.dropped),
                group_thousands(TEXT_MAX_CHARS as i64),
            ));
        }
        if self.unfinished {
            let wait = PASTE_IDLE.as_secs_f64();
            parts.push(if self.chars == 0 {
                format!("A paste began but sent nothing for {wait} s; it was let go.")
            } else {
                format!(
                    "The paste had no end marker: its {} characters were taken after {wait} s. \
                     Check the text.",
                    group_thousands(i64::try_from(self.chars).unwrap_or(i64::MAX)),
                )
            });
        }
        parts.join(" ")
    }
}

/// A byte count as people read it: 812 bytes, 64 KB, 1.0 MB.
fn size(bytes: usize) -> String {
    const KB: usize = 1 << 10;
    const MB: usize = 1 << 20;
    if bytes < KB {
        format!("{bytes} bytes")
    } else if bytes < MB {
        format!("{} KB", bytes / KB)
    } else {
        format!("{:.1} MB", bytes as f64 / MB as f64)
    }
}
