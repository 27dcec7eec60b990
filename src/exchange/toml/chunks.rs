//! A TOML workbook file cut into pieces that parse on their own — the top-level keys, then one
//! piece per table header (`[workbook]`, `[[partners]]` …) — read line by line, so an import
//! holds one record in memory, never the whole file.
//!
//! Outside a multi-line string and an open array or inline table, a line that starts with `[` can
//! only be a table header, so that is where a piece ends. Should the cut ever land wrong, the
//! pieces simply fail to parse (or parse as a larger piece): the caller then reads the file whole.

use std::io::{BufRead, Read};

/// The longest line read, and the largest piece: far above any record partnerplan writes (each
/// text at most 100,000 characters), low enough that a hostile file cannot fill memory.
pub const PIECE_MAX_BYTES: usize = 16 * 1024 * 1024;

/// One piece of the file: its text, the byte offset it starts at and its first line (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub start: u64,
    pub line: usize,
}

/// Why the file could not be cut into pieces.
#[derive(Debug)]
pub enum CutError {
    /// A line that is not UTF-8 text.
    NotText {
        line: usize,
    },
    /// A piece larger than `PIECE_MAX_BYTES`.
    TooLarge {
        line: usize,
    },
    Io(std::io::Error),
}

/// Where the scanner is between lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Plain,
    /// Inside `"""…"""`.
    MultiBasic,
    /// Inside `'''…'''`.
    MultiLiteral,
}

/// The pieces of a file, in order.
pub struct Pieces<R> {
    reader: R,
    /// Bytes read so far, and lines.
    offset: u64,
    lines: usize,
    state: State,
    /// Open `[` and `{` of values (arrays, inline tables) spread over lines.
    depth: usize,
    /// A header line read that starts the next piece.
    pending: Option<(String, u64, usize)>,
    done: bool,
}

impl<R: BufRead> Pieces<R> {
    pub fn new(reader: R) -> Pieces<R> {
        Pieces {
            reader,
            offset: 0,
            lines: 0,
            state: State::Plain,
            depth: 0,
            pending: None,
            done: false,
        }
    }

    /// The next line with its offset and number, or `None` at the end.
    fn line(&mut self) -> Result<Option<(String, u64, usize)>, CutError> {
        let mut bytes = Vec::new();
        let read = Read::take(&mut self.reader, PIECE_MAX_BYTES as u64 + 1)
            .read_until(b'\n', &mut bytes)
            .map_err(CutError::Io)?;
        if read == 0 {
            return Ok(None);
        }
        let (start, line) = (self.offset, self.lines + 1);
        self.offset += read as u64;
        self.lines += 1;
        if bytes.len() > PIECE_MAX_BYTES {
            return Err(CutError::TooLarge { line });
        }
        let text = String::from_utf8(bytes).map_err(|_| CutError::NotText { line })?;
        Ok(Some((text, start, line)))
    }

    fn next_piece(&mut self) -> Result<Option<Piece>, CutError> {
        if self.done {
            return Ok(None);
        }
        let mut piece = match self.pending.take() {
            Some((text, start, line)) => Piece { text, start, line },
            None => Piece {
                text: String::new(),
                start: self.offset,
                line: self.lines + 1,
            },
        };
        while let Some((text, start, line)) = self.line()? {
            let at_rest = self.state == State::Plain && self.depth == 0;
            if at_rest && text.trim_start().starts_with('[') && !piece.text.is_empty() {
                // A header at rest: this line starts the next piece. (A header line holds no
                // string or bracket that stays open, so the state is unchanged.)
                self.pending = Some((text, start, line));
                return Ok(Some(piece));
            }
            if !(at_rest && text.trim_start().starts_with('[')) {
                self.scan(&text);
            }
            if piece.text.len() + text.len() > PIECE_MAX_BYTES {
                return Err(CutError::TooLarge { line: piece.line });
            }
            piece.text.push_str(&text);
        }
        self.done = true;
        Ok((!piece.text.is_empty()).then_some(piece))
    }

    /// Follows strings, comments and brackets through one line of a value.
    fn scan(&mut self, line: &str) {
        let bytes = line.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match self.state {
                State::MultiBasic | State::MultiLiteral => {
                    let quote = if self.state == State::MultiBasic {
                        b'"'
                    } else {
                        b'\''
                    };
                    match bytes[i] {
                        b'\\' if self.state == State::MultiBasic => i += 2,
                        b if b == quote && bytes[i..].starts_with(&[quote; 3]) => {
                            i += 3;
                            // Up to two more quotes belong to the text before the closing three.
                            let mut extra = 0;
                            while extra < 2 && bytes.get(i) == Some(&quote) {
                                i += 1;
                                extra += 1;
                            }
                            self.state = State::Plain;
                        }
                        _ => i += 1,
                    }
                }
                State::Plain => match bytes[i] {
                    b'#' => return,
                    b'"' if bytes[i..].starts_with(b"\"\"\"") => {
                        self.state = State::MultiBasic;
                        i += 3;
                    }
                    b'\'' if bytes[i..].starts_with(b"'''") => {
                        self.state = State::MultiLiteral;
                        i += 3;
                    }
                    b'"' => i = skip_basic(bytes, i + 1),
                    b'\'' => {
                        i += 1;
                        while i < bytes.len() && bytes[i] != b'\'' && bytes[i] != b'\n' {
                            i += 1;
                        }
                        i += 1;
                    }
                    b'[' | b'{' => {
                        self.depth += 1;
                        i += 1;
                    }
                    b']' | b'}' => {
                        self.depth = self.depth.saturating_sub(1);
                        i += 1;
                    }
                    _ => i += 1,
                },
            }
        }
    }
}

/// The index just past the closing quote of a one-line basic string whose text starts at `i`.
fn skip_basic(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' | b'\n' => return i + 1,
            _ => i += 1,
        }
    }
    i
}

impl<R: BufRead> Iterator for Pieces<R> {
    type Item = Result<Piece, CutError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.next_piece() {
            Ok(Some(piece)) => Some(Ok(piece)),
            Ok(None) => None,
            Err(err) => {
                self.done = true;
                Some(Err(err))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> Vec<(String, u64, usize)> {
        Pieces::new(text.as_bytes())
            .map(|p| p.map(|p| (p.text, p.start, p.line)))
            .collect::<Result<_, _>>()
            .unwrap()
    }

    #[test]
    fn pieces_start_at_headers_and_keep_offsets_and_lines() {
        let text = "format = 1\n\n[workbook]\ntitle = \"A\"\n\n[[partners]]\nname = \"B\"\n";
        let pieces = cut(text);
        assert_eq!(pieces.len(), 3);
        assert_eq!(pieces[0], ("format = 1\n\n".into(), 0, 1));
        assert_eq!(pieces[1].2, 3);
        assert_eq!(&text[pieces[1].1 as usize..][..10], "[workbook]");
        assert_eq!(pieces[2].0, "[[partners]]\nname = \"B\"\n");
        assert_eq!(pieces[2].2, 6);
        assert_eq!(
            pieces.iter().map(|p| p.0.as_str()).collect::<String>(),
            text
        );
    }

    #[test]
    fn brackets_inside_strings_and_arrays_do_not_cut() {
        let text = "[[risks]]\nnotes = \"\"\"\n[not a header]\n\"\"\"\ntags = [\n  [1, 2],\n]\n\
                    title = '[x'\nnote = \"a \\\" [b\" # [c\n[[risks]]\nnotes = '''\n[[still text]]\n'''\n";
        let pieces = cut(text);
        assert_eq!(pieces.len(), 2, "{pieces:#?}");
        assert!(pieces[0].0.contains("[not a header]"));
        assert!(pieces[0].0.ends_with("# [c\n"));
        assert!(pieces[1].0.contains("[[still text]]"));
    }

    #[test]
    fn a_line_too_long_or_not_text_is_refused_with_its_line() {
        let long = format!("a = 1\nb = \"{}\"\n", "x".repeat(PIECE_MAX_BYTES));
        let err = Pieces::new(long.as_bytes())
            .collect::<Result<Vec<_>, _>>()
            .unwrap_err();
        assert!(matches!(err, CutError::TooLarge { line: 2 }), "{err:?}");
        let bytes: &[u8] = b"a = 1\nb = \"\xff\"\n";
        let err = Pieces::new(bytes)
            .collect::<Result<Vec<_>, _>>()
            .unwrap_err();
        assert!(matches!(err, CutError::NotText { line: 2 }), "{err:?}");
    }
}
