//! Command-line parsing and dispatch.

use std::ffi::OsString;
use std::fmt;
use std::io::{BufRead, Write};

use clap::{Parser, Subcommand};

mod approvals;
mod authority;
mod calendar;
mod calsource;
mod catalogue;
mod demo;
mod lang;

pub(crate) use calsource::CalendarSource;
pub(crate) use lang::Lang;

/// jiceng: township and subdistrict reform as code.
#[derive(Debug, Parser)]
#[command(name = "jiceng", version, about, long_about = None)]
struct Cli {
    /// The language of human-readable output (JSON is the same in both).
    #[arg(long, global = true, value_enum, default_value_t = Lang::En)]
    lang: Lang,
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
    /// Print the JSON Schema of a data format.
    Schema {
        /// Which format: `calendar` (calendar and overlay files),
        /// `explanation` (the explanation of a period end) or `authority`
        /// (ledger files) or `approvals` (a case, one line of a cases file).
        format: SchemaFormat,
    },
    /// Run the deadline demo on the bundled calendar: the statutory and
    /// promised deadlines of the reform's stories, with explanations.
    Demo,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum SchemaFormat {
    Calendar,
    Explanation,
    Authority,
    Approvals,
    /// The service item catalogue (实施清单) file.
    Catalogue,
}

/// A failure that ends the command, with the exit status it calls for.
#[derive(Debug)]
pub(crate) struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
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
        Failure {
            code: 1,
            message: format!("i/o error: {e}"),
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
                write!(err, "{}", e.render())
            } else {
                write!(out, "{}", e.render())
            };
            return code;
        }
    };
    let lang = cli.lang;
    let result = match cli.command {
        Command::Calendar(args) => calendar::run(args, cli.lang, stdin, out, err),
        Command::Authority(args) => authority::run(args, cli.lang, out),
        Command::Approvals(args) => approvals::run(args, cli.lang, stdin, out, err),
        Command::Schema { format } => {
            let schema = match format {
                SchemaFormat::Calendar => jiceng::calendar::calendar_file_schema(),
                SchemaFormat::Explanation => jiceng::calendar::explanation_schema(),
                SchemaFormat::Authority => jiceng::authority::LedgerFile::schema(),
                SchemaFormat::Approvals => jiceng::approvals::case_schema(),
                SchemaFormat::Catalogue => jiceng::approvals::CatalogueFile::schema(),
            };
            writeln!(out, "{schema}").map_err(Failure::from)
        }
        Command::Demo => demo::run(cli.lang, out),
    };
    match result {
        Ok(()) => 0,
        Err(f) => {
            let _ = writeln!(err, "jiceng: {}: {}", lang.pick("error", "错误"), f.message);
            f.code
        }
    }
}
