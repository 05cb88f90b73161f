//! Malformed calendar files: one test per kind of problem, each checking
//! the line and field reported.

use jiceng_calendar::{BUNDLED_GUANGXI_OVERLAY, Calendar, CalendarFile, Error, ProblemKind};

use crate::d;

const HEAD: &str = "format = 1\nname = \"test\"\n";

fn notice(year: i32, doc: &str, holidays: &str) -> String {
    format!("\n[[notice]]\nyear = {year}\ndocument = \"{doc}\"\nholidays = [\n{holidays}\n]\n")
}

/// Loads `text` as a calendar and returns its problems as (kind, line).
fn problems(text: &str) -> Vec<(ProblemKind, Option<usize>, String)> {
    match Calendar::from_toml_str(text, "test.toml") {
        Ok(_) => Vec::new(),
        Err(Error::Data(e)) => {
            assert_eq!(e.origin, "test.toml");
            e.problems
                .iter()
                .map(|p| (p.kind, p.line, p.to_string()))
                .collect()
        }
        Err(other) => panic!("unexpected error {other}"),
    }
}

fn check(text: &str, kind: ProblemKind, line: Option<usize>, mentions: &str) {
    let found = problems(text);
    assert_eq!(found.len(), 1, "{found:?}");
    let (k, l, message) = &found[0];
    assert_eq!(*k, kind, "{message}");
    assert_eq!(*l, line, "{message}");
    assert!(
        message.contains(mentions),
        "{message:?} should mention {mentions:?}"
    );
}

#[test]
fn a_clean_file_has_no_problems() {
    let text = format!(
        "{HEAD}{}",
        notice(2025, "A", "{ name = \"元旦\", off = [\"2025-01-01\"] },")
    );
    assert!(problems(&text).is_empty());
}

#[test]
fn bundled_data_is_valid() {
    Calendar::from_toml_str(jiceng_calendar::BUNDLED_CHINA_MAINLAND, "bundled").unwrap();
    Calendar::china_mainland()
        .with_overlay_toml(BUNDLED_GUANGXI_OVERLAY, "gx")
        .unwrap();
}

#[test]
fn syntax() {
    check(
        "format = 1\nname = 3\n",
        ProblemKind::Syntax,
        Some(2),
        "string",
    );
    check(
        "format = 1\nname = \"x\"\ncolour = \"red\"\n",
        ProblemKind::Syntax,
        Some(3),
        "colour",
    );
    check(
        "format = 1\nname = \"x\"\n[[notice]\n",
        ProblemKind::Syntax,
        Some(3),
        "",
    );
    // An unknown weekday is a value of the wrong kind.
    check(
        "format = 1\nname = \"x\"\nweekend = [\"funday\"]\n",
        ProblemKind::Syntax,
        Some(3),
        "funday",
    );
}

#[test]
fn unsupported_format() {
    let text = format!(
        "format = 2\nname = \"x\"\n{}",
        notice(2025, "A", "{ name = \"a\", off = [\"2025-01-01\"] },")
    );
    check(&text, ProblemKind::UnsupportedFormat, Some(1), "format 2");
}

#[test]
fn bad_day() {
    let text = format!(
        "{HEAD}{}",
        notice(2025, "A", "{ name = \"a\", off = [\"2025-02-30\"] },")
    );
    check(&text, ProblemKind::BadDay, Some(8), "2025-02-30");
    let text = format!(
        "{HEAD}{}",
        notice(
            2025,
            "A",
            "{ name = \"a\", off = [\"2025-02-03..2025-02-01\"] },"
        )
    );
    check(&text, ProblemKind::BadDay, Some(8), "ends before it starts");
}

#[test]
fn bad_year() {
    let text = format!(
        "{HEAD}{}",
        notice(20250, "A", "{ name = \"a\", off = [\"2025-01-01\"] },")
    );
    let found = problems(&text);
    assert!(
        found
            .iter()
            .any(|(k, l, m)| *k == ProblemKind::BadYear && *l == Some(5) && m.contains("20250")),
        "{found:?}"
    );
}

#[test]
fn bad_weekend() {
    let text = format!(
        "{HEAD}weekend = [\"sat\", \"sat\"]\n{}",
        notice(2025, "A", "{ name = \"a\", off = [\"2025-01-01\"] },")
    );
    check(&text, ProblemKind::BadWeekend, Some(3), "twice");
}

#[test]
fn work_on_a_working_day() {
    // 27 January 2025 is a Monday.
    let text = format!(
        "{HEAD}{}",
        notice(
            2025,
            "A",
            "{ name = \"a\", off = [\"2025-01-28\"], work = [\"2025-01-27\"] },"
        )
    );
    check(&text, ProblemKind::WorkOnWorkingDay, Some(8), "2025-01-27");
}

#[test]
fn duplicate_day() {
    let text = format!(
        "{HEAD}{}",
        notice(
            2025,
            "A",
            "{ name = \"a\", off = [\"2025-01-01\"] },\n{ name = \"b\", off = [\"2025-01-01..2025-01-02\"] },"
        )
    );
    check(
        &text,
        ProblemKind::DuplicateDay,
        Some(9),
        "2025-01-01 is listed twice",
    );
    // Two notices listing one day, neither amending the other.
    let text = format!(
        "{HEAD}{}{}",
        notice(2024, "A", "{ name = \"a\", off = [\"2024-12-31\"] },"),
        notice(
            2025,
            "B",
            "{ name = \"b\", off = [\"2024-12-31..2025-01-01\"] },"
        )
    );
    check(
        &text,
        ProblemKind::DuplicateDay,
        Some(15),
        "listed by both A and B",
    );
}

#[test]
fn no_notices() {
    check(HEAD, ProblemKind::NoNotices, None, "at least one notice");
}

#[test]
fn duplicate_year() {
    let text = format!(
        "{HEAD}{}{}",
        notice(2025, "A", "{ name = \"a\", off = [\"2025-01-01\"] },"),
        notice(2025, "B", "{ name = \"b\", off = [\"2025-05-01\"] },")
    );
    check(
        &text,
        ProblemKind::DuplicateYear,
        Some(12),
        "year 2025 is arranged by both A and B",
    );
}

#[test]
fn coverage_gap() {
    let text = format!(
        "{HEAD}{}{}",
        notice(2024, "A", "{ name = \"a\", off = [\"2024-01-01\"] },"),
        notice(2026, "B", "{ name = \"b\", off = [\"2026-01-01\"] },")
    );
    check(&text, ProblemKind::CoverageGap, None, "2025..=2025");
}

#[test]
fn unknown_amended_notice() {
    let text = format!(
        "{HEAD}{}\n[[notice]]\nyear = 2025\ndocument = \"B\"\namends = \"Z\"\nholidays = []\n",
        notice(2025, "A", "{ name = \"a\", off = [\"2025-01-01\"] },"),
    );
    check(
        &text,
        ProblemKind::UnknownAmendedNotice,
        Some(14),
        "amends \"Z\"",
    );
}

#[test]
fn wrong_kind() {
    let err = Calendar::from_toml_str(BUNDLED_GUANGXI_OVERLAY, "gx.toml").unwrap_err();
    let Error::Data(e) = err else {
        panic!("expected data error")
    };
    assert!(e.problems.iter().any(|p| p.kind == ProblemKind::WrongKind));
    let err = Calendar::china_mainland()
        .with_overlay_toml(jiceng_calendar::BUNDLED_CHINA_MAINLAND, "mainland.toml")
        .unwrap_err();
    let Error::Data(e) = err else {
        panic!("expected data error")
    };
    assert!(e.problems.iter().any(|p| p.kind == ProblemKind::WrongKind));
}

#[test]
fn overlay_outside_coverage() {
    let overlay = format!(
        "format = 1\nname = \"r\"\nkind = \"overlay\"\nregion = \"450000\"\n{}",
        notice(2027, "R", "{ name = \"三月三\", off = [\"2027-04-09\"] },")
    );
    let err = Calendar::china_mainland()
        .with_overlay_toml(&overlay, "r.toml")
        .unwrap_err();
    let Error::Data(e) = err else {
        panic!("expected data error")
    };
    assert_eq!(e.problems.len(), 1);
    assert_eq!(e.problems[0].kind, ProblemKind::OverlayOutsideCoverage);
    assert_eq!(e.problems[0].line, Some(10));
    assert!(e.to_string().contains("r.toml:10"), "{e}");
}

#[test]
fn every_problem_is_reported_at_once() {
    let text = format!(
        "format = 2\nname = \"x\"\n{}{}",
        notice(
            2024,
            "A",
            "{ name = \"a\", off = [\"2024-01-01\"], work = [\"2024-01-02\"] },"
        ),
        notice(2026, "B", "{ name = \"b\", off = [\"2026-01-01\"] },")
    );
    let kinds: Vec<ProblemKind> = problems(&text).into_iter().map(|p| p.0).collect();
    assert_eq!(
        kinds,
        [
            ProblemKind::UnsupportedFormat,
            ProblemKind::CoverageGap,
            ProblemKind::WorkOnWorkingDay
        ]
    );
}

#[test]
fn nothing_is_half_applied() {
    // A bad overlay leaves the calendar it was applied to unchanged.
    let cal = Calendar::china_mainland();
    let overlay = format!(
        "format = 1\nname = \"r\"\nkind = \"overlay\"\n{}",
        notice(
            2026,
            "R",
            "{ name = \"x\", off = [\"2026-04-17\"], work = [\"2026-04-20\"] },"
        )
    );
    assert!(cal.with_overlay_toml(&overlay, "r.toml").is_err());
    assert!(cal.is_working_day(d(2026, 4, 17)).unwrap());
}

#[test]
fn a_file_round_trips_through_toml_and_loads_the_same() {
    let file = CalendarFile::bundled_china_mainland().unwrap();
    let text = file.to_toml_string();
    let again = CalendarFile::from_toml_str(&text, "again").unwrap();
    assert_eq!(file, again);
    let a = Calendar::from_data(&file).unwrap();
    let b = Calendar::china_mainland();
    let (first, last) = b.coverage();
    for day in first.iter_days().take_while(|x| *x <= last) {
        assert_eq!(
            a.is_working_day(day).unwrap(),
            b.is_working_day(day).unwrap(),
            "{day}"
        );
    }
}

#[test]
fn schema_describes_the_format() {
    let schema: serde_json::Value =
        serde_json::from_str(&jiceng_calendar::calendar_file_schema()).unwrap();
    assert_eq!(schema["type"], "object");
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        required.contains(&"format") && required.contains(&"name"),
        "{required:?}"
    );
    assert!(schema["properties"]["notice"].is_object());
}
