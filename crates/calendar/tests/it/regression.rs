//! Tests named after mistakes this calendar must never make.

use jiceng_calendar::{Calendar, Period};

use crate::d;

/// A make-up Saturday is a working day: a period ending on it is not moved
/// to the Monday, and counting working days includes it.
#[test]
fn make_up_saturday_is_a_working_day_for_period_ends() {
    let cal = Calendar::china_mainland();
    assert_eq!(
        cal.period_end(d(2026, 1, 28), Period::Months(1))
            .unwrap()
            .end,
        d(2026, 2, 28)
    );
    assert_eq!(
        cal.working_days_between(d(2026, 2, 27), d(2026, 3, 2))
            .unwrap(),
        2
    );
}

/// The 2020 extension turned a make-up Saturday into a day off; a reader that
/// applies notices in year order but lets the first notice win gets 1
/// February 2020 wrong.
#[test]
fn later_notice_wins_over_the_notice_it_amends() {
    let cal = Calendar::china_mainland();
    assert_eq!(
        cal.add_working_days(d(2020, 1, 23), 1).unwrap(),
        d(2020, 2, 3)
    );
}

/// Days of an arrangement that fall in the previous December belong to the
/// next year's notice (2019's and 2023's New Year).
#[test]
fn december_days_of_next_years_notice() {
    let cal = Calendar::china_mainland();
    let info = cal.day(d(2022, 12, 31)).unwrap();
    assert_eq!(info.holiday.unwrap().document, "国办发明电〔2022〕16号");
    let info = cal.day(d(2018, 12, 29)).unwrap();
    assert!(info.working);
}

/// The ends of chrono's range and extreme counts give errors, never panics.
#[test]
fn extreme_inputs_are_errors_not_panics() {
    use chrono::NaiveDate;
    use jiceng_calendar::{CoveragePolicy, Error, PeriodOptions, Suspension};

    let strict = Calendar::china_mainland();
    let cal = strict.with_policy(CoveragePolicy::Provisional);
    for day in [NaiveDate::MIN, NaiveDate::MAX] {
        for n in [i32::MIN, -1, 0, 1, i32::MAX] {
            let _ = cal.add_working_days(day, n);
            let _ = strict.add_working_days(day, n);
        }
        for p in [
            Period::WorkingDays(36_600),
            Period::Days(36_600),
            Period::Months(36_600),
            Period::Years(36_600),
        ] {
            let _ = cal.period_end(day, p);
            let _ = strict.period_end(day, p);
            let opts = PeriodOptions::default().suspend(Suspension::new(day, day, "x").unwrap());
            let _ = cal.period_end_with(day, Period::Days(5), &opts);
        }
        let _ = cal.working_days_between(NaiveDate::MIN, NaiveDate::MAX);
        let _ = cal.day(day);
    }
    // Past the horizon (2226-12-31), every answer is refused as such.
    assert!(matches!(
        cal.add_working_days(NaiveDate::MAX, 1),
        Err(Error::BeyondHorizon { .. })
    ));
    assert!(matches!(
        cal.period_end(NaiveDate::MAX, Period::Years(1)),
        Err(Error::BeyondHorizon { .. })
    ));
    assert!(matches!(
        strict.period_end(NaiveDate::MAX, Period::Years(1)),
        Err(Error::BeyondHorizon { .. })
    ));
}

/// Found by `suspended_periods_at_the_edge_of_coverage`: a suspension that
/// starts after the period has run out, outside coverage, made the strict
/// calendar count the days up to it and refuse. One working day from Monday
/// 5 October 2026 is Thursday 8 October (1–7 October off); a suspension
/// from 2 January 2027 changes nothing and needs no day of 2027.
#[test]
fn a_suspension_after_the_end_needs_no_uncovered_day() {
    use jiceng_calendar::{PeriodOptions, Suspension};
    let opts = PeriodOptions::default()
        .suspend(Suspension::new(d(2027, 1, 2), d(2027, 1, 2), "x").unwrap());
    let end = Calendar::china_mainland()
        .period_end_with(d(2026, 10, 5), Period::WorkingDays(1), &opts)
        .unwrap();
    assert_eq!(end.end, d(2026, 10, 8));
    assert!(!end.provisional);
}

/// Found by `fuzz_periods`: under the reset policy a period of 0 working
/// days was moved past a suspension covering the day after its start. A
/// period of no days runs out on its first day; nothing can stop it.
#[test]
fn a_zero_period_is_not_reset_by_a_suspension() {
    use jiceng_calendar::{PeriodOptions, Suspension, SuspensionPolicy};
    let opts = PeriodOptions::default()
        .policy(SuspensionPolicy::Reset)
        .suspend(Suspension::new(d(2009, 12, 2), d(2010, 1, 2), "x").unwrap());
    let cal = Calendar::china_mainland();
    let end = cal
        .period_end_with(d(2010, 1, 1), Period::WorkingDays(0), &opts)
        .unwrap();
    assert_eq!(end.end, d(2010, 1, 1));
    // One working day is reset: counting restarts after 2 January, and
    // Monday 4 January 2010 is the first working day.
    let end = cal
        .period_end_with(d(2010, 1, 1), Period::WorkingDays(1), &opts)
        .unwrap();
    assert_eq!(end.end, d(2010, 1, 4));
}

/// Found by `fuzz_working_hours`: `minutes_between(a, a)` needed a day,
/// and was refused outside coverage; it is 0, like `between a a`.
#[test]
fn minutes_between_an_instant_and_itself_is_zero() {
    use jiceng_calendar::WorkingHours;
    let at = chrono::DateTime::parse_from_rfc3339("1970-01-01T08:00:00+08:00").unwrap();
    let cal = Calendar::china_mainland();
    assert_eq!(
        WorkingHours::china_standard().minutes_between(&cal, at, at),
        Ok(0)
    );
}

/// A period of a kilobyte came back whole in its error message, in every
/// file that carries periods (approvals cases, enforcement cases).
#[test]
fn a_kilobyte_period_is_cut_to_sixty_characters_in_its_error() {
    let long = format!("{}wd", "九".repeat(1000));
    let e = long.parse::<Period>().unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "invalid period \"{}…\": missing number before the unit",
            "九".repeat(60)
        )
    );
    // Sixty characters are kept whole, with no mark.
    let sixty = "x".repeat(60);
    let e = sixty.parse::<Period>().unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("invalid period \"{sixty}\": missing number before the unit")
    );
}

/// A kilobyte interval or working-hours schedule came back whole in its
/// error, as periods did.
#[test]
fn a_kilobyte_interval_or_schedule_is_cut_to_sixty_characters() {
    use jiceng_calendar::{Suspension, WorkingHours};
    let long = "2".repeat(1000);
    let cut = format!("{}…", "2".repeat(60));
    assert_eq!(
        Suspension::parse_interval(&long, "testing")
            .unwrap_err()
            .to_string(),
        format!("invalid interval \"{cut}\" (expected YYYY-MM-DD..YYYY-MM-DD, both days included)")
    );
    assert_eq!(
        long.parse::<WorkingHours>().unwrap_err().to_string(),
        format!("invalid working hours \"{cut}\": each session must look like 08:30-12:00")
    );
}
