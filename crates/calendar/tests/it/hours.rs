//! Working hours.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Timelike};
use jiceng_calendar::{Calendar, CoveragePolicy, Error, WorkingHours};
use proptest::prelude::*;

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn check_add(from: &str, minutes: u32, expected: &str) {
    let cal = Calendar::china_mainland();
    let h = WorkingHours::china_standard();
    let got = h.add_minutes(&cal, t(from), minutes).unwrap();
    assert_eq!(got, t(expected), "{from} + {minutes} min");
    assert_eq!(got.offset().local_minus_utc(), 8 * 3600);
}

#[test]
fn adding_working_minutes() {
    // Guchengying: 09:35 to 10:50 is 75 minutes of office time.
    check_add("2025-06-10T09:35:00+08:00", 75, "2025-06-10T10:50:00+08:00");
    // Lunch (12:00–14:00) does not count.
    check_add("2025-06-10T11:35:00+08:00", 75, "2025-06-10T14:50:00+08:00");
    // Ending exactly at a session end stays there.
    check_add("2025-06-10T11:00:00+08:00", 60, "2025-06-10T12:00:00+08:00");
    check_add("2025-06-10T17:00:00+08:00", 30, "2025-06-10T17:30:00+08:00");
    // Before office hours, counting starts at 08:30.
    check_add("2025-06-10T07:00:00+08:00", 1, "2025-06-10T08:31:00+08:00");
    // After office hours on a Friday: Monday morning.
    check_add("2025-06-13T18:00:00+08:00", 30, "2025-06-16T09:00:00+08:00");
    // From a Saturday.
    check_add("2025-06-14T10:00:00+08:00", 30, "2025-06-16T09:00:00+08:00");
    // Across National Day 2025: 30 minutes on 30 September, 30 on 9 October.
    check_add("2025-09-30T17:00:00+08:00", 60, "2025-10-09T09:00:00+08:00");
    // A whole working day (420 minutes) from 08:30 ends at 17:30 the same day.
    check_add(
        "2025-06-10T08:30:00+08:00",
        420,
        "2025-06-10T17:30:00+08:00",
    );
    // A timestamp given in UTC is read in China Standard Time.
    check_add("2025-06-10T01:35:00Z", 75, "2025-06-10T10:50:00+08:00");
    // Zero minutes is the instant itself.
    check_add("2025-06-14T10:00:00+08:00", 0, "2025-06-14T10:00:00+08:00");
}

/// The 2025 notice (国办发明电〔2024〕12号): Spring Festival off 28 January
/// to 4 February, Sundays 26 January and Saturday 8 February worked;
/// Qingming off 4–6 April; Labour Day off 1–5 May with Sunday 27 April
/// worked. The standard day is 08:30–12:00 (210 min) and 14:00–17:30
/// (210 min), 420 minutes.
#[test]
fn adding_across_the_2025_notice_worked_by_hand() {
    // Lunch: 11:59 + 1 is 12:00; + 2 is 14:01 (one minute before lunch,
    // one after).
    check_add("2025-06-10T11:59:00+08:00", 1, "2025-06-10T12:00:00+08:00");
    check_add("2025-06-10T11:59:00+08:00", 2, "2025-06-10T14:01:00+08:00");
    // Reported during lunch: counting starts at 14:00.
    check_add("2025-06-10T12:30:00+08:00", 10, "2025-06-10T14:10:00+08:00");
    // Seconds are kept: 09:35:30 + 1 minute.
    check_add("2025-06-10T09:35:30+08:00", 1, "2025-06-10T09:36:30+08:00");
    // Friday 24 January 17:00 + 60: 30 on Friday, Saturday 25 off, then the
    // make-up working Sunday 26 January gives the other 30 (08:30–09:00).
    check_add("2025-01-24T17:00:00+08:00", 60, "2025-01-26T09:00:00+08:00");
    // From the make-up Sunday at 16:00: 90 minutes to 17:30, 30 on Monday.
    check_add(
        "2025-01-26T16:00:00+08:00",
        120,
        "2025-01-27T09:00:00+08:00",
    );
    // Monday 27 January 17:00 + 60: 30 that day, then the holiday 28
    // January – 4 February, and 30 on Wednesday 5 February.
    check_add("2025-01-27T17:00:00+08:00", 60, "2025-02-05T09:00:00+08:00");
    // Five whole working days (5 × 420 = 2100) from Wednesday 5 February
    // 08:30: 5, 6, 7 February, the make-up Saturday 8, Sunday 9 off, and
    // Monday 10 February; the count ends at that day's 17:30.
    check_add(
        "2025-02-05T08:30:00+08:00",
        2100,
        "2025-02-10T17:30:00+08:00",
    );
    // One minute more is the first minute of Tuesday 11 February.
    check_add(
        "2025-02-05T08:30:00+08:00",
        2101,
        "2025-02-11T08:31:00+08:00",
    );
    // Qingming: Thursday 3 April 17:00 + 60 skips Friday 4 to Sunday 6.
    check_add("2025-04-03T17:00:00+08:00", 60, "2025-04-07T09:00:00+08:00");
    // After hours on Friday 25 April: Saturday 26 off, Sunday 27 April is
    // worked for Labour Day.
    check_add("2025-04-25T17:30:00+08:00", 1, "2025-04-27T08:31:00+08:00");
    // Ten whole days from Tuesday 10 June 08:30 (4 200 minutes): 10–13
    // June (4), 16–20 June (9) and Monday 23 June (10), to its 17:30.
    check_add(
        "2025-06-10T08:30:00+08:00",
        4200,
        "2025-06-23T17:30:00+08:00",
    );
    // A time given at UTC+9 is read at UTC+8: 09:35+09:00 is 08:35.
    check_add("2025-06-10T09:35:00+09:00", 5, "2025-06-10T08:40:00+08:00");
}

#[test]
fn a_start_located_once_serves_several_targets() {
    let cal = Calendar::china_mainland();
    let h = WorkingHours::china_standard();
    let at = t("2025-01-27T11:00:00+08:00");
    let start = h.locate(&cal, at).unwrap();
    assert_eq!(start.at(), at);
    // 60 minutes to 12:00; 60 + 210 = 270 minutes end at 17:30 on Monday
    // 27 January; 271 is the first minute after the holiday (28 January to
    // 4 February off), 08:31 on Wednesday 5 February.
    for (m, expected) in [
        (0, "2025-01-27T11:00:00+08:00"),
        (60, "2025-01-27T12:00:00+08:00"),
        (270, "2025-01-27T17:30:00+08:00"),
        (271, "2025-02-05T08:31:00+08:00"),
    ] {
        assert_eq!(h.add_minutes_from(&cal, &start, m).unwrap(), t(expected));
        assert_eq!(h.add_minutes(&cal, at, m).unwrap(), t(expected));
    }
    // Outside coverage the start cannot be placed.
    assert!(matches!(
        h.locate(&cal, t("2027-03-01T09:00:00+08:00")),
        Err(Error::OutOfCoverage { .. })
    ));
}

#[test]
fn a_three_session_schedule_worked_by_hand() {
    // 08:00–12:00, 13:00–17:00 and an evening session 19:00–21:00.
    let h: WorkingHours = "08:00-12:00,13:00-17:00,19:00-21:00".parse().unwrap();
    let cal = Calendar::china_mainland();
    let add = |from: &str, m| h.add_minutes(&cal, t(from), m).unwrap();
    // 30 minutes to 17:00, then 30 in the evening.
    assert_eq!(
        add("2025-06-10T16:30:00+08:00", 60),
        t("2025-06-10T19:30:00+08:00")
    );
    // A day holds 600 minutes; from Friday 13 June 20:00, 60 to 21:00 and
    // 600 on Monday 16 June end at its 21:00.
    assert_eq!(
        add("2025-06-13T20:00:00+08:00", 660),
        t("2025-06-16T21:00:00+08:00")
    );
}

/// A simple reference: step minute by minute from `at` (on a whole
/// minute), counting the minutes that start in office time.
fn minute_stepping(
    cal: &Calendar,
    h: &WorkingHours,
    at: DateTime<FixedOffset>,
    m: u32,
) -> DateTime<FixedOffset> {
    let mut t = at;
    let mut left = m;
    while left > 0 {
        if h.is_working_time(cal, t).unwrap() {
            left -= 1;
        }
        t += Duration::minutes(1);
    }
    t
}

/// A second reference, day by day: walk the sessions of each working day
/// from the local time of `at`, taking what each still offers.
fn day_stepping(
    cal: &Calendar,
    h: &WorkingHours,
    at: DateTime<FixedOffset>,
    m: u32,
) -> DateTime<FixedOffset> {
    let local = at.with_timezone(&h.offset()).naive_local();
    let mut day: NaiveDate = local.date();
    let mut from = i64::from(local.time().num_seconds_from_midnight());
    let mut left = i64::from(m) * 60;
    loop {
        if cal.is_working_day(day).unwrap() {
            for &(a, b) in h.sessions() {
                let (s, e) = (
                    i64::from(a.num_seconds_from_midnight()),
                    i64::from(b.num_seconds_from_midnight()),
                );
                let start = from.max(s);
                if start < e {
                    if left <= e - start {
                        let naive =
                            day.and_hms_opt(0, 0, 0).unwrap() + Duration::seconds(start + left);
                        return naive.and_local_timezone(h.offset()).unwrap();
                    }
                    left -= e - start;
                }
            }
        }
        day = day.succ_opt().unwrap();
        from = 0;
    }
}

#[test]
fn minutes_between() {
    let cal = Calendar::china_mainland();
    let h = WorkingHours::china_standard();
    let m = |a: &str, b: &str| h.minutes_between(&cal, t(a), t(b)).unwrap();
    assert_eq!(
        m("2025-06-10T09:35:00+08:00", "2025-06-10T10:50:00+08:00"),
        75
    );
    assert_eq!(
        m("2025-06-10T10:50:00+08:00", "2025-06-10T09:35:00+08:00"),
        -75
    );
    // A Friday 17:00 to Monday 09:00.
    assert_eq!(
        m("2025-06-13T17:00:00+08:00", "2025-06-16T09:00:00+08:00"),
        60
    );
    // A whole week of 2025-06-16..20 (Monday to Friday): 5 × 420.
    assert_eq!(
        m("2025-06-16T00:00:00+08:00", "2025-06-21T00:00:00+08:00"),
        2100
    );
    // Within lunch nothing passes.
    assert_eq!(
        m("2025-06-10T12:10:00+08:00", "2025-06-10T13:50:00+08:00"),
        0
    );
}

#[test]
fn schedules_parse_and_refuse_nonsense() {
    let h: WorkingHours = "09:00-12:00,13:30-18:00@+08:00".parse().unwrap();
    assert_eq!(h.minutes_per_day(), 180 + 270);
    assert_eq!(h.to_string(), "09:00-12:00,13:30-18:00@+08:00");
    assert_eq!(WorkingHours::china_standard().minutes_per_day(), 420);
    for bad in [
        "",
        "08:30",
        "12:00-08:30",
        "08:30-12:00,11:00-13:00",
        "08:30-12:00@8",
        "8h-12h",
    ] {
        let err = bad.parse::<WorkingHours>().unwrap_err();
        assert!(
            matches!(err, Error::InvalidSchedule { ref input, .. } if input == bad),
            "{bad:?}: {err}"
        );
    }
}

#[test]
fn outside_coverage_is_refused() {
    let cal = Calendar::china_mainland();
    let h = WorkingHours::china_standard();
    let err = h
        .add_minutes(&cal, t("2026-12-31T17:00:00+08:00"), 60)
        .unwrap_err();
    assert!(matches!(err, Error::OutOfCoverage { .. }), "{err}");
}

proptest! {
    #[test]
    fn between_inverts_add(secs in 0i64..(16 * 365 * 86_400), m in 0u32..5000) {
        let cal = Calendar::china_mainland();
        let h = WorkingHours::china_standard();
        let a = t("2010-01-01T00:00:00+08:00") + chrono::Duration::seconds(secs / 60 * 60);
        let b = h.add_minutes(&cal, a, m).unwrap();
        prop_assert_eq!(h.minutes_between(&cal, a, b).unwrap(), i64::from(m));
        prop_assert!(b >= a);
    }

    /// `add_minutes` agrees with counting minute by minute, across lunch
    /// breaks, weekends, holidays and make-up working days of 2010–2025.
    #[test]
    fn add_agrees_with_minute_stepping(mins in 0i64..(16 * 365 * 24 * 60 - 20 * 24 * 60), m in 1u32..2500) {
        let cal = Calendar::china_mainland();
        let h = WorkingHours::china_standard();
        let a = t("2010-01-01T00:00:00+08:00") + Duration::minutes(mins);
        prop_assert_eq!(h.add_minutes(&cal, a, m).unwrap(), minute_stepping(&cal, &h, a, m));
    }

    /// `add_minutes` agrees with walking day by day, from any second, on
    /// the standard and an uneven schedule, strict and provisional, and a
    /// start located once gives the same answers.
    #[test]
    fn add_agrees_with_day_stepping(
        secs in 0i64..(16 * 365 * 86_400 - 40 * 86_400),
        m in 1u32..20_000,
        uneven in any::<bool>(),
        provisional in any::<bool>(),
    ) {
        let mut cal = Calendar::china_mainland();
        if provisional {
            cal = cal.with_policy(CoveragePolicy::Provisional);
        }
        let h: WorkingHours = if uneven {
            "07:45-11:10,13:20-16:05,18:00-19:30@+08:00".parse().unwrap()
        } else {
            WorkingHours::china_standard()
        };
        let a = t("2010-01-01T00:00:00+08:00") + Duration::seconds(secs);
        let got = h.add_minutes(&cal, a, m).unwrap();
        prop_assert_eq!(got, day_stepping(&cal, &h, a, m));
        let start = h.locate(&cal, a).unwrap();
        prop_assert_eq!(h.add_minutes_from(&cal, &start, m).unwrap(), got);
    }
}

/// Which working-minute answers needed a day outside coverage (2010–2026
/// for the bundled calendar), checked on both sides of its last day,
/// Thursday 31 December 2026, in either order, and for an instant and
/// itself.
#[test]
fn provisional_minutes_are_those_that_needed_an_uncovered_day() {
    let cal = Calendar::china_mainland().with_policy(CoveragePolicy::Provisional);
    let hours = WorkingHours::china_standard();
    let check = |a: &str, b: &str, expected: bool| {
        assert_eq!(
            hours.is_provisional_between(&cal, t(a), t(b)),
            expected,
            "{a} {b}"
        );
        assert_eq!(
            hours.is_provisional_between(&cal, t(b), t(a)),
            expected,
            "{b} {a}"
        );
    };
    // Both days covered.
    check(
        "2026-12-31T16:35:00+08:00",
        "2026-12-31T17:30:00+08:00",
        false,
    );
    check(
        "2026-12-30T09:00:00+08:00",
        "2026-12-31T10:00:00+08:00",
        false,
    );
    // Into 2027 (New Year's Day and on).
    check(
        "2026-12-31T16:35:00+08:00",
        "2027-01-04T16:35:00+08:00",
        true,
    );
    // Both days in 2027.
    check(
        "2027-01-04T09:00:00+08:00",
        "2027-01-04T10:00:00+08:00",
        true,
    );
    // Before 2010.
    check(
        "2009-12-31T09:00:00+08:00",
        "2010-01-04T09:00:00+08:00",
        true,
    );
    // An instant and itself needs no day, even an uncovered one.
    check(
        "2027-01-04T09:00:00+08:00",
        "2027-01-04T09:00:00+08:00",
        false,
    );
    // The local day is the schedule's (UTC+8): 31 December 2026 at 20:00
    // UTC is already 1 January 2027 in Beijing.
    check(
        "2026-12-31T09:00:00+08:00",
        "2026-12-31T20:00:00+00:00",
        true,
    );
    check(
        "2026-12-31T09:00:00+08:00",
        "2026-12-31T15:00:00+00:00",
        false,
    );
}
