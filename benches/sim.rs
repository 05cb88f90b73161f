//! The policy simulator: one replication of one simulated year of the
//! bundled province, and the engine on the textbook M/M/c queue (the
//! same queue as `benches/simpy_mmc.py`, for the comparison with SimPy).
//!
//! Run with `cargo bench --bench sim -- --warm-up-time 1 --measurement-time 3`.
//!
//! Targets (issue 13): a province year under 10 s and 1 GiB (peak memory
//! measured with `/usr/bin/time -v` on the `simulate` command); engine
//! throughput in events a second, at least 100 times SimPy's on the same
//! M/M/c queue. Single-threaded (one replication).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jiceng::sim::{Model, Scenario, run_replication};

/// The M/M/c queue of `benches/simpy_mmc.py`: λ = 2/60 a minute, mean
/// handling 60 minutes, c = 3, every day a working day
/// of 1,439 minutes, 3,660 days (about 175,000 customers).
pub const MMC: &str = include_str!("../crates/sim/data/mmc.toml");

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("sim");
    g.sample_size(10).measurement_time(Duration::from_secs(5));

    let mmc = Model::new(&Scenario::from_toml_str(MMC, "mmc").expect("valid scenario"))
        .expect("valid model");
    let events = run_replication(&mmc, 1, 0).events;
    g.throughput(Throughput::Elements(events));
    g.bench_function("mmc_3660_days_events", |b| {
        b.iter(|| black_box(run_replication(&mmc, 1, black_box(0))))
    });

    let province = Model::new(
        &Scenario::bundled("province")
            .and_then(|s| s.with_days(365))
            .expect("valid scenario"),
    )
    .expect("valid model");
    let events = run_replication(&province, 1, 0).events;
    g.throughput(Throughput::Elements(events));
    g.bench_function("province_year_one_replication", |b| {
        b.iter(|| black_box(run_replication(&province, 1, black_box(0))))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
