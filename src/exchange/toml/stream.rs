//! Importing a TOML workbook file without holding it in memory: first checked piece by piece
//! (syntax, the format, every field, unique UUIDs), then written table by table in dependency
//! order, reading again only the pieces that hold each table. A reference that leads nowhere is
//! found as its record is written; then nothing is kept. Memory stays that of one record plus
//! 32 bytes per record for the UUID check, whatever the size of the file.

use std::collections::HashMap;
use std::io::{BufReader, Read, Seek, SeekFrom};

use ::toml::de::DeTable;
use sha2::{Digest, Sha256};

use super::chunks::{CutError, PIECE_MAX_BYTES, Piece, Pieces};
use super::read::{Counts, Place, Reader, TextProblem, read};
use crate::plan::intake::word_problem;
use crate::plan::vocabulary::VocabularyKind;
use crate::workbook::Restoring;
use crate::workbook::dump::{Cell, Record, TableRecords};
use crate::workbook::layout::{ColumnKind, TABLES, TableLayout};

/// A file up to this size whose pieces do not parse on their own is read whole, so that the
/// parser's message about the whole file is the one the user sees.
const WHOLE_MAX_BYTES: u64 = 8 * 1024 * 1024;

/// How many problems are gathered before the check stops reading.
const ENOUGH_PROBLEMS: usize = 50;

/// A stretch of the file that holds records of one table (`None`: of several).
#[derive(Debug, Clone)]
pub(super) struct Span {
    table: Option<usize>,
    start: u64,
    end: u64,
    line: usize,
}

/// What the check found the file to be.
pub(super) enum Checked {
    /// Valid, with where each table's records are.
    Outline(Vec<Span>),
    /// Valid, read whole (a small file the pieces could not follow).
    Whole(Vec<TableRecords>),
}

/// Where a UUID was first met: its table, record number and line.
#[derive(Debug, Clone, Copy)]
struct Seat {
    table: u16,
    number: u32,
    line: u32,
}

fn fingerprint(uuid: &str) -> [u8; 16] {
    let digest = Sha256::digest(uuid.as_bytes());
    let mut key = [0; 16];
    key.copy_from_slice(&digest[..16]);
    key
}

fn path_of(table: usize, number: usize) -> String {
    let layout = &TABLES[table];
    if layout.single {
        layout.key.to_string()
    } else {
        format!("{}[{number}]", layout.key)
    }
}

/// Checks the whole file, piece by piece; nothing is written.
pub(super) fn check<R: Read + Seek>(source: &mut R) -> Result<Checked, Vec<TextProblem>> {
    let size = source.seek(SeekFrom::End(0)).map_err(io_problem)?;
    source.seek(SeekFrom::Start(0)).map_err(io_problem)?;
    let mut problems: Vec<TextProblem> = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let mut seats: HashMap<[u8; 16], Seat> = HashMap::new();
    let mut counts = Counts::default();
    let mut link_kinds = LinkKinds::default();
    let mut first = true;
    for piece in Pieces::new(BufReader::new(&mut *source)) {
        let piece = match piece {
            Ok(piece) => piece,
            Err(_) if size <= WHOLE_MAX_BYTES => return whole(source),
            Err(err) => return Err(vec![cut_problem(err)]),
        };
        let mut reader = Reader::new(&piece.text, piece.line);
        let document = match DeTable::parse(&piece.text) {
            Ok(document) => document.into_inner(),
            Err(_) if size <= WHOLE_MAX_BYTES => return whole(source),
            Err(err) => return Err(vec![reader.syntax(&err)]),
        };
        if std::mem::take(&mut first) {
            reader.check_format(&document);
            if !reader.problems.is_empty() {
                return Err(reader.problems);
            }
        }
        let mut met: Vec<(usize, Record, Place)> = Vec::new();
        reader.entries(&document, &mut counts, None, &mut |table, record, place| {
            met.push((table, record, place));
        });
        let mut tables: Vec<usize> = Vec::new();
        for (table, record, place) in &met {
            link_kinds.note(&reader, TABLES[*table].table, record, place);
        }
        for (table, record, place) in met {
            if !tables.contains(&table) {
                tables.push(table);
            }
            let line = reader.line_of(place.uuid_at);
            let seat = Seat {
                table: table as u16,
                number: counts_number(&place),
                line: line as u32,
            };
            match seats.entry(fingerprint(&record.uuid)) {
                std::collections::hash_map::Entry::Occupied(first) => {
                    let first = *first.get();
                    reader.push(
                        place.uuid_at,
                        &format!("{}.uuid", place.path),
                        format!(
                            "{} is used already, by {} (line {})",
                            record.uuid,
                            path_of(usize::from(first.table), first.number as usize),
                            first.line
                        ),
                    );
                }
                std::collections::hash_map::Entry::Vacant(free) => {
                    free.insert(seat);
                }
            }
        }
        note_span(&mut spans, &tables, &piece, size);
        problems.append(&mut reader.problems);
        if problems.len() >= ENOUGH_PROBLEMS {
            break;
        }
    }
    problems.extend(link_kinds.problems());
    if problems.is_empty() {
        Ok(Checked::Outline(spans))
    } else {
        problems.sort_by_key(|p| p.line);
        Err(problems)
    }
}

/// Every link's kind is a word of the plan's list — the shipped words and the file's own
/// (`vocabulary_terms` of kind "link kind"), which may come after the links — as `read` checks
/// it for a file read whole. Only kinds outside the shipped list wait for the end of the file.
#[derive(Default)]
struct LinkKinds {
    added: Vec<String>,
    /// (kind, line, key) of links whose kind is not a shipped word.
    waiting: Vec<(String, usize, String)>,
}

impl LinkKinds {
    fn note(&mut self, reader: &Reader<'_>, table: &str, record: &Record, place: &Place) {
        let layout = match TABLES.iter().find(|t| t.table == table) {
            Some(layout) => layout,
            None => return,
        };
        let text = |key: &str| {
            let at = layout.columns.iter().position(|c| c.key == key)?;
            match record.cells.get(at) {
                Some(Cell::Text(text)) => Some(text.clone()),
                _ => None,
            }
        };
        let link_kind = VocabularyKind::LinkKind;
        match table {
            "vocabulary_terms" if text("kind").as_deref() == Some(link_kind.word()) => {
                self.added.extend(text("term"));
            }
            "partner_links" => {
                if let Some(kind) = text("kind")
                    && word_problem("kind of link", &kind, link_kind.defaults()).is_some()
                {
                    let key = format!("{}.kind", place.path);
                    self.waiting
                        .push((kind, reader.line_of(place.uuid_at), key));
                }
            }
            _ => {}
        }
    }

    fn problems(self) -> Vec<TextProblem> {
        let mut words = VocabularyKind::LinkKind.defaults().to_vec();
        words.extend(self.added);
        self.waiting
            .into_iter()
            .filter_map(|(kind, line, key)| {
                word_problem("kind of link", &kind, &words).map(|message| TextProblem {
                    line,
                    key,
                    message,
                })
            })
            .collect()
    }
}

/// The record number in a path such as `partners[37]` (1 for a single table).
fn counts_number(place: &Place) -> u32 {
    place
        .path
        .rsplit_once('[')
        .and_then(|(_, n)| n.trim_end_matches(']').parse().ok())
        .unwrap_or(1)
}

/// Extends the last span when this piece continues it, else starts a new one.
fn note_span(spans: &mut Vec<Span>, tables: &[usize], piece: &Piece, size: u64) {
    if tables.is_empty() {
        return;
    }
    let table = match tables {
        [one] => Some(*one),
        _ => None,
    };
    let end = (piece.start + piece.text.len() as u64).min(size);
    if let Some(last) = spans.last_mut()
        && last.table == table
        && table.is_some()
        && last.end == piece.start
    {
        last.end = end;
        return;
    }
    spans.push(Span {
        table,
        start: piece.start,
        end,
        line: piece.line,
    });
}

fn whole<R: Read + Seek>(source: &mut R) -> Result<Checked, Vec<TextProblem>> {
    source.seek(SeekFrom::Start(0)).map_err(io_problem)?;
    let mut text = String::new();
    source.read_to_string(&mut text).map_err(|_| {
        vec![TextProblem {
            line: 1,
            key: String::new(),
            message: "the file is not UTF-8 text; save it as UTF-8 and import it again".into(),
        }]
    })?;
    read(&text, &super::Known::new()).map(Checked::Whole)
}

fn io_problem(err: std::io::Error) -> Vec<TextProblem> {
    vec![TextProblem {
        line: 1,
        key: String::new(),
        message: format!("the file could not be read: {err}"),
    }]
}

fn cut_problem(err: CutError) -> TextProblem {
    let (line, message) = match err {
        CutError::NotText { line } => (
            line,
            "is not UTF-8 text; save the file as UTF-8 and import it again".to_string(),
        ),
        CutError::TooLarge { line } => (
            line,
            format!(
                "a record here is larger than {} MB, far more than any field holds (at most \
                 100,000 characters each); shorten the long value",
                PIECE_MAX_BYTES / (1024 * 1024)
            ),
        ),
        CutError::Io(err) => (1, format!("the file could not be read: {err}")),
    };
    TextProblem {
        line,
        key: String::new(),
        message,
    }
}

/// A record whose reference to its own table is set at the end: where it was read.
struct SelfReference {
    line: usize,
    key: String,
    table: &'static str,
    target: String,
}

/// Writes the checked file table by table. Problems are references that lead nowhere; the
/// caller then drops `restoring`, which keeps nothing.
pub(super) fn write<R: Read + Seek>(
    source: &mut R,
    spans: &[Span],
    restoring: &mut Restoring<'_>,
) -> anyhow::Result<Vec<TextProblem>> {
    let mut problems: Vec<TextProblem> = Vec::new();
    let mut self_references: Vec<SelfReference> = Vec::new();
    for (index, layout) in TABLES.iter().enumerate() {
        // Counted afresh for each table: a table read again for another (an offering's retired
        // `goal` read for `offering_goals`) keeps its records' numbers.
        let mut counts = Counts::default();
        for span in spans
            .iter()
            .filter(|span| span.table.is_none_or(|table| table == index))
        {
            source.seek(SeekFrom::Start(span.start))?;
            let stretch = BufReader::new((&mut *source).take(span.end - span.start));
            for piece in Pieces::new(stretch) {
                let piece = piece.map_err(|_| changed())?;
                let line = piece.line + span.line - 1;
                let mut reader = Reader::new(&piece.text, line);
                let document = DeTable::parse(&piece.text).map_err(|_| changed())?;
                let mut met: Vec<(Record, Place)> = Vec::new();
                reader.entries(
                    &document.into_inner(),
                    &mut counts,
                    Some(index),
                    &mut |_, r, p| met.push((r, p)),
                );
                if !reader.problems.is_empty() {
                    return Err(changed());
                }
                for (record, place) in met {
                    let tag =
                        self_reference(layout, &record, &place, &reader, &mut self_references);
                    for key in restoring.write(layout, &record, tag)? {
                        broken(&mut reader, layout, &record, &place, key);
                    }
                }
                problems.append(&mut reader.problems);
                if problems.len() >= ENOUGH_PROBLEMS {
                    return Ok(problems);
                }
            }
        }
    }
    for tag in restoring.broken_self_links()? {
        if let Some(reference) = self_references.get(tag) {
            problems.push(TextProblem {
                line: reference.line,
                key: reference.key.clone(),
                message: format!(
                    "refers to {}, which is not a record of {} here",
                    reference.target, reference.table
                ),
            });
        }
    }
    problems.sort_by_key(|p| p.line);
    Ok(problems)
}

fn changed() -> anyhow::Error {
    anyhow::anyhow!("the file changed while it was imported; nothing was imported, try again")
}

/// The tag `Restoring::write` gives back for a broken reference to the record's own table.
fn self_reference(
    layout: &'static TableLayout,
    record: &Record,
    place: &Place,
    reader: &Reader<'_>,
    self_references: &mut Vec<SelfReference>,
) -> usize {
    for &(index, at) in &place.references {
        let column = &layout.columns[index];
        if let (ColumnKind::Reference(target), Cell::Text(uuid)) =
            (column.kind, &record.cells[index])
            && target == layout.table
        {
            self_references.push(SelfReference {
                line: reader.line_of(at),
                key: format!("{}.{}", place.path, column.key),
                table: layout.table,
                target: uuid.clone(),
            });
            return self_references.len() - 1;
        }
    }
    usize::MAX
}

fn broken(
    reader: &mut Reader<'_>,
    layout: &'static TableLayout,
    record: &Record,
    place: &Place,
    key: &str,
) {
    let Some(&(index, at)) = place
        .references
        .iter()
        .find(|(index, _)| layout.columns[*index].key == key)
    else {
        return;
    };
    let column = &layout.columns[index];
    if let (ColumnKind::Reference(target), Cell::Text(uuid)) = (column.kind, &record.cells[index]) {
        reader.push(
            at,
            &format!("{}.{}", place.path, column.key),
            format!("refers to {uuid}, which is not a record of {target} here"),
        );
    }
}
