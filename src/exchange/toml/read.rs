//! Reading a workbook's TOML text back, checking all of it first: syntax, the format version,
//! every key and type, unique UUIDs and references that lead somewhere. Problems name the line.

use std::collections::{HashMap, HashSet};

use ::toml::Spanned;
use ::toml::de::{DeTable, DeValue};

use super::FORMAT;
use crate::plan::intake::{
    FieldValue, field_problem, record_problem, table_field_problem, word_problem,
};
use crate::plan::vocabulary::VocabularyKind;
use crate::workbook::dump::{Cell, Record, TableRecords};
use crate::workbook::intake::field_value;
use crate::workbook::layout::{
    CARRIED_KEYS, ColumnKind, ColumnLayout, RETIRED_KEYS, RetiredKey, TABLES, TableLayout,
    retired_link_uuid, table_by_key,
};

/// How many problems are listed before the rest are only counted.
const LISTED: usize = 50;

/// One problem with the text, at a line (1-based) and a key path such as `partners[3].stage`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextProblem {
    pub line: usize,
    pub key: String,
    pub message: String,
}

impl std::fmt::Display for TextProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.key.is_empty() {
            write!(f, "line {}: {}", self.line, self.message)
        } else {
            write!(f, "line {}, {}: {}", self.line, self.key, self.message)
        }
    }
}

/// Records the workbook already holds, by UUID, with their table (for a merge, references may
/// lead to them).
pub type Known = HashMap<String, &'static str>;

/// Parses and checks `text`. On success the records are in `TABLES` order.
pub fn read(text: &str, known: &Known) -> Result<Vec<TableRecords>, Vec<TextProblem>> {
    let mut reader = Reader::new(text, 1);
    let document = match DeTable::parse(text) {
        Ok(document) => document,
        Err(err) => return Err(vec![reader.syntax(&err)]),
    };
    let document = document.into_inner();
    reader.check_format(&document);
    if !reader.problems.is_empty() {
        return Err(reader.problems);
    }
    let mut tables: Vec<TableRecords> = TABLES
        .iter()
        .map(|layout| TableRecords {
            layout,
            records: Vec::new(),
        })
        .collect();
    // Where each record was read: (table index, record index) → span, for later problems.
    let mut places: Vec<Vec<Place>> = vec![Vec::new(); TABLES.len()];
    let mut counts = Counts::default();
    reader.entries(&document, &mut counts, None, &mut |index, record, place| {
        tables[index].records.push(record);
        places[index].push(place);
    });
    reader.check_identities(&tables, &places, known);
    reader.check_link_kinds(&tables, &places);
    if reader.problems.is_empty() {
        Ok(tables)
    } else {
        reader.problems.sort_by_key(|p| p.line);
        Err(reader.problems)
    }
}

/// How many records of each table were met so far (for paths such as `partners[3]`), and which
/// single tables (`[workbook]`) were met.
#[derive(Debug, Clone)]
pub(super) struct Counts {
    records: Vec<usize>,
}

impl Default for Counts {
    fn default() -> Counts {
        Counts {
            records: vec![0; TABLES.len()],
        }
    }
}

/// Where a record and each of its references were read (byte offsets in the reader's text).
#[derive(Debug, Clone)]
pub(super) struct Place {
    pub path: String,
    pub uuid_at: usize,
    /// (column index, offset) per reference.
    pub references: Vec<(usize, usize)>,
}

/// A link record a retired key becomes: its table's index, the record, where it was read.
type LinkRecord = (usize, Record, Place);

/// Reads the text of a whole file, or of one piece of it that starts at line `first_line`.
pub(super) struct Reader<'t> {
    text: &'t str,
    first_line: usize,
    pub(super) problems: Vec<TextProblem>,
}

impl<'t> Reader<'t> {
    pub(super) fn new(text: &'t str, first_line: usize) -> Reader<'t> {
        Reader {
            text,
            first_line,
            problems: Vec::new(),
        }
    }

    /// The line of byte `at` of the text.
    pub(super) fn line_of(&self, at: usize) -> usize {
        let before = &self.text[..at.min(self.text.len())];
        before.matches('\n').count() + self.first_line
    }

    fn problem(&self, at: usize, key: &str, message: impl Into<String>) -> TextProblem {
        TextProblem {
            line: self.line_of(at),
            key: key.to_string(),
            message: message.into(),
        }
    }

    /// The parser's complaint about the text, at its line.
    pub(super) fn syntax(&self, err: &::toml::de::Error) -> TextProblem {
        let at = err.span().map_or(0, |span| span.start);
        self.problem(at, "", err.message().trim().to_string())
    }

    pub(super) fn push(&mut self, at: usize, key: &str, message: impl Into<String>) {
        if self.problems.len() <= LISTED {
            let problem = self.problem(at, key, message);
            self.problems.push(problem);
        }
    }

    /// Every record of `document` (a whole file or one piece), checked, to `sink` with its
    /// table's index; with `only`, the records of that table alone.
    pub(super) fn entries(
        &mut self,
        document: &DeTable<'_>,
        counts: &mut Counts,
        only: Option<usize>,
        sink: &mut dyn FnMut(usize, Record, Place),
    ) {
        let mut entries: Vec<_> = document.iter().collect();
        entries.sort_by_key(|(key, _)| key.span().start);
        for (key, value) in entries {
            let name = key.get_ref().as_ref();
            if name == "format" {
                continue;
            }
            let Some(index) = TABLES.iter().position(|t| Some(t) == table_by_key(name)) else {
                self.push(
                    key.span().start,
                    name,
                    format!("unknown table; this version knows {}", known_tables()),
                );
                continue;
            };
            let layout = &TABLES[index];
            // A table read for another: only for the link records its retired keys become.
            let feeds = |only: usize| {
                RETIRED_KEYS
                    .iter()
                    .any(|r| r.table == layout.table && table_index(r.into) == Some(only))
            };
            if only.is_some_and(|only| only != index && !feeds(only)) {
                continue;
            }
            let items: Vec<&Spanned<DeValue<'_>>> = match (layout.single, value.get_ref()) {
                (true, DeValue::Table(_)) => vec![value],
                (false, DeValue::Array(items)) => items.iter().collect(),
                (true, _) => {
                    self.push(
                        value.span().start,
                        name,
                        format!("expected a table [{name}]"),
                    );
                    continue;
                }
                (false, _) => {
                    self.push(
                        value.span().start,
                        name,
                        format!("expected tables written [[{name}]]"),
                    );
                    continue;
                }
            };
            for item in items {
                counts.records[index] += 1;
                if layout.single && counts.records[index] > 1 {
                    self.push(
                        key.span().start,
                        name,
                        format!("[{name}] is written twice; a workbook has one, so keep one"),
                    );
                    continue;
                }
                let path = if layout.single {
                    name.to_string()
                } else {
                    format!("{name}[{}]", counts.records[index])
                };
                if let Some((record, place, links)) = self.record(layout, &path, item) {
                    if only.is_none_or(|only| only == index) {
                        sink(index, record, place);
                    }
                    for (into, record, place) in links {
                        if only.is_none_or(|only| only == into) {
                            sink(into, record, place);
                        }
                    }
                }
            }
        }
    }

    pub(super) fn check_format(&mut self, document: &DeTable<'_>) {
        let Some(value) = document.get("format") else {
            self.push(
                0,
                "format",
                "missing: this is not a partnerplan workbook export (it starts with format = 1)",
            );
            return;
        };
        let at = value.span().start;
        match integer(value.get_ref()) {
            Some(n) if n == FORMAT => {}
            Some(n) if n > FORMAT => self.push(
                at,
                "format",
                format!(
                    "the file is in exchange format {n}, written by a newer partnerplan; this \
                     version reads format {FORMAT}. Update partnerplan to import it."
                ),
            ),
            _ => self.push(at, "format", format!("expected {FORMAT}")),
        }
    }

    /// One record, with the link records its retired keys become (table index, record, place).
    fn record(
        &mut self,
        layout: &'static TableLayout,
        path: &str,
        item: &Spanned<DeValue<'_>>,
    ) -> Option<(Record, Place, Vec<LinkRecord>)> {
        let DeValue::Table(fields) = item.get_ref() else {
            self.push(item.span().start, path, "expected a table of keys");
            return None;
        };
        let before = self.problems.len();
        let mut cells: Vec<Option<Cell>> = vec![None; layout.columns.len()];
        // Where each column's value was read, for a rule between fields.
        let mut spans: Vec<Option<usize>> = vec![None; layout.columns.len()];
        let (mut uuid, mut created, mut updated) = (None, None, None);
        let mut retired: Vec<(&'static RetiredKey, String, usize)> = Vec::new();
        // Keys that travel with a retired key onto its link: (link table, key, value, where).
        let mut carried: Vec<(&'static str, &'static str, Cell, usize)> = Vec::new();
        let mut place = Place {
            path: path.to_string(),
            uuid_at: item.span().start,
            references: Vec::new(),
        };
        for (key, value) in fields.iter() {
            let name = key.get_ref().as_ref();
            let at = key.span().start;
            let key_path = format!("{path}.{name}");
            let slot = match name {
                "uuid" | "created_at" | "updated_at" => {
                    let Some(text) = value.get_ref().as_str() else {
                        self.wrong_type(value, &key_path, "text");
                        continue;
                    };
                    if let Some(problem) = field_problem(name, FieldValue::Text(text)) {
                        self.push(value.span().start, &key_path, problem);
                    }
                    match name {
                        "uuid" => {
                            if uuid::Uuid::parse_str(text).is_err() {
                                self.push(at, &key_path, format!("{text:?} is not a UUID"));
                            }
                            place.uuid_at = at;
                            uuid = Some(text.to_string());
                        }
                        "created_at" => created = Some(text.to_string()),
                        _ => updated = Some(text.to_string()),
                    }
                    continue;
                }
                _ => layout.columns.iter().position(|c| c.key == name),
            };
            let Some(index) = slot else {
                if let Some(key) = retired_key(layout.table, name) {
                    match value.get_ref().as_str() {
                        Some(target) => retired.push((key, target.to_string(), at)),
                        None => self.wrong_type(value, &key_path, "text"),
                    }
                    continue;
                }
                if let Some((into, column)) = carried_key(layout.table, name) {
                    if let Some(cell) = self.cell(column, value, &key_path, into) {
                        carried.push((into, column.key, cell, at));
                    }
                    continue;
                }
                self.push(at, &key_path, format!("unknown field of {}", layout.key));
                continue;
            };
            let column = &layout.columns[index];
            spans[index] = Some(value.span().start);
            let Some(cell) = self.cell(column, value, &key_path, layout.table) else {
                // Present, if wrong: said once, not again as missing.
                cells[index] = Some(Cell::Null);
                continue;
            };
            if let ColumnKind::Reference(_) = column.kind {
                place.references.push((index, at));
            }
            cells[index] = Some(cell);
        }
        let mut missing = |key: &str| {
            self.push(
                item.span().start,
                &format!("{path}.{key}"),
                "missing: every record needs it",
            )
        };
        let uuid = uuid.or_else(|| {
            missing("uuid");
            None
        });
        let created = created.or_else(|| {
            missing("created_at");
            None
        });
        let updated = updated.or_else(|| {
            missing("updated_at");
            None
        });
        let mut filled = Vec::with_capacity(cells.len());
        for (column, cell) in layout.columns.iter().zip(cells) {
            filled.push(match (cell, column.optional, column.kind) {
                (Some(cell), _, _) => cell,
                (None, true, _) => Cell::Null,
                (None, false, ColumnKind::Text) => Cell::Text(String::new()),
                (None, false, _) => {
                    missing(column.key);
                    Cell::Null
                }
            });
        }
        if self.problems.len() == before {
            // A rule between two fields, as every other way in meets it.
            let fields: Vec<(&str, FieldValue<'_>)> = layout
                .columns
                .iter()
                .zip(&filled)
                .map(|(column, cell)| (column.column, field_value(cell)))
                .collect();
            if let Some((column, problem)) = record_problem(layout.table, &fields) {
                let at = layout.columns.iter().position(|c| c.column == column);
                let key = at.map_or(column, |i| layout.columns[i].key);
                let span = at.and_then(|i| spans[i]).unwrap_or(item.span().start);
                self.push(span, &format!("{path}.{key}"), problem);
            }
        }
        if self.problems.len() > before {
            return None;
        }
        let record = Record {
            uuid: uuid?,
            cells: filled,
            created_at: created?,
            updated_at: updated?,
        };
        for (into, key, _, at) in &carried {
            if !retired.iter().any(|(r, _, _)| r.into == *into) {
                self.push(
                    *at,
                    &format!("{path}.{key}"),
                    "only means something for the KPI the same record names; add its kpi key, \
                     or remove this one",
                );
            }
        }
        if self.problems.len() > before {
            return None;
        }
        let links = retired
            .into_iter()
            .filter_map(|(key, target, at)| {
                let into = table_index(key.into)?;
                let link_layout = &TABLES[into];
                // What schema steps 9 and 16 make of the same key in a workbook: the record's
                // UUID made the link's, and the record's last change its date. The link's first
                // column is the record, its column of the key's name the key's value; it takes
                // the keys carried with it and those of the record it shares (its partner).
                let mut references = Vec::new();
                let cells = link_layout
                    .columns
                    .iter()
                    .enumerate()
                    .map(|(index, column)| {
                        let own = layout.columns.iter().position(|c| c.key == column.key);
                        let carried = carried
                            .iter()
                            .find(|(i, k, _, _)| *i == key.into && *k == column.key);
                        let (cell, from) = if index == 0 {
                            (Cell::Text(record.uuid.clone()), Some(place.uuid_at))
                        } else if column.key == key.key {
                            (Cell::Text(target.clone()), Some(at))
                        } else if let Some((_, _, cell, at)) = carried {
                            (cell.clone(), Some(*at))
                        } else if let Some(own) = own {
                            (record.cells[own].clone(), Some(place.uuid_at))
                        } else if column.kind == ColumnKind::Text && !column.optional {
                            (Cell::Text(String::new()), None)
                        } else {
                            (Cell::Null, None)
                        };
                        if let (ColumnKind::Reference(_), Some(from), Cell::Text(_)) =
                            (column.kind, from, &cell)
                        {
                            references.push((index, from));
                        }
                        cell
                    })
                    .collect();
                let link = Record {
                    uuid: retired_link_uuid(&record.uuid, key.into),
                    cells,
                    created_at: record.updated_at.clone(),
                    updated_at: record.updated_at.clone(),
                };
                let place = Place {
                    path: path.to_string(),
                    uuid_at: at,
                    references,
                };
                Some((into, link, place))
            })
            .collect();
        Some((record, place, links))
    }

    /// `value` as a cell of `column` of `table`, or `None` once its problem is said.
    fn cell(
        &mut self,
        column: &ColumnLayout,
        value: &Spanned<DeValue<'_>>,
        key_path: &str,
        table: &str,
    ) -> Option<Cell> {
        let v = value.get_ref();
        let cell = match column.kind {
            ColumnKind::Text | ColumnKind::Reference(_) => {
                v.as_str().map(|s| Cell::Text(s.to_string()))
            }
            ColumnKind::Integer => integer(v).map(Cell::Integer),
            ColumnKind::Real => real(v).map(Cell::Real),
            ColumnKind::Bool => v.as_bool().map(|b| Cell::Integer(i64::from(b))),
        };
        let Some(cell) = cell else {
            self.wrong_type(value, key_path, kind_name(column.kind));
            return None;
        };
        // The same rules as every other way in: dates that exist, finite numbers, no control
        // characters, counters in range, text within size.
        if let Some(problem) = table_field_problem(table, column.column, field_value(&cell)) {
            self.push(value.span().start, key_path, problem);
            return None;
        }
        Some(cell)
    }

    fn wrong_type(&mut self, value: &Spanned<DeValue<'_>>, path: &str, expected: &str) {
        self.push(
            value.span().start,
            path,
            format!("expected {expected}, found {}", value.get_ref().type_str()),
        );
    }

    /// Every link's kind is a word of the plan's list: the shipped words and the file's own
    /// additions (`vocabulary_terms` of kind "link kind"), as every other way in requires.
    fn check_link_kinds(&mut self, tables: &[TableRecords], places: &[Vec<Place>]) {
        let column = |table: &TableRecords, key: &str| {
            table.layout.columns.iter().position(|c| c.key == key)
        };
        let text = |record: &Record, at: Option<usize>| match at.and_then(|i| record.cells.get(i)) {
            Some(Cell::Text(text)) => Some(text.clone()),
            _ => None,
        };
        let link_kind = VocabularyKind::LinkKind;
        let mut kinds = link_kind.defaults().to_vec();
        if let Some(terms) = tables.iter().find(|t| t.layout.table == "vocabulary_terms") {
            let (of, term) = (column(terms, "kind"), column(terms, "term"));
            for record in &terms.records {
                if text(record, of).as_deref() == Some(link_kind.word()) {
                    kinds.extend(text(record, term));
                }
            }
        }
        let Some((index, links)) = tables
            .iter()
            .enumerate()
            .find(|(_, t)| t.layout.table == "partner_links")
        else {
            return;
        };
        let kind = column(links, "kind");
        for (record, place) in links.records.iter().zip(&places[index]) {
            let Some(word) = text(record, kind) else {
                continue;
            };
            if let Some(problem) = word_problem("kind of link", &word, &kinds) {
                self.push(place.uuid_at, &format!("{}.kind", place.path), problem);
            }
        }
    }

    /// Every UUID once in the file, and every reference to a record of the right table.
    fn check_identities(&mut self, tables: &[TableRecords], places: &[Vec<Place>], known: &Known) {
        // In file order, so the second use of a UUID is the one reported.
        let mut all: Vec<(&str, &'static str, &Place)> = tables
            .iter()
            .zip(places)
            .flat_map(|(table, places)| {
                table
                    .records
                    .iter()
                    .zip(places)
                    .map(|(record, place)| (record.uuid.as_str(), table.layout.table, place))
            })
            .collect();
        all.sort_by_key(|(_, _, place)| place.uuid_at);
        let mut seen: HashMap<&str, (&'static str, &Place)> = HashMap::new();
        for (uuid, table, place) in all {
            if let Some((_, first)) = seen.get(uuid) {
                let line = self.line_of(first.uuid_at);
                self.push(
                    place.uuid_at,
                    &format!("{}.uuid", place.path),
                    format!("{uuid} is used already, by {} (line {line})", first.path),
                );
            } else {
                seen.insert(uuid, (table, place));
            }
        }
        let in_file: HashSet<(&str, &str)> = seen
            .iter()
            .map(|(uuid, (table, _))| (*table, *uuid))
            .collect();
        for (table, places) in tables.iter().zip(places) {
            for (record, place) in table.records.iter().zip(places) {
                for &(index, at) in &place.references {
                    let column = &table.layout.columns[index];
                    let (ColumnKind::Reference(target), Cell::Text(uuid)) =
                        (column.kind, &record.cells[index])
                    else {
                        continue;
                    };
                    let found = in_file.contains(&(target, uuid.as_str()))
                        || known.get(uuid).is_some_and(|t| *t == target);
                    if !found {
                        self.push(
                            at,
                            &format!("{}.{}", place.path, column.key),
                            format!("refers to {uuid}, which is not a record of {target} here"),
                        );
                    }
                }
            }
        }
    }
}

/// The link table and column a key of `table` that an older text wrote travels to, if it is
/// one (`CARRIED_KEYS`).
fn carried_key(table: &str, key: &str) -> Option<(&'static str, &'static ColumnLayout)> {
    let (_, _, into) = CARRIED_KEYS
        .iter()
        .find(|(t, k, _)| *t == table && *k == key)?;
    Some((into, table_by_key(into)?.column(key)?))
}

/// The retired key `key` of `table`, if it is one.
fn retired_key(table: &str, key: &str) -> Option<&'static RetiredKey> {
    RETIRED_KEYS
        .iter()
        .find(|r| r.table == table && r.key == key)
}

/// Where table `table` is in `TABLES`.
fn table_index(table: &str) -> Option<usize> {
    TABLES.iter().position(|t| t.table == table)
}

fn integer(value: &DeValue<'_>) -> Option<i64> {
    match value {
        DeValue::Integer(n) => i64::from_str_radix(n.as_str(), n.radix()).ok(),
        _ => None,
    }
}

fn real(value: &DeValue<'_>) -> Option<f64> {
    match value {
        DeValue::Float(x) => x.as_str().parse().ok(),
        other => integer(other).map(|n| n as f64),
    }
}

fn kind_name(kind: ColumnKind) -> &'static str {
    match kind {
        ColumnKind::Text => "text",
        ColumnKind::Integer => "a whole number",
        ColumnKind::Real => "a number",
        ColumnKind::Bool => "true or false",
        ColumnKind::Reference(_) => "the UUID of a record, as text",
    }
}

fn known_tables() -> String {
    TABLES.iter().map(|t| t.key).collect::<Vec<_>>().join(", ")
}
