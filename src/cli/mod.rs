//! Command-line parsing and dispatch.

use std::ffi::OsString;
use std::fmt;
use std::io::{BufRead, Write};

use clap::{CommandFactory, Parser, Subcommand};

mod approvals;
mod authority;
mod calendar;
mod calsource;
mod catalogue;
mod demo;
mod enforcement;
mod grid;
pub(crate) mod lang;
mod org;
mod report;
mod simout;
mod simulate;
mod staffing;

pub(crate) use calsource::CalendarSource;
pub(crate) use lang::Lang;
pub(crate) use report::{BadLines, shown};

/// jiceng: township and subdistrict reform as code.
#[derive(Debug, Parser)]
#[command(name = "jiceng", version, about, long_about = None)]
struct Cli {
    /// The language of human-readable output (JSON is the same in both).
    #[arg(long, global = true, value_enum, default_value_t = Lang::En)]
    lang: Lang,
    /// Show at most N bad lines of a file read line by line, then one line
    /// counting the rest (0: show them all). The exit status is the same.
    #[arg(long, global = true, value_name = "N", default_value_t = report::DEFAULT_MAX_ERRORS)]
    max_errors: u64,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Working days, legal periods and working hours on the official calendar.
    Calendar(calendar::CalendarArgs),
    /// Powers: who holds which item where and when; checking ledgers.
    Authority(authority::AuthorityArgs),
    /// Licensing deadlines (statutory and promised) and case evaluation.
    Approvals(approvals::ApprovalsArgs),
    /// Establishment quotas: plans, workload staffing, ledger checks.
    Staffing(staffing::StaffingArgs),
    /// Penalty enforcement: jurisdiction, clocks, money and case evaluation.
    Enforcement(enforcement::EnforcementArgs),
    /// Grid management: routing events, replaying event logs, metrics, Open311.
    Grid(grid::GridArgs),
    /// Divisions, bodies and codes: checking unified social credit codes.
    Org(org::OrgArgs),
    /// Run a policy scenario (the main job): baseline against reforms,
    /// replicated, with 95% intervals; writes DIR/summary.json and the
    /// other outputs and prints a short table.
    Simulate(simulate::SimulateArgs),
    /// Simulation shards: `jiceng sim merge SHARD... --out DIR`.
    Sim(simulate::SimArgs),
    /// Print the JSON Schema of a data format.
    Schema {
        /// Which format: `calendar` (calendar and overlay files),
        /// `explanation` (the explanation of a period end) or `authority`
        /// (ledger files) or `approvals` (a case, one line of a cases file),
        /// `catalogue` (the service item catalogue, 实施清单)
        /// or `enforcement` (a penalty case, one line of a cases file),
        /// `staffing` (establishment ledger files), `grid` (an event log
        /// entry, one line of an events file) or `scenario` (simulation
        /// scenario files).
        format: SchemaFormat,
    },
    /// Run the deadline demo on the bundled calendar: the statutory and
    /// promised deadlines of the reform's stories, with explanations.
    Demo,
    /// Print a shell completion script, e.g.
    /// `jiceng completions bash > /etc/bash_completion.d/jiceng`.
    Completions {
        /// The shell: bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `jiceng man | man -l -`.
    Man,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum SchemaFormat {
    Calendar,
    Explanation,
    Authority,
    Approvals,
    /// The service item catalogue (实施清单) file.
    Catalogue,
    Staffing,
    Enforcement,
    /// A grid event log entry (one line of an events file).
    Grid,
    /// Simulation scenario files (`jiceng simulate`).
    Scenario,
    /// A grid file (cells, workers, staff, bodies) for `grid --grid`.
    GridFile,
    /// An event taxonomy file for `grid --taxonomy`.
    Taxonomy,
}

/// A failure that ends the command, with the exit status it calls for.
///
/// Status 0 is the one quiet failure: the reader of standard output went
/// away (`jiceng … | head`), so the command stops writing and ends without a
/// message, as `cat` and `grep` do.
#[derive(Debug)]
pub(crate) struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    /// The reader of the output went away: stop quietly with status 0.
    pub fn closed_pipe() -> Failure {
        Failure {
            code: 0,
            message: String::new(),
        }
    }

    /// Bad input: exit status 2.
    pub fn input(message: impl fmt::Display) -> Failure {
        Failure {
            code: 2,
            message: message.to_string(),
        }
    }
}

impl From<jiceng::calendar::Error> for Failure {
    fn from(e: jiceng::calendar::Error) -> Failure {
        Failure::input(e)
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        // Every command writes with `?`, so this one place turns a closed
        // pipe into a quiet end for all of them.
        match e.kind() {
            std::io::ErrorKind::BrokenPipe => return Failure::closed_pipe(),
            // Text that is not UTF-8 (a binary file on standard input) is
            // bad input, not a failure of the machine.
            std::io::ErrorKind::InvalidData => {
                return Failure::input(match lang::current() {
                    Lang::En => format!("unreadable input: {e}"),
                    Lang::Zh => format!("无法读取输入：{}（{e}）", lang::io_zh(e.kind())),
                });
            }
            _ => {}
        }
        Failure {
            code: 1,
            message: match lang::current() {
                Lang::En => format!("i/o error: {e}"),
                Lang::Zh => format!("输入输出错误：{}（{e}）", lang::io_zh(e.kind())),
            },
        }
    }
}

/// Runs the tool on `args` and returns the exit status.
pub(crate) fn run(
    args: impl IntoIterator<Item = OsString>,
    stdin: &mut dyn BufRead,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = if e.use_stderr() {
                // clap's message quotes the value given whole: cut as every
                // other message's echo is (a 5,000-digit `--events` is a
                // run of 120 and an ellipsis).
                write!(err, "{}", shown(&e.render().to_string(), true))
            } else {
                write!(out, "{}", e.render())
            };
            return code;
        }
    };
    let lang = cli.lang;
    lang::set_current(lang);
    report::set_max_errors(cli.max_errors);
    let result = match cli.command {
        Command::Calendar(args) => calendar::run(args, cli.lang, stdin, out, err),
        Command::Authority(args) => authority::run(args, cli.lang, out),
        Command::Approvals(args) => approvals::run(args, cli.lang, stdin, out, err),
        Command::Staffing(args) => staffing::run(args, cli.lang, stdin, out, err),
        Command::Enforcement(args) => enforcement::run(args, cli.lang, stdin, out, err),
        Command::Grid(args) => grid::run(args, cli.lang, stdin, out, err),
        Command::Org(args) => org::run(args, cli.lang, out),
        Command::Schema { format } => {
            let schema = match format {
                SchemaFormat::Calendar => jiceng::calendar::calendar_file_schema(),
                SchemaFormat::Explanation => jiceng::calendar::explanation_schema(),
                SchemaFormat::Authority => jiceng::authority::LedgerFile::schema(),
                SchemaFormat::Approvals => jiceng::approvals::case_schema(),
                SchemaFormat::Catalogue => jiceng::approvals::CatalogueFile::schema(),
                SchemaFormat::Staffing => jiceng::staffing::ledger_schema(),
                SchemaFormat::Enforcement => jiceng::enforcement::case_schema(),
                SchemaFormat::Grid => jiceng::grid::entry_schema(),
                SchemaFormat::Scenario => jiceng::sim::scenario_schema(),
                SchemaFormat::GridFile => jiceng::grid::grid_schema(),
                SchemaFormat::Taxonomy => jiceng::grid::taxonomy_schema(),
            };
            writeln!(out, "{schema}").map_err(Failure::from)
        }
        Command::Simulate(args) => simulate::run(args, cli.lang, out, err),
        Command::Sim(args) => simulate::run_sim(args, cli.lang, out, err),
        Command::Demo => demo::run(cli.lang, out),
        Command::Completions { shell } => {
            // The generators panic when a write fails; a buffer cannot fail,
            // and the one write that can goes through `?` like every other.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "jiceng", &mut script);
            out.write_all(&script).map_err(Failure::from)
        }
        Command::Man => clap_mangen::Man::new(Cli::command())
            .render(out)
            .map_err(Failure::from),
    };
    // What is still buffered is written now, so that a failure to write
    // it (a full disk) is reported and not lost at exit.
    let result = result.and_then(|()| out.flush().map_err(Failure::from));
    match result {
        Ok(()) => 0,
        Err(f) if f.code == 0 => 0,
        Err(f) => {
            let message = shown(&f.message, true);
            let _ = writeln!(err, "jiceng: {}: {message}", lang.pick("error", "错误"));
            f.code
        }
    }
}
