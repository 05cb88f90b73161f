//! Benchmarks of the working-day calendar (`jiceng::calendar`).
//!
//! Measures, single-threaded, on the bundled mainland China calendar:
//!
//! * `add_working_days`: 1,000,000 random (date, n) pairs, dates in
//!   2010-01-01..=2025-12-31 and n in 1..=20, so every answer stays inside
//!   the bundled coverage (which ends 2026-12-31);
//! * `working_days_between`: 1,000,000 random (a, b) pairs in 2010–2026;
//! * `is_working_day`: 1,000,000 random dates in 2010–2026;
//! * `build_bundled_calendar`: parsing, validating and building the bundled
//!   calendar from its TOML text, and, separately, `Calendar::china_mainland()`
//!   (a clone of the cached calendar);
//! * `period_end`: 20 working days and 90 calendar days from 1,000,000
//!   random dates in 2010–2025;
//! * `working_hours_add_minutes`: adding 1..=600 working minutes to 100,000
//!   random timestamps in 2010–2025 on the China standard schedule.
//!
//! Inputs come from a fixed-seed splitmix64 generator written inline, so
//! every run measures the same work. Throughput is reported in elements
//! (queries) per second.
//!
//! Run with `cargo bench --bench calendar`.

use std::hint::black_box;
use std::time::Duration;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jiceng::calendar::{BUNDLED_CHINA_MAINLAND, Calendar, CoveragePolicy, Period, WorkingHours};

mod common;
use common::{SplitMix64, ymd};

/// Queries per iteration of the day-level benches.
const N: usize = 1_000_000;
/// Queries per iteration of the working-hours bench.
const N_HOURS: usize = 100_000;

/// A uniform random date in `first..=last`.
fn random_date(rng: &mut SplitMix64, first: NaiveDate, last: NaiveDate) -> NaiveDate {
    let span = (last - first).num_days();
    let offset = rng.range_i64(0, span);
    first + chrono::Duration::days(offset)
}

fn random_dates(
    rng: &mut SplitMix64,
    n: usize,
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<NaiveDate> {
    (0..n).map(|_| random_date(rng, first, last)).collect()
}

fn sum_days(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

fn bench_add_working_days(c: &mut Criterion) {
    let cal = Calendar::china_mainland();
    let mut rng = SplitMix64(0x6A69_6365_6E67_0001);
    let (first, last) = (ymd(2010, 1, 1), ymd(2025, 12, 31));
    let inputs: Vec<(NaiveDate, i32)> = (0..N)
        .map(|_| {
            let d = random_date(&mut rng, first, last);
            let n = i32::try_from(rng.range_i64(1, 20)).expect("1..=20 fits in i32");
            (d, n)
        })
        .collect();

    let mut g = c.benchmark_group("add_working_days");
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("1M random (date, n)", |b| {
        b.iter(|| {
            let mut acc = 0i64;
            for &(d, n) in black_box(&inputs) {
                let end = cal
                    .add_working_days(d, n)
                    .expect("dates end 2025-12-31 and n <= 20, inside coverage");
                acc = acc.wrapping_add(sum_days(end));
            }
            black_box(acc)
        });
    });
    // Provisional answers beyond coverage (2027-2060): the statutory
    // holidays' tables, built once before timing.
    let prov = cal.with_policy(CoveragePolicy::Provisional);
    let far: Vec<(NaiveDate, i32)> = (0..N)
        .map(|_| {
            let d = random_date(&mut rng, ymd(2027, 1, 1), ymd(2060, 12, 31));
            let n = i32::try_from(rng.range_i64(-20, 20)).expect("-20..=20 fits in i32");
            (d, n)
        })
        .collect();
    black_box(
        prov.add_working_days(ymd(2030, 1, 1), 1)
            .expect("provisional"),
    );
    g.bench_function("1M random provisional (2027-2060)", |b| {
        b.iter(|| {
            let mut acc = 0i64;
            for &(d, n) in black_box(&far) {
                let end = prov
                    .add_working_days(d, n)
                    .expect("2027-2060 is within the horizon");
                acc = acc.wrapping_add(sum_days(end));
            }
            black_box(acc)
        });
    });
    g.finish();
}

fn bench_working_days_between(c: &mut Criterion) {
    let cal = Calendar::china_mainland();
    let mut rng = SplitMix64(0x6A69_6365_6E67_0002);
    let (first, last) = (ymd(2010, 1, 1), ymd(2026, 12, 31));
    let inputs: Vec<(NaiveDate, NaiveDate)> = (0..N)
        .map(|_| {
            (
                random_date(&mut rng, first, last),
                random_date(&mut rng, first, last),
            )
        })
        .collect();

    let mut g = c.benchmark_group("working_days_between");
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("1M random (a, b)", |b| {
        b.iter(|| {
            let mut acc = 0i64;
            for &(a, z) in black_box(&inputs) {
                let n = cal
                    .working_days_between(a, z)
                    .expect("both dates lie in the bundled coverage 2010-2026");
                acc = acc.wrapping_add(n);
            }
            black_box(acc)
        });
    });
    g.finish();
}

fn bench_is_working_day(c: &mut Criterion) {
    let cal = Calendar::china_mainland();
    let mut rng = SplitMix64(0x6A69_6365_6E67_0003);
    let inputs = random_dates(&mut rng, N, ymd(2010, 1, 1), ymd(2026, 12, 31));

    let mut g = c.benchmark_group("is_working_day");
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("1M random dates", |b| {
        b.iter(|| {
            let mut count = 0u64;
            for &d in black_box(&inputs) {
                let working = cal
                    .is_working_day(d)
                    .expect("every date lies in the bundled coverage 2010-2026");
                count += u64::from(working);
            }
            black_box(count)
        });
    });
    g.finish();
}

fn bench_build_bundled_calendar(c: &mut Criterion) {
    // Make sure the cache is filled before timing the cached path.
    black_box(Calendar::china_mainland());

    let mut g = c.benchmark_group("build_bundled_calendar");
    g.bench_function("from_toml_str", |b| {
        b.iter(|| {
            Calendar::from_toml_str(black_box(BUNDLED_CHINA_MAINLAND), "bench")
                .expect("the bundled calendar data is valid")
        });
    });
    g.bench_function("china_mainland (cached clone)", |b| {
        b.iter(Calendar::china_mainland);
    });
    // The provisional tables (2008 to the horizon, statutory days computed)
    // are built on a calendar's first provisional query.
    g.bench_function("provisional tables (first provisional query)", |b| {
        b.iter(|| {
            let cal = Calendar::from_toml_str(black_box(BUNDLED_CHINA_MAINLAND), "bench")
                .expect("the bundled calendar data is valid")
                .with_policy(CoveragePolicy::Provisional);
            cal.is_working_day(ymd(2030, 1, 1))
                .expect("within the horizon")
        });
    });
    g.finish();
}

fn bench_period_end(c: &mut Criterion) {
    let cal = Calendar::china_mainland();
    let mut rng = SplitMix64(0x6A69_6365_6E67_0005);
    let inputs = random_dates(&mut rng, N, ymd(2010, 1, 1), ymd(2025, 12, 31));

    let mut g = c.benchmark_group("period_end");
    g.throughput(Throughput::Elements(N as u64));
    for (id, period) in [
        ("20wd, 1M random dates", Period::WorkingDays(20)),
        ("90d, 1M random dates", Period::Days(90)),
    ] {
        g.bench_function(id, |b| {
            b.iter(|| {
                let mut acc = 0i64;
                for &d in black_box(&inputs) {
                    let end = cal
                        .period_end(d, black_box(period))
                        .expect("starts end 2025-12-31, so the ends fall inside coverage");
                    acc = acc
                        .wrapping_add(sum_days(end.end))
                        .wrapping_add(i64::from(end.provisional));
                }
                black_box(acc)
            });
        });
    }
    g.finish();
}

fn bench_working_hours_add_minutes(c: &mut Criterion) {
    let cal = Calendar::china_mainland();
    let hours = WorkingHours::china_standard();
    let offset: FixedOffset = hours.offset();
    let mut rng = SplitMix64(0x6A69_6365_6E67_0006);
    let (first, last) = (ymd(2010, 1, 1), ymd(2025, 12, 31));
    let inputs: Vec<(DateTime<FixedOffset>, u32)> = (0..N_HOURS)
        .map(|_| {
            let day = random_date(&mut rng, first, last);
            let secs = u32::try_from(rng.range_i64(0, 86_399)).expect("0..86400 fits in u32");
            let time = NaiveTime::from_num_seconds_from_midnight_opt(secs, 0)
                .expect("seconds are below 86400");
            let at = day
                .and_time(time)
                .and_local_timezone(offset)
                .single()
                .expect("a fixed offset maps every local time to one instant");
            let m = u32::try_from(rng.range_i64(1, 600)).expect("1..=600 fits in u32");
            (at, m)
        })
        .collect();

    let mut g = c.benchmark_group("working_hours_add_minutes");
    g.throughput(Throughput::Elements(N_HOURS as u64));
    g.bench_function("100k random (timestamp, minutes)", |b| {
        b.iter(|| {
            let mut acc = 0i64;
            for &(at, m) in black_box(&inputs) {
                let done = hours
                    .add_minutes(&cal, at, m)
                    .expect("timestamps end 2025-12-31 and 600 minutes is under 2 working days");
                acc = acc.wrapping_add(done.timestamp());
            }
            black_box(acc)
        });
    });
    g.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = bench_add_working_days,
        bench_working_days_between,
        bench_is_working_day,
        bench_build_bundled_calendar,
        bench_period_end,
        bench_working_hours_add_minutes
}
criterion_main!(benches);
