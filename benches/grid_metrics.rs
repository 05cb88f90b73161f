//! Benchmark of the grid metrics pipeline (`jiceng grid metrics`), in the
//! library: from JSON lines held in memory to GB/T 30428's figures.
//!
//! Measures, single-threaded, per event:
//!
//! * `metrics_pipeline`: 1,000,000 synthetic events (some 7.25 million
//!   lines, as `jiceng grid synth --events 1000000` writes them) read with
//!   `Entry::from_json_line`, applied with `Engine::apply_and_release`,
//!   and each finished event folded into `Metrics` as it is released
//!   (ratings skipped, as the command skips them); the events still open
//!   at the end are folded at the latest time seen. The target of issue
//!   12 is 10 million events in under 5 s (the command also reads the file
//!   and parses on two other threads).
//! * `parse_only`: the same lines read with `Entry::read_json_line` into
//!   one entry, as each parsing thread of the command reads them.
//!
//! The log comes from the crate's seeded synthesiser, so every run
//! measures the same work. Run with `cargo bench --bench grid_metrics`.

use std::hint::black_box;
use std::time::Duration;

use chrono::DateTime;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jiceng::calendar::{Calendar, WorkingHours};
use jiceng::grid::{Action, Engine, Entry, Grid, Metrics, Taxonomy, synth};

const N_EVENTS: usize = 1_000_000;

fn bench(c: &mut Criterion) {
    let (grid, tax) = (Grid::guchengying(), Taxonomy::sample());
    let (cal, hours) = (Calendar::china_mainland(), WorkingHours::china_standard());
    // The spacing `jiceng grid synth` uses: 180 days over the events.
    let start = DateTime::parse_from_rfc3339("2025-03-03T08:30:00+08:00").expect("a valid time");
    let spacing = 180 * 86_400 / N_EVENTS as i64;
    let mut text = String::new();
    for e in synth::events(1, N_EVENTS, start, spacing) {
        text += &serde_json::to_string(&e).expect("an entry serialises");
        text.push('\n');
    }
    let mut g = c.benchmark_group("grid_metrics");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(5));
    g.throughput(Throughput::Elements(N_EVENTS as u64));
    g.bench_function("metrics_pipeline", |b| {
        b.iter(|| {
            let mut engine = Engine::new(&grid, &tax, &cal, &hours);
            let mut m = Metrics::default();
            let mut latest = None;
            for line in text.lines() {
                let Ok(e) = Entry::from_json_line(line) else {
                    continue;
                };
                latest = latest.max(Some(e.at));
                if matches!(e.action, Action::Rate { .. }) {
                    continue;
                }
                if let Ok(Some(t)) = engine.apply_and_release(&e) {
                    let _ = m.add(&t, t.last, &cal, &hours);
                }
            }
            if let Some(as_of) = latest {
                for t in engine.tickets() {
                    let _ = m.add(t, as_of, &cal, &hours);
                }
            }
            black_box(m.summary())
        })
    });
    // The parsing alone, as each parsing thread of the command does it:
    // every line read into the same few entries.
    g.bench_function("parse_only", |b| {
        b.iter(|| {
            let mut entry = Entry::from_json_line(text.lines().next().unwrap_or_default())
                .expect("the first line reads");
            let mut read = 0usize;
            for line in text.lines() {
                read += usize::from(entry.read_json_line(line).is_ok());
            }
            black_box(read)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
