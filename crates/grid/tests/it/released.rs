//! What an engine remembers of the events it released: a report of a
//! remembered id is a duplicate, a rating of one is checked, and the
//! window is bounded.

use jiceng_grid::{Error, State};
use serde_json::json;

use crate::{World, entry, report, to_closure};

fn reject(n: u32, hm: &str) -> jiceng_grid::Entry {
    entry(n, hm, "C01", json!({"action": "reject", "reason": "重复"}))
}

fn rate(n: u32, hm: &str, actor: &str, score: u8) -> jiceng_grid::Entry {
    entry(n, hm, actor, json!({"action": "rate", "score": score}))
}

/// A report, its rejection, then the same id reported and accepted gave
/// one event two final states.
#[test]
fn a_released_id_reported_again_is_a_duplicate() {
    let w = World::new();
    let mut e = w.engine();
    e.apply(&report(1, "09:35")).unwrap();
    let t = e.apply_and_release(&reject(1, "09:40")).unwrap().unwrap();
    assert_eq!(t.state, State::Rejected);
    assert_eq!(e.held(), 0);
    assert!(matches!(
        e.apply(&report(1, "09:45")),
        Err(Error::DuplicateEvent { .. })
    ));
    // Any other action on it meets its final state.
    assert!(matches!(
        e.apply(&entry(1, "09:50", "C01", json!({"action": "accept"}))),
        Err(Error::Transition {
            state: State::Rejected,
            ..
        })
    ));
    assert_eq!(e.held(), 0);
}

#[test]
fn the_window_forgets_the_oldest_released_id() {
    let w = World::new();
    let mut e = w.engine().with_remembered(2);
    for n in 1..=3 {
        e.apply(&report(n, "09:35")).unwrap();
        e.apply_and_release(&reject(n, "09:40")).unwrap();
    }
    // Events 2 and 3 are remembered; event 1 has left the window, so its
    // id is new again.
    assert!(e.apply(&report(3, "10:00")).is_err());
    assert!(e.apply(&report(2, "10:00")).is_err());
    e.apply(&report(1, "10:00")).unwrap();
    assert_eq!(e.held(), 1);
    // A window of none remembers nothing.
    let mut e = w.engine().with_remembered(0);
    e.apply(&report(1, "09:35")).unwrap();
    e.apply_and_release(&reject(1, "09:40")).unwrap();
    e.apply(&report(1, "10:00")).unwrap();
}

/// Ratings of released events were accepted unchecked in the streams.
#[test]
fn a_rating_of_a_released_event_is_checked() {
    let w = World::new();
    let mut e = w.engine();
    for entry in to_closure(1) {
        e.apply_and_release(&entry).unwrap();
    }
    assert_eq!(e.held(), 0);
    // Unknown actor, a score out of range, and a time before the close
    // (11:10) are refused and change nothing.
    assert!(matches!(
        e.apply(&rate(1, "11:30", "ZZZ", 5)),
        Err(Error::Refused { .. })
    ));
    assert!(matches!(
        e.apply(&rate(1, "11:30", "W01", 6)),
        Err(Error::Invalid { .. })
    ));
    match e.apply(&rate(1, "11:00", "W01", 5)) {
        Err(Error::OutOfOrder { previous, .. }) => {
            assert_eq!(previous, "2025-06-10T11:10:00+08:00");
        }
        other => panic!("expected out of order, got {other:?}"),
    }
    // The first valid rating is taken, a second is refused.
    e.apply(&rate(1, "11:30", "W01", 5)).unwrap();
    assert!(matches!(
        e.apply(&rate(1, "11:40", "W01", 4)),
        Err(Error::Transition {
            state: State::Closed,
            ..
        })
    ));
    // A rating of an id neither held nor remembered.
    assert!(matches!(
        e.apply(&rate(2, "11:30", "W01", 5)),
        Err(Error::UnknownEvent { .. })
    ));
    // A rejected event is never rated.
    e.apply(&report(3, "09:35")).unwrap();
    e.apply_and_release(&reject(3, "09:40")).unwrap();
    assert!(matches!(
        e.apply(&rate(3, "11:30", "W01", 5)),
        Err(Error::Transition {
            state: State::Rejected,
            ..
        })
    ));
}

/// A rating in the very second of the close is in order: only a time
/// before the last action is out of order, as for an event still held.
#[test]
fn a_rating_at_the_time_of_the_close_is_in_order() {
    let w = World::new();
    let mut e = w.engine();
    for entry in to_closure(1) {
        e.apply_and_release(&entry).unwrap();
    }
    // to_closure closes at 11:10.
    e.apply(&rate(1, "11:10", "W01", 5)).unwrap();
}
