//! Laws, checked by proptest: exact sums, bounds, house monotonicity of
//! divisor methods, Hamilton's quota rule, and conservation of quotas
//! under any sequence of transfers.

use chrono::NaiveDate;
use jiceng_org::Level;
use jiceng_staffing::{Body, Event, EventKind, Ledger, Method, QuotaKind, apportion};
use proptest::prelude::*;

const METHODS: [Method; 4] = [
    Method::Hamilton,
    Method::Webster,
    Method::DHondt,
    Method::HuntingtonHill,
];

fn method() -> impl Strategy<Value = Method> {
    (0..4usize).prop_map(|i| METHODS[i])
}

/// Weights with some zeros and wide ranges, and bounds that are feasible
/// for the pool drawn afterwards.
fn bounded_case() -> impl Strategy<Value = (Vec<f64>, Vec<u64>, Vec<u64>, u64)> {
    prop::collection::vec(
        (
            prop_oneof![Just(0.0), 1.0..1e6f64],
            0..5u64,
            prop::option::of(0..40u64),
        ),
        1..30,
    )
    .prop_flat_map(|rows| {
        let weights: Vec<f64> = rows.iter().map(|r| r.0).collect();
        let floors: Vec<u64> = rows.iter().map(|r| r.1).collect();
        let ceilings: Vec<u64> = rows
            .iter()
            .map(|r| r.2.map_or(u64::MAX, |c| c + r.1))
            .collect();
        let need: u64 = floors.iter().sum();
        let room = ceilings
            .iter()
            .fold(0u64, |a, &c| a.saturating_add(c))
            .min(need + 500);
        (Just(weights), Just(floors), Just(ceilings), need..=room)
    })
}

proptest! {
    /// Every method's result adds up exactly to the pool and respects
    /// every floor and ceiling (or the request is refused with a reason).
    #[test]
    fn exact_sum_within_bounds((w, f, c, pool) in bounded_case(), m in method()) {
        match apportion(pool, &w, &f, &c, m) {
            Ok(a) => {
                prop_assert_eq!(a.iter().sum::<u64>(), pool);
                for i in 0..a.len() {
                    prop_assert!(f[i] <= a[i] && a[i] <= c[i], "body {}: {} not in [{}, {}]", i, a[i], f[i], c[i]);
                }
            }
            // The only refusal for a feasible request: no positive weight
            // left below a ceiling while units remain.
            Err(e) => prop_assert!(e.to_string().contains("weights"), "{}", e),
        }
    }

    /// Divisor methods never take a unit from a body when the pool grows
    /// (no Alabama paradox).
    #[test]
    fn divisor_methods_are_house_monotone(
        w in prop::collection::vec(1.0..1e5f64, 1..20),
        pool in 0..300u64,
        m in (1..4usize).prop_map(|i| METHODS[i]),
    ) {
        let n = w.len();
        let none = vec![u64::MAX; n];
        let a = apportion(pool, &w, &vec![0; n], &none, m).unwrap();
        let b = apportion(pool + 1, &w, &vec![0; n], &none, m).unwrap();
        prop_assert!(a.iter().zip(&b).all(|(x, y)| x <= y), "{:?} then {:?}", a, b);
    }

    /// Hamilton without bounds gives each body its exact share rounded
    /// down or up (the quota rule).
    #[test]
    fn hamilton_satisfies_quota(w in prop::collection::vec(1.0..1e5f64, 1..20), pool in 0..300u64) {
        let n = w.len();
        let a = apportion(pool, &w, &vec![0; n], &vec![u64::MAX; n], Method::Hamilton).unwrap();
        let total: f64 = w.iter().sum();
        for i in 0..n {
            let q = pool as f64 * w[i] / total;
            prop_assert!((a[i] as f64) >= q.floor() - 1e-9 && (a[i] as f64) <= q.ceil() + 1e-9);
        }
    }

    /// Any sequence of transfers, valid or not, leaves the total of quotas
    /// unchanged; refused ones change nothing; and the establishment
    /// replayed on the last date equals the current one.
    #[test]
    fn transfers_conserve_quotas(
        initial in prop::collection::vec((0..50u32, 0..50u32), 5),
        moves in prop::collection::vec((0..5usize, 0..5usize, 0..60u32, any::<bool>(), 0..3usize), 0..60),
    ) {
        let levels = [Level::County, Level::Township, Level::Township, Level::Village, Level::Village];
        let code = |i: usize| format!("b{i}");
        let bodies = (0..5).map(|i| Body { code: code(i), name: String::new(), level: levels[i] }).collect();
        let mut l = Ledger::new(bodies).unwrap();
        let day = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
        let mut total = 0u64;
        for (i, &(q, h)) in initial.iter().enumerate() {
            let kind = QuotaKind::ALL[i % 3];
            l.apply(Event::quota(day, "create", EventKind::Create, code(i), kind, q)).unwrap();
            l.apply(Event::quota(day, "hire", EventKind::Hire, code(i), kind, h)).unwrap();
            total += u64::from(q);
        }
        for (n, (from, to, count, sink, kind)) in moves.into_iter().enumerate() {
            let date = day + chrono::Days::new(n as u64);
            let kind = QuotaKind::ALL[kind];
            let ev = Event::transfer(date, "move", if sink { EventKind::Sink } else { EventKind::Adjust }, code(from), code(to), kind, count);
            let before: Vec<_> = (0..5).map(|i| l.current(&code(i)).unwrap().clone()).collect();
            let events = l.events().len();
            if l.apply(ev).is_err() {
                let after: Vec<_> = (0..5).map(|i| l.current(&code(i)).unwrap().clone()).collect();
                prop_assert_eq!(before, after);
                prop_assert_eq!(l.events().len(), events);
            }
            prop_assert_eq!(l.total_quotas(), total);
            let sum: u64 = (0..5).map(|i| l.current(&code(i)).unwrap().quotas.total()).sum();
            prop_assert_eq!(sum, total);
        }
        let last = day + chrono::Days::new(100);
        for i in 0..5 {
            prop_assert_eq!(&l.at(&code(i), last).unwrap().establishment, l.current(&code(i)).unwrap());
        }
    }
}
