//! `jiceng staffing …`: establishment ledgers, plans and workload staffing.

use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};
use jiceng::staffing::{
    Error, LedgerFile, Method, PlanRequest, QuotaKind, Severity, Units, Workload, erlang_a,
    erlang_c, plan,
};

use super::{BadLines, Failure, Lang};

/// The largest input file read, in bytes: a hostile file must not exhaust
/// memory.
const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Debug, Args)]
pub(crate) struct StaffingArgs {
    #[command(subcommand)]
    command: StaffingCommand,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Per {
    Hour,
    Day,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Table,
    Csv,
    Json,
    Md,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SchemaPart {
    Ledger,
    Plan,
    Erlang,
    At,
}

#[derive(Debug, Subcommand)]
enum StaffingCommand {
    /// Share a pool of quotas among units by weighted columns.
    Plan {
        /// The quotas to share out.
        #[arg(long)]
        pool: u64,
        /// The units: CSV with `code`, `current` and numeric columns (`-`:
        /// standard input, e.g. from `staffing synth`).
        #[arg(long, value_name = "FILE.csv")]
        units: PathBuf,
        /// Column weights, e.g. `population=0.7,area=0.3`.
        #[arg(long, value_name = "COLUMN=W[,COLUMN=W...]")]
        weights: String,
        /// The apportionment method.
        #[arg(long, default_value = "hamilton", value_parser = ["hamilton", "webster", "dhondt", "huntington-hill"])]
        method: String,
        /// The least staff any unit may have after the plan.
        #[arg(long)]
        min: Option<u64>,
        /// The most staff any unit may have after the plan.
        #[arg(long)]
        max: Option<u64>,
        /// Print JSON (`units` with `code`, `before`, `after`; `total`, `cv`, `gini`).
        #[arg(long)]
        json: bool,
        /// The output format (csv: `code,before,after`).
        #[arg(long, value_enum, default_value_t = Format::Csv)]
        format: Format,
    },
    /// The staff needed for a workload, by Erlang C (or Erlang A with
    /// `--abandon-minutes`).
    Erlang {
        /// Arrivals per hour or per day.
        #[arg(long)]
        arrivals: f64,
        /// What the arrivals are counted per.
        #[arg(long, value_enum, default_value_t = Per::Hour)]
        per: Per,
        /// The length of a working day in hours, for `--per day`.
        #[arg(long, default_value_t = 8.0)]
        day_hours: f64,
        /// The mean handling time, in minutes.
        #[arg(long)]
        aht_minutes: f64,
        /// The share to answer within the time, e.g. 0.8.
        #[arg(long)]
        target_share: f64,
        /// The answer time of the target, in minutes.
        #[arg(long)]
        within_minutes: f64,
        /// The share of paid time not available for the work.
        #[arg(long, default_value_t = 0.0)]
        shrinkage: f64,
        /// The most a server may be busy.
        #[arg(long, default_value_t = 1.0)]
        max_occupancy: f64,
        /// Mean patience of waiting callers, in minutes (Erlang A).
        #[arg(long)]
        abandon_minutes: Option<f64>,
        /// Print JSON (`raw_positions`, `positions`, `service_level`,
        /// `occupancy`, `waiting_probability`, `abandonment`).
        #[arg(long)]
        json: bool,
    },
    /// Check an establishment ledger (TOML, or CSV by its extension): every
    /// problem with its line. Exit status 1 when there are errors.
    Check {
        /// The ledger file.
        file: PathBuf,
        /// Print the findings as one JSON array.
        #[arg(long)]
        json: bool,
    },
    /// A body's establishment on a date, with the instruments behind it.
    At {
        /// The ledger file.
        file: PathBuf,
        /// The body's code.
        #[arg(long)]
        body: String,
        /// The date, YYYY-MM-DD.
        #[arg(long)]
        date: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// A synthetic province for planning (CSV for `plan --units`): `--units`
    /// townships whose staff before are `units × average − pool`, so that
    /// sharing the pool brings the average to `--average`.
    Synth {
        /// The seed of the populations, areas and cases.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The number of townships and subdistricts.
        #[arg(long, default_value_t = 2_300)]
        units: usize,
        /// The quotas the plan will share out (the story: 22,000).
        #[arg(long, default_value_t = 22_000)]
        pool: u64,
        /// The average staff a unit after the plan (the story: 65).
        #[arg(long, default_value_t = 65)]
        average: u64,
    },
    /// Print the JSON Schema of a staffing format.
    Schema {
        /// Which: the ledger file, or the JSON output of plan, erlang or at.
        #[arg(value_enum)]
        part: SchemaPart,
    },
}

/// A staffing error in the language of the run.
fn said(lang: Lang, e: &Error) -> String {
    match lang {
        Lang::En => e.to_string(),
        Lang::Zh => e.zh(),
    }
}

/// A staffing error as bad input (exit status 2), in the language of the
/// run.
fn refused(lang: Lang) -> impl Fn(Error) -> Failure {
    move |e| Failure::input(said(lang, &e))
}

/// An error of reading a file, in the language of the run: in Chinese
/// the kind of failure a clerk knows, then the system's own words.
fn io_said(lang: Lang, e: &std::io::Error) -> String {
    match lang {
        Lang::En => e.to_string(),
        Lang::Zh => format!("{}（{e}）", super::lang::io_zh(e.kind())),
    }
}

/// "cannot read WHAT: WHY", in the language of the run.
fn cannot_read(lang: Lang, what: impl std::fmt::Display, e: &std::io::Error) -> Failure {
    let why = io_said(lang, e);
    Failure::input(match lang {
        Lang::En => format!("cannot read {what}: {why}"),
        Lang::Zh => format!("无法读取 {what}：{why}"),
    })
}

fn read(path: &Path, lang: Lang) -> Result<String, Failure> {
    let meta = std::fs::metadata(path).map_err(|e| cannot_read(lang, path.display(), &e))?;
    if meta.len() > MAX_FILE_BYTES {
        let (path, n) = (path.display(), meta.len());
        return Err(Failure::input(match lang {
            Lang::En => format!("{path} is {n} bytes: at most {MAX_FILE_BYTES}"),
            Lang::Zh => format!("{path} 有 {n} 字节：至多 {MAX_FILE_BYTES} 字节"),
        }));
    }
    std::fs::read_to_string(path).map_err(|e| cannot_read(lang, path.display(), &e))
}

/// Reads standard input whole, within [`MAX_FILE_BYTES`].
fn read_stdin(stdin: &mut dyn BufRead, lang: Lang) -> Result<String, Failure> {
    let mut text = String::new();
    let n = stdin
        .take(MAX_FILE_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|e| cannot_read(lang, lang.pick("standard input", "标准输入"), &e))?;
    if n as u64 > MAX_FILE_BYTES {
        return Err(Failure::input(match lang {
            Lang::En => format!("standard input is over {MAX_FILE_BYTES} bytes"),
            Lang::Zh => format!("标准输入超过 {MAX_FILE_BYTES} 字节"),
        }));
    }
    Ok(text)
}

fn load_ledger(path: &Path, lang: Lang) -> Result<LedgerFile, Failure> {
    let text = read(path, lang)?;
    let csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let parsed = if csv {
        LedgerFile::parse_csv(&text)
    } else {
        LedgerFile::parse_toml(&text)
    };
    parsed.map_err(|e| Failure::input(format!("{}{}", in_file(path), said(lang, &e))))
}

/// "FILE: " before a message about the file: a place, as `FILE:LINE: `
/// is, in either language.
fn in_file(path: &Path) -> String {
    format!("{}: ", path.display())
}

fn parse_weights(s: &str, lang: Lang) -> Result<Vec<(String, f64)>, Failure> {
    let weights: Vec<(String, f64)> = s
        .split(',')
        .map(|part| {
            let (col, w) = part.split_once('=').ok_or_else(|| {
                Failure::input(match lang {
                    Lang::En => format!("invalid --weights {part:?}: expected COLUMN=WEIGHT"),
                    Lang::Zh => format!("--weights {part:?} 无效：应为 COLUMN=WEIGHT（列名=权重）"),
                })
            })?;
            let w: f64 = w.trim().parse().map_err(|_| {
                Failure::input(match lang {
                    Lang::En => format!("invalid --weights {part:?}: {w:?} is not a number"),
                    Lang::Zh => format!("--weights {part:?} 无效：{w:?} 不是数字"),
                })
            })?;
            Ok((col.trim().to_string(), w))
        })
        .collect::<Result<_, Failure>>()?;
    for (i, (col, _)) in weights.iter().enumerate() {
        if weights[..i].iter().any(|(c, _)| c == col) {
            return Err(Failure::input(match lang {
                Lang::En => format!("invalid --weights {s:?}: column {col:?} is given twice"),
                Lang::Zh => format!("--weights {s:?} 无效：列 {col:?} 重复给出"),
            }));
        }
    }
    Ok(weights)
}

fn json_line(
    out: &mut dyn Write,
    value: &impl serde::Serialize,
    lang: Lang,
) -> Result<(), Failure> {
    let text = serde_json::to_string(value).map_err(|e| {
        Failure::input(match lang {
            Lang::En => format!("cannot write JSON: {e}"),
            Lang::Zh => format!("无法写出 JSON：{e}"),
        })
    })?;
    writeln!(out, "{text}")?;
    Ok(())
}

/// Runs a `staffing` subcommand.
pub(crate) fn run(
    args: StaffingArgs,
    lang: Lang,
    stdin: &mut dyn BufRead,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Failure> {
    match args.command {
        StaffingCommand::Plan {
            pool,
            units,
            weights,
            method,
            min,
            max,
            json,
            format,
        } => {
            let method: Method = method.parse().map_err(refused(lang))?;
            if let (Some(lo), Some(hi)) = (min, max) {
                if lo > hi {
                    return Err(Failure::input(match lang {
                        Lang::En => format!(
                            "--min {lo} is above --max {hi}: no unit can have at least {lo} and at most {hi} staff"
                        ),
                        Lang::Zh => format!(
                            "--min {lo} 大于 --max {hi}：没有单位能既不少于 {lo} 人又不多于 {hi} 人"
                        ),
                    }));
                }
            }
            // Every bad row is reported (up to --max-errors), then the
            // plan is refused: a plan over the rows that could be read
            // would share the pool among the wrong units.
            let mut bad = BadLines::new(lang);
            let mut written = Ok(());
            let text = if units.as_os_str() == "-" {
                read_stdin(stdin, lang)?
            } else {
                read(&units, lang)?
            };
            let table = Units::parse_csv_with(&text, &mut |e| {
                if written.is_ok() {
                    written = report_row(&mut bad, err, &units, &e, lang);
                }
            })
            .map_err(|e| Failure::input(format!("{}{}", in_file(&units), said(lang, &e))))?;
            written?;
            bad.finish(err)?;
            if bad.count() > 0 {
                let n = bad.count();
                return Err(Failure::input(format!(
                    "{}{n} {}",
                    in_file(&units),
                    match (lang, n) {
                        (Lang::En, 1) => "bad row: no plan",
                        (Lang::En, _) => "bad rows: no plan",
                        (Lang::Zh, _) => "行有误：不作方案",
                    }
                )));
            }
            if table.units.is_empty() {
                return Err(Failure::input(format!(
                    "{}{}",
                    in_file(&units),
                    lang.pick(
                        "no units: the file has a header but no rows",
                        "没有单位：文件只有表头，没有数据行"
                    )
                )));
            }
            let request = PlanRequest {
                pool,
                weights: parse_weights(&weights, lang)?,
                method,
                min,
                max,
                population: None,
            };
            let p = plan(&table, &request).map_err(refused(lang))?;
            let format = if json { Format::Json } else { format };
            match format {
                Format::Json => json_line(out, &p, lang)?,
                Format::Csv => {
                    writeln!(out, "code,before,after")?;
                    for u in &p.units {
                        writeln!(out, "{},{},{}", csv_field(&u.code), u.before, u.after)?;
                    }
                }
                Format::Table | Format::Md => {
                    let (code, before, after) = (
                        lang.pick("code", "单位"),
                        lang.pick("before", "调整前"),
                        lang.pick("after", "调整后"),
                    );
                    if format == Format::Md {
                        writeln!(out, "| {code} | {before} | {after} |\n|---|---:|---:|")?;
                    } else {
                        writeln!(out, "{code:<16} {before:>8} {after:>8}")?;
                    }
                    for u in &p.units {
                        if format == Format::Md {
                            writeln!(
                                out,
                                "| {} | {} | {} |",
                                u.code.replace('|', "\\|"),
                                u.before,
                                u.after
                            )?;
                        } else {
                            writeln!(out, "{:<16} {:>8} {:>8}", u.code, u.before, u.after)?;
                        }
                    }
                    writeln!(
                        out,
                        "{}: {} → {} ({} {}, {})",
                        lang.pick("total", "合计"),
                        p.total_before,
                        p.total,
                        lang.pick("pool", "增量"),
                        p.pool,
                        lang.pick(p.method.name(), p.method.zh())
                    )?;
                    writeln!(
                        out,
                        "{}: {:.4} → {:.4}{}{}: {:.4} → {:.4}",
                        lang.pick("coefficient of variation", "变异系数"),
                        p.cv_before,
                        p.cv,
                        lang.pick("; ", "；"),
                        lang.pick("Gini", "基尼系数"),
                        p.gini_before,
                        p.gini
                    )?;
                }
            }
            Ok(())
        }
        StaffingCommand::Erlang {
            arrivals,
            per,
            day_hours,
            aht_minutes,
            target_share,
            within_minutes,
            shrinkage,
            max_occupancy,
            abandon_minutes,
            json,
        } => {
            if !(day_hours.is_finite() && day_hours > 0.0 && day_hours <= 24.0) {
                return Err(Failure::input(match lang {
                    Lang::En => {
                        format!("invalid --day-hours {day_hours}: expected above 0 and at most 24")
                    }
                    Lang::Zh => format!("--day-hours {day_hours} 无效：应大于 0 且不超过 24"),
                }));
            }
            let interval = match per {
                Per::Hour => 60.0,
                Per::Day => day_hours * 60.0,
            };
            let w = Workload {
                transactions: arrivals,
                interval_minutes: interval,
                aht_minutes,
                within_minutes,
                shrinkage,
            };
            let r = match abandon_minutes {
                None => erlang_c(&w, target_share, max_occupancy),
                Some(p) => erlang_a(&w, target_share, max_occupancy, p),
            }
            .map_err(refused(lang))?;
            if json {
                return json_line(out, &r, lang);
            }
            writeln!(
                out,
                "{}: {} ({} {}; {} {:.4}, {} {:.4}, {} {:.4}{})",
                lang.pick("staff needed", "所需人员"),
                r.positions,
                r.raw_positions,
                lang.pick("at work", "在岗"),
                lang.pick("service level", "服务水平"),
                r.service_level,
                lang.pick("occupancy", "占用率"),
                r.occupancy,
                lang.pick("waiting probability", "等待概率"),
                r.waiting_probability,
                if abandon_minutes.is_some() {
                    format!(
                        ", {} {:.4}",
                        lang.pick("abandonment", "放弃率"),
                        r.abandonment
                    )
                } else {
                    String::new()
                }
            )?;
            Ok(())
        }
        StaffingCommand::Check { file, json } => {
            let ledger = load_ledger(&file, lang)?;
            let (_, findings) = ledger.compile();
            if json {
                json_line(out, &findings, lang)?;
            } else {
                // Errors are bad lines: at most --max-errors of them are
                // listed, then counted on standard error. Flags (what a
                // body did) are the report, and all listed.
                let mut bad = BadLines::new(lang);
                for f in &findings {
                    let sev = match f.severity {
                        Severity::Error => {
                            if !bad.admit() {
                                continue;
                            }
                            lang.pick("error", "错误")
                        }
                        Severity::Flag => lang.pick("flag", "提示"),
                    };
                    let message = match (lang, &f.message_zh) {
                        (Lang::Zh, Some(zh)) => zh,
                        _ => &f.message,
                    };
                    match f.line {
                        Some(l) => writeln!(out, "{}:{l}: {sev}: {message}", file.display())?,
                        None => writeln!(out, "{}: {sev}: {message}", file.display())?,
                    }
                }
                let errors = findings
                    .iter()
                    .filter(|f| f.severity == Severity::Error)
                    .count();
                writeln!(
                    out,
                    "{}: {errors}, {}: {}",
                    lang.pick("errors", "错误"),
                    lang.pick("flags", "提示"),
                    findings.len() - errors
                )?;
                bad.finish(err)?;
            }
            if findings.iter().any(|f| f.severity == Severity::Error) {
                return Err(Failure {
                    code: 1,
                    message: format!("{} {}", file.display(), lang.pick("has errors", "存在错误")),
                });
            }
            Ok(())
        }
        StaffingCommand::At {
            file,
            body,
            date,
            json,
        } => {
            let date = NaiveDate::parse_from_str(&date, "%Y-%m-%d").map_err(|_| {
                Failure::input(match lang {
                    Lang::En => format!("invalid --date {date:?}: expected a date YYYY-MM-DD"),
                    Lang::Zh => format!("--date {date:?} 无效：应为 YYYY-MM-DD 格式的日期"),
                })
            })?;
            let (ledger, findings) = load_ledger(&file, lang)?.compile();
            if let Some(f) = findings.iter().find(|f| f.severity == Severity::Error) {
                let message = match (lang, &f.message_zh) {
                    (Lang::Zh, Some(zh)) => zh,
                    _ => &f.message,
                };
                return Err(Failure {
                    code: 1,
                    message: format!(
                        "{}:{}: {message}",
                        file.display(),
                        f.line.map(|l| l.to_string()).unwrap_or_default(),
                    ),
                });
            }
            let s = ledger.at(&body, date).map_err(refused(lang))?;
            if json {
                return json_line(out, &s, lang);
            }
            let e = &s.establishment;
            // "baitaling 白塔岭街道 on 2019-06-01"; in Chinese the name
            // leads and the code follows in full-width brackets.
            let (code, name) = (&s.body.code, &s.body.name);
            match (lang, name.is_empty()) {
                (Lang::En, false) => writeln!(out, "{code} {name} on {}", s.date)?,
                (Lang::En, true) => writeln!(out, "{code} on {}", s.date)?,
                (Lang::Zh, false) => writeln!(out, "{name}（{code}）{}", s.date)?,
                (Lang::Zh, true) => writeln!(out, "{code} {}", s.date)?,
            }
            for kind in QuotaKind::ALL {
                let name = match lang {
                    Lang::En => kind.to_string(),
                    Lang::Zh => kind.zh().to_string(),
                };
                writeln!(
                    out,
                    "  {name}: {} {}, {} {}, {} {}, {} {}",
                    lang.pick("quotas", "编制"),
                    e.quotas.get(kind),
                    lang.pick("headcount", "实有"),
                    e.headcount.get(kind),
                    lang.pick("vacant", "空编"),
                    e.vacancies(kind),
                    lang.pick("over", "超编"),
                    e.over_establishment(kind)
                )?;
            }
            for (rank, p) in &e.posts {
                writeln!(
                    out,
                    "  {rank}: {} {}, {} {}",
                    lang.pick("posts", "职数"),
                    p.limit,
                    lang.pick("held", "实配"),
                    p.filled
                )?;
            }
            writeln!(out, "{}:", lang.pick("instruments", "依据文件"))?;
            for ev in &s.events {
                let with = ev
                    .to
                    .as_deref()
                    .map(|t| format!(" → {t}"))
                    .unwrap_or_default();
                let what = ev
                    .quota
                    .map(|q| lang.pick(&q.to_string(), q.zh()).to_owned())
                    .or_else(|| ev.rank.clone())
                    .unwrap_or_default();
                writeln!(
                    out,
                    "  {} {} {}{with} {} {what}{}{}",
                    ev.date,
                    lang.pick(ev.kind.name(), ev.kind.zh()),
                    ev.body,
                    ev.count,
                    lang.pick(": ", "："),
                    ev.instrument
                )?;
            }
            Ok(())
        }
        StaffingCommand::Synth {
            seed,
            units,
            pool,
            average,
        } => {
            // The provincial figure: staff before = units × average − pool.
            let before = u64::try_from(units)
                .ok()
                .and_then(|n| n.checked_mul(average))
                .and_then(|t| t.checked_sub(pool))
                .ok_or_else(|| {
                    Failure::input(match lang {
                        Lang::En => format!(
                            "--units {units} × --average {average} is below --pool {pool} \
                             (or too large): no staff before the plan"
                        ),
                        Lang::Zh => format!(
                            "--units {units} × --average {average} 小于 --pool {pool}\
                             （或过大）：方案前没有人员"
                        ),
                    })
                })?;
            let table =
                jiceng::staffing::synth::province(seed, units, before).map_err(refused(lang))?;
            out.write_all(table.to_csv().as_bytes())?;
            Ok(())
        }
        StaffingCommand::Schema { part } => {
            let schema = match part {
                SchemaPart::Ledger => jiceng::staffing::ledger_schema(),
                SchemaPart::Plan => jiceng::staffing::plan_schema(),
                SchemaPart::Erlang => jiceng::staffing::requirement_schema(),
                SchemaPart::At => jiceng::staffing::snapshot_schema(),
            };
            writeln!(out, "{schema}")?;
            Ok(())
        }
    }
}

/// Reports one bad row of a units file through `bad` as `FILE:LINE:
/// MESSAGE`, in the language of the run.
fn report_row(
    bad: &mut BadLines,
    err: &mut dyn Write,
    file: &Path,
    e: &Error,
    lang: Lang,
) -> std::io::Result<()> {
    match e {
        Error::Parse {
            line: Some(l),
            message,
        } => {
            let message = match lang {
                Lang::En => message.clone(),
                Lang::Zh => Error::Parse {
                    line: None,
                    message: message.clone(),
                }
                .zh(),
            };
            bad.report(err, format_args!("{}:{l}", file.display()), message)
        }
        e => bad.report(err, file.display(), said(lang, e)),
    }
}

/// Quotes a CSV field when it holds a comma, a quote or a line break.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
