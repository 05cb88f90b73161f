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

#[test]
fn synthetic_cases_keep_the_documented_dates_notices_and_limits() {
    // Received on a working day from `first` (Monday 1 Jan 2024 is New
    // Year's Day, so the first possible receipt is Tuesday 2 Jan) over 365
    // calendar days: the last possible day, 30 Dec 2024, is a Monday and a
    // working day.
    let cal = Calendar::china_mainland();
    let first = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    let cases = synth::cases(&cal, 5, 1000, first, 365).unwrap();
    let lo = NaiveDate::from_ymd_opt(2024, 1, 2).unwrap();
    let hi = NaiveDate::from_ymd_opt(2024, 12, 30).unwrap();
    for c in &cases {
        let r = c.events[0].date;
        assert!(lo <= r && r <= hi, "{r}");
        assert!(cal.is_working_day(r).unwrap(), "{r}");
    }
    // One case in five gets an incomplete-materials notice: 200 ± 12.6
    // (sqrt(1000 × 0.2 × 0.8)); six deviations either side.
    let notices = cases
        .iter()
        .filter(|c| {
            c.events
                .iter()
                .any(|e| matches!(e.kind, jiceng_approvals::EventKind::IncompleteNotice))
        })
        .count();
    assert!((124..=276).contains(&notices), "{notices}");
    // Every decision comes within the statutory limit: 20 working days
    // after acceptance (Art. 42), 30 with the extension, suspensions not
    // counted. So no case is late against the statute.
    let opts = jiceng_approvals::Options::default();
    let at = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
    let late = cases
        .iter()
        .filter_map(|c| jiceng_approvals::evaluate(c, at, &cal, &opts).ok())
        .filter(|e| {
            matches!(
                e.status,
                jiceng_approvals::Status::ClosedLateAgainstStatute
                    | jiceng_approvals::Status::LateAgainstStatute
            )
        })
        .count();
    assert_eq!(late, 0);
}
