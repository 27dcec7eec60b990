//! Opening a CSV file for streaming: its encoding settled (see `encoding`), the delimiter sniffed
//! from the header line, and a cap on how much one record may hold, so a huge field is refused without reading
//! the whole file into memory.

use std::cell::Cell;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::rc::Rc;

use encoding_rs::{Encoding, UTF_8};

use super::encoding::{self, Decoding, Settled};

/// The most one record may hold; more is almost always a broken file or a hostile one.
pub const MAX_RECORD_BYTES: u64 = 1 << 20;

/// How far the reader may read, shared between the reader and whoever reads records from it.
#[derive(Debug, Clone, Default)]
pub struct Allowance {
    until: Rc<Cell<u64>>,
    tripped: Rc<Cell<bool>>,
}

impl Allowance {
    /// A record ends at `position`: the next one may take `MAX_RECORD_BYTES` from there.
    pub fn record_ended(&self, position: u64) {
        // The CSV reader reads ahead by one buffer; allow for it.
        self.until.set(position + MAX_RECORD_BYTES + 64 * 1024);
    }

    /// Whether reading stopped because a record was too large.
    pub fn tripped(&self) -> bool {
        self.tripped.get()
    }
}

/// A reader that stops with an error past its allowance.
pub struct Capped<R> {
    inner: R,
    read: u64,
    allowance: Allowance,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.allowance.until.get().saturating_sub(self.read);
        if left == 0 {
            self.allowance.tripped.set(true);
            return Err(io::Error::other("a record is larger than the limit"));
        }
        let want = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..want])?;
        self.read += n as u64;
        Ok(n)
    }
}

/// An opened CSV file.
pub struct CsvFile {
    pub reader: ::csv::Reader<Capped<Box<dyn Read>>>,
    pub delimiter: u8,
    pub allowance: Allowance,
    /// The file's size in bytes (for progress).
    pub size: u64,
    /// Bytes skipped before the first record (a BOM), so positions can be told in file terms.
    pub skipped: u64,
    /// The encoding the file is read in, and how that was settled.
    pub encoding: &'static Encoding,
    pub settled: Settled,
    /// Bytes of the file read so far, when it is decoded (its positions are then in UTF-8).
    raw_read: Option<Rc<Cell<u64>>>,
}

impl CsvFile {
    /// How far into the file reading got, in the file's own bytes.
    pub fn done(&self) -> u64 {
        match &self.raw_read {
            Some(read) => read.get(),
            None => self.reader.position().byte() + self.skipped,
        }
    }
}

/// A reader that counts the bytes it yields.
struct Counted<R> {
    inner: R,
    read: Rc<Cell<u64>>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.set(self.read.get() + n as u64);
        Ok(n)
    }
}

/// Opens `path` for reading records, in `chosen` encoding or the one its bytes show.
pub fn open(path: &Path, chosen: Option<&'static Encoding>) -> io::Result<CsvFile> {
    let file = File::open(path)?;
    let size = file.metadata()?.len();
    let mut buffered = BufReader::with_capacity(64 * 1024, file);
    let head = buffered.fill_buf()?.to_vec();
    let (encoding, settled) = encoding::settle(&head, chosen, || {
        // The first bytes that are not UTF-8 may be anywhere: look at the whole file.
        encoding::is_utf8(File::open(path)?)
    })?;
    let mut skipped = 0;
    let mut raw_read = None;
    // UTF-8 the bytes proved is read as it is; UTF-8 the user chose is decoded, so bytes that are
    // not UTF-8 become replacement characters instead of stopping the import.
    let (source, delimiter): (Box<dyn Read>, u8) =
        if encoding == UTF_8 && settled != Settled::Chosen {
            if head.starts_with(b"\xEF\xBB\xBF") {
                skipped = 3;
            }
            buffered.consume(skipped);
            (Box::new(buffered), sniff_delimiter(&head[skipped..]))
        } else {
            let (text, _) = encoding.decode_with_bom_removal(&head);
            let delimiter = sniff_delimiter(text.as_bytes());
            let read = Rc::new(Cell::new(0));
            raw_read = Some(read.clone());
            let counted = BufReader::with_capacity(
                64 * 1024,
                Counted {
                    inner: buffered,
                    read,
                },
            );
            (Box::new(Decoding::new(counted, encoding)), delimiter)
        };
    let allowance = Allowance::default();
    allowance.record_ended(0);
    let capped = Capped {
        inner: source,
        read: 0,
        allowance: allowance.clone(),
    };
    let reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(capped);
    Ok(CsvFile {
        reader,
        delimiter,
        allowance,
        size,
        skipped: skipped as u64,
        encoding,
        settled,
        raw_read,
    })
}

/// The delimiter of a header line: the most frequent of `,`, `;` and tab outside quotes (comma
/// on a tie), as European spreadsheet programs write `;`.
pub fn sniff_delimiter(head: &[u8]) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for &byte in head {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                for (candidate, count) in &mut counts {
                    if byte == *candidate {
                        *count += 1;
                    }
                }
            }
            _ => {}
        }
    }
    counts
        .iter()
        .fold(
            (b',', 0),
            |best, &(c, n)| if n > best.1 { (c, n) } else { best },
        )
        .0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delimiter_is_the_commonest_outside_quotes_on_the_first_line() {
        assert_eq!(sniff_delimiter(b"Name,Website,Stage\nx;y;z;w"), b',');
        assert_eq!(sniff_delimiter(b"Name;Website;\"a,b,c\"\n"), b';');
        assert_eq!(sniff_delimiter(b"Name\tWebsite\n"), b'\t');
        assert_eq!(sniff_delimiter(b"Name\n"), b',');
        assert_eq!(sniff_delimiter(b""), b',');
    }
}
