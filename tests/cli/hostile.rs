//! Hostile input: small files and flags that try to make the tool crash,
//! exhaust memory or flood its output.
//!
//! The contract, for every command and every input under 1 MB: run under a
//! 1 GiB address-space limit (`ulimit -v 1048576`), the tool either answers
//! (exit status 0, or 1 where the command reports findings) or refuses with
//! exit status 2 and a one-line message. It is never ended by a signal (an
//! abort on a failed allocation is SIGABRT), never panics (status 101),
//! writes less than 10 MB in all, and ends within a minute even as an
//! unoptimised test build.
//!
//! The reproducers are the ones behind the "never panic, never blow up"
//! issue: a 123-byte calendar whose one notice lists every day from year
//! −262143 to +262142, an overlay of 120 bytes listing nine thousand years,
//! a suspension reaching year 200000 with `--explain`, the synthetic
//! generators' extreme flags, and working-hours offsets beyond RFC 3339.

use super::limits::{Expect, breach, check_hostile, run_limited};
use super::*;

/// A base calendar file with one notice of `year` whose one holiday is off
/// on `off` (a day or a span), `kind` being `base` or `overlay`.
fn calendar_file(kind: &str, year: &str, off: &str) -> String {
    format!(
        "format=1\nname=\"x\"\nkind=\"{kind}\"\n[[notice]]\nyear={year}\ndocument=\"d\"\nholidays=[{{name=\"h\",off=[\"{off}\"]}}]\n"
    )
}

#[test]
fn a_tiny_calendar_listing_half_a_million_years() {
    let dir = Scratch::new("hostile-span");
    let whole = calendar_file("base", "2025", "-262143-01-01..+262142-12-31");
    let thousands = calendar_file("base", "2025", "1000-01-01..9999-12-31");
    assert!(whole.len() < 130, "{} bytes", whole.len());
    let whole = dir.write("whole.toml", &whole);
    let thousands = dir.write("thousands.toml", &thousands);
    check_hostile(&[
        (
            &["calendar", "--calendar", path_str(&whole), "info"],
            b"",
            Expect::Refusal,
        ),
        (
            &["calendar", "--calendar", path_str(&thousands), "info"],
            b"",
            Expect::Refusal,
        ),
        (
            &[
                "calendar",
                "--calendar",
                path_str(&whole),
                "add",
                "2025-03-03",
                "1",
            ],
            b"",
            Expect::Refusal,
        ),
    ]);
}

#[test]
fn a_tiny_overlay_listing_nine_thousand_years() {
    let dir = Scratch::new("hostile-overlay");
    let overlay = calendar_file("overlay", "2025", "1000-01-01..9999-12-31");
    assert!(overlay.len() < 140, "{} bytes", overlay.len());
    let overlay = dir.write("overlay.toml", &overlay);
    let many_days: String = (1..=12)
        .map(|m| format!("\"2024-{m:02}-01..2026-{m:02}-28\","))
        .collect();
    let repeated = format!(
        "format=1\nname=\"x\"\nkind=\"overlay\"\n[[notice]]\nyear=2025\ndocument=\"d\"\nholidays=[{{name=\"h\",off=[{many_days}]}}]\n"
    );
    let repeated = dir.write("repeated.toml", &repeated);
    check_hostile(&[
        (
            &["calendar", "--overlay", path_str(&overlay), "info"],
            b"",
            Expect::Refusal,
        ),
        (
            &[
                "calendar",
                "--overlay",
                path_str(&overlay),
                "is-workday",
                "2025-06-10",
            ],
            b"",
            Expect::Refusal,
        ),
        (
            &["calendar", "--overlay", path_str(&repeated), "info"],
            b"",
            Expect::Refusal,
        ),
    ]);
}

#[test]
fn a_suspension_reaching_year_200000_with_an_explanation() {
    let far = "2025-01-02..+200000-01-01";
    check_hostile(&[
        (
            &[
                "calendar",
                "--provisional",
                "period",
                "2025-01-02",
                "36600d",
                "--suspend",
                far,
                "--explain",
            ],
            b"",
            Expect::AnswerOrRefusal,
        ),
        (
            &[
                "calendar",
                "--provisional",
                "period",
                "2025-01-02",
                "36600d",
                "--suspend",
                far,
                "--explain",
                "--json",
            ],
            b"",
            Expect::AnswerOrRefusal,
        ),
        (
            &[
                "calendar",
                "--provisional",
                "period",
                "2025-01-02",
                "36600d",
                "--suspend",
                far,
            ],
            b"",
            Expect::AnswerOrRefusal,
        ),
        (
            &[
                "calendar",
                "--provisional",
                "period",
                "2025-01-02",
                "20wd",
                "--suspend",
                far,
                "--reset",
                "--explain",
            ],
            b"",
            Expect::AnswerOrRefusal,
        ),
        (
            &[
                "approvals",
                "deadline",
                "--accepted",
                "2025-01-02",
                "--suspend",
                "2025-01-03..+200000-01-01",
                "--json",
            ],
            b"",
            Expect::AnswerOrRefusal,
        ),
    ]);
}

#[test]
fn the_synthetic_generators_bound_their_flags() {
    check_hostile(&[
        (
            &["approvals", "synth", "--days", "4294967295"],
            b"",
            Expect::Refusal,
        ),
        (
            &["approvals", "synth", "--n", "18446744073709551615"],
            b"",
            Expect::Refusal,
        ),
        (
            &["authority", "synth", "--items", "0"],
            b"",
            Expect::AnswerOrRefusal,
        ),
        (
            &["authority", "synth", "--townships", "4294967295"],
            b"",
            Expect::AnswerOrRefusal,
        ),
        (
            &["authority", "synth", "--items", "4294967295"],
            b"",
            Expect::AnswerOrRefusal,
        ),
    ]);
}

#[test]
fn working_hours_offsets_beyond_rfc_3339_are_refused() {
    // RFC 3339 offsets are ±HH:MM with HH at most 23 and MM at most 59: one
    // sign, two-digit fields.
    let at = "2025-09-30T16:00:00+08:00";
    check_hostile(&[
        (
            &[
                "calendar",
                "add-minutes",
                at,
                "10",
                "--hours",
                "08:30-12:00@+268435464:00",
            ],
            b"",
            Expect::Refusal,
        ),
        (
            &[
                "calendar",
                "add-minutes",
                at,
                "10",
                "--hours",
                "08:30-12:00@+-08:00",
            ],
            b"",
            Expect::Refusal,
        ),
        (
            &[
                "calendar",
                "add-minutes",
                at,
                "10",
                "--hours",
                "08:30-12:00@+0:1439",
            ],
            b"",
            Expect::Refusal,
        ),
        (
            &[
                "calendar",
                "add-minutes",
                at,
                "10",
                "--hours",
                "08:30-12:00@+24:00",
            ],
            b"",
            Expect::Refusal,
        ),
    ]);
}

#[test]
fn extreme_counts_and_dates_on_the_command_line() {
    check_hostile(&[
        (
            &[
                "calendar",
                "--provisional",
                "add",
                "2025-01-01",
                "9223372036854775807",
            ],
            b"",
            Expect::AnswerOrRefusal,
        ),
        (
            &[
                "calendar",
                "--provisional",
                "add",
                "2025-01-01",
                "-9223372036854775808",
            ],
            b"",
            Expect::AnswerOrRefusal,
        ),
        (
            &[
                "calendar",
                "--provisional",
                "period",
                "2025-01-01",
                "4294967295wd",
                "--explain",
            ],
            b"",
            Expect::AnswerOrRefusal,
        ),
        (
            &[
                "calendar",
                "--provisional",
                "period",
                "2025-01-01",
                "4294967295y",
            ],
            b"",
            Expect::AnswerOrRefusal,
        ),
        (
            &[
                "calendar",
                "--provisional",
                "between",
                "-262143-01-01",
                "+262142-12-31",
            ],
            b"",
            Expect::AnswerOrRefusal,
        ),
        (
            &[
                "calendar",
                "--provisional",
                "minutes-between",
                "-262143-01-01T00:00:00+08:00",
                "+262142-12-31T00:00:00+08:00",
            ],
            b"",
            Expect::AnswerOrRefusal,
        ),
        (
            &[
                "calendar",
                "--provisional",
                "add-minutes",
                "2025-01-01T09:00:00+08:00",
                "9223372036854775807",
            ],
            b"",
            Expect::AnswerOrRefusal,
        ),
        (
            &[
                "approvals",
                "deadline",
                "--accepted",
                "2025-01-02",
                "--statutory",
                "4294967295wd",
                "--extend",
                "4294967295wd",
            ],
            b"",
            Expect::AnswerOrRefusal,
        ),
        (
            &[
                "authority",
                "holder",
                "--item",
                "HB-CF-001",
                "--division",
                "99999999999999999999999",
                "--date",
                "2024-06-01",
            ],
            b"",
            Expect::Refusal,
        ),
        (
            &["authority", "stats", "--date", "+262142-12-31"],
            b"",
            Expect::AnswerOrRefusal,
        ),
    ]);
}

#[test]
fn batch_input_of_garbage_lines() {
    // 60,000 bad lines: every one is reported, but the report stays small
    // per line and the tool stays up.
    let garbage: String = (0..60_000)
        .map(|i| format!("{i}-xx-{}\n", "\u{FFFD}"))
        .collect();
    let long_line = format!("{}\n", "9".repeat(900_000));
    check_hostile(&[
        (
            &["calendar", "is-workday", "--batch"],
            garbage.as_bytes(),
            Expect::Refusal,
        ),
        (
            &["calendar", "add", "--batch"],
            long_line.as_bytes(),
            Expect::Refusal,
        ),
        (
            &["calendar", "between", "--batch"],
            b"\xff\xfe\x00\x01\n",
            Expect::Refusal,
        ),
    ]);
}

#[test]
fn malformed_files_of_every_format() {
    let dir = Scratch::new("hostile-files");
    let binary = dir.0.join("binary");
    std::fs::write(&binary, [0xffu8, 0xfe, 0, 1, 2, 0x80, 0x81]).expect("write");
    let binary = path_str(&binary);
    let deep_toml = dir.write(
        "deep.toml",
        &format!("a={}{}\n", "[".repeat(100_000), "]".repeat(100_000)),
    );
    let deep_json = dir.write(
        "deep.json",
        &format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
    );
    let empty = dir.write("empty.toml", "");
    let cases_garbage = dir.write(
        "cases.jsonl",
        &format!(
            "{}\n{{\"id\":\n\u{0}\n{}\n",
            "{".repeat(50_000),
            "x".repeat(500_000)
        ),
    );
    let deep_toml = path_str(&deep_toml);
    let deep_json = path_str(&deep_json);
    let empty = path_str(&empty);
    let cases_garbage = path_str(&cases_garbage);
    check_hostile(&[
        (
            &["calendar", "--calendar", binary, "info"],
            b"",
            Expect::Refusal,
        ),
        (
            &["calendar", "--calendar", deep_toml, "info"],
            b"",
            Expect::Refusal,
        ),
        (
            &["calendar", "--calendar", empty, "info"],
            b"",
            Expect::Refusal,
        ),
        (
            &["calendar", "--overlay", deep_toml, "info"],
            b"",
            Expect::Refusal,
        ),
        (&["authority", "check", binary], b"", Expect::Refusal),
        (&["authority", "check", deep_toml], b"", Expect::Refusal),
        (&["authority", "check", deep_json], b"", Expect::Refusal),
        (&["authority", "check", empty], b"", Expect::AnswerOrRefusal),
        (
            &["approvals", "evaluate", cases_garbage, "--at", "2025-12-31"],
            b"",
            Expect::AnswerOrRefusal,
        ),
        (
            &["approvals", "evaluate", deep_json, "--at", "2025-12-31"],
            b"",
            Expect::AnswerOrRefusal,
        ),
        (
            &["approvals", "evaluate", binary, "--at", "2025-12-31"],
            b"",
            Expect::AnswerOrRefusal,
        ),
    ]);
}

#[test]
fn the_harness_sees_a_crash() {
    // The contract can fail: an unknown command is a refusal (status 2), so
    // asking for an answer-only status must report it.
    let o = run_limited(&["no-such-command"], b"");
    assert_eq!(o.status, Some(2));
    assert_eq!(o.signal, None);
    assert!(breach(&["--version"], b"", Expect::Refusal).is_some());
    assert!(breach(&["--version"], b"", Expect::AnswerOrRefusal).is_none());
}

#[test]
fn days_outside_the_notice_years_are_refused_not_ignored() {
    // A 2025 notice that lists days of 1990, in a base calendar or an
    // overlay: the file is wrong (a notice's days lie within the notices'
    // years), and loading it silently would hide that.
    let dir = Scratch::new("hostile-outside");
    let base = dir.write("base.toml", &calendar_file("base", "2025", "1990-01-01"));
    let overlay = dir.write(
        "overlay.toml",
        &calendar_file("overlay", "2025", "1990-01-02..1990-01-05"),
    );
    check_hostile(&[
        (
            &["calendar", "--calendar", path_str(&base), "info"],
            b"",
            Expect::Refusal,
        ),
        (
            &["calendar", "--overlay", path_str(&overlay), "info"],
            b"",
            Expect::Refusal,
        ),
    ]);
}

/// A numeric flag of 5,000 digits: clap's message quoted the value whole,
/// 5 kB of standard error for 5 kB of argument. It is cut as every other
/// echo is, to a run of 120 characters and an ellipsis.
#[test]
fn a_five_thousand_digit_flag_is_cut_in_clap_s_message() {
    let digits = "9".repeat(5_000);
    for args in [
        vec!["grid", "synth", "--events", digits.as_str()],
        vec![
            "calendar",
            "add-minutes",
            "2024-01-01T00:00:00+08:00",
            digits.as_str(),
        ],
    ] {
        let (code, out, err) = jiceng(&args, "");
        assert_eq!(code, 2, "{err}");
        assert!(out.is_empty());
        let cut = format!("invalid value '{}…", "9".repeat(119));
        assert!(err.contains(&cut), "{err}");
        assert!(err.len() < 400, "{} bytes", err.len());
    }
}
