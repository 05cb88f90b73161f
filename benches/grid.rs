//! Benchmarks of the grid crate (`jiceng::grid`).
//!
//! Measures, single-threaded:
//!
//! * `route_fast`: 1,000,000 precomputed (category, village, report time)
//!   routes on the fast path `Router::route` over the bundled Hebei ledger
//!   (the acting body, the escalation and both service-level due times);
//!   the target is at least 5 million events a second;
//! * `route_body_only` and `due_times_only`: the two halves of
//!   `route_fast`, the ledger lookup of holder and acting body
//!   (`Ledger::holding_id`, of each category's first item: the sample
//!   taxonomy names one item a category) and the two due times from one
//!   located start (`ServiceLevel::due_times`), measured apart;
//! * `metrics_fold`: folding 1,000,000 replayed event records into
//!   `Metrics` (working-minute histograms), memory independent of the count.
//!
//! Inputs come from a fixed-seed splitmix64 generator and the crate's
//! seeded synthesiser, so every run measures the same work.
//!
//! Run with `cargo bench --bench grid`.

use std::hint::black_box;
use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jiceng::authority::Ledger;
use jiceng::calendar::{Calendar, WorkingHours};
use jiceng::grid::{Engine, Grid, Metrics, Router, Taxonomy, synth};

mod common;
use common::SplitMix64;

const N_ROUTES: usize = 1_000_000;
const N_EVENTS: usize = 1_000_000;

fn bench(c: &mut Criterion) {
    let ledger = Ledger::hebei_sample();
    let tax = Taxonomy::sample();
    let cal = Calendar::china_mainland();
    let hours = WorkingHours::china_standard();
    let router = Router::new(&ledger, &tax, &cal, &hours)
        .expect("the sample taxonomy's items are in the ledger");
    let villages: Vec<_> = ["130430104200", "130430104201"]
        .iter()
        .filter_map(|v| ledger.registry().division_id(v.parse().ok()?))
        .collect();
    let start = DateTime::parse_from_rfc3339("2025-01-02T08:30:00+08:00").expect("a valid time");
    let mut rng = SplitMix64(12);
    let inputs: Vec<(usize, _, DateTime<FixedOffset>)> = (0..N_ROUTES)
        .map(|_| {
            let minutes = rng.below(300 * 24 * 60) as i64;
            (
                rng.below(tax.categories.len()),
                villages[rng.below(villages.len())],
                start + chrono::Duration::minutes(minutes),
            )
        })
        .collect();
    let mut g = c.benchmark_group("grid");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(5));
    g.throughput(Throughput::Elements(N_ROUTES as u64));
    g.bench_function("route_fast", |b| {
        b.iter(|| {
            let mut escalated = 0usize;
            for &(cat, div, at) in &inputs {
                if let Ok(Some(r)) = router.route(cat, div, at) {
                    escalated += usize::from(r.escalated);
                }
            }
            black_box(escalated)
        })
    });
    // The same routes without the due times: the ledger lookup alone, to
    // show where the time of `route_fast` goes.
    let items: Vec<_> = tax
        .categories
        .iter()
        .filter_map(|c| ledger.item_id(c.items.first()?))
        .collect();
    g.bench_function("route_body_only", |b| {
        b.iter(|| {
            let mut found = 0usize;
            for &(cat, div, at) in &inputs {
                found += usize::from(
                    ledger
                        .holding_id(items[cat], div, at.date_naive())
                        .is_some(),
                );
            }
            black_box(found)
        })
    });
    let service: Vec<_> = tax.categories.iter().map(|c| c.service).collect();
    g.bench_function("due_times_only", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for &(cat, _, at) in &inputs {
                n += usize::from(service[cat].due_times(&cal, &hours, at).is_ok());
            }
            black_box(n)
        })
    });

    let grid = Grid::guchengying();
    let mut engine = Engine::new(&grid, &tax, &cal, &hours);
    let start = DateTime::parse_from_rfc3339("2025-03-03T08:30:00+08:00").expect("a valid time");
    for e in synth::events(5, N_EVENTS, start, 15) {
        let _ = engine.apply(&e);
    }
    let tickets: Vec<_> = engine.tickets().cloned().collect();
    let as_of = DateTime::parse_from_rfc3339("2025-12-31T17:30:00+08:00").expect("a valid time");
    g.throughput(Throughput::Elements(tickets.len() as u64));
    g.bench_function("metrics_fold", |b| {
        b.iter(|| {
            let mut m = Metrics::default();
            for t in &tickets {
                let _ = m.add(t, as_of, &cal, &hours);
            }
            black_box(m.summary())
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
