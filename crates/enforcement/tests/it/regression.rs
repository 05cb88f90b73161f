//! Bugs found, each pinned by a test named after it.

use crate::{day, eval, yuan};
use jiceng_enforcement::{Status, surcharge};

/// A zero fine is never "capped", however late.
#[test]
fn zero_fine_is_not_capped() {
    let s = surcharge(yuan("0"), day("2025-01-01"), day("2026-01-01")).unwrap();
    assert_eq!(
        (s.surcharge.to_string().as_str(), s.capped),
        ("0.00", false)
    );
}

/// A case served without any fine has nothing to pay: not "awaiting
/// payment".
#[test]
fn served_warning_is_not_awaiting_payment() {
    let e = eval(
        r#"{"id": "w", "events": [{"date": "2025-03-05", "kind": "filed"},
            {"date": "2025-03-06", "kind": "notified"},
            {"date": "2025-03-20", "kind": "decided", "penalties": [{"kind": "warning"}], "party_present": true}]}"#,
        "2025-12-31",
    );
    assert_eq!(e.status, Status::Served);
    assert!(e.surcharge.is_none());
}

/// A case whose first event is after the date was reported as a clue.
#[test]
fn case_not_yet_begun_is_not_a_clue() {
    let e = eval(
        r#"{"id": "n", "events": [{"date": "2025-09-01", "kind": "filed"}]}"#,
        "2025-07-20",
    );
    assert_eq!(e.status, Status::NotStarted);
}
