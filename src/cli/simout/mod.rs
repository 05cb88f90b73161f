//! Writing a simulation's outputs: summary.json, the table on standard
//! output (and, to come, metrics.csv, metrics.parquet and report.html).

use std::io::Write;
use std::path::Path;

use jiceng::sim::{Level, Metric, Summary};

use super::{Failure, Lang};

/// Writes every output file of a run into `dir` (created if missing).
pub(crate) fn write_outputs(dir: &Path, summary: &Summary, _lang: Lang) -> Result<(), Failure> {
    std::fs::create_dir_all(dir)
        .map_err(|e| io_failure(format!("cannot create {}: {e}", dir.display())))?;
    let path = dir.join("summary.json");
    let json = serde_json::to_string_pretty(summary)
        .map_err(|e| io_failure(format!("cannot encode the summary: {e}")))?;
    std::fs::write(&path, json + "\n")
        .map_err(|e| io_failure(format!("cannot write {}: {e}", path.display())))?;
    Ok(())
}

/// How the short table on standard output is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum TableFormat {
    /// Aligned text columns.
    Table,
    /// Comma-separated values.
    Csv,
    /// JSON (the summary's province-level estimates).
    Json,
    /// A Markdown table.
    Md,
}

/// Prints the short table of province-level totals: one row per metric, one
/// column per variant (so far only tab-separated; `format` is not yet
/// honoured).
pub(crate) fn print_table(
    summary: &Summary,
    _format: TableFormat,
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let Some(province) = summary.places.iter().find(|p| p.level == Level::Province) else {
        return Ok(());
    };
    write!(out, "{}", lang.pick("metric", "指标"))?;
    for v in &summary.variants {
        write!(out, "\t{v}")?;
    }
    writeln!(out)?;
    for &metric in Metric::ALL {
        write!(out, "{}", lang.pick(metric.name_en(), metric.name_zh()))?;
        for v in &summary.variants {
            let e = summary
                .totals
                .iter()
                .find(|e| e.variant == *v && e.division == province.code && e.metric == metric);
            match e {
                Some(e) => write!(out, "\t{:.3}", e.mean)?,
                None => write!(out, "\t-")?,
            }
        }
        writeln!(out)?;
    }
    Ok(())
}

/// A file that cannot be written is a failure of the machine: status 1.
fn io_failure(message: String) -> Failure {
    Failure { code: 1, message }
}
