//! A queue known in closed form: M/M/3 against Erlang C.

use jiceng_sim::{Model, Scenario, run, t975};
use jiceng_staffing::{Workload, erlang_c};

/// One township of 10,000 residents whose only item is a grid event it
/// holds: Poisson arrivals, exponential handling, 3 staff, every day a
/// working day of 1,439 minutes (00:00–23:59).
///
/// λ = 2/60 a minute: 2/60 × 1439 = 47.9666… arrivals a working day, the
/// rate per 10,000 residents. Handling: mean 60 minutes, i.e. median
/// 60 ln 2 = 41.588830833596716. A = λ/μ = 2 erlangs on c = 3 servers.
const MMC: &str = include_str!("../../data/mmc.toml");

#[test]
fn the_mean_time_in_system_matches_erlang_c() {
    // Erlang C by hand for c = 3, A = 2: B(3, 2) = (8/6) / (1 + 2 + 2 + 8/6)
    // = 4/19; C = B / (1 - ρ(1 - B)) with ρ = 2/3: (4/19) / (9/19) = 4/9.
    // Wq = C / (cμ - λ) = (4/9) / (1/60) = 26.667 minutes; W = Wq + 60.
    let c_hand = 4.0 / 9.0;
    // The staffing crate's Erlang C agrees: with a service-level target it
    // already meets, it keeps round(A + 1) = 3 positions.
    let w = Workload {
        transactions: 2.0,
        interval_minutes: 60.0,
        aht_minutes: 60.0,
        within_minutes: 0.0,
        shrinkage: 0.0,
    };
    let req = erlang_c(&w, 0.01, 1.0).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(req.raw_positions, 3);
    assert!((req.waiting_probability - c_hand).abs() < 1e-9);
    let expected = req.waiting_probability / (3.0 / 60.0 - 2.0 / 60.0) + 60.0;

    // The bench's queue over 200 days rather than 3,660.
    let s = Scenario::from_toml_str(MMC, "mmc.toml")
        .and_then(|s| s.with_days(200))
        .unwrap_or_else(|e| panic!("{e}"));
    let m = Model::new(&s).unwrap_or_else(|e| panic!("{e}"));
    let reps: Vec<u32> = (0..30).collect();
    let tallies = run(&m, 1, &reps, &|| {});
    let means: Vec<f64> = tallies
        .iter()
        .map(|t| {
            let town = &t.variants[0].towns[0];
            town.minutes as f64 / town.decided() as f64
        })
        .collect();
    let n = means.len() as f64;
    let mean = means.iter().sum::<f64>() / n;
    let sd = (means.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
    let se = sd / n.sqrt();
    // The tolerance: 4 standard errors of the mean over independent
    // replications (a false alarm about once in two thousand seeds, t with
    // 29 df), plus 1% of W for the biases of a finite run: it starts empty
    // (relaxation about 1/(μ(1-√ρ)²) ≈ 1,800 minutes, 1% of the 287,800
    // simulated, shortening waits that are 31% of W) and leaves out the
    // few arrivals still in the system at the end (about W/287,800 ≈ 0.03%).
    let tolerance = 4.0 * se + 0.01 * expected;
    // The test can fail: the tolerance is well under the 26.7-minute wait.
    assert!(tolerance < 5.0, "tolerance {tolerance}");
    assert!(
        (mean - expected).abs() <= tolerance,
        "simulated {mean:.2} ± {:.2}, Erlang C {expected:.2}",
        t975(29) * se
    );
}
