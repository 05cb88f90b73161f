//! Bugs found, each pinned by a test named after it.

use crate::{day, eval, yuan};
use jiceng_enforcement::{Status, surcharge};

/// A zero fine is never "capped", however late.
#[test]
fn zero_fine_is_not_capped() {
    let s = surcharge(yuan("0"), day("2025-01-01"), day("2026-01-01")).unwrap();
    assert_eq!(
        (s.surcharge.to_string().as_str(), s.capped),
        ("0.00", false)
    );
}

/// A case served without any fine has nothing to pay: not "awaiting
/// payment".
#[test]
fn served_warning_is_not_awaiting_payment() {
    let e = eval(
        r#"{"id": "w", "events": [{"date": "2025-03-05", "kind": "filed"},
            {"date": "2025-03-06", "kind": "notified"},
            {"date": "2025-03-20", "kind": "decided", "penalties": [{"kind": "warning"}], "party_present": true}]}"#,
        "2025-12-31",
    );
    assert_eq!(e.status, Status::Served);
    assert!(e.surcharge.is_none());
}

/// A case whose first event is after the date was reported as a clue.
#[test]
fn case_not_yet_begun_is_not_a_clue() {
    let e = eval(
        r#"{"id": "n", "events": [{"date": "2025-09-01", "kind": "filed"}]}"#,
        "2025-07-20",
    );
    assert_eq!(e.status, Status::NotStarted);
}

/// Pinned by mutation testing: an extension in days is added to the 90
/// days, not run from the rolled end of the 90 days. Filed 2 Mar 2025: 90
/// days end on 31 May (端午节, rolled to 3 Jun), but 120 days end on Monday
/// 30 Jun (29 + 30 + 31 + 30), not 3 Jun + 30 = 3 Jul.
#[test]
fn extension_in_days_is_added_before_the_roll() {
    use jiceng_enforcement::{Limits, deadlines::decision_due};
    let limits = Limits {
        extension: Some("30d".parse().unwrap()),
        ..Limits::default()
    };
    let due = decision_due(&crate::cal(), day("2025-03-02"), &limits, true, &[]).unwrap();
    assert_eq!(due.end, day("2025-06-30"));
}

/// Pinned by mutation testing: a suspension during a working-day extension
/// is excluded too. 20wd from Monday 3 Mar 2025 end on 31 Mar; 10 more,
/// past Qingming (4–6 Apr), on 15 Apr; a suspension 7–11 Apr (5 working
/// days) moves the end to 16, 17, 18, 21, 22 Apr.
#[test]
fn suspension_during_extension_is_excluded() {
    use jiceng_calendar::Suspension;
    use jiceng_enforcement::{Limits, deadlines::decision_due};
    let limits = Limits {
        decision: "20wd".parse().unwrap(),
        extension: Some("10wd".parse().unwrap()),
        ..Limits::default()
    };
    let s = Suspension::new(day("2025-04-07"), day("2025-04-11"), "testing").unwrap();
    let due = decision_due(&crate::cal(), day("2025-03-03"), &limits, true, &[s]).unwrap();
    assert_eq!(due.end, day("2025-04-22"));
    let due = decision_due(&crate::cal(), day("2025-03-03"), &limits, true, &[]).unwrap();
    assert_eq!(due.end, day("2025-04-15"));
}

/// Pinned by mutation testing: an extension in another unit runs from the
/// end of the base period, and the answer is provisional when either end
/// needs days no notice covers. Filed 1 Sep 2026: 90 days end on Monday
/// 30 Nov 2026 (covered); two more months end on Saturday 30 Jan 2027,
/// beyond the notices: by the weekly rule, Monday 1 Feb 2027, provisional.
#[test]
fn extension_in_months_is_provisional_beyond_coverage() {
    use jiceng_calendar::CoveragePolicy;
    use jiceng_enforcement::{Limits, deadlines::decision_due};
    let cal = crate::cal().with_policy(CoveragePolicy::Provisional);
    let limits = Limits {
        extension: Some("2m".parse().unwrap()),
        ..Limits::default()
    };
    let due = decision_due(&cal, day("2026-09-01"), &limits, true, &[]).unwrap();
    assert_eq!((due.end, due.provisional), (day("2027-02-01"), true));
    let base = decision_due(&cal, day("2026-09-01"), &limits, false, &[]).unwrap();
    assert_eq!((base.end, base.provisional), (day("2026-11-30"), false));
}

/// Pinned by mutation testing: a suspension that starts on the last day of
/// the 90 stops the clock. Filed 5 Mar 2025, due 3 Jun; suspended 3 Jun,
/// resumed 6 Jun (3 days out): due Friday 6 Jun.
#[test]
fn suspension_starting_on_the_last_day_counts() {
    let e = eval(
        r#"{"id": "s", "events": [{"date": "2025-03-05", "kind": "filed"},
            {"date": "2025-06-03", "kind": "suspended", "reason": "appraisal"},
            {"date": "2025-06-06", "kind": "resumed"}]}"#,
        "2025-06-06",
    );
    assert_eq!(e.deadlines.decision_due, Some(day("2025-06-06")));
    assert_eq!(e.deadlines.excluded_days, 3);
}
