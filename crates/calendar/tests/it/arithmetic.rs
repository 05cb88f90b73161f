//! Working-day arithmetic: tables worked out by hand from the notices, and
//! laws checked on random dates.

use chrono::NaiveDate;
use jiceng_calendar::{Calendar, CoveragePolicy, DayKind, Error};
use proptest::prelude::*;

use crate::d;
use crate::model::{Model, Refused};

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
    assert!(err.to_string().contains("provisional mode"));
    // An answer that would need 2027.
    let err = cal.add_working_days(d(2026, 12, 30), 5).unwrap_err();
    assert!(matches!(err, Error::OutOfCoverage { date, .. } if date == d(2027, 1, 1)));
    // Before coverage: refused as such, not as "no notice yet".
    let err = cal.add_working_days(d(2010, 1, 5), -5).unwrap_err();
    assert_eq!(
        err,
        Error::BeforeCoverage {
            date: d(2009, 12, 31),
            first: d(2010, 1, 1),
            earliest: d(2008, 1, 1)
        }
    );
    assert!(
        err.to_string()
            .contains("before the calendar's first notice")
    );
    assert!(!err.to_string().contains("no holiday notice covers it yet"));
    assert!(matches!(
        cal.working_days_between(d(2009, 6, 1), d(2010, 6, 1)),
        Err(Error::BeforeCoverage { .. })
    ));
    // The day before coverage may start a count: nothing before it is needed.
    assert_eq!(
        cal.working_days_between(d(2009, 12, 31), d(2010, 1, 4))
            .unwrap(),
        1
    );
}

/// Issue 15's survivor: 2010-01-04 (Monday, the first working day of
/// coverage: 1–3 January were the New Year holiday) is the working day
/// before Tuesday 5 January, and it is covered.
#[test]
fn first_working_day_of_coverage_is_reachable_backwards() {
    let cal = Calendar::china_mainland();
    assert_eq!(
        cal.add_working_days(d(2010, 1, 5), -1).unwrap(),
        d(2010, 1, 4)
    );
    // From Monday 4 January itself, one back needs 31 December 2009.
    assert!(matches!(
        cal.add_working_days(d(2010, 1, 4), -1),
        Err(Error::BeforeCoverage { date, .. }) if date == d(2009, 12, 31)
    ));
    // At the other end: Thursday 31 December 2026 is the last working day
    // (2026-12-30 + 1), and one more needs 2027.
    assert_eq!(
        cal.add_working_days(d(2026, 12, 30), 1).unwrap(),
        d(2026, 12, 31)
    );
    assert!(matches!(
        cal.add_working_days(d(2026, 12, 30), 2),
        Err(Error::OutOfCoverage { date, .. }) if date == d(2027, 1, 1)
    ));
}

/// `between a a` needs no day, so it is 0 everywhere, in both modes.
#[test]
fn between_a_day_and_itself_is_zero_everywhere() {
    let strict = Calendar::china_mainland();
    let prov = strict.with_policy(CoveragePolicy::Provisional);
    for day in [
        NaiveDate::MIN,
        d(1900, 1, 1),
        d(2027, 3, 1),
        d(2026, 12, 31),
        d(3000, 1, 1),
        NaiveDate::MAX,
    ] {
        assert_eq!(strict.working_days_between(day, day).unwrap(), 0, "{day}");
        assert_eq!(prov.working_days_between(day, day).unwrap(), 0, "{day}");
    }
}

#[test]
fn provisional_mode_uses_the_statutory_holidays_beyond_coverage() {
    let cal = Calendar::china_mainland().with_policy(CoveragePolicy::Provisional);
    // 2027-01-01 is a Friday, but New Year's Day under the Measures.
    assert!(!cal.is_working_day(d(2027, 1, 1)).unwrap());
    let info = cal.day(d(2027, 1, 1)).unwrap();
    assert!(info.provisional);
    assert_eq!(info.kind, DayKind::Holiday);
    assert_eq!(info.holiday.unwrap().document, "全国年节及纪念日放假办法");
    assert!(!cal.day(d(2026, 12, 31)).unwrap().provisional);
    // National Day 2027: Friday 1 October is off, Monday 4 October worked.
    assert!(!cal.is_working_day(d(2027, 10, 1)).unwrap());
    assert!(cal.is_working_day(d(2027, 10, 4)).unwrap());
    // Thursday 2026-12-31 + 2 working days: Friday 1 January is New Year's
    // Day, so Monday 4 and Tuesday 5 January 2027.
    assert_eq!(
        cal.add_working_days(d(2026, 12, 31), 2).unwrap(),
        d(2027, 1, 5)
    );
    // Backwards from 2027 into coverage: Monday 4 January, then Thursday
    // 31 December 2026.
    assert_eq!(
        cal.add_working_days(d(2027, 1, 5), -2).unwrap(),
        d(2026, 12, 31)
    );
    // A March week of 2030 (no statutory day): Monday 4 March + 5 working
    // days is Monday 11 March.
    assert_eq!(
        cal.add_working_days(d(2030, 3, 4), 5).unwrap(),
        d(2030, 3, 11)
    );
    // Before 2010: Friday 2009-12-25 minus 5 working days is Friday 18 December.
    assert_eq!(
        cal.add_working_days(d(2009, 12, 25), -5).unwrap(),
        d(2009, 12, 18)
    );
    // Issue 9: back from Tuesday 5 January 2010 by 2: Monday 4 January, then
    // (1–3 January 2010 off) Thursday 31 December 2009, provisional.
    let r = cal.add_working_days(d(2010, 1, 5), -2).unwrap();
    assert_eq!(r, d(2009, 12, 31));
    assert!(cal.is_provisional_days(r, d(2010, 1, 4)));
    // 1 January 2008 was New Year's Day; nothing before 2008 is estimated.
    assert_eq!(
        cal.add_working_days(d(2008, 1, 3), -1).unwrap(),
        d(2008, 1, 2)
    );
    assert!(matches!(
        cal.add_working_days(d(2008, 1, 2), -1),
        Err(Error::BeforeCoverage { date, earliest, .. })
            if date == d(2007, 12, 31) && earliest == d(2008, 1, 1)
    ));
}

#[test]
fn the_horizon_bounds_provisional_answers() {
    let cal = Calendar::china_mainland().with_policy(CoveragePolicy::Provisional);
    assert_eq!(cal.horizon(), d(2226, 12, 31));
    // 2226-12-31, a Sunday, is the last day answered; Friday 29 December
    // the last working day.
    assert!(!cal.is_working_day(d(2226, 12, 31)).unwrap());
    assert!(cal.is_working_day(d(2226, 12, 29)).unwrap());
    let err = cal.is_working_day(d(2227, 1, 1)).unwrap_err();
    assert_eq!(
        err,
        Error::BeyondHorizon {
            date: d(2227, 1, 1),
            horizon: d(2226, 12, 31)
        }
    );
    assert!(err.to_string().contains("horizon 2226-12-31"));
    assert!(matches!(
        cal.add_working_days(d(2226, 12, 29), 1),
        Err(Error::BeyondHorizon { date, .. }) if date == d(2227, 1, 1)
    ));
    assert!(matches!(
        cal.add_working_days(NaiveDate::MAX, -1),
        Err(Error::BeyondHorizon { .. })
    ));
}

fn covered_date() -> impl Strategy<Value = NaiveDate> {
    (0i64..6209).prop_map(|k| d(2010, 1, 1) + chrono::Duration::days(k))
}

/// From 2006 (before what provisional mode answers) to 2045.
fn any_date() -> impl Strategy<Value = NaiveDate> {
    (0i64..14600).prop_map(|k| d(2006, 1, 1) + chrono::Duration::days(k))
}

/// `working_days_between(a, add_working_days(a, n)) == n` for every n ≥ 0,
/// and for n < 0 when `a` is a working day. For n < 0 from a day off the
/// count is one less in size: the |n|-th working day before a holiday is
/// |n| - 1 working days away, counted as (b, a].
fn check_inverse(cal: &Calendar, a: NaiveDate, n: i32, b: NaiveDate) -> Result<(), TestCaseError> {
    let between = cal.working_days_between(a, b).unwrap();
    let expected = if n < 0 && !cal.is_working_day(a).unwrap() {
        i64::from(n) + 1
    } else {
        i64::from(n)
    };
    prop_assert_eq!(between, expected, "{} {:+} -> {}", a, n, b);
    if n != 0 {
        prop_assert!(cal.is_working_day(b).unwrap());
        let right_side = if n > 0 { b > a } else { b < a };
        prop_assert!(right_side);
        let (lo, hi) = if b < a { (b, a) } else { (a, b) };
        let inner = cal
            .working_days_between(lo, hi.pred_opt().unwrap())
            .unwrap();
        prop_assert_eq!(inner, i64::from(n.unsigned_abs()) - 1);
    }
    Ok(())
}

/// The calendar's answer and the model's agree: the same day, or both
/// refuse (the calendar with the matching error).
fn same<T: PartialEq + std::fmt::Debug>(
    got: Result<T, Error>,
    want: Result<T, Refused>,
) -> Result<(), TestCaseError> {
    match (got, want) {
        (Ok(g), Ok(w)) => prop_assert_eq!(g, w),
        (Err(Error::OutOfCoverage { .. }), Err(Refused::After)) => {}
        (Err(Error::BeforeCoverage { .. }), Err(Refused::Before)) => {}
        (Err(Error::BeyondHorizon { .. }), Err(Refused::Horizon)) => {}
        (g, w) => prop_assert!(false, "calendar {:?}, model {:?}", g, w),
    }
    Ok(())
}

proptest! {
    #[test]
    fn between_inverts_add(a in covered_date(), n in -200i32..200) {
        let cal = Calendar::china_mainland();
        match (cal.add_working_days(a, n), Model::new(false).add(a, n)) {
            (Ok(b), Ok(w)) => {
                prop_assert_eq!(b, w);
                check_inverse(&cal, a, n, b)?;
            }
            (got, want) => same(got, want)?,
        }
    }

    #[test]
    fn between_inverts_add_provisionally(a in any_date(), n in -1000i32..1000) {
        let cal = Calendar::china_mainland().with_policy(CoveragePolicy::Provisional);
        match (cal.add_working_days(a, n), Model::new(true).add(a, n)) {
            (Ok(b), Ok(w)) => {
                prop_assert_eq!(b, w);
                check_inverse(&cal, a, n, b)?;
            }
            (got, want) => same(got, want)?,
        }
    }

    #[test]
    fn between_is_additive_and_antisymmetric(a in any_date(), x in -500i64..500, y in -500i64..500) {
        let cal = Calendar::china_mainland().with_policy(CoveragePolicy::Provisional);
        let b = a + chrono::Duration::days(x);
        let c = b + chrono::Duration::days(y);
        match (cal.working_days_between(a, b), cal.working_days_between(b, c), cal.working_days_between(a, c)) {
            (Ok(ab), Ok(bc), Ok(ac)) => {
                prop_assert_eq!(ab + bc, ac);
                prop_assert_eq!(ab, -cal.working_days_between(b, a).unwrap());
            }
            // Only a day before 2008 can be refused here.
            (r1, r2, r3) => {
                let earliest = d(2008, 1, 1);
                prop_assert!(a.min(b).min(c) < earliest, "{:?} {:?} {:?}", r1, r2, r3);
            }
        }
    }

    #[test]
    fn between_matches_the_model(a in any_date(), len in -400i64..400, provisional in any::<bool>()) {
        let strict = Calendar::china_mainland();
        let cal = if provisional { strict.with_policy(CoveragePolicy::Provisional) } else { strict };
        let b = a + chrono::Duration::days(len);
        same(cal.working_days_between(a, b), Model::new(provisional).between(a, b))?;
    }

    #[test]
    fn add_matches_the_model_in_both_modes(a in any_date(), n in -400i32..400, provisional in any::<bool>()) {
        let strict = Calendar::china_mainland();
        let cal = if provisional { strict.with_policy(CoveragePolicy::Provisional) } else { strict };
        same(cal.add_working_days(a, n), Model::new(provisional).add(a, n))?;
    }

    #[test]
    fn add_is_monotonic(a in covered_date(), n in 1i32..100) {
        let cal = Calendar::china_mainland();
        match (cal.add_working_days(a, n), cal.add_working_days(a, n + 1)) {
            (Ok(x), Ok(y)) => {
                prop_assert!(x < y);
                prop_assert!(a < x);
            }
            // Only the end of coverage can refuse a forward count.
            (x, y) => {
                prop_assert!(matches!(y, Err(Error::OutOfCoverage { .. })), "{:?} {:?}", x, y);
            }
        }
    }

    #[test]
    fn weekly_rule_and_statutory_days_outside_coverage(a in any_date()) {
        let cal = Calendar::china_mainland().with_policy(CoveragePolicy::Provisional);
        same(cal.is_working_day(a), Model::new(true).working(a))?;
    }
}
