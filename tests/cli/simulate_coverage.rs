//! `jiceng simulate` on periods at and past the end of the calendar's
//! coverage (2026-12-31 in the bundled notices).

use super::{Scratch, expect_input_error, jiceng, path_str};

/// One township, one penalty item, `days` days from 2026-10-01.
fn scenario(days: u32) -> String {
    format!(
        r#"
name = "coverage-end"
seed = 11
replications = 2
[period]
from = "2026-10-01"
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
"#
    )
}

fn summary(dir: &std::path::Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("summary.json")).unwrap()).unwrap()
}

#[test]
fn simulate_baitaling_2026_runs_though_a_case_falls_due_in_2027() {
    // The reported case: Baitaling from 2026-01-01. Day 276 is 2026-10-03
    // (31+28+31+30+31+30+31+31+30 = 273 days to 30 September, then 1, 2, 3
    // October); a penalty case filed that day is due 90 days later, on
    // 2027-01-01 (28 + 30 + 31 + 1 = 90), outside the coverage. The
    // period itself is covered, so the run must not be refused.
    let dir = Scratch::new("sim-y2026");
    let out = dir.0.join("out");
    let (code, _, err) = jiceng(
        &[
            "simulate",
            "tests/cli/data/baitaling-2026.toml",
            "--days",
            "276",
            "--replications",
            "2",
            "--out",
            path_str(&out),
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, "");
    let s = summary(&out);
    assert_eq!(s["to"], "2026-10-03");
    assert_eq!(s["provisional"], false);
}

#[test]
fn simulate_a_period_ending_on_the_last_covered_day_is_not_provisional() {
    let dir = Scratch::new("sim-cover-92");
    let file = dir.write("s.toml", &scenario(92));
    let out = dir.0.join("out");
    let (code, stdout, err) = jiceng(
        &[
            "simulate",
            path_str(&file),
            "--json",
            "--out",
            path_str(&out),
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, "");
    assert!(!stdout.contains("provisional"), "{stdout}");
    assert_eq!(summary(&out)["provisional"], false);
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(!html.contains("class=\"provisional\""));
}

#[test]
fn simulate_past_the_coverage_names_the_policy_key_and_the_flag() {
    let dir = Scratch::new("sim-cover-93");
    let file = dir.write("s.toml", &scenario(93));
    let out = dir.0.join("out");
    // Line 7 of the file is `days = 93`: the length carries the period
    // one day past the coverage.
    let named = format!("{}:7: period.days: 2027-01-01 is outside", path_str(&file));
    expect_input_error(
        &["simulate", path_str(&file), "--out", path_str(&out)],
        "",
        &[
            &named,
            "set `[policy] provisional = true` in the scenario, or pass --provisional",
        ],
    );
}

#[test]
fn simulate_from_before_the_coverage_names_the_line_and_the_field() {
    let dir = Scratch::new("sim-cover-from");
    let text = scenario(10).replace("2026-10-01", "2009-12-31");
    let file = dir.write("s.toml", &text);
    let out = dir.0.join("out");
    // Line 6 of the file is `from = "2009-12-31"`.
    let named = format!("{}:6: period.from: 2009-12-31 is before", path_str(&file));
    expect_input_error(
        &["simulate", path_str(&file), "--out", path_str(&out)],
        "",
        &[&named],
    );
}

#[test]
fn simulate_provisional_says_so_in_every_output() {
    let dir = Scratch::new("sim-cover-prov");
    let file = dir.write("s.toml", &scenario(93));
    let out = dir.0.join("out");
    let (code, stdout, err) = jiceng(
        &[
            "simulate",
            path_str(&file),
            "--provisional",
            "--json",
            "--out",
            path_str(&out),
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err,
        "jiceng: warning: provisional: the period needs days outside the calendar's coverage, \
         taken from the statutory holidays and the weekly rule\n"
    );
    let table: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(table["provisional"], true);
    assert_eq!(summary(&out)["provisional"], true);
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(
        html.contains("<dd class=\"provisional\">provisional: "),
        "{html}"
    );
    // The same in Chinese, and the scenario key does what the flag does.
    let text = scenario(93)
        + "[policy]\nworking_hours = \"08:30-12:00,14:00-17:30\"\nprovisional = true\n";
    let file = dir.write("p.toml", &text);
    let out = dir.0.join("out-zh");
    let (code, _, err) = jiceng(
        &[
            "--lang",
            "zh",
            "simulate",
            path_str(&file),
            "--out",
            path_str(&out),
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.starts_with("jiceng: 警告：暂定："), "{err}");
    assert_eq!(summary(&out)["provisional"], true);
}
