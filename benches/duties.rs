//! Benchmarks of township duty lists against powers (`jiceng::authority`).
//!
//! Measures, single-threaded, on the default synthetic province
//! (`SynthParams::default()`: 2,300 townships, 300 power items, 10,000
//! instruments) with the default synthetic duties (`DutyParams::default()`:
//! a 90-item province template adopted by every county, township lists for
//! one township in ten, one assessment item per county):
//!
//! * `check_duties`: `Ledger::check_duties` on 2025-06-01, which resolves
//!   every township's 90-item list and checks each duty against the powers
//!   the township holds, with the orphans, leads and assessments; the
//!   target is under 100 ms;
//! * `duties_of`: one township's list with every needed power's holder.
//!
//! Run with `cargo bench --bench duties`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use jiceng::authority::synth::{DutyParams, SynthParams, province, with_duties};
use jiceng::authority::{Ledger, Source};
use jiceng::org::Level;

mod common;
use common::ymd;

fn bench(c: &mut Criterion) {
    let file = with_duties(province(&SynthParams::default()), &DutyParams::default());
    let ledger =
        Ledger::build(file, Source::default()).expect("the synthetic province forms a registry");
    let date = ymd(2025, 6, 1);
    let town = ledger
        .registry()
        .divisions()
        .iter()
        .find(|d| d.code.level() == Level::Township)
        .map(|d| d.code)
        .expect("the province has townships");
    let mut g = c.benchmark_group("duties");
    g.sample_size(20);
    g.bench_function("check_duties", |b| {
        b.iter(|| black_box(ledger.check_duties(black_box(date))).len());
    });
    g.bench_function("duties_of", |b| {
        b.iter(|| black_box(ledger.duties_of(black_box(town), date)).map(|l| l.len()));
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
