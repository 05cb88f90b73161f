//! `jiceng calendar`: the edges of coverage, hostile inputs (issue 9),
//! suspension reasons and Chinese output.

use crate::{Scratch, check, expect_input_error, jiceng, path_str};

/// Issue 9: `--provisional add 2010-01-05 -2` answers 2009-12-31 (Monday 4
/// January, then 1–3 January 2010 off, then Thursday 31 December 2009), and
/// the answer day itself is uncovered, so it is flagged.
#[test]
fn a_backward_answer_outside_coverage_is_flagged() {
    let (code, out, err) = jiceng(
        &["calendar", "--provisional", "add", "2010-01-05", "-2"],
        "",
    );
    assert_eq!((code, out.as_str()), (0, "2009-12-31\n"), "{err}");
    assert!(err.contains("provisional"), "{err:?}");
    // One back stays inside coverage: Monday 4 January, not flagged.
    let (code, out, err) = jiceng(
        &["calendar", "--provisional", "add", "2010-01-05", "-1"],
        "",
    );
    assert_eq!((code, out.as_str(), err.as_str()), (0, "2010-01-04\n", ""));
}

/// Issue 9: `between a a` is 0 everywhere, in both modes.
#[test]
fn between_a_day_and_itself_is_zero() {
    check(&[
        (&["calendar", "between", "2027-03-01", "2027-03-01"], "0"),
        (&["calendar", "between", "1990-01-01", "1990-01-01"], "0"),
        (
            &[
                "calendar",
                "--provisional",
                "between",
                "2027-03-01",
                "2027-03-01",
            ],
            "0",
        ),
    ]);
}

/// Issue 7: statutory days beyond coverage; errors name the flag.
#[test]
fn provisional_answers_use_the_statutory_holidays() {
    check(&[
        (
            &["calendar", "--provisional", "is-workday", "2027-01-01"],
            "false",
        ),
        (
            &["calendar", "--provisional", "is-workday", "2027-10-01"],
            "false",
        ),
        // Spring Festival 2027: the 1st of the first month is 6 February,
        // the eve Friday 5 February, so 5–8 February are off.
        (
            &["calendar", "--provisional", "is-workday", "2027-02-05"],
            "false",
        ),
        (
            &["calendar", "--provisional", "is-workday", "2027-02-09"],
            "true",
        ),
    ]);
    expect_input_error(
        &["calendar", "is-workday", "2027-01-01"],
        "",
        &["2027-01-01", "--provisional"],
    );
    let err = expect_input_error(
        &["calendar", "is-workday", "2009-06-01"],
        "",
        &[
            "before the calendar's first notice",
            "--provisional",
            "2008-01-01",
        ],
    );
    assert!(!err.contains("no holiday notice covers it yet"), "{err}");
    expect_input_error(
        &["calendar", "--provisional", "is-workday", "2007-12-31"],
        "",
        &["before the calendar's first notice"],
    );
}

/// Issue 9: a suspension to +200000 used to write 3.6 GB; now it stops at
/// the horizon with a message naming it.
#[test]
fn a_suspension_past_the_horizon_is_refused() {
    for mode in [None, Some("--provisional")] {
        let mut args = vec!["calendar"];
        args.extend(mode);
        args.extend([
            "period",
            "2025-01-01",
            "36600d",
            "--suspend",
            "2025-01-02..+200000-01-01",
            "--explain",
        ]);
        expect_input_error(&args, "", &["+200000-01-01", "horizon 2226-12-31"]);
    }
}

/// Issue 9: hostile working-hours offsets.
#[test]
fn working_hours_offsets_are_checked() {
    for hours in [
        "08:30-12:00@+268435464:00",
        "08:30-12:00@+-08:00",
        "08:30-12:00@+0:1439",
    ] {
        expect_input_error(
            &[
                "calendar",
                "minutes-between",
                "2025-06-10T09:00:00+08:00",
                "2025-06-10T10:00:00+08:00",
                "--hours",
                hours,
            ],
            "",
            &["RFC 3339", hours],
        );
    }
}

/// Issue 9: tiny calendar and overlay files that cost gigabytes.
#[test]
fn hostile_calendar_files_are_one_problem() {
    let dir = Scratch::new("hostile");
    let cal = dir.write(
        "span.toml",
        "format = 1\nname = \"x\"\n[[notice]]\nyear = 2025\ndocument = \"X\"\n\
         holidays = [{ name = \"a\", off = [\"-262143-01-01..+262142-12-31\"] }]\n",
    );
    let err = expect_input_error(
        &["calendar", "--calendar", path_str(&cal), "info"],
        "",
        &["1 problem", "span.toml:6"],
    );
    assert!(err.len() < 1_000, "{err}");
    let overlay = dir.write(
        "o.toml",
        "format = 1\nname = \"r\"\nkind = \"overlay\"\n[[notice]]\nyear = 2025\ndocument = \"R\"\n\
         holidays = [{ name = \"a\", off = [\"1000-01-01..9999-12-31\"] }]\n",
    );
    let err = expect_input_error(
        &["calendar", "--overlay", path_str(&overlay), "info"],
        "",
        &["1 problem"],
    );
    assert!(err.len() < 1_000, "{err}");
    let base = dir.write(
        "1990.toml",
        "format = 1\nname = \"x\"\n[[notice]]\nyear = 2025\ndocument = \"X\"\n\
         holidays = [{ name = \"a\", off = [\"1990-01-01\"] }]\n",
    );
    expect_input_error(
        &["calendar", "--calendar", path_str(&base), "info"],
        "",
        &["1990-01-01", "outside the year of notice X"],
    );
}

/// Issue 7: `--suspend FROM..TO:REASON` takes the reason.
#[test]
fn suspensions_take_their_reason() {
    let (code, out, err) = jiceng(
        &[
            "calendar",
            "period",
            "2025-03-03",
            "20wd",
            "--json",
            "--suspend",
            "2025-03-10..2025-03-14:expert review",
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    // 20 working days from 3 March 2025 end on 31 March; the week of review
    // moves the end 5 working days on, past Qingming (4–6 April): 8 April.
    assert_eq!(v["end"], "2025-04-08");
    assert_eq!(
        v["explanation"]["suspensions"][0]["reason"],
        "expert review"
    );
    // Without a reason, the default one.
    let (_, out, _) = jiceng(
        &[
            "calendar",
            "period",
            "2025-03-03",
            "20wd",
            "--json",
            "--suspend",
            "2025-03-10..2025-03-14",
        ],
        "",
    );
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["explanation"]["suspensions"][0]["reason"], "suspended");
}

/// `--lang zh`: every label, reason, rule and warning in Chinese; JSON the
/// same in both languages.
#[test]
fn calendar_text_speaks_chinese() {
    let (code, out, _) = jiceng(
        &[
            "--lang",
            "zh",
            "calendar",
            "period",
            "2025-01-24",
            "3wd",
            "--explain",
            "--suspend",
            "2025-01-27..2025-01-27:听证",
        ],
        "",
    );
    assert_eq!(code, 0);
    for expected in [
        "起算日    2025-01-24 星期五（当日不计入）",
        "不计入    2025-01-27 星期一  中止计算：听证",
        "节假日 春节（国办发明电〔2024〕12号）",
        "调休上班 2025-01-26 星期日  计入：春节（国办发明电〔2024〕12号）",
        "规则      行政许可法第四十五条",
    ] {
        assert!(out.contains(expected), "{expected:?} missing from\n{out}");
    }
    check(&[(
        &["--lang", "zh", "calendar", "day", "2025-01-26"],
        "2025-01-26 星期日 调休上班 春节（国办发明电〔2024〕12号）",
    )]);
    let (_, _, err) = jiceng(
        &[
            "--lang",
            "zh",
            "calendar",
            "--provisional",
            "add",
            "2026-12-30",
            "5",
        ],
        "",
    );
    assert!(err.contains("警告"), "{err}");
    let (_, _, err) = jiceng(
        &["--lang", "zh", "calendar", "is-workday", "2027-01-01"],
        "",
    );
    assert!(
        err.contains("超出日历覆盖范围") && err.contains("--provisional"),
        "{err}"
    );
    let json = |lang: &str| {
        jiceng(
            &[
                "--lang",
                lang,
                "calendar",
                "period",
                "2025-01-24",
                "3wd",
                "--json",
            ],
            "",
        )
        .1
    };
    assert_eq!(json("en"), json("zh"));
}

/// `add-minutes` and `minutes-between` flag an answer that needed a day
/// outside coverage, as `add` and `between` do.
mod provisional_minutes {
    use crate::jiceng;

    const WARNING: &str = "jiceng: warning: 1 answer is provisional";

    /// Thursday 31 December 2026, 16:35: 55 minutes remain that day (to
    /// 17:30); Friday 1 January 2027 is New Year (statutory, provisional);
    /// 2–3 January are a weekend; Monday 4 January gives 210 minutes in the
    /// morning (08:30–12:00) and the last 420 − 55 − 210 = 155 from 14:00,
    /// so 16:35. The answer needed 2027.
    #[test]
    fn add_minutes_into_an_uncovered_year_is_flagged() {
        let args = [
            "calendar",
            "--provisional",
            "add-minutes",
            "2026-12-31T16:35:00+08:00",
            "420",
        ];
        let (code, out, err) = jiceng(&args, "");
        assert_eq!((code, out.as_str()), (0, "2027-01-04T16:35:00+08:00\n"));
        assert!(err.starts_with(WARNING), "{err:?}");
        let (code, out, _) = jiceng(&[&args[..], &["--json"]].concat(), "");
        assert_eq!(
            (code, out.as_str()),
            (
                0,
                "{\"time\":\"2027-01-04T16:35:00+08:00\",\"provisional\":true}\n"
            )
        );
        let (_, _, err) = jiceng(&[&["--lang", "zh"], &args[..]].concat(), "");
        assert!(err.starts_with("jiceng: 警告: 1 个结果为暂定"), "{err:?}");
    }

    /// 55 minutes from 16:35 end at 17:30 the same day (an answer on a
    /// session's end stays on that day): only 2026 was needed.
    #[test]
    fn add_minutes_within_coverage_is_not_flagged() {
        let args = [
            "calendar",
            "--provisional",
            "add-minutes",
            "2026-12-31T16:35:00+08:00",
            "55",
        ];
        let (code, out, err) = jiceng(&args, "");
        assert_eq!(
            (code, out.as_str(), err.as_str()),
            (0, "2026-12-31T17:30:00+08:00\n", "")
        );
        let (_, out, _) = jiceng(&[&args[..], &["--json"]].concat(), "");
        assert_eq!(
            out,
            "{\"time\":\"2026-12-31T17:30:00+08:00\",\"provisional\":false}\n"
        );
    }

    /// Monday 4 January 2027, 09:00 to 10:00: 60 minutes of a morning
    /// session, on a day no notice covers.
    #[test]
    fn minutes_between_on_an_uncovered_day_is_flagged() {
        let args = [
            "calendar",
            "--provisional",
            "minutes-between",
            "2027-01-04T09:00:00+08:00",
            "2027-01-04T10:00:00+08:00",
        ];
        let (code, out, err) = jiceng(&args, "");
        assert_eq!((code, out.as_str()), (0, "60\n"));
        assert!(err.starts_with(WARNING), "{err:?}");
        let (_, out, _) = jiceng(&[&args[..], &["--json"]].concat(), "");
        assert_eq!(out, "{\"minutes\":60,\"provisional\":true}\n");
    }

    /// Backwards across the year's end: from Monday 4 January 2027 10:00
    /// back to Thursday 31 December 2026 17:00 is −(30 + 90) = −120
    /// minutes (17:00–17:30, then 08:30–10:00 on Monday), and needed 2027.
    /// Within 2026, 09:00 to 10:00 on Wednesday 30 December is 60 and
    /// needs no uncovered day; an instant and itself needs no day at all.
    #[test]
    fn minutes_between_checks_every_day_in_either_order() {
        let (code, out, err) = jiceng(
            &[
                "calendar",
                "--provisional",
                "minutes-between",
                "2027-01-04T10:00:00+08:00",
                "2026-12-31T17:00:00+08:00",
            ],
            "",
        );
        assert_eq!((code, out.as_str()), (0, "-120\n"));
        assert!(err.starts_with(WARNING), "{err:?}");
        for (a, b, expected) in [
            (
                "2026-12-30T09:00:00+08:00",
                "2026-12-30T10:00:00+08:00",
                "60\n",
            ),
            (
                "2027-01-04T10:00:00+08:00",
                "2027-01-04T10:00:00+08:00",
                "0\n",
            ),
        ] {
            let (code, out, err) =
                jiceng(&["calendar", "--provisional", "minutes-between", a, b], "");
            assert_eq!((code, out.as_str(), err.as_str()), (0, expected, ""));
        }
    }
}
