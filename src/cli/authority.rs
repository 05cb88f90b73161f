//! `jiceng authority …`: the ledger of powers.

use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use jiceng::authority::{CheckOptions, Ledger, Severity, synth};
use serde::Serialize;

use super::{Failure, Lang};

#[derive(Debug, Args)]
pub(crate) struct AuthorityArgs {
    #[command(subcommand)]
    command: AuthorityCommand,
}

#[derive(Debug, Subcommand)]
enum AuthorityCommand {
    /// Check a ledger: print every finding (severity, location, message).
    /// Exit status 0 without errors, 1 with errors, 2 when unreadable.
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
    /// Print counts on a date: items devolved by county, category, sector.
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
    /// Write a synthetic province-scale ledger (JSON) to standard output.
    Synth {
        /// The random seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Townships.
        #[arg(long, default_value_t = 2300)]
        townships: u32,
        /// Villages.
        #[arg(long, default_value_t = 50_000)]
        villages: u32,
        /// Power items.
        #[arg(long, default_value_t = 300)]
        items: u32,
        /// Instruments.
        #[arg(long, default_value_t = 10_000)]
        instruments: u32,
    },
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

fn date(s: &str, field: &str) -> Result<NaiveDate, Failure> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| Failure::input(format!("invalid {field} {s:?}: expected a date YYYY-MM-DD")))
}

fn json<T: Serialize>(out: &mut dyn Write, value: &T) -> Result<(), Failure> {
    let text = serde_json::to_string(value).map_err(|e| Failure::input(e.to_string()))?;
    writeln!(out, "{text}")?;
    Ok(())
}

pub(crate) fn run(args: AuthorityArgs, _lang: Lang, out: &mut dyn Write) -> Result<(), Failure> {
    match args.command {
        AuthorityCommand::Check {
            ledger,
            as_of,
            evaluation_interval,
            json: as_json,
        } => {
            let ledger = load(ledger.as_ref())?;
            let opts = CheckOptions {
                as_of: as_of.as_deref().map(|d| date(d, "--as-of")).transpose()?,
                evaluation_interval_days: evaluation_interval,
            };
            let findings = ledger.check(&opts);
            if as_json {
                json(out, &findings)?;
            } else {
                for f in &findings {
                    writeln!(out, "{f}")?;
                }
            }
            let errors = findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .count();
            if errors > 0 {
                return Err(Failure {
                    code: 1,
                    message: format!(
                        "{errors} error{} in {}",
                        if errors == 1 { "" } else { "s" },
                        ledger.source().origin
                    ),
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
            let ledger = load(ledger.as_ref())?;
            let d = date(&d, "--date")?;
            let h = ledger.holder(&item, &division, d).map_err(Failure::input)?;
            if as_json {
                return json(out, &h);
            }
            writeln!(out, "{} {}", h.holder.code, h.holder.name)?;
            if explain {
                if let Some(by) = &h.exercised_by {
                    writeln!(out, "  exercised by {} {}", by.code, by.name)?;
                }
                for (i, s) in h.explanation.iter().enumerate() {
                    write!(out, "  {}. {} -> {}", i + 1, s.rule, s.holder.name)?;
                    if let Some(ins) = &s.instrument {
                        write!(
                            out,
                            " [{} {}, in force {}{}]",
                            ins.document.as_deref().unwrap_or("(no document number)"),
                            ins.title,
                            ins.effective_from,
                            ins.effective_until
                                .map(|u| format!(" until {u}"))
                                .unwrap_or_default()
                        )?;
                    }
                    for b in &s.basis {
                        write!(out, " [{b}]")?;
                    }
                    writeln!(out)?;
                }
            }
            Ok(())
        }
        AuthorityCommand::Diff {
            ledger,
            against,
            from,
            to,
            json: as_json,
        } => {
            let a = load(ledger.as_ref())?;
            let b = match &against {
                Some(p) => load(Some(p))?,
                None => a.clone(),
            };
            let (from, to) = (date(&from, "--from")?, date(&to, "--to")?);
            let diff = a.snapshot(from).diff(&b.snapshot(to));
            if as_json {
                return json(out, &diff);
            }
            for c in &diff.changes {
                let who = |e: &Option<jiceng::authority::Entry>| {
                    e.as_ref()
                        .map_or_else(|| "-".to_owned(), |e| e.holder.clone())
                };
                writeln!(
                    out,
                    "{:<7} {} {} {} -> {}",
                    format!("{:?}", c.kind).to_lowercase(),
                    c.item,
                    c.division,
                    who(&c.before),
                    who(&c.after)
                )?;
            }
            Ok(())
        }
        AuthorityCommand::Stats {
            ledger,
            date: d,
            json: as_json,
        } => {
            let ledger = load(ledger.as_ref())?;
            let stats = ledger.stats(date(&d, "--date")?);
            if as_json {
                return json(out, &stats);
            }
            writeln!(
                out,
                "{} on {}: {} items, {} instruments in force",
                ledger.name(),
                stats.date,
                stats.items,
                stats.instruments_in_force
            )?;
            for (cat, n) in &stats.by_category {
                writeln!(out, "  devolved {:<14} {n}", cat.to_string())?;
            }
            writeln!(
                out,
                "county        townships  devolved  per township  licensing/township  concentrated"
            )?;
            for c in &stats.counties {
                writeln!(
                    out,
                    "{} {:<8} {:>4} {:>9} {:>13.1} {:>19.1} {:>13}",
                    c.code.gb2260(),
                    c.name,
                    c.townships,
                    c.devolved,
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
            writeln!(out, "{}", synth::province(&params).to_json_string())?;
            Ok(())
        }
    }
}
