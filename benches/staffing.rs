//! Staffing: a provincial plan, Erlang C requirements, ledger replay.
//!
//! Run with `cargo bench --bench staffing`.
//!
//! Targets (issue 11): a plan over 2,300 units under 5 ms; 10,000 Erlang C
//! solutions under 100 ms; replaying a ledger of one million transfers
//! under 1 s. Single-threaded. Also `staffing check`'s compile of a
//! million events, to show that flagging over-establishment stays linear.

use std::hint::black_box;
use std::time::Duration;

use chrono::{Days, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use jiceng::org::Level;
use jiceng::staffing::{
    Body, Event, EventKind, Ledger, LedgerFile, Method, PlanRequest, QuotaKind, Workload, erlang_c,
    plan, synth,
};

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("staffing");
    g.sample_size(10).measurement_time(Duration::from_secs(5));

    // The provincial figure: 2,300 units with 127,500 staff get 22,000.
    let units = synth::province(1, 2_300, 127_500).expect("valid parameters");
    for method in [Method::Hamilton, Method::Webster, Method::HuntingtonHill] {
        let req = PlanRequest {
            pool: 22_000,
            weights: vec![
                ("population".into(), 0.6),
                ("area".into(), 0.2),
                ("cases".into(), 0.2),
            ],
            method,
            min: Some(30),
            max: None,
            population: None,
        };
        g.bench_function(format!("plan 2,300 units, 22,000 quotas, {method}"), |b| {
            b.iter(|| black_box(plan(&units, &req).map(|p| p.total)))
        });
    }

    // 10,000 requirements: 10 to 1,000 calls an hour, handling 2 to 12
    // minutes, 80% within 20 s, occupancy at most 0.85, shrinkage 0.3.
    let loads: Vec<Workload> = (0..10_000)
        .map(|i| Workload {
            transactions: 10.0 + (i % 100) as f64 * 10.0,
            interval_minutes: 60.0,
            aht_minutes: 2.0 + (i / 1_000) as f64,
            within_minutes: 1.0 / 3.0,
            shrinkage: 0.3,
        })
        .collect();
    g.bench_function("erlang c, 10,000 requirements", |b| {
        b.iter(|| {
            let mut staff = 0u64;
            for w in &loads {
                if let Ok(r) = erlang_c(w, 0.8, 0.85) {
                    staff += r.positions;
                }
            }
            black_box(staff)
        })
    });

    // One million transfers among a county and 100 townships, replayed
    // into a fresh ledger.
    let mut bodies = vec![Body {
        code: "county".into(),
        name: String::new(),
        level: Level::County,
    }];
    bodies.extend((0..100).map(|i| Body {
        code: format!("t{i:03}"),
        name: String::new(),
        level: Level::Township,
    }));
    let day = NaiveDate::from_ymd_opt(2020, 1, 1).expect("a valid date");
    let mut events = vec![Event::quota(
        day,
        "三定",
        EventKind::Create,
        "county",
        QuotaKind::Administrative,
        4_000_000,
    )];
    for i in 0..1_000_000u64 {
        let to = format!("t{:03}", i % 100);
        let date = day + Days::new(i / 10_000);
        events.push(if i % 2 == 0 {
            Event::transfer(
                date,
                "下沉",
                EventKind::Sink,
                "county",
                to,
                QuotaKind::Administrative,
                3,
            )
        } else {
            Event::transfer(
                date,
                "调剂",
                EventKind::Adjust,
                to,
                format!("t{:03}", (i + 1) % 100),
                QuotaKind::Administrative,
                1,
            )
        });
    }
    g.bench_function("replay 1,000,000 transfers", |b| {
        b.iter(|| {
            let mut l = Ledger::new(bodies.clone()).expect("unique codes");
            for e in &events {
                let _ = l.apply(e.clone());
            }
            black_box(l.total_quotas())
        })
    });

    // `staffing check` on one million events: each of 100 townships goes
    // over establishment and back on alternate days (hire 1 on no quota,
    // leave 1), the worst case for flags: 500,000 stretches, each flagged.
    let file = LedgerFile {
        body: bodies[1..].to_vec(),
        event: (0..1_000_000u64)
            .map(|i| {
                let kind = if (i / 100) % 2 == 0 {
                    EventKind::Hire
                } else {
                    EventKind::Leave
                };
                let date = day + Days::new(i / 100);
                Event::quota(
                    date,
                    "d",
                    kind,
                    format!("t{:03}", i % 100),
                    QuotaKind::Other,
                    1,
                )
            })
            .collect(),
        ..LedgerFile::default()
    };
    g.bench_function("check 1,000,000 events, 500,000 flags", |b| {
        b.iter(|| black_box(file.compile().1.len()))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
