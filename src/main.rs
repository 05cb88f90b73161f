//! The `jiceng` command-line tool: argument parsing, file reading, printing
//! and exit codes around the domain crates.
//!
//! Exit status: 0 on success, 2 on bad input (including a date outside the
//! calendar's coverage), 1 where a command says so.

use std::io::Write;
use std::process::ExitCode;

mod cli;

fn main() -> ExitCode {
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut err = stderr.lock();
    let code = cli::run(
        std::env::args_os(),
        &mut std::io::stdin().lock(),
        &mut out,
        &mut err,
    );
    // A closed pipe (`jiceng … | head`) is not an error worth reporting.
    let _ = out.flush();
    ExitCode::from(code)
}
