//! Every documented limit, each with the error it produces, and the tiny
//! hostile inputs of issue 9 that once cost gigabytes.

use jiceng_calendar::data::MAX_PROBLEMS;
use jiceng_calendar::{
    Calendar, CoveragePolicy, Error, Period, PeriodOptions, ProblemKind, Suspension, WorkingHours,
};

use crate::d;

fn data_problems(r: Result<Calendar, Error>) -> (Vec<ProblemKind>, usize, String) {
    match r {
        Err(Error::Data(e)) => (
            e.problems.iter().map(|p| p.kind).collect(),
            e.omitted,
            e.to_string(),
        ),
        other => panic!("expected data problems, got {other:?}"),
    }
}

fn base(days: &str) -> String {
    format!(
        "format = 1\nname = \"x\"\n[[notice]]\nyear = 2025\ndocument = \"X\"\n\
         holidays = [{{ name = \"a\", off = [{days}] }}]\n"
    )
}

fn overlay(days: &str) -> String {
    format!(
        "format = 1\nname = \"r\"\nkind = \"overlay\"\n[[notice]]\nyear = 2025\ndocument = \"R\"\n\
         holidays = [{{ name = \"a\", off = [{days}] }}]\n"
    )
}

/// Issue 9: a 2025 notice listing 1990-01-01 loaded silently.
#[test]
fn a_base_notice_may_not_list_a_day_outside_its_year() {
    let (kinds, _, text) =
        data_problems(Calendar::from_toml_str(&base("\"1990-01-01\""), "x.toml"));
    assert_eq!(kinds, [ProblemKind::DayOutsideYears]);
    assert!(text.contains("x.toml:6"), "{text}");
    assert!(text.contains("1990-01-01"), "{text}");
    // Both boundaries of the notice's window: 1 December of the year before
    // (2024-12-01) and 31 December of its year are allowed; the days just
    // outside are not. Coverage is 2025 only, so December 2024 is outside
    // the file's coverage and refused as well.
    for (day, ok) in [
        ("2025-01-01", true),
        ("2025-12-31", true),
        ("2026-01-01", false),
        ("2024-11-30", false),
        ("2024-12-01", false),
    ] {
        let r = Calendar::from_toml_str(&base(&format!("\"{day}\"")), "x.toml");
        assert_eq!(r.is_ok(), ok, "{day}: {r:?}");
    }
    // With a 2024 notice before it, December 2024 is within coverage and the
    // 2025 notice may list it (the 2019 and 2023 pattern).
    let text = format!(
        "{}[[notice]]\nyear = 2024\ndocument = \"W\"\nholidays = [{{ name = \"b\", off = [\"2024-01-01\"] }}]\n",
        base("\"2024-12-01\"")
    );
    assert!(Calendar::from_toml_str(&text, "x.toml").is_ok());
}

/// Issue 9: a 128-byte file whose span ran from year -262143 to +262142
/// aborted on allocation; 1000..9999 took 437 MB. A span is bounded before
/// it is expanded.
#[test]
fn huge_spans_are_one_problem_each_and_cost_nothing() {
    for span in [
        "\"-262143-01-01..+262142-12-31\"",
        "\"1000-01-01..9999-12-31\"",
        "\"2025-01-01..9999-12-31\"",
    ] {
        let (kinds, omitted, _) = data_problems(Calendar::from_toml_str(&base(span), "x.toml"));
        assert_eq!(kinds, [ProblemKind::DayOutsideYears], "{span}");
        assert_eq!(omitted, 0);
    }
}

/// Issue 9: a 139-byte overlay produced 3.3 million problems. Now one.
#[test]
fn a_huge_overlay_span_is_one_problem() {
    let cal = Calendar::china_mainland();
    let (kinds, omitted, _) =
        data_problems(cal.with_overlay_toml(&overlay("\"1000-01-01..9999-12-31\""), "r.toml"));
    assert_eq!(kinds, [ProblemKind::DayOutsideYears]);
    assert_eq!(omitted, 0);
}

/// The problem list stops at MAX_PROBLEMS and counts the rest.
#[test]
fn the_problem_list_is_capped_with_a_count_of_the_rest() {
    // 250 Mondays listed as make-up working days: 250 problems.
    let days: Vec<String> = (0..250)
        .map(|k| {
            format!(
                "\"{}\"",
                d(2025, 1, 6) + chrono::Duration::days(7 * (k % 52))
            )
        })
        .collect();
    let text = format!(
        "format = 1\nname = \"x\"\n[[notice]]\nyear = 2025\ndocument = \"X\"\n\
         holidays = [{{ name = \"a\", work = [{}] }}]\n",
        days.join(", ")
    );
    let (kinds, omitted, message) = data_problems(Calendar::from_toml_str(&text, "x.toml"));
    assert_eq!(kinds.len(), MAX_PROBLEMS);
    assert_eq!(omitted, 250 - MAX_PROBLEMS);
    assert!(message.contains("250 problems"), "{message}");
    assert!(
        message.contains("and 150 more problems not listed"),
        "{message}"
    );
    // One under the cap: nothing omitted.
    let days: Vec<String> = (0..MAX_PROBLEMS as i64)
        .map(|k| {
            format!(
                "\"{}\"",
                d(2025, 1, 6) + chrono::Duration::days(7 * (k % 52))
            )
        })
        .collect();
    let text = format!(
        "format = 1\nname = \"x\"\n[[notice]]\nyear = 2025\ndocument = \"X\"\n\
         holidays = [{{ name = \"a\", work = [{}] }}]\n",
        days.join(", ")
    );
    let (kinds, omitted, message) = data_problems(Calendar::from_toml_str(&text, "x.toml"));
    assert_eq!((kinds.len(), omitted), (MAX_PROBLEMS, 0));
    assert!(!message.contains("more problem"), "{message}");
}

/// A suspension may not reach past the horizon (2226-12-31 for the bundled
/// calendar), in either mode; a period may not end past it.
#[test]
fn suspensions_and_periods_stop_at_the_horizon() {
    let strict = Calendar::china_mainland();
    for cal in [
        strict.clone(),
        strict.with_policy(CoveragePolicy::Provisional),
    ] {
        let far = Suspension::parse_interval("2025-01-02..+200000-01-01", "x").unwrap();
        let opts = PeriodOptions::default().suspend(far);
        let err = cal
            .period_end_with(d(2025, 1, 1), Period::Days(36_600), &opts)
            .unwrap_err();
        assert!(
            matches!(err, Error::BeyondHorizon { horizon, .. } if horizon == d(2226, 12, 31)),
            "{err:?}"
        );
        assert!(err.to_string().contains("horizon 2226-12-31"), "{err}");
        // Ending on the horizon itself is allowed.
        let at = Suspension::new(d(2025, 1, 2), d(2226, 12, 31), "x").unwrap();
        let opts = PeriodOptions::default().suspend(at).roll(false);
        let r = cal.period_end_with(d(2025, 1, 1), Period::Days(0), &opts);
        assert_eq!(r.unwrap().end, d(2025, 1, 1));
        // A period whose end would be past it.
        let err = cal
            .period_end_with(
                d(2200, 1, 1),
                Period::Years(36_600),
                &PeriodOptions::default(),
            )
            .unwrap_err();
        assert!(matches!(err, Error::BeyondHorizon { .. }), "{err:?}");
    }
}

/// Periods: at most 36600 units.
#[test]
fn period_amounts_are_bounded() {
    assert!("36600d".parse::<Period>().is_ok());
    let err = "36601d".parse::<Period>().unwrap_err();
    assert!(err.to_string().contains("at most 36600"), "{err}");
}

/// Issue 9: working-hours offsets overflowed i32 or were read loosely.
#[test]
fn working_hours_offsets_are_rfc_3339() {
    for bad in [
        "08:30-12:00@+268435464:00",
        "08:30-12:00@+-08:00",
        "08:30-12:00@+0:1439",
        "08:30-12:00@+24:00",
        "08:30-12:00@+08:60",
        "08:30-12:00@+8:00",
        "08:30-12:00@08:00",
        "08:30-12:00@+08:00:00",
        "08:30-12:00@+０８:00",
    ] {
        let err = bad.parse::<WorkingHours>().unwrap_err();
        assert!(
            matches!(&err, Error::InvalidSchedule { reason, .. } if reason.contains("RFC 3339")),
            "{bad}: {err}"
        );
    }
    for (good, secs) in [
        ("08:30-12:00@+08:00", 8 * 3600),
        ("08:30-12:00@-05:30", -(5 * 3600 + 30 * 60)),
        ("08:30-12:00@+23:59", 23 * 3600 + 59 * 60),
        ("08:30-12:00@-23:59", -(23 * 3600 + 59 * 60)),
        ("08:30-12:00@+00:00", 0),
    ] {
        let h: WorkingHours = good.parse().unwrap();
        assert_eq!(h.offset().local_minus_utc(), secs, "{good}");
    }
}
