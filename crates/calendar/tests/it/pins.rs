//! Exact values that pin what mutation testing found unguarded: each test
//! fails under a small change to the code it names.

use chrono::DateTime;
use jiceng_calendar::{
    BUNDLED_GUANGXI_OVERLAY, Calendar, CoveragePolicy, Error, WorkingHours, explanation_schema,
};

use crate::d;

#[test]
fn policy_name_and_documents() {
    let cal = Calendar::china_mainland();
    assert_eq!(cal.policy(), CoveragePolicy::Strict);
    assert_eq!(
        cal.with_policy(CoveragePolicy::Provisional).policy(),
        CoveragePolicy::Provisional
    );
    assert_eq!(cal.name(), "china-mainland");
    let gx = cal
        .with_overlay_toml(BUNDLED_GUANGXI_OVERLAY, "gx")
        .unwrap();
    assert_eq!(gx.name(), "china-mainland+guangxi-sanyuesan");
    // 17 yearly notices, the 2015 Victory Day notice, the 2019 Labour Day
    // change and the 2020 Spring Festival extension.
    let docs: Vec<(i32, &str)> = cal.documents().collect();
    assert_eq!(docs.len(), 20);
    assert_eq!(docs[0], (2010, "国办发明电〔2009〕27号"));
    assert_eq!(docs[19], (2026, "国办发明电〔2025〕7号"));
}

#[test]
fn the_explanation_schema_describes_the_explanation() {
    let schema = explanation_schema();
    let v: serde_json::Value = serde_json::from_str(&schema).unwrap();
    let props = &v["properties"];
    for field in ["start", "end", "skipped", "worked", "rules", "provisional"] {
        assert!(props.get(field).is_some(), "{field} missing from {schema}");
    }
}

/// The day a strict refusal names is the first uncovered day the query
/// needed, on the side it needed it.
#[test]
fn refusals_name_the_nearest_uncovered_day() {
    let cal = Calendar::china_mainland();
    assert_eq!(
        cal.working_days_between(d(2009, 6, 1), d(2010, 6, 1)),
        Err(Error::BeforeCoverage {
            date: d(2009, 12, 31),
            first: d(2010, 1, 1),
            earliest: d(2008, 1, 1)
        })
    );
    assert_eq!(
        cal.working_days_between(d(2026, 6, 1), d(2027, 6, 1)),
        Err(Error::OutOfCoverage {
            date: d(2027, 1, 1),
            first: d(2010, 1, 1),
            last: d(2026, 12, 31)
        })
    );
    // Inside coverage on both sides: no refusal, 0 days.
    assert_eq!(
        cal.working_days_between(d(2026, 12, 31), d(2026, 12, 31)),
        Ok(0)
    );
}

/// Working minutes past the last covered day: the refusal names 1 January
/// 2027 (the rank past the end of coverage), not the day before coverage.
#[test]
fn working_minutes_past_coverage_name_the_first_day_after() {
    let cal = Calendar::china_mainland();
    let hours = WorkingHours::china_standard();
    let at = DateTime::parse_from_rfc3339("2026-12-31T17:00:00+08:00").unwrap();
    // 30 minutes remain on Thursday 31 December; one more needs 2027.
    assert_eq!(
        hours.add_minutes(&cal, at, 30).unwrap().to_rfc3339(),
        "2026-12-31T17:30:00+08:00"
    );
    assert!(matches!(
        hours.add_minutes(&cal, at, 31),
        Err(Error::OutOfCoverage { date, .. }) if date == d(2027, 1, 1)
    ));
    // Provisionally: Friday 1 January 2027 is New Year's Day, the weekend
    // follows, so the 31st minute is 08:31 on Monday 4 January.
    let prov = cal.with_policy(CoveragePolicy::Provisional);
    assert_eq!(
        hours.add_minutes(&prov, at, 31).unwrap().to_rfc3339(),
        "2027-01-04T08:31:00+08:00"
    );
}

/// The day before the first representable date cannot be named; the
/// refusal names the first representable date, and as a day before
/// coverage, not one past the horizon.
#[test]
fn the_ends_of_the_representable_dates_are_named_on_their_side() {
    use chrono::NaiveDate;
    let prov = Calendar::china_mainland().with_policy(CoveragePolicy::Provisional);
    assert!(matches!(
        prov.add_working_days(NaiveDate::MIN, -1),
        Err(Error::BeforeCoverage { date, .. }) if date == NaiveDate::MIN
    ));
    assert!(matches!(
        prov.add_working_days(NaiveDate::MAX, 1),
        Err(Error::BeyondHorizon { date, .. }) if date == NaiveDate::MAX
    ));
}

/// A syntax error quotes the offending line, when it is not empty.
#[test]
fn syntax_errors_quote_the_line() {
    use jiceng_calendar::CalendarFile;
    let err = CalendarFile::from_toml_str("format = 1\nname = 3\n", "bad.toml").unwrap_err();
    let text = err.to_string();
    assert!(text.contains("bad.toml:2"), "{text}");
    assert!(text.contains("(at `name = 3`)"), "{text}");
}

/// Office time: 08:30–12:00 and 14:00–17:30, each start included and each
/// end excluded, on working days only.
#[test]
fn working_time_at_the_session_bounds() {
    let cal = Calendar::china_mainland();
    let hours = WorkingHours::china_standard();
    let check = |at: &str, expected: bool| {
        let t = DateTime::parse_from_rfc3339(at).unwrap();
        assert_eq!(hours.is_working_time(&cal, t).unwrap(), expected, "{at}");
    };
    // Tuesday 10 June 2025.
    check("2025-06-10T08:29:59+08:00", false);
    check("2025-06-10T08:30:00+08:00", true);
    check("2025-06-10T11:59:59+08:00", true);
    check("2025-06-10T12:00:00+08:00", false);
    check("2025-06-10T14:00:00+08:00", true);
    check("2025-06-10T17:29:59+08:00", true);
    check("2025-06-10T17:30:00+08:00", false);
    // 02:00 UTC is 10:00 in Beijing.
    check("2025-06-10T02:00:00+00:00", true);
    // Saturday 14 June; Sunday 26 January 2025 worked for the Spring
    // Festival; Wednesday 1 October 2025, National Day.
    check("2025-06-14T10:00:00+08:00", false);
    check("2025-01-26T10:00:00+08:00", true);
    check("2025-10-01T10:00:00+08:00", false);
}

/// The text of an explanation shows the nominal end only when Art. 203
/// moved it: 15 days from 16 September 2025 end nominally on Wednesday
/// 1 October, National Day, and are moved to Thursday 9 October.
#[test]
fn the_nominal_end_is_shown_only_when_moved() {
    use jiceng_calendar::{Period, PeriodOptions};
    let cal = Calendar::china_mainland();
    let opts = PeriodOptions::default();
    let moved = cal
        .explain_period_end(d(2025, 9, 16), Period::Days(15), &opts)
        .unwrap();
    let text = moved.to_string();
    assert!(text.contains("nominal   2025-10-01 Wed"), "{text}");
    assert!(text.contains("end       2025-10-09 Thu"), "{text}");
    let plain = cal
        .explain_period_end(d(2025, 3, 3), Period::WorkingDays(5), &opts)
        .unwrap();
    assert!(!plain.to_string().contains("nominal"), "{plain}");
}

#[test]
fn suspension_days_and_contains() {
    use jiceng_calendar::Suspension;
    let s = Suspension::new(d(2025, 3, 10), d(2025, 3, 14), "x").unwrap();
    assert_eq!(s.days(), 5);
    assert_eq!(
        Suspension::new(d(2025, 3, 10), d(2025, 3, 10), "x")
            .unwrap()
            .days(),
        1
    );
    assert!(s.contains(d(2025, 3, 10)) && s.contains(d(2025, 3, 14)));
    assert!(!s.contains(d(2025, 3, 9)) && !s.contains(d(2025, 3, 15)));
}

/// Which days an `add_working_days` answer depended on.
#[test]
fn provisional_add_flags_only_uncovered_answers() {
    let cal = Calendar::china_mainland().with_policy(CoveragePolicy::Provisional);
    // Inside coverage, either way, and n == 0 (no day needed).
    assert!(!cal.is_provisional_add(d(2025, 3, 3), 5, d(2025, 3, 10)));
    assert!(!cal.is_provisional_add(d(2025, 3, 10), -5, d(2025, 3, 3)));
    assert!(!cal.is_provisional_add(d(2030, 3, 4), 0, d(2030, 3, 4)));
    // The answer day itself uncovered, backwards and forwards.
    assert!(cal.is_provisional_add(d(2010, 1, 5), -2, d(2009, 12, 31)));
    assert!(cal.is_provisional_add(d(2026, 12, 31), 1, d(2027, 1, 4)));
    // Starting outside coverage but needing only covered days.
    assert!(!cal.is_provisional_add(d(2009, 12, 31), 1, d(2010, 1, 4)));
    assert!(!cal.is_provisional_add(d(2027, 1, 1), -1, d(2026, 12, 31)));
}

/// The weekly rule alone, before any notice: Monday to Friday are working
/// days and Saturday and Sunday are not (国务院《关于职工工作时间的规定》,
/// the five-day week), whatever the notices make of a given date.
#[test]
fn the_weekly_rule_is_the_five_day_week() {
    use chrono::Weekday::{Fri, Mon, Sat, Sun, Thu, Tue, Wed};
    let cal = Calendar::china_mainland();
    for w in [Mon, Tue, Wed, Thu, Fri] {
        assert!(cal.weekly_rule(w), "{w:?}");
    }
    for w in [Sat, Sun] {
        assert!(!cal.weekly_rule(w), "{w:?}");
    }
}

/// A syntax error does not echo a line longer than 120 characters (a
/// hostile file's output stays bounded): the message is the parser's own,
/// with no `(at …)` quote.
#[test]
fn syntax_errors_do_not_quote_a_long_line() {
    use jiceng_calendar::CalendarFile;
    // `name = 3` followed by a comment: 8 + 3 + 130 = 141 characters.
    let text = format!("format = 1\nname = 3 # {}\n", "x".repeat(130));
    let err = CalendarFile::from_toml_str(&text, "bad.toml").unwrap_err();
    let message = err.to_string();
    assert!(message.contains("bad.toml:2"), "{message}");
    assert!(!message.contains("(at `"), "{message}");
    // 120 characters exactly are still quoted: 8 + 3 + 109 = 120.
    let text = format!("format = 1\nname = 3 # {}\n", "x".repeat(109));
    let message = CalendarFile::from_toml_str(&text, "bad.toml")
        .unwrap_err()
        .to_string();
    assert!(message.contains("(at `name = 3 # xxx"), "{message}");
}

/// A coverage gap has no line to point at; past the cap it is counted
/// like any located problem. 101 notices for 2010 give 100 duplicate
/// years (the first is not a duplicate), which fill the list; a notice
/// for 2012 leaves 2011 uncovered, the 101st problem, counted: 1 omitted.
#[test]
fn an_unlocated_problem_past_the_cap_is_counted() {
    use jiceng_calendar::data::MAX_PROBLEMS;
    let mut text = String::from("format = 1\nname = \"x\"\n");
    for k in 0..=MAX_PROBLEMS {
        text.push_str(&format!("[[notice]]\nyear = 2010\ndocument = \"D{k}\"\n"));
    }
    text.push_str("[[notice]]\nyear = 2012\ndocument = \"E\"\n");
    match Calendar::from_toml_str(&text, "x.toml") {
        Err(Error::Data(e)) => {
            assert_eq!(e.problems.len(), MAX_PROBLEMS);
            assert!(
                e.problems
                    .iter()
                    .all(|p| p.kind == jiceng_calendar::ProblemKind::DuplicateYear)
            );
            assert_eq!(e.omitted, 1);
        }
        other => panic!("expected data problems, got {other:?}"),
    }
}

/// A skipped day's reason prints as the English rendering: a suspension
/// for expert review on Tuesday 4 March 2025 (a working day), one working
/// day after Monday 3 March, is "suspended: expert review".
#[test]
fn a_skip_reason_displays_in_english() {
    use jiceng_calendar::{Period, PeriodOptions, Suspension};
    let cal = Calendar::china_mainland();
    let s = Suspension::new(d(2025, 3, 4), d(2025, 3, 4), "expert review").unwrap();
    let ex = cal
        .explain_period_end(
            d(2025, 3, 3),
            Period::WorkingDays(1),
            &PeriodOptions::default().suspend(s),
        )
        .unwrap();
    assert_eq!(ex.skipped[0].date, d(2025, 3, 4));
    assert_eq!(ex.skipped[0].reason.to_string(), "suspended: expert review");
}

/// The standard schedule's two sessions, as published: 08:30–12:00 and
/// 14:00–17:30.
#[test]
fn the_standard_sessions() {
    use chrono::NaiveTime;
    let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
    assert_eq!(
        WorkingHours::china_standard().sessions(),
        &[(t(8, 30), t(12, 0)), (t(14, 0), t(17, 30))]
    );
}
