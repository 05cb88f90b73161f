//! `jiceng approvals …`: licensing deadlines and case evaluation.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use jiceng::approvals::{
    Application, Breakdown, Case, Event, EventKind, Limits, Options, Status, Summary, evaluate,
};
use jiceng::calendar::{Period, Suspension};
use serde::Serialize;

use super::{CalendarSource, Failure, Lang};

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
        /// Print JSON: statutory_due, promised_due, provisional, explanation.
        #[arg(long)]
        json: bool,
    },
    /// Evaluate cases (one JSON case a line) on a date: status and metrics.
    Evaluate {
        /// The cases file (JSON Lines); `-` for standard input.
        cases: PathBuf,
        /// The evaluation date.
        #[arg(long)]
        at: String,
        /// Print JSON: one object a case, then a summary object.
        #[arg(long)]
        json: bool,
    },
    /// Write synthetic cases (JSON Lines) to standard output.
    Synth {
        /// The random seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// How many cases.
        #[arg(long, default_value_t = 1000)]
        n: usize,
        /// The first day cases are received.
        #[arg(long, default_value = "2025-01-01")]
        from: String,
        /// Over how many calendar days.
        #[arg(long, default_value_t = 365)]
        days: u32,
    },
}

fn date(s: &str, field: &str) -> Result<NaiveDate, Failure> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| Failure::input(format!("invalid {field} {s:?}: expected a date YYYY-MM-DD")))
}

fn period(s: &str, field: &str) -> Result<Period, Failure> {
    s.parse()
        .map_err(|e| Failure::input(format!("invalid {field}: {e}")))
}

fn status_name(s: Status) -> String {
    serde_json::to_value(s)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

pub(crate) fn run(
    args: ApprovalsArgs,
    _lang: Lang,
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
            json,
        } => {
            let accepted = date(&accepted, "--accepted")?;
            let mut limits = if joint {
                Limits::joint()
            } else {
                Limits::default()
            };
            if let Some(s) = &statutory {
                limits.statutory = period(s, "--statutory")?;
            }
            if let Some(p) = &promised {
                limits.promised = Some(period(p, "--promised")?);
            }
            if let Some(e) = extend.as_deref().filter(|e| !e.is_empty()) {
                limits.extension = period(e, "--extend")?;
            }
            // A case accepted on `accepted`, suspended as given, extended if
            // asked, evaluated on the day it was accepted.
            let mut events = vec![
                Event::new(accepted, EventKind::Received),
                Event::new(accepted, EventKind::Accepted),
            ];
            if extend.is_some() {
                events.push(Event::new(
                    accepted,
                    EventKind::Extended {
                        approved_by: "agency head".to_owned(),
                    },
                ));
            }
            let mut intervals = Vec::new();
            for s in &suspend {
                intervals.push(Suspension::parse_interval(s, "suspended")?);
            }
            let case = Case {
                id: "deadline".to_owned(),
                item: None,
                body: None,
                channel: None,
                limits,
                events,
            };
            let app = Application::replay(&case.events, None).map_err(Failure::input)?;
            let statutory = jiceng::approvals::statutory_limit(&limits, app.extended.is_some())
                .map_err(Failure::input)?;
            let opts = jiceng::calendar::PeriodOptions::default();
            let opts = intervals.into_iter().fold(opts, |o, s| o.suspend(s));
            let stat = cal.explain_period_end(accepted, statutory, &opts)?;
            let prom = match limits.promised {
                Some(p) => Some(cal.explain_period_end(accepted, p, &opts)?),
                None => None,
            };
            let provisional = stat.provisional || prom.as_ref().is_some_and(|p| p.provisional);
            if json {
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
                    statutory_due: NaiveDate,
                    promised_due: Option<NaiveDate>,
                    provisional: bool,
                    explanation: Explained<'a>,
                }
                let a = Answer {
                    accepted,
                    statutory_limit: statutory,
                    statutory_due: stat.end,
                    promised_due: prom.as_ref().map(|p| p.end),
                    provisional,
                    explanation: Explained {
                        statutory: &stat,
                        promised: prom.as_ref(),
                    },
                };
                let text = serde_json::to_string(&a).map_err(|e| Failure::input(e.to_string()))?;
                writeln!(out, "{text}")?;
            } else {
                writeln!(out, "statutory {} ({statutory})", stat.end)?;
                match &prom {
                    Some(p) => writeln!(out, "promised  {} ({})", p.end, p.period)?,
                    None => writeln!(out, "promised  -")?,
                }
            }
            if provisional && !json {
                writeln!(
                    err,
                    "jiceng: warning: provisional: a due date needs days outside the calendar's coverage"
                )?;
            }
            Ok(())
        }
        ApprovalsCommand::Synth {
            seed,
            n,
            from,
            days,
        } => {
            let from = date(&from, "--from")?;
            let cases = jiceng::approvals::synth::cases(&cal, seed, n, from, days)
                .map_err(Failure::input)?;
            for c in &cases {
                let text = serde_json::to_string(c).map_err(|e| Failure::input(e.to_string()))?;
                writeln!(out, "{text}")?;
            }
            Ok(())
        }
        ApprovalsCommand::Evaluate { cases, at, json } => {
            let at = date(&at, "--at")?;
            let text = if cases.as_os_str() == "-" {
                let mut s = String::new();
                stdin.read_to_string(&mut s)?;
                s
            } else {
                std::fs::read_to_string(&cases)
                    .map_err(|e| Failure::input(format!("cannot read {}: {e}", cases.display())))?
            };
            let opts = Options::default();
            let mut breakdown = Breakdown::default();
            let mut bad = 0usize;
            let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
            for (i, line) in text.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let n = i + 1;
                let case: Case = match serde_json::from_str(line) {
                    Ok(c) => c,
                    Err(e) => {
                        bad += 1;
                        writeln!(err, "jiceng: {}:{n}: {e}", cases.display())?;
                        continue;
                    }
                };
                let e = match evaluate(&case, at, &cal, &opts) {
                    Ok(e) => e,
                    Err(e) => {
                        bad += 1;
                        writeln!(
                            err,
                            "jiceng: {}:{n}: case {:?}: {e}",
                            cases.display(),
                            case.id
                        )?;
                        continue;
                    }
                };
                breakdown.add(&case, &e);
                *counts.entry(status_name(e.status)).or_insert(0) += 1;
                if json {
                    #[derive(Serialize)]
                    struct Line<'a> {
                        id: &'a str,
                        #[serde(flatten)]
                        evaluation: &'a jiceng::approvals::Evaluation,
                    }
                    let text = serde_json::to_string(&Line {
                        id: &case.id,
                        evaluation: &e,
                    })
                    .map_err(|e| Failure::input(e.to_string()))?;
                    writeln!(out, "{text}")?;
                } else {
                    let d = e.deadlines;
                    let show =
                        |x: Option<NaiveDate>| x.map_or_else(|| "-".to_owned(), |x| x.to_string());
                    writeln!(
                        out,
                        "{}\t{}\taccepted {}\tpromised {}\tstatutory {}{}",
                        case.id,
                        status_name(e.status),
                        show(d.acceptance),
                        show(d.promised_due),
                        show(d.statutory_due),
                        if d.provisional { "\tprovisional" } else { "" }
                    )?;
                }
            }
            let summary = breakdown.total.summary();
            if json {
                #[derive(Serialize)]
                struct Total<'a> {
                    summary: &'a Summary,
                    statuses: &'a std::collections::BTreeMap<String, usize>,
                    by_item: std::collections::BTreeMap<&'a str, Summary>,
                    by_body: std::collections::BTreeMap<&'a str, Summary>,
                    by_channel: std::collections::BTreeMap<String, Summary>,
                    bad_lines: usize,
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
                })
                .map_err(|e| Failure::input(e.to_string()))?;
                writeln!(out, "{text}")?;
            } else {
                write_summary(out, &summary, &counts)?;
                let pct = |x: Option<f64>| {
                    x.map_or_else(|| "-".to_owned(), |x| format!("{:.1}%", x * 100.0))
                };
                let rows = breakdown
                    .by_item
                    .iter()
                    .map(|(k, m)| ("item", k.clone(), m.summary()))
                    .chain(
                        breakdown
                            .by_channel
                            .iter()
                            .map(|(k, m)| ("channel", k.to_string(), m.summary())),
                    );
                for (kind, key, s) in rows {
                    writeln!(
                        out,
                        "by {kind}\t{key}\tcases {}\ton time (promise) {}\ton time (statute) {}\tmedian {}",
                        s.cases,
                        pct(s.on_time_rate_promise),
                        pct(s.on_time_rate_statute),
                        s.median_working_days
                            .map_or_else(|| "-".to_owned(), |x| x.to_string())
                    )?;
                }
            }
            if bad > 0 {
                return Err(Failure {
                    code: 1,
                    message: format!(
                        "{bad} bad line{} in {}; the others were evaluated",
                        if bad == 1 { "" } else { "s" },
                        cases.display()
                    ),
                });
            }
            Ok(())
        }
    }
}

fn write_summary(
    out: &mut dyn Write,
    s: &Summary,
    counts: &std::collections::BTreeMap<String, usize>,
) -> Result<(), Failure> {
    let pct = |x: Option<f64>| x.map_or_else(|| "-".to_owned(), |x| format!("{:.1}%", x * 100.0));
    let num = |x: Option<u32>| x.map_or_else(|| "-".to_owned(), |x| x.to_string());
    writeln!(out, "summary\tcases {}", s.cases)?;
    for (k, n) in counts {
        writeln!(out, "status\t{k}\t{n}")?;
    }
    writeln!(out, "rate\tacceptance\t{}", pct(s.acceptance_rate))?;
    writeln!(
        out,
        "rate\ton time (promise)\t{}",
        pct(s.on_time_rate_promise)
    )?;
    writeln!(
        out,
        "rate\ton time (statute)\t{}",
        pct(s.on_time_rate_statute)
    )?;
    writeln!(out, "rate\tsame day\t{}", pct(s.same_day_share))?;
    writeln!(
        out,
        "working days\tmean {}\tmedian {}\tp90 {}",
        s.mean_working_days
            .map_or_else(|| "-".to_owned(), |x| format!("{x:.1}")),
        num(s.median_working_days),
        num(s.p90_working_days)
    )?;
    Ok(())
}
