//! Ledger files: TOML (`[[body]]` and `[[event]]` tables) or CSV (one row
//! per body declaration or event), compiled into a [`Ledger`] with every
//! problem and its line.

use std::collections::HashMap;

use chrono::NaiveDate;
use jiceng_org::Level;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Error;
use crate::error::{serde_zh, value_problem_zh};
use crate::establishment::QuotaKind;
use crate::ledger::{Body, Event, EventKind, Ledger};

/// The most events a ledger file may hold: a hostile file cannot make the
/// ledger grow without bound.
pub const MAX_EVENTS: usize = 5_000_000;
/// The most bodies a ledger file may declare.
pub const MAX_BODIES: usize = 1_000_000;
/// The most unreadable rows (or TOML tables) a ledger file's problems
/// list; the rest are counted in one last finding, so that a hostile file
/// cannot flood the report.
pub const MAX_PROBLEMS: usize = 1_000;

/// The error for a TOML file of more bodies or events than the bounds,
/// which are allowed exactly.
fn too_large(bodies: usize, events: usize) -> Option<Error> {
    (events > MAX_EVENTS || bodies > MAX_BODIES).then(|| Error::Parse {
        line: None,
        message: format!(
            "{bodies} bodies and {events} events: at most {MAX_BODIES} and {MAX_EVENTS}"
        ),
    })
}

/// A ledger file: its bodies and its events, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LedgerFile {
    /// The bodies (`[[body]]`).
    #[serde(default)]
    pub body: Vec<Body>,
    /// The events (`[[event]]`), in date order.
    #[serde(default)]
    pub event: Vec<Event>,
    /// The 1-based line of each event, where known (not serialized).
    #[serde(skip)]
    #[schemars(skip)]
    pub lines: Vec<Option<usize>>,
    /// The 1-based line of each body, where known (not serialized).
    #[serde(skip)]
    #[schemars(skip)]
    pub body_lines: Vec<Option<usize>>,
    /// The rows or tables that could not be read, each an error with its
    /// line, which [`LedgerFile::compile`] reports with the rest (not
    /// serialized). They are left out of `body` and `event`.
    #[serde(skip)]
    #[schemars(skip)]
    pub problems: Vec<Finding>,
}

/// One problem found in a ledger file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Finding {
    /// The 1-based line, where known.
    pub line: Option<usize>,
    /// `error` (an event that cannot be applied) or `flag` (a state the
    /// ledger records but the rules frown on: over-establishment, posts
    /// above their limit).
    pub severity: Severity,
    /// What is wrong, naming the values.
    pub message: String,
    /// The message in Chinese: every finding the crate makes has one
    /// (a message of the TOML or CSV parser quoted in it keeps its
    /// English). Not serialized: JSON output does not change with the
    /// language.
    #[serde(skip)]
    #[schemars(skip)]
    pub message_zh: Option<String>,
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The event was refused; the file is wrong.
    Error,
    /// Recorded, but contrary to the rules (超编, posts over the limit).
    Flag,
}

fn line_of(text: &str, byte: usize) -> usize {
    text.as_bytes()[..byte.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The 1-based lines of the lines that are exactly `header` (trimmed).
fn header_lines(text: &str, header: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == header)
        .map(|(i, _)| i + 1)
        .collect()
}

/// The columns of a CSV ledger, by position in its header.
#[derive(Debug, Default)]
struct Columns {
    kind: usize,
    body: usize,
    date: Option<usize>,
    instrument: Option<usize>,
    to: Option<usize>,
    quota: Option<usize>,
    rank: Option<usize>,
    count: Option<usize>,
    name: Option<usize>,
    level: Option<usize>,
}

impl Columns {
    /// Finds the columns; `kind` and `body` are required.
    fn new(headers: &csv::StringRecord) -> Result<Columns, Error> {
        let at = |name: &str| headers.iter().position(|h| h == name);
        let required = |name: &str| {
            at(name).ok_or_else(|| Error::Parse {
                line: Some(1),
                message: format!("the header has no {name} column"),
            })
        };
        Ok(Columns {
            kind: required("kind")?,
            body: required("body")?,
            date: at("date"),
            instrument: at("instrument"),
            to: at("to"),
            quota: at("quota"),
            rank: at("rank"),
            count: at("count"),
            name: at("name"),
            level: at("level"),
        })
    }
}

/// A cell's text, or `None` when the column is absent or the cell empty.
fn cell(rec: &csv::StringRecord, column: Option<usize>) -> Option<&str> {
    column.and_then(|i| rec.get(i)).filter(|s| !s.is_empty())
}

/// A value as shown in a message: at most 64 characters, so that a hostile
/// cell cannot make the report as large as the file.
pub(crate) fn shown(value: &str) -> String {
    value.chars().take(64).collect()
}

/// A parser's message cut to 200 characters: serde quotes the offending
/// value whole, and a hostile file may hold a string of megabytes.
fn brief(message: &str) -> String {
    let m = message.trim();
    match m.char_indices().nth(200) {
        Some((i, _)) => format!("{}…", &m[..i]),
        None => m.to_string(),
    }
}

/// Reads a value of a serde enum (quota kind, level, event kind) from its
/// name.
fn named<T: serde::de::DeserializeOwned>(value: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(value.to_string())).ok()
}

/// The problems of a ledger file's rows, at most [`MAX_PROBLEMS`] listed and
/// the rest counted.
#[derive(Debug, Default)]
struct Problems {
    listed: Vec<Finding>,
    more: usize,
}

impl Problems {
    fn push(&mut self, line: Option<usize>, message: String, message_zh: String) {
        if self.listed.len() < MAX_PROBLEMS {
            self.listed.push(Finding {
                line,
                severity: Severity::Error,
                message,
                message_zh: Some(message_zh),
            });
        } else {
            self.more += 1;
        }
    }

    fn finish(mut self, what: &str) -> Vec<Finding> {
        if self.more > 0 {
            self.listed.push(Finding {
                line: None,
                severity: Severity::Error,
                message: format!(
                    "{} more bad {what} not shown: at most {MAX_PROBLEMS} are listed",
                    self.more
                ),
                message_zh: Some(match what {
                    "rows" => format!(
                        "另有 {} 行有误，未列出：至多列出 {MAX_PROBLEMS} 行",
                        self.more
                    ),
                    _ => format!(
                        "另有 {} 个表有误，未列出：至多列出 {MAX_PROBLEMS} 个",
                        self.more
                    ),
                }),
            });
        }
        self.listed
    }
}

/// A TOML ledger read as tables, each then read on its own so that every
/// bad table is reported with its line.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    body: Vec<toml::Spanned<RawTable>>,
    #[serde(default)]
    event: Vec<toml::Spanned<RawTable>>,
}

/// A table's keys, each value with where it was written.
type RawTable = std::collections::BTreeMap<String, toml::Spanned<toml::Value>>;

/// Reads one table as a `T`; on failure, the line and message (in
/// English and in Chinese) of the first field whose value is wrong
/// (`field NAME: …`), else the table's own message (a missing or unknown
/// field) at `line`.
fn read_table<T: serde::de::DeserializeOwned>(
    text: &str,
    table: RawTable,
    line: Option<usize>,
) -> Result<T, (Option<usize>, String, String)> {
    let plain: toml::Table = table
        .iter()
        .map(|(k, v)| (k.clone(), v.get_ref().clone()))
        .collect();
    let whole = match plain.try_into::<T>() {
        Ok(t) => return Ok(t),
        Err(e) => brief(e.message()),
    };
    for (key, value) in &table {
        let v = value.get_ref().clone();
        let check = match key.as_str() {
            "date" => crate::ledger::date_or_string(v).map(drop),
            "count" => v.try_into::<u32>().map(drop),
            "quota" => v.try_into::<QuotaKind>().map(drop),
            "kind" => v.try_into::<EventKind>().map(drop),
            "level" => v.try_into::<Level>().map(drop),
            "instrument" | "body" | "to" | "rank" | "code" | "name" => {
                v.try_into::<String>().map(drop)
            }
            _ => Ok(()),
        };
        if let Err(e) = check {
            let m = brief(e.message());
            let zh = format!("字段 `{key}`：{}", value_problem_zh(&m));
            return Err((
                Some(line_of(text, value.span().start)),
                format!("field {key}: {m}"),
                zh,
            ));
        }
    }
    let zh = serde_zh(&whole);
    Err((line, whole, zh))
}

impl LedgerFile {
    /// Parses a TOML ledger. A `[[body]]` or `[[event]]` table that cannot
    /// be read (a missing field, a wrong type, a bad date) is left out and
    /// recorded in [`LedgerFile::problems`] with its line, and reading goes
    /// on: every bad table is reported, each with its first problem.
    ///
    /// # Errors
    /// [`Error::Parse`] with the line of a TOML syntax error or of a key
    /// other than `body` and `event`, which stop the reading; a file
    /// beyond [`MAX_BODIES`] or [`MAX_EVENTS`].
    ///
    /// # Example
    /// ```
    /// use jiceng_staffing::LedgerFile;
    /// let f = LedgerFile::parse_toml(r#"
    /// [[body]]
    /// code = "t"
    /// level = "township"
    ///
    /// [[event]]
    /// date = 2019-01-01
    /// instrument = "三定"
    /// kind = "create"
    /// body = "t"
    /// quota = "other"
    /// count = 39
    /// "#)?;
    /// assert_eq!(f.lines, vec![Some(6)]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse_toml(text: &str) -> Result<LedgerFile, Error> {
        let raw: RawFile = toml::from_str(text).map_err(|e| Error::Parse {
            line: e.span().map(|s| line_of(text, s.start)),
            message: e.message().trim().to_string(),
        })?;
        if let Some(e) = too_large(raw.body.len(), raw.event.len()) {
            return Err(e);
        }
        let ev = header_lines(text, "[[event]]");
        let bl = header_lines(text, "[[body]]");
        // A table's line is its header's when every table is written as a
        // header, else the line where its value starts.
        let line = |headers: &[usize], n: usize, i: usize, span: std::ops::Range<usize>| {
            if headers.len() == n {
                Some(headers[i])
            } else {
                Some(line_of(text, span.start))
            }
        };
        let mut f = LedgerFile::default();
        let mut problems = Problems::default();
        let n = raw.body.len();
        for (i, v) in raw.body.into_iter().enumerate() {
            let at = line(&bl, n, i, v.span());
            match read_table::<Body>(text, v.into_inner(), at) {
                Ok(b) => {
                    f.body.push(b);
                    f.body_lines.push(at);
                }
                Err((l, m, zh)) => problems.push(l, format!("body: {m}"), format!("机构：{zh}")),
            }
        }
        let n = raw.event.len();
        for (i, v) in raw.event.into_iter().enumerate() {
            let at = line(&ev, n, i, v.span());
            let table = v.into_inner();
            // "hire event: …"; an event of no known kind is just "event".
            let known = table
                .get("kind")
                .and_then(|k| k.get_ref().as_str())
                .and_then(named::<EventKind>);
            let kind = known.map_or(String::new(), |k| format!("{} ", k.name()));
            let kind_zh = known.map_or("事件".to_string(), |k| format!("“{}”事件", k.zh()));
            match read_table::<Event>(text, table, at) {
                Ok(e) => {
                    f.event.push(e);
                    f.lines.push(at);
                }
                Err((l, m, zh)) => {
                    problems.push(l, format!("{kind}event: {m}"), format!("{kind_zh}：{zh}"));
                }
            }
        }
        f.problems = problems.finish("tables");
        Ok(f)
    }

    /// Parses a CSV ledger: a header with `kind` and `body` and any of
    /// `date`, `instrument`, `to`, `quota`, `rank`, `count`, `name`,
    /// `level`; rows of kind `body` declare a body (`body`, `name`,
    /// `level`), other rows are events. A row that cannot be read (a
    /// missing or malformed field, the wrong number of fields) is left out
    /// and recorded in [`LedgerFile::problems`] with its line and every
    /// problem of the row, and reading goes on; at most [`MAX_PROBLEMS`]
    /// rows are listed and the rest counted.
    ///
    /// # Errors
    /// [`Error::Parse`] for a header without `kind` or `body`, and for more
    /// than [`MAX_EVENTS`] rows.
    ///
    /// # Example
    /// ```
    /// use jiceng_staffing::LedgerFile;
    /// let f = LedgerFile::parse_csv("kind,body,level,date,instrument,quota,count\n\
    ///     body,t,township,,,,\n\
    ///     create,t,,2019-01-01,三定,other,39\n\
    ///     hire,t,,2019-13-01,招录,other,x\n")?;
    /// assert_eq!((f.body.len(), f.event.len()), (1, 1));
    /// assert_eq!(f.lines, vec![Some(3)]);
    /// assert_eq!(f.problems[0].line, Some(4));
    /// assert_eq!(
    ///     f.problems[0].message,
    ///     "hire event: field date: \"2019-13-01\" is not a date (YYYY-MM-DD); \
    ///      field count: \"x\" is not a whole number from 0 to 4294967295"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse_csv(text: &str) -> Result<LedgerFile, Error> {
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let headers = reader.headers().map_err(|e| csv_error(&e))?.clone();
        let columns = Columns::new(&headers)?;
        let mut f = LedgerFile::default();
        let mut problems = Problems::default();
        let mut rows = 0usize;
        let mut rec = csv::StringRecord::new();
        loop {
            match reader.read_record(&mut rec) {
                Ok(true) => {}
                Ok(false) => break,
                // A row of the wrong length has been read whole: report it
                // and go on. Nothing else can fail on text already in memory.
                Err(e) => {
                    let csv::ErrorKind::UnequalLengths {
                        pos,
                        expected_len,
                        len,
                    } = e.kind()
                    else {
                        return Err(csv_error(&e));
                    };
                    rows += 1;
                    let line = pos.as_ref().map(|p| p.line() as usize);
                    problems.push(
                        line,
                        format!("row has {len} fields where the header has {expected_len}"),
                        format!("该行有 {len} 个字段，而表头有 {expected_len} 个"),
                    );
                    continue;
                }
            }
            rows += 1;
            let line = rec.position().map(|p| p.line() as usize);
            if rows > MAX_EVENTS {
                return Err(Error::Parse {
                    line,
                    message: format!("more than {MAX_EVENTS} rows"),
                });
            }
            match read_row(&columns, &rec) {
                Ok(Row::Body(b)) => {
                    f.body.push(b);
                    f.body_lines.push(line);
                }
                Ok(Row::Event(e)) => {
                    f.event.push(e);
                    f.lines.push(line);
                }
                Err(e) => problems.push(line, e.to_string(), e.zh()),
            }
        }
        f.problems = problems.finish("rows");
        Ok(f)
    }

    /// Compiles the file into a ledger, applying every event it can and
    /// returning every problem at once: refused events (errors, skipped)
    /// and over-establishment and posts above their limit (flags). A flag
    /// is raised at the event that made the body go over, once for as long
    /// as it stays over, and says until when that lasted; a body over only
    /// in the middle of a day, and no longer at its end, is not flagged.
    ///
    /// # Example
    /// ```
    /// use jiceng_staffing::{LedgerFile, Severity};
    /// let f = LedgerFile::parse_csv("kind,body,level,date,instrument,quota,count\n\
    ///     body,t,township,,,,\n\
    ///     hire,t,,2019-01-01,招聘,other,2\n")?;
    /// let (ledger, findings) = f.compile();
    /// assert_eq!(ledger.events().len(), 1);
    /// assert_eq!(findings[0].severity, Severity::Flag); // 2 people, 0 quotas
    /// assert_eq!(findings[0].line, Some(3)); // the hire that did it
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn compile(&self) -> (Ledger, Vec<Finding>) {
        let mut findings = self.problems.clone();
        let mut bodies = Vec::with_capacity(self.body.len());
        let mut seen = std::collections::HashSet::new();
        for (i, b) in self.body.iter().enumerate() {
            if seen.insert(b.code.as_str()) {
                bodies.push(b.clone());
            } else {
                let e = Error::DuplicateBody {
                    code: b.code.clone(),
                };
                findings.push(Finding {
                    line: self.body_lines.get(i).copied().flatten(),
                    severity: Severity::Error,
                    message: e.to_string(),
                    message_zh: Some(e.zh()),
                });
            }
        }
        let mut ledger = match Ledger::new(bodies) {
            Ok(l) => l,
            Err(e) => {
                findings.push(Finding {
                    line: None,
                    severity: Severity::Error,
                    message: e.to_string(),
                    message_zh: Some(e.zh()),
                });
                Ledger::default()
            }
        };
        let mut watch = Watch::default();
        for (i, e) in self.event.iter().enumerate() {
            let line = self.lines.get(i).copied().flatten();
            let (date, kind, rank) = (e.date, e.quota, e.rank.clone());
            let touched = [
                ledger.index_of(&e.body),
                e.to.as_deref().and_then(|t| ledger.index_of(t)),
            ];
            match ledger.apply(e.clone()) {
                Ok(()) => {
                    for j in touched.into_iter().flatten() {
                        watch.after(&ledger, j, kind, rank.as_deref(), date, line);
                    }
                }
                Err(err) => findings.push(Finding {
                    line,
                    severity: Severity::Error,
                    message: err.to_string(),
                    message_zh: Some(err.zh()),
                }),
            }
        }
        findings.extend(watch.flags(&ledger));
        findings.sort_by_key(|f| f.line.unwrap_or(usize::MAX));
        (ledger, findings)
    }
}

/// One stretch of time during which a body was over establishment in one
/// kind of quota, or held posts of one rank above their limit.
#[derive(Debug)]
struct Episode {
    body: usize,
    /// The quota kind, or the rank of posts.
    what: Result<QuotaKind, String>,
    /// The line and date of the event that made the body go over.
    line: Option<usize>,
    from: NaiveDate,
    /// The excess and the two numbers behind it, right after that event:
    /// (headcount, quotas) or (held, limit).
    excess: u32,
    numbers: (u32, u32),
    /// The largest excess while it lasted.
    peak: u32,
    /// The date and line of the event that ended it, if one did.
    until: Option<(NaiveDate, Option<usize>)>,
}

/// The running watch for over-establishment and posts above their limit,
/// fed after every applied event: one latest episode per body and kind
/// (or rank), so that the work per event is constant and a ledger of millions
/// of events is checked in one pass.
#[derive(Debug, Default)]
struct Watch {
    episodes: Vec<Episode>,
    /// The latest episode of each body and quota kind, open or closed.
    latest_quota: HashMap<(usize, QuotaKind), usize>,
    /// The latest episode of each body and rank.
    latest_rank: HashMap<(usize, String), usize>,
}

impl Watch {
    /// Looks at body `j` right after an event on `kind` or `rank`, dated
    /// `date`, at `line`.
    fn after(
        &mut self,
        ledger: &Ledger,
        j: usize,
        kind: Option<QuotaKind>,
        rank: Option<&str>,
        date: NaiveDate,
        line: Option<usize>,
    ) {
        let est = ledger.establishment(j);
        if let Some(k) = kind {
            let (h, q) = (est.headcount.get(k), est.quotas.get(k));
            let latest = self.latest_quota.get(&(j, k)).copied();
            if let Some(new) = self.step(latest, j, Ok(k), (h, q), date, line) {
                self.latest_quota.insert((j, k), new);
            }
        }
        if let Some(r) = rank {
            let p = est.posts.get(r).copied().unwrap_or_default();
            let key = (j, r.to_string());
            let latest = self.latest_rank.get(&key).copied();
            if let Some(new) = self.step(
                latest,
                j,
                Err(r.to_string()),
                (p.filled, p.limit),
                date,
                line,
            ) {
                self.latest_rank.insert(key, new);
            }
        }
    }

    /// Advances the latest episode of a body and kind (or rank), if any,
    /// with the numbers `(n, limit)` after an event dated `date`: raises
    /// its peak while the body stays over, closes it when the body comes
    /// back within the limit, and reopens it when the body goes over again
    /// on the day it came back (the ledger counts in days). Otherwise a
    /// body going over opens a new episode, whose index is returned.
    fn step(
        &mut self,
        latest: Option<usize>,
        body: usize,
        what: Result<QuotaKind, String>,
        (n, limit): (u32, u32),
        date: NaiveDate,
        line: Option<usize>,
    ) -> Option<usize> {
        let excess = n.saturating_sub(limit);
        if let Some(ep) = latest.and_then(|i| self.episodes.get_mut(i)) {
            match ep.until {
                None if excess > 0 => ep.peak = ep.peak.max(excess),
                None => ep.until = Some((date, line)),
                Some((d, _)) if d == date && excess > 0 => {
                    ep.until = None;
                    ep.peak = ep.peak.max(excess);
                }
                Some(_) if excess > 0 => {
                    return Some(self.open(body, what, (n, limit), date, line));
                }
                Some(_) => {}
            }
            return None;
        }
        (excess > 0).then(|| self.open(body, what, (n, limit), date, line))
    }

    /// Opens an episode and returns its index.
    fn open(
        &mut self,
        body: usize,
        what: Result<QuotaKind, String>,
        (n, limit): (u32, u32),
        date: NaiveDate,
        line: Option<usize>,
    ) -> usize {
        let excess = n.saturating_sub(limit);
        self.episodes.push(Episode {
            body,
            what,
            line,
            from: date,
            excess,
            numbers: (n, limit),
            peak: excess,
            until: None,
        });
        self.episodes.len() - 1
    }

    /// The flags, one per episode that lasted past the end of a day.
    fn flags(self, ledger: &Ledger) -> impl Iterator<Item = Finding> + '_ {
        self.episodes
            .into_iter()
            .filter(|ep| ep.until.is_none_or(|(d, _)| d > ep.from))
            .map(|ep| {
                let code = &ledger.bodies()[ep.body].code;
                let (n, limit) = ep.numbers;
                let (head, head_zh) = match &ep.what {
                    Ok(kind) => (
                        format!(
                            "{code} is over establishment (超编) by {} {kind}: headcount {n}, quotas {limit}",
                            ep.excess
                        ),
                        format!(
                            "{code} 超编 {} 名（{}）：实有 {n}，编制 {limit}",
                            ep.excess,
                            kind.zh()
                        ),
                    ),
                    Err(rank) => (
                        format!(
                            "{code} holds {} {rank} posts above the limit of {limit}: {n} held",
                            ep.excess
                        ),
                        format!(
                            "{code} 超职数配备{rank} {} 名：职数 {limit}，实配 {n}",
                            ep.excess
                        ),
                    ),
                };
                let (until, until_zh) = match ep.until {
                    Some((d, Some(l))) => (format!("until {d} (line {l})"), format!("至 {d}（第 {l} 行）")),
                    Some((d, None)) => (format!("until {d}"), format!("至 {d}")),
                    None => (
                        "to the end of the ledger".to_string(),
                        "至台账末尾".to_string(),
                    ),
                };
                let (peak, peak_zh) = if ep.peak > ep.excess {
                    (
                        format!(", at most {} over", ep.peak),
                        format!("，最多超 {} 名", ep.peak),
                    )
                } else {
                    (String::new(), String::new())
                };
                Finding {
                    line: ep.line,
                    severity: Severity::Flag,
                    message: format!("{head}; from {} {until}{peak}", ep.from),
                    message_zh: Some(format!("{head_zh}；自 {} {until_zh}{peak_zh}", ep.from)),
                }
            })
    }
}

fn csv_error(e: &csv::Error) -> Error {
    Error::Parse {
        line: e.position().map(|p| p.line() as usize),
        message: match e.kind() {
            csv::ErrorKind::Deserialize { err, .. } => err.to_string(),
            _ => e.to_string(),
        },
    }
}

/// One row of a CSV ledger: a body or an event.
enum Row {
    Body(Body),
    Event(Event),
}

/// Reads one row, or says everything wrong with it.
fn read_row(c: &Columns, rec: &csv::StringRecord) -> Result<Row, Error> {
    let kind = rec.get(c.kind).unwrap_or_default();
    let body = rec.get(c.body).unwrap_or_default().to_string();
    if kind == "body" {
        let level = match cell(rec, c.level) {
            None => Err("field level is missing".to_string()),
            Some(v) => named::<Level>(v).ok_or_else(|| {
                format!(
                    "field level: {:?} is not one of province, city, county, township, village",
                    shown(v)
                )
            }),
        };
        return match level {
            Ok(level) => Ok(Row::Body(Body {
                code: body,
                name: cell(rec, c.name).unwrap_or_default().to_string(),
                level,
            })),
            Err(problem) => Err(Error::BadEvent {
                kind: "body",
                problem: format!("body {:?}: {problem}", shown(&body)),
            }),
        };
    }
    let kind: EventKind = named(kind).ok_or_else(|| Error::BadEvent {
        kind: "row",
        problem: format!(
            "field kind {:?} is not one of body, create, cancel, sink, adjust, hire, leave, posts, fill",
            shown(kind)
        ),
    })?;
    let mut problems = Vec::new();
    let mut field = |name: &str, column: Option<usize>| {
        let v = cell(rec, column);
        if v.is_none() && matches!(name, "date" | "instrument" | "count") {
            problems.push(format!("field {name} is missing"));
        }
        v
    };
    let date = field("date", c.date);
    let instrument = field("instrument", c.instrument);
    let count = field("count", c.count);
    let quota = field("quota", c.quota);
    let date = date.and_then(|v| {
        v.parse::<NaiveDate>().ok().or_else(|| {
            problems.push(format!(
                "field date: {:?} is not a date (YYYY-MM-DD)",
                shown(v)
            ));
            None
        })
    });
    let count = count.and_then(|v| {
        v.parse::<u32>().ok().or_else(|| {
            problems.push(format!(
                "field count: {:?} is not a whole number from 0 to {}",
                shown(v),
                u32::MAX
            ));
            None
        })
    });
    let quota = match quota {
        None => None,
        Some(v) => named::<QuotaKind>(v).or_else(|| {
            problems.push(format!(
                "field quota: {:?} is not one of administrative, public_institution, other",
                shown(v)
            ));
            None
        }),
    };
    match (date, instrument, count) {
        (Some(date), Some(instrument), Some(count)) if problems.is_empty() => {
            Ok(Row::Event(Event {
                date,
                instrument: instrument.to_string(),
                kind,
                body,
                to: cell(rec, c.to).map(str::to_string),
                quota,
                rank: cell(rec, c.rank).map(str::to_string),
                count,
            }))
        }
        _ => Err(Error::BadEvent {
            kind: kind.name(),
            problem: problems.join("; "),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::{MAX_BODIES, MAX_EVENTS, too_large};

    /// Each bound is allowed exactly and refused one past it, on either
    /// count alone: 1,000,000 bodies and 5,000,000 events.
    #[test]
    fn a_file_may_hold_exactly_the_bounds() {
        assert_eq!((MAX_BODIES, MAX_EVENTS), (1_000_000, 5_000_000));
        assert!(too_large(1_000_000, 5_000_000).is_none());
        assert!(too_large(1_000_001, 0).is_some());
        assert!(too_large(0, 5_000_001).is_some());
        let e = too_large(1_000_001, 7)
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("1000001 bodies and 7 events"), "{e}");
    }
}
