//! Legal periods under the Civil Code (Arts. 201–204).

use chrono::NaiveDate;
use jiceng_calendar::{Calendar, CoveragePolicy, Error, Period, PeriodOptions, SkipReason};
use proptest::prelude::*;

use crate::d;

fn check(start: NaiveDate, period: &str, expected: NaiveDate) {
    let cal = Calendar::china_mainland();
    let p: Period = period.parse().unwrap();
    let end = cal.period_end(start, p).unwrap();
    assert_eq!(end.end, expected, "{start} + {period}");
    assert!(!end.provisional);
}

#[test]
fn periods_end_by_the_civil_code() {
    // Licensing Law Art. 42 with Art. 82: 20 working days from Monday
    // 22 September 2025 cross National Day (1–8 October; 28 September and
    // 11 October worked): 23–26, 28–30 Sep (7), 9–11 Oct (10), 13–17 (15),
    // 20–24 (20).
    check(d(2025, 9, 22), "20wd", d(2025, 10, 24));
    // Art. 202: the corresponding day, or the month's last day.
    check(d(2025, 1, 31), "1m", d(2025, 2, 28));
    check(d(2024, 1, 31), "1m", d(2024, 2, 29));
    check(d(2024, 2, 29), "1y", d(2025, 2, 28));
    // Art. 203: 15 days from 16 September 2025 end on 1 October, a holiday;
    // the first working day after the holiday is 9 October.
    check(d(2025, 9, 16), "15d", d(2025, 10, 9));
    // Penalty Law Art. 60: 90 days from 3 March 2025 end on Sunday 1 June,
    // inside the Dragon Boat holiday (31 May – 2 June): 3 June.
    check(d(2025, 3, 3), "90d", d(2025, 6, 3));
    // Art. 36: two years from 15 June 2023 end on Sunday 15 June 2025: Monday.
    check(d(2023, 6, 15), "2y", d(2025, 6, 16));
    // A period ending on a make-up Saturday ends there: 28 February 2026
    // was worked (国办发明电〔2025〕7号).
    check(d(2024, 2, 28), "2y", d(2026, 2, 28));
    // Zero-length periods end on the start (moved if it is a day off).
    check(d(2025, 1, 28), "0wd", d(2025, 1, 28));
    check(d(2025, 1, 28), "0d", d(2025, 2, 5));
}

#[test]
fn the_roll_rule_is_an_option() {
    let cal = Calendar::china_mainland();
    let opts = PeriodOptions::default().roll(false);
    let end = cal
        .period_end_with(d(2025, 9, 16), Period::Days(15), &opts)
        .unwrap();
    assert_eq!(end.end, d(2025, 10, 1));
}

#[test]
fn explanation_of_a_rolled_end() {
    let cal = Calendar::china_mainland();
    let ex = cal
        .explain_period_end(d(2025, 9, 16), Period::Days(15), &PeriodOptions::default())
        .unwrap();
    assert_eq!(ex.nominal_end, d(2025, 10, 1));
    assert_eq!(ex.end, d(2025, 10, 9));
    // 1–8 October were moved past, each a holiday of 国办发明电〔2024〕12号.
    assert_eq!(ex.skipped.len(), 8);
    for s in &ex.skipped {
        match &s.reason {
            SkipReason::RolledPast { day } => {
                assert!(
                    matches!(&**day, SkipReason::Holiday { document, .. } if document == "国办发明电〔2024〕12号")
                );
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    assert!(ex.rules.iter().any(|r| r.citation == "民法典第二百零三条"));
    assert!(ex.rules.iter().any(|r| r.citation == "民法典第二百零一条"));
    let json = serde_json::to_value(&ex).unwrap();
    assert_eq!(json["end"], "2025-10-09");
    assert_eq!(json["period"], "15d");
    assert_eq!(json["provisional"], false);
    assert_eq!(json["skipped"][0]["reason"]["kind"], "rolled_past");
    assert_eq!(json["skipped"][0]["reason"]["day"]["kind"], "holiday");
    assert_eq!(
        json["skipped"][0]["reason"]["day"]["name"],
        "国庆节、中秋节"
    );
}

#[test]
fn explanation_of_a_working_day_period_lists_every_day_off() {
    let cal = Calendar::china_mainland();
    let ex = cal
        .explain_period_end(
            d(2025, 9, 22),
            Period::WorkingDays(20),
            &PeriodOptions::default(),
        )
        .unwrap();
    let skipped: Vec<NaiveDate> = ex.skipped.iter().map(|s| s.date).collect();
    // 27 Sep (Sat), 1–8 Oct (holiday), 12, 18, 19 Oct (weekend); 28 Sep and
    // 11 Oct were worked.
    let mut expected = vec![d(2025, 9, 27)];
    expected.extend((1..=8).map(|x| d(2025, 10, x)));
    expected.extend([d(2025, 10, 12), d(2025, 10, 18), d(2025, 10, 19)]);
    assert_eq!(skipped, expected);
    let text = ex.to_string();
    assert!(
        text.contains("holiday 国庆节、中秋节 (国办发明电〔2024〕12号)"),
        "{text}"
    );
    assert!(text.contains("end       2025-10-24"), "{text}");
}

#[test]
fn period_parsing() {
    let ok = |s: &str, p: Period| assert_eq!(s.parse::<Period>().unwrap(), p, "{s}");
    ok("20wd", Period::WorkingDays(20));
    ok("15d", Period::Days(15));
    ok("2m", Period::Months(2));
    ok("1y", Period::Years(1));
    ok(" 7wd ", Period::WorkingDays(7));
    for bad in [
        "",
        "20",
        "wd",
        "20x",
        "-5d",
        "5 d",
        "20WD",
        "99999999999d",
        "36601d",
        "1.5d",
    ] {
        let err = bad.parse::<Period>().unwrap_err();
        assert!(
            matches!(err, Error::InvalidPeriod { ref input, .. } if input == bad),
            "{bad:?}"
        );
        assert!(err.to_string().contains(&format!("{bad:?}")), "{err}");
    }
    assert_eq!(
        serde_json::to_string(&Period::WorkingDays(20)).unwrap(),
        "\"20wd\""
    );
    assert_eq!(
        serde_json::from_str::<Period>("\"3y\"").unwrap(),
        Period::Years(3)
    );
    assert!(serde_json::from_str::<Period>("\"3w\"").is_err());
}

#[test]
fn provisional_period_ends_are_flagged() {
    let strict = Calendar::china_mainland();
    assert!(matches!(
        strict.period_end(d(2026, 12, 20), Period::WorkingDays(20)),
        Err(Error::OutOfCoverage { .. })
    ));
    let cal = strict.with_policy(CoveragePolicy::Provisional);
    let end = cal
        .period_end(d(2026, 12, 20), Period::WorkingDays(20))
        .unwrap();
    assert!(end.provisional);
    let inside = cal
        .period_end(d(2026, 11, 2), Period::WorkingDays(20))
        .unwrap();
    assert!(!inside.provisional);
    let ex = cal
        .explain_period_end(
            d(2026, 12, 20),
            Period::WorkingDays(20),
            &PeriodOptions::default(),
        )
        .unwrap();
    assert!(ex.provisional);
    assert!(ex.rules.iter().any(|r| r.citation == "provisional"));
    assert!(
        ex.skipped
            .iter()
            .any(|s| matches!(s.reason, SkipReason::Weekend { provisional: true }))
    );
}

fn any_period() -> impl Strategy<Value = Period> {
    prop_oneof![
        (0u32..400).prop_map(Period::WorkingDays),
        (0u32..800).prop_map(Period::Days),
        (0u32..36).prop_map(Period::Months),
        (0u32..5).prop_map(Period::Years),
    ]
}

proptest! {
    #[test]
    fn period_text_round_trips(p in any_period()) {
        prop_assert_eq!(p.to_string().parse::<Period>().unwrap(), p);
    }

    /// The strict calendar answers exactly when the period ends inside
    /// its coverage, and then as the provisional one does; a period that
    /// ends past the last notice is out of coverage, never a wrong day.
    #[test]
    fn period_end_is_never_before_start(k in 0i64..6000, p in any_period()) {
        let cal = Calendar::china_mainland();
        let provisional = cal.with_policy(CoveragePolicy::Provisional);
        let (_, last) = cal.coverage();
        let start = d(2010, 1, 1) + chrono::Duration::days(k);
        let expected = provisional.period_end(start, p).unwrap();
        prop_assert!(expected.end >= start);
        match cal.period_end(start, p) {
            Ok(end) => {
                prop_assert!(expected.end <= last, "{} {}: {}", start, p, end.end);
                prop_assert_eq!(end.end, expected.end);
                prop_assert!(!end.provisional);
                // Rolled ends and working-day ends are working days.
                if p.amount() > 0 || !matches!(p, Period::WorkingDays(_)) {
                    prop_assert!(cal.is_working_day(end.end).unwrap());
                }
            }
            Err(e) => {
                prop_assert!(expected.end > last, "{} {}: {}", start, p, e);
                prop_assert!(matches!(e, Error::OutOfCoverage { .. }), "{}", e);
            }
        }
    }

    /// A longer period never ends earlier, on the provisional calendar,
    /// which answers every day here; the strict one agrees wherever it
    /// answers, as the property above says.
    #[test]
    fn longer_periods_never_end_earlier(k in 0i64..6000, n in 0u32..300) {
        let cal = Calendar::china_mainland().with_policy(CoveragePolicy::Provisional);
        let start = d(2010, 1, 1) + chrono::Duration::days(k);
        for (a, b) in [
            (Period::WorkingDays(n), Period::WorkingDays(n + 1)),
            (Period::Days(n), Period::Days(n + 1)),
            (Period::Months(n % 40), Period::Months(n % 40 + 1)),
        ] {
            let x = cal.period_end(start, a).unwrap();
            let y = cal.period_end(start, b).unwrap();
            prop_assert!(x.end <= y.end, "{} {} {}", start, a, b);
        }
    }
}
