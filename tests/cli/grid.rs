//! `jiceng grid`: routing, replay, metrics, Open311 and the schema, on the
//! bundled Guchengying day (crates/grid/data/guchengying-day.jsonl).
//!
//! Expected values are worked by hand: the standard working hours
//! 08:30–12:00 and 14:00–17:30 (UTC+8); HB-CF-016 (rubbish) devolved to
//! 古城营镇 from 2022-03-01 (邱政字〔2022〕6号), HB-CF-057 concentrated in
//! 邱县综合行政执法局 (邱政字〔2021〕15号) and not devolved.

#![allow(clippy::unwrap_used)]

use super::*;

const DAY: &str = "crates/grid/data/guchengying-day.jsonl";

#[test]
fn grid_route_text_and_json() {
    // 09:35 + 30 working minutes = 10:05; + 120 = 11:35.
    check(&[(
        &[
            "grid",
            "route",
            "--category",
            "0101",
            "--division",
            "130430104200",
            "--at",
            "2025-06-10T09:35:00+08:00",
        ],
        "body\t130430104-zfd\t古城营镇综合行政执法队\nescalated\tno\nresponse due\t2025-06-10T10:05:00+08:00\nresolution due\t2025-06-10T11:35:00+08:00",
    )]);
    // The street stall: the county bureau, escalated; 10:20 + 60 = 11:20;
    // three working days from Tuesday 10 June = Friday 13 June 17:30.
    let (code, out, _) = jiceng(
        &[
            "grid",
            "route",
            "--category",
            "0103",
            "--division",
            "130430104200",
            "--at",
            "2025-06-10T10:20:00+08:00",
            "--json",
        ],
        "",
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["body"]["code"], "130430-zhzf");
    assert_eq!(v["body"]["name"], "邱县综合行政执法局");
    assert_eq!(v["escalated"], true);
    assert_eq!(v["response_due"], "2025-06-10T11:20:00+08:00");
    assert_eq!(v["resolution_due"], "2025-06-13T17:30:00+08:00");
}

#[test]
fn grid_route_in_chinese_and_bad_input() {
    let (code, out, _) = jiceng(
        &[
            "--lang",
            "zh",
            "grid",
            "route",
            "--category",
            "0103",
            "--division",
            "130430104200",
            "--at",
            "2025-06-10T10:20:00+08:00",
        ],
        "",
    );
    assert_eq!(code, 0);
    assert!(out.contains("上报上级\t是"), "{out}");
    expect_input_error(
        &[
            "grid",
            "route",
            "--category",
            "0101",
            "--division",
            "130430104200",
            "--at",
            "2025-06-10 09:35",
        ],
        "",
        &["invalid --at", "2025-06-10 09:35"],
    );
    expect_input_error(
        &[
            "grid",
            "route",
            "--category",
            "9999",
            "--division",
            "130430104200",
            "--at",
            "2025-06-10T09:35:00+08:00",
        ],
        "",
        &["unknown category 9999"],
    );
}

#[test]
fn grid_replay_the_day() {
    check(&[(
        &["grid", "replay", DAY],
        "01975779-f5a0-7000-8000-000000000001\tclosed\t0101\t130430104-zfd\n\
         019757a3-2880-7000-8000-000000000002\tclosed\t0103\t130430-zhzf\n\
         019757da-1700-7000-8000-000000000003\tclosed\t0102\t130430104-zfd\n\
         01975871-26e0-7000-8000-000000000004\tin_progress\t0301\t130430104-zfd\n\
         019758be-f8c0-7000-8000-000000000005\trejected\t0101\t-",
    )]);
}

#[test]
fn grid_replay_reports_refusals_and_bad_lines_with_their_numbers() {
    let day = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(DAY)).unwrap();
    let mut lines: Vec<&str> = day.lines().collect();
    // Line 2 becomes malformed; a 35th line is an unknown actor's action.
    lines[1] = "{not json";
    let refused = r#"{"event":"01975779-f5a0-7000-8000-000000000001","at":"2025-06-10T18:00:00+08:00","actor":"X9","action":"accept"}"#;
    lines.push(refused);
    let input = lines.join("\n");
    let (code, out, err) = jiceng(&["grid", "replay", "-"], &input);
    assert_eq!(code, 1);
    assert!(err.contains("-:2: "), "{err}");
    assert!(err.contains("-:34: refused: X9 may not accept event 01975779-f5a0-7000-8000-000000000001: unknown actor"), "{err}");
    // Without its acceptance on line 2, event 1 stops at reported: every
    // later action on it is an invalid transition, reported by line.
    assert!(
        out.starts_with("01975779-f5a0-7000-8000-000000000001\treported"),
        "{out}"
    );
}

#[test]
fn grid_metrics_of_the_day() {
    // Worked in crates/grid/tests/it/metrics.rs: 4/5 accepted, 3/3 on time,
    // 3/3 closed, 1/3 reworked, 2/3 in the township, responses 5/15,
    // resolutions 200/220 working minutes.
    let (code, out, _) = jiceng(&["grid", "metrics", DAY, "--json"], "");
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(v["key"], "total");
    assert_eq!(v["acceptance"], serde_json::json!({"num": 4, "den": 5}));
    assert_eq!(
        v["on_time_closure"],
        serde_json::json!({"num": 3, "den": 3})
    );
    assert_eq!(v["rework"], serde_json::json!({"num": 1, "den": 3}));
    assert_eq!(v["township_share"], serde_json::json!({"num": 2, "den": 3}));
    assert_eq!(
        (v["response_median"].as_u64(), v["response_p90"].as_u64()),
        (Some(5), Some(15))
    );
    assert_eq!(
        (
            v["resolution_median"].as_u64(),
            v["resolution_p90"].as_u64()
        ),
        (Some(200), Some(220))
    );
    // By body: the total, then "-" (the rejected call), the county bureau
    // and the township team.
    let (code, out, _) = jiceng(&["grid", "metrics", DAY, "--by", "body", "--json"], "");
    assert_eq!(code, 0);
    let keys: Vec<String> = out
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["key"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(keys, ["total", "-", "130430-zhzf", "130430104-zfd"]);
    // A date range that excludes the day counts nothing.
    let (code, out, _) = jiceng(
        &["grid", "metrics", DAY, "--from", "2025-06-11", "--json"],
        "",
    );
    assert_eq!(code, 0);
    assert!(out.contains(r#""reported":0"#), "{out}");
}

#[test]
fn grid_metrics_counts_the_rest_after_a_bad_line() {
    let day = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(DAY)).unwrap();
    let input = format!("{{oops\n{day}");
    let (code, out, err) = jiceng(&["grid", "metrics", "-", "--json"], &input);
    assert_eq!(code, 1);
    assert!(err.contains("-:1: "), "{err}");
    assert!(out.contains(r#""reported":5"#), "{out}");
}

#[test]
fn grid_open311_and_schema() {
    let (code, out, _) = jiceng(&["grid", "open311", DAY], "");
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let reqs = v.as_array().unwrap();
    assert_eq!(reqs.len(), 5);
    assert_eq!(reqs[0]["status"], "closed");
    assert_eq!(reqs[0]["requested_datetime"], "2025-06-10T09:35:00+08:00");
    // The postponed event is open, with its postponement in the notes.
    assert_eq!(reqs[3]["status"], "open");
    assert!(
        reqs[3]["status_notes"]
            .as_str()
            .unwrap()
            .contains("postponed until 2025-06-13")
    );
    let (code, out, _) = jiceng(&["schema", "grid"], "");
    assert_eq!(code, 0);
    let s: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(s["$defs"]["Channel"].is_object(), "{out}");
}

#[test]
fn grid_synth_replays_cleanly() {
    let (code, out, _) = jiceng(&["grid", "synth", "--seed", "3", "--events", "200"], "");
    assert_eq!(code, 0);
    // The synthetic log replays without a refusal: one record per event.
    let (code, replayed, err) = jiceng(&["grid", "replay", "-"], &out);
    assert_eq!(code, 0, "{err}");
    assert_eq!(replayed.lines().count(), 200);
    // The same seed gives the same log.
    let (_, again, _) = jiceng(&["grid", "synth", "--seed", "3", "--events", "200"], "");
    assert_eq!(out, again);
}
