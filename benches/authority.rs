//! Benchmarks of the power-item ledger (`jiceng::authority`).
//!
//! Measures, single-threaded, on the default synthetic province
//! (`SynthParams::default()`: 11 cities, 2,300 townships, 50,000 villages,
//! 300 items, 10,000 instruments from 2021 to 2025):
//!
//! * `synth_generate`: generating the ledger file with
//!   `jiceng::authority::synth::province`;
//! * `load_and_check`: `Ledger::from_text` on the file's JSON text (made
//!   once, outside the timing), then `Ledger::check` with the default
//!   options; the target is under 1 s;
//! * `holder_id`: 1,000,000 precomputed random (item, township or village,
//!   date in 2021–2025) queries on the fast path, summing the holders'
//!   `BodyId`s; the target is at least 30 million queries per second;
//! * `holder`: 10,000 random queries on the string API
//!   `Ledger::holder(item code, division code, date)`, which builds the
//!   explanation;
//! * `check_40mb`: `Ledger::from_text` and `Ledger::check` on a 40 MB
//!   synthetic ledger (50,000 instruments) from which the document numbers
//!   of 20,000 devolutions were taken out, so that the check reports
//!   20,000 findings with their lines; the target is under 2 s;
//! * `powers`: `Ledger::powers` for one township of the default province
//!   (the township with the most grants); the target is under 1 ms.
//!
//! Inputs come from a fixed-seed splitmix64 generator written inline, so
//! every run measures the same work. The query benches report throughput
//! in elements (queries) per second.
//!
//! Run with `cargo bench --bench authority`.

use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jiceng::authority::synth::{SynthParams, province};
use jiceng::authority::{CheckOptions, InstrumentKind, ItemId, Ledger, Source};
use jiceng::org::{DivisionId, Level};

mod common;
use common::{SplitMix64, ymd};

/// Queries per iteration of the `holder_id` bench.
const N_FAST: usize = 1_000_000;
/// Queries per iteration of the `holder` bench.
const N_EXPLAINED: usize = 10_000;

/// A uniform random date in 2021-01-01..=2025-12-31.
fn random_date(rng: &mut SplitMix64) -> NaiveDate {
    let (first, last) = (ymd(2021, 1, 1), ymd(2025, 12, 31));
    let span = usize::try_from((last - first).num_days() + 1).expect("the span is positive");
    let offset = i64::try_from(rng.below(span)).expect("a day offset fits in i64");
    first + chrono::Duration::days(offset)
}

/// The default synthetic ledger, built once for the query benches.
fn synthetic_ledger() -> Ledger {
    Ledger::build(province(&SynthParams::default()), Source::default())
        .expect("the synthetic province forms a valid registry")
}

/// The handles and codes of every township and village of the ledger.
fn townships_and_villages(ledger: &Ledger) -> Vec<(DivisionId, String)> {
    let reg = ledger.registry();
    reg.divisions()
        .iter()
        .filter(|d| matches!(d.level(), Level::Township | Level::Village))
        .map(|d| {
            let id = reg
                .division_id(d.code)
                .expect("every division of the registry has a handle");
            (id, d.code.to_string())
        })
        .collect()
}

fn bench_synth_generate(c: &mut Criterion) {
    let params = SynthParams::default();
    let mut g = c.benchmark_group("synth_generate");
    g.bench_function("default province", |b| {
        b.iter(|| province(black_box(&params)));
    });
    g.finish();
}

fn bench_load_and_check(c: &mut Criterion) {
    let text = province(&SynthParams::default()).to_json_string();
    let opts = CheckOptions::default();
    let mut g = c.benchmark_group("load_and_check");
    // About 0.1 s an iteration: give the ten samples room.
    g.measurement_time(Duration::from_secs(10));
    g.bench_function("from_text (JSON) + check", |b| {
        b.iter(|| {
            let ledger = Ledger::from_text(black_box(&text), "bench")
                .expect("the synthetic ledger's JSON parses and builds");
            let findings = ledger.check(&opts);
            black_box(findings.len())
        });
    });
    g.finish();
}

fn bench_holder_id(c: &mut Criterion) {
    let ledger = synthetic_ledger();
    let places = townships_and_villages(&ledger);
    let items = ledger.items().len();
    let mut rng = SplitMix64(0x6A69_6365_6E67_0101);
    let queries: Vec<(ItemId, DivisionId, NaiveDate)> = (0..N_FAST)
        .map(|_| {
            let item = u32::try_from(rng.below(items)).expect("item indices fit in u32");
            let (div, _) = places[rng.below(places.len())];
            (ItemId(item), div, random_date(&mut rng))
        })
        .collect();

    let mut g = c.benchmark_group("holder_id");
    g.throughput(Throughput::Elements(N_FAST as u64));
    g.bench_function("1M random (item, township/village, date)", |b| {
        b.iter(|| {
            let mut acc = 0u64;
            for &(item, div, date) in black_box(&queries) {
                if let Some(body) = ledger.holder_id(item, div, date) {
                    acc = acc.wrapping_add(u64::from(body.0));
                }
            }
            black_box(acc)
        });
    });
    g.finish();
}

fn bench_holder(c: &mut Criterion) {
    let ledger = synthetic_ledger();
    let places = townships_and_villages(&ledger);
    let items = ledger.items();
    let mut rng = SplitMix64(0x6A69_6365_6E67_0102);
    let queries: Vec<(&str, &str, NaiveDate)> = (0..N_EXPLAINED)
        .map(|_| {
            let item = items[rng.below(items.len())].code.as_str();
            let (_, division) = &places[rng.below(places.len())];
            (item, division.as_str(), random_date(&mut rng))
        })
        .collect();

    let mut g = c.benchmark_group("holder");
    g.throughput(Throughput::Elements(N_EXPLAINED as u64));
    g.bench_function("10k random, with explanation", |b| {
        b.iter(|| {
            let mut acc = 0usize;
            for &(item, division, date) in black_box(&queries) {
                let h = ledger
                    .holder(item, division, date)
                    .expect("every item has a holder in every synthetic township and village");
                acc = acc.wrapping_add(h.explanation.len());
            }
            black_box(acc)
        });
    });
    g.finish();
}

/// The 40 MB ledger of `check_40mb`, as JSON text: 50,000 instruments,
/// 20,000 devolutions without a document number.
pub fn ledger_40mb() -> String {
    let mut file = province(&SynthParams {
        instruments: 50_000,
        ..SynthParams::default()
    });
    let mut left = 20_000;
    for ins in &mut file.instruments {
        if left > 0 && ins.kind == InstrumentKind::Devolution {
            ins.document = None;
            left -= 1;
        }
    }
    file.to_json_string()
}

fn bench_check_40mb(c: &mut Criterion) {
    // Made on first use, so that a run filtered to another bench does not
    // pay for the 40 MB text.
    let text = std::cell::OnceCell::new();
    let opts = CheckOptions::default();
    let mut g = c.benchmark_group("check_40mb");
    g.sample_size(10);
    g.bench_function("from_text (JSON) + check, 20,000 findings", |b| {
        let text: &String = text.get_or_init(|| {
            let text = ledger_40mb();
            let findings = Ledger::from_text(&text, "bench")
                .expect("the 40 MB ledger builds")
                .check(&opts)
                .len();
            eprintln!("check_40mb: {} bytes, {findings} findings", text.len());
            text
        });
        b.iter(|| {
            let ledger =
                Ledger::from_text(black_box(text), "bench").expect("the 40 MB ledger builds");
            black_box(ledger.check(&opts).len())
        });
    });
    g.finish();
}

fn bench_powers(c: &mut Criterion) {
    let ledger = synthetic_ledger();
    let date = ymd(2025, 12, 31);
    let town = ledger
        .registry()
        .divisions()
        .iter()
        .filter(|d| d.level() == Level::Township)
        .max_by_key(|d| ledger.powers(d.code, date).map_or(0, |p| p.len()))
        .expect("the province has townships")
        .code;
    let mut g = c.benchmark_group("powers");
    g.bench_function("one township of the default province", |b| {
        b.iter(|| black_box(ledger.powers(black_box(town), date).map_or(0, |p| p.len())));
    });
    g.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
}

criterion_group! {
    name = benches;
    config = config();
    targets = bench_synth_generate,
        bench_load_and_check,
        bench_holder_id,
        bench_holder,
        bench_check_40mb,
        bench_powers
}
criterion_main!(benches);
