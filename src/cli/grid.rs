//! `jiceng grid …`: routing events, replaying event logs, metrics and the
//! Open311 mapping, on Guchengying town's grid and the sample taxonomy.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate};
use clap::{Args, Subcommand, ValueEnum};
use jiceng::authority::Ledger;
use jiceng::calendar::{Calendar, WorkingHours};
use jiceng::grid::{Breakdown, By, Engine, Entry, Grid, Taxonomy, Ticket, open311, route};
use serde::Serialize;

use super::{CalendarSource, Failure, Lang};

/// The longest line read from an events file: a bound on what one hostile
/// line may cost.
const MAX_LINE: u64 = 64 * 1024;

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
        /// Print JSON: body {code, name}, escalated, response_due, resolution_due.
        #[arg(long)]
        json: bool,
    },
    /// Replay an event log (JSON Lines) and print each event's final state.
    Replay {
        /// The events file; `-` for standard input.
        events: PathBuf,
        /// Print JSON: one record an event.
        #[arg(long)]
        json: bool,
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
    },
    /// Write synthetic events (JSON Lines) to standard output.
    Synth {
        /// The random seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// How many events (each several lines).
        #[arg(long, default_value_t = 1000)]
        events: usize,
    },
    /// Write the events as Open311 GeoReport v2 service requests (JSON).
    Open311 {
        /// The events file; `-` for standard input.
        events: PathBuf,
    },
}

fn date(s: &str, field: &str) -> Result<NaiveDate, Failure> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| Failure::input(format!("invalid {field} {s:?}: expected a date YYYY-MM-DD")))
}

fn load(path: Option<&PathBuf>) -> Result<Ledger, Failure> {
    match path {
        None => Ok(Ledger::hebei_sample()),
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .map_err(|e| Failure::input(format!("cannot read {}: {e}", p.display())))?;
            Ledger::from_text(&text, &p.display().to_string()).map_err(Failure::input)
        }
    }
}

fn json_line(out: &mut dyn Write, v: &impl Serialize) -> Result<(), Failure> {
    let text = serde_json::to_string(v).map_err(|e| Failure::input(e.to_string()))?;
    writeln!(out, "{text}")?;
    Ok(())
}

/// What the streaming mode does with a closed or rejected event.
type Release<'a> = dyn FnMut(&Ticket) -> Result<(), Failure> + 'a;

/// Reads an events file line by line, bounding each line, and applies each
/// entry to the engine. Bad lines and refused actions are reported on
/// `err` with their line numbers; returns whether all went well and the
/// latest time seen.
///
/// With `release`, closed and rejected events are handed to it and dropped
/// from the engine (ratings are skipped), so that memory depends on the
/// events open at once, not on the length of the log.
fn replay_stream(
    path: &Path,
    stdin: &mut dyn BufRead,
    engine: &mut Engine<'_>,
    lang: Lang,
    err: &mut dyn Write,
    mut release: Option<&mut Release<'_>>,
) -> Result<(bool, Option<DateTime<FixedOffset>>), Failure> {
    let file;
    let mut reader: Box<dyn BufRead + '_> = if path.as_os_str() == "-" {
        Box::new(stdin)
    } else {
        file = std::fs::File::open(path)
            .map_err(|e| Failure::input(format!("cannot read {}: {e}", path.display())))?;
        Box::new(BufReader::new(file))
    };
    let name = path.display();
    let mut ok = true;
    let mut latest = None;
    let mut buf = Vec::new();
    let mut n = 0usize;
    loop {
        buf.clear();
        let read = (&mut reader)
            .take(MAX_LINE + 1)
            .read_until(b'\n', &mut buf)?;
        if read == 0 {
            break;
        }
        n += 1;
        if buf.len() as u64 > MAX_LINE && buf.last() != Some(&b'\n') {
            ok = false;
            writeln!(
                err,
                "jiceng: {name}:{n}: {} {MAX_LINE} {}",
                lang.pick("line longer than", "行长度超过"),
                lang.pick("bytes", "字节")
            )?;
            // Skip the rest of the line.
            loop {
                buf.clear();
                let r = (&mut reader).take(MAX_LINE).read_until(b'\n', &mut buf)?;
                if r == 0 || buf.last() == Some(&b'\n') {
                    break;
                }
            }
            continue;
        }
        let line = match std::str::from_utf8(&buf) {
            Ok(l) => l.trim(),
            Err(_) => {
                ok = false;
                writeln!(
                    err,
                    "jiceng: {name}:{n}: {}",
                    lang.pick("not UTF-8", "不是 UTF-8")
                )?;
                continue;
            }
        };
        if line.is_empty() {
            continue;
        }
        let entry: Entry = match serde_json::from_str(line) {
            Ok(e) => e,
            Err(e) => {
                ok = false;
                writeln!(err, "jiceng: {name}:{n}: {e}")?;
                continue;
            }
        };
        latest = latest.max(Some(entry.at));
        let applied = match release.as_mut() {
            None => engine.apply(&entry),
            // A rating changes no metric, and its event may be released.
            Some(_) if matches!(entry.action, jiceng::grid::Action::Rate { .. }) => Ok(()),
            Some(f) => match engine.apply_and_release(&entry) {
                Ok(Some(t)) => {
                    f(&t)?;
                    Ok(())
                }
                Ok(None) => Ok(()),
                Err(e) => Err(e),
            },
        };
        if let Err(e) = applied {
            ok = false;
            writeln!(err, "jiceng: {name}:{n}: {e}")?;
        }
    }
    Ok((ok, latest))
}

fn state_text(t: &Ticket, lang: Lang) -> &'static str {
    use jiceng::grid::State::*;
    match lang {
        Lang::En => t.state.name(),
        Lang::Zh => match t.state {
            Reported => "已上报",
            Accepted => "已受理",
            Rejected => "不予受理",
            Dispatched => "已派遣",
            InProgress => "处置中",
            Escalated => "已上报上级",
            Resolved => "已处置",
            Verified => "已核查",
            Closed => "已结案",
        },
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
    let grid = Grid::guchengying();
    let tax = Taxonomy::sample();
    match args.command {
        GridCommand::Route {
            category,
            division,
            at,
            ledger,
            json,
        } => {
            let at = DateTime::parse_from_rfc3339(&at).map_err(|_| {
                Failure::input(format!(
                    "invalid --at {at:?}: expected an RFC 3339 time with offset, e.g. 2025-06-10T09:35:00+08:00"
                ))
            })?;
            let ledger = load(ledger.as_ref())?;
            let r = route(&ledger, &tax, &cal, &hours, &category, &division, at)
                .map_err(Failure::input)?;
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
        GridCommand::Replay { events, json } => {
            let mut engine = Engine::new(&grid, &tax, &cal, &hours);
            let (ok, _) = replay_stream(&events, stdin, &mut engine, lang, err, None)?;
            for t in engine.tickets() {
                if json {
                    json_line(out, t)?;
                } else {
                    writeln!(
                        out,
                        "{}\t{}\t{}\t{}",
                        t.id,
                        state_text(t, lang),
                        t.category,
                        t.body.as_deref().unwrap_or("-")
                    )?;
                }
            }
            if ok {
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
        GridCommand::Metrics {
            events,
            from,
            to,
            by,
            json,
        } => {
            let from = from.as_deref().map(|s| date(s, "--from")).transpose()?;
            let to = to.as_deref().map(|s| date(s, "--to")).transpose()?;
            let by = match by {
                None => None,
                Some(ByArg::Township) => Some(By::Township),
                Some(ByArg::Cell) => Some(By::Cell),
                Some(ByArg::Category) => Some(By::Category),
                Some(ByArg::Body) => Some(By::Body),
            };
            let mut total = Breakdown::default();
            let mut groups = Breakdown::default();
            let township = grid.township.to_string();
            let mut count = |t: &Ticket, as_of: DateTime<FixedOffset>| -> Result<(), Failure> {
                let day = t.reported_at.date_naive();
                if from.is_some_and(|f| day < f) || to.is_some_and(|x| day > x) {
                    return Ok(());
                }
                total
                    .add(By::Township, &township, t, as_of, &cal, &hours)
                    .map_err(Failure::input)?;
                if let Some(by) = by {
                    groups
                        .add(by, &township, t, as_of, &cal, &hours)
                        .map_err(Failure::input)?;
                }
                Ok(())
            };
            let mut engine = Engine::new(&grid, &tax, &cal, &hours);
            // A released event is closed or rejected: the evaluation time
            // does not change how it counts, so its last action will do.
            let mut released = |t: &Ticket| count(t, t.last);
            let (ok, latest) =
                replay_stream(&events, stdin, &mut engine, lang, err, Some(&mut released))?;
            if let Some(as_of) = latest {
                for t in engine.tickets() {
                    count(t, as_of)?;
                }
            }
            let whole = total.groups.values().next().cloned().unwrap_or_default();
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
            if ok {
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
        GridCommand::Synth { seed, events } => {
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
        GridCommand::Open311 { events } => {
            let mut engine = Engine::new(&grid, &tax, &cal, &hours);
            let (ok, _) = replay_stream(&events, stdin, &mut engine, lang, err, None)?;
            let requests: Vec<_> = engine.tickets().map(|t| open311(t, &grid, &tax)).collect();
            let text = serde_json::to_string_pretty(&requests)
                .map_err(|e| Failure::input(e.to_string()))?;
            writeln!(out, "{text}")?;
            if ok {
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
    }
}
