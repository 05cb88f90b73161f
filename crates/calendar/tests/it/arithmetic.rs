//! Working-day arithmetic: tables worked out by hand from the notices, and
//! laws checked on random dates.

use chrono::{Datelike, NaiveDate, Weekday};
use jiceng_calendar::{Calendar, CoveragePolicy, Error};
use proptest::prelude::*;

use crate::d;

fn check_add(start: NaiveDate, n: i32, expected: NaiveDate) {
    let cal = Calendar::china_mainland();
    assert_eq!(
        cal.add_working_days(start, n).unwrap(),
        expected,
        "{start} {n:+}"
    );
}

#[test]
fn add_working_days_across_holidays() {
    // Spring Festival 2025: 28 Jan – 4 Feb off, Sunday 26 Jan worked.
    check_add(d(2025, 1, 24), 1, d(2025, 1, 26));
    check_add(d(2025, 1, 24), 2, d(2025, 1, 27));
    check_add(d(2025, 1, 24), 3, d(2025, 2, 5));
    check_add(d(2025, 2, 5), -1, d(2025, 1, 27));
    check_add(d(2025, 2, 5), -2, d(2025, 1, 26));
    check_add(d(2025, 2, 5), -3, d(2025, 1, 24));
    // From inside the holiday.
    check_add(d(2025, 1, 30), 1, d(2025, 2, 5));
    check_add(d(2025, 1, 30), -1, d(2025, 1, 27));
    // National Day 2024: 1–7 Oct off, Sunday 29 Sep and Saturday 12 Oct worked.
    check_add(d(2024, 9, 27), 1, d(2024, 9, 29));
    check_add(d(2024, 9, 29), 2, d(2024, 10, 8));
    check_add(d(2024, 10, 11), 1, d(2024, 10, 12));
    check_add(d(2024, 10, 12), 1, d(2024, 10, 14));
    // n = 0 is the date itself, whatever kind of day.
    check_add(d(2025, 1, 30), 0, d(2025, 1, 30));
    // Across a year end: 2018-12-29 (Saturday) worked, 30 Dec – 1 Jan off.
    check_add(d(2018, 12, 28), 1, d(2018, 12, 29));
    check_add(d(2018, 12, 29), 1, d(2019, 1, 2));
}

#[test]
fn working_days_between_counts_a_exclusive_b_inclusive() {
    let cal = Calendar::china_mainland();
    let check = |a: NaiveDate, b: NaiveDate, n: i64| {
        assert_eq!(cal.working_days_between(a, b).unwrap(), n, "{a}..{b}");
    };
    check(d(2025, 1, 27), d(2025, 1, 27), 0);
    check(d(2025, 1, 24), d(2025, 2, 5), 3);
    check(d(2025, 2, 5), d(2025, 1, 24), -3);
    // 2026: 365 days, 104 weekend days (2026 starts on a Thursday: 52
    // Saturdays and 52 Sundays). Weekday holidays: 1–2 Jan, 16–20 and 23 Feb,
    // 6 Apr, 1 and 4–5 May, 19 Jun, 25 Sep, 1–2 and 5–7 Oct = 19.
    // Weekend days worked: 4 Jan, 14 and 28 Feb, 9 May, 20 Sep, 10 Oct = 6.
    // 365 - 104 - 19 + 6 = 248.
    check(d(2025, 12, 31), d(2026, 12, 31), 248);
    // 2025: 365 days, 104 weekend days (starts on a Wednesday). Weekday
    // holidays: 1 Jan, 28–31 Jan, 3–4 Feb, 4 Apr, 1–2 and 5 May, 2 Jun,
    // 1–3 and 6–8 Oct = 18. Worked: 26 Jan, 8 Feb, 27 Apr, 28 Sep, 11 Oct = 5.
    // 365 - 104 - 18 + 5 = 248.
    check(d(2024, 12, 31), d(2025, 12, 31), 248);
}

#[test]
fn next_and_previous_working_day() {
    let cal = Calendar::china_mainland();
    assert_eq!(
        cal.next_working_day(d(2023, 9, 28)).unwrap(),
        d(2023, 10, 7)
    );
    assert_eq!(
        cal.previous_working_day(d(2023, 10, 7)).unwrap(),
        d(2023, 9, 28)
    );
}

#[test]
fn strict_coverage_names_the_range() {
    let cal = Calendar::china_mainland();
    let err = cal.is_working_day(d(2027, 3, 1)).unwrap_err();
    assert_eq!(
        err,
        Error::OutOfCoverage {
            date: d(2027, 3, 1),
            first: d(2010, 1, 1),
            last: d(2026, 12, 31)
        }
    );
    assert!(err.to_string().contains("2010-01-01..=2026-12-31"));
    // An answer that would need 2027.
    let err = cal.add_working_days(d(2026, 12, 30), 5).unwrap_err();
    assert!(matches!(err, Error::OutOfCoverage { date, .. } if date == d(2027, 1, 1)));
    // Before coverage.
    let err = cal.add_working_days(d(2010, 1, 5), -5).unwrap_err();
    assert!(matches!(err, Error::OutOfCoverage { date, .. } if date == d(2009, 12, 31)));
    assert!(
        cal.working_days_between(d(2009, 6, 1), d(2010, 6, 1))
            .is_err()
    );
    // The day before coverage may start a count: nothing before it is needed.
    assert_eq!(
        cal.working_days_between(d(2009, 12, 31), d(2010, 1, 4))
            .unwrap(),
        1
    );
}

#[test]
fn provisional_mode_uses_the_weekly_rule_beyond_coverage() {
    let cal = Calendar::china_mainland().with_policy(CoveragePolicy::Provisional);
    // 2027-01-01 is a Friday: a working day by the weekly rule.
    assert!(cal.is_working_day(d(2027, 1, 1)).unwrap());
    assert!(cal.day(d(2027, 1, 1)).unwrap().provisional);
    assert!(!cal.day(d(2026, 12, 31)).unwrap().provisional);
    // Thursday 2026-12-31 + 2 working days: Fri 1 Jan, Mon 4 Jan 2027.
    assert_eq!(
        cal.add_working_days(d(2026, 12, 31), 2).unwrap(),
        d(2027, 1, 4)
    );
    // Backwards from 2027 into coverage: 2026-12-31 is a Thursday, worked.
    assert_eq!(
        cal.add_working_days(d(2027, 1, 4), -2).unwrap(),
        d(2026, 12, 31)
    );
    // Far away: 2030-06-03 is a Monday; 5 working days later is Monday 10 June.
    assert_eq!(
        cal.add_working_days(d(2030, 6, 3), 5).unwrap(),
        d(2030, 6, 10)
    );
    // Before 2010: Friday 2009-12-25 minus 5 working days is Friday 18 December.
    assert_eq!(
        cal.add_working_days(d(2009, 12, 25), -5).unwrap(),
        d(2009, 12, 18)
    );
    // A week of 2030 has 5 working days.
    assert_eq!(
        cal.working_days_between(d(2030, 6, 2), d(2030, 6, 9))
            .unwrap(),
        5
    );
}

fn covered_date() -> impl Strategy<Value = NaiveDate> {
    (0i64..6209).prop_map(|k| d(2010, 1, 1) + chrono::Duration::days(k))
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (-3000i64..12000).prop_map(|k| d(2010, 1, 1) + chrono::Duration::days(k))
}

/// Counting day by day, the obvious way, as an independent check.
fn slow_between(cal: &Calendar, a: NaiveDate, b: NaiveDate) -> i64 {
    let (lo, hi, sign) = if a <= b { (a, b, 1) } else { (b, a, -1) };
    let mut n = 0;
    let mut day = lo;
    while day < hi {
        day = day.succ_opt().unwrap();
        if cal.is_working_day(day).unwrap() {
            n += 1;
        }
    }
    sign * n
}

/// `working_days_between(a, add_working_days(a, n)) == n` for every n ≥ 0,
/// and for n < 0 when `a` is a working day. For n < 0 from a day off the
/// count is one less in size: the |n|-th working day before a holiday is
/// |n| - 1 working days away, counted as (b, a].
fn check_inverse(cal: &Calendar, a: NaiveDate, n: i32) -> Result<(), TestCaseError> {
    if let Ok(b) = cal.add_working_days(a, n) {
        let between = cal.working_days_between(a, b).unwrap();
        let expected = if n < 0 && !cal.is_working_day(a).unwrap() {
            i64::from(n) + 1
        } else {
            i64::from(n)
        };
        prop_assert_eq!(between, expected, "{} {:+} -> {}", a, n, b);
        if n != 0 {
            prop_assert!(cal.is_working_day(b).unwrap());
            // Strictly after (before) `a`, with exactly |n| - 1 working days
            // strictly in between.
            let right_side = if n > 0 { b > a } else { b < a };
            prop_assert!(right_side);
            let (lo, hi) = if b < a { (b, a) } else { (a, b) };
            let inner = cal
                .working_days_between(lo, hi.pred_opt().unwrap())
                .unwrap();
            prop_assert_eq!(inner, i64::from(n.unsigned_abs()) - 1);
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn between_inverts_add(a in covered_date(), n in -200i32..200) {
        check_inverse(&Calendar::china_mainland(), a, n)?;
    }

    #[test]
    fn between_inverts_add_provisionally(a in any_date(), n in -2000i32..2000) {
        let cal = Calendar::china_mainland().with_policy(CoveragePolicy::Provisional);
        prop_assert!(cal.add_working_days(a, n).is_ok());
        check_inverse(&cal, a, n)?;
    }

    #[test]
    fn between_is_additive_and_antisymmetric(a in any_date(), x in -500i64..500, y in -500i64..500) {
        let cal = Calendar::china_mainland().with_policy(CoveragePolicy::Provisional);
        let b = a + chrono::Duration::days(x);
        let c = b + chrono::Duration::days(y);
        let ab = cal.working_days_between(a, b).unwrap();
        prop_assert_eq!(ab + cal.working_days_between(b, c).unwrap(), cal.working_days_between(a, c).unwrap());
        prop_assert_eq!(ab, -cal.working_days_between(b, a).unwrap());
    }

    #[test]
    fn between_matches_counting_day_by_day(a in any_date(), len in -400i64..400) {
        let cal = Calendar::china_mainland().with_policy(CoveragePolicy::Provisional);
        let b = a + chrono::Duration::days(len);
        prop_assert_eq!(cal.working_days_between(a, b).unwrap(), slow_between(&cal, a, b));
    }

    #[test]
    fn add_is_monotonic(a in covered_date(), n in 1i32..100) {
        let cal = Calendar::china_mainland();
        if let (Ok(x), Ok(y)) = (cal.add_working_days(a, n), cal.add_working_days(a, n + 1)) {
            prop_assert!(x < y);
            prop_assert!(a < x);
        }
    }

    #[test]
    fn weekly_rule_outside_coverage(a in any_date()) {
        let cal = Calendar::china_mainland().with_policy(CoveragePolicy::Provisional);
        if !cal.covers(a) {
            let weekday = !matches!(a.weekday(), Weekday::Sat | Weekday::Sun);
            prop_assert_eq!(cal.is_working_day(a).unwrap(), weekday);
        }
    }
}
