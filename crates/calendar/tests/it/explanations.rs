//! Explanations: the listed days add up, long suspensions are summarised,
//! and the text speaks Chinese.

use chrono::{Datelike, NaiveDate, Weekday};
use jiceng_calendar::{
    Calendar, CoveragePolicy, Error, Language, MAX_LISTED_RUN, Period, PeriodOptions, SkipReason,
    Suspension,
};
use proptest::prelude::*;

use crate::d;

fn weekday(day: NaiveDate) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

/// 3 working days from Friday 24 January 2025: Sunday 26 January was worked
/// for the Spring Festival (国办发明电〔2024〕12号), so it is counted and
/// listed: 26 (1), 27 (2), then 28 January – 4 February off, 5 February (3).
#[test]
fn a_make_up_sunday_is_listed_as_counted() {
    let cal = Calendar::china_mainland();
    let ex = cal
        .explain_period_end(
            d(2025, 1, 24),
            Period::WorkingDays(3),
            &PeriodOptions::default(),
        )
        .unwrap();
    assert_eq!(ex.end, d(2025, 2, 5));
    assert_eq!(ex.worked.len(), 1);
    assert_eq!(ex.worked[0].date, d(2025, 1, 26));
    assert_eq!(ex.worked[0].name, "春节");
    assert_eq!(ex.worked[0].document, "国办发明电〔2024〕12号");
    let text = ex.to_string();
    assert!(
        text.contains("worked    2025-01-26 Sun  counted: a make-up working day for 春节"),
        "{text}"
    );
    // Weekdays in (24 Jan, 5 Feb]: 27–31 Jan and 3–5 Feb = 8; weekdays
    // skipped: 28–31 Jan, 3–4 Feb = 6; make-up days: 1. 8 - 6 + 1 = 3.
    // A period with no make-up day lists none: 5 working days from Monday
    // 3 March 2025 end on Monday 10 March.
    let ex = cal
        .explain_period_end(
            d(2025, 3, 3),
            Period::WorkingDays(5),
            &PeriodOptions::default(),
        )
        .unwrap();
    assert_eq!(ex.end, d(2025, 3, 10));
    assert!(ex.worked.is_empty());
}

/// Issue 9: `period 2025-01-01 36600d --suspend 2025-01-02..+200000-01-01
/// --explain` wrote 3.6 GB. Past the horizon it is now refused; within it,
/// a suspension of two centuries is one line.
#[test]
fn a_long_suspension_is_one_run() {
    let cal = Calendar::china_mainland().with_policy(CoveragePolicy::Provisional);
    let far = Suspension::parse_interval("2025-01-02..+200000-01-01", "x").unwrap();
    let err = cal
        .explain_period_end(
            d(2025, 1, 1),
            Period::Days(36_600),
            &PeriodOptions::default().suspend(far),
        )
        .unwrap_err();
    assert!(matches!(err, Error::BeyondHorizon { .. }), "{err:?}");
    let long = Suspension::new(d(2025, 1, 2), d(2125, 1, 1), "review").unwrap();
    let ex = cal
        .explain_period_end(
            d(2025, 1, 1),
            Period::WorkingDays(1),
            &PeriodOptions::default().suspend(long),
        )
        .unwrap();
    assert_eq!(ex.skipped.len(), 1);
    assert_eq!(ex.skipped[0].date, d(2025, 1, 2));
    assert_eq!(ex.skipped[0].through, Some(d(2125, 1, 1)));
    assert!(
        matches!(&ex.skipped[0].reason, SkipReason::Suspended { reason } if reason == "review")
    );
    // 2 January 2125 is a Tuesday, no statutory day: the first working day.
    assert_eq!(ex.end, d(2125, 1, 2));
    assert!(ex.to_string().len() < 2_000);
}

/// The run boundary: a suspension of MAX_LISTED_RUN days is listed day by
/// day, one of MAX_LISTED_RUN + 1 days as one run.
#[test]
fn runs_are_summarised_only_past_the_limit() {
    let cal = Calendar::china_mainland();
    let runs = |days: i64| {
        let s = Suspension::new(
            d(2025, 3, 1),
            d(2025, 3, 1) + chrono::Duration::days(days - 1),
            "x",
        )
        .unwrap();
        let ex = cal
            .explain_period_end(
                d(2025, 2, 28),
                Period::Days(1),
                &PeriodOptions::default().suspend(s),
            )
            .unwrap();
        ex.skipped.len()
    };
    assert_eq!(runs(MAX_LISTED_RUN), MAX_LISTED_RUN as usize);
    assert_eq!(runs(MAX_LISTED_RUN + 1), 1);
}

#[test]
fn explanations_speak_chinese() {
    let cal = Calendar::china_mainland();
    let opts = PeriodOptions::default()
        .suspend(Suspension::new(d(2025, 9, 29), d(2025, 9, 30), "专家评审").unwrap());
    let ex = cal
        .explain_period_end(d(2025, 9, 22), Period::WorkingDays(10), &opts)
        .unwrap();
    let zh = ex.render(Language::Chinese);
    for expected in [
        "起算日    2025-09-22 星期一（当日不计入）",
        "中止      2025-09-29..=2025-09-30 专家评审",
        "不计入    2025-10-01 星期三  节假日 国庆节、中秋节（国办发明电〔2024〕12号）",
        "不计入    2025-09-29 星期一  中止计算：专家评审",
        "调休上班 2025-09-28 星期日",
        "规则      民法典第二百零一条: 按照日、月、年计算期间的，开始的当日不计入",
        "规则      行政许可法第四十五条",
    ] {
        assert!(zh.contains(expected), "{expected:?} missing from\n{zh}");
    }
    for english in ["skipped", "weekend", "holiday", "rule ", "start"] {
        assert!(!zh.contains(english), "{english:?} in\n{zh}");
    }
}

proptest! {
    /// For a working-day period, the listed days add up: the weekdays in
    /// (start, end], less the weekdays listed as skipped, plus the weekend
    /// days listed as worked, are the period.
    #[test]
    fn the_listed_days_add_up(k in 0i64..6000, n in 0u32..120) {
        let cal = Calendar::china_mainland();
        let start = d(2010, 1, 1) + chrono::Duration::days(k);
        let ex = cal.explain_period_end(start, Period::WorkingDays(n), &PeriodOptions::default()).unwrap();
        let weekdays = start.iter_days().skip(1).take_while(|x| *x <= ex.end).filter(|x| weekday(*x)).count();
        let skipped_weekdays = ex.skipped.iter().filter(|s| weekday(s.date)).count();
        for w in &ex.worked {
            prop_assert!(!weekday(w.date));
        }
        prop_assert_eq!(weekdays - skipped_weekdays + ex.worked.len(), n as usize);
    }
}
