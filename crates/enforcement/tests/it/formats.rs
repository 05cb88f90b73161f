//! Serialized forms are contracts: names, and a snapshot of an evaluation
//! written by hand.

use jiceng_enforcement::{Flag, Metrics, Status, case_schema};

use crate::eval;

#[test]
fn status_and_flag_names_are_their_json() {
    for s in Status::ALL {
        assert_eq!(serde_json::to_value(s).unwrap(), s.name());
    }
    let mut names: Vec<&str> = Flag::ALL.iter().map(|f| f.name()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), Flag::ALL.len());
    assert_eq!(Flag::TwoFines.name(), "two_fines");
    assert_eq!(Flag::ServiceLate.article(), "行政处罚法第六十一条");
    assert_eq!(
        Flag::HearingNoticeShort.article(),
        "行政处罚法第六十四条第二项"
    );
    assert_eq!(Flag::SurchargeExcessive.article(), "行政处罚法第七十二条");
    assert_eq!(Flag::AfterLimitation.article(), "行政处罚法第三十六条");
    assert_eq!(Flag::LegalReviewSkipped.article(), "行政处罚法第五十八条");
    assert_eq!(Flag::SummaryIneligible.article(), "行政处罚法第五十一条");
    assert_eq!(Flag::TwoFines.article(), "行政处罚法第二十九条");
}

#[test]
fn evaluation_snapshot() {
    // Filed Monday 1 Sep 2025: 90 days end on Sunday 30 Nov (29 + 31 + 30),
    // rolled to Monday 1 Dec. Told Friday 5 Sep: 8–12 Sep. Decided
    // Wednesday 10 Sep, party absent: 11, 12, 15–19 Sep. Served 16 Sep:
    // 15 days end on 1 Oct, rolled to 9 Oct. On 14 Oct, 5 days late:
    // 5 × 3% × 1,000.00 = 150.00.
    let e = eval(
        r#"{"id": "p", "events": [
            {"date": "2025-09-01", "kind": "filed"},
            {"date": "2025-09-05", "kind": "notified"},
            {"date": "2025-09-10", "kind": "decided", "penalties": [{"kind": "fine", "amount": "1000.00"}]},
            {"date": "2025-09-16", "kind": "served"}]}"#,
        "2025-10-14",
    );
    let expected = concat!(
        r#"{"state":"served","status":"payment_overdue","deadlines":{"filing_due":null,"#,
        r#""decision_due":"2025-12-01","hearing_request_due":"2025-09-12","hearing_notice_by":null,"#,
        r#""service_due":"2025-09-19","payment_due":"2025-10-09","limitation_last_day":null,"#,
        r#""excluded_days":0,"provisional":false},"decided":"2025-09-10","flags":[],"fine":"1000.00","#,
        r#""surcharge":{"surcharge":"150.00","days_late":5,"capped":false,"accrues_from":"2025-10-10"}}"#
    );
    assert_eq!(serde_json::to_string(&e).unwrap(), expected);
}

#[test]
fn flags_serialize_as_names() {
    let e = eval(
        r#"{"id": "l", "events": [{"date": "2025-03-05", "kind": "filed"}]}"#,
        "2025-06-04",
    );
    assert_eq!(
        serde_json::to_value(e.flags).unwrap(),
        serde_json::json!(["decision_late"])
    );
    assert!(!e.flags.is_empty());
    assert!(e.flags.contains(Flag::DecisionLate));
    assert!(!e.flags.contains(Flag::FilingLate));
}

#[test]
fn metrics_summary_exact() {
    let mut m = Metrics::default();
    // In time: decided 1 Apr, due 3 Jun.
    m.add(&eval(
        r#"{"id": "a", "events": [{"date": "2025-03-05", "kind": "filed"},
            {"date": "2025-03-06", "kind": "notified"},
            {"date": "2025-04-01", "kind": "decided", "penalties": [{"kind": "warning"}], "party_present": true}]}"#,
        "2025-12-31",
    ));
    // Late: decided 4 Jun.
    m.add(&eval(
        r#"{"id": "b", "events": [{"date": "2025-03-05", "kind": "filed"},
            {"date": "2025-03-06", "kind": "notified"},
            {"date": "2025-06-04", "kind": "decided", "penalties": [{"kind": "warning"}], "party_present": true}]}"#,
        "2025-12-31",
    ));
    // Undecided and overdue: not counted among decisions.
    m.add(&eval(
        r#"{"id": "c", "events": [{"date": "2025-03-05", "kind": "filed"}]}"#,
        "2025-12-31",
    ));
    let s = m.summary();
    assert_eq!(
        (s.cases, s.decided, s.decided_in_time, s.flagged),
        (3, 2, 1, 2)
    );
    assert_eq!(s.in_time_rate, Some(0.5));
    assert_eq!(s.statuses["served"], 2);
    assert_eq!(s.statuses["overdue"], 1);
    assert_eq!(s.flags["decision_late"], 2);
    assert_eq!(s.statuses.len(), Status::ALL.len());
    assert_eq!(Metrics::default().summary().in_time_rate, None);
}

#[test]
fn schema_names_the_fields() {
    let s = case_schema();
    for f in [
        "events",
        "party",
        "act_ended",
        "major",
        "decision",
        "penalties",
    ] {
        assert!(s.contains(&format!("\"{f}\"")), "{f}");
    }
}

/// The schema takes the keys the line reader takes, and no other: a
/// platform that checks its files against it sees the same refusals.
#[test]
fn the_schema_refuses_a_key_the_case_does_not_take() {
    let s: serde_json::Value = serde_json::from_str(&case_schema()).unwrap();
    assert_eq!(s["additionalProperties"], false);
    let mut keys: Vec<&str> = s["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    // PenaltyCase's fields, with its limits' in place of `limits`.
    assert_eq!(
        keys,
        [
            "act_ended",
            "body",
            "decision",
            "events",
            "exclude_hearing",
            "exclude_suspensions",
            "extension",
            "filing",
            "grave",
            "id",
            "items",
            "major",
            "party"
        ]
    );
    // Each of them is taken by the reader.
    for key in keys {
        let line = format!(r#"{{"{key}":null}}"#);
        if let Err(jiceng_enforcement::Error::Parse { message, .. }) =
            jiceng_enforcement::PenaltyCase::from_json(&line)
        {
            assert_ne!(message, "not a field of a case", "{key}");
            assert_ne!(message, "given twice", "{key}");
        }
    }
}

#[test]
fn penalty_names_are_their_json_tags() {
    use jiceng_enforcement::Penalty;
    use rust_decimal::Decimal;
    let all = [
        Penalty::Warning,
        Penalty::PublicCriticism,
        Penalty::Fine {
            amount: Decimal::ONE,
        },
        Penalty::ConfiscateGains {
            amount: Decimal::ONE,
        },
        Penalty::ConfiscateProperty {
            value: Decimal::ONE,
        },
        Penalty::LicenceSuspension,
        Penalty::QualificationDowngrade,
        Penalty::LicenceRevocation,
        Penalty::ProductionRestriction,
        Penalty::BusinessSuspension,
        Penalty::Closure,
        Penalty::EmploymentRestriction,
        Penalty::Detention,
        Penalty::Other { name: "x".into() },
    ];
    for p in &all {
        assert_eq!(serde_json::to_value(p).unwrap()["kind"], p.name());
    }
}
