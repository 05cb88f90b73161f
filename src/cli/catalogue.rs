//! `jiceng approvals items | guide | catalogue …`: the service item
//! catalogue (实施清单).

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};
use jiceng::approvals::{
    Catalogue, CatalogueFinding, Channel, Handling, Item, channel_zh, check_catalogue_on,
    handling_zh, period_zh,
};
use jiceng::authority::{Ledger, PowerCategory};
use serde::Serialize;

use super::{Failure, Lang};

/// How a listing is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ListFormat {
    /// Tab-separated columns.
    Table,
    /// Comma-separated values with a header.
    Csv,
    /// One JSON array.
    Json,
    /// A Markdown table.
    Md,
}

/// How a guide is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum GuideFormat {
    /// Markdown, in Chinese.
    Md,
    /// JSON.
    Json,
}

/// A channel as the command line names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ChannelArg {
    /// At a counter.
    Counter,
    /// Online.
    Online,
    /// By proxy at a village station.
    VillageProxy,
}

impl From<ChannelArg> for Channel {
    fn from(c: ChannelArg) -> Channel {
        match c {
            ChannelArg::Counter => Channel::Counter,
            ChannelArg::Online => Channel::Online,
            ChannelArg::VillageProxy => Channel::VillageProxy,
        }
    }
}

/// `approvals items`.
#[derive(Debug, Args)]
pub(crate) struct ItemsArgs {
    /// The place (12-digit division code).
    #[arg(long)]
    division: String,
    /// The day.
    #[arg(long)]
    date: String,
    /// Only items of this category (许可, 给付, licensing, payment, …).
    #[arg(long)]
    category: Option<String>,
    /// Only items taken through this channel.
    #[arg(long, value_enum)]
    channel: Option<ChannelArg>,
    /// The catalogue file (TOML or JSON); the bundled Suning sample if
    /// absent.
    #[arg(long)]
    catalogue: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: ListFormat,
}

/// `approvals guide`.
#[derive(Debug, Args)]
pub(crate) struct GuideArgs {
    /// The service item's code.
    #[arg(long)]
    item: String,
    /// The place (12-digit division code).
    #[arg(long)]
    division: String,
    /// The day.
    #[arg(long)]
    date: String,
    /// The catalogue file; the bundled Suning sample if absent.
    #[arg(long)]
    catalogue: Option<PathBuf>,
    /// The authority ledger that names the deciding body; the bundled
    /// Hebei sample if absent.
    #[arg(long)]
    ledger: Option<PathBuf>,
    /// Output format: the guide is in Chinese, as published to citizens.
    #[arg(long, value_enum, default_value = "md")]
    format: GuideFormat,
}

/// `approvals catalogue …`.
#[derive(Debug, Subcommand)]
pub(crate) enum CatalogueCommand {
    /// Check a catalogue: each finding with its line. Exit 1 on findings.
    Check {
        /// The catalogue file (TOML or JSON); the bundled Suning sample if
        /// absent.
        file: Option<PathBuf>,
        /// The authority ledger to check powers against; the bundled Hebei
        /// sample if absent.
        #[arg(long)]
        ledger: Option<PathBuf>,
        /// Print JSON: an array of findings.
        #[arg(long)]
        json: bool,
    },
    /// The differences between two places, or one place on two days.
    Diff {
        /// The first place.
        #[arg(long)]
        division: String,
        /// The first day.
        #[arg(long)]
        date: String,
        /// The second place (the first if absent).
        #[arg(long)]
        against: Option<String>,
        /// The second day (the first if absent).
        #[arg(long)]
        against_date: Option<String>,
        /// The catalogue file; the bundled Suning sample if absent.
        #[arg(long)]
        catalogue: Option<PathBuf>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

fn date(s: &str, field: &str) -> Result<NaiveDate, Failure> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| super::lang::bad_date(field, s))
}

fn division(s: &str, field: &str) -> Result<jiceng::org::DivisionCode, Failure> {
    s.parse()
        .map_err(|e| Failure::input(format!("invalid {field} {s:?}: {e}")))
}

/// A catalogue read from `path` (exit 2 when it cannot be read or parsed).
pub(crate) fn read(path: &Path) -> Result<Catalogue, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::input(super::lang::cannot_read(path, &e)))?;
    Catalogue::from_str_auto(&text, &path.display().to_string()).map_err(Failure::input)
}

/// Runs `f` on the catalogue at `path`, or on the bundled one.
fn with<T>(
    path: Option<&PathBuf>,
    f: impl FnOnce(&Catalogue) -> Result<T, Failure>,
) -> Result<T, Failure> {
    match path {
        Some(p) => f(&read(p)?),
        None => f(Catalogue::suning_sample()),
    }
}

fn json<T: Serialize>(out: &mut dyn Write, value: &T) -> Result<(), Failure> {
    let text = serde_json::to_string(value).map_err(|e| Failure::input(e.to_string()))?;
    writeln!(out, "{text}")?;
    Ok(())
}

fn category(s: &str) -> Result<PowerCategory, Failure> {
    serde_json::from_value(serde_json::Value::String(s.to_owned())).map_err(|_| {
        Failure::input(format!(
            "invalid --category {s:?}: expected 许可, 给付, licensing, payment, …"
        ))
    })
}

/// A CSV field, quoted when it needs to be.
fn csv(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

fn row(i: &Item, lang: Lang) -> [String; 7] {
    let channels = i
        .channels
        .iter()
        .map(|c| match lang {
            Lang::En => c.to_string(),
            Lang::Zh => channel_zh(*c).to_owned(),
        })
        .collect::<Vec<_>>()
        .join(" ");
    let handling = match (lang, i.handling) {
        (Lang::Zh, h) => handling_zh(h),
        (Lang::En, Handling::OnTheSpot) => "on_the_spot",
        (Lang::En, Handling::Promised) => "promised",
    };
    let p = |p: jiceng::calendar::Period| match lang {
        Lang::En => p.to_string(),
        Lang::Zh => period_zh(p),
    };
    [
        i.code.clone(),
        i.name.clone(),
        handling.to_owned(),
        p(i.statutory),
        i.promised.map_or_else(|| "-".to_owned(), p),
        channels,
        i.deciding_body.clone(),
    ]
}

pub(crate) fn items(a: ItemsArgs, lang: Lang, out: &mut dyn Write) -> Result<(), Failure> {
    let div = division(&a.division, "--division")?;
    let day = date(&a.date, "--date")?;
    let cat = a.category.as_deref().map(category).transpose()?;
    with(a.catalogue.as_ref(), |c| {
        let list = c.offered(div, day, cat, a.channel.map(Channel::from));
        let head = [
            lang.pick("code", "事项编码"),
            lang.pick("name", "事项名称"),
            lang.pick("handling", "办件类型"),
            lang.pick("statutory", "法定时限"),
            lang.pick("promised", "承诺时限"),
            lang.pick("channels", "办理渠道"),
            lang.pick("deciding body", "决定机关"),
        ];
        // Nothing offered is said in one line (issue 7), except in JSON
        // (an empty list) and CSV (the header alone, for a program).
        if list.is_empty() && matches!(a.format, ListFormat::Table | ListFormat::Md) {
            let filtered = cat.is_some() || a.channel.is_some();
            match lang {
                Lang::En => writeln!(
                    out,
                    "nothing offered in {div} on {day}{}",
                    if filtered {
                        " in that category and channel"
                    } else {
                        ""
                    }
                )?,
                Lang::Zh => writeln!(
                    out,
                    "{div} 在 {day} {}未提供任何事项",
                    if filtered {
                        "按所选类别和渠道"
                    } else {
                        ""
                    }
                )?,
            }
            return Ok(());
        }
        match a.format {
            ListFormat::Json => json(out, &list)?,
            ListFormat::Table => {
                writeln!(out, "{}", head.join("\t"))?;
                for i in &list {
                    writeln!(out, "{}", row(i, lang).join("\t"))?;
                }
            }
            ListFormat::Csv => {
                writeln!(out, "{}", head.join(","))?;
                for i in &list {
                    let r: Vec<String> = row(i, lang).iter().map(|s| csv(s)).collect();
                    writeln!(out, "{}", r.join(","))?;
                }
            }
            ListFormat::Md => {
                writeln!(out, "| {} |", head.join(" | "))?;
                writeln!(out, "|{}", "---|".repeat(head.len()))?;
                for i in &list {
                    let r: Vec<String> = row(i, lang)
                        .iter()
                        .map(|s| s.replace('|', "｜").replace(['\n', '\r'], " "))
                        .collect();
                    writeln!(out, "| {} |", r.join(" | "))?;
                }
            }
        }
        Ok(())
    })
}

pub(crate) fn guide(a: GuideArgs, out: &mut dyn Write) -> Result<(), Failure> {
    // A malformed place is bad input (exit 2), in the words `items` uses,
    // not an item "not offered" there (exit 1).
    division(&a.division, "--division")?;
    let day = date(&a.date, "--date")?;
    let ledger = load_ledger(a.ledger.as_ref())?;
    with(a.catalogue.as_ref(), |c| {
        let mut g = c.guide(&a.division, &a.item, day).map_err(|e| Failure {
            code: 1,
            message: e.to_string(),
        })?;
        g.deciding_body_name = ledger
            .registry()
            .body(&g.item.deciding_body)
            .map(|b| b.name.clone());
        match a.format {
            GuideFormat::Md => write!(out, "{}", g.markdown())?,
            GuideFormat::Json => json(out, &g)?,
        }
        Ok(())
    })
}

fn load_ledger(path: Option<&PathBuf>) -> Result<Ledger, Failure> {
    match path {
        None => Ok(Ledger::hebei_sample()),
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .map_err(|e| Failure::input(super::lang::cannot_read(p, &e)))?;
            Ledger::from_text(&text, &p.display().to_string()).map_err(Failure::input)
        }
    }
}

/// The Chinese name of a field `catalogue diff` compares.
fn field_zh(field: &str) -> &str {
    match field {
        "handling" => "办件类型",
        "statutory" => "法定时限",
        "promised" => "承诺时限",
        "extension_allowed" => "可否延长",
        "channels" => "办理渠道",
        "proxy" => "村级代办",
        "fees" => "收费",
        "materials" => "材料数",
        other => other,
    }
}

/// A compared value as `catalogue diff` prints it: under `zh`, a period
/// in words (`7个工作日`) and yes or no as 是 / 否; other values (already
/// in Chinese, or counts) as they are.
fn value<'a>(field: &str, v: &'a str, lang: Lang) -> std::borrow::Cow<'a, str> {
    if lang == Lang::Zh {
        if matches!(field, "statutory" | "promised") {
            if let Ok(p) = v.parse::<jiceng::calendar::Period>() {
                return period_zh(p).into();
            }
        }
        match v {
            "true" => return "是".into(),
            "false" => return "否".into(),
            _ => {}
        }
    }
    v.into()
}

fn write_finding(
    out: &mut dyn Write,
    origin: &str,
    f: &CatalogueFinding,
    lang: Lang,
) -> Result<(), Failure> {
    let line = f.line.map_or_else(|| "-".to_owned(), |l| l.to_string());
    writeln!(
        out,
        "{origin}:{line}\t{}\t{}\t{}\t{}\t{}",
        lang.pick(f.rule.name(), f.rule.zh()),
        f.division,
        f.item,
        f.date,
        lang.pick(&f.message, &f.message_zh)
    )?;
    Ok(())
}

pub(crate) fn catalogue(
    cmd: CatalogueCommand,
    cal: &jiceng::calendar::Calendar,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    match cmd {
        CatalogueCommand::Check {
            file,
            ledger,
            json: as_json,
        } => {
            let origin = file.as_ref().map_or_else(
                || "suning-catalogue.toml".to_owned(),
                |p| p.display().to_string(),
            );
            let l = load_ledger(ledger.as_ref())?;
            let (findings, entries) = with(file.as_ref(), |c| {
                Ok((check_catalogue_on(c, Some(&l), cal), c.file().entry.len()))
            })?;
            if as_json {
                json(out, &findings)?;
            } else {
                for f in &findings {
                    write_finding(out, &origin, f, lang)?;
                }
                // One line even when nothing is found, as `authority
                // check` ends. Every catalogue finding is an error.
                let errors = findings.len();
                match lang {
                    Lang::En => writeln!(
                        out,
                        "{errors} error{}, 0 warnings in {entries} entr{}",
                        if errors == 1 { "" } else { "s" },
                        if entries == 1 { "y" } else { "ies" },
                    )?,
                    Lang::Zh => writeln!(out, "{errors} 个错误，0 个警告（{entries} 个条目）")?,
                }
            }
            if !findings.is_empty() {
                let n = findings.len();
                return Err(Failure {
                    code: 1,
                    message: format!(
                        "{n} {} {origin}",
                        lang.pick(
                            if n == 1 { "finding in" } else { "findings in" },
                            "项问题："
                        )
                    ),
                });
            }
            Ok(())
        }
        CatalogueCommand::Diff {
            division: a,
            date: da,
            against,
            against_date,
            catalogue,
            json: as_json,
        } => {
            let a_code = division(&a, "--division")?;
            let b_code = match &against {
                Some(b) => division(b, "--against")?,
                None => a_code,
            };
            let da = date(&da, "--date")?;
            let db = match &against_date {
                Some(d) => date(d, "--against-date")?,
                None => da,
            };
            with(catalogue.as_ref(), |c| {
                let d = c.diff(a_code, da, b_code, db);
                if as_json {
                    return json(out, &d);
                }
                let first = format!("{a_code} {da}");
                let second = format!("{b_code} {db}");
                for code in &d.only_a {
                    writeln!(out, "{}\t{first}\t{code}", lang.pick("only in", "仅见于"))?;
                }
                for code in &d.only_b {
                    writeln!(out, "{}\t{second}\t{code}", lang.pick("only in", "仅见于"))?;
                }
                for ch in &d.changed {
                    writeln!(
                        out,
                        "{}\t{}\t{}\t{} → {}",
                        lang.pick("changed", "不同"),
                        ch.code,
                        lang.pick(ch.field, field_zh(ch.field)),
                        value(ch.field, &ch.a, lang),
                        value(ch.field, &ch.b, lang)
                    )?;
                }
                // Nothing found is said in one line (issue 7), as
                // `authority diff` says "no changes"; JSON stays as it is.
                if d.only_a.is_empty() && d.only_b.is_empty() && d.changed.is_empty() {
                    match lang {
                        Lang::En => writeln!(out, "no differences between {first} and {second}")?,
                        Lang::Zh => writeln!(out, "{first} 与 {second} 无差异")?,
                    }
                }
                Ok(())
            })
        }
    }
}
