//! Writing a simulation's outputs: `summary.json`, `metrics.csv`,
//! `metrics.parquet`, `report.html`, and the short table on standard output.
//!
//! Every output is written from one [`Summary`], so they always agree. The
//! CSV and the Parquet file hold the same long rows ([`rows`]); the report
//! and the table read the province-level estimates and the township totals.
//! The layout is explained in DESIGN.md ("How are simulation outputs laid
//! out?").

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use jiceng::sim::{Difference, Estimate, Level, Metric, Summary, Unit};

use super::calsource::io_zh;
use super::{Failure, Lang};

mod csv;
mod html;
mod parquet;
mod rows;
mod table;

#[cfg(test)]
mod fixture;
#[cfg(test)]
mod props;

/// Writes every output file of a run into `dir` (created if missing):
/// `summary.json`, `metrics.csv`, `metrics.parquet` and `report.html`.
pub(crate) fn write_outputs(dir: &Path, summary: &Summary, lang: Lang) -> Result<(), Failure> {
    std::fs::create_dir_all(dir).map_err(|e| {
        io_failure(match lang {
            Lang::En => format!("cannot create {}: {e}", dir.display()),
            Lang::Zh => format!("无法创建 {}：{}", dir.display(), io_zh(&e)),
        })
    })?;
    let path = dir.join("summary.json");
    // Written as it is encoded, never held whole in memory.
    write_file(&path, lang, |w| {
        serde_json::to_writer_pretty(&mut *w, summary).map_err(std::io::Error::other)?;
        w.write_all(b"\n")
    })?;

    let path = dir.join("metrics.csv");
    write_file(&path, lang, |w| csv::write(summary, w))?;
    let path = dir.join("metrics.parquet");
    let file = File::create(&path).map_err(|e| cannot_write(&path, lang, &e))?;
    parquet::write(summary, file).map_err(|e| {
        // The crate's own messages start "Parquet error: "; ours are
        // already worded for the user.
        let detail = match e {
            ::parquet::errors::ParquetError::General(m) => m,
            e => e.to_string(),
        };
        io_failure(match lang {
            Lang::En => format!("cannot write {}: {detail}", path.display()),
            Lang::Zh => format!("无法写入 {}（{detail}）", path.display()),
        })
    })?;
    let path = dir.join("report.html");
    write_file(&path, lang, |w| html::write(summary, lang, w))?;
    Ok(())
}

/// Creates `path` and writes it through a buffer, naming the file in any
/// error.
fn write_file(
    path: &Path,
    lang: Lang,
    body: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Failure> {
    let fail = |e: std::io::Error| cannot_write(path, lang, &e);
    let file = File::create(path).map_err(fail)?;
    let mut w = BufWriter::new(file);
    body(&mut w).map_err(fail)?;
    w.flush().map_err(fail)
}

/// Prints the short table (province level: one row per metric; each
/// variant's mean [95% CI] and each reform's difference from the baseline)
/// in `format`, with labels in `lang`.
pub(crate) fn print_table(
    summary: &Summary,
    format: TableFormat,
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    table::print(summary, format, lang, out)
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

/// A file that cannot be written is a failure of the machine: status 1.
fn io_failure(message: String) -> Failure {
    Failure { code: 1, message }
}

/// `cannot write PATH: ERROR`, in `lang`.
fn cannot_write(path: &Path, lang: Lang, e: &std::io::Error) -> Failure {
    io_failure(match lang {
        Lang::En => format!("cannot write {}: {e}", path.display()),
        Lang::Zh => format!("无法写入 {}：{}", path.display(), io_zh(e)),
    })
}

/// What the outputs need to know of a division: its name and its level's
/// code (`province`, `county`, `township`).
#[derive(Debug)]
struct PlaceInfo<'a> {
    name: &'a str,
    level: Level,
    level_code: String,
    parent: Option<&'a str>,
}

/// The summary indexed for lookups: places by code, whole-period estimates
/// by (variant, division, metric), differences by (reform, division,
/// metric). Where a hostile summary repeats a key, the first entry wins.
#[derive(Debug)]
struct Index<'a> {
    places: HashMap<&'a str, PlaceInfo<'a>>,
    totals: HashMap<(&'a str, &'a str, Metric), &'a Estimate>,
    differences: HashMap<(&'a str, &'a str, Metric), &'a Difference>,
    /// The province's code, when the summary names one.
    province: Option<&'a str>,
}

impl<'a> Index<'a> {
    fn new(summary: &'a Summary) -> Index<'a> {
        let mut places = HashMap::new();
        for p in &summary.places {
            places.entry(p.code.as_str()).or_insert_with(|| PlaceInfo {
                name: p.name.as_str(),
                level: p.level,
                level_code: level_code(p.level),
                parent: p.parent.as_deref(),
            });
        }
        let mut totals = HashMap::new();
        for e in &summary.totals {
            totals
                .entry((e.variant.as_str(), e.division.as_str(), e.metric))
                .or_insert(e);
        }
        let mut differences = HashMap::new();
        for d in &summary.differences {
            differences
                .entry((d.reform.as_str(), d.division.as_str(), d.metric))
                .or_insert(d);
        }
        let province = summary
            .places
            .iter()
            .find(|p| p.level == Level::Province)
            .map(|p| p.code.as_str());
        Index {
            places,
            totals,
            differences,
            province,
        }
    }

    fn total(&self, variant: &str, division: &str, metric: Metric) -> Option<&'a Estimate> {
        self.totals.get(&(variant, division, metric)).copied()
    }

    fn difference(&self, reform: &str, division: &str, metric: Metric) -> Option<&'a Difference> {
        self.differences.get(&(reform, division, metric)).copied()
    }
}

/// The level's stable snake_case code, as the summary's JSON spells it.
fn level_code(level: Level) -> String {
    match serde_json::to_value(level) {
        Ok(serde_json::Value::String(s)) => s,
        // A unit enum with `rename_all` always serialises to a string; this
        // arm is unreachable and kept only to avoid a panic path.
        _ => String::new(),
    }
}

/// The unit's stable snake_case code, as the summary's JSON spells it.
fn unit_code(unit: Unit) -> String {
    match serde_json::to_value(unit) {
        Ok(serde_json::Value::String(s)) => s,
        // As for `level_code`: unreachable for a unit enum.
        _ => String::new(),
    }
}

/// A number for people, with `dp` decimals, signed if `signed`; a zero that
/// rounds from a tiny negative reads `0.0` (or `+0.0`), never `-0.0`.
fn fixed(v: f64, dp: usize, signed: bool) -> String {
    let s = if signed {
        format!("{v:+.dp$}")
    } else {
        format!("{v:.dp$}")
    };
    let is_zero = s
        .trim_start_matches(['-', '+'])
        .chars()
        .all(|c| c == '0' || c == '.');
    match s.strip_prefix('-') {
        Some(rest) if is_zero && signed => format!("+{rest}"),
        Some(rest) if is_zero => rest.to_owned(),
        _ => s,
    }
}

/// How a metric's value reads for people: shares as percentages with one
/// decimal, working days with two, counts and ratios with one. A difference
/// (`signed`) of a share is in percentage points.
fn human(unit: Unit, v: f64, signed: bool, lang: Lang) -> String {
    match unit {
        Unit::Share if signed => format!(
            "{}{}",
            fixed(v * 100.0, 1, true),
            lang.pick(" pp", "个百分点")
        ),
        Unit::Share => format!("{}%", fixed(v * 100.0, 1, false)),
        Unit::WorkingDays => fixed(v, 2, signed),
        Unit::Count | Unit::Ratio => fixed(v, 1, signed),
        _ => fixed(v, 3, signed),
    }
}

/// The bounds of an interval for people: `[low, high]` in the unit's
/// precision (shares in percent, without the sign), empty without one.
fn human_interval(
    unit: Unit,
    low: Option<f64>,
    high: Option<f64>,
    signed: bool,
    lang: Lang,
) -> String {
    let bound = |v: f64| match unit {
        Unit::Share => fixed(v * 100.0, 1, signed),
        _ => human(unit, v, signed, lang),
    };
    match (low, high) {
        (Some(l), Some(h)) => format!("[{}, {}]", bound(l), bound(h)),
        _ => String::new(),
    }
}

/// A cell for people: the mean and, when there is one, its interval.
fn human_cell(
    unit: Unit,
    mean: f64,
    low: Option<f64>,
    high: Option<f64>,
    signed: bool,
    lang: Lang,
) -> String {
    let m = human(unit, mean, signed, lang);
    let i = human_interval(unit, low, high, signed, lang);
    if i.is_empty() { m } else { format!("{m} {i}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_output_file_is_written() {
        // A fresh directory below the system's scratch directory, named
        // after this process so that parallel runs do not meet.
        let dir = std::env::temp_dir().join(format!("jiceng-simout-{}-all", std::process::id()));
        let summary = fixture::summary();
        let written = write_outputs(&dir, &summary, Lang::Zh);
        let read = |name: &str| std::fs::read(dir.join(name)).unwrap_or_default();
        let json = read("summary.json");
        let csv = read("metrics.csv");
        let parquet = read("metrics.parquet");
        let html = String::from_utf8(read("report.html")).unwrap_or_default();
        let _ = std::fs::remove_dir_all(&dir);
        assert!(written.is_ok());
        let back: Summary = serde_json::from_slice(&json).expect("summary.json reads back");
        assert_eq!(back, summary);
        assert_eq!(json.last(), Some(&b'\n'));
        // A header and 33 rows (see the CSV's tests).
        assert_eq!(csv.iter().filter(|&&b| b == b'\n').count(), 34);
        // A Parquet file starts and ends with its magic number.
        assert!(parquet.starts_with(b"PAR1") && parquet.ends_with(b"PAR1"));
        assert!(html.contains("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"zh-CN\">"));
    }

    #[test]
    fn a_summary_parquet_cannot_hold_is_a_failure_naming_the_file() {
        let dir = std::env::temp_dir().join(format!("jiceng-simout-{}-big", std::process::id()));
        let mut summary = fixture::tiny();
        summary.daily[0].replications = 3_000_000_000;
        let result = write_outputs(&dir, &summary, Lang::En);
        let _ = std::fs::remove_dir_all(&dir);
        let failure = result.expect_err("3,000,000,000 does not fit an INT32");
        assert_eq!(failure.code, 1);
        let expected = format!(
            "cannot write {}: replications 3000000000 of backlog at 130000000000 do not fit a Parquet INT32",
            dir.join("metrics.parquet").display()
        );
        assert_eq!(failure.message, expected);
    }

    #[test]
    fn an_unwritable_directory_is_a_failure_of_status_1() {
        // A directory cannot be created below a regular file.
        let file = std::env::temp_dir().join(format!("jiceng-simout-{}-file", std::process::id()));
        std::fs::write(&file, b"").expect("a scratch file");
        let result = write_outputs(&file.join("out"), &fixture::summary(), Lang::En);
        let _ = std::fs::remove_file(&file);
        let failure = result.expect_err("no directory below a file");
        assert_eq!(failure.code, 1);
        assert!(
            failure.message.starts_with("cannot create "),
            "{}",
            failure.message
        );
    }

    fn check(unit: Unit, v: f64, signed: bool, lang: Lang, expected: &str) {
        assert_eq!(
            human(unit, v, signed, lang),
            expected,
            "{unit:?} {v} {signed}"
        );
    }

    #[test]
    fn numbers_read_in_their_unit() {
        // 0.875 of decisions on time is 87.5%; a difference of 0.025 is
        // 2.5 percentage points.
        check(Unit::Share, 0.875, false, Lang::En, "87.5%");
        check(Unit::Share, 0.025, true, Lang::En, "+2.5 pp");
        check(Unit::Share, 0.025, true, Lang::Zh, "+2.5个百分点");
        check(Unit::Share, -0.1, true, Lang::En, "-10.0 pp");
        // Working days keep two decimals: 12.3456 rounds up to 12.35,
        // 12.344 down to 12.34.
        check(Unit::WorkingDays, 12.3456, false, Lang::En, "12.35");
        check(Unit::WorkingDays, 12.344, false, Lang::En, "12.34");
        check(Unit::WorkingDays, -1.2, true, Lang::En, "-1.20");
        check(Unit::Count, 40.0, false, Lang::En, "40.0");
        check(Unit::Ratio, 1234.56, false, Lang::En, "1234.6");
        check(Unit::Count, 3.0, true, Lang::En, "+3.0");
    }

    #[test]
    fn a_tiny_negative_is_not_minus_zero() {
        // -0.0004 of a working day rounds to 0.00 at two decimals.
        assert_eq!(fixed(-0.0004, 2, false), "0.00");
        assert_eq!(fixed(-0.0004, 2, true), "+0.00");
        assert_eq!(fixed(-0.0, 1, true), "+0.0");
        assert_eq!(fixed(-0.06, 1, true), "-0.1");
    }

    #[test]
    fn a_cell_carries_its_interval_when_there_is_one() {
        // 0.85 and 0.90 read 85.0 and 90.0 (percent, the % only once).
        assert_eq!(
            human_cell(Unit::Share, 0.875, Some(0.85), Some(0.9), false, Lang::En),
            "87.5% [85.0, 90.0]"
        );
        assert_eq!(
            human_cell(Unit::Share, 0.03, Some(0.01), Some(0.05), true, Lang::En),
            "+3.0 pp [+1.0, +5.0]"
        );
        assert_eq!(
            human_cell(Unit::WorkingDays, 12.3, None, None, false, Lang::En),
            "12.30"
        );
        // Only one end known: no interval is shown.
        assert_eq!(
            human_cell(Unit::Count, 4.0, Some(3.0), None, false, Lang::En),
            "4.0"
        );
    }

    #[test]
    fn levels_and_units_have_their_json_codes() {
        assert_eq!(level_code(Level::Township), "township");
        assert_eq!(level_code(Level::Province), "province");
        assert_eq!(unit_code(Unit::WorkingDays), "working_days");
    }
}
