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

mod approvals;
mod approvals_explain;
mod approvals_fixes;
mod approvals_review;
mod approvals_stream;
mod authority;
mod authority_changes;
mod authority_review;
mod bounds;
mod calendar;
mod calendar_edges;
mod catalogue;
mod duties;
mod enforcement;
mod enforcement_fixes;
mod enforcement_review;
mod grid;
mod grid_provisional;
mod grid_review;
mod hostile;
mod limits;
mod misc;
mod schemas;
mod sim;
mod simulate_coverage;
mod staffing;
mod staffing_check;
mod staffing_review;
mod zh_errors;

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
