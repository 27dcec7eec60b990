//! Which encoding a CSV file is in (UTF-8 with or without a BOM, UTF-16 by its BOM, else
//! Windows-1252 as Excel writes on Windows) and a reader that turns it into UTF-8 as it streams.

use std::io::{self, BufRead, Read};

use encoding_rs::{Decoder, Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// How the file's encoding was settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settled {
    /// By a byte-order mark.
    Bom,
    /// Every byte is valid UTF-8.
    Valid,
    /// Not UTF-8, so read as Windows-1252 (a guess the user may correct).
    Fallback,
    /// Chosen with `--encoding`.
    Chosen,
}

/// The encoding a `--encoding` label names ("utf-8", "utf-16le", "windows-1252", "latin1", …).
pub fn by_label(label: &str) -> Result<&'static Encoding, String> {
    Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
        format!(
            "--encoding {label:?} is not an encoding partnerplan knows; use utf-8, utf-16le, \
             utf-16be or windows-1252 (latin1 and iso-8859-1 are read as windows-1252)."
        )
    })
}

/// The encoding of a file that starts with `head`, and how many BOM bytes to skip.
pub fn by_bom(head: &[u8]) -> Option<(&'static Encoding, usize)> {
    Encoding::for_bom(head)
}

/// Whether everything `reader` yields is UTF-8 (read in large pieces; stops at the first byte
/// that is not).
pub fn is_utf8(mut reader: impl Read) -> io::Result<bool> {
    let mut buf = vec![0u8; 256 * 1024];
    let mut carried = 0;
    loop {
        let n = reader.read(&mut buf[carried..])?;
        let end = carried + n;
        if n == 0 {
            return Ok(carried == 0);
        }
        match std::str::from_utf8(&buf[..end]) {
            Ok(_) => carried = 0,
            Err(err) if err.error_len().is_none() => {
                // A character cut at the end of this piece: carry it to the next.
                let valid = err.valid_up_to();
                buf.copy_within(valid..end, 0);
                carried = end - valid;
            }
            Err(_) => return Ok(false),
        }
    }
}

/// What to read the file as, given its first bytes, whether all of it is UTF-8 (asked only when
/// needed) and the user's choice.
pub fn settle(
    head: &[u8],
    chosen: Option<&'static Encoding>,
    all_utf8: impl FnOnce() -> io::Result<bool>,
) -> io::Result<(&'static Encoding, Settled)> {
    if let Some(encoding) = chosen {
        return Ok((encoding, Settled::Chosen));
    }
    if let Some((encoding, _)) = by_bom(head) {
        return Ok((encoding, Settled::Bom));
    }
    if all_utf8()? {
        Ok((UTF_8, Settled::Valid))
    } else {
        Ok((WINDOWS_1252, Settled::Fallback))
    }
}

/// The name users know an encoding by.
pub fn name(encoding: &'static Encoding) -> &'static str {
    if encoding == UTF_8 {
        "UTF-8"
    } else if encoding == UTF_16LE {
        "UTF-16LE"
    } else if encoding == UTF_16BE {
        "UTF-16BE"
    } else if encoding == WINDOWS_1252 {
        "Windows-1252"
    } else {
        encoding.name()
    }
}

/// A reader of UTF-8 decoded from another encoding, a buffer at a time.
pub struct Decoding<R> {
    inner: R,
    decoder: Decoder,
    out: Vec<u8>,
    start: usize,
    end: usize,
    finished: bool,
}

impl<R: BufRead> Decoding<R> {
    /// Decodes `inner` from `encoding`; a BOM of that encoding at the start is dropped.
    pub fn new(inner: R, encoding: &'static Encoding) -> Decoding<R> {
        Decoding {
            inner,
            decoder: encoding.new_decoder_with_bom_removal(),
            out: vec![0; 256 * 1024],
            start: 0,
            end: 0,
            finished: false,
        }
    }
}

impl<R: BufRead> Read for Decoding<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.start == self.end && !self.finished {
            let input = self.inner.fill_buf()?;
            let last = input.is_empty();
            // Room for what this much input can become, whatever it holds.
            let room = self
                .decoder
                .max_utf8_buffer_length(input.len())
                .unwrap_or(input.len() * 3 + 16);
            if self.out.len() < room {
                self.out.resize(room, 0);
            }
            let (_, read, written, _) = self.decoder.decode_to_utf8(input, &mut self.out, last);
            self.inner.consume(read);
            self.start = 0;
            self.end = written;
            self.finished = last;
        }
        let n = buf.len().min(self.end - self.start);
        buf[..n].copy_from_slice(&self.out[self.start..self.start + n]);
        self.start += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8], encoding: &'static Encoding) -> String {
        let mut text = String::new();
        // A small buffer, so characters are cut between reads.
        let reader = io::BufReader::with_capacity(3, bytes);
        Decoding::new(reader, encoding)
            .read_to_string(&mut text)
            .unwrap();
        text
    }

    fn settled(bytes: &[u8]) -> (&'static str, Settled) {
        let (encoding, how) = settle(bytes, None, || is_utf8(bytes)).unwrap();
        (name(encoding), how)
    }

    #[test]
    fn boms_valid_utf8_and_the_windows_1252_fallback_are_told_apart() {
        assert_eq!(settled(b"\xEF\xBB\xBFName\n"), ("UTF-8", Settled::Bom));
        assert_eq!(settled(b"\xFF\xFEN\0"), ("UTF-16LE", Settled::Bom));
        assert_eq!(settled(b"\xFE\xFF\0N"), ("UTF-16BE", Settled::Bom));
        assert_eq!(
            settled("Name\nMüller\n".as_bytes()),
            ("UTF-8", Settled::Valid)
        );
        assert_eq!(
            settled(b"Name\nM\xFCller\n"),
            ("Windows-1252", Settled::Fallback)
        );
        assert_eq!(settled(b""), ("UTF-8", Settled::Valid));
        let chosen = by_label("latin1").unwrap();
        assert_eq!(
            settle(b"abc", Some(chosen), || unreachable!()).unwrap(),
            (WINDOWS_1252, Settled::Chosen)
        );
        assert!(by_label("klingon").unwrap_err().contains("windows-1252"));
    }

    #[test]
    fn a_character_cut_between_pieces_is_still_utf8() {
        let mut text = "a".repeat(256 * 1024 - 1);
        text.push('é');
        text.push_str("\nb\n");
        assert!(is_utf8(text.as_bytes()).unwrap());
        let mut bad = text.into_bytes();
        bad.push(0xFC);
        assert!(!is_utf8(bad.as_slice()).unwrap());
    }

    #[test]
    fn utf16_and_windows_1252_decode_to_the_same_text() {
        let text = "Name\tÜmit – Café\r\n";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            le.extend(unit.to_le_bytes());
            be.extend(unit.to_be_bytes());
        }
        assert_eq!(decode(&le, UTF_16LE), text);
        assert_eq!(decode(&be, UTF_16BE), text);
        assert_eq!(
            decode(b"Name\t\xDCmit \x96 Caf\xE9\r\n", WINDOWS_1252),
            text
        );
    }
}
