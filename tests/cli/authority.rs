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
    let (code, out, err) = jiceng(&["authority", "check"], "");
    assert_eq!(code, 0, "stderr {err:?}");
    assert_eq!(out, "");
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
