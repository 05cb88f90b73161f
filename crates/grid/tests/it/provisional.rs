//! Provisional due times (issue 2: "an opt-in provisional mode … flags
//! every such answer as provisional"). A due time is provisional when a
//! day from the report's day to the due day lies outside the notices'
//! coverage: the bundled calendar covers 2010-01-01..=2026-12-31, the
//! 2025-only calendar of `data/cal2025.toml` 2025-01-01..=2025-12-31.
//!
//! Working hours are 08:30–12:00 and 14:00–17:30 (UTC+8). Category 0201
//! (秸秆焚烧) answers in 15 working minutes and resolves in 60.

use chrono::DateTime;
use jiceng_authority::Ledger;
use jiceng_calendar::{Calendar, CoveragePolicy};
use jiceng_grid::{Engine, Router, due_is_provisional, route};
use serde_json::json;

use crate::{World, entry, id};

fn guess(cal: Calendar) -> Calendar {
    cal.with_policy(CoveragePolicy::Provisional)
}

/// The route of a 0201 event at `at` in 130430104200 on `cal`: its due
/// times and its flag, checked against the fast path too.
fn check(cal: &Calendar, at: &str, expected: (&str, &str, bool)) {
    let w = World::new();
    let ledger = Ledger::hebei_sample();
    let at = DateTime::parse_from_rfc3339(at).unwrap();
    let r = route(&ledger, &w.tax, cal, &w.hours, "0201", "130430104200", at).unwrap();
    let got = (
        r.response_due.to_rfc3339(),
        r.resolution_due.to_rfc3339(),
        r.provisional,
    );
    assert_eq!(
        (got.0.as_str(), got.1.as_str(), got.2),
        expected,
        "route at {at}"
    );
    assert_eq!(
        r.explanation.iter().any(|l| l.contains("provisional")),
        expected.2
    );
    let router = Router::new(&ledger, &w.tax, cal, &w.hours).unwrap();
    let village = ledger
        .registry()
        .division_id("130430104200".parse().unwrap())
        .unwrap();
    let fast = router.route(3, village, at).unwrap().unwrap();
    assert_eq!(fast.provisional, expected.2, "fast route at {at}");
}

#[test]
fn inside_coverage_is_not_provisional() {
    // Tuesday 10 June 2025, 09:35: +15 min = 09:50, +60 min = 10:35.
    check(
        &guess(Calendar::china_mainland()),
        "2025-06-10T09:35:00+08:00",
        (
            "2025-06-10T09:50:00+08:00",
            "2025-06-10T10:35:00+08:00",
            false,
        ),
    );
}

#[test]
fn the_last_covered_afternoon_ends_inside_coverage() {
    // Thursday 31 December 2026, 16:00: +15 = 16:15, +60 = 17:00, both on
    // the last covered day: nothing of 2027 was needed.
    check(
        &guess(Calendar::china_mainland()),
        "2026-12-31T16:00:00+08:00",
        (
            "2026-12-31T16:15:00+08:00",
            "2026-12-31T17:00:00+08:00",
            false,
        ),
    );
}

#[test]
fn a_due_time_in_the_next_unpublished_year_is_provisional() {
    // Thursday 31 December 2026, 17:00: +15 = 17:15. The 60 minutes take
    // the 30 left that day, then 1 January 2027 (元旦, statutory), Saturday
    // 2 and Sunday 3 are off: 30 more from Monday 4 January 08:30.
    check(
        &guess(Calendar::china_mainland()),
        "2026-12-31T17:00:00+08:00",
        (
            "2026-12-31T17:15:00+08:00",
            "2027-01-04T09:00:00+08:00",
            true,
        ),
    );
}

#[test]
fn a_calendar_without_next_years_notice_guesses_and_says_so() {
    // With the 2025 notice only, Wednesday 31 December 2025, 17:00: the
    // guess takes 1 January 2026 (元旦) off and Friday 2 January as a
    // working day: 30 minutes left, then 30 from 2 January 08:30 = 09:00.
    // The 2026 notice (国办发明电〔2025〕7号) in fact gives 1–3 January
    // off and Sunday 4 January as a make-up working day: 09:00 on the 4th.
    // The guess is wrong, so it must be flagged.
    let only_2025 =
        Calendar::from_toml_str(include_str!("data/cal2025.toml"), "cal2025.toml").unwrap();
    check(
        &guess(only_2025),
        "2025-12-31T17:00:00+08:00",
        (
            "2025-12-31T17:15:00+08:00",
            "2026-01-02T09:00:00+08:00",
            true,
        ),
    );
    check(
        &Calendar::china_mainland(),
        "2025-12-31T17:00:00+08:00",
        (
            "2025-12-31T17:15:00+08:00",
            "2026-01-04T09:00:00+08:00",
            false,
        ),
    );
}

#[test]
fn a_report_before_coverage_is_provisional_even_if_due_the_same_day() {
    // Thursday 31 December 2009, 16:00, a day before the bundled coverage
    // (2010-01-01): +15 = 16:15, +60 = 17:00, all on an estimated day.
    check(
        &guess(Calendar::china_mainland()),
        "2009-12-31T16:00:00+08:00",
        (
            "2009-12-31T16:15:00+08:00",
            "2009-12-31T17:00:00+08:00",
            true,
        ),
    );
}

#[test]
fn the_flag_looks_at_both_due_times_and_the_start() {
    let w = World::new();
    let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
    let inside = t("2026-12-31T10:00:00+08:00");
    let after = t("2027-01-04T09:00:00+08:00");
    let before = t("2009-12-31T10:00:00+08:00");
    let p = |a, r, s| due_is_provisional(&w.cal, &w.hours, a, r, s);
    assert!(!p(inside, inside, inside));
    assert!(p(inside, after, inside));
    assert!(p(inside, inside, after));
    assert!(p(before, inside, inside));
    // 16:30 UTC on 31 December 2026 is 00:30 on 1 January 2027 in Beijing:
    // the day is the local one.
    assert!(p(inside, inside, t("2026-12-31T16:30:00+00:00")));
    assert!(!p(inside, inside, t("2026-12-31T15:30:00+00:00")));
}

#[test]
fn the_engine_keeps_the_flag_on_the_record() {
    let w = World::new();
    let cal = guess(Calendar::china_mainland());
    let mut engine = Engine::new(&w.grid, &w.tax, &cal, &w.hours);
    let report = |n: u32, at: &str| {
        let mut e = entry(
            n,
            "09:00",
            "W01",
            json!({"action": "report", "cell": "GCY-01", "category": "0201",
                   "channel": "grid_worker", "description": "x"}),
        );
        e.at = DateTime::parse_from_rfc3339(at).unwrap();
        e
    };
    engine
        .apply(&report(1, "2026-12-31T17:00:00+08:00"))
        .unwrap();
    engine
        .apply(&report(2, "2026-12-31T16:00:00+08:00"))
        .unwrap();
    let flag = |n: u32| {
        engine
            .ticket(id(n).parse().unwrap())
            .map(|t| (t.resolution_due.to_rfc3339(), t.provisional))
            .unwrap()
    };
    assert_eq!(flag(1), ("2027-01-04T09:00:00+08:00".to_owned(), true));
    assert_eq!(flag(2), ("2026-12-31T17:00:00+08:00".to_owned(), false));
    let json = serde_json::to_value(engine.ticket(id(1).parse().unwrap()).unwrap()).unwrap();
    assert_eq!(json["provisional"], true);
}
