//! Fuzz targets (proptest, bounded by `PROPTEST_CASES`): mutated ledgers
//! and units files, extreme numbers and dates, long and non-ASCII
//! strings. After each successful parse the main queries run with extreme
//! arguments and are compared with simple reference models; nothing may
//! panic.
//!
//! Long run: `PROPTEST_CASES=1000000 cargo test --profile fuzz -p
//! jiceng-staffing --test it fuzz_`.

use chrono::NaiveDate;
use jiceng_staffing::{
    BAITALING, LedgerFile, Method, PlanRequest, Units, Workload, erlang_a, erlang_c, plan,
};
use proptest::prelude::*;

const BAITALING_CSV: &str = include_str!("../../data/baitaling.csv");

/// Odd fragments a hostile file may hold.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("4294967295".to_string()),
        Just("4294967296".to_string()),
        Just("-1".to_string()),
        Just("0".to_string()),
        Just("9999-12-31".to_string()),
        Just("0001-01-01".to_string()),
        Just("\"\"".to_string()),
        Just("白塔岭街道".repeat(40)),
        Just("\n[[event]]\n".to_string()),
        Just(",,,,,,,,".to_string()),
        Just("\"".to_string()),
        "[a-z_=\\[\\]\" ,0-9\\n-]{0,30}",
    ]
}

/// The text with a fragment inserted at, or replacing a span near, `at`.
fn mutate(text: &str, at: usize, cut: usize, frag: &str) -> String {
    let mut i = at % (text.len() + 1);
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    let mut j = (i + cut).min(text.len());
    while !text.is_char_boundary(j) {
        j -= 1;
    }
    format!("{}{}{}", &text[..i], frag, &text[j..])
}

/// The checks every parsed ledger must pass: compiling never panics, the
/// total equals the sum over bodies (the reference model of
/// conservation), and queries on extreme dates answer or refuse.
fn exercise(f: &LedgerFile) -> Result<(), TestCaseError> {
    let (ledger, findings) = f.compile();
    let sum: u64 = ledger
        .bodies()
        .iter()
        .map(|b| {
            ledger
                .current(&b.code)
                .map(|e| e.quotas.total())
                .unwrap_or_default()
        })
        .sum();
    prop_assert_eq!(sum, ledger.total_quotas());
    for b in ledger.bodies() {
        for date in [NaiveDate::MIN, NaiveDate::MAX] {
            let s = ledger.at(&b.code, date).unwrap();
            if date == NaiveDate::MAX {
                prop_assert_eq!(&s.establishment, ledger.current(&b.code).unwrap());
            }
        }
    }
    prop_assert!(findings.iter().all(|x| !x.message.is_empty()));
    Ok(())
}

proptest! {
    #[test]
    fn fuzz_ledger_toml(at in any::<usize>(), cut in 0..20usize, frag in fragment()) {
        if let Ok(f) = LedgerFile::parse_toml(&mutate(BAITALING, at, cut, &frag)) {
            exercise(&f)?;
        }
    }

    #[test]
    fn fuzz_ledger_csv(at in any::<usize>(), cut in 0..20usize, frag in fragment()) {
        if let Ok(f) = LedgerFile::parse_csv(&mutate(BAITALING_CSV, at, cut, &frag)) {
            exercise(&f)?;
        }
    }

    /// Units files with odd values, planned with extreme pools and bounds:
    /// a plan that is made adds up exactly (the reference model).
    #[test]
    fn fuzz_units_and_plan(
        at in any::<usize>(), cut in 0..10usize, frag in fragment(),
        pool in prop_oneof![Just(0u64), Just(100_000u64), Just(u64::MAX), 0..1000u64],
        min in prop::option::of(prop_oneof![Just(u64::MAX), 0..100u64]),
        max in prop::option::of(prop_oneof![Just(0u64), 0..200u64]),
        m in 0..4usize,
    ) {
        let text = "code,current,population,area\nA,39,183000,12\nB,0,5000,0\nC,18446744073709551615,1e300,1\n";
        if let Ok(u) = Units::parse_csv(&mutate(text, at, cut, &frag)) {
            let method = [Method::Hamilton, Method::Webster, Method::DHondt, Method::HuntingtonHill][m];
            let cols: Vec<(String, f64)> = u.columns.iter().map(|c| (c.clone(), 1.0)).collect();
            let req = PlanRequest { pool, weights: cols, method, min, max, population: None };
            if let Ok(p) = plan(&u, &req) {
                let added: u64 = p.units.iter().map(|x| x.after - x.before).sum();
                prop_assert_eq!(added, pool);
                prop_assert!(p.cv.is_finite() && p.gini.is_finite());
            }
        }
    }

    /// Erlang C and A on extreme inputs answer with probabilities in
    /// [0, 1] or refuse; Erlang C's answer meets its target.
    #[test]
    fn fuzz_erlang(
        transactions in prop_oneof![Just(1e-300), Just(f64::MAX), Just(f64::NAN), 1e-3..1e4f64],
        aht in prop_oneof![Just(0.0), Just(1e-9), 0.01..60.0f64],
        within in prop_oneof![Just(0.0), Just(f64::INFINITY), 0.0..120.0f64],
        shrinkage in prop_oneof![Just(0.999_999), Just(-0.1), 0.0..0.9f64],
        sl in prop_oneof![Just(1.0), Just(0.0), 0.0..1.0f64],
        occ in prop_oneof![Just(1e-9), Just(1.0), 0.05..1.0f64],
        patience in prop_oneof![Just(1e-9), Just(1e3), 0.1..60.0f64],
    ) {
        let w = Workload { transactions, interval_minutes: 60.0, aht_minutes: aht, within_minutes: within, shrinkage };
        if let Ok(r) = erlang_c(&w, sl, occ) {
            prop_assert!(r.service_level >= sl && r.positions >= r.raw_positions);
            prop_assert!((0.0..=1.0).contains(&r.waiting_probability));
        }
        // Erlang A is O(servers) per evaluation: keep the traffic moderate.
        if w.intensity() < 200.0 {
            if let Ok(r) = erlang_a(&w, sl, occ, patience) {
                prop_assert!(r.service_level >= sl && r.occupancy <= occ);
                prop_assert!((0.0..=1.0).contains(&r.abandonment));
            }
        }
    }
}
