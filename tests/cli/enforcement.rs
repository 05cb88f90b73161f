//! `jiceng enforcement` and `jiceng org`.
//!
//! The workshop story runs on the bundled Hebei sample: items HB-CF-001..005
//! (生态环境, 市场监管, 应急管理, 农业农村, 自然资源) at 西杜林疃村
//! (130430104200), a village of 古城营镇. Before 1 June 2021 the five county
//! departments hold them; from 1 March 2022 the township government, acting
//! through its enforcement team.

#![allow(clippy::unwrap_used)]

use super::*;

const ITEMS: &str = "HB-CF-001,HB-CF-002,HB-CF-003,HB-CF-004,HB-CF-005";
const VILLAGE: &str = "130430104200";

#[test]
fn enforcement_jurisdiction_five_then_one() {
    check(&[
        (
            &[
                "enforcement",
                "jurisdiction",
                "--item",
                ITEMS,
                "--division",
                VILLAGE,
                "--date",
                "2021-01-04",
            ],
            "130430-sthj\t邱县生态环境分局\n130430-scjg\t邱县市场监督管理局\n130430-yjgl\t邱县应急管理局\n130430-nync\t邱县农业农村局\n130430-zrzy\t邱县自然资源局",
        ),
        (
            &[
                "enforcement",
                "jurisdiction",
                "--item",
                ITEMS,
                "--division",
                VILLAGE,
                "--date",
                "2024-06-01",
            ],
            "130430104-gov\t古城营镇人民政府\tacting: 古城营镇综合行政执法队",
        ),
        (
            &[
                "--lang",
                "zh",
                "enforcement",
                "jurisdiction",
                "--item",
                "HB-CF-001",
                "--division",
                VILLAGE,
                "--date",
                "2024-06-01",
            ],
            "130430104-gov\t古城营镇人民政府\t实施: 古城营镇综合行政执法队",
        ),
    ]);
}

#[test]
fn enforcement_jurisdiction_json_and_explain() {
    let (code, out, _) = jiceng(
        &[
            "enforcement",
            "jurisdiction",
            "--item",
            ITEMS,
            "--division",
            VILLAGE,
            "--date",
            "2024-06-01",
            "--json",
        ],
        "",
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["count"], 1);
    assert_eq!(v["bodies"][0]["code"], "130430104-gov");
    assert_eq!(v["bodies"][0]["name"], "古城营镇人民政府");
    assert_eq!(v["explanation"].as_array().unwrap().len(), 5);
    assert_eq!(v["explanation"][0]["basis"], "devolved");
    let (code, out, _) = jiceng(
        &[
            "enforcement",
            "jurisdiction",
            "--item",
            "HB-CF-001",
            "--division",
            VILLAGE,
            "--date",
            "2024-06-01",
            "--explain",
        ],
        "",
    );
    assert_eq!(code, 0);
    assert!(out.contains("行政处罚法第二十四条"), "{out}");
    assert!(
        out.contains("qiu-devolution-2022 邱政字〔2022〕6号"),
        "{out}"
    );
}

#[test]
fn enforcement_compare_before_after() {
    let (code, out, _) = jiceng(
        &[
            "enforcement",
            "compare",
            "--item",
            ITEMS,
            "--division",
            VILLAGE,
            "--before",
            "2021-01-04",
            "--after",
            "2024-06-01",
            "--json",
        ],
        "",
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (v["before"]["count"].as_u64(), v["after"]["count"].as_u64()),
        (Some(5), Some(1))
    );
    assert_eq!(v["came"][0], "130430104-gov");
    let (code, out, _) = jiceng(
        &[
            "enforcement",
            "compare",
            "--item",
            ITEMS,
            "--division",
            VILLAGE,
            "--before",
            "2021-01-04",
            "--after",
            "2024-06-01",
        ],
        "",
    );
    assert_eq!(code, 0);
    assert!(out.starts_with("before 2021-01-04: 5 bodies\n"), "{out}");
    assert!(out.contains("after 2024-06-01: 1 body\n"), "{out}");
}

#[test]
fn enforcement_money_and_time() {
    check(&[
        // Due 9 Oct 2025, paid 14 Oct: 5 days × 3% × 1,000 = 150.00.
        (
            &[
                "enforcement",
                "surcharge",
                "--fine",
                "1000",
                "--due",
                "2025-10-09",
                "--paid",
                "2025-10-14",
            ],
            "150.00",
        ),
        // 40 days late: capped at the fine.
        (
            &[
                "enforcement",
                "surcharge",
                "--fine",
                "1000",
                "--due",
                "2025-10-09",
                "--paid",
                "2025-11-18",
                "--json",
            ],
            r#"{"surcharge":"1000.00","days_late":40,"capped":true,"accrues_from":"2025-10-10"}"#,
        ),
        (
            &[
                "enforcement",
                "limitation",
                "--act-ended",
                "2023-05-10",
                "--discovered",
                "2025-05-10",
            ],
            "within 2025-05-10",
        ),
        (
            &[
                "enforcement",
                "limitation",
                "--act-ended",
                "2023-05-10",
                "--discovered",
                "2025-05-11",
            ],
            "expired 2025-05-10",
        ),
        (
            &[
                "enforcement",
                "limitation",
                "--act-ended",
                "2023-05-10",
                "--discovered",
                "2025-05-11",
                "--grave",
                "--json",
            ],
            r#"{"within":true,"last_day":"2028-05-10","years":5}"#,
        ),
        (
            &[
                "--lang",
                "zh",
                "enforcement",
                "limitation",
                "--act-ended",
                "2023-05-10",
                "--discovered",
                "2025-05-11",
            ],
            "已超过追责时效 2025-05-10",
        ),
        (
            &[
                "enforcement",
                "summary-eligible",
                "--party",
                "citizen",
                "--fine",
                "200",
            ],
            "true",
        ),
        (
            &[
                "enforcement",
                "summary-eligible",
                "--party",
                "citizen",
                "--fine",
                "200.01",
            ],
            "false",
        ),
        (
            &[
                "enforcement",
                "summary-eligible",
                "--party",
                "organisation",
                "--fine",
                "3000",
            ],
            "true",
        ),
        // Filed 3 Jul 2025: 28 + 31 + 30 + 1 = 1 Oct, rolled past National
        // Day (1–8 Oct) to 9 Oct. Told Friday 26 Sep: 28 (Sunday, worked),
        // 29, 30 Sep, 9, 10 Oct (Art. 85 across National Day). Decided 30
        // Sep: 9, 10, 11 (Saturday, worked), 13, 14, 15, 16 Oct. Served 3
        // Oct: 15 days end on Saturday 18 Oct, rolled to Monday 20 Oct. (The
        // dates must come in order: a decision before the notice is
        // refused.)
        (
            &[
                "enforcement",
                "deadlines",
                "--filed",
                "2025-07-03",
                "--notified",
                "2025-09-26",
                "--decided",
                "2025-09-30",
                "--served",
                "2025-10-03",
                "--json",
            ],
            r#"{"decision_due":"2025-10-09","hearing_request_due":"2025-10-10","service_due":"2025-10-16","payment_due":"2025-10-20","provisional":false}"#,
        ),
        (
            &["enforcement", "deadlines", "--filed", "2025-03-05"],
            "decision_due 2025-06-03\t90 days (Art. 60)",
        ),
    ]);
}

#[test]
fn enforcement_bad_input_exits_2() {
    expect_input_error(
        &[
            "enforcement",
            "surcharge",
            "--fine",
            "-5",
            "--due",
            "2025-10-09",
            "--paid",
            "2025-10-14",
        ],
        "",
        &["-5", "fine"],
    );
    expect_input_error(
        &[
            "enforcement",
            "surcharge",
            "--fine",
            "abc",
            "--due",
            "2025-10-09",
            "--paid",
            "2025-10-14",
        ],
        "",
        &["abc"],
    );
    expect_input_error(
        &[
            "enforcement",
            "limitation",
            "--act-ended",
            "2023-02-30",
            "--discovered",
            "2025-05-11",
        ],
        "",
        &["2023-02-30"],
    );
    expect_input_error(
        &[
            "enforcement",
            "jurisdiction",
            "--item",
            "HB-NOPE",
            "--division",
            VILLAGE,
            "--date",
            "2024-06-01",
        ],
        "",
        &["HB-NOPE"],
    );
    expect_input_error(
        &[
            "enforcement",
            "summary-eligible",
            "--party",
            "robot",
            "--fine",
            "1",
        ],
        "",
        &["robot"],
    );
}

#[test]
fn enforcement_evaluate_streams_and_reports_bad_lines() {
    let good = r#"{"id": "a", "events": [{"date": "2025-03-05", "kind": "filed"}]}"#;
    let impossible = r#"{"id": "b", "events": [{"date": "2025-03-05", "kind": "filed"}, {"date": "2025-03-06", "kind": "paid", "amount": "1"}]}"#;
    let input = format!("{good}\nnot json\n\n{impossible}\n{good}\n");
    let (code, out, err) = jiceng(
        &["enforcement", "evaluate", "-", "--at", "2025-07-01"],
        &input,
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("-:2:"), "{err}");
    assert!(
        err.contains("-:4: case \"b\": event 1: event paid is not allowed in state filed"),
        "{err}"
    );
    assert!(err.contains("2 bad lines"), "{err}");
    // Both good cases are overdue on 1 Jul (due 3 Jun).
    assert!(
        out.starts_with("a\toverdue\tdecision due 2025-06-03\tdecision_late\n"),
        "{out}"
    );
    assert!(out.contains("cases\t2\n"), "{out}");
    // JSON: one object a case, then the summary.
    let (code, out, _) = jiceng(
        &[
            "enforcement",
            "evaluate",
            "-",
            "--at",
            "2025-07-01",
            "--json",
            "--explain",
        ],
        &input,
    );
    assert_eq!(code, 1);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["status"], "overdue");
    assert_eq!(lines[0]["flags"][0], "decision_late");
    assert!(
        lines[0]["explanation"][0]["rule"]
            .as_str()
            .unwrap()
            .contains("第六十条")
    );
    assert_eq!(lines[2]["bad_lines"], 2);
    assert_eq!(lines[2]["summary"]["cases"], 2);
}

#[test]
fn enforcement_evaluate_skips_an_overlong_line() {
    let long = format!("{{\"id\": \"{}\"}}", "x".repeat(2 << 20));
    let good = r#"{"id": "a", "events": [{"date": "2025-03-05", "kind": "filed"}]}"#;
    let (code, out, err) = jiceng(
        &["enforcement", "evaluate", "-", "--at", "2025-03-06"],
        &format!("{long}\n{good}\n"),
    );
    assert_eq!(code, 1);
    assert!(err.contains("-:1: line longer than"), "{err}");
    assert!(out.starts_with("a\tinvestigating"), "{out}");
}

#[test]
fn enforcement_evaluate_bundled_sample() {
    let (code, out, err) = jiceng(
        &[
            "--lang",
            "zh",
            "enforcement",
            "evaluate",
            "crates/enforcement/data/sample-cases.jsonl",
            "--at",
            "2025-12-31",
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("QX-2024-001\t已结案"), "{out}");
    assert!(
        out.contains("QX-2025-003\t待送达\t决定期限 2025-06-03\t决定超期,未告知权利,送达超期"),
        "{out}"
    );
}

#[test]
fn org_uscc() {
    check(&[(&["org", "uscc", "91350100M000100Y43"], "valid")]);
    let (code, out, _) = jiceng(&["org", "uscc", "91350100M000100Y44"], "");
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "invalid: check character is '4', the code's characters call for '3'\n"
    );
    let (code, out, _) = jiceng(&["--lang", "zh", "org", "uscc", "9135"], "");
    assert_eq!(code, 1);
    assert!(out.starts_with("无效: has 4 characters"), "{out}");
}

#[test]
fn schema_enforcement() {
    let (code, out, _) = jiceng(&["schema", "enforcement"], "");
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["properties"]["events"].is_object());
}
