//! `jiceng calendar`, `schema` and `demo`.

#![allow(clippy::unwrap_used)]

use super::*;
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
    // 20 working days from Sunday 20 Dec 2026 run past the coverage; with
    // the statutory holidays and the weekly rule: 21–25 Dec (5), 28–31 Dec
    // (9), Friday 1 Jan 2027 is New Year's Day, 4–8 Jan (14), 11–15 Jan
    // (19), Monday 18 Jan (20).
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
    assert_eq!(v["end"], "2027-01-18", "{v}");
    assert_eq!(v["provisional"], true, "{v}");
    // As text, the answer comes with a warning on stderr. Friday 1 Jan
    // 2027 is New Year's Day under the Measures (no 2027 notice yet), and
    // the weekend follows: the end rolls to Monday 4 January (Art. 203).
    let (code, out, err) = jiceng(
        &["calendar", "--provisional", "period", "2026-12-31", "1d"],
        "",
    );
    assert_eq!((code, out.as_str()), (0, "2027-01-04\n"), "stderr {err:?}");
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
        &[
            "2025-01-28",
            "before the calendar's first notice",
            "2030-01-01",
        ],
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

/// Every error of the calendar commands is said in Chinese under
/// `--lang zh`, with the values as given, and in English by default.
#[test]
fn calendar_errors_speak_the_chosen_language() {
    let cases: &[(&[&str], &str, &str)] = &[
        (
            &["calendar", "add", "2025-02-30", "3"],
            "jiceng: error: invalid DATE \"2025-02-30\": no such day\n",
            "jiceng: 错误: DATE 的值“2025-02-30”无效：没有这一天\n",
        ),
        (
            &["calendar", "add", "2025-01-01", "x"],
            "jiceng: error: invalid N \"x\": expected a whole number\n",
            "jiceng: 错误: N 的值“x”无效：应为整数\n",
        ),
        (
            &["calendar", "day", "2025/01/01"],
            "jiceng: error: invalid DATE \"2025/01/01\": expected a date YYYY-MM-DD\n",
            "jiceng: 错误: DATE 的值“2025/01/01”无效：应为日期 YYYY-MM-DD\n",
        ),
        (
            &["calendar", "period", "2025-01-01", "20x"],
            "jiceng: error: invalid period \"20x\": unknown unit: use wd (working days), d (days), m (months) or y (years)\n",
            "jiceng: 错误: 期限“20x”无效：未知的单位：应为 wd（工作日）、d（自然日）、m（月）或 y（年）\n",
        ),
        (
            &[
                "calendar",
                "period",
                "2025-01-01",
                "1m",
                "--suspend",
                "2025-01-03..2025-01-05",
            ],
            "jiceng: error: suspensions apply to periods in working days or days, not to 1m (a month has no fixed number of days to add back)\n",
            "jiceng: 错误: 中止只适用于以工作日或自然日计的期限，不适用于 1m（一个月没有固定的天数可以补回）\n",
        ),
        (
            &[
                "calendar",
                "period",
                "2025-01-01",
                "10wd",
                "--suspend",
                "2025-01-05..2025-01-03",
            ],
            "jiceng: error: suspension 2025-01-05..2025-01-03 ends before it starts\n",
            "jiceng: 错误: 中止期间 2025-01-05..2025-01-03 的结束日早于开始日\n",
        ),
        (
            &[
                "calendar",
                "add-minutes",
                "2025-06-10T09:00:00+08:00",
                "5",
                "--hours",
                "12:00-09:00",
            ],
            "jiceng: error: invalid working hours \"12:00-09:00\": each session must end after it starts\n",
            "jiceng: 错误: 作息时间“12:00-09:00”无效：每个时段的结束时间必须晚于开始时间\n",
        ),
        (
            &["calendar", "add-minutes", "2025-06-10", "5"],
            "jiceng: error: invalid TIME \"2025-06-10\": expected an RFC 3339 time such as 2025-06-10T09:35:00+08:00\n",
            "jiceng: 错误: TIME 的值“2025-06-10”无效：应为 RFC 3339 格式的时间，如 2025-06-10T09:35:00+08:00\n",
        ),
        (
            &[
                "calendar",
                "--calendar",
                "tests/cli/data/nowhere.toml",
                "info",
            ],
            "jiceng: error: cannot read tests/cli/data/nowhere.toml: No such file or directory (os error 2)\n",
            "jiceng: 错误: 无法读取 tests/cli/data/nowhere.toml：文件或目录不存在\n",
        ),
        // With --provisional given, the Chinese no longer asks to add it.
        (
            &["calendar", "is-workday", "2001-05-01", "--provisional"],
            "jiceng: error: 2001-05-01 is before the calendar's first notice (its coverage starts 2010-01-01): days before it are refused (with --provisional, days from 2008-01-01 on are estimated, none before)\n",
            "jiceng: 错误: 2001-05-01 早于日历的第一份通知（覆盖自 2010-01-01 起），不予计算（使用 --provisional 时，推算 2008-01-01 及以后的日期，更早的不推算）\n",
        ),
    ];
    for (args, en, zh) in cases {
        let (code, out, err) = jiceng(args, "");
        assert_eq!((code, out.as_str(), err.as_str()), (2, "", *en), "{args:?}");
        let zh_args: Vec<&str> = ["--lang", "zh"]
            .iter()
            .chain(args.iter())
            .copied()
            .collect();
        let (code, out, err) = jiceng(&zh_args, "");
        assert_eq!((code, out.as_str(), err.as_str()), (2, "", *zh), "{args:?}");
    }
}

#[test]
fn bad_batch_lines_and_calendar_files_speak_chinese() {
    let (code, out, err) = jiceng(
        &["--lang", "zh", "calendar", "add", "--batch"],
        "2025-01-01 1 2\n\n2025-01-01 y\n",
    );
    assert_eq!((code, out.as_str()), (2, ""));
    assert_eq!(
        err,
        "jiceng: 第 1 行: 多余的“2”：应为 DATE N\n\
         jiceng: 第 2 行: 应为 DATE N，实际为“”\n\
         jiceng: 第 3 行: N 的值“y”无效：应为整数\n\
         jiceng: 错误: 批量输入有 3 行有误，未输出任何结果\n"
    );
    let dir = super::Scratch::new("calendar-zh");
    let file = dir.write(
        "c.toml",
        "format = 2\nname = \"x\"\nkind = \"overlay\"\nweekend = [\"sat\", \"sun\"]\n",
    );
    let path = super::path_str(&file);
    let (code, _, err) = jiceng(
        &["--lang", "zh", "calendar", "--calendar", path, "info"],
        "",
    );
    assert_eq!(code, 2);
    assert_eq!(
        err,
        format!(
            "jiceng: 错误: {path} 中的日历数据有误：共 3 处问题\n  \
             {path}:1: format: 不支持格式 2（本版本读取格式 1）\n  \
             {path}:3: kind: “x” 是叠加文件，不是日历：应作为叠加文件加载（--overlay）\n  \
             {path}: notice: 日历至少需要一份放假安排通知\n"
        )
    );
    let (_, _, err) = jiceng(&["calendar", "--calendar", path, "info"], "");
    assert!(
        err.starts_with(&format!(
            "jiceng: error: invalid calendar data in {path}: 3 problems\n"
        )),
        "{err}"
    );
}
