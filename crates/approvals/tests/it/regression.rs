//! Tests named after mistakes found in review.

use jiceng_approvals::{Case, Error, Limits, Options, Status, evaluate, statutory_limit};
use jiceng_calendar::{Calendar, Period};

fn case(json: &str) -> Case {
    serde_json::from_str(json).unwrap()
}

fn at(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

/// Art. 42: an extension is approved within the 20 days; one approved after
/// the limit ran out (31 March 2025 for acceptance on 3 March) must not turn
/// a late case back into a lawful one.
#[test]
fn extension_after_the_limit_ran_out_is_not_counted() {
    let c = case(
        r#"{"id":"late-ext","events":[
        {"date":"2025-03-03","kind":"received"},{"date":"2025-03-03","kind":"accepted"},
        {"date":"2025-04-08","kind":"extended","approved_by":"局长"},
        {"date":"2025-04-10","kind":"decided","outcome":"granted"}]}"#,
    );
    let cal = Calendar::china_mainland();
    let e = evaluate(&c, at("2025-04-30"), &cal, &Options::default()).unwrap();
    assert_eq!(e.deadlines.statutory_due, Some(at("2025-03-31")));
    assert!(e.deadlines.extension_late);
    assert_eq!(e.status, Status::ClosedLateAgainstStatute);
    // Open on the day of the late extension: still late.
    let e = evaluate(&c, at("2025-04-08"), &cal, &Options::default()).unwrap();
    assert_eq!(e.status, Status::LateAgainstStatute);
    // Approved in time (on 31 March, the last day), it counts: 30 working
    // days from 3 March, with Qingming 4–6 April: 1–3 Apr (23), 7–11 (28),
    // 14–15 Apr (30).
    let in_time = case(
        r#"{"id":"ext","events":[
        {"date":"2025-03-03","kind":"received"},{"date":"2025-03-03","kind":"accepted"},
        {"date":"2025-03-31","kind":"extended","approved_by":"局长"}]}"#,
    );
    let e = evaluate(&in_time, at("2025-04-01"), &cal, &Options::default()).unwrap();
    assert_eq!(e.deadlines.statutory_due, Some(at("2025-04-15")));
    assert!(!e.deadlines.extension_late);
}

/// `"joint": true` in a case file means 45 + 15 working days (Art. 42),
/// unless the file says otherwise.
#[test]
fn joint_cases_default_to_45_and_15_working_days() {
    let c = case(r#"{"id":"J","joint":true,"events":[]}"#);
    assert_eq!(c.limits, Limits::joint());
    let c = case(r#"{"id":"J","joint":true,"statutory":"30wd","events":[]}"#);
    assert_eq!(c.limits.statutory, Period::WorkingDays(30));
    assert_eq!(c.limits.extension, Period::WorkingDays(15));
    let plain = case(r#"{"id":"P","events":[]}"#);
    assert_eq!(plain.limits, Limits::default());
}

/// A statutory limit and extension too large to add are an error, not an
/// overflow.
#[test]
fn huge_limits_are_an_error() {
    let l = Limits {
        statutory: Period::WorkingDays(u32::MAX),
        ..Limits::default()
    };
    assert!(matches!(
        statutory_limit(&l, true),
        Err(Error::LimitTooLarge { .. })
    ));
}

/// Art. 44 concerns a licence granted: a refusal has no delivery limit.
#[test]
fn refusals_have_no_delivery_limit() {
    let c = case(
        r#"{"id":"R","events":[
        {"date":"2024-09-23","kind":"received"},{"date":"2024-09-23","kind":"accepted"},
        {"date":"2024-09-27","kind":"decided","outcome":"refused"}]}"#,
    );
    let e = evaluate(
        &c,
        at("2024-10-17"),
        &Calendar::china_mainland(),
        &Options::default(),
    )
    .unwrap();
    assert_eq!(e.deadlines.delivery_due, None);
    assert!(!e.delivery_late);
}
