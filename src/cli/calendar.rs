//! `jiceng calendar …`: the calendar commands.

use std::io::{BufRead, Write};

use chrono::{DateTime, FixedOffset, NaiveDate};
use clap::{Args, Subcommand};
use jiceng::calendar::{
    Calendar, DayKind, Error, Language, Period, PeriodOptions, Suspension, SuspensionPolicy,
    WorkingHours,
};
use serde::Serialize;

use super::{BadLines, CalendarSource, Failure, Lang};

#[derive(Debug, Args)]
pub(crate) struct CalendarArgs {
    #[command(flatten)]
    source: CalendarSource,
    #[command(subcommand)]
    command: CalendarCommand,
}

#[derive(Debug, Subcommand)]
enum CalendarCommand {
    /// Print `true` if DATE is a working day, else `false`.
    IsWorkday {
        /// The day, YYYY-MM-DD.
        #[arg(required_unless_present = "batch")]
        date: Option<String>,
        /// Read one DATE a line from standard input.
        #[arg(long, conflicts_with = "date")]
        batch: bool,
    },
    /// Print the N-th working day after DATE (before it for negative N).
    #[command(allow_negative_numbers = true)]
    Add {
        /// The day, YYYY-MM-DD.
        #[arg(required_unless_present = "batch")]
        date: Option<String>,
        /// How many working days (negative: before).
        #[arg(required_unless_present = "batch")]
        n: Option<String>,
        /// Read one `DATE N` a line from standard input.
        #[arg(long, conflicts_with_all = ["date", "n"])]
        batch: bool,
    },
    /// Print the number of working days d with A < d <= B.
    Between {
        /// The first day (not counted).
        #[arg(required_unless_present = "batch")]
        a: Option<String>,
        /// The last day (counted).
        #[arg(required_unless_present = "batch")]
        b: Option<String>,
        /// Read one `A B` a line from standard input.
        #[arg(long, conflicts_with_all = ["a", "b"])]
        batch: bool,
    },
    /// Print the last day of a legal period (20wd, 15d, 2m, 1y) started on START.
    Period {
        /// The day the period starts (not counted, Civil Code Art. 201).
        start: String,
        /// The period: a number and wd (working days), d, m or y.
        period: String,
        /// Print the explanation: every day skipped and why, the rules applied.
        #[arg(long)]
        explain: bool,
        /// Print one JSON object (end, provisional, explanation).
        #[arg(long)]
        json: bool,
        /// Do not move an end that falls on a day off (Civil Code Art. 203).
        #[arg(long)]
        no_roll: bool,
        /// A suspension FROM..TO (inclusive), optionally with its reason
        /// after a colon (`2025-03-10..2025-03-14:expert review`); repeatable.
        #[arg(long, value_name = "FROM..TO[:REASON]")]
        suspend: Vec<String>,
        /// Restart the count after a suspension instead of continuing it.
        #[arg(long)]
        reset: bool,
    },
    /// Describe a day: working or not, and the notice behind it.
    Day {
        /// The day, YYYY-MM-DD.
        date: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print the instant N working minutes after TIME (RFC 3339).
    AddMinutes {
        /// The start, e.g. 2025-06-10T09:35:00+08:00.
        time: String,
        /// Working minutes to add.
        minutes: u32,
        /// Office hours, e.g. `08:30-12:00,14:00-17:30@+08:00`.
        #[arg(long, default_value = "08:30-12:00,14:00-17:30@+08:00")]
        hours: String,
        /// Print one JSON object (time, provisional).
        #[arg(long)]
        json: bool,
    },
    /// Print the working minutes from A to B (RFC 3339 timestamps).
    MinutesBetween {
        /// The start.
        a: String,
        /// The end.
        b: String,
        /// Office hours, e.g. `08:30-12:00,14:00-17:30@+08:00`.
        #[arg(long, default_value = "08:30-12:00,14:00-17:30@+08:00")]
        hours: String,
        /// Print one JSON object (minutes, provisional).
        #[arg(long)]
        json: bool,
    },
    /// Print the coverage and the notices behind the calendar.
    Info,
}

pub(crate) fn run(
    args: CalendarArgs,
    lang: Lang,
    stdin: &mut dyn BufRead,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Failure> {
    let cal = args.source.load_in(lang)?;
    let fail = |e: Error| Failure::input(message(&e, lang));
    let msg = |e: Error| message(&e, lang);
    match args.command {
        CalendarCommand::IsWorkday { date, batch } => {
            let q = |fields: &[&str], buf: &mut Vec<u8>| {
                let d = one_field(fields, lang)?;
                let date = parse_date(d, "DATE", lang)?;
                let w = cal.is_working_day(date).map_err(msg)?;
                buf.extend_from_slice(if w { b"true\n" } else { b"false\n" });
                Ok(!cal.covers(date))
            };
            answer(
                batch,
                date.as_slice()
                    .iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .as_slice(),
                stdin,
                out,
                err,
                lang,
                q,
            )
        }
        CalendarCommand::Add { date, n, batch } => {
            let q = |fields: &[&str], buf: &mut Vec<u8>| {
                let (d, n) = two_fields(fields, "DATE N", lang)?;
                let date = parse_date(d, "DATE", lang)?;
                let n: i32 = n.parse().map_err(|_| match lang {
                    Lang::En => format!("invalid N {n:?}: expected a whole number"),
                    Lang::Zh => format!("N 的值{}无效：应为整数", quote(n)),
                })?;
                let r = cal.add_working_days(date, n).map_err(msg)?;
                push_date(buf, r);
                Ok(cal.is_provisional_add(date, n, r))
            };
            let single: Vec<&str> = date.iter().chain(n.iter()).map(String::as_str).collect();
            answer(batch, &single, stdin, out, err, lang, q)
        }
        CalendarCommand::Between { a, b, batch } => {
            let q = |fields: &[&str], buf: &mut Vec<u8>| {
                let (a, b) = two_fields(fields, "A B", lang)?;
                let (a, b) = (parse_date(a, "A", lang)?, parse_date(b, "B", lang)?);
                let n = cal.working_days_between(a, b).map_err(msg)?;
                buf.extend_from_slice(n.to_string().as_bytes());
                buf.push(b'\n');
                Ok(cal.is_provisional_span(a, b))
            };
            let single: Vec<&str> = a.iter().chain(b.iter()).map(String::as_str).collect();
            answer(batch, &single, stdin, out, err, lang, q)
        }
        CalendarCommand::Period {
            start,
            period,
            explain,
            json,
            no_roll,
            suspend,
            reset,
        } => {
            let start = parse_date(&start, "START", lang).map_err(Failure::input)?;
            let period: Period = period.parse().map_err(fail)?;
            let mut opts = PeriodOptions::default().roll(!no_roll);
            if reset {
                opts = opts.policy(SuspensionPolicy::Reset);
            }
            for s in &suspend {
                opts = opts.suspend(parse_suspension(s).map_err(fail)?);
            }
            let ex = cal.explain_period_end(start, period, &opts).map_err(fail)?;
            if json {
                #[derive(Serialize)]
                struct Answer<'a> {
                    start: NaiveDate,
                    period: Period,
                    end: NaiveDate,
                    provisional: bool,
                    explanation: &'a jiceng::calendar::Explanation,
                }
                let a = Answer {
                    start,
                    period,
                    end: ex.end,
                    provisional: ex.provisional,
                    explanation: &ex,
                };
                let text = serde_json::to_string(&a).map_err(|e| Failure::input(e.to_string()))?;
                writeln!(out, "{text}")?;
            } else if explain {
                write!(out, "{}", ex.render(language(lang)))?;
            } else {
                writeln!(out, "{}", ex.end)?;
            }
            if ex.provisional && !json {
                warn_provisional(err, &cal, lang)?;
            }
            Ok(())
        }
        CalendarCommand::Day { date, json } => {
            let date = parse_date(&date, "DATE", lang).map_err(Failure::input)?;
            let info = cal.day(date).map_err(fail)?;
            if json {
                let text =
                    serde_json::to_string(&info).map_err(|e| Failure::input(e.to_string()))?;
                writeln!(out, "{text}")?;
            } else {
                let kind = match info.kind {
                    DayKind::Workday => lang.pick("workday", "工作日"),
                    DayKind::Weekend => lang.pick("weekend", "周末"),
                    DayKind::Holiday => lang.pick("holiday", "节假日"),
                    DayKind::MakeUpWorkday => lang.pick("make_up_workday", "调休上班"),
                };
                let weekday = match lang {
                    Lang::En => info.date.format("%a").to_string(),
                    Lang::Zh => weekday_zh(info.date).to_owned(),
                };
                write!(out, "{} {} {}", info.date, weekday, kind)?;
                if let Some(h) = &info.holiday {
                    match lang {
                        Lang::En => write!(out, " {} ({})", h.name, h.document)?,
                        Lang::Zh => write!(out, " {}（{}）", h.name, h.document)?,
                    }
                }
                if info.provisional {
                    write!(out, "{}", lang.pick(" (provisional)", "（暂定）"))?;
                }
                writeln!(out)?;
            }
            Ok(())
        }
        CalendarCommand::AddMinutes {
            time,
            minutes,
            hours,
            json,
        } => {
            let hours: WorkingHours = hours.parse().map_err(fail)?;
            let t = parse_time(&time, "TIME", lang)?;
            let r = hours.add_minutes(&cal, t, minutes).map_err(fail)?;
            // Every day from the start's to the answer's was needed.
            let provisional = hours.is_provisional_between(&cal, t, r);
            if json {
                #[derive(Serialize)]
                struct Answer {
                    time: String,
                    provisional: bool,
                }
                let time = r.to_rfc3339();
                json_line(out, &Answer { time, provisional })?;
            } else {
                writeln!(out, "{}", r.to_rfc3339())?;
            }
            warn_answers(err, usize::from(provisional), lang)
        }
        CalendarCommand::MinutesBetween { a, b, hours, json } => {
            let hours: WorkingHours = hours.parse().map_err(fail)?;
            let (a, b) = (parse_time(&a, "A", lang)?, parse_time(&b, "B", lang)?);
            let minutes = hours.minutes_between(&cal, a, b).map_err(fail)?;
            let provisional = hours.is_provisional_between(&cal, a, b);
            if json {
                #[derive(Serialize)]
                struct Answer {
                    minutes: i64,
                    provisional: bool,
                }
                json_line(
                    out,
                    &Answer {
                        minutes,
                        provisional,
                    },
                )?;
            } else {
                writeln!(out, "{minutes}")?;
            }
            warn_answers(err, usize::from(provisional), lang)
        }
        CalendarCommand::Info => {
            let (first, last) = cal.coverage();
            writeln!(out, "{} {}", lang.pick("calendar", "日历"), cal.name())?;
            writeln!(out, "{} {first}..={last}", lang.pick("coverage", "覆盖"))?;
            writeln!(
                out,
                "{} {}..={}",
                lang.pick("provisional", "暂定"),
                cal.earliest(),
                cal.horizon()
            )?;
            for (year, doc) in cal.documents() {
                writeln!(out, "{} {year} {doc}", lang.pick("notice", "通知"))?;
            }
            Ok(())
        }
    }
}

/// Answers one query, or one a line from standard input. In batch mode the
/// answers are written only if every line is good: a bad line is reported
/// with its number on standard error, and nothing is written to standard
/// output, so that answers can never be paired with the wrong queries.
fn answer(
    batch: bool,
    single: &[&str],
    stdin: &mut dyn BufRead,
    out: &mut dyn Write,
    err: &mut dyn Write,
    lang: Lang,
    query: impl Fn(&[&str], &mut Vec<u8>) -> Result<bool, String>,
) -> Result<(), Failure> {
    let mut buf = Vec::with_capacity(64);
    if !batch {
        let provisional = query(single, &mut buf).map_err(Failure::input)?;
        out.write_all(&buf)?;
        return warn_answers(err, usize::from(provisional), lang);
    }
    let mut bad = 0usize;
    let mut lines = BadLines::new(lang);
    let mut provisional = 0usize;
    let mut line = String::new();
    let mut number = 0usize;
    loop {
        line.clear();
        if stdin.read_line(&mut line)? == 0 {
            break;
        }
        number += 1;
        // At most three fields are kept: more is an error either way.
        let mut fields = [""; 3];
        let mut count = 0;
        for f in line.split_whitespace().take(3) {
            fields[count] = f;
            count += 1;
        }
        match query(&fields[..count], &mut buf) {
            Ok(p) => provisional += usize::from(p),
            Err(e) => {
                bad += 1;
                match lang {
                    Lang::En => lines.report(err, format_args!("line {number}"), &e)?,
                    Lang::Zh => lines.report(err, format_args!("第 {number} 行"), &e)?,
                }
            }
        }
    }
    lines.finish(err)?;
    if bad > 0 {
        return Err(Failure::input(match lang {
            Lang::En => format!(
                "{bad} bad line{} in the batch; no answers written",
                if bad == 1 { "" } else { "s" }
            ),
            Lang::Zh => format!("批量输入有 {bad} 行有误，未输出任何结果"),
        }));
    }
    out.write_all(&buf)?;
    warn_answers(err, provisional, lang)
}

/// Warns on standard error that `n` answers are provisional (nothing for
/// none), in the words of `add` and `between`.
fn warn_answers(err: &mut dyn Write, n: usize, lang: Lang) -> Result<(), Failure> {
    warn_provisional_count(err, n, Counted::Answers, lang)
}

/// What a warning about provisional answers counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Counted {
    /// Answers of the calendar commands, or the one answer of
    /// `grid route`.
    Answers,
    /// Events of a log whose due times are provisional.
    Events,
}

/// The one warning line every command prints on standard error when `n`
/// of its answers (or events) needed days outside the calendar's coverage
/// and were answered provisionally; nothing when `n` is 0.
pub(crate) fn warn_provisional_count(
    err: &mut dyn Write,
    n: usize,
    counted: Counted,
    lang: Lang,
) -> Result<(), Failure> {
    if n == 0 {
        return Ok(());
    }
    let one = n == 1;
    match (lang, counted) {
        (Lang::En, Counted::Answers) => writeln!(
            err,
            "jiceng: warning: {n} answer{} provisional: {} outside the calendar's coverage, \
             taken from the statutory holidays and the weekly rule",
            if one { " is" } else { "s are" },
            if one {
                "it needed a day"
            } else {
                "they needed days"
            },
        )?,
        (Lang::En, Counted::Events) => writeln!(
            err,
            "jiceng: warning: {n} event{} provisional due times: {} outside the calendar's coverage, \
             taken from the statutory holidays and the weekly rule",
            if one { " has" } else { "s have" },
            if one {
                "they needed a day"
            } else {
                "they needed days"
            },
        )?,
        (Lang::Zh, Counted::Answers) => writeln!(
            err,
            "jiceng: 警告: {n} 个结果为暂定：所需日期超出日历覆盖范围，按法定节假日和周休规则推算"
        )?,
        (Lang::Zh, Counted::Events) => writeln!(
            err,
            "jiceng: 警告: {n} 个事件的时限为暂定：所需日期超出日历覆盖范围，按法定节假日和周休规则推算"
        )?,
    }
    Ok(())
}

fn warn_provisional(err: &mut dyn Write, cal: &Calendar, lang: Lang) -> Result<(), Failure> {
    let (first, last) = cal.coverage();
    match lang {
        Lang::En => writeln!(
            err,
            "jiceng: warning: the answer is provisional: it needed days outside the calendar's coverage {first}..={last}"
        )?,
        Lang::Zh => writeln!(
            err,
            "jiceng: 警告: 结果为暂定：所需日期超出日历覆盖范围 {first}..={last}"
        )?,
    }
    Ok(())
}

/// The explanation language of `lang`.
fn language(lang: Lang) -> Language {
    match lang {
        Lang::En => Language::English,
        Lang::Zh => Language::Chinese,
    }
}

fn weekday_zh(d: NaiveDate) -> &'static str {
    use chrono::Datelike;
    [
        "星期一",
        "星期二",
        "星期三",
        "星期四",
        "星期五",
        "星期六",
        "星期日",
    ][d.weekday().num_days_from_monday() as usize]
}

/// `FROM..TO[:REASON]`: the dates contain no colon, so the first colon
/// starts the reason.
fn parse_suspension(text: &str) -> Result<Suspension, Error> {
    match text.split_once(':') {
        Some((interval, reason)) if !reason.trim().is_empty() => {
            Suspension::parse_interval(interval, reason.trim())
        }
        Some((interval, _)) => Suspension::parse_interval(interval, "suspended"),
        None => Suspension::parse_interval(text, "suspended"),
    }
}

/// A calendar error as the command line says it: naming the
/// `--provisional` flag where it would answer, in the chosen language.
/// Every command that takes `--provisional` says its calendar errors
/// through this one function.
pub(crate) fn message(e: &Error, lang: Lang) -> String {
    match (e, lang) {
        (Error::OutOfCoverage { date, first, last }, Lang::En) => format!(
            "{date} is outside the calendar's coverage {first}..={last}: no holiday notice covers it yet \
             (pass --provisional to answer with the statutory holidays and the weekly rule, flagged as provisional)"
        ),
        (Error::OutOfCoverage { date, first, last }, Lang::Zh) => format!(
            "{date} 超出日历覆盖范围 {first}..={last}：尚无放假安排通知覆盖该日\
             （加 --provisional 可按法定节假日和周休规则暂定作答）"
        ),
        (
            Error::BeforeCoverage {
                date,
                first,
                earliest,
            },
            Lang::En,
        ) => format!(
            "{date} is before the calendar's first notice (its coverage starts {first}): days before it are refused \
             (with --provisional, days from {earliest} on are estimated, none before)"
        ),
        // Said as the English says it, "with --provisional": the error is
        // met with the flag given too (a day before the earliest), where
        // "add --provisional" would send the user round in a circle.
        (
            Error::BeforeCoverage {
                date,
                first,
                earliest,
            },
            Lang::Zh,
        ) => format!(
            "{date} 早于日历的第一份通知（覆盖自 {first} 起），不予计算\
             （使用 --provisional 时，推算 {earliest} 及以后的日期，更早的不推算）"
        ),
        (e, Lang::Zh) => e.zh(),
        (e, Lang::En) => e.to_string(),
    }
}

/// `text` in Chinese quotes, escaped as `{:?}` escapes it (the English
/// messages quote with `{:?}`).
pub(crate) fn quote(text: &str) -> String {
    let debug = format!("{text:?}");
    let inner = debug
        .strip_prefix('"')
        .and_then(|d| d.strip_suffix('"'))
        .unwrap_or(&debug);
    format!("“{inner}”")
}

fn one_field<'a>(fields: &[&'a str], lang: Lang) -> Result<&'a str, String> {
    match (fields, lang) {
        ([a], _) => Ok(a),
        ([], Lang::En) => Err("empty line: expected DATE".to_owned()),
        ([], Lang::Zh) => Err("空行：应为 DATE".to_owned()),
        ([_, x, ..], Lang::En) => Err(format!("unexpected {x:?}: expected only DATE")),
        ([_, x, ..], Lang::Zh) => Err(format!("多余的{}：只应有 DATE", quote(x))),
    }
}

fn two_fields<'a>(
    fields: &[&'a str],
    what: &str,
    lang: Lang,
) -> Result<(&'a str, &'a str), String> {
    match (fields, lang) {
        ([a, b], _) => Ok((a, b)),
        ([_, _, x, ..], Lang::En) => Err(format!("unexpected {x:?}: expected {what}")),
        ([_, _, x, ..], Lang::Zh) => Err(format!("多余的{}：应为 {what}", quote(x))),
        (_, Lang::En) => Err(format!("expected {what}, got {:?}", fields.join(" "))),
        (_, Lang::Zh) => Err(format!("应为 {what}，实际为{}", quote(&fields.join(" ")))),
    }
}

/// Parses `YYYY-MM-DD`, fast: batch mode reads millions of them.
fn parse_date(s: &str, field: &str, lang: Lang) -> Result<NaiveDate, String> {
    let b = s.as_bytes();
    let bad = || match lang {
        Lang::En => format!("invalid {field} {s:?}: expected a date YYYY-MM-DD"),
        Lang::Zh => format!("{field} 的值{}无效：应为日期 YYYY-MM-DD", quote(s)),
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(bad());
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let (y, m, d) = match (num(0..4), num(5..7), num(8..10)) {
        (Some(y), Some(m), Some(d)) => (y, m, d),
        _ => return Err(bad()),
    };
    // `y` has four digits, so it fits an i32.
    NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(|| match lang {
        Lang::En => format!("invalid {field} {s:?}: no such day"),
        Lang::Zh => format!("{field} 的值{}无效：没有这一天", quote(s)),
    })
}

/// Writes `value` as one line of JSON.
fn json_line(out: &mut dyn Write, value: &impl Serialize) -> Result<(), Failure> {
    let text = serde_json::to_string(value).map_err(|e| Failure::input(e.to_string()))?;
    writeln!(out, "{text}")?;
    Ok(())
}

fn parse_time(s: &str, field: &str, lang: Lang) -> Result<DateTime<FixedOffset>, Failure> {
    DateTime::parse_from_rfc3339(s).map_err(|_| {
        Failure::input(match lang {
            Lang::En => format!(
                "invalid {field} {s:?}: expected an RFC 3339 time such as 2025-06-10T09:35:00+08:00"
            ),
            Lang::Zh => format!(
                "{field} 的值{}无效：应为 RFC 3339 格式的时间，如 2025-06-10T09:35:00+08:00",
                quote(s)
            ),
        })
    })
}

/// Writes `YYYY-MM-DD\n`.
fn push_date(buf: &mut Vec<u8>, d: NaiveDate) {
    use chrono::Datelike;
    let (y, m, day) = (d.year(), d.month(), d.day());
    if (0..=9999).contains(&y) {
        let y = y as u32;
        buf.extend_from_slice(&[
            b'0' + (y / 1000) as u8,
            b'0' + (y / 100 % 10) as u8,
            b'0' + (y / 10 % 10) as u8,
            b'0' + (y % 10) as u8,
            b'-',
            b'0' + (m / 10) as u8,
            b'0' + (m % 10) as u8,
            b'-',
            b'0' + (day / 10) as u8,
            b'0' + (day % 10) as u8,
            b'\n',
        ]);
    } else {
        buf.extend_from_slice(format!("{d}\n").as_bytes());
    }
}

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure::input(message)
    }
}
