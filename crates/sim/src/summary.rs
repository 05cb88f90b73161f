//! From replications' tallies to the [`Summary`]: means with 95% Student t
//! intervals over replications, and each reform's difference from the
//! baseline paired by replication.
//!
//! The tallies are integers and the summary is computed from them sorted by
//! replication index, so the same replications give the same summary, bit
//! for bit, however they were run: on one thread or many, in one process or
//! in shards merged afterwards.

use chrono::Days;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::engine::{RepTally, TownTally, VariantTally, run_replication};
use crate::error::Error;
use crate::model::Model;
use crate::results::{Difference, Estimate, Level, Metric, Place, Summary};

/// The 0.975 quantile of Student's t with `df` degrees of freedom.
///
/// Exact to three decimals from the tables for 1 to 30 degrees of freedom;
/// above, the Cornish–Fisher expansion around the normal quantile.
///
/// ```
/// assert_eq!(jiceng_sim::t975(9), 2.262);
/// assert!((jiceng_sim::t975(1000) - 1.962).abs() < 1e-3);
/// ```
pub fn t975(df: u32) -> f64 {
    const T: [f64; 30] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
        2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
        2.052, 2.048, 2.045, 2.042,
    ];
    match df {
        0 => f64::NAN,
        1..=30 => T[df as usize - 1],
        _ => {
            let z: f64 = 1.959_963_984_540_054;
            let n = f64::from(df);
            z + (z.powi(3) + z) / (4.0 * n)
                + (5.0 * z.powi(5) + 16.0 * z.powi(3) + 3.0 * z) / (96.0 * n * n)
        }
    }
}

/// Mean and 95% interval of the defined values.
fn interval(values: &[Option<f64>]) -> Option<(f64, Option<f64>, Option<f64>, u32)> {
    let xs: Vec<f64> = values.iter().flatten().copied().collect();
    if xs.is_empty() {
        return None;
    }
    let n = xs.len() as f64;
    let mean = xs.iter().sum::<f64>() / n;
    if xs.len() < 2 {
        return Some((mean, None, None, 1));
    }
    let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
    let half = t975(xs.len() as u32 - 1) * (var / n).sqrt();
    Some((mean, Some(mean - half), Some(mean + half), xs.len() as u32))
}

/// A place's aggregate in one replication of one variant.
struct Agg {
    t: TownTally,
    busy: u64,
    staff: u64,
    population: u64,
}

fn ratio(a: u64, b: u64) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

fn p90(hist: &[u64]) -> Option<f64> {
    let n: u64 = hist.iter().sum();
    if n == 0 {
        return None;
    }
    // The smallest k with at least 90% of decisions within k working days:
    // ceil(0.9 n) of them, in integers.
    let need = (9 * n).div_ceil(10);
    // The running count reaches n, and so need, at the last bin at the
    // latest (summarise has bounded n well below u64::MAX / 9).
    hist.iter()
        .scan(0u64, |cum, &h| {
            *cum += h;
            Some(*cum)
        })
        .position(|cum| cum >= need)
        .map(|k| k as f64)
}

fn metric(a: &Agg, m: Metric, end: u64, mpd: u64) -> Option<f64> {
    let t = &a.t;
    let (p, g) = (1, 2);
    match m {
        Metric::OnTimeStatute => ratio(t.statute[1], t.statute[0]),
        Metric::OnTimePromise => ratio(t.promise[1], t.promise[0]),
        Metric::ResolvedLocally => ratio(
            t.closed_local[p] + t.closed_local[g],
            t.closed[p] + t.closed[g],
        ),
        Metric::MeanDaysToDecision => ratio(t.minutes, t.decided()).map(|x| x / mpd as f64),
        Metric::P90DaysToDecision => p90(&t.hist),
        Metric::Utilisation => ratio(a.busy, a.staff * end),
        Metric::Backlog => Some((t.open_local + t.open_escalated) as f64),
        Metric::ResidentsPerStaff => ratio(a.population, a.staff),
        Metric::Arrivals => Some(t.arrivals.iter().sum::<u64>() as f64),
        Metric::Closed => Some(t.decided() as f64),
    }
}

/// Runs replications `reps` of `model` in parallel (rayon), calling `tick`
/// after each; the tallies come back sorted by replication.
///
/// ```
/// let m = jiceng_sim::Model::new(&jiceng_sim::Scenario::bundled("qiu")?.with_days(5)?)?;
/// let t = jiceng_sim::run(&m, 1, &[1, 0], &|| {});
/// assert_eq!(t[0].replication, 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn run(model: &Model, seed: u64, reps: &[u32], tick: &(dyn Fn() + Sync)) -> Vec<RepTally> {
    let mut out: Vec<RepTally> = reps
        .par_iter()
        .map(|&r| {
            let t = run_replication(model, seed, r);
            tick();
            t
        })
        .collect();
    out.sort_by_key(|t| t.replication);
    out
}

/// The most any one count of a replication may add up to over its
/// townships (or, for a daily series, over its days): 2^56, some 7·10^16.
///
/// A genuine run stays far below it: at most 10^8 expected arrivals, each
/// decided within a period of at most 3,660 days of 1,440 minutes, sums to
/// under 6·10^14 minutes. Below it every sum the summary takes (a county,
/// the province, nine times a decision count for the 90th percentile, a
/// backlog) fits a `u64` or an `i64`, so a shard file whose counts were
/// made up cannot overflow the arithmetic: it is refused instead.
pub const MAX_TALLY_SUM: u64 = 1 << 56;

/// The first count of `v` whose sum over the townships (or the days) is
/// above [`MAX_TALLY_SUM`], by its field name.
fn oversized(v: &VariantTally) -> Option<&'static str> {
    fn over(it: impl Iterator<Item = u64>) -> bool {
        it.map(u128::from).sum::<u128>() > u128::from(MAX_TALLY_SUM)
    }
    let towns = &v.towns;
    let fields: [(&'static str, bool); 9] = [
        ("arrivals", over(towns.iter().flat_map(|t| t.arrivals))),
        ("closed", over(towns.iter().flat_map(|t| t.closed))),
        (
            "closed_local",
            over(towns.iter().flat_map(|t| t.closed_local)),
        ),
        (
            "open",
            over(towns.iter().flat_map(|t| [t.open_local, t.open_escalated])),
        ),
        ("statute", over(towns.iter().flat_map(|t| t.statute))),
        ("promise", over(towns.iter().flat_map(|t| t.promise))),
        ("minutes", over(towns.iter().map(|t| t.minutes))),
        (
            "hist",
            over(towns.iter().flat_map(|t| t.hist.iter().copied())),
        ),
        (
            "busy",
            over(
                towns
                    .iter()
                    .map(|t| t.busy)
                    .chain(v.county_busy.iter().copied()),
            ),
        ),
    ];
    if let Some((name, _)) = fields.iter().find(|(_, o)| *o) {
        return Some(name);
    }
    let daily: [(&'static str, &Vec<Vec<u64>>); 4] = [
        ("daily_arrivals", &v.daily_arrivals),
        ("daily_closed", &v.daily_closed),
        ("daily_resolvable", &v.daily_resolvable),
        ("daily_local", &v.daily_local),
    ];
    daily
        .iter()
        .find(|(_, series)| series.iter().any(|s| over(s.iter().copied())))
        .map(|(name, _)| *name)
}

/// Summarises the tallies of replications `0..replications`.
///
/// # Errors
///
/// [`Error::Merge`] when a replication is missing or duplicated, a
/// tally does not fit the model, or its counts add up to more than
/// [`MAX_TALLY_SUM`].
pub fn summarise(model: &Model, seed: u64, tallies: &[RepTally]) -> Result<Summary, Error> {
    let mut tallies: Vec<&RepTally> = tallies.iter().collect();
    tallies.sort_by_key(|t| t.replication);
    for (i, t) in tallies.iter().enumerate() {
        if t.replication as usize != i {
            return Err(Error::Merge(format!(
                "replication {i} is missing or {} is duplicated",
                t.replication
            )));
        }
        if t.variants.len() != model.variants.len()
            || t.variants.iter().any(|v| {
                v.towns.len() != model.towns.len()
                    || v.county_busy.len() != model.counties.len()
                    || v.daily_arrivals.len() != model.series()
                    || v.daily_closed.len() != model.series()
                    || v.daily_resolvable.len() != model.series()
                    || v.daily_local.len() != model.series()
                    || v.daily_arrivals
                        .iter()
                        .chain(&v.daily_closed)
                        .chain(&v.daily_resolvable)
                        .chain(&v.daily_local)
                        .any(|d| d.len() != model.days as usize)
            })
        {
            return Err(Error::Merge(format!(
                "replication {i}'s tallies do not fit the scenario"
            )));
        }
        if let Some(field) = t.variants.iter().find_map(oversized) {
            return Err(Error::Merge(format!(
                "replication {i}'s {field} add up to more than {MAX_TALLY_SUM}, more than a run can count"
            )));
        }
    }
    let events = tallies
        .iter()
        .try_fold(0u64, |sum, t| sum.checked_add(t.events))
        .ok_or_else(|| {
            Error::Merge("the replications' event counts add up to more than 2^64".into())
        })?;
    let n = tallies.len();
    // Places: the province, the counties, the townships.
    let mut places = vec![Place {
        code: model.province_code.clone(),
        name: model.province_name.clone(),
        level: Level::Province,
        parent: None,
    }];
    for k in &model.counties {
        places.push(Place {
            code: k.code.clone(),
            name: k.name.clone(),
            level: Level::County,
            parent: Some(model.province_code.clone()),
        });
    }
    for t in &model.towns {
        places.push(Place {
            code: t.code.clone(),
            name: t.name.clone(),
            level: Level::Township,
            parent: Some(model.counties[t.county].code.clone()),
        });
    }
    // values[variant][place][metric][rep]
    let nm = Metric::ALL.len();
    let mut values: Vec<Vec<Vec<Vec<Option<f64>>>>> =
        vec![vec![vec![Vec::with_capacity(n); nm]; places.len()]; model.variants.len()];
    for rep in &tallies {
        for (vi, v) in model.variants.iter().enumerate() {
            let vt = &rep.variants[vi];
            let mut province = Agg {
                t: TownTally::default(),
                busy: 0,
                staff: 0,
                population: 0,
            };
            let mut county_aggs = Vec::with_capacity(model.counties.len());
            let mut town_aggs = Vec::with_capacity(model.towns.len());
            for (ci, k) in model.counties.iter().enumerate() {
                let staff: u64 = v.county_staff[ci].iter().map(|&s| u64::from(s)).sum();
                let mut agg = Agg {
                    t: TownTally::default(),
                    busy: vt.county_busy[ci],
                    staff,
                    population: k.population,
                };
                for ti in k.first..k.first + k.count {
                    let tt = &vt.towns[ti];
                    let staff: u64 = v.town_staff[ti].iter().map(|&s| u64::from(s)).sum();
                    agg.t.add(tt);
                    agg.busy += tt.busy;
                    agg.staff += staff;
                    town_aggs.push(Agg {
                        t: tt.clone(),
                        busy: tt.busy,
                        staff,
                        population: u64::from(model.towns[ti].population),
                    });
                }
                province.t.add(&agg.t);
                province.busy += agg.busy;
                province.staff += agg.staff;
                province.population += agg.population;
                county_aggs.push(agg);
            }
            let all = std::iter::once(&province)
                .chain(&county_aggs)
                .chain(&town_aggs);
            for (pi, agg) in all.enumerate() {
                for (mi, &m) in Metric::ALL.iter().enumerate() {
                    values[vi][pi][mi].push(metric(agg, m, model.end, model.minutes_per_day));
                }
            }
        }
    }
    let mut totals = Vec::new();
    let mut differences = Vec::new();
    for (vi, v) in model.variants.iter().enumerate() {
        for (pi, place) in places.iter().enumerate() {
            for (mi, &m) in Metric::ALL.iter().enumerate() {
                if let Some((mean, lo, hi, reps)) = interval(&values[vi][pi][mi]) {
                    totals.push(Estimate {
                        variant: v.name.clone(),
                        division: place.code.clone(),
                        metric: m,
                        day: None,
                        mean,
                        ci_low: lo,
                        ci_high: hi,
                        replications: reps,
                    });
                }
                if vi > 0 {
                    let diffs: Vec<Option<f64>> = values[vi][pi][mi]
                        .iter()
                        .zip(&values[0][pi][mi])
                        .map(|(r, b)| Some((*r)? - (*b)?))
                        .collect();
                    if let Some((mean, lo, hi, reps)) = interval(&diffs) {
                        differences.push(Difference {
                            reform: v.name.clone(),
                            division: place.code.clone(),
                            metric: m,
                            mean,
                            ci_low: lo,
                            ci_high: hi,
                            replications: reps,
                        });
                    }
                }
            }
        }
    }
    // Daily series.
    let mut daily = Vec::new();
    let series_codes: Vec<&str> = std::iter::once(model.province_code.as_str())
        .chain(model.counties.iter().map(|k| k.code.as_str()))
        .take(model.series())
        .collect();
    for (vi, v) in model.variants.iter().enumerate() {
        for (si, code) in series_codes.iter().enumerate() {
            let mut backlog = vec![0i64; n];
            for d in 0..model.days as usize {
                let day = model.from.checked_add_days(Days::new(d as u64));
                let mut arr = Vec::with_capacity(n);
                let mut clo = Vec::with_capacity(n);
                let mut back = Vec::with_capacity(n);
                let mut loc = Vec::with_capacity(n);
                for (r, rep) in tallies.iter().enumerate() {
                    let v = &rep.variants[vi];
                    let a = v.daily_arrivals[si][d];
                    let c = v.daily_closed[si][d];
                    backlog[r] += a as i64 - c as i64;
                    arr.push(Some(a as f64));
                    clo.push(Some(c as f64));
                    back.push(Some(backlog[r] as f64));
                    loc.push(ratio(v.daily_local[si][d], v.daily_resolvable[si][d]));
                }
                for (m, vals) in [
                    (Metric::Arrivals, &arr),
                    (Metric::Closed, &clo),
                    (Metric::Backlog, &back),
                    (Metric::ResolvedLocally, &loc),
                ] {
                    if let Some((mean, lo, hi, reps)) = interval(vals) {
                        daily.push(Estimate {
                            variant: v.name.clone(),
                            division: (*code).to_owned(),
                            metric: m,
                            day,
                            mean,
                            ci_low: lo,
                            ci_high: hi,
                            replications: reps,
                        });
                    }
                }
            }
        }
    }
    let last = model
        .from
        .checked_add_days(Days::new(u64::from(model.days.saturating_sub(1))))
        .unwrap_or(model.from);
    Ok(Summary {
        scenario: model.name.clone(),
        seed,
        replications: n as u32,
        from: model.from,
        to: last,
        variants: model.variants.iter().map(|v| v.name.clone()).collect(),
        places,
        totals,
        daily,
        differences,
        events,
        provisional: model.provisional,
    })
}

/// The format version of shard files.
pub const SHARD_FORMAT: u32 = 2;

/// The most replications one run may have, and so the most a merge of
/// shards accepts: `jiceng simulate` refuses more, and a shard file that
/// claims more was not written by it.
pub const MAX_RUN_REPLICATIONS: u32 = 10_000;

/// The most shards a run may be split into (`--shard K/N`, N at most this).
pub const MAX_SHARDS: u32 = 10_000;

/// One shard's output: the tallies of replications `r` with `r % of == shard`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shard {
    /// [`SHARD_FORMAT`].
    pub format: u32,
    /// The scenario as run (TOML), so that a merge needs no other file.
    pub scenario: String,
    /// The scenario's fingerprint.
    pub fingerprint: String,
    /// The master seed.
    pub seed: u64,
    /// Replications of the whole run.
    pub replications: u32,
    /// This shard's index K.
    pub shard: u32,
    /// The number of shards N.
    pub of: u32,
    /// The tallies.
    pub tallies: Vec<RepTally>,
}

/// The replications of shard `k` of `n` among `0..replications`.
///
/// ```
/// assert_eq!(jiceng_sim::shard_replications(1, 3, 7), vec![1, 4]);
/// ```
pub fn shard_replications(k: u32, n: u32, replications: u32) -> Vec<u32> {
    (0..replications).filter(|r| n > 0 && r % n == k).collect()
}

/// Parses `K/N` (0 ≤ K < N ≤ 10000).
///
/// # Errors
///
/// [`Error::Shard`] otherwise.
///
/// ```
/// assert_eq!(jiceng_sim::parse_shard("2/8")?, (2, 8));
/// assert!(jiceng_sim::parse_shard("8/8").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_shard(s: &str) -> Result<(u32, u32), Error> {
    let bad = || Error::Shard(s.chars().take(40).collect());
    let (k, n) = s.split_once('/').ok_or_else(bad)?;
    let k: u32 = k.trim().parse().map_err(|_| bad())?;
    let n: u32 = n.trim().parse().map_err(|_| bad())?;
    if n == 0 || k >= n || n > MAX_SHARDS {
        return Err(bad());
    }
    Ok((k, n))
}

/// Checks the counts a shard file states before anything is allocated by
/// them: the run's replications (1 to [`MAX_RUN_REPLICATIONS`]), the shard
/// `K/N` (0 ≤ K < N ≤ [`MAX_SHARDS`]) and its tallies (at most the run's
/// replications).
fn check_shard_counts(s: &Shard) -> Result<(), Error> {
    if s.replications == 0 || s.replications > MAX_RUN_REPLICATIONS {
        return Err(Error::Merge(format!(
            "shard {}/{} says the run has {} replications: expected 1 to {MAX_RUN_REPLICATIONS}",
            s.shard, s.of, s.replications
        )));
    }
    if s.of == 0 || s.shard >= s.of || s.of > MAX_SHARDS {
        return Err(Error::Merge(format!(
            "shard {}/{}: expected K/N with 0 <= K < N <= {MAX_SHARDS}",
            s.shard, s.of
        )));
    }
    if s.tallies.len() > s.replications as usize {
        return Err(Error::Merge(format!(
            "shard {}/{} holds {} tallies, more than the run's {} replications",
            s.shard,
            s.of,
            s.tallies.len(),
            s.replications
        )));
    }
    Ok(())
}

/// Checks that shards belong to one run and together hold each of its
/// replications exactly once; returns the scenario text, seed and the
/// tallies sorted by replication.
///
/// A shard file is input like any other: its counts are checked against
/// [`MAX_RUN_REPLICATIONS`] and [`MAX_SHARDS`] before any is used.
///
/// # Errors
///
/// [`Error::Merge`] naming the disagreement, the missing or the duplicated
/// replication, or the count out of range.
///
/// ```
/// let err = jiceng_sim::merge_shards(vec![]).unwrap_err();
/// assert_eq!(err.to_string(), "cannot merge: no shard given");
/// ```
pub fn merge_shards(shards: Vec<Shard>) -> Result<(String, u64, Vec<RepTally>), Error> {
    let Some(first) = shards.first() else {
        return Err(Error::Merge("no shard given".into()));
    };
    for s in &shards {
        check_shard_counts(s)?;
    }
    let (fp, seed, reps, scenario) = (
        first.fingerprint.clone(),
        first.seed,
        first.replications,
        first.scenario.clone(),
    );
    let mut seen = vec![false; reps as usize];
    let mut tallies = Vec::new();
    for s in shards {
        if s.format != SHARD_FORMAT {
            return Err(Error::Merge(format!(
                "shard format {} (expected {SHARD_FORMAT})",
                s.format
            )));
        }
        if s.fingerprint != fp || s.seed != seed || s.replications != reps {
            return Err(Error::Merge(format!(
                "shard {}/{} is of another run (fingerprint {}, seed {}, {} replications; expected {fp}, {seed}, {reps})",
                s.shard, s.of, s.fingerprint, s.seed, s.replications
            )));
        }
        for t in s.tallies {
            let r = t.replication as usize;
            match seen.get_mut(r) {
                None => {
                    return Err(Error::Merge(format!(
                        "replication {r} is beyond the run's {reps}"
                    )));
                }
                Some(true) => return Err(Error::Merge(format!("replication {r} appears twice"))),
                Some(s) => *s = true,
            }
            tallies.push(t);
        }
    }
    if let Some(r) = seen.iter().position(|s| !s) {
        return Err(Error::Merge(format!("replication {r} is missing")));
    }
    tallies.sort_by_key(|t| t.replication);
    Ok((scenario, seed, tallies))
}
