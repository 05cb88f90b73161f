//! Reading scenario files: every problem, with file, line and field.

use jiceng_sim::{Error, Scenario, scenario_schema};

use crate::common::tiny;

/// Checks that reading `text` fails with exactly the problems `expected`
/// (line, field), in order.
fn check(text: &str, expected: &[(Option<usize>, &str)]) {
    match Scenario::from_toml_str(text, "s.toml") {
        Ok(_) => panic!("expected problems {expected:?}"),
        Err(Error::Scenario(problems)) => {
            let got: Vec<(Option<usize>, &str)> = problems
                .iter()
                .map(|p| (p.line, p.field.as_str()))
                .collect();
            assert_eq!(got, expected, "{problems:#?}");
            for p in &problems {
                assert_eq!(p.origin, "s.toml");
            }
        }
        Err(other) => panic!("unexpected error {other}"),
    }
}

#[test]
fn the_bundled_scenarios_read() {
    for name in ["province", "qiu", "baitaling"] {
        assert!(Scenario::bundled(name).is_ok(), "{name}");
    }
    assert!(Scenario::bundled("atlantis").is_err());
}

#[test]
fn an_unknown_field_names_itself_and_its_line() {
    // Line 3 holds the unknown field.
    check(
        "name = \"x\"\nseed = 1\ncolour = 2\n",
        &[(Some(3), "colour")],
    );
}

#[test]
fn every_problem_is_reported_with_its_line() {
    let text = tiny(
        r#"
[[reform]]
name = "baseline"

[[reform.instrument]]
items = ["nothing.*"]
from = "2025-03-10"
counties = ["130999000000"]
"#,
    )
    .replace("rate = 0.2", "rate = -1.0")
    .replace("days = 20", "days = 0");
    let problems = match Scenario::from_toml_str(&text, "s.toml") {
        Err(Error::Scenario(p)) => p,
        other => panic!("{other:?}"),
    };
    let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "period.days",
            "item[1].rate",
            "reform[0].name",
            "reform[0].instrument[0].items[0]",
            "reform[0].instrument[0].counties[0]",
        ]
    );
    // Each line lies within the entry that holds the field: from its
    // header to the next header.
    let line_of = |needle: &str| {
        text.lines()
            .position(|l| l.contains(needle))
            .map(|i| i + 1)
            .unwrap_or_else(|| panic!("{needle}"))
    };
    let within = |field: &str, from: usize, to: usize| {
        let l = problems
            .iter()
            .find(|p| p.field == field)
            .and_then(|p| p.line)
            .unwrap_or_else(|| panic!("{field} has no line"));
        assert!(from <= l && l < to, "{field}: line {l} not in {from}..{to}");
    };
    within(
        "period.days",
        line_of("[period]"),
        line_of("[[territory.county]]"),
    );
    within(
        "item[1].rate",
        line_of("code = \"penalty.a\"") - 1,
        line_of("code = \"grid.a\"") - 1,
    );
    within(
        "reform[0].name",
        line_of("[[reform]]"),
        line_of("[[reform.instrument]]"),
    );
    within(
        "reform[0].instrument[0].items[0]",
        line_of("[[reform.instrument]]"),
        text.lines().count() + 1,
    );
    assert!(problems.iter().all(|p| p.to_string().starts_with("s.toml")));
}

#[test]
fn both_kinds_of_territory_are_refused() {
    let text = tiny("").replace(
        "[[territory.county]]",
        "[territory]\nprovince_code = \"130000000000\"\n\n[territory.synthetic]\nseed = 1\ncounties = 2\ntownships_per_county = [1, 2]\npopulation_median = 1000.0\npopulation_sigma = 0.1\n\n[[territory.county]]",
    );
    // At the line where the file first writes `territory`.
    let at = text.lines().position(|l| l == "[territory]").map(|i| i + 1);
    check(&text, &[(at, "territory")]);
}

#[test]
fn hostile_sizes_are_refused_before_running() {
    // 10,000 per 10,000 residents a day for 3660 days over 30,000 people:
    // 3.3e9 expected arrivals, over the bound of 1e8.
    let text = tiny("")
        .replace("rate = 2.0", "rate = 9999.0")
        .replace("days = 20", "days = 3660");
    // At the first `[[item]]`.
    let at = text.lines().position(|l| l == "[[item]]").map(|i| i + 1);
    check(&text, &[(at, "item")]);
}

#[test]
fn the_schema_names_the_sections() {
    let schema = scenario_schema();
    for key in [
        "territory",
        "period",
        "item",
        "reform",
        "escalation",
        "policy",
    ] {
        assert!(schema.contains(&format!("\"{key}\"")), "{key}");
    }
}

#[test]
fn the_bundled_files_follow_the_published_schema() {
    let schema: serde_json::Value = serde_json::from_str(&scenario_schema()).unwrap_or_default();
    let validator = jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{e}"));
    for text in [
        jiceng_sim::scenario::BUNDLED_PROVINCE,
        jiceng_sim::scenario::BUNDLED_QIU,
        jiceng_sim::scenario::BUNDLED_BAITALING,
    ] {
        let value: toml::Value = toml::from_str(text).unwrap_or_else(|e| panic!("{e}"));
        let json = serde_json::to_value(value).unwrap_or_default();
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
    }
}
