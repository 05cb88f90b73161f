//! Arts. 43, 47–48 and 50: preliminary review, hearings and renewal, with
//! dates worked by hand from the 2025 notice (国办发明电〔2024〕12号: 清明节
//! 4–6 Apr off; 劳动节 1–5 May off, Sunday 27 Apr worked; 端午节 31 May–
//! 2 Jun off).
//!
//! From Monday 3 Mar 2025, 20 working days: 4–7 (4), 10–14 (9), 17–21
//! (14), 24–28 (19), 31 Mar (20) → 31 Mar.

use jiceng_approvals::{Case, Evaluation, Flag, Options, Status, evaluate, explain};

use crate::{cal, day};

fn eval_json(json: &str, at: &str) -> Evaluation {
    let c: Case = serde_json::from_str(json).unwrap();
    evaluate(&c, day(at), &cal(), &Options::default()).unwrap()
}

fn flags(e: &Evaluation) -> Vec<Flag> {
    e.flags.iter().collect()
}

/// What must hold of an evaluation, or why not.
type Expect<'a> = &'a dyn Fn(&Evaluation) -> Result<(), String>;

/// (name, case JSON, evaluation date, check).
fn check(rows: &[(&str, &str, &str, Expect<'_>)]) {
    let mut failures = Vec::new();
    for (name, json, at, f) in rows {
        if let Err(m) = f(&eval_json(json, at)) {
            failures.push(format!("{name}: {m}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn same<T: PartialEq + std::fmt::Debug>(what: &str, got: T, want: T) -> Result<(), String> {
    if got == want {
        Ok(())
    } else {
        Err(format!("{what}: expected {want:?}, got {got:?}"))
    }
}

const REVIEW: &str = r#"{"id":"r","preliminary_review":true,"events":[{"date":"2025-03-03","kind":"received"},{"date":"2025-03-03","kind":"accepted"}"#;

#[test]
fn art_43_the_lower_agency_reviews_first() {
    let forwarded = format!(r#"{REVIEW},{{"date":"2025-03-14","kind":"forwarded"}}]}}"#);
    let pending = format!("{REVIEW}]}}");
    let late = format!(r#"{REVIEW},{{"date":"2025-04-01","kind":"forwarded"}}]}}"#);
    let last_day = format!(r#"{REVIEW},{{"date":"2025-03-31","kind":"forwarded"}}]}}"#);
    check(&[
        // Forwarded 14 Mar: the deciding agency's 20 working days from
        // then: 17–21 (5), 24–28 (10), 31 (11), 1–3 Apr (14), 7–11 (19),
        // 14 Apr (20) → 14 Apr.
        ("forwarded", &forwarded, "2025-03-20", &|e| {
            same(
                "review_due",
                e.deadlines.review_due,
                Some(day("2025-03-31")),
            )?;
            same(
                "statutory",
                e.deadlines.statutory_due,
                Some(day("2025-04-14")),
            )?;
            same("status", e.status, Status::OnTrack)?;
            same("flags", flags(e), vec![])
        }),
        // Not forwarded on 31 Mar, the review's last day: under review.
        ("pending-last-day", &pending, "2025-03-31", &|e| {
            same("statutory", e.deadlines.statutory_due, None)?;
            same("status", e.status, Status::PreliminaryReview)?;
            same("flags", flags(e), vec![])
        }),
        // Not forwarded on 1 Apr: late.
        ("pending-day-after", &pending, "2025-04-01", &|e| {
            same("status", e.status, Status::PreliminaryReview)?;
            same("flags", flags(e), vec![Flag::PreliminaryReviewLate])
        }),
        // Forwarded on 31 Mar, the review's last day: in time; the clock
        // from 31 Mar: 1–3 Apr (3), 7–11 (8), 14–18 (13), 21–25 (18),
        // Sunday 27 Apr (19), 28 Apr (20) → 28 Apr.
        ("forwarded-last-day", &last_day, "2025-04-01", &|e| {
            same(
                "statutory",
                e.deadlines.statutory_due,
                Some(day("2025-04-28")),
            )?;
            same("forwarded", e.deadlines.forwarded, Some(day("2025-03-31")))?;
            same("flags", flags(e), vec![])
        }),
        // Forwarded 1 Apr: flagged; the clock from 1 Apr: 2–3 (2), 7–11
        // (7), 14–18 (12), 21–25 (17), Sunday 27 Apr (18), 28–29 Apr (20)
        // → 29 Apr.
        ("forwarded-late", &late, "2025-04-02", &|e| {
            same(
                "statutory",
                e.deadlines.statutory_due,
                Some(day("2025-04-29")),
            )?;
            same("flags", flags(e), vec![Flag::PreliminaryReviewLate])
        }),
    ]);
}

const ACC: &str = r#"{"id":"h","events":[{"date":"2025-03-03","kind":"received"},{"date":"2025-03-03","kind":"accepted"}"#;

#[test]
fn art_47_the_request_within_5_days_and_the_hearing_within_20() {
    // Told Wednesday 5 Mar: 5 calendar days → Monday 10 Mar.
    let on_time = format!(
        r#"{ACC},{{"date":"2025-03-05","kind":"hearing_notified"}},{{"date":"2025-03-10","kind":"hearing_requested"}}]}}"#
    );
    let late = format!(
        r#"{ACC},{{"date":"2025-03-05","kind":"hearing_notified"}},{{"date":"2025-03-11","kind":"hearing_requested"}}]}}"#
    );
    // Told Tuesday 4 Mar: 5 days end Sunday 9 Mar, a day off: moved to
    // Monday 10 Mar (Civil Code Art. 203).
    let rolled = format!(
        r#"{ACC},{{"date":"2025-03-04","kind":"hearing_notified"}},{{"date":"2025-03-10","kind":"hearing_requested"}}]}}"#
    );
    // Requested 10 Mar: held within 20 working days: 11–14 (4), 17–21 (9),
    // 24–28 (14), 31 (15), 1–3 Apr (18), 7 (19), 8 Apr (20) → 8 Apr.
    let held = |date: &str| {
        format!(
            r#"{ACC},{{"date":"2025-03-10","kind":"hearing_requested"}},{{"date":"{date}","kind":"hearing_held"}}]}}"#
        )
    };
    let open = format!(r#"{ACC},{{"date":"2025-03-10","kind":"hearing_requested"}}]}}"#);
    let held_8 = held("2025-04-08");
    let held_9 = held("2025-04-09");
    let held_20 = held("2025-03-20");
    check(&[
        ("request-on-time", &on_time, "2025-03-10", &|e| {
            same(
                "due",
                e.deadlines.hearing_request_due,
                Some(day("2025-03-10")),
            )?;
            same("flags", flags(e), vec![])?;
            same("status", e.status, Status::Suspended)
        }),
        ("request-late", &late, "2025-03-11", &|e| {
            same("flags", flags(e), vec![Flag::HearingRequestLate])
        }),
        ("request-rolled", &rolled, "2025-03-10", &|e| {
            same(
                "due",
                e.deadlines.hearing_request_due,
                Some(day("2025-03-10")),
            )?;
            same("flags", flags(e), vec![])
        }),
        ("held-last-day", &held_8, "2025-04-08", &|e| {
            same(
                "hearing_due",
                e.deadlines.hearing_due,
                Some(day("2025-04-08")),
            )?;
            same("flags", flags(e), vec![])
        }),
        ("held-day-after", &held_9, "2025-04-09", &|e| {
            same("flags", flags(e), vec![Flag::HearingHeldLate])
        }),
        // Not held yet: in time on 8 Apr, late on 9 Apr.
        ("open-last-day", &open, "2025-04-08", &|e| {
            same("flags", flags(e), vec![])
        }),
        ("open-day-after", &open, "2025-04-09", &|e| {
            same("flags", flags(e), vec![Flag::HearingHeldLate])
        }),
        // Hearing time is not counted (Art. 45): 10–20 Mar, the hearing day
        // included, stops 9 working days (10–14, 17–20); 31 Mar + 9: 1–3
        // Apr (3), 7–11 (8), 14 Apr (9) → 14 Apr. The clock runs again on
        // 21 Mar.
        ("held-clock", &held_20, "2025-03-21", &|e| {
            same(
                "statutory",
                e.deadlines.statutory_due,
                Some(day("2025-04-14")),
            )?;
            same("suspended days", e.suspended_working_days, 9)?;
            same("status", e.status, Status::OnTrack)
        }),
    ]);
}

#[test]
fn art_48_parties_told_7_days_before_the_hearing() {
    let scheduled = |told: &str| {
        format!(
            r#"{ACC},{{"date":"2025-03-10","kind":"hearing_requested"}},{{"date":"{told}","kind":"hearing_scheduled","hearing_date":"2025-03-20"}}]}}"#
        )
    };
    // Hearing Thursday 20 Mar; told 11 Mar: 12–14, 17–20 = 7 working days
    // before: in time. Told 12 Mar: 6: too short.
    let told_11 = scheduled("2025-03-11");
    let told_12 = scheduled("2025-03-12");
    check(&[
        ("told-11", &told_11, "2025-03-12", &|e| {
            same(
                "notice_due",
                e.deadlines.hearing_notice_due,
                Some(day("2025-03-11")),
            )?;
            same("flags", flags(e), vec![])
        }),
        ("told-12", &told_12, "2025-03-12", &|e| {
            same("flags", flags(e), vec![Flag::HearingNoticeShort])
        }),
    ]);
}

#[test]
fn art_50_renewal_is_deemed_granted_without_a_decision_before_expiry() {
    // Valid through 30 Jun 2025: apply by 31 May (30 calendar days
    // before). Received Friday 30 May: 20 working days → 3–6 Jun (4),
    // 9–13 (9), 16–20 (14), 23–27 (19), 30 Jun (20) → 30 Jun.
    let timely = r#"{"id":"n","expires":"2025-06-30","events":[{"date":"2025-05-30","kind":"received"},{"date":"2025-05-30","kind":"accepted"}]}"#;
    let decided = r#"{"id":"n","expires":"2025-06-30","events":[{"date":"2025-05-30","kind":"received"},{"date":"2025-05-30","kind":"accepted"},{"date":"2025-06-30","kind":"decided","outcome":"granted"}]}"#;
    let late = r#"{"id":"n","expires":"2025-06-30","events":[{"date":"2025-06-03","kind":"received"},{"date":"2025-06-03","kind":"accepted"}]}"#;
    let early = r#"{"id":"n","expires":"2025-06-30","events":[{"date":"2025-05-30","kind":"received"},{"date":"2025-05-30","kind":"accepted"},{"date":"2025-06-20","kind":"decided","outcome":"granted"}]}"#;
    check(&[
        ("expiry-day", timely, "2025-06-30", &|e| {
            same(
                "apply_by",
                e.deadlines.renewal_apply_by,
                Some(day("2025-05-31")),
            )?;
            same("deemed", e.deadlines.renewal_deemed, false)?;
            same("flags", flags(e), vec![])
        }),
        ("day-after-expiry", timely, "2025-07-01", &|e| {
            same("deemed", e.deadlines.renewal_deemed, true)?;
            same(
                "flags",
                flags(e),
                vec![Flag::OverdueAgainstStatute, Flag::RenewalDeemedGranted],
            )
        }),
        ("decided-on-expiry", decided, "2025-07-01", &|e| {
            same("deemed", e.deadlines.renewal_deemed, false)?;
            same("status", e.status, Status::ClosedOnTime)
        }),
        // Decided 20 Jun, before expiry: not deemed.
        ("decided-before-expiry", early, "2025-07-01", &|e| {
            same("deemed", e.deadlines.renewal_deemed, false)?;
            same("flags", flags(e), vec![])
        }),
        // Applied 3 Jun, after 31 May: flagged, and not deemed granted on
        // 1 Jul, the last day of its own 20 working days (4–6 Jun (3), 9–13
        // (8), 16–20 (13), 23–27 (18), 30 Jun–1 Jul (20)).
        ("applied-late", late, "2025-07-01", &|e| {
            same(
                "statutory",
                e.deadlines.statutory_due,
                Some(day("2025-07-01")),
            )?;
            same("deemed", e.deadlines.renewal_deemed, false)?;
            same("flags", flags(e), vec![Flag::RenewalAppliedLate])
        }),
    ]);
    let c: Case = serde_json::from_str(timely).unwrap();
    let ex = explain(&c, day("2025-07-01"), &cal(), &Options::default()).unwrap();
    assert!(
        ex.statements
            .iter()
            .any(|s| s.article == "行政许可法第五十条" && s.en.contains("2025-05-31")),
        "{:?}",
        ex.statements
    );
}

/// A deadline past the last published notice (the bundled calendar's
/// notices end on 31 Dec 2026) is provisional. Accepted Monday 14 Dec
/// 2026, 20 working days: 15–18 (4), 21–25 (9), 28–31 Dec (13), then
/// 1 Jan 2027 is New Year's Day under the Measures (no notice yet),
/// 4–8 Jan (18), 11–12 Jan (20) → 12 Jan 2027, provisional. The 7-day
/// promise ends on 23 Dec 2026, inside the notices, but one provisional
/// deadline makes the evaluation's deadlines provisional. (Under the
/// calendar's provisional policy: the strict default refuses the day.)
#[test]
fn a_deadline_past_the_last_notice_is_provisional() {
    let cal = cal().with_policy(jiceng_calendar::CoveragePolicy::Provisional);
    let eval_json = |json: &str, at: &str| {
        let c: Case = serde_json::from_str(json).unwrap();
        evaluate(&c, day(at), &cal, &Options::default()).unwrap()
    };
    let e = eval_json(
        r#"{"id":"t","promised":"7wd","events":[{"date":"2026-12-14","kind":"received"},{"date":"2026-12-14","kind":"accepted"}]}"#,
        "2026-12-15",
    );
    assert_eq!(e.deadlines.statutory_due, Some(day("2027-01-12")));
    assert_eq!(e.deadlines.promised_due, Some(day("2026-12-23")));
    assert!(e.deadlines.provisional);
    let provisional = e;
    // Accepted a month earlier, every deadline lies inside the notices.
    let e = eval_json(
        r#"{"id":"t","promised":"7wd","events":[{"date":"2026-11-02","kind":"received"},{"date":"2026-11-02","kind":"accepted"}]}"#,
        "2026-11-03",
    );
    assert!(!e.deadlines.provisional);
    // The metrics count the provisional evaluations: 2 of these 3.
    let mut m = jiceng_approvals::Metrics::default();
    for x in [&provisional, &e, &provisional] {
        m.add(x);
    }
    assert_eq!((m.cases, m.provisional), (3, 2));
}
