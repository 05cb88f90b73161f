//! A period inside the calendar's coverage always runs, even when cases
//! filed in it fall due after the coverage ends; a period outside it is
//! refused naming `[policy] provisional = true`, and a provisional run
//! says so in its summary (DESIGN.md: "Why does a penalty case due after
//! the calendar's coverage not stop a simulation?").

use jiceng_sim::{Error, Model, Scenario, run, run_replication, summarise};

use crate::common::model;

/// One township, one penalty item handled in half an hour by 5 staff.
fn penalties(from: &str, days: u32, policy: &str) -> String {
    format!(
        r#"
name = "coverage-end"
seed = 11
replications = 2
[period]
from = "{from}"
days = {days}
[[territory.county]]
code = "130430000000"
name = "邱县"
[[territory.county.township]]
code = "130430100000"
name = "新马头镇"
population = 20000
staff = {{ service = 1, enforcement = 5, grid = 1 }}
[[item]]
code = "penalty.a"
kind = "penalty"
rate = 2.0
held_by = "township"
handling.township = {{ median_minutes = 30, sigma = 0.3 }}
handling.county = {{ median_minutes = 30, sigma = 0.3 }}
{policy}
"#
    )
}

const PROVISIONAL: &str =
    "[policy]\nworking_hours = \"08:30-12:00,14:00-17:30\"\nprovisional = true\n";

fn compile(text: &str) -> Result<Model, Error> {
    Model::new(&Scenario::from_toml_str(text, "t.toml")?)
}

#[test]
fn a_period_ending_on_the_last_covered_day_runs_though_cases_fall_due_after_it() {
    // 2026-10-01 + 91 days = 2026-12-31 (31 + 30 + 31 = 92 days: October,
    // November, December), the last day the bundled notices cover. A case
    // filed on 2026-10-03 is due 90 days later: 28 days to 31 October, 30
    // more to 30 November (58), 31 more to 31 December (89), one more to
    // 2027-01-01 (90), New Year's Day, outside the coverage. It used to
    // refuse the whole run.
    let m = model(&penalties("2026-10-01", 92, ""));
    assert!(!m.provisional());
    // 2 cases per 10,000 residents a day × 2 = 4 a day, half an hour each,
    // 5 staff: every case is decided within days of filing, long before
    // the 90 days run out, so every decided case is on time.
    let t = &run_replication(&m, 11, 0).variants[0].towns[0];
    assert!(t.statute[0] > 100, "{t:?}");
    assert_eq!(t.statute[1], t.statute[0], "{t:?}");
    let s = summarise(&m, 11, &run(&m, 11, &[0, 1], &|| ())).unwrap_or_else(|e| panic!("{e}"));
    assert!(!s.provisional);
}

#[test]
fn a_period_one_day_past_the_coverage_is_refused_naming_the_policy_key() {
    // 92 + 1 days from 2026-10-01 reach 2027-01-01, outside the coverage.
    match compile(&penalties("2026-10-01", 93, "")) {
        Err(Error::Calendar(m)) => {
            // The text's line 7 is `days = 93`: the length carried the
            // period past the coverage.
            assert!(
                m.starts_with("t.toml:7: period.days: 2027-01-01 is outside"),
                "{m}"
            );
            assert!(
                m.ends_with("; set `[policy] provisional = true` in the scenario"),
                "{m}"
            );
        }
        Err(e) => panic!("{e}"),
        Ok(_) => panic!("a day outside the coverage was answered"),
    }
}

#[test]
fn a_first_day_outside_the_coverage_is_named_at_its_line_and_field() {
    // Line 6 of the text is `from = "…"`. The coverage starts 2010-01-01
    // (the first notice) and provisional mode answers from 2008-01-01 on:
    // both days are refused by the calendar before the period's first day
    // is counted, the first with or without provisional mode.
    let cases = [
        ("2009-12-31", ""),
        ("2007-12-31", ""),
        ("2007-12-31", PROVISIONAL),
    ];
    for (from, policy) in cases {
        match compile(&penalties(from, 10, policy)) {
            Err(Error::Calendar(m)) => {
                assert!(m.starts_with("t.toml:6: period.from: "), "{m}");
                assert!(m.contains(" is before the calendar's first notice"), "{m}");
                // The calendar's words say what provisional mode would do;
                // the scenario key's hint is only for a day past the
                // coverage, which provisional mode answers.
                assert!(!m.ends_with(jiceng_sim::PROVISIONAL_HINT), "{m}");
            }
            Err(e) => panic!("{e}"),
            Ok(_) => panic!("{from} was answered"),
        }
    }
}

#[test]
fn a_provisional_run_past_the_coverage_says_so_in_the_model_and_the_summary() {
    let m = model(&penalties("2026-10-01", 93, PROVISIONAL));
    assert!(m.provisional());
    let s = summarise(&m, 11, &run(&m, 11, &[0, 1], &|| ())).unwrap_or_else(|e| panic!("{e}"));
    assert!(s.provisional);
    let json = serde_json::to_value(&s).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(json["provisional"], true);
}

#[test]
fn provisional_policy_inside_the_coverage_flags_nothing() {
    // The same 92 days with the policy on: every simulated day is covered
    // and the only provisional due dates (from 2026-10-03 on) fall after
    // the period, deciding no figure.
    let m = model(&penalties("2026-10-01", 92, PROVISIONAL));
    assert!(!m.provisional());
}

#[test]
fn with_provisional_sets_the_policy() {
    let s = Scenario::from_toml_str(&penalties("2026-10-01", 93, ""), "t.toml")
        .unwrap_or_else(|e| panic!("{e}"))
        .with_provisional();
    let m = Model::new(&s).unwrap_or_else(|e| panic!("{e}"));
    assert!(m.provisional());
}

#[test]
fn a_provisional_start_before_the_coverage_stays_flagged() {
    // 2009-12-01 is before the first notice (2010): provisional. The
    // period runs 200 days, to 2010-06-18. A case filed on 2010-01-04 (day
    // 34, the first working day of 2010, covered) is due 90 days later:
    // 27 days to 31 January, 28 more to 28 February (55), 31 to 31 March
    // (86), 4 to 4 April (90), day 124, rolled past any day off to a
    // few days after, still inside the period and on covered days. That
    // covered due date must not clear the flag the uncovered December set.
    let text = penalties("2009-12-01", 200, PROVISIONAL);
    let m = model(&text);
    assert!(m.provisional());
    // Without the policy the first day is refused.
    assert!(matches!(
        compile(&penalties("2009-12-01", 200, "")),
        Err(Error::Calendar(_))
    ));
}

#[test]
fn days_set_over_the_file_are_named_as_such_and_a_due_day_as_a_due_day() {
    // 92 + 1 days from 2026-10-01 reach 2027-01-01; the file says 10, so
    // its line is not where the 93 come from.
    let s = Scenario::from_toml_str(&penalties("2026-10-01", 10, ""), "t.toml")
        .and_then(|s| s.with_days(93))
        .unwrap_or_else(|e| panic!("{e}"));
    match Model::new(&s) {
        Err(Error::Calendar(m)) => assert!(
            m.starts_with("t.toml: period.days (with --days 93): 2027-01-01 is outside"),
            "{m}"
        ),
        Err(e) => panic!("{e}"),
        Ok(_) => panic!("a day outside the coverage was answered"),
    }
    // A case filed on 2226-12-01 is due 90 days later: 30 days to 31
    // December, 31 more to 31 January (61), 28 to 28 February 2227 (89, not
    // a leap year), one more to 1 March (90), past the provisional
    // calendar's horizon (2226-12-31). The day refused is the due day.
    match compile(&penalties("2226-12-01", 1, PROVISIONAL)) {
        Err(Error::Calendar(m)) => assert!(
            m.starts_with(
                "t.toml:6: period.from: the decision due for a case filed on 2226-12-01: \
                 2227-03-01 is past the calendar's horizon"
            ),
            "{m}"
        ),
        Err(e) => panic!("{e}"),
        Ok(_) => panic!("a due day past the horizon was answered"),
    }
}
