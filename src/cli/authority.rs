//! `jiceng authority …`: the ledger of powers.

use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};
use jiceng::authority::{
    BodyRef, Cause, CheckOptions, Entry, InstrumentKind, InstrumentRef, Ledger, Severity, Step,
    synth,
};
use serde::Serialize;

use super::{Failure, Lang, lang};

mod duties;

#[derive(Debug, Args)]
pub(crate) struct AuthorityArgs {
    #[command(subcommand)]
    command: AuthorityCommand,
}

/// How a listing is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
enum Format {
    /// Aligned columns.
    #[default]
    Table,
    /// Comma-separated values with a header row.
    Csv,
    /// One JSON array.
    Json,
    /// A Markdown table.
    Md,
}

/// What `list` lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum What {
    /// Power items.
    Items,
    /// Divisions.
    Divisions,
    /// Bodies.
    Bodies,
}

#[derive(Debug, Subcommand)]
enum AuthorityCommand {
    /// Check a ledger: print every finding (severity, location, message),
    /// then a one-line count. Exit status 0 without errors, 1 with errors,
    /// 2 when unreadable.
    Check {
        /// The ledger file (TOML or JSON); the bundled Hebei sample if absent.
        ledger: Option<PathBuf>,
        /// The date of the check, for evaluations overdue (Art. 24).
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Days between the evaluations a devolution needs.
        #[arg(long, default_value_t = 365, value_name = "DAYS")]
        evaluation_interval: u32,
        /// Print the findings as one JSON array.
        #[arg(long)]
        json: bool,
    },
    /// Print who holds an item in a division on a date.
    Holder {
        /// The ledger file; the bundled Hebei sample if absent.
        #[arg(long)]
        ledger: Option<PathBuf>,
        /// The item's code.
        #[arg(long)]
        item: String,
        /// The division's code (12 digits, or 6 for a county).
        #[arg(long)]
        division: String,
        /// The date, YYYY-MM-DD.
        #[arg(long)]
        date: String,
        /// Print the chain of instruments.
        #[arg(long)]
        explain: bool,
        /// Print JSON: `holder` (`code`, `name`), `exercised_by`, `explanation`.
        #[arg(long)]
        json: bool,
    },
    /// Print a township's list of powers and duties (权责清单) on a date.
    Powers {
        /// The ledger file; the bundled Hebei sample if absent.
        #[arg(long)]
        ledger: Option<PathBuf>,
        /// The township's, subdistrict's or village's code.
        #[arg(long)]
        division: String,
        /// The date, YYYY-MM-DD.
        #[arg(long)]
        date: String,
        /// How to print the list.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Print every change of holder of an item in a division, with its
    /// instrument.
    Timeline {
        /// The ledger file; the bundled Hebei sample if absent.
        #[arg(long)]
        ledger: Option<PathBuf>,
        /// The item's code.
        #[arg(long)]
        item: String,
        /// The division's code.
        #[arg(long)]
        division: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// List the items, divisions or bodies of a ledger, to find codes.
    List {
        /// What to list.
        #[arg(value_enum)]
        what: What,
        /// The ledger file; the bundled Hebei sample if absent.
        #[arg(long)]
        ledger: Option<PathBuf>,
        /// Only entries whose code or name contains this text.
        #[arg(long)]
        filter: Option<String>,
        /// How to print the list.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Print what changed between two dates (or two ledgers).
    Diff {
        /// The ledger file; the bundled Hebei sample if absent.
        #[arg(long)]
        ledger: Option<PathBuf>,
        /// Compare with this ledger instead of the same one.
        #[arg(long, value_name = "LEDGER")]
        against: Option<PathBuf>,
        /// The first date.
        #[arg(long)]
        from: String,
        /// The second date.
        #[arg(long)]
        to: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print counts on a date: items devolved and entrusted by county,
    /// category, sector.
    Stats {
        /// The ledger file; the bundled Hebei sample if absent.
        #[arg(long)]
        ledger: Option<PathBuf>,
        /// The date.
        #[arg(long)]
        date: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print a township's duty list (职责清单) on a date: each duty's kind,
    /// who leads and who cooperates, and the power items it needs with their
    /// holder that day.
    Duties {
        /// The ledger file; the bundled Hebei sample if absent.
        #[arg(long)]
        ledger: Option<PathBuf>,
        /// The township's or subdistrict's code; a village's or
        /// community's stands for its township.
        #[arg(long)]
        division: String,
        /// The date, YYYY-MM-DD.
        #[arg(long)]
        date: String,
        /// Print the differences from the province template instead.
        #[arg(long)]
        diff: bool,
        /// How to print the list.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Print a township's duties without power (有责无权) on a date: the
    /// question a county asks before it devolves. Exit status 1 when there
    /// are any.
    Gaps {
        /// The ledger file; the bundled Hebei sample if absent.
        #[arg(long)]
        ledger: Option<PathBuf>,
        /// The township's or subdistrict's code; a village's or
        /// community's stands for its township.
        #[arg(long)]
        division: String,
        /// The date, YYYY-MM-DD.
        #[arg(long)]
        date: String,
        /// Print the findings as one JSON array.
        #[arg(long)]
        json: bool,
    },
    /// Print, per township, the assessment items and pledges (考核事项、
    /// 责任状) in force on a date: how many assess a duty on its list.
    Assessments {
        /// The ledger file; the bundled Hebei sample if absent.
        #[arg(long)]
        ledger: Option<PathBuf>,
        /// The date, YYYY-MM-DD.
        #[arg(long)]
        date: String,
        /// How to print the report.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Write a synthetic province-scale ledger (JSON) to standard output.
    Synth {
        /// The random seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Townships (0 to 100,000).
        #[arg(long, default_value_t = 2300)]
        townships: u32,
        /// Villages (0 to 2,000,000).
        #[arg(long, default_value_t = 50_000)]
        villages: u32,
        /// Power items (0 to 10,000).
        #[arg(long, default_value_t = 300)]
        items: u32,
        /// Instruments (0 to 2,000,000).
        #[arg(long, default_value_t = 10_000)]
        instruments: u32,
    },
}

fn load(path: Option<&PathBuf>) -> Result<Ledger, Failure> {
    match path {
        None => Ok(Ledger::hebei_sample()),
        Some(p) => {
            let text =
                std::fs::read_to_string(p).map_err(|e| Failure::input(lang::cannot_read(p, &e)))?;
            Ledger::from_string(text, &p.display().to_string()).map_err(lang::refused)
        }
    }
}

fn date(s: &str, field: &str) -> Result<NaiveDate, Failure> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| lang::bad_date(field, s))
}

fn json<T: Serialize>(out: &mut dyn Write, value: &T) -> Result<(), Failure> {
    let text = serde_json::to_string(value).map_err(|e| Failure::input(e.to_string()))?;
    writeln!(out, "{text}")?;
    Ok(())
}

/// The kind of an instrument, in the chosen language.
fn kind_label(kind: InstrumentKind, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => kind.zh(),
        Lang::En => match kind {
            InstrumentKind::GuidanceList => "guidance list",
            InstrumentKind::Devolution => "devolution",
            InstrumentKind::Revocation => "revocation",
            InstrumentKind::Concentration => "concentration",
            InstrumentKind::Entrustment => "entrustment",
            InstrumentKind::Evaluation => "evaluation",
        },
    }
}

/// An instrument as a clerk cites it: document number, title, dates.
fn cite(ins: &InstrumentRef, lang: Lang) -> String {
    let doc = ins
        .document
        .as_deref()
        .unwrap_or(lang.pick("(no document number)", "（无文号）"));
    // `effective_until` is the first day no longer in force; a clerk reads
    // "until" as the last day in force, so the last day is named instead.
    let until = ins
        .effective_until
        .map(|u| match u.pred_opt() {
            Some(last) => lang
                .pick(
                    " to {last} inclusive (no longer in force from {u})",
                    " 起至 {last} 止（{u} 起不再施行）",
                )
                .replace("{last}", &last.to_string())
                .replace("{u}", &u.to_string()),
            None => lang
                .pick(" (no longer in force from {u})", "（{u} 起不再施行）")
                .replace("{u}", &u.to_string()),
        })
        .unwrap_or_default();
    format!(
        "{doc} {}, {}{}{until}",
        ins.title,
        lang.pick("in force from ", "自 "),
        ins.effective_from
    )
}

fn step_line(s: &Step, lang: Lang) -> String {
    let mut line = match &s.instrument {
        None => lang.pick("by law", "依法律规定").to_owned(),
        Some(ins) => match (ins.kind, lang) {
            (InstrumentKind::Concentration, Lang::En) => {
                "concentrated in the comprehensive enforcement bureau (划转)".to_owned()
            }
            (InstrumentKind::Concentration, Lang::Zh) => "划转至综合行政执法局".to_owned(),
            (InstrumentKind::Devolution, Lang::En) => "devolved to the township (下放)".to_owned(),
            (InstrumentKind::Devolution, Lang::Zh) => "下放至乡镇（街道）".to_owned(),
            (InstrumentKind::Entrustment, Lang::En) => {
                "entrusted to the township, exercised in the entrusting body's name (委托)"
                    .to_owned()
            }
            (InstrumentKind::Entrustment, Lang::Zh) => {
                "委托乡镇（街道）以委托机关名义实施".to_owned()
            }
            (k, _) => kind_label(k, lang).to_owned(),
        },
    };
    line.push_str(&format!(" -> {}", s.holder.name));
    if let Some(ins) = &s.instrument {
        line.push_str(&format!(" [{}]", cite(ins, lang)));
    }
    if let Some(g) = &s.allowed_by {
        line.push_str(&format!(
            " [{} {}]",
            lang.pick("allowed by guidance list", "依据指导目录"),
            cite(g, lang)
        ));
    }
    for b in &s.basis {
        line.push_str(&format!(" [{b}]"));
    }
    line
}

fn body(b: Option<&BodyRef>) -> String {
    b.map_or_else(String::new, |b| format!("{} {}", b.code, b.name))
}

/// Columns a cell takes in a terminal: one for an ASCII character, two for
/// any other (the CJK text these tables hold).
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| if c.is_ascii() { 1 } else { 2 })
        .sum::<usize>()
}

/// Prints rows as a table, CSV or Markdown (JSON is printed by the caller).
fn rows(
    out: &mut dyn Write,
    format: Format,
    header: &[&str],
    rows: &[Vec<String>],
) -> Result<(), Failure> {
    match format {
        Format::Csv => {
            let esc = |s: &str| {
                if s.contains([',', '"', '\n']) {
                    format!("\"{}\"", s.replace('"', "\"\""))
                } else {
                    s.to_owned()
                }
            };
            writeln!(
                out,
                "{}",
                header.iter().map(|h| esc(h)).collect::<Vec<_>>().join(",")
            )?;
            for r in rows {
                writeln!(
                    out,
                    "{}",
                    r.iter().map(|c| esc(c)).collect::<Vec<_>>().join(",")
                )?;
            }
        }
        Format::Md => {
            let esc = |s: &str| s.replace('|', "\\|");
            writeln!(out, "| {} |", header.join(" | "))?;
            writeln!(out, "|{}", "---|".repeat(header.len()))?;
            for r in rows {
                writeln!(
                    out,
                    "| {} |",
                    r.iter().map(|c| esc(c)).collect::<Vec<_>>().join(" | ")
                )?;
            }
        }
        Format::Table | Format::Json => {
            let mut w: Vec<usize> = header.iter().map(|h| width(h)).collect();
            for r in rows {
                for (k, c) in r.iter().enumerate() {
                    if let Some(x) = w.get_mut(k) {
                        *x = (*x).max(width(c));
                    }
                }
            }
            let line = |cells: Vec<&str>| {
                let mut s = String::new();
                for (k, c) in cells.iter().enumerate() {
                    s.push_str(c);
                    if k + 1 < cells.len() {
                        s.push_str(&" ".repeat(w[k] - width(c) + 2));
                    }
                }
                s
            };
            writeln!(out, "{}", line(header.to_vec()))?;
            for r in rows {
                writeln!(out, "{}", line(r.iter().map(String::as_str).collect()))?;
            }
        }
    }
    Ok(())
}

pub(crate) fn run(args: AuthorityArgs, lang: Lang, out: &mut dyn Write) -> Result<(), Failure> {
    match args.command {
        AuthorityCommand::Duties {
            ledger,
            division,
            date,
            diff,
            format,
        } => duties::duties(ledger, &division, &date, diff, format, lang, out),
        AuthorityCommand::Gaps {
            ledger,
            division,
            date,
            json,
        } => duties::gaps(ledger, &division, &date, json, lang, out),
        AuthorityCommand::Assessments {
            ledger,
            date,
            format,
        } => duties::assessments(ledger, &date, format, lang, out),
        AuthorityCommand::Check {
            ledger,
            as_of,
            evaluation_interval,
            json: as_json,
        } => {
            let opts = CheckOptions {
                as_of: as_of.as_deref().map(|d| date(d, "--as-of")).transpose()?,
                evaluation_interval_days: evaluation_interval,
            };
            let ledger = load(ledger.as_ref())?;
            let findings = ledger.check(&opts);
            let errors = findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .count();
            let warnings = findings.len() - errors;
            if as_json {
                json(out, &findings)?;
            } else {
                for f in &findings {
                    match lang {
                        Lang::En => writeln!(out, "{f}")?,
                        Lang::Zh => writeln!(out, "{}", f.zh())?,
                    }
                }
                let (items, instruments) = (ledger.items().len(), ledger.instruments().len());
                match lang {
                    Lang::En => writeln!(
                        out,
                        "{errors} error{}, {warnings} warning{} in {items} item{} and {instruments} instrument{}",
                        if errors == 1 { "" } else { "s" },
                        if warnings == 1 { "" } else { "s" },
                        if items == 1 { "" } else { "s" },
                        if instruments == 1 { "" } else { "s" },
                    )?,
                    Lang::Zh => writeln!(
                        out,
                        "{errors} 个错误，{warnings} 个警告（{items} 个事项，{instruments} 份文件）"
                    )?,
                }
            }
            if errors > 0 {
                return Err(Failure {
                    code: 1,
                    message: match lang {
                        Lang::En => format!(
                            "{errors} error{} in {}",
                            if errors == 1 { "" } else { "s" },
                            ledger.source().origin
                        ),
                        Lang::Zh => format!("{} 中有 {errors} 个错误", ledger.source().origin),
                    },
                });
            }
            Ok(())
        }
        AuthorityCommand::Holder {
            ledger,
            item,
            division,
            date: d,
            explain,
            json: as_json,
        } => {
            let d = date(&d, "--date")?;
            let ledger = load(ledger.as_ref())?;
            let h = ledger.holder(&item, &division, d).map_err(lang::refused)?;
            if as_json {
                return json(out, &h);
            }
            writeln!(out, "{} {}", h.holder.code, h.holder.name)?;
            if explain {
                if let Some(by) = &h.exercised_by {
                    writeln!(
                        out,
                        "  {} {} {}",
                        lang.pick("exercised by", "实施主体"),
                        by.code,
                        by.name
                    )?;
                }
                for (i, s) in h.explanation.iter().enumerate() {
                    writeln!(out, "  {}. {}", i + 1, step_line(s, lang))?;
                }
            }
            Ok(())
        }
        AuthorityCommand::Powers {
            ledger,
            division,
            date: d,
            format,
        } => {
            let d = date(&d, "--date")?;
            let code = division
                .parse()
                .map_err(|e| lang::bad_division("--division", &division, &e))?;
            let ledger = load(ledger.as_ref())?;
            let list = ledger.powers(code, d).map_err(lang::refused)?;
            if format == Format::Json {
                return json(out, &list);
            }
            if list.is_empty() && format == Format::Table {
                writeln!(
                    out,
                    "{}",
                    match lang {
                        Lang::En => format!("no powers devolved to or held by {division} on {d}"),
                        Lang::Zh => format!("{d} {division} 无下放、委托或依法承担的事项"),
                    }
                )?;
                return Ok(());
            }
            let header = match lang {
                Lang::En => [
                    "item",
                    "name",
                    "category",
                    "sector",
                    "legal basis",
                    "holder",
                    "exercised by",
                    "instrument",
                ],
                Lang::Zh => [
                    "事项编码",
                    "事项名称",
                    "类别",
                    "行业",
                    "法律依据",
                    "权力主体",
                    "实施主体",
                    "依据文件",
                ],
            };
            let table: Vec<Vec<String>> = list
                .iter()
                .map(|p| {
                    vec![
                        p.item.clone(),
                        p.name.clone(),
                        match lang {
                            Lang::En => p.category.to_string(),
                            Lang::Zh => p.category.zh().to_owned(),
                        },
                        p.sector.clone(),
                        p.basis
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join("; "),
                        body(Some(&p.holder)),
                        body(p.exercised_by.as_ref()),
                        p.instrument.as_ref().map_or_else(
                            || lang.pick("by law", "法定").to_owned(),
                            |i| {
                                format!("{} {}", i.id, i.document.as_deref().unwrap_or(""))
                                    .trim()
                                    .to_owned()
                            },
                        ),
                    ]
                })
                .collect();
            rows(out, format, &header, &table)
        }
        AuthorityCommand::Timeline {
            ledger,
            item,
            division,
            json: as_json,
        } => {
            let ledger = load(ledger.as_ref())?;
            let periods = ledger.timeline(&item, &division).map_err(lang::refused)?;
            if as_json {
                return json(out, &periods);
            }
            // `until` is the first day of the next stretch; a clerk reads
            // "to" as the last day, so the text names the day before (the
            // JSON keeps `until`).
            let (from_head, to_head, rest_head) = match lang {
                Lang::En => ("from", "to (inclusive)", "holder, instrument"),
                Lang::Zh => ("起始日", "截止日（含）", "持有者、依据文件"),
            };
            let statute = lang.pick("(statute)", "（法定）");
            let w1 = width(from_head).max(width(statute)).max(10);
            let w2 = width(to_head).max(10);
            let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(width(s))));
            writeln!(
                out,
                "{}  {}  {rest_head}",
                pad(from_head, w1),
                pad(to_head, w2)
            )?;
            for p in &periods {
                let from = p.from.map_or_else(|| statute.to_owned(), |d| d.to_string());
                let last = p
                    .until
                    .map_or_else(String::new, |d| d.pred_opt().unwrap_or(d).to_string());
                let mut line = format!(
                    "{}  {}  {} {}",
                    pad(&from, w1),
                    pad(&last, w2),
                    p.holder.code,
                    p.holder.name
                );
                if let Some(by) = &p.exercised_by {
                    line.push_str(&format!(
                        " ({} {})",
                        lang.pick("exercised by", "实施主体"),
                        by.name
                    ));
                }
                match &p.instrument {
                    Some(ins) => line.push_str(&format!(
                        "  {} {} [{}]",
                        kind_label(ins.kind, lang),
                        ins.id,
                        cite(ins, lang)
                    )),
                    None => line.push_str(&format!("  {}", lang.pick("by law", "依法律规定"))),
                }
                // The change's own instrument, where it is not the one the
                // holder holds by: a revocation, or a term that ended.
                let own = p.instrument.as_ref().map(|i| i.id.as_str());
                match (p.change, &p.changed_by) {
                    (Some(Cause::TermEnded), Some(ins)) => line.push_str(&format!(
                        "; {} {} {} [{}]",
                        lang.pick("term ended:", "期满:"),
                        kind_label(ins.kind, lang),
                        ins.id,
                        cite(ins, lang)
                    )),
                    (Some(_), Some(ins)) if Some(ins.id.as_str()) != own => {
                        line.push_str(&format!(
                            "; {} {} {} [{}]",
                            lang.pick("changed by", "变更依据"),
                            kind_label(ins.kind, lang),
                            ins.id,
                            cite(ins, lang)
                        ));
                    }
                    _ => {}
                }
                writeln!(out, "{line}")?;
            }
            Ok(())
        }
        AuthorityCommand::List {
            what,
            ledger,
            filter,
            format,
        } => {
            let ledger = load(ledger.as_ref())?;
            let keep = |code: &str, name: &str| {
                filter
                    .as_deref()
                    .is_none_or(|f| code.contains(f) || name.contains(f))
            };
            #[derive(Serialize)]
            struct Row<'a> {
                code: String,
                name: &'a str,
                kind: String,
                #[serde(skip_serializing_if = "Option::is_none")]
                detail: Option<String>,
                /// The kind as the table prints it in the chosen language;
                /// the JSON keeps `kind` the same in both.
                #[serde(skip)]
                label: &'static str,
            }
            let list: Vec<Row<'_>> = match what {
                What::Items => ledger
                    .items()
                    .iter()
                    .filter(|i| keep(&i.code, &i.name))
                    .map(|i| Row {
                        code: i.code.clone(),
                        name: &i.name,
                        kind: i.category.to_string(),
                        label: i.category.zh(),
                        detail: Some(i.sector.to_string()),
                    })
                    .collect(),
                What::Divisions => ledger
                    .registry()
                    .divisions()
                    .iter()
                    .filter(|d| keep(&d.code.to_string(), &d.name))
                    .map(|d| Row {
                        code: d.code.to_string(),
                        name: &d.name,
                        kind: d.kind.to_string(),
                        label: d.kind.zh(),
                        detail: (!d.tags.is_empty()).then(|| d.tags.join(" ")),
                    })
                    .collect(),
                What::Bodies => ledger
                    .registry()
                    .bodies()
                    .iter()
                    .filter(|b| keep(&b.code, &b.name))
                    .map(|b| Row {
                        code: b.code.clone(),
                        name: &b.name,
                        kind: b.kind.to_string(),
                        label: b.kind.zh(),
                        detail: Some(b.division.to_string()),
                    })
                    .collect(),
            };
            if format == Format::Json {
                return json(out, &list);
            }
            if list.is_empty() && format == Format::Table {
                writeln!(out, "{}", lang.pick("nothing matches", "没有匹配的条目"))?;
                return Ok(());
            }
            let header = match (what, lang) {
                (What::Items, Lang::En) => ["code", "name", "category", "sector"],
                (What::Items, Lang::Zh) => ["编码", "名称", "类别", "行业"],
                (What::Divisions, Lang::En) => ["code", "name", "kind", "tags"],
                (What::Divisions, Lang::Zh) => ["代码", "名称", "类型", "标签"],
                (What::Bodies, Lang::En) => ["code", "name", "kind", "division"],
                (What::Bodies, Lang::Zh) => ["编码", "名称", "类型", "所属区划"],
            };
            let table: Vec<Vec<String>> = list
                .iter()
                .map(|r| {
                    vec![
                        r.code.clone(),
                        r.name.to_owned(),
                        match lang {
                            Lang::En => r.kind.clone(),
                            Lang::Zh => r.label.to_owned(),
                        },
                        r.detail.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            rows(out, format, &header, &table)
        }
        AuthorityCommand::Diff {
            ledger,
            against,
            from,
            to,
            json: as_json,
        } => {
            let (from, to) = (date(&from, "--from")?, date(&to, "--to")?);
            let a = load(ledger.as_ref())?;
            let b = match &against {
                Some(p) => load(Some(p))?,
                None => a.clone(),
            };
            let diff = a.snapshot(from).diff(&b.snapshot(to));
            if as_json {
                return json(out, &diff);
            }
            let who = |e: &Option<Entry>| {
                e.as_ref().map_or_else(
                    || "-".to_owned(),
                    |e| match &e.exercised_by {
                        Some(by) => format!("{} ({} {by})", e.holder, lang.pick("by", "实施")),
                        None => e.holder.clone(),
                    },
                )
            };
            for c in &diff.changes {
                let kind = match (c.kind, lang) {
                    (jiceng::authority::ChangeKind::Added, Lang::En) => "added",
                    (jiceng::authority::ChangeKind::Removed, Lang::En) => "removed",
                    (jiceng::authority::ChangeKind::Moved, Lang::En) => "moved",
                    (jiceng::authority::ChangeKind::Added, Lang::Zh) => "新增",
                    (jiceng::authority::ChangeKind::Removed, Lang::Zh) => "移除",
                    (jiceng::authority::ChangeKind::Moved, Lang::Zh) => "变更",
                };
                writeln!(
                    out,
                    "{kind:<7} {} {} {} -> {}",
                    c.item,
                    c.division,
                    who(&c.before),
                    who(&c.after)
                )?;
            }
            if diff.changes.is_empty() {
                writeln!(out, "{}", lang.pick("no changes", "无变化"))?;
            }
            Ok(())
        }
        AuthorityCommand::Stats {
            ledger,
            date: d,
            json: as_json,
        } => {
            let d = date(&d, "--date")?;
            let ledger = load(ledger.as_ref())?;
            let stats = ledger.stats(d);
            if as_json {
                return json(out, &stats);
            }
            match lang {
                Lang::En => writeln!(
                    out,
                    "{} on {}: {} items, {} instruments in force, {} entrusted (item, township) pairs",
                    ledger.name(),
                    stats.date,
                    stats.items,
                    stats.instruments_in_force,
                    stats.entrusted
                )?,
                Lang::Zh => writeln!(
                    out,
                    "{} {}：{} 个事项，{} 份文件有效，委托 {} 项次",
                    ledger.name(),
                    stats.date,
                    stats.items,
                    stats.instruments_in_force,
                    stats.entrusted
                )?,
            }
            for (cat, n) in &stats.by_category {
                match lang {
                    Lang::En => writeln!(out, "  devolved {:<14} {n}", cat.to_string())?,
                    Lang::Zh => writeln!(out, "  下放 {} {n}", cat.zh())?,
                }
            }
            writeln!(
                out,
                "{}",
                lang.pick(
                    "county        townships  devolved  entrusted  per township  licensing/township  concentrated",
                    "县            乡镇数  下放  委托  乡镇平均  许可/乡镇  划转"
                )
            )?;
            for c in &stats.counties {
                writeln!(
                    out,
                    "{} {:<8} {:>4} {:>9} {:>10} {:>13.1} {:>19.1} {:>13}",
                    c.code.gb2260(),
                    c.name,
                    c.townships,
                    c.devolved,
                    c.entrusted,
                    c.average_per_township,
                    c.average_licensing_per_township,
                    c.concentrated
                )?;
            }
            Ok(())
        }
        AuthorityCommand::Synth {
            seed,
            townships,
            villages,
            items,
            instruments,
        } => {
            let params = synth::SynthParams {
                seed,
                townships,
                villages,
                items,
                instruments,
                ..synth::SynthParams::default()
            };
            let file = synth::try_province(&params).map_err(|e| match e {
                jiceng::authority::Error::InvalidParameter {
                    name,
                    value,
                    least,
                    most,
                } => Failure::input(match lang {
                    Lang::En => format!(
                        "--{name} {value} is out of range: it must be from {least} to {most}"
                    ),
                    Lang::Zh => format!("--{name} {value} 超出范围：应为 {least} 到 {most}"),
                }),
                e => lang::refused(e),
            })?;
            writeln!(out, "{}", file.to_json_string())?;
            Ok(())
        }
    }
}
