//! `jiceng authority`.

#![allow(clippy::unwrap_used)]

use super::*;
// ---------------------------------------------------------------------------
// jiceng authority: the bundled Hebei sample unless a ledger is named.
// Expected holders follow from the sample's instruments: Qiu County
// concentrated HB-CF-001..087 in its bureau from 2021-06-01 and devolved
// HB-CF-001..040 to its 7 townships from 2022-03-01.

#[test]
fn authority_check_of_the_bundled_sample_is_clean() {
    // A clean ledger says so in one line: the sample has 100 `[[item]]`
    // and 8 `[[instrument]]` tables.
    let (code, out, err) = jiceng(&["authority", "check"], "");
    assert_eq!(code, 0, "stderr {err:?}");
    assert_eq!(out, "0 errors, 0 warnings in 100 items and 8 instruments\n");
    let (code, out, _) = jiceng(&["--lang", "zh", "authority", "check"], "");
    assert_eq!(code, 0);
    assert_eq!(out, "0 个错误，0 个警告（100 个事项，8 份文件）\n");
    // With a date, the Art. 24 evaluation interval is checked: the Qiu
    // devolution was last evaluated in March 2023.
    let (code, out, _) = jiceng(&["authority", "check", "--as-of", "2025-06-01"], "");
    assert_eq!(code, 0);
    assert!(out.starts_with("warning\t"), "{out:?}");
    assert!(out.contains("qiu-devolution-2022"), "{out:?}");
}

#[test]
fn authority_check_reports_errors_with_locations_and_exit_1() {
    let scratch = Scratch::new("authority-check");
    // The sample with its guidance list taken out: every devolved item is
    // then not on a list in force.
    let sample = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/authority/data/hebei-sample.toml"),
    )
    .unwrap();
    let bad = sample.replace("kind = \"guidance_list\"", "kind = \"evaluation\"");
    let path = scratch.write("bad.toml", &bad);
    let (code, out, err) = jiceng(&["authority", "check", path_str(&path)], "");
    assert_eq!(code, 1, "stderr {err:?}");
    let first = out
        .lines()
        .find(|l| l.contains("not_on") || l.contains("no guidance list"))
        .unwrap_or_default();
    assert!(first.starts_with("error\t"), "{out}");
    assert!(first.contains("bad.toml:"), "{first}");
    assert!(err.contains("error"), "{err}");
    // JSON output is one array.
    let (code, out, _) = jiceng(&["authority", "check", path_str(&path), "--json"], "");
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .any(|f| f["kind"] == "not_on_guidance_list")
    );
    // Unreadable and unparsable files: exit 2.
    expect_input_error(
        &["authority", "check", "/nonexistent/ledger.toml"],
        "",
        &["/nonexistent/ledger.toml"],
    );
    let broken = scratch.write(
        "broken.toml",
        "format = 1\nname = \"x\"\n[[item]]\ncode = 5\n",
    );
    expect_input_error(
        &["authority", "check", path_str(&broken)],
        "",
        &["broken.toml:4"],
    );
    // Several problems: all of them, one a line, in file order (lines
    // numbered by hand: the instrument's bad kind is on line 5, the item's
    // number code on line 9).
    let several = scratch.write(
        "several.toml",
        "format = 1\nname = \"x\"\n[[instrument]]\nid = \"i\"\nkind = \"devolve\"\n\
         issuer = \"g\"\ntitle = \"t\"\n[[item]]\ncode = 5\n",
    );
    let err = expect_input_error(&["authority", "check", path_str(&several)], "", &[]);
    let at: Vec<usize> = ["several.toml:5:", "several.toml:9:"]
        .iter()
        .map(|n| err.find(n).unwrap_or_else(|| panic!("{n} in {err:?}")))
        .collect();
    assert!(at[0] < at[1], "{err:?}");
    assert_eq!(err.lines().count(), 2, "{err:?}");
}

#[test]
fn authority_holder_plain_explained_and_json() {
    check(&[
        (
            &[
                "authority",
                "holder",
                "--item",
                "HB-CF-001",
                "--division",
                "130430104000",
                "--date",
                "2024-06-01",
            ],
            "130430104-gov 古城营镇人民政府",
        ),
        // Before the devolution: the bureau; before the concentration: the department.
        (
            &[
                "authority",
                "holder",
                "--item",
                "HB-CF-001",
                "--division",
                "130430104000",
                "--date",
                "2022-02-28",
            ],
            "130430-zhzf 邱县综合行政执法局",
        ),
    ]);
    let (code, out, _) = jiceng(
        &[
            "authority",
            "holder",
            "--item",
            "HB-CF-001",
            "--division",
            "130430104000",
            "--date",
            "2024-06-01",
            "--explain",
        ],
        "",
    );
    assert_eq!(code, 0);
    assert!(out.contains("古城营镇综合行政执法队"), "{out}");
    assert!(out.contains("划转") && out.contains("下放"), "{out}");
    let (code, out, _) = jiceng(
        &[
            "authority",
            "holder",
            "--item",
            "HB-CF-001",
            "--division",
            "130430104000",
            "--date",
            "2024-06-01",
            "--json",
        ],
        "",
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["holder"]["code"], "130430104-gov");
    assert_eq!(v["holder"]["name"], "古城营镇人民政府");
    assert_eq!(v["explanation"].as_array().unwrap().len(), 3);
    expect_input_error(
        &[
            "authority",
            "holder",
            "--item",
            "NOPE",
            "--division",
            "130430104000",
            "--date",
            "2024-06-01",
        ],
        "",
        &["NOPE"],
    );
}

#[test]
fn authority_diff_and_stats() {
    let (code, out, _) = jiceng(
        &[
            "authority",
            "diff",
            "--from",
            "2022-02-28",
            "--to",
            "2022-03-01",
        ],
        "",
    );
    assert_eq!(code, 0);
    // 40 items to 7 townships on 2022-03-01: 280 additions.
    assert_eq!(
        out.lines().filter(|l| l.starts_with("added")).count(),
        280,
        "{out}"
    );
    let (code, out, _) = jiceng(
        &[
            "authority",
            "diff",
            "--from",
            "2022-02-28",
            "--to",
            "2022-03-01",
            "--json",
        ],
        "",
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["changes"].as_array().unwrap().len(), 280);
    let (code, out, _) = jiceng(
        &["authority", "stats", "--date", "2024-06-01", "--json"],
        "",
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let qiu = v["counties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "邱县")
        .unwrap();
    assert_eq!(qiu["townships"], 7);
    assert_eq!(qiu["devolved"], 280);
    assert_eq!(qiu["concentrated"], 87);
    let (code, out, _) = jiceng(&["authority", "stats", "--date", "2024-06-01"], "");
    assert_eq!(code, 0);
    assert!(out.contains("邱县"), "{out}");
}

#[test]
fn authority_schema_and_synth() {
    let (code, out, _) = jiceng(&["schema", "authority"], "");
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert!(v["properties"]["instrument"].is_object());
    let (code, out, _) = jiceng(
        &[
            "authority",
            "synth",
            "--seed",
            "3",
            "--townships",
            "30",
            "--villages",
            "10",
            "--items",
            "20",
            "--instruments",
            "60",
        ],
        "",
    );
    assert_eq!(code, 0);
    let scratch = Scratch::new("authority-synth");
    let path = scratch.write("synth.json", &out);
    let (code, _, err) = jiceng(&["authority", "check", path_str(&path)], "");
    assert_eq!(code, 0, "{err}");
}

// 梁家村镇 (130926101000) of Suning County: four items devolved to every
// township from 2022-07-01 (HB-XK-001, HB-XK-002, HB-GF-001, HB-GF-002),
// and HB-GF-003 entrusted by the county civil affairs bureau from
// 2023-01-01. It carries no `economically-developed` tag.
const LIANGJIACUN: &str = "130926101000";

#[test]
fn authority_powers_in_every_format() {
    let args = |format: &'static str| {
        vec![
            "authority",
            "powers",
            "--division",
            LIANGJIACUN,
            "--date",
            "2024-06-01",
            "--format",
            format,
        ]
    };
    let (code, out, err) = jiceng(&args("json"), "");
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let items: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["item"].as_str().unwrap())
        .collect();
    assert_eq!(
        items,
        [
            "HB-XK-001",
            "HB-XK-002",
            "HB-GF-001",
            "HB-GF-002",
            "HB-GF-003"
        ]
    );
    // The entrusted item stays the county bureau's; the township exercises it.
    let gf3 = &v[4];
    assert_eq!(gf3["holder"]["code"], "130926-mzj");
    assert_eq!(gf3["exercised_by"]["code"], "130926101-fwzx");
    assert_eq!(gf3["instrument"]["kind"], "entrustment");
    let (code, out, _) = jiceng(&args("csv"), "");
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 6, "{out}");
    assert!(
        out.starts_with("item,name,category,sector,legal basis,holder,exercised by,instrument\n")
    );
    let (code, out, _) = jiceng(&args("md"), "");
    assert_eq!(code, 0);
    assert!(out.lines().nth(1).unwrap().starts_with("|---|"), "{out}");
    let mut zh = vec!["--lang", "zh"];
    zh.extend(args("table"));
    let (code, out, _) = jiceng(&zh, "");
    assert_eq!(code, 0);
    assert!(out.starts_with("事项编码"), "{out}");
    assert!(out.contains("行政许可"), "{out}");
    // Before the devolution the township has nothing; a county is refused.
    let (code, out, _) = jiceng(
        &[
            "authority",
            "powers",
            "--division",
            LIANGJIACUN,
            "--date",
            "2022-06-30",
        ],
        "",
    );
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 1, "{out}");
    expect_input_error(
        &[
            "authority",
            "powers",
            "--division",
            "130926000000",
            "--date",
            "2024-06-01",
        ],
        "",
        &["130926000000"],
    );
}

#[test]
fn authority_timeline_lists_each_change_with_its_instrument() {
    // HB-CF-001 in 古城营镇: the environment bureau by law, the Qiu
    // enforcement bureau from 2021-06-01, the town from 2022-03-01.
    let (code, out, _) = jiceng(
        &[
            "authority",
            "timeline",
            "--item",
            "HB-CF-001",
            "--division",
            "130430104000",
            "--json",
        ],
        "",
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 3, "{out}");
    assert_eq!(rows[0]["holder"]["code"], "130430-sthj");
    assert_eq!(rows[0]["until"], "2021-06-01");
    assert_eq!(rows[1]["from"], "2021-06-01");
    assert_eq!(rows[1]["instrument"]["kind"], "concentration");
    assert_eq!(rows[2]["from"], "2022-03-01");
    assert_eq!(rows[2]["holder"]["code"], "130430104-gov");
    assert!(rows[2].get("until").is_none());
    let (code, out, _) = jiceng(
        &[
            "authority",
            "timeline",
            "--item",
            "HB-CF-001",
            "--division",
            "130430104000",
        ],
        "",
    );
    assert_eq!(code, 0);
    // A header, then the three stretches.
    assert_eq!(out.lines().count(), 4, "{out}");
}

#[test]
fn authority_list_filters_by_code_or_name() {
    let (code, out, _) = jiceng(
        &["authority", "list", "bodies", "--filter", "肃宁县民政局"],
        "",
    );
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(out.contains("130926-mzj"), "{out}");
    let (code, out, _) = jiceng(
        &[
            "authority",
            "list",
            "divisions",
            "--filter",
            "130430000000",
            "--format",
            "json",
        ],
        "",
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["name"], "邱县");
    let (code, out, _) = jiceng(&["authority", "list", "items", "--filter", "NO-SUCH"], "");
    assert_eq!(code, 0);
    assert_eq!(out, "nothing matches\n");
}

#[test]
fn authority_stats_count_entrustments_and_diff_shows_the_exerciser() {
    let (code, out, _) = jiceng(
        &["authority", "stats", "--date", "2024-06-01", "--json"],
        "",
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    // One item (HB-GF-003) entrusted to one town (梁家村镇).
    assert_eq!(v["entrusted"], 1);
    let suning = v["counties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "130926000000")
        .unwrap();
    assert_eq!(suning["entrusted"], 1);
    let (code, out, _) = jiceng(
        &[
            "authority",
            "diff",
            "--from",
            "2022-12-31",
            "--to",
            "2023-01-01",
        ],
        "",
    );
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "added   HB-GF-003 130926101000 - -> 130926-mzj (by 130926101-fwzx)\n"
    );
}

#[test]
fn authority_synth_bounds_its_flags() {
    expect_input_error(
        &["authority", "synth", "--townships", "100001"],
        "",
        &["--townships 100001", "0 to 100000"],
    );
    expect_input_error(
        &["authority", "synth", "--items", "10001"],
        "",
        &["--items"],
    );
    // No items at all: a valid, empty-handed province, not a panic.
    let (code, out, err) = jiceng(
        &[
            "authority",
            "synth",
            "--items",
            "0",
            "--townships",
            "20",
            "--villages",
            "0",
            "--instruments",
            "50",
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    let scratch = Scratch::new("authority-synth-empty");
    let path = scratch.write("synth.json", &out);
    let (code, out, err) = jiceng(&["authority", "check", path_str(&path)], "");
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn authority_check_reports_registry_problems_as_findings() {
    let scratch = Scratch::new("authority-registry");
    let sample = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/authority/data/hebei-sample.toml"),
    )
    .unwrap();
    // A second 邱县 division: one finding at the second occurrence, exit 1.
    let bad = format!(
        "{sample}\n[[division]]\ncode = \"130430000000\"\nname = \"邱县\"\nkind = \"county\"\n"
    );
    let path = scratch.write("dup.toml", &bad);
    let line = bad.lines().count() - 2;
    let (code, out, _) = jiceng(&["authority", "check", path_str(&path)], "");
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(&format!("dup.toml:{line} ")), "{out}");
}
