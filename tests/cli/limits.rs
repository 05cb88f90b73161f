//! Running the binary under resource limits: a 1 GiB address space, 10 MB
//! of output, a minute of wall-clock time. The contract these limits check
//! is stated in `hostile.rs`.

use std::io::Read;
use std::os::unix::process::ExitStatusExt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use super::*;

/// The address-space limit, in KiB: 1 GiB.
pub(crate) const MEMORY_KIB: u64 = 1 << 20;
/// At most this much output, standard output and error together.
pub(crate) const OUTPUT_BYTES: u64 = 10_000_000;
/// At most this long, even for an unoptimised build on a busy machine.
pub(crate) const WALL: Duration = Duration::from_secs(60);
/// Inputs are small: the contract is about what a small input may cost.
pub(crate) const INPUT_BYTES: usize = 1_000_000;

/// How a run under the limits ended.
#[derive(Debug)]
pub(crate) struct Outcome {
    /// The exit status, if the process exited.
    pub(crate) status: Option<i32>,
    /// The signal that ended it, if one did.
    pub(crate) signal: Option<i32>,
    /// Why the test killed it, if it did.
    pub(crate) killed: Option<&'static str>,
    /// Bytes written to standard output and standard error.
    pub(crate) out_bytes: u64,
    pub(crate) err_bytes: u64,
    /// The start of standard error.
    pub(crate) err: String,
}

/// Reads `from` to its end in a thread, counting the bytes into `count` and
/// keeping the first 4 KiB.
fn drain(
    mut from: impl Read + Send + 'static,
    count: Arc<AtomicU64>,
) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut head = Vec::new();
        let mut buf = vec![0u8; 1 << 16];
        loop {
            match from.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    count.fetch_add(n as u64, Ordering::Relaxed);
                    let keep = n.min(4096usize.saturating_sub(head.len()));
                    head.extend_from_slice(&buf[..keep]);
                }
            }
        }
        head
    })
}

/// Runs `jiceng ARGS` with `stdin` under the address-space limit, killing it
/// when it writes too much or runs too long.
pub(crate) fn run_limited(args: &[&str], stdin: &[u8]) -> Outcome {
    assert!(stdin.len() < INPUT_BYTES, "the input must stay small");
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!(
            r#"ulimit -v {MEMORY_KIB} || exit 99; exec "$0" "$@""#
        ))
        .arg(env!("CARGO_BIN_EXE_jiceng"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sh runs");
    let input = stdin.to_vec();
    let mut child_in = child.stdin.take().expect("stdin is piped");
    let writer = std::thread::spawn(move || {
        // The command may stop reading early; that is its right.
        let _ = child_in.write_all(&input);
    });
    let out_count = Arc::new(AtomicU64::new(0));
    let err_count = Arc::new(AtomicU64::new(0));
    let out = drain(
        child.stdout.take().expect("stdout is piped"),
        out_count.clone(),
    );
    let err = drain(
        child.stderr.take().expect("stderr is piped"),
        err_count.clone(),
    );
    let started = Instant::now();
    let mut killed = None;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for jiceng") {
            break status;
        }
        let written = out_count.load(Ordering::Relaxed) + err_count.load(Ordering::Relaxed);
        if killed.is_none() && written >= OUTPUT_BYTES {
            killed = Some("it wrote 10 MB or more");
            let _ = child.kill();
        } else if killed.is_none() && started.elapsed() > WALL {
            killed = Some("it ran for more than a minute");
            let _ = child.kill();
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let _ = writer.join();
    let _ = out.join();
    let err = err.join().unwrap_or_default();
    Outcome {
        status: status.code(),
        signal: status.signal(),
        killed,
        out_bytes: out_count.load(Ordering::Relaxed),
        err_bytes: err_count.load(Ordering::Relaxed),
        err: String::from_utf8_lossy(&err).into_owned(),
    }
}

/// What a run may end with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Expect {
    /// An answer (0), findings (1) or a refusal (2): the tool stayed up.
    AnswerOrRefusal,
    /// A refusal with status 2 and a message: the input is invalid.
    Refusal,
}

/// Checks the contract for one run and returns what broke it, if anything.
pub(crate) fn breach(args: &[&str], stdin: &[u8], expect: Expect) -> Option<String> {
    let o = run_limited(args, stdin);
    assert_ne!(o.status, Some(99), "ulimit -v is refused on this machine");
    let what = format!("jiceng {}", args.join(" "));
    let first_line = o.err.lines().next().unwrap_or("").to_owned();
    if let Some(why) = o.killed {
        return Some(format!(
            "{what}: killed because {why}; stderr {first_line:?}"
        ));
    }
    if let Some(sig) = o.signal {
        return Some(format!(
            "{what}: ended by signal {sig}; stderr {first_line:?}"
        ));
    }
    if o.out_bytes + o.err_bytes >= OUTPUT_BYTES {
        return Some(format!("{what}: wrote {} bytes", o.out_bytes + o.err_bytes));
    }
    if o.err.contains("panicked") {
        return Some(format!("{what}: panicked: {first_line:?}"));
    }
    let allowed: &[i32] = match expect {
        Expect::AnswerOrRefusal => &[0, 1, 2],
        Expect::Refusal => &[2],
    };
    match o.status {
        Some(code) if allowed.contains(&code) => {}
        other => {
            return Some(format!(
                "{what}: status {other:?}, expected one of {allowed:?}; stderr {first_line:?}"
            ));
        }
    }
    if o.status == Some(2)
        && !first_line.starts_with("jiceng: ")
        && !first_line.starts_with("error: ")
    {
        return Some(format!(
            "{what}: status 2 without a message: {first_line:?}"
        ));
    }
    None
}

/// Runs every case and reports every breach at once.
pub(crate) fn check_hostile(cases: &[(&[&str], &[u8], Expect)]) {
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(args, stdin, expect)| breach(args, stdin, *expect))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
