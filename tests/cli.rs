//! End-to-end tests of the `jiceng` binary: arguments in, text and exit
//! status out.
//!
//! Every expected date is worked out by hand from the State Council's
//! holiday notices (国务院办公厅关于某年部分节假日安排的通知), never copied from
//! the program's output. The notices used most:
//!
//! * 2025, 国办发明电〔2024〕12号: 元旦 1 Jan; 春节 28 Jan–4 Feb, Sunday 26 Jan
//!   and Saturday 8 Feb worked; 清明节 4–6 Apr; 劳动节 1–5 May, Sunday 27 Apr
//!   worked; 端午节 31 May–2 Jun; 国庆节、中秋节 1–8 Oct, Sunday 28 Sep and
//!   Saturday 11 Oct worked.
//! * 2026, 国办发明电〔2025〕7号: 春节 15–23 Feb, Saturdays 14 and 28 Feb
//!   worked.
//! * 2020, 国办发明电〔2019〕16号 as extended by 国办发明电〔2020〕1号: 春节
//!   24 Jan–2 Feb; Sunday 19 Jan worked; Saturday 1 Feb, first a make-up
//!   working day, became a day off.
//! * 2015, 国发明电〔2015〕1号: Victory Day 3–5 Sep off, Sunday 6 Sep worked.

#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Runs `jiceng ARGS` in the package directory with `stdin` as standard
/// input, and returns (exit status, stdout, stderr).
fn jiceng(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jiceng"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the jiceng binary runs");
    {
        let mut input = child.stdin.take().expect("stdin is piped");
        // The command may exit before reading everything (a bad argument);
        // a broken pipe here is not the test's concern.
        let _ = input.write_all(stdin.as_bytes());
    }
    let output = child.wait_with_output().expect("jiceng finishes");
    (
        output.status.code().expect("jiceng exits with a status"),
        String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    )
}

/// Runs every case and expects exit status 0 and exactly `expected` plus a
/// newline on stdout. Reports every failing case at once.
fn check(cases: &[(&[&str], &str)]) {
    let mut failures = Vec::new();
    for (args, expected) in cases {
        let (code, out, err) = jiceng(args, "");
        if code != 0 || out != format!("{expected}\n") {
            failures.push(format!(
                "jiceng {}: expected {expected:?} with status 0, got {out:?} with status {code}; stderr {err:?}",
                args.join(" ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Expects exit status 2, nothing on stdout, and every one of `needles` in
/// stderr. Returns stderr for further checks.
fn expect_input_error(args: &[&str], stdin: &str, needles: &[&str]) -> String {
    let (code, out, err) = jiceng(args, stdin);
    assert_eq!(code, 2, "jiceng {}: status; stderr {err:?}", args.join(" "));
    assert_eq!(out, "", "jiceng {}: stdout must be empty", args.join(" "));
    for n in needles {
        assert!(
            err.contains(n),
            "jiceng {}: stderr should contain {n:?}: {err:?}",
            args.join(" ")
        );
    }
    err
}

/// A scratch directory unique to this process and test, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(test: &str) -> Scratch {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or_default();
        let dir = std::env::temp_dir().join(format!(
            "jiceng-cli-test-{}-{test}-{nanos}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).expect("create scratch directory");
        Scratch(dir)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, text).expect("write scratch file");
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("temp path is UTF-8")
}

#[test]
fn is_workday_follows_the_notices() {
    check(&[
        // An ordinary Tuesday and an ordinary Sunday.
        (&["calendar", "is-workday", "2025-06-10"], "true"),
        (&["calendar", "is-workday", "2025-10-12"], "false"),
        // 元旦 2025, a Wednesday.
        (&["calendar", "is-workday", "2025-01-01"], "false"),
        // Spring Festival 2025: Sunday 26 Jan worked, 28 Jan–4 Feb off,
        // Saturday 8 Feb worked.
        (&["calendar", "is-workday", "2025-01-26"], "true"),
        (&["calendar", "is-workday", "2025-01-27"], "true"),
        (&["calendar", "is-workday", "2025-01-28"], "false"),
        (&["calendar", "is-workday", "2025-02-04"], "false"),
        (&["calendar", "is-workday", "2025-02-05"], "true"),
        (&["calendar", "is-workday", "2025-02-08"], "true"),
        // National Day 2025: 8 Oct (a Wednesday) off, Saturday 11 Oct worked.
        (&["calendar", "is-workday", "2025-10-08"], "false"),
        (&["calendar", "is-workday", "2025-10-11"], "true"),
        // Victory Day 2015, a one-off holiday on a Thursday; Sunday 6 Sep worked.
        (&["calendar", "is-workday", "2015-09-03"], "false"),
        (&["calendar", "is-workday", "2015-09-06"], "true"),
        // 2020: Sunday 19 Jan worked; Saturday 1 Feb, a make-up working day
        // until the extension, off; Monday 3 Feb back at work.
        (&["calendar", "is-workday", "2020-01-19"], "true"),
        (&["calendar", "is-workday", "2020-01-31"], "false"),
        (&["calendar", "is-workday", "2020-02-01"], "false"),
        (&["calendar", "is-workday", "2020-02-03"], "true"),
    ]);
}

#[test]
fn add_counts_working_days_both_ways() {
    check(&[
        // Monday 27 Jan 2025 + 1: 28 Jan–4 Feb are off.
        (&["calendar", "add", "2025-01-27", "1"], "2025-02-05"),
        // National Day 2025: 1–8 Oct off, Saturday 11 Oct worked.
        (&["calendar", "add", "2025-09-30", "1"], "2025-10-09"),
        (&["calendar", "add", "2025-09-30", "2"], "2025-10-10"),
        (&["calendar", "add", "2025-09-30", "3"], "2025-10-11"),
        (&["calendar", "add", "2025-09-30", "4"], "2025-10-13"),
        // Backwards.
        (&["calendar", "add", "2025-10-09", "-1"], "2025-09-30"),
        // Monday 29 Sep - 1 is Sunday 28 Sep, a make-up working day.
        (&["calendar", "add", "2025-09-29", "-1"], "2025-09-28"),
        // N = 0 is the day itself, working day or not.
        (&["calendar", "add", "2025-06-10", "0"], "2025-06-10"),
        (&["calendar", "add", "2025-10-01", "0"], "2025-10-01"),
    ]);
}

#[test]
fn between_counts_working_days_after_a_up_to_b() {
    // January 2025 has 23 weekdays; 1 Jan (元旦) and 28–31 Jan (春节) are
    // off, Sunday 26 Jan is worked: 23 - 1 - 4 + 1 = 19.
    //
    // The whole of 2025: 261 weekdays; weekdays off: 元旦 1, 春节 6 (28–31
    // Jan, 3–4 Feb), 清明 1 (4 Apr), 劳动节 3 (1, 2, 5 May), 端午 1 (2 Jun),
    // 国庆 6 (1–3, 6–8 Oct) = 18; make-up days 26 Jan, 8 Feb, 27 Apr,
    // 28 Sep, 11 Oct = 5: 261 - 18 + 5 = 248.
    check(&[
        (&["calendar", "between", "2024-12-31", "2025-01-31"], "19"),
        (&["calendar", "between", "2025-01-31", "2024-12-31"], "-19"),
        (&["calendar", "between", "2024-12-31", "2025-12-31"], "248"),
        (&["calendar", "between", "2025-06-10", "2025-06-10"], "0"),
        (&["calendar", "between", "2025-09-30", "2025-10-08"], "0"),
        (&["calendar", "between", "2025-09-30", "2025-10-09"], "1"),
    ]);
}

#[test]
fn period_ends() {
    check(&[
        // 20 working days from Monday 22 Sep 2025: 23–26 Sep (4), Sunday
        // 28 Sep (5), 29–30 Sep (7), 9–10 Oct (9), Saturday 11 Oct (10),
        // 13–17 Oct (15), 20–24 Oct (20).
        (&["calendar", "period", "2025-09-22", "20wd"], "2025-10-24"),
        // 15 days from 16 Sep ends on 1 Oct, a holiday: Civil Code Art. 203
        // moves it to the first working day after the holiday.
        (&["calendar", "period", "2025-09-16", "15d"], "2025-10-09"),
        (
            &["calendar", "period", "2025-09-16", "15d", "--no-roll"],
            "2025-10-01",
        ),
        // One month from 31 Jan: February has no 31st, so its last day
        // (Friday 28 Feb 2025, a working day).
        (&["calendar", "period", "2025-01-31", "1m"], "2025-02-28"),
        // Two years from 29 Feb 2024: 28 Feb 2026, a Saturday but a
        // make-up working day for the 2026 Spring Festival.
        (&["calendar", "period", "2024-02-29", "2y"], "2026-02-28"),
        // 90 days from 3 Mar 2025 is Sunday 1 Jun, inside 端午 (31 May–2 Jun).
        (&["calendar", "period", "2025-03-03", "90d"], "2025-06-03"),
    ]);
}

#[test]
fn period_with_suspension() {
    check(&[
        // 20 working days from Monday 3 Mar 2025 end on Monday 31 Mar.
        (&["calendar", "period", "2025-03-03", "20wd"], "2025-03-31"),
        // Suspended 10–14 Mar (5 working days): 5 more working days after
        // 31 Mar are 1, 2, 3 Apr, then 清明 4–6 Apr, then 7 and 8 Apr.
        (
            &[
                "calendar",
                "period",
                "2025-03-03",
                "20wd",
                "--suspend",
                "2025-03-10..2025-03-14",
            ],
            "2025-04-08",
        ),
        // With --reset the count starts again after 14 Mar: 17–21 Mar (5),
        // 24–28 Mar (10), 31 Mar–3 Apr (14), 7–11 Apr (19), 14 Apr (20).
        (
            &[
                "calendar",
                "period",
                "2025-03-03",
                "20wd",
                "--suspend",
                "2025-03-10..2025-03-14",
                "--reset",
            ],
            "2025-04-14",
        ),
    ]);
}

#[test]
fn period_json() {
    let (code, out, err) = jiceng(&["calendar", "period", "2025-09-16", "15d", "--json"], "");
    assert_eq!(code, 0, "stderr {err:?}");
    assert_eq!(
        out.lines().count(),
        1,
        "one JSON object on one line: {out:?}"
    );
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v["end"], "2025-10-09", "{v}");
    assert_eq!(v["provisional"], false, "{v}");
    assert!(v["explanation"].is_object(), "{v}");
    let text = v["explanation"].to_string();
    assert!(text.contains("国办发明电〔2024〕12号"), "{text}");
}

#[test]
fn period_json_provisional() {
    // 20 working days from Sunday 20 Dec 2026 run past the coverage; under
    // the weekly rule: 21–25 Dec (5), 28–31 Dec (9), Friday 1 Jan 2027 (10),
    // 4–8 Jan (15), 11–15 Jan (20).
    let args = [
        "calendar",
        "period",
        "2026-12-20",
        "20wd",
        "--json",
        "--provisional",
    ];
    let (code, out, err) = jiceng(&args, "");
    assert_eq!(code, 0, "stderr {err:?}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v["end"], "2027-01-15", "{v}");
    assert_eq!(v["provisional"], true, "{v}");
    // As text, the answer comes with a warning on stderr. Friday 1 Jan
    // 2027 is a working day by the weekly rule (no 2027 notice yet).
    let (code, out, err) = jiceng(
        &["calendar", "--provisional", "period", "2026-12-31", "1d"],
        "",
    );
    assert_eq!((code, out.as_str()), (0, "2027-01-01\n"), "stderr {err:?}");
    assert!(err.contains("provisional"), "warning expected: {err:?}");
    // Without --provisional it is refused.
    expect_input_error(
        &["calendar", "period", "2026-12-20", "20wd"],
        "",
        &["2010-01-01..=2026-12-31"],
    );
}

#[test]
fn period_explain_names_the_holiday_and_the_notice() {
    let (code, out, err) = jiceng(
        &["calendar", "period", "2025-09-16", "15d", "--explain"],
        "",
    );
    assert_eq!(code, 0, "stderr {err:?}");
    for needle in [
        "国庆节",
        "国办发明电〔2024〕12号",
        "2025-10-09",
        "2025-10-01",
    ] {
        assert!(
            out.contains(needle),
            "--explain should mention {needle}: {out}"
        );
    }
}

#[test]
fn batch_answers_one_line_per_query_in_order() {
    let cases: &[(&[&str], &str, &str)] = &[
        (
            &["calendar", "is-workday", "--batch"],
            "2025-01-26\n2025-01-28\n2015-09-03\n2020-02-01\n2025-06-10\n",
            "true\nfalse\nfalse\nfalse\ntrue\n",
        ),
        // Windows line endings and a missing final newline.
        (
            &["calendar", "is-workday", "--batch"],
            "2025-01-28\r\n2025-01-26",
            "false\ntrue\n",
        ),
        (&["calendar", "is-workday", "--batch"], "", ""),
        (
            &["calendar", "add", "--batch"],
            "2025-01-27 1\n2025-09-30 1\n2025-10-09 -1\n2025-06-10 0\n",
            "2025-02-05\n2025-10-09\n2025-09-30\n2025-06-10\n",
        ),
        (
            &["calendar", "between", "--batch"],
            "2024-12-31 2025-01-31\n2025-01-31 2024-12-31\n2025-09-30  2025-10-09\n",
            "19\n-19\n1\n",
        ),
    ];
    for (args, input, expected) in cases {
        let (code, out, err) = jiceng(args, input);
        assert_eq!(code, 0, "jiceng {args:?} <<< {input:?}: stderr {err:?}");
        assert_eq!(&out, expected, "jiceng {args:?} <<< {input:?}");
        assert_eq!(err, "", "no warnings expected");
    }
}

#[test]
fn batch_bad_line_writes_no_answers() {
    let err = expect_input_error(
        &["calendar", "is-workday", "--batch"],
        "2025-01-26\n2025-13-01\n2025-01-28\nabc\n",
        &["line 2", "2025-13-01", "line 4", "abc"],
    );
    assert!(!err.contains("line 1"), "{err}");
    assert!(!err.contains("line 3"), "{err}");
    expect_input_error(
        &["calendar", "add", "--batch"],
        "2025-01-27 1\n2025-13-01 1\n",
        &["line 2", "2025-13-01"],
    );
    expect_input_error(
        &["calendar", "add", "--batch"],
        "2025-01-27 1\n2025-01-27 abc\n",
        &["line 2", "abc"],
    );
    expect_input_error(
        &["calendar", "between", "--batch"],
        "2024-12-31 2025-01-31\nabc 2025-01-31\n",
        &["line 2", "abc"],
    );
    // A day outside the coverage is a bad line too.
    expect_input_error(
        &["calendar", "is-workday", "--batch"],
        "2025-01-26\n2027-03-01\n",
        &["line 2", "2027-03-01"],
    );
}

#[test]
fn out_of_coverage_is_refused_unless_provisional() {
    let err = expect_input_error(
        &["calendar", "is-workday", "2027-03-01"],
        "",
        &["2027-03-01", "2010-01-01..=2026-12-31"],
    );
    assert_eq!(err.lines().count(), 1, "one-line message: {err:?}");

    // Monday 1 March 2027, by the weekly rule.
    let (code, out, err) = jiceng(
        &["calendar", "is-workday", "2027-03-01", "--provisional"],
        "",
    );
    assert_eq!(code, 0, "stderr {err:?}");
    assert_eq!(out, "true\n");
    assert!(err.contains("provisional"), "warning expected: {err:?}");

    // The last covered day answers without a warning.
    let (code, out, err) = jiceng(
        &["calendar", "is-workday", "2026-12-31", "--provisional"],
        "",
    );
    assert_eq!((code, out.as_str(), err.as_str()), (0, "true\n", ""));

    // In a batch, one warning for the provisional answers.
    let (code, out, err) = jiceng(
        &["calendar", "--provisional", "is-workday", "--batch"],
        "2026-12-31\n2027-03-01\n2027-03-06\n",
    );
    assert_eq!(code, 0, "stderr {err:?}");
    assert_eq!(out, "true\ntrue\nfalse\n");
    assert!(err.contains("provisional"), "warning expected: {err:?}");
}

#[test]
fn calendar_file_replaces_the_bundled_data() {
    let scratch = Scratch::new("calendar-file");
    // A made-up calendar for 2030: Monday 4 and Tuesday 5 March off,
    // Saturday 9 March worked.
    let file = scratch.write(
        "tiny.toml",
        "format = 1\n\
         name = \"tiny\"\n\
         \n\
         [[notice]]\n\
         year = 2030\n\
         document = \"测试〔2029〕1号\"\n\
         holidays = [\n  \
           { name = \"测试节\", off = [\"2030-03-04..2030-03-05\"], work = [\"2030-03-09\"] },\n\
         ]\n",
    );
    let f = path_str(&file);
    check(&[
        (
            &["calendar", "--calendar", f, "is-workday", "2030-03-04"],
            "false",
        ),
        (
            &["calendar", "--calendar", f, "is-workday", "2030-03-05"],
            "false",
        ),
        (
            &["calendar", "--calendar", f, "is-workday", "2030-03-06"],
            "true",
        ),
        (
            &["calendar", "--calendar", f, "is-workday", "2030-03-09"],
            "true",
        ),
        (
            &["calendar", "--calendar", f, "is-workday", "2030-03-10"],
            "false",
        ),
        (
            &["calendar", "--calendar", f, "add", "2030-03-01", "1"],
            "2030-03-06",
        ),
    ]);
    // The bundled notices are gone: 2025 is outside this calendar.
    expect_input_error(
        &["calendar", "--calendar", f, "is-workday", "2025-01-28"],
        "",
        &["2025-01-28", "2030-01-01..=2030-12-31"],
    );
}

#[test]
fn malformed_calendar_file_names_file_and_line() {
    let scratch = Scratch::new("bad-calendar");
    // Line 6 has 30 February.
    let file = scratch.write(
        "bad.toml",
        "format = 1\n\
         name = \"bad\"\n\
         [[notice]]\n\
         year = 2030\n\
         document = \"X\"\n\
         holidays = [{ name = \"x\", off = [\"2030-02-30\"] }]\n",
    );
    let f = path_str(&file);
    expect_input_error(
        &["calendar", "--calendar", f, "is-workday", "2030-03-04"],
        "",
        &[f, &format!("{f}:6"), "2030-02-30"],
    );

    // Not TOML at all, on line 2.
    let file = scratch.write("syntax.toml", "format = 1\nname = = \"bad\"\n");
    let f = path_str(&file);
    expect_input_error(
        &["calendar", "--calendar", f, "is-workday", "2030-03-04"],
        "",
        &[&format!("{f}:2")],
    );

    // A file that does not exist.
    let missing = scratch.0.join("missing.toml");
    expect_input_error(
        &["calendar", "--calendar", path_str(&missing), "info"],
        "",
        &["missing.toml"],
    );
}

#[test]
fn overlay_adds_regional_days_off() {
    let overlay = "crates/calendar/data/overlays/guangxi-sanyuesan.toml";
    check(&[
        // Friday 17 and Monday 20 April 2026: working days nationally…
        (&["calendar", "is-workday", "2026-04-17"], "true"),
        (&["calendar", "is-workday", "2026-04-20"], "true"),
        // …and days off in Guangxi for 壮族三月三.
        (
            &["calendar", "--overlay", overlay, "is-workday", "2026-04-17"],
            "false",
        ),
        (
            &["calendar", "is-workday", "2026-04-20", "--overlay", overlay],
            "false",
        ),
        (
            &["calendar", "--overlay", overlay, "is-workday", "2026-04-21"],
            "true",
        ),
        // Thursday 16 Apr + 1 skips 17–20 Apr in Guangxi.
        (
            &["calendar", "--overlay", overlay, "add", "2026-04-16", "1"],
            "2026-04-21",
        ),
    ]);
}

#[test]
fn working_minutes() {
    check(&[
        // 25 minutes to 12:00, lunch 12:00–14:00 not counted, 50 more.
        (
            &["calendar", "add-minutes", "2025-06-10T11:35:00+08:00", "75"],
            "2025-06-10T14:50:00+08:00",
        ),
        // Friday 16:40: 50 minutes to 17:30, then Monday 16 June from 08:30.
        (
            &[
                "calendar",
                "add-minutes",
                "2025-06-13T16:40:00+08:00",
                "120",
            ],
            "2025-06-16T09:40:00+08:00",
        ),
        (
            &[
                "calendar",
                "minutes-between",
                "2025-06-10T09:35:00+08:00",
                "2025-06-10T10:50:00+08:00",
            ],
            "75",
        ),
        (
            &[
                "calendar",
                "minutes-between",
                "2025-06-10T11:35:00+08:00",
                "2025-06-10T14:50:00+08:00",
            ],
            "75",
        ),
    ]);
    expect_input_error(
        &["calendar", "add-minutes", "2025-06-10 11:35", "75"],
        "",
        &["2025-06-10 11:35"],
    );
}

#[test]
fn schema_is_json() {
    let (code, out, err) = jiceng(&["schema", "calendar"], "");
    assert_eq!(code, 0, "stderr {err:?}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("the schema is valid JSON");
    assert!(v.is_object(), "{v}");
    assert!(out.contains("notice"), "the schema describes notices");
    let (code, out, _) = jiceng(&["schema", "explanation"], "");
    assert_eq!(code, 0);
    serde_json::from_str::<serde_json::Value>(&out).expect("the schema is valid JSON");
}

#[test]
fn demo_runs() {
    let (code, out, err) = jiceng(&["demo"], "");
    assert_eq!(code, 0, "stderr {err:?}");
    let line_with = |label: &str| {
        out.lines()
            .find(|l| l.contains(label))
            .unwrap_or_else(|| panic!("no line with {label:?} in {out}"))
            .to_owned()
    };
    // 22 Sep 2025 + 7 working days: 23–26 Sep, Sunday 28 Sep, 29–30 Sep.
    assert!(line_with("(7 working days)").contains("2025-09-30"));
    assert!(line_with("(20 working days)").contains("2025-10-24"));
    // +10 more: 27–31 Oct, 3–7 Nov.
    assert!(line_with("(+10 working days)").contains("2025-11-07"));
    assert!(line_with("working minutes taken").contains("75"));
}

#[test]
fn bad_input_exits_2() {
    expect_input_error(&["calendar", "add", "2025-01-01", "x"], "", &["\"x\""]);
    expect_input_error(
        &["calendar", "is-workday", "2025-02-30"],
        "",
        &["2025-02-30"],
    );
    expect_input_error(&["calendar", "is-workday", "25-1-1"], "", &["25-1-1"]);
    expect_input_error(&["calendar", "period", "2025-01-01", "20x"], "", &["20x"]);
    expect_input_error(
        &[
            "calendar",
            "period",
            "2025-03-03",
            "20wd",
            "--suspend",
            "2025-03-10",
        ],
        "",
        &["2025-03-10"],
    );
    expect_input_error(&["calendar", "frobnicate"], "", &["frobnicate"]);
    expect_input_error(&["calendar", "is-workday"], "", &[]);
}

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
    // weekly rule: 21–25 Dec (5), 28–31 Dec (9), 1 Jan 2027 (10), 4–8 Jan
    // (15), 11–15 Jan (20).
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
    assert_eq!(out, "statutory 2027-01-15 (20wd)\npromised  -\n");
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
const SC1: &str = r#"{"id":"SC-1","item":"HB-XK-003","body":"130926103-fwzx","channel":"counter","promised":"7wd","events":[{"date":"2025-09-22","kind":"received"},{"date":"2025-09-22","kind":"accepted"},{"date":"2025-10-13","kind":"decided","outcome":"granted"}]}"#;
/// Accepted Monday 20 Oct 2025, open: promised 21–24 Oct (4), 27–29 Oct (7);
/// statutory 27–31 Oct (9), 3–7 Nov (14), 10–14 (19), 17 Nov (20).
const SC2: &str = r#"{"id":"SC-2","promised":"7wd","events":[{"date":"2025-10-20","kind":"received"},{"date":"2025-10-20","kind":"accepted"}]}"#;
/// Decided before it was accepted.
const SC3: &str = r#"{"id":"SC-3","events":[{"date":"2025-10-20","kind":"received"},{"date":"2025-10-21","kind":"decided","outcome":"granted"}]}"#;
/// Received Monday 27 Oct 2025; the Art. 32 notice is due 28–31 Oct (4),
/// 3 Nov (5): still awaiting acceptance on 31 Oct.
const SC4: &str = r#"{"id":"SC-4","events":[{"date":"2025-10-27","kind":"received"}]}"#;

/// The expected text for SC-1, SC-2 and SC-4 on 31 Oct 2025. Only SC-1
/// names an item and a channel, so the breakdown has one row of each.
const EVALUATED: &str = "SC-1\tclosed_late_against_promise\taccepted 2025-09-22\tpromised 2025-09-30\tstatutory 2025-10-24\n\
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
by item\tHB-XK-003\tcases 1\ton time (promise) 0.0%\ton time (statute) 100.0%\tmedian 11\n\
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
        err.contains("SC-3") && err.contains("event decided is not allowed in state received"),
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
    // SC-2 and SC-4 are not received yet on 10 Oct.
    assert!(
        out.contains("SC-2\tawaiting_acceptance\taccepted -\tpromised -\tstatutory -\n"),
        "{out}"
    );
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
