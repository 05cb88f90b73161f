//! The service item catalogue: resolving the limits of a million cases.
//!
//! Run with `cargo bench --bench catalogue`.
//!
//! A synthetic province catalogue of 2,300 townships × 300 items (a
//! provincial template for each item, an adaptation in every township:
//! 690,300 entries) is built once. The bench then resolves the limits of
//! one million cases (a township, an item and a receipt date each) and
//! evaluates them, as `approvals evaluate` does, against the evaluation of
//! the same cases carrying the same limits inline. The difference between
//! the two figures is what resolution adds; the target is under 100 ms for
//! the million, single-threaded. Cases are resolved in batches of 256
//! ([`Catalogue::apply_batch`]), as `approvals evaluate` resolves its lines. A third figure times the scan of a case
//! line for the limits it gives inline, which `approvals evaluate` does
//! once per line that names an item.

use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jiceng::approvals::{
    Case, Catalogue, CatalogueFile, Entry, Handling, Inline, Limits, Metrics, Options, evaluate,
    synth,
};
use jiceng::calendar::{Calendar, Period};
use jiceng::org::DivisionCode;

const ITEMS: u32 = 300;
/// 23 counties of 100 towns each.
const COUNTIES: u64 = 23;
const TOWNS: u64 = 100;
/// The distinct cases, applied round-robin.
const DISTINCT: usize = 65_536;
/// The cases resolved together, as `approvals evaluate` reads them: a
/// divisor of `DISTINCT`, so a batch is a run of the distinct cases.
const BATCH: usize = 256;

fn entry(division: u64, code: String, from: NaiveDate) -> Entry {
    Entry {
        division: DivisionCode::new(division).expect("a valid synthetic code"),
        code,
        from,
        until: None,
        name: None,
        power_item: None,
        category: None,
        handling: None,
        statutory: None,
        promised: None,
        extension_allowed: None,
        extension: None,
        joint: None,
        departments: None,
        materials: None,
        fees: None,
        channels: None,
        proxy: None,
        deciding_body: None,
        office: None,
        withdrawn: false,
        template: false,
    }
}

fn town(k: u64) -> u64 {
    // 1309CC000000 + town 1TT.
    130_900_000_000 + (k / TOWNS + 1) * 1_000_000 + (100 + k % TOWNS) * 1000
}

fn catalogue() -> Catalogue {
    let from: NaiveDate = "2022-01-01".parse().expect("a valid date");
    let mut entries = Vec::new();
    for i in 0..ITEMS {
        let mut e = entry(130_000_000_000, format!("ITEM-{i:03}"), from);
        e.name = Some(format!("事项{i}"));
        e.handling = Some(Handling::Promised);
        e.statutory = Some(Period::WorkingDays(20));
        e.promised = Some(Period::WorkingDays(10));
        entries.push(e);
    }
    for k in 0..COUNTIES * TOWNS {
        for i in 0..ITEMS {
            let mut e = entry(town(k), format!("ITEM-{i:03}"), from);
            e.deciding_body = Some(format!("{}-gov", town(k) / 1000));
            e.promised = Some(Period::WorkingDays(1 + (k as u32 + i) % 10));
            entries.push(e);
        }
    }
    Catalogue::from_file(CatalogueFile {
        format: 1,
        name: "synthetic".to_owned(),
        illustrative: true,
        note: None,
        entry: entries,
    })
    .expect("the synthetic catalogue is within the limits")
}

fn bench(c: &mut Criterion) {
    let cat = catalogue();
    let cal = Calendar::china_mainland();
    let at = "2026-06-30".parse().expect("a valid date");
    let opts = Options::default();
    // 65,536 distinct synthetic cases (4 to 9 events each), applied
    // round-robin to make a million. Each names an item and a township.
    let first = "2024-01-01".parse().expect("a valid date");
    let mut named =
        synth::cases(&cal, 16, DISTINCT, first, 600).expect("the dates lie in coverage");
    for (n, case) in named.iter_mut().enumerate() {
        let n = n as u64;
        let k = n * 7919 % (COUNTIES * TOWNS);
        let i = n * 104_729 % u64::from(ITEMS);
        case.item = Some(format!("ITEM-{i:03}"));
        case.division = Some(town(k).to_string());
        case.limits = Limits::default();
        case.handling = Handling::default();
    }
    // The same cases carrying the catalogue's limits inline, as a file
    // without a catalogue gives them: nothing to resolve.
    let inline_cases: Vec<Case> = named
        .iter()
        .map(|c| {
            let mut c = c.clone();
            cat.apply(&mut c, &Inline::default())
                .expect("every synthetic case names an offered item");
            c.division = None;
            c
        })
        .collect();
    // The two sets must evaluate identically, or the difference measures
    // something else than resolution.
    for (a, b) in named.iter().zip(&inline_cases) {
        let mut a = a.clone();
        cat.apply(&mut a, &Inline::default())
            .expect("every synthetic case names an offered item");
        assert_eq!(
            evaluate(&a, at, &cal, &opts).ok(),
            evaluate(b, at, &cal, &opts).ok()
        );
    }
    // The lines of the named cases as a file gives them: no limit inline.
    let lines: Vec<String> = named
        .iter()
        .map(|c| {
            let mut v = serde_json::to_value(c).expect("a case serialises");
            if let Some(o) = v.as_object_mut() {
                for k in [
                    "statutory",
                    "promised",
                    "extension",
                    "joint",
                    "delivery",
                    "handling",
                ] {
                    o.remove(k);
                }
            }
            v.to_string()
        })
        .collect();
    let mut named: Vec<(Case, Inline)> =
        named.into_iter().map(|c| (c, Inline::default())).collect();
    let mut g = c.benchmark_group("catalogue");
    g.sample_size(10).measurement_time(Duration::from_secs(5));
    g.throughput(Throughput::Elements(1_000_000));
    g.bench_function("evaluate 1M cases carrying their limits inline", |b| {
        b.iter(|| {
            let mut m = Metrics::default();
            for n in 0..1_000_000usize {
                if let Ok(e) = evaluate(&inline_cases[n % DISTINCT], at, &cal, &opts) {
                    m.add(&e);
                }
            }
            black_box(m.decided)
        })
    });
    g.bench_function("resolve from the catalogue and evaluate 1M cases", |b| {
        b.iter(|| {
            let mut m = Metrics::default();
            let mut n = 0usize;
            while n < 1_000_000 {
                let len = BATCH.min(1_000_000 - n);
                let start = n % DISTINCT;
                let batch = &mut named[start..start + len];
                let answers = cat.apply_batch(batch);
                for ((case, _), a) in batch.iter().zip(answers) {
                    if a.is_ok() {
                        if let Ok(e) = evaluate(case, at, &cal, &opts) {
                            m.add(&e);
                        }
                    }
                }
                n += len;
            }
            black_box(m.decided)
        })
    });
    g.bench_function("scan 1M case lines for inline limits", |b| {
        b.iter(|| {
            let mut given = 0u32;
            for n in 0..1_000_000usize {
                if let Ok(i) = Inline::from_json(&lines[n % DISTINCT]) {
                    given += u32::from(i.promised);
                }
            }
            black_box(given)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
