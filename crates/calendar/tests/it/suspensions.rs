//! Clock suspensions (Licensing Law Art. 45).

use chrono::NaiveDate;
use jiceng_calendar::{
    Calendar, CoveragePolicy, Error, Period, PeriodOptions, SkipReason, Suspension,
    SuspensionPolicy,
};
use proptest::prelude::*;

use crate::d;
use crate::model::{Model, Refused};

fn end(
    start: NaiveDate,
    period: Period,
    sus: &[(NaiveDate, NaiveDate)],
    policy: SuspensionPolicy,
) -> NaiveDate {
    let mut opts = PeriodOptions::default().policy(policy);
    for (a, b) in sus {
        opts = opts.suspend(Suspension::new(*a, *b, "testing").unwrap());
    }
    Calendar::china_mainland()
        .period_end_with(start, period, &opts)
        .unwrap()
        .end
}

#[test]
fn continue_policy_does_not_count_suspended_days() {
    use SuspensionPolicy::Continue;
    let wd20 = Period::WorkingDays(20);
    // No suspension: 20 working days from Monday 3 March 2025 end on 31 March.
    assert_eq!(end(d(2025, 3, 3), wd20, &[], Continue), d(2025, 3, 31));
    // Expert review 10–14 March (5 working days): 1–3 April, then the
    // Qingming holiday (4–6 April), then 7 and 8 April.
    assert_eq!(
        end(
            d(2025, 3, 3),
            wd20,
            &[(d(2025, 3, 10), d(2025, 3, 14))],
            Continue
        ),
        d(2025, 4, 8)
    );
    // A suspension over a weekend only stops no working day.
    assert_eq!(
        end(
            d(2025, 3, 3),
            wd20,
            &[(d(2025, 3, 8), d(2025, 3, 9))],
            Continue
        ),
        d(2025, 3, 31)
    );
    // A suspension already running at the start: counting begins after it.
    // From 5 March: 6–7 (2), 10–14 (7), 17–21 (12), 24–28 (17), 31 Mar – 2 Apr (20).
    assert_eq!(
        end(
            d(2025, 3, 3),
            wd20,
            &[(d(2025, 3, 1), d(2025, 3, 5))],
            Continue
        ),
        d(2025, 4, 2)
    );
    // Two overlapping suspensions count once: 10–12 and 11–14 March is 10–14.
    assert_eq!(
        end(
            d(2025, 3, 3),
            wd20,
            &[
                (d(2025, 3, 11), d(2025, 3, 14)),
                (d(2025, 3, 10), d(2025, 3, 12))
            ],
            Continue
        ),
        d(2025, 4, 8)
    );
    // A suspension before the start has no effect.
    assert_eq!(
        end(
            d(2025, 3, 3),
            wd20,
            &[(d(2025, 2, 10), d(2025, 2, 14))],
            Continue
        ),
        d(2025, 3, 31)
    );
    // Calendar days: 90 days from 3 March 2025 with 10 days suspended
    // (1–10 April): 1 June + 10 = 11 June, a Wednesday.
    assert_eq!(
        end(
            d(2025, 3, 3),
            Period::Days(90),
            &[(d(2025, 4, 1), d(2025, 4, 10))],
            Continue
        ),
        d(2025, 6, 11)
    );
}

#[test]
fn reset_policy_restarts_the_count() {
    use SuspensionPolicy::Reset;
    let wd20 = Period::WorkingDays(20);
    // Restart after 14 March: 17–21 (5), 24–28 (10), 31 Mar – 3 Apr (14),
    // Qingming 4–6 April, 7–11 (19), 14 April (20).
    assert_eq!(
        end(
            d(2025, 3, 3),
            wd20,
            &[(d(2025, 3, 10), d(2025, 3, 14))],
            Reset
        ),
        d(2025, 4, 14)
    );
    // A suspension after the period ran out changes nothing.
    assert_eq!(
        end(
            d(2025, 3, 3),
            wd20,
            &[(d(2025, 5, 6), d(2025, 5, 7))],
            Reset
        ),
        d(2025, 3, 31)
    );
    let ex = Calendar::china_mainland()
        .explain_period_end(
            d(2025, 3, 3),
            wd20,
            &PeriodOptions::default()
                .policy(Reset)
                .suspend(Suspension::new(d(2025, 3, 10), d(2025, 3, 14), "hearing").unwrap()),
        )
        .unwrap();
    assert_eq!(ex.restarted_after.unwrap().to, d(2025, 3, 14));
}

#[test]
fn explanation_names_the_suspension() {
    let cal = Calendar::china_mainland();
    let opts = PeriodOptions::default()
        .suspend(Suspension::new(d(2025, 3, 10), d(2025, 3, 14), "expert review").unwrap());
    let ex = cal
        .explain_period_end(d(2025, 3, 3), Period::WorkingDays(20), &opts)
        .unwrap();
    let suspended: Vec<NaiveDate> = ex
        .skipped
        .iter()
        .filter(
            |s| matches!(&s.reason, SkipReason::Suspended { reason } if reason == "expert review"),
        )
        .map(|s| s.date)
        .collect();
    assert_eq!(
        suspended,
        (10..=14).map(|x| d(2025, 3, x)).collect::<Vec<_>>()
    );
    assert!(
        ex.rules
            .iter()
            .any(|r| r.citation == "行政许可法第四十五条")
    );
}

#[test]
fn bad_suspensions_are_refused() {
    assert_eq!(
        Suspension::new(d(2025, 3, 14), d(2025, 3, 10), "x").unwrap_err(),
        Error::ReversedSuspension {
            from: d(2025, 3, 14),
            to: d(2025, 3, 10)
        }
    );
    assert!(matches!(
        Suspension::parse_interval("2025-03-10", "x"),
        Err(Error::InvalidInterval { .. })
    ));
    assert!(matches!(
        Suspension::parse_interval("2025-03-14..2025-03-10", "x"),
        Err(Error::ReversedSuspension { .. })
    ));
    let opts = PeriodOptions::default()
        .suspend(Suspension::new(d(2025, 3, 10), d(2025, 3, 14), "x").unwrap());
    let err = Calendar::china_mainland()
        .period_end_with(d(2025, 3, 3), Period::Months(1), &opts)
        .unwrap_err();
    assert!(matches!(err, Error::SuspensionUnsupported { ref period } if period == "1m"));
}

/// Issue 15's surviving mutant (`>=` for `>` in `period.rs`): a period
/// that ends the day before a suspension starts is not pushed past it. In
/// approvals terms: a case due Monday 31 March 2025 with a hearing opened on
/// 1 April is late against the statute, not suspended.
#[test]
fn a_suspension_starting_the_day_after_the_end_changes_nothing() {
    use SuspensionPolicy::{Continue, Reset};
    let wd20 = Period::WorkingDays(20);
    let hearing = [(d(2025, 4, 1), d(2025, 4, 3))];
    assert_eq!(end(d(2025, 3, 3), wd20, &hearing, Continue), d(2025, 3, 31));
    assert_eq!(end(d(2025, 3, 3), wd20, &hearing, Reset), d(2025, 3, 31));
    // 15 days from 3 March end on Tuesday 18 March; a suspension from the
    // 19th changes nothing.
    let later = [(d(2025, 3, 19), d(2025, 3, 20))];
    assert_eq!(
        end(d(2025, 3, 3), Period::Days(15), &later, Continue),
        d(2025, 3, 18)
    );
    assert_eq!(
        end(d(2025, 3, 3), Period::Days(15), &later, Reset),
        d(2025, 3, 18)
    );
}

/// The other boundary: a suspension starting on the last day moves it.
#[test]
fn a_suspension_starting_on_the_end_day_moves_it() {
    use SuspensionPolicy::{Continue, Reset};
    let wd20 = Period::WorkingDays(20);
    let on_end = [(d(2025, 3, 31), d(2025, 3, 31))];
    // Continue: 31 March is not counted, Tuesday 1 April is the 20th day.
    assert_eq!(end(d(2025, 3, 3), wd20, &on_end, Continue), d(2025, 4, 1));
    // Reset: 20 working days again from 31 March: 1–3 April (3), Qingming
    // 4–6 April, 7–11 (8), 14–18 (13), 21–25 (18), Sunday 27 April worked
    // for Labour Day (19), Monday 28 April (20).
    assert_eq!(end(d(2025, 3, 3), wd20, &on_end, Reset), d(2025, 4, 28));
    // Calendar days: 18 March suspended, so 19 March.
    let day = [(d(2025, 3, 18), d(2025, 3, 18))];
    assert_eq!(
        end(d(2025, 3, 3), Period::Days(15), &day, Continue),
        d(2025, 3, 19)
    );
}

fn suspension() -> impl Strategy<Value = (i64, i64)> {
    (0i64..200, 0i64..20)
}

fn options(
    start: NaiveDate,
    sus: &[(i64, i64)],
    policy: SuspensionPolicy,
) -> (PeriodOptions, Vec<(NaiveDate, NaiveDate)>) {
    let mut opts = PeriodOptions::default().policy(policy);
    let mut list = Vec::new();
    for (off, len) in sus {
        let from = start + chrono::Duration::days(*off - 20);
        let to = from + chrono::Duration::days(*len);
        list.push((from, to));
        opts = opts.suspend(Suspension::new(from, to, "s").unwrap());
    }
    (opts, list)
}

proptest! {
    /// Continue (Art. 45): the due date with suspensions is the due date
    /// without them moved by exactly the countable days the clock stood
    /// still, and it is the model's.
    #[test]
    fn continue_moves_the_end_by_exactly_the_days_stopped(
        k in 0i64..5500,
        n in 0u32..60,
        sus in prop::collection::vec(suspension(), 0..4),
        working in any::<bool>(),
    ) {
        let cal = Calendar::china_mainland();
        let start = d(2010, 1, 1) + chrono::Duration::days(k);
        let period = if working { Period::WorkingDays(n) } else { Period::Days(n) };
        let (opts, list) = options(start, &sus, SuspensionPolicy::Continue);
        let plain = cal.explain_period_end(start, period, &PeriodOptions::default()).unwrap();
        let with = cal.explain_period_end(start, period, &opts).unwrap();
        let stopped_in = |last: NaiveDate| -> i64 {
            start
                .iter_days()
                .skip(1)
                .take_while(|day| *day <= last)
                .filter(|day| list.iter().any(|&(a, b)| a <= *day && *day <= b))
                .filter(|day| !working || cal.is_working_day(*day).unwrap())
                .count() as i64
        };
        if working {
            let stopped = stopped_in(with.end);
            prop_assert_eq!(with.end, cal.add_working_days(plain.end, stopped as i32).unwrap());
        } else {
            let stopped = stopped_in(with.nominal_end);
            prop_assert_eq!(with.nominal_end, plain.nominal_end + chrono::Duration::days(stopped));
            prop_assert_eq!(with.end, cal.roll_forward(with.nominal_end).unwrap());
        }
        let model = Model::new(false).period_end(start, n, working, &list, false);
        prop_assert_eq!(Ok(with.end), model);
    }

    /// Reset: the due date is a fresh period from the end of the last
    /// suspension that began before the period ran out, and no suspension
    /// begins after that restart and before the end; without a restart it
    /// is the plain due date. It is the model's.
    #[test]
    fn reset_is_a_fresh_period_from_the_resume_day(
        k in 0i64..5500,
        n in 0u32..60,
        sus in prop::collection::vec(suspension(), 0..4),
        working in any::<bool>(),
    ) {
        let cal = Calendar::china_mainland();
        let start = d(2010, 1, 1) + chrono::Duration::days(k);
        let period = if working { Period::WorkingDays(n) } else { Period::Days(n) };
        let (opts, list) = options(start, &sus, SuspensionPolicy::Reset);
        let with = cal.explain_period_end(start, period, &opts).unwrap();
        match &with.restarted_after {
            Some(s) => {
                prop_assert_eq!(with.end, cal.period_end(s.to, period).unwrap().end);
                prop_assert!(s.to > start);
                prop_assert!(!list.iter().any(|&(a, _)| a > s.to && a <= with.nominal_end));
            }
            None => {
                prop_assert_eq!(with.end, cal.period_end(start, period).unwrap().end);
            }
        }
        let model = Model::new(false).period_end(start, n, working, &list, true);
        prop_assert_eq!(Ok(with.end), model);
    }

    /// Near the end of coverage, an answer that needs 2027 is refused in
    /// strict mode exactly when the model refuses it, and in provisional
    /// mode it is the model's answer, flagged.
    #[test]
    fn suspended_periods_at_the_edge_of_coverage(
        k in 0i64..120,
        n in 0u32..60,
        sus in prop::collection::vec(suspension(), 0..3),
        working in any::<bool>(),
        reset in any::<bool>(),
    ) {
        let start = d(2026, 9, 1) + chrono::Duration::days(k);
        let period = if working { Period::WorkingDays(n) } else { Period::Days(n) };
        let policy = if reset { SuspensionPolicy::Reset } else { SuspensionPolicy::Continue };
        let (opts, list) = options(start, &sus, policy);
        for provisional in [false, true] {
            let strict = Calendar::china_mainland();
            let cal = if provisional { strict.with_policy(CoveragePolicy::Provisional) } else { strict };
            let got = cal.period_end_with(start, period, &opts);
            let want = Model::new(provisional).period_end(start, n, working, &list, reset);
            match (got, want) {
                (Ok(g), Ok(w)) => {
                    prop_assert_eq!(g.end, w);
                    prop_assert_eq!(g.provisional, g.end > d(2026, 12, 31));
                }
                (Err(Error::OutOfCoverage { .. }), Err(Refused::After)) => prop_assert!(!provisional),
                (g, w) => prop_assert!(false, "calendar {:?}, model {:?}", g, w),
            }
        }
    }
}
