//! `jiceng simulate …` (the main job) and `jiceng sim merge …`: run a
//! scenario's replications, or one shard of them, and write the outputs;
//! merge shards into exactly the outputs of a single run.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use jiceng::sim::{Model, PROVISIONAL_HINT, Scenario, Shard, Summary};

use super::calsource::io_zh;
use super::simout::{self, TableFormat};
use super::{Failure, Lang};

/// The largest scenario or shard file read, in bytes.
const MAX_FILE_BYTES: u64 = 1024 * 1024 * 1024;

/// The most replications one command runs (the library's bound, which a
/// merge of shards applies too).
const MAX_REPLICATIONS: u32 = jiceng::sim::MAX_RUN_REPLICATIONS;

/// Arguments of `jiceng simulate`.
#[derive(Debug, Args)]
pub(crate) struct SimulateArgs {
    /// The scenario file (TOML); without one, the bundled province.
    #[arg(value_name = "SCENARIO.toml")]
    scenario: Option<PathBuf>,
    /// A bundled scenario instead of a file: province, qiu or baitaling.
    #[arg(long, conflicts_with = "scenario", value_parser = ["province", "qiu", "baitaling"])]
    bundled: Option<String>,
    /// Replications (default: the scenario's).
    #[arg(long)]
    replications: Option<u32>,
    /// The master seed (default: the scenario's).
    #[arg(long)]
    seed: Option<u64>,
    /// Simulate this many days instead of the scenario's period.
    #[arg(long)]
    days: Option<u32>,
    /// The output directory.
    #[arg(long, default_value = "sim-out")]
    out: PathBuf,
    /// Run one shard K of N (replications r with r % N == K) and write
    /// `DIR/shard-K-of-N.json` for `jiceng sim merge`.
    #[arg(long, value_name = "K/N")]
    shard: Option<String>,
    /// How the table on standard output is written.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    format: TableFormat,
    /// Shorthand for `--format json`.
    #[arg(long)]
    json: bool,
    /// Answer days outside the calendar's coverage with the statutory
    /// holidays and the weekly rule, flagged as provisional (the scenario's
    /// `[policy] provisional = true`).
    #[arg(long)]
    provisional: bool,
}

/// Arguments of `jiceng sim`.
#[derive(Debug, Args)]
pub(crate) struct SimArgs {
    #[command(subcommand)]
    command: SimCommand,
}

#[derive(Debug, Subcommand)]
enum SimCommand {
    /// Merge shard files into the outputs a single run would write.
    Merge {
        /// The shard files (`shard-K-of-N.json`).
        #[arg(required = true, value_name = "SHARD.json")]
        shards: Vec<PathBuf>,
        /// The output directory.
        #[arg(long, default_value = "sim-out")]
        out: PathBuf,
        /// How the table on standard output is written.
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
        /// Shorthand for `--format json`.
        #[arg(long)]
        json: bool,
    },
}

fn read_text(path: &Path, lang: Lang) -> Result<String, Failure> {
    let cannot = |e: std::io::Error| {
        Failure::input(match lang {
            Lang::En => format!("cannot read {}: {e}", path.display()),
            Lang::Zh => format!("无法读取 {}：{}", path.display(), io_zh(&e)),
        })
    };
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(Failure::input(match lang {
            Lang::En => format!(
                "{} is {} bytes: at most {MAX_FILE_BYTES}",
                path.display(),
                meta.len()
            ),
            Lang::Zh => format!(
                "{} 有 {} 字节：最多 {MAX_FILE_BYTES} 字节",
                path.display(),
                meta.len()
            ),
        }));
    }
    std::fs::read_to_string(path).map_err(cannot)
}

/// A simulator error as a failure of the command (status 2), in `lang`;
/// a day outside the calendar's coverage also names `--provisional`.
fn sim_input(lang: Lang) -> impl Fn(jiceng::sim::Error) -> Failure + Copy {
    move |e| {
        let hint = matches!(&e, jiceng::sim::Error::Calendar(m) if m.ends_with(PROVISIONAL_HINT));
        match (lang, e) {
            (Lang::En, jiceng::sim::Error::Calendar(m)) if hint => {
                Failure::input(format!("calendar: {m}, or pass --provisional"))
            }
            (Lang::En, e) => Failure::input(e),
            (Lang::Zh, e) if hint => Failure::input(format!("{}，或加 --provisional", e.zh())),
            (Lang::Zh, e) => Failure::input(e.zh()),
        }
    }
}

/// A file or directory that cannot be made or written: a failure of the
/// machine (status 1), in `lang`.
fn cannot_write(lang: Lang, what: &str, path: &Path, e: &std::io::Error) -> Failure {
    Failure {
        code: 1,
        message: match (lang, what) {
            (Lang::En, _) => format!("cannot {what} {}: {e}", path.display()),
            (Lang::Zh, "create") => format!("无法创建 {}：{}", path.display(), io_zh(e)),
            (Lang::Zh, _) => format!("无法写入 {}：{}", path.display(), io_zh(e)),
        },
    }
}

/// Warns on standard error when a figure rests on provisional calendar
/// answers (the summary's `provisional`, also in `summary.json` and the
/// report).
fn warn_provisional(summary: &Summary, lang: Lang, err: &mut dyn Write) -> Result<(), Failure> {
    if summary.provisional {
        writeln!(
            err,
            "jiceng: {}",
            lang.pick(
                "warning: provisional: the period needs days outside the calendar's coverage, \
                 taken from the statutory holidays and the weekly rule",
                "警告：暂定：模拟期间含日历覆盖范围以外的日期，按法定节假日和周休规则推算",
            )
        )?;
    }
    Ok(())
}

/// Runs `reps` with a progress bar on standard error, shown only when it
/// is a terminal and the run lasts over a second.
fn run_with_progress(model: &Model, seed: u64, reps: &[u32]) -> Vec<jiceng::sim::RepTally> {
    let bar = ProgressBar::with_draw_target(Some(reps.len() as u64), ProgressDrawTarget::hidden());
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} {elapsed} [{bar:30}] {pos}/{len} replications")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    let terminal = std::io::stderr().is_terminal();
    let (done_tx, done_rx) = mpsc::channel::<()>();
    std::thread::scope(|s| {
        let watcher = bar.clone();
        s.spawn(move || {
            if terminal && done_rx.recv_timeout(Duration::from_secs(1)).is_err() {
                watcher.set_draw_target(ProgressDrawTarget::stderr());
                watcher.enable_steady_tick(Duration::from_millis(200));
                let _ = done_rx.recv();
            }
        });
        let tick = || bar.inc(1);
        let tallies = jiceng::sim::run(model, seed, reps, &tick);
        let _ = done_tx.send(());
        bar.finish_and_clear();
        tallies
    })
}

fn table_format(format: TableFormat, json: bool) -> TableFormat {
    if json { TableFormat::Json } else { format }
}

fn finish(
    summary: &Summary,
    dir: &Path,
    format: TableFormat,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Failure> {
    simout::write_outputs(dir, summary, lang)?;
    simout::print_table(summary, format, lang, out)?;
    warn_provisional(summary, lang, err)
}

/// Compiles the scenario, reading the ledger file it names
/// (`territory.ledger`) relative to the scenario file's directory; the
/// bundled ledger and ledger-free scenarios need no file.
fn build_model(scenario: &Scenario, path: Option<&Path>, lang: Lang) -> Result<Model, Failure> {
    let sim_input = sim_input(lang);
    let file = match scenario.ledger() {
        None | Some(jiceng::sim::model::BUNDLED_LEDGER) => {
            return Model::new(scenario).map_err(sim_input);
        }
        Some(file) => file,
    };
    let Some(path) = path else {
        return Err(Failure::input(match lang {
            Lang::En => format!(
                "{}: territory.ledger: `{file}` is a file, and this scenario has no directory to find it in",
                scenario.origin()
            ),
            Lang::Zh => format!(
                "{}: territory.ledger: `{file}` 是文件，而此场景没有可供查找它的目录",
                scenario.origin()
            ),
        }));
    };
    let ledger_path = path.parent().unwrap_or(Path::new(".")).join(file);
    let text = read_text(&ledger_path, lang)?;
    let ledger = jiceng::authority::Ledger::from_string(text, &ledger_path.display().to_string())
        .map_err(Failure::input)?;
    Model::with_ledger(scenario, &ledger).map_err(sim_input)
}

/// Runs `jiceng simulate`.
pub(crate) fn run(
    args: SimulateArgs,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Failure> {
    let sim_input = sim_input(lang);
    let scenario = match (&args.scenario, &args.bundled) {
        (Some(path), _) => {
            let text = read_text(path, lang)?;
            Scenario::from_toml_str(&text, &path.display().to_string()).map_err(sim_input)?
        }
        (None, Some(name)) => Scenario::bundled(name).map_err(sim_input)?,
        (None, None) => Scenario::bundled("province").map_err(sim_input)?,
    };
    let scenario = match args.days {
        Some(d) => scenario.with_days(d).map_err(sim_input)?,
        None => scenario,
    };
    let scenario = if args.provisional {
        scenario.with_provisional()
    } else {
        scenario
    };
    let model = build_model(&scenario, args.scenario.as_deref(), lang)?;
    let seed = args.seed.unwrap_or(model.default_seed());
    let replications = args.replications.unwrap_or(model.default_replications());
    if replications == 0 || replications > MAX_REPLICATIONS {
        return Err(Failure::input(match lang {
            Lang::En => format!("--replications {replications}: expected 1 to {MAX_REPLICATIONS}"),
            Lang::Zh => format!("--replications {replications}：应为 1 到 {MAX_REPLICATIONS}"),
        }));
    }
    let format = table_format(args.format, args.json);
    let shard = args
        .shard
        .as_deref()
        .map(jiceng::sim::parse_shard)
        .transpose()
        .map_err(sim_input)?;
    // What this command holds: every replication, or its shard's.
    let held = match shard {
        None => replications,
        Some((k, n)) => jiceng::sim::shard_replications(k, n, replications).len() as u32,
    };
    model.check_replications(held).map_err(sim_input)?;
    match shard {
        None => {
            let reps: Vec<u32> = (0..replications).collect();
            let tallies = run_with_progress(&model, seed, &reps);
            let summary = jiceng::sim::summarise(&model, seed, &tallies).map_err(sim_input)?;
            finish(&summary, &args.out, format, lang, out, err)
        }
        Some((k, n)) => {
            let reps = jiceng::sim::shard_replications(k, n, replications);
            let tallies = run_with_progress(&model, seed, &reps);
            let shard = Shard {
                format: jiceng::sim::SHARD_FORMAT,
                scenario: scenario.to_toml(),
                fingerprint: model.fingerprint().to_owned(),
                seed,
                replications,
                shard: k,
                of: n,
                tallies,
            };
            std::fs::create_dir_all(&args.out)
                .map_err(|e| cannot_write(lang, "create", &args.out, &e))?;
            let path = args.out.join(format!("shard-{k}-of-{n}.json"));
            let json = serde_json::to_string(&shard).map_err(|e| Failure {
                code: 1,
                message: match lang {
                    Lang::En => format!("cannot encode the shard: {e}"),
                    Lang::Zh => format!("无法编码分片（{e}）"),
                },
            })?;
            std::fs::write(&path, json).map_err(|e| cannot_write(lang, "write", &path, &e))?;
            writeln!(
                out,
                "{} {k}/{n}: {} {} → {}",
                lang.pick("shard", "分片"),
                reps.len(),
                lang.pick("replications", "次重复"),
                path.display()
            )?;
            Ok(())
        }
    }
}

/// Runs `jiceng sim …`.
pub(crate) fn run_sim(
    args: SimArgs,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Failure> {
    match args.command {
        SimCommand::Merge {
            shards,
            out: dir,
            format,
            json,
        } => {
            let sim_input = sim_input(lang);
            let mut files = Vec::with_capacity(shards.len());
            for path in &shards {
                let text = read_text(path, lang)?;
                let shard: Shard = serde_json::from_str(&text).map_err(|e| {
                    Failure::input(match lang {
                        Lang::En => {
                            format!("{}:{}: not a shard file: {e}", path.display(), e.line())
                        }
                        Lang::Zh => format!(
                            "{}:{}: 不是分片文件（JSON 解析器的说明：{e}）",
                            path.display(),
                            e.line()
                        ),
                    })
                })?;
                files.push(shard);
            }
            let fingerprint = files
                .first()
                .map(|f| f.fingerprint.clone())
                .unwrap_or_default();
            let (toml, seed, tallies) = jiceng::sim::merge_shards(files).map_err(sim_input)?;
            let scenario =
                Scenario::from_toml_str(&toml, "(the shards' scenario)").map_err(sim_input)?;
            let model = build_model(&scenario, None, lang)?;
            // The scenario a shard carries must be the one it ran: an edited
            // shard file would otherwise be summarised against another model.
            if model.fingerprint() != fingerprint {
                return Err(Failure::input(match lang {
                    Lang::En => format!(
                        "the shards' scenario has fingerprint {} but the shards say {fingerprint}",
                        model.fingerprint()
                    ),
                    Lang::Zh => format!(
                        "分片所带场景的指纹为 {}，而分片记载的是 {fingerprint}",
                        model.fingerprint()
                    ),
                }));
            }
            model
                .check_replications(tallies.len() as u32)
                .map_err(sim_input)?;
            let summary = jiceng::sim::summarise(&model, seed, &tallies).map_err(sim_input)?;
            finish(&summary, &dir, table_format(format, json), lang, out, err)
        }
    }
}
