//! The ledger file format: TOML for people, JSON for machines, one model.
//!
//! ```toml
//! format = 1
//! name = "hebei-sample"
//! illustrative = true
//!
//! [[division]]
//! code = "130430000000"
//! name = "邱县"
//! kind = "county"
//!
//! [[body]]
//! code = "130430-zhzf"
//! name = "邱县综合行政执法局"
//! kind = "enforcement_bureau"
//! division = "130430000000"
//!
//! [[item]]
//! code = "CF-001"
//! name = "…"
//! category = "处罚"
//! sector = "生态环境"
//!
//! [[instrument]]
//! id = "qiu-concentrate"
//! kind = "concentration"
//! …
//! ```
//!
//! [`LedgerFile::schema`] gives the JSON Schema of the same model.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use jiceng_org::{Body, Division};

use crate::duty::{Assessment, DutyItem, DutyList};
use crate::error::Error;
use crate::instrument::Instrument;
use crate::item::PowerItem;

/// The format number this version reads and writes.
pub const FORMAT: u32 = 1;

/// A ledger file: divisions, bodies, power items and instruments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LedgerFile {
    /// The format number; must be 1.
    pub format: u32,
    /// A short name.
    pub name: String,
    /// True for sample data that is not an official list: codes, item names
    /// or document numbers may be made up to show the shape.
    #[serde(default)]
    pub illustrative: bool,
    /// A note on the data's sources and what is illustrative.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The divisions.
    #[serde(rename = "division", default)]
    pub divisions: Vec<Division>,
    /// The bodies.
    #[serde(rename = "body", default)]
    pub bodies: Vec<Body>,
    /// The power items.
    #[serde(rename = "item", default)]
    pub items: Vec<PowerItem>,
    /// The instruments, in any order.
    #[serde(rename = "instrument", default)]
    pub instruments: Vec<Instrument>,
    /// The duty items (职责事项) of the township duty lists.
    #[serde(rename = "duty", default, skip_serializing_if = "Vec::is_empty")]
    pub duties: Vec<DutyItem>,
    /// The duty lists: the province template, county adaptations and
    /// township lists.
    #[serde(rename = "duty_list", default, skip_serializing_if = "Vec::is_empty")]
    pub duty_lists: Vec<DutyList>,
    /// County assessment items (考核事项) and responsibility pledges (责任状)
    /// aimed at townships.
    #[serde(rename = "assessment", default, skip_serializing_if = "Vec::is_empty")]
    pub assessments: Vec<Assessment>,
}

/// Where a ledger's text came from, kept to point findings at lines.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Source {
    /// The file name, or a description such as `<bundled hebei-sample>`.
    pub origin: String,
    /// The text, when the ledger was read from text.
    pub text: Option<String>,
    /// Whether the text is JSON (else TOML).
    pub json: bool,
}

/// The most problems a parse error lists; the rest are counted, so that a
/// hostile file cannot make the message grow without bound.
pub const MAX_PARSE_PROBLEMS: usize = 100;

/// One problem of a file that does not parse: its line and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseProblem {
    /// The 1-based line, where known.
    pub line: Option<usize>,
    /// What is wrong, naming the value or field.
    pub message: String,
}

/// The problems of a TOML ledger that `toml::from_str` refused (`first`
/// is its error): every syntax error the parser recovers from, or, when
/// the syntax is sound, the first problem of each entry of each list and
/// of the top-level fields, in file order.
fn toml_problems(text: &str, origin: &str, first: &toml::de::Error) -> Error {
    use serde::de::DeserializeOwned;
    use toml::de::{DeTable, DeValue, ValueDeserializer};

    // (byte offset, message): lines are found at the end, in one pass.
    let mut found: Vec<(Option<usize>, String)> = Vec::new();
    let mut push =
        |e: toml::de::Error| found.push((e.span().map(|s| s.start), e.message().trim().to_owned()));
    let (root, syntax) = DeTable::parse_recoverable(text);
    if !syntax.is_empty() {
        // The tree after a syntax error is a guess: report the syntax alone.
        syntax.into_iter().for_each(&mut push);
    } else {
        fn each<T: DeserializeOwned>(
            value: toml::Spanned<DeValue<'_>>,
            push: &mut impl FnMut(toml::de::Error),
        ) {
            let span = value.span();
            match value.into_inner() {
                DeValue::Array(entries) => {
                    for entry in entries {
                        if let Err(e) = T::deserialize(ValueDeserializer::from(entry)) {
                            push(e);
                        }
                    }
                }
                other => {
                    let whole = toml::Spanned::new(span, other);
                    if let Err(e) = Vec::<T>::deserialize(ValueDeserializer::from(whole)) {
                        push(e);
                    }
                }
            }
        }
        let span = root.span();
        let mut top = DeTable::new();
        for (key, value) in root.into_inner() {
            match key.get_ref().as_ref() {
                "division" => each::<Division>(value, &mut push),
                "body" => each::<Body>(value, &mut push),
                "item" => each::<PowerItem>(value, &mut push),
                "instrument" => each::<Instrument>(value, &mut push),
                "duty" => each::<DutyItem>(value, &mut push),
                "duty_list" => each::<DutyList>(value, &mut push),
                "assessment" => each::<Assessment>(value, &mut push),
                _ => {
                    top.insert(key, value);
                }
            }
        }
        // The top-level fields, with the lists taken out (they default to
        // empty): a missing `format`, an unknown key, a mistyped name.
        let top = DeValue::Table(top);
        if let Err(e) =
            LedgerFile::deserialize(ValueDeserializer::from(toml::Spanned::new(span, top)))
        {
            push(e);
        }
    }
    if found.is_empty() {
        // The parts parse although the whole did not: report the whole's.
        found.push((
            first.span().map(|s| s.start),
            first.message().trim().to_owned(),
        ));
    }
    let lines = LineIndex::new(text, false);
    // File order, one problem a line (a syntax error often makes a second
    // on its line, which only repeats it); problems without a place last.
    found.sort_by_key(|&(at, _)| (at.is_none(), at));
    let mut found: Vec<(Option<usize>, Option<usize>, String)> = found
        .into_iter()
        .map(|(at, message)| (at, at.map(|at| lines.line(at)), message))
        .collect();
    found.dedup_by(|b, a| a.1.is_some() && a.1 == b.1);
    let omitted = found.len().saturating_sub(MAX_PARSE_PROBLEMS);
    found.truncate(MAX_PARSE_PROBLEMS);
    let mut problems = found.into_iter().map(|(at, line, message)| ParseProblem {
        line,
        message: with_line_text(&message, text, at, &lines),
    });
    // `found` has at least one problem (pushed above when empty).
    let head = problems.next().unwrap_or_else(|| ParseProblem {
        line: None,
        message: first.message().trim().to_owned(),
    });
    Error::Parse {
        origin: origin.to_owned(),
        line: head.line,
        message: head.message,
        more: problems.collect(),
        omitted,
    }
}

/// As [`with_source_line`], for the line holding byte `at`, found through
/// `lines` rather than by counting from the start of the text.
fn with_line_text(message: &str, text: &str, at: Option<usize>, lines: &LineIndex) -> String {
    let Some(at) = at else {
        return message.to_owned();
    };
    let (from, to) = lines.line_span(lines.line(at), text.len());
    let src = text
        .get(from..to)
        .map(str::trim)
        .filter(|s| !s.is_empty() && s.len() <= 120);
    match src {
        Some(s) => format!("{message} (at `{s}`)"),
        None => message.to_owned(),
    }
}

/// Adds the offending line's text to a parser's message, so that a type
/// error (which names no field) still shows the field: `(at `code = 5`)`.
fn with_source_line(message: &str, text: &str, line: Option<usize>) -> String {
    let src = line
        .and_then(|l| text.lines().nth(l.saturating_sub(1)))
        .map(str::trim)
        .filter(|s| !s.is_empty() && s.len() <= 120);
    match src {
        Some(s) => format!("{message} (at `{s}`)"),
        None => message.to_owned(),
    }
}

impl LedgerFile {
    /// Reads a ledger from TOML.
    ///
    /// # Errors
    ///
    /// [`Error::Parse`] with every problem the TOML parse can find, in file
    /// order, each with its line: the syntax errors, or when the syntax is
    /// sound, the missing or unknown field or malformed value (a bad
    /// division code, an unknown category) of each division, body, item,
    /// instrument, duty, duty list and assessment. At most
    /// [`MAX_PARSE_PROBLEMS`] are listed; the rest are counted.
    ///
    /// # Example
    ///
    /// ```
    /// use jiceng_authority::LedgerFile;
    ///
    /// let err = LedgerFile::from_toml_str("format = 1\nname = \"x\"\n[[item]]\ncode = 1\n", "x.toml").unwrap_err();
    /// assert!(err.to_string().starts_with("x.toml:4:"), "{err}");
    /// ```
    pub fn from_toml_str(text: &str, origin: &str) -> Result<LedgerFile, Error> {
        let file: LedgerFile = match toml::from_str(text) {
            Ok(file) => file,
            Err(first) => return Err(toml_problems(text, origin, &first)),
        };
        file.check_format(origin)?;
        Ok(file)
    }

    /// Reads a ledger from JSON.
    ///
    /// # Errors
    ///
    /// As [`LedgerFile::from_toml_str`].
    pub fn from_json_str(text: &str, origin: &str) -> Result<LedgerFile, Error> {
        let file: LedgerFile = serde_json::from_str(text).map_err(|e| Error::Parse {
            origin: origin.to_owned(),
            line: Some(e.line()),
            message: with_source_line(&e.to_string(), text, Some(e.line())),
            more: Vec::new(),
            omitted: 0,
        })?;
        file.check_format(origin)?;
        Ok(file)
    }

    /// Reads TOML or JSON, by the first non-blank character (`{` is JSON).
    ///
    /// # Errors
    ///
    /// As [`LedgerFile::from_toml_str`].
    pub fn from_str_auto(text: &str, origin: &str) -> Result<(LedgerFile, Source), Error> {
        let json = text.trim_start().starts_with('{');
        let file = if json {
            LedgerFile::from_json_str(text, origin)?
        } else {
            LedgerFile::from_toml_str(text, origin)?
        };
        Ok((
            file,
            Source {
                origin: origin.to_owned(),
                text: Some(text.to_owned()),
                json,
            },
        ))
    }

    /// As [`LedgerFile::from_str_auto`], keeping `text` itself in the
    /// [`Source`] rather than a copy: a large file is held once.
    ///
    /// # Errors
    ///
    /// As [`LedgerFile::from_toml_str`].
    pub fn from_string_auto(text: String, origin: &str) -> Result<(LedgerFile, Source), Error> {
        let json = text.trim_start().starts_with('{');
        let file = if json {
            LedgerFile::from_json_str(&text, origin)?
        } else {
            LedgerFile::from_toml_str(&text, origin)?
        };
        Ok((
            file,
            Source {
                origin: origin.to_owned(),
                text: Some(text),
                json,
            },
        ))
    }

    fn check_format(&self, origin: &str) -> Result<(), Error> {
        if self.format != FORMAT {
            return Err(Error::Parse {
                origin: origin.to_owned(),
                line: Some(1),
                message: format!(
                    "format {} is not supported (this version reads format {FORMAT})",
                    self.format
                ),
                more: Vec::new(),
                omitted: 0,
            });
        }
        Ok(())
    }

    /// Writes the ledger as TOML.
    pub fn to_toml_string(&self) -> String {
        // The model has only strings, numbers, booleans, dates and lists of
        // tables, all of which TOML represents.
        toml::to_string(self).unwrap_or_default()
    }

    /// Writes the ledger as JSON.
    pub fn to_json_string(&self) -> String {
        // Serializing plain data to JSON cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The JSON Schema of the ledger file format.
    pub fn schema() -> String {
        schemars::schema_for!(LedgerFile).as_value().to_string()
    }
}

/// The four lists of a ledger file, for locating their entries' lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Table {
    Division,
    Body,
    Item,
    Instrument,
    Duty,
    DutyList,
    Assessment,
}

/// How many lists [`Table`] names.
const TABLES: usize = 7;

impl Table {
    fn of(name: &str) -> Option<Table> {
        match name {
            "division" => Some(Table::Division),
            "body" => Some(Table::Body),
            "item" => Some(Table::Item),
            "instrument" => Some(Table::Instrument),
            "duty" => Some(Table::Duty),
            "duty_list" => Some(Table::DutyList),
            "assessment" => Some(Table::Assessment),
            _ => None,
        }
    }

    fn slot(self) -> usize {
        self as usize
    }
}

/// Line starts and the byte ranges of every entry of the four lists, found
/// in one pass over the text so that locating a finding costs a binary
/// search and a scan of its own entry, never a search from the file's start.
#[derive(Debug, Clone, Default)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
    tables: [Vec<(usize, usize)>; TABLES],
}

impl LineIndex {
    /// Indexes `text` (TOML `[[name]]` tables, or a JSON object's arrays).
    pub(crate) fn new(text: &str, json: bool) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr_lines(text));
        let tables = if json {
            json_tables(text)
        } else {
            toml_tables(text)
        };
        LineIndex { starts, tables }
    }

    /// Keeps a list's ranges only when they match its parsed length, so
    /// that a file written another way (inline arrays) gets no wrong lines.
    pub(crate) fn expect(&mut self, table: Table, len: usize) {
        if self.tables[table.slot()].len() != len {
            self.tables[table.slot()].clear();
        }
    }

    /// The bytes of 1-based line `line` (without its newline) in a text of
    /// `len` bytes.
    pub(crate) fn line_span(&self, line: usize, len: usize) -> (usize, usize) {
        let from = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(len);
        let to = self
            .starts
            .get(line)
            .map_or(len, |&next| next.saturating_sub(1));
        (from.min(len), to.max(from).min(len))
    }

    /// The 1-based line of byte `at`.
    pub(crate) fn line(&self, at: usize) -> usize {
        self.starts.partition_point(|&s| s <= at).max(1)
    }

    /// The line of entry `index` of `table`: of `needle` (as a basic or
    /// literal string, or bare) within the entry, else of `fallback`
    /// within it, else of the entry's start.
    pub(crate) fn locate(
        &self,
        text: &str,
        table: Table,
        index: usize,
        needle: Option<&str>,
        fallback: Option<&str>,
    ) -> Option<usize> {
        let &(start, end) = self.tables[table.slot()].get(index)?;
        let body = text.get(start..end)?;
        let find = |n: &str| -> Option<usize> {
            if n.is_empty() {
                return None;
            }
            for q in ['"', '\''] {
                let quoted = format!("{q}{n}{q}");
                if let Some(i) = body.find(&quoted) {
                    return Some(i);
                }
            }
            // Unquoted TOML dates.
            find_bare(body, n)
        };
        let at = needle
            .and_then(find)
            .or_else(|| fallback.and_then(find))
            .unwrap_or(0);
        Some(self.line(start + at))
    }
}

fn memchr_lines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .map(|(i, _)| i + 1)
}

/// `needle` not inside a longer word (a bare date or number).
fn find_bare(body: &str, needle: &str) -> Option<usize> {
    let bytes = body.as_bytes();
    let mut from = 0;
    while let Some(i) = body[from..].find(needle) {
        let at = from + i;
        let end = at + needle.len();
        let before = at == 0 || !bytes[at - 1].is_ascii_alphanumeric();
        let after = end >= bytes.len() || !bytes[end].is_ascii_alphanumeric();
        if before && after {
            return Some(at);
        }
        from = end;
    }
    None
}

fn toml_tables(text: &str) -> [Vec<(usize, usize)>; TABLES] {
    let mut tables: [Vec<(usize, usize)>; TABLES] = Default::default();
    let mut open: Option<(Table, usize, String)> = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if t.starts_with('[') {
            let header = t.split('#').next().unwrap_or("").trim();
            let name = header
                .trim_start_matches('[')
                .trim_end_matches(']')
                .trim()
                .trim_matches('"');
            let sub = open
                .as_ref()
                .is_some_and(|(_, _, n)| name.starts_with(&format!("{n}.")));
            if !sub {
                if let Some((table, start, _)) = open.take() {
                    tables[table.slot()].push((start, pos));
                }
                if header.starts_with("[[") {
                    if let Some(table) = Table::of(name) {
                        open = Some((table, pos, name.to_owned()));
                    }
                }
            }
        }
        pos += line.len();
    }
    if let Some((table, start, _)) = open {
        tables[table.slot()].push((start, text.len()));
    }
    tables
}

/// The objects of the top-level arrays `division`, `body`, `item` and
/// `instrument` of a JSON document, by a scan that tracks strings and depth.
fn json_tables(text: &str) -> [Vec<(usize, usize)>; TABLES] {
    let mut tables: [Vec<(usize, usize)>; TABLES] = Default::default();
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    let mut last_key: Option<(usize, usize)> = None;
    let mut array: Option<Table> = None;
    let mut element: Option<usize> = None;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                if depth == 1 {
                    last_key = Some((start, i.min(bytes.len())));
                }
            }
            b'{' | b'[' => {
                if depth == 1 && bytes[i] == b'[' {
                    array = last_key
                        .and_then(|(s, e)| text.get(s..e))
                        .and_then(Table::of);
                }
                if depth == 2 && bytes[i] == b'{' && array.is_some() {
                    element = Some(i);
                }
                depth += 1;
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 2 {
                    if let (Some(table), Some(start)) = (array, element.take()) {
                        tables[table.slot()].push((start, i + 1));
                    }
                }
                if depth == 1 {
                    array = None;
                }
            }
            _ => {}
        }
        i += 1;
    }
    tables
}
