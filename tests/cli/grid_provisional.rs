//! `jiceng grid` with `--provisional`: every answer that needed a day
//! beyond the notices is flagged (issue 2: "flags every such answer as
//! provisional"; DOMAIN.md: "say so, never guess silently").
//!
//! Working hours 08:30–12:00 and 14:00–17:30 (UTC+8). Category 0201
//! (秸秆焚烧, HB-CF-011, devolved to 古城营镇 from 2022-03-01) answers in 15
//! working minutes and resolves in 60. The bundled notices end on
//! 2026-12-31.

#![allow(clippy::unwrap_used)]

use super::*;

const CAL_2025: &str = "crates/grid/tests/it/data/cal2025.toml";

fn route(extra: &[&str], at: &str) -> (i32, String, String) {
    let mut args = extra.to_vec();
    args.extend_from_slice(&[
        "grid",
        "--provisional",
        "route",
        "--category",
        "0201",
        "--division",
        "130430104200",
        "--at",
        at,
    ]);
    jiceng(&args, "")
}

#[test]
fn route_flags_a_due_time_in_an_unpublished_year() {
    // Thursday 31 December 2026, 17:00: respond by 17:15; resolve with the
    // 30 minutes left that day, then 1 January 2027 (元旦) and the weekend
    // off: 30 more from Monday 4 January 08:30, 09:00.
    let (code, out, err) = route(&[], "2026-12-31T17:00:00+08:00");
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "body\t130430104-zfd\t古城营镇综合行政执法队\nescalated\tno\nresponse due\t2026-12-31T17:15:00+08:00\nresolution due\t2027-01-04T09:00:00+08:00\n"
    );
    assert_eq!(
        err,
        "jiceng: warning: 1 answer is provisional: it needed a day outside the calendar's coverage, \
         taken from the statutory holidays and the weekly rule\n"
    );
    let (code, out, err) = route(&["--lang", "zh"], "2026-12-31T17:00:00+08:00");
    assert_eq!(code, 0);
    assert!(out.contains("2027-01-04T09:00:00+08:00"), "{out}");
    assert!(err.contains("1 个结果为暂定"), "{err}");
}

#[test]
fn route_json_adds_provisional_and_keeps_every_field() {
    let json = |at: &str| {
        let (code, out, err) = jiceng(
            &[
                "grid",
                "--provisional",
                "route",
                "--category",
                "0201",
                "--division",
                "130430104200",
                "--at",
                at,
                "--json",
            ],
            "",
        );
        assert_eq!(code, 0, "{err}");
        (
            serde_json::from_str::<serde_json::Value>(&out).unwrap(),
            err,
        )
    };
    let (v, err) = json("2026-12-31T17:00:00+08:00");
    assert_eq!(v["provisional"], true);
    assert_eq!(v["body"]["code"], "130430104-zfd");
    assert_eq!(v["body"]["name"], "古城营镇综合行政执法队");
    assert_eq!(v["escalated"], false);
    assert_eq!(v["response_due"], "2026-12-31T17:15:00+08:00");
    assert_eq!(v["resolution_due"], "2027-01-04T09:00:00+08:00");
    assert!(err.contains("1 answer is provisional"), "{err}");
    // 16:00 the same day: 16:15 and 17:00, nothing of 2027 needed.
    let (v, err) = json("2026-12-31T16:00:00+08:00");
    assert_eq!(v["provisional"], false);
    assert_eq!(v["resolution_due"], "2026-12-31T17:00:00+08:00");
    assert_eq!(err, "");
}

#[test]
fn route_on_a_calendar_without_next_years_notice_says_it_guessed() {
    // With only the 2025 notice: Wednesday 31 December 2025, 17:00; the
    // guess works Friday 2 January 2026 (元旦 alone off): 30 + 30 minutes,
    // 09:00 on the 2nd. The 2026 notice (国办发明电〔2025〕7号) gives 1–3
    // January off and Sunday 4 January worked: the guess is wrong, and is
    // flagged.
    let (code, out, err) = route(&[], "2025-12-31T17:00:00+08:00");
    assert_eq!(code, 0);
    assert!(
        out.contains("resolution due\t2026-01-04T09:00:00+08:00"),
        "{out}"
    );
    assert_eq!(err, "");
    let (code, out, err) = jiceng(
        &[
            "grid",
            "--calendar",
            CAL_2025,
            "--provisional",
            "route",
            "--category",
            "0201",
            "--division",
            "130430104200",
            "--at",
            "2025-12-31T17:00:00+08:00",
            "--json",
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["resolution_due"], "2026-01-02T09:00:00+08:00");
    assert_eq!(v["provisional"], true);
    assert!(err.contains("1 answer is provisional"), "{err}");
}

/// Two reports by W01 in GCY-01, category 0201: one at 17:00 on 31
/// December 2026 (due 2027-01-04T09:00, provisional), one at 16:00 (due
/// 17:00 that day, not provisional).
fn log() -> String {
    let line = |n: u32, at: &str| {
        format!(
            r#"{{"event": "01975779-f5a0-7000-8000-{n:012}", "at": "{at}", "actor": "W01", "action": "report", "cell": "GCY-01", "category": "0201", "channel": "grid_worker", "description": "x"}}"#
        )
    };
    format!(
        "{}\n{}\n",
        line(1, "2026-12-31T17:00:00+08:00"),
        line(2, "2026-12-31T16:00:00+08:00")
    )
}

#[test]
fn replay_counts_and_flags_provisional_events() {
    let (code, out, err) = jiceng(&["grid", "--provisional", "replay", "-", "--json"], &log());
    assert_eq!(code, 0, "{err}");
    let rows: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 2);
    let flag = |n: u32| {
        let id = format!("01975779-f5a0-7000-8000-{n:012}");
        let r = rows.iter().find(|r| r["id"] == id.as_str()).unwrap();
        (
            r["resolution_due"].as_str().unwrap().to_owned(),
            r["provisional"].clone(),
        )
    };
    assert_eq!(
        flag(1),
        ("2027-01-04T09:00:00+08:00".to_owned(), true.into())
    );
    assert_eq!(
        flag(2),
        ("2026-12-31T17:00:00+08:00".to_owned(), false.into())
    );
    assert_eq!(
        err,
        "jiceng: warning: 1 event has provisional due times: they needed a day outside the calendar's coverage, \
         taken from the statutory holidays and the weekly rule\n"
    );
    let (_, _, err) = jiceng(
        &["--lang", "zh", "grid", "--provisional", "replay", "-"],
        &log(),
    );
    assert!(err.contains("1 个事件的时限为暂定"), "{err}");
}

#[test]
fn metrics_and_open311_warn_of_provisional_events_in_range() {
    let metrics = |range: &[&str]| {
        let mut args = vec!["grid", "--provisional", "metrics", "-"];
        args.extend_from_slice(range);
        jiceng(&args, &log())
    };
    let (code, _, err) = metrics(&[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: 1 event has provisional due times"),
        "{err}"
    );
    // Both events were reported on 31 December: a range that ends the day
    // before counts neither, and warns of none.
    let (code, out, err) = metrics(&["--to", "2026-12-30"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("total\treported 0\t"), "{out}");
    assert_eq!(err, "");
    let (code, _, err) = jiceng(&["grid", "--provisional", "open311", "-"], &log());
    assert_eq!(code, 0);
    assert!(
        err.contains("warning: 1 event has provisional due times"),
        "{err}"
    );
}

#[test]
fn calendar_minutes_share_the_warning() {
    // The same clock as the route above: 60 working minutes from 17:00 on
    // 31 December 2026 end at 09:00 on Monday 4 January 2027, a guess.
    let (code, out, err) = jiceng(
        &[
            "calendar",
            "--provisional",
            "add-minutes",
            "2026-12-31T17:00:00+08:00",
            "60",
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "2027-01-04T09:00:00+08:00\n");
    assert!(err.contains("warning: 1 answer is provisional"), "{err}");
    // 30 minutes end at 17:30 that day: inside coverage, no warning.
    let (code, out, err) = jiceng(
        &[
            "calendar",
            "--provisional",
            "add-minutes",
            "2026-12-31T17:00:00+08:00",
            "30",
        ],
        "",
    );
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (0, "2026-12-31T17:30:00+08:00\n", "")
    );
    // Between 17:00 on 31 December and 09:00 on 4 January 2027: 30 + 30.
    let (code, out, err) = jiceng(
        &[
            "calendar",
            "--provisional",
            "minutes-between",
            "2026-12-31T17:00:00+08:00",
            "2027-01-04T09:00:00+08:00",
        ],
        "",
    );
    assert_eq!(code, 0);
    assert_eq!(out, "60\n");
    assert!(err.contains("1 answer is provisional"), "{err}");
}
