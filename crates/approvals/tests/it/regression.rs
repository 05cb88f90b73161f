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

/// Issue 7: a case accepted on the fourth working day after receipt had
/// its clock started on the day of receipt, so a decision on the 20th
/// working day after acceptance was reported late. Received Monday 3 Mar
/// 2025, accepted Friday 7 Mar: 20 working days from 7 Mar → 10–14 (5),
/// 17–21 (10), 24–28 (15), 31 Mar (16), 1–3 Apr (19), 7 Apr (20) → 7 Apr.
#[test]
fn clock_started_at_receipt_for_an_acceptance_inside_the_window() {
    let c = case(
        r#"{"id":"w","events":[
        {"date":"2025-03-03","kind":"received"},{"date":"2025-03-07","kind":"accepted"},
        {"date":"2025-04-07","kind":"decided","outcome":"granted"}]}"#,
    );
    let e = evaluate(
        &c,
        at("2025-04-08"),
        &Calendar::china_mainland(),
        &Options::default(),
    )
    .unwrap();
    assert_eq!(e.deadlines.acceptance, Some(at("2025-03-07")));
    assert_eq!(e.deadlines.statutory_due, Some(at("2025-04-07")));
    assert_eq!(e.status, Status::ClosedOnTime);
}

/// Issue 7: `received` then `decided`, with no `accepted`, was refused as
/// an invalid transition; it is lawful under deemed acceptance.
#[test]
fn received_then_decided_was_refused() {
    let c = case(
        r#"{"id":"rd","events":[
        {"date":"2025-03-03","kind":"received"},
        {"date":"2025-03-04","kind":"decided","outcome":"granted"}]}"#,
    );
    let e = evaluate(
        &c,
        at("2025-03-04"),
        &Calendar::china_mainland(),
        &Options::default(),
    )
    .unwrap();
    assert_eq!(e.deadlines.acceptance, Some(at("2025-03-03")));
    assert_eq!(e.working_days_used, Some(1));
}

/// Issue 9: `synth --days 4294967295` panicked on a date out of range and
/// `--n 18446744073709551615` overflowed a capacity.
#[test]
fn synth_flags_beyond_their_limits_panicked() {
    use jiceng_approvals::synth;
    let cal = Calendar::china_mainland();
    let err = synth::cases(&cal, 1, 1, at("2025-01-01"), u32::MAX).unwrap_err();
    assert_eq!(
        err,
        Error::SynthLimit {
            what: "span of days",
            value: "4294967295".to_owned(),
            max: 36_600
        }
    );
    let err = synth::cases(&cal, 1, usize::MAX, at("2025-01-01"), 365).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "number of cases {} is beyond the limit of 100000000",
            usize::MAX
        )
    );
    // At the limits themselves: accepted (no case generated with n = 0).
    assert_eq!(
        synth::cases(&cal, 1, 0, at("2025-01-01"), 36_600),
        Ok(vec![])
    );
    assert!(synth::Generator::new(&cal, 1, 100_000_000, at("2025-01-01"), 365).is_ok());
    assert!(synth::Generator::new(&cal, 1, 100_000_001, at("2025-01-01"), 365).is_err());
    assert!(synth::Generator::new(&cal, 1, 1, at("2025-01-01"), 36_601).is_err());
}

#[test]
fn a_kilobyte_event_kind_made_a_kilobyte_message() {
    // Found by `fuzz_case_lines`: the "unknown event kind" message quoted
    // the whole value. The value is cut to its first 60 characters.
    let kind = "许可".repeat(500);
    let line = format!(r#"{{"id":"A","events":[{{"date":"2025-03-03","kind":"{kind}"}}]}}"#);
    let m = Case::from_json(&line).unwrap_err().to_string();
    let cut = format!(
        "unknown event kind \"{}\"… on 2025-03-03",
        "许可".repeat(30)
    );
    assert!(m.contains(&cut), "{m}");
    assert!(m.len() < 4000, "{} bytes", m.len());
}

#[test]
fn a_kilobyte_channel_made_a_kilobyte_message() {
    // The same for serde's own "unknown variant `…`, expected …" message.
    let channel = "窗口".repeat(500);
    let line = format!(r#"{{"id":"A","channel":"{channel}","events":[]}}"#);
    let m = Case::from_json(&line).unwrap_err().to_string();
    let cut = format!("unknown variant `{}…`, expected", "窗口".repeat(30));
    assert!(m.contains(&cut), "{m}");
    assert!(m.len() < 1000, "{} bytes", m.len());
}
