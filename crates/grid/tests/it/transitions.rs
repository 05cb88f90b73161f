//! Each transition, each invalid transition and each refusal, as a table.

use jiceng_grid::{Error, State};
use serde_json::json;

use crate::{World, entry, id, report, to_closure};

/// What an action should give.
#[derive(Debug)]
enum Want {
    /// The event's state afterwards.
    State(State),
    /// A refusal whose reason contains this text.
    Refused(&'static str),
    /// An invalid transition from this state.
    Transition(State),
}

/// Applies the first `prefix` entries of the happy path of event 1 (plus
/// `extra`), then `action`, and checks the outcome.
fn check(prefix: usize, extra: &[jiceng_grid::Entry], action: jiceng_grid::Entry, want: Want) {
    let w = World::new();
    let mut e = w.engine();
    for x in to_closure(1).iter().take(prefix).chain(extra) {
        e.apply(x).unwrap();
    }
    let before = serde_json::to_string(&e.tickets().collect::<Vec<_>>()).unwrap();
    let got = e.apply(&action);
    if got.is_err() {
        let after = serde_json::to_string(&e.tickets().collect::<Vec<_>>()).unwrap();
        assert_eq!(before, after, "a refused action changed the state");
    }
    match (want, got) {
        (Want::State(s), Ok(())) => {
            assert_eq!(e.ticket(action.event).unwrap().state, s, "{action:?}")
        }
        (Want::Refused(text), Err(Error::Refused { actor, reason, .. })) => {
            assert_eq!(actor, action.actor);
            assert!(reason.contains(text), "{reason} lacks {text}");
        }
        (Want::Transition(s), Err(Error::Transition { state, .. })) => assert_eq!(state, s),
        (want, got) => panic!("{action:?}: wanted {want:?}, got {got:?}"),
    }
}

#[test]
fn each_transition_of_the_happy_path() {
    let path = to_closure(1);
    let states = [
        State::Reported,
        State::Accepted,
        State::Dispatched,
        State::InProgress,
        State::Resolved,
        State::Verified,
        State::Closed,
    ];
    for (i, s) in states.into_iter().enumerate() {
        check(i, &[], path[i].clone(), Want::State(s));
    }
}

#[test]
fn reject_rework_escalate_postpone_rate() {
    let s = |a| entry(1, "12:00", "C01", a);
    check(
        1,
        &[],
        s(json!({"action": "reject", "reason": "重复"})),
        Want::State(State::Rejected),
    );
    check(
        5,
        &[],
        entry(
            1,
            "11:00",
            "C02",
            json!({"action": "rework", "reason": "未清运"}),
        ),
        Want::State(State::Dispatched),
    );
    check(
        2,
        &[],
        s(json!({"action": "escalate", "reason": "no_authority"})),
        Want::State(State::Escalated),
    );
    check(
        3,
        &[],
        entry(
            1,
            "10:10",
            "130430104-zfd",
            json!({"action": "escalate", "reason": "beyond_capacity"}),
        ),
        Want::State(State::Escalated),
    );
    check(
        2,
        &[s(json!({"action": "escalate", "reason": "no_authority"}))],
        entry(
            1,
            "12:05",
            "C01",
            json!({"action": "dispatch", "body": "130430-zhzf"}),
        ),
        Want::State(State::Dispatched),
    );
    check(
        4,
        &[],
        entry(
            1,
            "10:10",
            "130430104-zfd",
            json!({"action": "postpone", "until": "2025-06-13", "approved_by": "C02"}),
        ),
        Want::State(State::InProgress),
    );
    check(
        7,
        &[],
        entry(1, "11:30", "W01", json!({"action": "rate", "score": 5})),
        Want::State(State::Closed),
    );
}

#[test]
fn invalid_transitions_are_typed_errors() {
    // Dispatch before acceptance.
    check(
        1,
        &[],
        entry(
            1,
            "09:40",
            "C01",
            json!({"action": "dispatch", "body": "130430104-zfd"}),
        ),
        Want::Transition(State::Reported),
    );
    // Resolve before handling started.
    check(
        3,
        &[],
        entry(1, "10:00", "130430104-zfd", json!({"action": "resolve"})),
        Want::Transition(State::Dispatched),
    );
    // Close before verification.
    check(
        5,
        &[],
        entry(1, "11:00", "C01", json!({"action": "close"})),
        Want::Transition(State::Resolved),
    );
    // Anything after rejection.
    check(
        1,
        &[entry(
            1,
            "09:40",
            "C01",
            json!({"action": "reject", "reason": "重复"}),
        )],
        entry(1, "09:45", "C01", json!({"action": "accept"})),
        Want::Transition(State::Rejected),
    );
    // A second rating.
    check(
        7,
        &[entry(
            1,
            "11:30",
            "W01",
            json!({"action": "rate", "score": 4}),
        )],
        entry(1, "11:40", "W01", json!({"action": "rate", "score": 5})),
        Want::Transition(State::Closed),
    );
    // Escalating a resolved event.
    check(
        5,
        &[],
        entry(
            1,
            "11:00",
            "C01",
            json!({"action": "escalate", "reason": "overdue"}),
        ),
        Want::Transition(State::Resolved),
    );
}

#[test]
fn refusals_say_who_tried_what() {
    // A grid worker reports outside their cells: W02 is assigned GCY-02.
    let mut r = report(1, "09:35");
    r.actor = "W02".into();
    check(0, &[], r, Want::Refused("cell GCY-01 is not assigned"));
    // A hotline report entered by a grid worker.
    let mut r = report(1, "09:35");
    if let jiceng_grid::Action::Report { channel, .. } = &mut r.action {
        *channel = jiceng_grid::Channel::Hotline;
    }
    check(0, &[], r, Want::Refused("staff"));
    // Unknown actors.
    check(
        1,
        &[],
        entry(1, "09:40", "X99", json!({"action": "accept"})),
        Want::Refused("unknown actor"),
    );
    // A worker may not accept.
    check(
        1,
        &[],
        entry(1, "09:40", "W01", json!({"action": "accept"})),
        Want::Refused("staff"),
    );
    // Only the body dispatched to may handle or resolve.
    check(
        3,
        &[],
        entry(1, "10:00", "130430-zhzf", json!({"action": "start"})),
        Want::Refused("130430104-zfd"),
    );
    check(
        4,
        &[],
        entry(1, "10:50", "130430104-gov", json!({"action": "resolve"})),
        Want::Refused("130430104-zfd"),
    );
    // The verifier is not the resolver.
    check(
        5,
        &[],
        entry(1, "11:05", "130430104-zfd", json!({"action": "verify"})),
        Want::Refused("not be the resolver"),
    );
    // A worker of another cell may not verify.
    check(
        5,
        &[],
        entry(1, "11:05", "W02", json!({"action": "verify"})),
        Want::Refused("worker of the cell"),
    );
    // Dispatch to a body the grid does not know.
    check(
        2,
        &[],
        entry(
            1,
            "09:45",
            "C01",
            json!({"action": "dispatch", "body": "130430-nope"}),
        ),
        Want::Refused("unknown body"),
    );
    // A postponement approved by someone outside the centre.
    check(
        4,
        &[],
        entry(
            1,
            "10:10",
            "130430104-zfd",
            json!({"action": "postpone", "until": "2025-06-13", "approved_by": "W01"}),
        ),
        Want::Refused("approver W01"),
    );
    // A rating by someone else than the reporter.
    check(
        7,
        &[],
        entry(1, "11:30", "W02", json!({"action": "rate", "score": 1})),
        Want::Refused("reporter"),
    );
}

#[test]
fn errors_for_what_cannot_have_happened() {
    let w = World::new();
    let mut e = w.engine();
    // An action on an event never reported.
    let a = entry(9, "09:40", "C01", json!({"action": "accept"}));
    assert!(matches!(e.apply(&a), Err(Error::UnknownEvent { .. })));
    // A version 4 id.
    let mut r = report(1, "09:35");
    r.event = "9b2c3d4e-0000-4000-8000-000000000001".parse().unwrap();
    assert_eq!(
        e.apply(&r),
        Err(Error::NotV7 {
            event: r.event,
            version: 4
        })
    );
    // The same report twice.
    e.apply(&report(1, "09:35")).unwrap();
    assert_eq!(
        e.apply(&report(1, "09:36")),
        Err(Error::DuplicateEvent {
            event: id(1).parse().unwrap()
        })
    );
    // An action dated before the report.
    let a = entry(1, "09:00", "C01", json!({"action": "accept"}));
    assert!(matches!(e.apply(&a), Err(Error::OutOfOrder { .. })));
    // An unknown cell and category.
    let mut r = report(2, "09:35");
    if let jiceng_grid::Action::Report { cell, .. } = &mut r.action {
        *cell = "GCY-99".into();
    }
    assert_eq!(e.apply(&r), Err(Error::UnknownCell("GCY-99".to_owned())));
    let mut r = report(2, "09:35");
    if let jiceng_grid::Action::Report { category, .. } = &mut r.action {
        *category = "9999".into();
    }
    assert_eq!(e.apply(&r), Err(Error::UnknownCategory("9999".to_owned())));
}

#[test]
fn refusal_message_names_actor_action_and_event() {
    let w = World::new();
    let mut e = w.engine();
    e.apply(&report(1, "09:35")).unwrap();
    let err = e
        .apply(&entry(1, "09:40", "W01", json!({"action": "accept"})))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "refused: W01 may not accept event {}: only the grid centre's staff may do this",
            id(1)
        )
    );
}
