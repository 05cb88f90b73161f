//! Clock suspensions (Licensing Law Art. 45).

use chrono::NaiveDate;
use jiceng_calendar::{
    Calendar, Error, Period, PeriodOptions, SkipReason, Suspension, SuspensionPolicy,
};
use proptest::prelude::*;

use crate::d;

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

fn suspension() -> impl Strategy<Value = (i64, i64)> {
    (0i64..200, 0i64..20)
}

proptest! {
    #[test]
    fn suspensions_never_make_a_due_date_earlier(
        k in 0i64..5500,
        n in 0u32..60,
        sus in prop::collection::vec(suspension(), 0..4),
        working in any::<bool>(),
        reset in any::<bool>(),
    ) {
        let cal = Calendar::china_mainland();
        let start = d(2010, 1, 1) + chrono::Duration::days(k);
        let period = if working { Period::WorkingDays(n) } else { Period::Days(n) };
        let policy = if reset { SuspensionPolicy::Reset } else { SuspensionPolicy::Continue };
        let plain = cal.period_end(start, period).unwrap();
        let mut opts = PeriodOptions::default().policy(policy);
        for (off, len) in &sus {
            let from = start + chrono::Duration::days(*off - 20);
            opts = opts.suspend(Suspension::new(from, from + chrono::Duration::days(*len), "s").unwrap());
        }
        let with = cal.period_end_with(start, period, &opts).unwrap();
        prop_assert!(with.end >= plain.end, "{} {} {:?}", start, period, sus);
        // Under Continue, removing the last suspension never makes it later.
        if !reset && !opts.suspensions.is_empty() {
            let mut fewer = opts.clone();
            fewer.suspensions.pop();
            let e = cal.period_end_with(start, period, &fewer).unwrap();
            prop_assert!(e.end <= with.end);
        }
    }
}
