//! `jiceng grid metrics`, `replay` and `open311` on small logs worked by
//! hand (tests/cli/data/grid/): events past the calendar's coverage,
//! refused lines and the evaluation time, the due instant, local days in
//! `--from/--to`, and the messages.
//!
//! The standard working hours are 08:30–12:00 and 14:00–17:30 at UTC+8
//! (420 minutes a day). Sample taxonomy targets (resolution): 0101 120
//! working minutes, 0102 one working day, 0103 three working days.

#![allow(clippy::unwrap_used)]

use super::*;

const DATA: &str = "tests/cli/data/grid";

fn path(name: &str) -> String {
    format!("{DATA}/{name}")
}

/// The `total` row of `grid metrics --json`.
fn total(args: &[&str]) -> (i32, serde_json::Value, String) {
    let (code, out, err) = jiceng(args, "");
    let first = out.lines().next().unwrap_or_default();
    let v: serde_json::Value =
        serde_json::from_str(first).unwrap_or_else(|e| panic!("{args:?}: {e}: {out:?} {err:?}"));
    assert_eq!(v["key"], "total");
    (code, v, err)
}

fn rate(v: &serde_json::Value, field: &str) -> (u64, u64) {
    (
        v[field]["num"].as_u64().unwrap(),
        v[field]["den"].as_u64().unwrap(),
    )
}

mod regression {
    use super::*;

    /// One event accepted on a day past the calendar's coverage made
    /// `metrics` give no figures at all (exit 2, no line number).
    #[test]
    fn metrics_leaves_out_an_event_past_coverage_and_counts_the_rest() {
        let log = path("late2027.jsonl");
        let (code, v, err) = total(&["grid", "metrics", &log, "--json"]);
        assert_eq!(code, 1, "{err}");
        // Event 1 is accepted on 2027-01-05, line 2, past the bundled
        // calendar's coverage (to 2026-12-31): left out, said at line 2.
        assert!(err.contains(&format!(
            "{log}:2: event 01975779-f5a0-7000-8000-000000000001"
        )));
        assert!(err.contains("2027-01-05"), "{err}");
        assert!(err.contains("pass --provisional"), "{err}");
        // Event 2 alone: reported Wednesday 2026-06-10 09:00, accepted
        // 09:05 (5 minutes); due 09:00 + 120 = 11:00, open and evaluated
        // at the latest applied line (2027-01-05): due and missed, 0/1.
        assert_eq!(v["reported"], 1);
        assert_eq!(rate(&v, "acceptance"), (1, 1));
        assert_eq!(rate(&v, "on_time_closure"), (0, 1));
        assert_eq!(rate(&v, "closure"), (0, 1));
        assert_eq!(v["response_median"], 5);
        assert_eq!(v["response_p90"], 5);
    }

    /// The edges of the days the calendar answers for (2010-01-01 to
    /// 2026-12-31, local days at +08:00), with times written in UTC so
    /// that a day taken in the line's own offset would be the wrong one.
    #[test]
    fn metrics_names_the_line_at_the_first_instant_past_coverage() {
        let log = path("midnight.jsonl");
        let (code, v, err) = total(&["grid", "metrics", &log, "--json"]);
        assert_eq!(code, 1, "{err}");
        // Event 1 is reported at the first instant of coverage (midnight
        // of 1 January 2010 at +08:00, inside) and accepted past it: the
        // acceptance's line 2 is named, not the report's line 1.
        assert!(err.contains(&format!(
            "{log}:2: event 01975779-f5a0-7000-8000-000000000001"
        )));
        // Event 2 is accepted at 16:00 UTC on 31 December 2026, midnight
        // of 1 January 2027 at +08:00: the first instant past coverage,
        // named at its line 4.
        assert!(err.contains(&format!(
            "{log}:4: event 01975779-f5a0-7000-8000-000000000002"
        )));
        // Event 3 is accepted a second earlier, 23:59:59 on 31 December,
        // the last second inside: counted. Reported 15:00, its response
        // is the working minutes to 17:30, 150.
        assert!(!err.contains("000000000003"), "{err}");
        assert_eq!(v["reported"], 1);
        assert_eq!(v["response_median"], 150);
    }

    /// With `--provisional` the same event is counted, from the statutory
    /// holidays and the weekly rule.
    #[test]
    fn metrics_counts_an_event_past_coverage_when_provisional() {
        let log = path("late2027.jsonl");
        let (code, v, err) = total(&["grid", "--provisional", "metrics", &log, "--json"]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(v["reported"], 2);
        // Event 1: Wednesday 2026-12-30 10:00–12:00 (120) and 14:00–17:30
        // (210); Thursday 31 December 420; Friday 1 January 2027 New
        // Year's Day off; the weekend; Monday 4 January 420; Tuesday 5
        // January 08:30–10:00 (90): 1,260. Responses 5 and 1,260: nearest
        // rank 1 of 2 is 5, rank 2 (ceil 1.8) is 1,260.
        assert_eq!(v["response_median"], 5);
        assert_eq!(v["response_p90"], 1260);
    }

    /// A refused line dated later moved the evaluation time and made the
    /// open events overdue: the on-time closure rate fell from 1/1 to 1/3.
    #[test]
    fn refused_lines_do_not_move_the_evaluation_time() {
        // g16: event 1 closed on time (resolved 10:50, due 11:35). At the
        // last line, 14:05 on Tuesday 10 June, event 2 (0103, reported
        // 10:20, due Friday 13 June 17:30) and event 3 (0102, reported
        // 11:20, due at the close of Wednesday 11 June) are open and not
        // yet due;
        // event 4 is not accepted. On time 1/1.
        for (name, code) in [("g16.jsonl", 0), ("g16c.jsonl", 1), ("g16d.jsonl", 1)] {
            let (c, v, err) = total(&["grid", "metrics", &path(name), "--json"]);
            assert_eq!(c, code, "{name}: {err}");
            assert_eq!(rate(&v, "on_time_closure"), (1, 1), "{name}");
        }
    }

    /// An open event evaluated at its due instant counted as missed.
    #[test]
    fn an_open_event_at_its_due_instant_is_not_yet_due() {
        // Event 1: reported 09:35, accepted, due 09:35 + 120 = 11:35; the
        // last line is 11:35: not yet missed, 0/0.
        let (code, v, err) = total(&["grid", "metrics", &path("edge.jsonl"), "--json"]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(rate(&v, "on_time_closure"), (0, 0));
    }

    /// `--from/--to` compared the report's date as written, not its local
    /// day.
    #[test]
    fn the_range_compares_the_local_day_of_the_report() {
        let (code, v, err) = total(&[
            "grid",
            "metrics",
            &path("m1.jsonl"),
            "--from",
            "2025-06-13",
            "--to",
            "2025-06-13",
            "--json",
        ]);
        assert_eq!(code, 0, "{err}");
        // Event 8 at 2025-06-12T17:00Z is 01:00 on 13 June at UTC+8;
        // events 1 and 2 are reported at 17:00 on 13 June; the rest on 16
        // June. Three reported, all accepted.
        assert_eq!(v["reported"], 3);
        assert_eq!(rate(&v, "acceptance"), (3, 3));
        // Responses: event 8 from 08:30 (before hours) to 08:40, 10;
        // event 1 17:00–17:10, 10; event 2 17:00–17:30 Friday and
        // 08:30–08:35 Monday, 35. Sorted 10, 10, 35: rank 2 is 10, rank 3
        // (ceil 2.7) is 35.
        assert_eq!(
            (v["response_median"].as_u64(), v["response_p90"].as_u64()),
            (Some(10), Some(35))
        );
        // Due by the last line (18 June): event 8 (due 10:30 on 13 June,
        // open), event 1 (due 10:00 Monday 16 June: 30 minutes on Friday,
        // 90 on Monday; resolved 09:59, on time) and event 2 (same due
        // time, resolved 10:01, late): 1/3.
        assert_eq!(rate(&v, "on_time_closure"), (1, 3));
        // Resolutions: 30 + 89 = 119 and 30 + 91 = 121.
        assert_eq!(
            (
                v["resolution_median"].as_u64(),
                v["resolution_p90"].as_u64()
            ),
            (Some(119), Some(121))
        );
    }

    /// `grid open311` wrote `[` before finding that its input could not be
    /// read.
    #[test]
    fn open311_writes_nothing_when_the_input_cannot_be_read() {
        expect_input_error(
            &["grid", "open311", "tests/cli/data/grid/nonexist.jsonl"],
            "",
            &["cannot read tests/cli/data/grid/nonexist.jsonl"],
        );
    }

    /// The grid commands said coverage errors in the library's words
    /// ("provisional mode answers …"), not the shared "pass --provisional"
    /// text, and in English only.
    #[test]
    fn coverage_errors_name_the_provisional_flag_in_both_languages() {
        let args = [
            "grid",
            "route",
            "--category",
            "0101",
            "--division",
            "130430104200",
            "--at",
            "2027-03-01T10:00:00+08:00",
        ];
        let err = expect_input_error(&args, "", &["2027-03-01", "pass --provisional"]);
        assert!(!err.contains("provisional mode"), "{err}");
        let mut zh = vec!["--lang", "zh"];
        zh.extend_from_slice(&args);
        expect_input_error(&zh, "", &["2027-03-01", "加 --provisional"]);
        // A report past coverage, refused in a replay at its line.
        let log = std::fs::read_to_string(path("late2027.jsonl")).unwrap();
        let late = log
            .lines()
            .next()
            .unwrap()
            .replace("2026-12-30", "2027-03-01");
        let (code, _, err) = jiceng(&["grid", "replay", "-"], &late);
        assert_eq!(code, 1, "{err}");
        assert!(err.contains("-:1: 2027-03-01"), "{err}");
        assert!(err.contains("pass --provisional"), "{err}");
        let (_, _, err) = jiceng(&["--lang", "zh", "grid", "replay", "-"], &late);
        assert!(err.contains("加 --provisional"), "{err}");
    }
}

/// A taxonomy with a target of 0 working days is bad input.
#[test]
fn grid_taxonomy_with_zero_working_days_is_refused() {
    let dir = Scratch::new("grid-tax-zero");
    let tax = dir.write(
        "tax.toml",
        "[[categories]]\ncode = \"Z0\"\nmajor = \"测试\"\nminor = \"零\"\nitems = [\"HB-CF-016\"]\nurgency = \"normal\"\nservice = { response = { working_minutes = 30 }, resolution = { working_days = 0 } }\n",
    );
    expect_input_error(
        &["grid", "metrics", "--taxonomy", path_str(&tax), "-"],
        "",
        &["category Z0", "service.resolution", "working_days = 0"],
    );
}

/// A report of an id already released (a rejection, then the same id
/// reported and accepted) gave the event two final states.
#[test]
fn grid_reported_again_after_release_is_a_duplicate_in_every_stream() {
    let log = path("dup.jsonl");
    for command in ["replay", "metrics", "open311"] {
        let (code, out, err) = jiceng(&["grid", command, &log], "");
        assert_eq!(code, 1, "{command}: {err}");
        assert!(
            err.contains(&format!(
                "{log}:3: event 019758be-f8c0-7000-8000-000000000005 is reported twice"
            )),
            "{command}: {err}"
        );
        // One event, rejected: one state, one request (metrics prints
        // no ids: its count is checked below).
        let once = usize::from(command != "metrics");
        assert_eq!(
            out.matches("019758be-f8c0-7000-8000-000000000005").count(),
            once,
            "{command}: {out}"
        );
    }
    let (_, v, _) = total(&["grid", "metrics", &log, "--json"]);
    assert_eq!(v["reported"], 1);
    assert_eq!(rate(&v, "acceptance"), (0, 1));
}

/// `--remember` sets the window: with none, the rejected id is forgotten
/// when written out, so its report at line 3 is a new event (DESIGN: an
/// id older than the window is forgotten); past 10,000,000 it is refused.
#[test]
fn grid_remember_sets_how_many_written_events_are_remembered() {
    let log = path("dup.jsonl");
    let (code, out, err) = jiceng(&["grid", "replay", &log, "--remember", "0"], "");
    assert_eq!(code, 0, "{err}");
    // Two events of one id: rejected (lines 1-2), then accepted (3-4).
    assert_eq!(
        out.matches("019758be-f8c0-7000-8000-000000000005").count(),
        2,
        "{out}"
    );
    let (code, _, _) = jiceng(&["grid", "replay", &log, "--remember", "1"], "");
    assert_eq!(code, 1);
    let (code, _, err) = jiceng(&["grid", "metrics", &log, "--remember", "10000001"], "");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("10000001"), "{err}");
}

/// Ratings by unknown actors, second, out-of-order and of unknown events
/// were accepted by `replay` and dropped unchecked by the others.
#[test]
fn grid_ratings_are_checked_in_every_stream() {
    for command in ["replay", "metrics", "open311"] {
        // dr: line 8 rates (W01, the reporter, 4); line 9 by unknown ZZZ;
        // line 10 dated 1 June, before the close.
        let log = path("dr.jsonl");
        let (code, _, err) = jiceng(&["grid", command, &log], "");
        assert_eq!(code, 1, "{command}: {err}");
        assert!(
            err.contains(&format!("{log}:9: refused: ZZZ")),
            "{command}: {err}"
        );
        assert!(
            err.contains(&format!("{log}:10: action rate")),
            "{command}: {err}"
        );
        assert!(!err.contains(&format!("{log}:8:")), "{command}: {err}");
        // A rating of an event never reported.
        let log = path("rate-only.jsonl");
        let (code, _, err) = jiceng(&["grid", command, &log], "");
        assert_eq!(code, 1, "{command}: {err}");
        assert!(
            err.contains(&format!("{log}:1: action rate names event")),
            "{command}: {err}"
        );
        assert!(err.contains("never reported"), "{command}: {err}");
        // r2: line 9 has score 6 and comes after a rating: refused.
        let log = path("r2.jsonl");
        let (code, _, err) = jiceng(&["grid", command, &log], "");
        assert_eq!(code, 1, "{command}: {err}");
        assert!(err.contains(&format!("{log}:9:")), "{command}: {err}");
    }
}

/// Open311 requests carried neither the report's description nor the
/// rejection's reason.
#[test]
fn grid_open311_keeps_the_description_and_the_rejection_reason() {
    let (code, out, err) = jiceng(&["grid", "open311", &path("dup.jsonl")], "");
    // Line 3 (the id reported again) and line 4 are refused.
    assert_eq!(code, 1, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let r = &v[0];
    // Line 1's description and line 2's reason, as written.
    assert_eq!(r["description"], "12345来电：垃圾桶满溢（已处理）");
    assert_eq!(r["status"], "closed");
    assert_eq!(r["status_notes"], "rejected: 重复投诉，已于10:50处理完毕");
    assert_eq!(v.as_array().unwrap().len(), 1);
}

/// Bad values in log lines named neither field nor value ("premature end
/// of input at line 1 column 74", "input contains invalid characters").
#[test]
fn grid_bad_lines_name_the_field_and_the_value() {
    let log = path("bad2.jsonl");
    let (code, _, err) = jiceng(&["grid", "replay", &log], "");
    assert_eq!(code, 1, "{err}");
    for want in [
        ":1: field `at`, value \"yesterday\": expected an RFC 3339 time with offset",
        ":2: field `event`, value \"nope\": expected a uuid",
        ":3: field `score`, value \"5\": expected a whole number from 0 to 255",
        ":4: field `until`, value \"2025-02-30\": expected a date YYYY-MM-DD",
        ":5: field `actor` is missing",
    ] {
        assert!(err.contains(&format!("{log}{want}")), "{want}: {err}");
    }
    // A long value is cut, not echoed whole.
    let long = format!(
        "{{\"event\":\"01975779-f5a0-7000-8000-000000000001\",\"at\":\"{}\",\"actor\":\"C01\",\"action\":\"accept\"}}\n",
        "x".repeat(10_000)
    );
    let (code, _, err) = jiceng(&["grid", "replay", "-"], &long);
    assert_eq!(code, 1, "{err}");
    let line = err.lines().next().unwrap();
    assert!(
        line.starts_with("jiceng: -:1: field `at`, value \"xxx"),
        "{line}"
    );
    assert!(line.len() < 1_000, "{}", line.len());
    // Not JSON at all: the reader's own message, with its column.
    let (_, _, err) = jiceng(&["grid", "replay", "-"], "{\"event\": \n");
    assert!(err.contains("-:1: EOF while parsing"), "{err}");
}

/// The same lines under `--lang zh`: the field and value as written, the
/// rest in Chinese.
#[test]
fn grid_bad_lines_name_the_field_and_the_value_in_chinese() {
    let log = path("bad2.jsonl");
    let (code, _, err) = jiceng(&["--lang", "zh", "grid", "replay", &log], "");
    assert_eq!(code, 1, "{err}");
    for want in [
        ":1: 字段 `at` 的值 \"yesterday\" 有误：应为带时区偏移的 RFC 3339 时间",
        ":3: 字段 `score` 的值 \"5\" 有误：应为0 到 255 的整数",
        ":5: 缺少字段 `actor`",
    ] {
        assert!(err.contains(&format!("{log}{want}")), "{want}: {err}");
    }
}

/// A kilobyte of time in a line: the message names the field and quotes
/// the value's first 60 characters, in both languages.
#[test]
fn grid_a_kilobyte_value_is_quoted_cut_to_sixty_characters() {
    let long = "T".repeat(3000);
    let line = format!(
        r#"{{"event":"01975779-f5a0-7000-8000-000000000001","at":"{long}","actor":"C01","action":"accept"}}"#
    );
    let cut = format!("{}…", "T".repeat(60));
    for (lang, expected) in [
        (
            "en",
            format!(
                "jiceng: -:1: field `at`, value \"{cut}\": expected an RFC 3339 time with offset"
            ),
        ),
        (
            "zh",
            format!("字段 `at` 的值 \"{cut}\" 有误：应为带时区偏移的 RFC 3339 时间"),
        ),
    ] {
        let (code, _, err) = jiceng(&["grid", "replay", "-", "--lang", lang], &line);
        assert_eq!(code, 1, "{err}");
        let first = err.lines().next().unwrap_or_default();
        assert!(first.ends_with(&expected), "{first}");
    }
}
