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
    // The table's header: the metric, then each variant's column.
    let head: Vec<&str> = stdout
        .lines()
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    assert_eq!(
        head[..3],
        ["metric", "baseline", "devolve-and-staff"],
        "{stdout}"
    );
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
    let head: Vec<&str> = stdout
        .lines()
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    assert_eq!(head[..3], ["指标", "baseline", "plus-21-staff"], "{stdout}");
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

/// Regression: a 2.7 KB shard file saying `"replications":4294967295`
/// made `sim merge` allocate 4 GB and abort (exit 134). It is bad input:
/// exit 2, naming the bound that `simulate` also applies.
#[test]
fn a_shard_claiming_too_many_replications_is_bad_input() {
    let dir = Scratch::new("sim-hostile-shard");
    let shards = dir.0.join("shards");
    let (code, _, err) = jiceng(
        &[
            "simulate",
            "--bundled",
            "baitaling",
            "--days",
            "3",
            "--replications",
            "3",
            "--shard",
            "0/3",
            "--out",
            path_str(&shards),
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    let file = shards.join("shard-0-of-3.json");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("\"replications\":3"), "{text}");
    let hostile = dir.0.join("hostile-shard.json");
    std::fs::write(
        &hostile,
        text.replace("\"replications\":3", "\"replications\":4294967295"),
    )
    .unwrap();
    expect_input_error(
        &[
            "sim",
            "merge",
            path_str(&hostile),
            "--out",
            path_str(&dir.0.join("out")),
        ],
        "",
        &["4294967295 replications: expected 1 to 10000"],
    );
}

/// Regression: the hand-made sc_big.toml (1,000 counties, ten years, a
/// daily series per county) aborted allocating 1.7 GB. It is refused at
/// load: (1 + 1,000) series × 3,660 days × 2 variants = 7,327,320 points.
#[test]
fn a_scenario_whose_output_is_too_large_is_refused_at_load() {
    let dir = Scratch::new("sim-big");
    let file = dir.0.join("sc_big.toml");
    std::fs::write(
        &file,
        "name = \"big\"\nseed = 1\nreplications = 1\n[period]\nfrom = \"2025-01-01\"\n\
         days = 3660\n[territory]\nprovince_code = \"130000000000\"\nprovince_name = \"p\"\n\
         [territory.synthetic]\nseed = 1\ncounties = 1000\ntownships_per_county = [1, 1]\n\
         population_median = 1000.0\npopulation_sigma = 0.1\n[policy]\n\
         working_hours = \"00:00-23:59\"\ncalendar = \"every_day\"\n[output]\n\
         daily = \"counties\"\n[[item]]\ncode = \"grid.x\"\nkind = \"grid\"\nrate = 0.01\n\
         held_by = \"township\"\n\
         handling.township = { median_minutes = 10, shape = \"exponential\" }\n\
         handling.county = { median_minutes = 10, shape = \"exponential\" }\n\
         [[reform]]\nname = \"r\"\n",
    )
    .unwrap();
    expect_input_error(
        &[
            "simulate",
            path_str(&file),
            "--out",
            path_str(&dir.0.join("o")),
        ],
        "",
        &["output.daily", "= 7327320 daily points: at most 150000"],
    );
}

/// The bundled province for one day holds 2 × (2,306 × 104 + 167 + 4) =
/// 479,990 cells a replication; 2^25 / 479,990 = 69.9, so 70 replications
/// are refused before anything runs.
#[test]
fn replications_that_would_not_fit_in_memory_are_refused_before_running() {
    let dir = Scratch::new("sim-reps");
    expect_input_error(
        &[
            "simulate",
            "--days",
            "1",
            "--replications",
            "70",
            "--out",
            path_str(&dir.0.join("o")),
        ],
        "",
        &["replications = 70", "so at most 69 replications"],
    );
}

/// Regression: value errors had no line, and a bad file's problems came
/// in rounds. The hand-made sc_three.toml without its type error: the
/// days (line 11) and the rate (line 31) come together, each at its line.
#[test]
fn every_value_error_comes_at_once_with_its_line() {
    let dir = Scratch::new("sim-lines");
    let file = dir.0.join("three.toml");
    std::fs::write(
        &file,
        include_str!("../../crates/sim/data/mmc.toml")
            .replace("days = 3660", "days = 0")
            .replace("rate = 47.96666666666667", "rate = -1.0"),
    )
    .unwrap();
    expect_input_error(
        &[
            "simulate",
            path_str(&file),
            "--out",
            path_str(&dir.0.join("o")),
        ],
        "",
        &[
            "2 problem(s) in the scenario",
            "three.toml:11: period.days: 0 is not between 1 and 3660",
            "three.toml:31: item[0].rate: -1 is not between 0 and 10000",
        ],
    );
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

/// The mean of the province's daily share resolved locally over `[a, b]`.
fn daily_local_share(summary: &serde_json::Value, a: &str, b: &str) -> f64 {
    let v: Vec<f64> = summary["daily"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| {
            e["variant"] == "baseline"
                && e["division"] == "130000000000"
                && e["metric"] == "resolved_locally"
                && e["day"].as_str().is_some_and(|d| d >= a && d <= b)
        })
        .map(|e| e["mean"].as_f64().unwrap())
        .collect();
    assert!(v.len() > 10, "{a}..{b}: {}", v.len());
    v.iter().sum::<f64>() / v.len() as f64
}

#[test]
fn a_scenario_reads_the_ledger_file_it_names_beside_it() {
    // The bundled Qiu scenario over a copy of the bundled ledger whose
    // devolution (qiu-devolution-2022) takes effect on 1 February instead
    // of 1 March: February's daily share of grid events and penalty cases
    // resolved in the township is then the devolved one, 2.33 of 3.1
    // (0.752), not 1.35 of 3.1 (0.435) (see the sim crate's ledger tests).
    let dir = Scratch::new("sim-ledger");
    let at = jiceng::authority::BUNDLED_HEBEI_SAMPLE
        .find("id = \"qiu-devolution-2022\"")
        .unwrap();
    let mut ledger = jiceng::authority::BUNDLED_HEBEI_SAMPLE.to_owned();
    let rest = ledger[at..].replacen(
        "effective_from = \"2022-03-01\"",
        "effective_from = \"2022-02-01\"",
        1,
    );
    ledger.replace_range(at.., &rest);
    std::fs::write(dir.0.join("qiu-ledger.toml"), ledger).unwrap();
    let scenario = jiceng::sim::scenario::BUNDLED_QIU
        .replace("ledger = \"bundled\"", "ledger = \"qiu-ledger.toml\"");
    let file = dir.0.join("qiu.toml");
    std::fs::write(&file, &scenario).unwrap();
    let out = dir.0.join("out");
    let (code, _, err) = jiceng(
        &[
            "simulate",
            path_str(&file),
            "--days",
            "59",
            "--replications",
            "1",
            "--out",
            path_str(&out),
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    let before = daily_local_share(&summary, "2022-01-04", "2022-01-28");
    let after = daily_local_share(&summary, "2022-02-07", "2022-02-28");
    assert!((before - 0.435).abs() < 0.08, "{before}");
    assert!((after - 0.752).abs() < 0.08, "{after}");

    // A ledger file that is not there, and an item code the ledger does not
    // know (on its line, with its field), are input errors.
    std::fs::remove_file(dir.0.join("qiu-ledger.toml")).unwrap();
    expect_input_error(&["simulate", path_str(&file)], "", &["qiu-ledger.toml"]);
    let bad = scenario
        .replace("ledger = \"qiu-ledger.toml\"", "ledger = \"bundled\"")
        .replace("\"HB-CF-043\"", "\"HB-CF-999\"");
    std::fs::write(&file, &bad).unwrap();
    // The line of the field itself, not of its item's first key.
    let line = bad[..bad.find("power_item = \"HB-CF-999\"").unwrap()]
        .matches('\n')
        .count()
        + 1;
    expect_input_error(
        &["simulate", path_str(&file)],
        "",
        &[&format!("qiu.toml:{line}: item[5].power_item: `HB-CF-999`")],
    );
}

/// The errors of `simulate` and `sim merge` are said in Chinese under
/// `--lang zh`, and in English by default.
#[test]
fn simulate_errors_speak_the_chosen_language() {
    let dir = Scratch::new("sim-zh");
    let text = jiceng::sim::scenario::BUNDLED_QIU
        .replace("population = 42000", "population = 0")
        .replace("replications = 10", "replications = 0");
    let bad = dir.write("bad.toml", &text);
    let shard = dir.write("shard.json", "{}");
    let (bad, shard) = (path_str(&bad), path_str(&shard));
    let cases: &[(&[&str], &[&str], &[&str])] = &[
        (
            &["simulate", "--bundled", "qiu", "--replications", "0"],
            &["jiceng: error: --replications 0: expected 1 to 10000\n"],
            &["jiceng: 错误: --replications 0：应为 1 到 10000\n"],
        ),
        (
            &["simulate", "--bundled", "qiu", "--shard", "8/8"],
            &["bad shard `8/8`: expected K/N with 0 <= K < N <= 10000"],
            &["jiceng: 错误: 分片 `8/8` 无效：应为 K/N，且 0 <= K < N <= 10000\n"],
        ),
        (
            &["simulate", "--bundled", "qiu", "--days", "0"],
            &["days = 0: expected 1 to 3660"],
            &["jiceng: 错误: days = 0：应为 1 到 3660\n"],
        ),
        (
            &["simulate", bad],
            &[
                "2 problem(s) in the scenario:",
                ": replications: 0 is not between 1 and 100000",
            ],
            &[
                "jiceng: 错误: 场景中有 2 处问题：\n",
                ": replications: 0 不在 1 到 100000 之间\n",
                ": territory.county[0].township[0].population: 0 不在 1 到 10000000 之间\n",
            ],
        ),
        (
            &["simulate", "tests/cli/data/nowhere.toml"],
            &["cannot read tests/cli/data/nowhere.toml: "],
            &["jiceng: 错误: 无法读取 tests/cli/data/nowhere.toml：文件或目录不存在\n"],
        ),
        (
            &["sim", "merge", shard],
            &[": not a shard file: missing field"],
            &[":1: 不是分片文件（JSON 解析器的说明：missing field"],
        ),
    ];
    for (args, en, zh) in cases {
        let en_err = expect_input_error(args, "", en);
        assert!(!en_err.contains("错误"), "{en_err}");
        let zh_args: Vec<&str> = ["--lang", "zh"]
            .iter()
            .chain(args.iter())
            .copied()
            .collect();
        let zh_err = expect_input_error(&zh_args, "", zh);
        assert!(!zh_err.contains(" is not "), "{zh_err}");
    }
}

#[test]
fn a_day_outside_the_calendar_names_both_switches_in_chinese() {
    let dir = Scratch::new("sim-zh-coverage");
    let text = jiceng::sim::scenario::BUNDLED_QIU
        .replace("from = \"2022-01-01\"", "from = \"2040-01-01\"");
    let file = dir.write("late.toml", &text);
    let err = expect_input_error(&["--lang", "zh", "simulate", path_str(&file)], "", &[]);
    assert!(
        err.starts_with("jiceng: 错误: 日历：")
            && err.contains(": period.from：2040-01-01 超出日历覆盖范围 2010-01-01..=2026-12-31：")
            && err
                .ends_with("；请在场景中设置 `[policy] provisional = true`，或加 --provisional\n"),
        "{err}"
    );
}
