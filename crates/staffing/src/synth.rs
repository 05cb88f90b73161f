//! A synthetic province for planning and benchmarks, generated from a seed
//! so that every run is reproducible.
//!
//! The units' populations, areas and yearly cases are drawn from skewed
//! laws (a few large subdistricts, many small townships); their current
//! staff is the province's total apportioned by population, so that the
//! staff before a plan add up exactly to the total asked.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::Error;
use crate::apportion::{Method, apportion};
use crate::plan::{Unit, Units};

/// `n` synthetic townships and subdistricts with columns `population`,
/// `area` and `cases`, whose current staff add up to `total_staff`.
///
/// # Errors
/// [`Error::Parameter`] for `n = 0` or `n` above 1,000,000, or a total
/// above the apportionment's pool limit.
///
/// # Example
/// ```
/// let u = jiceng_staffing::synth::province(7, 2_300, 127_500)?;
/// assert_eq!(u.units.len(), 2_300);
/// assert_eq!(u.units.iter().map(|x| x.current).sum::<u64>(), 127_500);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn province(seed: u64, n: usize, total_staff: u64) -> Result<Units, Error> {
    if n == 0 || n > crate::plan::MAX_UNITS {
        return Err(Error::Parameter {
            name: "units",
            value: n.to_string(),
            expected: "1 to 1000000",
        });
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut population = Vec::with_capacity(n);
    let mut area = Vec::with_capacity(n);
    let mut cases = Vec::with_capacity(n);
    for _ in 0..n {
        // Log-uniform between 8,000 and 200,000 residents.
        let p = (8_000f64.ln() + rng.random::<f64>() * (200_000f64 / 8_000.0).ln()).exp();
        population.push(p.round());
        area.push((20.0 + rng.random::<f64>() * 180.0).round());
        cases.push((p / 100.0 * (0.5 + rng.random::<f64>())).round());
    }
    let staff = apportion(
        total_staff,
        &population,
        &vec![0; n],
        &vec![u64::MAX; n],
        Method::Hamilton,
    )?;
    Ok(Units {
        columns: vec!["population".into(), "area".into(), "cases".into()],
        units: (0..n)
            .map(|i| Unit {
                code: format!("U{:05}", i + 1),
                current: staff[i],
                values: vec![population[i], area[i], cases[i]],
            })
            .collect(),
    })
}
