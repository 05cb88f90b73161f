//! The synthetic cases keep the shape their module documents.

use chrono::NaiveDate;
use jiceng_approvals::synth;
use jiceng_calendar::{Calendar, Period};

#[test]
fn synthetic_cases_promise_seven_five_or_nothing() {
    // The module documents six cases in ten promising 7 working days, two
    // promising 5 and two promising nothing (the statutory limit only).
    // Over 1,000 cases the counts are binomial: 600 ± 15.5 and 200 ± 12.6
    // (one standard deviation, sqrt(1000 × 0.6 × 0.4) and
    // sqrt(1000 × 0.2 × 0.8)); the bounds below are six of them.
    let cal = Calendar::china_mainland();
    let first = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    let cases = synth::cases(&cal, 3, 1000, first, 365).unwrap();
    let count = |p: Option<Period>| cases.iter().filter(|c| c.limits.promised == p).count();
    let seven = count(Some(Period::WorkingDays(7)));
    let five = count(Some(Period::WorkingDays(5)));
    let none = count(None);
    assert_eq!(seven + five + none, 1000);
    assert!((507..=693).contains(&seven), "{seven}");
    assert!((124..=276).contains(&five), "{five}");
    assert!((124..=276).contains(&none), "{none}");
}
