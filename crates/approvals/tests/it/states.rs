//! The state machine: every event in every state, out-of-order dates, and
//! an application left unchanged by a refused event.

use jiceng_approvals::{Application, Error, Event, Options, State, Status, evaluate_app};

use crate::{cal, case, day, ev};

/// Every event, by its short name in `ev`, in a fixed order.
const EVENTS: [&str; 12] = [
    "received",
    "incomplete_notice",
    "supplemented",
    "accepted",
    "rejected",
    "suspended",
    "resumed",
    "extended",
    "granted",
    "refused",
    "delivered",
    "withdrawn",
];

/// Logs that lead to each state, all dated 2025-03-03.
fn reach(state: &str) -> (Vec<&'static str>, State) {
    let (log, s): (&[&str], State) = match state {
        "start" => (&[], State::Start),
        "received" => (&["received"], State::Received),
        "awaiting_supplement" => (
            &["received", "incomplete_notice"],
            State::AwaitingSupplement,
        ),
        "running" => (&["received", "accepted"], State::Running),
        "running_extended" => (&["received", "accepted", "extended"], State::Running),
        "suspended" => (&["received", "accepted", "suspended"], State::Suspended),
        "suspended_extended" => (
            &["received", "accepted", "suspended", "extended"],
            State::Suspended,
        ),
        "decided" => (&["received", "accepted", "granted"], State::Decided),
        "delivered" => (
            &["received", "accepted", "refused", "delivered"],
            State::Delivered,
        ),
        "rejected" => (&["received", "rejected"], State::Rejected),
        "withdrawn" => (&["received", "withdrawn"], State::Withdrawn),
        other => panic!("no state {other}"),
    };
    (log.to_vec(), s)
}

/// The transitions allowed, written from the diagram in the crate's docs:
/// (state, event, next state). An application not accepted on record may
/// be suspended, extended or decided (Art. 32 may deem it accepted on
/// receipt); a second notice and a second extension are allowed and
/// flagged by the evaluation.
const ALLOWED: &[(&str, &str, State)] = &[
    ("start", "received", State::Received),
    ("received", "incomplete_notice", State::AwaitingSupplement),
    ("received", "accepted", State::Running),
    ("received", "rejected", State::Rejected),
    ("received", "withdrawn", State::Withdrawn),
    ("received", "suspended", State::Suspended),
    ("received", "extended", State::Received),
    ("received", "granted", State::Decided),
    ("received", "refused", State::Decided),
    ("awaiting_supplement", "supplemented", State::Received),
    ("awaiting_supplement", "accepted", State::Running),
    ("awaiting_supplement", "rejected", State::Rejected),
    ("awaiting_supplement", "withdrawn", State::Withdrawn),
    ("awaiting_supplement", "extended", State::AwaitingSupplement),
    ("awaiting_supplement", "granted", State::Decided),
    ("awaiting_supplement", "refused", State::Decided),
    ("running", "suspended", State::Suspended),
    ("running", "extended", State::Running),
    ("running", "granted", State::Decided),
    ("running", "refused", State::Decided),
    ("running", "withdrawn", State::Withdrawn),
    ("running_extended", "suspended", State::Suspended),
    ("running_extended", "extended", State::Running),
    ("running_extended", "granted", State::Decided),
    ("running_extended", "refused", State::Decided),
    ("running_extended", "withdrawn", State::Withdrawn),
    ("suspended", "resumed", State::Running),
    ("suspended", "extended", State::Suspended),
    ("suspended", "withdrawn", State::Withdrawn),
    ("suspended_extended", "resumed", State::Running),
    ("suspended_extended", "extended", State::Suspended),
    ("suspended_extended", "withdrawn", State::Withdrawn),
    ("decided", "delivered", State::Delivered),
];

/// The file name of an event (`granted` and `refused` are both `decided`).
fn file_name(short: &str) -> &str {
    match short {
        "granted" | "refused" => "decided",
        other => other,
    }
}

#[test]
fn every_event_in_every_state() {
    let states = [
        "start",
        "received",
        "awaiting_supplement",
        "running",
        "running_extended",
        "suspended",
        "suspended_extended",
        "decided",
        "delivered",
        "rejected",
        "withdrawn",
    ];
    let mut failures = Vec::new();
    let mut allowed_seen = 0;
    for from in states {
        let (log, state) = reach(from);
        let events: Vec<Event> = log.iter().map(|w| ev("2025-03-03", w)).collect();
        let app = Application::replay(&events, None).unwrap();
        assert_eq!(app.state(), state, "reaching {from}");
        for what in EVENTS {
            let mut next = app.clone();
            let result = next.apply(&ev("2025-03-04", what));
            let allowed = ALLOWED.iter().find(|(s, e, _)| *s == from && *e == what);
            match (allowed, result) {
                (Some((_, _, to)), Ok(())) => {
                    allowed_seen += 1;
                    if next.state() != *to {
                        failures.push(format!(
                            "{what} in {from}: expected {to}, got {}",
                            next.state()
                        ));
                    }
                    if next.last != Some(day("2025-03-04")) {
                        failures.push(format!("{what} in {from}: last date not recorded"));
                    }
                }
                (Some(_), Err(e)) => failures.push(format!("{what} in {from}: refused: {e}")),
                (None, Ok(())) => failures.push(format!(
                    "{what} in {from}: allowed (to {}), should be refused",
                    next.state()
                )),
                (None, Err(e)) => {
                    let expected = Error::Transition {
                        event: file_name(what),
                        state,
                    };
                    if e != expected {
                        failures.push(format!(
                            "{what} in {from}: expected {expected:?}, got {e:?}"
                        ));
                    }
                    let text = e.to_string();
                    if text != format!("event {} is not allowed in state {state}", file_name(what))
                    {
                        failures.push(format!("{what} in {from}: message {text:?}"));
                    }
                    if next != app {
                        failures.push(format!("{what} in {from}: the application changed"));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(allowed_seen, ALLOWED.len());
}

#[test]
fn named_refusals() {
    let cases: &[(&[&str], &str, &str)] = &[
        (
            &[],
            "granted",
            "event decided is not allowed in state start",
        ),
        (
            &["received", "accepted"],
            "resumed",
            "event resumed is not allowed in state running",
        ),
        (
            &["received", "accepted"],
            "delivered",
            "event delivered is not allowed in state running",
        ),
        (
            &["received", "accepted", "suspended"],
            "granted",
            "event decided is not allowed in state suspended",
        ),
        (
            &["received", "withdrawn"],
            "accepted",
            "event accepted is not allowed in state withdrawn",
        ),
        (
            &["received", "withdrawn"],
            "withdrawn",
            "event withdrawn is not allowed in state withdrawn",
        ),
        (
            &["received", "accepted", "granted"],
            "withdrawn",
            "event withdrawn is not allowed in state decided",
        ),
        (
            &["received", "rejected"],
            "accepted",
            "event accepted is not allowed in state rejected",
        ),
        (
            &[],
            "accepted",
            "event accepted is not allowed in state start",
        ),
        (
            &["received"],
            "received",
            "event received is not allowed in state received",
        ),
    ];
    for (log, what, message) in cases {
        let events: Vec<Event> = log.iter().map(|w| ev("2025-03-03", w)).collect();
        let mut app = Application::replay(&events, None).unwrap();
        let before = app.clone();
        let err = app.apply(&ev("2025-03-03", what)).unwrap_err();
        assert_eq!(err.to_string(), *message);
        assert!(matches!(err, Error::Transition { .. }), "{err:?}");
        assert_eq!(app, before, "{what} after {log:?}");
    }
}

#[test]
fn an_event_dated_before_the_previous_one_is_out_of_order() {
    let mut app = Application::replay(
        &[ev("2025-03-03", "received"), ev("2025-03-05", "accepted")],
        None,
    )
    .unwrap();
    let before = app.clone();
    // Allowed in the state, but dated a day before the acceptance.
    let err = app.apply(&ev("2025-03-04", "suspended")).unwrap_err();
    assert_eq!(
        err,
        Error::OutOfOrder {
            event: "suspended",
            date: day("2025-03-04"),
            previous: day("2025-03-05"),
        }
    );
    assert_eq!(
        err.to_string(),
        "event suspended on 2025-03-04 is dated before the previous event (2025-03-05)"
    );
    assert_eq!(app, before);
    // The same day is fine.
    app.apply(&ev("2025-03-05", "suspended")).unwrap();
    assert_eq!(app.state(), State::Suspended);

    // In a log, the error names the event's index.
    let err = Application::replay(
        &[
            ev("2025-03-03", "received"),
            ev("2025-03-05", "accepted"),
            ev("2025-03-04", "granted"),
        ],
        None,
    )
    .unwrap_err();
    assert_eq!(
        err,
        Error::AtEvent {
            index: 2,
            source: Box::new(Error::OutOfOrder {
                event: "decided",
                date: day("2025-03-04"),
                previous: day("2025-03-05"),
            }),
        }
    );
    assert_eq!(
        err.to_string(),
        "event 2: event decided on 2025-03-04 is dated before the previous event (2025-03-05)"
    );
}

#[test]
fn replay_stops_at_the_evaluation_date() {
    let log = [
        ev("2025-03-03", "received"),
        ev("2025-03-03", "accepted"),
        ev("2025-03-10", "suspended"),
        ev("2025-03-17", "resumed"),
        ev("2025-03-20", "granted"),
        // Invalid, but after the date asked about: not read.
        ev("2025-03-21", "accepted"),
    ];
    let app = Application::replay(&log, Some(day("2025-03-12"))).unwrap();
    assert_eq!(app.state(), State::Suspended);
    assert_eq!(app.open_suspension.map(|s| s.0), Some(day("2025-03-10")));
    let app = Application::replay(&log, Some(day("2025-03-20"))).unwrap();
    assert_eq!(app.state(), State::Decided);
    assert_eq!(
        app.suspensions
            .iter()
            .map(|s| (s.0, s.1))
            .collect::<Vec<_>>(),
        [(day("2025-03-10"), day("2025-03-17"))]
    );
    assert!(Application::replay(&log, None).is_err());
}

#[test]
fn the_log_is_recorded() {
    let app = Application::replay(
        &[
            ev("2025-09-22", "received"),
            ev("2025-09-23", "incomplete_notice"),
            ev("2025-09-24", "supplemented"),
            ev("2025-09-25", "incomplete_notice"),
            ev("2025-09-26", "supplemented"),
            ev("2025-09-26", "accepted"),
            ev("2025-09-29", "extended"),
            ev("2025-10-13", "granted"),
            ev("2025-10-14", "delivered"),
        ],
        None,
    )
    .unwrap();
    assert_eq!(app.received, Some(day("2025-09-22")));
    // The first notice counts for Art. 32, not a later one.
    assert_eq!(app.first_notice, Some(day("2025-09-23")));
    assert_eq!(app.accepted, Some(day("2025-09-26")));
    assert_eq!(
        app.extended,
        Some((day("2025-09-29"), "县住建局局长".to_owned()))
    );
    assert_eq!(app.decided.map(|d| d.0), Some(day("2025-10-13")));
    assert_eq!(app.delivered, Some(day("2025-10-14")));
    assert_eq!(app.ended, None);
    assert_eq!(app.last, Some(day("2025-10-14")));
    assert_eq!(app.state(), State::Delivered);
}

/// The status follows the replayed state. An application whose fields were
/// filled by hand but whose log never moved it out of `Start` has no
/// receipt on record: it is not yet received, whatever `received` says.
/// (Were the state ignored, a receipt on 3 March 2025 with no notice by
/// 10 March would count as accepted that day under Art. 32 and be on
/// track on 5 March.)
#[test]
fn an_application_still_at_start_is_not_yet_received() {
    let mut app = Application::default();
    app.received = Some(day("2025-03-03"));
    assert_eq!(app.state(), State::Start);
    let c = case(jiceng_approvals::Limits::default(), &[]);
    let e = evaluate_app(&app, &c, day("2025-03-05"), &cal(), &Options::default()).unwrap();
    assert_eq!((e.state, e.status), (State::Start, Status::NotYetReceived));
}
