//! Apportionment: dividing a pool of quotas among bodies in proportion to
//! their weights, in whole numbers that add up exactly to the pool.
//!
//! Proportional shares are fractions; quotas are people. Every rule that
//! rounds them must decide who gets the leftover units, and the classic
//! rules of legislative apportionment are the well-studied answers
//! (Balinski and Young, *Fair Representation*, 2nd ed., 2001):
//!
//! * **Hamilton** (largest remainder): each body gets the whole part of its
//!   exact share, and the leftover units go to the largest fractional
//!   parts. It stays within one of the exact share, but is open to the
//!   Alabama paradox (a bigger pool can cost a body a unit) and the
//!   population paradox.
//! * **Divisor methods** hand out units one at a time to the body with the
//!   highest priority `weight / d(a)`, where `a` is what it already has:
//!   **D'Hondt/Jefferson** `d(a) = a + 1` (favours large bodies),
//!   **Sainte-Laguë/Webster** `d(a) = a + 1/2` (unbiased),
//!   **Huntington–Hill** `d(a) = sqrt(a (a + 1))` (the US House since 1941;
//!   every body with weight gets one unit before any gets two). They are
//!   free of both paradoxes.
//!
//! Floors and ceilings bound each body's share. For a divisor method the
//! bounded result is the sequential one started at the floors and skipping
//! bodies at their ceiling. For Hamilton, the exact shares are first bounded
//! — `clamp(λ · weight, floor, ceiling)` with the one `λ` that makes them
//! add up to the pool — and then rounded by largest remainder. A request whose floors add to more than the pool, or ceilings to
//! less, is infeasible, and the error says by how much.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Error;
use crate::file::shown;

/// The largest pool an apportionment accepts: the sequential divisor
/// methods take a step per unit, so a hostile pool must not cost minutes.
pub const MAX_POOL: u64 = 10_000_000;

/// An apportionment method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// Largest remainder (Hamilton, Vinton).
    Hamilton,
    /// Sainte-Laguë/Webster: divisors a + 1/2.
    Webster,
    /// D'Hondt/Jefferson: divisors a + 1.
    #[serde(rename = "dhondt")]
    DHondt,
    /// Huntington–Hill: divisors sqrt(a (a + 1)).
    HuntingtonHill,
}

impl Method {
    /// The method's name as written on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Method::Hamilton => "hamilton",
            Method::Webster => "webster",
            Method::DHondt => "dhondt",
            Method::HuntingtonHill => "huntington-hill",
        }
    }

    /// The method's name in Chinese.
    ///
    /// # Example
    /// ```
    /// use jiceng_staffing::Method;
    /// assert_eq!(Method::Hamilton.zh(), "最大余额法");
    /// ```
    pub fn zh(self) -> &'static str {
        match self {
            Method::Hamilton => "最大余额法",
            Method::Webster => "圣拉古法",
            Method::DHondt => "顿特法",
            Method::HuntingtonHill => "亨廷顿–希尔法",
        }
    }

    /// The divisor for a body that already has `a` units.
    fn divisor(self, a: u64) -> f64 {
        let a = a as f64;
        match self {
            Method::Hamilton | Method::DHondt => a + 1.0,
            Method::Webster => a + 0.5,
            Method::HuntingtonHill => (a * (a + 1.0)).sqrt(),
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Method {
    type Err = Error;
    fn from_str(s: &str) -> Result<Method, Error> {
        match s {
            "hamilton" => Ok(Method::Hamilton),
            "webster" | "sainte-lague" => Ok(Method::Webster),
            "dhondt" | "jefferson" => Ok(Method::DHondt),
            "huntington-hill" => Ok(Method::HuntingtonHill),
            _ => Err(Error::Parameter {
                name: "method",
                value: shown(s),
                expected: "hamilton, webster, dhondt or huntington-hill",
            }),
        }
    }
}

/// Apportions `pool` units among bodies with the given `weights`, each
/// between its floor and ceiling (`u64::MAX` for none).
///
/// The result sums exactly to `pool`. Ties go to the body listed first.
///
/// # Errors
/// [`Error::Infeasible`] when the floors add to more than the pool or the
/// ceilings to less, naming by how much; [`Error::Parameter`] for a
/// negative or non-finite weight, a floor above its ceiling, slices of
/// different lengths, a pool above [`MAX_POOL`], or a pool beyond the
/// floors with every unbounded weight zero.
///
/// # Example
/// ```
/// use jiceng_staffing::{apportion, Method};
/// // D'Hondt, 8 seats (the textbook example of Wikipedia's "D'Hondt method").
/// let w = [100_000.0, 80_000.0, 30_000.0, 20_000.0];
/// let none = [u64::MAX; 4];
/// assert_eq!(apportion(8, &w, &[0; 4], &none, Method::DHondt)?, vec![4, 3, 1, 0]);
/// assert_eq!(apportion(8, &w, &[0; 4], &none, Method::Webster)?, vec![3, 3, 1, 1]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn apportion(
    pool: u64,
    weights: &[f64],
    floors: &[u64],
    ceilings: &[u64],
    method: Method,
) -> Result<Vec<u64>, Error> {
    let n = weights.len();
    if floors.len() != n || ceilings.len() != n {
        return Err(Error::Parameter {
            name: "floors",
            value: format!("{} floors and {} ceilings", floors.len(), ceilings.len()),
            expected: "one floor and one ceiling per weight",
        });
    }
    if pool > MAX_POOL {
        return Err(Error::Parameter {
            name: "pool",
            value: pool.to_string(),
            expected: "at most 10000000",
        });
    }
    for (i, &w) in weights.iter().enumerate() {
        if !w.is_finite() || w < 0.0 {
            return Err(Error::Parameter {
                name: "weight",
                value: format!("{w} (body {})", i + 1),
                expected: "a finite number, zero or more",
            });
        }
        if floors[i] > ceilings[i] {
            return Err(Error::Parameter {
                name: "floor",
                value: format!(
                    "{} above ceiling {} (body {})",
                    floors[i],
                    ceilings[i],
                    i + 1
                ),
                expected: "a floor at most its ceiling",
            });
        }
    }
    let need: u128 = floors.iter().map(|&f| u128::from(f)).sum();
    let room: u128 = ceilings.iter().map(|&c| u128::from(c)).sum();
    if need > u128::from(pool) {
        return Err(Error::Infeasible {
            problem: format!(
                "the floors need {need} but the pool is {pool}: {} short",
                need - u128::from(pool)
            ),
        });
    }
    if room < u128::from(pool) {
        return Err(Error::Infeasible {
            problem: format!(
                "the ceilings allow {room} but the pool is {pool}: {} too many",
                u128::from(pool) - room
            ),
        });
    }
    // `need <= pool <= MAX_POOL`, so it fits in a u64.
    let rest = pool - need as u64;
    if rest > 0 {
        let open_weight: f64 = (0..n)
            .filter(|&i| ceilings[i] > floors[i])
            .map(|i| weights[i])
            .sum();
        if open_weight <= 0.0 {
            return Err(Error::Parameter {
                name: "weights",
                value: "0".into(),
                expected: "some positive weight among bodies below their ceiling",
            });
        }
    }
    Ok(match method {
        Method::Hamilton => hamilton(pool, weights, floors, ceilings),
        _ => divisor(rest, weights, floors, ceilings, method),
    })
}

/// A seat priority in the heap: higher first, then lower index.
#[derive(Debug, PartialEq)]
struct Priority(f64, usize);

impl Eq for Priority {}

impl PartialOrd for Priority {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Priority {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0
            .total_cmp(&other.0)
            .then_with(|| other.1.cmp(&self.1))
    }
}

fn priority(method: Method, w: f64, a: u64) -> f64 {
    if w <= 0.0 {
        return 0.0;
    }
    let d = method.divisor(a);
    if d <= 0.0 { f64::INFINITY } else { w / d }
}

fn divisor(
    rest: u64,
    weights: &[f64],
    floors: &[u64],
    ceilings: &[u64],
    method: Method,
) -> Vec<u64> {
    let mut a = floors.to_vec();
    let mut heap: BinaryHeap<Priority> = (0..weights.len())
        .filter(|&i| a[i] < ceilings[i])
        .map(|i| Priority(priority(method, weights[i], a[i]), i))
        .collect();
    for _ in 0..rest {
        // Feasibility (ceilings add to at least the pool) keeps the heap
        // non-empty while units remain.
        let Some(Priority(_, i)) = heap.pop() else {
            break;
        };
        a[i] += 1;
        if a[i] < ceilings[i] {
            heap.push(Priority(priority(method, weights[i], a[i]), i));
        }
    }
    a
}

/// 2^k for k in -1022..=1023, exactly: the biased exponent `k + 1023`
/// (positive in that range) of a normal f64, over a zero mantissa.
fn pow2(k: i32) -> f64 {
    f64::from_bits(u64::from((k + 1023).unsigned_abs()) << 52)
}

/// The weights of the open bodies times one power of two, chosen so that
/// the largest lies in [2^500, 2^502); the others count as 0. A power of
/// two changes only the exponent, so the ratios, all that the shares
/// depend on, stay exact (unless a weight is 2^1574 times smaller than the
/// largest), and every step of the search is only scaled by the inverse
/// power: the shares come out bit for bit the same. Without it, weights
/// whose total overflows f64 would start the search at 0, and weights so
/// small that the pool over their total overflows, at infinity.
fn normalised(weights: &[f64], open: &[bool]) -> Vec<f64> {
    let largest = weights
        .iter()
        .zip(open)
        .filter(|&(_, &o)| o)
        .fold(0.0, |m, (&w, _)| f64::max(m, w));
    if largest <= 0.0 {
        return vec![0.0; weights.len()];
    }
    // log2 of a positive finite f64 lies in [-1074, 1024); its floor may
    // be one off near a power of two, which only widens the range to
    // [2^500, 2^503). k lies in [-523, 1574]: two factors, each within
    // the normal range.
    let k = 500 - largest.log2().floor() as i32;
    let (s1, s2) = (pow2(k / 2), pow2(k - k / 2));
    weights
        .iter()
        .zip(open)
        .map(|(&w, &o)| if o { w * s1 * s2 } else { 0.0 })
        .collect()
}

/// The exact (fractional) shares under bounds: `clamp(λ w_i, f_i, c_i)`,
/// with `λ` found by bisection so that they add up to the pool. The sum
/// rises with `λ`, so the bisection converges; feasibility puts the pool
/// between the sums at `λ = 0` (the floors) and `λ = ∞` (the ceilings of
/// weighted bodies, the floors of the others).
///
/// When no finite `λ` reaches the pool (weights some 2^1500 apart: the
/// small ones would need a `λ` past f64::MAX), the bodies already at their
/// ceiling at the largest finite `λ` keep it, and the search runs again on
/// the others, their weights normalised anew. Each round settles the
/// largest open weight, and the range of f64 (2^-1074 to 2^1024) leaves
/// room for two rounds, three with the bodies left without weight.
fn bounded_quotas(pool: u64, weights: &[f64], floors: &[u64], ceilings: &[u64]) -> Vec<f64> {
    let target = pool as f64;
    let mut floor: Vec<f64> = floors.iter().map(|&f| f as f64).collect();
    let ceiling: Vec<f64> = ceilings.iter().map(|&c| c as f64).collect();
    // A body whose floor is its ceiling has that share at every λ.
    let mut open: Vec<bool> = floors.iter().zip(ceilings).map(|(f, c)| f < c).collect();
    loop {
        let w = normalised(weights, &open);
        let (lo, hi) = multiplier(target, &w, &floor, &ceiling);
        let mut settled = false;
        if hi.is_infinite() {
            for i in 0..w.len() {
                if open[i] && w[i] > 0.0 && lo * w[i] >= ceiling[i] {
                    open[i] = false;
                    floor[i] = ceiling[i];
                    settled = true;
                }
            }
        }
        if !settled {
            return (0..w.len())
                .map(|i| bounded_share(hi, w[i], floor[i], ceiling[i]))
                .collect();
        }
    }
}

/// One body's share at `lambda`: a body without weight stays at its floor
/// (also at `λ = ∞`, where `∞ × 0` would be NaN).
fn bounded_share(lambda: f64, w: f64, floor: f64, ceiling: f64) -> f64 {
    if w > 0.0 {
        (lambda * w).clamp(floor, ceiling)
    } else {
        floor
    }
}

/// The bracket `(lo, hi)` of the least multiplier whose shares reach
/// `target`: the shares at `hi` reach it, those at `lo` do not (or `lo`
/// is 0). `hi` is infinite when no finite multiplier reaches it.
fn multiplier(target: f64, weights: &[f64], floor: &[f64], ceiling: &[f64]) -> (f64, f64) {
    // The sum without building a vector: the bisection calls it ~60 times,
    // and a plan over thousands of units must stay within milliseconds.
    let total = |lambda: f64| -> f64 {
        (0..weights.len())
            .map(|i| bounded_share(lambda, weights[i], floor[i], ceiling[i]))
            .sum()
    };
    let weight: f64 = weights.iter().sum();
    let mut hi = if weight > 0.0 { target / weight } else { 1.0 };
    let mut lo = 0.0;
    // The weights are normalised (the largest at least 2^500, the total
    // below 2^503 per body), so the multiplier starts above 2^-503 over
    // the number of bodies, and overflows to infinity, if nothing stops
    // it before, after some 1,600 doublings.
    while hi.is_finite() && total(hi) < target {
        lo = hi;
        hi *= 2.0;
    }
    for _ in 0..200 {
        let mid = lo + (hi - lo) / 2.0;
        if mid <= lo || mid >= hi {
            break;
        }
        if total(mid) < target {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    (lo, hi)
}

fn hamilton(pool: u64, weights: &[f64], floors: &[u64], ceilings: &[u64]) -> Vec<u64> {
    let n = weights.len();
    let quota = bounded_quotas(pool, weights, floors, ceilings);
    let mut a: Vec<u64> = (0..n)
        .map(|i| (quota[i].floor() as u64).clamp(floors[i], ceilings[i]))
        .collect();
    let given: u64 = a.iter().sum();
    let remainder = |i: usize| quota[i] - quota[i].floor();
    match given.cmp(&pool) {
        Ordering::Less => {
            let mut order: Vec<usize> = (0..n).filter(|&i| a[i] < ceilings[i]).collect();
            order.sort_by(|&x, &y| remainder(y).total_cmp(&remainder(x)).then(x.cmp(&y)));
            let mut short = pool - given;
            // The leftover is less than the number of bodies with a
            // fractional share, so one pass nearly always suffices; the
            // loop only guards against float error. Feasibility (ceilings
            // add to at least the pool) keeps `order` non-empty while
            // units remain.
            while short > 0 && !order.is_empty() {
                for &i in &order {
                    if short == 0 {
                        break;
                    }
                    if a[i] < ceilings[i] {
                        a[i] += 1;
                        short -= 1;
                    }
                }
                order.retain(|&i| a[i] < ceilings[i]);
            }
        }
        Ordering::Greater => {
            // Only float error in the shares can bring this about: take
            // back from the smallest remainders, never below a floor.
            let mut over = given - pool;
            while over > 0 {
                let mut order: Vec<usize> = (0..n).filter(|&i| a[i] > floors[i]).collect();
                if order.is_empty() {
                    break;
                }
                order.sort_by(|&x, &y| remainder(x).total_cmp(&remainder(y)).then(y.cmp(&x)));
                for &i in &order {
                    if over == 0 {
                        break;
                    }
                    a[i] -= 1;
                    over -= 1;
                }
            }
        }
        Ordering::Equal => {}
    }
    a
}

/// The coefficient of variation of `values`: the population standard
/// deviation divided by the mean (0 for an empty list or a zero mean).
///
/// # Example
/// ```
/// // Mean 4, deviations -2, 0, 2: variance 8/3, sd 1.633, CV 0.408.
/// let cv = jiceng_staffing::coefficient_of_variation(&[2.0, 4.0, 6.0]);
/// assert!((cv - (8.0f64 / 3.0).sqrt() / 4.0).abs() < 1e-12);
/// ```
pub fn coefficient_of_variation(values: &[f64]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    if mean == 0.0 {
        return 0.0;
    }
    let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
    var.sqrt() / mean
}

/// The Gini coefficient of `values` (0 when equal, toward 1 when one body
/// has everything), by the sorted-rank formula
/// `G = 2 Σ i x_(i) / (n Σ x) − (n + 1) / n`.
///
/// # Example
/// ```
/// // One of four has everything: G = 2·4·1/(4·1) − 5/4 = 0.75.
/// assert_eq!(jiceng_staffing::gini(&[0.0, 0.0, 0.0, 1.0]), 0.75);
/// assert_eq!(jiceng_staffing::gini(&[3.0, 3.0]), 0.0);
/// ```
pub fn gini(values: &[f64]) -> f64 {
    let n = values.len();
    let total: f64 = values.iter().sum();
    if n == 0 || total <= 0.0 {
        return 0.0;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let ranked: f64 = v
        .iter()
        .enumerate()
        .map(|(i, x)| (i as f64 + 1.0) * x)
        .sum();
    let nf = n as f64;
    (2.0 * ranked / (nf * total) - (nf + 1.0) / nf).max(0.0)
}
