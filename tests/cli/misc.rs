//! What every command shares: a closed output pipe, shell completions and
//! the manual page.

use super::*;

/// Runs `jiceng ARGS` with `stdin` as standard input and a standard output
/// whose reader has already gone away, as in `jiceng … | head -0`. The shell
/// waits before it starts the binary, so that the reading end is closed
/// first and the first write fails with a broken pipe. Returns the exit
/// status (`None` if a signal ended it) and standard error.
fn run_into_closed_pipe(args: &[&str], stdin: &str) -> (Option<i32>, String) {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(r#"sleep 0.2; exec "$0" "$@""#)
        .arg(env!("CARGO_BIN_EXE_jiceng"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sh runs");
    drop(child.stdout.take());
    {
        let mut input = child.stdin.take().expect("stdin is piped");
        let _ = input.write_all(stdin.as_bytes());
    }
    let output = child.wait_with_output().expect("jiceng finishes");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn every_command_ends_quietly_with_status_0_on_a_closed_pipe() {
    let dir = Scratch::new("closed-pipe");
    let (code, cases, err) = jiceng(&["approvals", "synth", "--n", "50"], "");
    assert_eq!(code, 0, "approvals synth: {err}");
    let cases = dir.write("cases.jsonl", &cases);
    let cases = path_str(&cases);
    let commands: &[(&[&str], &str)] = &[
        (&["calendar", "is-workday", "2025-06-10"], ""),
        (
            &["calendar", "is-workday", "--batch"],
            "2025-06-10\n2025-10-01\n",
        ),
        (&["calendar", "add", "2025-09-30", "1"], ""),
        (&["calendar", "between", "2025-01-01", "2025-12-31"], ""),
        (
            &["calendar", "period", "2025-09-16", "15d", "--explain"],
            "",
        ),
        (&["calendar", "period", "2025-09-16", "20wd", "--json"], ""),
        (&["calendar", "day", "2025-10-01"], ""),
        (
            &[
                "calendar",
                "add-minutes",
                "2025-09-30T16:00:00+08:00",
                "120",
            ],
            "",
        ),
        (
            &[
                "calendar",
                "minutes-between",
                "2025-09-30T09:00:00+08:00",
                "2025-10-09T09:00:00+08:00",
            ],
            "",
        ),
        (&["calendar", "info"], ""),
        (&["authority", "check", "--json"], ""),
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
                "--explain",
            ],
            "",
        ),
        (
            &[
                "authority",
                "diff",
                "--from",
                "2020-01-01",
                "--to",
                "2025-01-01",
            ],
            "",
        ),
        (&["authority", "stats", "--date", "2024-06-01"], ""),
        (&["authority", "synth"], ""),
        (&["approvals", "deadline", "--accepted", "2025-09-22"], ""),
        (&["approvals", "evaluate", cases, "--at", "2025-12-31"], ""),
        (
            &[
                "approvals",
                "evaluate",
                cases,
                "--at",
                "2025-12-31",
                "--json",
            ],
            "",
        ),
        (&["approvals", "synth", "--n", "20000"], ""),
        (&["schema", "calendar"], ""),
        (&["schema", "explanation"], ""),
        (&["schema", "authority"], ""),
        (&["schema", "approvals"], ""),
        (&["demo"], ""),
        (&["--lang", "zh", "demo"], ""),
        (&["completions", "bash"], ""),
        (&["man"], ""),
        (&["--help"], ""),
        (&["calendar", "--help"], ""),
    ];
    let mut failures = Vec::new();
    for (args, stdin) in commands {
        // First make sure the command works at all, so that a quiet 0 on a
        // closed pipe means something.
        let (code, out, err) = jiceng(args, stdin);
        if code != 0 || out.is_empty() {
            failures.push(format!(
                "jiceng {}: status {code} with {} bytes out; stderr {err:?}",
                args.join(" "),
                out.len()
            ));
            continue;
        }
        let (code, err) = run_into_closed_pipe(args, stdin);
        if code != Some(0) || !err.is_empty() {
            failures.push(format!(
                "jiceng {} | (closed): status {code:?}, stderr {err:?}",
                args.join(" ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_closed_pipe_does_not_hide_a_real_error() {
    // Bad input still fails with status 2 and its message, pipe or not.
    let (code, err) = run_into_closed_pipe(&["calendar", "add", "2025-02-30", "1"], "");
    assert_eq!(code, Some(2), "stderr {err:?}");
    assert!(err.contains("2025-02-30"), "stderr {err:?}");
}

/// Every subcommand the tool has, at the top level and under each group.
const SUBCOMMANDS: &[&str] = &[
    "calendar",
    "authority",
    "approvals",
    "schema",
    "demo",
    "completions",
    "man",
    "is-workday",
    "between",
    "period",
    "add-minutes",
    "minutes-between",
    "check",
    "holder",
    "stats",
    "deadline",
    "evaluate",
    "synth",
];

#[test]
fn completions_are_produced_for_each_shell_and_know_the_subcommands() {
    let mut failures = Vec::new();
    // Each shell's own marker: bash defines `_jiceng()` and registers it
    // with `complete`, zsh starts with `#compdef`, fish calls `complete -c`.
    for (shell, marker) in [
        ("bash", "complete -F _jiceng"),
        ("zsh", "#compdef jiceng"),
        ("fish", "complete -c jiceng"),
    ] {
        let (code, out, err) = jiceng(&["completions", shell], "");
        if code != 0 || !err.is_empty() {
            failures.push(format!("{shell}: status {code}, stderr {err:?}"));
            continue;
        }
        if !out.contains(marker) {
            failures.push(format!("{shell}: no {marker:?}"));
        }
        for sub in SUBCOMMANDS {
            if !out.contains(sub) {
                failures.push(format!("{shell}: no subcommand {sub:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn an_unknown_shell_is_bad_input() {
    let (code, out, err) = jiceng(&["completions", "cmd.exe"], "");
    assert_eq!(code, 2);
    assert_eq!(out, "");
    assert!(err.contains("cmd.exe"), "stderr {err:?}");
}

#[test]
fn the_man_page_is_roff_and_lists_the_subcommands() {
    let (code, out, err) = jiceng(&["man"], "");
    assert_eq!(code, 0, "stderr {err:?}");
    // A section-1 page titled after the tool, with the usual sections.
    assert!(out.contains(".TH jiceng 1"), "{out}");
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH SUBCOMMANDS"] {
        assert!(out.contains(section), "no {section}: {out}");
    }
    // The top-level page lists the command groups.
    for sub in [
        "calendar",
        "authority",
        "approvals",
        "schema",
        "demo",
        "completions",
        "man",
    ] {
        assert!(out.contains(sub), "no subcommand {sub:?}: {out}");
    }
}
