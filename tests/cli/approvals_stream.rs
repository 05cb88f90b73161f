//! `jiceng approvals evaluate` streams (issue 9): generated cases piped in
//! from `approvals synth` give the same metrics as the in-memory fold.
//!
//! The pipe carries 100,000 cases: a debug build evaluates about 30,000 a
//! second, so a million would make `cargo test` take minutes. The million
//! and the 5 million (peak memory) are run on the release build with the
//! commands in ARCHITECTURE.md.

#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use jiceng::approvals::{Breakdown, Options, evaluate, synth};
use jiceng::calendar::Calendar;

const N: u64 = 100_000;

#[test]
fn approvals_evaluate_streams_and_matches_the_in_memory_fold() {
    let bin = env!("CARGO_BIN_EXE_jiceng");
    let n = N.to_string();
    let mut synth_cmd = Command::new(bin)
        .args([
            "approvals",
            "synth",
            "--seed",
            "9",
            "--n",
            &n,
            "--from",
            "2024-01-01",
            "--days",
            "600",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let eval = Command::new(bin)
        .args([
            "approvals",
            "evaluate",
            "-",
            "--at",
            "2026-06-30",
            "--summary",
            "--json",
        ])
        .stdin(synth_cmd.stdout.take().unwrap())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let out = eval.wait_with_output().unwrap();
    assert!(synth_cmd.wait().unwrap().success());
    assert!(out.status.success());
    let lines: Vec<String> = BufReader::new(&out.stdout[..])
        .lines()
        .map(Result::unwrap)
        .collect();
    // --summary: one line, the summary object.
    assert_eq!(lines.len(), 1);
    let got: serde_json::Value = serde_json::from_str(&lines[0]).unwrap();

    let cal = Calendar::china_mainland();
    let at = "2026-06-30".parse().unwrap();
    let mut fold = Breakdown::default();
    let g = synth::Generator::new(&cal, 9, N, "2024-01-01".parse().unwrap(), 600).unwrap();
    for c in g {
        let c = c.unwrap();
        let e = evaluate(&c, at, &cal, &Options::default()).unwrap();
        fold.add(&c, &e);
    }
    assert_eq!(fold.total.cases, N);
    // Compared as text: the rates are floats, written the same way on
    // both sides, but read back from JSON they may lose their last digit.
    let summary = serde_json::to_string(&fold.total.summary()).unwrap();
    assert!(
        lines[0].starts_with(&format!(r#"{{"summary":{summary},"#)),
        "{summary}\n{}",
        lines[0]
    );
    assert_eq!(got["bad_lines"], 0);
    for (item, m) in &fold.by_item {
        let s = serde_json::to_string(&m.summary()).unwrap();
        assert!(lines[0].contains(&format!(r#""{item}":{s}"#)), "{item}");
    }
}
