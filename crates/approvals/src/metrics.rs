//! Metrics over many cases, in one pass.
//!
//! The figures a service platform reports: the acceptance rate (受理率), the
//! on-time rate (按期办结率) against the promise and against the statute, the
//! share done the same day, and the working days used (mean, median, 90th
//! percentile), overall and by item, body and channel.
//!
//! Cases not yet received on the evaluation date (their logs start later)
//! are left out of every figure and counted apart (`not_yet_received`).
//! The same-day figures use the handling kind: a 即办件 (handled on the
//! spot) counts as done on the spot when decided the day it was received.
//!
//! [`Metrics`] is a fold: add evaluations one by one, or merge two folds.
//! Working days are kept in a histogram (0 to 1,023, and one bucket above),
//! so medians and percentiles are exact, memory is constant, and the
//! metrics of a split slice merged equal the metrics of the whole.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use crate::case::{Case, Channel};
use crate::evaluate::{Evaluation, Status};

const BUCKETS: usize = 1025;

/// A fold of case evaluations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metrics {
    /// Cases seen, received on the evaluation date.
    pub cases: u64,
    /// Cases whose logs start after the evaluation date: left out of every
    /// other figure.
    pub not_yet_received: u64,
    /// Decided cases handled on the spot (即办件).
    pub decided_on_the_spot: u64,
    /// Of those, decided on the day of receipt.
    pub on_the_spot_same_day: u64,
    /// Cases with at least one flag.
    pub flagged: u64,
    /// Cases with materials received.
    pub received: u64,
    /// Cases whose clocks started (accepted, or deemed accepted).
    pub accepted: u64,
    /// Not accepted.
    pub rejected: u64,
    /// Withdrawn.
    pub withdrawn: u64,
    /// Decided.
    pub decided: u64,
    /// Decided cases that had a promise.
    pub decided_with_promise: u64,
    /// Decided on or before the promised date.
    pub on_time_promise: u64,
    /// Decided on or before the statutory date.
    pub on_time_statute: u64,
    /// Decided on the day of receipt.
    pub same_day: u64,
    /// Open and past the promised date (within the statute).
    pub open_late_promise: u64,
    /// Open and past the statutory date.
    pub open_late_statute: u64,
    /// Results that depend on days no holiday notice covers yet.
    pub provisional: u64,
    sum_days: u64,
    hist: Vec<u64>,
}

impl Default for Metrics {
    fn default() -> Metrics {
        Metrics {
            cases: 0,
            not_yet_received: 0,
            decided_on_the_spot: 0,
            on_the_spot_same_day: 0,
            flagged: 0,
            received: 0,
            accepted: 0,
            rejected: 0,
            withdrawn: 0,
            decided: 0,
            decided_with_promise: 0,
            on_time_promise: 0,
            on_time_statute: 0,
            same_day: 0,
            open_late_promise: 0,
            open_late_statute: 0,
            provisional: 0,
            sum_days: 0,
            hist: vec![0; BUCKETS],
        }
    }
}

/// The headline figures of a fold.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Summary {
    /// Cases received on the evaluation date.
    pub cases: u64,
    /// Cases not yet received on the evaluation date, left out of the
    /// figures.
    pub not_yet_received: u64,
    /// Cases with at least one flag.
    pub flagged: u64,
    /// Accepted over received (受理率).
    pub acceptance_rate: Option<f64>,
    /// Decided on time against the promise, over decided cases with one.
    pub on_time_rate_promise: Option<f64>,
    /// Decided on time against the statute, over decided cases (按期办结率).
    pub on_time_rate_statute: Option<f64>,
    /// Decided on the day of receipt, over decided cases.
    pub same_day_share: Option<f64>,
    /// Handled on the spot (即办件), over decided cases.
    pub on_the_spot_share: Option<f64>,
    /// 即办件 decided on the day of receipt, over decided 即办件.
    pub on_the_spot_same_day_rate: Option<f64>,
    /// Mean working days used by decided cases.
    pub mean_working_days: Option<f64>,
    /// Median working days used (1,024 means 1,024 or more).
    pub median_working_days: Option<u32>,
    /// 90th percentile of working days used.
    pub p90_working_days: Option<u32>,
    /// Open cases past the promise.
    pub open_late_promise: u64,
    /// Open cases past the statute.
    pub open_late_statute: u64,
    /// Results that are provisional.
    pub provisional: u64,
}

fn rate(n: u64, d: u64) -> Option<f64> {
    (d > 0).then(|| n as f64 / d as f64)
}

impl Metrics {
    /// Adds one evaluation.
    pub fn add(&mut self, e: &Evaluation) {
        if e.status == Status::NotYetReceived {
            self.not_yet_received += 1;
            return;
        }
        self.cases += 1;
        self.flagged += u64::from(!e.flags.is_empty());
        let d = &e.deadlines;
        self.received += u64::from(d.received.is_some());
        self.accepted += u64::from(d.acceptance.is_some());
        self.provisional += u64::from(d.provisional);
        match e.status {
            Status::Rejected => self.rejected += 1,
            Status::Withdrawn => self.withdrawn += 1,
            Status::LateAgainstPromise => self.open_late_promise += 1,
            Status::LateAgainstStatute => self.open_late_statute += 1,
            _ => {}
        }
        if let (Some(dec), Some(stat)) = (d.decided, d.statutory_due) {
            self.decided += 1;
            self.on_time_statute += u64::from(dec <= stat);
            if let Some(p) = d.promised_due {
                self.decided_with_promise += 1;
                self.on_time_promise += u64::from(dec <= p);
            }
            self.same_day += u64::from(e.same_day);
            if e.on_the_spot {
                self.decided_on_the_spot += 1;
                self.on_the_spot_same_day += u64::from(e.same_day);
            }
            let used = e.working_days_used.unwrap_or(0).max(0) as u64;
            self.sum_days += used;
            self.hist[(used as usize).min(BUCKETS - 1)] += 1;
        }
    }

    /// Adds the counts of another fold.
    pub fn merge(&mut self, o: &Metrics) {
        self.cases += o.cases;
        self.not_yet_received += o.not_yet_received;
        self.decided_on_the_spot += o.decided_on_the_spot;
        self.on_the_spot_same_day += o.on_the_spot_same_day;
        self.flagged += o.flagged;
        self.received += o.received;
        self.accepted += o.accepted;
        self.rejected += o.rejected;
        self.withdrawn += o.withdrawn;
        self.decided += o.decided;
        self.decided_with_promise += o.decided_with_promise;
        self.on_time_promise += o.on_time_promise;
        self.on_time_statute += o.on_time_statute;
        self.same_day += o.same_day;
        self.open_late_promise += o.open_late_promise;
        self.open_late_statute += o.open_late_statute;
        self.provisional += o.provisional;
        self.sum_days += o.sum_days;
        for (a, b) in self.hist.iter_mut().zip(&o.hist) {
            *a += b;
        }
    }

    fn percentile(&self, q: f64) -> Option<u32> {
        if self.decided == 0 {
            return None;
        }
        // The smallest value with at least ceil(q * n) values at or below it.
        let target = ((q * self.decided as f64).ceil() as u64).max(1);
        let mut seen = 0;
        for (v, n) in self.hist.iter().enumerate() {
            seen += n;
            if seen >= target {
                return Some(v as u32);
            }
        }
        None
    }

    /// The headline figures.
    pub fn summary(&self) -> Summary {
        Summary {
            cases: self.cases,
            not_yet_received: self.not_yet_received,
            flagged: self.flagged,
            acceptance_rate: rate(self.accepted, self.received),
            on_time_rate_promise: rate(self.on_time_promise, self.decided_with_promise),
            on_time_rate_statute: rate(self.on_time_statute, self.decided),
            same_day_share: rate(self.same_day, self.decided),
            on_the_spot_share: rate(self.decided_on_the_spot, self.decided),
            on_the_spot_same_day_rate: rate(self.on_the_spot_same_day, self.decided_on_the_spot),
            mean_working_days: rate(self.sum_days, self.decided),
            median_working_days: self.percentile(0.5),
            p90_working_days: self.percentile(0.9),
            open_late_promise: self.open_late_promise,
            open_late_statute: self.open_late_statute,
            provisional: self.provisional,
        }
    }
}

/// The most distinct items or bodies a [`Breakdown`] keeps apart; the
/// rest are folded under [`OTHER`], so that a hostile file with a new body
/// on every line cannot make memory grow with its length.
pub const MAX_KEYS: usize = 1000;

/// The key the items or bodies beyond [`MAX_KEYS`] are folded under.
pub const OTHER: &str = "(other)";

/// Adds to the fold under `key`, allocating the key only the first time.
fn bump(map: &mut BTreeMap<String, Metrics>, key: &str, e: &Evaluation) {
    let full = map.len() >= MAX_KEYS;
    match map.get_mut(key) {
        Some(m) => m.add(e),
        None if full => map.entry(OTHER.to_owned()).or_default().add(e),
        None => {
            let mut m = Metrics::default();
            m.add(e);
            map.insert(key.to_owned(), m);
        }
    }
}

/// Merges a fold under `key`, within the [`MAX_KEYS`] bound.
fn merge_key(map: &mut BTreeMap<String, Metrics>, key: &str, m: &Metrics) {
    let full = map.len() >= MAX_KEYS;
    match map.get_mut(key) {
        Some(x) => x.merge(m),
        None if full => map.entry(OTHER.to_owned()).or_default().merge(m),
        None => {
            map.insert(key.to_owned(), m.clone());
        }
    }
}

/// Metrics overall and by item, body and channel; at most [`MAX_KEYS`]
/// items and bodies are kept apart, the rest fold under [`OTHER`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Breakdown {
    /// All cases.
    pub total: Metrics,
    /// By service item code.
    pub by_item: BTreeMap<String, Metrics>,
    /// By handling body.
    pub by_body: BTreeMap<String, Metrics>,
    /// By channel.
    pub by_channel: BTreeMap<Channel, Metrics>,
}

impl Breakdown {
    /// Adds one case's evaluation.
    pub fn add(&mut self, case: &Case, e: &Evaluation) {
        self.total.add(e);
        if let Some(item) = &case.item {
            bump(&mut self.by_item, item, e);
        }
        if let Some(body) = &case.body {
            bump(&mut self.by_body, body, e);
        }
        if let Some(ch) = case.channel {
            self.by_channel.entry(ch).or_default().add(e);
        }
    }

    /// Adds another breakdown.
    pub fn merge(&mut self, o: &Breakdown) {
        self.total.merge(&o.total);
        for (k, m) in &o.by_item {
            merge_key(&mut self.by_item, k, m);
        }
        for (k, m) in &o.by_body {
            merge_key(&mut self.by_body, k, m);
        }
        for (k, m) in &o.by_channel {
            self.by_channel.entry(*k).or_default().merge(m);
        }
    }
}
