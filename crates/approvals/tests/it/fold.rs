//! The fold's new counters: cases not yet received, flagged cases, 即办件,
//! and the bound on the number of items and bodies kept apart.

use jiceng_approvals::{Breakdown, Case, MAX_KEYS, Metrics, OTHER, Options, evaluate};

use crate::{cal, day};

fn case(json: &str) -> Case {
    serde_json::from_str(json).unwrap()
}

/// On 10 Mar 2025: A received 3 Mar and decided the same day on the spot;
/// B received 4 Mar as a 即办件 and decided 5 Mar; C received 20 Mar, not
/// yet; D granted 3 Mar (received and accepted that day) and never
/// delivered: Art. 44 gives 4–7 (4), 10 Mar (5) … so on 10 Mar it is not
/// late yet; E extended by a section chief: flagged.
fn cases() -> Vec<Case> {
    vec![
        case(
            r#"{"id":"A","handling":"on_the_spot","events":[{"date":"2025-03-03","kind":"received"},{"date":"2025-03-03","kind":"decided","outcome":"granted"},{"date":"2025-03-03","kind":"delivered"}]}"#,
        ),
        case(
            r#"{"id":"B","handling":"on_the_spot","events":[{"date":"2025-03-04","kind":"received"},{"date":"2025-03-05","kind":"decided","outcome":"granted"},{"date":"2025-03-05","kind":"delivered"}]}"#,
        ),
        case(r#"{"id":"C","events":[{"date":"2025-03-20","kind":"received"}]}"#),
        case(
            r#"{"id":"D","events":[{"date":"2025-03-03","kind":"received"},{"date":"2025-03-03","kind":"accepted"},{"date":"2025-03-03","kind":"decided","outcome":"granted"}]}"#,
        ),
        case(
            r#"{"id":"E","events":[{"date":"2025-03-03","kind":"received"},{"date":"2025-03-03","kind":"accepted"},{"date":"2025-03-05","kind":"extended","approved_by":"科长"}]}"#,
        ),
    ]
}

#[test]
fn not_yet_received_on_the_spot_and_flagged_are_counted() {
    let mut m = Metrics::default();
    for c in cases() {
        m.add(&evaluate(&c, day("2025-03-10"), &cal(), &Options::default()).unwrap());
    }
    assert_eq!(m.not_yet_received, 1);
    assert_eq!(m.cases, 4);
    assert_eq!(m.received, 4);
    assert_eq!(m.decided, 3);
    assert_eq!(m.decided_on_the_spot, 2);
    assert_eq!(m.on_the_spot_same_day, 1);
    assert_eq!(m.same_day, 2);
    assert_eq!(m.flagged, 1);
    let s = m.summary();
    assert_eq!(s.not_yet_received, 1);
    assert_eq!(s.flagged, 1);
    assert_eq!(s.on_the_spot_share, Some(2.0 / 3.0));
    assert_eq!(s.on_the_spot_same_day_rate, Some(0.5));
    assert_eq!(s.same_day_share, Some(2.0 / 3.0));
    // Split and merged, the same.
    let all = cases();
    let (a, b) = all.split_at(2);
    let fold = |cs: &[Case]| {
        let mut m = Metrics::default();
        for c in cs {
            m.add(&evaluate(c, day("2025-03-10"), &cal(), &Options::default()).unwrap());
        }
        m
    };
    let mut left = fold(a);
    left.merge(&fold(b));
    assert_eq!(left, m);
    // And the other way round, so that every counter is added to one
    // that already holds something.
    let mut right = fold(b);
    right.merge(&fold(a));
    assert_eq!(right, m);
    let mut doubled = m.clone();
    doubled.merge(&m);
    assert_eq!(doubled.on_the_spot_same_day, 2);
    assert_eq!(doubled.decided_on_the_spot, 4);
    assert_eq!(doubled.not_yet_received, 2);
    assert_eq!(doubled.flagged, 2);
}

#[test]
fn items_beyond_the_bound_fold_under_other() {
    let base = cases().remove(3);
    let e = evaluate(&base, day("2025-03-10"), &cal(), &Options::default()).unwrap();
    let mut b = Breakdown::default();
    for i in 0..MAX_KEYS + 5 {
        let mut c = base.clone();
        c.item = Some(format!("item-{i:05}"));
        c.body = Some(format!("body-{i:05}"));
        b.add(&c, &e);
    }
    // MAX_KEYS distinct keys, and the rest under OTHER: one more entry.
    assert_eq!(b.by_item.len(), MAX_KEYS + 1);
    assert_eq!(b.by_body.len(), MAX_KEYS + 1);
    assert_eq!(b.by_item[OTHER].cases, 5);
    assert_eq!(b.by_item["item-00000"].cases, 1);
    assert_eq!(b.total.cases, (MAX_KEYS + 5) as u64);
    // Merging two full breakdowns stays bounded.
    let mut twice = b.clone();
    twice.merge(&b);
    assert_eq!(twice.by_item.len(), MAX_KEYS + 1);
    assert_eq!(twice.by_item[OTHER].cases, 10);
    assert_eq!(twice.by_body["body-00999"].cases, 2);
}
