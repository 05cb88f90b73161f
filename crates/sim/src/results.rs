//! What a simulation run reports: estimates with 95% intervals, per variant,
//! division, metric and (for daily series) day, and each reform's difference
//! from the baseline.
//!
//! Every output of `jiceng simulate` (summary.json, metrics.csv,
//! metrics.parquet, report.html and the table on standard output) is written
//! from one [`Summary`], so they always agree.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A measure the simulator reports.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Metric {
    /// Share of approval decisions made within the statutory limit.
    OnTimeStatute,
    /// Share of approval decisions made within the promised limit.
    OnTimePromise,
    /// Share of grid events and penalty cases resolved at township level.
    ResolvedLocally,
    /// Mean working days from acceptance to decision.
    MeanDaysToDecision,
    /// 90th percentile of working days from acceptance to decision.
    P90DaysToDecision,
    /// Busy staff time over available staff time (working hours only).
    Utilisation,
    /// Items open (queued or in hand) at the end of the day.
    Backlog,
    /// Residents per staff member.
    ResidentsPerStaff,
    /// Items that arrived.
    Arrivals,
    /// Items closed.
    Closed,
}

/// How a metric's values read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Unit {
    /// A share between 0 and 1.
    Share,
    /// Working days.
    WorkingDays,
    /// A count of items.
    Count,
    /// A ratio (e.g. residents per staff member).
    Ratio,
}

impl Metric {
    /// Every metric, in report order.
    pub const ALL: &'static [Metric] = &[
        Metric::OnTimeStatute,
        Metric::OnTimePromise,
        Metric::ResolvedLocally,
        Metric::MeanDaysToDecision,
        Metric::P90DaysToDecision,
        Metric::Utilisation,
        Metric::Backlog,
        Metric::ResidentsPerStaff,
        Metric::Arrivals,
        Metric::Closed,
    ];

    /// The stable snake_case code used in files (`on_time_statute`, ...).
    ///
    /// ```
    /// assert_eq!(jiceng_sim::Metric::OnTimePromise.code(), "on_time_promise");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Metric::OnTimeStatute => "on_time_statute",
            Metric::OnTimePromise => "on_time_promise",
            Metric::ResolvedLocally => "resolved_locally",
            Metric::MeanDaysToDecision => "mean_days_to_decision",
            Metric::P90DaysToDecision => "p90_days_to_decision",
            Metric::Utilisation => "utilisation",
            Metric::Backlog => "backlog",
            Metric::ResidentsPerStaff => "residents_per_staff",
            Metric::Arrivals => "arrivals",
            Metric::Closed => "closed",
        }
    }

    /// The English label for human-readable output.
    pub fn name_en(self) -> &'static str {
        match self {
            Metric::OnTimeStatute => "on time (statute)",
            Metric::OnTimePromise => "on time (promise)",
            Metric::ResolvedLocally => "resolved in the township",
            Metric::MeanDaysToDecision => "mean working days to decision",
            Metric::P90DaysToDecision => "p90 working days to decision",
            Metric::Utilisation => "staff utilisation",
            Metric::Backlog => "backlog",
            Metric::ResidentsPerStaff => "residents per staff member",
            Metric::Arrivals => "arrivals",
            Metric::Closed => "closed",
        }
    }

    /// The Chinese label for human-readable output.
    pub fn name_zh(self) -> &'static str {
        match self {
            Metric::OnTimeStatute => "法定时限内办结率",
            Metric::OnTimePromise => "承诺时限内办结率",
            Metric::ResolvedLocally => "乡镇（街道）就地解决率",
            Metric::MeanDaysToDecision => "平均办结工作日",
            Metric::P90DaysToDecision => "办结工作日（90分位）",
            Metric::Utilisation => "人员利用率",
            Metric::Backlog => "积压件数",
            Metric::ResidentsPerStaff => "每名工作人员服务人口",
            Metric::Arrivals => "新增件数",
            Metric::Closed => "办结件数",
        }
    }

    /// How the metric's values read.
    pub fn unit(self) -> Unit {
        match self {
            Metric::OnTimeStatute
            | Metric::OnTimePromise
            | Metric::ResolvedLocally
            | Metric::Utilisation => Unit::Share,
            Metric::MeanDaysToDecision | Metric::P90DaysToDecision => Unit::WorkingDays,
            Metric::Backlog | Metric::Arrivals | Metric::Closed => Unit::Count,
            Metric::ResidentsPerStaff => Unit::Ratio,
        }
    }

    /// Whether a larger value is better (`None` when neither is, as for
    /// arrivals).
    pub fn higher_is_better(self) -> Option<bool> {
        match self {
            Metric::OnTimeStatute
            | Metric::OnTimePromise
            | Metric::ResolvedLocally
            | Metric::Closed => Some(true),
            Metric::MeanDaysToDecision
            | Metric::P90DaysToDecision
            | Metric::Backlog
            | Metric::ResidentsPerStaff => Some(false),
            Metric::Utilisation | Metric::Arrivals => None,
        }
    }
}

/// The level of a division in the results.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Level {
    /// The whole simulated territory.
    Province,
    /// A county (县, 县级市, 区).
    County,
    /// A township or subdistrict (乡, 镇, 街道).
    Township,
}

/// A division named in the results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Place {
    /// The division code (12 digits), as a string.
    pub code: String,
    /// The division's name.
    pub name: String,
    /// Its level.
    pub level: Level,
    /// The code of the division above it (`None` for the province).
    pub parent: Option<String>,
}

/// One estimate: the mean over replications with its 95% interval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Estimate {
    /// The variant: `baseline` or a reform's name.
    pub variant: String,
    /// The division's code (see [`Summary::places`]).
    pub division: String,
    /// The metric.
    pub metric: Metric,
    /// The day, for daily series; `None` for the whole period.
    pub day: Option<NaiveDate>,
    /// The mean over the replications in which the metric is defined.
    pub mean: f64,
    /// The 95% interval's lower end; `None` with fewer than 2 replications.
    pub ci_low: Option<f64>,
    /// The 95% interval's upper end; `None` with fewer than 2 replications.
    pub ci_high: Option<f64>,
    /// The number of replications the mean is over.
    pub replications: u32,
}

/// A reform's difference from the baseline (reform − baseline), paired by
/// replication (common random numbers), with its 95% interval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Difference {
    /// The reform's name.
    pub reform: String,
    /// The division's code.
    pub division: String,
    /// The metric.
    pub metric: Metric,
    /// The mean difference.
    pub mean: f64,
    /// The 95% interval's lower end; `None` with fewer than 2 replications.
    pub ci_low: Option<f64>,
    /// The 95% interval's upper end; `None` with fewer than 2 replications.
    pub ci_high: Option<f64>,
    /// The number of paired replications.
    pub replications: u32,
}

/// Everything a run reports. Deterministic for a given scenario and seed:
/// no wall-clock times, no thread counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Summary {
    /// The scenario's name.
    pub scenario: String,
    /// The master seed.
    pub seed: u64,
    /// The number of replications.
    pub replications: u32,
    /// The first simulated day.
    pub from: NaiveDate,
    /// The last simulated day (inclusive).
    pub to: NaiveDate,
    /// The variants, the baseline first.
    pub variants: Vec<String>,
    /// The divisions that appear in the results.
    pub places: Vec<Place>,
    /// Whole-period estimates, per variant, division and metric.
    pub totals: Vec<Estimate>,
    /// Daily series (province and counties), per variant, division, metric
    /// and day.
    pub daily: Vec<Estimate>,
    /// Each reform's whole-period difference from the baseline.
    pub differences: Vec<Difference>,
    /// Simulated events processed, over all variants and replications.
    pub events: u64,
    /// Whether a figure rests on a provisional calendar answer (a day
    /// outside the notices' coverage, answered with the statutory holidays
    /// and the weekly rule under `[policy] provisional = true`).
    #[serde(default)]
    pub provisional: bool,
}
