//! The apportionment methods against textbook cases, worked by hand.
//!
//! Sources: Balinski and Young, *Fair Representation* (2nd ed., 2001), for
//! the methods and paradoxes; the 1880 Alabama paradox as described by B.
//! Cipra, "E Pluribus Confusion", *American Scientist* 98(4), 2010;
//! Wikipedia's "D'Hondt method" and "Sainte-Laguë method" articles for the
//! four-party example (100,000, 80,000, 30,000, 20,000 votes, 8 seats).

use jiceng_staffing::{Error, Method, apportion};

const NONE: u64 = u64::MAX;

/// One case: name, pool, weights, floors and ceilings (empty for none),
/// method, expected result.
type Case<'a> = (
    &'a str,
    u64,
    &'a [f64],
    &'a [u64],
    &'a [u64],
    Method,
    &'a [u64],
);

/// Runs every case and reports every failure at once.
fn check(cases: &[Case<'_>]) {
    let mut failures = Vec::new();
    for (name, pool, w, floors, ceilings, method, expected) in cases {
        let floors = if floors.is_empty() {
            vec![0; w.len()]
        } else {
            floors.to_vec()
        };
        let ceilings = if ceilings.is_empty() {
            vec![NONE; w.len()]
        } else {
            ceilings.to_vec()
        };
        match apportion(*pool, w, &floors, &ceilings, *method) {
            Ok(got) if got == *expected => {}
            other => failures.push(format!("{name}: expected {expected:?}, got {other:?}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

const PARTIES: &[f64] = &[100_000.0, 80_000.0, 30_000.0, 20_000.0];

#[test]
fn textbook_cases() {
    check(&[
        // D'Hondt, divisors 1, 2, 3 …: the eight largest quotients are
        // 100k A, 80k B, 50k A, 40k B, 33.3k A, 30k C, 26.7k B, 25k A.
        (
            "d'hondt, four parties",
            8,
            PARTIES,
            &[],
            &[],
            Method::DHondt,
            &[4, 3, 1, 0],
        ),
        // Sainte-Laguë, divisors 1, 3, 5 …: 100k A, 80k B, 33.3k A, 30k C,
        // 26.7k B, 20k A, 20k D, 16k B.
        (
            "webster, four parties",
            8,
            PARTIES,
            &[],
            &[],
            Method::Webster,
            &[3, 3, 1, 1],
        ),
        // Huntington–Hill: the divisor for 0 seats is 0, so each party gets
        // one first (4 seats); then p/√2: A 70,711, B 56,569, C 21,213,
        // D 14,142 → A; then A 100k/√6 = 40,825 vs B 56,569 → B; then A
        // 40,825 vs B 80k/√6 = 32,660 → A; then A 100k/√12 = 28,868 vs B
        // 32,660 → B. Result 3, 3, 1, 1.
        (
            "huntington-hill, four parties",
            8,
            PARTIES,
            &[],
            &[],
            Method::HuntingtonHill,
            &[3, 3, 1, 1],
        ),
        // Huntington–Hill's divisor is √(a(a + 1)), not a (Adams): weights
        // 2 and 5, 5 units. Each gets one first (2 seats); then 2/√2 =
        // 1.414 vs 5/√2 = 3.536 → B; 1.414 vs 5/√6 = 2.041 → B; 1.414 vs
        // 5/√12 = 1.443 → B. Result 1, 4 (dividing by a would give the
        // last unit to A: 2/1 = 2 vs 5/3 = 1.667, so 2, 3).
        (
            "huntington-hill, the geometric mean",
            5,
            &[2.0, 5.0],
            &[],
            &[],
            Method::HuntingtonHill,
            &[1, 4],
        ),
        // Hamilton: quotas 8 × p / 230,000 = 3.478, 2.783, 1.043, 0.696;
        // whole parts 3, 2, 1, 0 (6); the 2 left go to the largest
        // remainders, D .696 and B .783.
        (
            "hamilton, four parties",
            8,
            PARTIES,
            &[],
            &[],
            Method::Hamilton,
            &[3, 3, 1, 1],
        ),
        // Huntington–Hill gives every body with weight a unit before any
        // gets a second.
        (
            "huntington-hill, one each first",
            3,
            &[1000.0, 1.0, 1.0],
            &[],
            &[],
            Method::HuntingtonHill,
            &[1, 1, 1],
        ),
        (
            "d'hondt, largest takes all",
            3,
            &[1000.0, 1.0, 1.0],
            &[],
            &[],
            Method::DHondt,
            &[3, 0, 0],
        ),
        // Floors: Hamilton quotas 3.478, 2.783, 1.043, 0.696 put C and D
        // below their floor of 2; they are fixed at 2 and the 4 left are
        // shared by A and B: 4 × 100/180 = 2.222, 4 × 80/180 = 1.778,
        // whole parts 2 and 1, the last unit to B (.778).
        (
            "hamilton, floors",
            8,
            PARTIES,
            &[0, 0, 2, 2],
            &[],
            Method::Hamilton,
            &[2, 2, 2, 2],
        ),
        // A ceiling: D'Hondt with A capped at 2. Order: A 100k, B 80k,
        // A 50k (A full), B 40k, C 30k, B 26.7k, then B 20k and D 20k tie
        // (B is listed first), then D.
        (
            "d'hondt, ceiling",
            8,
            PARTIES,
            &[],
            &[2, NONE, NONE, NONE],
            Method::DHondt,
            &[2, 4, 1, 1],
        ),
        // Hamilton with a ceiling: A's quota 3.478 exceeds 2, so A is fixed
        // at 2 and 6 are shared by B, C, D (130,000): 3.692, 1.385, 0.923;
        // whole parts 3, 1, 0; the 2 left to D (.923) and B (.692).
        (
            "hamilton, ceiling",
            8,
            PARTIES,
            &[],
            &[2, NONE, NONE, NONE],
            Method::Hamilton,
            &[2, 4, 1, 1],
        ),
        (
            "empty pool",
            0,
            PARTIES,
            &[],
            &[],
            Method::Webster,
            &[0, 0, 0, 0],
        ),
        (
            "floors exactly the pool",
            4,
            PARTIES,
            &[1, 1, 1, 1],
            &[],
            Method::Hamilton,
            &[1, 1, 1, 1],
        ),
    ]);
}

/// The Alabama paradox: Hamilton can take a unit away from a body when the
/// pool grows. In 1880 the Census Office found that Alabama had 8 seats of
/// 299 and 7 of 300 (Cipra 2010). The same mechanism by hand, weights 6,
/// 6, 2 (14):
/// * pool 10: quotas 4.286, 4.286, 1.429; whole parts 4, 4, 1; the one
///   left goes to C (.429 beats .286): 4, 4, 2.
/// * pool 11: quotas 4.714, 4.714, 1.571; whole parts 4, 4, 1; the two
///   left go to A and B (.714 beat .571): 5, 5, 1. C lost a unit.
///
/// Divisor methods cannot show it (they are house-monotone); the law
/// `divisor_methods_are_house_monotone` checks that.
#[test]
fn alabama_paradox() {
    let w = [6.0, 6.0, 2.0];
    check(&[
        (
            "alabama, pool 10",
            10,
            &w,
            &[],
            &[],
            Method::Hamilton,
            &[4, 4, 2],
        ),
        (
            "alabama, pool 11",
            11,
            &w,
            &[],
            &[],
            Method::Hamilton,
            &[5, 5, 1],
        ),
    ]);
}

/// The population paradox: under Hamilton a body that grows faster than
/// another can lose a unit to it. Pool 10:
/// * weights 100, 350, 900 (1,350): quotas 0.741, 2.593, 6.667; whole
///   parts 0, 2, 6; the two left to A (.741) and C (.667): 1, 2, 7.
/// * weights 175, 350, 925 (1,450): C grew 2.8%, B not at all. Quotas
///   1.207, 2.414, 6.379; whole parts 1, 2, 6; the one left to B (.414
///   beats .379 and .207): 1, 3, 6. C lost a unit to B.
#[test]
fn population_paradox() {
    check(&[
        (
            "before",
            10,
            &[100.0, 350.0, 900.0],
            &[],
            &[],
            Method::Hamilton,
            &[1, 2, 7],
        ),
        (
            "after",
            10,
            &[175.0, 350.0, 925.0],
            &[],
            &[],
            Method::Hamilton,
            &[1, 3, 6],
        ),
    ]);
}

/// Infeasible requests say by how much.
#[test]
fn infeasible_requests_say_by_how_much() {
    let e = apportion(5, &[1.0, 1.0], &[3, 3], &[NONE, NONE], Method::Hamilton).unwrap_err();
    assert!(matches!(e, Error::Infeasible { .. }));
    assert_eq!(
        e.to_string(),
        "infeasible: the floors need 6 but the pool is 5: 1 short"
    );
    let e = apportion(10, &[1.0, 1.0], &[0, 0], &[3, 3], Method::Webster).unwrap_err();
    assert_eq!(
        e.to_string(),
        "infeasible: the ceilings allow 6 but the pool is 10: 4 too many"
    );
}

#[test]
fn bad_parameters_are_named() {
    let one = |w: f64| apportion(3, &[w, 1.0], &[0, 0], &[NONE, NONE], Method::DHondt);
    assert!(
        one(-1.0)
            .unwrap_err()
            .to_string()
            .contains("weight = -1 (body 1)")
    );
    assert!(one(f64::NAN).is_err());
    let e = apportion(3, &[1.0], &[2], &[1], Method::DHondt).unwrap_err();
    assert!(e.to_string().contains("floor = 2 above ceiling 1"), "{e}");
    let e = apportion(3, &[0.0, 0.0], &[0, 0], &[NONE, NONE], Method::Hamilton).unwrap_err();
    assert!(e.to_string().contains("weights = 0"), "{e}");
    let e = apportion(10_000_001, &[1.0], &[0], &[NONE], Method::Hamilton).unwrap_err();
    assert!(e.to_string().contains("pool = 10000001"), "{e}");
    assert!(apportion(3, &[1.0], &[], &[], Method::Hamilton).is_err());
    assert!(apportion(3, &[1.0], &[0], &[], Method::Hamilton).is_err());
    // Names round-trip through the command line's spelling.
    for (m, name) in [
        (Method::Hamilton, "hamilton"),
        (Method::Webster, "webster"),
        (Method::DHondt, "dhondt"),
        (Method::HuntingtonHill, "huntington-hill"),
    ] {
        assert_eq!(m.name(), name);
        assert_eq!(m.to_string(), name);
        assert_eq!(name.parse::<Method>(), Ok(m));
    }
    assert_eq!("jefferson".parse::<Method>(), Ok(Method::DHondt));
    assert!("sainte-lague".parse::<Method>().is_ok());
    assert!(
        "d'hondt"
            .parse::<Method>()
            .unwrap_err()
            .to_string()
            .contains("method")
    );
}

/// Pinned by mutation testing: only the ratios of the weights count, at
/// either end of the floating-point range. The four parties' votes times
/// 10^295 and times 10^-295 give the textbook Hamilton result worked above,
/// 3, 3, 1, 1 (quotas 3.478, 2.783, 1.043, 0.696). With weights near
/// 10^300 the multiplier of the weights is about 10^-300: the search for it
/// must start near it, not at 1, or its 200 halvings end far above it.
#[test]
fn hamilton_is_scale_free_at_the_ends_of_the_range() {
    let big: Vec<f64> = PARTIES.iter().map(|p| p * 1e295).collect();
    let small: Vec<f64> = PARTIES.iter().map(|p| p * 1e-295).collect();
    check(&[
        (
            "hamilton, votes × 1e295",
            8,
            &big,
            &[],
            &[],
            Method::Hamilton,
            &[3, 3, 1, 1],
        ),
        (
            "hamilton, votes × 1e-295",
            8,
            &small,
            &[],
            &[],
            Method::Hamilton,
            &[3, 3, 1, 1],
        ),
    ]);
}
