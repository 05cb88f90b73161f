//! `jiceng grid …`: routing events, replaying event logs, metrics and the
//! Open311 mapping, on Guchengying town's grid and the sample taxonomy, or
//! on a grid and a taxonomy read from files (`--grid`, `--taxonomy`).
//!
//! `replay`, `metrics` and `open311` stream: an event is written out (or
//! counted) and dropped when it is closed or rejected, so that memory
//! depends on the events open at once, bounded by `--max-open`.

use std::borrow::Cow;
use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate};
use clap::{Args, Subcommand, ValueEnum};
use jiceng::authority::Ledger;
use jiceng::calendar::{Calendar, WorkingHours};
use jiceng::grid::{Breakdown, By, Engine, Entry, Grid, Taxonomy, Ticket, open311, route};
use serde::Serialize;

use super::calendar::{Counted, warn_provisional_count};
use super::{BadLines, CalendarSource, Failure, Lang};

/// The longest line read from an events file: a bound on what one hostile
/// line may cost.
const MAX_LINE: usize = 64 * 1024;

/// The largest grid or taxonomy file read.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The default cap on events open at once in a stream.
const DEFAULT_MAX_OPEN: usize = 1_000_000;

/// Where the grid and the taxonomy come from.
#[derive(Debug, Args)]
struct DataArgs {
    /// A grid file (TOML or JSON, `jiceng schema grid-file`); Guchengying
    /// town's bundled grid if absent.
    #[arg(long, value_name = "FILE")]
    grid: Option<PathBuf>,
    #[command(flatten)]
    taxonomy: TaxonomyArg,
}

#[derive(Debug, Args)]
struct TaxonomyArg {
    /// A taxonomy file (TOML or JSON, `jiceng schema taxonomy`); the
    /// bundled sample taxonomy if absent.
    #[arg(long, value_name = "FILE")]
    taxonomy: Option<PathBuf>,
}

/// How many events a stream may hold open at once.
#[derive(Debug, Args)]
struct StreamArgs {
    /// The most events open (reported, not yet closed or rejected) at
    /// once; past it the command stops with an error naming the line.
    /// Events written out are forgotten but for the ids of the last
    /// `--remember` ones: a report of one of those is refused as a
    /// duplicate, and a rating of one is checked (a known actor, in order,
    /// once, a score from 1 to 5).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_OPEN)]
    max_open: usize,
    /// How many events written out are remembered (some 45 bytes each), at
    /// most 10,000,000. A longer window catches a duplicate report later
    /// in the log, at the price of a cache miss per look-up.
    #[arg(long, value_name = "N", default_value_t = REMEMBER,
          value_parser = clap::value_parser!(u32).range(0..=10_000_000))]
    remember: u32,
}

/// The engine's default window, as the flag's type holds it.
const REMEMBER: u32 = {
    assert!(jiceng::grid::REMEMBERED <= 10_000_000);
    jiceng::grid::REMEMBERED as u32
};

impl StreamArgs {
    /// The window the engine keeps: the flag's value, at most 10,000,000.
    fn remembered(&self) -> usize {
        // At most 10,000,000 by the flag's parser: it fits any usize of
        // 32 bits or more.
        usize::try_from(self.remember).unwrap_or(usize::MAX)
    }
}

fn read_small(p: &Path) -> Result<String, Failure> {
    let meta = std::fs::metadata(p).map_err(|e| Failure::input(super::lang::cannot_read(p, &e)))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(Failure::input(format!(
            "{} is {} bytes: at most {MAX_FILE_BYTES}",
            p.display(),
            meta.len()
        )));
    }
    std::fs::read_to_string(p).map_err(|e| Failure::input(super::lang::cannot_read(p, &e)))
}

impl DataArgs {
    fn grid(&self) -> Result<Grid, Failure> {
        match &self.grid {
            None => Ok(Grid::guchengying()),
            Some(p) => Grid::from_str_auto(&read_small(p)?, &p.display().to_string())
                .map_err(Failure::input),
        }
    }
}

impl TaxonomyArg {
    fn load(&self) -> Result<Taxonomy, Failure> {
        match &self.taxonomy {
            None => Ok(Taxonomy::sample()),
            Some(p) => Taxonomy::from_str_auto(&read_small(p)?, &p.display().to_string())
                .map_err(Failure::input),
        }
    }
}

#[derive(Debug, Args)]
pub(crate) struct GridArgs {
    #[command(flatten)]
    source: CalendarSource,
    #[command(subcommand)]
    command: GridCommand,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ByArg {
    Township,
    Cell,
    Category,
    Body,
}

#[derive(Debug, Subcommand)]
enum GridCommand {
    /// Print the body responsible for an event and its due times.
    Route {
        /// The category code (e.g. 0101).
        #[arg(long)]
        category: String,
        /// Where: a village or community code.
        #[arg(long)]
        division: String,
        /// When: RFC 3339 with offset, e.g. 2025-06-10T09:35:00+08:00.
        #[arg(long)]
        at: String,
        /// The ledger file; the bundled Hebei sample if absent.
        #[arg(long)]
        ledger: Option<PathBuf>,
        #[command(flatten)]
        taxonomy: TaxonomyArg,
        /// Print JSON: body {code, name}, escalated, response_due, resolution_due.
        #[arg(long)]
        json: bool,
    },
    /// Replay an event log (JSON Lines) and print each event's final state:
    /// closed and rejected events as they finish, then the events still
    /// open, in order of report; a rating of an event already printed is a
    /// line of its own.
    Replay {
        /// The events file; `-` for standard input.
        events: PathBuf,
        /// Print JSON: one record an event (and one a later rating).
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        data: DataArgs,
        #[command(flatten)]
        stream: StreamArgs,
    },
    /// Metrics of an event log (GB/T 30428), optionally broken down.
    Metrics {
        /// The events file; `-` for standard input.
        events: PathBuf,
        /// Count events reported on or after this date.
        #[arg(long)]
        from: Option<String>,
        /// Count events reported on or before this date.
        #[arg(long)]
        to: Option<String>,
        /// Break the figures down.
        #[arg(long, value_enum)]
        by: Option<ByArg>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        data: DataArgs,
        #[command(flatten)]
        stream: StreamArgs,
    },
    /// Write synthetic events (JSON Lines) to standard output.
    Synth {
        /// The random seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// How many events (each several lines), at most 20,000,000.
        #[arg(long, default_value_t = 1000)]
        events: usize,
    },
    /// Write the events as Open311 GeoReport v2 service requests (JSON).
    Open311 {
        /// The events file; `-` for standard input.
        events: PathBuf,
        #[command(flatten)]
        data: DataArgs,
        #[command(flatten)]
        stream: StreamArgs,
    },
}

fn date(s: &str, field: &str) -> Result<NaiveDate, Failure> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| super::lang::bad_date(field, s))
}

/// A `--from` after its `--to` is bad input, not an empty range: it
/// would count nothing and look like a quiet log.
fn check_range(from: Option<NaiveDate>, to: Option<NaiveDate>, lang: Lang) -> Result<(), Failure> {
    match (from, to) {
        (Some(f), Some(t)) if f > t => Err(Failure::input(match lang {
            Lang::En => format!("--from {f} is after --to {t}: the range is reversed"),
            Lang::Zh => format!("--from {f} 晚于 --to {t}：日期范围颠倒"),
        })),
        _ => Ok(()),
    }
}

fn load(path: Option<&PathBuf>) -> Result<Ledger, Failure> {
    match path {
        None => Ok(Ledger::hebei_sample()),
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .map_err(|e| Failure::input(super::lang::cannot_read(p, &e)))?;
            Ledger::from_text(&text, &p.display().to_string()).map_err(Failure::input)
        }
    }
}

fn json_line(out: &mut dyn Write, v: &impl Serialize) -> Result<(), Failure> {
    let text = serde_json::to_string(v).map_err(|e| Failure::input(e.to_string()))?;
    writeln!(out, "{text}")?;
    Ok(())
}

/// What a stream hands on: a finished event, or a rating of an event
/// already handed on.
enum Done<'e> {
    Event(&'e Ticket),
    Rating(&'e Entry),
}

/// What the stream does with what is done.
type Sink<'a> = dyn FnMut(Done<'_>) -> Result<(), Failure> + 'a;

/// How a stream ended.
struct Streamed {
    /// No line was malformed or refused.
    ok: bool,
    /// The latest time of an applied line: refused and malformed lines
    /// change nothing, not even the evaluation time.
    latest: Option<DateTime<FixedOffset>>,
    /// The line at which the cap on open events stopped the stream.
    stopped: Option<usize>,
}

/// Reads an events file line by line, bounding each line, and applies each
/// entry to the engine. Bad lines and refused actions are reported on
/// `err` with their line numbers.
///
/// Rejected events are handed to `sink` and dropped at once. Closed events
/// wait for their rating among the last `keep_closed` closed (0: none
/// wait, as metrics and Open311 have no use for ratings, though ratings
/// are still checked); a closed event is handed on when rated, when it
/// leaves that window, or when its room is needed for a new report. A
/// rating of an event no longer held is checked by the engine against what
/// it remembers of the events it released and, with a window, handed on as
/// a rating of its own. A report beyond the engine's cap stops the stream,
/// with its line; the caller still writes out what the engine holds.
fn replay_stream(
    (source, path): (Source<'_>, &Path),
    engine: &mut Engine<'_>,
    lang: Lang,
    err: &mut dyn Write,
    keep_closed: usize,
    sink: &mut Sink<'_>,
    watch: &mut dyn FnMut(usize, &Entry),
) -> Result<Streamed, Failure> {
    use jiceng::grid::{Action, State};
    let name = path.display();
    let mut ok = true;
    let mut latest = None;
    let mut stopped = None;
    // Closed events waiting for a rating, oldest first; ids of events
    // already rated are skipped when they come up.
    let mut closed = std::collections::VecDeque::new();
    let mut lines = BadLines::new(lang);
    let evict_oldest = |engine: &mut Engine<'_>,
                        closed: &mut std::collections::VecDeque<_>,
                        sink: &mut Sink<'_>|
     -> Result<bool, Failure> {
        while let Some(id) = closed.pop_front() {
            if let Some(t) = engine.release(id) {
                sink(Done::Event(&t))?;
                return Ok(true);
            }
        }
        Ok(false)
    };
    let mut each = |block: &mut Block| -> Result<bool, Failure> {
        // By reference: the entries are dropped on the parsing thread
        // that made them, when it reads the next lines into this block.
        for &(n, ref line) in &block.lines {
            let entry = match line {
                Line::Entry(e) => e,
                Line::TooLong => {
                    ok = false;
                    lines.report(
                        err,
                        format_args!("{name}:{n}"),
                        format_args!(
                            "{} {MAX_LINE} {}",
                            lang.pick("line longer than", "行长度超过"),
                            lang.pick("bytes", "字节")
                        ),
                    )?;
                    continue;
                }
                Line::NotUtf8 => {
                    ok = false;
                    lines.report(
                        err,
                        format_args!("{name}:{n}"),
                        lang.pick("not UTF-8", "不是 UTF-8"),
                    )?;
                    continue;
                }
                Line::Malformed(e) => {
                    ok = false;
                    lines.report(err, format_args!("{name}:{n}"), e)?;
                    continue;
                }
            };
            if matches!(entry.action, Action::Rate { .. }) && engine.ticket(entry.event).is_none() {
                // A rating of an event not held: the engine checks it
                // against what it remembers of the released events.
                match engine.apply(entry) {
                    Ok(()) => {
                        latest = latest.max(Some(entry.at));
                        if keep_closed > 0 {
                            sink(Done::Rating(entry))?;
                        }
                    }
                    Err(e) => {
                        ok = false;
                        lines.report(err, format_args!("{name}:{n}"), engine_error(&e, lang))?;
                    }
                }
                continue;
            }
            if matches!(entry.action, Action::Report { .. }) {
                // Make room: the oldest closed event waiting for its rating
                // goes first.
                while engine.held() >= engine.max_open() && evict_oldest(engine, &mut closed, sink)?
                {
                }
            }
            // Without a window for ratings an event is released as soon as
            // it is closed or rejected, by the engine itself.
            let applied = if keep_closed == 0 {
                engine.apply_and_release(entry)
            } else {
                engine.apply(entry).map(|()| None)
            };
            if applied.is_ok() {
                // Only what was applied moves the evaluation time: a
                // refused action changes nothing.
                latest = latest.max(Some(entry.at));
                watch(n, entry);
            }
            match applied {
                Ok(Some(t)) => {
                    sink(Done::Event(&t))?;
                    continue;
                }
                Ok(None) if keep_closed == 0 => continue,
                Ok(None) => {}
                Err(e @ jiceng::grid::Error::TooManyOpen { .. }) => {
                    // The reason the command stops: shown whatever the
                    // count of bad lines before it.
                    writeln!(err, "jiceng: {name}:{n}: {}", engine_error(&e, lang))?;
                    stopped = Some(n);
                    return Ok(false);
                }
                Err(e) => {
                    ok = false;
                    lines.report(err, format_args!("{name}:{n}"), engine_error(&e, lang))?;
                    continue;
                }
            }
            let state = engine.ticket(entry.event).map(|t| t.state);
            let rated = matches!(entry.action, Action::Rate { .. });
            match state {
                Some(State::Rejected) => {}
                Some(State::Closed) if rated => {}
                Some(State::Closed) => {
                    if matches!(entry.action, Action::Close) {
                        closed.push_back(entry.event);
                        if closed.len() > keep_closed {
                            evict_oldest(engine, &mut closed, sink)?;
                        }
                    }
                    continue;
                }
                _ => continue,
            }
            if let Some(t) = engine.release(entry.event) {
                sink(Done::Event(&t))?;
            }
        }
        Ok(true)
    };
    parsed_blocks(source, lang, &mut each)?;
    lines.finish(err)?;
    Ok(Streamed {
        ok: ok && stopped.is_none(),
        latest,
        stopped,
    })
}

/// Opens an events file (`-`: standard input) before anything is written,
/// so that a file that cannot be read leaves standard output empty.
fn open_events<'r>(path: &Path, stdin: &'r mut dyn BufRead) -> Result<Source<'r>, Failure> {
    if path.as_os_str() == "-" {
        return Ok(Source::Stream(stdin));
    }
    std::fs::File::open(path)
        .map(Source::File)
        .map_err(|e| Failure::input(super::lang::cannot_read(path, &e)))
}

/// Standard error shared by a stream and the sink it hands events to,
/// which write to it in turn, never at once.
struct Shared<'c, 'w>(&'c std::cell::RefCell<&'w mut dyn Write>);

impl Write for Shared<'_, '_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .try_borrow_mut()
            .map_err(std::io::Error::other)?
            .write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0
            .try_borrow_mut()
            .map_err(std::io::Error::other)?
            .flush()
    }
}

/// The lines whose time lies outside the days the calendar answers for
/// (its coverage, or with `--provisional` from its earliest day to its
/// horizon), kept by event for the metrics: a response or resolution time
/// that needs such a day cannot be counted, and the event is then said with
/// the line of the action that needed it. Only reports, acceptances,
/// rejections and resolutions are kept (the times the metrics count
/// between), the first of each event; an event's entry goes when it is
/// counted. A line inside the days costs two comparisons and no look-up.
struct Outside {
    /// The first instant of the first day answered for, in UTC: compared
    /// with a time's own UTC date and time, which needs no count of days
    /// (as a Unix time would) on every line.
    from: chrono::NaiveDateTime,
    /// The first instant after the last day answered for, if there is one.
    until: Option<chrono::NaiveDateTime>,
    lines: std::collections::HashMap<u128, usize>,
}

impl Outside {
    fn new(cal: &Calendar, hours: &WorkingHours) -> Outside {
        let (first, last) = match cal.policy() {
            jiceng::calendar::CoveragePolicy::Provisional => (cal.earliest(), cal.horizon()),
            _ => cal.coverage(),
        };
        let offset = hours.offset();
        // The local midnight of a day, in UTC; beyond chrono's range, the
        // first (or no) instant.
        let start = |d: NaiveDate| {
            d.and_time(chrono::NaiveTime::MIN)
                .checked_sub_offset(offset)
        };
        Outside {
            from: start(first).unwrap_or(chrono::NaiveDateTime::MIN),
            until: last.succ_opt().and_then(start),
            lines: std::collections::HashMap::new(),
        }
    }

    /// Notes line `n` if its time is outside the days answered for.
    fn watch(&mut self, n: usize, e: &Entry) {
        use jiceng::grid::Action;
        let s = e.at.naive_utc();
        if s >= self.from && self.until.is_none_or(|u| s < u) {
            return;
        }
        if matches!(
            e.action,
            Action::Report { .. } | Action::Accept | Action::Reject { .. } | Action::Resolve
        ) {
            self.lines.entry(e.event.as_u128()).or_insert(n);
        }
    }

    /// The line noted for an event, forgetting it.
    fn forget(&mut self, id: u128) -> Option<usize> {
        if self.lines.is_empty() {
            return None;
        }
        self.lines.remove(&id)
    }
}

/// The threads that parse lines while the calling thread applies them.
const PARSERS: usize = 2;

/// The blocks read ahead of the one being applied: what bounds the memory
/// of the pipeline. Two for each parsing thread, so that each has one to
/// parse while the next waits.
const BLOCKS_AHEAD: usize = 2 * PARSERS;

/// Where the lines come from: a file, read on a thread of its own, or
/// another stream (standard input), read on the calling thread.
enum Source<'r> {
    File(std::fs::File),
    Stream(&'r mut dyn BufRead),
}

/// Reads the lines of `source` in blocks and hands each block, parsed, to
/// `each`, in order, until `each` says stop (false).
///
/// Parsing runs on [`PARSERS`] other threads while `each` applies the
/// blocks before. The blocks are dealt to the parsers in turn down bounded
/// channels and taken back in the same turn, so that blocks, and so
/// errors, keep their line order. A file is read and split on one more
/// thread, which takes the applied blocks back to fill them again; another
/// stream is read on the calling thread between blocks. Either way at most
/// [`BLOCKS_AHEAD`] blocks wait to be applied, and buffers are used again.
fn parsed_blocks(
    source: Source<'_>,
    lang: Lang,
    each: &mut dyn FnMut(&mut Block) -> Result<bool, Failure>,
) -> Result<(), Failure> {
    let stopped = || {
        Failure::input(
            lang.pick("the line parser stopped", "行解析线程意外停止")
                .to_owned(),
        )
    };
    use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
    std::thread::scope(|s| {
        let mut to_parse: Vec<SyncSender<Block>> = Vec::with_capacity(PARSERS);
        let mut parsed: Vec<Receiver<Block>> = Vec::with_capacity(PARSERS);
        for _ in 0..PARSERS {
            let (send, unparsed) = sync_channel::<Block>(1);
            let (done, recv) = sync_channel::<Block>(1);
            s.spawn(move || {
                for mut block in unparsed {
                    block.parse(lang);
                    if done.send(block).is_err() {
                        break;
                    }
                }
            });
            to_parse.push(send);
            parsed.push(recv);
        }
        let mut stream = match source {
            Source::Stream(stream) => stream,
            Source::File(file) => {
                // The applied blocks go back to the reading thread, which
                // makes no more than BLOCKS_AHEAD + 2 in all: one being
                // filled, one being applied and the rest in the channels.
                let (give_back, spares) = sync_channel::<Block>(BLOCKS_AHEAD + 2);
                // The reading thread answers how many blocks it sent.
                let reading = s.spawn(move || -> std::io::Result<usize> {
                    let mut file = file;
                    let mut splitter = Splitter::new(&mut file);
                    let (mut made, mut sent) = (0, 0usize);
                    loop {
                        let mut block = if made < BLOCKS_AHEAD + 2 {
                            made += 1;
                            Block::default()
                        } else {
                            match spares.recv() {
                                Ok(block) => block,
                                // The applying thread stopped early.
                                Err(_) => return Ok(sent),
                            }
                        };
                        if !splitter.fill(&mut block)? {
                            return Ok(sent);
                        }
                        let Some(parser) = to_parse.get(sent % PARSERS) else {
                            return Ok(sent);
                        };
                        if parser.send(block).is_err() {
                            return Ok(sent);
                        }
                        sent += 1;
                    }
                });
                // Block k comes from parser k % PARSERS; a parser whose
                // channel is closed has no block left, nor has any other,
                // since the reading thread ended.
                let mut taken = 0usize;
                while let Some(Ok(mut block)) = parsed.get(taken % PARSERS).map(Receiver::recv) {
                    taken += 1;
                    if !each(&mut block)? {
                        return Ok(());
                    }
                    // The reading thread may have ended: the block is then
                    // dropped here.
                    let _ = give_back.send(block);
                }
                // A read error ends the reading; the blocks read before it
                // have been applied, in order, before it is reported.
                // Every block sent was applied, or a parser stopped early.
                return match reading.join() {
                    Ok(Ok(sent)) if sent == taken => Ok(()),
                    Ok(Ok(_)) | Err(_) => Err(stopped()),
                    Ok(Err(e)) => Err(e.into()),
                };
            }
        };
        let mut splitter = Splitter::new(&mut stream);
        let mut spare: Vec<Block> = Vec::new();
        // Blocks sent and blocks taken back, counted from the start: block
        // k goes to parser k % PARSERS.
        let (mut sent, mut taken, mut more) = (0usize, 0usize, true);
        // A read error ends the reading; the blocks read before it are
        // still applied, in order, before it is reported.
        let mut failed = None;
        loop {
            while more && sent - taken < BLOCKS_AHEAD {
                let mut block = spare.pop().unwrap_or_default();
                more = splitter.fill(&mut block).unwrap_or_else(|e| {
                    failed = Some(e);
                    false
                });
                if more {
                    let parser = to_parse.get(sent % PARSERS).ok_or_else(stopped)?;
                    parser.send(block).map_err(|_| stopped())?;
                    sent += 1;
                }
            }
            if sent == taken {
                return failed.map_or(Ok(()), |e| Err(e.into()));
            }
            let parser = parsed.get(taken % PARSERS).ok_or_else(stopped)?;
            let mut block = parser.recv().map_err(|_| stopped())?;
            taken += 1;
            if !each(&mut block)? {
                return Ok(());
            }
            spare.push(block);
        }
    })
}

/// The bytes of whole lines a block gathers before it is parsed: some
/// 16,000 lines of a synthetic log.
const BLOCK_BYTES: usize = 2 * 1024 * 1024;

/// The most lines a block holds, whatever their length: each parsed line
/// keeps an entry or an error (some 110 bytes for a malformed one), so a
/// file of `1` lines would otherwise put a million lines in a 2 MiB block.
/// A log's lines average some 130 bytes, about 16,000 to a full block, so
/// the bound is met only by files of short lines.
const BLOCK_LINES: usize = 32 * 1024;

/// The bytes asked of the reader at once.
const READ_BYTES: usize = 256 * 1024;

/// Where one line of a block lies, and its number in the file.
#[derive(Debug, Clone, Copy)]
struct Span {
    n: usize,
    start: usize,
    end: usize,
    too_long: bool,
}

/// What one line of an events file reads as.
#[derive(Debug)]
enum Line {
    Entry(Entry),
    TooLong,
    NotUtf8,
    /// Why, naming the field and its value where [`explain_line`] can.
    Malformed(String),
}

/// `text`'s first 60 characters, then `…` where it was longer.
fn cut(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(60) {
        Some((i, _)) => Cow::Owned(format!("{}…", &text[..i])),
        None => Cow::Borrowed(text),
    }
}

/// Why a line the reader refused is wrong: the first field that is
/// missing or holds a value of the wrong kind, named with its value (cut
/// and made safe by [`shown`](super::report::shown)) and what was
/// expected, e.g. ``field `at`, value "yesterday": expected an RFC 3339
/// time with offset``. Lines that are not a JSON object, or whose fault
/// it cannot place, keep the reader's own message. Called only for lines
/// both readers refused: it reads the line again, as a generic JSON value.
fn explain_line(text: &str, e: &serde_json::Error, lang: Lang) -> String {
    use serde_json::Value;
    let Ok(Value::Object(o)) = serde_json::from_str::<Value>(text) else {
        return e.to_string();
    };
    // `expected` in English and in Chinese.
    let check =
        |field: &str, expected: (&str, &str), ok: &dyn Fn(&Value) -> bool| -> Option<String> {
            let expected = lang.pick(expected.0, expected.1);
            let value = match o.get(field) {
                None => {
                    return Some(match lang {
                        Lang::En => format!("field `{field}` is missing"),
                        Lang::Zh => format!("缺少字段 `{field}`"),
                    });
                }
                Some(v) if ok(v) => return None,
                // The value's first 60 characters, as every other echo.
                Some(Value::String(s)) => format!("\"{}\"", super::report::shown(&cut(s), false)),
                Some(v) => super::report::shown(&cut(&v.to_string()), false).to_string(),
            };
            Some(match lang {
                Lang::En => format!("field `{field}`, value {value}: expected {expected}"),
                Lang::Zh => format!("字段 `{field}` 的值 {value} 有误：应为{expected}"),
            })
        };
    const A_STRING: (&str, &str) = ("a string", "字符串");
    let text_ok = |v: &Value| v.is_string();
    let one_of = |names: &'static [&'static str]| {
        move |v: &Value| v.as_str().is_some_and(|s| names.contains(&s))
    };
    const ACTIONS: &[&str] = &[
        "report", "accept", "reject", "dispatch", "start", "resolve", "verify", "rework", "close",
        "rate", "escalate", "postpone",
    ];
    let common = [
        check("event", ("a uuid", "uuid"), &|v| {
            v.as_str().is_some_and(|s| s.parse::<uuid::Uuid>().is_ok())
        }),
        check(
            "at",
            ("an RFC 3339 time with offset", "带时区偏移的 RFC 3339 时间"),
            &|v| {
                v.as_str()
                    .is_some_and(|s| DateTime::parse_from_rfc3339(s).is_ok())
            },
        ),
        check("actor", A_STRING, &text_ok),
        check(
            "action",
            (
                "one of report, accept, reject, dispatch, start, resolve, verify, rework, close, rate, escalate, postpone",
                "report、accept、reject、dispatch、start、resolve、verify、rework、close、rate、escalate、postpone 之一",
            ),
            &one_of(ACTIONS),
        ),
    ];
    if let Some(why) = common.into_iter().flatten().next() {
        return why;
    }
    let action = o.get("action").and_then(Value::as_str).unwrap_or_default();
    let why = match action {
        "report" => [
            check("cell", A_STRING, &text_ok),
            check("category", A_STRING, &text_ok),
            check(
                "channel",
                (
                    "one of grid_worker, citizen_app, hotline, inspection",
                    "grid_worker、citizen_app、hotline、inspection 之一",
                ),
                &|v| serde_json::from_value::<jiceng::grid::Channel>(v.clone()).is_ok(),
            ),
            check("description", A_STRING, &text_ok),
        ]
        .into_iter()
        .flatten()
        .next(),
        "reject" | "rework" => check("reason", A_STRING, &text_ok),
        "dispatch" => check("body", A_STRING, &text_ok),
        "rate" => check(
            "score",
            ("a whole number from 0 to 255", "0 到 255 的整数"),
            &|v| v.as_u64().is_some_and(|n| n <= 255),
        ),
        "escalate" => check(
            "reason",
            (
                "one of no_authority, overdue, beyond_capacity",
                "no_authority、overdue、beyond_capacity 之一",
            ),
            &|v| serde_json::from_value::<jiceng::grid::EscalationReason>(v.clone()).is_ok(),
        ),
        "postpone" => [
            check(
                "until",
                ("a date YYYY-MM-DD", "YYYY-MM-DD 格式的日期"),
                &|v| {
                    v.as_str()
                        .is_some_and(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok())
                },
            ),
            check("approved_by", A_STRING, &text_ok),
        ]
        .into_iter()
        .flatten()
        .next(),
        _ => None,
    };
    why.unwrap_or_else(|| e.to_string())
}

/// A block of whole lines read from the file, and then what they read as.
#[derive(Debug, Default)]
struct Block {
    data: Vec<u8>,
    spans: Vec<Span>,
    lines: Vec<(usize, Line)>,
}

impl Block {
    /// Reads each line: over-long, not UTF-8, blank (left out), an entry
    /// or malformed. A line is read into the entry left at its place by
    /// the block's last use, so that its strings' memory serves again.
    fn parse(&mut self, lang: Lang) {
        let mut kept = 0;
        // The block checked whole, once: every line of a block that is
        // UTF-8 is, since lines end at a newline, which no character's
        // bytes hold. A block with a line that is not is checked line by
        // line.
        let whole = simdutf8::basic::from_utf8(&self.data).ok();
        for s in &self.spans {
            let text = if s.too_long {
                None
            } else {
                match whole {
                    Some(whole) => whole.get(s.start..s.end),
                    None => self
                        .data
                        .get(s.start..s.end)
                        .and_then(|b| simdutf8::basic::from_utf8(b).ok()),
                }
                .map(trimmed)
            };
            if text.is_some_and(str::is_empty) {
                continue;
            }
            let line = match (self.lines.get_mut(kept), text) {
                (Some((n, Line::Entry(e))), Some(text)) => {
                    *n = s.n;
                    e.read_json_line(text)
                        .err()
                        .map(|err| Line::Malformed(explain_line(text, &err, lang)))
                }
                (_, None) if s.too_long => Some(Line::TooLong),
                (_, None) => Some(Line::NotUtf8),
                (_, Some(text)) => Some(match Entry::from_json_line(text) {
                    Ok(e) => Line::Entry(e),
                    Err(e) => Line::Malformed(explain_line(text, &e, lang)),
                }),
            };
            if let Some(line) = line {
                match self.lines.get_mut(kept) {
                    Some(slot) => *slot = (s.n, line),
                    None => self.lines.push((s.n, line)),
                }
            }
            kept += 1;
        }
        self.lines.truncate(kept);
    }
}

/// `text.trim()`, without its search for Unicode white space at either
/// end when both ends are printable ASCII: the case of nearly every line.
fn trimmed(text: &str) -> &str {
    let printable = |b: Option<&u8>| b.is_some_and(|&b| (0x21..0x7F).contains(&b));
    let b = text.as_bytes();
    if printable(b.first()) && printable(b.last()) {
        return text;
    }
    text.trim()
}

/// Splits a byte stream into lines, gathered in blocks of about
/// [`BLOCK_BYTES`] and at most [`BLOCK_LINES`] lines, each line bounded by
/// [`MAX_LINE`]: a longer line is marked at its number and its bytes are
/// dropped as they come.
struct Splitter<'r> {
    reader: &'r mut dyn Read,
    /// The start of a line not yet ended, carried to the next block.
    carry: Vec<u8>,
    /// Inside a line already marked too long.
    skipping: bool,
    /// The number of the last line begun.
    n: usize,
    eof: bool,
}

impl<'r> Splitter<'r> {
    fn new(reader: &'r mut dyn Read) -> Splitter<'r> {
        Splitter {
            reader,
            carry: Vec::new(),
            skipping: false,
            n: 0,
            eof: false,
        }
    }

    /// Fills `block` with the next lines; false when there are none left.
    fn fill(&mut self, block: &mut Block) -> std::io::Result<bool> {
        block.data.clear();
        block.spans.clear();
        if self.eof {
            return Ok(false);
        }
        let data = &mut block.data;
        data.extend_from_slice(&self.carry);
        self.carry.clear();
        // The carry may hold whole lines (a block full of short lines
        // leaves them), so it is scanned from its start.
        let (mut start, mut scan) = (0, 0);
        loop {
            while block.spans.len() < BLOCK_LINES {
                let Some(i) = data.get(scan..).and_then(|d| memchr::memchr(b'\n', d)) else {
                    break;
                };
                let end = scan + i;
                if self.skipping {
                    self.skipping = false;
                } else {
                    self.n += 1;
                    block.spans.push(Span {
                        n: self.n,
                        start,
                        end,
                        too_long: end - start > MAX_LINE,
                    });
                }
                start = end + 1;
                scan = start;
            }
            if block.spans.len() >= BLOCK_LINES {
                // Full of short lines: the rest waits for the next block.
                self.carry
                    .extend_from_slice(data.get(start..).unwrap_or_default());
                data.truncate(start);
                return Ok(true);
            }
            if !self.skipping && data.len() - start > MAX_LINE {
                self.n += 1;
                block.spans.push(Span {
                    n: self.n,
                    start,
                    end: start,
                    too_long: true,
                });
                self.skipping = true;
            }
            if self.skipping {
                data.truncate(start);
            }
            scan = data.len();
            if start >= BLOCK_BYTES {
                self.carry
                    .extend_from_slice(data.get(start..).unwrap_or_default());
                data.truncate(start);
                return Ok(true);
            }
            // Read into the buffer's spare room, which is not zeroed
            // first: `read_to_end` of a bounded reader fills at most
            // READ_BYTES, retrying an interrupted read.
            data.reserve(READ_BYTES);
            let got = (&mut *self.reader)
                .take(READ_BYTES as u64)
                .read_to_end(data)?;
            if got == 0 {
                self.eof = true;
                if !self.skipping && start < data.len() {
                    self.n += 1;
                    block.spans.push(Span {
                        n: self.n,
                        start,
                        end: data.len(),
                        too_long: false,
                    });
                }
                return Ok(true);
            }
        }
    }
}

/// The failure of a stream that was not clean.
fn stream_failure(s: &Streamed, lang: Lang, max_open: usize) -> Result<(), Failure> {
    if let Some(line) = s.stopped {
        return Err(Failure {
            code: 1,
            message: match lang {
                Lang::En => format!(
                    "stopped at line {line}: more events open at once than --max-open {max_open} allows"
                ),
                Lang::Zh => {
                    format!("在第 {line} 行停止：同时未结的事件超过 --max-open 上限 {max_open}")
                }
            },
        });
    }
    if s.ok {
        Ok(())
    } else {
        Err(Failure {
            code: 1,
            message: lang
                .pick(
                    "some lines were refused or malformed",
                    "部分行被拒绝或格式有误",
                )
                .to_owned(),
        })
    }
}

/// How many closed events `replay` holds while waiting for their rating.
const RATING_WINDOW: usize = 10_000;

fn print_ticket(out: &mut dyn Write, t: &Ticket, json: bool, lang: Lang) -> Result<(), Failure> {
    if json {
        json_line(out, t)
    } else {
        writeln!(
            out,
            "{}\t{}\t{}\t{}",
            t.id,
            state_text(t, lang),
            t.category,
            t.body.as_deref().unwrap_or("-")
        )?;
        Ok(())
    }
}

fn state_text(t: &Ticket, lang: Lang) -> &'static str {
    match lang {
        Lang::En => t.state.name(),
        Lang::Zh => t.state.zh(),
    }
}

/// An engine error in the chosen language; calendar errors in the
/// calendar commands' own words, which name `--provisional`.
fn engine_error(e: &jiceng::grid::Error, lang: Lang) -> String {
    match (e, lang) {
        (jiceng::grid::Error::Calendar(c), _) => super::calendar::message(c, lang),
        (_, Lang::En) => e.to_string(),
        (_, Lang::Zh) => e.zh(),
    }
}

fn rate(r: jiceng::grid::Rate) -> String {
    match r.value() {
        Some(v) => format!("{:.1}% ({}/{})", v * 100.0, r.num, r.den),
        None => format!("- ({}/{})", r.num, r.den),
    }
}

fn minutes(m: Option<u32>) -> String {
    m.map_or_else(|| "-".to_owned(), |m| m.to_string())
}

pub(crate) fn run(
    args: GridArgs,
    lang: Lang,
    stdin: &mut dyn BufRead,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Failure> {
    let cal: Calendar = args.source.load()?;
    let hours = WorkingHours::china_standard();
    match args.command {
        GridCommand::Route {
            category,
            division,
            at,
            ledger,
            taxonomy,
            json,
        } => {
            let tax = taxonomy.load()?;
            let at = DateTime::parse_from_rfc3339(&at).map_err(|_| {
                Failure::input(match lang {
                    Lang::En => format!(
                        "invalid --at {at:?}: expected an RFC 3339 time with offset, e.g. 2025-06-10T09:35:00+08:00"
                    ),
                    Lang::Zh => format!(
                        "--at 的值 {at:?} 无效：应为带时区偏移的 RFC 3339 时间，如 2025-06-10T09:35:00+08:00"
                    ),
                })
            })?;
            let ledger = load(ledger.as_ref())?;
            let r = route(&ledger, &tax, &cal, &hours, &category, &division, at)
                .map_err(|e| Failure::input(engine_error(&e, lang)))?;
            // The warning goes to standard error in both forms: it never
            // mixes with the JSON, and a script that reads only the JSON
            // has `provisional` there.
            warn_provisional_count(err, usize::from(r.provisional), Counted::Answers, lang)?;
            if json {
                return json_line(out, &r);
            }
            writeln!(
                out,
                "{}\t{}\t{}",
                lang.pick("body", "处置主体"),
                r.body.code,
                r.body.name
            )?;
            writeln!(
                out,
                "{}\t{}",
                lang.pick("escalated", "上报上级"),
                if r.escalated {
                    lang.pick("yes", "是")
                } else {
                    lang.pick("no", "否")
                }
            )?;
            writeln!(
                out,
                "{}\t{}",
                lang.pick("response due", "响应时限"),
                r.response_due.to_rfc3339()
            )?;
            writeln!(
                out,
                "{}\t{}",
                lang.pick("resolution due", "处置时限"),
                r.resolution_due.to_rfc3339()
            )?;
            Ok(())
        }
        GridCommand::Replay {
            events,
            json,
            data,
            stream,
        } => {
            let (grid, tax) = (data.grid()?, data.taxonomy.load()?);
            let mut engine = Engine::new(&grid, &tax, &cal, &hours)
                .with_max_open(stream.max_open)
                .with_remembered(stream.remembered());
            let mut provisional = 0usize;
            let mut sink = |d: Done<'_>| -> Result<(), Failure> {
                match d {
                    Done::Event(t) => {
                        provisional += usize::from(t.provisional);
                        print_ticket(out, t, json, lang)
                    }
                    Done::Rating(e) => {
                        let score = match e.action {
                            jiceng::grid::Action::Rate { score } => score,
                            _ => return Ok(()),
                        };
                        if json {
                            #[derive(Serialize)]
                            struct Rating<'a> {
                                id: String,
                                rating: u8,
                                rated_by: &'a str,
                                at: String,
                            }
                            json_line(
                                out,
                                &Rating {
                                    id: e.event.to_string(),
                                    rating: score,
                                    rated_by: &e.actor,
                                    at: e.at.to_rfc3339(),
                                },
                            )
                        } else {
                            writeln!(
                                out,
                                "{}\t{}\t{score}\t{}",
                                e.event,
                                lang.pick("rated", "已评价"),
                                e.actor
                            )?;
                            Ok(())
                        }
                    }
                }
            };
            let source = open_events(&events, stdin)?;
            let streamed = replay_stream(
                (source, &events),
                &mut engine,
                lang,
                err,
                RATING_WINDOW,
                &mut sink,
                &mut |_, _| {},
            )?;
            for t in engine.drain() {
                sink(Done::Event(&t))?;
            }
            warn_provisional_count(err, provisional, Counted::Events, lang)?;
            stream_failure(&streamed, lang, stream.max_open)
        }
        GridCommand::Metrics {
            events,
            from,
            to,
            by,
            json,
            data,
            stream,
        } => {
            let (grid, tax) = (data.grid()?, data.taxonomy.load()?);
            let from = from.as_deref().map(|s| date(s, "--from")).transpose()?;
            let to = to.as_deref().map(|s| date(s, "--to")).transpose()?;
            check_range(from, to, lang)?;
            let by = match by {
                None => None,
                Some(ByArg::Township) => Some(By::Township),
                Some(ByArg::Cell) => Some(By::Cell),
                Some(ByArg::Category) => Some(By::Category),
                Some(ByArg::Body) => Some(By::Body),
            };
            let mut total = jiceng::grid::Metrics::default();
            let mut groups = Breakdown::default();
            let township = grid.township.to_string();
            let mut provisional = 0usize;
            let mut outside = Outside::new(&cal, &hours);
            // Events left out, said as bad lines are, under their own cap.
            let mut left_out = BadLines::new(lang);
            let name = events.display().to_string();
            let err = std::cell::RefCell::new(err);
            let offset = hours.offset();
            let mut count = |t: &Ticket,
                             as_of: DateTime<FixedOffset>,
                             outside: &mut Outside|
             -> Result<(), Failure> {
                let line = outside.forget(t.id.as_u128());
                if from.is_some() || to.is_some() {
                    // The local day, as due times count it, not the day in
                    // the report's own offset; worked out only for a range.
                    let day = t.reported_at.with_timezone(&offset).date_naive();
                    if from.is_some_and(|f| day < f) || to.is_some_and(|x| day > x) {
                        return Ok(());
                    }
                }
                // The whole total first: an event whose times the calendar
                // cannot count is left out of every figure, and said with
                // the line of the action that needed the day.
                if let Err(e) = total.add(t, as_of, &cal, &hours) {
                    let place = line.map_or_else(|| name.clone(), |n| format!("{name}:{n}"));
                    left_out.report(
                        &mut Shared(&err),
                        place,
                        format_args!(
                            "{} {}{}{}",
                            lang.pick("event", "事件"),
                            t.id,
                            lang.pick(" left out of the figures: ", " 未计入统计："),
                            engine_error(&e, lang)
                        ),
                    )?;
                    return Ok(());
                }
                provisional += usize::from(t.provisional);
                if let Some(by) = by {
                    groups
                        .add(by, &township, t, as_of, &cal, &hours)
                        .map_err(|e| Failure::input(engine_error(&e, lang)))?;
                }
                Ok(())
            };
            // The figures need no description and no reason: not copied.
            let mut engine = Engine::new(&grid, &tax, &cal, &hours)
                .with_max_open(stream.max_open)
                .with_remembered(stream.remembered())
                .with_texts(false);
            // A released event is closed or rejected: the evaluation time
            // does not change how it counts, so its last action will do.
            let outside_cell = std::cell::RefCell::new(&mut outside);
            let mut released = |d: Done<'_>| match d {
                Done::Event(t) => count(t, t.last, &mut outside_cell.borrow_mut()),
                Done::Rating(_) => Ok(()),
            };
            let source = open_events(&events, stdin)?;
            let mut watch = |n: usize, e: &Entry| outside_cell.borrow_mut().watch(n, e);
            let streamed = replay_stream(
                (source, &events),
                &mut engine,
                lang,
                &mut Shared(&err),
                0,
                &mut released,
                &mut watch,
            )?;
            if let Some(as_of) = streamed.latest {
                for t in engine.tickets() {
                    count(t, as_of, &mut outside_cell.borrow_mut())?;
                }
            }
            let err = err.into_inner();
            left_out.finish(err)?;
            let whole = total;
            let rows: Vec<(String, jiceng::grid::Summary)> =
                std::iter::once(("total".to_owned(), whole.summary()))
                    .chain(groups.groups.iter().map(|(k, m)| (k.clone(), m.summary())))
                    .collect();
            for (key, s) in &rows {
                if json {
                    #[derive(Serialize)]
                    struct Row<'a> {
                        key: &'a str,
                        #[serde(flatten)]
                        summary: &'a jiceng::grid::Summary,
                    }
                    json_line(out, &Row { key, summary: s })?;
                } else {
                    let key = if key == "total" {
                        lang.pick("total", "合计")
                    } else {
                        key
                    };
                    writeln!(
                        out,
                        "{key}\t{} {}\t{} {}\t{} {}\t{} {}\t{} {}\t{} {}\t{} {}/{}\t{} {}/{}",
                        lang.pick("reported", "上报"),
                        s.reported,
                        lang.pick("accepted", "受理率"),
                        rate(s.acceptance),
                        lang.pick("on time", "按期结案率"),
                        rate(s.on_time_closure),
                        lang.pick("closed", "结案率"),
                        rate(s.closure),
                        lang.pick("rework", "返工率"),
                        rate(s.rework),
                        lang.pick("township", "乡镇办结"),
                        rate(s.township_share),
                        lang.pick("response min median/p90", "响应分钟 中位/p90"),
                        minutes(s.response_median),
                        minutes(s.response_p90),
                        lang.pick("resolution min median/p90", "处置分钟 中位/p90"),
                        minutes(s.resolution_median),
                        minutes(s.resolution_p90),
                    )?;
                }
            }
            warn_provisional_count(err, provisional, Counted::Events, lang)?;
            stream_failure(&streamed, lang, stream.max_open)?;
            if left_out.count() > 0 {
                return Err(Failure {
                    code: 1,
                    message: lang
                        .pick(
                            "some events were left out: their times lie outside the calendar's coverage",
                            "部分事件未计入统计：其时间超出日历覆盖范围",
                        )
                        .to_owned(),
                });
            }
            Ok(())
        }
        GridCommand::Synth { seed, events } => {
            let max = jiceng::grid::synth::MAX_EVENTS;
            if events > max {
                return Err(Failure::input(match lang {
                    Lang::En => format!("number of events {events} is beyond the limit of {max}"),
                    Lang::Zh => format!("事件数 {events} 超过上限 {max}"),
                }));
            }
            // Reports spread over about 180 days from Monday 3 March 2025,
            // inside the bundled calendar's coverage.
            let start = DateTime::parse_from_rfc3339("2025-03-03T08:30:00+08:00")
                .map_err(|e| Failure::input(e.to_string()))?;
            let spacing = (180 * 86_400 / i64::try_from(events.max(1)).unwrap_or(i64::MAX)).max(1);
            for e in jiceng::grid::synth::events(seed, events, start, spacing) {
                json_line(out, &e)?;
            }
            Ok(())
        }
        GridCommand::Open311 {
            events,
            data,
            stream,
        } => {
            let (grid, tax) = (data.grid()?, data.taxonomy.load()?);
            let mut engine = Engine::new(&grid, &tax, &cal, &hours)
                .with_max_open(stream.max_open)
                .with_remembered(stream.remembered());
            // Opened before the `[`: a file that cannot be read writes
            // nothing on standard output.
            let source = open_events(&events, stdin)?;
            // A JSON array written as the events finish: `[`, the requests
            // separated by commas, `]`.
            write!(out, "[")?;
            let mut first = true;
            let mut write = |t: &Ticket| -> Result<(), Failure> {
                let text = serde_json::to_string_pretty(&open311(t, &grid, &tax))
                    .map_err(|e| Failure::input(e.to_string()))?;
                let sep = if std::mem::take(&mut first) { "" } else { "," };
                write!(out, "{sep}\n  {}", text.replace('\n', "\n  "))?;
                Ok(())
            };
            let mut provisional = 0usize;
            let mut sink = |d: Done<'_>| match d {
                Done::Event(t) => {
                    provisional += usize::from(t.provisional);
                    write(t)
                }
                Done::Rating(_) => Ok(()),
            };
            let streamed = replay_stream(
                (source, &events),
                &mut engine,
                lang,
                err,
                0,
                &mut sink,
                &mut |_, _| {},
            )?;
            for t in engine.drain() {
                sink(Done::Event(&t))?;
            }
            writeln!(out, "\n]")?;
            warn_provisional_count(err, provisional, Counted::Events, lang)?;
            stream_failure(&streamed, lang, stream.max_open)
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::trimmed;

    #[test]
    fn a_line_is_trimmed_only_of_what_trim_takes() {
        for (line, want) in [
            ("{}", "{}"),
            (" {} ", "{}"),
            ("{}\r", "{}"),
            // U+3000, the ideographic space, is white space to `trim`.
            ("\u{3000}{}\u{3000}", "{}"),
            // U+00A0 after a printable first byte.
            ("{}\u{a0}", "{}"),
            ("\u{7f}{}", "\u{7f}{}"),
            ("", ""),
            ("x", "x"),
        ] {
            assert_eq!(trimmed(line), want, "{line:?}");
        }
    }

    proptest! {
        #[test]
        fn trimmed_is_trim(s in "[ \\t\\r\\u{3000}\\u{a0}\\u{7f}!~a{}\"]{0,6}") {
            prop_assert_eq!(trimmed(&s), s.trim());
        }
    }
}
