//! Approval cases: evaluating a province's year of applications.
//!
//! Run with `cargo bench --bench approvals`.
//!
//! One million synthetic cases (4 to 9 events each, a third with a
//! suspension) are generated once; the bench evaluates all of them on one
//! date and folds the evaluations into metrics, single-threaded. The target
//! is under 0.5 s for the million.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jiceng::approvals::{Breakdown, Metrics, Options, evaluate, synth};
use jiceng::calendar::Calendar;

fn bench(c: &mut Criterion) {
    let cal = Calendar::china_mainland();
    let first = "2024-01-01".parse().expect("a valid date");
    let cases = synth::cases(&cal, 1, 1_000_000, first, 600).expect("the dates lie in coverage");
    let at = "2026-06-30".parse().expect("a valid date");
    let opts = Options::default();
    let mut g = c.benchmark_group("approvals");
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    g.throughput(Throughput::Elements(cases.len() as u64));
    g.bench_function("evaluate 1M cases + metrics", |b| {
        b.iter(|| {
            let mut m = Metrics::default();
            for case in &cases {
                if let Ok(e) = evaluate(case, at, &cal, &opts) {
                    m.add(&e);
                }
            }
            black_box(m.decided)
        })
    });
    g.bench_function(
        "evaluate 1M cases + breakdown by item, body, channel",
        |b| {
            b.iter(|| {
                let mut m = Breakdown::default();
                for case in &cases {
                    if let Ok(e) = evaluate(case, at, &cal, &opts) {
                        m.add(case, &e);
                    }
                }
                black_box(m.total.decided)
            })
        },
    );
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
