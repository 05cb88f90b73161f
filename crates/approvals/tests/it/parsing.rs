//! `Case::from_json`: every error names the field and the value it met;
//! and the hearing and review events refused where they cannot happen.

use jiceng_approvals::{Application, Case, Error, Event, EventKind, State};

use crate::day;

fn check(rows: &[(&str, &str)]) {
    let mut failures = Vec::new();
    for (line, want) in rows {
        match Case::from_json(line) {
            Ok(_) => failures.push(format!("{line}: accepted")),
            Err(e) => {
                if e.to_string() != *want {
                    failures.push(format!("{line}:\n  expected {want}\n  got      {e}"));
                }
                if !matches!(e, Error::Parse { .. }) {
                    failures.push(format!("{line}: not a parse error: {e:?}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn parse_errors_name_the_field_and_the_value() {
    check(&[
        (
            r#"{"id":5,"events":[]}"#,
            "field `id`, value 5: invalid type: integer `5`, expected a string",
        ),
        (
            r#"{"id":"a","item":7,"events":[]}"#,
            "field `item`, value 7: invalid type: integer `7`, expected a string",
        ),
        (
            r#"{"id":"a","channel":"fax","events":[]}"#,
            "field `channel`, value \"fax\": unknown variant `fax`, expected one of `counter`, `online`, `village_proxy`",
        ),
        (
            r#"{"id":"a","handling":"fast","events":[]}"#,
            "field `handling`, value \"fast\": unknown variant `fast`, expected `on_the_spot` or `promised`",
        ),
        (
            r#"{"id":"a","delivery":"7x","events":[]}"#,
            "field `delivery`, value \"7x\": invalid period \"7x\": unknown unit: use wd (working days), d (days), m (months) or y (years)",
        ),
        (
            r#"{"id":"a","joint":"yes","events":[]}"#,
            "field `joint`, value \"yes\": invalid type: string \"yes\", expected a boolean",
        ),
        (
            r#"{"id":"a","expires":"2025-02-30","events":[]}"#,
            "field `expires`, value \"2025-02-30\": input is out of range",
        ),
        (
            r#"{"id":"a","evnts":[]}"#,
            "field `evnts`, value []: unknown field",
        ),
        (r#"{"id":"a"}"#, "field `events`: missing"),
        (r#"{"events":[]}"#, "field `id`: missing"),
        (
            r#"{"id":"a","events":{}}"#,
            "field `events`, value {}: must be a list of events",
        ),
        (
            r#"{"id":"a","events":[3]}"#,
            "field `events[0]`, value 3: an event must be a JSON object",
        ),
        (
            r#"{"id":"a","events":[{"date":"2025-13-01","kind":"received"}]}"#,
            "field `events[0].date`, value \"2025-13-01\": not a calendar date YYYY-MM-DD",
        ),
        (
            r#"{"id":"a","events":[{"date":"2025-03-03","kind":4}]}"#,
            "field `events[0].kind`, value 4: invalid type: integer `4`, expected a string",
        ),
        (
            r#"{"id":"a","events":[{"date":"2025-03-03","kind":"extended","approved_by":"局长","role":"mayor"}]}"#,
            "field `events[0].role`, value \"mayor\": unknown variant `mayor`, expected one of `agency_head`, `government_head`, `township_head`, `other`",
        ),
        (
            r#"{"id":"a","events":[{"date":"2025-03-03","kind":"extended","approved_by":"局长","length":"1x"}]}"#,
            "field `events[0].length`, value \"1x\": invalid period \"1x\": unknown unit: use wd (working days), d (days), m (months) or y (years)",
        ),
        (
            r#"{"id":"a","events":[{"date":"2025-03-03","kind":"decided","outcome":"maybe"}]}"#,
            "field `events[0].outcome`, value \"maybe\": unknown variant `maybe`, expected `granted` or `refused`",
        ),
        (
            r#"{"id":"a","events":[{"date":"2025-03-03","kind":"hearing_scheduled","hearing_date":"soon"}]}"#,
            "field `events[0].hearing_date`, value \"soon\": input contains invalid characters",
        ),
        (
            r#"{"id":"a","events":[{"date":"2025-03-03","kind":"recieved"}]}"#,
            "field `events[0]`, value {\"date\":\"2025-03-03\",\"kind\":\"recieved\"}: unknown event kind \"recieved\" on 2025-03-03",
        ),
        (
            r#"[1]"#,
            "field `(case)`, value [1]: a case must be a JSON object",
        ),
        // A key given twice: a JSON value keeps its last copy, and the
        // case was read with it, as if the first were not there.
        // The first copy bad: serde stops at it, the value reads the last.
        (
            r#"{"id":5,"id":"A","events":[]}"#,
            "field `id`: given twice",
        ),
        (
            r#"{"id":"a","events":[{"date":"bad","kind":"received","date":"2025-03-04"}]}"#,
            "field `events[0].date`: given twice",
        ),
        (
            r#"{"id":"A","events":[],"id":"B"}"#,
            "field `id`: given twice",
        ),
        (
            r#"{"id":"a","events":[{"date":"2025-03-03","kind":"received","date":"2025-03-04"}]}"#,
            "field `events[0].date`: given twice",
        ),
        (
            r#"{"id":"a""#,
            "field `(line)`, value \"{\\\"id\\\":\\\"a\\\"\": not JSON: EOF while parsing an object at line 1 column 9",
        ),
    ]);
    // A long value is cut to 60 characters: the quote and 59 letters.
    let long = format!(
        r#"{{"id":"a","channel":"{}","events":[]}}"#,
        "x".repeat(100)
    );
    let e = Case::from_json(&long).unwrap_err().to_string();
    assert!(
        e.starts_with(&format!(
            "field `channel`, value \"{}…: unknown variant",
            "x".repeat(59)
        )),
        "{e}"
    );
}

#[test]
fn on_the_spot_is_written_and_promised_is_not() {
    let c = Case::from_json(r#"{"id":"a","handling":"on_the_spot","events":[]}"#).unwrap();
    assert!(
        serde_json::to_string(&c)
            .unwrap()
            .contains(r#""handling":"on_the_spot""#)
    );
    let c = Case::from_json(r#"{"id":"a","handling":"promised","events":[]}"#).unwrap();
    assert!(!serde_json::to_string(&c).unwrap().contains("handling"));
}

#[test]
fn hearing_and_review_events_where_they_cannot_happen() {
    let d = day("2025-03-03");
    let e = |k: EventKind| Event::new(d, k);
    let base = [e(EventKind::Received), e(EventKind::Accepted)];
    let refused = |extra: Vec<Event>, state: State, name: &str| {
        let mut app = Application::replay(&base, None).unwrap();
        let (last, first) = extra.split_last().unwrap();
        for x in first {
            app.apply(x).unwrap();
        }
        assert_eq!(app.state(), state, "{name}");
        assert_eq!(
            app.apply(last),
            Err(Error::Transition {
                event: last.kind.name(),
                state,
            }),
            "{name}"
        );
    };
    let held = || e(EventKind::HearingHeld);
    let requested = || e(EventKind::HearingRequested);
    let scheduled = || {
        e(EventKind::HearingScheduled {
            hearing_date: day("2025-03-20"),
        })
    };
    refused(
        vec![e(EventKind::Forwarded), e(EventKind::Forwarded)],
        State::Running,
        "forwarded twice",
    );
    refused(
        vec![requested(), held(), requested()],
        State::Running,
        "requested twice",
    );
    refused(
        vec![
            requested(),
            held(),
            e(EventKind::Suspended {
                reason: jiceng_approvals::SuspensionReason::Testing,
            }),
            held(),
        ],
        State::Suspended,
        "held twice",
    );
    refused(
        vec![
            requested(),
            held(),
            e(EventKind::Suspended {
                reason: jiceng_approvals::SuspensionReason::Testing,
            }),
            scheduled(),
        ],
        State::Suspended,
        "scheduled after held",
    );
    refused(
        vec![
            e(EventKind::Suspended {
                reason: jiceng_approvals::SuspensionReason::Testing,
            }),
            held(),
        ],
        State::Suspended,
        "held, never requested",
    );
    refused(
        vec![
            e(EventKind::Suspended {
                reason: jiceng_approvals::SuspensionReason::Testing,
            }),
            scheduled(),
        ],
        State::Suspended,
        "scheduled, never requested",
    );
    // The allowed path: requested, scheduled, held.
    let mut app = Application::replay(&base, None).unwrap();
    for x in [
        e(EventKind::HearingNotified),
        requested(),
        scheduled(),
        held(),
    ] {
        app.apply(&x).unwrap();
    }
    assert_eq!(app.state(), State::Running);
    assert_eq!(app.hearing_scheduled, Some((d, day("2025-03-20"))));
}
