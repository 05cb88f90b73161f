//! Ledger files: TOML (`[[body]]` and `[[event]]` tables) or CSV (one row
//! per body declaration or event), compiled into a [`Ledger`] with every
//! problem and its line.

use std::collections::HashMap;

use chrono::NaiveDate;
use jiceng_org::Level;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Error;
use crate::establishment::QuotaKind;
use crate::ledger::{Body, Event, EventKind, Ledger};

/// The most events a ledger file may hold: a hostile file cannot make the
/// ledger grow without bound.
pub const MAX_EVENTS: usize = 5_000_000;
/// The most bodies a ledger file may declare.
pub const MAX_BODIES: usize = 1_000_000;

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

/// A row of a CSV ledger.
#[derive(Debug, Deserialize)]
struct Row {
    #[serde(default)]
    date: Option<NaiveDate>,
    #[serde(default)]
    instrument: Option<String>,
    kind: String,
    body: String,
    #[serde(default)]
    to: Option<String>,
    #[serde(default)]
    quota: Option<QuotaKind>,
    #[serde(default)]
    rank: Option<String>,
    #[serde(default)]
    count: Option<u32>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    level: Option<Level>,
}

impl LedgerFile {
    /// Parses a TOML ledger.
    ///
    /// # Errors
    /// [`Error::Parse`] with the line of the first syntax or type error.
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
        let mut f: LedgerFile = toml::from_str(text).map_err(|e| Error::Parse {
            line: e.span().map(|s| line_of(text, s.start)),
            message: e.message().trim().to_string(),
        })?;
        if let Some(e) = too_large(f.body.len(), f.event.len()) {
            return Err(e);
        }
        let ev = header_lines(text, "[[event]]");
        let bl = header_lines(text, "[[body]]");
        // Lines are known only when every table is written as a header.
        f.lines = (0..f.event.len())
            .map(|i| (ev.len() == f.event.len()).then(|| ev[i]))
            .collect();
        f.body_lines = (0..f.body.len())
            .map(|i| (bl.len() == f.body.len()).then(|| bl[i]))
            .collect();
        Ok(f)
    }

    /// Parses a CSV ledger: a header with `kind` and `body` and any of
    /// `date`, `instrument`, `to`, `quota`, `rank`, `count`, `name`,
    /// `level`; rows of kind `body` declare a body (`body`, `name`,
    /// `level`), other rows are events.
    ///
    /// # Errors
    /// [`Error::Parse`] with the line of the first malformed row.
    ///
    /// # Example
    /// ```
    /// use jiceng_staffing::LedgerFile;
    /// let f = LedgerFile::parse_csv("kind,body,level,date,instrument,quota,count\n\
    ///     body,t,township,,,,\n\
    ///     create,t,,2019-01-01,三定,other,39\n")?;
    /// assert_eq!((f.body.len(), f.event.len()), (1, 1));
    /// assert_eq!(f.lines, vec![Some(3)]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse_csv(text: &str) -> Result<LedgerFile, Error> {
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let headers = reader.headers().map_err(|e| csv_error(&e))?.clone();
        let mut f = LedgerFile::default();
        let mut rec = csv::StringRecord::new();
        while reader.read_record(&mut rec).map_err(|e| csv_error(&e))? {
            let line = rec.position().map(|p| p.line() as usize);
            if f.event.len() + f.body.len() >= MAX_EVENTS {
                return Err(Error::Parse {
                    line,
                    message: format!("more than {MAX_EVENTS} rows"),
                });
            }
            let row: Row = rec.deserialize(Some(&headers)).map_err(|e| Error::Parse {
                line,
                message: e.to_string(),
            })?;
            let is_body = row.kind == "body";
            push_row(&mut f, row).map_err(|e| Error::AtLine {
                line: line.unwrap_or_default(),
                source: Box::new(e),
            })?;
            if is_body {
                f.body_lines.push(line);
            } else {
                f.lines.push(line);
            }
        }
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
        let mut findings = Vec::new();
        let mut bodies = Vec::with_capacity(self.body.len());
        let mut seen = std::collections::HashSet::new();
        for (i, b) in self.body.iter().enumerate() {
            if seen.insert(b.code.as_str()) {
                bodies.push(b.clone());
            } else {
                findings.push(Finding {
                    line: self.body_lines.get(i).copied().flatten(),
                    severity: Severity::Error,
                    message: Error::DuplicateBody {
                        code: b.code.clone(),
                    }
                    .to_string(),
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
/// fed after every applied event: one open episode per body and kind (or
/// rank), so that the work per event is constant and a ledger of millions
/// of events is checked in one pass.
#[derive(Debug, Default)]
struct Watch {
    episodes: Vec<Episode>,
    open_quota: HashMap<(usize, QuotaKind), usize>,
    open_rank: HashMap<(usize, String), usize>,
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
            let open = self.open_quota.get(&(j, k)).copied();
            if let Some(new) = self.step(open, j, Ok(k), (h, q), date, line) {
                self.open_quota.insert((j, k), new);
            } else if open.is_some() && h <= q {
                self.open_quota.remove(&(j, k));
            }
        }
        if let Some(r) = rank {
            let p = est.posts.get(r).copied().unwrap_or_default();
            let key = (j, r.to_string());
            let open = self.open_rank.get(&key).copied();
            if let Some(new) =
                self.step(open, j, Err(r.to_string()), (p.filled, p.limit), date, line)
            {
                self.open_rank.insert(key, new);
            } else if open.is_some() && p.filled <= p.limit {
                self.open_rank.remove(&key);
            }
        }
    }

    /// Advances the episode `open` (if any) with the numbers `(n, limit)`
    /// after an event: opens a new one when the body goes over (returning
    /// its index), raises the peak while it stays over, closes it when the
    /// body comes back within the limit.
    fn step(
        &mut self,
        open: Option<usize>,
        body: usize,
        what: Result<QuotaKind, String>,
        (n, limit): (u32, u32),
        date: NaiveDate,
        line: Option<usize>,
    ) -> Option<usize> {
        let excess = n.saturating_sub(limit);
        match open {
            None if excess > 0 => {
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
                Some(self.episodes.len() - 1)
            }
            Some(i) if excess > 0 => {
                let ep = &mut self.episodes[i];
                ep.peak = ep.peak.max(excess);
                None
            }
            Some(i) => {
                self.episodes[i].until = Some((date, line));
                None
            }
            None => None,
        }
    }

    /// The flags, one per episode that lasted past the end of a day.
    fn flags(self, ledger: &Ledger) -> impl Iterator<Item = Finding> + '_ {
        self.episodes
            .into_iter()
            .filter(|ep| ep.until.is_none_or(|(d, _)| d > ep.from))
            .map(|ep| {
                let code = &ledger.bodies()[ep.body].code;
                let (n, limit) = ep.numbers;
                let head = match &ep.what {
                    Ok(kind) => format!(
                        "{code} is over establishment (超编) by {} {kind}: headcount {n}, quotas {limit}",
                        ep.excess
                    ),
                    Err(rank) => format!(
                        "{code} holds {} {rank} posts above the limit of {limit}: {n} held",
                        ep.excess
                    ),
                };
                let until = match ep.until {
                    Some((d, Some(l))) => format!("until {d} (line {l})"),
                    Some((d, None)) => format!("until {d}"),
                    None => "to the end of the ledger".to_string(),
                };
                let peak = if ep.peak > ep.excess {
                    format!(", at most {} over", ep.peak)
                } else {
                    String::new()
                };
                Finding {
                    line: ep.line,
                    severity: Severity::Flag,
                    message: format!("{head}; from {} {until}{peak}", ep.from),
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

fn push_row(f: &mut LedgerFile, row: Row) -> Result<(), Error> {
    if row.kind == "body" {
        let level = row.level.ok_or_else(|| Error::BadEvent {
            kind: "body",
            problem: format!("body {:?}: field level is missing", row.body),
        })?;
        f.body.push(Body {
            code: row.body,
            name: row.name.unwrap_or_default(),
            level,
        });
        return Ok(());
    }
    let kind: EventKind =
        serde_json::from_value(serde_json::Value::String(row.kind.clone())).map_err(|_| {
            Error::BadEvent {
                kind: "row",
                problem: format!(
                    "field kind {:?} is not one of body, create, cancel, sink, adjust, hire, leave, posts, fill",
                    row.kind
                ),
            }
        })?;
    let missing = |field: &str| Error::BadEvent {
        kind: kind.name(),
        problem: format!("field {field} is missing"),
    };
    f.event.push(Event {
        date: row.date.ok_or_else(|| missing("date"))?,
        instrument: row.instrument.ok_or_else(|| missing("instrument"))?,
        kind,
        body: row.body,
        to: row.to.filter(|s| !s.is_empty()),
        quota: row.quota,
        rank: row.rank.filter(|s| !s.is_empty()),
        count: row.count.ok_or_else(|| missing("count"))?,
    });
    Ok(())
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
