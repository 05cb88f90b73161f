//! Workload staffing: how many people a counter, a hotline or a service
//! centre needs to answer a share of its callers within a time.
//!
//! **Erlang C** (the M/M/c queue) assumes calls arriving at random (Poisson)
//! at rate `λ`, handling times exponential with mean `AHT`, `c` servers and
//! callers who wait as long as it takes. The traffic intensity is
//! `A = λ · AHT` erlangs; with `c > A` servers the probability that a caller
//! waits is Erlang's C formula, and the share answered within `t` is
//! `SL = 1 − C(c, A) · exp(−(c − A) · t / AHT)`.
//!
//! [`erlang_c`] follows pyworkforce's `ErlangC.required_positions` step for
//! step, so that its answers are the same: it starts at `round(A + 1)`
//! servers (ties to even), adds one until the service level is met, then,
//! if the occupancy `A / c` exceeds the maximum, raises the servers to
//! `ceil(A / max_occupancy)`; `positions` grosses the result up for
//! shrinkage (leave, training, meetings): `ceil(raw / (1 − shrinkage))`.
//! Erlang B is computed by its recursion `1/B_k = 1 + (k / A) / B_{k−1}`,
//! which is exact and stable for any traffic; when `1/B` grows past 1e300
//! (many more servers than traffic) the recursion goes on in log space, so
//! nothing overflows however large the arrival rate or the server count.
//!
//! **Erlang A** (M/M/c+M, Palm's queue with impatient callers) adds
//! abandonment: each waiting caller hangs up after an exponential patience
//! of mean `P`, rate `θ = 1/P`. It is the model of Mandelbaum and Zeltyn
//! ("The Palm/Erlang-A queue, with applications to call centers", 2007).
//! [`erlang_a`] computes the stationary distribution of the number in the
//! system in log space (`π_k ∝ A^k / k!` up to `c`, then each step times
//! `λ / (cμ + jθ)`), and from it the probability of waiting, of
//! abandoning (`θ · E[queue] / λ`) and the service level as the share of
//! *all* callers answered within `t`: those served at once, plus those who
//! find `j` ahead and are served within `t`. Such a caller moves up at rate
//! `cμ + mθ` with `m` ahead and hangs up at rate `θ`; its time to service
//! given it is served is a sum of exponentials with rates `cμ + kθ`,
//! `k = 1 … j+1`, whose distribution is the Beta(j+1, cμ/θ + 1) law of
//! `1 − e^{−θt}`, and it is served with probability `cμ / (cμ + (j+1)θ)`.
//! The regularised incomplete beta with an integer first argument is a
//! finite negative-binomial sum, accumulated term by term as `j` grows.
//! As the patience grows without bound the answers tend to Erlang C's.
//!
//! The **workload ratio** ([`workload_ratio`]) is the plain alternative:
//! hours of work divided by the productive hours of one person.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Error;

/// The most servers a requirement search will try before giving up: a
/// hostile input (a service level of 1, astronomical traffic) must not
/// loop for ever.
pub const MAX_POSITIONS: u64 = 10_000_000;

/// A workload: arrivals in an interval, their handling time, the target.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Workload {
    /// Arrivals (calls, visitors, cases) in the interval.
    pub transactions: f64,
    /// The interval's length, in minutes.
    pub interval_minutes: f64,
    /// The mean handling time, in minutes.
    pub aht_minutes: f64,
    /// The answer time of the target, in minutes (pyworkforce's `asa`).
    pub within_minutes: f64,
    /// The share of working time not available for the work, in [0, 1).
    pub shrinkage: f64,
}

/// A staffing requirement, with the keys of pyworkforce's answer.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Requirement {
    /// Servers needed at work.
    pub raw_positions: u64,
    /// Staff needed once shrinkage is allowed for.
    pub positions: u64,
    /// The share answered within the time, with `raw_positions`.
    pub service_level: f64,
    /// The share of time servers are busy.
    pub occupancy: f64,
    /// The probability that an arrival waits.
    pub waiting_probability: f64,
    /// The share of arrivals who hang up (Erlang A; 0 for Erlang C).
    pub abandonment: f64,
}

impl Workload {
    /// Traffic intensity in erlangs: `transactions / interval × AHT`.
    ///
    /// # Example
    /// ```
    /// use jiceng_staffing::Workload;
    /// let w = Workload { transactions: 100.0, interval_minutes: 30.0, aht_minutes: 3.0,
    ///                    within_minutes: 20.0 / 60.0, shrinkage: 0.3 };
    /// assert_eq!(w.intensity(), 10.0);
    /// ```
    pub fn intensity(&self) -> f64 {
        self.transactions / self.interval_minutes * self.aht_minutes
    }

    fn validate(&self) -> Result<(), Error> {
        let positive = [
            ("transactions", self.transactions),
            ("interval_minutes", self.interval_minutes),
            ("aht_minutes", self.aht_minutes),
        ];
        for (name, v) in positive {
            if !(v.is_finite() && v > 0.0) {
                return Err(Error::Parameter {
                    name,
                    value: v.to_string(),
                    expected: "a finite number above 0",
                });
            }
        }
        if !(self.within_minutes.is_finite() && self.within_minutes >= 0.0) {
            return Err(Error::Parameter {
                name: "within_minutes",
                value: self.within_minutes.to_string(),
                expected: "a finite number, 0 or more",
            });
        }
        if !(0.0..1.0).contains(&self.shrinkage) {
            return Err(Error::Parameter {
                name: "shrinkage",
                value: self.shrinkage.to_string(),
                expected: "at least 0 and below 1",
            });
        }
        let a = self.intensity();
        if !a.is_finite() || a > MAX_POSITIONS as f64 / 2.0 {
            return Err(Error::Parameter {
                name: "intensity",
                value: a.to_string(),
                expected: "at most 5000000 erlangs",
            });
        }
        Ok(())
    }
}

fn check_targets(service_level: f64, max_occupancy: f64) -> Result<(), Error> {
    if !(0.0..=1.0).contains(&service_level) {
        return Err(Error::Parameter {
            name: "service_level",
            value: service_level.to_string(),
            expected: "between 0 and 1",
        });
    }
    if !(max_occupancy > 0.0 && max_occupancy <= 1.0) {
        return Err(Error::Parameter {
            name: "max_occupancy",
            value: max_occupancy.to_string(),
            expected: "above 0 and at most 1",
        });
    }
    Ok(())
}

/// Erlang B for `c` servers, kept as `1/B` while it is representable and
/// as `ln(1/B)` beyond, extended one server at a time.
#[derive(Debug, Clone, Copy)]
struct ErlangB {
    a: f64,
    k: u64,
    /// `1/B_k`, while below `LOG_SWITCH`.
    inv: f64,
    /// `ln(1/B_k)`, once `log` is set.
    ln_inv: f64,
    log: bool,
}

const LOG_SWITCH: f64 = 1e300;

impl ErlangB {
    fn new(a: f64) -> ErlangB {
        ErlangB {
            a,
            k: 0,
            inv: 1.0,
            ln_inv: 0.0,
            log: false,
        }
    }

    fn step(&mut self) {
        self.k += 1;
        let k = self.k as f64;
        if self.log {
            // ln(1 + e^x) with x = ln(1/B) + ln(k/A), stable for large x.
            let x = self.ln_inv + (k / self.a).ln();
            self.ln_inv = if x > 0.0 {
                x + (-x).exp().ln_1p()
            } else {
                x.exp().ln_1p()
            };
        } else {
            // The same expression as pyworkforce, so that the numbers agree
            // to the last bit.
            self.inv = 1.0 + self.inv * k / self.a;
            if self.inv > LOG_SWITCH {
                self.log = true;
                self.ln_inv = self.inv.ln();
            }
        }
    }

    fn advance_to(&mut self, c: u64) {
        while self.k < c {
            self.step();
        }
    }

    fn b(&self) -> f64 {
        if self.log {
            (-self.ln_inv).exp()
        } else {
            1.0 / self.inv
        }
    }

    /// Erlang C: the probability of waiting with `k` servers (`k > A`).
    fn c(&self) -> f64 {
        let b = self.b();
        let c = self.k as f64;
        c * b / (c - self.a * (1.0 - b))
    }
}

fn service_level_c(w: &Workload, eb: &ErlangB) -> f64 {
    let c = eb.k as f64;
    let a = eb.a;
    let pw = eb.c();
    (1.0 - pw * (-(c - a) * (w.within_minutes / w.aht_minutes)).exp()).max(0.0)
}

/// `raw` staff grossed up for shrinkage, `ceil(raw / (1 − shrinkage))`;
/// an error past [`MAX_POSITIONS`], where a shrinkage a hair below 1 would
/// otherwise make a count of billions, or saturate the integer.
fn gross_up(raw: u64, shrinkage: f64) -> Result<u64, Error> {
    let staff = (raw as f64 / (1.0 - shrinkage)).ceil();
    if staff > MAX_POSITIONS as f64 {
        return Err(Error::Parameter {
            name: "shrinkage",
            value: shrinkage.to_string(),
            expected: "a shrinkage that leaves at most 10000000 staff",
        });
    }
    Ok(staff as u64)
}

/// The staff needed under Erlang C, as pyworkforce's
/// `ErlangC.required_positions(service_level, max_occupancy)` computes it.
///
/// # Errors
/// [`Error::Parameter`] for a non-positive or non-finite input, a target or
/// occupancy out of range, traffic above 5 million erlangs, or a shrinkage
/// that grosses the staff up past [`MAX_POSITIONS`].
///
/// # Example
/// ```
/// use jiceng_staffing::{erlang_c, Workload};
/// // pyworkforce's own docstring example: 100 calls in 30 minutes, 3
/// // minutes each, 80% within 20 seconds, occupancy ≤ 85%, shrinkage 30%.
/// let w = Workload { transactions: 100.0, interval_minutes: 30.0, aht_minutes: 3.0,
///                    within_minutes: 20.0 / 60.0, shrinkage: 0.3 };
/// let r = erlang_c(&w, 0.8, 0.85)?;
/// assert_eq!((r.raw_positions, r.positions), (14, 20));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn erlang_c(
    w: &Workload,
    service_level: f64,
    max_occupancy: f64,
) -> Result<Requirement, Error> {
    w.validate()?;
    check_targets(service_level, max_occupancy)?;
    let a = w.intensity();
    let mut eb = ErlangB::new(a);
    // round(A + 1) with ties to even, as Python's round().
    let mut c = (a + 1.0).round_ties_even() as u64;
    eb.advance_to(c);
    let mut sl = service_level_c(w, &eb);
    while sl < service_level {
        if c >= MAX_POSITIONS {
            return Err(Error::Parameter {
                name: "service_level",
                value: service_level.to_string(),
                expected: "a target reachable with at most 10000000 positions",
            });
        }
        c += 1;
        eb.advance_to(c);
        sl = service_level_c(w, &eb);
    }
    let mut occupancy = a / c as f64;
    let mut raw = c;
    if occupancy > max_occupancy {
        let need = (a / max_occupancy).ceil();
        if need > MAX_POSITIONS as f64 {
            return Err(Error::Parameter {
                name: "max_occupancy",
                value: max_occupancy.to_string(),
                expected: "an occupancy reachable with at most 10000000 positions",
            });
        }
        raw = need as u64;
        if raw as f64 <= a {
            // ceil(A / occ) equals A only when occ = 1, excluded above; a
            // float edge cannot leave fewer servers than the traffic.
            raw = a.floor() as u64 + 1;
        }
        eb.advance_to(raw);
        occupancy = a / raw as f64;
        sl = service_level_c(w, &eb);
    }
    let pw = eb.c();
    Ok(Requirement {
        raw_positions: raw,
        positions: gross_up(raw, w.shrinkage)?,
        service_level: sl,
        occupancy,
        waiting_probability: pw,
        abandonment: 0.0,
    })
}

/// The measures of an Erlang A queue with `c` servers.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ErlangAMeasures {
    /// The probability that an arrival waits.
    pub waiting_probability: f64,
    /// The share of arrivals who hang up.
    pub abandonment: f64,
    /// The share of arrivals served within the target time.
    pub service_level: f64,
    /// The share of time servers are busy: served traffic over `c`.
    pub occupancy: f64,
}

/// The most waiting places the Erlang A sum visits past the servers.
const MAX_QUEUE_TERMS: usize = 1_000_000;

/// The measures of the Erlang A (M/M/c+M) queue with `c` servers and mean
/// patience `patience_minutes`.
///
/// # Errors
/// [`Error::Parameter`] for an invalid workload, `c = 0`, or a patience
/// that is not a finite positive number.
///
/// # Example
/// ```
/// use jiceng_staffing::{erlang_a_measures, Workload};
/// // One server, patience equal to the handling time: the queue behaves as
/// // M/M/∞, so P(no wait) = e^{−A}; with A = 1, P(wait) = 1 − 1/e.
/// let w = Workload { transactions: 60.0, interval_minutes: 60.0, aht_minutes: 1.0,
///                    within_minutes: 0.0, shrinkage: 0.0 };
/// let m = erlang_a_measures(&w, 1, 1.0)?;
/// assert!((m.waiting_probability - (1.0 - (-1.0f64).exp())).abs() < 1e-12);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn erlang_a_measures(
    w: &Workload,
    c: u64,
    patience_minutes: f64,
) -> Result<ErlangAMeasures, Error> {
    w.validate()?;
    if c == 0 || c > MAX_POSITIONS {
        return Err(Error::Parameter {
            name: "positions",
            value: c.to_string(),
            expected: "1 to 10000000",
        });
    }
    if !(patience_minutes.is_finite() && patience_minutes > 0.0) {
        return Err(Error::Parameter {
            name: "patience_minutes",
            value: patience_minutes.to_string(),
            expected: "a finite number above 0",
        });
    }
    let lambda = w.transactions / w.interval_minutes;
    let mu = 1.0 / w.aht_minutes;
    let theta = 1.0 / patience_minutes;
    let a = lambda / mu;
    let cm = c as f64 * mu;
    let ln_a = a.ln();
    // ln π_k, unnormalised: first the servers, then the queue.
    let mut ln_server = Vec::with_capacity(c as usize + 1);
    let mut x = 0.0f64;
    ln_server.push(x);
    for k in 1..=c {
        x += ln_a - (k as f64).ln();
        ln_server.push(x);
    }
    let mut ln_queue = Vec::new(); // ln π_{c+j}, j ≥ 1
    let mut y = x;
    let mut peak = ln_server.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut settled = false;
    for j in 1..=MAX_QUEUE_TERMS {
        let ratio = lambda / (cm + j as f64 * theta);
        y += ratio.ln();
        peak = peak.max(y);
        ln_queue.push(y);
        // Past the mode the terms fall ever faster; stop when negligible.
        if ratio < 1.0 && y < peak - 60.0 {
            settled = true;
            break;
        }
    }
    if !settled {
        return Err(Error::Parameter {
            name: "patience_minutes",
            value: patience_minutes.to_string(),
            expected: "a patience short enough for the queue to settle within 1000000 places \
                       (callers who never hang up: use Erlang C)",
        });
    }
    let z: f64 = ln_server
        .iter()
        .chain(&ln_queue)
        .map(|l| (l - peak).exp())
        .sum();
    let p = |l: f64| (l - peak).exp() / z;
    let below: f64 = ln_server[..c as usize].iter().map(|&l| p(l)).sum();
    let waiting = (1.0 - below).clamp(0.0, 1.0);
    let mean_queue: f64 = ln_queue
        .iter()
        .enumerate()
        .map(|(j, &l)| (j + 1) as f64 * p(l))
        .sum();
    let abandonment = (theta * mean_queue / lambda).clamp(0.0, 1.0);
    // Served within t: at once, or after finding j ahead (j = 0, 1, …).
    // P(served by t | j ahead) = cμ/(cμ+(j+1)θ) · I_x(j+1, cμ/θ + 1),
    // x = 1 − e^{−θt}; I_x(n, b) = 1 − Σ_{i<n} T_i with
    // T_i = C(b+i−1, i) x^i (1−x)^b, kept in logs.
    let t = w.within_minutes;
    let b = cm / theta + 1.0;
    let mut within = below;
    if t > 0.0 {
        let ln_x = (-(-theta * t).exp_m1()).ln();
        let mut ln_t = -theta * t * b; // ln T_0 = b · ln(1 − x)
        let mut cum = 0.0f64; // Σ_{i ≤ j} T_i
        let states = std::iter::once(ln_server[c as usize]).chain(ln_queue.iter().copied());
        for (j, l) in states.enumerate() {
            if j > 0 {
                let i = j as f64;
                ln_t += ((b + i - 1.0) / i).ln() + ln_x;
            }
            cum += ln_t.exp();
            let served = cm / (cm + (j as f64 + 1.0) * theta);
            within += p(l) * served * (1.0 - cum).max(0.0);
        }
    }
    Ok(ErlangAMeasures {
        waiting_probability: waiting,
        abandonment,
        service_level: within.clamp(0.0, 1.0),
        occupancy: (a * (1.0 - abandonment) / c as f64).min(1.0),
    })
}

/// The staff needed under Erlang A: the fewest servers whose service level
/// reaches the target and whose occupancy does not exceed the maximum,
/// grossed up for shrinkage like [`erlang_c`].
///
/// # Errors
/// As [`erlang_a_measures`], and when no count up to [`MAX_POSITIONS`]
/// suffices or the shrinkage grosses the staff up past it.
///
/// # Example
/// ```
/// use jiceng_staffing::{erlang_a, erlang_c, Workload};
/// let w = Workload { transactions: 100.0, interval_minutes: 30.0, aht_minutes: 3.0,
///                    within_minutes: 20.0 / 60.0, shrinkage: 0.0 };
/// // Callers who hang up shorten the queue: never more staff than Erlang C.
/// let a = erlang_a(&w, 0.8, 1.0, 2.0)?;
/// assert!(a.raw_positions <= erlang_c(&w, 0.8, 1.0)?.raw_positions);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn erlang_a(
    w: &Workload,
    service_level: f64,
    max_occupancy: f64,
    patience_minutes: f64,
) -> Result<Requirement, Error> {
    w.validate()?;
    check_targets(service_level, max_occupancy)?;
    // Checked here so that the only patience error of the measures below
    // is a queue that does not settle.
    if !(patience_minutes.is_finite() && patience_minutes > 0.0) {
        return Err(Error::Parameter {
            name: "patience_minutes",
            value: patience_minutes.to_string(),
            expected: "a finite number above 0",
        });
    }
    let meets = |c: u64| -> Result<Option<ErlangAMeasures>, Error> {
        let m = match erlang_a_measures(w, c, patience_minutes) {
            Ok(m) => m,
            // Too few servers for so patient callers, or barely more than
            // the traffic: the queue grows past a million places, which no
            // target allows.
            Err(Error::Parameter {
                name: "patience_minutes",
                ..
            }) => return Ok(None),
            Err(e) => return Err(e),
        };
        Ok((m.service_level >= service_level && m.occupancy <= max_occupancy).then_some(m))
    };
    // The service level rises and the occupancy falls as servers are
    // added, so the fewest servers that meet both are found by doubling
    // and then halving the bracket: O(log c) evaluations.
    if w.intensity() * (1.0 - 1e-9) / max_occupancy > MAX_POSITIONS as f64 {
        return Err(Error::Parameter {
            name: "max_occupancy",
            value: max_occupancy.to_string(),
            expected: "an occupancy reachable with at most 10000000 positions",
        });
    }
    let mut hi = 1u64;
    let mut found = loop {
        if let Some(m) = meets(hi)? {
            break m;
        }
        // Once nobody waits, more servers change nothing: a target still
        // unmet (a service level of 1 with impatient callers) is out of
        // reach.
        let idle = erlang_a_measures(w, hi, patience_minutes)
            .map(|m| m.waiting_probability < 1e-12 && m.occupancy <= max_occupancy)
            .unwrap_or(false);
        if idle || hi >= MAX_POSITIONS {
            return Err(Error::Parameter {
                name: "service_level",
                value: service_level.to_string(),
                expected: "a target reachable with at most 10000000 positions",
            });
        }
        hi = (hi * 2).min(MAX_POSITIONS);
    };
    let mut lo = hi / 2; // does not meet the target (or is 0)
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        match meets(mid)? {
            Some(m) => {
                hi = mid;
                found = m;
            }
            None => lo = mid,
        }
    }
    Ok(Requirement {
        raw_positions: hi,
        positions: gross_up(hi, w.shrinkage)?,
        service_level: found.service_level,
        occupancy: found.occupancy,
        waiting_probability: found.waiting_probability,
        abandonment: found.abandonment,
    })
}

/// The plain workload ratio: hours of work divided by the productive hours
/// of one person, and the whole number of people that covers it.
///
/// # Errors
/// [`Error::Parameter`] for negative or non-finite work, or productive
/// hours that are not above 0.
///
/// # Example
/// ```
/// // 20 tasks of 90 hours a year = 1,800 hours; a person gives 1,600
/// // productive hours: 1.125, so 2 people.
/// let (ratio, people) = jiceng_staffing::workload_ratio(1_800.0, 1_600.0)?;
/// assert_eq!((ratio, people), (1.125, 2));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn workload_ratio(work_hours: f64, productive_hours: f64) -> Result<(f64, u64), Error> {
    if !(work_hours.is_finite() && work_hours >= 0.0) {
        return Err(Error::Parameter {
            name: "work_hours",
            value: work_hours.to_string(),
            expected: "a finite number, 0 or more",
        });
    }
    if !(productive_hours.is_finite() && productive_hours > 0.0) {
        return Err(Error::Parameter {
            name: "productive_hours",
            value: productive_hours.to_string(),
            expected: "a finite number above 0",
        });
    }
    let r = work_hours / productive_hours;
    if r > MAX_POSITIONS as f64 {
        return Err(Error::Parameter {
            name: "work_hours",
            value: work_hours.to_string(),
            expected: "at most 10000000 people's work",
        });
    }
    Ok((r, r.ceil() as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Beyond 1e300 the recursion runs on ln(1/B). For c ≫ A,
    /// 1/B_c = Σ_{k≤c} c! / (k! A^{c−k}) = (c!/A^c) Σ_{k≤c} A^k/k!, and the
    /// last sum is e^A to double precision, so ln(1/B_200) with A = 0.01 is
    /// ln 200! + 200 ln 100 + 0.01, with ln 200! summed directly.
    #[test]
    fn log_branch_matches_the_closed_form() {
        let mut eb = ErlangB::new(0.01);
        eb.advance_to(200);
        assert!(eb.log);
        let ln_fact: f64 = (1..=200).map(|k| f64::from(k).ln()).sum();
        let expected = ln_fact + 200.0 * 100f64.ln() + 0.01;
        assert!(
            (eb.ln_inv - expected).abs() < 1e-9 * expected,
            "{} vs {expected}",
            eb.ln_inv
        );
    }
}
