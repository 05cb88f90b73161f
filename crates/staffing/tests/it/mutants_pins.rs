//! Exact values at the edges of Hamilton's search for the multiplier,
//! each worked by hand: the bounded shares `clamp(λ w_i, f_i, c_i)` and the
//! largest remainders, ties to the earlier body; the edges of Erlang A's
//! patience and service level; those of the plain workload ratio; and
//! the byte bounds of names (a rank, a unit's code) and a posts event's
//! fields.

use jiceng_org::Level;
use jiceng_staffing::{
    Body, Event, EventKind, Ledger, MAX_NAME_BYTES, Method, PlanRequest, QuotaKind, Units,
    Workload, apportion, erlang_a, erlang_a_measures, plan, workload_ratio,
};

/// The tie at the end of a search: weights 1 and 3 share what a third
/// body of weight 10^6 leaves of a pool of 3. It fills its ceiling of 1 at
/// once, so the search doubles and then halves instead of starting at the
/// answer. The others share 2: 0.5 and 1.5, remainders 0.5 each, and the
/// tie goes to the earlier body: 1, 1, 1. A search that stopped at the
/// least λ whose shares pass the pool (one float above) would give the
/// second body the larger remainder by rounding, and 0, 2, 1.
#[test]
fn the_multiplier_is_the_least_whose_shares_reach_the_pool() {
    let a = apportion(
        3,
        &[1.0, 3.0, 1e6],
        &[0; 3],
        &[u64::MAX, u64::MAX, 1],
        Method::Hamilton,
    )
    .unwrap();
    assert_eq!(a, vec![1, 1, 1]);
}

/// A body without weight but with room takes what the weighted bodies
/// cannot hold: weight 1 with a ceiling of 1 and weight 0 with a ceiling
/// of 10 share 5 as 1 and 4; no multiplier reaches the pool, and the
/// leftover goes to the only body below its ceiling.
#[test]
fn a_body_without_weight_takes_what_the_others_cannot_hold() {
    let a = apportion(5, &[1.0, 0.0], &[0; 2], &[1, 10], Method::Hamilton).unwrap();
    assert_eq!(a, vec![1, 4]);
}

/// Bodies of weight 10^308 and 10^300 beside one of weight 1, with a
/// pool of 10 and ceilings of 2, 2 and 10: the two heavy bodies fill
/// their ceilings, 4, and the light one takes the other 6, although its
/// weight is some 2^1023 below the largest.
#[test]
fn heavy_bodies_at_their_ceilings_leave_the_rest_to_a_light_one() {
    let a = apportion(
        10,
        &[1e308, 1e300, 1.0],
        &[0; 3],
        &[2, 2, 10],
        Method::Hamilton,
    )
    .unwrap();
    assert_eq!(a, vec![2, 2, 6]);
}

/// Erlang A's mean patience must be above 0 (a caller who hangs up at
/// once has θ = 1/0): 0 is refused by the measures as by the staffing
/// search, and the least positive patience tried, half a minute, is
/// answered.
#[test]
fn erlang_a_measures_refuse_a_patience_of_zero() {
    let w = Workload {
        transactions: 60.0,
        interval_minutes: 60.0,
        aht_minutes: 1.0,
        within_minutes: 0.0,
        shrinkage: 0.0,
    };
    assert_eq!(
        erlang_a_measures(&w, 1, 0.0).unwrap_err().to_string(),
        "patience_minutes = 0 is out of range: a finite number above 0"
    );
    assert!(erlang_a_measures(&w, 1, 0.5).is_ok());
}

/// A service level of 1 within 0 minutes asks that nobody ever wait, which
/// no number of servers gives (P(wait) > 0 for every finite c). With one
/// erlang (60 calls an hour of 1 minute) the search doubles to 16 servers,
/// where P(wait) ≈ e^-1 / 16! ≈ 1.8 × 10^-14 is below 10^-12: more servers
/// change nothing, and the target is refused there, naming it.
#[test]
fn erlang_a_refuses_a_service_level_of_one_once_nobody_waits() {
    let w = Workload {
        transactions: 60.0,
        interval_minutes: 60.0,
        aht_minutes: 1.0,
        within_minutes: 0.0,
        shrinkage: 0.0,
    };
    assert_eq!(
        erlang_a(&w, 1.0, 1.0, 2.0).unwrap_err().to_string(),
        "service_level = 1 is out of range: a target reachable with at most 10000000 positions"
    );
}

/// The plain workload ratio's bounds: productive hours must be a finite
/// number above 0 (−1 and ∞ are refused, naming the field), and the work
/// of at most 10,000,000 people is answered: 16,000,000,000 hours over
/// 1,600 is exactly 10,000,000 people; one more 1,600 hours is refused.
#[test]
fn workload_ratio_at_its_bounds() {
    let refused =
        |work: f64, productive: f64| workload_ratio(work, productive).unwrap_err().to_string();
    assert_eq!(
        refused(1_800.0, -1.0),
        "productive_hours = -1 is out of range: a finite number above 0"
    );
    assert_eq!(
        refused(1_800.0, f64::INFINITY),
        "productive_hours = inf is out of range: a finite number above 0"
    );
    assert_eq!(
        workload_ratio(16_000_000_000.0, 1_600.0).unwrap(),
        (10_000_000.0, 10_000_000)
    );
    assert_eq!(
        refused(16_000_001_600.0, 1_600.0),
        "work_hours = 16000001600 is out of range: at most 10000000 people's work"
    );
}

/// A posts event for 新设 deputy-section posts in a township, with `rank`.
fn posts(rank: String) -> Event {
    Event {
        kind: EventKind::Posts,
        quota: None,
        rank: Some(rank),
        ..Event::quota(
            "2019-06-01".parse().unwrap(),
            "冀编: 每个乡镇增加3名副科级领导职数",
            EventKind::Create,
            "town",
            QuotaKind::Administrative,
            3,
        )
    }
}

fn town() -> Ledger {
    Ledger::new(vec![Body {
        code: "town".into(),
        name: String::new(),
        level: Level::Township,
    }])
    .unwrap()
}

/// A rank is a name of 1 to MAX_NAME_BYTES (256) bytes: 256 are taken,
/// 257 refused; and a posts event counts posts, not quotas, so a quota
/// kind on it is refused, naming it.
#[test]
fn a_posts_events_rank_and_quota() {
    assert_eq!(MAX_NAME_BYTES, 256);
    let mut l = town();
    l.apply(posts("a".repeat(256))).unwrap();
    let e = town()
        .apply(posts("a".repeat(257)))
        .unwrap_err()
        .to_string();
    assert!(e.contains("field rank must be 1 to 256 bytes"), "{e}");
    let with_quota = Event {
        quota: Some(QuotaKind::Administrative),
        ..posts("副科".into())
    };
    let e = town().apply(with_quota).unwrap_err().to_string();
    assert!(e.contains("posts event: field quota ("), "{e}");
    assert!(e.contains(") is not allowed"), "{e}");
}

/// A unit's code in a units file is likewise 1 to 256 bytes.
#[test]
fn a_units_code_of_256_bytes_is_taken_and_257_refused() {
    let csv = |code: String| format!("code,current,population\n{code},0,1\n");
    let u = Units::parse_csv(&csv("u".repeat(256))).unwrap();
    assert_eq!(u.units.len(), 1);
    let e = Units::parse_csv(&csv("u".repeat(257)))
        .unwrap_err()
        .to_string();
    assert!(e.contains("column code must be 1 to 256 bytes"), "{e}");
}

/// Residents per staff member are not given for a unit without staff: A
/// has 1,000 residents and nobody before the plan, B 1,000 and 10 people.
/// Equal populations share the pool of 10 equally, 5 and 5, so A has
/// 1,000 / 5 = 200 residents per staff member after, and B 1,000 / 10 =
/// 100 before and 1,000 / 15 after.
#[test]
fn residents_per_staff_are_absent_for_a_unit_without_staff() {
    let u = Units::parse_csv("code,current,population\nA,0,1000\nB,10,1000\n").unwrap();
    let req = PlanRequest {
        pool: 10,
        weights: vec![("population".into(), 1.0)],
        method: Method::Hamilton,
        min: None,
        max: None,
        population: None,
    };
    let p = plan(&u, &req).unwrap();
    let (a, b) = (&p.units[0], &p.units[1]);
    assert_eq!((a.after, b.after), (5, 15));
    assert_eq!(a.residents_per_staff_before, None);
    assert_eq!(a.residents_per_staff_after, Some(200.0));
    assert_eq!(b.residents_per_staff_before, Some(100.0));
    assert_eq!(b.residents_per_staff_after, Some(1_000.0 / 15.0));
}

/// A second round of the search: bodies of weights 2^1000, 2^-540 and
/// 2^-539 (2^1540 apart, so no finite multiplier serves both), a closed
/// body of weight 5 held at 0, and a pool of 4. The heavy body fills its
/// ceiling of 1 at once; the two light ones, far below their ceilings of
/// 10 at the largest finite multiplier, share the other 3 as 1 and 2 in a
/// second round. Settling them at their ceilings too would give 21 for a
/// pool of 4.
#[test]
fn bodies_below_their_ceilings_share_the_rest_in_a_second_round() {
    let a = apportion(
        4,
        &[2f64.powi(1000), 5.0, 2f64.powi(-540), 2f64.powi(-539)],
        &[0; 4],
        &[1, 0, 10, 10],
        Method::Hamilton,
    )
    .unwrap();
    assert_eq!(a, vec![1, 0, 1, 2]);
}

/// Weights whose largest is exactly 2^500, where the normalising scale's
/// exponent k = 500 - log2(2^500) is 0: bodies of weight 2^500, 2^499 and
/// 2^500 (the last with a ceiling of 1) share 4. The third fills its
/// ceiling, and the other two share 3 as 2 : 1 (λ·2^500 = 2 solves
/// 1.5·λ·2^500 + 1 = 4), exactly: 2, 1, 1.
#[test]
fn weights_whose_largest_is_two_to_the_500th_need_no_scaling() {
    let big = 2f64.powi(500);
    let a = apportion(
        4,
        &[big, big / 2.0, big],
        &[0; 3],
        &[u64::MAX, u64::MAX, 1],
        Method::Hamilton,
    )
    .unwrap();
    assert_eq!(a, vec![2, 1, 1]);
}
