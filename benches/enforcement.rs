//! Benchmarks of the enforcement crate (`jiceng::enforcement`).
//!
//! Measures, single-threaded:
//!
//! * `jurisdiction_single_item`: 1,000,000 precomputed random (penalty
//!   item, township or village, date in 2021–2025) resolutions on the fast
//!   path `jurisdiction::Resolver::body`, on the default synthetic province
//!   (`jiceng::authority::synth`, 2,300 townships); the target is at least
//!   10 million resolutions a second;
//! * `jurisdiction_explained`: 10,000 multi-item resolutions with their
//!   grounds (`jurisdiction::resolve`, three items each);
//! * `evaluate_cases`: evaluating 1,000,000 synthetic penalty cases on one
//!   date and folding them into `Metrics`; the target is under 0.5 s.
//!
//! Inputs come from a fixed-seed splitmix64 generator written inline, so
//! every run measures the same work.
//!
//! Run with `cargo bench --bench enforcement`.

use std::hint::black_box;
use std::time::Duration;

use chrono::{Days, NaiveDate};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jiceng::authority::synth::{SynthParams, province};
use jiceng::authority::{ItemId, Ledger, PowerCategory, Source};
use jiceng::calendar::Calendar;
use jiceng::enforcement::jurisdiction::{Resolver, resolve};
use jiceng::enforcement::{
    Event, EventKind, Limits, Metrics, Options, Penalty, PenaltyCase, evaluate,
};
use jiceng::org::{DivisionId, Level};
use rust_decimal::Decimal;

mod common;
use common::{SplitMix64, ymd};

const N_FAST: usize = 1_000_000;
const N_EXPLAINED: usize = 10_000;
const N_CASES: usize = 1_000_000;

fn random_date(rng: &mut SplitMix64, first: NaiveDate, span_days: usize) -> NaiveDate {
    first + Days::new(rng.below(span_days) as u64)
}

fn synthetic() -> (Ledger, Vec<ItemId>, Vec<(DivisionId, String)>) {
    let ledger = Ledger::build(province(&SynthParams::default()), Source::default())
        .expect("the synthetic province forms a valid registry");
    let items: Vec<ItemId> = ledger
        .items()
        .iter()
        .filter(|i| i.category == PowerCategory::Penalty)
        .filter_map(|i| ledger.item_id(&i.code))
        .collect();
    let reg = ledger.registry();
    let places = reg
        .divisions()
        .iter()
        .filter(|d| matches!(d.level(), Level::Township | Level::Village))
        .map(|d| {
            let id = reg
                .division_id(d.code)
                .expect("every division has a handle");
            (id, d.code.to_string())
        })
        .collect();
    (ledger, items, places)
}

fn bench_jurisdiction(c: &mut Criterion) {
    let (ledger, items, places) = synthetic();
    assert!(
        !items.is_empty(),
        "the synthetic province has penalty items"
    );
    let mut rng = SplitMix64(0x656E_666F_7263_0001);
    let queries: Vec<(ItemId, DivisionId, NaiveDate)> = (0..N_FAST)
        .map(|_| {
            let item = items[rng.below(items.len())];
            let (div, _) = places[rng.below(places.len())];
            (item, div, random_date(&mut rng, ymd(2021, 1, 1), 1826))
        })
        .collect();
    let r = Resolver::new(&ledger);
    let mut g = c.benchmark_group("jurisdiction_single_item");
    g.throughput(Throughput::Elements(N_FAST as u64));
    g.bench_function("1M random (penalty item, township/village, date)", |b| {
        b.iter(|| {
            let mut acc = 0u64;
            for &(item, div, date) in black_box(&queries) {
                if let Some(body) = r.body(item, div, date) {
                    acc = acc.wrapping_add(u64::from(body.0));
                }
            }
            black_box(acc)
        });
    });
    g.finish();

    let codes: Vec<&str> = items
        .iter()
        .map(|&i| ledger.item(i).code.as_str())
        .collect();
    let explained: Vec<([&str; 3], &str, NaiveDate)> = (0..N_EXPLAINED)
        .map(|_| {
            let three = [0, 1, 2].map(|_| codes[rng.below(codes.len())]);
            let (_, code) = &places[rng.below(places.len())];
            (
                three,
                code.as_str(),
                random_date(&mut rng, ymd(2021, 1, 1), 1826),
            )
        })
        .collect();
    let mut g = c.benchmark_group("jurisdiction_explained");
    g.throughput(Throughput::Elements(N_EXPLAINED as u64));
    g.bench_function("10k resolve (3 items, grounds)", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for (three, division, date) in black_box(&explained) {
                if let Ok(j) = resolve(&ledger, three, division, *date) {
                    n += j.count;
                }
            }
            black_box(n)
        });
    });
    g.finish();
}

/// A synthetic case: filed in 2024–2025, most notified, some heard, most
/// decided with a fine, served, paid or not.
fn synthetic_case(rng: &mut SplitMix64, i: usize) -> PenaltyCase {
    let filed = random_date(rng, ymd(2024, 1, 1), 700);
    let mut d = filed;
    let mut step = |rng: &mut SplitMix64, lo: u64, span: usize| {
        d = d + Days::new(lo + rng.below(span) as u64);
        d
    };
    let mut events = vec![Event::new(filed, EventKind::Filed)];
    if rng.below(10) < 9 {
        events.push(Event::new(step(rng, 5, 40), EventKind::Notified));
        if rng.below(10) < 3 {
            events.push(Event::new(step(rng, 1, 4), EventKind::HearingRequested));
            events.push(Event::new(step(rng, 8, 10), EventKind::HearingHeld));
        }
        if rng.below(10) < 8 {
            let amount = Decimal::new(rng.range_i64(100, 10_000_000), 2);
            let present = rng.below(2) == 0;
            events.push(Event::new(
                step(rng, 5, 80),
                EventKind::Decided {
                    penalties: vec![Penalty::Fine { amount }],
                    reason: None,
                    party_present: present,
                },
            ));
            if !present {
                events.push(Event::new(step(rng, 0, 12), EventKind::Served));
            }
            if rng.below(10) < 7 {
                events.push(Event::new(step(rng, 0, 40), EventKind::Paid { amount }));
            }
        }
    }
    PenaltyCase {
        id: format!("C{i}"),
        party: None,
        items: Vec::new(),
        body: None,
        act_ended: Some(filed - Days::new(30)),
        grave: false,
        major: rng.below(10) == 0,
        limits: Limits::default(),
        events,
    }
}

fn bench_evaluate(c: &mut Criterion) {
    let cal = Calendar::china_mainland();
    let mut rng = SplitMix64(0x656E_666F_7263_0002);
    let cases: Vec<PenaltyCase> = (0..N_CASES).map(|i| synthetic_case(&mut rng, i)).collect();
    let at = ymd(2025, 12, 31);
    let opts = Options::default();
    let mut g = c.benchmark_group("evaluate_cases");
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    g.throughput(Throughput::Elements(N_CASES as u64));
    g.bench_function("evaluate 1M cases + metrics", |b| {
        b.iter(|| {
            let mut m = Metrics::default();
            for case in black_box(&cases) {
                if let Ok(e) = evaluate(case, at, &cal, &opts) {
                    m.add(&e);
                }
            }
            black_box(m)
        });
    });
    g.finish();
}

criterion_group!(benches, bench_jurisdiction, bench_evaluate);
criterion_main!(benches);
