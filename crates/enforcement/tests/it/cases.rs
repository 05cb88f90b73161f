//! Cases as event logs: states, refusals, deadlines, statuses and flags.

use jiceng_enforcement::{
    BUNDLED_SAMPLE_CASES, Error, Event, EventKind, Flag, Metrics, Options, PenaltyCase, Proceeding,
    State, Status, evaluate, explain,
};

use crate::{cal, case, day, eval};

/// Checks the flags of an evaluation by name.
fn check(e: &jiceng_enforcement::Evaluation, status: Status, flags: &[Flag]) {
    let got: Vec<Flag> = e.flags.iter().collect();
    assert_eq!((e.status, got.as_slice()), (status, flags));
}

fn sample(id: &str) -> PenaltyCase {
    BUNDLED_SAMPLE_CASES
        .lines()
        .map(|l| serde_json::from_str::<PenaltyCase>(l).unwrap())
        .find(|c| c.id == id)
        .unwrap()
}

#[test]
fn qiu_workshop_case_is_lawful_throughout() {
    let c = sample("QX-2024-001");
    let e = evaluate(&c, day("2024-11-01"), &cal(), &Options::default()).unwrap();
    let d = e.deadlines;
    // Filed 21 Aug 2024: 90 days end on 19 Nov (10 + 30 + 31 + 19); the
    // hearing from its request (11 Sep) to the day held (24 Sep), 14 days,
    // is left out: 3 Dec.
    assert_eq!(d.excluded_days, 14);
    assert_eq!(d.decision_due, Some(day("2024-12-03")));
    // Told Monday 9 Sep 2024 (中秋节 15–17 Sep off, Saturday 14 Sep worked):
    // 10, 11, 12, 13, 14 Sep.
    assert_eq!(d.hearing_request_due, Some(day("2024-09-14")));
    // A hearing on Tuesday 24 Sep: 24, 23, 20, 19, 18, 14 (worked), 13 are
    // the 7 working days; notice by 12 Sep, given on 12 Sep.
    assert_eq!(d.hearing_notice_by, Some(day("2024-09-12")));
    // Decided Tuesday 15 Oct: 16, 17, 18, 21, 22, 23, 24 Oct.
    assert_eq!(d.service_due, Some(day("2024-10-24")));
    // Served 17 Oct: 15 days end on Friday 1 Nov.
    assert_eq!(d.payment_due, Some(day("2024-11-01")));
    assert_eq!(d.limitation_last_day, Some(day("2026-08-20")));
    check(&e, Status::Closed, &[]);
    assert_eq!(e.surcharge.unwrap().surcharge.to_string(), "0.00");
}

#[test]
fn late_decision_without_notice_and_unserved() {
    let e = evaluate(
        &sample("QX-2025-003"),
        day("2025-07-20"),
        &cal(),
        &Options::default(),
    )
    .unwrap();
    // Filed 5 Mar 2025: due 3 Jun; decided 1 Jul. Service due: 2, 3, 4, 7,
    // 8, 9, 10 Jul; not served by 20 Jul.
    assert_eq!(e.deadlines.service_due, Some(day("2025-07-10")));
    check(
        &e,
        Status::AwaitingService,
        &[Flag::DecisionLate, Flag::NoRightsNotice, Flag::ServiceLate],
    );
}

#[test]
fn summary_procedure_on_the_spot() {
    let e = evaluate(
        &sample("QX-2025-002"),
        day("2025-06-03"),
        &cal(),
        &Options::default(),
    )
    .unwrap();
    check(&e, Status::Closed, &[]);
    let e = eval(
        r#"{"id": "s", "party": {"kind": "citizen", "name": "x"}, "events": [
            {"date": "2025-06-03", "kind": "decided", "party_present": true,
             "penalties": [{"kind": "fine", "amount": "200.01"}]}]}"#,
        "2025-06-03",
    );
    check(&e, Status::AwaitingPayment, &[Flag::SummaryIneligible]);
}

#[test]
fn no_penalty_decision_with_its_reason() {
    let e = evaluate(
        &sample("QX-2025-004"),
        day("2025-09-30"),
        &cal(),
        &Options::default(),
    )
    .unwrap();
    check(&e, Status::Closed, &[]);
    assert_eq!(e.fine, None);
}

const OVERDUE: &str = r#"{"id": "p", "events": [
    {"date": "2025-09-01", "kind": "filed"},
    {"date": "2025-09-05", "kind": "notified"},
    {"date": "2025-09-10", "kind": "decided", "penalties": [{"kind": "fine", "amount": "1000.00"}]},
    {"date": "2025-09-16", "kind": "served"}]}"#;

#[test]
fn payment_overdue_accrues_the_surcharge() {
    // Served 16 Sep 2025: payment due 9 Oct (1 Oct rolled past National
    // Day). On 14 Oct, 5 days late: 5 × 30 = 150.00.
    let e = eval(OVERDUE, "2025-10-14");
    assert_eq!(e.deadlines.payment_due, Some(day("2025-10-09")));
    assert_eq!(e.surcharge.unwrap().surcharge.to_string(), "150.00");
    check(&e, Status::PaymentOverdue, &[]);
    let e = eval(OVERDUE, "2025-10-09");
    check(&e, Status::AwaitingPayment, &[]);
}

#[test]
fn surcharge_recorded_above_the_law_is_flagged() {
    let json = OVERDUE.replace(
        r#"{"date": "2025-09-16", "kind": "served"}"#,
        r#"{"date": "2025-09-16", "kind": "served"},
           {"date": "2025-10-14", "kind": "surcharged", "amount": "180.00"}"#,
    );
    check(
        &eval(&json, "2025-10-14"),
        Status::PaymentOverdue,
        &[Flag::SurchargeExcessive],
    );
    let json = json.replace("180.00", "150.00");
    check(&eval(&json, "2025-10-14"), Status::PaymentOverdue, &[]);
}

/// A case told on 30 Sep 2025, revoking a licence on 20 Oct (a penalty
/// that carries the hearing right, Art. 63(1)(3)).
fn hearing(requested: &str, extra: &str) -> String {
    format!(
        r#"{{"id": "h", "events": [
        {{"date": "2025-09-01", "kind": "filed"}},
        {{"date": "2025-09-30", "kind": "notified"}},
        {{"date": "{requested}", "kind": "hearing_requested"}}{extra},
        {{"date": "2025-10-20", "kind": "decided", "penalties": [{{"kind": "licence_revocation"}}]}}]}}"#
    )
}

#[test]
fn art64_hearing_requested_in_time_must_be_held() {
    // Told 30 Sep 2025: request due 14 Oct (Art. 85 across National Day).
    check(
        &eval(&hearing("2025-10-14", ""), "2025-10-20"),
        Status::AwaitingService,
        &[Flag::HearingDenied],
    );
    // A request on 15 Oct came too late: no flag.
    check(
        &eval(&hearing("2025-10-15", ""), "2025-10-20"),
        Status::AwaitingService,
        &[],
    );
    // Held: no flag.
    let held = r#",{"date": "2025-10-17", "kind": "hearing_held"}"#;
    check(
        &eval(&hearing("2025-10-14", held), "2025-10-20"),
        Status::AwaitingService,
        &[],
    );
    // A warning carries no hearing right (Art. 63): deciding it without the
    // hearing requested is lawful.
    let warning = hearing("2025-10-14", "").replace("licence_revocation", "warning");
    check(&eval(&warning, "2025-10-20"), Status::AwaitingService, &[]);
}

#[test]
fn art64_hearing_notice_seven_working_days() {
    // A hearing on 17 Oct 2025 must be notified by 9 Oct.
    let late = r#",{"date": "2025-10-10", "kind": "hearing_scheduled", "hearing_on": "2025-10-17"},
                   {"date": "2025-10-17", "kind": "hearing_held"}"#;
    let e = eval(&hearing("2025-10-09", late), "2025-10-20");
    assert_eq!(e.deadlines.hearing_notice_by, Some(day("2025-10-09")));
    check(&e, Status::AwaitingService, &[Flag::HearingNoticeShort]);
    let ok = late.replace("2025-10-10", "2025-10-09");
    check(
        &eval(&hearing("2025-10-09", &ok), "2025-10-20"),
        Status::AwaitingService,
        &[],
    );
}

const SUSPENDED: &str = r#"{"id": "t", "events": [
    {"date": "2025-03-05", "kind": "filed"},
    {"date": "2025-04-01", "kind": "suspended", "reason": "testing"},
    {"date": "2025-04-11", "kind": "resumed"}]}"#;

#[test]
fn testing_time_is_excluded_and_status_follows() {
    // Suspended 1–10 Apr (resumed 11 Apr): 10 days out; 3 Jun + 10 = 13 Jun.
    let e = eval(SUSPENDED, "2025-06-05");
    assert_eq!(e.deadlines.decision_due, Some(day("2025-06-13")));
    check(&e, Status::Investigating, &[]);
    // 13 − 7 = 6 Jun: due soon from then.
    check(&eval(SUSPENDED, "2025-06-06"), Status::DueSoon, &[]);
    check(&eval(SUSPENDED, "2025-06-13"), Status::DueSoon, &[]);
    check(
        &eval(SUSPENDED, "2025-06-14"),
        Status::Overdue,
        &[Flag::DecisionLate],
    );
    // While suspended.
    check(&eval(SUSPENDED, "2025-04-05"), Status::Suspended, &[]);
    // Not excluded where the rule says so.
    let off = SUSPENDED.replace(
        r#""id": "t","#,
        r#""id": "t", "exclude_suspensions": false,"#,
    );
    assert_eq!(
        eval(&off, "2025-06-05").deadlines.decision_due,
        Some(day("2025-06-03"))
    );
}

#[test]
fn filing_period_after_the_clue() {
    // Clue Friday 26 Sep 2025, 3 working days: 28 (worked), 29, 30 Sep.
    let json = r#"{"id": "f", "filing": "3wd", "events": [
        {"date": "2025-09-26", "kind": "clue"}, {"date": "2025-10-09", "kind": "filed"}]}"#;
    let e = eval(json, "2025-10-09");
    assert_eq!(e.deadlines.filing_due, Some(day("2025-09-30")));
    check(&e, Status::Investigating, &[Flag::FilingLate]);
    // Not yet filed on 1 Oct: late already.
    check(&eval(json, "2025-10-01"), Status::Clue, &[Flag::FilingLate]);
    check(&eval(json, "2025-09-30"), Status::Clue, &[]);
}

#[test]
fn extensions_as_configured() {
    let json = r#"{"id": "x", "extension": "30d", "events": [
        {"date": "2025-03-05", "kind": "filed"},
        {"date": "2025-05-20", "kind": "extended", "approved_by": "负责人"}]}"#;
    assert_eq!(
        eval(json, "2025-05-21").deadlines.decision_due,
        Some(day("2025-07-03"))
    );
    let none = json.replace(r#""extension": "30d", "#, "");
    let e = eval(&none, "2025-05-21");
    assert_eq!(e.deadlines.decision_due, Some(day("2025-06-03")));
    assert!(e.flags.contains(Flag::ExtensionNotProvided));
    let twice = json.replace(
        r#""approved_by": "负责人"}"#,
        r#""approved_by": "负责人"}, {"date": "2025-05-21", "kind": "extended", "approved_by": "负责人"}"#,
    );
    assert!(
        eval(&twice, "2025-05-21")
            .flags
            .contains(Flag::RepeatedExtension)
    );
}

#[test]
fn major_case_needs_legal_review_and_two_fines_are_flagged() {
    let json = r#"{"id": "m", "major": true, "events": [
        {"date": "2025-03-05", "kind": "filed"},
        {"date": "2025-03-20", "kind": "notified"},
        {"date": "2025-04-01", "kind": "decided", "penalties": [
            {"kind": "fine", "amount": "1000"}, {"kind": "fine", "amount": "2000"}]}]}"#;
    let e = eval(json, "2025-04-01");
    check(
        &e,
        Status::AwaitingService,
        &[Flag::LegalReviewSkipped, Flag::TwoFines],
    );
    assert_eq!(e.fine.unwrap().to_string(), "3000");
}

#[test]
fn art36_penalty_after_limitation_is_flagged() {
    let json = r#"{"id": "l", "act_ended": "2023-01-01", "events": [
        {"date": "2025-01-02", "kind": "filed"}, {"date": "2025-01-03", "kind": "notified"},
        {"date": "2025-02-01", "kind": "decided", "penalties": [{"kind": "warning"}]}]}"#;
    check(
        &eval(json, "2025-02-01"),
        Status::AwaitingService,
        &[Flag::AfterLimitation],
    );
    let grave = json.replace(r#""id": "l","#, r#""id": "l", "grave": true,"#);
    check(&eval(&grave, "2025-02-01"), Status::AwaitingService, &[]);
}

#[test]
fn transfer_to_judicial_organs() {
    let json = r#"{"id": "j", "events": [
        {"date": "2025-03-05", "kind": "filed"},
        {"date": "2025-03-10", "kind": "transferred", "to": "邱县公安局"},
        {"date": "2025-03-11", "kind": "closed"}]}"#;
    check(&eval(json, "2025-03-10"), Status::Transferred, &[]);
    check(&eval(json, "2025-03-11"), Status::Closed, &[]);
    // Transferred cases are not late.
    check(&eval(json, "2025-12-31"), Status::Closed, &[]);
}

#[test]
fn impossible_events_are_typed_errors() {
    let refuse = |json: &str| {
        let c = case(json);
        evaluate(&c, day("2026-01-01"), &cal(), &Options::default()).unwrap_err()
    };
    // A payment before any decision.
    let e = refuse(
        r#"{"id": "e", "events": [{"date": "2025-03-05", "kind": "filed"},
        {"date": "2025-03-06", "kind": "paid", "amount": "10"}]}"#,
    );
    assert_eq!(
        e.to_string(),
        "event 1: event paid is not allowed in state filed"
    );
    // Out of order.
    let e = refuse(
        r#"{"id": "e", "events": [{"date": "2025-03-05", "kind": "filed"},
        {"date": "2025-03-04", "kind": "notified"}]}"#,
    );
    assert!(
        e.to_string()
            .contains("dated before the previous event (2025-03-05)"),
        "{e}"
    );
    // Anything after closing.
    let e = refuse(
        r#"{"id": "e", "events": [{"date": "2025-03-05", "kind": "clue"},
        {"date": "2025-03-06", "kind": "closed"}, {"date": "2025-03-07", "kind": "filed"}]}"#,
    );
    assert!(matches!(e, Error::AtEvent { index: 2, .. }));
    // No penalty without a reason.
    let e = refuse(
        r#"{"id": "e", "events": [{"date": "2025-03-05", "kind": "filed"},
        {"date": "2025-03-06", "kind": "decided", "penalties": []}]}"#,
    );
    assert!(e.to_string().contains("reason"), "{e}");
    // A hearing scheduled for a day already past.
    let e = refuse(
        r#"{"id": "e", "events": [{"date": "2025-03-05", "kind": "filed"},
        {"date": "2025-03-06", "kind": "notified"}, {"date": "2025-03-07", "kind": "hearing_requested"},
        {"date": "2025-03-10", "kind": "hearing_scheduled", "hearing_on": "2025-03-09"}]}"#,
    );
    assert!(e.to_string().contains("hearing_on"), "{e}");
    // A negative fine.
    let e = refuse(
        r#"{"id": "e", "events": [{"date": "2025-03-05", "kind": "filed"},
        {"date": "2025-03-06", "kind": "decided", "penalties": [{"kind": "fine", "amount": "-5"}]}]}"#,
    );
    assert!(e.to_string().contains("-5"), "{e}");
}

#[test]
fn a_refused_event_changes_nothing() {
    let mut p =
        Proceeding::replay(&[Event::new(day("2025-03-05"), EventKind::Filed)], None).unwrap();
    let before = p.clone();
    let bad = Event::new(
        day("2025-03-06"),
        EventKind::Decided {
            penalties: vec![],
            reason: None,
            party_present: true,
        },
    );
    assert!(p.apply(1, &bad).is_err());
    assert_eq!(p, before);
    assert_eq!(p.state(), State::Filed);
}

#[test]
fn events_after_the_date_are_not_seen() {
    check(&eval(OVERDUE, "2025-09-05"), Status::Investigating, &[]);
    assert_eq!(eval(OVERDUE, "2025-09-05").state, State::Notified);
}

#[test]
fn explanation_cites_articles() {
    let c = case(OVERDUE);
    let e = evaluate(&c, day("2025-10-14"), &cal(), &Options::default()).unwrap();
    let lines = explain(&c, &e);
    let subjects: Vec<&str> = lines.iter().map(|l| l.subject.as_str()).collect();
    assert_eq!(
        subjects,
        [
            "decision_due",
            "hearing_request_due",
            "service_due",
            "payment_due",
            "surcharge"
        ]
    );
    assert!(lines[3].rule.starts_with("2025-10-09"));
    assert!(lines[4].rule.contains("第七十二条"));
}

#[test]
fn metrics_fold_and_merge() {
    let mut a = Metrics::default();
    let mut b = Metrics::default();
    for (i, line) in BUNDLED_SAMPLE_CASES.lines().enumerate() {
        let c: PenaltyCase = serde_json::from_str(line).unwrap();
        let e = evaluate(&c, day("2025-12-31"), &cal(), &Options::default()).unwrap();
        if i % 2 == 0 { a.add(&e) } else { b.add(&e) }
    }
    a.merge(&b);
    let s = a.summary();
    // Four sample cases; QX-2025-003 is the only flagged one (late, no
    // notice, unserved); three filed cases decided, two of them in time.
    assert_eq!(
        (s.cases, s.flagged, s.decided, s.decided_in_time),
        (4, 1, 3, 2)
    );
    assert_eq!(s.statuses["closed"], 3);
    assert_eq!(s.flags["decision_late"], 1);
}

/// Pinned by mutation testing: merging adds every count. The folds are
/// unequal (one sample case against three) so that a product could not
/// pass for a sum (2 + 2 = 2 × 2, but 3 + 1 ≠ 3 × 1). The figures are
/// those of the whole sample, as above: 4 cases, 1 flagged, 3 decided, 2 in
/// time, 3 closed, 1 decision late.
#[test]
fn merging_unequal_folds_adds_every_count() {
    let mut a = Metrics::default();
    let mut b = Metrics::default();
    for (i, line) in BUNDLED_SAMPLE_CASES.lines().enumerate() {
        let c: PenaltyCase = serde_json::from_str(line).unwrap();
        let e = evaluate(&c, day("2025-12-31"), &cal(), &Options::default()).unwrap();
        if i == 0 { b.add(&e) } else { a.add(&e) }
    }
    a.merge(&b);
    let s = a.summary();
    assert_eq!(
        (s.cases, s.flagged, s.decided, s.decided_in_time),
        (4, 1, 3, 2)
    );
    assert_eq!(s.statuses["closed"], 3);
    assert_eq!(s.flags["decision_late"], 1);
}
