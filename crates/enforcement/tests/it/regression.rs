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

/// Pinned by mutation testing: the bounds of the excluded intervals. A
/// hearing requested and held on one day leaves out that day; a suspension
/// resumed the next day leaves out one day.
#[test]
fn one_day_exclusions_count() {
    let heard = eval(
        r#"{"id": "h", "events": [{"date": "2025-03-05", "kind": "filed"},
            {"date": "2025-03-10", "kind": "notified"},
            {"date": "2025-03-12", "kind": "hearing_requested"},
            {"date": "2025-03-12", "kind": "hearing_held"}]}"#,
        "2025-03-20",
    );
    // 3 Jun + 1 = 4 Jun.
    assert_eq!(heard.deadlines.excluded_days, 1);
    assert_eq!(heard.deadlines.decision_due, Some(day("2025-06-04")));
    let paused = eval(
        r#"{"id": "s", "events": [{"date": "2025-03-05", "kind": "filed"},
            {"date": "2025-03-12", "kind": "suspended", "reason": "testing"},
            {"date": "2025-03-13", "kind": "resumed"}]}"#,
        "2025-03-20",
    );
    assert_eq!(paused.deadlines.excluded_days, 1);
    assert_eq!(paused.deadlines.decision_due, Some(day("2025-06-04")));
}

/// Pinned by mutation testing: more excluded intervals than the fast path
/// holds go through the calendar, with the same answer. Nine one-day
/// suspensions (10, 12, …, 26 Mar 2025, each resumed the next day) leave
/// out 9 days: 3 Jun + 9 = 12 Jun.
#[test]
fn many_suspensions_take_the_general_path() {
    let mut events = vec![r#"{"date": "2025-03-05", "kind": "filed"}"#.to_owned()];
    for k in 0..9 {
        let d = 10 + 2 * k;
        events.push(format!(
            r#"{{"date": "2025-03-{d:02}", "kind": "suspended", "reason": "testing"}}"#
        ));
        events.push(format!(
            r#"{{"date": "2025-03-{:02}", "kind": "resumed"}}"#,
            d + 1
        ));
    }
    let json = format!(r#"{{"id": "m", "events": [{}]}}"#, events.join(","));
    let e = eval(&json, "2025-04-01");
    assert_eq!(e.deadlines.excluded_days, 9);
    assert_eq!(e.deadlines.decision_due, Some(day("2025-06-12")));
}

/// Pinned by mutation testing: service on the last day of Art. 61 is in
/// time, and an unserved decision is late only after that day. Decided
/// Monday 3 Mar 2025: 4–7, 10–12 Mar: due 12 Mar.
#[test]
fn service_on_the_last_day_is_in_time() {
    let base = r#"{"id": "v", "events": [{"date": "2025-03-01", "kind": "filed"},
        {"date": "2025-03-02", "kind": "notified"},
        {"date": "2025-03-03", "kind": "decided", "penalties": [{"kind": "warning"}]}SERVED]}"#;
    let unserved = eval(&base.replace("SERVED", ""), "2025-03-12");
    assert_eq!(unserved.deadlines.service_due, Some(day("2025-03-12")));
    assert!(unserved.flags.is_empty());
    assert!(
        !eval(&base.replace("SERVED", ""), "2025-03-13")
            .flags
            .is_empty()
    );
    let served = base.replace("SERVED", r#",{"date": "2025-03-12", "kind": "served"}"#);
    assert!(eval(&served, "2025-03-20").flags.is_empty());
    let late = base.replace("SERVED", r#",{"date": "2025-03-13", "kind": "served"}"#);
    assert!(!eval(&late, "2025-03-20").flags.is_empty());
}

/// Pinned by mutation testing: one extension is not "repeated", and a flag
/// inserted twice stays set.
#[test]
fn one_extension_is_not_repeated() {
    use jiceng_enforcement::{Flag, Flags};
    let e = eval(
        r#"{"id": "x", "extension": "30d", "events": [{"date": "2025-03-05", "kind": "filed"},
            {"date": "2025-05-20", "kind": "extended", "approved_by": "负责人"}]}"#,
        "2025-05-21",
    );
    assert!(e.flags.is_empty());
    let mut f = Flags::default();
    f.insert(Flag::TwoFines);
    f.insert(Flag::TwoFines);
    assert!(f.contains(Flag::TwoFines));
    assert_eq!(f.iter().count(), 1);
}

/// Pinned by mutation testing: 10^15 yuan is the largest fine accepted.
#[test]
fn largest_fine_is_accepted() {
    let s = surcharge(
        yuan("1000000000000000"),
        day("2025-01-01"),
        day("2025-01-02"),
    )
    .unwrap();
    assert_eq!(s.surcharge.to_string(), "30000000000000.00");
}

/// Pinned by mutation testing: the reasons Art. 33 does not apply are
/// exactly the conditions that fail.
#[test]
fn exemption_reasons_are_exact() {
    use jiceng_enforcement::{Facts, Harm, exemption};
    let f = |minor, corrected, harm, first| Facts {
        minor,
        corrected_promptly: corrected,
        harm,
        first_violation: first,
        no_fault_proven: false,
    };
    assert_eq!(
        exemption(&f(false, false, Harm::Serious, true)).reasons,
        ["行政处罚法第三十三条 does not apply: not promptly corrected; harm more than slight"]
    );
    assert_eq!(
        exemption(&f(false, true, Harm::Slight, false)).reasons,
        ["行政处罚法第三十三条 does not apply: neither minor nor a first violation"]
    );
}

/// Pinned by mutation testing: a confiscation's amount is checked like a
/// fine's; a hearing may be scheduled for the day of the notice; a
/// violation may name up to 1,000 items.
#[test]
fn amounts_dates_and_bounds_at_the_edge() {
    use jiceng_enforcement::{Error, Proceeding};
    for p in [
        r#"{"kind": "confiscate_gains", "amount": "-1"}"#,
        r#"{"kind": "confiscate_property", "value": "-1"}"#,
    ] {
        let json = format!(
            r#"{{"id": "c", "events": [{{"date": "2025-03-05", "kind": "filed"}},
                {{"date": "2025-03-06", "kind": "decided", "penalties": [{p}]}}]}}"#
        );
        let c = crate::case(&json);
        let e = Proceeding::replay(&c.events, None).unwrap_err();
        assert!(matches!(e, Error::AtEvent { index: 1, .. }), "{e}");
    }
    let c = crate::case(
        r#"{"id": "h", "events": [{"date": "2025-03-05", "kind": "filed"},
            {"date": "2025-03-06", "kind": "notified"}, {"date": "2025-03-07", "kind": "hearing_requested"},
            {"date": "2025-03-10", "kind": "hearing_scheduled", "hearing_on": "2025-03-10"}]}"#,
    );
    assert!(Proceeding::replay(&c.events, None).is_ok());
    let ledger = jiceng_authority::Ledger::hebei_sample();
    let items = vec!["HB-CF-001"; 1000];
    let j = jiceng_enforcement::jurisdiction::resolve(
        &ledger,
        &items,
        "130430104000",
        day("2024-06-01"),
    )
    .unwrap();
    assert_eq!(j.count, 1);
}

/// Case EXT3d's log with the extension approved on `approved` and the
/// decision (a warning, the party present) on 21 Oct 2025. The rule allows
/// one extension of 30 days.
fn ext3(approved: &str) -> String {
    format!(
        r#"{{"id":"EXT3d","extension":"30d","party":{{"kind":"citizen","name":"a"}},"events":[{{"date":"2025-07-03","kind":"filed"}},{{"date":"2025-09-01","kind":"notified"}},{{"date":"{approved}","kind":"extended","approved_by":"负责人"}},{{"date":"2025-10-21","kind":"decided","penalties":[{{"kind":"warning"}}],"party_present":true}}]}}"#
    )
}

/// An extension approved after the 90 days had run out was counted, and
/// the decision after them reported in time. Filed 3 Jul 2025: 28 + 31 +
/// 30 + 1 = 90 days end on 1 Oct, National Day, rolled to Thursday 9 Oct
/// (1–8 Oct off). Approved on 20 Oct, the extension came after the period
/// had expired: it is not counted, it is flagged, and the decision of 21
/// Oct is late against 9 Oct.
#[test]
fn extension_after_the_period_ran_out_is_not_counted() {
    use jiceng_enforcement::Flag;
    let e = eval(&ext3("2025-10-20"), "2025-10-21");
    assert_eq!(e.deadlines.decision_due, Some(day("2025-10-09")));
    let flags: Vec<Flag> = e.flags.iter().collect();
    assert_eq!(flags, [Flag::DecisionLate, Flag::ExtensionLate]);
    // The day after the rolled end is already late.
    let e = eval(&ext3("2025-10-10"), "2025-10-21");
    assert_eq!(e.deadlines.decision_due, Some(day("2025-10-09")));
    assert!(e.flags.contains(Flag::ExtensionLate));
}

/// The period runs through its rolled last day: an extension approved on
/// Thursday 9 Oct 2025 counts. 90 + 30 = 120 days from 3 Jul: 1 Oct + 30 =
/// Friday 31 Oct, a working day; the decision of 21 Oct is in time.
#[test]
fn extension_on_the_rolled_last_day_counts() {
    let e = eval(&ext3("2025-10-09"), "2025-10-21");
    assert_eq!(e.deadlines.decision_due, Some(day("2025-10-31")));
    assert!(e.flags.is_empty(), "{:?}", e.flags);
}

/// Left-out time keeps the period running, so an extension approved after
/// the bare 90 days but before the moved end counts. A hearing from 23 Sep
/// to 10 Oct 2025 is 8 + 10 = 18 days: the 90 days end on 1 Oct + 18 =
/// Sunday 19 Oct, rolled to Monday 20 Oct. An extension approved on 20 Oct
/// counts: 90 + 30 days end on 31 Oct + 18 = Tuesday 18 Nov.
#[test]
fn extension_within_the_moved_end_counts() {
    let json = r#"{"id":"E","extension":"30d","party":{"kind":"citizen","name":"a"},"events":[{"date":"2025-07-03","kind":"filed"},{"date":"2025-09-22","kind":"notified"},{"date":"2025-09-23","kind":"hearing_requested"},{"date":"2025-10-10","kind":"hearing_held"},{"date":"2025-10-20","kind":"extended","approved_by":"负责人"}]}"#;
    let e = eval(json, "2025-10-21");
    assert_eq!(e.deadlines.decision_due, Some(day("2025-11-18")));
    assert!(e.flags.is_empty(), "{:?}", e.flags);
}

/// A case filed on 3 Jul 2025 and notified on Monday 1 Sep, with a hearing
/// requested on `requested`, `then` the events after it, fined 5,000 yuan.
/// The 5 working days to request end on Monday 8 Sep (2, 3, 4, 5, 8 Sep).
fn hearing_case(requested: &str, then: &str) -> String {
    format!(
        r#"{{"id":"HL","party":{{"kind":"citizen","name":"a"}},"events":[{{"date":"2025-07-03","kind":"filed"}},{{"date":"2025-09-01","kind":"notified"}},{{"date":"{requested}","kind":"hearing_requested"}}{then}]}}"#
    )
}

const DECIDED_15_OCT: &str = r#",{"date":"2025-10-15","kind":"decided","penalties":[{"kind":"fine","amount":"5000.00"}],"party_present":true}"#;

/// A hearing never held was left out of the 90 days up to the decision.
/// Case HL1 requests on 9 Sep, out of time, and HL2 on 8 Sep, in time;
/// neither hearing is held, and both are decided on 15 Oct 2025. With no
/// hearing there is no hearing time: the decision is due on 9 Oct (1 Oct
/// rolled past National Day), no day left out, and both are late. Before,
/// HL1 left out 9 Sep–15 Oct (22 + 15 = 37 days) and was due 7 Nov.
#[test]
fn hearing_never_held_excludes_nothing() {
    use jiceng_enforcement::{Flag, Metrics};
    let mut m = Metrics::default();
    for (requested, flags) in [
        ("2025-09-09", &[Flag::DecisionLate][..]),
        ("2025-09-08", &[Flag::DecisionLate, Flag::HearingDenied][..]),
    ] {
        let e = eval(&hearing_case(requested, DECIDED_15_OCT), "2025-10-20");
        assert_eq!(
            (e.deadlines.decision_due, e.deadlines.excluded_days),
            (Some(day("2025-10-09")), 0),
            "{requested}"
        );
        let got: Vec<Flag> = e.flags.iter().collect();
        assert_eq!(got, flags, "{requested}");
        m.add(&e);
    }
    let s = m.summary();
    assert_eq!((s.decided_in_time, s.decided), (0, 2));
}

/// A hearing requested in time and still pending, with no decision, stops
/// the clock through the evaluation date. HL2 on 10 Oct 2025: 8–30 Sep is
/// 23 days and 1–10 Oct 10, so 33 days are left out, and the 90 days end
/// on 1 Oct + 33 = Monday 3 Nov. Decided on 15 Oct without the hearing,
/// the same case is due on 9 Oct after all.
#[test]
fn pending_hearing_stops_the_clock_until_decided() {
    let e = eval(&hearing_case("2025-09-08", ""), "2025-10-10");
    assert_eq!(
        (
            e.deadlines.decision_due,
            e.deadlines.excluded_days,
            e.status
        ),
        (Some(day("2025-11-03")), 33, Status::Investigating)
    );
    let e = eval(&hearing_case("2025-09-08", DECIDED_15_OCT), "2025-10-15");
    assert_eq!(e.deadlines.decision_due, Some(day("2025-10-09")));
}

/// A request out of time leaves nothing out, even when the agency holds the
/// hearing: the law gives the clock's pause to the party's right, which was
/// not exercised in time. Requested on 9 Sep, held on 20 Sep 2025: due 9
/// Oct all the same. Requested in time (8 Sep) and held on 20 Sep, 8–20
/// Sep (13 days) is left out: 1 Oct + 13 = Tuesday 14 Oct.
#[test]
fn hearing_on_a_late_request_excludes_nothing() {
    let held = r#",{"date":"2025-09-20","kind":"hearing_held"}"#;
    let e = eval(&hearing_case("2025-09-09", held), "2025-09-30");
    assert_eq!(
        (e.deadlines.decision_due, e.deadlines.excluded_days),
        (Some(day("2025-10-09")), 0)
    );
    let e = eval(&hearing_case("2025-09-08", held), "2025-09-30");
    assert_eq!(
        (e.deadlines.decision_due, e.deadlines.excluded_days),
        (Some(day("2025-10-14")), 13)
    );
}

/// Pinned by mutation testing: a hearing requested in time and never held
/// stops the clock only while the case is open. HL2 (requested 8 Sep 2025)
/// transferred on 20 Sep: nothing is left out, due 9 Oct.
#[test]
fn hearing_pending_at_a_transfer_excludes_nothing() {
    let t = r#",{"date":"2025-09-20","kind":"transferred","to":"公安机关"}"#;
    let e = eval(&hearing_case("2025-09-08", t), "2025-10-20");
    assert_eq!(
        (
            e.deadlines.decision_due,
            e.deadlines.excluded_days,
            e.status
        ),
        (Some(day("2025-10-09")), 0, Status::Transferred)
    );
}
