//! The service item catalogue: resolving the limits of a million cases.
//!
//! Run with `cargo bench --bench catalogue`.
//!
//! A synthetic province catalogue of 2,300 townships × 300 items (a
//! provincial template for each item, an adaptation in every township:
//! 690,300 entries) is built once. The bench then resolves the limits of
//! one million cases (a township, an item and a receipt date each) and
//! applies them to the cases, as `approvals evaluate` does before it
//! evaluates. The target: under 100 ms for the million, single-threaded.
//! A second figure times the scan of a case line for the limits it gives
//! inline, which `evaluate` does once per line that names an item.

use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jiceng::approvals::{Case, Catalogue, CatalogueFile, Entry, Handling, Inline};
use jiceng::calendar::Period;
use jiceng::org::DivisionCode;

const ITEMS: u32 = 300;
/// 23 counties of 100 towns each.
const COUNTIES: u64 = 23;
const TOWNS: u64 = 100;

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
    // 65,536 distinct cases, applied round-robin to make a million.
    let lines: Vec<String> = (0..65_536u64)
        .map(|n| {
            let k = n * 7919 % (COUNTIES * TOWNS);
            let i = n * 104_729 % u64::from(ITEMS);
            let d = NaiveDate::from_ymd_opt(2023, 1, 1).expect("a valid date")
                + chrono::Duration::days((n % 700) as i64);
            format!(
                r#"{{"id":"C{n}","item":"ITEM-{i:03}","division":"{}","events":[{{"date":"{d}","kind":"received"}},{{"date":"{d}","kind":"accepted"}}]}}"#,
                town(k)
            )
        })
        .collect();
    let mut cases: Vec<Case> = lines
        .iter()
        .map(|l| Case::from_json(l).expect("a valid synthetic case"))
        .collect();
    let inline = Inline::default();
    let mut g = c.benchmark_group("catalogue");
    g.sample_size(10).measurement_time(Duration::from_secs(5));
    g.throughput(Throughput::Elements(1_000_000));
    g.bench_function("resolve and apply the limits of 1M cases", |b| {
        b.iter(|| {
            let mut ok = 0u32;
            for n in 0..1_000_000usize {
                let case = &mut cases[n % 65_536];
                if cat.apply(case, &inline).is_ok() {
                    ok += 1;
                }
            }
            black_box(ok)
        })
    });
    g.bench_function("scan 1M case lines for inline limits", |b| {
        b.iter(|| {
            let mut given = 0u32;
            for n in 0..1_000_000usize {
                if let Ok(i) = Inline::from_json(&lines[n % 65_536]) {
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
