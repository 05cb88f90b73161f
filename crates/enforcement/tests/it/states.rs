//! The state machine, as a table: each log ends in a state, or is refused
//! at an event with the state it met.

use jiceng_enforcement::{Error, PenaltyCase, Proceeding, State};

/// Replays `kinds` (event JSON without dates; one day apart from 1 Mar
/// 2025) and checks the final state, or the refused event's index and the
/// state it met.
fn check(kinds: &[&str], expected: Result<State, (usize, &str, State)>) {
    let events: Vec<String> = kinds
        .iter()
        .enumerate()
        .map(|(i, k)| format!(r#"{{"date": "2025-03-{:02}", {k}}}"#, i + 1))
        .collect();
    let json = format!(r#"{{"id": "s", "events": [{}]}}"#, events.join(","));
    let case: PenaltyCase = serde_json::from_str(&json).unwrap();
    let got = Proceeding::replay(&case.events, None);
    match (got, expected) {
        (Ok(p), Ok(s)) => assert_eq!(p.state(), s, "{kinds:?}"),
        (Err(Error::AtEvent { index, source }), Err((i, event, state))) => {
            assert_eq!(index, i, "{kinds:?}");
            assert_eq!(
                *source,
                Error::Transition {
                    event: leak(event),
                    state
                },
                "{kinds:?}"
            );
        }
        (got, expected) => panic!("{kinds:?}: got {got:?}, expected {expected:?}"),
    }
}

/// The event names are static in the crate; compare by value.
fn leak(s: &str) -> &'static str {
    match s {
        "clue" => "clue",
        "filed" => "filed",
        "investigation" => "investigation",
        "notified" => "notified",
        "hearing_requested" => "hearing_requested",
        "hearing_scheduled" => "hearing_scheduled",
        "hearing_held" => "hearing_held",
        "suspended" => "suspended",
        "resumed" => "resumed",
        "extended" => "extended",
        "legal_review" => "legal_review",
        "decided" => "decided",
        "served" => "served",
        "paid" => "paid",
        "surcharged" => "surcharged",
        "execution_applied" => "execution_applied",
        "transferred" => "transferred",
        "closed" => "closed",
        other => panic!("unknown event {other}"),
    }
}

const CLUE: &str = r#""kind": "clue""#;
const FILED: &str = r#""kind": "filed""#;
const INV: &str = r#""kind": "investigation""#;
const NOTIFIED: &str = r#""kind": "notified""#;
const REQ: &str = r#""kind": "hearing_requested""#;
const SCHED: &str = r#""kind": "hearing_scheduled", "hearing_on": "2025-03-20""#;
const HELD: &str = r#""kind": "hearing_held""#;
const SUSP: &str = r#""kind": "suspended", "reason": "appraisal""#;
const RES: &str = r#""kind": "resumed""#;
const EXT: &str = r#""kind": "extended", "approved_by": "负责人""#;
const REVIEW: &str = r#""kind": "legal_review""#;
const FINE: &str = r#""kind": "decided", "penalties": [{"kind": "fine", "amount": "500"}]"#;
const ON_SPOT: &str =
    r#""kind": "decided", "party_present": true, "penalties": [{"kind": "fine", "amount": "50"}]"#;
const SERVED: &str = r#""kind": "served""#;
const PAID: &str = r#""kind": "paid", "amount": "500""#;
const PAID_200: &str = r#""kind": "paid", "amount": "200""#;
const PAID_300: &str = r#""kind": "paid", "amount": "300""#;
const SURCH: &str = r#""kind": "surcharged", "amount": "15""#;
const EXEC: &str = r#""kind": "execution_applied""#;
const TRANSFER: &str = r#""kind": "transferred", "to": "公安机关""#;
const CLOSED: &str = r#""kind": "closed""#;

#[test]
fn lawful_paths() {
    use State::*;
    check(&[], Ok(Start));
    check(&[CLUE], Ok(Clue));
    check(&[CLUE, CLOSED], Ok(Closed));
    check(&[FILED, INV], Ok(Filed));
    check(&[CLUE, FILED, INV, NOTIFIED], Ok(Notified));
    check(&[FILED, NOTIFIED, REQ], Ok(HearingRequested));
    check(&[FILED, NOTIFIED, REQ, HELD], Ok(HearingHeld));
    check(&[FILED, NOTIFIED, REQ, SCHED], Ok(HearingScheduled));
    check(&[FILED, NOTIFIED, REQ, SCHED, HELD], Ok(HearingHeld));
    // A new notice after the hearing (the facts changed).
    check(&[FILED, NOTIFIED, REQ, HELD, NOTIFIED], Ok(Notified));
    check(&[FILED, NOTIFIED, NOTIFIED], Ok(Notified));
    // A suspension returns to the state it interrupted.
    check(&[FILED, NOTIFIED, SUSP], Ok(Suspended));
    check(&[FILED, NOTIFIED, SUSP, RES], Ok(Notified));
    check(&[FILED, NOTIFIED, REQ, SUSP, RES], Ok(HearingRequested));
    check(&[FILED, SUSP, EXT, RES], Ok(Filed));
    check(&[FILED, EXT, REVIEW, INV], Ok(Filed));
    check(&[FILED, NOTIFIED, REVIEW, FINE], Ok(Decided));
    check(&[FILED, NOTIFIED, FINE, SERVED], Ok(Served));
    check(&[FILED, NOTIFIED, FINE, SERVED, PAID, CLOSED], Ok(Closed));
    check(
        &[FILED, NOTIFIED, FINE, SERVED, SURCH, EXEC, SURCH, PAID],
        Ok(Paid),
    );
    check(&[FILED, NOTIFIED, FINE, SERVED, EXEC, CLOSED], Ok(Closed));
    // A payment short of the 500-yuan fine leaves it unpaid; the rest pays
    // it. Payments and surcharges after that happen (a late payment, then
    // the surcharge imposed and paid) and keep the case paid.
    check(&[FILED, NOTIFIED, FINE, SERVED, PAID_200], Ok(Served));
    check(
        &[FILED, NOTIFIED, FINE, SERVED, EXEC, PAID_200],
        Ok(Enforcing),
    );
    check(
        &[FILED, NOTIFIED, FINE, SERVED, PAID_200, PAID_300],
        Ok(Paid),
    );
    check(
        &[FILED, NOTIFIED, FINE, SERVED, PAID_200, EXEC, PAID_300],
        Ok(Paid),
    );
    check(&[FILED, NOTIFIED, FINE, SERVED, PAID, PAID], Ok(Paid));
    check(
        &[FILED, NOTIFIED, FINE, SERVED, PAID, SURCH, PAID],
        Ok(Paid),
    );
    check(
        &[FILED, NOTIFIED, FINE, SERVED, PAID, SURCH, CLOSED],
        Ok(Closed),
    );
    check(&[FILED, NOTIFIED, FINE, CLOSED], Ok(Closed));
    // On the spot: decided and served at once.
    check(&[ON_SPOT], Ok(Served));
    check(&[CLUE, ON_SPOT, PAID], Ok(Paid));
    // Art. 27: transfer from a clue, an open case or a suspended one.
    check(&[CLUE, TRANSFER], Ok(Transferred));
    check(&[FILED, NOTIFIED, TRANSFER, CLOSED], Ok(Closed));
    check(&[FILED, SUSP, TRANSFER], Ok(Transferred));
}

#[test]
fn impossible_events() {
    use State::*;
    check(&[CLUE, CLUE], Err((1, "clue", Clue)));
    check(&[FILED, FILED], Err((1, "filed", Filed)));
    check(&[INV], Err((0, "investigation", Start)));
    check(&[CLUE, INV], Err((1, "investigation", Clue)));
    check(&[CLUE, NOTIFIED], Err((1, "notified", Clue)));
    check(&[FILED, REQ], Err((1, "hearing_requested", Filed)));
    check(&[FILED, NOTIFIED, HELD], Err((2, "hearing_held", Notified)));
    check(
        &[FILED, NOTIFIED, SCHED],
        Err((2, "hearing_scheduled", Notified)),
    );
    check(
        &[FILED, NOTIFIED, REQ, SCHED, SCHED],
        Err((4, "hearing_scheduled", HearingScheduled)),
    );
    check(&[FILED, RES], Err((1, "resumed", Filed)));
    check(&[FILED, SUSP, SUSP], Err((2, "suspended", Suspended)));
    check(&[FILED, SUSP, FINE], Err((2, "decided", Suspended)));
    check(&[FILED, SUSP, REVIEW], Err((2, "legal_review", Suspended)));
    check(&[CLUE, EXT], Err((1, "extended", Clue)));
    check(&[CLUE, REVIEW], Err((1, "legal_review", Clue)));
    check(&[FILED, SERVED], Err((1, "served", Filed)));
    check(&[FILED, NOTIFIED, FINE, PAID], Err((3, "paid", Decided)));
    check(
        &[FILED, NOTIFIED, FINE, SURCH],
        Err((3, "surcharged", Decided)),
    );
    check(
        &[FILED, NOTIFIED, FINE, EXEC],
        Err((3, "execution_applied", Decided)),
    );
    check(
        &[FILED, NOTIFIED, FINE, SERVED, SERVED],
        Err((4, "served", Served)),
    );
    check(&[FILED, NOTIFIED, FINE, FINE], Err((3, "decided", Decided)));
    check(
        &[FILED, NOTIFIED, FINE, TRANSFER],
        Err((3, "transferred", Decided)),
    );
    check(&[FILED, CLOSED], Err((1, "closed", Filed)));
    check(
        &[FILED, NOTIFIED, FINE, SERVED, PAID, EXEC],
        Err((5, "execution_applied", Paid)),
    );
    check(&[CLUE, CLOSED, CLUE], Err((2, "clue", Closed)));
    check(&[CLUE, CLOSED, CLOSED], Err((2, "closed", Closed)));
    check(&[CLOSED], Err((0, "closed", Start)));
    check(&[TRANSFER], Err((0, "transferred", Start)));
    check(&[PAID], Err((0, "paid", Start)));
}

#[test]
fn facts_recorded_by_the_replay() {
    let json = r#"{"id": "r", "events": [
        {"date": "2025-03-01", "kind": "clue"},
        {"date": "2025-03-02", "kind": "filed"},
        {"date": "2025-03-03", "kind": "suspended", "reason": "testing"},
        {"date": "2025-03-05", "kind": "extended", "approved_by": "a"},
        {"date": "2025-03-06", "kind": "resumed"},
        {"date": "2025-03-07", "kind": "extended", "approved_by": "b"},
        {"date": "2025-03-08", "kind": "legal_review"},
        {"date": "2025-03-09", "kind": "notified"},
        {"date": "2025-03-10", "kind": "decided", "penalties": [{"kind": "fine", "amount": "500"}]},
        {"date": "2025-03-11", "kind": "served"},
        {"date": "2025-04-01", "kind": "surcharged", "amount": "15"},
        {"date": "2025-04-02", "kind": "execution_applied"},
        {"date": "2025-04-03", "kind": "paid", "amount": "515"},
        {"date": "2025-04-04", "kind": "closed"}]}"#;
    let case: PenaltyCase = serde_json::from_str(json).unwrap();
    let p = Proceeding::replay(&case.events, None).unwrap();
    let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    assert_eq!(p.clue, Some(d("2025-03-01")));
    assert_eq!(p.filed, Some(d("2025-03-02")));
    assert_eq!(
        p.suspensions,
        vec![(d("2025-03-03"), Some(d("2025-03-06")))]
    );
    assert_eq!((p.extended, p.extensions), (Some(d("2025-03-05")), 2));
    assert_eq!(p.legal_review, Some(d("2025-03-08")));
    assert_eq!(p.notified, Some(d("2025-03-09")));
    assert_eq!(
        (p.decided, p.decision_event, p.party_present),
        (Some(d("2025-03-10")), Some(8), false)
    );
    assert_eq!(p.served, Some(d("2025-03-11")));
    assert_eq!(
        p.surcharged.map(|(x, a)| (x, a.to_string())),
        Some((d("2025-04-01"), "15".to_owned()))
    );
    assert_eq!(p.execution, Some(d("2025-04-02")));
    assert_eq!(
        p.paid.map(|(x, a)| (x, a.to_string())),
        Some((d("2025-04-03"), "515".to_owned()))
    );
    // One payment of 515 for a fine of 500: paid in full that day.
    assert_eq!(
        (p.fine, p.paid_total.to_string(), p.paid_in_full),
        (Some(500.into()), "515".to_owned(), Some(d("2025-04-03")))
    );
    assert_eq!(p.closed, Some(d("2025-04-04")));
    assert_eq!(p.last, Some(d("2025-04-04")));
    // The same day as the previous event is in order.
    let same = [
        case.events[0].clone(),
        jiceng_enforcement::Event::new(d("2025-03-01"), jiceng_enforcement::EventKind::Filed),
    ];
    assert_eq!(
        Proceeding::replay(&same, None).unwrap().state(),
        State::Filed
    );
}
