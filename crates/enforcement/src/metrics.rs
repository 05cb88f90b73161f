//! A mergeable fold over evaluations: counts by status and by flag, and the
//! share of decisions made in time.

use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

use crate::evaluate::{Evaluation, Flag, Status};

/// Counts over many evaluated cases; [`Metrics::merge`] combines folds made
/// in parallel.
///
/// # Example
///
/// ```
/// use jiceng_calendar::Calendar;
/// use jiceng_enforcement::{Metrics, PenaltyCase, evaluate, Options};
///
/// let case: PenaltyCase = serde_json::from_str(
///     r#"{"id": "x", "events": [{"date": "2025-03-05", "kind": "filed"}]}"#)?;
/// let e = evaluate(&case, "2025-07-01".parse()?, &Calendar::china_mainland(), &Options::default())?;
/// let mut m = Metrics::default();
/// m.add(&e);
/// let s = m.summary();
/// assert_eq!((s.cases, s.flags["decision_late"]), (1, 1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metrics {
    cases: u64,
    by_status: [u64; Status::ALL.len()],
    by_flag: [u64; Flag::ALL.len()],
    decided: u64,
    decided_in_time: u64,
    flagged: u64,
}

/// The figures of a [`Metrics`].
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Summary {
    /// Cases evaluated.
    pub cases: u64,
    /// Cases by status name (every status, zeros included).
    pub statuses: BTreeMap<&'static str, u64>,
    /// Cases by flag name (every flag, zeros included).
    pub flags: BTreeMap<&'static str, u64>,
    /// Cases with at least one flag.
    pub flagged: u64,
    /// Filed cases decided.
    pub decided: u64,
    /// Of those, decided by the Art. 60 date.
    pub decided_in_time: u64,
    /// `decided_in_time / decided`, when any were decided.
    pub in_time_rate: Option<f64>,
}

impl Metrics {
    /// Adds one evaluation.
    pub fn add(&mut self, e: &Evaluation) {
        self.cases += 1;
        self.by_status[e.status as usize] += 1;
        for f in e.flags.iter() {
            self.by_flag[f as usize] += 1;
        }
        if !e.flags.is_empty() {
            self.flagged += 1;
        }
        if e.deadlines.decision_due.is_some() && e.decided.is_some() {
            self.decided += 1;
            if !e.flags.contains(Flag::DecisionLate) {
                self.decided_in_time += 1;
            }
        }
    }

    /// Adds another fold's counts.
    pub fn merge(&mut self, o: &Metrics) {
        self.cases += o.cases;
        for (a, b) in self.by_status.iter_mut().zip(o.by_status) {
            *a += b;
        }
        for (a, b) in self.by_flag.iter_mut().zip(o.by_flag) {
            *a += b;
        }
        self.decided += o.decided;
        self.decided_in_time += o.decided_in_time;
        self.flagged += o.flagged;
    }

    /// The figures.
    pub fn summary(&self) -> Summary {
        Summary {
            cases: self.cases,
            statuses: Status::ALL
                .iter()
                .map(|s| (s.name(), self.by_status[*s as usize]))
                .collect(),
            flags: Flag::ALL
                .iter()
                .map(|f| (f.name(), self.by_flag[*f as usize]))
                .collect(),
            flagged: self.flagged,
            decided: self.decided,
            decided_in_time: self.decided_in_time,
            in_time_rate: (self.decided > 0)
                .then(|| self.decided_in_time as f64 / self.decided as f64),
        }
    }
}
