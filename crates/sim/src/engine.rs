//! The discrete-event engine: one replication of every variant.
//!
//! Each body's desk is a first-come-first-served queue with `c` servers (its
//! staff) on the working-minute axis (see [`crate::model`]). Arrivals are
//! drawn independently of routing, from random substreams keyed by
//! (replication, township, desk): the day's count (Poisson), the minute of
//! the day, the item and a standard normal quantile for the handling time.
//! Every variant routes the same arrivals: an item the township holds
//! joins the township's desk; any other joins the county department's desk
//! after the escalation delay. These are common random numbers, so that a
//! reform's difference from the baseline is the reform's and not noise.
//!
//! A desk's queue is run by the Kiefer–Wolfowitz recurrence: arrivals in
//! order, each starting when it arrives or when the earliest of the `c`
//! servers frees up, whichever is later. A county's arrivals are drawn a
//! day at a time and served as they come, merged in time order (ties in
//! the order of the draw), so a replication's memory does not grow with
//! its arrivals. Its two events (arrival and
//! completion) are counted in [`RepTally::events`]. Every arrival ends
//! closed within the period, open in the township, or open after
//! escalation: the tallies conserve arrivals.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::collections::binary_heap::PeekMut;

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

/// Minutes of a day.
const DAY_MINUTES: u32 = 1440;

/// A day with at most this many arrivals at one desk keeps their minutes
/// and sorts them; a busier one counts them by minute instead. Either way
/// the day's arrivals come out in the same order, and a stream holds at
/// most [`DAY_MINUTES`] runs whatever the day's count.
const SORTED_AT_MOST: u64 = DAY_MINUTES as u64;

/// One township desk's arrivals, drawn a day at a time, in time order.
///
/// A day draws, from the stream's random substream: its count (Poisson),
/// then each arrival's minute of the day, then, in minute order, each
/// arrival's item and handling-time quantiles. The stream keeps only the
/// current day's minutes, as runs of (minute, count), so its memory does not
/// depend on how many arrivals the period has.
struct Stream<'m> {
    rng: ChaCha8Rng,
    poisson: Poisson<f64>,
    /// The desk's items with their cumulative rates.
    items: &'m [(usize, f64)],
    total: f64,
    /// Township index within the county.
    town: u32,
    /// The next day to draw.
    next_day: u32,
    /// The day being handed out.
    day: u32,
    /// Whether `day` is a working day, and its first working minute.
    working: bool,
    base: u64,
    /// The current day's minutes not yet handed out, in order, as runs.
    runs: Vec<(u32, u64)>,
    /// The next run of `runs` to hand out.
    run: usize,
    /// A scratch list of a quiet day's minutes.
    minutes: Vec<u32>,
}

impl<'m> Stream<'m> {
    /// The stream of `desk` at township `local` of county `county`, or
    /// `None` when the desk has no items or no arrivals.
    fn new(
        model: &'m Model,
        seed: u64,
        replication: u32,
        county: usize,
        local: usize,
        desk: usize,
    ) -> Option<Stream<'m>> {
        let town = model.counties[county].first + local;
        let pop = f64::from(model.towns[town].population) / 10_000.0;
        let items = &model.streams[desk][..];
        let &(_, total) = items.last()?;
        let poisson = Poisson::new(total * pop).ok()?;
        Some(Stream {
            rng: substream(seed, replication, town, desk),
            poisson,
            items,
            total,
            town: local as u32,
            next_day: 0,
            day: 0,
            working: false,
            base: 0,
            runs: Vec::new(),
            run: 0,
            minutes: Vec::new(),
        })
    }

    /// Draws the next day's count and minutes; `false` past the period.
    fn draw_day(&mut self, model: &Model) -> bool {
        if self.next_day >= model.days {
            return false;
        }
        let d = self.next_day;
        self.next_day += 1;
        self.day = d;
        self.working = model.wd_before[d as usize + 1] > model.wd_before[d as usize];
        self.base = u64::from(model.wd_before[d as usize]) * model.minutes_per_day;
        // A Poisson sample is a whole number; the float-to-integer cast
        // saturates, and the scenario's check keeps the mean far below.
        let n = self.poisson.sample(&mut self.rng) as u64;
        self.runs.clear();
        self.run = 0;
        if n <= SORTED_AT_MOST {
            self.minutes.clear();
            self.minutes
                .extend((0..n).map(|_| self.rng.random_range(0..DAY_MINUTES)));
            self.minutes.sort_unstable();
            for &m in &self.minutes {
                match self.runs.last_mut() {
                    Some((last, k)) if *last == m => *k += 1,
                    _ => self.runs.push((m, 1)),
                }
            }
        } else {
            let mut counts = [0u64; DAY_MINUTES as usize];
            for _ in 0..n {
                counts[self.rng.random_range(0..DAY_MINUTES) as usize] += 1;
            }
            self.runs
                .extend((0..DAY_MINUTES).zip(counts).filter(|&(_, k)| k > 0));
        }
        true
    }

    /// The next arrival in time order, or `None` at the end of the period.
    fn next(&mut self, model: &Model) -> Option<Arrival> {
        while self.run >= self.runs.len() {
            if !self.draw_day(model) {
                return None;
            }
        }
        let (m, k) = &mut self.runs[self.run];
        let m = *m;
        *k -= 1;
        if *k == 0 {
            self.run += 1;
        }
        let u: f64 = self.rng.random::<f64>() * self.total;
        let item = self
            .items
            .iter()
            .find(|&&(_, c)| u < c)
            .or(self.items.last())
            .map_or(0, |&(i, _)| i);
        let z: f64 = StandardNormal.sample(&mut self.rng);
        let uq: f64 = self.rng.random();
        let at = if self.working {
            self.base + model.worked_before(m)
        } else {
            self.base
        };
        Some(Arrival {
            at,
            day: self.day,
            town: self.town,
            item: item as u32,
            z,
            u: uq,
        })
    }
}

/// A county's arrivals from all its township desks, merged in time order.
///
/// Ties are broken by stream (township, then desk), then by the order of
/// the draw: the order of a sort of all the county's arrivals by time, kept
/// stable. The merge holds one arrival a stream.
struct Merged<'m> {
    streams: Vec<Stream<'m>>,
    /// Each stream's next arrival.
    next: Vec<Option<Arrival>>,
    /// (time, stream) of each stream's next arrival, earliest first.
    heads: BinaryHeap<Reverse<(u64, usize)>>,
}

impl<'m> Merged<'m> {
    fn new(model: &'m Model, seed: u64, replication: u32, county: usize) -> Merged<'m> {
        let k = &model.counties[county];
        let mut streams: Vec<Stream<'m>> = (0..k.count)
            .flat_map(|local| (0..3).map(move |desk| (local, desk)))
            .filter_map(|(local, desk)| Stream::new(model, seed, replication, county, local, desk))
            .collect();
        let mut heads = BinaryHeap::with_capacity(streams.len());
        let next = streams
            .iter_mut()
            .enumerate()
            .map(|(i, s)| {
                let a = s.next(model);
                if let Some(a) = a {
                    heads.push(Reverse((a.at, i)));
                }
                a
            })
            .collect();
        Merged {
            streams,
            next,
            heads,
        }
    }

    /// The county's next arrival, or `None` at the end of the period.
    fn next(&mut self, model: &Model) -> Option<Arrival> {
        // The stream's next arrival takes its place at the top, sifted
        // down once, rather than popped and pushed.
        let mut top = self.heads.peek_mut()?;
        let Reverse((_, i)) = *top;
        let a = self.next[i].take();
        self.next[i] = self.streams[i].next(model);
        match self.next[i] {
            Some(b) => *top = Reverse((b.at, i)),
            None => drop(PeekMut::pop(top)),
        }
        a
    }
}

/// A desk with `c` servers, fed its jobs in order of arrival.
///
/// The Kiefer–Wolfowitz recurrence with only the servers that are still
/// busy kept: a job starts when it arrives if a server is free then, or
/// else when the earliest busy server frees up. Since jobs come in time
/// order, a server free at one arrival is free at every later one, so the
/// desk holds at most as many times as it has jobs in service.
#[derive(Debug, Default)]
struct Desk {
    /// Free times of the servers busy at the last arrival.
    busy: BinaryHeap<Reverse<u64>>,
}

impl Desk {
    /// Serves a job arriving at `at` for `service` minutes with `c` servers:
    /// returns its finish (`u64::MAX` without servers) and the busy minutes
    /// it adds within `end`.
    fn serve(&mut self, c: u32, at: u64, service: u32, end: u64) -> (u64, u64) {
        if c == 0 {
            return (u64::MAX, 0);
        }
        while let Some(&Reverse(free)) = self.busy.peek() {
            if free > at {
                break;
            }
            self.busy.pop();
        }
        let full = self.busy.len() >= c as usize;
        let start = match self.busy.peek_mut() {
            // All c servers are busy past `at`: the earliest to free up
            // takes the job, its time replaced at the top.
            Some(mut earliest) if full => {
                let start = earliest.0;
                *earliest = Reverse(start + u64::from(service));
                start
            }
            earliest => {
                drop(earliest);
                self.busy.push(Reverse(at + u64::from(service)));
                at
            }
        };
        let done = start + u64::from(service);
        (done, done.min(end) - start.min(end))
    }
}

/// Runs one replication of every variant of `model`.
///
/// The result depends only on the model, `seed` and `replication`. Memory
/// does not grow with the number of arrivals: each county's arrivals are
/// drawn as they are served, and a desk keeps only its busy servers.
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
    // Per variant, each county desk: the township's three, then the
    // county department's three.
    let mut desks: Vec<Vec<Desk>> = model.variants.iter().map(|_| Vec::new()).collect();
    let mpd = model.minutes_per_day;
    let n_towns = model.towns.len();
    for (ci, county) in model.counties.iter().enumerate() {
        let n_desks = county.count * 3 + 3;
        for d in &mut desks {
            d.clear();
            d.resize_with(n_desks, Desk::default);
        }
        let mut arrivals = Merged::new(model, seed, replication, ci);
        while let Some(a) = arrivals.next(model) {
            let item = &model.items[a.item as usize];
            let kind = item.kind as usize;
            let desk = item.kind.desk().index();
            let town = county.first + a.town as usize;
            for (vi, v) in model.variants.iter().enumerate() {
                let local = v.local(n_towns, a.item as usize, town, a.at);
                let (h, slot, at, c) = if local {
                    (
                        item.handling[0],
                        a.town as usize * 3 + desk,
                        a.at,
                        v.town_staff[town][desk],
                    )
                } else {
                    (
                        item.handling[1],
                        county.count * 3 + desk,
                        a.at + model.delay,
                        v.county_staff[ci][desk],
                    )
                };
                let (f, busy) = desks[vi][slot].serve(c, at, h.minutes(a.z, a.u), model.end);
                let vt = &mut variants[vi];
                if local {
                    vt.towns[town].busy += busy;
                } else {
                    vt.county_busy[ci] += busy;
                }
                let t = &mut vt.towns[town];
                t.arrivals[kind] += 1;
                events += 1;
                vt.daily_arrivals[0][a.day as usize] += 1;
                if series > 1 {
                    vt.daily_arrivals[1 + ci][a.day as usize] += 1;
                }
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

#[cfg(test)]
mod tests {
    //! The streaming engine against a batch one: draw every arrival of a
    //! county, sort the county desks' jobs by (time, draw order), run each
    //! desk with all `c` servers free at 0, then tally. The two must agree
    //! exactly, tally for tally.

    use super::*;
    use crate::scenario::Scenario;

    /// Every arrival of a county, in draw order: township, desk, day, then
    /// minute (sorted), as the streams draw them.
    fn draw_all(model: &Model, seed: u64, replication: u32, county: usize) -> Vec<Arrival> {
        let k = &model.counties[county];
        let mut out = Vec::new();
        for local in 0..k.count {
            for desk in 0..3 {
                let town = k.first + local;
                let pop = f64::from(model.towns[town].population) / 10_000.0;
                let stream = &model.streams[desk];
                let Some(&(_, total)) = stream.last() else {
                    continue;
                };
                let Ok(poisson) = Poisson::new(total * pop) else {
                    continue;
                };
                let mut rng = substream(seed, replication, town, desk);
                for d in 0..model.days {
                    let n = poisson.sample(&mut rng) as usize;
                    let mut minutes: Vec<u32> =
                        (0..n).map(|_| rng.random_range(0..1440u32)).collect();
                    minutes.sort_unstable();
                    let working = model.wd_before[d as usize + 1] > model.wd_before[d as usize];
                    let base = u64::from(model.wd_before[d as usize]) * model.minutes_per_day;
                    for m in minutes {
                        let u: f64 = rng.random::<f64>() * total;
                        let item = stream
                            .iter()
                            .find(|&&(_, c)| u < c)
                            .or(stream.last())
                            .map_or(0, |&(i, _)| i);
                        let z: f64 = StandardNormal.sample(&mut rng);
                        let uq: f64 = rng.random();
                        out.push(Arrival {
                            at: if working {
                                base + model.worked_before(m)
                            } else {
                                base
                            },
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
        out
    }

    /// Finish times of `jobs` (at, service) in the given order, with `c`
    /// servers all free at 0: the recurrence with every server kept.
    fn run_all(jobs: &[(u64, u32)], c: u32) -> Vec<u64> {
        if c == 0 {
            return vec![u64::MAX; jobs.len()];
        }
        let mut free = vec![0u64; c as usize];
        jobs.iter()
            .map(|&(at, s)| {
                let (i, &f) = free
                    .iter()
                    .enumerate()
                    .min_by_key(|&(_, f)| *f)
                    .expect("c > 0 servers");
                let done = f.max(at) + u64::from(s);
                free[i] = done;
                done
            })
            .collect()
    }

    /// The streaming engine's tallies, recomputed in batch: arrivals, each
    /// variant's finish times and busy minutes, compared field by field.
    fn check(model: &Model, seed: u64) {
        let streamed = run_replication(model, seed, 3);
        let n_towns = model.towns.len();
        for (vi, v) in model.variants.iter().enumerate() {
            let tally = &streamed.variants[vi];
            let mut arrivals = [0u64; 3];
            let mut closed = [0u64; 3];
            let mut minutes = 0u64;
            let mut town_busy = vec![0u64; n_towns];
            for (ci, county) in model.counties.iter().enumerate() {
                let all = draw_all(model, seed, 3, ci);
                // slot → the indices of its jobs.
                let mut desks: Vec<Vec<usize>> = vec![Vec::new(); county.count * 3 + 3];
                let mut route = Vec::new();
                for (i, a) in all.iter().enumerate() {
                    let item = &model.items[a.item as usize];
                    let desk = item.kind.desk().index();
                    let town = county.first + a.town as usize;
                    let local = v.local(n_towns, a.item as usize, town, a.at);
                    let slot = if local {
                        a.town as usize * 3 + desk
                    } else {
                        county.count * 3 + desk
                    };
                    let at = if local { a.at } else { a.at + model.delay };
                    let h = item.handling[usize::from(!local)];
                    desks[slot].push(i);
                    route.push((at, h.minutes(a.z, a.u)));
                }
                let mut finish = vec![0u64; all.len()];
                let mut busy_county = 0u64;
                for (slot, ids) in desks.iter_mut().enumerate() {
                    // A stable sort by time keeps the draw order of ties.
                    ids.sort_by_key(|&i| route[i].0);
                    let c = if slot < county.count * 3 {
                        v.town_staff[county.first + slot / 3][slot % 3]
                    } else {
                        v.county_staff[ci][slot % 3]
                    };
                    let jobs: Vec<(u64, u32)> = ids.iter().map(|&i| route[i]).collect();
                    let done = run_all(&jobs, c);
                    let mut busy = 0u64;
                    for (k, &i) in ids.iter().enumerate() {
                        finish[i] = done[k];
                        if c > 0 {
                            let start = done[k] - u64::from(jobs[k].1);
                            busy += done[k].min(model.end) - start.min(model.end);
                        }
                    }
                    if slot < county.count * 3 {
                        town_busy[county.first + slot / 3] += busy;
                    } else {
                        busy_county += busy;
                    }
                }
                assert_eq!(tally.county_busy[ci], busy_county, "county {ci} busy");
                for (i, a) in all.iter().enumerate() {
                    let kind = model.items[a.item as usize].kind as usize;
                    arrivals[kind] += 1;
                    if finish[i] <= model.end {
                        closed[kind] += 1;
                        minutes += finish[i] - a.at;
                    }
                }
            }
            let sum = |f: &dyn Fn(&TownTally) -> [u64; 3]| {
                tally.towns.iter().fold([0u64; 3], |mut s, t| {
                    for (x, y) in s.iter_mut().zip(f(t)) {
                        *x += y;
                    }
                    s
                })
            };
            let busy: Vec<u64> = tally.towns.iter().map(|t| t.busy).collect();
            assert_eq!(busy, town_busy, "variant {vi} township busy minutes");
            assert_eq!(sum(&|t| t.arrivals), arrivals, "variant {vi} arrivals");
            assert_eq!(sum(&|t| t.closed), closed, "variant {vi} closed");
            assert_eq!(
                tally.towns.iter().map(|t| t.minutes).sum::<u64>(),
                minutes,
                "variant {vi} minutes"
            );
        }
    }

    #[test]
    fn streamed_replications_agree_with_a_batch_run() {
        for name in ["baitaling", "qiu"] {
            let s = Scenario::bundled(name)
                .and_then(|s| s.with_days(40))
                .expect("bundled");
            check(&Model::new(&s).expect("model"), 11);
        }
    }

    /// A day with more arrivals at one desk than minutes in a day is
    /// counted by minute, not sorted: the order must not change.
    #[test]
    fn busy_days_counted_by_minute_agree_with_a_batch_run() {
        let text = include_str!("../data/baitaling.toml")
            .replace("population = 183000", "population = 9000000")
            .lines()
            .map(|l| {
                if l.starts_with("rate = ") {
                    "rate = 5"
                } else {
                    l
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let s = Scenario::from_toml_str(&text, "busy")
            .and_then(|s| s.with_days(2))
            .expect("valid scenario");
        let m = Model::new(&s).expect("model");
        // Every desk of the township draws more than a day's minutes.
        for desk in &m.streams {
            let total = desk.last().map_or(0.0, |&(_, t)| t);
            assert!(total * 900.0 > 2.0 * SORTED_AT_MOST as f64, "rate {total}");
        }
        check(&m, 5);
    }
}
