//! `jiceng approvals`: explanations, Chinese labels, the calendar options,
//! bounded generators, parse errors that name the field, and streaming.

#![allow(clippy::unwrap_used)]

use super::*;

/// Received Monday 3 Mar 2025 with no acceptance on record, decided
/// 25 Mar: deemed accepted on receipt (Art. 32), 20 working days → 31 Mar
/// (4–7, 10–14, 17–21, 24–28, 31 Mar); extended on 28 Mar by the bureau
/// head for 15 working days where the law allows 10 (counted: 10, Art. 42).
const DEEMED: &str = r#"{"id":"D-1","promised":"7wd","events":[{"date":"2025-03-03","kind":"received"},{"date":"2025-03-28","kind":"extended","approved_by":"县市场监管局局长","length":"15wd"}]}"#;

#[test]
fn approvals_evaluate_explain_states_what_the_log_says() {
    let (code, out, err) = jiceng(
        &[
            "approvals",
            "evaluate",
            "-",
            "--at",
            "2025-03-28",
            "--explain",
        ],
        &format!("{DEEMED}\n"),
    );
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    // The case line: deemed at receipt; promised 7 working days → 12 Mar;
    // statutory 31 Mar + 10 → 1–3 Apr (3), 7–11 (8), 14–15 Apr (10).
    assert_eq!(
        lines[0],
        "D-1\tlate_against_promise\taccepted 2025-03-03\tpromised 2025-03-12\tstatutory 2025-04-15\textension_too_long"
    );
    let acceptance = lines
        .iter()
        .find(|l| l.starts_with("  acceptance\t"))
        .unwrap();
    // Each fact in the statement is in the log: receipt on 3 Mar, nothing
    // by 10 Mar (4–7, 10 Mar).
    assert!(acceptance.contains("received 2025-03-03"), "{acceptance}");
    assert!(
        acceptance.contains("no acceptance and no incomplete-materials notice by 2025-03-10"),
        "{acceptance}"
    );
    assert!(
        acceptance.contains("自收到申请材料之日起即为受理"),
        "{acceptance}"
    );
    let ext = lines
        .iter()
        .find(|l| l.starts_with("  extension\t"))
        .unwrap();
    assert!(
        ext.contains("extended on 2025-03-28, approved by 县市场监管局局长 (head of the agency)")
            && ext.contains("counted: 10 working days"),
        "{ext}"
    );
    assert!(out.contains("[行政许可法第八十二条]"), "{out}");
    assert!(
        out.contains("  flag\textension longer than the law or the item allows"),
        "{out}"
    );
    // Never a statement the log contradicts: it was never accepted, so no
    // statement says it was.
    for l in lines.iter().filter(|l| l.starts_with("  ")) {
        assert!(!l.contains("; accepted"), "{l}");
        assert!(!l.contains("accepted on 2025"), "{l}");
    }
}

#[test]
fn approvals_evaluate_explain_json_and_chinese() {
    let (code, out, _) = jiceng(
        &[
            "approvals",
            "evaluate",
            "-",
            "--at",
            "2025-03-28",
            "--explain",
            "--json",
        ],
        &format!("{DEEMED}\n"),
    );
    assert_eq!(code, 0);
    let first: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(first["deadlines"]["acceptance_rule"], "deemed_at_receipt");
    assert_eq!(first["deadlines"]["statutory_base_due"], "2025-03-31");
    assert_eq!(first["deadlines"]["extension_counted"], 10);
    assert_eq!(first["flags"], serde_json::json!(["extension_too_long"]));
    let ex = &first["explanation"];
    assert_eq!(ex["statutory"]["start"], "2025-03-03");
    assert_eq!(ex["statutory"]["end"], "2025-04-15");
    assert_eq!(ex["flags"][0]["article"], "行政许可法第四十二条");
    let topics: Vec<&str> = ex["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["topic"].as_str().unwrap())
        .collect();
    assert_eq!(
        topics,
        [
            "acceptance",
            "statutory",
            "promised",
            "extension",
            "working_days",
            "flag"
        ]
    );
    // The same in Chinese: labels and statements, JSON unchanged.
    let (code, zh, _) = jiceng(
        &[
            "--lang",
            "zh",
            "approvals",
            "evaluate",
            "-",
            "--at",
            "2025-03-28",
            "--explain",
        ],
        &format!("{DEEMED}\n"),
    );
    assert_eq!(code, 0);
    assert!(
        zh.starts_with("D-1\t超承诺时限\t受理 2025-03-03\t承诺 2025-03-12\t法定 2025-04-15\t延长期限超过法定或本事项允许的延长期限，超出部分不计\n"),
        "{zh}"
    );
    assert!(zh.contains("汇总\t件数 1\n"), "{zh}");
    assert!(zh.contains("比率\t按期办结率\t-\n"), "{zh}");
    let (_, zh_json, _) = jiceng(
        &[
            "--lang",
            "zh",
            "approvals",
            "evaluate",
            "-",
            "--at",
            "2025-03-28",
            "--explain",
            "--json",
        ],
        &format!("{DEEMED}\n"),
    );
    assert_eq!(zh_json, out, "JSON does not change with the language");
}

#[test]
fn approvals_deadline_flags_and_chinese() {
    check(&[
        // A 21wd promise from 3 Mar ends 1 Apr, after the statute's 31 Mar.
        (
            &[
                "approvals",
                "deadline",
                "--accepted",
                "2025-03-03",
                "--promised",
                "21wd",
            ],
            "statutory 2025-03-31 (20wd)\npromised  2025-04-01 (21wd)\nflag\tpromise_longer_than_statute\t行政许可法第四十二条、第四十五条、第八十二条",
        ),
        (
            &[
                "--lang",
                "zh",
                "approvals",
                "deadline",
                "--accepted",
                "2025-03-03",
                "--promised",
                "7wd",
            ],
            // 4–7 (4), 10–12 Mar (7).
            "法定期限 2025-03-31 (20wd)\n承诺时限 2025-03-12 (7wd)",
        ),
        // An extension of 15 outside joint handling counts for 10.
        (
            &[
                "approvals",
                "deadline",
                "--accepted",
                "2025-03-03",
                "--extend",
                "15wd",
            ],
            "statutory 2025-04-15 (30wd)\npromised  -\nflag\textension_too_long\t行政许可法第四十二条",
        ),
    ]);
    // Art. 82: an extension in calendar days is refused, naming it.
    expect_input_error(
        &[
            "approvals",
            "deadline",
            "--accepted",
            "2025-03-03",
            "--extend",
            "10d",
        ],
        "",
        &["10d", "行政许可法第八十二条"],
    );
    let (code, out, _) = jiceng(
        &[
            "approvals",
            "deadline",
            "--accepted",
            "2025-03-03",
            "--promised",
            "21wd",
            "--json",
        ],
        "",
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(
        v["flags"],
        serde_json::json!(["promise_longer_than_statute"])
    );
    assert_eq!(v["statutory_due"], "2025-03-31");
    assert_eq!(v["promised_due"], "2025-04-01");
}

#[test]
fn approvals_take_the_calendar_options() {
    let scratch = Scratch::new("approvals-calendar");
    // The made-up 2030 calendar of the calendar tests: 4–5 Mar off,
    // Saturday 9 Mar worked. From Friday 1 Mar: 6 Mar (1), 7 Mar (2).
    let file = scratch.write(
        "tiny.toml",
        "format = 1\nname = \"tiny\"\n\n[[notice]]\nyear = 2030\ndocument = \"测试〔2029〕1号\"\nholidays = [\n  { name = \"测试节\", off = [\"2030-03-04..2030-03-05\"], work = [\"2030-03-09\"] },\n]\n",
    );
    let f = path_str(&file);
    check(&[(
        &[
            "approvals",
            "--calendar",
            f,
            "deadline",
            "--accepted",
            "2030-03-01",
            "--statutory",
            "2wd",
        ],
        "statutory 2030-03-07 (2wd)\npromised  -",
    )]);
    // Guangxi's 三月三 (17 and 20 Apr 2026 off): from Thursday 16 Apr, 2
    // working days end 20 Apr nationally, 22 Apr in Guangxi.
    let overlay = "crates/calendar/data/overlays/guangxi-sanyuesan.toml";
    check(&[
        (
            &[
                "approvals",
                "deadline",
                "--accepted",
                "2026-04-16",
                "--statutory",
                "2wd",
            ],
            "statutory 2026-04-20 (2wd)\npromised  -",
        ),
        (
            &[
                "approvals",
                "--overlay",
                overlay,
                "deadline",
                "--accepted",
                "2026-04-16",
                "--statutory",
                "2wd",
            ],
            "statutory 2026-04-22 (2wd)\npromised  -",
        ),
    ]);
    // Past the notices: refused, or answered provisionally when asked.
    let late = [
        "approvals",
        "deadline",
        "--accepted",
        "2026-12-21",
        "--provisional",
    ];
    let (code, out, err) = jiceng(&late, "");
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("statutory 2027-"), "{out}");
    assert!(err.contains("provisional"), "{err}");
    let (code, _, _) = jiceng(&late[..4], "");
    assert_eq!(code, 2);
}

#[test]
fn approvals_synth_bounds_its_flags() {
    expect_input_error(
        &["approvals", "synth", "--days", "4294967295"],
        "",
        &["span of days 4294967295", "36600", "--days"],
    );
    expect_input_error(
        &["approvals", "synth", "--n", "18446744073709551615"],
        "",
        &["number of cases 18446744073709551615", "100000000", "--n"],
    );
    let (code, out, _) = jiceng(&["approvals", "synth", "--n", "3"], "");
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 3);
}

#[test]
fn approvals_parse_errors_name_the_field_and_value() {
    let lines = [
        r#"{"id":"a","channel":"fax","events":[]}"#,
        r#"{"id":"b","events":[{"date":"2025-13-01","kind":"received"}]}"#,
        r#"{"id":"c","events":[{"date":"2025-03-03","kind":"decided","outcome":"maybe"}]}"#,
    ];
    let (code, _, err) = jiceng(
        &["approvals", "evaluate", "-", "--at", "2025-04-01"],
        &lines.join("\n"),
    );
    assert_eq!(code, 1);
    assert!(err.contains("-:1: field `channel`, value \"fax\""), "{err}");
    assert!(
        err.contains("-:2: field `events[0].date`, value \"2025-13-01\": not a calendar date"),
        "{err}"
    );
    assert!(
        err.contains("-:3: field `events[0].outcome`, value \"maybe\""),
        "{err}"
    );
    for internal in ["Repr", "struct "] {
        assert!(!err.contains(internal), "{err}");
    }
}
