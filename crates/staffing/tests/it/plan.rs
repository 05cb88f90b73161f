//! Plans: Baitaling's figures, the provincial figure, equity measures.

use jiceng_staffing::{
    BAITALING_UNITS, Error, Method, PlanRequest, Units, plan, provincial_figure, synth,
};

fn request(pool: u64, weights: &[(&str, f64)], method: Method) -> PlanRequest {
    PlanRequest {
        pool,
        weights: weights.iter().map(|(c, w)| (c.to_string(), *w)).collect(),
        method,
        min: None,
        max: None,
        population: None,
    }
}

/// Baitaling: 39 staff for 183,000 residents, +21 quotas. Residents per
/// staff 183,000 / 39 = 4,692.3 before ("about 4,692" in the story) and
/// 183,000 / 60 = 3,050 after; 21 / 39 = 53.8%, the story's +54%.
#[test]
fn baitaling() {
    let u = Units::parse_csv(BAITALING_UNITS).unwrap();
    let p = plan(&u, &request(21, &[("population", 1.0)], Method::Hamilton)).unwrap();
    let b = &p.units[0];
    assert_eq!((b.before, b.after, p.total), (39, 60, 60));
    assert_eq!(b.residents_per_staff_before.unwrap().round(), 4692.0);
    assert_eq!(b.residents_per_staff_after, Some(3050.0));
    assert_eq!(
        ((b.after - b.before) as f64 / b.before as f64 * 100.0).round(),
        54.0
    );
}

/// The provincial figure, every assumption a parameter: with 2,300 units
/// and 22,000 quotas moved down to reach an average of 65, the staff
/// before were 2,300 × 65 − 22,000 = 127,500, 55.43 a unit; each unit
/// gains 9.565 on average, +17.26%.
#[test]
fn provincial_figure_by_hand() {
    let f = provincial_figure(2_300, 22_000, 65.0).unwrap();
    assert_eq!(f.total_before, 127_500.0);
    assert!((f.average_before - 127_500.0 / 2_300.0).abs() < 1e-12);
    assert!((f.pool_per_unit - 9.565_217).abs() < 1e-6);
    assert!((f.increase - 0.172_549).abs() < 1e-6, "{}", f.increase);
    assert!(provincial_figure(0, 22_000, 65.0).is_err());
    assert!(provincial_figure(100, 22_000, 65.0).is_err()); // 6,500 < 22,000
}

/// The synthetic province of 2,300 units with 127,500 staff, given the
/// 22,000 quotas by every method: 149,500 after, exactly 65 on average.
#[test]
fn synthetic_province_reaches_65() {
    let u = synth::province(1, 2_300, 127_500).unwrap();
    for method in [
        Method::Hamilton,
        Method::Webster,
        Method::DHondt,
        Method::HuntingtonHill,
    ] {
        let r = PlanRequest {
            min: Some(30),
            ..request(
                22_000,
                &[("population", 0.6), ("area", 0.2), ("cases", 0.2)],
                method,
            )
        };
        let p = plan(&u, &r).unwrap();
        assert_eq!(p.total, 149_500, "{method}");
        assert_eq!(p.total as f64 / 2_300.0, 65.0);
        assert!(p.units.iter().all(|x| x.after >= 30 && x.after >= x.before));
        // Sharing by need makes need per staff more equal.
        assert!(
            p.cv < p.cv_before && p.gini < p.gini_before,
            "{method}: {p:?}"
        );
    }
}

/// Equity by hand: populations 100 and 300 (score shares .25 and .75),
/// one staff each after. Loads .25 and .75: mean .5, standard deviation
/// .25, CV .5; Gini = Σ|xi − xj| / (2 n² mean) = 2 × .5 / (2 × 4 × .5) = .25.
#[test]
fn equity_measures_by_hand() {
    let u = Units::parse_csv("code,current,population\nA,0,100\nB,0,300\n").unwrap();
    let r = PlanRequest {
        min: Some(1),
        max: Some(1),
        ..request(2, &[("population", 1.0)], Method::Webster)
    };
    let p = plan(&u, &r).unwrap();
    assert!(
        (p.cv - 0.5).abs() < 1e-12 && (p.gini - 0.25).abs() < 1e-12,
        "{p:?}"
    );
    // Nobody had staff before: no measure, so 0.
    assert_eq!((p.cv_before, p.gini_before), (0.0, 0.0));
}

/// Floors and ceilings bound the staff after; a unit already above the
/// ceiling gets nothing, and the plan never takes staff away.
#[test]
fn floors_and_ceilings_bound_the_after() {
    let u = Units::parse_csv("code,current,population\nA,50,100\nB,10,100\nC,70,100\n").unwrap();
    // Pool 30, min 25, max 60, equal weights. As shares of the pool
    // (before → bounds on the share): A 50 → [0, 10], B 10 → [15, 50],
    // C 70 → [0, 0]. Bounded exact shares clamp(λ, lo, hi) add to 30 when
    // A is at 10, C at 0 and B takes the other 20 (λ = 20 is inside B's
    // bounds): after 60, 30, 70.
    let r = PlanRequest {
        min: Some(25),
        max: Some(60),
        ..request(30, &[("population", 1.0)], Method::Hamilton)
    };
    let p = plan(&u, &r).unwrap();
    let after: Vec<u64> = p.units.iter().map(|x| x.after).collect();
    assert_eq!(after, vec![60, 30, 70]);
    // Too little room: the ceilings allow 10 + 50 + 0 = 60.
    let r = PlanRequest {
        max: Some(60),
        ..request(61, &[("population", 1.0)], Method::DHondt)
    };
    assert_eq!(
        plan(&u, &r).unwrap_err().to_string(),
        "infeasible: the ceilings allow 60 but the pool is 61: 1 too many"
    );
}

#[test]
fn bad_weights_are_named() {
    let u = Units::parse_csv("code,current,population,area\nA,1,100,0\n").unwrap();
    let e = plan(&u, &request(1, &[("people", 1.0)], Method::Hamilton)).unwrap_err();
    assert!(e.to_string().contains("weights = people"), "{e}");
    let e = plan(&u, &request(1, &[("area", 1.0)], Method::Hamilton)).unwrap_err();
    assert!(e.to_string().contains("area (sums to 0)"), "{e}");
    let e = plan(&u, &request(1, &[("population", -1.0)], Method::Hamilton)).unwrap_err();
    assert!(matches!(e, Error::Parameter { .. }));
}

/// Pinned by mutation testing: a value column holds finite numbers, zero
/// or more (a negative count of residents, or an infinite one, is refused
/// with its line and column); a column's weight is finite, zero or more;
/// and a column used as a weight must have a positive finite total (all zeros would divide by 0, and two values of
/// 10^308 add up past f64's range).
#[test]
fn columns_and_weights_out_of_range_are_refused() {
    for (value, shown) in [("-5", "\"-5\""), ("inf", "\"inf\"")] {
        let text = format!("code,current,population\nA,3,{value}\n");
        let e = Units::parse_csv(&text).unwrap_err();
        assert!(
            e.to_string().contains(&format!(
                "column population: {shown} is not a number, zero or more"
            )),
            "{e}"
        );
    }
    let zeros = Units::parse_csv("code,current,population\nA,3,0\nB,4,0\n").unwrap();
    assert_eq!(
        plan(
            &zeros,
            &request(5, &[("population", 1.0)], Method::Hamilton)
        )
        .unwrap_err()
        .to_string(),
        "weights = population (sums to 0) is out of range: a column with a positive finite total"
    );
    // The weight given to a column: finite, zero or more.
    let units = Units::parse_csv("code,current,population\nA,3,10\nB,4,20\n").unwrap();
    for (w, shown) in [(-1.0, "-1"), (f64::INFINITY, "inf")] {
        assert_eq!(
            plan(&units, &request(5, &[("population", w)], Method::Hamilton))
                .unwrap_err()
                .to_string(),
            format!("weights = population={shown} is out of range: a finite weight, zero or more")
        );
    }
    let huge = Units::parse_csv("code,current,population\nA,3,1e308\nB,4,1e308\n").unwrap();
    assert_eq!(
        plan(&huge, &request(5, &[("population", 1.0)], Method::Hamilton))
            .unwrap_err()
            .to_string(),
        "weights = population (sums to inf) is out of range: a column with a positive finite total"
    );
}

/// Pinned by mutation testing: the synthetic province follows its stated
/// laws. Populations are log-uniform on [8,000, 200,000]: over 2,300 units
/// about 2,300 × (1 − ln(150,000 / 8,000) / ln 25) = 2,300 × 0.089 ≈ 205
/// lie above 150,000 and 2,300 × ln(9 / 8) / ln 25 ≈ 84 below 9,000, so
/// both ends are reached. Areas are uniform on [20, 200] km², so some lie
/// above 190 and some below 30 (about 128 each). Yearly cases are the
/// population / 100 times a factor uniform on [0.5, 1.5): each ratio lies
/// in that range (give or take the rounding, 0.5 / 80 at most), and their
/// mean is near 1. More than 1,000,000 units are refused.
#[test]
fn the_synthetic_province_follows_its_laws() {
    let u = synth::province(1, 2_300, 127_500).unwrap();
    let col = |k: usize| -> Vec<f64> { u.units.iter().map(|x| x.values[k]).collect() };
    let (pop, area, cases) = (col(0), col(1), col(2));
    let max = |v: &[f64]| v.iter().copied().fold(f64::MIN, f64::max);
    let min = |v: &[f64]| v.iter().copied().fold(f64::MAX, f64::min);
    assert!(min(&pop) >= 8_000.0 && max(&pop) <= 200_000.0);
    assert!(max(&pop) > 150_000.0 && min(&pop) < 9_000.0);
    assert!(min(&area) >= 20.0 && max(&area) <= 200.0);
    assert!(max(&area) > 190.0 && min(&area) < 30.0);
    let ratios: Vec<f64> = pop
        .iter()
        .zip(&cases)
        .map(|(p, c)| c / (p / 100.0))
        .collect();
    assert!(min(&ratios) >= 0.5 - 0.007 && max(&ratios) <= 1.5 + 0.007);
    let mean = ratios.iter().sum::<f64>() / ratios.len() as f64;
    assert!((mean - 1.0).abs() < 0.05, "{mean}");
    assert_eq!(
        synth::province(1, 1_000_001, 1).unwrap_err().to_string(),
        "units = 1000001 is out of range: 1 to 1000000"
    );
}
