//! The cap on the findings of a check, at its boundary: a check lists at
//! most `MAX_FINDINGS` findings and counts the rest. Filling a real ledger
//! with 100,000 findings takes a minute in a debug build, so the
//! collector is filled directly.

use super::{Finding, FindingKind, Location, MAX_FINDINGS, Out, Severity};
use crate::file::Source;

fn finding(k: usize) -> Finding {
    Finding::new(
        Severity::Error,
        FindingKind::UnknownCode,
        Location::bare(&Source::default()),
        format!("finding {k}"),
        format!("问题 {k}"),
    )
}

fn filled(n: usize) -> Out {
    let mut out = Out {
        list: Vec::new(),
        dropped: 0,
    };
    for k in 0..n {
        out.push(finding(k));
    }
    out
}

/// 99,999 findings leave room for one more; the 100,000th fills the list
/// and is listed; the 100,001st and 100,002nd are only counted.
#[test]
fn the_list_holds_exactly_max_findings_and_counts_the_rest() {
    assert_eq!(MAX_FINDINGS, 100_000);
    let mut out = filled(MAX_FINDINGS - 1);
    assert!(!out.full());
    out.push(finding(MAX_FINDINGS - 1));
    assert_eq!((out.list.len(), out.dropped), (100_000, 0));
    assert!(out.full());
    assert_eq!(out.list[99_999].message, "finding 99999");
    out.push(finding(MAX_FINDINGS));
    assert_eq!((out.list.len(), out.dropped), (100_000, 1));
    out.push(finding(MAX_FINDINGS + 1));
    assert_eq!((out.list.len(), out.dropped), (100_000, 2));
    assert_eq!(out.list[99_999].message, "finding 99999");
}

/// An empty collector is not full, and its first finding is listed.
#[test]
fn the_first_finding_is_listed() {
    let mut out = filled(0);
    assert!(!out.full());
    out.push(finding(0));
    assert_eq!((out.list.len(), out.dropped), (1, 0));
}
