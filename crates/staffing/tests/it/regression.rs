//! Regression tests, one per bug found, named after it.

use jiceng_staffing::{Method, apportion};

/// Hamilton once fixed bodies at their floor before the ceilings of the
/// others were known, and lost units: pool 30, equal weights, share
/// bounds A [0, 10], B [15, 50], C [0, 0] gave 10, 15, 0 (25, five
/// lost). The bounded exact shares are 10, 20, 0, already whole.
#[test]
fn hamilton_floor_fixed_too_early_lost_units() {
    let a = apportion(
        30,
        &[1.0, 1.0, 1.0],
        &[0, 15, 0],
        &[10, 50, 0],
        Method::Hamilton,
    )
    .unwrap();
    assert_eq!(a, vec![10, 20, 0]);
}
