//! `jiceng staffing`.
//!
//! Expected figures: Baitaling (story): 39 staff, 183,000 residents, +21.
//! pyworkforce's README example: 100 transactions in 30 minutes (200 an
//! hour), AHT 3 minutes, 80% within 20 seconds, max occupancy 0.85,
//! shrinkage 0.3 → 14 raw positions, 20 positions, occupancy 10/14.

#![allow(clippy::unwrap_used)]

use super::*;

const BAITALING_TOML: &str = "crates/staffing/data/baitaling.toml";
const BAITALING_CSV: &str = "crates/staffing/data/baitaling.csv";
const BAITALING_UNITS: &str = "crates/staffing/data/baitaling-units.csv";

#[test]
fn staffing_plan_baitaling() {
    let args = [
        "staffing",
        "plan",
        "--pool",
        "21",
        "--units",
        BAITALING_UNITS,
        "--weights",
        "population=1",
    ];
    check(&[(&args, "code,before,after\nbaitaling,39,60")]);
    let mut json_args = args.to_vec();
    json_args.push("--json");
    let (code, out, err) = jiceng(&json_args, "");
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["units"][0]["code"], "baitaling");
    assert_eq!(
        (
            v["units"][0]["before"].as_u64(),
            v["units"][0]["after"].as_u64()
        ),
        (Some(39), Some(60))
    );
    assert_eq!(v["total"], 60);
    // One unit: nothing to compare, so both measures are 0.
    assert_eq!(
        (v["cv"].as_f64(), v["gini"].as_f64()),
        (Some(0.0), Some(0.0))
    );
    // 183,000 / 39 = 4,692.3 residents per staff before.
    assert_eq!(
        v["units"][0]["residents_per_staff_before"]
            .as_f64()
            .unwrap()
            .round(),
        4692.0
    );
}

/// Two units, populations 300 and 100, 8 new quotas by Hamilton: 6 and 2
/// (exact). In Chinese the table's labels change; the numbers do not.
#[test]
fn staffing_plan_methods_formats_and_languages() {
    let scratch = Scratch::new("staffing-plan");
    let units = scratch.write(
        "u.csv",
        "code,current,population,area\nA,10,300,1\nB,10,100,3\n",
    );
    let u = path_str(&units);
    check(&[
        (
            &[
                "staffing",
                "plan",
                "--pool",
                "8",
                "--units",
                u,
                "--weights",
                "population=1",
            ],
            "code,before,after\nA,10,16\nB,10,12",
        ),
        // Equal weights on both columns: scores .75/2 + .25/2 = .5 each
        // (300/400 and 1/4; 100/400 and 3/4): 4 and 4.
        (
            &[
                "staffing",
                "plan",
                "--pool",
                "8",
                "--units",
                u,
                "--weights",
                "population=1,area=1",
                "--method",
                "dhondt",
            ],
            "code,before,after\nA,10,14\nB,10,14",
        ),
        // A floor of 15 after: each needs 5, the pool of 10 is all used
        // by the floors.
        (
            &[
                "staffing",
                "plan",
                "--pool",
                "10",
                "--units",
                u,
                "--weights",
                "population=1",
                "--min",
                "15",
                "--method",
                "webster",
            ],
            "code,before,after\nA,10,15\nB,10,15",
        ),
    ]);
    let (code, out, _) = jiceng(
        &[
            "--lang",
            "zh",
            "staffing",
            "plan",
            "--pool",
            "8",
            "--units",
            u,
            "--weights",
            "population=1",
            "--format",
            "table",
        ],
        "",
    );
    assert_eq!(code, 0);
    assert!(
        out.contains("调整前") && out.contains("合计: 20 → 28"),
        "{out}"
    );
    let (code, out, _) = jiceng(
        &[
            "staffing",
            "plan",
            "--pool",
            "8",
            "--units",
            u,
            "--weights",
            "population=1",
            "--format",
            "md",
        ],
        "",
    );
    assert_eq!(code, 0);
    assert!(
        out.starts_with("| code | before | after |\n|---|---:|---:|\n| A | 10 | 16 |"),
        "{out}"
    );
}

#[test]
fn staffing_plan_bad_input_exits_2() {
    let scratch = Scratch::new("staffing-plan-bad");
    let units = scratch.write("u.csv", "code,current,population\nA,10,300\nB,10,100\n");
    let u = path_str(&units);
    expect_input_error(
        &[
            "staffing",
            "plan",
            "--pool",
            "8",
            "--units",
            u,
            "--weights",
            "population=1",
            "--min",
            "15",
        ],
        "",
        &["infeasible: the floors need 10 but the pool is 8: 2 short"],
    );
    expect_input_error(
        &[
            "staffing",
            "plan",
            "--pool",
            "8",
            "--units",
            u,
            "--weights",
            "people=1",
        ],
        "",
        &["weights = people"],
    );
    expect_input_error(
        &[
            "staffing",
            "plan",
            "--pool",
            "8",
            "--units",
            u,
            "--weights",
            "population",
        ],
        "",
        &["COLUMN=WEIGHT"],
    );
    expect_input_error(
        &[
            "staffing",
            "plan",
            "--pool",
            "8",
            "--units",
            "nowhere.csv",
            "--weights",
            "population=1",
        ],
        "",
        &["cannot read nowhere.csv"],
    );
    let bad = scratch.write("bad.csv", "code,current,population\nA,ten,300\n");
    expect_input_error(
        &[
            "staffing",
            "plan",
            "--pool",
            "8",
            "--units",
            path_str(&bad),
            "--weights",
            "population=1",
        ],
        "",
        &[
            "bad.csv:2: column current: \"ten\" is not a whole number of staff",
            "bad.csv: 1 bad row: no plan",
        ],
    );
}

#[test]
fn staffing_erlang_matches_pyworkforce() {
    let args = [
        "staffing",
        "erlang",
        "--arrivals",
        "200",
        "--per",
        "hour",
        "--aht-minutes",
        "3",
        "--target-share",
        "0.8",
        "--within-minutes",
        "0.3333333333333333",
        "--shrinkage",
        "0.3",
        "--max-occupancy",
        "0.85",
        "--json",
    ];
    let (code, out, err) = jiceng(&args, "");
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (v["raw_positions"].as_u64(), v["positions"].as_u64()),
        (Some(14), Some(20))
    );
    assert!((v["occupancy"].as_f64().unwrap() - 10.0 / 14.0).abs() < 1e-12);
    for key in ["service_level", "waiting_probability"] {
        assert!(v[key].is_number(), "{key}");
    }
    let (code, out, _) = jiceng(&args[..args.len() - 1], "");
    assert_eq!(code, 0);
    assert!(out.starts_with("staff needed: 20 (14 at work;"), "{out}");
    // Per day: 1,600 arrivals in an 8-hour day is the same 200 an hour.
    let mut day = args[..args.len() - 1].to_vec();
    day[3] = "1600";
    day[5] = "day";
    let (_, out2, _) = jiceng(&day, "");
    assert_eq!(out2, out);
    // Erlang A, in Chinese.
    let mut a = args[..args.len() - 1].to_vec();
    a.splice(0..0, ["--lang", "zh"]);
    a.extend(["--abandon-minutes", "2"]);
    let (code, out, err) = jiceng(&a, "");
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("所需人员: ") && out.contains("放弃率"),
        "{out}"
    );
    expect_input_error(
        &[
            "staffing",
            "erlang",
            "--arrivals",
            "0",
            "--aht-minutes",
            "3",
            "--target-share",
            "0.8",
            "--within-minutes",
            "1",
        ],
        "",
        &["transactions = 0"],
    );
}

#[test]
fn staffing_check_and_at() {
    for file in [BAITALING_TOML, BAITALING_CSV] {
        let (code, out, err) = jiceng(&["staffing", "check", file], "");
        assert_eq!((code, out.as_str()), (0, "errors: 0, flags: 0\n"), "{err}");
    }
    let scratch = Scratch::new("staffing-check");
    let bad = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(BAITALING_TOML))
        .unwrap()
        .replace("count = 21\n\n[[event]]", "count = 20\n\n[[event]]");
    let path = scratch.write("bad.toml", &bad);
    let (code, out, _) = jiceng(&["staffing", "check", path_str(&path)], "");
    assert_eq!(code, 1);
    // The district holds 20 and cannot sink 21: the sink's [[event]] header
    // is on line 45 of the bundled file.
    assert!(out.contains(":45: error: transfer of 21 other quotas from haigang to baitaling refused: haigang holds 20"), "{out}");
    let (code, out, _) = jiceng(&["staffing", "check", path_str(&path), "--json"], "");
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["line"], 45);
    assert_eq!(v[0]["severity"], "error");

    check(&[(
        &[
            "staffing",
            "at",
            BAITALING_TOML,
            "--body",
            "baitaling",
            "--date",
            "2019-05-31",
        ],
        "baitaling 白塔岭街道 on 2019-05-31\n  administrative: quotas 0, headcount 0, vacant 0, over 0\n  public_institution: quotas 0, headcount 0, vacant 0, over 0\n  other: quotas 39, headcount 39, vacant 0, over 0\ninstruments:\n  2019-01-01 create baitaling 39 other: illustrative: establishment before the reform\n  2019-01-01 hire baitaling 39 other: illustrative: staff before the reform",
    )]);
    let (code, out, _) = jiceng(
        &[
            "staffing",
            "at",
            BAITALING_CSV,
            "--body",
            "baitaling",
            "--date",
            "2019-06-01",
            "--json",
        ],
        "",
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["establishment"]["quotas"]["other"], 60);
    assert_eq!(v["events"][2]["kind"], "sink");
    let (code, out, _) = jiceng(
        &[
            "--lang",
            "zh",
            "staffing",
            "at",
            BAITALING_TOML,
            "--body",
            "baitaling",
            "--date",
            "2019-06-01",
        ],
        "",
    );
    assert_eq!(code, 0);
    assert!(
        out.contains("其他编制: 编制 60, 实有 39, 空编 21, 超编 0"),
        "{out}"
    );
    expect_input_error(
        &[
            "staffing",
            "at",
            BAITALING_TOML,
            "--body",
            "nowhere",
            "--date",
            "2019-06-01",
        ],
        "",
        &["unknown body \"nowhere\""],
    );
    expect_input_error(
        &[
            "staffing",
            "at",
            BAITALING_TOML,
            "--body",
            "baitaling",
            "--date",
            "2019-13-01",
        ],
        "",
        &["invalid --date"],
    );
}

#[test]
fn staffing_schemas() {
    let (code, out, _) = jiceng(&["schema", "staffing"], "");
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["properties"]["event"].is_object());
    for (part, key) in [
        ("plan", "gini"),
        ("erlang", "raw_positions"),
        ("at", "establishment"),
        ("ledger", "body"),
    ] {
        let (code, out, _) = jiceng(&["staffing", "schema", part], "");
        assert_eq!(code, 0);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert!(v["properties"][key].is_object(), "{part}: {key}");
    }
}
