//! Erlang C against pyworkforce; Erlang A against closed forms and its
//! Erlang C limit; the workload ratio.

use jiceng_staffing::{Error, Workload, erlang_a, erlang_a_measures, erlang_c, workload_ratio};

fn workload(transactions: f64, interval: f64, aht: f64, within: f64, shrinkage: f64) -> Workload {
    Workload {
        transactions,
        interval_minutes: interval,
        aht_minutes: aht,
        within_minutes: within,
        shrinkage,
    }
}

/// Every row of `tests/data/pyworkforce_erlang_c.csv`, made by
/// `pyworkforce_erlang_c.py` with pyworkforce 0.5.1: positions exactly,
/// the rest to 1e-6.
#[test]
fn erlang_c_matches_pyworkforce() {
    let text = include_str!("../data/pyworkforce_erlang_c.csv");
    let mut rows = 0;
    let mut failures = Vec::new();
    for line in text.lines().skip(1) {
        let f: Vec<f64> = line.split(',').map(|x| x.parse().unwrap()).collect();
        let w = workload(f[0], f[3], f[1], f[2], f[4]);
        let r = erlang_c(&w, f[5], f[6]).unwrap();
        let ok = r.raw_positions == f[7] as u64
            && r.positions == f[8] as u64
            && (r.service_level - f[9]).abs() < 1e-6
            && (r.occupancy - f[10]).abs() < 1e-6
            && (r.waiting_probability - f[11]).abs() < 1e-6;
        if !ok {
            failures.push(format!("{line}: got {r:?}"));
        }
        rows += 1;
    }
    assert_eq!(rows, 864);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// pyworkforce's README example: 100 transactions in 30 minutes, AHT 3,
/// ASA 20 s, shrinkage 0.3, SL 0.8, max occupancy 0.85 gives 14 raw
/// positions (occupancy 10/14 = 0.714) and ceil(14 / 0.7) = 20 positions.
#[test]
fn pyworkforce_readme_example() {
    let r = erlang_c(&workload(100.0, 30.0, 3.0, 20.0 / 60.0, 0.3), 0.8, 0.85).unwrap();
    assert_eq!((r.raw_positions, r.positions), (14, 20));
    assert!((r.occupancy - 10.0 / 14.0).abs() < 1e-12);
}

/// Huge traffic does not overflow: 500,000 erlangs need more than 500,000
/// servers, and the probability of waiting stays in [0, 1].
#[test]
fn large_traffic_does_not_overflow() {
    let r = erlang_c(&workload(1_000_000.0, 60.0, 30.0, 0.5, 0.0), 0.8, 1.0).unwrap();
    assert!(r.raw_positions > 500_000, "{r:?}");
    assert!((0.0..=1.0).contains(&r.waiting_probability), "{r:?}");
    assert!(r.service_level >= 0.8);
}

/// Tiny traffic held to a tiny occupancy forces many more servers than
/// traffic, where 1/B (about c!/A^c) passes 1e300 and Erlang B goes on in
/// log space: A = 1/60 × 0.6 = 0.01 erlangs, at most 0.01% busy, so
/// ceil(0.01 / 0.0001) = 100 servers (101 if the division rounds up), and
/// nobody waits.
#[test]
fn log_space_erlang_b() {
    // Hand: one server, C(1, A) = A = 0.01, SL(t = 0) = 0.99 < 0.995, so a
    // second server is needed; the search starts at round(A + 1) = 1.
    let r = erlang_c(&workload(1.0, 60.0, 0.6, 0.0, 0.0), 0.995, 1.0).unwrap();
    assert_eq!(r.raw_positions, 2);
    let r = erlang_c(&workload(1.0, 60.0, 0.6, 0.0, 0.0), 0.5, 0.0001).unwrap();
    assert!((100..=101).contains(&r.raw_positions), "{r:?}");
    assert_eq!(
        (r.waiting_probability, r.service_level),
        (0.0, 1.0),
        "{r:?}"
    );
}

#[test]
fn erlang_c_rejects_bad_parameters() {
    let w = workload(100.0, 30.0, 3.0, 1.0, 0.0);
    let cases: &[(Workload, f64, f64, &str)] = &[
        (
            workload(0.0, 30.0, 3.0, 1.0, 0.0),
            0.8,
            1.0,
            "transactions = 0",
        ),
        (
            workload(100.0, 30.0, f64::NAN, 1.0, 0.0),
            0.8,
            1.0,
            "aht_minutes = NaN",
        ),
        (
            workload(100.0, 30.0, 3.0, -1.0, 0.0),
            0.8,
            1.0,
            "within_minutes = -1",
        ),
        (
            workload(100.0, 30.0, 3.0, 1.0, 1.0),
            0.8,
            1.0,
            "shrinkage = 1",
        ),
        (w, 1.5, 1.0, "service_level = 1.5"),
        (w, 0.8, 0.0, "max_occupancy = 0"),
        (
            workload(1e12, 1.0, 1.0, 1.0, 0.0),
            0.8,
            1.0,
            "intensity = 1000000000000",
        ),
    ];
    for (w, sl, occ, needle) in cases {
        let e = erlang_c(w, *sl, *occ).unwrap_err();
        assert!(matches!(e, Error::Parameter { .. }), "{e}");
        assert!(e.to_string().contains(needle), "{e} should name {needle}");
    }
}

/// M/M/1+M with patience equal to the handling time (θ = μ) is M/M/∞ in
/// disguise: π_k = e^{−ρ} ρ^k / k!. With ρ = 2 (120 an hour, 1 minute
/// each): P(wait) = 1 − e^{−2} = 0.864665; E[queue] = Σ_{k≥1} (k − 1) π_k
/// = ρ − 1 + e^{−ρ} = 1.135335; P(abandon) = θ E[queue] / λ = 1.135335 / 2
/// = 0.567668; occupancy = ρ (1 − P(ab)) / 1 = 0.864665 (= P(busy), as it
/// must be for one server).
#[test]
fn erlang_a_single_server_closed_form() {
    let w = workload(120.0, 60.0, 1.0, 0.0, 0.0);
    let m = erlang_a_measures(&w, 1, 1.0).unwrap();
    let e2 = (-2.0f64).exp();
    assert!((m.waiting_probability - (1.0 - e2)).abs() < 1e-9, "{m:?}");
    assert!((m.abandonment - (1.0 + e2) / 2.0).abs() < 1e-9, "{m:?}");
    assert!((m.occupancy - (1.0 - e2)).abs() < 1e-9, "{m:?}");
    // With t = 0 the service level is the share not waiting.
    assert!((m.service_level - e2).abs() < 1e-9, "{m:?}");
}

/// One server, θ = μ, a caller finding nobody waiting (j = 0) is served
/// within t with probability μ/(μ+θ) · (1 − e^{−(μ+θ)t}) = ½ (1 − e^{−2t}).
/// With ρ = 2: π_0 = e^{−2}, π_1 = 2e^{−2}, and a caller who finds j ahead
/// (state 1 + j) is served within t with probability
/// μ/(μ+(j+1)θ) · P(Σ_{k=1}^{j+1} Exp(1+k) ≤ t). For j = 1 (state 2,
/// π_2 = 2e^{−2}): ⅓ · P(Exp(2) + Exp(3) ≤ t) = ⅓ (1 − 3e^{−2t} + 2e^{−3t}).
/// The sum over all j is checked against an independent computation in
/// `erlang_a_matches_direct_computation` below; here the first two terms
/// bound it.
#[test]
fn erlang_a_service_level_bounds_by_hand() {
    let w = workload(120.0, 60.0, 1.0, 0.5, 0.0);
    let m = erlang_a_measures(&w, 1, 1.0).unwrap();
    let e2 = (-2.0f64).exp();
    let t = 0.5f64;
    let j0 = 2.0 * e2 * 0.5 * (1.0 - (-2.0 * t).exp());
    let j1 = 2.0 * e2 / 3.0 * (1.0 - 3.0 * (-2.0 * t).exp() + 2.0 * (-3.0 * t).exp());
    let lower = e2 + j0 + j1;
    assert!(
        m.service_level > lower - 1e-12,
        "{} vs {lower}",
        m.service_level
    );
    // The remaining states hold 1 − 3e^{−2} of the arrivals, each served
    // within t with probability below ¼.
    assert!(m.service_level < lower + (1.0 - 3.0 * e2) / 4.0, "{m:?}");
}

/// Every row of `tests/data/erlang_a_direct.csv`, made by
/// `erlang_a_direct.py` at 100 digits through the hypoexponential density
/// of the virtual wait (a different route from the crate's incomplete
/// beta): all four measures to 1e-9.
#[test]
fn erlang_a_matches_direct_computation() {
    let text = include_str!("../data/erlang_a_direct.csv");
    let mut rows = 0;
    for line in text.lines().skip(1) {
        let f: Vec<f64> = line.split(',').map(|x| x.parse().unwrap()).collect();
        let w = workload(f[0], f[1], f[2], f[3], 0.0);
        let m = erlang_a_measures(&w, f[5] as u64, f[4]).unwrap();
        let got = [
            m.waiting_probability,
            m.abandonment,
            m.service_level,
            m.occupancy,
        ];
        for (g, e) in got.iter().zip(&f[6..10]) {
            assert!((g - e).abs() < 1e-9, "{line}: got {m:?}");
        }
        rows += 1;
    }
    assert_eq!(rows, 5);
}

/// As patience grows without bound Erlang A tends to Erlang C: with a
/// patience of 10^5 minutes (θ = 1e-5) the measures agree with Erlang C's
/// to 1e-4 (the difference is of the order of θ times the mean wait).
#[test]
fn erlang_a_tends_to_erlang_c() {
    for (t, aht, within) in [
        (100.0, 3.0, 20.0 / 60.0),
        (350.0, 7.5, 1.0),
        (20.0, 12.0, 5.0),
    ] {
        let w = workload(t, 30.0, aht, within, 0.0);
        let c = erlang_c(&w, 0.8, 1.0).unwrap();
        let a = erlang_a_measures(&w, c.raw_positions, 1e5).unwrap();
        assert!(
            (a.waiting_probability - c.waiting_probability).abs() < 1e-4,
            "{a:?} {c:?}"
        );
        assert!(
            (a.service_level - c.service_level).abs() < 1e-4,
            "{a:?} {c:?}"
        );
        assert!(a.abandonment < 1e-4);
        let r = erlang_a(&w, 0.8, 1.0, 1e5).unwrap();
        assert_eq!(r.raw_positions, c.raw_positions);
    }
}

/// Impatient callers leave the queue, so fewer staff reach the same
/// service level; and the less patient, the fewer.
#[test]
fn erlang_a_needs_no_more_than_erlang_c() {
    let w = workload(350.0, 30.0, 7.5, 1.0, 0.3);
    let c = erlang_c(&w, 0.8, 1.0).unwrap().raw_positions;
    let patient = erlang_a(&w, 0.8, 1.0, 10.0).unwrap().raw_positions;
    let impatient = erlang_a(&w, 0.8, 1.0, 1.0).unwrap().raw_positions;
    assert!(
        impatient <= patient && patient <= c,
        "{impatient} {patient} {c}"
    );
    assert!(impatient < c);
}

/// 8 hours of a 5-day week over 52 weeks less 20 days of leave and 11
/// holidays: 8 × (260 − 31) = 1,832 productive hours. 10,000 hours of
/// work need 10,000 / 1,832 = 5.4585 people, so 6.
#[test]
fn workload_ratio_by_hand() {
    let (r, n) = workload_ratio(10_000.0, 1_832.0).unwrap();
    assert!((r - 5.458_515).abs() < 1e-6);
    assert_eq!(n, 6);
    assert_eq!(workload_ratio(0.0, 1.0).unwrap(), (0.0, 0));
    assert!(workload_ratio(1.0, 0.0).is_err());
    assert!(workload_ratio(f64::INFINITY, 1.0).is_err());
}

/// Pinned by mutation testing: the targets are checked as targets, with
/// their own ranges, for both models, before any search. A service level
/// below 0 or an occupancy above 1 would otherwise be met by any staffing,
/// and a service level of 1.5 or an occupancy of 0 would be reported as
/// unreachable instead of out of range. The bounds themselves (a service
/// level of 0 or 1, an occupancy of 1) are allowed.
#[test]
fn targets_out_of_range_are_refused_as_such() {
    let w = workload(100.0, 30.0, 3.0, 1.0, 0.0);
    let cases: &[(f64, f64, &str)] = &[
        (
            -0.1,
            1.0,
            "service_level = -0.1 is out of range: between 0 and 1",
        ),
        (
            1.5,
            1.0,
            "service_level = 1.5 is out of range: between 0 and 1",
        ),
        (
            0.8,
            0.0,
            "max_occupancy = 0 is out of range: above 0 and at most 1",
        ),
        (
            0.8,
            1.5,
            "max_occupancy = 1.5 is out of range: above 0 and at most 1",
        ),
    ];
    for &(sl, occ, message) in cases {
        assert_eq!(erlang_c(&w, sl, occ).unwrap_err().to_string(), message);
        assert_eq!(erlang_a(&w, sl, occ, 2.0).unwrap_err().to_string(), message);
    }
    for (sl, occ) in [(0.0, 1.0), (1.0, 1.0), (0.8, 1.0)] {
        assert!(erlang_c(&w, sl, occ).is_ok(), "{sl} {occ}");
    }
}

/// Pinned by mutation testing: a service level met exactly is met. 100
/// transactions in 30 minutes of 3 minutes each are A = 100 / 30 × 3 = 10
/// erlangs; the search starts at round(A + 1) = 11 positions. With 1,000
/// minutes allowed, the share waiting longer is P(wait) × e^(−(11 − 10) ×
/// 1000 / 3) < e^(−333) ≈ 10^(−145), below f64's resolution near 1, so the
/// service level is exactly 1: a target of 1 is met by 11 positions, with
/// occupancy 10 / 11.
#[test]
fn a_service_level_met_exactly_needs_no_more_positions() {
    let r = erlang_c(&workload(100.0, 30.0, 3.0, 1000.0, 0.0), 1.0, 1.0).unwrap();
    assert_eq!((r.raw_positions, r.positions), (11, 11));
    assert_eq!(r.service_level, 1.0);
    assert_eq!(r.occupancy, 10.0 / 11.0);
}

/// Pinned by mutation testing: the positions an Erlang A evaluation takes
/// run from 1 to 10,000,000 inclusive. With A = 1 erlang (60 an hour, a
/// minute each) and ten million servers nobody waits (P(wait) is of the
/// order of 1 / 10^7!, far below f64's range; computed as 1 − P(no wait),
/// it is 0 to within rounding) and each server is busy 1 / 10^7 of the
/// time.
#[test]
fn erlang_a_takes_up_to_ten_million_positions() {
    let w = workload(60.0, 60.0, 1.0, 0.0, 0.0);
    let m = erlang_a_measures(&w, 10_000_000, 1.0).unwrap();
    assert!(m.waiting_probability < 1e-12, "{m:?}");
    assert!((m.occupancy - 1e-7).abs() < 1e-15, "{m:?}");
    let e = erlang_a_measures(&w, 10_000_001, 1.0).unwrap_err();
    assert_eq!(
        e.to_string(),
        "positions = 10000001 is out of range: 1 to 10000000"
    );
    assert_eq!(
        erlang_a_measures(&w, 0, 1.0).unwrap_err().to_string(),
        "positions = 0 is out of range: 1 to 10000000"
    );
}

/// Pinned by mutation testing: an occupancy that would need more than ten
/// million positions is refused before any search, and named. 6,000 calls
/// an hour of 1 minute are A = 100 erlangs; at most one millionth busy
/// needs 100 / 10^-6 = 10^8 positions.
#[test]
fn erlang_a_refuses_an_unreachable_occupancy_at_once() {
    let w = workload(6_000.0, 60.0, 1.0, 20.0 / 60.0, 0.0);
    assert_eq!(
        erlang_a(&w, 0.8, 1e-6, 2.0).unwrap_err().to_string(),
        "max_occupancy = 0.000001 is out of range: an occupancy reachable with at most 10000000 positions"
    );
}
