//! `jiceng approvals …`: licensing deadlines and case evaluation.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use jiceng::approvals::{
    Application, Applied, Breakdown, Case, Catalogue, Evaluation, Event, EventKind, Flag, Handling,
    Inline, Limits, Options, Status, Summary, evaluate, explain,
};
use jiceng::calendar::Period;
use serde::Serialize;

use super::{BadLines, CalendarSource, Failure, Lang};

#[derive(Debug, Args)]
pub(crate) struct ApprovalsArgs {
    #[command(flatten)]
    source: CalendarSource,
    #[command(subcommand)]
    command: ApprovalsCommand,
}

#[derive(Debug, Subcommand)]
enum ApprovalsCommand {
    /// Print the statutory and promised due dates of an accepted application.
    Deadline {
        /// The day of acceptance (not counted).
        #[arg(long)]
        accepted: String,
        /// The statutory limit (行政许可法第四十二条): 20wd; 45wd with --joint.
        #[arg(long)]
        statutory: Option<String>,
        /// The promised limit, e.g. 7wd.
        #[arg(long)]
        promised: Option<String>,
        /// A suspension FROM..TO, inclusive (Art. 45); repeatable.
        #[arg(long, value_name = "FROM..TO")]
        suspend: Vec<String>,
        /// The extension approved once (10wd; 15wd with --joint).
        #[arg(long, value_name = "PERIOD", num_args = 0..=1, default_missing_value = "")]
        extend: Option<String>,
        /// Unified, joint or concentrated handling: 45 + 15 working days.
        #[arg(long)]
        joint: bool,
        /// Who approved the extension (Art. 42: the head of the agency; the
        /// head of the government with --joint).
        #[arg(long, value_name = "WHO")]
        approved_by: Option<String>,
        /// Print JSON: statutory_due, promised_due, provisional, flags,
        /// explanation.
        #[arg(long)]
        json: bool,
    },
    /// Evaluate cases (one JSON case a line) on a date: status and metrics.
    /// The file is read line by line: memory does not grow with it.
    Evaluate {
        /// The cases file (JSON Lines); `-` for standard input.
        cases: PathBuf,
        /// The evaluation date.
        #[arg(long)]
        at: String,
        /// Print JSON: one object a case, then a summary object.
        #[arg(long)]
        json: bool,
        /// Explain each case: the Art. 32 rule, both clocks, suspensions,
        /// the extension, delivery and every flag, with the articles.
        #[arg(long)]
        explain: bool,
        /// Print only the summary, not a line per case.
        #[arg(long, conflicts_with = "explain")]
        summary: bool,
        /// The service item catalogue that cases naming an item and a
        /// division take their limits from; the bundled Suning sample if
        /// absent.
        #[arg(long)]
        catalogue: Option<PathBuf>,
    },
    /// List the service items a place offers on a date (实施清单).
    Items(super::catalogue::ItemsArgs),
    /// Print the guide (办事指南) of one item in one place on a date.
    Guide(super::catalogue::GuideArgs),
    /// Check or compare service item catalogues.
    #[command(subcommand)]
    Catalogue(super::catalogue::CatalogueCommand),
    /// Write synthetic cases (JSON Lines) to standard output.
    Synth {
        /// The random seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// How many cases (at most 100,000,000).
        #[arg(long, default_value_t = 1000)]
        n: u64,
        /// The first day cases are received.
        #[arg(long, default_value = "2025-01-01")]
        from: String,
        /// Over how many calendar days (at most 36,600).
        #[arg(long, default_value_t = 365)]
        days: u32,
    },
}

fn date(s: &str, field: &str) -> Result<NaiveDate, Failure> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| super::lang::bad_date(field, s))
}

fn period(s: &str, field: &str) -> Result<Period, Failure> {
    s.parse()
        .map_err(|e| Failure::input(format!("invalid {field}: {e}")))
}

/// The longest line of a cases file (1 MiB): a longer line is a bad line,
/// skipped without being held in memory.
const MAX_LINE: usize = 1 << 20;

/// Reads the next line into `buf` (without its end), at most `MAX_LINE`
/// bytes of it; returns `None` at the end of input, `Some(true)` for a
/// line that was too long (its rest skipped).
fn next_line(r: &mut dyn BufRead, buf: &mut Vec<u8>) -> std::io::Result<Option<bool>> {
    buf.clear();
    let mut too_long = false;
    let mut any = false;
    loop {
        let chunk = r.fill_buf()?;
        if chunk.is_empty() {
            return Ok(any.then_some(too_long));
        }
        any = true;
        let (take, done) = match chunk.iter().position(|b| *b == b'\n') {
            Some(i) => (i, true),
            None => (chunk.len(), false),
        };
        if !too_long {
            if buf.len() + take > MAX_LINE {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(&chunk[..take]);
            }
        }
        r.consume(if done { take + 1 } else { take });
        if done {
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
            return Ok(Some(too_long));
        }
    }
}

/// An approvals error as the command line says it: a calendar error (a
/// date outside the notices' coverage) in the calendar commands' words,
/// which name the `--provisional` flag.
fn say(e: &jiceng::approvals::Error, lang: Lang) -> String {
    match e {
        jiceng::approvals::Error::Calendar(c) => super::calendar::message(c, lang),
        other => match lang {
            Lang::En => other.to_string(),
            Lang::Zh => super::report::serde_zh(&other.zh()),
        },
    }
}

/// [`say`] as a failure of the command (exit status 2).
fn refuse(lang: Lang) -> impl Fn(jiceng::approvals::Error) -> Failure {
    move |e| Failure::input(say(&e, lang))
}

/// A calendar error as a failure of the command, naming `--provisional`.
fn refuse_date(lang: Lang) -> impl Fn(jiceng::calendar::Error) -> Failure {
    move |e| Failure::input(super::calendar::message(&e, lang))
}

fn status_label(s: Status, lang: Lang) -> &'static str {
    lang.pick(s.name(), s.zh())
}

fn flag_label(f: Flag, lang: Lang) -> &'static str {
    lang.pick(f.name(), f.zh())
}

pub(crate) fn run(
    args: ApprovalsArgs,
    lang: Lang,
    stdin: &mut dyn BufRead,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Failure> {
    let cal = args.source.load()?;
    match args.command {
        ApprovalsCommand::Deadline {
            accepted,
            statutory,
            promised,
            suspend,
            extend,
            joint,
            approved_by,
            json,
        } => deadline(
            &cal,
            lang,
            DeadlineArgs {
                accepted,
                statutory,
                promised,
                suspend,
                extend,
                joint,
                approved_by,
                json,
            },
            out,
            err,
        ),
        ApprovalsCommand::Items(a) => super::catalogue::items(a, lang, out),
        ApprovalsCommand::Guide(a) => super::catalogue::guide(a, out),
        ApprovalsCommand::Catalogue(c) => super::catalogue::catalogue(c, &cal, lang, out),
        ApprovalsCommand::Synth {
            seed,
            n,
            from,
            days,
        } => {
            let from = date(&from, "--from")?;
            let g = jiceng::approvals::synth::Generator::new(&cal, seed, n, from, days).map_err(
                |e| match e {
                    jiceng::approvals::Error::SynthLimit { .. } => {
                        Failure::input(format!("{} (--n, --days)", say(&e, lang)))
                    }
                    // The start date is out of range: the calendar says how.
                    _ => Failure::input(format!("{} (--from)", say(&e, lang))),
                },
            )?;
            for c in g {
                let c = c.map_err(refuse(lang))?;
                let text = serde_json::to_string(&c).map_err(|e| Failure::input(e.to_string()))?;
                writeln!(out, "{text}")?;
            }
            Ok(())
        }
        ApprovalsCommand::Evaluate {
            cases,
            at,
            json,
            explain,
            summary,
            catalogue,
        } => {
            let at = date(&at, "--at")?;
            let catalogue = catalogue
                .as_deref()
                .map(super::catalogue::read)
                .transpose()?;
            let mode = Mode {
                json,
                explain,
                summary,
                lang,
                catalogue: catalogue.as_ref(),
            };
            if cases.as_os_str() == "-" {
                evaluate_stream(&cal, at, "-", stdin, mode, out, err)
            } else {
                let file = std::fs::File::open(&cases)
                    .map_err(|e| Failure::input(super::lang::cannot_read(&cases, &e)))?;
                let mut r = std::io::BufReader::with_capacity(1 << 16, file);
                evaluate_stream(
                    &cal,
                    at,
                    &cases.display().to_string(),
                    &mut r,
                    mode,
                    out,
                    err,
                )
            }
        }
    }
}

struct DeadlineArgs {
    accepted: String,
    statutory: Option<String>,
    promised: Option<String>,
    suspend: Vec<String>,
    extend: Option<String>,
    joint: bool,
    approved_by: Option<String>,
    json: bool,
}

fn deadline(
    cal: &jiceng::calendar::Calendar,
    lang: Lang,
    a: DeadlineArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Failure> {
    let accepted = date(&a.accepted, "--accepted")?;
    let mut limits = if a.joint {
        Limits::joint()
    } else {
        Limits::default()
    };
    if let Some(s) = &a.statutory {
        limits.statutory = period(s, "--statutory")?;
    }
    if let Some(p) = &a.promised {
        limits.promised = Some(period(p, "--promised")?);
    }
    if let Some(e) = a.extend.as_deref().filter(|e| !e.is_empty()) {
        limits.extension = period(e, "--extend")?;
    }
    // A case accepted on `accepted`, suspended as given, extended if asked,
    // evaluated on the day it was accepted.
    let mut events = vec![
        Event::new(accepted, EventKind::Received),
        Event::new(accepted, EventKind::Accepted),
    ];
    if a.extend.is_some() {
        events.push(Event::new(
            accepted,
            EventKind::Extended {
                approved_by: a.approved_by.clone().unwrap_or_else(|| {
                    if a.joint {
                        "government head".to_owned()
                    } else {
                        "agency head".to_owned()
                    }
                }),
                role: None,
                length: None,
            },
        ));
    }
    let mut intervals = Vec::new();
    for s in &a.suspend {
        intervals.push(jiceng::calendar::Suspension::parse_interval(
            s,
            "suspended",
        )?);
    }
    let case = Case {
        id: "deadline".to_owned(),
        item: None,
        body: None,
        division: None,
        channel: None,
        handling: Handling::Promised,
        limits,
        preliminary_review: false,
        expires: None,
        events,
    };
    let app = Application::replay(&case.events, None).map_err(refuse(lang))?;
    // The flags of the limits themselves: the evaluation on the day of
    // acceptance, with no suspension (they do not change a flag).
    let e = jiceng::approvals::evaluate_app(&app, &case, accepted, cal, &Options::default())
        .map_err(refuse(lang))?;
    let counted = e.deadlines.extension_counted;
    let statutory = jiceng::approvals::statutory_limit(&limits, false)
        .map_err(refuse(lang))
        .map(|base| match base {
            Period::WorkingDays(n) => Period::WorkingDays(n.saturating_add(counted)),
            other => other,
        })?;
    let opts = jiceng::calendar::PeriodOptions::default();
    let opts = intervals.into_iter().fold(opts, |o, s| o.suspend(s));
    let stat = cal
        .explain_period_end(accepted, statutory, &opts)
        .map_err(refuse_date(lang))?;
    let base = cal
        .explain_period_end(
            accepted,
            jiceng::approvals::statutory_limit(&limits, false).map_err(refuse(lang))?,
            &opts,
        )
        .map_err(refuse_date(lang))?;
    let prom = match limits.promised {
        Some(p) => Some(
            cal.explain_period_end(accepted, p, &opts)
                .map_err(refuse_date(lang))?,
        ),
        None => None,
    };
    let mut flags = e.flags;
    if prom.as_ref().is_some_and(|p| p.end > base.end) {
        flags.insert(Flag::PromiseLongerThanStatute);
    }
    let provisional = stat.provisional || prom.as_ref().is_some_and(|p| p.provisional);
    if a.json {
        #[derive(Serialize)]
        struct Explained<'a> {
            statutory: &'a jiceng::calendar::Explanation,
            #[serde(skip_serializing_if = "Option::is_none")]
            promised: Option<&'a jiceng::calendar::Explanation>,
        }
        #[derive(Serialize)]
        struct Answer<'a> {
            accepted: NaiveDate,
            statutory_limit: Period,
            statutory_base_due: NaiveDate,
            statutory_due: NaiveDate,
            promised_due: Option<NaiveDate>,
            extension_counted: u32,
            provisional: bool,
            flags: jiceng::approvals::Flags,
            explanation: Explained<'a>,
        }
        let answer = Answer {
            accepted,
            statutory_limit: statutory,
            statutory_base_due: base.end,
            statutory_due: stat.end,
            promised_due: prom.as_ref().map(|p| p.end),
            extension_counted: counted,
            provisional,
            flags,
            explanation: Explained {
                statutory: &stat,
                promised: prom.as_ref(),
            },
        };
        let text = serde_json::to_string(&answer).map_err(|e| Failure::input(e.to_string()))?;
        writeln!(out, "{text}")?;
    } else {
        writeln!(
            out,
            "{} {} ({statutory})",
            lang.pick("statutory", "法定期限"),
            stat.end
        )?;
        let label = lang.pick("promised ", "承诺时限");
        match &prom {
            Some(p) => writeln!(out, "{label} {} ({})", p.end, p.period)?,
            None => writeln!(out, "{label} -")?,
        }
        for f in flags.iter() {
            writeln!(
                out,
                "{}\t{}\t{}",
                lang.pick("flag", "问题"),
                flag_label(f, lang),
                f.article()
            )?;
        }
    }
    if provisional && !a.json {
        writeln!(
            err,
            "jiceng: {}",
            lang.pick(
                "warning: provisional: a due date needs days outside the calendar's coverage",
                "警告：暂定结果：期限涉及日历尚未覆盖的日期"
            )
        )?;
    }
    Ok(())
}

#[derive(Clone, Copy)]
struct Mode<'a> {
    json: bool,
    explain: bool,
    summary: bool,
    lang: Lang,
    /// The catalogue given with `--catalogue`; the bundled one otherwise.
    catalogue: Option<&'a Catalogue>,
}

/// The Chinese name of a limit a case overrides.
fn override_zh(field: &str) -> &'static str {
    match field {
        "statutory" => "法定时限",
        "promised" => "承诺时限",
        "extension" => "延长期限",
        "joint" => "联合办理",
        "handling" => "办件类型",
        _ => "?",
    }
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

fn show(x: Option<NaiveDate>) -> String {
    x.map_or_else(|| "-".to_owned(), |x| x.to_string())
}

/// A line read and waiting to be evaluated, by its line number.
enum Pending {
    /// A line refused, with why.
    Bad(u64, String),
    /// A case that keeps its own limits.
    Plain(u64, Case),
    /// A case whose limits come from the catalogue: the next one of the
    /// batch's named cases.
    Named(u64),
}

/// The most lines read before the batch is resolved and written.
const BATCH: usize = 256;
/// The most text of a batch: a batch ends with the line that passes it.
const BATCH_BYTES: usize = 1 << 20;

/// Evaluates a cases file line by line, writing each case as it goes and
/// folding it into the metrics; the summary comes at the end. Lines are
/// read in batches of at most 256 cases and about 1 MiB, whose cases that
/// name an item are resolved together ([`Catalogue::apply_batch`]) and
/// then evaluated and written in order. Memory holds one batch, the fold
/// and its bounded breakdown, never the file.
fn evaluate_stream(
    cal: &jiceng::calendar::Calendar,
    at: NaiveDate,
    name: &str,
    input: &mut dyn BufRead,
    mode: Mode<'_>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Failure> {
    let lang = mode.lang;
    let opts = Options::default();
    let mut breakdown = Breakdown::default();
    let mut bad = 0u64;
    let mut lines = BadLines::new(lang);
    let mut counts: BTreeMap<&'static str, u64> = BTreeMap::new();
    let mut buf = Vec::new();
    let mut n = 0u64;
    let mut overrides = 0u64;
    // Lines are read a batch at a time, so that the cases naming an item
    // are resolved together (their reads of the catalogue's index
    // overlap), then evaluated and written in the file's order.
    let mut pending: Vec<Pending> = Vec::with_capacity(BATCH);
    let mut named: Vec<(Case, Inline)> = Vec::with_capacity(BATCH);
    let mut more = true;
    while more {
        let mut bytes = 0usize;
        while pending.len() < BATCH && bytes < BATCH_BYTES {
            let Some(too_long) = next_line(input, &mut buf)? else {
                more = false;
                break;
            };
            n += 1;
            if too_long {
                let m = lang.pick(
                    "line longer than 1 MiB (the limit of a case), skipped",
                    "行超过1 MiB（单个案件的上限），已跳过",
                );
                pending.push(Pending::Bad(n, m.to_owned()));
                continue;
            }
            let Ok(line) = std::str::from_utf8(&buf) else {
                pending.push(Pending::Bad(n, "not UTF-8".to_owned()));
                continue;
            };
            if line.trim().is_empty() {
                continue;
            }
            bytes += line.len();
            let case = match Case::from_json(line) {
                Ok(c) => c,
                Err(e) => {
                    pending.push(Pending::Bad(n, say(&e, mode.lang)));
                    continue;
                }
            };
            // A case naming an item and its division takes the limits of
            // the catalogue in force on its receipt date; an unknown item
            // fails this line only.
            if case.division.is_some() && case.item.is_some() {
                match Inline::from_json(line) {
                    Ok(inline) => {
                        named.push((case, inline));
                        pending.push(Pending::Named(n));
                    }
                    Err(e) => pending.push(Pending::Bad(
                        n,
                        format!(
                            "{} {:?}: {}",
                            mode.lang.pick("case", "案件"),
                            case.id,
                            say(&e, mode.lang)
                        ),
                    )),
                }
            } else {
                pending.push(Pending::Plain(n, case));
            }
        }
        let answers = if named.is_empty() {
            Vec::new()
        } else {
            mode.catalogue
                .unwrap_or_else(|| Catalogue::suning_sample())
                .apply_batch(&mut named)
        };
        let mut resolved = named.drain(..).zip(answers);
        for p in pending.drain(..) {
            let (n, case, applied) = match p {
                Pending::Bad(n, m) => {
                    bad += 1;
                    lines.report(err, format_args!("{name}:{n}"), m)?;
                    continue;
                }
                Pending::Plain(n, case) => (n, case, None),
                // One answer per named case, in the order they were read.
                Pending::Named(n) => match resolved.next() {
                    Some(((case, _), Ok(a))) => (n, case, Some(a)),
                    Some(((case, _), Err(e))) => {
                        bad += 1;
                        lines.report(
                            err,
                            format_args!("{name}:{n}"),
                            format_args!(
                                "{} {:?}: {}",
                                mode.lang.pick("case", "案件"),
                                case.id,
                                say(&e, mode.lang)
                            ),
                        )?;
                        continue;
                    }
                    None => continue,
                },
            };
            if applied.as_ref().is_some_and(|a| !a.overridden.is_empty()) {
                overrides += 1;
            }
            let e = match evaluate(&case, at, cal, &opts) {
                Ok(e) => e,
                Err(e) => {
                    bad += 1;
                    lines.report(
                        err,
                        format_args!("{name}:{n}"),
                        format_args!(
                            "{} {:?}: {}",
                            mode.lang.pick("case", "案件"),
                            case.id,
                            say(&e, mode.lang)
                        ),
                    )?;
                    continue;
                }
            };
            breakdown.add(&case, &e);
            *counts.entry(e.status.name()).or_insert(0) += 1;
            if mode.summary {
                continue;
            }
            write_case(cal, at, &case, &e, applied.as_ref(), mode, out)?;
        }
    }
    let summary = breakdown.total.summary();
    if mode.json {
        #[derive(Serialize)]
        struct Total<'a> {
            summary: &'a Summary,
            statuses: &'a BTreeMap<&'static str, u64>,
            by_item: BTreeMap<&'a str, Summary>,
            by_body: BTreeMap<&'a str, Summary>,
            by_channel: BTreeMap<String, Summary>,
            bad_lines: u64,
            #[serde(skip_serializing_if = "is_zero")]
            catalogue_overrides: u64,
        }
        let text = serde_json::to_string(&Total {
            by_item: breakdown
                .by_item
                .iter()
                .map(|(k, m)| (k.as_str(), m.summary()))
                .collect(),
            by_body: breakdown
                .by_body
                .iter()
                .map(|(k, m)| (k.as_str(), m.summary()))
                .collect(),
            by_channel: breakdown
                .by_channel
                .iter()
                .map(|(k, m)| (k.to_string(), m.summary()))
                .collect(),
            summary: &summary,
            statuses: &counts,
            bad_lines: bad,
            catalogue_overrides: overrides,
        })
        .map_err(|e| Failure::input(e.to_string()))?;
        writeln!(out, "{text}")?;
    } else {
        write_summary(out, &summary, &counts, lang)?;
        if overrides > 0 {
            writeln!(
                out,
                "{}\t{overrides}",
                lang.pick(
                    "cases overriding the catalogue's limits",
                    "未按实施清单时限办理的案件"
                )
            )?;
        }
        let pct =
            |x: Option<f64>| x.map_or_else(|| "-".to_owned(), |x| format!("{:.1}%", x * 100.0));
        let rows = breakdown
            .by_item
            .iter()
            .map(|(k, m)| (lang.pick("item", "事项"), k.clone(), m.summary()))
            .chain(
                breakdown
                    .by_body
                    .iter()
                    .map(|(k, m)| (lang.pick("body", "机关"), k.clone(), m.summary())),
            )
            .chain(breakdown.by_channel.iter().map(|(k, m)| {
                let name = match lang {
                    Lang::En => k.to_string(),
                    Lang::Zh => jiceng::approvals::channel_zh(*k).to_owned(),
                };
                (lang.pick("channel", "渠道"), name, m.summary())
            }));
        for (kind, key, s) in rows {
            writeln!(
                out,
                "{} {kind}\t{key}\t{} {}\t{} {}\t{} {}\t{} {}",
                lang.pick("by", "按"),
                lang.pick("cases", "件数"),
                s.cases,
                lang.pick("on time (promise)", "承诺时限内办结率"),
                pct(s.on_time_rate_promise),
                lang.pick("on time (statute)", "法定期限内办结率"),
                pct(s.on_time_rate_statute),
                lang.pick("median", "中位数"),
                s.median_working_days
                    .map_or_else(|| "-".to_owned(), |x| x.to_string())
            )?;
        }
    }
    lines.finish(err)?;
    if bad > 0 {
        return Err(Failure {
            code: 1,
            message: format!(
                "{bad} {} {name}; {}",
                lang.pick(
                    if bad == 1 {
                        "bad line in"
                    } else {
                        "bad lines in"
                    },
                    "行有误："
                ),
                lang.pick("the others were evaluated", "其余已评估")
            ),
        });
    }
    Ok(())
}

fn write_case(
    cal: &jiceng::calendar::Calendar,
    at: NaiveDate,
    case: &Case,
    e: &Evaluation,
    applied: Option<&Applied<'_>>,
    mode: Mode<'_>,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let lang = mode.lang;
    let ex = if mode.explain {
        Some(explain(case, at, cal, &Options::default()).map_err(refuse(lang))?)
    } else {
        None
    };
    if mode.json {
        #[derive(Serialize)]
        struct Line<'a> {
            id: &'a str,
            #[serde(flatten)]
            evaluation: &'a Evaluation,
            #[serde(skip_serializing_if = "Option::is_none")]
            explanation: Option<&'a jiceng::approvals::CaseExplanation>,
            /// The catalogue entry the limits came from, and the limits
            /// the case overrides.
            #[serde(skip_serializing_if = "Option::is_none")]
            catalogue: Option<&'a Applied<'a>>,
        }
        let text = serde_json::to_string(&Line {
            id: &case.id,
            evaluation: e,
            explanation: ex.as_ref(),
            catalogue: applied,
        })
        .map_err(|e| Failure::input(e.to_string()))?;
        writeln!(out, "{text}")?;
        return Ok(());
    }
    let d = e.deadlines;
    write!(
        out,
        "{}\t{}\t{} {}\t{} {}\t{} {}",
        case.id,
        status_label(e.status, lang),
        lang.pick("accepted", "受理"),
        show(d.acceptance),
        lang.pick("promised", "承诺"),
        show(d.promised_due),
        lang.pick("statutory", "法定"),
        show(d.statutory_due),
    )?;
    if d.provisional {
        write!(out, "\t{}", lang.pick("provisional", "暂定"))?;
    }
    for f in e.flags.iter() {
        write!(out, "\t{}", flag_label(f, lang))?;
    }
    if let Some(a) = applied.filter(|a| !a.overridden.is_empty()) {
        write!(
            out,
            "\t{}: {}",
            lang.pick("overrides the catalogue", "未按实施清单"),
            a.overridden
                .iter()
                .map(|f| lang.pick(f, override_zh(f)))
                .collect::<Vec<_>>()
                .join(",")
        )?;
    }
    writeln!(out)?;
    if let Some(ex) = ex {
        for st in &ex.statements {
            let text = match lang {
                Lang::En => &st.en,
                Lang::Zh => &st.zh,
            };
            writeln!(
                out,
                "  {}\t{text}\t[{}]",
                lang.pick(st.topic, topic_zh(st.topic)),
                st.article
            )?;
        }
    }
    Ok(())
}

fn write_summary(
    out: &mut dyn Write,
    s: &Summary,
    counts: &BTreeMap<&'static str, u64>,
    lang: Lang,
) -> Result<(), Failure> {
    let pct = |x: Option<f64>| x.map_or_else(|| "-".to_owned(), |x| format!("{:.1}%", x * 100.0));
    let num = |x: Option<u32>| x.map_or_else(|| "-".to_owned(), |x| x.to_string());
    writeln!(
        out,
        "{}\t{} {}",
        lang.pick("summary", "汇总"),
        lang.pick("cases", "件数"),
        s.cases
    )?;
    if s.not_yet_received > 0 {
        writeln!(
            out,
            "{}\t{}\t{}",
            lang.pick("left out", "未计入"),
            lang.pick("not yet received", "评估日尚未收件"),
            s.not_yet_received
        )?;
    }
    for (k, n) in counts {
        let label = match lang {
            Lang::En => (*k).to_owned(),
            Lang::Zh => status_zh(k).to_owned(),
        };
        writeln!(out, "{}\t{label}\t{n}", lang.pick("status", "状态"))?;
    }
    let rate = lang.pick("rate", "比率");
    writeln!(
        out,
        "{rate}\t{}\t{}",
        lang.pick("acceptance", "受理率"),
        pct(s.acceptance_rate)
    )?;
    writeln!(
        out,
        "{rate}\t{}\t{}",
        lang.pick("on time (promise)", "承诺时限内办结率"),
        pct(s.on_time_rate_promise)
    )?;
    writeln!(
        out,
        "{rate}\t{}\t{}",
        lang.pick("on time (statute)", "按期办结率"),
        pct(s.on_time_rate_statute)
    )?;
    writeln!(
        out,
        "{rate}\t{}\t{}",
        lang.pick("same day", "当日办结"),
        pct(s.same_day_share)
    )?;
    if s.on_the_spot_share.is_some_and(|x| x > 0.0) {
        writeln!(
            out,
            "{rate}\t{}\t{}",
            lang.pick("on the spot, done the same day", "即办件当日办结率"),
            pct(s.on_the_spot_same_day_rate)
        )?;
    }
    writeln!(
        out,
        "{}\t{} {}\t{} {}\tp90 {}",
        lang.pick("working days", "工作日"),
        lang.pick("mean", "平均"),
        s.mean_working_days
            .map_or_else(|| "-".to_owned(), |x| format!("{x:.1}")),
        lang.pick("median", "中位数"),
        num(s.median_working_days),
        num(s.p90_working_days)
    )?;
    if s.flagged > 0 {
        writeln!(
            out,
            "{}\t{}",
            lang.pick("flagged cases", "存在问题的案件"),
            s.flagged
        )?;
    }
    Ok(())
}

/// The Chinese label of an explanation's row (its topic); a topic not
/// known here is shown as it is.
fn topic_zh(topic: &str) -> &str {
    match topic {
        "acceptance" => "受理",
        "statutory" => "法定期限",
        "promised" => "承诺时限",
        "suspension" => "暂停计时",
        "extension" => "延长期限",
        "delivery" => "颁发送达",
        "hearing" => "听证",
        "renewal" => "延续",
        "preliminary_review" => "下级初审",
        "working_days" => "工作日",
        "flag" => "问题",
        other => other,
    }
}

/// The Chinese label of a status name: every status has one
/// ([`Status::ALL`]); a name that is none is shown as it is.
fn status_zh(name: &str) -> &str {
    match Status::from_name(name) {
        Some(s) => s.zh(),
        None => name,
    }
}
