//! `jiceng simulate` and `jiceng sim merge`.

use super::{Scratch, expect_input_error, jiceng, path_str};

#[test]
fn the_bundled_province_runs_for_a_short_period() {
    let dir = Scratch::new("sim-province");
    let out = dir.0.join("out");
    let (code, stdout, err) = jiceng(
        &[
            "simulate",
            "--days",
            "2",
            "--replications",
            "2",
            "--out",
            path_str(&out),
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    // The header names the metric column, then each variant, then the
    // reform's difference from the baseline.
    let header: Vec<&str> = stdout
        .lines()
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    assert_eq!(
        header,
        [
            "metric",
            "baseline",
            "devolve-and-staff",
            "devolve-and-staff",
            "−",
            "baseline"
        ],
        "{stdout}"
    );
    assert!(stdout.contains("\nresolved in the township "), "{stdout}");
    // Nothing on stderr when it is not a terminal: no progress bar.
    assert_eq!(err, "");
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["replications"], 2);
    assert_eq!(summary["from"], "2025-01-01");
    assert_eq!(summary["to"], "2025-01-02");
    assert_eq!(summary["variants"][1], "devolve-and-staff");
}

#[test]
fn the_table_speaks_chinese() {
    let dir = Scratch::new("sim-zh");
    let out = dir.0.join("out");
    let (code, stdout, err) = jiceng(
        &[
            "--lang",
            "zh",
            "simulate",
            "--bundled",
            "baitaling",
            "--days",
            "5",
            "--replications",
            "2",
            "--out",
            path_str(&out),
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    let header: Vec<&str> = stdout
        .lines()
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    assert_eq!(
        header[..3],
        ["指标", "baseline", "plus-21-staff"],
        "{stdout}"
    );
    assert!(stdout.contains("每名工作人员服务人口"), "{stdout}");
}

#[test]
fn a_bad_scenario_reports_every_problem_and_runs_nothing() {
    let dir = Scratch::new("sim-bad");
    let text = jiceng::sim::scenario::BUNDLED_QIU
        .replace("population = 42000", "population = 0")
        .replace("days = 365", "days = 0");
    let file = dir.write("bad.toml", &text);
    let out = dir.0.join("out");
    let err = expect_input_error(
        &["simulate", path_str(&file), "--out", path_str(&out)],
        "",
        &[
            "bad.toml:",
            "period.days",
            "territory.county[0].township[0].population",
            "2 problem(s)",
        ],
    );
    assert!(!out.exists(), "{err}");
}

#[test]
fn shards_merge_into_the_single_run_byte_for_byte() {
    let dir = Scratch::new("sim-shards");
    let single = dir.0.join("single");
    let shards = dir.0.join("shards");
    let merged = dir.0.join("merged");
    let common = [
        "--bundled",
        "qiu",
        "--days",
        "15",
        "--replications",
        "5",
        "--seed",
        "9",
    ];
    let mut args = vec!["simulate"];
    args.extend(common);
    args.extend(["--out", path_str(&single)]);
    let (code, single_table, err) = jiceng(&args, "");
    assert_eq!(code, 0, "{err}");
    for k in ["0/3", "1/3", "2/3"] {
        let mut args = vec!["simulate"];
        args.extend(common);
        args.extend(["--shard", k, "--out", path_str(&shards)]);
        let (code, _, err) = jiceng(&args, "");
        assert_eq!(code, 0, "{err}");
    }
    let files: Vec<String> = ["2", "0", "1"]
        .iter()
        .map(|k| path_str(&shards.join(format!("shard-{k}-of-3.json"))).to_owned())
        .collect();
    let mut args = vec!["sim", "merge"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--out", path_str(&merged)]);
    let (code, merged_table, err) = jiceng(&args, "");
    assert_eq!(code, 0, "{err}");
    assert_eq!(merged_table, single_table);
    let a = std::fs::read(single.join("summary.json")).unwrap();
    let b = std::fs::read(merged.join("summary.json")).unwrap();
    assert!(a == b, "summary.json differs");
    // Without shard 1 the merge names the missing replication (1).
    let (code, _, err) = jiceng(
        &[
            "sim",
            "merge",
            &files[0],
            &files[1],
            "--out",
            path_str(&merged),
        ],
        "",
    );
    assert_eq!(code, 2);
    assert!(err.contains("replication 1 is missing"), "{err}");
}

#[test]
fn bad_arguments_are_input_errors() {
    expect_input_error(&["simulate", "--shard", "3/3"], "", &["bad shard `3/3`"]);
    expect_input_error(
        &["simulate", "--replications", "0"],
        "",
        &["--replications 0"],
    );
    expect_input_error(&["simulate", "no-such.toml"], "", &["no-such.toml"]);
}

#[test]
fn the_scenario_schema_is_published() {
    let (code, out, _) = jiceng(&["schema", "scenario"], "");
    assert_eq!(code, 0);
    let schema: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(schema["properties"]["territory"].is_object(), "{out}");
}
