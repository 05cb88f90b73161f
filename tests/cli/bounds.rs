//! What a hostile file may cost in output (issue 9): bad lines shown up to
//! `--max-errors`, then counted; echoed values cut and escaped; flags of
//! the generators bounded.

use crate::{Scratch, expect_input_error, jiceng, path_str};

/// `count` lines of `line`, each ending in a line feed.
fn lines(line: &str, count: usize) -> String {
    format!("{line}\n").repeat(count)
}

/// A command, a line it refuses, the exit status it keeps and how it
/// names line `n`.
type Reader = (Vec<&'static str>, &'static str, i32, fn(usize) -> String);

/// Every command that reports bad lines one by one, with the line it
/// refuses, the exit status it keeps and how it names line `n` (a file
/// read from standard input is named `-`).
fn readers() -> Vec<Reader> {
    fn named(n: usize) -> String {
        format!("jiceng: -:{n}: ")
    }
    fn numbered(n: usize) -> String {
        format!("jiceng: line {n}: ")
    }
    vec![
        (
            vec!["approvals", "evaluate", "-", "--at", "2025-06-30"],
            "1",
            1,
            named,
        ),
        (
            vec!["enforcement", "evaluate", "-", "--at", "2025-06-30"],
            "1",
            1,
            named,
        ),
        (vec!["grid", "metrics", "-"], "1", 1, named),
        (vec!["grid", "replay", "-"], "{}", 1, named),
        (vec!["grid", "open311", "-"], "1", 1, named),
        (vec!["calendar", "is-workday", "--batch"], "x", 2, numbered),
        (vec!["calendar", "add", "--batch"], "x", 2, numbered),
        (vec!["calendar", "between", "--batch"], "x", 2, numbered),
    ]
}

/// 1,005 bad lines: the first 1,000 are shown (the default), then one
/// line counts the 1,005 − 1,000 = 5 others, then the command's own
/// closing error; the status is the command's.
#[test]
fn the_first_thousand_bad_lines_are_shown_then_counted() {
    for (args, bad, status, place) in readers() {
        let input = lines(bad, 1_005);
        let (code, _, err) = jiceng(&args, &input);
        assert_eq!(code, status, "{args:?}: {err:?}");
        let shown: Vec<&str> = err.lines().collect();
        // 1,000 bad lines, the count, the closing error.
        assert_eq!(shown.len(), 1_002, "{args:?}");
        assert!(shown[0].starts_with(&place(1)), "{args:?}: {}", shown[0]);
        assert!(
            shown[999].starts_with(&place(1_000)),
            "{args:?}: {}",
            shown[999]
        );
        assert_eq!(
            shown[1_000], "jiceng: … 5 more bad lines not shown (--max-errors 1000; 0 shows all)",
            "{args:?}"
        );
        assert!(shown[1_001].starts_with("jiceng: error: "), "{args:?}");
    }
}

/// `--max-errors 2` shows two and counts 1,003; `--max-errors 0` shows
/// all 1,005 and no count; in Chinese the count is said in Chinese.
#[test]
fn max_errors_sets_the_count_shown_and_zero_shows_all() {
    for (args, bad, status, place) in readers() {
        let input = lines(bad, 1_005);
        let two = [&["--max-errors", "2"][..], &args].concat();
        let (code, _, err) = jiceng(&two, &input);
        assert_eq!(code, status, "{two:?}");
        let shown: Vec<&str> = err.lines().collect();
        assert_eq!(shown.len(), 4, "{two:?}: {err}");
        assert!(shown[1].starts_with(&place(2)), "{two:?}");
        assert_eq!(
            shown[2],
            "jiceng: … 1003 more bad lines not shown (--max-errors 2; 0 shows all)"
        );
        let all = [&["--max-errors", "0"][..], &args].concat();
        let (code, _, err) = jiceng(&all, &input);
        assert_eq!(code, status, "{all:?}");
        assert_eq!(err.lines().count(), 1_006, "{all:?}");
        assert!(!err.contains("not shown"), "{all:?}");
    }
    let (code, _, err) = jiceng(
        &["--lang", "zh", "--max-errors", "1", "grid", "metrics", "-"],
        &lines("1", 3),
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("jiceng: …另有 2 行有误，未显示（--max-errors 1；设为 0 显示全部）\n"),
        "{err}"
    );
}

/// Exactly as many bad lines as the limit: all shown, no count.
#[test]
fn no_count_when_every_bad_line_is_shown() {
    let (code, _, err) = jiceng(
        &[
            "--max-errors",
            "3",
            "enforcement",
            "evaluate",
            "-",
            "--at",
            "2025-06-30",
        ],
        &lines("1", 3),
    );
    assert_eq!(code, 1);
    assert_eq!(err.lines().count(), 4, "{err}");
    assert!(!err.contains("not shown"), "{err}");
}

/// A JSON string of 100,000 `x` as a penalty case: serde's message names
/// the string, and the case reader cuts it to its first 60 characters and
/// an ellipsis, before the list of what it expected.
#[test]
fn a_huge_value_is_echoed_cut() {
    let input = format!("\"{}\"\n", "x".repeat(100_000));
    let (code, _, err) = jiceng(
        &["enforcement", "evaluate", "-", "--at", "2025-06-30"],
        &input,
    );
    assert_eq!(code, 1);
    let first = err.lines().next().unwrap_or_default();
    let expected = format!(
        "jiceng: -:1: field `(case)`: invalid type: string \"{}…\", expected a case (a JSON object)",
        "x".repeat(60)
    );
    assert!(first.starts_with(&expected), "{first}");
    assert!(err.len() < 1_000, "{} bytes of stderr", err.len());
}

/// A scenario's name of 5,000 characters with a NUL and a bell: the
/// message escapes them (`\0`, `\u{7}`) and cuts the name; a median of
/// 1e300 minutes written out (301 digits) is cut to 120.
#[test]
fn scenario_errors_escape_and_cut_what_they_echo() {
    let dir = Scratch::new("bounds-scenario");
    let mmc = include_str!("../../crates/sim/data/mmc.toml");
    let name = format!("a\\u0000b\\u0007{}", "x".repeat(5_000));
    let named = mmc.replacen("name = \"", &format!("name = \"{name}"), 1);
    let file = dir.write("named.toml", &named);
    let out = dir.0.join("out");
    let (code, _, err) = jiceng(&["simulate", path_str(&file), "--out", path_str(&out)], "");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("a\\0b\\u{7}xxx"), "{err}");
    assert!(
        !err.contains('\0') && !err.contains('\u{7}'),
        "raw controls"
    );
    assert!(err.len() < 2_000, "{} bytes of stderr", err.len());
    let big = mmc.replace(
        "median_minutes = 41.588830833596716",
        "median_minutes = 1e300",
    );
    let file = dir.write("big.toml", &big);
    let (code, _, err) = jiceng(&["simulate", path_str(&file), "--out", path_str(&out)], "");
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(&format!("median_minutes: 1{}…", "0".repeat(119))),
        "{err}"
    );
    assert!(!err.contains(&"0".repeat(120)), "{err}");
}

/// `grid synth --events` is bounded at 20,000,000 (twice the benchmark
/// log of 10 million), named in the refusal.
#[test]
fn grid_synth_bounds_its_events() {
    for events in ["20000001", "1000000000000000000"] {
        expect_input_error(
            &["grid", "synth", "--events", events],
            "",
            &[&format!(
                "number of events {events} is beyond the limit of 20000000"
            )],
        );
    }
    // Three events: a few lines each, every line an entry.
    let (code, out, _) = jiceng(&["grid", "synth", "--events", "3"], "");
    assert_eq!(code, 0);
    assert!(out.lines().count() >= 3, "{out}");
}

/// 100,000 lines of `1` fill three blocks of 32,768 lines and part of a
/// fourth (3 × 32,768 = 98,304): every line is still reported once, at
/// its own number, in order, across the blocks' ends.
#[test]
fn grid_blocks_of_short_lines_keep_every_line_in_order() {
    let (code, _, err) = jiceng(
        &["--max-errors", "0", "grid", "metrics", "-"],
        &lines("1", 100_000),
    );
    assert_eq!(code, 1);
    let numbers: Vec<usize> = err
        .lines()
        .filter_map(|l| l.strip_prefix("jiceng: -:"))
        .filter_map(|l| l.split(':').next()?.parse().ok())
        .collect();
    assert_eq!(numbers.len(), 100_000);
    assert!(numbers.iter().enumerate().all(|(i, &n)| n == i + 1));
}

/// A start date out of range is named as the problem, not the span of
/// one day: +262142-12-31 lies past the bundled calendar's coverage
/// (2010–2026), and past its provisional horizon (2026 + 200 years).
#[test]
fn approvals_synth_names_a_start_date_out_of_range() {
    let err = expect_input_error(
        &[
            "approvals",
            "synth",
            "--from",
            "+262142-12-31",
            "--days",
            "1",
        ],
        "",
        &[
            "+262142-12-31",
            "coverage 2010-01-01..=2026-12-31",
            "(--from)",
        ],
    );
    assert!(!err.contains("span of days"), "{err}");
    expect_input_error(
        &[
            "approvals",
            "--provisional",
            "synth",
            "--from",
            "+262142-12-31",
            "--days",
            "1",
        ],
        "",
        &["+262142-12-31", "2226-12-31", "(--from)"],
    );
}

/// The bundled Suning catalogue with the province's templates starting on
/// +262142-12-31: 肃宁镇's own entry for HBFW-GF-001 (the `[[entry]]` at
/// line 309, in force from 2022-07-01) inherits no name, so it is
/// incomplete, reported at its line and its first day, not at a
/// placeholder date.
#[test]
fn catalogue_check_reports_an_incomplete_form_at_its_line_and_date() {
    let dir = Scratch::new("bounds-catalogue");
    let text = include_str!("../../crates/approvals/data/suning-catalogue.toml")
        .replace("from = \"2022-01-01\"", "from = \"+262142-12-31\"");
    let file = dir.write("late.toml", &text);
    let path = path_str(&file);
    let (code, out, _) = jiceng(&["approvals", "catalogue", "check", path], "");
    assert_eq!(code, 1);
    let expected = format!(
        "{path}:309\tincomplete\t130926100000\tHBFW-GF-001\t2022-07-01\t\
         item HBFW-GF-001 in 130926100000 from 2022-07-01: no `name`"
    );
    assert!(out.lines().any(|l| l.starts_with(&expected)), "{out}");
    assert!(!out.contains("-262143"), "a placeholder date: {out}");
}
