//! `jiceng enforcement …`: penalty jurisdiction, clocks and money.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};
use jiceng::authority::Ledger;
use jiceng::enforcement::jurisdiction::{Jurisdiction, compare, resolve};
use jiceng::enforcement::{
    Flag, Limits, Metrics, Options, PartyKind, Penalty, PenaltyCase, Status, deadlines, evaluate,
    explain, limitation, summary_eligible, surcharge,
};
use rust_decimal::Decimal;
use serde::Serialize;

use super::{BadLines, CalendarSource, Failure, Lang};

/// The longest line `evaluate` reads: a case longer than this is reported
/// as a bad line, and skipped without being held in memory.
const MAX_LINE: usize = 1 << 20;

#[derive(Debug, Args)]
pub(crate) struct EnforcementArgs {
    #[command(flatten)]
    source: CalendarSource,
    #[command(subcommand)]
    command: EnforcementCommand,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum PartyArg {
    Citizen,
    Organisation,
}

#[derive(Debug, Subcommand)]
enum EnforcementCommand {
    /// Print the bodies competent for a violation (行政处罚法第二十二条至第二十五条).
    Jurisdiction {
        /// The ledger file (TOML or JSON); the bundled Hebei sample if absent.
        #[arg(long)]
        ledger: Option<PathBuf>,
        /// The penalty items, comma-separated.
        #[arg(long, value_name = "CODE[,CODE...]")]
        item: String,
        /// Where the violation occurred (a village resolves through its township).
        #[arg(long)]
        division: String,
        /// When.
        #[arg(long)]
        date: String,
        /// Print the grounds: instrument, rule and article.
        #[arg(long)]
        explain: bool,
        /// Print JSON: `bodies` (`code`, `name`), `count`, `explanation`.
        #[arg(long)]
        json: bool,
    },
    /// Print the competent bodies on two dates (the five-to-one story).
    Compare {
        /// The ledger file; the bundled Hebei sample if absent.
        #[arg(long)]
        ledger: Option<PathBuf>,
        /// Use this ledger for the second date instead of the same one.
        #[arg(long, value_name = "LEDGER")]
        against: Option<PathBuf>,
        /// The penalty items, comma-separated.
        #[arg(long, value_name = "CODE[,CODE...]")]
        item: String,
        /// Where the violation occurred.
        #[arg(long)]
        division: String,
        /// The first date.
        #[arg(long)]
        before: String,
        /// The second date.
        #[arg(long)]
        after: String,
        /// Print JSON: `before`, `after` (each `date`, `bodies`, `count`), `gone`, `came`.
        #[arg(long)]
        json: bool,
    },
    /// Print the late-payment surcharge (行政处罚法第七十二条) in yuan.
    Surcharge {
        /// The fine, in yuan (at most two decimals).
        #[arg(long)]
        fine: String,
        /// The last day to pay.
        #[arg(long)]
        due: String,
        /// The day paid (or the day asked about).
        #[arg(long)]
        paid: String,
        /// Print JSON: `surcharge` (a string), `days_late`, `capped`.
        #[arg(long)]
        json: bool,
    },
    /// Print whether a penalty is still possible (行政处罚法第三十六条).
    Limitation {
        /// The day of the act, or of its end if it continued.
        #[arg(long)]
        act_ended: String,
        /// The day it was discovered.
        #[arg(long)]
        discovered: String,
        /// Life, health or financial safety with harmful consequences: 5 years.
        #[arg(long)]
        grave: bool,
        /// Print JSON: `within`, `last_day`.
        #[arg(long)]
        json: bool,
    },
    /// Print whether a fine may be decided on the spot (行政处罚法第五十一条).
    SummaryEligible {
        /// The party's kind.
        #[arg(long, value_enum)]
        party: PartyArg,
        /// The fine, in yuan.
        #[arg(long)]
        fine: String,
    },
    /// Print the statutory due dates that follow the given events.
    Deadlines {
        /// The day of filing: the decision is due 90 days later (Art. 60).
        #[arg(long)]
        filed: String,
        /// The day of the rights notice: a hearing is requested within 5 working days.
        #[arg(long)]
        notified: Option<String>,
        /// The day of the decision: an absent party is served within 7 working days.
        #[arg(long)]
        decided: Option<String>,
        /// The day the party received it: the fine is paid within 15 days.
        #[arg(long)]
        served: Option<String>,
        /// Print JSON: `decision_due`, `hearing_request_due`, `service_due`, `payment_due`.
        #[arg(long)]
        json: bool,
    },
    /// Evaluate penalty cases (one JSON case a line) on a date: status, flags, metrics.
    Evaluate {
        /// The cases file (JSON Lines); `-` for standard input.
        cases: PathBuf,
        /// The evaluation date.
        #[arg(long)]
        at: String,
        /// Print JSON: one object a case, then a summary object.
        #[arg(long)]
        json: bool,
        /// Print each case's deadlines and flags with their articles.
        #[arg(long)]
        explain: bool,
    },
}

fn date(s: &str, field: &str) -> Result<NaiveDate, Failure> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| super::lang::bad_date(field, s))
}

fn amount(s: &str, field: &str) -> Result<Decimal, Failure> {
    s.trim().parse::<Decimal>().map_err(|_| {
        Failure::input(match super::lang::current() {
            Lang::En => format!("invalid {field} {s:?}: expected an amount in yuan, e.g. 1000.00"),
            Lang::Zh => format!("{field} 的值 {s:?} 无效：应为以元为单位的金额，如 1000.00"),
        })
    })
}

fn items(s: &str) -> Vec<&str> {
    s.split(',')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .collect()
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

/// A jurisdiction error, in the language of the output: a non-penalty
/// item is named with its category in Chinese for `--lang zh`.
fn jurisdiction_failure(e: jiceng::enforcement::Error, lang: Lang) -> Failure {
    Failure::input(say(&e, lang))
}

/// An enforcement error as the command line says it: a calendar error (a
/// date outside the notices' coverage) in the calendar commands' words,
/// which name `--provisional`; any other in the language of the output.
fn say(e: &jiceng::enforcement::Error, lang: Lang) -> String {
    match (e, lang) {
        (jiceng::enforcement::Error::Calendar(c), _) => super::calendar::message(c, lang),
        (e, Lang::Zh) => super::report::serde_zh(&e.zh()),
        (e, Lang::En) => e.to_string(),
    }
}

/// Refuses dates given out of their order in time: `later` must not come
/// before `earlier`. Exit status 2, naming both, in the language of the
/// output.
fn in_order(
    earlier: (&str, NaiveDate),
    later: (&str, NaiveDate),
    lang: Lang,
) -> Result<(), Failure> {
    let ((a, from), (b, to)) = (earlier, later);
    if to >= from {
        return Ok(());
    }
    Err(Failure::input(match lang {
        Lang::En => format!("`{b}` ({to}) is before `{a}` ({from})"),
        Lang::Zh => format!("{b}（{to}）早于 {a}（{from}）"),
    }))
}

fn json_line(out: &mut dyn Write, v: &impl Serialize) -> Result<(), Failure> {
    let text = serde_json::to_string(v).map_err(|e| Failure::input(e.to_string()))?;
    writeln!(out, "{text}")?;
    Ok(())
}

/// A status in the language of the output.
fn status_text(s: Status, lang: Lang) -> &'static str {
    match lang {
        Lang::En => s.name(),
        Lang::Zh => match s {
            Status::NotStarted => "尚无记录",
            Status::Clue => "线索",
            Status::Investigating => "调查中",
            Status::DueSoon => "临近期限",
            Status::Overdue => "已超期",
            Status::Suspended => "中止",
            Status::AwaitingService => "待送达",
            Status::AwaitingPayment => "待缴纳罚款",
            Status::PaymentOverdue => "逾期未缴纳",
            Status::Served => "已送达",
            Status::Paid => "已缴纳",
            Status::Enforcing => "申请强制执行",
            Status::Transferred => "已移送司法机关",
            Status::Closed => "已结案",
        },
    }
}

/// A flag in the language of the output.
fn flag_text(f: Flag, lang: Lang) -> &'static str {
    lang.pick(f.name(), f.zh())
}

#[derive(Serialize)]
struct BodyOut<'a> {
    code: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct Side<'a> {
    date: NaiveDate,
    bodies: Vec<BodyOut<'a>>,
    count: usize,
}

fn side(j: &Jurisdiction) -> Side<'_> {
    Side {
        date: j.date,
        bodies: j
            .bodies
            .iter()
            .map(|b| BodyOut {
                code: &b.code,
                name: &b.name,
            })
            .collect(),
        count: j.count,
    }
}

fn write_bodies(out: &mut dyn Write, j: &Jurisdiction, lang: Lang) -> Result<(), Failure> {
    for b in &j.bodies {
        match &b.acting {
            Some(a) => writeln!(
                out,
                "{}\t{}\t{} {}",
                b.code,
                b.name,
                lang.pick("acting:", "实施:"),
                a.name
            )?,
            None => writeln!(out, "{}\t{}", b.code, b.name)?,
        }
    }
    Ok(())
}

pub(crate) fn run(
    args: EnforcementArgs,
    lang: Lang,
    stdin: &mut dyn BufRead,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Failure> {
    match args.command {
        EnforcementCommand::Jurisdiction {
            ledger,
            item,
            division,
            date: d,
            explain,
            json,
        } => {
            let ledger = load(ledger.as_ref())?;
            let d = date(&d, "--date")?;
            let j = resolve(&ledger, &items(&item), &division, d)
                .map_err(|e| jurisdiction_failure(e, lang))?;
            if json {
                #[derive(Serialize)]
                struct Answer<'a> {
                    bodies: Vec<BodyOut<'a>>,
                    count: usize,
                    explanation: &'a [jiceng::enforcement::jurisdiction::Competence],
                }
                return json_line(
                    out,
                    &Answer {
                        bodies: side(&j).bodies,
                        count: j.count,
                        explanation: &j.explanation,
                    },
                );
            }
            write_bodies(out, &j, lang)?;
            if explain {
                for c in &j.explanation {
                    writeln!(out, "{} {}: {}", c.item, c.item_name, c.body.name)?;
                    for g in &c.explanation {
                        let ins = g.instrument.as_ref().map_or_else(String::new, |i| {
                            format!(
                                " [{}{}{}]",
                                i.id,
                                i.document
                                    .as_ref()
                                    .map_or_else(String::new, |d| format!(" {d}")),
                                format_args!(" {}", i.title)
                            )
                        });
                        match lang {
                            Lang::En => writeln!(out, "  {} ({}){ins}", g.rule, g.article)?,
                            Lang::Zh => writeln!(out, "  {}（{}）{ins}", g.zh, g.article)?,
                        }
                    }
                }
            }
            Ok(())
        }
        EnforcementCommand::Compare {
            ledger,
            against,
            item,
            division,
            before,
            after,
            json,
        } => {
            let first = load(ledger.as_ref())?;
            let second = match &against {
                Some(p) => load(Some(p))?,
                None => first.clone(),
            };
            let before = date(&before, "--before")?;
            let after = date(&after, "--after")?;
            in_order(("--before", before), ("--after", after), lang)?;
            let c = compare((&first, before), (&second, after), &items(&item), &division)
                .map_err(|e| jurisdiction_failure(e, lang))?;
            if json {
                #[derive(Serialize)]
                struct Answer<'a> {
                    before: Side<'a>,
                    after: Side<'a>,
                    gone: &'a [String],
                    came: &'a [String],
                }
                return json_line(
                    out,
                    &Answer {
                        before: side(&c.before),
                        after: side(&c.after),
                        gone: &c.gone,
                        came: &c.came,
                    },
                );
            }
            for (label, j) in [
                (lang.pick("before", "改革前"), &c.before),
                (lang.pick("after", "改革后"), &c.after),
            ] {
                writeln!(
                    out,
                    "{label} {}: {} {}",
                    j.date,
                    j.count,
                    lang.pick(if j.count == 1 { "body" } else { "bodies" }, "个执法主体")
                )?;
                write_bodies(out, j, lang)?;
            }
            Ok(())
        }
        EnforcementCommand::Surcharge {
            fine,
            due,
            paid,
            json,
        } => {
            let fine = amount(&fine, "--fine")?;
            let s = surcharge(fine, date(&due, "--due")?, date(&paid, "--paid")?)
                .map_err(|e| Failure::input(say(&e, lang)))?;
            if json {
                return json_line(out, &s);
            }
            writeln!(out, "{}", s.surcharge)?;
            Ok(())
        }
        EnforcementCommand::Limitation {
            act_ended,
            discovered,
            grave,
            json,
        } => {
            let l = limitation(
                date(&act_ended, "--act-ended")?,
                date(&discovered, "--discovered")?,
                grave,
            )
            .map_err(|e| Failure::input(say(&e, lang)))?;
            if json {
                #[derive(Serialize)]
                struct Answer {
                    within: bool,
                    last_day: NaiveDate,
                    years: u32,
                }
                return json_line(
                    out,
                    &Answer {
                        within: l.within,
                        last_day: l.last_day,
                        years: l.years,
                    },
                );
            }
            let word = match (l.within, lang) {
                (true, Lang::En) => "within",
                (false, Lang::En) => "expired",
                (true, Lang::Zh) => "未超过追责时效",
                (false, Lang::Zh) => "已超过追责时效",
            };
            writeln!(out, "{word} {}", l.last_day)?;
            Ok(())
        }
        EnforcementCommand::SummaryEligible { party, fine } => {
            let kind = match party {
                PartyArg::Citizen => PartyKind::Citizen,
                PartyArg::Organisation => PartyKind::Organisation,
            };
            let amount = amount(&fine, "--fine")?;
            let ok = summary_eligible(kind, &[Penalty::Fine { amount }])
                .map_err(|e| Failure::input(say(&e, lang)))?;
            writeln!(out, "{ok}")?;
            Ok(())
        }
        EnforcementCommand::Deadlines {
            filed,
            notified,
            decided,
            served,
            json,
        } => {
            let cal = args.source.load()?;
            let filed = date(&filed, "--filed")?;
            let opt = |s: &Option<String>, f: &str| s.as_deref().map(|s| date(s, f)).transpose();
            let (notified, decided, served) = (
                opt(&notified, "--notified")?,
                opt(&decided, "--decided")?,
                opt(&served, "--served")?,
            );
            // A case's events come in this order, as `evaluate` requires:
            // each date given must not precede the last one given before it.
            let mut last = ("--filed", filed);
            for (flag, d) in [
                ("--notified", notified),
                ("--decided", decided),
                ("--served", served),
            ] {
                if let Some(d) = d {
                    in_order(last, (flag, d), lang)?;
                    last = (flag, d);
                }
            }
            let fail = |e: jiceng::enforcement::Error| Failure::input(say(&e, lang));
            let decision = deadlines::decision_due(&cal, filed, &Limits::default(), false, &[])
                .map_err(fail)?;
            let hearing = notified
                .map(|n| deadlines::hearing_request_due(&cal, n))
                .transpose()
                .map_err(fail)?;
            let service = decided
                .map(|d| deadlines::service_due(&cal, d))
                .transpose()
                .map_err(fail)?;
            let payment = served
                .map(|s| deadlines::payment_due(&cal, s))
                .transpose()
                .map_err(fail)?;
            let provisional = decision.provisional
                || [hearing, service, payment]
                    .iter()
                    .flatten()
                    .any(|p| p.provisional);
            if json {
                #[derive(Serialize)]
                struct Answer {
                    decision_due: NaiveDate,
                    hearing_request_due: Option<NaiveDate>,
                    service_due: Option<NaiveDate>,
                    payment_due: Option<NaiveDate>,
                    provisional: bool,
                }
                return json_line(
                    out,
                    &Answer {
                        decision_due: decision.end,
                        hearing_request_due: hearing.map(|p| p.end),
                        service_due: service.map(|p| p.end),
                        payment_due: payment.map(|p| p.end),
                        provisional,
                    },
                );
            }
            let rows = [
                (
                    lang.pick("decision_due", "作出决定期限"),
                    Some(decision.end),
                    lang.pick("90 days (Art. 60)", "九十日（第六十条）"),
                ),
                (
                    lang.pick("hearing_request_due", "申请听证期限"),
                    hearing.map(|p| p.end),
                    lang.pick(
                        "5 working days (Arts. 64, 85)",
                        "五个工作日（第六十四条、第八十五条）",
                    ),
                ),
                (
                    lang.pick("service_due", "送达期限"),
                    service.map(|p| p.end),
                    lang.pick(
                        "7 working days (Arts. 61, 85)",
                        "七个工作日（第六十一条、第八十五条）",
                    ),
                ),
                (
                    lang.pick("payment_due", "缴纳罚款期限"),
                    payment.map(|p| p.end),
                    lang.pick("15 days (Art. 67)", "十五日（第六十七条）"),
                ),
            ];
            for (label, d, rule) in rows {
                if let Some(d) = d {
                    writeln!(out, "{label} {d}\t{rule}")?;
                }
            }
            if provisional {
                writeln!(
                    err,
                    "jiceng: {}",
                    lang.pick(
                        "warning: provisional: a due date needs days outside the calendar's coverage",
                        "警告：临时结果：期限涉及日历尚未覆盖的日期"
                    )
                )?;
            }
            Ok(())
        }
        EnforcementCommand::Evaluate {
            cases,
            at,
            json,
            explain: show,
        } => {
            let cal = args.source.load()?;
            let at = date(&at, "--at")?;
            let mut file;
            let reader: &mut dyn BufRead = if cases.as_os_str() == "-" {
                stdin
            } else {
                file = std::io::BufReader::new(
                    std::fs::File::open(&cases)
                        .map_err(|e| Failure::input(super::lang::cannot_read(&cases, &e)))?,
                );
                &mut file
            };
            let opts = Options::default();
            let mut metrics = Metrics::default();
            let mut bad = 0usize;
            let mut lines = BadLines::new(lang);
            let mut buf = Vec::new();
            let mut n = 0usize;
            loop {
                n += 1;
                let line = match read_bounded(reader, &mut buf, MAX_LINE)? {
                    Line::End => break,
                    Line::TooLong => {
                        bad += 1;
                        lines.report(
                            err,
                            format_args!("{}:{n}", cases.display()),
                            format_args!(
                                "{} {MAX_LINE} {}",
                                lang.pick("line longer than", "行长度超过"),
                                lang.pick("bytes, skipped", "字节，已跳过")
                            ),
                        )?;
                        continue;
                    }
                    Line::Text => &buf,
                };
                if line.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                let read = std::str::from_utf8(line)
                    .map_err(|e| jiceng::enforcement::Error::Parse {
                        field: "(line)".to_owned(),
                        message: format!("not UTF-8 text: {e}"),
                    })
                    .and_then(PenaltyCase::from_json);
                let case = match read {
                    Ok(c) => c,
                    Err(e) => {
                        bad += 1;
                        let place = format_args!("{}:{n}", cases.display());
                        lines.report(err, place, say(&e, lang))?;
                        continue;
                    }
                };
                let e = match evaluate(&case, at, &cal, &opts) {
                    Ok(e) => e,
                    Err(e) => {
                        bad += 1;
                        let (place, id) = (cases.display(), &case.id);
                        lines.report(
                            err,
                            format_args!("{place}:{n}"),
                            format_args!("{} {id:?}: {}", lang.pick("case", "案件"), say(&e, lang)),
                        )?;
                        continue;
                    }
                };
                metrics.add(&e);
                if json {
                    #[derive(Serialize)]
                    struct Line<'a> {
                        id: &'a str,
                        #[serde(flatten)]
                        evaluation: &'a jiceng::enforcement::Evaluation,
                        #[serde(skip_serializing_if = "Option::is_none")]
                        explanation: Option<Vec<jiceng::enforcement::Reason>>,
                    }
                    json_line(
                        out,
                        &Line {
                            id: &case.id,
                            evaluation: &e,
                            explanation: show.then(|| explain(&case, &e)),
                        },
                    )?;
                } else {
                    let flags: Vec<&str> = e.flags.iter().map(|f| flag_text(f, lang)).collect();
                    writeln!(
                        out,
                        "{}\t{}\t{} {}\t{}{}",
                        case.id,
                        status_text(e.status, lang),
                        lang.pick("decision due", "决定期限"),
                        e.deadlines
                            .decision_due
                            .map_or_else(|| "-".to_owned(), |d| d.to_string()),
                        if flags.is_empty() {
                            "-".to_owned()
                        } else {
                            flags.join(",")
                        },
                        if e.deadlines.provisional {
                            lang.pick("\tprovisional", "\t临时")
                        } else {
                            ""
                        }
                    )?;
                    if show {
                        for r in explain(&case, &e) {
                            match lang {
                                Lang::En => writeln!(out, "  {}: {}", r.subject, r.rule)?,
                                Lang::Zh => writeln!(out, "  {}：{}", r.subject_zh, r.zh)?,
                            }
                        }
                    }
                }
            }
            let summary = metrics.summary();
            if json {
                #[derive(Serialize)]
                struct Total<'a> {
                    summary: &'a jiceng::enforcement::Summary,
                    bad_lines: usize,
                }
                json_line(
                    out,
                    &Total {
                        summary: &summary,
                        bad_lines: bad,
                    },
                )?;
            } else {
                writeln!(out, "{}\t{}", lang.pick("cases", "案件数"), summary.cases)?;
                for s in Status::ALL {
                    let k = summary.statuses[s.name()];
                    if k > 0 {
                        writeln!(
                            out,
                            "{}\t{}\t{k}",
                            lang.pick("status", "状态"),
                            status_text(s, lang)
                        )?;
                    }
                }
                for f in Flag::ALL {
                    let k = summary.flags[f.name()];
                    if k > 0 {
                        writeln!(
                            out,
                            "{}\t{}\t{k}",
                            lang.pick("flag", "问题"),
                            flag_text(f, lang)
                        )?;
                    }
                }
                writeln!(
                    out,
                    "{}\t{}/{}",
                    lang.pick("decided in time", "按期作出决定"),
                    summary.decided_in_time,
                    summary.decided
                )?;
            }
            lines.finish(err)?;
            if bad > 0 {
                return Err(Failure {
                    code: 1,
                    message: format!(
                        "{bad} {} {}; {}",
                        lang.pick(
                            if bad == 1 {
                                "bad line in"
                            } else {
                                "bad lines in"
                            },
                            "行有误:"
                        ),
                        cases.display(),
                        lang.pick("the others were evaluated", "其余已评估")
                    ),
                });
            }
            Ok(())
        }
    }
}

/// What [`read_bounded`] found.
enum Line {
    /// A line, in the buffer, without its newline.
    Text,
    /// A line longer than the bound, skipped.
    TooLong,
    /// The end of the input.
    End,
}

/// Reads one line into `buf`, holding at most `max` bytes: a longer line
/// is consumed to its end without being kept.
fn read_bounded(r: &mut dyn BufRead, buf: &mut Vec<u8>, max: usize) -> std::io::Result<Line> {
    buf.clear();
    let mut too_long = false;
    let mut any = false;
    loop {
        let chunk = r.fill_buf()?;
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (part, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (&chunk[..i], Some(i + 1)),
            None => (chunk, None),
        };
        if !too_long {
            if buf.len() + part.len() > max {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(part);
            }
        }
        let used = done.unwrap_or(chunk.len());
        r.consume(used);
        if done.is_some() {
            break;
        }
    }
    Ok(if !any {
        Line::End
    } else if too_long {
        Line::TooLong
    } else {
        Line::Text
    })
}
