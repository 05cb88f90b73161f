//! Edges pinned by mutation testing: due dates met on their last day, and
//! answers that depend on days no notice covers yet (the bundled notices
//! end on 31 December 2026).

use jiceng_calendar::{Calendar, CoveragePolicy};
use jiceng_enforcement::{Evaluation, Flag, Options, evaluate};

use crate::{case, day, eval};

/// Evaluates on the provisional calendar (the weekly rule beyond 2026).
fn eval_prov(json: &str, at: &str) -> Evaluation {
    let cal = Calendar::china_mainland().with_policy(CoveragePolicy::Provisional);
    evaluate(&case(json), day(at), &cal, &Options::default()).unwrap()
}

#[test]
fn filed_on_the_last_day_is_in_time() {
    // Clue Friday 26 Sep 2025, 3 working days: 28 (worked), 29, 30 Sep.
    let e = eval(
        r#"{"id": "f", "filing": "3wd", "events": [
            {"date": "2025-09-26", "kind": "clue"}, {"date": "2025-09-30", "kind": "filed"}]}"#,
        "2025-09-30",
    );
    assert!(!e.flags.contains(Flag::FilingLate));
}

#[test]
fn decided_on_the_last_day_is_in_time() {
    // Filed 5 Mar 2025, due 3 Jun; decided 3 Jun.
    let e = eval(
        r#"{"id": "d", "events": [{"date": "2025-03-05", "kind": "filed"},
            {"date": "2025-03-06", "kind": "notified"},
            {"date": "2025-06-03", "kind": "decided", "penalties": [{"kind": "warning"}], "party_present": true}]}"#,
        "2025-06-03",
    );
    assert!(e.flags.is_empty(), "{:?}", e.flags);
}

#[test]
fn provisional_from_each_deadline_alone() {
    // The filing period only: clue Wednesday 30 Dec 2026, 3 working days
    // end in 2027.
    let e = eval_prov(
        r#"{"id": "a", "filing": "3wd", "events": [{"date": "2026-12-30", "kind": "clue"}]}"#,
        "2026-12-30",
    );
    assert!(e.deadlines.provisional);
    // The decision only: filed 15 Oct 2026, 90 days end on 13 Jan 2027
    // (16 + 30 + 31 + 13), beyond the notices; filed 1 Oct 2026 they end
    // on Wednesday 30 Dec 2026 (30 + 30 + 30), covered.
    let e = eval_prov(
        r#"{"id": "b", "events": [{"date": "2026-10-15", "kind": "filed"}]}"#,
        "2026-10-16",
    );
    assert!(e.deadlines.provisional);
    let e = eval_prov(
        r#"{"id": "b", "events": [{"date": "2026-10-01", "kind": "filed"}]}"#,
        "2026-10-02",
    );
    assert!(!e.deadlines.provisional);
    // The hearing request only: filed 1 Sep 2026 (decision due 30 Nov,
    // covered), told 28 Dec: 5 working days end in 2027.
    let e = eval_prov(
        r#"{"id": "c", "events": [{"date": "2026-09-01", "kind": "filed"},
            {"date": "2026-12-28", "kind": "notified"}]}"#,
        "2026-12-28",
    );
    assert!(e.deadlines.provisional);
    // The hearing notice only: told 1 Dec 2026 (request due 8 Dec),
    // requested 2 Dec, a hearing on 20 Jan 2027 notified on 3 Dec.
    let e = eval_prov(
        r#"{"id": "d", "events": [{"date": "2026-09-01", "kind": "filed"},
            {"date": "2026-12-01", "kind": "notified"},
            {"date": "2026-12-02", "kind": "hearing_requested"},
            {"date": "2026-12-03", "kind": "hearing_scheduled", "hearing_on": "2027-01-20"}]}"#,
        "2026-12-03",
    );
    assert!(e.deadlines.provisional);
    // Service only: filed and decided in 2026 (decision due covered),
    // decided 28 Dec, party absent: 7 working days end in 2027.
    let e = eval_prov(
        r#"{"id": "e", "events": [{"date": "2026-09-01", "kind": "filed"},
            {"date": "2026-09-02", "kind": "notified"},
            {"date": "2026-12-28", "kind": "decided", "penalties": [{"kind": "warning"}]}]}"#,
        "2026-12-28",
    );
    assert!(e.deadlines.provisional);
    // Payment only: decided on the spot 20 Dec 2026 with a fine; 15 days
    // end on 4 Jan 2027.
    let e = eval_prov(
        r#"{"id": "f", "events": [{"date": "2026-12-20", "kind": "decided", "party_present": true,
            "penalties": [{"kind": "fine", "amount": "100"}]}]}"#,
        "2026-12-20",
    );
    assert!(e.deadlines.provisional);
}

#[test]
fn flags_have_a_schema() {
    let s = schemars::schema_for!(jiceng_enforcement::Evaluation);
    let text = s.as_value().to_string();
    assert!(
        text.contains("The flags of unlawful conduct, by name."),
        "{text}"
    );
}

#[test]
fn paid_and_enforcing_statuses() {
    use jiceng_enforcement::Status;
    let base = r#"{"id": "p", "events": [{"date": "2025-03-03", "kind": "filed"},
        {"date": "2025-03-04", "kind": "notified"},
        {"date": "2025-03-20", "kind": "decided", "penalties": [{"kind": "fine", "amount": "500"}]},
        {"date": "2025-03-21", "kind": "served"}, LAST]}"#;
    let paid = base.replace(
        "LAST",
        r#"{"date": "2025-03-25", "kind": "paid", "amount": "500"}"#,
    );
    assert_eq!(eval(&paid, "2025-03-26").status, Status::Paid);
    let exec = base.replace(
        "LAST",
        r#"{"date": "2025-05-25", "kind": "execution_applied"}"#,
    );
    assert_eq!(eval(&exec, "2025-05-26").status, Status::Enforcing);
}

#[test]
fn trailing_zeros_are_not_precision() {
    use jiceng_enforcement::surcharge;
    // 1.230 is 1.23 yuan, a whole number of fen: 3% of it one day late is
    // 0.0369 → 0.04.
    let s = surcharge(crate::yuan("1.230"), day("2025-03-10"), day("2025-03-11")).unwrap();
    assert_eq!(s.surcharge.to_string(), "0.04");
}
