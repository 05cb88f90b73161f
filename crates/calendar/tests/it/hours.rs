//! Working hours.

use chrono::{DateTime, FixedOffset};
use jiceng_calendar::{Calendar, Error, WorkingHours};
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
}
