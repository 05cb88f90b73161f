//! The long rows that `metrics.csv` and `metrics.parquet` both hold: one
//! per variant, division, metric and day, in three blocks: the whole-period
//! estimates, then each reform's whole-period difference from the baseline,
//! then the daily estimates. Each block keeps the summary's order.

use chrono::NaiveDate;
use jiceng::sim::{Metric, Summary};
use serde::Serialize;

use super::Index;

/// The columns, in file order.
pub(super) const COLUMNS: [&str; 12] = [
    "scenario",
    "variant",
    "kind",
    "division",
    "division_name",
    "level",
    "metric",
    "day",
    "mean",
    "ci_low",
    "ci_high",
    "replications",
];

/// Whether a row is an estimate of a variant or a reform's difference from
/// the baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum Kind {
    /// The variant's own estimate.
    Estimate,
    /// The reform minus the baseline, paired by replication.
    Difference,
}

impl Kind {
    pub(super) fn code(self) -> &'static str {
        match self {
            Kind::Estimate => "estimate",
            Kind::Difference => "difference",
        }
    }
}

/// One row. Field order is [`COLUMNS`]' order (the CSV header is written
/// from the field names).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub(super) struct Row<'a> {
    pub scenario: &'a str,
    /// The variant; for a difference, the reform.
    pub variant: &'a str,
    pub kind: Kind,
    pub division: &'a str,
    /// Empty when the summary does not name the division.
    pub division_name: Option<&'a str>,
    /// Empty when the summary does not name the division.
    pub level: Option<&'a str>,
    pub metric: Metric,
    /// Empty for a whole-period row.
    pub day: Option<NaiveDate>,
    pub mean: f64,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub replications: u32,
}

/// Every row of the summary, in file order.
pub(super) fn rows<'a>(
    summary: &'a Summary,
    index: &'a Index<'a>,
) -> impl Iterator<Item = Row<'a>> {
    let place = move |code: &str| index.places.get(code);
    let estimate = move |e: &'a jiceng::sim::Estimate| {
        let p = place(&e.division);
        Row {
            scenario: &summary.scenario,
            variant: &e.variant,
            kind: Kind::Estimate,
            division: &e.division,
            division_name: p.map(|p| p.name),
            level: p.map(|p| p.level_code.as_str()),
            metric: e.metric,
            day: e.day,
            mean: e.mean,
            ci_low: e.ci_low,
            ci_high: e.ci_high,
            replications: e.replications,
        }
    };
    let difference = move |d: &'a jiceng::sim::Difference| {
        let p = place(&d.division);
        Row {
            scenario: &summary.scenario,
            variant: &d.reform,
            kind: Kind::Difference,
            division: &d.division,
            division_name: p.map(|p| p.name),
            level: p.map(|p| p.level_code.as_str()),
            metric: d.metric,
            day: None,
            mean: d.mean,
            ci_low: d.ci_low,
            ci_high: d.ci_high,
            replications: d.replications,
        }
    };
    summary
        .totals
        .iter()
        .map(estimate)
        .chain(summary.differences.iter().map(difference))
        .chain(summary.daily.iter().map(estimate))
}
