//! `jiceng approvals`.

#![allow(clippy::unwrap_used)]

use super::*;
// ---------------------------------------------------------------------------
// jiceng approvals: the story case is the 尚村镇 construction planning permit
// accepted Monday 22 Sep 2025. 7 working days: 23–26 Sep (4), Sunday 28 Sep
// (5), 29–30 Sep (7) → 30 Sep. 20 working days: then 9–10 Oct (9),
// Saturday 11 Oct (10), 13–17 Oct (15), 20–24 Oct (20) → 24 Oct.

#[test]
fn approvals_deadline_plain() {
    check(&[
        (
            &[
                "approvals",
                "deadline",
                "--accepted",
                "2025-09-22",
                "--promised",
                "7wd",
            ],
            "statutory 2025-10-24 (20wd)\npromised  2025-09-30 (7wd)",
        ),
        (
            &["approvals", "deadline", "--accepted", "2025-09-22"],
            "statutory 2025-10-24 (20wd)\npromised  -",
        ),
        // Across Spring Festival 2025 (28 Jan–4 Feb off, Sunday 26 Jan and
        // Saturday 8 Feb worked): from Monday 20 Jan, 21–24 Jan (4), 26 Jan
        // (5), 27 Jan (6), 5–7 Feb (9), 8 Feb (10), 10–14 (15), 17–21 (20).
        (
            &["approvals", "deadline", "--accepted", "2025-01-20"],
            "statutory 2025-02-21 (20wd)\npromised  -",
        ),
        // Across Spring Festival 2026 (15–23 Feb off, Saturdays 14 and 28 Feb
        // worked): from Monday 9 Feb, 10–13 (4), 14 (5), 24–27 (9), 28 (10),
        // 2–6 Mar (15), 9–13 Mar (20).
        (
            &["approvals", "deadline", "--accepted", "2026-02-09"],
            "statutory 2026-03-13 (20wd)\npromised  -",
        ),
        // A statutory limit given explicitly.
        (
            &[
                "approvals",
                "deadline",
                "--accepted",
                "2025-09-22",
                "--statutory",
                "7wd",
            ],
            "statutory 2025-09-30 (7wd)\npromised  -",
        ),
    ]);
}

#[test]
fn approvals_deadline_suspend_extend_joint() {
    check(&[
        // Expert review 24–26 Sep (3 working days) not counted (Art. 45):
        // the promise 23 Sep (1), 28–30 Sep (4), 9–11 Oct (7); the statute
        // 24 Oct + 3 = 27–29 Oct.
        (
            &[
                "approvals",
                "deadline",
                "--accepted",
                "2025-09-22",
                "--promised",
                "7wd",
                "--suspend",
                "2025-09-24..2025-09-26",
            ],
            "statutory 2025-10-29 (20wd)\npromised  2025-10-11 (7wd)",
        ),
        // Two suspensions: 3 + 5 (13–17 Oct) working days: 24 Oct + 8 =
        // 27–31 Oct (5), 3–5 Nov (8).
        (
            &[
                "approvals",
                "deadline",
                "--accepted",
                "2025-09-22",
                "--suspend",
                "2025-09-24..2025-09-26",
                "--suspend",
                "2025-10-13..2025-10-17",
            ],
            "statutory 2025-11-05 (20wd)\npromised  -",
        ),
        // A bare --extend is the default 10 working days (Art. 42): 30wd,
        // 24 Oct then 27–31 Oct (25), 3–7 Nov (30).
        (
            &[
                "approvals",
                "deadline",
                "--accepted",
                "2025-09-22",
                "--promised",
                "7wd",
                "--extend",
            ],
            "statutory 2025-11-07 (30wd)\npromised  2025-09-30 (7wd)",
        ),
        // An extension of 5: 27–31 Oct.
        (
            &[
                "approvals",
                "deadline",
                "--accepted",
                "2025-09-22",
                "--extend",
                "5wd",
            ],
            "statutory 2025-10-31 (25wd)\npromised  -",
        ),
        // Joint handling: 45 working days, 24 Oct (20), 27–31 Oct (25),
        // 3–7 Nov (30), 10–14 (35), 17–21 (40), 24–28 Nov (45).
        (
            &[
                "approvals",
                "deadline",
                "--accepted",
                "2025-09-22",
                "--joint",
            ],
            "statutory 2025-11-28 (45wd)\npromised  -",
        ),
        // Joint and extended: 15 more, 1–5 Dec (50), 8–12 (55), 15–19 Dec (60).
        (
            &[
                "approvals",
                "deadline",
                "--accepted",
                "2025-09-22",
                "--extend",
                "--joint",
            ],
            "statutory 2025-12-19 (60wd)\npromised  -",
        ),
    ]);
}

#[test]
fn approvals_deadline_json() {
    let (code, out, err) = jiceng(
        &[
            "approvals",
            "deadline",
            "--accepted",
            "2025-09-22",
            "--promised",
            "7wd",
            "--json",
        ],
        "",
    );
    assert_eq!(code, 0, "stderr {err:?}");
    assert_eq!(out.lines().count(), 1, "one JSON object: {out:?}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v["statutory_due"], "2025-10-24", "{v}");
    assert_eq!(v["promised_due"], "2025-09-30", "{v}");
    assert_eq!(v["provisional"], false, "{v}");
    assert_eq!(v["statutory_limit"], "20wd", "{v}");
    assert!(v["explanation"]["statutory"].is_object(), "{v}");
    assert_eq!(v["explanation"]["promised"]["end"], "2025-09-30", "{v}");
    // National Day 2025 is skipped, with its notice.
    let text = v["explanation"]["statutory"].to_string();
    assert!(text.contains("国办发明电〔2024〕12号"), "{text}");
    assert!(text.contains("2025-10-08"), "{text}");
    // Without a promise, promised_due is null.
    let (code, out, _) = jiceng(
        &[
            "approvals",
            "deadline",
            "--accepted",
            "2025-09-22",
            "--json",
        ],
        "",
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert!(v["promised_due"].is_null(), "{v}");
    assert_eq!(v["statutory_due"], "2025-10-24", "{v}");
}

#[test]
fn approvals_deadline_provisional_and_bad_input() {
    // 20 working days from Sunday 20 Dec 2026 run past the coverage; by the
    // statutory holidays and the weekly rule: 21–25 Dec (5), 28–31 Dec (9),
    // Friday 1 Jan 2027 is New Year's Day, 4–8 Jan (14), 11–15 Jan (19),
    // Monday 18 Jan (20).
    let (code, out, err) = jiceng(
        &[
            "approvals",
            "--provisional",
            "deadline",
            "--accepted",
            "2026-12-20",
        ],
        "",
    );
    assert_eq!(code, 0, "stderr {err:?}");
    assert_eq!(out, "statutory 2027-01-18 (20wd)\npromised  -\n");
    assert!(err.contains("provisional"), "warning expected: {err:?}");
    expect_input_error(
        &["approvals", "deadline", "--accepted", "2026-12-20"],
        "",
        &["2010-01-01..=2026-12-31"],
    );
    // Art. 82: the Licensing Law counts in working days.
    expect_input_error(
        &[
            "approvals",
            "deadline",
            "--accepted",
            "2025-09-22",
            "--statutory",
            "20d",
        ],
        "",
        &["20d", "行政许可法第八十二条"],
    );
    expect_input_error(
        &[
            "approvals",
            "deadline",
            "--accepted",
            "2025-09-22",
            "--extend",
            "10d",
        ],
        "",
        &["10d"],
    );
    expect_input_error(
        &["approvals", "deadline", "--accepted", "2025-13-01"],
        "",
        &["2025-13-01"],
    );
    expect_input_error(
        &[
            "approvals",
            "deadline",
            "--accepted",
            "2025-09-22",
            "--promised",
            "7x",
        ],
        "",
        &["7x"],
    );
    expect_input_error(
        &[
            "approvals",
            "deadline",
            "--accepted",
            "2025-09-22",
            "--suspend",
            "2025-09-26..2025-09-24",
        ],
        "",
        &["2025-09-26"],
    );
}

/// The story case, decided 13 Oct 2025: 11 working days used (23–26 Sep,
/// 28–30 Sep, 9–11 Oct, 13 Oct).
pub(super) const SC1: &str = r#"{"id":"SC-1","item":"HB-XK-003","body":"130926103-fwzx","channel":"counter","promised":"7wd","events":[{"date":"2025-09-22","kind":"received"},{"date":"2025-09-22","kind":"accepted"},{"date":"2025-10-13","kind":"decided","outcome":"granted"}]}"#;
/// Accepted Monday 20 Oct 2025, open: promised 21–24 Oct (4), 27–29 Oct (7);
/// statutory 27–31 Oct (9), 3–7 Nov (14), 10–14 (19), 17 Nov (20).
const SC2: &str = r#"{"id":"SC-2","promised":"7wd","events":[{"date":"2025-10-20","kind":"received"},{"date":"2025-10-20","kind":"accepted"}]}"#;
/// Accepted after it was withdrawn: cannot have happened.
const SC3: &str = r#"{"id":"SC-3","events":[{"date":"2025-10-20","kind":"received"},{"date":"2025-10-21","kind":"withdrawn"},{"date":"2025-10-22","kind":"accepted"}]}"#;
/// Received Monday 27 Oct 2025; the Art. 32 notice is due 28–31 Oct (4),
/// 3 Nov (5): still awaiting acceptance on 31 Oct.
const SC4: &str = r#"{"id":"SC-4","events":[{"date":"2025-10-27","kind":"received"}]}"#;

/// The expected text for SC-1, SC-2 and SC-4 on 31 Oct 2025. Only SC-1
/// names an item, a body and a channel, so the breakdown has one row of
/// each, with SC-1's figures.
/// SC-1 was granted on 13 Oct with no delivery on record: Art. 44 gives
/// 14–17 Oct (4), 20–24 Oct (9), 27 Oct (10), so on 31 Oct the delivery
/// is late and the case is flagged.
const EVALUATED: &str = "SC-1\tclosed_late_against_promise\taccepted 2025-09-22\tpromised 2025-09-30\tstatutory 2025-10-24\tdelivery_late\n\
SC-2\tlate_against_promise\taccepted 2025-10-20\tpromised 2025-10-29\tstatutory 2025-11-17\n\
SC-4\tawaiting_acceptance\taccepted -\tpromised -\tstatutory -\n\
summary\tcases 3\n\
status\tawaiting_acceptance\t1\n\
status\tclosed_late_against_promise\t1\n\
status\tlate_against_promise\t1\n\
rate\tacceptance\t66.7%\n\
rate\ton time (promise)\t0.0%\n\
rate\ton time (statute)\t100.0%\n\
rate\tsame day\t0.0%\n\
working days\tmean 11.0\tmedian 11\tp90 11\n\
flagged cases\t1\n\
by item\tHB-XK-003\tcases 1\ton time (promise) 0.0%\ton time (statute) 100.0%\tmedian 11\n\
by body\t130926103-fwzx\tcases 1\ton time (promise) 0.0%\ton time (statute) 100.0%\tmedian 11\n\
by channel\tcounter\tcases 1\ton time (promise) 0.0%\ton time (statute) 100.0%\tmedian 11\n";

#[test]
fn approvals_evaluate_reports_bad_lines_and_goes_on() {
    let scratch = Scratch::new("approvals-evaluate-bad");
    // Line 2 is not JSON, line 4 is blank, line 5 is an impossible log.
    let text = format!("{SC1}\n{{not json\n{SC2}\n\n{SC3}\n{SC4}\n");
    let path = scratch.write("cases.jsonl", &text);
    let f = path_str(&path);
    let (code, out, err) = jiceng(&["approvals", "evaluate", f, "--at", "2025-10-31"], "");
    assert_eq!(code, 1, "stderr {err:?}");
    assert_eq!(out, EVALUATED);
    assert!(err.contains(&format!("{f}:2:")), "{err}");
    assert!(err.contains(&format!("{f}:5:")), "{err}");
    assert!(
        err.contains("SC-3") && err.contains("event accepted is not allowed in state withdrawn"),
        "{err}"
    );
    for good in [1, 3, 4, 6] {
        assert!(!err.contains(&format!("{f}:{good}:")), "line {good}: {err}");
    }
    assert!(err.contains("2 bad lines"), "{err}");
}

#[test]
fn approvals_evaluate_clean_file_and_stdin() {
    let scratch = Scratch::new("approvals-evaluate-good");
    let text = format!("{SC1}\n{SC2}\n{SC4}\n");
    let path = scratch.write("cases.jsonl", &text);
    let (code, out, err) = jiceng(
        &[
            "approvals",
            "evaluate",
            path_str(&path),
            "--at",
            "2025-10-31",
        ],
        "",
    );
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(out, EVALUATED);
    // The same from standard input, with Windows line endings.
    let (code, out, err) = jiceng(
        &["approvals", "evaluate", "-", "--at", "2025-10-31"],
        &text.replace('\n', "\r\n"),
    );
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(out, EVALUATED);
    // Before SC-1 was decided (10 Oct): late against its promise only.
    let (code, out, _) = jiceng(
        &[
            "approvals",
            "evaluate",
            path_str(&path),
            "--at",
            "2025-10-10",
        ],
        "",
    );
    assert_eq!(code, 0);
    assert!(
        out.starts_with(
            "SC-1\tlate_against_promise\taccepted 2025-09-22\tpromised 2025-09-30\tstatutory 2025-10-24\n"
        ),
        "{out}"
    );
    // SC-2 and SC-4 are not received yet on 10 Oct: not awaiting
    // acceptance, and left out of the figures (issue 7).
    assert!(
        out.contains("SC-2\tnot_yet_received\taccepted -\tpromised -\tstatutory -\n"),
        "{out}"
    );
    assert!(out.contains("summary\tcases 1\n"), "{out}");
    assert!(out.contains("left out\tnot yet received\t2\n"), "{out}");
    assert!(out.contains("rate\tacceptance\t100.0%\n"), "{out}");
    expect_input_error(
        &[
            "approvals",
            "evaluate",
            path_str(&path),
            "--at",
            "31/10/2025",
        ],
        "",
        &["31/10/2025"],
    );
    expect_input_error(
        &[
            "approvals",
            "evaluate",
            "/nonexistent/cases.jsonl",
            "--at",
            "2025-10-31",
        ],
        "",
        &["/nonexistent/cases.jsonl"],
    );
}

#[test]
fn approvals_evaluate_json() {
    let scratch = Scratch::new("approvals-evaluate-json");
    let text = format!("{SC1}\n{SC2}\nnot json\n{SC4}\n");
    let path = scratch.write("cases.jsonl", &text);
    let f = path_str(&path);
    let (code, out, err) = jiceng(
        &["approvals", "evaluate", f, "--at", "2025-10-31", "--json"],
        "",
    );
    assert_eq!(code, 1, "stderr {err:?}");
    assert!(err.contains(&format!("{f}:3:")), "{err}");
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 4, "three cases and a summary: {out}");
    let sc1 = &lines[0];
    assert_eq!(sc1["id"], "SC-1");
    assert_eq!(sc1["status"], "closed_late_against_promise");
    assert_eq!(sc1["state"], "decided");
    assert_eq!(sc1["deadlines"]["statutory_due"], "2025-10-24");
    assert_eq!(sc1["deadlines"]["promised_due"], "2025-09-30");
    assert_eq!(sc1["deadlines"]["acceptance"], "2025-09-22");
    // 13 Oct + 10 working days: 14–17 Oct (4), 20–24 (9), 27 Oct (10).
    assert_eq!(sc1["deadlines"]["delivery_due"], "2025-10-27");
    assert_eq!(sc1["delivery_late"], true);
    assert_eq!(sc1["working_days_used"], 11);
    assert_eq!(lines[1]["id"], "SC-2");
    assert_eq!(lines[1]["status"], "late_against_promise");
    assert_eq!(lines[2]["id"], "SC-4");
    assert_eq!(lines[2]["status"], "awaiting_acceptance");
    assert_eq!(lines[2]["deadlines"]["notice_due"], "2025-11-03");
    let total = &lines[3];
    assert_eq!(total["bad_lines"], 1);
    assert_eq!(total["summary"]["cases"], 3);
    assert_eq!(total["summary"]["on_time_rate_statute"], 1.0);
    assert_eq!(total["summary"]["median_working_days"], 11);
    assert_eq!(total["statuses"]["late_against_promise"], 1);
}

#[test]
fn approvals_schema_is_json() {
    let (code, out, err) = jiceng(&["schema", "approvals"], "");
    assert_eq!(code, 0, "stderr {err:?}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).expect("valid JSON");
    assert!(v.is_object(), "{v}");
    assert!(v["properties"]["events"].is_object(), "{v}");
    assert!(v["properties"]["id"].is_object(), "{v}");
    // A line of a cases file parses with the library's type.
    let case: jiceng::approvals::Case = serde_json::from_str(SC1).unwrap();
    assert_eq!(case.events.len(), 3);
}
