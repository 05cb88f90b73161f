//! Laws of the engine: determinism across thread counts, zero difference
//! without a reform, conservation of arrivals.

use jiceng_sim::{Metric, run, run_replication, summarise};
use proptest::prelude::*;

use crate::common::{REFORM, model, tiny};

fn summary_json(threads: usize, text: &str) -> String {
    let m = model(text);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let tallies = pool.install(|| run(&m, 11, &[0, 1, 2, 3], &|| {}));
    let s = summarise(&m, 11, &tallies).unwrap_or_else(|e| panic!("{e}"));
    serde_json::to_string(&s).unwrap_or_default()
}

#[test]
fn the_same_seed_gives_the_same_bytes_on_one_or_two_threads() {
    let text = tiny(REFORM);
    assert_eq!(summary_json(1, &text), summary_json(2, &text));
}

#[test]
fn another_seed_gives_other_arrivals() {
    let m = model(&tiny(""));
    assert_ne!(run_replication(&m, 1, 0), run_replication(&m, 2, 0));
    assert_ne!(run_replication(&m, 1, 0), run_replication(&m, 1, 1));
}

#[test]
fn a_reform_that_changes_nothing_differs_by_exactly_zero() {
    let m = model(&tiny("[[reform]]\nname = \"nothing\"\n"));
    let tallies = run(&m, 3, &[0, 1, 2], &|| {});
    let s = summarise(&m, 3, &tallies).unwrap_or_else(|e| panic!("{e}"));
    assert!(!s.differences.is_empty());
    for d in &s.differences {
        assert_eq!(d.mean, 0.0, "{d:?}");
        assert_eq!((d.ci_low, d.ci_high), (Some(0.0), Some(0.0)), "{d:?}");
    }
}

#[test]
fn a_reform_sees_the_same_arrivals_as_the_baseline() {
    let m = model(&tiny(REFORM));
    let t = run_replication(&m, 9, 0);
    let (b, r) = (&t.variants[0], &t.variants[1]);
    assert_eq!(b.daily_arrivals, r.daily_arrivals);
    for (x, y) in b.towns.iter().zip(&r.towns) {
        assert_eq!(x.arrivals, y.arrivals);
    }
}

fn conserved(text: &str, seed: u64) {
    let m = model(text);
    let t = run_replication(&m, seed, 0);
    for v in &t.variants {
        let mut events = 0;
        for town in &v.towns {
            let arrivals: u64 = town.arrivals.iter().sum();
            assert_eq!(
                arrivals,
                town.decided() + town.open_local + town.open_escalated
            );
            assert_eq!(town.hist.iter().sum::<u64>(), town.decided());
            events += arrivals + town.decided();
        }
        let daily_a: u64 = v.daily_arrivals[0].iter().sum();
        let daily_c: u64 = v.daily_closed[0].iter().sum();
        assert_eq!(
            daily_a,
            v.towns
                .iter()
                .map(|t| t.arrivals.iter().sum::<u64>())
                .sum::<u64>()
        );
        assert_eq!(daily_c, v.towns.iter().map(|t| t.decided()).sum::<u64>());
        assert!(events <= t.events);
    }
}

#[test]
fn every_arrival_ends_closed_open_or_escalated() {
    conserved(&tiny(REFORM), 1);
}

#[test]
fn a_desk_without_staff_closes_nothing() {
    let text = tiny(REFORM).replace(
        "staff = { service = 2, enforcement = 1, grid = 3 }",
        "staff = { service = 0, enforcement = 0, grid = 0 }",
    );
    let m = model(&text);
    let t = run_replication(&m, 1, 0);
    let town = &t.variants[0].towns[0];
    // Grid events are the township's: with no grid staff none closes.
    assert_eq!(town.closed[2], 0);
    assert_eq!(town.closed_local, [0, 0, 0]);
    assert!(town.open_local > 0);
}

#[test]
fn the_t_quantiles_are_the_tables() {
    // Student t, 0.975: df 1 12.706, df 4 2.776, df 30 2.042 (tables);
    // df 120: 1.980 (tables).
    assert_eq!(jiceng_sim::t975(1), 12.706);
    assert_eq!(jiceng_sim::t975(4), 2.776);
    assert_eq!(jiceng_sim::t975(30), 2.042);
    assert!((jiceng_sim::t975(120) - 1.980).abs() < 5e-4);
    assert!(jiceng_sim::t975(0).is_nan());
}

#[test]
fn residents_per_staff_is_population_over_staff() {
    // 新马头镇: 20,000 residents, 2 + 1 + 3 = 6 staff: 3,333.33.
    let m = model(&tiny(""));
    let t = run(&m, 1, &[0, 1], &|| {});
    let s = summarise(&m, 1, &t).unwrap_or_else(|e| panic!("{e}"));
    let e = s
        .totals
        .iter()
        .find(|e| e.division == "130430100000" && e.metric == Metric::ResidentsPerStaff)
        .unwrap_or_else(|| panic!("no estimate"));
    assert!((e.mean - 20_000.0 / 6.0).abs() < 1e-9);
    assert_eq!(e.ci_low, Some(e.mean));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn conservation_holds_for_any_seed_rate_and_staff(
        seed in any::<u64>(),
        rate in 0.0f64..20.0,
        staff in 0u32..4,
        delay in 0u32..2000,
    ) {
        let text = tiny(REFORM)
            .replace("rate = 2.0", &format!("rate = {rate:?}"))
            .replace("grid = 3 }", &format!("grid = {staff} }}"))
            + &format!("\n[escalation]\ndelay_minutes = {delay}\n");
        conserved(&text, seed);
    }
}

/// The province's figures recomputed from one replication's raw tallies,
/// by the definitions in DESIGN.md, summed here independently of the
/// summary's own aggregation.
#[test]
fn province_totals_follow_from_the_township_tallies() {
    let m = model(&tiny(REFORM));
    let t = run(&m, 21, &[0], &|| {});
    let s = summarise(&m, 21, &t).unwrap_or_else(|e| panic!("{e}"));
    for (vi, variant) in ["baseline", "devolve"].iter().enumerate() {
        let v = &t[0].variants[vi];
        let sum = |f: &dyn Fn(&jiceng_sim::TownTally) -> u64| v.towns.iter().map(f).sum::<u64>();
        let arrivals = sum(&|x| x.arrivals.iter().sum());
        let closed = sum(&|x| x.decided());
        let open = sum(&|x| x.open_local + x.open_escalated);
        let statute = (sum(&|x| x.statute[1]), sum(&|x| x.statute[0]));
        let promise = (sum(&|x| x.promise[1]), sum(&|x| x.promise[0]));
        let local = sum(&|x| x.closed_local[1] + x.closed_local[2]);
        let pg = sum(&|x| x.closed[1] + x.closed[2]);
        let minutes = sum(&|x| x.minutes);
        let get = |metric: Metric| {
            s.totals
                .iter()
                .find(|e| {
                    e.variant == *variant && e.division == "130000000000" && e.metric == metric
                })
                .map(|e| e.mean)
                .unwrap_or_else(|| panic!("{variant} {metric:?}"))
        };
        assert!(arrivals > 0 && closed > 0);
        assert_eq!(get(Metric::Arrivals), arrivals as f64);
        assert_eq!(get(Metric::Closed), closed as f64);
        assert_eq!(get(Metric::Backlog), open as f64);
        assert_eq!(
            get(Metric::OnTimeStatute),
            statute.0 as f64 / statute.1 as f64
        );
        assert_eq!(
            get(Metric::OnTimePromise),
            promise.0 as f64 / promise.1 as f64
        );
        assert_eq!(get(Metric::ResolvedLocally), local as f64 / pg as f64);
        // 08:30–12:00 and 14:00–17:30: 420 working minutes a day.
        assert_eq!(
            get(Metric::MeanDaysToDecision),
            minutes as f64 / closed as f64 / 420.0
        );
        // p90: the smallest k with at least ceil(0.9 n) decisions within k days.
        let mut hist = vec![0u64; jiceng_sim::HIST_BINS];
        for town in &v.towns {
            for (h, x) in hist.iter_mut().zip(&town.hist) {
                *h += x;
            }
        }
        let need = (9 * closed).div_ceil(10);
        let mut cum = 0;
        let k = hist.iter().position(|h| {
            cum += h;
            cum >= need
        });
        assert_eq!(get(Metric::P90DaysToDecision), k.unwrap_or(0) as f64);
        // The daily series add up to the totals, and the last day's backlog
        // is the open count.
        let daily = |metric: Metric| -> Vec<f64> {
            s.daily
                .iter()
                .filter(|e| {
                    e.variant == *variant && e.division == "130000000000" && e.metric == metric
                })
                .map(|e| e.mean)
                .collect()
        };
        assert_eq!(daily(Metric::Arrivals).iter().sum::<f64>(), arrivals as f64);
        assert_eq!(daily(Metric::Closed).iter().sum::<f64>(), closed as f64);
        assert_eq!(daily(Metric::Backlog).last().copied(), Some(open as f64));
        assert_eq!(daily(Metric::Backlog).len(), 20);
        // Utilisation: busy minutes of all desks over staff × working
        // minutes. Staff: 新马头镇 2 + 1 + 3; 邱城镇 by the default rules on
        // 10,000 residents: 1.0, 0.5 → round(0.5) = 1 (ties away), 1.5 → 2,
        // each at least 1: 1 + 1 + 2; the county by its rules on 30,000:
        // 0.6 → 1, 0.3 → 1 (min), 0.6 → 1: 3. The reform adds 1 enforcement
        // staff to each township.
        let staff = if vi == 0 { 6 + 4 + 3 } else { 7 + 5 + 3 };
        let busy = sum(&|x| x.busy) + v.county_busy.iter().sum::<u64>();
        // 3 to 22 March 2025 (20 days from Monday 3 March, no holiday): the
        // weekdays of three weeks, 15 working days.
        let working_days = 15;
        let expected = busy as f64 / (staff as f64 * (working_days * 420) as f64);
        assert!(
            (get(Metric::Utilisation) - expected).abs() < 1e-12,
            "{variant}"
        );
        assert_eq!(get(Metric::ResidentsPerStaff), 30_000.0 / staff as f64);
    }
}

/// Arrivals follow rate × population × days: 3.2 per 10,000 residents a
/// day (1.0 + 0.2 + 2.0) over 20 days is 128 expected for 20,000
/// residents and 64 for 10,000; a Poisson count is within 5 standard
/// deviations (√128 ≈ 11.3, √64 = 8) but for one run in about 3 million.
#[test]
fn arrivals_follow_rate_population_and_days() {
    let m = model(&tiny(""));
    for rep in 0..3 {
        let t = run_replication(&m, 17, rep);
        let towns = &t.variants[0].towns;
        let a0 = towns[0].arrivals.iter().sum::<u64>() as f64;
        let a1 = towns[1].arrivals.iter().sum::<u64>() as f64;
        assert!((a0 - 128.0).abs() <= 5.0 * 128f64.sqrt(), "{a0}");
        assert!((a1 - 64.0).abs() <= 5.0 * 8.0, "{a1}");
    }
}

/// Townships draw from their own streams: two of the same population get
/// different arrivals.
#[test]
fn townships_of_equal_population_draw_different_arrivals() {
    // Both by the same staff rules, so that only their streams differ.
    let m = model(
        &tiny("")
            .replace("population = 20000", "population = 10000")
            .replace("staff = { service = 2, enforcement = 1, grid = 3 }\n", ""),
    );
    let t = run_replication(&m, 17, 0);
    let towns = &t.variants[0].towns;
    assert_ne!(towns[0], towns[1]);
}
