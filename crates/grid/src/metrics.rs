//! Metrics of digital urban management (GB/T 30428), streaming and
//! mergeable.
//!
//! * acceptance rate (受理率): accepted / reported;
//! * on-time closure rate (按期结案率): closed on time / (due − postponed),
//!   where an event is due when it is closed, or when its resolution due
//!   time is strictly before the evaluation time (an event resolved at its
//!   due instant is on time, so one still open then has not yet missed
//!   it); postponed (缓办) events are excluded
//!   as the standard says;
//! * closure rate (结案率): closed / (accepted − postponed);
//! * rework rate (返工率): events sent back at least once / events
//!   resolved;
//! * township share: closed events never escalated / closed events;
//! * response and resolution times in working minutes, median and p90.
//!
//! Times are counted in exact histograms of working minutes (one counter a
//! minute up to [`HISTOGRAM_MINUTES`], then one overflow counter), so that
//! memory does not depend on the number of events and two partial results
//! add up exactly to the whole. A histogram holds only the minutes it has
//! seen, as a sorted list, until it has seen [`DENSE_FROM`] distinct
//! minutes; then it holds one counter for every minute. A group of a
//! breakdown with one event thus costs one counter, not ten thousand, and a
//! group's memory is bounded by the events it holds.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use jiceng_calendar::{Calendar, WorkingHours};
use schemars::JsonSchema;
use serde::Serialize;

use crate::error::Error;
use crate::event::{State, Ticket};

/// The working minutes the histograms count exactly: 24 working days of
/// seven hours. Longer times fall in the overflow bucket.
pub const HISTOGRAM_MINUTES: usize = 24 * 420;

/// The distinct minutes past which a histogram holds a counter for every
/// minute: where a sorted list of (minute, count) pairs of 16 bytes would
/// take about a fifth of the dense counters' 80 KB.
pub const DENSE_FROM: usize = 1024;

/// The counters of a histogram.
#[derive(Debug, Clone)]
enum Counts {
    /// The minutes seen, ascending, each with its count (never 0).
    Sparse(Vec<(u32, u64)>),
    /// One counter a minute, `HISTOGRAM_MINUTES + 1` of them.
    Dense(Box<[u64]>),
}

/// An exact histogram of working minutes.
///
/// Two histograms are equal when they hold the same counts, however they
/// hold them.
///
/// ```
/// use jiceng_grid::Histogram;
/// let mut h = Histogram::default();
/// h.add(30);
/// h.add(30);
/// h.add(75);
/// assert_eq!(h.count(), 3);
/// // Two distinct minutes: two counters.
/// assert_eq!(h.entries(), 2);
/// assert_eq!(h.quantile_permille(500), Some(30));
/// ```
#[derive(Debug, Clone)]
pub struct Histogram {
    counts: Counts,
    overflow: u64,
    total: u64,
}

impl Default for Histogram {
    fn default() -> Histogram {
        Histogram {
            counts: Counts::Sparse(Vec::new()),
            overflow: 0,
            total: 0,
        }
    }
}

impl PartialEq for Histogram {
    fn eq(&self, other: &Histogram) -> bool {
        self.overflow == other.overflow
            && self.total == other.total
            && self.nonzero().eq(other.nonzero())
    }
}

impl Eq for Histogram {}

/// Adds a sparse list's counts into dense counters.
fn add_pairs(dense: &mut [u64], pairs: &[(u32, u64)]) {
    for &(m, c) in pairs {
        // A sparse minute is at most HISTOGRAM_MINUTES: `add` puts larger
        // ones in the overflow counter.
        if let Some(slot) = dense.get_mut(m as usize) {
            *slot += c;
        }
    }
}

/// The dense counters of a sparse list.
fn densify(pairs: &[(u32, u64)]) -> Box<[u64]> {
    let mut dense = vec![0; HISTOGRAM_MINUTES + 1].into_boxed_slice();
    add_pairs(&mut dense, pairs);
    dense
}

impl Histogram {
    /// Counts one time.
    pub fn add(&mut self, minutes: i64) {
        self.total += 1;
        let m = match u32::try_from(minutes.max(0)) {
            Ok(m) if m as usize <= HISTOGRAM_MINUTES => m,
            _ => {
                self.overflow += 1;
                return;
            }
        };
        match &mut self.counts {
            Counts::Dense(d) => {
                if let Some(slot) = d.get_mut(m as usize) {
                    *slot += 1;
                }
            }
            Counts::Sparse(v) => match v.binary_search_by_key(&m, |&(k, _)| k) {
                Ok(i) => {
                    if let Some(p) = v.get_mut(i) {
                        p.1 += 1;
                    }
                }
                Err(i) => {
                    v.insert(i, (m, 1));
                    if v.len() >= DENSE_FROM {
                        self.counts = Counts::Dense(densify(v));
                    }
                }
            },
        }
    }

    /// Adds another histogram's counts.
    pub fn merge(&mut self, other: &Histogram) {
        self.overflow += other.overflow;
        self.total += other.total;
        match (&mut self.counts, &other.counts) {
            (Counts::Dense(a), Counts::Dense(b)) => {
                for (a, b) in a.iter_mut().zip(b.iter()) {
                    *a += b;
                }
            }
            (Counts::Dense(a), Counts::Sparse(b)) => add_pairs(a, b),
            (Counts::Sparse(a), Counts::Dense(b)) => {
                let mut dense = b.clone();
                add_pairs(&mut dense, a);
                self.counts = Counts::Dense(dense);
            }
            (Counts::Sparse(a), Counts::Sparse(b)) => {
                // Merge two ascending lists into one.
                let mut merged = Vec::with_capacity(a.len() + b.len());
                let (mut i, mut j) = (a.iter().peekable(), b.iter().peekable());
                loop {
                    let next = match (i.peek(), j.peek()) {
                        (Some(&&x), Some(&&y)) if x.0 == y.0 => {
                            i.next();
                            j.next();
                            (x.0, x.1 + y.1)
                        }
                        (Some(&&x), Some(&&y)) if x.0 < y.0 => {
                            i.next();
                            x
                        }
                        (_, Some(&&y)) => {
                            j.next();
                            y
                        }
                        (Some(&&x), None) => {
                            i.next();
                            x
                        }
                        (None, None) => break,
                    };
                    merged.push(next);
                }
                self.counts = if merged.len() >= DENSE_FROM {
                    Counts::Dense(densify(&merged))
                } else {
                    Counts::Sparse(merged)
                };
            }
        }
    }

    /// How many times were counted.
    pub fn count(&self) -> u64 {
        self.total
    }

    /// How many counters the histogram holds: the distinct minutes it has
    /// seen, or `HISTOGRAM_MINUTES + 1` once it has seen [`DENSE_FROM`] of
    /// them. What its memory is proportional to.
    pub fn entries(&self) -> usize {
        match &self.counts {
            Counts::Sparse(v) => v.len(),
            Counts::Dense(d) => d.len(),
        }
    }

    /// The minutes counted, ascending, each with its count, the overflow
    /// left out.
    fn nonzero(&self) -> Box<dyn Iterator<Item = (u32, u64)> + '_> {
        match &self.counts {
            Counts::Sparse(v) => Box::new(v.iter().copied()),
            Counts::Dense(d) => Box::new(
                d.iter()
                    .zip(0u32..)
                    .filter(|&(&c, _)| c > 0)
                    .map(|(&c, m)| (m, c)),
            ),
        }
    }

    /// The smallest time with at least `q` per mille of the
    /// counts at or below it (the nearest-rank quantile); `None` when
    /// empty or when the rank falls in the overflow bucket.
    pub fn quantile_permille(&self, q: u32) -> Option<u32> {
        if self.total == 0 {
            return None;
        }
        // The nearest rank: ceil(q × n / 1000), at least 1.
        let rank = (u64::from(q.min(1000)) * self.total).div_ceil(1000).max(1);
        let mut seen = 0;
        for (m, c) in self.nonzero() {
            seen += c;
            if seen >= rank {
                return Some(m);
            }
        }
        None
    }
}

/// A rate as its numerator and denominator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Rate {
    /// The numerator.
    pub num: u64,
    /// The denominator.
    pub den: u64,
}

impl Rate {
    /// The rate, or none over zero.
    pub fn value(self) -> Option<f64> {
        (self.den > 0).then(|| self.num as f64 / self.den as f64)
    }
}

/// Counts over a set of events, mergeable.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Metrics {
    /// Events reported.
    pub reported: u64,
    /// Accepted (not rejected; responded).
    pub accepted: u64,
    /// Rejected.
    pub rejected: u64,
    /// Closed, or open with its resolution due time strictly before the
    /// evaluation time.
    pub due: u64,
    /// Postponed among the accepted.
    pub postponed: u64,
    /// Postponed among the due.
    pub postponed_due: u64,
    /// Closed.
    pub closed: u64,
    /// Closed, having been postponed: out of the closure rate, whose
    /// denominator leaves postponed events out.
    pub closed_postponed: u64,
    /// Closed, never postponed, having been resolved by the resolution due
    /// time.
    pub closed_on_time: u64,
    /// Resolved at least once.
    pub resolved: u64,
    /// Sent back for rework at least once.
    pub reworked: u64,
    /// Closed without escalation.
    pub closed_in_township: u64,
    /// Working minutes from report to acceptance or rejection.
    pub response: Histogram,
    /// Working minutes from report to the last resolution.
    pub resolution: Histogram,
}

/// The figures a report prints.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Summary {
    /// Events reported.
    pub reported: u64,
    /// 受理率.
    pub acceptance: Rate,
    /// 按期结案率.
    pub on_time_closure: Rate,
    /// 结案率.
    pub closure: Rate,
    /// 返工率.
    pub rework: Rate,
    /// Share closed at township level.
    pub township_share: Rate,
    /// Median response, working minutes.
    pub response_median: Option<u32>,
    /// 90th percentile response, working minutes.
    pub response_p90: Option<u32>,
    /// Median resolution, working minutes.
    pub resolution_median: Option<u32>,
    /// 90th percentile resolution, working minutes.
    pub resolution_p90: Option<u32>,
}

impl Metrics {
    /// Counts one event as it stands at `as_of`.
    ///
    /// # Errors
    ///
    /// Calendar errors for times outside the calendar's coverage.
    pub fn add(
        &mut self,
        t: &Ticket,
        as_of: DateTime<FixedOffset>,
        cal: &Calendar,
        hours: &WorkingHours,
    ) -> Result<(), Error> {
        let response = t
            .responded_at
            .map(|r| hours.minutes_between(cal, t.reported_at, r))
            .transpose()?;
        let resolution = t
            .resolved_at
            .map(|r| hours.minutes_between(cal, t.reported_at, r))
            .transpose()?;
        self.reported += 1;
        if let Some(m) = response {
            self.response.add(m);
        }
        if t.state == State::Rejected {
            self.rejected += 1;
            return Ok(());
        }
        if t.responded_at.is_none() {
            return Ok(());
        }
        self.accepted += 1;
        let closed = t.state == State::Closed;
        let postponed = t.postponed.is_some();
        self.postponed += u64::from(postponed);
        // An open event has missed its due time only once the evaluation
        // time is past it: resolved at the due instant is still on time.
        if closed || t.resolution_due < as_of {
            self.due += 1;
            self.postponed_due += u64::from(postponed);
        }
        if let Some(m) = resolution {
            self.resolved += 1;
            self.resolution.add(m);
        }
        self.reworked += u64::from(t.reworks > 0);
        if closed {
            self.closed += 1;
            self.closed_postponed += u64::from(postponed);
            self.closed_on_time +=
                u64::from(!postponed && t.resolved_at.is_some_and(|r| r <= t.resolution_due));
            self.closed_in_township += u64::from(t.escalations.is_empty());
        }
        Ok(())
    }

    /// Adds another partial result.
    pub fn merge(&mut self, o: &Metrics) {
        self.reported += o.reported;
        self.accepted += o.accepted;
        self.rejected += o.rejected;
        self.due += o.due;
        self.postponed += o.postponed;
        self.postponed_due += o.postponed_due;
        self.closed += o.closed;
        self.closed_postponed += o.closed_postponed;
        self.closed_on_time += o.closed_on_time;
        self.resolved += o.resolved;
        self.reworked += o.reworked;
        self.closed_in_township += o.closed_in_township;
        self.response.merge(&o.response);
        self.resolution.merge(&o.resolution);
    }

    /// The figures.
    pub fn summary(&self) -> Summary {
        Summary {
            reported: self.reported,
            acceptance: Rate {
                num: self.accepted,
                den: self.reported,
            },
            on_time_closure: Rate {
                num: self.closed_on_time,
                den: self.due.saturating_sub(self.postponed_due),
            },
            closure: Rate {
                num: self.closed.saturating_sub(self.closed_postponed),
                den: self.accepted.saturating_sub(self.postponed),
            },
            rework: Rate {
                num: self.reworked,
                den: self.resolved,
            },
            township_share: Rate {
                num: self.closed_in_township,
                den: self.closed,
            },
            response_median: self.response.quantile_permille(500),
            response_p90: self.response.quantile_permille(900),
            resolution_median: self.resolution.quantile_permille(500),
            resolution_p90: self.resolution.quantile_permille(900),
        }
    }
}

/// What to break metrics down by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum By {
    /// The township of the event's cell.
    Township,
    /// The cell.
    Cell,
    /// The category.
    Category,
    /// The body last dispatched to (`-` when none).
    Body,
}

/// Metrics per key, mergeable.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Breakdown {
    /// The metrics of each key.
    pub groups: BTreeMap<String, Metrics>,
}

impl Breakdown {
    /// Counts one event under its key. `township` is the code of the grid's
    /// township, used for [`By::Township`].
    ///
    /// # Errors
    ///
    /// As [`Metrics::add`].
    pub fn add(
        &mut self,
        by: By,
        township: &str,
        t: &Ticket,
        as_of: DateTime<FixedOffset>,
        cal: &Calendar,
        hours: &WorkingHours,
    ) -> Result<(), Error> {
        let key = match by {
            By::Township => township,
            By::Cell => t.cell.as_str(),
            By::Category => t.category.as_str(),
            By::Body => t.body.as_deref().unwrap_or("-"),
        };
        if !self.groups.contains_key(key) {
            self.groups.insert(key.to_owned(), Metrics::default());
        }
        match self.groups.get_mut(key) {
            Some(m) => m.add(t, as_of, cal, hours),
            None => Ok(()),
        }
    }

    /// Adds another partial result.
    pub fn merge(&mut self, o: &Breakdown) {
        for (k, m) in &o.groups {
            self.groups.entry(k.clone()).or_default().merge(m);
        }
    }
}
