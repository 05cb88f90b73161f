//! What the agency did, lawful or not: Art. 42 extensions, promises longer
//! than the statute, 即办件, and suspensions at the edges of the limit
//! (issue 15), each evaluated and flagged, never refused.
//!
//! Accepted Monday 3 March 2025: 20 working days → 31 Mar (4–7, 10–14,
//! 17–21, 24–28, 31 Mar); 10 more with 清明节 4–6 Apr off → 1–3 Apr (23),
//! 7–11 (28), 14–15 Apr (30) → 15 Apr.

use jiceng_approvals::{Case, Flag, Options, Status, evaluate};

use crate::{cal, day};

/// (name, case JSON fields after `"id"`, evaluation date, statutory due,
/// extension counted, status, flags).
type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    u32,
    Status,
    &'static [Flag],
);

fn check(rows: &[Row]) {
    let mut failures = Vec::new();
    for (name, fields, at, due, counted, status, flags) in rows {
        let json = format!(r#"{{"id":"{name}",{fields}}}"#);
        let c: Case = match serde_json::from_str(&json) {
            Ok(c) => c,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        let e = match evaluate(&c, day(at), &cal(), &Options::default()) {
            Ok(e) => e,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        let got = (
            e.deadlines.statutory_due,
            e.deadlines.extension_counted,
            e.status,
            e.flags.iter().collect::<Vec<_>>(),
        );
        let want = (Some(day(due)), *counted, *status, flags.to_vec());
        if got != want {
            failures.push(format!("{name}: expected {want:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn art_42_extensions_are_evaluated_and_flagged() {
    let rows: Vec<Row> = vec![
        (
            "lawful",
            r#""events":[{"date":"2025-03-03","kind":"received"},{"date":"2025-03-03","kind":"accepted"},{"date":"2025-03-28","kind":"extended","approved_by":"县市场监管局局长"}]"#,
            "2025-04-01",
            "2025-04-15",
            10,
            Status::OnTrack,
            &[],
        ),
        // 15 working days granted where the law allows 10: only 10 count.
        // Decided 16 Apr, a day after the lawful limit: late.
        (
            "too-long",
            r#""events":[{"date":"2025-03-03","kind":"received"},{"date":"2025-03-03","kind":"accepted"},{"date":"2025-03-28","kind":"extended","approved_by":"局长","length":"15wd"},{"date":"2025-04-16","kind":"decided","outcome":"granted"}]"#,
            "2025-04-16",
            "2025-04-15",
            10,
            Status::ClosedLateAgainstStatute,
            &[Flag::ExtensionTooLong, Flag::DecidedLate],
        ),
        // Approved by a section chief: no lawful extension.
        (
            "section-chief",
            r#""events":[{"date":"2025-03-03","kind":"received"},{"date":"2025-03-03","kind":"accepted"},{"date":"2025-03-28","kind":"extended","approved_by":"审批科科长"}]"#,
            "2025-03-28",
            "2025-03-31",
            0,
            Status::DueSoon,
            &[Flag::ExtensionWrongApprover],
        ),
        // The role stated in the file wins over the title.
        (
            "role-stated",
            r#""events":[{"date":"2025-03-03","kind":"received"},{"date":"2025-03-03","kind":"accepted"},{"date":"2025-03-28","kind":"extended","approved_by":"张三","role":"agency_head"}]"#,
            "2025-03-28",
            "2025-04-15",
            10,
            Status::OnTrack,
            &[],
        ),
        // Approved on 1 Apr, after 31 Mar: not counted, late that day.
        (
            "late",
            r#""events":[{"date":"2025-03-03","kind":"received"},{"date":"2025-03-03","kind":"accepted"},{"date":"2025-04-01","kind":"extended","approved_by":"局长"}]"#,
            "2025-04-01",
            "2025-03-31",
            0,
            Status::LateAgainstStatute,
            &[Flag::ExtensionLate, Flag::OverdueAgainstStatute],
        ),
        // A township government is the agency: its 镇长 approves lawfully.
        (
            "township-head",
            r#""events":[{"date":"2025-03-03","kind":"received"},{"date":"2025-03-03","kind":"accepted"},{"date":"2025-03-28","kind":"extended","approved_by":"尚村镇镇长"}]"#,
            "2025-03-28",
            "2025-04-15",
            10,
            Status::OnTrack,
            &[],
        ),
        // A county head is not the head of the licensing agency.
        (
            "county-head",
            r#""events":[{"date":"2025-03-03","kind":"received"},{"date":"2025-03-03","kind":"accepted"},{"date":"2025-03-28","kind":"extended","approved_by":"县长"}]"#,
            "2025-03-28",
            "2025-03-31",
            0,
            Status::DueSoon,
            &[Flag::ExtensionWrongApprover],
        ),
        // Approved on 31 Mar, the last day: counted.
        (
            "last-day",
            r#""events":[{"date":"2025-03-03","kind":"received"},{"date":"2025-03-03","kind":"accepted"},{"date":"2025-03-31","kind":"extended","approved_by":"局长"}]"#,
            "2025-04-01",
            "2025-04-15",
            10,
            Status::OnTrack,
            &[],
        ),
    ];
    check(&rows);
}

#[test]
fn art_42_joint_handling_needs_the_head_of_the_government() {
    // 45 working days from 3 Mar 2025: 31 Mar (20), 1–3 Apr (23), 7–11
    // (28), 14–18 (33), 21–25 (38), Sunday 27 Apr worked (39), 28–30 Apr
    // (42), 劳动节 1–5 May off, 6–8 May (45) → 8 May. Plus 15: 9 May (46),
    // 12–16 (51), 19–23 (56), 26–29 May (60) → 29 May.
    check(&[
        (
            "joint-county-head",
            r#""joint":true,"events":[{"date":"2025-03-03","kind":"received"},{"date":"2025-03-03","kind":"accepted"},{"date":"2025-04-30","kind":"extended","approved_by":"县长"}]"#,
            "2025-04-30",
            "2025-05-29",
            15,
            Status::OnTrack,
            &[],
        ),
        (
            "joint-bureau-head",
            r#""joint":true,"events":[{"date":"2025-03-03","kind":"received"},{"date":"2025-03-03","kind":"accepted"},{"date":"2025-04-30","kind":"extended","approved_by":"县住建局局长"}]"#,
            "2025-04-30",
            "2025-05-08",
            0,
            Status::OnTrack,
            &[Flag::ExtensionWrongApprover],
        ),
    ]);
}

#[test]
fn a_promise_longer_than_the_statute_is_flagged() {
    // A 21wd promise ends 1 Apr, after 31 Mar; 20wd ends with the statute.
    check(&[
        (
            "promise-21",
            r#""promised":"21wd","events":[{"date":"2025-03-03","kind":"received"},{"date":"2025-03-03","kind":"accepted"}]"#,
            "2025-03-04",
            "2025-03-31",
            0,
            Status::OnTrack,
            &[Flag::PromiseLongerThanStatute],
        ),
        (
            "promise-20",
            r#""promised":"20wd","events":[{"date":"2025-03-03","kind":"received"},{"date":"2025-03-03","kind":"accepted"}]"#,
            "2025-03-04",
            "2025-03-31",
            0,
            Status::OnTrack,
            &[],
        ),
    ]);
}

#[test]
fn on_the_spot_cases_are_promised_for_the_day_of_acceptance() {
    let same = r#""handling":"on_the_spot","events":[{"date":"2025-03-03","kind":"received"},{"date":"2025-03-03","kind":"accepted"},{"date":"2025-03-03","kind":"decided","outcome":"granted"},{"date":"2025-03-03","kind":"delivered"}]"#;
    let next = r#""handling":"on_the_spot","events":[{"date":"2025-03-03","kind":"received"},{"date":"2025-03-03","kind":"accepted"},{"date":"2025-03-04","kind":"decided","outcome":"granted"},{"date":"2025-03-04","kind":"delivered"}]"#;
    check(&[
        (
            "same-day",
            same,
            "2025-03-05",
            "2025-03-31",
            0,
            Status::ClosedOnTime,
            &[],
        ),
        (
            "next-day",
            next,
            "2025-03-05",
            "2025-03-31",
            0,
            Status::ClosedLateAgainstPromise,
            &[],
        ),
    ]);
    let c: Case = serde_json::from_str(&format!(r#"{{"id":"x",{same}}}"#)).unwrap();
    let e = evaluate(&c, day("2025-03-05"), &cal(), &Options::default()).unwrap();
    assert!(e.on_the_spot && e.same_day);
    assert_eq!(e.deadlines.promised_due, Some(day("2025-03-03")));
    // Art. 44: delivered the day of the decision, within 4–7, 10–14 Mar
    // (10 working days) → due 17 Mar.
    assert_eq!(e.deadlines.delivered, Some(day("2025-03-03")));
    assert_eq!(e.deadlines.delivery_due, Some(day("2025-03-17")));
}

#[test]
fn suspensions_at_the_edges_of_the_limit() {
    // Issue 15. A hearing opened on the evaluation date stops the clock
    // that day: 10 Mar is not counted, so 31 Mar moves one working day to
    // 1 Apr.
    check(&[
        (
            "hearing-today",
            r#""events":[{"date":"2025-03-03","kind":"received"},{"date":"2025-03-03","kind":"accepted"},{"date":"2025-03-10","kind":"suspended","reason":"hearing"}]"#,
            "2025-03-10",
            "2025-04-01",
            0,
            Status::Suspended,
            &[],
        ),
        // Due 31 Mar, hearing opened 1 Apr: the limit had run out; the
        // hearing cannot revive it. Late against the statute, not
        // suspended.
        (
            "hearing-after-due",
            r#""events":[{"date":"2025-03-03","kind":"received"},{"date":"2025-03-03","kind":"accepted"},{"date":"2025-04-01","kind":"suspended","reason":"hearing"}]"#,
            "2025-04-01",
            "2025-03-31",
            0,
            Status::LateAgainstStatute,
            &[Flag::OverdueAgainstStatute],
        ),
        // Opened on 31 Mar, the last day: that day is not counted, so the
        // limit moves to the next working day after the hearing.
        (
            "hearing-on-due",
            r#""events":[{"date":"2025-03-03","kind":"received"},{"date":"2025-03-03","kind":"accepted"},{"date":"2025-03-31","kind":"suspended","reason":"hearing"}]"#,
            "2025-03-31",
            "2025-04-01",
            0,
            Status::Suspended,
            &[],
        ),
    ]);
    let c: Case = serde_json::from_str(
        r#"{"id":"h","events":[{"date":"2025-03-03","kind":"received"},{"date":"2025-03-03","kind":"accepted"},{"date":"2025-03-10","kind":"suspended","reason":"hearing"}]}"#,
    )
    .unwrap();
    let e = evaluate(&c, day("2025-03-10"), &cal(), &Options::default()).unwrap();
    assert_eq!(e.suspended_working_days, 1);
}
