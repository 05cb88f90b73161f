//! The discrete-event engine: one replication of every variant.
//!
//! Each body's desk is a first-come-first-served queue with `c` servers (its
//! staff) on the working-minute axis (see [`crate::model`]). Arrivals are
//! drawn first, independently of routing, from random substreams keyed by
//! (replication, township, desk): the day's count (Poisson), the minute of
//! the day, the item and a standard normal quantile for the handling time.
//! Every variant then routes the same arrivals: an item the township holds
//! joins the township's desk; any other joins the county department's desk
//! after the escalation delay. These are common random numbers, so that a
//! reform's difference from the baseline is the reform's and not noise.
//!
//! A desk's queue is run by the Kiefer–Wolfowitz recurrence: arrivals in
//! order, each starting when it arrives or when the earliest of the `c`
//! servers frees up, whichever is later. Its two events (arrival and
//! completion) are counted in [`RepTally::events`]. Every arrival ends
//! closed within the period, open in the township, or open after
//! escalation: the tallies conserve arrivals.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Poisson, StandardNormal};
use serde::{Deserialize, Serialize};

use crate::model::Model;
use crate::scenario::ItemKind;

/// Bins of the working-days-to-decision histogram; the last holds "this
/// many or more".
pub const HIST_BINS: usize = 64;

/// One township's whole-period counts in one replication of one variant.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TownTally {
    /// Arrivals by kind (approval, penalty, grid).
    pub arrivals: [u64; 3],
    /// Closed within the period, by kind.
    pub closed: [u64; 3],
    /// Closed by the township itself, by kind.
    pub closed_local: [u64; 3],
    /// Open at the end, at the township.
    pub open_local: u64,
    /// Open at the end, escalated to the county.
    pub open_escalated: u64,
    /// Decisions with a statutory limit, and those within it.
    pub statute: [u64; 2],
    /// Decisions with a promised limit or service level, and those within it.
    pub promise: [u64; 2],
    /// Working minutes from acceptance to decision, summed.
    pub minutes: u64,
    /// Decisions by whole working days taken (last bin: 63 or more).
    pub hist: Vec<u64>,
    /// Busy staff minutes of the township's desks within the period.
    pub busy: u64,
}

impl TownTally {
    fn new() -> TownTally {
        TownTally {
            hist: vec![0; HIST_BINS],
            ..TownTally::default()
        }
    }

    /// Adds another tally into this one.
    pub fn add(&mut self, o: &TownTally) {
        for k in 0..3 {
            self.arrivals[k] += o.arrivals[k];
            self.closed[k] += o.closed[k];
            self.closed_local[k] += o.closed_local[k];
        }
        self.open_local += o.open_local;
        self.open_escalated += o.open_escalated;
        for k in 0..2 {
            self.statute[k] += o.statute[k];
            self.promise[k] += o.promise[k];
        }
        self.minutes += o.minutes;
        if self.hist.len() < o.hist.len() {
            self.hist.resize(o.hist.len(), 0);
        }
        for (a, b) in self.hist.iter_mut().zip(&o.hist) {
            *a += b;
        }
        self.busy += o.busy;
    }

    /// Decisions made (items closed).
    pub fn decided(&self) -> u64 {
        self.closed.iter().sum()
    }
}

/// One variant's counts in one replication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VariantTally {
    /// Per township, in model order.
    pub towns: Vec<TownTally>,
    /// Busy staff minutes of each county's departments.
    pub county_busy: Vec<u64>,
    /// Arrivals per series (province, then counties if kept) and day.
    pub daily_arrivals: Vec<Vec<u64>>,
    /// Closures per series and day.
    pub daily_closed: Vec<Vec<u64>>,
    /// Closures of grid events and penalty cases per series and day: the
    /// denominator of the daily share resolved locally.
    pub daily_resolvable: Vec<Vec<u64>>,
    /// Of those, closed in the township: the daily series shows the day a
    /// devolution takes effect.
    pub daily_local: Vec<Vec<u64>>,
}

/// Everything one replication counts: the input of the summary and the
/// content of a shard file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepTally {
    /// The replication's index.
    pub replication: u32,
    /// Events processed (arrivals and completions), over the variants.
    pub events: u64,
    /// Per variant, the baseline first.
    pub variants: Vec<VariantTally>,
}

/// An arrival as drawn, before routing.
#[derive(Debug, Clone, Copy)]
struct Arrival {
    /// Accepted at this working minute.
    at: u64,
    /// Calendar day of arrival.
    day: u32,
    /// Township index within the county.
    town: u32,
    item: u32,
    /// The handling time's quantiles: standard normal and uniform.
    z: f64,
    u: f64,
}

/// The random stream of (seed, replication, township, desk).
fn substream(seed: u64, replication: u32, town: usize, desk: usize) -> ChaCha8Rng {
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&seed.to_le_bytes());
    key[8..12].copy_from_slice(&replication.to_le_bytes());
    key[16..24].copy_from_slice(b"jiceng-s");
    let mut rng = ChaCha8Rng::from_seed(key);
    rng.set_stream((town as u64) << 2 | desk as u64);
    rng
}

/// Draws the arrivals of one county's townships.
fn draw(model: &Model, seed: u64, replication: u32, county: usize, out: &mut Vec<Arrival>) {
    out.clear();
    let k = &model.counties[county];
    let mut minutes: Vec<u32> = Vec::new();
    for local in 0..k.count {
        let town = k.first + local;
        let pop = f64::from(model.towns[town].population) / 10_000.0;
        for desk in 0..3 {
            let stream = &model.streams[desk];
            let Some(&(_, total)) = stream.last() else {
                continue;
            };
            let lambda = total * pop;
            let Ok(poisson) = Poisson::new(lambda) else {
                continue;
            };
            let mut rng = substream(seed, replication, town, desk);
            for d in 0..model.days {
                let n = poisson.sample(&mut rng) as usize;
                minutes.clear();
                minutes.extend((0..n).map(|_| rng.random_range(0..1440u32)));
                minutes.sort_unstable();
                let working = model.wd_before[d as usize + 1] > model.wd_before[d as usize];
                let base = u64::from(model.wd_before[d as usize]) * model.minutes_per_day;
                for &m in &minutes {
                    let u: f64 = rng.random::<f64>() * total;
                    let item = stream
                        .iter()
                        .find(|&&(_, c)| u < c)
                        .or(stream.last())
                        .map_or(0, |&(i, _)| i);
                    let z: f64 = StandardNormal.sample(&mut rng);
                    let uq: f64 = rng.random();
                    let at = if working {
                        base + model.worked_before(m)
                    } else {
                        base
                    };
                    out.push(Arrival {
                        at,
                        day: d,
                        town: local as u32,
                        item: item as u32,
                        z,
                        u: uq,
                    });
                }
            }
        }
    }
}

/// A job at a desk: arrives at `at`, needs `service` minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Job {
    at: u64,
    idx: u32,
    service: u32,
}

/// Runs one FIFO desk with `c` servers; writes each job's finish and
/// returns the busy minutes within `end`.
fn run_desk(
    jobs: &[Job],
    c: u32,
    end: u64,
    finish: &mut [u64],
    heap: &mut BinaryHeap<Reverse<u64>>,
) -> u64 {
    if c == 0 {
        for j in jobs {
            finish[j.idx as usize] = u64::MAX;
        }
        return 0;
    }
    heap.clear();
    let mut busy = 0;
    for _ in 0..c.min(jobs.len() as u32) {
        heap.push(Reverse(0));
    }
    for j in jobs {
        // The heap holds min(c, jobs) server free times, so it is never empty.
        let Some(Reverse(free)) = heap.pop() else {
            break;
        };
        let start = free.max(j.at);
        let done = start + u64::from(j.service);
        busy += done.min(end) - start.min(end);
        finish[j.idx as usize] = done;
        heap.push(Reverse(done));
    }
    busy
}

/// Runs one replication of every variant of `model`.
///
/// The result depends only on the model, `seed` and `replication`.
///
/// ```
/// let s = jiceng_sim::Scenario::bundled("baitaling")?.with_days(10)?;
/// let m = jiceng_sim::Model::new(&s)?;
/// let a = jiceng_sim::run_replication(&m, 7, 0);
/// assert_eq!(a, jiceng_sim::run_replication(&m, 7, 0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn run_replication(model: &Model, seed: u64, replication: u32) -> RepTally {
    let days = model.days as usize;
    let series = model.series();
    let mut variants: Vec<VariantTally> = model
        .variants
        .iter()
        .map(|_| VariantTally {
            towns: vec![TownTally::new(); model.towns.len()],
            county_busy: vec![0; model.counties.len()],
            daily_arrivals: vec![vec![0; days]; series],
            daily_closed: vec![vec![0; days]; series],
            daily_resolvable: vec![vec![0; days]; series],
            daily_local: vec![vec![0; days]; series],
        })
        .collect();
    let mut events = 0u64;
    let mut arrivals = Vec::new();
    let mut finish: Vec<u64> = Vec::new();
    let mut desks: Vec<Vec<Job>> = Vec::new();
    let mut heap = BinaryHeap::new();
    let mpd = model.minutes_per_day;
    let n_towns = model.towns.len();
    for (ci, county) in model.counties.iter().enumerate() {
        draw(model, seed, replication, ci, &mut arrivals);
        let n_desks = county.count * 3 + 3;
        desks.resize_with(n_desks, Vec::new);
        for (vi, v) in model.variants.iter().enumerate() {
            for d in desks.iter_mut() {
                d.clear();
            }
            finish.clear();
            finish.resize(arrivals.len(), u64::MAX);
            let mut local_flags = Vec::with_capacity(arrivals.len());
            for (idx, a) in arrivals.iter().enumerate() {
                let item = &model.items[a.item as usize];
                let desk = item.kind.desk().index();
                let town = county.first + a.town as usize;
                let local = v.local(n_towns, a.item as usize, town, a.at);
                let (h, slot, at) = if local {
                    (item.handling[0], a.town as usize * 3 + desk, a.at)
                } else {
                    (
                        item.handling[1],
                        county.count * 3 + desk,
                        a.at + model.delay,
                    )
                };
                let minutes = h.minutes(a.z, a.u);
                desks[slot].push(Job {
                    at,
                    idx: idx as u32,
                    service: minutes,
                });
                local_flags.push(local);
            }
            let vt = &mut variants[vi];
            for (slot, jobs) in desks.iter_mut().enumerate() {
                if jobs.is_empty() {
                    continue;
                }
                let c = if slot < county.count * 3 {
                    v.town_staff[county.first + slot / 3][slot % 3]
                } else {
                    v.county_staff[ci][slot % 3]
                };
                if slot >= county.count * 3 {
                    jobs.sort_unstable();
                }
                let busy = run_desk(jobs, c, model.end, &mut finish, &mut heap);
                if slot < county.count * 3 {
                    vt.towns[county.first + slot / 3].busy += busy;
                } else {
                    vt.county_busy[ci] += busy;
                }
            }
            for (idx, a) in arrivals.iter().enumerate() {
                let item = &model.items[a.item as usize];
                let kind = item.kind as usize;
                let t = &mut vt.towns[county.first + a.town as usize];
                let local = local_flags[idx];
                t.arrivals[kind] += 1;
                events += 1;
                vt.daily_arrivals[0][a.day as usize] += 1;
                if series > 1 {
                    vt.daily_arrivals[1 + ci][a.day as usize] += 1;
                }
                let f = finish[idx];
                if f > model.end {
                    if local {
                        t.open_local += 1;
                    } else {
                        t.open_escalated += 1;
                    }
                    continue;
                }
                events += 1;
                t.closed[kind] += 1;
                if local {
                    t.closed_local[kind] += 1;
                }
                // The decision's working day: a finish exactly at a day's
                // last working minute belongs to that day.
                let wd_f = (f - 1) / mpd;
                let wd_a = a.at / mpd;
                let taken = wd_f.saturating_sub(wd_a);
                let fday = model.wd_day[wd_f as usize] as usize;
                vt.daily_closed[0][fday] += 1;
                if series > 1 {
                    vt.daily_closed[1 + ci][fday] += 1;
                }
                if item.kind != ItemKind::Approval {
                    let l = u64::from(local);
                    vt.daily_resolvable[0][fday] += 1;
                    vt.daily_local[0][fday] += l;
                    if series > 1 {
                        vt.daily_resolvable[1 + ci][fday] += 1;
                        vt.daily_local[1 + ci][fday] += l;
                    }
                }
                t.minutes += f - a.at;
                t.hist[(taken as usize).min(HIST_BINS - 1)] += 1;
                match item.kind {
                    ItemKind::Approval => {
                        if let Some(lim) = item.statutory {
                            t.statute[0] += 1;
                            t.statute[1] += u64::from(taken <= u64::from(lim));
                        }
                    }
                    ItemKind::Penalty => {
                        // Art. 60: filed on the day of acceptance.
                        let filed = model.wd_day[wd_a as usize] as usize;
                        t.statute[0] += 1;
                        t.statute[1] += u64::from(fday as i64 <= model.penalty_due[filed]);
                    }
                    ItemKind::Grid => {}
                }
                if let Some(lim) = item.promised {
                    t.promise[0] += 1;
                    t.promise[1] += u64::from(taken <= u64::from(lim));
                }
            }
        }
    }
    RepTally {
        replication,
        events,
        variants,
    }
}
