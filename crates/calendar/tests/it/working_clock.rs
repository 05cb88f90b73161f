//! The working clock's fast paths: the close of office after n working
//! days, answers whose UTC time falls on another date than the local one,
//! and both compared with simple references written here.
//!
//! Hand-worked cases use the 2025 notice (国办发明电〔2024〕12号): Spring
//! Festival off 28 January – 4 February with Sunday 26 January and
//! Saturday 8 February worked; National Day and Mid-Autumn off 1–8
//! October with Sunday 28 September and Saturday 11 October worked. The
//! standard day is 08:30–12:00 and 14:00–17:30 at UTC+8, closing at 17:30.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime, Timelike};
use jiceng_calendar::{Calendar, CoveragePolicy, Error, WorkingHours};
use proptest::prelude::*;

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

/// The close after `n` working days from `from`, on the mainland calendar.
fn check_close(hours: &str, from: &str, n: u32, expected: &str) {
    let cal = Calendar::china_mainland();
    let h: WorkingHours = hours.parse().unwrap();
    let start = h.locate(&cal, t(from)).unwrap();
    let got = h.close_after_working_days(&cal, &start, n).unwrap();
    assert_eq!(got, t(expected), "{from} + {n} working days");
    // The same offset as the schedule, not merely the same instant.
    assert_eq!(got.to_rfc3339(), t(expected).to_rfc3339());
}

const STANDARD: &str = "08:30-12:00,14:00-17:30";

#[test]
fn closes_after_working_days_worked_by_hand() {
    // Tuesday 30 September, then 1–8 October off: Thursday 9 October.
    check_close(
        STANDARD,
        "2025-09-30T10:00:00+08:00",
        1,
        "2025-10-09T17:30:00+08:00",
    );
    // From Saturday 27 September (off): the next working day is the
    // make-up Sunday 28 September.
    check_close(
        STANDARD,
        "2025-09-27T10:00:00+08:00",
        1,
        "2025-09-28T17:30:00+08:00",
    );
    // From Friday 10 October: the make-up Saturday 11 October.
    check_close(
        STANDARD,
        "2025-10-10T09:00:00+08:00",
        1,
        "2025-10-11T17:30:00+08:00",
    );
    // Friday 24 January + 3: Sunday 26 worked (1), Monday 27 (2), then 28
    // January – 4 February off, Wednesday 5 February (3).
    check_close(
        STANDARD,
        "2025-01-24T16:00:00+08:00",
        3,
        "2025-02-05T17:30:00+08:00",
    );
    // Wednesday 5 February + 3: Thursday 6 (1), Friday 7 (2), the make-up
    // Saturday 8 (3).
    check_close(
        STANDARD,
        "2025-02-05T08:00:00+08:00",
        3,
        "2025-02-08T17:30:00+08:00",
    );
    // Zero days: the close of the day itself, even a Saturday.
    check_close(
        STANDARD,
        "2025-06-14T10:00:00+08:00",
        0,
        "2025-06-14T17:30:00+08:00",
    );
    // The local day decides: 15:30 UTC on Tuesday 10 June is 23:30 that
    // Tuesday at UTC+8, so + 1 is Wednesday 11 June; 16:30 UTC is already
    // Wednesday 00:30, so + 1 is Thursday 12 June.
    check_close(
        STANDARD,
        "2025-06-10T15:30:00Z",
        1,
        "2025-06-11T17:30:00+08:00",
    );
    check_close(
        STANDARD,
        "2025-06-10T16:30:00Z",
        1,
        "2025-06-12T17:30:00+08:00",
    );
    // A three-session day closes at the last session's end, 21:00: Friday
    // 13 June + 1 is Monday 16 June.
    check_close(
        "08:00-12:00,13:00-17:00,19:00-21:00",
        "2025-06-13T20:00:00+08:00",
        1,
        "2025-06-16T21:00:00+08:00",
    );
}

#[test]
fn closes_outside_coverage_and_past_every_date_are_errors() {
    let cal = Calendar::china_mainland();
    let h = WorkingHours::china_standard();
    // The bundled notices end with 2026: the first working day after
    // Thursday 31 December 2026 is not known.
    let start = h.locate(&cal, t("2026-12-31T10:00:00+08:00")).unwrap();
    assert!(matches!(
        h.close_after_working_days(&cal, &start, 1),
        Err(Error::OutOfCoverage { .. })
    ));
    // More working days than any date holds: an overflow naming the
    // start's day, not a panic.
    let start = h.locate(&cal, t("2025-06-10T10:00:00+08:00")).unwrap();
    assert_eq!(
        h.close_after_working_days(&cal, &start, u32::MAX),
        Err(Error::DateOverflow {
            date: NaiveDate::from_ymd_opt(2025, 6, 10).unwrap()
        })
    );
}

/// Sessions whose UTC time falls on another date than the local one.
#[test]
fn answers_on_another_utc_date_worked_by_hand() {
    let cal = Calendar::china_mainland();
    let add = |hours: &str, from: &str, m: u32| {
        let h: WorkingHours = hours.parse().unwrap();
        h.add_minutes(&cal, t(from), m).unwrap().to_rfc3339()
    };
    // A night shift 00:00–06:00 at UTC+8 is 16:00–22:00 UTC of the day
    // before. Tuesday 10 June 05:00 + 120: 60 to 06:00, then 60 from
    // Wednesday 11 June 00:00, so 01:00 (17:00 UTC on the 10th).
    assert_eq!(
        add("00:00-06:00@+08:00", "2025-06-10T05:00:00+08:00", 120),
        "2025-06-11T01:00:00+08:00"
    );
    // An evening shift 20:00–23:00 at UTC−10 is 06:00–09:00 UTC of the day
    // after. Tuesday 10 June 22:00 + 120: 60 to 23:00, then 60 from
    // Wednesday 11 June 20:00, so 21:00 (07:00 UTC on the 12th).
    assert_eq!(
        add("20:00-23:00@-10:00", "2025-06-10T22:00:00-10:00", 120),
        "2025-06-11T21:00:00-10:00"
    );
    // Exactly on UTC midnight: 06:00–08:00 at UTC+8 ends at 00:00 UTC of
    // the same date; 14:00–16:00 at UTC−8 ends at 00:00 UTC of the next.
    assert_eq!(
        add("06:00-08:00@+08:00", "2025-06-10T06:00:00+08:00", 120),
        "2025-06-10T08:00:00+08:00"
    );
    assert_eq!(
        add("14:00-16:00@-08:00", "2025-06-10T14:00:00-08:00", 120),
        "2025-06-10T16:00:00-08:00"
    );
    // The close after working days at UTC−10: Friday 13 June + 1 is
    // Monday 16 June, 23:00 local (09:00 UTC on the 17th).
    check_close(
        "20:00-23:00@-10:00",
        "2025-06-13T21:00:00-10:00",
        1,
        "2025-06-16T23:00:00-10:00",
    );
}

/// The reference for working minutes: day by day from the local time of
/// `at`, taking what each session of a working day still offers, and
/// building the answer from a local date and time.
fn day_stepping(
    cal: &Calendar,
    h: &WorkingHours,
    at: DateTime<FixedOffset>,
    m: u32,
) -> DateTime<FixedOffset> {
    let local = at.with_timezone(&h.offset()).naive_local();
    let mut day = local.date();
    let mut from = i64::from(local.time().num_seconds_from_midnight());
    let mut left = i64::from(m) * 60;
    loop {
        if cal.is_working_day(day).unwrap() {
            for &(a, b) in h.sessions() {
                let s = i64::from(a.num_seconds_from_midnight());
                let e = i64::from(b.num_seconds_from_midnight());
                let start = from.max(s);
                if start < e {
                    if left <= e - start {
                        let naive = day.and_time(NaiveTime::MIN) + Duration::seconds(start + left);
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

/// The reference for working days: walk forward from the local day of
/// `at`, counting working days, to the close of the n-th.
fn close_stepping(
    cal: &Calendar,
    h: &WorkingHours,
    at: DateTime<FixedOffset>,
    n: u32,
) -> DateTime<FixedOffset> {
    let mut day = at.with_timezone(&h.offset()).date_naive();
    let mut left = n;
    while left > 0 {
        day = day.succ_opt().unwrap();
        if cal.is_working_day(day).unwrap() {
            left -= 1;
        }
    }
    let close = h.sessions().last().unwrap().1;
    day.and_time(close).and_local_timezone(h.offset()).unwrap()
}

/// Schedules on either side of UTC, some with sessions that cross a UTC
/// date line.
const SCHEDULES: [&str; 5] = [
    "08:30-12:00,14:00-17:30",
    "00:00-06:00,07:00-09:15@+08:00",
    "20:00-23:00@-10:00",
    "06:00-08:00,13:45-23:59@+13:00",
    "09:00-12:00,13:00-18:00@+05:45",
];

proptest! {
    /// A start located once gives the reference's answers for minutes and
    /// for days, across lunch breaks, weekends, holidays and make-up
    /// working days of 2010–2025, strict and provisional.
    #[test]
    fn located_targets_agree_with_stepping(
        secs in 0i64..(16 * 365 * 86_400 - 60 * 86_400),
        m in 1u32..12_000,
        n in 0u32..40,
        which in 0usize..SCHEDULES.len(),
        provisional in any::<bool>(),
    ) {
        let mut cal = Calendar::china_mainland();
        if provisional {
            cal = cal.with_policy(CoveragePolicy::Provisional);
        }
        let h: WorkingHours = SCHEDULES[which].parse().unwrap();
        // From 2 January: at -10:00, midnight of 1 January at +08:00 is
        // still 31 December 2009, a day before the coverage.
        let a = t("2010-01-02T00:00:00+08:00") + Duration::seconds(secs);
        let start = h.locate(&cal, a).unwrap();
        prop_assert_eq!(start.at(), a);
        prop_assert_eq!(h.add_minutes_from(&cal, &start, m).unwrap(), day_stepping(&cal, &h, a, m));
        let close = h.close_after_working_days(&cal, &start, n).unwrap();
        prop_assert_eq!(close, close_stepping(&cal, &h, a, n));
        prop_assert_eq!(close.offset(), &h.offset());
    }
}
