//! `jiceng approvals` and `approvals catalogue`: cases a review worked by
//! hand against the release binary, each named after what it found.

#![allow(clippy::unwrap_used)]

use super::*;

/// `approvals evaluate` counted an extension event's own length on an
/// item that allows none (个体工商户注册登记, 15wd, no extension): 7 August
/// and 10 days counted instead of 24 July and 0. Accepted Monday 3 July
/// 2023 (no holiday that month): 15wd → 4–7 (4), 10–14 (9), 17–21 (14),
/// 24 (15). Inline, 0wd allowed: 20wd → 31 July; 5wd allowed with a
/// 10wd event: 5 counted → 1–4 Aug (24), 7 Aug (25).
#[test]
fn approvals_extension_length_overrode_an_item_that_allows_none() {
    let lines = r#"{"id":"K11","item":"HBFW-XK-002","division":"130926100000","events":[{"date":"2023-07-03","kind":"received"},{"date":"2023-07-03","kind":"accepted"},{"date":"2023-07-05","kind":"extended","length":"10wd","approved_by":"镇长"}]}
{"id":"K11c","extension":"0wd","events":[{"date":"2023-07-03","kind":"received"},{"date":"2023-07-03","kind":"accepted"},{"date":"2023-07-05","kind":"extended","length":"10wd","approved_by":"局长"}]}
{"id":"K11d","extension":"5wd","events":[{"date":"2023-07-03","kind":"received"},{"date":"2023-07-03","kind":"accepted"},{"date":"2023-07-05","kind":"extended","length":"10wd","approved_by":"局长"}]}
"#;
    let (code, out, err) = jiceng(
        &["approvals", "evaluate", "-", "--at", "2023-07-05", "--json"],
        lines,
    );
    assert_eq!(code, 0, "{err}");
    let v: Vec<serde_json::Value> = out
        .lines()
        .take(3)
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for (v, (due, counted)) in v.iter().zip([
        ("2023-07-24", 0),
        ("2023-07-31", 0),
        ("2023-08-07", 5),
    ]) {
        assert_eq!(v["deadlines"]["statutory_due"], due, "{v}");
        assert_eq!(v["deadlines"]["extension_counted"], counted, "{v}");
        assert!(
            v["flags"]
                .as_array()
                .unwrap()
                .contains(&serde_json::json!("extension_too_long")),
            "{v}"
        );
    }
}

/// The explanation of a 35-day suspension said "1 suspended days": see
/// the library's regression test for the working (accepted 3 March 2025,
/// stopped 10 March–13 April: 24 working days, 3 holidays and 8 weekend
/// days inside; due 7 May).
#[test]
fn approvals_explain_counted_a_long_suspension_as_one_day() {
    let line = r#"{"id":"L1","events":[{"date":"2025-03-03","kind":"received"},{"date":"2025-03-03","kind":"accepted"},{"date":"2025-03-10","kind":"suspended","reason":"testing"},{"date":"2025-04-14","kind":"resumed"},{"date":"2025-04-30","kind":"decided","outcome":"granted"}]}
"#;
    let args = ["approvals", "evaluate", "-", "--at", "2025-06-30", "--explain"];
    let (code, en, err) = jiceng(&args, line);
    assert_eq!(code, 0, "{err}");
    assert!(
        en.contains("ends 2025-05-07; skipped 13 weekend days, 8 holidays, 24 suspended days\t"),
        "{en}"
    );
    let (code, zh, err) = jiceng(&[&["--lang", "zh"][..], &args[..]].concat(), line);
    assert_eq!(code, 0, "{err}");
    assert!(
        zh.contains("至2025-05-07届满；不计周末13日、节假日8日、暂停计时24日\t"),
        "{zh}"
    );
}
