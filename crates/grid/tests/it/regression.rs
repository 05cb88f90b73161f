//! Regression tests, named after the bug they pin.

use serde_json::json;

use crate::{World, entry, to_closure};

/// Resolving twice through rework must count the rework and keep the
/// resolver of the last resolution, so that the verifier rule follows it.
#[test]
fn verifier_rule_follows_the_last_resolver_after_rework() {
    let w = World::new();
    let mut e = w.engine();
    let path = to_closure(1);
    e.replay(&path[..5]).unwrap();
    e.apply(&entry(
        1,
        "11:00",
        "C02",
        json!({"action": "rework", "reason": "未清运"}),
    ))
    .unwrap();
    e.apply(&entry(
        1,
        "11:10",
        "130430104-zfd",
        json!({"action": "start"}),
    ))
    .unwrap();
    e.apply(&entry(
        1,
        "11:20",
        "130430104-zfd",
        json!({"action": "resolve"}),
    ))
    .unwrap();
    let t = e.ticket(path[0].event).unwrap();
    assert_eq!(t.reworks, 1);
    assert!(
        e.apply(&entry(
            1,
            "11:30",
            "130430104-zfd",
            json!({"action": "verify"})
        ))
        .is_err()
    );
}

/// A score outside 1–5 is an error, not a rating.
#[test]
fn rating_out_of_range_is_refused() {
    let w = World::new();
    let mut e = w.engine();
    e.replay(&to_closure(1)).unwrap();
    assert!(
        e.apply(&entry(
            1,
            "11:30",
            "W01",
            json!({"action": "rate", "score": 6})
        ))
        .is_err()
    );
    assert_eq!(e.ticket(to_closure(1)[0].event).unwrap().rating, None);
}
