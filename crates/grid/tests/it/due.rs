//! Service-level due times, worked by hand from the official calendar
//! (国务院办公厅关于2025年部分节假日安排的通知: 1–8 October off, Sunday
//! 28 September and Saturday 11 October worked) and the standard working
//! hours 08:30–12:00 and 14:00–17:30, UTC+8 (seven hours a day).

use chrono::DateTime;
use jiceng_grid::{ServiceLevel, Target};

use crate::World;

/// Checks `Target::due`, and `ServiceLevel::due_times` with the target as
/// the response beside a target in the other unit, then as the resolution:
/// the start located once must give the same answer whatever it shares.
fn check(from: &str, target: Target, expected: &str) {
    let w = World::new();
    let at = DateTime::parse_from_rfc3339(from).unwrap();
    let due = target.due(&w.cal, &w.hours, at).unwrap();
    assert_eq!(due.to_rfc3339(), expected, "{from} + {target:?}");
    for other in [Target::WorkingMinutes(45), Target::WorkingDays(2)] {
        let (response, _) = ServiceLevel {
            response: target,
            resolution: other,
        }
        .due_times(&w.cal, &w.hours, at)
        .unwrap();
        let (_, resolution) = ServiceLevel {
            response: other,
            resolution: target,
        }
        .due_times(&w.cal, &w.hours, at)
        .unwrap();
        assert_eq!(response.to_rfc3339(), expected, "{from} + {target:?}");
        assert_eq!(resolution.to_rfc3339(), expected, "{from} + {target:?}");
    }
}

#[test]
fn working_minutes() {
    // The rubbish bin: 09:35 + 75 minutes, all in the morning session.
    check(
        "2025-06-10T09:35:00+08:00",
        Target::WorkingMinutes(75),
        "2025-06-10T10:50:00+08:00",
    );
    // Across lunch: 11:35 + 120 = 25 minutes to 12:00, then 95 from 14:00
    // = 15:35.
    check(
        "2025-06-10T11:35:00+08:00",
        Target::WorkingMinutes(120),
        "2025-06-10T15:35:00+08:00",
    );
    // Ending on the session's end: 11:30 + 30 = 12:00, not 14:00.
    check(
        "2025-06-10T11:30:00+08:00",
        Target::WorkingMinutes(30),
        "2025-06-10T12:00:00+08:00",
    );
    // Reported during lunch: the clock starts at 14:00; + 30 = 14:30.
    check(
        "2025-06-10T12:30:00+08:00",
        Target::WorkingMinutes(30),
        "2025-06-10T14:30:00+08:00",
    );
    // After hours: the clock starts at 08:30 the next day; + 30 = 09:00.
    check(
        "2025-06-10T18:00:00+08:00",
        Target::WorkingMinutes(30),
        "2025-06-11T09:00:00+08:00",
    );
    // Across a weekend: Friday 13 June 17:00 + 120 = 30 on Friday, then 90
    // from Monday 16 June 08:30 = 10:00.
    check(
        "2025-06-13T17:00:00+08:00",
        Target::WorkingMinutes(120),
        "2025-06-16T10:00:00+08:00",
    );
    // Onto a make-up working day: Saturday 27 September is off, Sunday 28
    // September is worked: + 30 from 08:30 on the 28th = 09:00.
    check(
        "2025-09-27T10:00:00+08:00",
        Target::WorkingMinutes(30),
        "2025-09-28T09:00:00+08:00",
    );
    // Across the National Day holiday: Tuesday 30 September 17:00 + 120 =
    // 30 on the 30th, then 90 from Thursday 9 October 08:30 = 10:00.
    check(
        "2025-09-30T17:00:00+08:00",
        Target::WorkingMinutes(120),
        "2025-10-09T10:00:00+08:00",
    );
    // A whole working day and a minute: 420 + 1 from Friday 10 October
    // 17:30 goes to Saturday 11 October (worked) 17:30, then Monday 13
    // October 08:31.
    check(
        "2025-10-10T17:30:00+08:00",
        Target::WorkingMinutes(421),
        "2025-10-13T08:31:00+08:00",
    );
    // Zero minutes: the report time itself.
    check(
        "2025-06-10T09:35:00+08:00",
        Target::WorkingMinutes(0),
        "2025-06-10T09:35:00+08:00",
    );
}

#[test]
fn working_days() {
    // One working day from Tuesday 30 September: the next working day is
    // Thursday 9 October, due at its close, 17:30.
    check(
        "2025-09-30T10:00:00+08:00",
        Target::WorkingDays(1),
        "2025-10-09T17:30:00+08:00",
    );
    // Three from Thursday 9 October: Friday 10 (1), Saturday 11 worked (2),
    // Monday 13 (3).
    check(
        "2025-10-09T09:00:00+08:00",
        Target::WorkingDays(3),
        "2025-10-13T17:30:00+08:00",
    );
    // Five from Friday 26 September: Sunday 28 worked (1), Monday 29 (2),
    // Tuesday 30 (3), Thursday 9 October (4), Friday 10 (5).
    check(
        "2025-09-26T16:00:00+08:00",
        Target::WorkingDays(5),
        "2025-10-10T17:30:00+08:00",
    );
    // A report on a weekend counts from its date: Saturday 14 June + 1 =
    // Monday 16 June.
    check(
        "2025-06-14T10:00:00+08:00",
        Target::WorkingDays(1),
        "2025-06-16T17:30:00+08:00",
    );
    // A time given in UTC is read in China Standard Time: 2025-06-09T20:00Z
    // is Tuesday 10 June 04:00 +08:00; + 1 working day = Wednesday 11 June.
    check(
        "2025-06-09T20:00:00+00:00",
        Target::WorkingDays(1),
        "2025-06-11T17:30:00+08:00",
    );
}

/// `ServiceLevel::due_times` takes the general path wherever the located
/// start cannot answer, and so gives `Target::due`'s answers and errors.
#[test]
fn due_times_outside_the_fast_path() {
    let w = World::new();
    let level = |response, resolution| ServiceLevel {
        response,
        resolution,
    };
    // 3,000,000,000 working days do not fit the calendar's count (an
    // i32): the target's own error, naming the count.
    let at = DateTime::parse_from_rfc3339("2025-06-10T09:35:00+08:00").unwrap();
    assert_eq!(
        level(
            Target::WorkingMinutes(30),
            Target::WorkingDays(3_000_000_000)
        )
        .due_times(&w.cal, &w.hours, at),
        Err(jiceng_grid::Error::Invalid {
            what: "target",
            reason: "3000000000 working days is too many".to_owned(),
        })
    );
    // Monday 1 March 2027 lies past the bundled notices (2026 is the
    // last): zero targets need no day and answer (the instant itself, and
    // the close of that day), a target of 30 minutes is refused.
    let at = DateTime::parse_from_rfc3339("2027-03-01T09:35:00+08:00").unwrap();
    let (respond, resolve) = level(Target::WorkingMinutes(0), Target::WorkingDays(0))
        .due_times(&w.cal, &w.hours, at)
        .unwrap();
    assert_eq!(respond.to_rfc3339(), "2027-03-01T09:35:00+08:00");
    assert_eq!(resolve.to_rfc3339(), "2027-03-01T17:30:00+08:00");
    assert!(matches!(
        level(Target::WorkingMinutes(30), Target::WorkingDays(0)).due_times(&w.cal, &w.hours, at),
        Err(jiceng_grid::Error::Calendar(
            jiceng_calendar::Error::OutOfCoverage { .. }
        ))
    ));
}
